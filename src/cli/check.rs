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

/// `scrutiny check --response`: the s55 checklist of one inspection with
/// its review, and whether the response can be published (or, for a report
/// the force is recorded as outside, needs none).
pub fn response(file: &Path, review: Option<&Path>) -> Result<(String, bool), String> {
    use crate::model::response::{State, checklist};
    let pair = crate::files::workspace::load_pair(file, review).map_err(|e| e.to_string())?;
    let list = checklist(&pair.inspection, &pair.review, super::summary::today());
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}: the response to \"{}\"",
        crate::text::one_line(&file.display().to_string()),
        crate::text::one_line(&pair.inspection.meta.title)
    );
    let width = list.steps.iter().map(|s| s.step.len()).max().unwrap_or(0);
    for step in &list.steps {
        let mark = match step.state {
            State::Done => "[done]      ",
            State::ToDo => "[to do]     ",
            State::Late => "[late]      ",
            State::NotNeeded => "[not needed]",
        };
        let _ = writeln!(
            out,
            "  {mark} {:<width$}  {}",
            step.step,
            crate::text::one_line(&step.detail)
        );
    }
    let ok = list.outside || list.can_publish();
    if list.outside {
        let _ = writeln!(
            out,
            "No response is required: the force is recorded as plainly outside this report."
        );
    } else if list.can_publish() {
        let _ = writeln!(out, "The response can be published.");
    } else {
        let _ = writeln!(out, "The response cannot be published yet:");
        for blocker in &list.blockers {
            let _ = writeln!(out, "  - {}", crate::text::one_line(blocker));
        }
    }
    Ok((out, ok))
}
