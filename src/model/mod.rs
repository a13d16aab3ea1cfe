//! The domain: an inspection and its items, a review and its entries,
//! merging two reviews, counts and deadlines. Nothing here reads or writes
//! a file or knows about the terminal; `node` is the untyped value a review
//! keeps for keys it does not know, so they survive a save.

pub mod deadline;
pub mod inspection;
pub mod merge;
pub mod node;
pub mod reattach;
pub mod response;
pub mod review;
pub mod similar;
pub mod summary;
pub mod tracking;

pub use inspection::{Inspection, Item, Kind, Meta, Strings};
pub use response::{Checklist, Response};
pub use review::{Entry, Fields, Review, Stamp, Status};
