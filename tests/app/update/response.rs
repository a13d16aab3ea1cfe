//! The Response view (`R`): its fields edited where they stand and saved
//! at once with their history, a date refused with the editor kept open, a
//! text field in the note editor and back, yes/no turned round, a merge's
//! other version settled, read-only refused; and `x`, which asks which
//! document and writes it.

use scrutiny::model::response::Field;
use scrutiny::tui::action::Document;
use scrutiny::tui::app::Mode;

use super::*;
use crate::common::shapes;

fn cursor_on(app: &mut App, field: Field) {
    app.update(Action::Top);
    let at = Field::ALL
        .iter()
        .position(|f| *f == field)
        .expect("a field");
    for _ in 0..at {
        app.update(Action::MoveDown);
    }
    assert_eq!(app.response_field(), Some(field));
}

fn saves(effects: &[Effect]) -> bool {
    effects.iter().any(|e| matches!(e, Effect::Save { .. }))
}

#[test]
fn r_opens_the_response_and_esc_r_and_q_close_it() {
    let mut app = app();
    let normal = app
        .keys()
        .action_for(ModeKind::Normal, key(KeyCode::Char('R')));
    assert_eq!(normal, Some(Action::Response));
    app.update(Action::Response);
    assert_eq!(app.mode().kind(), ModeKind::Response);
    for code in [KeyCode::Esc, KeyCode::Char('R'), KeyCode::Char('q')] {
        assert_eq!(
            app.keys().action_for(ModeKind::Response, key(code)),
            Some(Action::Back),
            "{code:?}"
        );
    }
    app.update(Action::Back);
    assert_eq!(app.mode().kind(), ModeKind::Normal);
}

#[test]
fn a_line_field_is_typed_kept_saved_and_recorded() {
    let mut app = app();
    app.update(Action::Response);
    cursor_on(&mut app, Field::By);
    app.update(Action::Open);
    assert_eq!(app.mode().kind(), ModeKind::ResponseField);
    type_text(&mut app, "Northshire PCC");
    let effects = app.update(Action::Accept);
    assert!(saves(&effects), "{:?}", shapes(&effects));
    assert_eq!(app.mode().kind(), ModeKind::Response);
    assert_eq!(app.response_field(), Some(Field::By));
    assert_eq!(
        app.review().response().by.as_deref(),
        Some("Northshire PCC")
    );
    let history = &app.review().response().history;
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].field, "by");
    assert_eq!(history[0].by, "tester");
    assert!(
        app.review_yaml()
            .contains("response:\n  by: Northshire PCC\n")
    );
}

#[test]
fn a_date_that_is_not_one_keeps_the_editor_open_and_says_why() {
    let mut app = app();
    app.update(Action::Response);
    cursor_on(&mut app, Field::Published);
    app.update(Action::Open);
    type_text(&mut app, "30/04/2020");
    assert!(app.update(Action::Accept).is_empty());
    assert_eq!(app.mode().kind(), ModeKind::ResponseField);
    assert!(
        matches!(app.message(), Some(Message::Error(m)) if m.contains("not a date")),
        "{:?}",
        app.message()
    );
    assert!(app.review().response().is_empty(), "nothing changed");
    // Esc leaves it as it was.
    app.update(Action::Back);
    assert_eq!(app.mode().kind(), ModeKind::Response);
    assert!(app.review().response().published.is_none());
}

#[test]
fn a_text_field_is_written_in_the_note_editor_and_comes_back_to_the_view() {
    let mut app = app();
    app.update(Action::Response);
    cursor_on(&mut app, Field::Opening);
    app.update(Action::Open);
    assert_eq!(app.mode().kind(), ModeKind::Note);
    type_text(&mut app, "Our opening words.");
    let effects = app.update(Action::KeepNote);
    assert!(saves(&effects), "{:?}", shapes(&effects));
    assert_eq!(app.mode().kind(), ModeKind::Response);
    assert_eq!(app.response_field(), Some(Field::Opening));
    assert_eq!(
        app.review().response().opening.as_deref(),
        Some("Our opening words.")
    );
    // No item got a note from it.
    assert!(
        app.review().is_empty(),
        "{:?}",
        app.review().ids().collect::<Vec<_>>()
    );
    // Dropping an edit leaves the words as they were, back in the view.
    app.update(Action::Open);
    type_text(&mut app, " More");
    app.update(Action::DiscardNote);
    app.update(Action::DiscardNote);
    assert_eq!(app.mode().kind(), ModeKind::Response);
    assert_eq!(
        app.review().response().opening.as_deref(),
        Some("Our opening words.")
    );
}

#[test]
fn the_external_editor_opens_on_a_text_field_from_the_view() {
    let mut app = app();
    app.update(Action::Response);
    cursor_on(&mut app, Field::ChiefComments);
    let effects = app.update(Action::ExternalEditor);
    assert!(
        effects.iter().any(
            |e| matches!(e, Effect::EditExternally { id, .. } if id == "response:chief.comments")
        ),
        "{effects:?}"
    );
}

#[test]
fn a_yes_no_field_turns_round_and_the_checklist_follows() {
    let mut app = app();
    let chief_settled = |app: &App| {
        !scrutiny::model::response::checklist(app.inspection(), app.review(), date("2020-04-01"))
            .blockers
            .iter()
            .any(|b| b.contains("chief officer"))
    };
    assert!(!chief_settled(&app));
    app.update(Action::Response);
    cursor_on(&mut app, Field::ChiefNotReceived);
    assert!(saves(&app.update(Action::Open)));
    assert!(app.review().response().chief.not_received);
    assert!(chief_settled(&app));
    assert!(saves(&app.update(Action::Open)));
    assert!(!app.review().response().chief.not_received);
    assert_eq!(app.review().response().history.len(), 2);
}

