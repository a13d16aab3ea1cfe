//! The register: every item of the overview's inspections in one view,
//! each change saved to its own inspection's review file.

use scrutiny::model::Status;
use scrutiny::tui::app::{Action, Effect, Msg};
use scrutiny::tui::portfolio::Portfolio;

use super::common::portfolio::{folder, load};

/// Carry out what the overview asks of the files, as the runner does,
/// feeding the reports back; the effects left that are not about files.
fn run(portfolio: &mut Portfolio, effects: Vec<Effect>) -> Vec<Effect> {
    let mut queue: std::collections::VecDeque<Effect> = effects.into();
    let mut left = Vec::new();
    while let Some(effect) = queue.pop_front() {
        let follow = match effect {
            Effect::SaveReviews(writes) => portfolio.update(Msg::SavedReviews(
                writes.iter().map(scrutiny::tui::register::save).collect(),
            )),
            Effect::Save {
                path,
                text,
                expected,
            } => {
                scrutiny::files::store::save_review(&path, &text, expected.as_deref())
                    .expect("the inspection's review saves");
                portfolio.update(Msg::Saved(scrutiny::tui::app::SaveOutcome::Written {
                    path,
                    bytes: text.into_bytes(),
                }))
            }
            Effect::Open(path) => {
                let opened =
                    scrutiny::files::workspace::load_pair(&path, None).map_err(|e| e.to_string());
                portfolio.update(Msg::Opened(Box::new(opened)))
            }
            other => {
                left.push(other);
                Vec::new()
            }
        };
        queue.extend(follow);
    }
    left
}

fn act(portfolio: &mut Portfolio, action: Action) -> Vec<Effect> {
    let effects = portfolio.update(Msg::Act(action));
    run(portfolio, effects)
}

/// The register's selected id.
fn selected(portfolio: &Portfolio) -> String {
    portfolio
        .register()
        .and_then(|r| r.selected_id().map(str::to_owned))
        .expect("the register is shown with an item selected")
}

/// Move the register's selection down to `id`.
fn move_to(portfolio: &mut Portfolio, id: &str) {
    for _ in 0..200 {
        if selected(portfolio) == id {
            return;
        }
        act(portfolio, Action::MoveDown);
    }
    panic!("{id} is not in the register's pane");
}

#[test]
fn the_register_lists_every_recommendation_of_every_inspection_that_loaded() {
    let dir = folder("register-lists");
    let mut portfolio = load(&dir);
    act(&mut portfolio, Action::Register);
    let register = portfolio.register().expect("the register is shown");
    let ids: Vec<&str> = register
        .panes()
        .iter()
        .flat_map(|p| p.ids(&register.inspection().items))
        .collect();
    // Recommendations and areas for improvement of both inspections that
    // loaded; not their findings until asked; nothing of the broken one.
    assert!(ids.contains(&"hmicfrs-2020-prevent#R1"), "{ids:?}");
    assert!(ids.contains(&"youth-2024#R2"), "{ids:?}");
    assert!(!ids.iter().any(|id| id.ends_with("#F1")), "{ids:?}");
    assert!(!ids.iter().any(|id| id.starts_with("bad-one#")));
    // The example's review is read in.
    assert_eq!(register.status("hmicfrs-2020-prevent#R1"), Status::Complete);
    // The broken one is said.
    let said = format!("{:?}", register.message());
    assert!(said.contains("1 inspection did not load"), "{said}");
    act(&mut portfolio, Action::ToggleKinds);
    let register = portfolio.register().expect("still shown");
    let ids: Vec<&str> = register
        .panes()
        .iter()
        .flat_map(|p| p.ids(&register.inspection().items))
        .collect();
    assert!(ids.contains(&"youth-2024#F2"), "{ids:?}");
    assert_eq!(
        register.shown_id("youth-2024#F2"),
        "youth-2024 F2",
        "the lists show the report's short name and the item's id"
    );
}

