//! Sorting the panes, and marks: marking, marking all, and the bulk status,
//! owner and note changes made to every marked item.

use super::*;

// ================================================================= sort

#[test]
fn sort_cycles_file_due_status_and_orders_the_rows() {
    let mut app = mini();
    app.update(Action::NextPane);
    assert_eq!(app.pane().sort, SortOrder::File);
    set_status(&mut app, "R1", Status::Complete);
    set_status(&mut app, "R2", Status::Accepted);
    set_status(&mut app, "R4", Status::InProgress);
    select(&mut app, "R2");
    assert_eq!(ids(&app, 1), ["R1", "R2", "R3", "R4"]);

    app.update(Action::CycleSort);
    assert_eq!(app.pane().sort, SortOrder::Due);
    // Earliest first; no date last.
    assert_eq!(ids(&app, 1), ["R3", "R1", "R2", "R4"]);
    assert_eq!(info(&app), "Recommendations: by due date");
    assert_eq!(
        app.selected_id(),
        Some("R2"),
        "the selection follows the item"
    );

    app.update(Action::CycleSort);
    assert_eq!(app.pane().sort, SortOrder::Status);
    // Unreviewed, accepted, in progress, complete: the order of the keys.
    assert_eq!(ids(&app, 1), ["R3", "R2", "R4", "R1"]);
    assert_eq!(info(&app), "Recommendations: by status");

    app.update(Action::CycleSort);
    assert_eq!(app.pane().sort, SortOrder::Owner);
    app.update(Action::CycleSort);
    assert_eq!(app.pane().sort, SortOrder::Updated);
    app.update(Action::CycleSort);
    assert_eq!(app.pane().sort, SortOrder::File);
    assert_eq!(ids(&app, 1), ["R1", "R2", "R3", "R4"]);
    // Only the focused pane was sorted.
    assert_eq!(app.panes()[0].sort, SortOrder::File);
}

#[test]
fn sorts_by_owner_and_by_last_update_and_any_order_turns_round() {
    let mut app = mini();
    let at = |s: &str| Msg::Clock(s.parse().expect("a timestamp"));
    app.update(Action::NextPane);
    for (id, owner, when) in [
        ("R3", "Zed", "2025-01-01T10:00:00Z"),
        ("R1", "amy", "2025-01-03T10:00:00Z"),
        ("R4", "Bob", "2025-01-02T10:00:00Z"),
    ] {
        app.update(at(when));
        select(&mut app, id);
        app.update(Action::EditOwner);
        type_text(&mut app, owner);
        app.update(Action::Accept);
    }
    while app.pane().sort != SortOrder::Owner {
        app.update(Action::CycleSort);
    }
    // Whatever the case; nobody's last.
    assert_eq!(ids(&app, 1), ["R1", "R4", "R3", "R2"]);
    app.update(Action::CycleSort);
    assert_eq!(app.pane().sort, SortOrder::Updated);
    assert_eq!(ids(&app, 1), ["R1", "R4", "R3", "R2"]);
    assert_eq!(info(&app), "Recommendations: by last update");
    // A change moves the item to the top.
    app.update(at("2025-01-04T10:00:00Z"));
    select(&mut app, "R3");
    app.update(Action::SetStatus(Status::Accepted));
    assert_eq!(ids(&app, 1), ["R3", "R1", "R4", "R2"]);
    app.update(Action::ReverseSort);
    assert_eq!(ids(&app, 1), ["R2", "R4", "R1", "R3"]);
    assert_eq!(info(&app), "Recommendations: by last update, reversed");
    let rows = crate::common::screen(&mut app, 120, 40);
    assert!(rows.contains("by last update, reversed"), "{rows}");
    app.update(Action::ReverseSort);
    assert_eq!(ids(&app, 1), ["R3", "R1", "R4", "R2"]);
}

#[test]
fn a_status_sort_reorders_as_statuses_change() {
    let mut app = mini();
    app.update(Action::CycleSort);
    app.update(Action::CycleSort);
    assert_eq!(app.pane().sort, SortOrder::Status);
    assert_eq!(ids(&app, 0), ["F1", "F2", "F3"]);
    select(&mut app, "F1");
    app.update(Action::SetStatus(Status::NotApplicable));
    assert_eq!(ids(&app, 0), ["F2", "F3", "F1"]);
    assert_eq!(
        app.selected_id(),
        Some("F1"),
        "the changed item stays selected"
    );
}

#[test]
fn items_without_a_due_date_sort_last_in_every_pane() {
    let mut app = mini();
    // Findings have no dates: due order is file order.
    app.update(Action::CycleSort);
    assert_eq!(ids(&app, 0), ["F1", "F2", "F3"]);
}

