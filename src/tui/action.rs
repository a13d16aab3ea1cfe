//! Everything that can happen to the app, named: what a key can be bound
//! to (`Action`, in a `ModeKind`), what reaches `update` (`Msg`), and what
//! `update` asks the runner to do (`Effect`). The app and the keymap both
//! use these; neither is used here.

use crossterm::event::KeyEvent;

use crate::model::Status;

/// A named thing the user asks for, that a key can be bound to. Keys map
/// to actions through `keymap`; `App::update` is the only place they act.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    MoveDown,
    MoveUp,
    Top,
    Bottom,
    PageDown,
    PageUp,
    NextPane,
    PrevPane,
    DetailDown,
    DetailUp,
    /// Scroll the detail a screenful down (its height in the last frame).
    DetailPageDown,
    /// Scroll the detail a screenful up.
    DetailPageUp,
    /// Show a long note whole in the detail, or folded to its first rows.
    ToggleNoteFold,
    SetStatus(Status),
    EditNote,
    EditOwner,
    Help,
    /// Leave the current overlay or editor (the note editor keeps its text).
    Back,
    /// Keep what the editor holds (owner, save-as path) and close it.
    Accept,
    /// Keep the note and leave the note editor.
    KeepNote,
    /// Leave the note editor dropping what was typed (asking first when
    /// the text differs from the saved note); in its question: yes, drop it.
    DiscardNote,
    /// In the note editor: show or hide the item's text beside it.
    ToggleItem,
    /// Edit the note in `$VISUAL` or `$EDITOR`.
    ExternalEditor,
    /// Quit; in an inspection opened from the overview, back to it.
    Leave,
    Quit,
    QuitAnyway,
    SaveElsewhere,
    Merge,
    Reload,
    Suspend,
    /// Open the search; typing narrows the panes.
    Search,
    NextMatch,
    PrevMatch,
    /// Open the filter picker.
    FilterMenu,
    /// Show only unreviewed items, or everything again.
    ToggleUnreviewed,
    /// In the filter picker: toggle the highlighted row, or open the list
    /// of its values.
    Toggle,
    /// Cycle the focused pane's sort order.
    CycleSort,
    /// Mark or unmark the selected item.
    Mark,
    /// Mark every item shown, or clear the marks if all are marked.
    MarkAll,
    /// Append text to the notes of the marked (or selected) items.
    AppendNote,
    Undo,
    Redo,
    NextLink,
    PrevLink,
    /// Follow the chosen link, or else edit the note.
    Open,
    /// Go back to where the last link was followed from.
    JumpBack,
    Summary,
    /// Show the selected item's history: who changed what, and when.
    History,
    /// Show the inspection's own details: dates, scope, summary, address.
    Inspection,
    /// In the inspection's details: open its web address in the browser.
    OpenUrl,
    /// Settle the selected item's conflict with this reviewer's version,
    /// the other version, or both combined.
    Resolve(Resolution),
    /// Ask which document to write beside the review file.
    ExportDraft,
    /// Write this document beside the review file.
    Export(Document),
    /// The statutory response: its s55 checklist and its fields.
    Response,
    /// Choose the RAG of the marked items, or the selected one.
    OpenRag,
    /// Set (or clear) the RAG, in its chooser.
    SetRag(Option<crate::model::tracking::Rag>),
    /// Revise the due date, with its reason.
    ReviseDue,
    /// Add an evidence reference to the selected item.
    AddEvidence,
    /// Add a progress update.
    AddUpdate,
    /// Confirm the selected item's closure (a second person).
    SignOff,
    /// What changed since a date: choose the date, then read the pack.
    Changes,
    /// In the date chooser: this many days later (earlier when negative).
    ShiftDate(i32),
    /// Write this review from now on, once the lock is free.
    TakeOver,
    /// Merge in the sync tools' conflict copies of this review found
    /// beside it, item by item, then move them aside.
    MergeCopies,
    /// From the overview: every item of every inspection, in one view.
    Register,
    /// In the register: findings and strengths too, or not.
    ToggleKinds,
    /// Link the selected item to an item of another report, found by
    /// typing.
    Link,
    /// Link it so.
    SetRelation(crate::model::tracking::Relation),
    /// In the register: the items of other reports worded alike.
    Alike,
    /// Among them: this one is not the same matter.
    Dismiss,
    /// Every filter and the search off at once.
    ClearView,
    /// Turn the focused pane's order round.
    ReverseSort,
    /// In the owner editor: complete the name from the owners in use.
    Complete,
    /// The next item with a conflict to settle.
    NextConflict,
    /// Give the lists more of the screen, or less.
    WidenLists,
    NarrowLists,
    /// In the import view: the line under the cursor is what the reviewer
    /// says, whatever the importer made of it.
    MarkLine(crate::import::Mark),
    /// In the import view: the line is read as the importer reads it.
    Unmark,
    /// In the import view: edit one of the inspection's fields.
    EditField(ImportField),
    /// In the import view: write the inspection, once it passes the check.
    WriteImport,
}