#[test]
fn one_change_to_items_of_two_reports_saves_each_file_and_undoes_as_one() {
    let dir = folder("register-bulk");
    let mut portfolio = load(&dir);
    act(&mut portfolio, Action::Register);
    move_to(&mut portfolio, "hmicfrs-2020-prevent#R8");
    act(&mut portfolio, Action::Mark);
    move_to(&mut portfolio, "youth-2024#R1");
    act(&mut portfolio, Action::Mark);
    let left = act(&mut portfolio, Action::SetStatus(Status::InProgress));
    assert_eq!(left, []);
    let prevent = std::fs::read_to_string(dir.join("prevent-2020.review.yaml")).expect("read");
    let youth = std::fs::read_to_string(dir.join("youth-2024.review.yaml")).expect("read");
    assert!(
        prevent.contains("  R8:\n    status: in-progress"),
        "{prevent}"
    );
    assert!(youth.contains("inspection: youth-2024"), "{youth}");
    assert!(youth.contains("  R1:\n    status: in-progress"), "{youth}");
    // The example's other entries are as they were.
    assert!(
        prevent.contains("  R2:\n    status: not-accepted"),
        "{prevent}"
    );
    let register = portfolio.register().expect("shown");
    assert!(!register.save().unsaved);
    // One undo takes back both, in both files.
    act(&mut portfolio, Action::Undo);
    let prevent = std::fs::read_to_string(dir.join("prevent-2020.review.yaml")).expect("read");
    let youth = std::fs::read_to_string(dir.join("youth-2024.review.yaml")).expect("read");
    // (The histories keep both changes.)
    assert!(
        !prevent.contains("  R8:\n    status: in-progress"),
        "{prevent}"
    );
    assert!(!youth.contains("  R1:\n    status: in-progress"), "{youth}");
    // Back in the overview, the numbers are the files'.
    act(&mut portfolio, Action::Leave);
    assert!(portfolio.register().is_none());
}

#[test]
fn a_review_changed_on_disk_meanwhile_is_merged_not_overwritten() {
    let dir = folder("register-merge");
    let mut portfolio = load(&dir);
    act(&mut portfolio, Action::Register);
    // Someone else sets the youth inspection's R2 meanwhile.
    std::fs::write(
        dir.join("youth-2024.review.yaml"),
        "version: 1\ninspection: youth-2024\nitems:\n  R2:\n    status: accepted\n    owner: Someone else\n",
    )
    .expect("write their review");
    move_to(&mut portfolio, "youth-2024#R1");
    act(&mut portfolio, Action::SetStatus(Status::Complete));
    let youth = std::fs::read_to_string(dir.join("youth-2024.review.yaml")).expect("read");
    assert!(
        youth.contains("owner: Someone else"),
        "theirs kept: {youth}"
    );
    assert!(
        youth.contains("  R1:\n    status: complete"),
        "ours saved: {youth}"
    );
    let register = portfolio.register().expect("shown");
    assert_eq!(register.status("youth-2024#R2"), Status::Accepted);
    assert!(!register.save().unsaved);
}

#[test]
fn enter_opens_the_item_in_its_inspection_and_leaving_comes_back_to_the_row() {
    let dir = folder("register-open");
    let mut portfolio = load(&dir);
    act(&mut portfolio, Action::Register);
    move_to(&mut portfolio, "youth-2024#R2");
    let row = portfolio.register().map(|r| r.panes()[r.focus()].selected);
    act(&mut portfolio, Action::Open);
    let (_, app) = portfolio.open().expect("the inspection is open");
    assert_eq!(app.inspection().meta.id, "youth-2024");
    assert_eq!(app.selected_id(), Some("R2"));
    // A change made there is in the register on coming back.
    act(&mut portfolio, Action::SetStatus(Status::Accepted));
    act(&mut portfolio, Action::Leave);
    assert!(portfolio.open().is_none());
    assert_eq!(selected(&portfolio), "youth-2024#R2");
    let register = portfolio.register().expect("back in the register");
    assert_eq!(
        register.panes()[register.focus()].selected,
        row.unwrap_or(0)
    );
    assert_eq!(register.status("youth-2024#R2"), Status::Accepted);
    // What belongs to one inspection is reached there.
    act(&mut portfolio, Action::Response);
    let said = format!("{:?}", portfolio.register().map(|r| r.message().clone()));
    assert!(said.contains("belongs to each inspection"), "{said}");
}

