//! Opening large inspections: reading and checking the file, and the
//! first 200x50 frame. `cargo bench --bench load`.
//!
//! The inspections are synthetic (see `common`), written once to the
//! temporary directory: 1,000 items (0.9 MB), 10,000 (9 MB), 100,000 (90 MB).

mod common;

use std::path::PathBuf;

use divan::Bencher;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use scrutiny::tui::app::App;
use scrutiny::{files::store, model::Inspection};

fn main() {
    divan::main();
}

fn file(items: usize) -> PathBuf {
    common::generated(items).expect("write a synthetic inspection")
}

fn load(path: &std::path::Path) -> Inspection {
    store::read_inspection(path).expect("a valid inspection").0
}

fn app(inspection: Inspection) -> App {
    common::app(inspection, "bench.review.yaml".into())
}

fn frame(mut app: App) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(200, 50)).expect("terminal");
    let mut cache = scrutiny::tui::ui::Cache::default();
    scrutiny::tui::runner::draw(&mut terminal, &mut app, &mut cache).expect("draw");
    terminal
}

/// Read, parse and check an inspection file, as `scrutiny check` does.
#[divan::bench(args = [1_000, 10_000], sample_count = 10, sample_size = 1)]
fn load_and_check(bencher: Bencher, items: usize) {
    let path = file(items);
    bencher.bench(|| load(&path));
}

/// An item of 400,000 numbers as tags (3 MB): each value YAML types as a
/// number keeps its text as written, looked up where it was read.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn numeric_tags_400k(bencher: Bencher) {
    let tags: Vec<String> = (0..400_000).map(|n| n.to_string()).collect();
    let text = format!(
        "inspection:\n  id: t\n  title: T\nfindings:\n  - id: F1\n    title: x\n    tags: [{}]\n",
        tags.join(",")
    );
    let path = std::env::temp_dir().join("scrutiny-bench-numeric-tags.yaml");
    std::fs::write(&path, text).expect("write the file");
    bencher.bench(|| load(&path));
}

/// The same for 100,000 items (90 MB), fewer times: each takes seconds.
#[divan::bench(sample_count = 3, sample_size = 1)]
fn load_and_check_100k(bencher: Bencher) {
    let path = file(100_000);
    bencher.bench(|| load(&path));
}

/// From the file to the first full frame: load, check, build the app's
/// state and draw 200x50, for 10,000 items.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn first_screen_10k(bencher: Bencher) {
    let path = file(10_000);
    bencher.bench(|| frame(app(load(&path))));
}

/// The first frame alone, once 10,000 items are loaded: the app's state
/// and one 200x50 frame.
#[divan::bench(sample_count = 20, sample_size = 1)]
fn first_frame_10k(bencher: Bencher) {
    let inspection = load(&file(10_000));
    bencher
        .with_inputs(|| inspection.clone())
        .bench_local_values(|inspection| frame(app(inspection)));
}

/// The bundled example, from its bytes to the first frame.
#[divan::bench(sample_count = 50)]
fn example_first_screen(bencher: Bencher) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/prevent-2020.yaml");
    bencher.bench(|| frame(app(load(&path))));
}
