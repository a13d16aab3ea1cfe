//! Text from files is data: it must never reach the terminal as commands.

use std::borrow::Cow;

/// A character as it may be shown on a terminal: control characters become
/// their visible Unicode pictures (ESC shows as `␛`), so a title holding an
/// escape sequence is displayed, not obeyed. Tabs show as an arrow.
pub fn inert(c: char) -> char {
    match c {
        '\t' => '→',
        '\u{7f}' => '␡',
        c if u32::from(c) < 0x20 => char::from_u32(0x2400 + u32::from(c)).unwrap_or('�'),
        c if c.is_control() => '�',
        c => c,
    }
}

/// One line of text made safe to draw. Newlines count as control characters
/// here: callers split lines first.
pub fn inert_line(s: &str) -> Cow<'_, str> {
    if s.chars().all(|c| !c.is_control()) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.chars().map(inert).collect())
    }
}

/// Text for a file others will read (an export): control characters become
/// visible pictures, while tabs and line breaks stay as they are.
pub fn inert_keeping_whitespace(s: &str) -> Cow<'_, str> {
    let keep = |c: char| matches!(c, '\t' | '\n' | '\r');
    if s.chars().all(|c| keep(c) || !c.is_control()) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(
            s.chars()
                .map(|c| if keep(c) { c } else { inert(c) })
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
/// Only what fits is looked at, so a field of any length costs a row.
pub fn truncate(text: &str, width: usize) -> String {
    cut(text.chars(), width)
}

/// `text` on one line, cut to `width` columns: how a field fits a row.
pub fn fitted(text: &str, width: usize) -> String {
    cut(
        text.chars().map(|c| match c {
            '\n' | '\r' => ' ',
            c => inert(c),
        }),
        width,
    )
}

/// The characters of `chars` that fit in `width` columns, ending in `…`
/// when some did not; reading stops at the first that does not fit.
fn cut(chars: impl Iterator<Item = char>, width: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    // Where the text ends if it must leave a column for the `…`.
    let mut room = None;
    for c in chars {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if room.is_none() && used + w + 1 > width {
            room = Some(out.len());
        }
        used += w;
        if used > width {
            out.truncate(room.unwrap_or(0));
            if width > 0 {
                out.push('…');
            }
            return out;
        }
        out.push(c);
    }
    out
}

/// The most of a one-line field (a title, a theme, an owner) the detail
/// pane wraps: a hundred rows and more of a wide pane. A longer one is cut
/// there, so no frame wraps a field of any length.
pub const FIELD_CHARS: usize = 10_000;

/// `text` on one line and made safe to draw, cut after `FIELD_CHARS`
/// characters with a `…`.
pub fn field_line(text: &str) -> String {
    match text.char_indices().nth(FIELD_CHARS) {
        Some((at, _)) => format!("{}…", one_line(&text[..at])),
        None => one_line(text).into_owned(),
    }
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
    fn plain_text_is_borrowed_unchanged() {
        assert!(matches!(inert_line("Été “quoted”"), Cow::Borrowed(_)));
    }

    #[test]
    fn a_cut_reads_only_what_fits() {
        assert_eq!(truncate("Forces meet their duty", 10), "Forces me…");
        assert_eq!(truncate("abc", 3), "abc");
        assert_eq!(truncate("abc", 0), "");
        assert_eq!(truncate("", 0), "");
        assert_eq!(fitted("a\nb\u{1b}c", 10), "a b␛c");
        assert_eq!(fitted("日本語", 5), "日本…");
        assert_eq!(fitted("日本語", 6), "日本語");
    }

    #[test]
    fn a_long_field_is_cut_with_an_ellipsis() {
        let long = "word ".repeat(FIELD_CHARS);
        let line = field_line(&long);
        assert_eq!(line.chars().count(), FIELD_CHARS + 1);
        assert!(line.ends_with('…'));
        assert_eq!(field_line("a\nb"), "a b");
    }

    #[test]
    fn one_line_joins_lines() {
        assert_eq!(one_line("a\nb"), "a b");
    }
}
