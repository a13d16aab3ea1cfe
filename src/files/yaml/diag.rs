//! Problems found in a file, each pointing at a line and column.

use std::fmt;
use std::fmt::Write as _;

use crate::model::node::Pos;

/// One problem in a file, ready to print as `FILE:LINE:COLUMN: message`
/// followed by the offending line.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Diagnostic {
    pub pos: Option<Pos>,
    pub message: String,
    /// The source line and a caret under the column, when known.
    pub snippet: Option<String>,
    /// Worth saying, but the file is valid for it: printed as
    /// `FILE:LINE:COLUMN: warning: message`.
    pub warning: bool,
}

impl Diagnostic {
    pub fn at(pos: Pos, message: impl Into<String>) -> Self {
        Diagnostic {
            pos: (pos.line > 0).then_some(pos),
            message: message.into(),
            snippet: None,
            warning: false,
        }
    }

    /// A warning at `pos`: something a reader should know that does not
    /// make the file invalid.
    pub fn warning_at(pos: Pos, message: impl Into<String>) -> Self {
        Diagnostic {
            warning: true,
            ..Diagnostic::at(pos, message)
        }
    }

    pub fn whole_file(message: impl Into<String>) -> Self {
        Diagnostic {
            pos: None,
            message: message.into(),
            snippet: None,
            warning: false,
        }
    }

    /// `warning: ` for a warning, nothing for a problem.
    fn level(&self) -> &'static str {
        if self.warning { "warning: " } else { "" }
    }

    /// Attach the offending source line, with a caret under the column.
    #[must_use]
    pub fn with_source(self, source: &str) -> Self {
        let line = self.pos.and_then(|pos| {
            source
                .lines()
                .nth(usize::try_from(pos.line.checked_sub(1)?).ok()?)
        });
        self.with_line(line)
    }

    /// Attach `line`, the source line the position is on, with a caret
    /// under the column.
    #[must_use]
    pub fn with_line(mut self, line: Option<&str>) -> Self {
        if let (Some(pos), Some(line)) = (self.pos, line) {
            self.snippet = Some(snippet(line, pos));
        }
        self
    }

    /// The diagnostic as the user reads it, naming `file`.
    pub fn render(&self, file: &str) -> String {
        // A file name is one line however it is spelt.
        let file = crate::text::one_line(file);
        let level = self.level();
        let mut out = match self.pos {
            Some(pos) => format!("{file}:{pos}: {level}{}", self.message),
            None => format!("{file}: {level}{}", self.message),
        };
        if let Some(snippet) = &self.snippet {
            out.push('\n');
            out.push_str(snippet);
        }
        out
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.pos {
            Some(pos) => write!(f, "{pos}: {}{}", self.level(), self.message),
            None => write!(f, "{}{}", self.level(), self.message),
        }
    }
}

/// Longest stretch of a source line shown in a snippet; a 50 MB one-line
/// scalar must not be printed whole.
const SNIPPET_WIDTH: usize = 100;

fn snippet(line: &str, pos: Pos) -> String {
    let column = usize::try_from(pos.column.saturating_sub(1)).unwrap_or(0);
    // Show a window of the line around the column, so the caret stays in
    // view; one character past it says whether more follows.
    let start = column.saturating_sub(SNIPPET_WIDTH / 2);
    let chars: Vec<char> = line.chars().take(start + SNIPPET_WIDTH + 1).collect();
    let start = start.min(chars.len());
    let end = (start + SNIPPET_WIDTH).min(chars.len());
    let window: String = chars[start..end].iter().collect();
    let shown = crate::text::inert_line(&window);
    let lead = if start > 0 { "…" } else { "" };
    let tail = if end < chars.len() { "…" } else { "" };
    let number = pos.line.to_string();
    let gutter = " ".repeat(number.len());
    let caret_at = column.saturating_sub(start) + usize::from(start > 0);
    let mut out = String::new();
    let _ = writeln!(out, "{gutter} |");
    let _ = writeln!(out, "{number} | {lead}{shown}{tail}");
    let _ = write!(out, "{gutter} | {}^", " ".repeat(caret_at));
    out
}

