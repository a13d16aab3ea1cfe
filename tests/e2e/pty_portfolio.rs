//! End-to-end tests of the overview: the real `scrutiny` binary on a
//! folder, in a pseudo-terminal, driven by keystrokes, its screen read back
//! through a terminal emulator.

use std::path::PathBuf;

use crate::common::{Session, TempDir, example};

/// The terminal's height: `Session::spawn` runs at 24x80.
const ROWS: u16 = 24;

/// A second, small inspection, due later than the example.
const YOUTH: &str = "\
version: 1
inspection:
  id: youth-2024
  title: Youth diversion – a follow-up inspection
  inspectorate: HMICFRS
  published: 2024-06-10
findings:
  - id: F1
    title: Diversion schemes differ from force to force
  - id: F2
    title: Outcomes are not recorded
recommendations:
  - id: R1
    title: Record the outcome of every diversion
  - id: R2
    title: Publish one diversion policy
";

/// A folder of inspections beside the directory's config, so that the
/// folder holds inspections only.
fn inspections(dir: &TempDir) -> PathBuf {
    let folder = dir.path().join("inspections");
    std::fs::create_dir_all(&folder).expect("create the inspections folder");
    folder
}

/// The screen line holding `text`.
fn line_with<'a>(screen: &'a str, text: &str) -> &'a str {
    screen
        .lines()
        .find(|l| l.contains(text))
        .unwrap_or_else(|| panic!("no line with {text:?}; the screen:\n{screen}"))
}

/// The overview lists the example first (its deadline is the earliest).
const EXAMPLE_ROW: &str = "Counter-t";
const YOUTH_ROW: &str = "Youth";

#[test]
fn open_accept_and_come_back_updates_the_overview_and_the_review() {
    let dir = TempDir::new("round-trip");
    let folder = inspections(&dir);
    std::fs::copy(example(), folder.join("prevent-2020.yaml")).expect("copy the example");
    std::fs::write(folder.join("youth-2024.yaml"), YOUTH).expect("write the second inspection");
    let folder_arg = folder.to_str().expect("utf-8 temp path");

    let mut app = Session::spawn(dir.path(), &[folder_arg, "--reviewer", "tester"]);
    let overview = app.wait_for("2 inspections");
    assert!(
        overview.contains("sorted by response deadline"),
        "{overview}"
    );
    let rows: Vec<&str> = overview.lines().filter(|l| l.contains('┃')).collect();
    assert!(
        rows.first().is_some_and(|r| r.contains(EXAMPLE_ROW)),
        "the earliest deadline is not first:\n{overview}"
    );
    let first = line_with(&overview, EXAMPLE_ROW);
    assert!(
        first.contains('▸'),
        "the first row is not highlighted: {first:?}"
    );
    assert!(first.contains(" 0/25"), "{first:?}");
    assert!(first.contains("days overdue"), "{first:?}");
    assert!(
        line_with(&overview, YOUTH_ROW).contains(" 0/4"),
        "{overview}"
    );

    app.key(b"\r");
    let opened = app.wait_for("Findings");
    assert!(
        opened.contains("q goes back to the overview"),
        "no hint how to go back:\n{opened}"
    );
    app.key(b"2");
    app.wait_for("F1: Accepted");
    app.escape();
    let back = app.wait_for("2 inspections");
    let first = line_with(&back, EXAMPLE_ROW);
    assert!(
        first.contains(" 1/25"),
        "the progress of the reviewed inspection did not change: {first:?}\n{back}"
    );
    assert!(first.contains('▸'), "the highlight moved: {first:?}");
    assert!(line_with(&back, YOUTH_ROW).contains(" 0/4"), "{back}");
    app.quit();
    drop(app);

    let path = folder.join("prevent-2020.review.yaml");
    let review = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    assert!(
        review.contains("inspection: hmicfrs-2020-prevent\n"),
        "{review}"
    );
    assert!(
        review.contains("\n  F1:\n    status: accepted\n"),
        "{review}"
    );
    assert!(review.contains("by: tester"), "{review}");
    assert!(
        !folder.join("youth-2024.review.yaml").exists(),
        "the other inspection was not opened, so nothing is written for it"
    );
}

