//! The file changing on disk: asking what to do, merging both sides' work,
//! reloading; the messages that name the keys in force; orphaned entries.

use super::*;

// ------------------------------------------------- disk changes, merge

#[test]
fn a_file_changed_on_disk_asks_what_to_do() {
    let mut app = app();
    app.update(Action::SetStatus(Status::Accepted));
    assert_eq!(app.update(Msg::Saved(SaveOutcome::ChangedOnDisk)), []);
    assert_eq!(app.mode().kind(), ModeKind::DiskChanged);
    assert_eq!(
        crate::common::shapes(&app.update(Action::Merge)),
        ["ReadDisk(Merge)"]
    );
    assert_eq!(
        crate::common::shapes(&app.update(Action::Reload)),
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
        crate::common::shapes(&effects),
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
    assert_eq!(
        orphans.ids(&app.inspection().items).collect::<Vec<_>>(),
        ["GONE"]
    );
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
    assert_eq!(crate::common::shapes(&effects), ["Save"]);
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
    assert_eq!(crate::common::shapes(&effects), ["Save"]);
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
save_elsewhere = \"Y\"\nquit = \"Q\"\n";

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
    let shown = crate::common::screen(&mut app, 200, 50);
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
    assert!(text.ends_with("; Y saves elsewhere."), "{text}");
    app.update(Msg::DiskUnreadable("it is a pipe".into()));
    let Some(Message::Error(text)) = &app.message() else {
        panic!("no error: {:?}", app.message());
    };
    assert!(text.ends_with(": Y saves it elsewhere."), "{text}");
    app.update(Msg::DiskContents(DiskContents {
        purpose: DiskPurpose::Merge,
        bytes: Some(b"version: [".to_vec()),
    }));
    let Some(Message::Error(text)) = &app.message() else {
        panic!("no error: {:?}", app.message());
    };
    assert!(text.ends_with(": press Y to save it elsewhere."), "{text}");
}

#[test]
fn leaving_for_the_overview_unsaved_names_the_save_elsewhere_key_in_force() {
    let mut app = remapped_app().opened_from_portfolio();
    app.update(Action::SetStatus(Status::Accepted));
    let said = Some(Message::Error(
        "Your last change is not saved; press Y to save it elsewhere before leaving".into(),
    ));
    assert_eq!(app.update(Action::Back), []);
    assert_eq!(*app.message(), said);
    // q takes the same care as Esc.
    app.update(Action::Top);
    assert_eq!(app.update(Action::Leave), []);
    assert_eq!(*app.message(), said);
    assert!(!app.quitting());
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
    assert_eq!(
        last.ids(&app.inspection().items).collect::<Vec<_>>(),
        ["OLD2", "OLD1"]
    );
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
        crate::common::shapes(&app.update(Action::SetStatus(Status::NotApplicable))),
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
