//! The mouse: clicks and scrolling over the panes and the detail, and links
//! clicked in the detail; also a read-only session and a search of spaces.

use super::*;

// ================================================================ mouse

#[test]
fn a_click_selects_the_row_and_focuses_its_pane() {
    let mut app = example();
    draw(&mut app, 120, 40);
    let layout = app.layout().clone();
    let &(index, rect) = layout
        .panes
        .iter()
        .find(|(i, _)| *i == 1)
        .expect("the strengths pane was drawn");
    assert_eq!(index, 1);
    app.update(mouse(
        MouseEventKind::Down(MouseButton::Left),
        rect.x + 3,
        rect.y + 2,
    ));
    assert_eq!(app.focus(), 1);
    assert_eq!(app.selected_id(), Some("S3"));
    // A click below the last row focuses but keeps the selection.
    let rect2 = layout.panes[2].1;
    assert!(rect2.height > 9, "{rect2:?}");
    app.update(mouse(
        MouseEventKind::Down(MouseButton::Left),
        rect2.x + 3,
        rect2.y + 9,
    ));
    assert_eq!((app.focus(), app.selected_id()), (2, Some("R1")));
    // And the first row of the findings.
    let rect0 = layout.panes[0].1;
    app.update(mouse(
        MouseEventKind::Down(MouseButton::Left),
        rect0.x + 3,
        rect0.y,
    ));
    assert_eq!((app.focus(), app.selected_id()), (0, Some("F1")));
}

#[test]
fn a_click_on_a_pane_border_focuses_it() {
    let mut app = example();
    draw(&mut app, 120, 40);
    let rect = app.layout().panes[2].1;
    app.update(mouse(
        MouseEventKind::Down(MouseButton::Left),
        rect.x + 5,
        rect.y - 1,
    ));
    assert_eq!(app.focus(), 2);
    assert_eq!(app.selected_id(), Some("R1"));
}

#[test]
fn scrolling_over_a_pane_moves_its_selection() {
    let mut app = example();
    draw(&mut app, 120, 40);
    let rect = app.layout().panes[0].1;
    app.update(mouse(MouseEventKind::ScrollDown, rect.x + 2, rect.y + 1));
    assert_eq!(app.selected_id(), Some("F4"));
    app.update(mouse(MouseEventKind::ScrollDown, rect.x + 2, rect.y + 1));
    assert_eq!(app.selected_id(), Some("F7"));
    app.update(mouse(MouseEventKind::ScrollUp, rect.x + 2, rect.y + 1));
    assert_eq!(app.selected_id(), Some("F4"));
    // Over another pane, that pane takes focus and scrolls.
    let rect = app.layout().panes[2].1;
    app.update(mouse(MouseEventKind::ScrollDown, rect.x + 2, rect.y));
    assert_eq!((app.focus(), app.selected_id()), (2, Some("R4")));
}

#[test]
fn scrolling_over_the_detail_scrolls_it() {
    let mut app = example();
    draw(&mut app, 120, 40);
    let detail = app.layout().detail;
    assert!(detail.width > 0 && detail.height > 0);
    app.update(mouse(
        MouseEventKind::ScrollDown,
        detail.x + 2,
        detail.y + 2,
    ));
    assert_eq!(app.detail_scroll(), 3);
    assert_eq!(app.selected_id(), Some("F1"), "the list did not move");
    app.update(mouse(MouseEventKind::ScrollUp, detail.x + 2, detail.y + 2));
    assert_eq!(app.detail_scroll(), 0);
}

#[test]
fn a_click_on_a_link_in_the_detail_follows_it() {
    let mut app = example();
    select(&mut app, "F4");
    draw(&mut app, 120, 40);
    let layout = app.layout().clone();
    let &(row, link) = layout.link_rows.first().expect("F4's link is in view");
    assert_eq!(link, 0);
    app.update(mouse(
        MouseEventKind::Down(MouseButton::Left),
        layout.detail.x + 2,
        row,
    ));
    assert_eq!((app.focus(), app.selected_id()), (2, Some("R2")));
    app.update(Action::JumpBack);
    assert_eq!((app.focus(), app.selected_id()), (0, Some("F4")));
}

