//! The item lists, one pane per kind.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use std::fmt::Write as _;

use unicode_width::UnicodeWidthStr;

use super::{Drawing, style};
use crate::model::{Kind, Status};
use crate::tui::app::{App, ListView, Pane, PaneKind, SortOrder};

/// All panes, one above another.
pub fn render_stacked(app: &App, frame: &mut Frame, area: Rect, d: &mut Drawing) {
    let wanted: Vec<usize> = app.panes().iter().map(|p| p.len().max(1) + 2).collect();
    let heights = share(usize::from(area.height), &wanted);
    let constraints = heights
        .iter()
        .map(|&h| Constraint::Length(u16::try_from(h).unwrap_or(u16::MAX)));
    let areas = Layout::vertical(constraints).split(area);
    for (i, (pane, rect)) in app.panes().iter().zip(areas.iter()).enumerate() {
        let focused = i == app.focus();
        let title = format!(
            " {} ({}){} ",
            pane.kind.title(),
            count(app, pane),
            sort_note(app, pane)
        );
        render_pane(app, frame, (*rect, i), focused, title, d);
    }
}

/// "7" or, when filters or a search hide some, "3/7".
fn count(app: &App, pane: &Pane) -> String {
    if app.is_narrowed() {
        format!("{}/{}", pane.len(), pane.count())
    } else {
        pane.len().to_string()
    }
}

fn sort_note(app: &App, pane: &Pane) -> String {
    let register = app.register_of().is_some();
    match (pane.sort, pane.reversed) {
        (SortOrder::File, false) => String::new(),
        (sort, false) => format!(" {} {}", app.glyphs().dot, sort.label_in(register)),
        (sort, true) => format!(
            " {} {}, reversed",
            app.glyphs().dot,
            sort.label_in(register)
        ),
    }
}

/// Split `total` rows between panes that want `wanted` rows each: every pane
/// gets a few rows, then rows go one at a time to panes still short, so a
/// pane of six items does not take as much room as one of six thousand.
/// Rows left over when all are satisfied go to the last pane.
pub fn share(total: usize, wanted: &[usize]) -> Vec<usize> {
    const MIN: usize = 4;
    let mut heights: Vec<usize> = wanted.iter().map(|&w| w.min(MIN)).collect();
    let mut left = total.saturating_sub(heights.iter().sum());
    while left > 0 {
        let mut gave = false;
        for (h, &w) in heights.iter_mut().zip(wanted) {
            if left > 0 && *h < w {
                *h += 1;
                left -= 1;
                gave = true;
            }
        }
        if !gave {
            break;
        }
    }
    if let Some(last) = heights.last_mut() {
        *last += left;
    }
    heights
}

/// Only the focused pane, with the others named in its title as tabs.
pub fn render_tabbed(app: &App, frame: &mut Frame, area: Rect, d: &mut Drawing) {
    let pane = app.pane();
    let tabs: Vec<String> = app
        .panes()
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let name = format!("{} {}", p.kind.short(), count(app, p));
            if i == app.focus() {
                format!("[{name}]")
            } else {
                name
            }
        })
        .collect();
    let title = format!(" {}{} ", tabs.join(app.glyphs().sep), sort_note(app, pane));
    render_pane(app, frame, (area, app.focus()), true, title, d);
}

