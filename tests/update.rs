//! Driving the app through actions, without a terminal, and then through
//! the real loop on a `TestBackend` with scripted keys.

mod common;

use std::path::{Path, PathBuf};

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use jiff::Timestamp;
use scrutiny::model::merge::OTHER_NOTE_MARK;
use scrutiny::tui::app::{
    Action, App, DiskContents, DiskPurpose, Effect, Message, ModeKind, Msg, PaneKind, SaveOutcome,
};
use scrutiny::tui::runner::{Events, Exit};
use scrutiny::{
    files::{load_review, to_yaml},
    model::{Inspection, Review, Stamp, Status},
};

use common::{NOW, Script, date, example_inspection, key, new_app, note, temp_dir};

const REVIEW_PATH: &str = "/tmp/x.review.yaml";

fn app_with(review: Review, path: PathBuf, on_disk: Option<Vec<u8>>) -> App {
    new_app(
        example_inspection(),
        review,
        path,
        on_disk,
        date("2020-04-01"),
    )
}

fn app() -> App {
    let inspection = example_inspection();
    let review = Review::new(inspection.meta.id.clone());
    app_with(review, PathBuf::from(REVIEW_PATH), None)
}

/// Type into the editor open; no key asks for anything.
fn type_text(app: &mut App, text: &str) {
    assert_eq!(common::type_text(app, text), []);
}

fn written(app: &App) -> SaveOutcome {
    SaveOutcome::Written {
        path: app.save().path.clone(),
        bytes: app.review_yaml().into_bytes(),
    }
}

// ------------------------------------------------------------- moving

#[test]
fn the_app_starts_on_the_first_finding_with_three_panes() {
    let app = app();
    let kinds: Vec<PaneKind> = app.panes().iter().map(|p| p.kind).collect();
    assert_eq!(
        kinds,
        [
            PaneKind::Items(scrutiny::model::Kind::Finding),
            PaneKind::Items(scrutiny::model::Kind::Strength),
            PaneKind::Items(scrutiny::model::Kind::Recommendation),
        ]
    );
    assert_eq!(app.focus(), 0);
    assert_eq!(app.selected_id(), Some("F1"));
    assert_eq!(app.mode().kind(), ModeKind::Normal);
    assert_eq!(*app.message(), None);
    assert_eq!(app.progress(), (0, 25));
}

#[test]
fn moving_down_and_up_clamps_at_the_ends() {
    let mut app = app();
    assert_eq!(app.update(Action::MoveUp), []);
    assert_eq!(app.selected_id(), Some("F1"));
    app.update(Action::MoveDown);
    assert_eq!(app.selected_id(), Some("F2"));
    for _ in 0..20 {
        app.update(Action::MoveDown);
    }
    assert_eq!(app.selected_id(), Some("F11"));
    app.update(Action::MoveUp);
    assert_eq!(app.selected_id(), Some("F10"));
}

#[test]
fn top_and_bottom_go_to_the_ends() {
    let mut app = app();
    app.update(Action::Bottom);
    assert_eq!(app.selected_id(), Some("F11"));
    app.update(Action::Bottom);
    assert_eq!(app.selected_id(), Some("F11"));
    app.update(Action::Top);
    assert_eq!(app.selected_id(), Some("F1"));
    app.update(Action::Top);
    assert_eq!(app.selected_id(), Some("F1"));
}

#[test]
fn paging_moves_by_the_pane_height_and_clamps() {
    let mut app = app();
    // A frame showed four rows of the pane.
    app.update(Msg::Drawn(scrutiny::tui::layout::ScreenLayout {
        lists: vec![scrutiny::tui::layout::ListView {
            pane: 0,
            offset: 0,
            height: 4,
        }],
        ..Default::default()
    }));
    app.update(Action::PageDown);
    assert_eq!(app.selected_id(), Some("F5"));
    app.update(Action::PageDown);
    assert_eq!(app.selected_id(), Some("F9"));
    app.update(Action::PageDown);
    assert_eq!(app.selected_id(), Some("F11"));
    app.update(Action::PageUp);
    assert_eq!(app.selected_id(), Some("F7"));
    app.update(Action::PageUp);
    app.update(Action::PageUp);
    assert_eq!(app.selected_id(), Some("F1"));
}

#[test]
fn panes_wrap_both_ways_and_keep_their_selection() {
    let mut app = app();
    app.update(Action::MoveDown);
    app.update(Action::NextPane);
    assert_eq!(app.focus(), 1);
    assert_eq!(app.selected_id(), Some("S1"));
    app.update(Action::NextPane);
    assert_eq!(app.selected_id(), Some("R1"));
    app.update(Action::NextPane);
    assert_eq!(app.focus(), 0);
    assert_eq!(app.selected_id(), Some("F2"), "selection kept per pane");
    app.update(Action::PrevPane);
    assert_eq!(app.focus(), 2);
    assert_eq!(app.selected_id(), Some("R1"));
    app.update(Action::PrevPane);
    assert_eq!(app.focus(), 1);
}

#[test]
fn moving_resets_the_detail_scroll() {
    let mut app = app();
    app.update(Action::DetailDown);
    assert_eq!(app.detail_scroll(), 3);
    app.update(Action::DetailUp);
    app.update(Action::DetailUp);
    assert_eq!(app.detail_scroll(), 0);
    app.update(Action::DetailDown);
    app.update(Action::MoveDown);
    assert_eq!(app.detail_scroll(), 0);
}

