//! Filters: the picker's statuses, theme, body and overdue rows, the
//! unreviewed toggle, and filters with a search.

use super::*;

#[test]
fn the_filter_picker_toggles_statuses() {
    let mut app = example();
    set_status(&mut app, "F1", Status::Accepted);
    set_status(&mut app, "F2", Status::Complete);
    select(&mut app, "F1");

    app.update(Action::FilterMenu);
    assert_eq!(app.mode().kind(), ModeKind::FilterMenu);
    // Row 0 is Unreviewed.
    app.update(Action::Toggle);
    assert_eq!(app.filter().describe(), ["status: Unreviewed"]);
    assert_eq!(ids(&app, 0).len(), 9);
    assert!(!ids(&app, 0).contains(&"F1"));
    assert!(!ids(&app, 0).contains(&"F2"));
    assert_eq!(app.panes()[0].count(), 11);
    // Row 1 is Accepted: either status shows.
    app.update(Action::MoveDown);
    app.update(Action::Toggle);
    assert_eq!(app.filter().describe(), ["status: Unreviewed or Accepted"]);
    assert_eq!(ids(&app, 0).len(), 10);
    assert!(ids(&app, 0).contains(&"F1"));
    // Untoggling Unreviewed leaves only the accepted one.
    app.update(Action::MoveUp);
    app.update(Action::Toggle);
    assert_eq!(ids(&app, 0), ["F1"]);
    assert!(ids(&app, 1).is_empty());
    assert!(ids(&app, 2).is_empty());
    // The picker's keys leave it; the filter stays.
    app.update(Action::Back);
    assert_eq!(app.mode().kind(), ModeKind::Normal);
    assert_eq!(ids(&app, 0), ["F1"]);
}

#[test]
fn the_picker_cursor_stays_within_its_rows() {
    let mut app = example();
    // A filter in force, for the last row to clear.
    toggle_filter(&mut app, FilterRow::Overdue);
    assert!(app.filter().overdue);
    app.update(Action::FilterMenu);
    for _ in 0..50 {
        app.update(Action::MoveDown);
    }
    // The last row clears.
    app.update(Action::Toggle);
    assert_eq!(*app.filter(), Filter::default());
    for _ in 0..50 {
        app.update(Action::MoveUp);
    }
    app.update(Action::Toggle);
    assert_eq!(app.filter().describe(), ["status: Unreviewed"]);
    // j/k moved the picker, not the list.
    assert_eq!(app.selected_id(), Some("F1"));
}

#[test]
fn the_theme_row_lists_every_theme_to_choose_from() {
    let mut app = example();
    let themes = app.themes();
    assert_eq!(themes.len(), 6, "{themes:?}");
    for theme in &themes {
        pick_filter(&mut app, FilterRow::Theme, Some(theme));
        assert_eq!(app.filter().theme.as_ref(), Some(theme));
        for id in app.panes()[0].ids(&app.inspection().items) {
            let item = app.inspection().get(id).expect("an item");
            assert_eq!(item.theme.as_ref(), Some(theme));
        }
        // Strengths and recommendations of the example have no theme,
        // and the message says they are hidden, not absent.
        assert!(ids(&app, 1).is_empty());
        assert!(ids(&app, 2).is_empty());
        assert_eq!(
            info(&app),
            format!(
                "None of the strengths or recommendations has the theme {theme}: they are hidden while it is set"
            )
        );
    }
    pick_filter(&mut app, FilterRow::Theme, None);
    assert_eq!(app.filter().theme, None);
    assert_eq!(ids(&app, 0).len(), 11);
}

