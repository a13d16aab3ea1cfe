//! The summary view: counts by kind and status, progress per kind, the
//! response deadline and recommendations by due date.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::style;
use crate::model::Status;
use crate::text::one_line;
use crate::tui::app::{Action, App, ModeKind};

/// How the table of counts fits the width it has: the kinds' names in
/// full or short, each status named or shown by its marker alone (with a
/// legend beneath), every column kept.
struct Columns {
    /// The first column: the kind.
    label: usize,
    /// Each status's column.
    status: usize,
    /// The total's column, after the space before it.
    total: usize,
    /// Kinds named short (`Recs`), not in full.
    short_kinds: bool,
    /// Statuses headed by word (`✓ acc`), not by marker alone.
    words: bool,
}

impl Columns {
    fn fit(width: usize, largest: usize) -> Self {
        let digits = largest.max(1).to_string().len();
        let short_label = crate::model::Kind::ALL
            .iter()
            .map(|k| k.short().len())
            .max()
            .unwrap_or(0)
            + 1;
        // (label, status, total, short kinds, words), widest first.
        let tiers = [
            (24, 7, 6, false, true),
            (short_label, 7, 6, true, true),
            (short_label, 3, 5, true, false),
        ];
        let mut chosen = tiers[tiers.len() - 1];
        for tier in tiers {
            let status = tier.1.max(digits + 1);
            let total = tier.2.max(digits);
            if tier.0 + 6 * status + 1 + total <= width {
                chosen = tier;
                break;
            }
        }
        Columns {
            label: chosen.0,
            status: chosen.1.max(digits + 1),
            total: chosen.2.max(digits),
            short_kinds: chosen.3,
            words: chosen.4,
        }
    }

    fn kind(&self, kind: crate::model::Kind) -> String {
        let name = if self.short_kinds {
            kind.short()
        } else {
            kind.plural()
        };
        format!("{name:<w$}", w = self.label)
    }
}

