//! The note editor's own keys: keeping or dropping what was typed, Ctrl-C
//! that closes the editor rather than the app, the item shown beside it,
//! and the note handed to the external editor and back.

use super::*;
use crate::common::shapes;
use scrutiny::tui::app::{ExternalEdit, Returned};

/// F1's note, saved.
fn with_note(text: &str) -> App {
    let mut app = app();
    app.update(Action::EditNote);
    type_text(&mut app, text);
    app.update(Action::KeepNote);
    assert_eq!(note(&app, "F1").as_deref(), Some(text));
    app
}

fn back(text: &str, failed: Option<&str>) -> Msg {
    Msg::EditedExternally(ExternalEdit {
        id: "F1".into(),
        result: Ok(Returned {
            text: text.into(),
            failed: failed.map(str::to_owned),
        }),
    })
}

fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

#[test]
fn discarding_with_nothing_typed_closes_at_once() {
    let mut app = with_note("kept");
    app.update(Action::EditNote);
    assert_eq!(app.update(Action::DiscardNote), []);
    assert_eq!(app.mode().kind(), ModeKind::Normal);
    assert_eq!(note(&app, "F1").as_deref(), Some("kept"));
}

#[test]
fn discarding_typed_text_asks_and_no_goes_back_to_it() {
    let mut app = with_note("kept");
    app.update(Action::EditNote);
    type_text(&mut app, " and more");
    assert_eq!(app.update(Action::DiscardNote), []);
    assert_eq!(app.mode().kind(), ModeKind::NoteDiscard);
    // The text is still there meanwhile: a signal now would keep it.
    assert_eq!(app.note_draft(), Some(("F1", "kept and more".to_owned())));
    app.update(Action::Back);
    assert_eq!(app.mode().kind(), ModeKind::Note);
    type_text(&mut app, "!");
    assert_eq!(shapes(&app.update(Action::KeepNote)), ["Save"]);
    assert_eq!(note(&app, "F1").as_deref(), Some("kept and more!"));
}

#[test]
fn yes_drops_the_typed_text_and_the_note_stays_as_it_was() {
    let mut app = with_note("kept");
    app.update(Action::EditNote);
    type_text(&mut app, " and more");
    app.update(Action::DiscardNote);
    assert_eq!(app.update(Action::DiscardNote), [], "nothing to save");
    assert_eq!(app.mode().kind(), ModeKind::Normal);
    assert_eq!(note(&app, "F1").as_deref(), Some("kept"));
    assert!(
        matches!(app.message(), Some(Message::Info(m)) if m.contains("Dropped")),
        "{:?}",
        app.message()
    );
}

#[test]
fn the_discard_keys_are_f2_then_y_and_ctrl_c_never_quits_in_the_editor() {
    let keys = app().keys().clone();
    let f2 = key(KeyCode::F(2));
    assert_eq!(
        keys.action_for(ModeKind::Note, f2),
        Some(Action::DiscardNote)
    );
    assert_eq!(
        keys.action_for(ModeKind::Note, ctrl('c')),
        Some(Action::DiscardNote)
    );
    assert_eq!(
        keys.action_for(ModeKind::NoteDiscard, key(KeyCode::Char('y'))),
        Some(Action::DiscardNote)
    );
    assert_eq!(
        keys.action_for(ModeKind::NoteDiscard, ctrl('c')),
        Some(Action::DiscardNote)
    );
    assert_eq!(
        keys.action_for(ModeKind::NoteReturned, ctrl('c')),
        Some(Action::Back)
    );
    // Everywhere else Ctrl-C still quits.
    for mode in [ModeKind::Normal, ModeKind::Owner, ModeKind::Append] {
        assert_eq!(keys.action_for(mode, ctrl('c')), Some(Action::Quit));
    }
}

#[test]
fn ctrl_c_twice_with_typed_text_drops_it_and_a_third_quits() {
    let mut app = with_note("kept");
    app.update(Action::EditNote);
    type_text(&mut app, "x");
    let press = |app: &mut App| {
        let msg = app
            .keys()
            .msg_for(app.mode().kind(), ctrl('c'))
            .expect("bound");
        app.update(msg)
    };
    assert_eq!(press(&mut app), []);
    assert_eq!(app.mode().kind(), ModeKind::NoteDiscard);
    assert_eq!(press(&mut app), []);
    assert_eq!(app.mode().kind(), ModeKind::Normal);
    assert_eq!(note(&app, "F1").as_deref(), Some("kept"));
    app.update(Msg::Saved(written(&app)));
    assert_eq!(press(&mut app), [Effect::Quit]);
}

