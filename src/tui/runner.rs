//! The loop: draw, wait for an event, map it to an action, update, and
//! carry out the effects (saving, reading, suspending) that update asks for.

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crossterm::event::Event;
use ratatui::Terminal;
use ratatui::backend::Backend;

use crate::tui::app::{App, DiskContents, Effect, Held, LockReport, Msg, SaveOutcome};

use crate::files::store::{self, SaveError};

/// Where events come from: the terminal, or a script in tests.
pub trait Events {
    /// The next event, or `None` if none came within `timeout`. A scripted
    /// source that has run out answers `UnexpectedEof`.
    fn next(&mut self, timeout: Duration) -> io::Result<Option<Event>>;
}

pub struct TerminalEvents;

/// The least wait for a key: crossterm's `/dev/tty` source does not look at
/// the terminal at all for a zero timeout, so keys pressed while work goes
/// on (a search, the loading view) would never be read.
const LEAST_WAIT: Duration = Duration::from_millis(1);

impl Events for TerminalEvents {
    fn next(&mut self, timeout: Duration) -> io::Result<Option<Event>> {
        if crossterm::event::poll(timeout.max(LEAST_WAIT))? {
            crossterm::event::read().map(Some)
        } else if terminal_hung_up() {
            Err(io::Error::new(
                io::ErrorKind::BrokenPipe,
                "the terminal hung up",
            ))
        } else {
            Ok(None)
        }
    }
}

/// Whether the terminal we draw on has gone (its window closed, the
/// connection dropped). No SIGHUP need arrive for this to be so.
#[cfg(unix)]
fn terminal_hung_up() -> bool {
    use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
    use std::os::fd::AsFd;
    let stdout = io::stdout();
    let mut fds = [PollFd::new(stdout.as_fd(), PollFlags::empty())];
    poll(&mut fds, PollTimeout::ZERO).is_ok_and(|_| {
        fds[0]
            .revents()
            .is_some_and(|r| r.intersects(PollFlags::POLLHUP | PollFlags::POLLERR))
    })
}

/// Windows has no hang-up to poll for: a console that closes ends its
/// programs (`CTRL_CLOSE_EVENT`, whose handler would take unsafe code), so
/// this never says so, and unsaved work there is lost as with a kill.
#[cfg(windows)]
fn terminal_hung_up() -> bool {
    false
}

// The signals the loop acts on, by Unix's numbers. None arrive on Windows
// (see `Signals::register`); the hang-up's number there only names why the
// loop stopped (the exit code, 128 and it).
#[cfg(unix)]
use signal_hook::consts::{SIGHUP, SIGINT};
#[cfg(windows)]
const SIGHUP: i32 = 1;
#[cfg(windows)]
const SIGINT: i32 = 2;

/// What the loop needs of the real terminal beyond drawing.
pub trait Host<B: Backend> {
    fn suspend(&mut self, terminal: &mut Terminal<B>) -> io::Result<()>;
    /// Run `command` (the external editor) with the terminal handed to it,
    /// taking the terminal back after, however it ended.
    fn run_outside(
        &mut self,
        terminal: &mut Terminal<B>,
        command: &mut std::process::Command,
    ) -> io::Result<std::process::ExitStatus>;
}

/// For tests on a `TestBackend`: suspending does nothing, and a command
/// runs with no terminal to hand over (its input empty).
pub struct NoHost;

impl<B: Backend> Host<B> for NoHost {
    fn suspend(&mut self, _terminal: &mut Terminal<B>) -> io::Result<()> {
        Ok(())
    }

    fn run_outside(
        &mut self,
        _terminal: &mut Terminal<B>,
        command: &mut std::process::Command,
    ) -> io::Result<std::process::ExitStatus> {
        command.stdin(std::process::Stdio::null()).status()
    }
}

/// Termination signals, noted by a flag and acted on by the loop.
#[derive(Default)]
pub struct Signals {
    flags: Vec<(i32, Arc<AtomicBool>)>,
}

