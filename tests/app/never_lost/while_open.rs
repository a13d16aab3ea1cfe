//! The review changed, deleted, reverted or locked by others while it is
//! open, and the work kept each time.

use super::*;

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
    assert_eq!(crate::common::shapes(&effects), ["Save"]);
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
    let mut app = App::from_pair(pair, "tester".into(), crate::common::date("2026-12-01"));
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
        crate::common::shapes(&app.update(Action::SetStatus(Status::Accepted))),
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
    let mut app = App::from_pair(pair, "tester".into(), crate::common::date("2026-12-01"));
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
    let mut app = App::from_pair(pair, "tester".into(), crate::common::date("2026-12-01"));
    runner::Files::default().lock(&mut app);
    let Some(scrutiny::tui::app::Message::Error(why)) = &app.message() else {
        panic!("nothing said: {:?}", app.message());
    };
    assert!(why.contains("another scrutiny could write"), "{why}");
}

#[test]
fn no_document_x_writes_overwrites_an_edited_copy() {
    use scrutiny::tui::action::Document;
    for (n, document) in Document::ALL.into_iter().enumerate() {
        let mut rig = Rig::new(&format!("draft-{n}"));
        let state = rig.dir.join("state");
        // The runner's record of what it wrote lives in the state folder.
        let path = rig.app.document_path(document);
        let first = scrutiny::files::store::write_document(&path, b"scrutiny's copy", Some(&state))
            .expect("written");
        assert_eq!(first, None);
        std::fs::write(&path, "my hand edits").expect("edited");
        rig.act(Action::ExportDraft);
        rig.act(Action::Export(document));
        assert!(rig.message().contains("kept as"), "{}", rig.message());
        let kept: Vec<String> = rig
            .dir
            .names()
            .into_iter()
            .filter(|n| n.contains(".edited-"))
            .collect();
        assert_eq!(kept.len(), 1, "{document:?}: {kept:?}");
        assert_eq!(
            std::fs::read_to_string(rig.dir.join(&kept[0])).expect("read"),
            "my hand edits"
        );
        let written = std::fs::read(&path).expect("read");
        assert_ne!(written, b"my hand edits", "{document:?}");
        if document == Document::Word {
            assert!(written.starts_with(b"PK"), "a Word document is a zip");
        } else {
            let text = String::from_utf8(written).expect("UTF-8");
            assert!(text.contains("Counter-terrorism"), "{text}");
        }
    }
}

#[test]
fn a_revert_while_the_note_editor_asks_leaves_the_editor_and_its_text_open() {
    let mut rig = Rig::new("revert-asking");
    rig.write_note("F1", "older work");
    let older = std::fs::read(rig.review_path()).expect("read");
    rig.write_note("F2", "newer work");
    rig.act(Action::EditNote);
    let effects = type_text(&mut rig.app, " and typed");
    rig.carry_out(effects);
    rig.act(Action::DiscardNote);
    assert_eq!(
        rig.app.mode().kind(),
        scrutiny::tui::app::ModeKind::NoteDiscard
    );
    std::fs::write(rig.review_path(), &older).expect("reverted");
    rig.watch();
    // The question about the disk waits: the editor and its text stay.
    assert_eq!(
        rig.app.mode().kind(),
        scrutiny::tui::app::ModeKind::NoteDiscard
    );
    assert_eq!(
        rig.app.note_draft(),
        Some(("F2", "newer work and typed".to_owned()))
    );
    // Back in the editor and out of it, the disk's question is asked.
    rig.act(Action::Back);
    rig.act(Action::KeepNote);
    assert!(matches!(rig.app.mode(), Mode::DiskReverted(_)), "asked now");
    rig.act(Action::Merge);
    let file = rig.file();
    assert!(
        file.contains("newer work and typed") && file.contains("older work"),
        "{file}"
    );
}
