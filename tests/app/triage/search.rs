//! Search: typing narrows the panes best match first, what matches, keeping
//! or clearing it, highlights, and stepping from match to match.

use super::*;

// =============================================================== search

#[test]
fn typing_a_search_narrows_the_panes_best_match_first() {
    let mut app = example();
    app.update(Action::Search);
    assert_eq!(app.mode().kind(), ModeKind::Search);
    type_text(&mut app, "train");
    assert_eq!(app.search(), "train");
    let findings = ids(&app, 0);
    assert_eq!(&findings[..2], ["F4", "F5"], "{findings:?}");
    for hidden in ["F1", "F3", "F7", "F8", "F9", "F11"] {
        assert!(!findings.contains(&hidden), "{hidden} shown: {findings:?}");
    }
    assert!(app.panes()[0].len() < app.panes()[0].count());
    assert_eq!(app.panes()[0].count(), 11, "`all` keeps every id");
    // The best match is selected as the search changes.
    assert_eq!(app.selected_id(), Some("F4"));
    // Every shown id is one the pane holds.
    for pane in app.panes() {
        assert!(
            pane.ids(&app.inspection().items)
                .all(|id| pane.holds(id, &app.inspection().items))
        );
    }
}

#[test]
fn each_keystroke_narrows_further_and_backspace_widens_again() {
    let mut app = example();
    app.update(Action::Search);
    let mut shown = Vec::new();
    for c in "train".chars() {
        app.update(Msg::EditorKey(key(KeyCode::Char(c))));
        shown.push(
            app.panes()
                .iter()
                .map(scrutiny::tui::app::Pane::len)
                .sum::<usize>(),
        );
    }
    assert!(
        shown.windows(2).all(|w| w[1] <= w[0]),
        "a longer query never shows more: {shown:?}"
    );
    let at_train = ids(&app, 0).len();
    app.update(Msg::EditorKey(key(KeyCode::Backspace)));
    assert_eq!(app.search(), "trai");
    assert!(ids(&app, 0).len() >= at_train);
}

#[test]
fn a_search_matches_the_note_and_the_owner_too() {
    let mut app = example();
    select(&mut app, "F1");
    app.update(Action::EditNote);
    type_text(&mut app, "Ask about the xylophone budget");
    app.update(Action::KeepNote);
    select(&mut app, "S2");
    app.update(Action::EditOwner);
    type_text(&mut app, "Quokka Smith");
    app.update(Action::Accept);

    search(&mut app, "xylophone");
    assert_eq!(ids(&app, 0), ["F1"]);
    assert!(ids(&app, 1).is_empty(), "{:?}", ids(&app, 1));
    assert!(ids(&app, 2).is_empty(), "{:?}", ids(&app, 2));
    app.update(Action::Back);

    search(&mut app, "quokka");
    assert_eq!(ids(&app, 1), ["S2"]);
    assert!(ids(&app, 0).is_empty(), "{:?}", ids(&app, 0));
}

#[test]
fn long_text_matches_words_not_scattered_letters() {
    let mut app = example();
    // Every letter of this occurs in most paragraphs, but not as a word.
    search(&mut app, "zebraquartz");
    assert!(app.panes().iter().all(scrutiny::tui::app::Pane::is_empty));
    app.update(Action::Back);
    // A word only in the text of F10 ("referred members of their own staff").
    search(&mut app, "referred members");
    assert_eq!(ids(&app, 0), ["F10"]);
}

#[test]
fn a_word_that_ends_a_text_is_found_whatever_its_letters() {
    let yaml = "inspection:\n  id: t\n  title: T\nfindings:\n  - id: F1\n    title: One\n    text: Les leçons tirées\n  - id: F2\n    title: Two\n    text: Nothing here\n";
    let mut app = build(
        load_inspection(yaml.as_bytes()).expect("loads"),
        date(TODAY),
    );
    search(&mut app, "tirées");
    assert_eq!(ids(&app, 0), ["F1"]);
}

#[test]
fn accepting_a_search_keeps_it_and_the_narrowed_panes() {
    let mut app = example();
    search(&mut app, "train");
    let narrowed: Vec<Vec<String>> = app
        .panes()
        .iter()
        .map(|p| p.ids(&app.inspection().items).map(str::to_owned).collect())
        .collect();
    assert_eq!(app.update(Action::Accept), []);
    assert_eq!(app.mode().kind(), ModeKind::Normal);
    assert_eq!(app.search(), "train");
    let kept: Vec<Vec<String>> = app
        .panes()
        .iter()
        .map(|p| p.ids(&app.inspection().items).map(str::to_owned).collect())
        .collect();
    assert_eq!(kept, narrowed);
    assert!(
        info(&app).contains("Search \"train\" kept"),
        "{}",
        info(&app)
    );
    // Opening the search again starts from the kept text.
    app.update(Action::Search);
    type_text(&mut app, "ing");
    assert_eq!(app.search(), "training");
}

