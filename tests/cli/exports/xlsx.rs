//! The tracker workbook (`--format xlsx`) read back as a spreadsheet would
//! read it, and the CSV made for Excel (`--excel`).

use std::io::{Cursor, Read as _};

use calamine::{Data, Reader as _, Xlsx, open_workbook_from_rs};

use super::*;

/// A review of the example with the tracking keys: R1 closed and signed
/// off after a revised date, R2 in progress and red, R3 amber with a
/// progress update and an accented owner.
const PREVENT_REVIEW: &str = "\
version: 1
inspection: hmicfrs-2020-prevent
items:
  R1:
    status: complete
    owner: Head of Prevent
    note: Strategic leads trained through the national package.
    updated: 2021-07-02T10:00:00Z
    rag: green
    due: 2021-06-30
    evidence:
      - Training completion export, May 2021
      - Board minutes, June 2021
    signed_off:
      by: Head of Assurance
      at: 2021-07-02T10:00:00Z
    updates:
      - at: 2021-03-01T09:00:00Z
        by: analyst
        text: Training plan agreed with the region.
      - at: 2021-05-20T09:00:00Z
        by: analyst
        text: Every strategic lead has finished the course.
    history:
      - at: 2021-02-10T09:00:00Z
        by: analyst
        due: 2021-06-30
        reason: Waiting on the national training package
      - at: 2021-06-01T09:00:00Z
        by: analyst
        status: complete
      - at: 2021-07-02T10:00:00Z
        by: Head of Assurance
        signed_off: true
  R2:
    status: in-progress
    rag: red
    updated: 2020-04-01T08:00:00Z
    history:
      - at: 2020-04-01T08:00:00Z
        by: analyst
        status: in-progress
  R3:
    status: accepted
    owner: Responsable régional
    rag: amber
    updated: 2020-04-02T08:00:00Z
    history:
      - at: 2020-04-02T08:00:00Z
        by: analyst
        status: accepted
";

/// A second inspection with a due date and an area for improvement, whose
/// text tries to run as formulas, to link, and to hide characters.
fn hostile_inspection() -> String {
    format!(
        "\
version: 1
inspection:
  id: hostile-2021
  title: {}
  published: 2021-01-31
findings:
  - id: F1
    title: Something seen
recommendations:
  - id: R1
    title: {}
    directed_to: [{}]
    due: 2021-06-30
areas_for_improvement:
  - id: A1
    title: {}
",
        hostile::yq("@Hostile report"),
        hostile::yq("=HYPERLINK(\"http://x\")"),
        hostile::yq("+cmd|' /C calc'!A0"),
        hostile::yq("\tTab first\u{1b}[31m and an escape"),
    )
}

fn hostile_review() -> String {
    format!(
        "\
version: 1
inspection: hostile-2021
items:
  R1:
    status: not-accepted
    owner: {}
    note: {}
    updated: 2021-02-01T08:00:00Z
    history:
      - at: 2021-02-01T08:00:00Z
        by: analyst
        status: not-accepted
  A1:
    status: in-progress
    note: {}
    updated: 2021-02-01T08:00:00Z
    history:
      - at: 2021-02-01T08:00:00Z
        by: analyst
        status: in-progress
",
        hostile::yq("-2+3"),
        hostile::yq("\r=1+1"),
        hostile::yq("Look: http://evil.example"),
    )
}

/// A folder with the example and its tracking review, and the hostile
/// inspection with its review.
fn folder() -> TempDir {
    let dir = TempDir::new("xlsx");
    dir.with_example();
    dir.write("prevent-2020.review.yaml", PREVENT_REVIEW);
    dir.write("hostile.yaml", &hostile_inspection());
    dir.write("hostile.review.yaml", &hostile_review());
    dir
}

