//! The views that open over the screen and scroll a row at a time: an
//! item's history and the inspection's own details (the summary, in
//! `summary.rs`, scrolls the same way). Each shows only the rows in view,
//! and says where they are among all of them.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::{Drawing, Glyphs, style};
use crate::model::review::{Event, NoteChange};
use crate::text::field_line;
use crate::tui::app::{Action, App, ModeKind};

/// Where a view goes: the screen but a row above and the footer's two
/// below (what the view's keys say stays in sight), at most 110 columns
/// wide, in the middle.
pub(super) fn area_for(screen: Rect) -> Rect {
    let [_, row, _] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(2),
    ])
    .areas(screen);
    let [area] = Layout::horizontal([Constraint::Length(screen.width.saturating_sub(4).min(110))])
        .flex(Flex::Center)
        .areas(row);
    area
}

/// The view's box drawn in `area` with `title`, and beneath, where the rows
/// shown are among `total` when they are not all of them; its inside.
pub(super) fn view_box(
    frame: &mut Frame,
    area: Rect,
    title: String,
    (first, shown, total): (usize, usize, usize),
    app: &App,
) -> Rect {
    let g = app.glyphs();
    let mut block = g
        .double()
        .border_style(style::focused_border())
        .title(Span::styled(title, style::title()));
    if shown < total {
        // Over the Response view, its keys scroll it.
        let mode = if super::response::is_over(app.mode()) {
            ModeKind::Response
        } else {
            app.mode().kind()
        };
        let key = |action| app.keys().hint(mode, action);
        block = block.title_bottom(Span::styled(
            format!(
                " {}{}{} of {total} ({}/{} scroll) ",
                first + 1,
                g.dash,
                first + shown,
                key(&Action::MoveDown),
                key(&Action::MoveUp)
            ),
            style::label(),
        ));
    }
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    inner
}

/// The first row to show of `total` in `height` rows, from where the app
/// asks (kept within the view); told to the app with the height, for
/// paging.
pub(super) fn settle(app: &App, total: usize, height: u16, d: &mut Drawing) -> usize {
    let height = usize::from(height);
    let first = app.view_scroll().min(total.saturating_sub(height));
    d.layout.view = Some((first, height.max(1)));
    first
}

/// The first rows of an item's history: its id and title, its status and
/// owner now, and a blank row.
fn item_now(app: &App, id: &str, width: usize) -> Vec<Line<'static>> {
    let g = app.glyphs();
    let fitted = |text: &str, width| g.fitted(text, width);
    let entry = app.entry(id);
    let mut head = Vec::new();
    let title = app
        .inspection()
        .get(id)
        .map_or("(no longer in the inspection)", |item| item.title.as_str());
    head.push(Line::from(vec![
        Span::styled(fitted(id, 12), style::title()),
        Span::raw("  "),
        Span::raw(fitted(
            title,
            width.saturating_sub(id.chars().count().min(12) + 2),
        )),
    ]));
    let status = app.status(id);
    let owner = entry
        .and_then(|e| e.owner.as_deref())
        .map_or_else(|| "no owner".to_owned(), |o| format!("owner {o}"));
    head.push(Line::from(vec![
        Span::styled("Now ", style::label()),
        Span::styled(g.status(status), style::status(status)),
        Span::raw(fitted(
            &format!(" {}{}{owner}", status.label(), g.sep),
            width.saturating_sub(5),
        )),
    ]));
    head.push(Line::default());
    head
}

