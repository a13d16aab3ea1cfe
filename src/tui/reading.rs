//! Reading every inspection of the overview: on every core at once, each
//! worker taking the next file not yet taken, the entries in the order the
//! files were given whatever order they finish in. With a cache folder,
//! an inspection whose files are as they were is taken from the cache
//! (`report_cache`) instead of read and checked again; so is one opened
//! alone (`load_pair_cached`).

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::files::Diagnostic;
use crate::files::store::{self, LoadError, LoadedReview};
use crate::files::workspace::{Pair, load_pair, load_pair_counting, warnings_of};
use crate::model::Inspection;
use crate::tui::portfolio::{Entry, Stats};
use crate::tui::report_cache::{self, Cache, Fresh, Record, Stamp, Writer};

/// How many threads read at once: one a core, no more than there are
/// files.
pub fn workers(files: usize) -> usize {
    std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .min(files)
        .max(1)
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

/// A file's bytes and what it is, at most `MAX_FILE_BYTES`, never from a
/// FIFO or device.
fn stamped(path: &Path) -> std::io::Result<(Vec<u8>, Stamp)> {
    stamped_into(path, Vec::new())
}

/// `stamped`, read into `bytes` (emptied first): the room of one file
/// used again for the next, so thousands read one after another do not
/// each take memory afresh.
fn stamped_into(path: &Path, mut bytes: Vec<u8>) -> std::io::Result<(Vec<u8>, Stamp)> {
    use std::io::Read as _;
    let file = store::open_regular(path)?;
    let meta = file.metadata()?;
    bytes.clear();
    bytes.reserve(usize::try_from(meta.len()).unwrap_or(0));
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

/// How one inspection was come by, and whether it is remembered.
struct Found {
    stats: Result<Stats, String>,
    pair: Option<Pair>,
    kept: Kept,
}

/// Whether an inspection is in the cache, and which cache.
enum Kept {
    /// Not remembered: it did not load, changed while read, is too large
    /// or cannot be named.
    No,
    /// Taken from the cache read, under this canonical path.
    Old(PathBuf),
    /// Read, and added to the cache being written, under this path.
    New(PathBuf),
}

/// Every inspection in `files`, each one's numbers or why it did not
/// load, in the order given; `done` counts the inspections read so far.
/// `cache`: the cache folder, or `None` to read everything.
pub fn read_entries(files: &[PathBuf], cache: Option<&Path>, done: &AtomicUsize) -> Vec<Entry> {
    read_cached(files, cache, done, false)
        .into_iter()
        .zip(files)
        .map(|(found, path)| Entry {
            path: path.clone(),
            stats: found.stats,
        })
        .collect()
}

/// Every inspection in `files` read whole, with its review, for the
/// overview and the register: each one's numbers (or why it did not
/// load) and, when it loaded, the inspection and review themselves; in
/// the order given, `done` counting the inspections read so far.
/// `cache`: the cache folder, or `None` to read and parse everything.
pub fn read_reports(
    files: &[PathBuf],
    cache: Option<&Path>,
    done: &AtomicUsize,
) -> (Vec<Entry>, Vec<Option<Pair>>) {
    read_cached(files, cache, done, true)
        .into_iter()
        .zip(files)
        .map(|(found, path)| {
            (
                Entry {
                    path: path.clone(),
                    stats: found.stats,
                },
                found.pair,
            )
        })
        .unzip()
}

/// Each inspection of `files`, from the cache in `cache` when it is as it
/// was, with its pair if `pairs`; the cache written anew when anything
/// was read that it did not hold.
fn read_cached(
    files: &[PathBuf],
    cache: Option<&Path>,
    done: &AtomicUsize,
    pairs: bool,
) -> Vec<Found> {
    let Some(folder) = cache else {
        return in_parallel(files, done, |path| uncached(path, pairs));
    };
    let target = report_cache::file_in(folder);
    let old = Cache::read(&target);
    let writer = Writer::create(&target).ok();
    let folders = Folders::default();
    let found = in_parallel(files, done, |path| {
        find(path, &old, writer.as_ref(), &folders, pairs)
    });
    if let Some(writer) = writer {
        keep(writer, &old, &found);
    }
    found
}

/// Finish the cache being written, if anything was added to it: the
/// inspections taken from the old cache copied in, then whatever else it
/// held while there is room. Only a convenience, so a cache that cannot
/// be written is not spoken of.
fn keep(writer: Writer, old: &Cache, found: &[Found]) {
    if !found.iter().any(|f| matches!(f.kept, Kept::New(_))) {
        // Nothing new: the old cache stands (the new file is removed).
        return;
    }
    let mut here = HashSet::new();
    for f in found {
        match &f.kept {
            Kept::Old(key) => {
                if let Some(indexed) = old.entries.get(key) {
                    writer.copy(old, key, indexed);
                }
                here.insert(key);
            }
            Kept::New(key) => {
                here.insert(key);
            }
            Kept::No => {}
        }
    }
    for (key, indexed) in &old.entries {
        if !here.contains(key) {
            writer.copy(old, key, indexed);
        }
    }
    let _ = writer.finish();
}

/// One inspection read as opening it reads it, the cache aside.
fn uncached(path: &Path, pairs: bool) -> Found {
    match load_pair(path, None) {
        Ok(pair) => Found {
            stats: Ok(Stats::of(&pair.inspection, &pair.review)),
            pair: pairs.then_some(pair),
            kept: Kept::No,
        },
        Err(e) => Found {
            stats: Err(e.to_string()),
            pair: None,
            kept: Kept::No,
        },
    }
}

/// Folders made canonical once each: a folder of thousands of
/// inspections is resolved once, not once a file.
#[derive(Default)]
struct Folders(Mutex<std::collections::HashMap<PathBuf, Option<PathBuf>>>);

impl Folders {
    /// `folder` canonical (`""` is the current folder), or `None`.
    fn canonical(&self, folder: &Path) -> Option<PathBuf> {
        let folder = if folder.as_os_str().is_empty() {
            Path::new(".")
        } else {
            folder
        };
        let mut known = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        known
            .entry(folder.to_path_buf())
            .or_insert_with(|| std::fs::canonicalize(folder).ok())
            .clone()
    }

    /// `path` canonical: its folder's canonical path and its name, unless
    /// it is a link (then resolved whole).
    fn file(&self, path: &Path) -> Option<PathBuf> {
        let is_link = std::fs::symlink_metadata(path)
            .ok()?
            .file_type()
            .is_symlink();
        match (path.parent(), path.file_name()) {
            (Some(folder), Some(name)) if !is_link => Some(self.canonical(folder)?.join(name)),
            _ => std::fs::canonicalize(path).ok(),
        }
    }
}

/// What an inspection and its review are known by in the cache: the
/// inspection's canonical path, and the review's path with its folder
/// canonical (the review may not be there yet).
fn keys(path: &Path, review_path: &Path, folders: &Folders) -> Option<(PathBuf, PathBuf)> {
    let canonical = folders.file(path)?;
    let review = folders
        .canonical(review_path.parent()?)?
        .join(review_path.file_name()?);
    Some((canonical, review))
}

/// The pair a record stands for, read from `path` and `review_path` whose
/// stamps it agrees with (`review_bytes` those stamped).
fn pair_of(
    path: &Path,
    review_path: PathBuf,
    record: Record,
    review_bytes: Option<Vec<u8>>,
) -> Pair {
    Pair {
        warnings: warnings_of(
            path,
            &record.inspection_warnings,
            &review_path,
            &record.review_warnings,
        ),
        path: path.to_path_buf(),
        inspection: record.inspection,
        review: record.review,
        review_path,
        review_bytes,
        // The cache stands only for a review read alone.
        fellows: None,
    }
}

/// An inspection checked from its bytes, and its review read.
struct Parsed {
    inspection: Inspection,
    warnings: Vec<Diagnostic>,
    loaded: LoadedReview,
}

impl Parsed {
    fn into_pair(self, path: &Path, review_path: PathBuf) -> Pair {
        Pair {
            warnings: warnings_of(path, &self.warnings, &review_path, &self.loaded.warnings),
            path: path.to_path_buf(),
            inspection: self.inspection,
            review: self.loaded.review,
            review_path,
            review_bytes: self.loaded.on_disk,
            fellows: self.loaded.fellows,
        }
    }

    /// What to remember of it, stamped as read.
    fn fresh<'a>(
        &'a self,
        review_path: &'a Path,
        stamps: (Stamp, Option<Stamp>),
        stats: &'a Stats,
    ) -> Fresh<'a> {
        Fresh {
            review_path,
            inspection_stamp: stamps.0,
            review_stamp: stamps.1,
            stats,
            inspection: &self.inspection,
            review: &self.loaded.review,
            inspection_warnings: &self.warnings,
            review_warnings: &self.loaded.warnings,
        }
    }
}

