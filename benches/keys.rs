//! One keypress to a redrawn 200x50 frame, at 1,000 and 100,000 items:
//! the cost must not grow with the item count; and on an item whose text
//! is 50 MB, where it must not grow with the text. `cargo bench --bench keys`.

mod common;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use divan::Bencher;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use scrutiny::tui::app::{Action, App, Msg};
use scrutiny::{files::store, model::Status};

fn main() {
    divan::main();
}

fn app(items: usize) -> App {
    let path = common::generated(items).expect("write a synthetic inspection");
    let inspection = store::read_inspection(&path).expect("a valid inspection").0;
    common::app(inspection, "bench.review.yaml".into())
}

fn terminal() -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(200, 50)).expect("terminal")
}

thread_local! {
    /// What drawing keeps between frames, as the runner keeps it.
    static CACHE: std::cell::RefCell<scrutiny::tui::ui::Cache> = std::cell::RefCell::default();
}

fn draw(terminal: &mut Terminal<TestBackend>, app: &mut App) {
    CACHE.with_borrow_mut(|cache| {
        scrutiny::tui::runner::draw(terminal, app, cache).expect("draw");
    });
}

/// `c` typed, then erased with Backspace on the next call, and so on: a
/// search that changes at every keystroke and comes back to where it was.
fn type_or_erase(c: char, add: &mut bool) -> Msg {
    let typed = *add;
    *add = !typed;
    if typed {
        key(c)
    } else {
        Msg::EditorKey(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE))
    }
}

fn key(c: char) -> Msg {
    Msg::EditorKey(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

/// `j`: the selection moves down one row, and the frame is redrawn.
#[divan::bench(args = [1_000, 100_000])]
fn move_down(bencher: Bencher, items: usize) {
    let mut app = app(items);
    let mut terminal = terminal();
    draw(&mut terminal, &mut app);
    bencher.bench_local(|| {
        app.update(Action::MoveDown);
        draw(&mut terminal, &mut app);
    });
}

/// One character typed into the search, to the frame that shows it.
/// Typing alternates between adding a character and taking it away, so
/// the query stays short and every keystroke changes it.
#[divan::bench(args = [1_000, 100_000])]
fn search_keystroke(bencher: Bencher, items: usize) {
    let mut app = app(items);
    let mut terminal = terminal();
    app.update(Action::Search);
    app.update(key('t'));
    app.finish_work();
    draw(&mut terminal, &mut app);
    let mut add = true;
    bencher.bench_local(|| {
        let action = type_or_erase('r', &mut add);
        app.update(action);
        draw(&mut terminal, &mut app);
    });
}

/// A search typed to the end: the keystroke and all the matching behind
/// it, until every pane shows its matches.
#[divan::bench(args = [1_000, 100_000], sample_count = 10, sample_size = 1)]
fn search_settled(bencher: Bencher, items: usize) {
    let mut app = app(items);
    let mut terminal = terminal();
    app.update(Action::Search);
    app.update(key('t'));
    app.update(key('r'));
    app.finish_work();
    let mut add = true;
    bencher.bench_local(|| {
        let action = type_or_erase('a', &mut add);
        app.update(action);
        app.finish_work();
        draw(&mut terminal, &mut app);
    });
}

/// A status set on the selected item (`4`, then `3`), to the frame that
/// shows it; saving is the runner's, timed in the `save` benchmark.
#[divan::bench(args = [1_000, 100_000])]
fn set_status(bencher: Bencher, items: usize) {
    let mut app = app(items);
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
        app.update(Action::SetStatus(status));
        draw(&mut terminal, &mut app);
    });
}

/// On an item of 50 MB of text: `J` scrolls its detail down (then `K`
/// back), `j` moves to the next item and `k` back onto the huge one, each
/// to the frame that shows it; and a search keystroke, matched through
/// the whole text. The frame before the first is drawn untimed, so the
/// text is wrapped once as far as it is shown.
#[divan::bench(args = ["scroll", "move", "search"], sample_count = 20, sample_size = 1)]
fn huge_item(bencher: Bencher, key: &str) {
    let path = common::generated_huge_item(50).expect("write a huge item");
    let inspection = store::read_inspection(&path).expect("a valid inspection").0;
    let mut app = common::app(inspection, "bench.review.yaml".into());
    let mut terminal = terminal();
    draw(&mut terminal, &mut app);
    let (there, back) = match key {
        "scroll" => (Msg::Act(Action::DetailDown), Msg::Act(Action::DetailUp)),
        "move" => (Msg::Act(Action::MoveDown), Msg::Act(Action::MoveUp)),
        _ => {
            app.update(Action::Search);
            app.update(self::key('t'));
            app.finish_work();
            draw(&mut terminal, &mut app);
            (
                self::key('r'),
                Msg::EditorKey(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE)),
            )
        }
    };
    let mut forth = true;
    bencher.bench_local(|| {
        app.update(if forth { there.clone() } else { back.clone() });
        forth = !forth;
        app.finish_work();
        draw(&mut terminal, &mut app);
    });
}

/// One character typed into a note of `lines` lines of 60 characters, to
/// the frame that shows it: plain text, and text with an escape character
/// on every line, which the editor draws from a copy with each such
/// character shown as the detail pane shows it.
#[divan::bench(args = [(100, false), (100, true), (10_000, false), (10_000, true)])]
fn note_keystroke(bencher: Bencher, (lines, escapes): (usize, bool)) {
    let mut app = app(1_000);
    let mut terminal = terminal();
    app.update(Action::EditNote);
    let line = if escapes {
        "\u{1b}[31m red text, then more words to fill the line up\n"
    } else {
        "plain text, then more words to fill the line up to sixty\n"
    };
    app.update(Msg::Paste(line.repeat(lines)));
    draw(&mut terminal, &mut app);
    let mut add = true;
    bencher.bench_local(|| {
        let action = type_or_erase('r', &mut add);
        app.update(action);
        draw(&mut terminal, &mut app);
    });
}