// ------------------------------------------------------------- status

#[test]
fn setting_a_status_records_it_and_asks_for_a_save() {
    let mut app = app();
    app.update(Action::MoveDown);
    assert_eq!(
        common::shapes(&app.update(Action::SetStatus(Status::Accepted))),
        ["Save"]
    );
    assert_eq!(app.status("F2"), Status::Accepted);
    assert_eq!(app.status("F1"), Status::Unreviewed);
    assert!(app.save().unsaved);
    let entry = app.entry("F2").expect("an entry for F2");
    let at: Timestamp = NOW.parse().expect("time");
    assert_eq!(entry.updated, Some(at));
    assert_eq!(entry.history.len(), 1);
    assert_eq!(entry.history[0].by, "tester");
    assert_eq!(entry.history[0].at, at);
    assert_eq!(entry.history[0].change.status, Some(Status::Accepted));
    assert_eq!(
        *app.message(),
        Some(Message::Info("F2: Accepted".into())),
        "the change is confirmed in the footer"
    );
    assert_eq!(app.progress(), (1, 25));
}

#[test]
fn setting_the_same_status_again_does_nothing() {
    let mut app = app();
    app.update(Action::SetStatus(Status::Complete));
    app.update(Msg::Saved(written(&app)));
    assert!(!app.save().unsaved);
    assert_eq!(app.update(Action::SetStatus(Status::Complete)), []);
    assert!(!app.save().unsaved);
    assert_eq!(app.entry("F1").map(|e| e.history.len()), Some(1));
    // Unreviewed on an untouched item is no change either.
    app.update(Action::MoveDown);
    assert_eq!(app.update(Action::SetStatus(Status::Unreviewed)), []);
    assert!(app.entry("F2").is_none());
}

#[test]
fn every_status_can_be_set_and_each_is_recorded() {
    let mut app = app();
    for status in Status::ALL.into_iter().skip(1).chain([Status::Unreviewed]) {
        assert_eq!(
            common::shapes(&app.update(Action::SetStatus(status))),
            ["Save"]
        );
        assert_eq!(app.status("F1"), status);
    }
    let history = &app.entry("F1").expect("entry").history;
    assert_eq!(history.len(), 6);
    assert_eq!(history[5].change.status, Some(Status::Unreviewed));
    assert!(
        app.review_yaml().contains("  F1:\n"),
        "kept after going back to unreviewed"
    );
}

// -------------------------------------------------------------- notes

#[test]
fn typing_a_note_with_enter_keeps_the_exact_text() {
    let mut app = app();
    assert_eq!(app.update(Action::EditNote), []);
    assert_eq!(app.mode().kind(), ModeKind::Note);
    type_text(&mut app, "a\nb");
    assert_eq!(app.note_draft(), Some(("F1", "a\nb".to_owned())));
    assert_eq!(note(&app, "F1"), None, "nothing is kept before leaving");
    assert_eq!(common::shapes(&app.update(Action::KeepNote)), ["Save"]);
    assert_eq!(app.mode().kind(), ModeKind::Normal);
    assert_eq!(note(&app, "F1").as_deref(), Some("a\nb"));
    let entry = app.entry("F1").expect("entry");
    assert_eq!(entry.status, Status::Unreviewed, "a note sets no status");
    assert_eq!(entry.history.len(), 1);
    assert_eq!(entry.history[0].by, "tester");
}

#[test]
fn back_in_the_note_editor_keeps_the_text_too() {
    let mut app = app();
    app.update(Action::EditNote);
    type_text(&mut app, "kept");
    assert_eq!(common::shapes(&app.update(Action::Back)), ["Save"]);
    assert_eq!(app.mode().kind(), ModeKind::Normal);
    assert_eq!(note(&app, "F1").as_deref(), Some("kept"));
}

#[test]
fn leaving_the_note_editor_without_a_change_saves_nothing() {
    let mut app = app();
    app.update(Action::EditNote);
    assert_eq!(app.update(Action::KeepNote), []);
    assert!(app.entry("F1").is_none());
    assert!(!app.save().unsaved);
}

#[test]
fn reopening_a_note_edits_the_existing_text_at_its_end() {
    let mut app = app();
    app.update(Action::EditNote);
    type_text(&mut app, "one\ntwo");
    app.update(Action::KeepNote);
    app.update(Action::EditNote);
    type_text(&mut app, "!\nthree");
    app.update(Action::KeepNote);
    assert_eq!(note(&app, "F1").as_deref(), Some("one\ntwo!\nthree"));
}

#[test]
fn clearing_a_note_removes_it() {
    let mut app = app();
    app.update(Action::EditNote);
    type_text(&mut app, "ab");
    app.update(Action::KeepNote);
    app.update(Action::EditNote);
    app.update(Msg::EditorKey(key(KeyCode::Backspace)));
    app.update(Msg::EditorKey(key(KeyCode::Backspace)));
    assert_eq!(common::shapes(&app.update(Action::KeepNote)), ["Save"]);
    assert_eq!(note(&app, "F1"), None);
    assert_eq!(app.entry("F1").map(|e| e.history.len()), Some(2));
}

#[test]
fn pasting_into_a_note_normalises_line_ends() {
    let mut app = app();
    app.update(Action::EditNote);
    app.update(Msg::Paste("x\r\ny\rz\n".into()));
    app.update(Action::KeepNote);
    assert_eq!(note(&app, "F1").as_deref(), Some("x\ny\nz\n"));
}