/// The documents `x` writes beside the review file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Document {
    /// The response as the body publishes it, in Markdown.
    Response,
    /// The same as a Word document.
    Word,
    /// The working draft for the office, in Markdown.
    WorkingDraft,
}

impl Document {
    pub const ALL: [Document; 3] = [Document::Response, Document::Word, Document::WorkingDraft];

    /// What the document is, in words.
    pub fn label(self) -> &'static str {
        match self {
            Document::Response => "the published response (Markdown)",
            Document::Word => "the published response (Word)",
            Document::WorkingDraft => "the working draft (Markdown)",
        }
    }

    /// Whether this is the response as published, which marks its gaps
    /// while something it must hold is missing.
    pub fn is_published(self) -> bool {
        !matches!(self, Document::WorkingDraft)
    }
}

/// The fields of an imported inspection the reviewer fills in the import
/// view, and where it is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ImportField {
    Title,
    Id,
    Published,
    Output,
}

impl ImportField {
    /// How the field is named on screen.
    pub fn label(self) -> &'static str {
        match self {
            ImportField::Title => "Title",
            ImportField::Id => "Id",
            ImportField::Published => "Published (YYYY-MM-DD)",
            ImportField::Output => "Write to",
        }
    }
}

/// Everything that reaches `update`: an action, what the terminal sends
/// that no key table names (text typed into an editor, a paste, the mouse),
/// and what the runner reports back about the work it did.
#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    Act(Action),
    /// A key for the text editor in editor modes.
    EditorKey(KeyEvent),
    Paste(String),
    /// A mouse event, placed using the last frame's layout.
    Mouse(crossterm::event::MouseEvent),
    /// The runner reports where the draft went, or why it could not.
    Exported(Result<Written, String>),
    /// The runner hands over an inspection it loaded for the portfolio.
    Opened(Box<Result<crate::files::workspace::Pair, String>>),
    /// The runner read every inspection of the overview again: each one's
    /// numbers, or why it did not load.
    ReadAgain(
        Vec<crate::tui::portfolio::Entry>,
        Vec<Option<crate::files::workspace::Pair>>,
    ),
    /// The committee pack of every inspection in the overview.
    Pack(String),
    /// The runner hands over where the reviewer last was in the review
    /// just opened from the overview, as kept in the state folder.
    Place(Box<crate::tui::place::Place>),
    /// The runner reports how a save went.
    Saved(SaveOutcome),
    /// The runner reports how the register's writes went.
    SavedReviews(Vec<crate::tui::register::ReviewSaved>),
    /// The runner hands over the review file as it now is on disk.
    DiskContents(DiskContents),
    /// The runner cannot read the review file on disk (it became a device,
    /// a pipe, too large): why.
    DiskUnreadable(String),
    /// In a read-only session: the runner took the lock its writer let go.
    LockFreed,
    /// The runner tried to take the review's lock: what came of it.
    Locked(LockReport),
    /// From now on the time is this, not the system clock's (tests, and
    /// replaying a session).
    Clock(jiff::Timestamp),
    /// A frame was drawn: where, and the scroll positions it settled on.
    Drawn(crate::tui::layout::ScreenLayout),
    /// The runner wrote the imported inspection (what became of a review
    /// beside it), or why it could not.
    Imported(Result<String, String>),
    /// The runner asked the opener to show a web address (which program),
    /// or why it could not.
    UrlOpened(Result<String, String>),
    /// The runner ran the external editor on a note: what came back.
    EditedExternally(ExternalEdit),
    /// The runner found these conflict copies of the review beside it.
    CopiesFound(Vec<crate::files::copies::Found>),
    /// The runner read the copies asked for: each as a review, or why not.
    CopiesRead(
        Vec<(
            crate::files::copies::Found,
            Result<crate::model::Review, String>,
        )>,
    ),
    /// The runner moved the merged copies aside: where each went, or why
    /// it could not.
    CopiesSetAside(Vec<Result<std::path::PathBuf, String>>),
}

