//! scrutiny: review inspection findings in the terminal.

pub mod cli;
pub mod export;
pub mod files;
pub mod import;
pub mod model;
pub mod text;
pub mod tui;
