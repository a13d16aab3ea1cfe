//! Text from files is data: it must never reach the terminal as commands.

use std::borrow::Cow;

/// Characters that draw nothing yet change what a reader sees: the bidi
/// controls that reorder a line (Trojan Source), zero-width and other
/// invisible format characters that hide or join text, and the Unicode line
/// and paragraph separators. They are data (an id may hold one), so they
/// load; wherever text is shown they are marked, as `⟨U+202E⟩`.
pub fn is_hidden(c: char) -> bool {
    matches!(
        c,
        '\u{061c}'
            | '\u{180e}'
            | '\u{200b}'..='\u{200f}'
            | '\u{2028}'..='\u{202e}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206f}'
            | '\u{feff}'
            | '\u{fff9}'..='\u{fffb}'
            | '\u{e0000}'..='\u{e007f}'
    )
}

/// Whether `c` must not reach a reader as it is: a control character
/// (C0, DEL, C1), a hidden one, or a noncharacter.
fn is_unsafe(c: char) -> bool {
    c.is_control() || is_hidden(c) || is_noncharacter(c)
}

/// U+FDD0 to U+FDEF and the last two code points of every plane: never
/// characters, so no terminal has a width for them.
fn is_noncharacter(c: char) -> bool {
    let n = u32::from(c);
    (0xFDD0..=0xFDEF).contains(&n) || n & 0xFFFE == 0xFFFE
}

/// Whether `c` is shown as a `⟨U+XXXX⟩` marker rather than one character.
fn is_marked(c: char) -> bool {
    is_hidden(c) && !matches!(c, '\u{2028}' | '\u{2029}')
}

/// A character as it is drawn where every character keeps one cell (the
/// editors, whose cursor must stay where the text is): control characters
/// become their visible Unicode pictures (ESC shows as `␛`), so an escape
/// sequence is displayed, not obeyed; a tab shows as an arrow; the line and
/// paragraph separators (U+2028, U+2029), which terminals and ratatui do
/// not agree on the width of, as `␤` and `¶`; C1 controls, noncharacters
/// (U+FFFE, U+FDD0...) and the other hidden characters as `�`.
pub fn inert(c: char) -> char {
    match c {
        '\t' => '→',
        '\u{7f}' => '␡',
        c if u32::from(c) < 0x20 => char::from_u32(0x2400 + u32::from(c)).unwrap_or('�'),
        c if c.is_control() => '�',
        '\u{2028}' => '␤',
        '\u{2029}' => '¶',
        c if is_noncharacter(c) || is_hidden(c) => '�',
        c => c,
    }
}

/// A control or hidden character as it may be shown: control characters
/// become their visible Unicode pictures (ESC shows as `␛`), so a title
/// holding an escape sequence is displayed, not obeyed; tabs show as an
/// arrow; C1 controls as `�`; hidden characters as `⟨U+202E⟩`.
fn push_inert(out: &mut String, c: char) {
    if is_marked(c) {
        use std::fmt::Write as _;
        let _ = write!(out, "⟨U+{:04X}⟩", u32::from(c));
    } else {
        out.push(inert(c));
    }
}

/// How many characters `c` becomes in `inert_line`: one, or a marker's
/// length for a hidden character (to place highlights on what is shown).
pub fn inert_len(c: char) -> usize {
    if is_marked(c) {
        format!("{:04X}", u32::from(c)).len() + 4
    } else {
        1
    }
}

/// `s` with every character for which `unsafe_here` holds made visible.
fn inert_where(s: &str, unsafe_here: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !s.chars().any(&unsafe_here) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if unsafe_here(c) {
            push_inert(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// One line of text made safe to draw. Newlines count as control characters
/// here: callers split lines first.
pub fn inert_line(s: &str) -> Cow<'_, str> {
    inert_where(s, is_unsafe)
}

/// Text for a file others will read (an export): control characters become
/// visible pictures and hidden characters are marked, while tabs and line
/// breaks stay as they are.
pub fn inert_keeping_whitespace(s: &str) -> Cow<'_, str> {
    inert_where(s, |c| !matches!(c, '\t' | '\n' | '\r') && is_unsafe(c))
}

/// Text for the terminal, as scrutiny prints it to standard output or
/// standard error: what `inert_keeping_whitespace` keeps, except a carriage
/// return (which would let a line overwrite the one before it).
pub fn inert_text(s: &str) -> Cow<'_, str> {
    inert_where(s, |c| !matches!(c, '\t' | '\n') && is_unsafe(c))
}

