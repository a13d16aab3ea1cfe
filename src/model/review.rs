//! The reviewer's work on one inspection: a status, owner, note and history
//! per item.

use std::collections::HashMap;

use jiff::Timestamp;

use super::node::Node;
use super::response::Response;
use super::tracking::{Rag, SignOff, Update};
use jiff::civil::Date;

/// Review statuses, in the order FORMAT.md lists them; keys `1`..`6` pick
/// them in this order.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
pub enum Status {
    #[default]
    Unreviewed,
    Accepted,
    InProgress,
    Complete,
    NotAccepted,
    NotApplicable,
}

impl Status {
    pub const ALL: [Status; 6] = [
        Status::Unreviewed,
        Status::Accepted,
        Status::InProgress,
        Status::Complete,
        Status::NotAccepted,
        Status::NotApplicable,
    ];

    /// Still open: unreviewed, accepted or in progress (not complete, not
    /// accepted, or not applicable).
    pub fn is_open(self) -> bool {
        matches!(
            self,
            Status::Unreviewed | Status::Accepted | Status::InProgress
        )
    }

    /// The name written in the review file.
    pub fn name(self) -> &'static str {
        match self {
            Status::Unreviewed => "unreviewed",
            Status::Accepted => "accepted",
            Status::InProgress => "in-progress",
            Status::Complete => "complete",
            Status::NotAccepted => "not-accepted",
            Status::NotApplicable => "not-applicable",
        }
    }

    /// The status in words, for people.
    pub fn label(self) -> &'static str {
        match self {
            Status::Unreviewed => "Unreviewed",
            Status::Accepted => "Accepted",
            Status::InProgress => "In progress",
            Status::Complete => "Complete",
            Status::NotAccepted => "Not accepted",
            Status::NotApplicable => "Not applicable",
        }
    }

    /// A marker that tells the statuses apart without colour.
    pub fn symbol(self) -> &'static str {
        match self {
            Status::Unreviewed => "○",
            Status::Accepted => "✓",
            Status::InProgress => "◐",
            Status::Complete => "●",
            Status::NotAccepted => "✗",
            Status::NotApplicable => "–",
        }
    }

    pub fn from_name(name: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.name() == name)
    }
}

/// One change to an item, as recorded in its history.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Event {
    pub at: Timestamp,
    pub by: String,
    pub change: Change,
    /// Keys this program does not know, kept as they were.
    #[serde(with = "super::node::extra")]
    pub extra: Vec<(String, Node)>,
}

