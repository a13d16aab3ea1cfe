//! Changing annotations: one item or many at once, and taking changes back.

use super::tracking::Tracked;
use super::{App, Effect, Message};
use crate::model::response::Field;
use crate::model::{Fields, Review, Stamp};

/// One change as the user made it (one key, possibly many items): the
/// fields of each item before and after, and the other version each held
/// as a conflict before and after, where that changed (settling a
/// conflict, taking the file's version): undo brings all of it back.
#[derive(Debug, Clone, PartialEq)]
pub struct UndoStep {
    pub what: String,
    pub items: Vec<(String, Fields, Fields)>,
    pub conflicts: Vec<(String, Option<Fields>, Option<Fields>)>,
    /// Fields of the response, before and after.
    pub response: Vec<(Field, Option<String>, Option<String>)>,
    /// Evidence and updates added, sign-offs given (`tracked_inverse`:
    /// this step takes them back rather than makes them).
    pub tracked: Vec<(String, Tracked)>,
    pub tracked_inverse: bool,
}

impl UndoStep {
    /// The step that takes back this one.
    #[must_use]
    pub fn inverse(&self) -> UndoStep {
        UndoStep {
            what: format!("undoing {}", self.what),
            items: self
                .items
                .iter()
                .map(|(id, before, after)| (id.clone(), after.clone(), before.clone()))
                .collect(),
            conflicts: self
                .conflicts
                .iter()
                .map(|(id, before, after)| (id.clone(), after.clone(), before.clone()))
                .collect(),
            response: self
                .response
                .iter()
                .map(|(field, before, after)| (*field, after.clone(), before.clone()))
                .collect(),
            tracked: self.tracked.clone(),
            tracked_inverse: !self.tracked_inverse,
        }
    }

    /// The step of one response field set from `before` to `after`.
    pub fn response(
        what: String,
        field: Field,
        before: Option<String>,
        after: Option<String>,
    ) -> UndoStep {
        UndoStep {
            what,
            items: Vec::new(),
            conflicts: Vec::new(),
            response: vec![(field, before, after)],
            tracked: Vec::new(),
            tracked_inverse: false,
        }
    }

    /// The step that takes `from` to `to`, item by item; `None` if they
    /// hold the same.
    pub fn between(what: String, from: &Review, to: &Review) -> Option<UndoStep> {
        let mut ids: Vec<&String> = from.ids().chain(to.ids()).collect();
        ids.sort();
        ids.dedup();
        let mut items = Vec::new();
        let mut conflicts = Vec::new();
        for id in ids {
            let (before, after) = (from.fields(id), to.fields(id));
            if before != after {
                items.push((id.clone(), before, after));
            }
            let held = |r: &Review| r.entry(id).and_then(|e| e.conflict.clone());
            let (before, after) = (held(from), held(to));
            if before != after {
                conflicts.push((id.clone(), before, after));
            }
        }
        let response: Vec<(Field, Option<String>, Option<String>)> = Field::ALL
            .into_iter()
            .filter_map(|field| {
                let (before, after) = (from.response().get(field), to.response().get(field));
                (before != after).then_some((field, before, after))
            })
            .collect();
        (!items.is_empty() || !conflicts.is_empty() || !response.is_empty()).then_some(UndoStep {
            what,
            items,
            conflicts,
            response,
            tracked: Vec::new(),
            tracked_inverse: false,
        })
    }
}

/// How deep undo goes.
const UNDO_DEPTH: usize = 1_000;

impl App {
    /// What a change applies to: the marked items, or else the selected one.
    pub fn targets(&self) -> Vec<String> {
        if self.marks.is_empty() {
            return self.selected_id().map(str::to_owned).into_iter().collect();
        }
        // In the inspection's order, then any marked orphans in mark order.
        let mut ids: Vec<&String> = self.marks.iter().collect();
        ids.sort_by_key(|id| self.inspection.position(id).unwrap_or(usize::MAX));
        ids.into_iter().cloned().collect()
    }

    /// How many items a change applies to, without listing them.
    pub fn target_count(&self) -> usize {
        if self.marks.is_empty() {
            usize::from(self.selected_id().is_some())
        } else {
            self.marks.len()
        }
    }

    /// Apply `change` to each of `ids` as one step for undo and one save.
    pub(super) fn change(
        &mut self,
        what: String,
        ids: &[String],
        mut change: impl FnMut(&mut Review, &str, &Stamp) -> bool,
    ) -> Vec<Effect> {
        let stamp = self.stamp();
        let mut items = Vec::new();
        let mut conflicts = Vec::new();
        for id in ids {
            let before = self.review.fields(id);
            let held = self.review.entry(id).and_then(|e| e.conflict.clone());
            if change(&mut self.review, id, &stamp) {
                items.push((id.clone(), before, self.review.fields(id)));
                let now = self.review.entry(id).and_then(|e| e.conflict.clone());
                if now != held {
                    conflicts.push((id.clone(), held, now));
                }
            }
        }
        if items.is_empty() {
            return Vec::new();
        }
        let count = items.len();
        self.message = Some(Message::Info(if count == 1 {
            format!("{}: {what}", self.shown_id(&items[0].0))
        } else {
            format!("{count} items: {what}")
        }));
        self.push_undo(UndoStep {
            what,
            items,
            conflicts,
            response: Vec::new(),
            tracked: Vec::new(),
            tracked_inverse: false,
        });
        self.after_change()
    }

