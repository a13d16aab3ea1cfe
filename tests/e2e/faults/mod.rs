//! Faults a reviewer's machine can throw at a save: a full disk, a read-only
//! filesystem, an immutable folder, a review path under a file, a kill at any
//! moment, and temporary files a killed save left behind. In each, the old
//! review file must stay whole, no temporary file may be left, and the change
//! must stay in memory with the user told.
//!
//! The mount and `chattr` tests need root: they are `#[ignore = "needs
//! root"]`, and CI, which runs as root, runs them with `--ignored`.

mod disk;
mod sigkill;

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

use crate::common::{Script, Session, TIMEOUT, TempDir};

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
        fresh: false,
        register: false,
        documents: None,
        ascii: None,
    })
    .unwrap_or_else(|e| panic!("the app opens: {e}"));
    let mut files = runner::Files::default();
    files.lock(&mut app);
    (app, files)
}

/// Run the real loop on an 80x24 test terminal; how it ended and the rows
/// of the last frame.
fn run(app: &mut App, files: &mut runner::Files, script: &mut Script) -> (Exit, Vec<String>) {
    let (exit, terminal) = crate::common::run_loop_with(app, files, script);
    (exit, rows(&terminal))
}

fn rows(terminal: &Terminal<TestBackend>) -> Vec<String> {
    crate::common::buffer_rows(terminal.backend().buffer())
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
