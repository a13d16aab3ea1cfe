//! Opening the overview of a folder of inspections: 500 of 40 items each
//! (about 14 MB), read on every core. `cargo bench --bench portfolio`.
//!
//! Cold: no cache, every inspection read and checked. Warm: the cache of a
//! previous open, each inspection and review read only to be hashed and
//! compared. Also the parts of a warm open: hashing the bytes alone, and
//! reading and checking one inspection after another on one core.
//!
//! `reports_cold` and `reports_warm`: every inspection and review read
//! whole (`read_reports`, what the overview and the register hold), of
//! `SCRUTINY_BENCH_REPORTS` inspections of 40 items (500 unless given;
//! `SCRUTINY_BENCH_REPORTS=5000 cargo bench --bench portfolio reports` for
//! the figures of the 5,000-inspection budget, about 184 MB).

mod common;

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicUsize;

use divan::Bencher;
use scrutiny::files::workspace::discover;
use scrutiny::tui::reading::{read_entries, read_reports};

fn main() {
    divan::main();
}

const COUNT: usize = 500;
const ITEMS: usize = 40;

fn files() -> Vec<PathBuf> {
    let dir = common::portfolio(COUNT, ITEMS).expect("write the portfolio");
    discover(&[dir]).expect("the folder has inspections")
}

fn cache_folder(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!(
        "scrutiny-bench-cache-{name}-{}",
        std::process::id()
    ))
}

fn open(files: &[PathBuf], cache: Option<&Path>) -> usize {
    let entries = read_entries(files, cache, &AtomicUsize::new(0));
    assert!(entries.iter().all(|e| e.stats.is_ok()));
    entries.len()
}

/// No cache: every inspection read, checked and counted, on every core.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn cold(bencher: Bencher) {
    let files = files();
    bencher.bench(|| open(&files, None));
}

/// No cache yet: as `cold`, and the cache written.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn cold_writing_the_cache(bencher: Bencher) {
    let files = files();
    let cache = cache_folder("cold");
    bencher
        .with_inputs(|| {
            let _ = std::fs::remove_dir_all(&cache);
        })
        .bench_local_values(|()| open(&files, Some(&cache)));
    let _ = std::fs::remove_dir_all(&cache);
}

/// The cache of a previous open: every file read and hashed, none parsed.
#[divan::bench(sample_count = 20, sample_size = 1)]
fn warm(bencher: Bencher) {
    let files = files();
    let cache = cache_folder("warm");
    open(&files, Some(&cache));
    bencher.bench(|| open(&files, Some(&cache)));
    let _ = std::fs::remove_dir_all(&cache);
}

/// Reading and hashing every inspection's bytes on one core, what a warm
/// open costs beside the cache itself.
#[divan::bench(sample_count = 20, sample_size = 1)]
fn read_and_hash_one_core(bencher: Bencher) {
    let files = files();
    bencher.bench(|| {
        files
            .iter()
            .map(|f| scrutiny::tui::place::fnv1a(&std::fs::read(f).expect("read")))
            .fold(0, u64::wrapping_add)
    });
}

/// The old way: one inspection after another on one core.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn cold_one_core(bencher: Bencher) {
    let files = files();
    bencher.bench(|| {
        files
            .iter()
            .map(|f| scrutiny::files::workspace::load_pair(f, None).expect("load"))
            .map(|pair| pair.inspection.items.len())
            .sum::<usize>()
    });
}

/// How many inspections the `read_reports` benches read.
fn reports_count() -> usize {
    std::env::var("SCRUTINY_BENCH_REPORTS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(COUNT)
}

fn reports_files() -> Vec<PathBuf> {
    let dir = common::portfolio(reports_count(), ITEMS).expect("write the portfolio");
    discover(&[dir]).expect("the folder has inspections")
}

/// Every pair read whole, through the cache in `cache`; the pairs kept
/// until the next sample, as the overview keeps them.
fn reports(files: &[PathBuf], cache: &Path) -> Vec<Option<scrutiny::files::workspace::Pair>> {
    let (entries, pairs) = read_reports(files, Some(cache), &AtomicUsize::new(0));
    assert!(entries.iter().all(|e| e.stats.is_ok()));
    pairs
}

/// No cache yet: every inspection and review parsed, and the cache of
/// them written.
#[divan::bench(sample_count = 3, sample_size = 1)]
fn reports_cold(bencher: Bencher) {
    let files = reports_files();
    let cache = cache_folder("reports-cold");
    bencher
        .with_inputs(|| {
            let _ = std::fs::remove_dir_all(&cache);
        })
        .bench_local_values(|()| reports(&files, &cache));
    let _ = std::fs::remove_dir_all(&cache);
}

/// The cache of a previous open: every file read and hashed, every pair
/// taken from the cache, no YAML parsed.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn reports_warm(bencher: Bencher) {
    let files = reports_files();
    let cache = cache_folder("reports-warm");
    reports(&files, &cache);
    bencher.bench(|| reports(&files, &cache));
    let _ = std::fs::remove_dir_all(&cache);
}
