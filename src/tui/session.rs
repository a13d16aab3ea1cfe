//! Opening an inspection and its review, running the UI, and leaving
//! cleanly whatever happens.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::AtomicUsize;

use crate::files::inspection::load_inspection_warned;
use crate::files::store::{self, LoadError};
use crate::tui::app::{App, Message};
use crate::tui::keymap::Keymap;
use crate::tui::opening::{InView, Shown, in_view};
use crate::tui::portfolio::Portfolio;
use crate::tui::recovery::{fallback_reviews, offer_new_review, recover, say_fallback};
use crate::tui::runner::{self, Exit, Signals, TerminalEvents};
use crate::tui::terminal;
use crate::tui::ui::Glyphs;
use crate::tui::ui::loading::Total;

/// The example inspection, built into the binary.
pub const EXAMPLE: &[u8] = include_bytes!("../../data/prevent-2020.yaml");
const EXAMPLE_NAME: &str = "prevent-2020.yaml";

#[derive(Clone)]
pub struct Options {
    /// Inspection files or folders: none opens the example, one file opens
    /// it, several (or a folder) open the overview.
    pub files: Vec<PathBuf>,
    pub review: Option<PathBuf>,
    pub reviewer: Option<String>,
    pub config: Option<PathBuf>,
    pub mouse: bool,
    /// Open where the review starts, not where the reviewer last was (the
    /// place kept in the state folder); leaving keeps the new place.
    pub fresh: bool,
    /// Open the inspections (even one) in the register, not the overview.
    pub register: bool,
    /// The folder `x` writes documents into; `None`: beside the review.
    pub documents: Option<PathBuf>,
    /// Draw in ASCII (`Some(true)`, `--ascii`), in Unicode (`Some(false)`,
    /// `--unicode`), or as the locale says (`None`).
    pub ascii: Option<bool>,
}

/// Where the configuration file is looked for when `--config` is not given.
pub fn default_config_path() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))?;
    Some(base.join("scrutiny").join("config.toml"))
}

/// The keys in force: defaults, with the config file applied. A file named
/// with `--config` must exist; the default one may be absent.
pub fn keymap(given: Option<&std::path::Path>) -> Result<Keymap, String> {
    let (path, required) = match given {
        Some(path) => (path.to_path_buf(), true),
        None => match default_config_path() {
            Some(path) => (path, false),
            None => return Ok(Keymap::default()),
        },
    };
    // A configuration is small: anything larger, or not a regular file, is
    // not one.
    let read = store::read_regular(&path, 1024 * 1024).and_then(|bytes| {
        String::from_utf8(bytes).map_err(|_| std::io::Error::other("it is not UTF-8 text"))
    });
    match read {
        Ok(text) => Keymap::from_config(&text, &path.display().to_string()).map_err(|e| {
            format!("{e}\nFix the configuration file, or pass --config with another one.")
        }),
        Err(e) if !required && e.kind() == std::io::ErrorKind::NotFound => Ok(Keymap::default()),
        Err(e) => Err(format!(
            "{}: cannot read the configuration: {e}",
            path.display()
        )),
    }
}

/// The reviewer's name for reviews kept in `folder` (see
/// `files::reviewer::find`), and what the footer should say when no name
/// was found, so that `user N` is never written silently.
pub fn reviewer_name(given: Option<&str>, folder: &Path) -> (String, Option<Message>) {
    let found = crate::files::reviewer::find(given, folder);
    let warning = (found.from == crate::files::reviewer::Source::Nothing).then(|| {
        Message::Error(format!(
            "No reviewer name found: history records \"{}\". Quit and pass --reviewer NAME, or set SCRUTINY_REVIEWER or git's user.name.",
            found.name
        ))
    });
    (found.name, warning)
}

/// Load the inspection and review named by the options.
pub fn open(options: Options) -> Result<App, LoadError> {
    if let Some(name) = &options.reviewer {
        crate::files::reviewer::give(name);
    }
    open_with(options, None)
}

