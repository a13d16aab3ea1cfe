//! Wrapping a long text a row at a time, so a frame costs what it shows.
//!
//! The detail pane wraps the report's text (and the reviewer's note) into
//! rows once per item and width, keeping only where each row starts and
//! ends in the text, and only as far down as has been shown: drawing a
//! frame then takes the rows on screen, whatever the length of the text.
//! An item's links are counted into rows the same way. The wrapping is ratatui's own
//! word wrapping (`Paragraph` with `Wrap { trim: false }`), done over the
//! text's characters where they lie, so the rows are the ones a paragraph
//! of the whole text would show.

use std::collections::VecDeque;

use unicode_width::UnicodeWidthChar;

use crate::text::{inert, inert_len, inert_line};

/// A row of text: where it starts and ends in the text, in bytes.
pub type Row = (usize, usize);

/// A character as drawn: where it lies in the text, its width, and whether
/// the wrapping may break at it.
#[derive(Clone, Copy)]
struct Cell {
    start: usize,
    end: usize,
    width: u16,
    blank: bool,
}

/// The characters of `text[from..to]` as the pane draws them: a line break
/// inside a paragraph (`\n`, `\r\n` or a lone `\r`) is the space that joins
/// its lines, control characters are their visible pictures, and a hidden
/// character is its `⟨U+XXXX⟩` marker, one piece the width of the marker.
fn cells(text: &str, from: usize, to: usize) -> impl Iterator<Item = Cell> + '_ {
    let bytes = text.as_bytes();
    text[from..to].char_indices().filter_map(move |(i, c)| {
        let start = from + i;
        let end = start + c.len_utf8();
        let (width, blank) = match c {
            '\r' if bytes.get(end) == Some(&b'\n') => return None,
            '\n' | '\r' => (1, true),
            c if inert_len(c) > 1 => (inert_len(c), false),
            c => {
                let shown = inert(c);
                (
                    shown.width().unwrap_or(0),
                    shown == '\u{200b}' || (shown.is_whitespace() && shown != '\u{a0}'),
                )
            }
        };
        Some(Cell {
            start,
            end,
            width: u16::try_from(width).unwrap_or(u16::MAX),
            blank,
        })
    })
}

/// `text[start..end]` as drawn (see `cells`).
pub fn shown(text: &str, (start, end): Row) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(end.saturating_sub(start));
    let mut one = [0; 4];
    for (i, c) in text.get(start..end).unwrap_or_default().char_indices() {
        match c {
            '\r' if bytes.get(start + i + 1) == Some(&b'\n') => {}
            '\n' | '\r' => out.push(' '),
            c => out.push_str(&inert_line(c.encode_utf8(&mut one))),
        }
    }
    out
}

/// A run of characters being gathered into a row.
#[derive(Default)]
struct Run(Option<Row>);

impl Run {
    fn add(&mut self, (start, end): Row) {
        self.0 = Some(match self.0 {
            Some((first, _)) => (first, end),
            None => (start, end),
        });
    }
}

/// Wrap the one line `text[from..to]` to `width` columns, adding its rows
/// to `rows`: ratatui's `WordWrapper` without trimming, step for step.
pub fn wrap_line(text: &str, from: usize, to: usize, width: u16, rows: &mut Vec<Row>) {
    let before = rows.len();
    let mut line = Run::default();
    let mut word = Run::default();
    let mut blanks: VecDeque<Cell> = VecDeque::new();
    let (mut line_width, mut word_width, mut blank_width) = (0u16, 0u16, 0u16);
    let mut after_word = false;
    for cell in cells(text, from, to) {
        if cell.width > width {
            continue;
        }
        let word_found = after_word && cell.blank;
        let overflow = line.0.is_none()
            && word_width
                .saturating_add(blank_width)
                .saturating_add(cell.width)
                > width;
        if word_found || overflow {
            for blank in blanks.drain(..) {
                line.add((blank.start, blank.end));
            }
            line_width = line_width.saturating_add(blank_width);
            if let Some(w) = word.0.take() {
                line.add(w);
            }
            line_width = line_width.saturating_add(word_width);
            blank_width = 0;
            word_width = 0;
        }
        let line_full = line_width >= width;
        let word_overflow = cell.width > 0
            && line_width
                .saturating_add(blank_width)
                .saturating_add(word_width)
                >= width;
        if line_full || word_overflow {
            let mut remaining = width.saturating_sub(line_width);
            rows.push(line.0.take().unwrap_or((cell.start, cell.start)));
            line_width = 0;
            while let Some(front) = blanks.front() {
                if front.width > remaining {
                    break;
                }
                blank_width -= front.width;
                remaining -= front.width;
                blanks.pop_front();
            }
            if cell.blank && blanks.is_empty() {
                continue;
            }
        }
        if cell.blank {
            blank_width = blank_width.saturating_add(cell.width);
            blanks.push_back(cell);
        } else {
            word_width = word_width.saturating_add(cell.width);
            word.add((cell.start, cell.end));
        }
        after_word = !cell.blank;
    }
    for blank in blanks.drain(..) {
        line.add((blank.start, blank.end));
    }
    if let Some(w) = word.0.take() {
        line.add(w);
    }
    if let Some(row) = line.0 {
        rows.push(row);
    }
    if rows.len() == before {
        rows.push((from, from));
    }
}

