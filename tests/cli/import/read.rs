//! The golden files, and what was read from each shape of text: themes,
//! joined lines, numbering, causes of concern, dates and bodies.

use super::*;

// ---------------------------------------------------------------- golden files

#[test]
fn markdown_headings_match_the_golden_file() {
    golden_case(
        "markdown-headings.md",
        None,
        "found 4 findings, 2 strengths, 2 recommendations, 2 areas for improvement",
    );
}

#[test]
fn pdf_plain_text_matches_the_golden_file() {
    golden_case(
        "pdf-plain.txt",
        None,
        "found 4 findings, 2 strengths, 2 recommendations, 2 areas for improvement",
    );
}

#[test]
fn numbered_and_bulleted_entries_match_the_golden_file() {
    golden_case(
        "numbered-bulleted.txt",
        None,
        "not filled: the inspectorate",
    );
}

#[test]
fn cause_of_concern_with_nested_recommendations_matches_the_golden_file() {
    golden_case("cause-of-concern.txt", None, "1 cause(s) of concern");
}

#[test]
fn cause_of_concern_then_its_recommendations_heading_matches_the_golden_file() {
    golden_case(
        "cause-of-concern-heading.txt",
        None,
        "1 cause(s) of concern",
    );
}

#[test]
fn dates_in_words_match_the_golden_file() {
    golden_case(
        "dates-in-words.txt",
        Some("2020-11-04"),
        "found 6 recommendations",
    );
}

/// Every fixture, whatever its golden says, imports to a file that
/// `scrutiny check` and the loader accept, with ids unique and links whole.
#[test]
fn every_fixture_imports_to_a_valid_inspection() {
    for (name, published) in FIXTURES {
        let (yaml, _) = import_to_string(&fixture(name), &options(published));
        let inspection = load_inspection(yaml.as_bytes()).expect("loads");
        assert!(!inspection.items.is_empty(), "{name}: no item");
        for item in &inspection.items {
            assert!(
                item.title.chars().count() <= 100,
                "{name}: {} title too long: {:?}",
                item.id,
                item.title
            );
            let text = item.text.as_deref().unwrap_or_default();
            assert!(
                !text.contains('\n'),
                "{name}: {} text kept a line break",
                item.id
            );
        }
    }
}

// ---------------------------------------------------------------- what was read

#[test]
fn markdown_sub_headings_under_findings_become_themes() {
    let text = fixture_text("markdown-headings.md");
    let import = read(&text, None);
    let themes: Vec<(&str, Option<&str>)> = import
        .entries
        .iter()
        .map(|e| (e.id.as_str(), e.theme.as_deref()))
        .collect();
    assert_eq!(
        themes,
        [
            ("F1", Some("Initial response")),
            ("F2", Some("Initial response")),
            ("F3", Some("Working with partners")),
            ("F4", Some("Working with partners")),
            ("S1", None),
            ("S2", None),
            ("R1", None),
            ("R2", None),
            ("A1", None),
            ("A2", None),
        ]
    );
    assert_eq!(
        import.found.title.as_deref(),
        Some("Westshire Police: an inspection of how the force responds to missing children")
    );
    assert_eq!(import.found.published, Some(date(2021, 10, 14)));
    assert_eq!(import.found.inspectorate.as_deref(), Some("HMICFRS"));
}

#[test]
fn wrapped_lines_are_joined_into_one_entry() {
    let text = fixture_text("pdf-plain.txt");
    let import = read(&text, None);
    let f1 = &import.entries[0];
    assert_eq!(f1.id, "F1");
    assert_eq!(
        f1.text,
        "The force has a clear governance structure for custody, with a chief inspector \
         responsible for all four suites and regular meetings that review performance data."
    );
    assert_eq!(f1.line, 11, "the entry's first line");
    // Indented continuation lines under "1)" and "•" too.
    let text = fixture_text("numbered-bulleted.txt");
    let import = read(&text, None);
    let s2 = import
        .entries
        .iter()
        .find(|e| e.id == "S2")
        .expect("S2 is read");
    assert_eq!(
        s2.text,
        "Crews carry out familiarisation visits to new buildings before they are occupied."
    );
    // No entry holds a line break or a doubled space from the join.
    for e in &import.entries {
        assert!(
            !e.text.contains('\n') && !e.text.contains("  "),
            "{}: {:?}",
            e.id,
            e.text
        );
    }
}

#[test]
fn ids_follow_the_reports_numbering() {
    let text = fixture_text("numbered-bulleted.txt");
    let import = read(&text, None);
    // "Recommendation 4" and "Recommendation 5"; bullets in order.
    assert_eq!(
        ids(&import),
        ["F1", "F2", "F3", "S1", "S2", "R4", "R5", "A1", "A2"]
    );
}

