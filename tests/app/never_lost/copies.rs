//! A sync tool's conflict copy of the review, found as the review opens and
//! merged in with `B`: its work taken, the copy moved aside only once the
//! merge is saved, never deleted, and never moved while the save fails.

use scrutiny::tui::app::{Action, App, Effect, Msg, SaveOutcome};
use scrutiny::tui::runner;

use super::Rig;
use crate::common::TempDir;

/// The laptop's version of the example's review: F2 changed there.
const LAPTOP: &str = "version: 1
inspection: hmicfrs-2020-prevent
items:
  F2:
    status: complete
    note: from the laptop
    history:
      - at: 2026-11-30T10:00:02Z
        by: bob
        status: complete
        note: from the laptop
";

const COPY: &str = "prevent-2020-LAPTOP-7QX2.review.yaml";

fn message(app: &App) -> String {
    match app.message() {
        Some(scrutiny::tui::app::Message::Info(m) | scrutiny::tui::app::Message::Error(m)) => {
            m.clone()
        }
        None => String::new(),
    }
}

/// Opened as the runner opens a review: loaded, then locked, which looks
/// for copies beside it.
fn opened(dir: &TempDir) -> (App, runner::Files) {
    let inspection = dir.with_example();
    std::fs::write(dir.join(COPY), LAPTOP).expect("the copy");
    let pair = scrutiny::files::workspace::load_pair(&inspection, None).expect("loads");
    let mut app = App::from_pair(pair, "tester".into(), crate::common::date("2026-12-01"));
    let mut files = runner::Files::default();
    let effects = files.lock(&mut app);
    assert!(effects.is_empty(), "{effects:?}");
    // Once it is on screen and idle, the copies are looked for.
    let found = files.check(&mut app).expect("the copy is found");
    assert!(app.update(found).is_empty());
    (app, files)
}

fn kept_aside(dir: &TempDir) -> Vec<String> {
    dir.names()
        .into_iter()
        .filter(|n| n.starts_with(&format!("{COPY}.merged-")))
        .collect()
}

#[test]
fn a_copy_found_on_opening_is_merged_with_b_and_moved_aside_once_saved() {
    let dir = TempDir::new("copies-b");
    let (app, files) = opened(&dir);
    let said = message(&app);
    assert!(said.starts_with("B merges in the conflict copy"), "{said}");
    assert!(said.contains(&format!("{COPY} (OneDrive)")), "{said}");
    assert_eq!(app.copies().len(), 1);
    let mut rig = Rig::adopt(dir, app, files);
    rig.act(Action::MergeCopies);
    let review = rig.file();
    assert!(review.contains("note: from the laptop"), "{review}");
    assert!(!rig.dir.join(COPY).exists(), "moved aside");
    assert_eq!(kept_aside(&rig.dir).len(), 1, "{:?}", rig.dir.names());
    assert!(rig.message().contains("kept as"), "{}", rig.message());
    assert!(rig.app.copies().is_empty());
    // Pressed again: nothing left to merge, and it says so.
    rig.act(Action::MergeCopies);
    assert!(
        rig.message().starts_with("No sync tool's conflict copies"),
        "{}",
        rig.message()
    );
}

#[test]
fn a_copy_stays_where_it_is_while_the_merge_cannot_be_saved() {
    let dir = TempDir::new("copies-unsaved");
    let (mut app, mut files) = opened(&dir);
    let effects = app.update(Msg::Act(Action::MergeCopies));
    let [Effect::ReadCopies { .. }] = effects.as_slice() else {
        panic!("reads the copies first: {effects:?}");
    };
    let read = files
        .perform(effects.into_iter().next().expect("one"))
        .expect("the copies read");
    let effects = app.update(read);
    assert!(
        effects.iter().any(|e| matches!(e, Effect::Save { .. })),
        "the merge is saved: {effects:?}"
    );
    // The disk refuses the save: nothing is moved, the work is in memory.
    let effects = app.update(Msg::Saved(SaveOutcome::Failed("disk full".into())));
    assert!(
        !effects.iter().any(|e| matches!(e, Effect::SetAside(_))),
        "{effects:?}"
    );
    assert!(dir.join(COPY).exists(), "the copy is where it was");
    assert_eq!(
        app.review().fields("F2").note.as_deref(),
        Some("from the laptop"),
        "merged in memory"
    );
    // The next save that works moves it aside.
    let mut rig = Rig::adopt(dir, app, files);
    rig.act(Action::SetStatus(scrutiny::model::Status::Accepted));
    assert!(!rig.dir.join(COPY).exists(), "{:?}", rig.dir.names());
    assert_eq!(kept_aside(&rig.dir).len(), 1);
    assert!(rig.file().contains("from the laptop"));
}

/// One file per reviewer: the others' work, merged in on opening, is never
/// taken for work lost when the reviewer's own file changes on disk (a
/// `git pull` of it from another machine, where theirs was not merged).
#[test]
fn the_other_reviewers_work_is_not_lost_when_the_own_file_changes_on_disk() {
    use scrutiny::model::Status;
    let dir = TempDir::new("reviewers-watch");
    let inspection = dir.with_example();
    std::fs::create_dir(dir.join("prevent-2020.reviews")).expect("the folder");
    std::fs::write(
        dir.join("prevent-2020.reviews/bob.yaml"),
        LAPTOP.replace("from the laptop", "bob's"),
    )
    .expect("bob's file");
    let alice = dir.join("prevent-2020.reviews/alice.yaml");
    let pair = scrutiny::files::workspace::load_pair(&inspection, Some(&alice)).expect("loads");
    assert_eq!(
        pair.review.fields("F2").note.as_deref(),
        Some("bob's"),
        "merged on reading"
    );
    let mut app = App::from_pair(pair, "alice".into(), crate::common::date("2026-12-01"));
    let mut files = runner::Files::default();
    files.lock(&mut app);
    let mut rig = Rig::adopt(dir, app, files);
    rig.act(Action::SetStatus(Status::Accepted));
    assert!(
        rig.file().contains("bob's"),
        "her save carries his work: {}",
        rig.file()
    );
    // Her file comes back from elsewhere without his item, with one more
    // change of her own.
    let id = "hmicfrs-2020-prevent";
    let mut theirs = scrutiny::files::load_review(rig.file().as_bytes(), id).expect("loads");
    theirs.remove("F2");
    let stamp = scrutiny::model::Stamp {
        at: jiff::Timestamp::from_second(1_950_000_000).expect("a time"),
        by: "alice".into(),
    };
    theirs.set_note("F3", "from her laptop", &stamp);
    let inspection_data = scrutiny::files::store::read_inspection(&rig.inspection)
        .expect("inspection")
        .0;
    std::fs::write(&alice, scrutiny::files::to_yaml(&theirs, &inspection_data)).expect("pulled");
    rig.watch();
    assert!(
        !matches!(rig.app.mode(), scrutiny::tui::app::Mode::DiskReverted(_)),
        "no question about lost work: {}",
        rig.message()
    );
    assert_eq!(rig.app.review().fields("F2").note.as_deref(), Some("bob's"));
    assert_eq!(
        rig.app.review().fields("F3").note.as_deref(),
        Some("from her laptop")
    );
}
