//! Text from files on screen: control characters, bidi overrides and wide
//! text drawn inert, huge texts, titles and notes shown at the right rows,
//! and the editors showing what the detail shows.

use super::*;

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
    crate::common::scroll_detail_to(&mut app, top + 2 * 60_000);
    let middle = detail_rows(&mut app);
    assert!(
        middle[border + 1].contains("Paragraph 060001 of the text."),
        "{middle:#?}"
    );
    assert_eq!(app.detail_scroll(), top + 120_000);
    crate::common::scroll_detail_to(&mut app, usize::MAX);
    let end = detail_rows(&mut app).join("\n");
    assert!(end.contains("Paragraph 100000 of the text."), "{end}");
    assert!(!end.contains("Paragraph 099900 "), "{end}");
    // The scroll stops at the last screenful: 36 rows inside the border.
    let last = app.detail_scroll();
    crate::common::scroll_detail_to(&mut app, last + 1);
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
    crate::common::scroll_detail_to(&mut app, usize::MAX);
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
    // Folded, the note shows its first rows and says how many are left,
    // so the report's text below it is in reach.
    let folded = detail_rows(&mut app).join("\n");
    assert!(folded.contains("  Note line 000001"), "{folded}");
    assert!(!folded.contains("Note line 000012"), "{folded}");
    assert!(
        folded.contains("  … 69990 more lines of the note (z unfolds)"),
        "{folded}"
    );
    assert!(folded.contains("── From the report ──"), "{folded}");
    // Unfolded, it is all there.
    app.update(Action::ToggleNoteFold);
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
    crate::common::scroll_detail_to(&mut app, at + 66_000);
    let middle = detail_rows(&mut app);
    assert!(
        middle[border + 1].contains("Note line 066001"),
        "{middle:#?}"
    );
    crate::common::scroll_detail_to(&mut app, usize::MAX);
    let end = detail_rows(&mut app).join("\n");
    assert!(end.contains("Paragraph 000003 of the text."), "{end}");
    assert!(end.contains("── From the report ──"), "{end}");
    assert!(end.contains("Note line 070000"), "{end}");
    assert!(end.contains("  (z folds the note)"), "{end}");
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
    crate::common::scroll_detail_to(&mut app, links_at + 66_000);
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
    crate::common::scroll_detail_to(&mut app, usize::MAX);
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
    app.update(Msg::EditorKey(crate::common::key(KeyCode::Home)));
    for _ in 0..3 {
        app.update(Msg::EditorKey(crate::common::key(KeyCode::Right)));
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
        crate::common::note(&app, "F1").as_deref(),
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
            .map(|code| crate::common::key(*code))
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

#[test]
fn ctrl_d_and_ctrl_u_page_the_detail_a_screenful_within_the_text() {
    let mut app = huge_item(1_000, "Paged");
    let first = detail_rows(&mut app);
    let height = usize::from(app.layout().detail.height);
    assert_eq!(height, 33, "{first:#?}");
    app.update(Action::DetailPageDown);
    assert_eq!(app.detail_scroll(), height);
    // What was below the pane is now in it.
    let below = detail_rows(&mut app).join("\n");
    assert!(
        !first.join("\n").contains("Paragraph 000020 "),
        "{first:#?}"
    );
    assert!(below.contains("Paragraph 000020 of the text."), "{below}");
    app.update(Action::DetailPageUp);
    assert_eq!(app.detail_scroll(), 0);
    let back = detail_rows(&mut app);
    assert_eq!(back, first, "a page up comes back to the same rows");
    // Paged to the end, the scroll stops at the last screenful, however
    // often the key is pressed before a frame.
    crate::common::scroll_detail_to(&mut app, usize::MAX);
    detail_rows(&mut app);
    let last = app.detail_scroll();
    for _ in 0..3 {
        app.update(Action::DetailPageDown);
    }
    assert_eq!(app.detail_scroll(), last, "kept within the text");
    let end = detail_rows(&mut app).join("\n");
    assert!(end.contains("Paragraph 001000 of the text."), "{end}");
    // Up from the end, a screenful at a time.
    app.update(Action::DetailPageUp);
    assert_eq!(app.detail_scroll(), last - height);
}

#[test]
fn a_short_item_does_not_page_away() {
    let mut app = huge_item(1, "Short");
    detail_rows(&mut app);
    app.update(Action::DetailPageDown);
    assert_eq!(app.detail_scroll(), 0, "the whole item is in the pane");
}
