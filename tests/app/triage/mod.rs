//! Triage without a terminal: search, filters, sorting, marks and bulk
//! changes, undo and redo, links, the mouse, the summary counts, user
//! keymaps and `NO_COLOR`, each driven through `App::update`.

mod colour;
mod filters;
mod found_problems;
mod hints;
mod keymap;
mod links;
mod marks;
mod mouse;
mod place;
mod search;
mod summary;
mod undo;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use jiff::civil::Date;
use ratatui::buffer::Buffer;
use ratatui::style::Color;
use scrutiny::model::summary::{KindCounts, counts, recommendations_by_due};
use scrutiny::tui::app::{
    Action, App, Effect, Filter, FilterRow, Held, LockReport, Message, Mode, ModeKind, Msg,
    SaveOutcome, SortOrder,
};
use scrutiny::tui::keymap::Keymap;
use scrutiny::{
    files::load_inspection,
    model::{Inspection, Review, Status},
};

use crate::common::{date, example_inspection, key, new_app, note, select, type_text};

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
    app.panes()[pane].ids(&app.inspection().items).collect()
}

fn owner(app: &App, id: &str) -> Option<String> {
    app.entry(id).and_then(|e| e.owner.clone())
}

fn history_len(app: &App, id: &str) -> usize {
    app.entry(id).map_or(0, |e| e.history.len())
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

/// The list of values open over the filter picker: what it shows, and
/// the highlighted entry (`None` is "(any)").
fn pick_list(app: &App) -> (Vec<Option<String>>, Option<String>) {
    let Mode::Pick(pick) = app.mode() else {
        panic!("no list of values open: {:?}", app.mode().kind());
    };
    let shown: Vec<Option<String>> = pick
        .shown()
        .into_iter()
        .map(|v| v.map(str::to_owned))
        .collect();
    let at = shown[pick.cursor].clone();
    (shown, at)
}

/// Choose `value` (`None`: any) from a row's list of values, then close
/// the filter picker.
fn pick_filter(app: &mut App, row: FilterRow, value: Option<&str>) {
    open_filters_at(app, row);
    app.update(Action::Toggle);
    let (shown, _) = pick_list(app);
    let at = shown
        .iter()
        .position(|v| v.as_deref() == value)
        .expect("the value listed");
    app.update(Action::Top);
    for _ in 0..at {
        app.update(Action::MoveDown);
    }
    app.update(Action::Accept);
    assert_eq!(app.mode().kind(), ModeKind::FilterMenu);
    app.update(Action::Back);
    assert_eq!(app.mode().kind(), ModeKind::Normal);
}

fn toggle_filter(app: &mut App, row: FilterRow) {
    open_filters_at(app, row);
    app.update(Action::Toggle);
    app.update(Action::Back);
    assert_eq!(app.mode().kind(), ModeKind::Normal);
}

fn draw(app: &mut App, width: u16, height: u16) -> Buffer {
    crate::common::draw(app, width, height)
        .backend()
        .buffer()
        .clone()
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

/// Where a user's keymap is read from, as errors name it.
const CONFIG: &str = "/home/me/.config/scrutiny/config.toml";
