//! The overview of several inspections: loading a folder (a broken file
//! included), sorting and moving, opening one and coming back with its
//! numbers updated, through `update` and through the real loop. The
//! screen is in the `screens` tests.

use crossterm::event::KeyCode;
use scrutiny::files::workspace::{discover, load_pair};
use scrutiny::model::Status;
use scrutiny::tui::app::{Action, Effect, Message, ModeKind, Msg};
use scrutiny::tui::portfolio::PortfolioSort;
use scrutiny::tui::runner::Exit;
use scrutiny::tui::session::open_portfolio;

use crate::common::portfolio::{
    PREVENT_REVIEW, draw, entry, folder, key, load, rows, rows_by_file, run, selected_file, stats,
    today,
};
use crate::common::screen;

// ------------------------------------------------------------- loading

#[test]
fn a_folder_loads_every_inspection_and_lists_the_broken_one() {
    let dir = folder("load");
    let files = discover(&[dir.path().to_path_buf()]).expect("discover");
    let names: Vec<_> = files
        .iter()
        .map(|f| f.file_name().expect("name").to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        ["bad.yaml", "prevent-2020.yaml", "youth-2024.yaml"],
        "sorted, reviews left out"
    );
    let portfolio = open_portfolio(&files, "tester".into());
    assert_eq!(portfolio.entries().len(), 3);
    assert_eq!(portfolio.reviewer(), "tester");
    assert!(portfolio.open().is_none());
    assert_eq!(*portfolio.message(), None, "a broken file is not fatal");

    let bad = entry(&portfolio, "bad.yaml");
    let Err(why) = &bad.stats else {
        panic!("the broken file loaded: {:?}", bad.stats);
    };
    let at = format!("{}:8:1: ", dir.join("bad.yaml").display());
    assert!(why.starts_with(&at), "not at {at}:\n{why}");
    assert!(why.contains("unknown key `recomendations`"), "{why}");
    assert!(why.contains("did you mean `recommendations`?"), "{why}");
    assert!(
        !dir.join("bad.review.yaml").exists(),
        "nothing is written for a broken file"
    );
}

#[test]
fn stats_count_items_reviewed_and_open_recommendations() {
    let dir = folder("stats");
    let portfolio = load(&dir);
    let prevent = stats(&portfolio, "prevent-2020.yaml");
    assert_eq!(
        prevent.title,
        "Counter-terrorism policing – an inspection of the police's contribution to the government's Prevent programme"
    );
    assert_eq!(prevent.published, Some("2020-03-09".parse().expect("date")));
    assert_eq!(prevent.deadline, Some("2020-05-03".parse().expect("date")));
    assert_eq!(prevent.items, 25);
    assert_eq!(prevent.reviewed, 3);
    assert_eq!(prevent.recommendations, 8);
    assert_eq!(
        prevent.open_recommendations, 6,
        "complete and not-accepted close a recommendation"
    );
    assert!((prevent.progress() - 3.0 / 25.0).abs() < 1e-9);

    let youth = stats(&portfolio, "youth-2024.yaml");
    assert_eq!(youth.title, "Youth diversion – a follow-up inspection");
    assert_eq!(youth.deadline, Some("2024-08-04".parse().expect("date")));
    assert_eq!(youth.items, 4);
    assert_eq!(youth.reviewed, 0);
    assert_eq!(youth.recommendations, 2);
    assert_eq!(youth.open_recommendations, 2);
    assert!(youth.progress().abs() < 1e-9);
}

#[test]
fn accepted_and_in_progress_recommendations_stay_open() {
    let dir = folder("open-recs");
    std::fs::write(
        dir.join("youth-2024.review.yaml"),
        "version: 1\ninspection: youth-2024\nitems:\n  R1:\n    status: accepted\n  R2:\n    status: in-progress\n  F1:\n    status: not-applicable\n",
    )
    .expect("write a review");
    let portfolio = load(&dir);
    let youth = stats(&portfolio, "youth-2024.yaml");
    assert_eq!(youth.reviewed, 3);
    assert_eq!(youth.open_recommendations, 2);
    std::fs::write(
        dir.join("youth-2024.review.yaml"),
        "version: 1\ninspection: youth-2024\nitems:\n  R1:\n    status: not-applicable\n  R2:\n    status: complete\n",
    )
    .expect("write a review");
    let portfolio = load(&dir);
    assert_eq!(stats(&portfolio, "youth-2024.yaml").open_recommendations, 0);
}

// ------------------------------------------------------------- sorting and moving

