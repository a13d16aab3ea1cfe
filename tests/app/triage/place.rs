//! Where the reviewer was: taken from one app, kept in a file, given back
//! to a new app on the same files; what the files no longer hold is passed
//! over, and a place file that is not one never stops a review opening.

use std::path::Path;
use std::time::{Duration, Instant};

use scrutiny::tui::app::PaneKind;
use scrutiny::tui::place::{self, FilterPlace, PanePlace, Place};

use super::*;

/// The small inspection, moved about: R3 selected in the recommendations
/// (sorted by due date), a status and a body filter set, and a search.
fn moved_about() -> App {
    let mut app = mini();
    set_status(&mut app, "R1", Status::Accepted);
    select(&mut app, "F2");
    select(&mut app, "R3");
    app.update(Action::CycleSort);
    toggle_filter(&mut app, FilterRow::Status(Status::Unreviewed));
    // The first body: Chief constables, which R3 is directed to.
    pick_filter(&mut app, FilterRow::DirectedTo, Some("Chief constables"));
    app.update(Action::Search);
    type_text(&mut app, "thing");
    app.update(Action::Accept);
    assert_eq!(app.mode().kind(), ModeKind::Normal);
    assert_eq!(app.selected_id(), Some("R3"));
    app
}

#[test]
fn a_place_kept_in_a_file_is_gone_back_to_by_a_new_app() {
    let app = moved_about();
    let taken = app.place();
    assert_eq!(taken.focus.as_deref(), Some("recommendations"));
    assert_eq!(taken.search, "thing");
    assert_eq!(taken.filter.statuses, ["unreviewed"]);
    assert_eq!(
        taken.filter.directed_to.as_deref(),
        Some("Chief constables")
    );

    let dir = crate::common::TempDir::new("place");
    let file = place::file_in(dir.path(), Path::new("/tmp/triage.review.yaml"));
    place::write(&file, &taken).expect("the place is kept");
    let read = place::read(&file).expect("read").expect("a place");
    assert_eq!(read, taken);

    let mut again = mini();
    // The status filter finds R1 accepted there too.
    set_status(&mut again, "R1", Status::Accepted);
    again.restore_place(&read);
    assert_eq!(
        again.panes()[again.focus()].kind,
        PaneKind::Items(scrutiny::model::Kind::Recommendation)
    );
    assert_eq!(again.selected_id(), Some("R3"));
    assert_eq!(again.filter(), app.filter());
    assert_eq!(again.search(), "thing");
    assert_eq!(again.pane().sort, SortOrder::Due);
    assert_eq!(ids(&again, again.focus()), ids(&app, app.focus()));
    assert_eq!(ids(&again, 0), ids(&app, 0));
    assert_eq!(again.place(), taken);
}

#[test]
fn what_the_files_no_longer_hold_is_passed_over_and_the_rest_restored() {
    let mut app = mini();
    let stale = Place {
        focus: Some("orphans".into()),
        panes: vec![
            PanePlace {
                kind: "findings".into(),
                selected: Some("F2".into()),
                sort: "sideways".into(),
            },
            PanePlace {
                kind: "recommendations".into(),
                selected: Some("R99".into()),
                sort: "status".into(),
            },
            PanePlace {
                kind: "strengths".into(),
                selected: Some("S1".into()),
                sort: "due".into(),
            },
        ],
        filter: FilterPlace {
            statuses: vec!["bogus".into(), "unreviewed".into()],
            theme: Some("A theme since removed".into()),
            directed_to: Some("A body no item names".into()),
            overdue: false,
            response_needed: false,
            conflicts: false,
            owner: Some("nobody of the review's".into()),
            rags: vec!["purple".into()],
            ..FilterPlace::default()
        },
        search: String::new(),
    };
    app.restore_place(&stale);
    // No orphans pane: the focus stays where it was.
    assert_eq!(app.focus(), 0);
    assert_eq!(app.selected_id(), Some("F2"));
    assert_eq!(app.panes()[0].sort, SortOrder::File);
    assert_eq!(app.panes()[1].sort, SortOrder::Status);
    // R99 is gone: the pane's selection stays on a row it shows.
    assert!(
        app.panes()[1]
            .selected_id(&app.inspection().items)
            .is_some()
    );
    assert_eq!(app.filter().theme, None);
    assert_eq!(app.filter().owner, None);
    assert_eq!(app.filter().directed_to, None);
    // Of the statuses, the one still known.
    assert_eq!(app.filter().describe(), ["status: Unreviewed"]);
    assert_eq!(ids(&app, 1).len(), 4);
}

#[test]
fn a_place_file_that_is_not_one_is_refused_at_once() {
    let dir = crate::common::TempDir::new("place-hostile");
    let corrupt = dir.write("corrupt.json", "{\"focus\": [1, 2");
    let huge = dir.join("huge.json");
    let file = std::fs::File::create(&huge).expect("created");
    file.set_len(place::MAX_PLACE_BYTES + 1).expect("grown");
    let fifo = dir.join("fifo.json");
    nix::unistd::mkfifo(&fifo, nix::sys::stat::Mode::S_IRWXU).expect("fifo");
    let link = dir.join("link.json");
    std::os::unix::fs::symlink("/dev/zero", &link).expect("link");
    let folder = dir.join("folder.json");
    std::fs::create_dir(&folder).expect("folder");
    for path in [&corrupt, &huge, &fifo, &link, &folder] {
        let start = Instant::now();
        assert!(place::read(path).is_err(), "{}", path.display());
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "{}",
            path.display()
        );
    }
    assert_eq!(place::read(&dir.join("absent.json")), Ok(None));
    // A link to a file of the user's is neither read nor written through.
    let target = dir.write("mine.txt", "{}");
    let to_mine = dir.join("to-mine.json");
    std::os::unix::fs::symlink(&target, &to_mine).expect("link");
    assert!(place::read(&to_mine).is_err());
    assert!(place::write(&to_mine, &Place::default()).is_err());
    assert_eq!(std::fs::read_to_string(&target).expect("read"), "{}");
    // A value of the wrong kind makes it no place; a key it does not know
    // (from a later scrutiny) is passed over.
    let odd = dir.write("odd.json", "{\"focus\": 3}");
    assert!(place::read(&odd).is_err());
    let partial = dir.write("partial.json", "{\"search\": \"x\", \"later\": 1}");
    let read = place::read(&partial).expect("read").expect("a place");
    assert_eq!(read.search, "x");
    assert_eq!(read.focus, None);
}
