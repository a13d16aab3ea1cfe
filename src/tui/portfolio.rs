//! Several inspections at once: an overview of each one's deadline and
//! progress, from which one is opened in the usual view and returned to
//! (`q` or `Esc` there). The overview has its own help, a search by title
//! or file name, and reads every inspection again on asking (the runner
//! does the reading: `Effect::ReadAll`, answered by `Msg::ReadAgain`).

use std::path::PathBuf;

use jiff::civil::Date;

use crate::model::summary::{KindCounts, counts};
use crate::model::{Inspection, Kind, Review};
use crate::tui::app::{Action, App, Effect, Message, ModeKind, Msg};
use crate::tui::keymap::Keymap;

/// One inspection's numbers for the overview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stats {
    pub title: String,
    pub published: Option<Date>,
    pub deadline: Option<Date>,
    pub items: usize,
    pub reviewed: usize,
    pub recommendations: usize,
    /// Recommendations not yet closed: neither complete, not accepted nor
    /// not applicable.
    pub open_recommendations: usize,
    /// The owners the review names, each once.
    pub owners: Vec<String>,
}

impl Stats {
    pub fn of(inspection: &Inspection, review: &Review) -> Self {
        let table = counts(inspection, review);
        let reviewed = table.iter().map(KindCounts::reviewed).sum();
        let recommendations = table.iter().find(|k| k.kind == Kind::Recommendation);
        Stats {
            title: inspection.meta.title.clone(),
            published: inspection.meta.published,
            deadline: inspection.meta.response_deadline(),
            items: inspection.items.len(),
            reviewed,
            recommendations: recommendations.map_or(0, KindCounts::total),
            open_recommendations: recommendations.map_or(0, KindCounts::open),
            owners: {
                let set: std::collections::BTreeSet<&String> = review
                    .ids()
                    .filter_map(|id| review.entry(id).and_then(|e| e.owner.as_ref()))
                    .collect();
                set.into_iter().cloned().collect()
            },
        }
    }

    /// Reviewed items as a fraction of all.
    pub fn progress(&self) -> f64 {
        if self.items == 0 {
            1.0
        } else {
            #[allow(clippy::cast_precision_loss, reason = "item counts are far below 2^52")]
            let fraction = self.reviewed as f64 / self.items as f64;
            fraction
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub path: PathBuf,
    /// The numbers, or why the file did not load.
    pub stats: Result<Stats, String>,
}

/// How the overview orders its rows; `S` cycles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PortfolioSort {
    /// Soonest (or most overdue) response deadline first.
    #[default]
    Deadline,
    /// Least reviewed first.
    Progress,
    /// By file name.
    File,
}

impl PortfolioSort {
    pub fn label(self) -> &'static str {
        match self {
            PortfolioSort::Deadline => "by response deadline",
            PortfolioSort::Progress => "by progress",
            PortfolioSort::File => "by file name",
        }
    }

    #[must_use]
    pub fn next(self) -> Self {
        match self {
            PortfolioSort::Deadline => PortfolioSort::Progress,
            PortfolioSort::Progress => PortfolioSort::File,
            PortfolioSort::File => PortfolioSort::Deadline,
        }
    }
}

/// What the overview shows over its list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum View {
    List,
    /// Its keys, scrolled this far.
    Help(u16),
    /// The search being typed.
    Search,
    /// Choosing the day the committee pack starts from.
    Pick(Date),
    /// The committee pack of every inspection, scrolled this far.
    Pack(Date, usize),
}

