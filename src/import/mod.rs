//! `scrutiny import`: the text of a published report, as copied from its web
//! page or PDF, turned into an inspection file. In four steps, each of its
//! own:
//!
//! 1. **Lines** (`clean`): the text line for line, with the page's furniture
//!    taken out and counted (page numbers, running headers, a web page's
//!    links and cookie questions, tables of grades), words split by a
//!    line-break hyphen joined, layout spaces and PDF bullets made plain;
//!    and whether each line is a paragraph of its own (a browser's copy).
//! 2. **Sections**: headings by their words ("Areas for improvement", "What
//!    does the school need to do to improve?", "11. RECOMMENDATIONS"),
//!    standing alone, glued to their first entry, or with whom they are for
//!    ("Main recommendations   To the governor"); topics above them
//!    ("Investigating crime") and sub-headings within them are themes;
//!    chapter headings, appendices and tables of contents end them.
//! 3. **Entries**: the numbered, labelled ("Area for improvement 3", "R1",
//!    "AFI 2") or bulleted entries of a section, or its paragraphs where it
//!    has none; sub-points ("(a)", "ii.") stay with their entry; lines that
//!    introduce a list ("The head of service should:") lend it their words.
//! 4. **Fields**: ids from the text's own numbers, titles from the first
//!    sentence, due dates from the wording, and the bodies a recommendation
//!    is for from whom its sentence or its heading names.
//!
//! Nothing is guessed: a field the text does not state is left out and
//! reported, and every line is in an item, in the inspection's fields,
//! counted as furniture, or reported as not placed.

mod clean;

use clean::is_grade;

use jiff::civil::Date;

pub mod html;
pub mod pdf;
pub mod report;
pub mod source;
pub mod write;

use crate::files::yaml::emit::{Emitter, Flow};
use crate::model::inspection::Kind;

/// What the text said beyond its items.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Found {
    pub title: Option<String>,
    pub published: Option<Date>,
    pub inspectorate: Option<String>,
}

/// One item found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub kind: Kind,
    pub id: String,
    pub title: String,
    pub text: String,
    pub theme: Option<String>,
    pub tags: Vec<String>,
    pub links: Vec<String>,
    pub directed_to: Vec<String>,
    pub due: Option<Date>,
    /// The line the entry starts on, for messages.
    pub line: usize,
}

/// What the reviewer says a line is, over what the importer made of it
/// (the import view's keys).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mark {
    /// A heading that opens a section of this kind.
    Heading(Section),
    /// A theme heading: the theme of the entries after it.
    Theme,
    /// The start of an item of its own.
    Start,
    /// Part of the item above it.
    Join,
    /// The page's, not the report's: left out and counted.
    Furniture,
}

/// What the reviewer said of lines, by line number (from 1).
pub type Marks = std::collections::BTreeMap<usize, Mark>;

/// What a line of the text became: every line is one of these.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Blank,
    /// Page furniture, left out and counted.
    Furniture,
    /// In the inspection's fields: its title or publication date.
    Field,
    /// A heading that opens a section of this kind.
    Heading(Section),
    /// A topic or sub-heading: the theme of the entries after it.
    Theme,
    /// Whom the recommendations after it are for ("For the governor").
    Addressee,
    /// A heading that ends a section (a chapter, an appendix).
    End,
    /// Introduces the list after it: its words are read with each entry.
    LeadIn,
    /// The first line of the item at this index of `Import::entries`.
    Starts(u32),
    /// A later line of the item at this index.
    Part(u32),
    /// In no item: listed in the report as not placed.
    Unplaced,
}

/// The result of reading a text.
#[derive(Debug, Clone, Default)]
pub struct Import {
    /// What each line of the text became, line 1 first.
    pub roles: Vec<Role>,
    pub found: Found,
    pub entries: Vec<Entry>,
    /// Text that stood before any known heading: (line, text).
    pub unplaced: Vec<(usize, String)>,
    /// Lines that start with a number of four digits or more that does not
    /// follow the entry before it, so were read as part of it, not as
    /// entries of their own: (line, the number, the number before).
    pub out_of_sequence: Vec<(usize, u64, u32)>,
    /// What the page put around the report (page numbers, running headers,
    /// a web page's links): (line, text), left out of every item.
    pub furniture: Vec<(usize, String)>,
}

/// The kind of section a heading opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Section {
    Findings,
    Strengths,
    Recommendations,
    Areas,
    Causes,
}

impl Section {
    pub const ALL: [Section; 5] = [
        Section::Findings,
        Section::Strengths,
        Section::Recommendations,
        Section::Areas,
        Section::Causes,
    ];

    /// How the section is named on screen.
    pub fn name(self) -> &'static str {
        match self {
            Section::Findings => "findings",
            Section::Strengths => "strengths",
            Section::Recommendations => "recommendations",
            Section::Areas => "areas for improvement",
            Section::Causes => "causes of concern",
        }
    }

    /// The kind of item the section's entries are.
    pub fn kind(self) -> Kind {
        match self {
            Section::Findings | Section::Causes => Kind::Finding,
            Section::Strengths => Kind::Strength,
            Section::Recommendations => Kind::Recommendation,
            Section::Areas => Kind::AreaForImprovement,
        }
    }
}

/// The section a heading names, if any: its wording, whatever its case,
/// numbering ("11. RECOMMENDATIONS", "5 Findings", "Section 3:"), colon
/// or the table rule copied before it ("| RECOMMENDATIONS").
fn section_of(heading: &str) -> Option<Section> {
    let h = heading_words(heading);
    let h = h.as_str();
    let starts = |prefixes: &[&str]| prefixes.iter().any(|p| h.starts_with(p));
    Some(match h {
        "findings" | "main findings" | "summary of findings" | "key findings" | "our findings" => {
            Section::Findings
        }
        "strengths"
        | "key strengths"
        | "innovative practice"
        | "promising practice"
        | "good practice"
        | "notable practice"
        | "notable positive practice"
        | "positive practice"
        | "innovative and promising practice"
        | "areas of strength"
        | "particular strengths"
        | "what the school does well"
        | "what is working well" => Section::Strengths,
        "recommendations"
        | "recommendation"
        | "our recommendations"
        | "key recommendations"
        | "summary of recommendations"
        | "next steps"
        | "main recommendations"
        | "main recommendation"
        | "recommendations and good practice"
        | "requirements"
        | "requirement"
        | "action required"
        | "actions required"
        | "recommended actions"
        | "summary of recommendations and areas for improvement" => Section::Recommendations,
        "areas for improvement"
        | "area for improvement"
        | "key areas for improvement"
        | "areas for development"
        | "area for development"
        | "priority concerns"
        | "key concerns"
        | "priority and key concerns"
        | "areas for priority action"
        | "areas for action"
        | "what needs to improve" => Section::Areas,
        "causes of concern" | "cause of concern" | "causes for concern" | "cause for concern" => {
            Section::Causes
        }
        _ if starts(&["recommendations for ", "recommendations to "]) => Section::Recommendations,
        // "Particular strengths of the school", "What needs to improve in
        // this local authority?", "Priority concerns and recommendations"
        _ if starts(&["particular strengths of ", "strengths of the "]) => Section::Strengths,
        _ if starts(&[
            "what needs to improve ",
            "key concerns and ",
            "priority concerns and ",
        ]) =>
        {
            Section::Areas
        }
        _ if starts(&["what does the ", "what do the "])
            && h.contains(" need to do to improve") =>
        {
            Section::Recommendations
        }
        _ => return None,
    })
}

/// The words a section's heading can open with, after any numbering: a
/// line that opens with none is no heading, and costs no more to read.
const HEADING_OPENS: [&str; 28] = [
    "findings",
    "main",
    "summary",
    "key",
    "our",
    "strengths",
    "innovative",
    "promising",
    "good",
    "notable",
    "positive",
    "areas",
    "area",
    "recommendations",
    "recommendation",
    "next",
    "requirements",
    "requirement",
    "action",
    "actions",
    "priority",
    "what",
    "causes",
    "cause",
    "particular",
    "recommended",
    "section",
    "chapter",
];

/// Whether `line` could be a section's heading, by its first word past
/// numbering and a table's rule.
fn may_head(line: &str) -> bool {
    let first = line
        .split(|c: char| c.is_whitespace() || c == '|')
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .find(|w| !w.is_empty() && !w.chars().all(|c| c.is_ascii_digit() || c == '.'));
    first.is_some_and(|w| {
        let lower = w.to_lowercase();
        HEADING_OPENS.contains(&lower.as_str()) || lower == "part"
    })
}

/// A heading's words as `section_of` compares them: lower case, without
/// numbering, punctuation or a leading "section"/"chapter".
fn heading_words(heading: &str) -> String {
    let h: String = heading
        .trim()
        .to_lowercase()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '\'' || c == '’' {
                c
            } else {
                ' '
            }
        })
        .collect();
    let mut words: Vec<&str> = h.split_whitespace().collect();
    if matches!(words.first(), Some(&("section" | "chapter" | "part"))) {
        words.remove(0);
    }
    while words
        .first()
        .is_some_and(|w| w.chars().all(|c| c.is_ascii_digit()))
    {
        words.remove(0);
    }
    words.join(" ").replace('’', "'")
}

