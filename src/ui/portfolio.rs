//! The overview of several inspections: deadline, progress and open
//! recommendations for each, and the files that did not load.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph, Wrap};

use super::{list::truncate, style};
use crate::app::{Message, ModeKind};
use crate::model::report::{days_left, days_words};
use crate::portfolio::{Portfolio, Stats};
use crate::text::one_line;

#[allow(clippy::too_many_lines, reason = "one screen, read top to bottom")]
pub fn render(portfolio: &Portfolio, frame: &mut Frame) {
    style::set_colour(portfolio.colour);
    let area = frame.area();
    if area.width < super::MIN_WIDTH || area.height < super::MIN_HEIGHT {
        super::too_small(frame, area);
        return;
    }
    let [head, body, detail, message_row, keys_row] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Fill(1),
        Constraint::Length(3),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let loaded = portfolio.entries.iter().filter(|e| e.stats.is_ok()).count();
    let failed = portfolio.entries.len() - loaded;
    let mut title = vec![Span::styled(
        format!("{} inspections", portfolio.entries.len()),
        style::title(),
    )];
    if failed > 0 {
        title.push(Span::styled(
            format!(" ({failed} did not load)"),
            style::error(),
        ));
    }
    title.push(Span::styled(
        format!(" · sorted {}", portfolio.sort.label()),
        style::label(),
    ));
    let columns = Line::from(Span::styled(
        format!(
            "  {:<w$} {:<10} {:<30} {:<24} {:>5}",
            "Inspection",
            "Published",
            "Response due",
            "Reviewed",
            "Open",
            w = title_width(usize::from(area.width))
        ),
        style::label(),
    ));
    frame.render_widget(Paragraph::new(vec![Line::from(title), columns]), head);

    let width = usize::from(area.width);
    let height = usize::from(body.height.saturating_sub(2));
    let offset =
        super::list::scroll_offset(0, portfolio.selected, height.max(1), portfolio.order.len());
    let rows: Vec<Line> = portfolio
        .order
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(row, &index)| {
            let entry = &portfolio.entries[index];
            let selected = row == portfolio.selected;
            let line = match &entry.stats {
                Ok(stats) => stats_row(stats, portfolio, width),
                Err(why) => {
                    let name = entry.path.display().to_string();
                    Line::from(vec![
                        Span::styled("✗ ", style::error()),
                        Span::raw(truncate(&one_line(&name), title_width(width))),
                        Span::styled(
                            format!(
                                " did not load: {}",
                                truncate(&one_line(why.lines().next().unwrap_or("")), width / 2)
                            ),
                            style::error(),
                        ),
                    ])
                }
            };
            let pointer = if selected { "▸" } else { " " };
            let mut line = line;
            line.spans.insert(0, Span::raw(pointer));
            if selected {
                line.style(style::selected(true))
            } else {
                line
            }
        })
        .collect();
    let block = Block::bordered()
        .border_type(BorderType::Thick)
        .border_style(style::focused_border());
    frame.render_widget(Paragraph::new(rows).block(block), body);

    // The highlighted file in full: its path, and its error if it failed.
    let detail_text = portfolio.selected_entry().map_or_else(Vec::new, |entry| {
        let mut lines = vec![Line::from(vec![
            Span::styled("File ", style::label()),
            Span::raw(one_line(&entry.path.display().to_string()).into_owned()),
        ])];
        if let Err(why) = &entry.stats {
            lines.extend(why.lines().map(|l| {
                Line::from(Span::styled(
                    crate::text::inert_line(l).into_owned(),
                    style::error(),
                ))
            }));
        }
        lines
    });
    frame.render_widget(
        Paragraph::new(detail_text).wrap(Wrap { trim: false }),
        detail,
    );
    let message = match &portfolio.message {
        Some(Message::Error(text)) => Line::from(Span::styled(
            truncate(&one_line(text), width),
            style::error(),
        )),
        Some(Message::Info(text)) => Line::from(truncate(&one_line(text), width)),
        None => Line::from(Span::styled(
            "Enter opens an inspection; Esc there comes back here.",
            style::label(),
        )),
    };
    frame.render_widget(Paragraph::new(message), message_row);
    let keys = portfolio
        .keys
        .footer(ModeKind::Portfolio)
        .into_iter()
        .flat_map(|(k, w)| [Span::styled(k, style::key()), Span::raw(format!(" {w}  "))])
        .collect::<Vec<_>>();
    frame.render_widget(Paragraph::new(Line::from(keys)), keys_row);
}

/// Room for the title column: what the other columns leave.
fn title_width(width: usize) -> usize {
    width.saturating_sub(2 + 11 + 31 + 25 + 6 + 3).max(10)
}

fn stats_row(stats: &Stats, portfolio: &Portfolio, width: usize) -> Line<'static> {
    let published = stats
        .published
        .map_or_else(|| "—".to_owned(), |d| d.to_string());
    let (due_text, overdue) = match stats.deadline {
        Some(deadline) => {
            let days = days_left(deadline, portfolio.today);
            // "days overdue" says it in words, so it reads without colour.
            (format!("{deadline} ({})", days_words(days)), days <= 0)
        }
        None => ("—".to_owned(), false),
    };
    let bar_width = 12;
    let filled = (stats.reviewed * bar_width)
        .checked_div(stats.items)
        .unwrap_or(0);
    let reviewed = format!(
        "[{}{}] {}/{}",
        "█".repeat(filled),
        "░".repeat(bar_width - filled),
        stats.reviewed,
        stats.items
    );
    let open = format!("{}/{}", stats.open_recommendations, stats.recommendations);
    let title_w = title_width(width);
    Line::from(vec![
        Span::raw(" "),
        Span::raw(format!(
            "{:<title_w$} ",
            truncate(&one_line(&stats.title), title_w)
        )),
        Span::raw(format!("{published:<10} ")),
        Span::styled(
            format!("{:<30} ", truncate(&due_text, 30)),
            if overdue {
                style::error()
            } else {
                ratatui::style::Style::new()
            },
        ),
        Span::raw(format!("{reviewed:<24} ")),
        Span::raw(format!("{open:>5}")),
    ])
}
