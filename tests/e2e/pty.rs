//! End-to-end tests: the real `scrutiny` binary in a pseudo-terminal, driven
//! by keystrokes, its screen read back through a terminal emulator.

use std::process::Command;

use crate::common::{Session, TempDir, find};

#[test]
fn status_and_two_line_accented_note_survive_quit_and_reopen() {
    let dir = TempDir::new("note");
    let inspection = dir.with_example();
    let file = inspection.to_str().expect("utf-8 temp path");

    let mut app = Session::spawn(dir.path(), &[file, "--reviewer", "tester"]);
    app.wait_for("Findings");
    app.key(b"j");
    app.key(b"3");
    app.wait_for("In progress");
    app.key(b"e");
    app.wait_for("Note for F2");
    app.type_text("Été: première ligne");
    app.key(b"\r");
    app.type_text("deuxième — ok");
    app.wait_for("deuxième — ok");
    app.escape();
    app.wait_gone("Note for F2");
    app.wait_for("deuxième");
    app.key(b"q");
    let status = app.wait_exit();
    assert!(status.success(), "quit exited with {status}");
    drop(app);

    let review = dir.review();
    assert!(
        review.contains("inspection: hmicfrs-2020-prevent\n"),
        "{review}"
    );
    assert!(review.contains("\n  F2:\n"), "{review}");
    assert!(review.contains("    status: in-progress\n"), "{review}");
    assert!(
        review.contains("    note: |-\n      Été: première ligne\n      deuxième — ok\n"),
        "the note is not the two lines as a block scalar:\n{review}"
    );
    assert!(review.contains("by: tester"), "{review}");
    assert!(!review.contains("F1:"), "F1 was not touched:\n{review}");

    // The saved review opens again, and shows what was typed.
    let mut again = Session::spawn(dir.path(), &[file, "--reviewer", "tester"]);
    again.wait_for("Findings");
    again.key(b"j");
    again.wait_for("Été: première ligne");
    again.wait_for("deuxième — ok");
    again.wait_for("In progress");
    again.key(b"q");
    let status = again.wait_exit();
    assert!(status.success(), "second quit exited with {status}");
    // Only looking changed nothing.
    assert_eq!(dir.review(), review);
}

#[test]
fn sigterm_mid_session_restores_terminal_and_keeps_the_annotation() {
    // Linux termios bits, to see raw mode come and go.
    #[cfg(target_os = "linux")]
    const ICANON: u32 = 0o2;
    #[cfg(target_os = "linux")]
    const ECHO: u32 = 0o10;

    let dir = TempDir::new("sigterm");
    let inspection = dir.with_example();
    let file = inspection.to_str().expect("utf-8 temp path");

    let mut app = Session::spawn(dir.path(), &[file, "--reviewer", "tester"]);
    app.wait_for("Findings");
    app.key(b"j");
    app.key(b"4");
    app.wait_for("Complete");
    app.key(b"e");
    app.wait_for("Note for F2");
    app.type_text("typed before kill");
    app.wait_for("typed before kill");
    #[cfg(target_os = "linux")]
    assert_eq!(
        app.local_flags() & (ICANON | ECHO),
        0,
        "the app should be in raw mode"
    );

    let before_kill = app.raw_len();
    let killed = Command::new("kill")
        .args(["-TERM", &app.pid().to_string()])
        .status()
        .expect("run kill");
    assert!(killed.success(), "kill failed: {killed}");
    let status = app.wait_exit();
    assert_eq!(status.exit_code(), 143, "exit status {status}");

    let review = dir.review();
    assert!(review.contains("\n  F2:\n"), "{review}");
    assert!(review.contains("    status: complete\n"), "{review}");
    assert!(
        review.contains("typed before kill\n"),
        "the note being typed was lost:\n{review}"
    );

    let after = app.raw_since(before_kill);
    let shown = String::from_utf8_lossy(&after);
    assert!(
        find(&after, b"\x1b[?1049l").is_some(),
        "the alternate screen was not left; output after the kill: {shown:?}"
    );
    assert!(
        find(&after, b"\x1b[?25h").is_some(),
        "the cursor was not shown again; output after the kill: {shown:?}"
    );
    app.with_screen(|screen| {
        assert!(!screen.alternate_screen(), "still on the alternate screen");
        assert!(!screen.hide_cursor(), "the cursor is still hidden");
        assert!(!screen.bracketed_paste(), "bracketed paste is still on");
    });
    #[cfg(target_os = "linux")]
    assert_eq!(
        app.local_flags() & (ICANON | ECHO),
        ICANON | ECHO,
        "raw mode was not turned off"
    );
}

