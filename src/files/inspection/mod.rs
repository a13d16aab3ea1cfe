//! Checking an inspection file against FORMAT.md, reporting every problem.

use std::collections::HashMap;
use std::sync::atomic::AtomicUsize;

mod fast;
mod item;
mod stream;

use item::{Loaded, required, required_title};

use crate::files::inspection::stream::{Root, Sink, Text, Window};
use crate::files::yaml::diag::{Diagnostic, Diagnostics};
use crate::files::yaml::parse::{Checker, decode, parse_reader, parse_seed_raw, read_recovering};
use crate::model::inspection::{Inspection, Kind, Meta};
use crate::model::node::{Node, Pos, Value};

const TOP_KEYS: &[&str] = &[
    "version",
    "inspection",
    "findings",
    "strengths",
    "recommendations",
    "areas_for_improvement",
];

const META_KEYS: &[&str] = &[
    "id",
    "title",
    "inspectorate",
    "published",
    "response_due_days",
    "fieldwork",
    "scope",
    "url",
    "summary",
];

/// Load an inspection from the bytes of its file.
pub fn load_inspection(bytes: &[u8]) -> Result<Inspection, Diagnostics> {
    load_inspection_owned(bytes.to_vec())
}

/// What loading found worth saying that leaves the file valid (ids that
/// look alike), in file order.
pub type Warnings = Vec<Diagnostic>;

/// `load_inspection`, with the warnings of a valid file.
pub fn load_inspection_warned(bytes: &[u8]) -> Result<(Inspection, Warnings), Diagnostics> {
    load_inspection_owned_warned(bytes.to_vec())
}

/// Load an inspection from its file's bytes, which become the source text
/// in place. Items are checked and kept as the parser reads them, so no
/// whole-file tree is ever built.
pub fn load_inspection_owned(bytes: Vec<u8>) -> Result<Inspection, Diagnostics> {
    load_inspection_owned_warned(bytes).map(|(inspection, _)| inspection)
}

/// `load_inspection_owned`, with the warnings of a valid file.
pub fn load_inspection_owned_warned(bytes: Vec<u8>) -> Result<(Inspection, Warnings), Diagnostics> {
    let source = decode(bytes).map_err(|d| Diagnostics(vec![d]))?;
    if let Some(loaded) = fast::load(&source) {
        return Ok(loaded);
    }
    load_in_full(&source)
}

/// `load_inspection_owned_warned` through the full reader, which reads
/// every file and says what is wrong with one.
fn load_in_full(source: &str) -> Result<(Inspection, Warnings), Diagnostics> {
    let mut check = Checker::new(source);
    let mut items = Vec::new();
    let (root, recovered) = read_recovering(source, |text| {
        // Read again past a tag that stopped the last reading: from scratch.
        check.problems.clear();
        check.warnings.clear();
        items.clear();
        parse_seed_raw(
            text,
            Root(Sink {
                check: &mut check,
                source: &Text(text),
                items: &mut items,
            }),
        )
    });
    let root = match root {
        Ok(root) => root,
        Err(last) => {
            let mut all = recovered;
            all.push(last);
            return Err(Diagnostics::sorted(all));
        }
    };
    check.problems.extend(recovered);
    let inspection = read_root(&mut check, &root, items);
    match inspection {
        Some(inspection) if check.problems.is_empty() => {
            Ok((inspection, Diagnostics::sorted(check.warnings).0))
        }
        _ => {
            let mut all = check.problems;
            all.append(&mut check.warnings);
            Err(Diagnostics::sorted(all))
        }
    }
}

/// Load an inspection held whole in `bytes` by the quick reader alone
/// (`fast`): `None` unless the file is valid, in UTF-8 without a
/// byte-order mark, and plain enough for it; then `load_inspection_owned`
/// or the streaming reader reads it and says what is wrong. Adds the
/// bytes read to `progress` as it goes.
pub fn load_inspection_plain(
    bytes: &[u8],
    progress: Option<&AtomicUsize>,
) -> Option<(Inspection, Warnings)> {
    let text = std::str::from_utf8(bytes).ok()?;
    if text.starts_with('\u{feff}') || text.contains('\0') || text.trim().is_empty() {
        return None;
    }
    fast::load_counting(text, progress)
}

/// Load an inspection as it is read from `reader` (`len` bytes), without
/// ever holding the whole file: `None` if anything is wrong with it, and
/// then `load_inspection_owned` on the whole file says what.
pub fn load_inspection_streamed(
    reader: impl std::io::Read,
    len: usize,
    progress: Option<&AtomicUsize>,
) -> Option<(Inspection, Warnings)> {
    let (reader, held) = Window::new(reader, progress);
    let mut check = Checker::new("");
    let mut items = Vec::new();
    let root = parse_reader(
        reader,
        len,
        Root(Sink {
            check: &mut check,
            source: &*held,
            items: &mut items,
        }),
    )
    .ok()?;
    let inspection = read_root(&mut check, &root, items)?;
    let warnings = Diagnostics::sorted(check.warnings).0;
    let held = held.borrow();
    (check.problems.is_empty() && held.seen_text && !held.refused).then_some((inspection, warnings))
}

