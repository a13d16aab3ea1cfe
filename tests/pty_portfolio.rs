//! End-to-end tests of the overview: the real `scrutiny` binary on a
//! folder, in a pseudo-terminal, driven by keystrokes, its screen read back
//! through a terminal emulator.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};

// The standard terminal size: what a reviewer sees must fit here.
const ROWS: u16 = 24;
const COLS: u16 = 80;
const TIMEOUT: Duration = Duration::from_secs(10);
/// Between ordinary keys, so each arrives as its own read.
const KEY_PAUSE: Duration = Duration::from_millis(60);
/// After Escape, so the next byte is not read as Alt+key.
const ESC_PAUSE: Duration = Duration::from_millis(250);
const POLL: Duration = Duration::from_millis(20);

const CURSOR_QUERY: &[u8] = b"\x1b[6n";
const CURSOR_REPLY: &[u8] = b"\x1b[1;1R";

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

/// A fresh directory under the system temp dir, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> Self {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let dir = std::env::temp_dir().join(format!(
            "scrutiny-pty-portfolio-{name}-{}-{}-{nanos}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&dir).expect("create temp dir");
        Self(dir)
    }

    fn path(&self) -> &Path {
        &self.0
    }

    /// A folder of inspections beside this directory's config, so that the
    /// folder holds inspections only.
    fn inspections(&self) -> PathBuf {
        let folder = self.0.join("inspections");
        std::fs::create_dir_all(&folder).expect("create the inspections folder");
        folder
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn example() -> PathBuf {
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
    _master: Box<dyn MasterPty + Send>,
}

impl Session {
    /// Run scrutiny in `dir`, with the config directory pointed there so a
    /// `config.toml` of the person running the tests plays no part.
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

    fn screen(&self) -> String {
        self.output
            .lock()
            .expect("output lock")
            .parser
            .screen()
            .contents()
    }

    /// Poll the screen until `pred` holds; panic with the screen if it never does.
    fn wait_until(&self, what: &str, pred: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if pred(&screen) {
                return screen;
            }
            assert!(
                start.elapsed() < TIMEOUT,
                "timed out waiting for {what}; the screen:\n{screen}"
            );
            thread::sleep(POLL);
        }
    }

    fn wait_for(&self, text: &str) -> String {
        self.wait_until(&format!("{text:?}"), |s| s.contains(text))
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
        // The output ends when the slave side is closed; give up quietly
        // if something else holds it, since what was written is read anyway.
        let start = Instant::now();
        while !self.output.lock().expect("output lock").done && start.elapsed() < TIMEOUT {
            thread::sleep(POLL);
        }
        status
    }

    /// Press `q` and expect a clean exit.
    fn quit(&mut self) {
        self.key(b"q");
        let status = self.wait_exit();
        assert!(status.success(), "quit exited with {status}");
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
            // A query may be split across reads: search from where the last
            // search could not yet rule out a match.
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
    let folder = dir.inspections();
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
        opened.contains("Esc goes back to the overview"),
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
fn a_broken_file_is_listed_not_fatal_and_does_not_open() {
    let dir = TempDir::new("broken");
    let folder = dir.inspections();
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
