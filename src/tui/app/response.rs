//! The Response view: the s55 checklist and every field of the review's
//! `response:` block, each edited where it stands (a line in a line
//! editor, text in the note editor or `$EDITOR`, yes/no turned round) and
//! saved at once; and `x`, which writes the response as published, in
//! Markdown or Word, or the working draft.

use super::update::{note_editor, text_editor};
use super::{App, Effect, Message, Mode};
use crate::model::response::{Field, Shape};
use crate::tui::action::{Document, Resolution};

/// What the note editor's id is for a field of the response: no item id
/// has a `:`, so none can be taken for one.
const PREFIX: &str = "response:";

/// The id the note editor holds while it edits `field`.
pub fn note_id(field: Field) -> String {
    format!("{PREFIX}{}", field.key())
}

/// The response field a note editor's id names, if it names one.
pub fn field_of(id: &str) -> Option<Field> {
    id.strip_prefix(PREFIX).and_then(Field::from_key)
}

fn cursor_of(field: Field) -> usize {
    Field::ALL.iter().position(|f| *f == field).unwrap_or(0)
}

impl App {
    /// The Response view's own handling of `action`, when it is open (or
    /// its line editor, or the question of which document to write).
    pub(super) fn in_response(&mut self, action: &crate::tui::app::Action) -> Option<Vec<Effect>> {
        use crate::tui::app::Action as A;
        if !matches!(self.mode, Mode::Response { .. }) {
            return None;
        }
        let last = Field::ALL.len() - 1;
        Some(match action {
            A::MoveDown => {
                self.response_move(|c| c + 1);
                Vec::new()
            }
            A::MoveUp => {
                self.response_move(|c| c.saturating_sub(1));
                Vec::new()
            }
            A::Top | A::PageUp => {
                self.response_move(|_| 0);
                Vec::new()
            }
            A::Bottom | A::PageDown => {
                self.response_move(|_| last);
                Vec::new()
            }
            A::Open | A::EditNote => self.edit_response(false),
            A::ExternalEditor => self.edit_response(true),
            A::Resolve(how) => self.resolve_response(*how),
            A::ExportDraft => {
                if let Mode::Response { cursor } = self.mode {
                    self.mode = Mode::Export { over: Some(cursor) };
                }
                Vec::new()
            }
            A::Back | A::Response | A::Leave => {
                self.mode = Mode::Normal;
                Vec::new()
            }
            _ => return None,
        })
    }

    /// Open the Response view at its first field.
    pub(super) fn open_response(&mut self) {
        self.mode = Mode::Response { cursor: 0 };
    }

    /// Where leaving the note editor goes: back to the Response view when
    /// it held a field of the response, else to the lists.
    pub(super) fn after_note(id: &str) -> Mode {
        match field_of(id) {
            Some(field) => Mode::Response {
                cursor: cursor_of(field),
            },
            None => Mode::Normal,
        }
    }

    /// The field under the Response view's cursor.
    pub fn response_field(&self) -> Option<Field> {
        match &self.mode {
            Mode::Response { cursor } => Field::ALL.get(*cursor).copied(),
            _ => None,
        }
    }

    /// Move the Response view's cursor.
    pub(super) fn response_move(&mut self, to: impl Fn(usize) -> usize) {
        if let Mode::Response { cursor } = &mut self.mode {
            *cursor = to(*cursor).min(Field::ALL.len() - 1);
        }
    }

    /// Edit the chosen field: a line in the line editor, text in the note
    /// editor (`outside`: in `$EDITOR` at once), a yes/no turned round.
    pub(super) fn edit_response(&mut self, outside: bool) -> Vec<Effect> {
        if self.refuse_read_only() {
            return Vec::new();
        }
        let Some(field) = self.response_field() else {
            return Vec::new();
        };
        let value = self.review.response().get(field).unwrap_or_default();
        match field.shape() {
            Shape::Flag => {
                let next = if value.is_empty() { Some("yes") } else { None };
                return self.set_response(field, next);
            }
            Shape::Line | Shape::Date if !outside => {
                self.mode = Mode::ResponseField {
                    field,
                    editor: text_editor(vec![value]),
                };
            }
            Shape::Line | Shape::Date => {
                self.message = Some(Message::Info(format!(
                    "{} is one line: Enter edits it here",
                    field.label()
                )));
            }
            Shape::Text => {
                self.mode = Mode::Note {
                    id: note_id(field),
                    editor: note_editor(&value),
                    original: value,
                    toggled: false,
                    ask: None,
                    leave_after: outside,
                };
                if outside {
                    return self.external_editor();
                }
            }
        }
        Vec::new()
    }