#[test]
fn every_link_row_the_detail_records_shows_that_link_however_the_text_wraps() {
    let text = "A long paragraph about partners and referrals that wraps. ".repeat(6);
    let file = format!(
        "version: 1\ninspection: {{id: w, title: W}}\nfindings:\n  - id: F1\n    title: Linked\n    text: {text}\n    theme: {text}\n    links: [R1, R2, R3]\nrecommendations:\n  - {{id: R1, title: One}}\n  - {{id: R2, title: Two}}\n  - {{id: R3, title: Three}}\n"
    );
    let mut app = build(
        load_inspection(file.as_bytes()).expect("loads"),
        date(TODAY),
    );
    for width in [100, 140, 200] {
        let buffer = draw(&mut app, width, 60);
        let layout = app.layout().clone();
        assert_eq!(layout.link_rows.len(), 3, "at {width} columns");
        let rows = crate::common::buffer_rows(&buffer);
        for &(row, link) in &layout.link_rows {
            let id = ["R1", "R2", "R3"][link];
            let detail: String = rows[usize::from(row)]
                .chars()
                .skip(usize::from(layout.detail.x))
                .collect();
            assert!(
                detail.contains(id),
                "row {row} should show {id} at {width}: {detail}"
            );
        }
    }
}

#[test]
fn a_search_of_spaces_alone_narrows_nothing_and_says_so() {
    let mut app = example();
    search(&mut app, "   ");
    let text = screen_text(&draw(&mut app, 120, 40));
    assert!(text.contains("Findings (11)"), "{text}");
    assert!(!text.contains("11/11"), "{text}");
    assert!(!text.contains("Showing"), "{text}");
}

#[test]
fn a_read_only_session_refuses_every_edit_but_still_follows_links() {
    let read_only = || {
        let mut app = mini();
        app.update(Msg::Locked(LockReport {
            held: Held::Theirs("pid 42".into()),
            other_names: None,
        }));
        select(&mut app, "F1");
        app
    };
    let mut app = read_only();
    for action in [
        Action::SetStatus(Status::Complete),
        Action::EditNote,
        Action::Open,
        Action::EditOwner,
        Action::AppendNote,
        Action::Undo,
        Action::Redo,
    ] {
        // Each on an app that has said only that it is read-only.
        app = read_only();
        assert_eq!(app.update(action), [], "{action:?}");
        assert_eq!(app.mode().kind(), ModeKind::Normal, "{action:?}");
        assert!(
            matches!(&app.message(), Some(Message::Error(m)) if m.starts_with("Read-only: quit")),
            "{action:?}: {:?}",
            app.message()
        );
    }
    assert!(app.review().is_empty());
    app.update(Action::NextLink);
    app.update(Action::Open);
    assert_eq!(app.selected_id(), Some("R1"), "a chosen link is followed");
}

#[test]
fn the_mouse_does_nothing_while_an_overlay_is_open() {
    let mut app = example();
    draw(&mut app, 120, 40);
    let rect = app.layout().panes[1].1;
    app.update(Action::Help);
    app.update(mouse(
        MouseEventKind::Down(MouseButton::Left),
        rect.x + 2,
        rect.y + 1,
    ));
    assert_eq!((app.focus(), app.selected_id()), (0, Some("F1")));
}

#[test]
fn the_tabbed_layout_places_clicks_too() {
    let mut app = example();
    draw(&mut app, 80, 24);
    let rect = app.layout().panes[0].1;
    app.update(mouse(
        MouseEventKind::Down(MouseButton::Left),
        rect.x + 2,
        rect.y + 4,
    ));
    assert_eq!(app.selected_id(), Some("F5"));
}