/// Whether a line of the report's text starts a block of its own rather
/// than going on with the paragraph above: a blank line, a list item, an
/// indented line, a numbered one ("3. ...").
fn starts_block(line: &str) -> bool {
    line.trim().is_empty()
        || line.starts_with([' ', '\t', '-', '*', '•'])
        || line
            .split_once(". ")
            .is_some_and(|(n, _)| n.chars().all(|c| c.is_ascii_digit()))
}

/// The line of `text` starting at `at`: its end (before `\n`, `\r\n` or
/// a lone `\r`, all line breaks), and where the next line starts, if a
/// line break ends it.
fn line_at(text: &str, at: usize) -> (usize, Option<usize>) {
    match text[at..].find(['\n', '\r']) {
        Some(n) => {
            let end = at + n;
            let next = if text[end..].starts_with("\r\n") {
                end + 2
            } else {
                end + 1
            };
            (end, Some(next))
        }
        None => (text.len(), None),
    }
}

/// The paragraph of `text` starting at `at`: the hard-wrapped lines a PDF
/// left, joined, up to a line that starts a block. Its end, and where the
/// next one starts (`None` at the end of the text).
fn paragraph_at(text: &str, at: usize) -> (usize, Option<usize>) {
    let (mut end, next) = line_at(text, at);
    let mut next = next.unwrap_or(text.len());
    let mut joinable = !text[at..end].trim().is_empty();
    while joinable && next < text.len() {
        let (line_end, after) = line_at(text, next);
        let line = &text[next..line_end];
        if starts_block(line) {
            break;
        }
        joinable = !line.trim().is_empty();
        end = line_end;
        next = after.unwrap_or(text.len());
    }
    (end, (next < text.len()).then_some(next))
}

/// The rows of one item's text at one width, found as far as they have
/// been needed.
pub struct TextRows {
    /// The item, and the text as it was when wrapped: its address and
    /// length, and a version the caller gives (a note is another at every
    /// change to the review, though a new note may take the old one's
    /// place in memory).
    id: String,
    width: u16,
    text: (usize, usize, u64),
    rows: Vec<Row>,
    /// Where the next paragraph starts; `None` once all are wrapped.
    next: Option<usize>,
    /// Whether hard-wrapped lines are joined into paragraphs (the report's
    /// text), or each line is shown as it is (a note).
    joined: bool,
}

impl TextRows {
    /// The rows of `text`: its paragraphs joined when `joined` (a text
    /// with no lines has no rows), else each of its lines (an empty text
    /// is one empty line).
    pub fn new(id: &str, (text, version): (&str, u64), width: u16, joined: bool) -> Self {
        TextRows {
            id: id.to_owned(),
            width,
            text: (text.as_ptr() as usize, text.len(), version),
            rows: Vec::new(),
            next: (!joined || !text.is_empty()).then_some(0),
            joined,
        }
    }

    /// Whether these are the rows of `text` at `version` (of item `id`)
    /// at `width`.
    pub fn is_for(&self, id: &str, (text, version): (&str, u64), width: u16) -> bool {
        self.id == id
            && self.width == width
            && self.text == (text.as_ptr() as usize, text.len(), version)
    }

    /// Wrap paragraphs until there are at least `count` rows or the text
    /// ends.
    pub fn reach(&mut self, text: &str, count: usize) {
        while self.rows.len() < count {
            let Some(at) = self.next else { return };
            // A note's every line break ends a line, the last one too.
            let (end, next) = if self.joined {
                paragraph_at(text, at)
            } else {
                line_at(text, at)
            };
            wrap_line(text, at, end, self.width, &mut self.rows);
            self.next = next;
        }
    }

    /// All the rows, when the whole text has been wrapped.
    pub fn total(&self) -> Option<usize> {
        self.next.is_none().then_some(self.rows.len())
    }

    /// Rows `from..from + count`, as far as they have been found.
    pub fn rows(&self, from: usize, count: usize) -> &[Row] {
        let from = from.min(self.rows.len());
        &self.rows[from..from.saturating_add(count).min(self.rows.len())]
    }
}

/// How many rows each of an item's link lines takes at one width, counted
/// once per item and width: a frame draws only the links it shows.
pub struct LinkRows {
    id: String,
    width: u16,
    /// Where each link's line starts, from the first; then the end.
    tops: Vec<usize>,
}

impl LinkRows {
    pub fn new(id: &str, width: u16, rows: impl Iterator<Item = usize>) -> Self {
        let mut tops = vec![0];
        for n in rows {
            tops.push(tops[tops.len() - 1] + n);
        }
        LinkRows {
            id: id.to_owned(),
            width,
            tops,
        }
    }

