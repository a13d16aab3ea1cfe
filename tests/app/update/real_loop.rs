//! The real loop on a `TestBackend` with scripted keys, random sessions
//! through `update`, and loading warnings shown as the first message.

use super::*;

// ------------------------------------------------------- the real loop

fn run(app: &mut App, events: &mut impl Events) -> Exit {
    crate::common::run_loop(app, events).0
}

#[test]
fn keys_j_2_q_save_the_status_and_quit() {
    let dir = temp_dir("j2q");
    let path = dir.join("prevent-2020.review.yaml");
    let inspection = example_inspection();
    let mut app = app_with(Review::new(inspection.meta.id.clone()), path.clone(), None);
    let exit = run(&mut app, &mut Script::keys("j2q"));
    assert_eq!(exit, Exit::Quit);
    let text = std::fs::read_to_string(&path).expect("the review file was written");
    assert_eq!(
        text,
        "version: 1\n\
         inspection: hmicfrs-2020-prevent\n\
         items:\n\
         \x20 F2:\n\
         \x20   status: accepted\n\
         \x20   updated: 2026-11-29T10:41:07Z\n\
         \x20   history:\n\
         \x20     - at: 2026-11-29T10:41:07Z\n\
         \x20       by: tester\n\
         \x20       status: accepted\n"
    );
    assert!(!app.save().unsaved);
    std::fs::remove_dir_all(dir).expect("clean up");
}

#[test]
fn a_script_that_runs_out_ends_the_loop_with_changes_on_disk() {
    let dir = temp_dir("eof");
    let path = dir.join("r.review.yaml");
    let mut app = app_with(Review::new("hmicfrs-2020-prevent"), path.clone(), None);
    let mut script = Script::keys("3e");
    script.0.extend([
        Event::Key(key(KeyCode::Char('x'))),
        Event::Key(key(KeyCode::Enter)),
        Event::Paste("y\r\nz".into()),
        Event::Key(key(KeyCode::Esc)),
    ]);
    assert_eq!(run(&mut app, &mut script), Exit::EndOfInput);
    let text = std::fs::read_to_string(&path).expect("written");
    let review = load_review(text.as_bytes(), "hmicfrs-2020-prevent").expect("valid");
    assert_eq!(review.status("F1"), Status::InProgress);
    assert_eq!(
        review.entry("F1").and_then(|e| e.note.as_deref()),
        Some("x\ny\nz")
    );
    std::fs::remove_dir_all(dir).expect("clean up");
}

#[test]
fn ctrl_c_in_the_note_editor_asks_and_quits_only_from_the_normal_view() {
    let dir = temp_dir("ctrlc");
    let path = dir.join("r.review.yaml");
    let mut app = app_with(Review::new("hmicfrs-2020-prevent"), path.clone(), None);
    let ctrl_c = Event::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
    // Ctrl-C in the editor asks before dropping the text; `n` goes back to
    // it, Esc keeps it, and only then does Ctrl-C quit.
    let mut script = Script::keys("eq");
    script.0.push_back(ctrl_c.clone());
    script.chars("n").code(KeyCode::Esc);
    script.0.push_back(ctrl_c);
    assert_eq!(run(&mut app, &mut script), Exit::Quit);
    let text = std::fs::read_to_string(&path).expect("written");
    assert!(text.contains("    note: |-\n      q\n"), "{text}");
    std::fs::remove_dir_all(dir).expect("clean up");
}

