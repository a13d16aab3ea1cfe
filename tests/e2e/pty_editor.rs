//! The note handed to the reviewer's own editor (`$EDITOR`, here a small
//! shell script) and back: the terminal handed over and taken back, the
//! note read back and saved, and an editor that fails asked about.

use std::os::unix::fs::PermissionsExt as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::common::{Session, TempDir};

/// An executable script in `dir`, its path.
fn script(dir: &TempDir, name: &str, body: &str) -> PathBuf {
    let path = dir.write(name, &format!("#!/bin/sh\n{body}"));
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    path
}

/// scrutiny on the example with `editor` as `$EDITOR` and no `$VISUAL`.
fn spawn(dir: &TempDir, inspection: &Path, editor: &Path) -> Session {
    let file = inspection.to_str().expect("utf-8 temp path");
    let editor = editor.to_str().expect("utf-8 temp path");
    Session::spawn_with_env(
        dir.path(),
        &[file, "--reviewer", "tester"],
        (24, 80),
        &[("EDITOR", Some(editor)), ("VISUAL", None)],
    )
}

/// Wait until the review file holds `text`; what it holds.
fn review_holding(dir: &TempDir, text: &str) -> String {
    let start = Instant::now();
    loop {
        let review = std::fs::read_to_string(dir.review_path()).unwrap_or_default();
        if review.contains(text) {
            return review;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "the review never held {text:?}:\n{review}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn the_external_editor_appends_a_line_and_the_note_is_saved() {
    let dir = TempDir::new("editor");
    let inspection = dir.with_example();
    // A line appended, after the note's own last line if it has one; the
    // arguments the editor had, for the check below.
    let editor = script(
        &dir,
        "append.sh",
        "echo \"$#\" > \"$0.args\"\n\
         [ -s \"$1\" ] && printf '\\n' >> \"$1\"\n\
         printf 'from the editor\\n' >> \"$1\"\n",
    );
    let mut app = spawn(&dir, &inspection, &editor);
    app.wait_for("Findings");
    // From the normal view: the note of F1, empty so far.
    app.key(b"E");
    let review = review_holding(&dir, "from the editor");
    assert!(
        review.contains("  F1:\n    note: |-\n      from the editor\n"),
        "{review}"
    );
    app.wait_for("from the editor");
    assert_eq!(
        std::fs::read_to_string(dir.join("append.sh.args")).expect("ran"),
        "1\n",
        "the editor is given the file alone"
    );
    // From inside the note editor: the text typed so far goes out.
    app.key(b"e");
    app.wait_for("Note for F1");
    app.key(b"\r");
    app.type_text("typed here");
    app.wait_for("typed here");
    app.key(b"\x0f"); // Ctrl-O
    app.wait_for("The external editor's text is in the note editor");
    app.escape();
    let review = review_holding(&dir, "typed here");
    assert!(
        review.contains(
            "    note: |-\n      from the editor\n      typed here\n      from the editor\n"
        ),
        "{review}"
    );
    app.key(b"q");
    assert!(app.wait_exit().success());
    // No temporary file is left with the note in it.
    let left: Vec<_> = std::fs::read_dir(std::env::temp_dir())
        .expect("the temp dir")
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("scrutiny-note-")
                && std::fs::read_to_string(e.path()).is_ok_and(|t| t.contains("typed here"))
        })
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn an_editor_that_exits_non_zero_is_asked_about_and_the_old_note_survives() {
    let dir = TempDir::new("editor-fails");
    let inspection = dir.with_example();
    dir.write(
        "prevent-2020.review.yaml",
        "version: 1\ninspection: hmicfrs-2020-prevent\nitems:\n  F1:\n    status: accepted\n    note: precious work\n",
    );
    let before = dir.review();
    let editor = script(
        &dir,
        "fails.sh",
        "printf 'half written\\n' > \"$1\"\nexit 3\n",
    );
    let mut app = spawn(&dir, &inspection, &editor);
    app.wait_for("precious work");
    app.key(b"E");
    let screen = app.wait_for("did not finish well");
    assert!(screen.contains("exited with status 3"), "{screen}");
    assert!(screen.contains("keep the note as it was"), "{screen}");
    assert_eq!(dir.review(), before, "nothing written before the answer");
    app.key(b"k");
    app.wait_gone("did not finish well");
    let screen = app.wait_for("Kept the note as it was");
    assert!(screen.contains("precious work"), "{screen}");
    app.key(b"q");
    assert!(app.wait_exit().success());
    assert_eq!(dir.review(), before, "the old note survives as it was");
}

#[test]
fn ctrl_c_meant_for_the_editor_does_not_stop_scrutiny() {
    let dir = TempDir::new("editor-sigint");
    let inspection = dir.with_example();
    // As Ctrl-C typed in an editor that leaves the terminal cooked: the
    // whole foreground group, scrutiny too, gets SIGINT.
    let editor = script(
        &dir,
        "interrupts.sh",
        "printf 'written anyway\\n' >> \"$1\"\nkill -INT $PPID\n",
    );
    let mut app = spawn(&dir, &inspection, &editor);
    app.wait_for("Findings");
    app.key(b"E");
    review_holding(&dir, "written anyway");
    app.wait_for("written anyway");
    std::thread::sleep(Duration::from_millis(300));
    assert!(app.is_running(), "SIGINT for the editor stopped scrutiny");
    app.key(b"q");
    let status = app.wait_exit();
    assert!(status.success(), "{status}");
}
