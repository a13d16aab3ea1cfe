//! The app's state and the one place it changes: `update`. No I/O here and
//! no drawing; effects are handed back to the runner.

mod edit;
mod place;
mod register;
pub use register::{Alike, DISMISSED_FILE, Elsewhere, LINK_FOUND, read_dismissed};
pub mod response;
pub mod tracking;
mod triage;
mod update;
mod view;

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::Arc;

use jiff::Timestamp;
use jiff::civil::Date;
use ratatui_textarea::TextArea;

pub use crate::tui::action::{
    Action, DiskContents, DiskPurpose, Effect, ExternalEdit, Held, LockReport, ModeKind, Msg,
    Resolution, Returned, SaveOutcome, Written,
};
pub use edit::UndoStep;
pub use triage::{FilterRow, Pick};
pub use view::{Filter, Matching, SEARCH_SLICE, SortOrder, StatusKey, status_key};

use crate::model::{Entry, Inspection, Item, Kind, Review, Stamp, Status};

/// What a list pane shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaneKind {
    Items(Kind),
    /// Review entries whose id is no longer in the inspection.
    Orphans,
}

impl PaneKind {
    pub fn title(self) -> &'static str {
        match self {
            PaneKind::Items(kind) => kind.plural(),
            PaneKind::Orphans => "Orphaned review entries",
        }
    }

    pub fn short(self) -> &'static str {
        match self {
            PaneKind::Items(kind) => kind.short(),
            PaneKind::Orphans => "Orphans",
        }
    }
}

#[derive(Debug)]
pub struct Pane {
    pub kind: PaneKind,
    /// The ids of an orphans pane, in file order; an item pane's ids are
    /// its items' own (from `first`), not held again.
    orphans: Vec<String>,
    /// How many ids the pane holds, shown or not.
    count: usize,
    /// Where the pane's items start among the inspection's items, which
    /// hold each kind's items together; `None` for orphans, which have no
    /// item.
    first: Option<usize>,
    /// The rows shown: which of the pane's ids (`0..count`, in file
    /// order) pass the filters and search, in the order shown.
    rows: Vec<usize>,
    pub sort: SortOrder,
    /// The order turned round.
    pub reversed: bool,
    pub selected: usize,
    /// First row shown when last drawn, so the list scrolls smoothly.
    offset: usize,
    /// Rows the pane showed when last drawn, for paging.
    height: usize,
}

impl Pane {
    /// The pane of the `count` items from `first` of kind `kind`.
    fn of_items(kind: Kind, first: usize, count: usize) -> Self {
        Pane::new(PaneKind::Items(kind), Vec::new(), count, Some(first))
    }

    /// The pane of review entries whose items are gone.
    fn of_orphans(ids: Vec<String>) -> Self {
        let count = ids.len();
        Pane::new(PaneKind::Orphans, ids, count, None)
    }

    fn new(kind: PaneKind, orphans: Vec<String>, count: usize, first: Option<usize>) -> Self {
        Pane {
            kind,
            rows: (0..count).collect(),
            orphans,
            count,
            first,
            sort: SortOrder::File,
            reversed: false,
            selected: 0,
            offset: 0,
            height: 10,
        }
    }

    /// The first row shown when last drawn.
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// How many rows the pane showed when last drawn.
    pub fn height(&self) -> usize {
        self.height
    }

    pub fn selected_id<'a>(&'a self, items: &'a [Item]) -> Option<&'a str> {
        self.id(self.selected, items)
    }

    /// How many ids the pane holds, shown or not.
    pub fn count(&self) -> usize {
        self.count
    }

    /// The `i`th of the pane's ids in file order, shown or not; `items`
    /// are the inspection's.
    pub fn nth<'a>(&'a self, i: usize, items: &'a [Item]) -> &'a str {
        match self.first {
            Some(first) => items.get(first + i).map_or("", |item| item.id.as_str()),
            None => self.orphans.get(i).map_or("", String::as_str),
        }
    }

    /// Every id the pane holds, in file order, shown or not.
    pub fn every<'a>(&'a self, items: &'a [Item]) -> impl Iterator<Item = &'a str> {
        (0..self.count).map(move |i| self.nth(i, items))
    }

    /// How many rows are shown.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The id shown in `row`.
    pub fn id<'a>(&'a self, row: usize, items: &'a [Item]) -> Option<&'a str> {
        self.rows.get(row).map(|&i| self.nth(i, items))
    }

    /// The ids shown, in order.
    pub fn ids<'a>(&'a self, items: &'a [Item]) -> impl Iterator<Item = &'a str> {
        self.rows.iter().map(move |&i| self.nth(i, items))
    }

    /// The ids of up to `count` rows from `first`.
    pub fn shown<'a>(
        &'a self,
        first: usize,
        count: usize,
        items: &'a [Item],
    ) -> impl Iterator<Item = &'a str> {
        let from = first.min(self.rows.len());
        let to = from.saturating_add(count).min(self.rows.len());
        self.rows[from..to].iter().map(move |&i| self.nth(i, items))
    }

    /// The row showing `id`, if it is shown.
    pub fn row_of(&self, id: &str, items: &[Item]) -> Option<usize> {
        self.ids(items).position(|shown| shown == id)
    }

    /// Whether the pane holds `id`, shown or not.
    pub fn holds(&self, id: &str, items: &[Item]) -> bool {
        self.every(items).any(|held| held == id)
    }

    /// Where the pane's `i`th id is among the inspection's items.
    fn item_index(&self, i: usize) -> Option<usize> {
        self.first.map(|first| first + i)
    }
}

