//! Triage on screen: insta snapshots of search, filters, the summary, the
//! help and marks at common sizes, plus direct checks of the words that
//! tell the user what is narrowed, sorted and marked.

use scrutiny::model::summary::counts;
use scrutiny::tui::app::{Action, App, FilterRow};
use scrutiny::{
    files::load_inspection,
    model::{Inspection, Review, Status},
};

use crate::common::{date, draw, example_inspection, new_app, screen, select, type_text};

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

/// Recommendations with dates, bodies and themes (the example has none).
const DATED: &str = "\
version: 1
inspection:
  id: dated
  title: Dated recommendations
  inspectorate: HMICFRS
  published: 2024-01-10
findings:
  - id: F1
    title: Alpha finding
    theme: Governance
    links: [R1]
recommendations:
  - id: R1
    title: Do the first thing
    theme: Governance
    directed_to: [Chief constables]
    due: 2024-03-01
  - id: R2
    title: Do the second thing
    directed_to: [College of Policing]
    due: 2024-06-01
  - id: R3
    title: Do the third thing
    due: 2024-02-01
  - id: R4
    title: A thing with no date
";

fn build(inspection: Inspection, today: &str) -> App {
    let review = Review::new(inspection.meta.id.clone());
    new_app(inspection, review, "/tmp/x.review.yaml", None, date(today))
}

fn app() -> App {
    build(example_inspection(), "2020-04-01")
}

fn dated() -> App {
    let inspection = load_inspection(DATED.as_bytes()).expect("the dated inspection loads");
    build(inspection, "2024-04-01")
}

/// The rows of the screen as plain strings, wide characters counted once.
fn rows(app: &mut App, width: u16, height: u16) -> Vec<String> {
    crate::common::buffer_rows(draw(app, width, height).backend().buffer())
}

fn text(app: &mut App, width: u16, height: u16) -> String {
    rows(app, width, height).join("\n")
}

fn set_status(app: &mut App, id: &str, status: Status) {
    select(app, id);
    app.update(Action::SetStatus(status));
}

// ------------------------------------------------------------ the states

fn searching() -> App {
    let mut app = app();
    app.update(Action::Search);
    type_text(&mut app, "train");
    app
}

fn search_kept() -> App {
    let mut app = searching();
    app.update(Action::Accept);
    app
}

/// The picker open with Accepted ticked and the theme set, the cursor on
/// the theme row.
fn filter_picker() -> App {
    let mut app = app();
    set_status(&mut app, "F4", Status::Accepted);
    set_status(&mut app, "F5", Status::InProgress);
    select(&mut app, "F1");
    app.update(Action::FilterMenu);
    app.update(Action::MoveDown);
    app.update(Action::Toggle);
    let theme = FilterRow::all()
        .iter()
        .position(|r| *r == FilterRow::Theme)
        .expect("a theme row");
    for _ in 1..theme {
        app.update(Action::MoveDown);
    }
    choose_theme(&mut app, "training");
    app
}

/// On the theme row of the filter picker: its list, narrowed by `typed`,
/// the first match chosen.
fn choose_theme(app: &mut App, typed: &str) {
    app.update(Action::Toggle);
    type_text(app, typed);
    app.update(Action::Accept);
}

/// The theme's list open over the filter picker, "Training and awareness"
/// in force and highlighted.
fn theme_list() -> App {
    let mut app = filter_picker();
    app.update(Action::Toggle);
    app
}

/// The theme's list narrowed by what is typed.
fn theme_list_narrowed() -> App {
    let mut app = filter_picker();
    app.update(Action::Toggle);
    type_text(&mut app, "an");
    app
}

/// A few statuses set, then the summary.
fn summary() -> App {
    let mut app = app();
    set_status(&mut app, "F1", Status::Accepted);
    set_status(&mut app, "F2", Status::Accepted);
    set_status(&mut app, "F3", Status::Complete);
    set_status(&mut app, "F4", Status::InProgress);
    set_status(&mut app, "S1", Status::NotApplicable);
    set_status(&mut app, "R7", Status::NotAccepted);
    app.update(Action::Summary);
    app
}

