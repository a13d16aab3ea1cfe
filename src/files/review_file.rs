//! Reading and writing the review file, per FORMAT.md: tidy, ordered,
//! byte-identical when nothing changed, unknown keys kept.

use jiff::Timestamp;

use crate::files::yaml::diag::{Diagnostic, Diagnostics};
use crate::files::yaml::emit::Emitter;
use crate::files::yaml::parse::{Checker, parse, parse_all};
use crate::model::inspection::Inspection;
use crate::model::node::{Node, Value};
use crate::model::response::{Field, Response, ResponseEvent, Shape};
use crate::model::tracking::{Rag, Related, Relation, SignOff, Update};

/// A RAG or a revised date taken away again, as the history writes it.
const CLEARED: &str = "cleared";
use crate::model::review::{Change, Entry, Event, NoteChange, Review, Status};

/// The inspection id a review file names, if it can be read that far.
pub fn inspection_id_of(bytes: &[u8]) -> Option<String> {
    let (_, root) = parse(bytes).ok()?;
    match &root.value {
        Value::Map(entries) => entries
            .iter()
            .find(|(k, _)| k.as_text() == Some("inspection"))
            .and_then(|(_, v)| v.as_text().map(str::to_owned)),
        _ => None,
    }
}

/// Read a review file's bytes. `inspection_id` is the id the review must
/// belong to.
pub fn load_review(bytes: &[u8], inspection_id: &str) -> Result<Review, Diagnostics> {
    load_review_warned(bytes, inspection_id).map(|(review, _)| review)
}

/// As `load_review`, with what is worth saying of a valid file: entries
/// whose ids look alike.
pub fn load_review_warned(
    bytes: &[u8],
    inspection_id: &str,
) -> Result<(Review, Vec<Diagnostic>), Diagnostics> {
    let (source, root, recovered) = parse_all(bytes).map_err(Diagnostics)?;
    let mut check = Checker::new(&source);
    check.problems = recovered;
    let review = read_review(&mut check, &root, inspection_id);
    match review {
        Some(review) if check.problems.is_empty() => {
            Ok((review, Diagnostics::sorted(check.warnings).0))
        }
        _ => {
            let mut all = check.problems;
            all.append(&mut check.warnings);
            Err(Diagnostics::sorted(all))
        }
    }
}

fn read_review(check: &mut Checker, root: &Node, inspection_id: &str) -> Option<Review> {
    let entries = check.entries(root, "the review file")?;
    let mut review = Review::new(inspection_id);
    let mut seen_inspection = false;
    for (key, value) in entries {
        match key {
            "version" => {
                if value.as_text() != Some("1") {
                    check.report(
                        value.pos,
                        "this review file is not version 1, the only version this scrutiny reads",
                    );
                }
            }
            "inspection" => {
                seen_inspection = true;
                match check.line(value, key) {
                    Some(id) if id == inspection_id => {}
                    Some(id) => check.report(
                        value.pos,
                        format!(
                            "this review belongs to inspection `{}`, not `{inspection_id}`; open it with that inspection, or pass --review to choose another review file",
                            crate::text::inert_line(&id)
                        ),
                    ),
                    None => check.report(value.pos, "`inspection` should name the inspection's id"),
                }
            }
            "items" => read_items(check, value, &mut review),
            "response" => {
                if let Some(response) = read_response(check, value) {
                    *review.response_mut() = response;
                }
            }
            _ => {
                check.kept(value);
                review.extra.push((key.to_owned(), value.clone()));
            }
        }
    }
    if !seen_inspection {
        check.report(
            root.pos,
            format!("the review has no `inspection:` key; add `inspection: {inspection_id}`"),
        );
    }
    Some(review)
}

fn read_items(check: &mut Checker, node: &Node, review: &mut Review) {
    if matches!(node.value, Value::Null) {
        return;
    }
    let Some(entries) = check.entries(node, "`items`") else {
        return;
    };
    if let Value::Map(keys) = &node.value {
        let ids = keys
            .iter()
            .filter_map(|(key, _)| key.as_text().map(|id| (id, key.pos)));
        let found = crate::files::lookalike::warnings(ids, "the review entry");
        check.warnings.extend(found);
    }
    for (id, value) in entries {
        // `entries` has refused a key given twice.
        if let Some(entry) = read_entry(check, value, id) {
            review.insert_loaded(id.to_owned(), entry);
        }
    }
}

