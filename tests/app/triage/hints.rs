//! Hints, popup titles and messages name the keys in force, remapped or
//! not.

use super::*;

// ============================================== hints name the keys in force

/// The app drawn on a screen wide enough for every title in full, as text.
fn wide(app: &mut App) -> String {
    screen_text(&draw(app, 200, 50))
}

fn remapped(text: &str) -> App {
    let app = example();
    app.with_keys(Keymap::from_config(text, CONFIG).expect("valid"))
}

#[test]
fn the_detail_names_the_note_key_in_force() {
    assert!(wide(&mut example()).contains("No note yet: press e to write one."));
    let mut app = remapped("[normal]\nedit_note = \"I\"\n");
    let text = wide(&mut app);
    assert!(
        text.contains("No note yet: press I to write one."),
        "{text}"
    );
    assert!(!text.contains("press e "), "{text}");
}

#[test]
fn a_chosen_link_names_the_keys_that_follow_it_and_come_back() {
    let mut app = remapped("[normal]\nopen = \"l\"\njump_back = \"ctrl-b\"\n");
    select(&mut app, "F4");
    app.update(Action::NextLink);
    let text = wide(&mut app);
    assert!(text.contains("l follows, Ctrl-B comes back"), "{text}");
    assert!(!text.contains("Enter follows"), "{text}");
}

#[test]
fn an_action_without_a_key_is_named_in_the_hint() {
    let mut app = remapped("[normal]\nedit_note = []\n");
    let text = wide(&mut app);
    assert!(
        text.contains("No note yet: press (no key for edit_note) to write one."),
        "{text}"
    );
}

#[test]
fn popup_titles_name_the_keys_in_force() {
    let mut app = remapped(
        "[note]\nkeep_note = \"ctrl-k\"\n[owner]\naccept = \"ctrl-k\"\nback = \"ctrl-g\"\n\
         [append]\naccept = [\"ctrl-k\", \"ctrl-d\"]\n[save_as]\naccept = \"ctrl-k\"\n\
         [help]\nback = \"x\"\nmove_down = \"ctrl-n\"\nsearch = \"ctrl-f\"\n\
         [help_search]\naccept = \"ctrl-k\"\n[filter]\ntoggle = \"t\"\nback = \"x\"\n\
         [summary]\nback = \"z\"\n",
    );
    let title = |app: &mut App| wide(app).lines().nth(1).unwrap_or_default().to_owned();
    app.update(Action::EditNote);
    let text = wide(&mut app);
    assert!(
        text.contains(" Note for F1 (Enter: new line · Ctrl-K: keep) "),
        "{text}"
    );
    app.update(Action::KeepNote);
    app.update(Action::EditOwner);
    let text = wide(&mut app);
    assert!(
        text.contains(" Owner of F1 (Ctrl-K: keep · Ctrl-G: cancel) "),
        "{text}"
    );
    app.update(Action::Back);
    app.update(Action::AppendNote);
    let text = wide(&mut app);
    assert!(
        text.contains("(Enter: new line · Ctrl-K or Ctrl-D: append)"),
        "{text}"
    );
    app.update(Action::Back);
    app.update(Action::SaveElsewhere);
    let text = wide(&mut app);
    assert!(
        text.contains(" Save the review to (Ctrl-K: save · Esc: cancel) "),
        "{text}"
    );
    app.update(Action::Back);
    app.update(Action::Help);
    let line = title(&mut app);
    assert!(
        line.contains(" Keys (x closes, Ctrl-N/k scroll, Ctrl-F searches) "),
        "{line}"
    );
    app.update(Action::Search);
    type_text(&mut app, "undo");
    let line = title(&mut app);
    assert!(
        line.contains(" Keys matching \"undo\" (Ctrl-K keeps, Esc clears) "),
        "{line}"
    );
    app.update(Action::Accept);
    let line = title(&mut app);
    assert!(
        line.contains(" Keys matching \"undo\" (Ctrl-F changes, x closes) "),
        "{line}"
    );
    app.update(Action::Back);
    app.update(Action::FilterMenu);
    let text = wide(&mut app);
    assert!(text.contains("(t toggles, x closes)"), "{text}");
    assert!(text.contains("(any; t lists them)"), "{text}");
    assert!(text.contains("(anyone; t lists them)"), "{text}");
    app.update(Action::Back);
    app.update(Action::Summary);
    assert!(wide(&mut app).contains(" Summary (z closes) "));
}

#[test]
fn an_editor_whose_keys_take_enter_does_not_say_enter_makes_a_new_line() {
    let mut app = remapped("[note]\nkeep_note = [\"enter\", \"esc\"]\n");
    app.update(Action::EditNote);
    let text = wide(&mut app);
    assert!(
        text.contains(" Note for F1 (Enter or Esc: keep) "),
        "{text}"
    );
}

#[test]
fn the_kept_search_message_names_the_keys_in_force() {
    let mut app = remapped(
        "[normal]\nnext_match = \"ctrl-n\"\nprev_match = \"ctrl-p\"\nsearch = \"ctrl-f\"\n",
    );
    search(&mut app, "training");
    app.update(Action::Accept);
    assert_eq!(
        *app.message(),
        Some(Message::Info(
            "Search \"training\" kept: Ctrl-N/Ctrl-P step through matches, Ctrl-F changes it"
                .into()
        ))
    );
}

#[test]
fn marking_everything_names_the_owner_and_append_keys_in_force() {
    let mut app = remapped("[normal]\nedit_owner = \"O\"\nappend_note = \"Y\"\n");
    app.update(Action::MarkAll);
    assert_eq!(
        *app.message(),
        Some(Message::Info(
            "11 shown findings marked (V again: every pane's); status keys, O and Y apply to all 11 marked".into()
        ))
    );
}

#[test]
fn the_help_names_the_search_keys_in_force_in_its_heading() {
    let mut app = remapped("[search]\nmove_down = \"ctrl-n\"\nmove_up = \"ctrl-p\"\n");
    app.update(Action::Help);
    app.update(Action::Search);
    type_text(&mut app, "match");
    let text = wide(&mut app);
    assert!(
        text.contains("Searching (other keys type; Ctrl-N/Ctrl-P move)"),
        "{text}"
    );
}

#[test]
fn the_too_small_screen_names_the_quit_key_in_force() {
    let mut app = remapped("[normal]\nleave = \"Q\"\n");
    let text = screen_text(&draw(&mut app, 50, 12));
    assert!(text.contains("press Q to quit"), "{text}");
    // Opened from an overview, that key goes back to it: Ctrl-C quits.
    let mut app = remapped("[normal]\nleave = \"Q\"\n").opened_from_portfolio();
    let text = screen_text(&draw(&mut app, 50, 12));
    assert!(text.contains("press Ctrl-C to"), "{text}");
}