#[test]
fn rows_start_sorted_by_deadline_with_failed_files_last() {
    let dir = folder("deadline");
    let portfolio = load(&dir);
    assert_eq!(portfolio.sort(), PortfolioSort::Deadline);
    assert_eq!(
        rows_by_file(&portfolio),
        ["prevent-2020.yaml", "youth-2024.yaml", "bad.yaml"]
    );
    assert_eq!(portfolio.selected(), 0);
    assert_eq!(selected_file(&portfolio), "prevent-2020.yaml");
}

#[test]
fn an_inspection_without_a_date_sorts_after_those_with_one() {
    let dir = folder("undated");
    std::fs::write(
        dir.join("aaa-undated.yaml"),
        "inspection:\n  id: undated\n  title: No date\nfindings:\n  - id: F1\n    title: a\n",
    )
    .expect("write an undated inspection");
    let portfolio = load(&dir);
    assert_eq!(
        rows_by_file(&portfolio),
        [
            "prevent-2020.yaml",
            "youth-2024.yaml",
            "aaa-undated.yaml",
            "bad.yaml"
        ]
    );
}

#[test]
fn cycle_sort_goes_deadline_progress_file_and_round_again() {
    let dir = folder("cycle");
    let mut portfolio = load(&dir);
    assert_eq!(portfolio.update(Action::CycleSort), []);
    assert_eq!(portfolio.sort(), PortfolioSort::Progress);
    assert_eq!(
        rows_by_file(&portfolio),
        ["youth-2024.yaml", "prevent-2020.yaml", "bad.yaml"],
        "least reviewed first, failed last"
    );
    assert_eq!(
        *portfolio.message(),
        Some(Message::Info("Sorted by progress".into()))
    );
    assert_eq!(
        selected_file(&portfolio),
        "prevent-2020.yaml",
        "the highlighted entry stays highlighted"
    );
    assert_eq!(portfolio.selected(), 1);

    assert_eq!(portfolio.update(Action::CycleSort), []);
    assert_eq!(portfolio.sort(), PortfolioSort::File);
    assert_eq!(
        rows_by_file(&portfolio),
        ["bad.yaml", "prevent-2020.yaml", "youth-2024.yaml"]
    );
    assert_eq!(
        *portfolio.message(),
        Some(Message::Info("Sorted by file name".into()))
    );
    assert_eq!(selected_file(&portfolio), "prevent-2020.yaml");

    portfolio.update(Action::CycleSort);
    assert_eq!(portfolio.sort(), PortfolioSort::Deadline);
    assert_eq!(
        rows_by_file(&portfolio),
        ["prevent-2020.yaml", "youth-2024.yaml", "bad.yaml"]
    );
    assert_eq!(
        *portfolio.message(),
        Some(Message::Info("Sorted by response deadline".into()))
    );
}

#[test]
fn moving_clamps_at_both_ends() {
    let dir = folder("move");
    let mut portfolio = load(&dir);
    assert_eq!(portfolio.update(Action::MoveUp), []);
    assert_eq!(portfolio.selected(), 0);
    portfolio.update(Action::MoveDown);
    assert_eq!(selected_file(&portfolio), "youth-2024.yaml");
    portfolio.update(Action::MoveDown);
    portfolio.update(Action::MoveDown);
    portfolio.update(Action::MoveDown);
    assert_eq!(portfolio.selected(), 2);
    assert_eq!(selected_file(&portfolio), "bad.yaml");
    portfolio.update(Action::Top);
    assert_eq!(portfolio.selected(), 0);
    portfolio.update(Action::Top);
    assert_eq!(portfolio.selected(), 0);
    portfolio.update(Action::Bottom);
    assert_eq!(portfolio.selected(), 2);
    portfolio.update(Action::Bottom);
    assert_eq!(portfolio.selected(), 2);
    portfolio.update(Action::MoveUp);
    assert_eq!(selected_file(&portfolio), "youth-2024.yaml");
}

#[test]
fn the_overview_keys_map_to_its_actions() {
    let dir = folder("keys");
    let portfolio = load(&dir);
    assert_eq!(portfolio.mode(), ModeKind::Portfolio);
    let action = |code| scrutiny::tui::runner::Screen::action_for(&portfolio, key(code));
    assert_eq!(action(KeyCode::Enter), Some(Action::Open));
    assert_eq!(action(KeyCode::Char('S')), Some(Action::CycleSort));
    assert_eq!(action(KeyCode::Char('j')), Some(Action::MoveDown));
    assert_eq!(action(KeyCode::Char('k')), Some(Action::MoveUp));
    assert_eq!(action(KeyCode::Char('G')), Some(Action::Bottom));
    assert_eq!(action(KeyCode::Char('g')), Some(Action::Top));
    assert_eq!(action(KeyCode::Char('q')), Some(Action::Quit));
}

// ------------------------------------------------------------- opening

