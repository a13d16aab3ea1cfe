//! Files on disk: reading an inspection, finding and saving its review.

use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicUsize;

use thiserror::Error;

use crate::files::inspection::Warnings;
use crate::files::yaml::diag::Diagnostics;
use crate::model::inspection::Inspection;
use crate::model::review::Review;

#[derive(Debug, Error)]
pub enum LoadError {
    #[error("{path}: cannot read the file: {source}")]
    Read { path: String, source: io::Error },
    #[error("{}", .problems.render(.path).trim_end())]
    Invalid { path: String, problems: Diagnostics },
}

/// Read and check an inspection file.
pub fn read_inspection(path: &Path) -> Result<(Inspection, Warnings), LoadError> {
    read_inspection_with_progress(path, None)
}

/// Read and check an inspection file, as the parser asks for it, so the
/// whole file is never in memory beside what it holds; the bytes read are
/// added to `progress`. A file with anything wrong is read again whole, to say
/// what and where.
pub fn read_inspection_with_progress(
    path: &Path,
    progress: Option<&AtomicUsize>,
) -> Result<(Inspection, Warnings), LoadError> {
    let name = path.display().to_string();
    let read_error = |source| LoadError::Read {
        path: name.clone(),
        source,
    };
    let file = open_regular(path).map_err(read_error)?;
    let len =
        checked_size(&file.metadata().map_err(read_error)?, MAX_FILE_BYTES).map_err(read_error)?;
    // The size is what the file claimed when opened: the reader stops past
    // the cap whatever it grows to.
    let reader = io::BufReader::with_capacity(64 * 1024, io::Read::take(file, MAX_FILE_BYTES));
    if let Some(inspection) =
        crate::files::inspection::load_inspection_streamed(reader, len, progress)
    {
        return Ok(inspection);
    }
    read_inspection_whole(path)
}

/// Read and check an inspection file held whole in memory.
fn read_inspection_whole(path: &Path) -> Result<(Inspection, Warnings), LoadError> {
    let name = path.display().to_string();
    let bytes = read_limited(path).map_err(|source| LoadError::Read {
        path: name.clone(),
        source,
    })?;
    crate::files::inspection::load_inspection_owned_warned(bytes).map_err(|problems| {
        LoadError::Invalid {
            path: name,
            problems,
        }
    })
}

/// Files larger than this are not inspections; refuse them before reading
/// them whole into memory.
pub const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;

fn read_limited(path: &Path) -> io::Result<Vec<u8>> {
    read_regular(path, MAX_FILE_BYTES)
}

/// Open `path` for reading only if it is a regular file: a FIFO, device or
/// socket is refused before anything is read from it (a FIFO is opened
/// without waiting for a writer, so this never hangs).
pub fn open_regular(path: &Path) -> io::Result<std::fs::File> {
    use crate::files::os::{self, OpenOptionsExt as _};
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(os::flags::NO_WAIT | os::flags::NO_TTY)
        .open(path)?;
    let meta = file.metadata()?;
    if meta.is_dir() {
        return Err(io::Error::other("it is a directory, not a file"));
    }
    if !meta.is_file() {
        return Err(io::Error::other(
            "it is not a regular file (a device, pipe or socket), so it is not read",
        ));
    }
    blocking_again(&file)?;
    Ok(file)
}

/// Reads from a regular file never wait; blocking mode is restored for
/// the readers that follow all the same.
#[cfg(unix)]
fn blocking_again(file: &std::fs::File) -> io::Result<()> {
    let flags = nix::fcntl::fcntl(file, nix::fcntl::FcntlArg::F_GETFL)?;
    let flags = nix::fcntl::OFlag::from_bits_truncate(flags) & !nix::fcntl::OFlag::O_NONBLOCK;
    nix::fcntl::fcntl(file, nix::fcntl::FcntlArg::F_SETFL(flags))?;
    Ok(())
}

