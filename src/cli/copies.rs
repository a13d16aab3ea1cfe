//! `scrutiny merge-copies DIR`: every sync tool's conflict copy of a review
//! in the folder merged into that review, item by item (`merge_copy`), the
//! review saved, then the copy moved aside; a line said for each.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::files::copies::{self, Found, Listing};
use crate::files::lock::{self, Lock};
use crate::files::store;
use crate::files::workspace::{Pair, discover, load_pair};
use crate::model::merge::merge_copy;

pub fn run(dir: &Path, dry_run: bool) -> ExitCode {
    if !dir.is_dir() {
        crate::text::error(&format!("{}: not a folder", dir.display()));
        return ExitCode::from(2);
    }
    let files = match discover(&[dir.to_path_buf()]) {
        Ok(files) => files,
        Err(e) => {
            crate::text::error(&e);
            return ExitCode::from(1);
        }
    };
    let mut all_well = true;
    let mut any = false;
    // Each folder's names weighed once for all its reviews; an inspection
    // with nothing beside its review that could be a copy is not read.
    let mut listings: HashMap<PathBuf, Listing> = HashMap::new();
    for file in &files {
        let review = store::default_review_path(file);
        let listing = listings
            .entry(store::folder_of(&review))
            .or_insert_with_key(|folder| Listing::of(folder));
        let Some(name) = review.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        if !listing.may_hold_copies_of(name) {
            continue;
        }
        let pair = match load_pair(file, None) {
            Ok(pair) => pair,
            Err(e) => {
                crate::text::error(&format!("{e}; its copies, if any, were not merged"));
                all_well = false;
                continue;
            }
        };
        let found = listing.copies_of(name, &pair.inspection.meta.id);
        if found.is_empty() {
            continue;
        }
        any = true;
        match merge_into(&pair, &found, dry_run) {
            Ok((said, clean)) => {
                crate::text::print(&said);
                all_well &= clean;
            }
            Err(e) => {
                crate::text::error(&e);
                all_well = false;
            }
        }
    }
    if !any {
        crate::text::print(&format!(
            "{}: no conflict copies of a review found\n",
            dir.display()
        ));
    }
    if all_well {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// Merge `found` into the pair's review, holding its lock; what was done,
/// and whether it merged without a clash.
fn merge_into(pair: &Pair, found: &[Found], dry_run: bool) -> Result<(String, bool), String> {
    let review_path = &pair.review_path;
    let name = review_path.display().to_string();
    let held = match lock::acquire(review_path) {
        Ok(Lock::Acquired(held)) => held,
        Ok(Lock::HeldBy(who)) => {
            return Err(format!(
                "{name}: open in scrutiny ({who}); merge its copies there (M), or once it quits"
            ));
        }
        Err(e) => return Err(format!("{name}: cannot lock it: {e}")),
    };
    // Read again under the lock: the file as it is now.
    let loaded = store::read_review(review_path, &pair.inspection).map_err(|e| e.to_string())?;
    let mut review = loaded.review;
    let mut said = String::new();
    let mut clean = true;
    let mut merged_in = Vec::new();
    for copy in found {
        let theirs = match copies::read(copy, &pair.inspection.meta.id) {
            Ok(theirs) => theirs,
            Err(e) => {
                let _ = writeln!(said, "{name}: {e}; not merged, left where it is");
                clean = false;
                continue;
            }
        };
        let (merged, conflicts) = merge_copy(&review, &theirs);
        let taken = merged
            .ids()
            .filter(|id| merged.entry(id) != review.entry(id))
            .count();
        let _ = write!(
            said,
            "{name}: {} {}: {} taken from it",
            if dry_run { "would merge" } else { "merged" },
            copy.describe(),
            crate::text::counted(taken, "item", "items")
        );
        if conflicts.is_empty() {
            said.push('\n');
        } else {
            clean = false;
            let _ = writeln!(
                said,
                "; changed on both sides: {} (both versions kept, marked ! in scrutiny to settle)",
                conflicts.join(", ")
            );
        }
        review = merged;
        merged_in.push(copy);
    }
    if dry_run || merged_in.is_empty() {
        return Ok((said, clean));
    }
    let text = crate::files::review_file::to_yaml(&review, &pair.inspection);
    store::save_review(review_path, &text, loaded.on_disk.as_deref()).map_err(|e| {
        format!("{name}: {e}; nothing merged was written, and every copy is where it was")
    })?;
    let now = jiff::Timestamp::now();
    for copy in merged_in {
        match copies::set_aside(copy, now) {
            Ok(to) => {
                let _ = writeln!(said, "  {} kept as {}", copy.describe(), to.display());
            }
            Err(e) => {
                clean = false;
                let _ = writeln!(
                    said,
                    "  {}: merged, but cannot be moved aside ({e}); merging it again changes nothing",
                    copy.path.display()
                );
            }
        }
    }
    drop(held);
    Ok((said, clean))
}