// ================================================================ marks

#[test]
fn mark_toggles_and_moves_down() {
    let mut app = example();
    assert_eq!(app.update(Action::Mark), []);
    assert!(app.marks().contains("F1"));
    assert_eq!(app.selected_id(), Some("F2"));
    app.update(Action::Mark);
    assert_eq!(app.marks().len(), 2);
    assert_eq!(app.selected_id(), Some("F3"));
    app.update(Action::MoveUp);
    app.update(Action::Mark);
    assert!(!app.marks().contains("F2"), "a second mark unmarks");
    assert!(app.marks().contains("F1"));
    assert_eq!(app.selected_id(), Some("F3"));
    // On the last row it stays there.
    select(&mut app, "F11");
    app.update(Action::Mark);
    assert_eq!(app.selected_id(), Some("F11"));
    assert!(app.marks().contains("F11"));
    // Marks change nothing in the review.
    assert_eq!(app.review().len(), 0);
    assert!(!app.save().unsaved);
}

#[test]
fn mark_all_marks_the_focused_panes_rows_then_every_panes_then_clears() {
    let mut app = example();
    app.update(Action::MarkAll);
    assert_eq!(app.marks().len(), 11, "the findings, the pane in focus");
    assert!(
        info(&app).starts_with("11 shown findings marked (V again: every pane's)"),
        "{}",
        info(&app)
    );
    app.update(Action::MarkAll);
    assert_eq!(app.marks().len(), 25);
    assert!(
        info(&app).starts_with("25 shown items marked, in every pane"),
        "{}",
        info(&app)
    );
    app.update(Action::MarkAll);
    assert!(app.marks().is_empty());

    // Only shown rows, across panes.
    search(&mut app, "train");
    app.update(Action::Accept);
    let shown: usize = app.panes().iter().map(scrutiny::tui::app::Pane::len).sum();
    app.update(Action::MarkAll);
    app.update(Action::MarkAll);
    assert_eq!(app.marks().len(), shown);
    assert!(app.marks().contains("F4") && app.marks().contains("R1"));
    assert!(!app.marks().contains("F1"));
    app.update(Action::MarkAll);
    assert!(app.marks().is_empty());
}

#[test]
fn mark_all_with_some_marked_marks_the_rest() {
    let mut app = example();
    app.update(Action::Mark);
    app.update(Action::MarkAll);
    assert_eq!(app.marks().len(), 11, "not cleared: not all were marked");
}

#[test]
fn a_change_to_more_than_a_handful_asks_first_naming_the_count() {
    let mut app = example();
    app.update(Action::MarkAll);
    app.update(Action::SetStatus(Status::Accepted));
    assert_eq!(app.mode().kind(), ModeKind::ConfirmBulk);
    let rows = crate::common::screen(&mut app, 80, 24);
    assert!(
        rows.contains("Set the status of 11 items to Accepted?"),
        "{rows}"
    );
    assert_eq!(app.status("F1"), Status::Unreviewed, "nothing changed yet");
    // No: nothing changes.
    app.update(Action::Back);
    assert_eq!(app.mode().kind(), ModeKind::Normal);
    assert_eq!(app.status("F1"), Status::Unreviewed);
    assert_eq!(info(&app), "Nothing changed");
    // Yes: all of them, as one step.
    app.update(Action::SetStatus(Status::Accepted));
    let effects = app.update(Action::Accept);
    assert_eq!(crate::common::shapes(&effects), ["Save"]);
    assert!(
        app.marks()
            .iter()
            .all(|id| app.status(id) == Status::Accepted)
    );
    assert_eq!(app.undo().len(), 1);
    // The owner and appending ask too.
    app.update(Action::EditOwner);
    type_text(&mut app, "Jane");
    app.update(Action::Accept);
    assert_eq!(app.mode().kind(), ModeKind::ConfirmBulk);
    app.update(Action::Accept);
    assert!(
        app.marks()
            .iter()
            .all(|id| owner(&app, id).as_deref() == Some("Jane"))
    );
    // A handful does not.
    app.update(Action::Back);
    for id in ["R1", "R2", "R3"] {
        select(&mut app, id);
        app.update(Action::Mark);
    }
    app.update(Action::SetStatus(Status::InProgress));
    assert_eq!(app.mode().kind(), ModeKind::Normal);
    assert_eq!(app.status("R2"), Status::InProgress);
}

#[test]
fn escape_in_normal_mode_clears_the_marks() {
    let mut app = example();
    app.update(Action::Mark);
    app.update(Action::Mark);
    assert_eq!(press(&mut app, key(KeyCode::Esc)), []);
    assert!(app.marks().is_empty());
    assert_eq!(info(&app), "Marks cleared");
    assert_eq!(app.mode().kind(), ModeKind::Normal);
}