#[test]
fn the_list_opens_on_the_value_in_force_and_moves_both_ways() {
    let mut app = example();
    let themes = app.themes();
    open_filters_at(&mut app, FilterRow::Theme);
    app.update(Action::Toggle);
    assert_eq!(app.mode().kind(), ModeKind::Pick);
    let (shown, at) = pick_list(&app);
    let mut listed = vec![None];
    listed.extend(themes.iter().cloned().map(Some));
    assert_eq!(shown, listed, "(any) then every theme");
    assert_eq!(at, None, "nothing in force: (any)");
    // Up at the top stays there; down, down, up.
    app.update(Action::MoveUp);
    assert_eq!(pick_list(&app).1, None);
    app.update(Action::MoveDown);
    app.update(Action::MoveDown);
    assert_eq!(pick_list(&app).1.as_ref(), Some(&themes[1]));
    app.update(Action::MoveUp);
    assert_eq!(pick_list(&app).1.as_ref(), Some(&themes[0]));
    app.update(Action::Bottom);
    assert_eq!(pick_list(&app).1.as_ref(), themes.last());
    app.update(Action::MoveDown);
    assert_eq!(
        pick_list(&app).1.as_ref(),
        themes.last(),
        "stays at the end"
    );
    app.update(Action::Top);
    assert_eq!(pick_list(&app).1, None);
    // The keys themselves: j, k, G, g, and the arrows.
    for (code, want) in [
        (KeyCode::Char('j'), Some(&themes[0])),
        (KeyCode::Down, Some(&themes[1])),
        (KeyCode::Char('k'), Some(&themes[0])),
        (KeyCode::Char('G'), themes.last()),
        (KeyCode::Up, themes.get(4)),
        (KeyCode::Char('g'), None),
    ] {
        press(&mut app, key(code));
        assert_eq!(pick_list(&app).1.as_ref(), want, "{code:?}");
    }
    // Chosen: back in the filter picker, at the theme row.
    app.update(Action::Bottom);
    app.update(Action::Accept);
    assert!(matches!(app.mode(), Mode::FilterMenu { cursor: 6 }));
    assert_eq!(app.filter().theme.as_ref(), themes.last());
    // Opened again, the theme in force is highlighted.
    app.update(Action::Toggle);
    assert_eq!(pick_list(&app).1.as_ref(), themes.last());
}

#[test]
fn typing_narrows_the_list_and_backspace_widens_it() {
    let mut app = example();
    open_filters_at(&mut app, FilterRow::Theme);
    app.update(Action::Toggle);
    // Typed keys, through the keymap: 'T' is not a move.
    press(&mut app, key(KeyCode::Char('T')));
    press(&mut app, key(KeyCode::Char('r')));
    press(&mut app, key(KeyCode::Char('A')));
    assert_eq!(app.mode().kind(), ModeKind::PickTyped);
    let (shown, at) = pick_list(&app);
    assert_eq!(
        shown,
        [None, Some("Training and awareness".to_owned())],
        "case aside, the themes holding \"trA\""
    );
    assert_eq!(
        at.as_deref(),
        Some("Training and awareness"),
        "the first match"
    );
    // Once typed, j and k type too; the arrows still move.
    press(&mut app, key(KeyCode::Char('j')));
    assert_eq!(pick_list(&app).0, [None], "nothing holds trAj");
    press(&mut app, key(KeyCode::Backspace));
    assert_eq!(pick_list(&app).0.len(), 2);
    press(&mut app, key(KeyCode::Up));
    assert_eq!(pick_list(&app).1, None);
    press(&mut app, key(KeyCode::Down));
    press(&mut app, key(KeyCode::Enter));
    assert_eq!(app.mode().kind(), ModeKind::FilterMenu);
    assert_eq!(
        app.filter().theme.as_deref(),
        Some("Training and awareness")
    );
    assert_eq!(ids(&app, 0), ["F4", "F5"]);
    // Backspace back to nothing: every theme again, and j moves again.
    app.update(Action::Toggle);
    press(&mut app, key(KeyCode::Char('x')));
    press(&mut app, key(KeyCode::Backspace));
    assert_eq!(app.mode().kind(), ModeKind::Pick);
    assert_eq!(pick_list(&app).0.len(), 7);
}

