//! Reading every inspection of the overview: on every core at once, each
//! worker taking the next file not yet taken, the entries in the order the
//! files were given whatever order they finish in. With a cache folder,
//! the numbers of an inspection whose files are as they were are taken
//! from the cache (`stats_cache`) instead of read and checked again.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::files::store::{self, LoadError};
use crate::files::workspace::Pair;
use crate::tui::portfolio::{Entry, Stats};
use crate::tui::stats_cache::{self, Cached, Stamp, StatsCache};

/// How the numbers of one inspection were come by.
enum Found {
    /// From the cache, its files as they were.
    Cached(Stats),
    /// Read and checked, with what to remember them by (`None`: not to be
    /// remembered, the files changed while read or cannot be named).
    Read(Result<Stats, String>, Option<(PathBuf, Cached)>),
}

/// How many threads read at once: one a core, no more than there are
/// files.
pub fn workers(files: usize) -> usize {
    std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .min(files)
        .max(1)
}

/// Every inspection in `files`, each one's numbers or why it did not
/// load, in the order given; `done` counts the inspections read so far.
/// `cache`: the cache folder, or `None` to read everything.
pub fn read_entries(files: &[PathBuf], cache: Option<&Path>, done: &AtomicUsize) -> Vec<Entry> {
    let file = cache.map(stats_cache::file_in);
    let old = file.as_deref().map(StatsCache::read).unwrap_or_default();
    let found = read_parallel(files, cache.map(|_| &old), done);
    let mut fresh: Vec<(PathBuf, Cached)> = Vec::new();
    let entries = files
        .iter()
        .zip(found)
        .map(|(path, found)| {
            let stats = match found {
                Found::Cached(stats) => Ok(stats),
                Found::Read(stats, remember) => {
                    fresh.extend(remember);
                    stats
                }
            };
            Entry {
                path: path.clone(),
                stats,
            }
        })
        .collect();
    // Only what was read anew is worth writing down.
    if let Some(file) = file
        && !fresh.is_empty()
    {
        keep(old, fresh, &file);
    }
    entries
}

/// Keep what was read with what was remembered before; only a
/// convenience, so a cache that cannot be written is not spoken of.
fn keep(mut cache: StatsCache, fresh: Vec<(PathBuf, Cached)>, file: &Path) {
    if cache.entries.len() + fresh.len() > stats_cache::MAX_ENTRIES {
        cache.entries.clear();
    }
    cache
        .entries
        .extend(fresh.into_iter().take(stats_cache::MAX_ENTRIES));
    let _ = cache.write(file);
}

/// Each file's numbers, read by `workers` threads each taking the next
/// index; in the order of `files`.
fn read_parallel(files: &[PathBuf], cache: Option<&StatsCache>, done: &AtomicUsize) -> Vec<Found> {
    in_parallel(files, done, |path| find(path, cache))
}

/// `each` of every file, done by `workers` threads each taking the next
/// index, in the order of `files`; `done` counts the files done.
pub fn in_parallel<T: Send>(
    files: &[PathBuf],
    done: &AtomicUsize,
    each: impl Fn(&Path) -> T + Sync,
) -> Vec<T> {
    let next = AtomicUsize::new(0);
    let slots: Mutex<Vec<Option<T>>> =
        Mutex::new(std::iter::repeat_with(|| None).take(files.len()).collect());
    std::thread::scope(|scope| {
        for _ in 0..workers(files.len()) {
            scope.spawn(|| {
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some(path) = files.get(index) else {
                        break;
                    };
                    let found = each(path);
                    slots
                        .lock()
                        .unwrap_or_else(std::sync::PoisonError::into_inner)[index] = Some(found);
                    done.fetch_add(1, Ordering::Relaxed);
                }
            });
        }
    });
    slots
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .into_iter()
        .zip(files)
        // A worker that panicked left its slot empty: that file is done here.
        .map(|(found, path)| found.unwrap_or_else(|| each(path)))
        .collect()
}