/// Who changed what in the history of `id`, newest first, at local times.
pub fn history(app: &App, frame: &mut Frame, screen: Rect, id: &str, d: &mut Drawing) {
    let g = app.glyphs();
    let fitted = |text: &str, width| g.fitted(text, width);
    let area = area_for(screen);
    let width = usize::from(area.width.saturating_sub(2));
    let entry = app.entry(id);
    let events: &[Event] = entry.map_or(&[], |e| e.history.as_slice());
    // Newest first; of two at the same moment, the later recorded first.
    let mut order: Vec<usize> = (0..events.len()).rev().collect();
    order.sort_by(|&a, &b| events[b].at.cmp(&events[a].at));

    let mut head = item_now(app, id, width);
    let zone = app.zone();
    let by_width = events
        .iter()
        .map(|e| e.by.chars().count())
        .max()
        .unwrap_or(0)
        .clamp(3, 16);
    // The head is four rows; the times shown set the first column's width
    // (zones' names differ in length), worked out for those in view only.
    let rows = usize::from(area.height.saturating_sub(2));
    let in_view = app
        .view_scroll()
        .min((4 + events.len()).saturating_sub(rows));
    let when_width = order
        .iter()
        .skip(in_view.saturating_sub(4))
        .take(rows)
        .map(|&i| when(&events[i], zone).chars().count())
        .max()
        .unwrap_or(0);
    if events.is_empty() {
        head.push(Line::from(Span::styled(
            "No change to this item is recorded yet.",
            style::label(),
        )));
    } else {
        head.push(Line::from(Span::styled(
            fitted(
                &format!(
                    "{:<when_width$}  {:<by_width$}  What changed (newest first)",
                    "When", "Who"
                ),
                width,
            ),
            style::label(),
        )));
    }

    let key = app.keys().hint(ModeKind::History, &Action::Back);
    debug_assert_eq!(head.len(), 4, "the head is four rows");
    let total = head.len() + events.len();
    let inner_height = area.height.saturating_sub(2);
    let first = settle(app, total, inner_height, d);
    let shown = total.min(usize::from(inner_height));
    let inner = view_box(
        frame,
        area,
        format!(" History of {} ({key} closes) ", fitted(id, 20)),
        (first, shown, total),
        app,
    );
    // The newest note edit is the note as it is now: its start is shown.
    let newest_note = order
        .iter()
        .copied()
        .find(|&i| events[i].change.note.is_some());
    let mut lines: Vec<Line> = head.into_iter().skip(first).take(shown).collect();
    let from = first.saturating_sub(total - events.len());
    for &i in order.iter().skip(from).take(shown - lines.len()) {
        let event = &events[i];
        let excerpt = (Some(i) == newest_note)
            .then(|| entry.and_then(|e| e.note.as_deref()))
            .flatten();
        let what = changes(g, events, i, excerpt);
        let by = fitted(&event.by, by_width);
        let lead = format!("{:<when_width$}  {by:<by_width$}  ", when(event, zone));
        let room = width.saturating_sub(lead.chars().count());
        lines.push(Line::from(vec![
            Span::styled(lead, style::label()),
            Span::raw(fitted(&what, room)),
        ]));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// When an event happened, in `zone`, the zone named.
fn when(event: &Event, zone: &jiff::tz::TimeZone) -> String {
    event
        .at
        .to_zoned_datetime(zone.clone())
        .strftime("%Y-%m-%d %H:%M %Z")
        .to_string()
}

/// What the event at `i` changed, in words: the status, the owner, the note
/// (added when it had been cleared before, else edited; `excerpt` is the
/// note as it is now, for the newest note change).
fn changes(g: &Glyphs, events: &[Event], i: usize, excerpt: Option<&str>) -> String {
    let change = &events[i].change;
    let mut parts = Vec::new();
    if let Some(status) = change.status {
        parts.push(format!("status {}", status.label()));
    }
    if let Some(owner) = &change.owner {
        parts.push(if owner.is_empty() {
            "owner cleared".to_owned()
        } else {
            format!("owner {owner}")
        });
    }
    match change.note {
        Some(NoteChange::Cleared) => parts.push("note cleared".to_owned()),
        Some(NoteChange::Edited) => {
            // The history keeps no note text: a note edited just after
            // it was cleared is one added.
            let before = events[..i]
                .iter()
                .rev()
                .filter(|e| e.at <= events[i].at)
                .find_map(|e| e.change.note);
            let word = if before == Some(NoteChange::Cleared) {
                "note added"
            } else {
                "note edited"
            };
            parts.push(match excerpt {
                Some(text) => format!("{word}, now \"{}\"", g.fitted(text, 40)),
                None => word.to_owned(),
            });
        }
        None => {}
    }
    if parts.is_empty() {
        "(nothing this version of scrutiny reads)".to_owned()
    } else {
        parts.join("; ")
    }
}

/// `text` (one line, made safe) wrapped to `width` columns as the detail
/// pane wraps: its rows.
fn wrapped(text: &str, width: usize) -> Vec<String> {
    let mut rows = Vec::new();
    let width = u16::try_from(width.max(1)).unwrap_or(u16::MAX);
    super::wrap::wrap_line(text, 0, text.len(), width, &mut rows);
    let rows: Vec<String> = rows
        .into_iter()
        .map(|row| super::wrap::shown(text, row).trim_end().to_owned())
        .collect();
    if rows.is_empty() {
        vec![String::new()]
    } else {
        rows
    }
}

/// The width of the inspection's labels, the space after them counted.
const LABEL: usize = 14;

/// The inspection's own details: title, inspectorate, dates, fieldwork,
/// scope, web address and summary, wrapped, each value beside its label.
pub fn inspection(app: &App, frame: &mut Frame, screen: Rect, d: &mut Drawing) {
    let area = area_for(screen);
    let width = usize::from(area.width.saturating_sub(2));
    let room = width.saturating_sub(LABEL).max(10);
    let meta = &app.inspection().meta;
    let mut lines: Vec<Line> = Vec::new();
    // A field: its label, then its value wrapped beside it, in `style`.
    let mut field = |name: &str, value: Option<String>, style: ratatui::style::Style| {
        let value = value.filter(|v| !v.trim().is_empty());
        let Some(value) = value else {
            lines.push(Line::from(vec![
                Span::styled(format!("{name:<LABEL$}"), style::label()),
                Span::styled("(not given)", style::label()),
            ]));
            return;
        };
        for (i, row) in wrapped(&field_line(&value), room).into_iter().enumerate() {
            let lead = if i == 0 { name } else { "" };
            lines.push(Line::from(vec![
                Span::styled(format!("{lead:<LABEL$}"), style::label()),
                Span::styled(row, style),
            ]));
        }
    };
    let plain = ratatui::style::Style::new();
    field("Title", Some(meta.title.clone()), style::title());
    field("Id", Some(meta.id.clone()), plain);
    field("Inspectorate", meta.inspectorate.clone(), plain);
    field(
        "Published",
        meta.published
            .map(|d| format!("{} ({d})", crate::model::deadline::long_date(d))),
        plain,
    );
    let due = meta.response_deadline().map(|deadline| {
        let (words, urgent) = crate::model::deadline::deadline_words(deadline, app.today());
        (
            format!(
                "{deadline} ({words}); {} days from publication",
                meta.response_due_days
            ),
            urgent,
        )
    });
    match due {
        Some((text, urgent)) => field(
            "Response due",
            Some(text),
            if urgent { style::error() } else { plain },
        ),
        None => field(
            "Response due",
            Some(format!(
                "{} days from publication (no publication date given)",
                meta.response_due_days
            )),
            style::label(),
        ),
    }
    field("Fieldwork", meta.fieldwork.clone(), plain);
    field("Scope", meta.scope.clone(), plain);
    field("Web page", meta.url.clone(), plain);
    lines.push(Line::default());
    lines.push(Line::from(Span::styled("Summary", style::title())));
    match meta.summary.as_deref().filter(|s| !s.trim().is_empty()) {
        Some(summary) => {
            for line in summary.lines() {
                lines.extend(
                    wrapped(&field_line(line), width)
                        .into_iter()
                        .map(Line::from),
                );
            }
        }
        None => lines.push(Line::from(Span::styled("(not given)", style::label()))),
    }
    let total = lines.len();
    let height = area.height.saturating_sub(2);
    let first = settle(app, total, height, d);
    let shown = total.min(usize::from(height));
    let key = |action| app.keys().hint(ModeKind::Inspection, action);
    let title = if meta.url.as_deref().is_some_and(|u| !u.trim().is_empty()) {
        format!(
            " The inspection ({} opens the web page{}{} closes) ",
            key(&Action::OpenUrl),
            app.glyphs().sep,
            key(&Action::Back)
        )
    } else {
        format!(" The inspection ({} closes) ", key(&Action::Back))
    };
    let inner = view_box(frame, area, title, (first, shown, total), app);
    let lines: Vec<Line> = lines.into_iter().skip(first).take(shown).collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The day "what changed since" starts from, and the keys that move it.
pub fn changes_pick(
    keys: &crate::tui::keymap::Keymap,
    frame: &mut Frame,
    screen: Rect,
    since: jiff::civil::Date,
) {
    let key = |action| keys.hint(ModeKind::ChangesPick, &action);
    let sep = keys.glyphs().sep;
    let lines = vec![
        Line::from(vec![
            Span::styled(" Since  ", style::label()),
            Span::styled(
                format!("{since}  ({})", crate::model::deadline::long_date(since)),
                style::title(),
            ),
        ]),
        Line::from(Span::styled(
            format!(
                " {}/{} a day{sep}{}/{} a week{sep}{}/{} 30 days{sep}{} shows, to today",
                key(Action::ShiftDate(-1)),
                key(Action::ShiftDate(1)),
                key(Action::ShiftDate(-7)),
                key(Action::ShiftDate(7)),
                key(Action::ShiftDate(-30)),
                key(Action::ShiftDate(30)),
                key(Action::Accept)
            ),
            style::label(),
        )),
    ];
    let width = screen.width.saturating_sub(4).min(76);
    let area = super::popup::centered(screen, width, 4);
    super::popup::keys_box(
        keys.glyphs(),
        frame,
        area,
        format!(" What changed since? ({} cancels) ", key(Action::Back)),
        lines,
        0,
    );
}

/// What changed from `since` to today, as the committee pack reads: its
/// headings as titles, its words as the files hold them (inert).
pub fn committee_pack(
    app: &App,
    frame: &mut Frame,
    screen: Rect,
    (since, pack): (jiff::civil::Date, &str),
    d: &mut Drawing,
) {
    let area = area_for(screen);
    let width = usize::from(area.width.saturating_sub(2));
    let lines = pack_lines(pack, width);
    let total = lines.len();
    let height = area.height.saturating_sub(2);
    let first = settle(app, total, height, d);
    let shown = total.min(usize::from(height));
    let key = |action| app.keys().hint(ModeKind::Changes, action);
    let title = format!(
        " What changed since {} ({} another day{}{} closes) ",
        crate::model::deadline::long_date(since),
        key(&Action::Changes),
        app.glyphs().sep,
        key(&Action::Back)
    );
    let inner = view_box(frame, area, title, (first, shown, total), app);
    let lines: Vec<Line> = lines.into_iter().skip(first).take(shown).collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The committee pack's Markdown as rows `width` wide: headings as titles,
/// its words as the files hold them (inert), list items hanging.
pub fn pack_lines(pack: &str, width: usize) -> Vec<Line<'static>> {
    let mut lines: Vec<Line> = Vec::new();
    for line in pack.lines() {
        let shown = crate::text::inert_line(&crate::export::md::unescaped(line)).replace("**", "");
        let (text, style) = if let Some(h) = shown
            .strip_prefix("# ")
            .or_else(|| shown.strip_prefix("## "))
        {
            (h.to_owned(), style::title())
        } else if let Some(h) = shown.strip_prefix("### ") {
            (h.to_owned(), style::title())
        } else {
            (shown, ratatui::style::Style::new())
        };
        // A list item's rows hang under its text.
        let indent = text.len() - text.trim_start_matches([' ', '-']).len();
        for (i, row) in wrapped(&text, width.saturating_sub(indent).max(10))
            .into_iter()
            .enumerate()
        {
            let row = if i == 0 {
                row
            } else {
                format!("{}{row}", " ".repeat(indent))
            };
            lines.push(Line::from(Span::styled(row, style)));
        }
    }
    lines
}