/// Load as `open` does; `progress` follows the bytes of the inspection read.
fn open_with(options: Options, progress: Option<&AtomicUsize>) -> Result<App, LoadError> {
    let review_path = review_path_for(&options);
    let folder = crate::files::store::folder_of(&review_path);
    // The app, opening in its loading view, takes the inspection from the
    // cache and keeps it there; `open`, for other callers, reads the files
    // alone and leaves the cache folder as it was.
    let cache = progress.and_then(|_| store::cache_dir());
    // Who is reviewing (git may be asked) is found while the files are read.
    let given = options.reviewer.as_deref();
    let (who, pair) = alongside(
        || reviewer_name(given, &folder),
        || load_for(&options, &review_path, progress, cache.as_deref()),
    );
    let (reviewer, warning) = who.unwrap_or_else(|| reviewer_name(given, &folder));
    let app = App::from_pair(pair?, reviewer, jiff::ZonedDateTime::now().date())
        .with_documents(options.documents);
    Ok(match warning {
        Some(warning) => app.with_message(warning),
        None => app,
    })
}

/// `first` on a thread of its own while `second` runs here: the answer of
/// each (`first`'s is `None` only if its thread failed midway; with no
/// thread to be had, it runs here after `second`).
fn alongside<A: Send, B>(
    first: impl FnOnce() -> A + Send,
    second: impl FnOnce() -> B,
) -> (Option<A>, B) {
    let first = std::sync::Mutex::new(Some(first));
    let take = || first.lock().ok().and_then(|mut f| f.take());
    std::thread::scope(|scope| {
        let thread = std::thread::Builder::new().spawn_scoped(scope, || take().map(|f| f()));
        let b = second();
        let a = match thread {
            Ok(thread) => thread.join().ok().flatten(),
            Err(_) => take().map(|f| f()),
        };
        (a, b)
    })
}

/// The inspection and review `open_with` opens: the first file's, or the
/// bundled example's.
fn load_for(
    options: &Options,
    review_path: &Path,
    progress: Option<&AtomicUsize>,
    cache: Option<&Path>,
) -> Result<crate::files::workspace::Pair, LoadError> {
    let review_path = review_path.to_path_buf();
    let pair = if let Some(path) = options.files.first() {
        crate::tui::reading::load_pair_cached(path, &review_path, progress, cache)?
    } else {
        let (inspection, warnings) =
            load_inspection_warned(EXAMPLE).map_err(|problems| LoadError::Invalid {
                path: format!("(bundled) {EXAMPLE_NAME}"),
                problems,
            })?;
        let loaded = store::read_review(&review_path, &inspection)?;
        crate::files::workspace::Pair {
            warnings: crate::files::workspace::warnings_of(
                Path::new(EXAMPLE_NAME),
                &warnings,
                &review_path,
                &loaded.warnings,
            ),
            path: PathBuf::from(EXAMPLE_NAME),
            inspection,
            review: loaded.review,
            review_path,
            review_bytes: loaded.on_disk,
            fellows: loaded.fellows,
        }
    };
    Ok(pair)
}

