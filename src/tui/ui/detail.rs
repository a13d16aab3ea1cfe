//! The selected item in full, then the reviewer's annotation of it.

use ratatui::Frame;
use ratatui::layout::Rect;
#[cfg(test)]
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::wrap::{self, LinkRows, TextRows};
use super::{Drawing, Glyphs, style};
use crate::model::{Entry, Item, Kind, Status};
use crate::text::{FIELD_CHARS, field_line, inert_line, one_line};
use crate::tui::app::{Action, App, ModeKind, Resolution};
use crate::tui::keymap::Keymap;

/// A part of the pane: lines few and short enough to wrap every frame, or
/// a text of any length, wrapped once per item and width and only as far
/// as shown.
enum Part<'a> {
    Lines(Vec<Line<'static>>),
    /// The reviewer's note, line by line and indented.
    Note(&'a str, &'a str),
    /// The report's text, its hard-wrapped paragraphs joined.
    Report(&'a str, &'a str),
    /// The item's links, a line each.
    Links(&'a Item),
}

/// The reviewer's annotation: the lines before the note, the note, the
/// lines after it.
fn annotation<'a>(app: &'a App, id: &'a str, width: u16, parts: &mut Vec<Part<'a>>) {
    let entry = app.entry(id);
    let (before, after) = annotation_lines(app.keys(), entry, width);
    parts.push(Part::Lines(before));
    if let Some(note) = entry.and_then(|e| e.note.as_deref()) {
        parts.push(Part::Note(id, note));
    }
    parts.push(Part::Lines(tracking_lines(app, id, width)));
    parts.push(Part::Lines(related_lines(app, id)));
    parts.push(Part::Lines(after));
}

/// The same matter in other reports, both ways: the items this one's
/// entry names (with their titles and statuses where they are open, kept
/// as named where not), then the items whose entries name this one, in
/// their own words turned round ("Raised again in …"). The link chosen
/// with `]`/`[` is marked: it follows the item's links within its report.
fn related_lines(app: &App, id: &str) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let own_links = app.inspection().get(id).map_or(0, |i| i.links.len());
    let chosen = app.link().and_then(|c| c.checked_sub(own_links));
    let g = app.glyphs();
    let mut n = 0;
    let mut push = |lines: &mut Vec<Line<'static>>, label: &str, what: String| {
        let marked = chosen == Some(n);
        let text = if marked {
            format!("{} {what}", g.pointer)
        } else {
            what
        };
        let line = field(label, text);
        lines.push(if marked {
            line.style(style::selected(true))
        } else {
            line
        });
        n += 1;
    };
    if let Some(entry) = app.entry(id) {
        for (i, related) in entry.related.iter().enumerate() {
            let about = app
                .related_target(&related.item)
                .and_then(|at| app.about(&at));
            let what = match about {
                Some((name, title, status)) => format!(
                    "{} {} {} {} ({})",
                    related.relation.words(),
                    field_line(&name),
                    g.dash,
                    field_line(&title),
                    status.label().to_lowercase()
                ),
                None => format!(
                    "{} {} (not found among the inspections open)",
                    related.relation.words(),
                    field_line(&related.item)
                ),
            };
            push(&mut lines, if i == 0 { "Related" } else { "" }, what);
        }
    }
    for (i, (source, relation)) in app.linked_from(id).into_iter().enumerate() {
        let (name, title, status) = app.about(&source).unwrap_or_else(|| {
            (
                source.clone(),
                String::new(),
                crate::model::Status::Unreviewed,
            )
        });
        let what = format!(
            "{} {} {} {} ({})",
            relation.inverse_words(),
            field_line(&name),
            g.dash,
            field_line(&title),
            status.label().to_lowercase()
        );
        push(&mut lines, if i == 0 { "Linked from" } else { "" }, what);
    }
    lines
}

/// How many progress updates (newest first) and evidence entries the
/// detail shows.
const UPDATES_SHOWN: usize = 12;

