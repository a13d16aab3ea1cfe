//! Reading an inspection's item lists as the parser streams them: each item
//! becomes a typed `Item` as soon as it is read, and its YAML tree is
//! dropped, so a 100,000-item file never exists in memory as a whole tree.

use std::fmt;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::inspection::Kind;
use super::node::{Node, Pos, Value, ValueVisitor};
use super::parse::Checker;

/// Where streamed items go, and how far through the file reading has got.
pub struct Sink<'a, 's> {
    pub check: &'a mut Checker<'s>,
    pub source: &'s str,
    pub items: &'a mut Vec<super::load::Loaded>,
    /// Bytes of the file read so far, for a progress display.
    pub progress: Option<&'a AtomicUsize>,
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

/// Everything but a mapping is read as a plain value, for the checker to
/// refuse with its usual message.
macro_rules! plain {
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
    plain!(visit_bool: bool, visit_i64: i64, visit_u64: u64, visit_i128: i128, visit_u128: u128,
        visit_f64: f64, visit_char: char, visit_str: &str, visit_string: String, visit_bytes: &[u8]);
    fn visit_none<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        self.deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Value, A::Error> {
        ValueVisitor.visit_seq(seq)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let sink = self.0;
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<Node>()? {
            let kind = key
                .as_text()
                .and_then(|k| Kind::ALL.into_iter().find(|kind| kind.key() == k));
            let value = match kind {
                Some(kind) => map.next_value_seed(Spanned(Items {
                    sink: Sink {
                        check: &mut *sink.check,
                        source: sink.source,
                        items: &mut *sink.items,
                        progress: sink.progress,
                    },
                    kind,
                }))?,
                None => map.next_value::<Node>()?,
            };
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
    plain!(visit_bool: bool, visit_i64: i64, visit_u64: u64, visit_i128: i128, visit_u128: u128,
        visit_f64: f64, visit_char: char, visit_str: &str, visit_string: String, visit_bytes: &[u8]);
    fn visit_none<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        self.deserialize(d)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Value, A::Error> {
        ValueVisitor.visit_map(map)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let Sink {
            check,
            source,
            items,
            progress,
        } = self.sink;
        let what = format!("an item of `{}`", self.kind.key());
        while let Some(mut node) = seq.next_element::<Node>()? {
            node.restore_plain_text(source);
            items.extend(super::load::read_item(check, &node, self.kind, &what));
            if let (Some(progress), Some((start, len))) = (progress, node.bytes) {
                progress.store(start + len, Ordering::Relaxed);
            }
        }
        // Read already: the checker sees an empty list here.
        Ok(Value::Seq(Vec::new()))
    }
}

/// A value read by `seed`, with the place in the file it came from: what
/// `serde_saphyr::Spanned` does for a plain type, for a seed.
struct Spanned<S>(S);

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
        if map.next_key::<String>()?.as_deref() != Some(SPANNED_MARKER) {
            return Err(de::Error::custom(
                "the YAML parser gave no place for a value",
            ));
        }
        map.next_value::<IgnoredAny>()?;
        let mut seed = Some(self.0);
        let (mut value, mut at) = (None, None);
        while let Some(field) = map.next_key::<String>()? {
            match field.as_str() {
                "value" => match seed.take() {
                    Some(seed) => value = Some(map.next_value_seed(seed)?),
                    None => return Err(de::Error::duplicate_field("value")),
                },
                "referenced" => at = Some(map.next_value::<serde_saphyr::Location>()?),
                // Where an alias's anchor was defined: not needed.
                _ => {
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
    pub(super) fn located(value: Value, at: Option<serde_saphyr::Location>) -> Node {
        let Some(at) = at else {
            return Node::new(value);
        };
        let span = at.span();
        let bytes = span
            .byte_offset()
            .zip(span.byte_len())
            .and_then(|(o, l)| Some((usize::try_from(o).ok()?, usize::try_from(l).ok()?)));
        Node {
            pos: Pos {
                line: at.line(),
                column: at.column(),
            },
            bytes,
            value,
        }
    }
}
