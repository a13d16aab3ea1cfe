//! Combining two versions of a review item by item, so that neither
//! reviewer's work is lost.

use super::review::{Entry, Fields, Review};

/// Merge `ours` and `theirs`, both descended from `base`, item by item.
/// An item changed on one side takes that side. An item changed on both
/// sides (differently) keeps ours, gains the other side's history, and
/// holds the other version as a conflict for the reviewer to settle, so
/// nothing is dropped. Returns the merged review and the conflicted ids.
pub fn merge(base: &Review, ours: &Review, theirs: &Review) -> (Review, Vec<String>) {
    let mut merged = theirs.clone();
    let mut conflicts = Vec::new();
    let listed: std::collections::HashSet<&String> = ours.file_order.iter().collect();
    let mut ids: Vec<&String> = ours.file_order.iter().collect();
    ids.extend(ours.ids().filter(|id| !listed.contains(id)));
    for id in ids {
        let Some(mine) = ours.entry(id) else { continue };
        let old = base.entry(id);
        if old == Some(mine) {
            continue; // unchanged here: theirs stands
        }
        match theirs.entry(id) {
            Some(other) if Some(other) != old && other.fields() != mine.fields() => {
                conflicts.push(id.clone());
                merged.put(id, combine(mine, other));
            }
            Some(other) if Some(other) != old => {
                // The same fields on both sides: keep both histories.
                merged.put(id, combine_history(mine, other));
            }
            _ => merged.put(id, mine.clone()),
        }
    }
    (merged, conflicts)
}

fn combine_history(mine: &Entry, other: &Entry) -> Entry {
    let mut out = mine.clone();
    for event in &other.history {
        if !out.history.contains(event) {
            out.history.push(event.clone());
        }
    }
    out.history.sort_by_key(|e| e.at);
    out.updated = mine.updated.max(other.updated);
    if out.conflict.is_none() {
        out.conflict.clone_from(&other.conflict);
    }
    out
}

fn combine(mine: &Entry, other: &Entry) -> Entry {
    let mut out = combine_history(mine, other);
    out.conflict = Some(other.fields());
    out
}

/// Marks where the other version's note begins in a combined note.
pub const OTHER_NOTE_MARK: &str = "--- the other version of this note ---";

/// Both versions in one: our status and owner (theirs where ours has
/// none), and both notes, ours first.
pub fn both(mine: &Fields, other: &Fields) -> Fields {
    let note = match (&mine.note, &other.note) {
        (Some(a), Some(b)) if a != b => Some(format!("{a}\n\n{OTHER_NOTE_MARK}\n{b}")),
        (None, Some(b)) => Some(b.clone()),
        (a, _) => a.clone(),
    };
    Fields {
        status: mine.status,
        owner: mine.owner.clone().or_else(|| other.owner.clone()),
        note,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::review::{Stamp, Status};

    fn stamp(second: i64, by: &str) -> Stamp {
        Stamp {
            at: jiff::Timestamp::from_second(1_800_000_000 + second).expect("time"),
            by: by.into(),
        }
    }

    #[test]
    fn changes_to_different_items_combine() {
        let base = Review::new("x");
        let mut ours = base.clone();
        ours.set_status("R1", Status::Accepted, &stamp(1, "a"));
        let mut theirs = base.clone();
        theirs.set_status("R2", Status::Complete, &stamp(2, "b"));
        let (merged, conflicts) = merge(&base, &ours, &theirs);
        assert!(conflicts.is_empty());
        assert_eq!(merged.status("R1"), Status::Accepted);
        assert_eq!(merged.status("R2"), Status::Complete);
    }

    #[test]
    fn the_same_item_changed_on_both_sides_keeps_the_other_version() {
        let base = Review::new("x");
        let mut ours = base.clone();
        ours.set_note("R1", "mine", &stamp(1, "a"));
        let mut theirs = base.clone();
        theirs.set_note("R1", "theirs", &stamp(2, "b"));
        let (merged, conflicts) = merge(&base, &ours, &theirs);
        assert_eq!(conflicts, ["R1"]);
        let entry = merged.entry("R1").expect("entry");
        assert_eq!(entry.note.as_deref(), Some("mine"));
        let other = entry.conflict.as_ref().expect("the other version is kept");
        assert_eq!(other.note.as_deref(), Some("theirs"));
        assert_eq!(entry.history.len(), 2);
        let combined = both(&merged.fields("R1"), other);
        let note = combined.note.expect("note");
        assert!(
            note.starts_with("mine") && note.ends_with("theirs"),
            "{note}"
        );
    }

    #[test]
    fn the_same_change_on_both_sides_is_no_conflict() {
        let base = Review::new("x");
        let mut ours = base.clone();
        ours.set_status("R1", Status::Complete, &stamp(1, "a"));
        let mut theirs = base.clone();
        theirs.set_status("R1", Status::Complete, &stamp(2, "b"));
        let (merged, conflicts) = merge(&base, &ours, &theirs);
        assert!(conflicts.is_empty());
        assert_eq!(merged.entry("R1").map(|e| e.history.len()), Some(2));
    }

    #[test]
    fn a_note_only_on_the_other_side_is_kept_as_the_other_version() {
        let base = Review::new("x");
        let mut ours = base.clone();
        ours.set_status("R1", Status::Accepted, &stamp(1, "a"));
        let mut theirs = base.clone();
        theirs.set_note("R1", "theirs", &stamp(2, "b"));
        let (merged, conflicts) = merge(&base, &ours, &theirs);
        assert_eq!(conflicts, ["R1"]);
        let entry = merged.entry("R1").expect("entry");
        let combined = both(&merged.fields("R1"), entry.conflict.as_ref().expect("kept"));
        assert_eq!(combined.note.as_deref(), Some("theirs"));
        assert_eq!(combined.status, Status::Accepted);
    }
}
