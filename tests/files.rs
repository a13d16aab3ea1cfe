//! The file contract of FORMAT.md: every validation rule of the inspection
//! file, reported at the right line and column and all in one run, and the
//! review file's round trip (unknown keys, orphans, order, history).

mod common;

use proptest::prelude::*;
use scrutiny::model::node::{Node, Pos};
use scrutiny::{
    files::{Diagnostic, Diagnostics, load_inspection, load_review, to_yaml},
    model::{Inspection, Review, Stamp, Status},
};

use common::{example_inspection, temp_dir};

// ---------------------------------------------------------------- helpers

/// The inspection head every small test file starts with (lines 1-3).
const HEAD: &str = "inspection:\n  id: x\n  title: T\n";

fn problems(text: &[u8]) -> Vec<Diagnostic> {
    match load_inspection(text) {
        Ok(inspection) => panic!(
            "expected the file to be refused, but it loaded {} items",
            inspection.items.len()
        ),
        Err(Diagnostics(list)) => list,
    }
}

/// A position as `Diagnostic::pos` holds it.
#[expect(clippy::unnecessary_wraps, reason = "compared with `Diagnostic::pos`")]
fn pos(line: u64, column: u64) -> Option<Pos> {
    Some(Pos { line, column })
}

/// The only problem reported for `text`, checked for position and wording.
fn single(text: &str, at: Option<Pos>, fragment: &str) -> Diagnostic {
    let found = problems(text.as_bytes());
    assert_eq!(found.len(), 1, "expected one problem, got {found:#?}");
    let d = found.into_iter().next().expect("one problem");
    assert_eq!(d.pos, at, "position of {:?}", d.message);
    assert!(
        d.message.contains(fragment),
        "message {:?} should contain {fragment:?}",
        d.message
    );
    d
}

const EXAMPLE_ID: &str = "hmicfrs-2020-prevent";

fn stamp() -> Stamp {
    Stamp {
        at: "2026-11-29T10:41:07Z".parse().expect("a valid timestamp"),
        by: "tester".into(),
    }
}

/// The unknown keys of a review, an entry or a history step, in order.
fn extra_keys(extra: &[(String, Node)]) -> Vec<&str> {
    extra.iter().map(|(k, _)| k.as_str()).collect()
}

/// The review `text` saved: the file, and its item lines in order.
fn saved_item_order(text: &str) -> (String, Vec<String>) {
    let review = load_review(text.as_bytes(), EXAMPLE_ID).expect("loads");
    let out = to_yaml(&review, &example_inspection());
    let order = out
        .lines()
        .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
        .map(str::to_owned)
        .collect();
    (out, order)
}

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

// ---------------------------------------------------------- review files

#[test]
fn a_missing_review_file_is_an_empty_review() {
    let dir = temp_dir("missing");
    let path = dir.join("nothing-here.review.yaml");
    let loaded = scrutiny::files::store::read_review(&path, &example_inspection())
        .expect("a missing file is fine");
    assert!(loaded.review.is_empty());
    assert_eq!(loaded.review.inspection, EXAMPLE_ID);
    assert!(loaded.on_disk.is_none());
    assert!(!path.exists(), "reading must not create the file");
    std::fs::remove_dir_all(dir).expect("clean up");
}

#[test]
fn a_review_file_on_disk_is_read_with_its_bytes() {
    let dir = temp_dir("present");
    let path = dir.join("r.review.yaml");
    let text =
        "version: 1\ninspection: hmicfrs-2020-prevent\nitems:\n  F1:\n    status: accepted\n";
    std::fs::write(&path, text).expect("write");
    let loaded = scrutiny::files::store::read_review(&path, &example_inspection()).expect("loads");
    assert_eq!(loaded.review.status("F1"), Status::Accepted);
    assert_eq!(loaded.on_disk.as_deref(), Some(text.as_bytes()));
    std::fs::remove_dir_all(dir).expect("clean up");
}

#[test]
fn a_review_of_another_inspection_is_an_error() {
    let text = "version: 1\ninspection: some-other-report\nitems: {}\n";
    let Err(Diagnostics(found)) = load_review(text.as_bytes(), EXAMPLE_ID) else {
        panic!("a review of another inspection must not load");
    };
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].pos, pos(2, 13));
    assert!(
        found[0]
            .message
            .contains("belongs to inspection `some-other-report`, not `hmicfrs-2020-prevent`"),
        "{}",
        found[0].message
    );
}

