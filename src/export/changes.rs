//! The committee pack (`scrutiny changes`): what changed in a period for
//! each inspection, item by item, from the review's history and updates
//! (or between two versions of the review file), then what is overdue,
//! what falls due before the next meeting and what slipped most. Pure
//! functions: an inspection, its review and the period in, a `Report` out,
//! written as Markdown for a board or as JSON.
//!
//! Days are calendar days in UTC: an event belongs to the day its time
//! stamp falls on in UTC, and a period includes both its first and last day.

use std::fmt::Write as _;

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use serde::Serialize;

use super::md;
use crate::model::deadline::{days_left, long_date};
use crate::model::review::{Entry, NoteChange};
use crate::model::tracking::{Rag, sign_off_refusal};
use crate::model::{Inspection, Item, Kind, Review, Status};

/// The days the pack covers, both included, and the next meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub since: Date,
    pub until: Date,
    /// What falls due before this day is listed as due before the next
    /// meeting.
    pub next: Date,
}

impl Period {
    /// The period from `since` to `until`, the next meeting a quarter (91
    /// days) after its end.
    pub fn ending(since: Date, until: Date) -> Period {
        Period {
            since,
            until,
            next: quarter_after(until),
        }
    }

    fn holds(&self, day: Date) -> bool {
        self.since <= day && day <= self.until
    }
}

/// A quarter (91 days) after `day`: when the next meeting is taken to be.
pub fn quarter_after(day: Date) -> Date {
    day.checked_add(jiff::Span::new().days(91)).unwrap_or(day)
}

/// A quarter (91 days) before `day`: where "what changed since" starts
/// unless told otherwise.
pub fn quarter_before(day: Date) -> Date {
    day.checked_sub(jiff::Span::new().days(91)).unwrap_or(day)
}

/// The day `days` after `since` (before, when negative), never after
/// `today`: a step of the day chooser.
pub fn shifted(since: Date, days: i32, today: Date) -> Date {
    since
        .checked_add(jiff::Span::new().days(i64::from(days)))
        .unwrap_or(since)
        .min(today)
}

/// The day a time stamp falls on, in UTC.
pub fn day_of(at: Timestamp) -> Date {
    at.to_zoned_datetime(TimeZone::UTC).date()
}

/// A value before and after.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Move {
    pub from: Option<String>,
    pub to: Option<String>,
}

/// Who did something, and when (the time is missing where a comparison of
/// two files cannot tell it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Done {
    pub at: Option<String>,
    pub by: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DueRevision {
    pub at: Option<String>,
    pub by: Option<String>,
    /// The inspection's own date.
    pub original: Option<String>,
    /// The revised date before this revision (none: the original stood).
    pub previous: Option<String>,
    /// The revised date now (none: back to the original).
    pub new: Option<String>,
    pub reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UpdateOut {
    pub at: String,
    pub by: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EvidenceOut {
    pub at: Option<String>,
    pub by: Option<String>,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SignOffOut {
    pub at: Option<String>,
    pub by: String,
    /// Why this sign-off does not stand (the two-person rule, no evidence,
    /// not complete); none when it is a clean closure.
    pub refused: Option<String>,
}

/// What changed for one item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ItemChanges {
    pub id: String,
    pub kind: &'static str,
    pub title: String,
    /// Status names (`in-progress`), before the first change and after the
    /// last.
    pub status: Option<Move>,
    /// Set complete in the period and still complete at its end.
    pub closed: Option<Done>,
    pub owner: Option<Move>,
    /// `edited` or `cleared`.
    pub note: Option<&'static str>,
    /// RAG names (`red`), before and after.
    pub rag: Option<Move>,
    pub due: Vec<DueRevision>,
    pub updates: Vec<UpdateOut>,
    pub evidence: Vec<EvidenceOut>,
    pub sign_offs: Vec<SignOffOut>,
}

impl ItemChanges {
    fn new(item: &Item) -> Self {
        ItemChanges {
            id: item.id.clone(),
            kind: item.kind.tag(),
            title: item.title.clone(),
            status: None,
            closed: None,
            owner: None,
            note: None,
            rag: None,
            due: Vec::new(),
            updates: Vec::new(),
            evidence: Vec::new(),
            sign_offs: Vec::new(),
        }
    }

    fn is_empty(&self) -> bool {
        self.status.is_none()
            && self.closed.is_none()
            && self.owner.is_none()
            && self.note.is_none()
            && self.rag.is_none()
            && self.due.is_empty()
            && self.updates.is_empty()
            && self.evidence.is_empty()
            && self.sign_offs.is_empty()
    }

    fn in_closed(&self) -> bool {
        self.closed.is_some() || !self.sign_offs.is_empty()
    }

    fn in_progress(&self) -> bool {
        self.status.is_some() && self.closed.is_none()
            || self.owner.is_some()
            || self.note.is_some()
            || !self.updates.is_empty()
            || !self.evidence.is_empty()
    }
}

/// An open recommendation or area for improvement with its date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DueItem {
    pub id: String,
    pub kind: &'static str,
    pub title: String,
    /// The revised date if there is one, else the original.
    pub due: String,
    pub original: Option<String>,
    pub revised: bool,
    pub status: &'static str,
    /// Negative when overdue.
    pub days_left: i64,
}

/// An item whose date was revised, and by how much in all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Slip {
    pub id: String,
    pub kind: &'static str,
    pub title: String,
    pub original: String,
    pub due: String,
    pub days: i64,
    pub revisions: usize,
}

