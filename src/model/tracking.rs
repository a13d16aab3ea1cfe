//! Tracking an item to closure (FORMAT.md): a red/amber/green judgement
//! beside its status, a revised due date with the reason for each change,
//! evidence that the work is done, dated progress updates that are only
//! ever added to, and closure confirmed by a second person.

use jiff::Timestamp;
use jiff::civil::Date;

use super::node::Node;
use super::review::{Change, Review, Stamp, Status};

/// The reviewer's judgement of the risk to the date, apart from status.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum Rag {
    Red,
    Amber,
    Green,
}

impl Rag {
    pub const ALL: [Rag; 3] = [Rag::Red, Rag::Amber, Rag::Green];

    /// The name written in the review file.
    pub fn name(self) -> &'static str {
        match self {
            Rag::Red => "red",
            Rag::Amber => "amber",
            Rag::Green => "green",
        }
    }

    /// In words, for people.
    pub fn label(self) -> &'static str {
        match self {
            Rag::Red => "Red",
            Rag::Amber => "Amber",
            Rag::Green => "Green",
        }
    }

    pub fn from_name(name: &str) -> Option<Rag> {
        Rag::ALL.into_iter().find(|r| r.name() == name)
    }
}

/// How an item stands to the same matter in another report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Relation {
    Repeats,
    DuplicateOf,
    Supersedes,
    SupersededBy,
}

impl Relation {
    pub const ALL: [Relation; 4] = [
        Relation::Repeats,
        Relation::DuplicateOf,
        Relation::Supersedes,
        Relation::SupersededBy,
    ];

    /// The name written in the review file.
    pub fn name(self) -> &'static str {
        match self {
            Relation::Repeats => "repeats",
            Relation::DuplicateOf => "duplicate-of",
            Relation::Supersedes => "supersedes",
            Relation::SupersededBy => "superseded-by",
        }
    }

    pub fn from_name(name: &str) -> Option<Relation> {
        Relation::ALL.into_iter().find(|r| r.name() == name)
    }

    /// The relation seen from the other item, before this one's name.
    pub fn inverse_words(self) -> &'static str {
        match self {
            Relation::Repeats => "Raised again in",
            Relation::DuplicateOf => "Duplicated by",
            Relation::Supersedes => "Superseded by",
            Relation::SupersededBy => "Supersedes",
        }
    }

    /// The relation in words, before the other item's name.
    pub fn words(self) -> &'static str {
        match self {
            Relation::Repeats => "Repeats",
            Relation::DuplicateOf => "Duplicate of",
            Relation::Supersedes => "Supersedes",
            Relation::SupersededBy => "Superseded by",
        }
    }
}

/// The same matter elsewhere (FORMAT.md's `related:`): `INSPECTION#ITEM`,
/// and how this item stands to it. One that names an inspection not open
/// is kept as it is, never dropped.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Related {
    pub item: String,
    pub relation: Relation,
    /// Keys this program does not know, kept as they were.
    #[serde(with = "super::node::extra")]
    pub extra: Vec<(String, Node)>,
}

impl Related {
    /// Whether `other` names the same item in the same relation (its own
    /// keys aside).
    pub fn is_same(&self, other: &Related) -> bool {
        self.item == other.item && self.relation == other.relation
    }

    /// The inspection id and the item id it names, when it names both.
    pub fn target(&self) -> Option<(&str, &str)> {
        self.item
            .split_once('#')
            .filter(|(i, item)| !i.is_empty() && !item.is_empty())
    }
}

/// Closure confirmed: by whom, and when.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SignOff {
    pub by: String,
    pub at: Timestamp,
}

/// A dated progress update.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Update {
    pub at: Timestamp,
    pub by: String,
    pub text: String,
    /// Keys this program does not know, kept as they were.
    #[serde(with = "super::node::extra")]
    pub extra: Vec<(String, Node)>,
}

/// Why an item cannot be signed off now, in words.
pub fn sign_off_refusal(
    status: Status,
    evidence: &[String],
    completed_by: Option<&str>,
    by: &str,
) -> Option<String> {
    if status != Status::Complete {
        return Some(format!(
            "only a complete item can be signed off; this one is {}",
            status.label().to_lowercase()
        ));
    }
    if evidence.iter().all(|e| e.trim().is_empty()) {
        return Some("add evidence first: sign-off needs at least one evidence entry".into());
    }
    if completed_by.is_some_and(|who| who == by) {
        return Some(format!(
            "{} set it complete, so someone else must sign it off (two people close an item)",
            crate::text::one_line(by)
        ));
    }
    None
}

impl super::review::Entry {
    /// Who last set the item complete, as its history says.
    pub fn completed_by(&self) -> Option<&str> {
        self.history
            .iter()
            .rev()
            .find(|e| e.change.status == Some(Status::Complete))
            .map(|e| e.by.as_str())
    }
}

/// A name as the file holds it: one line.
fn one_line_name(name: &str) -> String {
    name.replace(['\n', '\r'], " ")
}

