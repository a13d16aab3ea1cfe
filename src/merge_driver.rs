//! `scrutiny merge BASE OURS THEIRS`: a git merge driver for review files.
//!
//! ```text
//! git config merge.scrutiny.name "scrutiny review files"
//! git config merge.scrutiny.driver "scrutiny merge %O %A %B"
//! echo '*.review.yaml merge=scrutiny' >> .gitattributes
//! ```
//!
//! Items changed on one side take that side; an item changed on both sides
//! keeps ours and holds theirs as a `conflict:` that scrutiny shows and lets
//! the reviewer settle. The result is written over OURS, as git expects.

use std::path::Path;

use crate::model::merge::merge;
use crate::model::review_file::{inspection_id_of, to_yaml_in_order};
use crate::model::{Review, load_review};

/// What became of a merge.
pub enum Outcome {
    /// Merged cleanly.
    Clean,
    /// Written, with these ids holding both versions.
    Conflicts(Vec<String>),
}

fn read(path: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("{}: cannot read: {e}", path.display()))
}

fn load(path: &Path, bytes: &[u8], id: &str) -> Result<Review, String> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        // No common ancestor: git passes an empty file.
        return Ok(Review::new(id));
    }
    load_review(bytes, id).map_err(|d| d.render(&path.display().to_string()).trim_end().to_owned())
}

pub fn run(base: &Path, ours: &Path, theirs: &Path) -> Result<Outcome, String> {
    let (base_bytes, our_bytes, their_bytes) = (read(base)?, read(ours)?, read(theirs)?);
    let id = inspection_id_of(&our_bytes)
        .or_else(|| inspection_id_of(&their_bytes))
        .ok_or_else(|| {
            format!(
                "{}: not a review file this driver can read (no `inspection:` id); merge it by hand",
                ours.display()
            )
        })?;
    let base_review = load(base, &base_bytes, &id)?;
    let our_review = load(ours, &our_bytes, &id)?;
    let their_review = load(theirs, &their_bytes, &id)?;
    let (merged, conflicts) = merge(&base_review, &our_review, &their_review);
    let order: Vec<&str> = our_review
        .file_order
        .iter()
        .chain(&their_review.file_order)
        .map(String::as_str)
        .collect();
    let text = to_yaml_in_order(&merged, order.into_iter());
    crate::model::store::write_atomic(ours, text.as_bytes())
        .map_err(|e| format!("{}: cannot write the merge: {e}", ours.display()))?;
    Ok(if conflicts.is_empty() {
        Outcome::Clean
    } else {
        Outcome::Conflicts(conflicts)
    })
}
