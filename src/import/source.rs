//! A file to import as text: a PDF (through pdftotext), a saved web page
//! (its content as Markdown-like lines) or text as it is, told apart by
//! content first; refused, saying where, if it holds what no report's text
//! does.

/// The text of the report in `path`, whatever kind of file it is, with
/// its line breaks made plain.
pub fn text_of(path: &std::path::Path) -> Result<String, String> {
    let name = path.display().to_string();
    let bytes = crate::files::store::read_regular(path, crate::files::store::MAX_FILE_BYTES)
        .map_err(|e| format!("{name}: cannot read: {e}"))?;
    let text = match Format::of(path, &bytes) {
        Format::Pdf => {
            drop(bytes);
            super::pdf::text_of(path)?
        }
        Format::Html => super::html::read(&name, &bytes)?,
        Format::Text => crate::files::yaml::parse::utf8_text(bytes).map_err(|d| d.render(&name))?,
    };
    no_controls(&text).map_err(|(at, why)| format!("{name}:{at}: {why}"))?;
    Ok(text.replace("\r\n", "\n"))
}

/// What a file to import holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text or Markdown, read as it is.
    Text,
    /// A PDF, read by pdftotext.
    Pdf,
    /// A saved web page, rendered as Markdown-like text.
    Html,
}

/// How far into a file its kind is looked for.
const SNIFF_BYTES: usize = 1024;

impl Format {
    /// By content first: `%PDF-` in the first KiB is a PDF; a file that
    /// starts with `<` (after a byte order mark and white space) and has
    /// `<!DOCTYPE html` or `<html` in its first KiB is a web page. Then by
    /// extension: `.pdf`, `.html`, `.htm`, `.xhtml`. Anything else is text.
    pub fn of(path: &std::path::Path, bytes: &[u8]) -> Format {
        let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
        if head.windows(5).any(|w| w == b"%PDF-") {
            return Format::Pdf;
        }
        let start = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
        let start = start.trim_ascii_start();
        if start.starts_with(b"<") {
            let lower = start.to_ascii_lowercase();
            if lower.windows(14).any(|w| w == b"<!doctype html")
                || lower.windows(5).any(|w| w == b"<html")
            {
                return Format::Html;
            }
        }
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("pdf") => Format::Pdf,
            Some("html" | "htm" | "xhtml") => Format::Html,
            _ => Format::Text,
        }
    }
}

/// Whether `text` is a report's text: it holds no control characters but
/// line and page breaks and tabs. Anything else (a binary file that
/// happens to decode) is refused where it first shows, as `LINE:COLUMN`.
fn no_controls(text: &str) -> Result<(), (String, String)> {
    let control = text
        .char_indices()
        .find(|(_, c)| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'));
    let Some((i, c)) = control else {
        return Ok(());
    };
    let (at, _) = crate::files::yaml::diag::LineIndex::locate(text, i);
    Err((
        format!("{at}"),
        format!(
            "holds the control character U+{:04X}, which text copied from a report does not: is it a binary file? Copy the report's text into a plain text file and import that",
            u32::from(c)
        ),
    ))
}