/// An editor open over the screen.
pub enum Mode {
    Normal,
    Help,
    /// Editing the note of `id`; `original` is the note as the editor
    /// was given it, so what was typed can be told from what was there.
    /// `toggled`: the item's text is shown beside the editor where the
    /// screen would not show it, or hidden where it would. `ask`: a
    /// question open over the editor, which keeps its text meanwhile.
    /// `leave_after`: opened for the external editor from the normal view,
    /// so it closes again once what came back is kept.
    Note {
        id: String,
        editor: Box<TextArea<'static>>,
        original: String,
        toggled: bool,
        ask: Option<NoteAsk>,
        leave_after: bool,
    },
    /// Editing the owner of `id`.
    Owner {
        id: String,
        editor: Box<TextArea<'static>>,
    },
    /// Quitting with changes that could not be saved.
    ConfirmQuit,
    /// A change to many items, asked first.
    ConfirmBulk(Box<Bulk>),
    /// Typing a path to save the review to.
    SaveAs {
        editor: Box<TextArea<'static>>,
    },
    /// The review file changed on disk under us.
    DiskChanged,
    /// The review file on disk lost work this session holds (a revert, a
    /// checkout, a stash): keep ours, or take the file's version?
    DiskReverted(Box<Reverted>),
    /// Typing a search; the panes narrow as it changes.
    Search {
        editor: Box<TextArea<'static>>,
    },
    /// Choosing filters; `cursor` is the highlighted row of the picker.
    FilterMenu {
        cursor: usize,
    },
    /// Choosing one value of a filter picker's row from a list; Esc goes
    /// back to the picker at that row.
    Pick(Box<Pick>),
    /// Typing text to append to the notes of the marked (or selected) items.
    Append {
        editor: Box<TextArea<'static>>,
    },
    /// Counts and deadlines at a glance.
    Summary,
    /// The history of `id`: who changed what, and when, newest first.
    History {
        id: String,
    },
    /// The inspection's own details: title, dates, scope, summary, address.
    Inspection,
    /// The statutory response: its checklist and fields; `cursor` is the
    /// field chosen (an index of `Field::ALL`).
    Response {
        cursor: usize,
    },
    /// Typing a one-line field of the response.
    ResponseField {
        field: crate::model::response::Field,
        editor: Box<TextArea<'static>>,
    },
    /// Asking which document to write; `over`: opened from the Response
    /// view (its cursor), which it goes back to.
    Export {
        over: Option<usize>,
    },
    /// Choosing the RAG of the targets.
    Rag,
    /// In the register: finding the item to link the selected one to, by
    /// typing words of its id or title; `found` are the register ids that
    /// hold them, `cursor` the one highlighted.
    LinkPick {
        editor: Box<TextArea<'static>>,
        found: Vec<String>,
        cursor: usize,
    },
    /// How the selected item stands to `target`: repeats it, supersedes it…
    Relation {
        target: String,
    },
    /// The items of other reports worded like the selected one.
    Alike(Box<register::Alike>),
    /// Typing a revised due date, its reason, or evidence.
    TrackLine {
        input: tracking::TrackInput,
        editor: Box<TextArea<'static>>,
    },
    /// Typing a progress update for the targets.
    Update {
        editor: Box<TextArea<'static>>,
    },
    /// Choosing the first day of "what changed since".
    ChangesPick {
        since: jiff::civil::Date,
    },
    /// What changed from `since` to today: the committee pack, made once
    /// as the view opens (as Markdown), not at every frame.
    Changes {
        since: jiff::civil::Date,
        pack: String,
    },
    /// Typing a word to narrow the help.
    HelpSearch {
        editor: Box<TextArea<'static>>,
    },
}

