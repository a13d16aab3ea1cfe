//! Drawing the import view: the report's lines, each tagged with what it
//! became, beside the items they make and the one the cursor is in.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::style::fg;
use super::{Glyphs, Theme, popup, style};
use crate::import::{Mark, Role, Section};
use crate::tui::action::{Action, ImportField as F, ModeKind};
use crate::tui::app::Message;
use crate::tui::importer::{Focus, ImportView, Mode};
use crate::tui::layout::{ListView, ScreenLayout};

/// The width of a line's tag: what it became.
const TAG: usize = 9;

/// From this width the lines and the items stand side by side with room.
const WIDE: u16 = 120;

pub fn render(view: &ImportView, frame: &mut Frame, theme: &Theme) -> ScreenLayout {
    let mut layout = ScreenLayout::default();
    let area = frame.area();
    if area.width < super::MIN_WIDTH || area.height < super::MIN_HEIGHT {
        let quit = view.keys().hint(view.mode().kind(), &Action::Quit);
        super::too_small(frame, area, &quit);
        theme.apply(frame.buffer_mut());
        layout.too_small = true;
        return layout;
    }
    let [head, body, foot] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Fill(1),
        Constraint::Length(2),
    ])
    .areas(area);
    header(view, frame, head);
    let share = if area.width >= WIDE { 62 } else { 58 };
    let [lines, items] =
        Layout::horizontal([Constraint::Percentage(share), Constraint::Fill(1)]).areas(body);
    let g = view.glyphs();
    layout.lists.push(source(view, frame, lines));
    layout.lists.extend(entries(view, frame, items));
    footer(view, frame, foot);
    match view.mode() {
        Mode::Field { field, editor } => {
            let area = popup::centered(area, 70, 3);
            popup::editor_box(
                g,
                frame,
                area,
                editor,
                &format!(
                    " {} ({} keeps, {} cancels) ",
                    field.label(),
                    view.keys().hint(ModeKind::ImportField, &Action::Accept),
                    view.keys().hint(ModeKind::ImportField, &Action::Back)
                ),
            );
        }
        Mode::Help { scroll } => layout.help_scroll = Some(help(view, frame, area, *scroll)),
        Mode::Quit => popup::question(
            g,
            frame,
            area,
            " Leave the import? ",
            "Nothing has been written since the last change: the marks and fields typed here are lost.",
            super::key_line(view.keys(), ModeKind::ImportQuit),
        ),
        Mode::Normal => {}
    }
    theme.apply(frame.buffer_mut());
    layout
}

fn header(view: &ImportView, frame: &mut Frame, area: Rect) {
    let [top, fields] =
        Layout::vertical([Constraint::Length(1), Constraint::Length(1)]).areas(area);
    let width = usize::from(area.width);
    let g = view.glyphs();
    let (verdict, verdict_style) = match view.check() {
        Ok(()) => (format!("{} passes the check", g.tick), fg(Color::Green)),
        Err(why) => (
            format!("{} {}", g.cross, why.lines().next().unwrap_or_default()),
            style::error(),
        ),
    };
    let verdict = g.fitted(&verdict, width / 2);
    let left = format!(
        " Import {} {} {}",
        view.name(),
        g.arrow,
        view.output().display()
    );
    let room = width.saturating_sub(verdict.chars().count() + 2);
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(
                format!("{:<room$}", g.fitted(&left, room.saturating_sub(2))),
                style::title(),
            ),
            Span::styled(verdict, verdict_style),
        ])),
        top,
    );
    let key = |field| {
        view.keys()
            .hint(ModeKind::Import, &Action::EditField(field))
    };
    let published = view
        .published()
        .map_or_else(|| "none".to_owned(), |d| d.to_string());
    let title = if view.title().is_empty() {
        "none".to_owned()
    } else {
        view.title().to_owned()
    };
    let id = view.id();
    // The title first; the id has what the title and the date leave.
    let keys_width = 3 * 4;
    let date_width = published.chars().count();
    let title_width = title
        .chars()
        .count()
        .min(width.saturating_sub(keys_width + date_width + 12) * 3 / 5)
        .max(10);
    let id_width = width
        .saturating_sub(keys_width + date_width + title_width)
        .max(8);
    let spans = vec![
        Span::styled(format!(" {} ", key(F::Title)), style::key()),
        Span::raw(g.fitted(&title, title_width)),
        Span::styled(format!("  {} ", key(F::Id)), style::key()),
        Span::raw(g.fitted(&id, id_width)),
        Span::styled(format!("  {} ", key(F::Published)), style::key()),
        Span::raw(published),
    ];
    frame.render_widget(Paragraph::new(Line::from(spans)), fields);
}