#[test]
fn open_on_a_good_entry_asks_to_open_its_file() {
    let dir = folder("open");
    let mut portfolio = load(&dir);
    assert_eq!(
        portfolio.update(Action::Open),
        [Effect::Open(dir.join("prevent-2020.yaml"))]
    );
    assert!(
        portfolio.open().is_none(),
        "nothing opens until it is loaded"
    );
    portfolio.update(Action::MoveDown);
    assert_eq!(
        portfolio.update(Action::Open),
        [Effect::Open(dir.join("youth-2024.yaml"))]
    );
}

#[test]
fn open_on_the_broken_entry_shows_its_error_and_does_nothing() {
    let dir = folder("open-bad");
    let mut portfolio = load(&dir);
    portfolio.update(Action::Bottom);
    assert_eq!(selected_file(&portfolio), "bad.yaml");
    assert_eq!(portfolio.update(Action::Open), []);
    let Some(Message::Error(text)) = &portfolio.message() else {
        panic!("no error message: {:?}", portfolio.message());
    };
    let at = format!("{}:8:1: ", dir.join("bad.yaml").display());
    assert!(text.starts_with(&at), "{text}");
    assert!(!text.contains('\n'), "one line for the footer: {text:?}");
    assert!(portfolio.open().is_none());
}

#[test]
fn opened_puts_the_inspection_in_front_and_its_keys_in_force() {
    let dir = folder("opened");
    let mut portfolio = load(&dir);
    let pair = load_pair(&dir.join("prevent-2020.yaml"), None).expect("the example loads");
    assert_eq!(portfolio.update(Msg::Opened(Box::new(Ok(pair)))), []);
    let Some((index, app)) = &portfolio.open() else {
        panic!("nothing opened");
    };
    assert_eq!(
        portfolio.entries()[*index].path,
        dir.join("prevent-2020.yaml")
    );
    assert!(app.in_portfolio());
    assert_eq!(app.today(), today());
    assert_eq!(
        *app.message(),
        Some(Message::Info("q goes back to the overview".into()))
    );
    assert_eq!(app.status("F2"), Status::Accepted, "its review came too");
    assert_eq!(portfolio.mode(), ModeKind::Normal);
    assert_eq!(
        scrutiny::tui::runner::Screen::action_for(&portfolio, key(KeyCode::Esc)),
        Some(Action::Back)
    );
    assert_eq!(
        scrutiny::tui::runner::Screen::action_for(&portfolio, key(KeyCode::Char('2'))),
        Some(Action::SetStatus(Status::Accepted))
    );
}

#[test]
fn the_overview_and_the_opened_inspection_name_the_keys_in_force() {
    let dir = folder("remapped");
    let mut portfolio = load(&dir).with_keys(
        scrutiny::tui::keymap::Keymap::from_config(
            "[portfolio]\nopen = \"l\"\nquit = \"Q\"\n[normal]\nleave = \"ctrl-b\"\n",
            "config.toml",
        )
        .expect("valid"),
    );
    let text = screen(&mut portfolio, 120, 40);
    assert!(
        text.contains("l opens an inspection; Ctrl-B there comes back here."),
        "{text}"
    );
    let text = screen(&mut portfolio, 50, 12);
    assert!(text.contains("press Q to quit"), "{text}");
    let pair = load_pair(&dir.join("prevent-2020.yaml"), None).expect("the example loads");
    portfolio.update(Msg::Opened(Box::new(Ok(pair))));
    let Some((_, app)) = &portfolio.open() else {
        panic!("nothing opened");
    };
    assert_eq!(
        *app.message(),
        Some(Message::Info("Ctrl-B goes back to the overview".into()))
    );
}

#[test]
fn a_file_that_fails_when_opened_becomes_a_failed_entry() {
    let dir = folder("vanished");
    let mut portfolio = load(&dir);
    std::fs::remove_file(dir.join("prevent-2020.yaml")).expect("remove the example");
    assert_eq!(
        run(&mut portfolio, vec![key(KeyCode::Enter)]),
        Exit::EndOfInput
    );
    assert!(portfolio.open().is_none());
    let Err(why) = &entry(&portfolio, "prevent-2020.yaml").stats else {
        panic!("the vanished file still has numbers");
    };
    assert!(why.contains("cannot read the file"), "{why}");
    let Some(Message::Error(text)) = &portfolio.message() else {
        panic!("no error message: {:?}", portfolio.message());
    };
    assert!(text.contains("cannot read the file"), "{text}");
}

// ------------------------------------------------------------- the real loop