impl Signals {
    /// Watch SIGTERM, SIGHUP, SIGINT and SIGQUIT (Ctrl+Backslash, whose default
    /// would leave the lock file behind with a core dump).
    #[cfg(unix)]
    pub fn register() -> io::Result<Self> {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
        let mut flags = Vec::new();
        for signal in [SIGTERM, SIGHUP, SIGINT, SIGQUIT] {
            let flag = Arc::new(AtomicBool::new(false));
            signal_hook::flag::register(signal, Arc::clone(&flag))?;
            flags.push((signal, flag));
        }
        Ok(Signals { flags })
    }

    /// Windows has no SIGTERM nor SIGHUP, and Ctrl-C reaches a raw-mode
    /// console as a key: nothing is watched.
    #[cfg(windows)]
    pub fn register() -> io::Result<Self> {
        Ok(Signals::default())
    }

    /// Whether `signal` has come.
    fn has(&self, signal: i32) -> bool {
        self.flags
            .iter()
            .any(|(s, flag)| *s == signal && flag.load(Ordering::Relaxed))
    }

    /// Take back that `signal` came.
    fn forget(&self, signal: i32) {
        for (s, flag) in &self.flags {
            if *s == signal {
                flag.store(false, Ordering::Relaxed);
            }
        }
    }

    pub fn pending(&self) -> Option<i32> {
        self.flags
            .iter()
            .find(|(_, flag)| flag.load(Ordering::Relaxed))
            .map(|(signal, _)| *signal)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Quit,
    /// Stopped by this signal, after saving.
    Signal(i32),
    /// A scripted event source ran out.
    EndOfInput,
}

/// How often the loop looks at the signal flags while idle.
const TICK: Duration = Duration::from_millis(100);

/// Files from this size take long enough to open that the screen says so.
const OPENING_NOTICE_BYTES: usize = 2_000_000;

/// How often the screen is redrawn while work goes on, to show progress.
const WORK_FRAME: Duration = Duration::from_millis(100);

/// What the loop drives: one inspection's `App`, or a portfolio of them.
pub trait Screen {
    /// Draw a frame, changing nothing here; where it drew, for `update`.
    fn draw(
        &self,
        frame: &mut ratatui::Frame,
        cache: &mut crate::tui::ui::Cache,
    ) -> crate::tui::layout::ScreenLayout;
    /// The colours drawn in.
    fn theme(&self) -> crate::tui::ui::Theme;
    /// What an event sends to `update`.
    fn msg_for(&self, event: Event) -> Option<Msg>;
    /// The action an event is bound to, if it is bound to one.
    fn action_for(&self, event: Event) -> Option<crate::tui::app::Action> {
        match self.msg_for(event) {
            Some(Msg::Act(action)) => Some(action),
            _ => None,
        }
    }
    fn update(&mut self, msg: Msg) -> Vec<Effect>;
    /// The inspection open, whose review the saving effects act on.
    fn app_mut(&mut self) -> Option<&mut App>;
    /// What else holds changes not yet saved (the register): the effect
    /// that saves them, before stopping.
    fn unsaved_elsewhere(&mut self) -> Option<Effect> {
        None
    }
    /// Whether work is left that goes on between keystrokes.
    fn has_work(&self) -> bool {
        false
    }
    /// Do a slice of that work; `true` while more is left.
    fn work(&mut self) -> bool {
        false
    }
    /// Whether the screen has done what it was shown for, and the loop
    /// ends (the loading view, once what it read is in).
    fn finished(&self) -> bool {
        false
    }
}

impl Screen for App {
    fn draw(
        &self,
        frame: &mut ratatui::Frame,
        cache: &mut crate::tui::ui::Cache,
    ) -> crate::tui::layout::ScreenLayout {
        crate::tui::ui::render(self, frame, &self.theme(), cache)
    }

    fn theme(&self) -> crate::tui::ui::Theme {
        crate::tui::ui::Theme::new(self.colour()).with_glyphs(self.glyphs())
    }

    fn msg_for(&self, event: Event) -> Option<Msg> {
        event_action(self, event)
    }