/// Windows opened it blocking: there are no pipes in folders to wait on.
#[cfg(windows)]
#[allow(clippy::unnecessary_wraps, reason = "the Unix one can fail")]
fn blocking_again(_file: &std::fs::File) -> io::Result<()> {
    Ok(())
}

/// A regular file's bytes, at most `cap` of them: counted as they are read,
/// not trusted from the size the file claims.
pub fn read_regular(path: &Path, cap: u64) -> io::Result<Vec<u8>> {
    use std::io::Read as _;
    let file = open_regular(path)?;
    let claimed = checked_size(&file.metadata()?, cap)?;
    let mut bytes = Vec::with_capacity(claimed);
    file.take(cap.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > cap {
        return Err(too_large(cap));
    }
    Ok(bytes)
}

fn too_large(cap: u64) -> io::Error {
    io::Error::other(format!(
        "it is larger than any inspection or review ({} MB at most)",
        cap / 1_000_000
    ))
}

/// The size of a file that may be an inspection or review.
fn checked_size(meta: &std::fs::Metadata, cap: u64) -> io::Result<usize> {
    if meta.is_dir() {
        return Err(io::Error::other("it is a directory, not a file"));
    }
    if meta.len() > cap {
        return Err(io::Error::other(format!(
            "it is {} MB, larger than any inspection or review ({} MB at most)",
            meta.len() / 1_000_000,
            cap / 1_000_000
        )));
    }
    usize::try_from(meta.len()).map_err(io::Error::other)
}

/// `NAME.review.yaml` beside `NAME.yaml`; where a folder of reviewers'
/// files `NAME.reviews/` is beside it, your own file in it, named for this
/// run's reviewer (`files::reviewer::of_this_run`).
pub fn default_review_path(inspection: &Path) -> PathBuf {
    if let Some(folder) = crate::files::reviewers::folder_for(inspection) {
        let who = crate::files::reviewer::of_this_run(&folder);
        return crate::files::reviewers::own_file(&folder, who);
    }
    crate::files::paths::ReviewPaths::beside(inspection)
        .review()
        .to_owned()
}

/// A review as loaded from disk, with the bytes it was read from so a later
/// save can tell whether someone else changed the file meanwhile.
pub struct LoadedReview {
    pub review: Review,
    /// In a folder of reviewers' files: the others' files merged, as
    /// merged into `review` (so a later read of the own file alone can be
    /// given them again).
    pub fellows: Option<Review>,
    pub on_disk: Option<Vec<u8>>,
    /// What is worth saying of the file that leaves it valid.
    pub warnings: Vec<crate::files::Diagnostic>,
}

/// Read the review for `inspection`: a missing file is an empty review.
/// A review in a folder of reviewers' files (`NAME.reviews/`) comes with
/// every other reviewer's file there merged in (`files::reviewers`); the
/// bytes kept are its own file's.
pub fn read_review(path: &Path, inspection: &Inspection) -> Result<LoadedReview, LoadError> {
    let mut loaded = read_review_alone(path, inspection)?;
    if crate::files::reviewers::shared_folder(path).is_some() {
        let (fellows, said) = crate::files::reviewers::merge_fellows(path, &inspection.meta.id);
        loaded.review = crate::model::merge::merge_copy(&loaded.review, &fellows).0;
        loaded.fellows = Some(fellows);
        loaded
            .warnings
            .extend(said.into_iter().map(|s| crate::files::Diagnostic {
                warning: true,
                ..crate::files::Diagnostic::whole_file(s)
            }));
    }
    Ok(loaded)
}

/// Read the review file at `path` alone.
fn read_review_alone(path: &Path, inspection: &Inspection) -> Result<LoadedReview, LoadError> {
    let name = path.display().to_string();
    let bytes = match read_limited(path) {
        Ok(bytes) => bytes,
        // A parent that is a file means no review yet; saving will say why
        // it cannot write there.
        Err(e)
            if matches!(
                e.kind(),
                io::ErrorKind::NotFound | io::ErrorKind::NotADirectory
            ) =>
        {
            return Ok(LoadedReview {
                fellows: None,
                review: Review::new(inspection.meta.id.clone()),
                on_disk: None,
                warnings: Vec::new(),
            });
        }
        Err(source) => return Err(LoadError::Read { path: name, source }),
    };
    let (review, warnings) =
        crate::files::review_file::load_review_warned(&bytes, &inspection.meta.id).map_err(
            |problems| LoadError::Invalid {
                path: name,
                problems,
            },
        )?;
    Ok(LoadedReview {
        fellows: None,
        review,
        on_disk: Some(bytes),
        warnings,
    })
}

#[derive(Debug, Error)]
pub enum SaveError {
    #[error("the review file changed on disk since scrutiny read it")]
    ChangedOnDisk { now: Option<Vec<u8>> },
    /// The reason first: on a narrow screen the path is what gets cut.
    #[error("{source}, saving {path}")]
    Io { path: String, source: io::Error },
}

/// Write `text` to `path` atomically, unless the file no longer holds
/// `expected` (the bytes last read or written): then nothing is written.
pub fn save_review(path: &Path, text: &str, expected: Option<&[u8]>) -> Result<(), SaveError> {
    let io_error = |source| SaveError::Io {
        path: path.display().to_string(),
        source,
    };
    let now = read_if_present(path).map_err(io_error)?;
    if now.as_deref() != expected {
        return Err(SaveError::ChangedOnDisk { now });
    }
    write_atomic(path, text.as_bytes()).map_err(io_error)
}

/// A file's bytes, or `None` if there is no such file.
pub fn read_if_present(path: &Path) -> io::Result<Option<Vec<u8>>> {
    match read_limited(path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// Where a write to `path` lands: `path` itself, or, when it is a symbolic
/// link, the file it points to (a review kept elsewhere through a link is
/// written there, and the link stays a link). A link to something that is
/// not a regular file is refused.
pub fn write_target(path: &Path) -> io::Result<PathBuf> {
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            let target = std::fs::canonicalize(path).map_err(|e| {
                io::Error::new(
                    e.kind(),
                    format!("it is a link to a file that cannot be reached ({e})"),
                )
            })?;
            let meta = std::fs::metadata(&target)?;
            if !meta.is_file() {
                return Err(io::Error::other(format!(
                    "it is a link to {}, which is not a regular file",
                    target.display()
                )));
            }
            Ok(target)
        }
        Ok(meta) if !meta.is_file() => Err(io::Error::other(
            "it is not a regular file (a folder, device, pipe or socket), so it is not written",
        )),
        _ => Ok(path.to_path_buf()),
    }
}

/// What every temporary file of a save is called, after `.NAME.`: a name no
/// one would give a file of their own, so the ones a killed save left can
/// be known and removed, and nothing else.
const TEMPORARY_MARK: &str = "~scrutiny-save-";

/// Write a whole file so that a crash at any moment leaves the old file or
/// the new one, never a mix.
///
/// The bytes go to a new temporary `.NAME.~scrutiny-save-XXXXXXXXXXXXXXXX`
/// beside the file (created exclusively, never through a link), are flushed
/// to the disk, and the temporary is renamed over the file; the folder is
/// flushed too. The new file keeps the permissions of the one it replaces
/// (a new one gets the usual `0666` less the umask): a save never widens
/// who may read a review. A link is written through to its target (see
/// `write_target`). Whatever fails, the temporary is removed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    use crate::files::os::{self, OpenOptionsExt as _, UnixMode as _};
    let target = write_target(path)?;
    let mode = std::fs::metadata(&target)
        .ok()
        .and_then(|m| os::permission_bits(&m));
    let (temporary, mut file) = loop {
        let temporary = temporary_name(&target);
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .unix_mode(0o666)
            .custom_flags(os::flags::NO_FOLLOW | os::flags::CLOSE_ON_EXEC)
            .open(&temporary)
        {
            Ok(file) => break (temporary, file),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e),
        }
    };
    let written = (|| {
        if let Some(mode) = mode {
            os::set_permission_bits(&file, mode)?;
        }
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&temporary, &target)?;
        // The rename itself reaches the disk with the folder.
        if let Ok(folder) = std::fs::File::open(folder_of(&target)) {
            let _ = folder.sync_all();
        }
        Ok(())
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    written
}

