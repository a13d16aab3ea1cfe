//! Problems found in a file, each pointing at a line and column.

use std::fmt;
use std::fmt::Write as _;

use super::node::Pos;

/// One problem in a file, ready to print as `FILE:LINE:COLUMN: message`
/// followed by the offending line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub pos: Option<Pos>,
    pub message: String,
    /// The source line and a caret under the column, when known.
    pub snippet: Option<String>,
}

impl Diagnostic {
    pub fn at(pos: Pos, message: impl Into<String>) -> Self {
        Diagnostic {
            pos: (pos.line > 0).then_some(pos),
            message: message.into(),
            snippet: None,
        }
    }

    pub fn whole_file(message: impl Into<String>) -> Self {
        Diagnostic {
            pos: None,
            message: message.into(),
            snippet: None,
        }
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
        let mut out = match self.pos {
            Some(pos) => format!("{file}:{pos}: {}", self.message),
            None => format!("{file}: {}", self.message),
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
            Some(pos) => write!(f, "{pos}: {}", self.message),
            None => f.write_str(&self.message),
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

/// Where each line of a text starts, to find the line of a problem
/// without reading the text from the top for every one.
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

    /// Line `number` (1-based) of `text`, as `str::lines` gives it.
    pub fn line<'t>(&self, text: &'t str, number: u64) -> Option<&'t str> {
        let index = usize::try_from(number.checked_sub(1)?).ok()?;
        let start = *self.starts.get(index)?;
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
/// plain-language message.
pub fn from_yaml_error(err: &serde_saphyr::Error, source: &str) -> Diagnostic {
    let mut options = serde_saphyr::RenderOptions::default();
    options.formatter = &serde_saphyr::UserMessageFormatter;
    options.snippets = serde_saphyr::SnippetMode::Off;
    let text = err.render_with_options(options);
    let pos = err.location().map(|loc| Pos {
        line: loc.line(),
        column: loc.column(),
    });
    let raw = strip_location(&text);
    let message = if raw.contains("recursion limit") || raw.contains("Depth {") {
        format!(
            "the YAML nests too deeply (more than {} levels); inspection and review files nest only a few levels",
            super::parse::MAX_DEPTH
        )
    } else if raw.contains("limits breached") {
        format!(
            "the YAML is too large or too complex once its aliases are expanded ({}); write the content out without aliases",
            raw.rsplit("limits breached: ")
                .next()
                .unwrap_or(raw)
                .split(" at line")
                .next()
                .unwrap_or(raw)
        )
    } else {
        raw.to_owned()
    };
    match pos {
        Some(pos) if pos.line > 0 => Diagnostic::at(pos, message).with_source(source),
        _ => Diagnostic::whole_file(message),
    }
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
