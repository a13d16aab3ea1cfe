//! Undo and redo, several steps deep and across bulk changes; the history
//! only grows.

use super::*;

// ============================================================ undo/redo

#[test]
fn undo_and_redo_several_steps_deep_including_a_bulk_step() {
    let mut app = example();
    select(&mut app, "F1");
    assert_eq!(
        crate::common::shapes(&app.update(Action::SetStatus(Status::Accepted))),
        ["Save"]
    );
    app.update(Action::EditOwner);
    type_text(&mut app, "Alice");
    app.update(Action::Accept);
    app.update(Action::EditNote);
    type_text(&mut app, "Check the training records.");
    app.update(Action::KeepNote);
    for id in ["F2", "F3"] {
        select(&mut app, id);
        app.update(Action::Mark);
    }
    app.update(Action::SetStatus(Status::Complete));
    app.update(Action::Back); // clear marks
    assert_eq!(app.undo().len(), 4);
    assert!(app.redo().is_empty());
    assert_eq!(history_len(&app, "F1"), 3);
    assert_eq!(history_len(&app, "F2"), 1);

    // 1: the bulk step, both items at once.
    crate::common::saved(&mut app);
    assert!(!app.save().unsaved);
    assert_eq!(crate::common::shapes(&app.update(Action::Undo)), ["Save"]);
    assert!(app.save().unsaved);
    assert_eq!(app.status("F2"), Status::Unreviewed);
    assert_eq!(app.status("F3"), Status::Unreviewed);
    assert_eq!(history_len(&app, "F2"), 2, "undo is recorded, not erased");
    assert_eq!(history_len(&app, "F3"), 2);
    assert_eq!(info(&app), "Undid on F2 and 1 more: Complete");
    assert_eq!((app.undo().len(), app.redo().len()), (3, 1));

    // 2: the note.
    assert_eq!(crate::common::shapes(&app.update(Action::Undo)), ["Save"]);
    assert_eq!(note(&app, "F1"), None);
    assert_eq!(owner(&app, "F1").as_deref(), Some("Alice"));
    assert_eq!(history_len(&app, "F1"), 4);

    // 3: the owner.
    app.update(Action::Undo);
    assert_eq!(owner(&app, "F1"), None);
    assert_eq!(app.status("F1"), Status::Accepted);
    assert_eq!(history_len(&app, "F1"), 5);
    assert_eq!((app.undo().len(), app.redo().len()), (1, 3));

    // Redo the owner and the note.
    assert_eq!(crate::common::shapes(&app.update(Action::Redo)), ["Save"]);
    assert_eq!(owner(&app, "F1").as_deref(), Some("Alice"));
    assert_eq!(info(&app), "Redid on F1: owner Alice");
    app.update(Action::Redo);
    assert_eq!(
        note(&app, "F1").as_deref(),
        Some("Check the training records.")
    );
    assert_eq!(history_len(&app, "F1"), 7);
    assert_eq!((app.undo().len(), app.redo().len()), (3, 1));

    // A new change drops what could have been redone.
    select(&mut app, "F1");
    app.update(Action::SetStatus(Status::InProgress));
    assert!(app.redo().is_empty());
    assert_eq!(app.update(Action::Redo), []);
    assert_eq!(
        app.status("F2"),
        Status::Unreviewed,
        "the bulk step is gone"
    );
    assert_eq!(info(&app), "Nothing to redo");

    app.update(Action::Undo);
    assert_eq!(app.status("F1"), Status::Accepted);
}

#[test]
fn undo_redo_of_a_bulk_step_round_trips_every_field() {
    let mut app = example();
    select(&mut app, "S1");
    app.update(Action::EditNote);
    type_text(&mut app, "Keep.");
    app.update(Action::KeepNote);
    app.update(Action::Mark);
    app.update(Action::Mark);
    let before = app.targets();
    assert_eq!(before, ["S1", "S2"]);
    app.update(Action::AppendNote);
    type_text(&mut app, "Both.");
    app.update(Action::Accept);
    let after_note = (note(&app, "S1"), note(&app, "S2"));
    app.update(Action::Undo);
    assert_eq!(note(&app, "S1").as_deref(), Some("Keep."));
    assert_eq!(note(&app, "S2"), None);
    app.update(Action::Redo);
    assert_eq!((note(&app, "S1"), note(&app, "S2")), after_note);
}

#[test]
fn undo_with_nothing_to_undo_changes_nothing() {
    let mut app = example();
    let review = app.review().clone();
    assert_eq!(app.update(Action::Undo), []);
    assert_eq!(*app.review(), review);
    assert!(!app.save().unsaved);
    assert_eq!(info(&app), "Nothing to undo");
    assert_eq!(app.update(Action::Redo), []);
    assert_eq!(*app.review(), review);

    // After undoing everything, the same.
    app.update(Action::SetStatus(Status::Accepted));
    app.update(Action::Undo);
    let review = app.review().clone();
    assert_eq!(app.update(Action::Undo), []);
    assert_eq!(*app.review(), review);
}

#[test]
fn the_history_only_grows() {
    let mut app = example();
    let mut last = 0;
    let steps = [
        Action::SetStatus(Status::Accepted),
        Action::SetStatus(Status::Complete),
        Action::Undo,
        Action::Undo,
        Action::Redo,
        Action::Undo,
        Action::Redo,
        Action::Redo,
        Action::Undo,
    ];
    for action in steps {
        app.update(action);
        let now = history_len(&app, "F1");
        assert!(now >= last, "{action:?} shrank the history");
        last = now;
    }
    assert_eq!(last, 9);
    assert_eq!(app.status("F1"), Status::Accepted);
}

#[test]
fn undo_of_a_change_off_screen_moves_to_it_and_names_it() {
    let mut app = example();
    select(&mut app, "R7");
    app.update(Action::SetStatus(Status::Accepted));
    // Away to another pane and item, with a filter that hides R7.
    select(&mut app, "F2");
    app.update(Action::ToggleUnreviewed);
    assert!(!ids(&app, 2).contains(&"R7"));
    app.update(Action::Undo);
    assert_eq!(app.status("R7"), Status::Unreviewed);
    assert_eq!(
        app.selected_id(),
        Some("R7"),
        "the undone change is in view"
    );
    assert!(info(&app).starts_with("Undid on R7"), "{}", info(&app));
}
