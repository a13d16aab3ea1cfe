//! The terminal app: the loop (`runner`) over a screen's state (`app`,
//! `portfolio`), drawn by `ui`, driven by keys (`keymap` to `action`).

pub mod action;
pub mod app;
pub mod external;
pub mod importer;
pub mod keymap;
pub mod layout;
pub mod opening;
pub mod place;
pub mod portfolio;
pub mod reading;
pub mod recovery;
pub mod register;
pub mod report_cache;
pub mod runner;
pub mod session;
pub mod terminal;
pub mod ui;
