//! The views that open over the screen and scroll: an item's history, the
//! inspection's own details and the summary at the smallest size; insta
//! snapshots at common sizes, and checks of the words that matter.

use jiff::tz::TimeZone;
use scrutiny::model::{Review, Status};
use scrutiny::tui::app::{Action, App, Msg};

use crate::common::{date, example_inspection, new_app, screen, select, type_text};

fn app() -> App {
    new_app(
        example_inspection(),
        Review::new("hmicfrs-2020-prevent"),
        "/tmp/x.review.yaml",
        None,
        date("2020-04-01"),
    )
    .with_zone(TimeZone::UTC)
}

/// Set the clock to `at` (UTC), as the runner would tell it.
fn at(app: &mut App, when: &str) {
    app.update(Msg::Clock(when.parse().expect("a valid timestamp")));
}

/// F2 changed over three days by two reviewers: a status, an owner, a note
/// written, cleared and written again, the owner cleared; then its history.
fn with_history() -> App {
    let mut app = app();
    select(&mut app, "F2");
    at(&mut app, "2026-11-27T09:15:00Z");
    app.update(Action::SetStatus(Status::InProgress));
    app.update(Action::EditOwner);
    type_text(&mut app, "Head of Prevent");
    app.update(Action::Accept);
    at(&mut app, "2026-11-28T14:02:00Z");
    app.update(Action::EditNote);
    type_text(&mut app, "Asked the regional lead for the plan.");
    app.update(Action::KeepNote);
    app.update(Action::EditNote);
    for _ in 0.."Asked the regional lead for the plan.".len() {
        app.update(Msg::EditorKey(crate::common::key(
            crossterm::event::KeyCode::Backspace,
        )));
    }
    app.update(Action::KeepNote);
    at(&mut app, "2026-11-29T16:40:00Z");
    app.update(Action::EditNote);
    type_text(&mut app, "Training plan received; it covers every force.");
    app.update(Action::KeepNote);
    app.update(Action::SetStatus(Status::Accepted));
    app.update(Action::EditOwner);
    for _ in 0.."Head of Prevent".len() {
        app.update(Msg::EditorKey(crate::common::key(
            crossterm::event::KeyCode::Backspace,
        )));
    }
    app.update(Action::Accept);
    app.update(Action::History);
    app
}

fn inspection() -> App {
    let mut app = app();
    app.update(Action::Inspection);
    app
}

// ------------------------------------------------------------ snapshots

#[test]
fn history_80x24() {
    insta::assert_snapshot!(screen(&mut with_history(), 80, 24));
}

#[test]
fn history_120x40() {
    insta::assert_snapshot!(screen(&mut with_history(), 120, 40));
}

#[test]
fn history_200x50() {
    insta::assert_snapshot!(screen(&mut with_history(), 200, 50));
}

#[test]
fn history_empty_80x24() {
    let mut app = app();
    app.update(Action::History);
    insta::assert_snapshot!(screen(&mut app, 80, 24));
}

#[test]
fn inspection_80x24() {
    insta::assert_snapshot!(screen(&mut inspection(), 80, 24));
}

#[test]
fn inspection_120x40() {
    insta::assert_snapshot!(screen(&mut inspection(), 120, 40));
}

#[test]
fn inspection_200x50() {
    insta::assert_snapshot!(screen(&mut inspection(), 200, 50));
}

/// A few statuses set, then the summary, at the smallest size there is.
fn summary() -> App {
    let mut app = app();
    for (id, status) in [
        ("F1", Status::Accepted),
        ("F3", Status::Complete),
        ("F4", Status::InProgress),
        ("S1", Status::NotApplicable),
        ("R7", Status::NotAccepted),
    ] {
        select(&mut app, id);
        app.update(Action::SetStatus(status));
    }
    app.update(Action::Summary);
    app
}

#[test]
fn summary_60x16() {
    insta::assert_snapshot!(screen(&mut summary(), 60, 16));
}

#[test]
fn summary_60x16_scrolled_to_the_end() {
    let mut app = summary();
    screen(&mut app, 60, 16);
    app.update(Action::Bottom);
    insta::assert_snapshot!(screen(&mut app, 60, 16));
}

// -------------------------------------------------------- plain checks

#[test]
fn the_history_is_shown_in_the_zone_the_app_holds() {
    let mut app = with_history().with_zone(TimeZone::fixed(jiff::tz::offset(-5)));
    let shown = screen(&mut app, 120, 40);
    // 16:40 UTC is 11:40 five hours behind, the zone named.
    assert!(shown.contains("2026-11-29 11:40 -05"), "{shown}");
    assert!(!shown.contains("16:40"), "{shown}");
}

#[test]
fn the_history_lists_the_newest_first_and_names_each_change() {
    let shown = screen(&mut with_history(), 120, 40);
    let row = |text: &str| {
        shown
            .lines()
            .position(|l| l.contains(text))
            .unwrap_or_else(|| panic!("no {text:?} in\n{shown}"))
    };
    assert!(row("owner cleared") < row("status Accepted"), "{shown}");
    assert!(row("status Accepted") < row("note added"), "{shown}");
    assert!(row("note added") < row("note cleared"), "{shown}");
    assert!(row("note cleared") < row("note edited"), "{shown}");
    assert!(row("note edited") < row("owner Head of Prevent"), "{shown}");
    assert!(
        row("owner Head of Prevent") < row("status In progress"),
        "{shown}"
    );
    // The newest note change shows how the note now starts.
    assert!(shown.contains("now \"Training plan received"), "{shown}");
}

