//! Reading an inspection's item lists as the parser streams them: each item
//! becomes a typed `Item` as soon as it is read, and its YAML tree is
//! dropped, so a 100,000-item file never exists in memory as a whole tree.
//! Read from a `Window`, the file itself is never held whole either.

use std::cell::RefCell;
use std::fmt;
use std::rc::Rc;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::item::Lists;
use crate::files::yaml::parse::Checker;
use crate::model::inspection::{Kind, Strings};
use crate::model::node::{Node, Pos, Value, ValueVisitor};

/// Where streamed items go.
pub struct Sink<'a, 's> {
    pub check: &'a mut Checker<'s>,
    /// Gives typed scalars (`id: 1.10`) their text as written, and hears
    /// that the file up to a point is no longer needed.
    pub source: &'a dyn Source,
    pub items: &'a mut Vec<super::item::Loaded>,
}

/// The text the parser reads from, for the raw text of typed scalars.
pub trait Source {
    fn restore(&self, node: &mut Node);
    /// Characters before `offset` will not be asked for again.
    fn done_before(&self, _offset: usize) {}
}

/// A whole file's text.
pub struct Text<'s>(pub &'s str);

impl Source for Text<'_> {
    fn restore(&self, node: &mut Node) {
        node.restore_plain_text(self.0);
    }
}

/// A file read as the parser asks for it, holding only the characters
/// from the item being read onwards, with checks the parser does not make
/// of a stream: UTF-8 without a byte-order mark, no NUL bytes (YAML
/// forbids them), and not blank. It adds the bytes it reads to a count,
/// for progress.
pub struct Window<'a, R> {
    inner: R,
    state: Rc<RefCell<Held>>,
    /// The start of a character split by the end of the last read.
    pending: Vec<u8>,
    progress: Option<&'a AtomicUsize>,
    read: usize,
}

/// What a `Window` holds: the text from character `base` to what has
/// been read.
#[derive(Default)]
pub struct Held {
    base: usize,
    /// The text from byte `start` on; what is before it is no longer
    /// needed, and goes when it is more than what is kept.
    bytes: Vec<u8>,
    start: usize,
    /// Something in the file other than whitespace.
    pub seen_text: bool,
    /// Something the stream parser would take but the file must not have;
    /// reading the file whole says what.
    pub refused: bool,
    /// A character offset and the byte in `bytes` it starts at, where the
    /// last lookup ended: values are looked up in the order they were
    /// read, so each lookup goes on from the one before, and a list of a
    /// million numbers costs its length, not its length squared.
    mark: (usize, usize),
}

/// How much of what has been read a `Window` holds at most, beyond what
/// is done with: values are given their text as they are read, so only
/// the parser's lookahead need be held, and an item of 200 MB is not held
/// whole beside the parser's copy of it.
const RECENT: usize = 4 << 20;

impl Held {
    /// Let go of all but the last `RECENT` bytes once twice that is held.
    fn keep_recent(&mut self) {
        if self.bytes.len() - self.start <= 2 * RECENT {
            return;
        }
        let mut cut = self.bytes.len() - RECENT;
        while self.bytes.get(cut).is_some_and(|b| b & 0xC0 == 0x80) {
            cut += 1;
        }
        let chars = self.bytes[self.start..cut]
            .iter()
            .filter(|b| *b & 0xC0 != 0x80)
            .count();
        self.base += chars;
        self.bytes.drain(..cut);
        self.start = 0;
        self.mark = (self.base, 0);
    }

    /// The byte in `bytes` where character `offset` (of the file) starts,
    /// if it is still held.
    fn byte_of(&mut self, offset: usize) -> Option<usize> {
        if offset < self.base {
            return None;
        }
        if self.mark.0 < self.base || self.mark.1 < self.start || offset < self.mark.0 {
            self.mark = (self.base, self.start);
        }
        let (mut at, mut i) = self.mark;
        while at < offset {
            if i >= self.bytes.len() {
                return None;
            }
            i += 1;
            while self.bytes.get(i).is_some_and(|b| b & 0xC0 == 0x80) {
                i += 1;
            }
            at += 1;
        }
        self.mark = (at, i);
        Some(i)
    }
}