#[test]
fn enter_2_esc_saves_the_status_and_updates_the_overview() {
    let dir = folder("round-trip");
    let mut portfolio = load(&dir);
    let before = stats(&portfolio, "prevent-2020.yaml").clone();
    let exit = run(
        &mut portfolio,
        vec![
            key(KeyCode::Enter),
            key(KeyCode::Char('2')),
            key(KeyCode::Esc),
        ],
    );
    assert_eq!(exit, Exit::EndOfInput);
    assert!(portfolio.open().is_none(), "Esc went back to the overview");
    assert_eq!(portfolio.mode(), ModeKind::Portfolio);

    let review = std::fs::read_to_string(dir.join("prevent-2020.review.yaml"))
        .expect("the review file is there");
    assert!(
        review.contains("\n  F1:\n    status: accepted\n"),
        "F1 was not saved as accepted:\n{review}"
    );
    assert!(review.contains("by: tester"), "{review}");
    assert!(
        review.contains("\n  F2:\n    status: accepted\n"),
        "the earlier review was kept:\n{review}"
    );

    let after = stats(&portfolio, "prevent-2020.yaml");
    assert_eq!(after.reviewed, before.reviewed + 1);
    assert_eq!(after.items, before.items);
    assert_eq!(after.open_recommendations, before.open_recommendations);
    assert_eq!(selected_file(&portfolio), "prevent-2020.yaml");
    // Nothing else was written.
    assert!(!dir.join("youth-2024.review.yaml").exists());
    assert!(!dir.join("bad.review.yaml").exists());
}

#[test]
fn going_back_resorts_and_keeps_the_highlight() {
    let dir = folder("resort");
    let mut portfolio = load(&dir);
    portfolio.update(Action::CycleSort); // by progress: youth, prevent, bad
    portfolio.update(Action::Top);
    assert_eq!(selected_file(&portfolio), "youth-2024.yaml");
    // Review all four items of the small inspection, then come back.
    run(
        &mut portfolio,
        vec![
            key(KeyCode::Enter),
            key(KeyCode::Char('2')),
            key(KeyCode::Char('j')),
            key(KeyCode::Char('2')),
            key(KeyCode::Tab),
            key(KeyCode::Char('2')),
            key(KeyCode::Char('j')),
            key(KeyCode::Char('2')),
            key(KeyCode::Esc),
        ],
    );
    assert!(portfolio.open().is_none());
    let youth = stats(&portfolio, "youth-2024.yaml");
    assert_eq!(youth.reviewed, 4, "{youth:?}");
    assert_eq!(
        rows_by_file(&portfolio),
        ["prevent-2020.yaml", "youth-2024.yaml", "bad.yaml"],
        "now the most reviewed"
    );
    assert_eq!(selected_file(&portfolio), "youth-2024.yaml");
    assert_eq!(portfolio.selected(), 1);
}

#[test]
fn a_failed_save_keeps_the_inspection_open_on_esc() {
    let dir = folder("save-fails");
    let mut portfolio = load(&dir);
    let path = dir.join("prevent-2020.yaml");
    assert_eq!(portfolio.update(Action::Open), [Effect::Open(path.clone())]);
    // Its review path lies under a regular file, so no save can succeed
    // (even for root, unlike a read-only folder).
    std::fs::write(dir.join("blocker"), "a file, not a folder").expect("write the blocker");
    let mut pair = load_pair(&path, None).expect("the example loads");
    pair.review_path = dir.join("blocker").join("prevent-2020.review.yaml");
    pair.review_bytes = None;
    portfolio.update(Msg::Opened(Box::new(Ok(pair))));
    let before = stats(&portfolio, "prevent-2020.yaml").clone();

    let exit = run(
        &mut portfolio,
        vec![key(KeyCode::Char('2')), key(KeyCode::Esc)],
    );
    assert_eq!(exit, Exit::EndOfInput);
    let Some((_, app)) = &portfolio.open() else {
        panic!("Esc dropped an unsaved change");
    };
    assert_eq!(app.status("F1"), Status::Accepted, "the change is kept");
    assert!(app.save().unsaved);
    assert!(app.save().error.is_some(), "the failure is recorded");
    let Some(Message::Error(text)) = &app.message() else {
        panic!("no error message: {:?}", app.message());
    };
    assert!(text.contains("not saved"), "{text}");
    assert_eq!(
        stats(&portfolio, "prevent-2020.yaml"),
        &before,
        "the overview was not updated"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("prevent-2020.review.yaml")).expect("review"),
        PREVENT_REVIEW,
        "the review beside the inspection was not touched"
    );

    // The screen says so.
    let text = rows(&draw(&mut portfolio, 80, 24)).join("\n");
    assert!(text.contains("not saved"), "{text}");

    // Esc again still does not leave.
    run(&mut portfolio, vec![key(KeyCode::Esc)]);
    assert!(
        portfolio.open().is_some(),
        "a second Esc dropped the change"
    );
}