#[test]
fn pasting_outside_an_editor_changes_nothing() {
    let mut app = app();
    assert_eq!(app.update(Msg::Paste("2".into())), []);
    assert!(app.entry("F1").is_none());
}

#[test]
fn keys_in_the_note_editor_do_not_act_as_commands() {
    let mut app = app();
    app.update(Action::EditNote);
    // `q`, `j` and `2` are commands in normal mode; here they are text.
    for c in ['q', 'j', '2'] {
        let action = app
            .keys()
            .msg_for(app.mode().kind(), key(KeyCode::Char(c)))
            .expect("editor keys map to an action");
        assert_eq!(app.update(action), []);
    }
    app.update(Action::KeepNote);
    assert_eq!(note(&app, "F1").as_deref(), Some("qj2"));
    assert_eq!(app.status("F1"), Status::Unreviewed);
    assert_eq!(app.selected_id(), Some("F1"));
}

// -------------------------------------------------------------- owner

#[test]
fn editing_the_owner_and_accepting_sets_it() {
    let mut app = app();
    app.update(Action::EditOwner);
    assert_eq!(app.mode().kind(), ModeKind::Owner);
    type_text(&mut app, "Head of Prevent");
    assert_eq!(common::shapes(&app.update(Action::Accept)), ["Save"]);
    assert_eq!(app.mode().kind(), ModeKind::Normal);
    let entry = app.entry("F1").expect("entry");
    assert_eq!(entry.owner.as_deref(), Some("Head of Prevent"));
    assert_eq!(
        entry.history[0].change.owner.as_deref(),
        Some("Head of Prevent")
    );
}

#[test]
fn editing_the_owner_and_going_back_cancels() {
    let mut app = app();
    app.update(Action::EditOwner);
    type_text(&mut app, "Someone");
    assert_eq!(app.update(Action::Back), []);
    assert_eq!(app.mode().kind(), ModeKind::Normal);
    assert!(app.entry("F1").is_none());
    assert!(!app.save().unsaved);
}

#[test]
fn the_owner_editor_starts_with_the_owner_and_pastes_one_line() {
    let mut app = app();
    app.update(Action::EditOwner);
    type_text(&mut app, "A");
    app.update(Action::Accept);
    app.update(Action::EditOwner);
    app.update(Msg::Paste("\r\nB\nC".into()));
    app.update(Action::Accept);
    let owner = app.entry("F1").and_then(|e| e.owner.clone());
    assert_eq!(owner.as_deref(), Some("A B C"));
}

// ---------------------------------------------------------- help, quit

#[test]
fn help_opens_scrolls_and_closes() {
    let mut app = app();
    app.update(Action::Help);
    assert_eq!(app.mode().kind(), ModeKind::Help);
    app.update(Action::MoveDown);
    assert_eq!(app.selected_id(), Some("F1"), "j scrolls the help instead");
    app.update(Action::Back);
    assert_eq!(app.mode().kind(), ModeKind::Normal);
}

#[test]
fn quitting_with_nothing_unsaved_quits() {
    let mut app = app();
    assert_eq!(app.update(Action::Quit), [Effect::Quit]);
}

#[test]
fn quitting_after_a_saved_change_quits() {
    let mut app = app();
    app.update(Action::SetStatus(Status::Accepted));
    assert_eq!(app.update(Msg::Saved(written(&app))), []);
    assert!(!app.save().unsaved);
    assert_eq!(app.update(Action::Quit), [Effect::Quit]);
}

#[test]
fn a_failed_save_keeps_the_change_and_quitting_asks_first() {
    let mut app = app();
    app.update(Action::SetStatus(Status::Accepted));
    assert_eq!(
        app.update(Msg::Saved(SaveOutcome::Failed("disk full".into()))),
        []
    );
    assert_eq!(app.status("F1"), Status::Accepted, "kept in memory");
    assert!(app.save().unsaved);
    assert_eq!(app.save().error.as_deref(), Some("disk full"));
    match &app.message() {
        Some(Message::Error(text)) => assert!(text.contains("disk full"), "{text}"),
        other => panic!("expected an error message, got {other:?}"),
    }
    assert_eq!(app.update(Action::Quit), []);
    assert_eq!(app.mode().kind(), ModeKind::ConfirmQuit);
    // Staying, then quitting anyway.
    assert_eq!(app.update(Action::Back), []);
    assert_eq!(app.mode().kind(), ModeKind::Normal);
    app.update(Action::Quit);
    assert_eq!(app.update(Action::QuitAnyway), [Effect::Quit]);
}

