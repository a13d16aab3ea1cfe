//! Every validation rule of the inspection file, reported at the right line
//! and column and all in one run.

use super::*;

// ------------------------------------------------------ inspection: rules

#[test]
fn a_minimal_inspection_loads() {
    let text = format!("{HEAD}findings:\n  - id: F1\n    title: a\n");
    let inspection = load_inspection(text.as_bytes()).expect("a minimal file loads");
    assert_eq!(inspection.meta.id, "x");
    assert_eq!(inspection.items.len(), 1);
}

#[test]
fn ids_are_unique_across_lists_not_only_within_one() {
    let text = format!(
        "{HEAD}findings:\n  - id: F1\n    title: a\nstrengths:\n  - id: F1\n    title: b\n"
    );
    let d = single(&text, pos(8, 5), "the id `F1` is used twice");
    assert!(d.message.contains("line 5"), "{}", d.message);
    assert!(d.message.contains("finding"), "{}", d.message);
}

#[test]
fn ids_are_unique_within_one_list() {
    let text = format!("{HEAD}findings:\n  - id: F1\n    title: a\n  - id: F1\n    title: b\n");
    single(&text, pos(7, 5), "the id `F1` is used twice");
}

#[test]
fn a_link_to_a_missing_id_is_reported_at_the_link() {
    let text = format!("{HEAD}findings:\n  - id: F1\n    title: a\n    links: [F1, R9]\n");
    single(&text, pos(7, 17), "`F1` links to `R9`");
}

#[test]
fn a_link_written_one_per_line_is_reported_at_its_line() {
    let text =
        format!("{HEAD}findings:\n  - id: F1\n    title: a\n    links:\n      - F1\n      - R9\n");
    single(&text, pos(9, 9), "no item in this file has that id");
}

#[test]
fn dates_must_be_real_calendar_dates() {
    let text = format!("{HEAD}  published: 2021-02-30\nfindings:\n  - id: F1\n    title: a\n");
    single(&text, pos(4, 14), "not a real calendar date");
}

#[test]
fn a_recommendation_due_date_must_be_real() {
    let text = format!("{HEAD}recommendations:\n  - id: R1\n    title: a\n    due: 2021-02-30\n");
    single(
        &text,
        pos(7, 10),
        "`due`: `2021-02-30` is not a real calendar date",
    );
}

#[test]
fn dates_must_be_iso() {
    let text = format!("{HEAD}  published: 9 March 2020\nfindings:\n  - id: F1\n    title: a\n");
    single(&text, pos(4, 14), "YYYY-MM-DD");
}

#[test]
fn an_unknown_key_is_named_with_the_keys_allowed_there() {
    let text = format!("{HEAD}findings:\n  - id: F1\n    title: a\n    colour: red\n");
    let d = single(&text, pos(7, 5), "unknown key `colour`");
    assert!(
        d.message
            .contains("allowed here: id, title, text, theme, grade, tags, links"),
        "{}",
        d.message
    );
}

#[test]
fn an_unknown_key_in_the_inspection_mapping_is_named() {
    let text = format!("{HEAD}  author: me\nfindings:\n  - id: F1\n    title: a\n");
    let d = single(&text, pos(4, 3), "unknown key `author`");
    assert!(d.message.contains("inspectorate"), "{}", d.message);
    assert!(d.message.contains("response_due_days"), "{}", d.message);
}

#[test]
fn grade_is_allowed_on_findings_only() {
    let text = format!("{HEAD}strengths:\n  - id: S1\n    title: a\n    grade: good\n");
    let d = single(&text, pos(7, 5), "unknown key `grade`");
    assert!(
        d.message
            .contains("allowed here: id, title, text, theme, tags, links"),
        "{}",
        d.message
    );
}

#[test]
fn misspelt_recommendations_is_an_error_not_an_empty_list() {
    let text = format!(
        "{HEAD}findings:\n  - id: F1\n    title: a\nrecomendations:\n  - id: R1\n    title: r\n"
    );
    let d = single(&text, pos(7, 1), "unknown key `recomendations`");
    assert!(
        d.message.contains("did you mean `recommendations`?"),
        "{}",
        d.message
    );
}

#[test]
fn a_file_whose_only_list_is_misspelt_is_refused() {
    // Not "no items" and not a quiet load of zero recommendations.
    let text = format!("{HEAD}recomendations:\n  - id: R1\n    title: r\n");
    single(&text, pos(4, 1), "unknown key `recomendations`");
}

#[test]
fn version_2_is_a_clear_error() {
    let text = format!("version: 2\n{HEAD}findings:\n  - id: F1\n    title: a\n");
    single(&text, pos(1, 10), "version `2` file");
}