#[test]
fn a_cause_of_concern_is_a_tagged_finding_linked_to_its_recommendations() {
    for name in ["cause-of-concern.txt", "cause-of-concern-heading.txt"] {
        let text = fixture_text(name);
        let import = read(&text, None);
        let causes: Vec<_> = import
            .entries
            .iter()
            .filter(|e| e.tags.iter().any(|t| t == "cause-of-concern"))
            .collect();
        assert_eq!(causes.len(), 1, "{name}: {causes:#?}");
        let cause = causes[0];
        assert_eq!(cause.kind, Kind::Finding, "{name}");
        assert_eq!(cause.links, ["R1", "R2"], "{name}");
        // The area for improvement after it is not linked.
        let area = import
            .entries
            .iter()
            .find(|e| e.kind == Kind::AreaForImprovement)
            .expect("an area for improvement");
        assert!(area.links.is_empty(), "{name}");
        // "within six months"/"three months" counted from the stated date.
        let published = import.found.published.expect("published in the text");
        for r in import
            .entries
            .iter()
            .filter(|e| e.kind == Kind::Recommendation)
        {
            assert!(r.due.is_some_and(|d| d > published), "{name}: {r:#?}");
        }
    }
}

#[test]
fn due_dates_and_bodies_come_from_the_wording() {
    let text = fixture_text("dates-in-words.txt");
    let import = read(&text, Some(date(2020, 11, 4)));
    let got: Vec<(&str, Option<jiff::civil::Date>, Vec<&str>)> = import
        .entries
        .iter()
        .map(|e| {
            (
                e.id.as_str(),
                e.due,
                e.directed_to.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    assert_eq!(
        got[0],
        ("R1", Some(date(2021, 3, 31)), vec!["Chief constables"])
    );
    assert_eq!(
        got[1],
        ("R2", Some(date(2021, 5, 4)), vec!["College of Policing"])
    );
    assert_eq!(
        got[3],
        (
            "R4",
            Some(date(2021, 11, 4)),
            vec!["Police and crime commissioners"]
        )
    );
    assert_eq!(got[4], ("R5", None, vec!["Home Office"]));
    // Without a publication date, "within six months" has no start.
    let undated = read(&text, None);
    assert_eq!(undated.entries[1].due, None);
    assert_eq!(undated.entries[0].due, Some(date(2021, 3, 31)));
}

#[test]
fn nothing_is_guessed_for_a_recommendation_that_does_not_say() {
    let dir = TempDir::new("guess");
    let text = dir.write(
        "plain.txt",
        "A report\n\nRecommendations\n\n1. Crime recording should improve across the region.\n",
    );
    let out = dir.path().join("plain.yaml");
    let run = import_to(&text, &out, &[], dir.path());
    assert!(run.status.success(), "{}", stderr(&run));
    let yaml = fs::read_to_string(&out).expect("read the import");
    for absent in [
        "directed_to",
        "due:",
        "published:",
        "inspectorate:",
        "theme:",
    ] {
        assert!(!yaml.contains(absent), "{absent} was guessed:\n{yaml}");
    }
    let report = stderr(&run);
    assert!(
        report.contains("not filled: directed_to for R1 (the wording does not say)"),
        "{report}"
    );
    assert!(
        report.contains("not filled: due for R1 (no date in the wording)"),
        "{report}"
    );
    assert!(
        report.contains("not filled: the publication date"),
        "{report}"
    );
    assert!(report.contains("not filled: the inspectorate"), "{report}");
    assert_valid(&out);
}

#[test]
fn a_long_first_sentence_is_cut_at_a_word_with_an_ellipsis() {
    let text = "Within three months, the force should make sure that supervisors review the \
                risk grading of every missing child case at least every eight hours. Then more.";
    let title = title_of(text);
    assert_eq!(
        title,
        "Within three months, the force should make sure that supervisors review the risk grading of every…"
    );
    assert!(title.chars().count() <= 100, "{}", title.chars().count());
    let kept = title.strip_suffix('…').expect("ends with an ellipsis");
    assert!(
        text.starts_with(kept) && text[kept.len()..].starts_with(' '),
        "not cut at a word: {title:?}"
    );
    // A first sentence of 100 characters or fewer is the title whole, without
    // its full stop; the rest of the entry is only in the text.
    assert_eq!(
        title_of("Detainees are treated respectfully. Staff speak to them calmly."),
        "Detainees are treated respectfully"
    );
    let hundred = format!("{}.", "word ".repeat(20).trim_end());
    assert_eq!(hundred.chars().count(), 100);
    assert_eq!(title_of(&hundred), hundred.trim_end_matches('.'));
    // Every title in every golden file is either a whole first sentence or
    // such a cut.
    for (name, _) in FIXTURES {
        let text = fixture_text(name);
        for e in read(&text, None).entries {
            match e.title.strip_suffix('…') {
                Some(kept) => assert!(
                    e.text.starts_with(kept) && e.text[kept.len()..].starts_with(' '),
                    "{name} {}: {:?}",
                    e.id,
                    e.title
                ),
                None => assert!(e.text.starts_with(&e.title), "{name} {}", e.id),
            }
            assert!(e.title.chars().count() <= 100, "{name} {}", e.id);
        }
    }
}