/// `scrutiny export ARGS --format xlsx -o tracker.xlsx` in `dir`: the bytes.
fn tracker(dir: &TempDir, args: &[&str]) -> Vec<u8> {
    let mut all = vec!["export"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--format", "xlsx", "-o", "tracker.xlsx", "--force"]);
    let out = run_in(dir.path(), &all);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    fs::read(dir.join("tracker.xlsx")).expect("the tracker is written")
}

/// A sheet of the workbook, as rows of cells.
fn sheet(bytes: &[u8], name: &str) -> Vec<Vec<Data>> {
    let mut book: Xlsx<_> =
        open_workbook_from_rs(Cursor::new(bytes.to_vec())).expect("the workbook opens");
    let range = book
        .worksheet_range(name)
        .unwrap_or_else(|e| panic!("no sheet {name}: {e}"));
    assert_eq!(range.start(), Some((0, 0)), "the sheet starts at A1");
    range.rows().map(<[Data]>::to_vec).collect()
}

/// A part of the package, as text.
fn part(bytes: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("an xlsx is a zip");
    let mut file = archive
        .by_name(name)
        .unwrap_or_else(|e| panic!("no {name} in the package: {e}"));
    let mut text = String::new();
    file.read_to_string(&mut text).expect("the part is UTF-8");
    text
}

fn string(cell: &Data) -> &str {
    match cell {
        Data::String(s) => s,
        other => panic!("expected text, got {other:?}"),
    }
}

fn ymd(cell: &Data) -> (u16, u8, u8) {
    match cell {
        Data::DateTime(d) => {
            assert!(d.is_datetime(), "{d:?} is a date");
            let (y, m, d, ..) = d.to_ymd_hms_milli();
            (y, m, d)
        }
        other => panic!("expected a date, got {other:?}"),
    }
}

/// A count: a whole number, not text.
fn number(cell: &Data) -> u32 {
    match cell {
        Data::Float(n) if n.fract() == 0.0 && (0.0..1e6).contains(n) => {
            #[expect(
                clippy::cast_possible_truncation,
                clippy::cast_sign_loss,
                reason = "a small whole number, checked"
            )]
            let n = *n as u32;
            n
        }
        Data::Int(n) => u32::try_from(*n).expect("a small count"),
        other => panic!("expected a count, got {other:?}"),
    }
}

/// The row whose report column starts with `report` and whose id is `id`.
fn row<'a>(rows: &'a [Vec<Data>], report: &str, id: &str) -> &'a [Data] {
    rows.iter()
        .find(|r| string(&r[0]).starts_with(report) && r[2] == Data::String(id.into()))
        .unwrap_or_else(|| panic!("no row for {report} {id} in {rows:?}"))
}

fn column(name: &str) -> usize {
    scrutiny::export::xlsx::TRACKER_COLUMNS
        .iter()
        .position(|c| *c == name)
        .unwrap_or_else(|| panic!("no column {name}"))
}

#[test]
fn the_tracker_has_its_headers_and_one_row_per_recommendation_and_area_for_improvement() {
    let dir = folder();
    let rows = sheet(&tracker(&dir, &["prevent-2020.yaml"]), "Tracker");
    let headers: Vec<&str> = rows[0].iter().map(string).collect();
    assert_eq!(
        headers,
        [
            "Report",
            "Kind",
            "ID",
            "Title",
            "Directed to",
            "Original due",
            "Revised due",
            "Status",
            "RAG",
            "Owner",
            "Response",
            "Last update",
            "Latest progress",
            "Evidence",
            "Signed off by",
            "Signed off on",
        ]
    );
    let ids: Vec<&str> = rows[1..].iter().map(|r| string(&r[2])).collect();
    assert_eq!(
        ids,
        ["R1", "R2", "R3", "R4", "R5", "R6", "R7", "R8"],
        "the example's recommendations, no findings or strengths"
    );
}

