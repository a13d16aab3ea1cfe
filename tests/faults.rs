//! Faults a reviewer's machine can throw at a save: a full disk, a read-only
//! filesystem, an immutable folder, a review path under a file, a kill at any
//! moment, and temporary files a killed save left behind. In each, the old
//! review file must stay whole, no temporary file may be left, and the change
//! must stay in memory with the user told.
//!
//! The mount and `chattr` tests need root; they say so and return early
//! where the machine forbids them.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::thread;
use std::time::{Duration, Instant};

use crossterm::event::KeyCode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use scrutiny::tui::app::{App, Message, ModeKind};
use scrutiny::tui::runner::{self, Exit};
use scrutiny::tui::session::{self, Options};
use scrutiny::{
    files::{load_inspection, load_review, to_yaml},
    model::{Review, Stamp, Status},
};

mod common;

use common::{Script, Session, TIMEOUT, TempDir};

const INSPECTION: &str = "prevent-2020.yaml";
const REVIEW: &str = "prevent-2020.review.yaml";
const INSPECTION_ID: &str = "hmicfrs-2020-prevent";

// ------------------------------------------------------------ folders

/// Run a command; its error output if it failed.
fn sh(program: &str, args: &[&str]) -> Result<(), String> {
    match Command::new(program).args(args).output() {
        Ok(out) if out.status.success() => Ok(()),
        Ok(out) => Err(format!(
            "{program} {}: {} {}",
            args.join(" "),
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        )),
        Err(e) => Err(format!("{program}: {e}")),
    }
}

fn is_root() -> bool {
    use std::os::unix::fs::MetadataExt as _;
    std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
}

/// A tmpfs mounted on a directory, unmounted on drop (lazily if busy), so a
/// failing test leaves no mount behind.
struct Mount(PathBuf);

impl Mount {
    /// Mount a tmpfs of `size` on `dir`: a test that needs one runs only
    /// as root (`#[ignore = "needs root"]`), and fails if it cannot.
    fn tmpfs(dir: &Path, size: &str, test: &str) -> Self {
        assert!(is_root(), "{test}: mounting a tmpfs needs root");
        let target = dir.to_str().expect("a UTF-8 temp path");
        match sh(
            "mount",
            &[
                "-t",
                "tmpfs",
                "-o",
                &format!("size={size}"),
                "tmpfs",
                target,
            ],
        ) {
            Ok(()) => Mount(dir.to_path_buf()),
            Err(why) => panic!("{test}: cannot mount a tmpfs here: {why}"),
        }
    }

    fn remount(&self, how: &str) {
        let target = self.0.to_str().expect("a UTF-8 temp path");
        sh("mount", &["-o", &format!("remount,{how}"), target])
            .unwrap_or_else(|why| panic!("remount {how}: {why}"));
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let target = self.0.to_string_lossy().into_owned();
        if sh("umount", &[&target]).is_err() {
            let _ = sh("umount", &["-l", &target]);
        }
    }
}

/// A folder made immutable with `chattr +i`, made mutable again on drop.
struct Immutable(PathBuf);

impl Immutable {
    fn set(dir: &Path, test: &str) -> Self {
        assert!(is_root(), "{test}: chattr +i needs root");
        let target = dir.to_str().expect("a UTF-8 temp path");
        match sh("chattr", &["+i", target]) {
            Ok(()) => Immutable(dir.to_path_buf()),
            Err(why) => panic!("{test}: cannot make a folder immutable: {why}"),
        }
    }
}

impl Drop for Immutable {
    fn drop(&mut self) {
        let _ = sh("chattr", &["-i", &self.0.to_string_lossy()]);
    }
}

