//! The import view: a report's lines, each marked with what the importer
//! made of it, beside the items made of them. The reviewer says what a line
//! is where the importer got it wrong (a heading of a kind, a theme, a new
//! item, part of the one above, page furniture), sees the items change at
//! once, fills the inspection's title, id and date, and writes the file
//! once it passes the same check as any inspection.
//!
//! State changes only in `update`; drawing is `ui::importer`.

use std::path::PathBuf;

use jiff::civil::Date;
use ratatui_textarea::TextArea;

use crate::import::{Import, Mark, Marks, Role, read_with, slug, to_yaml};
use crate::tui::action::{Action, Effect, ImportField, ModeKind, Msg};
use crate::tui::app::Message;
use crate::tui::keymap::Keymap;

/// Which side the cursor keys move.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Lines,
    Items,
}

/// What the view is doing.
#[derive(Debug)]
pub enum Mode {
    Normal,
    /// A field being typed.
    Field {
        field: ImportField,
        editor: Box<TextArea<'static>>,
    },
    /// The keys, scrolled this far.
    Help {
        scroll: u16,
    },
    /// Asked before leaving with nothing written.
    Quit,
}

impl Mode {
    pub fn kind(&self) -> ModeKind {
        match self {
            Mode::Normal => ModeKind::Import,
            Mode::Field { .. } => ModeKind::ImportField,
            Mode::Help { .. } => ModeKind::ImportHelp,
            Mode::Quit => ModeKind::ImportQuit,
        }
    }
}

/// What the reviewer typed over what the text gave.
#[derive(Debug, Clone, Default)]
struct Fields {
    title: Option<String>,
    id: Option<String>,
    published: Typed<Date>,
}

/// A field the reviewer may type over what the text gave, or clear.
#[derive(Debug, Clone, Copy, Default)]
enum Typed<T> {
    /// What the text (or the command line) gave.
    #[default]
    AsRead,
    Cleared,
    Set(T),
}

/// Where the view starts from: the report's text and what the command
/// line said.
pub struct Start {
    /// The file imported, as the user named it.
    pub name: String,
    pub text: String,
    /// Where the inspection goes.
    pub output: PathBuf,
    /// `--force`: write over a file there without asking.
    pub force: bool,
    pub title: Option<String>,
    pub id: Option<String>,
    pub published: Option<Date>,
}

/// A scroll position a frame settled on, and the rows it showed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct View {
    pub offset: usize,
    pub height: usize,
}

#[allow(
    clippy::struct_excessive_bools,
    reason = "each says one thing of the view: --force, asked, colour, too small"
)]
pub struct ImportView {
    name: String,
    text: String,
    /// The text's lines as the screen shows them: tabs as spaces.
    lines: Vec<String>,
    marks: Marks,
    undo: Vec<Marks>,
    redo: Vec<Marks>,
    import: Import,
    fields: Fields,
    /// The date given on the command line, read with the text.
    flag_date: Option<Date>,
    output: PathBuf,
    force: bool,
    /// Told that the file is there: the next write goes over it.
    asked_over: bool,
    /// The inspection as it would be written, and whether it passes.
    yaml: String,
    check: Result<(), String>,
    cursor: usize,
    item: usize,
    focus: Focus,
    views: [View; 2],
    mode: Mode,
    message: Option<Message>,
    /// What the import report said once the file was written, and the
    /// marks and fields it was written with.
    written: Option<(String, u64)>,
    /// Counts changes, so a write is known to be the latest.
    changes: u64,
    keys: Keymap,
    colour: bool,
    /// The last frame said only that the terminal is too small.
    too_small: bool,
}

