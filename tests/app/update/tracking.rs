//! Tracking from the lists: RAG, a revised date and its reason, evidence,
//! progress updates and the sign-off, from their keys; marks; refusals in
//! words; undo that leaves histories and updates only longer.

use scrutiny::model::tracking::Rag;
use scrutiny::tui::app::Mode;
use scrutiny::tui::app::tracking::withdrawn;

use super::*;
use crate::common::{select, shapes};

fn saves(effects: &[Effect]) -> bool {
    effects.iter().any(|e| matches!(e, Effect::Save { .. }))
}

fn normal_key(app: &App, c: char) -> Option<Action> {
    app.keys()
        .action_for(ModeKind::Normal, key(KeyCode::Char(c)))
}

#[test]
fn the_tracking_keys_are_in_the_keymap() {
    let app = app();
    assert_eq!(normal_key(&app, 'c'), Some(Action::OpenRag));
    assert_eq!(normal_key(&app, 'd'), Some(Action::ReviseDue));
    assert_eq!(normal_key(&app, 'v'), Some(Action::AddEvidence));
    assert_eq!(normal_key(&app, 'p'), Some(Action::AddUpdate));
    assert_eq!(normal_key(&app, 'C'), Some(Action::SignOff));
    for (c, rag) in [
        ('r', Some(Rag::Red)),
        ('a', Some(Rag::Amber)),
        ('g', Some(Rag::Green)),
        ('x', None),
    ] {
        assert_eq!(
            app.keys().action_for(ModeKind::Rag, key(KeyCode::Char(c))),
            Some(Action::SetRag(rag))
        );
    }
}

#[test]
fn rag_is_set_cleared_and_undone() {
    let mut app = app();
    select(&mut app, "R1");
    app.update(Action::OpenRag);
    assert_eq!(app.mode().kind(), ModeKind::Rag);
    assert!(saves(&app.update(Action::SetRag(Some(Rag::Amber)))));
    assert_eq!(app.mode().kind(), ModeKind::Normal);
    assert_eq!(app.entry("R1").and_then(|e| e.rag), Some(Rag::Amber));
    app.update(Action::OpenRag);
    app.update(Action::SetRag(None));
    assert_eq!(app.entry("R1").and_then(|e| e.rag), None);
    app.update(Action::Undo);
    assert_eq!(app.entry("R1").and_then(|e| e.rag), Some(Rag::Amber));
    assert_eq!(app.entry("R1").map(|e| e.history.len()), Some(3));
}

#[test]
fn a_revised_date_refuses_a_non_date_and_asks_its_reason() {
    let mut app = app();
    select(&mut app, "R2");
    app.update(Action::ReviseDue);
    assert_eq!(app.mode().kind(), ModeKind::TrackLine);
    type_text(&mut app, "31/06/2021");
    assert!(app.update(Action::Accept).is_empty());
    assert!(
        matches!(app.message(), Some(Message::Error(m)) if m.contains("not a date")),
        "{:?}",
        app.message()
    );
    assert_eq!(app.mode().kind(), ModeKind::TrackLine, "still open");
    app.update(Action::Back);
    app.update(Action::ReviseDue);
    type_text(&mut app, "2021-06-30");
    assert!(
        app.update(Action::Accept).is_empty(),
        "asks the reason first"
    );
    assert_eq!(app.mode().kind(), ModeKind::TrackLine);
    // No reason: said, and nothing changes.
    assert!(app.update(Action::Accept).is_empty());
    assert!(app.entry("R2").is_none());
    type_text(&mut app, "Waiting on the national package");
    assert!(saves(&app.update(Action::Accept)));
    let entry = app.entry("R2").expect("R2");
    assert_eq!(entry.due, Some(date("2021-06-30")));
    let event = entry.history.last().expect("recorded");
    assert_eq!(
        event.change.reason.as_deref(),
        Some("Waiting on the national package")
    );
    // Undo puts the report's own date back, recorded with a reason too.
    app.update(Action::Undo);
    let entry = app.entry("R2").expect("R2");
    assert_eq!(entry.due, None);
    assert_eq!(entry.history.len(), 2);
    assert!(entry.history[1].change.reason.is_some());
}