#[test]
fn a_file_changed_behind_our_back_is_not_overwritten_and_can_be_merged() {
    let dir = temp_dir("changed");
    let path = dir.join("r.review.yaml");
    let inspection = example_inspection();
    let mut app = app_with(Review::new(inspection.meta.id.clone()), path.clone(), None);
    // Someone else writes the file after we "loaded" it as missing.
    let theirs = their_file(&inspection);
    std::fs::write(&path, &theirs).expect("write theirs");
    let exit = run(&mut app, &mut Script::keys("j2"));
    assert_eq!(exit, Exit::EndOfInput);
    assert_eq!(app.mode().kind(), ModeKind::DiskChanged);
    assert_eq!(
        std::fs::read(&path).expect("read"),
        theirs,
        "not overwritten"
    );
    let exit = run(&mut app, &mut Script::keys("mq"));
    assert_eq!(exit, Exit::Quit);
    let merged = load_review(&std::fs::read(&path).expect("read"), &inspection.meta.id)
        .expect("the merged file is valid");
    assert_eq!(merged.status("F2"), Status::Accepted);
    assert_eq!(merged.status("F1"), Status::InProgress);
    assert_eq!(merged.status("F3"), Status::Complete);
    assert_eq!(merged.status("GONE"), Status::Accepted);
    std::fs::remove_dir_all(dir).expect("clean up");
}

#[test]
fn a_save_that_cannot_write_keeps_the_change_and_asks_before_quitting() {
    let dir = temp_dir("nodir");
    // The directory the review should go in does not exist.
    let path = dir.join("missing").join("r.review.yaml");
    let mut app = app_with(Review::new("hmicfrs-2020-prevent"), path.clone(), None);
    let exit = run(&mut app, &mut Script::keys("2q"));
    assert_eq!(
        exit,
        Exit::EndOfInput,
        "q must not quit and lose the change"
    );
    assert_eq!(app.mode().kind(), ModeKind::ConfirmQuit);
    assert_eq!(app.status("F1"), Status::Accepted);
    assert!(app.save().unsaved);
    assert!(!path.exists());
    let exit = run(&mut app, &mut Script::keys("y"));
    assert_eq!(exit, Exit::Quit);
    std::fs::remove_dir_all(dir).expect("clean up");
}

// ------------------------------------------------ random sessions

mod random {
    use super::{
        Action, DiskContents, DiskPurpose, KeyCode, KeyEvent, KeyModifiers, Msg, SaveOutcome,
        Status, app, load_review,
    };
    use proptest::prelude::*;

    fn text() -> impl Strategy<Value = String> {
        prop_oneof![
            any::<String>(),
            prop::collection::vec(
                prop_oneof![
                    Just("a"),
                    Just(" "),
                    Just("\n"),
                    Just("\r\n"),
                    Just("\t"),
                    Just("\u{1b}[2J"),
                    Just("é"),
                    Just("日本"),
                    Just("😀"),
                    Just("\u{200b}"),
                    Just("\u{301}"),
                ],
                0..10
            )
            .prop_map(|v| v.concat()),
        ]
    }

    fn key_code() -> impl Strategy<Value = KeyCode> {
        prop_oneof![
            any::<char>().prop_map(KeyCode::Char),
            Just(KeyCode::Enter),
            Just(KeyCode::Backspace),
            Just(KeyCode::Delete),
            Just(KeyCode::Left),
            Just(KeyCode::Right),
            Just(KeyCode::Up),
            Just(KeyCode::Down),
            Just(KeyCode::Home),
            Just(KeyCode::End),
            Just(KeyCode::Tab),
        ]
    }

