//! `scrutiny summary`: where each review stands, as text or JSON lines.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::export::{Summary, summarise, summary_text};
use crate::files::workspace::{discover, load_pair};

/// Today, in the user's time zone.
pub(crate) fn today() -> jiff::civil::Date {
    jiff::ZonedDateTime::now().date()
}

/// `scrutiny summary`: the text and whether every file loaded.
pub fn run(paths: &[PathBuf], review: Option<&Path>, json: bool) -> Result<(String, bool), String> {
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
                let s: Summary = summarise(&name, &pair.inspection, &pair.review, today);
                if json {
                    out.push_str(&crate::text::json(&s));
                    out.push('\n');
                } else {
                    out.push_str(&summary_text(&s));
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
