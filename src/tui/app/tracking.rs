//! Tracking an item to closure from the lists: its RAG (`c`, then r a g,
//! or clear), a revised due date and the reason for it (`d`), evidence
//! (`v`), a progress update (`p`) and the sign-off (`C`), each saved at
//! once and taken back by undo. RAG, the date and updates apply to the
//! marked items when there are marks.

use jiff::civil::Date;

use super::update::text_editor;
use super::{App, BulkChange, Effect, Message, Mode};
use crate::model::tracking::Rag;

/// What the one-line editor over the lists is typing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TrackInput {
    /// The revised due date (blank: back to the inspection's own).
    Due,
    /// The reason for revising the date to this one.
    Reason(Option<Date>),
    /// An evidence reference for the selected item.
    Evidence,
}

/// A change to an item that the fields of undo do not hold: evidence
/// added, an update added, a sign-off given. Undo takes each back, in a
/// way that leaves every history and update list only longer.
#[derive(Debug, Clone, PartialEq)]
pub enum Tracked {
    Evidence(String),
    Update(String),
    SignOff,
    /// A link to an item of another report (`related:`).
    Related(crate::model::tracking::Related),
}

/// The words of an update that takes back another one (updates are never
/// removed).
pub fn withdrawn(text: &str) -> String {
    format!(
        "(Withdrawn: the update \"{}\" was taken back.)",
        crate::text::one_line(text.trim())
    )
}

impl App {
    /// Open the RAG chooser, for the marked items or the selected one.
    pub(super) fn open_rag(&mut self) {
        if !self.refuse_read_only() && self.target_count() > 0 {
            self.mode = Mode::Rag;
        }
    }

    /// Set (or clear) the RAG of the targets.
    pub(super) fn set_rag_of_targets(&mut self, rag: Option<Rag>) -> Vec<Effect> {
        self.mode = Mode::Normal;
        let ids = self.targets();
        self.bulk(BulkChange::Rag(rag), ids, false)
    }

    /// Open the date editor for the targets, holding the selected item's
    /// date now (revised, else its own).
    pub(super) fn open_due(&mut self) {
        if self.refuse_read_only() || self.target_count() == 0 {
            return;
        }
        let now = self.selected_id().and_then(|id| {
            let revised = self.review.entry(id).and_then(|e| e.due);
            revised.or_else(|| self.inspection.get(id).and_then(|i| i.due))
        });
        self.mode = Mode::TrackLine {
            input: TrackInput::Due,
            editor: text_editor(vec![now.map(|d| d.to_string()).unwrap_or_default()]),
        };
    }

    /// Open the editor of one evidence reference for the selected item.
    pub(super) fn open_evidence(&mut self) {
        if self.refuse_read_only() || self.selected_id().is_none() {
            return;
        }
        self.mode = Mode::TrackLine {
            input: TrackInput::Evidence,
            editor: text_editor(vec![String::new()]),
        };
    }

    /// Open the editor of a progress update, for the targets.
    pub(super) fn open_update(&mut self) {
        if !self.refuse_read_only() && self.target_count() > 0 {
            self.mode = Mode::Update {
                editor: text_editor(vec![String::new()]),
            };
        }
    }

    /// Keep what the one-line editor holds: a date goes on to ask for its
    /// reason; a reason revises the targets' dates; evidence is added. What
    /// is wrong is said, and the editor stays open.
    pub(super) fn accept_track_line(&mut self) -> Vec<Effect> {
        let Mode::TrackLine { input, editor } = &self.mode else {
            return Vec::new();
        };
        let typed = editor.lines().join(" ").trim().to_owned();
        match input.clone() {
            TrackInput::Due => {
                let date = if typed.is_empty() {
                    None
                } else if let Ok(date) = crate::files::yaml::parse::parse_date(&typed) {
                    Some(date)
                } else {
                    self.message = Some(Message::Error(format!(
                        "`{}` is not a date such as 2021-06-30 (blank: back to the inspection's own)",
                        crate::text::inert_line(&typed)
                    )));
                    return Vec::new();
                };
                self.mode = Mode::TrackLine {
                    input: TrackInput::Reason(date),
                    editor: text_editor(vec![String::new()]),
                };
                Vec::new()
            }
            TrackInput::Reason(date) => {
                if typed.is_empty() {
                    self.message = Some(Message::Error(
                        "A revised date needs its reason: type why (Esc cancels)".into(),
                    ));
                    return Vec::new();
                }
                self.mode = Mode::Normal;
                let ids = self.targets();
                self.bulk(BulkChange::Due(date, typed), ids, false)
            }
            TrackInput::Evidence => {
                self.mode = Mode::Normal;
                let Some(id) = self.selected_id().map(str::to_owned) else {
                    return Vec::new();
                };
                if typed.is_empty() {
                    return Vec::new();
                }
                self.tracked(
                    "evidence added".into(),
                    vec![(id, Tracked::Evidence(typed))],
                )
            }
        }
    }

