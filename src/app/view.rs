//! What the panes show: the items that pass the filters and the search, in
//! the pane's sort order (or ranked by the search).

use std::collections::{BTreeSet, HashMap};

use nucleo_matcher::pattern::{AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

use super::{App, PaneKind};
use crate::model::{Item, Status};

/// How a pane orders its rows; `S` cycles through them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortOrder {
    #[default]
    File,
    Due,
    Status,
}

impl SortOrder {
    #[must_use]
    pub fn next(self) -> Self {
        match self {
            SortOrder::File => SortOrder::Due,
            SortOrder::Due => SortOrder::Status,
            SortOrder::Status => SortOrder::File,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            SortOrder::File => "file order",
            SortOrder::Due => "by due date",
            SortOrder::Status => "by status",
        }
    }
}

/// Filters, combined: an item shows when it passes every one that is set.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Filter {
    /// Statuses to show; empty shows all.
    pub statuses: BTreeSet<StatusKey>,
    pub theme: Option<String>,
    pub directed_to: Option<String>,
    /// Only items past their due date and not complete.
    pub overdue: bool,
}

/// `Status` in a sortable form for the filter set.
pub type StatusKey = usize;

pub fn status_key(status: Status) -> StatusKey {
    Status::ALL.iter().position(|s| *s == status).unwrap_or(0)
}

impl Filter {
    pub fn is_active(&self) -> bool {
        !self.statuses.is_empty()
            || self.theme.is_some()
            || self.directed_to.is_some()
            || self.overdue
    }

    /// The filter in words, for the header.
    pub fn describe(&self) -> Vec<String> {
        let mut parts = Vec::new();
        if !self.statuses.is_empty() {
            let names: Vec<&str> = self
                .statuses
                .iter()
                .map(|k| Status::ALL[*k].label())
                .collect();
            parts.push(format!("status: {}", names.join(" or ")));
        }
        if let Some(theme) = &self.theme {
            parts.push(format!("theme: {theme}"));
        }
        if let Some(body) = &self.directed_to {
            parts.push(format!("directed to: {body}"));
        }
        if self.overdue {
            parts.push("overdue".into());
        }
        parts
    }
}

/// A search, compiled once per keystroke.
struct Search {
    fuzzy: Pattern,
    words: Pattern,
    /// Letters scattered across a title still match a fuzzy pattern, with a
    /// low score; below this they are not shown. Runs of letters score
    /// about 28 a character, scattered ones 12 to 17 (measured on the
    /// example's titles).
    min_fuzzy: u32,
    matcher: std::cell::RefCell<Matcher>,
}

impl Search {
    fn new(query: &str) -> Self {
        Search {
            fuzzy: Pattern::parse(query, CaseMatching::Smart, Normalization::Smart),
            words: Pattern::new(
                query,
                CaseMatching::Smart,
                Normalization::Smart,
                AtomKind::Substring,
            ),
            min_fuzzy: 18
                * u32::try_from(query.chars().filter(|c| !c.is_whitespace()).count())
                    .unwrap_or(u32::MAX / 32),
            matcher: std::cell::RefCell::new(Matcher::new(Config::DEFAULT)),
        }
    }
}

impl App {
    /// Whether `item` passes the filters (not the search).
    pub fn passes(&self, item: &Item) -> bool {
        let f = &self.filter;
        let status = self.review.status(&item.id);
        (f.statuses.is_empty() || f.statuses.contains(&status_key(status)))
            && f.theme
                .as_ref()
                .is_none_or(|t| item.theme.as_ref() == Some(t))
            && f.directed_to
                .as_ref()
                .is_none_or(|d| item.directed_to.contains(d))
            && (!f.overdue || self.is_overdue(item))
    }

    /// Past its due date and not complete.
    pub fn is_overdue(&self, item: &Item) -> bool {
        item.due.is_some_and(|due| due < self.today)
            && self.review.status(&item.id) != Status::Complete
    }