#[test]
fn esc_goes_back_to_the_filter_picker_unchanged() {
    let mut app = mini();
    pick_filter(&mut app, FilterRow::DirectedTo, Some("College of Policing"));
    open_filters_at(&mut app, FilterRow::DirectedTo);
    app.update(Action::Toggle);
    press(&mut app, key(KeyCode::Char('c')));
    app.update(Action::Top);
    press(&mut app, key(KeyCode::Esc));
    assert!(matches!(app.mode(), Mode::FilterMenu { cursor: 7 }));
    assert_eq!(
        app.filter().directed_to.as_deref(),
        Some("College of Policing")
    );
    assert_eq!(ids(&app, 1), ["R2", "R3"]);
    // Esc again closes the filter picker.
    press(&mut app, key(KeyCode::Esc));
    assert_eq!(app.mode().kind(), ModeKind::Normal);
}

#[test]
fn the_directed_to_row_lists_the_bodies() {
    let mut app = mini();
    assert_eq!(app.bodies(), ["Chief constables", "College of Policing"]);
    pick_filter(&mut app, FilterRow::DirectedTo, Some("Chief constables"));
    assert_eq!(
        app.filter().directed_to.as_deref(),
        Some("Chief constables")
    );
    assert_eq!(ids(&app, 1), ["R1", "R3"]);
    assert!(ids(&app, 0).is_empty(), "findings are directed to no one");
    pick_filter(&mut app, FilterRow::DirectedTo, Some("College of Policing"));
    assert_eq!(ids(&app, 1), ["R2", "R3"]);
    pick_filter(&mut app, FilterRow::DirectedTo, None);
    assert_eq!(app.filter().directed_to, None);
    assert_eq!(ids(&app, 1), ["R1", "R2", "R3", "R4"]);
}

#[test]
fn a_report_without_bodies_lists_only_any() {
    let mut app = example();
    assert!(app.bodies().is_empty());
    open_filters_at(&mut app, FilterRow::DirectedTo);
    app.update(Action::Toggle);
    assert_eq!(pick_list(&app).0, [None]);
    app.update(Action::MoveDown);
    app.update(Action::Accept);
    assert_eq!(app.filter().directed_to, None);
    assert!(!app.filter().is_active());
}

#[test]
fn with_no_owner_set_the_list_says_so() {
    let mut app = example();
    open_filters_at(&mut app, FilterRow::Owner);
    app.update(Action::Toggle);
    assert_eq!(pick_list(&app).0, [None]);
    let screen = screen_text(&draw(&mut app, 80, 24));
    assert!(
        screen.contains("No owner is set on any item yet"),
        "{screen}"
    );
}

#[test]
fn overdue_means_due_before_today_and_not_complete() {
    let mut app = mini();
    toggle_filter(&mut app, FilterRow::Overdue);
    assert!(app.filter().overdue);
    assert_eq!(app.filter().describe(), ["overdue"]);
    // R3 (Feb) and R1 (Mar) are past; R2 (June) is not; R4 has no date.
    assert_eq!(ids(&app, 1), ["R1", "R3"]);
    assert!(ids(&app, 0).is_empty());
    // Completing one takes it off; any other status does not.
    set_status(&mut app, "R1", Status::InProgress);
    assert_eq!(ids(&app, 1), ["R1", "R3"]);
    set_status(&mut app, "R3", Status::Complete);
    assert_eq!(ids(&app, 1), ["R1"]);
    // Due today is not overdue.
    let mut app = mini();
    app = app.with_today(date("2024-03-01"));
    toggle_filter(&mut app, FilterRow::Overdue);
    assert_eq!(ids(&app, 1), ["R3"]);
}