#[test]
fn a_review_without_an_inspection_key_is_an_error() {
    let text = "version: 1\nitems: {}\n";
    let Err(Diagnostics(found)) = load_review(text.as_bytes(), EXAMPLE_ID) else {
        panic!("must not load");
    };
    assert!(
        found[0]
            .message
            .contains("inspection: hmicfrs-2020-prevent"),
        "{found:#?}"
    );
}

#[test]
fn bad_statuses_and_times_in_a_review_are_all_reported() {
    let text = "version: 1\n\
                inspection: hmicfrs-2020-prevent\n\
                items:\n\
                \x20 F1:\n\
                \x20   status: done\n\
                \x20   updated: yesterday\n\
                \x20 F2:\n\
                \x20   history:\n\
                \x20     - by: me\n";
    let Err(Diagnostics(found)) = load_review(text.as_bytes(), EXAMPLE_ID) else {
        panic!("must not load");
    };
    assert_eq!(found.len(), 3, "{found:#?}");
    assert_eq!(found[0].pos, pos(5, 13));
    assert!(found[0].message.contains("unknown status `done`"));
    assert!(found[0].message.contains("accepted, in-progress"));
    assert_eq!(found[1].pos, pos(6, 14));
    assert!(found[1].message.contains("`updated` is `yesterday`"));
    assert_eq!(found[2].pos.map(|p| p.line), Some(9));
    assert!(found[2].message.contains("needs `at:`"));
}

/// A review file in the program's own layout, with unknown keys at the top,
/// entry and history levels, and an orphan.
const CANONICAL: &str = "\
version: 1
inspection: hmicfrs-2020-prevent
items:
  F2:
    status: in-progress
    owner: Head of Prevent
    note: |-
      Regional lead asked
      for the training plan.
    updated: 2026-11-29T10:41:07Z
    history:
      - at: 2026-11-29T10:41:07Z
        by: analyst
        status: in-progress
        ticket: PRV-12
        reviewed_by:
          - a
          - b
    priority: high
    links_seen:
      - R1
      - R2
  R1:
    status: accepted
    updated: 2026-11-29T10:41:07Z
    history:
      - at: 2026-11-29T10:41:07Z
        by: analyst
        status: accepted
  Z99:
    status: complete
    note: |
      Was F12 in the draft report.
    updated: 2026-01-02T03:04:05Z
reviewers:
  - analyst
  - lead
signed_off: false
";

#[test]
fn a_tidy_review_file_is_rewritten_byte_for_byte() {
    let review = load_review(CANONICAL.as_bytes(), EXAMPLE_ID).expect("loads");
    assert_eq!(to_yaml(&review, &example_inspection()), CANONICAL);
}

#[test]
fn unknown_keys_survive_a_load_and_save_at_every_level() {
    let review = load_review(CANONICAL.as_bytes(), EXAMPLE_ID).expect("loads");
    assert_eq!(extra_keys(&review.extra), ["reviewers", "signed_off"]);
    let f2 = review.entry("F2").expect("F2");
    assert_eq!(extra_keys(&f2.extra), ["priority", "links_seen"]);
    assert_eq!(extra_keys(&f2.history[0].extra), ["ticket", "reviewed_by"]);
    let out = to_yaml(&review, &example_inspection());
    for fragment in [
        "\nreviewers:\n  - analyst\n  - lead\n",
        "\nsigned_off: false\n",
        "\n    priority: high\n",
        "\n        ticket: PRV-12\n",
        "\n        reviewed_by:\n          - a\n          - b\n",
    ] {
        assert!(out.contains(fragment), "{fragment:?} missing from\n{out}");
    }
}

#[test]
fn unknown_keys_in_another_layout_are_kept_and_then_stable() {
    let text = "inspection: hmicfrs-2020-prevent\n\
                extra_top: {a: 1, b: [x, y]}\n\
                items:\n\
                \x20 F1: {status: accepted, colour: 'red', number: 007}\n";
    let review = load_review(text.as_bytes(), EXAMPLE_ID).expect("loads");
    let once = to_yaml(&review, &example_inspection());
    assert!(once.contains("    colour: red\n"), "{once}");
    assert!(
        once.contains("    number: 007\n"),
        "numbers keep their text: {once}"
    );
    assert!(
        once.contains("extra_top:\n  a: 1\n  b:\n    - x\n    - y\n"),
        "{once}"
    );
    let again = load_review(once.as_bytes(), EXAMPLE_ID).expect("reloads");
    assert_eq!(to_yaml(&again, &example_inspection()), once);
}

