//! The one table from keys to actions, per mode, and what each action does
//! there (`help_for`). The footer, the `?` help, `scrutiny keys` and every
//! key named in a hint, a title or a message (`Keymap::hint`) are drawn from
//! it, so they always match the keys in force, including the user's own from
//! the configuration file.

use std::fmt::Write as _;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::model::Status;
use crate::tui::action::{Action, ModeKind, Msg};
use crate::tui::ui::Glyphs;

mod config;

pub use config::ConfigError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

const fn key(code: KeyCode) -> Key {
    Key {
        code,
        ctrl: false,
        alt: false,
    }
}

const fn ch(c: char) -> Key {
    key(KeyCode::Char(c))
}

const fn alt(code: KeyCode) -> Key {
    Key {
        code,
        ctrl: false,
        alt: true,
    }
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: true,
        alt: false,
    }
}

impl Key {
    /// How the key is written in the footer, the help and the config file.
    pub fn name(self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_owned(),
            // A key from a config file is shown inert, like any text from a file.
            KeyCode::Char(c) if self.ctrl || self.alt => {
                crate::text::inert_line(&c.to_uppercase().to_string()).into_owned()
            }
            KeyCode::Char(c) => crate::text::inert_line(c.encode_utf8(&mut [0; 4])).into_owned(),
            KeyCode::Down => "↓".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Backspace => "Backspace".into(),
            KeyCode::Delete => "Delete".into(),
            KeyCode::Insert => "Insert".into(),
            KeyCode::F(n) => format!("F{n}"),
            other => format!("{other:?}"),
        };
        self.with_modifiers(base)
    }

    /// `base` after the names of the modifiers held: `Ctrl-Alt-X`.
    fn with_modifiers(self, base: String) -> String {
        match (self.ctrl, self.alt) {
            (true, true) => format!("Ctrl-Alt-{base}"),
            (true, false) => format!("Ctrl-{base}"),
            (false, true) => format!("Alt-{base}"),
            (false, false) => base,
        }
    }

    /// How the key is drawn on screen: its name, with the arrow keys as
    /// `glyphs` draws them (words on an ASCII screen).
    pub fn shown(self, glyphs: &Glyphs) -> String {
        let arrow = match self.code {
            KeyCode::Up => glyphs.up,
            KeyCode::Down => glyphs.down,
            KeyCode::Left => glyphs.left,
            KeyCode::Right => glyphs.right,
            _ => return self.name(),
        };
        self.with_modifiers(arrow.to_owned())
    }

    fn matches(self, event: &KeyEvent) -> bool {
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        let alt = event.modifiers.contains(KeyModifiers::ALT);
        if ctrl != self.ctrl || alt != self.alt {
            return false;
        }
        match (self.code, event.code) {
            // Shift is how capitals arrive; the character already says it.
            (KeyCode::Char(a), KeyCode::Char(b)) => a == b || (ctrl && a == b.to_ascii_lowercase()),
            (a, b) => a == b,
        }
    }
}

/// An action that keys can be bound to, by the name the config file uses.
pub struct Named {
    pub name: &'static str,
    pub action: Action,
    pub help: &'static str,
}

fn named(name: &'static str, action: Action, help: &'static str) -> Named {
    Named { name, action, help }
}

/// Every action a key can be bound to, made once: the help looks names
/// up in it on every frame.
pub fn actions() -> &'static [Named] {
    static ACTIONS: std::sync::LazyLock<Vec<Named>> = std::sync::LazyLock::new(action_table);
    &ACTIONS
}