#[test]
fn clear_resets_every_filter() {
    let mut app = mini();
    app.update(Action::FilterMenu);
    app.update(Action::Toggle); // unreviewed
    for _ in 0..6 {
        app.update(Action::MoveDown);
    }
    app.update(Action::Toggle); // theme: the first
    app.update(Action::MoveDown);
    app.update(Action::Accept);
    app.update(Action::MoveDown);
    app.update(Action::Toggle); // directed to: the first
    app.update(Action::MoveDown);
    app.update(Action::Accept);
    app.update(Action::MoveDown);
    app.update(Action::Toggle); // overdue
    assert!(app.filter().is_active());
    assert_eq!(
        app.filter().describe().len(),
        4,
        "{:?}",
        app.filter().describe()
    );
    assert_eq!(ids(&app, 1), ["R1"]);
    // Response needed, conflicts, owner, the RAGs and sign-off rows, then
    // clear: the last row.
    for _ in 0..11 {
        app.update(Action::MoveDown);
    }
    app.update(Action::Toggle); // clear
    assert_eq!(*app.filter(), Filter::default());
    for pane in app.panes() {
        assert_eq!(
            pane.ids(&app.inspection().items).collect::<Vec<_>>(),
            pane.every(&app.inspection().items).collect::<Vec<_>>()
        );
    }
}

#[test]
fn the_unreviewed_toggle_shows_only_unreviewed_then_everything() {
    let mut app = example();
    set_status(&mut app, "F2", Status::Accepted);
    set_status(&mut app, "S1", Status::NotApplicable);
    assert_eq!(app.update(Action::ToggleUnreviewed), []);
    assert_eq!(app.filter().describe(), ["status: Unreviewed"]);
    assert_eq!(ids(&app, 0).len(), 10);
    assert_eq!(ids(&app, 1).len(), 5);
    assert!(info(&app).contains("unreviewed items only"));
    app.update(Action::ToggleUnreviewed);
    assert!(!app.filter().is_active());
    assert_eq!(ids(&app, 0).len(), 11);
    assert_eq!(ids(&app, 1).len(), 6);
    assert!(info(&app).contains("every status"));
    // With some other status chosen, the toggle switches to unreviewed only.
    toggle_filter(&mut app, FilterRow::Status(Status::Accepted));
    assert_eq!(ids(&app, 0), ["F2"]);
    app.update(Action::ToggleUnreviewed);
    assert_eq!(app.filter().describe(), ["status: Unreviewed"]);
    assert_eq!(ids(&app, 0).len(), 10);
}

#[test]
fn setting_a_status_under_the_unreviewed_filter_hides_the_item() {
    let mut app = example();
    app.update(Action::ToggleUnreviewed);
    select(&mut app, "F3");
    app.update(Action::SetStatus(Status::Accepted));
    assert!(!ids(&app, 0).contains(&"F3"));
    // The selection moves to the row that took its place.
    assert_eq!(app.selected_id(), Some("F4"));
}

#[test]
fn filters_and_search_must_both_hold() {
    let mut app = example();
    set_status(&mut app, "F4", Status::Accepted);
    app.update(Action::ToggleUnreviewed);
    search(&mut app, "train");
    app.update(Action::Accept);
    let findings = ids(&app, 0);
    assert!(!findings.contains(&"F4"), "F4 matches but is accepted");
    assert_eq!(findings[0], "F5");
    for id in &findings {
        assert_eq!(app.status(id), Status::Unreviewed);
    }
    // Dropping the filter brings F4 back, first.
    app.update(Action::ToggleUnreviewed);
    assert_eq!(&ids(&app, 0)[..2], ["F4", "F5"]);
    // Dropping the search too shows everything.
    app.update(Action::Search);
    app.update(Action::Back);
    assert_eq!(ids(&app, 0).len(), 11);
}

#[test]
fn counts_shown_and_held_per_pane() {
    let mut app = mini();
    toggle_filter(&mut app, FilterRow::Overdue);
    let counts: Vec<(usize, usize)> = app.panes().iter().map(|p| (p.len(), p.count())).collect();
    assert_eq!(counts, [(0, 3), (2, 4)]);
}

