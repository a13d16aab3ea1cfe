//! Where work goes when the review file cannot take it: a review started
//! beside an unreadable one, and a recovery file when scrutiny stops with
//! changes unsaved.

use std::path::{Path, PathBuf};

use crate::files::store;
use crate::tui::app::App;

/// The reviews started beside an unreadable one (`NAME.review-2.yaml`,
/// `-3`, ...), newest first.
pub fn fallback_reviews(corrupt: &Path) -> Vec<PathBuf> {
    crate::files::paths::ReviewPaths::new(corrupt).fallbacks()
}

/// A free name beside a corrupt review: `NAME.review-2.yaml`, `-3`, ...
pub fn fresh_review_path(corrupt: &Path) -> PathBuf {
    crate::files::paths::ReviewPaths::new(corrupt).free_fallback()
}

/// Ask whether to start a new review beside a corrupt one. Without a
/// terminal to ask on, say how instead.
pub fn offer_new_review(corrupt: &Path) -> Option<PathBuf> {
    use std::io::{BufRead as _, IsTerminal as _, Write as _};
    let fresh = fresh_review_path(corrupt);
    crate::errln!(
        "\nThe review file {} cannot be read, so scrutiny will not write to it; it stays as it is.",
        corrupt.display()
    );
    if !std::io::stdin().is_terminal() {
        crate::errln!(
            "Fix it, or start a new review beside it with: --review {}",
            fresh.display()
        );
        return None;
    }
    crate::errprint!("Start a new review in {} instead? [y/N] ", fresh.display());
    let _ = std::io::stderr().flush();
    let mut answer = String::new();
    std::io::stdin().lock().read_line(&mut answer).ok()?;
    answer.trim().eq_ignore_ascii_case("y").then_some(fresh)
}

/// Say on screen which file holds the work when the review's own file
/// cannot be read (unless something more urgent is said already).
pub fn say_fallback(app: App, unreadable: &Path, fallback: &Path) -> App {
    if matches!(app.message(), Some(crate::tui::app::Message::Error(_))) {
        app
    } else {
        app.with_message(crate::tui::app::Message::Error(format!(
            "{} cannot be read and is left as it is; this review is kept in {}.",
            crate::text::inert_line(&unreadable.display().to_string()),
            crate::text::inert_line(&fallback.display().to_string()),
        )))
    }
}

/// After a crash or a failed exit: tell the user where their unsaved work went.
pub fn recover(app: &mut App) {
    match write_recovery(app) {
        None => {}
        Some(Ok(path)) => crate::errln!(
            "scrutiny stopped unexpectedly. Your unsaved annotations are in {}; check it, then rename it to {} to carry on.",
            path.display(),
            app.save().path.display()
        ),
        Some(Err(text)) => crate::errln!(
            "scrutiny stopped unexpectedly and could not write a recovery file. Your last annotations:\n{text}"
        ),
    }
}

/// Put anything not on disk, including a note still in the editor, in a
/// recovery file beside the review (or in the temporary folder if that
/// fails). `None` when nothing was unsaved; `Err` holds the review text when
/// no file could be written.
pub fn write_recovery(app: &mut App) -> Option<Result<PathBuf, String>> {
    // A note being typed joins the review, and marks it unsaved.
    app.keep_draft();
    if !app.save().unsaved {
        return None;
    }
    let text = app.review_yaml();
    let stamp = jiff::Timestamp::now()
        .strftime("%Y%m%dT%H%M%SZ")
        .to_string();
    let file = crate::files::paths::ReviewPaths::new(&app.save().path).recovery_name(&stamp);
    let candidates = [
        app.save().path.with_file_name(&file),
        std::env::temp_dir().join(&file),
    ];
    for path in candidates {
        if store::write_atomic(&path, text.as_bytes()).is_ok() {
            return Some(Ok(path));
        }
    }
    Some(Err(text))
}
