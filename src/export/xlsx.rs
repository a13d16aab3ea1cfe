//! The tracker workbook (`--format xlsx`): every recommendation and area
//! for improvement of one or more inspections, one row each, as a liaison
//! lead keeps them to closure and reports them to a panel, and a summary
//! sheet of counts per inspection.
//!
//! Text from files is hostile: every cell from a file is written as a
//! string (never a formula, never a hyperlink), with control and hidden
//! characters made visible as the other exports make them.

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use rust_xlsxwriter::{
    Color, ConditionalFormatCell, ConditionalFormatCellRule, DataValidation, DocProperties,
    ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};
use unicode_width::UnicodeWidthStr as _;

use crate::model::tracking::Rag;
use crate::model::{Entry, Inspection, Item, Kind, Review, Status};

/// The kinds the tracker holds, in the order it lists them: what an
/// inspection asks to be done. Findings and strengths are what it saw.
pub const TRACKED: [Kind; 2] = [Kind::Recommendation, Kind::AreaForImprovement];

/// The tracker's columns, in order.
pub const TRACKER_COLUMNS: [&str; 16] = [
    "Report",
    "Kind",
    "ID",
    "Title",
    "Directed to",
    "Original due",
    "Revised due",
    "Status",
    "RAG",
    "Owner",
    "Response",
    "Last update",
    "Latest progress",
    "Evidence",
    "Signed off by",
    "Signed off on",
];

/// The summary's columns, in order.
pub const SUMMARY_COLUMNS: [&str; 16] = [
    "Report",
    "Items",
    "Recommendations",
    "Areas for improvement",
    "Unreviewed",
    "Accepted",
    "In progress",
    "Complete",
    "Not accepted",
    "Not applicable",
    "Red",
    "Amber",
    "Green",
    "No RAG",
    "Overdue",
    "Signed off",
];

/// The most a cell holds, in UTF-16 units (Excel's limit).
const MAX_CELL: usize = 32_767;

/// The widest each tracker column is made, in characters: as wide as its
/// widest line up to this, long text wrapped inside it.
const TRACKER_WIDEST: [usize; 16] = [
    30, 22, 10, 50, 30, 12, 12, 14, 8, 24, 50, 12, 40, 40, 20, 13,
];

/// The widest the summary's first column is made; the counts are narrow.
const SUMMARY_WIDEST: usize = 40;

/// The height of one line of text in points, at Excel's default font.
const LINE_HEIGHT: f64 = 15.0;

/// Excel's tallest row, in points.
const TALLEST: f64 = 409.0;

/// Excel's standard fills and fonts for bad, neutral and good.
const RAG_COLOURS: [(Rag, u32, u32); 3] = [
    (Rag::Red, 0x00FF_C7CE, 0x009C_0006),
    (Rag::Amber, 0x00FF_EB9C, 0x009C_5700),
    (Rag::Green, 0x00C6_EFCE, 0x0000_6100),
];

/// A cell of text from a file: line breaks as LF, control and hidden
/// characters made visible (XML cannot hold most of them, and the rest
/// would hide or reorder text), cut to what a cell holds.
fn text(s: &str) -> String {
    let s = crate::text::lf(s);
    let s = crate::text::inert_keeping_whitespace(&s);
    if s.encode_utf16().count() <= MAX_CELL {
        return s.into_owned();
    }
    let mut out = String::new();
    let mut units = 0;
    for c in s.chars() {
        // One unit is kept for the ellipsis.
        if units + c.len_utf16() > MAX_CELL - 1 {
            break;
        }
        units += c.len_utf16();
        out.push(c);
    }
    out.push('…');
    out
}

/// The date of a moment, in UTC, as the review file records it.
fn day(at: Timestamp) -> Date {
    at.to_zoned_datetime(TimeZone::UTC).date()
}

/// A date as Excel holds it, when Excel can (the years 1900 to 9999).
fn excel_date(date: Date) -> Option<ExcelDateTime> {
    let year = u16::try_from(date.year()).ok()?;
    let month = u8::try_from(date.month()).ok()?;
    let day = u8::try_from(date.day()).ok()?;
    ExcelDateTime::from_ymd(year, month, day).ok()
}

