//! The screen as a user sees it: insta snapshots of the rendered text at
//! common sizes, plus direct checks of the words and colours that matter.

mod common;

use ratatui::buffer::Buffer;
use ratatui::style::Color;
use scrutiny::tui::app::{Action, App, Msg};
use scrutiny::{
    files::{load_inspection, load_review},
    model::{Review, Status},
};

use common::{date, draw, example_inspection, new_app, screen, type_text};

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
    common::buffer_rows(buffer)
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
    for _ in 0..200 {
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

#[test]
fn control_characters_and_wide_text_from_files_are_drawn_inert_and_fit() {
    let yaml = "inspection:\n  id: odd\n  title: \"Bell\\a and \\e[2J clear\"\n\
                findings:\n  - id: F1\n    title: \"\\e]52;c;eA==\\a 日本語のとても長いタイトルがここに続きます、さらに続きます\"\n\
                \x20   text: \"tab\\there\\nnext\"\n";
    let inspection = load_inspection(yaml.as_bytes()).expect("loads");
    let mut app = new_app(
        inspection,
        Review::new("odd"),
        "/tmp/odd.review.yaml",
        None,
        date("2020-04-01"),
    );
    for (w, h) in [(80, 24), (120, 40), (61, 16)] {
        let buffer = buffer(&mut app, w, h);
        let rows = rows(&buffer);
        let text = rows.join("\n");
        assert!(!text.contains('\u{1b}'), "an escape reached the screen");
        assert!(!text.contains('\u{7}'), "a bell reached the screen");
        assert!(text.contains("␛[2J"), "{text}");
        for row in &rows {
            assert_eq!(
                unicode_width::UnicodeWidthStr::width(row.as_str()),
                usize::from(w),
                "row overflows:\n{text}"
            );
        }
        // The list row stays inside its border.
        let list_row = rows
            .iter()
            .find(|r| r.contains(" F1 "))
            .expect("the F1 row");
        let right_border = list_row.chars().filter(|&c| c == '┃').count();
        assert_eq!(right_border, 2, "{list_row}");
    }
}

/// An inspection of one finding whose text is `paragraphs` numbered
/// paragraphs, each its own block, and a second finding after it.
fn huge_item(paragraphs: usize, title: &str) -> App {
    huge_item_with(paragraphs, title, Review::new("huge"))
}

/// `huge_item`, with `review` as its review.
fn huge_item_with(paragraphs: usize, title: &str, review: Review) -> App {
    use std::fmt::Write as _;
    let mut yaml = format!(
        "inspection:\n  id: huge\n  title: {title}\nfindings:\n  - id: F1\n    title: {title}\n    text: |\n"
    );
    for n in 1..=paragraphs {
        let _ = writeln!(yaml, "      Paragraph {n:06} of the text.\n");
    }
    yaml.push_str("  - id: F2\n    title: Second\n");
    let inspection = load_inspection(yaml.as_bytes()).expect("the huge inspection loads");
    new_app(
        inspection,
        review,
        "/tmp/huge.review.yaml",
        None,
        date("2020-04-01"),
    )
}

/// The detail pane's rows of `app` drawn at 120x40 (the right half).
fn detail_rows(app: &mut App) -> Vec<String> {
    rows(&buffer(app, 120, 40))
        .into_iter()
        .map(|row| row.chars().skip(54).collect::<String>())
        .collect()
}

#[test]
fn a_huge_text_shows_the_right_rows_at_its_start_middle_and_end() {
    // 100,000 paragraphs and the blank lines between them: more rows than
    // a u16 counts, each found only when scrolled to.
    let mut app = huge_item(100_000, "One huge item");
    let first = detail_rows(&mut app).join("\n");
    assert!(first.contains("Paragraph 000001 of the text."), "{first}");
    assert!(!first.contains("Paragraph 000100 "), "{first}");
    let head = first
        .lines()
        .position(|l| l.contains("Paragraph 000001"))
        .expect("the first paragraph is shown");
    // The pane's rows start below its top border; paragraph n is two rows
    // further down than paragraph n - 1.
    let border = first
        .lines()
        .position(|l| l.starts_with("┌ Detail"))
        .expect("the detail pane");
    let top = head - border - 1;
    common::scroll_detail_to(&mut app, top + 2 * 60_000);
    let middle = detail_rows(&mut app);
    assert!(
        middle[border + 1].contains("Paragraph 060001 of the text."),
        "{middle:#?}"
    );
    assert_eq!(app.detail_scroll(), top + 120_000);
    common::scroll_detail_to(&mut app, usize::MAX);
    let end = detail_rows(&mut app).join("\n");
    assert!(end.contains("Paragraph 100000 of the text."), "{end}");
    assert!(!end.contains("Paragraph 099900 "), "{end}");
    // The scroll stops at the last screenful: 36 rows inside the border.
    let last = app.detail_scroll();
    common::scroll_detail_to(&mut app, last + 1);
    detail_rows(&mut app);
    assert_eq!(app.detail_scroll(), last, "the scroll is kept in the text");
}

#[test]
fn a_huge_title_is_cut_in_the_list_the_header_and_the_detail() {
    let title = "word ".repeat(2_000_000);
    let mut app = huge_item(1, title.trim_end());
    let screen = rows(&buffer(&mut app, 120, 40));
    assert!(
        screen[0].starts_with("word word") && screen[0].ends_with('…'),
        "{screen:#?}"
    );
    let row = screen
        .iter()
        .find(|r| r.contains(" F1 "))
        .expect("F1's row");
    assert!(row.contains("F1 word word") && row.contains('…'), "{row}");
    // The detail wraps the title only up to a field's length, ending in `…`.
    let mut app = app;
    common::scroll_detail_to(&mut app, usize::MAX);
    let end = detail_rows(&mut app).join("\n");
    assert!(end.contains("Paragraph 000001 of the text."), "{end}");
    app.update(Action::DetailUp);
    let title_end = detail_rows(&mut app).join("\n");
    assert!(title_end.contains('…'), "{title_end}");
}

#[test]
fn a_huge_note_from_the_review_file_shows_the_right_rows_and_the_text_after_it() {
    use std::fmt::Write as _;
    let mut review = String::from(
        "version: 1\ninspection: huge\nitems:\n  F1:\n    status: accepted\n    note: |\n",
    );
    for n in 1..=70_000 {
        let _ = writeln!(review, "      Note line {n:06}");
    }
    let review = load_review(review.as_bytes(), "huge").expect("the review loads");
    let mut app = huge_item_with(3, "One huge item", review);
    let first = detail_rows(&mut app).join("\n");
    assert!(first.contains("  Note line 000001"), "{first}");
    let border = first
        .lines()
        .position(|l| l.starts_with("┌ Detail"))
        .expect("the detail pane");
    let at = first
        .lines()
        .position(|l| l.contains("Note line 000001"))
        .expect("the note's first line")
        - border
        - 1;
    // Line n of the note is n - 1 rows below its first.
    common::scroll_detail_to(&mut app, at + 66_000);
    let middle = detail_rows(&mut app);
    assert!(
        middle[border + 1].contains("Note line 066001"),
        "{middle:#?}"
    );
    common::scroll_detail_to(&mut app, usize::MAX);
    let end = detail_rows(&mut app).join("\n");
    assert!(end.contains("Paragraph 000003 of the text."), "{end}");
    assert!(end.contains("── From the report ──"), "{end}");
    assert!(end.contains("Note line 070000"), "{end}");
}

#[test]
fn a_link_among_tens_of_thousands_is_drawn_and_placed_where_it_is() {
    let links = vec!["F2"; 70_000].join(", ");
    let yaml = format!(
        "inspection:\n  id: links\n  title: Links\nfindings:\n  - id: F1\n    title: Linked\n    links: [{links}]\n    text: After the links.\n  - id: F2\n    title: Second\n"
    );
    let inspection = load_inspection(yaml.as_bytes()).expect("the inspection loads");
    let mut app = new_app(
        inspection,
        Review::new("links"),
        "/tmp/links.review.yaml",
        None,
        date("2020-04-01"),
    );
    let first = detail_rows(&mut app);
    let border = first
        .iter()
        .position(|l| l.starts_with("┌ Detail"))
        .expect("the detail pane");
    let links_at = first
        .iter()
        .position(|l| l.contains("Links       F2 Second"))
        .expect("the first link")
        - border
        - 1;
    // The link 66,001st, chosen with the key.
    for _ in 0..=66_000 {
        app.update(Action::NextLink);
    }
    assert_eq!(app.link(), Some(66_000));
    common::scroll_detail_to(&mut app, links_at + 66_000);
    let rows = detail_rows(&mut app);
    assert!(
        rows[border + 1].contains("F2 Second  Enter follows"),
        "{rows:#?}"
    );
    let row = u16::try_from(border + 1).expect("a row");
    assert!(
        app.layout().link_rows.contains(&(row, 66_000)),
        "{:?}",
        app.layout().link_rows
    );
    common::scroll_detail_to(&mut app, usize::MAX);
    let end = detail_rows(&mut app).join("\n");
    assert!(end.contains("After the links."), "{end}");
}

#[test]
fn bidi_overrides_and_zero_width_characters_are_marked_on_screen() {
    // Trojan Source: an override makes "pay" read as something else, a
    // zero-width space splits an id invisibly. Both are data and load;
    // the screen marks them in the header, the list and the detail pane.
    let yaml = "inspection:\n  id: bidi\n  title: \"Header \\u202Eyap\\u202C end\"\n  inspectorate: \"HMI\\u2066CFRS\"\n\
                findings:\n  - id: F1\n    title: \"List \\u202Edaer\\u202C row\"\n    theme: \"Theme\\u200Bhidden\"\n    tags: [\"tag\\u2067x\"]\n\
                \x20   text: \"Body \\u2068isolate\\u2069 and \\uFEFF bom and \\u061C alm\"\n";
    let inspection = load_inspection(yaml.as_bytes()).expect("hidden characters are data");
    let mut review = Review::new("bidi");
    let stamp = scrutiny::model::Stamp {
        at: "2020-03-20T09:00:00Z".parse().expect("a timestamp"),
        by: "tester".into(),
    };
    review.set_note("F1", "Note \u{202d}forced\u{202c} \u{200f}rtl", &stamp);
    review.set_owner("F1", "Owner\u{200d}joined", &stamp);
    let mut app = new_app(
        inspection,
        review,
        "/tmp/bidi.review.yaml",
        None,
        date("2020-04-01"),
    );
    // A search's matched letters are highlighted where they are shown,
    // after the markers.
    app.update(scrutiny::tui::app::Action::Search);
    type_text(&mut app, "row");
    let drawn = buffer(&mut app, 160, 40);
    let highlighted: String = drawn
        .content()
        .iter()
        .filter(|cell| cell.modifier.contains(ratatui::style::Modifier::UNDERLINED))
        .map(ratatui::buffer::Cell::symbol)
        .collect();
    assert_eq!(highlighted, "row");
    let text = rows(&drawn).join("\n");
    for c in text.chars() {
        assert!(
            !scrutiny::text::is_hidden(c),
            "{c:?} reached the screen:\n{text}"
        );
    }
    for marked in [
        "Header ⟨U+202E⟩yap⟨U+202C⟩ end",
        "HMI⟨U+2066⟩CFRS",
        "List ⟨U+202E⟩daer⟨U+202C⟩ row",
        "Theme⟨U+200B⟩hidden",
        "tag⟨U+2067⟩x",
        "Body ⟨U+2068⟩isolate⟨U+2069⟩ and ⟨U+FEFF⟩ bom and ⟨U+061C⟩ alm",
        "Note ⟨U+202D⟩forced⟨U+202C⟩ ⟨U+200F⟩rtl",
        "Owner⟨U+200D⟩joined",
    ] {
        assert!(
            text.contains(marked),
            "{marked:?} is not on screen:\n{text}"
        );
    }
}

#[test]
fn a_carriage_return_in_a_note_breaks_the_line_as_the_exports_do() {
    let mut review = Review::new("hmicfrs-2020-prevent");
    let stamp = scrutiny::model::Stamp {
        at: "2020-03-20T09:00:00Z".parse().expect("a timestamp"),
        by: "tester".into(),
    };
    review.set_note("F1", "first\rsecond\r\nthird", &stamp);
    let text = rows(&buffer(&mut app_with(review), 120, 40)).join("\n");
    assert!(!text.contains('␍'), "{text}");
    for line in ["  first ", "  second ", "  third "] {
        assert!(
            text.contains(line),
            "{line:?} on a line of its own:\n{text}"
        );
    }
}

/// Where `needle` starts on the screen: its column and row.
fn find_on_screen(buffer: &Buffer, needle: &str) -> Option<(u16, u16)> {
    let area = buffer.area;
    for y in 0..area.height {
        let row: Vec<&str> = (0..area.width).map(|x| buffer[(x, y)].symbol()).collect();
        for x in 0..row.len() {
            if row[x..].concat().starts_with(needle) {
                return u16::try_from(x).ok().map(|x| (x, y));
            }
        }
    }
    None
}

/// A cell the terminal would draw at a width of its own, or not at all.
fn undrawable(symbol: &str) -> bool {
    symbol
        .chars()
        .any(|c| c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{fffe}'))
}

/// Control characters, the line and paragraph separators and a
/// noncharacter in a note: the editor shows each as the detail pane does,
/// one visible cell, with the cursor on the character it is on in the
/// text; the note keeps its bytes.
#[test]
fn the_note_editor_shows_invisible_characters_as_the_detail_does() {
    use crossterm::event::KeyCode;
    let note = "ab\u{2028}cd\u{2029}ef\u{fffe}gh\u{1b}[31m\u{7}end";
    let shown = "ab␤cd¶ef�gh␛[31m␇end";
    let mut app = app();
    app.update(Action::EditNote);
    app.update(Msg::Paste(note.to_owned()));
    app.update(Msg::EditorKey(common::key(KeyCode::Home)));
    for _ in 0..3 {
        app.update(Msg::EditorKey(common::key(KeyCode::Right)));
    }
    let buffer = buffer(&mut app, 80, 24);
    let (x, y) =
        find_on_screen(&buffer, shown).unwrap_or_else(|| panic!("{}", rows(&buffer).join("\n")));
    // The cursor, drawn reversed, is on `c`, past `a`, `b` and the separator.
    let cursor = &buffer[(x + 3, y)];
    assert_eq!(cursor.symbol(), "c");
    assert!(cursor.modifier.contains(ratatui::style::Modifier::REVERSED));
    let reversed = (0..80)
        .filter(|&col| {
            buffer[(col, y)]
                .modifier
                .contains(ratatui::style::Modifier::REVERSED)
        })
        .count();
    assert_eq!(reversed, 1, "one cursor: {}", rows(&buffer)[usize::from(y)]);
    let area = buffer.area;
    for (cx, cy) in (0..area.height).flat_map(|cy| (0..area.width).map(move |cx| (cx, cy))) {
        let symbol = buffer[(cx, cy)].symbol();
        assert!(!undrawable(symbol), "{symbol:?} at {cx},{cy}");
    }
    // Typing there lands where the cursor was drawn.
    type_text(&mut app, "X");
    let buffer = self::buffer(&mut app, 80, 24);
    assert!(
        find_on_screen(&buffer, "ab␤Xcd¶").is_some(),
        "{}",
        rows(&buffer).join("\n")
    );
    app.update(Action::KeepNote);
    assert_eq!(
        common::note(&app, "F1").as_deref(),
        Some("ab\u{2028}Xcd\u{2029}ef\u{fffe}gh\u{1b}[31m\u{7}end")
    );
    let buffer = self::buffer(&mut app, 80, 24);
    assert!(
        find_on_screen(&buffer, "ab␤Xcd¶ef�gh␛[31m␇end").is_some(),
        "the detail shows it the same way: {}",
        rows(&buffer).join("\n")
    );
}

/// The owner's one-line editor shows an escape sequence as the detail
/// pane does.
#[test]
fn the_owner_editor_shows_an_escape_sequence_inert() {
    let mut app = app();
    app.update(Action::EditOwner);
    app.update(Msg::Paste("\u{1b}[2J boss".to_owned()));
    let buffer = buffer(&mut app, 80, 24);
    assert!(
        find_on_screen(&buffer, "␛[2J boss").is_some(),
        "{}",
        rows(&buffer).join("\n")
    );
    app.update(Action::Accept);
    assert_eq!(
        app.entry("F1").and_then(|e| e.owner.clone()).as_deref(),
        Some("\u{1b}[2J boss")
    );
}

/// The search field, typed where messages go, shows a pasted escape
/// sequence as the detail pane would.
#[test]
fn the_search_field_shows_an_escape_sequence_inert() {
    let mut app = app();
    app.update(Action::Search);
    app.update(Msg::Paste("\u{1b}[2Jx".to_owned()));
    let buffer = buffer(&mut app, 80, 24);
    assert!(
        rows(&buffer)[22].contains("Search: ␛[2Jx"),
        "{}",
        rows(&buffer).join("\n")
    );
}

/// The help's search field too.
#[test]
fn the_help_search_field_shows_an_escape_sequence_inert() {
    let mut app = app();
    app.update(Action::Help);
    app.update(Action::Search);
    app.update(Msg::Paste("\u{1b}[2Jx".to_owned()));
    let buffer = buffer(&mut app, 80, 24);
    assert!(
        rows(&buffer).iter().any(|r| r.contains("Search: ␛[2Jx")),
        "{}",
        rows(&buffer).join("\n")
    );
}

/// A long note, scrolled and wrapped, draws the same with control
/// characters as it does with a plain character of the same width in
/// their place: the same lines in view, the same wrapping, the cursor on
/// the same cell, whatever the keys did.
#[test]
fn a_scrolled_note_with_control_characters_lays_out_as_plain_text_does() {
    use crossterm::event::KeyCode;
    use std::fmt::Write as _;
    let mut note = String::new();
    for i in 0..40 {
        let long = if i % 5 == 0 {
            "long words here ".repeat(12)
        } else {
            String::new()
        };
        let _ = writeln!(note, "line {i} \u{1b}[{i}m{long}\u{2028}end");
    }
    let plain = note.replace('\u{1b}', "#").replace('\u{2028}', "~");
    let keys: Vec<KeyCode> = std::iter::repeat_n(KeyCode::Up, 12)
        .chain(std::iter::repeat_n(KeyCode::Down, 10))
        .chain([KeyCode::Right, KeyCode::Right])
        .collect();
    // Then a selection, three characters back with Shift.
    let shifted = 3;
    let frames = |text: &str| {
        let mut app = app();
        app.update(Action::EditNote);
        app.update(Msg::Paste(text.to_owned()));
        let mut seen = Vec::new();
        let presses = keys
            .iter()
            .map(|code| common::key(*code))
            .chain(std::iter::repeat_n(
                crossterm::event::KeyEvent::new(
                    KeyCode::Left,
                    crossterm::event::KeyModifiers::SHIFT,
                ),
                shifted,
            ))
            .collect::<Vec<_>>();
        for (n, press) in presses.iter().enumerate() {
            app.update(Msg::EditorKey(*press));
            if n % 4 == 3 || n + 1 == presses.len() {
                let buffer = buffer(&mut app, 80, 24);
                let cursor: Vec<(u16, u16)> = (0..24)
                    .flat_map(|y| (0..80).map(move |x| (x, y)))
                    .filter(|&(x, y)| {
                        buffer[(x, y)]
                            .modifier
                            .contains(ratatui::style::Modifier::REVERSED)
                            && y > 12
                    })
                    .collect();
                let selected: Vec<(u16, u16)> = (13..24)
                    .flat_map(|y| (0..80).map(move |x| (x, y)))
                    .filter(|&(x, y)| buffer[(x, y)].bg != Color::Reset)
                    .collect();
                seen.push((rows(&buffer)[12..23].to_vec(), (cursor, selected)));
            }
        }
        seen
    };
    let shown = frames(&note);
    let expected = frames(&plain);
    assert_eq!(shown.len(), expected.len());
    for ((rows, cursor), (plain_rows, plain_cursor)) in shown.iter().zip(&expected) {
        let rows: Vec<String> = rows
            .iter()
            .map(|r| r.replace('␛', "#").replace('␤', "~"))
            .collect();
        assert_eq!(&rows, plain_rows);
        assert_eq!(cursor, plain_cursor, "{}", rows.join("\n"));
        assert_eq!(
            cursor.0.len(),
            1,
            "one cursor in the editor: {}",
            rows.join("\n")
        );
        assert!(
            rows.iter().any(|r| r.contains("line ")),
            "{}",
            rows.join("\n")
        );
    }
    assert!(
        shown
            .iter()
            .any(|(rows, _)| rows.iter().any(|r| r.contains("␛[3"))),
        "the pictures are on screen"
    );
    let (_, (_, selected)) = shown.last().expect("frames");
    // The cursor's own cell shows as the cursor, not as selected.
    assert_eq!(
        selected.len(),
        shifted - 1,
        "the selection is drawn: {selected:?}"
    );
}
