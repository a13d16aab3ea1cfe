//! Writing an imported inspection: checked as any inspection is, and,
//! over one that has a review, with the review carried to the items that
//! hold its words (`model::reattach`), its old copy kept.

use std::fmt::Write as _;

/// Whether `yaml` is an inspection `check` accepts; what is wrong if not.
pub fn check(yaml: &str) -> Result<(), String> {
    // Read as it streams, without a copy of the text; if anything is
    // wrong, read whole to say what.
    if crate::files::inspection::load_inspection_streamed(yaml.as_bytes(), yaml.len(), None)
        .is_some()
    {
        return Ok(());
    }
    crate::files::load_inspection(yaml.as_bytes())
        .map(|_| ())
        .map_err(|d| {
            format!(
                "the import did not make a valid inspection:\n{}",
                d.render("(import)")
            )
        })
}

/// What is at a path an import would be written to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Nothing: the import makes the file.
    Absent,
    /// An inspection, which the import may replace (its review follows).
    Inspection,
    /// Anything else (the reason, to say): never written over but with
    /// `--force`, and a folder or device never.
    Other(String),
}

/// What is at `path`, and so whether the import may write there; `source`
/// is the report being imported.
pub fn target(path: &std::path::Path, source: &std::path::Path) -> Target {
    let Ok(meta) = std::fs::metadata(path) else {
        return if std::fs::symlink_metadata(path).is_ok() {
            Target::Other("a link to nothing".into())
        } else {
            Target::Absent
        };
    };
    if !meta.is_file() {
        return Target::Other("not a file (a folder, a device or a pipe)".into());
    }
    let same = |a: &std::path::Path, b: &std::path::Path| matches!((a.canonicalize(), b.canonicalize()), (Ok(a), Ok(b)) if a == b);
    if same(path, source) {
        return Target::Other("the report being imported".into());
    }
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().to_lowercase());
    if name.ends_with(".review.yaml") || name.contains(".review.yaml.") {
        return Target::Other("a review file".into());
    }
    match crate::files::store::read_inspection(path) {
        Ok(_) => Target::Inspection,
        Err(_) => Target::Other("not an inspection scrutiny can read".into()),
    }
}

/// Write the inspection `yaml` to `path`, over a file there only if `over`;
/// a review beside it follows its items. What became of that review, for
/// the report (empty when there was none).
pub fn write(path: &std::path::Path, yaml: &str, over: bool) -> Result<String, String> {
    if path.exists() && !over {
        return Err(format!(
            "{}: exists; pass --force to write over it",
            path.display()
        ));
    }
    // A review of the inspection written over goes with its items.
    let carried = carry_review(path, yaml)?;
    if let Some(c) = &carried {
        crate::files::store::write_atomic(&c.kept, &c.before)
            .map_err(|e| format!("cannot keep a copy of {}: {e}", c.review.display()))?;
        // Saved as every review is: only over the bytes it was read from,
        // so a change made meanwhile is never written over.
        crate::files::store::save_review(&c.review, &c.text, Some(&c.before)).map_err(|e| {
            format!(
                "{}: {e}; nothing was imported: import again",
                c.review.display()
            )
        })?;
    }
    crate::files::store::write_atomic(path, yaml.as_bytes())
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(carried.map(|c| c.said()).unwrap_or_default())
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
            super::report::named(&moves.iter().map(String::as_str).collect::<Vec<_>>())
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
    let before = match store::read_if_present(&review) {
        Ok(Some(before)) => before,
        Ok(None) => return Ok(None),
        // A review is someone's work: never written past unread.
        Err(e) => {
            return Err(format!(
                "{}: cannot read: {e}; the review beside {} could not follow its items, so nothing was imported: fix it, or import to another file",
                review.display(),
                output.display()
            ));
        }
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