/// A heading that ends the section it comes in: one as high as the
/// section's own (Markdown), numbered as a chapter ("5 Conclusions", "12.
/// Next steps in practice"), or in capitals ("LEADERSHIP").
fn chapter_heading(heading: &str, level: usize, section_level: usize) -> bool {
    if level > 0 {
        return level <= section_level;
    }
    let t = heading.trim();
    let digits = t.len() - t.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let numbered = digits > 0
        && t[digits..].trim_start_matches('.').starts_with(' ')
        && t[digits..]
            .trim_start_matches(['.', ' '])
            .starts_with(|c: char| c.is_uppercase());
    let capitals =
        t.chars().filter(|c| c.is_alphabetic()).count() >= 4 && !t.chars().any(char::is_lowercase);
    let lower = t.to_lowercase();
    let back_matter = [
        "appendix",
        "annex",
        "glossary",
        "references",
        "acknowledgements",
    ]
    .iter()
    .any(|w| lower.starts_with(w));
    numbered || capitals || back_matter
}

/// The body a heading says what follows is for ("For the Governor", "To
/// the Probation Service:").
fn addressee_of(heading: &str) -> Option<String> {
    let t = heading.trim().trim_end_matches(':').trim();
    let lower = t.to_lowercase();
    let rest = ["for ", "to "]
        .iter()
        .find_map(|p| lower.starts_with(p).then(|| &t[p.len()..]))
        .or_else(|| lower.starts_with("the ").then_some(t))?;
    if rest.split_whitespace().count() > 8 {
        return None;
    }
    body_of(rest).or_else(|| {
        let word = rest.trim();
        (!word.is_empty() && word.chars().all(|c| c.is_uppercase() || c.is_ascii_digit()))
            .then(|| word.to_owned())
    })
}

/// Words a report's title opens with.
const TITLE_WORDS: [&str; 12] = [
    "inspection of",
    "an inspection of",
    "report on",
    "a report on",
    "joint inspection",
    "peel ",
    "a review of",
    "review of",
    "an unannounced inspection",
    "report of",
    "thematic inspection",
    "a thematic",
];

/// The report's title from the lines above its first section: a line that
/// opens as titles do ("An inspection of…", "Report on…"), else the line
/// just above the publication date; with the lines it runs on to ("Report
/// on an unannounced inspection of" / "HMP Ashgrove").
fn title_from(lines: &[&str], first_section: Option<usize>) -> Option<(String, Vec<usize>)> {
    let end = first_section.unwrap_or(lines.len()).min(lines.len());
    let head = &lines[..end];
    let dated = |l: &str| {
        let lower = l.trim().to_lowercase();
        published_of(l).is_some()
            || [
                "published",
                "date of inspection",
                "inspection dates",
                "inspection date",
            ]
            .iter()
            .any(|w| lower.starts_with(w))
    };
    let opens = |l: &str| {
        let lower = l.trim().to_lowercase();
        TITLE_WORDS.iter().any(|w| lower.starts_with(w))
    };
    let names = |l: &str| {
        let lower = l.trim().to_lowercase();
        ["inspection of", "report on", "review of"]
            .iter()
            .any(|w| lower.contains(w))
            && l.split_whitespace().count() <= 16
    };
    let start = head
        .iter()
        .position(|l| names(l))
        .or_else(|| head.iter().position(|l| opens(l)))
        .or_else(|| {
            let date = head.iter().position(|l| dated(l))?;
            (0..date).rev().find(|&k| !head[k].trim().is_empty())
        })?;
    let mut title = head[start].trim().to_owned();
    let mut at = start;
    let mut used = vec![start];
    // Run on over a line break (and one blank line) while the title is
    // plainly not finished.
    loop {
        let unfinished = {
            let last = title.rsplit(' ').next().unwrap_or_default().to_lowercase();
            matches!(
                last.as_str(),
                "of" | "on" | "in" | "for" | "and" | "the" | "to" | "at" | "by" | "into" | "with"
            )
        };
        let Some(next) = (at + 1..head.len().min(at + 3)).find(|&k| !head[k].trim().is_empty())
        else {
            break;
        };
        let line = head[next].trim();
        let lower_start = line.starts_with(|c: char| c.is_lowercase());
        if (unfinished || (lower_start && next == at + 1)) && !dated(line) && line.len() < 120 {
            title.push(' ');
            title.push_str(line);
            at = next;
            used.push(next);
        } else {
            break;
        }
    }
    Some((title, used))
}

/// A paragraph that says what its section holds ("We define notable
/// positive practice as…", "This section sets out…").
fn describes_section(line: &str) -> bool {
    let lower = line.trim_start().to_lowercase();
    [
        "we define ",
        "we set out ",
        "this section ",
        "the following ",
        "below are ",
        "below, we ",
        "in this section",
    ]
    .iter()
    .any(|w| lower.starts_with(w))
}

/// The lines of a table of contents: three or more short lines in a row
/// that number or page the report's parts ("1. Introduction", "Key findings
/// 4"), one of them a section's heading.
fn contents_lines(lines: &[&str]) -> std::collections::HashSet<usize> {
    let entry = |l: &str| {
        let l = l.trim();
        let words = l.split_whitespace().count();
        let paged = l
            .rsplit(' ')
            .next()
            .is_some_and(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_digit()))
            && words > 1;
        (1..=9).contains(&words)
            && !l.ends_with(['.', ';', ',', ':'])
            && (item_marker(l).is_some_and(|m| m.number.is_some() || m.label.is_some()) || paged)
    };
    let mut found = std::collections::HashSet::new();
    let mut i = 0;
    while i < lines.len() {
        let start = i;
        while i < lines.len() && entry(lines[i]) {
            i += 1;
        }
        let run = start..i;
        let names = run.clone().any(|k| {
            let text = item_marker(lines[k]).map_or(lines[k], |m| m.rest);
            let unpaged = text.trim_end_matches(|c: char| c.is_ascii_digit() || c == ' ');
            section_of(unpaged).is_some()
        });
        if run.len() >= 3 && names {
            found.extend(run);
        }
        i = i.max(start + 1);
    }
    found
}

/// A paragraph that goes on with the one before it rather than starting an
/// item: it opens by pointing back ("This has helped…", "As a result…").
fn continues(line: &str) -> bool {
    let lower = line.trim_start().to_lowercase();
    [
        "this ",
        "these ",
        "it ",
        "as a result",
        "in turn",
        "they ",
        "because of this",
    ]
    .iter()
    .any(|w| lower.starts_with(w))
}

/// Whether the heading on line `i` is a topic the sections below it are
/// about: the next line with text (grades aside) is a section's heading or
/// a label that starts an entry of a kind ("Area for improvement 2").
fn heads_sections(lines: &[&str], i: usize) -> bool {
    // Close below it: blank lines and a grade between, no more.
    let next = lines[i + 1..]
        .iter()
        .take(5)
        .map(|l| l.trim())
        .find(|l| !l.is_empty() && !is_grade(l));
    next.is_some_and(|l| {
        let text = markdown_heading(l).map_or(l, |(_, h)| h);
        section_of(text).is_some()
            || glued_heading(text).is_some()
            || labelled(text).is_some_and(|m| m.section.is_some() && m.rest.is_empty())
    })
}

/// A numbered part's heading ("1.1 Leadership", "2. Organisational
/// delivery"): a few words without a full stop, and a grade or another
/// heading under it; the heading's words.
fn numbered_heading<'l>(lines: &[&'l str], i: usize) -> Option<&'l str> {
    let marker = item_marker(lines[i])?;
    let rest = marker.rest;
    let words = rest.split_whitespace().count();
    if marker.sub
        || (marker.number.is_none() && marker.label.is_none())
        || marker.section.is_some()
        || !(1..=6).contains(&words)
        || rest.ends_with(['.', ';', ',', ':'])
        || !rest.starts_with(|c: char| c.is_uppercase())
    {
        return None;
    }
    let next = lines[i + 1..]
        .iter()
        .map(|l| l.trim())
        .find(|l| !l.is_empty())?;
    // "1. Organisational delivery" over "1.1 Leadership": a part over its
    // first sub-part.
    let own = marker
        .label
        .clone()
        .or_else(|| marker.number.map(|n| n.to_string()))
        .unwrap_or_default();
    let sub_part = item_marker(next)
        .and_then(|m| m.label)
        .is_some_and(|label| label.starts_with(&format!("{own}.")));
    let heads = is_grade(next) || section_of(next).is_some() || sub_part;
    heads.then_some(rest)
}

/// A section's heading with whom it is for after it ("Main recommendations
/// To the governor", as a page sets them on one line).
fn addressed_heading(line: &str) -> Option<(Section, String)> {
    if !may_head(line) {
        return None;
    }
    for at in [" To ", " For "] {
        if let Some((head, to)) = line.split_once(at)
            && let Some(section) = section_of(head)
            && let Some(body) = addressee_of(&format!("{}{to}", at.trim_start()))
        {
            return Some((section, body));
        }
    }
    None
}

/// A line that is a section's heading by its words alone ("Key
/// recommendations", "11. RECOMMENDATIONS:"), blank lines around it or not.
fn named_heading(line: &str) -> bool {
    may_head(line)
        && line.split_whitespace().count() <= 12
        && !line.ends_with(['.', ';', ','])
        && section_of(line).is_some()
}

