//! The import view without a terminal: lines marked through `update`, the
//! items read again at once, the fields filled, and the file written by the
//! runner only once it passes the check.

use crossterm::event::KeyCode;

use scrutiny::import::{Mark, Role, Section};
use scrutiny::tui::action::{Action, Effect, ImportField, ModeKind, Msg};
use scrutiny::tui::importer::{ImportView, Mode, Start};
use scrutiny::tui::runner::{Exit, Files};

use crate::common::import_view::{NORTHMOOR, start};
use crate::common::{Script, TempDir, key, run_loop_with};

fn view(dir: &TempDir) -> ImportView {
    ImportView::new(start(dir))
}

/// Put the cursor on line `number` (from 1).
fn to_line(view: &mut ImportView, number: usize) {
    view.update(Msg::Act(Action::Top));
    for _ in 1..number {
        view.update(Msg::Act(Action::MoveDown));
    }
    assert_eq!(view.cursor(), number - 1);
}

fn mark(view: &mut ImportView, number: usize, mark: Mark) -> Vec<Effect> {
    to_line(view, number);
    view.update(Msg::Act(Action::MarkLine(mark)))
}

fn ids(view: &ImportView) -> Vec<String> {
    view.import().entries.iter().map(|e| e.id.clone()).collect()
}

fn message(view: &ImportView) -> String {
    match view.message() {
        Some(
            scrutiny::tui::app::Message::Info(text) | scrutiny::tui::app::Message::Error(text),
        ) => text.clone(),
        None => String::new(),
    }
}

#[test]
fn unknown_headings_make_no_items_until_the_reviewer_says_what_they_head() {
    let dir = TempDir::new("import-view-headings");
    let mut view = view(&dir);
    assert!(view.import().entries.is_empty());
    let why = view.check().clone().expect_err("nothing to write yet");
    assert!(why.contains("no item yet"), "{why}");
    assert_eq!(view.import().roles.len(), NORTHMOOR.lines().count());
    mark(&mut view, 9, Mark::Heading(Section::Recommendations));
    assert_eq!(ids(&view), ["R1", "R2"]);
    assert_eq!(
        view.import().roles[8],
        Role::Heading(Section::Recommendations)
    );
    assert_eq!(view.import().roles[10], Role::Starts(0));
    assert!(view.check().is_ok(), "{:?}", view.check());
    let r2 = &view.import().entries[1];
    assert_eq!(r2.directed_to, ["the service"]);
    assert_eq!(r2.due.map(|d| d.to_string()).as_deref(), Some("2025-12-31"));
    // The findings' heading too: its paragraph is a finding.
    mark(&mut view, 5, Mark::Heading(Section::Findings));
    assert_eq!(ids(&view), ["F1", "R1", "R2"]);
    assert!(message(&view).contains("1 more"), "{}", message(&view));
    // The annex ends nothing the importer knows of: its paragraph would
    // join the actions; marked as furniture, it is left out and counted.
    assert!(
        view.import()
            .roles
            .get(15)
            .is_some_and(|r| *r == Role::Unplaced || matches!(r, Role::Starts(_) | Role::Part(_))),
        "{:?}",
        view.import().roles[15]
    );
    mark(&mut view, 16, Mark::Furniture);
    assert_eq!(view.import().roles[15], Role::Furniture);
    assert!(view.import().furniture.iter().any(|(n, _)| *n == 16));
}

#[test]
fn a_new_item_a_join_undo_and_redo() {
    let dir = TempDir::new("import-view-join");
    let mut view = view(&dir);
    mark(&mut view, 9, Mark::Heading(Section::Recommendations));
    mark(&mut view, 12, Mark::Join);
    assert_eq!(ids(&view), ["R1"]);
    assert!(view.import().entries[0].text.contains("case plan"));
    assert!(view.import().entries[0].text.contains("assessing risk"));
    view.update(Msg::Act(Action::Undo));
    assert_eq!(ids(&view), ["R1", "R2"]);
    view.update(Msg::Act(Action::Redo));
    assert_eq!(ids(&view), ["R1"]);
    // Taking the mark off reads the line as the importer does.
    to_line(&mut view, 12);
    view.update(Msg::Act(Action::Unmark));
    assert_eq!(ids(&view), ["R1", "R2"]);
    assert!(!view.marks().contains_key(&12));
    // After the annex's heading, which ends the section, no item starts.
    mark(&mut view, 16, Mark::Start);
    assert_eq!(view.import().roles[15], Role::Unplaced);
    // Read as a theme, it ends nothing: "We looked at 40 cases." is an
    // item of its own, under the actions, of that theme.
    mark(&mut view, 14, Mark::Theme);
    assert_eq!(view.import().roles[15], Role::Starts(2));
    let third = &view.import().entries[2];
    assert_eq!(third.theme.as_deref(), Some("Annex: how we inspect"));
    for _ in 0..6 {
        view.update(Msg::Act(Action::Undo));
    }
    assert!(view.marks().is_empty());
    assert_eq!(ids(&view), Vec::<String>::new());
    view.update(Msg::Act(Action::Undo));
    assert_eq!(message(&view), "Nothing to undo.");
}

