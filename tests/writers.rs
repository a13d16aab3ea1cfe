//! Several writers on one review file: a second scrutiny is read-only and
//! follows the first; an editor's change on disk is merged in, a change to
//! the same item kept as a conflict to settle; the git merge driver; and a
//! corrupt review that is never written over.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, ExitStatus, PtySize, native_pty_system};
use scrutiny::model::{Review, Stamp, Status, load_review, to_yaml};

const ROWS: u16 = 30;
const COLS: u16 = 120;
/// How long to wait for a screen or a file to show something.
const TIMEOUT: Duration = Duration::from_secs(10);
/// Between ordinary keys, so each arrives as its own read.
const KEY_PAUSE: Duration = Duration::from_millis(60);
/// Between typed characters.
const CHAR_PAUSE: Duration = Duration::from_millis(25);
/// After Escape, so the next byte is not read as Alt+key.
const ESC_PAUSE: Duration = Duration::from_millis(250);
const POLL: Duration = Duration::from_millis(20);

const CURSOR_QUERY: &[u8] = b"\x1b[6n";
const CURSOR_REPLY: &[u8] = b"\x1b[1;1R";

const INSPECTION_ID: &str = "hmicfrs-2020-prevent";
const REVIEW_NAME: &str = "prevent-2020.review.yaml";
const MARK: &str = "--- the other version of this note ---";

/// A fresh directory under the system temp dir, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> Self {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let dir = std::env::temp_dir().join(format!(
            "scrutiny-writers-{name}-{}-{}-{nanos}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&dir).expect("create temp dir");
        Self(dir)
    }

    fn path(&self) -> &Path {
        &self.0
    }

    /// The example inspection, copied in; its path.
    fn with_example(&self) -> PathBuf {
        let target = self.0.join("prevent-2020.yaml");
        std::fs::copy(example_path(), &target).expect("copy the example inspection");
        target
    }

    fn review(&self) -> PathBuf {
        self.0.join(REVIEW_NAME)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn example_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/prevent-2020.yaml")
}

/// What the reader thread has seen.
struct Output {
    parser: vt100::Parser,
    /// Every byte the app wrote.
    raw: Vec<u8>,
    /// Where to look for the next cursor-position query in `raw`.
    scanned: usize,
    /// The reader reached the end of the output.
    done: bool,
}

type Writer = Arc<Mutex<Box<dyn Write + Send>>>;

/// The app running in a pseudo-terminal.
struct Session {
    child: Box<dyn portable_pty::Child + Send + Sync>,
    writer: Writer,
    output: Arc<Mutex<Output>>,
    /// Kept open for the session's life.
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

impl Session {
    /// `scrutiny ARGS` in `dir`, with its configuration looked for there.
    fn spawn(dir: &Path, args: &[&str]) -> Self {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_scrutiny"));
        cmd.args(args);
        cmd.cwd(dir);
        cmd.env("TERM", "xterm-256color");
        cmd.env("XDG_CONFIG_HOME", dir);
        let child = pair.slave.spawn_command(cmd).expect("spawn scrutiny");
        // Only the child keeps the slave open, so reading ends when it exits.
        drop(pair.slave);
        let master = pair.master;
        let reader = master.try_clone_reader().expect("pty reader");
        let writer: Writer = Arc::new(Mutex::new(master.take_writer().expect("pty writer")));
        let output = Arc::new(Mutex::new(Output {
            parser: vt100::Parser::new(
                NonZeroU16::new(ROWS).expect("rows"),
                NonZeroU16::new(COLS).expect("cols"),
                0,
            ),
            raw: Vec::new(),
            scanned: 0,
            done: false,
        }));
        let thread_output = Arc::clone(&output);
        let thread_writer = Arc::clone(&writer);
        thread::spawn(move || read_loop(reader, &thread_output, &thread_writer));
        Self {
            child,
            writer,
            output,
            _master: master,
        }
    }

    fn send(&self, bytes: &[u8]) {
        let mut writer = self.writer.lock().expect("writer lock");
        writer.write_all(bytes).expect("write to the pty");
        writer.flush().expect("flush the pty");
    }

    /// One key, then a pause.
    fn key(&self, bytes: &[u8]) {
        self.send(bytes);
        thread::sleep(KEY_PAUSE);
    }

