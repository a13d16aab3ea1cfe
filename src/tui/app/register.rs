//! The usual view over the register (`crate::tui::register`): what it does
//! differently. Saving writes each changed review file; what belongs to one
//! inspection (its response, its documents, its details) is reached by
//! opening the item there (`Enter`); the findings and strengths come and
//! go with a key.

use super::{Action, App, Effect, Message, Mode, PaneKind};
use crate::files::workspace::Pair;
use crate::model::Kind;
use crate::tui::register::{Register, ReviewSaved};

/// The kinds the register shows until asked for more.
pub const FIRST_KINDS: [Kind; 2] = [Kind::Recommendation, Kind::AreaForImprovement];

impl App {
    /// The register of these inspections, each item once, recommendations
    /// and areas for improvement shown.
    pub fn register(pairs: Vec<Pair>, reviewer: String, today: jiff::civil::Date) -> Self {
        let (inspection, review, register) = Register::build(pairs);
        let mut app = App::new(
            inspection,
            review,
            std::path::PathBuf::new(),
            None,
            reviewer,
            today,
        );
        app.register = Some(Box::new(register));
        app.settings.state = crate::files::store::state_dir();
        // The register's rows carry more columns (the report, who the item
        // is directed to): the lists take more of a wide screen.
        app.settings.split = 2;
        app.message = None;
        app.show_kinds(false);
        app
    }

    /// The inspections joined, when this is the register.
    pub fn register_of(&self) -> Option<&Register> {
        self.register.as_deref()
    }

