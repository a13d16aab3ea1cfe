//! `scrutiny import`: the text of a published report, as copied from its web
//! page or PDF, turned into an inspection file.
//!
//! Sections are found by their headings (Markdown `#` headings, or a short
//! line standing alone); items are the numbered or bulleted entries under a
//! section, or its paragraphs where there are none. Nothing is guessed: a
//! field the text does not state is left out and reported.

use jiff::civil::Date;

pub mod html;
pub mod pdf;

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

/// The result of reading a text.
#[derive(Debug, Clone, Default)]
pub struct Import {
    pub found: Found,
    pub entries: Vec<Entry>,
    /// Text that stood before any known heading: (line, text).
    pub unplaced: Vec<(usize, String)>,
    /// Lines that start with a number of four digits or more that does not
    /// follow the entry before it, so were read as part of it, not as
    /// entries of their own: (line, the number, the number before).
    pub out_of_sequence: Vec<(usize, u64, u32)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    Findings,
    Strengths,
    Recommendations,
    Areas,
    Causes,
}

impl Section {
    fn kind(self) -> Kind {
        match self {
            Section::Findings | Section::Causes => Kind::Finding,
            Section::Strengths => Kind::Strength,
            Section::Recommendations => Kind::Recommendation,
            Section::Areas => Kind::AreaForImprovement,
        }
    }
}

/// The section a heading names, if any.
fn section_of(heading: &str) -> Option<Section> {
    let h: String = heading
        .trim()
        .trim_end_matches(':')
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || c.is_whitespace())
        .collect();
    let h = h.split_whitespace().collect::<Vec<_>>().join(" ");
    match h.as_str() {
        "findings" | "main findings" | "summary of findings" | "key findings" | "our findings" => {
            Some(Section::Findings)
        }
        "strengths"
        | "innovative practice"
        | "promising practice"
        | "good practice"
        | "notable practice"
        | "innovative and promising practice" => Some(Section::Strengths),
        "recommendations" | "recommendation" | "our recommendations" => {
            Some(Section::Recommendations)
        }
        "areas for improvement" | "area for improvement" => Some(Section::Areas),
        "causes of concern" | "cause of concern" => Some(Section::Causes),
        _ => None,
    }
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

/// An entry marker at the start of a line: the number it carries, if any,
/// and the text after it.
fn item_marker(line: &str) -> Option<(Option<u32>, &str)> {
    let t = line.trim_start();
    for bullet in ["- ", "* ", "• ", "· ", "– "] {
        if let Some(rest) = t.strip_prefix(bullet) {
            return Some((None, rest.trim()));
        }
    }
    let lower = t.to_lowercase();
    for word in [
        "recommendation ",
        "area for improvement ",
        "cause of concern ",
    ] {
        if lower.starts_with(word) {
            let rest = &t[word.len()..];
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            let tail = &rest[digits.len()..];
            // "Recommendation 4:" starts an entry; "recommendation 4 about…"
            // in a wrapped sentence does not.
            let starts = tail.is_empty() || tail.starts_with([':', '.', ')', '-', '–']);
            if !digits.is_empty() && starts && t.starts_with(|c: char| c.is_uppercase()) {
                let after = tail.trim_start_matches([':', '.', ')', '-', '–']).trim();
                return Some((digits.parse().ok(), after));
            }
        }
    }
    let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
    if !digits.is_empty() && digits.len() <= 3 {
        let rest = &t[digits.len()..];
        if let Some(after) = rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") ")) {
            return Some((digits.parse().ok(), after.trim()));
        }
    }
    None
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
fn standalone(lines: &[&str], i: usize) -> bool {
    let line = lines[i].trim();
    let blank_before = i == 0 || lines[i - 1].trim().is_empty();
    let blank_after = i + 1 >= lines.len() || lines[i + 1].trim().is_empty();
    blank_before
        && blank_after
        && !line.is_empty()
        && line.chars().count() <= 60
        && !line.ends_with(['.', ',', ';'])
        && item_marker(line).is_none()
}

