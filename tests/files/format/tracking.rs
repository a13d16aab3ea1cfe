//! Tracking to closure in the review file (FORMAT.md): RAG, the revised
//! due date and its reason, evidence, the sign-off, progress updates; read,
//! written back as they were, and a sign-off that breaks the rules loaded
//! with a warning naming the item and its line.

use scrutiny::files::review_file::load_review_warned;
use scrutiny::model::tracking::Rag;

use super::*;

/// FORMAT.md's example entry, in full.
const TRACKED: &str = "\
version: 1
inspection: hmicfrs-2020-prevent
items:
  R1:
    status: complete
    note: |
      Done.
    rag: amber
    due: 2021-06-30
    evidence:
      - Training completion export, May 2021 (Prevent/evidence/R1.xlsx)
    signed_off:
      by: Head of Assurance
      at: 2021-07-02T10:00:00Z
    updates:
      - at: 2021-03-01T09:00:00Z
        by: analyst
        text: Training plan agreed with the region.
    history:
      - at: 2021-02-10T09:00:00Z
        by: analyst
        due: 2021-06-30
        reason: Waiting on the national training package
";

#[test]
fn format_md_s_tracking_entry_loads_and_saves_byte_for_byte() {
    let (review, warnings) = load_review_warned(TRACKED.as_bytes(), EXAMPLE_ID).expect("loads");
    assert!(warnings.is_empty(), "{warnings:#?}");
    let entry = review.entry("R1").expect("R1");
    assert_eq!(entry.rag, Some(Rag::Amber));
    assert_eq!(
        entry.due.map(|d| d.to_string()).as_deref(),
        Some("2021-06-30")
    );
    assert_eq!(entry.evidence.len(), 1);
    assert_eq!(
        entry.signed_off.as_ref().map(|s| s.by.as_str()),
        Some("Head of Assurance")
    );
    assert_eq!(
        entry.updates[0].text,
        "Training plan agreed with the region."
    );
    let event = &entry.history[0];
    assert_eq!(
        event.change.reason.as_deref(),
        Some("Waiting on the national training package")
    );
    assert_eq!(to_yaml(&review, &example_inspection()), TRACKED);
}

#[test]
fn every_tracking_change_is_written_and_read_back() {
    let mut review = Review::new(EXAMPLE_ID);
    let a = stamp();
    let b = Stamp {
        at: "2026-11-30T09:00:00Z".parse().expect("time"),
        by: "second".into(),
    };
    review.set_rag("R2", Some(Rag::Red), &a);
    review
        .revise_due(
            "R2",
            Some(jiff::civil::date(2022, 1, 31)),
            "Supplier late: \"Q3\"",
            &a,
        )
        .expect("a reason");
    review.add_update("R2", "First line\nsecond line", &a);
    review.add_update("R2", "- starts like a list: and has a colon", &a);
    review.set_status("R2", Status::Complete, &a);
    review.add_evidence("R2", "Board minutes, #4", &a);
    review.sign_off("R2", &b).expect("a second person");
    review.set_rag("R2", None, &a);
    let text = to_yaml(&review, &example_inspection());
    let again = load_review(text.as_bytes(), EXAMPLE_ID).expect("reads back");
    assert_eq!(again.entry("R2"), review.entry("R2"), "{text}");
    assert_eq!(to_yaml(&again, &example_inspection()), text);
    assert!(text.contains("        rag: cleared\n"), "{text}");
}

#[test]
fn a_sign_off_that_breaks_the_rules_loads_with_a_warning_at_its_line() {
    for (status, evidence, why) in [
        ("in-progress", "    evidence: [x]\n", "only a complete item"),
        ("complete", "", "add evidence first"),
    ] {
        let text = format!(
            "version: 1\ninspection: hmicfrs-2020-prevent\nitems:\n  R1:\n    status: {status}\n{evidence}    signed_off:\n      by: b\n      at: 2021-07-02T10:00:00Z\n"
        );
        let (review, warnings) =
            load_review_warned(text.as_bytes(), EXAMPLE_ID).expect("still loads");
        assert!(
            review
                .entry("R1")
                .and_then(|e| e.signed_off.as_ref())
                .is_some()
        );
        assert_eq!(warnings.len(), 1, "{warnings:#?}");
        let w = &warnings[0];
        assert!(w.message.contains("`R1` is signed off"), "{}", w.message);
        assert!(w.message.contains(why), "{}", w.message);
        let line = 5 + u64::from(!evidence.is_empty()) + 1;
        assert_eq!(w.pos.map(|p| p.line), Some(line), "{}", w.message);
    }
    // Signed off by whoever set it complete.
    let text = "version: 1\ninspection: hmicfrs-2020-prevent\nitems:\n  R1:\n    status: complete\n    evidence: [x]\n    signed_off:\n      by: a\n      at: 2021-07-02T10:00:00Z\n    history:\n      - at: 2021-07-01T10:00:00Z\n        by: a\n        status: complete\n";
    let (_, warnings) = load_review_warned(text.as_bytes(), EXAMPLE_ID).expect("loads");
    assert!(
        warnings[0].message.contains("someone else"),
        "{warnings:#?}"
    );
}