#[test]
fn escape_in_the_search_clears_it_and_shows_every_row() {
    let mut app = example();
    search(&mut app, "train");
    assert_eq!(app.update(Action::Back), []);
    assert_eq!(app.mode().kind(), ModeKind::Normal);
    assert_eq!(app.search(), "");
    for pane in app.panes() {
        assert_eq!(
            pane.ids(&app.inspection().items).collect::<Vec<_>>(),
            pane.every(&app.inspection().items).collect::<Vec<_>>(),
            "{:?}",
            pane.kind
        );
    }
    assert!(app.highlight("Training").is_empty());

    // A kept search is cleared the same way.
    search(&mut app, "vetting");
    app.update(Action::Accept);
    app.update(Action::Search);
    app.update(Action::Back);
    assert_eq!(app.search(), "");
    assert_eq!(ids(&app, 0).len(), 11);
}

#[test]
fn highlights_hold_the_matched_title_characters() {
    let mut app = example();
    search(&mut app, "train");
    for id in ["F4", "F5"] {
        let title: Vec<char> = app
            .inspection()
            .get(id)
            .expect("an item")
            .title
            .chars()
            .collect();
        let title_text = &app.inspection().get(id).expect("an item").title;
        let at = app.highlight(title_text);
        assert!(!at.is_empty(), "F4 and F5 titles match");
        let matched: String = at
            .iter()
            .map(|&i| title[usize::try_from(i).expect("small")])
            .collect();
        assert_eq!(matched.to_lowercase(), "train", "{id}: {at:?}");
        assert!(at.windows(2).all(|w| w[0] < w[1]), "sorted, no repeats");
    }
    app.update(Action::Back);
    let title = &app.inspection().get("F4").expect("an item").title;
    assert!(app.highlight(title).is_empty(), "no search, no highlight");
}

#[test]
fn next_and_previous_match_step_across_panes_and_wrap() {
    let mut app = example();
    search(&mut app, "train");
    app.update(Action::Accept);
    let order: Vec<(usize, String)> = app
        .panes()
        .iter()
        .enumerate()
        .flat_map(|(i, p)| {
            p.ids(&app.inspection().items)
                .map(move |id| (i, id.to_owned()))
        })
        .collect();
    assert!(order.len() > 3);
    assert_eq!(order[0], (0, "F4".to_owned()));
    let here = |app: &App| (app.focus(), app.selected_id().expect("a row").to_owned());
    assert_eq!(here(&app), order[0]);
    for want in order.iter().skip(1) {
        app.update(Action::NextMatch);
        assert_eq!(&here(&app), want);
    }
    // Past the last match: round to the first.
    app.update(Action::NextMatch);
    assert_eq!(here(&app), order[0]);
    // And back again, before the first: the last.
    app.update(Action::PrevMatch);
    assert_eq!(&here(&app), order.last().expect("matches"));
    for want in order.iter().rev().skip(1) {
        app.update(Action::PrevMatch);
        assert_eq!(&here(&app), want);
    }
}

#[test]
fn next_match_skips_panes_with_nothing_shown() {
    let mut app = example();
    search(&mut app, "referral");
    app.update(Action::Accept);
    // No strength mentions referrals; F10 says "referred", which the
    // search's threshold keeps from matching by scattered letters.
    assert_eq!(ids(&app, 0), ["F9"]);
    assert!(ids(&app, 1).is_empty());
    assert_eq!(ids(&app, 2), ["R3"]);
    app.update(Action::NextMatch);
    assert_eq!((app.focus(), app.selected_id()), (2, Some("R3")));
    app.update(Action::NextMatch);
    assert_eq!((app.focus(), app.selected_id()), (0, Some("F9")));
    app.update(Action::PrevMatch);
    assert_eq!((app.focus(), app.selected_id()), (2, Some("R3")));
    // The chosen link is forgotten on the way: F9's, to R3.
    app.update(Action::NextMatch);
    app.update(Action::NextLink);
    assert_eq!(app.link(), Some(0));
    app.update(Action::PrevMatch);
    assert_eq!(app.link(), None);
}

#[test]
fn a_phrase_in_quotes_must_stand_as_written() {
    let mut app = example();
    search(&mut app, "\"is not checked\"");
    app.update(Action::Accept);
    assert_eq!(ids(&app, 0), ["F4"]);
    assert!(ids(&app, 1).is_empty() && ids(&app, 2).is_empty());
    // The same words in another order are not the phrase.
    app.update(Action::ClearView);
    search(&mut app, "\"checked not is\"");
    app.update(Action::Accept);
    assert!(app.panes().iter().all(scrutiny::tui::app::Pane::is_empty));
    // Whatever the case; and a fuzzy word beside it narrows further.
    app.update(Action::ClearView);
    search(&mut app, "\"PREVENT TRAINING\"");
    app.update(Action::Accept);
    let with_phrase: usize = app.panes().iter().map(scrutiny::tui::app::Pane::len).sum();
    assert!(with_phrase >= 2, "{with_phrase}");
    app.update(Action::ClearView);
    search(&mut app, "\"prevent training\" R2");
    app.update(Action::Accept);
    assert_eq!(ids(&app, 2), ["R2"]);
}
