//! The screen as a user sees it: insta snapshots of the rendered text at
//! common sizes, plus direct checks of the words and colours that matter.

mod text;

use ratatui::buffer::Buffer;
use ratatui::style::Color;
use scrutiny::tui::app::{Action, App, Msg};
use scrutiny::{
    files::{load_inspection, load_review},
    model::{Review, Status},
};

use crate::common::{date, draw, example_inspection, new_app, screen, type_text};

fn app_with(review: Review) -> App {
    new_app(
        example_inspection(),
        review,
        "/tmp/x.review.yaml",
        None,
        date("2020-04-01"),
    )
}

fn app() -> App {
    app_with(Review::new("hmicfrs-2020-prevent"))
}

fn buffer(app: &mut App, width: u16, height: u16) -> Buffer {
    draw(app, width, height).backend().buffer().clone()
}

/// The rows of the buffer as plain strings, wide characters counted once.
fn rows(buffer: &Buffer) -> Vec<String> {
    crate::common::buffer_rows(buffer)
}

/// F2 accepted, with a two-line note and an owner.
fn annotated() -> App {
    let mut app = app();
    app.update(Action::MoveDown);
    app.update(Action::SetStatus(Status::Accepted));
    app.update(Action::EditNote);
    type_text(&mut app, "Regional lead asked\nfor the training plan.");
    app.update(Action::KeepNote);
    app.update(Action::EditOwner);
    type_text(&mut app, "Head of Prevent");
    app.update(Action::Accept);
    app.update(Msg::Saved(scrutiny::tui::app::SaveOutcome::Written {
        path: app.save().path.clone(),
        bytes: app.review_yaml().into_bytes(),
    }));
    app
}

fn with_orphan() -> App {
    let text = "version: 1\n\
                inspection: hmicfrs-2020-prevent\n\
                items:\n\
                \x20 F1:\n\
                \x20   status: complete\n\
                \x20 F12:\n\
                \x20   status: in-progress\n\
                \x20   note: Was a finding in the draft report.\n";
    let review = load_review(text.as_bytes(), "hmicfrs-2020-prevent").expect("loads");
    let mut app = app_with(review);
    app.update(Action::PrevPane);
    assert_eq!(app.selected_id(), Some("F12"));
    app
}

// ------------------------------------------------------------ snapshots

#[test]
fn initial_80x24() {
    insta::assert_snapshot!(screen(&mut app(), 80, 24));
}

#[test]
fn initial_120x40() {
    insta::assert_snapshot!(screen(&mut app(), 120, 40));
}

#[test]
fn annotated_80x24() {
    insta::assert_snapshot!(screen(&mut annotated(), 80, 24));
}

#[test]
fn annotated_120x40() {
    insta::assert_snapshot!(screen(&mut annotated(), 120, 40));
}

#[test]
fn help_80x24() {
    let mut app = app();
    app.update(Action::Help);
    insta::assert_snapshot!(screen(&mut app, 80, 24));
}

#[test]
fn help_120x40() {
    let mut app = app();
    app.update(Action::Help);
    insta::assert_snapshot!(screen(&mut app, 120, 40));
}

#[test]
fn note_editor_80x24() {
    let mut app = annotated();
    app.update(Action::EditNote);
    type_text(&mut app, " More.");
    insta::assert_snapshot!(screen(&mut app, 80, 24));
}

#[test]
fn note_editor_120x40() {
    let mut app = annotated();
    app.update(Action::EditNote);
    type_text(&mut app, " More.");
    insta::assert_snapshot!(screen(&mut app, 120, 40));
}

#[test]
fn note_editor_200x50() {
    let mut app = annotated();
    app.update(Action::EditNote);
    type_text(&mut app, " More.");
    insta::assert_snapshot!(screen(&mut app, 200, 50));
}

/// At 80x24 the item is shown above the editor once asked for.
#[test]
fn note_editor_80x24_with_the_item() {
    let mut app = annotated();
    app.update(Action::EditNote);
    type_text(&mut app, " More.");
    app.update(Action::ToggleItem);
    insta::assert_snapshot!(screen(&mut app, 80, 24));
}

/// At 120x40 the same key hides the item again, for a wider editor.
#[test]
fn note_editor_120x40_without_the_item() {
    let mut app = annotated();
    app.update(Action::EditNote);
    app.update(Action::ToggleItem);
    let text = screen(&mut app, 120, 40);
    assert!(!text.contains("What the note answers"), "{text}");
    assert!(text.contains("Findings"), "{text}");
}

#[test]
fn too_small_in_the_note_editor_says_how_to_leave() {
    let mut app = app();
    app.update(Action::EditNote);
    let text = screen(&mut app, 50, 12);
    let words = text
        .split(|c: char| c.is_whitespace() || c == '"')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        words.contains("press Esc to keep the note, then q to quit."),
        "{text}"
    );
}

