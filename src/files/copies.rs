//! The conflict copies of a review that a sync tool left beside it, found
//! by name (`sync_copies` knows each tool's pattern) and by content (a
//! review file of the same inspection that belongs to no inspection file),
//! and, once merged in, moved aside under a name that is neither a review's
//! nor a copy's: kept, never deleted.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::sync_copies::{self, Tool};
use crate::model::review::Review;

/// One conflict copy of a review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub path: PathBuf,
    /// The tool whose naming it has; `None` when it was known by its
    /// content alone.
    pub tool: Option<Tool>,
}

impl Found {
    /// Its file name, and who made it, for messages.
    pub fn describe(&self) -> String {
        let name = self
            .path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        match self.tool {
            Some(tool) => format!("{name} ({})", tool.name()),
            None => name,
        }
    }
}

/// The largest copy read: as large as a review file may be.
const CAP: u64 = 64 * 1024 * 1024;

/// Whether `name`, in a folder of inspections, is a conflict copy of some
/// review file (so not an inspection of its own).
pub fn looks_like_a_copy_of_a_review(name: &str) -> bool {
    sync_copies::original_name(name).is_some_and(|(original, _)| {
        original.ends_with(".review.yaml") || original.ends_with(".review.yml")
    })
}

/// One folder's names, each weighed once: the conflict copies in it by the
/// review each is a copy of, and the reviews named for no inspection there.
/// Listing a folder once serves every review in it, where asking of each
/// review in turn would weigh every name again for each.
pub struct Listing {
    folder: PathBuf,
    /// By a review's file name, the copies of it (their names and tools),
    /// in name order.
    copies: HashMap<String, Vec<(String, Tool)>>,
    /// Reviews (`NAME.review.yaml`) with no `NAME.yaml` beside them, in
    /// name order: copies known only by their content, perhaps.
    orphans: Vec<String>,
}

impl Listing {
    /// The copies and orphaned reviews in `folder`. An inspection's own
    /// review is never a copy, however like one its name reads; hidden
    /// files are passed over.
    pub fn of(folder: &Path) -> Self {
        let names = file_names(folder);
        let mut copies: HashMap<String, Vec<(String, Tool)>> = HashMap::new();
        let mut orphans = Vec::new();
        for name in &names {
            if name.starts_with('.') || own_review(name, &names) {
                continue;
            }
            let originals = sync_copies::originals(name);
            if originals.is_empty() {
                if orphan(name, &names) {
                    orphans.push(name.clone());
                }
                continue;
            }
            for (original, tool) in originals {
                copies
                    .entry(original)
                    .or_default()
                    .push((name.clone(), tool));
            }
        }
        for list in copies.values_mut() {
            list.sort();
        }
        orphans.sort();
        Listing {
            folder: folder.to_path_buf(),
            copies,
            orphans,
        }
    }

    /// How many copies of the review named `review` are here, by name.
    pub fn copies_by_name(&self, review: &str) -> usize {
        self.copies.get(review).map_or(0, Vec::len)
    }

    /// The orphaned reviews, as paths.
    pub fn orphans(&self) -> impl Iterator<Item = PathBuf> + '_ {
        self.orphans.iter().map(|name| self.folder.join(name))
    }

    /// Whether anything here could be a copy of the review named `review`:
    /// a copy by name, or an orphaned review (whose content decides).
    pub fn may_hold_copies_of(&self, review: &str) -> bool {
        self.copies_by_name(review) > 0 || self.orphans.iter().any(|name| name != review)
    }

    /// The conflict copies of the review named `review`, of the inspection
    /// `id`: the copies by name, and the orphaned reviews, each read far
    /// enough to see that it is a review of `id`; what is not (another
    /// inspection's, not a review, unreadable) is passed over.
    pub fn copies_of(&self, review: &str, id: &str) -> Vec<Found> {
        let by_name = self.copies.get(review).map_or(&[][..], Vec::as_slice);
        let mut found: Vec<Found> = by_name
            .iter()
            .map(|(name, tool)| Found {
                path: self.folder.join(name),
                tool: Some(*tool),
            })
            .chain(
                self.orphans
                    .iter()
                    .filter(|name| *name != review)
                    .map(|name| Found {
                        path: self.folder.join(name),
                        tool: None,
                    }),
            )
            .filter(|found| {
                super::store::read_regular(&found.path, CAP)
                    .ok()
                    .and_then(|bytes| super::review_file::inspection_id_of(&bytes))
                    .is_some_and(|of| of == id)
            })
            .collect();
        found.sort_by(|a, b| a.path.cmp(&b.path));
        found
    }
}

/// The conflict copies beside the review at `review`, of the inspection
/// `id` (`Listing::copies_of` of its folder).
pub fn of_review(review: &Path, id: &str) -> Vec<Found> {
    let Some(own) = review.file_name().and_then(|n| n.to_str()) else {
        return Vec::new();
    };
    Listing::of(&super::store::folder_of(review)).copies_of(own, id)
}

/// The names of the regular files in `folder` (those that are text).
fn file_names(folder: &Path) -> HashSet<String> {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return HashSet::new();
    };
    entries
        .flatten()
        .filter(|entry| entry.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|entry| entry.file_name().into_string().ok())
        .collect()
}

