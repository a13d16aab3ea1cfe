//! The subcommands and what a review is for: exports against golden files,
//! `scrutiny summary`, `scrutiny export`, `scrutiny import`, `scrutiny changes` and
//! `scrutiny repeats`.

#[path = "../common/mod.rs"]
mod common;

mod changes;
mod exports;
mod home;
mod import;
mod repeats;
