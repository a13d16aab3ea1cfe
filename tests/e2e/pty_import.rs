//! `scrutiny import` on a terminal: the real binary in a pseudo-terminal
//! opens the import view, the keys mark a heading and write the file; with
//! `--yes` it writes at once, as when piped.

use crate::common::import_view::NORTHMOOR;
use crate::common::{Session, TempDir};

#[test]
fn on_a_terminal_the_split_is_fixed_by_keys_before_anything_is_written() {
    let dir = TempDir::new("pty-import-view");
    dir.write("northmoor.txt", NORTHMOOR);
    let mut app = Session::spawn(dir.path(), &["import", "northmoor.txt"]);
    let screen = app.wait_for("no item yet");
    assert!(screen.contains("Lines 16"), "{screen}");
    assert!(!dir.join("northmoor.yaml").exists(), "nothing written yet");
    // Line 9 heads the actions: a heading of recommendations.
    app.key(b"g");
    for _ in 1..9 {
        app.key(b"j");
    }
    app.key(b"3");
    let screen = app.wait_for("passes the check");
    assert!(screen.contains("Items 2"), "{screen}");
    app.key(b"w");
    app.wait_for("Wrote northmoor.yaml");
    app.key(b"q");
    let status = app.wait_exit();
    assert!(status.success(), "{status}: {}", app.screen());
    let written = std::fs::read_to_string(dir.join("northmoor.yaml")).expect("written");
    let inspection = scrutiny::files::load_inspection(written.as_bytes()).expect("it loads");
    let ids: Vec<&str> = inspection.items.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["R1", "R2"]);
    // The report is told once the terminal is back.
    let said = String::from_utf8_lossy(&app.raw()).into_owned();
    assert!(said.contains("found 2 recommendations"), "{said}");
}

#[test]
fn leaving_with_nothing_written_asks_first_and_writes_nothing() {
    let dir = TempDir::new("pty-import-leave");
    dir.write("northmoor.txt", NORTHMOOR);
    let mut app = Session::spawn(dir.path(), &["import", "northmoor.txt"]);
    app.wait_for("no item yet");
    app.key(b"q");
    app.wait_for("Leave the import?");
    app.key(b"y");
    let status = app.wait_exit();
    assert!(status.success(), "{status}");
    assert!(!dir.join("northmoor.yaml").exists());
    let said = String::from_utf8_lossy(&app.raw()).into_owned();
    assert!(said.contains("nothing was written"), "{said}");
}

#[test]
fn with_yes_it_writes_at_once_without_the_view() {
    let dir = TempDir::new("pty-import-yes");
    let text = dir.write(
        "report.txt",
        "Inspection of Northmoor\n\nRecommendations\n\n1. The service should act.\n",
    );
    let mut app = Session::spawn(
        dir.path(),
        &[
            "import",
            "--yes",
            text.to_str().expect("utf-8"),
            "-o",
            "out.yaml",
        ],
    );
    let status = app.wait_exit();
    assert!(status.success(), "{status}: {}", app.screen());
    let said = String::from_utf8_lossy(&app.raw()).into_owned();
    assert!(!said.contains("Lines "), "no view: {said}");
    assert!(said.contains("found 1 recommendation"), "{said}");
    assert!(dir.join("out.yaml").exists());
}