/// Pane `index`, drawn in `area`.
#[allow(clippy::too_many_lines, reason = "the pane's parts in the order drawn")]
fn render_pane(
    app: &App,
    frame: &mut Frame,
    (area, index): (Rect, usize),
    focused: bool,
    title: String,
    d: &mut Drawing,
) {
    let pane = &app.panes()[index];
    let g = app.glyphs();
    let block = if focused {
        g.thick()
            .border_style(style::focused_border())
            .title(Span::styled(format!("{}{title}", g.focus), style::title()))
    } else {
        g.bordered().title(Span::styled(title, style::label()))
    };
    let mut inner = block.inner(area);
    frame.render_widget(block, area);
    // The working facts as columns, with a row naming them, as width allows.
    // An 80-column screen (one pane at a time) keeps its rows as they were.
    let columns = if frame.area().width >= super::WIDE {
        Columns::for_pane(
            pane.kind,
            usize::from(inner.width),
            app.register_of().is_some(),
        )
    } else {
        Columns::default()
    };
    if !columns.is_empty() && inner.height > 1 {
        let head = Rect { height: 1, ..inner };
        frame.render_widget(
            Paragraph::new(Span::styled(
                columns.heading(usize::from(inner.width)),
                style::label(),
            )),
            head,
        );
        inner.y += 1;
        inner.height -= 1;
    }
    d.layout.panes.push((index, inner));
    let height = usize::from(inner.height);
    if height == 0 {
        return;
    }
    let offset = scroll_offset(pane.offset(), pane.selected, height, pane.len());
    d.layout.lists.push(ListView {
        pane: index,
        offset,
        height,
    });
    if pane.len() > height {
        // Say which rows are shown, so hidden items are not a surprise.
        let shown = format!(
            " {}{}{} of {} ",
            offset + 1,
            g.dash,
            (offset + height).min(pane.len()),
            pane.len()
        );
        let bottom = Rect {
            y: area.bottom().saturating_sub(1),
            height: 1,
            ..area
        };
        frame.render_widget(
            Paragraph::new(Span::styled(shown, style::label()))
                .alignment(ratatui::layout::Alignment::Right),
            Rect {
                x: bottom.x + 1,
                width: bottom.width.saturating_sub(2),
                ..bottom
            },
        );
    }
    let id_width = pane
        .shown(offset, height, &app.inspection().items)
        .map(|id| app.shown_id(id).width())
        .max()
        .unwrap_or(0)
        .min(if app.register_of().is_some() {
            REGISTER_ID
        } else {
            12
        });
    let width = usize::from(inner.width);
    let lines: Vec<Line> = pane
        .shown(offset, height, &app.inspection().items)
        .enumerate()
        .map(|(n, id)| (offset + n, id))
        .map(|(i, id)| {
            row(
                app,
                (pane.kind, id),
                (id_width, columns),
                width,
                (focused && i == pane.selected, i == pane.selected),
                &mut d.cache.matcher,
            )
        })
        .collect();
    if lines.is_empty() {
        let why = if app.is_narrowed() {
            "(nothing matches)"
        } else {
            "(none)"
        };
        frame.render_widget(Paragraph::new(Span::styled(why, style::label())), inner);
    } else {
        frame.render_widget(Paragraph::new(lines), inner);
    }
}

/// Keep the selection in view, moving the window as little as possible.
pub fn scroll_offset(previous: usize, selected: usize, height: usize, len: usize) -> usize {
    let mut offset = previous;
    if selected < offset {
        offset = selected;
    } else if selected >= offset + height {
        offset = selected + 1 - height;
    }
    offset.min(len.saturating_sub(height))
}

/// The row of `id` in a pane of `kind`; `highlighted` when the selection
/// bar is on it, `selected` when it is the pane's selection.
fn row(
    app: &App,
    (kind, id): (PaneKind, &str),
    (id_width, columns): (usize, Columns),
    width: usize,
    (highlighted, selected): (bool, bool),
    scratch: &mut nucleo_matcher::Matcher,
) -> Line<'static> {
    let g = app.glyphs();
    let status = app.status(id);
    let id_text = g.fitted(&app.shown_id(id), id_width);
    let pointer = if selected { g.pointer } else { " " };
    let conflicted = app.entry(id).is_some_and(|e| e.conflict.is_some());
    let mark = if conflicted {
        "!"
    } else if app.marks().contains(id) {
        g.mark
    } else {
        " "
    };
    let head = format!("{pointer}{mark}{} {id_text:<id_width$} ", g.status(status));
    let room = width.saturating_sub(head.width() + columns.width());
    // Only the part of the title that fits is flattened and searched for
    // highlights, however long the title.
    let (title, matched) = match kind {
        PaneKind::Items(_) => app
            .inspection()
            .get(id)
            .map_or_else(Default::default, |item| {
                let title = g.fitted(&item.title, room);
                let shown = title
                    .strip_suffix(g.ellipsis)
                    .unwrap_or(&title)
                    .chars()
                    .count();
                let raw = item
                    .title
                    .char_indices()
                    .nth(shown)
                    .map_or(item.title.as_str(), |(at, _)| &item.title[..at]);
                (
                    title,
                    shown_positions(raw, &app.highlight_with(raw, scratch)),
                )
            }),
        PaneKind::Orphans => (g.truncate("(not in the inspection)", room), Vec::new()),
    };
    let mut spans = vec![
        Span::raw(pointer.to_owned()),
        Span::styled(
            mark.to_owned(),
            if conflicted {
                style::error()
            } else {
                style::mark()
            },
        ),
        Span::styled(g.status(status).to_owned(), style::status(status)),
        Span::raw(format!(" {id_text:<id_width$} ")),
    ];
    let title_width = title.width();
    spans.extend(highlighted_title(&title, &matched));
    if !columns.is_empty() {
        spans.push(Span::raw(" ".repeat(room.saturating_sub(title_width))));
        spans.extend(columns.cells(app, id));
    }
    let line = Line::from(spans);
    let line = if highlighted {
        line.style(style::selected(true))
    } else if status == Status::NotApplicable {
        line.style(style::label())
    } else {
        line
    };
    // Pad the highlighted row to the full width so the bar reads as a row.
    if highlighted {
        let used = line.width();
        let mut line = line;
        line.spans
            .push(Span::raw(" ".repeat(width.saturating_sub(used))));
        line
    } else {
        line
    }
}