#[test]
fn the_item_beside_the_editor_shows_from_120_wide_and_the_toggle_turns_it_around() {
    use ratatui::layout::Rect;
    use scrutiny::tui::ui::item_beside_note;
    let small = Rect::new(0, 0, 80, 24);
    let large = Rect::new(0, 0, 120, 40);
    let mut app = app();
    assert!(!item_beside_note(&app, large), "only with the editor open");
    app.update(Action::EditNote);
    assert!(!item_beside_note(&app, small));
    assert!(item_beside_note(&app, large));
    assert!(
        item_beside_note(&app, Rect::new(0, 0, 160, 24)),
        "wide enough"
    );
    assert!(!item_beside_note(&app, Rect::new(0, 0, 119, 50)));
    assert_eq!(
        app.keys()
            .action_for(ModeKind::Note, ctrl('t'))
            .expect("bound"),
        Action::ToggleItem
    );
    type_text(&mut app, "typed");
    assert_eq!(app.update(Action::ToggleItem), []);
    assert!(item_beside_note(&app, small));
    assert!(!item_beside_note(&app, large));
    assert_eq!(
        app.note_draft(),
        Some(("F1", "typed".to_owned())),
        "text kept"
    );
    app.update(Action::ToggleItem);
    assert!(!item_beside_note(&app, small));
}

#[test]
fn from_the_normal_view_the_saved_note_goes_out_and_what_comes_back_is_kept() {
    let mut app = with_note("first");
    app.update(Msg::Saved(written(&app)));
    assert_eq!(
        app.keys()
            .action_for(ModeKind::Normal, key(KeyCode::Char('E'))),
        Some(Action::ExternalEditor)
    );
    assert_eq!(
        app.update(Action::ExternalEditor),
        [Effect::EditExternally {
            id: "F1".into(),
            text: "first".into()
        }]
    );
    assert_eq!(shapes(&app.update(back("first\nsecond", None))), ["Save"]);
    assert_eq!(app.mode().kind(), ModeKind::Normal);
    assert_eq!(note(&app, "F1").as_deref(), Some("first\nsecond"));
    // One change, as any other: undo takes it back.
    app.update(Action::Undo);
    assert_eq!(note(&app, "F1").as_deref(), Some("first"));
}

#[test]
fn from_the_note_editor_the_typed_text_goes_out_and_comes_back_into_it() {
    let mut app = with_note("first");
    app.update(Action::EditNote);
    type_text(&mut app, " typed");
    assert_eq!(
        app.keys().action_for(ModeKind::Note, ctrl('o')),
        Some(Action::ExternalEditor)
    );
    assert_eq!(
        app.update(Action::ExternalEditor),
        [Effect::EditExternally {
            id: "F1".into(),
            text: "first typed".into()
        }]
    );
    assert_eq!(app.update(back("first typed, edited", None)), []);
    assert_eq!(app.mode().kind(), ModeKind::Note);
    assert_eq!(
        app.note_draft(),
        Some(("F1", "first typed, edited".to_owned()))
    );
    assert_eq!(note(&app, "F1").as_deref(), Some("first"), "not kept yet");
    assert_eq!(shapes(&app.update(Action::KeepNote)), ["Save"]);
    assert_eq!(note(&app, "F1").as_deref(), Some("first typed, edited"));
}

#[test]
fn an_editor_that_fails_is_asked_about_and_the_old_note_can_stay() {
    let mut app = with_note("precious");
    app.update(Action::ExternalEditor);
    assert_eq!(
        app.update(back("half written", Some("exited with status 1"))),
        []
    );
    assert_eq!(app.mode().kind(), ModeKind::NoteReturned);
    assert_eq!(note(&app, "F1").as_deref(), Some("precious"));
    assert_eq!(
        app.keys()
            .action_for(ModeKind::NoteReturned, key(KeyCode::Char('k'))),
        Some(Action::Back)
    );
    assert_eq!(app.update(Action::Back), [], "nothing changed");
    assert_eq!(app.mode().kind(), ModeKind::Normal);
    assert_eq!(note(&app, "F1").as_deref(), Some("precious"));
}

#[test]
fn an_editor_that_fails_can_still_have_its_text_taken() {
    let mut app = with_note("precious");
    app.update(Action::ExternalEditor);
    app.update(back("half written", Some("exited with status 1")));
    assert_eq!(
        app.keys()
            .action_for(ModeKind::NoteReturned, key(KeyCode::Char('t'))),
        Some(Action::Accept)
    );
    assert_eq!(shapes(&app.update(Action::Accept)), ["Save"]);
    assert_eq!(app.mode().kind(), ModeKind::Normal);
    assert_eq!(note(&app, "F1").as_deref(), Some("half written"));
}