pub fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// A fresh temporary name beside `path`: sixteen hex digits from the
/// clock, the process and a counter.
fn temporary_name(path: &Path) -> PathBuf {
    use std::hash::{BuildHasher as _, Hasher as _};
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos()),
    );
    hasher.write_u32(std::process::id());
    hasher.write_usize(COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed));
    let name = path
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
    path.with_file_name(format!(".{name}.{TEMPORARY_MARK}{:016x}", hasher.finish()))
}

/// The temporaries of `write_atomic` for `path` found beside it: named
/// `.NAME.~scrutiny-save-` and sixteen hex digits. A file of the user's,
/// however like a temporary it looks (`.NAME.bak`, `.NAME.Ab12Cd`), is
/// never among them.
pub fn temporaries_beside(path: &Path) -> Vec<PathBuf> {
    let Some(name) = path.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return Vec::new();
    };
    let prefix = format!(".{name}.{TEMPORARY_MARK}");
    let Ok(entries) = std::fs::read_dir(folder_of(path)) else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter(|entry| {
            entry
                .file_name()
                .to_str()
                .and_then(|n| n.strip_prefix(&prefix))
                .is_some_and(|rest| rest.len() == 16 && rest.chars().all(|c| c.is_ascii_hexdigit()))
                && entry.file_type().is_ok_and(|t| t.is_file())
        })
        .map(|entry| entry.path())
        .collect()
}

