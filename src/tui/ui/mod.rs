//! Drawing: `render` is a function of `&App` that changes nothing in it.
//! It returns where it drew (`ScreenLayout`), which the runner hands to
//! `update`; what it keeps between frames to stay fast (the wrapped rows
//! of a long text) is its own, in a `Cache` the runner holds.

mod detail;
pub mod glyphs;
pub mod header;
pub mod importer;
pub(crate) mod list;
pub mod loading;
mod popup;
pub mod portfolio;
mod response;
pub mod style;
mod summary;
mod views;
pub(crate) mod wrap;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use crate::tui::app::{App, Message, ModeKind};
use crate::tui::layout::ScreenLayout;
pub use glyphs::Glyphs;
pub use style::Theme;

/// What drawing keeps between frames, for one app at a time: the selected
/// item's text and note wrapped into rows as far as shown, and scratch
/// space for highlighting what a search matched. Nothing the app holds.
pub struct Cache {
    /// The app these are for (`App::instance`).
    owner: Option<u64>,
    rows: wrap::DetailRows,
    matcher: nucleo_matcher::Matcher,
}

impl Default for Cache {
    fn default() -> Self {
        Cache {
            owner: None,
            rows: wrap::DetailRows::default(),
            matcher: nucleo_matcher::Matcher::new(nucleo_matcher::Config::DEFAULT),
        }
    }
}

impl Cache {
    /// This cache for `app`: emptied first if it was another's.
    fn for_app(&mut self, app: &App) -> &mut Self {
        if self.owner != Some(app.instance()) {
            self.rows = wrap::DetailRows::default();
            self.owner = Some(app.instance());
        }
        self
    }
}

/// One frame being drawn: where things went, and drawing's own memory.
pub(crate) struct Drawing<'c> {
    pub layout: ScreenLayout,
    pub cache: &'c mut Cache,
}

/// Below this the screen cannot show a list and an item together.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

/// From this width the lists and the detail stand side by side.
pub(crate) const WIDE: u16 = 100;

/// Draw `app` in `frame`, in `theme`; where it went, for `update`.
pub fn render(app: &App, frame: &mut Frame, theme: &Theme, cache: &mut Cache) -> ScreenLayout {
    let mut d = Drawing {
        layout: ScreenLayout::default(),
        cache: cache.for_app(app),
    };
    draw(app, frame, &mut d);
    theme.apply(frame.buffer_mut());
    d.layout
}

fn draw(app: &App, frame: &mut Frame, d: &mut Drawing) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        use crate::tui::app::Action;
        let keys = app.keys();
        // In the usual view q quits, unless it goes back to an overview.
        let quit_in = |mode: ModeKind| match keys.first_key(mode, &Action::Leave) {
            Some(key) if mode == ModeKind::Normal && !app.in_portfolio() => key.name(),
            _ => keys.hint(mode, &Action::Quit),
        };
        let quit = if app.editing_note() {
            // No key quits from the note editor: it is left first.
            format!(
                "{} to keep the note, then {}",
                keys.hint(ModeKind::Note, &Action::KeepNote),
                quit_in(ModeKind::Normal)
            )
        } else {
            quit_in(app.mode().kind())
        };
        too_small(frame, area, &quit);
        return;
    }
    let [head, body, foot] = Layout::vertical([
        Constraint::Length(3),
        Constraint::Fill(1),
        Constraint::Length(2),
    ])
    .areas(area);
    header::render(app, frame, head);
    let wide = area.width >= WIDE;
    let share = app.list_share(area.width);
    let [lists, detail_area] = if wide {
        Layout::horizontal([Constraint::Percentage(share), Constraint::Fill(1)]).areas(body)
    } else {
        Layout::vertical([Constraint::Percentage(share), Constraint::Fill(1)]).areas(body)
    };
    if item_beside_note(app, area) {
        // The item the note answers stays in view where the lists were,
        // beside or above the editor, which takes the detail's place.
        detail::render(app, frame, lists, d, true);
    } else {
        if wide {
            list::render_stacked(app, frame, lists, d);
        } else {
            list::render_tabbed(app, frame, lists, d);
        }
        detail::render(app, frame, detail_area, d, false);
    }
    footer(app, frame, foot);
    popup::render(app, frame, (area, detail_area), d);
}

/// From this width the item's text shows beside the note editor unless
/// hidden (the lists and the detail stand side by side, the editor takes
/// the detail's place and the item the lists'); below it, only when asked
/// for.
pub const ITEM_BESIDE_WIDTH: u16 = 120;

/// Whether the item is drawn beside the note editor: the editor is open on
/// it, and the screen is large enough, or the reviewer asked (the toggle
/// turns the screen's choice around).
pub fn item_beside_note(app: &App, area: Rect) -> bool {
    let crate::tui::app::Mode::Note { toggled, .. } = app.mode() else {
        return false;
    };
    (area.width >= ITEM_BESIDE_WIDTH) != *toggled
}