/// Every inspection in `files` read whole, with its review, for the
/// overview and the register: each one's numbers (or why it did not
/// load) and, when it loaded, the inspection and review themselves; in
/// the order given, `done` counting the inspections read so far.
pub fn read_reports(
    files: &[PathBuf],
    _cache: Option<&Path>,
    done: &AtomicUsize,
) -> (Vec<Entry>, Vec<Option<Pair>>) {
    let loaded = in_parallel(files, done, |path| {
        crate::files::workspace::load_pair(path, None).map_err(|e| e.to_string())
    });
    files
        .iter()
        .zip(loaded)
        .map(|(path, loaded)| match loaded {
            Ok(pair) => (
                Entry {
                    path: path.clone(),
                    stats: Ok(Stats::of(&pair.inspection, &pair.review)),
                },
                Some(pair),
            ),
            Err(why) => (
                Entry {
                    path: path.clone(),
                    stats: Err(why),
                },
                None,
            ),
        })
        .unzip()
}

/// A file's bytes and what it is, at most `MAX_FILE_BYTES`, never from a
/// FIFO or device.
fn stamped(path: &Path) -> std::io::Result<(Vec<u8>, Stamp)> {
    use std::io::Read as _;
    let file = store::open_regular(path)?;
    let meta = file.metadata()?;
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(store::MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > store::MAX_FILE_BYTES {
        return Err(std::io::Error::other("too large"));
    }
    let stamp = Stamp::of(&meta, &bytes);
    Ok((bytes, stamp))
}

/// The review beside `inspection`, stamped: `Ok(None)` when there is none.
fn stamped_review(review: &Path) -> std::io::Result<Option<(Vec<u8>, Stamp)>> {
    match stamped(review) {
        Ok(found) => Ok(Some(found)),
        Err(e)
            if matches!(
                e.kind(),
                std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
            ) =>
        {
            Ok(None)
        }
        Err(e) => Err(e),
    }
}

/// Inspections up to this size are read whole and checked from memory
/// (about twice as fast as from a stream, and the bytes hashed are the
/// bytes checked); a larger one is read as opening it reads it, streamed,
/// its memory bounded, and not cached.
pub const WHOLE_BYTES: u64 = 16 * 1024 * 1024;

/// One inspection's numbers: from the cache if both its files are as they
/// were, else read and checked from the very bytes stamped.
fn find(path: &Path, cache: Option<&StatsCache>) -> Found {
    if !std::fs::metadata(path).is_ok_and(|m| m.len() <= WHOLE_BYTES) {
        return Found::Read(read(path), None);
    }
    let canonical = cache.and_then(|_| std::fs::canonicalize(path).ok());
    let review_path = store::default_review_path(path);
    let (Ok((bytes, inspection)), Ok(review)) = (stamped(path), stamped_review(&review_path))
    else {
        // Whatever stops it being read is said as reading says it.
        return Found::Read(read(path), None);
    };
    let review_stamp = review.as_ref().map(|(_, stamp)| *stamp);
    if let (Some(cache), Some(canonical)) = (cache, &canonical)
        && let Some(stats) = cache.get(canonical, &inspection, review_stamp.as_ref())
    {
        return Found::Cached(stats.clone());
    }
    let name = path.display().to_string();
    let parsed = match crate::files::inspection::load_inspection_owned_warned(bytes) {
        Ok((parsed, _)) => parsed,
        Err(problems) => {
            let why = LoadError::Invalid {
                path: name,
                problems,
            };
            return Found::Read(Err(why.to_string()), None);
        }
    };
    let loaded = match store::read_review(&review_path, &parsed) {
        Ok(loaded) => loaded,
        Err(e) => return Found::Read(Err(e.to_string()), None),
    };
    let stats = Stats::of(&parsed, &loaded.review);
    // The review as parsed must be the one stamped: if it changed between,
    // the numbers stand for this run but are not remembered.
    let same = match (&loaded.on_disk, &review) {
        (None, None) => true,
        (Some(now), Some((then, _))) => now == then,
        _ => false,
    };
    let remember = canonical.filter(|_| same).map(|canonical| {
        (
            canonical,
            Cached {
                inspection,
                review: review_stamp,
                stats: stats.clone(),
            },
        )
    });
    Found::Read(Ok(stats), remember)
}

/// One inspection's numbers read as opening it reads them, or why not.
fn read(path: &Path) -> Result<Stats, String> {
    crate::files::workspace::load_pair(path, None)
        .map(|pair| Stats::of(&pair.inspection, &pair.review))
        .map_err(|e| e.to_string())
}