#[test]
fn bad_inspection_reports_file_line_and_column_without_opening_the_ui() {
    let dir = TempDir::new("check");
    let bad = dir.path().join("bad.yaml");
    std::fs::write(
        &bad,
        "\
version: 1
inspection:
  id: bad-one
  title: A bad inspection
findings:
  - id: F1
    title: One
    text: The first.
  - id: F1
    title: Two
    text: The same id again.
recomendations:
  - id: R1
    title: A recommendation
    text: Under a misspelt key.
",
    )
    .expect("write the bad inspection");

    let run = Command::new(env!("CARGO_BIN_EXE_scrutiny"))
        .arg("check")
        .arg("bad.yaml")
        .current_dir(dir.path())
        .output()
        .expect("run scrutiny check");
    let stdout = String::from_utf8_lossy(&run.stdout);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(
        run.status.code(),
        Some(1),
        "stdout:\n{stdout}\nstderr:\n{stderr}"
    );
    // The second `- id: F1`, at its value's key; the misspelt key at column 1.
    assert!(
        stdout.contains("bad.yaml:9:5: ") && stdout.contains("F1"),
        "the duplicate id is not located:\n{stdout}"
    );
    assert!(
        stdout.contains("bad.yaml:12:1: ") && stdout.contains("recomendations"),
        "the misspelt key is not located:\n{stdout}"
    );
    assert!(
        stdout.contains("recommendations"),
        "no suggestion of the right key:\n{stdout}"
    );
    // Nothing was written beside it, and the terminal was never taken over.
    assert!(!dir.path().join("bad.review.yaml").exists());
    assert!(!stdout.contains("\x1b["), "escape codes in the report");

    let good = crate::common::example();
    let run = Command::new(env!("CARGO_BIN_EXE_scrutiny"))
        .arg("check")
        .arg(&good)
        .output()
        .expect("run scrutiny check");
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "check of the example failed:\n{stdout}{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(stdout.contains("ok"), "{stdout}");
}

#[test]
fn sighup_and_sigint_save_and_exit_with_128_plus_the_signal() {
    for (signal, code) in [("-HUP", 129), ("-INT", 130)] {
        let dir = TempDir::new("hangup");
        let inspection = dir.with_example();
        let file = inspection.to_str().expect("utf-8 temp path");
        let mut app = Session::spawn(dir.path(), &[file, "--reviewer", "tester"]);
        app.wait_for("Findings");
        app.key(b"2");
        app.wait_for("Accepted");
        app.key(b"e");
        app.wait_for("Note for F1");
        app.type_text("window closed");
        app.wait_for("window closed");
        let sent = Command::new("kill")
            .args([signal, &app.pid().to_string()])
            .status()
            .expect("run kill");
        assert!(sent.success(), "kill {signal} failed: {sent}");
        let status = app.wait_exit();
        assert_eq!(status.exit_code(), code, "{signal}: exit status {status}");
        let review = dir.review();
        assert!(
            review.contains("    status: accepted\n"),
            "{signal}: {review}"
        );
        assert!(
            review.contains("window closed\n"),
            "{signal}: note lost:\n{review}"
        );
    }
}