/// The pack for one inspection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    pub file: String,
    pub id: String,
    pub title: String,
    /// The first day of the period (`--since`); none when comparing with a
    /// revision.
    pub since: Option<String>,
    /// The git revision compared with (`--since-rev`).
    pub since_rev: Option<String>,
    /// The last day of the period: what is overdue is overdue on this day.
    pub until: String,
    pub next: String,
    /// The period in words, as the summary opens with it.
    pub period: String,
    /// The summary paragraph.
    pub summary: String,
    pub items: Vec<ItemChanges>,
    pub overdue: Vec<DueItem>,
    pub due_before_next: Vec<DueItem>,
    pub slipped: Vec<Slip>,
}

/// "1 July to 30 September 2026", "1 to 31 January 2027", "1 December
/// 2025 to 31 January 2026".
pub fn period_words(since: Date, until: Date) -> String {
    if since == until {
        long_date(since)
    } else if (since.year(), since.month()) == (until.year(), until.month()) {
        format!("{} to {}", since.day(), long_date(until))
    } else if since.year() == until.year() {
        format!("{} to {}", since.strftime("%-d %B"), long_date(until))
    } else {
        format!("{} to {}", long_date(since), long_date(until))
    }
}

/// An item's state at a moment, as its history tells it.
#[derive(Debug, Clone, Default)]
struct State {
    status: Status,
    owner: Option<String>,
    rag: Option<Rag>,
    due: Option<Date>,
    evidence: Vec<String>,
    signed_off: bool,
    completed_by: Option<String>,
    due_revisions: usize,
}

/// The state of `entry` after the events `keep` says have happened. A field
/// the history never records (a file written by hand) is taken as the
/// entry holds it now.
fn state_after(entry: &Entry, keep: impl Fn(Date) -> bool) -> State {
    let events = &entry.history;
    let recorded =
        |f: &dyn Fn(&crate::model::review::Change) -> bool| events.iter().any(|e| f(&e.change));
    let mut state = State::default();
    if !recorded(&|c| c.status.is_some()) {
        state.status = entry.status;
    }
    if !recorded(&|c| c.owner.is_some()) {
        state.owner.clone_from(&entry.owner);
    }
    if !recorded(&|c| c.rag.is_some()) {
        state.rag = entry.rag;
    }
    if !recorded(&|c| c.due.is_some()) {
        state.due = entry.due;
    }
    if !recorded(&|c| c.evidence.is_some() || c.evidence_removed.is_some()) {
        state.evidence.clone_from(&entry.evidence);
    }
    if !recorded(&|c| c.signed_off.is_some()) {
        state.signed_off = entry
            .signed_off
            .as_ref()
            .is_some_and(|s| keep(day_of(s.at)));
    }
    for event in events.iter().filter(|e| keep(day_of(e.at))) {
        apply(&mut state, event);
    }
    state
}

fn apply(state: &mut State, event: &crate::model::review::Event) {
    let change = &event.change;
    if let Some(status) = change.status {
        state.status = status;
        if status == Status::Complete {
            state.completed_by = Some(event.by.clone());
        }
    }
    if let Some(owner) = &change.owner {
        state.owner = (!owner.is_empty()).then(|| owner.clone());
    }
    if let Some(rag) = change.rag {
        state.rag = rag;
    }
    if let Some(due) = change.due {
        state.due = due;
        if due.is_some() {
            state.due_revisions += 1;
        }
    }
    if let Some(evidence) = &change.evidence
        && !state.evidence.contains(evidence)
    {
        state.evidence.push(evidence.clone());
    }
    if let Some(gone) = &change.evidence_removed {
        state.evidence.retain(|e| e != gone);
    }
    if let Some(signed) = change.signed_off {
        state.signed_off = signed;
    }
}

fn status_move(from: Status, to: Status) -> Move {
    Move {
        from: Some(from.name().to_owned()),
        to: Some(to.name().to_owned()),
    }
}

fn rag_move(from: Option<Rag>, to: Option<Rag>) -> Move {
    Move {
        from: from.map(|r| r.name().to_owned()),
        to: to.map(|r| r.name().to_owned()),
    }
}

fn iso(d: Option<Date>) -> Option<String> {
    d.map(|d| d.to_string())
}

