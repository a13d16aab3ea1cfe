//! `scrutiny import` on generated report texts of 10, 40 and 200 MB:
//! numbered recommendations (1, 2, … past 999) wrapped over two lines, as a
//! PDF's text is. Each run reads the text, writes the inspection and checks
//! it, as the command does; the time must grow in step with the text.
//! `cargo bench --bench import`.

use std::fmt::Write as _;
use std::path::PathBuf;

use divan::Bencher;
use scrutiny::cli::import::{Options, run};

fn main() {
    divan::main();
}

/// A report's text of about `megabytes` MB.
fn text(megabytes: usize) -> PathBuf {
    let mut text = String::from("A report of many recommendations\n\nRecommendations\n\n");
    let mut n = 0;
    while text.len() < megabytes * 1_000_000 {
        n += 1;
        let _ = write!(
            text,
            "{n}. The force should improve how it records referrals and shares\ninformation with its partners, by 31 March 2021.\n"
        );
    }
    let path = std::env::temp_dir().join(format!("scrutiny-bench-import-{megabytes}mb.txt"));
    std::fs::write(&path, text).expect("write the text");
    path
}

#[divan::bench(args = [10, 40, 200], sample_count = 1, sample_size = 1)]
fn import(bencher: Bencher, megabytes: usize) {
    let input = text(megabytes);
    let output = input.with_extension("yaml");
    let options = Options {
        id: None,
        title: None,
        published: None,
        force: true,
    };
    bencher.bench_local(|| run(&input, Some(&output), &options).expect("the text imports"));
    let _ = std::fs::remove_file(&input);
    let _ = std::fs::remove_file(&output);
}

/// One mark in the import view on a text of `megabytes` MB: the text read
/// again with the marks, the inspection made and checked, as each key that
/// marks a line does. A report's text is well under 1 MB.
#[divan::bench(args = [1, 10], sample_count = 3, sample_size = 1)]
fn mark_in_the_view(bencher: Bencher, megabytes: usize) {
    use scrutiny::import::Mark;
    use scrutiny::tui::action::{Action, Msg};
    use scrutiny::tui::importer::{ImportView, Start};
    let path = text(megabytes);
    let mut view = ImportView::new(Start {
        name: "bench.txt".into(),
        text: std::fs::read_to_string(&path).expect("read the text"),
        output: path.with_extension("yaml"),
        force: true,
        title: None,
        id: None,
        published: None,
    });
    // Line 7: the second recommendation, joined to the first and let go.
    view.update(Msg::Act(Action::Top));
    for _ in 1..7 {
        view.update(Msg::Act(Action::MoveDown));
    }
    let mut joined = false;
    bencher.bench_local(|| {
        joined = !joined;
        view.update(Msg::Act(if joined {
            Action::MarkLine(Mark::Join)
        } else {
            Action::Unmark
        }))
    });
    let _ = std::fs::remove_file(&path);
}
