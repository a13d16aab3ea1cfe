//! What the panes show: the items that pass the filters and the search, in
//! the pane's sort order (or ranked by the search).

use std::collections::BTreeSet;

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
    /// By owner's name, the items nobody owns last.
    Owner,
    /// The item changed last first, those never changed last.
    Updated,
}

impl SortOrder {
    #[must_use]
    pub fn next(self) -> Self {
        match self {
            SortOrder::File => SortOrder::Due,
            SortOrder::Due => SortOrder::Status,
            SortOrder::Status => SortOrder::Owner,
            SortOrder::Owner => SortOrder::Updated,
            SortOrder::Updated => SortOrder::File,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            SortOrder::File => "file order",
            SortOrder::Due => "by due date",
            SortOrder::Status => "by status",
            SortOrder::Owner => "by owner",
            SortOrder::Updated => "by last update",
        }
    }

    /// The order in words: in the register, file order is the reports'.
    pub fn label_in(self, register: bool) -> &'static str {
        match self {
            SortOrder::File if register => "by report",
            sort => sort.label(),
        }
    }

    /// Whether the order changes as the review does.
    pub fn follows_review(self) -> bool {
        matches!(
            self,
            SortOrder::Status | SortOrder::Owner | SortOrder::Updated
        )
    }
}

/// Filters, combined: an item shows when it passes every one that is set.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[allow(
    clippy::struct_excessive_bools,
    reason = "each filter is a toggle of its own, on or off"
)]
pub struct Filter {
    /// Statuses to show; empty shows all.
    pub statuses: BTreeSet<StatusKey>,
    pub theme: Option<String>,
    pub directed_to: Option<String>,
    /// Only items past their due date and not complete.
    pub overdue: bool,
    /// Only recommendations and areas for improvement without a response
    /// (a note) yet.
    pub response_needed: bool,
    /// Only items with a conflict to settle.
    pub conflicts: bool,
    pub owner: Option<String>,
    /// RAG ratings to show; empty shows all.
    pub rags: BTreeSet<crate::model::tracking::Rag>,
    /// Only items signed off.
    pub signed_off: bool,
    /// Only complete items not yet signed off.
    pub awaiting_sign_off: bool,
    /// Only items whose due date was revised at least once.
    pub slipped: bool,
    /// Only open items due within the days that count as soon (or past).
    pub due_soon: bool,
}

/// `Status` in a sortable form for the filter set.
pub type StatusKey = usize;

pub fn status_key(status: Status) -> StatusKey {
    Status::ALL.iter().position(|s| *s == status).unwrap_or(0)
}

impl Filter {
    /// Whether any filter is set: a new one counts without a line here.
    pub fn is_active(&self) -> bool {
        *self != Filter::default()
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
            parts.push(format!("theme: {}", crate::text::field_line(theme)));
        }
        if let Some(body) = &self.directed_to {
            parts.push(format!("directed to: {}", crate::text::field_line(body)));
        }
        if self.overdue {
            parts.push("overdue".into());
        }
        if self.response_needed {
            parts.push("response needed".into());
        }
        if self.conflicts {
            parts.push("conflicts".into());
        }
        if let Some(owner) = &self.owner {
            parts.push(format!("owner: {}", crate::text::field_line(owner)));
        }
        if !self.rags.is_empty() {
            let names: Vec<&str> = self.rags.iter().map(|r| r.label()).collect();
            parts.push(format!("RAG: {}", names.join(" or ")));
        }
        if self.signed_off {
            parts.push("signed off".into());
        }
        if self.awaiting_sign_off {
            parts.push("awaiting sign-off".into());
        }
        if self.slipped {
            parts.push("slipped".into());
        }
        if self.due_soon {
            parts.push("due soon".into());
        }
        parts
    }
}