#[allow(clippy::too_many_lines, reason = "a table")]
fn action_table() -> Vec<Named> {
    let mut all = vec![
        named(
            "move_down",
            Action::MoveDown,
            "down: the next item, or scroll",
        ),
        named(
            "move_up",
            Action::MoveUp,
            "up: the previous item, or scroll",
        ),
        named("top", Action::Top, "first item"),
        named("bottom", Action::Bottom, "last item"),
        named("page_down", Action::PageDown, "a page down"),
        named("page_up", Action::PageUp, "a page up"),
        named("next_pane", Action::NextPane, "next pane"),
        named("prev_pane", Action::PrevPane, "previous pane"),
        named("detail_down", Action::DetailDown, "scroll the detail down"),
        named("detail_up", Action::DetailUp, "scroll the detail up"),
        named(
            "detail_page_down",
            Action::DetailPageDown,
            "scroll the detail a screenful down",
        ),
        named(
            "detail_page_up",
            Action::DetailPageUp,
            "scroll the detail a screenful up",
        ),
        named(
            "fold_note",
            Action::ToggleNoteFold,
            "fold or unfold a long note in the detail",
        ),
    ];
    for status in Status::ALL {
        let (name, help) = match status {
            Status::Unreviewed => ("status_unreviewed", "status: unreviewed"),
            Status::Accepted => ("status_accepted", "status: accepted"),
            Status::InProgress => ("status_in_progress", "status: in progress"),
            Status::Complete => ("status_complete", "status: complete"),
            Status::NotAccepted => ("status_not_accepted", "status: not accepted"),
            Status::NotApplicable => ("status_not_applicable", "status: not applicable"),
        };
        all.push(named(name, Action::SetStatus(status), help));
    }
    all.extend([
        named(
            "open",
            Action::Open,
            "follow the chosen link, else edit the note",
        ),
        named("edit_note", Action::EditNote, "edit the note"),
        named(
            "edit_owner",
            Action::EditOwner,
            "edit the owner (of all marked items)",
        ),
        named(
            "append_note",
            Action::AppendNote,
            "append to the notes of the marked items",
        ),
        named(
            "search",
            Action::Search,
            "search (fuzzy) ids, titles, text, tags, notes",
        ),
        named(
            "next_match",
            Action::NextMatch,
            "next shown item, across panes",
        ),
        named(
            "prev_match",
            Action::PrevMatch,
            "previous shown item, across panes",
        ),
        named(
            "filter",
            Action::FilterMenu,
            "filters: status, theme, directed to, overdue, response needed, conflicts, owner",
        ),
        named(
            "unreviewed_only",
            Action::ToggleUnreviewed,
            "show only unreviewed items, or all",
        ),
        named(
            "sort",
            Action::CycleSort,
            "sort the pane: file order, due date, status, owner, last update",
        ),
        named("mark", Action::Mark, "mark or unmark the item"),
        named(
            "mark_all",
            Action::MarkAll,
            "mark every shown item (again: clear)",
        ),
        named("undo", Action::Undo, "undo the last change"),
        named("redo", Action::Redo, "redo"),
        named(
            "next_link",
            Action::NextLink,
            "choose the next link in the detail",
        ),
        named("prev_link", Action::PrevLink, "choose the previous link"),
        named(
            "jump_back",
            Action::JumpBack,
            "back to where a link was followed from",
        ),
        named(
            "summary",
            Action::Summary,
            "summary: counts, bars, deadlines",
        ),
        named(
            "history",
            Action::History,
            "the item's history: who changed what, and when",
        ),
        named(
            "inspection",
            Action::Inspection,
            "the inspection: dates, fieldwork, scope, summary, web page",
        ),
        named(
            "open_url",
            Action::OpenUrl,
            "open the inspection's web page in the browser",
        ),
        named(
            "keep_mine",
            Action::Resolve(crate::tui::action::Resolution::Mine),
            "conflict: keep your version",
        ),
        named(
            "keep_theirs",
            Action::Resolve(crate::tui::action::Resolution::Theirs),
            "conflict: take the other version",
        ),
        named(
            "keep_both",
            Action::Resolve(crate::tui::action::Resolution::Both),
            "conflict: keep both (your status, both notes)",
        ),
        named(
            "export_draft",
            Action::ExportDraft,
            "write a document beside the review: the response as published (Markdown or Word), or the working draft",
        ),
        named(
            "export_response",
            Action::Export(crate::tui::action::Document::Response),
            "write the published response (Markdown) beside the review",
        ),
        named(
            "export_word",
            Action::Export(crate::tui::action::Document::Word),
            "write the published response as a Word document beside the review",
        ),
        named(
            "export_working_draft",
            Action::Export(crate::tui::action::Document::WorkingDraft),
            "write the working draft (Markdown: statuses, owners, gaps) beside the review",
        ),
        named(
            "rag",
            Action::OpenRag,
            "RAG: rate red, amber or green, or clear it (of the marked items)",
        ),
        named(
            "rag_red",
            Action::SetRag(Some(crate::model::tracking::Rag::Red)),
            "red: the date is at risk",
        ),
        named(
            "rag_amber",
            Action::SetRag(Some(crate::model::tracking::Rag::Amber)),
            "amber: the date may slip",
        ),
        named(
            "rag_green",
            Action::SetRag(Some(crate::model::tracking::Rag::Green)),
            "green: on track",
        ),
        named("rag_clear", Action::SetRag(None), "clear the RAG"),
        named(
            "revise_due",
            Action::ReviseDue,
            "revise the due date, with its reason (of the marked items)",
        ),
        named(
            "add_evidence",
            Action::AddEvidence,
            "add a reference to evidence that the work is done",
        ),
        named(
            "add_update",
            Action::AddUpdate,
            "add a dated progress update (to the marked items)",
        ),
        named(
            "sign_off",
            Action::SignOff,
            "sign off a complete item with evidence (not by whoever completed it)",
        ),
        named(
            "changes",
            Action::Changes,
            "what changed since a date: the committee pack (choose the date first)",
        ),
        named("day_later", Action::ShiftDate(1), "a day later"),
        named("day_earlier", Action::ShiftDate(-1), "a day earlier"),
        named("week_later", Action::ShiftDate(7), "a week later"),
        named("week_earlier", Action::ShiftDate(-7), "a week earlier"),
        named("month_later", Action::ShiftDate(30), "30 days later"),
        named("month_earlier", Action::ShiftDate(-30), "30 days earlier"),
        named(
            "response",
            Action::Response,
            "the statutory response: its s55 checklist, and every field of it to edit",
        ),
        named(
            "register",
            Action::Register,
            "the register: every item of every inspection, in one view",
        ),
        named(
            "all_kinds",
            Action::ToggleKinds,
            "in the register: findings and strengths too, or not",
        ),
        named(
            "link",
            Action::Link,
            "in the register: link the item to an item of another report",
        ),
        named(
            "alike",
            Action::Alike,
            "in the register: items of other reports worded alike, to link or dismiss",
        ),
        named(
            "dismiss",
            Action::Dismiss,
            "not the same matter: not suggested again",
        ),
        named(
            "link_repeats",
            Action::SetRelation(crate::model::tracking::Relation::Repeats),
            "it repeats the other item",
        ),
        named(
            "link_duplicate_of",
            Action::SetRelation(crate::model::tracking::Relation::DuplicateOf),
            "it is a duplicate of the other item",
        ),
        named(
            "link_supersedes",
            Action::SetRelation(crate::model::tracking::Relation::Supersedes),
            "it supersedes the other item",
        ),
        named(
            "link_superseded_by",
            Action::SetRelation(crate::model::tracking::Relation::SupersededBy),
            "it is superseded by the other item",
        ),
        named(
            "take_over",
            Action::TakeOver,
            "read-only: write this review here once its other writer has gone",
        ),
        named(
            "merge_copies",
            Action::MergeCopies,
            "merge in the sync tools' conflict copies of this review found beside it",
        ),
        named(
            "complete",
            Action::Complete,
            "complete the owner from the owners in use",
        ),
        named(
            "reverse_sort",
            Action::ReverseSort,
            "turn the pane's order round",
        ),
        named(
            "clear_view",
            Action::ClearView,
            "clear every filter and the search: show everything",
        ),
        named(
            "next_conflict",
            Action::NextConflict,
            "the next item with a conflict to settle",
        ),
        named(
            "widen_lists",
            Action::WidenLists,
            "give the lists more of the screen",
        ),
        named(
            "narrow_lists",
            Action::NarrowLists,
            "give the detail more of the screen",
        ),
        named("help", Action::Help, "this help"),
        named("quit", Action::Quit, "quit"),
        named(
            "leave",
            Action::Leave,
            "quit; opened from the overview: back to it",
        ),
        named(
            "suspend",
            Action::Suspend,
            "suspend to the shell (fg resumes)",
        ),
        named("back", Action::Back, "leave, cancel or close"),
        named("accept", Action::Accept, "keep what was typed"),
        named(
            "keep_note",
            Action::KeepNote,
            "keep the note and close the editor",
        ),
        named(
            "discard_note",
            Action::DiscardNote,
            "close the editor dropping what was typed (asks first)",
        ),
        named(
            "show_item",
            Action::ToggleItem,
            "show or hide the item's text beside the note editor",
        ),
        named(
            "external_editor",
            Action::ExternalEditor,
            "edit the note in $VISUAL or $EDITOR",
        ),
        named("toggle", Action::Toggle, "toggle the highlighted filter"),
        named(
            "save_elsewhere",
            Action::SaveElsewhere,
            "save the review to another path",
        ),
        named(
            "quit_anyway",
            Action::QuitAnyway,
            "quit and lose the unsaved changes",
        ),
        named(
            "merge",
            Action::Merge,
            "merge your changes with the file on disk",
        ),
        named(
            "reload",
            Action::Reload,
            "take the file as it is on disk, yours kept a step back",
        ),
    ]);
    for section in crate::import::Section::ALL {
        let (name, help) = match section {
            crate::import::Section::Findings => {
                ("mark_findings", "the line is a heading of findings")
            }
            crate::import::Section::Strengths => {
                ("mark_strengths", "the line is a heading of strengths")
            }
            crate::import::Section::Recommendations => (
                "mark_recommendations",
                "the line is a heading of recommendations",
            ),
            crate::import::Section::Areas => (
                "mark_areas",
                "the line is a heading of areas for improvement",
            ),
            crate::import::Section::Causes => {
                ("mark_causes", "the line is a heading of causes of concern")
            }
        };
        all.push(named(
            name,
            Action::MarkLine(crate::import::Mark::Heading(section)),
            help,
        ));
    }
    all.extend([
        named(
            "mark_theme",
            Action::MarkLine(crate::import::Mark::Theme),
            "the line is a theme: of the items after it",
        ),
        named(
            "mark_new_item",
            Action::MarkLine(crate::import::Mark::Start),
            "the line starts an item of its own",
        ),
        named(
            "mark_join",
            Action::MarkLine(crate::import::Mark::Join),
            "the line is part of the item above it",
        ),
        named(
            "mark_furniture",
            Action::MarkLine(crate::import::Mark::Furniture),
            "the line is page furniture: left out",
        ),
        named(
            "clear_mark",
            Action::Unmark,
            "take your mark off: read as the importer reads it",
        ),
        named(
            "edit_title",
            Action::EditField(crate::tui::action::ImportField::Title),
            "the inspection's title",
        ),
        named(
            "edit_id",
            Action::EditField(crate::tui::action::ImportField::Id),
            "the inspection's id",
        ),
        named(
            "edit_published",
            Action::EditField(crate::tui::action::ImportField::Published),
            "the publication date",
        ),
        named(
            "edit_output",
            Action::EditField(crate::tui::action::ImportField::Output),
            "the file the inspection is written to",
        ),
        named(
            "write",
            Action::WriteImport,
            "write the inspection, once it passes the check",
        ),
    ]);
    all
}

/// What an action does in a mode, for the help and `scrutiny keys`: the
/// mode's own words where the action means something else there, else the
/// action's. Every binding's help comes from here.
pub fn help_for(mode: ModeKind, action: &Action) -> &'static str {
    mode_help(mode, action).unwrap_or_else(|| {
        actions()
            .iter()
            .find(|n| n.action == *action)
            .map_or("", |n| n.help)
    })
}