#[test]
fn a_tracker_row_holds_the_tracking_and_its_dates_are_dates() {
    let dir = folder();
    let rows = sheet(&tracker(&dir, &["prevent-2020.yaml"]), "Tracker");
    let r1 = row(&rows, "Counter-terrorism policing", "R1");
    assert_eq!(string(&r1[column("Kind")]), "Recommendation");
    assert_eq!(
        string(&r1[column("Title")]),
        "Training package for Prevent strategic leads"
    );
    assert_eq!(
        r1[column("Original due")],
        Data::Empty,
        "the report sets none"
    );
    assert_eq!(ymd(&r1[column("Revised due")]), (2021, 6, 30));
    assert_eq!(string(&r1[column("Status")]), "Complete");
    assert_eq!(string(&r1[column("RAG")]), "Green");
    assert_eq!(string(&r1[column("Owner")]), "Head of Prevent");
    assert_eq!(
        string(&r1[column("Response")]),
        "Strategic leads trained through the national package."
    );
    assert_eq!(
        ymd(&r1[column("Last update")]),
        (2021, 5, 20),
        "the newest update"
    );
    assert_eq!(
        string(&r1[column("Latest progress")]),
        "Every strategic lead has finished the course."
    );
    assert_eq!(
        string(&r1[column("Evidence")]),
        "Training completion export, May 2021\nBoard minutes, June 2021"
    );
    assert_eq!(string(&r1[column("Signed off by")]), "Head of Assurance");
    assert_eq!(ymd(&r1[column("Signed off on")]), (2021, 7, 2));

    let r2 = row(&rows, "Counter-terrorism policing", "R2");
    assert_eq!(string(&r2[column("Status")]), "In progress");
    assert_eq!(string(&r2[column("RAG")]), "Red");
    assert_eq!(
        ymd(&r2[column("Last update")]),
        (2020, 4, 1),
        "no updates: when it was last changed"
    );
    let r3 = row(&rows, "Counter-terrorism policing", "R3");
    assert_eq!(string(&r3[column("Owner")]), "Responsable régional");
    let r4 = row(&rows, "Counter-terrorism policing", "R4");
    assert_eq!(string(&r4[column("Status")]), "Unreviewed");
    assert_eq!(r4[column("RAG")], Data::Empty);
}

#[test]
fn several_inspections_and_folders_make_one_tracker_and_a_summary_of_each() {
    let dir = folder();
    let bytes = tracker(&dir, &["."]);
    let rows = sheet(&bytes, "Tracker");
    let keys: Vec<(String, &str)> = rows[1..]
        .iter()
        .map(|r| (string(&r[0]).chars().take(9).collect(), string(&r[2])))
        .collect();
    assert_eq!(keys.len(), 10, "{keys:?}");
    assert_eq!(
        keys[0],
        ("@Hostile ".to_owned(), "R1"),
        "hostile.yaml sorts first"
    );
    assert_eq!(
        keys[1],
        ("@Hostile ".to_owned(), "A1"),
        "recommendations, then areas"
    );
    assert_eq!(keys[2].1, "R1");
    assert!(keys[2].0.starts_with("Counter-t"), "{keys:?}");
    let a1 = row(&rows, "@Hostile", "A1");
    assert_eq!(string(&a1[column("Kind")]), "Area for improvement");
    let r1 = row(&rows, "@Hostile", "R1");
    assert_eq!(ymd(&r1[column("Original due")]), (2021, 6, 30));

    // The same inspection named twice is one report.
    let again = sheet(&tracker(&dir, &[".", "prevent-2020.yaml"]), "Tracker");
    assert_eq!(again.len(), rows.len(), "each file once");

    let summary = sheet(&bytes, "Summary");
    let headers: Vec<&str> = summary[0].iter().map(string).collect();
    assert_eq!(headers, scrutiny::export::xlsx::SUMMARY_COLUMNS);
    let at = |name: &str| headers.iter().position(|h| *h == name).expect("a column");
    let prevent = summary
        .iter()
        .find(|r| string(&r[0]).starts_with("Counter-terrorism"))
        .expect("a summary row for the example");
    let count = |row: &[Data], name: &str| number(&row[at(name)]);
    assert_eq!(count(prevent, "Items"), 8);
    assert_eq!(count(prevent, "Recommendations"), 8);
    assert_eq!(count(prevent, "Areas for improvement"), 0);
    assert_eq!(count(prevent, "Unreviewed"), 5);
    assert_eq!(count(prevent, "Accepted"), 1);
    assert_eq!(count(prevent, "In progress"), 1);
    assert_eq!(count(prevent, "Complete"), 1);
    assert_eq!(count(prevent, "Red"), 1);
    assert_eq!(count(prevent, "Amber"), 1);
    assert_eq!(count(prevent, "Green"), 1);
    assert_eq!(count(prevent, "No RAG"), 5);
    assert_eq!(count(prevent, "Signed off"), 1);
    assert_eq!(count(prevent, "Overdue"), 0, "no date but R1's, met");
    let hostile = summary
        .iter()
        .find(|r| string(&r[0]).starts_with("@Hostile"))
        .expect("a summary row for the second report");
    assert_eq!(count(hostile, "Items"), 2);
    assert_eq!(count(hostile, "Not accepted"), 1);
    assert_eq!(count(hostile, "Overdue"), 1, "R1 was due in June 2021");
    let total = summary
        .iter()
        .find(|r| r[0] == Data::String("All reports".into()))
        .expect("a total row");
    assert_eq!(count(total, "Items"), 10);
    assert_eq!(count(total, "In progress"), 2);
}