/// The first `UPDATES_SHOWN` of `rows` under `label`, and how many more
/// there are (`total` in all) when that is not all of them.
fn capped(
    g: &Glyphs,
    lines: &mut Vec<Line<'static>>,
    label: &str,
    rows: impl Iterator<Item = String>,
    total: usize,
    rest: &str,
) {
    for (i, row) in rows.take(UPDATES_SHOWN).enumerate() {
        lines.push(field(if i == 0 { label } else { "" }, row));
    }
    if total > UPDATES_SHOWN {
        lines.push(field(
            "",
            format!("{} and {} {rest}", g.ellipsis, total - UPDATES_SHOWN),
        ));
    }
}

/// Tracking to closure: the RAG in words and colour, the revised due date
/// beside how often it moved and why last, the evidence, the sign-off (or
/// what it waits for), and the progress updates, newest first.
fn tracking_lines(app: &App, id: &str, width: u16) -> Vec<Line<'static>> {
    let Some(entry) = app.entry(id) else {
        return Vec::new();
    };
    let g = app.glyphs();
    let mut lines = Vec::new();
    if let Some(rag) = entry.rag {
        lines.push(Line::from(vec![
            Span::styled(format!("{:<12}", "RAG"), style::label()),
            Span::styled(format!("{} {}", g.disc, rag.label()), style::rag(rag)),
        ]));
    }
    let revisions: Vec<&crate::model::review::Event> = entry
        .history
        .iter()
        .filter(|e| e.change.due.is_some())
        .collect();
    if let Some(due) = entry.due {
        let (words, style) = if entry.status.is_open() {
            let (words, style) = super::days_to(app, due, ratatui::style::Style::new());
            (format!(" ({words})"), style)
        } else {
            (String::new(), ratatui::style::Style::new())
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{:<12}", "Revised due"), style::label()),
            Span::styled(format!("{due}{words}"), style),
        ]));
    }
    if let Some(last) = revisions.last() {
        let times = if revisions.len() == 1 {
            "revised once".to_owned()
        } else {
            format!("revised {} times", revisions.len())
        };
        let why = last
            .change
            .reason
            .as_deref()
            .map(|r| format!("; last because: {}", field_line(r)))
            .unwrap_or_default();
        lines.push(field("", format!("{times}{why}")));
    }
    capped(
        g,
        &mut lines,
        "Evidence",
        entry
            .evidence
            .iter()
            .map(|e| format!("{} {}", g.bullet, field_line(e))),
        entry.evidence.len(),
        "more",
    );
    match &entry.signed_off {
        Some(sign) => lines.push(field(
            "Signed off",
            format!(
                "by {} on {}",
                field_line(&sign.by),
                sign.at.strftime("%Y-%m-%d")
            ),
        )),
        None if entry.status == Status::Complete => {
            let key = app.keys().hint(ModeKind::Normal, &Action::SignOff);
            let waits = if entry.evidence.is_empty() {
                format!(
                    "awaiting sign-off: add evidence first ({})",
                    app.keys().hint(ModeKind::Normal, &Action::AddEvidence)
                )
            } else {
                format!("awaiting sign-off by a second person ({key})")
            };
            lines.push(Line::from(vec![
                Span::styled(format!("{:<12}", "Signed off"), style::label()),
                Span::styled(waits, style::soon()),
            ]));
        }
        None => {}
    }
    // The newest first: a file may hold thousands, and a frame draws them.
    capped(
        g,
        &mut lines,
        "Updates",
        entry.updates.iter().rev().map(|update| {
            let text: Vec<String> = update.text.lines().map(field_line).collect();
            format!(
                "{} {}: {}",
                update.at.strftime("%Y-%m-%d"),
                field_line(&update.by),
                text.join(" ")
            )
        }),
        entry.updates.len(),
        "earlier updates",
    );
    lines
        .into_iter()
        .flat_map(|line| hang(line, width))
        .collect()
}