/// The summary's rows: all but the recommendations by due date, which are
/// made only as far as they are shown.
#[allow(clippy::too_many_lines, reason = "one screen, read top to bottom")]
fn head(app: &App, summary: &crate::tui::app::Summary, width: usize) -> Vec<Line<'static>> {
    let g = app.glyphs();
    let mut lines = Vec::new();
    if let Some(deadline) = app.inspection().meta.response_deadline() {
        // As the header says it.
        let (words, style) = super::days_to(app, deadline, style::title());
        lines.push(Line::from(vec![
            Span::styled("Response due ", style::label()),
            Span::styled(format!("{deadline} ({words})"), style),
        ]));
        lines.push(Line::default());
    }

    // Counts by kind and status.
    let table = &summary.counts;
    let largest = table
        .iter()
        .map(crate::model::summary::KindCounts::total)
        .sum::<usize>();
    let cols = Columns::fit(width, largest);
    let mut head = vec![Span::styled(" ".repeat(cols.label), style::label())];
    // Each column ends where the numbers below it end: padding, the
    // marker, then a space and the word when there is room for words.
    for status in Status::ALL {
        let word = if cols.words {
            format!(" {}", short(status))
        } else {
            String::new()
        };
        head.push(Span::raw(
            " ".repeat(cols.status.saturating_sub(word.len() + 1)),
        ));
        head.push(Span::styled(g.status(status), style::status(status)));
        head.push(Span::styled(word, style::label()));
    }
    // The total has a space before it, however many digits it runs to.
    head.push(Span::styled(
        format!(" {:>w$}", "total", w = cols.total),
        style::label(),
    ));
    lines.push(Line::from(head));
    let mut totals = [0; 6];
    for row in table {
        let mut spans = vec![Span::raw(cols.kind(row.kind))];
        for (i, n) in row.by_status.iter().enumerate() {
            totals[i] += n;
            spans.push(Span::raw(format!("{n:>w$}", w = cols.status)));
        }
        spans.push(Span::styled(
            format!(" {:>w$}", row.total(), w = cols.total),
            style::title(),
        ));
        lines.push(Line::from(spans));
    }
    let mut spans = vec![Span::styled(
        format!("{:<w$}", "All", w = cols.label),
        style::title(),
    )];
    for n in totals {
        spans.push(Span::styled(
            format!("{n:>w$}", w = cols.status),
            style::title(),
        ));
    }
    spans.push(Span::styled(
        format!(" {:>w$}", totals.iter().sum::<usize>(), w = cols.total),
        style::title(),
    ));
    lines.push(Line::from(spans));
    if !cols.words {
        // Markers alone head the columns: what each stands for.
        let mut legend = Vec::new();
        for status in Status::ALL {
            legend.push(Span::styled(g.status(status), style::status(status)));
            legend.push(Span::styled(format!(" {} ", short(status)), style::label()));
        }
        lines.push(Line::from(legend));
    }
    lines.push(Line::default());

    // Progress per kind, what is to be answered apart from what is not;
    // the bars leave room for the longest count.
    let needed = |kind| {
        summary
            .needed
            .iter()
            .find(|(k, _)| *k == kind)
            .map(|(_, n)| *n)
    };
    let label = |row: &crate::model::summary::KindCounts| match needed(row.kind) {
        Some(n) => format!(
            " {}/{} reviewed, {n} to answer",
            row.reviewed(),
            row.total()
        ),
        None => format!(" {}/{} reviewed", row.reviewed(), row.total()),
    };
    let label_width = table.iter().map(|r| label(r).len()).max().unwrap_or(0);
    let bar_width = width
        .saturating_sub(cols.label + 2 + label_width + 1)
        .clamp(10, 50);
    for (heading, answered) in [
        ("To answer (a response for each)", true),
        ("Findings and strengths", false),
    ] {
        let rows: Vec<_> = table
            .iter()
            .filter(|r| needed(r.kind).is_some() == answered && r.total() > 0)
            .collect();
        if rows.is_empty() {
            continue;
        }
        lines.push(Line::from(Span::styled(heading, style::label())));
        for row in rows {
            let (done, total) = (row.reviewed(), row.total());
            lines.push(Line::from(vec![
                Span::raw(cols.kind(row.kind)),
                Span::raw(super::bar(g, done, total, bar_width)),
                Span::raw(label(row)),
            ]));
        }
    }

    // Recommendations by due date, overdue first.
    lines.push(Line::default());
    if summary.dated.is_empty() {
        lines.push(Line::from(Span::styled(
            "No recommendation has a due date.",
            style::label(),
        )));
    } else {
        lines.push(Line::from(Span::styled(
            "Recommendations by due date",
            style::title(),
        )));
    }
    lines
}

pub fn render(app: &App, frame: &mut Frame, screen: Rect, d: &mut super::Drawing) {
    let area = super::views::area_for(screen);
    let width = usize::from(area.width.saturating_sub(2));
    let g = app.glyphs();
    let summary = app.summary();
    let head = head(app, &summary, width);
    let dated = &summary.dated;
    let total = head.len() + dated.len();
    let height = area.height.saturating_sub(2);
    let first = super::views::settle(app, total, height, d);
    let shown = total.min(usize::from(height));
    let inner = super::views::view_box(
        frame,
        area,
        format!(
            " Summary ({} closes) ",
            app.keys().hint(ModeKind::Summary, &Action::Back)
        ),
        (first, shown, total),
        app,
    );
    let head_len = head.len();
    let mut lines: Vec<Line> = head.into_iter().skip(first).take(shown).collect();
    let from = first.saturating_sub(head_len);
    // Only the recommendations in view are made into rows.
    for &(at, overdue) in dated.iter().skip(from).take(shown - lines.len()) {
        let item = &app.inspection().items[at];
        let status = app.status(&item.id);
        let due = app
            .review()
            .due_of(item)
            .map(|d| d.to_string())
            .unwrap_or_default();
        let flag = if overdue { "OVERDUE " } else { "        " };
        let head = format!(
            "{flag}{due}  {} {:<6}",
            g.status(status),
            one_line(&item.id)
        );
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
            Span::styled(g.status(status), style::status(status)),
            Span::raw(format!(" {:<6} ", one_line(&item.id))),
            Span::raw(g.fitted(&item.title, room)),
        ]));
    }
    frame.render_widget(Paragraph::new(lines), inner);
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
