//! What a review is for: a summary of where it stands, and exports of the
//! inspection with its review as a draft response (Markdown), a spreadsheet
//! (CSV) or data (JSON). Pure functions of the inspection, the review and
//! the date.

use std::fmt::Write as _;

use jiff::civil::Date;
use serde::Serialize;

use super::inspection::{Inspection, Item, Kind};
use super::review::{Entry, Review, Status};
use super::summary::{counts, is_overdue};

/// Days from `today` to `deadline`: positive while time is left.
pub fn days_left(deadline: Date, today: Date) -> i64 {
    i64::from((deadline - today).get_days())
}

/// "3 days left", "due today", "12 days overdue".
pub fn days_words(days: i64) -> String {
    match days {
        0 => "due today".into(),
        1 => "1 day left".into(),
        -1 => "1 day overdue".into(),
        d if d > 0 => format!("{d} days left"),
        d => format!("{} days overdue", -d),
    }
}

/// The deadline in words, and whether it is today or past.
pub fn deadline_words(deadline: Date, today: Date) -> (String, bool) {
    let days = days_left(deadline, today);
    (days_words(days), days <= 0)
}

/// A date as people write it: 9 March 2020.
pub fn long_date(date: Date) -> String {
    date.strftime("%-d %B %Y").to_string()
}

/// Counts of one kind by status, with stable field names for JSON.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct StatusCounts {
    pub kind: &'static str,
    pub total: usize,
    pub unreviewed: usize,
    pub accepted: usize,
    pub in_progress: usize,
    pub complete: usize,
    pub not_accepted: usize,
    pub not_applicable: usize,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct OverdueRecommendation {
    pub id: String,
    pub title: String,
    pub due: String,
    pub status: &'static str,
}

/// Where a review stands: the numbers `scrutiny summary` prints.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Summary {
    pub file: String,
    pub id: String,
    pub title: String,
    pub inspectorate: Option<String>,
    pub published: Option<String>,
    pub response_deadline: Option<String>,
    /// Negative when overdue.
    pub response_days_left: Option<i64>,
    pub items: usize,
    pub reviewed: usize,
    pub counts: Vec<StatusCounts>,
    pub overdue_recommendations: Vec<OverdueRecommendation>,
    pub without_note: Vec<String>,
    pub orphaned: Vec<String>,
}

pub fn summarise(file: &str, inspection: &Inspection, review: &Review, today: Date) -> Summary {
    let meta = &inspection.meta;
    let deadline = meta.response_deadline();
    let table: Vec<StatusCounts> = counts(inspection, review)
        .into_iter()
        .map(|c| StatusCounts {
            kind: c.kind.key(),
            total: c.total(),
            unreviewed: c.by_status[0],
            accepted: c.by_status[1],
            in_progress: c.by_status[2],
            complete: c.by_status[3],
            not_accepted: c.by_status[4],
            not_applicable: c.by_status[5],
        })
        .collect();
    let items = inspection.items.len();
    let unreviewed: usize = table.iter().map(|c| c.unreviewed).sum();
    let overdue_recommendations = inspection
        .of_kind(Kind::Recommendation)
        .iter()
        .filter_map(|i| {
            let status = review.status(&i.id);
            is_overdue(i, status, today).then(|| OverdueRecommendation {
                id: i.id.clone(),
                title: i.title.clone(),
                due: i.due.map(|d| d.to_string()).unwrap_or_default(),
                status: status.name(),
            })
        })
        .collect();
    let without_note = inspection
        .items
        .iter()
        .filter(|i| note(review, &i.id).is_none())
        .map(|i| i.id.clone())
        .collect();
    Summary {
        file: file.to_owned(),
        id: meta.id.clone(),
        title: meta.title.clone(),
        inspectorate: meta.inspectorate.clone(),
        published: meta.published.map(|d| d.to_string()),
        response_deadline: deadline.map(|d| d.to_string()),
        response_days_left: deadline.map(|d| days_left(d, today)),
        items,
        reviewed: items - unreviewed,
        counts: table,
        overdue_recommendations,
        without_note,
        orphaned: review.orphans(inspection),
    }
}

