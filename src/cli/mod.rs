//! The command line: clap's types, and one module per subcommand. `run`
//! parses the arguments and hands over to the subcommand, or to the TUI.

pub mod changes;
pub mod check;
pub mod copies;
pub mod export;
pub mod import;
pub mod init;
pub mod keys;
pub mod merge;
pub mod repeats;
pub mod shell;
pub mod summary;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory as _, FromArgMatches as _, Parser, Subcommand};

use crate::tui::session::{self, Options};

/// What `--help` says of saving and of several writers.
const SAVING: &str = "\
Saving: every change goes to the review file at once. While scrutiny has a review open it holds
the lock file .NAME.review.yaml.lock beside it; a second scrutiny on the same review opens it
read-only and can take over (T) once the first has quit. The lock cannot guard a folder whose
filesystem does not lock (some network shares), nor a review file with several names (hard
links): scrutiny says so on screen when that is the case, and two instances could then write
the same review. Changes others save to the file are merged in; nothing either side wrote is
dropped.";

/// What `--help` says of how scrutiny ends, for every command.
pub const EXIT_CODES: &str = "\
Exit codes: 0 all well; 1 a problem found (a file that cannot be read or written, a check that
failed, a conflict left to settle); 2 a usage error (the command line is wrong; nothing was
done); 128+N stopped by signal N (129 SIGHUP, 130 SIGINT, 131 SIGQUIT, 143 SIGTERM), after
saving (in the app Ctrl+C is a key, and quits with 0).
Errors go to standard error as `scrutiny: FILE: what is wrong` (FILE:LINE:COLUMN where the
place is known); the reports of check and summary name each file's problems on standard output
as editors read them, FILE:LINE:COLUMN first.";