    fn escape(&self) {
        self.send(b"\x1b");
        thread::sleep(ESC_PAUSE);
    }

    /// Text typed a character at a time.
    fn type_text(&self, text: &str) {
        let mut buf = [0; 4];
        for c in text.chars() {
            self.send(c.encode_utf8(&mut buf).as_bytes());
            thread::sleep(CHAR_PAUSE);
        }
    }

    fn screen(&self) -> String {
        self.output
            .lock()
            .expect("output lock")
            .parser
            .screen()
            .contents()
    }

    /// Poll the screen until `pred` holds; panic with the screen if it never does.
    fn wait_until(&self, what: &str, pred: impl Fn(&str) -> bool) {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if pred(&screen) {
                return;
            }
            assert!(
                start.elapsed() < TIMEOUT,
                "timed out waiting for {what}; the screen:\n{screen}"
            );
            thread::sleep(POLL);
        }
    }

    fn wait_for(&self, text: &str) {
        self.wait_until(&format!("{text:?}"), |s| s.contains(text));
    }

    /// Wait for the app to exit, then for its last output to be read.
    fn wait_exit(&mut self) -> ExitStatus {
        let start = Instant::now();
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("poll the child") {
                break status;
            }
            assert!(
                start.elapsed() < TIMEOUT,
                "scrutiny did not exit; the screen:\n{}",
                self.screen()
            );
            thread::sleep(POLL);
        };
        let start = Instant::now();
        while !self.output.lock().expect("output lock").done && start.elapsed() < TIMEOUT {
            thread::sleep(POLL);
        }
        status
    }

    fn pid(&self) -> u32 {
        self.child.process_id().expect("child pid")
    }

    /// Quit with `q` and expect a clean exit.
    fn quit(mut self) {
        self.key(b"q");
        let status = self.wait_exit();
        assert!(
            status.success(),
            "quit exited with {status}; the screen:\n{}",
            self.screen()
        );
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// Feed the app's output to the emulator and answer cursor-position queries,
/// which crossterm waits for.
fn read_loop(mut reader: Box<dyn Read + Send>, output: &Mutex<Output>, writer: &Writer) {
    let mut buf = [0u8; 8192];
    loop {
        let n = match reader.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        let mut queries = 0;
        {
            let mut out = output.lock().expect("output lock");
            out.raw.extend_from_slice(&buf[..n]);
            out.parser.process(&buf[..n]);
            let mut from = out.scanned;
            while let Some(at) = find(&out.raw[from..], CURSOR_QUERY) {
                queries += 1;
                from += at + CURSOR_QUERY.len();
            }
            out.scanned = from.max(out.raw.len().saturating_sub(CURSOR_QUERY.len() - 1));
        }
        for _ in 0..queries {
            let mut w = writer.lock().expect("writer lock");
            let _ = w.write_all(CURSOR_REPLY);
            let _ = w.flush();
        }
    }
    output.lock().expect("output lock").done = true;
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The file's text, or "" while it does not exist.
fn read_text(path: &Path) -> String {
    match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => panic!("cannot read {}: {e}", path.display()),
    }
}

/// Poll a file until its text satisfies `pred`; the text.
fn wait_file(path: &Path, what: &str, pred: impl Fn(&str) -> bool) -> String {
    let start = Instant::now();
    loop {
        let text = read_text(path);
        if pred(&text) {
            return text;
        }
        assert!(
            start.elapsed() < TIMEOUT,
            "timed out waiting for {} to hold {what}; it holds:\n{text}",
            path.display()
        );
        thread::sleep(POLL);
    }
}

/// The review as scrutiny reads it.
fn load(path: &Path) -> Review {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    load_review(&bytes, INSPECTION_ID).unwrap_or_else(|d| {
        panic!(
            "{} does not load: {}\n{}",
            path.display(),
            d.render(&path.display().to_string()),
            String::from_utf8_lossy(&bytes)
        )
    })
}

fn note(review: &Review, id: &str) -> Option<String> {
    review.entry(id).and_then(|e| e.note.clone())
}

/// The review file's entry for `id`, as text: its `  ID:` line and the
/// lines indented under it.
fn entry_text(text: &str, id: &str) -> String {
    let head = format!("  {id}:");
    let mut lines = text.lines().skip_while(|l| *l != head);
    let first = lines
        .next()
        .unwrap_or_else(|| panic!("no {id} in the review:\n{text}"));
    let mut out = format!("{first}\n");
    for line in lines.take_while(|l| l.starts_with("   ")) {
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// The lock's holder line as B shows it, e.g. "(process 123)".
fn process_tag(pid: u32) -> String {
    format!("process {pid} ")
}

#[test]
fn a_second_instance_is_read_only_follows_the_first_and_the_lock_dies_with_it() {
    let dir = TempDir::new("two");
    let inspection = dir.with_example();
    let file = inspection.to_str().expect("utf-8 temp path");
    let review = dir.review();

    let mut a = Session::spawn(dir.path(), &[file, "--reviewer", "alice"]);
    a.wait_for("Findings");
    assert!(!a.screen().contains("READ-ONLY"), "{}", a.screen());
    // A holds the lock before B starts.
    wait_file(
        &dir.path().join(format!(".{REVIEW_NAME}.lock")),
        "A's process id",
        |t| t.contains(&process_tag(a.pid())),
    );

    let b = Session::spawn(dir.path(), &[file, "--reviewer", "bob"]);
    b.wait_for("Findings");
    b.wait_for("READ-ONLY: open in scrutiny");
    b.wait_for(&process_tag(a.pid()));

    // B refuses a change, says why, and writes nothing.
    b.key(b"2");
    b.wait_for("to change this review here");
    assert!(b.screen().contains("Unreviewed"), "{}", b.screen());
    assert!(
        !review.exists(),
        "B wrote the review:\n{}",
        read_text(&review)
    );

    // A's change reaches the file, then B's screen.
    a.key(b"2");
    a.wait_for("Accepted");
    let saved = wait_file(&review, "F1 accepted", |t| t.contains("status: accepted"));
    assert!(saved.contains("by: alice"), "{saved}");
    b.wait_for("✓ Accepted");
    b.wait_for("Reviewed 1/25");
    // Reloading wrote nothing.
    assert_eq!(read_text(&review), saved);

    // A dies without a chance to clean up; the kernel lets the lock go.
    let killed = Command::new("kill")
        .args(["-KILL", &a.pid().to_string()])
        .status()
        .expect("run kill");
    assert!(killed.success(), "kill -9 failed: {killed}");
    let status = a.wait_exit();
    assert!(!status.success(), "A was killed, yet exited with {status}");

    let c = Session::spawn(dir.path(), &[file, "--reviewer", "carol"]);
    c.wait_for("Findings");
    c.wait_for("✓ Accepted");
    assert!(
        !c.screen().contains("READ-ONLY"),
        "C did not get the lock after A was killed:\n{}",
        c.screen()
    );
    c.key(b"j");
    c.key(b"3");
    c.wait_for("In progress");
    let text = wait_file(&review, "F2 in progress", |t| {
        t.contains("status: in-progress")
    });
    let saved = load(&review);
    assert_eq!(saved.status("F1"), Status::Accepted, "{text}");
    assert_eq!(saved.status("F2"), Status::InProgress, "{text}");
    assert!(entry_text(&text, "F2").contains("by: carol"), "{text}");

    // B, still read-only, follows the new writer too.
    b.key(b"j");
    b.wait_for("◐ In progress");
    assert!(b.screen().contains("READ-ONLY"), "{}", b.screen());
    c.quit();
    b.quit();
    assert_eq!(read_text(&review), text, "quitting changed the review");
}

/// Replace the review file's bytes without changing its size or
/// modification time, in one step (a rename), as a second writer whose
/// clock and length happen to match would: scrutiny's one-second watch, which
/// looks at size and time, cannot see it, so only the check before a save
/// can. That makes the race with the next keystroke deterministic.
fn replace_unseen(path: &Path, text: &str) {
    let old = std::fs::metadata(path).expect("the review's metadata");
    assert_eq!(
        old.len(),
        text.len() as u64,
        "the new text must be as long as the old"
    );
    let staging = path.with_file_name("theirs.staging");
    std::fs::write(&staging, text).expect("write the other version");
    std::fs::File::options()
        .write(true)
        .open(&staging)
        .expect("open the other version")
        .set_modified(old.modified().expect("mtime"))
        .expect("set the mtime");
    std::fs::rename(&staging, path).expect("put the other version in place");
}

#[test]
fn changes_made_on_disk_during_a_session_are_merged_and_a_clash_is_kept_to_settle() {
    let dir = TempDir::new("external");
    let inspection = dir.with_example();
    let file = inspection.to_str().expect("utf-8 temp path");
    let review = dir.review();

    let a = Session::spawn(dir.path(), &[file, "--reviewer", "alice"]);
    a.wait_for("Findings");
    a.key(b"2");
    let before = wait_file(&review, "F1 accepted", |t| t.contains("status: accepted"));

    // An editor adds F3, leaving F1 alone, and writes the file in place.
    assert!(!before.contains("F3"), "{before}");
    let edited = format!(
        "{before}  F3:\n    status: complete\n    note: Evidence filed by the regional team.\n"
    );
    std::fs::write(&review, &edited).expect("edit the review");

    // Within the watch's second, A merges it in without asking, and saves.
    a.wait_for("Merged the changes made on disk");
    assert!(
        !a.screen().contains("changed on disk"),
        "a question was asked:\n{}",
        a.screen()
    );
    a.wait_for("Reviewed 2/25");
    a.key(b"j");
    a.key(b"j");
    a.wait_for("F3 · Finding");
    a.wait_for("● Complete");
    a.wait_for("Evidence filed by the regional team.");
    let merged = load(&review);
    assert_eq!(merged.status("F1"), Status::Accepted);
    assert_eq!(merged.status("F3"), Status::Complete);
    assert_eq!(
        note(&merged, "F3").as_deref(),
        Some("Evidence filed by the regional team.")
    );

    // F1 gets a note, "before"; both writers start from that.
    a.key(b"k");
    a.key(b"k");
    a.wait_for("F1 · Finding");
    a.key(b"e");
    a.wait_for("Note for F1");
    a.type_text("before");
    a.escape();
    let base = wait_file(&review, "F1's first note", |t| {
        t.contains("    note: |-\n      before\n")
    });
    assert_eq!(base.matches("before").count(), 1, "{base}");
    // Idle long enough for A's watch (every second) to have looked at the
    // file since that save, so it knows the file's size and time as they are.
    thread::sleep(Duration::from_millis(2500));

    // Someone else changes F1's note to "theirs" ...
    let theirs = base.replace("      before\n", "      theirs\n");
    replace_unseen(&review, &theirs);
    // ... while A, not knowing, changes it to "mine".
    a.key(b"e");
    a.wait_for("Note for F1");
    for _ in 0.."before".len() {
        a.key(b"\x7f");
    }
    a.type_text("mine");
    a.escape();

    // A's save finds the file changed, writes nothing, and asks.
    a.wait_for("The review file changed on disk");
    assert_eq!(read_text(&review), theirs, "A wrote over the other version");
    a.key(b"m");
    let clash = wait_file(&review, "a conflict", |t| t.contains("conflict:"));
    let f1 = entry_text(&clash, "F1");
    assert!(f1.contains("    note: |-\n      mine\n"), "{clash}");
    assert!(
        f1.contains("    conflict:\n") && f1.contains("      note: |-\n        theirs\n"),
        "{clash}"
    );
    let loaded = load(&review);
    let entry = loaded.entry("F1").expect("F1");
    assert_eq!(entry.note.as_deref(), Some("mine"));
    assert_eq!(entry.status, Status::Accepted);
    let other = entry.conflict.as_ref().expect("the other version is kept");
    assert_eq!(other.note.as_deref(), Some("theirs"));
    // F3, changed on neither side since, is as it was.
    assert_eq!(loaded.status("F3"), Status::Complete);

    a.wait_for("! 1 conflict to settle");
    a.wait_for("! Changed elsewhere too: < keeps yours");
    a.wait_for("!✓ F1 ");
    a.wait_until("the other note shown", |s| {
        s.lines().any(|l| l.contains("│    theirs"))
    });

    // Keep both.
    a.key(b"=");
    let settled = wait_file(&review, "the conflict settled", |t| {
        !t.contains("conflict:")
    });
    let loaded = load(&review);
    let entry = loaded.entry("F1").expect("F1");
    let both = entry.note.as_deref().expect("a note");
    assert_eq!(both, format!("mine\n\n{MARK}\ntheirs"), "{settled}");
    assert_eq!(entry.status, Status::Accepted);
    assert!(entry.conflict.is_none());
    assert!(settled.contains(MARK), "{settled}");
    a.wait_until("the conflict gone from the header", |s| {
        !s.contains("conflict to settle") && !s.contains("Changed elsewhere")
    });
    a.wait_for(MARK);
    a.quit();
    assert_eq!(read_text(&review), settled, "quitting changed the review");
}

/// `git ARGS` in `dir`; its output.
fn git(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .env("XDG_CONFIG_HOME", dir)
        .output()
        .unwrap_or_else(|e| panic!("run git {args:?}: {e}"))
}

/// `git ARGS`, which must succeed; its standard output.
fn git_ok(dir: &Path, args: &[&str]) -> String {
    let out = git(dir, args);
    assert!(
        out.status.success(),
        "git {args:?} failed ({}):\n{}{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn git_available() -> bool {
    Command::new("git")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn stamp(minute: i64, by: &str) -> Stamp {
    Stamp {
        at: jiff::Timestamp::from_second(1_790_000_000 + minute * 60).expect("a time"),
        by: by.into(),
    }
}

/// The example inspection, for writing reviews in its order.
fn example() -> scrutiny::model::Inspection {
    let bytes = std::fs::read(example_path()).expect("read the example");
    scrutiny::model::load_inspection(&bytes).expect("the example loads")
}

/// Change the review file at `path` with `change`, as scrutiny would save it.
fn annotate(path: &Path, change: impl FnOnce(&mut Review)) {
    let mut review = load(path);
    change(&mut review);
    std::fs::write(path, to_yaml(&review, &example())).expect("write the review");
}

/// Where each id's entry starts in a review file's text.
fn positions(text: &str, ids: &[&str]) -> Vec<usize> {
    ids.iter()
        .map(|id| {
            let head = format!("\n  {id}:\n");
            assert_eq!(text.matches(&head).count(), 1, "{id} not once in:\n{text}");
            text.find(&head).expect("found")
        })
        .collect()
}

/// A git repository in `dir` with the scrutiny merge driver set up for
/// review files, the example inspection and a review with F1 accepted
/// committed on `main`. `false` (and a printed reason) without git.
fn repository_with_the_driver(dir: &TempDir) -> bool {
    if !git_available() {
        println!("skipped: git is not installed");
        return false;
    }
    let repo = dir.path();
    git_ok(repo, &["-c", "init.defaultBranch=main", "init", "-q"]);
    git_ok(repo, &["config", "user.name", "Test Reviewer"]);
    git_ok(repo, &["config", "user.email", "reviewer@example.org"]);
    git_ok(repo, &["config", "commit.gpgsign", "false"]);
    git_ok(
        repo,
        &["config", "merge.scrutiny.name", "scrutiny review files"],
    );
    let driver = format!("'{}' merge %O %A %B %P", env!("CARGO_BIN_EXE_scrutiny"));
    git_ok(repo, &["config", "merge.scrutiny.driver", &driver]);
    std::fs::write(
        repo.join(".gitattributes"),
        "*.review.yaml merge=scrutiny\n",
    )
    .expect("write .gitattributes");
    dir.with_example();
    let mut first = Review::new(INSPECTION_ID);
    first.set_status("F1", Status::Accepted, &stamp(0, "lead"));
    std::fs::write(dir.review(), to_yaml(&first, &example())).expect("write the review");
    git_ok(repo, &["add", "."]);
    git_ok(repo, &["commit", "-q", "-m", "F1 accepted"]);
    assert!(
        git_ok(repo, &["check-attr", "merge", REVIEW_NAME]).contains("merge: scrutiny"),
        "the driver is not set for the review"
    );
    true
}

/// On a new branch `name` from `from`, change the review and commit.
fn commit_on_branch(dir: &TempDir, name: &str, from: &str, change: impl FnOnce(&mut Review)) {
    git_ok(dir.path(), &["checkout", "-q", "-b", name, from]);
    annotate(&dir.review(), change);
    git_ok(dir.path(), &["commit", "-q", "-am", name]);
}

/// `git merge --no-edit BRANCH`: whether it succeeded, and what it said.
fn git_merge(dir: &TempDir, branch: &str) -> (bool, String) {
    let out = git(dir.path(), &["merge", "--no-edit", branch]);
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), said)
}

#[test]
fn git_merges_annotations_of_different_items_cleanly() {
    let dir = TempDir::new("git-clean");
    if !repository_with_the_driver(&dir) {
        return;
    }
    let review = dir.review();
    commit_on_branch(&dir, "a", "main", |r| {
        r.set_note("F2", "Partnership board minutes checked.", &stamp(1, "ann"));
    });
    commit_on_branch(&dir, "b", "main", |r| {
        r.set_status("F3", Status::Complete, &stamp(2, "ben"));
        r.set_note("F3", "Multi-agency review done.", &stamp(2, "ben"));
    });
    git_ok(dir.path(), &["checkout", "-q", "a"]);
    let (merged, said) = git_merge(&dir, "b");
    let text = read_text(&review);
    assert!(
        merged,
        "git merge of different items failed:\n{said}\nthe review:\n{text}"
    );
    assert!(!text.contains("<<<<<<<"), "{text}");
    let at = positions(&text, &["F1", "F2", "F3"]);
    assert!(
        at[0] < at[1] && at[1] < at[2],
        "not in inspection order:\n{text}"
    );
    let loaded = load(&review);
    assert_eq!(loaded.status("F1"), Status::Accepted);
    assert_eq!(
        note(&loaded, "F2").as_deref(),
        Some("Partnership board minutes checked.")
    );
    assert_eq!(loaded.status("F3"), Status::Complete);
    assert_eq!(
        note(&loaded, "F3").as_deref(),
        Some("Multi-agency review done.")
    );
    assert!(loaded.conflicts().is_empty(), "{text}");
    assert!(
        git_ok(dir.path(), &["status", "--porcelain"]).is_empty(),
        "the clean merge left changes"
    );
}

#[test]
fn git_keeps_both_versions_of_an_item_changed_on_two_branches() {
    let dir = TempDir::new("git-clash");
    if !repository_with_the_driver(&dir) {
        return;
    }
    let review = dir.review();
    commit_on_branch(&dir, "c", "main", |r| {
        r.set_note("F4", "Ours: training figures verified.", &stamp(3, "ann"));
        r.set_status("F2", Status::InProgress, &stamp(3, "ann"));
    });
    commit_on_branch(&dir, "d", "main", |r| {
        r.set_note("F4", "Theirs: figures still missing.", &stamp(4, "ben"));
        r.set_status("F3", Status::Complete, &stamp(4, "ben"));
    });
    git_ok(dir.path(), &["checkout", "-q", "c"]);
    let (merged, said) = git_merge(&dir, "d");
    let text = read_text(&review);
    assert!(
        !merged,
        "git merge of one item changed twice reported no conflict:\n{said}\n{text}"
    );
    assert!(said.contains("F4"), "the conflict is not named:\n{said}");
    assert!(
        !text.contains("<<<<<<<"),
        "git's markers in the review:\n{text}"
    );
    let at = positions(&text, &["F1", "F2", "F3", "F4"]);
    assert!(at.is_sorted(), "not in inspection order:\n{text}");
    let loaded = load(&review);
    let f4 = loaded.entry("F4").expect("F4");
    assert_eq!(f4.note.as_deref(), Some("Ours: training figures verified."));
    let other = f4.conflict.as_ref().expect("their version is kept");
    assert_eq!(
        other.note.as_deref(),
        Some("Theirs: figures still missing.")
    );
    assert_eq!(loaded.conflicts(), ["F4"]);
    // What only one side changed is merged as usual.
    assert_eq!(loaded.status("F1"), Status::Accepted);
    assert_eq!(loaded.status("F2"), Status::InProgress);
    assert_eq!(loaded.status("F3"), Status::Complete);
    // Git marks the file as unmerged, for the reviewer to settle and add.
    assert!(
        git_ok(dir.path(), &["ls-files", "-u", REVIEW_NAME]).contains(REVIEW_NAME),
        "the review is not marked unmerged"
    );
}

/// `scrutiny merge BASE OURS THEIRS` in `dir`.
fn merge_driver(dir: &Path, base: &str, ours: &str, theirs: &str) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_scrutiny"))
        .args(["merge", base, ours, theirs])
        .current_dir(dir)
        .env("XDG_CONFIG_HOME", dir)
        .stdin(Stdio::null())
        .output()
        .expect("run scrutiny merge")
}

fn review_text(change: impl FnOnce(&mut Review)) -> String {
    let mut review = Review::new(INSPECTION_ID);
    change(&mut review);
    to_yaml(&review, &example())
}

#[test]
fn the_merge_driver_without_a_common_ancestor_and_with_an_unreadable_side() {
    let dir = TempDir::new("driver");
    let at = |name: &str| dir.path().join(name);
    std::fs::write(at("empty.yaml"), "").expect("write");
    std::fs::write(
        at("ours.yaml"),
        review_text(|r| {
            r.set_status("F1", Status::Accepted, &stamp(0, "ann"));
        }),
    )
    .expect("write");
    let theirs = review_text(|r| {
        r.set_status("F2", Status::Complete, &stamp(1, "ben"));
    });
    std::fs::write(at("theirs.yaml"), &theirs).expect("write");

    // No common ancestor: git passes an empty BASE.
    let run = merge_driver(dir.path(), "empty.yaml", "ours.yaml", "theirs.yaml");
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let merged = load(&at("ours.yaml"));
    assert_eq!(merged.status("F1"), Status::Accepted);
    assert_eq!(merged.status("F2"), Status::Complete);
    assert!(merged.conflicts().is_empty());

    // An OURS that is not a review: exit 2, nothing written.
    let garbage = "this is: [not a review\n\u{0}\u{1}";
    std::fs::write(at("garbage.yaml"), garbage).expect("write");
    let run = merge_driver(dir.path(), "empty.yaml", "garbage.yaml", "theirs.yaml");
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("garbage.yaml"), "{stderr}");
    assert_eq!(
        std::fs::read(at("garbage.yaml")).expect("read"),
        garbage.as_bytes(),
        "OURS was changed"
    );
    assert_eq!(read_text(&at("theirs.yaml")), theirs, "THEIRS was changed");

    // A review that names the inspection but cannot be read: the same.
    let broken =
        "version: 1\ninspection: hmicfrs-2020-prevent\nitems:\n  F1:\n    status: acepted\n";
    std::fs::write(at("broken.yaml"), broken).expect("write");
    let run = merge_driver(dir.path(), "empty.yaml", "broken.yaml", "theirs.yaml");
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("broken.yaml:5:13"), "{stderr}");
    assert_eq!(read_text(&at("broken.yaml")), broken, "OURS was changed");
}

