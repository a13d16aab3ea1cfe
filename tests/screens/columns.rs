//! The list rows' working facts as columns, as width allows: due dates
//! with the days left (amber when soon, red once due, in words as well as
//! colour), owners, whether a response is written, grades and causes of
//! concern; and the header's count of responses still needed.

use ratatui::style::Color;

use scrutiny::files::load_inspection;
use scrutiny::model::{Review, Status};
use scrutiny::tui::app::{Action, App, Msg};

use crate::common::{buffer_rows, date, draw, new_app, screen, type_text};

/// Four recommendations due around 2025-03-01: past, in a week, in two
/// months, and one past but complete; findings with a grade and a cause.
const DUES: &str = "\
version: 1
inspection:
  id: dues-2025
  title: Dues
  inspectorate: HMICFRS
  published: 2025-02-20
findings:
  - id: F1
    title: Call handling is slow
    grade: Requires improvement
    tags: [cause-of-concern]
  - id: F2
    title: Staff are well trained
    grade: Good
recommendations:
  - id: R1
    title: Answer calls within ten seconds
    due: 2025-02-20
  - id: R2
    title: Audit call handling each month
    due: 2025-03-08
  - id: R3
    title: Publish the figures
    due: 2025-05-01
  - id: R4
    title: Train every call handler
    due: 2025-01-31
";

fn app() -> App {
    let inspection = load_inspection(DUES.as_bytes()).expect("the fixture loads");
    let mut app = new_app(
        inspection,
        Review::new("dues-2025"),
        "dues.review.yaml",
        None,
        date("2025-03-01"),
    );
    // R4 is complete: past its date, but nothing is overdue.
    crate::common::select(&mut app, "R4");
    app.update(Msg::Act(Action::SetStatus(Status::Complete)));
    crate::common::select(&mut app, "R2");
    app.update(Msg::Act(Action::EditOwner));
    type_text(&mut app, "Jane Smith");
    app.update(Msg::Act(Action::Accept));
    app.update(Msg::Act(Action::EditNote));
    type_text(&mut app, "We accept this.");
    app.update(Msg::Act(Action::KeepNote));
    app
}

#[test]
fn columns_at_200x50_and_none_at_80x24() {
    let mut app = app();
    insta::assert_snapshot!("columns_200x50", screen(&mut app, 200, 50));
    insta::assert_snapshot!("columns_120x40", screen(&mut app, 120, 40));
    app.update(Msg::Act(Action::WidenLists));
    app.update(Msg::Act(Action::WidenLists));
    app.update(Msg::Act(Action::WidenLists));
    insta::assert_snapshot!("columns_widened_120x40", screen(&mut app, 120, 40));
    for _ in 0..3 {
        app.update(Msg::Act(Action::NarrowLists));
    }
    let narrow = screen(&mut app, 80, 24);
    assert!(!narrow.contains("9 overdue"), "{narrow}");
    assert!(!narrow.contains("id / title"), "{narrow}");
    assert!(narrow.contains("R2"), "{narrow}");
}

#[test]
fn due_dates_say_soon_and_overdue_in_words_and_colour() {
    let mut app = app();
    let terminal = draw(&mut app, 200, 50);
    let buffer = terminal.backend().buffer();
    let rows = buffer_rows(buffer);
    let cell = |text: &str| {
        let (y, row) = rows
            .iter()
            .enumerate()
            .find(|(_, r)| r.contains(text))
            .unwrap_or_else(|| panic!("no {text:?}:\n{}", rows.join("\n")));
        let x = row[..row.find(text).expect("found")].chars().count();
        buffer[(
            u16::try_from(x).expect("narrow"),
            u16::try_from(y).expect("short"),
        )]
            .fg
    };
    assert_eq!(cell("2025-02-20 9 overdue"), Color::Red);
    assert_eq!(cell("2025-03-08 7 days left"), Color::Yellow);
    assert_eq!(cell("2025-05-01 61 days left"), Color::Reset);
    // Complete: its date, no days, no colour.
    let r4 = rows
        .iter()
        .find(|r| r.contains("R4 Train every call handler"))
        .expect("R4");
    assert!(r4.contains("2025-01-31") && !r4.contains("overdue"), "{r4}");
    let r2 = rows
        .iter()
        .find(|r| r.contains("R2 Audit call handling"))
        .expect("R2");
    assert!(r2.contains("Jane Smith") && r2.contains("yes"), "{r2}");
    let f1 = rows
        .iter()
        .find(|r| r.contains("F1 Call handling is slow"))
        .expect("F1");
    assert!(f1.contains("Requires impr") && f1.contains("CoC"), "{f1}");
    // The detail says it too: R2 (selected) is due in a week.
    let all = rows.join("\n");
    assert!(all.contains("2025-03-08 (7 days left, due soon)"), "{all}");
    assert_eq!(cell("2025-03-08 (7 days left, due soon)"), Color::Yellow);
    // The header: the one recommendation answered, of four.
    let all = rows.join("\n");
    assert!(all.contains("Responses needed 3/4"), "{all}");
    // Without colour the words stay.
    let mut plain = app.with_colour(false);
    let terminal = draw(&mut plain, 200, 50);
    let text = buffer_rows(terminal.backend().buffer()).join("\n");
    assert!(
        text.contains("9 overdue") && text.contains("7 days left"),
        "{text}"
    );
    assert!(
        terminal
            .backend()
            .buffer()
            .content
            .iter()
            .all(|c| c.fg == Color::Reset)
    );
}

#[test]
fn the_response_deadline_goes_amber_within_the_days_the_config_sets() {
    // Published 2025-02-20: the response is due 2025-04-16, 46 days on.
    let keys = scrutiny::tui::keymap::Keymap::from_config(
        "[display]\ndue_soon_days = 60\n",
        "config.toml",
    )
    .expect("a valid config");
    let mut soon = app().with_keys(keys);
    let rows = buffer_rows(draw(&mut soon, 120, 40).backend().buffer());
    let line = rows
        .iter()
        .find(|r| r.contains("response due"))
        .expect("the deadline");
    assert!(line.contains("46 days left, due soon"), "{line}");
    let mut later = app();
    let rows = buffer_rows(draw(&mut later, 120, 40).backend().buffer());
    let line = rows
        .iter()
        .find(|r| r.contains("response due"))
        .expect("the deadline");
    assert!(line.contains("(46 days left)"), "{line}");
}

#[test]
fn the_lists_widen_and_narrow_by_key_within_bounds() {
    let mut app = app();
    let share = app.list_share(200);
    app.update(Msg::Act(Action::WidenLists));
    assert_eq!(app.list_share(200), share + 5);
    for _ in 0..20 {
        app.update(Msg::Act(Action::NarrowLists));
    }
    assert_eq!(app.list_share(200), 25);
    for _ in 0..40 {
        app.update(Msg::Act(Action::WidenLists));
    }
    assert_eq!(app.list_share(200), 75);
    let wide = screen(&mut app, 200, 50);
    assert!(wide.contains("owner"), "{wide}");
}