pub struct Portfolio {
    entries: Vec<Entry>,
    view: View,
    /// What the list is narrowed to: words in the title or file name.
    query: String,
    /// Entry indices in display order.
    order: Vec<usize>,
    /// The highlighted row, an index into `order`.
    selected: usize,
    sort: PortfolioSort,
    today: Date,
    keys: Keymap,
    colour: bool,
    reviewer: String,
    /// Where the inspections opened from here write their documents.
    documents: Option<PathBuf>,
    /// How many sync tools' conflict copies lie beside each inspection's
    /// review, for those that have any.
    copies: Vec<(PathBuf, usize)>,
    /// Review files beside the inspections that belong to none of them.
    orphans: Vec<PathBuf>,
    message: Option<Message>,
    /// The inspection open in the usual view, with its entry index.
    open: Option<(usize, Box<App>)>,
    /// The entry being opened, until the runner reports back.
    opening: Option<usize>,
    /// The committee pack last made, as Markdown.
    pack: String,
    /// Each inspection read whole, until the register is first opened and
    /// takes them (`None`: it did not load).
    pairs: Vec<Option<crate::files::workspace::Pair>>,
    /// The register, once opened: kept, with its place, while inspections
    /// are opened from it and the overview is shown.
    register: Option<Box<App>>,
    /// The register is what is shown (unless an inspection is open).
    in_register: bool,
    /// The item to show in the inspection being opened.
    go_to: Option<String>,
    /// The inspection open was opened from the register: leaving it goes
    /// back there.
    back_to_register: bool,
}

impl Portfolio {
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The search the list is narrowed by (empty: none).
    pub fn query(&self) -> &str {
        &self.query
    }

    /// Whether the search is being typed.
    pub fn searching(&self) -> bool {
        self.view == View::Search
    }

    /// How far the help is scrolled, while it is shown.
    pub fn help_scroll(&self) -> Option<u16> {
        match self.view {
            View::Help(scroll) => Some(scroll),
            _ => None,
        }
    }

    /// Entry indices in display order, only those the search matches.
    pub fn order(&self) -> &[usize] {
        &self.order
    }

    /// The highlighted row, an index into `order`.
    pub fn selected(&self) -> usize {
        self.selected
    }

    pub fn sort(&self) -> PortfolioSort {
        self.sort
    }

    pub fn today(&self) -> Date {
        self.today
    }

    pub fn keys(&self) -> &Keymap {
        &self.keys
    }

    pub fn colour(&self) -> bool {
        self.colour
    }

