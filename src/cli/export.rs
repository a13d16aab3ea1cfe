//! `scrutiny export`: a document of one inspection with its review (the
//! tracker workbook: of one or more), to a file or standard output.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::export::{Format, Options, document};
use crate::files::store;
use crate::files::workspace::{Pair, discover, load_pair};

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

/// What `scrutiny export` wrote to a file: where, and where the copy it
/// found there was kept when that had been changed since scrutiny wrote it.
pub struct Written {
    pub path: PathBuf,
    pub kept: Option<PathBuf>,
}

/// The inspections named (folders expanded, each file once), loaded with
/// their reviews; the first that fails to load is the error, naming it, so
/// no tracker is written without one of them.
fn load_all(files: &[PathBuf], review: Option<&Path>) -> Result<Vec<Pair>, String> {
    let mut seen = std::collections::HashSet::new();
    let mut pairs = Vec::new();
    for path in discover(files)? {
        let key = path.canonicalize().unwrap_or_else(|_| path.clone());
        if !seen.insert(key) {
            continue;
        }
        pairs.push(load_pair(&path, review).map_err(|e| e.to_string())?);
    }
    Ok(pairs)
}

/// `scrutiny export`: to `output`, or standard output. Every format but
/// xlsx takes one file.
pub fn run(
    files: &[PathBuf],
    review: Option<&Path>,
    format: Format,
    output: Option<&Path>,
    force: bool,
    options: Options,
) -> Result<Option<Written>, String> {
    let today = super::summary::today();
    let (pairs, bytes) = if format == Format::Xlsx {
        let pairs = load_all(files, review)?;
        let reports: Vec<_> = pairs.iter().map(|p| (&p.inspection, &p.review)).collect();
        let bytes = crate::export::xlsx::tracker(&reports, today)?;
        (pairs, bytes)
    } else {
        let [file] = files else {
            return Err("give one inspection file".into());
        };
        let pair = load_pair(file, review).map_err(|e| e.to_string())?;
        let bytes =
            document(format, &pair.inspection, &pair.review, today, options).map_err(|e| {
                format!(
                    "{}: {e}",
                    crate::text::one_line(&file.display().to_string())
                )
            })?;
        (vec![pair], bytes)
    };
    match output {
        // Word, the workbook and the CSV for Excel (whose byte-order mark
        // and CRs printing would mark as hidden and control characters;
        // its cells are made inert already) are files, not for the terminal.
        None if format.is_binary() || options.excel => {
            if std::io::IsTerminal::is_terminal(&std::io::stdout()) {
                return Err(match format {
                    Format::Xlsx => {
                        "a workbook is not for the terminal: pass -o FILE.xlsx to write it to a file"
                    }
                    Format::Docx => {
                        "a Word document is not for the terminal: pass -o FILE.docx to write it to a file"
                    }
                    _ => {
                        "a CSV for Excel is not for the terminal: pass -o FILE.csv to write it to a file"
                    }
                }
                .into());
            }
            let mut out = std::io::stdout().lock();
            out.write_all(&bytes)
                .and_then(|()| out.flush())
                .map_err(|e| format!("cannot write the export: {e}"))?;
            Ok(None)
        }
        None => {
            // Every other format is text scrutiny made from UTF-8.
            let text = String::from_utf8_lossy(&bytes);
            crate::text::try_print(&text).map_err(|e| format!("cannot write the export: {e}"))?;
            Ok(None)
        }
        Some(path) => {
            let existing_yaml = path.exists()
                && path.extension().is_some_and(|e| {
                    e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml")
                });
            let an_input = pairs
                .iter()
                .any(|pair| same_file(path, &pair.path) || same_file(path, &pair.review_path));
            if an_input || existing_yaml {
                return Err(format!(
                    "{}: that is an inspection or review file; choose another file for the export",
                    path.display()
                ));
            }
            super::may_write(path, force)?;
            // A file there that scrutiny did not write as it is now (the
            // user edited it) is kept beside it first, never written over.
            let kept = store::write_document(path, &bytes, store::state_dir().as_deref())
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            Ok(Some(Written {
                path: path.to_path_buf(),
                kept,
            }))
        }
    }
}
