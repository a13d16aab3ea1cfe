//! An import opened in the real UI, then numbering past 999, binary input
//! and text in another encoding.

use super::*;

// ---------------------------------------------------------------- pseudo-terminal

#[test]
fn an_imported_example_opens_in_the_ui_and_takes_a_status() {
    let dir = TempDir::new("pty");
    let out = dir.path().join("prevent-2020.yaml");
    let run = import_to(&example_text(), &out, &[], dir.path());
    assert!(run.status.success(), "{}", stderr(&run));

    let mut app = Session::spawn(dir.path(), &[path_str(&out), "--reviewer", "tester"]);
    app.wait_until("the findings pane", |s| {
        s.contains("Findings (11)") || s.contains("[Findings 11]")
    });
    app.key(b"2");
    app.wait_until("the status", |s| s.contains("Accepted"));
    app.key(b"q");
    let status = app.wait_exit();
    assert!(status.success(), "quit exited with {status}");
    drop(app);

    let review_path = dir.path().join("prevent-2020.review.yaml");
    let review = fs::read_to_string(&review_path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", review_path.display()));
    assert!(
        review.contains("inspection: counter-terrorism-policing-an-inspection-of-the-police\n"),
        "{review}"
    );
    assert!(review.contains("\n  F1:\n"), "{review}");
    assert!(review.contains("    status: accepted\n"), "{review}");
    assert!(review.contains("by: tester"), "{review}");
}

/// A text of `count` recommendations numbered from 1, one a line, each
/// with a blank line after it, under a Recommendations heading.
fn numbered_text(count: usize) -> String {
    let mut text = String::from("A report of many recommendations\n\nRecommendations\n\n");
    for n in 1..=count {
        let _ = write!(text, "{n}. Improve the records of referral {n}\n\n");
    }
    text
}

#[test]
fn numbering_past_999_keeps_every_entry_and_its_number() {
    let import = read(&numbered_text(1_500), None);
    let ids: Vec<&str> = import.entries.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids.len(), 1_500, "every numbered line is an entry");
    let expected: Vec<String> = (1..=1_500).map(|n| format!("R{n}")).collect();
    assert_eq!(ids, expected);
    let last = &import.entries[1_499];
    assert_eq!(last.text, "Improve the records of referral 1500");
    assert!(import.unplaced.is_empty(), "{:?}", import.unplaced);
    assert!(import.out_of_sequence.is_empty());
}

#[test]
fn numbering_past_999_on_wrapped_lines_keeps_every_entry() {
    let mut text = String::from("Title\n\nRecommendations\n\n");
    for n in 1..=1_200 {
        let _ = write!(
            text,
            "{n}. The force should improve\nits records, by 2021.\n"
        );
    }
    let import = read(&text, None);
    assert_eq!(import.entries.len(), 1_200);
    assert_eq!(import.entries[1_000].id, "R1001");
    assert_eq!(
        import.entries[1_000].text,
        "The force should improve its records, by 2021."
    );
}

#[test]
fn a_long_number_out_of_sequence_is_reported_not_silently_joined() {
    let mut text = numbered_text(999);
    text.push_str("1000. The thousandth\n2021. A year, or an entry numbered out of turn\n");
    let dir = TempDir::new("out-of-sequence");
    let input = dir.write("report.txt", &text);
    let out = dir.path().join("out.yaml");
    let run = import_to(&input, &out, &[], dir.path());
    assert!(run.status.success(), "{}", stderr(&run));
    let report = stderr(&run);
    assert!(
        report.contains(
            "report.txt:2004: starts with 2021, which does not follow entry 1000, so it was read as part of the entry before; number it 1001"
        ),
        "{report}"
    );
    let inspection = assert_valid(&out);
    assert_eq!(inspection.items.len(), 1_000);
    // A year after an entry of a short list is a year: nothing to report.
    let import = read(
        "Title\n\nRecommendations\n\n1. Act by March\n2021. Then more.\n",
        None,
    );
    assert_eq!(import.entries.len(), 1);
    assert!(import.out_of_sequence.is_empty());
}