    fn update(&mut self, msg: Msg) -> Vec<Effect> {
        App::update(self, msg)
    }

    fn app_mut(&mut self) -> Option<&mut App> {
        Some(self)
    }

    fn has_work(&self) -> bool {
        App::has_work(self)
    }

    fn work(&mut self) -> bool {
        App::work(self, crate::tui::app::SEARCH_SLICE)
    }
}

/// The overview, and the inspection opened from it.
impl Screen for crate::tui::portfolio::Portfolio {
    fn draw(
        &self,
        frame: &mut ratatui::Frame,
        cache: &mut crate::tui::ui::Cache,
    ) -> crate::tui::layout::ScreenLayout {
        if let Some((_, app)) = self.open() {
            return app.draw(frame, cache);
        }
        if let Some(register) = self.register() {
            return register.draw(frame, cache);
        }
        crate::tui::ui::portfolio::render(self, frame, &self.theme());
        crate::tui::layout::ScreenLayout::default()
    }

    fn theme(&self) -> crate::tui::ui::Theme {
        crate::tui::ui::Theme::new(self.colour()).with_glyphs(self.glyphs())
    }

    fn msg_for(&self, event: Event) -> Option<Msg> {
        if let (None, Some(register)) = (self.open(), self.register()) {
            return event_action(register, event);
        }
        match (self.open(), event) {
            (Some((_, app)), event) => event_action(app, event),
            // The overview's own modes: its list, its help, its search.
            (None, Event::Key(key)) => self.keys().msg_for(self.mode(), key),
            (None, Event::Paste(text)) => Some(Msg::Paste(text)),
            (None, _) => None,
        }
    }

    fn update(&mut self, msg: Msg) -> Vec<Effect> {
        crate::tui::portfolio::Portfolio::update(self, msg)
    }

    fn app_mut(&mut self) -> Option<&mut App> {
        self.open_mut()
    }

    fn unsaved_elsewhere(&mut self) -> Option<Effect> {
        self.register_unsaved()
    }

    fn has_work(&self) -> bool {
        self.open()
            .map(|(_, app)| &**app)
            .or(self.register())
            .is_some_and(App::has_work)
    }

    fn work(&mut self) -> bool {
        match self.open_mut() {
            Some(app) => app.work(crate::tui::app::SEARCH_SLICE),
            None => self
                .register_mut()
                .is_some_and(|r| r.work(crate::tui::app::SEARCH_SLICE)),
        }
    }
}

/// The action an event asks of an open inspection.
pub fn event_action(app: &App, event: Event) -> Option<Msg> {
    match event {
        Event::Key(key) => app.keys().msg_for(app.mode().kind(), key),
        Event::Paste(text) => Some(Msg::Paste(text)),
        Event::Mouse(mouse) => Some(Msg::Mouse(mouse)),
        _ => None,
    }
}

/// Run the loop on `screen` until it quits, a signal stops it, or the
/// events run out. `files` holds the open review's lock (taken by
/// `Files::lock` before, for a single inspection) and watches it.
pub fn run<B: Backend>(
    terminal: &mut Terminal<B>,
    screen: &mut impl Screen,
    files: &mut Files,
    events: &mut impl Events,
    host: &mut impl Host<B>,
    signals: &Signals,
) -> io::Result<Exit>
where
    B::Error: Send + Sync + 'static,
{
    let mut redraw = true;
    let mut cache = crate::tui::ui::Cache::default();
    let mut drawn = std::time::Instant::now();
    let mut loop_ = Loop {
        terminal,
        files,
        host,
        signals,
    };
    loop {
        if let Some(signal) = signals.pending() {
            return loop_.save_and_stop(screen, signal);
        }
        if redraw {
            draw(loop_.terminal, screen, &mut cache)?;
            redraw = false;
            drawn = std::time::Instant::now();
        }
        // Work left (a search through a large inspection) goes on a slice
        // at a time while no key is waiting, so keys are never held up.
        let busy = screen.has_work();
        let event = match events.next(if busy { Duration::ZERO } else { TICK }) {
            Ok(Some(event)) => event,
            Ok(None) if busy => {
                let more = screen.work();
                if screen.finished() {
                    return Ok(Exit::Quit);
                }
                redraw = !more || drawn.elapsed() >= WORK_FRAME;
                continue;
            }
            Ok(None) => {
                // Idle: look for changes others made to the review file.
                if let Some(msg) = loop_.files.check(screen) {
                    let effects = screen.update(msg);
                    redraw = true;
                    if loop_.carry_out(screen, effects)? {
                        return Ok(Exit::Quit);
                    }
                }
                continue;
            }
            Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Ok(Exit::EndOfInput),
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                return loop_.save_and_stop(screen, SIGHUP);
            }
            Err(e) => return Err(e),
        };
        redraw = true;
        if let Some(msg) = screen.msg_for(event) {
            let effects = screen.update(msg);
            if loop_.carry_out(screen, effects)? {
                return Ok(Exit::Quit);
            }
        }
    }
}