/// Draw the selected item in `area`; `beside` the note editor, only what
/// the note answers: the item's heading and text, then its fields.
pub fn render(app: &App, frame: &mut Frame, area: Rect, d: &mut Drawing, beside: bool) {
    let title = if beside {
        format!(
            " What the note answers ({}: hide) ",
            app.keys().hint(ModeKind::Note, &Action::ToggleItem)
        )
    } else {
        " Detail ".to_owned()
    };
    // A title too long for the border is cut, with a `…`.
    let g = app.glyphs();
    let title = g.truncate(&title, usize::from(area.width.saturating_sub(2)));
    let block = g.bordered().title(Span::styled(title, style::label()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let parts = parts_of(app, inner.width, beside);
    let height = usize::from(inner.height);
    let mut scroll = app.detail_scroll();
    let cache = &mut d.cache.rows;
    // Each part's first row; the rows of the texts are wrapped as far down
    // as the screen reaches (the note, above the report, whole).
    let mut tops = Vec::with_capacity(parts.len() + 1);
    let mut top = 0;
    let mut complete = true;
    for part in &parts {
        tops.push(top);
        let want = scroll.saturating_add(height).saturating_sub(top);
        let (rows, all) = part_rows(app, part, cache, inner, want);
        complete &= all;
        top += rows;
    }
    tops.push(top);
    // Keep the scroll within the text, so scrolling back up is immediate.
    if complete {
        scroll = scroll.min(top.saturating_sub(height));
    }
    d.layout.detail_scroll = Some(scroll);
    d.layout.detail_rows = complete.then_some(top);
    let layout = &mut d.layout;
    layout.detail = inner;
    let end = scroll.saturating_add(height);
    for (i, part) in parts.into_iter().enumerate() {
        let (first, last) = (tops[i], tops[i + 1]);
        if last <= scroll || first >= end {
            continue;
        }
        // The rows of this part on screen: from `skip` into it, `count` of
        // them, drawn in `at`.
        let skip = scroll.saturating_sub(first);
        let count = last.min(end) - first.max(scroll);
        let at = Rect {
            y: inner.y + u16::try_from(first.max(scroll) - scroll).unwrap_or(u16::MAX),
            height: u16::try_from(count).unwrap_or(u16::MAX),
            ..inner
        };
        let (rows, text, at) = match part {
            Part::Lines(lines) => {
                frame.render_widget(wrapped(lines, skip), at);
                continue;
            }
            Part::Links(item) => {
                let links = Links::of(app, item, inner.width, &mut cache.links);
                let (shown, skip) = shown_links(&links, app, item, (skip, count), at.y, layout);
                frame.render_widget(wrapped(shown, skip), at);
                continue;
            }
            Part::Note(_, text) => {
                let at = indented(at);
                let shown = note_shown(app, cache.note.as_ref(), text, (skip, count), at, height);
                frame.render_widget(Paragraph::new(shown), at);
                continue;
            }
            Part::Report(_, text) => (cache.report.as_ref(), text, at),
        };
        let shown: Vec<Line> = rows
            .map(|rows| rows.rows(skip, count))
            .unwrap_or_default()
            .iter()
            .map(|&row| Line::from(wrap::shown(text, row)))
            .collect();
        frame.render_widget(Paragraph::new(shown), at);
    }
}

/// What the pane shows of the selected item, part by part, at `width`.
fn parts_of(app: &App, width: u16, beside: bool) -> Vec<Part<'_>> {
    // The reviewer's own status, owner and note come first, so they are in
    // view on a small screen; the report's text follows.
    let mut parts = Vec::new();
    match (app.selected_id(), app.selected_item()) {
        (Some(_), Some(item)) if beside => {
            // The title and the text first, in view on a small screen; the
            // report's fields after them.
            parts.push(Part::Lines(heading_lines(app, item)));
            if let Some(text) = &item.text {
                parts.push(Part::Lines(vec![Line::default()]));
                parts.push(Part::Report(&item.id, text));
            }
            parts.push(Part::Lines(item_lines(app, item, width)));
        }
        (Some(_), Some(item)) => {
            parts.push(Part::Lines(heading_lines(app, item)));
            annotation(app, &item.id, width, &mut parts);
            let fields = item_lines(app, item, width);
            // The text itself follows, after a blank line if anything is
            // above it under the report's heading.
            let gap = item.text.is_some() && fields.len() + item.links.len() > 2;
            parts.push(Part::Lines(fields));
            if !item.links.is_empty() {
                parts.push(Part::Links(item));
            }
            if gap {
                parts.push(Part::Lines(vec![Line::default()]));
            }
            if let Some(text) = &item.text {
                parts.push(Part::Report(&item.id, text));
            }
        }
        (Some(id), None) => {
            parts.push(Part::Lines(orphan_lines(id)));
            annotation(app, id, width, &mut parts);
        }
        (None, _) => parts.push(Part::Lines(vec![Line::from("Nothing to show.")])),
    }
    parts
}

/// The note's lines from its row `skip`, `count` of them, drawn in `at`
/// of a pane `height` rows tall: a long note's rows end where it is
/// folded, and a line then says so.
fn note_shown(
    app: &App,
    rows: Option<&TextRows>,
    text: &str,
    (skip, count): (usize, usize),
    at: Rect,
    height: usize,
) -> Vec<Line<'static>> {
    let Some(rows) = rows else {
        return Vec::new();
    };
    let view = NoteView::of(app, rows.total(), height);
    let upto = view.shown.saturating_sub(skip).min(count);
    let mut shown: Vec<Line> = rows
        .rows(skip, upto)
        .iter()
        .map(|&row| Line::from(wrap::shown(text, row)))
        .collect();
    if (skip..skip + count).contains(&view.shown) {
        shown.extend(view.line(app.keys(), at.width));
    }
    shown
}

