//! `scrutiny summary` and `scrutiny export`: the review's numbers and
//! documents, without the UI.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::model::report::{self, Summary};
use crate::model::store::{self, LoadError};
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
    /// What loading found worth saying that leaves both files valid, as
    /// `FILE:LINE:COLUMN: warning: message`.
    pub warnings: Vec<String>,
}

/// The warnings of an inspection and its review, each naming its file.
pub fn warnings_of(
    path: &Path,
    inspection: &Inspection,
    review_path: &Path,
    review: &[crate::model::Diagnostic],
) -> Vec<String> {
    let (name, review_name) = (
        path.display().to_string(),
        review_path.display().to_string(),
    );
    inspection
        .warnings
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
    let inspection = store::read_inspection_with_progress(path, progress)?;
    let review_path = review.map_or_else(|| store::default_review_path(path), Path::to_path_buf);
    let loaded = store::read_review(&review_path, &inspection)?;
    Ok(Pair {
        warnings: warnings_of(path, &inspection, &review_path, &loaded.warnings),
        path: path.to_path_buf(),
        inspection,
        review: loaded.review,
        review_path,
        review_bytes: loaded.on_disk,
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

fn today() -> jiff::civil::Date {
    jiff::ZonedDateTime::now().date()
}

/// `scrutiny summary`: the report and whether every file loaded.
pub fn summary(
    paths: &[PathBuf],
    review: Option<&Path>,
    json: bool,
) -> Result<(String, bool), String> {
    let files = discover(paths)?;
    if review.is_some() && files.len() > 1 {
        return Err("--review names one review file, so give one inspection file with it".into());
    }
    let today = today();
    let mut out = String::new();
    let mut ok = true;
    for file in &files {
        let name = file.display().to_string();
        match load_pair(file, review) {
            Ok(pair) => {
                let s: Summary = report::summarise(&name, &pair.inspection, &pair.review, today);
                if json {
                    out.push_str(&crate::text::json(&s));
                    out.push('\n');
                } else {
                    out.push_str(&report::summary_text(&s));
                    out.push('\n');
                }
            }
            Err(e) => {
                ok = false;
                if json {
                    let error = serde_json::json!({ "file": name, "error": e.to_string() });
                    out.push_str(&crate::text::json(&error));
                    out.push('\n');
                } else {
                    let _ = write!(out, "{e}\n\n");
                }
            }
        }
    }
    Ok((out.trim_end().to_owned() + "\n", ok))
}

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

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Markdown,
    Csv,
    Json,
}

/// The export of one inspection with its review (`cells`: what the CSV
/// does with cells that look like formulas).
pub fn export_text(pair: &Pair, format: Format, cells: report::Cells) -> Result<String, String> {
    match format {
        Format::Markdown => Ok(report::markdown(&pair.inspection, &pair.review, today())),
        Format::Csv => report::csv_with(&pair.inspection, &pair.review, cells)
            .map_err(|e| format!("cannot write CSV: {e}")),
        Format::Json => Ok(report::json(&pair.inspection, &pair.review)),
    }
}

/// `scrutiny export`: to `output`, or standard output.
pub fn export(
    file: &Path,
    review: Option<&Path>,
    format: Format,
    output: Option<&Path>,
    cells: report::Cells,
) -> Result<Option<PathBuf>, String> {
    let pair = load_pair(file, review).map_err(|e| e.to_string())?;
    let text = export_text(&pair, format, cells)?;
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