#[test]
fn unknown_keys_that_need_quotes_survive_unchanged() {
    // Keys YAML would read as booleans, nulls or numbers, or that hold
    // YAML punctuation, must be written back quoted exactly once.
    let text = "version: 1\n\
                inspection: hmicfrs-2020-prevent\n\
                items:\n\
                \x20 F1:\n\
                \x20   status: accepted\n\
                \x20   \"n\": kept\n\
                \x20   \"a: b\": kept\n\
                \x20   \"yes\": |\n\
                \x20     two\n\
                \x20     lines\n\
                \"on\": 1\n\
                \"#hash\": x\n";
    let review = load_review(text.as_bytes(), EXAMPLE_ID).expect("loads");
    let keys = extra_keys(&review.entry("F1").expect("F1").extra);
    assert_eq!(keys, ["n", "a: b", "yes"]);
    let once = to_yaml(&review, &example_inspection());
    let again = load_review(once.as_bytes(), EXAMPLE_ID).expect("reloads");
    let keys = extra_keys(&again.entry("F1").expect("F1").extra);
    assert_eq!(keys, ["n", "a: b", "yes"], "keys changed on save:\n{once}");
    let top = extra_keys(&again.extra);
    assert_eq!(top, ["on", "#hash"], "keys changed on save:\n{once}");
    assert_eq!(once, text);
}

#[test]
fn orphans_are_kept_after_the_known_items_in_file_order() {
    let text = "version: 1\n\
                inspection: hmicfrs-2020-prevent\n\
                items:\n\
                \x20 ZZ2:\n\
                \x20   status: accepted\n\
                \x20 R1:\n\
                \x20   status: accepted\n\
                \x20 ZZ1:\n\
                \x20   status: complete\n\
                \x20 F2:\n\
                \x20   status: accepted\n";
    let (out, order) = saved_item_order(text);
    assert_eq!(order, ["  F2:", "  R1:", "  ZZ2:", "  ZZ1:"], "{out}");
}

#[test]
fn items_follow_the_inspection_order_not_the_file_order() {
    let text = "version: 1\n\
                inspection: hmicfrs-2020-prevent\n\
                items:\n\
                \x20 R8: {status: complete}\n\
                \x20 S1: {status: accepted}\n\
                \x20 F10: {status: accepted}\n\
                \x20 F2: {status: not-applicable}\n";
    let (out, order) = saved_item_order(text);
    assert_eq!(order, ["  F2:", "  F10:", "  S1:", "  R8:"], "{out}");
}

#[test]
fn an_unreviewed_entry_with_history_stays_in_the_file() {
    let text = "version: 1\n\
                inspection: hmicfrs-2020-prevent\n\
                items:\n\
                \x20 F3:\n\
                \x20   updated: 2026-11-29T10:41:07Z\n\
                \x20   history:\n\
                \x20     - at: 2026-11-29T10:41:07Z\n\
                \x20       by: analyst\n\
                \x20       status: unreviewed\n";
    let review = load_review(text.as_bytes(), EXAMPLE_ID).expect("loads");
    assert_eq!(review.status("F3"), Status::Unreviewed);
    assert_eq!(to_yaml(&review, &example_inspection()), text);
}

#[test]
fn setting_an_item_back_to_unreviewed_keeps_it_with_its_history() {
    let inspection = example_inspection();
    let mut review = Review::new(EXAMPLE_ID);
    assert!(review.set_status("F1", Status::Accepted, &stamp()));
    assert!(review.set_status("F1", Status::Unreviewed, &stamp()));
    let out = to_yaml(&review, &inspection);
    assert_eq!(
        out,
        "version: 1\n\
         inspection: hmicfrs-2020-prevent\n\
         items:\n\
         \x20 F1:\n\
         \x20   updated: 2026-11-29T10:41:07Z\n\
         \x20   history:\n\
         \x20     - at: 2026-11-29T10:41:07Z\n\
         \x20       by: tester\n\
         \x20       status: accepted\n\
         \x20     - at: 2026-11-29T10:41:07Z\n\
         \x20       by: tester\n\
         \x20       status: unreviewed\n"
    );
    let back = load_review(out.as_bytes(), EXAMPLE_ID).expect("reloads");
    assert_eq!(back.entry("F1").map(|e| e.history.len()), Some(2));
}

