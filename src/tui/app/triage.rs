//! Finding and narrowing: search, filters, sorting, marks, links, mouse.

use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};

use super::{App, Effect, Message, Mode, status_key};
use crate::model::Status;
use crate::tui::app::Action;

/// The rows of the filter picker, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilterRow {
    Status(Status),
    Theme,
    DirectedTo,
    Overdue,
    ResponseNeeded,
    Conflicts,
    Owner,
    Rag(crate::model::tracking::Rag),
    SignedOff,
    AwaitingSignOff,
    Slipped,
    DueSoon,
    Clear,
}

impl FilterRow {
    pub fn all() -> Vec<FilterRow> {
        let mut rows: Vec<FilterRow> = Status::ALL.into_iter().map(FilterRow::Status).collect();
        rows.extend([
            FilterRow::Theme,
            FilterRow::DirectedTo,
            FilterRow::Overdue,
            FilterRow::ResponseNeeded,
            FilterRow::Conflicts,
            FilterRow::Owner,
        ]);
        rows.extend(crate::model::tracking::Rag::ALL.map(FilterRow::Rag));
        rows.extend([
            FilterRow::SignedOff,
            FilterRow::AwaitingSignOff,
            FilterRow::Slipped,
            FilterRow::DueSoon,
            FilterRow::Clear,
        ]);
        rows
    }
}

/// The list of one filter row's values, open over the filter picker:
/// "(any)" first, then every value in use that holds what is typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pick {
    /// The row whose value is chosen: Theme, Directed to or Owner.
    pub row: FilterRow,
    /// The filter picker's highlighted row, to go back to.
    pub at: usize,
    /// Every value in use, in order.
    pub values: Vec<String>,
    /// What is typed to narrow the list.
    pub query: String,
    /// The highlighted entry of `shown()`: 0 is "(any)".
    pub cursor: usize,
}

impl Pick {
    /// What the list shows: `None` for "(any)", then each value that holds
    /// the typed text, case aside.
    pub fn shown(&self) -> Vec<Option<&str>> {
        let query = self.query.to_lowercase();
        std::iter::once(None)
            .chain(
                self.values
                    .iter()
                    .filter(|v| v.to_lowercase().contains(&query))
                    .map(|v| Some(v.as_str())),
            )
            .collect()
    }

    /// The row's name, as the picker and its messages give it.
    pub fn label(&self) -> &'static str {
        match self.row {
            FilterRow::Theme => "Theme",
            FilterRow::DirectedTo => "Directed to",
            _ => "Owner",
        }
    }

    /// What is said when no item gives the row a value.
    pub fn none_in_use(&self) -> &'static str {
        match self.row {
            FilterRow::Theme => "No item has a theme",
            FilterRow::DirectedTo => "No item is directed to anyone",
            _ => "No owner is set on any item yet",
        }
    }
}

impl App {
    /// Help and the filter picker move their own cursor with j/k.
    pub(super) fn in_overlay_list(&self) -> bool {
        matches!(self.mode, Mode::Help | Mode::FilterMenu { .. })
    }

    /// The value filtered on for a row that has a list of values.
    fn picked(&mut self, row: FilterRow) -> Option<&mut Option<String>> {
        match row {
            FilterRow::Theme => Some(&mut self.filter.theme),
            FilterRow::DirectedTo => Some(&mut self.filter.directed_to),
            FilterRow::Owner => Some(&mut self.filter.owner),
            _ => None,
        }
    }

    /// Open the list of a row's values, the one filtered on highlighted.
    fn open_pick(&mut self, row: FilterRow, at: usize) {
        let values = match row {
            FilterRow::Theme => self.themes(),
            FilterRow::DirectedTo => self.bodies(),
            _ => self.owners(),
        };
        let current = self.picked(row).and_then(|v| v.clone());
        let cursor = current
            .and_then(|c| values.iter().position(|v| *v == c))
            .map_or(0, |i| i + 1);
        self.mode = Mode::Pick(Box::new(Pick {
            row,
            at,
            values,
            query: String::new(),
            cursor,
        }));
    }