fn read_entry(check: &mut Checker, node: &Node, id: &str) -> Option<Entry> {
    if matches!(node.value, Value::Null) {
        // `F1:` with nothing under it: an entry with nothing set.
        return Some(Entry::default());
    }
    let what = format!("the review of `{}`", crate::text::inert_line(id));
    let fields = check.entries(node, &what)?;
    let mut entry = Entry::default();
    let mut signed_at = None;
    for (key, value) in fields {
        match key {
            "status" => entry.status = read_status(check, value).unwrap_or_default(),
            "owner" => entry.owner = check.line(value, key),
            "note" => entry.note = check.text(value, key),
            "rag" => entry.rag = read_rag(check, value),
            "due" => entry.due = check.date(value, key),
            "evidence" => {
                entry.evidence = check.list(value, key).into_iter().map(|(_, e)| e).collect();
            }
            "signed_off" => {
                // The warning for a sign-off against the rules points at its key.
                signed_at = match &node.value {
                    Value::Map(keys) => keys
                        .iter()
                        .find(|(k, _)| k.as_text() == Some("signed_off"))
                        .map(|(k, _)| k.pos),
                    _ => None,
                };
                entry.signed_off = read_sign_off(check, value);
            }
            "updates" => entry.updates = read_updates(check, value),
            "related" => entry.related = read_related(check, value),
            "updated" => entry.updated = read_time(check, value, key),
            "history" => entry.history = read_history(check, value),
            "conflict" => entry.conflict = read_conflict(check, value),
            _ => {
                check.kept(value);
                entry.extra.push((key.to_owned(), value.clone()));
            }
        }
    }
    if let (Some(sign), Some(pos)) = (&entry.signed_off, signed_at) {
        let completed_by = entry.completed_by();
        if let Some(why) = crate::model::tracking::sign_off_refusal(
            entry.status,
            &entry.evidence,
            completed_by,
            &sign.by,
        ) {
            check.warnings.push(Diagnostic::warning_at(
                pos,
                format!(
                    "`{}` is signed off, but {why}; the sign-off is kept as the file has it",
                    crate::text::inert_line(id)
                ),
            ));
        }
    }
    Some(entry)
}

/// `related:` (FORMAT.md): each `item: INSPECTION#ITEM` with `as:` one of
/// repeats, duplicate-of, supersedes or superseded-by.
fn read_related(check: &mut Checker, node: &Node) -> Vec<Related> {
    let entries = history_entries(check, node);
    let mut out = Vec::with_capacity(entries.len());
    for (entry, fields) in entries {
        let (mut item, mut relation) = (None, None);
        let mut extra = Vec::new();
        for (key, value) in fields {
            match key {
                "item" => item = check.line(value, key),
                "as" => {
                    let name = check.line_as_written(value, key);
                    relation = name.as_deref().and_then(Relation::from_name);
                    if let Some(name) = name.filter(|_| relation.is_none()) {
                        check.report(
                            value.pos,
                            format!(
                                "`as` is `{}`; use repeats, duplicate-of, supersedes or superseded-by",
                                crate::text::inert_line(&name)
                            ),
                        );
                    }
                }
                _ => {
                    check.kept(value);
                    extra.push((key.to_owned(), value.clone()));
                }
            }
        }
        match (item, relation) {
            (Some(item), Some(relation)) if item.contains('#') => out.push(Related {
                item,
                relation,
                extra,
            }),
            (Some(item), Some(_)) => check.report(
                entry.pos,
                format!(
                    "`item` is `{}`; name it as INSPECTION_ID#ITEM_ID",
                    crate::text::inert_line(&item)
                ),
            ),
            (None, _) => check.report(
                entry.pos,
                "a related entry needs `item:` (INSPECTION_ID#ITEM_ID) and `as:`",
            ),
            // `as` was reported above.
            (Some(_), None) => {}
        }
    }
    out
}

fn read_rag(check: &mut Checker, node: &Node) -> Option<Rag> {
    let name = check.line_as_written(node, "rag")?;
    let rag = Rag::from_name(&name);
    if rag.is_none() {
        check.report(
            node.pos,
            format!(
                "unknown RAG `{}`; use red, amber or green",
                crate::text::inert_line(&name)
            ),
        );
    }
    rag
}

