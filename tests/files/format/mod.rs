//! The file contract of FORMAT.md: every validation rule of the inspection
//! file, reported at the right line and column and all in one run, and the
//! review file's round trip (unknown keys, orphans, order, history).

mod inspection;
mod properties;
mod response;
mod review;
mod tracking;
mod typed;

use proptest::prelude::*;
use scrutiny::model::node::{Node, Pos};
use scrutiny::{
    files::{Diagnostic, Diagnostics, load_inspection, load_review, to_yaml},
    model::{Inspection, Review, Stamp, Status},
};

use crate::common::{example_inspection, temp_dir};

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
