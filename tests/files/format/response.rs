//! The review file's `response:` block (FORMAT.md): read, written back as
//! it was, every change recorded, bad values reported where they stand,
//! and two versions merged field by field.

use scrutiny::model::merge::merge;
use scrutiny::model::response::Field;

use super::*;

/// FORMAT.md's example block, in full, with one item.
const BLOCK: &str = "\
version: 1
inspection: hmicfrs-2020-prevent
response:
  by: Nottinghamshire Police and Crime Commissioner
  signed: Paddy Tipping, Police and Crime Commissioner
  force: Nottinghamshire Police
  opening: |
    Opening words.

    A second paragraph.
  closing: |
    Closing words.
  chief:
    requested: 2020-03-10
    due: 2020-04-06
    received: 2020-04-03
    comments: |
      The chief's words.
  published: 2020-04-30
  url: https://example.org/response
  sent_home_office: 2020-04-30
  sent_inspectorate: 2020-04-30
items:
  R1:
    status: complete
    note: |
      Done.
";

#[test]
fn the_block_as_format_md_gives_it_loads_and_saves_byte_for_byte() {
    let review = load_review(BLOCK.as_bytes(), EXAMPLE_ID).expect("loads");
    let r = review.response();
    assert_eq!(
        r.by.as_deref(),
        Some("Nottinghamshire Police and Crime Commissioner")
    );
    assert_eq!(
        r.chief.received.map(|d| d.to_string()).as_deref(),
        Some("2020-04-03")
    );
    assert_eq!(r.chief.comments.as_deref(), Some("The chief's words.\n"));
    assert_eq!(
        r.opening.as_deref(),
        Some("Opening words.\n\nA second paragraph.\n")
    );
    assert_eq!(r.url.as_deref(), Some("https://example.org/response"));
    assert_eq!(to_yaml(&review, &example_inspection()), BLOCK);
}

#[test]
fn a_review_without_the_block_writes_none() {
    let text =
        "version: 1\ninspection: hmicfrs-2020-prevent\nitems:\n  F1:\n    status: accepted\n";
    let review = load_review(text.as_bytes(), EXAMPLE_ID).expect("loads");
    assert!(review.response().is_empty());
    assert_eq!(to_yaml(&review, &example_inspection()), text);
}

#[test]
fn each_change_is_recorded_and_read_back() {
    let mut review = Review::new(EXAMPLE_ID);
    let s = stamp();
    assert!(
        review
            .set_response(Field::By, Some("Northshire PCC"), &s)
            .expect("a line")
    );
    assert!(
        review
            .set_response(Field::ChiefDue, Some("2020-04-06"), &s)
            .expect("a date")
    );
    assert!(
        review
            .set_response(Field::Opening, Some("Words.\n"), &s)
            .expect("text")
    );
    assert!(
        review
            .set_response(Field::ChiefNotReceived, Some("yes"), &s)
            .expect("a flag")
    );
    // The same value again changes nothing and records nothing.
    assert!(
        !review
            .set_response(Field::By, Some("Northshire PCC"), &s)
            .expect("same")
    );
    assert!(
        review
            .set_response(Field::Opening, None, &s)
            .expect("cleared")
    );
    let history: Vec<(String, Option<String>)> = review
        .response()
        .history
        .iter()
        .map(|e| (e.field.clone(), e.to.clone()))
        .collect();
    assert_eq!(
        history,
        [
            ("by".to_owned(), Some("Northshire PCC".to_owned())),
            ("chief.due".to_owned(), Some("2020-04-06".to_owned())),
            // Text is not copied into the history, as a note is not.
            ("opening".to_owned(), Some("edited".to_owned())),
            ("chief.not_received".to_owned(), Some("yes".to_owned())),
            ("opening".to_owned(), Some("cleared".to_owned())),
        ]
    );
    let text = to_yaml(&review, &example_inspection());
    assert!(
        text.contains("  chief:\n    due: 2020-04-06\n    not_received: true\n"),
        "{text}"
    );
    let again = load_review(text.as_bytes(), EXAMPLE_ID).expect("reads back");
    assert_eq!(again, review);
    assert_eq!(to_yaml(&again, &example_inspection()), text);
}