    fn action() -> impl Strategy<Value = Msg> {
        prop_oneof![
            Just(Msg::Act(Action::MoveDown)),
            Just(Msg::Act(Action::MoveUp)),
            Just(Msg::Act(Action::Top)),
            Just(Msg::Act(Action::Bottom)),
            Just(Msg::Act(Action::PageDown)),
            Just(Msg::Act(Action::PageUp)),
            Just(Msg::Act(Action::NextPane)),
            Just(Msg::Act(Action::PrevPane)),
            Just(Msg::Act(Action::DetailDown)),
            Just(Msg::Act(Action::DetailUp)),
            (0..Status::ALL.len()).prop_map(|i| Msg::Act(Action::SetStatus(Status::ALL[i]))),
            Just(Msg::Act(Action::EditNote)),
            Just(Msg::Act(Action::EditOwner)),
            Just(Msg::Act(Action::Help)),
            Just(Msg::Act(Action::Back)),
            Just(Msg::Act(Action::Accept)),
            Just(Msg::Act(Action::KeepNote)),
            (key_code(), any::<bool>()).prop_map(|(code, ctrl)| {
                let modifiers = if ctrl {
                    KeyModifiers::CONTROL
                } else {
                    KeyModifiers::NONE
                };
                Msg::EditorKey(KeyEvent::new(code, modifiers))
            }),
            text().prop_map(Msg::Paste),
            Just(Msg::Act(Action::Quit)),
            Just(Msg::Saved(SaveOutcome::ChangedOnDisk)),
            Just(Msg::Saved(SaveOutcome::Failed("disk full".into()))),
            Just(Msg::Act(Action::Merge)),
            Just(Msg::Act(Action::Reload)),
            prop::option::of(prop::collection::vec(any::<u8>(), 0..64)).prop_map(|bytes| {
                Msg::DiskContents(DiskContents {
                    purpose: DiskPurpose::Merge,
                    bytes,
                })
            }),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig {
            cases: 128,
            failure_persistence: None,
            ..ProptestConfig::default()
        })]

        /// Any sequence of actions leaves a drawable app whose review file
        /// loads back as it was.
        #[test]
        fn any_session_stays_consistent(
            actions in prop::collection::vec(action(), 0..40),
            width in 0u16..160,
            height in 0u16..50,
        ) {
            let mut app = app();
            for action in actions {
                app.update(action);
                prop_assert!(app.focus() < app.panes().len());
                let pane = app.pane();
                prop_assert!(pane.is_empty() || pane.selected < pane.len());
            }
            crate::common::draw(&mut app, width, height);
            crate::common::draw(&mut app, 80, 24);
            let text = app.review_yaml();
            let loaded = load_review(text.as_bytes(), "hmicfrs-2020-prevent")
                .map_err(|p| TestCaseError::fail(format!("{}\n{text}", p.render("r"))))?;
            prop_assert_eq!(scrutiny::files::to_yaml(&loaded, app.inspection()), text);
        }
    }
}

/// What loading warns of (look-alike ids in the inspection, look-alike
/// entries in the review) is the first thing the app says, with its file,
/// line and column.
#[test]
fn loading_warnings_are_shown_as_information() {
    let dir = crate::common::TempDir::new("lookalike-app");
    let inspection = dir.write(
        "look.yaml",
        "inspection:\n  id: x\n  title: T\nfindings:\n  - id: K9\n    title: a\n  - id: \u{212A}9\n    title: b\n",
    );
    dir.write(
        "look.review.yaml",
        "version: 1\ninspection: x\nitems:\n  A1:\n    status: accepted\n  \u{410}1:\n    status: accepted\n",
    );
    let pair =
        scrutiny::files::workspace::load_pair(&inspection, None).expect("loads, with warnings");
    assert_eq!(pair.warnings.len(), 2, "{:#?}", pair.warnings);
    let app = App::from_pair(pair, "tester".into(), date("2020-04-01"));
    let Some(Message::Info(text)) = &app.message() else {
        panic!("no information shown: {:?}", app.message());
    };
    assert!(
        text.contains("look.yaml:7:9: warning: id `\u{212A}9` looks like `K9` at 5:9"),
        "{text}"
    );
    assert!(text.contains("(and 1 more warning)"), "{text}");
    // The review's own warning names the review file.
    let pair = scrutiny::files::workspace::load_pair(&inspection, None).expect("loads");
    assert!(
        pair.warnings[1].contains(
            "look.review.yaml:6:3: warning: the review entry `\u{410}1` looks like `A1` at 4:3"
        ),
        "{:#?}",
        pair.warnings
    );
}