/// Going back to the overview keeps where the reviewer was in that review
/// (the runner writes it to the state folder); opening it again goes back
/// there, unless the files are set not to (`--fresh`).
#[test]
fn an_inspection_opened_again_from_the_overview_is_where_it_was_left() {
    let dir = folder("place");
    let state = crate::common::TempDir::new("place-state");
    let mut portfolio = load(&dir);
    assert_eq!(selected_file(&portfolio), "prevent-2020.yaml");
    let mut files =
        scrutiny::tui::runner::Files::default().with_places(Some(state.path().into()), true);
    let moves = vec![
        key(KeyCode::Enter),
        key(KeyCode::Tab),
        key(KeyCode::Tab),
        key(KeyCode::Char('j')),
        key(KeyCode::Char('j')),
        key(KeyCode::Char('U')),
        key(KeyCode::Esc),
    ];
    let script = |events| crate::common::Script(std::collections::VecDeque::from(events));
    crate::common::run_loop_with(&mut portfolio, &mut files, &mut script(moves));
    assert!(portfolio.open().is_none(), "Esc went back to the overview");
    let kept = scrutiny::tui::place::file_in(state.path(), &dir.join("prevent-2020.review.yaml"));
    let place = scrutiny::tui::place::read(&kept)
        .expect("read")
        .expect("the place was kept on going back");
    assert_eq!(place.focus.as_deref(), Some("recommendations"));

    crate::common::run_loop_with(
        &mut portfolio,
        &mut files,
        &mut script(vec![key(KeyCode::Enter)]),
    );
    let (_, app) = portfolio.open().expect("opened again");
    assert_eq!(app.selected_id(), Some("R3"));
    assert_eq!(app.filter().describe(), ["status: Unreviewed"]);
    assert!(app.message().is_some(), "the overview's hint is still said");

    // Back, and opened with places not gone back to: at the top.
    let mut fresh =
        scrutiny::tui::runner::Files::default().with_places(Some(state.path().into()), false);
    crate::common::run_loop_with(
        &mut portfolio,
        &mut fresh,
        &mut script(vec![key(KeyCode::Esc), key(KeyCode::Enter)]),
    );
    let (_, app) = portfolio.open().expect("opened again");
    assert_eq!(app.selected_id(), Some("F1"));
    assert!(!app.filter().is_active());
}

#[test]
fn an_inspection_opened_from_the_overview_offers_the_owners_of_the_others() {
    let dir = folder("owners");
    std::fs::write(
        dir.join("youth-2024.review.yaml"),
        "version: 1\ninspection: youth-2024\nitems:\n  R1:\n    owner: Ravi Patel\n",
    )
    .expect("a review naming an owner");
    let mut portfolio = load(&dir);
    let pair = load_pair(&dir.join("prevent-2020.yaml"), None).expect("the example loads");
    portfolio.update(Msg::Opened(Box::new(Ok(pair))));
    portfolio.update(Action::EditOwner);
    for c in "ra".chars() {
        portfolio.update(Msg::EditorKey(crate::common::key(
            crossterm::event::KeyCode::Char(c),
        )));
    }
    portfolio.update(Action::Complete);
    let (_, app) = portfolio.open().expect("open");
    assert_eq!(
        *app.message(),
        Some(scrutiny::tui::app::Message::Info(
            "Owner: Ravi Patel".into()
        ))
    );
}

// ------------------------------------------------ help, search, reload, q

/// What the overview (or the inspection open) does with a key: through
/// the keymap in force, then `update`.
fn press(portfolio: &mut scrutiny::tui::portfolio::Portfolio, code: KeyCode) -> Vec<Effect> {
    match scrutiny::tui::runner::Screen::msg_for(portfolio, key(code)) {
        Some(msg) => portfolio.update(msg),
        None => Vec::new(),
    }
}

fn type_text(portfolio: &mut scrutiny::tui::portfolio::Portfolio, text: &str) {
    for c in text.chars() {
        assert_eq!(press(portfolio, KeyCode::Char(c)), []);
    }
}

#[test]
fn the_overviews_new_keys_map_to_their_actions() {
    let dir = folder("new-keys");
    let portfolio = load(&dir);
    let action = |code| scrutiny::tui::runner::Screen::action_for(&portfolio, key(code));
    assert_eq!(action(KeyCode::Char('?')), Some(Action::Help));
    assert_eq!(action(KeyCode::Char('/')), Some(Action::Search));
    assert_eq!(action(KeyCode::Char('R')), Some(Action::Reload));
    assert_eq!(action(KeyCode::Esc), Some(Action::Back));
}