/// The document once read: its item lists are in `items` already.
fn read_root(check: &mut Checker, root: &Node, items: Vec<Loaded>) -> Option<Inspection> {
    let entries = check.mapping(root, "the file", TOP_KEYS)?;
    let mut meta = None;
    let mut seen_meta = false;
    for (key, value) in &entries {
        match *key {
            "version" => read_version(check, value),
            "inspection" => {
                seen_meta = true;
                meta = read_meta(check, value);
            }
            list => {
                if let Some(kind) = Kind::from_key(list) {
                    check_item_list(check, value, kind);
                }
            }
        }
    }
    if !seen_meta {
        check.report(
            root.pos,
            "the `inspection:` mapping is missing; it holds the report's id and title",
        );
    }
    if items.is_empty() && check.problems.is_empty() {
        check.report(
            root.pos,
            "the file has no items; add at least one finding, strength, recommendation or area for improvement",
        );
    }
    check_ids_and_links(check, &items);
    check.warnings.extend(crate::files::lookalike::warnings(
        items.iter().map(|l| (l.item.id.as_str(), l.id_pos)),
        "id",
    ));
    let meta = meta?;
    // Into a list of its own size: collected in place, the items would
    // keep the room of the larger `Loaded`s and of the list's growth, half
    // as much again as they need across a portfolio.
    let mut kept = Vec::with_capacity(items.len());
    kept.extend(items.into_iter().map(|l| l.item));
    Some(Inspection::new(meta, kept))
}

fn read_version(check: &mut Checker, node: &Node) {
    match node.as_text() {
        Some("1") => {}
        other => check.report(
            node.pos,
            format!(
                "this is a version {} file, but this scrutiny reads only version 1",
                other.map_or_else(
                    || node.kind_name().to_owned(),
                    |t| format!("`{}`", crate::text::inert_line(t))
                )
            ),
        ),
    }
}

fn read_meta(check: &mut Checker, node: &Node) -> Option<Meta> {
    let entries = check.mapping(node, "`inspection`", META_KEYS)?;
    let mut meta = Meta::named(String::new(), String::new());
    let (mut id_seen, mut title_seen) = (false, false);
    for (key, value) in entries {
        match key {
            "id" => {
                id_seen = true;
                meta.id = required(check, value, key, Checker::id).unwrap_or_default();
            }
            "title" => {
                title_seen = true;
                meta.title = required(check, value, key, required_title).unwrap_or_default();
            }
            "inspectorate" => meta.inspectorate = check.line(value, key),
            "published" => meta.published = check.date(value, key),
            "response_due_days" => {
                if let Some(days) = read_days(check, value) {
                    meta.response_due_days = days;
                }
            }
            "fieldwork" => meta.fieldwork = check.text(value, key),
            "scope" => meta.scope = check.text(value, key),
            "url" => meta.url = check.line(value, key),
            _ => meta.summary = check.text(value, key),
        }
    }
    if !id_seen {
        check.report(
            node.pos,
            "`inspection` has no `id`; add one, such as `id: hmicfrs-2020-prevent`",
        );
    }
    if !title_seen {
        check.report(
            node.pos,
            "`inspection` has no `title`; add the report's title",
        );
    }
    (!meta.id.is_empty() && !meta.title.is_empty()).then_some(meta)
}

fn read_days(check: &mut Checker, node: &Node) -> Option<u32> {
    let text = check.line_as_written(node, "response_due_days")?;
    match text.parse::<u32>() {
        Ok(days) if (1..=3660).contains(&days) => Some(days),
        _ => {
            check.report(
                node.pos,
                format!(
                    "`response_due_days` is `{}`; it must be a whole number of days from 1 to 3660",
                    crate::text::inert_line(&text)
                ),
            );
            None
        }
    }
}

/// An item list's value, once its items are read (as the parser streamed
/// them): anything but a list, or nothing, is a problem.
fn check_item_list(check: &mut Checker, node: &Node, kind: Kind) {
    if !matches!(node.value, Value::Null | Value::Seq(_)) {
        check.report(
            node.pos,
            format!(
                "`{}` should be a list of items, each starting with `- id:`, not {}",
                kind.key(),
                node.kind_name()
            ),
        );
    }
}

/// Ids are unique across the whole file and links name existing ids.
fn check_ids_and_links(check: &mut Checker, items: &[Loaded]) {
    let mut first: HashMap<&str, (Pos, Kind)> = HashMap::with_capacity(items.len());
    for loaded in items {
        let item = &loaded.item;
        if let Some((at, kind)) = first.get(item.id.as_str()) {
            check.report(
                loaded.pos,
                format!(
                    "the id `{}` is used twice: a {} at line {} already has it; ids must be unique across the whole file",
                    item.id,
                    kind.singular(),
                    at.line
                ),
            );
        } else {
            first.insert(&item.id, (loaded.pos, item.kind));
        }
    }
    // Ids by what they look like, made at the first link that needs it.
    let any_wide = items.iter().any(|l| !l.item.id.is_ascii());
    let mut by_look: Option<HashMap<String, (&str, Pos)>> = None;
    for loaded in items {
        for (link, &(line, column)) in loaded.item.links.iter().zip(&loaded.link_positions) {
            if !first.contains_key(link) {
                let pos = Pos {
                    line: line.into(),
                    column: column.into(),
                };
                let mut hint = String::new();
                if any_wide || !link.is_ascii() {
                    let by_look = by_look.get_or_insert_with(|| {
                        let mut map = HashMap::with_capacity(items.len());
                        for l in items {
                            map.entry(crate::files::lookalike::skeleton(&l.item.id))
                                .or_insert((l.item.id.as_str(), l.id_pos));
                        }
                        map
                    });
                    if let Some((id, at)) = by_look.get(&crate::files::lookalike::skeleton(link)) {
                        hint = format!(
                            "; did you mean `{id}` at {}:{}? they differ only in look-alike characters",
                            at.line, at.column
                        );
                    }
                }
                check.report(
                    pos,
                    format!(
                        "`{}` links to `{}`, but no item in this file has that id{hint}",
                        loaded.item.id,
                        crate::text::inert_line(link)
                    ),
                );
            }
        }
    }
}
