//! Opening what takes a while to read: the work runs on a thread while the
//! runner shows the loading view (`ui::loading`), a screen like any other,
//! with the keys of the `loading` table in force. Work over within a blink
//! shows nothing.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, mpsc};
use std::time::Duration;

use crossterm::event::Event;

use crate::tui::action::{Action, Effect, ModeKind, Msg};
use crate::tui::app::App;
use crate::tui::keymap::Keymap;
use crate::tui::layout::ScreenLayout;
use crate::tui::runner::{self, Exit, Screen, Signals, TerminalEvents};
use crate::tui::terminal;
use crate::tui::ui::loading::Total;
use crate::tui::ui::{Cache, Theme};

/// A terminal set up and showing something, handed on to what opened.
pub type Shown = (terminal::Tui, terminal::Guard);

/// How work done with `in_view` came out.
pub enum InView<T> {
    /// Done, with the terminal if it was showing progress.
    Done(Box<T>, Option<Shown>),
    /// The user stopped it (`None`), or a signal did.
    Stopped(Option<i32>),
    /// No thread could be started for it.
    NoThread(std::io::Error),
}

/// Work that is over within this long shows nothing meanwhile.
const SHOW_PROGRESS_AFTER: Duration = Duration::from_millis(150);

/// How long the runner waits on the work between looks at the keys: a
/// key waits no longer than this, and looking costs the work little.
const WAIT: Duration = Duration::from_millis(20);

/// The loading view as the runner drives it: how much of `total` the work
/// has read, and the keys that stop it.
struct Opening<T> {
    what: String,
    total: Total,
    progress: Arc<AtomicUsize>,
    answer: mpsc::Receiver<T>,
    worker: Option<std::thread::JoinHandle<()>>,
    done: Option<T>,
    keys: Keymap,
    theme: Theme,
}

impl<T> Opening<T> {
    /// The work's thread ended without an answer: it panicked, and the
    /// panic goes on from here.
    fn join(&mut self) {
        if let Some(worker) = self.worker.take()
            && let Err(panic) = worker.join()
        {
            std::panic::resume_unwind(panic);
        }
    }
}

impl<T> Screen for Opening<T> {
    fn draw(&self, frame: &mut ratatui::Frame, _cache: &mut Cache) -> ScreenLayout {
        let stop = self.keys.hints(ModeKind::Loading, &Action::Back);
        let read = self.progress.load(Ordering::Relaxed);
        crate::tui::ui::loading::render(
            frame,
            &self.what,
            Some((read, &stop)),
            self.total,
            self.theme,
        );
        ScreenLayout::default()
    }

    fn theme(&self) -> Theme {
        self.theme
    }

    fn msg_for(&self, event: Event) -> Option<Msg> {
        match event {
            Event::Key(key) => self.keys.msg_for(ModeKind::Loading, key),
            _ => None,
        }
    }

    fn update(&mut self, msg: Msg) -> Vec<Effect> {
        match msg {
            Msg::Act(Action::Back | Action::Quit) => vec![Effect::Quit],
            _ => Vec::new(),
        }
    }

    fn app_mut(&mut self) -> Option<&mut App> {
        None
    }

    fn has_work(&self) -> bool {
        self.done.is_none() && self.worker.is_some()
    }

    fn work(&mut self) -> bool {
        match self.answer.recv_timeout(WAIT) {
            Ok(done) => {
                self.done = Some(done);
                self.join();
                false
            }
            Err(mpsc::RecvTimeoutError::Timeout) => true,
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                self.join();
                false
            }
        }
    }

    fn finished(&self) -> bool {
        !self.has_work()
    }
}

/// Do `work` (reading `total` bytes or inspections, counting them in the
/// progress it is given) on another thread. If that takes longer than a blink (files of
/// tens of megabytes), the screen shows at once how much has been read
/// and checked, and `q` stops it: nobody stares at a blank terminal.
pub fn in_view<T: Send + 'static>(
    what: &str,
    total: Total,
    mouse: bool,
    signals: &Signals,
    keys: &Keymap,
    work: impl FnOnce(&AtomicUsize) -> T + Send + 'static,
) -> InView<T> {
    use std::io::IsTerminal as _;
    let progress = Arc::new(AtomicUsize::new(0));
    let (tx, rx) = mpsc::channel();
    let worker = {
        let progress = Arc::clone(&progress);
        std::thread::Builder::new()
            .name("open".into())
            .spawn(move || {
                let _ = tx.send(work(&progress));
            })
    };
    let worker = match worker {
        Ok(worker) => worker,
        Err(e) => return InView::NoThread(e),
    };
    let mut opening = Opening {
        what: what.to_owned(),
        total,
        progress,
        answer: rx,
        worker: Some(worker),
        done: None,
        keys: keys.clone(),
        theme: Theme::from_env().with_glyphs(keys.glyphs()),
    };
    if let Ok(done) = opening.answer.recv_timeout(SHOW_PROGRESS_AFTER) {
        opening.join();
        return InView::Done(Box::new(done), None);
    }
    let shown = if std::io::stdout().is_terminal() {
        terminal::init(mouse).ok()
    } else {
        None
    };
    let Some((mut tui, guard)) = shown else {
        // Nowhere to show progress: wait.
        while opening.has_work() {
            opening.work();
        }
        return match opening.done {
            Some(done) => InView::Done(Box::new(done), None),
            None => InView::Stopped(None),
        };
    };
    let exit = runner::run(
        &mut tui,
        &mut opening,
        &mut runner::Files::default(),
        &mut TerminalEvents,
        &mut runner::NoHost,
        signals,
    );
    match (exit, opening.done) {
        (Ok(Exit::Signal(signal)), _) => InView::Stopped(Some(signal)),
        (_, Some(done)) => InView::Done(Box::new(done), Some((tui, guard))),
        (_, None) => InView::Stopped(None),
    }
}