/// The kind as a heading word: `Recommendation`, `Area for improvement`.
fn kind_label(kind: Kind) -> String {
    let word = kind.singular();
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// The report's name in a row: its title, or its id when it has none.
fn report_name(inspection: &Inspection) -> String {
    let title = crate::text::one_line(inspection.meta.title.trim());
    if title.is_empty() {
        text(&inspection.meta.id)
    } else {
        text(&title)
    }
}

/// The date an item is due by now: the revised date, else the original.
fn due_now(item: &Item, entry: Option<&Entry>) -> Option<Date> {
    entry.and_then(|e| e.due).or(item.due)
}

/// Past its due date (the revised one, else the original) and not complete,
/// as `scrutiny summary` counts it.
fn overdue(item: &Item, entry: Option<&Entry>, today: Date) -> bool {
    let status = entry.map_or(Status::Unreviewed, |e| e.status);
    due_now(item, entry).is_some_and(|due| due < today) && status != Status::Complete
}

/// The newest progress: the latest update's date and text, else the date
/// the entry was last changed.
fn last_update(entry: &Entry) -> (Option<Date>, Option<&str>) {
    match entry.updates.iter().max_by_key(|u| u.at) {
        Some(update) => (Some(day(update.at)), Some(update.text.as_str())),
        None => (entry.updated.map(day), None),
    }
}

/// The formats the sheets share.
struct Formats {
    header: Format,
    text: Format,
    wrapped: Format,
    date: Format,
    number: Format,
    total: Format,
}

impl Formats {
    fn new() -> Self {
        let cell = Format::new().set_align(FormatAlign::Top);
        Formats {
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Top)
                .set_background_color(Color::RGB(0x00D9_E1F2))
                .set_border_bottom(FormatBorder::Thin),
            text: cell.clone(),
            wrapped: cell.clone().set_text_wrap(),
            date: cell.clone().set_num_format("d mmm yyyy"),
            number: cell,
            total: Format::new().set_bold().set_border_top(FormatBorder::Thin),
        }
    }
}

/// A sheet being filled: cells written, the widest line of each column
/// (to size the columns after), and the lines of each row's wrapped cells
/// (to size the rows to them, which `LibreOffice` does not do on opening).
struct Sheet<'a> {
    worksheet: &'a mut Worksheet,
    widths: Vec<usize>,
    caps: Vec<usize>,
    /// Per row: the column and the width of each line of a wrapped cell.
    wrapped: Vec<Vec<(u16, Vec<usize>)>>,
}

impl<'a> Sheet<'a> {
    fn new(
        sheet: &'a mut Worksheet,
        headers: &[&str],
        caps: &[usize],
        format: &Format,
    ) -> Result<Self, XlsxError> {
        let mut widths = Vec::with_capacity(headers.len());
        let mut wrapped = Vec::with_capacity(headers.len());
        for (col, header) in (0u16..).zip(headers) {
            sheet.write_string_with_format(0, col, *header, format)?;
            widths.push(header.width());
            // The header wraps too, where its column is capped narrower.
            wrapped.push((col, vec![header.width()]));
        }
        Ok(Sheet {
            worksheet: sheet,
            widths,
            caps: caps.to_vec(),
            wrapped: vec![wrapped],
        })
    }

    fn measure(&mut self, col: u16, value: &str) {
        let widest = value.lines().map(str::width).max().unwrap_or(0);
        let at = usize::from(col);
        self.widths[at] = self.widths[at].max(widest);
    }

    /// Text, always as a string; nothing when it is empty.
    fn text(&mut self, row: u32, col: u16, value: &str, format: &Format) -> Result<(), XlsxError> {
        if value.is_empty() {
            return Ok(());
        }
        self.measure(col, value);
        self.worksheet
            .write_string_with_format(row, col, value, format)?;
        Ok(())
    }

    /// Long text, wrapped; its lines are remembered to size its row.
    fn long(
        &mut self,
        row: u32,
        col: u16,
        value: &str,
        formats: &Formats,
    ) -> Result<(), XlsxError> {
        if value.is_empty() {
            return Ok(());
        }
        let at = usize::try_from(row).unwrap_or(usize::MAX);
        if self.wrapped.len() <= at {
            self.wrapped.resize_with(at + 1, Vec::new);
        }
        self.wrapped[at].push((col, value.split('\n').map(str::width).collect()));
        self.text(row, col, value, &formats.wrapped)
    }

