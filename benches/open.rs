//! Time to first screen for large inspections: read, parse, validate, load
//! the review, build the app and draw one 200x50 frame. Also prints the peak
//! resident memory of this process.
//!
//! `cargo bench` times synthetic inspections of 10,000 and 100,000 items;
//! `cargo bench -- FILE...` times the given files instead.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use scrutiny::app::App;
use scrutiny::model::{Review, load_inspection};

const WORDS: [&str; 16] = [
    "force",
    "partners",
    "safeguarding",
    "referral",
    "prevent",
    "training",
    "risk",
    "information",
    "sharing",
    "governance",
    "oversight",
    "assessment",
    "community",
    "evidence",
    "leadership",
    "été",
];

/// A small deterministic generator, so every run times the same file.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        usize::try_from(self.0 >> 33).unwrap_or(0) % n.max(1)
    }

    fn words(&mut self, count: usize) -> String {
        (0..count)
            .map(|_| WORDS[self.below(WORDS.len())])
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// A synthetic inspection of `items` items, shaped like a real one: block
/// text, quoted titles with accents, themes, tags, links, dates.
fn synthetic(items: usize) -> String {
    use std::fmt::Write as _;
    let mut rng = Rng(7);
    let mut out = format!(
        "version: 1\ninspection:\n  id: synthetic-{items}\n  title: \"Synthetic inspection with {items} items\"\n  inspectorate: HMICFRS\n  published: 2020-03-09\n"
    );
    let kinds = [
        ("findings", "F", items / 2),
        ("strengths", "S", items / 5),
        ("areas_for_improvement", "A", items / 10),
    ];
    let recommendations = items - kinds.iter().map(|k| k.2).sum::<usize>();
    for (key, prefix, count) in kinds
        .into_iter()
        .chain([("recommendations", "R", recommendations)])
    {
        let _ = writeln!(out, "{key}:");
        for i in 1..=count {
            let _ = writeln!(
                out,
                "  - id: {prefix}{i}\n    title: \"{} “quoted”\"",
                rng.words(8)
            );
            let _ = writeln!(
                out,
                "    text: |\n      {}.\n\n      {}.",
                rng.words(40),
                rng.words(30)
            );
            let _ = writeln!(
                out,
                "    theme: Theme {}\n    tags: [{}, {}]",
                rng.below(6),
                WORDS[rng.below(15)],
                WORDS[rng.below(15)]
            );
            if prefix != "F" && items >= 2 {
                let _ = writeln!(out, "    links: [F{}]", 1 + rng.below(items / 2));
            }
            if prefix == "R" {
                let _ = writeln!(
                    out,
                    "    directed_to: [The Home Office]\n    due: 202{}-0{}-1{}",
                    rng.below(8),
                    1 + rng.below(9),
                    rng.below(9)
                );
            }
        }
    }
    out
}

fn generated(items: usize) -> Option<PathBuf> {
    let path = std::env::temp_dir().join(format!("scrutiny-bench-{items}.yaml"));
    std::fs::write(&path, synthetic(items)).ok()?;
    Some(path)
}

fn first_screen(path: &Path) -> Duration {
    let start = Instant::now();
    let bytes = std::fs::read(path).expect("read");
    let inspection = load_inspection(&bytes).expect("valid inspection");
    let review = Review::new(inspection.meta.id.clone());
    let app = App::new(
        inspection,
        review,
        "bench.review.yaml".into(),
        None,
        "bench".into(),
        jiff::civil::date(2026, 11, 29),
    );
    let mut terminal = Terminal::new(TestBackend::new(200, 50)).expect("terminal");
    terminal
        .draw(|f| scrutiny::ui::render(&app, f))
        .expect("draw");
    start.elapsed()
}

fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() {
    let given: Vec<PathBuf> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .map(PathBuf::from)
        .collect();
    let paths = if given.is_empty() {
        [10_000, 100_000]
            .into_iter()
            .filter_map(generated)
            .collect()
    } else {
        given
    };
    if paths.is_empty() {
        println!(
            "no inspections to time: python3 and the shared gen-inspection.py are needed, or pass files"
        );
        return;
    }
    for path in paths {
        let size = std::fs::metadata(&path).map_or(0, |m| m.len());
        let mut times: Vec<Duration> = (0..5).map(|_| first_screen(&path)).collect();
        times.sort();
        println!(
            "{}: {} MB, first screen median {:.0} ms (min {:.0} ms, 5 runs), peak RSS so far {} MiB",
            path.display(),
            size / 1_000_000,
            times[2].as_secs_f64() * 1e3,
            times[0].as_secs_f64() * 1e3,
            peak_rss_kib().unwrap_or(0) / 1024
        );
    }
}
