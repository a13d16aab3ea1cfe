//! Inspections read before, remembered between runs: for each inspection
//! (by its canonical path) its review's path, what both files were then
//! (size, modification time and a hash of every byte), the overview's
//! numbers, and the inspection, review and warnings as read, so an
//! unchanged file opens without being parsed. Two files in the cache
//! folder (`$XDG_CACHE_HOME/scrutiny/`, else `~/.cache/scrutiny/`):
//! `reports.bin` for the folders the overview reads, `opened.bin` for the
//! last few inspections opened alone.
//!
//! The cache is never needed and never trusted beyond what it was checked
//! for: an inspection is taken from it only while both its files still
//! have the size, time and hash they had (a review that was not there
//! still not there), and everything else is read again. A cache that is
//! missing, a symbolic link, not a regular file, larger than
//! `MAX_CACHE_BYTES`, from another version, cut short or changed (its
//! index's checksum disagrees) is passed over whole and written anew; a
//! record whose checksum disagrees, or whose own stamps are not the
//! index's, is passed over alone. It is never written through a link, and
//! always whole: written beside and renamed over.
//!
//! The format, little-endian throughout: the records, one an inspection,
//! then the index, then the trailer: `MAGIC`, the version (u32), where the
//! index starts (u64), its length (u64) and its FNV-1a hash (u64). The
//! index: the count of entries (u64) and each entry (path, review path,
//! inspection stamp, review stamp or none, the numbers, and where its
//! record is, its length and `content_hash`). A record: its two stamps again, then
//! the inspection, review and warnings in postcard.

use std::collections::HashMap;
use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use jiff::civil::Date;

use crate::files::Diagnostic;
use crate::files::os::{self, OpenOptionsExt as _, UnixMode as _};
use crate::model::{Inspection, Review};
use crate::tui::place::fnv1a;
use crate::tui::portfolio::Stats;

/// What the trailer starts with.
pub const MAGIC: &[u8; 22] = b"scrutiny report cache\n";

/// The version of the format written; any other is not read.
pub const VERSION: u32 = 1;

/// The cache of the folders the overview reads.
pub const FILE_NAME: &str = "reports.bin";

/// The cache of the inspections last opened alone.
pub const OPENED_NAME: &str = "opened.bin";

/// Records take about what the files they were read from take: a cache
/// larger than this is not one of scrutiny's and is not read, and no more
/// is written to one.
pub const MAX_CACHE_BYTES: u64 = 1024 * 1024 * 1024;

/// The records of a cache stop short of this, leaving room for the index.
const MAX_RECORD_BYTES: u64 = MAX_CACHE_BYTES / 8 * 7;

/// At most this many inspections are remembered in one file.
pub const MAX_ENTRIES: usize = 100_000;

/// At most this many inspections opened alone are remembered.
pub const MAX_OPENED: usize = 8;

/// The trailer: magic, version, where the index starts, its length and
/// hash.
pub const TRAILER: usize = MAGIC.len() + 4 + 8 + 8 + 8;

/// The bytes of the two stamps a record starts with.
const RECORD_STAMPS: usize = 32 + 1 + 32;

/// What a file was when it was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub size: u64,
    /// Modification time: seconds and nanoseconds since the epoch.
    pub mtime: (i64, i64),
    /// `content_hash` of every byte.
    pub hash: u64,
}

impl Stamp {
    /// The stamp of these bytes, read from a file of this metadata.
    pub fn of(meta: &std::fs::Metadata, bytes: &[u8]) -> Self {
        Stamp {
            size: bytes.len() as u64,
            mtime: os::mtime(meta),
            hash: content_hash(bytes),
        }
    }
}

/// A 64-bit hash of a file's bytes: foldhash with a fixed seed, at many
/// bytes a cycle (FNV-1a takes a few cycles a byte). Its values may change
/// with foldhash's version; a cache from before then only misses.
pub fn content_hash(bytes: &[u8]) -> u64 {
    use std::hash::BuildHasher as _;
    foldhash::quality::FixedState::with_seed(0x7363_7275_7469_6e79).hash_one(bytes)
}