/// What changed for `item` in the period, from its history and updates.
fn item_in_period(item: &Item, entry: &Entry, period: &Period) -> ItemChanges {
    let mut out = ItemChanges::new(item);
    let mut state = state_after(entry, |d| d < period.since);
    let before = state.clone();
    let mut closed = None;
    let mut status_changed = false;
    let mut owner_changed = false;
    let mut rag_changed = false;
    for event in entry.history.iter().filter(|e| period.holds(day_of(e.at))) {
        let change = &event.change;
        let done = Done {
            at: Some(event.at.to_string()),
            by: Some(event.by.clone()),
        };
        if let Some(status) = change.status {
            status_changed = true;
            closed = (status == Status::Complete).then(|| done.clone());
        }
        owner_changed |= change.owner.is_some();
        rag_changed |= change.rag.is_some();
        if let Some(note) = change.note {
            out.note = Some(note.name());
        }
        if let Some(due) = change.due {
            out.due.push(DueRevision {
                at: done.at.clone(),
                by: done.by.clone(),
                original: iso(item.due),
                previous: iso(state.due),
                new: iso(due),
                reason: change.reason.clone(),
            });
        }
        if let Some(evidence) = &change.evidence {
            out.evidence.push(EvidenceOut {
                at: done.at.clone(),
                by: done.by.clone(),
                text: evidence.clone(),
            });
        }
        if change.signed_off == Some(true) {
            out.sign_offs.push(SignOffOut {
                at: done.at.clone(),
                by: event.by.clone(),
                refused: sign_off_refusal(
                    state.status,
                    &state.evidence,
                    state.completed_by.as_deref(),
                    &event.by,
                ),
            });
        }
        apply(&mut state, event);
    }
    // A sign-off the file holds but the history does not record.
    if let Some(sign) = &entry.signed_off
        && period.holds(day_of(sign.at))
        && !entry.history.iter().any(|e| e.change.signed_off.is_some())
    {
        let completed_by = entry.completed_by();
        out.sign_offs.push(SignOffOut {
            at: Some(sign.at.to_string()),
            by: sign.by.clone(),
            refused: sign_off_refusal(entry.status, &entry.evidence, completed_by, &sign.by),
        });
    }
    if status_changed {
        out.status = Some(status_move(before.status, state.status));
        if before.status != Status::Complete && state.status == Status::Complete {
            out.closed = closed;
        }
    }
    if owner_changed && before.owner != state.owner {
        out.owner = Some(Move {
            from: before.owner.clone(),
            to: state.owner.clone(),
        });
    }
    if rag_changed && before.rag != state.rag {
        out.rag = Some(rag_move(before.rag, state.rag));
    }
    out.updates = entry
        .updates
        .iter()
        .filter(|u| period.holds(day_of(u.at)))
        .map(|u| UpdateOut {
            at: u.at.to_string(),
            by: u.by.clone(),
            text: u.text.clone(),
        })
        .collect();
    out
}

/// What differs for `item` between an earlier version of its entry and
/// the one now.
fn item_between(item: &Item, old: Option<&Entry>, new: &Entry, review: &Review) -> ItemChanges {
    let mut out = ItemChanges::new(item);
    let blank = Entry::default();
    let old = old.unwrap_or(&blank);
    let recorded_before = old.history.len();
    let later = new.history.get(recorded_before..).unwrap_or(&[]);
    let last = |f: &dyn Fn(&crate::model::review::Change) -> bool| {
        later.iter().rev().find(|e| f(&e.change)).map(|e| Done {
            at: Some(e.at.to_string()),
            by: Some(e.by.clone()),
        })
    };
    if old.status != new.status {
        out.status = Some(status_move(old.status, new.status));
        if new.status == Status::Complete {
            out.closed = Some(
                last(&|c| c.status == Some(Status::Complete))
                    .unwrap_or(Done { at: None, by: None }),
            );
        }
    }
    if old.owner != new.owner {
        out.owner = Some(Move {
            from: old.owner.clone(),
            to: new.owner.clone(),
        });
    }
    if old.note != new.note {
        out.note = Some(if new.note.is_some() {
            NoteChange::Edited.name()
        } else {
            NoteChange::Cleared.name()
        });
    }
    if old.rag != new.rag {
        out.rag = Some(rag_move(old.rag, new.rag));
    }
    if old.due != new.due {
        let when = later.iter().rev().find(|e| e.change.due.is_some());
        out.due.push(DueRevision {
            at: when.map(|e| e.at.to_string()),
            by: when.map(|e| e.by.clone()),
            original: iso(item.due),
            previous: iso(old.due),
            new: iso(new.due),
            reason: when.and_then(|e| e.change.reason.clone()),
        });
    }
    out.updates = new
        .updates
        .iter()
        .filter(|u| !old.updates.contains(u))
        .map(|u| UpdateOut {
            at: u.at.to_string(),
            by: u.by.clone(),
            text: u.text.clone(),
        })
        .collect();
    out.evidence = new
        .evidence
        .iter()
        .filter(|e| !old.evidence.contains(e))
        .map(|text| {
            let when = later
                .iter()
                .rev()
                .find(|e| e.change.evidence.as_ref() == Some(text));
            EvidenceOut {
                at: when.map(|e| e.at.to_string()),
                by: when.map(|e| e.by.clone()),
                text: text.clone(),
            }
        })
        .collect();
    if let Some(sign) = &new.signed_off
        && old.signed_off.as_ref() != Some(sign)
    {
        out.sign_offs.push(SignOffOut {
            at: Some(sign.at.to_string()),
            by: sign.by.clone(),
            refused: sign_off_refusal(
                new.status,
                &new.evidence,
                review.completed_by(&item.id),
                &sign.by,
            ),
        });
    }
    out
}

/// Where an item stands on the day: its status, its revised date and how
/// many times the date was revised.
struct Standing {
    status: Status,
    revised: Option<Date>,
    revisions: usize,
}

/// What is overdue on `as_at`, what falls due before `next`, and what
/// slipped most, of the recommendations and areas for improvement.
fn standing(
    inspection: &Inspection,
    as_at: Date,
    next: Date,
    of: impl Fn(&Item) -> Standing,
) -> (Vec<DueItem>, Vec<DueItem>, Vec<Slip>) {
    let mut overdue = Vec::new();
    let mut soon = Vec::new();
    let mut slipped = Vec::new();
    let tracked = inspection
        .items
        .iter()
        .filter(|i| matches!(i.kind, Kind::Recommendation | Kind::AreaForImprovement));
    for item in tracked {
        let now = of(item);
        if let (Some(original), Some(revised)) = (item.due, now.revised) {
            let days = days_left(revised, original);
            if days > 0 {
                slipped.push(Slip {
                    id: item.id.clone(),
                    kind: item.kind.tag(),
                    title: item.title.clone(),
                    original: original.to_string(),
                    due: revised.to_string(),
                    days,
                    revisions: now.revisions.max(1),
                });
            }
        }
        let Some(due) = now.revised.or(item.due) else {
            continue;
        };
        if !now.status.is_open() {
            continue;
        }
        let line = DueItem {
            id: item.id.clone(),
            kind: item.kind.tag(),
            title: item.title.clone(),
            due: due.to_string(),
            original: iso(item.due),
            revised: now.revised.is_some(),
            status: now.status.name(),
            days_left: days_left(due, as_at),
        };
        if due < as_at {
            overdue.push(line);
        } else if due < next {
            soon.push(line);
        }
    }
    overdue.sort_by_key(|d| d.days_left);
    soon.sort_by_key(|d| d.days_left);
    // Most days first; the order of the inspection among equals.
    slipped.sort_by_key(|s| std::cmp::Reverse(s.days));
    (overdue, soon, slipped)
}