/// The rows `part` takes at the pane's width, and whether that is all of
/// them: the report's text is wrapped only until it has `want` rows.
fn part_rows(
    app: &App,
    part: &Part,
    cache: &mut wrap::DetailRows,
    inner: Rect,
    want: usize,
) -> (usize, bool) {
    match part {
        Part::Lines(lines) => (
            Paragraph::new(lines.clone())
                .wrap(Wrap { trim: false })
                .line_count(inner.width),
            true,
        ),
        Part::Note(id, note) => {
            let version = app.review().version();
            let rows = rows_of(
                &mut cache.note,
                id,
                (note, version),
                note_width(inner),
                false,
            );
            rows.reach(note, usize::MAX);
            let view = NoteView::of(app, rows.total(), usize::from(inner.height));
            (view.rows(), true)
        }
        Part::Report(id, text) => {
            let rows = rows_of(&mut cache.report, id, (text, 0), inner.width, true);
            rows.reach(text, want);
            rows.total().map_or((want, false), |rows| (rows, true))
        }
        Part::Links(item) => (
            Links::of(app, item, inner.width, &mut cache.links).top(usize::MAX),
            true,
        ),
    }
}

/// The lines of the links that show from row `skip` of their part, for
/// `count` rows, and the row of the first line they start at; each link
/// drawn is placed in `layout` (at `y`, the screen row of the part's row
/// `skip`), so a click can follow it.
fn shown_links(
    links: &Links,
    app: &App,
    item: &Item,
    (skip, count): (usize, usize),
    y: u16,
    layout: &mut crate::tui::app::ScreenLayout,
) -> (Vec<Line<'static>>, usize) {
    let first = links.at(skip);
    let mut shown = Vec::new();
    let mut i = first;
    while i < item.links.len() && links.top(i) < skip + count {
        if let Some(below) = links.top(i).checked_sub(skip) {
            let row = y.saturating_add(u16::try_from(below).unwrap_or(u16::MAX));
            layout.link_rows.push((row, i));
        }
        shown.extend(hang(link_line(app, item, i), links.width));
        i += 1;
    }
    (shown, skip - links.top(first))
}

