//! The published response on the command line: `export --format response`
//! and `--format docx` (the document, the hard stop and `--draft`, the chief
//! officer's part, the copy kept of a file edited since), `check --response`
//! and the summary's checklist, and hostile text in every field of the
//! response.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{Cursor, Read};

use super::hostile::{Structure, structure, yq};
use super::*;

// ---------------------------------------------------------------- helpers

/// The example's recommendations, by number, as the report titles them.
const TITLES: [&str; 8] = [
    "Training package for Prevent strategic leads",
    "Checking that Prevent training is completed",
    "Consistent referral forms, processes and standards",
    "Information sharing despite differing vetting levels",
    "Sharing lessons learnt",
    "Planned engagement with communities",
    "Police resilience against radicalisation of their own staff",
    "Adding the Ministry of Defence Police to the Prevent duty",
];

/// A review of the example: each recommendation but those in `unanswered`
/// answered, with `response` (YAML lines under `response:`, indented two
/// spaces) when given.
fn review_of_example(unanswered: &[&str], response: Option<&str>) -> String {
    let mut text = String::from("version: 1\ninspection: hmicfrs-2020-prevent\n");
    if let Some(response) = response {
        text.push_str("response:\n");
        text.push_str(response);
    }
    text.push_str("items:\n");
    for n in 1..=8 {
        let id = format!("R{n}");
        if !unanswered.contains(&id.as_str()) {
            let _ = writeln!(text, "  {id}:\n    note: The response to {id}.");
        }
    }
    text
}

/// A response complete but for the chief officer's part: `chief` is the
/// YAML of `response.chief` (indented four spaces).
fn response_with_chief(chief: &str) -> String {
    format!(
        "  by: Northshire Police and Crime Commissioner\n  signed: A. Commissioner, Police and Crime Commissioner\n  force: Northshire Police\n  opening: Our opening words.\n  chief:\n{chief}"
    )
}

/// A folder holding the example and `review` as its review beside it; the
/// inspection's path.
fn example_with(name: &str, review: &str) -> (TempDir, PathBuf) {
    let dir = TempDir::new(name);
    let inspection = dir.with_example();
    dir.write("prevent-2020.review.yaml", review);
    (dir, inspection)
}

fn path_str(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 path")
}

/// The lines of `md` from the heading `heading` (its text, without the
/// hashes) up to the next heading of any level.
fn under<'a>(md: &'a str, heading: &str) -> &'a str {
    let start = md
        .split_inclusive('\n')
        .scan(0, |at, line| {
            let here = *at;
            *at += line.len();
            Some((here, line))
        })
        .find(|(_, line)| line.starts_with('#') && line.trim_start_matches('#').trim() == heading)
        .map_or_else(|| panic!("no heading {heading:?} in:\n{md}"), |(at, _)| at);
    let body_start = start + md[start..].find('\n').map_or(md.len() - start, |n| n + 1);
    let end = md[body_start..]
        .find("\n#")
        .map_or(md.len(), |n| body_start + n + 1);
    &md[body_start..end]
}

/// The parts of a Word package, by name, as text.
fn docx_parts(bytes: &[u8]) -> BTreeMap<String, String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip package");
    let mut parts = BTreeMap::new();
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).expect("a part");
        let mut text = String::new();
        file.read_to_string(&mut text).expect("a part in UTF-8");
        parts.insert(file.name().expect("a UTF-8 name").into_owned(), text);
    }
    parts
}

fn part<'a>(parts: &'a BTreeMap<String, String>, name: &str) -> &'a str {
    parts
        .get(name)
        .unwrap_or_else(|| panic!("no {name} in {:?}", parts.keys()))
}

