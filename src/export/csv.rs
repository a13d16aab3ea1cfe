//! The spreadsheet export: one row per item, formulas disarmed.

use jiff::tz::TimeZone;

use crate::model::tracking::Rag;
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
/// cells scrutiny writes itself (kind, due, status, updated, rag, the
/// revised due date, when it was signed off) are words and dates, never
/// one of those.
pub fn csv_with(
    inspection: &Inspection,
    review: &Review,
    cells: Cells,
) -> Result<String, csv::Error> {
    let bytes = rows(inspection, review, cells, csv::Terminator::Any(b'\n'))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// `csv_with` for Excel (`--excel`): a UTF-8 byte-order mark first, which
/// Excel needs to read the file as UTF-8 rather than the Windows code page
/// (accents otherwise come out garbled), and each row ended by CRLF. Line
/// breaks inside a cell stay LF, as Excel writes them itself.
pub fn csv_excel(
    inspection: &Inspection,
    review: &Review,
    cells: Cells,
) -> Result<Vec<u8>, csv::Error> {
    let rows = rows(inspection, review, cells, csv::Terminator::CRLF)?;
    let text = String::from_utf8_lossy(&rows);
    let mut bytes = Vec::with_capacity(text.len() + 3);
    bytes.extend_from_slice("\u{feff}".as_bytes());
    bytes.extend_from_slice(text.as_bytes());
    Ok(bytes)
}

/// The rows, each ended by `terminator`.
fn rows(
    inspection: &Inspection,
    review: &Review,
    cells: Cells,
    terminator: csv::Terminator,
) -> Result<Vec<u8>, csv::Error> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(terminator)
        .from_writer(Vec::new());
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
        "rag",
        "revised_due",
        "evidence",
        "signed_off_by",
        "signed_off_at",
        "last_update",
    ])?;
    let cell = |s: Option<&str>| file_cell(s.unwrap_or(""), cells);
    // The reviewer's columns, the same for items and orphans: status,
    // owner, note and updated, then the tracking to closure.
    let review_cells = |entry: Option<&Entry>| {
        let signed = entry.and_then(|e| e.signed_off.as_ref());
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
            entry.and_then(|e| e.rag).map_or("", Rag::name).to_owned(),
            entry
                .and_then(|e| e.due)
                .map(|d| d.to_string())
                .unwrap_or_default(),
            cell(entry.map(|e| e.evidence.join("; ")).as_deref()),
            cell(signed.map(|s| s.by.as_str())),
            signed.map(|s| s.at.to_string()).unwrap_or_default(),
            cell(entry.and_then(last_update).as_deref()),
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
    Ok(writer
        .into_inner()
        .map_err(csv::IntoInnerError::into_error)?)
}

/// The newest progress update as `DATE: TEXT` (its day in UTC), or nothing.
fn last_update(entry: &Entry) -> Option<String> {
    let update = entry.updates.iter().max_by_key(|u| u.at)?;
    let day = update.at.to_zoned_datetime(TimeZone::UTC).date();
    Some(format!("{day}: {}", update.text))
}
