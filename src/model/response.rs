//! The response a policing body publishes to a report (Police Act 1996
//! s55): who responds and signs, their opening and closing words, the
//! chief officer's comments, and when it was published and sent on. Held in
//! the review file's `response:` block (FORMAT.md); every change is
//! recorded in the block's own history, as an item's are.

use jiff::Timestamp;
use jiff::civil::Date;

use super::inspection::{Inspection, Kind};
use super::node::Node;
use super::review::{Review, Stamp};

/// What a field holds: a line, a date, text of many lines, or yes/no.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Line,
    Date,
    Text,
    Flag,
}

/// Each field of the `response:` block, in the order the file and the
/// Response view give them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Field {
    By,
    Signed,
    Force,
    Outside,
    Opening,
    Closing,
    ChiefRequested,
    ChiefDue,
    ChiefReceived,
    ChiefNotReceived,
    ChiefComments,
    Published,
    Url,
    SentHomeOffice,
    SentInspectorate,
}

impl Field {
    pub const ALL: [Field; 15] = [
        Field::By,
        Field::Signed,
        Field::Force,
        Field::Outside,
        Field::Opening,
        Field::Closing,
        Field::ChiefRequested,
        Field::ChiefDue,
        Field::ChiefReceived,
        Field::ChiefNotReceived,
        Field::ChiefComments,
        Field::Published,
        Field::Url,
        Field::SentHomeOffice,
        Field::SentInspectorate,
    ];

    /// The key in the file, with `chief.` for those under `chief:`.
    pub fn key(self) -> &'static str {
        match self {
            Field::By => "by",
            Field::Signed => "signed",
            Field::Force => "force",
            Field::Outside => "outside",
            Field::Opening => "opening",
            Field::Closing => "closing",
            Field::ChiefRequested => "chief.requested",
            Field::ChiefDue => "chief.due",
            Field::ChiefReceived => "chief.received",
            Field::ChiefNotReceived => "chief.not_received",
            Field::ChiefComments => "chief.comments",
            Field::Published => "published",
            Field::Url => "url",
            Field::SentHomeOffice => "sent_home_office",
            Field::SentInspectorate => "sent_inspectorate",
        }
    }

    pub fn from_key(key: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.key() == key)
    }

    /// The field in words, for people.
    pub fn label(self) -> &'static str {
        match self {
            Field::By => "Responding body",
            Field::Signed => "Signed by",
            Field::Force => "Force",
            Field::Outside => "Outside the force",
            Field::Opening => "Opening words",
            Field::Closing => "Closing words",
            Field::ChiefRequested => "Chief's comments requested",
            Field::ChiefDue => "Chief's comments due",
            Field::ChiefReceived => "Chief's comments received",
            Field::ChiefNotReceived => "None received",
            Field::ChiefComments => "Chief's comments",
            Field::Published => "Published",
            Field::Url => "Published at",
            Field::SentHomeOffice => "Sent to the Home Office",
            Field::SentInspectorate => "Sent to the inspectorate",
        }
    }

    pub fn shape(self) -> Shape {
        match self {
            Field::By | Field::Signed | Field::Force | Field::Url => Shape::Line,
            Field::Outside | Field::Opening | Field::Closing | Field::ChiefComments => Shape::Text,
            Field::ChiefNotReceived => Shape::Flag,
            Field::ChiefRequested
            | Field::ChiefDue
            | Field::ChiefReceived
            | Field::Published
            | Field::SentHomeOffice
            | Field::SentInspectorate => Shape::Date,
        }
    }

    /// What to type, for a field's editor.
    pub fn hint(self) -> &'static str {
        match self {
            Field::By => "who responds, e.g. Northshire Police and Crime Commissioner",
            Field::Signed => "who signs: name, role (e.g. A Person, Police and Crime Commissioner)",
            Field::Force => "whose chief officer is asked to comment, e.g. Northshire Police",
            Field::Outside => "why the force is plainly outside this report",
            Field::Url => "the web address the response is published at",
            _ if self.shape() == Shape::Date => "a date, YYYY-MM-DD (blank clears it)",
            _ => "",
        }
    }
}