impl<'a, R: std::io::Read> Window<'a, R> {
    pub fn new(inner: R, progress: Option<&'a AtomicUsize>) -> (Self, Rc<RefCell<Held>>) {
        let state = Rc::new(RefCell::new(Held::default()));
        let window = Window {
            inner,
            state: Rc::clone(&state),
            pending: Vec::new(),
            progress,
            read: 0,
        };
        (window, state)
    }
}

impl<R: std::io::Read> std::io::Read for Window<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let got = &buf[..n];
        let mut held = self.state.borrow_mut();
        let at_start = self.read == 0;
        self.read += n;
        if let Some(progress) = self.progress {
            progress.fetch_add(n, Ordering::Relaxed);
        }
        let bom = at_start
            && [&b"\xEF\xBB\xBF"[..], b"\xFF\xFE", b"\xFE\xFF"]
                .iter()
                .any(|m| got.starts_with(m));
        let mut check = std::mem::take(&mut self.pending);
        check.extend_from_slice(got);
        let utf8 = match std::str::from_utf8(&check) {
            Ok(_) => true,
            // A character split by the end of this read.
            Err(e) if e.error_len().is_none() && n > 0 => {
                self.pending = check[e.valid_up_to()..].to_vec();
                true
            }
            Err(_) => false,
        };
        if bom || !utf8 || got.contains(&0) {
            held.refused = true;
            return Err(std::io::Error::other("not plain UTF-8 YAML"));
        }
        held.seen_text |= got.iter().any(|b| !b.is_ascii_whitespace());
        held.bytes.extend_from_slice(got);
        held.keep_recent();
        Ok(n)
    }
}

/// The byte index in `bytes` (UTF-8, but for a split last character)
/// where character `n` starts.
fn char_start(bytes: &[u8], n: usize) -> Option<usize> {
    let mut count = 0;
    for (i, b) in bytes.iter().enumerate() {
        if b & 0xC0 != 0x80 {
            if count == n {
                return Some(i);
            }
            count += 1;
        }
    }
    (count == n).then_some(bytes.len())
}

impl Source for RefCell<Held> {
    fn restore(&self, node: &mut Node) {
        let mut held = self.borrow_mut();
        node.restore_with(&mut |n: &Node| {
            let (start, len) = n.chars;
            if start < held.base {
                // Let go of already: reading the file whole gives it.
                held.refused = true;
                return None;
            }
            let from = held.byte_of(start)?;
            let to = held.byte_of(start.checked_add(len)?)?;
            std::str::from_utf8(held.bytes.get(from..to)?)
                .ok()
                .map(str::to_owned)
        });
    }

    fn done_before(&self, offset: usize) {
        let mut held = self.borrow_mut();
        let chars = offset.saturating_sub(held.base);
        let Some(cut) = char_start(&held.bytes[held.start..], chars) else {
            return;
        };
        held.start += cut;
        held.base += chars;
        // Moving what is kept to the front costs as much as what is kept,
        // so it waits until there is at least as much to drop.
        if held.start >= held.bytes.len() - held.start {
            let start = held.start;
            held.bytes.drain(..start);
            held.start = 0;
            held.mark = (held.base, 0);
        }
    }
}

/// The whole document: a node like any other, except that the values of
/// the item lists arrive already read into the sink, as empty lists.
pub struct Root<'a, 's>(pub Sink<'a, 's>);

impl<'de> DeserializeSeed<'de> for Root<'_, '_> {
    type Value = Node;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
        Spanned(RootValue(self.0)).deserialize(d)
    }
}

struct RootValue<'a, 's>(Sink<'a, 's>);