/// The narrowest pane whose rows carry columns.
const COLUMNS_FROM: usize = 60;

/// The least room a title keeps beside the columns.
const TITLE_MIN: usize = 28;

/// The columns a pane's rows carry beside the title: which ones the width
/// allows, in this order of worth.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[allow(
    clippy::struct_excessive_bools,
    reason = "one flag per column, each shown or not"
)]
struct Columns {
    /// Who the item is directed to: in the register, where reports differ.
    directed: bool,
    due: bool,
    rag: bool,
    owner: bool,
    note: bool,
    grade: bool,
    cause: bool,
}

const DUE: usize = 27;
const DIRECTED: usize = 16;
/// The widest the register's ids are drawn: a report's short name and
/// the item's id.
const REGISTER_ID: usize = crate::tui::register::SHORT + 7;
const RAG: usize = 6;
const OWNER: usize = 15;
const NOTE: usize = 5;
const GRADE: usize = 15;
const CAUSE: usize = 4;

impl Columns {
    /// The columns that fit a pane of `kind`, `width` wide: a pane of
    /// recommendations or areas shows due dates first, one of findings its
    /// grades and causes of concern; then the owner, then whether a note
    /// (the response) is written.
    fn for_pane(kind: PaneKind, width: usize, register: bool) -> Columns {
        let PaneKind::Items(kind) = kind else {
            return Columns::default();
        };
        if width < COLUMNS_FROM {
            return Columns::default();
        }
        // The marker, status, an id and a space or two (the register's ids
        // are longer).
        let id = if register { REGISTER_ID } else { 6 };
        let mut room = width.saturating_sub(4 + id + TITLE_MIN);
        let mut columns = Columns::default();
        let mut take = |on: &mut bool, w: usize| {
            if room >= w {
                *on = true;
                room -= w;
            } else {
                room = 0;
            }
        };
        match kind {
            Kind::Recommendation | Kind::AreaForImprovement => {
                take(&mut columns.due, DUE);
                take(&mut columns.rag, RAG);
            }
            Kind::Finding => {
                take(&mut columns.grade, GRADE);
                take(&mut columns.cause, CAUSE);
            }
            Kind::Strength => {}
        }
        take(&mut columns.owner, OWNER);
        take(&mut columns.note, NOTE);
        if register {
            take(&mut columns.directed, DIRECTED);
        }
        columns
    }

    fn is_empty(self) -> bool {
        self == Columns::default()
    }

    fn width(self) -> usize {
        [
            (self.due, DUE),
            (self.rag, RAG),
            (self.grade, GRADE),
            (self.cause, CAUSE),
            (self.owner, OWNER),
            (self.note, NOTE),
            (self.directed, DIRECTED),
        ]
        .iter()
        .filter(|(on, _)| *on)
        .map(|(_, w)| w)
        .sum()
    }

    /// The row that names the columns, over the rows.
    fn heading(self, width: usize) -> String {
        let mut names = String::new();
        for (on, w, name) in [
            (self.due, DUE, "due (* revised)"),
            (self.rag, RAG, "RAG"),
            (self.grade, GRADE, "grade"),
            (self.cause, CAUSE, "CoC"),
            (self.owner, OWNER, "owner"),
            (self.note, NOTE, "note"),
            (self.directed, DIRECTED, "directed to"),
        ] {
            if on {
                let _ = write!(names, " {name:<0$}", w - 1);
            }
        }
        let room = width.saturating_sub(self.width());
        format!("{:<room$}{names}", "   id / title")
    }