#[test]
fn the_summary_at_the_smallest_size_keeps_every_column() {
    let shown = screen(&mut summary(), 60, 16);
    for word in ["total", "Findings", "Strengths", "Recs", "All"] {
        assert!(shown.contains(word), "{word}:\n{shown}");
    }
    for status in Status::ALL {
        assert!(shown.contains(status.symbol()), "{status:?}:\n{shown}");
    }
    // The findings' row: 11 in all, one each accepted, in progress, done.
    let findings = shown
        .lines()
        .find(|l| l.contains("Findings ") && !l.contains('['))
        .expect("the findings' counts");
    let numbers: Vec<&str> = findings
        .split(|c: char| !c.is_ascii_digit())
        .filter(|w| !w.is_empty())
        .collect();
    assert_eq!(numbers, ["8", "1", "1", "1", "0", "0", "11"], "{shown}");
}

#[test]
fn text_from_files_is_shown_inert_in_the_history_and_the_details() {
    let text = "version: 1\n\
                inspection: hmicfrs-2020-prevent\n\
                items:\n\
                \x20 F1:\n\
                \x20   status: accepted\n\
                \x20   owner: \"Eve\\e[2J\"\n\
                \x20   history:\n\
                \x20     - at: 2026-11-28T10:00:00Z\n\
                \x20       by: \"mallory\\e]0;pwned\\a\"\n\
                \x20       owner: \"Eve\\e[2J\"\n";
    let review =
        scrutiny::files::load_review(text.as_bytes(), "hmicfrs-2020-prevent").expect("loads");
    let mut inspection = example_inspection();
    inspection.meta.scope = Some("All forces\u{1b}[31m, \u{202e}reversed".into());
    inspection.meta.url = Some("https://example.org/\u{1b}[5m".into());
    let mut app = new_app(
        inspection,
        review,
        "/tmp/x.review.yaml",
        None,
        date("2020-04-01"),
    )
    .with_zone(TimeZone::UTC);
    app.update(Action::History);
    let shown = screen(&mut app, 120, 40);
    assert!(shown.contains("2026-11-28 10:00 UTC"), "{shown}");
    assert!(shown.contains("mallory"), "{shown}");
    app.update(Action::Back);
    app.update(Action::Inspection);
    let details = screen(&mut app, 120, 40);
    assert!(details.contains("All forces"), "{details}");
    for screen in [&shown, &details] {
        assert!(!screen.contains('\u{1b}'), "{screen}");
        assert!(!screen.contains('\u{7}'), "{screen}");
        assert!(!screen.contains('\u{202e}'), "{screen}");
    }
}

/// The Response view on the bundled example's own review, a field chosen
/// far enough down that the view scrolls to it.
fn response(cursor: usize) -> App {
    let bytes = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/prevent-2020.review.yaml"),
    )
    .expect("the bundled review");
    let review = scrutiny::files::load_review(&bytes, "hmicfrs-2020-prevent").expect("it loads");
    let mut app = new_app(
        example_inspection(),
        review,
        "/tmp/x.review.yaml",
        None,
        date("2020-04-01"),
    )
    .with_zone(TimeZone::UTC);
    app.update(Action::Response);
    for _ in 0..cursor {
        app.update(Action::MoveDown);
    }
    app
}

#[test]
fn response_80x24() {
    insta::assert_snapshot!(screen(&mut response(0), 80, 24));
}

#[test]
fn response_scrolled_to_a_field_80x24() {
    insta::assert_snapshot!(screen(&mut response(11), 80, 24));
}

#[test]
fn response_200x50() {
    insta::assert_snapshot!(screen(&mut response(0), 200, 50));
}

#[test]
fn response_field_editor_and_export_question_80x24() {
    let mut app = response(11);
    app.update(Action::Open);
    type_text(&mut app, "2020-04-30");
    insta::assert_snapshot!("response_field_editor_80x24", screen(&mut app, 80, 24));
    app.update(Action::Accept);
    app.update(Action::ExportDraft);
    insta::assert_snapshot!("response_export_question_80x24", screen(&mut app, 80, 24));
}

#[test]
fn the_response_view_says_what_is_left_and_when() {
    let mut app = app();
    app.update(Action::Response);
    let text = screen(&mut app, 120, 40);
    assert!(text.contains("Not ready to publish"), "{text}");
    assert!(text.contains("○ to do      Published"), "{text}");
    assert!(text.contains("still without: R1, R2"), "{text}");
    assert!(
        text.contains("publish by 2020-05-03 (32 days left)"),
        "{text}"
    );
    let text = screen(&mut response(0), 120, 40);
    assert!(text.contains("Ready to publish"), "{text}");
    assert!(text.contains("8 of 8 have an account"), "{text}");
}