impl ImportView {
    pub fn new(start: Start) -> Self {
        let lines = start.text.lines().map(shown).collect();
        let mut view = ImportView {
            name: start.name,
            text: start.text,
            lines,
            marks: Marks::new(),
            undo: Vec::new(),
            redo: Vec::new(),
            import: Import::default(),
            fields: Fields {
                title: start.title,
                id: start.id,
                published: Typed::AsRead,
            },
            flag_date: start.published,
            output: start.output,
            force: start.force,
            asked_over: false,
            yaml: String::new(),
            check: Ok(()),
            cursor: 0,
            item: 0,
            focus: Focus::Lines,
            views: [View::default(); 2],
            mode: Mode::Normal,
            message: None,
            written: None,
            changes: 0,
            keys: Keymap::default(),
            colour: true,
            too_small: false,
        };
        view.reread();
        // Start where the first item does, or else at the top.
        view.cursor = view.import.entries.first().map_or(0, |e| e.line - 1);
        view
    }

    #[must_use]
    pub fn with_keys(mut self, keys: Keymap) -> Self {
        self.keys = keys;
        self
    }

    #[must_use]
    pub fn with_colour(mut self, colour: bool) -> Self {
        self.colour = colour;
        self
    }

    pub fn name(&self) -> &str {
        &self.name
    }
    pub fn lines(&self) -> &[String] {
        &self.lines
    }
    pub fn import(&self) -> &Import {
        &self.import
    }
    pub fn marks(&self) -> &Marks {
        &self.marks
    }
    pub fn output(&self) -> &std::path::Path {
        &self.output
    }
    pub fn check(&self) -> &Result<(), String> {
        &self.check
    }
    pub fn yaml(&self) -> &str {
        &self.yaml
    }
    pub fn cursor(&self) -> usize {
        self.cursor
    }
    pub fn focus(&self) -> Focus {
        self.focus
    }
    pub fn view(&self, pane: usize) -> View {
        self.views[pane]
    }
    pub fn mode(&self) -> &Mode {
        &self.mode
    }
    pub fn message(&self) -> Option<&Message> {
        self.message.as_ref()
    }
    pub fn keys(&self) -> &Keymap {
        &self.keys
    }
    pub fn colour(&self) -> bool {
        self.colour
    }
    /// The characters the view is drawn with (they travel with the keys).
    pub fn glyphs(&self) -> &'static crate::tui::ui::Glyphs {
        self.keys.glyphs()
    }
    /// The import's report, once the inspection is written.
    pub fn written(&self) -> Option<&str> {
        self.written.as_ref().map(|(said, _)| said.as_str())
    }

    /// The title: typed, else the text's; empty when neither.
    pub fn title(&self) -> &str {
        self.fields
            .title
            .as_deref()
            .or(self.import.found.title.as_deref())
            .unwrap_or_default()
    }

    pub fn id(&self) -> String {
        self.fields.id.clone().unwrap_or_else(|| slug(self.title()))
    }

    pub fn published(&self) -> Option<Date> {
        match self.fields.published {
            Typed::Set(date) => Some(date),
            Typed::Cleared => None,
            Typed::AsRead => self.flag_date.or(self.import.found.published),
        }
    }

    /// Whether changes were made since the file was last written.
    pub fn unwritten(&self) -> bool {
        self.written
            .as_ref()
            .is_none_or(|(_, at)| *at != self.changes)
    }

    /// The item the cursor is on: the one its line is in, or in the items,
    /// the one chosen.
    pub fn current_item(&self) -> Option<usize> {
        if self.focus == Focus::Items {
            return (self.item < self.import.entries.len()).then_some(self.item);
        }
        match self.import.roles.get(self.cursor) {
            Some(Role::Starts(k) | Role::Part(k)) => Some(*k as usize),
            _ => None,
        }
    }

    /// Read the text again with the marks, and check what it makes.
    fn reread(&mut self) {
        self.import = read_with(&self.text, self.flag_date, &self.marks);
        self.item = self.item.min(self.import.entries.len().saturating_sub(1));
        let keys = |action: &Action| self.keys.hint(ModeKind::Import, action);
        let title = self.title().trim().to_owned();
        self.check = if self.import.entries.is_empty() {
            Err(format!(
                "no item yet: mark the heading above the items ({}-{})",
                keys(&Action::MarkLine(Mark::Heading(
                    crate::import::Section::Findings
                ))),
                keys(&Action::MarkLine(Mark::Heading(
                    crate::import::Section::Causes
                )))
            ))
        } else if title.is_empty() {
            Err(format!(
                "no title: {} types one",
                keys(&Action::EditField(ImportField::Title))
            ))
        } else {
            Ok(())
        };
        self.yaml = if self.check.is_ok() {
            to_yaml(&self.import, &self.id(), &title, self.published())
        } else {
            String::new()
        };
        if self.check.is_ok() {
            self.check = crate::import::write::check(&self.yaml).map_err(|why| reason(&why));
        }
    }

    /// Something the file is made from changed: read again.
    fn changed(&mut self) {
        self.changes += 1;
        self.asked_over = false;
        self.reread();
    }

    pub fn update(&mut self, msg: Msg) -> Vec<Effect> {
        match msg {
            Msg::Act(action) => return self.act(action),
            Msg::EditorKey(key) => {
                if let Mode::Field { editor, .. } = &mut self.mode {
                    editor.input(key);
                }
            }
            Msg::Paste(text) => {
                if let Mode::Field { editor, .. } = &mut self.mode {
                    // A field is one line.
                    editor.insert_str(text.replace("\r\n", " ").replace(['\r', '\n', '\t'], " "));
                }
            }
            Msg::Drawn(layout) => {
                self.too_small = layout.too_small;
                if let (Mode::Help { scroll }, Some(at)) = (&mut self.mode, layout.help_scroll) {
                    *scroll = at;
                }
                for list in layout.lists {
                    if let Some(view) = self.views.get_mut(list.pane) {
                        *view = View {
                            offset: list.offset,
                            height: list.height,
                        };
                    }
                }
            }
            Msg::Imported(outcome) => self.imported(outcome),
            _ => {}
        }
        Vec::new()
    }

    fn act(&mut self, action: Action) -> Vec<Effect> {
        // Nothing is done that cannot be seen.
        if self.too_small && action != Action::Quit {
            return Vec::new();
        }
        self.message = None;
        match &mut self.mode {
            Mode::Help { scroll } => {
                match action {
                    Action::MoveDown => *scroll = scroll.saturating_add(1),
                    Action::MoveUp => *scroll = scroll.saturating_sub(1),
                    Action::Back => self.mode = Mode::Normal,
                    Action::Quit => return vec![Effect::Quit],
                    _ => {}
                }
                return Vec::new();
            }
            Mode::Quit => {
                match action {
                    Action::QuitAnyway | Action::Quit => return vec![Effect::Quit],
                    Action::Back => self.mode = Mode::Normal,
                    _ => {}
                }
                return Vec::new();
            }
            Mode::Field { .. } => {
                match action {
                    Action::Accept => self.accept_field(),
                    Action::Back => self.mode = Mode::Normal,
                    Action::Quit => return vec![Effect::Quit],
                    _ => {}
                }
                return Vec::new();
            }
            Mode::Normal => {}
        }
        match action {
            Action::MoveDown => self.step(1),
            Action::MoveUp => self.step(-1),
            Action::PageDown => self.step(self.page()),
            Action::PageUp => self.step(-self.page()),
            Action::Top => self.step(isize::MIN / 2),
            Action::Bottom => self.step(isize::MAX / 2),
            Action::NextPane | Action::PrevPane => self.switch_focus(),
            Action::NextMatch => self.next_unplaced(true),
            Action::PrevMatch => self.next_unplaced(false),
            Action::MarkLine(mark) => self.mark(Some(mark)),
            Action::Unmark => self.mark(None),
            Action::Undo => self.undo_redo(true),
            Action::Redo => self.undo_redo(false),
            Action::EditField(field) => self.edit(field),
            Action::WriteImport => return self.write(),
            Action::Help => self.mode = Mode::Help { scroll: 0 },
            Action::Quit => return vec![Effect::Quit],
            Action::Back => {
                if self
                    .written
                    .as_ref()
                    .is_some_and(|(_, at)| *at == self.changes)
                {
                    return vec![Effect::Quit];
                }
                self.mode = Mode::Quit;
            }
            Action::Suspend => return vec![Effect::Suspend],
            _ => {}
        }
        Vec::new()
    }

    /// A page of the pane in focus.
    fn page(&self) -> isize {
        let pane = usize::from(self.focus == Focus::Items);
        isize::try_from(self.views[pane].height.max(2) - 1).unwrap_or(1)
    }

    /// Move by `by` lines, or in the items by `by` items.
    fn step(&mut self, by: isize) {
        let moved = |at: usize, len: usize| at.saturating_add_signed(by).min(len.saturating_sub(1));
        match self.focus {
            Focus::Lines => self.cursor = moved(self.cursor, self.lines.len()),
            Focus::Items => {
                self.item = moved(self.item, self.import.entries.len());
                if let Some(entry) = self.import.entries.get(self.item) {
                    self.cursor = entry.line - 1;
                }
            }
        }
    }

    fn switch_focus(&mut self) {
        self.focus = match self.focus {
            Focus::Lines => {
                if self.import.entries.is_empty() {
                    self.message = Some(Message::Info("No items yet.".into()));
                    return;
                }
                // The item the cursor is in, else the first after it.
                self.item = self.current_item().unwrap_or_else(|| {
                    self.import
                        .entries
                        .iter()
                        .position(|e| e.line > self.cursor)
                        .unwrap_or(0)
                });
                self.cursor = self.import.entries[self.item].line - 1;
                Focus::Items
            }
            Focus::Items => Focus::Lines,
        };
    }

    fn next_unplaced(&mut self, forward: bool) {
        let roles = &self.import.roles;
        let found = if forward {
            (self.cursor + 1..roles.len()).find(|&i| roles[i] == Role::Unplaced)
        } else {
            (0..self.cursor).rev().find(|&i| roles[i] == Role::Unplaced)
        };
        match found {
            Some(at) => {
                self.focus = Focus::Lines;
                self.cursor = at;
            }
            None => {
                self.message = Some(Message::Info(format!(
                    "No line {} this one is left out of every item.",
                    if forward { "after" } else { "before" }
                )));
            }
        }
    }

    /// Mark the line under the cursor (`None`: take the mark off).
    fn mark(&mut self, mark: Option<Mark>) {
        if self.focus == Focus::Items {
            self.focus = Focus::Lines;
        }
        let number = self.cursor + 1;
        if self
            .lines
            .get(self.cursor)
            .is_none_or(|l| l.trim().is_empty())
        {
            self.message = Some(Message::Error(format!(
                "Line {number} is blank: there is nothing on it to mark."
            )));
            return;
        }
        if self.marks.get(&number).copied() == mark {
            return;
        }
        self.undo.push(self.marks.clone());
        self.redo.clear();
        match mark {
            Some(mark) => self.marks.insert(number, mark),
            None => self.marks.remove(&number),
        };
        let before = self.import.entries.len();
        self.changed();
        let now = self.import.entries.len();
        let left_out = self.import.roles.get(self.cursor) == Some(&Role::Unplaced);
        if left_out && matches!(mark, Some(Mark::Start | Mark::Join)) {
            self.message = Some(Message::Error(format!(
                "Line {number}: marked {}, but {}: it is left out.",
                describe_mark(mark),
                if mark == Some(Mark::Start) {
                    "no heading above it opens a section for it"
                } else {
                    "there is no item above it under the same heading"
                }
            )));
            return;
        }
        self.message = Some(Message::Info(format!(
            "Line {number}: {}. {now} item{} ({}).",
            describe_mark(mark),
            if now == 1 { "" } else { "s" },
            match now.cmp(&before) {
                std::cmp::Ordering::Equal => "as many as before".to_owned(),
                std::cmp::Ordering::Greater => format!("{} more", now - before),
                std::cmp::Ordering::Less => format!("{} fewer", before - now),
            }
        )));
    }

    fn undo_redo(&mut self, undo: bool) {
        let (from, to) = if undo {
            (&mut self.undo, &mut self.redo)
        } else {
            (&mut self.redo, &mut self.undo)
        };
        let Some(marks) = from.pop() else {
            self.message = Some(Message::Info(
                if undo {
                    "Nothing to undo."
                } else {
                    "Nothing to redo."
                }
                .into(),
            ));
            return;
        };
        to.push(std::mem::replace(&mut self.marks, marks));
        self.changed();
        self.message = Some(Message::Info(
            if undo { "Undone." } else { "Redone." }.into(),
        ));
    }

    /// Open the editor for a field, holding what it is now.
    fn edit(&mut self, field: ImportField) {
        let now = match field {
            ImportField::Title => self.title().to_owned(),
            ImportField::Id => self.id(),
            ImportField::Published => self.published().map(|d| d.to_string()).unwrap_or_default(),
            ImportField::Output => self.output.display().to_string(),
        };
        let mut editor = TextArea::new(vec![now]);
        editor.set_cursor_line_style(ratatui::style::Style::new());
        editor.move_cursor(ratatui_textarea::CursorMove::End);
        self.mode = Mode::Field {
            field,
            editor: Box::new(editor),
        };
    }

    fn accept_field(&mut self) {
        let Mode::Field { field, editor } = &self.mode else {
            return;
        };
        let field = *field;
        let typed = editor.lines().join(" ").trim().to_owned();
        match field {
            ImportField::Title if typed.is_empty() => {
                self.message = Some(Message::Error(
                    "An inspection needs a title; Esc keeps the one it has.".into(),
                ));
                return;
            }
            ImportField::Title => self.fields.title = Some(typed),
            ImportField::Id => self.fields.id = (!typed.is_empty()).then_some(typed),
            ImportField::Published if typed.is_empty() => self.fields.published = Typed::Cleared,
            ImportField::Published => match crate::files::yaml::parse::parse_date(&typed) {
                Ok(date) => self.fields.published = Typed::Set(date),
                Err(why) => {
                    self.message = Some(Message::Error(format!("Published: {why}")));
                    return;
                }
            },
            ImportField::Output if typed.is_empty() => {
                self.message = Some(Message::Error(
                    "Name the file to write to; Esc keeps the one there is.".into(),
                ));
                return;
            }
            ImportField::Output => self.output = PathBuf::from(typed),
        }
        self.mode = Mode::Normal;
        self.changed();
        self.message = Some(Message::Info(match &self.check {
            Ok(()) => format!("{} kept.", field.label()),
            Err(why) => format!("{} kept; {}", field.label(), crate::text::first_line(why)),
        }));
    }

    fn write(&mut self) -> Vec<Effect> {
        if let Err(why) = &self.check {
            self.message = Some(Message::Error(format!(
                "Not written: {}",
                crate::text::first_line(why)
            )));
            return Vec::new();
        }
        let path = crate::text::one_line(&self.output.display().to_string()).into_owned();
        let other = |why: &str| {
            format!(
                "Not written: {path} is {why}; {} names another file.",
                self.keys
                    .hint(ModeKind::Import, &Action::EditField(ImportField::Output))
            )
        };
        let there =
            match crate::import::write::target(&self.output, std::path::Path::new(&self.name)) {
                crate::import::write::Target::Absent => false,
                // With --force, a file that is no inspection too; never the
                // report, a review or a folder.
                crate::import::write::Target::Other(why)
                    if !self.force || !why.starts_with("not an") =>
                {
                    self.message = Some(Message::Error(other(&why)));
                    return Vec::new();
                }
                crate::import::write::Target::Inspection
                | crate::import::write::Target::Other(_) => true,
            };
        if there && !self.force && !self.asked_over {
            self.asked_over = true;
            let key = self.keys.hint(ModeKind::Import, &Action::WriteImport);
            self.message = Some(Message::Error(format!(
                "{path} is an inspection already: {key} again writes over it (a review beside it follows its items); {} names another file.",
                self.keys
                    .hint(ModeKind::Import, &Action::EditField(ImportField::Output))
            )));
            return Vec::new();
        }
        vec![Effect::WriteInspection {
            path: self.output.clone(),
            yaml: self.yaml.clone(),
            over: there,
        }]
    }

    fn imported(&mut self, outcome: Result<String, String>) {
        self.asked_over = false;
        match outcome {
            Ok(carried) => {
                let said = crate::import::report::report(
                    &self.import,
                    &self.name,
                    self.title(),
                    self.published(),
                    Some(&self.output),
                ) + &carried;
                let path = crate::text::one_line(&self.output.display().to_string()).into_owned();
                self.message = Some(Message::Info(format!(
                    "Wrote {path} ({} items). {} quits.",
                    self.import.entries.len(),
                    self.keys.hint(ModeKind::Import, &Action::Back)
                )));
                self.written = Some((said, self.changes));
            }
            Err(why) => {
                self.message = Some(Message::Error(format!(
                    "Not written: {}",
                    crate::text::first_line(&why)
                )));
            }
        }
    }
}

