//! `App::update`: every state change happens here, and nowhere else.

use ratatui_textarea::TextArea;

use super::{
    App, DiskContents, DiskPurpose, Effect, Message, Mode, Msg, NoteAsk, Pane, PaneKind,
    SaveOutcome,
};
use crate::model::merge::merge;
use crate::tui::app::Action;

/// An editor holding `lines`, with the cursor at the end of the text.
pub(super) fn text_editor(lines: Vec<String>) -> Box<TextArea<'static>> {
    let mut editor = TextArea::new(lines);
    // The editor draws its own cursor; the line under it needs no underline.
    editor.set_cursor_line_style(ratatui::style::Style::new());
    editor.move_cursor(ratatui_textarea::CursorMove::Bottom);
    editor.move_cursor(ratatui_textarea::CursorMove::End);
    Box::new(editor)
}

/// A one-line editor holding `text`, with `hint` shown dim while it is
/// empty (dim, not grey: no colour of its own, so `NO_COLOR` holds).
pub(super) fn hinted_editor(text: String, hint: impl Into<String>) -> Box<TextArea<'static>> {
    let mut editor = text_editor(vec![text]);
    editor.set_placeholder_text(hint);
    editor.set_placeholder_style(
        ratatui::style::Style::new().add_modifier(ratatui::style::Modifier::DIM),
    );
    editor
}

/// The note editor, holding `note`: split on '\n' alone, so joining its
/// lines back gives the same bytes.
pub(super) fn note_editor(note: &str) -> Box<TextArea<'static>> {
    let mut editor = text_editor(note.split('\n').map(str::to_owned).collect());
    editor.set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
    editor
}

impl App {
    /// Apply one action or report; return the I/O the runner must carry out.
    pub fn update(&mut self, msg: impl Into<Msg>) -> Vec<Effect> {
        let before = self.selected_id().map(str::to_owned);
        let mut effects = self.receive(msg.into());
        if self.save.pending_disk && !self.typing() {
            // The question put off while typing is asked now.
            self.save.pending_disk = false;
            effects.push(self.read_disk(DiskPurpose::Merge));
        }
        // A link chosen and the detail's scroll belong to the item they
        // were made on, however the selection moved on from it.
        if self.selected_id() != before.as_deref() {
            self.links.chosen = None;
            self.detail_scroll = 0;
        }
        self.refresh();
        effects
    }

    /// What the terminal and the runner send, taken apart.
    fn receive(&mut self, msg: Msg) -> Vec<Effect> {
        match msg {
            Msg::Act(action) => return self.apply(action),
            Msg::EditorKey(key) => self.editor_key(key),
            Msg::Paste(text) => self.paste(&text),
            Msg::Mouse(event) => self.mouse(event),
            Msg::Drawn(layout) => self.drawn(layout),
            Msg::Clock(now) => self.settings.clock = Some(now),
            Msg::Saved(outcome) => return self.saved(outcome),
            Msg::SavedReviews(outcomes) => return self.saved_reviews(outcomes),
            Msg::DiskContents(contents) => return self.on_disk_contents(contents),
            // Opening is the portfolio's; importing the import view's.
            Msg::Opened(_) | Msg::Imported(_) | Msg::ReadAgain(..) | Msg::Pack(_) => {}
            Msg::Place(place) => self.restore_place(&place),
            Msg::UrlOpened(Ok(program)) => {
                self.message = Some(Message::Info(format!(
                    "Asked {} to open the inspection's web page",
                    crate::text::inert_line(&program)
                )));
            }
            Msg::UrlOpened(Err(why)) => self.message = Some(Message::Error(why)),
            Msg::Locked(report) => self.locked(report),
            Msg::CopiesFound(found) => self.copies_found(found),
            Msg::CopiesRead(read) => return self.merge_copies_in(read),
            Msg::CopiesSetAside(moved) => self.copies_set_aside(&moved),
            Msg::EditedExternally(edit) => return self.edited_externally(edit),
            Msg::LockFreed => {
                self.save.lock_freed = self.save.read_only.is_some();
                if let Some(who) = &self.save.read_only {
                    let key = self
                        .settings
                        .keys
                        .hint(super::ModeKind::Normal, &Action::TakeOver);
                    self.message = Some(Message::Info(format!(
                        "{who} has stopped writing this review: press {key} to change it here."
                    )));
                }
            }
            Msg::DiskUnreadable(why) => {
                let key = self
                    .settings
                    .keys
                    .hint(super::ModeKind::Normal, &Action::SaveElsewhere);
                self.message = Some(Message::Error(format!(
                    "The review file on disk cannot be read ({why}); your work is kept here: {key} saves it elsewhere."
                )));
            }
            Msg::Exported(Ok(written)) => {
                let path =
                    crate::text::inert_line(&written.path.display().to_string()).into_owned();
                // What matters first: a footer has one row.
                let mut said = match &written.gaps {
                    Some(gaps) => format!(
                        "Not ready to publish, so written as a draft with each gap marked, to {path}: {}",
                        crate::text::inert_line(gaps)
                    ),
                    None => format!("Wrote {} to {path}", written.what),
                };
                if let Some(kept) = &written.kept {
                    let _ = std::fmt::Write::write_fmt(
                        &mut said,
                        format_args!(
                            "; the copy there had been changed since scrutiny wrote it, so it was kept as {}",
                            crate::text::inert_line(&kept.display().to_string())
                        ),
                    );
                }
                self.message = Some(Message::Info(said));
            }
            Msg::Exported(Err(why)) => {
                self.message = Some(Message::Error(format!("Not written: {why}")));
            }
        }
        Vec::new()
    }