#[test]
fn hostile_text_stays_text_in_the_tracker() {
    let dir = folder();
    let bytes = tracker(&dir, &["hostile.yaml"]);
    let rows = sheet(&bytes, "Tracker");
    let r1 = row(&rows, "@Hostile", "R1");
    assert_eq!(string(&r1[column("Report")]), "@Hostile report");
    assert_eq!(string(&r1[column("Title")]), "=HYPERLINK(\"http://x\")");
    assert_eq!(string(&r1[column("Directed to")]), "+cmd|' /C calc'!A0");
    assert_eq!(string(&r1[column("Owner")]), "-2+3");
    assert_eq!(
        string(&r1[column("Response")]),
        "\n=1+1",
        "a CR is a line break"
    );
    let a1 = row(&rows, "@Hostile", "A1");
    assert_eq!(
        string(&a1[column("Title")]),
        "\tTab first␛[31m and an escape",
        "the escape is shown, not kept"
    );
    let sheet1 = part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(
        !sheet1.contains("<f>"),
        "no formula in the tracker:\n{sheet1}"
    );
    assert!(!sheet1.contains("<hyperlink"), "no link in the tracker");
    assert!(
        !part(&bytes, "[Content_Types].xml").contains("hyperlink"),
        "no link anywhere"
    );
    assert!(
        !bytes.windows(4).any(|w| w == b"\x1b[31"),
        "no raw escape anywhere in the package"
    );
}

/// The XML element of `xml` that begins `<TAG` and holds `needle`, up to
/// its end tag.
fn element<'a>(xml: &'a str, tag: &str, needle: &str) -> &'a str {
    xml.split(&format!("<{tag}"))
        .skip(1)
        .filter_map(|e| e.split(&format!("</{tag}>")).next())
        .find(|e| e.contains(needle))
        .unwrap_or_else(|| panic!("no <{tag}> holding {needle:?} in:\n{xml}"))
}

#[test]
fn the_tracker_has_a_status_dropdown_rag_colours_a_frozen_header_and_a_filter() {
    let dir = folder();
    let bytes = tracker(&dir, &["prevent-2020.yaml"]);
    let sheet1 = part(&bytes, "xl/worksheets/sheet1.xml");

    let status = element(&sheet1, "dataValidation ", "sqref=\"H2:H9\"");
    assert!(status.starts_with("type=\"list\""), "{status}");
    assert!(
        status.contains(
            "<formula1>\"Unreviewed,Accepted,In progress,Complete,Not accepted,Not applicable\"</formula1>"
        ),
        "the six statuses: {status}"
    );
    let rag = element(&sheet1, "dataValidation ", "sqref=\"I2:I9\"");
    assert!(
        rag.contains("<formula1>\"Red,Amber,Green\"</formula1>"),
        "{rag}"
    );

    let colours = element(&sheet1, "conditionalFormatting ", "sqref=\"I2:I9\"");
    let styles = part(&bytes, "xl/styles.xml");
    let dxfs: Vec<&str> = styles.split("<dxf>").skip(1).collect();
    for (rag, fill) in [
        ("Red", "FFFFC7CE"),
        ("Amber", "FFFFEB9C"),
        ("Green", "FFC6EFCE"),
    ] {
        let rule = element(colours, "cfRule ", &format!("<formula>\"{rag}\"</formula>"));
        assert!(rule.starts_with("type=\"cellIs\""), "{rule}");
        assert!(rule.contains("operator=\"equal\""), "{rule}");
        let dxf: usize = rule
            .split("dxfId=\"")
            .nth(1)
            .and_then(|r| r.split('"').next())
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("the rule for {rag} has a style: {rule}"));
        assert!(
            dxfs.get(dxf)
                .is_some_and(|d| d.contains(&format!("<bgColor rgb=\"{fill}\"/>"))),
            "{rag} is filled {fill}: {styles}"
        );
    }

    assert!(
        sheet1.contains(
            "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"
        ),
        "the header row is frozen:\n{sheet1}"
    );
    assert!(
        sheet1.contains("<autoFilter ref=\"A1:P9\"/>"),
        "a filter on every column"
    );
    let title = element(&sheet1, "cols", "<col ");
    assert!(
        title.contains("<col min=\"4\" max=\"4\" width=\""),
        "the title column has a width: {title}"
    );
    assert!(
        styles.contains("formatCode=\"d mmm yyyy\""),
        "a date format: {styles}"
    );
}

