//! A folder of inspections for the overview: the example with a review
//! begun, a small second inspection and a broken one; and ways to load,
//! read and drive the overview.

use crossterm::event::{Event, KeyCode};
use jiff::civil::Date;
use ratatui::buffer::Buffer;
use scrutiny::files::workspace::discover;
use scrutiny::tui::portfolio::{Entry, Portfolio, Stats};
use scrutiny::tui::runner::Exit;
use scrutiny::tui::session::open_portfolio;

use super::{Script, TempDir};

// ------------------------------------------------------------- fixtures

/// The day the overview is drawn on, so the words about deadlines stay put.
pub fn today() -> Date {
    "2024-07-01".parse().expect("a valid date")
}

/// A small second inspection: published later than the example, so its
/// response is due later (2024-06-10 + 55 days = 2024-08-04).
pub const YOUTH: &str = "\
version: 1
inspection:
  id: youth-2024
  title: Youth diversion – a follow-up inspection
  inspectorate: HMICFRS
  published: 2024-06-10
findings:
  - id: F1
    title: Diversion schemes differ from force to force
  - id: F2
    title: Outcomes are not recorded
recommendations:
  - id: R1
    title: Record the outcome of every diversion
    due: 2024-12-31
  - id: R2
    title: Publish one diversion policy
";

/// Line 8 has the misspelt key.
pub const BAD: &str = "\
version: 1
inspection:
  id: bad-one
  title: A broken inspection
findings:
  - id: F1
    title: One
recomendations:
  - id: R1
    title: Under a misspelt key
";

/// A review of the example already begun: one finding accepted, one
/// recommendation complete and one not accepted (both closed).
pub const PREVENT_REVIEW: &str = "\
version: 1
inspection: hmicfrs-2020-prevent
items:
  F2:
    status: accepted
  R1:
    status: complete
  R2:
    status: not-accepted
";

/// A folder of three inspections: the example (with a review begun), the
/// small one, and a broken one.
pub fn folder(name: &str) -> TempDir {
    let dir = TempDir::new(name);
    std::fs::copy(crate::common::example(), dir.join("prevent-2020.yaml"))
        .expect("copy the example");
    std::fs::write(dir.join("prevent-2020.review.yaml"), PREVENT_REVIEW).expect("write a review");
    std::fs::write(dir.join("youth-2024.yaml"), YOUTH).expect("write the second inspection");
    std::fs::write(dir.join("bad.yaml"), BAD).expect("write the broken inspection");
    dir
}

pub fn load(dir: &TempDir) -> Portfolio {
    let files = discover(&[dir.path().to_path_buf()]).expect("the folder has inspections");
    open_portfolio(&files, "tester".into()).with_today(today())
}

pub fn entry<'a>(portfolio: &'a Portfolio, file: &str) -> &'a Entry {
    portfolio
        .entries()
        .iter()
        .find(|e| e.path.file_name().is_some_and(|n| n == file))
        .unwrap_or_else(|| panic!("no entry for {file}"))
}

pub fn stats<'a>(portfolio: &'a Portfolio, file: &str) -> &'a Stats {
    entry(portfolio, file)
        .stats
        .as_ref()
        .unwrap_or_else(|e| panic!("{file} did not load: {e}"))
}

/// The file names of the rows, top to bottom.
pub fn rows_by_file(portfolio: &Portfolio) -> Vec<String> {
    portfolio
        .order()
        .iter()
        .map(|&i| {
            portfolio.entries()[i]
                .path
                .file_name()
                .expect("a file name")
                .to_string_lossy()
                .into_owned()
        })
        .collect()
}

pub fn selected_file(portfolio: &Portfolio) -> String {
    portfolio
        .selected_entry()
        .and_then(|e| e.path.file_name())
        .expect("a selected entry")
        .to_string_lossy()
        .into_owned()
}

pub fn key(code: KeyCode) -> Event {
    Event::Key(crate::common::key(code))
}

pub fn run(portfolio: &mut Portfolio, events: Vec<Event>) -> Exit {
    crate::common::run_loop(portfolio, &mut Script(events.into())).0
}

/// The overview drawn once on a test terminal of `width` x `height`.
pub fn draw(portfolio: &mut Portfolio, width: u16, height: u16) -> Buffer {
    super::draw(portfolio, width, height)
        .backend()
        .buffer()
        .clone()
}

/// The rows of the buffer as plain strings, wide characters counted once.
pub fn rows(buffer: &Buffer) -> Vec<String> {
    super::buffer_rows(buffer)
}
