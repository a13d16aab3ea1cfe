//! The documents: the fixture, the golden Markdown, CSV and JSON, and the
//! response deadline.

use super::*;

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
            "updated",
            "rag",
            "revised_due",
            "evidence",
            "signed_off_by",
            "signed_off_at",
            "last_update"
        ],
        "the tracking columns after the others, which keep their places"
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
