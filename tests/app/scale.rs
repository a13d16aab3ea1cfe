//! Large inspections: a search goes on a slice at a time behind the
//! keystrokes and ends where searching at once would; counts drawn every
//! frame follow every change.

use std::fmt::Write as _;

use crate::common::type_text;
use scrutiny::tui::app::{Action, App, SEARCH_SLICE};
use scrutiny::{
    files::load_inspection,
    model::{Review, Status},
};

/// `n` findings and `n / 2` recommendations; every third title says
/// "lantern", and one text says "zeppelin".
fn large(n: usize) -> App {
    let mut file = String::from("version: 1\ninspection:\n  id: big\n  title: Big\nfindings:\n");
    for i in 0..n {
        let word = if i.is_multiple_of(3) {
            "lantern"
        } else {
            "window"
        };
        writeln!(file, "  - id: F{i}\n    title: The {word} finding {i}").expect("a string");
        if i == n / 2 {
            file.push_str("    text: A zeppelin over the training ground.\n");
        }
    }
    file.push_str("recommendations:\n");
    for i in 0..n / 2 {
        writeln!(file, "  - id: R{i}\n    title: Do the {i}th thing").expect("a string");
    }
    let inspection = load_inspection(file.as_bytes()).expect("loads");
    let review = Review::new("big");
    App::new(
        inspection,
        review,
        "big.review.yaml".into(),
        None,
        "Tester".into(),
        jiff::civil::date(2026, 11, 29),
    )
    .with_clock(Some("2026-11-29T10:00:00Z".parse().expect("a time")))
}

fn screen(app: &mut App) -> String {
    let terminal = crate::common::draw(app, 120, 30);
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
fn a_large_search_goes_on_behind_the_keys_and_ends_as_one_at_once() {
    let mut app = large(3_000);
    app.update(Action::Search);
    type_text(&mut app, "lantern");
    // The keystroke only started it: the panes still show everything.
    assert!(app.has_work());
    assert_eq!(app.panes()[0].len(), 3_000);
    assert!(
        screen(&mut app).contains("searching… 0%"),
        "{}",
        screen(&mut app)
    );
    let mut slices = 0;
    while app.work(SEARCH_SLICE) {
        slices += 1;
    }
    assert_eq!(
        slices,
        4_500usize.div_ceil(SEARCH_SLICE) - 1,
        "4,500 items a slice at a time"
    );
    assert!(!app.has_work());
    assert_eq!(app.panes()[0].len(), 1_000, "every third finding");
    assert!(app.panes()[0].ids(&app.inspection().items).all(|id| {
        let n: usize = id[1..].parse().expect("a number");
        n.is_multiple_of(3)
    }));
    assert!(!screen(&mut app).contains("searching"));

    // Words in the text are found too, however far down.
    app.update(Action::Back);
    app.update(Action::Search);
    type_text(&mut app, "zeppelin");
    app.finish_work();
    assert_eq!(
        app.panes()[0]
            .ids(&app.inspection().items)
            .collect::<Vec<_>>(),
        ["F1500"]
    );
    assert!(app.panes()[1].is_empty());
}

#[test]
fn a_new_keystroke_starts_the_search_again() {
    let mut app = large(3_000);
    app.update(Action::Search);
    type_text(&mut app, "lan");
    assert!(app.work(SEARCH_SLICE));
    type_text(&mut app, "tern 2");
    app.finish_work();
    // "lantern" and a 2 in the number: the search typed last, not the first.
    assert!(!app.panes()[0].is_empty());
    assert!(
        app.panes()[0]
            .ids(&app.inspection().items)
            .all(|id| id.contains('2'))
    );
    // Leaving the search stops what is left of it and shows every row.
    app.update(Action::Search);
    type_text(&mut app, "x");
    assert!(app.has_work());
    app.update(Action::Back);
    assert!(!app.has_work());
    assert_eq!(app.panes()[0].len(), 3_000);
}

#[test]
fn the_progress_and_conflict_counts_follow_every_change() {
    let mut app = large(600);
    assert_eq!(app.progress(), (0, 900));
    app.update(Action::SetStatus(Status::Complete));
    assert_eq!(app.progress(), (1, 900));
    assert!(screen(&mut app).contains("Reviewed 1/900"));
    app.update(Action::MoveDown);
    app.update(Action::SetStatus(Status::InProgress));
    assert_eq!(app.progress(), (2, 900));
    app.update(Action::Undo);
    assert_eq!(app.progress(), (1, 900));
    assert!(screen(&mut app).contains("Reviewed 1/900"));
    app.update(Action::Redo);
    assert_eq!(app.progress(), (2, 900));
    assert_eq!(app.conflicts(), 0);
}

#[test]
fn the_summary_lists_the_due_dates_it_has_room_for_and_scrolls_to_the_rest() {
    let mut file =
        String::from("version: 1\ninspection:\n  id: due\n  title: Due\nrecommendations:\n");
    for i in 0..300 {
        writeln!(
            file,
            "  - id: R{i}\n    title: Thing {i}\n    due: 2026-{:02}-01",
            1 + i % 12
        )
        .expect("a string");
    }
    let inspection = load_inspection(file.as_bytes()).expect("loads");
    let mut app = App::new(
        inspection,
        Review::new("due"),
        "due.review.yaml".into(),
        None,
        "Tester".into(),
        jiff::civil::date(2026, 6, 15),
    );
    app.update(Action::Summary);
    let shown = screen(&mut app);
    let listed = shown.matches("Thing ").count();
    assert!(listed > 3, "{shown}");
    // Overdue first: every listed one is due before 15 June.
    assert_eq!(shown.matches("OVERDUE").count(), listed, "{shown}");
    // The box says where its rows are among them all.
    let place = |shown: &str| -> (usize, usize, usize) {
        let line = shown
            .lines()
            .find(|l| l.contains("(j/k scroll)"))
            .unwrap_or_else(|| panic!("no place shown:\n{shown}"));
        let numbers: Vec<usize> = line
            .split(|c: char| !c.is_ascii_digit())
            .filter_map(|w| w.parse().ok())
            .collect();
        (numbers[0], numbers[1], numbers[2])
    };
    let (first, last, total) = place(&shown);
    assert_eq!(first, 1, "{shown}");
    assert!(total > 300 && last < total, "{shown}");
    // At the end, the last of them all is in view.
    app.update(Action::Bottom);
    screen(&mut app);
    let shown = screen(&mut app);
    let (_, last, end) = place(&shown);
    assert_eq!((last, end), (total, total), "{shown}");
    assert!(
        !shown.contains("OVERDUE"),
        "the not yet due come last:\n{shown}"
    );
}
