//! The app without a terminal: its state driven through `App::update`
//! (moving, statuses, notes, merges, triage, the overview), the runner's
//! effects carried out on real files, and the real loop on scripted keys.

#[path = "../common/mod.rs"]
mod common;

mod import_view;
mod never_lost;
mod portfolio;
mod portfolio_cache;
mod recovery;
mod register;
mod scale;
mod triage;
mod update;