/// A heading glued to the text after it, as copying a page or a table
/// leaves it ("Recommendations R1 Increase…", "| RECOMMENDATIONS 14.1
/// For…"): its section, and the text that follows the heading.
fn glued_heading(line: &str) -> Option<(Section, &str)> {
    if !may_head(line) {
        return None;
    }
    let t = line.trim_start_matches(|c: char| c == '|' || c.is_whitespace());
    let words: Vec<(usize, &str)> = t
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - t.as_ptr() as usize, w))
        .collect();
    // The heading is up to six words; what follows starts an entry.
    for n in (1..=6.min(words.len().saturating_sub(1))).rev() {
        let (at, _) = words[n];
        let (head, rest) = (&t[..at], &t[at..]);
        if let Some(section) = section_of(head)
            && item_marker(rest).is_some()
        {
            return Some((section, rest));
        }
    }
    None
}

/// A Markdown heading's text and level.
fn markdown_heading(line: &str) -> Option<(usize, &str)> {
    let trimmed = line.trim_start();
    let level = trimmed.chars().take_while(|c| *c == '#').count();
    if (1..=6).contains(&level) && trimmed[level..].starts_with(' ') {
        Some((level, trimmed[level..].trim().trim_end_matches('#').trim()))
    } else {
        None
    }
}

/// What starts an entry: a bullet, a number ("3.", "3)", "(3)", "11.1"),
/// a label ("Recommendation 4", "AFI 3", "R1"), or a sub-point ("(a)",
/// "b)", "ii.") that belongs to the entry before it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Marker<'l> {
    /// A plain number of one to three digits.
    number: Option<u32>,
    /// The number as written when it is more than a plain one ("11.1").
    label: Option<String>,
    /// The kind a label names ("Area for improvement 3": an area).
    section: Option<Section>,
    /// A lettered or roman sub-point.
    sub: bool,
    /// The text after the marker.
    rest: &'l str,
}

impl<'l> Marker<'l> {
    fn plain(number: Option<u32>, rest: &'l str) -> Self {
        Marker {
            number,
            label: None,
            section: None,
            sub: false,
            rest,
        }
    }
}

/// Labels that number an entry of a kind, longest first.
const LABELS: [(&str, Section); 14] = [
    ("area for improvement", Section::Areas),
    ("area for development", Section::Areas),
    ("recommendation", Section::Recommendations),
    ("cause of concern", Section::Causes),
    ("cause for concern", Section::Causes),
    ("priority concern", Section::Areas),
    ("key concern", Section::Areas),
    ("requirement", Section::Recommendations),
    ("strength", Section::Strengths),
    ("finding", Section::Findings),
    ("afi", Section::Areas),
    ("aff", Section::Areas),
    ("r", Section::Recommendations),
    ("a", Section::Areas),
];

/// An entry marker at the start of a line (see `Marker`).
fn item_marker(line: &str) -> Option<Marker<'_>> {
    let t = line.trim_start();
    for bullet in ["- ", "* ", "• ", "· ", "– ", "o "] {
        if let Some(rest) = t.strip_prefix(bullet) {
            return Some(Marker::plain(None, rest.trim()));
        }
    }
    labelled(t).or_else(|| numbered(t)).or_else(|| sub_point(t))
}

/// "Recommendation 4:", "AFI 3", "R1 Increase…": a label, its number, and
/// the kind it names. The label starts with a capital, so "recommendation
/// 4 about…" in a wrapped sentence starts nothing.
fn labelled(t: &str) -> Option<Marker<'_>> {
    if !t.starts_with(|c: char| c.is_uppercase()) {
        return None;
    }
    // The longest label, and a little more: all that is compared.
    let lower: String = t.chars().take(24).collect::<String>().to_lowercase();
    for (word, section) in LABELS {
        if !lower.starts_with(word) || !t.is_char_boundary(word.len()) {
            continue;
        }
        let after = &t[word.len()..];
        // "R1" and "AFI3" may be written close up; words need a space.
        let spaced = after.strip_prefix(' ');
        let short = word.len() <= 3;
        let rest = match spaced {
            Some(rest) => rest,
            None if short => after,
            None => continue,
        };
        let digits: String = rest
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        let digits = digits.trim_end_matches('.');
        if digits.is_empty() || !digits.starts_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        let tail = &rest[digits.len()..];
        let ends = tail.is_empty() || tail.starts_with([':', '.', ')', '-', '–', ' ']);
        // "A 3" alone is a grade or a row, not an area; "R 1" is fine.
        if !ends || (word == "a" && spaced.is_some()) {
            continue;
        }
        let text = tail.trim_start_matches([':', '.', ')', '-', '–']).trim();
        // "Recommendation 4 about the force" is a sentence, not a label:
        // a long label's text starts after punctuation or on the next line.
        if !short && !tail.is_empty() && tail.starts_with(' ') && !text.is_empty() {
            let next = text.chars().next().unwrap_or(' ');
            if next.is_lowercase() {
                continue;
            }
        }
        return Some(Marker {
            number: digits.parse().ok(),
            label: (!digits.chars().all(|c| c.is_ascii_digit())).then(|| digits.to_owned()),
            section: Some(section),
            sub: false,
            rest: text,
        });
    }
    None
}

/// "3. ", "3) ", "(3) ", "11.1 " or "1.2.3 ": a number of one to three
/// digits (or a dotted one) and what follows.
fn numbered(t: &str) -> Option<Marker<'_>> {
    let (inner, close) = match t.strip_prefix('(') {
        Some(open) => (open, Some(')')),
        None => (t, None),
    };
    let number: String = inner
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let dotted = number.trim_end_matches('.');
    let parts: Vec<&str> = dotted.split('.').collect();
    if dotted.is_empty()
        || parts.iter().any(|p| p.is_empty() || p.len() > SHORT_NUMBER)
        || parts.len() > 3
    {
        return None;
    }
    let after = &inner[dotted.len()..];
    let rest = match close {
        Some(c) => after.strip_prefix(c)?.strip_prefix(' ')?,
        None if parts.len() > 1 => after
            .strip_prefix(". ")
            .or_else(|| after.strip_prefix(' '))?,
        None => after
            .strip_prefix(". ")
            .or_else(|| after.strip_prefix(") "))?,
    };
    // "2.5 million" or "1.5 times" in a wrapped line is no entry.
    if parts.len() > 1 && rest.starts_with(|c: char| c.is_lowercase()) {
        return None;
    }
    Some(if parts.len() == 1 {
        Marker::plain(dotted.parse().ok(), rest.trim())
    } else {
        Marker {
            number: None,
            label: Some(dotted.to_owned()),
            section: None,
            sub: false,
            rest: rest.trim(),
        }
    })
}

/// "(a) ", "a) ", "a. ", "(iv) ", "ii. ": a sub-point of the entry above.
fn sub_point(t: &str) -> Option<Marker<'_>> {
    let (inner, open) = match t.strip_prefix('(') {
        Some(inner) => (inner, true),
        None => (t, false),
    };
    let letters: String = inner.chars().take_while(char::is_ascii_lowercase).collect();
    let roman = !letters.is_empty() && letters.chars().all(|c| "ivx".contains(c));
    if letters.is_empty() || (letters.len() > 1 && !roman) || letters.len() > 4 {
        return None;
    }
    let after = &inner[letters.len()..];
    let rest = if open {
        after.strip_prefix(") ")?
    } else {
        after
            .strip_prefix(") ")
            .or_else(|| after.strip_prefix(". "))?
    };
    Some(Marker {
        sub: true,
        ..Marker::plain(None, rest.trim())
    })
}

/// Numbers of one to three digits start an entry wherever they stand; a
/// longer one ("2021. The force…" in a wrapped sentence is a year) only
/// when it is the next after the entry before: so a list of any length
/// numbers on, and a year does not start an entry.
const SHORT_NUMBER: usize = 3;

/// A line numbered with four digits or more, as an entry would be ("1000.
/// …" or "1000) …"): the number and the text after it.
fn long_number(line: &str) -> Option<(u64, &str)> {
    let t = line.trim_start();
    let digits = t.len() - t.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits <= SHORT_NUMBER {
        return None;
    }
    let rest = &t[digits..];
    let after = rest
        .strip_prefix(". ")
        .or_else(|| rest.strip_prefix(") "))?;
    // Past u64, a number is as out of sequence as any.
    Some((t[..digits].parse().unwrap_or(u64::MAX), after.trim()))
}

/// A line that stands alone (blank lines around it), short and without a
/// closing full stop: a heading in text copied from a PDF.
fn standalone(lines: &[&str], i: usize, paragraphs: bool) -> bool {
    let line = lines[i].trim();
    let blank_before = paragraphs || i == 0 || lines[i - 1].trim().is_empty();
    let blank_after = paragraphs || i + 1 >= lines.len() || lines[i + 1].trim().is_empty();
    let short = !paragraphs || line.split_whitespace().count() <= 9;
    blank_before
        && blank_after
        && short
        && !line.is_empty()
        && line.chars().count() <= 60
        && !line.ends_with(['.', ',', ';'])
        && item_marker(line).is_none()
        && !introduces(line)
}

