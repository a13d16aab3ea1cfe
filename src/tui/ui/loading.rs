//! What shows while a large inspection is read: its name, how much of it
//! has been read and checked, and how to stop; or, for the overview, how
//! many of its inspections have been read.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Gauge, Paragraph};

use super::style;
use crate::text::one_line;

/// Megabytes, to one decimal place.
fn mb(bytes: usize) -> String {
    #[allow(clippy::cast_precision_loss)]
    let mb = bytes as f64 / 1e6;
    format!("{mb:.1} MB")
}

/// How much there is to read: bytes of one inspection, or the inspections
/// of the overview.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Total {
    Bytes(usize),
    Inspections(usize),
}

impl Total {
    fn count(self) -> usize {
        match self {
            Total::Bytes(n) | Total::Inspections(n) => n,
        }
    }

    /// Under the name: how much in all.
    fn in_all(self) -> String {
        match self {
            Total::Bytes(n) => format!("{} in all", mb(n)),
            Total::Inspections(n) => format!("{n} inspections, read on every core"),
        }
    }

    /// On the bar: how much of it is read.
    fn read(self, read: usize) -> String {
        match self {
            Total::Bytes(n) => format!("{} of {} read and checked", mb(read), mb(n)),
            Total::Inspections(n) => format!("Reading {read} of {n} inspections"),
        }
    }
}

/// `read`: how much of `total` has been read, where that is followed, and
/// the keys that stop it (from the keymap in force); `None` when it is
/// not, and the work cannot be stopped either.
pub fn render(
    frame: &mut Frame,
    file: &str,
    read: Option<(usize, &str)>,
    total: Total,
    theme: super::Theme,
) {
    // A box in the middle of the screen, as wide as the screen allows.
    let full = frame.area();
    let width = full.width.min(76);
    let height = full.height.min(11);
    let area = ratatui::layout::Rect {
        x: full.x + (full.width - width) / 2,
        y: full.y + (full.height - height) / 2,
        width,
        height,
    };
    let [head, _, bar, _, note, keys] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(2),
        Constraint::Length(1),
    ])
    .areas(area.inner(ratatui::layout::Margin::new(2, 1)));
    frame.render_widget(
        theme
            .glyphs
            .bordered()
            .title(Span::styled(" scrutiny ", style::title())),
        area,
    );
    frame.render_widget(
        Paragraph::new(vec![
            Line::from(vec![
                Span::styled("Opening ", style::label()),
                Span::styled(one_line(file).into_owned(), style::title()),
            ]),
            Line::from(Span::styled(total.in_all(), style::label())),
        ]),
        head,
    );
    let Some(read) = read else {
        frame.render_widget(
            Paragraph::new(Span::styled(
                format!("Reading and checking every item{}", theme.glyphs.ellipsis),
                style::title(),
            )),
            bar,
        );
        theme.apply(frame.buffer_mut());
        return;
    };
    let (read, stop) = read;
    let read = read.min(total.count());
    let ratio = if total.count() == 0 {
        1.0
    } else {
        #[allow(clippy::cast_precision_loss)]
        let ratio = read as f64 / total.count() as f64;
        ratio
    };
    frame.render_widget(
        Gauge::default()
            .gauge_style(style::focused_border())
            .ratio(ratio)
            .label(total.read(read)),
        bar,
    );
    frame.render_widget(
        Paragraph::new(vec![
            Line::from(Span::styled(
                if let Total::Inspections(_) = total {
                    "Those unchanged since last time come from the cache."
                } else {
                    "Each item is checked as it is read; nothing is written."
                },
                style::label(),
            )),
            Line::from(Span::styled(
                if let Total::Inspections(_) = total {
                    "The overview opens once every one has been read."
                } else {
                    "It opens once every item has been checked."
                },
                style::label(),
            )),
        ]),
        note,
    );
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(stop.to_owned(), style::key()),
            Span::raw(" stop"),
        ])),
        keys,
    );
    theme.apply(frame.buffer_mut());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn screen(total: Total, read: usize) -> String {
        let mut terminal =
            ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 13)).expect("terminal");
        terminal
            .draw(|f| {
                render(
                    f,
                    "500 inspections",
                    Some((read, "q")),
                    total,
                    super::super::Theme::new(false),
                );
            })
            .expect("draw");
        let buffer = terminal.backend().buffer();
        (0..buffer.area.height)
            .map(|y| {
                (0..buffer.area.width)
                    .map(|x| buffer[(x, y)].symbol())
                    .collect::<String>()
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn the_overview_counts_inspections_read() {
        let shown = screen(Total::Inspections(500), 123);
        assert!(shown.contains("Opening 500 inspections"), "{shown}");
        assert!(shown.contains("Reading 123 of 500 inspections"), "{shown}");
        assert!(shown.contains("come from the cache"), "{shown}");
        assert!(!shown.contains(" MB"), "{shown}");
    }

    #[test]
    fn one_file_counts_megabytes() {
        let shown = screen(Total::Bytes(20_000_000), 5_000_000);
        assert!(shown.contains("20.0 MB in all"), "{shown}");
        assert!(
            shown.contains("5.0 MB of 20.0 MB read and checked"),
            "{shown}"
        );
    }
}