/// The help of an action in a mode where the action's own would mislead.
#[allow(clippy::too_many_lines, reason = "a table")]
fn mode_help(mode: ModeKind, action: &Action) -> Option<&'static str> {
    use Action as A;
    use ModeKind as M;
    Some(match (mode, action) {
        (M::Normal, A::Back) => {
            "clear the marks, then the search; opened from an overview: back to it"
        }
        (M::Loading, A::Back) => "stop opening; nothing is changed",
        (M::Help | M::ImportHelp | M::PortfolioHelp, A::Back) => "close this help",
        (M::Help | M::ImportHelp | M::PortfolioHelp, A::MoveDown) => "scroll the help down",
        (M::Help | M::ImportHelp | M::PortfolioHelp, A::MoveUp) => "scroll the help up",
        (M::Help, A::Search) => "search the keys: a key, an action or a word",
        (M::HelpSearch, A::Accept) => "keep the search and go back to the keys",
        (M::HelpSearch, A::Back) => "clear the search and go back to the keys",
        (M::Owner, A::Accept) => "keep the owner typed",
        (M::Owner, A::Back) => "cancel: the owner stays as it was",
        (M::Append, A::Accept) => "append what was typed to the notes",
        (M::Search, A::Accept) => "keep the search: the panes stay narrowed",
        (M::Search | M::Portfolio | M::PortfolioSearch, A::Back) => "clear the search",
        (M::Search, A::MoveDown) => "the next match in the pane",
        (M::Search, A::MoveUp) => "the previous match in the pane",
        (M::FilterMenu, A::MoveDown) => "the next filter",
        (M::FilterMenu, A::MoveUp) => "the previous filter",
        (M::FilterMenu, A::Back) => "close the filters",
        (M::FilterMenu, A::Toggle) => {
            "toggle the highlighted filter; on theme, directed to, owner: list the values"
        }
        (M::Pick | M::PickTyped, A::MoveDown) => "the next value",
        (M::Pick | M::PickTyped, A::MoveUp) => "the previous value",
        (M::Pick | M::PickTyped, A::Top) => "the first value: (any)",
        (M::Pick | M::PickTyped, A::Bottom) => "the last value",
        (M::Pick | M::PickTyped, A::Accept) => "filter on the highlighted value",
        (M::Pick | M::PickTyped, A::Back) => "back to the filters, unchanged",
        (M::Summary, A::Back) => "close the summary",
        (M::History, A::Back) => "close the history",
        (M::Inspection, A::Back) => "close the inspection's details",
        (M::Summary | M::History | M::Inspection | M::Changes, A::MoveDown) => "scroll down",
        (M::Summary | M::History | M::Inspection | M::Changes, A::MoveUp) => "scroll up",
        (M::Summary | M::History | M::Inspection | M::Changes, A::PageDown) => "scroll a page down",
        (M::Summary | M::History | M::Inspection | M::Changes, A::PageUp) => "scroll a page up",
        (M::Summary | M::History | M::Inspection | M::Changes, A::Top) => "scroll to the top",
        (M::Summary | M::History | M::Inspection | M::Changes, A::Bottom) => "scroll to the end",
        (M::SaveAs, A::Accept) => "save the review to the path typed",
        (M::SaveAs, A::Back) => "cancel: save nowhere else",
        (M::ConfirmQuit, A::Back) => "stay: the changes are kept in memory",
        (M::ConfirmBulk, A::Accept) => "yes: make the change to every item named",
        (M::ConfirmBulk, A::Back) => "no: nothing is changed",
        (M::DiskChanged, A::Back) => "later: nothing is written; the next change asks again",
        (M::Portfolio | M::PortfolioSearch, A::MoveDown) => "the next inspection",
        (M::Portfolio | M::PortfolioSearch, A::MoveUp) => "the previous inspection",
        (M::Portfolio, A::Top) => "the first inspection",
        (M::Portfolio, A::Bottom) => "the last inspection",
        (M::Portfolio, A::Open) => "open the inspection in the usual view",
        (M::Portfolio, A::CycleSort) => "sort by response deadline, progress or file name",
        (M::Portfolio, A::Help) => "the overview's keys",
        (M::Portfolio, A::Search) => "search the overview: by title or file name",
        (M::Portfolio, A::Reload) => "read every inspection again from disk",
        (M::Portfolio, A::Register) => {
            "the register: every recommendation and area for improvement of every inspection"
        }
        (M::PortfolioSearch, A::Accept) => "keep the search: the list stays narrowed",
        (M::Import, A::MoveDown) => "the next line (in the items: the next item)",
        (M::Import, A::MoveUp) => "the previous line (in the items: the previous item)",
        (M::Import, A::Top) => "the first line",
        (M::Import, A::Bottom) => "the last line",
        (M::Import, A::NextPane) => "the lines or the items",
        (M::Import, A::NextMatch) => "the next line not placed in any item",
        (M::Import, A::PrevMatch) => "the previous line not placed",
        (M::Import, A::Undo) => "undo the last mark",
        (M::Import, A::Redo) => "redo the mark undone",
        (M::Import, A::Back) => "quit; asks first unless the latest is written",
        (M::ImportField | M::ResponseField, A::Accept) => "keep what was typed",
        (M::ImportField | M::ResponseField, A::Back) => "cancel: the field stays as it was",
        (M::ImportQuit, A::QuitAnyway) => "quit: nothing is written",
        (M::ImportQuit, A::Back) => "stay in the import",
        (M::Note, A::DetailDown) => "scroll the item beside the editor down",
        (M::Note, A::DetailUp) => "scroll the item beside the editor up",
        (M::Note, A::DetailPageDown) => "scroll the item beside the editor a screenful down",
        (M::Note, A::DetailPageUp) => "scroll the item beside the editor a screenful up",
        (M::Note, A::ExternalEditor) => "edit the text typed so far in $VISUAL or $EDITOR",
        (M::NoteDiscard, A::DiscardNote) => "yes: drop what was typed; the note stays as it was",
        (M::NoteDiscard, A::Back) => "no: back to the note editor, the text kept",
        (M::NoteReturned, A::Accept) => "take the text the external editor left",
        (M::NoteReturned, A::Back) => "keep the note as it was before the external editor",
        (M::Response, A::MoveDown) => "the next field",
        (M::Response, A::MoveUp) => "the previous field",
        (M::Response, A::Top) => "the first field",
        (M::Response, A::Bottom) => "the last field",
        (M::Response, A::Open) => "edit the field (yes/no: turn it round)",
        (M::Response, A::EditNote) => "edit the field",
        (M::Response, A::ExternalEditor) => "edit the field's text in $VISUAL or $EDITOR",
        (M::Response, A::Back) => "close the response",
        (M::Response, A::Resolve(crate::tui::action::Resolution::Mine)) => {
            "conflict on the field: keep your version"
        }
        (M::Response, A::Resolve(crate::tui::action::Resolution::Theirs)) => {
            "conflict on the field: take the other version"
        }
        (M::Response, A::Resolve(crate::tui::action::Resolution::Both)) => {
            "conflict on the field: keep both texts"
        }
        (M::Export | M::Rag | M::TrackLine, A::Back) => "cancel: nothing changes",
        (M::TrackLine, A::Accept) => "keep what was typed (a date goes on to ask its reason)",
        (M::ChangesPick, A::Accept) => "show what changed from this day to today",
        (M::ChangesPick | M::Changes, A::Back) => "close: back to the lists",
        (M::Changes, A::Changes) => "choose another day to start from",

        (M::Update, A::Accept) => "add the update typed (empty: nothing is added)",
        _ => return None,
    })
}

/// The name of an action, for the help and `scrutiny keys`.
pub fn action_name(action: &Action) -> Option<&'static str> {
    actions()
        .iter()
        .find(|n| n.action == *action)
        .map(|n| n.name)
}

#[derive(Debug, Clone)]
pub struct Binding {
    pub mode: ModeKind,
    pub keys: Vec<Key>,
    pub action: Action,
    pub help: String,
    /// Where the binding came from: the line of the config file, if any.
    pub line: Option<usize>,
    /// Ctrl-C and Ctrl-Z: in every mode, beyond the config's reach.
    pub fixed: bool,
}

