//! Combining two versions of a review item by item, so that neither
//! reviewer's work is lost.

use super::review::{Entry, Review};

/// Merge `ours` and `theirs`, both descended from `base`. Items changed on
/// one side only take that side; items changed on both sides keep ours, gain
/// the other side's history, and, where the notes differ, hold both notes.
/// Returns the merged review and the ids changed on both sides.
pub fn merge(base: &Review, ours: &Review, theirs: &Review) -> (Review, Vec<String>) {
    let mut merged = theirs.clone();
    let mut conflicts = Vec::new();
    let mut ids: Vec<&String> = ours.file_order.iter().collect();
    ids.extend(ours.ids().filter(|id| !ours.file_order.contains(id)));
    for id in ids {
        let Some(mine) = ours.entry(id) else { continue };
        let old = base.entry(id);
        if old == Some(mine) {
            continue; // unchanged here: theirs stands
        }
        match theirs.entry(id) {
            Some(other) if Some(other) != old && other != mine => {
                conflicts.push(id.clone());
                merged.put(id, combine(mine, other));
            }
            _ => merged.put(id, mine.clone()),
        }
    }
    (merged, conflicts)
}

/// Marks where the other reviewer's note begins inside a combined note.
pub const OTHER_NOTE_MARK: &str = "--- other version of this note, from the file on disk ---";

fn combine(mine: &Entry, other: &Entry) -> Entry {
    let mut out = mine.clone();
    for event in &other.history {
        if !out.history.contains(event) {
            out.history.push(event.clone());
        }
    }
    out.history.sort_by_key(|e| e.at);
    out.note = match (&mine.note, &other.note) {
        (Some(own), Some(theirs)) if own != theirs => {
            Some(format!("{own}\n\n{OTHER_NOTE_MARK}\n{theirs}"))
        }
        (None, Some(theirs)) => Some(theirs.clone()),
        (own, _) => own.clone(),
    };
    if out.owner.is_none() {
        out.owner.clone_from(&other.owner);
    }
    out.updated = mine.updated.max(other.updated);
    out
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
    fn the_same_item_changed_on_both_sides_keeps_both_notes_and_histories() {
        let base = Review::new("x");
        let mut ours = base.clone();
        ours.set_note("R1", "mine", &stamp(1, "a"));
        let mut theirs = base.clone();
        theirs.set_note("R1", "theirs", &stamp(2, "b"));
        let (merged, conflicts) = merge(&base, &ours, &theirs);
        assert_eq!(conflicts, ["R1"]);
        let entry = merged.entry("R1").expect("entry");
        let note = entry.note.as_deref().expect("note");
        assert!(
            note.starts_with("mine") && note.ends_with("theirs"),
            "{note}"
        );
        assert_eq!(entry.history.len(), 2);
    }

    #[test]
    fn a_note_only_on_the_other_side_is_taken_whole() {
        let base = Review::new("x");
        let mut ours = base.clone();
        ours.set_status("R1", Status::Accepted, &stamp(1, "a"));
        let mut theirs = base.clone();
        theirs.set_note("R1", "theirs", &stamp(2, "b"));
        let (merged, _) = merge(&base, &ours, &theirs);
        assert_eq!(
            merged.entry("R1").and_then(|e| e.note.as_deref()),
            Some("theirs")
        );
        assert_eq!(merged.status("R1"), Status::Accepted);
    }
}