#[test]
fn an_empty_review_is_written_with_empty_items() {
    let out = to_yaml(&Review::new(EXAMPLE_ID), &example_inspection());
    assert_eq!(
        out,
        "version: 1\ninspection: hmicfrs-2020-prevent\nitems: {}\n"
    );
    let back = load_review(out.as_bytes(), EXAMPLE_ID).expect("reloads");
    assert!(back.is_empty());
}

#[test]
fn notes_are_written_as_literal_blocks_and_read_back_exactly() {
    let inspection = example_inspection();
    let mut review = Review::new(EXAMPLE_ID);
    let notes = [
        ("F1", "one line"),
        ("F2", "ends with a newline\n"),
        ("F3", "two trailing\n\n"),
        ("F4", "  leading spaces\nsecond"),
        ("F5", "\n\nleading blank lines"),
        ("F6", "tab\tinside"),
        ("F7", "\ttab first"),
        ("F8", "carriage\r\nreturn"),
        ("F9", "# not a comment\n- not a list\nkey: not a map"),
        ("F10", "   "),
        ("F11", "escape \u{1b}[2J and nul-free \u{7}"),
    ];
    for (id, note) in notes {
        assert!(review.set_note(id, note, &stamp()));
    }
    let out = to_yaml(&review, &inspection);
    assert!(
        out.contains("    note: |-\n      one line\n"),
        "a plain note is a block: {out}"
    );
    let back = load_review(out.as_bytes(), EXAMPLE_ID).expect("reloads");
    for (id, note) in notes {
        assert_eq!(
            back.entry(id).and_then(|e| e.note.as_deref()),
            Some(note),
            "{id}"
        );
    }
    assert_eq!(to_yaml(&back, &inspection), out);
}

#[test]
fn hidden_characters_are_written_as_escapes_and_read_back_exactly() {
    // A bidi override or a zero-width space in a review file would reorder
    // or hide what someone reading the file (or its diff) sees.
    let inspection = example_inspection();
    let mut review = Review::new(EXAMPLE_ID);
    let note = "Pay \u{202e}0001\u{202c}\nzero\u{200b}width";
    assert!(review.set_note("F1", note, &stamp()));
    assert!(review.set_owner("F1", "Head\u{2066} of Prevent", &stamp()));
    let out = to_yaml(&review, &inspection);
    assert!(
        !out.chars().any(scrutiny::text::is_hidden),
        "a hidden character is written raw: {out}"
    );
    assert!(out.contains("\\u202e"), "{out}");
    let back = load_review(out.as_bytes(), EXAMPLE_ID).expect("reloads");
    let entry = back.entry("F1").expect("F1");
    assert_eq!(entry.note.as_deref(), Some(note));
    assert_eq!(entry.owner.as_deref(), Some("Head\u{2066} of Prevent"));
    assert_eq!(to_yaml(&back, &inspection), out);
}

// -------------------------------------------------------------- proptest

#[derive(Debug, Clone)]
enum Op {
    Status(usize),
    Owner(String),
    Note(String),
}

/// Text with the characters that trouble YAML writers, as well as anything.
fn awkward_text() -> impl Strategy<Value = String> {
    let fragment = prop_oneof![
        Just(" "),
        Just("  "),
        Just("\n"),
        Just("\n\n"),
        Just("\t"),
        Just("\r"),
        Just("\r\n"),
        Just("a"),
        Just("word"),
        Just("é"),
        Just("日本"),
        Just("😀"),
        Just("\u{1b}"),
        Just("\u{0}"),
        Just("\u{7f}"),
        Just("\u{85}"),
        Just("\u{a0}"),
        Just("\u{2028}"),
        Just("\u{2029}"),
        Just("\u{feff}"),
        Just("\u{fffe}"),
        Just("#"),
        Just(": "),
        Just("- "),
        Just("|"),
        Just(">"),
        Just("\""),
        Just("'"),
        Just("\\"),
        Just("---"),
        Just("..."),
        Just("~"),
        Just("null"),
        Just("true"),
        Just("0x1F"),
        Just("1e3"),
        Just("&a"),
        Just("*a"),
        Just("!!str"),
        Just("{"),
        Just("]"),
        Just("%YAML"),
        Just("@"),
        Just("`"),
    ];
    prop_oneof![
        any::<String>(),
        prop::collection::vec(fragment, 0..12).prop_map(|parts| parts.concat()),
    ]
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0..Status::ALL.len()).prop_map(Op::Status),
        // An owner is one line: the owner editor joins lines with spaces.
        awkward_text().prop_map(|s| Op::Owner(s.replace(['\n', '\r'], " "))),
        awkward_text().prop_map(Op::Note),
    ]
}