    /// An id as the lists show it: in the register, the report's short
    /// name and the item's own id.
    pub fn shown_id<'a>(&self, id: &'a str) -> std::borrow::Cow<'a, str> {
        match &self.register {
            Some(register) => {
                std::borrow::Cow::Owned(register.shown_id_with(id, self.glyphs().ellipsis))
            }
            None => std::borrow::Cow::Borrowed(id),
        }
    }

    /// Whether findings and strengths are shown too.
    pub fn all_kinds(&self) -> bool {
        self.hidden_panes.is_empty()
    }

    /// Show every kind (`all`), or only `FIRST_KINDS`; the pane in focus
    /// stays in focus when it is still shown.
    fn show_kinds(&mut self, all: bool) {
        let focused = self.panes.get(self.focus).map(|p| p.kind);
        let mut panes = std::mem::take(&mut self.panes);
        panes.append(&mut self.hidden_panes);
        panes.sort_by_key(|p| match p.kind {
            PaneKind::Items(kind) => kind as usize,
            PaneKind::Orphans => usize::MAX,
        });
        for pane in panes {
            let shown = all
                || match pane.kind {
                    PaneKind::Items(kind) => FIRST_KINDS.contains(&kind),
                    PaneKind::Orphans => true,
                };
            if shown {
                self.panes.push(pane);
            } else {
                self.hidden_panes.push(pane);
            }
        }
        self.focus = focused
            .and_then(|kind| self.panes.iter().position(|p| p.kind == kind))
            .unwrap_or(0);
        self.refresh_rows();
    }

    /// What `action` does in the register when it differs from a single
    /// review (`None`: as there).
    pub(super) fn in_register(&mut self, action: &Action) -> Option<Vec<Effect>> {
        let register = self.register.as_deref()?;
        let normal = matches!(self.mode, Mode::Normal);
        let own = match action {
            Action::Response => "the statutory response",
            Action::ExportDraft | Action::Export(_) => "its documents",
            Action::Inspection | Action::OpenUrl => "its details",
            Action::Changes => "what changed (the overview's W makes the pack of all)",
            Action::SaveElsewhere => "saving elsewhere",
            Action::Merge | Action::Reload | Action::TakeOver => "reading its review again",
            Action::ToggleKinds if normal => {
                let all = !self.all_kinds();
                self.show_kinds(all);
                self.message = Some(Message::Info(
                    if all {
                        "Every kind shown: findings and strengths too"
                    } else {
                        "Recommendations and areas for improvement shown"
                    }
                    .into(),
                ));
                return Some(Vec::new());
            }
            Action::Open if normal && self.links.chosen.is_none() => {
                let id = self.selected_id()?;
                let (r, item) = register.split(id)?;
                return Some(vec![Effect::OpenAt {
                    path: register.reports[r].path.clone(),
                    id: item.to_owned(),
                }]);
            }
            _ => return None,
        };
        let key = self
            .settings
            .keys
            .hint(super::ModeKind::Normal, &Action::Open);
        self.message = Some(Message::Info(format!(
            "In the register, {own} belongs to each inspection: {key} opens the item in its own"
        )));
        Some(Vec::new())
    }

    /// The effect that saves the register: each review file whose entries
    /// changed.
    pub(super) fn register_save(&self, register: &Register) -> Effect {
        Effect::SaveReviews(register.writes(&self.review, &self.inspection))
    }

    /// How the register's writes went: those written are the files'
    /// contents from now on; a file someone changed meanwhile is merged
    /// with and written again; what failed stays in memory, said.
    pub(super) fn saved_reviews(&mut self, outcomes: Vec<ReviewSaved>) -> Vec<Effect> {
        let Some(mut register) = self.register.take() else {
            return Vec::new();
        };
        let mut again = Vec::new();
        let mut failed: Vec<String> = Vec::new();
        let mut merged = 0;
        for outcome in outcomes {
            match outcome {
                ReviewSaved::Written { report, bytes } => {
                    register.written(report, bytes, &self.review);
                }
                ReviewSaved::Changed { report, disk } => {
                    match register.merge_in(report, disk, (&mut self.review, &self.inspection)) {
                        Ok((write, conflicts)) => {
                            merged += 1;
                            again.push(write);
                            if !conflicts.is_empty() {
                                failed.push(format!(
                                    "{} changed on both sides in {} (both kept: settle them with the conflict keys)",
                                    conflicts.len(),
                                    register.reports[report].short
                                ));
                            }
                        }
                        Err(why) => failed.push(why),
                    }
                }
                ReviewSaved::Failed { why, .. } => failed.push(why),
            }
        }
        let left = register.changed(&self.review).len();
        self.register = Some(register);
        self.save.unsaved = left > 0;
        if merged > 0 {
            self.refresh_rows();
        }
        if let Some(first) = failed.first() {
            let more = match failed.len() {
                1 => String::new(),
                n => format!(" (and {} more)", n - 1),
            };
            self.save.error = Some(first.clone());
            self.message = Some(Message::Error(if left > 0 {
                format!(
                    "Not saved: {first}{more}. Kept in memory and retried with your next change."
                )
            } else {
                format!("{first}{more}")
            }));
        } else {
            self.save.error = None;
            if merged > 0 {
                self.message = Some(Message::Info(format!(
                    "{merged} review file{} had changed on disk: merged with yours and saved",
                    if merged == 1 { "" } else { "s" }
                )));
            }
        }
        if again.is_empty() {
            Vec::new()
        } else {
            vec![Effect::SaveReviews(again)]
        }
    }

    /// An inspection opened from the register was left: its review as it
    /// now is, taken into the register (`on_disk`: the file's bytes then).
    pub fn take_review(
        &mut self,
        path: &std::path::Path,
        review: &crate::model::Review,
        on_disk: Option<Vec<u8>>,
    ) {
        let Some(register) = self.register.as_deref_mut() else {
            return;
        };
        let Some(r) = register.report_at(path) else {
            return;
        };
        let key = register.reports[r].key.clone();
        let prefix = format!("{key}#");
        let gone: Vec<String> = self
            .review
            .ids()
            .filter(|id| {
                id.strip_prefix(&prefix)
                    .is_some_and(|own| review.entry(own).is_none())
            })
            .cloned()
            .collect();
        for id in gone {
            self.review.remove(&id);
        }
        for (id, entry) in review.entries() {
            let at = crate::tui::register::joined(&key, id);
            if self.review.entry(&at) != Some(entry) {
                self.review.put(&at, entry.clone());
            }
        }
        let report = &mut register.reports[r];
        report.review = review.clone();
        report.on_disk = on_disk;
        self.refresh_rows();
        // Taken in outside `update`: the header's counts are made again
        // here, not at the next key.
        self.refresh();
    }

    /// The overview's numbers of each inspection whose review the register
    /// changed since last asked (their dates left to the overview).
    pub fn take_restats(&mut self) -> Vec<(std::path::PathBuf, crate::tui::portfolio::Stats)> {
        let Some(register) = self.register.as_deref_mut() else {
            return Vec::new();
        };
        let touched = std::mem::take(&mut register.touched);
        touched
            .into_iter()
            .map(|r| {
                let inspection = register.inspection_of(r, &self.inspection);
                let report = &register.reports[r];
                (
                    report.path.clone(),
                    crate::tui::portfolio::Stats::of(&inspection, &report.review),
                )
            })
            .collect()
    }

    /// Show the item `id` of the register (as `INSPECTION#ITEM`).
    pub fn go_to(&mut self, id: &str) {
        let hidden = self
            .hidden_panes
            .iter()
            .any(|p| p.holds(id, &self.inspection.items));
        if hidden {
            self.show_kinds(true);
        }
        self.reveal(id);
    }
}

