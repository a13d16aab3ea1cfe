//! Colours and emphasis. Foreground and background stay the terminal's own,
//! so the screen reads on dark and light themes alike; colour only adds to
//! symbols and borders that already differ in shape.

use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier, Style};

use super::Glyphs;
use crate::model::Status;

/// How a frame is coloured, and the characters it is drawn with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// Off when `NO_COLOR` is set: emphasis stays, colours go.
    pub colour: bool,
    /// Unicode, or ASCII (`--ascii`, or a locale that is not UTF-8). The
    /// screens draw with their own (`Keymap::glyphs`); this is for what
    /// has only the theme to go by, as the loading screen.
    pub glyphs: &'static Glyphs,
}

impl Theme {
    pub fn new(colour: bool) -> Self {
        Theme {
            colour,
            glyphs: &Glyphs::UNICODE,
        }
    }

    /// This theme, drawn with `glyphs`.
    #[must_use]
    pub fn with_glyphs(self, glyphs: &'static Glyphs) -> Self {
        Theme { glyphs, ..self }
    }

    /// As the environment asks: `NO_COLOR` set to anything but the empty
    /// string turns colour off.
    pub fn from_env() -> Self {
        Theme::new(std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()))
    }

    /// The frame drawn, in this theme: without colour, every colour goes
    /// (the styles here only ever add one to what the terminal shows, and
    /// so do the widgets drawn with them) and the emphasis stays.
    pub fn apply(&self, buffer: &mut Buffer) {
        if self.colour {
            return;
        }
        for cell in &mut buffer.content {
            cell.fg = Color::Reset;
            cell.bg = Color::Reset;
            cell.underline_color = Color::Reset;
        }
    }
}

pub(super) fn fg(colour: Color) -> Style {
    Style::new().fg(colour)
}

pub fn status(status: Status) -> Style {
    let colour = match status {
        Status::Unreviewed => return Style::new(),
        Status::Accepted => Color::Blue,
        // Not yellow: it fades on light backgrounds.
        Status::InProgress => Color::Magenta,
        Status::Complete => Color::Green,
        Status::NotAccepted => Color::Red,
        Status::NotApplicable => Color::DarkGray,
    };
    fg(colour)
}

/// A RAG rating's colour (its word says it without colour).
pub fn rag(rag: crate::model::tracking::Rag) -> Style {
    use crate::model::tracking::Rag;
    match rag {
        Rag::Red => fg(Color::Red).add_modifier(Modifier::BOLD),
        // Not yellow: it fades on light backgrounds.
        Rag::Amber => fg(Color::Rgb(215, 135, 0)).add_modifier(Modifier::BOLD),
        Rag::Green => fg(Color::Green).add_modifier(Modifier::BOLD),
    }
}

/// A marked row's `■`.
pub fn mark() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}

/// Characters a search matched: emphasis, not colour, so they read on any
/// background and in any row style.
pub fn matched() -> Style {
    Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
}

/// The link chosen with `]`/`[`.
pub fn chosen_link() -> Style {
    Style::new().add_modifier(Modifier::REVERSED)
}

/// A date within the days that count as soon: amber, and said in words.
pub fn soon() -> Style {
    fg(Color::Yellow).add_modifier(Modifier::BOLD)
}

pub fn error() -> Style {
    fg(Color::Red).add_modifier(Modifier::BOLD)
}

pub fn key() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}

pub fn label() -> Style {
    Style::new().add_modifier(Modifier::DIM)
}

pub fn title() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}

pub fn focused_border() -> Style {
    fg(Color::Cyan).add_modifier(Modifier::BOLD)
}

pub fn selected(focused: bool) -> Style {
    if focused {
        Style::new().add_modifier(Modifier::REVERSED)
    } else {
        Style::new().add_modifier(Modifier::UNDERLINED)
    }
}