/// Draw a frame of `screen`, and hand it where the frame went.
pub fn draw<B: Backend>(
    terminal: &mut Terminal<B>,
    screen: &mut impl Screen,
    cache: &mut crate::tui::ui::Cache,
) -> io::Result<()>
where
    B::Error: Send + Sync + 'static,
{
    let mut layout = None;
    terminal
        .draw(|frame| layout = Some(screen.draw(frame, cache)))
        .map_err(io::Error::other)?;
    if let Some(layout) = layout {
        // A frame drawn asks for nothing.
        let _ = screen.update(Msg::Drawn(layout));
    }
    Ok(())
}

/// How often the review file is looked at for changes made elsewhere.
const WATCH_EVERY: Duration = Duration::from_secs(1);

/// The open review's files, as the runner keeps them: the lock, held while
/// this session writes the review, and the watch for changes others make.
/// The runner carries out every effect on disk through these.
#[derive(Default)]
pub struct Files {
    lock: Option<crate::files::lock::ReviewLock>,
    watch: Watch,
    /// The program that opens web addresses, if not the one `opener`
    /// finds.
    opener: Option<std::ffi::OsString>,
    /// The state folder places are kept in for inspections opened from the
    /// overview, and whether a kept place is gone back to on opening one
    /// (not with `--fresh`); `None`: places are neither read nor kept.
    places: Option<(std::path::PathBuf, bool)>,
    /// The cache folder the overview's numbers are kept in, if any.
    cache: Option<std::path::PathBuf>,
    /// The review just opened has not yet been looked at for conflict
    /// copies beside it.
    copies_unsought: bool,
}

/// The variable naming the program that opens web addresses, in place of
/// the system's (`xdg-open`, `open` on macOS, `explorer` on Windows).
pub const OPENER_VAR: &str = "SCRUTINY_OPENER";

/// The program that opens a web address: `SCRUTINY_OPENER` when set, else
/// the system's own.
pub fn opener() -> std::ffi::OsString {
    match std::env::var_os(OPENER_VAR) {
        Some(program) if !program.is_empty() => program,
        _ if cfg!(target_os = "macos") => "open".into(),
        // Opens an address in the default browser, no shell between.
        _ if cfg!(windows) => "explorer".into(),
        _ => "xdg-open".into(),
    }
}

/// Start `program` on `url`, the address as its one argument (no shell
/// reads it), with nothing to read and nowhere to write, in a process
/// group of its own (the terminal's signals are not its), and leave it to
/// run: a thread of its own waits for it, so it never blocks the screen.
/// Which program was asked, or why none could be.
pub fn open_url(program: &std::ffi::OsStr, url: &str) -> Result<String, String> {
    use std::process::{Command, Stdio};
    let name = program.to_string_lossy().into_owned();
    let shown = crate::text::inert_line(url).into_owned();
    match group_of_its_own(
        Command::new(program)
            .arg(url)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null()),
    )
    .spawn()
    {
        Ok(mut child) => {
            // Reaped when it ends, so no zombie is left behind.
            let _ = std::thread::Builder::new()
                .name("opener".into())
                .spawn(move || child.wait());
            Ok(name)
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => Err(format!(
            "No program to open web pages with ({} was not found; {OPENER_VAR} names another): the address is {shown}",
            crate::text::inert_line(&name)
        )),
        Err(e) => Err(format!(
            "Could not start {} ({e}): the address is {shown}",
            crate::text::inert_line(&name)
        )),
    }
}