    /// The characters the overview is drawn with (they travel with the keys).
    pub fn glyphs(&self) -> &'static crate::tui::ui::Glyphs {
        self.keys.glyphs()
    }

    pub fn reviewer(&self) -> &str {
        &self.reviewer
    }

    #[allow(clippy::ref_option, reason = "compared whole, as `Some(Message::…)`")]
    pub fn message(&self) -> &Option<Message> {
        &self.message
    }

    /// The inspection open in the usual view, with its entry index.
    pub fn open(&self) -> Option<&(usize, Box<App>)> {
        self.open.as_ref()
    }

    /// The inspection open in the usual view, to hand to the runner.
    pub fn open_mut(&mut self) -> Option<&mut App> {
        self.open.as_mut().map(|(_, app)| &mut **app)
    }

    /// The overview with these keys in force.
    #[must_use]
    pub fn with_keys(mut self, keys: Keymap) -> Self {
        self.keys = keys;
        self
    }

    /// The overview drawn in colour, or not (`NO_COLOR`).
    #[must_use]
    pub fn with_colour(mut self, colour: bool) -> Self {
        self.colour = colour;
        self
    }

    /// The overview saying `message` in its footer (what opening found).
    #[must_use]
    pub fn with_message(mut self, message: Message) -> Self {
        self.message = Some(message);
        self
    }

    /// The inspections opened from the overview write their documents
    /// (`x`) into `folder`, not beside each review.
    #[must_use]
    pub fn with_documents(mut self, folder: Option<PathBuf>) -> Self {
        self.documents = folder;
        self
    }

    /// The overview as on `today`, for deadlines and what is overdue.
    #[must_use]
    pub fn with_today(mut self, today: Date) -> Self {
        self.today = today;
        self.resort();
        self
    }

    pub fn new(entries: Vec<Entry>, reviewer: String, today: Date) -> Self {
        let mut portfolio = Portfolio {
            order: (0..entries.len()).collect(),
            entries,
            view: View::List,
            query: String::new(),
            selected: 0,
            sort: PortfolioSort::default(),
            today,
            keys: Keymap::default(),
            colour: true,
            reviewer,
            documents: None,
            copies: Vec::new(),
            orphans: Vec::new(),
            message: None,
            open: None,
            opening: None,
            pack: String::new(),
            pairs: Vec::new(),
            register: None,
            in_register: false,
            go_to: None,
            back_to_register: false,
        };
        portfolio.resort();
        portfolio.selected = 0;
        portfolio
    }

    /// The overview with each inspection read whole (in the order of the
    /// entries), for the register.
    #[must_use]
    pub fn with_reports(mut self, pairs: Vec<Option<crate::files::workspace::Pair>>) -> Self {
        self.pairs = pairs;
        self
    }

    /// The overview knowing which reviews have sync tools' conflict copies
    /// beside them (marked in their rows) and which review files belong to
    /// no inspection here: both said in the footer.
    #[must_use]
    pub fn with_copies(mut self, beside: crate::files::copies::Beside) -> Self {
        self.copies = beside.copies;
        self.orphans = beside.orphans;
        if let Some(note) = Self::copies_note(&self.copies, &self.orphans) {
            self.message = Some(note);
        }
        self
    }

    /// What the footer says of the copies and orphaned reviews: the copies
    /// first, as the rows marked `!` show where they are.
    fn copies_note(copies: &[(PathBuf, usize)], orphans: &[PathBuf]) -> Option<Message> {
        if !copies.is_empty() {
            let reviews = crate::text::counted(copies.len(), "review", "reviews");
            return Some(Message::Error(format!(
                "A sync tool left conflict copies beside {reviews} (marked !): open one and press B to merge them in, or run scrutiny merge-copies"
            )));
        }
        let first = orphans.first()?;
        let name = first
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        let more = match orphans.len() {
            1 => String::new(),
            n => format!(" and {} more", n - 1),
        };
        Some(Message::Error(crate::text::inert_line(&format!(
            "{name}{more}: a review file of no inspection here, perhaps a sync tool's conflict copy: open its inspection and press B to merge it in, or run scrutiny merge-copies"
        )).into_owned()))
    }

    /// How many conflict copies lie beside this inspection's review.
    pub fn copies_beside(&self, inspection: &std::path::Path) -> usize {
        self.copies
            .iter()
            .find(|(path, _)| path == inspection)
            .map_or(0, |(_, n)| *n)
    }

    /// The register, when it is what is shown.
    pub fn register(&self) -> Option<&App> {
        self.register.as_deref().filter(|_| self.in_register)
    }

    /// The register, when it is shown, to hand to the runner.
    pub fn register_mut(&mut self) -> Option<&mut App> {
        if self.in_register {
            self.register.as_deref_mut()
        } else {
            None
        }
    }

    /// The register's changes not yet saved, to save before stopping.
    pub fn register_unsaved(&self) -> Option<Effect> {
        self.register.as_ref().and_then(|r| r.save_if_unsaved())
    }

    /// Show the register, making it from the inspections read the first
    /// time.
    fn show_register(&mut self) {
        self.make_register();
        self.in_register = true;
        let failed = self.entries.iter().filter(|e| e.stats.is_err()).count();
        if let Some(register) = self.register.as_deref_mut() {
            let back = self.keys.hint(ModeKind::Normal, &Action::Leave);
            let kinds = self.keys.hint(ModeKind::Normal, &Action::ToggleKinds);
            let open = self.keys.hint(ModeKind::Normal, &Action::Open);
            let said = if failed == 0 {
                format!(
                    "{open} opens an item in its inspection; {kinds} shows findings and strengths too; {back} goes back to the overview"
                )
            } else {
                format!(
                    "{failed} inspection{} did not load and {} not here: the overview lists {}; {back} goes back",
                    if failed == 1 { "" } else { "s" },
                    if failed == 1 { "is" } else { "are" },
                    if failed == 1 {
                        "it with its problem"
                    } else {
                        "them with their problems"
                    },
                )
            };
            register.say(Message::Info(said));
        }
    }

    /// Make the register from the inspections read, the first time it is
    /// needed (shown, or asked what it knows of links).
    fn make_register(&mut self) {
        if self.register.is_none() {
            let pairs: Vec<_> = std::mem::take(&mut self.pairs)
                .into_iter()
                .flatten()
                .collect();
            let owners = self.owners();
            let app = App::register(pairs, self.reviewer.clone(), self.today)
                .with_known_owners(owners)
                .with_keys(self.keys.clone())
                .with_colour(self.colour)
                .with_documents(self.documents.clone())
                .opened_from_portfolio();
            self.register = Some(Box::new(app));
        }
    }

    /// The owners the reviews name, each once.
    fn owners(&self) -> Vec<String> {
        self.entries
            .iter()
            .filter_map(|e| e.stats.as_ref().ok())
            .flat_map(|s| s.owners.iter().cloned())
            .collect()
    }

    /// What the register does with `msg`; its effects, with its own (going
    /// back, opening an item in its inspection) taken here.
    fn in_register(&mut self, msg: Msg) -> Vec<Effect> {
        let Some(register) = self.register.as_deref_mut() else {
            self.in_register = false;
            return Vec::new();
        };
        let mut out = Vec::new();
        for effect in register.update(msg) {
            match effect {
                Effect::Close => {
                    self.in_register = false;
                    self.restat_register();
                }
                Effect::OpenAt { path, id } => {
                    if let Some(index) = self.entries.iter().position(|e| e.path == path) {
                        self.opening = Some(index);
                        self.go_to = Some(id);
                        self.back_to_register = true;
                        out.push(Effect::Open(path));
                    }
                }
                effect => out.push(effect),
            }
        }
        out
    }

    /// Open the inspection of `target` (`INSPECTION#ITEM`) at its item; no
    /// effect when it is not among those loaded.
    fn follow(&mut self, target: &str) -> Vec<Effect> {
        let Some((inspection, item)) = target.split_once('#') else {
            return Vec::new();
        };
        let path = self.register.as_deref().and_then(|register| {
            let register = register.register_of()?;
            register
                .reports
                .iter()
                .find(|r| r.review.inspection == inspection)
                .map(|r| r.path.clone())
        });
        let Some(index) = path.and_then(|p| self.entries.iter().position(|e| e.path == p)) else {
            return Vec::new();
        };
        self.opening = Some(index);
        self.go_to = Some(item.to_owned());
        vec![Effect::Open(self.entries[index].path.clone())]
    }

    /// The overview's numbers of every inspection the register changed.
    fn restat_register(&mut self) {
        let Some(register) = self.register.as_deref_mut() else {
            return;
        };
        for (path, stats) in register.take_restats() {
            if let Some(entry) = self.entries.iter_mut().find(|e| e.path == path)
                && let Ok(old) = &entry.stats
            {
                entry.stats = Ok(Stats {
                    title: old.title.clone(),
                    published: old.published,
                    deadline: old.deadline,
                    ..stats
                });
            }
        }
        self.resort();
    }

    pub fn selected_entry(&self) -> Option<&Entry> {
        self.order.get(self.selected).map(|&i| &self.entries[i])
    }

    /// Order the rows, those the search matches, keeping the highlighted
    /// entry highlighted. Files that failed to load come last.
    fn resort(&mut self) {
        let keep = self.order.get(self.selected).copied();
        self.sort_keeping(keep);
    }

    fn sort_keeping(&mut self, keep: Option<usize>) {
        let entries = &self.entries;
        let query = self.query.to_lowercase();
        let mut order: Vec<usize> = (0..entries.len())
            .filter(|&i| matches(&entries[i], &query))
            .collect();
        match self.sort {
            PortfolioSort::Deadline => order.sort_by_key(|&i| match &entries[i].stats {
                Ok(s) => (0, s.deadline.is_none(), s.deadline),
                Err(_) => (1, true, None),
            }),
            PortfolioSort::Progress => order.sort_by(|&a, &b| {
                let key = |i: usize| {
                    entries[i]
                        .stats
                        .as_ref()
                        .map_or(f64::INFINITY, Stats::progress)
                };
                key(a).total_cmp(&key(b))
            }),
            PortfolioSort::File => order.sort_by(|&a, &b| entries[a].path.cmp(&entries[b].path)),
        }
        self.order = order;
        self.selected = keep
            .and_then(|k| self.order.iter().position(|&i| i == k))
            .unwrap_or(0);
    }

    /// Apply an action or report; the runner carries out the effects.
    #[allow(
        clippy::too_many_lines,
        reason = "one arm per view and action reads best as a table"
    )]
    pub fn update(&mut self, msg: impl Into<Msg>) -> Vec<Effect> {
        let action = match msg.into() {
            Msg::Opened(result) => return self.opened(*result),
            msg => msg,
        };
        if let Some((index, app)) = &mut self.open {
            let effects = app.update(action);
            // A link followed into another inspection: that one opens.
            let follow = effects.iter().find_map(|e| match e {
                Effect::Follow(target) => Some(target.clone()),
                _ => None,
            });
            // The app asks to close only with nothing left unsaved.
            if !effects.contains(&Effect::Close) && follow.is_none() {
                return effects;
            }
            // Back to the overview, with this inspection's numbers updated.
            self.entries[*index].stats = Ok(Stats::of(app.inspection(), app.review()));
            // And its copies as the app left them: merged, or still there;
            // the footer's word on them, if it still stands, follows.
            let said = Self::copies_note(&self.copies, &self.orphans);
            let path = self.entries[*index].path.clone();
            let left = app.copies().len();
            self.copies.retain(|(p, _)| *p != path);
            if left > 0 {
                self.copies.push((path, left));
            }
            if self.message == said {
                self.message = Self::copies_note(&self.copies, &self.orphans);
            }
            let keep = Effect::KeepPlace {
                review: app.save().path.clone(),
                place: Box::new(app.place()),
            };
            if let Some(register) = self.register.as_deref_mut() {
                register.take_review(
                    &self.entries[*index].path,
                    app.review(),
                    app.save().on_disk.clone(),
                );
            }
            self.open = None;
            self.resort();
            if let Some(target) = follow {
                let opened = self.follow(&target);
                return [vec![keep, Effect::Close], opened].concat();
            }
            // Back to the register, at the row it was on, if it was
            // opened from there.
            self.in_register = std::mem::take(&mut self.back_to_register);
            // The runner keeps where the reviewer was, and lets the review
            // (and its lock) go.
            return vec![keep, Effect::Close];
        }
        if self.in_register {
            return self.in_register(action);
        }
        let action = match action {
            Msg::Act(action) => action,
            Msg::ReadAgain(entries, pairs) => return self.read_again(entries, pairs),
            Msg::Pack(text) => {
                if let View::Pick(since) = self.view {
                    self.pack = text;
                    self.view = View::Pack(since, 0);
                }
                return Vec::new();
            }
            Msg::EditorKey(key) if self.view == View::Search => {
                self.type_key(key);
                return Vec::new();
            }
            Msg::Paste(text) if self.view == View::Search => {
                self.query.push_str(&text.replace(['\n', '\r', '\t'], " "));
                self.resort();
                return Vec::new();
            }
            _ => return Vec::new(),
        };
        if let Some(effects) = self.in_pack(action) {
            return effects;
        }
        let last = self.order.len().saturating_sub(1);
        match (self.view, action) {
            (_, Action::Quit) => return vec![Effect::Quit],
            (_, Action::Suspend) => return vec![Effect::Suspend],
            (View::Help(_) | View::Pick(_) | View::Pack(..), Action::Back) => {
                self.view = View::List;
            }
            (View::Help(scroll), Action::MoveDown) => {
                let most = u16::try_from(help_lines(&self.keys).len()).unwrap_or(u16::MAX);
                self.view = View::Help(scroll.saturating_add(1).min(most));
            }
            (View::Help(scroll), Action::MoveUp) => {
                self.view = View::Help(scroll.saturating_sub(1));
            }
            (View::Search, Action::Accept) => {
                self.view = View::List;
                if !self.query.is_empty() {
                    self.message = Some(Message::Info(format!(
                        "Search \"{}\" kept: {} of {} shown; {} clears it",
                        self.query,
                        self.order.len(),
                        self.entries.len(),
                        self.keys.hint(ModeKind::Portfolio, &Action::Back)
                    )));
                }
            }
            (View::Search | View::List, Action::Back) => {
                self.view = View::List;
                self.query.clear();
                self.resort();
            }
            (View::Search | View::List, Action::MoveDown) => {
                self.selected = (self.selected + 1).min(last);
            }
            (View::Search | View::List, Action::MoveUp) => {
                self.selected = self.selected.saturating_sub(1);
            }
            (View::Help(_) | View::Search | View::Pick(_) | View::Pack(..), _) => {}
            (View::List, Action::Changes) => {
                self.view = View::Pick(crate::export::changes::quarter_before(self.today));
            }
            (View::List, Action::Help) => self.view = View::Help(0),
            (View::List, Action::Register) => self.show_register(),
            (View::List, Action::Search) => self.view = View::Search,
            (View::List, Action::Reload) => {
                if self.register.as_ref().is_some_and(|r| r.save().unsaved) {
                    self.message = Some(Message::Error(
                        "The register holds a change not saved yet: open it (and save or undo the change) before reading every inspection again".into(),
                    ));
                    return Vec::new();
                }
                return vec![Effect::ReadAll(
                    self.entries.iter().map(|e| e.path.clone()).collect(),
                )];
            }
            (View::List, action) => return self.act(action, last),
        }
        Vec::new()
    }

    /// The committee pack's day being chosen, or the pack being read:
    /// what `action` does there (`None`: the usual handling).
    fn in_pack(&mut self, action: Action) -> Option<Vec<Effect>> {
        match (self.view, action) {
            (View::Pick(since), Action::ShiftDate(days)) => {
                self.view = View::Pick(crate::export::changes::shifted(since, days, self.today));
            }
            (View::Pick(since), Action::Accept) => {
                return Some(vec![Effect::Pack {
                    files: self.entries.iter().map(|e| e.path.clone()).collect(),
                    since,
                    until: self.today,
                }]);
            }
            (View::Pack(since, _), Action::Changes) => self.view = View::Pick(since),
            (
                View::Pack(since, scroll),
                action @ (Action::MoveDown
                | Action::MoveUp
                | Action::PageDown
                | Action::PageUp
                | Action::Top
                | Action::Bottom),
            ) => {
                let most = self.pack.lines().count();
                let scroll = match action {
                    Action::MoveDown => scroll + 1,
                    Action::MoveUp => scroll.saturating_sub(1),
                    Action::PageDown => scroll + 20,
                    Action::PageUp => scroll.saturating_sub(20),
                    Action::Top => 0,
                    Action::Bottom => most,
                    _ => scroll,
                };
                self.view = View::Pack(since, scroll.min(most));
            }
            _ => return None,
        }
        Some(Vec::new())
    }

    /// An action on the list itself.
    fn act(&mut self, action: Action, last: usize) -> Vec<Effect> {
        match action {
            Action::MoveDown => self.selected = (self.selected + 1).min(last),
            Action::MoveUp => self.selected = self.selected.saturating_sub(1),
            Action::Top => self.selected = 0,
            Action::Bottom => self.selected = last,
            Action::CycleSort => {
                self.sort = self.sort.next();
                self.resort();
                self.message = Some(Message::Info(format!("Sorted {}", self.sort.label())));
            }
            Action::Open => {
                if let Some(&index) = self.order.get(self.selected) {
                    let entry = &self.entries[index];
                    match &entry.stats {
                        Ok(_) => {
                            self.opening = Some(index);
                            return vec![Effect::Open(entry.path.clone())];
                        }
                        Err(why) => {
                            self.message =
                                Some(Message::Error(crate::text::first_line(why).to_owned()));
                        }
                    }
                }
            }
            _ => {}
        }
        Vec::new()
    }

    /// A key typed into the search.
    fn type_key(&mut self, key: crossterm::event::KeyEvent) {
        use crossterm::event::{KeyCode, KeyModifiers};
        let plain = !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        match key.code {
            KeyCode::Char(c) if plain => self.query.push(c),
            KeyCode::Backspace => {
                self.query.pop();
            }
            _ => return,
        }
        self.resort();
    }

    /// Every inspection as read again: the highlighted one stays so where
    /// its file is still listed.
    fn read_again(
        &mut self,
        entries: Vec<Entry>,
        pairs: Vec<Option<crate::files::workspace::Pair>>,
    ) -> Vec<Effect> {
        // The register is made again from what was read, when next opened.
        self.pairs = pairs;
        self.register = None;
        let keep = self
            .selected_entry()
            .map(|e| e.path.clone())
            .and_then(|path| entries.iter().position(|e| e.path == path));
        let failed = entries.iter().filter(|e| e.stats.is_err()).count();
        let read = entries.len() - failed;
        self.entries = entries;
        self.order = (0..self.entries.len()).collect();
        self.sort_keeping(keep);
        let inspections = |n: usize| {
            if n == 1 {
                "1 inspection".to_owned()
            } else {
                format!("{n} inspections")
            }
        };
        self.message = Some(if failed == 0 {
            Message::Info(format!("Read {} again", inspections(read)))
        } else {
            Message::Error(format!(
                "Read {} again; {failed} did not load",
                inspections(read)
            ))
        });
        Vec::new()
    }

    fn opened(&mut self, result: Result<crate::files::workspace::Pair, String>) -> Vec<Effect> {
        let by_path = match &result {
            Ok(pair) => self.entries.iter().position(|e| e.path == pair.path),
            Err(_) => self.order.get(self.selected).copied(),
        };
        let Some(index) = self.opening.take().or(by_path) else {
            return Vec::new();
        };
        match result {
            Ok(pair) => {
                self.entries[index].stats = Ok(Stats::of(&pair.inspection, &pair.review));
                let back = self.keys.hint(ModeKind::Normal, &Action::Leave);
                let owners = self
                    .entries
                    .iter()
                    .filter_map(|e| e.stats.as_ref().ok())
                    .flat_map(|s| s.owners.iter().cloned())
                    .collect();
                let whither = if self.back_to_register {
                    "the register"
                } else {
                    "the overview"
                };
                let mut app = App::from_pair(pair, self.reviewer.clone(), self.today)
                    .with_known_owners(owners)
                    .with_keys(self.keys.clone())
                    .with_colour(self.colour)
                    .with_documents(self.documents.clone())
                    .opened_from_portfolio()
                    .with_message(Message::Info(format!("{back} goes back to {whither}")));
                if let Some(id) = self.go_to.take() {
                    app.go_to(&id);
                }
                self.make_register();
                if let Some(register) = self.register.as_deref() {
                    let elsewhere = register.elsewhere_for(app.inspection(), app.review());
                    app = app.with_elsewhere(elsewhere);
                }
                self.open = Some((index, Box::new(app)));
            }
            Err(why) => {
                let first = crate::text::first_line(&why).to_owned();
                self.go_to = None;
                if std::mem::take(&mut self.back_to_register)
                    && let Some(register) = self.register.as_deref_mut()
                {
                    register.say(Message::Error(first.clone()));
                }
                self.message = Some(Message::Error(first));
                self.entries[index].stats = Err(why);
                self.resort();
            }
        }
        Vec::new()
    }

    /// The mode whose keys are in force.
    pub fn mode(&self) -> ModeKind {
        if let (None, Some(register)) = (&self.open, self.register()) {
            return register.mode().kind();
        }
        match (&self.open, self.view) {
            (Some((_, app)), _) => app.mode().kind(),
            (None, View::List) => ModeKind::Portfolio,
            (None, View::Help(_)) => ModeKind::PortfolioHelp,
            (None, View::Search) => ModeKind::PortfolioSearch,
            (None, View::Pick(_)) => ModeKind::ChangesPick,
            (None, View::Pack(..)) => ModeKind::Changes,
        }
    }

    /// The day the committee pack starts from, while it is chosen.
    pub fn picking(&self) -> Option<Date> {
        match self.view {
            View::Pick(since) => Some(since),
            _ => None,
        }
    }

    /// The committee pack shown (from which day, and scrolled how far).
    pub fn pack(&self) -> Option<(Date, &str, usize)> {
        match self.view {
            View::Pack(since, scroll) => Some((since, self.pack.as_str(), scroll)),
            _ => None,
        }
    }
}

