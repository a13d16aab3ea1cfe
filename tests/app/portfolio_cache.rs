//! Reading the overview fast: every core at once, giving what reading
//! one after another gives, and the cache of each inspection (its numbers,
//! and the inspection and review as read), used only while both its files
//! are as they were and passed over (then written anew) whenever it is not
//! exactly what was written.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use scrutiny::files::workspace::{Pair, discover, load_pair};
use scrutiny::tui::app::Effect;
use scrutiny::tui::portfolio::{Entry, Stats};
use scrutiny::tui::reading::{load_pair_cached, read_reports};
use scrutiny::tui::report_cache::{self, Cache, MAGIC, TRAILER, VERSION};
use scrutiny::tui::session::open_portfolio_cached;

use crate::common::TempDir;
use crate::common::portfolio::{YOUTH, folder};

/// The folder of `folder`, with `extra` more small inspections, each its
/// own id and title; a review begun for every third.
fn many(name: &str, extra: usize) -> (TempDir, Vec<PathBuf>) {
    let dir = folder(name);
    for n in 0..extra {
        let text = YOUTH
            .replace("youth-2024", &format!("youth-{n:03}"))
            .replace("a follow-up inspection", &format!("inspection {n:03}"));
        std::fs::write(dir.join(&format!("youth-{n:03}.yaml")), text).expect("write one");
        if n % 3 == 0 {
            std::fs::write(
                dir.join(&format!("youth-{n:03}.review.yaml")),
                format!(
                    "version: 1\ninspection: youth-{n:03}\nitems:\n  F1:\n    status: accepted\n    owner: Owner {n}\n"
                ),
            )
            .expect("write a review");
        }
    }
    let files = discover(&[dir.path().to_path_buf()]).expect("discover");
    (dir, files)
}

/// One after another, as opening each one reads it.
fn sequential(files: &[PathBuf]) -> Vec<Entry> {
    files
        .iter()
        .map(|path| Entry {
            path: path.clone(),
            stats: load_pair(path, None)
                .map(|pair| Stats::of(&pair.inspection, &pair.review))
                .map_err(|e| e.to_string()),
        })
        .collect()
}

/// The overview's entries, through the cache in `cache`.
fn open(files: &[PathBuf], cache: Option<&Path>) -> Vec<Entry> {
    let done = AtomicUsize::new(0);
    let portfolio = open_portfolio_cached(files, "tester".into(), cache, &done);
    assert_eq!(
        done.load(Ordering::Relaxed),
        files.len(),
        "each one counted"
    );
    portfolio.entries().to_vec()
}

fn title_of(entries: &[Entry], file: &str) -> String {
    let entry = entries
        .iter()
        .find(|e| e.path.file_name().is_some_and(|n| n == file))
        .unwrap_or_else(|| panic!("no entry for {file}"));
    entry.stats.as_ref().expect("it loaded").title.clone()
}

/// The cache in `cache` with the numbers of `file` changed as `change`
/// says, written back as a valid cache: what parsing would never give.
fn forge(cache: &Path, file: &Path, change: impl FnOnce(&mut Stats)) {
    let path = report_cache::file_in(cache);
    let mut read = Cache::read(&path);
    let canonical = std::fs::canonicalize(file).expect("canonical");
    change(&mut read.entries.get_mut(&canonical).expect("cached").stats);
    read.write(&path).expect("write the forged cache");
}

const FORGED: &str = "Forged – never in any file";

/// A cold open, then the cache forged for youth-2024: the path of the
/// cache file.
fn cold_then_forged(cache: &Path, files: &[PathBuf]) -> PathBuf {
    open(files, Some(cache));
    let youth = files
        .iter()
        .find(|f| f.ends_with("youth-2024.yaml"))
        .expect("youth");
    forge(cache, youth, |s| FORGED.clone_into(&mut s.title));
    assert_eq!(
        title_of(&open(files, Some(cache)), "youth-2024.yaml"),
        FORGED,
        "a valid cache is used"
    );
    report_cache::file_in(cache)
}