fn summary_dated() -> App {
    let mut app = dated();
    set_status(&mut app, "R3", Status::Complete);
    set_status(&mut app, "R2", Status::Accepted);
    app.update(Action::Summary);
    app
}

fn help() -> App {
    let mut app = app();
    app.update(Action::Help);
    app
}

fn help_searched() -> App {
    let mut app = help();
    app.update(Action::Search);
    type_text(&mut app, "undo");
    app
}

/// F2 and F3 marked, the selection on F4.
fn marked() -> App {
    let mut app = app();
    app.update(Action::MoveDown);
    app.update(Action::Mark);
    app.update(Action::Mark);
    app
}

// ------------------------------------------------------------ snapshots

#[test]
fn search_in_progress_80x24() {
    insta::assert_snapshot!(screen(&mut searching(), 80, 24));
}

#[test]
fn search_in_progress_120x40() {
    insta::assert_snapshot!(screen(&mut searching(), 120, 40));
}

#[test]
fn search_kept_80x24() {
    insta::assert_snapshot!(screen(&mut search_kept(), 80, 24));
}

#[test]
fn search_kept_120x40() {
    insta::assert_snapshot!(screen(&mut search_kept(), 120, 40));
}

#[test]
fn filter_picker_80x24() {
    insta::assert_snapshot!(screen(&mut filter_picker(), 80, 24));
}

#[test]
fn filter_picker_120x40() {
    insta::assert_snapshot!(screen(&mut filter_picker(), 120, 40));
}

#[test]
fn theme_list_80x24() {
    insta::assert_snapshot!(screen(&mut theme_list(), 80, 24));
}

#[test]
fn theme_list_120x40() {
    insta::assert_snapshot!(screen(&mut theme_list(), 120, 40));
}

#[test]
fn theme_list_narrowed_80x24() {
    insta::assert_snapshot!(screen(&mut theme_list_narrowed(), 80, 24));
}

#[test]
fn theme_list_narrowed_120x40() {
    insta::assert_snapshot!(screen(&mut theme_list_narrowed(), 120, 40));
}

#[test]
fn summary_80x24() {
    insta::assert_snapshot!(screen(&mut summary(), 80, 24));
}

#[test]
fn summary_120x40() {
    insta::assert_snapshot!(screen(&mut summary(), 120, 40));
}

#[test]
fn summary_with_due_dates_80x24() {
    insta::assert_snapshot!(screen(&mut summary_dated(), 80, 24));
}

#[test]
fn summary_with_due_dates_120x40() {
    insta::assert_snapshot!(screen(&mut summary_dated(), 120, 40));
}

#[test]
fn help_searched_for_undo_80x24() {
    insta::assert_snapshot!(screen(&mut help_searched(), 80, 24));
}

#[test]
fn help_searched_for_undo_120x40() {
    insta::assert_snapshot!(screen(&mut help_searched(), 120, 40));
}

#[test]
fn marks_80x24() {
    insta::assert_snapshot!(screen(&mut marked(), 80, 24));
}

#[test]
fn marks_120x40() {
    insta::assert_snapshot!(screen(&mut marked(), 120, 40));
}

// -------------------------------------------------------- plain checks

#[test]
fn the_header_names_the_active_filter_and_search() {
    let mut app = app();
    app.update(Action::ToggleUnreviewed);
    for (w, h) in SIZES {
        let header = rows(&mut app, w, h)[..3].join("\n");
        assert!(
            header.contains("Showing status: Unreviewed"),
            "{w}x{h}:\n{header}"
        );
    }
    app.update(Action::Search);
    type_text(&mut app, "train");
    app.update(Action::Accept);
    for (w, h) in SIZES {
        let header = rows(&mut app, w, h)[..3].join("\n");
        assert!(
            header.contains("Showing status: Unreviewed · search \"train\""),
            "{w}x{h}:\n{header}"
        );
    }
    // Cleared, the header says nothing of it.
    app.update(Action::ToggleUnreviewed);
    app.update(Action::Search);
    app.update(Action::Back);
    for (w, h) in SIZES {
        let header = rows(&mut app, w, h)[..3].join("\n");
        assert!(!header.contains("Showing"), "{w}x{h}:\n{header}");
    }
}