#[test]
fn marks_take_rag_dates_and_updates_together() {
    let mut app = app();
    for id in ["R1", "R2", "R3"] {
        select(&mut app, id);
        app.update(Action::Mark);
    }
    app.update(Action::OpenRag);
    app.update(Action::SetRag(Some(Rag::Red)));
    app.update(Action::ReviseDue);
    for _ in 0..10 {
        app.update(Msg::EditorKey(key(KeyCode::Backspace)));
    }
    type_text(&mut app, "2022-01-31");
    app.update(Action::Accept);
    type_text(&mut app, "One reason for all");
    app.update(Action::Accept);
    app.update(Action::AddUpdate);
    assert_eq!(app.mode().kind(), ModeKind::Update);
    type_text(&mut app, "Board told.");
    assert!(saves(&app.update(Action::Accept)));
    for id in ["R1", "R2", "R3"] {
        let entry = app.entry(id).expect(id);
        assert_eq!(entry.rag, Some(Rag::Red), "{id}");
        assert_eq!(entry.due, Some(date("2022-01-31")), "{id}");
        assert_eq!(entry.updates.len(), 1, "{id}");
        assert_eq!(entry.updates[0].text, "Board told.");
    }
    // One undo takes the update back from all three, by adding to each.
    app.update(Action::Undo);
    for id in ["R1", "R2", "R3"] {
        let entry = app.entry(id).expect(id);
        assert_eq!(entry.updates.len(), 2, "{id}: updates only grow");
        assert_eq!(entry.updates[1].text, withdrawn("Board told."));
    }
}

#[test]
fn sign_off_is_refused_in_words_until_the_rules_are_met() {
    let mut app = app();
    select(&mut app, "R4");
    app.update(Action::SignOff);
    let refused = |app: &App, what: &str| {
        assert!(
            matches!(app.message(), Some(Message::Error(m)) if m.contains(what)),
            "{what}: {:?}",
            app.message()
        );
    };
    refused(&app, "only a complete item");
    app.update(Action::SetStatus(Status::Complete));
    app.update(Action::SignOff);
    refused(&app, "add evidence first");
    app.update(Action::AddEvidence);
    type_text(&mut app, "Audit report, June");
    assert!(saves(&app.update(Action::Accept)));
    assert_eq!(app.update(Action::SignOff), []);
    refused(&app, "someone else must sign it off");
    assert!(
        app.entry("R4")
            .and_then(|e| e.signed_off.as_ref())
            .is_none()
    );
}

#[test]
fn a_second_person_signs_off_and_undo_withdraws_it_on_the_record() {
    let mut review = Review::new("hmicfrs-2020-prevent");
    let first = stamp("2026-01-01T00:00:00Z", "first");
    review.set_status("R4", Status::Complete, &first);
    review.add_evidence("R4", "Audit report, June", &first);
    let mut app = app_with(review, PathBuf::from(REVIEW_PATH), None);
    select(&mut app, "R4");
    let effects = app.update(Action::SignOff);
    assert!(saves(&effects), "{:?}", shapes(&effects));
    let sign = app
        .entry("R4")
        .and_then(|e| e.signed_off.clone())
        .expect("signed");
    assert_eq!(sign.by, "tester");
    app.update(Action::Undo);
    let entry = app.entry("R4").expect("R4");
    assert!(entry.signed_off.is_none());
    let signs: Vec<Option<bool>> = entry.history.iter().map(|e| e.change.signed_off).collect();
    assert_eq!(signs, [None, None, Some(true), Some(false)]);
    // Leaving complete takes a sign-off away, and says so in the history.
    app.update(Action::Redo);
    assert!(
        app.entry("R4")
            .and_then(|e| e.signed_off.as_ref())
            .is_some()
    );
    app.update(Action::SetStatus(Status::InProgress));
    let entry = app.entry("R4").expect("R4");
    assert!(entry.signed_off.is_none());
    assert_eq!(
        entry.history.last().and_then(|e| e.change.signed_off),
        Some(false)
    );
}