impl<'de> DeserializeSeed<'de> for RootValue<'_, '_> {
    type Value = Value;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

/// Everything but what a seed reads itself is read as a plain value, for
/// the checker to judge with its usual messages.
macro_rules! plain_values {
    () => {
        plain_values!(visit_bool: bool, visit_i64: i64, visit_u64: u64, visit_i128: i128,
            visit_u128: u128, visit_f64: f64, visit_char: char, visit_str: &str,
            visit_string: String, visit_bytes: &[u8]);
        fn visit_none<E: de::Error>(self) -> Result<Value, E> {
            Ok(Value::Null)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
            Ok(Value::Null)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
            self.deserialize(d)
        }
    };
    ($($name:ident: $t:ty),*) => {$(
        fn $name<E: de::Error>(self, v: $t) -> Result<Value, E> {
            ValueVisitor.$name(v)
        }
    )*};
}

impl<'de> Visitor<'de> for RootValue<'_, '_> {
    type Value = Value;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an inspection")
    }
    plain_values!();
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Value, A::Error> {
        ValueVisitor.visit_seq(seq)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let sink = self.0;
        let mut entries = Vec::new();
        while let Some(mut key) = map.next_key::<Node>()? {
            sink.source.restore(&mut key);
            let kind = key.as_text().and_then(Kind::from_key);
            let value = if let Some(kind) = kind {
                map.next_value_seed(Spanned(Items {
                    sink: Sink {
                        check: &mut *sink.check,
                        source: sink.source,
                        items: &mut *sink.items,
                    },
                    kind,
                }))?
            } else {
                let mut value = map.next_value::<Node>()?;
                sink.source.restore(&mut value);
                value
            };
            sink.source
                .done_before(value.chars.0.saturating_add(value.chars.1));
            entries.push((key, value));
        }
        Ok(Value::Map(entries))
    }
}

/// One item list: each item is checked and kept as it is read.
struct Items<'a, 's> {
    sink: Sink<'a, 's>,
    kind: Kind,
}

impl<'de> DeserializeSeed<'de> for Items<'_, '_> {
    type Value = Value;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Items<'_, '_> {
    type Value = Value;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of items")
    }
    plain_values!();
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Value, A::Error> {
        ValueVisitor.visit_map(map)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let Sink {
            check,
            source,
            items,
        } = self.sink;
        let what = format!("an item of `{}`", self.kind.key());
        loop {
            let mut lists = Lists::default();
            let item = ItemValue {
                check: &mut *check,
                source,
                kind: self.kind,
                lists: &mut lists,
            };
            let Some(mut node) = seq.next_element_seed(Spanned(item))? else {
                break;
            };
            if !lists.restored {
                source.restore(&mut node);
            }
            items.extend(super::item::read_item(
                check, &node, self.kind, &what, lists,
            ));
            source.done_before(node.chars.0.saturating_add(node.chars.1));
        }
        // Read already: the checker sees an empty list here.
        Ok(Value::Seq(Vec::new()))
    }
}

/// One item: a node like any other, except that its lists of texts (tags,
/// links, bodies) go straight into `lists` as they are read, each value
/// checked, so a list of millions is its texts, not a node apiece.
struct ItemValue<'a, 's> {
    check: &'a mut Checker<'s>,
    source: &'a dyn Source,
    kind: Kind,
    lists: &'a mut Lists,
}

impl<'de> DeserializeSeed<'de> for ItemValue<'_, '_> {
    type Value = Value;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ItemValue<'_, '_> {
    type Value = Value;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an item")
    }
    plain_values!();
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Value, A::Error> {
        ValueVisitor.visit_seq(seq)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut entries = Vec::new();
        let mut seen: Vec<&str> = Vec::new();
        while let Some(mut key) = map.next_key::<Node>()? {
            self.source.restore(&mut key);
            // Only a list the item may have, and the first of its name: a
            // second is reported as such, and its values not read.
            let name = key
                .as_text()
                .and_then(|k| self.kind.allowed_keys().iter().find(|a| **a == k))
                .copied()
                .filter(|k| !seen.contains(k));
            seen.extend(name);
            let slot = match name {
                Some("tags" | "directed_to") => Some(false),
                Some("links") => Some(true),
                _ => None,
            };
            let value = if let (Some(name), Some(positions)) = (name, slot) {
                let mut read = None;
                let value = map.next_value_seed(Spanned(ListValue {
                    check: &mut *self.check,
                    source: self.source,
                    key: name,
                    positions,
                    read: &mut read,
                }))?;
                if let Some((list, at)) = read {
                    match name {
                        "tags" => self.lists.tags = Some(list),
                        "links" => self.lists.links = Some((list, at)),
                        _ => self.lists.directed_to = Some(list),
                    }
                }
                value
            } else {
                let mut value = map.next_value::<Node>()?;
                // Now, while the text it was read from is still held.
                self.source.restore(&mut value);
                value
            };
            entries.push((key, value));
        }
        self.lists.restored = true;
        Ok(Value::Map(entries))
    }
}

