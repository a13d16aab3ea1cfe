//! The overview's numbers remembered between runs: for each inspection
//! (by its canonical path) the `Stats` worked out from it and its review,
//! with what both files were then (size, modification time and a hash of
//! every byte). One file in the cache folder
//! (`$XDG_CACHE_HOME/scrutiny/overview-stats.bin`, else
//! `~/.cache/scrutiny/`).
//!
//! The cache is never needed and never trusted beyond what it was checked
//! for: numbers are taken from it only while both files still have the
//! size, time and hash they had, and everything else is read again. A
//! cache that is missing, a symbolic link, not a regular file, larger than
//! `MAX_CACHE_BYTES`, from another version, cut short or changed (its own
//! checksum disagrees) is passed over whole and written anew. It is never
//! written through a link.
//!
//! The format, little-endian throughout: `MAGIC`, the version (u32), the
//! body's length (u64) and its FNV-1a hash (u64), then the body: the count
//! of entries (u32) and each entry (path, inspection stamp, review stamp
//! or none, the numbers).

use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};

use jiff::civil::Date;

use crate::tui::place::fnv1a;
use crate::tui::portfolio::Stats;

/// What the cache file starts with.
pub const MAGIC: &[u8; 21] = b"scrutiny stats cache\n";

/// The version of the format written; any other is not read.
pub const VERSION: u32 = 1;

/// The cache's name in the cache folder.
pub const FILE_NAME: &str = "overview-stats.bin";

/// A few hundred bytes an inspection: anything larger than this is not a
/// cache of scrutiny's, and is not read.
pub const MAX_CACHE_BYTES: u64 = 64 * 1024 * 1024;

/// At most this many inspections are remembered; past it, only those of
/// the overview just opened are kept.
pub const MAX_ENTRIES: usize = 100_000;

/// The header: magic, version, body length and body hash.
const HEADER: usize = MAGIC.len() + 4 + 8 + 8;

/// What a file was when its numbers were worked out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub size: u64,
    /// Modification time: seconds and nanoseconds since the epoch.
    pub mtime: (i64, i64),
    /// FNV-1a 64 of every byte.
    pub hash: u64,
}

impl Stamp {
    /// The stamp of these bytes, read from a file of this metadata.
    pub fn of(meta: &std::fs::Metadata, bytes: &[u8]) -> Self {
        use std::os::unix::fs::MetadataExt as _;
        Stamp {
            size: bytes.len() as u64,
            mtime: (meta.mtime(), meta.mtime_nsec()),
            hash: fnv1a(bytes),
        }
    }
}

/// One inspection's numbers, and what its files were.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cached {
    pub inspection: Stamp,
    /// `None`: there was no review file.
    pub review: Option<Stamp>,
    pub stats: Stats,
}

/// Every inspection remembered, by canonical path.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StatsCache {
    pub entries: HashMap<PathBuf, Cached>,
}

/// The cache file in the cache folder `folder`.
pub fn file_in(folder: &Path) -> PathBuf {
    folder.join(FILE_NAME)
}

/// Whether `path` is a symbolic link.
fn is_link(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}

impl StatsCache {
    /// The cache in `file`; empty when there is none or it is not one
    /// that can be trusted to be what was written.
    pub fn read(file: &Path) -> Self {
        if is_link(file) {
            return StatsCache::default();
        }
        crate::files::store::read_regular(file, MAX_CACHE_BYTES)
            .ok()
            .and_then(|bytes| decode(&bytes))
            .unwrap_or_default()
    }

    /// The numbers of the inspection at `canonical`, if its files are as
    /// they were: the same size, time and hash, and a review as there was
    /// (or none, as there was none).
    pub fn get(
        &self,
        canonical: &Path,
        inspection: &Stamp,
        review: Option<&Stamp>,
    ) -> Option<&Stats> {
        let cached = self.entries.get(canonical)?;
        (cached.inspection == *inspection && cached.review.as_ref() == review)
            .then_some(&cached.stats)
    }

