//! The response as the body publishes it (Police Act 1996 s55): the body
//! and the report, the body's opening words, what the report found, each
//! recommendation with the action taken or proposed, the areas for
//! improvement answered, the strengths, the chief officer's comments, the
//! closing words and the signature. Nothing internal (statuses, owners,
//! days overdue) goes in. Built as an `export::doc::Doc`, then written as
//! Markdown here or as Word by `export::docx`.

use std::fmt::Write as _;

use super::doc::{Block, Doc, Run, paragraphs};
use super::{md, note};
use crate::model::deadline::long_date;
use crate::model::response::checklist;
use crate::model::{Inspection, Item, Kind, Review};

/// A gap a draft shows where something is still to be written.
fn gap(words: &str) -> Block {
    Block::Gap(format!("[To do: {words}]"))
}

/// The number a report gives an item: the digits its id ends in (R7, 7,
/// AFI-12), else (none, or more than Markdown reads as a list number) its
/// place in its list.
fn number(item: &Item, place: usize) -> u32 {
    let digits: String = item
        .id
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    // Markdown reads at most nine digits as a list number.
    digits
        .parse()
        .ok()
        .filter(|n| *n <= 999_999_999)
        .or_else(|| u32::try_from(place + 1).ok())
        .unwrap_or(0)
}

/// A recommendation or an area for improvement answered: its number and
/// title, the report's wording, who it is directed to, and the response.
fn answered(item: &Item, place: usize, response: Option<&str>, draft: bool) -> Block {
    let mut body = Vec::new();
    if let Some(text) = item.text.as_deref().filter(|t| !t.trim().is_empty()) {
        for block in paragraphs(text) {
            body.push(match block {
                Block::Para(runs) => Block::Quote(runs),
                other => other,
            });
        }
    }
    if !item.directed_to.is_empty() {
        body.push(Block::Para(vec![
            Run::italic("Directed to: "),
            Run::plain(item.directed_to.join("; ")),
        ]));
    }
    match response {
        Some(note) => {
            body.push(Block::Para(vec![Run::bold("Response")]));
            body.extend(paragraphs(note));
        }
        None if draft => body.push(gap(
            "the response: the action taken or proposed, or why none",
        )),
        None => {}
    }
    Block::Numbered {
        number: number(item, place),
        head: vec![Run::bold(crate::text::one_line(&item.title))],
        body,
    }
}