#[test]
fn a_file_that_fails_to_load_stops_the_tracker_and_is_named() {
    let dir = folder();
    dir.write("broken.yaml", "inspection: [not, a, map]\n");
    let out = run_in(
        dir.path(),
        &["export", ".", "--format", "xlsx", "-o", "tracker.xlsx"],
    );
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(stderr(&out).contains("broken.yaml"), "{}", stderr(&out));
    assert!(!dir.join("tracker.xlsx").exists(), "no half tracker");
}

#[test]
fn only_xlsx_takes_several_inspections_or_a_folder() {
    let dir = folder();
    for args in [
        &[
            "export",
            "prevent-2020.yaml",
            "hostile.yaml",
            "--format",
            "csv",
        ][..],
        &["export", ".", "--format", "markdown"][..],
    ] {
        let out = run_in(dir.path(), args);
        assert_eq!(code(&out), 2, "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains("xlsx"), "{}", stderr(&out));
    }
    let out = run_in(
        dir.path(),
        &[
            "export",
            ".",
            "--review",
            "prevent-2020.review.yaml",
            "--format",
            "xlsx",
        ],
    );
    assert_eq!(code(&out), 2, "--review with a folder: {}", stderr(&out));
    assert!(stderr(&out).contains("--review"), "{}", stderr(&out));
    let out = run_in(dir.path(), &["export", ".", "--format", "csv", "--excel"]);
    assert_eq!(code(&out), 2);
    let out = run_in(
        dir.path(),
        &["export", "prevent-2020.yaml", "--format", "json", "--excel"],
    );
    assert_eq!(code(&out), 2, "--excel is for CSV");
    assert!(stderr(&out).contains("--excel"), "{}", stderr(&out));
}

#[test]
fn csv_for_excel_starts_with_a_byte_order_mark_and_ends_rows_with_crlf() {
    let dir = folder();
    let out = run_in(
        dir.path(),
        &["export", "prevent-2020.yaml", "--format", "csv", "--excel"],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let bytes = out.stdout;
    assert_eq!(
        &bytes[..3],
        b"\xEF\xBB\xBF",
        "a UTF-8 byte-order mark first"
    );
    let text = std::str::from_utf8(&bytes[3..]).expect("UTF-8");
    assert!(text.ends_with("\r\n"), "the last row ends CRLF");
    let rows: Vec<&str> = text.split_terminator("\r\n").collect();
    assert_eq!(rows.len(), 1 + 8 + 6 + 11, "the header and every item");
    for line in &rows {
        assert!(!line.contains(['\r', '\n']), "a bare line break: {line:?}");
    }
    assert!(
        rows[0].ends_with("rag,revised_due,evidence,signed_off_by,signed_off_at,last_update"),
        "{}",
        rows[0]
    );
    assert!(
        rows.iter()
            .any(|r| r.starts_with("recommendation,R3,") && r.contains("Responsable régional")),
        "the accented owner survives"
    );
    let accents = dir.write(
        "accents.yaml",
        "inspection:\n  id: accents\n  title: Réponse\nrecommendations:\n  - id: R1\n    title: Café, crème brûlée – “quoted” ✓\n",
    );
    let out = run_in(
        dir.path(),
        &[
            "export",
            accents.to_str().expect("UTF-8"),
            "--format",
            "csv",
            "--excel",
        ],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = std::str::from_utf8(&out.stdout).expect("UTF-8");
    assert!(
        text.contains("\r\nrecommendation,R1,\"Café, crème brûlée – “quoted” ✓\","),
        "the accented title survives byte for byte: {text:?}"
    );
    // Without --excel: no mark, LF.
    let plain = run_in(
        dir.path(),
        &["export", "prevent-2020.yaml", "--format", "csv"],
    );
    assert!(plain.stdout.starts_with(b"kind,id,"));
    assert!(!plain.stdout.contains(&b'\r'));
}

#[test]
fn csv_has_the_tracking_columns_at_the_end() {
    let dir = folder();
    let out = run_in(
        dir.path(),
        &["export", "prevent-2020.yaml", "--format", "csv"],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    let headers = reader.headers().expect("headers").clone();
    let at = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no column {name}"))
    };
    assert_eq!(at("kind"), 0, "the old columns keep their places");
    assert_eq!(at("updated"), 10);
    let r1 = reader
        .records()
        .map(|r| r.expect("a row"))
        .find(|r| &r[1] == "R1")
        .expect("R1");
    assert_eq!(&r1[at("rag")], "green");
    assert_eq!(&r1[at("revised_due")], "2021-06-30");
    assert_eq!(
        &r1[at("evidence")],
        "Training completion export, May 2021; Board minutes, June 2021"
    );
    assert_eq!(&r1[at("signed_off_by")], "Head of Assurance");
    assert_eq!(&r1[at("signed_off_at")], "2021-07-02T10:00:00Z");
    assert_eq!(
        &r1[at("last_update")],
        "2021-05-20: Every strategic lead has finished the course."
    );
}

#[test]
fn a_cell_longer_than_excel_holds_is_cut_and_a_date_before_1900_is_text() {
    let dir = TempDir::new("xlsx-limits");
    dir.write(
        "old.yaml",
        "inspection:\n  id: old-one\n  title: Old one\nrecommendations:\n  - id: R1\n    title: Old\n    due: 1899-12-30\n",
    );
    let note = "é".repeat(40_000);
    dir.write(
        "old.review.yaml",
        &format!(
            "version: 1\ninspection: old-one\nitems:\n  R1:\n    status: accepted\n    note: {}\n    updated: 2021-01-01T00:00:00Z\n    history:\n      - at: 2021-01-01T00:00:00Z\n        by: analyst\n        status: accepted\n",
            hostile::yq(&note)
        ),
    );
    let rows = sheet(&tracker(&dir, &["old.yaml"]), "Tracker");
    let r1 = row(&rows, "Old one", "R1");
    let cut = string(&r1[column("Response")]);
    assert_eq!(
        cut.encode_utf16().count(),
        32_767,
        "as much as a cell holds"
    );
    assert!(cut.ends_with("é…"), "marked as cut");
    assert_eq!(
        r1[column("Original due")],
        Data::String("1899-12-30".into()),
        "Excel has no date before 1900: the date as text"
    );
}

#[test]
fn a_report_with_nothing_to_track_gives_a_tracker_of_headers() {
    let dir = TempDir::new("xlsx-empty");
    dir.write(
        "only.yaml",
        "inspection:\n  id: only-findings\n  title: Only findings\nfindings:\n  - id: F1\n    title: Seen\n",
    );
    let bytes = tracker(&dir, &["only.yaml"]);
    assert_eq!(sheet(&bytes, "Tracker").len(), 1, "the header row alone");
    let summary = sheet(&bytes, "Summary");
    assert_eq!(string(&summary[1][0]), "Only findings");
    assert_eq!(number(&summary[1][1]), 0, "no items");
}

#[test]
fn a_workbook_goes_to_standard_output_when_that_is_not_a_terminal() {
    let dir = folder();
    let out = run_in(dir.path(), &["export", "hostile.yaml", "--format", "xlsx"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(out.stdout.starts_with(b"PK\x03\x04"), "a zip package");
    let rows = sheet(&out.stdout, "Tracker");
    assert_eq!(rows.len(), 3, "the header, R1 and A1");
}