#[test]
fn the_search_being_typed_shows_in_the_footer() {
    let mut app = searching();
    for (w, h) in SIZES {
        let rows = rows(&mut app, w, h);
        let message = &rows[rows.len() - 2];
        assert!(message.starts_with("Search: train"), "{w}x{h}: {message}");
        let keys = &rows[rows.len() - 1];
        assert!(keys.contains("Enter keep"), "{w}x{h}: {keys}");
        assert!(keys.contains("Esc clear"), "{w}x{h}: {keys}");
    }
}

#[test]
fn pane_titles_count_the_shown_rows_while_filtered() {
    let mut app = app();
    app.update(Action::FilterMenu);
    for _ in 0..FilterRow::all()
        .iter()
        .position(|r| *r == FilterRow::Theme)
        .expect("a theme row")
    {
        app.update(Action::MoveDown);
    }
    choose_theme(&mut app, "training");
    app.update(Action::Back);
    let wide = text(&mut app, 120, 40);
    for title in [
        "Findings (2/11)",
        "Strengths (0/6)",
        "Recommendations (0/8)",
    ] {
        assert!(wide.contains(title), "{title}:\n{wide}");
    }
    assert!(wide.contains("(nothing matches)"), "{wide}");
    let narrow = text(&mut app, 80, 24);
    for tab in ["[Findings 2/11]", "Strengths 0/6", "Recs 0/8"] {
        assert!(narrow.contains(tab), "{tab}:\n{narrow}");
    }
    // A search counts the same way.
    let mut app = search_kept();
    let wide = text(&mut app, 120, 40);
    let shown = app.panes()[0].len();
    assert!(wide.contains(&format!("Findings ({shown}/11)")), "{wide}");
}

#[test]
fn pane_titles_name_the_sort() {
    let mut app = app();
    app.update(Action::CycleSort);
    for (w, h) in SIZES {
        let text = text(&mut app, w, h);
        assert!(text.contains("· by due date"), "{w}x{h}:\n{text}");
    }
    app.update(Action::CycleSort);
    for (w, h) in SIZES {
        let text = text(&mut app, w, h);
        assert!(text.contains("· by status"), "{w}x{h}:\n{text}");
    }
    let wide = text(&mut app, 120, 40);
    assert!(wide.contains("Findings (11) · by status"), "{wide}");
    assert!(
        !wide.contains("Strengths (6) ·"),
        "only the sorted pane: {wide}"
    );
    // By owner, by last update, then file order again.
    for _ in 0..3 {
        app.update(Action::CycleSort);
    }
    for (w, h) in SIZES {
        let text = text(&mut app, w, h);
        assert!(!text.contains("· by "), "{w}x{h}:\n{text}");
    }
}

#[test]
fn marked_rows_show_a_square_and_the_header_counts_them() {
    let mut app = marked();
    for (w, h) in SIZES {
        let rows = rows(&mut app, w, h);
        let row = |id: &str| {
            rows.iter()
                .find(|r| r.contains(&format!(" {id} ")) && r.contains('┃'))
                .unwrap_or_else(|| panic!("a row for {id}:\n{}", rows.join("\n")))
                .clone()
        };
        assert!(row("F2").contains('■'), "{w}x{h}: {}", row("F2"));
        assert!(row("F3").contains('■'), "{w}x{h}: {}", row("F3"));
        assert!(!row("F1").contains('■'), "{w}x{h}: {}", row("F1"));
        assert!(!row("F4").contains('■'), "{w}x{h}: {}", row("F4"));
        assert!(rows[2].contains("■ 2 marked"), "{w}x{h}: {}", rows[2]);
    }
}

