//! Inputs from fuzzing the two loaders (`cargo fuzz run -s none inspection`
//! and `... review`, see `fuzz/`): odd but valid YAML the loaders must read,
//! hostile YAML they must refuse with a clear message, and reviews that
//! must survive a save and a load. Each must return, never panic.
//!
//! "Crash N" marks an input the fuzz targets failed on, fixed since (in
//! b5c1576 and 9a9f75d). A test marked `#[ignore = "known bug: ..."]`
//! states what should happen and does not yet; `cargo test --test files
//! fuzz_regressions -- --ignored` runs them. The fuzz target `review` lets
//! those bugs through (see `known_bug` in `fuzz/fuzz_targets/review.rs`)
//! until they are fixed.

use crate::common::example_inspection;
use jiff::Timestamp;
use scrutiny::{
    files::{Diagnostic, load_inspection, load_review, to_yaml},
    model::{Entry, Review, Stamp, Status},
};

const ID: &str = "hmicfrs-2020-prevent";

fn review(bytes: &[u8]) -> Review {
    load_review(bytes, ID).expect("the review loads")
}

fn inspection_problems(bytes: &[u8]) -> Vec<Diagnostic> {
    load_inspection(bytes).expect_err("should be refused").0
}

/// Save the review, load what was saved and save again: the saved text,
/// which must load and save to the same text.
fn saved(review: &Review) -> String {
    let inspection = example_inspection();
    let text = to_yaml(review, &inspection);
    let again = load_review(text.as_bytes(), ID).unwrap_or_else(|problems| {
        panic!(
            "the saved review does not load again:\n{}--- saved ---\n{text}",
            problems.render("saved.review.yaml")
        )
    });
    assert_eq!(
        to_yaml(&again, &inspection),
        text,
        "saving the reloaded review changed the text"
    );
    text
}

fn saved_from(bytes: &[u8]) -> String {
    saved(&review(bytes))
}

/// The value of the unknown top-level key `key`, as text.
fn extra_text<'r>(review: &'r Review, key: &str) -> Option<&'r str> {
    review
        .extra
        .iter()
        .find(|(k, _)| k == key)
        .and_then(|(_, v)| v.as_text())
}

// ---- Inspections: odd but valid YAML loads with the right values ----

#[test]
fn anchors_and_aliases_of_text_load() {
    let text = b"inspection: &m\n  id: anch\n  title: &t Title\nfindings:\n  - &f {id: F1, title: *t, text: \"multi\\nline\"}\n  - id: F2\n    title: *t\n    text: |+\n      kept\n\n";
    let inspection = load_inspection(text).expect("aliases of text are valid");
    assert_eq!(inspection.items.len(), 2);
    assert!(inspection.items.iter().all(|i| i.title == "Title"));
    assert_eq!(inspection.items[0].text.as_deref(), Some("multi\nline"));
    assert_eq!(inspection.items[1].text.as_deref(), Some("kept\n\n"));
}

#[test]
fn a_bom_and_a_str_tag_keep_the_text_as_written() {
    let text = b"\xEF\xBB\xBFinspection:\n  id: bom\n  title: \"B\\u00f6m\"\nfindings:\n  - id: F1\n    title: !!str 1.10\n";
    let inspection = load_inspection(text).expect("a BOM and !!str are valid");
    assert_eq!(inspection.meta.title, "Böm");
    assert_eq!(inspection.items[0].title, "1.10");
}

#[test]
fn binary_and_custom_tags_load_as_text() {
    let text = b"inspection:\n  id: x\n  title: !!binary SGVsbG8=\nfindings:\n  - {id: F1, title: !custom T}\n";
    let inspection = load_inspection(text).expect("tags are valid");
    assert_eq!(inspection.meta.title, "Hello");
    assert_eq!(inspection.items[0].title, "T");
}

#[test]
fn a_merge_key_fills_in_an_item() {
    let text = b"inspection:\n  id: x\n  title: X\nfindings:\n  - &b {id: F1, title: T, theme: Shared}\n  - <<: *b\n    id: F2\n";
    let inspection = load_inspection(text).expect("merge keys are valid");
    let ids: Vec<_> = inspection.items.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["F1", "F2"]);
    assert_eq!(inspection.items[1].title, "T");
    assert_eq!(inspection.items[1].theme.as_deref(), Some("Shared"));
}

