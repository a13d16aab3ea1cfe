//! Values YAML types as other than text, misfit tags, and look-alike ids.

use super::*;

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
    let dir = crate::common::TempDir::new("lookalike-check");
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