/// The published response; `Err` with what is missing when it cannot be
/// published yet, unless `draft`, which marks each gap in the text.
#[allow(
    clippy::too_many_lines,
    reason = "the document from top to bottom, read in its order"
)]
pub fn response(inspection: &Inspection, review: &Review, draft: bool) -> Result<Doc, Vec<String>> {
    // The date only decides what is late, which no document says.
    let check = checklist(inspection, review, jiff::civil::Date::MIN);
    if !draft && !check.blockers.is_empty() {
        return Err(check.blockers);
    }
    let meta = &inspection.meta;
    let r = review.response();
    let by = r.by.as_deref().map(crate::text::one_line);
    let to = match &meta.inspectorate {
        Some(who) => format!("the {} report", crate::text::one_line(who)),
        None => "the report".to_owned(),
    };
    let title = match &by {
        Some(by) => format!("The {}'s response to {to}: {}", strip_the(by), meta.title),
        None => format!("Response to {to}: {}", meta.title),
    };
    let mut blocks = vec![Block::Heading {
        level: 1,
        text: crate::text::one_line(&title).into_owned(),
    }];
    if by.is_none() {
        blocks.push(gap("the responding body (who publishes this response)"));
    }
    // The report: who published it, when, and where it is.
    let mut about = vec![Run::plain(match (&meta.inspectorate, meta.published) {
        (Some(who), Some(on)) => format!(
            "{} published the report on {}.",
            crate::text::one_line(who),
            long_date(on)
        ),
        (Some(who), None) => format!("The report is published by {}.", crate::text::one_line(who)),
        (None, Some(on)) => format!("The report was published on {}.", long_date(on)),
        (None, None) => String::new(),
    })];
    // An address that is not a web address (`javascript:`, a bare word) is
    // left out: the reader could do nothing with it.
    if let Some(url) = meta
        .url
        .as_deref()
        .filter(|u| crate::text::is_web_address(u))
    {
        about.push(Run::plain(if about[0].text.is_empty() {
            "The report can be found at "
        } else {
            " It can be found at "
        }));
        about.push(Run::link(crate::text::one_line(url), url.trim()));
        about.push(Run::plain("."));
    }
    about.retain(|run| !run.text.is_empty());
    if !about.is_empty() {
        blocks.push(Block::Para(about));
    }
    match r.opening.as_deref().filter(|t| !t.trim().is_empty()) {
        Some(opening) => blocks.extend(paragraphs(opening)),
        None if draft => blocks.push(gap("the opening words")),
        None => {}
    }
    if let Some(summary) = meta.summary.as_deref().filter(|s| !s.trim().is_empty()) {
        blocks.push(Block::Heading {
            level: 2,
            text: "What the report found".into(),
        });
        blocks.extend(paragraphs(summary));
    }
    let recommendations = inspection.of_kind(Kind::Recommendation);
    if !recommendations.is_empty() {
        blocks.push(Block::Heading {
            level: 2,
            text: "Recommendations".into(),
        });
        let count = recommendations.len();
        blocks.push(Block::Para(vec![Run::plain(if count == 1 {
            "The report makes one recommendation. The response to it follows.".to_owned()
        } else {
            format!(
                "The report makes {} recommendations. The response to each follows.",
                words(count)
            )
        })]));
        for (place, item) in recommendations.iter().enumerate() {
            blocks.push(answered(item, place, note(review, &item.id), draft));
        }
    }
    let afis: Vec<(usize, &Item, &str)> = inspection
        .of_kind(Kind::AreaForImprovement)
        .iter()
        .enumerate()
        .filter_map(|(place, item)| note(review, &item.id).map(|n| (place, item, n)))
        .collect();
    if !afis.is_empty() {
        blocks.push(Block::Heading {
            level: 2,
            text: "Areas for improvement".into(),
        });
        for (place, item, response) in afis {
            blocks.push(answered(item, place, Some(response), draft));
        }
    }
    let strengths = inspection.of_kind(Kind::Strength);
    if !strengths.is_empty() {
        blocks.push(Block::Heading {
            level: 2,
            text: "Strengths".into(),
        });
        blocks.push(Block::Para(vec![Run::plain(
            "The report found these strengths:",
        )]));
        for item in strengths {
            blocks.push(Block::Bullet(vec![Run::plain(crate::text::one_line(
                &item.title,
            ))]));
        }
    }
    blocks.push(Block::Heading {
        level: 2,
        text: "The chief officer's comments".into(),
    });
    blocks.extend(chief(review, draft));
    if let Some(closing) = r.closing.as_deref().filter(|t| !t.trim().is_empty()) {
        // Set apart from the chief officer's words above it.
        blocks.push(Block::Heading {
            level: 2,
            text: "Conclusion".into(),
        });
        blocks.extend(paragraphs(closing));
    }
    let mut signature: Vec<String> = match r.signed.as_deref() {
        Some(signed) => crate::text::one_line(signed)
            .split(", ")
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect(),
        None => Vec::new(),
    };
    if signature.is_empty() {
        if draft {
            blocks.push(gap("who signs the response"));
        }
        if let Some(by) = &by {
            signature.push(by.clone().into_owned());
        }
    }
    if let Some(on) = r.published {
        signature.push(long_date(on));
    }
    if !signature.is_empty() {
        blocks.push(Block::Signature(signature));
    }
    Ok(Doc {
        title: crate::text::one_line(&title).into_owned(),
        author: by.map(std::borrow::Cow::into_owned),
        blocks,
    })
}

/// "The Northshire PCC" reads "the Northshire PCC" after "of".
fn strip_the(body: &str) -> &str {
    body.strip_prefix("The ")
        .or_else(|| body.strip_prefix("the "))
        .unwrap_or(body)
}

/// Small counts in words, as a letter writes them.
fn words(n: usize) -> String {
    const SMALL: [&str; 13] = [
        "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve",
    ];
    SMALL
        .get(n)
        .map_or_else(|| n.to_string(), |w| (*w).to_owned())
}