/// The chief officer's comments, which s55 requires the body to invite and
/// publish alongside its own.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct Chief {
    pub requested: Option<Date>,
    pub due: Option<Date>,
    pub received: Option<Date>,
    /// Recorded that none were received (the response then says so).
    pub not_received: bool,
    pub comments: Option<String>,
    #[serde(with = "super::node::extra")]
    pub extra: Vec<(String, Node)>,
}

/// One change to the response, as its history records it: the field, and
/// its new value for a line, a date or a flag (none when cleared); for
/// text, only that it was edited or cleared, as an item's note.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ResponseEvent {
    pub at: Timestamp,
    pub by: String,
    pub field: String,
    pub to: Option<String>,
    #[serde(with = "super::node::extra")]
    pub extra: Vec<(String, Node)>,
}

/// The `response:` block.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct Response {
    pub by: Option<String>,
    pub signed: Option<String>,
    pub force: Option<String>,
    /// Why the force is plainly outside the report (a national or thematic
    /// one): then no response is required of the body.
    pub outside: Option<String>,
    pub opening: Option<String>,
    pub closing: Option<String>,
    pub chief: Chief,
    pub published: Option<Date>,
    pub url: Option<String>,
    pub sent_home_office: Option<Date>,
    pub sent_inspectorate: Option<Date>,
    pub history: Vec<ResponseEvent>,
    /// The other version of fields changed on both sides of a merge, kept
    /// until the reviewer chooses: each field's key and its value there.
    pub conflict: Vec<(Field, Option<String>)>,
    #[serde(with = "super::node::extra")]
    pub extra: Vec<(String, Node)>,
}

/// Text kept only when it holds more than spaces.
fn nonblank(s: Option<&String>) -> Option<&str> {
    s.map(String::as_str).filter(|s| !s.trim().is_empty())
}

impl Response {
    /// Whether the block holds nothing at all (and so is not written).
    pub fn is_empty(&self) -> bool {
        *self == Response::default()
    }

    /// A field's value as text: a date as YYYY-MM-DD, a flag as `yes`.
    pub fn get(&self, field: Field) -> Option<String> {
        let date = |d: Option<Date>| d.map(|d| d.to_string());
        match field {
            Field::By => self.by.clone(),
            Field::Signed => self.signed.clone(),
            Field::Force => self.force.clone(),
            Field::Outside => self.outside.clone(),
            Field::Opening => self.opening.clone(),
            Field::Closing => self.closing.clone(),
            Field::ChiefRequested => date(self.chief.requested),
            Field::ChiefDue => date(self.chief.due),
            Field::ChiefReceived => date(self.chief.received),
            Field::ChiefNotReceived => self.chief.not_received.then(|| "yes".to_owned()),
            Field::ChiefComments => self.chief.comments.clone(),
            Field::Published => date(self.published),
            Field::Url => self.url.clone(),
            Field::SentHomeOffice => date(self.sent_home_office),
            Field::SentInspectorate => date(self.sent_inspectorate),
        }
    }

