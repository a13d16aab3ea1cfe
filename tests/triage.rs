//! Triage without a terminal: search, filters, sorting, marks and bulk
//! changes, undo and redo, links, the mouse, the summary counts, user
//! keymaps and `NO_COLOR`, each driven through `App::update`.

mod common;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use jiff::civil::Date;
use ratatui::buffer::Buffer;
use ratatui::style::Color;
use scrutiny::model::summary::{KindCounts, counts, recommendations_by_due};
use scrutiny::tui::app::{
    Action, App, Effect, Filter, FilterRow, Held, LockReport, Message, ModeKind, Msg, SaveOutcome,
    SortOrder,
};
use scrutiny::tui::keymap::Keymap;
use scrutiny::{
    files::load_inspection,
    model::{Inspection, Review, Status},
};

use common::{date, example_inspection, key, new_app, note, type_text};

/// A small inspection with themes, bodies, due dates and links, for what
/// the bundled example lacks. With `TODAY` R3 and R1 are overdue.
const MINI: &str = "\
version: 1
inspection:
  id: mini
  title: A small inspection
  inspectorate: HMICFRS
  published: 2024-01-10
findings:
  - id: F1
    title: Alpha finding
    theme: Governance
    links: [R1, R2]
  - id: F2
    title: Beta finding
    theme: Training
    links: [R3]
  - id: F3
    title: Gamma finding
recommendations:
  - id: R1
    title: Do the first thing
    theme: Governance
    directed_to: [Chief constables]
    due: 2024-03-01
  - id: R2
    title: Do the second thing
    theme: Training
    directed_to: [College of Policing]
    due: 2024-06-01
  - id: R3
    title: Do the third thing
    directed_to: [Chief constables, College of Policing]
    due: 2024-02-01
  - id: R4
    title: A thing with no date
    theme: Training
";

const TODAY: &str = "2024-04-01";

fn build(inspection: Inspection, today: Date) -> App {
    let review = Review::new(inspection.meta.id.clone());
    new_app(inspection, review, "/tmp/triage.review.yaml", None, today)
}

/// The bundled example: F1..F11, S1..S6, R1..R8.
fn example() -> App {
    build(example_inspection(), date("2020-04-01"))
}

fn mini() -> App {
    let inspection = load_inspection(MINI.as_bytes()).expect("the small inspection loads");
    build(inspection, date(TODAY))
}

/// A key as the runner would hand it over: through the keys in force.
fn press(app: &mut App, event: KeyEvent) -> Vec<Effect> {
    match app.keys().msg_for(app.mode().kind(), event) {
        Some(action) => app.update(action),
        None => Vec::new(),
    }
}

fn search(app: &mut App, text: &str) {
    app.update(Action::Search);
    type_text(app, text);
}

fn ids(app: &App, pane: usize) -> Vec<&str> {
    app.panes()[pane].ids().collect()
}

fn owner(app: &App, id: &str) -> Option<String> {
    app.entry(id).and_then(|e| e.owner.clone())
}

fn history_len(app: &App, id: &str) -> usize {
    app.entry(id).map_or(0, |e| e.history.len())
}

fn select(app: &mut App, id: &str) {
    common::select(app, id);
    assert_eq!(app.selected_id(), Some(id));
}

fn set_status(app: &mut App, id: &str, status: Status) {
    select(app, id);
    app.update(Action::SetStatus(status));
    assert_eq!(app.status(id), status);
}

fn open_filters_at(app: &mut App, row: FilterRow) {
    app.update(Action::FilterMenu);
    let at = FilterRow::all()
        .iter()
        .position(|r| *r == row)
        .expect("a picker row");
    for _ in 0..at {
        app.update(Action::MoveDown);
    }
}

fn toggle_filter(app: &mut App, row: FilterRow) {
    open_filters_at(app, row);
    app.update(Action::Toggle);
    app.update(Action::Back);
    assert_eq!(app.mode().kind(), ModeKind::Normal);
}

fn draw(app: &mut App, width: u16, height: u16) -> Buffer {
    common::draw(app, width, height).backend().buffer().clone()
}