/// Where scrutiny keeps what it must remember between runs and that
/// belongs in no folder of the user's: `$XDG_STATE_HOME/scrutiny`, else
/// `~/.local/state/scrutiny`.
pub fn state_dir() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_STATE_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME")
                .filter(|v| !v.is_empty())
                .map(|h| PathBuf::from(h).join(".local").join("state"))
        })?;
    Some(base.join("scrutiny"))
}

/// Where scrutiny keeps what it can always work out again (the overview's
/// numbers): `$XDG_CACHE_HOME/scrutiny`, else `~/.cache/scrutiny`.
pub fn cache_dir() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CACHE_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME")
                .filter(|v| !v.is_empty())
                .map(|h| PathBuf::from(h).join(".cache"))
        })?;
    Some(base.join("scrutiny"))
}

/// A short fingerprint of a document's bytes (64-bit FNV-1a and the
/// length): enough to tell whether a file still holds what was written.
fn fingerprint(bytes: &[u8]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}-{}", bytes.len())
}

/// The record of documents written: `FINGERPRINT<TAB>PATH` a line.
const WRITTEN_RECORD: &str = "documents-written.tsv";

fn recorded(state: &Path, path: &Path) -> Option<String> {
    let text = read_regular(&state.join(WRITTEN_RECORD), 16 * 1024 * 1024).ok()?;
    let text = String::from_utf8_lossy(&text);
    let wanted = path.to_string_lossy();
    text.lines().rev().find_map(|line| {
        let (print, named) = line.split_once('\t')?;
        (named == wanted).then(|| print.to_owned())
    })
}

fn record(state: &Path, path: &Path, print: &str) -> io::Result<()> {
    std::fs::create_dir_all(state)?;
    let file = state.join(WRITTEN_RECORD);
    let old = read_if_present(&file)?.unwrap_or_default();
    let old = String::from_utf8_lossy(&old);
    let named = path.to_string_lossy();
    let mut text = String::with_capacity(old.len() + named.len() + 40);
    for line in old
        .lines()
        .filter(|line| line.split_once('\t').is_none_or(|(_, p)| p != named))
    {
        text.push_str(line);
        text.push('\n');
    }
    text.push_str(print);
    text.push('\t');
    text.push_str(&named);
    text.push('\n');
    write_atomic(&file, text.as_bytes())
}

