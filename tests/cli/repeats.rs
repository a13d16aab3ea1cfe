//! `scrutiny repeats` on the precision set in `tests/fixtures/repeats/`:
//! four small inspections written for it (two PEEL reports a force had two
//! years apart, a national thematic, a custody inspection of the same
//! force) holding known repeats, the same matter reworded, and near-misses,
//! the same words on another matter. `expected.yaml` lists the repeats.
//!
//! Precision is the share of the pairs suggested at the default threshold
//! that are repeats; recall the share of the repeats suggested. A pair
//! counts once, whichever of its items it was suggested for.
//! `cargo test --test cli repeats -- --nocapture` prints both.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Below these the test fails. Today: precision 0.75 (3 of 4 pairs: the
/// recording of stop and search in custody is taken for the fair use of
/// stop and search), recall 1.0 (3 of 3).
const PRECISION_FLOOR: f64 = 0.7;
const RECALL_FLOOR: f64 = 1.0;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/repeats")
}

#[derive(serde::Deserialize)]
struct Expected {
    pairs: Vec<[String; 2]>,
}

fn pair(a: String, b: String) -> (String, String) {
    if a <= b { (a, b) } else { (b, a) }
}

fn suggested(args: &[&str]) -> (Vec<serde_json::Value>, std::process::Output) {
    let out = Command::new(env!("CARGO_BIN_EXE_scrutiny"))
        .arg("repeats")
        .args(args)
        .output()
        .expect("run scrutiny");
    let lines = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|line| serde_json::from_str(line).expect("a JSON line"))
        .collect();
    (lines, out)
}

#[test]
fn precision_and_recall_on_the_fixtures() {
    let text = std::fs::read_to_string(fixtures().join("expected.yaml")).expect("expected.yaml");
    let expected: Expected = serde_saphyr::from_str(&text).expect("expected.yaml parses");
    let expected: BTreeSet<(String, String)> = expected
        .pairs
        .into_iter()
        .map(|[a, b]| pair(a, b))
        .collect();
    let reports = fixtures().join("reports");
    let (lines, out) = suggested(&[reports.to_str().expect("a UTF-8 path"), "--json"]);
    assert!(out.status.success(), "{out:?}");
    let made: BTreeSet<(String, String)> = lines
        .iter()
        .map(|s| {
            let side = |i: &str, n: &str| {
                format!("{}#{}", s[i].as_str().expect(i), s[n].as_str().expect(n))
            };
            pair(
                side("inspection", "item"),
                side("other_inspection", "other_item"),
            )
        })
        .collect();
    let right = made.intersection(&expected).count();
    #[allow(clippy::cast_precision_loss, reason = "a handful of pairs")]
    let (precision, recall) = (
        right as f64 / made.len().max(1) as f64,
        right as f64 / expected.len().max(1) as f64,
    );
    println!(
        "repeats: precision {precision:.3} ({right} of {} pairs suggested), recall {recall:.3} ({right} of {} repeats)",
        made.len(),
        expected.len()
    );
    for wrong in made.difference(&expected) {
        println!("  not a repeat: {} and {}", wrong.0, wrong.1);
    }
    for missed in expected.difference(&made) {
        println!("  missed: {} and {}", missed.0, missed.1);
    }
    assert!(precision >= PRECISION_FLOOR, "precision {precision:.3}");
    assert!(recall >= RECALL_FLOOR, "recall {recall:.3}");
}

#[test]
fn text_lists_each_item_then_its_matches() {
    let reports = fixtures().join("reports");
    let out = Command::new(env!("CARGO_BIN_EXE_scrutiny"))
        .args([
            "repeats",
            reports.to_str().expect("a UTF-8 path"),
            "--top",
            "1",
        ])
        .output()
        .expect("run scrutiny");
    assert!(out.status.success(), "{out:?}");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains(
            "A1 (peel-2021-westshire) – The force should make sure victims are kept updated about their case\n  0.34  A1 (peel-2023-westshire) – Victims are not told"
        ),
        "{text}"
    );
    assert!(text.contains("        shared: "), "{text}");
}

#[test]
fn a_file_that_fails_leaves_the_others_compared_and_exits_1() {
    let dir = crate::common::TempDir::new("repeats-bad");
    for name in ["peel-2021-westshire.yaml", "peel-2023-westshire.yaml"] {
        let text = std::fs::read_to_string(fixtures().join("reports").join(name)).expect("fixture");
        dir.write(name, &text);
    }
    dir.write("broken.yaml", "inspection:\n  id: x\n  title: [\n");
    let out = Command::new(env!("CARGO_BIN_EXE_scrutiny"))
        .args(["repeats", dir.path().to_str().expect("a UTF-8 path")])
        .output()
        .expect("run scrutiny");
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("broken.yaml"), "{text}");
    assert!(text.contains("A2 (peel-2021-westshire)"), "{text}");
}

#[test]
fn titles_reach_the_terminal_inert() {
    let dir = crate::common::TempDir::new("repeats-inert");
    let report = |id: &str, title: &str| {
        format!(
            "inspection:\n  id: {id}\n  title: T\nrecommendations:\n  - id: R1\n    title: \"{title}\"\n"
        )
    };
    dir.write(
        "a.yaml",
        &report("a", "Victims kept updated \\e[31mred\\e[0m on every case"),
    );
    dir.write("b.yaml", &report("b", "Victims kept updated on their case"));
    let out = Command::new(env!("CARGO_BIN_EXE_scrutiny"))
        .args(["repeats", dir.path().to_str().expect("a UTF-8 path")])
        .output()
        .expect("run scrutiny");
    assert!(out.status.success(), "{out:?}");
    assert!(!out.stdout.contains(&0x1b), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("R1 (a)"));
}

#[test]
fn usage_errors_exit_2() {
    for args in [&["repeats"][..], &["repeats", "x.yaml", "--min", "2"][..]] {
        let out = Command::new(env!("CARGO_BIN_EXE_scrutiny"))
            .args(args)
            .output()
            .expect("run scrutiny");
        assert_eq!(out.status.code(), Some(2), "{args:?}: {out:?}");
    }
}
