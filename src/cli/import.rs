//! `scrutiny import`: read a report's text file (or its PDF, or its saved
//! web page, turned into text first), write the inspection it holds, and
//! tell the user what was found and what was not.

use std::fmt::Write as _;

use jiff::civil::Date;

use crate::import::{Entry, Import, read, slug, title_of, to_yaml};
use crate::model::Kind;

/// The flags of `scrutiny import`.
pub struct Options {
    pub id: Option<String>,
    pub title: Option<String>,
    pub published: Option<String>,
    pub force: bool,
}

/// Read `text_file` (text, a PDF or a web page: see [`Format::of`]), write the inspection to `output` (or standard output)
/// and return what was found, for the user.
pub fn run(
    text_file: &std::path::Path,
    output: Option<&std::path::Path>,
    options: &Options,
) -> Result<String, String> {
    let name = text_file.display().to_string();
    let text = {
        let bytes =
            crate::files::store::read_regular(text_file, crate::files::store::MAX_FILE_BYTES)
                .map_err(|e| format!("{name}: cannot read: {e}"))?;
        let text = match Format::of(text_file, &bytes) {
            Format::Pdf => {
                drop(bytes);
                crate::import::pdf::text_of(text_file)?
            }
            Format::Html => crate::import::html::read(&name, &bytes)?,
            Format::Text => {
                crate::files::yaml::parse::utf8_text(bytes).map_err(|d| d.render(&name))?
            }
        };
        no_controls(&text).map_err(|(at, why)| format!("{name}:{at}: {why}"))?;
        text.replace("\r\n", "\n")
    };
    let flag_date = match &options.published {
        Some(d) => Some(
            crate::files::yaml::parse::parse_date(d)
                .map_err(|why| format!("--published: {why}"))?,
        ),
        None => None,
    };
    let import = read(&text, flag_date);
    if import.entries.is_empty() {
        return Err(format!(
            "{name}: found no item: no heading such as Findings, Strengths, Recommendations, Areas for improvement or Causes of concern was followed by entries"
        ));
    }
    let title = options
        .title
        .clone()
        .or_else(|| import.found.title.clone())
        .ok_or_else(|| format!("{name}: the text states no title; give one with --title"))?;
    let published = flag_date.or(import.found.published);
    let id = options.id.clone().unwrap_or_else(|| slug(&title));
    let yaml = to_yaml(&import, &id, &title, published);
    // Said now, so the entries and the text they came from go before the
    // check reads the inspection back; it is told only once all is written.
    let said = report(&import, &name, &title, published, output);
    drop((import, text));
    // The same check as any inspection, before anything is written: read
    // as it streams, without a copy of the text; if anything is wrong, read
    // whole to say what.
    if crate::files::inspection::load_inspection_streamed(yaml.as_bytes(), yaml.len(), None)
        .is_none()
    {
        crate::files::load_inspection(yaml.as_bytes()).map_err(|d| {
            format!(
                "the import did not make a valid inspection:\n{}",
                d.render("(import)")
            )
        })?;
    }
    match output {
        Some(path) => {
            if path.exists() && !options.force {
                return Err(format!(
                    "{}: exists; pass --force to write over it",
                    path.display()
                ));
            }
            // A review of the inspection written over goes with its items.
            let carried = carry_review(path, &yaml)?;
            if let Some(c) = &carried {
                crate::files::store::write_atomic(&c.kept, &c.before)
                    .map_err(|e| format!("cannot keep a copy of {}: {e}", c.review.display()))?;
                // Saved as every review is: only over the bytes it was read
                // from, so a change made meanwhile is never written over.
                crate::files::store::save_review(&c.review, &c.text, Some(&c.before)).map_err(
                    |e| {
                        format!(
                            "{}: {e}; nothing was imported: import again",
                            c.review.display()
                        )
                    },
                )?;
            }
            crate::files::store::write_atomic(path, yaml.as_bytes())
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            if let Some(c) = carried {
                return Ok(said + &c.said());
            }
        }
        None => crate::text::print(&yaml),
    }
    Ok(said)
}

/// A review carried over to the inspection imported again.
struct Carried {
    review: std::path::PathBuf,
    /// Where the review as it was is kept.
    kept: std::path::PathBuf,
    before: Vec<u8>,
    text: String,
    moved: Vec<(String, String)>,
    unmatched: Vec<(String, String)>,
    /// Held until the review is written: no scrutiny writes it meanwhile.
    _lock: Option<crate::files::lock::ReviewLock>,
}

impl Carried {
    /// What became of the review, for the report.
    fn said(&self) -> String {
        let review = crate::text::one_line(&self.review.display().to_string()).into_owned();
        let mut out = String::new();
        let moves: Vec<String> = self
            .moved
            .iter()
            .map(|(a, b)| format!("{a} to {b}"))
            .collect();
        let _ = writeln!(
            out,
            "  {review}: {} entr{} moved with {} item{}{}{}",
            self.moved.len(),
            if self.moved.len() == 1 { "y" } else { "ies" },
            if self.moved.len() == 1 {
                "its"
            } else {
                "their"
            },
            if self.moved.len() == 1 { "" } else { "s" },
            if moves.is_empty() { "" } else { ": " },
            named(&moves.iter().map(String::as_str).collect::<Vec<_>>())
        );
        for (id, key) in &self.unmatched {
            let _ = writeln!(
                out,
                "  {review}: the item {id} was reviewed is not in the new text; its entry is kept, as {key:?}, in the Orphans pane"
            );
        }
        let _ = writeln!(
            out,
            "  the review as it was is kept in {}",
            crate::text::one_line(&self.kept.display().to_string())
        );
        out
    }
}