/// A line's tag, and how it is drawn.
fn tag(view: &ImportView, role: Role) -> (String, Style) {
    let id = |k: u32| {
        view.import()
            .entries
            .get(k as usize)
            .map_or_else(String::new, |e| e.id.clone())
    };
    let g = view.glyphs();
    match role {
        Role::Blank => (String::new(), Style::new()),
        Role::Furniture => ("furniture".into(), style::label()),
        Role::Field => ("title".into(), style::title()),
        Role::Heading(section) => (format!("{} {}", g.section, short(section)), fg(Color::Cyan)),
        Role::Theme => ("theme".into(), fg(Color::Magenta)),
        Role::Addressee => ("for".into(), fg(Color::Magenta)),
        Role::End => (format!("end {}", g.section), style::label()),
        Role::LeadIn => ("lead-in".into(), Style::new()),
        Role::Starts(k) => (format!("{} {}", g.pointer, id(k)), fg(Color::Green)),
        Role::Part(k) => (format!("{} {}", g.part, id(k)), Style::new()),
        Role::Unplaced => ("unplaced".into(), style::error()),
    }
}

/// A section's kind, short enough for a line's tag.
fn short(section: Section) -> &'static str {
    match section {
        Section::Findings => "find",
        Section::Strengths => "strn",
        Section::Recommendations => "recs",
        Section::Areas => "area",
        Section::Causes => "cause",
    }
}

/// A pane's frame: doubled, in the focus colour, when it has the keys.
fn pane_block(g: &Glyphs, focused: bool) -> Block<'static> {
    if focused {
        g.double().border_style(style::focused_border())
    } else {
        g.bordered()
    }
}

