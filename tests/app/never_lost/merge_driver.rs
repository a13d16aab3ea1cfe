//! `scrutiny merge`, the git merge driver: unknown keys kept, the real file
//! named, and the keys that settle a conflict.

use super::*;

// ------------------------------------------------ the merge driver

const HEAD: &str = "version: 1\ninspection: hmicfrs-2020-prevent\n";

fn driver(dir: &TempDir, base: &str, ours: &str, theirs: &str) -> (std::process::Output, String) {
    let paths = [
        dir.write(".merge_base_x1", base),
        dir.write(".merge_ours_x2", ours),
        dir.write(".merge_theirs_x3", theirs),
    ];
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_scrutiny"))
        .arg("merge")
        .args(&paths)
        .arg("team/prevent-2020.review.yaml")
        .output()
        .expect("runs");
    let merged = std::fs::read_to_string(&paths[1]).expect("read");
    (out, merged)
}

#[test]
fn the_merge_driver_keeps_our_unknown_top_level_keys() {
    let dir = TempDir::new("driver-keys");
    let base = format!("{HEAD}items:\n  F1:\n    status: accepted\n");
    let ours = format!("{HEAD}team: blue\nitems:\n  F1:\n    status: accepted\n");
    let theirs = format!("{HEAD}items:\n  F1:\n    status: complete\n");
    let (out, merged) = driver(&dir, &base, &ours, &theirs);
    assert!(out.status.success(), "{out:?}");
    assert!(merged.contains("team: blue"), "{merged}");
    assert!(merged.contains("status: complete"), "{merged}");
}

#[test]
fn an_unknown_key_on_one_side_and_a_status_on_the_other_is_no_conflict() {
    let dir = TempDir::new("driver-false");
    let base = format!("{HEAD}items:\n  F1:\n    status: accepted\n");
    let ours = format!("{HEAD}items:\n  F1:\n    status: accepted\n    priority: high\n");
    let theirs = format!("{HEAD}items:\n  F1:\n    status: complete\n");
    let (out, merged) = driver(&dir, &base, &ours, &theirs);
    assert!(out.status.success(), "{out:?}");
    assert!(!merged.contains("conflict"), "{merged}");
    assert!(
        merged.contains("priority: high") && merged.contains("status: complete"),
        "{merged}"
    );
}

#[test]
fn the_merge_driver_names_the_real_file_not_gits_temporary() {
    let dir = TempDir::new("driver-names");
    let base = format!("{HEAD}items: {{}}\n");
    let ours = format!("{HEAD}items:\n  F1:\n    status: accepted\n");
    let theirs = format!("{HEAD}items:\n  F1:\n    status: nonsense\n");
    let (out, _) = driver(&dir, &base, &ours, &theirs);
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(said.contains("team/prevent-2020.review.yaml"), "{said}");
    assert!(!said.contains(".merge_"), "{said}");
    // A conflict names it too.
    let theirs = format!("{HEAD}items:\n  F1:\n    status: complete\n");
    let (out, _) = driver(&dir, &base, &ours, &theirs);
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("team/prevent-2020.review.yaml"), "{said}");
    assert!(!said.contains(".merge_"), "{said}");
}

#[test]
fn a_conflict_left_by_the_merge_driver_names_the_keys_that_settle_it() {
    let dir = TempDir::new("driver-hint");
    let base = format!("{HEAD}items: {{}}\n");
    let ours = format!("{HEAD}items:\n  F1:\n    status: accepted\n");
    let theirs = format!("{HEAD}items:\n  F1:\n    status: complete\n");
    let (out, _) = driver(&dir, &base, &ours, &theirs);
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("to settle in scrutiny (< > =)"), "{said}");
    let config = dir.write(
        "config.toml",
        "[normal]\nkeep_mine = \"ctrl-y\"\nkeep_theirs = \"ctrl-t\"\nkeep_both = \"+\"\n",
    );
    let paths = [
        dir.write(".merge_base_x1", &base),
        dir.write(".merge_ours_x2", &ours),
        dir.write(".merge_theirs_x3", &theirs),
    ];
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_scrutiny"))
        .arg("merge")
        .arg("--config")
        .arg(&config)
        .args(&paths)
        .arg("team/prevent-2020.review.yaml")
        .output()
        .expect("runs");
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        said.contains("to settle in scrutiny (Ctrl-Y Ctrl-T +)"),
        "{said}"
    );
}