fn screen_text(buffer: &Buffer) -> String {
    let width = usize::from(buffer.area.width);
    buffer
        .content
        .chunks(width)
        .map(|cells| {
            cells
                .iter()
                .map(ratatui::buffer::Cell::symbol)
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn mouse(kind: MouseEventKind, column: u16, row: u16) -> Msg {
    Msg::Mouse(MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    })
}

fn info(app: &App) -> String {
    match &app.message() {
        Some(Message::Info(text) | Message::Error(text)) => text.clone(),
        None => String::new(),
    }
}

// =============================================================== search

#[test]
fn typing_a_search_narrows_the_panes_best_match_first() {
    let mut app = example();
    app.update(Action::Search);
    assert_eq!(app.mode().kind(), ModeKind::Search);
    type_text(&mut app, "train");
    assert_eq!(app.search(), "train");
    let findings = ids(&app, 0);
    assert_eq!(&findings[..2], ["F4", "F5"], "{findings:?}");
    for hidden in ["F1", "F3", "F7", "F8", "F9", "F11"] {
        assert!(!findings.contains(&hidden), "{hidden} shown: {findings:?}");
    }
    assert!(app.panes()[0].len() < app.panes()[0].all.len());
    assert_eq!(app.panes()[0].all.len(), 11, "`all` keeps every id");
    // The best match is selected as the search changes.
    assert_eq!(app.selected_id(), Some("F4"));
    // Every shown id is one the pane holds.
    for pane in app.panes() {
        assert!(pane.ids().all(|id| pane.all.iter().any(|a| a == id)));
    }
}

#[test]
fn each_keystroke_narrows_further_and_backspace_widens_again() {
    let mut app = example();
    app.update(Action::Search);
    let mut shown = Vec::new();
    for c in "train".chars() {
        app.update(Msg::EditorKey(key(KeyCode::Char(c))));
        shown.push(
            app.panes()
                .iter()
                .map(scrutiny::tui::app::Pane::len)
                .sum::<usize>(),
        );
    }
    assert!(
        shown.windows(2).all(|w| w[1] <= w[0]),
        "a longer query never shows more: {shown:?}"
    );
    let at_train = ids(&app, 0).len();
    app.update(Msg::EditorKey(key(KeyCode::Backspace)));
    assert_eq!(app.search(), "trai");
    assert!(ids(&app, 0).len() >= at_train);
}

#[test]
fn a_search_matches_the_note_and_the_owner_too() {
    let mut app = example();
    select(&mut app, "F1");
    app.update(Action::EditNote);
    type_text(&mut app, "Ask about the xylophone budget");
    app.update(Action::KeepNote);
    select(&mut app, "S2");
    app.update(Action::EditOwner);
    type_text(&mut app, "Quokka Smith");
    app.update(Action::Accept);

    search(&mut app, "xylophone");
    assert_eq!(ids(&app, 0), ["F1"]);
    assert!(ids(&app, 1).is_empty(), "{:?}", ids(&app, 1));
    assert!(ids(&app, 2).is_empty(), "{:?}", ids(&app, 2));
    app.update(Action::Back);

    search(&mut app, "quokka");
    assert_eq!(ids(&app, 1), ["S2"]);
    assert!(ids(&app, 0).is_empty(), "{:?}", ids(&app, 0));
}

#[test]
fn long_text_matches_words_not_scattered_letters() {
    let mut app = example();
    // Every letter of this occurs in most paragraphs, but not as a word.
    search(&mut app, "zebraquartz");
    assert!(app.panes().iter().all(scrutiny::tui::app::Pane::is_empty));
    app.update(Action::Back);
    // A word only in the text of F10 ("referred members of their own staff").
    search(&mut app, "referred members");
    assert_eq!(ids(&app, 0), ["F10"]);
}

#[test]
fn a_word_that_ends_a_text_is_found_whatever_its_letters() {
    let yaml = "inspection:\n  id: t\n  title: T\nfindings:\n  - id: F1\n    title: One\n    text: Les leçons tirées\n  - id: F2\n    title: Two\n    text: Nothing here\n";
    let mut app = build(
        load_inspection(yaml.as_bytes()).expect("loads"),
        date(TODAY),
    );
    search(&mut app, "tirées");
    assert_eq!(ids(&app, 0), ["F1"]);
}

#[test]
fn accepting_a_search_keeps_it_and_the_narrowed_panes() {
    let mut app = example();
    search(&mut app, "train");
    let narrowed: Vec<Vec<String>> = app
        .panes()
        .iter()
        .map(|p| p.ids().map(str::to_owned).collect())
        .collect();
    assert_eq!(app.update(Action::Accept), []);
    assert_eq!(app.mode().kind(), ModeKind::Normal);
    assert_eq!(app.search(), "train");
    let kept: Vec<Vec<String>> = app
        .panes()
        .iter()
        .map(|p| p.ids().map(str::to_owned).collect())
        .collect();
    assert_eq!(kept, narrowed);
    assert!(
        info(&app).contains("Search \"train\" kept"),
        "{}",
        info(&app)
    );
    // Opening the search again starts from the kept text.
    app.update(Action::Search);
    type_text(&mut app, "ing");
    assert_eq!(app.search(), "training");
}

#[test]
fn escape_in_the_search_clears_it_and_shows_every_row() {
    let mut app = example();
    search(&mut app, "train");
    assert_eq!(app.update(Action::Back), []);
    assert_eq!(app.mode().kind(), ModeKind::Normal);
    assert_eq!(app.search(), "");
    for pane in app.panes() {
        assert_eq!(pane.ids().collect::<Vec<_>>(), pane.all, "{:?}", pane.kind);
    }
    assert!(app.highlight("Training").is_empty());

    // A kept search is cleared the same way.
    search(&mut app, "vetting");
    app.update(Action::Accept);
    app.update(Action::Search);
    app.update(Action::Back);
    assert_eq!(app.search(), "");
    assert_eq!(ids(&app, 0).len(), 11);
}

#[test]
fn highlights_hold_the_matched_title_characters() {
    let mut app = example();
    search(&mut app, "train");
    for id in ["F4", "F5"] {
        let title: Vec<char> = app
            .inspection()
            .get(id)
            .expect("an item")
            .title
            .chars()
            .collect();
        let title_text = &app.inspection().get(id).expect("an item").title;
        let at = app.highlight(title_text);
        assert!(!at.is_empty(), "F4 and F5 titles match");
        let matched: String = at
            .iter()
            .map(|&i| title[usize::try_from(i).expect("small")])
            .collect();
        assert_eq!(matched.to_lowercase(), "train", "{id}: {at:?}");
        assert!(at.windows(2).all(|w| w[0] < w[1]), "sorted, no repeats");
    }
    app.update(Action::Back);
    let title = &app.inspection().get("F4").expect("an item").title;
    assert!(app.highlight(title).is_empty(), "no search, no highlight");
}

#[test]
fn next_and_previous_match_step_across_panes_and_wrap() {
    let mut app = example();
    search(&mut app, "train");
    app.update(Action::Accept);
    let order: Vec<(usize, String)> = app
        .panes()
        .iter()
        .enumerate()
        .flat_map(|(i, p)| p.ids().map(move |id| (i, id.to_owned())))
        .collect();
    assert!(order.len() > 3);
    assert_eq!(order[0], (0, "F4".to_owned()));
    let here = |app: &App| (app.focus(), app.selected_id().expect("a row").to_owned());
    assert_eq!(here(&app), order[0]);
    for want in order.iter().skip(1) {
        app.update(Action::NextMatch);
        assert_eq!(&here(&app), want);
    }
    // Past the last match: round to the first.
    app.update(Action::NextMatch);
    assert_eq!(here(&app), order[0]);
    // And back again, before the first: the last.
    app.update(Action::PrevMatch);
    assert_eq!(&here(&app), order.last().expect("matches"));
    for want in order.iter().rev().skip(1) {
        app.update(Action::PrevMatch);
        assert_eq!(&here(&app), want);
    }
}

#[test]
fn next_match_skips_panes_with_nothing_shown() {
    let mut app = example();
    search(&mut app, "referral");
    app.update(Action::Accept);
    // No strength mentions referrals; F10 says "referred", which the
    // search's threshold keeps from matching by scattered letters.
    assert_eq!(ids(&app, 0), ["F9"]);
    assert!(ids(&app, 1).is_empty());
    assert_eq!(ids(&app, 2), ["R3"]);
    app.update(Action::NextMatch);
    assert_eq!((app.focus(), app.selected_id()), (2, Some("R3")));
    app.update(Action::NextMatch);
    assert_eq!((app.focus(), app.selected_id()), (0, Some("F9")));
    app.update(Action::PrevMatch);
    assert_eq!((app.focus(), app.selected_id()), (2, Some("R3")));
    // The chosen link is forgotten on the way: F9's, to R3.
    app.update(Action::NextMatch);
    app.update(Action::NextLink);
    assert_eq!(app.link(), Some(0));
    app.update(Action::PrevMatch);
    assert_eq!(app.link(), None);
}

#[test]
fn the_filter_picker_toggles_statuses() {
    let mut app = example();
    set_status(&mut app, "F1", Status::Accepted);
    set_status(&mut app, "F2", Status::Complete);
    select(&mut app, "F1");

    app.update(Action::FilterMenu);
    assert_eq!(app.mode().kind(), ModeKind::FilterMenu);
    // Row 0 is Unreviewed.
    app.update(Action::Toggle);
    assert_eq!(app.filter().describe(), ["status: Unreviewed"]);
    assert_eq!(ids(&app, 0).len(), 9);
    assert!(!ids(&app, 0).contains(&"F1"));
    assert!(!ids(&app, 0).contains(&"F2"));
    assert_eq!(app.panes()[0].all.len(), 11);
    // Row 1 is Accepted: either status shows.
    app.update(Action::MoveDown);
    app.update(Action::Toggle);
    assert_eq!(app.filter().describe(), ["status: Unreviewed or Accepted"]);
    assert_eq!(ids(&app, 0).len(), 10);
    assert!(ids(&app, 0).contains(&"F1"));
    // Untoggling Unreviewed leaves only the accepted one.
    app.update(Action::MoveUp);
    app.update(Action::Toggle);
    assert_eq!(ids(&app, 0), ["F1"]);
    assert!(ids(&app, 1).is_empty());
    assert!(ids(&app, 2).is_empty());
    // The picker's keys leave it; the filter stays.
    app.update(Action::Back);
    assert_eq!(app.mode().kind(), ModeKind::Normal);
    assert_eq!(ids(&app, 0), ["F1"]);
}

#[test]
fn the_picker_cursor_stays_within_its_rows() {
    let mut app = example();
    // A filter in force, for the last row to clear.
    toggle_filter(&mut app, FilterRow::Overdue);
    assert!(app.filter().overdue);
    app.update(Action::FilterMenu);
    for _ in 0..50 {
        app.update(Action::MoveDown);
    }
    // The last row clears.
    app.update(Action::Toggle);
    assert_eq!(*app.filter(), Filter::default());
    for _ in 0..50 {
        app.update(Action::MoveUp);
    }
    app.update(Action::Toggle);
    assert_eq!(app.filter().describe(), ["status: Unreviewed"]);
    // j/k moved the picker, not the list.
    assert_eq!(app.selected_id(), Some("F1"));
}

#[test]
fn the_theme_row_cycles_through_every_theme_then_none() {
    let mut app = example();
    let themes = app.themes();
    assert_eq!(themes.len(), 6, "{themes:?}");
    open_filters_at(&mut app, FilterRow::Theme);
    for theme in &themes {
        app.update(Action::Toggle);
        assert_eq!(app.filter().theme.as_ref(), Some(theme));
        for id in app.panes()[0].ids() {
            let item = app.inspection().get(id).expect("an item");
            assert_eq!(item.theme.as_ref(), Some(theme));
        }
        // Strengths and recommendations of the example have no theme.
        assert!(ids(&app, 1).is_empty());
        assert!(ids(&app, 2).is_empty());
    }
    app.update(Action::Toggle);
    assert_eq!(app.filter().theme, None);
    assert_eq!(ids(&app, 0).len(), 11);
}

#[test]
fn the_theme_filter_shows_exactly_that_theme() {
    let mut app = example();
    open_filters_at(&mut app, FilterRow::Theme);
    while app.filter().theme.as_deref() != Some("Training and awareness") {
        app.update(Action::Toggle);
    }
    assert_eq!(ids(&app, 0), ["F4", "F5"]);
}

#[test]
fn the_directed_to_row_cycles_through_the_bodies() {
    let mut app = mini();
    assert_eq!(app.bodies(), ["Chief constables", "College of Policing"]);
    open_filters_at(&mut app, FilterRow::DirectedTo);
    app.update(Action::Toggle);
    assert_eq!(
        app.filter().directed_to.as_deref(),
        Some("Chief constables")
    );
    assert_eq!(ids(&app, 1), ["R1", "R3"]);
    assert!(ids(&app, 0).is_empty(), "findings are directed to no one");
    app.update(Action::Toggle);
    assert_eq!(
        app.filter().directed_to.as_deref(),
        Some("College of Policing")
    );
    assert_eq!(ids(&app, 1), ["R2", "R3"]);
    app.update(Action::Toggle);
    assert_eq!(app.filter().directed_to, None);
    assert_eq!(ids(&app, 1), ["R1", "R2", "R3", "R4"]);
}

#[test]
fn a_report_without_bodies_leaves_the_directed_to_row_unset() {
    let mut app = example();
    assert!(app.bodies().is_empty());
    open_filters_at(&mut app, FilterRow::DirectedTo);
    app.update(Action::Toggle);
    assert_eq!(app.filter().directed_to, None);
    assert!(!app.filter().is_active());
}

#[test]
fn overdue_means_due_before_today_and_not_complete() {
    let mut app = mini();
    toggle_filter(&mut app, FilterRow::Overdue);
    assert!(app.filter().overdue);
    assert_eq!(app.filter().describe(), ["overdue"]);
    // R3 (Feb) and R1 (Mar) are past; R2 (June) is not; R4 has no date.
    assert_eq!(ids(&app, 1), ["R1", "R3"]);
    assert!(ids(&app, 0).is_empty());
    // Completing one takes it off; any other status does not.
    set_status(&mut app, "R1", Status::InProgress);
    assert_eq!(ids(&app, 1), ["R1", "R3"]);
    set_status(&mut app, "R3", Status::Complete);
    assert_eq!(ids(&app, 1), ["R1"]);
    // Due today is not overdue.
    let mut app = mini();
    app = app.with_today(date("2024-03-01"));
    toggle_filter(&mut app, FilterRow::Overdue);
    assert_eq!(ids(&app, 1), ["R3"]);
}

#[test]
fn clear_resets_every_filter() {
    let mut app = mini();
    app.update(Action::FilterMenu);
    app.update(Action::Toggle); // unreviewed
    for _ in 0..6 {
        app.update(Action::MoveDown);
    }
    app.update(Action::Toggle); // theme
    app.update(Action::MoveDown);
    app.update(Action::Toggle); // directed to
    app.update(Action::MoveDown);
    app.update(Action::Toggle); // overdue
    assert!(app.filter().is_active());
    assert_eq!(
        app.filter().describe().len(),
        4,
        "{:?}",
        app.filter().describe()
    );
    assert_eq!(ids(&app, 1), ["R1"]);
    app.update(Action::MoveDown);
    app.update(Action::Toggle); // clear
    assert_eq!(*app.filter(), Filter::default());
    for pane in app.panes() {
        assert_eq!(pane.ids().collect::<Vec<_>>(), pane.all);
    }
}

#[test]
fn the_unreviewed_toggle_shows_only_unreviewed_then_everything() {
    let mut app = example();
    set_status(&mut app, "F2", Status::Accepted);
    set_status(&mut app, "S1", Status::NotApplicable);
    assert_eq!(app.update(Action::ToggleUnreviewed), []);
    assert_eq!(app.filter().describe(), ["status: Unreviewed"]);
    assert_eq!(ids(&app, 0).len(), 10);
    assert_eq!(ids(&app, 1).len(), 5);
    assert!(info(&app).contains("unreviewed items only"));
    app.update(Action::ToggleUnreviewed);
    assert!(!app.filter().is_active());
    assert_eq!(ids(&app, 0).len(), 11);
    assert_eq!(ids(&app, 1).len(), 6);
    assert!(info(&app).contains("every status"));
    // With some other status chosen, the toggle switches to unreviewed only.
    toggle_filter(&mut app, FilterRow::Status(Status::Accepted));
    assert_eq!(ids(&app, 0), ["F2"]);
    app.update(Action::ToggleUnreviewed);
    assert_eq!(app.filter().describe(), ["status: Unreviewed"]);
    assert_eq!(ids(&app, 0).len(), 10);
}

#[test]
fn setting_a_status_under_the_unreviewed_filter_hides_the_item() {
    let mut app = example();
    app.update(Action::ToggleUnreviewed);
    select(&mut app, "F3");
    app.update(Action::SetStatus(Status::Accepted));
    assert!(!ids(&app, 0).contains(&"F3"));
    // The selection moves to the row that took its place.
    assert_eq!(app.selected_id(), Some("F4"));
}

#[test]
fn filters_and_search_must_both_hold() {
    let mut app = example();
    set_status(&mut app, "F4", Status::Accepted);
    app.update(Action::ToggleUnreviewed);
    search(&mut app, "train");
    app.update(Action::Accept);
    let findings = ids(&app, 0);
    assert!(!findings.contains(&"F4"), "F4 matches but is accepted");
    assert_eq!(findings[0], "F5");
    for id in &findings {
        assert_eq!(app.status(id), Status::Unreviewed);
    }
    // Dropping the filter brings F4 back, first.
    app.update(Action::ToggleUnreviewed);
    assert_eq!(&ids(&app, 0)[..2], ["F4", "F5"]);
    // Dropping the search too shows everything.
    app.update(Action::Search);
    app.update(Action::Back);
    assert_eq!(ids(&app, 0).len(), 11);
}

#[test]
fn counts_shown_and_held_per_pane() {
    let mut app = mini();
    toggle_filter(&mut app, FilterRow::Overdue);
    let counts: Vec<(usize, usize)> = app.panes().iter().map(|p| (p.len(), p.all.len())).collect();
    assert_eq!(counts, [(0, 3), (2, 4)]);
}

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
    assert_eq!(app.pane().sort, SortOrder::File);
    assert_eq!(ids(&app, 1), ["R1", "R2", "R3", "R4"]);
    // Only the focused pane was sorted.
    assert_eq!(app.panes()[0].sort, SortOrder::File);
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
fn mark_all_marks_every_shown_row_and_again_clears() {
    let mut app = example();
    app.update(Action::MarkAll);
    assert_eq!(app.marks().len(), 25);
    assert!(
        info(&app).starts_with("25 shown items marked"),
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
    assert_eq!(app.marks().len(), 25, "not cleared: not all were marked");
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
    assert_eq!(common::shapes(&effects), ["Save"]);
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
    assert_eq!(common::shapes(&app.update(Action::Accept)), ["Save"]);
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
    assert_eq!(common::shapes(&app.update(Action::Accept)), ["Save"]);
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
        common::shapes(&press(&mut app, key(KeyCode::Esc))),
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

// ============================================================ undo/redo

#[test]
fn undo_and_redo_several_steps_deep_including_a_bulk_step() {
    let mut app = example();
    select(&mut app, "F1");
    assert_eq!(
        common::shapes(&app.update(Action::SetStatus(Status::Accepted))),
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
    common::saved(&mut app);
    assert!(!app.save().unsaved);
    assert_eq!(common::shapes(&app.update(Action::Undo)), ["Save"]);
    assert!(app.save().unsaved);
    assert_eq!(app.status("F2"), Status::Unreviewed);
    assert_eq!(app.status("F3"), Status::Unreviewed);
    assert_eq!(history_len(&app, "F2"), 2, "undo is recorded, not erased");
    assert_eq!(history_len(&app, "F3"), 2);
    assert_eq!(info(&app), "Undid: Complete");
    assert_eq!((app.undo().len(), app.redo().len()), (3, 1));

    // 2: the note.
    assert_eq!(common::shapes(&app.update(Action::Undo)), ["Save"]);
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
    assert_eq!(common::shapes(&app.update(Action::Redo)), ["Save"]);
    assert_eq!(owner(&app, "F1").as_deref(), Some("Alice"));
    assert_eq!(info(&app), "Redid: owner Alice");
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
        let rows = common::buffer_rows(&buffer);
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

// ============================================================== summary

#[test]
fn summary_totals_match_the_check_counts_before_and_after_changes() {
    let mut app = example();
    let check = |app: &App| {
        let table = counts(app.inspection(), app.review());
        assert_eq!(
            table.iter().map(|r| r.kind).collect::<Vec<_>>(),
            app.inspection().kinds_present()
        );
        for row in &table {
            assert_eq!(
                row.total(),
                app.inspection().count(row.kind),
                "{:?}",
                row.kind
            );
        }
        assert_eq!(
            table.iter().map(KindCounts::total).sum::<usize>(),
            app.inspection().items.len()
        );
        table
    };
    let table = check(&app);
    assert_eq!(table[0].by_status, [11, 0, 0, 0, 0, 0]);
    assert_eq!(
        (table[0].total(), table[1].total(), table[2].total()),
        (11, 6, 8)
    );

    set_status(&mut app, "F1", Status::Accepted);
    set_status(&mut app, "F2", Status::Accepted);
    set_status(&mut app, "F3", Status::Complete);
    set_status(&mut app, "S1", Status::NotApplicable);
    set_status(&mut app, "R8", Status::NotAccepted);
    set_status(&mut app, "R7", Status::InProgress);
    let table = check(&app);
    assert_eq!(table[0].by_status, [8, 2, 0, 1, 0, 0]);
    assert_eq!(table[0].reviewed(), 3);
    assert_eq!(table[1].by_status, [5, 0, 0, 0, 0, 1]);
    assert_eq!(table[2].by_status, [6, 0, 1, 0, 1, 0]);
    let reviewed: usize = table.iter().map(KindCounts::reviewed).sum();
    assert_eq!((reviewed, app.inspection().items.len()), app.progress());
}

#[test]
fn the_summary_ignores_orphaned_entries() {
    let text = "version: 1\ninspection: mini\nitems:\n  GONE:\n    status: complete\n";
    let review = scrutiny::files::load_review(text.as_bytes(), "mini").expect("loads");
    let inspection = load_inspection(MINI.as_bytes()).expect("loads");
    let table = counts(&inspection, &review);
    assert_eq!(table.iter().map(KindCounts::total).sum::<usize>(), 7);
    assert!(table.iter().all(|r| r.by_status[3] == 0));
}

#[test]
fn recommendations_by_due_put_the_overdue_first() {
    let mut app = mini();
    let order = |app: &App| {
        recommendations_by_due(app.inspection(), app.review(), app.today())
            .into_iter()
            .map(|(item, overdue)| (item.id.clone(), overdue))
            .collect::<Vec<_>>()
    };
    let pair = |id: &str, overdue| (id.to_owned(), overdue);
    // Most overdue first; R4 has no date and is left out.
    assert_eq!(
        order(&app),
        [pair("R3", true), pair("R1", true), pair("R2", false)]
    );
    set_status(&mut app, "R3", Status::Complete);
    assert_eq!(
        order(&app),
        [pair("R1", true), pair("R3", false), pair("R2", false)]
    );
    // Long after: everything not complete is overdue.
    app = app.with_today(date("2025-01-01"));
    assert_eq!(
        order(&app),
        [pair("R1", true), pair("R2", true), pair("R3", false)]
    );
    // Before any date: nothing is.
    app = app.with_today(date("2024-01-01"));
    assert_eq!(
        order(&app),
        [pair("R3", false), pair("R1", false), pair("R2", false)]
    );
}

#[test]
fn the_summary_opens_and_closes_with_its_keys() {
    let mut app = example();
    press(&mut app, key(KeyCode::Char('s')));
    assert_eq!(app.mode().kind(), ModeKind::Summary);
    // Status keys do nothing there.
    assert_eq!(press(&mut app, key(KeyCode::Char('2'))), []);
    assert_eq!(app.status("F1"), Status::Unreviewed);
    press(&mut app, key(KeyCode::Char('s')));
    assert_eq!(app.mode().kind(), ModeKind::Normal);
}

// =========================================================== keymap config

const CONFIG: &str = "/home/me/.config/scrutiny/config.toml";

fn config_errors(text: &str) -> Vec<String> {
    Keymap::from_config(text, CONFIG)
        .expect_err("the configuration is invalid")
        .0
}

#[test]
fn a_remapped_quit_key_quits_and_the_old_one_does_nothing() {
    let mut app = example();
    app = app.with_keys(Keymap::from_config("[normal]\nquit = [\"Q\"]\n", CONFIG).expect("valid"));
    assert_eq!(press(&mut app, key(KeyCode::Char('q'))), []);
    assert!(!app.quitting());
    assert_eq!(press(&mut app, key(KeyCode::Char('Q'))), [Effect::Quit]);
    assert!(app.quitting());
}

#[test]
fn a_remap_applies_only_to_its_mode_and_action() {
    let mut app = example();
    app = app.with_keys(Keymap::from_config(
        "# my keys\n\n[normal]\nmove_down = [\"ctrl-n\", \"down\"]\nmark = \"m\"\n\n[filter]\nback = \"x\"\n",
        CONFIG,
    )
    .expect("valid"));
    press(
        &mut app,
        KeyEvent::new(KeyCode::Char('n'), KeyModifiers::CONTROL),
    );
    assert_eq!(app.selected_id(), Some("F2"));
    press(&mut app, key(KeyCode::Char('j')));
    assert_eq!(app.selected_id(), Some("F2"), "j is no longer bound");
    press(&mut app, key(KeyCode::Char('m')));
    assert!(app.marks().contains("F2"));
    press(&mut app, key(KeyCode::Char(' ')));
    assert_eq!(app.marks().len(), 1, "space is no longer mark");
    press(&mut app, key(KeyCode::Char('f')));
    assert_eq!(app.mode().kind(), ModeKind::FilterMenu);
    press(&mut app, key(KeyCode::Esc));
    assert_eq!(app.mode().kind(), ModeKind::FilterMenu, "Esc replaced by x");
    press(&mut app, key(KeyCode::Char('x')));
    assert_eq!(app.mode().kind(), ModeKind::Normal);
    // Keys of other actions are untouched.
    press(&mut app, key(KeyCode::Esc));
    assert!(app.marks().is_empty());
    press(&mut app, key(KeyCode::Char('2')));
    assert_eq!(app.status("F3"), Status::Accepted);
    // The footer follows the keys in force.
    let footer = app.keys().footer(ModeKind::Normal);
    assert!(footer.contains(&("m".to_owned(), "mark")), "{footer:?}");
    assert!(
        footer.contains(&("Ctrl-N/k".to_owned(), "move")),
        "{footer:?}"
    );
}

#[test]
fn an_unknown_action_names_its_line() {
    let err = config_errors("[normal]\nquit = \"Q\"\n\nfly_away = \"y\"\n");
    assert_eq!(err.len(), 1, "{err:?}");
    assert!(
        err[0].starts_with(&format!("{CONFIG}:4: unknown action `fly_away`")),
        "{err:?}"
    );
    assert!(err[0].contains("move_down"), "lists the actions: {err:?}");
}

#[test]
fn an_unreadable_key_names_its_line() {
    let err = config_errors("[normal]\nquit = \"Q\"\nmark = [\"m\", \"hyper-m\"]\n");
    assert_eq!(err.len(), 1, "{err:?}");
    assert!(
        err[0].starts_with(&format!("{CONFIG}:3: cannot read the key `hyper-m`")),
        "{err:?}"
    );
    let err = config_errors("[help]\n\n\nback = \"ctrl-\"\n");
    assert!(
        err[0].starts_with(&format!("{CONFIG}:4: cannot read the key `ctrl-`")),
        "{err:?}"
    );
}

#[test]
fn an_unknown_mode_names_its_line() {
    let err = config_errors("[normal]\nquit = \"Q\"\n\n[visual]\nquit = \"q\"\n");
    assert_eq!(err.len(), 1, "{err:?}");
    assert!(
        err[0].starts_with(&format!("{CONFIG}:4: unknown mode `visual`")),
        "{err:?}"
    );
    assert!(err[0].contains("normal"), "lists the modes: {err:?}");
}

#[test]
fn toml_syntax_errors_name_their_line() {
    let err = config_errors("[normal]\nquit = \"Q\"\nmark = = \"m\"\n");
    assert_eq!(err.len(), 1, "{err:?}");
    assert!(err[0].starts_with(&format!("{CONFIG}:3: ")), "{err:?}");
    let err = config_errors("[normal]\nquit = 5\n");
    assert!(err[0].starts_with(&format!("{CONFIG}:2: ")), "{err:?}");
    let err = config_errors("normal = 1\n");
    assert!(err[0].starts_with(&format!("{CONFIG}:1: ")), "{err:?}");
}

#[test]
fn every_problem_is_reported_at_once() {
    let err = config_errors("[normal]\nfly = \"x\"\nmark = \"hyper-m\"\n[visual]\nquit = \"q\"\n");
    assert_eq!(err.len(), 3, "{err:?}");
    let joined = Keymap::from_config("[visual]\n", CONFIG)
        .expect_err("invalid")
        .to_string();
    assert!(joined.starts_with(&format!("{CONFIG}:1:")), "{joined}");
}

#[test]
fn a_key_bound_twice_in_a_mode_is_an_error() {
    // Against a default binding.
    let err = config_errors("[normal]\nmark = \"j\"\n");
    assert_eq!(err.len(), 1, "{err:?}");
    assert!(
        err[0].starts_with(&format!("{CONFIG}:2: the key j is bound twice in [normal]")),
        "{err:?}"
    );
    assert!(err[0].contains("`move_down` (a default)"), "{err:?}");
    assert!(err[0].contains("`mark` (line 2)"), "{err:?}");
    // Two of the user's own.
    let err = config_errors("[normal]\nquit = \"Q\"\nmark = \"Q\"\n");
    assert_eq!(err.len(), 1, "{err:?}");
    assert!(err[0].contains("the key Q is bound twice"), "{err:?}");
    assert!(
        err[0].contains("line 2") && err[0].contains("line 3"),
        "{err:?}"
    );
    // The same key in two modes is fine.
    Keymap::from_config("[normal]\nquit = \"Q\"\n[filter]\nback = \"x\"\n", CONFIG)
        .expect("different modes");
    // Moving a key away first frees it.
    Keymap::from_config("[normal]\nmove_down = \"down\"\nmark = \"j\"\n", CONFIG)
        .expect("j was freed");
}

#[test]
fn describe_lists_every_mode_and_the_keys_in_force() {
    let default = Keymap::default().describe();
    for mode in ModeKind::ALL {
        assert!(
            default.contains(&format!("[{}]\n", mode.name())),
            "{} missing:\n{default}",
            mode.name()
        );
    }
    let quit_line = |text: &str| -> String {
        let normal = text
            .split("\n\n")
            .find(|s| s.starts_with("[normal]"))
            .expect("a normal section")
            .to_owned();
        normal
            .lines()
            .find(|l| l.split_whitespace().any(|word| word == "quit"))
            .expect("a quit line")
            .to_owned()
    };
    assert!(
        quit_line(&default).trim_start().starts_with("q "),
        "{default}"
    );
    let mine = Keymap::from_config("[normal]\nquit = [\"Q\", \"ctrl-q\"]\n", CONFIG)
        .expect("valid")
        .describe();
    let line = quit_line(&mine);
    assert!(line.trim_start().starts_with("Q Ctrl-Q "), "{line}");
    assert!(!line.contains(" q "), "{line}");
    // Every action bound by default appears with its name.
    for name in [
        "move_down",
        "search",
        "filter",
        "mark_all",
        "undo",
        "redo",
        "jump_back",
    ] {
        assert!(default.contains(name), "{name}:\n{default}");
    }
}

// ============================================================ the README

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("the README")
}

#[test]
fn the_readme_lists_the_default_keys_as_scrutiny_keys_prints_them() {
    let readme = readme();
    let from = "The defaults:\n\n```\n";
    let start = readme.find(from).expect("the excerpt") + from.len();
    let end = start + readme[start..].find("```\n").expect("the excerpt's end");
    assert_eq!(
        &readme[start..end],
        format!("{}\n", Keymap::default().describe().trim_end()),
        "README.md: put `scrutiny keys` (with no config) in the excerpt"
    );
}

/// What each row of the README's key table is about, in order: the
/// actions, as `mode.action` or `action` for the lists, whose keys the row
/// names. Every key the row names must be one of theirs, and each one's
/// first key must be named.
const README_ROWS: &[&[&str]] = &[
    &[
        "move_down",
        "move_up",
        "top",
        "bottom",
        "page_down",
        "page_up",
    ],
    &["next_pane", "prev_pane"],
    &["detail_down", "detail_up"],
    &["status_unreviewed", "status_not_applicable"],
    &["edit_note", "open", "note.keep_note"],
    &["edit_owner", "owner.accept", "owner.back"],
    &["append_note", "append.accept"],
    &["search", "search.accept", "search.back"],
    &["next_match", "prev_match"],
    &["filter"],
    &["unreviewed_only"],
    &["sort"],
    &["mark", "mark_all", "back", "edit_owner", "append_note"],
    &["undo", "redo"],
    &["next_link", "prev_link", "open", "jump_back"],
    &["summary"],
    &["keep_mine", "keep_theirs", "keep_both"],
    &["export_draft"],
    &["save_elsewhere"],
    &["take_over"],
    &["help", "help.search"],
    &["quit"],
    &["suspend"],
];

/// Words in backticks in the key table that are not keys.
const NOT_KEYS: &[&str] = &["!", "fg"];

#[test]
fn the_readme_key_table_names_the_default_keys() {
    let readme = readme();
    let table: Vec<&str> = readme
        .split("\n| keys | action |\n| --- | --- |\n")
        .nth(1)
        .expect("the key table")
        .lines()
        .take_while(|l| l.starts_with('|'))
        .collect();
    assert_eq!(
        table.len(),
        README_ROWS.len(),
        "README.md's key table has rows README_ROWS does not describe:\n{}",
        table.join("\n")
    );
    let keys = Keymap::default();
    for (row, wanted) in table.iter().zip(README_ROWS) {
        let named: Vec<&str> = row
            .split('`')
            .skip(1)
            .step_by(2)
            .filter(|word| !NOT_KEYS.contains(word))
            .collect();
        let mut bound = Vec::new();
        for name in *wanted {
            let (mode, action) = name.split_once('.').unwrap_or(("normal", name));
            let mode = ModeKind::ALL
                .into_iter()
                .find(|m| m.name() == mode)
                .expect("a mode");
            let action = &scrutiny::tui::keymap::actions()
                .iter()
                .find(|n| n.name == action)
                .expect("an action")
                .action;
            let first = keys.first_key(mode, action).expect("a default key").name();
            assert!(
                named.contains(&first.as_str()),
                "{row}\ndoes not name {first}"
            );
            bound.extend(
                keys.bindings(mode)
                    .filter(|b| b.action == *action)
                    .flat_map(|b| b.keys.iter().map(|k| k.name())),
            );
        }
        for word in named {
            assert!(
                bound.iter().any(|k| k == word),
                "{row}\nnames `{word}`, which is none of {wanted:?}'s keys ({bound:?})"
            );
        }
    }
}

// ============================================== hints name the keys in force

/// The app drawn on a screen wide enough for every title in full, as text.
fn wide(app: &mut App) -> String {
    screen_text(&draw(app, 200, 50))
}

fn remapped(text: &str) -> App {
    let app = example();
    app.with_keys(Keymap::from_config(text, CONFIG).expect("valid"))
}

#[test]
fn the_detail_names_the_note_key_in_force() {
    assert!(wide(&mut example()).contains("No note yet: press e to write one."));
    let mut app = remapped("[normal]\nedit_note = \"E\"\n");
    let text = wide(&mut app);
    assert!(
        text.contains("No note yet: press E to write one."),
        "{text}"
    );
    assert!(!text.contains("press e "), "{text}");
}

#[test]
fn a_chosen_link_names_the_keys_that_follow_it_and_come_back() {
    let mut app = remapped("[normal]\nopen = \"l\"\njump_back = \"ctrl-b\"\n");
    select(&mut app, "F4");
    app.update(Action::NextLink);
    let text = wide(&mut app);
    assert!(text.contains("l follows, Ctrl-B comes back"), "{text}");
    assert!(!text.contains("Enter follows"), "{text}");
}

#[test]
fn an_action_without_a_key_is_named_in_the_hint() {
    let mut app = remapped("[normal]\nedit_note = []\n");
    let text = wide(&mut app);
    assert!(
        text.contains("No note yet: press (no key for edit_note) to write one."),
        "{text}"
    );
}

#[test]
fn popup_titles_name_the_keys_in_force() {
    let mut app = remapped(
        "[note]\nkeep_note = \"ctrl-k\"\n[owner]\naccept = \"ctrl-k\"\nback = \"ctrl-g\"\n\
         [append]\naccept = [\"ctrl-k\", \"ctrl-d\"]\n[save_as]\naccept = \"ctrl-k\"\n\
         [help]\nback = \"x\"\nmove_down = \"ctrl-n\"\nsearch = \"ctrl-f\"\n\
         [help_search]\naccept = \"ctrl-k\"\n[filter]\ntoggle = \"t\"\nback = \"x\"\n\
         [summary]\nback = \"z\"\n",
    );
    let title = |app: &mut App| wide(app).lines().nth(1).unwrap_or_default().to_owned();
    app.update(Action::EditNote);
    let text = wide(&mut app);
    assert!(
        text.contains(" Note for F1 (Enter: new line · Ctrl-K: keep) "),
        "{text}"
    );
    app.update(Action::KeepNote);
    app.update(Action::EditOwner);
    let text = wide(&mut app);
    assert!(
        text.contains(" Owner of F1 (Ctrl-K: keep · Ctrl-G: cancel) "),
        "{text}"
    );
    app.update(Action::Back);
    app.update(Action::AppendNote);
    let text = wide(&mut app);
    assert!(
        text.contains("(Enter: new line · Ctrl-K or Ctrl-D: append)"),
        "{text}"
    );
    app.update(Action::Back);
    app.update(Action::SaveElsewhere);
    let text = wide(&mut app);
    assert!(
        text.contains(" Save the review to (Ctrl-K: save · Esc: cancel) "),
        "{text}"
    );
    app.update(Action::Back);
    app.update(Action::Help);
    let line = title(&mut app);
    assert!(
        line.contains(" Keys (x closes, Ctrl-N/k scroll, Ctrl-F searches) "),
        "{line}"
    );
    app.update(Action::Search);
    type_text(&mut app, "undo");
    let line = title(&mut app);
    assert!(
        line.contains(" Keys matching \"undo\" (Ctrl-K keeps, Esc clears) "),
        "{line}"
    );
    app.update(Action::Accept);
    let line = title(&mut app);
    assert!(
        line.contains(" Keys matching \"undo\" (Ctrl-F changes, x closes) "),
        "{line}"
    );
    app.update(Action::Back);
    app.update(Action::FilterMenu);
    let text = wide(&mut app);
    assert!(text.contains("(t toggles, x closes)"), "{text}");
    assert!(text.contains("(any; t cycles)"), "{text}");
    assert!(text.contains("(anyone; t cycles)"), "{text}");
    app.update(Action::Back);
    app.update(Action::Summary);
    assert!(wide(&mut app).contains(" Summary (z closes) "));
}

#[test]
fn an_editor_whose_keys_take_enter_does_not_say_enter_makes_a_new_line() {
    let mut app = remapped("[note]\nkeep_note = [\"enter\", \"esc\"]\n");
    app.update(Action::EditNote);
    let text = wide(&mut app);
    assert!(
        text.contains(" Note for F1 (Enter or Esc: keep) "),
        "{text}"
    );
}

#[test]
fn the_kept_search_message_names_the_keys_in_force() {
    let mut app = remapped(
        "[normal]\nnext_match = \"ctrl-n\"\nprev_match = \"ctrl-p\"\nsearch = \"ctrl-f\"\n",
    );
    search(&mut app, "training");
    app.update(Action::Accept);
    assert_eq!(
        *app.message(),
        Some(Message::Info(
            "Search \"training\" kept: Ctrl-N/Ctrl-P step through matches, Ctrl-F changes it"
                .into()
        ))
    );
}

#[test]
fn marking_everything_names_the_owner_and_append_keys_in_force() {
    let mut app = remapped("[normal]\nedit_owner = \"O\"\nappend_note = \"A\"\n");
    app.update(Action::MarkAll);
    assert_eq!(
        *app.message(),
        Some(Message::Info(
            "25 shown items marked; status keys, O and A apply to all 25 marked".into()
        ))
    );
}

#[test]
fn the_help_names_the_search_keys_in_force_in_its_heading() {
    let mut app = remapped("[search]\nmove_down = \"ctrl-n\"\nmove_up = \"ctrl-p\"\n");
    app.update(Action::Help);
    app.update(Action::Search);
    type_text(&mut app, "match");
    let text = wide(&mut app);
    assert!(
        text.contains("Searching (other keys type; Ctrl-N/Ctrl-P move)"),
        "{text}"
    );
}

#[test]
fn the_too_small_screen_names_the_quit_key_in_force() {
    let mut app = remapped("[normal]\nquit = \"Q\"\n");
    let text = screen_text(&draw(&mut app, 50, 12));
    assert!(text.contains("press Q to quit"), "{text}");
}

// ============================================================= NO_COLOR

/// Every status on screen, plus marks, a search match and the summary.
fn colourful() -> App {
    let mut app = example();
    for (id, status) in ["F1", "F2", "F3", "F4", "F5"]
        .into_iter()
        .zip(Status::ALL.into_iter().skip(1))
    {
        set_status(&mut app, id, status);
    }
    select(&mut app, "F1");
    app.update(Action::Mark);
    app
}

fn coloured_cells(buffer: &Buffer) -> Vec<(u16, u16, String, Color, Color)> {
    let mut out = Vec::new();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            let cell = &buffer[(x, y)];
            if cell.fg != Color::Reset || cell.bg != Color::Reset {
                out.push((x, y, cell.symbol().to_owned(), cell.fg, cell.bg));
            }
        }
    }
    out
}

#[test]
fn without_colour_every_cell_keeps_the_terminals_colours() {
    let mut app = colourful().with_colour(false);
    let mut screens = vec![
        ("list", draw(&mut app, 120, 40)),
        ("tabs", draw(&mut app, 80, 24)),
    ];
    search(&mut app, "train");
    app.update(Action::Accept);
    screens.push(("search", draw(&mut app, 120, 40)));
    app.update(Action::Summary);
    screens.push(("summary", draw(&mut app, 120, 40)));
    app.update(Action::Back);
    app.update(Action::Help);
    screens.push(("help", draw(&mut app, 120, 40)));
    app.update(Action::Back);
    app.update(Action::FilterMenu);
    screens.push(("filters", draw(&mut app, 120, 40)));
    app.update(Action::Back);
    app.update(Msg::Saved(SaveOutcome::Failed("disk full".into())));
    assert!(matches!(app.message(), Some(Message::Error(_))));
    screens.push(("error", draw(&mut app, 120, 40)));
    for (name, buffer) in screens {
        let coloured = coloured_cells(&buffer);
        assert!(
            coloured.is_empty(),
            "{name}: coloured cells {:?}\n{}",
            &coloured[..coloured.len().min(5)],
            screen_text(&buffer)
        );
    }
}

#[test]
fn without_colour_the_editor_placeholders_keep_the_terminals_colours() {
    let mut app = example().with_colour(false);
    app.update(Action::Search);
    let coloured = coloured_cells(&draw(&mut app, 120, 40));
    assert!(
        coloured.is_empty(),
        "search: {:?}",
        &coloured[..coloured.len().min(3)]
    );
    app.update(Action::Back);
    app.update(Action::Help);
    app.update(Action::Search);
    let coloured = coloured_cells(&draw(&mut app, 120, 40));
    assert!(
        coloured.is_empty(),
        "help search: {:?}",
        &coloured[..coloured.len().min(3)]
    );
}

#[test]
fn with_colour_the_status_markers_are_coloured() {
    let mut app = colourful();
    assert!(app.colour(), "colour is on by default");
    let buffer = draw(&mut app, 120, 40);
    // Stacked panes: "┃▸■◐ F2  title", the marker in column 3.
    let row_of = |id: &str| -> u16 {
        (0..buffer.area.height)
            .find(|&y| {
                let text: String = (5..5 + 4).map(|x| buffer[(x, y)].symbol()).collect();
                text.starts_with(&format!("{id} "))
            })
            .expect("a list row for the id")
    };
    for (id, status, colour) in [
        ("F1", Status::Accepted, Color::Blue),
        ("F2", Status::InProgress, Color::Magenta),
        ("F3", Status::Complete, Color::Green),
        ("F4", Status::NotAccepted, Color::Red),
        ("F5", Status::NotApplicable, Color::DarkGray),
        ("F6", Status::Unreviewed, Color::Reset),
    ] {
        let cell = &buffer[(3, row_of(id))];
        assert_eq!(cell.symbol(), status.symbol(), "{id}");
        assert_eq!(cell.fg, colour, "{id} {status:?}");
    }
    // The mark is told by its shape and weight.
    let mark = &buffer[(2, row_of("F1"))];
    assert_eq!(mark.symbol(), "■");
    assert!(mark.modifier.contains(ratatui::style::Modifier::BOLD));
    // Drawing without colour afterwards on the same thread turns it off.
    let mut plain = colourful().with_colour(false);
    assert!(coloured_cells(&draw(&mut plain, 120, 40)).is_empty());
    assert!(!coloured_cells(&draw(&mut app, 120, 40)).is_empty());
}

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
