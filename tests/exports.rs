//! What a review is for, checked end to end: the exports (Markdown draft
//! response, CSV, JSON) against golden files, the response deadline, and the
//! `scrutiny summary` and `scrutiny export` commands.
//!
//! The golden files in `tests/golden/` are the exports of
//! `data/prevent-2020.yaml` with `tests/fixtures/prevent-2020.review.yaml`,
//! the Markdown as of 1 April 2020. To regenerate them after a deliberate
//! change, run `UPDATE_GOLDEN=1 cargo test --test exports`, then read the
//! diff before committing it.

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

mod common;

use common::TempDir;

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
            "{}: {e}; run `UPDATE_GOLDEN=1 cargo test --test exports` to create it",
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
    let hint = "If the change is deliberate, run `UPDATE_GOLDEN=1 cargo test --test exports` and read the diff.";
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

// ------------------------------------------------------------ the fixture

#[test]
fn the_fixture_review_loads_and_is_as_scrutiny_would_write_it() {
    let pair = pair();
    assert_eq!(pair.review.inspection, EXAMPLE_ID);
    assert_eq!(
        pair.review.file_order,
        ["F4", "S1", "R1", "R2", "R8", "R9"],
        "the fixture's entries, in file order"
    );
    assert!(pair.inspection.get("R9").is_none(), "R9 is the orphan");
    let bytes = fs::read_to_string(fixture_path()).expect("read the fixture");
    assert_eq!(
        to_yaml(&pair.review, &pair.inspection),
        bytes,
        "the fixture is tidy: saving it unchanged rewrites no byte"
    );
}

// ------------------------------------------------------------ golden files

#[test]
fn markdown_matches_the_golden_file() {
    golden("prevent-2020.md", &markdown(&pair()));
}

#[test]
fn csv_matches_the_golden_file() {
    golden("prevent-2020.csv", &csv_text(&pair()));
}

#[test]
fn json_matches_the_golden_file() {
    golden("prevent-2020.json", &json_text(&pair()));
}

// ---------------------------------------------------------------- markdown

#[test]
fn markdown_heads_the_document_with_the_report_and_its_deadline() {
    let md = markdown(&pair());
    let mut lines = md.lines();
    assert_eq!(
        lines.next(),
        Some(
            "# Response to the inspection report: Counter-terrorism policing – an inspection \
             of the police's contribution to the government's Prevent programme"
        )
    );
    assert!(md.contains("- **Inspectorate:** HMICFRS"), "{md}");
    assert!(md.contains("- **Published:** 9 March 2020"), "{md}");
    assert!(
        md.contains("- **Response due:** 3 May 2020 (56 days from publication, the publication day counted; 32 days left as of 1 April 2020)"),
        "{md}"
    );
    let overdue = export::markdown(&pair().inspection, &pair().review, date(2020, 5, 4));
    assert!(
        overdue.contains("1 day overdue as of 4 May 2020"),
        "{overdue}"
    );
    let on_the_day = export::markdown(&pair().inspection, &pair().review, date(2020, 5, 3));
    assert!(
        on_the_day.contains("due today as of 3 May 2020"),
        "{on_the_day}"
    );
}

#[test]
fn markdown_leaves_out_nothing_the_reviewer_wrote() {
    let pair = pair();
    let md = markdown(&pair);
    for id in &pair.review.file_order {
        let entry = pair
            .review
            .entry(id)
            .expect("an entry for each id in the file");
        let part = section(&md, id);
        let note = entry
            .note
            .as_deref()
            .expect("every fixture entry has a note");
        for line in note.lines() {
            assert!(
                part.contains(line),
                "{id}: the note line {line:?} is missing from its section:\n{part}"
            );
        }
        if let Some(owner) = &entry.owner {
            assert!(
                part.contains(&format!("- **Owner:** {owner}")),
                "{id}: the owner {owner:?} is missing from its section:\n{part}"
            );
        }
        assert!(
            part.contains(&format!("- **Status:** {}", entry.status.label())),
            "{id}: the status in words is missing:\n{part}"
        );
    }
    // The orphan is kept, under its own heading, after everything else.
    let orphans = md
        .find("## Review entries for items no longer in the report")
        .expect("an orphans section");
    assert!(md.find("### R9").expect("the orphan's heading") > orphans);
}

#[test]
fn markdown_names_every_recommendation_and_those_still_needing_a_response() {
    let pair = pair();
    let md = markdown(&pair);
    let recommendations: Vec<&str> = pair
        .inspection
        .items
        .iter()
        .filter(|i| i.kind == scrutiny::model::Kind::Recommendation)
        .map(|i| i.id.as_str())
        .collect();
    assert_eq!(recommendations.len(), 8);
    let missing: Vec<&str> = recommendations
        .iter()
        .copied()
        .filter(|id| {
            pair.review
                .entry(id)
                .and_then(|e| e.note.as_deref())
                .is_none_or(|n| n.trim().is_empty())
        })
        .collect();
    assert_eq!(missing, ["R3", "R4", "R5", "R6", "R7"]);
    let count_line = format!(
        "**{} of 8 recommendations still need a response:** {}.",
        missing.len(),
        missing.join(", ")
    );
    assert!(md.contains(&count_line), "expected {count_line:?} in\n{md}");
    for id in &recommendations {
        let part = section(&md, id);
        assert_eq!(
            part.contains("**Response needed:**"),
            missing.contains(id),
            "{id}: flagged \"Response needed\" exactly when it has no note:\n{part}"
        );
        // A note is the account of action, or for a recommendation not
        // accepted or not applicable, of why there is none.
        let account = part.contains("**Action taken or proposed:**")
            || part.contains("**Why no action is taken:**");
        assert_eq!(
            account,
            !missing.contains(id),
            "{id}: its note is given as the account of action:\n{part}"
        );
    }
    // Recommendations first, then strengths, then findings, then orphans.
    let at = |heading: &str| md.find(heading).unwrap_or_else(|| panic!("no {heading:?}"));
    assert!(at("## Recommendations") < at("## Strengths"));
    assert!(at("## Strengths") < at("## Findings"));
    assert!(at("## Findings") < at("## Review entries"));
    assert!(
        !md.contains("## Areas for improvement"),
        "no empty AFI section"
    );
}