#[test]
fn crlf_and_lone_cr_line_ends_load() {
    let crlf = b"inspection:\r\n  id: x\r\n  title: X\r\nfindings:\r\n  - id: F1\r\n    title: T\r\n    text: |\r\n      a\r\n      b\r\n";
    let inspection = load_inspection(crlf).expect("CRLF is valid");
    assert_eq!(inspection.items[0].text.as_deref(), Some("a\nb\n"));
    let cr = b"inspection:\r  id: x\r  title: X\rfindings:\r  - id: F1\r    title: T\r";
    assert_eq!(load_inspection(cr).expect("CR is valid").items.len(), 1);
}

#[test]
fn a_directive_and_a_document_end_marker_load() {
    let text =
        b"%YAML 1.2\n---\ninspection: {id: x, title: X}\nfindings: [{id: F1, title: T}]\n...\n";
    assert_eq!(load_inspection(text).expect("valid").items.len(), 1);
}

// ---- Inspections: hostile YAML is refused where it goes wrong ----

/// An item whose `text` nests `levels` flow sequences: the file nests three
/// levels (file, `findings`, item) before it.
fn nested_text(levels: usize) -> String {
    format!(
        "inspection: {{id: x, title: X}}\nfindings:\n  - id: F1\n    title: T\n    text: {}{}\n",
        "[".repeat(levels),
        "]".repeat(levels)
    )
}

#[test]
fn nesting_just_under_the_limit_is_read_and_just_over_is_refused() {
    // 3 + 21 = 24 levels, the limit: parsed, then refused as not text.
    let found = inspection_problems(nested_text(21).as_bytes());
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0]
            .message
            .contains("`text` should be text, not a list")
    );
    // 25 levels: refused by the parser.
    let found = inspection_problems(nested_text(22).as_bytes());
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].message.contains("nests too deeply"), "{found:?}");
    assert_eq!(found[0].pos.map(|p| p.line), Some(5));
}

#[test]
fn a_bom_inside_the_file_is_refused_at_its_line() {
    let found = inspection_problems(
        b"inspection: {id: x, title: X}\n\xEF\xBB\xBFfindings: [{id: F1, title: T}]\n",
    );
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].message.contains("BOM"), "{found:?}");
    assert_eq!(found[0].pos.map(|p| (p.line, p.column)), Some((2, 1)));
}

#[test]
fn bad_utf8_after_a_bom_points_at_the_byte() {
    let found = inspection_problems(b"\xEF\xBB\xBFinspection:\n  id: x\n  title: \xC3\n");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].message.contains("not UTF-8"));
    assert_eq!(found[0].pos.map(|p| (p.line, p.column)), Some((3, 10)));
}

#[test]
fn a_key_that_is_a_list_is_refused() {
    let found = inspection_problems(
        b"[a]: 1\ninspection: {id: x, title: X}\nfindings: [{id: F1, title: T}]\n",
    );
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].message.contains("must be text"), "{found:?}");
}

#[test]
fn an_id_with_a_no_break_space_is_refused() {
    let found = inspection_problems(
        "inspection: {id: \"x\u{a0}y\", title: X}\nfindings: [{id: F1, title: T}]\n".as_bytes(),
    );
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].message.contains("'\\u{a0}'"), "{found:?}");
}

// ---- Inspections: an alias to a number (fixed in 9a9f75d) ----

/// Was read as the alias's own text, `*d`: a title of `*d`, an id refused
/// for its `*`.
const ALIAS_TO_NUMBER: &[u8] = b"inspection:\n  id: x\n  title: X\n  response_due_days: &d 30\nfindings:\n  - id: F1\n    title: *d\n";

#[test]
fn an_alias_to_a_number_loads() {
    let inspection = load_inspection(ALIAS_TO_NUMBER).expect("an alias is valid");
    assert_eq!(inspection.meta.response_due_days, 30);
    assert_eq!(inspection.items.len(), 1);
}

#[test]
fn an_alias_to_a_number_has_the_number_as_its_text() {
    let inspection = load_inspection(ALIAS_TO_NUMBER).expect("an alias is valid");
    assert_eq!(inspection.items[0].title, "30");
}

// ---- Reviews: odd notes and unknown keys survive a save ----

