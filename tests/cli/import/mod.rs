//! `scrutiny import`: report texts in the shapes people paste (Markdown from a
//! web page, plain text from a PDF, numbered and bulleted entries, causes of
//! concern, dates in words) turned into inspection files.
//!
//! Each fixture in `tests/import/` has its expected inspection beside it
//! (`NAME.yaml` for `NAME.md` or `NAME.txt`). To regenerate them after a
//! deliberate change, run `UPDATE_GOLDEN=1 cargo test --test cli import::`,
//! then read the diff: every line is what a reviewer will see. (A golden whose
//! test is ignored for a known bug holds the right output, written by hand;
//! do not regenerate it with `--ignored` until the bug is fixed.)
//!
//! `corpus` scores the importer on the report texts in `tests/import/corpus/`.
//!
//! Tests marked `#[ignore = "bug: ..."]` state the behaviour the issue asks
//! for and fail today; run them with
//! `cargo test --test cli import:: -- --ignored`.

mod command;
mod corpus;
mod edge;
mod formats;
mod read;
mod robust;

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use jiff::civil::date;
use scrutiny::cli::import::{self, Options};
use scrutiny::import::{Import, read, title_of};

use crate::common::{Session, TempDir};
use scrutiny::{
    files::load_inspection,
    model::{Inspection, Kind},
};

// ---------------------------------------------------------------- helpers

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn fixture(name: &str) -> PathBuf {
    root().join("tests/import").join(name)
}

/// The fixtures with a golden file, and the publication date each is
/// imported with.
const FIXTURES: [(&str, Option<&str>); 6] = [
    ("markdown-headings.md", None),
    ("pdf-plain.txt", None),
    ("numbered-bulleted.txt", None),
    ("cause-of-concern.txt", None),
    ("cause-of-concern-heading.txt", None),
    ("dates-in-words.txt", Some("2020-11-04")),
];

fn fixture_text(name: &str) -> String {
    fs::read_to_string(fixture(name)).expect("read")
}

fn example_text() -> PathBuf {
    root().join("data/prevent-2020.txt")
}

fn options(published: Option<&str>) -> Options {
    Options {
        id: None,
        title: None,
        published: published.map(str::to_owned),
        force: false,
    }
}

/// Run the real binary.
fn scrutiny(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_scrutiny"))
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("run scrutiny")
}

/// `scrutiny import TEXT -o OUT`, then `more` arguments, run in `cwd`.
fn import_to(text: &Path, out: &Path, more: &[&str], cwd: &Path) -> Output {
    let mut args = vec!["import", path_str(text), "-o", path_str(out)];
    args.extend_from_slice(more);
    scrutiny(&args, cwd)
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn path_str(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 path")
}

/// `scrutiny check FILE` must pass, and the loader must take the bytes.
fn assert_valid(path: &Path) -> Inspection {
    let out = scrutiny(&["check", path_str(path)], root());
    assert!(
        out.status.success(),
        "scrutiny check {} failed:\n{}{}",
        path.display(),
        stdout(&out),
        stderr(&out)
    );
    assert!(stdout(&out).contains(": ok: "), "{}", stdout(&out));
    let bytes = fs::read(path).expect("read the imported file");
    load_inspection(&bytes).unwrap_or_else(|d| {
        panic!(
            "{} does not load:\n{}",
            path.display(),
            d.render(&path.display().to_string())
        )
    })
}

/// Import `text_file` with the library to a temp file; the YAML and report.
fn import_to_string(text_file: &Path, options: &Options) -> (String, String) {
    let dir = TempDir::new("run");
    let out = dir.path().join("out.yaml");
    let report = import::run(text_file, Some(&out), options)
        .unwrap_or_else(|e| panic!("import of {} failed: {e}", text_file.display()));
    assert_valid(&out);
    (
        fs::read_to_string(&out).expect("read the imported file"),
        report,
    )
}

/// Compare `actual` with the golden file, or write it when `UPDATE_GOLDEN=1`.
fn golden(path: &Path, actual: &str) {
    if std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v == "1") {
        fs::write(path, actual).expect("write the golden file");
        return;
    }
    let expected = fs::read_to_string(path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; run `UPDATE_GOLDEN=1 cargo test --test cli import::` to create it",
            path.display()
        )
    });
    if expected == actual {
        return;
    }
    let hint = "If the change is deliberate, run `UPDATE_GOLDEN=1 cargo test --test cli import::` and read the diff.";
    let lines = expected.lines().count().max(actual.lines().count());
    let first = (0..lines).find(|&i| expected.lines().nth(i) != actual.lines().nth(i));
    match first {
        Some(i) => panic!(
            "{} differs from the import at line {}:\n  golden: {:?}\n  import: {:?}\n{hint}\n--- the import:\n{actual}",
            path.display(),
            i + 1,
            expected.lines().nth(i),
            actual.lines().nth(i),
        ),
        None => panic!(
            "{} differs from the import only in the final newline.\n{hint}",
            path.display()
        ),
    }
}

/// Import a fixture, compare it with its golden YAML, and check that the
/// report says `said`.
fn golden_case(name: &str, published: Option<&str>, said: &str) {
    let text = fixture(name);
    let stem = Path::new(name)
        .file_stem()
        .and_then(|s| s.to_str())
        .expect("a fixture name");
    let (yaml, report) = import_to_string(&text, &options(published));
    golden(&fixture(&format!("{stem}.yaml")), &yaml);
    assert!(report.contains(said), "{report}");
}

fn ids(import: &Import) -> Vec<&str> {
    import.entries.iter().map(|e| e.id.as_str()).collect()
}

fn items(inspection: &Inspection, kind: Kind) -> Vec<&scrutiny::model::Item> {
    inspection
        .items
        .iter()
        .filter(|item| item.kind == kind)
        .collect()
}