/// The names in a folder, sorted.
fn listing(dir: &Path) -> BTreeSet<String> {
    std::fs::read_dir(dir)
        .expect("list the folder")
        .map(|e| {
            e.expect("a folder entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect()
}

/// Temporary files of a save of `review` in `dir`: `.NAME.XXXXXX`.
fn temporaries(dir: &Path, review: &str) -> Vec<String> {
    let prefix = format!(".{review}.~scrutiny-save-");
    listing(dir)
        .into_iter()
        .filter(|name| {
            name.strip_prefix(&prefix)
                .is_some_and(|rest| rest.len() == 16 && rest.chars().all(|c| c.is_ascii_hexdigit()))
        })
        .collect()
}

/// The example inspection and the fixture review, copied into `dir`.
fn example_pair(dir: &Path) -> (PathBuf, PathBuf) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let inspection = dir.join(INSPECTION);
    let review = dir.join(REVIEW);
    std::fs::copy(root.join("data").join(INSPECTION), &inspection).expect("copy the inspection");
    std::fs::copy(root.join("tests/fixtures").join(REVIEW), &review).expect("copy the review");
    (inspection, review)
}

/// Fill the filesystem holding `path` until it has no space left.
fn fill(path: &Path) {
    let mut file = std::fs::File::create(path).expect("create the filler");
    let chunk = vec![b'x'; 4096];
    loop {
        match file.write(&chunk) {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) => {
                assert_eq!(e.raw_os_error(), Some(28), "filling stopped with {e}");
                break;
            }
        }
    }
    // A last small write finds no room either.
    assert!(file.write_all(b"y").is_err(), "the disk is not full");
}

// ------------------------------------------------------------ the loop

/// Open as `scrutiny INSPECTION [--review REVIEW] --reviewer tester` does:
/// load, then take the lock (clearing stale temporaries).
fn open(inspection: &Path, review: Option<PathBuf>) -> (App, runner::Files) {
    let mut app = session::open(Options {
        files: vec![inspection.to_path_buf()],
        review,
        reviewer: Some("tester".into()),
        config: None,
        mouse: false,
    })
    .unwrap_or_else(|e| panic!("the app opens: {e}"));
    let mut files = runner::Files::default();
    files.lock(&mut app);
    (app, files)
}

/// Run the real loop on an 80x24 test terminal; how it ended and the rows
/// of the last frame.
fn run(app: &mut App, files: &mut runner::Files, script: &mut Script) -> (Exit, Vec<String>) {
    let (exit, terminal) = common::run_loop_with(app, files, script);
    (exit, rows(&terminal))
}

fn rows(terminal: &Terminal<TestBackend>) -> Vec<String> {
    common::buffer_rows(terminal.backend().buffer())
        .into_iter()
        .map(|row| row.trim_end().to_owned())
        .collect()
}

fn shown(rows: &[String]) -> String {
    rows.join("\n")
}

fn error_message(app: &App) -> String {
    match &app.message() {
        Some(Message::Error(text)) => text.clone(),
        other => panic!("expected an error message, got {other:?}"),
    }
}

/// Every entry of `a` and `b` is the same, except those in `except`.
fn same_except(a: &Review, b: &Review, except: &[&str]) -> Result<(), String> {
    let ids: BTreeSet<&String> = a.ids().chain(b.ids()).collect();
    for id in ids {
        if !except.contains(&id.as_str()) && a.entry(id) != b.entry(id) {
            return Err(format!(
                "{id} changed: {:?} became {:?}",
                a.entry(id),
                b.entry(id)
            ));
        }
    }
    if a.inspection != b.inspection || a.extra != b.extra {
        return Err("the file's header changed".into());
    }
    let order = |r: &Review| -> Vec<String> {
        r.file_order
            .iter()
            .filter(|id| !except.contains(&id.as_str()))
            .cloned()
            .collect()
    };
    if order(a) != order(b) {
        return Err(format!(
            "the order changed: {:?} became {:?}",
            a.file_order, b.file_order
        ));
    }
    Ok(())
}

/// The checks after a save that could not be made: the file untouched, no
/// temporary left, the change kept and the user told.
fn assert_not_saved(app: &App, dir: &Path, review: &Path, before: &[u8], screen: &[String]) {
    assert!(app.save().unsaved, "the change is marked saved");
    assert_eq!(
        std::fs::read(review).expect("read the review"),
        before,
        "the old review file was changed"
    );
    assert_eq!(
        temporaries(dir, REVIEW),
        Vec::<String>::new(),
        "a temporary file was left in {}",
        dir.display()
    );
    let message = error_message(app);
    assert!(message.starts_with("Not saved: "), "{message}");
    let text = shown(screen);
    assert!(
        text.contains("Not saved"),
        "no Not saved on screen:\n{text}"
    );
    assert!(
        text.contains("[NOT SAVED]"),
        "no [NOT SAVED] on screen:\n{text}"
    );
}

/// The message row of an 80x24 screen (the second line from the bottom).
fn message_row(screen: &[String]) -> &str {
    screen
        .get(screen.len().saturating_sub(2))
        .map_or("", String::as_str)
}

/// F2 set to in progress (`j3`) where it cannot be saved, with the checks
/// of `assert_not_saved`; the screen and the error message.
fn set_f2_unsaved(
    (app, files): (&mut App, &mut runner::Files),
    dir: &Path,
    review: &Path,
    before: &[u8],
) -> (Vec<String>, String) {
    let (exit, screen) = run(app, files, &mut Script::keys("j3"));
    assert_eq!(exit, Exit::EndOfInput);
    assert_eq!(app.status("F2"), Status::InProgress, "the change was lost");
    assert_not_saved(app, dir, review, before, &screen);
    (screen, error_message(app))
}

/// What the user was told of a failed save, for the test log.
fn tell(test: &str, message: &str, screen: &[String]) {
    eprintln!("{test}, message: {message}");
    eprintln!("{test}, on screen: {}", message_row(screen));
}

/// The review saved at `review`, loaded.
fn saved(review: &Path) -> Review {
    load_review(&std::fs::read(review).expect("read"), INSPECTION_ID)
        .expect("the saved review loads")
}

// ------------------------------------------------------------ disk full

#[test]
#[ignore = "needs root"]
fn a_full_disk_keeps_the_old_file_and_the_change_until_there_is_room() {
    let test = "disk full";
    let dir = TempDir::new("full");
    let _mount = Mount::tmpfs(dir.path(), "64k", test);
    let (inspection, review) = example_pair(dir.path());
    let before = std::fs::read(&review).expect("read the review");
    let (mut app, mut files) = open(&inspection, None);
    assert!(files.is_locked(), "the lock was not taken");
    let filler = dir.path().join("filler");
    fill(&filler);

    // F2 to in progress: it cannot be written.
    let (screen, message) = set_f2_unsaved((&mut app, &mut files), dir.path(), &review, &before);
    assert!(message.contains("No space left"), "{message}");
    assert!(
        app.save()
            .error
            .as_deref()
            .is_some_and(|e| e.contains("No space left")),
        "{:?}",
        app.save().error
    );
    let names = listing(dir.path());
    let expected: BTreeSet<String> = [
        INSPECTION.to_owned(),
        REVIEW.to_owned(),
        format!(".{REVIEW}.lock"),
        "filler".to_owned(),
    ]
    .into();
    assert_eq!(names, expected, "unexpected files after the failed save");
    tell(test, &message, &screen);

    // Room again: the next change saves both.
    std::fs::remove_file(&filler).expect("free the space");
    let (exit, screen) = run(&mut app, &mut files, &mut Script::keys("j4"));
    assert_eq!(exit, Exit::EndOfInput);
    assert!(!app.save().unsaved, "still unsaved: {:?}", app.message());
    assert_eq!(app.save().error, None);
    assert!(
        !shown(&screen).contains("[NOT SAVED]"),
        "{}",
        shown(&screen)
    );
    let after = std::fs::read(&review).expect("read the review");
    let old = load_review(&before, INSPECTION_ID).expect("the old review loads");
    let new = load_review(&after, INSPECTION_ID).expect("the saved review loads");
    assert_eq!(new.status("F2"), Status::InProgress, "the first change");
    assert_eq!(new.status("F3"), Status::Complete, "the second change");
    same_except(&old, &new, &["F2", "F3"]).expect("nothing else changed");
    assert_eq!(after, app.review_yaml().into_bytes());
    assert_eq!(temporaries(dir.path(), REVIEW), Vec::<String>::new());

    let (exit, _) = run(&mut app, &mut files, &mut Script::keys("q"));
    assert_eq!(exit, Exit::Quit);
    // The app holds the lock file open on the tmpfs: close it before the
    // mount goes.
    drop(app);
}

// ------------------------------------------------------- read-only disk

#[test]
#[ignore = "needs root"]
fn a_read_only_filesystem_keeps_the_old_file_and_the_change() {
    let test = "read-only filesystem";
    let dir = TempDir::new("ro");
    let mount = Mount::tmpfs(dir.path(), "1m", test);
    let (inspection, review) = example_pair(dir.path());
    let before = std::fs::read(&review).expect("read the review");
    mount.remount("ro");
    assert!(
        std::fs::write(dir.path().join("probe"), "x").is_err(),
        "the filesystem is still writable"
    );

    let (mut app, mut files) = open(&inspection, None);
    let (screen, message) = set_f2_unsaved((&mut app, &mut files), dir.path(), &review, &before);
    assert!(message.contains("Read-only file system"), "{message}");
    assert_eq!(
        listing(dir.path()),
        [INSPECTION.to_owned(), REVIEW.to_owned()].into(),
        "files appeared on a read-only filesystem"
    );
    tell(test, &message, &screen);
    eprintln!(
        "read-only filesystem, lock taken at start: {}",
        files.is_locked()
    );

    // `q` asks rather than losing the change; `n` stays.
    let (exit, screen) = run(&mut app, &mut files, &mut Script::keys("q"));
    assert_eq!(exit, Exit::EndOfInput);
    assert_eq!(app.mode().kind(), ModeKind::ConfirmQuit);
    assert!(
        shown(&screen).contains("Unsaved changes"),
        "{}",
        shown(&screen)
    );
    assert!(
        shown(&screen).contains("Read-only file system"),
        "the question does not say why:\n{}",
        shown(&screen)
    );
    let (_, _) = run(&mut app, &mut files, &mut Script::keys("n"));
    assert_eq!(app.mode().kind(), ModeKind::Normal);

    mount.remount("rw");
    let (exit, _) = run(&mut app, &mut files, &mut Script::keys("j4"));
    assert_eq!(exit, Exit::EndOfInput);
    assert!(
        !app.save().unsaved,
        "not saved once writable: {:?}",
        app.message()
    );
    let old = load_review(&before, INSPECTION_ID).expect("the old review loads");
    let new = saved(&review);
    assert_eq!(new.status("F2"), Status::InProgress);
    assert_eq!(new.status("F3"), Status::Complete);
    same_except(&old, &new, &["F2", "F3"]).expect("nothing else changed");
    assert_eq!(temporaries(dir.path(), REVIEW), Vec::<String>::new());
    drop(app);
}

#[test]
#[ignore = "needs root"]
fn an_immutable_folder_keeps_the_old_file_and_the_change() {
    let test = "immutable folder";
    let dir = TempDir::new("immutable");
    let (inspection, review) = example_pair(dir.path());
    let before = std::fs::read(&review).expect("read the review");
    let immutable = Immutable::set(dir.path(), test);
    let (mut app, mut files) = open(&inspection, None);
    let (screen, message) = set_f2_unsaved((&mut app, &mut files), dir.path(), &review, &before);
    assert!(message.contains("Operation not permitted"), "{message}");
    assert_eq!(
        listing(dir.path()),
        [INSPECTION.to_owned(), REVIEW.to_owned()].into()
    );
    tell(test, &message, &screen);

    drop(immutable);
    let (_, _) = run(&mut app, &mut files, &mut Script::keys("j4"));
    assert!(
        !app.save().unsaved,
        "not saved once mutable: {:?}",
        app.message()
    );
    let new = saved(&review);
    assert_eq!(new.status("F2"), Status::InProgress);
    assert_eq!(new.status("F3"), Status::Complete);
}

/// The review file itself immutable: the temporary is written, then the
/// rename over the file fails; the save removes its temporary, so failed
/// saves leave nothing behind.
#[test]
#[ignore = "needs root"]
fn an_immutable_review_file_leaves_no_temporary() {
    let test = "immutable review file";
    let dir = TempDir::new("immutable-file");
    let (inspection, review) = example_pair(dir.path());
    let before = std::fs::read(&review).expect("read the review");
    let (mut app, mut files) = open(&inspection, None);
    let _immutable = Immutable::set(&review, test);
    let (exit, screen) = run(&mut app, &mut files, &mut Script::keys("j3j4"));
    assert_eq!(exit, Exit::EndOfInput);
    assert_eq!(app.status("F2"), Status::InProgress, "the change was lost");
    assert_eq!(app.status("F3"), Status::Complete, "the change was lost");
    eprintln!("immutable review file, message: {}", error_message(&app));
    assert_not_saved(&app, dir.path(), &review, &before, &screen);
}

// ------------------------------------------------- parent is a file

#[test]
fn a_review_path_under_a_file_starts_fails_to_save_and_asks_before_quitting() {
    let dir = TempDir::new("parent-file");
    let (inspection, _) = example_pair(dir.path());
    let not_a_folder = dir.path().join("not-a-folder");
    std::fs::write(&not_a_folder, "a plain file\n").expect("write the file");
    let review = not_a_folder.join("r.review.yaml");

    let (mut app, mut files) = open(&inspection, Some(review.clone()));
    assert!(app.review().is_empty(), "a review appeared from nowhere");
    let (exit, screen) = run(&mut app, &mut files, &mut Script::keys("2"));
    assert_eq!(exit, Exit::EndOfInput);
    assert_eq!(app.status("F1"), Status::Accepted, "the change was lost");
    assert!(app.save().unsaved);
    let message = error_message(&app);
    assert!(message.contains("Not a directory"), "{message}");
    let text = shown(&screen);
    assert!(text.contains("Not saved"), "{text}");
    assert!(text.contains("[NOT SAVED]"), "{text}");
    tell("parent is a file", &message, &screen);
    assert_eq!(
        std::fs::read(&not_a_folder).expect("read"),
        b"a plain file\n",
        "the file in the way was changed"
    );

    // q asks instead of quitting.
    let (exit, screen) = run(&mut app, &mut files, &mut Script::keys("q"));
    assert_eq!(exit, Exit::EndOfInput, "q quit and lost the change");
    assert_eq!(app.mode().kind(), ModeKind::ConfirmQuit);
    let text = shown(&screen);
    assert!(text.contains("Unsaved changes"), "{text}");

    // s saves elsewhere: clear the suggested path (the review's own, with
    // "-copy"), type a full path.
    let elsewhere = dir.path().join("elsewhere.review.yaml");
    let suggested = app.save().path.with_file_name("r.review-copy.yaml");
    let mut script = Script::keys("s");
    for _ in 0..suggested.display().to_string().chars().count() {
        script.code(KeyCode::Backspace);
    }
    script
        .chars(elsewhere.to_str().expect("a UTF-8 temp path"))
        .code(KeyCode::Enter);
    let (exit, _) = run(&mut app, &mut files, &mut script);
    assert_eq!(exit, Exit::EndOfInput);
    assert!(!app.save().unsaved, "{:?}", app.message());
    assert_eq!(app.save().path, elsewhere);
    let saved = load_review(&std::fs::read(&elsewhere).expect("read"), INSPECTION_ID)
        .expect("the review saved elsewhere loads");
    assert_eq!(saved.status("F1"), Status::Accepted);
    let (exit, _) = run(&mut app, &mut files, &mut Script::keys("q"));
    assert_eq!(exit, Exit::Quit);
}

#[test]
fn the_real_binary_with_a_review_under_a_file_says_not_saved_and_asks() {
    let dir = TempDir::new("parent-file-pty");
    let (inspection, _) = example_pair(dir.path());
    std::fs::write(dir.path().join("not-a-folder"), "x").expect("write the file");
    let file = inspection.to_str().expect("utf-8");
    let mut app = Session::spawn(
        dir.path(),
        &[
            file,
            "--review",
            "not-a-folder/r.review.yaml",
            "--reviewer",
            "tester",
        ],
    );
    app.wait_for("Findings");
    app.key(b"2");
    app.wait_for("Not saved");
    app.wait_for("[NOT SAVED]");
    let screen = app.screen();
    eprintln!(
        "parent is a file (binary), on screen: {}",
        screen
            .lines()
            .find(|l| l.contains("Not saved"))
            .unwrap_or_default()
            .trim_end()
    );
    app.key(b"q");
    app.wait_for("Unsaved changes");
    assert!(app.is_running(), "q quit with the change unsaved");
    app.key(b"y");
    let status = app.wait_exit();
    assert!(status.success(), "quit anyway exited with {status}");
}

// ------------------------------------------------------------ SIGKILL

/// splitmix64: a small, deterministic generator.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

const BIG_ITEMS: usize = 10_000;
const BIG_ID: &str = "big-inspection";

fn big_inspection() -> String {
    let mut text = String::with_capacity(BIG_ITEMS * 60);
    text.push_str(
        "version: 1\ninspection:\n  id: big-inspection\n  title: Ten thousand findings\nfindings:\n",
    );
    for n in 1..=BIG_ITEMS {
        writeln!(text, "  - id: F{n}\n    title: Finding number {n}")
            .expect("writing to a String cannot fail");
    }
    text
}

/// F1's status as the review file text has it: every entry is written
/// `  ID:\n    status: NAME\n`.
fn f1_status(bytes: &[u8]) -> Status {
    let text = std::str::from_utf8(bytes).expect("a UTF-8 review");
    let at = text.find("\n  F1:\n    status: ").expect("F1 has a status") + 19;
    let name = text[at..].lines().next().unwrap_or_default();
    Status::from_name(name).unwrap_or_else(|| panic!("no status {name:?}"))
}

/// A 10,000-item inspection and a review annotating every item, written
/// into `dir`: their paths.
fn big_pair(dir: &Path) -> (PathBuf, PathBuf) {
    let inspection_text = big_inspection();
    let inspection = load_inspection(inspection_text.as_bytes()).expect("the big inspection loads");
    let mut review = Review::new(BIG_ID);
    let stamp = Stamp {
        at: "2026-01-02T03:04:05Z".parse().expect("a timestamp"),
        by: "seed".into(),
    };
    for n in 1..=BIG_ITEMS {
        let id = format!("F{n}");
        review.set_status(&id, Status::Accepted, &stamp);
        review.set_note(&id, &format!("Note {n}"), &stamp);
    }
    let inspection_path = dir.join("big.yaml");
    let review_path = dir.join("big.review.yaml");
    std::fs::write(&inspection_path, &inspection_text).expect("write the inspection");
    std::fs::write(&review_path, to_yaml(&review, &inspection)).expect("write the review");
    (inspection_path, review_path)
}

/// How long the binary takes from a status key to the file on disk: the
/// range the kills must straddle.
fn time_one_save(dir: &Path, file: &str, review: &Path) -> Duration {
    let mut app = Session::spawn(dir, &[file, "--reviewer", "tester"]);
    app.wait_for("Findings");
    let before = std::fs::read(review).expect("read the review");
    let key = if f1_status(&before) == Status::Accepted {
        b"3"
    } else {
        b"2"
    };
    let start = Instant::now();
    app.send(key);
    while std::fs::read(review).expect("read the review") == before {
        assert!(start.elapsed() < TIMEOUT, "the change was never saved");
        thread::sleep(Duration::from_millis(1));
    }
    let took = start.elapsed();
    app.key(b"q");
    assert!(
        app.wait_exit().success(),
        "quit after the timed save failed"
    );
    took
}

#[test]
fn sigkill_at_any_moment_leaves_the_old_file_or_the_new_and_no_temporary() {
    const ROUNDS: u64 = 20;
    let started = Instant::now();
    let dir = TempDir::new("sigkill");
    let (inspection_path, review_path) = big_pair(dir.path());
    let file = inspection_path.to_str().expect("utf-8");
    let review_name = "big.review.yaml";

    // A save of 10,000 items takes longer than 40 ms in a debug build: kill
    // within 0-40 ms or up to twice as long as a save takes, whichever
    // is longer, so kills land both before and after the rename.
    let save = time_one_save(dir.path(), file, &review_path);
    let range = u64::try_from(save.as_millis() * 2)
        .unwrap_or(u64::MAX)
        .max(40);

    // The last bytes read and the review they hold: equal bytes load equal.
    let mut last = std::fs::read(&review_path).expect("read the review");
    let mut last_review = load_review(&last, BIG_ID).expect("the review loads");
    let (mut unchanged, mut replaced, mut left_temporary, mut removed_at_start) = (0, 0, 0, 0);
    let mut delays = Vec::new();
    for round in 0..ROUNDS {
        let mut rng = Rng(0x5c2u64.wrapping_mul(round + 1));
        let mut app = Session::spawn(dir.path(), &[file, "--reviewer", "tester"]);
        app.wait_for("Findings");
        if app.screen().contains("Removed 1 temporary file") {
            removed_at_start += 1;
        }
        assert_eq!(
            temporaries(dir.path(), review_name),
            Vec::<String>::new(),
            "round {round}: a temporary file is still there with the screen up"
        );
        let before = std::fs::read(&review_path).expect("read the review");
        assert_eq!(before, last, "round {round}: the file changed at start");
        let (key, status) = if last_review.status("F1") == Status::Accepted {
            (b"3", Status::InProgress)
        } else {
            (b"2", Status::Accepted)
        };
        let delay = rng.next() % (range + 1);
        delays.push(delay);
        app.send(key);
        thread::sleep(Duration::from_millis(delay));
        let killed = Command::new("kill")
            .args(["-9", &app.pid().to_string()])
            .status()
            .expect("run kill");
        assert!(killed.success(), "kill -9 failed: {killed}");
        let exit = app.wait_exit();
        assert!(
            !exit.success(),
            "round {round}: it exited by itself: {exit}"
        );
        drop(app);

        let after = std::fs::read(&review_path).expect("read the review after the kill");
        if !temporaries(dir.path(), review_name).is_empty() {
            left_temporary += 1;
        }
        if after == before {
            unchanged += 1;
            continue;
        }
        replaced += 1;
        let new = load_review(&after, BIG_ID).unwrap_or_else(|p| {
            panic!(
                "round {round}: the review no longer loads:\n{}",
                p.render(review_name)
            )
        });
        same_except(&last_review, &new, &["F1"])
            .unwrap_or_else(|e| panic!("round {round}: more than F1 changed: {e}"));
        assert_eq!(new.status("F1"), status, "round {round}: F1 is not as set");
        assert_eq!(f1_status(&after), status);
        last = after;
        last_review = new;
    }
    // One more start clears what the last kill left, and quits cleanly.
    let mut app = Session::spawn(dir.path(), &[file, "--reviewer", "tester"]);
    app.wait_for("Findings");
    if app.screen().contains("Removed 1 temporary file") {
        removed_at_start += 1;
    }
    assert_eq!(temporaries(dir.path(), review_name), Vec::<String>::new());
    app.key(b"q");
    let status = app.wait_exit();
    assert!(status.success(), "the last quit exited with {status}");
    assert_eq!(std::fs::read(&review_path).expect("read"), last);
    eprintln!(
        "SIGKILL: a save took {} ms; {ROUNDS} kills after 0-{range} ms (delays {delays:?}): \
         {unchanged} before the rename (old file kept), {replaced} after it (new file), \
         {left_temporary} left a linked temporary, {removed_at_start} removed at the next \
         start; {:.1} s in all",
        save.as_millis(),
        started.elapsed().as_secs_f64()
    );
    assert_eq!(
        left_temporary, removed_at_start,
        "a temporary was not removed at start"
    );
}

// ------------------------------------------------ stale temporaries

#[test]
fn a_stale_temporary_is_removed_by_the_lock_holder_only() {
    let dir = TempDir::new("stale");
    let (inspection, review) = example_pair(dir.path());
    let before = std::fs::read(&review).expect("read the review");
    let stale = dir
        .path()
        .join(format!(".{REVIEW}.~scrutiny-save-0123456789abcdef"));
    let file = inspection.to_str().expect("utf-8");
    // Files of the user's that look like temporaries are theirs.
    let lookalikes: Vec<PathBuf> = ["241201", "BACKUP", "v2copy", "Ab12Cd", "bak"]
        .iter()
        .map(|end| dir.path().join(format!(".{REVIEW}.{end}")))
        .collect();
    for path in &lookalikes {
        std::fs::write(path, "mine").expect("write a file of the user's");
    }

    std::fs::write(&stale, "half a review").expect("write the temporary");
    let mut app = Session::spawn(dir.path(), &[file, "--reviewer", "tester"]);
    app.wait_for("Findings");
    app.wait_for("Removed 1 temporary file");
    assert!(!stale.exists(), "the stale temporary is still there");
    for path in &lookalikes {
        assert!(path.exists(), "{} was removed", path.display());
    }
    eprintln!(
        "stale temporary, on screen: {}",
        app.screen()
            .lines()
            .find(|l| l.contains("Removed"))
            .unwrap_or_default()
            .trim_end()
    );
    app.key(b"q");
    assert!(app.wait_exit().success());
    drop(app);

    // Another instance holds the lock: a second start only looks.
    std::fs::write(&stale, "half a review").expect("write the temporary");
    let scrutiny::files::lock::Lock::Acquired(held) =
        scrutiny::files::lock::acquire(&review).expect("take the lock")
    else {
        panic!("the lock is free: nothing runs");
    };
    let mut app = Session::spawn(dir.path(), &[file, "--reviewer", "tester"]);
    app.wait_for("Findings");
    app.wait_for("READ-ONLY");
    let screen = app.screen();
    assert!(!screen.contains("Removed"), "{screen}");
    assert!(stale.exists(), "a read-only instance removed the temporary");
    eprintln!(
        "read-only second instance, on screen: {}",
        screen
            .lines()
            .filter(|l| l.contains("READ-ONLY") || l.contains("Read-only"))
            .map(str::trim_end)
            .collect::<Vec<_>>()
            .join(" | ")
    );
    // A change is refused, and nothing is written. (The refusal's reason is
    // cut off at 80 columns, so look at the status instead.)
    app.key(b"j");
    app.wait_for("F2 · Finding");
    app.key(b"3");
    thread::sleep(Duration::from_millis(300));
    let screen = app.screen();
    assert!(screen.contains("○ Unreviewed"), "F2 changed:\n{screen}");
    assert!(!screen.contains("[NOT SAVED]"), "{screen}");
    app.key(b"q");
    assert!(app.wait_exit().success());
    drop(app);
    assert_eq!(std::fs::read(&review).expect("read"), before);
    assert!(stale.exists());
    drop(held);
}
