//! The data export: the inspection merged with its review, as JSON.

use serde::Serialize;

use crate::model::{Entry, Inspection, Review, Status, Strings};

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
    tags: &'a Strings,
    links: &'a Strings,
    directed_to: &'a Strings,
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
                    note: h.change.note.map(crate::model::review::NoteChange::name),
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