/// A note edited in the external editor, as the runner reports it.
#[derive(Debug, Clone, PartialEq)]
pub struct ExternalEdit {
    /// The item whose note it is.
    pub id: String,
    /// What the file came back holding, and whether the editor failed
    /// (how, then); or why no editor ran or the file could not be read.
    pub result: Result<Returned, String>,
}

/// What the external editor left in the note's file.
#[derive(Debug, Clone, PartialEq)]
pub struct Returned {
    pub text: String,
    /// The editor exited so (a status other than 0, a signal): `None` if
    /// it succeeded.
    pub failed: Option<String>,
}

impl From<Action> for Msg {
    fn from(action: Action) -> Self {
        Msg::Act(action)
    }
}

/// Where a document went, and where the copy there was kept when it had
/// been edited since scrutiny wrote it.
#[derive(Debug, Clone, PartialEq)]
pub struct Written {
    pub path: std::path::PathBuf,
    pub kept: Option<std::path::PathBuf>,
    /// What the document is, in words.
    pub what: &'static str,
    /// What it still lacks, when it was written as a draft.
    pub gaps: Option<String>,
}

/// How a conflict is settled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Resolution {
    Mine,
    Theirs,
    Both,
}

#[derive(Debug, Clone, PartialEq)]
pub enum SaveOutcome {
    /// Written; these are the bytes now on disk.
    Written {
        path: std::path::PathBuf,
        bytes: Vec<u8>,
    },
    /// The file changed on disk since it was read; nothing was written.
    ChangedOnDisk,
    Failed(String),
}

/// What the runner read from disk for a merge or reload.
#[derive(Debug, Clone, PartialEq)]
pub struct DiskContents {
    pub purpose: DiskPurpose,
    pub bytes: Option<Vec<u8>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiskPurpose {
    Merge,
    Reload,
}

/// Work `update` asks the runner to do, since it does no I/O itself. Each
/// carries what the work needs: the runner reads nothing of the app.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Write `text` to the review file at `path`, if the file still holds
    /// `expected` (`None`: no file yet); report with `Saved`.
    Save {
        path: std::path::PathBuf,
        text: String,
        expected: Option<Vec<u8>>,
    },
    /// Write `text` to a new review file at `path` (never over a file that
    /// is there), locked first; report with `Saved`.
    SaveTo {
        path: std::path::PathBuf,
        text: String,
    },
    /// Write each of these review files (the register's), each only if
    /// it still holds what it held; report with `SavedReviews`.
    SaveReviews(Vec<crate::tui::register::ReviewWrite>),
    /// Open this inspection at its item `id` (from the register), and come
    /// back to the register on leaving it.
    OpenAt {
        path: std::path::PathBuf,
        id: String,
    },
    /// Open the inspection of this `INSPECTION#ITEM` at that item (a link
    /// followed out of an inspection opened from the overview).
    Follow(String),
    /// Read the review file at `path` back for a merge or reload; report
    /// with `DiskContents`.
    ReadDisk {
        path: std::path::PathBuf,
        purpose: DiskPurpose,
    },
    /// Read these conflict copies as reviews of the inspection `id`;
    /// report with `CopiesRead`.
    ReadCopies {
        copies: Vec<crate::files::copies::Found>,
        id: String,
    },
    /// Move these merged copies aside (kept, never deleted); report with
    /// `CopiesSetAside`.
    SetAside(Vec<crate::files::copies::Found>),
    Suspend,
    Quit,
    /// Make the committee pack of these inspections from `since` to
    /// `until`, and report with `Pack`.
    Pack {
        files: Vec<std::path::PathBuf>,
        since: jiff::civil::Date,
        until: jiff::civil::Date,
    },
    /// Write `bytes` to `path` atomically and report with `Exported`.
    Write {
        path: std::path::PathBuf,
        bytes: Vec<u8>,
        what: &'static str,
        /// What the document still lacks, when it is written as a draft.
        gaps: Option<String>,
    },
    /// Write `bytes` to `path` in the state folder (made if need be),
    /// atomically; report with `Exported`.
    WriteState {
        path: std::path::PathBuf,
        bytes: Vec<u8>,
        what: &'static str,
    },
    /// Load this inspection (and its review) and report with `Opened`.
    Open(std::path::PathBuf),
    /// Read each of these inspections (and its review) again, for the
    /// overview; report with `ReadAgain`.
    ReadAll(Vec<std::path::PathBuf>),
    /// Go back from an inspection to the portfolio: its review is let go.
    Close,
    /// Keep where the reviewer was in the review at `review`, for the
    /// next time it is opened (no report).
    KeepPlace {
        review: std::path::PathBuf,
        place: Box<crate::tui::place::Place>,
    },
    /// Write the imported inspection `yaml` to `path` (over a file there
    /// only if `over`), a review beside it carried to its items; report
    /// with `Imported`.
    WriteInspection {
        path: std::path::PathBuf,
        yaml: String,
        over: bool,
    },
    /// Open this web address (`http://` or `https://`) in the browser, with
    /// a program started and left to run; report with `UrlOpened`.
    OpenUrl(String),
    /// Hand the terminal to the external editor (`$VISUAL`, else `$EDITOR`)
    /// on a private temporary file holding `text`, the note of `id`; take
    /// it back and report with `EditedExternally`.
    EditExternally {
        id: String,
        text: String,
    },
}