    /// Put a value in place without recording it (as a load or a merge
    /// does): `value` as `get` gives it, `None` clears. An error says what
    /// is wrong with the value (a date that is not one).
    pub fn put(&mut self, field: Field, value: Option<&str>) -> Result<(), String> {
        let line = |v: Option<&str>| {
            v.map(|v| v.replace(['\n', '\r'], " ").trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        let text = |v: Option<&str>| v.filter(|v| !v.is_empty()).map(str::to_owned);
        let date = |v: Option<&str>| -> Result<Option<Date>, String> {
            match v.map(str::trim).filter(|v| !v.is_empty()) {
                None => Ok(None),
                Some(v) => v.parse::<Date>().map(Some).map_err(|_| {
                    format!(
                        "`{}` is not a date such as 2020-04-30",
                        crate::text::inert_line(v)
                    )
                }),
            }
        };
        match field {
            Field::By => self.by = line(value),
            Field::Signed => self.signed = line(value),
            Field::Force => self.force = line(value),
            Field::Url => self.url = line(value),
            Field::Outside => self.outside = text(value),
            Field::Opening => self.opening = text(value),
            Field::Closing => self.closing = text(value),
            Field::ChiefComments => self.chief.comments = text(value),
            Field::ChiefNotReceived => {
                self.chief.not_received = match value.map(str::trim) {
                    None | Some("" | "no" | "false") => false,
                    Some("yes" | "true") => true,
                    Some(other) => {
                        return Err(format!(
                            "`{}` is not yes or no",
                            crate::text::inert_line(other)
                        ));
                    }
                }
            }
            Field::ChiefRequested => self.chief.requested = date(value)?,
            Field::ChiefDue => self.chief.due = date(value)?,
            Field::ChiefReceived => self.chief.received = date(value)?,
            Field::Published => self.published = date(value)?,
            Field::SentHomeOffice => self.sent_home_office = date(value)?,
            Field::SentInspectorate => self.sent_inspectorate = date(value)?,
        }
        Ok(())
    }

    /// The other version of `field` held from a merge, if any.
    pub fn conflict_of(&self, field: Field) -> Option<&Option<String>> {
        self.conflict
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, v)| v)
    }
}

impl Review {
    /// Set one field of the response and record it in the response's
    /// history; `Ok(false)` when it already held that. Settles a conflict
    /// held on that field.
    pub fn set_response(
        &mut self,
        field: Field,
        value: Option<&str>,
        stamp: &Stamp,
    ) -> Result<bool, String> {
        let mut next = self.response().clone();
        next.put(field, value)?;
        let settles = next.conflict_of(field).is_some();
        next.conflict.retain(|(f, _)| *f != field);
        let changed = next.get(field) != self.response().get(field);
        if !changed && !settles {
            return Ok(false);
        }
        let to = match field.shape() {
            Shape::Text => Some(if next.get(field).is_some() {
                "edited".to_owned()
            } else {
                "cleared".to_owned()
            }),
            _ => next.get(field),
        };
        next.history.push(ResponseEvent {
            at: stamp.at,
            by: stamp.by.replace(['\n', '\r'], " "),
            field: field.key().to_owned(),
            to,
            extra: Vec::new(),
        });
        *self.response_mut() = next;
        Ok(true)
    }
}

/// Where one step of the s55 duty stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum State {
    Done,
    ToDo,
    /// To do, and its date has passed.
    Late,
    /// Not required: the force is outside the report.
    NotNeeded,
}

impl State {
    pub fn word(self) -> &'static str {
        match self {
            State::Done => "done",
            State::ToDo => "to do",
            State::Late => "late",
            State::NotNeeded => "not needed",
        }
    }
}

/// One line of the checklist: which step, where it stands, and the facts
/// (dates, counts, ids) in words.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Step {
    pub step: &'static str,
    pub state: State,
    pub detail: String,
    /// The response field this step is about, to edit it from the list.
    #[serde(skip)]
    pub field: Option<Field>,
}

/// The s55 checklist for one inspection: each step, the last day to
/// publish, and whether the response can be published now.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Checklist {
    pub steps: Vec<Step>,
    /// The last day to publish (the inspection's deadline).
    pub last_day: Option<String>,
    /// Days left until it (negative when past); none once published.
    pub days_left: Option<i64>,
    /// Recommendations that have no account of the action taken or
    /// proposed, or of why none.
    pub without_response: Vec<String>,
    /// Whether the body is recorded as plainly outside the report.
    pub outside: bool,
    /// What stops publication now (empty when it can be published).
    pub blockers: Vec<String>,
}

impl Checklist {
    pub fn can_publish(&self) -> bool {
        self.blockers.is_empty()
    }
}

fn on(date: Date) -> String {
    super::deadline::long_date(date)
}

