//! Peak memory of the real binary on files built to cost it: each check
//! runs `scrutiny` as the only child of this test binary, whose largest
//! resident size the kernel keeps for us (no timing, just bytes).

mod common;

use std::process::Command;

use nix::sys::resource::{UsageWho, getrusage};

/// The largest resident size, in bytes, of any child waited for so far.
fn children_peak() -> u64 {
    let usage = getrusage(UsageWho::RUSAGE_CHILDREN).expect("getrusage");
    u64::try_from(usage.max_rss()).expect("a size") * 1024
}

#[test]
fn checking_millions_of_tags_costs_a_small_multiple_of_the_file() {
    let dir = crate::common::TempDir::new("memory-tags");
    let tags = vec!["a"; 2_000_000].join(",");
    let file = dir.write(
        "tags.yaml",
        &format!(
            "inspection:\n  id: tags\n  title: Tags\nfindings:\n  - id: F1\n    title: Tagged\n    tags: [{tags}]\n    links: [F1, F1]\n"
        ),
    );
    let size = std::fs::metadata(&file).expect("the file").len();
    let out = Command::new(env!("CARGO_BIN_EXE_scrutiny"))
        .arg("check")
        .arg(&file)
        .output()
        .expect("run scrutiny check");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && stdout.contains("ok: 1 items"),
        "{stdout}"
    );
    // A tag's node and `String` were about 190 bytes of the 2 it takes in
    // the file: 380 MB here. Its text and an offset take 5.
    let peak = children_peak();
    assert!(
        peak < 8 * size + 30_000_000,
        "peak {} MB for a {} MB file",
        peak / 1_000_000,
        size / 1_000_000
    );
}