    /// A date as a date, with a date format; as ISO text when Excel
    /// cannot hold it.
    fn date(
        &mut self,
        row: u32,
        col: u16,
        value: Option<Date>,
        formats: &Formats,
    ) -> Result<(), XlsxError> {
        let Some(value) = value else {
            return Ok(());
        };
        self.measure(col, "30 Sep 2020");
        match excel_date(value) {
            Some(date) => {
                self.worksheet
                    .write_datetime_with_format(row, col, date, &formats.date)?;
            }
            None => {
                self.worksheet.write_string_with_format(
                    row,
                    col,
                    value.to_string(),
                    &formats.text,
                )?;
            }
        }
        Ok(())
    }

    /// A whole number that may be negative (days left, days later).
    fn signed(&mut self, row: u32, col: u16, value: i64) -> Result<(), XlsxError> {
        let shown = value.to_string();
        self.measure(col, &shown);
        #[allow(clippy::cast_precision_loss, reason = "days are far below 2^52")]
        let value = value as f64;
        self.worksheet.write_number(row, col, value)?;
        Ok(())
    }

    fn number(
        &mut self,
        row: u32,
        col: u16,
        value: usize,
        format: &Format,
    ) -> Result<(), XlsxError> {
        self.measure(col, &value.to_string());
        #[expect(clippy::cast_precision_loss, reason = "counts of items are small")]
        self.worksheet
            .write_number_with_format(row, col, value as f64, format)?;
        Ok(())
    }

    /// Size each column to its widest line, capped, and each row with
    /// wrapped text to the lines it takes at those widths.
    fn fit(&mut self) -> Result<(), XlsxError> {
        let widths: Vec<usize> = self
            .widths
            .iter()
            .zip(&self.caps)
            .map(|(width, cap)| (width + 2).min(*cap))
            .collect();
        for (col, width) in (0u16..).zip(&widths) {
            #[expect(clippy::cast_precision_loss, reason = "widths are small")]
            self.worksheet.set_column_width(col, *width as f64)?;
        }
        for (row, cells) in (0u32..).zip(&self.wrapped) {
            let lines = cells
                .iter()
                .map(|(col, lines)| {
                    // A little less than the width: words do not break.
                    let room = widths[usize::from(*col)].saturating_sub(1).max(1);
                    lines.iter().map(|w| w.div_ceil(room).max(1)).sum::<usize>()
                })
                .max()
                .unwrap_or(1);
            if lines > 1 {
                #[expect(clippy::cast_precision_loss, reason = "line counts are small")]
                let height = (lines as f64 * LINE_HEIGHT).min(TALLEST);
                self.worksheet.set_row_height(row, height)?;
            }
        }
        Ok(())
    }
}

/// Printed, as a panel pack: landscape on A4, as wide as one page, the
/// header row on every page, and the page numbers at the foot.
fn print_setup(sheet: &mut Worksheet) -> Result<(), XlsxError> {
    sheet
        .set_landscape()
        .set_paper_size(9)
        .set_print_fit_to_pages(1, 0)
        .set_footer("&L&A&RPage &P of &N");
    sheet.set_repeat_rows(0, 0)?;
    Ok(())
}

/// The counts of one inspection's tracked items, in `SUMMARY_COLUMNS`
/// order after the report's name.
fn counts(inspection: &Inspection, review: &Review, today: Date) -> [usize; 15] {
    let mut counts = [0; 15];
    for kind in TRACKED {
        for item in inspection.of_kind(kind) {
            let entry = review.entry(&item.id);
            let status = entry.map_or(Status::Unreviewed, |e| e.status);
            counts[0] += 1;
            counts[if kind == Kind::Recommendation { 1 } else { 2 }] += 1;
            let at = Status::ALL.iter().position(|s| *s == status).unwrap_or(0);
            counts[3 + at] += 1;
            match entry.and_then(|e| e.rag) {
                Some(Rag::Red) => counts[9] += 1,
                Some(Rag::Amber) => counts[10] += 1,
                Some(Rag::Green) => counts[11] += 1,
                None => counts[12] += 1,
            }
            if overdue(item, entry, today) {
                counts[13] += 1;
            }
            if entry.is_some_and(|e| e.signed_off.is_some()) {
                counts[14] += 1;
            }
        }
    }
    counts
}

