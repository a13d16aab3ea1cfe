//! The overview of several inspections: deadline, progress and open
//! recommendations for each, and the files that did not load.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Glyphs, style};
use crate::model::deadline::deadline_words;
use crate::text::one_line;
use crate::tui::app::{Action, Message, ModeKind};
use crate::tui::portfolio::{HelpLine, Portfolio, Stats};

pub fn render(portfolio: &Portfolio, frame: &mut Frame, theme: &super::Theme) {
    draw(portfolio, frame);
    theme.apply(frame.buffer_mut());
}

#[allow(clippy::too_many_lines, reason = "one screen, read top to bottom")]
fn draw(portfolio: &Portfolio, frame: &mut Frame) {
    let area = frame.area();
    if area.width < super::MIN_WIDTH || area.height < super::MIN_HEIGHT {
        let quit = portfolio.keys().hint(ModeKind::Portfolio, &Action::Quit);
        super::too_small(frame, area, &quit);
        return;
    }
    let g = portfolio.glyphs();
    let fitted = |text: &str, width| g.fitted(text, width);
    let columns = Columns::for_width(g, usize::from(area.width.saturating_sub(2)));
    // The highlighted file's error, in full, below the list.
    let error_lines: Vec<String> = portfolio
        .selected_entry()
        .and_then(|e| e.stats.as_ref().err())
        .map(|why| {
            why.lines()
                .map(|l| crate::text::inert_line(l).into_owned())
                .collect()
        })
        .unwrap_or_default();
    let detail_height = u16::try_from(error_lines.len() + 1)
        .unwrap_or(u16::MAX)
        .min(area.height / 3);
    let [head, body, detail, message_row, keys_row] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(3),
        Constraint::Length(detail_height),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let loaded = portfolio
        .entries()
        .iter()
        .filter(|e| e.stats.is_ok())
        .count();
    let failed = portfolio.entries().len() - loaded;
    let mut title = vec![Span::styled(
        match portfolio.entries().len() {
            1 => "1 inspection".to_owned(),
            n => format!("{n} inspections"),
        },
        style::title(),
    )];
    if failed > 0 {
        title.push(Span::styled(
            format!(" ({failed} did not load)"),
            style::error(),
        ));
    }
    title.push(Span::styled(
        format!("{}sorted {}", g.sep, portfolio.sort().label()),
        style::label(),
    ));
    // Headings start where the rows' text does: after the border, the
    // pointer and a space.
    let headings = Line::from(Span::styled(
        format!("   {}", columns.headings()),
        style::label(),
    ));
    frame.render_widget(Paragraph::new(vec![Line::from(title), headings]), head);

    let height = usize::from(body.height.saturating_sub(2));
    let offset = super::list::scroll_offset(
        0,
        portfolio.selected(),
        height.max(1),
        portfolio.order().len(),
    );
    let rows: Vec<Line> = portfolio
        .order()
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(row, &index)| {
            let entry = &portfolio.entries()[index];
            let selected = row == portfolio.selected();
            let pointer = if selected { g.pointer } else { " " };
            // `!`: a sync tool's conflict copy of the review lies beside it.
            let copies = if portfolio.copies_beside(&entry.path) > 0 {
                "!"
            } else {
                " "
            };
            let mut spans = vec![
                Span::raw(pointer.to_owned()),
                Span::styled(copies, style::error()),
            ];
            match &entry.stats {
                Ok(stats) => spans.extend(columns.row(stats, portfolio.today())),
                Err(why) => {
                    let name = entry.path.display().to_string();
                    let first = why.lines().next().unwrap_or("");
                    // The path is in the row already; the message follows it.
                    let message = first
                        .strip_prefix(&name)
                        .map_or(first, |m| m.trim_start_matches(':'));
                    let room = columns.total.saturating_sub(2);
                    spans.push(Span::styled(format!("{} ", g.cross), style::error()));
                    spans.push(Span::styled(
                        fitted(&format!("{name}: did not load: {}", message.trim()), room),
                        style::error(),
                    ));
                }
            }
            let line = Line::from(spans);
            if selected {
                line.style(style::selected(true))
            } else {
                line
            }
        })
        .collect();
    let rows = if rows.is_empty() && !portfolio.query().is_empty() {
        vec![Line::from(Span::styled(
            format!(
                "  No inspection matches \"{}\"",
                one_line(portfolio.query())
            ),
            style::label(),
        ))]
    } else {
        rows
    };
    let mut block = g.thick().border_style(style::focused_border());
    if portfolio.searching() || !portfolio.query().is_empty() {
        let key = |mode, action| portfolio.keys().hint(mode, action);
        let query = one_line(portfolio.query()).into_owned();
        let sep = g.sep;
        let (what, how) = if portfolio.searching() {
            (
                format!(" Search: {query}{}", g.cursor),
                format!(
                    "{} keeps, {} clears ",
                    key(ModeKind::PortfolioSearch, &Action::Accept),
                    key(ModeKind::PortfolioSearch, &Action::Back)
                ),
            )
        } else {
            (
                format!(" Matching \"{query}\""),
                format!("{} clears ", key(ModeKind::Portfolio, &Action::Back)),
            )
        };
        block = block.title(Line::from(vec![
            Span::styled(what, style::title()),
            Span::styled(
                format!(
                    "{sep}{} of {}{sep}{how}",
                    portfolio.order().len(),
                    portfolio.entries().len()
                ),
                style::label(),
            ),
        ]));
    }
    frame.render_widget(Paragraph::new(rows).block(block), body);

    let mut detail_text = Vec::new();
    if let Some(entry) = portfolio.selected_entry() {
        detail_text.push(Line::from(vec![
            Span::styled("File ", style::label()),
            Span::raw(one_line(&entry.path.display().to_string()).into_owned()),
        ]));
        detail_text.extend(
            error_lines
                .into_iter()
                .map(|l| Line::from(Span::styled(l, style::error()))),
        );
    }
    frame.render_widget(Paragraph::new(detail_text), detail);
    let width = usize::from(area.width);
    let message = match &portfolio.message() {
        Some(Message::Error(text)) => Line::from(Span::styled(fitted(text, width), style::error())),
        Some(Message::Info(text)) => Line::from(fitted(text, width)),
        None => Line::from(Span::styled(
            format!(
                "{} opens an inspection; {} there comes back here.",
                portfolio.keys().hint(ModeKind::Portfolio, &Action::Open),
                portfolio.keys().hint(ModeKind::Normal, &Action::Leave)
            ),
            style::label(),
        )),
    };
    frame.render_widget(Paragraph::new(message), message_row);
    let keys = portfolio
        .keys()
        .footer(ModeKind::Portfolio)
        .into_iter()
        .flat_map(|(k, w)| [Span::styled(k, style::key()), Span::raw(format!(" {w}  "))])
        .collect::<Vec<_>>();
    frame.render_widget(Paragraph::new(Line::from(keys)), keys_row);
    if let Some(scroll) = portfolio.help_scroll() {
        help(portfolio, frame, scroll);
    }
    if let Some(since) = portfolio.picking() {
        super::views::changes_pick(portfolio.keys(), frame, frame.area(), since);
    }
    if let Some((since, pack, scroll)) = portfolio.pack() {
        pack_view(portfolio, frame, since, pack, scroll);
    }
}