#[test]
fn confirm_quit_offers_to_save_elsewhere() {
    let mut app = app();
    app.update(Action::SetStatus(Status::Accepted));
    app.update(Msg::Saved(SaveOutcome::Failed("read-only".into())));
    app.update(Action::Quit);
    app.update(Action::SaveElsewhere);
    assert_eq!(app.mode().kind(), ModeKind::SaveAs);
    // The editor starts with a full path beside the review; replace it.
    let suggested = app.save().path.with_file_name("x.review-copy.yaml");
    for _ in 0..suggested.display().to_string().chars().count() {
        app.update(Msg::EditorKey(key(KeyCode::Backspace)));
    }
    type_text(&mut app, "/elsewhere/r.yaml");
    assert_eq!(
        common::shapes(&app.update(Action::Accept)),
        ["SaveTo(/elsewhere/r.yaml)"]
    );
    let outcome = SaveOutcome::Written {
        path: PathBuf::from("/elsewhere/r.yaml"),
        bytes: app.review_yaml().into_bytes(),
    };
    assert_eq!(app.update(Msg::Saved(outcome)), []);
    assert!(!app.save().unsaved);
    assert_eq!(
        app.save().saved_elsewhere.as_deref(),
        Some(Path::new("/elsewhere/r.yaml"))
    );
    assert_eq!(
        app.save().path,
        Path::new("/elsewhere/r.yaml"),
        "later saves go to the new file"
    );
    assert_eq!(
        app.save().on_disk.as_deref(),
        Some(app.review_yaml().as_bytes())
    );
    assert_eq!(app.update(Action::Quit), [Effect::Quit]);
}

#[test]
fn quitting_in_the_note_editor_saves_the_draft_then_quits() {
    let mut app = app();
    app.update(Action::EditNote);
    type_text(&mut app, "draft\nline");
    assert_eq!(common::shapes(&app.update(Action::Quit)), ["Save"]);
    assert_eq!(note(&app, "F1").as_deref(), Some("draft\nline"));
    assert_eq!(app.mode().kind(), ModeKind::Normal);
    assert_eq!(app.update(Msg::Saved(written(&app))), [Effect::Quit]);
}

#[test]
fn quitting_in_the_note_editor_when_the_save_fails_asks_first() {
    let mut app = app();
    app.update(Action::EditNote);
    type_text(&mut app, "draft");
    assert_eq!(common::shapes(&app.update(Action::Quit)), ["Save"]);
    assert_eq!(
        app.update(Msg::Saved(SaveOutcome::Failed("no space".into()))),
        []
    );
    assert_eq!(app.mode().kind(), ModeKind::ConfirmQuit);
    assert_eq!(note(&app, "F1").as_deref(), Some("draft"));
}

// ------------------------------------------------- disk changes, merge

#[test]
fn a_file_changed_on_disk_asks_what_to_do() {
    let mut app = app();
    app.update(Action::SetStatus(Status::Accepted));
    assert_eq!(app.update(Msg::Saved(SaveOutcome::ChangedOnDisk)), []);
    assert_eq!(app.mode().kind(), ModeKind::DiskChanged);
    assert_eq!(
        common::shapes(&app.update(Action::Merge)),
        ["ReadDisk(Merge)"]
    );
    assert_eq!(
        common::shapes(&app.update(Action::Reload)),
        ["ReadDisk(Reload)"]
    );
}

#[test]
fn deciding_later_keeps_the_change_unsaved() {
    let mut app = app();
    app.update(Action::SetStatus(Status::Accepted));
    app.update(Msg::Saved(SaveOutcome::ChangedOnDisk));
    assert_eq!(app.update(Action::Back), []);
    assert_eq!(app.mode().kind(), ModeKind::Normal);
    assert!(app.save().unsaved);
    assert_eq!(app.status("F1"), Status::Accepted);
    assert!(matches!(app.message(), Some(Message::Error(_))));
}

fn stamp(at: &str, by: &str) -> Stamp {
    Stamp {
        at: at.parse().expect("time"),
        by: by.into(),
    }
}

/// Another reviewer's file: F1 changed (a conflict with ours), F3 changed
/// only there, and an entry whose item is not in the inspection.
fn their_file(inspection: &Inspection) -> Vec<u8> {
    let mut theirs = Review::new(inspection.meta.id.clone());
    let s = stamp("2026-11-28T09:00:00Z", "colleague");
    theirs.set_status("F1", Status::InProgress, &s);
    theirs.set_note("F1", "their note", &s);
    theirs.set_status("F3", Status::Complete, &s);
    theirs.set_owner("F3", "Ops", &s);
    let mut text = to_yaml(&theirs, inspection);
    text = text.replace(
        "items:\n",
        "items:\n  GONE:\n    status: accepted\n    updated: 2026-11-28T09:00:00Z\n",
    );
    load_review(text.as_bytes(), &inspection.meta.id).expect("their file is valid");
    text.into_bytes()
}