/// Open, and see the real numbers, and a cache rebuilt that holds them.
fn read_again_and_rebuilt(cache: &Path, files: &[PathBuf]) {
    let entries = open(files, Some(cache));
    assert_eq!(entries, sequential(files), "the cache was passed over");
    let rebuilt = Cache::read(&report_cache::file_in(cache));
    let youth = rebuilt
        .entries
        .iter()
        .find(|(path, _)| path.ends_with("youth-2024.yaml"))
        .expect("youth remembered again");
    assert_eq!(
        youth.1.stats.title,
        "Youth diversion – a follow-up inspection"
    );
    assert_eq!(
        rebuilt.entries.len(),
        files.len() - 1,
        "every one that loads is remembered"
    );
}

// ------------------------------------------------------------- parallel

#[test]
fn every_core_gives_what_one_after_another_gives() {
    let (_dir, files) = many("parallel", 40);
    let expected = sequential(&files);
    assert_eq!(open(&files, None), expected);
    let cache = TempDir::new("parallel-cache");
    assert_eq!(open(&files, Some(cache.path())), expected, "cold");
    assert_eq!(open(&files, Some(cache.path())), expected, "warm");
    assert!(
        expected
            .iter()
            .any(|e| e.stats.as_ref().is_ok_and(|s| !s.owners.is_empty())),
        "reviews counted"
    );
}

#[test]
fn a_broken_file_among_many_is_listed_with_its_first_problem() {
    let (dir, files) = many("broken-among-many", 30);
    let cache = TempDir::new("broken-cache");
    for _ in 0..2 {
        let done = AtomicUsize::new(0);
        let mut portfolio =
            open_portfolio_cached(&files, "tester".into(), Some(cache.path()), &done);
        let entries = portfolio.entries();
        assert_eq!(entries.len(), 33);
        let broken: Vec<_> = entries.iter().filter(|e| e.stats.is_err()).collect();
        assert_eq!(broken.len(), 1);
        let Err(why) = &broken[0].stats else {
            unreachable!()
        };
        let first = why.lines().next().expect("a first line");
        assert!(
            first.starts_with(&format!("{}:8:1: ", dir.join("bad.yaml").display())),
            "{first}"
        );
        assert!(first.contains("unknown key `recomendations`"), "{first}");
        // The rest open as usual.
        let effects = portfolio.update(scrutiny::tui::app::Action::Open);
        assert!(
            matches!(effects.as_slice(), [Effect::Open(path)] if !path.ends_with("bad.yaml")),
            "{effects:?}"
        );
    }
}

// ------------------------------------------------------------- the cache

#[test]
fn a_warm_open_takes_the_numbers_from_the_cache() {
    let (_dir, files) = many("warm", 3);
    let cache = TempDir::new("warm-cache");
    assert!(!report_cache::file_in(cache.path()).exists());
    cold_then_forged(cache.path(), &files);
}

#[test]
fn content_changed_with_size_and_time_kept_is_read_again() {
    let (dir, files) = many("same-size", 3);
    let cache = TempDir::new("same-size-cache");
    cold_then_forged(cache.path(), &files);
    let youth = dir.join("youth-2024.yaml");
    let modified = std::fs::metadata(&youth)
        .and_then(|m| m.modified())
        .expect("mtime");
    let text = std::fs::read_to_string(&youth).expect("read");
    let changed = text.replace("follow-up", "FOLLOW-UP");
    assert_eq!(changed.len(), text.len());
    std::fs::write(&youth, &changed).expect("change it");
    std::fs::File::options()
        .write(true)
        .open(&youth)
        .and_then(|f| f.set_modified(modified))
        .expect("put the time back");
    assert_eq!(
        std::fs::metadata(&youth)
            .and_then(|m| m.modified())
            .expect("mtime"),
        modified
    );
    let entries = open(&files, Some(cache.path()));
    assert_eq!(
        title_of(&entries, "youth-2024.yaml"),
        "Youth diversion – a FOLLOW-UP inspection"
    );
    assert_eq!(entries, sequential(&files));
}

#[test]
fn a_review_begun_since_is_read_again() {
    let (dir, files) = many("review-since", 3);
    let cache = TempDir::new("review-since-cache");
    cold_then_forged(cache.path(), &files);
    std::fs::write(
        dir.join("youth-2024.review.yaml"),
        "version: 1\ninspection: youth-2024\nitems:\n  F1:\n    status: accepted\n",
    )
    .expect("begin a review");
    let entries = open(&files, Some(cache.path()));
    assert_eq!(entries, sequential(&files));
    assert_eq!(
        title_of(&entries, "youth-2024.yaml"),
        "Youth diversion – a follow-up inspection"
    );
}