#[test]
fn notes_with_leading_spaces_tabs_and_blank_lines_survive_a_save() {
    let text = b"version: 1\ninspection: hmicfrs-2020-prevent\nitems:\n  R1:\n    status: complete\n    owner: \"Head: of Prevent\"\n    note: \"  leading spaces\\n\\ttab\\n\"\n    updated: 2020-03-18T14:30:05Z\n    history:\n      - at: 2020-03-18T14:28:40Z\n        by: analyst\n        status: complete\n        extra: [1, {a: b}, ~]\n  ORPHAN:\n    custom: {k: v}\n    note: |\n      two\n\n      paragraphs\nextra_top:\n  - a: 1\n    b: [x, y]\n  - - nested\n";
    let saved = saved_from(text);
    let again = review(saved.as_bytes());
    let r1 = again.entry("R1").expect("R1 kept");
    assert_eq!(r1.status, Status::Complete);
    assert_eq!(r1.owner.as_deref(), Some("Head: of Prevent"));
    assert_eq!(r1.note.as_deref(), Some("  leading spaces\n\ttab\n"));
    assert_eq!(r1.history.len(), 1);
    assert_eq!(r1.history[0].extra.len(), 1);
    let orphan = again.entry("ORPHAN").expect("orphans are kept");
    assert_eq!(orphan.note.as_deref(), Some("two\n\nparagraphs\n"));
    assert!(saved.contains("\n  -\n    - nested\n"), "{saved}");
}

#[test]
fn a_bom_and_an_indentation_indicator_survive_a_save() {
    let text = b"\xEF\xBB\xBFinspection: hmicfrs-2020-prevent\nitems:\n  S1:\n    note: |2-\n        indented\n      less\n";
    let saved = saved_from(text);
    assert!(saved.contains("note: |2-\n"), "{saved}");
    let note = review(saved.as_bytes())
        .entry("S1")
        .and_then(|e| e.note.clone());
    assert_eq!(note.as_deref(), Some("  indented\nless"));
}