/// What came of taking the review's lock, as the runner reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LockReport {
    pub held: Held,
    /// The review file has this many names (hard links), so a lock on this
    /// one cannot guard the others.
    pub other_names: Option<u64>,
}

/// Who writes the review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Held {
    /// This session; the runner removed this many temporary files that an
    /// interrupted save had left.
    Ours { temporaries_removed: usize },
    /// Another scrutiny, named so: this session only shows the review.
    Theirs(String),
    /// No lock could be taken (why): saving goes on, unguarded.
    Unguarded(String),
}

/// Which key table is in force.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ModeKind {
    Normal,
    Help,
    Note,
    Owner,
    ConfirmQuit,
    SaveAs,
    DiskChanged,
    Search,
    FilterMenu,
    Append,
    Summary,
    HelpSearch,
    /// The overview of several inspections.
    Portfolio,
    /// The overview's keys.
    PortfolioHelp,
    /// The overview's search, being typed.
    PortfolioSearch,
    /// A large inspection (or an overview) being read before it opens.
    Loading,
    /// The import view: a report's lines beside the items made of them.
    Import,
    /// The import view: a field (title, id, date, where to write) typed.
    ImportField,
    /// The import view's keys.
    ImportHelp,
    /// Leaving the import view with nothing written.
    ImportQuit,
    /// Asked before a change to more than a handful of items.
    ConfirmBulk,
    /// The selected item's history.
    History,
    /// The inspection's own details.
    Inspection,
    /// The note editor asks: drop the text typed?
    NoteDiscard,
    /// The note editor asks: the external editor failed, or emptied the
    /// note: keep the note as it was, or take what came back?
    NoteReturned,
    /// The filter picker's list of one row's values (a theme, a body, an
    /// owner), nothing typed yet: j/k move.
    Pick,
    /// The statutory response: its checklist and its fields.
    Response,
    /// A one-line field of the response (a name, a date, an address) typed.
    ResponseField,
    /// Which document to write.
    Export,
    /// The RAG chooser.
    Rag,
    /// A revised date, its reason, or evidence, typed.
    TrackLine,
    /// A progress update typed.
    Update,
    /// Choosing the date "what changed since" starts from.
    ChangesPick,
    /// What changed since that date.
    Changes,
    /// The same list once something is typed to narrow it: letters type,
    /// the arrows move.
    PickTyped,
    /// In the register: the item to link to, found by typing.
    LinkPick,
    /// How the item stands to the one picked.
    Relation,
    /// The items of other reports worded alike.
    Alike,
}

