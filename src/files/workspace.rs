//! What the loader finds and opens: an inspection with its review
//! (`Pair`), and the inspection files named on the command line.

use std::path::{Path, PathBuf};

use crate::files::store::{self, LoadError};
use crate::model::{Inspection, Review};

/// An inspection and its review, as read from disk.
#[derive(Debug, Clone, PartialEq)]
pub struct Pair {
    pub path: PathBuf,
    pub inspection: Inspection,
    pub review: Review,
    pub review_path: PathBuf,
    /// The review file's bytes as read (`None`: no file yet), so a later
    /// save can tell whether someone changed it meanwhile.
    pub review_bytes: Option<Vec<u8>>,
    /// Reviewers' files (`files::reviewers`): the others', merged.
    pub fellows: Option<Review>,
    /// What loading found worth saying that leaves both files valid, as
    /// `FILE:LINE:COLUMN: warning: message`.
    pub warnings: Vec<String>,
}

/// The warnings of an inspection and its review, each naming its file.
pub fn warnings_of(
    path: &Path,
    inspection: &[crate::files::Diagnostic],
    review_path: &Path,
    review: &[crate::files::Diagnostic],
) -> Vec<String> {
    let (name, review_name) = (
        path.display().to_string(),
        review_path.display().to_string(),
    );
    inspection
        .iter()
        .map(|w| w.render(&name))
        .chain(review.iter().map(|w| w.render(&review_name)))
        .collect()
}

/// Read an inspection and its review (`review` overrides the default path).
pub fn load_pair(path: &Path, review: Option<&Path>) -> Result<Pair, LoadError> {
    load_pair_counting(path, review, None)
}

/// `load_pair`, with `progress` following the bytes of the inspection read.
pub fn load_pair_counting(
    path: &Path,
    review: Option<&Path>,
    progress: Option<&std::sync::atomic::AtomicUsize>,
) -> Result<Pair, LoadError> {
    let (inspection, warnings) = store::read_inspection_with_progress(path, progress)?;
    let review_path = review.map_or_else(|| store::default_review_path(path), Path::to_path_buf);
    let loaded = store::read_review(&review_path, &inspection)?;
    Ok(Pair {
        warnings: warnings_of(path, &warnings, &review_path, &loaded.warnings),
        path: path.to_path_buf(),
        inspection,
        review: loaded.review,
        review_path,
        review_bytes: loaded.on_disk,
        fellows: loaded.fellows,
    })
}

/// Whether a file name looks like an inspection, not a review, a recovery
/// file or something else.
fn is_inspection_name(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let yaml = Path::new(&name)
        .extension()
        .is_some_and(|e| e == "yaml" || e == "yml");
    yaml && !name.ends_with(".review.yaml")
        // In the name's own case: a OneDrive machine name or a Syncthing
        // device id is told by its capitals.
        && !path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(crate::files::copies::looks_like_a_copy_of_a_review)
        && !name.ends_with(".review.yml")
        && !name.starts_with('.')
}

/// The inspection files named, directories expanded to the inspections in
/// them (sorted by name, not recursive).
pub fn discover(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    for path in paths {
        if path.is_dir() {
            let entries = std::fs::read_dir(path)
                .map_err(|e| format!("{}: cannot list the folder: {e}", path.display()))?;
            let mut found: Vec<PathBuf> = entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.is_file() && is_inspection_name(p))
                .collect();
            found.sort();
            if found.is_empty() {
                return Err(format!(
                    "{}: no inspection files (*.yaml) in this folder",
                    path.display()
                ));
            }
            out.extend(found);
        } else {
            out.push(path.clone());
        }
    }
    Ok(out)
}
