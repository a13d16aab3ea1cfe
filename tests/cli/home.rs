//! The command line as a newcomer meets it: every argument described, each
//! option only where it acts, one style for errors, one table of exit
//! codes, `-o` never writing over a file unasked, completions and the
//! manual naming every command, `scrutiny init`, and the reviewer's name.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use crate::common::TempDir;

fn run_in(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_scrutiny"));
    command
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("XDG_STATE_HOME", dir.join(".state"))
        .env("XDG_CACHE_HOME", dir.join(".cache"))
        .env_remove("SCRUTINY_REVIEWER");
    for (key, value) in env {
        command.env(key, value);
    }
    command.output().expect("run the scrutiny binary")
}

/// `git -C dir ARGS`, as the user would run it.
fn git_in(dir: &Path, args: &[&str]) -> Output {
    Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .expect("git")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8")
}

fn code(out: &Output) -> i32 {
    out.status.code().expect("exited")
}

fn commands() -> Vec<String> {
    scrutiny::cli::command()
        .get_subcommands()
        .map(|c| c.get_name().to_owned())
        .collect()
}

#[test]
fn every_argument_of_every_command_is_described() {
    let top = scrutiny::cli::command();
    let mut missing = Vec::new();
    let mut check = |command: &clap::Command, path: &str| {
        if command.get_about().is_none() && !path.is_empty() {
            missing.push(format!("{path}: the command itself"));
        }
        for arg in command.get_arguments() {
            let id = arg.get_id().as_str();
            if id == "help" || id == "version" {
                continue;
            }
            if arg.get_help().is_none() && arg.get_long_help().is_none() {
                missing.push(format!("{path} {id}"));
            }
        }
    };
    check(&top, "");
    for sub in top.get_subcommands() {
        check(sub, sub.get_name());
    }
    assert!(missing.is_empty(), "no description: {missing:?}");
}

#[test]
fn the_keys_file_is_offered_only_where_keys_are_used() {
    let top = scrutiny::cli::command();
    let takes = |c: &clap::Command| c.get_arguments().any(|a| a.get_id() == "config");
    assert!(takes(&top));
    let with: Vec<&str> = top
        .get_subcommands()
        .filter(|c| takes(c))
        .map(clap::Command::get_name)
        .collect();
    assert_eq!(with, ["keys", "import", "merge"]);
    let dir = TempDir::new("home-config");
    let out = run_in(dir.path(), &["summary", "--config", "x.toml", "."], &[]);
    assert_eq!(code(&out), 2, "a usage error");
}

#[test]
fn errors_are_in_one_style_and_usage_is_two() {
    let dir = TempDir::new("home-errors");
    // A usage error, from clap.
    let out = run_in(dir.path(), &["export", "--no-such-flag"], &[]);
    assert_eq!(code(&out), 2);
    assert!(
        text(&out.stderr).starts_with("scrutiny: "),
        "{}",
        text(&out.stderr)
    );
    // A file that is not there, in each command that reads one.
    for args in [
        &["missing.yaml"][..],
        &["export", "missing.yaml", "--format", "csv"],
        &["import", "missing.txt", "--yes"],
    ] {
        let out = run_in(dir.path(), args, &[]);
        let said = text(&out.stderr) + &text(&out.stdout);
        assert_eq!(code(&out), 1, "{args:?}: {said}");
        assert!(said.starts_with("scrutiny: missing."), "{args:?}: {said}");
    }
    // The reports of `check` and `summary` go to standard output and name
    // each file's problems as editors read them, FILE:LINE:COLUMN first.
    for args in [&["check", "missing.yaml"][..], &["summary", "missing.yaml"]] {
        let out = run_in(dir.path(), args, &[]);
        assert_eq!(code(&out), 1, "{args:?}");
        assert!(text(&out.stdout).starts_with("missing.yaml: "), "{args:?}");
    }
    let help = text(&run_in(dir.path(), &["--help"], &[]).stdout);
    assert!(
        help.contains("Exit codes: 0 all well; 1 a problem found"),
        "{help}"
    );
    for sub in commands() {
        let help = text(&run_in(dir.path(), &[&sub, "--help"], &[]).stdout);
        assert!(help.contains("Exit codes:"), "{sub}: {help}");
    }
}

