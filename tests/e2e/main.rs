//! The real `scrutiny` binary in a pseudo-terminal, driven by keystrokes,
//! its screen read back through a terminal emulator; and faults a
//! reviewer's machine can throw at a save. The tests that need root are
//! `#[ignore = "needs root"]`: `cargo test --test e2e -- --ignored` runs
//! them, and only them.

#[path = "../common/mod.rs"]
mod common;

mod faults;
mod pty;
mod pty_editor;
mod pty_import;
mod pty_large;
mod pty_portfolio;
mod pty_triage;