/// The pack for one inspection over `period`, from the review's history.
pub fn changes(file: &str, inspection: &Inspection, review: &Review, period: Period) -> Report {
    let items: Vec<ItemChanges> = inspection
        .items
        .iter()
        .filter_map(|item| {
            let entry = review.entry(&item.id)?;
            Some(item_in_period(item, entry, &period)).filter(|c| !c.is_empty())
        })
        .collect();
    let until = period.until;
    let (overdue, due_before_next, slipped) = standing(inspection, until, period.next, |item| {
        let state = review
            .entry(&item.id)
            .map(|e| state_after(e, |d| d <= until))
            .unwrap_or_default();
        Standing {
            status: state.status,
            revised: state.due,
            revisions: state.due_revisions,
        }
    });
    let words = format!("In the period {}", period_words(period.since, until));
    finish(
        Report {
            file: file.to_owned(),
            id: inspection.meta.id.clone(),
            title: inspection.meta.title.clone(),
            since: Some(period.since.to_string()),
            since_rev: None,
            until: until.to_string(),
            next: period.next.to_string(),
            period: words,
            summary: String::new(),
            items,
            overdue,
            due_before_next,
            slipped,
        },
        until,
        period.next,
    )
}

/// The pack for one inspection: what differs between the review as it was
/// at git revision `rev` (`old`) and as it is (`new`), and where things
/// stand on `today`.
pub fn changes_since(
    file: &str,
    inspection: &Inspection,
    old: &Review,
    new: &Review,
    rev: &str,
    today: Date,
    next: Date,
) -> Report {
    let items: Vec<ItemChanges> = inspection
        .items
        .iter()
        .filter_map(|item| {
            let entry = new.entry(&item.id)?;
            Some(item_between(item, old.entry(&item.id), entry, new)).filter(|c| !c.is_empty())
        })
        .collect();
    let (overdue, due_before_next, slipped) = standing(inspection, today, next, |item| {
        let entry = new.entry(&item.id);
        Standing {
            status: new.status(&item.id),
            revised: entry.and_then(|e| e.due),
            revisions: entry.map_or(0, |e| {
                e.history
                    .iter()
                    .filter(|h| h.change.due.is_some_and(|d| d.is_some()))
                    .count()
            }),
        }
    });
    let words = format!(
        "Since revision {} (to {})",
        crate::text::one_line(rev),
        long_date(today)
    );
    finish(
        Report {
            file: file.to_owned(),
            id: inspection.meta.id.clone(),
            title: inspection.meta.title.clone(),
            since: None,
            since_rev: Some(rev.to_owned()),
            until: today.to_string(),
            next: next.to_string(),
            period: words,
            summary: String::new(),
            items,
            overdue,
            due_before_next,
            slipped,
        },
        today,
        next,
    )
}

/// "1 update", "2 updates".
fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// Items counted by kind: "2 recommendations and 1 area for improvement".
fn items_words<'a>(items: impl Iterator<Item = &'a ItemChanges>) -> Option<String> {
    let mut by_kind: Vec<(&str, usize)> = Vec::new();
    for item in items {
        match by_kind.iter_mut().find(|(k, _)| *k == item.kind) {
            Some((_, n)) => *n += 1,
            None => by_kind.push((item.kind, 1)),
        }
    }
    let parts: Vec<String> = by_kind
        .iter()
        .map(|&(tag, n)| {
            let kind = Kind::ALL
                .into_iter()
                .find(|k| k.tag() == tag)
                .unwrap_or(Kind::Recommendation);
            let one = kind.singular();
            let many = match kind {
                Kind::AreaForImprovement => "areas for improvement".to_owned(),
                other => format!("{}s", other.singular()),
            };
            count(n, one, &many)
        })
        .collect();
    match parts.as_slice() {
        [] => None,
        [one] => Some(one.clone()),
        [rest @ .., last] => Some(format!("{} and {last}", rest.join(", "))),
    }
}

/// How an item's closing reads in the summary, or none when it has no
/// closure or sign-off in the period.
fn closure_group(item: &ItemChanges) -> Option<usize> {
    let last = item.sign_offs.last();
    let clean = last.is_some_and(|s| s.refused.is_none());
    let refused = last.is_some_and(|s| s.refused.is_some());
    match (item.closed.is_some(), clean, refused) {
        (true, true, _) => Some(0),
        (true, _, true) => Some(1),
        (true, ..) => Some(2),
        (false, true, _) => Some(3),
        (false, _, true) => Some(4),
        (false, ..) => None,
    }
}

