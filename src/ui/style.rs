//! Colours and emphasis. Foreground and background stay the terminal's own,
//! so the screen reads on dark and light themes alike; colour only adds to
//! symbols and borders that already differ in shape.

use ratatui::style::{Color, Modifier, Style};

use crate::model::Status;

pub fn status(status: Status) -> Style {
    let colour = match status {
        Status::Unreviewed => return Style::new(),
        Status::Accepted => Color::Blue,
        Status::InProgress => Color::Yellow,
        Status::Complete => Color::Green,
        Status::NotAccepted => Color::Red,
        Status::NotApplicable => Color::DarkGray,
    };
    Style::new().fg(colour)
}

pub fn error() -> Style {
    Style::new().fg(Color::Red).add_modifier(Modifier::BOLD)
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
    Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD)
}

pub fn selected(focused: bool) -> Style {
    if focused {
        Style::new().add_modifier(Modifier::REVERSED)
    } else {
        Style::new().add_modifier(Modifier::UNDERLINED)
    }
}
