//! Driving the app through actions, without a terminal, and then through
//! the real loop on a `TestBackend` with scripted keys.

mod actions;
mod disk;
mod note;
mod real_loop;
mod response;
mod tracking;
mod views;

use std::path::{Path, PathBuf};

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use jiff::Timestamp;
use scrutiny::model::merge::OTHER_NOTE_MARK;
use scrutiny::tui::app::{
    Action, App, DiskContents, DiskPurpose, Effect, Message, ModeKind, Msg, PaneKind, SaveOutcome,
};
use scrutiny::tui::runner::{Events, Exit};
use scrutiny::{
    files::{load_review, to_yaml},
    model::{Inspection, Review, Stamp, Status},
};

use crate::common::{NOW, Script, date, example_inspection, key, new_app, note, temp_dir};

const REVIEW_PATH: &str = "/tmp/x.review.yaml";

fn app_with(review: Review, path: PathBuf, on_disk: Option<Vec<u8>>) -> App {
    new_app(
        example_inspection(),
        review,
        path,
        on_disk,
        date("2020-04-01"),
    )
}

fn app() -> App {
    let inspection = example_inspection();
    let review = Review::new(inspection.meta.id.clone());
    app_with(review, PathBuf::from(REVIEW_PATH), None)
}

/// Type into the editor open; no key asks for anything.
fn type_text(app: &mut App, text: &str) {
    assert_eq!(crate::common::type_text(app, text), []);
}

fn written(app: &App) -> SaveOutcome {
    SaveOutcome::Written {
        path: app.save().path.clone(),
        bytes: app.review_yaml().into_bytes(),
    }
}

fn stamp(at: &str, by: &str) -> Stamp {
    Stamp {
        at: at.parse().expect("time"),
        by: by.into(),
    }
}

/// Another reviewer's file: F1 changed (a conflict with ours), F3 changed
/// only there, and an entry whose item is not in the inspection.
fn their_file(inspection: &Inspection) -> Vec<u8> {
    let mut theirs = Review::new(inspection.meta.id.clone());
    let s = stamp("2026-11-28T09:00:00Z", "colleague");
    theirs.set_status("F1", Status::InProgress, &s);
    theirs.set_note("F1", "their note", &s);
    theirs.set_status("F3", Status::Complete, &s);
    theirs.set_owner("F3", "Ops", &s);
    let mut text = to_yaml(&theirs, inspection);
    text = text.replace(
        "items:\n",
        "items:\n  GONE:\n    status: accepted\n    updated: 2026-11-28T09:00:00Z\n",
    );
    load_review(text.as_bytes(), &inspection.meta.id).expect("their file is valid");
    text.into_bytes()
}
