//! The review file's round trip: unknown keys, orphans, order, history, and
//! notes written as literal blocks and read back exactly.

use super::*;

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
