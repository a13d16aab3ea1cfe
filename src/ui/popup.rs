//! What opens over the screen: help, editors and questions.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Wrap};
use ratatui_textarea::TextArea;

use super::style;
use crate::app::{App, Mode, ModeKind};
use crate::keymap;
use crate::model::Status;

pub fn render(app: &App, frame: &mut Frame, screen: Rect, detail: Rect) {
    match &app.mode {
        Mode::Normal => {}
        Mode::Help => help(frame, screen, &app.help_scroll),
        Mode::Note { id, editor } => {
            let title = format!(
                " Note for {} (Enter: new line · Esc or Ctrl-S: keep) ",
                crate::text::one_line(id)
            );
            editor_box(frame, detail, editor, &title);
        }
        Mode::Owner { id, editor } => {
            let area = centered(screen, 60, 3);
            let title = format!(
                " Owner of {} (Enter: keep · Esc: cancel) ",
                crate::text::one_line(id)
            );
            editor_box(frame, area, editor, &title);
        }
        Mode::SaveAs { editor } => {
            let area = centered(screen, 70, 3);
            editor_box(
                frame,
                area,
                editor,
                " Save the review to (Enter: save · Esc: cancel) ",
            );
        }
        Mode::ConfirmQuit => {
            let why = app
                .save
                .error
                .as_deref()
                .unwrap_or("the last change is not on disk");
            question(
                frame,
                screen,
                " Unsaved changes ",
                &format!("Your changes are not saved: {why}."),
                ModeKind::ConfirmQuit,
            );
        }
        Mode::DiskChanged => question(
            frame,
            screen,
            " The review file changed on disk ",
            "Someone (another reviewer, git, an editor) changed the review file since scrutiny read it. Your change was not written. Merge keeps both: items changed on one side take that side; an item changed on both keeps yours and both notes.",
            ModeKind::DiskChanged,
        ),
    }
}

fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let [row] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [rect] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(row);
    rect
}

fn editor_box(frame: &mut Frame, area: Rect, editor: &TextArea<'static>, title: &str) {
    let block = Block::bordered()
        .border_type(BorderType::Double)
        .border_style(style::focused_border())
        .title(Span::styled(title.to_owned(), style::title()));
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    frame.render_widget(editor, inner);
}

fn question(frame: &mut Frame, screen: Rect, title: &str, text: &str, mode: ModeKind) {
    let area = centered(screen, 64, 9);
    let block = Block::bordered()
        .border_type(BorderType::Double)
        .border_style(style::error())
        .title(Span::styled(title.to_owned(), style::title()));
    let lines = vec![
        Line::from(text.to_owned()),
        Line::default(),
        super::key_line(mode),
    ];
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }).block(block),
        area,
    );
}

fn help(frame: &mut Frame, screen: Rect, scroll: &std::cell::Cell<u16>) {
    let area = centered(screen, 72, screen.height.saturating_sub(2));
    let mut lines = Vec::new();
    let sections = [
        (ModeKind::Normal, "Reviewing"),
        (ModeKind::Note, "Note editor (other keys edit the text)"),
        (ModeKind::Owner, "Owner editor"),
        (ModeKind::ConfirmQuit, "Quitting with unsaved changes"),
        (
            ModeKind::DiskChanged,
            "When the review file changed on disk",
        ),
    ];
    for (mode, heading) in sections {
        if !lines.is_empty() {
            lines.push(Line::default());
        }
        lines.push(Line::from(Span::styled(heading, style::title())));
        for binding in keymap::bindings(mode) {
            lines.push(Line::from(vec![
                Span::styled(format!("  {:<18}", binding.key_names()), style::key()),
                Span::raw(binding.help),
            ]));
        }
    }
    lines.push(Line::default());
    lines.push(Line::from(Span::styled("Status markers", style::title())));
    for status in Status::ALL {
        lines.push(Line::from(vec![
            Span::raw("  "),
            Span::styled(status.symbol(), style::status(status)),
            Span::raw(format!(" {} ({})", status.label(), status.name())),
        ]));
    }
    let block = Block::bordered()
        .border_type(BorderType::Double)
        .border_style(style::focused_border())
        .title(Span::styled(
            " Keys (Esc closes, j/k scroll) ",
            style::title(),
        ));
    // Scroll no further than the last line.
    let visible = area.height.saturating_sub(2);
    let total = u16::try_from(lines.len()).unwrap_or(u16::MAX);
    let at = scroll.get().min(total.saturating_sub(visible));
    scroll.set(at);
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(lines).block(block).scroll((at, 0)), area);
}