/// The tracker sheet: a row per recommendation, then per area for
/// improvement, of each inspection in turn.
fn tracker_sheet(
    sheet: &mut Worksheet,
    reports: &[(&Inspection, &Review)],
    formats: &Formats,
) -> Result<(), XlsxError> {
    sheet.set_name("Tracker")?;
    let mut out = Sheet::new(sheet, &TRACKER_COLUMNS, &TRACKER_WIDEST, &formats.header)?;
    let mut row = 0u32;
    for (inspection, review) in reports {
        let report = report_name(inspection);
        for kind in TRACKED {
            for item in inspection.of_kind(kind) {
                row += 1;
                let entry = review.entry(&item.id);
                let status = entry.map_or(Status::Unreviewed, |e| e.status);
                let file = |s: Option<&str>| s.map(text).unwrap_or_default();
                let short = &formats.text;
                out.long(row, 0, &report, formats)?;
                out.text(row, 1, &kind_label(kind), short)?;
                out.text(row, 2, &text(&item.id), short)?;
                out.long(row, 3, &text(&item.title), formats)?;
                out.long(row, 4, &text(&item.directed_to.join("; ")), formats)?;
                out.date(row, 5, item.due, formats)?;
                out.date(row, 6, entry.and_then(|e| e.due), formats)?;
                out.text(row, 7, status.label(), short)?;
                out.text(
                    row,
                    8,
                    entry.and_then(|e| e.rag).map_or("", Rag::label),
                    short,
                )?;
                out.text(row, 9, &file(entry.and_then(|e| e.owner.as_deref())), short)?;
                out.long(
                    row,
                    10,
                    &file(entry.and_then(|e| e.note.as_deref())),
                    formats,
                )?;
                let (updated, progress) = entry.map_or((None, None), last_update);
                out.date(row, 11, updated, formats)?;
                out.long(row, 12, &file(progress), formats)?;
                let evidence = entry.map(|e| e.evidence.join("\n")).unwrap_or_default();
                out.long(row, 13, &text(&evidence), formats)?;
                let signed = entry.and_then(|e| e.signed_off.as_ref());
                out.text(row, 14, &file(signed.map(|s| s.by.as_str())), short)?;
                out.date(row, 15, signed.map(|s| day(s.at)), formats)?;
            }
        }
    }
    out.fit()?;
    let last = row.max(1);
    let statuses = Status::ALL.map(Status::label);
    let choose_status = DataValidation::new()
        .allow_list_strings(&statuses)?
        .set_error_title("Status")?
        .set_error_message("Choose one of the six statuses from the list.")?;
    sheet.add_data_validation(1, 7, last, 7, &choose_status)?;
    let choose_rag = DataValidation::new()
        .allow_list_strings(&Rag::ALL.map(Rag::label))?
        .set_error_title("RAG")?
        .set_error_message("Choose Red, Amber or Green, or leave it empty.")?;
    sheet.add_data_validation(1, 8, last, 8, &choose_rag)?;
    for (rag, fill, font) in RAG_COLOURS {
        let colour = ConditionalFormatCell::new()
            .set_rule(ConditionalFormatCellRule::EqualTo(rag.label()))
            .set_format(
                Format::new()
                    .set_background_color(Color::RGB(fill))
                    .set_font_color(Color::RGB(font)),
            );
        sheet.add_conditional_format(1, 8, last, 8, &colour)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, row, 15)?;
    print_setup(sheet)
}

