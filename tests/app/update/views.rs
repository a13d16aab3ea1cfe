//! The views over the screen: an item's history (`h`), the inspection's
//! details (`i`, and `o` there opening its web page through the runner),
//! and the summary scrolling.

use std::os::unix::fs::PermissionsExt as _;
use std::time::Instant;

use scrutiny::tui::runner::Files;

use super::*;
use crate::common::{TIMEOUT, TempDir, run_loop_with, screen};

fn key_action(app: &App, c: char) -> Option<Action> {
    app.keys()
        .action_for(app.mode().kind(), key(KeyCode::Char(c)))
}

#[test]
fn h_opens_the_selected_items_history_and_esc_h_and_q_close_it() {
    let mut app = app();
    app.update(Action::MoveDown);
    assert_eq!(key_action(&app, 'h'), Some(Action::History));
    app.update(Action::History);
    assert!(
        matches!(app.mode(), scrutiny::tui::app::Mode::History { id } if id == "F2"),
        "{:?}",
        app.mode().kind()
    );
    for close in ['h', 'q'] {
        assert_eq!(key_action(&app, close), Some(Action::Back), "{close}");
    }
    assert_eq!(
        app.keys().action_for(ModeKind::History, key(KeyCode::Esc)),
        Some(Action::Back)
    );
    assert!(app.update(Action::Back).is_empty());
    assert_eq!(app.mode().kind(), ModeKind::Normal);
    // Nothing changed: the selection stays.
    assert_eq!(app.selected_id(), Some("F2"));
}

#[test]
fn the_history_scrolls_with_j_k_and_the_page_keys_and_stays_within_it() {
    let mut app = app();
    for status in [Status::Accepted, Status::InProgress, Status::Complete] {
        for _ in 0..10 {
            app.update(Action::SetStatus(status));
            app.update(Action::SetStatus(Status::Unreviewed));
        }
    }
    app.update(Action::History);
    let keys = app.keys().clone();
    let act = |code| keys.action_for(ModeKind::History, key(code));
    assert_eq!(act(KeyCode::Char('j')), Some(Action::MoveDown));
    assert_eq!(act(KeyCode::Char('k')), Some(Action::MoveUp));
    assert_eq!(act(KeyCode::PageDown), Some(Action::PageDown));
    assert_eq!(act(KeyCode::PageUp), Some(Action::PageUp));
    screen(&mut app, 80, 24);
    app.update(Action::MoveDown);
    app.update(Action::MoveDown);
    assert_eq!(app.view_scroll(), 2);
    app.update(Action::MoveUp);
    assert_eq!(app.view_scroll(), 1);
    // A page is the rows the view showed: 24 rows less the box, a row
    // above it and the footer's two below.
    app.update(Action::PageDown);
    assert_eq!(app.view_scroll(), 1 + 19);
    app.update(Action::PageUp);
    assert_eq!(app.view_scroll(), 1);
    // The end: the frame keeps the scroll where the last row is in view.
    app.update(Action::Bottom);
    screen(&mut app, 80, 24);
    // Four rows above the 60 events, 19 shown.
    assert_eq!(app.view_scroll(), 64 - 19);
    // Moving the list is not what j does here.
    assert_eq!(app.selected_id(), Some("F1"));
    app.update(Action::Top);
    assert_eq!(app.view_scroll(), 0);
    // The wheel scrolls it too, three rows a turn.
    let wheel = |kind| {
        Msg::Mouse(crossterm::event::MouseEvent {
            kind,
            column: 40,
            row: 10,
            modifiers: KeyModifiers::NONE,
        })
    };
    app.update(wheel(crossterm::event::MouseEventKind::ScrollDown));
    assert_eq!(app.view_scroll(), 3);
    app.update(wheel(crossterm::event::MouseEventKind::ScrollUp));
    assert_eq!(app.view_scroll(), 0);
    assert_eq!(app.selected_id(), Some("F1"));
}

#[test]
fn i_opens_the_inspections_details_and_o_there_asks_to_open_its_web_page() {
    let mut app = app();
    assert_eq!(key_action(&app, 'i'), Some(Action::Inspection));
    // In the list, o is the owner, as ever.
    assert_eq!(key_action(&app, 'o'), Some(Action::EditOwner));
    app.update(Action::Inspection);
    assert_eq!(app.mode().kind(), ModeKind::Inspection);
    assert_eq!(key_action(&app, 'o'), Some(Action::OpenUrl));
    let url = app
        .inspection()
        .meta
        .url
        .clone()
        .expect("the example has one");
    assert_eq!(app.update(Action::OpenUrl), vec![Effect::OpenUrl(url)]);
    // Still open: the runner reports back.
    assert_eq!(app.mode().kind(), ModeKind::Inspection);
    app.update(Msg::UrlOpened(Ok("xdg-open".into())));
    assert_eq!(
        app.message(),
        &Some(Message::Info(
            "Asked xdg-open to open the inspection's web page".into()
        ))
    );
    app.update(Msg::UrlOpened(Err("No program, the address is X".into())));
    assert_eq!(
        app.message(),
        &Some(Message::Error("No program, the address is X".into()))
    );
    for close in ['i', 'q'] {
        assert_eq!(key_action(&app, close), Some(Action::Back), "{close}");
    }
    app.update(Action::Back);
    assert_eq!(app.mode().kind(), ModeKind::Normal);
    // No key opens it from the list by default; one of the user's own does.
    assert_eq!(
        app.keys().first_key(ModeKind::Normal, &Action::OpenUrl),
        None
    );
    let keys = scrutiny::tui::keymap::Keymap::from_config("[normal]\nopen_url = \"Y\"\n", "c.toml")
        .expect("valid");
    let mut app = app.with_keys(keys);
    let url = app
        .inspection()
        .meta
        .url
        .clone()
        .expect("the example has one");
    assert_eq!(
        app.keys()
            .action_for(ModeKind::Normal, key(KeyCode::Char('Y'))),
        Some(Action::OpenUrl)
    );
    assert_eq!(app.update(Action::OpenUrl), vec![Effect::OpenUrl(url)]);
}

