//! The command line: parse arguments, load files, run the UI or a command.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use scrutiny::session::{self, Options};

/// Review inspection findings in the terminal.
#[derive(Parser)]
#[command(
    name = "scrutiny",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// The inspection file to review (without one, the bundled example opens);
    /// several files, or a folder, open an overview of them all.
    #[arg(value_name = "FILE|DIR")]
    files: Vec<PathBuf>,
    /// The review file (default: NAME.review.yaml beside NAME.yaml).
    #[arg(long, value_name = "PATH")]
    review: Option<PathBuf>,
    /// The name recorded in the review's history (default: your login name).
    #[arg(long, value_name = "NAME")]
    reviewer: Option<String>,
    /// Your own keys (default: `$XDG_CONFIG_HOME/scrutiny/config.toml`, if present).
    #[arg(long, value_name = "PATH", global = true)]
    config: Option<PathBuf>,
    /// Leave the mouse to the terminal (for selecting text).
    #[arg(long)]
    no_mouse: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Check inspection files without opening the UI.
    Check {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Print the keys in force: the defaults with your config applied.
    Keys,
    /// Turn the text of a published report (Markdown or plain text, as copied
    /// from its web page or PDF) into an inspection file.
    Import {
        #[arg(value_name = "TEXT_FILE")]
        text: PathBuf,
        /// Write here instead of to standard output.
        #[arg(short, long, value_name = "OUT.yaml")]
        output: Option<PathBuf>,
        #[arg(long)]
        id: Option<String>,
        #[arg(long)]
        title: Option<String>,
        /// The publication date, YYYY-MM-DD, if the text does not give it.
        #[arg(long, value_name = "DATE")]
        published: Option<String>,
        /// Write over OUT.yaml if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Merge two versions of a review file, as a git merge driver
    /// (`scrutiny merge %O %A %B`); writes the result over OURS.
    Merge {
        #[arg(value_name = "BASE")]
        base: PathBuf,
        #[arg(value_name = "OURS")]
        ours: PathBuf,
        #[arg(value_name = "THEIRS")]
        theirs: PathBuf,
        /// Where the file lives in the working tree (git's %P): the
        /// inspection beside it gives the order of items.
        #[arg(value_name = "PATH")]
        path: Option<PathBuf>,
    },
    /// Counts per kind and status, the response deadline, what is overdue and
    /// what has no note, for each inspection (folders: every *.yaml in them).
    Summary {
        #[arg(required = true, value_name = "FILE|DIR")]
        paths: Vec<PathBuf>,
        /// The review file, when one inspection is given.
        #[arg(long, value_name = "PATH")]
        review: Option<PathBuf>,
        /// One JSON object per inspection, one per line.
        #[arg(long)]
        json: bool,
    },
    /// Export an inspection with its review: a draft response (markdown), a
    /// spreadsheet (csv) or data (json).
    Export {
        #[arg(value_name = "FILE")]
        file: PathBuf,
        #[arg(long, value_enum)]
        format: scrutiny::commands::Format,
        /// Write here instead of to standard output.
        #[arg(short, long, value_name = "PATH")]
        output: Option<PathBuf>,
        /// The review file (default: NAME.review.yaml beside NAME.yaml).
        #[arg(long, value_name = "PATH")]
        review: Option<PathBuf>,
    },
}

#[allow(
    clippy::too_many_lines,
    reason = "one arm per command, read as a table"
)]
fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Check { files }) => {
            let (report, ok) = scrutiny::check::check_files(&files);
            print!("{report}");
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
        }) => match scrutiny::commands::summary(&paths, review.as_deref(), json) {
            Ok((text, ok)) => {
                print!("{text}");
                if ok {
                    ExitCode::SUCCESS
                } else {
                    ExitCode::from(1)
                }
            }
            Err(e) => {
                eprintln!("scrutiny: {e}");
                ExitCode::from(1)
            }
        },
        Some(Command::Export {
            file,
            format,
            output,
            review,
        }) => {
            match scrutiny::commands::export(&file, review.as_deref(), format, output.as_deref()) {
                Ok(Some(path)) => {
                    eprintln!("Written to {}", path.display());
                    ExitCode::SUCCESS
                }
                Ok(None) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("{e}");
                    ExitCode::from(1)
                }
            }
        }
        Some(Command::Merge {
            base,
            ours,
            theirs,
            path,
        }) => match scrutiny::merge_driver::run(&base, &ours, &theirs, path.as_deref()) {
            Ok(scrutiny::merge_driver::Outcome::Clean) => ExitCode::SUCCESS,
            Ok(scrutiny::merge_driver::Outcome::Conflicts(ids)) => {
                let [_, name, _] = scrutiny::merge_driver::names(&ours, path.as_deref());
                eprintln!(
                    "scrutiny: {} changed on both sides; both versions are in {name} for you to settle in scrutiny (< > =)",
                    scrutiny::text::inert_line(&ids.join(", ")),
                );
                ExitCode::from(1)
            }
            Err(e) => {
                eprintln!("scrutiny: {e}");
                ExitCode::from(2)
            }
        },
        Some(Command::Import {
            text,
            output,
            id,
            title,
            published,
            force,
        }) => {
            let options = scrutiny::import::Options {
                id,
                title,
                published,
                force,
            };
            match scrutiny::import::run(&text, output.as_deref(), &options) {
                Ok(report) => {
                    eprint!("{report}");
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("{e}");
                    ExitCode::from(1)
                }
            }
        }
        Some(Command::Keys) => match session::keymap(cli.config.as_deref()) {
            Ok(keys) => {
                print!("{}", keys.describe());
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("{e}");
                ExitCode::from(1)
            }
        },
        None => session::main(Options {
            files: cli.files,
            review: cli.review,
            reviewer: cli.reviewer,
            config: cli.config,
            mouse: !cli.no_mouse,
        }),
    }
}