#[test]
fn dropping_typed_text_asks_80x24() {
    let mut app = annotated();
    app.update(Action::EditNote);
    type_text(&mut app, " More.");
    app.update(Action::DiscardNote);
    insta::assert_snapshot!(screen(&mut app, 80, 24));
}

#[test]
fn a_failed_external_editor_asks_120x40() {
    let mut app = annotated();
    app.update(Action::EditNote);
    app.update(Msg::EditedExternally(scrutiny::tui::app::ExternalEdit {
        id: "F2".into(),
        result: Ok(scrutiny::tui::app::Returned {
            text: "half written".into(),
            failed: Some("exited with status 1".into()),
        }),
    }));
    insta::assert_snapshot!(screen(&mut app, 120, 40));
}

/// F2 with a 30-line note and an owner long enough to wrap.
fn long_note() -> App {
    use std::fmt::Write as _;
    let mut app = app();
    app.update(Action::MoveDown);
    app.update(Action::EditNote);
    let mut note = String::new();
    for n in 1..=30 {
        let _ = write!(note, "{}Note line {n}.", if n > 1 { "\n" } else { "" });
    }
    type_text(&mut app, &note);
    app.update(Action::KeepNote);
    app
}

/// The owner of F2 a sentence long: its rows go on under the value.
fn long_owner() -> App {
    let mut app = app();
    app.update(Action::MoveDown);
    app.update(Action::EditOwner);
    type_text(
        &mut app,
        "Head of Prevent, with the regional lead for the North West and the chair of the safeguarding board standing in",
    );
    app.update(Action::Accept);
    app
}

/// At 80x24 the detail is 8 rows: paged once, to the fold and past it.
#[test]
fn long_note_folded_80x24() {
    let mut app = long_note();
    screen(&mut app, 80, 24);
    app.update(Action::DetailPageDown);
    insta::assert_snapshot!(screen(&mut app, 80, 24));
}

#[test]
fn long_note_folded_120x40() {
    insta::assert_snapshot!(screen(&mut long_note(), 120, 40));
}

#[test]
fn long_note_unfolded_80x24() {
    let mut app = long_note();
    app.update(Action::ToggleNoteFold);
    screen(&mut app, 80, 24);
    app.update(Action::DetailPageDown);
    insta::assert_snapshot!(screen(&mut app, 80, 24));
}

#[test]
fn long_note_unfolded_120x40() {
    let mut app = long_note();
    app.update(Action::ToggleNoteFold);
    insta::assert_snapshot!(screen(&mut app, 120, 40));
}

#[test]
fn long_owner_hangs_under_its_value_80x24() {
    insta::assert_snapshot!(screen(&mut long_owner(), 80, 24));
}

#[test]
fn long_owner_hangs_under_its_value_120x40() {
    insta::assert_snapshot!(screen(&mut long_owner(), 120, 40));
}

/// The fold reads without colour: its words say it, and a second press
/// folds the note again.
#[test]
fn a_long_note_folds_in_words_and_unfolds_and_folds_again() {
    let mut app = long_note();
    let folded = rows(&buffer(&mut app, 120, 40)).join("\n");
    assert!(folded.contains("Note line 1."), "{folded}");
    assert!(!folded.contains("Note line 12."), "{folded}");
    assert!(
        folded.contains("  … 19 more lines of the note (z unfolds)"),
        "{folded}"
    );
    assert!(folded.contains("── From the report ──"), "{folded}");
    app.update(Action::ToggleNoteFold);
    let whole = rows(&buffer(&mut app, 120, 40)).join("\n");
    assert!(whole.contains("Note line 25."), "{whole}");
    assert!(!whole.contains("more lines of the note"), "{whole}");
    app.update(Action::DetailPageDown);
    let end = rows(&buffer(&mut app, 120, 40)).join("\n");
    assert!(end.contains("Note line 30."), "{end}");
    assert!(end.contains("  (z folds the note)"), "{end}");
    app.update(Action::ToggleNoteFold);
    app.update(Action::DetailPageUp);
    assert_eq!(rows(&buffer(&mut app, 120, 40)).join("\n"), folded);
}

/// A field's value wraps to its own column, and only a field's: the
/// rows under it start with the label's width of blanks.
#[test]
fn a_wrapped_field_goes_on_under_its_value() {
    let mut app = long_owner();
    let screen = rows(&buffer(&mut app, 80, 24));
    let owner = screen
        .iter()
        .position(|r| r.contains("Owner       Head of"))
        .expect("the owner's row");
    let column = screen[owner].find("Owner").expect("the label");
    let next = &screen[owner + 1];
    let value = screen[owner].find("Head of").expect("the value");
    assert!(
        next[column..value].chars().all(|c| c == ' ') && !next[value..].starts_with(' '),
        "{screen:#?}"
    );
}