pub fn main(options: Options) -> ExitCode {
    // Every review path of this run names this reviewer's own file.
    if let Some(name) = &options.reviewer {
        crate::files::reviewer::give(name);
    }
    let keys = match keymap(options.config.as_deref()) {
        Ok(keys) => keys.with_glyphs(Glyphs::chosen(options.ascii)),
        Err(e) => {
            crate::text::error(&e);
            return ExitCode::from(1);
        }
    };
    let mouse = options.mouse;
    if options.register && options.files.is_empty() {
        crate::text::error(
            "--register opens the inspections named: give their files or a folder of them",
        );
        return ExitCode::from(2);
    }
    let several = options.register
        || options.files.len() > 1
        || options.files.first().is_some_and(|f| f.is_dir());
    if several {
        return overview(options, keys);
    }
    let Some(signals) = signals() else {
        return ExitCode::from(1);
    };
    let review_path = review_path_for(&options);
    let (opened, mut shown) = match open_in_view(&options, mouse, &signals, &keys) {
        InView::Done(opened, shown) => (*opened, shown),
        InView::NoThread(e) => {
            crate::text::error(&format!("cannot start reading the inspection: {e}"));
            return ExitCode::from(1);
        }
        InView::Stopped(signal) => {
            if let Some(path) = options.files.first() {
                crate::errln!(
                    "scrutiny: stopped before {} was open; nothing was changed.",
                    path.display()
                );
            }
            return ExitCode::from(signal.map_or(0, |n| u8::try_from(128 + n).unwrap_or(1)));
        }
    };
    let mut fallback_note = None;
    let app = match opened {
        Ok(app) => app,
        Err(e) => {
            // Messages go to the terminal as it was.
            drop(shown.take());
            crate::text::error(&e.to_string());
            let bad_review =
                matches!(&e, LoadError::Invalid { path, .. } if Path::new(path) == review_path);
            if !bad_review {
                if matches!(e, LoadError::Invalid { .. }) {
                    crate::errln!("Nothing was changed. Fix the file and run scrutiny again.");
                }
                return ExitCode::from(1);
            }
            match beside_unreadable(&options, &review_path) {
                Some((app, fallback)) => {
                    fallback_note = Some(fallback);
                    app
                }
                None => return ExitCode::from(1),
            }
        }
    };
    let mut app = app
        .with_keys(keys)
        .with_colour(crate::tui::ui::Theme::from_env().colour);
    if !options.fresh {
        go_back_to_place(&mut app);
    }
    let mut files = runner::Files::default();
    files.lock(&mut app);
    if let Some(fallback) = fallback_note {
        app = say_fallback(app, &review_path, &fallback);
    }
    run_screen(&mut app, &mut files, mouse, shown, &signals)
}

/// The import view on the terminal, from `start`; once it is left, the
/// import's report if the inspection was written.
pub fn import(
    start: crate::tui::importer::Start,
    config: Option<&Path>,
    ascii: Option<bool>,
) -> ExitCode {
    let keys = match keymap(config) {
        Ok(keys) => keys.with_glyphs(Glyphs::chosen(ascii)),
        Err(e) => {
            crate::text::error(&e);
            return ExitCode::from(1);
        }
    };
    let Some(signals) = signals() else {
        return ExitCode::from(1);
    };
    let mut view = crate::tui::importer::ImportView::new(start)
        .with_keys(keys)
        .with_colour(crate::tui::ui::Theme::from_env().colour);
    let code = run_screen(
        &mut view,
        &mut runner::Files::default(),
        false,
        None,
        &signals,
    );
    match view.written() {
        Some(said) => {
            crate::text::eprint(said);
            if view.unwritten() {
                crate::errln!(
                    "scrutiny: the changes made after that were not written; import again to make them."
                );
            }
        }
        None => crate::errln!("scrutiny: nothing was written."),
    }
    code
}

/// The overview of several inspections (files given, or a folder's).
fn overview(options: Options, keys: Keymap) -> ExitCode {
    let mouse = options.mouse;
    if options.review.is_some() {
        crate::text::error("--review names one review file, so open one inspection with it");
        return ExitCode::from(2);
    }
    let files = match crate::files::workspace::discover(&options.files) {
        Ok(files) => files,
        Err(e) => {
            crate::text::error(&e);
            return ExitCode::from(1);
        }
    };
    let Some(signals) = signals() else {
        return ExitCode::from(1);
    };
    let what = files.len();
    let folder = files
        .first()
        .map_or_else(|| PathBuf::from("."), |f| crate::files::store::folder_of(f));
    let given = options.reviewer.clone();
    let cache = store::cache_dir();
    let (portfolio, shown) = match in_view(
        &format!("{what} inspections"),
        Total::Inspections(what),
        mouse,
        &signals,
        &keys,
        // Who is reviewing (git may be asked) is found while they are read.
        move |done| {
            let name = || reviewer_name(given.as_deref(), &folder);
            let (who, read) = alongside(name, || read_portfolio(&files, cache.as_deref(), done));
            let (reviewer, warning) = who.unwrap_or_else(name);
            (portfolio_of(read, reviewer), warning)
        },
    ) {
        InView::Done(done, shown) => (*done, shown),
        InView::NoThread(e) => {
            crate::text::error(&format!("cannot start reading the inspections: {e}"));
            return ExitCode::from(1);
        }
        InView::Stopped(signal) => {
            crate::errln!(
                "scrutiny: stopped before the inspections were open; nothing was changed."
            );
            return ExitCode::from(signal.map_or(0, |n| u8::try_from(128 + n).unwrap_or(1)));
        }
    };
    let (portfolio, warning) = portfolio;
    let mut portfolio = portfolio
        .with_keys(keys)
        .with_colour(crate::tui::ui::Theme::from_env().colour)
        .with_documents(options.documents);
    if let Some(warning) = warning {
        portfolio = portfolio.with_message(warning);
    }
    if options.register {
        portfolio.update(crate::tui::app::Action::Register);
    }
    run_screen(
        &mut portfolio,
        &mut runner::Files::default()
            .with_places(store::state_dir(), !options.fresh)
            .with_cache(store::cache_dir()),
        mouse,
        shown,
        &signals,
    )
}