#[test]
fn version_1_is_accepted() {
    let text = format!("version: 1\n{HEAD}findings:\n  - id: F1\n    title: a\n");
    load_inspection(text.as_bytes()).expect("version 1 loads");
}

#[test]
fn an_empty_file_is_an_error_without_a_position() {
    for text in ["", "\n", "   \n\n", "# only a comment\n"] {
        let found = problems(text.as_bytes());
        assert_eq!(found.len(), 1, "{text:?}: {found:#?}");
        // A comment-only file is "empty" YAML too; either wording is fine
        // as long as nothing loads and no panic happens.
        if text.trim().is_empty() {
            assert_eq!(found[0].pos, None, "{text:?}");
            assert!(found[0].message.contains("empty"), "{:?}", found[0].message);
        }
    }
}

#[test]
fn a_file_that_is_not_utf8_is_refused_at_the_bad_byte() {
    let mut bytes = HEAD.as_bytes().to_vec();
    bytes.extend_from_slice(b"findings:\n  - id: F1\n    title: caf\xe9\n");
    let found = problems(&bytes);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].pos, pos(6, 15));
    assert!(
        found[0].message.contains("not UTF-8"),
        "{}",
        found[0].message
    );
}

#[test]
fn a_latin1_file_is_named_as_such_at_the_bad_byte() {
    let mut bytes = HEAD.as_bytes().to_vec();
    bytes.extend_from_slice(b"findings:\n  - id: F1\n    title: caf\xe9 \x93quoted\x94\n");
    let found = problems(&bytes);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].pos, pos(6, 15));
    let message = &found[0].message;
    assert!(message.contains("Windows-1252 or Latin-1"), "{message}");
    assert!(message.contains("0xE9 is `é`"), "{message}");
    assert!(message.contains("save it as UTF-8"), "{message}");
    // The line is shown as that encoding reads it.
    let shown = found[0].render("f.yaml");
    assert!(shown.contains("title: café “quoted”"), "{shown}");
}

/// Text saved as Windows Notepad and PowerShell save it, for each way
/// UTF-16 is written.
fn utf16(text: &str, big_endian: bool, mark: bool) -> Vec<u8> {
    let mut bytes = Vec::new();
    let mut push = |unit: u16| {
        if big_endian {
            bytes.extend_from_slice(&unit.to_be_bytes());
        } else {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
    };
    if mark {
        push(0xFEFF);
    }
    for unit in text.encode_utf16() {
        push(unit);
    }
    bytes
}

#[test]
fn a_utf16_file_is_named_with_how_to_save_it_as_utf8() {
    let text = format!("{HEAD}findings:\n  - id: F1\n    title: Café\n");
    for (big_endian, mark, what) in [
        (
            false,
            true,
            "UTF-16 (little-endian, with a byte-order mark), as Windows Notepad",
        ),
        (true, true, "UTF-16 (big-endian, with a byte-order mark)"),
        (
            false,
            false,
            "UTF-16 (little-endian, without a byte-order mark)",
        ),
        (
            true,
            false,
            "UTF-16 (big-endian, without a byte-order mark)",
        ),
    ] {
        let bytes = utf16(&text, big_endian, mark);
        let found = problems(&bytes);
        assert_eq!(found.len(), 1, "{what}: {found:#?}");
        let message = &found[0].message;
        assert!(message.contains(what), "{what}: {message}");
        assert!(message.contains("save it as UTF-8"), "{message}");
        // Not taken for a binary file for its NUL bytes.
        assert!(!message.contains("NUL"), "{message}");
        let review = load_review(&bytes, "x")
            .expect_err("a UTF-16 review is refused")
            .0;
        assert!(review[0].message.contains(what), "{:?}", review[0].message);
    }
}

#[test]
fn a_utf8_byte_order_mark_is_allowed_in_a_review_too() {
    let review = load_review(
        b"\xEF\xBB\xBFversion: 1\ninspection: x\nitems:\n  F1:\n    status: accepted\n",
        "x",
    )
    .expect("a BOM is fine");
    assert_eq!(review.status("F1"), Status::Accepted);
}

#[test]
fn a_utf8_byte_order_mark_is_allowed() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(format!("{HEAD}findings:\n  - id: F1\n    title: a\n").as_bytes());
    load_inspection(&bytes).expect("a BOM is fine");
}