    /// A key in the list of values: move, choose, or go back.
    pub(super) fn in_pick(&mut self, action: &Action) {
        let Mode::Pick(pick) = &mut self.mode else {
            return;
        };
        let last = pick.shown().len() - 1;
        match action {
            Action::MoveDown => pick.cursor = (pick.cursor + 1).min(last),
            Action::MoveUp => pick.cursor = pick.cursor.saturating_sub(1),
            Action::Top => pick.cursor = 0,
            Action::Bottom => pick.cursor = last,
            Action::Back => self.mode = Mode::FilterMenu { cursor: pick.at },
            Action::Accept => {
                let chosen = pick.shown()[pick.cursor.min(last)].map(str::to_owned);
                let (row, at) = (pick.row, pick.at);
                self.mode = Mode::FilterMenu { cursor: at };
                if let Some(value) = self.picked(row) {
                    *value = chosen;
                }
                self.refresh_rows();
                if matches!(row, FilterRow::Theme) {
                    self.say_what_a_theme_hides();
                }
            }
            _ => {}
        }
    }

    /// Text typed into the list of values narrows it; the first value that
    /// holds it is highlighted.
    pub(super) fn pick_typed(&mut self, edit: impl FnOnce(&mut String)) {
        let Mode::Pick(pick) = &mut self.mode else {
            return;
        };
        let before = pick.query.clone();
        edit(&mut pick.query);
        if pick.query != before {
            pick.cursor = usize::from(pick.shown().len() > 1);
        }
    }

    pub(super) fn move_in_overlay(&mut self, action: &Action) {
        match (&mut self.mode, action) {
            (Mode::Help, Action::MoveDown) => self.help_scroll = self.help_scroll.saturating_add(1),
            (Mode::Help, Action::MoveUp) => self.help_scroll = self.help_scroll.saturating_sub(1),
            (Mode::FilterMenu { cursor }, Action::MoveDown) => {
                *cursor = (*cursor + 1).min(FilterRow::all().len() - 1);
            }
            (Mode::FilterMenu { cursor }, Action::MoveUp) => *cursor = cursor.saturating_sub(1),
            (Mode::FilterMenu { cursor }, Action::Toggle) => {
                let at = *cursor;
                match FilterRow::all()[at] {
                    row @ (FilterRow::Theme | FilterRow::DirectedTo | FilterRow::Owner) => {
                        self.open_pick(row, at);
                    }
                    row => self.toggle_filter(row),
                }
            }
            _ => {}
        }
    }

    fn toggle_filter(&mut self, row: FilterRow) {
        match row {
            FilterRow::Status(status) => {
                let key = status_key(status);
                if !self.filter.statuses.remove(&key) {
                    self.filter.statuses.insert(key);
                }
            }
            FilterRow::Overdue => self.filter.overdue = !self.filter.overdue,
            FilterRow::ResponseNeeded => self.filter.response_needed = !self.filter.response_needed,
            FilterRow::Conflicts => self.filter.conflicts = !self.filter.conflicts,
            FilterRow::Rag(rag) => {
                if !self.filter.rags.remove(&rag) {
                    self.filter.rags.insert(rag);
                }
            }
            FilterRow::SignedOff => self.filter.signed_off = !self.filter.signed_off,
            FilterRow::AwaitingSignOff => {
                self.filter.awaiting_sign_off = !self.filter.awaiting_sign_off;
            }
            FilterRow::Slipped => self.filter.slipped = !self.filter.slipped,
            FilterRow::DueSoon => self.filter.due_soon = !self.filter.due_soon,
            FilterRow::Clear => self.filter = super::Filter::default(),
            // Opened as a list of values instead (`open_pick`).
            FilterRow::Theme | FilterRow::DirectedTo | FilterRow::Owner => {}
        }
        self.refresh_rows();
    }

    /// A theme set on findings alone hides every recommendation: said, so
    /// an empty pane is not taken for none being there.
    fn say_what_a_theme_hides(&mut self) {
        let Some(theme) = &self.filter.theme else {
            return;
        };
        let emptied: Vec<&str> = self
            .panes
            .iter()
            .filter(|p| matches!(p.kind, super::PaneKind::Items(_)))
            .filter(|p| p.count() > 0 && p.is_empty())
            .map(|p| p.kind.title())
            .collect();
        if !emptied.is_empty() {
            self.message = Some(Message::Info(format!(
                "None of the {} has the theme {}: they are hidden while it is set",
                emptied.join(" or ").to_lowercase(),
                crate::text::field_line(theme)
            )));
        }
    }

