//! `scrutiny export`: a document of one inspection with its review, to a
//! file or standard output.

use std::path::{Path, PathBuf};

use crate::export::{Cells, Format, document};
use crate::files::store;
use crate::files::workspace::load_pair;

/// Whether two paths name the same file, even one that does not exist yet
/// (`./a.yaml` and `a.yaml`): their folders are compared once resolved.
fn same_file(a: &Path, b: &Path) -> bool {
    let key = |p: &Path| {
        let folder = match p.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
            _ => PathBuf::from("."),
        };
        (
            folder.canonicalize().ok(),
            p.file_name().map(std::ffi::OsStr::to_os_string),
        )
    };
    a == b || {
        let (ka, kb) = (key(a), key(b));
        ka.0.is_some() && ka == kb
    }
}

/// `scrutiny export`: to `output`, or standard output.
pub fn run(
    file: &Path,
    review: Option<&Path>,
    format: Format,
    output: Option<&Path>,
    cells: Cells,
) -> Result<Option<PathBuf>, String> {
    let pair = load_pair(file, review).map_err(|e| e.to_string())?;
    let text = document(
        format,
        &pair.inspection,
        &pair.review,
        super::summary::today(),
        cells,
    )?;
    match output {
        None => {
            crate::text::try_print(&text).map_err(|e| format!("cannot write the export: {e}"))?;
            Ok(None)
        }
        Some(path) => {
            let existing_yaml = path.exists()
                && path.extension().is_some_and(|e| {
                    e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml")
                });
            if same_file(path, &pair.path) || same_file(path, &pair.review_path) || existing_yaml {
                return Err(format!(
                    "{}: that is an inspection or review file; choose another file for the export",
                    path.display()
                ));
            }
            store::write_atomic(path, text.as_bytes())
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            Ok(Some(path.to_path_buf()))
        }
    }
}