impl ModeKind {
    pub const ALL: [ModeKind; 38] = [
        ModeKind::Normal,
        ModeKind::Help,
        ModeKind::Note,
        ModeKind::Owner,
        ModeKind::ConfirmQuit,
        ModeKind::SaveAs,
        ModeKind::DiskChanged,
        ModeKind::Search,
        ModeKind::FilterMenu,
        ModeKind::Pick,
        ModeKind::PickTyped,
        ModeKind::LinkPick,
        ModeKind::Relation,
        ModeKind::Alike,
        ModeKind::Append,
        ModeKind::Summary,
        ModeKind::History,
        ModeKind::Inspection,
        ModeKind::HelpSearch,
        ModeKind::Portfolio,
        ModeKind::PortfolioHelp,
        ModeKind::PortfolioSearch,
        ModeKind::Loading,
        ModeKind::Import,
        ModeKind::ImportField,
        ModeKind::ImportHelp,
        ModeKind::ImportQuit,
        ModeKind::NoteDiscard,
        ModeKind::NoteReturned,
        ModeKind::ConfirmBulk,
        ModeKind::Response,
        ModeKind::ResponseField,
        ModeKind::Export,
        ModeKind::Rag,
        ModeKind::TrackLine,
        ModeKind::Update,
        ModeKind::ChangesPick,
        ModeKind::Changes,
    ];

    /// The mode's name in the configuration file.
    pub fn name(self) -> &'static str {
        match self {
            ModeKind::Normal => "normal",
            ModeKind::Help => "help",
            ModeKind::Note => "note",
            ModeKind::Owner => "owner",
            ModeKind::ConfirmQuit => "confirm_quit",
            ModeKind::SaveAs => "save_as",
            ModeKind::DiskChanged => "disk_changed",
            ModeKind::Search => "search",
            ModeKind::FilterMenu => "filter",
            ModeKind::Pick => "pick",
            ModeKind::PickTyped => "pick_typed",
            ModeKind::LinkPick => "link_pick",
            ModeKind::Relation => "relation",
            ModeKind::Alike => "alike",
            ModeKind::Append => "append",
            ModeKind::Summary => "summary",
            ModeKind::HelpSearch => "help_search",
            ModeKind::Portfolio => "portfolio",
            ModeKind::PortfolioHelp => "portfolio_help",
            ModeKind::PortfolioSearch => "portfolio_search",
            ModeKind::Loading => "loading",
            ModeKind::Import => "import",
            ModeKind::ImportField => "import_field",
            ModeKind::ImportHelp => "import_help",
            ModeKind::ImportQuit => "import_quit",
            ModeKind::ConfirmBulk => "confirm_bulk",
            ModeKind::History => "history",
            ModeKind::Inspection => "inspection",
            ModeKind::NoteDiscard => "note_discard",
            ModeKind::NoteReturned => "note_returned",
            ModeKind::Response => "response",
            ModeKind::ResponseField => "response_field",
            ModeKind::Export => "export",
            ModeKind::Rag => "rag",
            ModeKind::TrackLine => "track_line",
            ModeKind::Update => "update",
            ModeKind::ChangesPick => "changes_pick",
            ModeKind::Changes => "changes",
        }
    }

    /// The import view's modes, whose keys its own help lists.
    pub fn is_import(self) -> bool {
        matches!(
            self,
            ModeKind::Import | ModeKind::ImportField | ModeKind::ImportHelp | ModeKind::ImportQuit
        )
    }

    /// Modes where unbound keys type into a text editor.
    pub fn is_text_entry(self) -> bool {
        matches!(
            self,
            ModeKind::Note
                | ModeKind::Owner
                | ModeKind::SaveAs
                | ModeKind::Search
                | ModeKind::Append
                | ModeKind::HelpSearch
                | ModeKind::PortfolioSearch
                | ModeKind::ImportField
                | ModeKind::ResponseField
                | ModeKind::TrackLine
                | ModeKind::Update
                | ModeKind::Pick
                | ModeKind::PickTyped
                | ModeKind::LinkPick
        )
    }
}
