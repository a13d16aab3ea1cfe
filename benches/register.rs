//! One keypress to a redrawn 200x50 frame in the register of 5,000
//! inspections of 40 items each (200,000 items; `SCRUTINY_BENCH_REPORTS`
//! sets how many inspections): moving, a search keystroke (matched a slice
//! at a time, as between keystrokes), a status set. `cargo bench --bench
//! register`.

mod common;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use divan::Bencher;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use scrutiny::files::workspace::discover;
use scrutiny::model::Status;
use scrutiny::tui::app::{Action, App, Msg};

fn main() {
    divan::main();
}

fn reports() -> usize {
    std::env::var("SCRUTINY_BENCH_REPORTS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(5_000)
}

/// The register of the portfolio, its reviews empty.
fn register() -> App {
    let dir = common::portfolio(reports(), 40).expect("write the portfolio");
    let files = discover(&[dir]).expect("the folder has inspections");
    let (_, pairs) =
        scrutiny::tui::reading::read_reports(&files, None, &std::sync::atomic::AtomicUsize::new(0));
    let pairs = pairs.into_iter().flatten().collect();
    App::register(pairs, "bench".into(), jiff::civil::date(2026, 11, 29))
}

thread_local! {
    static CACHE: std::cell::RefCell<scrutiny::tui::ui::Cache> = std::cell::RefCell::default();
}

fn draw(terminal: &mut Terminal<TestBackend>, app: &mut App) {
    CACHE.with_borrow_mut(|cache| {
        scrutiny::tui::runner::draw(terminal, app, cache).expect("draw");
    });
}

fn terminal() -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(200, 50)).expect("terminal")
}

fn key(code: KeyCode) -> Msg {
    Msg::EditorKey(KeyEvent::new(code, KeyModifiers::NONE))
}

/// `j`, to the frame that shows it.
#[divan::bench(sample_count = 50)]
fn move_down(bencher: Bencher) {
    let mut app = register();
    let mut terminal = terminal();
    draw(&mut terminal, &mut app);
    bencher.bench_local(|| {
        app.update(Action::MoveDown);
        draw(&mut terminal, &mut app);
    });
}

/// A character typed into the search (then erased, and so on), to the
/// frame that shows it; the matching goes on a slice at a time while no
/// key waits (`search_slice`).
#[divan::bench(sample_count = 50)]
fn search_keystroke(bencher: Bencher) {
    let mut app = register();
    let mut terminal = terminal();
    app.update(Action::Search);
    app.update(key(KeyCode::Char('t')));
    app.finish_work();
    draw(&mut terminal, &mut app);
    let mut add = true;
    bencher.bench_local(|| {
        app.update(if add {
            key(KeyCode::Char('r'))
        } else {
            key(KeyCode::Backspace)
        });
        add = !add;
        draw(&mut terminal, &mut app);
    });
}

/// One slice of a search's matching (`SEARCH_SLICE` items), the most a
/// key pressed meanwhile waits for before it is read.
#[divan::bench(sample_count = 100, sample_size = 1)]
fn search_slice(bencher: Bencher) {
    let mut app = register();
    app.update(Action::Search);
    app.update(key(KeyCode::Char('t')));
    app.update(key(KeyCode::Char('r')));
    // 100 slices leave most of the 200,000 items still to match.
    bencher.bench_local(|| app.work(scrutiny::tui::app::SEARCH_SLICE));
}

/// A status set on the selected item (`4`, then `3`), to the frame that
/// shows it, with the write it asks for made (not carried out: the save
/// benchmark times writing).
#[divan::bench(sample_count = 50)]
fn set_status(bencher: Bencher) {
    let mut app = register();
    let mut terminal = terminal();
    draw(&mut terminal, &mut app);
    let mut complete = true;
    bencher.bench_local(|| {
        let status = if complete {
            Status::Complete
        } else {
            Status::InProgress
        };
        complete = !complete;
        let effects = app.update(Action::SetStatus(status));
        draw(&mut terminal, &mut app);
        effects
    });
}
