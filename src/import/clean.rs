//! The first step of reading a report: its lines as the rest of the import
//! reads them, with what the page put around the report taken out and
//! counted. Line for line: the lines keep their numbers, so every message
//! still names the line of the file.
//!
//! Taken out as page furniture (the line is left blank and listed):
//! - what a web page puts around its text when copied from a browser: "Skip
//!   to content", "Print this page", "Back to top", "« Previous | Contents |
//!   Next »", "Page last updated…", cookie banners, breadcrumbs;
//! - what a PDF repeats on every page: page numbers ("12", "Page 3 of 40",
//!   "- 7 -"), and running headers and footers (a line that opens or closes
//!   two pages or more, its numbers aside, in text with page breaks; any
//!   line naming a page number, in text without).
//!
//! Mended: a word split over two lines by a hyphen ("dis-" / "continued")
//! is joined on the second line; runs of layout spaces become one; tabs and
//! no-break spaces are spaces; the bullets PDF tools emit (U+F0B7, ▪, ●, ◦,
//! ■, ‣, ⁃, —) are `•`; form feeds end pages.

use std::collections::HashMap;

/// The report's lines, mended, with the furniture taken out.
#[derive(Debug, Default)]
pub struct Cleaned {
    /// One per line of the text, in order; furniture is left blank.
    pub lines: Vec<String>,
    /// The furniture taken out: (line number, the line as it was).
    pub furniture: Vec<(usize, String)>,
    /// Each line is a paragraph of its own, as text copied from a web page
    /// comes: hardly a blank line, and long lines that never wrap.
    pub paragraphs: bool,
    /// Hard line breaks and hardly a blank line, as text copied from a PDF
    /// viewer comes: its headings stand on lines of their own without a
    /// blank line around them.
    pub hard_wrapped: bool,
}

/// Clean `text` (see the module's description).
pub fn clean(text: &str) -> Cleaned {
    let mut page_starts = vec![0];
    let mut lines: Vec<String> = Vec::new();
    let mut furniture = Vec::new();
    let raw: Vec<&str> = text.lines().collect();
    // Lines graded across the page, and the rows of a table of grades (two
    // or more such lines together): the table is the page's, not an item.
    let graded: Vec<bool> = raw.iter().map(|l| trailing_grade(l).is_some()).collect();
    // The nearest line with text before (`up`) or after line `i`.
    let nearest = |i: usize, up: bool| -> Option<usize> {
        if up {
            (0..i).rev().find(|&k| !raw[k].trim().is_empty())
        } else {
            (i + 1..raw.len()).find(|&k| !raw[k].trim().is_empty())
        }
    };
    let neighbour = |i: usize, up: bool| nearest(i, up).is_some_and(|k| graded[k]);
    for (i, line) in raw.iter().enumerate() {
        if line.contains('\u{c}') && i > 0 {
            page_starts.push(i);
        }
        // A table's header ("Quality indicator      Evaluation") over its rows.
        let header = !graded[i]
            && line.trim_end().contains("   ")
            && nearest(i, false).is_some_and(|k| graded[k] && neighbour(k, false));
        let line = match trailing_grade(line) {
            Some(_) if neighbour(i, true) || neighbour(i, false) => {
                furniture.push((i + 1, line.trim().to_owned()));
                ""
            }
            None if header => {
                furniture.push((i + 1, line.trim().to_owned()));
                ""
            }
            Some((head, grade)) => {
                furniture.push((i + 1, grade.to_owned()));
                head
            }
            None => line,
        };
        lines.push(mend(line));
    }
    // Judged on the lines as they came, before furniture leaves them blank.
    let (paragraphs, hard_wrapped) = breaks(&lines);
    let mut running = running_lines(&lines, &page_starts);
    running.extend(paged_lines(text));
    for (i, line) in lines.iter_mut().enumerate() {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        if is_furniture(trimmed) || running.contains(&i) {
            furniture.push((i + 1, trimmed.to_owned()));
            line.clear();
        }
    }
    join_hyphens(&mut lines);
    Cleaned {
        lines,
        furniture,
        paragraphs,
        hard_wrapped,
    }
}