/// The closures and sign-offs counted by kind, in words.
fn closure_parts(items: &[ItemChanges]) -> Vec<String> {
    const WORDS: [&str; 5] = [
        "closed and signed off",
        "set complete with a sign-off that does not stand",
        "set complete, not yet signed off",
        "signed off",
        "with a sign-off that does not stand",
    ];
    WORDS
        .iter()
        .enumerate()
        .filter_map(|(at, words)| {
            items_words(items.iter().filter(|i| closure_group(i) == Some(at)))
                .map(|which| format!("{which} {words}"))
        })
        .collect()
}

/// Write the summary paragraph.
fn finish(mut report: Report, as_at: Date, next: Date) -> Report {
    let items = &report.items;
    let mut parts = closure_parts(items);
    let moved = items
        .iter()
        .filter(|i| i.status.is_some() && i.closed.is_none())
        .count();
    // "Other" only means something beside closures.
    let (one_move, many_moves) = if items.iter().any(|i| i.closed.is_some()) {
        ("other status change", "other status changes")
    } else {
        ("status change", "status changes")
    };
    let tallies = [
        (moved, one_move, many_moves),
        (
            items.iter().map(|i| i.due.len()).sum(),
            "date revised",
            "dates revised",
        ),
        (
            items.iter().filter(|i| i.rag.is_some()).count(),
            "RAG change",
            "RAG changes",
        ),
        (
            items.iter().map(|i| i.updates.len()).sum(),
            "update",
            "updates",
        ),
        (
            items.iter().map(|i| i.evidence.len()).sum(),
            "piece of evidence added",
            "pieces of evidence added",
        ),
        (
            items.iter().filter(|i| i.owner.is_some()).count(),
            "owner changed",
            "owners changed",
        ),
        (
            items.iter().filter(|i| i.note.is_some()).count(),
            "note edited",
            "notes edited",
        ),
    ];
    for (n, one, many) in tallies {
        if n > 0 {
            parts.push(count(n, one, many));
        }
    }
    let mut summary = if parts.is_empty() {
        format!("{}: no changes.", report.period)
    } else {
        format!("{}: {}.", report.period, parts.join(", "))
    };
    let overdue = report.overdue.len();
    let soon = report.due_before_next.len();
    if overdue > 0 || soon > 0 {
        let mut standing = Vec::new();
        if overdue > 0 {
            standing.push(if overdue == 1 {
                "1 is overdue".to_owned()
            } else {
                format!("{overdue} are overdue")
            });
        }
        if soon > 0 {
            standing.push(if soon == 1 {
                format!("1 falls due before {}", long_date(next))
            } else {
                format!("{soon} fall due before {}", long_date(next))
            });
        }
        let _ = write!(
            summary,
            " On {}, {}.",
            long_date(as_at),
            standing.join(" and ")
        );
    }
    report.summary = summary;
    report
}

/// A date from the report (ISO) in words; as it is when it is not one.
fn date_words(iso: &str) -> String {
    iso.parse::<Date>()
        .map_or_else(|_| md::text(iso), long_date)
}

/// The day of a time stamp from the report, in words.
fn at_words(at: &str) -> String {
    at.parse::<Timestamp>()
        .map_or_else(|_| md::text(at), |t| long_date(day_of(t)))
}

fn status_words(name: &str) -> String {
    Status::from_name(name).map_or_else(|| md::text(name), |s| s.label().to_owned())
}

fn rag_words(name: Option<&String>) -> String {
    name.map_or_else(
        || "none".to_owned(),
        |n| Rag::from_name(n).map_or_else(|| md::text(n), |r| r.label().to_owned()),
    )
}

fn name_line(id: &str, title: &str) -> String {
    format!("{} – {}", md::text(id), md::text(title))
}

/// " (analyst)", or nothing.
fn by_words(by: Option<&String>) -> String {
    by.map(|b| format!(" ({})", md::text(b)))
        .unwrap_or_default()
}

/// " on 3 August 2026", or nothing.
fn on_words(at: Option<&String>) -> String {
    at.map(|a| format!(" on {}", at_words(a)))
        .unwrap_or_default()
}

/// A multi-line text as the continuation of a list item.
fn indented(text: &str, indent: &str) -> String {
    md::block_lines(text).join(&format!("\n{indent}"))
}

fn closed_lines(out: &mut String, item: &ItemChanges) {
    let mut sentences = Vec::new();
    if let Some(closed) = &item.closed {
        let unsigned = if item.sign_offs.is_empty() {
            "; not yet signed off"
        } else {
            ""
        };
        sentences.push(format!(
            "set complete{}{}{unsigned}.",
            on_words(closed.at.as_ref()),
            by_words(closed.by.as_ref())
        ));
    }
    for sign in &item.sign_offs {
        sentences.push(match &sign.refused {
            None => format!(
                "Signed off by {}{}.",
                md::text(&sign.by),
                on_words(sign.at.as_ref())
            ),
            Some(why) => format!(
                "**Sign-off does not stand:** signed off by {}{}, but {}. Not a closure until someone else signs it off.",
                md::text(&sign.by),
                on_words(sign.at.as_ref()),
                md::text(why)
            ),
        });
    }
    if let Some(first) = sentences.first_mut()
        && let Some(rest) = first.strip_prefix("Signed")
    {
        *first = format!("signed{rest}");
    }
    let _ = writeln!(
        out,
        "- {}: {}",
        name_line(&item.id, &item.title),
        sentences.join(" ")
    );
}