/// `lines` wrapped to the pane, from row `skip`.
fn wrapped(lines: Vec<Line<'static>>, skip: usize) -> Paragraph<'static> {
    let skip = u16::try_from(skip).unwrap_or(u16::MAX);
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .scroll((skip, 0))
}

/// An item's link lines as this frame draws them: the rows counted once
/// per item and width, and the chosen link's line, which also says how to
/// follow it, counted now.
struct Links<'c> {
    rows: &'c LinkRows,
    width: u16,
    chosen: Option<usize>,
    /// The rows the chosen link's line takes beyond those counted.
    more: usize,
}

impl<'c> Links<'c> {
    fn of(app: &App, item: &Item, width: u16, slot: &'c mut Option<LinkRows>) -> Links<'c> {
        let rows_of = |line: Line<'static>| {
            Paragraph::new(hang(line, width))
                .wrap(Wrap { trim: false })
                .line_count(width)
        };
        let rows = match slot.take() {
            Some(rows) if rows.is_for(&item.id, width) => slot.insert(rows),
            _ => slot.insert(LinkRows::new(
                &item.id,
                width,
                (0..item.links.len()).map(|i| rows_of(plain_link_line(app, item, i))),
            )),
        };
        let chosen = app.link().filter(|&i| i < item.links.len());
        let more = chosen.map_or(0, |i| {
            rows_of(link_line(app, item, i)).saturating_sub(rows.rows(i))
        });
        Links {
            rows,
            width,
            chosen,
            more,
        }
    }

    /// The row link `i`'s line starts on, from the first link's.
    fn top(&self, i: usize) -> usize {
        let after_chosen = self.chosen.is_some_and(|c| i > c);
        self.rows.top(i) + if after_chosen { self.more } else { 0 }
    }

    /// The link whose line holds `row`.
    fn at(&self, row: usize) -> usize {
        let (mut low, mut high) = (0, self.rows.tops_len() - 1);
        while low < high {
            let mid = usize::midpoint(low, high);
            if self.top(mid + 1) <= row {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        low
    }
}

/// The rows of `text` in `slot`, wrapped anew if they were of another text
/// or width.
fn rows_of<'c>(
    slot: &'c mut Option<TextRows>,
    id: &str,
    text: (&str, u64),
    width: u16,
    joined: bool,
) -> &'c mut TextRows {
    match slot.take() {
        Some(rows) if rows.is_for(id, text, width) => slot.insert(rows),
        _ => slot.insert(TextRows::new(id, text, width, joined)),
    }
}

/// A note folds to at most this many rows (fewer on a short pane).
const FOLD_ROWS: usize = 12;

/// How much of the reviewer's note the pane shows: its first `shown` rows,
/// and, for a long one, a line after them saying how much is folded away
/// (or, unfolded, how to fold it again).
struct NoteView {
    shown: usize,
    hidden: usize,
    long: bool,
}

impl NoteView {
    /// The view of a note of `total` rows in a pane `height` rows tall: a
    /// note longer than half the pane (3 rows at the least, 12 at most)
    /// shows its first rows, unless unfolded, so the report's text below
    /// it stays in reach.
    fn of(app: &App, total: Option<usize>, height: usize) -> NoteView {
        let total = total.unwrap_or(0);
        let limit = (height / 2).clamp(3, FOLD_ROWS);
        if total <= limit {
            NoteView {
                shown: total,
                hidden: 0,
                long: false,
            }
        } else if app.note_unfolded() {
            NoteView {
                shown: total,
                hidden: 0,
                long: true,
            }
        } else {
            // Folded, the note takes `limit` rows, the line saying so one.
            let shown = limit - 1;
            NoteView {
                shown,
                hidden: total - shown,
                long: true,
            }
        }
    }

    /// The rows the note's part takes.
    fn rows(&self) -> usize {
        self.shown + usize::from(self.long)
    }