/// Where a record is in the cache file, and its hash.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Span {
    offset: u64,
    len: u64,
    hash: u64,
}

/// One inspection remembered: what its files were, its numbers, and
/// where its record is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Indexed {
    /// The review's path as read (its folder canonical).
    pub review_path: PathBuf,
    pub inspection: Stamp,
    /// `None`: there was no review file.
    pub review: Option<Stamp>,
    pub stats: Stats,
    span: Span,
}

/// An inspection, its review and their warnings, as a record holds them.
#[derive(Debug, serde::Deserialize)]
pub struct Record {
    pub inspection: Inspection,
    pub review: Review,
    pub inspection_warnings: Vec<Diagnostic>,
    pub review_warnings: Vec<Diagnostic>,
}

/// `Record` borrowed, to be written.
#[derive(serde::Serialize)]
struct RecordRef<'a> {
    inspection: &'a Inspection,
    review: &'a Review,
    inspection_warnings: &'a [Diagnostic],
    review_warnings: &'a [Diagnostic],
}

/// What is known of one inspection read, to be remembered.
pub struct Fresh<'a> {
    pub review_path: &'a Path,
    pub inspection_stamp: Stamp,
    pub review_stamp: Option<Stamp>,
    pub stats: &'a Stats,
    pub inspection: &'a Inspection,
    pub review: &'a Review,
    pub inspection_warnings: &'a [Diagnostic],
    pub review_warnings: &'a [Diagnostic],
}

impl Fresh<'_> {
    /// The record's bytes: the stamps, then the rest in postcard.
    fn record(&self) -> Option<Vec<u8>> {
        let mut out = Vec::new();
        put_stamp(&mut out, &self.inspection_stamp);
        put_optional_stamp(&mut out, self.review_stamp.as_ref());
        postcard::to_extend(
            &RecordRef {
                inspection: self.inspection,
                review: self.review,
                inspection_warnings: self.inspection_warnings,
                review_warnings: self.review_warnings,
            },
            out,
        )
        .ok()
    }
}

/// The cache file `name` in the cache folder `folder`.
pub fn file_in(folder: &Path) -> PathBuf {
    folder.join(FILE_NAME)
}

/// The cache of inspections opened alone in the cache folder `folder`.
pub fn opened_in(folder: &Path) -> PathBuf {
    folder.join(OPENED_NAME)
}

/// A cache as read: its index, and the file its records are read from.
#[derive(Debug, Default)]
pub struct Cache {
    file: Option<File>,
    pub entries: HashMap<PathBuf, Indexed>,
}

impl Cache {
    /// The cache in `path`; empty when there is none or it is not one that
    /// can be trusted to be what was written.
    pub fn read(path: &Path) -> Self {
        Self::open(path).unwrap_or_default()
    }

    fn open(path: &Path) -> Option<Self> {
        let file = std::fs::OpenOptions::new()
            .read(true)
            .custom_flags(os::flags::NO_FOLLOW | os::flags::NO_WAIT | os::flags::CLOSE_ON_EXEC)
            .open(path)
            .ok()?;
        let meta = file.metadata().ok()?;
        if !meta.is_file() || meta.len() > MAX_CACHE_BYTES || meta.len() < TRAILER as u64 {
            return None;
        }
        let len = meta.len();
        let mut trailer = [0; TRAILER];
        os::read_exact_at(&file, &mut trailer, len - TRAILER as u64).ok()?;
        let mut reader = Reader { bytes: &trailer };
        if reader.take(MAGIC.len())? != MAGIC || reader.u32()? != VERSION {
            return None;
        }
        let (start, index_len, hash) = (reader.u64()?, reader.u64()?, reader.u64()?);
        if start.checked_add(index_len)? != len - TRAILER as u64 {
            return None;
        }
        let mut index = vec![0; usize::try_from(index_len).ok()?];
        os::read_exact_at(&file, &mut index, start).ok()?;
        if fnv1a(&index) != hash {
            return None;
        }
        let entries = decode_index(&index, start)?;
        Some(Cache {
            file: Some(file),
            entries,
        })
    }