impl Review {
    /// When `item` is due: its revised date, else the report's own.
    pub fn due_of(&self, item: &super::Item) -> Option<Date> {
        self.entry(&item.id).and_then(|e| e.due).or(item.due)
    }

    /// Who last set `id` complete, as its history says.
    pub fn completed_by(&self, id: &str) -> Option<&str> {
        self.entry(id)?.completed_by()
    }

    /// Set the RAG judgement (`None` clears it); `false` when unchanged.
    pub fn set_rag(&mut self, id: &str, rag: Option<Rag>, stamp: &Stamp) -> bool {
        if !Self::can_hold(id) || self.entry(id).and_then(|e| e.rag) == rag {
            return false;
        }
        self.record(
            id,
            stamp,
            Change {
                rag: Some(rag),
                ..Change::default()
            },
        );
        true
    }

    /// Revise the due date (`None`: back to the inspection's own), with the
    /// reason, which the history keeps with it. Refused without a reason;
    /// `Ok(false)` when unchanged.
    pub fn revise_due(
        &mut self,
        id: &str,
        due: Option<Date>,
        reason: &str,
        stamp: &Stamp,
    ) -> Result<bool, String> {
        let reason = one_line_name(reason).trim().to_owned();
        if reason.is_empty() {
            return Err("a revised due date needs its reason".into());
        }
        if !Self::can_hold(id) || self.entry(id).and_then(|e| e.due) == due {
            return Ok(false);
        }
        self.record(
            id,
            stamp,
            Change {
                due: Some(due),
                reason: Some(reason),
                ..Change::default()
            },
        );
        Ok(true)
    }

    /// Add a reference to evidence that the work is done; `false` when it
    /// is blank or held already.
    pub fn add_evidence(&mut self, id: &str, evidence: &str, stamp: &Stamp) -> bool {
        let evidence = one_line_name(evidence).trim().to_owned();
        if evidence.is_empty()
            || !Self::can_hold(id)
            || self
                .entry(id)
                .is_some_and(|e| e.evidence.contains(&evidence))
        {
            return false;
        }
        self.record(
            id,
            stamp,
            Change {
                evidence: Some(evidence.clone()),
                ..Change::default()
            },
        );
        if let Some(entry) = self.entry_mut(id) {
            entry.evidence.push(evidence);
        }
        true
    }

    /// Take an evidence entry away again (as undo does); the history says
    /// so. `false` when it was not there.
    pub fn remove_evidence(&mut self, id: &str, evidence: &str, stamp: &Stamp) -> bool {
        if !self
            .entry(id)
            .is_some_and(|e| e.evidence.iter().any(|x| x == evidence))
        {
            return false;
        }
        self.record(
            id,
            stamp,
            Change {
                evidence_removed: Some(evidence.to_owned()),
                ..Change::default()
            },
        );
        if let Some(entry) = self.entry_mut(id) {
            entry.evidence.retain(|x| x != evidence);
        }
        true
    }

    /// Add a dated progress update; `false` when it is blank.
    pub fn add_update(&mut self, id: &str, text: &str, stamp: &Stamp) -> bool {
        if text.trim().is_empty() || !Self::can_hold(id) {
            return false;
        }
        let by = one_line_name(&stamp.by);
        let update = Update {
            at: stamp.at,
            by,
            text: text.to_owned(),
            extra: Vec::new(),
        };
        let entry = self.entry_or_new(id);
        entry.updates.push(update);
        entry.updated = Some(stamp.at);
        true
    }

    /// Confirm the closure of `id`: refused, with the reason in words, when
    /// it is not complete, has no evidence, or `stamp.by` set it complete.
    pub fn sign_off(&mut self, id: &str, stamp: &Stamp) -> Result<bool, String> {
        let entry = self.entry(id);
        if entry.is_some_and(|e| e.signed_off.is_some()) {
            return Ok(false);
        }
        let status = self.status(id);
        let evidence = entry.map_or(&[][..], |e| e.evidence.as_slice());
        if let Some(why) = sign_off_refusal(status, evidence, self.completed_by(id), &stamp.by) {
            return Err(why);
        }
        self.record(
            id,
            stamp,
            Change {
                signed_off: Some(true),
                ..Change::default()
            },
        );
        if let Some(entry) = self.entry_mut(id) {
            entry.signed_off = Some(SignOff {
                by: one_line_name(&stamp.by),
                at: stamp.at,
            });
        }
        Ok(true)
    }

    /// Put a sign-off back as another version held it (a conflict settled,
    /// an undo), recorded like any; `false` when it is that already. It was
    /// checked against the rules when it was given.
    pub fn put_sign_off(&mut self, id: &str, sign: Option<&SignOff>, stamp: &Stamp) -> bool {
        if !Self::can_hold(id) || self.entry(id).and_then(|e| e.signed_off.as_ref()) == sign {
            return false;
        }
        self.record(
            id,
            stamp,
            Change {
                signed_off: Some(sign.is_some()),
                ..Change::default()
            },
        );
        if let Some(entry) = self.entry_mut(id) {
            entry.signed_off = sign.cloned();
        }
        true
    }

