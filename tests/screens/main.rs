//! The screen as a user sees it: insta snapshots of the rendered text at
//! common sizes (in `snapshots/`), plus direct checks of the words, colours
//! and layout that matter, for a review, triage and the overview.

#[path = "../common/mod.rs"]
mod common;

mod ascii;
mod columns;
mod import_view;
mod portfolio;
mod review;
mod triage;
mod views;