#[test]
fn markdown_shows_bodies_due_dates_grades_and_areas_for_improvement() {
    let inspection = load_inspection(SMALL.as_bytes()).expect("the small inspection loads");
    let mut review = Review::new("small-2021");
    // Findings nobody has touched are only named; this one is reviewed, so
    // it has its own section with the report's grade.
    review.set_status("F1", Status::Accepted, &stamp());
    let md = export::markdown(&inspection, &review, date(2021, 3, 1));
    let r1 = section(&md, "R1");
    assert!(
        r1.contains("- **Directed to:** Chief constables; College of Policing"),
        "{r1}"
    );
    assert!(r1.contains("- **Due:** 30 June 2021"), "{r1}");
    assert!(r1.contains("- **Status:** Unreviewed"), "{r1}");
    assert!(md.contains("## Areas for improvement"), "{md}");
    assert!(
        section(&md, "A1").contains("**Response needed:**"),
        "an AFI needs a response too:\n{md}"
    );
    assert!(section(&md, "F1").contains("- **Graded:** requires improvement"));
    assert!(md.contains("### Call handling"), "{md}");
    assert!(md.contains("### Other findings"), "{md}");
    assert!(
        md.contains("**1 of 1 recommendation still needs a response:** R1."),
        "{md}"
    );
    assert!(md.contains("- **Response due:** 27 March 2021 "), "{md}");
}