#[cfg(unix)]
fn group_of_its_own(command: &mut std::process::Command) -> &mut std::process::Command {
    use std::os::unix::process::CommandExt as _;
    command.process_group(0)
}

/// Windows: `CREATE_NEW_PROCESS_GROUP`, so the console's Ctrl-C is not its.
#[cfg(windows)]
fn group_of_its_own(command: &mut std::process::Command) -> &mut std::process::Command {
    use std::os::windows::process::CommandExt as _;
    command.creation_flags(0x0000_0200)
}

/// Notices when the review file changes on disk (another reviewer, a
/// `git pull`, an editor) by its size and modification time, reading it
/// only then.
#[derive(Default)]
struct Watch {
    last: Option<std::time::Instant>,
    seen: Option<(std::path::PathBuf, u64, Option<std::time::SystemTime>)>,
}

impl Files {
    /// Take the lock of the open inspection's review, or find another
    /// scrutiny holds it; once it is ours, clear temporary files an
    /// interrupted save left. The screen is told what came of it; what it
    /// asks in answer. One way for the inspection opened at start and for
    /// one opened from the overview.
    pub fn lock(&mut self, screen: &mut impl Screen) -> Vec<Effect> {
        let Some(app) = screen.app_mut() else {
            return Vec::new();
        };
        let report = self.take_lock(&app.save().path);
        // A sync tool's conflict copies of this review are looked for once
        // it is on screen (`check`), not before.
        self.copies_unsought = true;
        screen.update(Msg::Locked(report))
    }

    fn take_lock(&mut self, review: &std::path::Path) -> LockReport {
        use crate::files::lock;
        let held = match lock::acquire(review) {
            Ok(lock::Lock::Acquired(held)) => {
                let removed = lock::remove_stale_temporaries(&held, review);
                self.lock = Some(held);
                Held::Ours {
                    temporaries_removed: removed.len(),
                }
            }
            Ok(lock::Lock::HeldBy(who)) => Held::Theirs(who),
            Err(e) => Held::Unguarded(e.to_string()),
        };
        LockReport {
            held,
            other_names: lock::other_names(review),
        }
    }

    /// These files, opening web addresses with `program` rather than the
    /// one `opener` finds.
    #[must_use]
    pub fn with_opener(mut self, program: impl Into<std::ffi::OsString>) -> Self {
        self.opener = Some(program.into());
        self
    }

    /// These files, keeping places in the state folder `state` when an
    /// inspection opened from the overview is left, and going back to them
    /// when one is opened if `go_back`.
    #[must_use]
    pub fn with_places(mut self, state: Option<std::path::PathBuf>, go_back: bool) -> Self {
        self.places = state.map(|state| (state, go_back));
        self
    }

    /// These files, the overview's numbers read again through the cache
    /// in the folder `cache`.
    #[must_use]
    pub fn with_cache(mut self, cache: Option<std::path::PathBuf>) -> Self {
        self.cache = cache;
        self
    }

    /// Where the reviewer last was in the review of the inspection just
    /// opened, if a place is kept for it and it is to be gone back to.
    fn kept_place(&mut self, screen: &mut impl Screen) -> Option<crate::tui::place::Place> {
        let (state, true) = self.places.as_ref()? else {
            return None;
        };
        let app = screen.app_mut()?;
        let file = crate::tui::place::file_in(state, &app.save().path);
        // A place that cannot be read is passed over.
        crate::tui::place::read(&file).ok().flatten()
    }

    /// Whether this session holds the review's lock.
    pub fn is_locked(&self) -> bool {
        self.lock.is_some()
    }