/// The lines, each with its number, a mark where the reviewer set one, and
/// its tag.
fn source(view: &ImportView, frame: &mut Frame, area: Rect) -> ListView {
    let import = view.import();
    let unplaced = import
        .roles
        .iter()
        .filter(|r| **r == Role::Unplaced)
        .count();
    let g = view.glyphs();
    let title = format!(
        " Lines {}{sep}{} furniture{sep}{} unplaced ",
        view.lines().len(),
        import.furniture.len(),
        unplaced,
        sep = g.sep
    );
    let focused = view.focus() == Focus::Lines && matches!(view.mode(), Mode::Normal);
    let block = pane_block(g, focused).title(Span::styled(title, style::title()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let height = usize::from(inner.height);
    let len = view.lines().len();
    let offset = super::list::scroll_offset(view.view(0).offset, view.cursor(), height.max(1), len);
    let digits = len.max(1).to_string().len();
    let text_width = usize::from(inner.width).saturating_sub(digits + TAG + 3);
    let current = view.current_item();
    let rows: Vec<Line> = (offset..len.min(offset + height))
        .map(|i| {
            let role = import.roles.get(i).copied().unwrap_or(Role::Blank);
            let (tag_text, mut tag_style) = tag(view, role);
            let in_current =
                matches!(role, Role::Starts(k) | Role::Part(k) if Some(k as usize) == current);
            if in_current {
                tag_style = tag_style.add_modifier(ratatui::style::Modifier::BOLD);
            }
            let marked = view.marks().contains_key(&(i + 1));
            let mut line = Line::from(vec![
                Span::styled(format!("{:>digits$}", i + 1), style::label()),
                Span::styled(if marked { "*" } else { " " }, style::key()),
                Span::styled(format!("{:<TAG$} ", g.fitted(&tag_text, TAG)), tag_style),
                Span::raw(g.fitted(&view.lines()[i], text_width)),
            ]);
            if i == view.cursor() {
                line = line.style(style::selected(focused || view.focus() == Focus::Lines));
            }
            line
        })
        .collect();
    frame.render_widget(Paragraph::new(rows), inner);
    ListView {
        pane: 0,
        offset,
        height,
    }
}

/// The items, and below them the one the cursor is in, field by field.
fn entries(view: &ImportView, frame: &mut Frame, area: Rect) -> Option<ListView> {
    let [list_area, detail_area] =
        Layout::vertical([Constraint::Percentage(45), Constraint::Fill(1)]).areas(area);
    let entries = &view.import().entries;
    let focused = view.focus() == Focus::Items && matches!(view.mode(), Mode::Normal);
    let g = view.glyphs();
    let block = pane_block(g, focused).title(Span::styled(
        format!(" Items {} ", entries.len()),
        style::title(),
    ));
    let inner = block.inner(list_area);
    frame.render_widget(block, list_area);
    let height = usize::from(inner.height);
    let current = view.current_item();
    let shown = if entries.is_empty() {
        let key = |s| {
            view.keys()
                .hint(ModeKind::Import, &Action::MarkLine(Mark::Heading(s)))
        };
        frame.render_widget(
            Paragraph::new(format!(
                "None yet. Put the cursor on the heading above the items and say what it heads: {} findings, {} strengths, {} recommendations, {} areas for improvement, {} causes of concern.",
                key(Section::Findings),
                key(Section::Strengths),
                key(Section::Recommendations),
                key(Section::Areas),
                key(Section::Causes)
            ))
            .wrap(Wrap { trim: true }),
            inner,
        );
        None
    } else {
        let at = current.unwrap_or(0);
        let offset =
            super::list::scroll_offset(view.view(1).offset, at, height.max(1), entries.len());
        let width = usize::from(inner.width);
        let rows: Vec<Line> = entries
            .iter()
            .enumerate()
            .skip(offset)
            .take(height)
            .map(|(k, e)| {
                let text = format!("{:<6} {}", e.id, e.title);
                let line = Line::from(g.fitted(&text, width));
                if Some(k) == current {
                    line.style(style::selected(focused))
                } else {
                    line
                }
            })
            .collect();
        frame.render_widget(Paragraph::new(rows), inner);
        Some(ListView {
            pane: 1,
            offset,
            height,
        })
    };
    item_detail(view, frame, detail_area, current);
    shown
}

/// The item the cursor is in, as it would be written.
fn item_detail(view: &ImportView, frame: &mut Frame, area: Rect, current: Option<usize>) {
    let block = view
        .glyphs()
        .bordered()
        .title(Span::styled(" Item ", style::title()));
    let Some(entry) = current.and_then(|k| view.import().entries.get(k)) else {
        frame.render_widget(
            Paragraph::new(Span::styled(
                "The cursor is on no item's line.",
                style::label(),
            ))
            .block(block),
            area,
        );
        return;
    };
    let field = |name: &str, value: String| {
        Line::from(vec![
            Span::styled(format!("{name}: "), style::label()),
            Span::raw(crate::text::field_line(&value)),
        ])
    };
    let mut lines = vec![
        Line::from(vec![
            Span::styled(format!("{} ", entry.id), style::title()),
            Span::raw(entry.kind.singular().to_owned()),
            Span::styled(format!("  from line {}", entry.line), style::label()),
        ]),
        field("Title", entry.title.clone()),
    ];
    if let Some(theme) = &entry.theme {
        lines.push(field("Theme", theme.clone()));
    }
    if entry.kind == crate::model::Kind::Recommendation {
        lines.push(field(
            "For",
            if entry.directed_to.is_empty() {
                "not said".into()
            } else {
                entry.directed_to.join("; ")
            },
        ));
        lines.push(field(
            "Due",
            entry
                .due
                .map_or_else(|| "not said".into(), |d| d.to_string()),
        ));
    }
    if !entry.links.is_empty() {
        lines.push(field("Answered by", entry.links.join(", ")));
    }
    lines.push(Line::default());
    for paragraph in entry.text.split('\n') {
        lines.push(Line::from(crate::text::field_line(paragraph)));
    }
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block),
        area,
    );
}