/// Review inspection findings in the terminal.
#[derive(Parser)]
#[command(
    name = "scrutiny",
    version,
    about,
    args_conflicts_with_subcommands = true,
    subcommand_help_heading = "Commands"
)]
#[allow(
    clippy::struct_excessive_bools,
    reason = "each is a flag of the command line"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// The inspection file to review (without one, the bundled example opens);
    /// several files, or a folder, open an overview of them all.
    #[arg(value_name = "FILE|DIR")]
    files: Vec<PathBuf>,
    /// The review file (default: NAME.review.yaml beside NAME.yaml; where
    /// a folder NAME.reviews/ is beside it, your own file in it, the
    /// others' merged in as it opens).
    #[arg(long, value_name = "PATH")]
    review: Option<PathBuf>,
    /// The name recorded in the review's history (default:
    /// `$SCRUTINY_REVIEWER`, else git's user.name where the review is, else
    /// your account's full name, else your login name).
    #[arg(long, value_name = "NAME")]
    reviewer: Option<String>,
    /// Your own keys (default: `$XDG_CONFIG_HOME/scrutiny/config.toml`, if present).
    #[arg(long, value_name = "PATH")]
    config: Option<PathBuf>,
    /// The folder `x` writes documents into (the response, in Markdown and
    /// Word, and the working draft); default: beside the review file.
    #[arg(long, value_name = "DIR")]
    documents: Option<PathBuf>,
    /// Leave the mouse to the terminal (for selecting text).
    #[arg(long)]
    no_mouse: bool,
    /// Open at the start of the review, not where you last were in it
    /// (the pane, the items selected, the filters, the search and the sort
    /// orders kept when you quit); quitting keeps the new place.
    #[arg(long)]
    fresh: bool,
    /// Open the inspections (a folder, several files, or one) in the
    /// register: every item of every inspection in one view (`r` in the
    /// overview).
    #[arg(long)]
    register: bool,
    /// Draw in plain ASCII, for a terminal that shows boxes for Unicode:
    /// statuses as o + ~ @ x -, borders of + - |, bars of # and ., ... where
    /// text is cut. Chosen by itself when the locale (the first of
    /// `LC_ALL`, `LC_CTYPE`, `LANG` that is set) does not name UTF-8, as
    /// `LANG=C` does; with none of them set, Unicode is drawn.
    #[arg(long, conflicts_with = "unicode")]
    ascii: bool,
    /// Draw in Unicode whatever the locale says.
    #[arg(long)]
    unicode: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Check inspection files without opening the UI.
    Check {
        /// The inspection files to check.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Print the statutory response's checklist (s55) for one inspection
        /// with its review; exits 1 while the response cannot be published
        /// (a recommendation without a response, the chief officer's
        /// comments neither received nor recorded as not received, the
        /// responding body not named).
        #[arg(long)]
        response: bool,
        /// With --response: the review file (default: NAME.review.yaml).
        #[arg(long, value_name = "PATH", requires = "response")]
        review: Option<PathBuf>,
    },
    /// Print the keys in force: the defaults with your config applied.
    Keys {
        /// Your own keys (default: `$XDG_CONFIG_HOME/scrutiny/config.toml`, if present).
        #[arg(long, value_name = "PATH")]
        config: Option<PathBuf>,
    },
    /// Turn a published report into an inspection file: its PDF (read with
    /// poppler's pdftotext), its saved web page (HTML), or its text
    /// (Markdown or plain text, as copied from the page or PDF).
    Import {
        /// The report: a .pdf, a saved web page (.html), or text (.md, .txt).
        #[arg(value_name = "TEXT_FILE")]
        text: PathBuf,
        /// Write here instead of to standard output.
        #[arg(short, long, value_name = "OUT.yaml")]
        output: Option<PathBuf>,
        /// The inspection's id (default: made from the report's title).
        #[arg(long)]
        id: Option<String>,
        /// The inspection's title, if the text does not give it.
        #[arg(long)]
        title: Option<String>,
        /// The publication date, YYYY-MM-DD, if the text does not give it.
        #[arg(long, value_name = "DATE")]
        published: Option<String>,
        /// Write over OUT.yaml if it exists.
        #[arg(long)]
        force: bool,
        /// Write at once, without the import view a terminal otherwise
        /// opens (where the split into items can be fixed first).
        #[arg(long, short = 'y')]
        yes: bool,
        /// Your own keys for the import view (default:
        /// `$XDG_CONFIG_HOME/scrutiny/config.toml`, if present).
        #[arg(long, value_name = "PATH")]
        config: Option<PathBuf>,
        /// Draw the import view in plain ASCII (as the app's --ascii).
        #[arg(long, conflicts_with = "unicode")]
        ascii: bool,
        /// Draw the import view in Unicode whatever the locale says.
        #[arg(long)]
        unicode: bool,
    },
    /// Merge two versions of a review file, as a git merge driver
    /// (`scrutiny merge %O %A %B`); writes the result over OURS.
    Merge {
        /// The version both sides started from (git's %O).
        #[arg(value_name = "BASE")]
        base: PathBuf,
        /// This side's version (git's %A); the merge is written over it.
        #[arg(value_name = "OURS")]
        ours: PathBuf,
        /// The other side's version (git's %B).
        #[arg(value_name = "THEIRS")]
        theirs: PathBuf,
        /// Where the file lives in the working tree (git's %P): the
        /// inspection beside it gives the order of items.
        #[arg(value_name = "PATH")]
        path: Option<PathBuf>,
        /// Your own keys, named in the message about conflicts (default:
        /// `$XDG_CONFIG_HOME/scrutiny/config.toml`, if present).
        #[arg(long, value_name = "PATH")]
        config: Option<PathBuf>,
    },
    /// Counts per kind and status, the response deadline, what is overdue and
    /// what has no note, for each inspection (folders: every *.yaml in them).
    Summary {
        /// Inspection files, or folders of them (every *.yaml in them).
        #[arg(required = true, value_name = "FILE|DIR")]
        paths: Vec<PathBuf>,
        /// The review file, when one inspection is given.
        #[arg(long, value_name = "PATH")]
        review: Option<PathBuf>,
        /// One JSON object per inspection, one per line.
        #[arg(long)]
        json: bool,
    },
    /// The same matter in more than one report: for each recommendation and
    /// area for improvement, the items of the other inspections worded most
    /// like it (title and text, by shared word stems weighted by rarity),
    /// with a score from 0 to 1 and the words they share.
    Repeats {
        /// Inspection files, or folders of them (every *.yaml in them).
        #[arg(required = true, value_name = "FILE|DIR")]
        paths: Vec<PathBuf>,
        /// Suggest nothing scoring below this (0 to 1).
        #[arg(long, value_name = "SCORE", default_value_t = crate::model::similar::DEFAULT_MIN, value_parser = repeats::parse_score)]
        min: f64,
        /// At most this many suggestions per item.
        #[arg(long, value_name = "N", default_value_t = 3)]
        top: usize,
        /// Compare findings too.
        #[arg(long)]
        findings: bool,
        /// One JSON object per suggestion, one per line.
        #[arg(long)]
        json: bool,
    },
    /// The committee pack: what changed in a period for each inspection
    /// (status moves and closures with their sign-offs, revised dates with
    /// their reasons, RAG changes, updates, evidence), then what is overdue,
    /// what falls due before the next meeting and what slipped most. Days
    /// are calendar days in UTC, both ends included.
    #[command(group(
        clap::ArgGroup::new("start").required(true).args(["since", "since_rev"])
    ))]
    Changes {
        /// Inspection files, or folders of them (every *.yaml in them).
        #[arg(required = true, value_name = "FILE|DIR")]
        paths: Vec<PathBuf>,
        /// The first day of the period, YYYY-MM-DD.
        #[arg(long, value_name = "DATE", value_parser = changes::parse_date)]
        since: Option<jiff::civil::Date>,
        /// Instead of --since: what differs between the review file at this
        /// git revision and the file now.
        #[arg(long, value_name = "REV")]
        since_rev: Option<String>,
        /// The last day of the period (default: today, in UTC).
        #[arg(long, value_name = "DATE", value_parser = changes::parse_date, conflicts_with = "since_rev")]
        until: Option<jiff::civil::Date>,
        /// The next meeting: what falls due before it is listed (default:
        /// 91 days after the end of the period).
        #[arg(long, value_name = "DATE", value_parser = changes::parse_date)]
        next: Option<jiff::civil::Date>,
        /// The paper for the board, the same facts as JSON, or a workbook
        /// (a sheet of every change, then overdue, due before the next
        /// meeting and slipped most).
        #[arg(long, value_enum, default_value = "markdown")]
        format: ChangesFormat,
        /// xlsx: write the workbook here (a file already there only with
        /// --force).
        #[arg(short, long, value_name = "PATH")]
        output: Option<PathBuf>,
        /// Write over the file -o names if it exists.
        #[arg(long, requires = "output")]
        force: bool,
        /// The review file, when one inspection is given.
        #[arg(long, value_name = "PATH")]
        review: Option<PathBuf>,
    },
    /// Export an inspection with its review: the response as the body
    /// publishes it (response: Markdown; docx: Word), the working draft for
    /// the office (markdown), a spreadsheet (csv), data (json) or the
    /// tracker workbook (xlsx: recommendations and areas for improvement of
    /// one or more inspections, with a summary sheet). A file at -o is
    /// written over only with --force, and then one changed since
    /// scrutiny wrote it is kept beside it (NAME.edited-STAMP.EXT) first.
    Export {
        /// The inspection file; for xlsx, one or more files or folders
        /// (folders: every *.yaml in them).
        #[arg(required = true, value_name = "FILE|DIR")]
        files: Vec<PathBuf>,
        /// The document to write.
        #[arg(long, value_enum)]
        format: Format,
        /// Write here instead of to standard output.
        #[arg(short, long, value_name = "PATH")]
        output: Option<PathBuf>,
        /// Write over the file -o names if it exists.
        #[arg(long, requires = "output")]
        force: bool,
        /// The review file (default: NAME.review.yaml beside NAME.yaml).
        #[arg(long, value_name = "PATH")]
        review: Option<PathBuf>,
        /// CSV only: write each cell as the files hold it. By default a cell
        /// from a file that a spreadsheet would run as a formula (one
        /// beginning with = + - @, after any spaces, or with a tab or a
        /// carriage return) is written with a ' in front, which the
        /// spreadsheet shows as text.
        #[arg(long)]
        raw_cells: bool,
        /// CSV only: for Excel, which reads a CSV as UTF-8 only when it
        /// begins with a byte-order mark: write one first, and end each row
        /// with CRLF.
        #[arg(long)]
        excel: bool,
        /// Response and docx only: write the response even though something
        /// it must hold is missing (a recommendation without a response, the
        /// chief officer's comments), with each gap marked in the text.
        #[arg(long)]
        draft: bool,
    },
    /// Set a folder up for scrutiny: .gitattributes naming scrutiny's merge
    /// driver for review files, .gitignore lines for the files scrutiny
    /// keeps beside reviews that are not to be committed (locks, unsaved
    /// temporaries, kept copies), and, inside a git repository and once
    /// you say yes, the driver in the repository's own git config.
    Init {
        /// The folder (default: the current one).
        #[arg(value_name = "DIR")]
        dir: Option<PathBuf>,
        /// Write the git config lines without asking.
        #[arg(long, short = 'y')]
        yes: bool,
    },
    /// Merge the conflict copies a sync tool (OneDrive, Dropbox, Nextcloud,
    /// Syncthing, Google Drive) left beside review files into the reviews,
    /// item by item, then move each copy aside (NAME.merged-STAMP), never
    /// deleting it. Prints what was merged, and what clashed.
    MergeCopies {
        /// The folder of inspections and their reviews.
        #[arg(value_name = "DIR")]
        dir: PathBuf,
        /// Only say what would be merged; change nothing.
        #[arg(long, short = 'n')]
        dry_run: bool,
    },
    /// Print a completion script for your shell (bash: `source <(scrutiny
    /// completions bash)`; zsh, fish, powershell and elvish alike).
    Completions {
        /// The shell to complete for.
        #[arg(value_enum, value_name = "SHELL")]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff, for `man -l -`), or with -o write one
    /// page per command into a folder (scrutiny.1, scrutiny-check.1, ...).
    Man {
        /// The folder to write the pages into.
        #[arg(short, long, value_name = "DIR")]
        output: Option<PathBuf>,
        /// Write over pages already in the folder.
        #[arg(long, requires = "output")]
        force: bool,
    },
}