#[test]
fn a_write_refused_keeps_the_change_and_says_so() {
    let dir = folder("register-refused");
    let mut portfolio = load(&dir);
    act(&mut portfolio, Action::Register);
    move_to(&mut portfolio, "youth-2024#R1");
    // The review's place is taken by a folder: it cannot be written.
    std::fs::create_dir(dir.join("youth-2024.review.yaml")).expect("make a folder there");
    act(&mut portfolio, Action::SetStatus(Status::Complete));
    let register = portfolio.register().expect("shown");
    assert!(register.save().unsaved);
    assert_eq!(register.status("youth-2024#R1"), Status::Complete);
    let said = format!("{:?}", register.message());
    assert!(said.contains("Not saved"), "{said}");
    // Leaving is refused until it is saved or undone.
    act(&mut portfolio, Action::Leave);
    assert!(portfolio.register().is_some());
    std::fs::remove_dir(dir.join("youth-2024.review.yaml")).expect("clear the way");
    act(&mut portfolio, Action::SetStatus(Status::Complete));
    act(&mut portfolio, Action::SetStatus(Status::InProgress));
    let youth = std::fs::read_to_string(dir.join("youth-2024.review.yaml")).expect("read");
    assert!(youth.contains("status: in-progress"), "{youth}");
    assert!(!portfolio.register().expect("shown").save().unsaved);
}

/// Two reports of one force, the later raising the earlier's matter again
/// in other words, beside an item on another matter.
fn repeats_folder(name: &str) -> super::common::TempDir {
    let dir = super::common::TempDir::new(name);
    dir.write(
        "peel-2021.yaml",
        "version: 1\ninspection:\n  id: peel-2021-westshire\n  title: PEEL 2021\nareas_for_improvement:\n  - id: A1\n    title: The force should make sure victims are kept updated about their case\n    text: Victims told us they were not updated on how the investigation of their case was progressing.\n",
    );
    dir.write(
        "peel-2023.yaml",
        "version: 1\ninspection:\n  id: peel-2023-westshire\n  title: PEEL 2023\nareas_for_improvement:\n  - id: A1\n    title: Victims are not told how their investigation is progressing\n    text: Too many victims are not updated about their case while it is investigated.\n  - id: A2\n    title: The force should improve how it records stop and search\n",
    );
    dir
}

fn typed(portfolio: &mut Portfolio, text: &str) {
    for c in text.chars() {
        let key = crossterm::event::KeyEvent::new(
            crossterm::event::KeyCode::Char(c),
            crossterm::event::KeyModifiers::NONE,
        );
        let effects = portfolio.update(Msg::EditorKey(key));
        run(portfolio, effects);
    }
}