#[test]
fn the_merge_driver_writes_each_item_once_in_inspection_order() {
    // Both sides keep F1 from the base; ours adds F3, theirs F2.
    let dir = TempDir::new("order");
    let at = |name: &str| dir.path().join(name);
    let base = |r: &mut Review| {
        r.set_status("F1", Status::Accepted, &stamp(0, "lead"));
    };
    std::fs::write(at("base.yaml"), review_text(base)).expect("write");
    std::fs::write(
        at("ours.yaml"),
        review_text(|r| {
            base(r);
            r.set_status("F3", Status::Complete, &stamp(1, "ann"));
        }),
    )
    .expect("write");
    std::fs::write(
        at("theirs.yaml"),
        review_text(|r| {
            base(r);
            r.set_status("F2", Status::InProgress, &stamp(2, "ben"));
        }),
    )
    .expect("write");
    let run = merge_driver(dir.path(), "base.yaml", "ours.yaml", "theirs.yaml");
    let text = read_text(&at("ours.yaml"));
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}\n{text}",
        String::from_utf8_lossy(&run.stderr)
    );
    let at = positions(&text, &["F1", "F2", "F3"]);
    assert!(
        at[0] < at[1] && at[1] < at[2],
        "not in inspection order:\n{text}"
    );
}

const CORRUPT: &str = "version: 1
inspection: hmicfrs-2020-prevent
items:
  F1:
    status: acepted
    note: Months of work, behind one typo.
