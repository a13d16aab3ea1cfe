//! The import view as a user sees it: snapshots at 80x24 and 200x50, with
//! the importer's own reading and after the reviewer's marks, the keys,
//! and the words that say what a line became and whether the file passes.

use ratatui::style::Color;

use scrutiny::import::{Mark, Section};
use scrutiny::tui::action::{Action, Msg};
use scrutiny::tui::importer::{ImportView, Start};

use crate::common::import_view::{NORTHMOOR, start};
use crate::common::{TempDir, buffer_rows, draw, screen};

/// The view with the output named as the user would see it, not by the
/// temporary folder.
fn view(dir: &TempDir) -> ImportView {
    ImportView::new(Start {
        output: "northmoor.yaml".into(),
        ..start(dir)
    })
}

fn to_line(view: &mut ImportView, number: usize) {
    view.update(Msg::Act(Action::Top));
    for _ in 1..number {
        view.update(Msg::Act(Action::MoveDown));
    }
}

fn marked(dir: &TempDir) -> ImportView {
    let mut view = view(dir);
    to_line(&mut view, 9);
    view.update(Msg::Act(Action::MarkLine(Mark::Heading(
        Section::Recommendations,
    ))));
    to_line(&mut view, 12);
    view
}

#[test]
fn as_read_80x24_and_200x50() {
    let dir = TempDir::new("import-screen-read");
    let mut view = view(&dir);
    insta::assert_snapshot!("as_read_80x24", screen(&mut view, 80, 24));
    insta::assert_snapshot!("as_read_200x50", screen(&mut view, 200, 50));
}

#[test]
fn marked_80x24_and_200x50() {
    let dir = TempDir::new("import-screen-marked");
    let mut view = marked(&dir);
    insta::assert_snapshot!("marked_80x24", screen(&mut view, 80, 24));
    insta::assert_snapshot!("marked_200x50", screen(&mut view, 200, 50));
}

#[test]
fn help_80x24() {
    let dir = TempDir::new("import-screen-help");
    let mut view = view(&dir);
    view.update(Msg::Act(Action::Help));
    insta::assert_snapshot!("help_80x24", screen(&mut view, 80, 24));
}

#[test]
fn the_words_say_what_each_line_became_and_whether_the_file_passes() {
    let dir = TempDir::new("import-screen-words");
    let mut view = view(&dir);
    let before = screen(&mut view, 80, 24);
    assert!(before.contains("✗ no item yet"), "{before}");
    let mut view = marked(&dir);
    let rows = buffer_rows(draw(&mut view, 80, 24).backend().buffer());
    let all = rows.join("\n");
    assert!(all.contains("✓ passes the check"), "{all}");
    assert!(
        all.contains("Line 12 of 16: starts R2 (recommendation)"),
        "{all}"
    );
    assert!(
        all.contains(" 9*§ recs"),
        "the reviewer's mark shows: {all}"
    );
    assert!(all.contains("For: the service"), "{all}");
    assert!(all.contains("Due: 2025-12-31"), "{all}");
    // What the footer offers comes from the keymap.
    let footer = rows.last().expect("a footer");
    for words in ["1-5 heading", "n item", "J join", "w write", "? help"] {
        assert!(footer.contains(words), "{words}: {footer}");
    }
}

#[test]
fn a_line_left_out_is_tagged_in_red_and_none_without_colour() {
    let dir = TempDir::new("import-screen-colour");
    let mut view = marked(&dir);
    let terminal = draw(&mut view, 80, 24);
    let buffer = terminal.backend().buffer();
    let rows = buffer_rows(buffer);
    let (y, row) = rows
        .iter()
        .enumerate()
        .find(|(_, r)| r.contains("unplaced  Northmoor"))
        .expect("the findings' paragraph is left out");
    let x = row.find("unplaced").expect("its tag");
    let x = u16::try_from(row[..x].chars().count()).expect("narrow");
    let y = u16::try_from(y).expect("short");
    assert_eq!(buffer[(x, y)].fg, Color::Red);
    let mut plain = view.with_colour(false);
    let terminal = draw(&mut plain, 80, 24);
    assert!(
        terminal
            .backend()
            .buffer()
            .content
            .iter()
            .all(|c| c.fg == Color::Reset && c.bg == Color::Reset)
    );
    let _ = NORTHMOOR;
}