#[test]
fn an_item_linked_to_another_report_is_saved_shown_both_ways_and_followed() {
    use scrutiny::model::tracking::Relation;
    let dir = repeats_folder("register-link");
    let mut portfolio = load(&dir);
    act(&mut portfolio, Action::Register);
    move_to(&mut portfolio, "peel-2023-westshire#A1");
    act(&mut portfolio, Action::Link);
    typed(&mut portfolio, "2021 victims");
    act(&mut portfolio, Action::Accept);
    act(&mut portfolio, Action::SetRelation(Relation::Repeats));
    let review = std::fs::read_to_string(dir.join("peel-2023.review.yaml")).expect("saved");
    assert!(
        review.contains("    related:\n      - item: peel-2021-westshire#A1\n        as: repeats"),
        "{review}"
    );
    let register = portfolio.register().expect("shown");
    assert_eq!(
        register.linked_from("peel-2021-westshire#A1"),
        [("peel-2023-westshire#A1".to_owned(), Relation::Repeats)]
    );
    // A link made by mistake is undone like any change, and redone.
    act(&mut portfolio, Action::Undo);
    let review = std::fs::read_to_string(dir.join("peel-2023.review.yaml")).expect("saved");
    assert!(!review.contains("related:"), "{review}");
    assert!(
        portfolio
            .register()
            .expect("shown")
            .linked_from("peel-2021-westshire#A1")
            .is_empty()
    );
    act(&mut portfolio, Action::Redo);
    let review = std::fs::read_to_string(dir.join("peel-2023.review.yaml")).expect("saved");
    assert!(review.contains("item: peel-2021-westshire#A1"), "{review}");
    // Followed with the link keys, to the other report's item, and back.
    act(&mut portfolio, Action::NextLink);
    act(&mut portfolio, Action::Open);
    assert_eq!(selected(&portfolio), "peel-2021-westshire#A1");
    act(&mut portfolio, Action::NextLink);
    act(&mut portfolio, Action::Open);
    assert_eq!(selected(&portfolio), "peel-2023-westshire#A1");
}

#[test]
fn a_related_item_not_loaded_is_kept_and_said_not_found() {
    let dir = repeats_folder("register-not-found");
    dir.write(
        "peel-2023.review.yaml",
        "version: 1\ninspection: peel-2023-westshire\nitems:\n  A2:\n    related:\n      - item: elsewhere-2019#R4\n        as: supersedes\n",
    );
    let mut portfolio = load(&dir);
    act(&mut portfolio, Action::Register);
    move_to(&mut portfolio, "peel-2023-westshire#A2");
    let register = portfolio.register().expect("shown");
    assert_eq!(register.link_targets(), [None]);
    act(&mut portfolio, Action::SetStatus(Status::Accepted));
    let review = std::fs::read_to_string(dir.join("peel-2023.review.yaml")).expect("saved");
    assert!(review.contains("item: elsewhere-2019#R4"), "kept: {review}");
}

#[test]
fn items_worded_alike_are_suggested_and_a_dismissal_is_remembered() {
    let dir = repeats_folder("register-alike");
    let state = super::common::TempDir::new("register-alike-state");
    let mut portfolio = load(&dir);
    act(&mut portfolio, Action::Register);
    move_to(&mut portfolio, "peel-2021-westshire#A1");
    act(&mut portfolio, Action::Alike);
    let register = portfolio.register().expect("shown");
    let scrutiny::tui::app::Mode::Alike(alike) = register.mode() else {
        panic!("the suggestions are shown");
    };
    assert_eq!(alike.found.len(), 1, "{:?}", alike.found);
    assert_eq!(alike.found[0].0, "peel-2023-westshire#A1");
    assert!(
        alike.found[0].2.iter().any(|w| w == "victims"),
        "{:?}",
        alike.found
    );
    // Dismissed: written to the state folder, and not suggested again,
    // nor the other way round, by a register read from it.
    let effects = portfolio.update(Msg::Act(Action::Dismiss));
    let Some(Effect::WriteState { bytes, .. }) = effects.first() else {
        panic!("the dismissal is kept: {effects:?}");
    };
    let file = state.join(scrutiny::tui::app::DISMISSED_FILE);
    std::fs::write(&file, bytes).expect("write it");
    let dismissed = scrutiny::tui::app::read_dismissed(&file);
    assert!(dismissed.contains(&(
        "peel-2021-westshire#A1".to_owned(),
        "peel-2023-westshire#A1".to_owned()
    )));
    let register = portfolio.register().expect("shown");
    let scrutiny::tui::app::Mode::Alike(alike) = register.mode() else {
        panic!("still shown");
    };
    assert!(alike.found.is_empty());
    act(&mut portfolio, Action::Back);
    move_to(&mut portfolio, "peel-2023-westshire#A1");
    act(&mut portfolio, Action::Alike);
    let register = portfolio.register().expect("shown");
    let scrutiny::tui::app::Mode::Alike(alike) = register.mode() else {
        panic!("shown");
    };
    assert!(alike.found.is_empty(), "{:?}", alike.found);
}