    /// What is remembered of the inspection at `canonical`, if its files
    /// are as they were: the same review path, size, time and hash, and a
    /// review as there was (or none, as there was none).
    pub fn get(
        &self,
        canonical: &Path,
        review_path: &Path,
        inspection: &Stamp,
        review: Option<&Stamp>,
    ) -> Option<&Indexed> {
        let indexed = self.entries.get(canonical)?;
        (indexed.review_path == review_path
            && indexed.inspection == *inspection
            && indexed.review.as_ref() == review)
            .then_some(indexed)
    }

    /// A record's bytes, if they are as the index says.
    fn raw(&self, indexed: &Indexed) -> Option<Vec<u8>> {
        self.raw_into(indexed, Vec::new())
    }

    /// `raw`, read into `bytes` (their room used again).
    fn raw_into(&self, indexed: &Indexed, mut bytes: Vec<u8>) -> Option<Vec<u8>> {
        let file = self.file.as_ref()?;
        bytes.clear();
        bytes.resize(usize::try_from(indexed.span.len).ok()?, 0);
        os::read_exact_at(file, &mut bytes, indexed.span.offset).ok()?;
        (content_hash(&bytes) == indexed.span.hash).then_some(bytes)
    }

    /// The inspection, review and warnings `indexed` stands for, if its
    /// record is whole and was made from the files the index names.
    pub fn record(&self, indexed: &Indexed) -> Option<Record> {
        // Records are read one after another on each thread: into the
        // same room, not memory taken afresh for each.
        thread_local! {
            static ROOM: std::cell::Cell<Vec<u8>> = const { std::cell::Cell::new(Vec::new()) };
        }
        let bytes = self.raw_into(indexed, ROOM.take())?;
        let mut reader = Reader { bytes: &bytes };
        let record = if reader.stamp()? == indexed.inspection
            && reader.optional_stamp()? == indexed.review
        {
            postcard::take_from_bytes::<Record>(reader.bytes)
                .ok()
                .and_then(|(record, rest)| rest.is_empty().then_some(record))
        } else {
            None
        };
        ROOM.set(bytes);
        record
    }

    /// Write the cache to `path` as it is, its index as it is now (what a
    /// test changes) and every record whole, in path order (the same
    /// cache, the same bytes).
    pub fn write(&self, path: &Path) -> io::Result<()> {
        let writer = Writer::create(path)?;
        let mut entries: Vec<_> = self.entries.iter().collect();
        entries.sort_by(|a, b| a.0.cmp(b.0));
        for (path, indexed) in entries {
            writer.copy(self, path, indexed);
        }
        writer.finish()
    }
}

/// A cache being written: records added as they are made, from any
/// thread, to a new file beside the cache, renamed over it when finished
/// (and removed if never finished).
pub struct Writer {
    target: PathBuf,
    temporary: PathBuf,
    out: Mutex<Out>,
    finished: bool,
}

struct Out {
    file: File,
    /// Where the next record goes.
    end: u64,
    entries: Vec<(PathBuf, Indexed)>,
}

impl Writer {
    /// A new cache for `target`, its folder made if need be; refused when
    /// `target` is a folder.
    pub fn create(target: &Path) -> io::Result<Self> {
        if let Some(folder) = target.parent() {
            std::fs::create_dir_all(folder)?;
        }
        if std::fs::symlink_metadata(target).is_ok_and(|m| m.is_dir()) {
            return Err(io::Error::other("the cache is a folder, left alone"));
        }
        let name = target
            .file_name()
            .map_or_else(|| FILE_NAME.into(), |n| n.to_string_lossy().into_owned());
        remove_abandoned(target, &name);
        let temporary = target.with_file_name(format!(
            ".{name}.{}-{:x}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos())
        ));
        let file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .unix_mode(0o600)
            .custom_flags(os::flags::NO_FOLLOW | os::flags::CLOSE_ON_EXEC)
            .open(&temporary)?;
        Ok(Writer {
            target: target.to_path_buf(),
            temporary,
            out: Mutex::new(Out {
                file,
                end: 0,
                entries: Vec::new(),
            }),
            finished: false,
        })
    }