    /// Keep the cache in `file`, its folder made if need be: written to a
    /// new file beside it and renamed over it, so a reader sees the old
    /// cache or the new one; never through a link at `file` (a link is
    /// replaced, not followed).
    pub fn write(&self, file: &Path) -> io::Result<()> {
        use std::io::Write as _;
        use std::os::unix::fs::OpenOptionsExt as _;
        if let Some(folder) = file.parent() {
            std::fs::create_dir_all(folder)?;
        }
        if std::fs::symlink_metadata(file).is_ok_and(|m| m.is_dir()) {
            return Err(io::Error::other("the cache is a folder, left alone"));
        }
        let bytes = encode(self);
        let name = file
            .file_name()
            .map_or_else(|| FILE_NAME.into(), |n| n.to_string_lossy().into_owned());
        let temporary = file.with_file_name(format!(
            ".{name}.{}-{:x}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos())
        ));
        let written = (|| {
            let mut out = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .mode(0o600)
                .custom_flags(nix::libc::O_NOFOLLOW | nix::libc::O_CLOEXEC)
                .open(&temporary)?;
            out.write_all(&bytes)?;
            drop(out);
            std::fs::rename(&temporary, file)
        })();
        if written.is_err() {
            let _ = std::fs::remove_file(&temporary);
        }
        written
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

/// The cache as bytes, entries in path order (the same cache, the same
/// bytes).
pub fn encode(cache: &StatsCache) -> Vec<u8> {
    use std::os::unix::ffi::OsStrExt as _;
    let mut body = Vec::new();
    let mut paths: Vec<&PathBuf> = cache.entries.keys().collect();
    paths.sort();
    put_count(&mut body, paths.len());
    for path in paths {
        let cached = &cache.entries[path];
        put_bytes(&mut body, path.as_os_str().as_bytes());
        put_stamp(&mut body, &cached.inspection);
        match &cached.review {
            None => body.push(0),
            Some(stamp) => {
                body.push(1);
                put_stamp(&mut body, stamp);
            }
        }
        let stats = &cached.stats;
        put_bytes(&mut body, stats.title.as_bytes());
        put_date(&mut body, stats.published);
        put_date(&mut body, stats.deadline);
        for n in [
            stats.items,
            stats.reviewed,
            stats.recommendations,
            stats.open_recommendations,
        ] {
            put_count(&mut body, n);
        }
        put_count(&mut body, stats.owners.len());
        for owner in &stats.owners {
            put_bytes(&mut body, owner.as_bytes());
        }
    }
    let mut out = Vec::with_capacity(HEADER + body.len());
    out.extend_from_slice(MAGIC);
    put_u32(&mut out, VERSION);
    put_u64(&mut out, body.len() as u64);
    put_u64(&mut out, fnv1a(&body));
    out.extend_from_slice(&body);
    out
}

/// Reads the body, every length checked against what is left.
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

    fn stamp(&mut self) -> Option<Stamp> {
        Some(Stamp {
            size: self.u64()?,
            mtime: (self.i64()?, self.i64()?),
            hash: self.u64()?,
        })
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

    fn entry(&mut self) -> Option<(PathBuf, Cached)> {
        use std::os::unix::ffi::OsStrExt as _;
        let path = PathBuf::from(std::ffi::OsStr::from_bytes(self.bytes()?));
        let inspection = self.stamp()?;
        let review = match self.u8()? {
            0 => None,
            1 => Some(self.stamp()?),
            _ => return None,
        };
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
        Some((
            path,
            Cached {
                inspection,
                review,
                stats: Stats {
                    title,
                    published,
                    deadline,
                    items,
                    reviewed,
                    recommendations,
                    open_recommendations,
                    owners,
                },
            },
        ))
    }
}

/// The cache in `bytes`, if they are one of this version, whole and as
/// written.
pub fn decode(bytes: &[u8]) -> Option<StatsCache> {
    let mut header = Reader {
        bytes: bytes.get(..HEADER)?,
    };
    if header.take(MAGIC.len())? != MAGIC {
        return None;
    }
    if u32::from_le_bytes(header.array()?) != VERSION {
        return None;
    }
    let length = header.count()?;
    let hash = header.u64()?;
    let body = &bytes[HEADER..];
    if body.len() != length || fnv1a(body) != hash {
        return None;
    }
    let mut reader = Reader { bytes: body };
    let count = reader.count()?;
    if count > MAX_ENTRIES || count > body.len() / 8 {
        return None;
    }
    let mut entries = HashMap::with_capacity(count);
    for _ in 0..count {
        let (path, cached) = reader.entry()?;
        entries.insert(path, cached);
    }
    reader.bytes.is_empty().then_some(StatsCache { entries })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> StatsCache {
        let stamp = Stamp {
            size: 10,
            mtime: (1_700_000_000, 5),
            hash: 0xabcd,
        };
        let stats = Stats {
            title: "A title – with a dash".into(),
            published: Some(Date::constant(2024, 6, 10)),
            deadline: None,
            items: 40,
            reviewed: 3,
            recommendations: 8,
            open_recommendations: 6,
            owners: vec!["Ann".into(), "Bo".into()],
        };
        let mut cache = StatsCache::default();
        cache.entries.insert(
            "/a/one.yaml".into(),
            Cached {
                inspection: stamp,
                review: None,
                stats: stats.clone(),
            },
        );
        cache.entries.insert(
            "/a/two.yaml".into(),
            Cached {
                inspection: stamp,
                review: Some(Stamp { hash: 1, ..stamp }),
                stats,
            },
        );
        cache
    }

    #[test]
    fn a_cache_reads_back_as_written() {
        let cache = sample();
        let bytes = encode(&cache);
        assert_eq!(decode(&bytes), Some(cache.clone()));
        assert_eq!(encode(&cache), bytes, "the same cache, the same bytes");
        assert_eq!(
            decode(&encode(&StatsCache::default())),
            Some(StatsCache::default())
        );
    }

    #[test]
    fn any_byte_cut_or_changed_is_not_a_cache() {
        let bytes = encode(&sample());
        for n in 0..bytes.len() {
            assert_eq!(decode(&bytes[..n]), None, "cut at {n}");
            let mut changed = bytes.clone();
            changed[n] ^= 0x20;
            assert_eq!(decode(&changed), None, "byte {n} changed");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(decode(&longer), None, "a byte more");
    }

    #[test]
    fn another_version_is_not_read() {
        let mut bytes = encode(&sample());
        bytes[MAGIC.len()..MAGIC.len() + 4].copy_from_slice(&(VERSION + 1).to_le_bytes());
        assert_eq!(decode(&bytes), None);
    }

    #[test]
    fn a_hit_needs_every_stamp_to_agree() {
        let cache = sample();
        let entry = &cache.entries[Path::new("/a/two.yaml")];
        let (inspection, review) = (entry.inspection, entry.review);
        let path = Path::new("/a/two.yaml");
        assert!(cache.get(path, &inspection, review.as_ref()).is_some());
        assert!(
            cache.get(path, &inspection, None).is_none(),
            "the review went"
        );
        for changed in [
            Stamp {
                size: 11,
                ..inspection
            },
            Stamp {
                mtime: (1_700_000_000, 6),
                ..inspection
            },
            Stamp {
                hash: 0xabce,
                ..inspection
            },
        ] {
            assert!(
                cache.get(path, &changed, review.as_ref()).is_none(),
                "{changed:?}"
            );
        }
        assert!(
            cache
                .get(Path::new("/a/three.yaml"), &inspection, None)
                .is_none()
        );
    }
}
