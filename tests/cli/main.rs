//! The subcommands and what a review is for: exports against golden files,
//! `scrutiny summary`, `scrutiny export` and `scrutiny import`.

#[path = "../common/mod.rs"]
mod common;

mod exports;
mod import;