    pub(super) fn toggle_unreviewed(&mut self) {
        let only = [status_key(Status::Unreviewed)].into_iter().collect();
        if self.filter.statuses == only {
            self.filter.statuses.clear();
            self.message = Some(Message::Info("Showing every status".into()));
        } else {
            self.filter.statuses = only;
            self.message = Some(Message::Info("Showing unreviewed items only".into()));
        }
        self.refresh_rows();
    }

    pub(super) fn open_search(&mut self) {
        let editor = super::update::hinted_editor(
            self.search.text.clone(),
            format!(
                "type to search ids, titles, text, themes, tags, notes{}",
                self.glyphs().ellipsis
            ),
        );
        self.mode = Mode::Search { editor };
    }

    /// `n`/`N`: the next or previous shown item, across panes.
    pub(super) fn step_match(&mut self, forward: bool) {
        let count = self.panes.len();
        if count == 0 {
            return;
        }
        let pane = &mut self.panes[self.focus];
        if forward && pane.selected + 1 < pane.len() {
            pane.selected += 1;
        } else if !forward && pane.selected > 0 && !pane.is_empty() {
            pane.selected -= 1;
        } else {
            // On to the next pane that shows anything, wrapping round.
            for step in 1..=count {
                let i = if forward {
                    (self.focus + step) % count
                } else {
                    (self.focus + count - step) % count
                };
                if !self.panes[i].is_empty() {
                    self.focus = i;
                    let p = &mut self.panes[i];
                    p.selected = if forward { 0 } else { p.len() - 1 };
                    break;
                }
            }
        }
    }

    /// The focused pane's order turned round.
    pub(super) fn reverse_sort(&mut self) {
        if let Some(pane) = self.panes.get_mut(self.focus) {
            pane.reversed = !pane.reversed;
            let label = pane.sort.label_in(self.register.is_some());
            let way = if pane.reversed { ", reversed" } else { "" };
            self.message = Some(Message::Info(format!(
                "{}: {label}{way}",
                pane.kind.title()
            )));
        }
        self.refresh_rows();
    }

    pub(super) fn cycle_sort(&mut self) {
        if let Some(pane) = self.panes.get_mut(self.focus) {
            pane.sort = pane.sort.next();
            let label = pane.sort.label_in(self.register.is_some());
            self.message = Some(Message::Info(format!("{}: {label}", pane.kind.title())));
        }
        self.refresh_rows();
    }

    pub(super) fn mark(&mut self) {
        if let Some(id) = self.selected_id().map(str::to_owned) {
            if !self.marks.remove(&id) {
                self.marks.insert(id);
            }
            self.update(Action::MoveDown);
        }
    }

    /// `V`: mark what the focused pane shows; again, what every pane
    /// shows; once all of that is marked, clear the marks.
    pub(super) fn mark_all(&mut self) {
        let here: Vec<String> = self
            .panes
            .get(self.focus)
            .map(|p| p.ids(&self.inspection.items).map(str::to_owned).collect())
            .unwrap_or_default();
        let everywhere: Vec<String> = self
            .panes
            .iter()
            .flat_map(|p| p.ids(&self.inspection.items).map(str::to_owned))
            .collect();
        let key = |action| self.settings.keys.hint(super::ModeKind::Normal, action);
        let (ids, said) = if everywhere.is_empty() {
            self.message = Some(Message::Info("Nothing is shown to mark".into()));
            return;
        } else if !here.iter().all(|id| self.marks.contains(id)) {
            let pane = self.panes[self.focus].kind.title().to_lowercase();
            let n = here.len();
            (
                here,
                format!(
                    "{n} shown {pane} marked ({} again: every pane's)",
                    key(&Action::MarkAll)
                ),
            )
        } else if !everywhere.iter().all(|id| self.marks.contains(id)) {
            let n = everywhere.len();
            (everywhere, format!("{n} shown items marked, in every pane"))
        } else {
            self.clear_marks();
            return;
        };
        self.marks.extend(ids);
        self.message = Some(Message::Info(format!(
            "{said}; status keys, {} and {} apply to all {} marked",
            key(&Action::EditOwner),
            key(&Action::AppendNote),
            self.marks.len()
        )));
    }

    pub(super) fn clear_marks(&mut self) {
        if !self.marks.is_empty() {
            self.marks.clear();
            self.message = Some(Message::Info("Marks cleared".into()));
        }
    }