    #[allow(
        clippy::too_many_lines,
        reason = "one arm per action reads best as a table"
    )]
    fn apply(&mut self, action: Action) -> Vec<Effect> {
        // Editing a note is refused where the editor would open, which
        // Enter reaches too when no link is chosen.
        let edits = matches!(
            action,
            Action::SetStatus(_)
                | Action::EditOwner
                | Action::AppendNote
                | Action::Undo
                | Action::Redo
                | Action::Resolve(_)
        );
        if edits && self.refuse_read_only() {
            return Vec::new();
        }
        if let Some(effects) = self.in_response(&action) {
            return effects;
        }
        if let Some(effects) = self.in_register(&action) {
            return effects;
        }
        if self.in_link_pick(&action) {
            return Vec::new();
        }
        if let Some(effects) = self.in_alike(&action) {
            return effects;
        }
        match action {
            Action::MoveDown
            | Action::MoveUp
            | Action::Top
            | Action::Bottom
            | Action::Accept
            | Action::Back
                if matches!(self.mode, Mode::Pick(_)) =>
            {
                self.in_pick(&action);
            }
            Action::MoveDown | Action::MoveUp | Action::Toggle if self.in_overlay_list() => {
                self.move_in_overlay(&action);
            }
            Action::MoveDown
            | Action::MoveUp
            | Action::PageDown
            | Action::PageUp
            | Action::Top
            | Action::Bottom
                if self.in_scrolled_view() =>
            {
                self.scroll_view(&action);
            }
            Action::MoveDown => self.select(|p| p.selected + 1),
            Action::MoveUp => self.select(|p| p.selected.saturating_sub(1)),
            Action::Top => self.select(|_| 0),
            Action::Bottom => self.select(|p| p.len().saturating_sub(1)),
            Action::PageDown => self.select(|p| p.selected + p.height().max(1)),
            Action::PageUp => self.select(|p| p.selected.saturating_sub(p.height().max(1))),
            Action::NextPane => self.focus_pane(1),
            Action::PrevPane => self.focus_pane(self.panes.len().saturating_sub(1)),
            Action::DetailDown => {
                self.detail_scroll = self.detail_scroll.saturating_add(3);
            }
            Action::DetailUp => self.detail_scroll = self.detail_scroll.saturating_sub(3),
            Action::DetailPageDown => {
                let page = self.detail_page();
                let mut scroll = self.detail_scroll.saturating_add(page);
                // Kept within the text when the last frame knew its end
                // (else the next frame keeps it there).
                if let Some(rows) = self.layout.detail_rows {
                    scroll = scroll
                        .min(rows.saturating_sub(page))
                        .max(self.detail_scroll);
                }
                self.detail_scroll = scroll;
            }
            Action::DetailPageUp => {
                self.detail_scroll = self.detail_scroll.saturating_sub(self.detail_page());
            }
            Action::ToggleNoteFold => self.note_unfolded = !self.note_unfolded,
            Action::SetStatus(status) => {
                let ids = self.targets();
                return self.bulk(super::BulkChange::Status(status), ids, false);
            }
            Action::EditNote => self.open_note(),
            Action::EditOwner => self.open_owner(),
            Action::AppendNote => {
                if self.target_count() > 0 {
                    self.mode = Mode::Append {
                        editor: text_editor(vec![String::new()]),
                    };
                }
            }
            Action::Help => {
                self.help_scroll = 0;
                self.help_query.clear();
                self.mode = Mode::Help;
            }
            Action::Back => return self.back(),
            Action::Accept => return self.accept(),
            Action::KeepNote => return self.keep_note(),
            Action::DiscardNote => self.discard_note(),
            Action::ToggleItem => {
                if let Mode::Note { toggled, .. } = &mut self.mode {
                    *toggled = !*toggled;
                }
            }
            Action::ExternalEditor => return self.external_editor(),
            // Back to the overview from the list; from anything over it (a
            // key of the user's own there), first out of that, as Esc.
            Action::Leave if self.settings.in_portfolio => {
                return if matches!(self.mode, Mode::Normal) {
                    self.leave_to_overview()
                } else {
                    self.back()
                };
            }
            Action::Quit | Action::Leave => return self.quit(),
            Action::QuitAnyway => {
                self.save.quitting = true;
                return vec![Effect::Quit];
            }
            Action::SaveElsewhere => {
                // The full path, as a start: the folder may be the problem.
                let suggestion =
                    crate::files::paths::ReviewPaths::new(&self.save.path).copy_suggestion();
                self.mode = Mode::SaveAs {
                    editor: text_editor(vec![suggestion.display().to_string()]),
                };
            }
            Action::Merge if matches!(self.mode, Mode::DiskReverted(_)) => {
                return self.keep_ours_over_revert();
            }
            Action::Reload if matches!(self.mode, Mode::DiskReverted(_)) => {
                return self.take_reverted();
            }
            Action::Merge => return vec![self.read_disk(DiskPurpose::Merge)],
            Action::Reload => return vec![self.read_disk(DiskPurpose::Reload)],
            Action::TakeOver => return self.take_over(),
            Action::MergeCopies => return self.merge_copies(),
            Action::Link => self.open_link(),
            Action::Alike => self.open_alike(),
            Action::SetRelation(relation) => return self.set_relation(relation),
            // The register's (`in_register`): here every kind is shown.
            Action::ToggleKinds => {
                self.message = Some(Message::Info(
                    "Every kind is shown here; in the register (from the overview) this key shows findings and strengths too".into(),
                ));
            }
            Action::ClearView => self.clear_view(),
            Action::ReverseSort => self.reverse_sort(),
            Action::Complete => self.complete_owner(),
            Action::NextConflict => self.next_conflict(),
            Action::WidenLists | Action::NarrowLists => {
                let step = if action == Action::WidenLists { 1 } else { -1 };
                let limit = (75 - 45) / super::SPLIT_STEP + 2;
                self.settings.split = (self.settings.split + step).clamp(-limit, limit);
            }
            Action::Suspend => return vec![Effect::Suspend],
            Action::Search if matches!(self.mode, Mode::Help) => {
                let editor = hinted_editor(self.help_query.clone(), "a key, an action or a word");
                self.mode = Mode::HelpSearch { editor };
            }
            Action::Search => self.open_search(),
            Action::NextMatch => self.step_match(true),
            Action::PrevMatch => self.step_match(false),
            Action::FilterMenu => self.mode = Mode::FilterMenu { cursor: 0 },
            Action::ToggleUnreviewed => self.toggle_unreviewed(),
            Action::CycleSort => self.cycle_sort(),
            Action::Mark => self.mark(),
            Action::MarkAll => self.mark_all(),
            Action::Undo => return self.undo_last(),
            Action::Redo => return self.redo_last(),
            Action::NextLink => self.step_link(true),
            Action::PrevLink => self.step_link(false),
            Action::Open => {
                if self.links.chosen.is_some() {
                    return self.follow_link();
                }
                self.open_note();
            }
            Action::JumpBack => self.jump_back(),
            Action::Summary => {
                self.view_scroll = 0;
                self.mode = Mode::Summary;
            }
            Action::History => match self.selected_id() {
                Some(id) => {
                    self.mode = Mode::History { id: id.to_owned() };
                    self.view_scroll = 0;
                }
                None => self.message = Some(Message::Info("No item is selected".into())),
            },
            Action::Inspection => {
                self.view_scroll = 0;
                self.mode = Mode::Inspection;
            }
            Action::OpenUrl => return self.open_url(),
            Action::Resolve(how) => return self.resolve(how),
            Action::ExportDraft => self.mode = Mode::Export { over: None },
            Action::Export(document) => return self.export(document),
            Action::Response => self.open_response(),
            Action::OpenRag => self.open_rag(),
            Action::SetRag(rag) => return self.set_rag_of_targets(rag),
            Action::ReviseDue => self.open_due(),
            Action::AddEvidence => self.open_evidence(),
            Action::AddUpdate => self.open_update(),
            Action::SignOff => return self.sign_off_selected(),
            Action::Changes => {
                // From the pack, back to its date; from the lists, a quarter back.
                let since = if let Mode::Changes { since, .. } = self.mode {
                    since
                } else {
                    crate::export::changes::quarter_before(self.settings.today)
                };
                self.mode = Mode::ChangesPick { since };
            }
            Action::ShiftDate(days) => {
                if let Mode::ChangesPick { since } = &mut self.mode {
                    *since = crate::export::changes::shifted(*since, days, self.settings.today);
                }
            }
            // The filter picker's toggle is handled above; the register is
            // the overview's; the rest are the import view's.
            Action::Toggle
            | Action::Register
            | Action::Dismiss
            | Action::MarkLine(_)
            | Action::Unmark
            | Action::EditField(_)
            | Action::WriteImport => {}
        }
        Vec::new()
    }

    /// The views that scroll a row at a time: the summary, a history, the
    /// inspection's details.
    pub(super) fn in_scrolled_view(&self) -> bool {
        matches!(
            self.mode,
            Mode::Summary | Mode::History { .. } | Mode::Inspection | Mode::Changes { .. }
        )
    }

    /// Scroll the view open; the next frame keeps it within the view.
    /// A screenful of the detail: its height in the last frame.
    fn detail_page(&self) -> usize {
        usize::from(self.layout.detail.height).max(1)
    }

    fn scroll_view(&mut self, action: &Action) {
        let page = self.view_height.max(1);
        self.view_scroll = match action {
            Action::MoveDown => self.view_scroll.saturating_add(1),
            Action::MoveUp => self.view_scroll.saturating_sub(1),
            Action::PageDown => self.view_scroll.saturating_add(page),
            Action::PageUp => self.view_scroll.saturating_sub(page),
            Action::Top => 0,
            Action::Bottom => usize::MAX,
            _ => self.view_scroll,
        };
    }

    /// Ask the runner to open the inspection's web address, if it has one
    /// that is a web address: only `http://` and `https://` are opened.
    /// Bound in the inspection's details; a key of the user's own for it
    /// elsewhere does the same.
    fn open_url(&mut self) -> Vec<Effect> {
        let Some(url) = self.inspection.meta.url.as_deref().map(str::trim) else {
            self.message = Some(Message::Info(
                "The inspection gives no web address to open".into(),
            ));
            return Vec::new();
        };
        let shown = crate::text::inert_line(url).into_owned();
        if !crate::text::is_web_address(url) {
            self.message = Some(Message::Error(format!(
                "Not opened: only http:// and https:// addresses are opened, and this is {shown}"
            )));
            return Vec::new();
        }
        if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
            self.message = Some(Message::Error(format!(
                "Not opened: the address holds spaces or control characters: {shown}"
            )));
            return Vec::new();
        }
        vec![Effect::OpenUrl(url.to_owned())]
    }

    fn editor_key(&mut self, key: crossterm::event::KeyEvent) {
        use crossterm::event::{KeyCode, KeyModifiers};
        if matches!(self.mode, Mode::Pick(_)) {
            let plain = !key
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
            match key.code {
                KeyCode::Char(c) if plain && !c.is_control() => {
                    self.pick_typed(|q| q.push(c));
                }
                KeyCode::Backspace => self.pick_typed(|q| {
                    q.pop();
                }),
                _ => {}
            }
            return;
        }
        if self
            .mode
            .editor_mut()
            .is_some_and(|editor| editor.input(key))
        {
            self.typed();
        }
    }

    /// What the search fields' text drives: the panes, or the help.
    fn typed(&mut self) {
        match &self.mode {
            Mode::Search { editor } => {
                self.search.text = editor.lines().join(" ");
                self.refresh_rows();
                // The best match is the one to look at.
                for pane in &mut self.panes {
                    pane.selected = 0;
                }
                self.detail_scroll = 0;
            }
            Mode::LinkPick { editor, .. } => {
                let query = editor.lines().join(" ");
                let now = self.link_candidates(&query);
                if let Mode::LinkPick { found, cursor, .. } = &mut self.mode {
                    *found = now;
                    *cursor = 0;
                }
            }
            Mode::HelpSearch { editor } => {
                self.help_query = editor.lines().join(" ");
                self.help_scroll = 0;
            }
            _ => {}
        }
    }

    /// The owner editor, for the marked items or else the selected one,
    /// holding their owner when they share one.
    fn open_owner(&mut self) {
        let ids = self.targets();
        let Some(first) = ids.first().cloned() else {
            return;
        };
        let owners: std::collections::BTreeSet<String> = ids
            .iter()
            .map(|id| self.review.fields(id).owner.unwrap_or_default())
            .collect();
        let owner = if owners.len() == 1 {
            owners.into_iter().next().unwrap_or_default()
        } else {
            String::new()
        };
        self.mode = Mode::Owner {
            id: first,
            editor: text_editor(vec![owner]),
        };
    }

    /// Complete the owner typed: to the one owner it starts, or as far as
    /// the owners it starts agree, naming them.
    fn complete_owner(&mut self) {
        let Mode::Owner { editor, .. } = &self.mode else {
            return;
        };
        let typed = editor.lines().join(" ");
        let choices = self.owner_choices(&typed);
        let common = choices.iter().skip(1).fold(
            choices.first().cloned().unwrap_or_default(),
            |common, o| {
                common
                    .chars()
                    .zip(o.chars())
                    .take_while(|(a, b)| a.to_lowercase().eq(b.to_lowercase()))
                    .map(|(a, _)| a)
                    .collect()
            },
        );
        self.message = Some(Message::Info(match choices.as_slice() {
            [] => "No owner in use starts so".to_owned(),
            [one] => format!("Owner: {}", crate::text::field_line(one)),
            many => {
                let shown: Vec<String> = many
                    .iter()
                    .take(5)
                    .map(|o| crate::text::field_line(o))
                    .collect();
                let more = many.len().saturating_sub(5);
                format!(
                    "{} owners start so: {}{}",
                    many.len(),
                    shown.join(", "),
                    if more > 0 {
                        format!(" and {more} more")
                    } else {
                        String::new()
                    }
                )
            }
        }));
        if common.chars().count() > typed.trim().chars().count()
            && let Mode::Owner { editor, .. } = &mut self.mode
        {
            *editor = text_editor(vec![common]);
        }
    }

    /// Settle the selected item's conflict.
    fn resolve(&mut self, how: super::Resolution) -> Vec<Effect> {
        let Some(id) = self.selected_id().map(str::to_owned) else {
            return Vec::new();
        };
        let Some(other) = self.entry(&id).and_then(|e| e.conflict.clone()) else {
            self.message = Some(Message::Info(format!("{id} has no conflict to settle")));
            return Vec::new();
        };
        let mine = self.review.fields(&id);
        let (fields, what) = match how {
            super::Resolution::Mine => (mine, "kept your version"),
            super::Resolution::Theirs => (other, "took the other version"),
            super::Resolution::Both => (
                crate::model::merge::both(&mine, &other),
                "kept both versions",
            ),
        };
        self.change(what.to_owned(), &[id], |r, id, stamp| {
            r.resolve(id, &fields, stamp)
        })
    }

    /// Leave the note editor keeping its text.
    fn keep_note(&mut self) -> Vec<Effect> {
        let Some((id, text)) = self.note_draft().map(|(id, t)| (id.to_owned(), t)) else {
            return Vec::new();
        };
        let typed = match &self.mode {
            Mode::Note { original, .. } => *original != text,
            _ => true,
        };
        self.mode = Self::after_note(&id);
        if !typed {
            // Nothing typed: the note stays as the review has it now, which
            // a merge meanwhile may have changed.
            return Vec::new();
        }
        if let Some(field) = super::response::field_of(&id) {
            return self.set_response(field, Some(&text));
        }
        self.change("note edited".into(), &[id], |r, id, stamp| {
            r.set_note(id, &text, stamp)
        })
    }

    /// Leave the note editor dropping what was typed: at once when it holds
    /// the note as it was given, else once the question is answered yes.
    fn discard_note(&mut self) {
        let Mode::Note {
            id,
            editor,
            original,
            ask,
            ..
        } = &mut self.mode
        else {
            return;
        };
        let typed = editor.lines().join("\n") != *original;
        match ask {
            Some(NoteAsk::Returned { .. }) => return,
            None if typed => {
                *ask = Some(NoteAsk::Discard);
                return;
            }
            _ => {}
        }
        self.mode = Self::after_note(id);
        self.message = Some(Message::Info(
            if typed {
                "Dropped what was typed: the note is as it was"
            } else {
                "Closed the note editor: the note is as it was"
            }
            .into(),
        ));
    }

    /// Answer the question open over the note editor: yes (`take`) or no.
    fn answer(&mut self, take: bool) -> Vec<Effect> {
        let Mode::Note {
            editor,
            ask,
            leave_after,
            ..
        } = &mut self.mode
        else {
            return Vec::new();
        };
        let Some(NoteAsk::Returned { text, .. }) = ask.take() else {
            // The question about dropping the text: no, back to it.
            return Vec::new();
        };
        if take {
            **editor = *note_editor(&text);
        }
        if *leave_after {
            let effects = self.keep_note();
            if !take {
                self.message = Some(Message::Info(
                    "Kept the note as it was; the external editor's text is not taken".into(),
                ));
            }
            return effects;
        }
        self.message = Some(Message::Info(if take {
            self.in_the_editor("The external editor's text is in the note editor")
        } else {
            "Kept the note as it was typed; the external editor's text is not taken".into()
        }));
        Vec::new()
    }

    /// `what`, and the keys that keep or drop the note editor's text.
    fn in_the_editor(&self, what: &str) -> String {
        let keys = &self.settings.keys;
        format!(
            "{what}: {} keeps it, {} drops it",
            keys.hint(super::ModeKind::Note, &Action::KeepNote),
            keys.hint(super::ModeKind::Note, &Action::DiscardNote)
        )
    }

    /// Hand the note to the external editor: the text typed so far, or,
    /// from the normal view, the selected item's note (its editor opened
    /// to hold it meanwhile, and closed once what comes back is kept).
    pub(super) fn external_editor(&mut self) -> Vec<Effect> {
        if matches!(self.mode, Mode::Normal) {
            self.open_note();
            if let Mode::Note { leave_after, .. } = &mut self.mode {
                *leave_after = true;
            }
        }
        match &self.mode {
            Mode::Note {
                id,
                editor,
                ask: None,
                ..
            } => vec![Effect::EditExternally {
                id: id.clone(),
                text: editor.lines().join("\n"),
            }],
            _ => Vec::new(),
        }
    }

    /// What the external editor left: into the note editor (and kept, when
    /// opened from the normal view); asked about when it failed or emptied
    /// the note, never dropped or blanked unasked.
    fn edited_externally(&mut self, edit: crate::tui::action::ExternalEdit) -> Vec<Effect> {
        let Mode::Note {
            id,
            editor,
            ask,
            leave_after,
            ..
        } = &mut self.mode
        else {
            return Vec::new();
        };
        if *id != edit.id || ask.is_some() {
            return Vec::new();
        }
        let sent = editor.lines().join("\n");
        let returned = match edit.result {
            Ok(returned) => returned,
            Err(why) => {
                if *leave_after {
                    self.mode = Self::after_note(&edit.id);
                }
                self.message = Some(Message::Error(format!(
                    "The note was not edited outside: {why}"
                )));
                return Vec::new();
            }
        };
        let emptied = returned.text.trim().is_empty() && !sent.trim().is_empty();
        let why = match (returned.failed, emptied) {
            (Some(failed), true) => Some(format!("the editor {failed} and left the file empty")),
            (Some(failed), false) => Some(format!("the editor {failed}")),
            (None, true) => Some("the editor left the file empty".to_owned()),
            (None, false) => None,
        };
        if let Some(why) = why {
            *ask = Some(NoteAsk::Returned {
                text: returned.text,
                why,
            });
            return Vec::new();
        }
        if returned.text == sent {
            if *leave_after {
                self.mode = Self::after_note(&edit.id);
            }
            self.message = Some(Message::Info(
                "The note came back from the external editor unchanged".into(),
            ));
            return Vec::new();
        }
        **editor = *note_editor(&returned.text);
        if *leave_after {
            return self.keep_note();
        }
        self.message = Some(Message::Info(
            self.in_the_editor("The external editor's text is in the note editor"),
        ));
        Vec::new()
    }

    /// A change was made to the review: it goes to disk at once.
    pub(super) fn changed(&mut self) -> Vec<Effect> {
        self.save.unsaved = true;
        vec![self.save_effect()]
    }

    fn select(&mut self, to: impl Fn(&Pane) -> usize) {
        let Some(pane) = self.panes.get_mut(self.focus) else {
            return;
        };
        let last = pane.len().saturating_sub(1);
        let next = to(pane).min(last);
        pane.selected = next;
    }

    fn focus_pane(&mut self, step: usize) {
        if !self.panes.is_empty() {
            self.focus = (self.focus + step) % self.panes.len();
        }
    }

    /// In a read-only session, say why nothing can change; `true` then.
    pub(super) fn refuse_read_only(&mut self) -> bool {
        let Some(who) = &self.save.read_only else {
            return false;
        };
        self.message = Some(Message::Error(format!(
            "Read-only: quit {who} to change this review here."
        )));
        true
    }

    fn open_note(&mut self) {
        if self.refuse_read_only() {
            return;
        }
        let Some(id) = self.selected_id().map(str::to_owned) else {
            return;
        };
        let note = self
            .entry(&id)
            .and_then(|e| e.note.clone())
            .unwrap_or_default();
        // Splitting on '\n' alone and joining back gives the same bytes.
        let editor = note_editor(&note);
        self.mode = Mode::Note {
            id,
            editor,
            original: note,
            toggled: false,
            ask: None,
            leave_after: false,
        };
    }

    fn paste(&mut self, text: &str) {
        if matches!(self.mode, Mode::Pick(_)) {
            let line: String = text
                .chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect();
            self.pick_typed(|q| q.push_str(&line));
            return;
        }
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        // Notes keep their lines; one-line fields get spaces.
        let lines = matches!(
            self.mode,
            Mode::Note { .. } | Mode::Append { .. } | Mode::Update { .. }
        );
        let Some(editor) = self.mode.editor_mut() else {
            return;
        };
        if lines {
            editor.insert_str(&text);
        } else {
            editor.insert_str(text.replace('\n', " "));
        }
        self.typed();
    }

    fn back(&mut self) -> Vec<Effect> {
        match self.mode {
            Mode::ConfirmBulk(_) => {
                self.mode = Mode::Normal;
                self.message = Some(Message::Info("Nothing changed".into()));
            }
            Mode::Note { ask: Some(_), .. } => return self.answer(false),
            Mode::Note { .. } => return self.keep_note(),
            Mode::Search { .. } => {
                self.mode = Mode::Normal;
                self.search.text.clear();
                self.refresh_rows();
            }
            Mode::HelpSearch { .. } => {
                self.help_query.clear();
                self.mode = Mode::Help;
            }
            Mode::Normal => {
                if self.marks.is_empty()
                    && self.search.text.is_empty()
                    && self.settings.in_portfolio
                {
                    return self.leave_to_overview();
                }
                self.escape();
            }
            Mode::SaveAs { .. } if self.quitting_pending() => self.mode = Mode::ConfirmQuit,
            Mode::ResponseField { field, .. } => {
                self.mode = Self::after_note(&super::response::note_id(field));
            }
            Mode::Export { over: Some(cursor) } => self.mode = Mode::Response { cursor },
            Mode::DiskChanged => {
                self.mode = Mode::Normal;
                self.message = Some(Message::Error(
                    "Not saved: the review file changed on disk; your next change will ask again."
                        .into(),
                ));
            }
            _ => self.mode = Mode::Normal,
        }
        Vec::new()
    }

    /// Back to the overview this inspection was opened from, unless the
    /// last change is not saved: that is said, and nothing is let go.
    fn leave_to_overview(&mut self) -> Vec<Effect> {
        if self.save.unsaved && self.register.is_some() {
            let why = self.save.error.clone().unwrap_or_default();
            self.message = Some(Message::Error(format!(
                "A change is not saved ({why}); it stays here: make it again to retry, or undo it, before leaving"
            )));
            return Vec::new();
        }
        if self.save.unsaved {
            let key = self
                .settings
                .keys
                .hint(super::ModeKind::Normal, &Action::SaveElsewhere);
            self.message = Some(Message::Error(format!(
                "Your last change is not saved; press {key} to save it elsewhere before leaving"
            )));
            return Vec::new();
        }
        vec![Effect::Close]
    }

    fn quitting_pending(&self) -> bool {
        self.save.unsaved
    }

    fn accept(&mut self) -> Vec<Effect> {
        if matches!(self.mode, Mode::Note { ask: Some(_), .. }) {
            return self.answer(true);
        }
        if matches!(self.mode, Mode::ResponseField { .. }) {
            return self.accept_response_field();
        }
        if matches!(self.mode, Mode::TrackLine { .. }) {
            return self.accept_track_line();
        }
        if let Mode::ChangesPick { since } = self.mode {
            self.view_scroll = 0;
            let pack = self.changes_since(since);
            self.mode = Mode::Changes { since, pack };
            return Vec::new();
        }
        if matches!(self.mode, Mode::Update { .. }) {
            return self.accept_update();
        }
        match std::mem::replace(&mut self.mode, Mode::Normal) {
            Mode::Owner { id, editor } => {
                let owner = editor.lines().join(" ");
                let ids = if self.marks.is_empty() {
                    vec![id]
                } else {
                    self.targets()
                };
                return self.bulk(super::BulkChange::Owner(owner), ids, false);
            }
            Mode::Append { editor } => {
                let text = editor.lines().join("\n");
                if text.trim().is_empty() {
                    return Vec::new();
                }
                let ids = self.targets();
                return self.bulk(super::BulkChange::Append(text), ids, false);
            }
            Mode::ConfirmBulk(bulk) => return self.bulk(bulk.change, bulk.ids, true),
            Mode::Search { .. } => {
                // The search stays as a filter; the panes keep its matches.
                if !self.search.text.is_empty() {
                    let hint = |action| self.settings.keys.hint(super::ModeKind::Normal, action);
                    self.message = Some(Message::Info(format!(
                        "Search \"{}\" kept: {}/{} step through matches, {} changes it",
                        self.search.text,
                        hint(&Action::NextMatch),
                        hint(&Action::PrevMatch),
                        hint(&Action::Search),
                    )));
                }
            }
            Mode::HelpSearch { .. } => self.mode = Mode::Help,
            Mode::SaveAs { editor } => {
                let path = editor.lines().join("").trim().to_owned();
                if path.is_empty() {
                    self.mode = Mode::SaveAs { editor };
                } else {
                    return vec![Effect::SaveTo {
                        path: path.into(),
                        text: self.review_yaml(),
                    }];
                }
            }
            other => self.mode = other,
        }
        Vec::new()
    }

    /// Make `change` to `ids` as one step, first asking when they are more
    /// than a handful (unless `asked`).
    pub(super) fn bulk(
        &mut self,
        change: super::BulkChange,
        ids: Vec<String>,
        asked: bool,
    ) -> Vec<Effect> {
        use super::BulkChange;
        if !asked && ids.len() > super::HANDFUL {
            self.mode = Mode::ConfirmBulk(Box::new(super::Bulk { change, ids }));
            return Vec::new();
        }
        match change {
            BulkChange::Status(status) => {
                self.change(status.label().to_owned(), &ids, |r, id, stamp| {
                    r.set_status(id, status, stamp)
                })
            }
            BulkChange::Owner(owner) => {
                let what = if owner.trim().is_empty() {
                    "owner cleared".to_owned()
                } else {
                    format!("owner {}", owner.trim())
                };
                self.change(what, &ids, |r, id, stamp| r.set_owner(id, &owner, stamp))
            }
            BulkChange::Rag(rag) => {
                let what = rag.map_or_else(
                    || "RAG cleared".to_owned(),
                    |r| format!("RAG {}", r.label()),
                );
                self.change(what, &ids, |r, id, stamp| r.set_rag(id, rag, stamp))
            }
            BulkChange::Due(date, reason) => {
                let what = date.map_or_else(
                    || "due date back to the inspection's own".to_owned(),
                    |d| {
                        format!(
                            "due date revised to {}",
                            crate::model::deadline::long_date(d)
                        )
                    },
                );
                self.change(what, &ids, |r, id, stamp| {
                    r.revise_due(id, date, &reason, stamp).unwrap_or(false)
                })
            }
            BulkChange::Update(text) => {
                let changes = ids
                    .into_iter()
                    .map(|id| (id, super::tracking::Tracked::Update(text.clone())))
                    .collect();
                self.tracked("progress update added".into(), changes)
            }
            BulkChange::Append(text) => {
                self.change("note appended".into(), &ids, |r, id, stamp| {
                    let note = r.fields(id).note.unwrap_or_default();
                    let joined = if note.is_empty() {
                        text.clone()
                    } else if note.ends_with('\n') {
                        format!("{note}{text}")
                    } else {
                        format!("{note}\n{text}")
                    };
                    r.set_note(id, &joined, stamp)
                })
            }
        }
    }

    fn quit(&mut self) -> Vec<Effect> {
        if self.note_draft().is_some() && !self.keep_note().is_empty() {
            // Save the note first; quit once it is on disk.
            self.save.quitting = true;
            return vec![self.save_effect()];
        }
        if self.save.vanished {
            // The file went while open: it is written back before leaving.
            self.save.quitting = true;
            return vec![self.save_effect()];
        }
        if self.save.unsaved {
            self.mode = Mode::ConfirmQuit;
            return Vec::new();
        }
        self.save.quitting = true;
        vec![Effect::Quit]
    }

    fn saved(&mut self, outcome: SaveOutcome) -> Vec<Effect> {
        match outcome {
            SaveOutcome::Written { path, bytes } => {
                if path != self.save.path {
                    // Saved elsewhere: that file is the review from now on.
                    self.message = Some(Message::Info(format!(
                        "Saved to {}; further changes are saved there",
                        path.display()
                    )));
                    self.save.path.clone_from(&path);
                    self.save.saved_elsewhere = Some(path);
                }
                self.save.on_disk = Some(bytes);
                self.save.base = self.review.clone();
                self.save.error = None;
                self.save.unsaved = false;
                self.save.vanished = false;
                if matches!(self.mode, Mode::SaveAs { .. } | Mode::ConfirmQuit) {
                    self.mode = Mode::Normal;
                }
                let mut effects = Vec::new();
                // A merge of conflict copies is on disk: they can go aside.
                if !self.copies_merged.is_empty() {
                    effects.push(Effect::SetAside(std::mem::take(&mut self.copies_merged)));
                }
                if self.save.quitting {
                    effects.push(Effect::Quit);
                }
                return effects;
            }
            SaveOutcome::ChangedOnDisk => {
                self.save.quitting = false;
                if self.typing() {
                    // Text being typed is never thrown away for a question:
                    // the watcher merges the file in meanwhile.
                    self.message = Some(Message::Error(
                        "Not saved yet: the review file changed on disk; it is merged with yours in a moment."
                            .into(),
                    ));
                } else {
                    self.mode = Mode::DiskChanged;
                }
            }
            SaveOutcome::Failed(why) => {
                self.save.error = Some(why.clone());
                let key = self
                    .settings
                    .keys
                    .hint(super::ModeKind::Normal, &Action::SaveElsewhere);
                self.message = Some(Message::Error(format!(
                    "Not saved: {why}. Kept in memory and retried with your next change; {key} saves elsewhere."
                )));
                if self.save.quitting || matches!(self.mode, Mode::SaveAs { .. }) {
                    self.save.quitting = false;
                    self.mode = Mode::ConfirmQuit;
                }
            }
        }
        Vec::new()
    }

    /// The runner found conflict copies of this review: say so, and how
    /// to merge them.
    fn copies_found(&mut self, found: Vec<crate::files::copies::Found>) {
        let key = self
            .settings
            .keys
            .hint(super::ModeKind::Normal, &Action::MergeCopies);
        let names: Vec<String> = found
            .iter()
            .map(crate::files::copies::Found::describe)
            .collect();
        // The key first: on a narrow screen the names are what gets cut.
        let text = format!(
            "{key} merges in {} a sync tool left beside this review, item by item: {}",
            if found.len() == 1 {
                "the conflict copy"
            } else {
                "the conflict copies"
            },
            crate::text::inert_line(&names.join(", ")),
        );
        self.message = Some(Message::Error(match &self.message {
            Some(Message::Info(already) | Message::Error(already)) => {
                format!("{text}{}{already}", self.glyphs().sep)
            }
            _ => text,
        }));
        self.copies = found;
    }

    /// `MergeCopies`: ask the runner to read the copies found.
    fn merge_copies(&mut self) -> Vec<Effect> {
        if self.refuse_read_only() {
            return Vec::new();
        }
        if self.copies.is_empty() {
            self.message = Some(Message::Info(
                "No sync tool's conflict copies of this review were found beside it".into(),
            ));
            return Vec::new();
        }
        vec![Effect::ReadCopies {
            copies: self.copies.clone(),
            id: self.inspection.meta.id.clone(),
        }]
    }

    /// The copies read: each merged into the review as a colleague's save
    /// is (`merge_copy`), then saved; once saved, moved aside.
    fn merge_copies_in(
        &mut self,
        read: Vec<(
            crate::files::copies::Found,
            Result<crate::model::Review, String>,
        )>,
    ) -> Vec<Effect> {
        let mut review = self.review.clone();
        let mut conflicts: Vec<String> = Vec::new();
        let mut failed = Vec::new();
        let mut merged = Vec::new();
        for (found, copy) in read {
            match copy {
                Ok(copy) => {
                    let (next, clashed) = crate::model::merge::merge_copy(&review, &copy);
                    review = next;
                    for id in clashed {
                        if !conflicts.contains(&id) {
                            conflicts.push(id);
                        }
                    }
                    merged.push(found);
                }
                Err(e) => failed.push(e),
            }
        }
        self.copies
            .retain(|c| !merged.iter().any(|m| m.path == c.path));
        let names: Vec<String> = merged
            .iter()
            .map(crate::files::copies::Found::describe)
            .collect();
        let mut text = if merged.is_empty() {
            String::new()
        } else if conflicts.is_empty() {
            format!("Merged in {}", names.join(", "))
        } else {
            format!(
                "Merged in {}; changed on both sides: {} (marked !, both versions kept to settle)",
                names.join(", "),
                conflicts.join(", ")
            )
        };
        if !failed.is_empty() {
            if !text.is_empty() {
                text += self.glyphs().sep;
            }
            text += "not merged: ";
            text += &failed.join("; ");
        }
        let text = crate::text::inert_line(&text).into_owned();
        self.message = Some(if conflicts.is_empty() && failed.is_empty() {
            Message::Info(text)
        } else {
            Message::Error(text)
        });
        if merged.is_empty() {
            return Vec::new();
        }
        if review == self.review {
            // Nothing new in them: aside at once.
            return vec![Effect::SetAside(merged)];
        }
        self.copies_merged.extend(merged);
        self.review = review;
        self.refresh_orphans();
        self.changed()
    }

    /// Where the merged copies went, after what there was to say.
    fn copies_set_aside(&mut self, moved: &[Result<std::path::PathBuf, String>]) {
        let said: Vec<String> = moved
            .iter()
            .map(|m| match m {
                Ok(to) => format!(
                    "the copy is kept as {}",
                    to.file_name().map_or_else(
                        || to.display().to_string(),
                        |n| n.to_string_lossy().into_owned()
                    )
                ),
                Err(e) => format!("cannot move aside {e}; merging it again changes nothing"),
            })
            .collect();
        let text = crate::text::inert_line(&said.join("; ")).into_owned();
        let failed = moved.iter().any(Result::is_err);
        let sep = self.glyphs().sep;
        self.message = Some(match self.message.take() {
            Some(Message::Info(already)) if !failed => {
                Message::Info(format!("{already}{sep}{text}"))
            }
            Some(Message::Info(already) | Message::Error(already)) => {
                Message::Error(format!("{already}{sep}{text}"))
            }
            None if !failed => Message::Info(text),
            None => Message::Error(text),
        });
    }

    fn on_disk_contents(&mut self, contents: DiskContents) -> Vec<Effect> {
        // The question about the disk is answered, whatever follows; an
        // editor open here stays open, with whatever is being typed in it.
        if matches!(self.mode, Mode::DiskChanged | Mode::DiskReverted(_)) {
            self.mode = Mode::Normal;
        }
        if contents.bytes == self.save.on_disk {
            // Nothing new on disk: whatever is unsaved here can be written.
            return if self.save.unsaved {
                vec![self.save_effect()]
            } else {
                Vec::new()
            };
        }
        let Some(bytes) = contents.bytes else {
            return self.file_vanished();
        };
        let theirs = match crate::files::load_review(&bytes, &self.inspection.meta.id) {
            Ok(review) => match &self.fellows {
                Some(fellows) => crate::model::merge::merge_copy(&review, fellows).0,
                None => review,
            },
            Err(problems) => {
                let first = problems
                    .0
                    .first()
                    .map(ToString::to_string)
                    .unwrap_or_default();
                self.message = Some(Message::Error(format!(
                    "The review file on disk is no longer valid ({}); your work is kept in memory: press {} to save it elsewhere.",
                    crate::text::inert_line(&first),
                    self.settings
                        .keys
                        .hint(super::ModeKind::Normal, &Action::SaveElsewhere)
                )));
                return Vec::new();
            }
        };
        match contents.purpose {
            DiskPurpose::Reload if self.save.read_only.is_some() => {
                // Another scrutiny writes the file: show what it wrote.
                self.history.undo.clear();
                self.history.redo.clear();
                self.review = theirs.clone();
                self.save.read(theirs, bytes);
                self.save.unsaved = false;
                self.message = Some(Message::Info("Reloaded the review file from disk".into()));
                self.refresh_orphans();
                Vec::new()
            }
            DiskPurpose::Reload => {
                self.take_version(theirs, bytes, "Reloaded the review file from disk")
            }
            DiskPurpose::Merge => {
                let ids = crate::model::merge::lost(&self.save.base, &theirs);
                if ids.is_empty() {
                    self.merge_in(theirs, bytes)
                } else if self.typing() {
                    // Text being typed is never closed for a question: it is
                    // asked once the editor is left and the next save finds
                    // the file changed.
                    self.message = Some(Message::Error(
                        "The review file on disk lost work you have here; you will be asked what to keep when you leave the editor."
                            .into(),
                    ));
                    self.save.pending_disk = true;
                    Vec::new()
                } else {
                    // Work we hold would go: ask, merging nothing yet.
                    self.mode =
                        Mode::DiskReverted(Box::new(super::Reverted { theirs, bytes, ids }));
                    Vec::new()
                }
            }
        }
    }

    /// The review file was deleted or moved away (by hand, a sync tool, a
    /// checkout without it). A file that vanished is not one that was
    /// emptied: everything stays, and the next change (or leaving) writes
    /// it back.
    fn file_vanished(&mut self) -> Vec<Effect> {
        self.save.on_disk = None;
        if self.save.read_only.is_some() {
            self.message = Some(Message::Error(
                "The review file is gone from disk; this shows what it last held.".into(),
            ));
            return Vec::new();
        }
        self.save.vanished = true;
        self.save.unsaved = true;
        self.message = Some(Message::Error(
            "Review file gone from disk: all kept, written back at your next change or quit".into(),
        ));
        Vec::new()
    }

    /// Merge the file's version with ours (the note being typed counts as
    /// ours), and save the result.
    fn merge_in(&mut self, theirs: crate::model::Review, bytes: Vec<u8>) -> Vec<Effect> {
        let (mut merged, mut conflicts) = merge(&self.save.base, &self.review, &theirs);
        let mut editor_news = None;
        if let Mode::Note {
            id,
            editor,
            original,
            ..
        } = &mut self.mode
            && super::response::field_of(id).is_none()
        {
            let draft = editor.lines().join("\n");
            let before = self.save.base.fields(id).note;
            let now = theirs.fields(id);
            if draft == *original {
                let note = merged.fields(id).note.unwrap_or_default();
                if note != *original {
                    // Nothing typed yet: the editor shows the note as it is now.
                    **editor = *note_editor(&note);
                    original.clone_from(&note);
                    editor_news = Some(id.clone());
                }
            } else if now.note != before && now.note.as_deref() != Some(draft.as_str()) {
                // Typed text is a change of ours: a note changed on disk
                // meanwhile is held beside it, never written over.
                let held = merged.entry(id).and_then(|e| e.conflict.clone());
                merged.set_conflict(id, crate::model::merge::fold(held, Some(now)));
                if !conflicts.contains(id) {
                    conflicts.push(id.clone());
                }
            }
        }
        self.review = merged;
        self.save.read(theirs, bytes);
        self.message = Some(if !conflicts.is_empty() {
            let hint = |how| {
                self.settings
                    .keys
                    .hint(super::ModeKind::Normal, &Action::Resolve(how))
            };
            Message::Error(format!(
                "Merged; changed on both sides: {} (marked !): {} keeps yours, {} theirs, {} both",
                crate::text::inert_line(&conflicts.join(", ")),
                hint(super::Resolution::Mine),
                hint(super::Resolution::Theirs),
                hint(super::Resolution::Both),
            ))
        } else if let Some(id) = editor_news {
            Message::Info(format!(
                "The note of {} changed on disk; the editor shows it as it is now",
                crate::text::inert_line(&id)
            ))
        } else {
            Message::Info("Merged the changes made on disk with yours".into())
        });
        self.refresh_orphans();
        self.changed()
    }

    /// Replace the review with the file's version as one change that undo
    /// takes back: nothing this session held is lost by taking it.
    fn take_version(
        &mut self,
        theirs: crate::model::Review,
        bytes: Vec<u8>,
        what: &str,
    ) -> Vec<Effect> {
        if let Some(mut step) =
            super::UndoStep::between("the file's version taken".into(), &self.review, &theirs)
        {
            // Undoing it brings ours back with the file's text held beside
            // it as a conflict: going back to ours loses nothing of theirs.
            for (id, _, after) in &step.items {
                let mine = self.review.fields(id).note;
                if !crate::model::merge::has_text_beyond(mine.as_deref(), after.note.as_deref()) {
                    continue;
                }
                let held = self.review.entry(id).and_then(|e| e.conflict.clone());
                let held = crate::model::merge::fold(held, Some(after.clone()));
                let theirs_held = theirs.entry(id).and_then(|e| e.conflict.clone());
                match step.conflicts.iter_mut().find(|(c, _, _)| c == id) {
                    Some((_, before, _)) => *before = held,
                    None => step.conflicts.push((id.clone(), held, theirs_held)),
                }
            }
            self.push_undo(step);
        }
        let undo = self
            .settings
            .keys
            .hint(super::ModeKind::Normal, &Action::Undo);
        self.review = theirs.clone();
        self.save.read(theirs, bytes);
        self.save.unsaved = false;
        self.message = Some(Message::Info(format!(
            "{what}; {undo} brings back what you had"
        )));
        self.refresh_orphans();
        Vec::new()
    }

    /// The file lost work of ours: write ours back over the loss, with any
    /// other change the file holds merged in.
    fn keep_ours_over_revert(&mut self) -> Vec<Effect> {
        let Mode::DiskReverted(reverted) = std::mem::replace(&mut self.mode, Mode::Normal) else {
            return Vec::new();
        };
        let super::Reverted { theirs, bytes, ids } = *reverted;
        let mut restored = theirs.clone();
        for id in &ids {
            let Some(entry) = self.save.base.entry(id) else {
                continue;
            };
            let mut entry = entry.clone();
            // Text the file's version holds that ours does not (a
            // colleague's, written over the older file) is held beside ours.
            if let Some(other) = theirs.entry(id) {
                let mine = self.review.fields(id).note;
                if crate::model::merge::has_text_beyond(mine.as_deref(), other.note.as_deref()) {
                    entry.conflict =
                        crate::model::merge::fold(entry.conflict.take(), Some(other.fields()));
                }
                crate::model::merge::join_history(&mut entry.history, &other.history);
            }
            restored.put(id, entry);
        }
        let (merged, conflicts) = merge(&self.save.base, &self.review, &restored);
        self.review = merged;
        self.save.read(theirs, bytes);
        self.message = Some(Message::Info(format!(
            "Kept your work on {} and wrote it back{}",
            crate::text::inert_line(&ids.join(", ")),
            if conflicts.is_empty() {
                String::new()
            } else {
                format!(
                    "; changed on both sides: {}",
                    crate::text::inert_line(&conflicts.join(", "))
                )
            }
        )));
        self.refresh_orphans();
        self.changed()
    }

    /// The file lost work of ours, and the reviewer takes the file as it is.
    fn take_reverted(&mut self) -> Vec<Effect> {
        let Mode::DiskReverted(reverted) = std::mem::replace(&mut self.mode, Mode::Normal) else {
            return Vec::new();
        };
        let super::Reverted { theirs, bytes, .. } = *reverted;
        self.take_version(theirs, bytes, "Took the review file as it is on disk")
    }

    /// A read-only session whose writer has gone writes from now on.
    fn take_over(&mut self) -> Vec<Effect> {
        if self.save.read_only.is_none() {
            return Vec::new();
        }
        if !self.save.lock_freed {
            if let Some(who) = &self.save.read_only {
                self.message = Some(Message::Error(format!(
                    "Read-only: {who} still writes this review."
                )));
            }
            return Vec::new();
        }
        self.save.read_only = None;
        self.save.lock_freed = false;
        self.history.undo.clear();
        self.history.redo.clear();
        self.message = Some(Message::Info(
            "This review is yours to change now; it was re-read from disk.".into(),
        ));
        vec![self.read_disk(DiskPurpose::Merge)]
    }

    /// Re-derive the orphans pane after the review was replaced.
    fn refresh_orphans(&mut self) {
        let orphans = self.review.orphans(&self.inspection);
        self.panes.retain(|p| p.kind != PaneKind::Orphans);
        if !orphans.is_empty() {
            self.panes.push(Pane::of_orphans(orphans));
        }
        self.focus = self.focus.min(self.panes.len().saturating_sub(1));
        self.refresh_rows();
    }
}
