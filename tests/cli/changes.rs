//! `scrutiny changes`, the committee pack, run as a command on a scripted
//! quarter: the example inspection with dates set on its recommendations,
//! and a review written by hand whose history runs from April to November
//! 2026, so the pack for July to September must hold what happened in it
//! and nothing from before or after.

use std::path::Path;
use std::process::{Command, Output};

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::common::TempDir;

/// The example's own dates are none: these are set on its recommendations
/// (R8 keeps none; its date in the review is revised from nothing).
const DUES: [(&str, &str); 7] = [
    ("R1", "2026-03-31"),
    ("R2", "2026-06-30"),
    ("R3", "2026-09-30"),
    ("R4", "2026-11-30"),
    ("R5", "2026-08-31"),
    ("R6", "2026-10-31"),
    ("R7", "2027-06-30"),
];

/// R8's title, hostile: Markdown, HTML and a heading's closing run.
const HOSTILE_TITLE: &str = "Adding the *MoD* Police <b>now</b> # to the duty";

/// The scripted review: the second quarter (April to June), the third
/// (July to September, the period of the pack) and the fourth (October,
/// November) each have their own changes.
const REVIEW: &str = r#"version: 1
inspection: hmicfrs-2020-prevent
items:
  F1:
    status: accepted
    history:
      - at: 2026-05-02T09:00:00Z
        by: analyst
        status: accepted
  R1:
    status: complete
    due: 2026-06-30
    evidence:
      - Training completion export, August 2026
    signed_off:
      by: Head of Assurance
      at: 2026-08-20T10:00:00Z
    updates:
      - at: 2026-06-01T09:00:00Z
        by: analyst
        text: Waiting on the national package.
      - at: 2026-08-11T09:00:00Z
        by: analyst
        text: All strategic leads trained.
    history:
      - at: 2026-04-02T09:00:00Z
        by: analyst
        status: accepted
      - at: 2026-05-01T09:00:00Z
        by: analyst
        status: in-progress
      - at: 2026-05-10T09:00:00Z
        by: analyst
        due: 2026-06-30
        reason: The national training package came late
      - at: 2026-08-10T09:00:00Z
        by: analyst
        evidence: Training completion export, August 2026
      - at: 2026-08-12T09:00:00Z
        by: analyst
        status: complete
      - at: 2026-08-20T10:00:00Z
        by: Head of Assurance
        signed_off: true
  R2:
    status: complete
    evidence:
      - Audit of training records
    signed_off:
      by: analyst
      at: 2026-09-03T10:00:00Z
    history:
      - at: 2026-06-15T09:00:00Z
        by: analyst
        status: in-progress
      - at: 2026-09-01T09:00:00Z
        by: analyst
        evidence: Audit of training records
      - at: 2026-09-02T09:00:00Z
        by: analyst
        status: complete
      - at: 2026-09-03T10:00:00Z
        by: analyst
        signed_off: true
  R3:
    status: accepted
    rag: red
    due: 2027-03-31
    updates:
      - at: 2026-07-20T09:00:00Z
        by: analyst
        text: "**Bold** <script>alert(1)</script> [link](http://evil.example) \e[31mred"
    history:
      - at: 2026-04-20T09:00:00Z
        by: analyst
        status: accepted
      - at: 2026-04-20T09:01:00Z
        by: analyst
        rag: green
      - at: 2026-07-15T09:00:00Z
        by: analyst
        rag: red
      - at: 2026-07-15T09:01:00Z
        by: analyst
        due: 2026-12-31
        reason: Partner IT system delayed
      - at: 2026-09-20T09:00:00Z
        by: analyst
        due: 2027-03-31
        reason: Procurement re-run
  R4:
    status: accepted
    owner: Head of Prevent
    note: Plan agreed.
    history:
      - at: 2026-05-20T09:00:00Z
        by: analyst
        status: accepted
      - at: 2026-07-03T09:00:00Z
        by: analyst
        owner: Head of Prevent
      - at: 2026-07-03T09:01:00Z
        by: analyst
        note: edited
  R5:
    status: in-progress
    history:
      - at: 2026-06-01T09:00:00Z
        by: analyst
        status: in-progress
  R6:
    status: complete
    updates:
      - at: 2026-10-06T09:00:00Z
        by: analyst
        text: Done after the quarter.
    history:
      - at: 2026-06-02T09:00:00Z
        by: analyst
        status: in-progress
      - at: 2026-10-05T09:00:00Z
        by: analyst
        status: complete
  R7:
    status: accepted
    history:
      - at: 2026-04-03T09:00:00Z
        by: analyst
        status: accepted
  R8:
    status: in-progress
    due: 2026-07-31
    history:
      - at: 2026-04-04T09:00:00Z
        by: analyst
        status: in-progress
      - at: 2026-04-04T09:01:00Z
        by: analyst
        due: 2026-07-31
        reason: Agreed with the Ministry of Defence Police