/// Grades inspectorates give, alone on a line or at its end.
pub(super) fn is_grade(heading: &str) -> bool {
    // "3 - Adequate", "Grade: Good"
    let lower = heading.trim().trim_end_matches(['.', ':']).to_lowercase();
    let lower = lower.strip_prefix("grade:").unwrap_or(&lower).trim();
    let lower = lower
        .trim_start_matches(|c: char| c.is_ascii_digit())
        .trim_start()
        .trim_start_matches(['-', '–', ':'])
        .trim();
    matches!(
        lower,
        "outstanding"
            | "good"
            | "requires improvement"
            | "requires improvement to be good"
            | "inadequate"
            | "excellent"
            | "very good"
            | "adequate"
            | "satisfactory"
            | "weak"
            | "unsatisfactory"
            | "poor"
            | "effective"
            | "not effective"
            | "insufficient"
            | "sufficient"
    )
}

/// A grade set at a heading's end across the page ("Preventing fire and
/// other risks        Good"): the heading, and the grade.
fn trailing_grade(line: &str) -> Option<(&str, &str)> {
    let at = line.trim_end().rfind("   ")?;
    let (head, tail) = (line[..at].trim_end(), line[at..].trim());
    (!head.trim().is_empty() && is_grade(tail)).then_some((head, tail))
}

/// One line with its spaces and bullets made plain.
fn mend(line: &str) -> String {
    let line = line.replace('\u{c}', "");
    // "Staffing (Back to top)": a web page's link after a heading.
    let line = ["(Back to top)", "Back to top", "(back to top)"]
        .iter()
        .find_map(|end| line.trim_end().strip_suffix(end).map(str::to_owned))
        .filter(|head| !head.trim().is_empty())
        .unwrap_or(line);
    let mut out = String::with_capacity(line.len());
    let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
    out.push_str(&" ".repeat(line[..indent].chars().count()));
    let mut spaces = 0;
    let rest = &line[indent..];
    for (at, c) in rest.char_indices() {
        let c = match c {
            '\t' | '\u{a0}' | '\u{2007}' | '\u{202f}' => ' ',
            '\u{f0b7}' | '\u{f0a7}' | '▪' | '●' | '◦' | '■' | '‣' | '⁃' => '•',
            // A dash opening a line is a bullet; elsewhere a dash.
            '—' if at == 0 && rest[at + c.len_utf8()..].starts_with([' ', '\u{a0}', '\t']) => '•',
            c => c,
        };
        if c == ' ' {
            spaces += 1;
            continue;
        }
        if spaces > 0 && !out.trim().is_empty() {
            out.push(' ');
        }
        spaces = 0;
        out.push(c);
    }
    unspaced(&out)
}

/// A word a PDF spaced out letter by letter ("R e c o m m e n d a t i o
/// n s"), whole again: four or more single letters in a row, one space
/// apart.
fn unspaced(line: &str) -> String {
    let words: Vec<&str> = line.split(' ').collect();
    let single = |w: &str| w.chars().count() == 1 && w.chars().all(char::is_alphabetic);
    if words.iter().filter(|w| single(w)).count() < 4 {
        return line.to_owned();
    }
    let mut out = String::with_capacity(line.len());
    let mut i = 0;
    while i < words.len() {
        let run = words[i..].iter().take_while(|w| single(w)).count();
        if !out.is_empty() {
            out.push(' ');
        }
        if run >= 4 {
            out.extend(words[i..i + run].iter().copied());
            i += run;
        } else {
            out.push_str(words[i]);
            i += 1;
        }
    }
    out
}

/// Whether a whole line is what a browser or a PDF puts around a report.
fn is_furniture(line: &str) -> bool {
    // A Markdown link alone on its line is what it says: "[Back to top](#top)".
    let line = match line.strip_prefix('[').and_then(|l| l.split_once("](")) {
        Some((text, target)) if target.ends_with(')') && !target.contains(' ') => text,
        _ => line,
    };
    // Furniture is said in its first words: only those are compared.
    let lower: String = line.chars().take(80).collect::<String>().to_lowercase();
    let whole = line.chars().count() <= 80;
    let lower = lower.trim_matches(|c: char| c == '(' || c == ')' || c == '[' || c == ']');
    let exact = [
        "skip to content",
        "skip to main content",
        "skip to navigation",
        "print this document",
        "print this page",
        "print",
        "back to top",
        "return to top",
        "top of page",
        "share this page",
        "accept all cookies",
        "reject all cookies",
        "reject additional cookies",
        "accept additional cookies",
        "hide cookie message",
        "view cookies",
        "cookie settings",
        "contents",
        "table of contents",
        "menu",
        "search",
        "close",
        "yes",
        "no",
        "accessibility",
        "accessibility statement",
        "cookies",
        "privacy",
        "privacy notice",
        "privacy policy",
        "contact us",
        "contact",
        "terms and conditions",
        "follow us",
        "sign up for email alerts",
        "feedback",
        "sitemap",
    ];
    if whole && exact.contains(&lower) {
        return true;
    }
    let starts = [
        "page last updated",
        "last updated:",
        "this page was last updated",
        "we use cookies",
        "we use some essential cookies",
        "cookies on ",
        "you've accepted",
        "you've rejected",
        "is this page useful",
        "report a problem with this page",
        "help us improve",
        "are you ok with cookies",
        "we'd like to use additional cookies",
        "we would like to use additional cookies",
        "all content is available under the open government licence",
        "find a care service",
        "find an inspection report",
    ];
    if starts.iter().any(|s| lower.starts_with(s)) || lower.starts_with('©') {
        return true;
    }
    if !whole {
        return false;
    }
    // « Previous | Contents | Next »
    if lower.contains("previous") && lower.contains("next") && lower.contains('|') {
        return true;
    }
    // Home > Publications > Inspection of …
    if (lower.matches(" > ").count() >= 2 || lower.matches(" › ").count() >= 2)
        && lower.chars().count() <= 160
    {
        return true;
    }
    page_number(lower)
}

