//! One review file per reviewer, for teams that merge on GitHub or GitLab,
//! whose web merges never run a merge driver: beside `NAME.yaml`, a folder
//! `NAME.reviews/` holds a file for each reviewer (`ada-lovelace.yaml`).
//! Each reviewer writes only their own, so no pull request ever conflicts
//! on a review; reading any of them merges in all the others, item by item
//! (`merge_copy`), so everyone sees everyone's work, and the next save
//! carries it into their own file too.

use std::path::{Path, PathBuf};

use crate::model::review::Review;

/// The extension of the folder.
const FOLDER: &str = ".reviews";

/// `NAME.reviews/` beside the inspection `NAME.yaml`, when it is a folder.
pub fn folder_for(inspection: &Path) -> Option<PathBuf> {
    let stem = inspection.file_stem()?.to_str()?;
    let folder = inspection.with_file_name(format!("{stem}{FOLDER}"));
    folder.is_dir().then_some(folder)
}

/// The folder of reviewers' files `review` is in, when it is one.
pub fn shared_folder(review: &Path) -> Option<PathBuf> {
    let parent = review.parent()?;
    let name = parent.file_name()?.to_str()?;
    (name.len() > FOLDER.len() && name.ends_with(FOLDER) && parent.is_dir())
        .then(|| parent.to_path_buf())
}

/// A reviewer's own file in `folder`: their name in lower case, each run of
/// other characters than letters and digits one hyphen (`Ada Lovelace`:
/// `ada-lovelace.yaml`).
pub fn own_file(folder: &Path, reviewer: &str) -> PathBuf {
    let mut slug = String::new();
    for c in reviewer.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    let slug = if slug.is_empty() { "reviewer" } else { slug };
    folder.join(format!("{slug}.yaml"))
}

/// The other reviewers' files beside `review` in its folder, by name.
pub fn fellows(review: &Path) -> Vec<PathBuf> {
    let Some(folder) = shared_folder(review) else {
        return Vec::new();
    };
    let own = review.file_name();
    let Ok(entries) = std::fs::read_dir(&folder) else {
        return Vec::new();
    };
    let mut found: Vec<PathBuf> = entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.path())
        .filter(|p| {
            p.file_name() != own
                && p.extension().is_some_and(|e| e == "yaml")
                && !p
                    .file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with('.'))
        })
        .collect();
    found.sort();
    found
}

/// Every fellow reviewer's file beside `review_path` merged into one
/// review of the inspection `id`; what is worth saying: a file that cannot
/// be read (passed over, named), and the items two reviewers set
/// differently (held as conflicts to settle).
pub fn merge_fellows(review_path: &Path, id: &str) -> (Review, Vec<String>) {
    let mut review = Review::new(id);
    let mut said = Vec::new();
    for path in fellows(review_path) {
        let name = path.display().to_string();
        let read = super::store::read_regular(&path, 64 * 1024 * 1024)
            .map_err(|e| format!("{name}: cannot read it ({e}); its work is not shown"))
            .and_then(|bytes| {
                super::review_file::load_review(&bytes, id).map_err(|d| {
                    let all = d.render(&name);
                    format!(
                        "{}; its work is not shown",
                        all.lines().next().unwrap_or("not a review")
                    )
                })
            });
        match read {
            Ok(theirs) => {
                let (merged, conflicts) = crate::model::merge::merge_copy(&review, &theirs);
                if !conflicts.is_empty() {
                    said.push(format!(
                        "{name}: set differently there: {} (marked !, both versions kept)",
                        conflicts.join(", ")
                    ));
                }
                review = merged;
            }
            Err(e) => said.push(e),
        }
    }
    (review, said)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reviewers_file_is_named_from_their_name() {
        let folder = Path::new("x.reviews");
        assert_eq!(
            own_file(folder, "Ada Lovelace"),
            folder.join("ada-lovelace.yaml")
        );
        assert_eq!(
            own_file(folder, "  O'Brien, Seán "),
            folder.join("o-brien-seán.yaml")
        );
        assert_eq!(own_file(folder, "../../etc"), folder.join("etc.yaml"));
        assert_eq!(own_file(folder, "///"), folder.join("reviewer.yaml"));
    }
}