fn read_sign_off(check: &mut Checker, node: &Node) -> Option<SignOff> {
    let fields = check.entries(node, "`signed_off`")?;
    let (mut by, mut at) = (None, None);
    for (key, value) in fields {
        match key {
            "by" => by = check.line(value, key),
            "at" => at = read_time(check, value, key),
            _ => check.report(
                value.pos,
                format!(
                    "unknown key `{}` in `signed_off`; allowed here: by, at",
                    crate::text::inert_line(key)
                ),
            ),
        }
    }
    if let (Some(by), Some(at)) = (by, at) {
        Some(SignOff { by, at })
    } else {
        check.report(node.pos, "`signed_off` needs `by:` (who) and `at:` (when)");
        None
    }
}

fn read_updates(check: &mut Checker, node: &Node) -> Vec<Update> {
    let entries = history_entries(check, node);
    let mut updates = Vec::with_capacity(entries.len());
    for (item, fields) in entries {
        let (mut at, mut by, mut text) = (None, String::new(), None);
        let mut extra = Vec::new();
        for (key, value) in fields {
            match key {
                "at" => at = read_time(check, value, key),
                "by" => by = check.line(value, key).unwrap_or_default(),
                "text" => text = check.text(value, key),
                _ => {
                    check.kept(value);
                    extra.push((key.to_owned(), value.clone()));
                }
            }
        }
        match (at, text) {
            (Some(at), Some(text)) => updates.push(Update {
                at,
                by,
                text,
                extra,
            }),
            _ => check.report(item.pos, "an update needs `at:` (when) and `text:`"),
        }
    }
    updates
}

/// The other version of a conflicted item: status, owner, note.
fn read_conflict(check: &mut Checker, node: &Node) -> Option<crate::model::Fields> {
    let fields = check.entries(node, "`conflict`")?;
    let mut out = crate::model::Fields::default();
    for (key, value) in fields {
        match key {
            "status" => out.status = read_status(check, value).unwrap_or_default(),
            "owner" => out.owner = check.line(value, key),
            "note" => out.note = check.text(value, key),
            "rag" => out.rag = read_rag(check, value),
            "due" => out.due = check.date(value, key),
            "signed_off" => out.signed_off = read_sign_off(check, value),
            _ => check.report(
                value.pos,
                format!(
                    "unknown key `{}` in `conflict`; allowed here: status, owner, note, rag, due, signed_off",
                    crate::text::inert_line(key)
                ),
            ),
        }
    }
    Some(out)
}

fn read_status(check: &mut Checker, node: &Node) -> Option<Status> {
    let name = check.line_as_written(node, "status")?;
    let status = Status::from_name(&name);
    if status.is_none() {
        let names: Vec<_> = Status::ALL.iter().map(|s| s.name()).collect();
        check.report(
            node.pos,
            format!(
                "unknown status `{}`; use one of {}",
                crate::text::inert_line(&name),
                names.join(", ")
            ),
        );
    }
    status
}

fn read_time(check: &mut Checker, node: &Node, key: &str) -> Option<Timestamp> {
    let text = check.line_as_written(node, key)?;
    if let Ok(t) = text.parse::<Timestamp>() {
        Some(t)
    } else {
        {
            check.report(
                node.pos,
                format!(
                    "`{key}` is `{}`, not a time such as 2026-11-29T10:41:07Z",
                    crate::text::inert_line(&text)
                ),
            );
            None
        }
    }
}

/// The entries of a `history:` list, each with its fields (an entry that is
/// not a mapping, or a list that is not one, reported).
fn history_entries<'n>(
    check: &mut Checker,
    node: &'n Node,
) -> Vec<(&'n Node, Vec<(&'n str, &'n Node)>)> {
    let list = match &node.value {
        Value::Null => return Vec::new(),
        Value::Seq(list) => list,
        _ => {
            check.report(node.pos, "`history` should be a list of changes");
            return Vec::new();
        }
    };
    list.iter()
        .filter_map(|item| check.entries(item, "a history entry").map(|f| (item, f)))
        .collect()
}

