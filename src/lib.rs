//! scrutiny: review inspection findings in the terminal.
//!
//! The layers, and what each may use:
//!
//! - `text`: making text from files inert wherever it is shown or printed.
//!   Uses nothing of ours.
//! - `model`: the inspection and review, YAML reading and writing,
//!   merging, summaries, the files beside a review (`model::paths`) and
//!   safe saving (`model::store`). Uses only `text`.
//! - `lock`: one writer per review file. Uses `model`.
//! - `action`: `Action` (what a key can be bound to, per `ModeKind`), `Msg`
//!   (what reaches `update`) and `Effect` (what `update` asks of the runner).
//!   Uses `model`, and `commands::Pair` for an inspection opened.
//! - `keymap`: the keys per mode, the user's config, help and key hints.
//!   Uses `action`.
//! - `app`: the state of one open inspection and `App::update`, the only
//!   place it changes; no I/O (it holds the detail pane's wrap cache from
//!   `ui::wrap`). `portfolio`: the same for the overview.
//! - `ui`: drawing from `&App`. `runner`: the loop (draw, event, `Msg`,
//!   `update`, effects carried out, the review file watched). `session` and
//!   `terminal`: a real terminal, start to finish.
//! - `check`, `commands`, `import`, `merge_driver`: the subcommands, called
//!   from `main.rs` (clap).
//!
//! Where to start:
//!
//! - a key: `keymap.rs` (`defaults`, `action_table`, `help_for`), then the
//!   action's arm in `app/update.rs`;
//! - a pane: `ui/` (`list.rs`, `detail.rs`), from `ui::render`;
//! - a field of a file: `model/inspection.rs` or `model/review.rs`, read in
//!   `model/load.rs` / `model/review_file.rs`, written by `model/emit.rs`;
//! - an export: `model/report.rs` (Markdown escaping in `model/md.rs`);
//! - a subcommand: `main.rs`, then its module.

pub mod action;
pub mod app;
pub mod check;
pub mod commands;
pub mod import;
pub mod keymap;
pub mod lock;
pub mod merge_driver;
pub mod model;
pub mod portfolio;
pub mod runner;
pub mod session;
pub mod terminal;
pub mod text;
pub mod ui;