fn example_cached() -> &'static Inspection {
    static INSPECTION: std::sync::OnceLock<Inspection> = std::sync::OnceLock::new();
    INSPECTION.get_or_init(example_inspection)
}

/// YAML-ish pieces for strings that look almost like our files.
fn yamlish() -> impl Strategy<Value = String> {
    let fragment = prop_oneof![
        Just("version: 1\n"),
        Just("version: 2\n"),
        Just("inspection:\n"),
        Just("inspection: hmicfrs-2020-prevent\n"),
        Just("  id: x\n"),
        Just("  title: T\n"),
        Just("  published: 2021-02-30\n"),
        Just("  published: 2020-03-09\n"),
        Just("  response_due_days: 0\n"),
        Just("  response_due_days: 99999999999999999999\n"),
        Just("findings:\n"),
        Just("items:\n"),
        Just("items: {}\n"),
        Just("  F1:\n"),
        Just("    status: accepted\n"),
        Just("    note: |\n"),
        Just("    history:\n"),
        Just("      - at: 2026-11-29T10:41:07Z\n"),
        Just("  - id: F1\n"),
        Just("    title: a\n"),
        Just("    links: [F1, R9]\n"),
        Just("    due: 2021-13-01\n"),
        Just("- "),
        Just(": "),
        Just("? "),
        Just("&a "),
        Just("*a "),
        Just("<<: *a\n"),
        Just("!!binary "),
        Just("!tag "),
        Just("|\n"),
        Just(">-\n"),
        Just("|2+\n"),
        Just("\t"),
        Just("  "),
        Just("\n"),
        Just("{"),
        Just("}"),
        Just("["),
        Just("]"),
        Just(","),
        Just("'"),
        Just("\""),
        Just("\\"),
        Just("#"),
        Just("---\n"),
        Just("...\n"),
        Just("%YAML 1.2\n"),
        Just("\u{feff}"),
        Just("\u{0}"),
        Just("\r"),
        Just("é"),
        Just("~"),
        Just("null"),
        Just("1.10"),
    ];
    prop::collection::vec(fragment, 0..40).prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 256,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// Whatever the reviewer writes comes back byte for byte, and a save
    /// of a loaded review changes nothing.
    #[test]
    fn review_round_trip_is_exact(
        ops in prop::collection::vec((0usize..25, op()), 1..12),
    ) {
        let inspection = example_cached();
        let mut review = Review::new(EXAMPLE_ID);
        for (index, op) in &ops {
            let id = inspection.items[index % inspection.items.len()].id.clone();
            match op {
                Op::Status(s) => { review.set_status(&id, Status::ALL[*s], &stamp()); }
                Op::Owner(owner) => { review.set_owner(&id, owner, &stamp()); }
                Op::Note(note) => { review.set_note(&id, note, &stamp()); }
            }
        }
        let first = to_yaml(&review, inspection);
        let loaded = match load_review(first.as_bytes(), EXAMPLE_ID) {
            Ok(loaded) => loaded,
            Err(problems) => {
                return Err(TestCaseError::fail(format!(
                    "the saved file does not load:\n{}\n{first}",
                    problems.render("review.yaml")
                )));
            }
        };
        for id in review.ids() {
            let (want, got) = (review.entry(id), loaded.entry(id));
            prop_assert_eq!(
                want.and_then(|e| e.note.as_deref()),
                got.and_then(|e| e.note.as_deref()),
                "note of {}", id
            );
            prop_assert_eq!(want, got, "entry {}", id);
        }
        prop_assert_eq!(loaded.len(), review.len());
        let second = to_yaml(&loaded, inspection);
        prop_assert_eq!(first, second);
    }

    /// A note set through the model is exactly what is read back.
    #[test]
    fn any_note_is_kept_byte_exact(note in awkward_text()) {
        let inspection = example_cached();
        let mut review = Review::new(EXAMPLE_ID);
        review.set_note("R3", &note, &stamp());
        let text = to_yaml(&review, inspection);
        let loaded = load_review(text.as_bytes(), EXAMPLE_ID)
            .map_err(|p| TestCaseError::fail(format!("{}\n{text}", p.render("r"))))?;
        let expected = (!note.is_empty()).then_some(note.as_str());
        prop_assert_eq!(loaded.entry("R3").and_then(|e| e.note.as_deref()), expected);
        prop_assert_eq!(to_yaml(&loaded, inspection), text);
    }

    #[test]
    fn loading_arbitrary_bytes_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let _ = load_inspection(&bytes);
        let _ = load_review(&bytes, EXAMPLE_ID);
    }

    #[test]
    fn loading_yamlish_text_never_panics(text in yamlish()) {
        let _ = load_inspection(text.as_bytes());
        let _ = load_review(text.as_bytes(), EXAMPLE_ID);
    }

    #[test]
    fn loading_a_cut_or_damaged_example_never_panics(
        cut in 0usize..scrutiny::tui::session::EXAMPLE.len(),
        flip in 0usize..scrutiny::tui::session::EXAMPLE.len(),
        byte in any::<u8>(),
    ) {
        let mut bytes = scrutiny::tui::session::EXAMPLE.to_vec();
        bytes[flip] = byte;
        bytes.truncate(cut.max(flip + 1));
        let _ = load_inspection(&bytes);
        let _ = load_inspection(&scrutiny::tui::session::EXAMPLE[..cut]);
    }
}