fn read_history(check: &mut Checker, node: &Node) -> Vec<Event> {
    let entries = history_entries(check, node);
    let mut events = Vec::with_capacity(entries.len());
    for (item, fields) in entries {
        let mut at = None;
        let mut by = String::new();
        let mut change = Change::default();
        let mut extra = Vec::new();
        for (key, value) in fields {
            match key {
                "at" => at = read_time(check, value, key),
                "by" => by = check.line(value, key).unwrap_or_default(),
                "status" => change.status = read_status(check, value),
                "owner" => change.owner = Some(check.line(value, key).unwrap_or_default()),
                "note" => match value.as_text() {
                    Some("edited") => change.note = Some(NoteChange::Edited),
                    Some("cleared") => change.note = Some(NoteChange::Cleared),
                    _ => {
                        check.kept(value);
                        extra.push((key.to_owned(), value.clone()));
                    }
                },
                "rag" => match value.as_text() {
                    Some(CLEARED) => change.rag = Some(None),
                    _ => change.rag = read_rag(check, value).map(Some),
                },
                "due" => match value.as_text() {
                    Some(CLEARED) => change.due = Some(None),
                    _ => change.due = check.date(value, key).map(Some),
                },
                "reason" => change.reason = check.line(value, key),
                "evidence" => change.evidence = check.line(value, key),
                "evidence_removed" => change.evidence_removed = check.line(value, key),
                "signed_off" => match value.as_text() {
                    Some("true") => change.signed_off = Some(true),
                    Some("false") => change.signed_off = Some(false),
                    _ => check.report(
                        value.pos,
                        "`signed_off` in a history entry is true or false",
                    ),
                },
                _ => {
                    check.kept(value);
                    extra.push((key.to_owned(), value.clone()));
                }
            }
        }
        match at {
            Some(at) => events.push(Event {
                at,
                by,
                change,
                extra,
            }),
            None => check.report(
                item.pos,
                "a history entry needs `at:`, the time of the change",
            ),
        }
    }
    events
}

/// A value of a `response:` field, as `Response::put` takes it.
fn response_value(check: &mut Checker, node: &Node, field: Field) -> Option<String> {
    let key = field.key();
    match field.shape() {
        Shape::Line => check.line(node, key),
        Shape::Text => check.text(node, key),
        Shape::Date => check.date(node, key).map(|d| d.to_string()),
        Shape::Flag => match node.as_text() {
            None if matches!(node.value, Value::Null) => None,
            Some("true" | "yes") => Some("yes".into()),
            Some("false" | "no") => None,
            _ => {
                check.report(node.pos, format!("`{key}` should be true or false"));
                None
            }
        },
    }
}

/// The `response:` block (FORMAT.md): every field, its history, any
/// conflict held from a merge, and keys this program does not know.
fn read_response(check: &mut Checker, node: &Node) -> Option<Response> {
    if matches!(node.value, Value::Null) {
        return Some(Response::default());
    }
    let fields = check.entries(node, "`response`")?;
    let mut response = Response::default();
    for (key, value) in fields {
        match key {
            "chief" => read_chief(check, value, &mut response),
            "history" => response.history = read_response_history(check, value),
            "conflict" => response.conflict = read_response_conflict(check, value),
            _ => {
                if let Some(field) = Field::from_key(key) {
                    let text = response_value(check, value, field);
                    if let Err(why) = response.put(field, text.as_deref()) {
                        check.report(value.pos, format!("`{key}`: {why}"));
                    }
                } else {
                    check.kept(value);
                    response.extra.push((key.to_owned(), value.clone()));
                }
            }
        }
    }
    Some(response)
}

fn read_chief(check: &mut Checker, node: &Node, response: &mut Response) {
    if matches!(node.value, Value::Null) {
        return;
    }
    let Some(fields) = check.entries(node, "`chief`") else {
        return;
    };
    for (key, value) in fields {
        if let Some(field) = Field::from_key(&format!("chief.{key}")) {
            let text = response_value(check, value, field);
            if let Err(why) = response.put(field, text.as_deref()) {
                check.report(value.pos, format!("`{key}`: {why}"));
            }
        } else {
            check.kept(value);
            response.chief.extra.push((key.to_owned(), value.clone()));
        }
    }
}

fn read_response_history(check: &mut Checker, node: &Node) -> Vec<ResponseEvent> {
    let entries = history_entries(check, node);
    let mut events = Vec::with_capacity(entries.len());
    for (item, fields) in entries {
        let (mut at, mut by, mut field, mut to) = (None, String::new(), None, None);
        let mut extra = Vec::new();
        for (key, value) in fields {
            match key {
                "at" => at = read_time(check, value, key),
                "by" => by = check.line(value, key).unwrap_or_default(),
                "field" => field = check.line(value, key),
                "to" => to = check.text(value, key),
                _ => {
                    check.kept(value);
                    extra.push((key.to_owned(), value.clone()));
                }
            }
        }
        match (at, field) {
            (Some(at), Some(field)) => events.push(ResponseEvent {
                at,
                by,
                field,
                to,
                extra,
            }),
            _ => check.report(
                item.pos,
                "a history entry of the response needs `at:` (the time) and `field:` (what changed)",
            ),
        }
    }
    events
}