/// A list of one-line texts, each checked as it is read; anything else
/// is read as a plain value, for the checker to judge.
struct ListValue<'a, 's> {
    check: &'a mut Checker<'s>,
    source: &'a dyn Source,
    key: &'a str,
    /// Whether to keep where each value was written (links, which are
    /// checked once every id is known).
    positions: bool,
    read: &'a mut Option<(Strings, Vec<(u32, u32)>)>,
}

impl<'de> DeserializeSeed<'de> for ListValue<'_, '_> {
    type Value = Value;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ListValue<'_, '_> {
    type Value = Value;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of texts")
    }
    plain_values!();
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Value, A::Error> {
        ValueVisitor.visit_map(map)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut list = Strings::new();
        let mut at = Vec::new();
        while let Some(mut node) = seq.next_element::<Node>()? {
            self.source.restore(&mut node);
            if let Some(text) = self.check.list_entry(&node, self.key) {
                list.push(&text);
                if self.positions {
                    at.push(super::item::compact(node.pos));
                }
            }
        }
        *self.read = Some((list, at));
        // Read already: the checker sees an empty list here.
        Ok(Value::Seq(Vec::new()))
    }
}

/// A value read by `seed`, with the place in the file it came from: what
/// `serde_saphyr::Spanned` does for a plain type, for a seed.
struct Spanned<S>(S);

/// A field of the map serde-saphyr gives a spanned value, told apart
/// without a `String` made of its name (there is one such map a value).
#[derive(PartialEq, Eq)]
enum SpannedField {
    Marker,
    Value,
    Referenced,
    Other,
}

impl<'de> serde::Deserialize<'de> for SpannedField {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Name;
        impl Visitor<'_> for Name {
            type Value = SpannedField;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a field of a spanned value")
            }
            fn visit_str<E: de::Error>(self, name: &str) -> Result<SpannedField, E> {
                Ok(match name {
                    SPANNED_MARKER => SpannedField::Marker,
                    "value" => SpannedField::Value,
                    "referenced" => SpannedField::Referenced,
                    _ => SpannedField::Other,
                })
            }
        }
        d.deserialize_identifier(Name)
    }
}

/// The field serde-saphyr puts first in the map it gives a spanned value.
const SPANNED_MARKER: &str = "__serde_saphyr_private_spanned";

impl<'de, S: DeserializeSeed<'de, Value = Value>> DeserializeSeed<'de> for Spanned<S> {
    type Value = Node;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
        d.deserialize_newtype_struct("__yaml_spanned", self)
    }
}

impl<'de, S: DeserializeSeed<'de, Value = Value>> Visitor<'de> for Spanned<S> {
    type Value = Node;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a value with its place in the file")
    }
    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        if map.next_key::<SpannedField>()? != Some(SpannedField::Marker) {
            return Err(de::Error::custom(
                "the YAML parser gave no place for a value",
            ));
        }
        map.next_value::<IgnoredAny>()?;
        let mut seed = Some(self.0);
        let (mut value, mut at) = (None, None);
        while let Some(field) = map.next_key::<SpannedField>()? {
            match field {
                SpannedField::Value => match seed.take() {
                    Some(seed) => value = Some(map.next_value_seed(seed)?),
                    None => return Err(de::Error::duplicate_field("value")),
                },
                SpannedField::Referenced => {
                    at = Some(map.next_value::<serde_saphyr::Location>()?);
                }
                // Where an alias's anchor was defined: not needed.
                SpannedField::Marker | SpannedField::Other => {
                    map.next_value::<serde_saphyr::Location>()?;
                }
            }
        }
        let value = value.ok_or_else(|| de::Error::missing_field("value"))?;
        Ok(Node::located(value, at))
    }
}

impl Node {
    /// A node at `at`, as the parser reported it.
    pub(crate) fn located(value: Value, at: Option<serde_saphyr::Location>) -> Node {
        let Some(at) = at else {
            return Node::new(value);
        };
        let span = at.span();
        let bytes = span
            .byte_offset()
            .zip(span.byte_len())
            .and_then(|(o, l)| Some((usize::try_from(o).ok()?, usize::try_from(l).ok()?)));
        let chars = (
            usize::try_from(span.offset()).unwrap_or(usize::MAX),
            usize::try_from(span.len()).unwrap_or(0),
        );
        Node {
            pos: Pos {
                line: at.line(),
                column: at.column(),
            },
            bytes,
            chars,
            value,
        }
    }
}