/// The review beside `output`, an inspection about to be written over by
/// `yaml`, carried over to it: each entry to the item with its words
/// (`model::reattach`). `None` when there is none, or nothing moves.
fn carry_review(output: &std::path::Path, yaml: &str) -> Result<Option<Carried>, String> {
    use crate::files::{lock, store};
    let review = store::default_review_path(output);
    let Ok(Some(before)) = store::read_if_present(&review) else {
        return Ok(None);
    };
    // What is there is not an inspection: no review of it to carry.
    let Ok((old, _)) = store::read_inspection(output) else {
        return Ok(None);
    };
    let name = review.display().to_string();
    let reviewed = crate::files::load_review(&before, &old.meta.id).map_err(|d| {
        format!(
            "{}\nThe review beside {} cannot be read, so it cannot follow its items; fix it, or import to another file",
            d.render(&name),
            output.display()
        )
    })?;
    let new = crate::files::load_inspection(yaml.as_bytes()).map_err(|d| {
        format!(
            "the import did not make a valid inspection:\n{}",
            d.render("(import)")
        )
    })?;
    let done = crate::model::reattach::reattach(&old, &new, &reviewed);
    if done.moved.is_empty() && done.unmatched.is_empty() && old.meta.id == new.meta.id {
        return Ok(None);
    }
    let held = match lock::acquire(&review) {
        Ok(lock::Lock::Acquired(held)) => Some(held),
        Ok(lock::Lock::HeldBy(who)) => {
            return Err(format!(
                "{name}: {who} has this review open; quit it there, then import again"
            ));
        }
        // No lock can be had here; the write below says if it fails.
        Err(_) => None,
    };
    let stamp = jiff::Timestamp::now().strftime("%Y%m%d-%H%M%S").to_string();
    let file = review
        .file_name()
        .map_or_else(String::new, |f| f.to_string_lossy().into_owned());
    Ok(Some(Carried {
        kept: review.with_file_name(format!("{file}.before-import-{stamp}")),
        text: crate::files::to_yaml(&done.review, &new),
        review,
        before,
        moved: done.moved,
        unmatched: done.unmatched,
        _lock: held,
    }))
}

/// What a file to import holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text or Markdown, read as it is.
    Text,
    /// A PDF, read by pdftotext.
    Pdf,
    /// A saved web page, rendered as Markdown-like text.
    Html,
}

/// How far into a file its kind is looked for.
const SNIFF_BYTES: usize = 1024;

impl Format {
    /// By content first: `%PDF-` in the first KiB is a PDF; a file that
    /// starts with `<` (after a byte order mark and white space) and has
    /// `<!DOCTYPE html` or `<html` in its first KiB is a web page. Then by
    /// extension: `.pdf`, `.html`, `.htm`, `.xhtml`. Anything else is text.
    pub fn of(path: &std::path::Path, bytes: &[u8]) -> Format {
        let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
        if head.windows(5).any(|w| w == b"%PDF-") {
            return Format::Pdf;
        }
        let start = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
        let start = start.trim_ascii_start();
        if start.starts_with(b"<") {
            let lower = start.to_ascii_lowercase();
            if lower.windows(14).any(|w| w == b"<!doctype html")
                || lower.windows(5).any(|w| w == b"<html")
            {
                return Format::Html;
            }
        }
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("pdf") => Format::Pdf,
            Some("html" | "htm" | "xhtml") => Format::Html,
            _ => Format::Text,
        }
    }
}

/// Whether `text` is a report's text: it holds no control characters but
/// line and page breaks and tabs. Anything else (a binary file that
/// happens to decode) is refused where it first shows, as `LINE:COLUMN`.
fn no_controls(text: &str) -> Result<(), (String, String)> {
    let control = text
        .char_indices()
        .find(|(_, c)| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'));
    let Some((i, c)) = control else {
        return Ok(());
    };
    let (at, _) = crate::files::yaml::diag::LineIndex::locate(text, i);
    Err((
        format!("{at}"),
        format!(
            "holds the control character U+{:04X}, which text copied from a report does not: is it a binary file? Copy the report's text into a plain text file and import that",
            u32::from(c)
        ),
    ))
}

/// At most this many ids are named in one line of the report.
const IDS_NAMED: usize = 20;

/// Ids for the report: the first few, and how many more.
fn named(ids: &[&str]) -> String {
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
fn report(
    import: &Import,
    name: &str,
    title: &str,
    published: Option<Date>,
    output: Option<&std::path::Path>,
) -> String {
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
