//! Files that attack: pipes and devices where a review should be, a broken
//! review, and what the lock cannot guard.

use super::*;

// ------------------------------------------------ files that attack

/// Run the binary with `args` in `dir`; its output, or a failure if it does
/// not end by itself.
fn run_bounded(dir: &Path, args: &[&str]) -> std::process::Output {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_scrutiny"))
        .args(args)
        .current_dir(dir)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("runs");
    for _ in 0..600 {
        if child.try_wait().expect("waits").is_some() {
            return child.wait_with_output().expect("output");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let _ = child.kill();
    panic!("scrutiny {args:?} did not end by itself");
}

#[test]
fn pipes_and_devices_are_refused_by_every_reader() {
    let dir = TempDir::new("special");
    let fifo = dir.join("pipe.yaml");
    nix::unistd::mkfifo(&fifo, nix::sys::stat::Mode::S_IRWXU).expect("fifo");
    let cases: [&[&str]; 5] = [
        &["check", "pipe.yaml"],
        &["check", "/dev/zero"],
        &["import", "/dev/urandom"],
        &["import", "pipe.yaml"],
        &["keys", "--config", "/dev/zero"],
    ];
    for args in cases {
        let out = run_bounded(dir.path(), args);
        let said = String::from_utf8_lossy(&out.stderr).into_owned()
            + &String::from_utf8_lossy(&out.stdout);
        assert!(!out.status.success(), "{args:?}: {said}");
        assert!(said.contains("not a regular file"), "{args:?}: {said}");
    }
}

#[test]
fn a_broken_review_is_not_forked_again_on_the_next_launch() {
    let dir = TempDir::new("fallback");
    let inspection = dir.with_example();
    dir.write("prevent-2020.review.yaml", "items: [this is not a review\n");
    dir.write(
        "prevent-2020.review-2.yaml",
        "version: 1\ninspection: hmicfrs-2020-prevent\nitems:\n  F1:\n    status: accepted\n    note: yesterday's work\n",
    );
    let file = inspection.to_str().expect("utf-8");
    let mut app = crate::common::Session::spawn_sized(dir.path(), &[file], 50, 200);
    // The frame is read once it says both, not half-drawn.
    let screen = app.wait_until("the fallback named and why", |s| {
        s.contains("review-2.yaml") && s.contains("cannot be read")
    });
    assert!(screen.contains("cannot be read"), "{screen}");
    assert!(!dir.join("prevent-2020.review-3.yaml").exists());
    app.key(b"q");
    assert!(app.wait_exit().success());
}

#[test]
fn help_says_what_the_lock_cannot_guard() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_scrutiny"))
        .arg("--help")
        .output()
        .expect("runs");
    let help = String::from_utf8_lossy(&out.stdout);
    for words in ["read-only", "does not lock", "hard", "links"] {
        assert!(help.contains(words), "{words}: {help}");
    }
}
