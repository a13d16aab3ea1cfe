//! scrutiny: review inspection findings in the terminal.
//!
//! `model` knows files, `app` knows state, `ui` draws, `runner` loops;
//! `session` ties them to a real terminal.

pub mod action;
pub mod app;
pub mod check;
pub mod commands;
pub mod import;
pub mod keymap;
pub mod lock;
pub mod merge_driver;
pub mod model;
pub mod portfolio;
pub mod runner;
pub mod session;
pub mod terminal;
pub mod text;
pub mod ui;