/// The summary as plain text.
pub fn summary_text(s: &Summary) -> String {
    use crate::text::one_line;
    let ids = |ids: &[String]| {
        ids.iter()
            .map(|id| one_line(id).into_owned())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut out = String::new();
    let _ = writeln!(out, "{}: {}", one_line(&s.file), one_line(&s.title));
    let mut facts = Vec::new();
    if let Some(who) = &s.inspectorate {
        facts.push(one_line(who).into_owned());
    }
    if let Some(published) = &s.published {
        facts.push(format!("published {published}"));
    }
    if let (Some(deadline), Some(days)) = (&s.response_deadline, s.response_days_left) {
        facts.push(format!("response due {deadline} ({})", days_words(days)));
    }
    if !facts.is_empty() {
        let _ = writeln!(out, "  {}", facts.join(", "));
    }
    let _ = writeln!(out, "  reviewed {} of {} items", s.reviewed, s.items);
    let _ = writeln!(
        out,
        "  {:<22} {:>10} {:>8} {:>11} {:>8} {:>12} {:>14} {:>6}",
        "",
        "unreviewed",
        "accepted",
        "in-progress",
        "complete",
        "not-accepted",
        "not-applicable",
        "total"
    );
    for c in &s.counts {
        let _ = writeln!(
            out,
            "  {:<22} {:>10} {:>8} {:>11} {:>8} {:>12} {:>14} {:>6}",
            c.kind,
            c.unreviewed,
            c.accepted,
            c.in_progress,
            c.complete,
            c.not_accepted,
            c.not_applicable,
            c.total
        );
    }
    if s.overdue_recommendations.is_empty() {
        let _ = writeln!(
            out,
            "  no recommendation is past its due date and not complete"
        );
    } else {
        let _ = writeln!(
            out,
            "  recommendations past their due date and not complete:"
        );
        for r in &s.overdue_recommendations {
            let _ = writeln!(
                out,
                "    {} (due {}, {}): {}",
                one_line(&r.id),
                r.due,
                r.status,
                one_line(&r.title)
            );
        }
    }
    if s.without_note.is_empty() {
        let _ = writeln!(out, "  every item has a note");
    } else {
        let _ = writeln!(
            out,
            "  items with no note ({}): {}",
            s.without_note.len(),
            ids(&s.without_note)
        );
    }
    if !s.orphaned.is_empty() {
        let _ = writeln!(
            out,
            "  review entries for ids not in the inspection ({}): {}",
            s.orphaned.len(),
            ids(&s.orphaned)
        );
    }
    out
}

use super::md;

/// The reviewer's note as Markdown that cannot break the document: each
/// line escaped (`md::block_line`), and each line break kept (a hard
/// break) so the note reads as it was written; list items stay lists.
fn note_markdown(text: &str) -> String {
    let lines = md::block_lines(text);
    let mut out = String::new();
    for (i, line) in lines.iter().enumerate() {
        out.push_str(line);
        let next = lines.get(i + 1);
        let joins = next.is_some_and(|n| !n.trim().is_empty()) && !line.trim().is_empty();
        let list_next = next.is_some_and(|n| {
            n.starts_with("- ")
                || n.starts_with("* ")
                || n.starts_with("+ ")
                || n.split_once(". ")
                    .is_some_and(|(d, _)| !d.is_empty() && d.chars().all(|c| c.is_ascii_digit()))
        });
        if joins && !list_next {
            out.push('\\');
        }
        if next.is_some() {
            out.push('\n');
        }
    }
    out
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}

/// The report's facts under the document's heading.
fn facts_block(out: &mut String, meta: &super::inspection::Meta, today: Date) {
    let mut facts = Vec::new();
    if let Some(who) = &meta.inspectorate {
        facts.push(format!("- **Inspectorate:** {}", md::text(who)));
    }
    if let Some(published) = meta.published {
        facts.push(format!("- **Published:** {}", long_date(published)));
    }
    if let Some(deadline) = meta.response_deadline() {
        facts.push(format!(
            "- **Response due:** {} ({} from publication, the publication day counted; {} as of {})",
            long_date(deadline),
            plural(usize::try_from(meta.response_due_days).unwrap_or(0), "day", "days"),
            days_words(days_left(deadline, today)),
            long_date(today)
        ));
    }
    if let Some(fieldwork) = &meta.fieldwork {
        facts.push(format!("- **Fieldwork:** {}", md::text(fieldwork)));
    }
    if let Some(scope) = &meta.scope {
        facts.push(format!("- **Scope:** {}", md::text(scope)));
    }
    if let Some(url) = &meta.url {
        facts.push(format!("- **Report:** {}", md::link(url)));
    }
    if !facts.is_empty() {
        let _ = writeln!(out, "{}\n", facts.join("\n"));
    }
}

/// The draft of the published response, in Markdown.
pub fn markdown(inspection: &Inspection, review: &Review, today: Date) -> String {
    let meta = &inspection.meta;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Response to the inspection report: {}\n",
        md::heading(&meta.title)
    );
    facts_block(&mut out, meta, today);
    let recommendations: Vec<&Item> = of_kind(inspection, Kind::Recommendation);
    let missing: Vec<&str> = recommendations
        .iter()
        .filter(|i| note(review, &i.id).is_none())
        .map(|i| i.id.as_str())
        .collect();
    if !recommendations.is_empty() {
        if missing.is_empty() {
            let _ = writeln!(
                out,
                "Every recommendation has an account of the action taken or proposed.\n"
            );
        } else {
            let _ = writeln!(
                out,
                "**{} of {} still {} a response:** {}.\n",
                missing.len(),
                plural(recommendations.len(), "recommendation", "recommendations"),
                if missing.len() == 1 { "needs" } else { "need" },
                missing
                    .iter()
                    .map(|id| md::text(id))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
    }
    if let Some(summary) = meta.summary.as_deref().filter(|s| !s.trim().is_empty()) {
        let _ = writeln!(
            out,
            "## The report\n\n{}\n",
            md::block_lines(summary).join("\n")
        );
    }
    if !recommendations.is_empty() {
        let _ = writeln!(out, "## Recommendations\n");
        for item in &recommendations {
            item_section(&mut out, review, item, "###", true);
        }
    }
    let afis = of_kind(inspection, Kind::AreaForImprovement);
    if !afis.is_empty() {
        let _ = writeln!(out, "## Areas for improvement\n");
        for item in &afis {
            item_section(&mut out, review, item, "###", true);
        }
    }
    let strengths = of_kind(inspection, Kind::Strength);
    if !strengths.is_empty() {
        let _ = writeln!(out, "## Strengths\n");
        reviewed_sections(&mut out, review, &strengths, "###");
    }
    let findings = of_kind(inspection, Kind::Finding);
    if !findings.is_empty() {
        let _ = writeln!(out, "## Findings\n");
        for (theme, items) in by_theme(&findings) {
            let _ = writeln!(
                out,
                "### {}\n",
                theme.map_or_else(|| "Other findings".to_owned(), |t| md::heading(t))
            );
            reviewed_sections(&mut out, review, &items, "####");
        }
    }
    let orphaned = review.orphans(inspection);
    if !orphaned.is_empty() {
        let _ = writeln!(
            out,
            "## Review entries for items no longer in the report\n\nThe review holds notes for these ids, which the report no longer has.\n"
        );
        for id in &orphaned {
            let _ = writeln!(out, "### {}\n", md::heading(id));
            annotation(&mut out, review.entry(id), false);
        }
    }
    out.trim_end().to_owned() + "\n"
}

/// Items the reviewer annotated in full; the rest named in one line, so
/// the document is not padded with empty entries.
fn reviewed_sections(out: &mut String, review: &Review, items: &[&Item], level: &str) {
    let (touched, untouched): (Vec<&&Item>, Vec<&&Item>) =
        items.iter().partition(|i| review.entry(&i.id).is_some());
    for item in touched {
        item_section(out, review, item, level, false);
    }
    if !untouched.is_empty() {
        let names: Vec<String> = untouched
            .iter()
            .map(|i| format!("{} ({})", md::text(&i.id), md::text(&i.title)))
            .collect();
        let _ = writeln!(out, "*Not yet reviewed:* {}.\n", names.join("; "));
    }
}

fn of_kind(inspection: &Inspection, kind: Kind) -> Vec<&Item> {
    inspection.of_kind(kind).iter().collect()
}

/// Findings grouped by theme, themes in the order they first appear.
fn by_theme<'a>(items: &[&'a Item]) -> Vec<(Option<&'a String>, Vec<&'a Item>)> {
    let mut groups: Vec<(Option<&String>, Vec<&Item>)> = Vec::new();
    for item in items {
        match groups.iter_mut().find(|(t, _)| *t == item.theme.as_ref()) {
            Some((_, group)) => group.push(item),
            None => groups.push((item.theme.as_ref(), vec![item])),
        }
    }
    groups
}

