//! The overview as a user sees it: snapshots at common sizes, and checks
//! of the words about deadlines, the progress and open columns, and the
//! colours and details of a broken entry.

use std::path::Path;

use scrutiny::tui::app::Action;
use scrutiny::tui::portfolio::{Entry, Portfolio};

use crate::common::portfolio::{draw, folder, load, rows, today};
use crate::common::{TempDir, screen};

// ------------------------------------------------------------- the screen

/// The portfolio with paths made relative to a stand-in folder, so the
/// snapshots do not depend on where the temp dir is.
pub(crate) fn portable(dir: &TempDir) -> Portfolio {
    let loaded = load(dir);
    let prefix = dir.path().display().to_string();
    let entries = loaded
        .entries()
        .iter()
        .cloned()
        .map(|e| Entry {
            path: Path::new("inspections").join(e.path.file_name().expect("a file name")),
            stats: e.stats.map_err(|why| why.replace(&prefix, "inspections")),
        })
        .collect();
    Portfolio::new(entries, "tester".into(), today())
}

fn row_with<'a>(rows: &'a [String], text: &str) -> &'a str {
    rows.iter()
        .find(|r| r.contains(text))
        .unwrap_or_else(|| panic!("no row with {text:?}:\n{}", rows.join("\n")))
}

#[test]
fn snapshot_overview() {
    let dir = folder("snap-overview");
    let mut portfolio = portable(&dir);
    insta::assert_snapshot!("overview_80x24", screen(&mut portfolio, 80, 24));
    insta::assert_snapshot!("overview_120x40", screen(&mut portfolio, 120, 40));
}

#[test]
fn snapshot_broken_entry_selected() {
    let dir = folder("snap-broken");
    let mut portfolio = portable(&dir);
    portfolio.update(Action::Bottom);
    portfolio.update(Action::Open);
    insta::assert_snapshot!("broken_selected_80x24", screen(&mut portfolio, 80, 24));
    insta::assert_snapshot!("broken_selected_120x40", screen(&mut portfolio, 120, 40));
}

#[test]
fn snapshot_overview_help() {
    let dir = folder("snap-help");
    let mut portfolio = portable(&dir);
    portfolio.update(Action::Help);
    insta::assert_snapshot!("overview_help_80x24", screen(&mut portfolio, 80, 24));
    // Scrolled to the end: the keys of an inspection opened from here.
    for _ in 0..40 {
        portfolio.update(Action::MoveDown);
    }
    insta::assert_snapshot!("overview_help_end_80x24", screen(&mut portfolio, 80, 24));
}

#[test]
fn snapshot_overview_search() {
    let dir = folder("snap-search");
    let mut portfolio = portable(&dir);
    portfolio.update(Action::Search);
    for c in "youth".chars() {
        portfolio.update(scrutiny::tui::app::Msg::EditorKey(crate::common::key(
            crossterm::event::KeyCode::Char(c),
        )));
    }
    insta::assert_snapshot!("overview_searching_80x24", screen(&mut portfolio, 80, 24));
    portfolio.update(Action::Accept);
    insta::assert_snapshot!("overview_search_kept_80x24", screen(&mut portfolio, 80, 24));
}

#[test]
fn snapshot_sorted_by_progress() {
    let dir = folder("snap-progress");
    let mut portfolio = portable(&dir);
    portfolio.update(Action::CycleSort);
    insta::assert_snapshot!("sorted_by_progress_80x24", screen(&mut portfolio, 80, 24));
    insta::assert_snapshot!("sorted_by_progress_120x40", screen(&mut portfolio, 120, 40));
}

#[test]
fn the_overview_says_overdue_in_words_and_shows_progress_and_open_counts() {
    let dir = folder("words");
    let mut portfolio = portable(&dir);
    for (width, height) in [(120, 40), (80, 24)] {
        let rows = rows(&draw(&mut portfolio, width, height));
        let all = rows.join("\n");
        assert!(
            rows[0].contains("3 inspections (1 did not load)"),
            "{width}: {all}"
        );
        assert!(rows[0].contains("sorted by response deadline"), "{all}");
        let prevent = row_with(&rows, "Counter-t");
        assert!(prevent.contains("1520 days overdue"), "{width}: {prevent}");
        if width >= 100 {
            // Wide enough for the dates and a longer bar too.
            assert!(
                prevent.contains("2020-05-03 (1520 days overdue)"),
                "{width}: {prevent}"
            );
            assert!(prevent.contains("2020-03-09"), "{prevent}");
            assert!(
                prevent.contains("[█░░░░░░░░░░░] 3/25"),
                "{width}: {prevent}"
            );
        } else {
            assert!(prevent.contains("] 3/25"), "{width}: {prevent}");
        }
        let youth = row_with(&rows, "Youth");
        assert!(youth.contains("34 days left"), "{youth}");
        assert!(youth.contains("0/4"), "{youth}");
        if width >= 100 {
            assert!(youth.contains("2024-08-04 (34 days left)"), "{youth}");
            assert!(youth.contains("[░░░░░░░░░░░░] 0/4"), "{youth}");
        }
        let bad = row_with(&rows, "did not load:");
        assert!(bad.contains('✗'), "{bad}");
        let footer = &rows[rows.len() - 1];
        for words in ["Enter open", "S sort", "q quit"] {
            assert!(footer.contains(words), "{width}: footer {footer:?}");
        }
        assert!(
            rows[rows.len() - 2].contains("Enter opens an inspection"),
            "{all}"
        );
    }
}

/// A row without the list's borders and trailing blanks.
fn inside(row: &str) -> &str {
    row.trim_matches(|c| c == '┃' || c == ' ')
}