/// Write a document scrutiny makes (the draft response) to `path`. A file
/// there that no longer holds what scrutiny last wrote to it (the user
/// edited it, or scrutiny never wrote it) is never written over: it is
/// first kept as `NAME.edited-YYYYMMDD-HHMMSS.EXT` beside it, and that
/// path is returned. What was written is remembered in the state folder
/// (`state`; without one, any file already there is kept).
pub fn write_document(
    path: &Path,
    bytes: &[u8],
    state: Option<&Path>,
) -> io::Result<Option<PathBuf>> {
    let target = write_target(path)?;
    let absolute = std::path::absolute(&target).unwrap_or_else(|_| target.clone());
    let mut kept = None;
    if let Some(current) = read_if_present(&target)? {
        let ours = state.and_then(|s| recorded(s, &absolute)) == Some(fingerprint(&current));
        if !ours && current != bytes {
            let backup = backup_name(&target);
            write_new(&backup, &current)?;
            kept = Some(backup);
        }
    }
    write_atomic(&target, bytes)?;
    if let Some(state) = state {
        // Without the record, the next write keeps a copy: safe, not lost.
        let _ = record(state, &absolute, &fingerprint(bytes));
    }
    Ok(kept)
}

/// A free name beside `path` for a copy of it: `NAME.edited-STAMP.EXT`.
fn backup_name(path: &Path) -> PathBuf {
    let stem = path
        .file_stem()
        .map_or_else(|| "document".into(), |s| s.to_string_lossy().into_owned());
    let ext = path
        .extension()
        .map(|e| format!(".{}", e.to_string_lossy()))
        .unwrap_or_default();
    let stamp = jiff::Timestamp::now().strftime("%Y%m%d-%H%M%S").to_string();
    (1..10_000)
        .map(|n| {
            let count = if n == 1 {
                String::new()
            } else {
                format!("-{n}")
            };
            path.with_file_name(format!("{stem}.edited-{stamp}{count}{ext}"))
        })
        .find(|p| std::fs::symlink_metadata(p).is_err())
        .unwrap_or_else(|| path.with_file_name(format!("{stem}.edited{ext}")))
}