fn progress_lines(out: &mut String, item: &ItemChanges) {
    let _ = writeln!(out, "- {}", name_line(&item.id, &item.title));
    if item.closed.is_none()
        && let Some(status) = &item.status
    {
        let (from, to) = (
            status.from.as_deref().unwrap_or("unreviewed"),
            status.to.as_deref().unwrap_or("unreviewed"),
        );
        if from == to {
            let _ = writeln!(
                out,
                "  - Status: {} (changed and set back).",
                status_words(from)
            );
        } else {
            let _ = writeln!(
                out,
                "  - Status: {} → {}.",
                status_words(from),
                status_words(to)
            );
        }
    }
    if let Some(owner) = &item.owner {
        match &owner.to {
            Some(to) => {
                let _ = writeln!(out, "  - Owner: now {}.", md::text(to));
            }
            None => out.push_str("  - Owner: no longer named.\n"),
        }
    }
    if let Some(note) = item.note {
        let _ = writeln!(out, "  - The note was {note}.");
    }
    for update in &item.updates {
        let _ = writeln!(
            out,
            "  - Update, {} ({}): {}",
            at_words(&update.at),
            md::text(&update.by),
            indented(&update.text, "    ")
        );
    }
    for evidence in &item.evidence {
        let _ = writeln!(
            out,
            "  - Evidence added{}: {}",
            match &evidence.at {
                Some(at) => format!(", {}", at_words(at)),
                None => String::new(),
            },
            md::text(&evidence.text)
        );
    }
}

fn due_lines(out: &mut String, item: &ItemChanges) {
    let _ = writeln!(out, "- {}", name_line(&item.id, &item.title));
    for revision in &item.due {
        let original = revision
            .original
            .as_deref()
            .map_or_else(|| "none".to_owned(), date_words);
        let previous = revision
            .previous
            .as_deref()
            .map_or_else(|| "the original".to_owned(), date_words);
        let new = revision
            .new
            .as_deref()
            .map_or_else(|| "back to the original".to_owned(), date_words);
        let _ = write!(
            out,
            "  - {}: original due {original}; was {previous}; now {new}.",
            revision.at.as_deref().map_or_else(
                || "Revised".to_owned(),
                |a| format!("Revised {}", at_words(a))
            )
        );
        if let Some(reason) = &revision.reason {
            let end = if reason.ends_with(['.', '!', '?']) {
                ""
            } else {
                "."
            };
            let _ = write!(out, " Reason: {}{end}", md::text(reason));
        }
        out.push('\n');
    }
}

fn due_item_line(out: &mut String, item: &DueItem, overdue: bool) {
    let _ = write!(
        out,
        "- {}: due {}",
        name_line(&item.id, &item.title),
        date_words(&item.due)
    );
    if item.revised {
        match &item.original {
            Some(original) => {
                let _ = write!(out, " (revised from {})", date_words(original));
            }
            None => out.push_str(" (revised)"),
        }
    }
    if overdue {
        let days = -item.days_left;
        let _ = write!(
            out,
            ", {}",
            count(
                usize::try_from(days).unwrap_or(0),
                "day overdue",
                "days overdue"
            )
        );
    }
    let _ = writeln!(out, "; {}.", status_words(item.status).to_lowercase());
}

/// The pack for one inspection as Markdown: a heading with its title, the
/// summary paragraph, then each section that has something in it. Every
/// text from a file is escaped (`md`).
pub fn markdown(report: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "## {}\n", md::heading(&report.title));
    let _ = writeln!(out, "{}\n", md::text(&report.summary));
    let section = |out: &mut String, title: &str, body: &str| {
        if !body.is_empty() {
            let _ = write!(out, "### {title}\n\n{body}\n");
        }
    };
    let mut body = String::new();
    for item in report.items.iter().filter(|i| i.in_closed()) {
        closed_lines(&mut body, item);
    }
    section(&mut out, "Closed", &body);
    body.clear();
    for item in report.items.iter().filter(|i| i.in_progress()) {
        progress_lines(&mut body, item);
    }
    section(&mut out, "Progress", &body);
    body.clear();
    for item in report.items.iter().filter(|i| !i.due.is_empty()) {
        due_lines(&mut body, item);
    }
    section(&mut out, "Dates revised", &body);
    body.clear();
    for item in &report.items {
        if let Some(rag) = &item.rag {
            let _ = writeln!(
                body,
                "- {}: {} → {}.",
                name_line(&item.id, &item.title),
                rag_words(rag.from.as_ref()),
                rag_words(rag.to.as_ref())
            );
        }
    }
    section(&mut out, "RAG changes", &body);
    body.clear();
    for item in &report.overdue {
        due_item_line(&mut body, item, true);
    }
    section(&mut out, "Overdue now", &body);
    body.clear();
    for item in &report.due_before_next {
        due_item_line(&mut body, item, false);
    }
    let heading = format!("Due before {}", date_words(&report.next));
    section(&mut out, &heading, &body);
    body.clear();
    for slip in &report.slipped {
        let _ = writeln!(
            body,
            "- {}: {} later than the original ({} → {}), {}.",
            name_line(&slip.id, &slip.title),
            count(usize::try_from(slip.days).unwrap_or(0), "day", "days"),
            date_words(&slip.original),
            date_words(&slip.due),
            count(slip.revisions, "revision", "revisions")
        );
    }
    section(&mut out, "Slipped most", &body);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::files::{load_inspection, load_review};

    const INSPECTION: &str = "
inspection:
  id: t
  title: \"Test <b>inspection</b> #\"
recommendations:
  - id: R1
    title: First
    due: 2026-03-31
  - id: R2
    title: Second
    due: 2026-08-31
  - id: R3
    title: \"Third *starred*\"
    due: 2026-11-30