/// In text with hard line breaks and no blank lines: a short line after
/// the end of a sentence (or another heading), before a sentence's start.
fn wrapped_heading(lines: &[&str], i: usize) -> bool {
    let line = lines[i].trim();
    let words = line.split_whitespace().count();
    let short = |l: &str| (1..=5).contains(&l.split_whitespace().count());
    let after_end = i == 0
        || lines[..i]
            .iter()
            .rev()
            .map(|l| l.trim())
            .find(|l| !l.is_empty())
            .is_none_or(|prev| prev.ends_with(['.', ':', '?', '!']) || short(prev));
    let before_start = lines.get(i + 1).map(|l| l.trim()).is_some_and(|next| {
        next.starts_with(|c: char| c.is_uppercase()) && next.split_whitespace().count() > words
    });
    (1..=5).contains(&words)
        && line.starts_with(|c: char| c.is_uppercase())
        && !line.ends_with(['.', ',', ';', ':'])
        && item_marker(line).is_none()
        && date_in_words(&line.split_whitespace().collect::<Vec<_>>()).is_none()
        && !line.chars().all(|c| c.is_ascii_digit())
        && after_end
        && before_start
}

/// A line that introduces the points after it ("The governor should make
/// sure that:", "We recommend that the force:"): no heading, however short.
fn introduces(line: &str) -> bool {
    let lower = line.trim().to_lowercase();
    lower.ends_with(':')
        && (DUTY.iter().any(|d| lower.contains(d))
            || [
                " that:",
                " by:",
                " to:",
                " will:",
                " should:",
                " recommend:",
            ]
            .iter()
            .any(|end| lower.ends_with(end)))
}