impl Mode {
    /// The text editor this mode types into, if it has one.
    pub fn editor_mut(&mut self) -> Option<&mut TextArea<'static>> {
        match self {
            Mode::Note {
                editor, ask: None, ..
            }
            | Mode::Owner { editor, .. }
            | Mode::SaveAs { editor }
            | Mode::Append { editor }
            | Mode::Search { editor }
            | Mode::ResponseField { editor, .. }
            | Mode::TrackLine { editor, .. }
            | Mode::Update { editor }
            | Mode::LinkPick { editor, .. }
            | Mode::HelpSearch { editor } => Some(editor),
            _ => None,
        }
    }

    pub fn kind(&self) -> ModeKind {
        match self {
            Mode::Normal => ModeKind::Normal,
            Mode::Help => ModeKind::Help,
            Mode::Note { ask: None, .. } => ModeKind::Note,
            Mode::Note {
                ask: Some(NoteAsk::Discard),
                ..
            } => ModeKind::NoteDiscard,
            Mode::Note {
                ask: Some(NoteAsk::Returned { .. }),
                ..
            } => ModeKind::NoteReturned,
            Mode::Owner { .. } => ModeKind::Owner,
            Mode::ConfirmQuit => ModeKind::ConfirmQuit,
            Mode::ConfirmBulk(_) => ModeKind::ConfirmBulk,
            Mode::SaveAs { .. } => ModeKind::SaveAs,
            Mode::DiskChanged | Mode::DiskReverted(_) => ModeKind::DiskChanged,
            Mode::Search { .. } => ModeKind::Search,
            Mode::FilterMenu { .. } => ModeKind::FilterMenu,
            Mode::Pick(pick) if pick.query.is_empty() => ModeKind::Pick,
            Mode::Pick(_) => ModeKind::PickTyped,
            Mode::Append { .. } => ModeKind::Append,
            Mode::Summary => ModeKind::Summary,
            Mode::History { .. } => ModeKind::History,
            Mode::Inspection => ModeKind::Inspection,
            Mode::Response { .. } => ModeKind::Response,
            Mode::ResponseField { .. } => ModeKind::ResponseField,
            Mode::Export { .. } => ModeKind::Export,
            Mode::Rag => ModeKind::Rag,
            Mode::LinkPick { .. } => ModeKind::LinkPick,
            Mode::Relation { .. } => ModeKind::Relation,
            Mode::Alike(_) => ModeKind::Alike,
            Mode::TrackLine { .. } => ModeKind::TrackLine,
            Mode::Update { .. } => ModeKind::Update,
            Mode::ChangesPick { .. } => ModeKind::ChangesPick,
            Mode::Changes { .. } => ModeKind::Changes,
            Mode::HelpSearch { .. } => ModeKind::HelpSearch,
        }
    }
}

/// What the note editor asks before it goes on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoteAsk {
    /// Drop the text typed, which differs from the saved note?
    Discard,
    /// The external editor failed (`why`) or left the file empty:
    /// take `text`, what it left, or keep the note as it was?
    Returned { text: String, why: String },
}

/// A version of the review file that dropped work this session holds.
pub struct Reverted {
    /// The file's review, as read.
    pub theirs: Review,
    /// The file's bytes, as read.
    pub bytes: Vec<u8>,
    /// The items whose work it no longer holds.
    pub ids: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    Info(String),
    Error(String),
}

/// Where the review lives, whether memory and disk agree, and who writes it.
#[derive(Debug)]
#[allow(
    clippy::struct_excessive_bools,
    reason = "independent facts about one file, each read on its own"
)]
pub struct SaveState {
    pub path: PathBuf,
    /// The file's bytes as last read or written (`None`: no file yet).
    pub on_disk: Option<Vec<u8>>,
    /// The review as those bytes hold it: the base for a merge.
    pub base: Review,
    /// Changes in memory that are not on disk.
    pub unsaved: bool,
    /// The last save failed with this.
    pub error: Option<String>,
    /// After the user saved elsewhere: where.
    pub saved_elsewhere: Option<PathBuf>,
    /// The file was deleted or moved away while open: everything is kept
    /// here and written back with the next change, or on leaving.
    pub vanished: bool,
    /// The file changed on disk while text was being typed, in a way that
    /// must be asked about: it is read again once the editor closes.
    pub pending_disk: bool,
    /// Leaving once the save under way is on disk.
    pub quitting: bool,
    /// Another scrutiny writes this review: who. Nothing is changed here.
    pub read_only: Option<String>,
    /// In a read-only session: the runner has taken the lock its writer
    /// let go, so this session may take over.
    pub lock_freed: bool,
}

impl SaveState {
    /// The file now holds `bytes`, read as `review`: the base of the next
    /// merge, and there again.
    pub fn read(&mut self, review: Review, bytes: Vec<u8>) {
        self.base = review;
        self.on_disk = Some(bytes);
        self.vanished = false;
    }
}

/// What the app is set up with, and does not change while it runs.
pub struct Settings {
    /// The name recorded in the review's history.
    pub reviewer: String,
    pub today: Date,
    /// A fixed clock for tests; `None` reads the system clock.
    pub clock: Option<Timestamp>,
    pub keys: crate::tui::keymap::Keymap,
    /// Whether to draw in colour (`NO_COLOR` turns it off).
    pub colour: bool,
    /// Opened from a portfolio: `Esc` goes back to it.
    pub in_portfolio: bool,
    /// How much wider (or, below zero, narrower) the lists are drawn than
    /// the width gives them, in steps of `SPLIT_STEP` percent.
    pub split: i16,
    /// Owners named in the other reviews of the overview this was opened
    /// from, offered as the owner is typed.
    pub known_owners: Vec<String>,
    /// The time zone times are shown in (the system's, unless set).
    pub zone: jiff::tz::TimeZone,
    /// The state folder, where the register keeps the suggestions
    /// dismissed (`None`: nowhere, they are kept for the session).
    pub state: Option<PathBuf>,
    /// The folder `x` writes documents into (`--documents`); `None`:
    /// beside the review.
    pub documents: Option<PathBuf>,
}

/// More items than this changed at once are asked about first.
pub const HANDFUL: usize = 5;