#[test]
fn question_mark_shows_the_overviews_keys_and_esc_or_q_closes_them() {
    let dir = folder("help");
    let mut portfolio = load(&dir);
    press(&mut portfolio, KeyCode::Char('j'));
    assert_eq!(press(&mut portfolio, KeyCode::Char('?')), []);
    assert_eq!(portfolio.mode(), ModeKind::PortfolioHelp);
    assert_eq!(portfolio.help_scroll(), Some(0));
    press(&mut portfolio, KeyCode::Char('j'));
    press(&mut portfolio, KeyCode::Char('j'));
    press(&mut portfolio, KeyCode::Char('k'));
    assert_eq!(portfolio.help_scroll(), Some(1));
    assert_eq!(
        portfolio.selected(),
        1,
        "the list does not move under the help"
    );
    // q closes the help; it does not quit.
    assert_eq!(press(&mut portfolio, KeyCode::Char('q')), []);
    assert_eq!(portfolio.mode(), ModeKind::Portfolio);
    assert_eq!(portfolio.help_scroll(), None);
    press(&mut portfolio, KeyCode::Char('?'));
    press(&mut portfolio, KeyCode::Esc);
    assert_eq!(portfolio.mode(), ModeKind::Portfolio);
    // Its lines come from the keymap, the user's own keys included.
    let keys = scrutiny::tui::keymap::Keymap::from_config(
        "[portfolio]\nreload = \"ctrl-l\"\n",
        "config.toml",
    )
    .expect("valid");
    let lines = scrutiny::tui::portfolio::help_lines(&keys);
    assert!(
        lines.contains(&scrutiny::tui::portfolio::HelpLine::Key(
            "Ctrl-L".into(),
            "read every inspection again from disk (yours)".into()
        )),
        "{lines:?}"
    );
    assert!(lines.contains(&scrutiny::tui::portfolio::HelpLine::Key(
        "q".into(),
        "quit".into()
    )));
}

#[test]
fn slash_narrows_the_list_by_title_or_file_name_enter_keeps_esc_clears() {
    let dir = folder("search");
    let mut portfolio = load(&dir);
    assert_eq!(press(&mut portfolio, KeyCode::Char('/')), []);
    assert_eq!(portfolio.mode(), ModeKind::PortfolioSearch);
    assert!(portfolio.searching());
    // By title, any case; keys that act in the list type here.
    type_text(&mut portfolio, "DIVERSION");
    assert_eq!(portfolio.query(), "DIVERSION");
    assert_eq!(rows_by_file(&portfolio), ["youth-2024.yaml"]);
    assert_eq!(selected_file(&portfolio), "youth-2024.yaml");
    // Enter keeps the search; the list stays narrowed.
    assert_eq!(press(&mut portfolio, KeyCode::Enter), []);
    assert_eq!(portfolio.mode(), ModeKind::Portfolio);
    assert!(!portfolio.searching());
    assert_eq!(rows_by_file(&portfolio), ["youth-2024.yaml"]);
    assert_eq!(
        *portfolio.message(),
        Some(Message::Info(
            "Search \"DIVERSION\" kept: 1 of 3 shown; Esc clears it".into()
        ))
    );
    // Esc in the list clears the kept search; the highlight stays put.
    press(&mut portfolio, KeyCode::Esc);
    assert_eq!(portfolio.query(), "");
    assert_eq!(rows_by_file(&portfolio).len(), 3);
    assert_eq!(selected_file(&portfolio), "youth-2024.yaml");

    // By file name, a broken file included; Backspace takes a letter back.
    press(&mut portfolio, KeyCode::Char('/'));
    type_text(&mut portfolio, "bax");
    assert_eq!(rows_by_file(&portfolio), Vec::<String>::new());
    assert_eq!(press(&mut portfolio, KeyCode::Enter), []);
    assert_eq!(portfolio.update(Action::Open), [], "nothing to open");
    press(&mut portfolio, KeyCode::Char('/'));
    press(&mut portfolio, KeyCode::Backspace);
    assert_eq!(portfolio.query(), "ba");
    assert_eq!(rows_by_file(&portfolio), ["bad.yaml"]);
    // Esc while typing clears it too.
    press(&mut portfolio, KeyCode::Esc);
    assert_eq!(portfolio.mode(), ModeKind::Portfolio);
    assert_eq!(portfolio.query(), "");
    assert_eq!(rows_by_file(&portfolio).len(), 3);
}