    /// How well `item` matches the search, if at all. Short fields (id,
    /// title, theme, tags, bodies, owner) match fuzzily; long ones (the
    /// report's text, the note) must contain the words, since scattered
    /// letters match almost any paragraph.
    fn search_score(&self, item: &Item, search: &Search, buf: &mut Vec<char>) -> Option<u32> {
        let mut matcher = search.matcher.borrow_mut();
        let mut best: Option<u32> = None;
        let mut consider = |score: Option<u32>| {
            if let Some(score) = score {
                best = Some(best.map_or(score, |b| b.max(score)));
            }
        };
        let entry = self.review.entry(&item.id);
        let short = [
            Some(item.id.as_str()),
            Some(item.title.as_str()),
            item.theme.as_deref(),
        ]
        .into_iter()
        .flatten()
        .chain(item.tags.iter().map(String::as_str))
        .chain(item.directed_to.iter().map(String::as_str))
        .chain(entry.and_then(|e| e.owner.as_deref()));
        for field in short {
            let score = search.fuzzy.score(Utf32Str::new(field, buf), &mut matcher);
            consider(score.filter(|s| *s >= search.min_fuzzy));
        }
        let long = [item.text.as_deref(), entry.and_then(|e| e.note.as_deref())];
        for field in long.into_iter().flatten() {
            consider(search.words.score(Utf32Str::new(field, buf), &mut matcher));
        }
        best
    }

    /// Recompute every pane's rows after the filter, search, sort or the
    /// review changed, keeping each pane's selected item where it can.
    pub fn refresh_rows(&mut self) {
        let query = self.search.trim().to_owned();
        let pattern = (!query.is_empty()).then(|| Search::new(&query));
        let mut buf = Vec::new();
        let mut highlights = HashMap::new();
        let mut panes = std::mem::take(&mut self.panes);
        for pane in &mut panes {
            let keep = pane.selected_id().map(str::to_owned);
            let was_at = pane.selected;
            let mut rows: Vec<(String, u32)> = Vec::with_capacity(pane.all.len());
            for id in &pane.all {
                let Some(item) = self.inspection.get(id) else {
                    // Orphans have no item: they show unless a search or
                    // filter asks for something they cannot have.
                    if pattern.is_none() && !self.filter.is_active() {
                        rows.push((id.clone(), 0));
                    }
                    continue;
                };
                if !self.passes(item) {
                    continue;
                }
                let score = match &pattern {
                    None => 0,
                    Some(search) => {
                        let Some(score) = self.search_score(item, search, &mut buf) else {
                            continue;
                        };
                        let mut indices = Vec::new();
                        if search
                            .fuzzy
                            .indices(
                                Utf32Str::new(&item.title, &mut buf),
                                &mut search.matcher.borrow_mut(),
                                &mut indices,
                            )
                            .is_some()
                        {
                            indices.sort_unstable();
                            indices.dedup();
                            highlights.insert(id.clone(), indices);
                        }
                        score
                    }
                };
                rows.push((id.clone(), score));
            }
            if pattern.is_some() {
                // Best match first; ties keep the pane's order.
                rows.sort_by_key(|row| std::cmp::Reverse(row.1));
            } else {
                self.sort_rows(pane.kind, pane.sort, &mut rows);
            }
            pane.ids = rows.into_iter().map(|(id, _)| id).collect();
            // The same item if it is still shown, else the one now in its place.
            pane.selected = keep
                .and_then(|id| pane.ids.iter().position(|i| *i == id))
                .unwrap_or(was_at)
                .min(pane.ids.len().saturating_sub(1));
        }
        self.panes = panes;
        self.highlights = highlights;
    }

    fn sort_rows(&self, kind: PaneKind, order: SortOrder, rows: &mut [(String, u32)]) {
        if kind == PaneKind::Orphans {
            return;
        }
        match order {
            SortOrder::File => {}
            SortOrder::Due => rows.sort_by_key(|(id, _)| {
                let due = self.inspection.get(id).and_then(|i| i.due);
                (due.is_none(), due)
            }),
            SortOrder::Status => rows.sort_by_key(|(id, _)| status_key(self.review.status(id))),
        }
    }

    /// Themes and bodies that items name, for the filter picker.
    pub fn themes(&self) -> Vec<String> {
        let set: BTreeSet<&String> = self
            .inspection
            .items
            .iter()
            .filter_map(|i| i.theme.as_ref())
            .collect();
        set.into_iter().cloned().collect()
    }

    pub fn bodies(&self) -> Vec<String> {
        let set: BTreeSet<&String> = self
            .inspection
            .items
            .iter()
            .flat_map(|i| &i.directed_to)
            .collect();
        set.into_iter().cloned().collect()
    }
}
