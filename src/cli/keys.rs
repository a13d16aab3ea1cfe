//! `scrutiny keys`: the keys in force, the defaults with the user's config
//! applied, as the README's key table shows them.

use std::path::Path;
use std::process::ExitCode;

/// Print the key table; a config that cannot be read is said, with 1.
pub fn run(config: Option<&Path>) -> ExitCode {
    match crate::tui::session::keymap(config) {
        Ok(keys) => {
            crate::text::print(&keys.describe());
            ExitCode::SUCCESS
        }
        Err(e) => {
            crate::text::error(&e);
            ExitCode::from(1)
        }
    }
}