/// The note, unless it is missing or blank.
fn note<'a>(review: &'a Review, id: &str) -> Option<&'a str> {
    review
        .entry(id)
        .and_then(|e| e.note.as_deref())
        .filter(|n| !n.trim().is_empty())
}

fn item_section(out: &mut String, review: &Review, item: &Item, level: &str, needs_response: bool) {
    let _ = writeln!(
        out,
        "{level} {}. {}\n",
        md::text(&item.id),
        md::heading(&item.title)
    );
    if needs_response && let Some(text) = item.text.as_deref().filter(|t| !t.trim().is_empty()) {
        // The recommendation as the report puts it, quoted.
        let quoted: Vec<String> = md::block_lines(text)
            .iter()
            .map(|l| {
                if l.trim().is_empty() {
                    ">".to_owned()
                } else {
                    format!("> {l}")
                }
            })
            .collect();
        let _ = writeln!(out, "{}\n", quoted.join("\n"));
    }
    let mut facts = Vec::new();
    if !item.directed_to.is_empty() {
        let bodies: Vec<String> = item.directed_to.iter().map(md::text).collect();
        facts.push(format!("- **Directed to:** {}", bodies.join("; ")));
    }
    if let Some(due) = item.due {
        facts.push(format!("- **Due:** {}", long_date(due)));
    }
    if let Some(grade) = &item.grade {
        facts.push(format!("- **Graded:** {}", md::text(grade)));
    }
    if !facts.is_empty() {
        let _ = writeln!(out, "{}\n", facts.join("\n"));
    }
    annotation(out, review.entry(&item.id), needs_response);
}

