//! `NO_COLOR`: without colour every cell keeps the terminal's colours;
//! with it the status markers are coloured.

use super::*;

// ============================================================= NO_COLOR

/// Every status on screen, plus marks, a search match and the summary.
fn colourful() -> App {
    let mut app = example();
    for (id, status) in ["F1", "F2", "F3", "F4", "F5"]
        .into_iter()
        .zip(Status::ALL.into_iter().skip(1))
    {
        set_status(&mut app, id, status);
    }
    select(&mut app, "F1");
    app.update(Action::Mark);
    app
}

fn coloured_cells(buffer: &Buffer) -> Vec<(u16, u16, String, Color, Color)> {
    let mut out = Vec::new();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            let cell = &buffer[(x, y)];
            if cell.fg != Color::Reset || cell.bg != Color::Reset {
                out.push((x, y, cell.symbol().to_owned(), cell.fg, cell.bg));
            }
        }
    }
    out
}

#[test]
fn without_colour_every_cell_keeps_the_terminals_colours() {
    let mut app = colourful().with_colour(false);
    let mut screens = vec![
        ("list", draw(&mut app, 120, 40)),
        ("tabs", draw(&mut app, 80, 24)),
    ];
    search(&mut app, "train");
    app.update(Action::Accept);
    screens.push(("search", draw(&mut app, 120, 40)));
    app.update(Action::Summary);
    screens.push(("summary", draw(&mut app, 120, 40)));
    app.update(Action::Back);
    app.update(Action::Help);
    screens.push(("help", draw(&mut app, 120, 40)));
    app.update(Action::Back);
    app.update(Action::FilterMenu);
    screens.push(("filters", draw(&mut app, 120, 40)));
    app.update(Action::Back);
    app.update(Msg::Saved(SaveOutcome::Failed("disk full".into())));
    assert!(matches!(app.message(), Some(Message::Error(_))));
    screens.push(("error", draw(&mut app, 120, 40)));
    for (name, buffer) in screens {
        let coloured = coloured_cells(&buffer);
        assert!(
            coloured.is_empty(),
            "{name}: coloured cells {:?}\n{}",
            &coloured[..coloured.len().min(5)],
            screen_text(&buffer)
        );
    }
}

#[test]
fn without_colour_the_editor_placeholders_keep_the_terminals_colours() {
    let mut app = example().with_colour(false);
    app.update(Action::Search);
    let coloured = coloured_cells(&draw(&mut app, 120, 40));
    assert!(
        coloured.is_empty(),
        "search: {:?}",
        &coloured[..coloured.len().min(3)]
    );
    app.update(Action::Back);
    app.update(Action::Help);
    app.update(Action::Search);
    let coloured = coloured_cells(&draw(&mut app, 120, 40));
    assert!(
        coloured.is_empty(),
        "help search: {:?}",
        &coloured[..coloured.len().min(3)]
    );
}

#[test]
fn with_colour_the_status_markers_are_coloured() {
    let mut app = colourful();
    assert!(app.colour(), "colour is on by default");
    let buffer = draw(&mut app, 120, 40);
    // Stacked panes: "┃▸■◐ F2  title", the marker in column 3.
    let row_of = |id: &str| -> u16 {
        (0..buffer.area.height)
            .find(|&y| {
                let text: String = (5..5 + 4).map(|x| buffer[(x, y)].symbol()).collect();
                text.starts_with(&format!("{id} "))
            })
            .expect("a list row for the id")
    };
    for (id, status, colour) in [
        ("F1", Status::Accepted, Color::Blue),
        ("F2", Status::InProgress, Color::Magenta),
        ("F3", Status::Complete, Color::Green),
        ("F4", Status::NotAccepted, Color::Red),
        ("F5", Status::NotApplicable, Color::DarkGray),
        ("F6", Status::Unreviewed, Color::Reset),
    ] {
        let cell = &buffer[(3, row_of(id))];
        assert_eq!(cell.symbol(), status.symbol(), "{id}");
        assert_eq!(cell.fg, colour, "{id} {status:?}");
    }
    // The mark is told by its shape and weight.
    let mark = &buffer[(2, row_of("F1"))];
    assert_eq!(mark.symbol(), "■");
    assert!(mark.modifier.contains(ratatui::style::Modifier::BOLD));
    // Drawing without colour afterwards on the same thread turns it off.
    let mut plain = colourful().with_colour(false);
    assert!(coloured_cells(&draw(&mut plain, 120, 40)).is_empty());
    assert!(!coloured_cells(&draw(&mut app, 120, 40)).is_empty());
}