    /// Keep the progress update typed, for every target.
    pub(super) fn accept_update(&mut self) -> Vec<Effect> {
        let Mode::Update { editor } = &self.mode else {
            return Vec::new();
        };
        let text = editor.lines().join("\n");
        self.mode = Mode::Normal;
        if text.trim().is_empty() {
            return Vec::new();
        }
        let ids = self.targets();
        self.bulk(BulkChange::Update(text), ids, false)
    }

    /// Sign off the selected item, or say in words why it cannot be.
    pub(super) fn sign_off_selected(&mut self) -> Vec<Effect> {
        if self.refuse_read_only() {
            return Vec::new();
        }
        let Some(id) = self.selected_id().map(str::to_owned) else {
            return Vec::new();
        };
        if self
            .review
            .entry(&id)
            .is_some_and(|e| e.signed_off.is_some())
        {
            self.message = Some(Message::Info(format!(
                "{} is signed off already",
                crate::text::field_line(&id)
            )));
            return Vec::new();
        }
        let status = self.review.status(&id);
        let evidence = self
            .review
            .entry(&id)
            .map(|e| e.evidence.clone())
            .unwrap_or_default();
        let by = self.stamp().by;
        if let Some(why) = crate::model::tracking::sign_off_refusal(
            status,
            &evidence,
            self.review.completed_by(&id),
            &by,
        ) {
            self.message = Some(Message::Error(format!("Not signed off: {why}")));
            return Vec::new();
        }
        self.tracked("signed off".into(), vec![(id, Tracked::SignOff)])
    }

    /// Make the tracked changes, as one step for undo and one save.
    pub(super) fn tracked(&mut self, what: String, changes: Vec<(String, Tracked)>) -> Vec<Effect> {
        let stamp = self.stamp();
        let mut done = Vec::new();
        for (id, change) in changes {
            let made = match &change {
                Tracked::Evidence(text) => self.review.add_evidence(&id, text, &stamp),
                Tracked::Update(text) => self.review.add_update(&id, text, &stamp),
                Tracked::SignOff => self.review.sign_off(&id, &stamp).unwrap_or(false),
                Tracked::Related(related) => self.review.add_related(&id, related.clone(), &stamp),
            };
            if made {
                done.push((id, change));
            }
        }
        if done.is_empty() {
            return Vec::new();
        }
        self.message = Some(Message::Info(match done.as_slice() {
            [(id, _)] => format!("{}: {what}", crate::text::field_line(&self.shown_id(id))),
            many => format!("{} items: {what}", many.len()),
        }));
        self.push_undo(super::UndoStep {
            what,
            items: Vec::new(),
            conflicts: Vec::new(),
            response: Vec::new(),
            tracked: done,
            tracked_inverse: false,
        });
        self.after_change()
    }

    /// Take tracked changes back (`back`) or make them again: evidence
    /// removed or added, an update withdrawn by another or added again, a
    /// sign-off withdrawn or given again (when the rules still allow).
    pub(super) fn replay_tracked(&mut self, changes: &[(String, Tracked)], back: bool) {
        let stamp = self.stamp();
        for (id, change) in changes {
            match (change, back) {
                (Tracked::Evidence(text), true) => {
                    self.review.remove_evidence(id, text, &stamp);
                }
                (Tracked::Evidence(text), false) => {
                    self.review.add_evidence(id, text, &stamp);
                }
                (Tracked::Update(text), true) => {
                    self.review.add_update(id, &withdrawn(text), &stamp);
                }
                (Tracked::Update(text), false) => {
                    self.review.add_update(id, text, &stamp);
                }
                (Tracked::SignOff, true) => {
                    self.review.withdraw_sign_off(id, &stamp);
                }
                (Tracked::SignOff, false) => {
                    if let Err(why) = self.review.sign_off(id, &stamp) {
                        self.message = Some(Message::Error(format!("Not signed off again: {why}")));
                    }
                }
                (Tracked::Related(related), true) => {
                    self.review.remove_related(id, related, &stamp);
                }
                (Tracked::Related(related), false) => {
                    self.review.add_related(id, related.clone(), &stamp);
                }
            }
        }
    }
}