/// The links into each item, by `INSPECTION#ITEM`: the register ids
/// making them, and how.
pub type Incoming =
    std::collections::HashMap<String, Vec<(String, crate::model::tracking::Relation)>>;

/// At most this many items are listed while finding one to link to.
pub const LINK_FOUND: usize = 200;

impl App {
    /// Start linking the selected item to an item of another report.
    pub(super) fn open_link(&mut self) {
        if self.register.is_none() {
            self.message = Some(Message::Info(
                "Items of different reports are linked in the register (r in the overview)".into(),
            ));
            return;
        }
        if self.selected_id().is_none() {
            self.message = Some(Message::Info("No item is selected".into()));
            return;
        }
        self.mode = Mode::LinkPick {
            editor: super::update::hinted_editor(
                String::new(),
                "words of the other item's report, id or title",
            ),
            found: Vec::new(),
            cursor: 0,
        };
    }

    /// The items of other reports whose name and title hold every word of
    /// `query` (whatever their case), in the register's order.
    pub(super) fn link_candidates(&self, query: &str) -> Vec<String> {
        let (Some(register), Some(from)) = (self.register.as_deref(), self.selected_id()) else {
            return Vec::new();
        };
        let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
        if words.is_empty() {
            return Vec::new();
        }
        let own = register.split(from).map(|(r, _)| r);
        let mut found = Vec::new();
        let mut text = String::new();
        for item in &self.inspection.items {
            let Some((r, _)) = register.split(&item.id) else {
                continue;
            };
            if Some(r) == own {
                continue;
            }
            text.clear();
            text.push_str(&register.shown_id(&item.id).to_lowercase());
            text.push(' ');
            text.push_str(&item.title.to_lowercase());
            if words.iter().all(|w| text.contains(w.as_str())) {
                found.push(item.id.clone());
                if found.len() == LINK_FOUND {
                    break;
                }
            }
        }
        found
    }

    /// A key in the list of items to link to.
    pub(super) fn in_link_pick(&mut self, action: &Action) -> bool {
        let Mode::LinkPick { found, cursor, .. } = &mut self.mode else {
            return false;
        };
        match action {
            Action::MoveDown => *cursor = (*cursor + 1).min(found.len().saturating_sub(1)),
            Action::MoveUp => *cursor = cursor.saturating_sub(1),
            Action::Back => self.mode = Mode::Normal,
            Action::Accept => match found.get(*cursor) {
                Some(target) => {
                    self.mode = Mode::Relation {
                        target: target.clone(),
                    };
                }
                None => {
                    self.message = Some(Message::Info(
                        "Type words of the other item's id or title, then choose it".into(),
                    ));
                }
            },
            _ => return false,
        }
        true
    }