/// The command line as clap reads it, with what every `--help` ends with.
pub fn command() -> clap::Command {
    Cli::command()
        .after_help(format!("{SAVING}\n\n{EXIT_CODES}"))
        .mut_subcommands(|sub| sub.after_help(EXIT_CODES))
}

/// `path` may be written: it does not exist, or `force` says so. The same
/// rule for every -o.
pub fn may_write(path: &std::path::Path, force: bool) -> Result<(), String> {
    if !force && std::fs::symlink_metadata(path).is_ok() {
        return Err(format!(
            "{}: exists; pass --force to write over it",
            path.display()
        ));
    }
    Ok(())
}

#[allow(
    clippy::too_many_lines,
    reason = "one arm per command, read as a table"
)]
pub fn run() -> ExitCode {
    let cli = match command()
        .try_get_matches()
        .and_then(|mut matches| Cli::from_arg_matches_mut(&mut matches))
    {
        Ok(cli) => cli,
        // Help and the version hold no one's text but ours.
        Err(e) if !e.use_stderr() => {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        // An error quotes the arguments, which may be file names. In the
        // one style: `scrutiny: ` where clap writes `error: `.
        Err(e) => {
            let text = e.render().to_string();
            let text = text.strip_prefix("error: ").unwrap_or(&text);
            crate::text::eprint(&format!("scrutiny: {text}"));
            return ExitCode::from(2);
        }
    };
    match cli.command {
        Some(Command::Check {
            files,
            response: true,
            review,
        }) => {
            let [file] = files.as_slice() else {
                crate::text::error("--response checks one inspection at a time: give one file");
                return ExitCode::from(2);
            };
            printed(check::response(file, review.as_deref()))
        }
        Some(Command::Check { files, .. }) => {
            let (report, ok) = check::check_files(&files);
            crate::text::print(&report);
            if ok {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
        Some(Command::Summary {
            paths,
            review,
            json,
        }) => printed(summary::run(&paths, review.as_deref(), json)),
        Some(Command::Repeats {
            paths,
            min,
            top,
            findings,
            json,
        }) => {
            let options = crate::model::similar::Options {
                min,
                top,
                findings,
                ..crate::model::similar::Options::default()
            };
            printed(repeats::run(&paths, &options, json))
        }
        Some(Command::Changes {
            paths,
            since,
            since_rev,
            until,
            next,
            format,
            output,
            force,
            review,
        }) => {
            if output.is_some() && format != ChangesFormat::Xlsx {
                crate::text::error(
                    "-o is for --format xlsx; the pack in Markdown or JSON goes to standard output",
                );
                return ExitCode::from(2);
            }
            let since = match (since, since_rev) {
                (Some(day), _) => changes::Since::Day(day),
                (None, Some(rev)) => changes::Since::Rev(rev),
                // clap requires one of them.
                (None, None) => return ExitCode::from(2),
            };
            let options = changes::Options {
                since,
                until,
                next,
                json: format == ChangesFormat::Json,
                xlsx: (format == ChangesFormat::Xlsx).then_some(output),
                force,
                review,
            };
            changes::run(&paths, &options)
        }
        Some(Command::Export {
            files,
            format,
            output,
            force,
            review,
            raw_cells,
            excel,
            draft,
        }) => {
            let one_file = matches!(files.as_slice(), [file] if !file.is_dir());
            if format != Format::Xlsx && !one_file {
                crate::text::error(
                    "several inspections or a folder are for --format xlsx only: give one inspection file",
                );
                return ExitCode::from(2);
            }
            if review.is_some() && !one_file {
                crate::text::error("--review is for one inspection file");
                return ExitCode::from(2);
            }
            if raw_cells && format != Format::Csv {
                crate::text::error("--raw-cells is for --format csv only");
                return ExitCode::from(2);
            }
            if excel && format != Format::Csv {
                crate::text::error("--excel is for --format csv only");
                return ExitCode::from(2);
            }
            if draft && !matches!(format, Format::Response | Format::Docx) {
                crate::text::error("--draft is for --format response and --format docx only");
                return ExitCode::from(2);
            }
            let cells = if raw_cells {
                crate::export::Cells::Raw
            } else {
                crate::export::Cells::Guarded
            };
            let options = crate::export::Options {
                cells,
                excel,
                draft,
            };

            match export::run(
                &files,
                review.as_deref(),
                format.into(),
                output.as_deref(),
                force,
                options,
            ) {
                Ok(Some(written)) => {
                    if let Some(kept) = &written.kept {
                        crate::errln!(
                            "{} had been changed since scrutiny wrote it (or scrutiny did not write it); that copy is kept as {}",
                            written.path.display(),
                            kept.display()
                        );
                    }
                    crate::errln!("Written to {}", written.path.display());
                    ExitCode::SUCCESS
                }
                Ok(None) => ExitCode::SUCCESS,
                Err(e) => {
                    crate::text::error(&e);
                    ExitCode::from(1)
                }
            }
        }
        Some(Command::Merge {
            base,
            ours,
            theirs,
            path,
            config,
        }) => match merge::run(&base, &ours, &theirs, path.as_deref()) {
            Ok(merge::Outcome::Clean) => ExitCode::SUCCESS,
            Ok(merge::Outcome::Conflicts(ids)) => {
                let [_, name, _] = merge::names(&ours, path.as_deref());
                crate::errln!(
                    "scrutiny: {} changed on both sides; both versions are in {name} for you to settle in scrutiny ({})",
                    ids.iter()
                        .map(|id| crate::text::one_line(id))
                        .collect::<Vec<_>>()
                        .join(", "),
                    conflict_keys(config.as_deref()),
                );
                ExitCode::from(1)
            }
            Err(e) => {
                crate::text::error(&e);
                ExitCode::from(1)
            }
        },
        Some(Command::Import {
            text,
            output,
            id,
            title,
            published,
            force,
            yes,
            config,
            ascii,
            unicode,
        }) => {
            let options = import::Options {
                id,
                title,
                published,
                force,
            };
            // On a terminal the reviewer sees the split before anything
            // is written; piped, or with --yes, it is written at once.
            if !yes
                && std::io::IsTerminal::is_terminal(&std::io::stdin())
                && std::io::IsTerminal::is_terminal(&std::io::stdout())
            {
                return import::view(
                    &text,
                    output.as_deref(),
                    &options,
                    (config.as_deref(), asked_ascii(ascii, unicode)),
                );
            }
            match import::run(&text, output.as_deref(), &options) {
                Ok(report) => {
                    crate::text::eprint(&report);
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    crate::text::error(&e);
                    ExitCode::from(1)
                }
            }
        }
        Some(Command::Keys { config }) => keys::run(config.as_deref()),
        Some(Command::Init { dir, yes }) => init::run(dir.as_deref(), yes),
        Some(Command::MergeCopies { dir, dry_run }) => copies::run(&dir, dry_run),
        Some(Command::Completions { shell: which }) => shell::completions(which),
        Some(Command::Man { output, force }) => shell::man(output.as_deref(), force),
        None => session::main(Options {
            files: cli.files,
            review: cli.review,
            reviewer: cli.reviewer,
            config: cli.config,
            mouse: !cli.no_mouse,
            fresh: cli.fresh,
            register: cli.register,
            documents: cli.documents,
            ascii: asked_ascii(cli.ascii, cli.unicode),
        }),
    }
}

/// A report printed, and 0 when it found all well, 1 when not or when it
/// could not be made (the error said).
/// What the flags ask of the characters drawn: ASCII, Unicode, or neither
/// (the locale decides). Clap keeps the two from being given together.
fn asked_ascii(ascii: bool, unicode: bool) -> Option<bool> {
    match (ascii, unicode) {
        (true, _) => Some(true),
        (false, true) => Some(false),
        (false, false) => None,
    }
}

fn printed(report: Result<(String, bool), String>) -> ExitCode {
    match report {
        Ok((text, ok)) => {
            crate::text::print(&text);
            if ok {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
        Err(e) => {
            crate::text::error(&e);
            ExitCode::from(1)
        }
    }
}

/// The keys that settle a conflict in the app, as the configuration in
/// force binds them (the defaults when it cannot be read).
fn conflict_keys(config: Option<&std::path::Path>) -> String {
    use crate::tui::app::{Action, ModeKind, Resolution};
    let keys = session::keymap(config).unwrap_or_default();
    [Resolution::Mine, Resolution::Theirs, Resolution::Both]
        .map(|how| keys.hint(ModeKind::Normal, &Action::Resolve(how)))
        .join(" ")
}

/// How `scrutiny changes` writes the pack.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ChangesFormat {
    /// The paper for the board.
    Markdown,
    /// One JSON object per inspection, one per line.
    Json,
    /// A workbook; needs -o when the output is a terminal.
    Xlsx,
}

/// The documents `scrutiny export` writes, as the command line names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// The working draft, for the office: statuses, owners and gaps.
    Markdown,
    /// The response as the body publishes it, in Markdown.
    Response,
    /// The published response as a Word document (needs -o when the
    /// output is a terminal).
    Docx,
    Csv,
    Json,
    /// The tracker workbook, for a spreadsheet (needs -o when the
    /// output is a terminal).
    Xlsx,
}

impl From<Format> for crate::export::Format {
    fn from(format: Format) -> Self {
        match format {
            Format::Markdown => crate::export::Format::Markdown,
            Format::Response => crate::export::Format::Response,
            Format::Docx => crate::export::Format::Docx,
            Format::Csv => crate::export::Format::Csv,
            Format::Json => crate::export::Format::Json,
            Format::Xlsx => crate::export::Format::Xlsx,
        }
    }
}
