//! Combining two versions of a review item by item and field by field, so
//! that neither reviewer's work is lost.

use super::node::Node;
use super::response::{Field, Response};
use super::review::{Entry, Fields, Review};

/// Merge `ours` and `theirs`, both descended from `base`, item by item and,
/// within an item, field by field (status, owner, note, and each key this
/// program does not know). A field changed on one side takes that side.
/// A field changed on both sides (differently) keeps ours, and the other
/// side's version of the item is held as a conflict for the reviewer to
/// settle, so nothing is dropped. Histories are joined. Top-level keys
/// this program does not know merge the same way. Returns the merged
/// review and the conflicted ids.
pub fn merge(base: &Review, ours: &Review, theirs: &Review) -> (Review, Vec<String>) {
    let mut merged = theirs.clone();
    merged.extra = merge_keys(&base.extra, &ours.extra, &theirs.extra);
    let mut conflicts = Vec::new();
    let (response, clash) = merge_response(base.response(), ours.response(), theirs.response());
    if clash {
        conflicts.push("response".to_owned());
    }
    if merged.response() != &response {
        *merged.response_mut() = response;
    }
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
            Some(other) if Some(other) != old => {
                let (entry, clash) = merge_entry(old, mine, other);
                if clash {
                    conflicts.push(id.clone());
                }
                merged.put(id, entry);
            }
            _ => merged.put(id, mine.clone()),
        }
    }
    (merged, conflicts)
}

/// Merge `copy`, another version of the same review with no known common
/// ancestor (a sync tool's conflict copy, a fellow reviewer's own file),
/// into `ours`, with the same item merge as `merge`. Each side's history
/// stands in for the ancestor: where one side's events are all in the
/// other's, that side is the older version of the item and the other
/// stands; where each has events the other lacks, both changed it, and a
/// field set differently on the two sides is held as a conflict. Returns
/// the merged review and the conflicted ids.
pub fn merge_copy(ours: &Review, copy: &Review) -> (Review, Vec<String>) {
    let mut base = Review::new(&ours.inspection);
    for id in ours.ids() {
        let (Some(mine), Some(other)) = (ours.entry(id), copy.entry(id)) else {
            continue;
        };
        if let Some(older) = older_of(mine, &mine.history, other, &other.history) {
            base.put(id, older.clone());
        }
    }
    let (mine, other) = (ours.response(), copy.response());
    if let Some(older) = older_of(mine, &mine.history, other, &other.history) {
        *base.response_mut() = older.clone();
    }
    merge(&base, ours, copy)
}

/// Of two versions, the one the other grew from, judged by history (which
/// only grows): the same version, or the one whose every event the other
/// holds too. `None` when each holds events the other lacks, or when they
/// differ with the same events (a hand edit): both changed.
fn older_of<'a, T: PartialEq, E: PartialEq>(
    mine: &'a T,
    my_history: &[E],
    other: &'a T,
    their_history: &[E],
) -> Option<&'a T> {
    let within = |a: &[E], b: &[E]| a.iter().all(|e| b.contains(e));
    if mine == other {
        Some(mine)
    } else if within(their_history, my_history) && !within(my_history, their_history) {
        Some(other)
    } else if within(my_history, their_history) && !within(their_history, my_history) {
        Some(mine)
    } else {
        None
    }
}

/// The `response:` block, field by field: a field changed on one side
/// takes that side; one changed on both (differently) keeps ours, and
/// theirs is held as the block's conflict for the reviewer to settle.
/// Histories are joined; keys this program does not know merge one by one.
/// Also whether any field clashed.
pub fn merge_response(old: &Response, mine: &Response, other: &Response) -> (Response, bool) {
    let mut out = mine.clone();
    let mut clash = false;
    let mut held: Vec<(Field, Option<String>)> = Vec::new();
    for field in Field::ALL {
        let (b, m, o) = (old.get(field), mine.get(field), other.get(field));
        if let Some(value) = pick(&b, &m, &o) {
            // Values `get` gave back are always ones `put` takes.
            let _ = out.put(field, value.as_deref());
        } else {
            clash = true;
            held.push((field, o));
        }
    }
    // Versions held already, on either side, stay held unless settled.
    out.conflict = pick(&old.conflict, &mine.conflict, &other.conflict).unwrap_or_else(|| {
        let mut both = mine.conflict.clone();
        let more = other.conflict.iter().filter(|c| !mine.conflict.contains(c));
        both.extend(more.cloned());
        both
    });
    for (field, value) in held {
        out.conflict.retain(|(f, _)| *f != field);
        out.conflict.push((field, value));
    }
    out.extra = merge_keys(&old.extra, &mine.extra, &other.extra);
    out.chief.extra = merge_keys(&old.chief.extra, &mine.chief.extra, &other.chief.extra);
    for event in &other.history {
        if !out.history.contains(event) {
            out.history.push(event.clone());
        }
    }
    out.history.sort_by_key(|e| e.at);
    (out, clash)
}

