//! A full disk, a read-only filesystem, an immutable folder or file, and a
//! review path under a file.

use super::*;

// ------------------------------------------------------------ disk full

#[test]
#[ignore = "needs root"]
fn a_full_disk_keeps_the_old_file_and_the_change_until_there_is_room() {
    let test = "disk full";
    let dir = TempDir::new("full");
    let _mount = Mount::tmpfs(dir.path(), "64k", test);
    let (inspection, review) = example_pair(dir.path());
    let before = std::fs::read(&review).expect("read the review");
    let (mut app, mut files) = open(&inspection, None);
    assert!(files.is_locked(), "the lock was not taken");
    let filler = dir.path().join("filler");
    fill(&filler);

    // F2 to in progress: it cannot be written.
    let (screen, message) = set_f2_unsaved((&mut app, &mut files), dir.path(), &review, &before);
    assert!(message.contains("No space left"), "{message}");
    assert!(
        app.save()
            .error
            .as_deref()
            .is_some_and(|e| e.contains("No space left")),
        "{:?}",
        app.save().error
    );
    let names = listing(dir.path());
    let expected: BTreeSet<String> = [
        INSPECTION.to_owned(),
        REVIEW.to_owned(),
        format!(".{REVIEW}.lock"),
        "filler".to_owned(),
    ]
    .into();
    assert_eq!(names, expected, "unexpected files after the failed save");
    tell(test, &message, &screen);

    // Room again: the next change saves both.
    std::fs::remove_file(&filler).expect("free the space");
    let (exit, screen) = run(&mut app, &mut files, &mut Script::keys("j4"));
    assert_eq!(exit, Exit::EndOfInput);
    assert!(!app.save().unsaved, "still unsaved: {:?}", app.message());
    assert_eq!(app.save().error, None);
    assert!(
        !shown(&screen).contains("[NOT SAVED]"),
        "{}",
        shown(&screen)
    );
    let after = std::fs::read(&review).expect("read the review");
    let old = load_review(&before, INSPECTION_ID).expect("the old review loads");
    let new = load_review(&after, INSPECTION_ID).expect("the saved review loads");
    assert_eq!(new.status("F2"), Status::InProgress, "the first change");
    assert_eq!(new.status("F3"), Status::Complete, "the second change");
    same_except(&old, &new, &["F2", "F3"]).expect("nothing else changed");
    assert_eq!(after, app.review_yaml().into_bytes());
    assert_eq!(temporaries(dir.path(), REVIEW), Vec::<String>::new());

    let (exit, _) = run(&mut app, &mut files, &mut Script::keys("q"));
    assert_eq!(exit, Exit::Quit);
    // The app holds the lock file open on the tmpfs: close it before the
    // mount goes.
    drop(app);
}

// ------------------------------------------------------- read-only disk

#[test]
#[ignore = "needs root"]
fn a_read_only_filesystem_keeps_the_old_file_and_the_change() {
    let test = "read-only filesystem";
    let dir = TempDir::new("ro");
    let mount = Mount::tmpfs(dir.path(), "1m", test);
    let (inspection, review) = example_pair(dir.path());
    let before = std::fs::read(&review).expect("read the review");
    mount.remount("ro");
    assert!(
        std::fs::write(dir.path().join("probe"), "x").is_err(),
        "the filesystem is still writable"
    );

    let (mut app, mut files) = open(&inspection, None);
    let (screen, message) = set_f2_unsaved((&mut app, &mut files), dir.path(), &review, &before);
    assert!(message.contains("Read-only file system"), "{message}");
    assert_eq!(
        listing(dir.path()),
        [INSPECTION.to_owned(), REVIEW.to_owned()].into(),
        "files appeared on a read-only filesystem"
    );
    tell(test, &message, &screen);
    eprintln!(
        "read-only filesystem, lock taken at start: {}",
        files.is_locked()
    );

    // `q` asks rather than losing the change; `n` stays.
    let (exit, screen) = run(&mut app, &mut files, &mut Script::keys("q"));
    assert_eq!(exit, Exit::EndOfInput);
    assert_eq!(app.mode().kind(), ModeKind::ConfirmQuit);
    assert!(
        shown(&screen).contains("Unsaved changes"),
        "{}",
        shown(&screen)
    );
    assert!(
        shown(&screen).contains("Read-only file system"),
        "the question does not say why:\n{}",
        shown(&screen)
    );
    let (_, _) = run(&mut app, &mut files, &mut Script::keys("n"));
    assert_eq!(app.mode().kind(), ModeKind::Normal);

    mount.remount("rw");
    let (exit, _) = run(&mut app, &mut files, &mut Script::keys("j4"));
    assert_eq!(exit, Exit::EndOfInput);
    assert!(
        !app.save().unsaved,
        "not saved once writable: {:?}",
        app.message()
    );
    let old = load_review(&before, INSPECTION_ID).expect("the old review loads");
    let new = saved(&review);
    assert_eq!(new.status("F2"), Status::InProgress);
    assert_eq!(new.status("F3"), Status::Complete);
    same_except(&old, &new, &["F2", "F3"]).expect("nothing else changed");
    assert_eq!(temporaries(dir.path(), REVIEW), Vec::<String>::new());
    drop(app);
}