#[test]
fn no_output_is_written_over_without_force() {
    let dir = TempDir::new("home-force");
    let inspection = dir.with_example();
    let name = inspection.to_str().expect("UTF-8");
    for (args, file) in [
        (vec!["export", name, "--format", "csv", "-o"], "out.csv"),
        (vec!["export", name, "--format", "xlsx", "-o"], "out.xlsx"),
        (
            vec![
                "changes",
                name,
                "--since",
                "2020-01-01",
                "--format",
                "xlsx",
                "-o",
            ],
            "pack.xlsx",
        ),
    ] {
        let target = dir.join(file);
        fs::write(&target, "mine\n").expect("a file there");
        let mut args = args.clone();
        let target_name = target.to_str().expect("UTF-8");
        args.push(target_name);
        let out = run_in(dir.path(), &args, &[]);
        assert_eq!(code(&out), 1, "{args:?}");
        assert_eq!(
            text(&out.stderr),
            format!("scrutiny: {target_name}: exists; pass --force to write over it\n")
        );
        assert_eq!(fs::read_to_string(&target).expect("kept"), "mine\n");
        args.push("--force");
        let out = run_in(dir.path(), &args, &[]);
        assert_eq!(code(&out), 0, "{args:?}: {}", text(&out.stderr));
        assert_ne!(fs::read(&target).expect("written"), b"mine\n");
    }
}

#[test]
fn completions_and_the_manual_name_every_command() {
    let dir = TempDir::new("home-shell");
    let subs = commands();
    for expected in ["init", "merge-copies", "completions", "man", "export"] {
        assert!(subs.iter().any(|s| s == expected), "{expected}: {subs:?}");
    }
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let out = run_in(dir.path(), &["completions", shell], &[]);
        assert_eq!(code(&out), 0, "{shell}");
        let script = text(&out.stdout);
        for sub in &subs {
            assert!(script.contains(sub.as_str()), "{shell} lacks {sub}");
        }
        assert!(script.contains("reviewer"), "{shell}");
    }
    let page = text(&run_in(dir.path(), &["man"], &[]).stdout);
    assert!(
        page.starts_with(".ie") || page.contains(".TH scrutiny 1"),
        "{page}"
    );
    for sub in &subs {
        assert!(
            page.contains(&format!("scrutiny\\-{}", sub.replace('-', "\\-")))
                || page.contains(sub.as_str()),
            "the page lacks {sub}"
        );
    }
    let pages = dir.join("man");
    fs::create_dir(&pages).expect("dir");
    let out = run_in(dir.path(), &["man", "-o", "man"], &[]);
    assert_eq!(code(&out), 0, "{}", text(&out.stderr));
    for sub in &subs {
        let one = fs::read_to_string(pages.join(format!("scrutiny-{sub}.1"))).expect("a page");
        assert!(one.contains(".TH"), "{sub}");
    }
    let again = run_in(dir.path(), &["man", "-o", "man"], &[]);
    assert_eq!(code(&again), 1, "not written over without --force");
    assert_eq!(
        code(&run_in(dir.path(), &["man", "-o", "man", "--force"], &[])),
        0
    );
}

