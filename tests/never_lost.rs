//! A reviewer's note is never lost: to a colleague saving while you type,
//! a sync tool deleting and re-creating the file, a revert, a second
//! scrutiny, or undo. Each test drives the app through `update` and the
//! runner's own effects (`runner::perform`, `runner::disk_change`) on real
//! files, as the loop does, without its timers.

mod common;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use common::{TempDir, key, select, type_text};
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
        let mut app = App::from_pair(pair, "tester".into(), common::date("2026-12-01"));
        let mut files = runner::Files::default();
        files.lock(&mut app);
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

#[test]
fn a_review_deleted_while_open_is_kept_and_written_back() {
    let mut rig = Rig::new("vanished");
    rig.write_note("F1", "first note");
    rig.write_note("F2", "second note");
    assert!(rig.file().contains("second note"));
    std::fs::remove_file(rig.review_path()).expect("deleted under the app");
    rig.watch();
    assert_eq!(note_of(&rig.app, "F1"), "first note");
    assert_eq!(note_of(&rig.app, "F2"), "second note");
    assert!(!rig.review_path().exists(), "nothing written yet");
    assert!(
        rig.message().contains("gone from disk"),
        "{}",
        rig.message()
    );
    // The next change writes all of it back.
    select(&mut rig.app, "R1");
    rig.act(Action::SetStatus(Status::Accepted));
    let file = rig.file();
    assert!(
        file.contains("first note") && file.contains("second note"),
        "{file}"
    );
}

#[test]
fn a_review_deleted_while_open_is_written_back_on_quitting() {
    let mut rig = Rig::new("vanished-quit");
    rig.write_note("F1", "first note");
    std::fs::remove_file(rig.review_path()).expect("deleted");
    rig.watch();
    let effects = rig.app.update(Action::Quit);
    assert_eq!(common::shapes(&effects), ["Save"]);
    rig.carry_out(effects);
    assert!(rig.file().contains("first note"));
}

#[test]
fn a_review_deleted_and_recreated_by_a_sync_tool_loses_nothing() {
    let mut rig = Rig::new("recreated");
    rig.write_note("F1", "first note");
    let bytes = std::fs::read(rig.review_path()).expect("read");
    std::fs::remove_file(rig.review_path()).expect("deleted");
    rig.watch();
    std::fs::write(rig.review_path(), &bytes).expect("re-created");
    rig.watch();
    rig.write_note("F2", "second note");
    let file = rig.file();
    assert!(
        file.contains("first note") && file.contains("second note"),
        "{file}"
    );
}

#[test]
fn a_note_changed_on_disk_while_typing_is_held_as_a_conflict() {
    let mut rig = Rig::new("typing");
    rig.write_note("F1", "the original note");
    select(&mut rig.app, "F1");
    rig.act(Action::EditNote);
    let effects = type_text(&mut rig.app, " and my addition");
    rig.carry_out(effects);
    let path = rig.review_path();
    colleague(&path, &rig.inspection, |r, s| {
        r.set_note("F1", "the colleague's rewrite", s);
    });
    rig.watch();
    assert!(
        matches!(rig.app.mode(), Mode::Note { .. }),
        "the editor stays open"
    );
    rig.act(Action::KeepNote);
    assert_eq!(note_of(&rig.app, "F1"), "the original note and my addition");
    assert_eq!(held_note(&rig.app, "F1"), "the colleague's rewrite");
    assert!(rig.message().contains("F1"), "{}", rig.message());
    let file = rig.file();
    assert!(
        file.contains("and my addition") && file.contains("the colleague's rewrite"),
        "{file}"
    );
}

#[test]
fn with_nothing_typed_the_editor_shows_the_note_as_changed_on_disk() {
    let mut rig = Rig::new("untyped");
    rig.write_note("F1", "old");
    select(&mut rig.app, "F1");
    rig.act(Action::EditNote);
    let path = rig.review_path();
    colleague(&path, &rig.inspection, |r, s| {
        r.set_note("F1", "new from a colleague", s);
    });
    rig.watch();
    assert_eq!(
        rig.app.note_draft().map(|(_, t)| t).as_deref(),
        Some("new from a colleague")
    );
    rig.act(Action::KeepNote);
    assert_eq!(note_of(&rig.app, "F1"), "new from a colleague");
    assert!(rig.file().contains("new from a colleague"));
}

