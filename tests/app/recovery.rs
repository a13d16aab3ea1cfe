//! A crash must not lose what the reviewer typed: the note in the editor and
//! any change that could not be saved go to a recovery file.

use crate::common::{example_inspection, temp_dir, type_text};
use scrutiny::tui::app::{Action, App, Msg, SaveOutcome};
use scrutiny::tui::recovery::write_recovery;
use scrutiny::{files::load_review, model::Review};

fn app_in(dir: &std::path::Path) -> App {
    let inspection = example_inspection();
    let review = Review::new(inspection.meta.id.clone());
    App::new(
        inspection,
        review,
        dir.join("prevent-2020.review.yaml"),
        None,
        "tester".into(),
        jiff::civil::date(2020, 4, 1),
    )
}

#[test]
fn a_note_in_the_editor_is_written_to_a_recovery_file_beside_the_review() {
    let dir = temp_dir("draft");
    let mut app = app_in(&dir);
    app.update(Action::EditNote);
    type_text(&mut app, "Brouillon: première\nligne deux");
    let path = write_recovery(&mut app)
        .expect("something to recover")
        .expect("written");
    assert_eq!(path.parent(), Some(dir.as_path()));
    assert!(
        path.file_name()
            .expect("name")
            .to_string_lossy()
            .starts_with("prevent-2020.review.yaml.recovered-")
    );
    let bytes = std::fs::read(&path).expect("recovery file");
    let review =
        load_review(&bytes, "hmicfrs-2020-prevent").expect("recovery file loads as a review");
    assert_eq!(
        review.entry("F1").and_then(|e| e.note.as_deref()),
        Some("Brouillon: première\nligne deux")
    );
    // The real review file is left alone.
    assert!(!dir.join("prevent-2020.review.yaml").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_change_whose_save_failed_is_recovered() {
    let dir = temp_dir("failed");
    let mut app = app_in(&dir);
    app.update(Action::SetStatus(scrutiny::model::Status::Complete));
    app.update(Msg::Saved(SaveOutcome::Failed("disk full".into())));
    let path = write_recovery(&mut app)
        .expect("unsaved change")
        .expect("written");
    let text = std::fs::read_to_string(&path).expect("recovery file");
    assert!(text.contains("F1:\n    status: complete\n"), "{text}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn nothing_is_written_when_everything_is_saved() {
    let dir = temp_dir("clean");
    let mut app = app_in(&dir);
    assert!(write_recovery(&mut app).is_none());
    assert_eq!(std::fs::read_dir(&dir).expect("dir").count(), 0);
    let _ = std::fs::remove_dir_all(&dir);
}
