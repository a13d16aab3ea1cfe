//! scrutiny: review inspection findings in the terminal.

pub mod model;
pub mod text;
pub mod check;