";

#[test]
fn a_corrupt_review_without_a_terminal_is_left_alone_and_a_way_on_is_named() {
    let dir = TempDir::new("corrupt-pipe");
    dir.with_example();
    std::fs::write(dir.review(), CORRUPT).expect("write the corrupt review");
    let run = Command::new(env!("CARGO_BIN_EXE_scrutiny"))
        .arg("prevent-2020.yaml")
        .current_dir(dir.path())
        .env("XDG_CONFIG_HOME", dir.path())
        .stdin(Stdio::null())
        .output()
        .expect("run scrutiny");
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("prevent-2020.review.yaml:5:13: unknown status `acepted`"),
        "the problem is not located:\n{stderr}"
    );
    assert!(stderr.contains("will not write to it"), "{stderr}");
    assert!(
        stderr.contains("--review prevent-2020.review-2.yaml"),
        "no way on is named:\n{stderr}"
    );
    assert!(run.stdout.is_empty(), "the UI was drawn without a terminal");
    assert_eq!(
        read_text(&dir.review()),
        CORRUPT,
        "the corrupt review was changed"
    );
    assert!(!dir.path().join("prevent-2020.review-2.yaml").exists());
}

#[test]
fn a_corrupt_review_in_a_terminal_offers_a_new_review_beside_it() {
    let dir = TempDir::new("corrupt-pty");
    dir.with_example();
    std::fs::write(dir.review(), CORRUPT).expect("write the corrupt review");
    let fresh = dir.path().join("prevent-2020.review-2.yaml");

    let app = Session::spawn(dir.path(), &["prevent-2020.yaml", "--reviewer", "tester"]);
    app.wait_for("prevent-2020.review.yaml:5:13: unknown status `acepted`");
    app.wait_for("Start a new review in prevent-2020.review-2.yaml instead? [y/N]");
    app.key(b"y");
    app.key(b"\r");
    app.wait_for("Findings");
    app.wait_for("review: prevent-2020.review-2.yaml");
    assert!(!app.screen().contains("READ-ONLY"), "{}", app.screen());
    app.key(b"4");
    app.wait_for("● Complete");
    let text = wait_file(&fresh, "F1 complete", |t| t.contains("status: complete"));
    app.quit();
    assert_eq!(read_text(&fresh), text);
    let loaded = load(&fresh);
    assert_eq!(loaded.status("F1"), Status::Complete);
    assert_eq!(
        read_text(&dir.review()),
        CORRUPT,
        "the corrupt review was changed"
    );
}

