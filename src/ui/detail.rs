//! The selected item in full, then the reviewer's annotation of it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::style;
use crate::app::App;
use crate::model::{Entry, Item, Kind, Status};
use crate::text::{inert_line, one_line};

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let block = Block::bordered().title(Span::styled(" Detail ", style::label()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    // The reviewer's own status, owner and note come first, so they are in
    // view on a small screen; the report's text follows.
    let mut link_lines = Vec::new();
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
    let paragraph = Paragraph::new(lines).wrap(Wrap { trim: false });
    // Keep the scroll within the text, so scrolling back up is immediate.
    let total = u16::try_from(paragraph.line_count(inner.width)).unwrap_or(u16::MAX);
    let max = total.saturating_sub(inner.height);
    let scroll = app.detail_scroll.get().min(max);
    app.detail_scroll.set(scroll);
    {
        let mut layout = app.layout.borrow_mut();
        layout.detail = inner;
        for (top, link) in link_tops {
            let top = u16::try_from(top).unwrap_or(u16::MAX);
            if top >= scroll && top - scroll < inner.height {
                layout.link_rows.push((inner.y + top - scroll, link));
            }
        }
    }
    frame.render_widget(paragraph.scroll((scroll, 0)), inner);
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
        Line::from(Span::styled(
            one_line(&item.title).into_owned(),
            style::title(),
        )),
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
        lines.push(field("Theme", one_line(theme).into_owned()));
    }
    if let Some(grade) = &item.grade {
        lines.push(field("Grade", one_line(grade).into_owned()));
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
            .map(|l| one_line(&l.title).into_owned())
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
    if let Some(text) = &item.text {
        if lines.len() > 2 {
            lines.push(Line::default());
        }
        lines.extend(
            reflow(text)
                .into_iter()
                .map(|l| Line::from(inert_line(&l).into_owned())),
        );
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
    lines.push(field(
        "Owner",
        owner.map_or_else(|| "—".into(), |o| one_line(o).into_owned()),
    ));
    if let Some(other) = entry.and_then(|e| e.conflict.as_ref()) {
        lines.extend(conflict_lines(other));
    }
    match entry.and_then(|e| e.note.as_deref()) {
        Some(note) => {
            lines.push(field("Note", String::new()));
            lines.extend(
                crate::text::lf(note)
                    .split('\n')
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

/// Join the hard-wrapped lines of each paragraph so the pane can wrap them
/// to its own width; blank lines, list items and indented lines stay.
fn reflow(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut joinable = false;
    for line in crate::text::lf(text).lines() {
        let starts_block = line.trim().is_empty()
            || line.starts_with([' ', '\t', '-', '*', '•'])
            || line
                .split_once(". ")
                .is_some_and(|(n, _)| n.chars().all(|c| c.is_ascii_digit()));
        match out.last_mut() {
            Some(last) if joinable && !starts_block => {
                last.push(' ');
                last.push_str(line);
            }
            _ => out.push(line.to_owned()),
        }
        joinable = !line.trim().is_empty();
    }
    out
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
                .map_or_else(|| "—".into(), |o| one_line(o).into_owned()),
        ),
    ];
    if let Some(note) = &other.note {
        lines.push(field("  Note", String::new()));
        lines.extend(
            crate::text::lf(note)
                .split('\n')
                .map(|l| Line::from(format!("    {}", inert_line(l)))),
        );
    }
    lines.push(Line::from(Span::styled(
        "  (= keeps your status and both notes.) Yours:",
        style::label(),
    )));
    lines
}

fn joined(values: &[String]) -> String {
    values
        .iter()
        .map(|v| one_line(v).into_owned())
        .collect::<Vec<_>>()
        .join(", ")
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
    #[test]
    fn reflow_joins_paragraph_lines_but_keeps_breaks_and_lists() {
        let text = "One two\nthree.\n\n- a\n- b\nNext";
        assert_eq!(
            super::reflow(text),
            ["One two three.", "", "- a", "- b Next"]
        );
    }
}
