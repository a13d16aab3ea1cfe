//! What goes out: the draft response (Markdown), the spreadsheet (CSV), the
//! data (JSON) and the summary. Pure functions of the inspection, the review
//! and the date; writing them to disk is for `files::store`.

pub mod csv;
pub mod doc;
pub mod docx;
pub mod json;
pub mod markdown;
pub mod md;
pub mod summary;

use jiff::civil::Date;

use crate::model::{Inspection, Review};

pub use self::csv::{Cells, csv, csv_with, is_formula_like};
pub use self::json::json;
pub use self::markdown::markdown;
pub use self::summary::{Summary, summarise, summary_text};

/// The documents `scrutiny export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Csv,
    Json,
}

/// The export of one inspection with its review (`cells`: what the CSV
/// does with cells that look like formulas).
pub fn document(
    format: Format,
    inspection: &Inspection,
    review: &Review,
    today: Date,
    cells: Cells,
) -> Result<String, String> {
    match format {
        Format::Markdown => Ok(markdown(inspection, review, today)),
        Format::Csv => {
            csv_with(inspection, review, cells).map_err(|e| format!("cannot write CSV: {e}"))
        }
        Format::Json => Ok(json(inspection, review)),
    }
}

/// The note, unless it is missing or blank.
pub(crate) fn note<'a>(review: &'a Review, id: &str) -> Option<&'a str> {
    review
        .entry(id)
        .and_then(|e| e.note.as_deref())
        .filter(|n| !n.trim().is_empty())
}
