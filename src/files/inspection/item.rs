//! One item as the parser streams it: its lists of texts, its fields
//! checked, and the positions validation still needs. Used by the whole-file
//! reader (`super`) and the streaming one (`super::stream`) alike.

use crate::files::yaml::parse::Checker;
use crate::model::inspection::{Item, Kind, Strings};
use crate::model::node::{Node, Pos, Value};

/// A required value: reported when empty, checked by `read` otherwise.
pub(super) fn required<'s>(
    check: &mut Checker<'s>,
    node: &Node,
    key: &str,
    read: fn(&mut Checker<'s>, &Node, &str) -> Option<String>,
) -> Option<String> {
    if matches!(node.value, Value::Null) {
        check.report(node.pos, format!("`{key}` is empty; it is required"));
        return None;
    }
    read(check, node, key)
}

pub(super) fn required_title(check: &mut Checker, node: &Node, key: &str) -> Option<String> {
    let title = check.line(node, key)?;
    if title.trim().is_empty() {
        check.report(node.pos, format!("`{key}` is blank; it is required"));
        return None;
    }
    Some(title)
}

/// An item's lists of texts, read (and their values checked) as the
/// parser streamed them, so no node is built per tag.
#[derive(Default)]
pub(super) struct Lists {
    /// Every value of the item was given its text as written as it was
    /// read (a mapping; anything else is restored once read whole).
    pub restored: bool,
    pub tags: Option<Strings>,
    pub links: Option<(Strings, Vec<(u32, u32)>)>,
    pub directed_to: Option<Strings>,
}

/// Where a link was written, compactly: line and column.
pub(super) fn compact(pos: Pos) -> (u32, u32) {
    let narrow = |n: u64| u32::try_from(n).unwrap_or(u32::MAX);
    (narrow(pos.line), narrow(pos.column))
}

pub(super) fn read_item(
    check: &mut Checker,
    node: &Node,
    kind: Kind,
    what: &str,
    mut lists: Lists,
) -> Option<Loaded> {
    let entries = check.mapping(node, what, kind.allowed_keys())?;
    let mut item = Item {
        kind,
        id: String::new(),
        title: String::new(),
        text: None,
        theme: None,
        grade: None,
        tags: Strings::new(),
        links: Strings::new(),
        directed_to: Strings::new(),
        due: None,
    };
    let (mut id_seen, mut title_seen) = (false, false);
    let mut link_positions = Vec::new();
    let mut id_pos = node.pos;
    for (key, value) in entries {
        match key {
            "id" => {
                id_seen = true;
                id_pos = value.pos;
                item.id = required(check, value, key, Checker::id).unwrap_or_default();
            }
            "title" => {
                title_seen = true;
                item.title = required(check, value, key, required_title).unwrap_or_default();
            }
            "text" => item.text = check.text(value, key),
            "theme" => item.theme = check.line(value, key),
            "grade" => item.grade = check.line(value, key),
            "tags" => {
                item.tags = lists
                    .tags
                    .take()
                    .unwrap_or_else(|| strings(&check.list(value, key)));
            }
            "links" => {
                (item.links, link_positions) = lists.links.take().unwrap_or_else(|| {
                    let links = check.list(value, key);
                    let positions = links.iter().map(|(pos, _)| compact(*pos)).collect();
                    (strings(&links), positions)
                });
            }
            "directed_to" => {
                item.directed_to = lists
                    .directed_to
                    .take()
                    .unwrap_or_else(|| strings(&check.list(value, key)));
            }
            _ => item.due = check.date(value, key),
        }
    }
    let name = if item.id.is_empty() {
        format!("this {}", kind.singular())
    } else {
        format!("`{}`", item.id)
    };
    if !id_seen {
        check.report(
            node.pos,
            format!("{name} has no `id`; every item needs one"),
        );
    }
    if !title_seen {
        check.report(
            node.pos,
            format!("{name} has no `title`; every item needs one"),
        );
    }
    (!item.id.is_empty() && !item.title.is_empty()).then_some(Loaded {
        pos: node.pos,
        id_pos,
        item,
        link_positions,
    })
}

/// An item as read, with the positions validation still needs.
pub(super) struct Loaded {
    pub pos: Pos,
    /// Where the id's value stands.
    pub id_pos: Pos,
    pub item: Item,
    pub link_positions: Vec<(u32, u32)>,
}

pub(super) fn strings(list: &[(Pos, String)]) -> Strings {
    list.iter().map(|(_, s)| s).collect()
}