/// Write a file that must not exist yet, whole, without following a link.
fn write_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    use crate::files::os::{self, OpenOptionsExt as _, UnixMode as _};
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .unix_mode(0o600)
        .custom_flags(os::flags::NO_FOLLOW)
        .open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("scrutiny-store-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("folder");
        dir
    }

    fn listing(dir: &Path) -> Vec<String> {
        let mut left: Vec<String> = std::fs::read_dir(dir)
            .expect("listed")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        left
    }

    /// A rename that fails (the review's path is a folder) leaves no
    /// temporary, and files of the user's that look like one stay.
    #[test]
    fn a_failed_rename_leaves_no_temporary_and_takes_nothing_else() {
        let dir = folder("rename");
        let review = dir.join("r.review.yaml");
        std::fs::create_dir_all(review.join("inside")).expect("a folder where the file goes");
        let mine = [
            dir.join(".r.review.yaml.abcdef"),
            dir.join(".r.review.yaml.backup"),
        ];
        for file in &mine {
            std::fs::write(file, "kept\n").expect("written");
        }
        for _ in 0..50 {
            assert!(write_atomic(&review, b"x: 1\n").is_err());
        }
        assert_eq!(
            listing(&dir),
            [
                ".r.review.yaml.abcdef",
                ".r.review.yaml.backup",
                "r.review.yaml"
            ]
        );
        std::fs::remove_dir_all(&dir).expect("cleaned up");
    }

    #[test]
    fn only_our_own_temporaries_are_found() {
        let dir = folder("ours");
        let review = dir.join("a.review.yaml");
        let theirs = [
            ".a.review.yaml.241201",
            ".a.review.yaml.BACKUP",
            ".a.review.yaml.v2copy",
            ".a.review.yaml.Ab12Cd",
            ".a.review.yaml.~scrutiny-save-notmine",
            ".a.review.yaml.~scrutiny-save-0123456789abcdef0",
        ];
        for name in theirs {
            std::fs::write(dir.join(name), "mine").expect("written");
        }
        let ours = dir.join(".a.review.yaml.~scrutiny-save-0123456789abcdef");
        std::fs::write(&ours, "half").expect("written");
        assert_eq!(temporaries_beside(&review), [ours]);
        std::fs::remove_dir_all(&dir).expect("cleaned up");
    }

    #[test]
    fn a_save_keeps_the_mode_of_the_file_it_replaces() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = folder("mode");
        let review = dir.join("a.review.yaml");
        std::fs::write(&review, "old").expect("written");
        std::fs::set_permissions(&review, std::fs::Permissions::from_mode(0o600)).expect("mode");
        write_atomic(&review, b"new").expect("saved");
        let mode = std::fs::metadata(&review)
            .expect("meta")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
        assert_eq!(listing(&dir), ["a.review.yaml"]);
        std::fs::remove_dir_all(&dir).expect("cleaned up");
    }

    #[test]
    fn a_save_through_a_link_writes_its_target_and_the_link_stays() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = folder("link");
        let target = dir.join("kept-elsewhere.yaml");
        std::fs::write(&target, "old").expect("written");
        std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o640)).expect("mode");
        let link = dir.join("a.review.yaml");
        std::os::unix::fs::symlink(&target, &link).expect("link");
        write_atomic(&link, b"new").expect("saved");
        assert!(
            std::fs::symlink_metadata(&link)
                .expect("meta")
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read(&target).expect("read"), b"new");
        let mode = std::fs::metadata(&target)
            .expect("meta")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o640);
        std::fs::remove_dir_all(&dir).expect("cleaned up");
    }

    #[test]
    fn special_files_are_refused_without_waiting_or_reading_forever() {
        let dir = folder("special");
        let fifo = dir.join("a.review.yaml");
        nix::unistd::mkfifo(&fifo, nix::sys::stat::Mode::S_IRWXU).expect("fifo");
        for path in [
            fifo.as_path(),
            Path::new("/dev/zero"),
            Path::new("/dev/urandom"),
        ] {
            let e = read_if_present(path).expect_err("refused");
            assert!(e.to_string().contains("not a regular file"), "{e}");
            assert!(write_atomic(path, b"x").is_err(), "{}", path.display());
        }
        let link = dir.join("b.review.yaml");
        std::os::unix::fs::symlink("/dev/zero", &link).expect("link");
        assert!(write_atomic(&link, b"x").is_err());
        std::fs::remove_dir_all(&dir).expect("cleaned up");
    }

    #[test]
    fn a_document_edited_since_it_was_written_is_kept_before_a_new_one() {
        let dir = folder("document");
        let state = dir.join("state");
        let draft = dir.join("a.response.md");
        // Written by scrutiny, then again: nothing to keep.
        assert_eq!(
            write_document(&draft, b"one", Some(&state)).expect("written"),
            None
        );
        assert_eq!(
            write_document(&draft, b"two", Some(&state)).expect("written"),
            None
        );
        assert_eq!(std::fs::read(&draft).expect("read"), b"two");
        // Edited by hand: kept beside it, then written.
        std::fs::write(&draft, "two, with my edits").expect("edited");
        let kept = write_document(&draft, b"three", Some(&state))
            .expect("written")
            .expect("a copy kept");
        assert_eq!(std::fs::read(&kept).expect("read"), b"two, with my edits");
        assert_eq!(std::fs::read(&draft).expect("read"), b"three");
        // A file scrutiny never wrote (or with no state folder) is kept too.
        let other = dir.join("b.response.md");
        std::fs::write(&other, "mine").expect("written");
        let kept = write_document(&other, b"draft", None)
            .expect("written")
            .expect("kept");
        assert_eq!(std::fs::read(&kept).expect("read"), b"mine");
        std::fs::remove_dir_all(&dir).expect("cleaned up");
    }
}