#[test]
fn r_reads_every_inspection_again_keeping_the_selection_and_counting() {
    let dir = folder("reload");
    let mut portfolio = load(&dir);
    press(&mut portfolio, KeyCode::Char('j'));
    assert_eq!(selected_file(&portfolio), "youth-2024.yaml");
    let paths: Vec<_> = portfolio.entries().iter().map(|e| e.path.clone()).collect();
    // update does no I/O: it asks the runner to read them.
    assert_eq!(
        press(&mut portfolio, KeyCode::Char('R')),
        [Effect::ReadAll(paths.clone())]
    );
    // Meanwhile, on disk: the small one is reviewed, the broken one fixed,
    // the example broken.
    std::fs::write(
        dir.join("youth-2024.review.yaml"),
        "version: 1\ninspection: youth-2024\nitems:\n  F1:\n    status: accepted\n",
    )
    .expect("write a review");
    std::fs::write(
        dir.join("bad.yaml"),
        super::common::portfolio::BAD.replace("recomendations", "recommendations"),
    )
    .expect("fix the broken one");
    std::fs::write(dir.join("prevent-2020.yaml"), "version: [").expect("break the example");
    let (entries, pairs) = scrutiny::tui::runner::read_all(&paths, None);
    assert_eq!(portfolio.update(Msg::ReadAgain(entries, pairs)), []);
    assert_eq!(
        *portfolio.message(),
        Some(Message::Error(
            "Read 2 inspections again; 1 did not load".into()
        ))
    );
    assert_eq!(stats(&portfolio, "youth-2024.yaml").reviewed, 1);
    assert_eq!(stats(&portfolio, "bad.yaml").items, 2);
    assert!(entry(&portfolio, "prevent-2020.yaml").stats.is_err());
    assert_eq!(selected_file(&portfolio), "youth-2024.yaml", "kept");

    // Through the real loop, every file read: the message says so.
    std::fs::copy(crate::common::example(), dir.join("prevent-2020.yaml")).expect("mend");
    run(&mut portfolio, vec![key(KeyCode::Char('R'))]);
    assert_eq!(
        *portfolio.message(),
        Some(Message::Info("Read 3 inspections again".into()))
    );
    assert_eq!(stats(&portfolio, "prevent-2020.yaml").items, 25);
    assert_eq!(selected_file(&portfolio), "youth-2024.yaml");
}

#[test]
fn q_in_an_opened_inspection_goes_back_and_q_in_the_overview_quits() {
    let dir = folder("leave");
    let mut portfolio = load(&dir);
    let exit = run(
        &mut portfolio,
        vec![
            key(KeyCode::Enter),
            key(KeyCode::Char('2')),
            key(KeyCode::Char('q')),
        ],
    );
    assert_eq!(exit, Exit::EndOfInput, "q did not quit");
    assert!(portfolio.open().is_none(), "q went back to the overview");
    assert_eq!(portfolio.mode(), ModeKind::Portfolio);
    let review = std::fs::read_to_string(dir.join("prevent-2020.review.yaml")).expect("saved");
    assert!(
        review.contains("\n  F1:\n    status: accepted\n"),
        "{review}"
    );
    assert_eq!(
        run(&mut portfolio, vec![key(KeyCode::Char('q'))]),
        Exit::Quit
    );
}

#[test]
fn ctrl_c_in_an_opened_inspection_quits_the_whole_app() {
    let dir = folder("ctrl-c");
    let mut portfolio = load(&dir);
    let ctrl_c = crossterm::event::Event::Key(crossterm::event::KeyEvent::new(
        KeyCode::Char('c'),
        crossterm::event::KeyModifiers::CONTROL,
    ));
    let exit = run(&mut portfolio, vec![key(KeyCode::Enter), ctrl_c]);
    assert_eq!(exit, Exit::Quit);
}

#[test]
fn q_with_the_last_change_unsaved_stays_and_says_so() {
    let dir = folder("leave-unsaved");
    let mut portfolio = load(&dir);
    let pair = load_pair(&dir.join("prevent-2020.yaml"), None).expect("the example loads");
    portfolio.update(Action::Open);
    portfolio.update(Msg::Opened(Box::new(Ok(pair))));
    // A change whose save the runner never carried out is unsaved.
    portfolio.update(Action::SetStatus(Status::Accepted));
    assert_eq!(press(&mut portfolio, KeyCode::Char('q')), []);
    assert!(portfolio.open().is_some(), "still open");
    let Some((_, app)) = portfolio.open() else {
        unreachable!()
    };
    assert_eq!(
        *app.message(),
        Some(Message::Error(
            "Your last change is not saved; press w to save it elsewhere before leaving".into()
        ))
    );
}