// ------------------------------------------- values YAML types as non-text

/// Values YAML reads as special numbers, booleans, nulls or numbers too
/// large for any integer: none stops the reading, a field that takes text
/// keeps the text as written, and each that is wrong for its field is a
/// problem at its place, all in one run.
#[test]
fn typed_values_never_stop_the_run_and_each_is_judged_where_it_stands() {
    let text = "inspection:\n  id: x\n  title: .inf\n  published: .nan\n  response_due_days: 99999999999999999999999999999999999999999\nfindings:\n  - id: F1\n    title: -.inf\n    text: 1e999\n    theme: 0x1F\n    tags: [true, ~, .NaN]\n  - id: F2\n    title: yes\n    links: [F1, F9]\nrecommendations:\n  - id: R1\n    title: 123456789012345678901234567890123456789012345678901234567890\n    directed_to: [.inf, 1e999]\n    due: 1e999\n";
    let all = problems(text.as_bytes());
    let (warned, found): (Vec<Diagnostic>, Vec<Diagnostic>) =
        all.into_iter().partition(|d| d.warning);
    let at: Vec<(u64, u64)> = found
        .iter()
        .filter_map(|d| d.pos.map(|p| (p.line, p.column)))
        .collect();
    assert_eq!(
        at,
        [(4, 14), (5, 22), (11, 18), (14, 17), (19, 10)],
        "{found:#?}"
    );
    // Text fields holding what YAML reads as infinity or NaN are warned of.
    let at: Vec<(u64, u64)> = warned
        .iter()
        .filter_map(|d| d.pos.map(|p| (p.line, p.column)))
        .collect();
    assert_eq!(
        at,
        [(3, 10), (8, 12), (9, 11), (11, 21), (18, 19), (18, 25)],
        "{warned:#?}"
    );
    assert!(
        warned[0]
            .message
            .starts_with("`title` is `.inf`, which YAML reads as the number infinity"),
        "{}",
        warned[0].message
    );
    assert!(
        found[0].message.contains("`.nan` is not a date"),
        "{found:#?}"
    );
    assert!(found[1].message.contains("response_due_days"), "{found:#?}");
    assert!(found[2].message.contains("empty"), "{found:#?}");
    assert!(found[3].message.contains("F9"), "{found:#?}");
    assert!(
        found[4].message.contains("`1e999` is not a date"),
        "{found:#?}"
    );
    // The same values where they fit: kept as the text written.
    let fitting = "inspection:\n  id: x\n  title: .inf\nfindings:\n  - id: F1\n    title: -.inf\n    text: 1e999\n    theme: 0x1F\n    tags: [true, .NaN, 99999999999999999999999999999999999999999]\nrecommendations:\n  - id: R1\n    title: yes\n    directed_to: [.inf]\n";
    let (inspection, warnings) =
        scrutiny::files::inspection::load_inspection_warned(fitting.as_bytes())
            .expect("all text as written");
    assert_eq!(inspection.meta.title, ".inf");
    let f1 = inspection.get("F1").expect("F1");
    assert_eq!(f1.title, "-.inf");
    assert_eq!(f1.text.as_deref(), Some("1e999"));
    assert_eq!(f1.theme.as_deref(), Some("0x1F"));
    assert_eq!(
        f1.tags,
        ["true", ".NaN", "99999999999999999999999999999999999999999"]
    );
    let r1 = inspection.get("R1").expect("R1");
    assert_eq!(r1.title, "yes");
    assert_eq!(r1.directed_to, [".inf"]);
    let at: Vec<Option<Pos>> = warnings.iter().map(|w| w.pos).collect();
    assert_eq!(
        at,
        [pos(3, 10), pos(6, 12), pos(7, 11), pos(9, 18), pos(13, 19)],
        "{warnings:#?}",
    );
}