/// One value, three ways: the side that changed it, or `None` when both
/// did, differently.
fn pick<T: PartialEq + Clone>(old: &T, mine: &T, other: &T) -> Option<T> {
    if mine == old || mine == other {
        Some(other.clone())
    } else if other == old {
        Some(mine.clone())
    } else {
        None
    }
}

/// Keys this program does not know, merged key by key: one side's change
/// is taken, a clash keeps ours. Ours first, in our order, then keys only
/// the other side has.
pub fn merge_keys(
    old: &[(String, Node)],
    mine: &[(String, Node)],
    other: &[(String, Node)],
) -> Vec<(String, Node)> {
    let get = |list: &[(String, Node)], key: &str| {
        list.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone())
    };
    let mut keys: Vec<&str> = mine.iter().map(|(k, _)| k.as_str()).collect();
    for (k, _) in other.iter().chain(old) {
        if !keys.contains(&k.as_str()) {
            keys.push(k);
        }
    }
    keys.into_iter()
        .filter_map(|key| {
            let (b, m, o) = (get(old, key), get(mine, key), get(other, key));
            let value = pick(&b, &m, &o).unwrap_or(m);
            value.map(|v| (key.to_owned(), v))
        })
        .collect()
}

/// Both versions of one item, each changed since `old`. What a reviewer
/// sets (status, owner, note) is one unit: if the two sides hold it
/// differently, ours stands and theirs is held as the conflict. Keys this
/// program does not know merge one by one and never conflict; histories
/// are joined.
fn merge_entry(old: Option<&Entry>, mine: &Entry, other: &Entry) -> (Entry, bool) {
    let empty = Entry::default();
    let old = old.unwrap_or(&empty);
    let (m, o, b) = (mine.fields(), other.fields(), old.fields());
    let mut out = mine.clone();
    if m == b {
        // Only they changed what a reviewer sets: theirs.
        out.status = o.status;
        out.owner.clone_from(&o.owner);
        out.note.clone_from(&o.note);
        out.rag = o.rag;
        out.due = o.due;
        out.signed_off.clone_from(&o.signed_off);
    }
    // Evidence and updates are sets: both sides' kept. A sign-off is a
    // field: one side's change taken, a clash keeping ours.
    for evidence in &other.evidence {
        if !out.evidence.contains(evidence) {
            out.evidence.push(evidence.clone());
        }
    }
    for related in &other.related {
        if !out.related.contains(related) {
            out.related.push(related.clone());
        }
    }
    for update in &other.updates {
        if !out.updates.contains(update) {
            out.updates.push(update.clone());
        }
    }
    out.updates.sort_by_key(|u| u.at);
    let clash = m != b && o != b && m != o;
    out.extra = merge_keys(&old.extra, &mine.extra, &other.extra);
    join_history(&mut out.history, &other.history);
    out.updated = mine.updated.max(other.updated);
    // A conflict one side settled stays settled; versions held on both
    // sides are both kept. Settling one stamps the entry, so a conflict
    // gone from their side with no later stamp was not settled there (an
    // older copy of the file, a revert) and ours stands.
    let dropped_unsettled = old.conflict.is_some()
        && other.conflict.is_none()
        && other.updated <= old.updated
        && other.history.len() <= old.history.len();
    out.conflict = if dropped_unsettled {
        mine.conflict.clone()
    } else {
        match pick(&old.conflict, &mine.conflict, &other.conflict) {
            Some(conflict) => conflict,
            None => fold(mine.conflict.clone(), other.conflict.clone()),
        }
    };
    if clash {
        out.conflict = fold(out.conflict, Some(o));
    }
    (out, clash)
}

/// Add to `history` the events of `other` it lacks, oldest first (events
/// at the same moment keep their order): history only grows.
pub fn join_history(history: &mut Vec<super::review::Event>, other: &[super::review::Event]) {
    for event in other {
        if !history.contains(event) {
            history.push(event.clone());
        }
    }
    history.sort_by_key(|e| e.at);
}

/// Whether the note `other` holds text that `mine` does not: a version
/// that must be held beside ours (as a conflict) when ours is kept or
/// brought back over it.
pub fn has_text_beyond(mine: Option<&str>, other: Option<&str>) -> bool {
    other.is_some_and(|note| !note.trim().is_empty() && !mine.unwrap_or("").contains(note))
}

/// Two held versions as one, neither lost.
pub fn fold(a: Option<Fields>, b: Option<Fields>) -> Option<Fields> {
    match (a, b) {
        (None, x) | (x, None) => x,
        (Some(a), Some(b)) if a == b => Some(a),
        (Some(a), Some(b)) => Some(both(&a, &b)),
    }
}