#[test]
fn a_blank_line_is_not_marked() {
    let dir = TempDir::new("import-view-blank");
    let mut view = view(&dir);
    mark(&mut view, 2, Mark::Start);
    assert!(view.marks().is_empty());
    assert!(
        message(&view).contains("Line 2 is blank"),
        "{}",
        message(&view)
    );
}

#[test]
fn the_items_pane_moves_the_cursor_to_each_items_first_line() {
    let dir = TempDir::new("import-view-items");
    let mut view = view(&dir);
    mark(&mut view, 9, Mark::Heading(Section::Recommendations));
    to_line(&mut view, 1);
    view.update(Msg::Act(Action::NextPane));
    assert_eq!(view.cursor(), 10, "the first item after the cursor");
    view.update(Msg::Act(Action::MoveDown));
    assert_eq!(view.cursor(), 11);
    assert_eq!(view.current_item(), Some(1));
    view.update(Msg::Act(Action::NextPane));
    view.update(Msg::Act(Action::MoveDown));
    assert_eq!(view.cursor(), 12, "back in the lines, a line at a time");
}

#[test]
fn lines_left_out_are_found_one_after_another() {
    let dir = TempDir::new("import-view-unplaced");
    let mut view = view(&dir);
    to_line(&mut view, 1);
    let mut seen = Vec::new();
    for _ in 0..20 {
        view.update(Msg::Act(Action::NextMatch));
        if seen.last() == Some(&view.cursor()) {
            break;
        }
        seen.push(view.cursor());
    }
    let unplaced: Vec<usize> = (0..view.import().roles.len())
        .filter(|&i| i > 0 && view.import().roles[i] == Role::Unplaced)
        .collect();
    assert_eq!(seen, unplaced);
    assert!(
        message(&view).starts_with("No line after"),
        "{}",
        message(&view)
    );
}

#[test]
fn fields_typed_go_into_the_file_and_a_bad_date_is_refused() {
    let dir = TempDir::new("import-view-fields");
    let mut view = ImportView::new(Start {
        text: NORTHMOOR.replace("Published: 4 March 2025", ""),
        ..start(&dir)
    });
    mark(&mut view, 9, Mark::Heading(Section::Recommendations));
    assert_eq!(view.published(), None);
    view.update(Msg::Act(Action::EditField(ImportField::Published)));
    assert_eq!(view.mode().kind(), ModeKind::ImportField);
    view.update(Msg::Paste("4 March".into()));
    view.update(Msg::Act(Action::Accept));
    assert_eq!(view.mode().kind(), ModeKind::ImportField, "still open");
    assert!(
        message(&view).starts_with("Published:"),
        "{}",
        message(&view)
    );
    view.update(Msg::Act(Action::Back));
    view.update(Msg::Act(Action::EditField(ImportField::Published)));
    view.update(Msg::Paste("2025-03-04".into()));
    view.update(Msg::Act(Action::Accept));
    assert_eq!(
        view.published().map(|d| d.to_string()).as_deref(),
        Some("2025-03-04")
    );
    view.update(Msg::Act(Action::EditField(ImportField::Id)));
    for _ in 0..80 {
        view.update(Msg::EditorKey(key(KeyCode::Backspace)));
    }
    view.update(Msg::Paste("northmoor-yos\n2025".into()));
    view.update(Msg::Act(Action::Accept));
    assert_eq!(view.id(), "northmoor-yos 2025", "a field is one line");
    // An id with a space is no id `check` takes: nothing is written.
    let why = view.check().clone().expect_err("a bad id");
    assert!(why.contains("id"), "{why}");
    assert!(view.update(Msg::Act(Action::WriteImport)).is_empty());
    assert!(
        message(&view).starts_with("Not written"),
        "{}",
        message(&view)
    );
    view.update(Msg::Act(Action::EditField(ImportField::Id)));
    for _ in 0..80 {
        view.update(Msg::EditorKey(key(KeyCode::Backspace)));
    }
    view.update(Msg::Paste("northmoor-yos-2025".into()));
    view.update(Msg::Act(Action::Accept));
    assert!(view.check().is_ok(), "{:?}", view.check());
    let written = scrutiny::files::load_inspection(view.yaml().as_bytes()).expect("it loads");
    assert_eq!(written.meta.id, "northmoor-yos-2025");
    assert_eq!(
        written.meta.published.map(|d| d.to_string()).as_deref(),
        Some("2025-03-04")
    );
    assert_eq!(
        written.meta.title,
        "Inspection of youth offending services in Northmoor"
    );
}