#[test]
fn a_bad_rag_and_a_bad_date_are_reported_where_they_stand() {
    let text = "version: 1\ninspection: hmicfrs-2020-prevent\nitems:\n  R1:\n    rag: purple\n    due: 2021-02-30\n    signed_off: yes\n";
    let Err(Diagnostics(found)) = load_review(text.as_bytes(), EXAMPLE_ID) else {
        panic!("must not load");
    };
    let lines: Vec<u64> = found.iter().filter_map(|d| d.pos.map(|p| p.line)).collect();
    assert_eq!(lines, [5, 6, 7], "{found:#?}");
    assert!(
        found[0].message.contains("red, amber or green"),
        "{}",
        found[0].message
    );
}

#[test]
fn a_merge_unions_evidence_and_updates_and_a_clash_on_rag_is_held() {
    use scrutiny::model::merge::merge;
    let base = Review::new(EXAMPLE_ID);
    let a = stamp();
    let b = Stamp {
        at: "2026-11-30T09:00:00Z".parse().expect("time"),
        by: "other".into(),
    };
    let mut ours = base.clone();
    ours.add_update("R1", "ours", &a);
    ours.add_evidence("R1", "our evidence", &a);
    ours.set_rag("R1", Some(Rag::Green), &a);
    let mut theirs = base.clone();
    theirs.add_update("R1", "theirs", &b);
    theirs.add_evidence("R1", "their evidence", &b);
    theirs.set_rag("R1", Some(Rag::Red), &b);
    let (merged, conflicts) = merge(&base, &ours, &theirs);
    let entry = merged.entry("R1").expect("R1");
    assert_eq!(entry.updates.len(), 2);
    assert_eq!(entry.evidence, ["our evidence", "their evidence"]);
    assert_eq!(entry.rag, Some(Rag::Green));
    assert_eq!(conflicts, ["R1"]);
    assert_eq!(entry.conflict.as_ref().and_then(|c| c.rag), Some(Rag::Red));
    // History only grew: both sides' events are there.
    assert_eq!(entry.history.len(), 4);
}

#[test]
fn a_sign_off_changed_on_both_sides_is_a_conflict_that_keeps_both() {
    use scrutiny::model::merge::merge;
    let a = stamp();
    let mut base = Review::new(EXAMPLE_ID);
    base.set_status("R1", Status::Complete, &a);
    base.add_evidence("R1", "Audit", &a);
    let by = |name: &str, second: i64| Stamp {
        at: jiff::Timestamp::from_second(1_800_000_000 + second).expect("time"),
        by: name.into(),
    };
    let mut ours = base.clone();
    ours.sign_off("R1", &by("b", 1)).expect("b signs");
    let mut theirs = base.clone();
    theirs.sign_off("R1", &by("c", 2)).expect("c signs");
    let (merged, conflicts) = merge(&base, &ours, &theirs);
    assert_eq!(conflicts, ["R1"]);
    let entry = merged.entry("R1").expect("R1");
    assert_eq!(entry.signed_off.as_ref().map(|s| s.by.as_str()), Some("b"));
    let held = entry.conflict.as_ref().and_then(|c| c.signed_off.as_ref());
    assert_eq!(
        held.map(|s| s.by.as_str()),
        Some("c"),
        "theirs is held, not dropped"
    );
    // Written and read back whole.
    let text = to_yaml(&merged, &example_inspection());
    let again = load_review(text.as_bytes(), EXAMPLE_ID).expect("reads back");
    assert_eq!(again.entry("R1"), merged.entry("R1"), "{text}");
    // Taking theirs puts their sign-off in place, on the record.
    let mut settled = again.clone();
    let theirs_fields = settled
        .entry("R1")
        .and_then(|e| e.conflict.clone())
        .expect("held");
    assert!(settled.resolve("R1", &theirs_fields, &by("b", 3)));
    let entry = settled.entry("R1").expect("R1");
    assert_eq!(entry.signed_off.as_ref().map(|s| s.by.as_str()), Some("c"));
    assert!(entry.conflict.is_none());
}

#[test]
fn related_entries_are_read_kept_and_written_back_even_when_not_found() {
    let text = "version: 1\ninspection: hmicfrs-2020-prevent\nitems:\n  R1:\n    related:\n      - item: hmicfrs-2021-peel-notts#A3\n        as: repeats\n      - item: somewhere-else#R9\n        as: superseded-by\n        noted: by the panel\n";
    let review = load_review(text.as_bytes(), EXAMPLE_ID).expect("loads");
    let related = &review.entry("R1").expect("R1").related;
    assert_eq!(related.len(), 2);
    assert_eq!(related[0].target(), Some(("hmicfrs-2021-peel-notts", "A3")));
    assert_eq!(related[1].relation.name(), "superseded-by");
    assert_eq!(to_yaml(&review, &example_inspection()), text);
    let bad = "version: 1\ninspection: hmicfrs-2020-prevent\nitems:\n  R1:\n    related:\n      - item: no-hash\n        as: repeats\n      - item: a#b\n        as: echoes\n";
    let Err(Diagnostics(found)) = load_review(bad.as_bytes(), EXAMPLE_ID) else {
        panic!("must not load");
    };
    let lines: Vec<u64> = found.iter().filter_map(|d| d.pos.map(|p| p.line)).collect();
    assert_eq!(lines, [6, 9], "{found:#?}");
}