/// A search, compiled once per keystroke.
pub struct Search {
    /// Phrases in double quotes: each must stand in the item as written
    /// (whatever its case), spaces and all. Lower-cased.
    phrases: Vec<String>,
    /// Whether anything is searched for beside the phrases.
    rest: bool,
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
    pub(super) fn new(query: &str) -> Self {
        let (phrases, query) = phrases(query);
        let query = query.as_str();
        Search {
            rest: !query.trim().is_empty(),
            phrases,
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

/// The phrases a query puts in double quotes (lower-cased), and the rest
/// of it. A quote left open runs to the end.
fn phrases(query: &str) -> (Vec<String>, String) {
    let mut phrases = Vec::new();
    let mut rest = String::new();
    let mut parts = query.split('"');
    if let Some(first) = parts.next() {
        rest.push_str(first);
    }
    for (i, part) in parts.enumerate() {
        if i % 2 == 0 {
            if !part.trim().is_empty() {
                phrases.push(part.to_lowercase());
            }
        } else {
            rest.push(' ');
            rest.push_str(part);
        }
    }
    (phrases, rest)
}

/// `text` as the matcher takes it, a character at a time. (Its own
/// conversion goes by grapheme clusters, which for a page of text with one
/// curly quote costs more than all the matching; highlights are drawn a
/// character at a time anyway.)
fn utf32<'a>(text: &'a str, buf: &'a mut Vec<char>) -> Utf32Str<'a> {
    if text.is_ascii() {
        Utf32Str::Ascii(text.as_bytes())
    } else {
        buf.clear();
        buf.extend(text.chars());
        Utf32Str::Unicode(buf)
    }
}

/// A text that is not ASCII is searched this many bytes at a time (to
/// the next space, which it takes), so the characters the matcher takes
/// are a piece's, not four bytes for every character of the whole text.
const PIECE: usize = 64 * 1024;

/// How well `text` holds the words of `pattern`: as the matcher scores the
/// whole text, but a piece at a time when it is not ASCII. Every word
/// (atom) must be in some piece, and scores its best; a word marked not to
/// be there must be in none. Pieces end after a space, and no word holds
/// one.
fn words_score(
    pattern: &Pattern,
    text: &str,
    buf: &mut Vec<char>,
    matcher: &mut Matcher,
) -> Option<u32> {
    if text.is_ascii() {
        return pattern.score(Utf32Str::Ascii(text.as_bytes()), matcher);
    }
    let mut best: Vec<Option<u16>> = vec![None; pattern.atoms.len()];
    let mut rest = text;
    while !rest.is_empty() {
        let mut end = rest.len().min(PIECE);
        while !rest.is_char_boundary(end) {
            end += 1;
        }
        end = rest[end..]
            .find(char::is_whitespace)
            .map_or(rest.len(), |at| end + at + 1);
        buf.clear();
        buf.extend(rest[..end].chars());
        // The matcher never finds a word that is the last thing in a
        // haystack that is not ASCII ("été end" has no "end"): a space
        // after the piece lets it.
        buf.push(' ');
        let piece = Utf32Str::Unicode(buf);
        for (atom, best) in pattern.atoms.iter().zip(&mut best) {
            match atom.score(piece, matcher) {
                // A word that must not be there is.
                None if atom.negative => return None,
                Some(score) => *best = Some(best.map_or(score, |b| b.max(score))),
                None => {}
            }
        }
        rest = &rest[end..];
    }
    best.into_iter().map(|score| score.map(u32::from)).sum()
}

/// Inspections up to this many items are searched at once, on the
/// keystroke; larger ones a slice at a time between keystrokes and frames,
/// so typing never waits for the whole inspection.
pub const SEARCH_AT_ONCE: usize = 500;

/// Items searched in one slice of a large inspection: about 1.5 ms of
/// items with a page of text each (`cargo bench --bench register --
/// search_slice`), the most a key pressed meanwhile waits.
pub const SEARCH_SLICE: usize = 200;

/// A search still going through the panes' items.
pub struct Matching {
    search: Search,
    /// The pane and the place in its `all` reached so far.
    pane: usize,
    at: usize,
    /// Rows found, by pane: where in `all`, and how well it matched.
    found: Vec<Vec<(usize, u32)>>,
    /// Items searched so far, and in all.
    pub done: usize,
    pub total: usize,
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
            && (!f.response_needed || self.needs_response(item))
            && (!f.conflicts
                || self
                    .review
                    .entry(&item.id)
                    .is_some_and(|e| e.conflict.is_some()))
            && f.owner.as_ref().is_none_or(|o| {
                self.review.entry(&item.id).and_then(|e| e.owner.as_ref()) == Some(o)
            })
            && self.passes_tracking(item)
    }

    /// Whether `item` passes the tracking filters: RAG, sign-off, slipped,
    /// due soon.
    fn passes_tracking(&self, item: &Item) -> bool {
        let f = &self.filter;
        let entry = self.review.entry(&item.id);
        let signed = entry.is_some_and(|e| e.signed_off.is_some());
        (f.rags.is_empty()
            || entry
                .and_then(|e| e.rag)
                .is_some_and(|r| f.rags.contains(&r)))
            && (!f.signed_off || signed)
            && (!f.awaiting_sign_off
                || (!signed && self.review.status(&item.id) == Status::Complete))
            && (!f.slipped
                || entry.is_some_and(|e| {
                    e.due.is_some() || e.history.iter().any(|ev| ev.change.due.is_some())
                }))
            && (!f.due_soon
                || (self.review.status(&item.id).is_open()
                    && self.review.due_of(item).is_some_and(|due| {
                        crate::model::deadline::days_left(due, self.settings.today)
                            <= self.settings.keys.due_soon_days()
                    })))
    }

    /// A recommendation or area for improvement with no response (note).
    pub fn needs_response(&self, item: &Item) -> bool {
        matches!(
            item.kind,
            crate::model::Kind::Recommendation | crate::model::Kind::AreaForImprovement
        ) && self
            .review
            .entry(&item.id)
            .and_then(|e| e.note.as_ref())
            .is_none_or(|n| n.trim().is_empty())
    }

    /// Past its due date and not complete.
    pub fn is_overdue(&self, item: &Item) -> bool {
        crate::model::summary::is_overdue(
            self.review.due_of(item),
            self.review.status(&item.id),
            self.settings.today,
        )
    }

    /// How well `item` matches the search, if at all. Short fields (id,
    /// title, theme, tags, bodies, owner) match fuzzily; long ones (the
    /// report's text, the note) must contain the words, since scattered
    /// letters match almost any paragraph.
    fn search_score(&self, item: &Item, search: &Search, buf: &mut Vec<char>) -> Option<u32> {
        let entry = self.review.entry(&item.id);
        if !search.phrases.is_empty() {
            let fields = [
                Some(item.id.as_str()),
                Some(item.title.as_str()),
                item.theme.as_deref(),
                item.text.as_deref(),
                entry.and_then(|e| e.owner.as_deref()),
                entry.and_then(|e| e.note.as_deref()),
            ];
            let lower: Vec<String> = fields
                .into_iter()
                .flatten()
                .map(str::to_lowercase)
                .collect();
            let all = search
                .phrases
                .iter()
                .all(|p| lower.iter().any(|f| f.contains(p.as_str())));
            if !all {
                return None;
            }
            if !search.rest {
                return Some(1);
            }
        }
        let mut matcher = search.matcher.borrow_mut();
        let mut best: Option<u32> = None;
        let mut consider = |score: Option<u32>| {
            if let Some(score) = score {
                best = Some(best.map_or(score, |b| b.max(score)));
            }
        };
        let short = [
            Some(item.id.as_str()),
            Some(item.title.as_str()),
            item.theme.as_deref(),
        ]
        .into_iter()
        .flatten()
        .chain(item.tags.iter())
        .chain(item.directed_to.iter())
        .chain(entry.and_then(|e| e.owner.as_deref()));
        for field in short {
            let score = search.fuzzy.score(utf32(field, buf), &mut matcher);
            consider(score.filter(|s| *s >= search.min_fuzzy));
        }
        let long = [item.text.as_deref(), entry.and_then(|e| e.note.as_deref())];
        for field in long.into_iter().flatten() {
            consider(words_score(&search.words, field, buf, &mut matcher));
        }
        best
    }

    /// Recompute every pane's rows after the filter, search, sort or the
    /// review changed, keeping each pane's selected item where it can. A
    /// search of a large inspection only starts here; `work` goes on
    /// with it, and until it is done the panes show what they showed.
    pub fn refresh_rows(&mut self) {
        self.search.matching = None;
        let query = self.search.text.trim().to_owned();
        if query.is_empty() {
            for p in 0..self.panes.len() {
                let pane = &self.panes[p];
                let rows: Vec<(usize, u32)> = (0..pane.count())
                    .filter(|&i| self.shows(pane, i))
                    .map(|i| (i, 0))
                    .collect();
                self.set_rows(p, rows, false);
            }
            return;
        }
        let total = self.panes.iter().map(super::Pane::count).sum();
        self.search.matching = Some(Matching {
            search: Search::new(&query),
            pane: 0,
            at: 0,
            found: vec![Vec::new(); self.panes.len()],
            done: 0,
            total,
        });
        if total <= SEARCH_AT_ONCE {
            self.finish_work();
        }
    }

    /// Whether a search or a filter hides items. (A search of spaces
    /// alone searches for nothing.)
    pub fn is_narrowed(&self) -> bool {
        !self.search.text.trim().is_empty() || self.filter.is_active()
    }

    /// Whether what the panes show depends on the review: a search (it
    /// matches owners and notes), a filter, or a sort by status.
    pub fn rows_follow_review(&self) -> bool {
        self.is_narrowed() || self.panes.iter().any(|p| p.sort.follows_review())
    }

    /// Whether a search is still matching.
    pub fn has_work(&self) -> bool {
        self.search.matching.is_some()
    }

    /// Search up to `items` more items; when the search is done, the panes
    /// show its matches. `true` while there is more to do.
    pub fn work(&mut self, items: usize) -> bool {
        let Some(mut job) = self.search.matching.take() else {
            return false;
        };
        let mut left = items;
        let mut buf = Vec::new();
        while left > 0 && job.pane < self.panes.len() {
            let pane = &self.panes[job.pane];
            let end = pane.count().min(job.at.saturating_add(left));
            for i in job.at..end {
                if let Some(score) = self.search_row(pane, i, &job.search, &mut buf) {
                    job.found[job.pane].push((i, score));
                }
            }
            left -= end - job.at;
            job.done += end - job.at;
            job.at = end;
            if job.at >= pane.count() {
                job.pane += 1;
                job.at = 0;
            }
        }
        if job.pane < self.panes.len() {
            self.search.matching = Some(job);
            return true;
        }
        for (p, rows) in job.found.into_iter().enumerate() {
            self.set_rows(p, rows, true);
        }
        false
    }

    /// Finish the search now.
    pub fn finish_work(&mut self) {
        while self.work(usize::MAX) {}
    }

    /// Whether `all[i]` of `pane` passes the filters. Orphans have no
    /// item: they show unless a filter asks for something they cannot have.
    fn shows(&self, pane: &super::Pane, i: usize) -> bool {
        match pane.item_index(i) {
            Some(at) => self.passes(&self.inspection.items[at]),
            None => !self.filter.is_active(),
        }
    }

    /// How well `all[i]` of `pane` matches, if it shows at all.
    fn search_row(
        &self,
        pane: &super::Pane,
        i: usize,
        search: &Search,
        buf: &mut Vec<char>,
    ) -> Option<u32> {
        let item = &self.inspection.items[pane.item_index(i)?];
        if !self.passes(item) {
            return None;
        }
        self.search_score(item, search, buf)
    }

    /// Show `rows` in pane `p`: ranked best first for a search (ties keep
    /// the pane's order), else in the pane's sort order; the same item
    /// stays selected if it is still shown, else the one now in its place.
    fn set_rows(&mut self, p: usize, mut rows: Vec<(usize, u32)>, ranked: bool) {
        let pane = &self.panes[p];
        if ranked {
            rows.sort_by_key(|row| std::cmp::Reverse(row.1));
        } else {
            self.sort_rows(pane, &mut rows);
        }
        let keep = pane.selected_id(&self.inspection.items).map(str::to_owned);
        let pane = &mut self.panes[p];
        let was_at = pane.selected;
        pane.rows = rows.into_iter().map(|(i, _)| i).collect();
        pane.selected = keep
            .and_then(|id| pane.row_of(&id, &self.inspection.items))
            .unwrap_or(was_at)
            .min(pane.len().saturating_sub(1));
    }

    /// The characters of `title` the search matched, for highlighting.
    pub fn highlight(&self, title: &str) -> Vec<u32> {
        self.highlight_with(title, &mut Matcher::new(Config::DEFAULT))
    }

    /// `highlight`, for the rows drawn (never more than a screenful), with
    /// `matcher` the caller's scratch space.
    pub fn highlight_with(&self, title: &str, matcher: &mut Matcher) -> Vec<u32> {
        let Some((_, search)) = &self.search.highlighter else {
            return Vec::new();
        };
        let mut buf = Vec::new();
        let mut indices = Vec::new();
        if search
            .fuzzy
            .indices(utf32(title, &mut buf), matcher, &mut indices)
            .is_none()
        {
            return Vec::new();
        }
        indices.sort_unstable();
        indices.dedup();
        indices
    }

    fn sort_rows(&self, pane: &super::Pane, rows: &mut [(usize, u32)]) {
        if pane.kind == PaneKind::Orphans {
            return;
        }
        match pane.sort {
            SortOrder::File => {}
            SortOrder::Due => rows.sort_by_key(|(i, _)| {
                let due = pane
                    .item_index(*i)
                    .and_then(|at| self.review.due_of(&self.inspection.items[at]));
                (due.is_none(), due)
            }),
            SortOrder::Status => {
                rows.sort_by_key(|(i, _)| {
                    status_key(self.review.status(pane.nth(*i, &self.inspection.items)))
                });
            }
            SortOrder::Owner => rows.sort_by_cached_key(|(i, _)| {
                let owner = self
                    .review
                    .entry(pane.nth(*i, &self.inspection.items))
                    .and_then(|e| e.owner.as_deref())
                    .map(str::to_lowercase);
                (owner.is_none(), owner)
            }),
            SortOrder::Updated => rows.sort_by_key(|(i, _)| {
                let at = self
                    .review
                    .entry(pane.nth(*i, &self.inspection.items))
                    .and_then(|e| e.updated);
                (at.is_none(), std::cmp::Reverse(at))
            }),
        }
        if pane.reversed {
            rows.reverse();
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

    /// The owners named in the review, in order.
    pub fn owners(&self) -> Vec<String> {
        let set: BTreeSet<&String> = self
            .review
            .ids()
            .filter_map(|id| self.review.entry(id).and_then(|e| e.owner.as_ref()))
            .collect();
        set.into_iter().cloned().collect()
    }

    pub fn bodies(&self) -> Vec<String> {
        let set: BTreeSet<&str> = self
            .inspection
            .items
            .iter()
            .flat_map(|i| i.directed_to.iter())
            .collect();
        set.into_iter().map(str::to_owned).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A long text that is not ASCII: `word` stands at its start, `deep`
    /// far past the first piece, `end` near its end, and `edge` where a
    /// piece ends.
    fn long_text() -> String {
        let filler = "été des forces de police ".repeat(20_000);
        let edge = format!("{} edge ", "é".repeat(PIECE / 2 - 6));
        format!("word {filler} deep {filler} {edge} end été")
    }

    fn words(query: &str) -> Pattern {
        Pattern::new(
            query,
            CaseMatching::Smart,
            Normalization::Smart,
            AtomKind::Substring,
        )
    }

    #[test]
    fn a_word_that_ends_a_text_that_is_not_ascii_is_found() {
        let mut matcher = Matcher::new(Config::DEFAULT);
        let mut buf = Vec::new();
        for text in ["été end", "Leçons tirées", "end"] {
            let last = text.rsplit(' ').next().unwrap_or(text);
            assert!(
                words_score(&words(last), text, &mut buf, &mut matcher).is_some(),
                "{last} in {text}"
            );
        }
    }

    #[test]
    fn a_long_text_is_searched_a_piece_at_a_time_and_matches_as_whole() {
        let text = long_text();
        assert!(text.len() > 8 * PIECE);
        let mut matcher = Matcher::new(Config::DEFAULT);
        for query in ["word", "deep", "end", "edge", "deep end", "été deep"] {
            let mut buf = Vec::new();
            let pieces = words_score(&words(query), &text, &mut buf, &mut matcher);
            assert!(pieces.is_some(), "{query}");
            // The matcher was given a piece's characters at most, not the
            // text's half a million.
            assert!(buf.capacity() < 4 * PIECE, "{query}: {}", buf.capacity());
            let whole = words(query).score(utf32(&text, &mut Vec::new()), &mut matcher);
            assert!(whole.is_some(), "{query}");
        }
        for query in ["absent", "deep absent", "end deep absent"] {
            let mut buf = Vec::new();
            assert_eq!(
                words_score(&words(query), &text, &mut buf, &mut matcher),
                None,
                "{query}"
            );
            let whole = words(query).score(utf32(&text, &mut Vec::new()), &mut matcher);
            assert_eq!(whole, None, "{query}");
        }
    }
}
