//! The spreadsheet export: one row per item, formulas disarmed.

use crate::model::{Entry, Inspection, Review, Status};

/// What the CSV export does with a cell that a spreadsheet would read as
/// a formula.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Cells {
    /// A cell from a file that begins with `=`, `+`, `-` or `@` (after any
    /// spaces or line breaks), or with a tab or a carriage return, gets a
    /// `'` in front, as OWASP advises: the spreadsheet shows the text and
    /// runs nothing.
    #[default]
    Guarded,
    /// Cells as the files hold them (`--raw-cells`), for a program.
    Raw,
}

/// Whether a spreadsheet could take `cell` for a formula (or for a DDE
/// command): it begins with a tab or a carriage return, or its first
/// character other than a space or a line break is `=`, `+`, `-` or `@`.
/// Spreadsheets that trim cells on import would otherwise read `  =1+1`.
pub fn is_formula_like(cell: &str) -> bool {
    cell.starts_with(['\t', '\r'])
        || cell
            .trim_start_matches([' ', '\n', '\r'])
            .starts_with(['=', '+', '-', '@'])
}

/// A cell from a file: line breaks made LF (a bare CR would end a row for
/// some readers), control and hidden characters made visible, and a
/// formula disarmed unless `cells` says raw.
fn file_cell(text: &str, cells: Cells) -> String {
    let guard = cells == Cells::Guarded && is_formula_like(text);
    let text = crate::text::lf(text);
    let text = crate::text::inert_keeping_whitespace(&text);
    if guard {
        format!("'{text}")
    } else {
        text.into_owned()
    }
}

/// One row per item (and per orphaned review entry), RFC 4180 quoted, with
/// formulas disarmed (`Cells::Guarded`).
pub fn csv(inspection: &Inspection, review: &Review) -> Result<String, csv::Error> {
    csv_with(inspection, review, Cells::Guarded)
}

/// `csv`, choosing what becomes of cells that look like formulas. The
/// cells scrutiny writes itself (kind, due, status, updated) are words and
/// dates, never one of those.
pub fn csv_with(
    inspection: &Inspection,
    review: &Review,
    cells: Cells,
) -> Result<String, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record([
        "kind",
        "id",
        "title",
        "theme",
        "directed_to",
        "due",
        "grade",
        "status",
        "owner",
        "note",
        "updated",
    ])?;
    let cell = |s: Option<&str>| file_cell(s.unwrap_or(""), cells);
    // The reviewer's four columns, the same for items and orphans.
    let review_cells = |entry: Option<&Entry>| {
        [
            entry
                .map_or(Status::Unreviewed, |e| e.status)
                .label()
                .to_owned(),
            cell(entry.and_then(|e| e.owner.as_deref())),
            cell(entry.and_then(|e| e.note.as_deref())),
            entry
                .and_then(|e| e.updated)
                .map(|t| t.to_string())
                .unwrap_or_default(),
        ]
    };
    for item in &inspection.items {
        let report = [
            item.kind.tag().to_owned(),
            cell(Some(&item.id)),
            cell(Some(&item.title)),
            cell(item.theme.as_deref()),
            cell(Some(&item.directed_to.join("; "))),
            item.due.map(|d| d.to_string()).unwrap_or_default(),
            cell(item.grade.as_deref()),
        ];
        writer.write_record(report.iter().chain(&review_cells(review.entry(&item.id))))?;
    }
    for id in review.orphans(inspection) {
        let report = [
            "orphaned".to_owned(),
            cell(Some(&id)),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
        ];
        writer.write_record(report.iter().chain(&review_cells(review.entry(&id))))?;
    }
    let bytes = writer
        .into_inner()
        .map_err(csv::IntoInnerError::into_error)?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