fn annotation(out: &mut String, entry: Option<&Entry>, needs_response: bool) {
    let status = entry.map_or(Status::Unreviewed, |e| e.status);
    let mut facts = vec![format!("- **Status:** {}", status.label())];
    if let Some(owner) = entry.and_then(|e| e.owner.as_deref()) {
        facts.push(format!("- **Owner:** {}", md::text(owner)));
    }
    let _ = writeln!(out, "{}\n", facts.join("\n"));
    match entry
        .and_then(|e| e.note.as_deref())
        .filter(|n| !n.trim().is_empty())
    {
        Some(note) => {
            let heading = match (needs_response, status) {
                (true, Status::NotAccepted | Status::NotApplicable) => "Why no action is taken",
                (true, _) => "Action taken or proposed",
                (false, _) => "Comment",
            };
            let _ = writeln!(out, "**{heading}:**\n\n{}\n", note_markdown(note));
        }
        None if needs_response => {
            let _ = writeln!(
                out,
                "> **Response needed:** no account of the action taken or proposed (or of why none) has been written yet.\n"
            );
        }
        None => {}
    }
}

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

#[derive(Serialize)]
struct JsonDocument<'a> {
    inspection: JsonMeta<'a>,
    items: Vec<JsonItem<'a>>,
    orphaned: Vec<JsonOrphan<'a>>,
}