/// A change to several items at once, as asked about before it is made.
#[derive(Debug, Clone, PartialEq)]
pub struct Bulk {
    pub change: BulkChange,
    pub ids: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum BulkChange {
    Status(Status),
    Owner(String),
    Append(String),
    Rag(Option<crate::model::tracking::Rag>),
    /// A revised due date (none: the inspection's own) and its reason.
    Due(Option<jiff::civil::Date>, String),
    /// A progress update.
    Update(String),
}

impl Bulk {
    /// The change in words, for the question.
    pub fn describe(&self) -> String {
        let n = self.ids.len();
        match &self.change {
            BulkChange::Status(s) => format!("Set the status of {n} items to {}?", s.label()),
            BulkChange::Owner(o) if o.trim().is_empty() => {
                format!("Clear the owner of {n} items?")
            }
            BulkChange::Owner(o) => format!(
                "Make {} the owner of {n} items?",
                crate::text::field_line(o.trim())
            ),
            BulkChange::Append(_) => format!("Append the text to the notes of {n} items?"),
            BulkChange::Rag(None) => format!("Clear the RAG of {n} items?"),
            BulkChange::Rag(Some(rag)) => format!("Rate {n} items {}?", rag.label()),
            BulkChange::Due(None, _) => {
                format!("Put the due date of {n} items back to the inspection's own?")
            }
            BulkChange::Due(Some(date), _) => format!(
                "Revise the due date of {n} items to {}?",
                crate::model::deadline::long_date(*date)
            ),
            BulkChange::Update(_) => format!("Add the progress update to {n} items?"),
        }
    }
}

/// One step of widening or narrowing the lists, in percent of the screen.
pub const SPLIT_STEP: i16 = 5;

/// What undo and redo step through.
#[derive(Default)]
pub struct History {
    pub undo: Vec<UndoStep>,
    pub redo: Vec<UndoStep>,
}

/// Links followed from item to item.
#[derive(Default)]
pub struct Links {
    /// The link of the selected item chosen with `]`/`[`, if any.
    pub chosen: Option<usize>,
    /// Where link jumps came from, for `Ctrl-O`.
    pub jumps: Vec<String>,
    /// For each jump, the filters and search it cleared to show its
    /// target, if it cleared any: `Ctrl-O` puts them back.
    pub cleared: Vec<Option<(Filter, String)>>,
}

/// The search that narrows the panes.
#[derive(Default)]
pub struct SearchState {
    /// As typed ("" for none).
    pub text: String,
    /// A search still matching items, on a large inspection.
    pub matching: Option<view::Matching>,
    /// The search compiled, for highlighting what matched in shown titles.
    highlighter: Option<(String, view::Search)>,
}

/// The whole state of a session. Its parts are read through the methods
/// named after them; only `update` changes them.
pub struct App {
    inspection: Inspection,
    review: Review,
    panes: Vec<Pane>,
    focus: usize,
    /// The detail's first row shown; each frame keeps it within the item.
    detail_scroll: usize,
    /// Whether a long note shows whole in the detail rather than folded to
    /// its first rows; for this session only, for every item.
    note_unfolded: bool,
    /// How far the help is scrolled; each frame keeps it within the help.
    help_scroll: u16,
    /// How far the view open (summary, history, the inspection's details)
    /// is scrolled; each frame keeps it within the view.
    view_scroll: usize,
    /// Rows the view showed when last drawn, for paging.
    view_height: usize,
    mode: Mode,
    message: Option<Message>,
    save: SaveState,
    settings: Settings,
    search: SearchState,
    filter: Filter,
    /// Items marked for a bulk change.
    marks: BTreeSet<String>,
    history: History,
    links: Links,
    /// The words that narrow the help ("" for all).
    help_query: String,
    /// Where the last frame drew the panes, for the mouse.
    layout: ScreenLayout,
    /// Progress and conflicts, counted once per version of the review.
    counts: Counts,
    /// What the summary shows, and the review version it was counted from,
    /// while the summary is open.
    summary: Option<(u64, Arc<Summary>)>,
    /// Which app this is, for drawing's caches: no two apps share one.
    instance: u64,
    /// The inspections joined, when this is the register.
    register: Option<Box<crate::tui::register::Register>>,
    /// Sync tools' conflict copies of the review found beside it, not
    /// merged yet; and those merged, to move aside once the merge is saved.
    copies: Vec<crate::files::copies::Found>,
    copies_merged: Vec<crate::files::copies::Found>,
    /// Reviewers' files: the other reviewers' work as read on opening,
    /// merged again into the own file whenever it is read from disk, so
    /// that their items are never taken for work the file lost.
    fellows: Option<Review>,
    /// The register's panes of the kinds not shown for now.
    hidden_panes: Vec<Pane>,
    /// The register's items worded alike, by register id, once asked for.
    alike: Option<std::collections::HashMap<String, Vec<crate::model::similar::Suggestion>>>,
    /// Pairs of items said not to be the same matter, once read.
    dismissed: Option<std::collections::HashSet<(String, String)>>,
    /// Opened from the overview: what it knows of the other inspections.
    elsewhere: Option<Box<register::Elsewhere>>,
    /// In the register: the links into each item, and the review version
    /// they were gathered from.
    incoming: std::cell::RefCell<Option<(u64, register::Incoming)>>,
}

/// What the summary view shows.
pub struct Summary {
    /// Items per kind and status.
    pub counts: Vec<crate::model::summary::KindCounts>,
    /// Recommendations with a due date, as places among the inspection's
    /// items, overdue first; and whether each is overdue.
    pub dated: Vec<(usize, bool)>,
    /// For recommendations and areas for improvement: how many still need
    /// a response (have no note), by kind.
    pub needed: Vec<(Kind, usize)>,
}

/// What the header counts, and the review version it was counted from.
#[derive(Debug, Clone, Copy, Default)]
struct Counts {
    version: u64,
    reviewed: usize,
    items: usize,
    conflicts: usize,
    /// Recommendations and areas for improvement, and how many of them
    /// have a response (a note) yet.
    answerable: usize,
    answered: usize,
}

pub use crate::tui::layout::{ListView, ScreenLayout};

/// Each app made has its own number.
static INSTANCES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

impl App {
    pub fn new(
        inspection: Inspection,
        review: Review,
        review_path: PathBuf,
        on_disk: Option<Vec<u8>>,
        reviewer: String,
        today: Date,
    ) -> Self {
        let mut panes: Vec<Pane> = Kind::ALL
            .into_iter()
            .filter_map(|kind| {
                let (first, items) = inspection.of_kind_from(kind);
                (!items.is_empty()).then(|| Pane::of_items(kind, first, items.len()))
            })
            .collect();
        let orphans = review.orphans(&inspection);
        let message = if orphans.is_empty() {
            None
        } else {
            panes.push(Pane::of_orphans(orphans.clone()));
            Some(Message::Info(format!(
                "{} review entr{} no longer in the inspection (kept, see the Orphans pane)",
                orphans.len(),
                if orphans.len() == 1 {
                    "y is"
                } else {
                    "ies are"
                }
            )))
        };
        let mut app = App {
            save: SaveState {
                path: review_path,
                on_disk,
                base: review.clone(),
                unsaved: false,
                error: None,
                saved_elsewhere: None,
                vanished: false,
                pending_disk: false,
                quitting: false,
                read_only: None,
                lock_freed: false,
            },
            inspection,
            review,
            panes,
            focus: 0,
            detail_scroll: 0,
            note_unfolded: false,
            help_scroll: 0,
            view_scroll: 0,
            view_height: 10,
            mode: Mode::Normal,
            message,
            settings: Settings {
                reviewer,
                today,
                clock: None,
                keys: crate::tui::keymap::Keymap::default(),
                colour: true,
                in_portfolio: false,
                split: 0,
                known_owners: Vec::new(),
                zone: jiff::tz::TimeZone::system(),
                state: None,
                documents: None,
            },
            search: SearchState::default(),
            filter: Filter::default(),
            marks: BTreeSet::new(),
            history: History::default(),
            links: Links::default(),
            help_query: String::new(),
            layout: ScreenLayout::default(),
            counts: Counts {
                version: u64::MAX,
                ..Counts::default()
            },
            summary: None,
            instance: INSTANCES.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            register: None,
            copies: Vec::new(),
            copies_merged: Vec::new(),
            fellows: None,
            hidden_panes: Vec::new(),
            alike: None,
            dismissed: None,
            elsewhere: None,
            incoming: std::cell::RefCell::default(),
        };
        app.refresh();
        app
    }