#[test]
fn too_small_50x12() {
    insta::assert_snapshot!(screen(&mut app(), 50, 12));
}

#[test]
fn orphan_selected_80x24() {
    insta::assert_snapshot!(screen(&mut with_orphan(), 80, 24));
}

#[test]
fn orphan_selected_120x40() {
    insta::assert_snapshot!(screen(&mut with_orphan(), 120, 40));
}

#[test]
fn save_failed_confirm_quit_80x24() {
    let mut app = app();
    app.update(Action::SetStatus(Status::Accepted));
    app.update(Msg::Saved(scrutiny::tui::app::SaveOutcome::Failed(
        "cannot save /tmp/x.review.yaml: Permission denied (os error 13)".into(),
    )));
    app.update(Action::Quit);
    insta::assert_snapshot!(screen(&mut app, 80, 24));
}

#[test]
fn disk_changed_80x24() {
    let mut app = app();
    app.update(Action::SetStatus(Status::Accepted));
    app.update(Msg::Saved(scrutiny::tui::app::SaveOutcome::ChangedOnDisk));
    insta::assert_snapshot!(screen(&mut app, 80, 24));
}

// -------------------------------------------------------- plain checks

#[test]
fn at_120x40_all_three_panes_are_visible_at_once() {
    let text = rows(&buffer(&mut app(), 120, 40)).join("\n");
    for title in ["Findings (11)", "Strengths (6)", "Recommendations (8)"] {
        assert!(text.contains(title), "{title} missing:\n{text}");
    }
}

#[test]
fn at_80x24_the_panes_are_tabs_naming_the_others() {
    let text = rows(&buffer(&mut app(), 80, 24)).join("\n");
    assert!(text.contains("[Findings 11]"), "{text}");
    assert!(text.contains("Strengths 6"), "{text}");
    assert!(text.contains("Recs 8"), "{text}");
}

#[test]
fn the_header_shows_the_response_deadline() {
    for (w, h) in [(80, 24), (120, 40)] {
        let rows = rows(&buffer(&mut app(), w, h));
        let header = rows[..3].join("\n");
        assert!(
            header.contains("response due 2020-05-03"),
            "{w}x{h}:\n{header}"
        );
    }
    let rows = rows(&buffer(&mut app(), 120, 40));
    assert!(rows[1].contains("(32 days left)"), "{}", rows[1]);
    assert!(rows[1].contains("published 2020-03-09"), "{}", rows[1]);
}

#[test]
fn the_footer_shows_the_keys() {
    for (w, h) in [(80, 24), (120, 40)] {
        let rows = rows(&buffer(&mut app(), w, h));
        let footer = rows.last().expect("a footer row");
        assert!(footer.contains("1-6 status"), "{w}x{h}: {footer}");
        assert!(footer.contains("? help"), "{w}x{h}: {footer}");
        assert!(footer.contains("q quit"), "{w}x{h}: {footer}");
    }
}

#[test]
fn the_footer_follows_the_mode() {
    let mut app = app();
    app.update(Action::EditNote);
    let rows = rows(&buffer(&mut app, 80, 24));
    let footer = rows.last().expect("a footer row");
    assert!(footer.contains("Esc/Ctrl-S keep note"), "{footer}");
    assert!(!footer.contains("1-6 status"), "{footer}");
}

#[test]
fn the_detail_shows_the_note_and_owner() {
    let text = rows(&buffer(&mut annotated(), 120, 40)).join("\n");
    assert!(text.contains("Regional lead asked"), "{text}");
    assert!(text.contains("for the training plan."), "{text}");
    assert!(text.contains("Head of Prevent"), "{text}");
    assert!(text.contains("Accepted"), "{text}");
    assert!(text.contains("Reviewed 1/25"), "{text}");
}

#[test]
fn an_unsaved_change_is_flagged_in_the_header() {
    let mut app = app();
    app.update(Action::SetStatus(Status::Accepted));
    let rows = rows(&buffer(&mut app, 120, 40));
    assert!(rows[2].contains("[NOT SAVED]"), "{}", rows[2]);
}

#[test]
fn the_too_small_message_names_the_sizes() {
    let text = rows(&buffer(&mut app(), 50, 12)).join(" ");
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains("50x12"), "{text}");
    assert!(text.contains("60x16"), "{text}");
}

#[test]
fn an_orphan_is_explained_in_the_detail() {
    let text = rows(&buffer(&mut with_orphan(), 120, 40)).join("\n");
    assert!(text.contains("Orphaned review entries (1)"), "{text}");
    assert!(text.contains("(not in the inspection)"), "{text}");
    assert!(
        text.contains("Orphaned: the inspection has no item"),
        "{text}"
    );
}

// -------------------------------------------------------------- colour