#[test]
fn merging_keeps_both_sides_work() {
    let mut app = app();
    app.update(Action::SetStatus(Status::Accepted));
    app.update(Action::EditNote);
    type_text(&mut app, "my note");
    app.update(Action::KeepNote);
    app.update(Action::MoveDown);
    app.update(Action::SetStatus(Status::NotAccepted));
    app.update(Msg::Saved(SaveOutcome::ChangedOnDisk));
    assert_eq!(app.mode().kind(), ModeKind::DiskChanged);
    let bytes = their_file(app.inspection());
    let effects = app.update(Msg::DiskContents(DiskContents {
        purpose: DiskPurpose::Merge,
        bytes: Some(bytes.clone()),
    }));
    assert_eq!(
        common::shapes(&effects),
        ["Save"],
        "the merge is saved at once"
    );
    assert_eq!(app.mode().kind(), ModeKind::Normal);
    assert_eq!(app.save().on_disk.as_deref(), Some(bytes.as_slice()));
    // Changed only on our side.
    assert_eq!(app.status("F2"), Status::NotAccepted);
    // Changed only on disk.
    assert_eq!(app.status("F3"), Status::Complete);
    assert_eq!(
        app.entry("F3").and_then(|e| e.owner.as_deref()),
        Some("Ops")
    );
    // Changed on both sides: ours stays, theirs is kept beside it as a
    // conflict, and both histories are kept.
    assert_eq!(app.status("F1"), Status::Accepted);
    assert_eq!(note(&app, "F1").as_deref(), Some("my note"));
    let other = app
        .entry("F1")
        .and_then(|e| e.conflict.clone())
        .expect("the other version is kept");
    assert_eq!(other.note.as_deref(), Some("their note"));
    let by: Vec<&str> = app
        .entry("F1")
        .expect("F1")
        .history
        .iter()
        .map(|e| e.by.as_str())
        .collect();
    assert_eq!(by, ["colleague", "colleague", "tester", "tester"]);
    // Settling it with both versions combines the notes.
    let mut settled = app.review().clone();
    settled.resolve(
        "F1",
        &scrutiny::model::merge::both(&app.review().fields("F1"), &other),
        &stamp("2026-11-29T12:00:00Z", "tester"),
    );
    assert_eq!(
        settled.entry("F1").and_then(|e| e.note.as_deref()),
        Some(format!("my note\n\n{OTHER_NOTE_MARK}\ntheir note").as_str())
    );
    match &app.message() {
        Some(Message::Error(text)) => assert!(text.contains("F1"), "{text}"),
        other => panic!("the conflict should be reported, got {other:?}"),
    }
    // The orphan that only the disk had is shown.
    let orphans = app
        .panes()
        .iter()
        .find(|p| p.kind == PaneKind::Orphans)
        .expect("an orphans pane");
    assert_eq!(orphans.ids().collect::<Vec<_>>(), ["GONE"]);
    // Saving the merge writes it where the disk file was.
    assert_eq!(app.update(Msg::Saved(written(&app))), []);
    assert!(!app.save().unsaved);
    let saved = load_review(app.review_yaml().as_bytes(), "hmicfrs-2020-prevent")
        .expect("the merged review is valid");
    assert_eq!(saved.status("GONE"), Status::Accepted);
}

#[test]
fn merging_takes_a_note_written_only_on_disk_whole() {
    let mut app = app();
    app.update(Action::SetStatus(Status::Accepted));
    app.update(Msg::Saved(SaveOutcome::ChangedOnDisk));
    let inspection = example_inspection();
    let mut theirs = Review::new(inspection.meta.id.clone());
    theirs.set_note(
        "F1",
        "only theirs\n",
        &stamp("2026-11-28T09:00:00Z", "colleague"),
    );
    let bytes = to_yaml(&theirs, &inspection).into_bytes();
    let effects = app.update(Msg::DiskContents(DiskContents {
        purpose: DiskPurpose::Merge,
        bytes: Some(bytes),
    }));
    assert_eq!(common::shapes(&effects), ["Save"]);
    assert_eq!(app.status("F1"), Status::Accepted);
    // Both sides changed F1: keeping both takes their note whole.
    app.update(Action::Resolve(scrutiny::tui::app::Resolution::Both));
    assert_eq!(app.status("F1"), Status::Accepted);
    assert_eq!(note(&app, "F1").as_deref(), Some("only theirs\n"));
    assert!(app.entry("F1").is_some_and(|e| e.conflict.is_none()));
}

#[test]
fn merging_with_a_deleted_file_keeps_our_work() {
    let mut app = app();
    app.update(Action::SetStatus(Status::Accepted));
    app.update(Msg::Saved(SaveOutcome::ChangedOnDisk));
    let effects = app.update(Msg::DiskContents(DiskContents {
        purpose: DiskPurpose::Merge,
        bytes: None,
    }));
    assert_eq!(common::shapes(&effects), ["Save"]);
    assert_eq!(app.status("F1"), Status::Accepted);
    assert_eq!(app.save().on_disk, None);
}

#[test]
fn merging_with_an_invalid_file_keeps_our_work_and_says_so() {
    let mut app = app();
    app.update(Action::SetStatus(Status::Accepted));
    app.update(Msg::Saved(SaveOutcome::ChangedOnDisk));
    let effects = app.update(Msg::DiskContents(DiskContents {
        purpose: DiskPurpose::Merge,
        bytes: Some(b"version: 1\ninspection: other\n".to_vec()),
    }));
    assert_eq!(effects, []);
    assert_eq!(app.status("F1"), Status::Accepted);
    assert!(app.save().unsaved);
    assert!(matches!(app.message(), Some(Message::Error(_))));
}

#[test]
fn reloading_takes_the_file_on_disk() {
    let mut app = app();
    app.update(Action::SetStatus(Status::Accepted));
    app.update(Msg::Saved(SaveOutcome::ChangedOnDisk));
    let bytes = their_file(app.inspection());
    let effects = app.update(Msg::DiskContents(DiskContents {
        purpose: DiskPurpose::Reload,
        bytes: Some(bytes),
    }));
    assert_eq!(effects, []);
    assert_eq!(app.status("F1"), Status::InProgress);
    assert!(!app.save().unsaved);
    assert!(app.panes().iter().any(|p| p.kind == PaneKind::Orphans));
}

/// Keys of the reviewer's own for settling conflicts and saving elsewhere.
const REMAPPED: &str = "[normal]\nkeep_mine = \"ctrl-y\"\nkeep_theirs = \"ctrl-t\"\nkeep_both = \"+\"\n\
save_elsewhere = \"W\"\nquit = \"Q\"\n";