/// "12", "- 7 -", "Page 3", "Page 3 of 40", "3 of 40", "… Page 42 of 44".
fn page_number(lower: &str) -> bool {
    let bare = lower.trim_matches(|c: char| c == '-' || c == '–' || c.is_whitespace());
    if !bare.is_empty() && bare.len() <= 4 && bare.chars().all(|c| c.is_ascii_digit()) {
        return true;
    }
    let words: Vec<&str> = lower.split_whitespace().collect();
    let number = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_ascii_digit());
    match words.as_slice() {
        [n, "of", m] => number(n) && number(m),
        [.., "page", n] => number(n) && words.len() <= 14,
        [.., "page", n, "of", m] => number(n) && number(m) && words.len() <= 16,
        _ => false,
    }
}

/// Lines that open or close two pages or more, as running headers and
/// footers do (numbers aside): indices into `lines`.
fn running_lines(lines: &[String], page_starts: &[usize]) -> std::collections::HashSet<usize> {
    let mut found = std::collections::HashSet::new();
    if page_starts.len() < 3 {
        return found;
    }
    let shape = |line: &str| -> String {
        line.trim()
            .chars()
            .map(|c| if c.is_ascii_digit() { '#' } else { c })
            .collect()
    };
    // Each page's first and last lines with text.
    let mut edges: Vec<Vec<usize>> = Vec::new();
    for (p, &start) in page_starts.iter().enumerate() {
        let end = page_starts.get(p + 1).copied().unwrap_or(lines.len());
        let mut with_text = (start..end).filter(|&i| !lines[i].trim().is_empty());
        let first = with_text.next();
        let last = with_text.next_back();
        edges.push(first.into_iter().chain(last).collect());
    }
    let mut pages_with: HashMap<String, std::collections::HashSet<usize>> = HashMap::new();
    for (p, page) in edges.iter().enumerate() {
        for &i in page {
            pages_with.entry(shape(&lines[i])).or_default().insert(p);
        }
    }
    for page in &edges {
        for &i in page {
            let s = shape(&lines[i]);
            if s.chars().count() >= 3 && pages_with.get(&s).is_some_and(|p| p.len() >= 2) {
                found.insert(i);
            }
        }
    }
    found
}

/// Whether `lines` hold a paragraph each (text copied from a browser):
/// fewer than one line in ten blank, and one in twelve or more longer than
/// any line a PDF or a page of text would wrap at.
///
/// And whether they are hard-wrapped without blank lines (text copied from
/// a PDF viewer): fewer than one in ten blank, but no such long lines.
fn breaks(lines: &[String]) -> (bool, bool) {
    let with_text: Vec<&String> = lines.iter().filter(|l| !l.trim().is_empty()).collect();
    let blank = lines.len() - with_text.len();
    let long = with_text.iter().filter(|l| l.chars().count() > 100).count();
    let few_blank = blank * 10 < lines.len();
    let paragraphs = !with_text.is_empty() && few_blank && long * 12 >= with_text.len();
    (paragraphs, few_blank && !paragraphs)
}