    /// Take a sign-off back (as undo does); `false` when there was none.
    pub fn withdraw_sign_off(&mut self, id: &str, stamp: &Stamp) -> bool {
        if self.entry(id).is_none_or(|e| e.signed_off.is_none()) {
            return false;
        }
        self.record(
            id,
            stamp,
            Change {
                signed_off: Some(false),
                ..Change::default()
            },
        );
        if let Some(entry) = self.entry_mut(id) {
            entry.signed_off = None;
        }
        true
    }
}

impl Review {
    /// Say that item `id` stands to another as `related` says (FORMAT.md's
    /// `related:`); `false` when it says so already. The entry's time is
    /// moved on; the history has no event for it (the format names none).
    pub fn add_related(&mut self, id: &str, related: Related, stamp: &Stamp) -> bool {
        if !Self::can_hold(id)
            || self
                .entry(id)
                .is_some_and(|e| e.related.iter().any(|r| r.is_same(&related)))
        {
            return false;
        }
        let had = self.entry(id).is_some();
        if !had {
            self.put(id, super::review::Entry::default());
        }
        let entry = self.entry_or_new(id);
        entry.related.push(related);
        entry.updated = Some(stamp.at);
        true
    }

    /// Take the link `related` of item `id` away again (as undo does);
    /// `false` when it was not there.
    pub fn remove_related(&mut self, id: &str, related: &Related, stamp: &Stamp) -> bool {
        let there = self
            .entry(id)
            .is_some_and(|e| e.related.iter().any(|r| r.is_same(related)));
        if !there {
            return false;
        }
        let entry = self.entry_or_new(id);
        entry.related.retain(|r| !r.is_same(related));
        entry.updated = Some(stamp.at);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stamp(by: &str) -> Stamp {
        Stamp {
            at: "2026-01-01T00:00:00Z".parse().expect("a time"),
            by: by.into(),
        }
    }

    #[test]
    fn sign_off_needs_complete_evidence_and_a_second_person() {
        let mut review = Review::new("x");
        let why = review
            .sign_off("R1", &stamp("b"))
            .expect_err("not complete");
        assert!(why.contains("only a complete item"), "{why}");
        review.set_status("R1", Status::Complete, &stamp("a"));
        let why = review.sign_off("R1", &stamp("b")).expect_err("no evidence");
        assert!(why.contains("evidence"), "{why}");
        assert!(review.add_evidence("R1", "Training records, May", &stamp("a")));
        let why = review.sign_off("R1", &stamp("a")).expect_err("same person");
        assert!(why.contains("someone else"), "{why}");
        assert_eq!(review.sign_off("R1", &stamp("b")), Ok(true));
        let entry = review.entry("R1").expect("entry");
        assert_eq!(entry.signed_off.as_ref().map(|s| s.by.as_str()), Some("b"));
        // Moving away from complete takes the sign-off away; the history
        // keeps both.
        review.set_status("R1", Status::InProgress, &stamp("a"));
        let entry = review.entry("R1").expect("entry");
        assert_eq!(entry.signed_off, None);
        assert!(
            entry
                .history
                .iter()
                .any(|e| e.change.signed_off == Some(true))
        );
        assert!(
            entry
                .history
                .iter()
                .any(|e| e.change.signed_off == Some(false))
        );
    }

    #[test]
    fn a_revised_due_date_needs_its_reason() {
        let mut review = Review::new("x");
        let due = Date::constant(2021, 6, 30);
        assert!(
            review
                .revise_due("R1", Some(due), "  ", &stamp("a"))
                .is_err()
        );
        assert_eq!(
            review.revise_due(
                "R1",
                Some(due),
                "Waiting on the national package",
                &stamp("a")
            ),
            Ok(true)
        );
        let entry = review.entry("R1").expect("entry");
        assert_eq!(entry.due, Some(due));
        let event = entry.history.last().expect("recorded");
        assert_eq!(event.change.due, Some(Some(due)));
        assert_eq!(
            event.change.reason.as_deref(),
            Some("Waiting on the national package")
        );
    }

    #[test]
    fn updates_and_evidence_are_added() {
        let mut review = Review::new("x");
        assert!(!review.add_update("R1", "  ", &stamp("a")));
        assert!(review.add_update("R1", "Plan agreed.", &stamp("a")));
        assert!(review.add_update("R1", "Half done.", &stamp("b")));
        assert!(review.add_evidence("R1", "Minutes, 3 March", &stamp("a")));
        assert!(!review.add_evidence("R1", "Minutes, 3 March", &stamp("a")));
        let entry = review.entry("R1").expect("entry");
        assert_eq!(entry.updates.len(), 2);
        assert_eq!(entry.evidence, ["Minutes, 3 March"]);
    }
}