    /// The row's cells: each as wide as its column, cut with `…`.
    fn cells(self, app: &App, id: &str) -> Vec<Span<'static>> {
        let g = app.glyphs();
        let item = app.inspection().get(id);
        let entry = app.entry(id);
        let cell = |text: &str, w: usize| format!(" {:<1$}", g.fitted(text, w - 1), w - 1);
        let mut spans = Vec::new();
        if self.due {
            // The revised date where there is one, marked so.
            let revised = entry.and_then(|e| e.due);
            let due = revised.or_else(|| item.and_then(|i| i.due));
            spans.push(due_cell(app, id, due, revised.is_some()));
        }
        if self.rag {
            spans.push(match entry.and_then(|e| e.rag) {
                Some(rag) => Span::styled(cell(rag.label(), RAG), style::rag(rag)),
                None => Span::raw(cell("", RAG)),
            });
        }
        if self.grade {
            let grade = item.and_then(|i| i.grade.as_deref()).unwrap_or("");
            spans.push(Span::raw(cell(grade, GRADE)));
        }
        if self.cause {
            let cause = item.is_some_and(|i| i.tags.iter().any(|t| t == "cause-of-concern"));
            spans.push(Span::styled(
                cell(if cause { "CoC" } else { "" }, CAUSE),
                style::error(),
            ));
        }
        if self.owner {
            let owner = entry.and_then(|e| e.owner.as_deref()).unwrap_or("");
            spans.push(Span::raw(cell(owner, OWNER)));
        }
        if self.note {
            let noted = entry
                .and_then(|e| e.note.as_deref())
                .is_some_and(|n| !n.trim().is_empty());
            spans.push(Span::styled(
                cell(if noted { "yes" } else { g.none }, NOTE),
                style::label(),
            ));
        }
        if self.directed {
            let to = item.map(|i| i.directed_to.join(", ")).unwrap_or_default();
            spans.push(Span::raw(cell(&to, DIRECTED)));
        }
        spans
    }
}

/// The due date and the days to it, amber when soon and red once due, for
/// an item still open; the words say it without colour.
fn due_cell(app: &App, id: &str, due: Option<jiff::civil::Date>, revised: bool) -> Span<'static> {
    use crate::model::deadline::{days_left, days_short};
    let Some(due) = due else {
        return Span::raw(" ".repeat(DUE));
    };
    let open = app.status(id).is_open();
    let days = days_left(due, app.today());
    let mark = if revised { "*" } else { "" };
    let text = if open {
        format!("{due}{mark} {}", days_short(days))
    } else {
        format!("{due}{mark}")
    };
    let style = if open {
        super::due_style(app, due, ratatui::style::Style::new())
    } else {
        ratatui::style::Style::new()
    };
    let text = app.glyphs().fitted(&text, DUE - 1);
    Span::styled(format!(" {text:<0$}", DUE - 1), style)
}

/// The title with the characters a search matched in bold and underlined.
/// `matched`, positions of characters in `title`, as positions in the title
/// as shown, where a hidden character shows as a marker of several.
fn shown_positions(title: &str, matched: &[u32]) -> Vec<u32> {
    if matched.is_empty() || !title.chars().any(crate::text::is_hidden) {
        return matched.to_vec();
    }
    let mut shown = Vec::with_capacity(matched.len());
    let mut at = 0u32;
    for (i, c) in title.chars().enumerate() {
        let len = u32::try_from(crate::text::inert_len(c)).unwrap_or(1);
        if u32::try_from(i).is_ok_and(|i| matched.binary_search(&i).is_ok()) {
            shown.extend(at..at + len);
        }
        at += len;
    }
    shown
}

fn highlighted_title(title: &str, matched: &[u32]) -> Vec<Span<'static>> {
    if matched.is_empty() {
        return vec![Span::raw(title.to_owned())];
    }
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut run = String::new();
    let mut run_hit = false;
    for (i, c) in title.chars().enumerate() {
        let hit = u32::try_from(i).is_ok_and(|i| matched.binary_search(&i).is_ok());
        if hit != run_hit && !run.is_empty() {
            let text = std::mem::take(&mut run);
            spans.push(if run_hit {
                Span::styled(text, style::matched())
            } else {
                Span::raw(text)
            });
        }
        run_hit = hit;
        run.push(c);
    }
    if !run.is_empty() {
        spans.push(if run_hit {
            Span::styled(run, style::matched())
        } else {
            Span::raw(run)
        });
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::truncate;

    #[test]
    fn truncation_ends_in_an_ellipsis_and_respects_wide_characters() {
        assert_eq!(truncate("Forces meet their duty", 10), "Forces me…");
        assert_eq!(truncate("short", 10), "short");
        assert_eq!(truncate("日本語テキスト", 5), "日本…");
        assert_eq!(truncate("abc", 0), "");
    }

    #[test]
    fn rows_are_shared_by_need() {
        assert_eq!(share(36, &[13, 8, 10]), [13, 8, 15]);
        assert_eq!(share(20, &[5002, 8, 10]), [7, 7, 6]);
        assert_eq!(share(10, &[5002, 2002]), [5, 5]);
        assert_eq!(share(6, &[100, 100, 100]), [4, 4, 4]);
    }

    #[test]
    fn the_window_follows_the_selection() {
        assert_eq!(scroll_offset(0, 5, 10, 100), 0);
        assert_eq!(scroll_offset(0, 10, 10, 100), 1);
        assert_eq!(scroll_offset(20, 15, 10, 100), 15);
        assert_eq!(scroll_offset(95, 99, 10, 100), 90);
    }
}
