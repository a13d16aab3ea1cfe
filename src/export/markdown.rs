//! The working draft of the response, in Markdown, for use inside the
//! office: every item with its status and owner, and each gap said. The
//! response as published is `export::published`.

use std::fmt::Write as _;

use jiff::civil::Date;

use super::{md, note};
use crate::model::deadline::{days_left, days_words, long_date};
use crate::model::{Entry, Inspection, Item, Kind, Meta, Review, Status};

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

/// The report's facts under the document's heading.
fn facts_block(out: &mut String, meta: &Meta, today: Date) {
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
            crate::text::counted(usize::try_from(meta.response_due_days).unwrap_or(0), "day", "days"),
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
                crate::text::counted(recommendations.len(), "recommendation", "recommendations"),
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
        for item in &strengths {
            item_section(&mut out, review, item, "###", false);
        }
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
            for item in &items {
                item_section(&mut out, review, item, "####", false);
            }
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
