//! scrutiny: review inspection findings in the terminal.
//!
//! The layers, lowest first, and what each may use (no module uses one
//! above it, and there are no cycles; `tests/files/layers.rs` holds the
//! code to it):
//!
//! - `text`: making text from files inert wherever it is shown or printed,
//!   fitting it to a width, the one style for errors. Uses nothing of ours.
//! - `model`: the domain. An inspection and its items, a review and its
//!   entries, merging two reviews, counts and deadlines. `model::node` is
//!   the untyped value a review keeps for keys it does not know, with the
//!   rule for how long a key may be once written. Reads and writes nothing;
//!   uses `text` only.
//! - `files`: bytes to the model and back, and the disk. It holds YAML
//!   (`yaml`: parse, diag, emit), the inspection file (`inspection`, whole
//!   or streamed), the review file, safe saving (`store`), the files beside
//!   a review (`paths`), one writer per review (`lock`), and what the loader
//!   opens (`workspace`). Uses `model`, `text`.
//! - `export`: the draft response, CSV, JSON and the summary, as pure
//!   functions. Uses `model`, `text`.
//! - `import`: a published report's text turned into an inspection, every
//!   line given the role it took (`Role`), lines read as the reviewer
//!   marked them (`Mark`); `source` gets a file's text, `write` checks and
//!   writes an import, `report` says what it found. Uses `model`, and
//!   `files` to read, check and write; `import::pdf` gets a PDF's text
//!   from poppler's `pdftotext` (a child process), `import::html` a saved
//!   web page's content as Markdown-like text.
//! - `tui`: the terminal app. `action` holds what a key can ask (`Action`),
//!   what reaches `update` (`Msg`) and what `update` asks back (`Effect`,
//!   carrying its data). `keymap` holds keys, help and hints. `app` and
//!   `portfolio` are the state, with private parts, changed only by their
//!   `update`. `ui` draws from `&App` and returns the `layout`. `runner` is
//!   the loop: it draws, maps events to messages, carries out effects and
//!   owns the review's lock and watch. `opening` (the loading view),
//!   `session`, `recovery` and `terminal` cover a real terminal;
//!   `external` runs the user's own editor on a note; `place` is where
//!   the reviewer was in each review, kept in the state folder (taken and
//!   given back by `App::place` and `App::restore_place`).
//!   `importer` is the import view's state (drawn by `ui::importer`): a
//!   report's lines beside the items `import::read_with` makes of them
//!   with the reviewer's marks. Uses `files`, `export`, `import`, `model`,
//!   `text`.
//! - `cli`: one module per subcommand, clap's types, `run` for `main.rs`.
//!   Uses all of the above.
//!
//! Where to start:
//!
//! - a key: `tui/keymap.rs` (`defaults`, `action_table`, `help_for`), then
//!   the action's arm in `tui/app/update.rs`;
//! - a pane: `tui/ui/` (`list.rs`, `detail.rs`), from `tui::ui::render`;
//!   a view over the screen that scrolls: `tui/ui/views.rs` (an item's
//!   history, the inspection's details) and `tui/ui/summary.rs`;
//! - a field of a file: `model/inspection.rs` or `model/review.rs`, read in
//!   `files/inspection/` or `files/review_file.rs`, written through
//!   `files/yaml/emit.rs`;
//! - an export: `export/` (`markdown.rs`, `csv.rs`, `json.rs`), added to
//!   `export::Format`;
//! - a subcommand: `cli/mod.rs` (`Command`), then a module of its own in
//!   `cli/`.

pub mod cli;
pub mod export;
pub mod files;
pub mod import;
pub mod model;
pub mod text;
pub mod tui;
