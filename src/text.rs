//! Text from files is data: it must never reach the terminal as commands.

use std::borrow::Cow;

/// A character as it may be shown on a terminal: control characters become
/// their visible Unicode pictures (ESC shows as `␛`), so a title holding an
/// escape sequence is displayed, not obeyed. Tabs show as an arrow. The line
/// and paragraph separators (U+2028, U+2029), which terminals and ratatui
/// do not agree on the width of, show as `␤` and `¶`; noncharacters
/// (U+FFFE, U+FDD0...) as `�`. Each takes one cell.
pub fn inert(c: char) -> char {
    match c {
        '\t' => '→',
        '\u{7f}' => '␡',
        c if u32::from(c) < 0x20 => char::from_u32(0x2400 + u32::from(c)).unwrap_or('�'),
        c if c.is_control() => '�',
        '\u{2028}' => '␤',
        '\u{2029}' => '¶',
        c if is_noncharacter(c) => '�',
        c => c,
    }
}

/// U+FDD0 to U+FDEF and the last two code points of every plane: never
/// characters, so no terminal has a width for them.
fn is_noncharacter(c: char) -> bool {
    let n = u32::from(c);
    (0xFDD0..=0xFDEF).contains(&n) || n & 0xFFFE == 0xFFFE
}

/// One line of text made safe to draw. Newlines count as control characters
/// here: callers split lines first.
pub fn inert_line(s: &str) -> Cow<'_, str> {
    if s.chars().all(|c| inert(c) == c) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.chars().map(inert).collect())
    }
}

/// Text for a file others will read (an export): control characters become
/// visible pictures, while tabs and line breaks stay as they are.
pub fn inert_keeping_whitespace(s: &str) -> Cow<'_, str> {
    let keep = |c: char| matches!(c, '\t' | '\n' | '\r');
    let plain = |c: char| keep(c) || !c.is_control();
    if s.chars().all(plain) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(
            s.chars()
                .map(|c| if plain(c) { c } else { inert(c) })
                .collect(),
        )
    }
}

/// Collapse a title or other one-line field for a list row: any line break
/// becomes a space.
pub fn one_line(s: &str) -> Cow<'_, str> {
    if s.contains(['\n', '\r']) {
        Cow::Owned(inert_line(&s.replace(['\n', '\r'], " ")).into_owned())
    } else {
        inert_line(s)
    }
}

/// Cut `text` to `width` columns, ending in `…` when something was cut.
pub fn truncate(text: &str, width: usize) -> String {
    if unicode_width::UnicodeWidthStr::width(text) <= width {
        return text.to_owned();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > width - 1 {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

/// `text` on one line, cut to `width` columns: how a field fits a row.
pub fn fitted(text: &str, width: usize) -> String {
    truncate(&one_line(text), width)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_become_visible_pictures() {
        assert_eq!(inert_line("a\u{1b}]52;c;x\u{7}b"), "a␛]52;c;x␇b");
        assert_eq!(inert_line("\u{1b}[2J"), "␛[2J");
        assert_eq!(inert_line("tab\there"), "tab→here");
        assert_eq!(inert_line("\u{9b}31m"), "�31m");
    }

    #[test]
    fn separators_and_noncharacters_take_one_visible_cell() {
        assert_eq!(
            inert_line("a\u{2028}b\u{2029}c\u{fffe}d\u{fdd0}e\u{10ffff}"),
            "a␤b¶c�d�e�"
        );
        for c in ['␤', '¶', '�'] {
            assert_eq!(unicode_width::UnicodeWidthChar::width(c), Some(1));
        }
    }

    #[test]
    fn plain_text_is_borrowed_unchanged() {
        assert!(matches!(inert_line("Été “quoted”"), Cow::Borrowed(_)));
    }

    #[test]
    fn one_line_joins_lines() {
        assert_eq!(one_line("a\nb"), "a b");
    }
}
