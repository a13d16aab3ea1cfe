//! YAML in and out: a tree with positions (`crate::model::node`) read with
//! limits (`parse`), problems that name the line and column (`diag`), and
//! the one writer every file scrutiny writes goes through (`emit`).

pub mod diag;
pub mod emit;
pub mod parse;