impl Binding {
    pub fn key_names(&self) -> String {
        self.keys
            .iter()
            .map(|k| k.name())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// Days or fewer before a date at which it shows as due soon, unless the
/// configuration's `[display] due_soon_days` says otherwise.
pub const DUE_SOON_DAYS: i64 = 14;

/// The keys in force, with what the configuration file and the command
/// line set of the display.
#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: Vec<Binding>,
    due_soon_days: i64,
    /// The characters drawn with: Unicode, or ASCII (`--ascii`, or a
    /// locale that is not UTF-8). Here because every screen holds the keys
    /// and hands them on to the screens it opens.
    glyphs: &'static Glyphs,
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap {
            bindings: defaults(),
            due_soon_days: DUE_SOON_DAYS,
            glyphs: &Glyphs::UNICODE,
        }
    }
}

#[allow(clippy::too_many_lines)]
fn defaults() -> Vec<Binding> {
    use KeyCode::{BackTab, Down, End, Enter, Esc, F, Home, PageDown, PageUp, Tab, Up};
    use KeyCode::{Left, Right};
    use ModeKind::{
        Alike, Changes, ChangesPick, Export, LinkPick, Rag, Relation, TrackLine, Update,
    };
    use ModeKind::{
        Append, ConfirmBulk, ConfirmQuit, DiskChanged, FilterMenu, Help, HelpSearch, History,
        Import, ImportField, ImportHelp, ImportQuit, Inspection, Loading, Normal, Note,
        NoteDiscard, NoteReturned, Owner, Pick, PickTyped, Portfolio, PortfolioHelp,
        PortfolioSearch, Response, ResponseField, SaveAs, Search, Summary,
    };
    let mut table: Vec<(ModeKind, Vec<Key>, Action)> = vec![
        (Normal, vec![ch('j'), key(Down)], Action::MoveDown),
        (Normal, vec![ch('k'), key(Up)], Action::MoveUp),
        (Normal, vec![ch('g'), key(Home)], Action::Top),
        (Normal, vec![ch('G'), key(End)], Action::Bottom),
        (Normal, vec![key(PageDown)], Action::PageDown),
        (Normal, vec![key(PageUp)], Action::PageUp),
        (Normal, vec![key(Tab)], Action::NextPane),
        (Normal, vec![key(BackTab)], Action::PrevPane),
        (Normal, vec![ch('J')], Action::DetailDown),
        (Normal, vec![ch('K')], Action::DetailUp),
        (Normal, vec![ctrl('d')], Action::DetailPageDown),
        (Normal, vec![ctrl('u')], Action::DetailPageUp),
        (Normal, vec![ch('z')], Action::ToggleNoteFold),
    ];
    for (i, status) in Status::ALL.into_iter().enumerate() {
        let digit = char::from(b'1' + u8::try_from(i).unwrap_or(0));
        table.push((Normal, vec![ch(digit)], Action::SetStatus(status)));
    }
    table.extend([
        (Normal, vec![key(Enter)], Action::Open),
        (Normal, vec![ch('e')], Action::EditNote),
        (Normal, vec![ch('E')], Action::ExternalEditor),
        (Normal, vec![ch('o')], Action::EditOwner),
        (Normal, vec![ch('a')], Action::AppendNote),
        (Normal, vec![ch('/')], Action::Search),
        (Normal, vec![ch('n')], Action::NextMatch),
        (Normal, vec![ch('N')], Action::PrevMatch),
        (Normal, vec![ch('f')], Action::FilterMenu),
        (Normal, vec![ch('U')], Action::ToggleUnreviewed),
        (Normal, vec![ch('S')], Action::CycleSort),
        (Normal, vec![ch(' ')], Action::Mark),
        (Normal, vec![ch('V')], Action::MarkAll),
        (Normal, vec![ch('u')], Action::Undo),
        (Normal, vec![ctrl('r')], Action::Redo),
        (Normal, vec![ch(']')], Action::NextLink),
        (Normal, vec![ch('[')], Action::PrevLink),
        (Normal, vec![ctrl('o')], Action::JumpBack),
        (Normal, vec![ch('s')], Action::Summary),
        (Normal, vec![ch('h')], Action::History),
        (Normal, vec![ch('i')], Action::Inspection),
        (Normal, vec![ch('x')], Action::ExportDraft),
        (Normal, vec![ch('R')], Action::Response),
        (Normal, vec![ch('c')], Action::OpenRag),
        (Normal, vec![ch('d')], Action::ReviseDue),
        (Normal, vec![ch('v')], Action::AddEvidence),
        (Normal, vec![ch('p')], Action::AddUpdate),
        (Normal, vec![ch('C')], Action::SignOff),
        (Normal, vec![ch('M')], Action::ToggleKinds),
        (Normal, vec![ch('L')], Action::Link),
        (Normal, vec![ch('A')], Action::Alike),
        (Alike, vec![ch('j'), key(Down)], Action::MoveDown),
        (Alike, vec![ch('k'), key(Up)], Action::MoveUp),
        (Alike, vec![key(Enter)], Action::Accept),
        (Alike, vec![ch('x')], Action::Dismiss),
        (Alike, vec![key(Esc), ch('q')], Action::Back),
        (LinkPick, vec![key(Enter)], Action::Accept),
        (LinkPick, vec![key(Esc)], Action::Back),
        (LinkPick, vec![key(Down)], Action::MoveDown),
        (LinkPick, vec![key(Up)], Action::MoveUp),
        (
            Relation,
            vec![ch('r')],
            Action::SetRelation(crate::model::tracking::Relation::Repeats),
        ),
        (
            Relation,
            vec![ch('d')],
            Action::SetRelation(crate::model::tracking::Relation::DuplicateOf),
        ),
        (
            Relation,
            vec![ch('s')],
            Action::SetRelation(crate::model::tracking::Relation::Supersedes),
        ),
        (
            Relation,
            vec![ch('b')],
            Action::SetRelation(crate::model::tracking::Relation::SupersededBy),
        ),
        (Relation, vec![key(Esc), ch('q')], Action::Back),
        (
            Rag,
            vec![ch('r')],
            Action::SetRag(Some(crate::model::tracking::Rag::Red)),
        ),
        (
            Rag,
            vec![ch('a')],
            Action::SetRag(Some(crate::model::tracking::Rag::Amber)),
        ),
        (
            Rag,
            vec![ch('g')],
            Action::SetRag(Some(crate::model::tracking::Rag::Green)),
        ),
        (Rag, vec![ch('x')], Action::SetRag(None)),
        (Rag, vec![key(Esc), ch('q')], Action::Back),
        (TrackLine, vec![key(Enter)], Action::Accept),
        (TrackLine, vec![key(Esc)], Action::Back),
        (Update, vec![key(Esc), ctrl('s')], Action::Accept),
        (Normal, vec![ch('W')], Action::Changes),
        (ChangesPick, vec![ch('l'), key(Right)], Action::ShiftDate(1)),
        (ChangesPick, vec![ch('h'), key(Left)], Action::ShiftDate(-1)),
        (ChangesPick, vec![ch('j'), key(Down)], Action::ShiftDate(7)),
        (ChangesPick, vec![ch('k'), key(Up)], Action::ShiftDate(-7)),
        (ChangesPick, vec![key(PageDown)], Action::ShiftDate(30)),
        (ChangesPick, vec![key(PageUp)], Action::ShiftDate(-30)),
        (ChangesPick, vec![key(Enter)], Action::Accept),
        (ChangesPick, vec![key(Esc), ch('q')], Action::Back),
        (Changes, vec![ch('W')], Action::Changes),
        (Changes, vec![key(Esc), ch('q')], Action::Back),
        (Response, vec![ch('j'), key(Down)], Action::MoveDown),
        (Response, vec![ch('k'), key(Up)], Action::MoveUp),
        (Response, vec![ch('g'), key(Home)], Action::Top),
        (Response, vec![ch('G'), key(End)], Action::Bottom),
        (Response, vec![key(Enter)], Action::Open),
        (Response, vec![ch('e')], Action::EditNote),
        (Response, vec![ch('E')], Action::ExternalEditor),
        (
            Response,
            vec![ch('<')],
            Action::Resolve(crate::tui::action::Resolution::Mine),
        ),
        (
            Response,
            vec![ch('>')],
            Action::Resolve(crate::tui::action::Resolution::Theirs),
        ),
        (
            Response,
            vec![ch('=')],
            Action::Resolve(crate::tui::action::Resolution::Both),
        ),
        (Response, vec![ch('x')], Action::ExportDraft),
        (Response, vec![key(Esc), ch('R'), ch('q')], Action::Back),
        (ResponseField, vec![key(Enter)], Action::Accept),
        (ResponseField, vec![key(Esc)], Action::Back),
        (
            Export,
            vec![ch('r')],
            Action::Export(crate::tui::action::Document::Response),
        ),
        (
            Export,
            vec![ch('w')],
            Action::Export(crate::tui::action::Document::Word),
        ),
        (
            Export,
            vec![ch('m')],
            Action::Export(crate::tui::action::Document::WorkingDraft),
        ),
        (Export, vec![key(Esc), ch('q')], Action::Back),
        (
            Normal,
            vec![ch('<')],
            Action::Resolve(crate::tui::action::Resolution::Mine),
        ),
        (
            Normal,
            vec![ch('>')],
            Action::Resolve(crate::tui::action::Resolution::Theirs),
        ),
        (
            Normal,
            vec![ch('=')],
            Action::Resolve(crate::tui::action::Resolution::Both),
        ),
        (Normal, vec![ch('w')], Action::SaveElsewhere),
        (Normal, vec![ch('T')], Action::TakeOver),
        (Normal, vec![ch('B')], Action::MergeCopies),
        (Normal, vec![ch('r')], Action::ReverseSort),
        (Normal, vec![ch('F')], Action::ClearView),
        (Normal, vec![ch('!')], Action::NextConflict),
        (Normal, vec![ch('}')], Action::WidenLists),
        (Normal, vec![ch('{')], Action::NarrowLists),
        (Normal, vec![ch('?')], Action::Help),
        (Normal, vec![key(Esc)], Action::Back),
        (Normal, vec![ch('q')], Action::Leave),
        (Help, vec![key(Esc), ch('q'), ch('?')], Action::Back),
        (Help, vec![ch('j'), key(Down)], Action::MoveDown),
        (Help, vec![ch('k'), key(Up)], Action::MoveUp),
        (Help, vec![ch('/')], Action::Search),
        (HelpSearch, vec![key(Enter)], Action::Accept),
        (HelpSearch, vec![key(Esc)], Action::Back),
        (Note, vec![key(Esc), ctrl('s')], Action::KeepNote),
        (Note, vec![key(F(2))], Action::DiscardNote),
        (Note, vec![ctrl('t')], Action::ToggleItem),
        (Note, vec![ctrl('o')], Action::ExternalEditor),
        (Note, vec![alt(Down)], Action::DetailDown),
        (Note, vec![alt(Up)], Action::DetailUp),
        (Note, vec![alt(PageDown)], Action::DetailPageDown),
        (Note, vec![alt(PageUp)], Action::DetailPageUp),
        (NoteDiscard, vec![ch('y')], Action::DiscardNote),
        (NoteDiscard, vec![key(Esc), ch('n')], Action::Back),
        (NoteReturned, vec![ch('t')], Action::Accept),
        (NoteReturned, vec![key(Esc), ch('k')], Action::Back),
        (Owner, vec![key(Enter)], Action::Accept),
        (Owner, vec![key(Esc)], Action::Back),
        (Owner, vec![key(Tab)], Action::Complete),
        (Append, vec![key(Esc), ctrl('s')], Action::Accept),
        (Search, vec![key(Enter)], Action::Accept),
        (Search, vec![key(Esc)], Action::Back),
        (Search, vec![key(Down)], Action::MoveDown),
        (Search, vec![key(Up)], Action::MoveUp),
        (FilterMenu, vec![ch('j'), key(Down)], Action::MoveDown),
        (FilterMenu, vec![ch('k'), key(Up)], Action::MoveUp),
        (FilterMenu, vec![ch(' '), key(Enter)], Action::Toggle),
        (FilterMenu, vec![key(Esc), ch('f'), ch('q')], Action::Back),
        (Pick, vec![ch('j'), key(Down)], Action::MoveDown),
        (Pick, vec![ch('k'), key(Up)], Action::MoveUp),
        (Pick, vec![ch('g'), key(Home)], Action::Top),
        (Pick, vec![ch('G'), key(End)], Action::Bottom),
        (Pick, vec![key(Enter)], Action::Accept),
        (Pick, vec![key(Esc)], Action::Back),
        (PickTyped, vec![key(Down)], Action::MoveDown),
        (PickTyped, vec![key(Up)], Action::MoveUp),
        (PickTyped, vec![key(Home)], Action::Top),
        (PickTyped, vec![key(End)], Action::Bottom),
        (PickTyped, vec![key(Enter)], Action::Accept),
        (PickTyped, vec![key(Esc)], Action::Back),
        (Summary, vec![key(Esc), ch('s'), ch('q')], Action::Back),
        (History, vec![key(Esc), ch('h'), ch('q')], Action::Back),
        (Inspection, vec![ch('o')], Action::OpenUrl),
        (Inspection, vec![key(Esc), ch('i'), ch('q')], Action::Back),
        (SaveAs, vec![key(Enter)], Action::Accept),
        (SaveAs, vec![key(Esc)], Action::Back),
        (ConfirmQuit, vec![ch('s')], Action::SaveElsewhere),
        (ConfirmQuit, vec![ch('y')], Action::QuitAnyway),
        (ConfirmBulk, vec![ch('y'), key(Enter)], Action::Accept),
        (ConfirmBulk, vec![key(Esc), ch('n')], Action::Back),
        (ConfirmQuit, vec![key(Esc), ch('n')], Action::Back),
        (DiskChanged, vec![ch('m')], Action::Merge),
        (DiskChanged, vec![ch('R')], Action::Reload),
        (DiskChanged, vec![key(Esc)], Action::Back),
        (Portfolio, vec![ch('j'), key(Down)], Action::MoveDown),
        (Portfolio, vec![ch('k'), key(Up)], Action::MoveUp),
        (Portfolio, vec![ch('g'), key(Home)], Action::Top),
        (Portfolio, vec![ch('G'), key(End)], Action::Bottom),
        (Portfolio, vec![key(Enter)], Action::Open),
        (Portfolio, vec![ch('S')], Action::CycleSort),
        (Portfolio, vec![ch('/')], Action::Search),
        (Portfolio, vec![key(Esc)], Action::Back),
        (Portfolio, vec![ch('R')], Action::Reload),
        (Portfolio, vec![ch('W')], Action::Changes),
        (Portfolio, vec![ch('r')], Action::Register),
        (Portfolio, vec![ch('?')], Action::Help),
        (Portfolio, vec![ch('q')], Action::Quit),
        (
            PortfolioHelp,
            vec![key(Esc), ch('q'), ch('?')],
            Action::Back,
        ),
        (PortfolioHelp, vec![ch('j'), key(Down)], Action::MoveDown),
        (PortfolioHelp, vec![ch('k'), key(Up)], Action::MoveUp),
        (PortfolioSearch, vec![key(Enter)], Action::Accept),
        (PortfolioSearch, vec![key(Esc)], Action::Back),
        (PortfolioSearch, vec![key(Down)], Action::MoveDown),
        (PortfolioSearch, vec![key(Up)], Action::MoveUp),
        (Loading, vec![ch('q'), key(Esc)], Action::Back),
        (Import, vec![ch('j'), key(Down)], Action::MoveDown),
        (Import, vec![ch('k'), key(Up)], Action::MoveUp),
        (Import, vec![ch('g'), key(Home)], Action::Top),
        (Import, vec![ch('G'), key(End)], Action::Bottom),
        (Import, vec![key(PageDown)], Action::PageDown),
        (Import, vec![key(PageUp)], Action::PageUp),
        (Import, vec![key(Tab), key(BackTab)], Action::NextPane),
    ]);
    for (i, section) in crate::import::Section::ALL.into_iter().enumerate() {
        let digit = char::from(b'1' + u8::try_from(i).unwrap_or(0));
        table.push((
            Import,
            vec![ch(digit)],
            Action::MarkLine(crate::import::Mark::Heading(section)),
        ));
    }
    table.extend([
        (
            Import,
            vec![ch('t')],
            Action::MarkLine(crate::import::Mark::Theme),
        ),
        (
            Import,
            vec![ch('n')],
            Action::MarkLine(crate::import::Mark::Start),
        ),
        (
            Import,
            vec![ch('J')],
            Action::MarkLine(crate::import::Mark::Join),
        ),
        (
            Import,
            vec![ch('x')],
            Action::MarkLine(crate::import::Mark::Furniture),
        ),
        (Import, vec![ch('c')], Action::Unmark),
        (Import, vec![ch('u')], Action::Undo),
        (Import, vec![ctrl('r')], Action::Redo),
        (Import, vec![ch(']')], Action::NextMatch),
        (Import, vec![ch('[')], Action::PrevMatch),
        (
            Import,
            vec![ch('T')],
            Action::EditField(crate::tui::action::ImportField::Title),
        ),
        (
            Import,
            vec![ch('I')],
            Action::EditField(crate::tui::action::ImportField::Id),
        ),
        (
            Import,
            vec![ch('P')],
            Action::EditField(crate::tui::action::ImportField::Published),
        ),
        (
            Import,
            vec![ch('O')],
            Action::EditField(crate::tui::action::ImportField::Output),
        ),
        (Import, vec![ch('w')], Action::WriteImport),
        (Import, vec![ch('?')], Action::Help),
        (Import, vec![ch('q'), key(Esc)], Action::Back),
        (ImportField, vec![key(Enter)], Action::Accept),
        (ImportField, vec![key(Esc)], Action::Back),
        (ImportHelp, vec![key(Esc), ch('q'), ch('?')], Action::Back),
        (ImportHelp, vec![ch('j'), key(Down)], Action::MoveDown),
        (ImportHelp, vec![ch('k'), key(Up)], Action::MoveUp),
        (ImportQuit, vec![ch('y')], Action::QuitAnyway),
        (ImportQuit, vec![key(Esc), ch('n')], Action::Back),
    ]);
    // The views that scroll: the summary, an item's history, the
    // inspection's details.
    for mode in [Summary, History, Inspection, Changes] {
        table.extend([
            (mode, vec![ch('j'), key(Down)], Action::MoveDown),
            (mode, vec![ch('k'), key(Up)], Action::MoveUp),
            (mode, vec![key(PageDown)], Action::PageDown),
            (mode, vec![key(PageUp)], Action::PageUp),
            (mode, vec![ch('g'), key(Home)], Action::Top),
            (mode, vec![ch('G'), key(End)], Action::Bottom),
        ]);
    }
    let mut bindings: Vec<Binding> = table
        .into_iter()
        .map(|(mode, keys, action)| Binding {
            mode,
            help: help_for(mode, &action).to_owned(),
            keys,
            action,
            line: None,
            fixed: false,
        })
        .collect();
    // A way out that no configuration can take away: raw mode turns off the
    // terminal's own Ctrl-C. In the note editor it leaves the editor, not
    // the app, so a habit of the shell's loses no note: a second Ctrl-C
    // then quits.
    for mode in ModeKind::ALL {
        let interrupt = match mode {
            ModeKind::Note => (
                Action::DiscardNote,
                "close the editor dropping what was typed, asking first; it does not quit (always)",
            ),
            ModeKind::NoteDiscard => (Action::DiscardNote, "yes: drop what was typed (always)"),
            ModeKind::NoteReturned => (
                Action::Back,
                "keep the note as it was before the external editor (always)",
            ),
            _ => (Action::Quit, "quit (always)"),
        };
        for (key, action, help) in [
            (ctrl('c'), interrupt.0, interrupt.1),
            (
                ctrl('z'),
                Action::Suspend,
                "suspend to the shell, fg resumes (always)",
            ),
        ] {
            // Nothing is suspended while a file is read.
            if mode == ModeKind::Loading && action == Action::Suspend {
                continue;
            }
            bindings.push(Binding {
                mode,
                keys: vec![key],
                action,
                help: help.to_owned(),
                line: None,
                fixed: true,
            });
        }
    }
    bindings
}