fn read_response_conflict(check: &mut Checker, node: &Node) -> Vec<(Field, Option<String>)> {
    if matches!(node.value, Value::Null) {
        return Vec::new();
    }
    let Some(fields) = check.entries(node, "`conflict`") else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (key, value) in fields {
        match Field::from_key(key) {
            Some(field) => {
                let text = response_value(check, value, field);
                out.push((field, text));
            }
            None => check.report(
                value.pos,
                format!(
                    "unknown field `{}` in the response's `conflict`; allowed here: {}",
                    crate::text::inert_line(key),
                    Field::ALL.map(Field::key).join(", ")
                ),
            ),
        }
    }
    out
}

/// The review file's text. Items follow the inspection's order; orphans
/// follow, in the order the file had them.
pub fn to_yaml(review: &Review, inspection: &Inspection) -> String {
    to_yaml_entries(review, &review.ordered_by(|id| inspection.position(id)))
}

/// The review file's text with items in the given order (then any others,
/// in the order the file had them): for merging without the inspection.
pub fn to_yaml_in_order<'a>(review: &'a Review, order: impl Iterator<Item = &'a str>) -> String {
    to_yaml_entries(review, &review.ordered(order))
}

/// The review file's text with `entries`, in that order.
fn to_yaml_entries(review: &Review, entries: &[(&str, &Entry)]) -> String {
    let mut out = Emitter::default();
    out.pair(0, "version", &Value::Plain("1".into()));
    out.pair(0, "inspection", &Value::Str(review.inspection.clone()));
    write_response(&mut out, review.response());
    if entries.is_empty() {
        out.line(0, "items: {}");
    } else {
        out.line(0, "items:");
        for (id, entry) in entries {
            out.key_line(2, id);
            let after_key = out.len();
            write_entry(&mut out, entry);
            if out.len() == after_key {
                // Nothing to say of it: an empty mapping.
                out.truncate(after_key - 1);
                out.raw(" {}\n");
            }
        }
    }
    for (key, value) in &review.extra {
        out.node_pair(0, key, value);
    }
    out.finish()
}

/// One field's value at `indent`, as its shape is written.
fn write_field(out: &mut Emitter, indent: usize, key: &str, field: Field, value: Option<&str>) {
    match (field.shape(), value) {
        (_, None) => out.key_line(indent, key),
        (Shape::Text, Some(text)) => out.block_text(indent, key, text),
        (Shape::Date, Some(date)) => out.line_args(indent, format_args!("{key}: {date}")),
        (Shape::Flag, Some(_)) => out.line_args(indent, format_args!("{key}: true")),
        (Shape::Line, Some(line)) => out.pair_str(indent, key, line),
    }
}

fn write_response(out: &mut Emitter, r: &Response) {
    if r.is_empty() {
        return;
    }
    out.line(0, "response:");
    // In FORMAT.md's order: the chief officer's part where its first
    // field stands.
    for field in Field::ALL {
        if field == Field::ChiefRequested {
            write_chief(out, r);
        }
        if field.key().starts_with("chief.") {
            continue;
        }
        if let Some(value) = r.get(field) {
            write_field(out, 2, field.key(), field, Some(&value));
        }
    }
    for (key, value) in &r.extra {
        out.node_pair(2, key, value);
    }
    if !r.conflict.is_empty() {
        // The other version of fields changed on both sides of a merge.
        out.line(2, "conflict:");
        for (field, value) in &r.conflict {
            write_field(out, 4, field.key(), *field, value.as_deref());
        }
    }
    if !r.history.is_empty() {
        out.line(2, "history:");
        for event in &r.history {
            out.line_args(4, format_args!("- at: {}", event.at));
            out.pair_str(6, "by", &event.by);
            out.pair_str(6, "field", &event.field);
            if let Some(to) = &event.to {
                out.pair_str(6, "to", to);
            }
            for (key, value) in &event.extra {
                out.node_pair(6, key, value);
            }
        }
    }
}

fn write_chief(out: &mut Emitter, r: &Response) {
    let fields: Vec<(Field, String)> = Field::ALL
        .into_iter()
        .filter(|f| f.key().starts_with("chief."))
        .filter_map(|f| r.get(f).map(|v| (f, v)))
        .collect();
    if fields.is_empty() && r.chief.extra.is_empty() {
        return;
    }
    out.line(2, "chief:");
    for (field, value) in &fields {
        let key = field.key().trim_start_matches("chief.");
        write_field(out, 4, key, *field, Some(value));
    }
    for (key, value) in &r.chief.extra {
        out.node_pair(4, key, value);
    }
}

