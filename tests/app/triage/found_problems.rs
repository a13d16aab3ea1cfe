//! Problems found in use, each kept as a test: a chosen link forgotten on
//! leaving its item, the owner of marked items set when nothing is shown.

use super::*;

// ======================================================== found problems

#[test]
fn moving_to_another_item_forgets_the_chosen_link() {
    let mut app = mini();
    select(&mut app, "F1");
    app.update(Action::NextLink);
    app.update(Action::NextLink);
    assert_eq!(app.link(), Some(1));
    app.update(Action::MoveDown);
    assert_eq!(app.selected_id(), Some("F2"));
    // F2 has one link: index 1 is meaningless for it.
    assert_eq!(app.link(), None);
    // Enter then edits F2's note, as it does on an item with no chosen link.
    app.update(Action::Open);
    assert_eq!(app.mode().kind(), ModeKind::Note);
}

#[test]
fn any_way_of_leaving_an_item_forgets_its_chosen_link() {
    // Tab to another pane.
    let mut app = mini();
    select(&mut app, "F1");
    app.update(Action::NextLink);
    assert_eq!(app.link(), Some(0));
    app.update(Action::NextPane);
    assert_ne!(app.selected_id(), Some("F1"));
    assert_eq!(app.link(), None);
    app.update(Action::Open);
    assert_eq!(app.mode().kind(), ModeKind::Note, "Enter edits the note");

    // A search that moves the selection.
    let mut app = mini();
    select(&mut app, "F1");
    app.update(Action::NextLink);
    search(&mut app, "Beta");
    assert_eq!(app.selected_id(), Some("F2"));
    assert_eq!(app.link(), None);
}

#[test]
fn the_owner_of_marked_items_can_be_set_when_the_pane_shows_nothing() {
    let mut app = example();
    app.update(Action::Mark);
    search(&mut app, "vetting");
    app.update(Action::Accept);
    app.update(Action::NextPane); // Strengths: nothing matches
    assert_eq!(app.selected_id(), None);
    // Status keys and append work on the marked items from here...
    app.update(Action::AppendNote);
    assert_eq!(app.mode().kind(), ModeKind::Append);
    app.update(Action::Back);
    // ...but the owner editor does not open.
    app.update(Action::EditOwner);
    assert_eq!(app.mode().kind(), ModeKind::Owner);
}
