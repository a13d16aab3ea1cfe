//! Random sequences of our edits (typed text included), other writers'
//! saves, deletions and re-creations, reverts, reloads, merges, undo
//! and redo. After every step, every text either side ever wrote is
//! still in the file, in memory (the review, its conflicts, the note
//! being typed, a question about the disk) or in undo's history.

// ------------------------------------------------ the whole saving path

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