#[test]
fn response_needed_owner_and_conflict_filters_and_one_key_clears_them_all() {
    let mut app = example();
    // R1 answered (a note), R2 owned by Jane with no note.
    select(&mut app, "R1");
    app.update(Action::EditNote);
    type_text(&mut app, "We accept this.");
    app.update(Action::KeepNote);
    select(&mut app, "R2");
    app.update(Action::EditOwner);
    type_text(&mut app, "Jane");
    app.update(Action::Accept);
    toggle_filter(&mut app, FilterRow::ResponseNeeded);
    assert_eq!(app.filter().describe(), ["response needed"]);
    assert!(ids(&app, 0).is_empty(), "findings need no response");
    assert!(ids(&app, 1).is_empty(), "nor strengths");
    assert_eq!(ids(&app, 2).len(), 7);
    assert!(!ids(&app, 2).contains(&"R1"));
    pick_filter(&mut app, FilterRow::Owner, Some("Jane"));
    assert_eq!(app.filter().describe(), ["response needed", "owner: Jane"]);
    assert_eq!(ids(&app, 2), ["R2"]);
    // "(any)" in the owner's list is anyone again.
    pick_filter(&mut app, FilterRow::Owner, None);
    assert_eq!(app.filter().owner, None);
    toggle_filter(&mut app, FilterRow::Conflicts);
    assert!(ids(&app, 2).is_empty(), "no conflict anywhere");
    search(&mut app, "train");
    app.update(Action::Accept);
    assert!(app.is_narrowed());
    app.update(Action::ClearView);
    assert!(!app.is_narrowed());
    assert_eq!(*app.filter(), Filter::default());
    assert!(app.search().is_empty());
    assert_eq!(ids(&app, 2).len(), 8);
    assert!(info(&app).contains("cleared"), "{}", info(&app));
    app.update(Action::ClearView);
    assert_eq!(info(&app), "Nothing was filtered");
}

#[test]
fn the_next_conflict_key_says_when_there_is_none() {
    let mut app = example();
    app.update(Action::NextConflict);
    assert_eq!(info(&app), "No conflict to settle");
}

#[test]
fn the_owner_list_holds_every_owner_and_a_paste_narrows_it() {
    let mut app = example();
    for (id, owner) in [("F1", "Jane"), ("F2", "Raj"), ("R2", "Jane")] {
        select(&mut app, id);
        app.update(Action::EditOwner);
        type_text(&mut app, owner);
        app.update(Action::Accept);
    }
    open_filters_at(&mut app, FilterRow::Owner);
    app.update(Action::Toggle);
    assert_eq!(
        pick_list(&app).0,
        [None, Some("Jane".to_owned()), Some("Raj".to_owned())]
    );
    // A paste is typed text: its line breaks are spaces, nothing runs.
    app.update(Msg::Paste("ra".into()));
    assert_eq!(app.mode().kind(), ModeKind::PickTyped);
    assert_eq!(
        pick_list(&app),
        (vec![None, Some("Raj".to_owned())], Some("Raj".to_owned()))
    );
    // A key with Ctrl types nothing.
    press(
        &mut app,
        KeyEvent::new(KeyCode::Char('x'), KeyModifiers::CONTROL),
    );
    assert_eq!(pick_list(&app).0.len(), 2);
    app.update(Action::Accept);
    assert_eq!(app.filter().owner.as_deref(), Some("Raj"));
    assert_eq!(ids(&app, 0), ["F2"]);
}

#[test]
fn a_long_list_keeps_the_highlighted_value_in_view() {
    let mut app = example();
    let all: Vec<String> = app
        .inspection()
        .items
        .iter()
        .map(|i| i.id.clone())
        .collect();
    for (n, id) in all.iter().enumerate() {
        select(&mut app, id);
        app.update(Action::EditOwner);
        type_text(&mut app, &format!("Owner {n:02}"));
        app.update(Action::Accept);
    }
    open_filters_at(&mut app, FilterRow::Owner);
    app.update(Action::Toggle);
    assert_eq!(pick_list(&app).0.len(), all.len() + 1);
    app.update(Action::Bottom);
    let last = format!("▸ Owner {:02}", all.len() - 1);
    let screen = screen_text(&draw(&mut app, 80, 24));
    assert!(screen.contains(&last), "{screen}");
    assert!(
        !screen.contains("(any)"),
        "scrolled past the top:\n{screen}"
    );
    app.update(Action::Top);
    let screen = screen_text(&draw(&mut app, 80, 24));
    assert!(screen.contains("▸ (any)"), "{screen}");
}