#[test]
fn an_inspection_opened_from_the_overview_knows_and_follows_links_to_the_others() {
    use scrutiny::model::tracking::Relation;
    let dir = repeats_folder("register-elsewhere");
    dir.write(
        "peel-2023.review.yaml",
        "version: 1\ninspection: peel-2023-westshire\nitems:\n  A1:\n    related:\n      - item: peel-2021-westshire#A1\n        as: repeats\n",
    );
    let mut portfolio = load(&dir);
    // The overview lists peel-2021 first (file name order on a tie).
    let at = |portfolio: &Portfolio, name: &str| {
        portfolio
            .order()
            .iter()
            .position(|&i| portfolio.entries()[i].path.ends_with(name))
            .expect("listed")
    };
    while portfolio.selected() < at(&portfolio, "peel-2021.yaml") {
        act(&mut portfolio, Action::MoveDown);
    }
    while portfolio.selected() > at(&portfolio, "peel-2021.yaml") {
        act(&mut portfolio, Action::MoveUp);
    }
    act(&mut portfolio, Action::Open);
    let (_, app) = portfolio.open().expect("open");
    assert_eq!(app.inspection().meta.id, "peel-2021-westshire");
    assert_eq!(
        app.linked_from("A1"),
        [("peel-2023-westshire#A1".to_owned(), Relation::Repeats)]
    );
    // Followed: the other inspection opens at the item.
    act(&mut portfolio, Action::NextLink);
    act(&mut portfolio, Action::Open);
    let (_, app) = portfolio.open().expect("the other is open");
    assert_eq!(app.inspection().meta.id, "peel-2023-westshire");
    assert_eq!(app.selected_id(), Some("A1"));
    assert_eq!(
        app.link_targets(),
        [Some("peel-2021-westshire#A1".to_owned())]
    );
}

/// Open the first inspection, set its selected item in progress, go back
/// and open the register with every kind: that item's status there.
fn in_progress_then_register(portfolio: &mut Portfolio) -> Status {
    act(portfolio, Action::Open);
    let (_, app) = portfolio.open().expect("open");
    let id = app.selected_id().expect("an item").to_owned();
    let key = app.inspection().meta.id.clone();
    act(portfolio, Action::SetStatus(Status::InProgress));
    act(portfolio, Action::Leave);
    act(portfolio, Action::Register);
    act(portfolio, Action::ToggleKinds);
    let register = portfolio.register().expect("shown");
    register.status(&format!("{key}#{id}"))
}

#[test]
fn a_change_made_in_an_inspection_opened_from_the_overview_is_in_the_register() {
    let dir = folder("register-after-open");
    let mut portfolio = load(&dir);
    // The example is listed first (its deadline is the soonest).
    assert_eq!(
        in_progress_then_register(&mut portfolio),
        Status::InProgress
    );
    // The header counts it at once, before any key.
    let text = super::common::screen(&mut portfolio, 80, 24);
    assert!(text.contains("Reviewed 4/"), "{text}");
}

#[test]
fn a_change_made_in_an_inspection_is_in_the_register_of_a_warm_open() {
    let dir = folder("register-after-open-warm");
    let cache = super::common::TempDir::new("register-after-open-warm-cache");
    let files = scrutiny::files::workspace::discover(&[dir.path().to_path_buf()])
        .expect("the folder has inspections");
    let open = || {
        scrutiny::tui::session::open_portfolio_cached(
            &files,
            "tester".into(),
            Some(cache.path()),
            &std::sync::atomic::AtomicUsize::new(0),
        )
        .with_today(super::common::portfolio::today())
    };
    drop(open());
    let mut portfolio = open();
    assert_eq!(
        in_progress_then_register(&mut portfolio),
        Status::InProgress
    );
}
