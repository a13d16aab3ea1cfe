//! End-to-end tests: the real `scrutiny` binary in a pseudo-terminal, driven
//! by keystrokes, its screen read back through a terminal emulator.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::{Path, PathBuf};
use std::process::Command;
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
/// Between typed characters.
const CHAR_PAUSE: Duration = Duration::from_millis(25);
/// After Escape, so the next byte is not read as Alt+key.
const ESC_PAUSE: Duration = Duration::from_millis(250);
const POLL: Duration = Duration::from_millis(20);

const CURSOR_QUERY: &[u8] = b"\x1b[6n";
const CURSOR_REPLY: &[u8] = b"\x1b[1;1R";

/// A fresh directory under the system temp dir, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> Self {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let dir = std::env::temp_dir().join(format!(
            "scrutiny-pty-{name}-{}-{}-{nanos}",
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
        let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/prevent-2020.yaml");
        let target = self.0.join("prevent-2020.yaml");
        std::fs::copy(&source, &target).expect("copy the example inspection");
        target
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
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
    /// Kept open for the session's life; read for termios on Linux.
    #[cfg_attr(not(target_os = "linux"), allow(dead_code))]
    master: Box<dyn MasterPty + Send>,
}

impl Session {
    fn spawn(cwd: &Path, args: &[&str]) -> Self {
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
        cmd.cwd(cwd);
        cmd.env("TERM", "xterm-256color");
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
            master,
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

    fn raw_len(&self) -> usize {
        self.output.lock().expect("output lock").raw.len()
    }

    fn raw_since(&self, start: usize) -> Vec<u8> {
        self.output.lock().expect("output lock").raw[start..].to_vec()
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

    fn wait_gone(&self, text: &str) {
        self.wait_until(&format!("{text:?} to go"), |s| !s.contains(text));
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

    fn pid(&self) -> u32 {
        self.child.process_id().expect("child pid")
    }

    /// The pty's local flags (ICANON, ECHO, ...), as the kernel has them.
    #[cfg(target_os = "linux")]
    fn local_flags(&self) -> u32 {
        self.master
            .get_termios()
            .expect("termios of the pty")
            .local_flags
            .bits()
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

fn review_path(dir: &TempDir) -> PathBuf {
    dir.path().join("prevent-2020.review.yaml")
}

fn read_review(dir: &TempDir) -> String {
    let path = review_path(dir);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

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

    let review = read_review(&dir);
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
    assert_eq!(read_review(&dir), review);
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

    let review = read_review(&dir);
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
    {
        let out = app.output.lock().expect("output lock");
        let screen = out.parser.screen();
        assert!(!screen.alternate_screen(), "still on the alternate screen");
        assert!(!screen.hide_cursor(), "the cursor is still hidden");
        assert!(!screen.bracketed_paste(), "bracketed paste is still on");
    }
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

    let good = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/prevent-2020.yaml");
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
        let review = read_review(&dir);
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