#[test]
fn control_characters_in_notes_are_shown_inert() {
    let inspection = load_inspection(fs::read(example_path()).expect("read").as_slice())
        .expect("the example loads");
    let mut review = Review::new(EXAMPLE_ID);
    review.set_note("R3", "Clear the screen \u{1b}[2J\nthen \u{7}ring", &stamp());
    review.set_owner("R3", "Evil \u{1b}]0;title\u{7} owner", &stamp());
    let md = export::markdown(&inspection, &review, TODAY);
    let csv = export::csv(&inspection, &review).expect("CSV");
    let json = export::json(&inspection, &review);
    for (name, text) in [("markdown", &md), ("csv", &csv), ("json", &json)] {
        assert!(
            !text.chars().any(|c| c.is_control() && c != '\n'),
            "{name}: a raw control character reached the export"
        );
    }
    for (name, text) in [("markdown", &md), ("csv", &csv)] {
        assert!(text.contains("␛[2J"), "{name}: ESC shown as ␛");
        assert!(text.contains("␇ring"), "{name}: BEL shown as ␇");
        assert!(
            text.contains("Evil ␛]0;title␇ owner"),
            "{name}: owner inert"
        );
    }
    // JSON is data: the note survives exactly, escaped as JSON does.
    let parsed: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    let r3 = parsed["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|i| i["id"] == "R3")
        .expect("R3");
    assert_eq!(
        r3["review"]["note"],
        "Clear the screen \u{1b}[2J\nthen \u{7}ring"
    );
}

// --------------------------------------------------------------------- CSV

#[test]
fn csv_has_one_row_per_item_and_orphan_and_keeps_notes_exactly() {
    let pair = pair();
    let text = csv_text(&pair);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .expect("a header row")
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(
        header,
        [
            "kind",
            "id",
            "title",
            "theme",
            "directed_to",
            "due",
            "grade",
            "status",
            "owner",
            "note",
            "updated"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader
        .records()
        .collect::<Result<_, _>>()
        .expect("every row parses");
    assert_eq!(rows.len(), 25 + 1, "25 items and one orphan");
    let ids: Vec<&str> = rows.iter().map(|r| &r[1]).collect();
    let expected: Vec<&str> = pair
        .inspection
        .items
        .iter()
        .map(|i| i.id.as_str())
        .chain(["R9"])
        .collect();
    assert_eq!(ids, expected, "items in inspection order, then the orphan");
    let row = |id: &str| {
        rows.iter()
            .find(|r| &r[1] == id)
            .unwrap_or_else(|| panic!("no row for {id}"))
    };
    let r2 = row("R2");
    assert_eq!(&r2[0], "recommendation");
    assert_eq!(&r2[7], "In progress");
    assert_eq!(&r2[8], "Prevent Strategic Lead");
    assert_eq!(
        &r2[9],
        "Dashboard \"Prevent at a glance\", due September.\nOwner: L&D"
    );
    assert_eq!(&r2[10], "2020-03-19T10:05:00Z");
    let r1 = row("R1");
    assert_eq!(&r1[8], "Head of Prevent");
    assert_eq!(
        &r1[9],
        pair.review
            .entry("R1")
            .and_then(|e| e.note.as_deref())
            .expect("R1's note")
    );
    let f1 = row("F1");
    assert_eq!(&f1[0], "finding");
    assert_eq!(&f1[3], "Governance and legislation");
    assert_eq!(&f1[7], "Unreviewed");
    assert_eq!(&f1[8], "");
    assert_eq!(&f1[9], "");
    assert_eq!(&f1[10], "");
    let r9 = row("R9");
    assert_eq!(&r9[0], "orphaned");
    assert_eq!(&r9[2], "", "an orphan has no title");
    assert_eq!(&r9[8], "Inspection Liaison Lead");
    assert!(r9[9].starts_with("Draft from the pre-publication copy"));
}

// -------------------------------------------------------------------- JSON

#[test]
fn json_has_a_documented_key_order_and_nulls_for_absent_values() {
    let text = json_text(&pair());
    let _: serde_json::Value = serde_json::from_str(&text).expect("the export is JSON");
    let doc: Ordered = serde_json::from_str(&text).expect("the export is JSON");
    assert_eq!(doc.keys(), ["inspection", "items", "orphaned"]);
    assert_eq!(
        doc.get("inspection").keys(),
        [
            "id",
            "title",
            "inspectorate",
            "published",
            "response_due_days",
            "response_deadline",
            "fieldwork",
            "scope",
            "url",
            "summary"
        ]
    );
    assert_eq!(
        doc.get("inspection").get("response_deadline"),
        &Ordered::Str("2020-05-03".into())
    );
    let review_keys = ["status", "owner", "note", "updated", "history"];
    let items = doc.get("items").list();
    assert_eq!(items.len(), 25);
    for item in items {
        assert_eq!(
            item.keys(),
            [
                "kind",
                "id",
                "title",
                "text",
                "theme",
                "grade",
                "tags",
                "links",
                "directed_to",
                "due",
                "review"
            ]
        );
        assert_eq!(item.get("review").keys(), review_keys);
        for event in item.get("review").get("history").list() {
            assert_eq!(event.keys(), ["at", "by", "status", "owner", "note"]);
        }
    }
    let f1 = &items[0];
    assert_eq!(f1.get("id"), &Ordered::Str("F1".into()));
    assert_eq!(f1.get("kind"), &Ordered::Str("finding".into()));
    assert_eq!(f1.get("grade"), &Ordered::Null);
    assert_eq!(f1.get("due"), &Ordered::Null);
    assert_eq!(f1.get("directed_to"), &Ordered::List(Vec::new()));
    let review = f1.get("review");
    assert_eq!(review.get("status"), &Ordered::Str("unreviewed".into()));
    for key in ["owner", "note", "updated"] {
        assert_eq!(review.get(key), &Ordered::Null, "F1 review {key}");
    }
    assert_eq!(review.get("history"), &Ordered::List(Vec::new()));
    let orphaned = doc.get("orphaned").list();
    assert_eq!(orphaned.len(), 1);
    assert_eq!(orphaned[0].keys(), ["id", "review"]);
    assert_eq!(orphaned[0].get("id"), &Ordered::Str("R9".into()));
    assert_eq!(orphaned[0].get("review").keys(), review_keys);
}

#[test]
fn json_keeps_notes_exactly_and_two_exports_are_identical() {
    let first = json_text(&pair());
    let second = json_text(&pair());
    assert_eq!(first, second, "two exports are byte-identical");
    let doc: serde_json::Value = serde_json::from_str(&first).expect("JSON");
    let r2 = doc["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|i| i["id"] == "R2")
        .expect("R2");
    assert_eq!(r2["kind"], "recommendation");
    assert_eq!(
        r2["review"]["note"],
        "Dashboard \"Prevent at a glance\", due September.\nOwner: L&D"
    );
    assert_eq!(r2["review"]["status"], "in-progress");
    let history = r2["review"]["history"].as_array().expect("history");
    assert_eq!(history.len(), 3);
    assert_eq!(history[0]["status"], "in-progress");
    assert_eq!(history[0]["owner"], serde_json::Value::Null);
    assert_eq!(history[1]["owner"], "Prevent Strategic Lead");
    assert_eq!(history[2]["note"], "edited");
}

// ---------------------------------------------------------------- deadline

#[test]
fn the_response_deadline_counts_the_publication_day_as_day_one() {
    let due = |published, days| {
        meta(published, days)
            .response_deadline()
            .expect("a deadline")
    };
    assert_eq!(due(date(2020, 3, 9), 56), date(2020, 5, 3));
    assert_eq!(due(date(2024, 2, 29), 56), date(2024, 4, 24), "leap year");
    assert_eq!(due(date(2023, 12, 31), 56), date(2024, 2, 24), "year end");
    assert_eq!(due(date(2021, 1, 31), 56), date(2021, 3, 27), "month end");
    assert_eq!(
        due(date(2020, 3, 9), 1),
        date(2020, 3, 9),
        "one day: that day"
    );
    assert_eq!(
        due(date(2020, 3, 9), 28),
        date(2020, 4, 5),
        "published + 27"
    );
    let mut unpublished = meta(date(2020, 3, 9), 56);
    unpublished.published = None;
    assert_eq!(unpublished.response_deadline(), None);
}

#[test]
fn days_are_put_in_words() {
    assert_eq!(days_words(32), "32 days left");
    assert_eq!(days_words(1), "1 day left");
    assert_eq!(days_words(0), "due today");
    assert_eq!(days_words(-1), "1 day overdue");
    assert_eq!(days_words(-12), "12 days overdue");
    assert_eq!(days_left(date(2020, 5, 3), TODAY), 32);
    assert_eq!(days_left(date(2020, 5, 3), date(2020, 5, 3)), 0);
    assert_eq!(days_left(date(2020, 5, 3), date(2020, 5, 5)), -2);
    assert_eq!(long_date(date(2020, 3, 9)), "9 March 2020");
    assert_eq!(long_date(date(2024, 12, 25)), "25 December 2024");
}

#[test]
fn the_summary_counts_days_left_positive_and_overdue_negative() {
    let pair = pair();
    let at = |today| summarise("x", &pair.inspection, &pair.review, today);
    let s = at(TODAY);
    assert_eq!(s.response_deadline.as_deref(), Some("2020-05-03"));
    assert_eq!(s.response_days_left, Some(32));
    assert_eq!(at(date(2020, 5, 3)).response_days_left, Some(0));
    assert_eq!(at(date(2020, 5, 4)).response_days_left, Some(-1));
    assert_eq!(s.items, 25);
    assert_eq!(s.reviewed, 5);
    assert_eq!(s.orphaned, ["R9"]);
    assert_eq!(s.without_note.len(), 20);
    assert!(
        !s.without_note
            .iter()
            .any(|id| ["F4", "S1", "R1", "R2", "R8"].contains(&id.as_str()))
    );
    let small = load_inspection(SMALL.as_bytes()).expect("the small inspection loads");
    let s = summarise(
        "small",
        &small,
        &Review::new("small-2021"),
        date(2021, 7, 1),
    );
    assert_eq!(
        s.overdue_recommendations.len(),
        1,
        "R1 was due 30 June 2021"
    );
    assert_eq!(s.overdue_recommendations[0].status, "unreviewed");
}

// ------------------------------------------------------- scrutiny summary

/// `scrutiny check`'s counts per kind, keyed as the summary's JSON keys them.
fn check_counts(path: &str) -> Vec<(String, u64)> {
    let out = run(&["check", path]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = stdout(&out);
    let (_, counts) = text
        .trim_end()
        .split_once(" items: ")
        .unwrap_or_else(|| panic!("unexpected check output {text:?}"));
    counts
        .split(", ")
        .map(|part| {
            let (n, kind) = part.split_once(' ').expect("a count and a kind");
            (
                kind.replace(' ', "_"),
                n.parse().expect("the count is a number"),
            )
        })
        .collect()
}

#[test]
fn summary_text_names_the_file_and_the_counts() {
    let out = run(&["summary", EXAMPLE, "--review", FIXTURE]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.starts_with(&format!("{EXAMPLE}: Counter-terrorism policing")),
        "{text}"
    );
    assert!(
        text.contains("HMICFRS, published 2020-03-09, response due 2020-05-03"),
        "{text}"
    );
    assert!(text.contains("reviewed 5 of 25 items"), "{text}");
    let row = |kind: &str| -> Vec<String> {
        text.lines()
            .map(str::split_whitespace)
            .map(Iterator::collect::<Vec<_>>)
            .find(|words| words.first() == Some(&kind))
            .unwrap_or_else(|| panic!("no {kind} row in\n{text}"))
            .iter()
            .skip(1)
            .map(|w| (*w).to_owned())
            .collect()
    };
    assert_eq!(row("findings"), ["10", "1", "0", "0", "0", "0", "11"]);
    assert_eq!(row("strengths"), ["5", "1", "0", "0", "0", "0", "6"]);
    assert_eq!(row("recommendations"), ["5", "1", "1", "0", "0", "1", "8"]);
    assert!(text.contains("items with no note (20):"), "{text}");
    assert!(
        text.contains("review entries for ids not in the inspection (1): R9"),
        "{text}"
    );
}

#[test]
fn summary_json_counts_agree_with_check() {
    let out = run(&["summary", EXAMPLE, "--review", FIXTURE, "--json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 1, "one JSON object per inspection:\n{text}");
    let s: serde_json::Value = serde_json::from_str(lines[0]).expect("a JSON object");
    assert_eq!(s["file"], EXAMPLE);
    assert_eq!(s["id"], EXAMPLE_ID);
    assert_eq!(s["items"], 25);
    assert_eq!(s["reviewed"], 5);
    assert_eq!(s["response_deadline"], "2020-05-03");
    assert_eq!(s["orphaned"], serde_json::json!(["R9"]));
    let counts = s["counts"].as_array().expect("counts");
    for (kind, n) in check_counts(EXAMPLE) {
        let total = counts
            .iter()
            .find(|c| c["kind"] == kind.as_str())
            .map_or(0, |c| c["total"].as_u64().expect("a total"));
        assert_eq!(total, n, "{kind}: summary total against check's count");
    }
    let recommendations = counts
        .iter()
        .find(|c| c["kind"] == "recommendations")
        .expect("recommendations");
    assert_eq!(
        recommendations,
        &serde_json::json!({
            "kind": "recommendations", "total": 8, "unreviewed": 5, "accepted": 1,
            "in_progress": 1, "complete": 0, "not_accepted": 0, "not_applicable": 1
        })
    );
}

/// A folder holding the example, a small inspection, the example's review
/// (which must not be taken for an inspection) and a broken file.
fn portfolio() -> TempDir {
    let dir = TempDir::new("portfolio");
    fs::copy(example_path(), dir.join("a-prevent.yaml")).expect("copy the example");
    fs::copy(fixture_path(), dir.join("a-prevent.review.yaml")).expect("copy the review");
    fs::write(dir.join("b-small.yaml"), SMALL).expect("write the small inspection");
    fs::write(
        dir.join("c-broken.yaml"),
        "inspection:\n  id: broken\n  title: T\nrecomendations:\n  - id: R1\n    title: x\n",
    )
    .expect("write the broken file");
    dir
}

#[test]
fn summary_of_a_folder_reports_the_broken_file_and_the_others() {
    let dir = portfolio();
    let folder = dir.path().to_str().expect("a UTF-8 temp path");
    let out = run(&["summary", folder]);
    assert_eq!(code(&out), 1, "a broken file fails the run");
    let text = stdout(&out);
    let a = text
        .find("a-prevent.yaml: Counter-terrorism")
        .expect("the example's summary");
    let b = text
        .find("b-small.yaml: A small inspection")
        .expect("the small summary");
    let c = text
        .find("c-broken.yaml:4:")
        .expect("the broken file's error, with its position");
    assert!(a < b && b < c, "files in name order:\n{text}");
    assert!(
        text.contains("recomendations"),
        "the error names the key:\n{text}"
    );
    assert!(
        text.contains("reviewed 5 of 25 items"),
        "the default review beside it:\n{text}"
    );
    assert!(
        !text.contains("a-prevent.review.yaml"),
        "the review is not an inspection:\n{text}"
    );

    let out = run(&["summary", folder, "--json"]);
    assert_eq!(code(&out), 1);
    let text = stdout(&out);
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is a JSON object"))
        .collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(
        lines[0]["file"]
            .as_str()
            .expect("file")
            .ends_with("a-prevent.yaml")
    );
    assert_eq!(lines[0]["reviewed"], 5);
    assert_eq!(lines[1]["id"], "small-2021");
    let broken = lines[2].as_object().expect("an object");
    let mut keys: Vec<&str> = broken.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(keys, ["error", "file"]);
    assert!(
        broken["file"]
            .as_str()
            .expect("file")
            .ends_with("c-broken.yaml")
    );
    assert!(
        broken["error"]
            .as_str()
            .expect("error")
            .contains("recomendations"),
        "{text}"
    );
}

#[test]
fn summary_refuses_one_review_for_two_inspections() {
    let dir = portfolio();
    let folder = dir.path().to_str().expect("a UTF-8 temp path");
    let out = run(&["summary", folder, "--review", FIXTURE]);
    assert_eq!(code(&out), 1);
    assert!(stdout(&out).is_empty());
    assert!(stderr(&out).contains("--review"), "{}", stderr(&out));
    let small = dir.join("b-small.yaml");
    let out = run(&[
        "summary",
        EXAMPLE,
        small.to_str().expect("UTF-8"),
        "--review",
        FIXTURE,
    ]);
    assert_eq!(code(&out), 1);
    assert!(stderr(&out).contains("--review"), "{}", stderr(&out));
}

// -------------------------------------------------------- scrutiny export

#[test]
fn export_writes_to_standard_output_by_default() {
    let pair = pair();
    for (format, expected) in [("csv", csv_text(&pair)), ("json", json_text(&pair))] {
        let out = run(&["export", EXAMPLE, "--review", FIXTURE, "--format", format]);
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        assert_eq!(stdout(&out), expected, "{format}");
        assert!(stderr(&out).is_empty(), "{}", stderr(&out));
    }
    let before = jiff::ZonedDateTime::now().date();
    let out = run(&[
        "export", EXAMPLE, "--review", FIXTURE, "--format", "markdown",
    ]);
    let after = jiff::ZonedDateTime::now().date();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let md = stdout(&out);
    assert!(
        [before, after]
            .iter()
            .any(|today| md == export::markdown(&pair.inspection, &pair.review, *today)),
        "the markdown export is the draft as of today:\n{md}"
    );
}

#[test]
fn export_to_a_file_writes_it_whole_and_says_where() {
    let dir = TempDir::new("export-o");
    let target = dir.join("response.csv");
    let target_str = target.to_str().expect("UTF-8");
    fs::write(&target, "old contents\n").expect("an older export");
    let out = run(&[
        "export", EXAMPLE, "--review", FIXTURE, "--format", "csv", "-o", target_str,
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stdout(&out).is_empty(), "nothing on stdout with -o");
    assert_eq!(stderr(&out).trim_end(), format!("Written to {target_str}"));
    assert_eq!(
        fs::read_to_string(&target).expect("the export"),
        csv_text(&pair())
    );
    assert_eq!(
        dir.names(),
        ["response.csv"],
        "no temporary file left behind"
    );

    let out = run(&[
        "export",
        EXAMPLE,
        "--review",
        FIXTURE,
        "--format",
        "json",
        "--output",
        dir.join("missing/x.json").to_str().expect("UTF-8"),
    ]);
    assert_eq!(code(&out), 1, "a folder that does not exist");
    assert!(stderr(&out).contains("cannot write"), "{}", stderr(&out));
}

#[test]
fn export_refuses_to_overwrite_the_inspection_or_its_review() {
    let dir = TempDir::new("export-clobber");
    let inspection = dir.join("a.yaml");
    let review = dir.join("a.review.yaml");
    fs::copy(example_path(), &inspection).expect("copy the example");
    fs::copy(fixture_path(), &review).expect("copy the review");
    let inspection_bytes = fs::read(&inspection).expect("read");
    let review_bytes = fs::read(&review).expect("read");
    let attempts: [&[&str]; 5] = [
        &["export", "a.yaml", "--format", "markdown", "-o", "a.yaml"],
        &["export", "a.yaml", "--format", "csv", "-o", "a.review.yaml"],
        &[
            "export",
            "a.yaml",
            "--format",
            "csv",
            "-o",
            "./a.review.yaml",
        ],
        &[
            "export",
            "./a.yaml",
            "--format",
            "json",
            "-o",
            "../{dir}/a.yaml",
        ],
        &[
            "export",
            "a.yaml",
            "--format",
            "json",
            "--review",
            "a.review.yaml",
            "-o",
            "{abs}",
        ],
    ];
    let dir_name = dir
        .path()
        .file_name()
        .expect("a name")
        .to_str()
        .expect("UTF-8");
    for args in attempts {
        let args: Vec<String> = args
            .iter()
            .map(|a| {
                a.replace("{dir}", dir_name)
                    .replace("{abs}", review.to_str().expect("UTF-8"))
            })
            .collect();
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = run_in(dir.path(), &args);
        assert_eq!(code(&out), 1, "{args:?} should be refused");
        assert!(
            stderr(&out).contains("that is an inspection or review file"),
            "{args:?}: {}",
            stderr(&out)
        );
        assert_eq!(
            fs::read(&inspection).expect("read"),
            inspection_bytes,
            "{args:?}"
        );
        assert_eq!(fs::read(&review).expect("read"), review_bytes, "{args:?}");
    }
    assert_eq!(dir.names(), ["a.review.yaml", "a.yaml"]);
}

#[test]
fn export_with_a_bad_format_is_a_usage_error() {
    let out = run(&["export", EXAMPLE, "--format", "pdf"]);
    assert_eq!(code(&out), 2, "clap's usage error");
    assert!(stdout(&out).is_empty());
    let err = stderr(&out);
    assert!(err.contains("pdf"), "{err}");
    assert!(
        err.contains("markdown") && err.contains("csv") && err.contains("json"),
        "{err}"
    );
}

// ------------------------------------------------- known bugs, not yet fixed

/// `scrutiny export` refuses `-o` at the review file only when the file
/// exists or is spelt the same way; with no review yet, `-o ./a.review.yaml`
/// writes the export where the review will be looked for, and the
/// inspection no longer opens.
#[test]
fn export_refuses_the_default_review_path_before_any_review_exists() {
    let dir = TempDir::new("export-new-review");
    fs::copy(example_path(), dir.join("a.yaml")).expect("copy the example");
    let out = run_in(
        dir.path(),
        &[
            "export",
            "a.yaml",
            "--format",
            "markdown",
            "-o",
            "./a.review.yaml",
        ],
    );
    assert_eq!(code(&out), 1, "should be refused: {}", stderr(&out));
    assert_eq!(dir.names(), ["a.yaml"], "no review file made of the export");
}

/// A note of only spaces is no account of action: the Markdown says
/// "Response needed", and the summary should not count it as a note.
#[test]
fn a_blank_note_counts_as_no_note_in_the_summary_too() {
    let inspection = load_inspection(fs::read(example_path()).expect("read").as_slice())
        .expect("the example loads");
    let mut review = Review::new(EXAMPLE_ID);
    review.set_note("R1", "   ", &stamp());
    let md = export::markdown(&inspection, &review, TODAY);
    assert!(section(&md, "R1").contains("**Response needed:**"));
    let s = summarise("x", &inspection, &review, TODAY);
    assert!(
        s.without_note.iter().any(|id| id == "R1"),
        "R1 has only spaces for a note: {:?}",
        s.without_note
    );
}

// ------------------------------------------------------- hostile text

/// A YAML double-quoted scalar holding `s` exactly (JSON's string syntax is
/// YAML's).
fn yq(s: &str) -> String {
    serde_json::to_string(s).expect("a string serialises")
}

const HOSTILE_URL: &str = "https://example.org/a>b)<script>x y\"z";

/// An inspection whose every field tries to take over the document: a
/// heading, HTML, a comment that would hide the rest, a fence that would
/// swallow it, links, a table, a setext underline, a footnote.
fn hostile_inspection() -> scrutiny::model::Inspection {
    let summary = "Intro line\n# Injected heading\n<!-- hide the rest\n```\nfenced\n\n    indented code\nTitle\n===\n---\n[ref]: http://evil.example\n[ref] and [x](http://evil.example) and ![i](http://evil.example/i.png)\n<http://evil.example> <b>bold</b> &lt;b&gt;\n| a | b |\n|---|---|\n| c | d |\n- [ ] task\n[^1]\n\n[^1]: a footnote\nTerm\n: a definition\n[[Wiki link]] and [[x|http://evil.example]]\n> [!NOTE]\n> callout\n";
    let text = format!(
        "\
inspection:
  id: hostile-md
  title: {}
  inspectorate: {}
  published: 2020-03-09
  url: {}
  fieldwork: {}
  summary: {}
recommendations:
  - id: R1
    title: {}
    text: {}
    directed_to: [{}]
    due: 2021-03-31
  - id: R2
    title: Second recommendation
areas_for_improvement:
  - id: A1
    title: {}
findings:
  - id: F1
    title: {}
    theme: {}
    grade: {}
  - id: F2
    title: Untouched finding <!--
",
        yq("# Title <script>alert(1)</script> [x](http://evil.example) ##"),
        yq("<img src=x onerror=alert(1)>"),
        yq(HOSTILE_URL),
        yq("```"),
        yq(summary),
        yq("Recommendation <!-- and `code"),
        yq("# Injected\n<script>alert(1)</script>\n<!--\n> quote\n```"),
        yq("[body](http://evil.example)"),
        yq("Area ## {#id .class}"),
        yq("Finding *emphasis* _under_ ~strike~"),
        yq("Theme <b>bold</b> ##"),
        yq("**graded** <i>"),
    );
    load_inspection(text.as_bytes()).expect("the hostile inspection is valid")
}

fn hostile_review() -> Review {
    let text = format!(
        "\
version: 1
inspection: hostile-md
items:
  R1:
    status: in-progress
    owner: {}
    note: {}
  A1:
    note: {}
  F1:
    note: {}
  R9:
    note: {}
",
        yq("<img src=x onerror=alert(1)> [o](http://evil.example)"),
        yq(
            "```\nnote fence\nstill the note\n\n# not a heading\nTitle\n=\n- item [x](http://evil.example)\n  - # nested heading\n- [ ] task\n<!--\r\nafter a CR LF\rafter a CR\n    indented"
        ),
        yq("<!-- the rest is hidden"),
        yq("~~~\nfenced with tildes"),
        yq("orphan <script>x</script>"),
    );
    scrutiny::files::load_review(text.as_bytes(), "hostile-md")
        .expect("the hostile review is valid")
}

/// Percent-decoding, to compare a link's destination with the address.
fn percent_decoded(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(hex) = s.get(i + 1..i + 3)
            && let Ok(b) = u8::from_str_radix(hex, 16)
        {
            out.push(b);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).expect("UTF-8")
}

/// What a Markdown renderer makes of a document.
struct Structure {
    headings: Vec<(pulldown_cmark::HeadingLevel, String)>,
    /// Links' and images' destinations.
    links: Vec<String>,
    /// The text under each heading (0: before the first).
    sections: Vec<String>,
}

/// `md` as a renderer reads it. Panics at anything a file's text must
/// never become: HTML, code, a table, a footnote, a task box, a rule,
/// strikethrough.
fn structure(md: &str, options: pulldown_cmark::Options) -> Structure {
    use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
    let mut headings: Vec<(HeadingLevel, String)> = Vec::new();
    let mut in_heading = None;
    let mut links = Vec::new();
    // The text under each heading, to find where a note's words went.
    let mut sections: Vec<String> = vec![String::new()];
    for event in Parser::new_ext(md, options) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                in_heading = Some((level, String::new()));
            }
            Event::End(TagEnd::Heading(_)) => {
                headings.extend(in_heading.take());
                sections.push(String::new());
            }
            Event::Text(t) => match &mut in_heading {
                Some((_, text)) => text.push_str(&t),
                None => sections.last_mut().expect("a section").push_str(&t),
            },
            Event::SoftBreak | Event::HardBreak => {
                sections.last_mut().expect("a section").push('\n');
            }
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                links.push(dest_url.to_string());
            }
            Event::Html(h) | Event::InlineHtml(h) => {
                panic!("{options:?}: HTML from a file reached the document: {h:?}")
            }
            Event::Code(c) => panic!("{options:?}: a code span came from a file: {c:?}"),
            Event::Start(
                tag @ (Tag::CodeBlock(_)
                | Tag::HtmlBlock
                | Tag::Table(_)
                | Tag::FootnoteDefinition(_)
                | Tag::DefinitionList
                | Tag::MetadataBlock(_)
                | Tag::Strikethrough),
            ) => panic!("{options:?}: the document holds a {tag:?} from a file"),
            Event::FootnoteReference(f) => panic!("{options:?}: a footnote reference {f:?}"),
            Event::TaskListMarker(_) => panic!("{options:?}: a task list box from a file"),
            Event::Rule => panic!("{options:?}: a rule from a file"),
            _ => {}
        }
    }
    Structure {
        headings,
        links,
        sections,
    }
}

#[test]
fn markdown_from_hostile_files_keeps_the_structure_scrutiny_gives_it() {
    use pulldown_cmark::{HeadingLevel, Options};
    let inspection = hostile_inspection();
    let review = hostile_review();
    let md = export::markdown(&inspection, &review, TODAY);
    let one = |s: &str| scrutiny::text::one_line(s).into_owned();
    let title = |id: &str| inspection.get(id).expect("item").title.clone();
    let theme = inspection
        .get("F1")
        .and_then(|i| i.theme.clone())
        .expect("theme");
    let expected: Vec<(HeadingLevel, String)> = vec![
        (
            HeadingLevel::H1,
            format!(
                "Response to the inspection report: {}",
                one(&inspection.meta.title)
            ),
        ),
        (HeadingLevel::H2, "The report".into()),
        (HeadingLevel::H2, "Recommendations".into()),
        (HeadingLevel::H3, format!("R1. {}", title("R1"))),
        (HeadingLevel::H3, format!("R2. {}", title("R2"))),
        (HeadingLevel::H2, "Areas for improvement".into()),
        (HeadingLevel::H3, format!("A1. {}", title("A1"))),
        (HeadingLevel::H2, "Findings".into()),
        (HeadingLevel::H3, theme),
        (HeadingLevel::H4, format!("F1. {}", title("F1"))),
        (HeadingLevel::H3, "Other findings".into()),
        (
            HeadingLevel::H2,
            "Review entries for items no longer in the report".into(),
        ),
        (HeadingLevel::H3, "R9".into()),
    ];
    // Plain CommonMark, and every extension a renderer might turn on
    // (GitHub's tables, footnotes, task lists, strikethrough among them),
    // except smart punctuation, which changes quotes but no structure.
    for options in [
        Options::empty(),
        Options::all() - Options::ENABLE_SMART_PUNCTUATION,
    ] {
        let Structure {
            headings,
            links,
            sections,
        } = structure(&md, options);
        assert_eq!(
            headings, expected,
            "{options:?}: the headings are scrutiny's"
        );
        assert_eq!(
            links.len(),
            1,
            "{options:?}: one link, the report's: {links:?}"
        );
        assert_eq!(percent_decoded(&links[0]), HOSTILE_URL, "{options:?}");
        // Sections: 0 before the title, 1 the facts, 2 the summary, 3
        // under "Recommendations", 4 R1's. Its note is all there, fence
        // and all, and the heading after it is R2's.
        let r1 = &sections[4];
        for words in [
            "```\nnote fence\nstill the note",
            "# not a heading",
            "after a CR LF\nafter a CR\nindented",
        ] {
            assert!(
                r1.contains(words),
                "{options:?}: R1's note holds {words:?}:\n{r1}"
            );
        }
        assert!(
            sections[2].contains("<!-- hide the rest\n```\nfenced"),
            "{options:?}: the summary is shown as written:\n{}",
            sections[2]
        );
    }
    assert!(
        !md.contains('\r'),
        "no carriage return reaches the document"
    );
}

#[test]
fn markdown_of_ordinary_text_is_not_escaped() {
    // The golden file holds the example's prose; these are what prose
    // often holds besides: each passes through as written.
    let mut review = Review::new("small-2021");
    let note = "Owner: L&D (see [sic] p. 4), 3 > 2, snake_case, C:\\Users, 50% done.\n- first step\n- second step";
    review.set_note("R1", note, &stamp());
    let inspection = load_inspection(SMALL.as_bytes()).expect("SMALL loads");
    let md = export::markdown(&inspection, &review, TODAY);
    assert!(
        md.contains(
            "Owner: L&D (see [sic] p. 4), 3 > 2, snake_case, C:\\Users, 50% done.\n- first step\n- second step"
        ),
        "{md}"
    );
}

/// Cells a spreadsheet would run: OWASP's list and the usual variants.
const FORMULAS: [&str; 15] = [
    "=HYPERLINK(\"http://x\",\"y\")",
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-2+3",
    "@SUM(A1)",
    "\t=1+1",
    "\r=1+1",
    "  =1+1",
    "=1+1",
    "-1",
    "+cmd|' /C notepad'!'A1'",
    "@cmd|'/c calc'!A0",
    "\n=1+1",
    "=DDE(\"cmd\";\"/C calc\";\"!A0\")",
    "\r\n-1",
];

/// An inspection and review with `payload` in every field the CSV shows:
/// title, theme, `directed_to`, grade, owner, note, and an orphan's id. A
/// payload with a line break goes only where a line break may be (the
/// note; the one-line fields refuse one), the others hold `plain`.
fn formula_pair(payload: &str) -> (scrutiny::model::Inspection, Review) {
    let one = if payload.contains(['\n', '\r']) {
        "plain"
    } else {
        payload
    };
    let text = format!(
        "\
inspection:
  id: formulas
  title: {o}
findings:
  - id: F1
    title: {o}
    theme: {o}
    grade: {o}
recommendations:
  - id: R1
    title: {o}
    directed_to: [{o}]
    due: 2021-03-31
",
        o = yq(one)
    );
    let inspection = load_inspection(text.as_bytes()).expect("the inspection loads");
    let review = format!(
        "\
version: 1
inspection: formulas
items:
  F1:
    owner: {o}
    note: {p}
  R1:
    status: in-progress
    owner: {o}
    note: {p}
  {o}:
    note: {p}
",
        o = yq(one),
        p = yq(payload)
    );
    let review =
        scrutiny::files::load_review(review.as_bytes(), "formulas").expect("the review loads");
    (inspection, review)
}

fn csv_rows(text: &str) -> Vec<csv::StringRecord> {
    csv::Reader::from_reader(text.as_bytes())
        .records()
        .collect::<Result<_, _>>()
        .expect("every row parses")
}

#[test]
fn csv_cells_that_a_spreadsheet_would_run_are_written_as_text() {
    for payload in FORMULAS {
        let (inspection, review) = formula_pair(payload);
        let guarded = csv_rows(&export::csv(&inspection, &review).expect("CSV"));
        let raw =
            csv_rows(&export::csv_with(&inspection, &review, export::Cells::Raw).expect("CSV"));
        assert_eq!(guarded.len(), 3, "{payload:?}: two items and an orphan");
        // Line breaks come out as LF.
        let lf = payload.replace("\r\n", "\n").replace('\r', "\n");
        let multi_line = lf.contains('\n');
        // (row, column, what): every cell holding the payload.
        let mut cells = vec![(0, 9, "F1 note"), (1, 9, "R1 note"), (2, 9, "orphan note")];
        if !multi_line {
            cells.extend([
                (0, 2, "F1 title"),
                (0, 3, "F1 theme"),
                (0, 6, "F1 grade"),
                (0, 8, "F1 owner"),
                (1, 2, "R1 title"),
                (1, 4, "R1 directed_to"),
                (1, 8, "R1 owner"),
                (2, 1, "orphan id"),
            ]);
        }
        for (row, column, what) in cells {
            assert_eq!(
                &guarded[row][column],
                format!("'{lf}"),
                "{payload:?}: {what} is disarmed"
            );
            assert_eq!(
                &raw[row][column], lf,
                "{payload:?}: --raw-cells keeps {what}"
            );
        }
        // What scrutiny writes itself is never touched.
        assert_eq!(&guarded[1][0], "recommendation");
        assert_eq!(&guarded[1][5], "2021-03-31");
        assert_eq!(&guarded[1][7], "In progress");
    }
}

#[test]
fn csv_disarms_an_item_id_that_reads_as_a_negative_number() {
    // Ids are letters, digits, '-', '_' and '.': "-1" is one.
    let text = "inspection:\n  id: ids\n  title: Ids\nfindings:\n  - id: \"-1\"\n    title: Minus one\n  - id: \"-2.5\"\n    title: Minus two and a half\n";
    let inspection = load_inspection(text.as_bytes()).expect("loads");
    let review = Review::new("ids");
    let rows = csv_rows(&export::csv(&inspection, &review).expect("CSV"));
    assert_eq!(&rows[0][1], "'-1");
    assert_eq!(&rows[1][1], "'-2.5");
    let rows = csv_rows(&export::csv_with(&inspection, &review, export::Cells::Raw).expect("CSV"));
    assert_eq!(&rows[0][1], "-1");
}

#[test]
fn csv_leaves_ordinary_cells_alone_and_turns_a_carriage_return_into_lf() {
    let (inspection, review) = formula_pair("Plain words, a date 2021-03-31 and 5-3 = 2");
    let rows = csv_rows(&export::csv(&inspection, &review).expect("CSV"));
    assert_eq!(&rows[1][2], "Plain words, a date 2021-03-31 and 5-3 = 2");
    assert_eq!(&rows[1][9], "Plain words, a date 2021-03-31 and 5-3 = 2");
    // A bare CR would end the row for some readers: it comes out as LF.
    let (inspection, review) = formula_pair("one\rtwo\r\nthree");
    let text = export::csv(&inspection, &review).expect("CSV");
    assert!(!text.contains('\r'), "{text:?}");
    let rows = csv_rows(&text);
    assert_eq!(&rows[0][9], "one\ntwo\nthree");
}

#[test]
fn bidi_overrides_and_zero_width_characters_are_marked_in_exports_and_kept_in_json() {
    let inspection = load_inspection(SMALL.as_bytes()).expect("SMALL loads");
    let mut review = Review::new("small-2021");
    let note = "Pay \u{202e}0001\u{202c} now\u{200b}, \u{2066}isolated\u{2069}\u{feff}";
    review.set_note("R1", note, &stamp());
    review.set_owner("R1", "Head\u{200f} of \u{061c}Prevent", &stamp());
    let md = export::markdown(&inspection, &review, TODAY);
    let csv = export::csv(&inspection, &review).expect("CSV");
    let json = export::json(&inspection, &review);
    let marked = "Pay ⟨U+202E⟩0001⟨U+202C⟩ now⟨U+200B⟩, ⟨U+2066⟩isolated⟨U+2069⟩⟨U+FEFF⟩";
    for (name, text) in [("markdown", &md), ("csv", &csv), ("json", &json)] {
        assert!(
            !text.chars().any(scrutiny::text::is_hidden),
            "{name}: a hidden character reached the export"
        );
    }
    for (name, text) in [("markdown", &md), ("csv", &csv)] {
        assert!(text.contains(marked), "{name}: the note is marked:\n{text}");
        assert!(
            text.contains("Head⟨U+200F⟩ of ⟨U+061C⟩Prevent"),
            "{name}: the owner is marked"
        );
    }
    // JSON is data: escaped, and exact once read.
    assert!(json.contains("Pay \\u202e0001\\u202c now\\u200b"), "{json}");
    let parsed: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    let r1 = parsed["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|i| i["id"] == "R1")
        .expect("R1");
    assert_eq!(r1["review"]["note"], note);
}

#[test]
fn export_raw_cells_writes_formulas_as_they_are_and_only_for_csv() {
    let dir = TempDir::new("raw-cells");
    let path = dir.write(
        "formulas.yaml",
        "inspection:\n  id: formulas\n  title: \"=1+1\"\nfindings:\n  - id: F1\n    title: \"@SUM(A1)\"\n",
    );
    let path = path.to_str().expect("UTF-8");
    let out = run_in(dir.path(), &["export", path, "--format", "csv"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(
        stdout(&out).contains("finding,F1,'@SUM(A1),"),
        "{}",
        stdout(&out)
    );
    let out = run_in(
        dir.path(),
        &["export", path, "--format", "csv", "--raw-cells"],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(
        stdout(&out).contains("finding,F1,@SUM(A1),"),
        "{}",
        stdout(&out)
    );
    let out = run_in(
        dir.path(),
        &["export", path, "--format", "markdown", "--raw-cells"],
    );
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("--raw-cells is for --format csv"),
        "{}",
        stderr(&out)
    );
    assert!(stdout(&out).is_empty());
}

/// Text made of what Markdown reads as markup, in any order.
fn markup_text(multi_line: bool) -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    let fragment = prop_oneof![
        Just("#"),
        Just("# "),
        Just("<"),
        Just("<b>"),
        Just("<!--"),
        Just("-->"),
        Just("`"),
        Just("```"),
        Just("~~~"),
        Just("["),
        Just("]"),
        Just("]("),
        Just("](http://evil.example)"),
        Just("]: http://evil.example"),
        Just("[^1]"),
        Just("<http://evil.example>"),
        Just("![i]"),
        Just("-"),
        Just("- "),
        Just("="),
        Just("*"),
        Just("_"),
        Just("|"),
        Just("|---|"),
        Just(">"),
        Just("> "),
        Just("&lt;"),
        Just("&#60;"),
        Just("&"),
        Just("\\"),
        Just(":"),
        Just(": "),
        Just("~"),
        Just("^"),
        Just("{#id}"),
        Just("1. "),
        Just("2)"),
        Just("+ "),
        Just(" "),
        Just("    "),
        Just("\t"),
        Just("word"),
        Just("x"),
        Just("\u{202e}"),
        Just("\u{1b}"),
    ];
    let breaks = prop_oneof![Just("\n"), Just("\n\n"), Just("\r\n"), Just("\r")];
    let piece = if multi_line {
        prop_oneof![4 => fragment, 1 => breaks].boxed()
    } else {
        fragment.boxed()
    };
    proptest::collection::vec(piece, 1..30).prop_map(|parts| parts.concat())
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig {
        cases: 256,
        failure_persistence: None,
        ..proptest::prelude::ProptestConfig::default()
    })]

    /// Whatever the files hold, the draft has scrutiny's headings and no
    /// HTML, code, table, footnote, task box, rule or link.
    #[test]
    fn no_text_from_files_changes_the_markdown_structure(
        title in markup_text(false),
        summary in markup_text(true),
        text in markup_text(true),
        owner in markup_text(false),
        note in markup_text(true),
        other_note in markup_text(true),
    ) {
        use pulldown_cmark::{HeadingLevel, Options};
        // A title is required, so not blank.
        let title = format!("T{title}");
        let yaml = format!(
            "inspection:\n  id: fuzz\n  title: {t}\n  summary: {s}\nrecommendations:\n  - id: R1\n    title: {t}\n    text: {x}\n  - id: R2\n    title: {t}\nfindings:\n  - id: F1\n    title: {t}\n    theme: {t}\n",
            t = scrutiny::files::yaml::emit::quoted(&title),
            s = scrutiny::files::yaml::emit::quoted(&summary),
            x = scrutiny::files::yaml::emit::quoted(&text),
        );
        let inspection = load_inspection(yaml.as_bytes()).expect("the inspection loads");
        let mut review = Review::new("fuzz");
        review.set_owner("R1", &owner, &stamp());
        review.set_note("R1", &note, &stamp());
        review.set_note("F1", &other_note, &stamp());
        let md = export::markdown(&inspection, &review, TODAY);
        let shown = inspection.meta.title.clone();
        let one = scrutiny::text::one_line(&shown).into_owned();
        let expected: Vec<(HeadingLevel, String)> = [
            (HeadingLevel::H1, format!("Response to the inspection report: {one}")),
            (HeadingLevel::H2, "The report".into()),
            (HeadingLevel::H2, "Recommendations".into()),
            (HeadingLevel::H3, format!("R1. {one}")),
            (HeadingLevel::H3, format!("R2. {one}")),
            (HeadingLevel::H2, "Findings".into()),
            (HeadingLevel::H3, one.clone()),
            (HeadingLevel::H4, format!("F1. {one}")),
        ]
        .into_iter()
        // A blank summary is left out.
        .filter(|(_, h)| h != "The report" || inspection.meta.summary.as_deref().is_some_and(|s| !s.trim().is_empty()))
        .collect();
        for options in [Options::empty(), Options::all() - Options::ENABLE_SMART_PUNCTUATION] {
            let found = structure(&md, options);
            // A heading's text is read without the spaces around it.
            let trimmed = |h: &[(HeadingLevel, String)]| {
                h.iter().map(|(l, t)| (*l, t.trim().to_owned())).collect::<Vec<_>>()
            };
            proptest::prop_assert_eq!(trimmed(&found.headings), trimmed(&expected), "{:?}\n{}", options, md);
            proptest::prop_assert!(found.links.is_empty(), "{:?}: {:?}\n{}", options, found.links, md);
        }
    }
}