/// The summary sheet: counts per inspection, a total when there are
/// several, and what overdue means.
fn summary_sheet(
    sheet: &mut Worksheet,
    reports: &[(&Inspection, &Review)],
    today: Date,
    formats: &Formats,
) -> Result<(), XlsxError> {
    sheet.set_name("Summary")?;
    let mut caps = [22; 16];
    caps[0] = SUMMARY_WIDEST;
    let mut out = Sheet::new(sheet, &SUMMARY_COLUMNS, &caps, &formats.header)?;
    let mut total = [0; 15];
    let mut row = 0u32;
    for (inspection, review) in reports {
        row += 1;
        out.long(row, 0, &report_name(inspection), formats)?;
        let counts = counts(inspection, review, today);
        for (col, (n, sum)) in (1u16..).zip(counts.iter().zip(&mut total)) {
            out.number(row, col, *n, &formats.number)?;
            *sum += n;
        }
    }
    if reports.len() > 1 {
        row += 1;
        out.text(row, 0, "All reports", &formats.total)?;
        for (col, n) in (1u16..).zip(total) {
            out.number(row, col, n, &formats.total)?;
        }
    }
    out.fit()?;
    let note = format!(
        "Items: recommendations and areas for improvement. Overdue: past the revised due date (or the original) and not complete, as of {}.",
        crate::model::deadline::long_date(today)
    );
    sheet.write_string(row + 2, 0, note)?;
    sheet.set_freeze_panes(1, 1)?;
    print_setup(sheet)
}

/// The tracker workbook of `reports`, overdue as of `today`.
pub fn tracker(reports: &[(&Inspection, &Review)], today: Date) -> Result<Vec<u8>, String> {
    let build = || -> Result<Vec<u8>, XlsxError> {
        let formats = Formats::new();
        let mut book = Workbook::new();
        book.set_properties(&DocProperties::new().set_title("Inspection tracker"));
        tracker_sheet(book.add_worksheet(), reports, &formats)?;
        summary_sheet(book.add_worksheet(), reports, today, &formats)?;
        book.save_to_buffer()
    };
    build().map_err(|e| format!("cannot write the workbook: {e}"))
}

/// The committee pack's sheets: every change, then what is overdue, what
/// falls due before the next meeting, and what slipped most.
const CHANGES_COLUMNS: [&str; 9] = [
    "Report", "ID", "Title", "Change", "On", "By", "From", "To", "Detail",
];
const CHANGES_WIDEST: [usize; 9] = [30, 10, 45, 16, 12, 20, 16, 16, 60];
const DUE_COLUMNS: [&str; 7] = [
    "Report",
    "ID",
    "Title",
    "Due",
    "Original",
    "Days left",
    "Status",
];
const DUE_WIDEST: [usize; 7] = [30, 10, 50, 12, 12, 10, 14];
const SLIP_COLUMNS: [&str; 6] = ["Report", "ID", "Title", "Original", "Due now", "Days later"];
const SLIP_WIDEST: [usize; 6] = [30, 10, 50, 12, 12, 10];

/// A day the pack writes as `YYYY-MM-DD`, or the day of a moment it
/// writes in full, as a date.
fn iso(day: Option<&str>) -> Option<Date> {
    let day = day?;
    day.parse()
        .ok()
        .or_else(|| day.parse::<Timestamp>().ok().map(self::day))
}

/// A status or RAG name as the pack holds it (`in-progress`, `red`), in
/// words.
fn label_of(name: Option<&str>) -> Option<&'static str> {
    let name = name?;
    Status::from_name(name)
        .map(Status::label)
        .or_else(|| Rag::from_name(name).map(Rag::label))
}

/// One row of the changes sheet.
struct ChangeRow<'r> {
    what: &'static str,
    on: Option<&'r str>,
    by: Option<&'r str>,
    from: Option<&'r str>,
    to: Option<&'r str>,
    detail: String,
}

