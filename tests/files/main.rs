//! Reading and writing files: the file contract of FORMAT.md, the review
//! writers, streamed reading, and hostile and fuzzed inputs. (The memory
//! the real binary takes is measured in `tests/memory.rs`, a binary of its
//! own: it reads the peak of every child the test process has had.)

#[path = "../common/mod.rs"]
mod common;

mod docx;
mod format;
mod fuzz_regressions;
mod hostile;
mod layers;
mod streaming;
mod writers;