/// Where each line of a text starts: the one way a byte offset becomes a
/// line and column (and back), without reading the text from the top for
/// every problem. A line ends at `\n`.
#[derive(Debug, Default)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { starts }
    }

    /// The byte where the line holding byte `offset` starts.
    pub fn line_start(&self, offset: usize) -> usize {
        let index = self.starts.partition_point(|&s| s <= offset);
        self.starts.get(index.wrapping_sub(1)).copied().unwrap_or(0)
    }

    /// The 1-based line and column (in characters) of byte `offset` of
    /// `text`, which must fall on a character boundary.
    pub fn pos(&self, text: &str, offset: usize) -> Pos {
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts.get(line - 1).copied().unwrap_or(0);
        position(text, line, start, offset)
    }

    /// For one lookup, without building the index (which holds a number
    /// for every line of the text): `pos` of `offset`, and the byte where
    /// its line starts.
    pub fn locate(text: &str, offset: usize) -> (Pos, usize) {
        let before = text.get(..offset).unwrap_or(text);
        let line = before.matches('\n').count() + 1;
        let start = before.rfind('\n').map_or(0, |i| i + 1);
        (position(text, line, start, offset), start)
    }

    /// The byte where line `number` (1-based) starts, if the text has it.
    pub fn start(&self, number: u64) -> Option<usize> {
        let index = usize::try_from(number.checked_sub(1)?).ok()?;
        self.starts.get(index).copied()
    }

    /// Line `number` (1-based) of `text`, as `str::lines` gives it.
    pub fn line<'t>(&self, text: &'t str, number: u64) -> Option<&'t str> {
        let index = usize::try_from(number.checked_sub(1)?).ok()?;
        let start = self.start(number)?;
        if start >= text.len() {
            return None;
        }
        // A line ends at `\n` or `\r\n`; a last line keeps a lone `\r`.
        Some(match self.starts.get(index + 1) {
            Some(next) => {
                let line = &text[start..next - 1];
                line.strip_suffix('\r').unwrap_or(line)
            }
            None => &text[start..],
        })
    }
}

/// Line `line`, which starts at byte `start`, and the column of byte
/// `offset` on it, counted in characters.
fn position(text: &str, line: usize, start: usize, offset: usize) -> Pos {
    let column = text.get(start..offset).map_or(0, |s| s.chars().count()) + 1;
    Pos {
        line: line as u64,
        column: column as u64,
    }
}

/// Every problem found in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// Problems in the order they appear in the file; whole-file ones first.
    pub fn sorted(mut problems: Vec<Diagnostic>) -> Self {
        problems.sort_by_key(|d| d.pos.map(|p| (p.line, p.column)));
        Diagnostics(problems)
    }

    pub fn render(&self, file: &str) -> String {
        let mut out = String::new();
        for d in &self.0 {
            out.push_str(&d.render(file));
            out.push('\n');
        }
        out
    }
}

/// Turn a YAML parser error into our diagnostic, keeping its position and
/// plain-language message. Errors are told apart by their kind, never by
/// their text: budgets and limits get a message of their own, in words.
pub fn from_yaml_error(err: &serde_saphyr::Error, source: &str) -> Diagnostic {
    let pos = err.location().map(|loc| Pos {
        line: loc.line(),
        column: loc.column(),
    });
    let message = limit_message(root_cause(err)).unwrap_or_else(|| {
        let mut options = serde_saphyr::RenderOptions::default();
        options.formatter = &serde_saphyr::UserMessageFormatter;
        options.snippets = serde_saphyr::SnippetMode::Off;
        let text = err.render_with_options(options);
        strip_location(&text).to_owned()
    });
    match pos {
        Some(pos) if pos.line > 0 => Diagnostic::at(pos, message).with_source(source),
        _ => Diagnostic::whole_file(message),
    }
}

/// The error itself, past the wrappers that add an alias's place or a
/// snippet to it.
pub(super) fn root_cause(mut err: &serde_saphyr::Error) -> &serde_saphyr::Error {
    use serde_saphyr::Error;
    while let Error::AliasError { error, .. } | Error::WithSnippet { error, .. } = err {
        err = error;
    }
    err
}

/// What to do about a file too large or too complex, too deep or full of
/// aliases.
const NO_ALIASES: &str =
    "inspection and review files need no aliases (`*name`); write the content out in full";