#[test]
fn a_corrupt_review_in_a_terminal_is_left_alone_when_the_offer_is_declined() {
    let dir = TempDir::new("corrupt-no");
    dir.with_example();
    std::fs::write(dir.review(), CORRUPT).expect("write the corrupt review");
    let mut app = Session::spawn(dir.path(), &["prevent-2020.yaml"]);
    app.wait_for("[y/N]");
    app.key(b"\r");
    let status = app.wait_exit();
    assert_eq!(status.exit_code(), 1, "{}", app.screen());
    assert!(!app.screen().contains("Findings"), "{}", app.screen());
    assert_eq!(
        read_text(&dir.review()),
        CORRUPT,
        "the corrupt review was changed"
    );
    assert!(!dir.path().join("prevent-2020.review-2.yaml").exists());
}

#[test]
fn a_note_being_typed_survives_a_change_merged_in_from_disk() {
    let dir = TempDir::new("draft");
    let inspection = dir.with_example();
    let file = inspection.to_str().expect("utf-8 temp path");
    let review = dir.review();

    let a = Session::spawn(dir.path(), &[file, "--reviewer", "alice"]);
    a.wait_for("Findings");
    a.key(b"2");
    let before = wait_file(&review, "F1 accepted", |t| t.contains("status: accepted"));
    a.key(b"e");
    a.wait_for("Note for F1");
    a.type_text("Half a thought");
    a.wait_for("Half a thought");

    // Meanwhile an editor adds a note to another item, F2.
    std::fs::write(
        &review,
        format!("{before}  F2:\n    note: 'Theirs, on F2.'\n"),
    )
    .expect("edit the review");
    // A merges it in (its save writes the note as a block).
    wait_file(&review, "A's merge", |t| {
        t.contains("    note: |-\n      Theirs, on F2.\n")
    });

    // The editor is still open, holding what was typed.
    a.wait_for("Note for F1");
    a.wait_for("Half a thought");
    a.type_text(", finished.");
    a.escape();
    let text = wait_file(&review, "F1's note", |t| t.contains("Half a thought"));
    let loaded = load(&review);
    assert_eq!(
        note(&loaded, "F1").as_deref(),
        Some("Half a thought, finished."),
        "{text}"
    );
    assert_eq!(
        note(&loaded, "F2").as_deref(),
        Some("Theirs, on F2."),
        "{text}"
    );
    assert_eq!(loaded.status("F1"), Status::Accepted, "{text}");
}