fn remapped_app() -> App {
    app().with_keys(
        scrutiny::tui::keymap::Keymap::from_config(REMAPPED, "config.toml").expect("valid"),
    )
}

/// A merge that leaves F1 changed on both sides.
fn merge_a_conflict(app: &mut App) {
    app.update(Action::SetStatus(Status::Accepted));
    app.update(Msg::Saved(SaveOutcome::ChangedOnDisk));
    let bytes = their_file(app.inspection());
    app.update(Msg::DiskContents(DiskContents {
        purpose: DiskPurpose::Merge,
        bytes: Some(bytes),
    }));
}

#[test]
fn the_conflict_message_and_detail_name_the_keys_in_force() {
    let mut app = app();
    merge_a_conflict(&mut app);
    let Some(Message::Error(text)) = &app.message() else {
        panic!("no conflict reported: {:?}", app.message());
    };
    assert!(text.ends_with("< keeps yours, > theirs, = both"), "{text}");
    let mut app = remapped_app();
    merge_a_conflict(&mut app);
    let Some(Message::Error(text)) = &app.message() else {
        panic!("no conflict reported: {:?}", app.message());
    };
    assert!(
        text.ends_with("(marked !): Ctrl-Y keeps yours, Ctrl-T theirs, + both"),
        "{text}"
    );
    let shown = common::screen(&mut app, 200, 50);
    assert!(
        shown.contains(
            "! Changed elsewhere too: Ctrl-Y keeps yours · Ctrl-T takes the other · + keeps both"
        ),
        "{shown}"
    );
    assert!(
        shown.contains("(+ keeps your status and both notes.) Yours:"),
        "{shown}"
    );
}

#[test]
fn messages_about_saving_elsewhere_name_the_key_in_force() {
    let mut app = remapped_app();
    app.update(Action::SetStatus(Status::Accepted));
    app.update(Msg::Saved(SaveOutcome::Failed("disk full".into())));
    let Some(Message::Error(text)) = &app.message() else {
        panic!("no error: {:?}", app.message());
    };
    assert!(text.ends_with("; W saves elsewhere."), "{text}");
    app.update(Msg::DiskUnreadable("it is a pipe".into()));
    let Some(Message::Error(text)) = &app.message() else {
        panic!("no error: {:?}", app.message());
    };
    assert!(text.ends_with(": W saves it elsewhere."), "{text}");
    app.update(Msg::DiskContents(DiskContents {
        purpose: DiskPurpose::Merge,
        bytes: Some(b"version: [".to_vec()),
    }));
    let Some(Message::Error(text)) = &app.message() else {
        panic!("no error: {:?}", app.message());
    };
    assert!(text.ends_with(": press W to save it elsewhere."), "{text}");
}

#[test]
fn leaving_for_the_overview_unsaved_names_the_quit_key_in_force() {
    let mut app = remapped_app().opened_from_portfolio();
    app.update(Action::SetStatus(Status::Accepted));
    assert_eq!(app.update(Action::Back), []);
    assert_eq!(
        *app.message(),
        Some(Message::Error(
            "Your last change is not saved; press Q to save it elsewhere before leaving".into()
        ))
    );
}

// ------------------------------------------------------------ orphans

#[test]
fn orphaned_entries_get_their_own_pane() {
    let inspection = example_inspection();
    let text = "version: 1\n\
                inspection: hmicfrs-2020-prevent\n\
                items:\n\
                \x20 OLD2:\n\
                \x20   status: complete\n\
                \x20 F1:\n\
                \x20   status: accepted\n\
                \x20 OLD1:\n\
                \x20   note: renumbered\n";
    let review = load_review(text.as_bytes(), &inspection.meta.id).expect("loads");
    let mut app = app_with(
        review,
        PathBuf::from(REVIEW_PATH),
        Some(text.as_bytes().to_vec()),
    );
    let last = app.panes().last().expect("panes");
    assert_eq!(last.kind, PaneKind::Orphans);
    assert_eq!(last.ids().collect::<Vec<_>>(), ["OLD2", "OLD1"]);
    assert_eq!(app.panes().len(), 4);
    assert!(matches!(&app.message(), Some(Message::Info(t)) if t.contains("2 review entries")));
    app.update(Action::PrevPane);
    assert_eq!(app.selected_id(), Some("OLD2"));
    assert!(app.selected_item().is_none());
    // Orphans are not counted in the progress.
    assert_eq!(app.progress(), (1, 25));
    // An orphan can still be annotated, and it stays in the file.
    app.update(Action::MoveDown);
    assert_eq!(
        common::shapes(&app.update(Action::SetStatus(Status::NotApplicable))),
        ["Save"]
    );
    let out = app.review_yaml();
    assert!(
        out.find("  F1:") < out.find("  OLD2:") && out.find("  OLD2:") < out.find("  OLD1:"),
        "{out}"
    );
    assert!(
        out.contains("  OLD1:\n    status: not-applicable\n    note: |-\n      renumbered\n"),
        "{out}"
    );
}

// ------------------------------------------------------- the real loop

fn run(app: &mut App, events: &mut impl Events) -> Exit {
    common::run_loop(app, events).0
}