/// Print `text` on standard output. Everything scrutiny prints goes through
/// here or `eprint`, so no byte from a file reaches the terminal as a
/// command. A closed pipe (`scrutiny summary | head`) is not an error.
pub fn print(text: &str) {
    let _ = try_print(text);
}

/// `print`, saying whether the text was written.
pub fn try_print(text: &str) -> std::io::Result<()> {
    use std::io::Write as _;
    let mut out = std::io::stdout().lock();
    out.write_all(inert_text(text).as_bytes())
        .and_then(|()| out.flush())
}

/// Print `text` on standard error, as `print` does on standard output.
pub fn eprint(text: &str) {
    use std::io::Write as _;
    let _ = std::io::stderr()
        .lock()
        .write_all(inert_text(text).as_bytes());
}

/// Say what went wrong, in scrutiny's one style for errors: `scrutiny: `,
/// then the message, which names its file first where there is one
/// (`scrutiny: FILE:LINE:COLUMN: message`, or `scrutiny: FILE: message`).
/// Through `eprint`, so a file name cannot act on the terminal.
pub fn error(message: &str) {
    let message = message.trim_end();
    let message = message.strip_prefix("scrutiny: ").unwrap_or(message);
    let line = format!("scrutiny: {message}\n");
    eprint(&line);
}

/// `eprint!` through `text::eprint`.
#[macro_export]
macro_rules! errprint {
    ($($arg:tt)*) => {
        $crate::text::eprint(&format!($($arg)*))
    };
}

/// `eprintln!` through `text::eprint`.
#[macro_export]
macro_rules! errln {
    ($($arg:tt)*) => {
        $crate::text::eprint(&(format!($($arg)*) + "\n"))
    };
}

/// JSON as scrutiny prints and exports it: strings escaped by JSON's rules,
/// and also every character `inert_line` would change (DEL, C1 controls,
/// hidden characters) written as a `\uXXXX` escape, so the data stays
/// exact for a program and inert on a terminal.
pub fn json<T: serde::Serialize + ?Sized>(value: &T) -> String {
    json_with(value, serde_json::ser::CompactFormatter)
}

/// `json`, indented two spaces.
pub fn json_pretty<T: serde::Serialize + ?Sized>(value: &T) -> String {
    json_with(value, serde_json::ser::PrettyFormatter::new())
}

fn json_with<T, F>(value: &T, formatter: F) -> String
where
    T: serde::Serialize + ?Sized,
    F: serde_json::ser::Formatter,
{
    let mut bytes = Vec::new();
    let mut serializer = serde_json::Serializer::with_formatter(&mut bytes, InertJson(formatter));
    // Plain structs of strings and numbers, written to memory: this does
    // not fail, and what it writes is UTF-8.
    if value.serialize(&mut serializer).is_err() {
        return String::new();
    }
    String::from_utf8(bytes).unwrap_or_default()
}

/// A JSON formatter that escapes unsafe characters inside strings and
/// leaves the layout to the one it wraps.
struct InertJson<F>(F);

impl<F: serde_json::ser::Formatter> serde_json::ser::Formatter for InertJson<F> {
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        let mut rest = fragment;
        while let Some((at, c)) = rest.char_indices().find(|&(_, c)| is_unsafe(c)) {
            writer.write_all(&rest.as_bytes()[..at])?;
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                write!(writer, "\\u{unit:04x}")?;
            }
            rest = &rest[at + c.len_utf8()..];
        }
        writer.write_all(rest.as_bytes())
    }
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object_value(w)
    }
}

/// Line breaks as LF: a CRLF or a lone CR becomes one `\n`, as the
/// exports and the detail pane show a multi-line field.
pub fn lf(text: &str) -> Cow<'_, str> {
    if text.contains('\r') {
        Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Cow::Borrowed(text)
    }
}

/// Whether `url` is a web address a reader can follow: `http://` or
/// `https://` and something after it (case aside, spaces around it aside).
pub fn is_web_address(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    ["http://", "https://"]
        .iter()
        .any(|scheme| lower.starts_with(scheme) && lower.len() > scheme.len())
}

/// The first line of a message (a check's, an error's) for a footer that
/// has one row; the whole of it when it has one line.
pub fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or(text)
}

/// `n` and the word for that many: `1 day`, `3 days`.
pub fn counted(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
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
    cut(text.chars(), width, "…")
}

/// As `truncate`, ending in `ellipsis` (the ASCII screen's `...`).
pub fn truncate_with(text: &str, width: usize, ellipsis: &str) -> String {
    cut(text.chars(), width, ellipsis)
}

