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

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let block = Block::bordered().title(Span::styled(" Detail ", style::label()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    // The reviewer's own status, owner and note come first, so they are in
    // view on a small screen; the report's text follows.
    let mut link_lines = Vec::new();
    let mut text = None;
    let lines = match (app.selected_id(), app.selected_item()) {
        (Some(_), Some(item)) => {
            let mut lines = heading_lines(item);
            lines.extend(annotation_lines(app.entry(&item.id)));
            let (report, link_at) = item_lines(app, item);
            link_lines = link_at
                .into_iter()
                .map(|(at, link)| (at + lines.len(), link))
                .collect();
            lines.extend(report);
            text = item.text.as_deref().map(|t| (item.id.as_str(), t));
            lines
        }
        (Some(id), None) => {
            let mut lines = orphan_lines(id);
            lines.extend(annotation_lines(app.entry(id)));
            lines
        }
        (None, _) => vec![Line::from("Nothing to show.")],
    };
    // Where each link landed on screen, so a click can follow it: the
    // wrapped height of the lines above it, counted once down the text.
    let mut link_tops: Vec<(usize, usize)> = Vec::with_capacity(link_lines.len());
    let (mut top, mut counted) = (0, 0);
    for &(at, link) in &link_lines {
        for line in lines.get(counted..at).unwrap_or_default() {
            top += Paragraph::new(line.clone())
                .wrap(Wrap { trim: false })
                .line_count(inner.width);
        }
        counted = counted.max(at);
        link_tops.push((top, link));
    }
    let head = Paragraph::new(lines).wrap(Wrap { trim: false });
    let head_rows = head.line_count(inner.width);
    let height = usize::from(inner.height);
    // The report's text is wrapped only as far down as is shown, and once
    // per item and width: a frame costs what it shows.
    let mut cache = app.text_rows.borrow_mut();
    let mut scroll = app.detail_scroll.get();
    let total = match text {
        Some((id, text)) => {
            let rows = match cache.take() {
                Some(rows) if rows.is_for(id, text, inner.width) => rows,
                _ => TextRows::new(id, text, inner.width),
            };
            let rows = cache.insert(rows);
            rows.reach(
                text,
                scroll.saturating_sub(head_rows).saturating_add(height),
            );
            rows.total().map(|t| head_rows + t)
        }
        None => Some(head_rows),
    };
    // Keep the scroll within the text, so scrolling back up is immediate.
    if let Some(total) = total {
        scroll = scroll.min(total.saturating_sub(height));
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
    let head_shown = head_rows.saturating_sub(scroll).min(height);
    if head_shown > 0 {
        let skip = u16::try_from(scroll).unwrap_or(u16::MAX);
        frame.render_widget(head.scroll((skip, 0)), inner);
    }
    if let (Some((_, text)), Some(rows)) = (text, cache.as_ref()) {
        let below = Rect {
            y: inner.y + u16::try_from(head_shown).unwrap_or(u16::MAX),
            height: inner.height - u16::try_from(head_shown).unwrap_or(u16::MAX),
            ..inner
        };
        let shown: Vec<Line> = rows
            .rows(scroll.saturating_sub(head_rows), height - head_shown)
            .iter()
            .map(|&row| Line::from(wrap::shown(text, row)))
            .collect();
        frame.render_widget(Paragraph::new(shown), below);
    }
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

fn annotation_lines(entry: Option<&Entry>) -> Vec<Line<'static>> {
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
    match entry.and_then(|e| e.note.as_deref()) {
        Some(note) => {
            lines.push(field("Note", String::new()));
            lines.extend(
                note.split('\n')
                    .map(|l| Line::from(format!("  {}", inert_line(l)))),
            );
        }
        None => lines.push(Line::from(Span::styled(
            "No note yet: press e to write one.",
            style::label(),
        ))),
    }
    if let Some(updated) = entry.and_then(|e| e.updated) {
        lines.push(field(
            "Updated",
            format!("{} UTC", updated.strftime("%Y-%m-%d %H:%M")),
        ));
    }
    lines
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