#[allow(
    clippy::too_many_lines,
    reason = "one kind of change after another, as the pack lists them"
)]
fn change_rows(item: &crate::export::changes::ItemChanges) -> Vec<ChangeRow<'_>> {
    let mut rows = Vec::new();
    let row = |what, on, by, from, to, detail: String| ChangeRow {
        what,
        on,
        by,
        from,
        to,
        detail,
    };
    if let Some(m) = &item.status {
        rows.push(row(
            "Status",
            None,
            None,
            m.from.as_deref(),
            m.to.as_deref(),
            String::new(),
        ));
    }
    if let Some(done) = &item.closed {
        rows.push(row(
            "Set complete",
            done.at.as_deref(),
            done.by.as_deref(),
            None,
            None,
            String::new(),
        ));
    }
    for sign in &item.sign_offs {
        rows.push(row(
            "Signed off",
            sign.at.as_deref(),
            Some(sign.by.as_str()),
            None,
            None,
            sign.refused
                .as_ref()
                .map(|why| format!("Does not stand: {why}"))
                .unwrap_or_default(),
        ));
    }
    if let Some(m) = &item.owner {
        rows.push(row(
            "Owner",
            None,
            None,
            m.from.as_deref(),
            m.to.as_deref(),
            String::new(),
        ));
    }
    if let Some(note) = item.note {
        rows.push(row(
            "Note",
            None,
            None,
            None,
            None,
            format!("The note was {note}."),
        ));
    }
    if let Some(m) = &item.rag {
        rows.push(row(
            "RAG",
            None,
            None,
            m.from.as_deref(),
            m.to.as_deref(),
            String::new(),
        ));
    }
    for due in &item.due {
        rows.push(row(
            "Date revised",
            due.at.as_deref(),
            due.by.as_deref(),
            due.previous.as_deref().or(due.original.as_deref()),
            due.new.as_deref(),
            due.reason.clone().unwrap_or_default(),
        ));
    }
    for update in &item.updates {
        rows.push(row(
            "Update",
            Some(update.at.as_str()),
            Some(update.by.as_str()),
            None,
            None,
            update.text.clone(),
        ));
    }
    for evidence in &item.evidence {
        rows.push(row(
            "Evidence",
            evidence.at.as_deref(),
            evidence.by.as_deref(),
            None,
            None,
            evidence.text.clone(),
        ));
    }
    rows
}

fn changes_sheet(
    sheet: &mut Worksheet,
    reports: &[crate::export::changes::Report],
    formats: &Formats,
) -> Result<(), XlsxError> {
    sheet.set_name("Changes")?;
    let mut out = Sheet::new(sheet, &CHANGES_COLUMNS, &CHANGES_WIDEST, &formats.header)?;
    let mut row = 0u32;
    for report in reports {
        for item in &report.items {
            for change in change_rows(item) {
                row += 1;
                let file = |s: Option<&str>| s.map(text).unwrap_or_default();
                out.long(row, 0, &text(&report.title), formats)?;
                out.text(row, 1, &text(&item.id), &formats.text)?;
                out.long(row, 2, &text(&item.title), formats)?;
                out.text(row, 3, change.what, &formats.text)?;
                match iso(change.on) {
                    Some(day) => out.date(row, 4, Some(day), formats)?,
                    None => out.text(row, 4, &file(change.on), &formats.text)?,
                }
                out.text(row, 5, &file(change.by), &formats.text)?;
                for (col, value) in [(6, change.from), (7, change.to)] {
                    match (iso(value), label_of(value)) {
                        (Some(day), _) => out.date(row, col, Some(day), formats)?,
                        (None, Some(words)) => out.text(row, col, words, &formats.text)?,
                        (None, None) => out.text(row, col, &file(value), &formats.text)?,
                    }
                }
                out.long(row, 8, &text(&change.detail), formats)?;
            }
        }
    }
    out.fit()?;
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, row, 8)?;
    print_setup(sheet)
}

fn due_sheet(
    sheet: &mut Worksheet,
    name: &str,
    reports: &[crate::export::changes::Report],
    pick: fn(&crate::export::changes::Report) -> &[crate::export::changes::DueItem],
    formats: &Formats,
) -> Result<(), XlsxError> {
    sheet.set_name(name)?;
    let mut out = Sheet::new(sheet, &DUE_COLUMNS, &DUE_WIDEST, &formats.header)?;
    let mut row = 0u32;
    for report in reports {
        for item in pick(report) {
            row += 1;
            out.long(row, 0, &text(&report.title), formats)?;
            out.text(row, 1, &text(&item.id), &formats.text)?;
            out.long(row, 2, &text(&item.title), formats)?;
            out.date(row, 3, iso(Some(&item.due)), formats)?;
            out.date(row, 4, iso(item.original.as_deref()), formats)?;
            out.signed(row, 5, item.days_left)?;
            out.text(
                row,
                6,
                label_of(Some(item.status)).unwrap_or(item.status),
                &formats.text,
            )?;
        }
    }
    out.fit()?;
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, row, 6)?;
    print_setup(sheet)
}