    /// Every filter and the search off at once.
    pub(super) fn clear_view(&mut self) {
        let had = self.filter.is_active() || !self.search.text.is_empty();
        self.filter = super::Filter::default();
        self.search.text.clear();
        self.refresh_rows();
        self.message = Some(Message::Info(
            if had {
                "Filters and search cleared: everything is shown"
            } else {
                "Nothing was filtered"
            }
            .into(),
        ));
    }

    /// The next item, after the selected one and round, with a conflict
    /// to settle, shown or not: filters that hide it are cleared.
    pub(super) fn next_conflict(&mut self) {
        let ids: Vec<&str> = self
            .inspection
            .items
            .iter()
            .map(|i| i.id.as_str())
            .collect();
        let at = self
            .selected_id()
            .and_then(|id| ids.iter().position(|i| *i == id))
            .map_or(0, |p| p + 1);
        let conflicted = |id: &&str| self.review.entry(id).is_some_and(|e| e.conflict.is_some());
        let Some(id) = ids[at.min(ids.len())..]
            .iter()
            .chain(&ids[..at.min(ids.len())])
            .find(|id| conflicted(id))
            .map(|id| (*id).to_owned())
        else {
            self.message = Some(Message::Info("No conflict to settle".into()));
            return;
        };
        self.message = None;
        self.reveal(&id);
        if self.message.is_none() {
            self.message = Some(Message::Info(format!(
                "Conflict: {}",
                crate::text::field_line(&id)
            )));
        }
    }

    /// `Esc` in the lists: clear the marks first, then a kept search.
    pub(super) fn escape(&mut self) {
        if !self.marks.is_empty() {
            self.clear_marks();
        } else if !self.search.text.is_empty() {
            self.search.text.clear();
            self.refresh_rows();
            self.message = Some(Message::Info("Search cleared".into()));
        }
    }

    /// Where each link of the selected item goes, in the order the detail
    /// shows them: its links within the report, then the items its entry
    /// says it is related to, then those whose entries say they are related
    /// to it. `None`: an item not among those open.
    pub fn link_targets(&self) -> Vec<Option<String>> {
        let Some(item) = self.selected_item() else {
            return Vec::new();
        };
        let mut targets: Vec<Option<String>> =
            item.links.iter().map(|l| Some(l.to_owned())).collect();
        if let Some(entry) = self.review.entry(&item.id) {
            for related in &entry.related {
                targets.push(self.related_target(&related.item));
            }
        }
        targets.extend(
            self.linked_from(&item.id)
                .into_iter()
                .map(|(source, _)| Some(source)),
        );
        targets
    }

    /// How many links the selected item has, as `link_targets` lists
    /// them, without making the list (an item may have tens of thousands).
    fn link_count(&self) -> usize {
        let Some(item) = self.selected_item() else {
            return 0;
        };
        let related = self.review.entry(&item.id).map_or(0, |e| e.related.len());
        item.links.len() + related + self.linked_from(&item.id).len()
    }