/// RAG, the revised date, evidence, the sign-off and the updates.
fn write_tracking(out: &mut Emitter, entry: &Entry) {
    if let Some(rag) = entry.rag {
        out.line_args(4, format_args!("rag: {}", rag.name()));
    }
    if let Some(due) = entry.due {
        out.line_args(4, format_args!("due: {due}"));
    }
    if !entry.evidence.is_empty() {
        out.line(4, "evidence:");
        for evidence in &entry.evidence {
            out.item_str(6, evidence);
        }
    }
    if let Some(sign) = &entry.signed_off {
        out.line(4, "signed_off:");
        out.pair_str(6, "by", &sign.by);
        out.line_args(6, format_args!("at: {}", sign.at));
    }
    if !entry.related.is_empty() {
        out.line(4, "related:");
        for related in &entry.related {
            out.item_pair_str(6, "item", &related.item);
            out.line_args(8, format_args!("as: {}", related.relation.name()));
            for (key, value) in &related.extra {
                out.node_pair(8, key, value);
            }
        }
    }
    if !entry.updates.is_empty() {
        out.line(4, "updates:");
        for update in &entry.updates {
            out.line_args(6, format_args!("- at: {}", update.at));
            out.pair_str(8, "by", &update.by);
            if update.text.contains('\n') {
                out.block_text(8, "text", &update.text);
            } else {
                out.pair_str(8, "text", &update.text);
            }
            for (key, value) in &update.extra {
                out.node_pair(8, key, value);
            }
        }
    }
}

fn write_entry(out: &mut Emitter, entry: &Entry) {
    if entry.status != Status::Unreviewed {
        out.line_args(4, format_args!("status: {}", entry.status.name()));
    }
    if let Some(owner) = &entry.owner {
        out.pair_str(4, "owner", owner);
    }
    if let Some(note) = &entry.note {
        out.block_text(4, "note", note);
    }
    write_tracking(out, entry);
    if let Some(updated) = entry.updated {
        out.line_args(4, format_args!("updated: {updated}"));
    }
    if !entry.history.is_empty() {
        out.line(4, "history:");
        for event in &entry.history {
            out.line_args(6, format_args!("- at: {}", event.at));
            out.pair_str(8, "by", &event.by);
            if let Some(status) = event.change.status {
                out.line_args(8, format_args!("status: {}", status.name()));
            }
            if let Some(owner) = &event.change.owner {
                out.pair_str(8, "owner", owner);
            }
            if let Some(note) = event.change.note {
                out.line_args(8, format_args!("note: {}", note.name()));
            }
            if let Some(rag) = event.change.rag {
                out.line_args(8, format_args!("rag: {}", rag.map_or(CLEARED, Rag::name)));
            }
            if let Some(due) = event.change.due {
                match due {
                    Some(date) => out.line_args(8, format_args!("due: {date}")),
                    None => out.line_args(8, format_args!("due: {CLEARED}")),
                }
            }
            if let Some(reason) = &event.change.reason {
                out.pair_str(8, "reason", reason);
            }
            if let Some(evidence) = &event.change.evidence {
                out.pair_str(8, "evidence", evidence);
            }
            if let Some(evidence) = &event.change.evidence_removed {
                out.pair_str(8, "evidence_removed", evidence);
            }
            if let Some(signed) = event.change.signed_off {
                out.line_args(8, format_args!("signed_off: {signed}"));
            }
            for (key, value) in &event.extra {
                out.node_pair(8, key, value);
            }
        }
    }
    if let Some(other) = &entry.conflict {
        // Both versions stay in the file until the reviewer chooses.
        out.line(4, "conflict:");
        out.line_args(6, format_args!("status: {}", other.status.name()));
        if let Some(owner) = &other.owner {
            out.pair_str(6, "owner", owner);
        }
        if let Some(note) = &other.note {
            out.block_text(6, "note", note);
        }
        if let Some(rag) = other.rag {
            out.line_args(6, format_args!("rag: {}", rag.name()));
        }
        if let Some(due) = other.due {
            out.line_args(6, format_args!("due: {due}"));
        }
        if let Some(sign) = &other.signed_off {
            out.line(6, "signed_off:");
            out.pair_str(8, "by", &sign.by);
            out.line_args(8, format_args!("at: {}", sign.at));
        }
    }
    for (key, value) in &entry.extra {
        out.node_pair(4, key, value);
    }
}
