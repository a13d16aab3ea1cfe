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
    if let Some(theirs) = &other.note
        && mine.note.as_deref() != Some(theirs.as_str())
    {
        let own = mine.note.as_deref().unwrap_or("");
        out.note = Some(format!("{own}\n\n{OTHER_NOTE_MARK}\n{theirs}"));
    }
    if out.owner.is_none() {
        out.owner.clone_from(&other.owner);
    }
    out.updated = mine.updated.max(other.updated);
    out
}