    /// Keep what the line editor holds in its field: saved at once, or the
    /// editor stays open saying what is wrong with it.
    pub(super) fn accept_response_field(&mut self) -> Vec<Effect> {
        let Mode::ResponseField { field, editor } = &self.mode else {
            return Vec::new();
        };
        let field = *field;
        let typed = editor.lines().join(" ");
        let mut check = self.review.response().clone();
        if let Err(why) = check.put(field, Some(&typed)) {
            self.message = Some(Message::Error(format!("{}: {why}", field.label())));
            return Vec::new();
        }
        self.mode = Mode::Response {
            cursor: cursor_of(field),
        };
        self.set_response(field, Some(&typed))
    }

    /// Set one field, recorded in the response's history, and save.
    pub(super) fn set_response(&mut self, field: Field, value: Option<&str>) -> Vec<Effect> {
        if self.refuse_read_only() {
            return Vec::new();
        }
        let stamp = self.stamp();
        let before = self.review.response().get(field);
        match self.review.set_response(field, value, &stamp) {
            Ok(true) => {
                let after = self.review.response().get(field);
                self.push_undo(super::UndoStep::response(
                    format!("response: {}", field.label()),
                    field,
                    before,
                    after,
                ));
                self.message = Some(Message::Info(format!(
                    "Response: {} {}",
                    field.label(),
                    if self.review.response().get(field).is_some() {
                        "set"
                    } else {
                        "cleared"
                    }
                )));
                self.after_change()
            }
            Ok(false) => Vec::new(),
            Err(why) => {
                self.message = Some(Message::Error(format!("{}: {why}", field.label())));
                Vec::new()
            }
        }
    }

    /// Settle the other version of the chosen field, held from a merge.
    pub(super) fn resolve_response(&mut self, how: Resolution) -> Vec<Effect> {
        let Some(field) = self.response_field() else {
            return Vec::new();
        };
        let Some(theirs) = self.review.response().conflict_of(field).cloned() else {
            self.message = Some(Message::Info(format!(
                "{} has no other version to settle",
                field.label()
            )));
            return Vec::new();
        };
        let mine = self.review.response().get(field);
        let value = match how {
            Resolution::Mine => mine,
            Resolution::Theirs => theirs,
            Resolution::Both => match (mine, theirs) {
                (Some(a), Some(b)) if field.shape() == Shape::Text && a != b => Some(format!(
                    "{a}\n\n{}\n{b}",
                    crate::model::merge::OTHER_NOTE_MARK
                )),
                (Some(a), _) => Some(a),
                (None, b) => b,
            },
        };
        self.set_response(field, value.as_deref())
    }

    /// Write `document` beside the review. The response as published is
    /// written with its gaps marked while something it must hold is
    /// missing, and the message says what.
    pub(super) fn export(&mut self, document: Document) -> Vec<Effect> {
        if let Mode::Export { over } = self.mode {
            self.mode = match over {
                Some(cursor) => Mode::Response { cursor },
                None => Mode::Normal,
            };
        }
        let check =
            crate::model::response::checklist(&self.inspection, &self.review, self.settings.today);
        let format = match document {
            Document::Response => crate::export::Format::Response,
            Document::Word => crate::export::Format::Docx,
            Document::WorkingDraft => crate::export::Format::Markdown,
        };
        let options = crate::export::Options {
            cells: crate::export::Cells::Guarded,
            excel: false,
            draft: document.is_published() && !check.can_publish(),
        };
        match crate::export::document(
            format,
            &self.inspection,
            &self.review,
            self.settings.today,
            options,
        ) {
            Ok(bytes) => vec![Effect::Write {
                path: self.document_path(document),
                bytes,
                what: document.label(),
                gaps: options.draft.then(|| check.blockers.join("; ")),
            }],
            Err(why) => {
                self.message = Some(Message::Error(format!("Not written: {why}")));
                Vec::new()
            }
        }
    }
}