#[test]
fn escape_in_normal_mode_clears_the_marks_first_then_a_kept_search() {
    let mut app = example();
    search(&mut app, "train");
    app.update(Action::Accept);
    app.update(Action::Mark);
    let narrowed = ids(&app, 0).len();
    press(&mut app, key(KeyCode::Esc));
    assert!(app.marks().is_empty());
    assert_eq!(app.search(), "train", "the first Esc only clears the marks");
    assert_eq!(ids(&app, 0).len(), narrowed);
    press(&mut app, key(KeyCode::Esc));
    assert_eq!(app.search(), "");
    assert_eq!(ids(&app, 0).len(), 11);
    assert_eq!(info(&app), "Search cleared");
    // Nothing left to clear: nothing happens.
    assert_eq!(press(&mut app, key(KeyCode::Esc)), []);
    assert_eq!(app.mode().kind(), ModeKind::Normal);
}

#[test]
fn a_search_ranks_rows_over_the_sort_and_the_sort_returns_after() {
    let mut app = mini();
    app.update(Action::NextPane);
    app.update(Action::CycleSort);
    assert_eq!(ids(&app, 1), ["R3", "R1", "R2", "R4"]);
    search(&mut app, "second");
    assert_eq!(ids(&app, 1), ["R2"]);
    app.update(Action::Back);
    assert_eq!(ids(&app, 1), ["R3", "R1", "R2", "R4"]);
}

#[test]
fn a_pasted_search_is_one_line() {
    let mut app = example();
    app.update(Action::Search);
    app.update(Msg::Paste("train\r\n".into()));
    assert_eq!(app.search().trim(), "train");
    assert_eq!(&ids(&app, 0)[..2], ["F4", "F5"]);
}

#[test]
fn a_status_applies_to_every_marked_item_as_one_step_and_one_save() {
    let mut app = example();
    // F3 is accepted already: the bulk change skips it.
    set_status(&mut app, "F3", Status::Accepted);
    let steps = app.undo().len();
    for id in ["F1", "F3", "S2"] {
        select(&mut app, id);
        app.update(Action::Mark);
    }
    select(&mut app, "R5");
    let effects = app.update(Action::SetStatus(Status::Accepted));
    assert_eq!(crate::common::shapes(&effects), ["Save"]);
    assert_eq!(app.undo().len(), steps + 1);
    let step = &app.undo()[steps];
    let changed: Vec<&str> = step.items.iter().map(|(id, _, _)| id.as_str()).collect();
    assert_eq!(changed, ["F1", "S2"]);
    for id in ["F1", "F3", "S2"] {
        assert_eq!(app.status(id), Status::Accepted, "{id}");
    }
    assert_eq!(
        app.status("R5"),
        Status::Unreviewed,
        "the selection is not marked"
    );
    assert_eq!(app.status("F2"), Status::Unreviewed);
    assert_eq!(info(&app), "2 items: Accepted");
    assert!(app.save().unsaved);
}

#[test]
fn a_bulk_status_that_changes_nothing_saves_nothing() {
    let mut app = example();
    app.update(Action::Mark);
    app.update(Action::Mark);
    assert_eq!(app.update(Action::SetStatus(Status::Unreviewed)), []);
    assert!(app.undo().is_empty());
    assert!(!app.save().unsaved);
}

#[test]
fn the_owner_is_set_on_every_marked_item() {
    let mut app = example();
    for id in ["F2", "S4", "R8"] {
        select(&mut app, id);
        app.update(Action::Mark);
    }
    select(&mut app, "F2");
    app.update(Action::EditOwner);
    assert_eq!(app.mode().kind(), ModeKind::Owner);
    type_text(&mut app, "Head of Prevent");
    assert_eq!(crate::common::shapes(&app.update(Action::Accept)), ["Save"]);
    for id in ["F2", "S4", "R8"] {
        assert_eq!(owner(&app, id).as_deref(), Some("Head of Prevent"), "{id}");
    }
    assert_eq!(owner(&app, "F1"), None);
    assert_eq!(app.undo().len(), 1);
    assert_eq!(app.undo()[0].items.len(), 3);
    assert_eq!(info(&app), "3 items: owner Head of Prevent");
}

#[test]
fn with_marks_set_an_unmarked_selection_is_left_alone() {
    let mut app = example();
    app.update(Action::Mark); // F1
    select(&mut app, "F4");
    app.update(Action::EditOwner);
    type_text(&mut app, "Lead");
    app.update(Action::Accept);
    app.update(Action::SetStatus(Status::Complete));
    assert_eq!(owner(&app, "F1").as_deref(), Some("Lead"));
    assert_eq!(app.status("F1"), Status::Complete);
    assert_eq!(owner(&app, "F4"), None);
    assert_eq!(app.status("F4"), Status::Unreviewed);
}