    /// The line after a long note, one row of `width`.
    fn line(&self, keys: &Keymap, width: u16) -> Option<Line<'static>> {
        let key = keys.hint(ModeKind::Normal, &Action::ToggleNoteFold);
        let more = keys.glyphs().ellipsis;
        let text = match (self.long, self.hidden) {
            (false, _) => return None,
            (true, 0) => format!("({key} folds the note)"),
            (true, 1) => format!("{more} 1 more line of the note ({key} unfolds)"),
            (true, n) => format!("{more} {n} more lines of the note ({key} unfolds)"),
        };
        let text = keys.glyphs().truncate(&text, usize::from(width));
        Some(Line::from(Span::styled(text, style::label())))
    }
}

/// The note is drawn two columns in.
const NOTE_INDENT: u16 = 2;

fn note_width(inner: Rect) -> u16 {
    inner.width.saturating_sub(NOTE_INDENT).max(1)
}

fn indented(area: Rect) -> Rect {
    let by = NOTE_INDENT.min(area.width.saturating_sub(1));
    Rect {
        x: area.x + by,
        width: area.width - by,
        ..area
    }
}

fn field(label: &str, value: String) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!("{label:<12}"), style::label()),
        Span::raw(value),
    ])
}

/// A field's line (its first span the label, the rest its value) as the
/// rows it takes at `width`: the value wraps under itself, each row after
/// the first indented to the value's column. On a pane too narrow for
/// that, the line as it is, for the paragraph to wrap.
fn hang(line: Line<'static>, width: u16) -> Vec<Line<'static>> {
    let indent = line.spans.first().map_or(0, Span::width);
    let room = usize::from(width).saturating_sub(indent);
    if line.spans.len() < 2 || room < 8 || line.width() <= usize::from(width) {
        return vec![line];
    }
    let mut spans = line.spans.into_iter();
    let label = spans.next().unwrap_or_default();
    // The value's text, and where each of its spans ends, with its style.
    let mut value = String::new();
    let mut ends = Vec::new();
    for span in spans {
        value.push_str(&span.content);
        ends.push((value.len(), span.style));
    }
    let mut rows = Vec::new();
    let room = u16::try_from(room).unwrap_or(u16::MAX);
    wrap::wrap_line(&value, 0, value.len(), room, &mut rows);
    rows.into_iter()
        .enumerate()
        .map(|(i, (start, end))| {
            let head = if i == 0 {
                label.clone()
            } else {
                Span::raw(" ".repeat(indent))
            };
            let mut out = vec![head];
            let mut from = 0;
            for &(to, style) in &ends {
                let (a, b) = (start.max(from), end.min(to));
                if a < b {
                    out.push(Span::styled(inert_line(&value[a..b]).into_owned(), style));
                }
                from = to;
            }
            Line::from(out)
        })
        .collect()
}

fn heading_lines(app: &App, item: &Item) -> Vec<Line<'static>> {
    let mut lines = vec![
        Line::from(vec![
            Span::styled(
                one_line(&app.shown_id(&item.id)).into_owned(),
                style::title(),
            ),
            Span::styled(
                format!("{}{}", app.glyphs().sep, capitalised(item.kind)),
                style::label(),
            ),
        ]),
        Line::from(Span::styled(field_line(&item.title), style::title())),
    ];
    // In the register: which report the item is of.
    if let Some(register) = app.register_of()
        && let Some((r, _)) = register.split(&item.id)
    {
        let report = &register.reports[r];
        lines.push(field(
            "Report",
            format!(
                "{} ({})",
                field_line(&report.title),
                field_line(&report.path.display().to_string())
            ),
        ));
    }
    lines
}