    /// The review was let go (back to the overview): its lock with it.
    pub fn close(&mut self) {
        let opener = self.opener.take();
        let places = self.places.take();
        let cache = self.cache.take();
        *self = Files {
            opener,
            places,
            cache,
            ..Files::default()
        };
    }

    /// A read-only session takes the lock as soon as its writer lets go,
    /// so no third scrutiny can, and the app offers to write.
    pub fn take_over_if_free(&mut self, app: &App) -> Option<Msg> {
        if app.read_only().is_none() || self.lock.is_some() {
            return None;
        }
        self.lock = Some(crate::files::lock::try_take_over(&app.save().path)?);
        Some(Msg::LockFreed)
    }

    /// What the open inspection's files have to say while the screen is
    /// idle: once, as it opens, the sync tools' conflict copies beside its
    /// review; then, looked at once a second, the lock let go by another
    /// writer, or the review file changed on disk.
    pub fn check(&mut self, screen: &mut impl Screen) -> Option<Msg> {
        if std::mem::take(&mut self.copies_unsought)
            && let Some(app) = screen.app_mut()
            && !app.is_register()
        {
            let found =
                crate::files::copies::of_review(&app.save().path, &app.inspection().meta.id);
            if !found.is_empty() {
                return Some(Msg::CopiesFound(found));
            }
        }
        if self.watch.last.is_some_and(|t| t.elapsed() < WATCH_EVERY) {
            return None;
        }
        self.watch.last = Some(std::time::Instant::now());
        let app = screen.app_mut()?;
        if let Some(freed) = self.take_over_if_free(app) {
            return Some(freed);
        }
        if !app.watching() {
            return None;
        }
        let path = app.save().path.clone();
        let meta = std::fs::metadata(&path).ok();
        let stamp = (
            path,
            meta.as_ref().map_or(0, std::fs::Metadata::len),
            meta.and_then(|m| m.modified().ok()),
        );
        // A file that did not change is not read again, nor one that could
        // not be read until it changes.
        if self.watch.seen.as_ref() == Some(&stamp) {
            return None;
        }
        self.watch.seen = Some(stamp);
        disk_change(app)
    }

    /// Carry out an effect on the open inspection's files; the message
    /// that reports how it went.
    #[allow(clippy::too_many_lines, reason = "one arm per effect, read as a table")]
    pub fn perform(&mut self, effect: Effect) -> Option<Msg> {
        let report = match effect {
            Effect::Save {
                path,
                text,
                expected,
            } => Msg::Saved(
                match store::save_review(&path, &text, expected.as_deref()) {
                    Ok(()) => SaveOutcome::Written {
                        path,
                        bytes: text.into_bytes(),
                    },
                    Err(SaveError::ChangedOnDisk { .. }) => SaveOutcome::ChangedOnDisk,
                    // `write_atomic` removes its own temporary file.
                    Err(e) => SaveOutcome::Failed(e.to_string()),
                },
            ),
            Effect::SaveTo { path, text } => Msg::Saved(self.save_to(path, text)),
            Effect::ReadCopies { copies, id } => Msg::CopiesRead(
                copies
                    .into_iter()
                    .map(|found| {
                        let read = crate::files::copies::read(&found, &id);
                        (found, read)
                    })
                    .collect(),
            ),
            Effect::SetAside(copies) => {
                let now = jiff::Timestamp::now();
                Msg::CopiesSetAside(
                    copies
                        .iter()
                        .map(|found| {
                            crate::files::copies::set_aside(found, now)
                                .map_err(|e| format!("{}: {e}", found.describe()))
                        })
                        .collect(),
                )
            }
            Effect::ReadDisk { path, purpose } => match store::read_if_present(&path) {
                Ok(bytes) => Msg::DiskContents(DiskContents { purpose, bytes }),
                Err(e) => Msg::Saved(SaveOutcome::Failed(format!(
                    "cannot read {}: {e}",
                    path.display()
                ))),
            },
            Effect::Write {
                path,
                bytes,
                what,
                gaps,
            } => Msg::Exported(
                store::write_document(&path, &bytes, store::state_dir().as_deref())
                    .map(|kept| crate::tui::app::Written {
                        path: path.clone(),
                        kept,
                        what,
                        gaps,
                    })
                    .map_err(|e| format!("cannot write {}: {e}", path.display())),
            ),
            Effect::Close => {
                self.close();
                return None;
            }
            Effect::KeepPlace { review, place } => {
                if let Some((state, _)) = &self.places {
                    // Only a convenience: if it cannot be kept, nothing is said.
                    let _ = crate::tui::place::write(
                        &crate::tui::place::file_in(state, &review),
                        &place,
                    );
                }
                return None;
            }
            Effect::WriteInspection { path, yaml, over } => {
                Msg::Imported(crate::import::write::write(&path, &yaml, over))
            }
            Effect::WriteState { path, bytes, what } => Msg::Exported(
                path.parent()
                    .map_or(Ok(()), std::fs::create_dir_all)
                    .and_then(|()| store::write_atomic(&path, &bytes))
                    .map(|()| crate::tui::app::Written {
                        path: path.clone(),
                        kept: None,
                        what,
                        gaps: None,
                    })
                    .map_err(|e| format!("cannot write {}: {e}", path.display())),
            ),
            Effect::SaveReviews(writes) => {
                Msg::SavedReviews(writes.iter().map(crate::tui::register::save).collect())
            }
            Effect::OpenUrl(url) => {
                let program = self.opener.clone().unwrap_or_else(opener);
                Msg::UrlOpened(open_url(&program, &url))
            }
            // The loop handles these.
            Effect::Quit
            | Effect::Suspend
            | Effect::Open(_)
            | Effect::OpenAt { .. }
            | Effect::Follow(_)
            | Effect::ReadAll(_)
            | Effect::Pack { .. }
            | Effect::EditExternally { .. } => {
                return None;
            }
        };
        Some(report)
    }

