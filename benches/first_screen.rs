//! Time to first screen and peak memory of the real `scrutiny` binary (the
//! bench profile, so a release build), run in a 200x50 pseudo-terminal as a
//! reviewer would run it; and, for comparison, `scrutiny check` on the same
//! file.
//!
//! `cargo bench --bench first_screen` times synthetic inspections of 10,000
//! and 100,000 items, one of a single item of 100 MB of text, and the
//! bundled example;
//! `cargo bench --bench first_screen -- FILE...` times the given files
//! instead.
//!
//! First screen is the moment the emulated terminal shows the "Findings"
//! pane and the keys line at the bottom (drawn last), timed from just before
//! the spawn. Peak memory is the child's `VmHWM` at that moment; `check`'s
//! comes from `/usr/bin/time`, where there is one.
//!
//! Each run starts without a review: the review file is named with
//! `--review` in a scratch folder, emptied before every run, so no review or
//! lock beside the timed files is read, written or removed.
//!
//! The cache of inspections read is in the scratch folder too: cold runs
//! start without it, warm runs with the one the run before left. Beside
//! them, for files under 20 MB, `PyYAML`'s C loader (`yaml.CLoader`) parsing
//! the same file, when `python3` has `yaml`: the time of `yaml.load`
//! alone, without starting Python.

mod common;

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, TryRecvError, channel};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};

const BINARY: &str = env!("CARGO_BIN_EXE_scrutiny");
const ROWS: u16 = 50;
const COLS: u16 = 200;
/// The longest wait for a first screen before the bench gives up.
const SCREEN_TIMEOUT: Duration = Duration::from_secs(60);
/// The longest wait for the app to leave after `q`.
const EXIT_TIMEOUT: Duration = Duration::from_secs(10);
/// Files this big or bigger get fewer runs.
const BIG_FILE: u64 = 20_000_000;
const POLL: Duration = Duration::from_millis(10);

/// crossterm asks where the cursor is and waits for the answer.
const CURSOR_QUERY: &[u8] = b"\x1b[6n";
const CURSOR_REPLY: &[u8] = b"\x1b[1;1R";

/// A folder for the review and config of the timed runs, removed on drop.
struct Scratch(PathBuf);