    fn out(&self) -> std::sync::MutexGuard<'_, Out> {
        self.out
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// How many inspections are written so far.
    pub fn len(&self) -> usize {
        self.out().entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether `canonical` is written already.
    pub fn has(&self, canonical: &Path) -> bool {
        self.out().entries.iter().any(|(p, _)| p == canonical)
    }

    /// Add a record made here, unless the cache would grow too large.
    pub fn add(&self, canonical: PathBuf, fresh: &Fresh<'_>) {
        let Some(record) = fresh.record() else {
            return;
        };
        self.put(
            canonical,
            Indexed {
                review_path: fresh.review_path.to_path_buf(),
                inspection: fresh.inspection_stamp,
                review: fresh.review_stamp,
                stats: fresh.stats.clone(),
                span: Span {
                    offset: 0,
                    len: record.len() as u64,
                    hash: content_hash(&record),
                },
            },
            &record,
        );
    }

    /// Add a record of `old` as it is there, if it is whole.
    pub fn copy(&self, old: &Cache, canonical: &Path, indexed: &Indexed) {
        if let Some(record) = old.raw(indexed) {
            self.put(canonical.to_path_buf(), indexed.clone(), &record);
        }
    }

    fn put(&self, canonical: PathBuf, mut indexed: Indexed, record: &[u8]) {
        let mut out = self.out();
        if out.entries.len() >= MAX_ENTRIES || out.end + record.len() as u64 > MAX_RECORD_BYTES {
            return;
        }
        let at = out.end;
        if os::write_all_at(&out.file, record, at).is_ok() {
            indexed.span.offset = at;
            out.end += record.len() as u64;
            out.entries.push((canonical, indexed));
        }
    }

    /// Write the index and trailer and put the cache in place.
    pub fn finish(mut self) -> io::Result<()> {
        let out = self
            .out
            .get_mut()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let index = encode_index(&out.entries);
        let mut tail = index;
        let (start, index_len, hash) = (out.end, tail.len() as u64, fnv1a(&tail));
        tail.extend_from_slice(MAGIC);
        put_u32(&mut tail, VERSION);
        put_u64(&mut tail, start);
        put_u64(&mut tail, index_len);
        put_u64(&mut tail, hash);
        os::write_all_at(&out.file, &tail, start)?;
        std::fs::rename(&self.temporary, &self.target)?;
        self.finished = true;
        Ok(())
    }
}

/// Remove the new files beside `target` that a run stopped before it
/// finished them left behind: those of processes no longer running.
fn remove_abandoned(target: &Path, name: &str) {
    let Some(folder) = target.parent() else {
        return;
    };
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    let prefix = format!(".{name}.");
    for entry in entries.filter_map(Result::ok) {
        let file = entry.file_name();
        let Some(pid) = file
            .to_str()
            .and_then(|f| f.strip_prefix(&prefix))
            .and_then(|rest| rest.split_once('-'))
            .and_then(|(pid, _)| pid.parse::<i32>().ok())
        else {
            continue;
        };
        if pid != 0 && abandoned(&entry.path(), pid) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Whether the process that named a new file `pid` has gone.
#[cfg(unix)]
fn abandoned(_file: &Path, pid: i32) -> bool {
    matches!(
        nix::sys::signal::kill(nix::unistd::Pid::from_raw(pid), None),
        Err(nix::errno::Errno::ESRCH)
    )
}

/// Windows: std cannot ask whether a process runs (`OpenProcess` would take
/// unsafe code), so the file itself is asked: while its writer lives it
/// holds the file open, and an open that shares it with no one fails.
#[cfg(windows)]
fn abandoned(file: &Path, _pid: i32) -> bool {
    std::fs::OpenOptions::new()
        .read(true)
        .share_mode(0)
        .custom_flags(os::flags::NO_FOLLOW)
        .open(file)
        .is_ok()
}

impl Drop for Writer {
    fn drop(&mut self) {
        if !self.finished {
            let _ = std::fs::remove_file(&self.temporary);
        }
    }
}

// ------------------------------------------------------------- encoding

fn put_u32(out: &mut Vec<u8>, n: u32) {
    out.extend_from_slice(&n.to_le_bytes());
}

fn put_u64(out: &mut Vec<u8>, n: u64) {
    out.extend_from_slice(&n.to_le_bytes());
}

fn put_bytes(out: &mut Vec<u8>, bytes: &[u8]) {
    put_u64(out, bytes.len() as u64);
    out.extend_from_slice(bytes);
}

fn put_stamp(out: &mut Vec<u8>, stamp: &Stamp) {
    put_u64(out, stamp.size);
    out.extend_from_slice(&stamp.mtime.0.to_le_bytes());
    out.extend_from_slice(&stamp.mtime.1.to_le_bytes());
    put_u64(out, stamp.hash);
}

fn put_optional_stamp(out: &mut Vec<u8>, stamp: Option<&Stamp>) {
    match stamp {
        None => {
            out.push(0);
            put_stamp(
                out,
                &Stamp {
                    size: 0,
                    mtime: (0, 0),
                    hash: 0,
                },
            );
        }
        Some(stamp) => {
            out.push(1);
            put_stamp(out, stamp);
        }
    }
}

fn put_date(out: &mut Vec<u8>, date: Option<Date>) {
    match date {
        None => out.push(0),
        Some(date) => {
            out.push(1);
            out.extend_from_slice(&date.year().to_le_bytes());
            out.extend_from_slice(&date.month().to_le_bytes());
            out.extend_from_slice(&date.day().to_le_bytes());
        }
    }
}

fn put_count(out: &mut Vec<u8>, n: usize) {
    put_u64(out, n as u64);
}

fn put_stats(out: &mut Vec<u8>, stats: &Stats) {
    put_bytes(out, stats.title.as_bytes());
    put_date(out, stats.published);
    put_date(out, stats.deadline);
    for n in [
        stats.items,
        stats.reviewed,
        stats.recommendations,
        stats.open_recommendations,
    ] {
        put_count(out, n);
    }
    put_count(out, stats.owners.len());
    for owner in &stats.owners {
        put_bytes(out, owner.as_bytes());
    }
}

/// The index as bytes, entries in path order (the same index, the same
/// bytes).
fn encode_index(entries: &[(PathBuf, Indexed)]) -> Vec<u8> {
    let mut sorted: Vec<&(PathBuf, Indexed)> = entries.iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(&b.0));
    let mut out = Vec::new();
    put_count(&mut out, sorted.len());
    for (path, indexed) in sorted {
        put_bytes(&mut out, os::path_bytes(path));
        put_bytes(&mut out, os::path_bytes(&indexed.review_path));
        put_stamp(&mut out, &indexed.inspection);
        put_optional_stamp(&mut out, indexed.review.as_ref());
        put_stats(&mut out, &indexed.stats);
        put_u64(&mut out, indexed.span.offset);
        put_u64(&mut out, indexed.span.len);
        put_u64(&mut out, indexed.span.hash);
    }
    out
}

/// Reads bytes, every length checked against what is left.
struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if n > self.bytes.len() {
            return None;
        }
        let (head, rest) = self.bytes.split_at(n);
        self.bytes = rest;
        Some(head)
    }