/// Whether `xml` is well-formed as the writer makes it: one declaration,
/// tags that nest and match, quoted attributes without `<`, `&` only as an
/// entity or character reference, and no character XML 1.0 forbids.
fn well_formed(xml: &str) -> Result<(), String> {
    if let Some(c) = xml
        .chars()
        .find(|&c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
    {
        return Err(format!("a control character {c:?}"));
    }
    let mut rest = xml
        .strip_prefix("<?xml ")
        .and_then(|r| r.split_once("?>"))
        .map(|(_, r)| r)
        .ok_or("no XML declaration")?;
    let mut open: Vec<&str> = Vec::new();
    let mut roots = 0;
    while !rest.is_empty() {
        let (text, tag) = match rest.find('<') {
            Some(at) => (&rest[..at], Some(&rest[at + 1..])),
            None => (rest, None),
        };
        check_entities(text)?;
        if open.is_empty() && !text.trim().is_empty() {
            return Err(format!("text outside the root: {text:?}"));
        }
        let Some(tag) = tag else { break };
        let end = tag.find('>').ok_or("a tag not closed")?;
        let inner = &tag[..end];
        rest = &tag[end + 1..];
        if let Some(name) = inner.strip_prefix('/') {
            match open.pop() {
                Some(o) if o == name => {}
                other => return Err(format!("</{name}> closes {other:?}")),
            }
            continue;
        }
        let (inner, empty) = inner
            .strip_suffix('/')
            .map_or((inner, false), |i| (i, true));
        let name_end = inner.find(char::is_whitespace).unwrap_or(inner.len());
        let name = &inner[..name_end];
        if name.is_empty()
            || !name
                .chars()
                .all(|c| c.is_alphanumeric() || ":_-.".contains(c))
        {
            return Err(format!("a bad element name in <{inner}>"));
        }
        // Attributes: name="value", the value without < and with & only
        // as a reference.
        let mut attrs = inner[name_end..].trim();
        while !attrs.is_empty() {
            let (_, value) = attrs.split_once("=\"").ok_or("an attribute unquoted")?;
            let (value, after) = value.split_once('"').ok_or("an attribute not closed")?;
            if value.contains('<') {
                return Err(format!("< in an attribute: {value:?}"));
            }
            check_entities(value)?;
            attrs = after.trim_start();
        }
        if open.is_empty() {
            roots += 1;
        }
        if !empty {
            open.push(name);
        }
    }
    match (open.last(), roots) {
        (Some(name), _) => Err(format!("<{name}> is not closed")),
        (None, 1) => Ok(()),
        (None, n) => Err(format!("{n} root elements")),
    }
}

/// `&` in `text` only as `&name;` or `&#...;`.
fn check_entities(text: &str) -> Result<(), String> {
    for (at, _) in text.match_indices('&') {
        let after = &text[at + 1..];
        let end = after.find(';').ok_or("& without ;")?;
        let name = &after[..end];
        let ok = ["amp", "lt", "gt", "quot", "apos"].contains(&name)
            || name
                .strip_prefix("#x")
                .is_some_and(|h| !h.is_empty() && h.chars().all(|c| c.is_ascii_hexdigit()))
            || name
                .strip_prefix('#')
                .is_some_and(|d| !d.is_empty() && d.chars().all(|c| c.is_ascii_digit()));
        if !ok {
            return Err(format!("a bad reference &{name};"));
        }
    }
    Ok(())
}

#[test]
fn the_xml_check_catches_what_is_not_well_formed() {
    let ok = r#"<?xml version="1.0"?><a x="1"><b/>t &amp; &#10;</a>"#;
    assert_eq!(well_formed(ok), Ok(()));
    for bad in [
        r#"<?xml version="1.0"?><a><b></a>"#,
        r#"<?xml version="1.0"?><a>&</a>"#,
        r#"<?xml version="1.0"?><a>&bogus;</a>"#,
        r#"<?xml version="1.0"?><a x="<">y</a>"#,
        "<?xml version=\"1.0\"?><a>\u{1b}</a>",
        r#"<?xml version="1.0"?><a/><b/>"#,
        r#"<?xml version="1.0"?><a>"#,
        "<a/>",
    ] {
        assert!(well_formed(bad).is_err(), "{bad:?} passes");
    }
}

// ------------------------------------------------------ the bundled example

#[test]
fn the_bundled_example_is_published_as_the_response_with_nothing_internal() {
    let out = run(&["export", EXAMPLE, "--format", "response"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let md = stdout(&out);
    let h1 = md.lines().next().expect("a first line");
    assert!(h1.starts_with("# "), "{h1}");
    for words in [
        "Nottinghamshire Police and Crime Commissioner",
        "Counter-terrorism policing – an inspection of the police's contribution",
    ] {
        assert!(h1.contains(words), "the H1 holds {words:?}: {h1}");
    }
    assert!(
        md.contains("HMICFRS published the report on 9 March 2020."),
        "{md}"
    );
    assert!(
        md.contains("This is the Commissioner's response to the HMICFRS inspection"),
        "the opening words:\n{md}"
    );
    // Eight numbered entries, in order, each with its title and a response.
    let recommendations = under(&md, "Recommendations");
    let numbered: Vec<&str> = recommendations
        .lines()
        .filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_digit()))
        .collect();
    assert_eq!(numbered.len(), 8, "{numbered:?}");
    for (n, (line, title)) in numbered.iter().zip(TITLES).enumerate() {
        assert_eq!(*line, format!("{}. **{title}**", n + 1));
    }
    assert_eq!(
        recommendations.matches("   **Response**").count(),
        8,
        "each has its response:\n{recommendations}"
    );
    let strengths = under(&md, "Strengths");
    let bullets: Vec<&str> = strengths.lines().filter(|l| l.starts_with("- ")).collect();
    assert_eq!(
        bullets.first().copied(),
        Some("- Well-trained specialist counter-terrorism police-funded posts")
    );
    assert_eq!(bullets.len(), 6, "{strengths}");
    assert!(
        under(&md, "The chief officer's comments").contains("The Chief Constable's comments"),
        "{md}"
    );
    assert!(
        md.trim_end()
            .ends_with("Paddy Tipping\\\nPolice and Crime Commissioner"),
        "the signature closes it:\n{md}"
    );
    // Nothing from inside the office: the statuses (the example's are all
    // not-applicable), owners, days overdue, what is still needed.
    for internal in [
        "Status",
        "status",
        "Owner",
        "owner:",
        "Office of the Police and Crime Commissioner",
        "overdue",
        "Response needed",
        "Unreviewed",
        "unreviewed",
        "not-applicable",
        "Not applicable",
        "days",
        "To do",
    ] {
        assert!(
            !md.contains(internal),
            "{internal:?} is internal, yet in the response:\n{md}"
        );
    }
}

// ------------------------------------------------- the hard stop and --draft

#[test]
fn a_recommendation_without_a_response_stops_the_published_documents() {
    let (dir, inspection) = example_with("response-stop", &review_of_example(&["R3", "R7"], None));
    let file = path_str(&inspection);
    for format in ["response", "docx"] {
        let target = dir.join(&format!("out.{format}"));
        let out = run(&["export", file, "--format", format, "-o", path_str(&target)]);
        assert_eq!(code(&out), 1, "{format}: {}", stderr(&out));
        let said = stderr(&out);
        for words in [
            "cannot be published yet",
            "2 recommendations without a response: R3, R7",
            "the responding body is not named",
            "the chief officer's comments",
            "--draft",
        ] {
            assert!(said.contains(words), "{format}: {words:?} in {said}");
        }
        assert!(stdout(&out).is_empty(), "{format}");
        assert!(!target.exists(), "{format}: nothing written");
    }
    // The working draft for the office is not the published response: it
    // is written whatever is missing.
    assert_eq!(code(&run(&["export", file, "--format", "markdown"])), 0);
}

#[test]
fn a_draft_marks_each_gap_where_it_stands() {
    let (_dir, inspection) = example_with("response-draft", &review_of_example(&["R3"], None));
    let file = path_str(&inspection);
    let out = run(&["export", file, "--format", "response", "--draft"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let md = stdout(&out);
    // Under R3 and no other recommendation.
    let recommendations = under(&md, "Recommendations");
    let gaps: Vec<&str> = recommendations
        .lines()
        .filter(|l| l.contains("[To do: the response"))
        .collect();
    assert_eq!(gaps.len(), 1, "{recommendations}");
    let r3 = recommendations
        .split("\n3. ")
        .nth(1)
        .and_then(|rest| rest.split("\n4. ").next())
        .expect("R3's entry");
    assert!(r3.contains("[To do: the response"), "{r3}");
    assert!(!r3.contains("**Response**"), "{r3}");
    for words in [
        "[To do: the responding body",
        "[To do: the opening words]",
        "[To do: who signs the response]",
    ] {
        assert!(md.contains(words), "{words:?} in:\n{md}");
    }
    assert!(
        under(&md, "The chief officer's comments")
            .contains("[To do: the chief officer's comments, or a record that none were received]"),
        "{md}"
    );
    // The draft's gaps are bold, so they show: never a quiet blank.
    assert!(md.contains("**[To do: the opening words]**"), "{md}");
    // Word writes a draft too.
    let docx = run(&["export", file, "--format", "docx", "--draft"]);
    assert_eq!(code(&docx), 0, "{}", stderr(&docx));
    let parts = docx_parts(&docx.stdout);
    assert!(
        part(&parts, "word/document.xml").contains("[To do: the opening words]"),
        "the Word draft marks its gaps"
    );
}

#[test]
fn draft_is_for_the_published_response_only() {
    for format in ["csv", "json", "markdown"] {
        let out = run(&["export", EXAMPLE, "--format", format, "--draft"]);
        assert_eq!(code(&out), 2, "{format}: {}", stderr(&out));
        assert!(stderr(&out).contains("--draft"), "{format}");
        assert!(stdout(&out).is_empty(), "{format}");
    }
}

// ------------------------------------------------ the chief officer's part

#[test]
fn comments_recorded_as_not_received_are_said_to_be_so_with_the_dates() {
    let chief = "    requested: 2020-03-10\n    due: 2020-04-06\n    not_received: true\n";
    let (_dir, inspection) = example_with(
        "response-chief-none",
        &review_of_example(&[], Some(&response_with_chief(chief))),
    );
    let out = run(&["export", path_str(&inspection), "--format", "response"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let md = stdout(&out);
    let part = under(&md, "The chief officer's comments");
    assert!(
        part.contains(
            "The comments of the chief officer of Northshire Police were invited on 10 March 2020, to be given by 6 April 2020. None were received."
        ),
        "{part}"
    );
    assert!(
        !part.contains("2020-"),
        "dates as a letter writes them: {part}"
    );
    // And the checklist takes the record as settled.
    let check = run(&["check", "--response", path_str(&inspection)]);
    assert_eq!(code(&check), 0, "{}", stdout(&check));
}

#[test]
fn comments_received_are_published_in_their_section() {
    let chief = "    requested: 2020-03-10\n    due: 2020-04-06\n    received: 2020-04-03\n    comments: |\n      I welcome the report.\n\n      Training completion is now checked monthly.\n";
    let (_dir, inspection) = example_with(
        "response-chief-words",
        &review_of_example(&[], Some(&response_with_chief(chief))),
    );
    let out = run(&["export", path_str(&inspection), "--format", "response"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let md = stdout(&out);
    let part = under(&md, "The chief officer's comments");
    for words in [
        "invited on 10 March 2020, to be given by 6 April 2020 and received on 3 April 2020",
        "> I welcome the report.",
        "> Training completion is now checked monthly.",
    ] {
        assert!(part.contains(words), "{words:?} in:\n{part}");
    }
    assert!(!part.contains("None were received"), "{part}");
}

// ------------------------------------------------------ check --response

/// The state each step of `check --response` is printed with, by step.
fn steps(report: &str) -> BTreeMap<String, String> {
    report
        .lines()
        .filter_map(|l| {
            let l = l.trim_start().strip_prefix('[')?;
            let (state, rest) = l.split_once(']')?;
            let step = rest.trim_start().split("  ").next()?;
            Some((step.to_owned(), state.to_owned()))
        })
        .collect()
}

#[test]
fn check_response_passes_the_bundled_example_and_shows_each_step() {
    let out = run(&["check", "--response", EXAMPLE]);
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    let report = stdout(&out);
    assert!(
        report.contains("The response can be published."),
        "{report}"
    );
    let steps = steps(&report);
    assert_eq!(
        steps.get("Responding body named").map(String::as_str),
        Some("done")
    );
    assert_eq!(
        steps
            .get("Every recommendation answered")
            .map(String::as_str),
        Some("done")
    );
    // Not published, and its last day (3 May 2020) long gone.
    assert_eq!(steps.get("Published").map(String::as_str), Some("late"));
    assert_eq!(
        steps.get("Last day to publish").map(String::as_str),
        Some("late")
    );
    assert_eq!(
        steps
            .get("Copy sent to the Home Office")
            .map(String::as_str),
        Some("to do")
    );
}

#[test]
fn check_response_fails_while_a_recommendation_is_unanswered_and_lists_why() {
    let (_dir, inspection) = example_with("check-stop", &review_of_example(&["R5"], None));
    let out = run(&["check", "--response", path_str(&inspection)]);
    assert_eq!(code(&out), 1, "{}", stdout(&out));
    let report = stdout(&out);
    assert!(
        report.contains("The response cannot be published yet:"),
        "{report}"
    );
    for blocker in [
        "  - the responding body is not named (response.by)",
        "  - 1 recommendation without a response: R5",
        "  - the chief officer's comments are neither received nor recorded as not received",
    ] {
        assert!(report.contains(blocker), "{blocker:?} in:\n{report}");
    }
    let steps = steps(&report);
    assert_eq!(
        steps
            .get("Every recommendation answered")
            .map(String::as_str),
        // Its last day (3 May 2020) is long gone: what is left is late.
        Some("late")
    );
    assert_eq!(
        steps.get("Responding body named").map(String::as_str),
        Some("to do")
    );
}

#[test]
fn check_response_needs_nothing_of_a_force_outside_the_report() {
    let review = format!(
        "version: 1\ninspection: hmicfrs-2020-prevent\nresponse:\n  outside: {}\n",
        yq("The report concerns the Ministry of Defence Police alone.")
    );
    let (_dir, inspection) = example_with("check-outside", &review);
    let out = run(&["check", "--response", path_str(&inspection)]);
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    let report = stdout(&out);
    assert!(report.contains("No response is required"), "{report}");
    assert!(!report.contains("cannot be published"), "{report}");
    assert_eq!(
        steps(&report).get("Outside the force").map(String::as_str),
        Some("done")
    );
    // Outside or not, the published response still needs what it holds.
    let export = run(&["export", path_str(&inspection), "--format", "response"]);
    assert_eq!(code(&export), 1, "{}", stderr(&export));
}

#[test]
fn check_response_takes_one_file() {
    let out = run(&["check", "--response", EXAMPLE, EXAMPLE]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(stderr(&out).contains("one"), "{}", stderr(&out));
    assert!(stdout(&out).is_empty());
}

#[test]
fn the_summary_carries_the_checklist() {
    let out = run(&["summary", EXAMPLE, "--json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let line = stdout(&out);
    let summary: serde_json::Value = serde_json::from_str(line.trim()).expect("one JSON object");
    let response = &summary["response"];
    assert_eq!(response["blockers"], serde_json::json!([]), "{response}");
    let steps = response["steps"].as_array().expect("steps, a list");
    assert!(!steps.is_empty(), "{response}");
    // And a review that cannot be published says why.
    let (_dir, inspection) = example_with("summary-stop", &review_of_example(&["R1"], None));
    let out = run(&["summary", path_str(&inspection), "--json"]);
    let summary: serde_json::Value =
        serde_json::from_str(stdout(&out).trim()).expect("one JSON object");
    let blockers = summary["response"]["blockers"]
        .as_array()
        .expect("blockers, a list");
    assert_eq!(blockers.len(), 3, "{blockers:?}");
}

// -------------------------------------------------------------- Word

#[test]
fn docx_to_a_file_holds_the_response_and_names_its_author() {
    let dir = TempDir::new("docx-o");
    let target = dir.join("response.docx");
    let out = run(&[
        "export",
        EXAMPLE,
        "--format",
        "docx",
        "-o",
        path_str(&target),
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stdout(&out).is_empty(), "nothing on stdout with -o");
    let bytes = fs::read(&target).expect("the Word file");
    let parts = docx_parts(&bytes);
    let document = part(&parts, "word/document.xml");
    for words in TITLES.iter().copied().chain(["Paddy Tipping"]) {
        let escaped = words.replace('\'', "&apos;");
        assert!(
            document.contains(&escaped),
            "{words:?} in the Word document"
        );
    }
    assert!(!document.contains("overdue"), "nothing internal");
    let core = part(&parts, "docProps/core.xml");
    assert!(
        core.contains("<dc:creator>Nottinghamshire Police and Crime Commissioner</dc:creator>"),
        "{core}"
    );
    for (name, xml) in &parts {
        // Every part of the package is XML.
        assert_eq!(well_formed(xml), Ok(()), "{name}");
    }
}

#[test]
fn docx_to_a_pipe_writes_the_package() {
    let out = run(&["export", EXAMPLE, "--format", "docx"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(out.stdout.starts_with(b"PK"), "a zip on stdout");
    let parts = docx_parts(&out.stdout);
    assert!(part(&parts, "word/document.xml").contains("Paddy Tipping"));
}

// ------------------------------------- the copy kept of a file edited since

#[test]
fn the_published_documents_keep_a_file_scrutiny_did_not_write() {
    let dir = TempDir::new("response-kept");
    for (format, name, ext) in [
        ("response", "letter.md", "md"),
        ("docx", "letter.docx", "docx"),
    ] {
        let target = dir.join(name);
        fs::write(&target, "the clerk's own edits\n").expect("a file already there");
        let out = run(&[
            "export",
            EXAMPLE,
            "--format",
            format,
            "-o",
            path_str(&target),
            "--force",
        ]);
        assert_eq!(code(&out), 0, "{format}: {}", stderr(&out));
        let kept: Vec<String> = dir
            .names()
            .into_iter()
            .filter(|n| n.starts_with("letter.edited-") && n.ends_with(&format!(".{ext}")))
            .collect();
        assert_eq!(kept.len(), 1, "{format}: {:?}", dir.names());
        let kept = dir.join(&kept[0]);
        assert!(
            stderr(&out).contains(&format!("kept as {}", kept.display())),
            "{format}: {}",
            stderr(&out)
        );
        assert_eq!(
            fs::read_to_string(&kept).expect("the copy"),
            "the clerk's own edits\n",
            "{format}"
        );
        assert_ne!(
            fs::read(&target).expect("the export"),
            b"the clerk's own edits\n",
            "{format}: written"
        );
        // Written again, unchanged since: no second copy.
        let again = run(&[
            "export",
            EXAMPLE,
            "--format",
            format,
            "-o",
            path_str(&target),
            "--force",
        ]);
        assert_eq!(code(&again), 0, "{format}");
        assert!(
            !stderr(&again).contains("kept as"),
            "{format}: {}",
            stderr(&again)
        );
        fs::remove_file(&kept).expect("remove the copy");
    }
    assert_eq!(dir.names(), ["letter.docx", "letter.md"]);
}

// ---------------------------------------------------------- hostile text

/// Text that tries to become markup, a link, a terminal command or hidden
/// reordering, wherever it goes.
const HOSTILE: &str = "<script>alert(1)</script> [x](javascript:alert(1)) &lt;b&gt; |table| \u{1b}[31mred\u{7}\u{0} \u{202e}reversed";

/// The same, with the block markup a multi-line field can hold.
const HOSTILE_BLOCK: &str = "# heading\n> quote\n```\nfenced\n```\n| a | b |\n|---|---|\n| c | d |\n[y](javascript:alert(1)) <img src=x onerror=alert(1)>\nline\r# after a lone CR\n\u{1b}]8;;http://evil.example\u{7}link\u{1b}]8;;\u{7} \u{0}\u{202e}end";

fn hostile_pair(dir: &TempDir) -> PathBuf {
    let inspection = format!(
        "\
version: 1
inspection:
  id: hostile-response
  title: {t}
  inspectorate: {t}
  published: 2020-03-09
  url: {js}
  summary: {b}
recommendations:
  - id: R1
    title: {t}
    text: {b}
    directed_to: [{t}]
  - id: R2
    title: {t}
areas_for_improvement:
  - id: A1
    title: {t}
strengths:
  - id: S1
    title: {t}
",
        t = yq(HOSTILE),
        b = yq(HOSTILE_BLOCK),
        js = yq("javascript:alert(1)"),
    );
    let review = format!(
        "\
version: 1
inspection: hostile-response
response:
  by: {t}
  signed: {t}
  force: {t}
  opening: {b}
  closing: {b}
  chief:
    requested: 2020-03-10
    due: 2020-04-06
    received: 2020-04-03
    comments: {b}
  published: 2020-04-30
  url: {js}
items:
  R1:
    note: {b}
  R2:
    note: {t}
  A1:
    note: {b}
",
        t = yq(HOSTILE),
        b = yq(HOSTILE_BLOCK),
        js = yq("javascript:alert(1)"),
    );
    dir.write("hostile.review.yaml", &review);
    dir.write("hostile.yaml", &inspection)
}

#[test]
fn hostile_response_markdown_keeps_the_structure_scrutiny_gives_it() {
    use pulldown_cmark::{HeadingLevel, Options};
    let dir = TempDir::new("response-hostile-md");
    let inspection = hostile_pair(&dir);
    let target = dir.join("letter.md");
    let out = run(&[
        "export",
        path_str(&inspection),
        "--format",
        "response",
        "-o",
        path_str(&target),
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let written = fs::read_to_string(&target).expect("the response");
    let printed = run(&["export", path_str(&inspection), "--format", "response"]);
    assert_eq!(code(&printed), 0, "{}", stderr(&printed));
    for (how, md) in [("-o", written), ("stdout", stdout(&printed))] {
        for byte in ['\u{1b}', '\u{7}', '\u{0}', '\r', '\u{202e}'] {
            assert!(
                !md.contains(byte),
                "{how}: {byte:?} reached the document:\n{md}"
            );
        }
        for options in [
            Options::empty(),
            Options::all() - Options::ENABLE_SMART_PUNCTUATION,
        ] {
            let Structure {
                headings, links, ..
            } = structure(&md, options);
            let levels: Vec<HeadingLevel> = headings.iter().map(|(l, _)| *l).collect();
            let texts: Vec<&str> = headings.iter().skip(1).map(|(_, t)| t.as_str()).collect();
            assert_eq!(
                levels[0],
                HeadingLevel::H1,
                "{how} {options:?}: {headings:?}"
            );
            assert!(
                levels[1..].iter().all(|l| *l == HeadingLevel::H2),
                "{how} {options:?}: {headings:?}"
            );
            assert_eq!(
                texts,
                [
                    "What the report found",
                    "Recommendations",
                    "Areas for improvement",
                    "Strengths",
                    "The chief officer's comments",
                    "Conclusion",
                ],
                "{how} {options:?}: the headings are scrutiny's\n{md}"
            );
            assert!(
                links
                    .iter()
                    .all(|l| l.starts_with("https://") || l.starts_with("http://")),
                "{how} {options:?}: a link that is not a web address: {links:?}"
            );
            assert!(
                !links.iter().any(|l| l.contains("javascript")),
                "{how} {options:?}: {links:?}"
            );
        }
    }
}

#[test]
fn hostile_response_in_word_is_well_formed_text_with_no_script_link() {
    let dir = TempDir::new("response-hostile-docx");
    let inspection = hostile_pair(&dir);
    let target = dir.join("letter.docx");
    let out = run(&[
        "export",
        path_str(&inspection),
        "--format",
        "docx",
        "-o",
        path_str(&target),
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let parts = docx_parts(&fs::read(&target).expect("the Word file"));
    for (name, xml) in &parts {
        assert_eq!(well_formed(xml), Ok(()), "{name}:\n{xml}");
        // XML would allow a tab, line feed and carriage return; the writer
        // makes them elements, so none is left in text.
        assert!(
            !xml.contains(['\u{1b}', '\u{7}', '\u{0}', '\r']),
            "{name}: a control character"
        );
        // A bidi override would reorder the letter's text: it is marked.
        assert!(!xml.contains('\u{202e}'), "{name}: a bidi override");
        assert!(!xml.contains("<script"), "{name}: markup from a file");
    }
    // The addresses are no links: no relationship and no hyperlink points
    // at a script. The words stay, as text.
    let rels = part(&parts, "word/_rels/document.xml.rels");
    assert!(!rels.to_ascii_lowercase().contains("javascript"), "{rels}");
    assert!(!rels.contains("TargetMode=\"External\""), "{rels}");
    let document = part(&parts, "word/document.xml");
    assert!(!document.contains("<w:hyperlink"), "no link at all");
    assert!(
        document.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "the text is kept as text"
    );
    let core = part(&parts, "docProps/core.xml");
    assert!(core.contains("<dc:creator>&lt;script&gt;"), "{core}");
}

/// An inspection with one recommendation `id`, and a complete response
/// signed `signed`: its published response in Markdown, written with -o.
fn response_of(dir: &TempDir, id: &str, signed: &str) -> String {
    let inspection = dir.write(
        "small.yaml",
        &format!(
            "version: 1\ninspection:\n  id: small\n  title: Small\n  published: 2020-03-09\nrecommendations:\n  - id: {id}\n    title: Do it\n"
        ),
    );
    dir.write(
        "small.review.yaml",
        &format!(
            "version: 1\ninspection: small\nresponse:\n  by: The Body\n  signed: {}\n  opening: Hello.\n  chief:\n    not_received: true\nitems:\n  {id}:\n    note: \"Done.\\n\\nAnd more.\"\n",
            yq(signed)
        ),
    );
    let target = dir.join("small.md");
    let out = run(&[
        "export",
        path_str(&inspection),
        "--format",
        "response",
        "-o",
        path_str(&target),
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    fs::read_to_string(&target).expect("the response")
}

#[test]
fn each_line_of_the_signature_starts_nothing() {
    use pulldown_cmark::Options;
    let dir = TempDir::new("response-signature");
    let md = response_of(
        &dir,
        "R1",
        "# Heading, > quote, - item, + item, * item, 1. one, 2) two, ===, ---, ```, [ ] box",
    );
    for options in [
        Options::empty(),
        Options::all() - Options::ENABLE_SMART_PUNCTUATION,
    ] {
        let Structure {
            headings, sections, ..
        } = structure(&md, options);
        let texts: Vec<&str> = headings.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(
            texts,
            [
                "The Body's response to the report: Small",
                "Recommendations",
                "The chief officer's comments",
            ],
            "{options:?}:\n{md}"
        );
        // The signature is one paragraph, its lines as written.
        let last = sections.last().expect("the last section");
        assert!(
            last.contains(
                "# Heading\n> quote\n- item\n+ item\n* item\n1. one\n2) two\n===\n---\n```\n[ ] box"
            ),
            "{options:?}: {last:?}\n{md}"
        );
    }
    // Nothing else is in a list but the one recommendation.
    let lists = pulldown_cmark::Parser::new(&md)
        .filter(|e| matches!(e, pulldown_cmark::Event::Start(pulldown_cmark::Tag::Item)))
        .count();
    assert_eq!(lists, 1, "{md}");
}

#[test]
fn a_number_too_long_for_a_markdown_list_gives_way_to_the_place() {
    use pulldown_cmark::{Event, Parser, Tag};
    let dir = TempDir::new("response-long-number");
    let md = response_of(&dir, "R1234567890", "A. Person");
    assert!(md.contains("\n1. **Do it**\n"), "{md}");
    // The response is the list item's, not a code block.
    let mut items = 0;
    for event in Parser::new(&md) {
        match event {
            Event::Start(Tag::Item) => items += 1,
            Event::Start(Tag::CodeBlock(_)) => panic!("a code block:\n{md}"),
            _ => {}
        }
    }
    assert_eq!(items, 1, "{md}");
    // Nine digits are still the report's own number.
    let dir = TempDir::new("response-nine-digits");
    let md = response_of(&dir, "R123456789", "A. Person");
    assert!(md.contains("\n123456789. **Do it**\n"), "{md}");
    assert!(
        !Parser::new(&md).any(|e| matches!(e, Event::Start(Tag::CodeBlock(_)))),
        "{md}"
    );
}