#[test]
fn an_editor_that_empties_the_note_is_asked_about_inside_the_editor_too() {
    let mut app = with_note("precious");
    app.update(Action::EditNote);
    type_text(&mut app, " and typed");
    app.update(Action::ExternalEditor);
    assert_eq!(app.update(back("", None)), []);
    assert_eq!(app.mode().kind(), ModeKind::NoteReturned);
    // Keeping: the editor still holds what was typed.
    app.update(Action::Back);
    assert_eq!(app.mode().kind(), ModeKind::Note);
    assert_eq!(
        app.note_draft(),
        Some(("F1", "precious and typed".to_owned()))
    );
    // Taking: the editor is empty, and keeping it clears the note.
    app.update(Action::ExternalEditor);
    app.update(back("\n", None));
    assert_eq!(app.mode().kind(), ModeKind::NoteReturned);
    app.update(Action::Accept);
    assert_eq!(app.mode().kind(), ModeKind::Note);
    assert_eq!(app.note_draft(), Some(("F1", "\n".to_owned())));
}

#[test]
fn no_editor_to_run_is_said_and_nothing_changes() {
    let mut app = with_note("precious");
    app.update(Action::ExternalEditor);
    let failed = Msg::EditedExternally(ExternalEdit {
        id: "F1".into(),
        result: Err("neither $VISUAL nor $EDITOR is set".into()),
    });
    assert_eq!(app.update(failed), []);
    assert_eq!(app.mode().kind(), ModeKind::Normal);
    assert_eq!(note(&app, "F1").as_deref(), Some("precious"));
    assert!(
        matches!(app.message(), Some(Message::Error(m)) if m.contains("$EDITOR")),
        "{:?}",
        app.message()
    );
}

#[test]
fn an_unchanged_note_back_from_the_editor_saves_nothing() {
    let mut app = with_note("same");
    app.update(Msg::Saved(written(&app)));
    app.update(Action::ExternalEditor);
    assert_eq!(app.update(back("same", None)), []);
    assert_eq!(app.mode().kind(), ModeKind::Normal);
    assert!(!app.save().unsaved);
}

/// Alt-PgDn and Alt-PgUp page the item beside the editor, by the height
/// the detail had in the last frame; the text typed is left alone.
#[test]
fn alt_page_keys_page_the_item_beside_the_editor() {
    let mut app = app();
    app.update(Action::EditNote);
    type_text(&mut app, "typed");
    app.update(Msg::Drawn(scrutiny::tui::layout::ScreenLayout {
        detail: ratatui::layout::Rect::new(0, 0, 40, 10),
        ..Default::default()
    }));
    let alt = |code| KeyEvent::new(code, KeyModifiers::ALT);
    let down = app
        .keys()
        .msg_for(ModeKind::Note, alt(KeyCode::PageDown))
        .expect("bound");
    assert_eq!(down, Msg::Act(Action::DetailPageDown));
    app.update(down);
    assert_eq!(app.detail_scroll(), 10);
    let up = app
        .keys()
        .msg_for(ModeKind::Note, alt(KeyCode::PageUp))
        .expect("bound");
    app.update(up);
    assert_eq!(app.detail_scroll(), 0);
    assert_eq!(app.note_draft(), Some(("F1", "typed".to_owned())));
}

#[test]
fn alt_arrows_scroll_the_item_and_leave_the_text_alone() {
    let mut app = app();
    app.update(Action::EditNote);
    type_text(&mut app, "typed");
    let alt = |code| KeyEvent::new(code, KeyModifiers::ALT);
    let down = app
        .keys()
        .msg_for(ModeKind::Note, alt(KeyCode::Down))
        .expect("bound");
    assert_eq!(down, Msg::Act(Action::DetailDown));
    app.update(down);
    assert_eq!(app.detail_scroll(), 3);
    let up = app
        .keys()
        .msg_for(ModeKind::Note, alt(KeyCode::Up))
        .expect("bound");
    app.update(up);
    assert_eq!(app.detail_scroll(), 0);
    assert_eq!(app.note_draft(), Some(("F1", "typed".to_owned())));
    // Plain arrows still move in the text.
    assert_eq!(
        app.keys().msg_for(ModeKind::Note, key(KeyCode::Down)),
        Some(Msg::EditorKey(key(KeyCode::Down)))
    );
}