#[test]
fn keys_j_2_q_save_the_status_and_quit() {
    let dir = temp_dir("j2q");
    let path = dir.join("prevent-2020.review.yaml");
    let inspection = example_inspection();
    let mut app = app_with(Review::new(inspection.meta.id.clone()), path.clone(), None);
    let exit = run(&mut app, &mut Script::keys("j2q"));
    assert_eq!(exit, Exit::Quit);
    let text = std::fs::read_to_string(&path).expect("the review file was written");
    assert_eq!(
        text,
        "version: 1\n\
         inspection: hmicfrs-2020-prevent\n\
         items:\n\
         \x20 F2:\n\
         \x20   status: accepted\n\
         \x20   updated: 2026-11-29T10:41:07Z\n\
         \x20   history:\n\
         \x20     - at: 2026-11-29T10:41:07Z\n\
         \x20       by: tester\n\
         \x20       status: accepted\n"
    );
    assert!(!app.save().unsaved);
    std::fs::remove_dir_all(dir).expect("clean up");
}

#[test]
fn a_script_that_runs_out_ends_the_loop_with_changes_on_disk() {
    let dir = temp_dir("eof");
    let path = dir.join("r.review.yaml");
    let mut app = app_with(Review::new("hmicfrs-2020-prevent"), path.clone(), None);
    let mut script = Script::keys("3e");
    script.0.extend([
        Event::Key(key(KeyCode::Char('x'))),
        Event::Key(key(KeyCode::Enter)),
        Event::Paste("y\r\nz".into()),
        Event::Key(key(KeyCode::Esc)),
    ]);
    assert_eq!(run(&mut app, &mut script), Exit::EndOfInput);
    let text = std::fs::read_to_string(&path).expect("written");
    let review = load_review(text.as_bytes(), "hmicfrs-2020-prevent").expect("valid");
    assert_eq!(review.status("F1"), Status::InProgress);
    assert_eq!(
        review.entry("F1").and_then(|e| e.note.as_deref()),
        Some("x\ny\nz")
    );
    std::fs::remove_dir_all(dir).expect("clean up");
}

#[test]
fn quit_in_the_note_editor_through_the_loop_saves_the_draft() {
    let dir = temp_dir("ctrlc");
    let path = dir.join("r.review.yaml");
    let mut app = app_with(Review::new("hmicfrs-2020-prevent"), path.clone(), None);
    let mut script = Script::keys("eq");
    script.0.push_back(Event::Key(KeyEvent::new(
        KeyCode::Char('c'),
        KeyModifiers::CONTROL,
    )));
    assert_eq!(run(&mut app, &mut script), Exit::Quit);
    let text = std::fs::read_to_string(&path).expect("written");
    assert!(text.contains("    note: |-\n      q\n"), "{text}");
    std::fs::remove_dir_all(dir).expect("clean up");
}

#[test]
fn a_file_changed_behind_our_back_is_not_overwritten_and_can_be_merged() {
    let dir = temp_dir("changed");
    let path = dir.join("r.review.yaml");
    let inspection = example_inspection();
    let mut app = app_with(Review::new(inspection.meta.id.clone()), path.clone(), None);
    // Someone else writes the file after we "loaded" it as missing.
    let theirs = their_file(&inspection);
    std::fs::write(&path, &theirs).expect("write theirs");
    let exit = run(&mut app, &mut Script::keys("j2"));
    assert_eq!(exit, Exit::EndOfInput);
    assert_eq!(app.mode().kind(), ModeKind::DiskChanged);
    assert_eq!(
        std::fs::read(&path).expect("read"),
        theirs,
        "not overwritten"
    );
    let exit = run(&mut app, &mut Script::keys("mq"));
    assert_eq!(exit, Exit::Quit);
    let merged = load_review(&std::fs::read(&path).expect("read"), &inspection.meta.id)
        .expect("the merged file is valid");
    assert_eq!(merged.status("F2"), Status::Accepted);
    assert_eq!(merged.status("F1"), Status::InProgress);
    assert_eq!(merged.status("F3"), Status::Complete);
    assert_eq!(merged.status("GONE"), Status::Accepted);
    std::fs::remove_dir_all(dir).expect("clean up");
}

#[test]
fn a_save_that_cannot_write_keeps_the_change_and_asks_before_quitting() {
    let dir = temp_dir("nodir");
    // The directory the review should go in does not exist.
    let path = dir.join("missing").join("r.review.yaml");
    let mut app = app_with(Review::new("hmicfrs-2020-prevent"), path.clone(), None);
    let exit = run(&mut app, &mut Script::keys("2q"));
    assert_eq!(
        exit,
        Exit::EndOfInput,
        "q must not quit and lose the change"
    );
    assert_eq!(app.mode().kind(), ModeKind::ConfirmQuit);
    assert_eq!(app.status("F1"), Status::Accepted);
    assert!(app.save().unsaved);
    assert!(!path.exists());
    let exit = run(&mut app, &mut Script::keys("y"));
    assert_eq!(exit, Exit::Quit);
    std::fs::remove_dir_all(dir).expect("clean up");
}

// ------------------------------------------------ random sessions

mod random {
    use super::{
        Action, DiskContents, DiskPurpose, KeyCode, KeyEvent, KeyModifiers, Msg, SaveOutcome,
        Status, app, load_review,
    };
    use proptest::prelude::*;