#[test]
#[ignore = "needs root"]
fn an_immutable_folder_keeps_the_old_file_and_the_change() {
    let test = "immutable folder";
    let dir = TempDir::new("immutable");
    let (inspection, review) = example_pair(dir.path());
    let before = std::fs::read(&review).expect("read the review");
    let immutable = Immutable::set(dir.path(), test);
    let (mut app, mut files) = open(&inspection, None);
    let (screen, message) = set_f2_unsaved((&mut app, &mut files), dir.path(), &review, &before);
    assert!(message.contains("Operation not permitted"), "{message}");
    assert_eq!(
        listing(dir.path()),
        [INSPECTION.to_owned(), REVIEW.to_owned()].into()
    );
    tell(test, &message, &screen);

    drop(immutable);
    let (_, _) = run(&mut app, &mut files, &mut Script::keys("j4"));
    assert!(
        !app.save().unsaved,
        "not saved once mutable: {:?}",
        app.message()
    );
    let new = saved(&review);
    assert_eq!(new.status("F2"), Status::InProgress);
    assert_eq!(new.status("F3"), Status::Complete);
}

/// The review file itself immutable: the temporary is written, then the
/// rename over the file fails; the save removes its temporary, so failed
/// saves leave nothing behind.
#[test]
#[ignore = "needs root"]
fn an_immutable_review_file_leaves_no_temporary() {
    let test = "immutable review file";
    let dir = TempDir::new("immutable-file");
    let (inspection, review) = example_pair(dir.path());
    let before = std::fs::read(&review).expect("read the review");
    let (mut app, mut files) = open(&inspection, None);
    let _immutable = Immutable::set(&review, test);
    let (exit, screen) = run(&mut app, &mut files, &mut Script::keys("j3j4"));
    assert_eq!(exit, Exit::EndOfInput);
    assert_eq!(app.status("F2"), Status::InProgress, "the change was lost");
    assert_eq!(app.status("F3"), Status::Complete, "the change was lost");
    eprintln!("immutable review file, message: {}", error_message(&app));
    assert_not_saved(&app, dir.path(), &review, &before, &screen);
}

// ------------------------------------------------- parent is a file

#[test]
fn a_review_path_under_a_file_starts_fails_to_save_and_asks_before_quitting() {
    let dir = TempDir::new("parent-file");
    let (inspection, _) = example_pair(dir.path());
    let not_a_folder = dir.path().join("not-a-folder");
    std::fs::write(&not_a_folder, "a plain file\n").expect("write the file");
    let review = not_a_folder.join("r.review.yaml");

    let (mut app, mut files) = open(&inspection, Some(review.clone()));
    assert!(app.review().is_empty(), "a review appeared from nowhere");
    let (exit, screen) = run(&mut app, &mut files, &mut Script::keys("2"));
    assert_eq!(exit, Exit::EndOfInput);
    assert_eq!(app.status("F1"), Status::Accepted, "the change was lost");
    assert!(app.save().unsaved);
    let message = error_message(&app);
    assert!(message.contains("Not a directory"), "{message}");
    let text = shown(&screen);
    assert!(text.contains("Not saved"), "{text}");
    assert!(text.contains("[NOT SAVED]"), "{text}");
    tell("parent is a file", &message, &screen);
    assert_eq!(
        std::fs::read(&not_a_folder).expect("read"),
        b"a plain file\n",
        "the file in the way was changed"
    );

    // q asks instead of quitting.
    let (exit, screen) = run(&mut app, &mut files, &mut Script::keys("q"));
    assert_eq!(exit, Exit::EndOfInput, "q quit and lost the change");
    assert_eq!(app.mode().kind(), ModeKind::ConfirmQuit);
    let text = shown(&screen);
    assert!(text.contains("Unsaved changes"), "{text}");

    // s saves elsewhere: clear the suggested path (the review's own, with
    // "-copy"), type a full path.
    let elsewhere = dir.path().join("elsewhere.review.yaml");
    let suggested = app.save().path.with_file_name("r.review-copy.yaml");
    let mut script = Script::keys("s");
    for _ in 0..suggested.display().to_string().chars().count() {
        script.code(KeyCode::Backspace);
    }
    script
        .chars(elsewhere.to_str().expect("a UTF-8 temp path"))
        .code(KeyCode::Enter);
    let (exit, _) = run(&mut app, &mut files, &mut script);
    assert_eq!(exit, Exit::EndOfInput);
    assert!(!app.save().unsaved, "{:?}", app.message());
    assert_eq!(app.save().path, elsewhere);
    let saved = load_review(&std::fs::read(&elsewhere).expect("read"), INSPECTION_ID)
        .expect("the review saved elsewhere loads");
    assert_eq!(saved.status("F1"), Status::Accepted);
    let (exit, _) = run(&mut app, &mut files, &mut Script::keys("q"));
    assert_eq!(exit, Exit::Quit);
}

#[test]
fn the_real_binary_with_a_review_under_a_file_says_not_saved_and_asks() {
    let dir = TempDir::new("parent-file-pty");
    let (inspection, _) = example_pair(dir.path());
    std::fs::write(dir.path().join("not-a-folder"), "x").expect("write the file");
    let file = inspection.to_str().expect("utf-8");
    let mut app = Session::spawn(
        dir.path(),
        &[
            file,
            "--review",
            "not-a-folder/r.review.yaml",
            "--reviewer",
            "tester",
        ],
    );
    app.wait_for("Findings");
    app.key(b"2");
    app.wait_for("Not saved");
    app.wait_for("[NOT SAVED]");
    let screen = app.screen();
    eprintln!(
        "parent is a file (binary), on screen: {}",
        screen
            .lines()
            .find(|l| l.contains("Not saved"))
            .unwrap_or_default()
            .trim_end()
    );
    app.key(b"q");
    app.wait_for("Unsaved changes");
    assert!(app.is_running(), "q quit with the change unsaved");
    app.key(b"y");
    let status = app.wait_exit();
    assert!(status.success(), "quit anyway exited with {status}");
}