    /// The app on an inspection and its review as read from disk.
    pub fn from_pair(pair: crate::files::workspace::Pair, reviewer: String, today: Date) -> Self {
        let mut app = App::new(
            pair.inspection,
            pair.review,
            pair.review_path,
            pair.review_bytes,
            reviewer,
            today,
        );
        app.fellows = pair.fellows;
        // What loading warned of comes first: the first warning, how many
        // more, then what there was to say already.
        if let Some(first) = pair.warnings.first() {
            let mut text = match pair.warnings.len() - 1 {
                0 => first.clone(),
                1 => format!("{first} (and 1 more warning)"),
                n => format!("{first} (and {n} more warnings)"),
            };
            if let Some(Message::Info(already)) = &app.message {
                text = format!("{text} · {already}");
            }
            app.message = Some(Message::Info(text));
        }
        app
    }

    pub fn inspection(&self) -> &Inspection {
        &self.inspection
    }

    pub fn review(&self) -> &Review {
        &self.review
    }

    pub fn panes(&self) -> &[Pane] {
        &self.panes
    }

    /// The focused pane's index.
    pub fn focus(&self) -> usize {
        self.focus
    }

    /// The detail's first row shown.
    pub fn detail_scroll(&self) -> usize {
        self.detail_scroll
    }

    /// Whether a long note is shown whole (else folded to its first rows).
    pub fn note_unfolded(&self) -> bool {
        self.note_unfolded
    }

    /// How far the help is scrolled.
    pub fn help_scroll(&self) -> u16 {
        self.help_scroll
    }

    /// How far the summary, a history or the inspection's details is
    /// scrolled (the frame keeps it within the view).
    pub fn view_scroll(&self) -> usize {
        self.view_scroll
    }

    /// The time zone times are shown in.
    pub fn zone(&self) -> &jiff::tz::TimeZone {
        &self.settings.zone
    }

    pub fn mode(&self) -> &Mode {
        &self.mode
    }

    /// What the footer says, if anything.
    #[allow(clippy::ref_option, reason = "compared whole, as `Some(Message::…)`")]
    pub fn message(&self) -> &Option<Message> {
        &self.message
    }