    /// Save the review to a new file, locked first: no second scrutiny may
    /// open it to write while this one does. The lock moves there with it.
    fn save_to(&mut self, path: std::path::PathBuf, text: String) -> SaveOutcome {
        use crate::files::lock;
        let name = crate::text::inert_line(&path.display().to_string()).into_owned();
        // Never overwrite another file: a review is someone's work.
        if std::fs::symlink_metadata(&path).is_ok() {
            return SaveOutcome::Failed(format!("{name} already exists; choose another name"));
        }
        let held = match lock::acquire(&path) {
            Ok(lock::Lock::Acquired(held)) => Some(held),
            Ok(lock::Lock::HeldBy(who)) => {
                return SaveOutcome::Failed(format!(
                    "{name} is being written by {who}; choose another name"
                ));
            }
            // No lock can be made there (a read-only folder says so on writing).
            Err(_) => None,
        };
        match store::write_atomic(&path, text.as_bytes()) {
            Ok(()) => {
                if held.is_some() {
                    self.lock = held;
                }
                SaveOutcome::Written {
                    path,
                    bytes: text.into_bytes(),
                }
            }
            Err(e) => SaveOutcome::Failed(format!("cannot save {name}: {e}")),
        }
    }
}

/// The review file as it is on disk, for `app` to merge or show, if it is
/// not what the app last read or wrote; why not, if it cannot be read.
pub fn disk_change(app: &App) -> Option<Msg> {
    match store::read_if_present(&app.save().path) {
        Ok(bytes) => (bytes != app.save().on_disk).then(|| {
            Msg::DiskContents(DiskContents {
                purpose: app.disk_purpose(),
                bytes,
            })
        }),
        Err(e) => Some(Msg::DiskUnreadable(e.to_string())),
    }
}

/// Every inspection of the overview read again from disk, in the same
/// order, on every core: each one's numbers, or why it did not load.
/// `cache`: the folder whose cache the numbers of unchanged inspections
/// are taken from.
pub fn read_all(
    paths: &[std::path::PathBuf],
    cache: Option<&std::path::Path>,
) -> (
    Vec<crate::tui::portfolio::Entry>,
    Vec<Option<crate::files::workspace::Pair>>,
) {
    crate::tui::reading::read_reports(paths, cache, &std::sync::atomic::AtomicUsize::new(0))
}