    /// Keep `step` for undo. Nothing is left to redo after a new change,
    /// yet nothing undone becomes unreachable: the steps undone go back on
    /// the undo stack, then their undoing, so undo walks back through every
    /// state the review was in (what a reviewer wrote and then undid is
    /// never lost to a later change).
    pub(super) fn push_undo(&mut self, step: UndoStep) {
        let undone = std::mem::take(&mut self.history.redo);
        self.history.undo.extend(undone.iter().rev().cloned());
        self.history
            .undo
            .extend(undone.iter().map(UndoStep::inverse));
        self.history.undo.push(step);
        if self.history.undo.len() > UNDO_DEPTH {
            let over = self.history.undo.len() - UNDO_DEPTH;
            self.history.undo.drain(..over);
        }
    }

    /// Take back the last change: written to disk, and to each item's
    /// history, like any other change.
    pub(super) fn undo_last(&mut self) -> Vec<Effect> {
        self.replay(true)
    }

    pub(super) fn redo_last(&mut self) -> Vec<Effect> {
        self.replay(false)
    }

    /// Undo (`back`) or redo the last change, moving it to the other stack.
    fn replay(&mut self, back: bool) -> Vec<Effect> {
        let (stack, done, nothing) = if back {
            (&mut self.history.undo, "Undid", "Nothing to undo")
        } else {
            (&mut self.history.redo, "Redid", "Nothing to redo")
        };
        let Some(mut step) = stack.pop() else {
            self.message = Some(Message::Info(nothing.into()));
            return Vec::new();
        };
        // What is there now may not be what the step left (a colleague's
        // change merged in since): the step going to the other stack holds
        // what is there now, so going the other way brings back exactly
        // what this takes away.
        let planned = step.clone();
        for (id, before, after) in &mut step.items {
            *(if back { after } else { before }) = self.review.fields(id);
        }
        for (id, before, after) in &mut step.conflicts {
            *(if back { after } else { before }) =
                self.review.entry(id).and_then(|e| e.conflict.clone());
        }
        for (field, before, after) in &mut step.response {
            *(if back { after } else { before }) = self.review.response().get(*field);
        }
        self.restore(&step, back);
        // The item changed is put in view, wherever it was, and named.
        let ids: Vec<&str> = step
            .items
            .iter()
            .map(|(id, ..)| id.as_str())
            .chain(step.conflicts.iter().map(|(id, ..)| id.as_str()))
            .chain(step.tracked.iter().map(|(id, _)| id.as_str()))
            .collect();
        let mut named: Vec<&str> = Vec::new();
        for id in ids {
            if !named.contains(&id) {
                named.push(id);
            }
        }
        let on = match named.as_slice() {
            [] if !step.response.is_empty() => " on the response".to_owned(),
            [] => String::new(),
            [one] => format!(" on {}", crate::text::field_line(&self.shown_id(one))),
            [first, rest @ ..] => format!(
                " on {} and {} more",
                crate::text::field_line(&self.shown_id(first)),
                rest.len()
            ),
        };
        if let Some(first) = named.first().map(|id| (*id).to_owned())
            && self.selected_id() != Some(first.as_str())
        {
            self.reveal(&first);
        }
        let again = if back { "redo" } else { "undo" };
        self.message = Some(Message::Info(if step == planned {
            format!("{done}{on}: {}", step.what)
        } else {
            format!(
                "{done}{on}: {} (changed since on disk as well: {again} brings that back)",
                step.what
            )
        }));
        if back {
            self.history.redo.push(step);
        } else {
            self.history.undo.push(step);
        }
        self.after_change()
    }

    fn restore(&mut self, step: &UndoStep, to_before: bool) {
        let stamp = self.stamp();
        for (id, before, after) in &step.items {
            let fields = if to_before { before } else { after };
            self.review.set_fields(id, fields, &stamp);
        }
        for (id, before, after) in &step.conflicts {
            let held = if to_before { before } else { after };
            self.review.set_conflict(id, held.clone());
        }
        for (field, before, after) in &step.response {
            let value = if to_before { before } else { after };
            // Values `get` gave are ones `set_response` takes.
            let _ = self.review.set_response(*field, value.as_deref(), &stamp);
        }
        self.replay_tracked(&step.tracked, to_before != step.tracked_inverse);
    }

    /// The review changed: re-filter (a status filter may now hide an item)
    /// and save. Rows that do not depend on the review stay as they are,
    /// so a change to one item costs nothing over the others.
    pub(super) fn after_change(&mut self) -> Vec<Effect> {
        if self.rows_follow_review() {
            self.refresh_rows();
        }
        self.changed()
    }
}
