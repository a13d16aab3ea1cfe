//! Inspections and reviews: types, loading, validation and saving. Nothing
//! here knows about the terminal.

pub mod diag;
pub mod emit;
pub mod inspection;
pub mod load;
pub mod lookalike;
pub mod md;
pub mod merge;
pub mod node;
pub mod parse;
pub mod paths;
pub mod report;
pub mod review;
pub mod review_file;
pub mod store;
mod stream;
pub mod summary;

pub use diag::{Diagnostic, Diagnostics};
pub use inspection::{Inspection, Item, Kind, Meta, Strings};
pub use load::{load_inspection, load_inspection_owned};
pub use review::{Entry, Fields, Review, Stamp, Status};
pub use review_file::{load_review, to_yaml};