#[test]
fn save_as_locks_the_new_file_first() {
    let mut rig = Rig::new("save-as");
    let elsewhere = rig.dir.join("elsewhere.review.yaml");
    let effects = vec![Effect::SaveTo {
        path: elsewhere.clone(),
        text: rig.app.review_yaml(),
    }];
    rig.carry_out(effects);
    assert_eq!(rig.app.save().path, elsewhere);
    match scrutiny::files::lock::acquire(&elsewhere).expect("lock") {
        scrutiny::files::lock::Lock::HeldBy(who) => {
            assert!(who.contains("scrutiny process"), "{who}");
        }
        scrutiny::files::lock::Lock::Acquired(_) => {
            panic!("a second scrutiny could write the new file")
        }
    }
    // The old file's lock went with the move.
    let old = rig.dir.review_path();
    assert!(matches!(
        scrutiny::files::lock::acquire(&old).expect("lock"),
        scrutiny::files::lock::Lock::Acquired(_)
    ));
}

#[test]
fn save_as_onto_a_file_another_scrutiny_writes_is_refused() {
    let mut rig = Rig::new("save-as-held");
    let elsewhere = rig.dir.join("taken.review.yaml");
    let scrutiny::files::lock::Lock::Acquired(_held) =
        scrutiny::files::lock::acquire(&elsewhere).expect("lock")
    else {
        panic!("free");
    };
    let text = rig.app.review_yaml();
    rig.carry_out(vec![Effect::SaveTo {
        path: elsewhere.clone(),
        text,
    }]);
    assert!(!elsewhere.exists());
    assert!(
        rig.message().contains("being written by"),
        "{}",
        rig.message()
    );
}

/// Both sides change F1's note: F1 holds a conflict.
fn conflicted(name: &str) -> Rig {
    let mut rig = Rig::new(name);
    rig.write_note("F1", "base");
    // Our change, not yet seen by the colleague, then theirs on disk.
    let path = rig.review_path();
    let inspection = rig.inspection.clone();
    colleague(&path, &inspection, |r, s| {
        r.set_note("F1", "theirs", s);
    });
    select(&mut rig.app, "F1");
    rig.act(Action::EditNote);
    let effects = type_text(&mut rig.app, " mine");
    rig.carry_out(effects);
    rig.act(Action::KeepNote);
    // The save found the file changed: merge.
    rig.act(Action::Merge);
    assert_eq!(held_note(&rig.app, "F1"), "theirs", "{}", rig.message());
    rig
}

#[test]
fn undoing_a_settled_conflict_brings_the_conflict_back() {
    let mut rig = conflicted("undo-resolve");
    select(&mut rig.app, "F1");
    rig.act(Action::Resolve(Resolution::Mine));
    assert_eq!(held_note(&rig.app, "F1"), "");
    assert!(!rig.file().contains("theirs"));
    rig.act(Action::Undo);
    assert_eq!(held_note(&rig.app, "F1"), "theirs");
    assert_eq!(note_of(&rig.app, "F1"), "base mine");
    assert!(rig.file().contains("theirs"), "{}", rig.file());
    rig.act(Action::Redo);
    assert_eq!(held_note(&rig.app, "F1"), "");
}

#[test]
fn what_was_undone_stays_reachable_after_a_new_change() {
    let mut rig = Rig::new("undo-tree");
    rig.write_note("F1", "written then undone");
    rig.act(Action::Undo);
    assert_eq!(note_of(&rig.app, "F1"), "");
    select(&mut rig.app, "F2");
    rig.act(Action::SetStatus(Status::Accepted));
    assert!(rig.app.redo().is_empty());
    // Back through the new change and the undo itself.
    rig.act(Action::Undo);
    rig.act(Action::Undo);
    assert_eq!(note_of(&rig.app, "F1"), "written then undone");
}