/// The cell of the status marker in the list row for `id`.
fn marker_cell<'b>(buffer: &'b Buffer, id: &str) -> &'b ratatui::buffer::Cell {
    let width = buffer.area.width;
    for y in 0..buffer.area.height {
        for x in 0..width.saturating_sub(2) {
            // A row is "▸M ID " or " M ID " inside a pane border.
            let following: String = (x + 1..(x + 2 + u16::try_from(id.len()).expect("short id")))
                .filter(|&cx| cx < width)
                .map(|cx| buffer[(cx, y)].symbol())
                .collect();
            let after = x + 2 + u16::try_from(id.len()).expect("short id");
            let ends = after >= width || buffer[(after, y)].symbol() == " ";
            let before = x > 0 && matches!(buffer[(x - 1, y)].symbol(), " " | "▸");
            if before && ends && following == format!(" {id}") {
                let cell = &buffer[(x, y)];
                if Status::ALL.iter().any(|s| s.symbol() == cell.symbol()) {
                    return cell;
                }
            }
        }
    }
    panic!("no list row for {id}:\n{}", rows(buffer).join("\n"));
}

#[test]
fn status_markers_are_coloured_by_status() {
    let mut app = app();
    app.update(Action::SetStatus(Status::Accepted)); // F1
    app.update(Action::MoveDown);
    app.update(Action::SetStatus(Status::Complete)); // F2
    app.update(Action::MoveDown);
    app.update(Action::SetStatus(Status::NotAccepted)); // F3
    app.update(Action::MoveDown);
    for (w, h) in [(80, 24), (120, 40)] {
        let buffer = buffer(&mut app, w, h);
        let f1 = marker_cell(&buffer, "F1");
        assert_eq!(f1.symbol(), "✓");
        assert_eq!(f1.fg, Color::Blue, "{w}x{h}");
        let f2 = marker_cell(&buffer, "F2");
        assert_eq!(f2.symbol(), "●");
        assert_eq!(f2.fg, Color::Green, "{w}x{h}");
        let f3 = marker_cell(&buffer, "F3");
        assert_eq!(f3.symbol(), "✗");
        assert_eq!(f3.fg, Color::Red, "{w}x{h}");
        let f5 = marker_cell(&buffer, "F5");
        assert_eq!(f5.symbol(), "○");
        assert_eq!(
            f5.fg,
            Color::Reset,
            "unreviewed keeps the terminal's colour"
        );
    }
}

#[test]
fn the_marker_keeps_its_colour_on_the_highlighted_row() {
    let mut app = app();
    app.update(Action::SetStatus(Status::Complete));
    let buffer = buffer(&mut app, 120, 40);
    let cell = marker_cell(&buffer, "F1");
    assert_eq!(cell.fg, Color::Green);
    assert!(
        cell.modifier.contains(ratatui::style::Modifier::REVERSED),
        "the selected row is highlighted"
    );
}

#[test]
fn the_focused_pane_border_is_cyan_and_the_others_are_not() {
    let mut app = app();
    // Stacked panes at 120x40 start below the three header rows.
    let buffer1 = buffer(&mut app, 120, 40);
    let corner = &buffer1[(0, 3)];
    assert_eq!(corner.symbol(), "┏", "a thick border marks focus");
    assert_eq!(corner.fg, Color::Cyan);
    let strengths_top = (4..40)
        .find(|&y| rows(&buffer1)[usize::from(y)].contains("Strengths (6)"))
        .expect("the strengths pane");
    assert_ne!(buffer1[(0, strengths_top)].fg, Color::Cyan);
    assert_eq!(buffer1[(0, strengths_top)].symbol(), "┌");

    app.update(Action::NextPane);
    let buffer2 = buffer(&mut app, 120, 40);
    assert_ne!(buffer2[(0, 3)].fg, Color::Cyan);
    assert_eq!(buffer2[(0, strengths_top)].fg, Color::Cyan);
    assert_eq!(buffer2[(0, strengths_top)].symbol(), "┏");

    // The single tabbed pane at 80x24 is always the focused one.
    let buffer3 = buffer(&mut app, 80, 24);
    assert_eq!(buffer3[(0, 3)].fg, Color::Cyan);
}

#[test]
fn the_help_cannot_scroll_past_its_end() {
    let mut app = app();
    app.update(Action::Help);
    for _ in 0..1000 {
        app.update(Action::MoveDown);
    }
    let text = rows(&buffer(&mut app, 80, 24)).join("\n");
    assert!(
        text.contains("Not applicable (not-applicable)"),
        "the last help line should stay in view:\n{text}"
    );
    // One step back up shows earlier lines at once.
    app.update(Action::MoveUp);
    let text = rows(&buffer(&mut app, 80, 24)).join("\n");
    assert!(text.contains("Status markers"), "{text}");
}
