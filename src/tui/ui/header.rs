//! The header: what the report is, when the response is due, how far the
//! review has got, and where it is saved.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Glyphs, style};
use crate::tui::app::App;

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let meta = &app.inspection().meta;
    // Every field is cut to the width before it is measured, so a header
    // costs the same whatever the file holds.
    let width = usize::from(area.width);
    let g = app.glyphs();
    let fitted = |text: &str, width| g.fitted(text, width);
    let second = facts(app, width);
    let (done, total) = app.progress();
    let mut third = vec![
        Span::styled("Reviewed ", style::label()),
        Span::styled(format!("{done}/{total}"), style::title()),
        Span::raw(" "),
        Span::raw(super::bar(g, done, total, 12)),
    ];

    if app.save().unsaved {
        third.push(Span::styled("  [NOT SAVED]", style::error()));
    }
    if let Some(who) = &app.read_only() {
        third.push(Span::styled(
            format!("  READ-ONLY: open in {who}"),
            style::error(),
        ));
    }
    // What narrows the view comes before the path, so it survives a cut.
    let mut narrowing: Vec<String> = app
        .filter()
        .describe()
        .iter()
        .map(|part| fitted(part, width))
        .collect();
    if !app.search().trim().is_empty() {
        // A search of quoted phrases shows its own quotes.
        let search = fitted(app.search(), width);
        narrowing.push(if search.contains('"') {
            format!("search {search}")
        } else {
            format!("search \"{search}\"")
        });
        if let Some(job) = &app.matching() {
            narrowing.push(format!(
                "searching{} {}%",
                g.ellipsis,
                job.done * 100 / job.total.max(1)
            ));
        }
    }
    if !narrowing.is_empty() {
        third.push(Span::styled("  Showing ", style::label()));
        third.push(Span::styled(narrowing.join(g.sep), style::title()));
    }
    let conflicts = app.conflicts();
    if conflicts > 0 {
        third.push(Span::styled(
            format!(
                "  ! {conflicts} conflict{} to settle",
                if conflicts == 1 { "" } else { "s" }
            ),
            style::error(),
        ));
    }
    if !app.marks().is_empty() {
        third.push(Span::styled(
            format!("  {} {} marked", g.mark, app.marks().len()),
            style::mark(),
        ));
    }
    // Before the path, after what narrows the view (which must survive a cut).
    let (needed, answerable) = app.responses_needed();
    if answerable > 0 {
        third.push(Span::styled("  Responses needed ", style::label()));
        third.push(Span::styled(
            format!("{needed}/{answerable}"),
            if needed > 0 {
                style::title()
            } else {
                style::label()
            },
        ));
    }
    if let Some(register) = app.register_of() {
        // Each item is saved to its own inspection's review.
        let files = register.reports.len();
        third.push(Span::styled(
            format!(
                "  saved to {files} review file{}",
                if files == 1 { "" } else { "s" }
            ),
            style::label(),
        ));
    } else {
        third.push(Span::styled("  review: ", style::label()));
        third.push(Span::raw(fitted(
            &app.save().path.display().to_string(),
            width,
        )));
    }
    let lines = vec![
        Line::from(Span::styled(fitted(&meta.title, width), style::title())),
        fit(g, Line::from(second), width),
        fit(g, Line::from(third), width),
    ];
    frame.render_widget(Paragraph::new(lines), area);
}

/// The inspection's facts, one after another: who, when published, when
/// the response is due and how near that is.
fn facts(app: &App, width: usize) -> Vec<Span<'static>> {
    let meta = &app.inspection().meta;
    let g = app.glyphs();
    let mut facts = Vec::new();
    if let Some(who) = &meta.inspectorate {
        facts.push(Span::raw(g.fitted(who, width)));
    }
    if let Some(published) = meta.published {
        facts.push(Span::raw(format!("published {published}")));
    }
    if let Some(deadline) = meta.response_deadline() {
        let (words, style) = super::days_to(app, deadline, style::title());
        facts.push(Span::styled(
            format!("response due {deadline} ({words})"),
            style,
        ));
    }
    let mut line = Vec::new();
    for (i, span) in facts.into_iter().enumerate() {
        if i > 0 {
            line.push(Span::styled(g.sep, style::label()));
        }
        line.push(span);
    }
    line
}

/// A line cut to `width` columns, ending in `…` (or what stands for it in
/// `g`) when something was cut.
fn fit(g: &Glyphs, line: Line<'static>, width: usize) -> Line<'static> {
    use unicode_width::UnicodeWidthChar as _;
    if line.width() <= width {
        return line;
    }
    // What the spans may take before the ellipsis: the ASCII one is three
    // columns, and may reach back into the spans before the last.
    let mark = unicode_width::UnicodeWidthStr::width(g.ellipsis);
    let room = width.saturating_sub(mark);
    let mut spans = Vec::new();
    let mut used = 0;
    for span in line.spans {
        let w = span.width();
        if used + w <= room {
            used += w;
            spans.push(span);
            continue;
        }
        // The line goes on past here, so it ends in the ellipsis, in the
        // style of the span it cuts.
        let mut text = String::new();
        for c in span.content.chars() {
            let cw = c.width().unwrap_or(0);
            if used + cw > room {
                break;
            }
            used += cw;
            text.push(c);
        }
        text.extend(g.ellipsis.chars().take(width - used));
        spans.push(Span::styled(text, span.style));
        break;
    }
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(line: &Line) -> String {
        line.spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn a_cut_line_always_ends_in_an_ellipsis() {
        let line = || Line::from(vec![Span::raw("abcde"), Span::raw("fgh")]);
        let fit = |line, width| fit(&Glyphs::UNICODE, line, width);
        assert_eq!(text(&fit(line(), 8)), "abcdefgh");
        assert_eq!(text(&fit(line(), 7)), "abcdef…");
        assert_eq!(
            text(&fit(line(), 5)),
            "abcd…",
            "the first span fits exactly"
        );
        assert_eq!(text(&fit(line(), 3)), "ab…");
    }

    #[test]
    fn a_cut_ascii_line_ends_in_three_dots_within_the_width() {
        let line = || Line::from(vec![Span::raw("abcde"), Span::raw("fgh")]);
        let fit = |line, width| fit(&Glyphs::ASCII, line, width);
        assert_eq!(text(&fit(line(), 8)), "abcdefgh");
        assert_eq!(text(&fit(line(), 7)), "abcd...");
        assert_eq!(text(&fit(line(), 5)), "ab...");
        assert_eq!(text(&fit(line(), 2)), "..");
    }
}
