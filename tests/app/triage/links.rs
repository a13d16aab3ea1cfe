//! Links between items: choosing, following and jumping back.

use super::*;

// ================================================================ links

#[test]
fn next_and_previous_link_cycle_through_the_links() {
    let mut app = mini();
    assert_eq!(app.link(), None);
    app.update(Action::NextLink);
    assert_eq!(app.link(), Some(0));
    app.update(Action::NextLink);
    assert_eq!(app.link(), Some(1));
    app.update(Action::NextLink);
    assert_eq!(app.link(), Some(0), "wraps");
    app.update(Action::PrevLink);
    assert_eq!(app.link(), Some(1), "wraps back");
    // Moving away and back forgets the chosen link.
    app.update(Action::MoveDown);
    app.update(Action::MoveUp);
    assert_eq!(app.link(), None);
    app.update(Action::PrevLink);
    assert_eq!(app.link(), Some(1), "from none, back starts at the last");

    select(&mut app, "F3");
    assert_eq!(app.link(), None, "moving on forgets the link");
    app.update(Action::NextLink);
    assert_eq!(app.link(), None);
    assert_eq!(info(&app), "This item has no links");
}

#[test]
fn open_follows_the_chosen_link_and_jump_back_returns() {
    let mut app = mini();
    select(&mut app, "F1");
    app.update(Action::NextLink);
    app.update(Action::NextLink);
    assert_eq!(app.update(Action::Open), []);
    assert_eq!(app.mode().kind(), ModeKind::Normal, "not the note editor");
    assert_eq!(app.focus(), 1);
    assert_eq!(app.selected_id(), Some("R2"));
    assert_eq!(app.link(), None);
    assert_eq!(app.jumps().len(), 1);

    // From F2 to R3 as well, then back twice.
    select(&mut app, "F2");
    app.update(Action::NextLink);
    app.update(Action::Open);
    assert_eq!(app.selected_id(), Some("R3"));
    app.update(Action::JumpBack);
    assert_eq!((app.focus(), app.selected_id()), (0, Some("F2")));
    app.update(Action::JumpBack);
    assert_eq!((app.focus(), app.selected_id()), (0, Some("F1")));
    assert!(app.jumps().is_empty());
    app.update(Action::JumpBack);
    assert_eq!(app.selected_id(), Some("F1"));
    assert_eq!(info(&app), "No earlier place to go back to");
}

#[test]
fn open_without_a_chosen_link_edits_the_note() {
    let mut app = mini();
    app.update(Action::Open);
    assert_eq!(app.mode().kind(), ModeKind::Note);
}

#[test]
fn the_example_links_findings_to_recommendations() {
    let mut app = example();
    select(&mut app, "F4");
    app.update(Action::NextLink);
    app.update(Action::NextLink);
    assert_eq!(app.link(), Some(0), "one link wraps to itself");
    app.update(Action::Open);
    assert_eq!((app.focus(), app.selected_id()), (2, Some("R2")));
    select(&mut app, "F5");
    app.update(Action::PrevLink);
    app.update(Action::Open);
    assert_eq!(app.selected_id(), Some("R1"));
}

#[test]
fn jumping_to_a_hidden_item_clears_search_and_filters() {
    let mut app = mini();
    set_status(&mut app, "R1", Status::Complete);
    app.update(Action::ToggleUnreviewed);
    search(&mut app, "alpha");
    app.update(Action::Accept);
    assert_eq!(ids(&app, 0), ["F1"]);
    assert!(ids(&app, 1).is_empty());
    select(&mut app, "F1");
    app.update(Action::NextLink);
    app.update(Action::Open);
    assert_eq!(app.search(), "");
    assert!(!app.filter().is_active());
    assert_eq!((app.focus(), app.selected_id()), (1, Some("R1")));
    assert_eq!(ids(&app, 1), ["R1", "R2", "R3", "R4"]);
    assert_eq!(info(&app), "Search and filters cleared to show R1");
}

#[test]
fn jumping_to_a_shown_item_keeps_search_and_filters() {
    let mut app = mini();
    app.update(Action::ToggleUnreviewed);
    // F1 and R1 share the theme.
    search(&mut app, "governance");
    app.update(Action::Accept);
    assert_eq!((ids(&app, 0), ids(&app, 1)), (vec!["F1"], vec!["R1"]));
    let said = app.message().clone();
    select(&mut app, "F1");
    app.update(Action::NextLink);
    app.update(Action::Open);
    assert_eq!((app.focus(), app.selected_id()), (1, Some("R1")));
    assert!(app.filter().is_active(), "R1 was shown: the filter stays");
    assert_eq!(app.search(), "governance");
    assert_eq!(*app.message(), said, "nothing more is said");
}

#[test]
fn back_from_a_link_that_cleared_the_filters_brings_them_back() {
    let mut app = mini();
    set_status(&mut app, "R2", Status::Accepted);
    select(&mut app, "F1");
    app.update(Action::ToggleUnreviewed);
    search(&mut app, "F");
    app.update(Action::Accept);
    let before = (app.filter().clone(), app.search().to_owned());
    assert!(!before.0.describe().is_empty());
    select(&mut app, "F1");
    app.update(Action::NextLink);
    app.update(Action::NextLink);
    app.update(Action::Open);
    assert_eq!(app.selected_id(), Some("R2"));
    assert!(!app.is_narrowed(), "cleared to show R2");
    app.update(Action::JumpBack);
    assert_eq!(app.selected_id(), Some("F1"));
    assert_eq!((app.filter().clone(), app.search().to_owned()), before);
    assert!(info(&app).contains("as they were"), "{}", info(&app));
}