    /// Link the selected item to the one picked, standing to it so.
    pub(super) fn set_relation(
        &mut self,
        relation: crate::model::tracking::Relation,
    ) -> Vec<Effect> {
        let Mode::Relation { target } = &self.mode else {
            return Vec::new();
        };
        let target = target.clone();
        self.mode = Mode::Normal;
        let (Some(register), Some(from)) = (self.register.as_deref(), self.selected_id()) else {
            return Vec::new();
        };
        let from = from.to_owned();
        let Some(named) = register.named(&target) else {
            return Vec::new();
        };
        let shown = register.shown_id(&target);
        let related = crate::model::tracking::Related {
            item: named,
            relation,
            extra: Vec::new(),
        };
        let linked = self
            .review
            .entry(&from)
            .is_some_and(|e| e.related.iter().any(|r| r.is_same(&related)));
        if linked {
            self.message = Some(Message::Info(format!(
                "Already linked: {} {shown}",
                relation.words().to_lowercase()
            )));
            return Vec::new();
        }
        // One step for undo, which takes the link away again.
        self.tracked(
            format!("{} {shown}", relation.words().to_lowercase()),
            vec![(from, super::tracking::Tracked::Related(related))],
        )
    }

    /// The items whose entries say they stand to `id`: each with how (its
    /// own words for it), in the register's order. In the register, from
    /// every review; in an inspection opened from the overview, from the
    /// others' reviews as the overview had them (`Elsewhere`).
    pub fn linked_from(&self, id: &str) -> Vec<(String, crate::model::tracking::Relation)> {
        let Some(register) = self.register.as_deref() else {
            return self
                .elsewhere
                .as_ref()
                .and_then(|e| e.incoming.get(id))
                .cloned()
                .unwrap_or_default();
        };
        let Some(named) = register.named(id) else {
            return Vec::new();
        };
        let mut index = self.incoming.borrow_mut();
        let version = self.review.version();
        if index.as_ref().is_none_or(|(v, _)| *v != version) {
            *index = Some((version, self.incoming_index()));
        }
        index
            .as_ref()
            .and_then(|(_, by_item)| by_item.get(&named))
            .cloned()
            .unwrap_or_default()
    }

    /// Every link the register's entries make, by the item they name
    /// (`INSPECTION#ITEM`): the register ids making them, in the
    /// register's order, and how. Made once for each state of the review,
    /// not at every frame the detail is drawn.
    fn incoming_index(&self) -> Incoming {
        let mut by_item: Incoming = std::collections::HashMap::new();
        for (source, entry) in self.review.entries() {
            for related in &entry.related {
                by_item
                    .entry(related.item.clone())
                    .or_default()
                    .push((source.clone(), related.relation));
            }
        }
        for from in by_item.values_mut() {
            from.sort_by_key(|(source, _)| self.inspection.position(source));
        }
        by_item
    }

    /// Where a `related:` entry's item is, when it is open: in the
    /// register, its register id; in an inspection, the item's id when it
    /// is one of its own, else the name as given when the overview has
    /// that inspection (`about` tells of it, following it opens it there).
    pub fn related_target(&self, item: &str) -> Option<String> {
        let (inspection, id) = item.split_once('#')?;
        let Some(register) = self.register.as_deref() else {
            if inspection == self.inspection.meta.id {
                return self.inspection.get(id).map(|i| i.id.clone());
            }
            return self
                .elsewhere
                .as_ref()
                .filter(|e| e.items.contains_key(item))
                .map(|_| item.to_owned());
        };
        let r = register
            .reports
            .iter()
            .position(|r| r.review.inspection == inspection)?;
        let joined = crate::tui::register::joined(&register.reports[r].key, id);
        self.inspection.get(&joined).map(|_| joined)
    }

    /// An item a link names, as the detail shows it: its name, title and
    /// status; one of this view's own, or another inspection's.
    pub fn about(&self, id: &str) -> Option<(String, String, crate::model::Status)> {
        match self.inspection.get(id) {
            Some(item) => Some((
                self.shown_id(id).into_owned(),
                item.title.clone(),
                self.review.status(id),
            )),
            None => self.elsewhere.as_ref()?.items.get(id).cloned(),
        }
    }
}

/// The file in the state folder where dismissed suggestions are kept: a
/// line `INSPECTION#ITEM<tab>INSPECTION#ITEM` each, the pair in order.
pub const DISMISSED_FILE: &str = "dismissed-repeats.tsv";

/// The pair as the dismissed file holds it: in order, whichever is asked.
fn pair(a: &str, b: &str) -> (String, String) {
    if a <= b {
        (a.to_owned(), b.to_owned())
    } else {
        (b.to_owned(), a.to_owned())
    }
}