/// `text` on one line, cut to `width` columns: how a field fits a row.
/// It reads as `one_line` would show it, but only as far as fits.
pub fn fitted(text: &str, width: usize) -> String {
    fitted_with(text, width, "…")
}

/// As `fitted`, ending in `ellipsis` (the ASCII screen's `...`).
pub fn fitted_with(text: &str, width: usize, ellipsis: &str) -> String {
    cut(
        text.chars().flat_map(|c| match c {
            '\n' | '\r' => Shown::Itself(Some(' ')),
            c if is_unsafe(c) => {
                let mut shown = String::new();
                push_inert(&mut shown, c);
                Shown::Named(shown.chars().collect::<Vec<_>>().into_iter())
            }
            c => Shown::Itself(Some(c)),
        }),
        width,
        ellipsis,
    )
}

/// How one character of a field is shown: as itself (nothing allocated,
/// as every row is drawn at every frame), or as the characters naming it.
enum Shown {
    Itself(Option<char>),
    Named(std::vec::IntoIter<char>),
}

impl Iterator for Shown {
    type Item = char;
    fn next(&mut self) -> Option<char> {
        match self {
            Shown::Itself(c) => c.take(),
            Shown::Named(chars) => chars.next(),
        }
    }
}

/// The characters of `chars` that fit in `width` columns, ending in
/// `ellipsis` (`…`, or `...` on an ASCII screen) when some did not; reading
/// stops at the first that does not fit. An ellipsis wider than `width` is
/// itself cut, so the result is never wider than asked.
fn cut(chars: impl Iterator<Item = char>, width: usize, ellipsis: &str) -> String {
    let mark = unicode_width::UnicodeWidthStr::width(ellipsis);
    let mut out = String::new();
    let mut used = 0;
    // Where the text ends if it must leave room for the ellipsis.
    let mut room = None;
    for c in chars {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if room.is_none() && used + w + mark > width {
            room = Some(out.len());
        }
        used += w;
        if used > width {
            out.truncate(room.unwrap_or(0));
            let left = width - unicode_width::UnicodeWidthStr::width(out.as_str());
            out.extend(ellipsis.chars().take(left));
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
    fn a_cut_reads_only_what_fits() {
        assert_eq!(truncate("Forces meet their duty", 10), "Forces me…");
        assert_eq!(truncate("abc", 3), "abc");
        assert_eq!(truncate("abc", 0), "");
        assert_eq!(truncate("", 0), "");
        assert_eq!(fitted("a\nb\u{1b}c", 10), "a b␛c");
        assert_eq!(fitted("日本語", 5), "日本…");
        assert_eq!(fitted("日本語", 6), "日本語");
        for text in ["a\u{202e}b\rc\u{9b}d\u{2028}e", "tab\there\n"] {
            assert_eq!(fitted(text, 40), one_line(text), "{text:?}");
        }
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
    fn hidden_characters_are_marked_and_counted() {
        for c in [
            '\u{202e}',
            '\u{200b}',
            '\u{feff}',
            '\u{e0041}',
            'a',
            '\u{1b}',
        ] {
            assert_eq!(
                inert_line(c.encode_utf8(&mut [0; 4])).chars().count(),
                inert_len(c),
                "{c:?}"
            );
        }
        assert_eq!(inert_line("a\u{202e}b"), "a⟨U+202E⟩b");
        assert_eq!(inert_text("a\rb\u{9b}\tc\n"), "a␍b�\tc\n");
    }

    proptest::proptest! {
        #[test]
        fn nothing_unsafe_survives(s in "(\\PC|\\pC|[\u{202a}-\u{202e}\u{2066}-\u{2069}\u{200b}-\u{200f}\u{80}-\u{9f}])*") {
            let kept = |c: char| c == '\n' || c == '\t';
            proptest::prop_assert!(!inert_line(&s).chars().any(is_unsafe));
            proptest::prop_assert!(!one_line(&s).chars().any(is_unsafe));
            proptest::prop_assert!(!inert_text(&s).chars().any(|c| is_unsafe(c) && !kept(c)));
            let json = json(&s);
            proptest::prop_assert!(!json.chars().any(is_unsafe));
            proptest::prop_assert_eq!(serde_json::from_str::<String>(&json).ok(), Some(s));
        }
    }

    #[test]
    fn one_line_joins_lines() {
        assert_eq!(one_line("a\nb"), "a b");
    }
}