/// Ids of items whose work `base` held and `theirs` no longer does: the
/// entry gone, or its history cut back (history only grows). That is what
/// a revert, a checkout or a stash does to a review file, not another
/// reviewer's save nor a hand edit: it is asked about, never merged in
/// quietly.
pub fn lost(base: &Review, theirs: &Review) -> Vec<String> {
    let listed: std::collections::HashSet<&String> = base.file_order.iter().collect();
    let mut ids: Vec<&String> = base.file_order.iter().collect();
    ids.extend(base.ids().filter(|id| !listed.contains(id)));
    ids.into_iter()
        .filter(|id| {
            let Some(before) = base.entry(id) else {
                return false;
            };
            let Some(now) = theirs.entry(id) else {
                return true;
            };
            // Every earlier event still there, in order (each matched once:
            // the same event twice is two); anything else is a cut.
            let mut later = now.history.iter();
            !before.history.iter().all(|event| later.any(|e| e == event))
        })
        .cloned()
        .collect()
}

/// Marks where the other version's note begins in a combined note.
pub const OTHER_NOTE_MARK: &str = "--- the other version of this note ---";

/// Both versions in one: our status, owner, RAG, revised date and sign-off
/// (theirs where ours has none), and both notes, ours first.
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
        rag: mine.rag.or(other.rag),
        due: mine.due.or(other.due),
        signed_off: mine.signed_off.clone().or_else(|| other.signed_off.clone()),
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
    fn a_copy_takes_what_only_it_changed_and_holds_a_clash() {
        let mut start = Review::new("x");
        start.set_note("R1", "first", &stamp(1, "a"));
        start.set_status("R2", Status::Accepted, &stamp(2, "a"));
        // Ours went on with R1; the copy with R2, R3, and R1 differently.
        let mut ours = start.clone();
        ours.set_status("R1", Status::Complete, &stamp(3, "a"));
        let mut copy = start.clone();
        copy.set_note("R2", "from the laptop", &stamp(4, "b"));
        copy.set_note("R3", "new there", &stamp(5, "b"));
        let (merged, conflicts) = merge_copy(&ours, &copy);
        assert!(conflicts.is_empty(), "{conflicts:?}");
        assert_eq!(merged.status("R1"), Status::Complete);
        assert_eq!(merged.fields("R2").note.as_deref(), Some("from the laptop"));
        assert_eq!(merged.fields("R3").note.as_deref(), Some("new there"));
        // Both then change R1's note: a clash, theirs held.
        let mut ours2 = merged.clone();
        ours2.set_note("R1", "mine", &stamp(6, "a"));
        let mut copy2 = merged.clone();
        copy2.set_note("R1", "theirs", &stamp(7, "b"));
        let (again, conflicts) = merge_copy(&ours2, &copy2);
        assert_eq!(conflicts, ["R1"]);
        let entry = again.entry("R1").expect("R1");
        assert_eq!(entry.note.as_deref(), Some("mine"));
        assert_eq!(
            entry.conflict.as_ref().and_then(|c| c.note.as_deref()),
            Some("theirs")
        );
        // An older copy changes nothing.
        let (same, conflicts) = merge_copy(&ours2, &start);
        assert!(conflicts.is_empty());
        assert_eq!(same.entry("R1"), ours2.entry("R1"));
        assert_eq!(same.entry("R2"), ours2.entry("R2"));
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

    /// A base that holds R1's note on both sides: "mine" as the note, and
    /// "theirs" as a conflict to settle.
    fn conflicted() -> Review {
        let base = Review::new("x");
        let mut ours = base.clone();
        ours.set_note("R1", "mine", &stamp(1, "a"));
        let mut theirs = base.clone();
        theirs.set_note("R1", "theirs", &stamp(2, "b"));
        merge(&base, &ours, &theirs).0
    }

    #[test]
    fn a_conflict_settled_on_the_other_side_stays_settled() {
        let base = conflicted();
        let mut theirs = base.clone();
        let fields = theirs.fields("R1");
        assert!(theirs.resolve("R1", &fields, &stamp(5, "b")));
        let (merged, _) = merge(&base, &base.clone(), &theirs);
        assert_eq!(merged.entry("R1").and_then(|e| e.conflict.clone()), None);
    }

    #[test]
    fn a_conflict_gone_from_an_older_copy_of_the_file_is_kept() {
        let base = conflicted();
        // The file went back to a copy from before the conflict was held
        // (a revert, a sync tool's older copy): nothing settled it.
        let mut theirs = base.clone();
        assert!(theirs.set_conflict("R1", None));
        let mut ours = base.clone();
        ours.set_note("R1", "mine, and more", &stamp(6, "a"));
        let (merged, _) = merge(&base, &ours, &theirs);
        let entry = merged.entry("R1").expect("entry");
        assert_eq!(entry.note.as_deref(), Some("mine, and more"));
        let held = entry.conflict.as_ref().expect("still held");
        assert_eq!(held.note.as_deref(), Some("theirs"));
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
