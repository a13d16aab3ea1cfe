//! Opening an inspection and its review, running the UI, and leaving
//! cleanly whatever happens.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::app::App;
use crate::keymap::Keymap;
use crate::model::load_inspection;
use crate::model::store::{self, LoadError};
use crate::portfolio::{Entry, Portfolio, Stats};
use crate::runner::{self, Exit, Signals, TerminalEvents};
use crate::terminal;

/// The example inspection, built into the binary.
pub const EXAMPLE: &[u8] = include_bytes!("../data/prevent-2020.yaml");
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
    match std::fs::read_to_string(&path) {
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

/// `NO_COLOR` set to anything but the empty string turns colour off.
pub fn colour_wanted() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// The reviewer's name: `--reviewer`, else the login name.
pub fn reviewer_name(given: Option<String>) -> String {
    given
        .filter(|s| !s.trim().is_empty())
        .or_else(|| std::env::var("USER").ok())
        .or_else(|| std::env::var("LOGNAME").ok())
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| "unknown".into())
}

/// Load the inspection and review named by the options.
pub fn open(options: Options) -> Result<App, LoadError> {
    let (inspection, default_review) = if let Some(path) = options.files.first() {
        (
            store::read_inspection(path)?,
            store::default_review_path(path),
        )
    } else {
        let inspection = load_inspection(EXAMPLE).map_err(|problems| LoadError::Invalid {
            path: format!("(bundled) {EXAMPLE_NAME}"),
            problems,
        })?;
        // Kept in the current directory, named in full so the screen says where.
        let here = std::env::current_dir().unwrap_or_default();
        (
            inspection,
            store::default_review_path(&here.join(EXAMPLE_NAME)),
        )
    };
    let review_path = options.review.unwrap_or(default_review);
    let loaded = store::read_review(&review_path, &inspection)?;
    let today = jiff::ZonedDateTime::now().date();
    Ok(App::new(
        inspection,
        loaded.review,
        review_path,
        loaded.on_disk,
        reviewer_name(options.reviewer),
        today,
    ))
}

pub fn main(options: Options) -> ExitCode {
    let keys = match keymap(options.config.as_deref()) {
        Ok(keys) => keys,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(1);
        }
    };
    let mouse = options.mouse;
    let several = options.files.len() > 1 || options.files.first().is_some_and(|f| f.is_dir());
    if several {
        if options.review.is_some() {
            eprintln!("scrutiny: --review names one review file, so open one inspection with it");
            return ExitCode::from(2);
        }
        let files = match crate::commands::discover(&options.files) {
            Ok(files) => files,
            Err(e) => {
                eprintln!("scrutiny: {e}");
                return ExitCode::from(1);
            }
        };
        let mut portfolio = open_portfolio(&files, reviewer_name(options.reviewer));
        portfolio.keys = keys;
        portfolio.colour = colour_wanted();
        return run_screen(&mut portfolio, mouse);
    }
    let review_path = review_path_for(&options);
    let mut app = match open(options.clone()) {
        Ok(app) => app,
        Err(e) => {
            eprintln!("{e}");
            let bad_review =
                matches!(&e, LoadError::Invalid { path, .. } if Path::new(path) == review_path);
            if !bad_review {
                if matches!(e, LoadError::Invalid { .. }) {
                    eprintln!("Nothing was changed. Fix the file and run scrutiny again.");
                }
                return ExitCode::from(1);
            }
            // The review cannot be read, so it is never written over; a new
            // review can start beside it.
            let Some(fresh) = offer_new_review(&review_path) else {
                return ExitCode::from(1);
            };
            match open(Options {
                review: Some(fresh),
                ..options
            }) {
                Ok(app) => app,
                Err(e) => {
                    eprintln!("{e}");
                    return ExitCode::from(1);
                }
            }
        }
    };
    app.keys = keys;
    app.colour = colour_wanted();
    crate::lock::attach(&mut app);
    run_screen(&mut app, mouse)
}

/// The review file the options name, as `open` will use it.
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

/// A free name beside a corrupt review: `NAME.review-2.yaml`, `-3`, ...
pub fn fresh_review_path(corrupt: &Path) -> PathBuf {
    let name = corrupt.file_name().map_or_else(
        || "review.yaml".into(),
        |n| n.to_string_lossy().into_owned(),
    );
    let stem = name.strip_suffix(".yaml").unwrap_or(&name).to_owned();
    (2..1000)
        .map(|n| corrupt.with_file_name(format!("{stem}-{n}.yaml")))
        .find(|p| !p.exists())
        .unwrap_or_else(|| corrupt.with_file_name(format!("{stem}-new.yaml")))
}