    /// Where link `i` of the selected item goes (`Some(None)`: an item not
    /// open), as `link_targets` would list it.
    #[allow(
        clippy::option_option,
        reason = "no link there, or a link to an item not open"
    )]
    fn link_target(&self, i: usize) -> Option<Option<String>> {
        let item = self.selected_item()?;
        if let Some(link) = item.links.get(i) {
            return Some(Some(link.to_owned()));
        }
        self.link_targets().into_iter().nth(i)
    }

    pub(super) fn step_link(&mut self, forward: bool) {
        let Some(count) = Some(self.link_count()).filter(|n| *n > 0) else {
            self.message = Some(Message::Info("This item has no links".into()));
            return;
        };
        self.links.chosen = Some(match (self.links.chosen, forward) {
            (None, true) => 0,
            (None, false) => count - 1,
            (Some(i), true) => (i + 1) % count,
            (Some(i), false) => (i + count - 1) % count,
        });
    }

    pub(super) fn follow_link(&mut self) -> Vec<Effect> {
        let Some(target) = self.links.chosen.and_then(|i| self.link_target(i)) else {
            return Vec::new();
        };
        let Some(target) = target else {
            self.message = Some(Message::Info(
                "That item is not among the inspections open: it is kept as named".into(),
            ));
            return Vec::new();
        };
        if self
            .hidden_panes
            .iter()
            .any(|p| p.holds(&target, &self.inspection.items))
        {
            self.go_to(&target);
        }
        if self.inspection.get(&target).is_none() {
            // Another inspection's item: the overview opens it there, once
            // this one's changes are on disk.
            if self.save.unsaved {
                self.message = Some(Message::Error(
                    "Your last change is not saved yet: it must be before another inspection opens"
                        .into(),
                ));
                return Vec::new();
            }
            return vec![Effect::Follow(target)];
        }
        let Some(from) = self.selected_id().map(str::to_owned) else {
            self.reveal(&target);
            return Vec::new();
        };
        let before = (self.filter.clone(), self.search.text.clone());
        self.reveal(&target);
        let cleared = (before.0 != self.filter || before.1 != self.search.text).then_some(before);
        self.links.jumps.push(from);
        self.links.cleared.push(cleared);
        Vec::new()
    }

    pub(super) fn jump_back(&mut self) {
        let Some(id) = self.links.jumps.pop() else {
            self.message = Some(Message::Info("No earlier place to go back to".into()));
            return;
        };
        if let Some(Some((filter, search))) = self.links.cleared.pop() {
            self.filter = filter;
            self.search.text = search;
            self.refresh_rows();
            // At once, however large: the place is found among these rows.
            if self.search.matching.is_some() {
                self.finish_work();
            }
            self.message = Some(Message::Info(
                "Back, with the filters and search as they were".into(),
            ));
        }
        self.reveal(&id);
    }

    /// Select `id` in its pane, clearing the search and filters if they
    /// hide it.
    pub(super) fn reveal(&mut self, id: &str) {
        let Some(pane) = self
            .panes
            .iter()
            .position(|p| p.holds(id, &self.inspection.items))
        else {
            self.message = Some(Message::Error(format!("No item {id} in this inspection")));
            return;
        };
        if self.panes[pane]
            .row_of(id, &self.inspection.items)
            .is_none()
        {
            self.search.text.clear();
            self.filter = super::Filter::default();
            self.refresh_rows();
            self.message = Some(Message::Info(format!(
                "Search and filters cleared to show {id}"
            )));
        }
        self.focus = pane;
        let p = &mut self.panes[pane];
        p.selected = p.row_of(id, &self.inspection.items).unwrap_or(0);
    }

    pub(super) fn mouse(&mut self, event: MouseEvent) {
        if self.in_scrolled_view() {
            // The wheel scrolls the summary, a history, the details.
            match event.kind {
                MouseEventKind::ScrollDown => self.view_scroll = self.view_scroll.saturating_add(3),
                MouseEventKind::ScrollUp => self.view_scroll = self.view_scroll.saturating_sub(3),
                _ => {}
            }
            return;
        }
        if !matches!(self.mode, Mode::Normal) {
            return;
        }
        let layout = self.layout.clone();
        let inside = |r: ratatui::layout::Rect| {
            event.column >= r.x
                && event.column < r.x + r.width
                && event.row >= r.y
                && event.row < r.y + r.height
        };
        let pane_at = layout.panes.iter().find(|(_, r)| {
            // The border counts: a click on a pane's title focuses it.
            let outer = ratatui::layout::Rect {
                x: r.x.saturating_sub(1),
                y: r.y.saturating_sub(1),
                width: r.width + 2,
                height: r.height + 2,
            };
            inside(outer)
        });
        match event.kind {
            MouseEventKind::Down(MouseButton::Left) => {
                if let Some(&(index, rect)) = pane_at {
                    self.focus = index;
                    if inside(rect) {
                        let pane = &mut self.panes[index];
                        let row = pane.offset() + usize::from(event.row - rect.y);
                        if row < pane.len() {
                            pane.selected = row;
                        }
                    }
                } else if let Some(&(_, link)) =
                    layout.link_rows.iter().find(|(row, _)| *row == event.row)
                    && inside(layout.detail)
                {
                    self.links.chosen = Some(link);
                    if !self.follow_link().is_empty() {
                        self.message = Some(Message::Info(
                            "That item is another inspection's: Enter opens it there".into(),
                        ));
                    }
                }
            }
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
                let down = event.kind == MouseEventKind::ScrollDown;
                if let Some(&(index, _)) = pane_at {
                    self.focus = index;
                    let action = if down {
                        Action::MoveDown
                    } else {
                        Action::MoveUp
                    };
                    for _ in 0..3 {
                        self.update(action);
                    }
                } else if inside(layout.detail) {
                    self.update(if down {
                        Action::DetailDown
                    } else {
                        Action::DetailUp
                    });
                }
            }
            _ => {}
        }
    }
}