/// Lines that set a page number across the page from some words ("HMP
/// Ashgrove          42"), the same words on two or more of them: a
/// running header or footer, in text without page breaks.
fn paged_lines(text: &str) -> std::collections::HashSet<usize> {
    let mut by_words: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.replace('\u{c}', "");
        let trimmed = line.trim_end();
        let Some(gap) = trimmed.rfind("   ") else {
            continue;
        };
        let (words, number) = (trimmed[..gap].trim(), trimmed[gap..].trim());
        if !words.is_empty()
            && !number.is_empty()
            && number.len() <= 4
            && number.chars().all(|c| c.is_ascii_digit())
        {
            by_words.entry(words.to_owned()).or_default().push(i);
        }
    }
    by_words
        .into_values()
        .filter(|at| at.len() >= 2)
        .flatten()
        .collect()
}

/// Words that keep their hyphen when a line breaks after it ("co-" /
/// "ordinated" is "co-ordinated").
pub(super) const KEEPS_HYPHEN: [&str; 16] = [
    "co", "non", "self", "well", "cross", "ex", "multi", "anti", "semi", "long", "short", "high",
    "low", "part", "half", "year",
];

/// "dis-" at a line's end and "continued" at the next one's start: the
/// word whole on the second line.
fn join_hyphens(lines: &mut [String]) {
    for i in 0..lines.len().saturating_sub(1) {
        let line = lines[i].trim_end();
        let Some(stem) = line.strip_suffix('-') else {
            continue;
        };
        let fragment_at = stem.rfind(' ').map_or(0, |at| at + 1);
        let fragment = &stem[fragment_at..];
        let next = lines[i + 1].trim_start();
        let starts_lower = next.chars().next().is_some_and(char::is_lowercase);
        if fragment.is_empty()
            || !fragment.chars().all(char::is_alphabetic)
            || !starts_lower
            || fragment_at == 0
            || KEEPS_HYPHEN.contains(&fragment.to_lowercase().as_str())
        {
            continue;
        }
        let indent = lines[i + 1].len() - next.len();
        let joined = format!("{}{fragment}{next}", " ".repeat(indent));
        let kept = stem[..fragment_at].trim_end().to_owned();
        lines[i] = kept;
        lines[i + 1] = joined;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers_and_web_page_furniture_are_taken_out_line_for_line() {
        let text = "Skip to content\nInspection of X\n\nPage 3 of 40\n- 7 -\n12\nThe force should act.\n(Back to top)\n« Previous | Contents | Next »\nPage last updated 3 May 2024\n";
        let c = clean(text);
        assert_eq!(c.lines.len(), 10);
        assert_eq!(c.lines[1], "Inspection of X");
        assert_eq!(c.lines[6], "The force should act.");
        let gone: Vec<usize> = c.furniture.iter().map(|(n, _)| *n).collect();
        assert_eq!(gone, [1, 4, 5, 6, 8, 9, 10]);
    }

    #[test]
    fn running_headers_between_page_breaks_are_furniture() {
        let page = |n: usize| {
            format!(
                "Inspection of Northmoor Police          Page {n}\n\nBody text on page {n}.\nMore of it.\n\nNorthmoor Police 2024\n"
            )
        };
        let text = format!("{}\u{c}{}\u{c}{}", page(1), page(2), page(3));
        let c = clean(&text);
        let kept: Vec<&str> = c
            .lines
            .iter()
            .map(String::as_str)
            .filter(|l| !l.trim().is_empty())
            .collect();
        assert_eq!(
            kept,
            [
                "Body text on page 1.",
                "More of it.",
                "Body text on page 2.",
                "More of it.",
                "Body text on page 3.",
                "More of it."
            ]
        );
    }

    #[test]
    fn hyphens_at_line_ends_join_and_layout_spaces_close_up() {
        let c =
            clean("The service dis-\ncontinued its   audits\tof\u{a0}homes.\n\u{f0b7}\tA bullet\n");
        assert_eq!(c.lines[0], "The service");
        assert_eq!(c.lines[1], "discontinued its audits of homes.");
        assert_eq!(c.lines[2], "• A bullet");
    }

    #[test]
    fn a_word_spaced_out_letter_by_letter_is_whole_again() {
        let c = clean("R e c o m m e n d a t i o n 1\nI am a fan of it.\n");
        assert_eq!(c.lines[0], "Recommendation 1");
        assert_eq!(c.lines[1], "I am a fan of it.");
    }

    #[test]
    fn a_hyphen_before_a_capital_or_a_number_stays() {
        let c = clean("the North-\nWest region and pre-\n2020 figures\n");
        assert_eq!(c.lines[0], "the North-");
        assert_eq!(c.lines[1], "West region and pre-");
    }
}