#[test]
fn the_summary_table_matches_the_counts() {
    let mut app = summary();
    let table = counts(app.inspection(), app.review());
    for (w, h) in SIZES {
        let rows = rows(&mut app, w, h);
        let text = rows.join("\n");
        for row in &table {
            let line = rows
                .iter()
                .find(|r| r.contains(row.kind.plural()) && !r.contains('['))
                .unwrap_or_else(|| panic!("{w}x{h}: no row for {:?}:\n{text}", row.kind));
            let numbers: Vec<usize> = line
                .split_whitespace()
                .filter_map(|word| word.trim_matches('║').parse().ok())
                .collect();
            let mut want = row.by_status.to_vec();
            want.push(row.total());
            assert_eq!(numbers, want, "{w}x{h}: {line}");
        }
        let all = rows
            .iter()
            .find(|r| r.contains("║All "))
            .unwrap_or_else(|| panic!("{w}x{h}: no All row:\n{text}"));
        let numbers: Vec<usize> = all
            .split_whitespace()
            .filter_map(|word| word.trim_matches('║').parse().ok())
            .collect();
        assert_eq!(numbers, [19, 2, 1, 1, 1, 1, 25], "{w}x{h}: {all}");
        assert!(text.contains("4/11 reviewed"), "{w}x{h}:\n{text}");
        assert!(text.contains("1/6 reviewed"), "{w}x{h}:\n{text}");
        assert!(text.contains("1/8 reviewed"), "{w}x{h}:\n{text}");
        assert!(
            text.contains("No recommendation has a due date."),
            "{w}x{h}:\n{text}"
        );
    }
}

#[test]
fn the_summary_lists_overdue_recommendations_first() {
    let mut app = summary_dated();
    for (w, h) in SIZES {
        let rows = rows(&mut app, w, h);
        let dated: Vec<&String> = rows
            .iter()
            .filter(|r| r.contains("2024-0"))
            .filter(|r| !r.contains("Response due"))
            .collect();
        assert_eq!(dated.len(), 3, "{w}x{h}:\n{}", rows.join("\n"));
        assert!(dated[0].contains("OVERDUE 2024-03-01"), "{}", dated[0]);
        assert!(dated[0].contains("R1"), "{}", dated[0]);
        assert!(!dated[1].contains("OVERDUE"), "complete: {}", dated[1]);
        assert!(dated[1].contains("R3"), "{}", dated[1]);
        assert!(dated[2].contains("R2"), "{}", dated[2]);
        assert!(!rows.join("\n").contains("R4 "), "R4 has no date");
    }
}

#[test]
fn the_filter_picker_shows_what_is_set() {
    let mut app = filter_picker();
    for (w, h) in SIZES {
        let text = text(&mut app, w, h);
        assert!(text.contains("[x] ✓ Accepted"), "{w}x{h}:\n{text}");
        assert!(text.contains("[ ] ○ Unreviewed"), "{w}x{h}:\n{text}");
        assert!(
            text.contains("▸ Theme:       Training and awareness"),
            "{w}x{h}:\n{text}"
        );
        assert!(
            text.contains("Directed to: (anyone; Space lists them)"),
            "{w}x{h}:\n{text}"
        );
        assert!(text.contains("Filters: 1 item"), "{w}x{h}:\n{text}");
    }
}

#[test]
fn the_help_search_keeps_only_matching_keys() {
    let mut app = help_searched();
    for (w, h) in SIZES {
        let text = text(&mut app, w, h);
        assert!(text.contains("Keys matching \"undo\""), "{w}x{h}:\n{text}");
        assert!(text.contains("undo the last change"), "{w}x{h}:\n{text}");
        assert!(!text.contains("next pane"), "{w}x{h}:\n{text}");
        assert!(!text.contains("Status markers"), "{w}x{h}:\n{text}");
    }
}

#[test]
fn the_owner_editor_names_the_marked_items_it_will_change() {
    let mut app = marked();
    assert_eq!(app.selected_id(), Some("F4"));
    app.update(Action::EditOwner);
    for (w, h) in SIZES {
        let text = text(&mut app, w, h);
        assert!(!text.contains("Owner of F4"), "{w}x{h}:\n{text}");
        assert!(text.contains("2 marked items"), "{w}x{h}:\n{text}");
    }
}