#[test]
fn a_review_reverted_on_disk_is_asked_about_and_kept() {
    let mut rig = Rig::new("revert");
    rig.write_note("F1", "older work");
    let older = std::fs::read(rig.review_path()).expect("read");
    rig.write_note("F2", "newer work");
    // `git checkout` of the older version.
    std::fs::write(rig.review_path(), &older).expect("reverted");
    rig.watch();
    assert!(matches!(rig.app.mode(), Mode::DiskReverted(_)), "asked");
    assert_eq!(note_of(&rig.app, "F2"), "newer work", "nothing merged away");
    rig.act(Action::Merge);
    assert!(matches!(rig.app.mode(), Mode::Normal));
    let file = rig.file();
    assert!(
        file.contains("newer work") && file.contains("older work"),
        "{file}"
    );
}

#[test]
fn taking_a_reverted_file_can_be_undone() {
    let mut rig = Rig::new("revert-take");
    rig.write_note("F1", "older work");
    let older = std::fs::read(rig.review_path()).expect("read");
    rig.write_note("F2", "newer work");
    std::fs::write(rig.review_path(), &older).expect("reverted");
    rig.watch();
    rig.act(Action::Reload);
    assert_eq!(note_of(&rig.app, "F2"), "");
    assert!(rig.message().contains("brings back"), "{}", rig.message());
    rig.act(Action::Undo);
    assert_eq!(note_of(&rig.app, "F2"), "newer work");
    assert!(rig.file().contains("newer work"));
}

#[test]
fn a_read_only_session_offers_to_write_once_the_writer_has_gone() {
    let dir = TempDir::new("take-over");
    let inspection = dir.with_example();
    let review = dir.review_path();
    let scrutiny::files::lock::Lock::Acquired(writer) =
        scrutiny::files::lock::acquire(&review).expect("lock")
    else {
        panic!("free");
    };
    let pair = scrutiny::files::workspace::load_pair(&inspection, None).expect("loads");
    let mut app = App::from_pair(pair, "tester".into(), common::date("2026-12-01"));
    let mut files = runner::Files::default();
    files.lock(&mut app);
    assert!(app.read_only().is_some());
    assert!(files.take_over_if_free(&app).is_none(), "still held");
    drop(writer);
    let freed = files.take_over_if_free(&app).expect("noticed");
    app.update(freed);
    let Some(scrutiny::tui::app::Message::Info(offer)) = &app.message() else {
        panic!("no offer: {:?}", app.message());
    };
    assert!(offer.contains("press T"), "{offer}");
    let effects = app.update(Action::TakeOver);
    assert!(app.read_only().is_none());
    assert!(!effects.is_empty());
    select(&mut app, "F1");
    assert_eq!(
        common::shapes(&app.update(Action::SetStatus(Status::Accepted))),
        ["Save"]
    );
}

#[test]
fn a_review_swapped_for_a_pipe_is_refused_and_the_work_kept() {
    let mut rig = Rig::new("fifo");
    rig.write_note("F1", "kept in memory");
    std::fs::remove_file(rig.review_path()).expect("removed");
    nix::unistd::mkfifo(&rig.review_path(), nix::sys::stat::Mode::S_IRWXU).expect("fifo");
    let action = runner::disk_change(&rig.app).expect("noticed");
    assert!(matches!(action, Msg::DiskUnreadable(_)), "{action:?}");
    rig.act(action);
    assert!(
        rig.message().contains("not a regular file"),
        "{}",
        rig.message()
    );
    assert_eq!(note_of(&rig.app, "F1"), "kept in memory");
}

#[test]
fn a_hard_linked_review_is_said_on_screen() {
    let dir = TempDir::new("hard-link");
    let inspection = dir.with_example();
    let review = dir.review_path();
    std::fs::write(
        &review,
        "version: 1\ninspection: hmicfrs-2020-prevent\nitems: {}\n",
    )
    .expect("written");
    std::fs::hard_link(&review, dir.join("other-name.review.yaml")).expect("linked");
    let pair = scrutiny::files::workspace::load_pair(&inspection, None).expect("loads");
    let mut app = App::from_pair(pair, "tester".into(), common::date("2026-12-01"));
    runner::Files::default().lock(&mut app);
    let Some(scrutiny::tui::app::Message::Error(why)) = &app.message() else {
        panic!("nothing said: {:?}", app.message());
    };
    assert!(why.contains("hard links"), "{why}");
}