/// The committee pack of every inspection, over the list.
fn pack_view(
    portfolio: &Portfolio,
    frame: &mut Frame,
    since: jiff::civil::Date,
    pack: &str,
    scroll: usize,
) {
    let screen = frame.area();
    let area = super::popup::centered(
        screen,
        screen.width.saturating_sub(4).min(110),
        screen.height.saturating_sub(3),
    );
    let lines = super::views::pack_lines(pack, usize::from(area.width.saturating_sub(2)));
    let key = |action| portfolio.keys().hint(ModeKind::Changes, action);
    let sep = portfolio.glyphs().sep;
    let title = format!(
        " What changed since {}, in every inspection ({}/{} scroll{sep}{} another day{sep}{} closes) ",
        crate::model::deadline::long_date(since),
        key(&Action::MoveDown),
        key(&Action::MoveUp),
        key(&Action::Changes),
        key(&Action::Back)
    );
    let at = u16::try_from(scroll).unwrap_or(u16::MAX);
    super::popup::keys_box(portfolio.glyphs(), frame, area, title, lines, at);
}

/// The overview's keys, from the keymap, over the list.
fn help(portfolio: &Portfolio, frame: &mut Frame, scroll: u16) {
    let screen = frame.area();
    let area = super::popup::centered(screen, 76, screen.height.saturating_sub(2));
    let lines: Vec<Line> = crate::tui::portfolio::help_lines(portfolio.keys())
        .into_iter()
        .map(|line| match line {
            HelpLine::Blank => Line::default(),
            HelpLine::Heading(words) => Line::from(Span::styled(words, style::title())),
            HelpLine::Key(keys, what) => Line::from(vec![
                Span::styled(format!("  {:<20}", one_line(&keys)), style::key()),
                Span::raw(one_line(&what).into_owned()),
            ]),
        })
        .collect();
    let key = |action| portfolio.keys().hint(ModeKind::PortfolioHelp, action);
    let title = format!(
        " Overview keys ({} closes, {}/{} scroll) ",
        key(&Action::Back),
        key(&Action::MoveDown),
        key(&Action::MoveUp)
    );
    super::popup::keys_box(portfolio.glyphs(), frame, area, title, lines, scroll);
}