    /// Where the review lives, and whether memory and disk agree.
    pub fn save(&self) -> &SaveState {
        &self.save
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    pub fn keys(&self) -> &crate::tui::keymap::Keymap {
        &self.settings.keys
    }

    pub fn reviewer(&self) -> &str {
        &self.settings.reviewer
    }

    pub fn today(&self) -> Date {
        self.settings.today
    }

    pub fn clock(&self) -> Option<Timestamp> {
        self.settings.clock
    }

    pub fn colour(&self) -> bool {
        self.settings.colour
    }

    /// The characters the screen is drawn with (they travel with the keys).
    pub fn glyphs(&self) -> &'static crate::tui::ui::Glyphs {
        self.keys().glyphs()
    }

    /// The share of the screen the lists take, in percent: more on a wide
    /// screen, where the rows carry columns, and as the user widened it.
    pub fn list_share(&self, width: u16) -> u16 {
        let base: i16 = if width >= 180 { 55 } else { 45 };
        let share = (base + self.settings.split * SPLIT_STEP).clamp(25, 75);
        u16::try_from(share).unwrap_or(45)
    }

    pub fn in_portfolio(&self) -> bool {
        self.settings.in_portfolio
    }

    /// The search that narrows the panes, as typed ("" for none).
    pub fn search(&self) -> &str {
        &self.search.text
    }

    /// A search still matching items, on a large inspection.
    pub fn matching(&self) -> Option<&view::Matching> {
        self.search.matching.as_ref()
    }

    pub fn filter(&self) -> &Filter {
        &self.filter
    }

    /// The items marked for a bulk change.
    pub fn marks(&self) -> &BTreeSet<String> {
        &self.marks
    }

    pub fn undo(&self) -> &[UndoStep] {
        &self.history.undo
    }

    pub fn redo(&self) -> &[UndoStep] {
        &self.history.redo
    }

    /// The link of the selected item chosen with `]`/`[`, if any.
    pub fn link(&self) -> Option<usize> {
        self.links.chosen
    }

    /// Where link jumps came from, for `Ctrl-O`.
    pub fn jumps(&self) -> &[String] {
        &self.links.jumps
    }

    /// The words that narrow the help ("" for all).
    pub fn help_query(&self) -> &str {
        &self.help_query
    }

    /// Where the last frame drew the panes.
    pub fn layout(&self) -> &ScreenLayout {
        &self.layout
    }

    /// Another scrutiny writes this review: who.
    pub fn read_only(&self) -> Option<&str> {
        self.save.read_only.as_deref()
    }

    /// Leaving once the save under way is on disk.
    pub fn quitting(&self) -> bool {
        self.save.quitting
    }

    /// The app with these keys in force.
    #[must_use]
    pub fn with_keys(mut self, keys: crate::tui::keymap::Keymap) -> Self {
        self.settings.keys = keys;
        self
    }

    /// The app drawn in colour, or not (`NO_COLOR`).
    #[must_use]
    pub fn with_colour(mut self, colour: bool) -> Self {
        self.settings.colour = colour;
        self
    }

    /// The app on a fixed clock (for tests), or the system's.
    #[must_use]
    pub fn with_clock(mut self, clock: Option<Timestamp>) -> Self {
        self.settings.clock = clock;
        self
    }

    /// The app showing times in `zone` (tests, or a zone asked for), not
    /// the system's.
    #[must_use]
    pub fn with_zone(mut self, zone: jiff::tz::TimeZone) -> Self {
        self.settings.zone = zone;
        self
    }

    /// The app as on `today`, for deadlines and what is overdue.
    #[must_use]
    pub fn with_today(mut self, today: Date) -> Self {
        self.settings.today = today;
        self.summary = None;
        self.refresh();
        self
    }

    /// The app opened from an overview: `Esc` goes back to it, which the
    /// footer says.
    #[must_use]
    pub fn opened_from_portfolio(mut self) -> Self {
        self.settings.in_portfolio = true;
        self
    }

    /// The app offering these owners, from other reviews, as the owner is
    /// typed.
    #[must_use]
    pub fn with_known_owners(mut self, owners: Vec<String>) -> Self {
        self.settings.known_owners = owners;
        self
    }

    /// Owners to offer for what is typed: those in this review and those
    /// known from others, starting with `typed` (whatever its case), each
    /// once, in order.
    pub fn owner_choices(&self, typed: &str) -> Vec<String> {
        let typed = typed.trim().to_lowercase();
        let mut all: Vec<String> = self
            .owners()
            .into_iter()
            .chain(self.settings.known_owners.iter().cloned())
            .filter(|o| o.to_lowercase().starts_with(&typed) && !o.trim().is_empty())
            .collect();
        all.sort_by_key(|o| o.to_lowercase());
        all.dedup();
        all
    }

    /// The app with `message` in the footer (what opening it found).
    /// Say `message` in the footer.
    pub fn say(&mut self, message: Message) {
        self.message = Some(message);
    }

    #[must_use]
    pub fn with_message(mut self, message: Message) -> Self {
        self.message = Some(message);
        self
    }

    pub fn pane(&self) -> &Pane {
        &self.panes[self.focus]
    }

    /// The id of the selected item or orphan entry.
    pub fn selected_id(&self) -> Option<&str> {
        self.panes
            .get(self.focus)
            .and_then(|pane| pane.selected_id(&self.inspection.items))
    }

    pub fn selected_item(&self) -> Option<&Item> {
        self.selected_id().and_then(|id| self.inspection.get(id))
    }