#[test]
fn a_flow_review_with_a_line_separator_survives_a_save() {
    let text = b"{version: 1, inspection: hmicfrs-2020-prevent, items: {F1: {status: accepted, note: \"a\\u2028b\"}}, k: [1, 2]}";
    let saved = saved_from(text);
    assert!(saved.contains(r#"note: "a\u2028b""#), "{saved}");
    let again = review(saved.as_bytes());
    assert_eq!(
        again.entry("F1").and_then(|e| e.note.as_deref()),
        Some("a\u{2028}b")
    );
}

// ---- Reviews: failures of the `review` target, fixed since ----

/// Crash 1 (fixed in 9a9f75d): an alias to a number in an unknown key was
/// saved as `*a`, with no anchor, so the saved review did not load
/// ("reference to unknown value").
const ALIAS_IN_UNKNOWN_KEY: &[u8] = b"inspection: hmicfrs-2020-prevent\nk: &a 1\nj: *a\n";

#[test]
fn an_alias_to_a_number_in_an_unknown_key_loads() {
    let loaded = review(ALIAS_IN_UNKNOWN_KEY);
    assert_eq!(extra_text(&loaded, "k"), Some("1"));
    assert_eq!(loaded.extra.len(), 2);
}

#[test]
fn an_alias_to_a_number_in_an_unknown_key_survives_a_save() {
    assert!(saved_from(ALIAS_IN_UNKNOWN_KEY).contains("j: 1\n"));
}

/// Crash 2 (fixed in b5c1576): an entry with nothing to write was saved as
/// `F1:`, a null, which the loader refused ("should be a mapping ..., not
/// nothing (null)"). Now it is saved as `F1: {}`, and `F1:` loads too.
const EMPTY_ENTRIES: [&[u8]; 4] = [
    b"inspection: hmicfrs-2020-prevent\nitems:\n  F1: {}\n",
    b"inspection: hmicfrs-2020-prevent\nitems:\n  F1:\n",
    b"inspection: hmicfrs-2020-prevent\nitems:\n  F1: {history: []}\n",
    b"inspection: hmicfrs-2020-prevent\nitems:\n  F1: {status: unreviewed, owner: ~}\n",
];

#[test]
fn empty_entries_load() {
    for text in EMPTY_ENTRIES {
        let loaded = review(text);
        assert_eq!(loaded.entry("F1"), Some(&Entry::default()));
    }
}

#[test]
fn empty_entries_survive_a_save() {
    for text in EMPTY_ENTRIES {
        let saved = saved_from(text);
        assert!(saved.ends_with("items:\n  F1: {}\n"), "{saved}");
        assert_eq!(review(saved.as_bytes()).len(), 1);
    }
}

/// Crash 3 (minimised by `cargo fuzz tmin`; refused on load since 9a9f75d):
/// unknown keys that YAML tells apart by tag or type, or that are not text,
/// were saved as the same text and the saved review had a duplicate key.
const COLLIDING_KEYS: [&[u8]; 3] = [
    b"WWWW%version:\ninspection: hmicfrs-2020-prevent\n!X WWWW%version:",
    b"inspection: hmicfrs-2020-prevent\n1: a\n\"1\": b\n",
    b"inspection: hmicfrs-2020-prevent\nk: {[a]: 1, [b]: 2}\n",
];

#[test]
fn unknown_keys_that_differ_only_by_tag_or_type_are_a_clear_error() {
    // Kept as text, the two keys would be written back as one key twice, a
    // file that does not load; so such a file is refused up front.
    for text in COLLIDING_KEYS {
        let problems =
            scrutiny::files::load_review(text, ID).expect_err("two keys the same as text");
        assert!(
            problems
                .0
                .iter()
                .any(|d| d.message.contains("appears twice") || d.message.contains("only as text")),
            "{problems:?}"
        );
    }
}

/// Crash 4 (fixed in 9a9f75d): a top-level unknown key `... x` was written
/// plain at column 0, where `...` ends the document.
const DOCUMENT_END_KEY: &[u8] = b"inspection: hmicfrs-2020-prevent\n\"... x\": 1\n";

#[test]
fn a_key_that_starts_like_a_document_end_loads() {
    assert_eq!(extra_text(&review(DOCUMENT_END_KEY), "... x"), Some("1"));
}

#[test]
fn a_key_that_starts_like_a_document_end_survives_a_save() {
    saved_from(DOCUMENT_END_KEY);
}

/// Crash 5 (fixed in b5c1576): an unknown key `"<<"` was written plain,
/// `<<:`, and read back as a merge: refused at the top level, merged (and
/// so changed) in an entry.
const MERGE_KEYS: [&[u8]; 2] = [
    b"inspection: hmicfrs-2020-prevent\n\"<<\": x\n",
    b"inspection: hmicfrs-2020-prevent\nitems:\n  F1:\n    \"<<\": {a: 1}\n",
];

#[test]
fn a_quoted_merge_key_loads_as_an_unknown_key() {
    assert_eq!(extra_text(&review(MERGE_KEYS[0]), "<<"), Some("x"));
    let loaded = review(MERGE_KEYS[1]);
    let entry = loaded.entry("F1").expect("F1 loads");
    assert_eq!(entry.extra.len(), 1);
    assert_eq!(entry.extra[0].0, "<<");
}

#[test]
fn a_quoted_merge_key_survives_a_save() {
    let saved = saved_from(MERGE_KEYS[0]);
    assert!(saved.ends_with("\n\"<<\": x\n"), "{saved}");
    let saved = saved_from(MERGE_KEYS[1]);
    let again = review(saved.as_bytes());
    let entry = again.entry("F1").expect("F1 kept");
    assert_eq!(entry.extra[0].0, "<<");
}

/// Crash 6 (refused on load since 9a9f75d): an item id longer than 1024
/// characters, written as an explicit `? key`, was saved as an implicit
/// key, which YAML limits to 1024 characters.
fn long_id_review() -> String {
    format!(
        "inspection: hmicfrs-2020-prevent\nitems:\n  ? {}\n  : {{status: accepted}}\n",
        "k".repeat(1100)
    )
}

#[test]
fn an_item_id_over_1000_characters_is_a_clear_error() {
    // YAML cannot write so long a key in its plain form; no real id is.
    let problems = scrutiny::files::load_review(long_id_review().as_bytes(), ID)
        .expect_err("an id of 1100 characters");
    assert!(
        problems
            .0
            .iter()
            .any(|d| d.message.contains("longer than 1000 characters")),
        "{problems:?}"
    );
}

/// Crash 7 (fixed in 9a9f75d): a reviewer name with a line break
/// (`--reviewer`, or the login name) was saved as `by: "a\nb"`, which the
/// loader refuses as not one line.
fn reviewed_by(name: &str) -> Review {
    let mut review = Review::new(ID);
    let stamp = Stamp {
        at: Timestamp::UNIX_EPOCH,
        by: name.to_owned(),
    };
    assert!(review.set_status("F1", Status::Accepted, &stamp));
    review
}

#[test]
fn a_one_line_reviewer_name_survives_a_save() {
    let saved = saved(&reviewed_by("Ann \"the analyst\" #1"));
    let again = review(saved.as_bytes());
    let history = &again.entry("F1").expect("F1 kept").history;
    assert_eq!(history[0].by, "Ann \"the analyst\" #1");
}

#[test]
fn a_reviewer_name_with_a_line_break_survives_a_save() {
    let saved = saved(&reviewed_by("Ann\nAnalyst"));
    let again = review(saved.as_bytes());
    assert_eq!(
        again.entry("F1").expect("F1 kept").history[0].by,
        "Ann Analyst"
    );
}

// ---- Known bugs ----

/// Crash 8: a key of at most 1000 bytes (so not refused) that grows past
/// 1024 characters once quoted, as control characters (`\x01`) and quotes
/// (`\"`) do, is saved as an implicit key, and the saved review does not
/// load ("mapping values are not allowed in this context"). Written as
/// explicit `? key` entries here, as YAML requires of keys that long.
fn escaped_long_keys() -> [String; 3] {
    [
        format!(
            "inspection: hmicfrs-2020-prevent\nitems:\n  ? \"{}\"\n  : {{status: accepted}}\n",
            "\\x01".repeat(300)
        ),
        format!(
            "inspection: hmicfrs-2020-prevent\nitems:\n  ? '{}'\n  : {{status: accepted}}\n",
            "\"".repeat(600)
        ),
        format!(
            "inspection: hmicfrs-2020-prevent\nk:\n  ? \"{}\"\n  : 1\n",
            "\\x01".repeat(300)
        ),
    ]
}

#[test]
fn keys_too_long_to_write_back_are_a_clear_error() {
    // Quoted, these keys pass YAML's 1024-character limit for plain keys, so
    // they could not be written back; they are refused when read.
    for text in escaped_long_keys() {
        let problems = load_review(text.as_bytes(), ID).expect_err("a key too long to write back");
        assert!(
            problems
                .0
                .iter()
                .any(|d| d.message.contains("longer than 1000 characters")),
            "{problems:?}"
        );
    }
}

/// Crash 9: the inspection loader took an item id of any length, and a
/// review entry for an id over 1000 characters was saved as a key the review
/// loader cannot read back. Such an id is now refused where it is defined.
#[test]
fn an_inspection_id_over_1000_characters_is_a_clear_error() {
    let id = "k".repeat(1100);
    let text = format!("inspection: {{id: x, title: X}}\nfindings:\n  - id: {id}\n    title: T\n");
    let problems = load_inspection(text.as_bytes()).expect_err("an id of 1100 letters");
    assert!(
        problems
            .0
            .iter()
            .any(|d| d.message.contains("longer than 1000 characters")),
        "{problems:?}"
    );
}

/// Crash 10 (the fuzz target's typed-in text): an item id typed in or put
/// through the API that the review file could not hold (over 1000
/// characters as written, as a long id is, or a short one of control
/// characters or quotes once quoted) was saved as a key YAML cannot read
/// back. Such an id is not taken, so every review scrutiny saves loads
/// again as it was.
fn ids_the_file_cannot_hold() -> [String; 3] {
    ["k".repeat(1100), "\u{1}".repeat(300), "\"".repeat(600)]
}

#[test]
fn an_entry_for_an_id_the_file_cannot_hold_is_not_taken() {
    let stamp = Stamp {
        at: Timestamp::UNIX_EPOCH,
        by: "analyst".to_owned(),
    };
    for id in ids_the_file_cannot_hold() {
        let mut review = Review::new(ID);
        assert!(review.set_status("F1", Status::Accepted, &stamp));
        review.put(
            &id,
            Entry {
                status: Status::Accepted,
                ..Entry::default()
            },
        );
        assert!(!review.set_status(&id, Status::Complete, &stamp));
        assert!(!review.set_owner(&id, "Head of Prevent", &stamp));
        assert!(!review.set_note(&id, "a note", &stamp));
        assert!(review.entry(&id).is_none(), "{id:?} taken");
        let text = saved(&review);
        let again = load_review(text.as_bytes(), ID).expect("the saved review loads");
        assert_eq!(again.len(), 1, "{text}");
        assert_eq!(again.entry("F1"), review.entry("F1"));
    }
}