fn slip_sheet(
    sheet: &mut Worksheet,
    reports: &[crate::export::changes::Report],
    formats: &Formats,
) -> Result<(), XlsxError> {
    sheet.set_name("Slipped most")?;
    let mut out = Sheet::new(sheet, &SLIP_COLUMNS, &SLIP_WIDEST, &formats.header)?;
    let mut row = 0u32;
    for report in reports {
        for slip in &report.slipped {
            row += 1;
            out.long(row, 0, &text(&report.title), formats)?;
            out.text(row, 1, &text(&slip.id), &formats.text)?;
            out.long(row, 2, &text(&slip.title), formats)?;
            out.date(row, 3, iso(Some(&slip.original)), formats)?;
            out.date(row, 4, iso(Some(&slip.due)), formats)?;
            out.signed(row, 5, slip.days)?;
        }
    }
    out.fit()?;
    sheet.set_freeze_panes(1, 0)?;
    print_setup(sheet)
}

/// The committee pack as a workbook: a sheet of every change in the
/// period, item by item, then what is overdue, what falls due before the
/// next meeting and what slipped most.
pub fn changes_workbook(reports: &[crate::export::changes::Report]) -> Result<Vec<u8>, String> {
    let build = || -> Result<Vec<u8>, XlsxError> {
        let formats = Formats::new();
        let mut book = Workbook::new();
        book.set_properties(&DocProperties::new().set_title("What changed: the committee pack"));
        changes_sheet(book.add_worksheet(), reports, &formats)?;
        due_sheet(
            book.add_worksheet(),
            "Overdue now",
            reports,
            |r| &r.overdue,
            &formats,
        )?;
        due_sheet(
            book.add_worksheet(),
            "Due before next",
            reports,
            |r| &r.due_before_next,
            &formats,
        )?;
        slip_sheet(book.add_worksheet(), reports, &formats)?;
        book.save_to_buffer()
    };
    build().map_err(|e| format!("cannot write the workbook: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_is_cut_to_what_excel_holds_counting_utf16() {
        // Each of these takes two UTF-16 units.
        let long = "🚓".repeat(20_000);
        let cut = text(&long);
        assert!(cut.encode_utf16().count() <= MAX_CELL, "within the limit");
        assert_eq!(cut.encode_utf16().count(), MAX_CELL, "as much as fits");
        assert!(cut.ends_with("🚓…"));
        let fits = "a".repeat(MAX_CELL);
        assert_eq!(text(&fits), fits, "a cell that fits is whole");
    }

    #[test]
    fn a_cell_of_text_shows_control_characters_and_keeps_line_breaks() {
        assert_eq!(text("a\r\nb\rc"), "a\nb\nc");
        assert_eq!(text("\u{1b}[2J\u{0}"), "␛[2J␀");
        assert_eq!(text("x\u{202e}y"), "x⟨U+202E⟩y");
        assert_eq!(text("\ttab"), "\ttab");
    }

    #[test]
    fn overdue_is_past_the_revised_date_else_the_original_and_not_complete() {
        let item = Item {
            kind: Kind::Recommendation,
            id: "R1".into(),
            title: "t".into(),
            text: None,
            theme: None,
            grade: None,
            tags: crate::model::Strings::default(),
            links: crate::model::Strings::default(),
            directed_to: crate::model::Strings::default(),
            due: Some(jiff::civil::date(2021, 3, 31)),
        };
        let today = jiff::civil::date(2021, 4, 1);
        assert!(overdue(&item, None, today), "past the original");
        let revised = Entry {
            status: Status::InProgress,
            due: Some(jiff::civil::date(2021, 6, 30)),
            ..Entry::default()
        };
        assert!(
            !overdue(&item, Some(&revised), today),
            "the revised date rules"
        );
        let complete = Entry {
            status: Status::Complete,
            ..Entry::default()
        };
        assert!(
            !overdue(&item, Some(&complete), today),
            "done is not overdue"
        );
        assert!(
            !overdue(&item, None, jiff::civil::date(2021, 3, 31)),
            "due today is not overdue yet"
        );
    }
}