/// Where the statutory response stands today.
#[allow(
    clippy::too_many_lines,
    reason = "one step after another, read as the checklist it builds"
)]
pub fn checklist(inspection: &Inspection, review: &Review, today: Date) -> Checklist {
    let r = review.response();
    let deadline = inspection.meta.response_deadline();
    let past = |date: Option<Date>| date.is_some_and(|d| today > d);
    let late_or = |date: Option<Date>| if past(date) { State::Late } else { State::ToDo };
    let outside = nonblank(r.outside.as_ref()).is_some();
    let without_response: Vec<String> = inspection
        .of_kind(Kind::Recommendation)
        .iter()
        .filter(|i| {
            review
                .entry(&i.id)
                .and_then(|e| e.note.as_deref())
                .is_none_or(|n| n.trim().is_empty())
        })
        .map(|i| i.id.clone())
        .collect();
    let recommendations = inspection.count(Kind::Recommendation);
    let mut steps = Vec::new();
    if let Some(reason) = nonblank(r.outside.as_ref()) {
        steps.push(Step {
            step: "Outside the force",
            state: State::Done,
            detail: format!(
                "{}; no response is required of the body (one may still be published)",
                crate::text::one_line(reason.trim().trim_end_matches('.'))
            ),
            field: Some(Field::Outside),
        });
    }
    let not_needed = |state: State| if outside { State::NotNeeded } else { state };
    steps.push(Step {
        step: "Responding body named",
        state: if nonblank(r.by.as_ref()).is_some() {
            State::Done
        } else {
            not_needed(State::ToDo)
        },
        detail: r
            .by
            .clone()
            .unwrap_or_else(|| "who publishes the response".into()),
        field: Some(Field::By),
    });
    let chief_settled = r.chief.received.is_some()
        || r.chief.not_received
        || nonblank(r.chief.comments.as_ref()).is_some();
    steps.push(Step {
        step: "Chief officer's comments requested",
        state: if r.chief.requested.is_some() || chief_settled {
            State::Done
        } else {
            not_needed(late_or(deadline))
        },
        detail: match (r.chief.requested, r.chief.due) {
            (Some(asked), Some(due)) => format!("on {}, for {}", on(asked), on(due)),
            (Some(asked), None) => format!("on {}; no date set for them", on(asked)),
            (None, Some(due)) => format!("date asked not recorded; set for {}", on(due)),
            (None, None) if chief_settled => "date not recorded".into(),
            (None, None) => format!(
                "invite the comments of {}'s chief officer",
                r.force.as_deref().unwrap_or("the force")
            ),
        },
        field: Some(Field::ChiefRequested),
    });
    let comments = nonblank(r.chief.comments.as_ref()).is_some();
    steps.push(Step {
        step: "Chief officer's comments received",
        state: if comments || r.chief.received.is_some() || r.chief.not_received {
            State::Done
        } else {
            not_needed(late_or(r.chief.due.or(deadline)))
        },
        detail: match (r.chief.received, comments, r.chief.not_received) {
            (Some(d), true, _) => format!("on {}", on(d)),
            (Some(d), false, _) => format!("on {}; their words are not entered yet", on(d)),
            (None, true, _) => "received; the date is not recorded".into(),
            (None, false, true) => "recorded as not received: the response says so".into(),
            (None, false, false) => match r.chief.due {
                Some(due) if today > due => format!("set for {}, not received", on(due)),
                Some(due) => format!("set for {}", on(due)),
                None => "not received".into(),
            },
        },
        field: Some(
            if comments || r.chief.received.is_some() || !r.chief.not_received {
                Field::ChiefComments
            } else {
                Field::ChiefNotReceived
            },
        ),
    });
    let answered = recommendations - without_response.len();
    steps.push(Step {
        step: "Every recommendation answered",
        state: if without_response.is_empty() {
            State::Done
        } else {
            not_needed(late_or(deadline))
        },
        detail: if recommendations == 0 {
            "the report makes no recommendations".into()
        } else if without_response.is_empty() {
            format!("{answered} of {recommendations} have an account of the action taken or proposed, or of why none")
        } else {
            format!(
                "{answered} of {recommendations}; still without: {}",
                without_response
                    .iter()
                    .map(|id| crate::text::one_line(id).into_owned())
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        },
        field: None,
    });
    steps.push(Step {
        step: "Opening words written",
        state: if nonblank(r.opening.as_ref()).is_some() {
            State::Done
        } else {
            not_needed(State::ToDo)
        },
        detail: nonblank(r.opening.as_ref()).map_or_else(
            || "the body's own words before the recommendations".into(),
            opening_words,
        ),
        field: Some(Field::Opening),
    });
    steps.push(Step {
        step: "Published",
        state: match (r.published, nonblank(r.url.as_ref())) {
            (Some(_), Some(_)) => State::Done,
            (Some(_), None) => State::ToDo,
            (None, _) => not_needed(late_or(deadline)),
        },
        detail: match (r.published, nonblank(r.url.as_ref())) {
            (Some(d), Some(url)) => format!("on {} at {}", on(d), crate::text::one_line(url)),
            (Some(d), None) => format!("on {}; add the address it is published at", on(d)),
            (None, _) => "not yet".into(),
        },
        field: Some(
            if r.published.is_some() && nonblank(r.url.as_ref()).is_none() {
                Field::Url
            } else {
                Field::Published
            },
        ),
    });
    for (step, sent, field) in [
        (
            "Copy sent to the Home Office",
            r.sent_home_office,
            Field::SentHomeOffice,
        ),
        (
            "Copy sent to the inspectorate",
            r.sent_inspectorate,
            Field::SentInspectorate,
        ),
    ] {
        steps.push(Step {
            step,
            state: match (sent, r.published) {
                (Some(_), _) => State::Done,
                // Copies go once it is published; late once it is past due.
                (None, Some(_)) => not_needed(late_or(deadline)),
                (None, None) => not_needed(State::ToDo),
            },
            detail: sent.map_or_else(|| "not yet".into(), |d| format!("on {}", on(d))),
            field: Some(field),
        });
    }
    let days_left = match (deadline, r.published) {
        (Some(d), None) => Some(super::deadline::days_left(d, today)),
        _ => None,
    };
    steps.push(Step {
        step: "Last day to publish",
        state: match (deadline, r.published) {
            (None, _) => not_needed(State::ToDo),
            (Some(d), Some(p)) if p <= d => State::Done,
            (Some(_), Some(_)) => State::Late,
            (Some(d), None) => not_needed(late_or(Some(d))),
        },
        detail: match (deadline, r.published) {
            (None, _) => {
                "the report's publication date is not recorded in the inspection file".into()
            }
            (Some(d), Some(p)) if p <= d => format!("{}; published in time", on(d)),
            (Some(d), Some(p)) => format!(
                "{}; published {} after it",
                on(d),
                plural_days(super::deadline::days_left(d, p).unsigned_abs())
            ),
            (Some(d), None) => format!(
                "{}; {}",
                on(d),
                super::deadline::days_words(super::deadline::days_left(d, today))
            ),
        },
        field: Some(Field::Published),
    });
    let mut blockers = Vec::new();
    if nonblank(r.by.as_ref()).is_none() {
        blockers.push("the responding body is not named (response.by)".to_owned());
    }
    if !without_response.is_empty() {
        blockers.push(format!(
            "{} without a response: {}",
            if without_response.len() == 1 {
                "1 recommendation".to_owned()
            } else {
                format!("{} recommendations", without_response.len())
            },
            without_response
                .iter()
                .map(|id| crate::text::one_line(id).into_owned())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    if !chief_settled {
        blockers.push(
            "the chief officer's comments are neither received nor recorded as not received"
                .to_owned(),
        );
    }
    Checklist {
        steps,
        last_day: deadline.map(|d| d.to_string()),
        days_left,
        without_response,
        outside,
        blockers,
    }
}

/// The first words of `text` as one line, cut at a word near 60
/// characters: enough to know which words they are.
fn opening_words(text: &str) -> String {
    let para = text.trim().split("\n\n").next().unwrap_or("");
    let flat: Vec<&str> = para.split_whitespace().collect();
    let mut out = String::new();
    for word in flat {
        if out.chars().count() + word.chars().count() > 60 {
            out.push('…');
            return out;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

fn plural_days(n: u64) -> String {
    if n == 1 {
        "1 day".into()
    } else {
        format!("{n} days")
    }
}
