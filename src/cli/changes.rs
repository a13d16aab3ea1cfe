//! `scrutiny changes`: the committee pack, what changed in a period (or
//! since a git revision of the review file) for each inspection, as
//! Markdown or as JSON lines.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use jiff::civil::Date;

use crate::export::changes::{self, Period, Report};
use crate::files::workspace::{Pair, discover, load_pair};

/// Where the pack starts: a day, or a git revision of the review file.
#[derive(Debug, Clone)]
pub enum Since {
    Day(Date),
    Rev(String),
}

/// What `scrutiny changes` was asked for.
#[derive(Debug, Clone)]
pub struct Options {
    pub since: Since,
    pub until: Option<Date>,
    pub next: Option<Date>,
    pub json: bool,
    /// Write the pack as a workbook, to this file (`-` or none: standard
    /// output, when that is not a terminal).
    pub xlsx: Option<Option<PathBuf>>,
    /// Write over the workbook's file if it exists.
    pub force: bool,
    pub review: Option<PathBuf>,
}

/// A date on the command line, YYYY-MM-DD; the error names the value.
pub fn parse_date(value: &str) -> Result<Date, String> {
    value.parse::<Date>().map_err(|_| {
        format!(
            "`{}` is not a date: write it YYYY-MM-DD, as 2026-09-30",
            crate::text::one_line(value)
        )
    })
}

/// Run `git` with `args` in `dir`: its standard output, or what went wrong
/// in words.
fn git(dir: &Path, args: &[&str]) -> Result<Vec<u8>, String> {
    use crate::files::git::{Error, run};
    run(dir, args).map_err(|e| match e {
        Error::NotInstalled => {
            "git is not installed (or not on PATH), and --since-rev needs it".to_owned()
        }
        Error::Io(e) => format!("cannot run git: {e}"),
        Error::Failed(said) => said,
    })
}

/// The review file's bytes as they were at revision `rev`.
fn review_at(review_path: &Path, rev: &str) -> Result<Vec<u8>, String> {
    let name = review_path.display();
    let dir = match review_path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if !dir.is_dir() {
        return Err(format!("{name}: cannot read its folder"));
    }
    git(dir, &["rev-parse", "--show-toplevel"]).map_err(|e| {
        if e.starts_with("git is not installed") || e.starts_with("cannot run git") {
            format!("{name}: {e}")
        } else {
            format!(
                "{name}: not in a git repository, so --since-rev has no earlier version to compare with ({e})"
            )
        }
    })?;
    let file = review_path
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    let spec = format!("{rev}:./{file}");
    git(dir, &["show", &spec]).map_err(|e| {
        format!(
            "{name}: not found in git at revision {}: {e}",
            crate::text::one_line(rev)
        )
    })
}

/// The pack for one loaded inspection.
fn report(pair: &Pair, name: &str, options: &Options, today: Date) -> Result<Report, String> {
    match &options.since {
        Since::Day(since) => {
            let until = options.until.unwrap_or(today);
            let next = options
                .next
                .unwrap_or_else(|| changes::quarter_after(until));
            Ok(changes::changes(
                name,
                &pair.inspection,
                &pair.review,
                Period {
                    since: *since,
                    until,
                    next,
                },
            ))
        }
        Since::Rev(rev) => {
            let bytes = review_at(&pair.review_path, rev)?;
            let shown = format!(
                "{}:{}",
                crate::text::one_line(rev),
                pair.review_path.display()
            );
            let old = crate::files::load_review(&bytes, &pair.inspection.meta.id)
                .map_err(|problems| problems.render(&shown).trim_end().to_owned())?;
            let next = options
                .next
                .unwrap_or_else(|| changes::quarter_after(today));
            Ok(changes::changes_since(
                name,
                &pair.inspection,
                &old,
                &pair.review,
                rev,
                today,
                next,
            ))
        }
    }
}