    pub fn is_for(&self, id: &str, width: u16) -> bool {
        self.id == id && self.width == width
    }

    /// The row link `i`'s line starts on (for `i` = the count: the row
    /// after the last).
    pub fn top(&self, i: usize) -> usize {
        self.tops[i.min(self.tops.len() - 1)]
    }

    pub fn rows(&self, i: usize) -> usize {
        self.top(i + 1) - self.top(i)
    }

    /// How many tops there are: the links and one.
    pub fn tops_len(&self) -> usize {
        self.tops.len()
    }
}

/// What the detail pane keeps between frames: the rows of the selected
/// item's note, of its text, and of its links.
#[derive(Default)]
pub struct DetailRows {
    pub note: Option<TextRows>,
    pub report: Option<TextRows>,
    pub links: Option<LinkRows>,
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::widgets::{Paragraph, Wrap};

    use super::*;

    /// The rows ratatui's own paragraph draws `line` in, at `width`.
    fn ratatui_rows(line: &str, width: u16) -> Vec<String> {
        let paragraph = Paragraph::new(line.to_owned()).wrap(Wrap { trim: false });
        let height = u16::try_from(paragraph.line_count(width)).expect("rows");
        let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
        terminal
            .draw(|f| f.render_widget(paragraph, f.area()))
            .expect("draw");
        let buffer = terminal.backend().buffer();
        (0..height)
            .map(|y| {
                let mut row = String::new();
                let mut x = 0;
                while x < width {
                    let cell = &buffer[(x, y)];
                    row.push_str(cell.symbol());
                    x += u16::try_from(unicode_width::UnicodeWidthStr::width(cell.symbol()))
                        .unwrap_or(1)
                        .max(1);
                }
                row.trim_end().to_owned()
            })
            .collect()
    }

    fn our_rows(line: &str, width: u16) -> Vec<String> {
        let mut rows = Vec::new();
        wrap_line(line, 0, line.len(), width, &mut rows);
        rows.into_iter()
            .map(|row| shown(line, row).trim_end().to_owned())
            .collect()
    }

    proptest! {
        #[test]
        fn rows_are_the_ones_ratatui_draws(
            line in "([a-z]{1,14}|é|  | |\t|-){0,60}",
            width in 4u16..30,
        ) {
            let drawn = ratatui_rows(&shown(&line, (0, line.len())), width);
            prop_assert_eq!(our_rows(&line, width), drawn);
        }

        /// With wide characters a row can come out a column too wide, which
        /// ratatui then draws oddly; the rows are still the same ones.
        #[test]
        fn as_many_rows_as_ratatui_with_wide_characters(
            line in "([a-z]{1,14}|é|日本|  | |\t|-){0,60}",
            width in 4u16..30,
        ) {
            let paragraph = Paragraph::new(shown(&line, (0, line.len()))).wrap(Wrap { trim: false });
            let mut rows = Vec::new();
            wrap_line(&line, 0, line.len(), width, &mut rows);
            prop_assert_eq!(rows.len(), paragraph.line_count(width));
        }
    }

    #[test]
    fn a_long_word_is_cut_and_a_blank_line_is_a_row() {
        assert_eq!(our_rows("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(our_rows("", 4), [""]);
    }

    #[test]
    fn paragraphs_join_their_lines_and_keep_blocks_apart() {
        let text = "One two\r\nthree.\n\n- a\n- b\rNext \u{202e}x";
        let mut rows = TextRows::new("F1", (text, 0), 40, true);
        rows.reach(text, usize::MAX);
        let shown: Vec<String> = rows.rows(0, 10).iter().map(|&r| shown(text, r)).collect();
        assert_eq!(shown, ["One two three.", "", "- a", "- b Next ⟨U+202E⟩x"]);
        assert_eq!(rows.total(), Some(4));
    }

    #[test]
    fn a_note_keeps_every_line_as_it_is() {
        let note = "One two\rthree.\r\n\n";
        let mut rows = TextRows::new("F1", (note, 0), 40, false);
        rows.reach(note, usize::MAX);
        let shown: Vec<String> = rows.rows(0, 10).iter().map(|&r| shown(note, r)).collect();
        assert_eq!(shown, ["One two", "three.", "", ""]);
        let mut empty = TextRows::new("F1", ("", 0), 40, false);
        empty.reach("", usize::MAX);
        assert_eq!(empty.total(), Some(1));
    }

    #[test]
    fn rows_are_found_only_as_far_as_asked() {
        let text = "a\n\n".repeat(1000);
        let mut rows = TextRows::new("F1", (&text, 0), 40, true);
        rows.reach(&text, 10);
        assert!(rows.total().is_none());
        assert!(rows.rows(0, usize::MAX).len() < 20);
        rows.reach(&text, usize::MAX);
        assert_eq!(rows.total(), Some(2000));
    }
}
