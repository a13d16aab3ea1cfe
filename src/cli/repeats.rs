//! `scrutiny repeats`: the items of each inspection worded like items of
//! another, as text or JSON lines.

use std::fmt::Write as _;
use std::path::PathBuf;

use crate::files::store::read_inspection;
use crate::files::workspace::discover;
use crate::model::Inspection;
use crate::model::similar::{Options, repeats};
use crate::text::one_line;

/// `scrutiny repeats`: the listing and whether every file loaded (those
/// that did are compared all the same).
pub fn run(paths: &[PathBuf], options: &Options, json: bool) -> Result<(String, bool), String> {
    let files = discover(paths)?;
    let mut out = String::new();
    let mut ok = true;
    let mut loaded: Vec<Inspection> = Vec::new();
    for file in &files {
        match read_inspection(file) {
            Ok((inspection, _)) => loaded.push(inspection),
            Err(e) => {
                ok = false;
                if json {
                    let error = serde_json::json!({
                        "file": file.display().to_string(),
                        "error": e.to_string(),
                    });
                    out.push_str(&crate::text::json(&error));
                    out.push('\n');
                } else {
                    let _ = write!(out, "{e}\n\n");
                }
            }
        }
    }
    let inspections: Vec<&Inspection> = loaded.iter().collect();
    let found = repeats(&inspections, options);
    let title = |inspection: &str, item: &str| {
        inspections
            .iter()
            .find(|i| i.meta.id == inspection)
            .and_then(|i| i.get(item))
            .map_or(String::new(), |item| item.title.clone())
    };
    if json {
        for s in &found {
            let line = serde_json::json!({
                "inspection": s.inspection,
                "item": s.item,
                "title": title(&s.inspection, &s.item),
                "other_inspection": s.other_inspection,
                "other_item": s.other_item,
                "other_title": title(&s.other_inspection, &s.other_item),
                "score": (s.score * 1000.0).round() / 1000.0,
                "shared": s.shared,
            });
            out.push_str(&crate::text::json(&line));
            out.push('\n');
        }
        return Ok((out, ok));
    }
    let mut last: Option<(&str, &str)> = None;
    for s in &found {
        if last != Some((&s.inspection, &s.item)) {
            if last.is_some() {
                out.push('\n');
            }
            let _ = writeln!(
                out,
                "{} ({}) – {}",
                one_line(&s.item),
                one_line(&s.inspection),
                one_line(&title(&s.inspection, &s.item))
            );
            last = Some((&s.inspection, &s.item));
        }
        let _ = writeln!(
            out,
            "  {:.2}  {} ({}) – {}",
            s.score,
            one_line(&s.other_item),
            one_line(&s.other_inspection),
            one_line(&title(&s.other_inspection, &s.other_item))
        );
        let shared: Vec<_> = s.shared.iter().map(|w| one_line(w)).collect();
        let _ = writeln!(out, "        shared: {}", shared.join(", "));
    }
    if found.is_empty() && !inspections.is_empty() {
        let _ = writeln!(
            out,
            "No item reads like one in another inspection (at {:.2} or more).",
            options.min
        );
    }
    Ok((out, ok))
}

/// A score given as `--min`: a number from 0 to 1.
pub fn parse_score(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(score) if (0.0..=1.0).contains(&score) => Ok(score),
        _ => Err("a score is a number from 0 to 1".into()),
    }
}