/// Ask whether to start a new review beside a corrupt one. Without a
/// terminal to ask on, say how instead.
fn offer_new_review(corrupt: &Path) -> Option<PathBuf> {
    use std::io::{BufRead as _, IsTerminal as _, Write as _};
    let fresh = fresh_review_path(corrupt);
    eprintln!(
        "\nThe review file {} cannot be read, so scrutiny will not write to it; it stays as it is.",
        corrupt.display()
    );
    if !std::io::stdin().is_terminal() {
        eprintln!(
            "Fix it, or start a new review beside it with: --review {}",
            fresh.display()
        );
        return None;
    }
    eprint!("Start a new review in {} instead? [y/N] ", fresh.display());
    let _ = std::io::stderr().flush();
    let mut answer = String::new();
    std::io::stdin().lock().read_line(&mut answer).ok()?;
    answer.trim().eq_ignore_ascii_case("y").then_some(fresh)
}

/// Load every file for the overview; one that fails is listed with its
/// error, not left out.
pub fn open_portfolio(files: &[PathBuf], reviewer: String) -> Portfolio {
    let entries = files
        .iter()
        .map(|path| Entry {
            path: path.clone(),
            stats: crate::commands::load_pair(path, None)
                .map(|pair| Stats::of(&pair.inspection, &pair.review))
                .map_err(|e| e.to_string()),
        })
        .collect();
    Portfolio::new(entries, reviewer, jiff::ZonedDateTime::now().date())
}

/// Run the UI on `screen`, restoring the terminal and keeping unsaved work
/// whatever happens.
fn run_screen(screen: &mut impl runner::Screen, mouse: bool) -> ExitCode {
    let signals = match Signals::register() {
        Ok(signals) => signals,
        Err(e) => {
            eprintln!("scrutiny: cannot watch for signals: {e}");
            return ExitCode::from(1);
        }
    };
    let outcome = {
        let (mut tui, _guard) = match terminal::init(mouse) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("scrutiny: cannot use this terminal: {e}");
                return ExitCode::from(1);
            }
        };
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            runner::run(
                &mut tui,
                screen,
                &mut TerminalEvents,
                &mut RealHost,
                &signals,
            )
        }))
    };
    // The terminal is restored here, by the guard, on every path.
    match outcome {
        Ok(Ok(Exit::Quit | Exit::EndOfInput)) => {
            if let Some(path) = screen
                .app_mut()
                .and_then(|app| app.save.saved_elsewhere.clone())
            {
                eprintln!("Your review was saved to {}.", path.display());
            }
            ExitCode::SUCCESS
        }
        Ok(Ok(Exit::Signal(signal))) => {
            if let Some(app) = screen.app_mut().filter(|app| app.save.unsaved) {
                recover(app);
            }
            ExitCode::from(u8::try_from(128 + signal).unwrap_or(1))
        }
        Ok(Err(e)) => {
            eprintln!("scrutiny: {e}");
            screen.app_mut().map(recover);
            ExitCode::from(1)
        }
        Err(_) => {
            screen.app_mut().map(recover);
            ExitCode::from(101)
        }
    }
}

struct RealHost;

impl runner::Host<ratatui::backend::CrosstermBackend<std::io::Stdout>> for RealHost {
    fn suspend(&mut self, terminal: &mut terminal::Tui) -> std::io::Result<()> {
        terminal::suspend(terminal)
    }
}

/// After a crash or a failed exit: tell the user where their unsaved work went.
fn recover(app: &mut App) {
    match write_recovery(app) {
        None => {}
        Some(Ok(path)) => eprintln!(
            "scrutiny stopped unexpectedly. Your unsaved annotations are in {}; check it, then rename it to {} to carry on.",
            path.display(),
            app.save.path.display()
        ),
        Some(Err(text)) => eprintln!(
            "scrutiny stopped unexpectedly and could not write a recovery file. Your last annotations:\n{text}"
        ),
    }
}

/// Put anything not on disk, including a note still in the editor, in a
/// recovery file beside the review (or in the temporary folder if that
/// fails). `None` when nothing was unsaved; `Err` holds the review text when
/// no file could be written.
pub fn write_recovery(app: &mut App) -> Option<Result<PathBuf, String>> {
    let drafted = app.keep_draft();
    if !drafted && !app.save.unsaved {
        return None;
    }
    let text = app.review_yaml();
    let stamp = jiff::Timestamp::now()
        .strftime("%Y%m%dT%H%M%SZ")
        .to_string();
    let name = app.save.path.file_name().map_or_else(
        || "review.yaml".into(),
        |n| n.to_string_lossy().into_owned(),
    );
    let file = format!("{name}.recovered-{stamp}");
    let candidates = [
        app.save.path.with_file_name(&file),
        std::env::temp_dir().join(&file),
    ];
    for path in candidates {
        if store::write_atomic(&path, text.as_bytes()).is_ok() {
            return Some(Ok(path));
        }
    }
    Some(Err(text))
}