/// The dismissed pairs kept in `file`; none when there is no file or it
/// cannot be read (a convenience: a suggestion then shows again).
pub fn read_dismissed(file: &std::path::Path) -> std::collections::HashSet<(String, String)> {
    crate::files::store::read_regular(file, 16 * 1024 * 1024)
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .map(|text| {
            text.lines()
                .filter_map(|line| line.split_once('\t'))
                .map(|(a, b)| pair(a, b))
                .collect()
        })
        .unwrap_or_default()
}

/// What `A` shows: the items of other reports worded most like one.
#[derive(Debug, Clone, PartialEq)]
pub struct Alike {
    /// Register ids, best first, with the score and the words shared.
    pub found: Vec<(String, f64, Vec<String>)>,
    pub cursor: usize,
}

impl App {
    /// The items of other reports worded like the selected one, found the
    /// first time for every item of the register at once.
    pub(super) fn open_alike(&mut self) {
        if self.register.is_none() {
            self.message = Some(Message::Info(
                "Items worded alike across reports are found in the register (r in the overview)"
                    .into(),
            ));
            return;
        }
        let Some(id) = self.selected_id().map(str::to_owned) else {
            self.message = Some(Message::Info("No item is selected".into()));
            return;
        };
        if self.alike.is_none() {
            self.alike = Some(self.find_alike());
        }
        if self.dismissed.is_none() {
            self.dismissed = Some(
                self.settings
                    .state
                    .as_deref()
                    .map(|dir| read_dismissed(&dir.join(DISMISSED_FILE)))
                    .unwrap_or_default(),
            );
        }
        let found = self.alike_of(&id);
        self.mode = Mode::Alike(Box::new(Alike { found, cursor: 0 }));
    }

    /// Every item's suggestions, by register id.
    fn find_alike(
        &self,
    ) -> std::collections::HashMap<String, Vec<crate::model::similar::Suggestion>> {
        use crate::model::similar::{Group, Options, repeats_in};
        let Some(register) = self.register.as_deref() else {
            return std::collections::HashMap::new();
        };
        let mut groups: Vec<Group<'_>> = register
            .reports
            .iter()
            .map(|r| Group {
                id: &r.key,
                items: Vec::new(),
            })
            .collect();
        for item in &self.inspection.items {
            if let Some((r, _)) = register.split(&item.id) {
                groups[r].items.push(item);
            }
        }
        let options = Options {
            findings: self.all_kinds(),
            top: 5,
            ..Options::default()
        };
        let mut by_item: std::collections::HashMap<String, Vec<_>> =
            std::collections::HashMap::new();
        for suggestion in repeats_in(&groups, &options) {
            by_item
                .entry(suggestion.item.clone())
                .or_default()
                .push(suggestion);
        }
        by_item
    }

    /// `INSPECTION#ITEM` of a register id, as `related:` and the dismissed
    /// file name it.
    fn named(&self, id: &str) -> Option<String> {
        self.register.as_deref()?.named(id)
    }

    /// The suggestions for `id` not dismissed and not linked already
    /// (either way).
    fn alike_of(&self, id: &str) -> Vec<(String, f64, Vec<String>)> {
        let Some(found) = self.alike.as_ref().and_then(|a| a.get(id)) else {
            return Vec::new();
        };
        let me = self.named(id).unwrap_or_default();
        let linked: Vec<String> = self.link_targets().into_iter().flatten().collect();
        found
            .iter()
            .filter(|s| {
                let other = self.named(&s.other_item).unwrap_or_default();
                !linked.contains(&s.other_item)
                    && !self
                        .dismissed
                        .as_ref()
                        .is_some_and(|d| d.contains(&pair(&me, &other)))
            })
            .map(|s| (s.other_item.clone(), s.score, s.shared.clone()))
            .collect()
    }