/// Open the inspection the options name, showing progress if it is slow.
fn open_in_view(
    options: &Options,
    mouse: bool,
    signals: &Signals,
    keys: &Keymap,
) -> InView<Result<App, LoadError>> {
    let Some(path) = options.files.first() else {
        return InView::Done(Box::new(open(options.clone())), None);
    };
    let total = file_size(path);
    let options = options.clone();
    in_view(
        &path.display().to_string(),
        Total::Bytes(total),
        mouse,
        signals,
        keys,
        move |progress| open_with(options, Some(progress)),
    )
}

fn file_size(path: &Path) -> usize {
    std::fs::metadata(path).map_or(0, |m| usize::try_from(m.len()).unwrap_or(0))
}

/// The review file the options name, as `open` will use it. The bundled
/// example's is kept in the current directory, named in full so the
/// screen says where.
fn review_path_for(options: &Options) -> PathBuf {
    if let Some(review) = &options.review {
        return review.clone();
    }
    if let Some(path) = options.files.first() {
        store::default_review_path(path)
    } else {
        let here = std::env::current_dir().unwrap_or_default();
        store::default_review_path(&here.join(EXAMPLE_NAME))
    }
}

/// The review cannot be read, so it is never written over. A review
/// started beside it before holds the work since: it is opened again.
/// Otherwise a new one can start beside it, if the user says so. The app,
/// and the review file it works in.
fn beside_unreadable(options: &Options, corrupt: &Path) -> Option<(App, PathBuf)> {
    if let Some(found) = reopen_fallback(options, corrupt) {
        return Some(found);
    }
    let fresh = offer_new_review(corrupt)?;
    match open(Options {
        review: Some(fresh.clone()),
        ..options.clone()
    }) {
        Ok(app) => Some((app, fresh)),
        Err(e) => {
            crate::text::error(&e.to_string());
            None
        }
    }
}

/// Open the newest review started beside the unreadable `corrupt` one that
/// can be read for this inspection; with the path it was found at.
fn reopen_fallback(options: &Options, corrupt: &Path) -> Option<(App, PathBuf)> {
    fallback_reviews(corrupt).into_iter().find_map(|candidate| {
        open(Options {
            review: Some(candidate.clone()),
            ..options.clone()
        })
        .ok()
        .map(|app| (app, candidate))
    })
}

/// Load every file for the overview, on every core; one that fails is
/// listed with its error, not left out. No cache is read or written.
pub fn open_portfolio(files: &[PathBuf], reviewer: String) -> Portfolio {
    open_portfolio_cached(files, reviewer, None, &AtomicUsize::new(0))
}

/// `open_portfolio`, taking the numbers of unchanged inspections from the
/// cache in the folder `cache` (and keeping them there), and counting in
/// `done` the inspections read.
pub fn open_portfolio_cached(
    files: &[PathBuf],
    reviewer: String,
    cache: Option<&Path>,
    done: &AtomicUsize,
) -> Portfolio {
    portfolio_of(read_portfolio(files, cache, done), reviewer)
}

/// What the overview reads: every inspection's numbers (and pairs kept),
/// and, while they are read, the conflict copies beside their reviews.
type Read = (
    Vec<crate::tui::portfolio::Entry>,
    Vec<Option<crate::files::workspace::Pair>>,
    crate::files::copies::Beside,
);