#[test]
fn a_lock_that_cannot_be_taken_is_said_on_screen() {
    let dir = TempDir::new("no-lock");
    let inspection = dir.with_example();
    // Where the lock file goes, a folder: no lock can be had.
    std::fs::create_dir(dir.join(".prevent-2020.review.yaml.lock")).expect("folder");
    let pair = scrutiny::files::workspace::load_pair(&inspection, None).expect("loads");
    let mut app = App::from_pair(pair, "tester".into(), common::date("2026-12-01"));
    runner::Files::default().lock(&mut app);
    let Some(scrutiny::tui::app::Message::Error(why)) = &app.message() else {
        panic!("nothing said: {:?}", app.message());
    };
    assert!(why.contains("another scrutiny could write"), "{why}");
}

#[test]
fn the_draft_response_never_overwrites_an_edited_copy() {
    let mut rig = Rig::new("draft");
    let state = rig.dir.join("state");
    // The runner's record of what it wrote lives in the state folder.
    let draft = rig.app.draft_path();
    let first = scrutiny::files::store::write_document(&draft, b"scrutiny's draft", Some(&state))
        .expect("written");
    assert_eq!(first, None);
    std::fs::write(&draft, "my hand edits").expect("edited");
    rig.act(Action::ExportDraft);
    assert!(rig.message().contains("kept as"), "{}", rig.message());
    let kept: Vec<String> = rig
        .dir
        .names()
        .into_iter()
        .filter(|n| n.contains(".edited-"))
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert_eq!(
        std::fs::read_to_string(rig.dir.join(&kept[0])).expect("read"),
        "my hand edits"
    );
    assert!(
        std::fs::read_to_string(&draft)
            .expect("read")
            .contains("Counter-terrorism")
    );
}

// ------------------------------------------------ the merge driver

const HEAD: &str = "version: 1\ninspection: hmicfrs-2020-prevent\n";

fn driver(dir: &TempDir, base: &str, ours: &str, theirs: &str) -> (std::process::Output, String) {
    let paths = [
        dir.write(".merge_base_x1", base),
        dir.write(".merge_ours_x2", ours),
        dir.write(".merge_theirs_x3", theirs),
    ];
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_scrutiny"))
        .arg("merge")
        .args(&paths)
        .arg("team/prevent-2020.review.yaml")
        .output()
        .expect("runs");
    let merged = std::fs::read_to_string(&paths[1]).expect("read");
    (out, merged)
}

#[test]
fn the_merge_driver_keeps_our_unknown_top_level_keys() {
    let dir = TempDir::new("driver-keys");
    let base = format!("{HEAD}items:\n  F1:\n    status: accepted\n");
    let ours = format!("{HEAD}team: blue\nitems:\n  F1:\n    status: accepted\n");
    let theirs = format!("{HEAD}items:\n  F1:\n    status: complete\n");
    let (out, merged) = driver(&dir, &base, &ours, &theirs);
    assert!(out.status.success(), "{out:?}");
    assert!(merged.contains("team: blue"), "{merged}");
    assert!(merged.contains("status: complete"), "{merged}");
}

#[test]
fn an_unknown_key_on_one_side_and_a_status_on_the_other_is_no_conflict() {
    let dir = TempDir::new("driver-false");
    let base = format!("{HEAD}items:\n  F1:\n    status: accepted\n");
    let ours = format!("{HEAD}items:\n  F1:\n    status: accepted\n    priority: high\n");
    let theirs = format!("{HEAD}items:\n  F1:\n    status: complete\n");
    let (out, merged) = driver(&dir, &base, &ours, &theirs);
    assert!(out.status.success(), "{out:?}");
    assert!(!merged.contains("conflict"), "{merged}");
    assert!(
        merged.contains("priority: high") && merged.contains("status: complete"),
        "{merged}"
    );
}

