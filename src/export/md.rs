//! Text from files written into a Markdown document, escaped for the place
//! it goes, so that it reads as the text it is and the document keeps the
//! structure scrutiny gave it: no heading, HTML, link, code block or table
//! comes from a file. Plain prose passes unchanged; only what Markdown
//! would read as markup is escaped.

use crate::text;

/// Whether `&` at the start of `rest` would begin a character reference
/// (`&lt;`, `&#60;`, `&#x3c;`), which Markdown turns into the character.
fn starts_reference(rest: &str) -> bool {
    let body = &rest[1..];
    let (digits, ok): (&str, fn(char) -> bool) =
        if let Some(hex) = body.strip_prefix("#x").or_else(|| body.strip_prefix("#X")) {
            (hex, |c: char| c.is_ascii_hexdigit())
        } else if let Some(dec) = body.strip_prefix('#') {
            (dec, |c: char| c.is_ascii_digit())
        } else {
            (body, |c: char| c.is_ascii_alphanumeric())
        };
    let len = digits.chars().take_while(|&c| ok(c)).count();
    len > 0 && digits[len..].starts_with(';')
}

/// Inline text: characters Markdown would read as HTML, a link, a code
/// span, emphasis, strikethrough, super- or subscript, maths, a table
/// cell, a footnote or a character reference are escaped
/// (`>` only starts something at the start of a line: `block_line`).
/// `s` holds no line break (callers split or flatten first).
fn inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut before = None;
    for (at, c) in s.char_indices() {
        let after = s[at + c.len_utf8()..].chars().next();
        match c {
            '<' => out.push_str("&lt;"),
            '&' if starts_reference(&s[at..]) => out.push_str("&amp;"),
            '\\' if after.is_none_or(|a| a.is_ascii_punctuation()) => out.push_str("\\\\"),
            // Code, emphasis, tables, strikethrough and subscript,
            // superscript, maths (GitHub renders `$x$`).
            '`' | '*' | '|' | '~' | '^' | '$' => {
                out.push('\\');
                out.push(c);
            }
            // A link, an image, a reference and its definition all need a
            // `]` followed by one of these; a bracket alone ("[sic]") is
            // text.
            ']' if after.is_some_and(|a| matches!(a, '(' | '[' | ']' | ':')) => {
                out.push_str("\\]");
            }
            // `_` inside a word (snake_case, R_1) opens no emphasis.
            '_' if !(before.is_some_and(char::is_alphanumeric)
                && after.is_some_and(char::is_alphanumeric)) =>
            {
                out.push_str("\\_");
            }
            c => out.push(c),
        }
        before = Some(c);
    }
    out
}

/// A one-line field (a title, an owner, a body): flattened, made inert and
/// escaped as inline text.
pub fn text(s: &str) -> String {
    inline(&text::one_line(s))
}

/// Heading text: `text`, with a closing run of `#` escaped as well, and
/// a `{` when the text ends in `}` (some dialects read `{#id .class}` there
/// as the heading's attributes, even after a backslash; an entity they
/// leave alone).
pub fn heading(s: &str) -> String {
    let mut out = text(s);
    // Both are read after the heading's trailing spaces are dropped.
    if out.trim_end().ends_with('}') {
        out = out.replace('{', "&#123;");
    }
    let end = out.trim_end().len();
    if out[..end].ends_with('#') {
        let run = end - out[..end].trim_end_matches('#').len();
        out.insert(end - run, '\\');
    }
    out
}

/// A list marker at the start of `s` (`-`, `*`, `+`, or a number and `.`
/// or `)`), followed by a space or the end: its length.
fn list_marker(s: &str) -> Option<usize> {
    let len = if s.starts_with(['-', '*', '+']) {
        1
    } else {
        let digits = s.chars().take_while(char::is_ascii_digit).count();
        if digits == 0 || digits > 9 || !s[digits..].starts_with(['.', ')']) {
            return None;
        }
        digits + 1
    };
    (s.len() == len || s[len..].starts_with([' ', '\t'])).then_some(len)
}