/// The first sentence, cut cleanly at a word to about 100 characters.
pub fn title_of(text: &str) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut sentence = one_line.as_str();
    // A colon that introduces points ("The service should: (a) …") is
    // read through; one after a phrase of its own ends the title.
    let colon = one_line
        .find(": ")
        .filter(|&at| one_line[..at].split(' ').count() > 6);
    if let Some(end) = one_line.find(". ").into_iter().chain(colon).min() {
        sentence = &one_line[..end];
    }
    // The joining words before the next point ("…each day; and") go.
    let mut sentence = sentence.trim_end_matches('.').trim_end();
    for end in ["; and", "; or", ", and", ", or", ";", ","] {
        if let Some(cut) = sentence.strip_suffix(end) {
            sentence = cut.trim_end();
            break;
        }
    }
    if sentence.chars().count() <= 100 {
        return sentence.to_owned();
    }
    let mut out = String::new();
    for word in sentence.split(' ') {
        if out.chars().count() + word.chars().count() + 1 > 99 {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out.trim_end_matches([',', ';', ':']).to_owned() + "…"
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// "9 March 2020", "31st March 2021" or "March 2021" (the month's last day).
fn date_in_words(words: &[&str]) -> Option<Date> {
    let clean = |w: &str| {
        w.trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase()
    };
    let month = |w: &str| {
        MONTHS
            .iter()
            .position(|m| *m == clean(w))
            .and_then(|m| i8::try_from(m + 1).ok())
    };
    let year = |w: &str| {
        clean(w)
            .parse::<i16>()
            .ok()
            .filter(|y| (1900..=2200).contains(y))
    };
    let day_month_year = || match words {
        [d, m, y, ..] => {
            let day: String = clean(d).chars().take_while(char::is_ascii_digit).collect();
            let day = day.parse::<i8>().ok()?;
            Date::new(year(y)?, month(m)?, day).ok()
        }
        _ => None,
    };
    day_month_year().or_else(|| match words {
        [m, y, ..] => {
            let first = Date::new(year(y)?, month(m)?, 1).ok()?;
            Some(first.last_of_month())
        }
        _ => None,
    })
}

/// A due date the wording states: "By 31 March 2021," or "within six months"
/// (of publication, when that is known).
fn due_of(text: &str, published: Option<Date>) -> Option<Date> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let lowered: Vec<String> = words
        .iter()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .collect();
    let says = |at: usize, phrase: &[&str]| {
        phrase
            .iter()
            .enumerate()
            .all(|(k, p)| lowered.get(at + k).is_some_and(|w| w == p))
    };
    for (i, w) in words.iter().enumerate() {
        let lower = w.to_lowercase();
        // "by the end of March 2024", "not later than 1 June 2023"
        for (phrase, skip) in [
            (&["by", "the", "end", "of"][..], 4),
            (&["not", "later", "than"][..], 3),
            (&["no", "later", "than"][..], 3),
        ] {
            if says(i, phrase)
                && let Some(date) = date_in_words(&words[i + skip..])
            {
                return Some(date);
            }
        }
        if lower == "by"
            && let Some(date) = date_in_words(&words[i + 1..])
        {
            return Some(date);
        }
        // "With immediate effect", "immediately": as published.
        if (says(i, &["with", "immediate", "effect"]) || lowered[i] == "immediately")
            && published.is_some()
        {
            return published;
        }
        if lower == "within" {
            let amount = words.get(i + 1).map(|w| w.to_lowercase());
            let unit = words
                .get(i + 2)
                .map(|w| w.trim_matches(|c: char| !c.is_alphabetic()).to_lowercase());
            let n = match amount.as_deref() {
                Some("one" | "a" | "an" | "1") => Some(1),
                Some("two" | "2") => Some(2),
                Some("three" | "3") => Some(3),
                Some("four" | "4") => Some(4),
                Some("six" | "6") => Some(6),
                Some("nine" | "9") => Some(9),
                Some("twelve" | "12") => Some(12),
                Some("eighteen" | "18") => Some(18),
                _ => None,
            };
            // "within a week of asking" is a standard, not a deadline; "of
            // this report" or "of publication" counts from the report.
            let of = lowered.get(i + 3).is_some_and(|w| w == "of");
            let from_report = lowered
                .get(i + 4)
                .is_some_and(|w| matches!(w.as_str(), "this" | "publication" | "the"));
            if of && !from_report {
                continue;
            }
            if let (Some(n), Some(unit), Some(start)) = (n, unit, published) {
                let span = match unit.as_str() {
                    "month" | "months" => jiff::Span::new().months(n),
                    "year" | "years" => jiff::Span::new().years(n),
                    "week" | "weeks" => jiff::Span::new().weeks(n),
                    _ => continue,
                };
                return start.checked_add(span).ok();
            }
        }
    }
    None
}

/// National bodies, by the words that name them, and the name they are
/// given.
const NATIONAL: [(&[&str], &str); 7] = [
    (&["chief constable"], "Chief constables"),
    (&["college of policing"], "College of Policing"),
    (
        &["npcc", "national police chiefs"],
        "National Police Chiefs' Council",
    ),
    (&["home office"], "Home Office"),
    (
        &["police and crime commissioner", "pccs"],
        "Police and crime commissioners",
    ),
    (
        &[
            "counter terrorism policing headquarters",
            "counter-terrorism policing headquarters",
        ],
        "Counter Terrorism Policing Headquarters",
    ),
    (&["hmicfrs"], "HMICFRS"),
];

/// The words that make what comes before them the body a recommendation
/// is for.
const DUTY: [&str; 6] = [
    " should",
    " must",
    " needs to",
    " need to",
    " is to",
    " are to",
];

/// Bodies a recommendation is directed at: those a sentence makes the
/// subject of "should", "must" or "needs to" ("By March, the chief fire
/// officer should…", "The College of Policing and the NPCC should…"),
/// as the text names them with a leading "The" in lower case; national
/// bodies by their usual names.
fn directed_of(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut add = |body: String| {
        if !body.is_empty() && !out.iter().any(|o| o.eq_ignore_ascii_case(&body)) {
            out.push(body);
        }
    };
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for sentence in one_line.split(['.', ';', ':']) {
        let lower = sentence.to_lowercase();
        let Some(at) = DUTY.iter().filter_map(|d| lower.find(d)).min() else {
            continue;
        };
        // The subject: the clause before the duty, after any opening
        // phrase ("By 31 March 2025, …", "Within six months, …").
        let clause = sentence[..at].rsplit(',').next().unwrap_or_default().trim();
        // National bodies first, by their names ("police and crime
        // commissioners" is one body, not two).
        let mut rest = clause.to_lowercase();
        for (words, name) in NATIONAL {
            for w in words {
                if rest.contains(w) {
                    add((*name).to_owned());
                    rest = rest.replace(w, " ");
                }
            }
        }
        if rest.trim() != clause.to_lowercase().trim() {
            continue;
        }
        for part in clause.split(" and ").flat_map(|p| p.split(", ")) {
            if let Some(body) = body_of(part.trim()) {
                add(body);
            }
        }
    }
    out
}

/// Words that end the name of a body.
const BODY_WORDS: [&str; 71] = [
    "force",
    "forces",
    "service",
    "services",
    "constabulary",
    "police",
    "council",
    "councils",
    "authority",
    "authorities",
    "board",
    "boards",
    "partnership",
    "partnerships",
    "officer",
    "officers",
    "commissioner",
    "commissioners",
    "governor",
    "governors",
    "director",
    "directors",
    "manager",
    "managers",
    "head",
    "heads",
    "team",
    "teams",
    "leader",
    "leaders",
    "leadership",
    "provider",
    "providers",
    "school",
    "schools",
    "trust",
    "trusts",
    "prison",
    "establishment",
    "department",
    "agency",
    "agencies",
    "unit",
    "panel",
    "committee",
    "inspectorate",
    "ministry",
    "government",
    "executive",
    "group",
    "organisation",
    "organisations",
    "partners",
    "body",
    "bodies",
    "college",
    "centre",
    "practitioners",
    "teachers",
    "trustees",
    "proprietor",
    "proprietors",
    "secretary",
    "chair",
    "minister",
    "hmpps",
    "region",
    "regions",
    "division",
    "directorate",
    "pdu",
];

/// A body as a sentence names it ("The chief fire officer", "Northmoor
/// Police", "the head of service"), or `None` for a pronoun, a clause or
/// anything longer than a name.
fn body_of(part: &str) -> Option<String> {
    let words: Vec<&str> = part.split_whitespace().collect();
    let first = words.first()?;
    let pronoun = matches!(
        first.to_lowercase().as_str(),
        "it" | "they"
            | "we"
            | "this"
            | "these"
            | "that"
            | "those"
            | "there"
            | "which"
            | "who"
            | "you"
            | "he"
            | "she"
            | "all"
            | "each"
            | "every"
            | "any"
            | "staff"
            | "work"
    );
    let last = words.last()?.to_lowercase();
    // A body is a name ("Northmoor Police") or ends in a word that names
    // one ("the chief fire officer", "leaders"); "Crime recording should
    // improve" names none.
    // A name: its words capitalised, bar a leading "the" and the small
    // words between ("the Ministry of Justice").
    let named_words: Vec<&str> = words
        .iter()
        .skip(usize::from(first.eq_ignore_ascii_case("the")))
        .copied()
        .collect();
    let a_name = named_words.len() > 1
        && named_words
            .first()
            .is_some_and(|w| w.starts_with(|c: char| c.is_uppercase()))
        && named_words.iter().all(|w| {
            w.starts_with(|c: char| c.is_uppercase())
                || matches!(*w, "of" | "and" | "for" | "the" | "in" | "on")
        });
    let a_body = BODY_WORDS.contains(&last.as_str());
    if pronoun || !(a_name || a_body) || words.len() > 8 {
        return None;
    }
    let mut body = words.join(" ");
    if let Some(rest) = body.strip_prefix("The ") {
        body = format!("the {rest}");
    }
    Some(body)
}

fn published_of(line: &str) -> Option<Date> {
    let lower = line.to_lowercase();
    let at = lower.find("published")?;
    let rest: Vec<&str> = line[at + "published".len()..]
        .split_whitespace()
        .filter(|w| !matches!(w.to_lowercase().trim_end_matches(':'), "on" | "" | "-"))
        .collect();
    date_in_words(&rest)
}

fn inspectorate_of(text: &str) -> Option<String> {
    let lower = text.to_lowercase();
    let named = |words: &[&str]| words.iter().any(|w| lower.contains(w));
    Some(
        if named(&["hmicfrs", "inspectorate of constabulary"]) {
            "HMICFRS"
        } else if named(&["inspectorate of prisons", "chief inspector of prisons"]) {
            "HM Inspectorate of Prisons"
        } else if named(&["inspectorate of probation", "hmi probation"]) {
            "HM Inspectorate of Probation"
        } else if named(&["ofsted"]) {
            "Ofsted"
        } else if named(&["estyn"]) {
            "Estyn"
        } else if named(&["care inspectorate"]) {
            "Care Inspectorate"
        } else if named(&["education scotland"]) {
            "Education Scotland"
        } else {
            return None;
        }
        .to_owned(),
    )
}

/// An entry as read, before it is numbered.
struct Raw {
    section: Section,
    theme: Option<String>,
    line: usize,
    number: Option<u32>,
    /// The number as written, when more than a plain number ("11.1").
    label: Option<String>,
    /// Whom the heading above it names ("For the Governor").
    addressee: Option<String>,
    text: String,
    /// For a recommendation: the index (in the raw list) of the cause of
    /// concern it answers.
    cause: Option<usize>,
    /// Started by a number or bullet.
    marked: bool,
    /// Which section heading it came under (a count).
    block: usize,
    /// Words that introduced it ("Within six months, the force should:"),
    /// read for its due date and bodies.
    context: Option<std::rc::Rc<str>>,
    /// The lines it was read from.
    lines: Vec<u32>,
}

/// How much of a lead-in's end each entry after it is read with.
const LEAD_IN_TAIL: usize = 2000;

/// The last `bytes` or so of `text`, from a character's start.
fn tail(text: &str, bytes: usize) -> &str {
    let mut at = text.len().saturating_sub(bytes);
    while !text.is_char_boundary(at) {
        at += 1;
    }
    &text[at..]
}

/// Entries being gathered, one section at a time.
struct Builder {
    section: Option<Section>,
    /// The Markdown level of the section's heading (0: a plain line).
    level: usize,
    block: usize,
    theme: Option<String>,
    /// The entry being read: its section (a recommendation nested under a
    /// cause of concern has its own), first line, number, text, marked.
    current: Option<(Section, usize, Option<u32>, String, bool)>,
    /// The cause of concern that recommendations now answer.
    cause: Option<usize>,
    /// A lead-in ending in ':' that the entries after it continue.
    lead_in: Option<std::rc::Rc<str>>,
    /// The number of the last numbered entry in this section.
    last_number: Option<u32>,
    /// The number of the entry being read as written, when more than a
    /// plain number ("11.1").
    label: Option<String>,
    /// Whom a heading says the recommendations after it are for.
    addressee: Option<String>,
    /// How far in the marker of the entry being read stands.
    marker_indent: usize,
    /// The topic the sections after it are about ("Investigating crime"
    /// above its areas for improvement and its practice): their theme.
    topic: Option<String>,
    raw: Vec<Raw>,
    /// The lines the entry being read was read from.
    current_lines: Vec<u32>,
    /// Lines of lead-ins: their words are read with the entries after them.
    lead_lines: Vec<u32>,
}

impl Builder {
    fn flush(&mut self) {
        let Some((section, line, number, text, marked)) = self.current.take() else {
            return;
        };
        let lines = std::mem::take(&mut self.current_lines);
        let text = text.trim().to_owned();
        if text.is_empty() {
            return;
        }
        // A bullet that introduces the list after it ("• The board
        // should:") is a lead-in as a paragraph is; a numbered entry that
        // ends so keeps its sub-points and stays an entry.
        let bulleted = marked && number.is_none() && self.label.is_none();
        if (!marked || bulleted) && text.ends_with(':') {
            self.lead_lines.extend(lines);
            // "…we recommend that within six months the force should:"
            // Its last words are what it says of the entries after it
            // ("…within six months, the force should:"); each entry reads
            // those, and shares them, however long the paragraph.
            self.lead_in = Some(tail(&text, LEAD_IN_TAIL).into());
            return;
        }
        if section == Section::Causes {
            self.cause = Some(self.raw.len());
        }
        let cause = (section == Section::Recommendations)
            .then_some(self.cause)
            .flatten();
        let theme = self.theme.clone();
        let addressee = (section == Section::Recommendations)
            .then(|| self.addressee.clone())
            .flatten();
        let context = if marked { self.lead_in.clone() } else { None };
        let label = self.label.take().filter(|_| marked);
        self.raw.push(Raw {
            addressee,
            section,
            theme,
            line,
            number,
            label,
            text,
            cause,
            marked,
            block: self.block,
            context,
            lines,
        });
    }

    /// A line onto the entry being read: a paragraph of its own after a
    /// blank line, else the line it wraps onto.
    fn join(&mut self, line: &str, number: usize, paragraph: bool) -> bool {
        let Some((_, _, _, text, _)) = &mut self.current else {
            return false;
        };
        if paragraph {
            text.push_str("\n\n");
            text.push_str(line);
        } else {
            join_wrapped(text, line);
        }
        self.current_lines.push(line_number(number));
        true
    }

    fn start(
        &mut self,
        section: Section,
        line: usize,
        number: Option<u32>,
        text: &str,
        marked: bool,
    ) {
        self.flush();
        if !marked {
            // A new paragraph: an earlier lead-in no longer applies.
            self.lead_in = None;
        }
        if number.is_some() {
            self.last_number = number;
        }
        self.current = Some((section, line, number, text.to_owned(), marked));
        self.current_lines = vec![line_number(line)];
    }

    fn enter(&mut self, section: Option<Section>, level: usize) {
        self.flush();
        // Recommendations right after a cause of concern are its own.
        let follows_cause =
            section == Some(Section::Recommendations) && self.section == Some(Section::Causes);
        if !follows_cause {
            self.cause = None;
        }
        self.section = section;
        self.level = level;
        self.block += 1;
        self.theme = if section.is_some() {
            self.topic.clone()
        } else {
            None
        };
        self.addressee = None;
        self.lead_in = None;
        self.last_number = None;
    }

    /// A sub-heading inside a section: the theme of what follows.
    fn theme_heading(&mut self, heading: &str) {
        self.flush();
        self.theme = Some(heading.trim_end_matches(':').to_owned());
        self.lead_in = None;
    }

    /// Read a line as the reviewer marked it; what it became. An item's
    /// lines get their place once the entries are numbered.
    fn marked(
        &mut self,
        mark: Mark,
        raw_line: &str,
        number: usize,
        paragraph: bool,
        furniture: &mut Vec<(usize, String)>,
        unplaced: &mut Vec<(usize, String)>,
    ) -> Role {
        let line = raw_line.trim();
        match mark {
            Mark::Furniture => {
                furniture.push((number, line.to_owned()));
                return Role::Furniture;
            }
            Mark::Heading(section) => {
                self.enter(Some(section), 0);
                return Role::Heading(section);
            }
            Mark::Theme => {
                if self.section.is_some() {
                    self.theme_heading(line);
                } else {
                    self.enter(None, 0);
                    self.topic = Some(line.trim_end_matches(':').to_owned());
                }
                return Role::Theme;
            }
            Mark::Start => {
                if let Some(section) = self.section {
                    let (at, rest, label, named) = item_marker(line)
                        .map_or((None, line, None, None), |m| {
                            (m.number, m.rest, m.label, m.section)
                        });
                    let own = named.filter(|&n| n != Section::Findings).unwrap_or(section);
                    self.start(own, number, at, rest, true);
                    self.label = label;
                    self.marker_indent = raw_line.len() - raw_line.trim_start().len();
                    return Role::Unplaced;
                }
            }
            Mark::Join => {
                // Only onto an item under the same heading.
                let last_here = self.raw.last().is_some_and(|r| r.block == self.block);
                if self.join(line, number, paragraph)
                    || (last_here && self.reopen_last(line, number, paragraph))
                {
                    return Role::Unplaced;
                }
            }
        }
        // No section to start an item in, no item to join.
        unplaced.push((number, line.to_owned()));
        Role::Unplaced
    }

    /// Add a paragraph to the entry read last, when it was a paragraph of
    /// the same part of the section; `false` when there is none.
    fn extend_last(&mut self, line: &str, number: usize) -> bool {
        let Some(last) = self.raw.last_mut() else {
            return false;
        };
        if last.marked || last.block != self.block || last.theme != self.theme {
            return false;
        }
        self.reopen_last(line, number, true);
        true
    }

    /// Take the entry read last up again with `line` (a paragraph, or a
    /// line it wraps onto): the
    /// lines that wrap it join it as the entry being read.
    fn reopen_last(&mut self, line: &str, number: usize, paragraph: bool) -> bool {
        let Some(mut last) = self.raw.pop() else {
            return false;
        };
        if paragraph {
            last.text.push_str("\n\n");
            last.text.push_str(line);
        } else {
            join_wrapped(&mut last.text, line);
        }
        last.lines.push(line_number(number));
        self.current = Some((last.section, last.line, last.number, last.text, last.marked));
        self.current_lines = last.lines;
        self.label = last.label;
        true
    }

    /// A line numbered with four digits or more: an entry when it is the
    /// next number after the last; else noted, and read as a wrapped line.
    fn long_entry<'l>(
        &mut self,
        line: &'l str,
        at: usize,
        notes: &mut Vec<(usize, u64, u32)>,
    ) -> Option<(Option<u32>, &'l str)> {
        let (number, rest) = long_number(line)?;
        let last = self.last_number?;
        if u64::from(last) + 1 == number {
            return Some((u32::try_from(number).ok(), rest));
        }
        // Below 999 a long number is a year or the like, not an entry.
        if self.current.is_some() && last >= 999 {
            notes.push((at, number, last));
        }
        None
    }
}

