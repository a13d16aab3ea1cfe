//! The loop: draw, wait for an event, map it to an action, update, and
//! carry out the effects (saving, reading, suspending) that update asks for.

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crossterm::event::Event;
use ratatui::Terminal;
use ratatui::backend::Backend;

use crate::tui::app::{App, DiskContents, Effect, Msg, SaveOutcome};

use crate::files::store::{self, SaveError};

/// Where events come from: the terminal, or a script in tests.
pub trait Events {
    /// The next event, or `None` if none came within `timeout`. A scripted
    /// source that has run out answers `UnexpectedEof`.
    fn next(&mut self, timeout: Duration) -> io::Result<Option<Event>>;
}

pub struct TerminalEvents;

impl Events for TerminalEvents {
    fn next(&mut self, timeout: Duration) -> io::Result<Option<Event>> {
        if crossterm::event::poll(timeout)? {
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

/// What the loop needs of the real terminal beyond drawing.
pub trait Host<B: Backend> {
    fn suspend(&mut self, terminal: &mut Terminal<B>) -> io::Result<()>;
}

/// For tests on a `TestBackend`: suspending does nothing.
pub struct NoHost;

impl<B: Backend> Host<B> for NoHost {
    fn suspend(&mut self, _terminal: &mut Terminal<B>) -> io::Result<()> {
        Ok(())
    }
}

/// Termination signals, noted by a flag and acted on by the loop.
#[derive(Default)]
pub struct Signals {
    flags: Vec<(i32, Arc<AtomicBool>)>,
}

impl Signals {
    /// Watch SIGTERM, SIGHUP and SIGINT.
    pub fn register() -> io::Result<Self> {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        let mut flags = Vec::new();
        for signal in [SIGTERM, SIGHUP, SIGINT] {
            let flag = Arc::new(AtomicBool::new(false));
            signal_hook::flag::register(signal, Arc::clone(&flag))?;
            flags.push((signal, flag));
        }
        Ok(Signals { flags })
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
    /// Whether work is left that goes on between keystrokes.
    fn has_work(&self) -> bool {
        false
    }
    /// Do a slice of that work; `true` while more is left.
    fn work(&mut self) -> bool {
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
        crate::tui::ui::Theme::new(self.colour)
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
        if let Some((_, app)) = &self.open {
            return app.draw(frame, cache);
        }
        crate::tui::ui::portfolio::render(self, frame, &self.theme());
        crate::tui::layout::ScreenLayout::default()
    }

    fn theme(&self) -> crate::tui::ui::Theme {
        crate::tui::ui::Theme::new(self.colour)
    }

    fn msg_for(&self, event: Event) -> Option<Msg> {
        match (&self.open, event) {
            (Some((_, app)), event) => event_action(app, event),
            (None, Event::Key(key)) => self.keys.msg_for(crate::tui::app::ModeKind::Portfolio, key),
            (None, _) => None,
        }
    }

    fn update(&mut self, msg: Msg) -> Vec<Effect> {
        crate::tui::portfolio::Portfolio::update(self, msg)
    }

    fn app_mut(&mut self) -> Option<&mut App> {
        self.open.as_mut().map(|(_, app)| &mut **app)
    }
}

/// The action an event asks of an open inspection.
pub fn event_action(app: &App, event: Event) -> Option<Msg> {
    match event {
        Event::Key(key) => app.keys.msg_for(app.mode.kind(), key),
        Event::Paste(text) => Some(Msg::Paste(text)),
        Event::Mouse(mouse) => Some(Msg::Mouse(mouse)),
        _ => None,
    }
}

pub fn run<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut impl Screen,
    events: &mut impl Events,
    host: &mut impl Host<B>,
    signals: &Signals,
) -> io::Result<Exit>
where
    B::Error: Send + Sync + 'static,
{
    let mut redraw = true;
    let mut watch = Watch::default();
    let mut cache = crate::tui::ui::Cache::default();
    let mut drawn = std::time::Instant::now();
    loop {
        if let Some(signal) = signals.pending() {
            return save_and_stop(terminal, app, host, signal);
        }
        if redraw {
            draw(terminal, app, &mut cache)?;
            redraw = false;
            drawn = std::time::Instant::now();
        }
        // Work left (a search through a large inspection) goes on a slice
        // at a time while no key is waiting, so keys are never held up.
        let busy = app.has_work();
        let event = match events.next(if busy { Duration::ZERO } else { TICK }) {
            Ok(Some(event)) => event,
            Ok(None) if busy => {
                let more = app.work();
                redraw = !more || drawn.elapsed() >= WORK_FRAME;
                continue;
            }
            Ok(None) => {
                // Idle: look for changes others made to the review file.
                if let Some(action) = watch.check(app) {
                    let effects = app.update(action);
                    redraw = true;
                    if carry_out(terminal, app, host, effects)? {
                        return Ok(Exit::Quit);
                    }
                }
                continue;
            }
            Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Ok(Exit::EndOfInput),
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                return save_and_stop(terminal, app, host, signal_hook::consts::SIGHUP);
            }
            Err(e) => return Err(e),
        };
        redraw = true;
        if let Some(msg) = app.msg_for(event) {
            let effects = app.update(msg);
            if carry_out(terminal, app, host, effects)? {
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

/// Notices when the review file changes on disk (another reviewer, a
/// `git pull`, an editor) by its size and modification time, reading it
/// only then.
#[derive(Default)]
struct Watch {
    last: Option<std::time::Instant>,
    seen: Option<(std::path::PathBuf, u64, Option<std::time::SystemTime>)>,
}

impl Watch {
    fn check(&mut self, screen: &mut impl Screen) -> Option<Msg> {
        if self.last.is_some_and(|t| t.elapsed() < WATCH_EVERY) {
            return None;
        }
        self.last = Some(std::time::Instant::now());
        let app = screen.app_mut()?;
        if let Some(freed) = take_over_if_free(app) {
            return Some(freed);
        }
        if !app.watching() {
            return None;
        }
        let path = app.save.path.clone();
        let meta = std::fs::metadata(&path).ok();
        let stamp = (
            path,
            meta.as_ref().map_or(0, std::fs::Metadata::len),
            meta.and_then(|m| m.modified().ok()),
        );
        // A file that did not change is not read again, nor one that could
        // not be read until it changes.
        if self.seen.as_ref() == Some(&stamp) {
            return None;
        }
        self.seen = Some(stamp);
        disk_change(app)
    }
}

/// The review file as it is on disk, for `app` to merge or show, if it is
/// not what the app last read or wrote; why not, if it cannot be read.
pub fn disk_change(app: &App) -> Option<Msg> {
    match store::read_if_present(&app.save.path) {
        Ok(bytes) => (bytes != app.save.on_disk).then(|| {
            Msg::DiskContents(DiskContents {
                purpose: app.disk_purpose(),
                bytes,
            })
        }),
        Err(e) => Some(Msg::DiskUnreadable(e.to_string())),
    }
}

/// A read-only session takes the lock as soon as its writer lets go, so
/// no third scrutiny can, and offers to write.
pub fn take_over_if_free(app: &mut App) -> Option<Msg> {
    if app.read_only.is_none() || app.lock.is_some() {
        return None;
    }
    app.lock = Some(crate::files::lock::try_take_over(&app.save.path)?);
    Some(Msg::LockFreed)
}

/// Stop for `signal` (or a hung-up terminal, as SIGHUP), first saving
/// anything unsaved; a note in the editor counts as kept.
fn save_and_stop<B: Backend>(
    terminal: &mut Terminal<B>,
    screen: &mut impl Screen,
    host: &mut impl Host<B>,
    signal: i32,
) -> io::Result<Exit> {
    if let Some(app) = screen.app_mut() {
        // A note being typed joins the review, and marks it unsaved.
        app.keep_draft();
        if app.save.unsaved && app.read_only.is_none() {
            carry_out(terminal, screen, host, vec![Effect::Save])?;
        }
    }
    Ok(Exit::Signal(signal))
}

/// Do the effects, feeding results back through `update`. `true` to quit.
fn carry_out<B: Backend>(
    terminal: &mut Terminal<B>,
    screen: &mut impl Screen,
    host: &mut impl Host<B>,
    effects: Vec<Effect>,
) -> io::Result<bool> {
    let mut queue = std::collections::VecDeque::from(effects);
    while let Some(effect) = queue.pop_front() {
        let follow = match effect {
            Effect::Quit => return Ok(true),
            Effect::Suspend => {
                host.suspend(terminal)?;
                Vec::new()
            }
            Effect::Open(path) => {
                // A large file takes seconds: say so rather than freeze.
                let size = std::fs::metadata(&path)
                    .map_or(0, |m| usize::try_from(m.len()).unwrap_or(usize::MAX));
                if size >= OPENING_NOTICE_BYTES {
                    let name = path.display().to_string();
                    let theme = screen.theme();
                    // Only a notice: if it cannot be drawn, the file still opens.
                    let _ = terminal.draw(|f| {
                        crate::tui::ui::loading::render(f, &name, None, size, theme);
                    });
                }
                let opened =
                    crate::files::workspace::load_pair(&path, None).map_err(|e| e.to_string());
                let follow = screen.update(Msg::Opened(Box::new(opened)));
                if let Some(app) = screen.app_mut() {
                    app.take_lock();
                }
                follow
            }
            other => match screen.app_mut().and_then(|app| perform(app, other)) {
                Some(report) => screen.update(report),
                None => Vec::new(),
            },
        };
        queue.extend(follow);
    }
    Ok(false)
}

/// Carry out an effect on the open inspection's files; the action that
/// reports how it went.
pub fn perform(app: &mut App, effect: Effect) -> Option<Msg> {
    let report = match effect {
        Effect::Save => {
            let text = app.review_yaml();
            let outcome =
                match store::save_review(&app.save.path, &text, app.save.on_disk.as_deref()) {
                    Ok(()) => SaveOutcome::Written {
                        path: app.save.path.clone(),
                        bytes: text.into_bytes(),
                    },
                    Err(SaveError::ChangedOnDisk { .. }) => SaveOutcome::ChangedOnDisk,
                    // `write_atomic` removes its own temporary file.
                    Err(e) => SaveOutcome::Failed(e.to_string()),
                };
            Msg::Saved(outcome)
        }
        Effect::SaveTo(path) => Msg::Saved(save_to(app, path)),
        Effect::ReadDisk(purpose) => match store::read_if_present(&app.save.path) {
            Ok(bytes) => Msg::DiskContents(DiskContents { purpose, bytes }),
            Err(e) => Msg::Saved(SaveOutcome::Failed(format!(
                "cannot read {}: {e}",
                app.save.path.display()
            ))),
        },
        Effect::Write { path, text } => Msg::Exported(
            store::write_document(&path, text.as_bytes(), store::state_dir().as_deref())
                .map(|kept| crate::tui::app::Written {
                    path: path.clone(),
                    kept,
                })
                .map_err(|e| format!("cannot write {}: {e}", path.display())),
        ),
        // The loop and the portfolio handle these.
        Effect::Quit | Effect::Suspend | Effect::Open(_) | Effect::Close => return None,
    };
    Some(report)
}

/// Save the review to a new file, locked first: no second scrutiny may
/// open it to write while this one does. The lock moves there with it.
fn save_to(app: &mut App, path: std::path::PathBuf) -> SaveOutcome {
    let name = crate::text::inert_line(&path.display().to_string()).into_owned();
    // Never overwrite another file: a review is someone's work.
    if std::fs::symlink_metadata(&path).is_ok() {
        return SaveOutcome::Failed(format!("{name} already exists; choose another name"));
    }
    let lock = match crate::files::lock::acquire(&path) {
        Ok(crate::files::lock::Lock::Acquired(lock)) => Some(lock),
        Ok(crate::files::lock::Lock::HeldBy(who)) => {
            return SaveOutcome::Failed(format!(
                "{name} is being written by {who}; choose another name"
            ));
        }
        // No lock can be made there (a read-only folder says so on writing).
        Err(_) => None,
    };
    let text = app.review_yaml();
    match store::write_atomic(&path, text.as_bytes()) {
        Ok(()) => {
            if lock.is_some() {
                app.lock = lock;
            }
            SaveOutcome::Written {
                path,
                bytes: text.into_bytes(),
            }
        }
        Err(e) => SaveOutcome::Failed(format!("cannot save {name}: {e}")),
    }
}