/// Whether `s` (trimmed) would be read as a thematic break or a setext
/// heading's underline: `---`, `* * *`, `___`, `=`, `-`.
fn is_rule_or_underline(s: &str) -> bool {
    let s = s.trim_end();
    let Some(first) = s.chars().next() else {
        return false;
    };
    let underline = matches!(first, '=' | '-') && s.chars().all(|c| c == first);
    let rule = matches!(first, '-' | '*' | '_')
        && s.chars().all(|c| c == first || c == ' ' || c == '\t')
        && s.chars().filter(|&c| c == first).count() >= 3;
    underline || rule
}

/// One line of a block (a paragraph, a quote, a note), escaped so that it
/// starts nothing but a paragraph line or a list item: a heading, rule,
/// setext underline, quote, fence, HTML block or indented code at its
/// start is escaped. Its indentation is dropped (a paragraph ignores it,
/// and four spaces would start a code block). List items stay lists,
/// their content escaped in turn.
pub fn block_line(line: &str) -> String {
    // A loop, not recursion: a line may hold a million list markers.
    let mut out = String::with_capacity(line.len() + 8);
    let mut rest = line;
    loop {
        rest = rest.trim_start_matches([' ', '\t']);
        if is_rule_or_underline(rest) {
            // `*` and `_` are escaped inline already.
            let escaped = inline(rest);
            if !escaped.starts_with('\\') {
                out.push('\\');
            }
            out.push_str(&escaped);
            return out;
        }
        let Some(len) = list_marker(rest) else { break };
        out.push_str(&rest[..len]);
        rest = rest[len..].trim_start_matches([' ', '\t']);
        if rest.is_empty() {
            return out;
        }
        out.push(' ');
    }
    let escaped = inline(rest);
    // `<` is already an entity, backticks and `~` escaped; `[ ]` would be
    // a task list's box (`[!NOTE]` a callout), `: ` a definition.
    if escaped.starts_with(['#', '>', '[', ':']) {
        out.push('\\');
    }
    out.push_str(&escaped);
    out
}

/// A one-line field on a line of its own within a paragraph (a line of
/// the signature, after a hard break): `block_line`, with a list marker at
/// its start escaped too, since a list would interrupt the paragraph.
pub fn line_alone(s: &str) -> String {
    let flat = text::one_line(s);
    let rest = flat.trim_start_matches([' ', '\t']);
    match list_marker(rest) {
        Some(len) => {
            // `*` is escaped inline already; `-`, `+`, `1.` and `1)` by a
            // backslash before their last character.
            let (marker, after) = rest.split_at(len);
            let escaped = if marker == "*" {
                "\\*".to_owned()
            } else {
                let (head, last) = marker.split_at(len - 1);
                format!("{head}\\{last}")
            };
            format!("{escaped}{}", inline(after))
        }
        None => block_line(rest),
    }
}

/// A multi-line field as the lines of a block: line breaks made LF,
/// control and hidden characters made visible, each line escaped.
pub fn block_lines(s: &str) -> Vec<String> {
    let s = text::lf(s);
    text::inert_keeping_whitespace(s.trim_end())
        .split('\n')
        .map(block_line)
        .collect()
}