#[test]
fn init_writes_attributes_and_ignores_once_and_asks_before_git_config() {
    let dir = TempDir::new("home-init");
    let git = |args: &[&str]| git_in(dir.path(), args);
    assert!(git(&["init", "-q"]).status.success());
    fs::write(dir.join(".gitignore"), "target/\n").expect("an ignore file of theirs");
    // Not on a terminal and no --yes: git config is not touched, and the
    // lines to run are shown.
    let out = run_in(dir.path(), &["init"], &[]);
    assert_eq!(code(&out), 0, "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("git config --local merge.scrutiny.driver"));
    assert!(
        !git(&["config", "--local", "--get", "merge.scrutiny.driver"])
            .status
            .success()
    );
    let attributes = fs::read_to_string(dir.join(".gitattributes")).expect("written");
    assert!(
        attributes.contains("*.review.yaml merge=scrutiny"),
        "{attributes}"
    );
    let ignore = fs::read_to_string(dir.join(".gitignore")).expect("kept");
    assert!(ignore.starts_with("target/\n"), "{ignore}");
    assert!(ignore.contains(".*.review.yaml.lock"), "{ignore}");
    // With --yes, the driver goes in the repository's own config.
    let out = run_in(dir.path(), &["init", "--yes"], &[]);
    assert_eq!(code(&out), 0, "{}", text(&out.stderr));
    let driver = git(&["config", "--local", "--get", "merge.scrutiny.driver"]);
    assert_eq!(text(&driver.stdout).trim(), "scrutiny merge %O %A %B %P");
    assert_eq!(
        fs::read_to_string(dir.join(".gitignore")).expect("again"),
        ignore,
        "run again, nothing added"
    );
    // Git now ignores the lock and merges reviews with scrutiny.
    let check = git(&["check-attr", "merge", "data.review.yaml"]);
    assert!(
        text(&check.stdout).contains("merge: scrutiny"),
        "{}",
        text(&check.stdout)
    );
    let ignored = git(&["check-ignore", ".data.review.yaml.lock"]);
    assert!(ignored.status.success());
}

#[test]
fn the_reviewer_is_named_by_flag_then_git_in_the_reviews_repository() {
    use scrutiny::files::reviewer::{Source, find};
    let dir = TempDir::new("home-reviewer");
    let git = |args: &[&str]| git_in(dir.path(), args);
    assert!(git(&["init", "-q"]).status.success());
    assert!(
        git(&["config", "user.name", "Grace Hopper"])
            .status
            .success()
    );
    let flagged = find(Some(" Ada  King "), dir.path());
    assert_eq!(
        (flagged.name.as_str(), flagged.from),
        ("Ada King", Source::Flag)
    );
    // SCRUTINY_REVIEWER comes before git (the end-to-end tests set it);
    // where the tests run without it, git's name for this repository.
    if std::env::var_os("SCRUTINY_REVIEWER").is_none() {
        let here = find(None, dir.path());
        assert_eq!(
            (here.name.as_str(), here.from),
            ("Grace Hopper", Source::Git)
        );
    }
}

#[test]
fn documents_go_where_the_user_says() {
    use scrutiny::tui::action::Document;
    use scrutiny::tui::session::{Options, open};
    let dir = TempDir::new("home-documents");
    let inspection = dir.with_example();
    let out = dir.join("out");
    let options = |documents: Option<std::path::PathBuf>| Options {
        files: vec![inspection.clone()],
        review: None,
        reviewer: Some("tester".into()),
        config: None,
        mouse: false,
        fresh: false,
        register: false,
        documents,
        ascii: None,
    };
    let beside = open(options(None)).expect("opens");
    assert_eq!(
        beside.document_path(Document::Response),
        dir.join("prevent-2020.response.md")
    );
    let there = open(options(Some(out.clone()))).expect("opens");
    assert_eq!(
        there.document_path(Document::Response),
        out.join("prevent-2020.response.md")
    );
    assert_eq!(
        there.document_path(Document::Word),
        out.join("prevent-2020.response.docx")
    );
    assert_eq!(
        there.document_path(Document::WorkingDraft),
        out.join("prevent-2020.draft.md")
    );
}

/// A review file of the example holding these items, each set by `by` at
/// `at` (seconds into 2026-11-30), with its history.
fn review_text(items: &[(&str, &str, &str, &str, u32)]) -> String {
    let mut text = String::from("version: 1\ninspection: hmicfrs-2020-prevent\nitems:\n");
    for (id, status, note, by, at) in items {
        let _ = write!(
            text,
            "  {id}:\n    status: {status}\n    note: {note}\n    history:\n      - at: 2026-11-30T10:{:02}:{:02}Z\n        by: {by}\n        status: {status}\n        note: {note}\n",
            at / 60,
            at % 60
        );
    }
    text
}

#[test]
fn a_onedrive_conflict_copy_is_merged_in_and_kept_aside() {
    let dir = TempDir::new("home-copies");
    let inspection = dir.with_example();
    let review = dir.join("prevent-2020.review.yaml");
    fs::write(
        &review,
        review_text(&[("F1", "accepted", "desk", "ann", 1)]),
    )
    .expect("ours");
    // The laptop's version: F1 as it was, and F2 changed there.
    let copy = dir.join("prevent-2020-LAPTOP-7QX2.review.yaml");
    fs::write(
        &copy,
        review_text(&[
            ("F1", "accepted", "desk", "ann", 1),
            ("F2", "complete", "laptop", "bob", 2),
        ]),
    )
    .expect("the copy");
    // The folder's inspections do not take the copy for one.
    let summary = run_in(dir.path(), &["summary", "."], &[]);
    assert_eq!(code(&summary), 0, "{}", text(&summary.stderr));
    let dry = run_in(dir.path(), &["merge-copies", ".", "--dry-run"], &[]);
    assert_eq!(code(&dry), 0, "{}", text(&dry.stderr));
    assert!(
        text(&dry.stdout)
            .contains("would merge prevent-2020-LAPTOP-7QX2.review.yaml (OneDrive): 1 item taken"),
        "{}",
        text(&dry.stdout)
    );
    assert!(copy.exists(), "a dry run moves nothing");
    let out = run_in(dir.path(), &["merge-copies", "."], &[]);
    assert_eq!(code(&out), 0, "{}", text(&out.stderr));
    let merged = fs::read_to_string(&review).expect("the review");
    assert!(
        merged.contains("note: desk") && merged.contains("note: laptop"),
        "{merged}"
    );
    assert!(!copy.exists(), "moved aside");
    let kept: Vec<String> = dir
        .names()
        .into_iter()
        .filter(|n| n.starts_with("prevent-2020-LAPTOP-7QX2.review.yaml.merged-"))
        .collect();
    assert_eq!(kept.len(), 1, "{:?}", dir.names());
    assert!(
        text(&out.stdout).contains("kept as"),
        "{}",
        text(&out.stdout)
    );
    // A clash: both changed F1 since; ours stands, theirs is held, exit 1.
    fs::write(
        dir.join("prevent-2020 (conflicted copy 2026-12-01).review.yaml"),
        review_text(&[("F1", "not-accepted", "other desk", "cy", 9)]),
    )
    .expect("a Dropbox copy");
    let clash = run_in(dir.path(), &["merge-copies", "."], &[]);
    assert_eq!(code(&clash), 1, "{}", text(&clash.stdout));
    assert!(
        text(&clash.stdout).contains("changed on both sides: F1"),
        "{}",
        text(&clash.stdout)
    );
    let after = fs::read_to_string(&review).expect("the review");
    assert!(
        after.contains("conflict:") && after.contains("other desk"),
        "{after}"
    );
    // A copy known by its content alone: a review of this inspection named
    // for no inspection file.
    fs::write(
        dir.join("prevent-2020-from-anns-laptop.review.yaml"),
        review_text(&[("F5", "accepted", "by content", "ann", 20)]),
    )
    .expect("an orphan");
    let out = run_in(dir.path(), &["merge-copies", "."], &[]);
    assert!(
        text(&out.stdout)
            .contains("merged prevent-2020-from-anns-laptop.review.yaml: 1 item taken"),
        "{}",
        text(&out.stdout)
    );
    assert!(
        fs::read_to_string(&review)
            .expect("the review")
            .contains("by content")
    );
    let _ = inspection;
}

#[test]
fn two_reviewers_files_merge_in_git_without_a_conflict_and_are_read_as_one() {
    let dir = TempDir::new("home-reviewers");
    let git = |args: &[&str]| {
        let mut all = vec!["-c", "user.name=T", "-c", "user.email=t@example.org"];
        all.extend_from_slice(args);
        let out = git_in(dir.path(), &all);
        assert!(out.status.success(), "git {args:?}: {}", text(&out.stderr));
    };
    git(&["init", "-q", "-b", "main"]);
    dir.with_example();
    fs::create_dir(dir.join("prevent-2020.reviews")).expect("the folder");
    fs::write(dir.join("prevent-2020.reviews/.keep"), "").expect("kept in git");
    git(&["add", "-A"]);
    git(&["commit", "-q", "-m", "the report"]);
    // Each reviewer on a branch of their own, as pull requests are.
    git(&["checkout", "-q", "-b", "alice"]);
    fs::write(
        dir.join("prevent-2020.reviews/alice.yaml"),
        review_text(&[
            ("F1", "accepted", "alice's", "alice", 1),
            ("R1", "complete", "done", "alice", 2),
        ]),
    )
    .expect("alice");
    git(&["add", "-A"]);
    git(&["commit", "-q", "-m", "alice"]);
    git(&["checkout", "-q", "main"]);
    git(&["checkout", "-q", "-b", "bob"]);
    fs::write(
        dir.join("prevent-2020.reviews/bob.yaml"),
        review_text(&[
            ("F3", "in-progress", "bob's", "bob", 3),
            ("F2", "accepted", "fine", "bob", 4),
        ]),
    )
    .expect("bob");
    git(&["add", "-A"]);
    git(&["commit", "-q", "-m", "bob"]);
    git(&["checkout", "-q", "main"]);
    // Merged as a web merge would: no driver, and no conflict.
    git(&[
        "merge",
        "-q",
        "--no-ff",
        "-m",
        "alice's pull request",
        "alice",
    ]);
    git(&["merge", "-q", "--no-ff", "-m", "bob's pull request", "bob"]);
    // Read as alice: her file with bob's merged in.
    let out = run_in(
        dir.path(),
        &[
            "export",
            "prevent-2020.yaml",
            "--format",
            "json",
            "--review",
            "prevent-2020.reviews/alice.yaml",
        ],
        &[],
    );
    assert_eq!(code(&out), 0, "{}", text(&out.stderr));
    let json = text(&out.stdout);
    for want in ["alice's", "bob's", "done", "fine"] {
        assert!(json.contains(want), "{want}: {json}");
    }
    // Without --review, SCRUTINY_REVIEWER names whose file is yours.
    let summary = run_in(
        dir.path(),
        &["summary", "prevent-2020.yaml"],
        &[("SCRUTINY_REVIEWER", "Bob")],
    );
    assert!(
        text(&summary.stdout).contains("reviewed 4 of 25"),
        "{}",
        text(&summary.stdout)
    );
}
