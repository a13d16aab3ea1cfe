//! What goes out: the draft response (Markdown), the spreadsheet (CSV), the
//! tracker workbook (xlsx), the data (JSON) and the summary. Pure functions of the inspection, the review
//! and the date; writing them to disk is for `files::store`.

pub mod changes;
pub mod csv;
pub mod doc;
pub mod docx;
pub mod json;
pub mod markdown;
pub mod md;
pub mod published;
pub mod summary;
pub mod xlsx;

use jiff::civil::Date;

use crate::model::{Inspection, Review};

pub use self::csv::{Cells, csv, csv_excel, csv_with, is_formula_like};
pub use self::json::json;
pub use self::markdown::markdown;
pub use self::summary::{Summary, summarise, summary_text};

/// The documents `scrutiny export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The working draft, for use inside the office: statuses, owners,
    /// dates and gaps.
    Markdown,
    /// The response as the body publishes it, in Markdown.
    Response,
    /// The published response as a Word document.
    Docx,
    Csv,
    Json,
    /// The tracker workbook: recommendations and areas for improvement,
    /// one row each, and a summary sheet.
    Xlsx,
}

impl Format {
    /// Whether this is the response the body publishes, which cannot be
    /// made while something it must hold is missing (unless as a draft).
    pub fn is_published(self) -> bool {
        matches!(self, Format::Response | Format::Docx)
    }

    /// Whether the document is not text (Word, the workbook).
    pub fn is_binary(self) -> bool {
        matches!(self, Format::Docx | Format::Xlsx)
    }
}

/// How a document is written: what the CSV does with cells that look like
/// formulas and whether it is made for Excel (a byte-order mark and CRLF),
/// and whether the published response may have gaps (marked).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    pub cells: Cells,
    pub excel: bool,
    pub draft: bool,
}

/// The export of one inspection with its review, as the bytes of the file.
pub fn document(
    format: Format,
    inspection: &Inspection,
    review: &Review,
    today: Date,
    options: Options,
) -> Result<Vec<u8>, String> {
    let published = || {
        published::response(inspection, review, options.draft).map_err(|missing| {
            format!(
                "the response cannot be published yet: {}. Write them in scrutiny (the Response view lists what is left), or pass --draft to write it with each gap marked",
                missing.join("; ")
            )
        })
    };
    match format {
        Format::Markdown => Ok(markdown(inspection, review, today).into_bytes()),
        Format::Response => Ok(published::markdown(&published()?).into_bytes()),
        Format::Docx => docx::docx(&published()?),
        Format::Csv if options.excel => csv_excel(inspection, review, options.cells)
            .map_err(|e| format!("cannot write CSV: {e}")),
        Format::Csv => csv_with(inspection, review, options.cells)
            .map(String::into_bytes)
            .map_err(|e| format!("cannot write CSV: {e}")),
        Format::Json => Ok(json(inspection, review).into_bytes()),
        Format::Xlsx => xlsx::tracker(&[(inspection, review)], today),
    }
}

/// The note, unless it is missing or blank.
pub(crate) fn note<'a>(review: &'a Review, id: &str) -> Option<&'a str> {
    review
        .entry(id)
        .and_then(|e| e.note.as_deref())
        .filter(|n| !n.trim().is_empty())
}
