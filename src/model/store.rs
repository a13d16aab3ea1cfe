//! Files on disk: reading an inspection, finding and saving its review.

use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicUsize;

use thiserror::Error;

use super::diag::Diagnostics;
use super::inspection::Inspection;
use super::review::Review;

#[derive(Debug, Error)]
pub enum LoadError {
    #[error("{path}: cannot read the file: {source}")]
    Read { path: String, source: io::Error },
    #[error("{}", .problems.render(.path).trim_end())]
    Invalid { path: String, problems: Diagnostics },
}

/// Read and check an inspection file.
pub fn read_inspection(path: &Path) -> Result<Inspection, LoadError> {
    read_inspection_with_progress(path, None)
}

/// Read and check an inspection file, as the parser asks for it, so the
/// whole file is never in memory beside what it holds; the bytes read are
/// added to `progress`. A file with anything wrong is read again whole, to say
/// what and where.
pub fn read_inspection_with_progress(
    path: &Path,
    progress: Option<&AtomicUsize>,
) -> Result<Inspection, LoadError> {
    let name = path.display().to_string();
    let read_error = |source| LoadError::Read {
        path: name.clone(),
        source,
    };
    let file = std::fs::File::open(path).map_err(read_error)?;
    let len = checked_size(&file.metadata().map_err(read_error)?).map_err(read_error)?;
    let reader = io::BufReader::with_capacity(64 * 1024, file);
    if let Some(inspection) = super::load::load_inspection_streamed(reader, len, progress) {
        return Ok(inspection);
    }
    read_inspection_whole(path)
}

/// Read and check an inspection file held whole in memory.
fn read_inspection_whole(path: &Path) -> Result<Inspection, LoadError> {
    let name = path.display().to_string();
    let bytes = read_limited(path).map_err(|source| LoadError::Read {
        path: name.clone(),
        source,
    })?;
    super::load_inspection_owned(bytes).map_err(|problems| LoadError::Invalid {
        path: name,
        problems,
    })
}

/// Files larger than this are not inspections; refuse them before reading
/// them whole into memory.
pub const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;

fn read_limited(path: &Path) -> io::Result<Vec<u8>> {
    checked_size(&std::fs::metadata(path)?)?;
    std::fs::read(path)
}

/// The size of a file that may be an inspection or review.
fn checked_size(meta: &std::fs::Metadata) -> io::Result<usize> {
    if meta.is_dir() {
        return Err(io::Error::other("it is a directory, not a file"));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(io::Error::other(format!(
            "it is {} MB, larger than any inspection or review ({} MB at most)",
            meta.len() / 1_000_000,
            MAX_FILE_BYTES / 1_000_000
        )));
    }
    usize::try_from(meta.len()).map_err(io::Error::other)
}

/// `NAME.review.yaml` beside `NAME.yaml`.
pub fn default_review_path(inspection: &Path) -> PathBuf {
    let stem = inspection
        .file_stem()
        .map_or_else(|| "inspection".into(), |s| s.to_string_lossy().into_owned());
    inspection.with_file_name(format!("{stem}.review.yaml"))
}

/// A review as loaded from disk, with the bytes it was read from so a later
/// save can tell whether someone else changed the file meanwhile.
pub struct LoadedReview {
    pub review: Review,
    pub on_disk: Option<Vec<u8>>,
    /// What is worth saying of the file that leaves it valid.
    pub warnings: Vec<super::Diagnostic>,
}

/// Read the review for `inspection`: a missing file is an empty review.
pub fn read_review(path: &Path, inspection: &Inspection) -> Result<LoadedReview, LoadError> {
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
                review: Review::new(inspection.meta.id.clone()),
                on_disk: None,
                warnings: Vec::new(),
            });
        }
        Err(source) => return Err(LoadError::Read { path: name, source }),
    };
    let (review, warnings) = super::review_file::load_review_warned(&bytes, &inspection.meta.id)
        .map_err(|problems| LoadError::Invalid {
            path: name,
            problems,
        })?;
    Ok(LoadedReview {
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
    match std::fs::read(path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// Write a whole file so that a crash at any moment leaves the old file or
/// the new one, never a mix.
///
/// The new file is written to a temporary `.NAME.XXXXXX` beside it, then
/// renamed. A failed rename leaves that temporary behind (the crate counts
/// the file as finished before it renames), so one that was not there
/// before is removed here.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let before = temporaries_beside(path);
    let written = atomic_write_file::AtomicWriteFile::open(path).and_then(|mut file| {
        file.write_all(bytes)?;
        file.commit()
    });
    if written.is_err() {
        for left in temporaries_beside(path) {
            if !before.contains(&left) {
                let _ = std::fs::remove_file(&left);
            }
        }
    }
    written
}

/// Files named as `write_atomic`'s temporaries for `path` are:
/// `.NAME.` and six letters or digits.
pub fn temporaries_beside(path: &Path) -> Vec<PathBuf> {
    let Some(name) = path.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return Vec::new();
    };
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let prefix = format!(".{name}.");
    let Ok(entries) = std::fs::read_dir(&folder) else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter(|entry| {
            entry
                .file_name()
                .to_string_lossy()
                .strip_prefix(&prefix)
                .is_some_and(|rest| {
                    rest.len() == 6 && rest.chars().all(|c| c.is_ascii_alphanumeric())
                })
        })
        .map(|entry| entry.path())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A rename that fails (the review's path is a folder) leaves no
    /// temporary, whatever its random name, and files of the user's that
    /// look like one stay.
    #[test]
    fn a_failed_rename_leaves_no_temporary_and_takes_nothing_else() {
        let dir =
            std::env::temp_dir().join(format!("scrutiny-store-rename-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let review = dir.join("r.review.yaml");
        std::fs::create_dir_all(review.join("inside")).expect("a folder where the file goes");
        let mine = [
            dir.join(".r.review.yaml.abcdef"),
            dir.join(".r.review.yaml.backup"),
        ];
        for file in &mine {
            std::fs::write(file, "kept\n").expect("written");
        }
        // A temporary's six random letters are all lower case about one
        // time in 180: enough tries that such a name comes up.
        for _ in 0..600 {
            assert!(write_atomic(&review, b"x: 1\n").is_err());
        }
        let mut left: Vec<String> = std::fs::read_dir(&dir)
            .expect("listed")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(
            left,
            [
                ".r.review.yaml.abcdef",
                ".r.review.yaml.backup",
                "r.review.yaml"
            ]
        );
        std::fs::remove_dir_all(&dir).expect("cleaned up");
    }
}