#[test]
fn writing_waits_for_the_check_and_asks_before_writing_over_a_file() {
    let dir = TempDir::new("import-view-write");
    let mut view = view(&dir);
    assert!(view.update(Msg::Act(Action::WriteImport)).is_empty());
    assert!(message(&view).contains("no item yet"), "{}", message(&view));
    mark(&mut view, 9, Mark::Heading(Section::Recommendations));
    // A file that is not an inspection is never written over.
    std::fs::write(dir.join("northmoor.yaml"), "something else").expect("a file in the way");
    assert!(view.update(Msg::Act(Action::WriteImport)).is_empty());
    assert!(
        message(&view).contains("is not an inspection"),
        "{}",
        message(&view)
    );
    assert!(
        view.update(Msg::Act(Action::WriteImport)).is_empty(),
        "not even asked twice"
    );
    // An inspection is, once asked.
    std::fs::write(dir.join("northmoor.yaml"), view.yaml()).expect("an inspection in the way");
    assert!(view.update(Msg::Act(Action::WriteImport)).is_empty());
    assert!(
        message(&view).contains("is an inspection already"),
        "{}",
        message(&view)
    );
    let effects = view.update(Msg::Act(Action::WriteImport));
    let [Effect::WriteInspection { path, yaml, over }] = effects.as_slice() else {
        panic!("one write: {effects:?}");
    };
    assert!(*over);
    assert_eq!(path, &dir.join("northmoor.yaml"));
    assert_eq!(yaml, view.yaml());
    // Another change: the question is asked again.
    mark(&mut view, 5, Mark::Heading(Section::Findings));
    assert!(view.update(Msg::Act(Action::WriteImport)).is_empty());
}

#[test]
fn quitting_asks_unless_the_latest_is_written() {
    let dir = TempDir::new("import-view-quit");
    let mut view = view(&dir);
    assert!(view.update(Msg::Act(Action::Back)).is_empty());
    assert!(matches!(view.mode(), Mode::Quit));
    view.update(Msg::Act(Action::Back));
    assert!(matches!(view.mode(), Mode::Normal));
    mark(&mut view, 9, Mark::Heading(Section::Recommendations));
    view.update(Msg::Imported(Ok(String::new())));
    assert!(
        view.written()
            .is_some_and(|said| said.contains("2 recommendations"))
    );
    assert_eq!(view.update(Msg::Act(Action::Back)), [Effect::Quit]);
    mark(&mut view, 5, Mark::Heading(Section::Findings));
    assert!(view.update(Msg::Act(Action::Back)).is_empty());
    assert_eq!(view.update(Msg::Act(Action::QuitAnyway)), [Effect::Quit]);
}

#[test]
fn the_loop_writes_the_file_the_keys_made() {
    let dir = TempDir::new("import-view-loop");
    let mut view = view(&dir);
    let mut script = Script::keys("g");
    for _ in 1..9 {
        script.chars("j");
    }
    script.chars("3w");
    let mut files = Files::default();
    let (exit, _) = run_loop_with(&mut view, &mut files, &mut script);
    assert_eq!(exit, Exit::EndOfInput);
    let written = std::fs::read_to_string(dir.join("northmoor.yaml")).expect("written");
    let inspection = scrutiny::files::load_inspection(written.as_bytes()).expect("it loads");
    let ids: Vec<&str> = inspection.items.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["R1", "R2"]);
    assert!(message(&view).starts_with("Wrote"), "{}", message(&view));
    assert!(view.written().is_some());
}

#[test]
fn a_failed_write_says_why_and_keeps_everything() {
    let dir = TempDir::new("import-view-fails");
    let mut view = ImportView::new(Start {
        output: dir.join("no-such-folder").join("northmoor.yaml"),
        ..start(&dir)
    });
    mark(&mut view, 9, Mark::Heading(Section::Recommendations));
    let effects = view.update(Msg::Act(Action::WriteImport));
    let mut files = Files::default();
    for effect in effects {
        if let Some(report) = files.perform(effect) {
            view.update(report);
        }
    }
    assert!(
        message(&view).starts_with("Not written"),
        "{}",
        message(&view)
    );
    assert!(view.written().is_none());
    assert_eq!(ids(&view), ["R1", "R2"]);
    assert!(view.update(Msg::Act(Action::Back)).is_empty(), "asks first");
}

