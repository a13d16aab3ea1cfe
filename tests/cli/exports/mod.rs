//! What a review is for, checked end to end: the exports (Markdown draft
//! response, CSV, JSON) against golden files, the response deadline, the
//! tracker workbook (xlsx), and the
//! `scrutiny summary` and `scrutiny export` commands.
//!
//! The golden files in `tests/golden/` are the exports of
//! `data/prevent-2020.yaml` with `tests/fixtures/prevent-2020.review.yaml`,
//! the Markdown as of 1 April 2020. To regenerate them after a deliberate
//! change, run `UPDATE_GOLDEN=1 cargo test --test cli exports::`, then read
//! the diff before committing it.

mod commands;
mod documents;
mod hostile;
mod response;
mod xlsx;

use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use jiff::civil::{Date, date};
use scrutiny::export::{self, summarise};
use scrutiny::files::workspace::{Pair, load_pair};
use scrutiny::model::deadline::{days_left, days_words, long_date};
use scrutiny::{
    files::{load_inspection, to_yaml},
    model::{Meta, Review, Stamp, Status},
};
use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::common::TempDir;

// ---------------------------------------------------------------- helpers

const EXAMPLE: &str = "data/prevent-2020.yaml";
const FIXTURE: &str = "tests/fixtures/prevent-2020.review.yaml";
const EXAMPLE_ID: &str = "hmicfrs-2020-prevent";

/// The day the Markdown golden file is written as of: 32 days before the
/// response deadline of 3 May 2020.
const TODAY: Date = date(2020, 4, 1);

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn example_path() -> PathBuf {
    root().join(EXAMPLE)
}

fn fixture_path() -> PathBuf {
    root().join(FIXTURE)
}

/// The example with the fixture review, as the commands load them.
fn pair() -> Pair {
    load_pair(&example_path(), Some(&fixture_path()))
        .expect("the example and the fixture review load")
}

fn markdown(pair: &Pair) -> String {
    export::markdown(&pair.inspection, &pair.review, TODAY)
}

fn csv_text(pair: &Pair) -> String {
    export::csv(&pair.inspection, &pair.review).expect("the CSV export is written")
}

fn json_text(pair: &Pair) -> String {
    export::json(&pair.inspection, &pair.review)
}

fn golden_path(name: &str) -> PathBuf {
    root().join("tests/golden").join(name)
}

/// Compare `actual` with `tests/golden/NAME`, or write it there when
/// `UPDATE_GOLDEN=1`.
fn golden(name: &str, actual: &str) {
    let path = golden_path(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v == "1") {
        fs::create_dir_all(path.parent().expect("tests/golden has a parent"))
            .expect("create tests/golden");
        fs::write(&path, actual).expect("write the golden file");
        return;
    }
    let expected = fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; run `UPDATE_GOLDEN=1 cargo test --test cli exports::` to create it",
            path.display()
        )
    });
    if expected == actual {
        return;
    }
    let first_difference = expected
        .lines()
        .map(Some)
        .chain(std::iter::repeat(None))
        .zip(actual.lines().map(Some).chain(std::iter::repeat(None)))
        .take(expected.lines().count().max(actual.lines().count()))
        .enumerate()
        .find(|(_, (a, b))| a != b);
    let hint = "If the change is deliberate, run `UPDATE_GOLDEN=1 cargo test --test cli exports::` and read the diff.";
    match first_difference {
        Some((i, (want, got))) => panic!(
            "{} differs from the export at line {}:\n  golden: {want:?}\n  export: {got:?}\n{hint}",
            path.display(),
            i + 1
        ),
        None => panic!(
            "{} differs from the export only in line endings or the final newline.\n{hint}",
            path.display()
        ),
    }
}

/// Run the scrutiny binary in `dir`.
fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_scrutiny"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        // What scrutiny wrote is remembered here, not in the user's own.
        .env(
            "XDG_STATE_HOME",
            std::env::temp_dir().join("scrutiny-cli-tests-state"),
        )
        .output()
        .expect("run the scrutiny binary")
}

/// Run the scrutiny binary in the crate's root, so `data/...` paths work.
fn run(args: &[&str]) -> Output {
    run_in(root(), args)
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).expect("stderr is UTF-8")
}

fn code(out: &Output) -> i32 {
    out.status.code().expect("the process exited, not killed")
}

