//! Hostile text in the exports: Markdown keeps the structure scrutiny gives
//! it, CSV cells a spreadsheet would run are written as text, hidden
//! characters are marked.

use super::*;

// ------------------------------------------------------- hostile text

/// A YAML double-quoted scalar holding `s` exactly (JSON's string syntax is
/// YAML's).
pub(super) fn yq(s: &str) -> String {
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
pub(super) struct Structure {
    pub(super) headings: Vec<(pulldown_cmark::HeadingLevel, String)>,
    /// Links' and images' destinations.
    pub(super) links: Vec<String>,
    /// The text under each heading (0: before the first).
    pub(super) sections: Vec<String>,
}

/// `md` as a renderer reads it. Panics at anything a file's text must
/// never become: HTML, code, a table, a footnote, a task box, a rule,
/// strikethrough.
pub(super) fn structure(md: &str, options: pulldown_cmark::Options) -> Structure {
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
        (HeadingLevel::H4, format!("F2. {}", title("F2"))),
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