#[test]
fn evidence_undone_is_removed_and_the_history_says_so() {
    let mut app = app();
    select(&mut app, "R5");
    app.update(Action::AddEvidence);
    type_text(&mut app, "Minutes, 3 March");
    app.update(Action::Accept);
    assert_eq!(app.entry("R5").map(|e| e.evidence.len()), Some(1));
    app.update(Action::Undo);
    let entry = app.entry("R5").expect("R5");
    assert!(entry.evidence.is_empty());
    assert_eq!(
        entry
            .history
            .last()
            .and_then(|e| e.change.evidence_removed.as_deref()),
        Some("Minutes, 3 March")
    );
    app.update(Action::Redo);
    assert_eq!(app.entry("R5").map(|e| e.evidence.len()), Some(1));
}

#[test]
fn a_read_only_session_refuses_every_tracking_change() {
    let mut app = app();
    app.update(Msg::Locked(scrutiny::tui::app::LockReport {
        held: scrutiny::tui::app::Held::Theirs("pid 42".into()),
        other_names: None,
    }));
    select(&mut app, "R1");
    for action in [
        Action::OpenRag,
        Action::ReviseDue,
        Action::AddEvidence,
        Action::AddUpdate,
        Action::SignOff,
    ] {
        assert_eq!(app.update(action), [], "{action:?}");
        assert_eq!(app.mode().kind(), ModeKind::Normal, "{action:?}");
    }
    assert!(app.review().is_empty());
}

#[test]
fn w_asks_the_day_and_shows_what_changed_since() {
    let mut app = app();
    select(&mut app, "R3");
    app.update(Action::AddUpdate);
    type_text(&mut app, "Forms agreed with the region.");
    app.update(Action::Accept);
    assert_eq!(normal_key(&app, 'W'), Some(Action::Changes));
    app.update(Action::Changes);
    let Mode::ChangesPick { since } = app.mode() else {
        panic!("{:?}", app.mode().kind());
    };
    // A quarter back from the app's today (2020-04-01).
    assert_eq!(*since, date("2020-01-01"));
    for (action, expected) in [
        (Action::ShiftDate(1), "2020-01-02"),
        (Action::ShiftDate(-7), "2019-12-26"),
        (Action::ShiftDate(30), "2020-01-25"),
        // Never after today.
        (Action::ShiftDate(3650), "2020-04-01"),
    ] {
        app.update(action);
        assert!(
            matches!(app.mode(), Mode::ChangesPick { since } if *since == date(expected)),
            "{action:?}"
        );
    }
    app.update(Action::Accept);
    assert_eq!(app.mode().kind(), ModeKind::Changes);
    // The update's stamp (the test clock) is later than the app's today, so
    // the pack to today leaves it out; the pack itself is there.
    let text = crate::common::screen(&mut app, 100, 30);
    assert!(text.contains("What changed since 1 April 2020"), "{text}");
    // Back to the day, and out.
    app.update(Action::Changes);
    assert_eq!(app.mode().kind(), ModeKind::ChangesPick);
    app.update(Action::Back);
    assert_eq!(app.mode().kind(), ModeKind::Normal);
}

#[test]
fn the_detail_shows_the_newest_updates_and_counts_the_rest() {
    let mut review = Review::new("hmicfrs-2020-prevent");
    for n in 0..30 {
        let at = stamp(&format!("2026-01-{:02}T09:00:00Z", n % 28 + 1), "analyst");
        review.add_update("R1", &format!("Update number {n}."), &at);
    }
    let mut app = app_with(review, PathBuf::from(REVIEW_PATH), None);
    select(&mut app, "R1");
    let text = crate::common::screen(&mut app, 200, 50);
    assert!(text.contains("Update number 29."), "{text}");
    assert!(!text.contains("Update number 5."), "{text}");
    assert!(text.contains("… and 18 earlier updates"), "{text}");
}
