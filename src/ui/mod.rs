//! Drawing: a pure function of `&App`. Only scroll offsets kept in `Cell`s
//! (widget state) change while drawing.

mod detail;
mod header;
mod list;
mod popup;
pub mod style;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::app::{App, Message, ModeKind};
use crate::keymap;

/// Below this the screen cannot show a list and an item together.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

/// From this width the lists and the detail stand side by side.
const WIDE: u16 = 100;

pub fn render(app: &App, frame: &mut Frame) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(frame, area);
        return;
    }
    let [head, body, foot] = Layout::vertical([
        Constraint::Length(3),
        Constraint::Fill(1),
        Constraint::Length(2),
    ])
    .areas(area);
    header::render(app, frame, head);
    let detail_area = if area.width >= WIDE {
        let [lists, detail] =
            Layout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)])
                .areas(body);
        list::render_stacked(app, frame, lists);
        detail
    } else {
        let [lists, detail] =
            Layout::vertical([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(body);
        list::render_tabbed(app, frame, lists);
        detail
    };
    detail::render(app, frame, detail_area);
    footer(app, frame, foot);
    popup::render(app, frame, area, detail_area);
}

fn too_small(frame: &mut Frame, area: Rect) {
    let text = format!(
        "The terminal is {}x{}; scrutiny needs at least {MIN_WIDTH}x{MIN_HEIGHT}. Enlarge the window, or press q to quit.",
        area.width, area.height
    );
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
}

fn footer(app: &App, frame: &mut Frame, area: Rect) {
    let [message_row, keys_row] =
        Layout::vertical([Constraint::Length(1), Constraint::Length(1)]).areas(area);
    let width = usize::from(message_row.width);
    let fit = |text: &str| list::truncate(&crate::text::one_line(text), width);
    let message = match &app.message {
        Some(Message::Error(text)) => Line::from(Span::styled(fit(text), style::error())),
        Some(Message::Info(text)) => Line::from(fit(text)),
        None => Line::default(),
    };
    frame.render_widget(Paragraph::new(message), message_row);
    frame.render_widget(Paragraph::new(key_line(app.mode.kind())), keys_row);
}

/// The footer's keys for a mode, from the keymap table.
pub fn key_line(mode: ModeKind) -> Line<'static> {
    let mut spans = Vec::new();
    for binding in keymap::bindings(mode) {
        if let Some((keys, label)) = binding.footer {
            if !spans.is_empty() {
                spans.push(Span::raw("  "));
            }
            spans.push(Span::styled(keys, style::key()));
            spans.push(Span::raw(format!(" {label}")));
        }
    }
    Line::from(spans)
}