/// What shows on a screen too small to work in; `quit` names the key that
/// quits.
pub(crate) fn too_small(frame: &mut Frame, area: Rect, quit: &str) {
    let text = format!(
        "The terminal is {}x{}; scrutiny needs at least {MIN_WIDTH}x{MIN_HEIGHT}. Enlarge the window, or press {quit} to quit.",
        area.width, area.height
    );
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
}

fn footer(app: &App, frame: &mut Frame, area: Rect) {
    let [message_row, keys_row] =
        Layout::vertical([Constraint::Length(1), Constraint::Length(1)]).areas(area);
    let width = usize::from(message_row.width);
    let fit = |text: &str| app.glyphs().fitted(text, width);
    let message = match &app.message() {
        Some(Message::Error(text)) => Line::from(Span::styled(fit(text), style::error())),
        Some(Message::Info(text)) => Line::from(fit(text)),
        None => Line::default(),
    };
    frame.render_widget(Paragraph::new(message), message_row);
    if let crate::tui::app::Mode::Search { editor } = &app.mode() {
        // The search is typed where messages go, so the panes stay in view.
        let [label, field] =
            Layout::horizontal([Constraint::Length(8), Constraint::Fill(1)]).areas(message_row);
        frame.render_widget(Clear, message_row);
        frame.render_widget(Span::styled("Search: ", style::title()), label);
        popup::draw_editor(frame, editor, field);
    }
    let keys = key_line_fitted(app.keys(), app.mode().kind(), usize::from(keys_row.width));
    frame.render_widget(Paragraph::new(keys), keys_row);
}

/// The footer's keys for a mode, from the keys in force, as many as fit in
/// `width`: the last two (help and quit) always stay.
pub fn key_line_fitted(
    keys: &crate::tui::keymap::Keymap,
    mode: ModeKind,
    width: usize,
) -> Line<'static> {
    let mut items = keys.footer(mode);
    let length = |items: &[(String, &str)]| -> usize {
        items
            .iter()
            .map(|(k, w)| k.chars().count() + w.chars().count() + 3)
            .sum()
    };
    while length(&items) > width && items.len() > 3 {
        items.remove(items.len() - 3);
    }
    spans_for(items)
}

/// The footer's keys for a mode, from the keys in force.
pub fn key_line(keys: &crate::tui::keymap::Keymap, mode: ModeKind) -> Line<'static> {
    spans_for(keys.footer(mode))
}

fn spans_for(items: Vec<(String, &'static str)>) -> Line<'static> {
    let mut spans = Vec::new();
    for (keys, word) in items {
        if !spans.is_empty() {
            spans.push(Span::raw("  "));
        }
        spans.push(Span::styled(keys, style::key()));
        spans.push(Span::raw(format!(" {word}")));
    }
    Line::from(spans)
}

/// How a date is drawn by how near it is: amber within the days the
/// configuration counts as soon, red once due, else `plain`.
pub(crate) fn due_style(
    app: &App,
    date: jiff::civil::Date,
    plain: ratatui::style::Style,
) -> ratatui::style::Style {
    use crate::model::deadline::{Urgency, urgency};
    match urgency(date, app.today(), app.keys().due_soon_days()) {
        Urgency::Due => style::error(),
        Urgency::Soon => style::soon(),
        Urgency::Later => plain,
    }
}

/// How far off a date is in words ("12 days left, due soon", "3 days
/// overdue"), and how it is drawn (`due_style`): the words say what the
/// colour does, so `NO_COLOR` loses nothing.
pub(crate) fn days_to(
    app: &App,
    date: jiff::civil::Date,
    plain: ratatui::style::Style,
) -> (String, ratatui::style::Style) {
    use crate::model::deadline::{Urgency, days_left, days_words, urgency};
    let words = days_words(days_left(date, app.today()));
    let soon = urgency(date, app.today(), app.keys().due_soon_days()) == Urgency::Soon;
    let words = if soon {
        format!("{words}, due soon")
    } else {
        words
    };
    (words, due_style(app, date, plain))
}

/// A progress bar drawn in characters, readable without colour.
pub(crate) fn bar(g: &Glyphs, done: usize, total: usize, width: usize) -> String {
    let filled = (done * width).checked_div(total).unwrap_or(0);
    format!(
        "[{}{}]",
        g.full.repeat(filled),
        g.empty.repeat(width - filled)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bar_fills_in_proportion() {
        let bar = |done, total, width| bar(&Glyphs::UNICODE, done, total, width);
        assert_eq!(bar(0, 0, 4), "[░░░░]");
        assert_eq!(bar(1, 2, 4), "[██░░]");
        assert_eq!(bar(2, 2, 4), "[████]");
        assert_eq!(super::bar(&Glyphs::ASCII, 1, 2, 4), "[##..]");
    }
}