    fn array<const N: usize>(&mut self) -> Option<[u8; N]> {
        self.take(N)?.try_into().ok()
    }

    fn u8(&mut self) -> Option<u8> {
        self.array::<1>().map(|[b]| b)
    }

    fn u32(&mut self) -> Option<u32> {
        self.array().map(u32::from_le_bytes)
    }

    fn u64(&mut self) -> Option<u64> {
        self.array().map(u64::from_le_bytes)
    }

    fn i64(&mut self) -> Option<i64> {
        self.array().map(i64::from_le_bytes)
    }

    fn count(&mut self) -> Option<usize> {
        usize::try_from(self.u64()?).ok()
    }

    fn bytes(&mut self) -> Option<&'a [u8]> {
        let n = self.count()?;
        self.take(n)
    }

    fn text(&mut self) -> Option<String> {
        String::from_utf8(self.bytes()?.to_vec()).ok()
    }

    fn path(&mut self) -> Option<PathBuf> {
        os::path_from_bytes(self.bytes()?)
    }

    fn stamp(&mut self) -> Option<Stamp> {
        Some(Stamp {
            size: self.u64()?,
            mtime: (self.i64()?, self.i64()?),
            hash: self.u64()?,
        })
    }

    #[allow(
        clippy::option_option,
        reason = "`None`: not a stamp as written; `Some(None)`: no file"
    )]
    fn optional_stamp(&mut self) -> Option<Option<Stamp>> {
        let present = self.u8()?;
        let stamp = self.stamp()?;
        match present {
            0 => Some(None),
            1 => Some(Some(stamp)),
            _ => None,
        }
    }

    #[allow(
        clippy::option_option,
        reason = "`None`: not a date as written; `Some(None)`: no date"
    )]
    fn date(&mut self) -> Option<Option<Date>> {
        match self.u8()? {
            0 => Some(None),
            1 => {
                let year = i16::from_le_bytes(self.array()?);
                let month = i8::from_le_bytes(self.array()?);
                let day = i8::from_le_bytes(self.array()?);
                Date::new(year, month, day).ok().map(Some)
            }
            _ => None,
        }
    }

    fn stats(&mut self) -> Option<Stats> {
        let title = self.text()?;
        let published = self.date()?;
        let deadline = self.date()?;
        let (items, reviewed, recommendations, open_recommendations) =
            (self.count()?, self.count()?, self.count()?, self.count()?);
        let owners = self.count()?;
        // Each owner takes eight bytes at least: a count past what is left
        // is not believed.
        if owners > self.bytes.len() / 8 {
            return None;
        }
        let owners = (0..owners)
            .map(|_| self.text())
            .collect::<Option<Vec<_>>>()?;
        Some(Stats {
            title,
            published,
            deadline,
            items,
            reviewed,
            recommendations,
            open_recommendations,
            owners,
        })
    }

    /// One entry of the index; its record must lie before `records_end`.
    fn entry(&mut self, records_end: u64) -> Option<(PathBuf, Indexed)> {
        let path = self.path()?;
        let review_path = self.path()?;
        let inspection = self.stamp()?;
        let review = self.optional_stamp()?;
        let stats = self.stats()?;
        let span = Span {
            offset: self.u64()?,
            len: self.u64()?,
            hash: self.u64()?,
        };
        if span.offset.checked_add(span.len)? > records_end || span.len < RECORD_STAMPS as u64 {
            return None;
        }
        Some((
            path,
            Indexed {
                review_path,
                inspection,
                review,
                stats,
                span,
            },
        ))
    }
}