#[test]
fn the_other_version_of_a_field_is_settled_from_the_view() {
    let base = Review::new("hmicfrs-2020-prevent");
    let mut ours = base.clone();
    ours.set_response(
        Field::Closing,
        Some("Ours.\n"),
        &stamp("2026-01-01T00:00:00Z", "a"),
    )
    .expect("set");
    let mut theirs = base.clone();
    theirs
        .set_response(
            Field::Closing,
            Some("Theirs.\n"),
            &stamp("2026-01-01T00:00:01Z", "b"),
        )
        .expect("set");
    let (merged, _) = scrutiny::model::merge::merge(&base, &ours, &theirs);
    for (how, expected) in [
        (
            scrutiny::tui::action::Resolution::Mine,
            "Ours.\n".to_owned(),
        ),
        (
            scrutiny::tui::action::Resolution::Theirs,
            "Theirs.\n".to_owned(),
        ),
        (
            scrutiny::tui::action::Resolution::Both,
            format!("Ours.\n\n\n{OTHER_NOTE_MARK}\nTheirs.\n"),
        ),
    ] {
        let mut app = app_with(merged.clone(), PathBuf::from(REVIEW_PATH), None);
        app.update(Action::Response);
        cursor_on(&mut app, Field::Closing);
        assert!(saves(&app.update(Action::Resolve(how))), "{how:?}");
        let r = app.review().response();
        assert_eq!(r.closing.as_deref(), Some(expected.as_str()), "{how:?}");
        assert!(r.conflict.is_empty(), "{how:?}: settled");
    }
}

#[test]
fn a_read_only_session_refuses_to_change_the_response() {
    let mut app = app();
    app.update(Msg::Locked(scrutiny::tui::app::LockReport {
        held: scrutiny::tui::app::Held::Theirs("pid 42".into()),
        other_names: None,
    }));
    app.update(Action::Response);
    for field in [Field::By, Field::Opening, Field::ChiefNotReceived] {
        cursor_on(&mut app, field);
        assert_eq!(app.update(Action::Open), [], "{field:?}");
        assert_eq!(app.mode().kind(), ModeKind::Response, "{field:?}");
    }
    assert!(app.review().response().is_empty());
}

#[test]
fn x_asks_which_document_and_writes_it_beside_the_review() {
    let mut app = app();
    app.update(Action::ExportDraft);
    assert_eq!(app.mode().kind(), ModeKind::Export);
    for (c, document) in [
        ('r', Document::Response),
        ('w', Document::Word),
        ('m', Document::WorkingDraft),
    ] {
        assert_eq!(
            app.keys()
                .action_for(ModeKind::Export, key(KeyCode::Char(c))),
            Some(Action::Export(document))
        );
    }
    // Nothing is answered in the review: the published response is written
    // as a draft, its gaps marked, and the message will say so.
    let effects = app.update(Action::Export(Document::Response));
    assert_eq!(app.mode().kind(), ModeKind::Normal);
    let [
        Effect::Write {
            path, bytes, gaps, ..
        },
    ] = effects.as_slice()
    else {
        panic!("{effects:?}");
    };
    assert_eq!(path, &PathBuf::from("/tmp/x.response.md"));
    let text = String::from_utf8(bytes.clone()).expect("UTF-8");
    assert!(text.contains("[To do: the response"), "{text}");
    assert!(!text.contains("Status"), "{text}");
    let gaps = gaps.clone().expect("gaps said");
    assert!(gaps.contains("R1"), "{gaps}");
    app.update(Msg::Exported(Ok(scrutiny::tui::app::Written {
        path: path.clone(),
        kept: None,
        what: Document::Response.label(),
        gaps: Some(gaps),
    })));
    let Some(Message::Info(said)) = app.message() else {
        panic!("{:?}", app.message());
    };
    assert!(said.starts_with("Not ready to publish"), "{said}");
    // From the Response view, x goes back to it at the same field.
    app.update(Action::Response);
    cursor_on(&mut app, Field::Url);
    app.update(Action::ExportDraft);
    let effects = app.update(Action::Export(Document::Word));
    assert!(matches!(
        effects.as_slice(),
        [Effect::Write { path, .. }] if path == &PathBuf::from("/tmp/x.response.docx")
    ));
    assert!(matches!(app.mode(), Mode::Response { .. }));
    assert_eq!(app.response_field(), Some(Field::Url));
    // Esc asks nothing and writes nothing.
    app.update(Action::ExportDraft);
    assert_eq!(app.update(Action::Back), []);
    assert_eq!(app.response_field(), Some(Field::Url));
}

#[test]
fn undo_takes_a_response_change_back_and_redo_brings_it_again() {
    let mut app = app();
    app.update(Action::Response);
    cursor_on(&mut app, Field::Force);
    app.update(Action::Open);
    type_text(&mut app, "Northshire Police");
    app.update(Action::Accept);
    app.update(Action::Back);
    assert!(saves(&app.update(Action::Undo)));
    assert_eq!(app.review().response().force, None);
    let Some(Message::Info(said)) = app.message() else {
        panic!("{:?}", app.message());
    };
    assert!(said.contains("on the response"), "{said}");
    app.update(Action::Redo);
    assert_eq!(
        app.review().response().force.as_deref(),
        Some("Northshire Police")
    );
    // Every step is in the history: set, cleared, set again.
    assert_eq!(app.review().response().history.len(), 3);
}