/// The report's fields, above its links and text.
fn item_lines(app: &App, item: &Item, width: u16) -> Vec<Line<'static>> {
    let mut fields = Vec::new();
    let mut lines = vec![
        Line::default(),
        Line::from(Span::styled(
            format!("{0} From the report {0}", app.glyphs().rule),
            style::title(),
        )),
    ];
    if let Some(theme) = &item.theme {
        fields.push(field("Theme", field_line(theme)));
    }
    if let Some(grade) = &item.grade {
        fields.push(field("Grade", field_line(grade)));
    }
    if !item.directed_to.is_empty() {
        fields.push(field("Directed to", joined(&item.directed_to)));
    }
    if let Some(due) = item.due {
        // Still open: how far off, amber when soon, red once due.
        let (text, style) = if app.status(&item.id).is_open() {
            let (words, style) = super::days_to(app, due, ratatui::style::Style::new());
            (format!("{due} ({words})"), style)
        } else {
            (due.to_string(), ratatui::style::Style::new())
        };
        // Revised: the report's date is the original, the review's counts.
        let (text, style) = if app.entry(&item.id).and_then(|e| e.due).is_some() {
            (
                format!("{due}, the report's own (revised below)"),
                style::label(),
            )
        } else {
            (text, style)
        };
        fields.push(Line::from(vec![
            Span::styled(format!("{:<12}", "Due"), style::label()),
            Span::styled(text, style),
        ]));
    }
    if !item.tags.is_empty() {
        fields.push(field("Tags", joined(&item.tags)));
    }
    lines.extend(fields.into_iter().flat_map(|line| hang(line, width)));
    lines
}

/// Link `i`'s line: its id and the title of the item it names.
fn plain_link_line(app: &App, item: &Item, i: usize) -> Line<'static> {
    let link = item.links.get(i).unwrap_or_default();
    let title = app
        .inspection()
        .get(link)
        .map(|l| field_line(&l.title))
        .unwrap_or_default();
    let label = if i == 0 { "Links" } else { "" };
    field(label, format!("{} {title}", one_line(link)))
}

/// Link `i`'s line as drawn: the chosen one also says how to follow it.
fn link_line(app: &App, item: &Item, i: usize) -> Line<'static> {
    let mut line = plain_link_line(app, item, i);
    if app.link() == Some(i) {
        line.spans[1] = Span::styled(line.spans[1].content.to_string(), style::chosen_link());
        line.spans.push(Span::styled(
            format!(
                "  {} follows, {} comes back",
                app.keys().hint(ModeKind::Normal, &Action::Open),
                app.keys().hint(ModeKind::Normal, &Action::JumpBack)
            ),
            style::label(),
        ));
    }
    line
}

fn orphan_lines(id: &str) -> Vec<Line<'static>> {
    vec![
        Line::from(Span::styled(one_line(id).into_owned(), style::title())),
        Line::from(Span::styled(
            "Orphaned: the inspection has no item with this id (it may have been renumbered or removed). The entry is kept in the review file.",
            style::error(),
        )),
    ]
}

/// The reviewer's status and owner, down to where the note goes; and the
/// lines after the note.
fn annotation_lines(
    keys: &Keymap,
    entry: Option<&Entry>,
    width: u16,
) -> (Vec<Line<'static>>, Vec<Line<'static>>) {
    let status = entry.map_or(Status::Unreviewed, |e| e.status);
    let g = keys.glyphs();
    let mut lines = vec![
        Line::from(Span::styled(
            format!("{0} Your review {0}", g.rule),
            style::title(),
        )),
        Line::from(vec![
            Span::styled(format!("{:<12}", "Status"), style::label()),
            Span::styled(g.status(status).to_owned(), style::status(status)),
            Span::raw(format!(" {}", status.label())),
        ]),
    ];
    let owner = entry.and_then(|e| e.owner.as_deref());
    lines.push(field(
        "Owner",
        owner.map_or_else(|| g.none.into(), field_line),
    ));
    let mut lines: Vec<Line<'static>> = lines
        .into_iter()
        .flat_map(|line| hang(line, width))
        .collect();
    if let Some(other) = entry.and_then(|e| e.conflict.as_ref()) {
        lines.extend(conflict_lines(keys, other, width));
    }
    if entry.and_then(|e| e.note.as_deref()).is_some() {
        lines.push(field("Note", String::new()));
    } else {
        lines.push(Line::from(Span::styled(
            format!(
                "No note yet: press {} to write one.",
                keys.hint(ModeKind::Normal, &Action::EditNote)
            ),
            style::label(),
        )));
    }
    let mut after = Vec::new();
    if let Some(updated) = entry.and_then(|e| e.updated) {
        after.extend(hang(
            field(
                "Updated",
                format!("{} UTC", updated.strftime("%Y-%m-%d %H:%M")),
            ),
            width,
        ));
    }
    (lines, after)
}