#[test]
fn the_merge_driver_names_the_real_file_not_gits_temporary() {
    let dir = TempDir::new("driver-names");
    let base = format!("{HEAD}items: {{}}\n");
    let ours = format!("{HEAD}items:\n  F1:\n    status: accepted\n");
    let theirs = format!("{HEAD}items:\n  F1:\n    status: nonsense\n");
    let (out, _) = driver(&dir, &base, &ours, &theirs);
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(said.contains("team/prevent-2020.review.yaml"), "{said}");
    assert!(!said.contains(".merge_"), "{said}");
    // A conflict names it too.
    let theirs = format!("{HEAD}items:\n  F1:\n    status: complete\n");
    let (out, _) = driver(&dir, &base, &ours, &theirs);
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("team/prevent-2020.review.yaml"), "{said}");
    assert!(!said.contains(".merge_"), "{said}");
}

#[test]
fn a_conflict_left_by_the_merge_driver_names_the_keys_that_settle_it() {
    let dir = TempDir::new("driver-hint");
    let base = format!("{HEAD}items: {{}}\n");
    let ours = format!("{HEAD}items:\n  F1:\n    status: accepted\n");
    let theirs = format!("{HEAD}items:\n  F1:\n    status: complete\n");
    let (out, _) = driver(&dir, &base, &ours, &theirs);
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("to settle in scrutiny (< > =)"), "{said}");
    let config = dir.write(
        "config.toml",
        "[normal]\nkeep_mine = \"ctrl-y\"\nkeep_theirs = \"ctrl-t\"\nkeep_both = \"+\"\n",
    );
    let paths = [
        dir.write(".merge_base_x1", &base),
        dir.write(".merge_ours_x2", &ours),
        dir.write(".merge_theirs_x3", &theirs),
    ];
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_scrutiny"))
        .arg("merge")
        .arg("--config")
        .arg(&config)
        .args(&paths)
        .arg("team/prevent-2020.review.yaml")
        .output()
        .expect("runs");
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        said.contains("to settle in scrutiny (Ctrl-Y Ctrl-T +)"),
        "{said}"
    );
}

// ------------------------------------------------ the whole saving path

mod model {
    //! Random sequences of our edits (typed text included), other writers'
    //! saves, deletions and re-creations, reverts, reloads, merges, undo
    //! and redo. After every step, every text either side ever wrote is
    //! still in the file, in memory (the review, its conflicts, the note
    //! being typed, a question about the disk) or in undo's history.

    use super::*;
    use proptest::prelude::*;

    const IDS: [&str; 4] = ["F1", "F2", "R1", "S1"];

    #[derive(Debug, Clone)]
    enum Step {
        /// Type a word into the note of an item, and leave the editor.
        Note(usize),
        /// Open the editor and type a word, leaving it open.
        Type(usize),
        Status(usize, usize),
        /// Another writer adds a word to a note on disk.
        Theirs(usize),
        Delete,
        /// Write back a version the file held before.
        Revert(usize),
        Watch,
        Merge,
        Reload,
        Keep,
        Take,
        Undo,
        Redo,
        Resolve(usize),
    }

    fn step() -> impl Strategy<Value = Step> {
        prop_oneof![
            3 => (0..IDS.len()).prop_map(Step::Note),
            2 => (0..IDS.len()).prop_map(Step::Type),
            1 => (0..IDS.len(), 1..6usize).prop_map(|(i, s)| Step::Status(i, s)),
            3 => (0..IDS.len()).prop_map(Step::Theirs),
            1 => Just(Step::Delete),
            1 => (0..8usize).prop_map(Step::Revert),
            3 => Just(Step::Watch),
            1 => Just(Step::Merge),
            1 => Just(Step::Reload),
            1 => Just(Step::Keep),
            1 => Just(Step::Take),
            2 => Just(Step::Undo),
            1 => Just(Step::Redo),
            1 => (0..3usize).prop_map(Step::Resolve),
        ]
    }

    struct World {
        rig: Rig,
        /// Every word written, by either side.
        words: Vec<String>,
        /// Every version the file held.
        versions: Vec<Vec<u8>>,
    }

    impl World {
        fn word(&mut self, who: &str) -> String {
            let word = format!("{who}{}", self.words.len());
            self.words.push(word.clone());
            word
        }