/// The inspection a review's name (`NAME.review.yaml`, not hidden) is for,
/// `NAME.yaml`, as `ReviewPaths::inspection` names it.
fn inspection_of(name: &str) -> Option<String> {
    if name.starts_with('.') {
        return None;
    }
    crate::files::paths::ReviewPaths::new(name)
        .inspection()
        .map(|inspection| inspection.to_string_lossy().into_owned())
}

/// Whether `name` is a review's whose inspection is not among `names`.
fn orphan(name: &str, names: &HashSet<String>) -> bool {
    inspection_of(name).is_some_and(|inspection| !names.contains(&inspection))
}

/// Whether `name` is the review of an inspection among `names`: that
/// inspection's own, however like a copy its name reads
/// (`REPORT-A.review.yaml` beside `REPORT-A.yaml`).
fn own_review(name: &str, names: &HashSet<String>) -> bool {
    inspection_of(name).is_some_and(|inspection| names.contains(&inspection))
}

/// Read a copy as a review of `id`; the error names the file.
pub fn read(found: &Found, id: &str) -> Result<Review, String> {
    let bytes = super::store::read_regular(&found.path, CAP)
        .map_err(|e| format!("{}: cannot read it: {e}", found.path.display()))?;
    super::review_file::load_review(&bytes, id).map_err(|d| {
        let all = d.render(&found.path.display().to_string());
        all.lines().next().unwrap_or("not a review file").to_owned()
    })
}

/// Move a merged copy aside, beside where it was, under
/// `sync_copies::backup_name` (never over a file there); the new path.
pub fn set_aside(found: &Found, at: jiff::Timestamp) -> std::io::Result<PathBuf> {
    let name = found
        .path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let mut target = found
        .path
        .with_file_name(sync_copies::backup_name(&name, at));
    let mut n = 1;
    while std::fs::symlink_metadata(&target).is_ok() {
        n += 1;
        target = found
            .path
            .with_file_name(format!("{}-{n}", sync_copies::backup_name(&name, at)));
    }
    std::fs::rename(&found.path, &target)?;
    Ok(target)
}

/// What the overview finds beside its inspections' reviews.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Beside {
    /// How many conflict copies, by their names, lie beside each
    /// inspection's review (`NAME.review.yaml`), for those with any.
    pub copies: Vec<(PathBuf, usize)>,
    /// Review files named for no inspection file beside them
    /// (`X.review.yaml` with no `X.yaml`): a copy known by its content
    /// once its inspection is opened, or a review whose inspection was
    /// renamed.
    pub orphans: Vec<PathBuf>,
}

/// For the overview: the conflict copies and orphaned reviews beside these
/// inspections. Each folder is listed once and each name in it weighed
/// once, so a folder of thousands of inspections costs one pass.
pub fn counted_beside(inspections: &[PathBuf]) -> Beside {
    let mut listings: HashMap<PathBuf, Listing> = HashMap::new();
    let mut copies = Vec::new();
    for inspection in inspections {
        let folder = super::store::folder_of(inspection);
        let listing = listings
            .entry(folder)
            .or_insert_with_key(|folder| Listing::of(folder));
        let review = crate::files::paths::ReviewPaths::beside(inspection).name();
        let n = listing.copies_by_name(&review);
        if n > 0 {
            copies.push((inspection.clone(), n));
        }
    }
    let mut orphans: Vec<PathBuf> = listings.values().flat_map(Listing::orphans).collect();
    orphans.sort();
    Beside { copies, orphans }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_tools_copy_of_a_review_is_told_from_an_inspection() {
        for name in [
            "prevent-2020-DESKTOP-AB12.review.yaml",
            "prevent-2020.review-DESKTOP-AB12.yaml",
            "prevent-2020.review-LAPTOP-7QX2-2.yaml",
            "prevent-2020 (conflicted copy 2026-11-30).review.yaml",
            "prevent-2020.review (Ann's conflicted copy 2026-11-30).yaml",
            "prevent-2020.review (conflicted copy 2026-11-30 101500).yaml",
            "prevent-2020.review_conflict-20261130-101500.yaml",
            "prevent-2020.sync-conflict-20261130-101500-ABCDEFG.review.yaml",
            "prevent-2020.review.sync-conflict-20261130-101500-ABCDEFG.yaml",
            "prevent-2020.review (1).yaml",
        ] {
            assert!(looks_like_a_copy_of_a_review(name), "{name}");
        }
        for name in [
            "prevent-2020.yaml",
            "prevent-2020.review.yaml",
            "thames-valley-2024.yaml",
            "report (final).yaml",
            "prevent-2020-DESKTOP-AB12.yaml",
        ] {
            assert!(!looks_like_a_copy_of_a_review(name), "{name}");
        }
    }

    #[test]
    fn an_inspections_own_review_is_never_counted_a_copy_of_anothers() {
        let dir = std::env::temp_dir().join(format!("scrutiny-beside-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("dir");
        for name in [
            "REPORT.yaml",
            "REPORT-A.yaml",
            // REPORT-A's own review, though `-A` reads like a machine.
            "REPORT-A.review.yaml",
            "REPORT-DESKTOP-AB12.review.yaml",
            "lost.review.yaml",
        ] {
            std::fs::write(dir.join(name), "").expect("write");
        }
        let beside = counted_beside(&[dir.join("REPORT.yaml"), dir.join("REPORT-A.yaml")]);
        assert_eq!(beside.copies, [(dir.join("REPORT.yaml"), 1)]);
        assert_eq!(beside.orphans, [dir.join("lost.review.yaml")]);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