/// The overview's columns, fitted to the width: narrow screens drop the
/// publication date and the deadline's date, keeping the days in words.
struct Columns {
    g: &'static Glyphs,
    /// Width of the rows' text, after the pointer.
    total: usize,
    title: usize,
    wide: bool,
    bar: usize,
}

const PUBLISHED: usize = 10;
const DUE_WIDE: usize = 30;
const DUE_NARROW: usize = 17;
const REVIEWED_NUMBERS: usize = 11;
const OPEN: usize = 7;

impl Columns {
    fn for_width(g: &'static Glyphs, inner: usize) -> Self {
        let total = inner.saturating_sub(2);
        let wide = total >= 100;
        let bar = if wide { 12 } else { 6 };
        // "[", the bar, "] ", the numbers.
        let reviewed = bar + 3 + REVIEWED_NUMBERS;
        let fixed = if wide {
            PUBLISHED + 1 + DUE_WIDE + 1 + reviewed + 1 + OPEN
        } else {
            DUE_NARROW + 1 + reviewed + 1 + OPEN
        };
        let title = total.saturating_sub(fixed + 1).max(8);
        Columns {
            g,
            total,
            title,
            wide,
            bar,
        }
    }

    fn headings(&self) -> String {
        let reviewed = self.bar + 3 + REVIEWED_NUMBERS;
        let w = self.title;
        if self.wide {
            format!(
                "{:<w$} {:<PUBLISHED$} {:<DUE_WIDE$} {:<reviewed$} {:>OPEN$}",
                "Inspection", "Published", "Response due", "Reviewed", "Open"
            )
        } else {
            format!(
                "{:<w$} {:<DUE_NARROW$} {:<reviewed$} {:>OPEN$}",
                "Inspection", "Response due", "Reviewed", "Open"
            )
        }
    }

    fn row(&self, stats: &Stats, today: jiff::civil::Date) -> Vec<Span<'static>> {
        let (due_text, urgent) = match stats.deadline {
            Some(deadline) => {
                // "days overdue" says it in words, so it reads without colour.
                let (words, urgent) = deadline_words(deadline, today);
                let text = if self.wide {
                    format!("{deadline} ({words})")
                } else {
                    words
                };
                (text, urgent)
            }
            None => (self.g.none.to_owned(), false),
        };
        let reviewed = format!(
            "{} {:<REVIEWED_NUMBERS$}",
            super::bar(self.g, stats.reviewed, stats.items, self.bar),
            format!("{}/{}", stats.reviewed, stats.items)
        );
        let open = format!("{}/{}", stats.open_recommendations, stats.recommendations);
        let w = self.title;
        let due_w = if self.wide { DUE_WIDE } else { DUE_NARROW };
        let mut spans = vec![Span::raw(format!(
            "{:<w$} ",
            self.g.fitted(&stats.title, w)
        ))];
        if self.wide {
            let published = stats
                .published
                .map_or_else(|| self.g.none.to_owned(), |d| d.to_string());
            spans.push(Span::raw(format!("{published:<PUBLISHED$} ")));
        }
        spans.push(Span::styled(
            format!("{:<due_w$} ", self.g.truncate(&due_text, due_w)),
            if urgent {
                style::error()
            } else {
                ratatui::style::Style::new()
            },
        ));
        spans.push(Span::raw(format!("{reviewed} ")));
        spans.push(Span::raw(format!("{open:>OPEN$}")));
        spans
    }
}