        fn seen(&mut self) {
            if let Ok(bytes) = std::fs::read(self.rig.review_path())
                && self.versions.last() != Some(&bytes)
            {
                self.versions.push(bytes);
            }
        }

        /// Let the app notice the file as it is; whether it has read it.
        fn read_latest(&mut self) -> bool {
            self.rig.watch();
            std::fs::read(self.rig.review_path()).ok() == self.rig.app.save().on_disk
        }

        /// Close an editor left open, keeping its text, as a reviewer
        /// leaving it would.
        fn leave_editor(&mut self) {
            if matches!(self.rig.app.mode(), Mode::Note { .. }) {
                self.rig.act(Action::KeepNote);
            }
        }

        fn apply(&mut self, step: &Step) {
            let app_ids = |i: usize| IDS[i % IDS.len()];
            match step {
                Step::Note(i) | Step::Type(i) => {
                    self.leave_editor();
                    if !matches!(self.rig.app.mode(), Mode::Normal) {
                        return;
                    }
                    select(&mut self.rig.app, app_ids(*i));
                    self.rig.act(Action::EditNote);
                    if !matches!(self.rig.app.mode(), Mode::Note { .. }) {
                        return;
                    }
                    let word = self.word("ours");
                    let effects = type_text(&mut self.rig.app, &format!(" {word}"));
                    self.rig.carry_out(effects);
                    if matches!(step, Step::Note(_)) {
                        self.rig.act(Action::KeepNote);
                    }
                }
                Step::Status(i, s) => {
                    self.leave_editor();
                    if matches!(self.rig.app.mode(), Mode::Normal) {
                        select(&mut self.rig.app, app_ids(*i));
                        self.rig
                            .act(Action::SetStatus(Status::ALL[*s % Status::ALL.len()]));
                    }
                }
                Step::Theirs(i) => {
                    let word = self.word("theirs");
                    let id = app_ids(*i);
                    let path = self.rig.review_path();
                    colleague(&path, &self.rig.inspection, |r, s| {
                        let note = r.fields(id).note.unwrap_or_default();
                        r.set_note(id, &format!("{note} {word}"), s);
                    });
                }
                // A file is deleted or reverted once the app has read what
                // it holds: text only ever on disk and never read is lost
                // to a deletion whatever any program does.
                Step::Delete => {
                    if self.read_latest() {
                        let _ = std::fs::remove_file(self.rig.review_path());
                    }
                }
                Step::Revert(k) => {
                    if !self.versions.is_empty() && self.read_latest() {
                        let old = self.versions[k % self.versions.len()].clone();
                        std::fs::write(self.rig.review_path(), old).expect("reverted");
                    }
                }
                Step::Watch => self.rig.watch(),
                Step::Merge | Step::Keep => {
                    if matches!(
                        self.rig.app.mode(),
                        Mode::DiskReverted(_) | Mode::DiskChanged
                    ) {
                        self.rig.act(Action::Merge);
                    } else if matches!(step, Step::Merge) {
                        self.leave_editor();
                        if matches!(self.rig.app.mode(), Mode::Normal) {
                            self.rig.act(Action::Merge);
                        }
                    }
                }
                Step::Reload | Step::Take => {
                    if matches!(
                        self.rig.app.mode(),
                        Mode::DiskReverted(_) | Mode::DiskChanged
                    ) {
                        self.rig.act(Action::Reload);
                    } else if matches!(step, Step::Reload) {
                        self.leave_editor();
                        if matches!(self.rig.app.mode(), Mode::Normal) {
                            self.rig.act(Action::Reload);
                        }
                    }
                }
                Step::Undo | Step::Redo => {
                    self.leave_editor();
                    if matches!(self.rig.app.mode(), Mode::Normal) {
                        self.rig.act(if matches!(step, Step::Undo) {
                            Action::Undo
                        } else {
                            Action::Redo
                        });
                    }
                }
                Step::Resolve(how) => {
                    self.leave_editor();
                    let conflicted = self.rig.app.review().conflicts();
                    if let (Mode::Normal, Some(id)) = (&self.rig.app.mode(), conflicted.first()) {
                        let id = id.clone();
                        select(&mut self.rig.app, &id);
                        let how = [Resolution::Mine, Resolution::Theirs, Resolution::Both][*how];
                        self.rig.act(Action::Resolve(how));
                    }
                }
            }
            self.seen();
        }