"#;

/// The pack the scripted quarter gives, whole.
const QUARTER: &str = "\
# Changes, 1 July to 30 September 2026

## Counter-terrorism policing – an inspection of the police's contribution to the government's Prevent programme

In the period 1 July to 30 September 2026: 1 recommendation closed and signed off, 1 recommendation set complete with a sign-off that does not stand, 2 dates revised, 1 RAG change, 2 updates, 2 pieces of evidence added, 1 owner changed, 1 note edited. On 30 September 2026, 2 are overdue and 2 fall due before 30 December 2026.

### Closed

- R1 – Training package for Prevent strategic leads: set complete on 12 August 2026 (analyst). Signed off by Head of Assurance on 20 August 2026.
- R2 – Checking that Prevent training is completed: set complete on 2 September 2026 (analyst). **Sign-off does not stand:** signed off by analyst on 3 September 2026, but analyst set it complete, so someone else must sign it off (two people close an item). Not a closure until someone else signs it off.

### Progress

- R1 – Training package for Prevent strategic leads
  - Update, 11 August 2026 (analyst): All strategic leads trained.
  - Evidence added, 10 August 2026: Training completion export, August 2026
- R2 – Checking that Prevent training is completed
  - Evidence added, 1 September 2026: Audit of training records
- R3 – Consistent referral forms, processes and standards
  - Update, 20 July 2026 (analyst): \\*\\*Bold\\*\\* &lt;script>alert(1)&lt;/script> [link\\](http://evil.example) ␛[31mred
- R4 – Information sharing despite differing vetting levels
  - Owner: now Head of Prevent.
  - The note was edited.

### Dates revised

- R3 – Consistent referral forms, processes and standards
  - Revised 15 July 2026: original due 30 September 2026; was the original; now 31 December 2026. Reason: Partner IT system delayed.
  - Revised 20 September 2026: original due 30 September 2026; was 31 December 2026; now 31 March 2027. Reason: Procurement re-run.

### RAG changes

- R3 – Consistent referral forms, processes and standards: Green → Red.

### Overdue now

- R8 – Adding the \\*MoD\\* Police &lt;b>now&lt;/b> # to the duty: due 31 July 2026 (revised), 61 days overdue; in progress.
- R5 – Sharing lessons learnt: due 31 August 2026, 30 days overdue; in progress.

### Due before 30 December 2026

- R6 – Planned engagement with communities: due 31 October 2026; in progress.
- R4 – Information sharing despite differing vetting levels: due 30 November 2026; accepted.

### Slipped most

- R3 – Consistent referral forms, processes and standards: 182 days later than the original (30 September 2026 → 31 March 2027), 2 revisions.
- R1 – Training package for Prevent strategic leads: 91 days later than the original (31 March 2026 → 30 June 2026), 1 revision.
";

/// A folder holding the example with its dates set and the scripted review
/// beside it (`prevent.yaml`, `prevent.review.yaml`).
fn quarter_dir() -> TempDir {
    let dir = TempDir::new("changes");
    let example = std::fs::read_to_string(crate::common::example()).expect("read the example");
    let mut text = example.clone();
    for (id, due) in DUES {
        let at = format!("  - id: {id}\n");
        assert!(text.contains(&at), "the example lists {id}");
        text = text.replacen(&at, &format!("{at}    due: {due}\n"), 1);
    }
    let title = "title: Adding the Ministry of Defence Police to the Prevent duty";
    assert!(text.contains(title), "the example's R8");
    text = text.replacen(title, &format!("title: \"{HOSTILE_TITLE}\""), 1);
    dir.write("prevent.yaml", &text);
    dir.write("prevent.review.yaml", REVIEW);
    dir
}

/// Run the scrutiny binary in `dir`, its state kept in a folder of its own
/// and git kept from looking above `dir`.
fn run_in(dir: &Path, args: &[&str]) -> Output {
    let state = TempDir::new("changes-state");
    let ceiling = dir.parent().unwrap_or(dir);
    Command::new(env!("CARGO_BIN_EXE_scrutiny"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("XDG_STATE_HOME", state.path())
        .env("GIT_CEILING_DIRECTORIES", ceiling)
        .output()
        .expect("run the scrutiny binary")
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

const PERIOD: [&str; 4] = ["--since", "2026-07-01", "--until", "2026-09-30"];

fn pack(dir: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["changes", "prevent.yaml"];
    args.extend(PERIOD);
    args.extend(extra);
    run_in(dir, &args)
}

// ------------------------------------------------------------ the quarter

#[test]
fn the_quarter_pack_holds_exactly_the_quarter() {
    let dir = quarter_dir();
    let out = pack(dir.path(), &[]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = stdout(&out);
    assert_eq!(text, QUARTER, "the pack differs:\n{text}");
}

#[test]
fn nothing_from_before_or_after_the_period_comes_in() {
    let dir = quarter_dir();
    let text = stdout(&pack(dir.path(), &[]));
    // An update in June, one in October, a closure in October, a revision
    // in May, the status moves of the second quarter.
    for outside in [
        "Waiting on the national package",
        "Done after the quarter",
        "The national training package came late",
        "Agreed with the Ministry of Defence Police",
        "R7 –",
        "F1 –",
    ] {
        assert!(
            !text.contains(outside),
            "{outside:?} is outside the period:\n{text}"
        );
    }
    // R6 was set complete in October: on 30 September it was still open
    // and due before the next meeting, and not closed in the pack.
    let closed = section(&text, "### Closed");
    assert!(!closed.contains("R6"), "{closed}");
    assert!(
        section(&text, "### Due before 30 December 2026").contains("- R6 – "),
        "{text}"
    );
}

/// The lines under `heading`, up to the next heading.
fn section<'a>(text: &'a str, heading: &str) -> &'a str {
    let start = text
        .find(&format!("\n{heading}\n"))
        .unwrap_or_else(|| panic!("no {heading} in\n{text}"))
        + heading.len()
        + 2;
    let rest = &text[start..];
    &rest[..rest.find("\n#").unwrap_or(rest.len())]
}

#[test]
fn the_bad_sign_off_is_flagged_never_a_clean_closure() {
    let dir = quarter_dir();
    let text = stdout(&pack(dir.path(), &[]));
    let closed = section(&text, "### Closed");
    let r2 = closed
        .lines()
        .find(|l| l.starts_with("- R2 – "))
        .unwrap_or_else(|| panic!("R2 under Closed:\n{closed}"));
    assert!(r2.contains("**Sign-off does not stand:**"), "{r2}");
    assert!(r2.contains("two people close an item"), "{r2}");
    assert!(!r2.contains("Signed off by"), "{r2}");
    // Only R1 counts as closed and signed off.
    assert!(
        text.contains(": 1 recommendation closed and signed off, 1 recommendation set complete with a sign-off that does not stand,"),
        "{text}"
    );
}

#[test]
fn a_quiet_period_says_so_in_one_line() {
    let dir = quarter_dir();
    let out = run_in(
        dir.path(),
        &[
            "changes",
            "prevent.yaml",
            "--since",
            "2027-01-01",
            "--until",
            "2027-01-31",
        ],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("\nIn the period 1 to 31 January 2027: no changes. On 31 January 2027, "),
        "{text}"
    );
    for heading in [
        "### Closed",
        "### Progress",
        "### Dates revised",
        "### RAG changes",
    ] {
        assert!(!text.contains(heading), "{heading} is empty:\n{text}");
    }
}

#[test]
fn the_next_meeting_moves_what_is_due_before_it() {
    let dir = quarter_dir();
    let text = stdout(&pack(dir.path(), &["--next", "2026-11-01"]));
    let due = section(&text, "### Due before 1 November 2026");
    assert!(due.contains("- R6 – "), "{due}");
    assert!(!due.contains("- R4 – "), "{due}");
}

// ------------------------------------------------------------------ JSON

fn strings(list: &serde_json::Value, key: &str) -> Vec<String> {
    list.as_array()
        .expect("a list")
        .iter()
        .map(|v| v[key].as_str().expect("a string").to_owned())
        .collect()
}

#[test]
fn json_gives_the_same_facts_one_object_per_inspection() {
    let dir = quarter_dir();
    let out = pack(dir.path(), &["--format", "json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 1, "{text}");
    let report: serde_json::Value = serde_json::from_str(lines[0]).expect("a JSON object");
    assert_eq!(report["id"], "hmicfrs-2020-prevent");
    assert_eq!(report["since"], "2026-07-01");
    assert_eq!(report["until"], "2026-09-30");
    assert_eq!(report["next"], "2026-12-30");
    assert!(
        report["summary"]
            .as_str()
            .expect("a summary")
            .starts_with("In the period 1 July to 30 September 2026: 1 recommendation closed"),
        "{report}"
    );
    assert_eq!(strings(&report["items"], "id"), ["R1", "R2", "R3", "R4"]);
    let r2 = &report["items"][1];
    assert_eq!(r2["status"]["from"], "in-progress");
    assert_eq!(r2["status"]["to"], "complete");
    assert_eq!(r2["sign_offs"][0]["by"], "analyst");
    assert!(
        r2["sign_offs"][0]["refused"]
            .as_str()
            .is_some_and(|why| why.contains("someone else")),
        "{r2}"
    );
    assert!(report["items"][0]["sign_offs"][0]["refused"].is_null());
    let r3 = &report["items"][2];
    assert_eq!(r3["rag"]["from"], "green");
    assert_eq!(r3["rag"]["to"], "red");
    assert_eq!(r3["due"][1]["previous"], "2026-12-31");
    assert_eq!(r3["due"][1]["new"], "2027-03-31");
    assert_eq!(r3["due"][1]["original"], "2026-09-30");
    assert_eq!(r3["due"][1]["reason"], "Procurement re-run");
    // The text as the file holds it: JSON escapes, not Markdown's.
    assert_eq!(
        r3["updates"][0]["text"],
        "**Bold** <script>alert(1)</script> [link](http://evil.example) \u{1b}[31mred"
    );
    assert_eq!(strings(&report["overdue"], "id"), ["R8", "R5"]);
    assert_eq!(report["overdue"][0]["days_left"], -61);
    assert_eq!(strings(&report["due_before_next"], "id"), ["R6", "R4"]);
    assert_eq!(strings(&report["slipped"], "id"), ["R3", "R1"]);
    assert_eq!(report["slipped"][0]["days"], 182);
    assert_eq!(report["slipped"][0]["revisions"], 2);
    // No raw escape character reaches the terminal, even in JSON.
    assert!(!text.contains('\u{1b}'), "{text:?}");
}

// --------------------------------------------------------------- hostile

#[test]
fn text_from_the_files_stays_inert() {
    let dir = quarter_dir();
    let out = pack(dir.path(), &[]);
    let text = stdout(&out);
    assert!(
        !text.contains('\u{1b}'),
        "an escape reached stdout: {text:?}"
    );
    assert!(
        !text.contains("<script>") && !text.contains("<b>"),
        "{text}"
    );
    assert!(!text.contains("**Bold**"), "{text}");
    assert!(text.contains(r"\*MoD\*"), "{text}");
    // As a renderer reads it, with every extension on: the headings are
    // the pack's own, and no link, HTML, code or emphasis came from a file.
    let mut headings = Vec::new();
    let mut heading: Option<(HeadingLevel, String)> = None;
    let mut strong: Option<String> = None;
    for event in Parser::new_ext(&text, Options::all()) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => heading = Some((level, String::new())),
            Event::End(TagEnd::Heading(_)) => headings.extend(heading.take()),
            Event::Start(Tag::Strong) => strong = Some(String::new()),
            Event::End(TagEnd::Strong) => {
                let words = strong.take().unwrap_or_default();
                assert_eq!(words, "Sign-off does not stand:", "bold from a file");
            }
            Event::Text(t) => {
                if let Some((_, h)) = &mut heading {
                    h.push_str(&t);
                }
                if let Some(s) = &mut strong {
                    s.push_str(&t);
                }
            }
            Event::Html(h) | Event::InlineHtml(h) => panic!("HTML from a file: {h:?}"),
            Event::Code(c) => panic!("code from a file: {c:?}"),
            Event::Start(tag @ (Tag::Link { .. } | Tag::Image { .. } | Tag::Emphasis)) => {
                panic!("{tag:?} from a file in\n{text}")
            }
            _ => {}
        }
    }
    let levels: Vec<HeadingLevel> = headings.iter().map(|(l, _)| *l).collect();
    assert_eq!(
        levels[..2],
        [HeadingLevel::H1, HeadingLevel::H2],
        "{headings:?}"
    );
    assert!(
        levels[2..].iter().all(|l| *l == HeadingLevel::H3),
        "{headings:?}"
    );
    assert!(
        headings.iter().all(|(_, h)| !h.contains("MoD")),
        "{headings:?}"
    );
}

// ------------------------------------------------------------ exit codes

#[test]
fn a_bad_date_is_a_usage_error_naming_the_value() {
    let dir = quarter_dir();
    for args in [
        ["changes", "prevent.yaml", "--since", "2026-13-01"],
        ["changes", "prevent.yaml", "--since", "yesterday"],
    ] {
        let out = run_in(dir.path(), &args);
        assert_eq!(code(&out), 2, "{args:?}");
        assert!(stderr(&out).contains(args[3]), "{}", stderr(&out));
        assert!(stdout(&out).is_empty());
    }
    let out = run_in(
        dir.path(),
        &[
            "changes",
            "prevent.yaml",
            "--since",
            "2026-07-01",
            "--until",
            "2026-02-30",
        ],
    );
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("2026-02-30"), "{}", stderr(&out));
    // A period that ends before it starts.
    let out = run_in(
        dir.path(),
        &[
            "changes",
            "prevent.yaml",
            "--since",
            "2026-07-01",
            "--until",
            "2026-06-30",
        ],
    );
    assert_eq!(code(&out), 2, "{}", stderr(&out));
}

#[test]
fn since_and_since_rev_are_exclusive_and_one_is_needed() {
    let dir = quarter_dir();
    let out = run_in(dir.path(), &["changes", "prevent.yaml"]);
    assert_eq!(code(&out), 2);
    let out = run_in(
        dir.path(),
        &[
            "changes",
            "prevent.yaml",
            "--since",
            "2026-07-01",
            "--since-rev",
            "HEAD",
        ],
    );
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("cannot be used with"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_file_that_fails_to_load_is_1_and_the_others_are_still_reported() {
    let dir = quarter_dir();
    let broken = dir.write("broken.yaml", "inspection: [not, a, map\n");
    let out = run_in(
        dir.path(),
        &[
            "changes",
            broken.to_str().expect("a UTF-8 path"),
            "prevent.yaml",
            "--since",
            "2026-07-01",
            "--until",
            "2026-09-30",
        ],
    );
    assert_eq!(code(&out), 1);
    assert!(stderr(&out).contains("broken.yaml"), "{}", stderr(&out));
    assert!(stdout(&out).contains("### Closed"), "{}", stdout(&out));
    // A folder: every inspection in it, the broken one too.
    let out = run_in(
        dir.path(),
        &[
            "changes",
            ".",
            "--since",
            "2026-07-01",
            "--until",
            "2026-09-30",
            "--format",
            "json",
        ],
    );
    assert_eq!(code(&out), 1);
    let text = stdout(&out);
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON object"))
        .collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(lines[0]["error"].is_string(), "{text}");
    assert_eq!(lines[1]["id"], "hmicfrs-2020-prevent");
}

// ------------------------------------------------------------- since-rev

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CEILING_DIRECTORIES", dir.parent().unwrap_or(dir))
        .output()
        .expect("run git");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The scripted quarter in a git repository of its own, committed; then R5
/// closed, evidenced and rated, and R7 signed off by its closer, committed
/// again.
fn repo() -> TempDir {
    let dir = quarter_dir();
    let path = dir.path();
    git(path, &["init", "-q"]);
    git(path, &["config", "user.name", "Test Reviewer"]);
    git(path, &["config", "user.email", "reviewer@example.com"]);
    git(path, &["config", "commit.gpgsign", "false"]);
    git(path, &["add", "."]);
    git(path, &["commit", "-q", "-m", "the quarter"]);
    let review = REVIEW
        .replacen(
            "  R5:\n    status: in-progress\n",
            "  R5:\n    status: complete\n    rag: green\n    evidence:\n      - Lessons log\n    updates:\n      - at: 2026-11-01T09:00:00Z\n        by: analyst\n        text: Lessons log published.\n",
            1,
        )
        .replacen(
            "        status: in-progress\n  R6:",
            "        status: in-progress\n      - at: 2026-11-01T09:00:00Z\n        by: analyst\n        evidence: Lessons log\n      - at: 2026-11-02T09:00:00Z\n        by: analyst\n        status: complete\n      - at: 2026-11-02T09:01:00Z\n        by: analyst\n        rag: green\n  R6:",
            1,
        )
        .replacen(
            "  R7:\n    status: accepted\n",
            "  R7:\n    status: complete\n    evidence: [Staff survey]\n    signed_off: {by: analyst, at: 2026-11-05T09:00:00Z}\n",
            1,
        )
        .replacen(
            "        status: accepted\n  R8:",
            "        status: accepted\n      - {at: 2026-11-04T09:00:00Z, by: analyst, evidence: Staff survey}\n      - {at: 2026-11-04T09:01:00Z, by: analyst, status: complete}\n      - {at: 2026-11-05T09:00:00Z, by: analyst, signed_off: true}\n  R8:",
            1,
        );
    assert_ne!(review, REVIEW, "the second version differs");
    dir.write("prevent.review.yaml", &review);
    git(path, &["commit", "-q", "-a", "-m", "November"]);
    dir
}

#[test]
fn since_rev_compares_the_review_at_a_revision_with_today() {
    let dir = repo();
    let out = run_in(
        dir.path(),
        &["changes", "prevent.yaml", "--since-rev", "HEAD~1"],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.starts_with("# Changes, since revision HEAD\\~1\n"),
        "{text}"
    );
    assert!(text.contains("\nSince revision HEAD\\~1 (to "), "{text}");
    let closed = section(&text, "### Closed");
    assert!(
        closed.contains("- R5 – Sharing lessons learnt: set complete on 2 November 2026 (analyst); not yet signed off."),
        "{closed}"
    );
    let r7 = closed
        .lines()
        .find(|l| l.starts_with("- R7 – "))
        .unwrap_or_else(|| panic!("R7 under Closed:\n{closed}"));
    assert!(r7.contains("**Sign-off does not stand:**"), "{r7}");
    let progress = section(&text, "### Progress");
    assert!(
        progress.contains("Update, 1 November 2026 (analyst): Lessons log published."),
        "{progress}"
    );
    assert!(
        progress.contains("Evidence added, 1 November 2026: Lessons log"),
        "{progress}"
    );
    assert!(
        section(&text, "### RAG changes").contains("- R5 – Sharing lessons learnt: none → Green."),
        "{text}"
    );
    // What was already in the first commit is no change.
    assert!(
        !text.contains("R1 – Training package for Prevent strategic leads: set complete"),
        "{text}"
    );
    assert!(!text.contains("### Dates revised"), "{text}");
    // Compared with itself, nothing changed.
    let out = run_in(
        dir.path(),
        &[
            "changes",
            "prevent.yaml",
            "--since-rev",
            "HEAD",
            "--format",
            "json",
        ],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let report: serde_json::Value = serde_json::from_str(stdout(&out).trim()).expect("JSON");
    assert_eq!(report["since_rev"], "HEAD");
    assert_eq!(report["items"], serde_json::json!([]));
}

#[test]
fn since_rev_says_clearly_when_there_is_no_earlier_version() {
    // Not in git at all.
    let dir = quarter_dir();
    let out = run_in(
        dir.path(),
        &["changes", "prevent.yaml", "--since-rev", "HEAD"],
    );
    assert_eq!(code(&out), 1);
    assert!(
        stderr(&out).contains("not in a git repository"),
        "{}",
        stderr(&out)
    );
    // In git, but the review file was not committed at that revision.
    let path = dir.path();
    git(path, &["init", "-q"]);
    git(path, &["config", "user.name", "Test Reviewer"]);
    git(path, &["config", "user.email", "reviewer@example.com"]);
    git(path, &["config", "commit.gpgsign", "false"]);
    git(path, &["add", "prevent.yaml"]);
    git(path, &["commit", "-q", "-m", "the inspection alone"]);
    let out = run_in(path, &["changes", "prevent.yaml", "--since-rev", "HEAD"]);
    assert_eq!(code(&out), 1);
    let err = stderr(&out);
    assert!(
        err.contains("prevent.review.yaml: not found in git at revision HEAD"),
        "{err}"
    );
    // A revision that does not exist.
    let out = run_in(
        path,
        &["changes", "prevent.yaml", "--since-rev", "no-such-branch"],
    );
    assert_eq!(code(&out), 1);
    assert!(stderr(&out).contains("no-such-branch"), "{}", stderr(&out));
    // Something that is an option, not a revision.
    let out = run_in(path, &["changes", "prevent.yaml", "--since-rev=--output=x"]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(!path.join("x").exists());
}

#[test]
fn the_pack_as_a_workbook_has_a_sheet_of_changes_and_one_for_each_list() {
    use calamine::{Data, Reader as _, Xlsx, open_workbook_from_rs};
    let dir = quarter_dir();
    let mut args = vec!["changes", "prevent.yaml"];
    args.extend_from_slice(&PERIOD);
    args.extend_from_slice(&["--format", "xlsx", "-o", "pack.xlsx"]);
    let out = run_in(dir.path(), &args);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let bytes = std::fs::read(dir.join("pack.xlsx")).expect("written");
    let mut book: Xlsx<_> =
        open_workbook_from_rs(std::io::Cursor::new(bytes)).expect("the workbook opens");
    assert_eq!(
        book.sheet_names(),
        ["Changes", "Overdue now", "Due before next", "Slipped most"]
    );
    let changes: Vec<Vec<Data>> = book
        .worksheet_range("Changes")
        .expect("the changes")
        .rows()
        .map(<[Data]>::to_vec)
        .collect();
    let text = |cell: &Data| cell.to_string();
    assert_eq!(text(&changes[0][3]), "Change");
    let revised: Vec<&Vec<Data>> = changes
        .iter()
        .filter(|row| text(&row[3]) == "Date revised")
        .collect();
    assert_eq!(revised.len(), 2, "the quarter's two revisions of R3");
    assert_eq!(text(&revised[0][1]), "R3");
    assert_eq!(text(&revised[0][8]), "Partner IT system delayed");
    // Days as dates, statuses in words.
    assert!(
        matches!(revised[0][4], Data::DateTime(_)),
        "{:?}",
        revised[0][4]
    );
    let status = changes
        .iter()
        .find(|row| text(&row[3]) == "Status")
        .expect("a status move");
    assert_eq!(text(&status[7]), "Complete");
    // The bad sign-off is flagged in its row, never a clean closure.
    assert!(
        changes
            .iter()
            .any(|row| text(&row[3]) == "Signed off" && text(&row[8]).starts_with("Does not stand")),
        "{changes:?}"
    );
    // A hostile title stays text, not a formula.
    let overdue: Vec<Vec<Data>> = book
        .worksheet_range("Overdue now")
        .expect("overdue")
        .rows()
        .map(<[Data]>::to_vec)
        .collect();
    assert!(
        overdue.iter().any(|row| text(&row[2]) == HOSTILE_TITLE),
        "{overdue:?}"
    );
    assert_eq!(text(&overdue[1][6]), "In progress");
}

#[test]
fn o_is_for_the_workbook_only_and_a_workbook_needs_a_file_on_a_terminal() {
    let dir = quarter_dir();
    let mut args = vec!["changes", "prevent.yaml"];
    args.extend_from_slice(&PERIOD);
    args.extend_from_slice(&["-o", "pack.md"]);
    let out = run_in(dir.path(), &args);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("-o is for --format xlsx"),
        "{}",
        stderr(&out)
    );
    // Piped, the workbook goes to standard output.
    let mut args = vec!["changes", "prevent.yaml"];
    args.extend_from_slice(&PERIOD);
    args.extend_from_slice(&["--format", "xlsx"]);
    let out = run_in(dir.path(), &args);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(out.stdout.starts_with(b"PK"), "a zip");
}
