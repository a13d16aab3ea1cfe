//! The harness the tests share: the real `scrutiny` binary in a
//! pseudo-terminal, driven by keystrokes, its screen read back through a
//! terminal emulator; the app without a terminal, built on a fixed day and
//! clock, typed into, drawn on a test backend and run through the real loop
//! on scripted keys; and temporary folders.
//!
//! Each test binary uses part of it, so what one leaves unused is not dead.
#![allow(dead_code)]

use std::collections::VecDeque;
use std::io::{self, Read, Write};
use std::num::NonZeroU16;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use jiff::civil::Date;
use portable_pty::{CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use scrutiny::tui::app::{Action, App, Effect, ModeKind, Msg};
use scrutiny::tui::runner::{self, Events, Exit, NoHost, Screen, Signals};
use scrutiny::{
    files::load_inspection,
    model::{Inspection, Review},
};

pub mod import_view;
pub mod portfolio;

/// How long to wait for anything before failing: generous, since a debug
/// build opening a 10,000-item inspection on a loaded machine is slow.
pub const TIMEOUT: Duration = Duration::from_secs(20);
/// Between ordinary keys, so each arrives as its own read.
pub const KEY_PAUSE: Duration = Duration::from_millis(60);
/// Between typed characters.
pub const CHAR_PAUSE: Duration = Duration::from_millis(25);
/// After Escape, so the next byte is not read as Alt+key.
pub const ESC_PAUSE: Duration = Duration::from_millis(250);
pub const POLL: Duration = Duration::from_millis(20);

/// crossterm asks where the cursor is and waits for the answer.
const CURSOR_QUERY: &[u8] = b"\x1b[6n";
const CURSOR_REPLY: &[u8] = b"\x1b[1;1R";

/// The bundled example inspection.
pub fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/prevent-2020.yaml")
}

