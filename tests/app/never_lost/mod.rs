//! A reviewer's note is never lost: to a colleague saving while you type,
//! a sync tool deleting and re-creating the file, a revert, a second
//! scrutiny, or undo. Each test drives the app through `update` and the
//! runner's own effects (`runner::perform`, `runner::disk_change`) on real
//! files, as the loop does, without its timers.

mod attacks;
mod copies;
mod merge_driver;
mod model;
mod while_open;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::common::{TempDir, key, select, type_text};
use crossterm::event::KeyCode;
use scrutiny::tui::app::{Action, App, Effect, Mode, Msg, Resolution};
use scrutiny::tui::runner;
use scrutiny::{
    files::load_review,
    model::{Review, Stamp, Status},
};

/// An app on a copy of the bundled example, with effects carried out for
/// real on its files.
struct Rig {
    dir: TempDir,
    inspection: PathBuf,
    app: App,
    files: runner::Files,
    tick: i64,
}

impl Rig {
    fn new(name: &str) -> Self {
        let dir = TempDir::new(name);
        let inspection = dir.with_example();
        let pair =
            scrutiny::files::workspace::load_pair(&inspection, None).expect("the example loads");
        let mut app = App::from_pair(pair, "tester".into(), crate::common::date("2026-12-01"));
        let mut files = runner::Files::default();
        files.lock(&mut app);
        Rig::adopt(dir, app, files)
    }

    /// A rig for an app opened and locked already on the example in `dir`.
    fn adopt(dir: TempDir, app: App, files: runner::Files) -> Self {
        let inspection = dir.join("prevent-2020.yaml");
        let mut rig = Rig {
            dir,
            inspection,
            app,
            files,
            tick: 0,
        };
        rig.advance();
        rig
    }

    fn review_path(&self) -> PathBuf {
        self.app.save().path.clone()
    }

    /// Move the app's clock on a second, so each change has its own time.
    fn advance(&mut self) {
        self.tick += 1;
        self.app.update(Msg::Clock(
            jiff::Timestamp::from_second(1_800_000_000 + self.tick).expect("a time"),
        ));
    }

    /// Do `effects` as the runner does, feeding what happened back.
    fn carry_out(&mut self, effects: Vec<Effect>) {
        let mut queue = std::collections::VecDeque::from(effects);
        while let Some(effect) = queue.pop_front() {
            if matches!(
                effect,
                Effect::Quit | Effect::Suspend | Effect::Open(_) | Effect::Close
            ) {
                continue;
            }
            if let Some(report) = self.files.perform(effect) {
                queue.extend(self.app.update(report));
            }
        }
    }

    fn act(&mut self, action: impl Into<Msg>) {
        self.advance();
        let effects = self.app.update(action);
        self.carry_out(effects);
    }

    /// What the watcher does when the file changed on disk (not while a
    /// question about it is open).
    fn watch(&mut self) {
        if !self.app.watching() {
            return;
        }
        if let Some(action) = runner::disk_change(&self.app) {
            self.act(action);
        }
    }

    fn write_note(&mut self, id: &str, text: &str) {
        select(&mut self.app, id);
        self.act(Action::EditNote);
        self.advance();
        let effects = type_text(&mut self.app, text);
        self.carry_out(effects);
        self.act(Action::KeepNote);
    }

    fn file(&self) -> String {
        std::fs::read_to_string(self.review_path()).unwrap_or_default()
    }

    fn message(&self) -> String {
        match &self.app.message() {
            Some(scrutiny::tui::app::Message::Info(m) | scrutiny::tui::app::Message::Error(m)) => {
                m.clone()
            }
            None => String::new(),
        }
    }
}

/// Another writer (a colleague's scrutiny, a sync tool): read the file,
/// change it with `change`, write it back.
fn colleague(path: &Path, inspection: &Path, change: impl FnOnce(&mut Review, &Stamp)) {
    static SAVES: std::sync::atomic::AtomicI64 = std::sync::atomic::AtomicI64::new(0);
    let inspection = scrutiny::files::store::read_inspection(inspection)
        .expect("inspection")
        .0;
    let mut review = match std::fs::read(path) {
        Ok(bytes) => load_review(&bytes, &inspection.meta.id).expect("the file loads"),
        Err(_) => Review::new(inspection.meta.id.clone()),
    };
    let n = SAVES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let stamp = Stamp {
        at: jiff::Timestamp::from_second(1_900_000_000 + n).expect("a time"),
        by: "colleague".into(),
    };
    change(&mut review, &stamp);
    let text = scrutiny::files::to_yaml(&review, &inspection);
    std::fs::write(path, text).expect("the colleague saves");
}

fn note_of(app: &App, id: &str) -> String {
    app.entry(id)
        .and_then(|e| e.note.clone())
        .unwrap_or_default()
}

fn held_note(app: &App, id: &str) -> String {
    app.entry(id)
        .and_then(|e| e.conflict.as_ref())
        .and_then(|c| c.note.clone())
        .unwrap_or_default()
}