/// What an event changed. History records the new status or owner, and
/// that the note was edited, without copying the note's text; the new RAG
/// (`Some(None)`: cleared) and due date (`Some(None)`: back to the
/// inspection's own) with the reason for it; evidence added or removed;
/// a sign-off given (`true`) or taken away (`false`).
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct Change {
    pub status: Option<Status>,
    pub owner: Option<String>,
    pub note: Option<NoteChange>,
    pub rag: Option<Option<Rag>>,
    pub due: Option<Option<Date>>,
    pub reason: Option<String>,
    pub evidence: Option<String>,
    pub evidence_removed: Option<String>,
    pub signed_off: Option<bool>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum NoteChange {
    Edited,
    Cleared,
}

impl NoteChange {
    pub fn name(self) -> &'static str {
        match self {
            NoteChange::Edited => "edited",
            NoteChange::Cleared => "cleared",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct Entry {
    pub status: Status,
    pub owner: Option<String>,
    pub note: Option<String>,
    pub updated: Option<Timestamp>,
    /// The reviewer's red/amber/green judgement of the risk to the date.
    pub rag: Option<Rag>,
    /// The revised due date; the inspection's own stays the original.
    pub due: Option<Date>,
    /// What shows the work is done.
    pub evidence: Vec<String>,
    /// Closure confirmed by a second person.
    pub signed_off: Option<SignOff>,
    /// Dated progress updates, oldest first; only ever added to.
    pub updates: Vec<Update>,
    /// The same matter in other reports.
    pub related: Vec<super::tracking::Related>,
    pub history: Vec<Event>,
    /// Another version of this item, changed at the same time elsewhere
    /// (another reviewer, another branch), kept until the reviewer chooses.
    pub conflict: Option<Fields>,
    #[serde(with = "super::node::extra")]
    pub extra: Vec<(String, Node)>,
}

impl Entry {
    /// The status, owner, note, RAG and revised date: what a reviewer sets.
    pub fn fields(&self) -> Fields {
        Fields {
            status: self.status,
            owner: self.owner.clone(),
            note: self.note.clone(),
            rag: self.rag,
            due: self.due,
            signed_off: self.signed_off.clone(),
        }
    }
}

/// The parts of an entry a reviewer sets, as one value: what undo restores.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Fields {
    pub status: Status,
    pub owner: Option<String>,
    pub note: Option<String>,
    pub rag: Option<Rag>,
    pub due: Option<Date>,
    pub signed_off: Option<SignOff>,
}

/// Who made a change and when.
#[derive(Debug, Clone)]
pub struct Stamp {
    pub at: Timestamp,
    pub by: String,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Review {
    pub inspection: String,
    entries: HashMap<String, Entry>,
    /// Changes whenever the entries do, and no two reviews with different
    /// entries share one: what is counted from them can be kept until then.
    /// Never written: a review read back takes a new one.
    #[serde(skip, default = "next_version")]
    version: u64,
    /// Ids in the order the file listed them; orphans are saved in this order.
    pub file_order: Vec<String>,
    /// The published response (`response:`), empty when the file has none.
    response: Response,
    /// Top-level keys this program does not know.
    #[serde(with = "super::node::extra")]
    pub extra: Vec<(String, Node)>,
}

/// Reviews are equal when they hold the same; their versions do not count.
impl PartialEq for Review {
    fn eq(&self, other: &Self) -> bool {
        self.inspection == other.inspection
            && self.entries == other.entries
            && self.file_order == other.file_order
            && self.response == other.response
            && self.extra == other.extra
    }
}

fn next_version() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

impl Review {
    pub fn new(inspection: impl Into<String>) -> Self {
        Review {
            inspection: inspection.into(),
            entries: HashMap::new(),
            version: next_version(),
            file_order: Vec::new(),
            response: Response::default(),
            extra: Vec::new(),
        }
    }

    /// The `response:` block.
    pub fn response(&self) -> &Response {
        &self.response
    }

    /// The `response:` block, to change: the version moves on.
    pub fn response_mut(&mut self) -> &mut Response {
        self.version = next_version();
        &mut self.response
    }

    pub fn entry(&self, id: &str) -> Option<&Entry> {
        self.entries.get(id)
    }

    /// Ids of entries whose item is no longer in `inspection`, in the
    /// order the file had them.
    pub fn orphans(&self, inspection: &super::Inspection) -> Vec<String> {
        self.file_order
            .iter()
            .filter(|id| inspection.get(id).is_none())
            .cloned()
            .collect()
    }

    /// Which state the entries are in: equal versions, equal entries.
    pub fn version(&self) -> u64 {
        self.version
    }

    /// The entries, to change: the version moves on.
    fn entries_mut(&mut self) -> &mut HashMap<String, Entry> {
        self.version = next_version();
        &mut self.entries
    }

    pub fn status(&self, id: &str) -> Status {
        self.entries
            .get(id)
            .map_or(Status::Unreviewed, |e| e.status)
    }

    pub fn ids(&self) -> impl Iterator<Item = &String> {
        self.entries.keys()
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Every entry, in no order.
    pub fn entries(&self) -> impl Iterator<Item = (&String, &Entry)> {
        self.entries.iter()
    }

    /// Take the entry of `id` out (the register moving entries between
    /// the reviews it joins; never a reviewer's change).
    pub fn remove(&mut self, id: &str) -> Option<Entry> {
        self.file_order.retain(|kept| kept != id);
        self.entries_mut().remove(id)
    }

    /// Add an entry as read from a file.
    pub fn insert_loaded(&mut self, id: String, entry: Entry) {
        self.file_order.push(id.clone());
        self.entries_mut().insert(id, entry);
    }

    /// The status, owner and note of `id`.
    pub fn fields(&self, id: &str) -> Fields {
        self.entries
            .get(id)
            .map_or_else(Fields::default, Entry::fields)
    }

    /// Set status, owner and note at once, each change recorded in the
    /// history as usual; `false` when nothing changed.
    pub fn set_fields(&mut self, id: &str, fields: &Fields, stamp: &Stamp) -> bool {
        let status = self.set_status(id, fields.status, stamp);
        let owner = self.set_owner(id, fields.owner.as_deref().unwrap_or(""), stamp);
        let note = self.set_note(id, fields.note.as_deref().unwrap_or(""), stamp);
        let rag = self.set_rag(id, fields.rag, stamp);
        // A date set back (undo, a settled conflict) says so as its reason.
        let due = self
            .revise_due(id, fields.due, "set back to an earlier version", stamp)
            .unwrap_or(false);
        let signed = self.put_sign_off(id, fields.signed_off.as_ref(), stamp);
        status || owner || note || rag || due || signed
    }

    /// Ids of the entries holding an unresolved conflict, in file order.
    pub fn conflicts(&self) -> Vec<String> {
        self.file_order
            .iter()
            .filter(|id| self.entries.get(*id).is_some_and(|e| e.conflict.is_some()))
            .cloned()
            .collect()
    }

    /// Settle a conflict with `fields` (either version, or a combination),
    /// recorded in the history like any change; `false` if there was none.
    pub fn resolve(&mut self, id: &str, fields: &Fields, stamp: &Stamp) -> bool {
        let Some(entry) = self.entries_mut().get_mut(id) else {
            return false;
        };
        if entry.conflict.take().is_none() {
            return false;
        }
        self.set_fields(id, fields, stamp);
        if let Some(entry) = self.entries_mut().get_mut(id) {
            entry.updated = Some(stamp.at);
        }
        true
    }

    /// Hold `conflict` as the other version of `id` (or hold none), as undo
    /// and a merge need; `false` when that is what was held already.
    pub fn set_conflict(&mut self, id: &str, conflict: Option<Fields>) -> bool {
        if !Self::can_hold(id) {
            return false;
        }
        if self.entries.get(id).and_then(|e| e.conflict.as_ref()) == conflict.as_ref() {
            return false;
        }
        self.entries_mut()
            .entry(id.to_owned())
            .or_default()
            .conflict = conflict;
        if !self.file_order.iter().any(|listed| listed == id) {
            self.file_order.push(id.to_owned());
        }
        true
    }

    /// Whether the review file can hold an entry for `id`: one too long to
    /// be read back as a key (the limit the loader holds every key to) is
    /// not taken, so every review saved loads again as it was. No
    /// inspection has such an id: the loader refuses it.
    pub fn can_hold(id: &str) -> bool {
        !super::node::too_long(id)
    }

    /// Put an entry in place whole, as a merge does (not for an id the file
    /// cannot hold: `can_hold`).
    pub fn put(&mut self, id: &str, entry: Entry) {
        if !Self::can_hold(id) {
            return;
        }
        if !self.entries.contains_key(id) {
            self.file_order.push(id.to_owned());
        }
        self.entries_mut().insert(id.to_owned(), entry);
    }

    /// Set the status; `false` when it was already that (or `id` is one the
    /// file cannot hold: `can_hold`).
    pub fn set_status(&mut self, id: &str, status: Status, stamp: &Stamp) -> bool {
        if !Self::can_hold(id) {
            return false;
        }
        if self.status(id) == status {
            return false;
        }
        // Away from complete, a sign-off no longer stands (FORMAT.md).
        let withdrawn = status != Status::Complete
            && self.entries.get(id).is_some_and(|e| e.signed_off.is_some());
        self.record(
            id,
            stamp,
            Change {
                status: Some(status),
                signed_off: withdrawn.then_some(false),
                ..Change::default()
            },
        );
        if withdrawn && let Some(entry) = self.entry_mut(id) {
            entry.signed_off = None;
        }
        true
    }

    /// Set the owner (blank clears it; line breaks become spaces); `false`
    /// when unchanged.
    pub fn set_owner(&mut self, id: &str, owner: &str, stamp: &Stamp) -> bool {
        if !Self::can_hold(id) {
            return false;
        }
        // An owner is a name: one line.
        let owner = owner.replace(['\n', '\r'], " ");
        let owner = owner.trim();
        let current = self
            .entries
            .get(id)
            .and_then(|e| e.owner.as_deref())
            .unwrap_or("");
        if current == owner {
            return false;
        }
        self.record(
            id,
            stamp,
            Change {
                owner: Some(owner.to_owned()),
                ..Change::default()
            },
        );
        true
    }

    /// Replace the note, byte for byte (empty clears it); `false` when unchanged.
    pub fn set_note(&mut self, id: &str, note: &str, stamp: &Stamp) -> bool {
        if !Self::can_hold(id) {
            return false;
        }
        let current = self
            .entries
            .get(id)
            .and_then(|e| e.note.as_deref())
            .unwrap_or("");
        if current == note {
            return false;
        }
        let change = if note.is_empty() {
            NoteChange::Cleared
        } else {
            NoteChange::Edited
        };
        self.record(
            id,
            stamp,
            Change {
                note: Some(change),
                ..Change::default()
            },
        );
        if let Some(entry) = self.entries_mut().get_mut(id) {
            entry.note = (!note.is_empty()).then(|| note.to_owned());
        }
        true
    }

    /// The entry of `id`, to change (the version moves on).
    pub(super) fn entry_mut(&mut self, id: &str) -> Option<&mut Entry> {
        self.entries_mut().get_mut(id)
    }

    /// The entry of `id`, made if there is none, to change.
    pub(super) fn entry_or_new(&mut self, id: &str) -> &mut Entry {
        self.entries_mut().entry(id.to_owned()).or_default()
    }

    pub(super) fn record(&mut self, id: &str, stamp: &Stamp, change: Change) {
        let entry = self.entries_mut().entry(id.to_owned()).or_default();
        if let Some(status) = change.status {
            entry.status = status;
        }
        if let Some(owner) = &change.owner {
            entry.owner = (!owner.is_empty()).then(|| owner.clone());
        }
        if let Some(rag) = change.rag {
            entry.rag = rag;
        }
        if let Some(due) = change.due {
            entry.due = due;
        }
        entry.updated = Some(stamp.at);
        entry.history.push(Event {
            at: stamp.at,
            // A name is one line, as the file requires.
            by: stamp.by.replace(['\n', '\r'], " "),
            change,
            extra: Vec::new(),
        });
    }

    /// The entries in save order: the inspection's order, then orphans in
    /// the order the file had them.
    /// The entries as `ordered` gives them for an inspection whose items
    /// stand at `position`: found by looking up each entry, not by going
    /// through every item, so saving a review of a few entries costs the
    /// same however large the inspection.
    pub fn ordered_by(&self, position: impl Fn(&str) -> Option<usize>) -> Vec<(&str, &Entry)> {
        let mut placed: Vec<(usize, &str, &Entry)> = self
            .entries
            .iter()
            .filter_map(|(id, entry)| position(id).map(|at| (at, id.as_str(), entry)))
            .collect();
        placed.sort_unstable_by_key(|(at, ..)| *at);
        let mut out: Vec<(&str, &Entry)> = placed.into_iter().map(|(_, id, e)| (id, e)).collect();
        let mut rest = std::collections::HashSet::new();
        for id in &self.file_order {
            if position(id).is_none()
                && rest.insert(id.as_str())
                && let Some(entry) = self.entries.get(id)
            {
                out.push((id.as_str(), entry));
            }
        }
        out
    }

    pub fn ordered<'a>(
        &'a self,
        inspection_order: impl Iterator<Item = &'a str>,
    ) -> Vec<(&'a str, &'a Entry)> {
        let mut out = Vec::with_capacity(self.entries.len());
        let mut placed = std::collections::HashSet::with_capacity(self.entries.len());
        for id in inspection_order {
            if let Some((key, entry)) = self.entries.get_key_value(id)
                && placed.insert(key.as_str())
            {
                out.push((key.as_str(), entry));
            }
        }
        for id in &self.file_order {
            if !placed.contains(id.as_str())
                && let Some(entry) = self.entries.get(id)
            {
                placed.insert(id.as_str());
                out.push((id.as_str(), entry));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordered_by_position_is_ordered_by_going_through_the_items() {
        let stamp = Stamp {
            at: "2025-01-01T00:00:00Z".parse().expect("a time"),
            by: "tester".into(),
        };
        let mut review = Review::new("x");
        // Set in an order of their own; "gone" is in no inspection.
        for id in ["R2", "gone", "F1", "R10", "F3", "old"] {
            review.set_status(id, Status::Accepted, &stamp);
        }
        let items = ["F1", "F2", "F3", "R1", "R2", "R10"];
        let position = |id: &str| items.iter().position(|i| *i == id);
        let by_items: Vec<&str> = review
            .ordered(items.iter().copied())
            .into_iter()
            .map(|(id, _)| id)
            .collect();
        let by_position: Vec<&str> = review
            .ordered_by(position)
            .into_iter()
            .map(|(id, _)| id)
            .collect();
        // Entries for no item come in the order the file had them (none
        // here: these were set in this session, not read).
        assert_eq!(by_items, ["F1", "F3", "R2", "R10"]);
        assert_eq!(by_position, by_items);
    }
}