/// The first sentence, cut cleanly at a word to about 100 characters.
pub fn title_of(text: &str) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut sentence = one_line.as_str();
    if let Some(end) = one_line.find(". ").or_else(|| one_line.find(": ")) {
        sentence = &one_line[..end];
    }
    let sentence = sentence.trim_end_matches('.');
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
    for (i, w) in words.iter().enumerate() {
        let lower = w.to_lowercase();
        if lower == "by"
            && let Some(date) = date_in_words(&words[i + 1..])
        {
            return Some(date);
        }
        if lower == "within" {
            let amount = words.get(i + 1).map(|w| w.to_lowercase());
            let unit = words
                .get(i + 2)
                .map(|w| w.trim_matches(|c: char| !c.is_alphabetic()).to_lowercase());
            let n = match amount.as_deref() {
                Some("one" | "a" | "1") => Some(1),
                Some("two" | "2") => Some(2),
                Some("three" | "3") => Some(3),
                Some("four" | "4") => Some(4),
                Some("six" | "6") => Some(6),
                Some("nine" | "9") => Some(9),
                Some("twelve" | "12") => Some(12),
                Some("eighteen" | "18") => Some(18),
                _ => None,
            };
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

/// Bodies a recommendation is directed at: those named before "should"
/// in the same sentence ("The College of Policing and the NPCC should…").
fn directed_of(text: &str) -> Vec<String> {
    let bodies: [(&[&str], &str); 7] = [
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
    let lower = text.to_lowercase();
    let mut out: Vec<String> = Vec::new();
    for sentence in lower.split(['.', ';']) {
        let Some(at) = sentence.find(" should") else {
            continue;
        };
        let before = &sentence[..at];
        for (names, body) in &bodies {
            if names.iter().any(|n| before.contains(n)) && !out.iter().any(|o| o == body) {
                out.push((*body).to_owned());
            }
        }
    }
    out
}

fn published_of(line: &str) -> Option<Date> {
    let lower = line.to_lowercase();
    let at = lower.find("published")?;
    let rest: Vec<&str> = line[at + "published".len()..]
        .split_whitespace()
        .filter(|w| !matches!(w.to_lowercase().as_str(), "on" | ":" | "-"))
        .collect();
    date_in_words(&rest)
}

fn inspectorate_of(text: &str) -> Option<String> {
    let lower = text.to_lowercase();
    (lower.contains("hmicfrs") || lower.contains("inspectorate of constabulary"))
        .then(|| "HMICFRS".to_owned())
}

/// An entry as read, before it is numbered.
struct Raw {
    section: Section,
    theme: Option<String>,
    line: usize,
    number: Option<u32>,
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
    raw: Vec<Raw>,
}

impl Builder {
    fn flush(&mut self) {
        let Some((section, line, number, text, marked)) = self.current.take() else {
            return;
        };
        let text = text.trim().to_owned();
        if text.is_empty() {
            return;
        }
        if !marked && text.ends_with(':') {
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
        let theme = (section == Section::Findings)
            .then(|| self.theme.clone())
            .flatten();
        let context = if marked { self.lead_in.clone() } else { None };
        self.raw.push(Raw {
            section,
            theme,
            line,
            number,
            text,
            cause,
            marked,
            block: self.block,
            context,
        });
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
        self.theme = None;
        self.lead_in = None;
        self.last_number = None;
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

/// Read a report's text.
#[allow(
    clippy::too_many_lines,
    reason = "one pass over the lines, read top to bottom"
)]
pub fn read(text: &str, published: Option<Date>) -> Import {
    let lines: Vec<&str> = text.lines().collect();
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
        raw: Vec::new(),
    };
    let mut out_of_sequence = Vec::new();
    for (i, raw_line) in lines.iter().enumerate() {
        let number = i + 1;
        let line = raw_line.trim();
        if found.published.is_none() {
            found.published = published_of(line);
        }
        // A PDF's page numbers, alone on their lines.
        if !line.is_empty() && line.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        // "1000. …" after entry 999 is the next entry, however it stands.
        let numbered = b
            .section
            .and_then(|_| b.long_entry(line, number, &mut out_of_sequence));
        let markdown = markdown_heading(raw_line);
        let heading = markdown
            .map(|(_, h)| h)
            .or_else(|| standalone(&lines, i).then_some(line))
            .filter(|_| numbered.is_none());
        if let Some(heading) = heading {
            let level = markdown.map_or(0, |(l, _)| l);
            if let Some(section) = section_of(heading) {
                b.enter(Some(section), level);
                continue;
            }
            match b.section {
                None if found.title.is_none() && (markdown.is_some() || i == first_line) => {
                    found.title = Some(heading.to_owned());
                    continue;
                }
                // A sub-heading under the findings: the theme of what follows.
                Some(Section::Findings) if level == 0 || level > b.level => {
                    b.flush();
                    b.theme = Some(heading.trim_end_matches(':').to_owned());
                    b.lead_in = None;
                    continue;
                }
                // Any other heading ends the section it is in.
                Some(_) => {
                    b.enter(None, level);
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
        let Some(section) = b.section else {
            if found.title.is_none() {
                found.title = Some(line.to_owned());
            } else if published_of(line).is_none() {
                unplaced.push((number, line.to_owned()));
            }
            continue;
        };
        let after_blank = i > 0 && lines[i - 1].trim().is_empty();
        if let Some((num, rest)) = numbered.or_else(|| item_marker(line)) {
            // Under a cause of concern, "Recommendation N" and the bullets
            // after a lead-in are its recommendations.
            let nested = section == Section::Causes
                && (line
                    .trim_start()
                    .to_lowercase()
                    .starts_with("recommendation")
                    || b.lead_in.is_some());
            let own = if nested {
                Section::Recommendations
            } else {
                section
            };
            b.start(own, number, num, rest, true);
            continue;
        }
        // A wrapped line joins the entry it continues; after a blank line
        // it starts a paragraph of its own.
        match &mut b.current {
            Some((_, _, _, text, _)) if !after_blank => {
                text.push(' ');
                text.push_str(line);
            }
            _ => b.start(section, number, None, line, false),
        }
    }
    b.flush();
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
    found.inspectorate = inspectorate_of(text);
    let published = published.or(found.published);
    let entries = number_entries(&kept, published);
    Import {
        found,
        entries,
        unplaced,
        out_of_sequence,
    }
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
        let numbers: Vec<Option<u32>> = of_kind.iter().map(|&i| raw[i].number).collect();
        let distinct = numbers.iter().all(Option::is_some)
            && numbers
                .iter()
                .collect::<std::collections::HashSet<_>>()
                .len()
                == numbers.len();
        for (order, &i) in of_kind.iter().enumerate() {
            let n = match raw[i].number {
                Some(n) if distinct => n as usize,
                _ => order + 1,
            };
            ids[i] = format!("{}{n}", prefix(kind));
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
                directed_to: if recommendation {
                    directed_of(&with_context(r))
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
