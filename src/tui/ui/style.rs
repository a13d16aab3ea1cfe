//! Colours and emphasis. Foreground and background stay the terminal's own,
//! so the screen reads on dark and light themes alike; colour only adds to
//! symbols and borders that already differ in shape.

use std::cell::Cell;

use ratatui::style::{Color, Modifier, Style};

use crate::model::Status;

thread_local! {
    /// Off when `NO_COLOR` is set: emphasis stays, colours go.
    static COLOUR: Cell<bool> = const { Cell::new(true) };
}

/// Draw this thread's frames with colour or without.
pub fn set_colour(on: bool) {
    COLOUR.with(|c| c.set(on));
}

/// Whether drawing is in colour, as last set.
pub fn colour() -> bool {
    COLOUR.with(Cell::get)
}

fn fg(colour: Color) -> Style {
    if COLOUR.with(Cell::get) {
        Style::new().fg(colour)
    } else {
        Style::new()
    }
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