/// A tag its value does not fit (`!!int x`) stops the parser; each is
/// reported at the tag and the reading goes on past it.
#[test]
fn tags_that_do_not_fit_their_values_are_each_reported_and_the_rest_checked() {
    let text = "inspection:\n  id: x\n  title: !!int x\n  published: !!timestamp 2020-01-01\nfindings:\n  - id: F1\n    title: !!bool maybe\n    text: !!seq x\n    theme: &t !!float nope\n    tags: [!!int a, b]\n  - id: F2\n    title: fine\n    links: [F9]\n";
    let found = problems(text.as_bytes());
    let at: Vec<(u64, u64)> = found
        .iter()
        .filter_map(|d| d.pos.map(|p| (p.line, p.column)))
        .collect();
    assert_eq!(
        at,
        [
            (3, 10),
            (4, 14),
            (7, 12),
            (8, 11),
            (9, 15),
            (10, 12),
            (13, 13)
        ],
        "{found:#?}"
    );
    assert!(
        found[0]
            .message
            .contains("the tag `!!int` (a whole number)"),
        "{}",
        found[0].message
    );
    assert!(found[0].message.contains("remove the tag"), "{found:#?}");
    assert!(found[6].message.contains("F9"), "{found:#?}");
    // In a review file too.
    let review = "version: 1\ninspection: x\nitems:\n  F1:\n    status: !!int accepted\n    owner: !!bool someone\n    note: .inf\n";
    let found = load_review(review.as_bytes(), "x").expect_err("refused").0;
    let at: Vec<(u64, u64, bool)> = found
        .iter()
        .filter_map(|d| d.pos.map(|p| (p.line, p.column, d.warning)))
        .collect();
    assert_eq!(
        at,
        [(5, 13, false), (6, 12, false), (7, 11, true)],
        "{found:#?}"
    );
    let fine = "version: 1\ninspection: x\nitems:\n  F1:\n    owner: .inf\n    note: .nan\n";
    let loaded = load_review(fine.as_bytes(), "x").expect("text as written");
    let entry = loaded.entry("F1").expect("F1");
    assert_eq!(entry.owner.as_deref(), Some(".inf"));
    assert_eq!(entry.note.as_deref(), Some(".nan"));
}

// ----------------------------------------------------- look-alike ids

/// Å with the Ångström sign, K with the Kelvin sign, A in Cyrillic: each a
/// different id to the program, the same to a reader.
const LOOKALIKES: &str = "inspection:\n  id: x\n  title: T\nfindings:\n  - id: \u{C5}1\n    title: a\n  - id: \u{212B}1\n    title: b\n  - id: K9\n    title: c\n  - id: \u{212A}9\n    title: d\n  - id: A1\n    title: e\n  - id: \u{410}1\n    title: f\n  - id: B1\n    title: g\n";