#[test]
fn tabs_in_indentation_are_reported_on_their_line() {
    let text = "inspection:\n\tid: x\n  title: T\nfindings:\n  - id: F1\n    title: a\n";
    let found = problems(text.as_bytes());
    assert_eq!(found.len(), 1, "{found:#?}");
    let at = found[0].pos.expect("a position");
    assert_eq!(at.line, 2, "{found:#?}");
    // The tab itself is column 1; the parser points just after it.
    assert!(at.column <= 2, "{found:#?}");
    assert!(found[0].message.contains("tab"), "{}", found[0].message);
}

#[test]
fn duplicate_keys_are_an_error() {
    let text = format!("{HEAD}  title: U\nfindings:\n  - id: F1\n    title: a\n");
    single(&text, pos(4, 3), "duplicate mapping key `title`");
}

#[test]
fn duplicate_top_level_lists_are_an_error() {
    let text =
        format!("{HEAD}findings:\n  - id: F1\n    title: a\nfindings:\n  - id: F2\n    title: b\n");
    single(&text, pos(7, 1), "duplicate mapping key `findings`");
}

#[test]
fn several_documents_are_an_error() {
    let text = format!("{HEAD}findings:\n  - id: F1\n    title: a\n---\n{HEAD}");
    let d = single(&text, pos(8, 1), "single YAML document");
    assert!(d.message.contains("multiple"), "{}", d.message);
}

#[test]
fn yaml_syntax_errors_have_a_position() {
    let text = format!("{HEAD}findings:\n  - id: [F1\n    title: a\n");
    let found = problems(text.as_bytes());
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0].pos.is_some(), "{found:#?}");
}

#[test]
fn a_file_of_the_wrong_shape_is_refused() {
    for (text, fragment) in [
        ("- a\n- b\n", "should be a mapping"),
        ("just text\n", "should be a mapping"),
        (
            "inspection:\n  id: x\n  title: T\nfindings: nope\n",
            "`findings` should be a list",
        ),
        (
            "inspection:\n  id: x\n  title: T\nfindings:\n  - just a string\n",
            "should be a mapping",
        ),
    ] {
        let found = problems(text.as_bytes());
        assert!(
            found.iter().any(|d| d.message.contains(fragment)),
            "{text:?}: {found:#?}"
        );
    }
}

#[test]
fn missing_inspection_and_items_are_reported() {
    let text = "findings:\n  - id: F1\n    title: a\n";
    single(text, pos(1, 1), "the `inspection:` mapping is missing");
    single(HEAD, pos(1, 1), "the file has no items");
}

#[test]
fn every_problem_is_reported_in_one_run_in_file_order() {
    let text = format!(
        "{HEAD}  published: 2021-02-30\n\
         findings:\n\
         \x20 - id: F1\n\
         \x20   title: a\n\
         \x20   links: [R9]\n\
         \x20   colour: red\n"
    );
    let found = problems(text.as_bytes());
    let summary: Vec<(Option<Pos>, &str)> = found
        .iter()
        .map(|d| (d.pos, d.message.split(';').next().unwrap_or("")))
        .collect();
    assert_eq!(found.len(), 3, "{summary:#?}");
    assert_eq!(found[0].pos, pos(4, 14));
    assert!(found[0].message.contains("2021-02-30"));
    assert_eq!(found[1].pos, pos(8, 13));
    assert!(found[1].message.contains("`R9`"));
    assert_eq!(found[2].pos, pos(9, 5));
    assert!(found[2].message.contains("`colour`"));
}

#[test]
fn diagnostics_render_as_file_line_column_message_with_a_caret() {
    let text = format!("{HEAD}findings:\n  - id: F1\n    title: a\n    colour: red\n");
    let rendered = Diagnostics(problems(text.as_bytes())).render("x.yaml");
    let mut lines = rendered.lines();
    assert!(
        lines
            .next()
            .is_some_and(|l| l.starts_with("x.yaml:7:5: unknown key `colour`")),
        "{rendered}"
    );
    assert!(rendered.contains("7 |     colour: red"), "{rendered}");
    assert!(rendered.contains("  |     ^"), "{rendered}");
}

#[test]
fn the_bundled_example_loads_with_its_items() {
    let inspection = example_inspection();
    assert_eq!(inspection.meta.id, EXAMPLE_ID);
    let ids: Vec<&str> = inspection.items.iter().map(|i| i.id.as_str()).collect();
    let expected: Vec<String> = (1..=11)
        .map(|i| format!("F{i}"))
        .chain((1..=6).map(|i| format!("S{i}")))
        .chain((1..=8).map(|i| format!("R{i}")))
        .collect();
    assert_eq!(ids, expected);
    assert_eq!(
        inspection
            .meta
            .response_deadline()
            .map(|d| d.to_string())
            .as_deref(),
        Some("2020-05-03")
    );
}
