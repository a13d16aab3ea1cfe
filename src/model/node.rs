//! A YAML document as a tree of nodes that remember where they came from.
//!
//! Loading goes through this tree rather than straight into typed structs so
//! that validation can report every problem in a file at once, each with its
//! line and column, instead of stopping at serde's first error.

use std::fmt;
use std::fmt::Write as _;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

/// A 1-based line and column; `0:0` when unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Pos {
    pub line: u64,
    pub column: u64,
}

impl fmt::Display for Pos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    /// A scalar that YAML typed as a boolean or number. Kept as its source
    /// text so that `id: 1.10` stays `1.10`.
    Plain(String),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub pos: Pos,
    /// Byte range in the source, when the parser knows it.
    pub bytes: Option<(usize, usize)>,
    /// Character range in the source: what the parser knows when it reads
    /// a stream rather than text held whole.
    pub chars: (usize, usize),
    pub value: Value,
}

impl Node {
    pub fn new(value: Value) -> Self {
        Node {
            pos: Pos::default(),
            bytes: None,
            chars: (0, 0),
            value,
        }
    }

    /// What kind of YAML value this is, in words for error messages.
    pub fn kind_name(&self) -> &'static str {
        match &self.value {
            Value::Null => "nothing (null)",
            Value::Plain(_) => "a number or boolean",
            Value::Str(_) => "text",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }

    /// The scalar text, for strings and for numbers and booleans alike.
    pub fn as_text(&self) -> Option<&str> {
        match &self.value {
            Value::Str(s) | Value::Plain(s) => Some(s),
            _ => None,
        }
    }

    /// Replace the parser's rendering of typed scalars by their source
    /// text, found in `source` by byte offset.
    pub fn restore_plain_text(&mut self, source: &str) {
        self.restore_with(&mut |node: &Node| {
            let (start, len) = node.bytes?;
            source.get(start..start + len).map(str::to_owned)
        });
    }

    /// Replace the parser's rendering of typed scalars by the text `raw`
    /// finds for their node.
    pub fn restore_with(&mut self, raw: &mut dyn FnMut(&Node) -> Option<String>) {
        match &self.value {
            Value::Plain(_) => {
                let Some(raw) = raw(self) else { return };
                // Past an anchor or a tag, the scalar's own text; an alias
                // (`*a`) points elsewhere, so the parser's value stands.
                let raw = raw.trim();
                let own = if raw.starts_with(['&', '!']) {
                    raw.rsplit(char::is_whitespace).next().unwrap_or(raw)
                } else {
                    raw
                };
                if !own.is_empty() && !own.starts_with(['*', '&', '!']) {
                    self.value = Value::Plain(own.to_owned());
                }
            }
            Value::Seq(_) | Value::Map(_) => {
                if let Value::Seq(items) = &mut self.value {
                    for n in items {
                        n.restore_with(raw);
                    }
                } else if let Value::Map(entries) = &mut self.value {
                    for (k, v) in entries {
                        k.restore_with(raw);
                        v.restore_with(raw);
                    }
                }
            }
            Value::Null | Value::Str(_) => {}
        }
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let spanned = serde_saphyr::Spanned::<Value>::deserialize(deserializer)?;
        Ok(Node::located(spanned.value, Some(spanned.referenced)))
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ValueVisitor)
    }
}