/// The chief officer's part: their comments as given, or a plain statement
/// that none were received, with the dates.
fn chief(review: &Review, draft: bool) -> Vec<Block> {
    let r = review.response();
    let c = &r.chief;
    let whose = r.force.as_deref().map_or_else(
        || "the chief officer".to_owned(),
        |force| format!("the chief officer of {}", crate::text::one_line(force)),
    );
    let mut asked = format!("The comments of {whose} were invited");
    if let Some(on) = c.requested {
        let _ = write!(asked, " on {}", long_date(on));
    }
    if let Some(due) = c.due {
        let _ = write!(asked, ", to be given by {}", long_date(due));
    }
    let comments = c.comments.as_deref().filter(|t| !t.trim().is_empty());
    let mut out = Vec::new();
    match (comments, c.not_received) {
        (Some(words), _) => {
            let received = c
                .received
                .map(|on| format!(" and received on {}", long_date(on)))
                .unwrap_or_default();
            out.push(Block::Para(vec![Run::plain(format!(
                "{asked}{received}. They are published here as given."
            ))]));
            out.extend(paragraphs(words).into_iter().map(|b| match b {
                Block::Para(runs) => Block::Quote(runs),
                other => other,
            }));
        }
        (None, true) => out.push(Block::Para(vec![Run::plain(format!(
            "{asked}. None were received."
        ))])),
        (None, false) => {
            if c.received.is_some() && draft {
                out.push(gap(
                    "the chief officer's comments, received but not yet entered",
                ));
            } else if draft {
                out.push(gap(
                    "the chief officer's comments, or a record that none were received",
                ));
            }
        }
    }
    out
}

/// Text in a paragraph as Markdown: each line escaped (at its start as a
/// block line, so it begins no heading, quote or code), line breaks kept.
fn runs_markdown(runs: &[Run]) -> String {
    let mut out = String::new();
    let mut line_start = true;
    for run in runs {
        // A lone carriage return ends a line in Markdown as a line feed
        // does: it is one here too, so the line after it is escaped.
        for (i, segment) in crate::text::lf(&run.text).split('\n').enumerate() {
            if i > 0 {
                out.push_str("\\\n");
                line_start = true;
            }
            if segment.is_empty() {
                continue;
            }
            let plain = run.link.is_none() && !run.bold && !run.italic;
            let escaped = if line_start && plain {
                md::block_line(&crate::text::inert_keeping_whitespace(segment))
            } else {
                md::text(segment)
            };
            match &run.link {
                Some(url) => out.push_str(&md::link(url)),
                None if escaped.trim().is_empty() => out.push_str(&escaped),
                None if run.bold => {
                    let _ = write!(out, "**{escaped}**");
                }
                None if run.italic => {
                    let _ = write!(out, "*{escaped}*");
                }
                None => out.push_str(&escaped),
            }
            line_start = false;
        }
    }
    out
}

fn blocks_markdown(out: &mut String, blocks: &[Block], indent: &str) {
    let mut previous_bullet = false;
    for block in blocks {
        let is_bullet = matches!(block, Block::Bullet(_));
        if !(out.is_empty() || previous_bullet && is_bullet) {
            out.push('\n');
        }
        previous_bullet = is_bullet;
        let indented = |text: &str| {
            text.split('\n')
                .map(|l| {
                    if l.is_empty() {
                        String::new()
                    } else {
                        format!("{indent}{l}")
                    }
                })
                .collect::<Vec<_>>()
                .join("\n")
        };
        match block {
            Block::Heading { level, text } => {
                let hashes = "#".repeat(usize::from((*level).clamp(1, 6)));
                let _ = writeln!(out, "{indent}{hashes} {}", md::heading(text));
            }
            Block::Para(runs) => {
                let _ = writeln!(out, "{}", indented(&runs_markdown(runs)));
            }
            Block::Quote(runs) => {
                let quoted: Vec<String> = runs_markdown(runs)
                    .split('\n')
                    .map(|l| format!("> {l}"))
                    .collect();
                let _ = writeln!(out, "{}", indented(&quoted.join("\n")));
            }
            Block::Bullet(runs) => {
                let text = runs_markdown(runs).replace('\n', "\n  ");
                let _ = writeln!(out, "{}", indented(&format!("- {text}")));
            }
            Block::Numbered { number, head, body } => {
                let _ = writeln!(
                    out,
                    "{}",
                    indented(&format!("{number}. {}", runs_markdown(head)))
                );
                let inner = format!("{indent}{}", " ".repeat(number.to_string().len() + 2));
                blocks_markdown(out, body, &inner);
            }
            Block::Gap(text) => {
                let _ = writeln!(out, "{}", indented(&format!("**{}**", md::text(text))));
            }
            Block::Signature(lines) => {
                // Each line after a hard break, where a heading, quote, list
                // or setext underline would begin.
                let lines: Vec<String> = lines.iter().map(|l| md::line_alone(l)).collect();
                let _ = writeln!(out, "{}", indented(&lines.join("\\\n")));
            }
        }
    }
}

/// The document as Markdown.
pub fn markdown(doc: &Doc) -> String {
    let mut out = String::new();
    blocks_markdown(&mut out, &doc.blocks, "");
    out
}