fn app_with_url(url: Option<&str>) -> App {
    let mut inspection = example_inspection();
    inspection.meta.url = url.map(str::to_owned);
    let review = Review::new(inspection.meta.id.clone());
    new_app(
        inspection,
        review,
        PathBuf::from(REVIEW_PATH),
        None,
        date("2020-04-01"),
    )
}

#[test]
fn only_web_addresses_are_opened_and_others_are_named_as_not_opened() {
    for url in [
        "file:///etc/passwd",
        "javascript:alert(1)",
        "ftp://example.org/report.pdf",
        "-oProxyCommand=evil",
        "https://",
        "https://example.org/a report",
        "https://example.org/\u{1b}[2J",
    ] {
        let mut app = app_with_url(Some(url));
        app.update(Action::Inspection);
        assert!(app.update(Action::OpenUrl).is_empty(), "{url}");
        let Some(Message::Error(said)) = app.message() else {
            panic!("{url}: {:?}", app.message());
        };
        assert!(said.starts_with("Not opened"), "{url}: {said}");
        assert!(!said.contains('\u{1b}'), "{url}: {said}");
    }
    for url in ["http://example.org/", "HTTPS://EXAMPLE.ORG/R"] {
        let mut app = app_with_url(Some(url));
        app.update(Action::Inspection);
        assert_eq!(
            app.update(Action::OpenUrl),
            vec![Effect::OpenUrl(url.into())]
        );
    }
    let mut app = app_with_url(None);
    app.update(Action::Inspection);
    assert!(app.update(Action::OpenUrl).is_empty());
    assert_eq!(
        app.message(),
        &Some(Message::Info(
            "The inspection gives no web address to open".into()
        ))
    );
}

#[test]
fn the_summary_scrolls_and_s_still_closes_it() {
    let mut app = app();
    app.update(Action::Summary);
    assert_eq!(key_action(&app, 'j'), Some(Action::MoveDown));
    assert_eq!(key_action(&app, 's'), Some(Action::Back));
    screen(&mut app, 60, 16);
    app.update(Action::MoveDown);
    assert_eq!(app.view_scroll(), 1);
    app.update(Action::Bottom);
    screen(&mut app, 60, 16);
    let end = app.view_scroll();
    assert!(end > 0 && end < 20, "{end}");
    // Past the end it goes no further.
    app.update(Action::MoveDown);
    screen(&mut app, 60, 16);
    assert_eq!(app.view_scroll(), end);
    app.update(Action::Back);
    app.update(Action::Summary);
    assert_eq!(app.view_scroll(), 0, "opened again, from the top");
}

/// A script that writes how many arguments it was given, and each, to
/// `args` beside it.
fn recording_opener(dir: &TempDir) -> (PathBuf, PathBuf) {
    let script = dir.write(
        "opener.sh",
        "#!/bin/sh\nprintf '%s\\n' \"$#\" \"$@\" > \"$0.args.tmp\" && mv \"$0.args.tmp\" \"$0.args\"\n",
    );
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755))
        .expect("make the script runnable");
    let args = dir.join("opener.sh.args");
    (script, args)
}

#[test]
fn the_runner_starts_the_opener_with_the_address_as_one_argument() {
    let dir = TempDir::new("opener");
    let (script, args) = recording_opener(&dir);
    // Shell words in the address are only text: no shell reads it.
    let url = "https://example.org/r?a=1&b=$(touch${IFS}x);`touch${IFS}y`|cat>z";
    let mut app = app_with_url(Some(url));
    let mut files = Files::default().with_opener(&script);
    let (exit, _) = run_loop_with(&mut app, &mut files, &mut Script::keys("io"));
    assert_eq!(exit, Exit::EndOfInput);
    // The loop did not wait for it: the script may still be running.
    let start = Instant::now();
    while !args.exists() {
        assert!(
            start.elapsed() < TIMEOUT,
            "the opener never ran: {:?}",
            app.message()
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert_eq!(
        std::fs::read_to_string(&args).expect("the arguments"),
        format!("1\n{url}\n")
    );
    for name in ["x", "y", "z"] {
        assert!(!dir.join(name).exists(), "{name}");
    }
    assert_eq!(
        app.message(),
        &Some(Message::Info(format!(
            "Asked {} to open the inspection's web page",
            script.display()
        )))
    );
}

#[test]
fn with_no_opener_the_message_names_the_address_to_copy() {
    let url = "https://example.org/report";
    let mut app = app_with_url(Some(url));
    let mut files = Files::default().with_opener("/nonexistent/scrutiny-opener");
    run_loop_with(&mut app, &mut files, &mut Script::keys("io"));
    let Some(Message::Error(said)) = app.message() else {
        panic!("{:?}", app.message());
    };
    assert!(said.contains("was not found"), "{said}");
    assert!(said.contains(url), "{said}");
    assert!(said.contains("SCRUTINY_OPENER"), "{said}");
}