/// The message for a limit the parser enforces, if `err` is one.
fn limit_message(err: &serde_saphyr::Error) -> Option<String> {
    use serde_saphyr::Error;
    use serde_saphyr::budget::BudgetBreach;
    use serde_saphyr::granit_parser::ErrorKind;
    let too_deep = || {
        format!(
            "the YAML nests too deeply (more than {} levels); inspection and review files nest only a few levels",
            crate::model::node::MAX_DEPTH
        )
    };
    let too_big =
        |what: String| format!("the file is too large or too complex: {what}; {NO_ALIASES}");
    Some(match err {
        Error::Budget { breach, .. } => match breach {
            BudgetBreach::Depth { .. } => too_deep(),
            BudgetBreach::Nodes { nodes } => too_big(format!(
                "more than {} nodes (aliases expanded)",
                nodes.saturating_sub(1)
            )),
            BudgetBreach::Events { events } => too_big(format!(
                "more than {} parser events (aliases expanded)",
                events.saturating_sub(1)
            )),
            BudgetBreach::Aliases { aliases } => {
                too_big(format!("more than {} aliases", aliases.saturating_sub(1)))
            }
            BudgetBreach::Anchors { anchors } => {
                too_big(format!("more than {} anchors", anchors.saturating_sub(1)))
            }
            BudgetBreach::ScalarBytes { total_scalar_bytes } => too_big(format!(
                "more than {} bytes of text (aliases expanded)",
                total_scalar_bytes.saturating_sub(1)
            )),
            BudgetBreach::MergeKeys { merge_keys } => too_big(format!(
                "more than {} merge keys (`<<`)",
                merge_keys.saturating_sub(1)
            )),
            BudgetBreach::AliasAnchorRatio { aliases, anchors } => {
                too_big(format!("{aliases} aliases to {anchors} anchors"))
            }
            BudgetBreach::Documents { .. } => {
                "the file holds more than one YAML document (`---`); keep one".to_owned()
            }
            BudgetBreach::InputBytes { input_bytes } => {
                format!(
                    "the file grew while it was read (more than {input_bytes} bytes); try again"
                )
            }
            _ => too_big("over one of the parser's limits".to_owned()),
        },
        Error::AliasReplayLimitExceeded {
            max_total_replayed_events,
            ..
        } => too_big(format!(
            "more than {max_total_replayed_events} values replayed by aliases"
        )),
        Error::AliasExpansionLimitExceeded {
            max_expansions_per_anchor,
            ..
        } => too_big(format!(
            "an anchor used more than {max_expansions_per_anchor} times"
        )),
        Error::AliasReplayStackDepthExceeded { max_depth, .. } => {
            too_big(format!("aliases nested more than {max_depth} deep"))
        }
        Error::AliasReplayCounterOverflow { .. } => too_big("too many alias expansions".to_owned()),
        Error::ExternalMessage { source, .. } => match &**source {
            serde_saphyr::ExternalMessageSource::Parser(scan)
                if matches!(scan.kind(), ErrorKind::RecursionLimitExceeded) =>
            {
                too_deep()
            }
            _ => return None,
        },
        _ => return None,
    })
}

/// The parser appends " at line N, column M"; we print the position first.
fn strip_location(text: &str) -> &str {
    let text = text.lines().next().unwrap_or(text).trim();
    match text.rfind(" at line ") {
        Some(i) if text[i..].contains("column") => &text[..i],
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_index_gives_the_line_and_column_of_an_offset() {
        let text = "ab\né\u{fc}x\n\nlast";
        let index = LineIndex::new(text);
        let at = |line, column| Pos { line, column };
        assert_eq!(index.pos(text, 0), at(1, 1));
        assert_eq!(index.pos(text, 2), at(1, 3));
        assert_eq!(index.pos(text, 3), at(2, 1));
        // Columns count characters: `é` and `ü` are two bytes each.
        assert_eq!(index.pos(text, 7), at(2, 3));
        assert_eq!(index.pos(text, 9), at(3, 1));
        assert_eq!(index.pos(text, 10), at(4, 1));
        assert_eq!(index.pos(text, text.len()), at(4, 5));
        assert_eq!(index.line_start(8), 3);
        assert_eq!(index.line_start(text.len()), 10);
        assert_eq!(index.start(4), Some(10));
        assert_eq!(index.start(5), None);
        assert_eq!(index.start(0), None);
        let empty = LineIndex::new("");
        assert_eq!(empty.pos("", 0), at(1, 1));
        for text in [text, "", "\n", "a\r\nb\r\n", "é\nü\r\n\nlast"] {
            let index = LineIndex::new(text);
            for (offset, _) in text.char_indices().chain([(text.len(), ' ')]) {
                let pos = index.pos(text, offset);
                let start = index.line_start(offset);
                assert_eq!(
                    LineIndex::locate(text, offset),
                    (pos, start),
                    "{text:?} {offset}"
                );
            }
        }
    }

    #[test]
    fn the_line_index_finds_the_lines_str_lines_gives() {
        for text in [
            "",
            "\n",
            "a",
            "a\n",
            "a\n\n",
            "a\r\nb\r\n",
            "é\nü\r\n\nlast",
            "\r\n\r",
        ] {
            let index = LineIndex::new(text);
            let lines: Vec<&str> = text.lines().collect();
            for number in 0..=lines.len() as u64 + 2 {
                let expected = number
                    .checked_sub(1)
                    .and_then(|i| lines.get(usize::try_from(i).ok()?).copied());
                assert_eq!(index.line(text, number), expected, "{text:?} line {number}");
            }
        }
    }
}