fn open_column_check(width: u16, height: u16) {
    let dir = folder("open-column");
    let mut portfolio = portable(&dir);
    let rows = rows(&draw(&mut portfolio, width, height));
    let header = row_with(&rows, "Inspection");
    assert!(
        header.trim_end().ends_with("Open"),
        "{width}: header {header:?}"
    );
    let prevent = row_with(&rows, "Counter-t");
    assert!(
        inside(prevent).ends_with(" 6/8"),
        "{width}: prevent row {prevent:?}"
    );
    let youth = row_with(&rows, "Youth");
    assert!(
        inside(youth).ends_with(" 2/2"),
        "{width}: youth row {youth:?}"
    );
}

#[test]
fn the_open_column_shows_open_over_total_recommendations_at_120() {
    open_column_check(120, 40);
}

#[test]
fn the_open_column_shows_open_over_total_recommendations_at_80() {
    open_column_check(80, 24);
}

/// The column (in characters, every one here one cell wide) where `text`
/// starts in `row`.
fn column_of(row: &str, text: &str) -> usize {
    let at = row
        .find(text)
        .unwrap_or_else(|| panic!("{text:?} not in {row:?}"));
    row[..at].chars().count()
}

#[test]
fn the_column_headings_line_up_with_the_rows() {
    let dir = folder("align");
    let mut portfolio = portable(&dir);
    let rows = rows(&draw(&mut portfolio, 120, 40));
    let header = row_with(&rows, "Inspection");
    let prevent = row_with(&rows, "Counter-t");
    assert_eq!(
        column_of(header, "Inspection"),
        column_of(prevent, "Counter")
    );
    assert_eq!(
        column_of(header, "Published"),
        column_of(prevent, "2020-03-09")
    );
    assert_eq!(
        column_of(header, "Response due"),
        column_of(prevent, "2020-05-03")
    );
    assert_eq!(column_of(header, "Reviewed"), column_of(prevent, "[█"));
    assert_eq!(
        column_of(header, "Open") + 3,
        column_of(prevent, "6/8") + 2,
        "both end in the same column"
    );
}

#[test]
fn an_overdue_deadline_is_drawn_as_an_error_and_a_future_one_is_not() {
    let dir = folder("colour");
    let mut portfolio = portable(&dir);
    let buffer = draw(&mut portfolio, 120, 40);
    let rows = rows(&buffer);
    let cell = |text: &str| {
        let y = rows
            .iter()
            .position(|r| r.contains(text))
            .unwrap_or_else(|| panic!("no row with {text:?}"));
        let x = column_of(&rows[y], text);
        buffer[(
            u16::try_from(x).expect("a column"),
            u16::try_from(y).expect("a row"),
        )]
            .clone()
    };
    assert_eq!(cell("(1520 days overdue)").fg, ratatui::style::Color::Red);
    assert_ne!(cell("(34 days left)").fg, ratatui::style::Color::Red);
}

#[test]
fn the_broken_entry_shows_its_error_in_the_detail_lines() {
    let dir = folder("detail");
    let mut portfolio = portable(&dir);
    portfolio.update(Action::Bottom);
    let rows = rows(&draw(&mut portfolio, 120, 40));
    let all = rows.join("\n");
    assert!(all.contains("File inspections/bad.yaml"), "{all}");
    assert!(
        all.contains("inspections/bad.yaml:8:1: unknown key `recomendations`"),
        "{all}"
    );
}

// ------------------------------------------------------------- the register

/// The overview with each inspection read whole, its paths (and the
/// pairs') made relative to a stand-in folder.
pub(crate) fn portable_with_reports(dir: &TempDir) -> Portfolio {
    let files = scrutiny::files::workspace::discover(&[dir.path().to_path_buf()])
        .expect("the folder has inspections");
    let (entries, pairs) =
        scrutiny::tui::reading::read_reports(&files, None, &std::sync::atomic::AtomicUsize::new(0));
    let prefix = dir.path().display().to_string();
    let stand_in = |path: &Path| Path::new("inspections").join(path.file_name().expect("a name"));
    let entries = entries
        .into_iter()
        .map(|e| Entry {
            path: stand_in(&e.path),
            stats: e.stats.map_err(|why| why.replace(&prefix, "inspections")),
        })
        .collect();
    let pairs = pairs
        .into_iter()
        .map(|pair| {
            pair.map(|mut pair| {
                pair.path = stand_in(&pair.path);
                pair.review_path = stand_in(&pair.review_path);
                pair
            })
        })
        .collect();
    Portfolio::new(entries, "tester".into(), today()).with_reports(pairs)
}

#[test]
fn snapshot_register() {
    let dir = folder("snap-register");
    let mut portfolio = portable_with_reports(&dir);
    portfolio.update(Action::Register);
    insta::assert_snapshot!("register_80x24", screen(&mut portfolio, 80, 24));
    insta::assert_snapshot!("register_200x50", screen(&mut portfolio, 200, 50));
    portfolio.update(Action::ToggleKinds);
    insta::assert_snapshot!("register_all_kinds_200x50", screen(&mut portfolio, 200, 50));
}

#[test]
fn snapshot_register_link_picker() {
    let dir = folder("snap-register-link");
    let mut portfolio = portable_with_reports(&dir);
    portfolio.update(Action::Register);
    portfolio.update(Action::Link);
    for c in "div".chars() {
        portfolio.update(scrutiny::tui::app::Msg::EditorKey(
            crossterm::event::KeyEvent::new(
                crossterm::event::KeyCode::Char(c),
                crossterm::event::KeyModifiers::NONE,
            ),
        ));
    }
    insta::assert_snapshot!("register_link_80x24", screen(&mut portfolio, 80, 24));
    portfolio.update(Action::Accept);
    insta::assert_snapshot!("register_relation_80x24", screen(&mut portfolio, 80, 24));
}