#[test]
fn q_in_an_opened_inspection_goes_back_to_the_overview_and_q_there_quits() {
    let dir = TempDir::new("q-back");
    let folder = inspections(&dir);
    std::fs::copy(example(), folder.join("prevent-2020.yaml")).expect("copy the example");
    std::fs::write(folder.join("youth-2024.yaml"), YOUTH).expect("write the second inspection");
    let folder_arg = folder.to_str().expect("utf-8 temp path");

    let mut app = Session::spawn(dir.path(), &[folder_arg, "--reviewer", "tester"]);
    app.wait_for("2 inspections");
    app.key(b"\r");
    app.wait_for("Findings");
    app.key(b"2");
    app.wait_for("F1: Accepted");
    app.key(b"q");
    let back = app.wait_for("2 inspections");
    assert!(app.is_running(), "q quit rather than going back:\n{back}");
    assert!(
        line_with(&back, EXAMPLE_ROW).contains(" 1/25"),
        "the overview was not updated:\n{back}"
    );
    // The overview's search, then its keys, on the way out.
    app.key(b"/youth");
    let searched = app.wait_for("Search: youth");
    assert!(!searched.contains(EXAMPLE_ROW), "not narrowed:\n{searched}");
    app.key(b"\r");
    app.wait_for("Matching \"youth\"");
    app.key(b"?");
    app.wait_for("Overview keys");
    app.key(b"q");
    app.wait_gone("Overview keys");
    assert!(app.is_running(), "q in the help closes it, no more");
    // q in the overview quits, with exit 0.
    app.quit();
    drop(app);
    let review = std::fs::read_to_string(folder.join("prevent-2020.review.yaml"))
        .expect("the review was saved");
    assert!(
        review.contains("\n  F1:\n    status: accepted\n"),
        "{review}"
    );
}

#[test]
fn a_broken_file_is_listed_not_fatal_and_does_not_open() {
    let dir = TempDir::new("broken");
    let folder = inspections(&dir);
    std::fs::copy(example(), folder.join("prevent-2020.yaml")).expect("copy the example");
    std::fs::write(
        folder.join("bad.yaml"),
        "inspection:\n  id: bad\n  title: Bad\nrecomendations:\n  - id: R1\n    title: r\n",
    )
    .expect("write the broken inspection");
    // Named relative to the working directory, as people type it: an
    // absolute temp path would push the error out of the 80-column lines.
    let mut app = Session::spawn(dir.path(), &["inspections", "--reviewer", "tester"]);
    let overview = app.wait_for("2 inspections (1 did not load)");
    let bad = line_with(&overview, "did not load:");
    assert!(bad.contains('✗'), "{bad:?}");
    assert!(
        overview.lines().filter(|l| l.contains('┃')).nth(1) == Some(bad),
        "the failed file is not last:\n{overview}"
    );
    app.key(b"G");
    app.key(b"\r");
    let after = app.wait_until("the error in the message line", |s| {
        s.lines().nth(usize::from(ROWS) - 2).is_some_and(|l| {
            l.starts_with("inspections/bad.yaml:4:1: unknown key `recomendations`")
        })
    });
    assert!(after.contains("File inspections/bad.yaml"), "{after}");
    assert!(
        !after.contains("Findings"),
        "a broken file opened:\n{after}"
    );
    assert!(after.contains("2 inspections"), "{after}");
    app.quit();
    assert!(!folder.join("bad.review.yaml").exists());
    assert!(!folder.join("prevent-2020.review.yaml").exists());
}

/// With a folder of reviewers' files, an inspection opened from the
/// overview is written to the file of the reviewer `--reviewer` names.
#[test]
fn the_overview_writes_the_reviewer_flags_own_file_among_reviewers_files() {
    let dir = TempDir::new("reviewers-overview");
    let folder = inspections(&dir);
    std::fs::copy(example(), folder.join("prevent-2020.yaml")).expect("copy the example");
    std::fs::write(folder.join("youth-2024.yaml"), YOUTH).expect("write the second inspection");
    std::fs::create_dir(folder.join("prevent-2020.reviews")).expect("the reviewers' folder");
    let folder_arg = folder.to_str().expect("utf-8 temp path");
    let mut app = Session::spawn(dir.path(), &[folder_arg, "--reviewer", "Ada Lovelace"]);
    app.wait_for("2 inspections");
    app.key(b"\r");
    app.wait_for("Findings");
    app.key(b"2");
    app.wait_for("F1: Accepted");
    app.escape();
    app.wait_for("2 inspections");
    app.quit();
    drop(app);
    let own = folder.join("prevent-2020.reviews/ada-lovelace.yaml");
    let review = std::fs::read_to_string(&own)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", own.display()));
    assert!(review.contains("by: Ada Lovelace"), "{review}");
    assert!(!folder.join("prevent-2020.review.yaml").exists());
}