    pub fn entry(&self, id: &str) -> Option<&Entry> {
        self.review.entry(id)
    }

    pub fn status(&self, id: &str) -> Status {
        self.review.status(id)
    }

    /// Items with a status other than unreviewed, and all items.
    pub fn progress(&self) -> (usize, usize) {
        (self.counts.reviewed, self.counts.items)
    }

    /// Recommendations and areas for improvement that still need a
    /// response (have no note), of how many there are.
    pub fn responses_needed(&self) -> (usize, usize) {
        (
            self.counts.answerable - self.counts.answered,
            self.counts.answerable,
        )
    }

    /// How many entries hold a conflict to settle.
    pub fn conflicts(&self) -> usize {
        self.counts.conflicts
    }

    /// What the summary shows: as counted when the review last changed
    /// while it was open, else counted now.
    pub fn summary(&self) -> Arc<Summary> {
        match &self.summary {
            Some((seen, summary)) if *seen == self.review.version() => Arc::clone(summary),
            _ => Arc::new(self.count_summary()),
        }
    }

    fn count_summary(&self) -> Summary {
        let dated = crate::model::summary::recommendations_by_due(
            &self.inspection,
            &self.review,
            self.settings.today,
        )
        .into_iter()
        .filter_map(|(item, overdue)| Some((self.inspection.position(&item.id)?, overdue)))
        .collect();
        let needed = [Kind::Recommendation, Kind::AreaForImprovement]
            .into_iter()
            .map(|kind| {
                let n = self
                    .inspection
                    .items
                    .iter()
                    .filter(|i| i.kind == kind && self.needs_response(i))
                    .count();
                (kind, n)
            })
            .collect();
        Summary {
            counts: crate::model::summary::counts(&self.inspection, &self.review),
            dated,
            needed,
        }
    }

    /// Which app this is: what drawing keeps for one app is not shown for
    /// another.
    pub fn instance(&self) -> u64 {
        self.instance
    }

    /// Count again what the screen shows of the review, once per version
    /// of it: progress and conflicts from the review's entries, not the
    /// items, so no frame does work over every item; and the summary while
    /// it is open.
    pub(super) fn refresh(&mut self) {
        let version = self.review.version();
        if self.counts.version != version {
            let answers =
                |kind: Kind| matches!(kind, Kind::Recommendation | Kind::AreaForImprovement);
            // The inspection never changes while it is open: its items are
            // counted once, not at every change to the review.
            let answerable = if self.counts.version == u64::MAX {
                self.inspection
                    .items
                    .iter()
                    .filter(|i| answers(i.kind))
                    .count()
            } else {
                self.counts.answerable
            };
            let mut counts = Counts {
                version,
                items: self.inspection.items.len(),
                answerable,
                ..Counts::default()
            };
            for id in self.review.ids() {
                let Some(entry) = self.review.entry(id) else {
                    continue;
                };
                counts.conflicts += usize::from(entry.conflict.is_some());
                let Some(item) = self.inspection.get(id) else {
                    continue;
                };
                counts.reviewed += usize::from(entry.status != Status::Unreviewed);
                counts.answered += usize::from(
                    answers(item.kind) && entry.note.as_ref().is_some_and(|n| !n.trim().is_empty()),
                );
            }
            self.counts = counts;
        }
        if !matches!(self.mode, Mode::Summary) {
            self.summary = None;
        } else if self
            .summary
            .as_ref()
            .is_none_or(|(seen, _)| *seen != version)
        {
            self.summary = Some((version, Arc::new(self.count_summary())));
        }
        let query = self.search.text.trim();
        if query.is_empty() {
            self.search.highlighter = None;
        } else if self
            .search
            .highlighter
            .as_ref()
            .is_none_or(|(q, _)| q != query)
        {
            self.search.highlighter = Some((query.to_owned(), view::Search::new(query)));
        }
    }

    /// Keep what the last frame drew: where, for the mouse, and the scroll
    /// positions it settled on, to scroll on from.
    pub(super) fn drawn(&mut self, layout: ScreenLayout) {
        for view in &layout.lists {
            if let Some(pane) = self.panes.get_mut(view.pane) {
                pane.offset = view.offset;
                pane.height = view.height;
            }
        }
        if let Some(scroll) = layout.detail_scroll {
            self.detail_scroll = scroll;
        }
        if let Some(scroll) = layout.help_scroll {
            self.help_scroll = scroll;
        }
        if let Some((scroll, height)) = layout.view {
            self.view_scroll = scroll;
            self.view_height = height;
        }
        self.layout = layout;
    }

    fn stamp(&self) -> Stamp {
        let now = self.settings.clock.unwrap_or_else(Timestamp::now);
        // Whole seconds keep the file tidy.
        let at = Timestamp::from_second(now.as_second()).unwrap_or(now);
        Stamp {
            at,
            by: self.settings.reviewer.clone(),
        }
    }

    /// The note being typed, if the note editor is open: what a crash or a
    /// signal must not lose.
    pub fn note_draft(&self) -> Option<(&str, String)> {
        match &self.mode {
            Mode::Note { id, editor, .. } => Some((id.as_str(), editor.lines().join("\n"))),
            _ => None,
        }
    }