/// A fresh, empty directory under the system temp dir, left for the caller
/// to remove.
pub fn temp_dir(name: &str) -> PathBuf {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let dir = std::env::temp_dir().join(format!(
        "scrutiny-{name}-{}-{}-{nanos}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir).expect("create temp dir");
    dir
}

/// A fresh directory under the system temp dir, removed on drop.
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn new(name: &str) -> Self {
        Self(temp_dir(name))
    }

    pub fn path(&self) -> &Path {
        &self.0
    }

    pub fn join(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }

    /// The names of the files in the directory, sorted.
    pub fn names(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(&self.0)
            .expect("list the temp dir")
            .map(|e| {
                e.expect("a directory entry")
                    .file_name()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        names.sort();
        names
    }

    /// The example inspection, copied in; its path.
    pub fn with_example(&self) -> PathBuf {
        let target = self.0.join("prevent-2020.yaml");
        std::fs::copy(example(), &target).expect("copy the example inspection");
        target
    }

    /// A file written in the directory; its path.
    pub fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.0.join(name);
        std::fs::write(&path, text).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
        path
    }

    /// The example's review file beside it.
    pub fn review_path(&self) -> PathBuf {
        self.0.join("prevent-2020.review.yaml")
    }

    /// The example's review file, as text.
    pub fn review(&self) -> String {
        let path = self.review_path();
        std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
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
pub struct Session {
    child: Box<dyn portable_pty::Child + Send + Sync>,
    writer: Writer,
    output: Arc<Mutex<Output>>,
    /// Kept open for the session's life; read for termios on Linux.
    master: Box<dyn MasterPty + Send>,
    /// The state folder of this session alone, unless the test names one
    /// (`XDG_STATE_HOME`): nothing is kept in the home of the person
    /// running the tests, nor carried from one session to the next.
    _state: Option<TempDir>,
    /// The cache folder of this session alone, likewise
    /// (`XDG_CACHE_HOME`).
    _cache: Option<TempDir>,
}

impl Session {
    /// Run scrutiny at 24x80 in `dir`.
    pub fn spawn(dir: &Path, args: &[&str]) -> Self {
        Self::spawn_sized(dir, args, 24, 80)
    }

    /// Run scrutiny in `dir` on a terminal of `rows` x `cols`, with the
    /// config directory pointed there so a `config.toml` of the person
    /// running the tests plays no part.
    pub fn spawn_sized(dir: &Path, args: &[&str], rows: u16, cols: u16) -> Self {
        Self::spawn_with_env(dir, args, (rows, cols), &[])
    }

    /// As `spawn_sized`, with these variables set, or taken away where
    /// the value is `None`.
    pub fn spawn_with_env(
        dir: &Path,
        args: &[&str],
        (rows, cols): (u16, u16),
        env: &[(&str, Option<&str>)],
    ) -> Self {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_scrutiny"));
        cmd.args(args);
        cmd.cwd(dir);
        cmd.env("TERM", "xterm-256color");
        // A locale that is not UTF-8 draws the screen in ASCII: the tests
        // read the Unicode one, whatever locale they are run in.
        cmd.env("LC_ALL", "C.UTF-8");
        cmd.env("XDG_CONFIG_HOME", dir);
        let state = (!env.iter().any(|(name, _)| *name == "XDG_STATE_HOME")).then(|| {
            let state = TempDir::new("state");
            cmd.env("XDG_STATE_HOME", state.path());
            state
        });
        let cache = (!env.iter().any(|(name, _)| *name == "XDG_CACHE_HOME")).then(|| {
            let cache = TempDir::new("cache");
            cmd.env("XDG_CACHE_HOME", cache.path());
            cache
        });
        for (name, value) in env {
            match value {
                Some(value) => cmd.env(name, value),
                None => cmd.env_remove(name),
            }
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn scrutiny");
        // Only the child keeps the slave open, so reading ends when it exits.
        drop(pair.slave);
        let master = pair.master;
        let reader = master.try_clone_reader().expect("pty reader");
        let writer: Writer = Arc::new(Mutex::new(master.take_writer().expect("pty writer")));
        let output = Arc::new(Mutex::new(Output {
            parser: vt100::Parser::new(
                NonZeroU16::new(rows).expect("rows"),
                NonZeroU16::new(cols).expect("cols"),
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
            _state: state,
            _cache: cache,
        }
    }

    pub fn send(&self, bytes: &[u8]) {
        let mut writer = self.writer.lock().expect("writer lock");
        writer.write_all(bytes).expect("write to the pty");
        writer.flush().expect("flush the pty");
    }

    /// One key, then a pause.
    pub fn key(&self, bytes: &[u8]) {
        self.send(bytes);
        thread::sleep(KEY_PAUSE);
    }

    /// Escape, then a pause long enough that it is not read as Alt.
    pub fn escape(&self) {
        self.send(b"\x1b");
        thread::sleep(ESC_PAUSE);
    }

    /// Text typed a character at a time.
    pub fn type_text(&self, text: &str) {
        let mut buf = [0; 4];
        for c in text.chars() {
            self.send(c.encode_utf8(&mut buf).as_bytes());
            thread::sleep(CHAR_PAUSE);
        }
    }

    pub fn screen(&self) -> String {
        self.output
            .lock()
            .expect("output lock")
            .parser
            .screen()
            .contents()
    }

    /// Every byte the app wrote so far.
    pub fn raw(&self) -> Vec<u8> {
        self.output.lock().expect("output lock").raw.clone()
    }

    pub fn raw_len(&self) -> usize {
        self.output.lock().expect("output lock").raw.len()
    }

    pub fn raw_since(&self, start: usize) -> Vec<u8> {
        self.output.lock().expect("output lock").raw[start..].to_vec()
    }

    /// Run `f` on the emulated terminal's screen state.
    pub fn with_screen<T>(&self, f: impl FnOnce(&vt100::Screen) -> T) -> T {
        f(self.output.lock().expect("output lock").parser.screen())
    }

    /// Poll the screen until `pred` holds, and return it; panic with the
    /// screen if it never does.
    pub fn wait_until(&self, what: &str, pred: impl Fn(&str) -> bool) -> String {
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

    pub fn wait_for(&self, text: &str) -> String {
        self.wait_until(&format!("{text:?}"), |s| s.contains(text))
    }

    pub fn wait_gone(&self, text: &str) -> String {
        self.wait_until(&format!("{text:?} to go"), |s| !s.contains(text))
    }

    /// Wait for the app to exit, then for its last output to be read.
    pub fn wait_exit(&mut self) -> ExitStatus {
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
    pub fn quit(&mut self) {
        self.key(b"q");
        let status = self.wait_exit();
        assert!(
            status.success(),
            "quit exited with {status}; the screen:\n{}",
            self.screen()
        );
    }

    /// Whether the app has not exited yet.
    pub fn is_running(&mut self) -> bool {
        self.child.try_wait().expect("poll the child").is_none()
    }

    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("child pid")
    }

    /// The pty's local flags (ICANON, ECHO, ...), as the kernel has them.
    #[cfg(target_os = "linux")]
    pub fn local_flags(&self) -> u32 {
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

/// The rows of a drawn buffer as plain strings, wide characters counted once.
pub fn buffer_rows(buffer: &ratatui::buffer::Buffer) -> Vec<String> {
    let width = usize::from(buffer.area.width);
    buffer
        .content
        .chunks(width)
        .map(|cells| {
            let mut row = String::new();
            let mut skip = 0;
            for cell in cells {
                if skip == 0 {
                    row.push_str(cell.symbol());
                }
                skip = usize::max(skip, unicode_width::UnicodeWidthStr::width(cell.symbol()))
                    .saturating_sub(1);
            }
            row
        })
        .collect()
}

/// Where `needle` first stands in `haystack`.
pub fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

// ------------------------------------------------- the app without a terminal

/// The moment the clock of every app built here is stopped at.
pub const NOW: &str = "2026-11-29T10:41:07Z";

pub fn date(text: &str) -> Date {
    text.parse().expect("a valid date")
}

/// The bundled example inspection: F1..F11, S1..S6, R1..R8.
pub fn example_inspection() -> Inspection {
    load_inspection(scrutiny::tui::session::EXAMPLE).expect("the bundled example loads")
}

/// An app on `inspection` and `review`, saving to `path`, reviewed by
/// `tester` on `today`, with its clock stopped at `NOW`.
pub fn new_app(
    inspection: Inspection,
    review: Review,
    path: impl Into<PathBuf>,
    on_disk: Option<Vec<u8>>,
    today: Date,
) -> App {
    App::new(
        inspection,
        review,
        path.into(),
        on_disk,
        "tester".into(),
        today,
    )
    .with_clock(Some(NOW.parse().expect("a valid timestamp")))
}

/// A key without modifiers.
pub fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

/// Type into whatever editor is open, one key at a time, `\n` as Enter;
/// what the keys asked for.
pub fn type_text(app: &mut App, text: &str) -> Vec<Effect> {
    let mut effects = Vec::new();
    for c in text.chars() {
        let code = if c == '\n' {
            KeyCode::Enter
        } else {
            KeyCode::Char(c)
        };
        effects.extend(app.update(Msg::EditorKey(key(code))));
    }
    effects
}

/// Select `id` in the pane that shows it, and focus that pane, as the
/// keys would: `NextPane` until that pane has the focus, then `MoveUp` or
/// `MoveDown` to its row, all through `update`. Panics if no pane shows
/// `id`, or if the app is not in its normal mode (where those actions
/// would act on an overlay or an editor instead).
pub fn select(app: &mut App, id: &str) {
    assert_eq!(
        app.mode().kind(),
        ModeKind::Normal,
        "select({id:?}) moves through the panes, which needs the normal mode"
    );
    let Some(pane) = app
        .panes()
        .iter()
        .position(|p| p.row_of(id, &app.inspection().items).is_some())
    else {
        let shown: Vec<String> = app
            .panes()
            .iter()
            .map(|p| {
                format!(
                    "{}: {}",
                    p.kind.short(),
                    p.ids(&app.inspection().items).collect::<Vec<_>>().join(" ")
                )
            })
            .collect();
        panic!(
            "{id} is not shown in any pane; they show:\n{}",
            shown.join("\n")
        );
    };
    for _ in 0..app.panes().len() {
        if app.focus() == pane {
            break;
        }
        app.update(Action::NextPane);
    }
    assert_eq!(
        app.focus(),
        pane,
        "NextPane did not reach the pane showing {id}"
    );
    let row = app.panes()[pane]
        .row_of(id, &app.inspection().items)
        .expect("shown in this pane");
    while app.panes()[pane].selected != row {
        let before = app.panes()[pane].selected;
        app.update(if before < row {
            Action::MoveDown
        } else {
            Action::MoveUp
        });
        assert_ne!(
            app.panes()[pane].selected,
            before,
            "moving toward {id} (row {row}) is stuck at row {before}"
        );
    }
    assert_eq!(app.selected_id(), Some(id));
}

pub fn note(app: &App, id: &str) -> Option<String> {
    app.entry(id).and_then(|e| e.note.clone())
}

/// `screen` drawn once on a test terminal of `width` x `height`, and told
/// where the frame went, as the runner does.
pub fn draw(screen: &mut impl Screen, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("a test terminal");
    runner::draw(
        &mut terminal,
        screen,
        &mut scrutiny::tui::ui::Cache::default(),
    )
    .expect("drawing cannot fail on a test backend");
    terminal
}

/// The screen as text, one quoted row per line (quotes show the width).
pub fn screen(screen: &mut impl Screen, width: u16, height: u16) -> String {
    draw(screen, width, height).backend().to_string()
}

/// Events from a script; runs out with `UnexpectedEof`.
pub struct Script(pub VecDeque<Event>);

impl Script {
    /// Each character as a key.
    pub fn keys(keys: &str) -> Self {
        let mut script = Script(VecDeque::new());
        script.chars(keys);
        script
    }

    pub fn chars(&mut self, text: &str) -> &mut Self {
        for c in text.chars() {
            self.code(KeyCode::Char(c));
        }
        self
    }

    pub fn code(&mut self, code: KeyCode) -> &mut Self {
        self.0.push_back(Event::Key(key(code)));
        self
    }
}

impl Events for Script {
    fn next(&mut self, _timeout: Duration) -> io::Result<Option<Event>> {
        self.0
            .pop_front()
            .map(Some)
            .ok_or_else(|| io::Error::from(io::ErrorKind::UnexpectedEof))
    }
}

/// Run the real loop on an 80x24 test terminal; how it ended, and the
/// terminal with the last frame.
pub fn run_loop(
    screen: &mut impl Screen,
    events: &mut impl Events,
) -> (Exit, Terminal<TestBackend>) {
    run_loop_with(screen, &mut runner::Files::default(), events)
}

/// What `effects` ask, without the text and bytes saving carries: `Save`,
/// `SaveTo(PATH)`, `ReadDisk(Merge)` and the like, for comparing.
pub fn shapes(effects: &[Effect]) -> Vec<String> {
    effects
        .iter()
        .map(|effect| match effect {
            Effect::Save { .. } => "Save".to_owned(),
            Effect::SaveTo { path, .. } => format!("SaveTo({})", path.display()),
            Effect::ReadDisk { purpose, .. } => format!("ReadDisk({purpose:?})"),
            other => format!("{other:?}"),
        })
        .collect()
}

/// Tell `app` its review is on disk as it now holds it, as the runner
/// reports a save that went through.
pub fn saved(app: &mut App) {
    let text = app.review_yaml();
    let path = app.save().path.clone();
    app.update(Msg::Saved(scrutiny::tui::app::SaveOutcome::Written {
        path,
        bytes: text.into_bytes(),
    }));
}

/// Scroll the detail of `app` to `row`, as a frame that settled there
/// reports it (the next frame keeps it within the text).
pub fn scroll_detail_to(app: &mut App, row: usize) {
    app.update(Msg::Drawn(scrutiny::tui::layout::ScreenLayout {
        detail_scroll: Some(row),
        ..Default::default()
    }));
}

/// `run_loop`, with the review's lock (and watch) in `files`.
pub fn run_loop_with(
    screen: &mut impl Screen,
    files: &mut runner::Files,
    events: &mut impl Events,
) -> (Exit, Terminal<TestBackend>) {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("a test terminal");
    let exit = runner::run(
        &mut terminal,
        screen,
        files,
        events,
        &mut NoHost,
        &Signals::default(),
    )
    .expect("the loop runs");
    (exit, terminal)
}
