//! Time to first screen for large inspections: read, parse, validate, load
//! the review, build the app and draw one 200x50 frame. Also prints the peak
//! resident memory of this process.
//!
//! `cargo bench` (inspections from `gen-inspection.py` in the shared tools
//! folder, or pass paths: `cargo bench -- FILE...`).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use scrutiny::app::App;
use scrutiny::model::{Review, load_inspection};

fn generated(items: usize) -> Option<PathBuf> {
    let tool = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/tools/gen-inspection.py");
    let out = Command::new("python3")
        .arg(&tool)
        .arg(items.to_string())
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    let path = std::env::temp_dir().join(format!("scrutiny-bench-{items}.yaml"));
    std::fs::write(&path, out.stdout).ok()?;
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