        /// What holds text for good: the file, the review (notes and
        /// conflicts), the note being typed, a question about the disk.
        fn kept(&self) -> String {
            let mut all = self.rig.file();
            all.push_str(&self.in_memory());
            all
        }

        /// What the app holds: the review, the note being typed, a question.
        fn in_memory(&self) -> String {
            let mut all = self.rig.app.review_yaml();
            if let Some((_, draft)) = self.rig.app.note_draft() {
                all.push_str(&draft);
            }
            if let Mode::DiskReverted(reverted) = &self.rig.app.mode() {
                all.push_str(&String::from_utf8_lossy(&reverted.bytes));
            }
            all
        }

        /// Undo's history: where text may live only after the reviewer chose
        /// to let it go (undo, redo, settling a conflict, taking the file).
        fn history(&self) -> String {
            let mut all = String::new();
            for step in self.rig.app.undo().iter().chain(self.rig.app.redo()) {
                let _ = write!(all, "{step:?}");
            }
            all
        }
    }

    /// Steps by which the reviewer chooses to let a version go.
    fn lets_go(step: &Step) -> bool {
        matches!(
            step,
            Step::Undo | Step::Redo | Step::Resolve(_) | Step::Reload | Step::Take
        )
    }

    /// `needle` as a whole word in `hay` (ours1 is not in ours12).
    fn holds(hay: &str, needle: &str) -> bool {
        hay.match_indices(needle).any(|(at, _)| {
            !hay[at + needle.len()..]
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_digit())
        })
    }

    /// Run `steps`, checking after each that nothing written is lost.
    fn check(steps: &[Step]) -> Result<(), TestCaseError> {
        let mut world = World {
            rig: Rig::new("model"),
            words: Vec::new(),
            versions: Vec::new(),
        };
        world.seen();
        // Words only undo's history holds, by the reviewer's choice.
        let mut let_go: std::collections::HashSet<String> = std::collections::HashSet::new();
        // What was kept before a step that lets a version go, and whether
        // that step made an undo step: the undo right after it must bring
        // every one of those words back.
        let mut before_choice: Option<Vec<String>> = None;
        for (n, step) in steps.iter().enumerate() {
            if lets_go(step) {
                // Closing an editor first is a step of its own.
                world.leave_editor();
                world.seen();
            }
            let kept_before: Vec<String> = {
                let kept = world.kept();
                world
                    .words
                    .iter()
                    .filter(|w| holds(&kept, w))
                    .cloned()
                    .collect()
            };
            let undos = world.rig.app.undo().len();
            let redos = world.rig.app.redo().len();
            world.apply(step);
            let (kept, history) = (world.kept(), world.history());
            if lets_go(step) {
                // What the app let go of by this choice may stay on
                // disk a while, until the next save.
                let memory = world.in_memory();
                for word in &world.words {
                    if !holds(&memory, word) {
                        let_go.insert(word.clone());
                    }
                }
            }
            for word in &world.words {
                if holds(&kept, word) {
                    continue;
                }
                prop_assert!(
                    holds(&history, word),
                    "after step {n} ({step:?}) of {steps:?}: {word} is gone\n{}",
                    world.rig.message()
                );
                if lets_go(step) {
                    let_go.insert(word.clone());
                }
                prop_assert!(
                    let_go.contains(word),
                    "after step {n} ({step:?}) of {steps:?}: {word} is only in undo's history, and no one chose that\n{}",
                    world.rig.message()
                );
            }
            // An undo that could not run (a question open) checks nothing.
            let undone = world.rig.app.redo().len() > redos;
            if let (Step::Undo, true, Some(words)) = (step, undone, before_choice.take()) {
                for word in words {
                    prop_assert!(
                        holds(&kept, &word),
                        "undo after a choice at step {n} of {steps:?} did not bring back {word}\n{}",
                        world.rig.message()
                    );
                }
            }
            if matches!(step, Step::Resolve(_) | Step::Reload | Step::Take)
                && world.rig.app.undo().len() > undos
            {
                before_choice = Some(kept_before);
            }
        }
        Ok(())
    }

    proptest! {
        // PROPTEST_CASES=2000 for a longer search.
        #![proptest_config(ProptestConfig::with_cases(
            std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(48)
        ))]
        #[test]
        fn no_text_either_side_wrote_is_ever_lost(steps in prop::collection::vec(step(), 1..40)) {
            check(&steps)?;
        }
    }

    /// Sequences the search found once, kept by name.
    #[test]
    fn an_undo_that_cannot_run_while_asked_about_the_disk_is_no_loss() {
        use Step::{Delete, Note, Resolve, Revert, Take, Theirs, Type, Undo};
        let steps = [
            Note(0),
            Theirs(0),
            Type(0),
            Delete,
            Take,
            Revert(0),
            Resolve(0),
            Undo,
        ];
        check(&steps).expect("nothing lost");
    }

    #[test]
    fn a_key_in_the_editor_is_typed_not_acted_on() {
        // The model types through `EditorKey`, as the keymap sends it.
        let mut rig = Rig::new("model-keys");
        select(&mut rig.app, "F1");
        rig.act(Action::EditNote);
        rig.app.update(Msg::EditorKey(key(KeyCode::Char('q'))));
        assert_eq!(rig.app.note_draft().map(|(_, t)| t).as_deref(), Some("q"));
    }
}