/// The index in `bytes`, if it is whole and as written, each record
/// before `records_end`.
fn decode_index(bytes: &[u8], records_end: u64) -> Option<HashMap<PathBuf, Indexed>> {
    let mut reader = Reader { bytes };
    let count = reader.count()?;
    if count > MAX_ENTRIES || count > bytes.len() / 8 {
        return None;
    }
    let mut entries = HashMap::with_capacity(count);
    for _ in 0..count {
        let (path, indexed) = reader.entry(records_end)?;
        entries.insert(path, indexed);
    }
    reader.bytes.is_empty().then_some(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A folder of its own for one test.
    fn folder(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "scrutiny-report-cache-{name}-{}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("make the folder");
        dir
    }

    fn stamp(hash: u64) -> Stamp {
        Stamp {
            size: 10,
            mtime: (1_700_000_000, 5),
            hash,
        }
    }

    /// Four items of the bundled inspection with a review of one entry, a
    /// warning each: small, as every byte of the cache is tried.
    fn parsed() -> (Inspection, Review, Vec<Diagnostic>, Vec<Diagnostic>) {
        let (whole, _) =
            crate::files::inspection::load_inspection_warned(crate::tui::session::EXAMPLE)
                .expect("the example loads");
        let inspection = Inspection::new(whole.meta, whole.items.into_iter().take(4).collect());
        let first = inspection.items[0].id.clone();
        let text = format!(
            "version: 1\ninspection: {}\nitems:\n  {first}:\n    status: accepted\n    owner: Ann\n    kept: {{a: [1, two]}}\n",
            inspection.meta.id
        );
        let (review, _) =
            crate::files::review_file::load_review_warned(text.as_bytes(), &inspection.meta.id)
                .expect("the review loads");
        let warning = Diagnostic::warning_at(
            crate::model::node::Pos { line: 3, column: 4 },
            "looks like another",
        );
        (inspection, review, vec![warning.clone()], vec![warning])
    }

    /// A cache of two inspections, one with a review and one without, in
    /// `dir`: its path.
    fn written(dir: &Path) -> PathBuf {
        let (inspection, review, iw, rw) = parsed();
        let stats = Stats::of(&inspection, &review);
        let file = file_in(dir);
        let writer = Writer::create(&file).expect("create");
        for (path, review_stamp) in [("/a/one.yaml", None), ("/a/two.yaml", Some(stamp(2)))] {
            writer.add(
                path.into(),
                &Fresh {
                    review_path: Path::new("/a/r.review.yaml"),
                    inspection_stamp: stamp(1),
                    review_stamp,
                    stats: &stats,
                    inspection: &inspection,
                    review: &review,
                    inspection_warnings: &iw,
                    review_warnings: &rw,
                },
            );
        }
        writer.finish().expect("finish");
        file
    }

    /// Whether `file` gives back both inspections as written; a byte
    /// changed anywhere loses one at least.
    fn usable(file: &Path) -> bool {
        let cache = Cache::read(file);
        [("/a/one.yaml", None), ("/a/two.yaml", Some(stamp(2)))]
            .iter()
            .all(|(path, review)| {
                cache
                    .get(
                        Path::new(path),
                        Path::new("/a/r.review.yaml"),
                        &stamp(1),
                        review.as_ref(),
                    )
                    .and_then(|indexed| cache.record(indexed))
                    .is_some()
            })
    }

    #[test]
    fn a_cache_reads_back_as_written() {
        let dir = folder("round-trip");
        let file = written(&dir);
        let (inspection, review, iw, rw) = parsed();
        let cache = Cache::read(&file);
        assert_eq!(cache.entries.len(), 2);
        let indexed = cache
            .get(
                Path::new("/a/one.yaml"),
                Path::new("/a/r.review.yaml"),
                &stamp(1),
                None,
            )
            .expect("a hit");
        assert_eq!(indexed.stats, Stats::of(&inspection, &review));
        let record = cache.record(indexed).expect("the record");
        assert_eq!(record.inspection, inspection);
        assert_eq!(record.review, review);
        assert_ne!(
            record.review.version(),
            review.version(),
            "a version of its own"
        );
        assert_eq!(
            record.inspection.get(&inspection.items[3].id),
            inspection.get(&inspection.items[3].id),
            "the index made again"
        );
        assert_eq!(
            (record.inspection_warnings, record.review_warnings),
            (iw, rw)
        );
        // Written again, the same bytes.
        let again = dir.join("again.bin");
        cache.write(&again).expect("write");
        assert_eq!(
            std::fs::read(&again).expect("read"),
            std::fs::read(&file).expect("read")
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn any_byte_cut_or_changed_is_not_a_cache() {
        let dir = folder("cut-or-changed");
        let file = written(&dir);
        assert!(usable(&file));
        let bytes = std::fs::read(&file).expect("read");
        let other = dir.join("other.bin");
        for n in 0..bytes.len() {
            std::fs::write(&other, &bytes[..n]).expect("write");
            assert!(!usable(&other), "cut at {n}");
            let mut changed = bytes.clone();
            changed[n] ^= 0x20;
            std::fs::write(&other, &changed).expect("write");
            assert!(!usable(&other), "byte {n} changed");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        std::fs::write(&other, &longer).expect("write");
        assert!(!usable(&other), "a byte more");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn another_version_is_not_read() {
        let dir = folder("version");
        let file = written(&dir);
        let mut bytes = std::fs::read(&file).expect("read");
        let at = bytes.len() - TRAILER + MAGIC.len();
        bytes[at..at + 4].copy_from_slice(&(VERSION + 1).to_le_bytes());
        std::fs::write(&file, &bytes).expect("write");
        assert!(Cache::read(&file).entries.is_empty());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_hit_needs_every_stamp_to_agree() {
        let dir = folder("stamps");
        let file = written(&dir);
        let cache = Cache::read(&file);
        let (path, review_path) = (Path::new("/a/two.yaml"), Path::new("/a/r.review.yaml"));
        assert!(
            cache
                .get(path, review_path, &stamp(1), Some(&stamp(2)))
                .is_some()
        );
        assert!(
            cache.get(path, review_path, &stamp(1), None).is_none(),
            "the review went"
        );
        assert!(
            cache
                .get(
                    Path::new("/a/one.yaml"),
                    review_path,
                    &stamp(1),
                    Some(&stamp(2))
                )
                .is_none(),
            "a review came"
        );
        assert!(
            cache
                .get(
                    path,
                    Path::new("/b/r.review.yaml"),
                    &stamp(1),
                    Some(&stamp(2))
                )
                .is_none(),
            "another review file"
        );
        for changed in [
            Stamp {
                size: 11,
                ..stamp(1)
            },
            Stamp {
                mtime: (1_700_000_000, 6),
                ..stamp(1)
            },
            stamp(3),
        ] {
            assert!(
                cache
                    .get(path, review_path, &changed, Some(&stamp(2)))
                    .is_none(),
                "{changed:?}"
            );
            assert!(
                cache
                    .get(path, review_path, &stamp(1), Some(&changed))
                    .is_none(),
                "review {changed:?}"
            );
        }
        assert!(
            cache
                .get(Path::new("/a/three.yaml"), review_path, &stamp(1), None)
                .is_none()
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_record_is_used_only_for_the_stamps_it_was_made_from() {
        let dir = folder("record-stamps");
        let file = written(&dir);
        let mut cache = Cache::read(&file);
        // The index says another inspection file: its checksum made good,
        // but the record still names the bytes it was made from.
        for indexed in cache.entries.values_mut() {
            indexed.inspection = stamp(9);
        }
        cache.write(&file).expect("write");
        let cache = Cache::read(&file);
        let indexed = cache
            .get(
                Path::new("/a/two.yaml"),
                Path::new("/a/r.review.yaml"),
                &stamp(9),
                Some(&stamp(2)),
            )
            .expect("the index as changed");
        assert!(cache.record(indexed).is_none());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_cache_is_never_written_through_a_link_and_abandoned_files_go() {
        let dir = folder("link");
        let target = dir.join("elsewhere.bin");
        std::fs::write(&target, b"not a cache").expect("write");
        let file = file_in(&dir);
        std::os::unix::fs::symlink(&target, &file).expect("link");
        assert!(Cache::read(&file).entries.is_empty(), "a link is not read");
        let abandoned = dir.join(format!(".{FILE_NAME}.{}-1", i32::MAX));
        std::fs::write(&abandoned, b"half").expect("write");
        written(&dir);
        assert_eq!(std::fs::read(&target).expect("read"), b"not a cache");
        assert!(std::fs::symlink_metadata(&file).is_ok_and(|m| m.is_file()));
        assert!(!abandoned.exists(), "a dead run's file removed");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