    fn text() -> impl Strategy<Value = String> {
        prop_oneof![
            any::<String>(),
            prop::collection::vec(
                prop_oneof![
                    Just("a"),
                    Just(" "),
                    Just("\n"),
                    Just("\r\n"),
                    Just("\t"),
                    Just("\u{1b}[2J"),
                    Just("é"),
                    Just("日本"),
                    Just("😀"),
                    Just("\u{200b}"),
                    Just("\u{301}"),
                ],
                0..10
            )
            .prop_map(|v| v.concat()),
        ]
    }

    fn key_code() -> impl Strategy<Value = KeyCode> {
        prop_oneof![
            any::<char>().prop_map(KeyCode::Char),
            Just(KeyCode::Enter),
            Just(KeyCode::Backspace),
            Just(KeyCode::Delete),
            Just(KeyCode::Left),
            Just(KeyCode::Right),
            Just(KeyCode::Up),
            Just(KeyCode::Down),
            Just(KeyCode::Home),
            Just(KeyCode::End),
            Just(KeyCode::Tab),
        ]
    }

    fn action() -> impl Strategy<Value = Msg> {
        prop_oneof![
            Just(Msg::Act(Action::MoveDown)),
            Just(Msg::Act(Action::MoveUp)),
            Just(Msg::Act(Action::Top)),
            Just(Msg::Act(Action::Bottom)),
            Just(Msg::Act(Action::PageDown)),
            Just(Msg::Act(Action::PageUp)),
            Just(Msg::Act(Action::NextPane)),
            Just(Msg::Act(Action::PrevPane)),
            Just(Msg::Act(Action::DetailDown)),
            Just(Msg::Act(Action::DetailUp)),
            (0..Status::ALL.len()).prop_map(|i| Msg::Act(Action::SetStatus(Status::ALL[i]))),
            Just(Msg::Act(Action::EditNote)),
            Just(Msg::Act(Action::EditOwner)),
            Just(Msg::Act(Action::Help)),
            Just(Msg::Act(Action::Back)),
            Just(Msg::Act(Action::Accept)),
            Just(Msg::Act(Action::KeepNote)),
            (key_code(), any::<bool>()).prop_map(|(code, ctrl)| {
                let modifiers = if ctrl {
                    KeyModifiers::CONTROL
                } else {
                    KeyModifiers::NONE
                };
                Msg::EditorKey(KeyEvent::new(code, modifiers))
            }),
            text().prop_map(Msg::Paste),
            Just(Msg::Act(Action::Quit)),
            Just(Msg::Saved(SaveOutcome::ChangedOnDisk)),
            Just(Msg::Saved(SaveOutcome::Failed("disk full".into()))),
            Just(Msg::Act(Action::Merge)),
            Just(Msg::Act(Action::Reload)),
            prop::option::of(prop::collection::vec(any::<u8>(), 0..64)).prop_map(|bytes| {
                Msg::DiskContents(DiskContents {
                    purpose: DiskPurpose::Merge,
                    bytes,
                })
            }),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig {
            cases: 128,
            failure_persistence: None,
            ..ProptestConfig::default()
        })]

        /// Any sequence of actions leaves a drawable app whose review file
        /// loads back as it was.
        #[test]
        fn any_session_stays_consistent(
            actions in prop::collection::vec(action(), 0..40),
            width in 0u16..160,
            height in 0u16..50,
        ) {
            let mut app = app();
            for action in actions {
                app.update(action);
                prop_assert!(app.focus() < app.panes().len());
                let pane = app.pane();
                prop_assert!(pane.is_empty() || pane.selected < pane.len());
            }
            super::common::draw(&mut app, width, height);
            super::common::draw(&mut app, 80, 24);
            let text = app.review_yaml();
            let loaded = load_review(text.as_bytes(), "hmicfrs-2020-prevent")
                .map_err(|p| TestCaseError::fail(format!("{}\n{text}", p.render("r"))))?;
            prop_assert_eq!(scrutiny::files::to_yaml(&loaded, app.inspection()), text);
        }
    }
}

/// What loading warns of (look-alike ids in the inspection, look-alike
/// entries in the review) is the first thing the app says, with its file,
/// line and column.
#[test]
fn loading_warnings_are_shown_as_information() {
    let dir = common::TempDir::new("lookalike-app");
    let inspection = dir.write(
        "look.yaml",
        "inspection:\n  id: x\n  title: T\nfindings:\n  - id: K9\n    title: a\n  - id: \u{212A}9\n    title: b\n",
    );
    dir.write(
        "look.review.yaml",
        "version: 1\ninspection: x\nitems:\n  A1:\n    status: accepted\n  \u{410}1:\n    status: accepted\n",
    );
    let pair =
        scrutiny::files::workspace::load_pair(&inspection, None).expect("loads, with warnings");
    assert_eq!(pair.warnings.len(), 2, "{:#?}", pair.warnings);
    let app = App::from_pair(pair, "tester".into(), date("2020-04-01"));
    let Some(Message::Info(text)) = &app.message() else {
        panic!("no information shown: {:?}", app.message());
    };
    assert!(
        text.contains("look.yaml:7:9: warning: id `\u{212A}9` looks like `K9` at 5:9"),
        "{text}"
    );
    assert!(text.contains("(and 1 more warning)"), "{text}");
    // The review's own warning names the review file.
    let pair = scrutiny::files::workspace::load_pair(&inspection, None).expect("loads");
    assert!(
        pair.warnings[1].contains(
            "look.review.yaml:6:3: warning: the review entry `\u{410}1` looks like `A1` at 4:3"
        ),
        "{:#?}",
        pair.warnings
    );
}