/// A line's number as an entry keeps it.
fn line_number(number: usize) -> u32 {
    u32::try_from(number).unwrap_or(u32::MAX)
}

/// Read a report's text.
pub fn read(text: &str, published: Option<Date>) -> Import {
    read_with(text, published, &Marks::new())
}

/// Read a report's text, each line the reviewer marked taken as marked.
#[allow(
    clippy::too_many_lines,
    reason = "one pass over the lines, read top to bottom"
)]
pub fn read_with(text: &str, published: Option<Date>, marks: &Marks) -> Import {
    let mut cleaned = clean::clean(text);
    // A line the reviewer marked as the report's, that was taken as the
    // page's, is the report's again.
    for (&number, &mark) in marks {
        let Some(line) = cleaned.lines.get_mut(number.wrapping_sub(1)) else {
            continue;
        };
        if mark != Mark::Furniture
            && line.is_empty()
            && let Some(at) = cleaned.furniture.iter().position(|(n, _)| *n == number)
        {
            *line = cleaned.furniture.remove(at).1;
        }
    }
    let lines: Vec<&str> = cleaned.lines.iter().map(String::as_str).collect();
    let mut roles: Vec<Role> = lines
        .iter()
        .map(|l| {
            if l.trim().is_empty() {
                Role::Blank
            } else {
                Role::Unplaced
            }
        })
        .collect();
    let mut found = Found::default();
    let mut unplaced = Vec::new();
    let first_line = lines.iter().position(|l| !l.trim().is_empty()).unwrap_or(0);
    let mut b = Builder {
        section: None,
        level: 0,
        block: 0,
        theme: None,
        current: None,
        cause: None,
        lead_in: None,
        last_number: None,
        label: None,
        addressee: None,
        marker_indent: 0,
        topic: None,
        raw: Vec::new(),
        current_lines: Vec::new(),
        lead_lines: Vec::new(),
    };
    let mut out_of_sequence = Vec::new();
    let contents = contents_lines(&lines);
    // In a paragraph that says what its section holds.
    let mut describing = false;
    // Where the first section starts: the title stands above it.
    let mut first_section: Option<usize> = None;
    let mut furniture = cleaned.furniture.clone();
    for (i, raw_line) in lines.iter().enumerate() {
        let number = i + 1;
        let mut line = raw_line.trim();
        // What the reviewer said the line is, over what it looks like.
        if let Some(&mark) = marks.get(&number)
            && !line.is_empty()
        {
            let paragraph = i > 0 && lines[i - 1].trim().is_empty();
            roles[i] = b.marked(
                mark,
                raw_line,
                number,
                paragraph,
                &mut furniture,
                &mut unplaced,
            );
            if let Mark::Heading(_) = mark {
                first_section.get_or_insert(i);
            }
            continue;
        }
        // A table of contents is the page's, not the report's.
        if contents.contains(&i) {
            furniture.push((number, line.to_owned()));
            roles[i] = Role::Furniture;
            continue;
        }
        // A heading glued to the entry after it: the heading, then the
        // entry read as a line of its own.
        if markdown_heading(raw_line).is_none()
            && let Some((section, rest)) = glued_heading(line)
        {
            b.enter(Some(section), 0);
            line = rest;
        }
        if found.published.is_none() {
            found.published = published_of(line);
        }
        // A PDF's page numbers, alone on their lines.
        if !line.is_empty() && line.chars().all(|c| c.is_ascii_digit()) {
            furniture.push((number, line.to_owned()));
            roles[i] = Role::Furniture;
            continue;
        }
        // "1000. …" after entry 999 is the next entry, however it stands.
        let numbered = b
            .section
            .and_then(|_| b.long_entry(line, number, &mut out_of_sequence));
        let markdown = markdown_heading(raw_line);
        let heading = markdown
            .map(|(_, h)| h)
            .or_else(|| standalone(&lines, i, cleaned.paragraphs).then_some(line))
            .or_else(|| named_heading(line).then_some(line))
            .or_else(|| addressed_heading(line).map(|_| line))
            .or_else(|| numbered_heading(&lines, i))
            .or_else(|| (cleaned.hard_wrapped && wrapped_heading(&lines, i)).then_some(line))
            .filter(|_| numbered.is_none());
        if let Some(heading) = heading {
            let level = markdown.map_or(0, |(l, _)| l);
            // "Main recommendations        To the governor"
            if let Some((section, to)) = addressed_heading(heading) {
                b.enter(Some(section), level);
                b.addressee = Some(to);
                roles[i] = Role::Heading(section);
                continue;
            }
            if let Some(section) = section_of(heading) {
                first_section.get_or_insert(i);
                b.enter(Some(section), level);
                roles[i] = Role::Heading(section);
                continue;
            }
            match b.section {
                None if found.title.is_none() && (markdown.is_some() || i == first_line) => {
                    found.title = Some(heading.to_owned());
                    roles[i] = Role::Field;
                    continue;
                }
                // A grade ("Requires improvement") or a note in brackets
                // is no heading: it is said.
                _ if is_grade(heading) || (heading.starts_with('(') && heading.ends_with(')')) => {
                    b.flush();
                    unplaced.push((number, heading.to_owned()));
                    continue;
                }
                // "Addressed to: the governor" after an entry: whom it is for.
                Some(_) if heading.to_lowercase().starts_with("addressed to") => {
                    b.flush();
                    let to = addressee_of(heading.split_once(':').map_or(heading, |(_, t)| t));
                    match (b.raw.last_mut(), to) {
                        (Some(last), Some(to)) if last.section == Section::Recommendations => {
                            last.addressee = Some(to);
                            roles[i] = Role::Addressee;
                        }
                        _ => unplaced.push((number, heading.to_owned())),
                    }
                    continue;
                }
                // A topic the sections after it are about: their theme.
                _ if published_of(heading).is_none()
                    && inspectorate_of(heading).is_none()
                    && heads_sections(&lines, i) =>
                {
                    b.enter(None, level);
                    b.topic = Some(heading.trim_end_matches(':').to_owned());
                    roles[i] = Role::Theme;
                    continue;
                }
                // A heading of a chapter ("5 Conclusions", "NEXT STEPS IN
                // PRACTICE", or one as high as the section's) ends it.
                Some(_) if chapter_heading(heading, level, b.level) => {
                    b.enter(None, level);
                    b.topic = None;
                    roles[i] = Role::End;
                    continue;
                }
                // "For the Governor": whom the recommendations after it are for.
                Some(Section::Recommendations | Section::Causes)
                    if addressee_of(heading).is_some() =>
                {
                    b.flush();
                    b.addressee = addressee_of(heading);
                    b.theme = None;
                    b.lead_in = None;
                    roles[i] = Role::Addressee;
                    continue;
                }
                // Any other sub-heading: the theme of what follows.
                Some(_) => {
                    b.theme_heading(heading);
                    roles[i] = Role::Theme;
                    continue;
                }
                None => {}
            }
        }
        if line.is_empty() {
            if b.current.as_ref().is_some_and(|c| !c.4) {
                b.flush();
            }
            continue;
        }
        // A label names its section ("Area for improvement 2" under a topic).
        if b.section.is_none()
            && let Some(named) = labelled(line).and_then(|m| m.section)
        {
            b.enter(Some(named), 0);
        }
        let Some(section) = b.section else {
            if found.title.is_none() {
                found.title = Some(line.to_owned());
                roles[i] = Role::Field;
            } else if published_of(line).is_none() {
                unplaced.push((number, line.to_owned()));
            } else {
                roles[i] = Role::Field;
            }
            continue;
        };
        let after_blank = cleaned.paragraphs || (i > 0 && lines[i - 1].trim().is_empty());
        let marker = numbered
            .map(|(num, rest)| Marker::plain(num, rest))
            .or_else(|| item_marker(line));
        if let Some(marker) = marker {
            // A sub-point is part of the entry above it, as is a point set
            // further in than it ("    - names who…" under "1. Make sure…").
            let indent = raw_line.len() - raw_line.trim_start().len();
            // A bullet that goes on with a numbered entry's sentence ("5. The
            // force should train all staff" / "• including agency staff").
            let goes_on = marker.number.is_none()
                && marker.label.is_none()
                && marker.rest.starts_with(|c: char| c.is_lowercase())
                && b.current
                    .as_ref()
                    .is_some_and(|(_, _, number, _, marked)| *marked && number.is_some());
            let nested = indent > b.marker_indent + 1 || goes_on;
            if (marker.sub || nested)
                && b.current.as_ref().is_some_and(|c| c.4)
                && b.join(line, number, false)
            {
                continue;
            }
            // Under a cause of concern, "Recommendation N" and the bullets
            // after a lead-in are its recommendations; a label names its
            // own kind ("Area for improvement 3" among recommendations).
            let nested = section == Section::Causes
                && (marker.section == Some(Section::Recommendations) || b.lead_in.is_some());
            let own = if nested {
                Section::Recommendations
            } else {
                match marker.section {
                    Some(named) if named != Section::Findings => named,
                    _ => section,
                }
            };
            b.start(own, number, marker.number, marker.rest, true);
            b.label = marker.label;
            b.marker_indent = indent;
            continue;
        }
        // A wrapped line joins the entry it continues; after a blank line
        // it starts a paragraph of its own.
        // "We define notable practice as…": what the section is, not an entry.
        if after_blank && describes_section(line) {
            b.flush();
            unplaced.push((number, line.to_owned()));
            describing = true;
            continue;
        }
        // Its wrapped lines with it.
        if describing && !after_blank && marker.is_none() {
            continue;
        }
        describing = false;
        // "This has helped…" after a paragraph goes on with it.
        if b.current.is_none() && after_blank && continues(line) && b.extend_last(line, number) {
            continue;
        }
        match &mut b.current {
            Some(_) if !after_blank => {
                b.join(line, number, false);
            }
            // A label alone on its line ("Area for improvement 1") and the
            // paragraph below it are one entry.
            Some((_, _, _, text, true)) if text.trim().is_empty() => {
                text.push_str(line);
                b.current_lines.push(line_number(number));
            }
            _ => b.start(section, number, None, line, false),
        }
    }
    b.flush();
    for &line in &b.lead_lines {
        roles[line as usize - 1] = Role::LeadIn;
    }
    // In a section of numbered or bulleted entries, paragraphs around them
    // introduce or close the list; they are not entries.
    let listed: std::collections::HashSet<usize> = b
        .raw
        .iter()
        .filter(|r| r.marked && r.section != Section::Causes)
        .map(|r| r.block)
        .collect();
    let mut kept = Vec::with_capacity(b.raw.len());
    let mut moved: Vec<Option<usize>> = Vec::with_capacity(b.raw.len());
    for r in b.raw {
        if !r.marked && r.section != Section::Causes && listed.contains(&r.block) {
            for &line in &r.lines {
                roles[line as usize - 1] = Role::Unplaced;
            }
            unplaced.push((r.line, r.text));
            moved.push(None);
        } else {
            moved.push(Some(kept.len()));
            kept.push(r);
        }
    }
    for r in &mut kept {
        r.cause = r.cause.and_then(|c| moved.get(c).copied().flatten());
    }
    unplaced.sort_by_key(|(line, _)| *line);
    // The title as the page sets it out, when it can be told from the lines
    // around it; else the first line, as read.
    let markdown_title = lines
        .iter()
        .find_map(|l| markdown_heading(l).filter(|(level, _)| *level == 1))
        .is_some();
    if !markdown_title && let Some((title, used)) = title_from(&lines, first_section) {
        found.title = Some(title);
        // The title's lines are in the inspection's fields, not unplaced.
        // A line the reviewer marked stays as marked.
        unplaced.retain(|(line, _)| !used.contains(&(line - 1)) || marks.contains_key(line));
        for &at in &used {
            if roles[at] == Role::Unplaced && !marks.contains_key(&(at + 1)) {
                roles[at] = Role::Field;
            }
        }
    }
    found.inspectorate = inspectorate_of(text);
    let published = published.or(found.published);
    let entries = number_entries(&kept, published);
    // Each entry's lines, now it has its place among the entries.
    let mut order: Vec<usize> = (0..kept.len()).collect();
    order.sort_by_key(|&r| (kept[r].section.kind(), r));
    for (at, &r) in order.iter().enumerate() {
        let at = u32::try_from(at).unwrap_or(u32::MAX);
        for (n, &line) in kept[r].lines.iter().enumerate() {
            roles[line as usize - 1] = if n == 0 {
                Role::Starts(at)
            } else {
                Role::Part(at)
            };
        }
    }
    // What clean took out; a line that kept its words (a grade cut from
    // its end) is what it became.
    for &(line, _) in &furniture {
        if let Some(role) = roles.get_mut(line.wrapping_sub(1))
            && *role == Role::Blank
        {
            *role = Role::Furniture;
        }
    }
    Import {
        roles,
        found,
        entries,
        unplaced,
        out_of_sequence,
        furniture: {
            furniture.sort_by_key(|(line, _)| *line);
            furniture
        },
    }
}

