//! Inputs built to hurt: each must end in a clear error (or load, where it
//! is odd but valid), never a panic, a hang or a blow-up. No timing limits
//! here; the machine is shared. The figures are in `cargo bench`.

mod common;

use std::fmt::Write as _;
use std::process::Command;

use common::temp_dir;
use scrutiny::model::{Diagnostic, load_inspection, load_review};

fn problems(bytes: &[u8]) -> Vec<Diagnostic> {
    load_inspection(bytes).expect_err("should be refused").0
}

fn message(bytes: &[u8]) -> String {
    let found = problems(bytes);
    assert_eq!(found.len(), 1, "{found:?}");
    found[0].message.clone()
}

#[test]
fn deep_flow_nesting_is_refused_at_its_position() {
    let text = format!("findings: {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
    let found = problems(text.as_bytes());
    assert_eq!(found.len(), 1);
    assert!(found[0].message.contains("nests too deeply"), "{found:?}");
    assert_eq!(found[0].pos.map(|p| p.line), Some(1));
}

#[test]
fn deep_block_nesting_is_refused() {
    let mut text = String::new();
    for i in 0..2_000 {
        let _ = writeln!(text, "{}k:", " ".repeat(i));
    }
    assert!(message(text.as_bytes()).contains("nests too deeply"));
}

#[test]
fn an_alias_bomb_is_refused() {
    let mut text = String::from("a: &a [x, x, x, x, x, x, x, x, x]\n");
    let names: Vec<char> = ('b'..='j').collect();
    let mut previous = 'a';
    for name in names {
        let refs = vec![format!("*{previous}"); 9].join(", ");
        let _ = writeln!(text, "{name}: &{name} [{refs}]");
        previous = name;
    }
    let found = problems(text.as_bytes());
    assert_eq!(found.len(), 1, "{found:?}");
    let why = &found[0].message;
    assert!(why.contains("too large or too complex"), "{why}");
    // In words, with the limit, not the parser's own record of it.
    assert!(why.contains("more than 250000 nodes"), "{why}");
    assert!(!why.contains('{') && !why.contains("Nodes"), "{why}");
    assert!(
        why.contains("without aliases") || why.contains("in full"),
        "{why}"
    );
    assert_eq!(found[0].pos.map(|p| p.line), Some(6), "{found:?}");
}

#[test]
fn too_many_aliases_are_refused_in_words() {
    let refs = vec!["*t"; 50_001].join(", ");
    let text = format!(
        "inspection:\n  id: x\n  title: &t T\nfindings:\n  - id: F1\n    title: a\n    tags: [{refs}]\n"
    );
    let why = message(text.as_bytes());
    assert!(
        why.starts_with("the file is too large or too complex: more than 50000 aliases;"),
        "{why}"
    );
    assert!(!why.contains('{'), "{why}");
}

#[test]
fn an_alias_bomb_in_a_review_is_refused_in_words() {
    let mut text =
        String::from("version: 1\ninspection: x\nitems: {}\na: &a [x, x, x, x, x, x, x, x, x]\n");
    let mut previous = 'a';
    for name in 'b'..='j' {
        let refs = vec![format!("*{previous}"); 9].join(", ");
        let _ = writeln!(text, "{name}: &{name} [{refs}]");
        previous = name;
    }
    let found = load_review(text.as_bytes(), "x").expect_err("refused").0;
    let why = &found[0].message;
    assert!(why.contains("too large or too complex"), "{why}");
    assert!(!why.contains('{'), "{why}");
}

#[test]
fn a_50_mb_scalar_loads() {
    let text = format!(
        "inspection:\n  id: big\n  title: Big\nfindings:\n  - id: F1\n    title: Long\n    text: \"{}\"\n",
        "x".repeat(50_000_000)
    );
    let inspection = load_inspection(text.as_bytes()).expect("a long text is valid");
    assert_eq!(
        inspection.items[0].text.as_ref().map(String::len),
        Some(50_000_000)
    );
}

#[test]
fn a_50_mb_single_line_error_shows_a_short_snippet() {
    let text = format!("inspection: {}: x\n", "y".repeat(50_000_000));
    let found = problems(text.as_bytes());
    let shown = found[0].render("big.yaml");
    assert!(
        shown.len() < 1_000,
        "the snippet should be cut, not {} bytes",
        shown.len()
    );
}

#[test]
fn nul_bytes_and_binary_are_refused_with_a_position() {
    let found = problems(b"inspection:\n  id: a\0b\n");
    assert_eq!(found[0].pos.map(|p| (p.line, p.column)), Some((2, 8)));
    assert!(found[0].message.contains("NUL"));
    assert!(!problems(&[0xff, 0xfe, 0x00, 0x01]).is_empty());
}

#[test]
fn hostile_review_files_are_refused_too() {
    let deep = format!("items: {}{}\n", "{a: ".repeat(10_000), "}".repeat(10_000));
    assert!(load_review(deep.as_bytes(), "x").is_err());
    assert!(load_review(b"\xff\xfe", "x").is_err());
    assert!(load_review(b"", "x").is_err());
    assert!(load_review(b"a: 1\n---\nb: 2\n", "x").is_err());
}

#[test]
fn a_corrupt_review_is_reported_and_left_exactly_as_it_was() {
    let dir = temp_dir("corrupt");
    let inspection = dir.join("prevent.yaml");
    std::fs::write(&inspection, scrutiny::session::EXAMPLE).expect("write inspection");
    let review = dir.join("prevent.review.yaml");
    let corrupt =
        b"version: 1\ninspection: hmicfrs-2020-prevent\nitems:\n  F1:\n    status: [half written\n";
    std::fs::write(&review, corrupt).expect("write review");
    let out = Command::new(env!("CARGO_BIN_EXE_scrutiny"))
        .arg(&inspection)
        .output()
        .expect("run scrutiny");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("prevent.review.yaml:"), "{err}");
    assert!(err.contains("will not write to it"), "{err}");
    assert!(err.contains("--review"), "{err}");
    assert_eq!(std::fs::read(&review).expect("review"), corrupt);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn usage_errors_exit_with_2_and_check_failures_with_1() {
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_scrutiny"))
            .args(args)
            .output()
            .expect("run scrutiny")
    };
    assert_eq!(run(&["check"]).status.code(), Some(2));
    assert_eq!(run(&["--no-such-flag"]).status.code(), Some(2));
    let dir = temp_dir("usage");
    let empty = dir.join("empty.yaml");
    std::fs::write(&empty, "").expect("write");
    let out = run(&["check", empty.to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("empty.yaml: the file is empty"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// Generous enough not to flake on a loaded two-core machine in a debug
/// build, strict enough to catch a hang or a quadratic blow-up.
const LIMIT: std::time::Duration = std::time::Duration::from_secs(20);

fn within_limit<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let start = std::time::Instant::now();
    let out = f();
    let took = start.elapsed();
    assert!(took < LIMIT, "{what} took {took:?}");
    out
}

#[test]
fn every_hostile_file_is_answered_within_the_limit() {
    let deep_flow = format!("findings: {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
    let deep_map = format!("a: {}1{}\n", "{b: ".repeat(100_000), "}".repeat(100_000));
    let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x]\n");
    let mut previous = 'a';
    for name in 'b'..='j' {
        let refs = vec![format!("*{previous}"); 9].join(", ");
        let _ = writeln!(bomb, "{name}: &{name} [{refs}]");
        previous = name;
    }
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("100,000-deep flow nesting", deep_flow.into_bytes()),
        ("100,000-deep flow mappings", deep_map.into_bytes()),
        ("an alias bomb", bomb.into_bytes()),
        ("NUL bytes", b"inspection:\n  id: a\0\n".to_vec()),
        ("invalid UTF-8", b"inspection:\n  id: \xc3\x28\n".to_vec()),
        (
            "duplicate keys",
            b"inspection:\n  id: a\n  id: b\n".to_vec(),
        ),
        ("several documents", b"a: 1\n---\nb: 2\n".to_vec()),
    ];
    for (what, bytes) in cases {
        let result = within_limit(what, || load_inspection(&bytes));
        assert!(result.is_err(), "{what} should be refused");
        let review = within_limit(what, || load_review(&bytes, "a"));
        assert!(review.is_err(), "{what} should be refused as a review too");
    }
}

#[test]
fn odd_but_valid_files_load_within_the_limit() {
    let plain = "inspection:\n  id: odd\n  title: Odd\nfindings:\n  - id: F1\n    title: One\n";
    let with_bom = format!("\u{feff}{plain}");
    let inspection = within_limit("a byte-order mark", || load_inspection(with_bom.as_bytes()))
        .expect("a BOM is allowed");
    assert_eq!(inspection.items.len(), 1);
    let tagged = "inspection:\n  id: !!str odd\n  title: !!str Odd\nfindings:\n  - id: F1\n    title: !!str One\n";
    let inspection = within_limit("unneeded tags", || load_inspection(tagged.as_bytes()))
        .expect("an unneeded tag is allowed");
    assert_eq!(inspection.meta.title, "Odd");
    let big = format!(
        "inspection:\n  id: big\n  title: Big\nfindings:\n  - id: F1\n    title: Long\n    text: \"{}\"\n",
        "x".repeat(50_000_000)
    );
    let inspection =
        within_limit("a 50 MB scalar", || load_inspection(big.as_bytes())).expect("valid");
    assert_eq!(
        inspection.items[0].text.as_ref().map(String::len),
        Some(50_000_000)
    );
}