/// Check the inspection in `bytes` (read from `path`) and read its
/// review, saying why not as opening it says.
fn parse(path: &Path, bytes: Vec<u8>, review_path: &Path) -> Result<Parsed, String> {
    let (inspection, warnings) = crate::files::inspection::load_inspection_owned_warned(bytes)
        .map_err(|problems| {
            LoadError::Invalid {
                path: path.display().to_string(),
                problems,
            }
            .to_string()
        })?;
    let loaded = store::read_review(review_path, &inspection).map_err(|e| e.to_string())?;
    Ok(Parsed {
        inspection,
        warnings,
        loaded,
    })
}

thread_local! {
    /// The room an inspection was last read into on this thread, to read
    /// the next into once its bytes are no longer needed.
    static READ_ROOM: std::cell::Cell<Vec<u8>> = const { std::cell::Cell::new(Vec::new()) };
}

/// One inspection: from the cache if both its files are as they were,
/// else read and checked from the very bytes stamped, and added to the
/// cache being written.
fn find(
    path: &Path,
    old: &Cache,
    writer: Option<&Writer>,
    folders: &Folders,
    pairs: bool,
) -> Found {
    let review_path = store::default_review_path(path);
    if !std::fs::metadata(path).is_ok_and(|m| m.len() <= WHOLE_BYTES)
        || crate::files::reviewers::shared_folder(&review_path).is_some()
    {
        return uncached(path, pairs);
    }
    let room = READ_ROOM.take();
    let (Ok((bytes, inspection_stamp)), Ok(review)) =
        (stamped_into(path, room), stamped_review(&review_path))
    else {
        // Whatever stops it being read is said as reading says it.
        return uncached(path, pairs);
    };
    let keys = keys(path, &review_path, folders);
    let (review_bytes, review_stamp) = review.unzip();
    if let Some((canonical, review_key)) = &keys
        && let Some(indexed) = old.get(
            canonical,
            review_key,
            &inspection_stamp,
            review_stamp.as_ref(),
        )
    {
        if !pairs {
            return Found {
                stats: Ok(indexed.stats.clone()),
                pair: None,
                kept: Kept::Old(canonical.clone()),
            };
        }
        if let Some(record) = old.record(indexed) {
            READ_ROOM.set(bytes);
            return Found {
                stats: Ok(indexed.stats.clone()),
                pair: Some(pair_of(path, review_path, record, review_bytes)),
                kept: Kept::Old(canonical.clone()),
            };
        }
    }
    let parsed = match parse(path, bytes, &review_path) {
        Ok(parsed) => parsed,
        Err(why) => {
            return Found {
                stats: Err(why),
                pair: None,
                kept: Kept::No,
            };
        }
    };
    let stats = Stats::of(&parsed.inspection, &parsed.loaded.review);
    let mut kept = Kept::No;
    // The review as parsed must be the one stamped: if it changed between,
    // it stands for this run but is not remembered.
    if let (Some(writer), Some((canonical, review_key))) = (writer, keys)
        && parsed.loaded.on_disk == review_bytes
    {
        writer.add(
            canonical.clone(),
            &parsed.fresh(&review_key, (inspection_stamp, review_stamp), &stats),
        );
        kept = Kept::New(canonical);
    }
    Found {
        stats: Ok(stats),
        pair: pairs.then(|| parsed.into_pair(path, review_path)),
        kept,
    }
}

