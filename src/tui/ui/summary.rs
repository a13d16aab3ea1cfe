//! The summary view: counts by kind and status, progress per kind, the
//! response deadline and recommendations by due date.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};

use super::style;
use crate::model::Status;
use crate::text::one_line;
use crate::tui::app::{Action, App, ModeKind};

#[allow(clippy::too_many_lines, reason = "one screen, read top to bottom")]
pub fn render(app: &App, frame: &mut Frame, screen: Rect) {
    let [row] = Layout::vertical([Constraint::Length(screen.height.saturating_sub(2))])
        .flex(Flex::Center)
        .areas(screen);
    let [area] = Layout::horizontal([Constraint::Length(screen.width.saturating_sub(4).min(110))])
        .flex(Flex::Center)
        .areas(row);
    let width = usize::from(area.width.saturating_sub(2));
    let mut lines = Vec::new();

    if let Some(deadline) = app.inspection().meta.response_deadline() {
        let (words, urgent) = crate::model::deadline::deadline_words(deadline, app.today());
        let style = if urgent {
            style::error()
        } else {
            style::title()
        };
        lines.push(Line::from(vec![
            Span::styled("Response due ", style::label()),
            Span::styled(format!("{deadline} ({words})"), style),
        ]));
        lines.push(Line::default());
    }

    // Counts by kind and status.
    let summary = app.summary();
    let table = &summary.counts;
    let mut head = vec![Span::styled(format!("{:<24}", ""), style::label())];
    // Each column is seven wide: padding, the marker, a space, the word,
    // so the heading ends where the numbers below it end.
    for status in Status::ALL {
        let word = short(status);
        head.push(Span::raw(" ".repeat(7usize.saturating_sub(word.len() + 2))));
        head.push(Span::styled(status.symbol(), style::status(status)));
        head.push(Span::styled(format!(" {word}"), style::label()));
    }
    // The total has a space before it, however many digits it runs to.
    head.push(Span::styled(format!(" {:>6}", "total"), style::label()));
    lines.push(Line::from(head));
    let mut totals = [0; 6];
    for row in table {
        let mut spans = vec![Span::raw(format!("{:<24}", row.kind.plural()))];
        for (i, n) in row.by_status.iter().enumerate() {
            totals[i] += n;
            spans.push(Span::raw(format!("{n:>7}")));
        }
        spans.push(Span::styled(format!(" {:>6}", row.total()), style::title()));
        lines.push(Line::from(spans));
    }
    let mut spans = vec![Span::styled(format!("{:<24}", "All"), style::title())];
    for n in totals {
        spans.push(Span::styled(format!("{n:>7}"), style::title()));
    }
    spans.push(Span::styled(
        format!(" {:>6}", totals.iter().sum::<usize>()),
        style::title(),
    ));
    lines.push(Line::from(spans));
    lines.push(Line::default());

    // Progress per kind; the bars leave room for the longest count.
    let labels: Vec<String> = table
        .iter()
        .map(|row| format!(" {}/{} reviewed", row.reviewed(), row.total()))
        .collect();
    let label_width = labels.iter().map(String::len).max().unwrap_or(0);
    let bar_width = width.saturating_sub(24 + 2 + label_width + 1).clamp(10, 50);
    for (row, label) in table.iter().zip(labels) {
        let (done, total) = (row.reviewed(), row.total());
        lines.push(Line::from(vec![
            Span::raw(format!("{:<24}", row.kind.plural())),
            Span::raw(super::bar(done, total, bar_width)),
            Span::raw(label),
        ]));
    }

    // Recommendations by due date, overdue first.
    let dated = &summary.dated;
    lines.push(Line::default());
    if dated.is_empty() {
        lines.push(Line::from(Span::styled(
            "No recommendation has a due date.",
            style::label(),
        )));
    } else {
        lines.push(Line::from(Span::styled(
            "Recommendations by due date",
            style::title(),
        )));
        // As many as the box has rows for; the rest are counted.
        let room = usize::from(area.height.saturating_sub(2)).saturating_sub(lines.len() + 1);
        let shown = if dated.len() > room {
            room.saturating_sub(1)
        } else {
            dated.len()
        };
        for &(at, overdue) in &dated[..shown] {
            let item = &app.inspection().items[at];
            let status = app.status(&item.id);
            let due = item.due.map(|d| d.to_string()).unwrap_or_default();
            let flag = if overdue { "OVERDUE " } else { "        " };
            let head = format!("{flag}{due}  {} {:<6}", status.symbol(), one_line(&item.id));
            let room = width.saturating_sub(head.chars().count() + 1);
            lines.push(Line::from(vec![
                Span::styled(
                    flag,
                    if overdue {
                        style::error()
                    } else {
                        style::label()
                    },
                ),
                Span::raw(format!("{due}  ")),
                Span::styled(status.symbol(), style::status(status)),
                Span::raw(format!(" {:<6} ", one_line(&item.id))),
                Span::raw(crate::text::fitted(&item.title, room)),
            ]));
        }
        if shown < dated.len() {
            lines.push(Line::from(Span::styled(
                format!("… and {} more", dated.len() - shown),
                style::label(),
            )));
        }
    }
    let block = Block::bordered()
        .border_type(BorderType::Double)
        .border_style(style::focused_border())
        .title(Span::styled(
            format!(
                " Summary ({} closes) ",
                app.keys().hint(ModeKind::Summary, &Action::Back)
            ),
            style::title(),
        ));
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

/// A column heading short enough for the table.
fn short(status: Status) -> &'static str {
    match status {
        Status::Unreviewed => "new",
        Status::Accepted => "acc",
        Status::InProgress => "prog",
        Status::Complete => "done",
        Status::NotAccepted => "rej",
        Status::NotApplicable => "n/a",
    }
}