#[test]
fn the_report_names_a_few_ids_and_counts_the_rest() {
    let dir = TempDir::new("many-ids");
    let input = dir.write("report.txt", &numbered_text(1_500));
    let out = dir.path().join("out.yaml");
    let run = import_to(&input, &out, &[], dir.path());
    assert!(run.status.success(), "{}", stderr(&run));
    let report = stderr(&run);
    assert!(
        report.contains("not filled: directed_to for R1, R2, R3, R4, R5, R6, R7, R8, R9, R10, R11, R12, R13, R14, R15, R16, R17, R18, R19, R20 and 1480 more (the wording does not say)"),
        "{report}"
    );
    assert_eq!(assert_valid(&out).items.len(), 1_500);
}

#[test]
fn binary_input_is_refused_with_where_and_what_to_do() {
    let dir = TempDir::new("binary");
    let out = dir.path().join("out.yaml");
    // (A PDF is read by pdftotext now: see formats.rs for broken ones.)
    let bin = dir.path().join("report.txt");
    fs::write(&bin, b"Title\nRecommendations\n\n1. x\xff\xfe\x00").expect("write");
    let run = import_to(&bin, &out, &[], dir.path());
    assert!(!run.status.success());
    assert!(
        stderr(&run).contains("report.txt:4:5: the file is not UTF-8 text"),
        "{}",
        stderr(&run)
    );
    let nul = dir.path().join("nul.txt");
    fs::write(&nul, b"Title\n\nRecommendations\n\n1. a\0b\n").expect("write");
    let run = import_to(&nul, &out, &[], dir.path());
    assert!(!run.status.success());
    assert!(
        stderr(&run).contains("nul.txt:5:5: holds the control character U+0000"),
        "{}",
        stderr(&run)
    );
    assert!(!out.exists(), "nothing is written for a refused file");
    // Page breaks and tabs are text.
    let paged = dir.write(
        "paged.txt",
        "Title\n\nRecommendations\n\n1. a\tb\n\u{c}\n2. c\n",
    );
    let run = import_to(&paged, &out, &[], dir.path());
    assert!(run.status.success(), "{}", stderr(&run));
}

#[test]
fn a_long_lead_in_gives_each_entry_its_closing_words() {
    let mut text = String::from("Title\n\nRecommendations\n\n");
    text.push_str(&"The inspection found much to improve in how forces work. ".repeat(5_000));
    text.push_str("By 31 March 2021, the College of Policing should:\n\n");
    for n in 1..=2_000 {
        let _ = writeln!(text, "- review its guidance on referrals, part {n}");
    }
    let import = read(&text, None);
    assert_eq!(import.entries.len(), 2_000);
    for entry in &import.entries {
        assert_eq!(entry.due, Some(date(2021, 3, 31)), "{}", entry.id);
        assert_eq!(entry.directed_to, ["College of Policing"], "{}", entry.id);
    }
}

#[test]
fn a_text_in_another_encoding_is_named_with_how_to_fix_it() {
    let dir = TempDir::new("encodings");
    let text = "Recommendations\n\n1. The force should train “every” officer.\n";
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        utf16.extend_from_slice(&unit.to_le_bytes());
    }
    let notepad = dir.join("notepad.txt");
    fs::write(&notepad, utf16).expect("write");
    let why = import::run(&notepad, Some(&dir.join("a.yaml")), &options(None))
        .expect_err("UTF-16 is refused");
    assert!(why.contains("notepad.txt"), "{why}");
    assert!(why.contains("looks like UTF-16"), "{why}");
    assert!(why.contains("save it as UTF-8"), "{why}");
    let legacy = dir.join("legacy.txt");
    fs::write(
        &legacy,
        b"Recommendations\n\n1. The force should train \x93every\x94 officer.\n",
    )
    .expect("write");
    let why = import::run(&legacy, Some(&dir.join("b.yaml")), &options(None))
        .expect_err("Windows-1252 is refused");
    assert!(why.contains("legacy.txt:3:27"), "{why}");
    assert!(why.contains("Windows-1252"), "{why}");
    // With a UTF-8 byte-order mark, the same text imports.
    let marked = dir.join("marked.txt");
    fs::write(&marked, format!("\u{feff}{text}")).expect("write");
    let (yaml, _) = import_to_string(
        &marked,
        &Options {
            title: Some("T".into()),
            ..options(None)
        },
    );
    assert!(yaml.contains("“every”"), "{yaml}");
}
