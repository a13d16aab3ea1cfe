//! What an import found, what it could not fill and what it could not
//! place, for the user: printed by `scrutiny import`, and by the import
//! view once it has written the file.

use std::fmt::Write as _;

use jiff::civil::Date;

use super::{Entry, Import, title_of};
use crate::model::Kind;

/// At most this many ids are named in one line of the report.
const IDS_NAMED: usize = 20;

/// Ids for the report: the first few, and how many more.
pub(super) fn named(ids: &[&str]) -> String {
    if ids.len() <= IDS_NAMED {
        return ids.join(", ");
    }
    format!(
        "{} and {} more",
        ids[..IDS_NAMED].join(", "),
        ids.len() - IDS_NAMED
    )
}

/// What the import found, what it could not fill, and what it could not place.
pub fn report(
    import: &Import,
    name: &str,
    title: &str,
    published: Option<Date>,
    output: Option<&std::path::Path>,
) -> String {
    let name = crate::text::one_line(name);
    let name = name.as_ref();
    let mut out = String::new();
    let counts: Vec<String> = Kind::ALL
        .into_iter()
        .map(|k| (k, import.entries.iter().filter(|e| e.kind == k).count()))
        .filter(|(_, n)| *n > 0)
        .map(|(k, n)| {
            format!(
                "{n} {}",
                if n == 1 {
                    k.singular().to_owned()
                } else {
                    k.plural().to_lowercase()
                }
            )
        })
        .collect();
    let _ = writeln!(out, "{name}: found {} for \"{title}\"", counts.join(", "));
    let causes = import
        .entries
        .iter()
        .filter(|e| e.tags.iter().any(|t| t == "cause-of-concern"))
        .count();
    if causes > 0 {
        let _ = writeln!(
            out,
            "  {causes} cause(s) of concern, as findings tagged cause-of-concern and linked to their recommendations"
        );
    }
    let mut missing = Vec::new();
    if published.is_none() {
        missing.push("the publication date (give it with --published YYYY-MM-DD)".to_owned());
    }
    if import.found.inspectorate.is_none() {
        missing.push("the inspectorate".to_owned());
    }
    let recs: Vec<&Entry> = import
        .entries
        .iter()
        .filter(|e| e.kind == Kind::Recommendation)
        .collect();
    let undirected: Vec<&str> = recs
        .iter()
        .filter(|e| e.directed_to.is_empty())
        .map(|e| e.id.as_str())
        .collect();
    if !undirected.is_empty() {
        missing.push(format!(
            "directed_to for {} (the wording does not say)",
            named(&undirected)
        ));
    }
    let undated: Vec<&str> = recs
        .iter()
        .filter(|e| e.due.is_none())
        .map(|e| e.id.as_str())
        .collect();
    if !undated.is_empty() {
        missing.push(format!(
            "due for {} (no date in the wording)",
            named(&undated)
        ));
    }
    for m in missing {
        let _ = writeln!(out, "  not filled: {m}");
    }
    for (line, number, last) in &import.out_of_sequence {
        let _ = writeln!(
            out,
            "  {name}:{line}: starts with {number}, which does not follow entry {last}, so it was read as part of the entry before; number it {} if it is an entry of its own",
            u64::from(*last) + 1
        );
    }
    unplaced_runs(&mut out, name, &import.unplaced);
    if let Some((first, _)) = import.furniture.first() {
        let n = import.furniture.len();
        let _ = writeln!(
            out,
            "  left out {n} line{} of page furniture (page numbers, running headers, a web page's links), the first at {name}:{first}",
            if n == 1 { "" } else { "s" }
        );
    }
    if let Some(path) = output {
        let _ = writeln!(
            out,
            "  written to {}; open it with: scrutiny {}",
            path.display(),
            path.display()
        );
    }
    out
}

/// Lines not placed under any heading, a paragraph over several lines said
/// once, from its first line ("12-14").
fn unplaced_runs(out: &mut String, name: &str, unplaced: &[(usize, String)]) {
    let mut runs: Vec<(usize, usize, String)> = Vec::new();
    for (line, text) in unplaced {
        match runs.last_mut() {
            Some((_, last, joined)) if *last + 1 == *line => {
                *last = *line;
                joined.push(' ');
                joined.push_str(text);
            }
            _ => runs.push((*line, *line, text.clone())),
        }
    }
    for (first, last, text) in &runs {
        let at = if first == last {
            first.to_string()
        } else {
            format!("{first}-{last}")
        };
        let _ = writeln!(
            out,
            "  {name}:{at}: not under any known heading, so not imported: {}",
            crate::text::one_line(&title_of(text))
        );
    }
}