#[test]
fn a_date_that_is_not_one_is_refused_and_changes_nothing() {
    let mut review = Review::new(EXAMPLE_ID);
    let err = review
        .set_response(Field::Published, Some("30/04/2020"), &stamp())
        .expect_err("not a date");
    assert!(err.contains("not a date such as 2020-04-30"), "{err}");
    assert!(review.response().is_empty());
}

#[test]
fn bad_values_in_the_block_are_reported_at_their_line() {
    let text = "version: 1\ninspection: hmicfrs-2020-prevent\nresponse:\n  published: 2020-02-30\n  chief:\n    not_received: maybe\n    receved: 2020-01-01\n  by:\n    - a list\nitems: {}\n";
    let Err(Diagnostics(found)) = load_review(text.as_bytes(), EXAMPLE_ID) else {
        panic!("must not load");
    };
    let lines: Vec<u64> = found.iter().filter_map(|d| d.pos.map(|p| p.line)).collect();
    assert!(lines.contains(&4), "{found:#?}");
    assert!(lines.contains(&6), "{found:#?}");
    assert!(lines.contains(&9), "{found:#?}");
    // A key this program does not know under `chief:` is kept, not refused.
    assert_eq!(found.len(), 3, "{found:#?}");
}

#[test]
fn unknown_keys_in_the_block_are_kept() {
    let text = "version: 1\ninspection: hmicfrs-2020-prevent\nresponse:\n  by: A body\n  chief:\n    requested: 2020-03-10\n    via: email\n  panel: March meeting\nitems: {}\n";
    let review = load_review(text.as_bytes(), EXAMPLE_ID).expect("loads");
    assert_eq!(to_yaml(&review, &example_inspection()), text);
}

fn at(second: i64, by: &str) -> Stamp {
    Stamp {
        at: jiff::Timestamp::from_second(1_800_000_000 + second).expect("time"),
        by: by.into(),
    }
}

#[test]
fn two_versions_merge_field_by_field_and_a_clash_keeps_both() {
    let mut base = Review::new(EXAMPLE_ID);
    base.set_response(Field::By, Some("A body"), &at(0, "a"))
        .expect("set");
    let mut ours = base.clone();
    ours.set_response(Field::Opening, Some("Our words.\n"), &at(1, "a"))
        .expect("set");
    ours.set_response(Field::Url, Some("https://a.example"), &at(2, "a"))
        .expect("set");
    let mut theirs = base.clone();
    theirs
        .set_response(Field::Published, Some("2020-04-30"), &at(3, "b"))
        .expect("set");
    theirs
        .set_response(Field::Opening, Some("Their words.\n"), &at(4, "b"))
        .expect("set");
    let (merged, conflicts) = merge(&base, &ours, &theirs);
    let r = merged.response();
    assert_eq!(conflicts, ["response"]);
    assert_eq!(r.url.as_deref(), Some("https://a.example"));
    assert_eq!(
        r.published.map(|d| d.to_string()).as_deref(),
        Some("2020-04-30")
    );
    assert_eq!(r.opening.as_deref(), Some("Our words.\n"));
    assert_eq!(
        r.conflict_of(Field::Opening),
        Some(&Some("Their words.\n".to_owned()))
    );
    assert_eq!(r.history.len(), 5, "both sides' history, joined");
    // The conflict is written and read back, then settled by a change.
    let text = to_yaml(&merged, &example_inspection());
    assert!(
        text.contains("  conflict:\n    opening: |\n      Their words.\n"),
        "{text}"
    );
    let mut again = load_review(text.as_bytes(), EXAMPLE_ID).expect("reads back");
    assert_eq!(again, merged);
    again
        .set_response(Field::Opening, Some("Our words.\n"), &at(5, "a"))
        .expect("settle");
    assert!(again.response().conflict.is_empty());
}

#[test]
fn the_bundled_review_is_as_scrutiny_writes_it_and_its_response_can_be_published() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/prevent-2020.review.yaml");
    let bytes = std::fs::read(&path).expect("the bundled review");
    let review = load_review(&bytes, EXAMPLE_ID).expect("it loads");
    let text = String::from_utf8(bytes).expect("UTF-8");
    assert!(
        to_yaml(&review, &example_inspection()) == text,
        "a save with no change rewrites no byte"
    );
    let list = scrutiny::model::response::checklist(
        &example_inspection(),
        &review,
        jiff::civil::date(2020, 4, 1),
    );
    assert!(list.can_publish(), "{:?}", list.blockers);
    assert!(list.without_response.is_empty());
}
