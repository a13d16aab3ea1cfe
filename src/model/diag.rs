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
    pub fn with_source(mut self, source: &str) -> Self {
        if let Some(pos) = self.pos {
            self.snippet = snippet(source, pos);
        }
        self
    }

    /// The diagnostic as the user reads it, naming `file`.
    pub fn render(&self, file: &str) -> String {
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

fn snippet(source: &str, pos: Pos) -> Option<String> {
    let index = usize::try_from(pos.line.checked_sub(1)?).ok()?;
    let line = source.lines().nth(index)?;
    let column = usize::try_from(pos.column.saturating_sub(1)).unwrap_or(0);
    let chars: Vec<char> = line.chars().collect();
    // Show a window of the line around the column, so the caret stays in view.
    let start = column.saturating_sub(SNIPPET_WIDTH / 2).min(chars.len());
    let end = (start + SNIPPET_WIDTH).min(chars.len());
    let shown: String = chars[start..end]
        .iter()
        .map(|&c| crate::text::inert(c))
        .collect();
    let lead = if start > 0 { "…" } else { "" };
    let tail = if end < chars.len() { "…" } else { "" };
    let number = pos.line.to_string();
    let gutter = " ".repeat(number.len());
    let caret_at = column.saturating_sub(start) + usize::from(start > 0);
    let mut out = String::new();
    let _ = writeln!(out, "{gutter} |");
    let _ = writeln!(out, "{number} | {lead}{shown}{tail}");
    let _ = write!(out, "{gutter} | {}^", " ".repeat(caret_at));
    Some(out)
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
