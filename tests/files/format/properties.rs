//! Properties over generated input: round trips are exact, and no bytes
//! make a loader panic.

use super::*;

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