impl Scratch {
    fn new() -> Self {
        let dir =
            std::env::temp_dir().join(format!("scrutiny-first-screen-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("create the scratch folder");
        Self(dir)
    }

    fn review(&self) -> PathBuf {
        self.0.join("bench.review.yaml")
    }

    /// The cache folder of the timed runs.
    fn cache(&self) -> PathBuf {
        self.0.join("cache")
    }

    /// Remove the cache, so the next run is a cold one.
    fn forget_cache(&self) {
        let _ = std::fs::remove_dir_all(self.cache());
    }

    /// Remove the review and its lock, so the run starts as the first did.
    fn reset(&self) {
        for name in ["bench.review.yaml", ".bench.review.yaml.lock"] {
            let _ = std::fs::remove_file(self.0.join(name));
        }
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The child in the pty; killed if it is still running when dropped.
struct Running(Box<dyn Child + Send + Sync>);

impl Drop for Running {
    fn drop(&mut self) {
        if matches!(self.0.try_wait(), Ok(None)) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
}

/// The emulated terminal: parses the app's output and answers its
/// cursor-position queries.
struct Terminal {
    parser: vt100::Parser,
    writer: Box<dyn Write + Send>,
    /// The end of the previous chunk, in case a query is split across two.
    tail: Vec<u8>,
}

impl Terminal {
    fn feed(&mut self, chunk: &[u8]) {
        self.parser.process(chunk);
        let mut seen = std::mem::take(&mut self.tail);
        seen.extend_from_slice(chunk);
        let queries = seen
            .windows(CURSOR_QUERY.len())
            .filter(|w| *w == CURSOR_QUERY)
            .count();
        for _ in 0..queries {
            let _ = self.writer.write_all(CURSOR_REPLY);
        }
        let _ = self.writer.flush();
        // Keep only what could still start a query: too short to hold a
        // whole one, so none is counted twice.
        let keep = seen.len().min(CURSOR_QUERY.len() - 1);
        self.tail = seen.split_off(seen.len() - keep);
    }

    fn contents(&self) -> String {
        self.parser.screen().contents()
    }

    /// The first screen is up: the findings pane is drawn, and so is the
    /// keys line at the bottom, which a frame draws last.
    fn first_screen(&self) -> bool {
        let screen = self.parser.screen();
        screen
            .rows(0, COLS)
            .last()
            .is_some_and(|keys| keys.contains("quit"))
            && screen.contents().contains("Findings")
    }

    /// Feed whatever has arrived without waiting.
    fn drain(&mut self, chunks: &Receiver<Vec<u8>>) {
        loop {
            match chunks.try_recv() {
                Ok(chunk) => self.feed(&chunk),
                Err(TryRecvError::Empty | TryRecvError::Disconnected) => return,
            }
        }
    }
}

/// One run in the pty.
struct Run {
    first_screen: Duration,
    /// `VmHWM` of the child at its first screen, in KiB.
    peak_kib: Option<u64>,
}

/// Spawn scrutiny on `file` in a pty, wait for its first screen, read its
/// peak memory, and quit it.
fn first_screen(file: &Path, scratch: &Scratch) -> Result<Run, String> {
    scratch.reset();
    let mut session = Session::spawn(file, scratch)?;
    let first_screen = session.wait_for_first_screen()?;
    let peak_kib = session.child.0.process_id().and_then(vm_hwm_kib);
    session.quit(file);
    Ok(Run {
        first_screen,
        peak_kib,
    })
}

/// scrutiny running in a pty.
struct Session {
    child: Running,
    terminal: Terminal,
    /// What the reader thread read from the pty.
    chunks: Receiver<Vec<u8>>,
    /// Just before the spawn.
    start: Instant,
}

impl Session {
    fn spawn(file: &Path, scratch: &Scratch) -> Result<Self, String> {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .map_err(|e| format!("cannot open a pty: {e}"))?;
        let mut cmd = CommandBuilder::new(BINARY);
        cmd.arg("--reviewer");
        cmd.arg("bench");
        cmd.arg("--review");
        cmd.arg(scratch.review());
        cmd.arg(file);
        cmd.env("TERM", "xterm-256color");
        // No config.toml of whoever runs the bench: the default keys line.
        cmd.env("XDG_CONFIG_HOME", &scratch.0);
        // Nor their cache or places.
        cmd.env("XDG_CACHE_HOME", scratch.cache());
        cmd.env("XDG_STATE_HOME", &scratch.0);

        let start = Instant::now();
        let child = pair
            .slave
            .spawn_command(cmd)
            .map_err(|e| format!("cannot spawn {BINARY}: {e}"))?;
        let child = Running(child);
        // Only the child keeps the slave open, so reading ends when it exits.
        drop(pair.slave);
        let mut reader = pair
            .master
            .try_clone_reader()
            .map_err(|e| format!("pty reader: {e}"))?;
        let writer = pair
            .master
            .take_writer()
            .map_err(|e| format!("pty writer: {e}"))?;
        let (send, chunks) = channel();
        thread::spawn(move || {
            let mut buf = vec![0; 64 * 1024];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        if send.send(buf[..n].to_vec()).is_err() {
                            break;
                        }
                    }
                }
            }
        });
        let terminal = Terminal {
            parser: vt100::Parser::new(
                NonZeroU16::new(ROWS).expect("rows are not zero"),
                NonZeroU16::new(COLS).expect("columns are not zero"),
                0,
            ),
            writer,
            tail: Vec::new(),
        };
        Ok(Self {
            child,
            terminal,
            chunks,
            start,
        })
    }

    /// The time from spawn to first screen; or what the screen shows when
    /// there is none.
    fn wait_for_first_screen(&mut self) -> Result<Duration, String> {
        let deadline = self.start + SCREEN_TIMEOUT;
        loop {
            match self
                .chunks
                .recv_timeout(deadline.saturating_duration_since(Instant::now()))
            {
                Ok(chunk) => {
                    self.terminal.feed(&chunk);
                    if self.terminal.first_screen() {
                        return Ok(self.start.elapsed());
                    }
                }
                Err(RecvTimeoutError::Timeout) => {
                    return Err(format!(
                        "no first screen after {} s; the screen shows:\n{}",
                        SCREEN_TIMEOUT.as_secs(),
                        self.terminal.contents()
                    ));
                }
                Err(RecvTimeoutError::Disconnected) => {
                    // The pty closed: the child has exited.
                    let status = self
                        .child
                        .0
                        .wait()
                        .map_or_else(|e| e.to_string(), |s| s.to_string());
                    return Err(format!(
                        "scrutiny left before its first screen ({status}); the screen shows:\n{}",
                        self.terminal.contents()
                    ));
                }
            }
        }
    }

    /// Press `q` and wait for the app to leave; kill it if it does not.
    fn quit(mut self, file: &Path) {
        let _ = self.terminal.writer.write_all(b"q");
        let _ = self.terminal.writer.flush();
        let deadline = Instant::now() + EXIT_TIMEOUT;
        loop {
            self.terminal.drain(&self.chunks);
            match self.child.0.try_wait() {
                Ok(Some(status)) => {
                    if !status.success() {
                        eprintln!("{}: scrutiny quit with {status}", file.display());
                    }
                    return;
                }
                Ok(None) if Instant::now() < deadline => thread::sleep(POLL),
                Ok(None) | Err(_) => {
                    eprintln!(
                        "{}: scrutiny did not quit within {} s of q; killed",
                        file.display(),
                        EXIT_TIMEOUT.as_secs()
                    );
                    // Dropping `self` kills it.
                    return;
                }
            }
        }
    }
}

/// The `VmHWM` (peak resident set) of process `pid`, in KiB.
fn vm_hwm_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// One `scrutiny check FILE`: how long it took, and whether it passed.
fn check(file: &Path) -> Result<(Duration, bool), String> {
    let start = Instant::now();
    let status = Command::new(BINARY)
        .arg("check")
        .arg(file)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .map_err(|e| format!("cannot run {BINARY} check: {e}"))?;
    Ok((start.elapsed(), status.success()))
}

/// The peak resident set of `scrutiny check FILE` in KiB, as
/// `/usr/bin/time` reports it; `None` without it.
fn check_peak_kib(file: &Path, scratch: &Scratch) -> Option<u64> {
    let time = Path::new("/usr/bin/time");
    if !time.exists() {
        return None;
    }
    let out = scratch.0.join("check-time.txt");
    Command::new(time)
        .arg("-f")
        .arg("%M")
        .arg("-o")
        .arg(&out)
        .arg(BINARY)
        .arg("check")
        .arg(file)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .ok()?;
    // A failing command gets a line of its own before the figure.
    let report = std::fs::read_to_string(&out).ok()?;
    report
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())?
        .trim()
        .parse()
        .ok()
}

fn median(times: &mut [Duration]) -> Duration {
    times.sort();
    times[times.len() / 2]
}

#[allow(clippy::cast_precision_loss, reason = "sizes are far below 2^52")]
fn to_f64(n: u64) -> f64 {
    n as f64
}

/// Milliseconds, with a decimal below 10.
fn ms(d: Duration) -> String {
    let ms = d.as_secs_f64() * 1e3;
    if ms < 10.0 {
        format!("{ms:.1}")
    } else {
        format!("{ms:.0}")
    }
}

/// A number with a decimal below 10.
fn figure(x: f64) -> String {
    if x < 10.0 {
        format!("{x:.1}")
    } else {
        format!("{x:.0}")
    }
}

/// Time `file`; its line of the report.
fn measure(file: &Path, scratch: &Scratch) -> Result<String, String> {
    use std::fmt::Write as _;
    let size = std::fs::metadata(file)
        .map_err(|e| format!("cannot read {}: {e}", file.display()))?
        .len();
    let runs = if size < BIG_FILE { 5 } else { 3 };
    let mut screens = Vec::with_capacity(runs);
    let mut warm = Vec::with_capacity(runs);
    let mut peak_kib: Option<u64> = None;
    for _ in 0..runs {
        scratch.forget_cache();
        let run = first_screen(file, scratch)?;
        screens.push(run.first_screen);
        peak_kib = peak_kib.max(run.peak_kib);
    }
    for _ in 0..runs {
        warm.push(first_screen(file, scratch)?.first_screen);
    }
    scratch.reset();
    let mut checks = Vec::with_capacity(runs);
    let mut passed = true;
    for _ in 0..runs {
        let (time, ok) = check(file)?;
        checks.push(time);
        passed &= ok;
    }
    let pyyaml = if size < BIG_FILE {
        (0..3).map(|_| pyyaml(file)).collect::<Result<Vec<_>, _>>()
    } else {
        Err("not run on a file this large".to_owned())
    };
    let check_peak = check_peak_kib(file, scratch);

    let screen = median(&mut screens);
    let warm = median(&mut warm);
    let check = median(&mut checks);
    let name = file.file_name().map_or_else(
        || file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let mut line = format!(
        "{name} ({:.2} MB): first screen cold median {} ms (min {}, {runs} runs), warm median {} ms; check median {} ms{}; cold/check {}x",
        to_f64(size) / 1e6,
        ms(screen),
        ms(screens[0]),
        ms(warm),
        ms(check),
        if passed {
            ""
        } else {
            " (check found problems)"
        },
        figure(screen.as_secs_f64() / check.as_secs_f64()),
    );
    let _ = write!(
        line,
        "; peak memory {} the file (check {})",
        memory(peak_kib, size),
        memory(check_peak, size)
    );
    match pyyaml {
        Ok(mut times) => {
            let parse = median(&mut times);
            let _ = write!(
                line,
                "; PyYAML CLoader parse median {} ms, {}x the warm first screen",
                ms(parse),
                figure(parse.as_secs_f64() / warm.as_secs_f64())
            );
        }
        Err(why) => {
            let _ = write!(line, "; PyYAML CLoader {why}");
        }
    }
    Ok(line)
}

/// How long `PyYAML`'s C loader takes to parse `file`, Python's start not
/// counted; why not, when there is no `python3` with `yaml` and `CLoader`.
fn pyyaml(file: &Path) -> Result<Duration, String> {
    const TIMED: &str = "import sys, time, yaml\n\
        text = open(sys.argv[1], 'rb').read()\n\
        start = time.perf_counter()\n\
        yaml.load(text, Loader=yaml.CLoader)\n\
        print(time.perf_counter() - start)\n";
    let out = Command::new("python3")
        .arg("-c")
        .arg(TIMED)
        .arg(file)
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .map_err(|e| format!("not run: no python3 ({e})"))?;
    if !out.status.success() {
        return Err("not run: python3 has no yaml with CLoader".to_owned());
    }
    String::from_utf8_lossy(&out.stdout)
        .trim()
        .parse::<f64>()
        .map(Duration::from_secs_f64)
        .map_err(|e| format!("not run: unreadable time ({e})"))
}

/// "23 MiB = 2.8x" of a peak in KiB, against a file of `size` bytes.
fn memory(kib: Option<u64>, size: u64) -> String {
    kib.map_or_else(
        || "n/a".to_owned(),
        |kib| {
            format!(
                "{} MiB = {}x",
                figure(to_f64(kib) / 1024.0),
                figure(to_f64(kib) * 1024.0 / to_f64(size.max(1)))
            )
        },
    )
}

fn main() {
    // cargo passes `--bench`; anything else not a flag is a file to time.
    let given: Vec<PathBuf> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        // The app runs in a scratch folder: name the files in full.
        .map(|a| std::path::absolute(&a).unwrap_or_else(|_| PathBuf::from(a)))
        .collect();
    let files = if given.is_empty() {
        let mut files: Vec<PathBuf> = [10_000, 100_000]
            .into_iter()
            .filter_map(|items| {
                let file = common::generated(items);
                if file.is_none() {
                    eprintln!("cannot write the synthetic inspection of {items} items");
                }
                file
            })
            .collect();
        // One item whose text is 100 MB: the first screen shows a page of it.
        match common::generated_huge_item(100) {
            Some(file) => files.push(file),
            None => eprintln!("cannot write the inspection of one huge item"),
        }
        files.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("data/prevent-2020.yaml"));
        files
    } else {
        given
    };
    let scratch = Scratch::new();
    for file in &files {
        match measure(file, &scratch) {
            Ok(line) => println!("{line}"),
            Err(e) => {
                eprintln!("{}: {e}", file.display());
                drop(scratch);
                std::process::exit(1);
            }
        }
    }
}