/// Text `text`/`heading`/`block_line` escaped, as the characters it was
/// made from: for showing a Markdown document in the terminal, where
/// nothing is read as markup (the terminal's own safety is `text::inert_*`,
/// applied to what this gives).
pub fn unescaped(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        if let Some(after) = rest.strip_prefix('\\')
            && let Some(next) = after.chars().next().filter(char::is_ascii_punctuation)
        {
            out.push(next);
            rest = &after[next.len_utf8()..];
            continue;
        }
        if let Some((entity, ch)) = [("&lt;", '<'), ("&amp;", '&'), ("&#123;", '{')]
            .into_iter()
            .find(|(e, _)| rest.starts_with(e))
        {
            out.push(ch);
            rest = &rest[entity.len()..];
            continue;
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// The report's address as a link, when it is a web address: characters
/// that could end the link early (`>`, spaces, quotes) or that hide or
/// reorder text are percent-encoded, as a browser would send them. Any
/// other value (a `javascript:` one, a bare name) is shown as text.
pub fn link(url: &str) -> String {
    let lower = url.to_ascii_lowercase();
    if !(lower.starts_with("https://") || lower.starts_with("http://")) {
        return text(url);
    }
    let mut out = String::with_capacity(url.len() + 2);
    out.push('<');
    for byte in url.bytes() {
        let keep = byte.is_ascii_alphanumeric() || b"-._~:/?#[]@!$&'()*+,;=%".contains(&byte);
        if keep {
            out.push(char::from(byte));
        } else {
            use std::fmt::Write as _;
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out.push('>');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_prose_is_unchanged() {
        for s in [
            "Dashboard \"Prevent at a glance\", due September.",
            "Owner: L&D, snake_case, 3 > 2, C:\\Users",
            "The force's lead (R2) agreed; see section 4.1.",
            "- a list item",
            "2. and another",
        ] {
            assert_eq!(block_line(s), s);
        }
    }

    #[test]
    fn a_line_alone_starts_nothing() {
        for (line, escaped) in [
            ("# Heading", "\\# Heading"),
            ("> quote", "\\> quote"),
            ("- item", "\\- item"),
            ("+ item", "\\+ item"),
            ("* item", "\\* item"),
            ("12. twelve", "12\\. twelve"),
            ("3) three", "3\\) three"),
            ("===", "\\==="),
            ("  - # both", "\\- # both"),
            (
                "Police and Crime Commissioner",
                "Police and Crime Commissioner",
            ),
        ] {
            assert_eq!(line_alone(line), escaped, "{line:?}");
        }
    }

    #[test]
    fn markup_is_escaped() {
        assert_eq!(block_line("# Injected"), "\\# Injected");
        assert_eq!(block_line("> quoted"), "\\> quoted");
        assert_eq!(block_line("<!-- hide"), "&lt;!-- hide");
        assert_eq!(block_line("```"), "\\`\\`\\`");
        assert_eq!(block_line("    code"), "code");
        assert_eq!(block_line("="), "\\=");
        assert_eq!(block_line("***"), "\\*\\*\\*");
        assert_eq!(block_line("___"), "\\_\\_\\_");
        assert_eq!(block_line("- - -"), "\\- - -");
        assert_eq!(block_line("- # nested"), "- \\# nested");
        assert_eq!(block_line("&lt;"), "&amp;lt;");
        assert_eq!(heading("Title ##"), "Title \\##");
        assert_eq!(text("[x](http://evil)"), "[x\\](http://evil)");
        assert_eq!(text("[sic] and ␛[2J"), "[sic] and ␛[2J");
        assert_eq!(block_line("- 1. -   ---"), "- 1. \\-   ---");
        assert_eq!(block_line("- 1. - =="), "- 1. - \\==");
        assert_eq!(block_line("-   "), "\\-   ");
    }

    #[test]
    fn a_line_of_a_million_list_markers_is_escaped_without_recursing() {
        let line = "- + ".repeat(1_000_000);
        assert_eq!(block_line(&line), line.trim_end());
    }

    proptest::proptest! {
        /// A line of markup reads back as the text it was: one paragraph
        /// (or list item) whose text is the line, nothing else.
        #[test]
        fn a_block_line_reads_as_its_text(line in "[-#<>`~*_\\[\\]()!|&;:=+^${} \t\\\\a1.]{0,24}") {
            use pulldown_cmark::{Event, Options, Parser, Tag};
            let escaped = block_line(&line);
            let mut text = String::new();
            let mut list = false;
            for event in Parser::new_ext(&escaped, Options::all() - Options::ENABLE_SMART_PUNCTUATION) {
                match event {
                    Event::Text(t) => text.push_str(&t),
                    Event::Start(Tag::List(_) | Tag::Item) => list = true,
                    Event::Start(Tag::Paragraph) | Event::End(_) => {}
                    other => proptest::prop_assert!(false, "{:?} from {:?} as {:?}", other, line, escaped),
                }
            }
            if !list {
                proptest::prop_assert_eq!(text.trim(), line.trim(), "{:?}", escaped);
            }
        }
    }

    #[test]
    fn web_addresses_are_links_and_others_text() {
        assert_eq!(link("https://a.org/x"), "<https://a.org/x>");
        assert_eq!(link("https://a.org/a>b c"), "<https://a.org/a%3Eb%20c>");
        assert_eq!(link("javascript:alert(1)"), "javascript:alert(1)");
    }
}
