//! The screens drawn in ASCII (`--ascii`, or a locale that is not UTF-8):
//! snapshots of the main ones at 80x24, and a check that every cell of
//! each holds plain ASCII, so a glyph left out of the table shows up here.

use ratatui::buffer::Buffer;
use scrutiny::model::{Review, Status};
use scrutiny::tui::app::{Action, App};
use scrutiny::tui::keymap::Keymap;
use scrutiny::tui::portfolio::Portfolio;
use scrutiny::tui::runner::Screen;
use scrutiny::tui::ui::Glyphs;

use crate::common::portfolio::folder;
use crate::common::{date, draw, example_inspection, new_app, screen, select};

fn ascii() -> Keymap {
    Keymap::default().with_glyphs(&Glyphs::ASCII)
}

/// The inspections' titles have en dashes: text from the files, which
/// ASCII mode draws as it is. Made plain here, so that any character
/// outside ASCII left on these screens is one scrutiny chose.
fn plain(text: &str) -> String {
    assert!(text.contains('\u{2013}'), "the titles have changed");
    text.replace('\u{2013}', "-")
}

/// The example in triage: statuses of every kind, two items marked, the
/// selection on F4.
fn triage() -> App {
    let mut inspection = example_inspection();
    inspection.meta.title = plain(&inspection.meta.title);
    let review = Review::new(inspection.meta.id.clone());
    let mut app = new_app(
        inspection,
        review,
        "/tmp/x.review.yaml",
        None,
        date("2020-04-01"),
    )
    .with_keys(ascii());
    for (id, status) in [
        ("F1", Status::Accepted),
        ("F2", Status::Complete),
        ("F3", Status::InProgress),
        ("S1", Status::NotApplicable),
        ("R7", Status::NotAccepted),
    ] {
        select(&mut app, id);
        app.update(Action::SetStatus(status));
    }
    select(&mut app, "F2");
    app.update(Action::Mark);
    app.update(Action::Mark);
    app
}

/// The overview's folder, the titles made plain.
fn plain_folder(name: &str) -> crate::common::TempDir {
    let dir = folder(name);
    for file in ["prevent-2020.yaml", "youth-2024.yaml"] {
        let path = dir.join(file);
        let text = std::fs::read_to_string(&path).expect("the inspection written");
        std::fs::write(&path, plain(&text)).expect("the inspection rewritten");
    }
    dir
}

fn overview() -> Portfolio {
    let dir = plain_folder("ascii-overview");
    crate::portfolio::portable(&dir).with_keys(ascii())
}

fn register() -> Portfolio {
    let dir = plain_folder("ascii-register");
    let mut portfolio = crate::portfolio::portable_with_reports(&dir).with_keys(ascii());
    portfolio.update(Action::Register);
    portfolio
}

/// Every cell that is not plain ASCII, with where it is.
fn not_ascii(buffer: &Buffer) -> Vec<(u16, u16, String)> {
    let width = buffer.area.width;
    buffer
        .content
        .iter()
        .enumerate()
        .filter(|(_, cell)| !cell.symbol().is_ascii())
        .map(|(i, cell)| {
            let i = u16::try_from(i).expect("a small screen");
            (i % width, i / width, cell.symbol().to_owned())
        })
        .collect()
}

fn assert_ascii(what: &str, screen: &mut impl Screen, width: u16, height: u16) {
    let terminal = draw(screen, width, height);
    let found = not_ascii(terminal.backend().buffer());
    assert!(
        found.is_empty(),
        "{what} at {width}x{height} draws glyphs outside ASCII (column, row, glyph): {found:?}\n{}",
        terminal.backend()
    );
}

// ------------------------------------------------------------ snapshots

#[test]
fn ascii_triage_80x24() {
    insta::assert_snapshot!(screen(&mut triage(), 80, 24));
}

#[test]
fn ascii_triage_120x40() {
    insta::assert_snapshot!(screen(&mut triage(), 120, 40));
}

#[test]
fn ascii_help_80x24() {
    let mut app = triage();
    app.update(Action::Help);
    insta::assert_snapshot!(screen(&mut app, 80, 24));
}

#[test]
fn ascii_filter_picker_80x24() {
    let mut app = triage();
    app.update(Action::FilterMenu);
    insta::assert_snapshot!(screen(&mut app, 80, 24));
}

#[test]
fn ascii_summary_80x24() {
    let mut app = triage();
    app.update(Action::Summary);
    insta::assert_snapshot!(screen(&mut app, 80, 24));
}

#[test]
fn ascii_overview_80x24() {
    insta::assert_snapshot!(screen(&mut overview(), 80, 24));
}

#[test]
fn ascii_register_80x24() {
    insta::assert_snapshot!(screen(&mut register(), 80, 24));
}

// ------------------------------------------------ nothing but ASCII drawn

#[test]
fn every_cell_of_the_ascii_screens_is_ascii() {
    for (width, height) in [(80, 24), (120, 40), (200, 50)] {
        assert_ascii("triage", &mut triage(), width, height);
        for (what, action) in [
            ("the help", Action::Help),
            ("the filter picker", Action::FilterMenu),
            ("the summary", Action::Summary),
            ("the history", Action::History),
            ("the inspection", Action::Inspection),
            ("the response", Action::Response),
            ("the owner editor", Action::EditOwner),
            ("the note editor", Action::EditNote),
            ("the search", Action::Search),
        ] {
            let mut app = triage();
            app.update(action);
            assert_ascii(what, &mut app, width, height);
        }
        assert_ascii("the overview", &mut overview(), width, height);
        let mut help = overview();
        help.update(Action::Help);
        assert_ascii("the overview's help", &mut help, width, height);
        assert_ascii("the register", &mut register(), width, height);
    }
}

#[test]
fn the_unicode_screens_are_unchanged_by_the_table() {
    // The same triage drawn with the default keys still uses the glyphs
    // the other snapshots show: the table's Unicode side is what was there.
    let mut app = triage().with_keys(Keymap::default());
    let text = screen(&mut app, 80, 24);
    assert!(text.contains('■') && text.contains('✓'), "{text}");
}