/// A hint for an action no key is bound to: its name, as the config file
/// would give it a key.
fn unbound(action: &Action) -> String {
    format!("(no key for {})", action_name(action).unwrap_or("it"))
}

/// What the footer shows per mode: actions whose first keys are joined,
/// and a word for them.
#[allow(clippy::too_many_lines, reason = "a table")]
fn footer_items(mode: ModeKind) -> Vec<(Vec<Action>, &'static str)> {
    let statuses: Vec<Action> = Status::ALL.into_iter().map(Action::SetStatus).collect();
    match mode {
        ModeKind::Normal => vec![
            (vec![Action::MoveDown, Action::MoveUp], "move"),
            (vec![Action::NextPane], "pane"),
            (statuses, "status"),
            (vec![Action::EditNote], "note"),
            (vec![Action::Search], "search"),
            (vec![Action::FilterMenu], "filter"),
            (vec![Action::Mark], "mark"),
            (vec![Action::Undo], "undo"),
            (vec![Action::Help], "help"),
            (vec![Action::Leave], "quit"),
        ],
        ModeKind::Help => vec![
            (vec![Action::Back], "close"),
            (vec![Action::MoveDown, Action::MoveUp], "scroll"),
            (vec![Action::Search], "search the keys"),
        ],
        ModeKind::HelpSearch | ModeKind::Search | ModeKind::PortfolioSearch => vec![
            (vec![Action::Accept], "keep"),
            (vec![Action::Back], "clear"),
        ],
        ModeKind::Note => vec![
            (vec![Action::KeepNote], "keep note"),
            (vec![Action::ToggleItem], "item"),
            (vec![Action::ExternalEditor], "$EDITOR"),
            (vec![Action::DiscardNote], "discard"),
        ],
        ModeKind::NoteDiscard => vec![
            (vec![Action::DiscardNote], "drop what was typed"),
            (vec![Action::Back], "back to the note"),
        ],
        ModeKind::NoteReturned => vec![
            (vec![Action::Accept], "take the editor's text"),
            (vec![Action::Back], "keep the note as it was"),
        ],
        ModeKind::Append => vec![(vec![Action::Accept], "append")],
        ModeKind::Response => vec![
            (vec![Action::MoveDown, Action::MoveUp], "move"),
            (vec![Action::Open], "edit"),
            (vec![Action::ExternalEditor], "$EDITOR"),
            (vec![Action::ExportDraft], "export"),
            (vec![Action::Back], "close"),
        ],
        ModeKind::Export => vec![
            (
                vec![
                    Action::Export(crate::tui::action::Document::Response),
                    Action::Export(crate::tui::action::Document::Word),
                    Action::Export(crate::tui::action::Document::WorkingDraft),
                ],
                "write",
            ),
            (vec![Action::Back], "cancel"),
        ],
        ModeKind::Rag => vec![
            (
                vec![
                    Action::SetRag(Some(crate::model::tracking::Rag::Red)),
                    Action::SetRag(Some(crate::model::tracking::Rag::Amber)),
                    Action::SetRag(Some(crate::model::tracking::Rag::Green)),
                ],
                "red amber green",
            ),
            (vec![Action::SetRag(None)], "clear"),
            (vec![Action::Back], "cancel"),
        ],
        ModeKind::Update => vec![(vec![Action::Accept], "add the update")],
        ModeKind::ChangesPick => vec![
            (vec![Action::ShiftDate(-1), Action::ShiftDate(1)], "a day"),
            (vec![Action::ShiftDate(-7), Action::ShiftDate(7)], "a week"),
            (
                vec![Action::ShiftDate(-30), Action::ShiftDate(30)],
                "30 days",
            ),
            (vec![Action::Accept], "show"),
            (vec![Action::Back], "cancel"),
        ],
        ModeKind::Changes => vec![
            (vec![Action::MoveDown, Action::MoveUp], "scroll"),
            (vec![Action::Changes], "another day"),
            (vec![Action::Back], "close"),
        ],
        ModeKind::LinkPick => vec![
            (vec![Action::MoveDown, Action::MoveUp], "move"),
            (vec![Action::Accept], "choose"),
            (vec![Action::Back], "cancel"),
        ],
        ModeKind::Alike => vec![
            (vec![Action::MoveDown, Action::MoveUp], "move"),
            (vec![Action::Accept], "link"),
            (vec![Action::Dismiss], "not the same"),
            (vec![Action::Back], "close"),
        ],
        ModeKind::Relation => vec![
            (
                crate::model::tracking::Relation::ALL
                    .map(Action::SetRelation)
                    .to_vec(),
                "how",
            ),
            (vec![Action::Back], "cancel"),
        ],
        ModeKind::Owner
        | ModeKind::SaveAs
        | ModeKind::ImportField
        | ModeKind::ResponseField
        | ModeKind::TrackLine => {
            vec![
                (vec![Action::Accept], "keep"),
                (vec![Action::Back], "cancel"),
            ]
        }
        ModeKind::FilterMenu => vec![
            (vec![Action::MoveDown, Action::MoveUp], "move"),
            (vec![Action::Toggle], "toggle"),
            (vec![Action::Back], "close"),
        ],
        ModeKind::Pick | ModeKind::PickTyped => vec![
            (vec![Action::MoveDown, Action::MoveUp], "move"),
            (vec![Action::Accept], "choose"),
            (vec![Action::Back], "back"),
        ],
        ModeKind::Summary | ModeKind::History => vec![
            (vec![Action::MoveDown, Action::MoveUp], "scroll"),
            (vec![Action::Back], "close"),
        ],
        ModeKind::Inspection => vec![
            (vec![Action::MoveDown, Action::MoveUp], "scroll"),
            (vec![Action::OpenUrl], "open the web page"),
            (vec![Action::Back], "close"),
        ],
        ModeKind::ConfirmBulk => vec![
            (vec![Action::Accept], "yes, change them all"),
            (vec![Action::Back], "no"),
        ],
        ModeKind::ConfirmQuit => vec![
            (vec![Action::SaveElsewhere], "save elsewhere"),
            (vec![Action::QuitAnyway], "quit anyway"),
            (vec![Action::Back], "stay"),
        ],
        ModeKind::Portfolio => vec![
            (vec![Action::MoveDown, Action::MoveUp], "move"),
            (vec![Action::Open], "open"),
            (vec![Action::Register], "register"),
            (vec![Action::CycleSort], "sort"),
            (vec![Action::Search], "search"),
            (vec![Action::Reload], "reload"),
            (vec![Action::Help], "help"),
            (vec![Action::Quit], "quit"),
        ],
        ModeKind::DiskChanged => vec![
            (vec![Action::Merge], "merge"),
            (vec![Action::Reload], "reload"),
            (vec![Action::Back], "later"),
        ],
        ModeKind::Loading => vec![(vec![Action::Back], "stop")],
        ModeKind::Import => {
            let mut items: Vec<(Vec<Action>, &'static str)> = vec![(
                crate::import::Section::ALL
                    .map(|s| Action::MarkLine(crate::import::Mark::Heading(s)))
                    .to_vec(),
                "heading",
            )];
            // Narrow, the footer loses the third from last first: the
            // theme, then whatever is before it, never write or quit.
            items.extend([
                (vec![Action::MarkLine(crate::import::Mark::Start)], "item"),
                (vec![Action::MarkLine(crate::import::Mark::Join)], "join"),
                (
                    vec![Action::MarkLine(crate::import::Mark::Furniture)],
                    "furniture",
                ),
                (vec![Action::WriteImport], "write"),
                (vec![Action::MarkLine(crate::import::Mark::Theme)], "theme"),
                (vec![Action::Help], "help"),
                (vec![Action::Back], "quit"),
            ]);
            items
        }
        ModeKind::ImportHelp | ModeKind::PortfolioHelp => vec![
            (vec![Action::Back], "close"),
            (vec![Action::MoveDown, Action::MoveUp], "scroll"),
        ],
        ModeKind::ImportQuit => vec![
            (vec![Action::QuitAnyway], "quit, writing nothing"),
            (vec![Action::Back], "stay"),
        ],
    }
}