fn read_portfolio(files: &[PathBuf], cache: Option<&Path>, done: &AtomicUsize) -> Read {
    let beside = || crate::files::copies::counted_beside(files);
    let (copies, (entries, pairs)) = alongside(beside, || {
        crate::tui::reading::read_reports(files, cache, done)
    });
    (entries, pairs, copies.unwrap_or_else(beside))
}

fn portfolio_of((entries, pairs, copies): Read, reviewer: String) -> Portfolio {
    Portfolio::new(entries, reviewer, jiff::ZonedDateTime::now().date())
        .with_reports(pairs)
        .with_copies(copies)
}

/// Watch SIGTERM, SIGHUP and SIGINT, or say why not.
fn signals() -> Option<Signals> {
    match Signals::register() {
        Ok(signals) => Some(signals),
        Err(e) => {
            crate::text::error(&format!("cannot watch for signals: {e}"));
            None
        }
    }
}

/// Run the UI on `screen`, on the terminal `shown` if it is set up
/// already, restoring the terminal and keeping unsaved work whatever
/// happens.
fn run_screen(
    screen: &mut impl runner::Screen,
    files: &mut runner::Files,
    mouse: bool,
    shown: Option<Shown>,
    signals: &Signals,
) -> ExitCode {
    let outcome = {
        let shown = match shown {
            Some(shown) => Ok(shown),
            None => terminal::init(mouse),
        };
        let (mut tui, _guard) = match shown {
            Ok(t) => t,
            Err(e) => {
                crate::text::error(&format!("cannot use this terminal: {e}"));
                return ExitCode::from(1);
            }
        };
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            runner::run(
                &mut tui,
                screen,
                files,
                &mut TerminalEvents,
                &mut RealHost,
                signals,
            )
        }))
    };
    // The terminal is restored here, by the guard, on every path.
    match outcome {
        Ok(Ok(exit @ (Exit::Quit | Exit::EndOfInput))) => {
            if exit == Exit::Quit {
                screen.app_mut().map(keep_place);
            }
            if let Some(path) = screen
                .app_mut()
                .and_then(|app| app.save().saved_elsewhere.clone())
            {
                crate::errln!("Your review was saved to {}.", path.display());
            }
            ExitCode::SUCCESS
        }
        Ok(Ok(Exit::Signal(signal))) => {
            if let Some(app) = screen.app_mut().filter(|app| app.save().unsaved) {
                recover(app);
            }
            ExitCode::from(u8::try_from(128 + signal).unwrap_or(1))
        }
        Ok(Err(e)) => {
            crate::text::error(&e.to_string());
            screen.app_mut().map(recover);
            ExitCode::from(1)
        }
        Err(_) => {
            screen.app_mut().map(recover);
            ExitCode::from(101)
        }
    }
}

/// Put `app` back where the reviewer last was in its review, if a place
/// is kept for it. A place file that cannot be read, or is not a place,
/// is passed over: the review opens as it would without one.
fn go_back_to_place(app: &mut App) {
    let Some(file) = crate::tui::place::file_for(&app.save().path) else {
        return;
    };
    if let Ok(Some(place)) = crate::tui::place::read(&file) {
        app.restore_place(&place);
    }
}

/// Keep where the reviewer is in `app`'s review, for the next time it is
/// opened. Only a convenience: if it cannot be written, nothing is said.
fn keep_place(app: &mut App) {
    if let Some(file) = crate::tui::place::file_for(&app.save().path) {
        let _ = crate::tui::place::write(&file, &app.place());
    }
}

struct RealHost;

impl runner::Host<ratatui::backend::CrosstermBackend<std::io::Stdout>> for RealHost {
    fn suspend(&mut self, terminal: &mut terminal::Tui) -> std::io::Result<()> {
        terminal::suspend(terminal)
    }

    fn run_outside(
        &mut self,
        terminal: &mut terminal::Tui,
        command: &mut std::process::Command,
    ) -> std::io::Result<std::process::ExitStatus> {
        terminal::run_outside(terminal, command)
    }
}