/// Open one inspection with its review at `review_path`, as
/// `load_pair_counting` does, but from the cache in the folder `cache`
/// when both files are as they were then; else read and checked from the
/// very bytes stamped, and remembered among the last few opened alone.
pub fn load_pair_cached(
    path: &Path,
    review_path: &Path,
    progress: Option<&AtomicUsize>,
    cache: Option<&Path>,
) -> Result<Pair, LoadError> {
    let plain = || load_pair_counting(path, Some(review_path), progress);
    // Reviewers' files merged on reading are not one file the cache can
    // stand for.
    let Some(folder) =
        cache.filter(|_| crate::files::reviewers::shared_folder(review_path).is_none())
    else {
        return plain();
    };
    if !std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() <= WHOLE_BYTES) {
        return plain();
    }
    let (Ok((bytes, inspection_stamp)), Ok(review), Some((canonical, review_key))) = (
        stamped(path),
        stamped_review(review_path),
        keys(path, review_path, &Folders::default()),
    ) else {
        return plain();
    };
    let (review_bytes, review_stamp) = review.unzip();
    let opened = report_cache::opened_in(folder);
    let len = bytes.len();
    let mut bytes = Some(bytes);
    for file in [opened.clone(), report_cache::file_in(folder)] {
        let cache = Cache::read(&file);
        let Some(indexed) = cache.get(
            &canonical,
            &review_key,
            &inspection_stamp,
            review_stamp.as_ref(),
        ) else {
            continue;
        };
        // The record stands for the file's bytes: they go before it is
        // read, so the two are never held together (a record that fails
        // has the file read again below).
        bytes = None;
        if let Some(record) = cache.record(indexed) {
            if let Some(progress) = progress {
                progress.fetch_add(len, Ordering::Relaxed);
            }
            return Ok(pair_of(
                path,
                review_path.to_path_buf(),
                record,
                review_bytes,
            ));
        }
    }
    let Some(bytes) = bytes else {
        return plain();
    };
    let before = progress.map(|p| p.load(Ordering::Relaxed));
    let Some((inspection, warnings)) =
        crate::files::inspection::load_inspection_plain(&bytes, progress).or_else(|| {
            // Counted again from the start by the streaming reader.
            if let (Some(progress), Some(before)) = (progress, before) {
                progress.store(before, Ordering::Relaxed);
            }
            crate::files::inspection::load_inspection_streamed(
                bytes.as_slice(),
                bytes.len(),
                progress,
            )
        })
    else {
        // Whatever is wrong is said as opening it says it.
        return plain();
    };
    drop(bytes);
    let loaded = store::read_review(review_path, &inspection)?;
    let parsed = Parsed {
        inspection,
        warnings,
        loaded,
    };
    if parsed.loaded.on_disk == review_bytes {
        let stats = Stats::of(&parsed.inspection, &parsed.loaded.review);
        remember_opened(
            &opened,
            &canonical,
            &parsed.fresh(&review_key, (inspection_stamp, review_stamp), &stats),
        );
    }
    Ok(parsed.into_pair(path, review_path.to_path_buf()))
}

/// Remember an inspection opened alone in the cache `file`, with the few
/// others it held.
fn remember_opened(file: &Path, canonical: &Path, fresh: &Fresh<'_>) {
    let old = Cache::read(file);
    let Ok(writer) = Writer::create(file) else {
        return;
    };
    writer.add(canonical.to_path_buf(), fresh);
    for (key, indexed) in old
        .entries
        .iter()
        .filter(|(key, _)| key.as_path() != canonical)
        .take(report_cache::MAX_OPENED - 1)
    {
        writer.copy(&old, key, indexed);
    }
    let _ = writer.finish();
}