#[test]
fn cancelling_the_owner_editor_changes_nothing() {
    let mut app = example();
    app.update(Action::MarkAll);
    app.update(Action::EditOwner);
    type_text(&mut app, "Nobody");
    assert_eq!(app.update(Action::Back), []);
    assert_eq!(app.review().len(), 0);
}

#[test]
fn append_adds_to_each_marked_note_on_a_new_line() {
    let mut app = example();
    select(&mut app, "F1");
    app.update(Action::EditNote);
    type_text(&mut app, "First thoughts.");
    app.update(Action::KeepNote);
    select(&mut app, "F6");
    app.update(Action::EditNote);
    type_text(&mut app, "Ends with a break\n");
    app.update(Action::KeepNote);
    assert_eq!(note(&app, "F6").as_deref(), Some("Ends with a break\n"));
    for id in ["F1", "F3", "F6"] {
        select(&mut app, id);
        app.update(Action::Mark);
    }
    let before = app.undo().len();
    app.update(Action::AppendNote);
    assert_eq!(app.mode().kind(), ModeKind::Append);
    type_text(&mut app, "Raised at the board.\nFollow up in May.");
    assert_eq!(crate::common::shapes(&app.update(Action::Accept)), ["Save"]);
    assert_eq!(app.mode().kind(), ModeKind::Normal);
    assert_eq!(
        note(&app, "F1").as_deref(),
        Some("First thoughts.\nRaised at the board.\nFollow up in May.")
    );
    assert_eq!(
        note(&app, "F3").as_deref(),
        Some("Raised at the board.\nFollow up in May."),
        "no leading newline on an empty note"
    );
    assert_eq!(
        note(&app, "F6").as_deref(),
        Some("Ends with a break\nRaised at the board.\nFollow up in May."),
        "no blank line after a note that ends in a newline"
    );
    assert_eq!(app.undo().len(), before + 1, "one step for all three");
    assert_eq!(app.undo().last().expect("a step").items.len(), 3);
}

#[test]
fn append_without_marks_goes_to_the_selected_item_and_blank_appends_nothing() {
    let mut app = example();
    select(&mut app, "S3");
    app.update(Action::AppendNote);
    type_text(&mut app, "   ");
    assert_eq!(app.update(Action::Accept), []);
    assert_eq!(note(&app, "S3"), None);
    app.update(Action::AppendNote);
    type_text(&mut app, "Seen.");
    // Esc in the append editor appends too, as its footer says.
    assert_eq!(
        crate::common::shapes(&press(&mut app, key(KeyCode::Esc))),
        ["Save"]
    );
    assert_eq!(note(&app, "S3").as_deref(), Some("Seen."));
}

#[test]
fn marks_survive_search_and_filters_and_still_count() {
    let mut app = example();
    select(&mut app, "F1");
    app.update(Action::Mark);
    search(&mut app, "vetting");
    app.update(Action::Accept);
    assert!(!ids(&app, 0).contains(&"F1"));
    assert!(app.marks().contains("F1"), "hiding an item keeps its mark");
    assert_eq!(app.targets(), ["F1"]);
}

#[test]
fn tab_completes_the_owner_from_the_owners_in_use_and_those_of_the_overview() {
    let mut app = example().with_known_owners(vec!["Priya Shah".into(), "Pat Jones".into()]);
    select(&mut app, "F1");
    app.update(Action::EditOwner);
    type_text(&mut app, "Jane Smith");
    app.update(Action::Accept);
    select(&mut app, "F2");
    app.update(Action::EditOwner);
    type_text(&mut app, "ja");
    app.update(Action::Complete);
    assert_eq!(info(&app), "Owner: Jane Smith");
    app.update(Action::Accept);
    assert_eq!(owner(&app, "F2").as_deref(), Some("Jane Smith"));
    // Two start so: as far as they agree, both named.
    select(&mut app, "F3");
    app.update(Action::EditOwner);
    type_text(&mut app, "p");
    app.update(Action::Complete);
    assert_eq!(info(&app), "2 owners start so: Pat Jones, Priya Shah");
    type_text(&mut app, "r");
    app.update(Action::Complete);
    app.update(Action::Accept);
    assert_eq!(owner(&app, "F3").as_deref(), Some("Priya Shah"));
    select(&mut app, "F4");
    app.update(Action::EditOwner);
    type_text(&mut app, "zz");
    app.update(Action::Complete);
    assert_eq!(info(&app), "No owner in use starts so");
}