#[test]
fn lookalike_ids_load_with_a_warning_naming_both_places() {
    let (inspection, warnings) =
        scrutiny::files::inspection::load_inspection_warned(LOOKALIKES.as_bytes())
            .expect("a warning, not a refusal");
    assert_eq!(inspection.items.len(), 7);
    let at: Vec<Option<Pos>> = warnings.iter().map(|w| w.pos).collect();
    assert_eq!(at, [pos(7, 9), pos(11, 9), pos(15, 9)], "{warnings:#?}");
    assert!(warnings.iter().all(|w| w.warning), "{warnings:#?}");
    assert!(
        warnings[0].message.starts_with(
            "id `\u{212B}1` looks like `\u{C5}1` at 5:9 (they differ only in look-alike characters"
        ),
        "{}",
        warnings[0].message
    );
    assert!(
        warnings[1]
            .message
            .contains("`\u{212A}9` looks like `K9` at 9:9")
    );
    assert!(
        warnings[2]
            .message
            .contains("`\u{410}1` looks like `A1` at 13:9")
    );
    assert!(
        warnings[0]
            .render("f.yaml")
            .starts_with("f.yaml:7:9: warning: id `")
    );
    // A file wrong otherwise reports the warnings with its problems.
    let broken = format!("{LOOKALIKES}    links: [\u{412}1]\n");
    let found = problems(broken.as_bytes());
    let errors: Vec<&Diagnostic> = found.iter().filter(|d| !d.warning).collect();
    assert_eq!(errors.len(), 1, "{found:#?}");
    assert!(
        errors[0]
            .message
            .contains("did you mean `B1` at 17:9? they differ only in look-alike characters"),
        "{}",
        errors[0].message
    );
    assert_eq!(found.iter().filter(|d| d.warning).count(), 3, "{found:#?}");
}

#[test]
fn check_prints_lookalike_warnings_and_still_exits_0() {
    let dir = common::TempDir::new("lookalike-check");
    let file = dir.write("look.yaml", LOOKALIKES);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_scrutiny"))
        .arg("check")
        .arg(&file)
        .output()
        .expect("run scrutiny check");
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(text.contains(": ok: 7 items"), "{text}");
    assert!(
        text.contains("look.yaml:7:9: warning: id `\u{212B}1` looks like `\u{C5}1` at 5:9"),
        "{text}"
    );
    assert_eq!(text.matches("warning:").count(), 3, "{text}");
}

#[test]
fn lookalike_keys_in_a_review_load_with_a_warning() {
    let review = "version: 1\ninspection: x\nitems:\n  \u{C5}1:\n    status: accepted\n  R1:\n    status: complete\n  \u{212B}1:\n    status: complete\n";
    let (loaded, warnings) =
        scrutiny::files::review_file::load_review_warned(review.as_bytes(), "x")
            .expect("a warning, not a refusal");
    assert_eq!(loaded.status("\u{212B}1"), Status::Complete);
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    assert_eq!(warnings[0].pos, pos(8, 3));
    assert!(
        warnings[0]
            .message
            .starts_with("the review entry `\u{212B}1` looks like `\u{C5}1` at 4:3"),
        "{}",
        warnings[0].message
    );
}

/// Each tag costs a reading of the file, so their count is bounded, and
/// the report says the reading stopped.
#[test]
fn many_tags_that_do_not_fit_stop_the_reading_with_a_word() {
    use std::fmt::Write as _;
    let mut text = String::from(HEAD);
    text.push_str("findings:\n");
    for i in 0..40 {
        let _ = write!(text, "  - id: F{i}\n    title: !!int x{i}\n");
    }
    let found = problems(text.as_bytes());
    assert_eq!(found.len(), 33, "{found:#?}");
    assert_eq!(found[0].pos, None);
    assert!(
        found[0].message.contains("reading stopped after 32 tags"),
        "{}",
        found[0].message
    );
}

/// What was found before a tag that stopped a reading is found once: the
/// file is read again from the start.
#[test]
fn what_comes_before_a_misfit_tag_is_reported_once() {
    let text = format!(
        "{HEAD}findings:\n  - id: F1\n    title: .inf\n    links: [F9]\n  - id: F2\n    title: !!int x\n"
    );
    let found = problems(text.as_bytes());
    let at: Vec<(Option<Pos>, bool)> = found.iter().map(|d| (d.pos, d.warning)).collect();
    assert_eq!(
        at,
        [(pos(6, 12), true), (pos(7, 13), false), (pos(9, 12), false)],
        "{found:#?}"
    );
}

/// A tagged value with nothing after the tag is still a value once the
/// tag is reported: no false problem follows it.
#[test]
fn empty_tagged_values_are_reported_once_each() {
    let text = format!("{HEAD}findings:\n  - id: F1\n    title: a\n    tags: [!!int, !!bool, c]\n");
    let found = problems(text.as_bytes());
    let at: Vec<Option<Pos>> = found.iter().map(|d| d.pos).collect();
    assert_eq!(at, [pos(7, 12), pos(7, 19)], "{found:#?}");
    assert!(
        found.iter().all(|d| d.message.contains("the tag `!!")),
        "{found:#?}"
    );
}