/// `scrutiny changes`: prints the pack; 1 when a file could not be read
/// (the others are still reported), 2 for a usage error.
pub fn run(paths: &[PathBuf], options: &Options) -> ExitCode {
    if let Since::Rev(rev) = &options.since
        && (rev.is_empty() || rev.starts_with('-'))
    {
        crate::text::error(&format!(
            "--since-rev: `{}` is not a revision",
            crate::text::one_line(rev)
        ));
        return ExitCode::from(2);
    }
    // Days are UTC days throughout the pack, today among them.
    let today = changes::day_of(jiff::Timestamp::now());
    let until = options.until.unwrap_or(today);
    if let Since::Day(since) = options.since
        && since > until
    {
        crate::text::error(&format!(
            "--since {since} is after --until {until}: the period would be empty"
        ));
        return ExitCode::from(2);
    }
    let files = match discover(paths) {
        Ok(files) => files,
        Err(e) => {
            crate::text::error(&e);
            return ExitCode::from(1);
        }
    };
    if options.review.is_some() && files.len() > 1 {
        crate::text::error("--review names one review file, so give one inspection file with it");
        return ExitCode::from(2);
    }
    if let Some(output) = &options.xlsx {
        return workbook(&files, options, today, output.as_deref());
    }
    let mut out = String::new();
    let mut ok = true;
    for file in &files {
        let name = file.display().to_string();
        let made = load_pair(file, options.review.as_deref())
            .map_err(|e| e.to_string())
            .and_then(|pair| report(&pair, &name, options, today));
        match made {
            Ok(report) if options.json => {
                out.push_str(&crate::text::json(&report));
                out.push('\n');
            }
            Ok(report) => {
                out.push_str(&changes::markdown(&report));
                out.push('\n');
            }
            Err(e) => {
                ok = false;
                crate::text::error(&e);
                if options.json {
                    let error = serde_json::json!({ "file": name, "error": e });
                    out.push_str(&crate::text::json(&error));
                    out.push('\n');
                }
            }
        }
    }
    if !options.json && !out.is_empty() {
        let title = match &options.since {
            Since::Day(since) => changes::period_words(*since, until),
            Since::Rev(rev) => format!("since revision {}", crate::export::md::text(rev)),
        };
        out.insert_str(0, &format!("# Changes, {title}\n\n"));
    }
    if !out.is_empty() {
        crate::text::print(&(out.trim_end().to_owned() + "\n"));
    }
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// The pack of `files` as a workbook, to `output` or standard output. A file
/// that does not load stops it (exit 1), naming the file: a pack with an
/// inspection quietly missing would mislead the board.
fn workbook(files: &[PathBuf], options: &Options, today: Date, output: Option<&Path>) -> ExitCode {
    let mut reports = Vec::with_capacity(files.len());
    for file in files {
        let name = file.display().to_string();
        let made = load_pair(file, options.review.as_deref())
            .map_err(|e| e.to_string())
            .and_then(|pair| report(&pair, &name, options, today));
        match made {
            Ok(report) => reports.push(report),
            Err(e) => {
                crate::text::error(&format!("{e}; no workbook is written"));
                return ExitCode::from(1);
            }
        }
    }
    let bytes = match crate::export::xlsx::changes_workbook(&reports) {
        Ok(bytes) => bytes,
        Err(e) => {
            crate::text::error(&e);
            return ExitCode::from(1);
        }
    };
    if let Some(path) = output
        && let Err(e) = super::may_write(path, options.force)
    {
        crate::text::error(&e);
        return ExitCode::from(1);
    }
    match output {
        Some(path) => match crate::files::store::write_document(
            path,
            &bytes,
            crate::files::store::state_dir().as_deref(),
        ) {
            Ok(kept) => {
                if let Some(kept) = kept {
                    crate::errln!(
                        "{} had been changed since scrutiny wrote it (or scrutiny did not write it); that copy is kept as {}",
                        path.display(),
                        kept.display()
                    );
                }
                crate::errln!("Written to {}", path.display());
                ExitCode::SUCCESS
            }
            Err(e) => {
                crate::text::error(&format!("cannot write {}: {e}", path.display()));
                ExitCode::from(1)
            }
        },
        None if std::io::IsTerminal::is_terminal(&std::io::stdout()) => {
            crate::text::error(
                "a workbook is not for the terminal: pass -o FILE.xlsx to write it to a file",
            );
            ExitCode::from(2)
        }
        None => {
            use std::io::Write as _;
            let mut out = std::io::stdout().lock();
            match out.write_all(&bytes).and_then(|()| out.flush()) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    crate::text::error(&format!("cannot write the workbook: {e}"));
                    ExitCode::from(1)
                }
            }
        }
    }
}
