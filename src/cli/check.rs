//! `scrutiny check`: validate inspection files without opening the UI.

use std::fmt::Write as _;
use std::path::Path;

use crate::files::store::read_inspection;
use crate::model::Kind;

/// Check each file; the report to print and whether every file was good.
pub fn check_files(paths: &[impl AsRef<Path>]) -> (String, bool) {
    let mut out = String::new();
    let mut all_ok = true;
    for path in paths {
        let path = path.as_ref();
        match read_inspection(path) {
            Ok((inspection, warnings)) => {
                let counts: Vec<String> = Kind::ALL
                    .into_iter()
                    .map(|kind| {
                        format!(
                            "{} {}",
                            inspection.count(kind),
                            kind.plural().to_lowercase()
                        )
                    })
                    .collect();
                let _ = writeln!(
                    out,
                    "{}: ok: {} items: {}",
                    crate::text::one_line(&path.display().to_string()),
                    inspection.items.len(),
                    counts.join(", ")
                );
                // Warnings leave the file valid: the status stays 0.
                let name = path.display().to_string();
                for warning in &warnings {
                    let _ = writeln!(out, "{}", warning.render(&name));
                }
            }
            Err(e) => {
                all_ok = false;
                let _ = writeln!(out, "{e}");
            }
        }
    }
    (out, all_ok)
}