fn footer(view: &ImportView, frame: &mut Frame, area: Rect) {
    let [message_row, keys_row] =
        Layout::vertical([Constraint::Length(1), Constraint::Length(1)]).areas(area);
    let width = usize::from(message_row.width);
    let fit = |text: &str| view.glyphs().fitted(text, width);
    let message = match view.message() {
        Some(Message::Error(text)) => Line::from(Span::styled(fit(text), style::error())),
        Some(Message::Info(text)) => Line::from(fit(text)),
        None => Line::from(Span::styled(
            fit(&where_the_cursor_is(view)),
            style::label(),
        )),
    };
    frame.render_widget(Paragraph::new(message), message_row);
    let keys = super::key_line_fitted(view.keys(), view.mode().kind(), width);
    frame.render_widget(Paragraph::new(keys), keys_row);
}

/// What the line under the cursor became, and whether the reviewer said so.
fn where_the_cursor_is(view: &ImportView) -> String {
    let at = view.cursor();
    let role = view.import().roles.get(at).copied().unwrap_or(Role::Blank);
    let id = |k: u32| {
        view.import()
            .entries
            .get(k as usize)
            .map_or_else(String::new, |e| {
                format!("{} ({})", e.id, e.kind.singular().to_lowercase())
            })
    };
    let became = match role {
        Role::Blank => "blank".to_owned(),
        Role::Furniture => "page furniture, left out".into(),
        Role::Field => "the inspection's title or date".into(),
        Role::Heading(s) => format!("a heading of {}", s.name()),
        Role::Theme => "a theme of the items after it".into(),
        Role::Addressee => "whom the recommendations after it are for".into(),
        Role::End => "a heading that ends the section".into(),
        Role::LeadIn => "introduces the list after it".into(),
        Role::Starts(k) => format!("starts {}", id(k)),
        Role::Part(k) => format!("part of {}", id(k)),
        Role::Unplaced => "in no item: not imported".into(),
    };
    let yours = view
        .marks()
        .get(&(at + 1))
        .map(|m| {
            format!(
                " (you marked it: {})",
                crate::tui::importer::describe_mark(Some(*m))
            )
        })
        .unwrap_or_default();
    format!("Line {} of {}: {became}{yours}", at + 1, view.lines().len())
}

/// The import view's keys, and what each tag on a line means.
fn help(view: &ImportView, frame: &mut Frame, screen: Rect, scroll: u16) -> u16 {
    let area = popup::centered(screen, 76, screen.height.saturating_sub(2));
    let mut lines = Vec::new();
    for (mode, heading) in [
        (ModeKind::Import, "The lines and the items"),
        (ModeKind::ImportField, "Typing a field"),
        (ModeKind::ImportQuit, "Leaving with nothing written"),
    ] {
        if !lines.is_empty() {
            lines.push(Line::default());
        }
        lines.push(Line::from(Span::styled(heading, style::title())));
        for b in view.keys().bindings(mode) {
            let own = if b.line.is_some() { " (yours)" } else { "" };
            lines.push(Line::from(vec![
                Span::styled(format!("  {:<20}", view.keys().names_of(b)), style::key()),
                Span::raw(format!("{}{own}", b.help)),
            ]));
        }
    }
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(
        "What each line became",
        style::title(),
    )));
    let g = view.glyphs();
    for (tag, what) in [
        (format!("{} R1", g.pointer), "starts the item R1"),
        (format!("{} R1", g.part), "part of R1"),
        (
            format!("{} recs", g.section),
            "a heading: recs, area, find, strn, cause",
        ),
        ("theme".to_owned(), "a theme of the items after it"),
        (
            "for".to_owned(),
            "whom the recommendations after it are for",
        ),
        (
            "lead-in".to_owned(),
            "introduces the list after it; read with each item",
        ),
        (
            format!("end {}", g.section),
            "ends the section (a chapter, an appendix)",
        ),
        ("title".to_owned(), "the inspection's title or date"),
        (
            "furniture".to_owned(),
            "the page's, not the report's: left out",
        ),
        ("unplaced".to_owned(), "in no item: not imported"),
        ("*".to_owned(), "after the number: you marked the line"),
    ] {
        lines.push(Line::from(vec![
            Span::styled(format!("  {tag:<20}"), style::key()),
            Span::raw(what),
        ]));
    }
    let key = |action| view.keys().hint(ModeKind::ImportHelp, action);
    let title = format!(
        " Import keys ({} closes, {}/{} scroll) ",
        key(&Action::Back),
        key(&Action::MoveDown),
        key(&Action::MoveUp)
    );
    popup::keys_box(g, frame, area, title, lines, scroll)
}