/// Where the reviewer was is kept on quitting and gone back to on opening
/// the review again with the same state folder; `--fresh` starts at the
/// top, and its quit keeps the new place.
#[test]
fn the_place_is_gone_back_to_on_reopening_and_fresh_starts_at_the_top() {
    let dir = TempDir::new("place");
    let state = TempDir::new("place-state");
    let inspection = dir.with_example();
    let file = inspection.to_str().expect("utf-8 temp path");
    let env = [(
        "XDG_STATE_HOME",
        Some(state.path().to_str().expect("utf-8 temp path")),
    )];
    let spawn = |args: &[&str]| Session::spawn_with_env(dir.path(), args, (24, 100), &env);

    let mut app = spawn(&[file]);
    app.wait_for("Findings");
    // Strengths, then Recommendations: R1, R2, R3.
    app.key(b"\t");
    app.key(b"\t");
    app.key(b"j");
    app.key(b"j");
    app.wait_for("R3 · Recommendation");
    app.key(b"U");
    app.wait_for("status: Unreviewed");
    app.quit();
    drop(app);
    let places = state.path().join("scrutiny").join("places");
    let kept: Vec<_> = std::fs::read_dir(&places)
        .expect("the place is kept in the state folder")
        .flatten()
        .collect();
    assert_eq!(kept.len(), 1, "one place file for one review");

    let mut again = spawn(&[file]);
    // The filter in the header, R3 in the detail, its pane in focus.
    again.wait_for("status: Unreviewed");
    again.wait_for("R3 · Recommendation");
    again.wait_for("▶ Recommendations");
    again.quit();
    drop(again);

    let mut fresh = spawn(&[file, "--fresh"]);
    let screen = fresh.wait_for("F1 · Finding");
    assert!(!screen.contains("status: Unreviewed"), "{screen}");
    assert!(!screen.contains("R3 · Recommendation"), "{screen}");
    fresh.quit();
    drop(fresh);

    // The fresh session's quit kept its own place: the top, no filter.
    let mut after = spawn(&[file]);
    let screen = after.wait_for("F1 · Finding");
    assert!(!screen.contains("status: Unreviewed"), "{screen}");
    after.quit();
}

/// A place file that is no place (corrupt, huge, a FIFO no one writes to,
/// a link to a device) never stops the review opening, nor quitting.
#[test]
fn a_place_file_that_is_not_one_never_stops_the_review_opening() {
    let dir = TempDir::new("place-hostile");
    let state = TempDir::new("place-hostile-state");
    let inspection = dir.with_example();
    let file = inspection.to_str().expect("utf-8 temp path");
    let kept = scrutiny::tui::place::file_in(
        &state.path().join("scrutiny"),
        &dir.join("prevent-2020.review.yaml"),
    );
    let folder = kept.parent().expect("the places folder");
    let env = [(
        "XDG_STATE_HOME",
        Some(state.path().to_str().expect("utf-8 temp path")),
    )];
    for what in ["corrupt", "huge", "fifo", "link"] {
        let _ = std::fs::remove_dir_all(folder);
        std::fs::create_dir_all(folder).expect("the places folder");
        match what {
            "corrupt" => std::fs::write(&kept, "{\"focus\": \"recommendations\", \"panes\": [{")
                .expect("written"),
            "huge" => std::fs::File::create(&kept)
                .and_then(|file| file.set_len(64 * 1024 * 1024))
                .expect("a huge file"),
            "fifo" => nix::unistd::mkfifo(&kept, nix::sys::stat::Mode::S_IRWXU).expect("fifo"),
            _ => std::os::unix::fs::symlink("/dev/zero", &kept).expect("link"),
        }
        let mut app = Session::spawn_with_env(dir.path(), &[file], (24, 100), &env);
        let screen = app.wait_for("F1 · Finding");
        assert!(!screen.contains("status:"), "{what}: {screen}");
        app.key(b"j");
        app.wait_for("F2 · Finding");
        app.quit();
    }
}

/// With no --reviewer, `SCRUTINY_REVIEWER` names who changed an item; and a
/// clean quit leaves nothing in the folder but the inspection and its
/// review (the lock is gone).
#[test]
fn the_reviewer_from_the_environment_and_nothing_left_behind() {
    let dir = TempDir::new("reviewer-env");
    let inspection = dir.with_example();
    let file = inspection.to_str().expect("utf-8 temp path");
    let mut app = Session::spawn_with_env(
        dir.path(),
        &[file],
        (24, 80),
        &[("SCRUTINY_REVIEWER", Some("Env Reviewer"))],
    );
    app.wait_for("Findings");
    app.key(b"2");
    app.wait_for("Accepted");
    app.key(b"q");
    let status = app.wait_exit();
    assert!(status.success(), "quit exited with {status}");
    drop(app);
    assert!(
        dir.review().contains("by: Env Reviewer"),
        "{}",
        dir.review()
    );
    let left: Vec<String> = dir
        .names()
        .into_iter()
        .filter(|n| !n.starts_with("state") && !n.starts_with("cache"))
        .collect();
    assert_eq!(
        left,
        ["prevent-2020.review.yaml", "prevent-2020.yaml"],
        "a clean quit leaves no lock or temporary"
    );
}