pub(crate) struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Plain(v.to_string()))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Plain(v.to_string()))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Plain(v.to_string()))
    }
    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Value, E> {
        Ok(Value::Plain(v.to_string()))
    }
    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Value, E> {
        Ok(Value::Plain(v.to_string()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        Ok(Value::Plain(v.to_string()))
    }
    fn visit_char<E: de::Error>(self, v: char) -> Result<Value, E> {
        Ok(Value::Str(v.to_string()))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
        Ok(Value::Str(v.to_owned()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Value, E> {
        Ok(Value::Str(v))
    }
    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Value, E> {
        Ok(Value::Str(String::from_utf8_lossy(v).into_owned()))
    }
    fn visit_none<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        Value::deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
        while let Some(node) = seq.next_element::<Node>()? {
            items.push(node);
        }
        Ok(Value::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<Node>()? {
            let value = map.next_value::<Node>()?;
            entries.push((key, value));
        }
        Ok(Value::Map(entries))
    }
}

/// How deep a YAML document may nest.
pub const MAX_DEPTH: usize = 24;

// How a scalar is spelled in YAML: the one rule the reader's key limit,
// the review's `can_hold` and the writer (`files::yaml::emit`) share.

/// Characters that YAML cannot carry in a block or plain scalar, that
/// parsers treat as line breaks, or that would hide or reorder text for
/// whoever reads the file (`text::is_hidden`: bidi controls, zero-width
/// characters): those are written as escapes, which read back the same.
pub fn needs_escape(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || crate::text::is_hidden(c)
        || matches!(c, '\u{fffe}' | '\u{ffff}')
}

/// A mapping key: plain when it reads back as the same text, else quoted.
pub fn key_scalar(key: &str) -> String {
    scalar(key)
}

/// A one-line scalar: plain when it reads back as the same string,
/// double-quoted otherwise.
pub fn scalar(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    push_scalar(&mut out, s);
    out
}

/// `scalar`, written onto the end of `out`.
pub fn push_scalar(out: &mut String, s: &str) {
    if plain_safe(s) {
        out.push_str(s);
    } else {
        push_quoted(out, s);
    }
}

/// Plain words YAML reads as null, booleans or numbers, in any case.
const NOT_TEXT: [&str; 12] = [
    "~", "null", "true", "false", "yes", "no", "on", "off", "y", "n", ".nan", ".inf",
];

fn plain_safe(s: &str) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    if s.trim() != s || s.chars().any(|c| needs_escape(c) || c == '\n' || c == '\t') {
        return false;
    }
    if "-?:,[]{}#&*!|>'\"%@`".contains(first) || s == "<<" {
        // `<<` alone is YAML's merge key.
        return false;
    }
    if s.contains(": ") || s.contains(" #") || s.ends_with(':') {
        return false;
    }
    // Document markers, and keys too long for YAML's implicit form.
    if s.starts_with("---") || s.starts_with("...") || s.len() > 1000 {
        return false;
    }
    // Words and numbers YAML would read as something other than text.
    if s.len() <= 5 && NOT_TEXT.iter().any(|w| w.eq_ignore_ascii_case(s)) {
        return false;
    }
    let numeric = s
        .chars()
        .all(|c| c.is_ascii_hexdigit() || "+-._:xXoO".contains(c));
    !(numeric && (first.is_ascii_digit() || "+-.".contains(first)))
}

/// A double-quoted scalar with escapes, which can hold any text exactly.
pub fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    push_quoted(&mut out, s);
    out
}

/// `quoted`, written onto the end of `out`.
pub fn push_quoted(out: &mut String, s: &str) {
    out.reserve(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if needs_escape(c) => {
                let code = u32::from(c);
                if code <= 0xff {
                    let _ = write!(out, "\\x{code:02x}");
                } else {
                    let _ = write!(out, "\\u{code:04x}");
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// The longest key (an item's id, among others) a file may have, as
/// written: YAML cannot write a longer one in its plain form.
pub const MAX_KEY: usize = 1000;

/// Whether a key is too long to be written back, quoted if need be.
pub fn too_long(key: &str) -> bool {
    // Each character is written as at most ten (`\U0010FFFF`), in quotes:
    // a short key is not measured.
    if key.len().saturating_mul(10).saturating_add(2) <= MAX_KEY {
        return false;
    }
    key_scalar(key).chars().count() > MAX_KEY
}

/// Keys kept as they were (`extra`), for the cache of what was read: the
/// nodes written field by field, as this module's own `Deserialize` (which
/// reads any YAML value) cannot read them back from a format that does not
/// say what comes next.
pub mod extra {
    use super::{Node, Pos, Value};
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    #[derive(Serialize, Deserialize)]
    struct Stored {
        pos: Pos,
        bytes: Option<(usize, usize)>,
        chars: (usize, usize),
        value: StoredValue,
    }

    #[derive(Serialize, Deserialize)]
    enum StoredValue {
        Null,
        Plain(String),
        Str(String),
        Seq(Vec<Stored>),
        Map(Vec<(Stored, Stored)>),
    }

    fn stored(node: &Node) -> Stored {
        Stored {
            pos: node.pos,
            bytes: node.bytes,
            chars: node.chars,
            value: match &node.value {
                Value::Null => StoredValue::Null,
                Value::Plain(s) => StoredValue::Plain(s.clone()),
                Value::Str(s) => StoredValue::Str(s.clone()),
                Value::Seq(items) => StoredValue::Seq(items.iter().map(stored).collect()),
                Value::Map(pairs) => {
                    StoredValue::Map(pairs.iter().map(|(k, v)| (stored(k), stored(v))).collect())
                }
            },
        }
    }

    fn node(stored: Stored) -> Node {
        Node {
            pos: stored.pos,
            bytes: stored.bytes,
            chars: stored.chars,
            value: match stored.value {
                StoredValue::Null => Value::Null,
                StoredValue::Plain(s) => Value::Plain(s),
                StoredValue::Str(s) => Value::Str(s),
                StoredValue::Seq(items) => Value::Seq(items.into_iter().map(node).collect()),
                StoredValue::Map(pairs) => {
                    Value::Map(pairs.into_iter().map(|(k, v)| (node(k), node(v))).collect())
                }
            },
        }
    }

    pub fn serialize<S: Serializer>(extra: &[(String, Node)], s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(extra.iter().map(|(key, value)| (key, stored(value))))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<(String, Node)>, D::Error> {
        let stored = Vec::<(String, Stored)>::deserialize(d)?;
        Ok(stored
            .into_iter()
            .map(|(key, value)| (key, node(value)))
            .collect())
    }
}