/// A wrapped line onto the text it continues: a word split by a hyphen at
/// the line's end ("dis-" then "continued") is joined whole.
fn join_wrapped(text: &mut String, line: &str) {
    let split_word = text.strip_suffix('-').is_some_and(|stem| {
        let fragment = stem.rsplit(' ').next().unwrap_or_default().to_lowercase();
        stem.chars().next_back().is_some_and(char::is_alphabetic)
            && !clean::KEEPS_HYPHEN.contains(&fragment.as_str())
    }) && line.starts_with(|c: char| c.is_lowercase());
    // "co-" and "ordinated" are "co-ordinated": no space between.
    let kept_hyphen = !split_word
        && text.ends_with('-')
        && !text.ends_with(" -")
        && line.starts_with(|c: char| c.is_lowercase());
    if split_word {
        text.pop();
    } else if !kept_hyphen {
        text.push(' ');
    }
    text.push_str(line);
}

/// An entry's words with the lead-in that introduced it.
fn with_context(r: &Raw) -> String {
    match &r.context {
        Some(lead) => format!("{lead} {}", r.text),
        None => r.text.clone(),
    }
}

/// Ids from the report's own numbers where each kind has distinct ones,
/// else by order; causes link to their recommendations.
fn number_entries(raw: &[Raw], published: Option<Date>) -> Vec<Entry> {
    let prefix = |kind: Kind| match kind {
        Kind::Finding => "F",
        Kind::Strength => "S",
        Kind::Recommendation => "R",
        Kind::AreaForImprovement => "A",
    };
    // Each raw entry's id, kind by kind.
    let mut ids = vec![String::new(); raw.len()];
    for kind in Kind::ALL {
        let of_kind: Vec<usize> = (0..raw.len())
            .filter(|&i| raw[i].section.kind() == kind)
            .collect();
        // Each entry's number as the text writes it ("4", "11.1").
        let numbers: Vec<Option<String>> = of_kind
            .iter()
            .map(|&i| {
                raw[i]
                    .label
                    .clone()
                    .or_else(|| raw[i].number.map(|n| n.to_string()))
            })
            .collect();
        let distinct = numbers.iter().all(Option::is_some)
            && numbers
                .iter()
                .collect::<std::collections::HashSet<_>>()
                .len()
                == numbers.len();
        for (order, number) in numbers.into_iter().enumerate() {
            let n = match number {
                Some(n) if distinct => n,
                _ => (order + 1).to_string(),
            };
            ids[of_kind[order]] = format!("{}{n}", prefix(kind));
        }
    }
    // The recommendations answering each cause of concern, found once.
    let mut answers: Vec<Vec<usize>> = vec![Vec::new(); raw.len()];
    for (j, r) in raw.iter().enumerate() {
        if let Some(cause) = r.cause.and_then(|c| answers.get_mut(c)) {
            cause.push(j);
        }
    }
    let mut entries: Vec<(usize, Entry)> = raw
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let kind = r.section.kind();
            let recommendation = kind == Kind::Recommendation;
            let entry = Entry {
                kind,
                id: ids[i].clone(),
                title: title_of(&r.text),
                text: r.text.clone(),
                theme: r.theme.clone(),
                tags: if r.section == Section::Causes {
                    vec!["cause-of-concern".into()]
                } else {
                    Vec::new()
                },
                links: answers[i].iter().map(|&j| ids[j].clone()).collect(),
                // Whom a heading names ("To the governor") over whoever the
                // sentence makes its subject ("The prison should…").
                directed_to: if recommendation {
                    match &r.addressee {
                        // "the Ministry of Justice and the Department for
                        // Work and Pensions": each one.
                        Some(to) => to
                            .split(" and the ")
                            .enumerate()
                            .map(|(n, body)| {
                                if n == 0 {
                                    body.to_owned()
                                } else {
                                    format!("the {body}")
                                }
                            })
                            .collect(),
                        None => directed_of(&with_context(r)),
                    }
                } else {
                    Vec::new()
                },
                due: if recommendation {
                    due_of(&with_context(r), published)
                } else {
                    None
                },
                line: r.line,
            };
            (i, entry)
        })
        .collect();
    // Kind by kind, each in the order the text had them.
    entries.sort_by_key(|(i, e)| (e.kind, *i));
    entries.into_iter().map(|(_, e)| e).collect()
}

