//! Bytes to the model and back, and the disk: YAML (`yaml`), the inspection
//! file (`inspection`, read whole or streamed), the review file
//! (`review_file`), saving safely (`store`), the files beside a review
//! (`paths`), one writer per review (`lock`), and what the loader finds and
//! opens (`workspace`); `os` holds what Unix and Windows do differently.
//! Nothing here knows about the terminal.

pub mod copies;
pub mod git;
pub mod inspection;
pub mod lock;
pub mod lookalike;
pub mod os;
pub mod paths;
pub mod review_file;
pub mod reviewer;
pub mod reviewers;
pub mod store;
pub mod sync_copies;
pub mod workspace;
pub mod yaml;

pub use inspection::{load_inspection, load_inspection_owned};
pub use review_file::{load_review, to_yaml};
pub use yaml::diag::{Diagnostic, Diagnostics};
