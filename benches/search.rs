//! Time from a keypress to a redrawn screen while typing a search: each
//! keystroke is one `update` (which re-filters and re-ranks every item) and
//! one 200x50 frame.
//!
//! `cargo bench --bench search -- FILE` times an inspection file (for
//! example one written by a generator); with no file it times a synthetic
//! 10,000-item inspection.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use scrutiny::app::{Action, App};
use scrutiny::model::{Review, load_inspection};

/// A small inspection-shaped document of `items` findings, when no file is given.
fn synthetic(items: usize) -> String {
    use std::fmt::Write as _;
    const WORDS: [&str; 12] = [
        "force",
        "training",
        "referral",
        "prevent",
        "risk",
        "sharing",
        "governance",
        "oversight",
        "community",
        "evidence",
        "leadership",
        "package",
    ];
    let mut out = String::from("inspection:\n  id: bench\n  title: Bench\nfindings:\n");
    for i in 0..items {
        let words: Vec<&str> = (0..10)
            .map(|j| WORDS[(i * 7 + j * 5) % WORDS.len()])
            .collect();
        let _ = writeln!(
            out,
            "  - id: F{i}\n    title: \"{}\"\n    text: |\n      {}.",
            words[..6].join(" "),
            words.join(" ")
        );
    }
    out
}

fn main() {
    let file: Option<PathBuf> = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .map(PathBuf::from);
    let bytes = match &file {
        Some(path) => std::fs::read(path).expect("read the inspection"),
        None => synthetic(10_000).into_bytes(),
    };
    let inspection = load_inspection(&bytes).expect("a valid inspection");
    let items = inspection.items.len();
    let review = Review::new(inspection.meta.id.clone());
    let mut app = App::new(
        inspection,
        review,
        "bench.review.yaml".into(),
        None,
        "bench".into(),
        jiff::civil::date(2026, 11, 29),
    );
    let mut terminal = Terminal::new(TestBackend::new(200, 50)).expect("terminal");
    let query = "training package";
    let mut times: Vec<Duration> = Vec::new();
    for _round in 0..5 {
        app.update(Action::Search);
        for c in query.chars() {
            let start = Instant::now();
            app.update(Action::EditorKey(KeyEvent::new(
                KeyCode::Char(c),
                KeyModifiers::NONE,
            )));
            terminal
                .draw(|f| scrutiny::ui::render(&app, f))
                .expect("draw");
            times.push(start.elapsed());
        }
        app.update(Action::Back);
    }
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "{}: {items} items, typing \"{query}\" ({} keystrokes over 5 rounds): keypress to redrawn screen median {:.1} ms, p90 {:.1} ms, max {:.1} ms",
        file.as_ref()
            .map_or_else(|| "synthetic".to_owned(), |p| p.display().to_string()),
        times.len(),
        ms(times[times.len() / 2]),
        ms(times[times.len() * 9 / 10]),
        ms(times[times.len() - 1])
    );
}