/// The loop's hold on the terminal and the files, for carrying out effects.
struct Loop<'a, B: Backend, H: Host<B>> {
    terminal: &'a mut Terminal<B>,
    files: &'a mut Files,
    host: &'a mut H,
    signals: &'a Signals,
}

impl<B: Backend, H: Host<B>> Loop<'_, B, H> {
    /// Stop for `signal` (or a hung-up terminal, as SIGHUP), first saving
    /// anything unsaved; a note in the editor counts as kept.
    fn save_and_stop(&mut self, screen: &mut impl Screen, signal: i32) -> io::Result<Exit> {
        if let Some(app) = screen.app_mut() {
            // A note being typed joins the review, and marks it unsaved.
            app.keep_draft();
            if let Some(save) = app.save_if_unsaved() {
                self.carry_out(screen, vec![save])?;
            }
        }
        if let Some(save) = screen.unsaved_elsewhere() {
            self.carry_out(screen, vec![save])?;
        }
        Ok(Exit::Signal(signal))
    }

    /// Do the effects, feeding results back through `update`. `true` to quit.
    fn carry_out(&mut self, screen: &mut impl Screen, effects: Vec<Effect>) -> io::Result<bool> {
        let mut queue = std::collections::VecDeque::from(effects);
        while let Some(effect) = queue.pop_front() {
            let follow = match effect {
                Effect::Quit => return Ok(true),
                Effect::Suspend => {
                    self.host.suspend(self.terminal)?;
                    Vec::new()
                }
                Effect::Open(path) | Effect::OpenAt { path, .. } => self.open(screen, &path),
                Effect::ReadAll(paths) => {
                    let cache = self.files.cache.clone();
                    let (entries, pairs) = read_all(&paths, cache.as_deref());
                    screen.update(Msg::ReadAgain(entries, pairs))
                }
                Effect::Pack {
                    files,
                    since,
                    until,
                } => screen.update(Msg::Pack(crate::tui::portfolio::pack(&files, since, until))),
                Effect::EditExternally { id, text } => {
                    let (host, terminal) = (&mut *self.host, &mut *self.terminal);
                    // Ctrl-C typed in an editor that leaves the terminal
                    // cooked interrupts us too: it was meant for the editor.
                    let sigint = SIGINT;
                    let interrupted = self.signals.has(sigint);
                    let result = crate::tui::external::edit(&text, |command| {
                        host.run_outside(terminal, command)
                    });
                    if !interrupted {
                        self.signals.forget(sigint);
                    }
                    screen.update(Msg::EditedExternally(crate::tui::app::ExternalEdit {
                        id,
                        result,
                    }))
                }
                other => match self.files.perform(other) {
                    Some(report) => screen.update(report),
                    None => Vec::new(),
                },
            };
            queue.extend(follow);
        }
        Ok(false)
    }

    /// Load an inspection for the overview, saying so on screen when it is
    /// large, and lock its review once it is open.
    fn open(&mut self, screen: &mut impl Screen, path: &std::path::Path) -> Vec<Effect> {
        // A large file takes seconds: say so rather than freeze.
        let size =
            std::fs::metadata(path).map_or(0, |m| usize::try_from(m.len()).unwrap_or(usize::MAX));
        if size >= OPENING_NOTICE_BYTES {
            let name = path.display().to_string();
            let theme = screen.theme();
            // Only a notice: if it cannot be drawn, the file still opens.
            let _ = self.terminal.draw(|f| {
                crate::tui::ui::loading::render(
                    f,
                    &name,
                    None,
                    crate::tui::ui::loading::Total::Bytes(size),
                    theme,
                );
            });
        }
        let opened = crate::files::workspace::load_pair(path, None).map_err(|e| e.to_string());
        let mut follow = screen.update(Msg::Opened(Box::new(opened)));
        if let Some(place) = self.files.kept_place(screen) {
            follow.extend(screen.update(Msg::Place(Box::new(place))));
        }
        follow.extend(self.files.lock(screen));
        follow
    }
}