// ------------------------------------------------ files that attack

/// Run the binary with `args` in `dir`; its output, or a failure if it does
/// not end by itself.
fn run_bounded(dir: &Path, args: &[&str]) -> std::process::Output {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_scrutiny"))
        .args(args)
        .current_dir(dir)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("runs");
    for _ in 0..600 {
        if child.try_wait().expect("waits").is_some() {
            return child.wait_with_output().expect("output");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let _ = child.kill();
    panic!("scrutiny {args:?} did not end by itself");
}

#[test]
fn pipes_and_devices_are_refused_by_every_reader() {
    let dir = TempDir::new("special");
    let fifo = dir.join("pipe.yaml");
    nix::unistd::mkfifo(&fifo, nix::sys::stat::Mode::S_IRWXU).expect("fifo");
    let cases: [&[&str]; 5] = [
        &["check", "pipe.yaml"],
        &["check", "/dev/zero"],
        &["import", "/dev/urandom"],
        &["import", "pipe.yaml"],
        &["keys", "--config", "/dev/zero"],
    ];
    for args in cases {
        let out = run_bounded(dir.path(), args);
        let said = String::from_utf8_lossy(&out.stderr).into_owned()
            + &String::from_utf8_lossy(&out.stdout);
        assert!(!out.status.success(), "{args:?}: {said}");
        assert!(said.contains("not a regular file"), "{args:?}: {said}");
    }
}

#[test]
fn a_broken_review_is_not_forked_again_on_the_next_launch() {
    let dir = TempDir::new("fallback");
    let inspection = dir.with_example();
    dir.write("prevent-2020.review.yaml", "items: [this is not a review\n");
    dir.write(
        "prevent-2020.review-2.yaml",
        "version: 1\ninspection: hmicfrs-2020-prevent\nitems:\n  F1:\n    status: accepted\n    note: yesterday's work\n",
    );
    let file = inspection.to_str().expect("utf-8");
    let mut app = common::Session::spawn_sized(dir.path(), &[file], 50, 200);
    let screen = app.wait_for("review-2.yaml");
    assert!(screen.contains("cannot be read"), "{screen}");
    assert!(!dir.join("prevent-2020.review-3.yaml").exists());
    app.key(b"q");
    assert!(app.wait_exit().success());
}

#[test]
fn help_says_what_the_lock_cannot_guard() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_scrutiny"))
        .arg("--help")
        .output()
        .expect("runs");
    let help = String::from_utf8_lossy(&out.stdout);
    for words in ["read-only", "does not lock", "hard", "links"] {
        assert!(help.contains(words), "{words}: {help}");
    }
}