#[test]
fn a_cache_cut_short_is_passed_over_and_rebuilt() {
    let (_dir, files) = many("cut", 3);
    let cache = TempDir::new("cut-cache");
    let file = cold_then_forged(cache.path(), &files);
    let bytes = std::fs::read(&file).expect("read the cache");
    std::fs::write(&file, &bytes[..bytes.len() - 1]).expect("cut it");
    read_again_and_rebuilt(cache.path(), &files);
}

#[test]
fn a_cache_of_another_version_is_passed_over_and_rebuilt() {
    let (_dir, files) = many("version", 3);
    let cache = TempDir::new("version-cache");
    let file = cold_then_forged(cache.path(), &files);
    let mut bytes = std::fs::read(&file).expect("read the cache");
    let at = bytes.len() - TRAILER + MAGIC.len();
    bytes[at..at + 4].copy_from_slice(&(VERSION + 1).to_le_bytes());
    std::fs::write(&file, &bytes).expect("another version");
    read_again_and_rebuilt(cache.path(), &files);
}

#[test]
fn a_cache_with_a_byte_changed_is_passed_over_and_rebuilt() {
    let (_dir, files) = many("tampered", 3);
    let cache = TempDir::new("tampered-cache");
    let file = cold_then_forged(cache.path(), &files);
    let mut bytes = std::fs::read(&file).expect("read the cache");
    // A byte of a title, the checksum left as it was.
    let at = bytes
        .windows(6)
        .position(|w| w == b"Forged")
        .expect("the forged title");
    bytes[at] = b'f';
    std::fs::write(&file, &bytes).expect("tamper");
    read_again_and_rebuilt(cache.path(), &files);
}

#[test]
fn a_cache_that_is_a_link_is_neither_read_nor_written_through() {
    let (_dir, files) = many("link", 3);
    let cache = TempDir::new("link-cache");
    let file = cold_then_forged(cache.path(), &files);
    // A valid cache, forged, elsewhere; the cache a link to it.
    let target = TempDir::new("link-target");
    let elsewhere = target.join("target.bin");
    std::fs::rename(&file, &elsewhere).expect("move the cache away");
    std::os::unix::fs::symlink(&elsewhere, &file).expect("link");
    let before = std::fs::read(&elsewhere).expect("read the target");
    read_again_and_rebuilt(cache.path(), &files);
    assert_eq!(
        std::fs::read(&elsewhere).expect("read"),
        before,
        "not written through"
    );
    assert!(
        std::fs::symlink_metadata(&file).is_ok_and(|m| m.file_type().is_file()),
        "the link replaced by a cache of scrutiny's own"
    );
}

#[test]
fn a_cache_that_is_a_folder_is_passed_over_and_left_alone() {
    let (_dir, files) = many("folder", 3);
    let cache = TempDir::new("folder-cache");
    std::fs::create_dir_all(report_cache::file_in(cache.path())).expect("a folder");
    assert_eq!(open(&files, Some(cache.path())), sequential(&files));
    assert_eq!(open(&files, Some(cache.path())), sequential(&files));
    assert!(report_cache::file_in(cache.path()).is_dir());
}

#[test]
fn a_huge_cache_is_not_read_and_rebuilt() {
    let (_dir, files) = many("huge", 3);
    let cache = TempDir::new("huge-cache");
    let file = cold_then_forged(cache.path(), &files);
    std::fs::File::options()
        .write(true)
        .open(&file)
        .and_then(|f| f.set_len(report_cache::MAX_CACHE_BYTES + 1))
        .expect("make it huge (sparse)");
    read_again_and_rebuilt(cache.path(), &files);
    assert!(std::fs::metadata(&file).expect("meta").len() < 1_000_000);
}

#[test]
fn no_cache_at_all_is_no_matter() {
    let (_dir, files) = many("none", 3);
    let cache = TempDir::new("none-cache");
    open(&files, Some(cache.path()));
    std::fs::remove_file(report_cache::file_in(cache.path())).expect("delete the cache");
    assert_eq!(open(&files, Some(cache.path())), sequential(&files));
    // A cache folder that cannot be made (a file in its place): still read.
    let blocked = cache.join("blocked");
    std::fs::write(&blocked, "a file").expect("write");
    assert_eq!(
        open(&files, Some(&blocked.join("scrutiny"))),
        sequential(&files)
    );
}