/// A slug of the title, for the inspection's id.
pub fn slug(title: &str) -> String {
    let mut out = String::new();
    for word in title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(8)
    {
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&word.to_lowercase());
    }
    if out.is_empty() {
        "imported-report".into()
    } else {
        out
    }
}

/// The inspection file for an import.
pub fn to_yaml(import: &Import, id: &str, title: &str, published: Option<Date>) -> String {
    let mut out = Emitter::default();
    out.line(0, "version: 1");
    out.line(0, "inspection:");
    out.pair_str(2, "id", id);
    out.pair_str(2, "title", title);
    if let Some(who) = &import.found.inspectorate {
        out.pair_str(2, "inspectorate", who);
    }
    if let Some(date) = published {
        out.line_args(2, format_args!("published: {date}"));
    }
    for kind in Kind::ALL {
        let mut items = import.entries.iter().filter(|e| e.kind == kind).peekable();
        if items.peek().is_none() {
            continue;
        }
        out.key_line(0, kind.key());
        for e in items {
            out.item_pair_str(2, "id", &e.id);
            out.pair_str(4, "title", &e.title);
            out.pair_str(4, "text", &e.text);
            if let Some(theme) = &e.theme {
                out.pair_str(4, "theme", theme);
            }
            if !e.tags.is_empty() {
                out.flow_pair(4, "tags", Flow::Scalar, e.tags.iter().map(String::as_str));
            }
            if !e.links.is_empty() {
                out.flow_pair(4, "links", Flow::AsIs, e.links.iter().map(String::as_str));
            }
            if !e.directed_to.is_empty() {
                let bodies = e.directed_to.iter().map(String::as_str);
                out.flow_pair(4, "directed_to", Flow::Quoted, bodies);
            }
            if let Some(due) = e.due {
                out.line_args(4, format_args!("due: {due}"));
            }
        }
    }
    out.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_are_known_by_the_wordings_inspectorates_use() {
        let cases = [
            ("11. RECOMMENDATIONS", Section::Recommendations),
            ("Summary of recommendations", Section::Recommendations),
            (
                "What does the school need to do to improve further?",
                Section::Recommendations,
            ),
            ("Recommended actions", Section::Recommendations),
            ("Requirements", Section::Recommendations),
            ("Particular strengths of the school", Section::Strengths),
            ("Notable positive practice", Section::Strengths),
            ("Areas for development", Section::Areas),
            ("Priority and key concerns", Section::Areas),
            ("Key concerns and recommendations", Section::Areas),
            (
                "What needs to improve in this local authority?",
                Section::Areas,
            ),
            ("| CAUSES FOR CONCERN", Section::Causes),
            ("5 Findings", Section::Findings),
        ];
        for (heading, section) in cases {
            assert_eq!(section_of(heading), Some(section), "{heading}");
            assert!(may_head(heading), "{heading} is looked at");
        }
        for prose in ["The recommendations below", "Conclusions", "What we found"] {
            assert_eq!(section_of(prose), None, "{prose}");
        }
    }

    const MARKED: &str = "Inspection of Testshire Constabulary\n\nRecommendations\n\n1. The force should audit its stop and search records.\n2. The force should train its call handlers.\n   which the service then extends to all staff.\n\nThings to put right\n\nThe force should publish its figures.\n\nPage 4 of 9\n";

    fn texts(import: &Import) -> Vec<(Kind, String)> {
        import
            .entries
            .iter()
            .map(|e| (e.kind, e.text.clone()))
            .collect()
    }

    #[test]
    fn a_bullet_that_introduces_a_list_lends_it_its_words() {
        // Council minutes quoting a report: addressees as bullets of their own.
        let text = "Inspection of the Eastvale youth offending team\n\nRecommendations\n\n  • The Eastvale team manager should:\n\n  • make sure that supervision happens every month.\n  • make sure that plans name the other services.\n\n  • The Eastvale management board should:\n\n  • check that its action plan is followed\n";
        let import = read(text, None);
        let got: Vec<(&str, Vec<&str>)> = import
            .entries
            .iter()
            .map(|e| {
                (
                    e.title.as_str(),
                    e.directed_to.iter().map(String::as_str).collect(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (
                    "make sure that supervision happens every month",
                    vec!["the Eastvale team manager"]
                ),
                (
                    "make sure that plans name the other services",
                    vec!["the Eastvale team manager"]
                ),
                (
                    "check that its action plan is followed",
                    vec!["the Eastvale management board"]
                ),
            ]
        );
        assert_eq!(import.roles[4], Role::LeadIn);
    }

    #[test]
    fn every_line_says_what_it_became() {
        let import = read(MARKED, None);
        assert_eq!(import.roles.len(), MARKED.lines().count());
        assert_eq!(import.roles[0], Role::Field, "the title");
        assert_eq!(import.roles[2], Role::Heading(Section::Recommendations));
        assert_eq!(import.roles[4], Role::Starts(0));
        assert_eq!(import.roles[5], Role::Starts(1));
        assert_eq!(import.roles[6], Role::Part(1));
        assert_eq!(import.roles[12], Role::Furniture, "a page number");
        for line in [1, 3, 7, 9, 11] {
            assert_eq!(import.roles[line], Role::Blank, "line {}", line + 1);
        }
    }

    #[test]
    fn lines_are_read_as_the_reviewer_marks_them() {
        let plain = read(MARKED, None);
        // "Things to put right" is no heading the importer knows: a theme,
        // whose paragraph, among numbered entries, is not one.
        assert_eq!(plain.entries.len(), 2);
        assert_eq!(plain.roles[8], Role::Theme);
        assert_eq!(plain.roles[10], Role::Unplaced);
        let marks = Marks::from([
            (6, Mark::Join),
            (7, Mark::Start),
            (9, Mark::Heading(Section::Areas)),
        ]);
        let import = read_with(MARKED, None, &marks);
        assert_eq!(
            texts(&import),
            vec![
                (
                    Kind::Recommendation,
                    "The force should audit its stop and search records. 2. The force should train its call handlers.".into()
                ),
                (
                    Kind::Recommendation,
                    "which the service then extends to all staff.".into()
                ),
                (
                    Kind::AreaForImprovement,
                    "The force should publish its figures.".into()
                ),
            ]
        );
        assert_eq!(import.roles[5], Role::Part(0));
        assert_eq!(import.roles[6], Role::Starts(1));
        assert_eq!(import.roles[8], Role::Heading(Section::Areas));
        assert_eq!(import.roles[10], Role::Starts(2));
    }

    #[test]
    fn a_theme_furniture_and_a_line_taken_back_from_the_furniture() {
        let marks = Marks::from([
            (9, Mark::Theme),
            (11, Mark::Start),
            (6, Mark::Furniture),
            (13, Mark::Join),
        ]);
        let import = read_with(MARKED, None, &marks);
        assert_eq!(import.roles[5], Role::Furniture);
        assert!(import.furniture.iter().any(|(n, _)| *n == 6));
        assert!(!import.entries[1].text.contains("call handlers"));
        let last = import.entries.last().expect("an entry");
        assert_eq!(last.theme.as_deref(), Some("Things to put right"));
        assert!(
            last.text.ends_with("figures.\n\nPage 4 of 9"),
            "{}",
            last.text
        );
        assert!(import.furniture.iter().all(|(n, _)| *n != 13));
        assert_eq!(import.roles[12], Role::Part(1));
    }

    #[test]
    fn a_new_item_needs_a_section_and_a_join_an_item() {
        let marks = Marks::from([(1, Mark::Join), (3, Mark::Start)]);
        let import = read_with(MARKED, None, &marks);
        assert_eq!(import.roles[0], Role::Unplaced);
        assert!(import.unplaced.iter().any(|(n, _)| *n == 1));
        // With no heading above it, "Recommendations" starts nothing.
        assert_eq!(import.roles[2], Role::Unplaced);
        assert!(import.entries.is_empty());
    }
}