impl Keymap {
    /// Days or fewer left at which a date shows as due soon.
    pub fn due_soon_days(&self) -> i64 {
        self.due_soon_days
    }

    /// The characters screens are drawn with.
    pub fn glyphs(&self) -> &'static Glyphs {
        self.glyphs
    }

    /// These keys, drawn with `glyphs`.
    #[must_use]
    pub fn with_glyphs(mut self, glyphs: &'static Glyphs) -> Self {
        self.glyphs = glyphs;
        self
    }

    /// A binding's keys as the help shows them: `j ↓`.
    pub fn names_of(&self, binding: &Binding) -> String {
        binding
            .keys
            .iter()
            .map(|k| k.shown(self.glyphs))
            .collect::<Vec<_>>()
            .join(" ")
    }

    pub fn bindings(&self, mode: ModeKind) -> impl Iterator<Item = &Binding> {
        self.bindings.iter().filter(move |b| b.mode == mode)
    }

    /// The first key bound to `action` in `mode`.
    pub fn first_key(&self, mode: ModeKind, action: &Action) -> Option<Key> {
        self.bindings(mode)
            .filter(|b| b.action == *action)
            .find_map(|b| b.keys.first().copied())
    }

    /// The key to name in a hint for `action` in `mode`: its first key, or,
    /// with none bound, words that say so.
    pub fn hint(&self, mode: ModeKind, action: &Action) -> String {
        self.first_key(mode, action)
            .map_or_else(|| unbound(action), |k| k.shown(self.glyphs))
    }

    /// Every key bound to `action` in `mode`, as a hint: `Esc or Ctrl-S`.
    pub fn hints(&self, mode: ModeKind, action: &Action) -> String {
        let names: Vec<String> = self
            .bindings(mode)
            .filter(|b| b.action == *action)
            .flat_map(|b| b.keys.iter().map(|k| k.shown(self.glyphs)))
            .collect();
        if names.is_empty() {
            unbound(action)
        } else {
            names.join(" or ")
        }
    }

    /// Whether `key` does anything of its own in `mode` (in an editor, an
    /// unbound key types).
    pub fn is_bound(&self, mode: ModeKind, key: Key) -> bool {
        self.bindings(mode).any(|b| b.keys.contains(&key))
    }

    /// The footer for a mode: `(keys, word)` pairs.
    pub fn footer(&self, mode: ModeKind) -> Vec<(String, &'static str)> {
        footer_items(mode)
            .into_iter()
            .filter_map(|(actions, word)| {
                // One action: all its keys; several: the first key of each.
                let names: Vec<String> = if let [only] = actions.as_slice() {
                    self.bindings(mode)
                        .find(|b| b.action == *only)
                        .map(|b| b.keys.iter().map(|k| k.shown(self.glyphs)).collect())
                        .unwrap_or_default()
                } else {
                    actions
                        .iter()
                        .filter_map(|a| self.first_key(mode, a))
                        .map(|k| k.shown(self.glyphs))
                        .collect()
                };
                let keys = match names.len() {
                    0 => return None,
                    n if n > 3 && actions.len() > 3 => format!("{}-{}", names[0], names[n - 1]),
                    _ => names.join("/"),
                };
                Some((keys, word))
            })
            .collect()
    }

    /// The action for a key in a mode. Only presses count: releases and
    /// repeats reported by some terminals would act twice.
    pub fn action_for(&self, mode: ModeKind, event: KeyEvent) -> Option<Action> {
        if event.kind != KeyEventKind::Press {
            return None;
        }
        self.bindings(mode)
            .find(|b| b.keys.iter().any(|k| k.matches(&event)))
            .map(|b| b.action)
    }

    /// What a key sends in a mode: its action, or, where text is typed
    /// and the key is bound to nothing, the key itself for the editor.
    pub fn msg_for(&self, mode: ModeKind, event: KeyEvent) -> Option<Msg> {
        match self.action_for(mode, event) {
            Some(action) => Some(Msg::Act(action)),
            None if mode.is_text_entry() && event.kind == KeyEventKind::Press => {
                Some(Msg::EditorKey(event))
            }
            None => None,
        }
    }

    /// The table as text, for `scrutiny keys` and the README.
    pub fn describe(&self) -> String {
        let mut out = String::new();
        for mode in ModeKind::ALL {
            let _ = writeln!(out, "[{}]", mode.name());
            for b in self.bindings(mode) {
                let name = action_name(&b.action).unwrap_or("?");
                let _ = writeln!(out, "  {:<20} {:<22} {}", b.key_names(), name, b.help);
            }
            out.push('\n');
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn vim_keys_and_arrows_both_move() {
        let keys = Keymap::default();
        let down = Some(Action::MoveDown);
        assert_eq!(
            keys.action_for(
                ModeKind::Normal,
                press(KeyCode::Char('j'), KeyModifiers::NONE)
            ),
            down
        );
        assert_eq!(
            keys.action_for(ModeKind::Normal, press(KeyCode::Down, KeyModifiers::NONE)),
            down
        );
        assert_eq!(
            keys.action_for(
                ModeKind::Normal,
                press(KeyCode::Char('G'), KeyModifiers::SHIFT)
            ),
            Some(Action::Bottom)
        );
    }

    #[test]
    fn digits_pick_statuses_in_format_order() {
        let keys = Keymap::default();
        for (i, status) in Status::ALL.into_iter().enumerate() {
            let c = char::from(b'1' + u8::try_from(i).expect("small"));
            assert_eq!(
                keys.action_for(
                    ModeKind::Normal,
                    press(KeyCode::Char(c), KeyModifiers::NONE)
                ),
                Some(Action::SetStatus(status))
            );
        }
    }

    #[test]
    fn releases_are_ignored() {
        let mut event = press(KeyCode::Char('j'), KeyModifiers::NONE);
        event.kind = KeyEventKind::Release;
        assert_eq!(Keymap::default().action_for(ModeKind::Normal, event), None);
    }

    #[test]
    fn the_note_editor_takes_letters_and_enter_but_esc_keeps() {
        let keys = Keymap::default();
        let q = press(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(keys.msg_for(ModeKind::Note, q), Some(Msg::EditorKey(q)));
        let enter = press(KeyCode::Enter, KeyModifiers::NONE);
        assert_eq!(
            keys.msg_for(ModeKind::Note, enter),
            Some(Msg::EditorKey(enter))
        );
        let esc = press(KeyCode::Esc, KeyModifiers::NONE);
        assert_eq!(keys.action_for(ModeKind::Note, esc), Some(Action::KeepNote));
        let save = press(KeyCode::Char('s'), KeyModifiers::CONTROL);
        assert_eq!(
            keys.action_for(ModeKind::Note, save),
            Some(Action::KeepNote)
        );
    }

    #[test]
    fn no_key_is_bound_twice_in_a_mode() {
        let keys = Keymap::default();
        let mut seen = std::collections::HashSet::new();
        for b in &keys.bindings {
            for k in &b.keys {
                assert!(
                    seen.insert((b.mode, *k)),
                    "{:?} {} bound twice",
                    b.mode,
                    k.name()
                );
            }
        }
    }

    #[test]
    fn every_bound_action_has_a_name_and_help() {
        for b in &Keymap::default().bindings {
            assert!(action_name(&b.action).is_some(), "{:?}", b.action);
            assert!(!b.help.is_empty(), "{:?}", b.action);
        }
    }

    #[test]
    fn every_bindings_help_is_its_modes_own() {
        for b in Keymap::default().bindings.iter().filter(|b| !b.fixed) {
            assert_eq!(b.help, help_for(b.mode, &b.action), "{:?}", b.action);
        }
    }

    #[test]
    fn the_overview_describes_its_own_enter_and_sort() {
        let keys = Keymap::default();
        let help = |mode, action: Action| {
            keys.bindings(mode)
                .find(|b| b.action == action)
                .map(|b| b.help.clone())
                .expect("bound")
        };
        assert_eq!(
            help(ModeKind::Portfolio, Action::Open),
            "open the inspection in the usual view"
        );
        assert_eq!(
            help(ModeKind::Portfolio, Action::CycleSort),
            "sort by response deadline, progress or file name"
        );
        assert_eq!(
            help(ModeKind::Normal, Action::Open),
            "follow the chosen link, else edit the note"
        );
        assert_eq!(
            help(ModeKind::Portfolio, Action::MoveDown),
            "the next inspection"
        );
        assert_eq!(help(ModeKind::Help, Action::Back), "close this help");
        assert_eq!(
            help(ModeKind::Owner, Action::Back),
            "cancel: the owner stays as it was"
        );
        let described = keys.describe();
        let portfolio = described
            .split("\n\n")
            .find(|s| s.starts_with("[portfolio]"))
            .expect("a portfolio section");
        assert!(
            portfolio.contains("open the inspection in the usual view"),
            "{portfolio}"
        );
        assert!(!portfolio.contains("link"), "{portfolio}");
        assert!(!portfolio.contains("due date"), "{portfolio}");
    }

    #[test]
    fn hints_name_the_keys_in_force_or_say_there_is_none() {
        let keys = Keymap::default();
        assert_eq!(keys.hint(ModeKind::Normal, &Action::EditNote), "e");
        assert_eq!(
            keys.hints(ModeKind::Note, &Action::KeepNote),
            "Esc or Ctrl-S"
        );
        let keys =
            Keymap::from_config("[normal]\nquit = []\nedit_note = []\n", "c.toml").expect("valid");
        // The key no configuration takes away is still named.
        assert_eq!(keys.hint(ModeKind::Normal, &Action::Quit), "Ctrl-C");
        assert_eq!(
            keys.hint(ModeKind::Normal, &Action::EditNote),
            "(no key for edit_note)"
        );
        assert_eq!(
            keys.hints(ModeKind::Normal, &Action::EditNote),
            "(no key for edit_note)"
        );
    }

    #[test]
    fn ctrl_d_and_ctrl_u_page_the_detail_and_z_folds_the_note() {
        let keys = Keymap::default();
        let normal = |code, modifiers| keys.action_for(ModeKind::Normal, press(code, modifiers));
        assert_eq!(
            normal(KeyCode::Char('d'), KeyModifiers::CONTROL),
            Some(Action::DetailPageDown)
        );
        assert_eq!(
            normal(KeyCode::Char('u'), KeyModifiers::CONTROL),
            Some(Action::DetailPageUp)
        );
        assert_eq!(
            normal(KeyCode::Char('z'), KeyModifiers::NONE),
            Some(Action::ToggleNoteFold)
        );
        // Plain d revises the due date, and u still undoes.
        assert_eq!(
            normal(KeyCode::Char('d'), KeyModifiers::NONE),
            Some(Action::ReviseDue)
        );
        assert_eq!(
            normal(KeyCode::Char('u'), KeyModifiers::NONE),
            Some(Action::Undo)
        );
        assert_eq!(keys.hint(ModeKind::Normal, &Action::ToggleNoteFold), "z");
    }

    #[test]
    fn the_footer_names_the_keys_in_force() {
        let footer = Keymap::default().footer(ModeKind::Normal);
        assert!(footer.contains(&("1-6".into(), "status")));
        assert!(footer.contains(&("j/k".into(), "move")));
    }
}