// ------------------------------------------------------------- the pairs

/// Every inspection and review read whole, through the cache in `cache`.
fn reports(files: &[PathBuf], cache: Option<&Path>) -> (Vec<Entry>, Vec<Option<Pair>>) {
    let done = AtomicUsize::new(0);
    let read = read_reports(files, cache, &done);
    assert_eq!(
        done.load(Ordering::Relaxed),
        files.len(),
        "each one counted"
    );
    read
}

/// Each file as opening it alone reads it.
fn pairs_one_by_one(files: &[PathBuf]) -> Vec<Option<Pair>> {
    files.iter().map(|f| load_pair(f, None).ok()).collect()
}

/// Write `text` over `path`, keeping its modification time.
fn rewrite_keeping_the_time(path: &Path, text: &str) {
    let modified = std::fs::metadata(path)
        .and_then(|m| m.modified())
        .expect("mtime");
    assert_eq!(
        std::fs::metadata(path).expect("meta").len(),
        text.len() as u64,
        "the same size"
    );
    std::fs::write(path, text).expect("change it");
    std::fs::File::options()
        .write(true)
        .open(path)
        .and_then(|f| f.set_modified(modified))
        .expect("put the time back");
}

#[test]
fn a_portfolio_read_twice_gives_the_same_entries_and_pairs() {
    let (dir, files) = many("pairs", 12);
    let cache = TempDir::new("pairs-cache");
    let expected = (sequential(&files), pairs_one_by_one(&files));
    assert_eq!(reports(&files, None), expected, "no cache");
    assert_eq!(reports(&files, Some(cache.path())), expected, "cold");
    assert!(report_cache::file_in(cache.path()).exists());
    assert_eq!(reports(&files, Some(cache.path())), expected, "warm");
    assert_eq!(
        open(&files, Some(cache.path())),
        expected.0,
        "the numbers alone"
    );
    // A review changed, its size and time as they were: the hash sees it.
    let review = dir.join("youth-000.review.yaml");
    let text = std::fs::read_to_string(&review).expect("read");
    rewrite_keeping_the_time(&review, &text.replace("accepted", "complete"));
    let (entries, pairs) = reports(&files, Some(cache.path()));
    assert_eq!(
        (entries, pairs.clone()),
        (sequential(&files), pairs_one_by_one(&files))
    );
    let index = files
        .iter()
        .position(|f| f.ends_with("youth-000.yaml"))
        .expect("youth-000");
    let pair = pairs[index].as_ref().expect("it loaded");
    let first = &pair.inspection.items[0].id;
    assert_eq!(
        pair.review.entry(first).map(|e| e.status),
        Some(scrutiny::model::review::Status::Complete),
        "the change seen"
    );
    assert_eq!(
        pair.review_bytes.as_deref(),
        Some(std::fs::read(&review).expect("read").as_slice())
    );
}

#[test]
fn an_inspection_opened_alone_is_read_again_only_when_changed() {
    let (dir, files) = many("alone", 1);
    let cache = TempDir::new("alone-cache");
    let path = dir.join("youth-000.yaml");
    let review = dir.join("youth-000.review.yaml");
    let plain = || {
        scrutiny::files::workspace::load_pair_counting(&path, Some(&review), None)
            .expect("it loads")
    };
    let cached = || {
        let progress = AtomicUsize::new(0);
        let pair = load_pair_cached(&path, &review, Some(&progress), Some(cache.path()))
            .expect("it loads");
        assert_eq!(
            progress.load(Ordering::Relaxed) as u64,
            std::fs::metadata(&path).expect("meta").len(),
            "every byte counted"
        );
        pair
    };
    assert_eq!(cached(), plain(), "cold");
    assert!(report_cache::opened_in(cache.path()).exists());
    assert_eq!(cached(), plain(), "warm");
    let text = std::fs::read_to_string(&review).expect("read");
    rewrite_keeping_the_time(&review, &text.replace("accepted", "complete"));
    assert_eq!(cached(), plain(), "the review changed");
    std::fs::remove_file(&review).expect("remove the review");
    assert_eq!(cached(), plain(), "the review gone");
    assert!(cached().review_bytes.is_none());
    drop(files);
}
