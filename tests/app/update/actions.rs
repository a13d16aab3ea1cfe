//! Moving, setting statuses, writing notes and owners, the help and quitting,
//! each one action at a time through `update`.

use super::*;

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
        crate::common::shapes(&app.update(Action::SetStatus(Status::Accepted))),
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
            crate::common::shapes(&app.update(Action::SetStatus(status))),
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
    assert_eq!(
        crate::common::shapes(&app.update(Action::KeepNote)),
        ["Save"]
    );
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
    assert_eq!(crate::common::shapes(&app.update(Action::Back)), ["Save"]);
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
    assert_eq!(
        crate::common::shapes(&app.update(Action::KeepNote)),
        ["Save"]
    );
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
    assert_eq!(crate::common::shapes(&app.update(Action::Accept)), ["Save"]);
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
        crate::common::shapes(&app.update(Action::Accept)),
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
    assert_eq!(crate::common::shapes(&app.update(Action::Quit)), ["Save"]);
    assert_eq!(note(&app, "F1").as_deref(), Some("draft\nline"));
    assert_eq!(app.mode().kind(), ModeKind::Normal);
    assert_eq!(app.update(Msg::Saved(written(&app))), [Effect::Quit]);
}

#[test]
fn quitting_in_the_note_editor_when_the_save_fails_asks_first() {
    let mut app = app();
    app.update(Action::EditNote);
    type_text(&mut app, "draft");
    assert_eq!(crate::common::shapes(&app.update(Action::Quit)), ["Save"]);
    assert_eq!(
        app.update(Msg::Saved(SaveOutcome::Failed("no space".into()))),
        []
    );
    assert_eq!(app.mode().kind(), ModeKind::ConfirmQuit);
    assert_eq!(note(&app, "F1").as_deref(), Some("draft"));
}
