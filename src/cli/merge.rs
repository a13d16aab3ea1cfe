//! `scrutiny merge BASE OURS THEIRS`: a git merge driver for review files.
//!
//! ```text
//! git config merge.scrutiny.name "scrutiny review files"
//! git config merge.scrutiny.driver "scrutiny merge %O %A %B %P"
//! echo '*.review.yaml merge=scrutiny' >> .gitattributes
//! ```
//!
//! Items changed on one side take that side; an item changed on both sides
//! keeps ours and holds theirs as a `conflict:` that scrutiny shows and lets
//! the reviewer settle. The result is written over OURS, as git expects.

use std::path::Path;

use crate::files::review_file::{inspection_id_of, to_yaml_in_order};
use crate::model::merge::merge;
use crate::{files::load_review, model::Review};

/// What became of a merge.
pub enum Outcome {
    /// Merged cleanly.
    Clean,
    /// Written, with these ids holding both versions.
    Conflicts(Vec<String>),
}

fn read(path: &Path, name: &str) -> Result<Vec<u8>, String> {
    crate::files::store::read_regular(path, crate::files::store::MAX_FILE_BYTES)
        .map_err(|e| format!("{name}: cannot read: {e}"))
}

fn load(name: &str, bytes: &[u8], id: &str) -> Result<Review, String> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        // No common ancestor: git passes an empty file.
        return Ok(Review::new(id));
    }
    load_review(bytes, id).map_err(|d| d.render(name).trim_end().to_owned())
}

/// What the messages call the three versions: the file's real path (git's
/// `%P`) where it is known, not git's temporary names.
pub fn names(ours: &Path, path: Option<&Path>) -> [String; 3] {
    let real = crate::text::inert_line(&path.unwrap_or(ours).display().to_string()).into_owned();
    [
        format!("{real} (the common ancestor)"),
        real.clone(),
        format!("{real} (the other branch's version)"),
    ]
}

/// Both sides' item orders as one, each id once: ours, with each id only
/// theirs has placed right after the id that comes before it on their
/// side. Both files follow their inspection's order, so this keeps it.
fn interleave(ours: &[String], theirs: &[String]) -> Vec<String> {
    use std::collections::{HashMap, HashSet};
    let mine: HashSet<&str> = ours.iter().map(String::as_str).collect();
    // Their ids that we lack, by the last id of ours before them on their
    // side (`None`: before any).
    let mut follow: HashMap<Option<&str>, Vec<&String>> = HashMap::new();
    let mut after: Option<&str> = None;
    for id in theirs {
        if mine.contains(id.as_str()) {
            after = Some(id);
        } else {
            follow.entry(after).or_default().push(id);
        }
    }
    let mut order: Vec<String> = Vec::with_capacity(ours.len() + theirs.len());
    let mut seen: HashSet<&str> = HashSet::with_capacity(ours.len());
    order.extend(follow.remove(&None).into_iter().flatten().cloned());
    for id in ours {
        if seen.insert(id) {
            order.push(id.clone());
            order.extend(
                follow
                    .remove(&Some(id.as_str()))
                    .into_iter()
                    .flatten()
                    .cloned(),
            );
        }
    }
    order
}

/// The order of the inspection beside the review at `review` (the path git
/// gives as `%P`), if it can be found and read.
fn inspection_order(review: &Path) -> Option<Vec<String>> {
    let path = crate::files::paths::ReviewPaths::new(review).inspection()?;
    let (inspection, _) = crate::files::store::read_inspection(&path).ok()?;
    Some(inspection.items.into_iter().map(|i| i.id).collect())
}

/// Merge the three versions; `path` is where the file lives in the working
/// tree (git's `%P`), used to find the inspection's order of items.
pub fn run(
    base: &Path,
    ours: &Path,
    theirs: &Path,
    path: Option<&Path>,
) -> Result<Outcome, String> {
    let [base_name, our_name, their_name] = names(ours, path);
    let (base_bytes, our_bytes, their_bytes) = (
        read(base, &base_name)?,
        read(ours, &our_name)?,
        read(theirs, &their_name)?,
    );
    let id = inspection_id_of(&our_bytes)
        .or_else(|| inspection_id_of(&their_bytes))
        .ok_or_else(|| {
            format!(
                "{our_name}: not a review file this driver can read (no `inspection:` id); merge it by hand"
            )
        })?;
    let base_review = load(&base_name, &base_bytes, &id)?;
    let our_review = load(&our_name, &our_bytes, &id)?;
    let their_review = load(&their_name, &their_bytes, &id)?;
    let (merged, conflicts) = merge(&base_review, &our_review, &their_review);
    let order = path.and_then(inspection_order).unwrap_or_else(|| {
        // Without the inspection: both sides' orders, each id once.
        interleave(&our_review.file_order, &their_review.file_order)
    });
    let text = to_yaml_in_order(&merged, order.iter().map(String::as_str));
    crate::files::store::write_atomic(ours, text.as_bytes())
        .map_err(|e| format!("{our_name}: cannot write the merge: {e}"))?;
    Ok(if conflicts.is_empty() {
        Outcome::Clean
    } else {
        Outcome::Conflicts(conflicts)
    })
}

#[cfg(test)]
mod tests {
    use super::interleave;
    use proptest::strategy::Strategy as _;

    fn ids(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn orders_are_merged_each_id_once_keeping_both_sides_order() {
        assert_eq!(
            interleave(&ids(&["F1", "F3"]), &ids(&["F1", "F2"])),
            ids(&["F1", "F2", "F3"])
        );
        assert_eq!(
            interleave(&ids(&["F2"]), &ids(&["F1", "F2", "F4"])),
            ids(&["F1", "F2", "F4"])
        );
        assert_eq!(interleave(&[], &ids(&["R1"])), ids(&["R1"]));
    }

    /// Each id of theirs that we lack goes right after the one before it
    /// on their side, one insertion at a time: the rule, written plainly.
    fn one_at_a_time(ours: &[String], theirs: &[String]) -> Vec<String> {
        let mut order = ours.to_vec();
        let mut after: Option<usize> = None;
        for id in theirs {
            if let Some(at) = order.iter().position(|o| o == id) {
                after = Some(at);
                continue;
            }
            let at = after.map_or(0, |a| a + 1);
            order.insert(at, id.clone());
            after = Some(at);
        }
        order
    }

    proptest::proptest! {
        #[test]
        fn merging_orders_follows_the_rule(
            ours in proptest::sample::subsequence((0..30).collect::<Vec<u32>>(), 0..30)
                .prop_shuffle(),
            theirs in proptest::sample::subsequence((0..30).collect::<Vec<u32>>(), 0..30)
                .prop_shuffle(),
        ) {
            let ours: Vec<String> = ours.iter().map(|n| format!("F{n}")).collect();
            let theirs: Vec<String> = theirs.iter().map(|n| format!("F{n}")).collect();
            proptest::prop_assert_eq!(interleave(&ours, &theirs), one_at_a_time(&ours, &theirs));
        }
    }
}