#[test]
fn the_users_keys_drive_the_view_and_its_footer_and_messages_name_them() {
    use scrutiny::tui::keymap::Keymap;
    let keys = Keymap::from_config(
        "[import]\nwrite = [\"W\"]\nmark_recommendations = [\"r\"]\n",
        "config.toml",
    )
    .expect("a valid config");
    let dir = TempDir::new("import-view-keys");
    let mut view = view(&dir).with_keys(keys.clone());
    let press =
        |c| crossterm::event::KeyEvent::new(KeyCode::Char(c), crossterm::event::KeyModifiers::NONE);
    assert_eq!(
        keys.action_for(ModeKind::Import, press('r')),
        Some(Action::MarkLine(Mark::Heading(Section::Recommendations)))
    );
    assert_eq!(keys.action_for(ModeKind::Import, press('w')), None);
    assert!(
        keys.footer(ModeKind::Import)
            .iter()
            .any(|(k, w)| k == "W" && *w == "write")
    );
    to_line(&mut view, 9);
    view.update(keys.msg_for(ModeKind::Import, press('r')).expect("bound"));
    std::fs::write(dir.join("northmoor.yaml"), view.yaml()).expect("an inspection in the way");
    view.update(keys.msg_for(ModeKind::Import, press('W')).expect("bound"));
    assert!(
        message(&view).contains("W again writes over it"),
        "{}",
        message(&view)
    );
}

#[test]
fn never_over_the_report_a_review_or_a_folder_and_the_reason_a_check_fails() {
    let dir = TempDir::new("import-view-targets");
    let source = dir.write("northmoor.txt", NORTHMOOR);
    let mut view = ImportView::new(Start {
        name: source.display().to_string(),
        ..start(&dir)
    });
    mark(&mut view, 9, Mark::Heading(Section::Recommendations));
    std::fs::create_dir(dir.join("folder")).expect("a folder");
    std::fs::write(dir.join("x.review.yaml"), "version: 1\n").expect("a review");
    for (output, why) in [
        (source.clone(), "the report being imported"),
        (dir.join("x.review.yaml"), "a review file"),
        (dir.join("folder"), "not a file"),
    ] {
        view.update(Msg::Act(Action::EditField(ImportField::Output)));
        for _ in 0..400 {
            view.update(Msg::EditorKey(key(KeyCode::Backspace)));
        }
        view.update(Msg::Paste(output.display().to_string()));
        view.update(Msg::Act(Action::Accept));
        for _ in 0..2 {
            assert!(view.update(Msg::Act(Action::WriteImport)).is_empty());
            assert!(message(&view).contains(why), "{why}: {}", message(&view));
        }
    }
    assert_eq!(
        std::fs::read_to_string(&source).expect("the report"),
        NORTHMOOR
    );
    // A check that fails says why, not only that it failed.
    view.update(Msg::Act(Action::EditField(ImportField::Id)));
    view.update(Msg::Paste(" #x".into()));
    view.update(Msg::Act(Action::Accept));
    let why = view.check().clone().expect_err("a bad id");
    assert!(why.contains("has the character ' '"), "{why}");
    assert!(!why.starts_with("the import did not"), "{why}");
}

#[test]
fn a_join_stays_under_its_heading_and_a_cleared_date_stays_cleared() {
    let dir = TempDir::new("import-view-join-heading");
    let mut view = view(&dir);
    mark(&mut view, 5, Mark::Heading(Section::Findings));
    mark(&mut view, 9, Mark::Heading(Section::Recommendations));
    // Line 11 is the first action; joined, it would go to the finding.
    mark(&mut view, 11, Mark::Join);
    assert_eq!(view.import().roles[10], Role::Unplaced);
    assert!(
        message(&view).contains("no item above it under the same heading"),
        "{}",
        message(&view)
    );
    assert!(view.import().entries[0].text.starts_with("Northmoor"));
    assert!(!view.import().entries[0].text.contains("case plan"));
    view.update(Msg::Act(Action::EditField(ImportField::Published)));
    for _ in 0..20 {
        view.update(Msg::EditorKey(key(KeyCode::Backspace)));
    }
    view.update(Msg::Act(Action::Accept));
    assert_eq!(view.published(), None, "the text's date no longer counts");
    assert!(!view.yaml().contains("published:"), "{}", view.yaml());
}