    /// Put a note draft into the review, as leaving the editor would;
    /// `true` if that changed the note.
    pub fn keep_draft(&mut self) -> bool {
        self.note_draft().is_some() && !self.update(Action::KeepNote).is_empty()
    }

    /// Whether the note editor is open (a question over it or not): its
    /// text is never closed for a question about the disk.
    pub fn editing_note(&self) -> bool {
        matches!(self.mode, Mode::Note { .. })
    }

    /// Whether text is being typed, or a note editor is open under a
    /// question: a question about the disk waits until it is closed.
    pub(super) fn typing(&self) -> bool {
        self.mode.kind().is_text_entry() || self.editing_note()
    }

    /// Whether to look for changes others make to the review file: not
    /// while a question about it is open.
    pub fn watching(&self) -> bool {
        !matches!(
            self.mode,
            Mode::DiskChanged | Mode::DiskReverted(_) | Mode::ConfirmQuit | Mode::SaveAs { .. }
        )
    }

    /// What to do with a review file changed on disk: merge it with ours,
    /// or, when another scrutiny writes it, just show it.
    pub fn disk_purpose(&self) -> DiskPurpose {
        if self.save.read_only.is_some() {
            DiskPurpose::Reload
        } else {
            DiskPurpose::Merge
        }
    }

    /// The committee pack from `since` to today, as lines of Markdown.
    pub fn changes_since(&self, since: jiff::civil::Date) -> String {
        use crate::export::changes::{Period, changes, markdown};
        let today = self.settings.today;
        let period = Period::ending(since.min(today), today);
        let file = self.save.path.display().to_string();
        markdown(&changes(&file, &self.inspection, &self.review, period))
    }

    /// Where `x` writes `document`: beside the review file, or in the
    /// folder `--documents` named.
    pub fn document_path(&self, document: crate::tui::action::Document) -> PathBuf {
        let paths = crate::files::paths::ReviewPaths::new(&self.save.path);
        let beside = match document {
            crate::tui::action::Document::Response => paths.response(),
            crate::tui::action::Document::Word => paths.word(),
            crate::tui::action::Document::WorkingDraft => paths.draft(),
        };
        match (&self.settings.documents, beside.file_name()) {
            (Some(folder), Some(name)) => folder.join(name),
            _ => beside,
        }
    }

    /// The app writing its documents (`x`) into `folder`, not beside the
    /// review.
    #[must_use]
    pub fn with_documents(mut self, folder: Option<PathBuf>) -> Self {
        self.settings.documents = folder;
        self
    }

    /// Whether this is the register of several inspections.
    pub fn is_register(&self) -> bool {
        self.register.is_some()
    }

    /// The conflict copies of the review found beside it and not merged.
    pub fn copies(&self) -> &[crate::files::copies::Found] {
        &self.copies
    }

    /// Where `x` writes the working draft: `NAME.draft.md` beside
    /// `NAME.review.yaml`.
    pub fn draft_path(&self) -> PathBuf {
        self.document_path(crate::tui::action::Document::WorkingDraft)
    }

    /// What the runner found on taking the review's lock: ours to write,
    /// another scrutiny's (read-only here), or no lock to be had.
    pub(super) fn locked(&mut self, report: LockReport) {
        match report.held {
            Held::Ours {
                temporaries_removed: 0,
            } => {}
            Held::Ours {
                temporaries_removed: n,
            } => {
                self.message = Some(Message::Info(format!(
                    "Removed {n} temporary file{} left by an interrupted save",
                    if n == 1 { "" } else { "s" }
                )));
            }
            Held::Theirs(who) => {
                self.message = Some(Message::Error(format!(
                    "Read-only: {who} is writing this review; its changes show here as it saves."
                )));
                self.save.read_only = Some(who);
            }
            Held::Unguarded(why) => {
                self.message = Some(Message::Error(format!(
                    "Not locked: another scrutiny could write this review at the same time ({}); saving goes on.",
                    crate::text::inert_line(&why)
                )));
            }
        }
        if let Some(names) = report.other_names {
            self.message = Some(Message::Error(format!(
                "{} has {names} names (hard links): a scrutiny on another name would not see this one's lock, and a save here leaves the other names with the old text.",
                crate::text::inert_line(&self.save.path.display().to_string())
            )));
        }
    }

    /// Save the review to its file, as it now is.
    pub(super) fn save_effect(&self) -> Effect {
        if let Some(register) = &self.register {
            return self.register_save(register);
        }
        Effect::Save {
            path: self.save.path.clone(),
            text: self.review_yaml(),
            expected: self.save.on_disk.clone(),
        }
    }

    /// The effect that saves what is unsaved, as leaving on a signal does:
    /// none when nothing is unsaved or another scrutiny writes the review.
    pub fn save_if_unsaved(&self) -> Option<Effect> {
        (self.save.unsaved && self.save.read_only.is_none()).then(|| self.save_effect())
    }

    /// Read the review file back, for a merge or a reload.
    pub(super) fn read_disk(&self, purpose: DiskPurpose) -> Effect {
        Effect::ReadDisk {
            path: self.save.path.clone(),
            purpose,
        }
    }

    /// The review as text, for saving or recovery.
    pub fn review_yaml(&self) -> String {
        crate::files::to_yaml(&self.review, &self.inspection)
    }
}
