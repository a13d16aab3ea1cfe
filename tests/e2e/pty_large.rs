//! Opening a large inspection in the real binary: the screen shows how far
//! reading has got instead of staying blank, the review opens when every
//! item is checked, and `Esc` stops it before anything is written.

use std::fmt::Write as _;

use crate::common::{Session, TempDir};

/// An inspection of `n` findings with a paragraph of text each.
fn large(n: usize) -> String {
    let mut file = String::from(
        "version: 1\ninspection:\n  id: large\n  title: A large inspection\nfindings:\n",
    );
    for i in 1..=n {
        writeln!(
            file,
            "  - id: F{i}\n    title: Finding number {i}\n    text: |\n      {}",
            "Partners share information about risk and referrals. ".repeat(12)
        )
        .expect("a string");
    }
    file
}

#[test]
fn a_large_inspection_shows_its_progress_then_opens() {
    let dir = TempDir::new("large-open");
    let path = dir.write("large.yaml", &large(15_000));
    let file = path.to_str().expect("utf-8 temp path");
    let mut app = Session::spawn(dir.path(), &[file, "--reviewer", "tester"]);
    let screen = app.wait_for("read and checked");
    assert!(screen.contains("Opening"), "{screen}");
    assert!(screen.contains("large.yaml"), "{screen}");
    let screen = app.wait_for("Reviewed 0/15000");
    assert!(screen.contains("F1 Finding number 1"), "{screen}");
    app.key(b"4");
    app.wait_for("Reviewed 1/15000");
    app.quit();
    let review = std::fs::read_to_string(dir.path().join("large.review.yaml")).expect("saved");
    assert!(review.contains("F1:"), "{review}");
}

#[test]
fn escape_while_opening_stops_and_writes_nothing() {
    let dir = TempDir::new("large-stop");
    let path = dir.write("large.yaml", &large(30_000));
    let file = path.to_str().expect("utf-8 temp path");
    let mut app = Session::spawn(dir.path(), &[file, "--reviewer", "tester"]);
    app.wait_for("read and checked");
    app.escape();
    let status = app.wait_exit();
    assert!(status.success(), "{status}");
    assert!(
        app.screen().contains("nothing was changed"),
        "{}",
        app.screen()
    );
    assert!(!dir.path().join("large.review.yaml").exists());
    let lock = dir.path().join(".large.review.yaml.lock");
    assert!(!lock.exists(), "no lock is taken before the review opens");
}

#[test]
fn a_folder_of_large_inspections_shows_its_progress_then_the_overview() {
    let dir = TempDir::new("large-folder");
    let folder = dir.path().join("reports");
    std::fs::create_dir(&folder).expect("a folder");
    for name in ["one.yaml", "two.yaml"] {
        std::fs::write(folder.join(name), large(8_000)).expect("written");
    }
    let mut app = Session::spawn(dir.path(), &["reports", "--reviewer", "tester"]);
    let screen = app.wait_for("of 2 inspections");
    assert!(screen.contains("Opening 2 inspections"), "{screen}");
    assert!(screen.contains("Reading "), "{screen}");
    let screen = app.wait_for("2 inspections ·");
    assert!(screen.contains("0/8000"), "{screen}");
    app.quit();
}