    /// A key in the list of items worded alike.
    pub(super) fn in_alike(&mut self, action: &Action) -> Option<Vec<Effect>> {
        let Mode::Alike(alike) = &mut self.mode else {
            return None;
        };
        match action {
            Action::MoveDown => {
                alike.cursor = (alike.cursor + 1).min(alike.found.len().saturating_sub(1));
            }
            Action::MoveUp => alike.cursor = alike.cursor.saturating_sub(1),
            Action::Back => self.mode = Mode::Normal,
            Action::Accept | Action::Open => {
                if let Some((target, ..)) = alike.found.get(alike.cursor) {
                    self.mode = Mode::Relation {
                        target: target.clone(),
                    };
                }
            }
            Action::Dismiss => return Some(self.dismiss()),
            _ => {}
        }
        Some(Vec::new())
    }

    /// The highlighted suggestion is not the same matter: it is not shown
    /// again, here or in any later session.
    fn dismiss(&mut self) -> Vec<Effect> {
        let Mode::Alike(alike) = &mut self.mode else {
            return Vec::new();
        };
        if alike.cursor >= alike.found.len() {
            return Vec::new();
        }
        let (other, ..) = alike.found.remove(alike.cursor);
        alike.cursor = alike.cursor.min(alike.found.len().saturating_sub(1));
        let Some(id) = self.selected_id().map(str::to_owned) else {
            return Vec::new();
        };
        let (me, them) = (
            self.named(&id).unwrap_or_default(),
            self.named(&other).unwrap_or_default(),
        );
        let dismissed = self.dismissed.get_or_insert_with(Default::default);
        dismissed.insert(pair(&me, &them));
        let mut lines: Vec<String> = dismissed
            .iter()
            .map(|(a, b)| format!("{a}\t{b}\n"))
            .collect();
        lines.sort();
        let shown = self.shown_id(&other).into_owned();
        if let Some(dir) = self.settings.state.clone() {
            vec![Effect::WriteState {
                path: dir.join(DISMISSED_FILE),
                bytes: lines.concat().into_bytes(),
                what: "the suggestions dismissed (not suggested again)",
            }]
        } else {
            self.message = Some(Message::Info(format!(
                "{shown} dismissed for this session (no state folder to keep it in)"
            )));
            Vec::new()
        }
    }
}

/// What an inspection opened from the overview knows of the others: the
/// items its entries name and the items naming its own, as the overview's
/// register has them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Elsewhere {
    /// By `INSPECTION#ITEM`: the name the lists give it, its title and
    /// status.
    pub items: std::collections::HashMap<String, (String, String, crate::model::Status)>,
    /// By this inspection's item id: the items (as `INSPECTION#ITEM`) whose
    /// entries name it, and how.
    pub incoming:
        std::collections::HashMap<String, Vec<(String, crate::model::tracking::Relation)>>,
}

impl App {
    /// What the register knows, for the inspection `inspection` opened on
    /// its own: the other reports' items linked to or from its items.
    pub fn elsewhere_for(
        &self,
        inspection: &crate::model::Inspection,
        review: &crate::model::Review,
    ) -> Elsewhere {
        let mut out = Elsewhere::default();
        let Some(register) = self.register.as_deref() else {
            return out;
        };
        let own = &inspection.meta.id;
        let tell = |out: &mut Elsewhere, joined: &str| {
            if let (Some(named), Some(about)) = (register.named(joined), self.about(joined)) {
                out.items.insert(named, about);
            }
        };
        for (_, entry) in review.entries() {
            for related in &entry.related {
                if let Some(joined) = self.related_target(&related.item) {
                    tell(&mut out, &joined);
                }
            }
        }
        let prefix = format!("{own}#");
        for (source, entry) in self.review.entries() {
            if source.starts_with(&prefix) {
                continue;
            }
            for related in &entry.related {
                if let Some(item) = related.item.strip_prefix(&prefix)
                    && let Some(named) = register.named(source)
                {
                    tell(&mut out, source);
                    out.incoming
                        .entry(item.to_owned())
                        .or_default()
                        .push((named, related.relation));
                }
            }
        }
        out
    }

    /// The app knowing what `elsewhere` says of the other inspections.
    #[must_use]
    pub fn with_elsewhere(mut self, elsewhere: Elsewhere) -> Self {
        self.elsewhere = Some(Box::new(elsewhere));
        self
    }
}