/// A line as the view shows it: a layout's indent as two spaces at most,
/// its runs of spaces between columns as two, tabs as spaces, so what it
/// says fits beside its tag. The text read is the line as it is.
fn shown(line: &str) -> String {
    let words = line.trim_start_matches([' ', '\t']);
    let mut out = String::with_capacity(line.len());
    if words.len() < line.len() {
        out.push_str("  ");
    }
    let mut spaces = 0;
    for c in words.chars() {
        if c == ' ' || c == '\t' {
            spaces += 1;
            continue;
        }
        if spaces > 0 {
            out.push_str(if spaces > 2 { "  " } else { &"  "[..spaces] });
            spaces = 0;
        }
        out.push(c);
    }
    out
}

/// What is wrong, from a check's message: its first problem, without the
/// heading above it or the place in the file made (which no one sees).
fn reason(why: &str) -> String {
    let line = why
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.ends_with(':'))
        .unwrap_or(why);
    match line.strip_prefix("(import):") {
        Some(rest) => rest
            .splitn(3, ':')
            .nth(2)
            .map_or(rest, str::trim)
            .to_owned(),
        None => line.to_owned(),
    }
}

/// What a mark says a line is, in words.
pub fn describe_mark(mark: Option<Mark>) -> String {
    match mark {
        None => "read as the importer reads it".into(),
        Some(Mark::Heading(section)) => format!("a heading of {}", section.name()),
        Some(Mark::Theme) => "a theme".into(),
        Some(Mark::Start) => "starts an item of its own".into(),
        Some(Mark::Join) => "part of the item above".into(),
        Some(Mark::Furniture) => "page furniture".into(),
    }
}

impl crate::tui::runner::Screen for ImportView {
    fn draw(
        &self,
        frame: &mut ratatui::Frame,
        _cache: &mut crate::tui::ui::Cache,
    ) -> crate::tui::layout::ScreenLayout {
        crate::tui::ui::importer::render(self, frame, &self.theme())
    }

    fn theme(&self) -> crate::tui::ui::Theme {
        crate::tui::ui::Theme::new(self.colour).with_glyphs(self.glyphs())
    }

    fn msg_for(&self, event: crossterm::event::Event) -> Option<Msg> {
        match event {
            crossterm::event::Event::Key(key) => self.keys.msg_for(self.mode.kind(), key),
            crossterm::event::Event::Paste(text) => Some(Msg::Paste(text)),
            _ => None,
        }
    }

    fn update(&mut self, msg: Msg) -> Vec<Effect> {
        ImportView::update(self, msg)
    }

    fn app_mut(&mut self) -> Option<&mut crate::tui::app::App> {
        None
    }
}