areas_for_improvement:
  - id: A1
    title: Area
";

    const REVIEW: &str = "
version: 1
inspection: t
items:
  R1:
    status: complete
    due: 2026-06-30
    evidence: [Minutes]
    signed_off: {by: b, at: 2026-08-20T10:00:00Z}
    updates:
      - {at: 2026-06-01T09:00:00Z, by: a, text: Before the quarter.}
      - {at: 2026-08-01T09:00:00Z, by: a, text: \"In it: <i>x</i>\"}
    history:
      - {at: 2026-05-01T09:00:00Z, by: a, status: in-progress}
      - {at: 2026-05-10T09:00:00Z, by: a, due: 2026-06-30, reason: Late package}
      - {at: 2026-08-10T09:00:00Z, by: a, evidence: Minutes}
      - {at: 2026-08-12T09:00:00Z, by: a, status: complete}
      - {at: 2026-08-20T10:00:00Z, by: b, signed_off: true}
  R2:
    status: complete
    evidence: [Audit]
    signed_off: {by: a, at: 2026-09-03T10:00:00Z}
    history:
      - {at: 2026-06-15T09:00:00Z, by: a, status: in-progress}
      - {at: 2026-09-01T09:00:00Z, by: a, evidence: Audit}
      - {at: 2026-09-02T09:00:00Z, by: a, status: complete}
      - {at: 2026-09-03T10:00:00Z, by: a, signed_off: true}
  R3:
    status: complete
    rag: red
    history:
      - {at: 2026-04-01T09:00:00Z, by: a, status: accepted}
      - {at: 2026-04-01T09:01:00Z, by: a, rag: green}
      - {at: 2026-07-15T09:00:00Z, by: a, rag: red}
      - {at: 2026-10-05T09:00:00Z, by: a, status: complete}
  A1:
    status: in-progress
    due: 2026-09-15
    history:
      - {at: 2026-04-04T09:00:00Z, by: a, status: in-progress}
      - {at: 2026-04-04T09:01:00Z, by: a, due: 2026-09-15, reason: Agreed}
";

    fn d(s: &str) -> Date {
        s.parse().expect("a date")
    }

    fn loaded(review: &str) -> (Inspection, Review) {
        let inspection = load_inspection(INSPECTION.as_bytes()).expect("the inspection loads");
        let review = load_review(review.as_bytes(), "t").expect("the review loads");
        (inspection, review)
    }

    fn quarter() -> Report {
        let (inspection, review) = loaded(REVIEW);
        changes(
            "t.yaml",
            &inspection,
            &review,
            Period {
                since: d("2026-07-01"),
                until: d("2026-09-30"),
                next: d("2026-12-30"),
            },
        )
    }

    fn item<'a>(report: &'a Report, id: &str) -> &'a ItemChanges {
        report
            .items
            .iter()
            .find(|i| i.id == id)
            .unwrap_or_else(|| panic!("no {id} in {report:#?}"))
    }

    #[test]
    fn only_the_period_counts_and_from_is_the_status_before_it() {
        let report = quarter();
        let r1 = item(&report, "R1");
        assert_eq!(
            r1.status,
            Some(Move {
                from: Some("in-progress".into()),
                to: Some("complete".into())
            })
        );
        assert!(r1.closed.is_some());
        // The revision in May and the update in June were before the period.
        assert!(r1.due.is_empty());
        assert_eq!(r1.updates.len(), 1);
        assert_eq!(r1.updates[0].text, "In it: <i>x</i>");
        assert_eq!(r1.evidence.len(), 1);
        assert_eq!(r1.sign_offs[0].refused, None);
        // R3 was set complete after the period: only its RAG moved in it.
        let r3 = item(&report, "R3");
        assert_eq!(r3.status, None);
        assert_eq!(r3.closed, None);
        assert_eq!(
            r3.rag,
            Some(Move {
                from: Some("green".into()),
                to: Some("red".into())
            })
        );
        // A1 changed only before the period.
        assert!(report.items.iter().all(|i| i.id != "A1"), "{report:#?}");
    }

    #[test]
    fn a_sign_off_by_whoever_set_it_complete_is_flagged_not_closed() {
        let report = quarter();
        let r2 = item(&report, "R2");
        let why = r2.sign_offs[0].refused.as_deref().expect("refused");
        assert!(why.contains("someone else must sign it off"), "{why}");
        assert!(
            report
                .summary
                .contains("1 recommendation closed and signed off, 1 recommendation set complete with a sign-off that does not stand"),
            "{}",
            report.summary
        );
        let md = markdown(&report);
        let line = md
            .lines()
            .find(|l| l.starts_with("- R2 – Second"))
            .expect("R2 in the pack");
        assert!(line.contains("**Sign-off does not stand:**"), "{line}");
        assert!(!line.contains("Signed off by"), "{line}");
    }

    #[test]
    fn overdue_due_soon_and_slipped_stand_at_the_end_of_the_period() {
        let report = quarter();
        let ids = |list: &[DueItem]| list.iter().map(|d| d.id.clone()).collect::<Vec<_>>();
        // R2 is complete; A1 (revised, no original) and nothing else is
        // overdue on 30 September.
        assert_eq!(ids(&report.overdue), ["A1"]);
        assert_eq!(report.overdue[0].days_left, -15);
        // R3 was still open on 30 September (complete only in October).
        assert_eq!(ids(&report.due_before_next), ["R3"]);
        assert_eq!(report.slipped.len(), 1);
        assert_eq!(report.slipped[0].id, "R1");
        assert_eq!(report.slipped[0].days, 91);
        assert_eq!(report.slipped[0].revisions, 1);
    }

    #[test]
    fn the_markdown_has_its_sections_and_keeps_file_text_inert() {
        let md = markdown(&quarter());
        assert!(
            md.starts_with("## Test &lt;b>inspection&lt;/b> \\#\n"),
            "{md}"
        );
        for heading in [
            "### Closed",
            "### Progress",
            "### RAG changes",
            "### Overdue now",
            "### Due before 30 December 2026",
            "### Slipped most",
        ] {
            assert!(md.contains(&format!("\n{heading}\n")), "{heading} in\n{md}");
        }
        // Nothing was revised in the period: no empty section.
        assert!(!md.contains("### Dates revised"), "{md}");
        assert!(md.contains("In it: &lt;i>x&lt;/i>"), "{md}");
        assert!(md.contains("R3 – Third \\*starred\\*"), "{md}");
        assert!(!md.contains("<i>") && !md.contains("<b>"), "{md}");
    }

    #[test]
    fn a_quiet_period_says_so_in_one_line() {
        let (inspection, review) = loaded(REVIEW);
        let report = changes(
            "t.yaml",
            &inspection,
            &review,
            Period {
                since: d("2027-01-01"),
                until: d("2027-01-31"),
                next: d("2027-02-01"),
            },
        );
        assert!(report.items.is_empty());
        assert!(
            report
                .summary
                .starts_with("In the period 1 to 31 January 2027: no changes."),
            "{}",
            report.summary
        );
    }

    #[test]
    fn two_versions_are_compared_item_by_item() {
        let (inspection, new) = loaded(REVIEW);
        let old = load_review(
            b"version: 1\ninspection: t\nitems:\n  R2:\n    status: in-progress\n    history:\n      - {at: 2026-06-15T09:00:00Z, by: a, status: in-progress}\n",
            "t",
        )
        .expect("the old review loads");
        let report = changes_since(
            "t.yaml",
            &inspection,
            &old,
            &new,
            "HEAD~1",
            d("2026-10-01"),
            d("2026-12-30"),
        );
        let r2 = item(&report, "R2");
        assert_eq!(
            r2.status,
            Some(Move {
                from: Some("in-progress".into()),
                to: Some("complete".into())
            })
        );
        assert_eq!(r2.evidence[0].text, "Audit");
        assert!(r2.sign_offs[0].refused.is_some());
        let r1 = item(&report, "R1");
        assert_eq!(r1.updates.len(), 2);
        assert_eq!(r1.due[0].new.as_deref(), Some("2026-06-30"));
        assert_eq!(r1.due[0].reason.as_deref(), Some("Late package"));
        assert!(
            report.summary.starts_with("Since revision HEAD~1"),
            "{}",
            report.summary
        );
    }

    #[test]
    fn progress_reads_in_words_and_a_long_update_stays_in_its_item() {
        let (inspection, review) = loaded(
            "
version: 1
inspection: t
items:
  A1:
    status: in-progress
    updates:
      - at: 2026-07-02T09:00:00Z
        by: a
        text: |
          First line.
          # Not a heading
          > not a quote
    history:
      - {at: 2026-04-01T09:00:00Z, by: a, status: accepted}
      - {at: 2026-04-01T09:00:01Z, by: a, owner: Lead}
      - {at: 2026-07-01T09:00:00Z, by: a, status: in-progress}
      - {at: 2026-07-01T09:00:01Z, by: a, owner: ''}
      - {at: 2026-07-01T09:00:02Z, by: a, note: cleared}
",
        );
        let report = changes(
            "t.yaml",
            &inspection,
            &review,
            Period {
                since: d("2026-07-01"),
                until: d("2026-07-31"),
                next: d("2026-10-30"),
            },
        );
        let md = markdown(&report);
        let expected = "\
### Progress

- A1 – Area
  - Status: Accepted → In progress.
  - Owner: no longer named.
  - The note was cleared.
  - Update, 2 July 2026 (a): First line.
    \\# Not a heading
    \\> not a quote
";
        assert!(md.contains(expected), "{md}");
        assert!(
            report
                .summary
                .contains("1 status change, 1 update, 1 owner changed, 1 note edited."),
            "{}",
            report.summary
        );
        assert!(!md.contains("### Closed"), "{md}");
    }

    #[test]
    fn a_sign_off_for_an_item_closed_before_the_period_is_under_closed() {
        let (inspection, review) = loaded(REVIEW);
        let report = changes(
            "t.yaml",
            &inspection,
            &review,
            Period {
                since: d("2026-08-15"),
                until: d("2026-08-31"),
                next: d("2026-09-01"),
            },
        );
        let md = markdown(&report);
        assert!(
            md.contains("\n- R1 – First: signed off by b on 20 August 2026.\n"),
            "{md}"
        );
        assert!(
            report.summary.contains(": 1 recommendation signed off."),
            "{}",
            report.summary
        );
    }

    #[test]
    fn periods_read_as_people_write_them() {
        assert_eq!(
            period_words(d("2026-07-01"), d("2026-09-30")),
            "1 July to 30 September 2026"
        );
        assert_eq!(
            period_words(d("2025-12-01"), d("2026-01-31")),
            "1 December 2025 to 31 January 2026"
        );
        assert_eq!(
            period_words(d("2026-07-01"), d("2026-07-01")),
            "1 July 2026"
        );
    }
}
