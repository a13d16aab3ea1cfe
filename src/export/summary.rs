//! Where a review stands, as the `summary` command prints it: counts per
//! kind and status, the response deadline, what is overdue and what has
//! no note.

use std::fmt::Write as _;

use jiff::civil::Date;
use serde::Serialize;

use super::note;
use crate::model::deadline::{days_left, days_words};
use crate::model::response::State;
use crate::model::summary::{counts, is_overdue};
use crate::model::{Checklist, Inspection, Kind, Review};

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
    /// The statutory response: each step of s55 and whether it can be
    /// published (as `scrutiny check --response` prints it).
    pub response: Checklist,
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
            let due = review.due_of(i);
            is_overdue(due, status, today).then(|| OverdueRecommendation {
                id: i.id.clone(),
                title: i.title.clone(),
                due: due.map(|d| d.to_string()).unwrap_or_default(),
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
        response: crate::model::response::checklist(inspection, review, today),
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
    let _ = writeln!(out, "  {}", response_line(&s.response));
    out
}

/// Where the response stands, in one line.
pub fn response_line(c: &Checklist) -> String {
    let left = c
        .steps
        .iter()
        .filter(|s| matches!(s.state, State::ToDo | State::Late))
        .count();
    let published = c
        .steps
        .iter()
        .any(|s| s.step == "Published" && s.state == State::Done);
    if c.outside {
        "response: recorded as outside the force; none required".into()
    } else if published {
        "response: published".into()
    } else if c.can_publish() {
        format!("response: ready to publish ({left} steps to do)")
    } else {
        format!(
            "response: not ready to publish: {}",
            crate::text::one_line(&c.blockers.join("; "))
        )
    }
}