/// The other version of a conflicted item, and how to settle it.
fn conflict_lines(keys: &Keymap, other: &crate::model::Fields, width: u16) -> Vec<Line<'static>> {
    let key = |how| keys.hint(ModeKind::Normal, &Action::Resolve(how));
    let g = keys.glyphs();
    let lines = vec![
        Line::from(Span::styled(
            format!(
                "! Changed elsewhere too: {} keeps yours{}{} takes the other{}{} keeps both",
                key(Resolution::Mine),
                g.sep,
                key(Resolution::Theirs),
                g.sep,
                key(Resolution::Both)
            ),
            style::error(),
        )),
        Line::from(vec![
            Span::styled(format!("{:<12}", "  Status"), style::label()),
            Span::styled(
                g.status(other.status).to_owned(),
                style::status(other.status),
            ),
            Span::raw(format!(" {}", other.status.label())),
        ]),
        field(
            "  Owner",
            other
                .owner
                .as_deref()
                .map_or_else(|| g.none.into(), field_line),
        ),
    ];
    let mut lines: Vec<Line<'static>> = lines
        .into_iter()
        .enumerate()
        .flat_map(|(i, line)| {
            // The first line says how to settle: no field.
            if i == 0 {
                vec![line]
            } else {
                hang(line, width)
            }
        })
        .collect();
    if let Some(rag) = other.rag {
        lines.push(field("  RAG", rag.label().to_owned()));
    }
    if let Some(due) = other.due {
        lines.push(field("  Due", format!("{due} (revised)")));
    }
    if let Some(sign) = &other.signed_off {
        lines.push(field(
            "  Signed off",
            format!(
                "by {} on {}",
                field_line(&sign.by),
                sign.at.strftime("%Y-%m-%d")
            ),
        ));
    }
    if let Some(note) = &other.note {
        lines.push(field("  Note", String::new()));
        lines.extend(
            crate::text::lf(note)
                .split('\n')
                .map(|l| Line::from(format!("    {}", inert_line(l)))),
        );
    }
    lines.push(Line::from(Span::styled(
        format!(
            "  ({} keeps your status and both notes.) Yours:",
            key(Resolution::Both)
        ),
        style::label(),
    )));
    lines
}

/// The values one after another, as far as a field shows.
fn joined(values: &crate::model::Strings) -> String {
    let mut out = String::new();
    for value in values {
        if out.len() > FIELD_CHARS * 4 {
            break;
        }
        if !out.is_empty() {
            out.push_str(", ");
        }
        out.extend(value.chars().take(FIELD_CHARS + 1));
    }
    field_line(&out)
}

fn capitalised(kind: Kind) -> String {
    let word = kind.singular();
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(lines: &[Line]) -> Vec<String> {
        lines.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn a_wrapped_value_hangs_under_itself_keeping_its_styles() {
        let mut line = field("Links", "F2 A title that is long".to_owned());
        line.spans
            .push(Span::styled("  Enter follows", style::label()));
        let rows = hang(line, 30);
        assert_eq!(
            texts(&rows),
            [
                "Links       F2 A title that is",
                "            long  Enter",
                "            follows",
            ]
        );
        // The hint's words keep the hint's style on every row they reach.
        assert_eq!(rows[2].spans[1].style, style::label());
        assert_eq!(rows[1].spans[1].style, Style::default());
        assert_eq!(rows[1].spans[2].style, style::label());
    }

    #[test]
    fn a_value_that_fits_or_a_pane_too_narrow_is_left_as_it_is() {
        let short = field("Owner", "Ann".to_owned());
        assert_eq!(hang(short.clone(), 40), [short]);
        let long = field("Owner", "a value far too long for the pane".to_owned());
        assert_eq!(hang(long.clone(), 16), [long]);
    }
}
