//! The selected item in full, then the reviewer's annotation of it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::style;
use super::wrap::{self, TextRows};
use crate::app::App;
use crate::model::{Entry, Item, Kind, Status};
use crate::text::{FIELD_CHARS, field_line, inert_line, one_line};

/// A part of the pane: lines few and short enough to wrap every frame, or
/// a text of any length, wrapped once per item and width and only as far
/// as shown.
enum Part<'a> {
    Lines(Vec<Line<'static>>),
    /// The reviewer's note, line by line and indented.
    Note(&'a str, &'a str),
    /// The report's text, its hard-wrapped paragraphs joined.
    Report(&'a str, &'a str),
}

/// The reviewer's annotation: the lines before the note, the note, the
/// lines after it.
fn annotation<'a>(entry: Option<&'a Entry>, id: &'a str, parts: &mut Vec<Part<'a>>) {
    let (before, after) = annotation_lines(entry);
    parts.push(Part::Lines(before));
    if let Some(note) = entry.and_then(|e| e.note.as_deref()) {
        parts.push(Part::Note(id, note));
    }
    parts.push(Part::Lines(after));
}

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let block = Block::bordered().title(Span::styled(" Detail ", style::label()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    // The reviewer's own status, owner and note come first, so they are in
    // view on a small screen; the report's text follows.
    let mut parts = Vec::new();
    // The links, and which part holds their lines.
    let mut link_at = Vec::new();
    let mut links_part = None;
    match (app.selected_id(), app.selected_item()) {
        (Some(_), Some(item)) => {
            parts.push(Part::Lines(heading_lines(item)));
            annotation(app.entry(&item.id), &item.id, &mut parts);
            let (report, links) = item_lines(app, item);
            link_at = links;
            links_part = Some(parts.len());
            parts.push(Part::Lines(report));
            if let Some(text) = &item.text {
                parts.push(Part::Report(&item.id, text));
            }
        }
        (Some(id), None) => {
            parts.push(Part::Lines(orphan_lines(id)));
            annotation(app.entry(id), id, &mut parts);
        }
        (None, _) => parts.push(Part::Lines(vec![Line::from("Nothing to show.")])),
    }
    let height = usize::from(inner.height);
    let mut scroll = app.detail_scroll.get();
    let mut cache = app.text_rows.borrow_mut();
    let [note_rows, report_rows] = &mut *cache;
    // Each part's first row; the rows of the texts are wrapped as far down
    // as the screen reaches (the note, above the report, whole).
    let mut tops = Vec::with_capacity(parts.len());
    let mut top = 0;
    let mut complete = true;
    let mut link_tops: Vec<(usize, usize)> = Vec::with_capacity(link_at.len());
    for (i, part) in parts.iter().enumerate() {
        tops.push(top);
        let rows = match part {
            Part::Lines(lines) => {
                if links_part == Some(i) {
                    // Where each link landed, so a click can follow it.
                    link_tops = link_rows(lines, &link_at, top, inner.width);
                }
                Paragraph::new(lines.clone())
                    .wrap(Wrap { trim: false })
                    .line_count(inner.width)
            }
            Part::Note(id, note) => {
                let version = app.review.version();
                let rows = rows_of(note_rows, id, (note, version), note_width(inner), false);
                rows.reach(note, usize::MAX);
                rows.total().unwrap_or(0)
            }
            Part::Report(id, text) => {
                let rows = rows_of(report_rows, id, (text, 0), inner.width, true);
                let want = scroll.saturating_add(height).saturating_sub(top);
                rows.reach(text, want);
                rows.total().unwrap_or_else(|| {
                    complete = false;
                    want
                })
            }
        };
        top += rows;
    }
    // Keep the scroll within the text, so scrolling back up is immediate.
    if complete {
        scroll = scroll.min(top.saturating_sub(height));
    }
    app.detail_scroll.set(scroll);
    {
        let mut layout = app.layout.borrow_mut();
        layout.detail = inner;
        for (top, link) in link_tops {
            if top >= scroll && top - scroll < height {
                let row = u16::try_from(top - scroll).unwrap_or(u16::MAX);
                layout.link_rows.push((inner.y + row, link));
            }
        }
    }
    tops.push(top);
    let texts = [note_rows.as_ref(), report_rows.as_ref()];
    draw_parts(frame, inner, parts, &tops, scroll, texts);
}

/// Draw the rows of `parts` (whose first rows are `tops`, and the row
/// after them last) that show from row `scroll` of the pane on.
fn draw_parts(
    frame: &mut Frame,
    inner: Rect,
    parts: Vec<Part>,
    tops: &[usize],
    scroll: usize,
    [note_rows, report_rows]: [Option<&TextRows>; 2],
) {
    let end = scroll.saturating_add(usize::from(inner.height));
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
        match part {
            Part::Lines(lines) => {
                let skip = u16::try_from(skip).unwrap_or(u16::MAX);
                frame.render_widget(
                    Paragraph::new(lines)
                        .wrap(Wrap { trim: false })
                        .scroll((skip, 0)),
                    at,
                );
            }
            Part::Note(_, text) | Part::Report(_, text) => {
                let (rows, at) = match part {
                    Part::Note(..) => (note_rows, indented(at)),
                    _ => (report_rows, at),
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

/// The row (from `top`) each link's line starts on in `lines`.
fn link_rows(
    lines: &[Line<'static>],
    link_at: &[(usize, usize)],
    top: usize,
    width: u16,
) -> Vec<(usize, usize)> {
    let mut tops = Vec::with_capacity(link_at.len());
    let (mut row, mut counted) = (top, 0);
    for &(at, link) in link_at {
        for line in lines.get(counted..at).unwrap_or_default() {
            row += Paragraph::new(line.clone())
                .wrap(Wrap { trim: false })
                .line_count(width);
        }
        counted = counted.max(at);
        tops.push((row, link));
    }
    tops
}

fn field(label: &str, value: String) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!("{label:<12}"), style::label()),
        Span::raw(value),
    ])
}

fn heading_lines(item: &Item) -> Vec<Line<'static>> {
    vec![
        Line::from(vec![
            Span::styled(one_line(&item.id).into_owned(), style::title()),
            Span::styled(format!(" · {}", capitalised(item.kind)), style::label()),
        ]),
        Line::from(Span::styled(field_line(&item.title), style::title())),
    ]
}

/// The report's fields and text, and which lines hold which link.
fn item_lines(app: &App, item: &Item) -> (Vec<Line<'static>>, Vec<(usize, usize)>) {
    let mut link_at = Vec::new();
    let mut lines = vec![
        Line::default(),
        Line::from(Span::styled("── From the report ──", style::title())),
    ];
    if let Some(theme) = &item.theme {
        lines.push(field("Theme", field_line(theme)));
    }
    if let Some(grade) = &item.grade {
        lines.push(field("Grade", field_line(grade)));
    }
    if !item.directed_to.is_empty() {
        lines.push(field("Directed to", joined(&item.directed_to)));
    }
    if let Some(due) = item.due {
        let text = if app.is_overdue(item) {
            format!("{due} (overdue)")
        } else {
            due.to_string()
        };
        lines.push(field("Due", text));
    }
    if !item.tags.is_empty() {
        lines.push(field("Tags", joined(&item.tags)));
    }
    for (i, link) in item.links.iter().enumerate() {
        let title = app
            .inspection
            .get(link)
            .map(|l| field_line(&l.title))
            .unwrap_or_default();
        let label = if i == 0 { "Links" } else { "" };
        link_at.push((lines.len(), i));
        let mut line = field(label, format!("{} {title}", one_line(link)));
        if app.link == Some(i) {
            line.spans[1] = Span::styled(line.spans[1].content.to_string(), style::chosen_link());
            line.spans.push(Span::styled(
                "  Enter follows, Ctrl-O comes back",
                style::label(),
            ));
        }
        lines.push(line);
    }
    // The text itself follows, wrapped a screen at a time by `render`.
    if item.text.is_some() && lines.len() > 2 {
        lines.push(Line::default());
    }
    (lines, link_at)
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
fn annotation_lines(entry: Option<&Entry>) -> (Vec<Line<'static>>, Vec<Line<'static>>) {
    let status = entry.map_or(Status::Unreviewed, |e| e.status);
    let mut lines = vec![
        Line::from(Span::styled("── Your review ──", style::title())),
        Line::from(vec![
            Span::styled(format!("{:<12}", "Status"), style::label()),
            Span::styled(status.symbol().to_owned(), style::status(status)),
            Span::raw(format!(" {}", status.label())),
        ]),
    ];
    let owner = entry.and_then(|e| e.owner.as_deref());
    lines.push(field("Owner", owner.map_or_else(|| "—".into(), field_line)));
    if let Some(other) = entry.and_then(|e| e.conflict.as_ref()) {
        lines.extend(conflict_lines(other));
    }
    if entry.and_then(|e| e.note.as_deref()).is_some() {
        lines.push(field("Note", String::new()));
    } else {
        lines.push(Line::from(Span::styled(
            "No note yet: press e to write one.",
            style::label(),
        )));
    }
    let mut after = Vec::new();
    if let Some(updated) = entry.and_then(|e| e.updated) {
        after.push(field(
            "Updated",
            format!("{} UTC", updated.strftime("%Y-%m-%d %H:%M")),
        ));
    }
    (lines, after)
}

/// The other version of a conflicted item, and how to settle it.
fn conflict_lines(other: &crate::model::Fields) -> Vec<Line<'static>> {
    let mut lines = vec![
        Line::from(Span::styled(
            "! Changed elsewhere too: < keeps yours · > takes the other · = keeps both",
            style::error(),
        )),
        Line::from(vec![
            Span::styled(format!("{:<12}", "  Status"), style::label()),
            Span::styled(
                other.status.symbol().to_owned(),
                style::status(other.status),
            ),
            Span::raw(format!(" {}", other.status.label())),
        ]),
        field(
            "  Owner",
            other
                .owner
                .as_deref()
                .map_or_else(|| "—".into(), field_line),
        ),
    ];
    if let Some(note) = &other.note {
        lines.push(field("  Note", String::new()));
        lines.extend(
            note.split('\n')
                .map(|l| Line::from(format!("    {}", inert_line(l)))),
        );
    }
    lines.push(Line::from(Span::styled(
        "  (= keeps your status and both notes.) Yours:",
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