/// The section of a Markdown document under the heading for `id` (`### R1.
/// Title`, `#### F4. Title` or `### R9` for an orphan), up to the next heading.
fn section<'a>(md: &'a str, id: &str) -> &'a str {
    let mut start = None;
    let mut offset = 0;
    for line in md.split_inclusive('\n') {
        let is_heading = line.starts_with('#');
        if let Some(from) = start {
            if is_heading {
                return &md[from..offset];
            }
        } else if is_heading {
            let text = line.trim_start_matches('#').trim();
            if text == id || text.starts_with(&format!("{id}. ")) {
                start = Some(offset);
            }
        }
        offset += line.len();
    }
    let from = start.unwrap_or_else(|| panic!("no heading for {id} in the Markdown:\n{md}"));
    &md[from..]
}

/// A JSON value that remembers the order of its keys, to check the export's
/// documented key order (`serde_json::Value` sorts keys).
#[derive(Debug, Clone, PartialEq)]
enum Ordered {
    Null,
    Bool(bool),
    Number(f64),
    Str(String),
    List(Vec<Ordered>),
    Object(Vec<(String, Ordered)>),
}

impl Ordered {
    fn keys(&self) -> Vec<&str> {
        match self {
            Ordered::Object(fields) => fields.iter().map(|(k, _)| k.as_str()).collect(),
            other => panic!("expected an object, got {other:?}"),
        }
    }

    fn get(&self, key: &str) -> &Ordered {
        match self {
            Ordered::Object(fields) => fields
                .iter()
                .find_map(|(k, v)| (k == key).then_some(v))
                .unwrap_or_else(|| panic!("no key {key:?} in {self:?}")),
            other => panic!("expected an object, got {other:?}"),
        }
    }

    fn list(&self) -> &[Ordered] {
        match self {
            Ordered::List(items) => items,
            other => panic!("expected a list, got {other:?}"),
        }
    }
}

impl<'de> Deserialize<'de> for Ordered {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct OrderedVisitor;

        impl<'de> Visitor<'de> for OrderedVisitor {
            type Value = Ordered;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any JSON value")
            }

            fn visit_unit<E>(self) -> Result<Ordered, E> {
                Ok(Ordered::Null)
            }

            fn visit_bool<E>(self, v: bool) -> Result<Ordered, E> {
                Ok(Ordered::Bool(v))
            }

            #[expect(clippy::cast_precision_loss, reason = "test values are small")]
            fn visit_i64<E>(self, v: i64) -> Result<Ordered, E> {
                Ok(Ordered::Number(v as f64))
            }

            #[expect(clippy::cast_precision_loss, reason = "test values are small")]
            fn visit_u64<E>(self, v: u64) -> Result<Ordered, E> {
                Ok(Ordered::Number(v as f64))
            }

            fn visit_f64<E>(self, v: f64) -> Result<Ordered, E> {
                Ok(Ordered::Number(v))
            }

            fn visit_str<E>(self, v: &str) -> Result<Ordered, E> {
                Ok(Ordered::Str(v.to_owned()))
            }

            fn visit_string<E>(self, v: String) -> Result<Ordered, E> {
                Ok(Ordered::Str(v))
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Ordered, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Ordered::List(items))
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Ordered, A::Error> {
                let mut fields = Vec::new();
                while let Some((key, value)) = map.next_entry::<String, Ordered>()? {
                    fields.push((key, value));
                }
                Ok(Ordered::Object(fields))
            }
        }

        deserializer.deserialize_any(OrderedVisitor)
    }
}

fn stamp() -> Stamp {
    Stamp {
        at: "2020-03-20T09:00:00Z".parse().expect("a valid timestamp"),
        by: "tester".into(),
    }
}

fn meta(published: Date, days: u32) -> Meta {
    Meta {
        id: "x".into(),
        title: "x".into(),
        inspectorate: None,
        published: Some(published),
        response_due_days: days,
        fieldwork: None,
        scope: None,
        url: None,
        summary: None,
    }
}

/// A small inspection with what the example lacks: a recommendation with
/// bodies and a due date, an area for improvement, findings without a theme
/// and with a grade.
const SMALL: &str = "\
version: 1
inspection:
  id: small-2021
  title: A small inspection
  inspectorate: HMICFRS
  published: 2021-01-31
findings:
  - id: F1
    title: Something seen
    grade: requires improvement
  - id: F2
    title: Something else seen
    theme: Call handling
recommendations:
  - id: R1
    title: Do something
    directed_to: [Chief constables, College of Policing]
    due: 2021-06-30
areas_for_improvement:
  - id: A1
    title: Do something lighter
";