#[test]
fn a_leave_key_of_the_users_own_in_the_note_editor_keeps_the_note_first() {
    let dir = folder("leave-note");
    let mut portfolio = load(&dir).with_keys(
        scrutiny::tui::keymap::Keymap::from_config("[note]\nleave = \"ctrl-q\"\n", "config.toml")
            .expect("valid"),
    );
    let pair = load_pair(&dir.join("prevent-2020.yaml"), None).expect("the example loads");
    portfolio.update(Action::Open);
    portfolio.update(Msg::Opened(Box::new(Ok(pair))));
    portfolio.update(Action::EditNote);
    portfolio.update(Msg::Paste("typed".into()));
    let ctrl_q = crossterm::event::Event::Key(crossterm::event::KeyEvent::new(
        KeyCode::Char('q'),
        crossterm::event::KeyModifiers::CONTROL,
    ));
    let msg = scrutiny::tui::runner::Screen::msg_for(&portfolio, ctrl_q).expect("bound");
    let effects = portfolio.update(msg);
    assert!(!effects.contains(&Effect::Close), "{effects:?}");
    let Some((_, app)) = portfolio.open() else {
        panic!("the inspection was let go with a note in the editor")
    };
    assert_eq!(app.mode().kind(), ModeKind::Normal, "the note was kept");
    assert_eq!(crate::common::shapes(&effects), ["Save"]);
}

// ------------------------------------------------------- committee pack

#[test]
fn w_in_the_overview_makes_the_committee_pack_of_every_inspection() {
    let dir = folder("pack");
    let mut portfolio = load(&dir);
    assert_eq!(
        portfolio.keys().action_for(
            ModeKind::Portfolio,
            crossterm::event::KeyEvent::new(
                KeyCode::Char('W'),
                crossterm::event::KeyModifiers::NONE
            )
        ),
        Some(Action::Changes)
    );
    portfolio.update(Action::Changes);
    assert_eq!(portfolio.mode(), ModeKind::ChangesPick);
    portfolio.update(Action::ShiftDate(-7));
    let effects = portfolio.update(Action::Accept);
    let [
        Effect::Pack {
            files,
            since,
            until,
        },
    ] = effects.as_slice()
    else {
        panic!("{effects:?}");
    };
    assert_eq!(files.len(), 3, "every inspection, the broken one named");
    assert!(since < until);
    // What the runner makes of it: each inspection's pack, the broken one
    // with its error.
    let pack = scrutiny::tui::portfolio::pack(files, *since, *until);
    assert!(pack.starts_with("# Changes, "), "{pack}");
    assert!(pack.contains("## Counter-terrorism policing"), "{pack}");
    assert!(pack.contains("bad.yaml"), "{pack}");
    portfolio.update(Msg::Pack(pack));
    assert_eq!(portfolio.mode(), ModeKind::Changes);
    let shown = screen(&mut portfolio, 100, 30);
    assert!(shown.contains("in every inspection"), "{shown}");
    portfolio.update(Action::MoveDown);
    portfolio.update(Action::Back);
    assert_eq!(portfolio.mode(), ModeKind::Portfolio);
}

/// A sync tool's conflict copy of a review: not listed as an inspection,
/// its inspection's row marked `!`, and the footer says how to merge it.
#[test]
fn a_conflict_copy_beside_a_review_marks_its_row_and_is_no_inspection() {
    let dir = crate::common::TempDir::new("portfolio-copies");
    let inspection = dir.with_example();
    std::fs::write(
        dir.join("prevent-2020.review.sync-conflict-20261130-101500-ABCDEFG.yaml"),
        "version: 1\ninspection: hmicfrs-2020-prevent\nitems: {}\n",
    )
    .expect("the copy");
    let files = discover(&[dir.path().to_path_buf()]).expect("the folder");
    assert_eq!(
        files,
        std::slice::from_ref(&inspection),
        "the copy is no inspection"
    );
    let mut portfolio = open_portfolio(&files, "tester".into());
    assert_eq!(portfolio.copies_beside(&inspection), 1);
    let Some(Message::Error(said)) = portfolio.message() else {
        panic!("the footer says so: {:?}", portfolio.message());
    };
    assert!(said.contains("beside 1 review (marked !)"), "{said}");
    let shown = screen(&mut portfolio, 80, 24);
    assert!(shown.contains("▸!Counter-terrorism"), "{shown}");
}

/// A review file named for no inspection beside it (a copy known only by
/// its content, or a review whose inspection was renamed) is said in the
/// overview's footer, by name.
#[test]
fn a_review_of_no_inspection_here_is_said_in_the_overview() {
    let dir = crate::common::TempDir::new("portfolio-orphan");
    dir.with_example();
    std::fs::write(
        dir.join("prevent-2020-from-anns-laptop.review.yaml"),
        "version: 1\ninspection: hmicfrs-2020-prevent\nitems: {}\n",
    )
    .expect("an orphan");
    let files = discover(&[dir.path().to_path_buf()]).expect("the folder");
    let portfolio = open_portfolio(&files, "tester".into());
    let Some(Message::Error(said)) = portfolio.message() else {
        panic!("the footer says so: {:?}", portfolio.message());
    };
    assert!(
        said.starts_with(
            "prevent-2020-from-anns-laptop.review.yaml: a review file of no inspection here"
        ),
        "{said}"
    );
}