/// Whether the search (lowercased) is in the entry's title or file name.
fn matches(entry: &Entry, query: &str) -> bool {
    if query.is_empty() {
        return true;
    }
    let name = entry.path.display().to_string().to_lowercase();
    name.contains(query)
        || entry
            .stats
            .as_ref()
            .is_ok_and(|s| s.title.to_lowercase().contains(query))
}

/// A line of the overview's help.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelpLine {
    Blank,
    Heading(&'static str),
    /// The keys, and what they do.
    Key(String, String),
}

/// The overview's help: for each of its modes, a heading and the keys in
/// force there with what they do.
pub fn help_lines(keys: &Keymap) -> Vec<HelpLine> {
    let mut lines = Vec::new();
    for (mode, heading) in [
        (ModeKind::Portfolio, "The overview"),
        (
            ModeKind::PortfolioSearch,
            "Searching the overview (other keys type)",
        ),
        (ModeKind::PortfolioHelp, "This help"),
    ] {
        if !lines.is_empty() {
            lines.push(HelpLine::Blank);
        }
        lines.push(HelpLine::Heading(heading));
        for binding in keys.bindings(mode) {
            let own = if binding.line.is_some() {
                " (yours)"
            } else {
                ""
            };
            lines.push(HelpLine::Key(
                keys.names_of(binding),
                format!("{}{own}", binding.help),
            ));
        }
    }
    lines.push(HelpLine::Blank);
    lines.push(HelpLine::Heading("In an inspection opened from here"));
    lines.push(HelpLine::Key(
        keys.hints(ModeKind::Normal, &Action::Leave),
        "back to the overview, unless a change is unsaved".to_owned(),
    ));
    lines
}

/// The committee pack of `files` from `since` to `until`: each inspection's
/// pack in turn, a file that does not load named with its error.
pub fn pack(files: &[PathBuf], since: Date, until: Date) -> String {
    use crate::export::changes::{Period, changes, markdown, period_words};
    let period = Period::ending(since, until);
    let mut out = format!("# Changes, {}\n\n", period_words(since, until));
    for file in files {
        match crate::files::workspace::load_pair(file, None) {
            Ok(pair) => {
                let name = file.display().to_string();
                out.push_str(&markdown(&changes(
                    &name,
                    &pair.inspection,
                    &pair.review,
                    period,
                )));
                out.push('\n');
            }
            Err(e) => {
                out.push_str(&crate::export::md::text(&e.to_string()));
                out.push_str("\n\n");
            }
        }
    }
    out
}