#[derive(Serialize)]
struct JsonMeta<'a> {
    id: &'a str,
    title: &'a str,
    inspectorate: Option<&'a str>,
    published: Option<String>,
    response_due_days: u32,
    response_deadline: Option<String>,
    fieldwork: Option<&'a str>,
    scope: Option<&'a str>,
    url: Option<&'a str>,
    summary: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonItem<'a> {
    kind: &'static str,
    id: &'a str,
    title: &'a str,
    text: Option<&'a str>,
    theme: Option<&'a str>,
    grade: Option<&'a str>,
    tags: &'a super::Strings,
    links: &'a super::Strings,
    directed_to: &'a super::Strings,
    due: Option<String>,
    review: JsonReview<'a>,
}

#[derive(Serialize)]
struct JsonOrphan<'a> {
    id: &'a str,
    review: JsonReview<'a>,
}

#[derive(Serialize)]
struct JsonReview<'a> {
    status: &'static str,
    owner: Option<&'a str>,
    note: Option<&'a str>,
    updated: Option<String>,
    history: Vec<JsonEvent<'a>>,
}

#[derive(Serialize)]
struct JsonEvent<'a> {
    at: String,
    by: &'a str,
    status: Option<&'static str>,
    owner: Option<&'a str>,
    note: Option<&'static str>,
}

fn json_review(entry: Option<&Entry>) -> JsonReview<'_> {
    JsonReview {
        status: entry.map_or(Status::Unreviewed, |e| e.status).name(),
        owner: entry.and_then(|e| e.owner.as_deref()),
        note: entry.and_then(|e| e.note.as_deref()),
        updated: entry.and_then(|e| e.updated).map(|t| t.to_string()),
        history: entry.map_or_else(Vec::new, |e| {
            e.history
                .iter()
                .map(|h| JsonEvent {
                    at: h.at.to_string(),
                    by: &h.by,
                    status: h.change.status.map(Status::name),
                    owner: h.change.owner.as_deref(),
                    note: h.change.note.map(super::review::NoteChange::name),
                })
                .collect()
        }),
    }
}

/// The inspection merged with its review; keys in a fixed order, absent
/// values as `null`, so two exports diff cleanly.
pub fn json(inspection: &Inspection, review: &Review) -> String {
    let meta = &inspection.meta;
    let orphaned = review.orphans(inspection);
    let document = JsonDocument {
        inspection: JsonMeta {
            id: &meta.id,
            title: &meta.title,
            inspectorate: meta.inspectorate.as_deref(),
            published: meta.published.map(|d| d.to_string()),
            response_due_days: meta.response_due_days,
            response_deadline: meta.response_deadline().map(|d| d.to_string()),
            fieldwork: meta.fieldwork.as_deref(),
            scope: meta.scope.as_deref(),
            url: meta.url.as_deref(),
            summary: meta.summary.as_deref(),
        },
        items: inspection
            .items
            .iter()
            .map(|i| JsonItem {
                kind: i.kind.tag(),
                id: &i.id,
                title: &i.title,
                text: i.text.as_deref(),
                theme: i.theme.as_deref(),
                grade: i.grade.as_deref(),
                tags: &i.tags,
                links: &i.links,
                directed_to: &i.directed_to,
                due: i.due.map(|d| d.to_string()),
                review: json_review(review.entry(&i.id)),
            })
            .collect(),
        orphaned: orphaned
            .iter()
            .map(|id| JsonOrphan {
                id,
                review: json_review(review.entry(id)),
            })
            .collect(),
    };
    crate::text::json_pretty(&document) + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deadline_words_count_days_either_side() {
        let d = |s: &str| s.parse::<jiff::civil::Date>().expect("date");
        assert_eq!(
            deadline_words(d("2020-05-03"), d("2020-05-01")).0,
            "2 days left"
        );
        assert_eq!(
            deadline_words(d("2020-05-03"), d("2020-05-03")).0,
            "due today"
        );
        assert_eq!(
            deadline_words(d("2020-05-03"), d("2020-05-04")).0,
            "1 day overdue"
        );
        assert_eq!(
            deadline_words(d("2020-05-03"), d("2020-06-02")).0,
            "30 days overdue"
        );
    }
}
