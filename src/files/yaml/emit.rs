//! The one YAML writer: the review file, the keys kept from someone else's
//! file, and the inspection file `scrutiny import` writes all go through
//! it, so scalars, quoting, block scalars and escapes are decided here.
//!
//! Written by hand rather than through serde-saphyr's serializer, which was
//! measured against it: on the review fixture and 2,000 reviews of awkward
//! text (as the property tests build them) it wrote different bytes for
//! all but 3; it quotes times (`at: "2020-03-10T08:30:00Z"`), so a no-op
//! save of every existing file would rewrite it; and it writes hidden
//! characters (zero-width, bidi, U+0085) as they are rather than as
//! escapes, in 815 of them. It also took 2.3x as long for 10,000
//! annotations (27 ms against 12, release build). This writer keeps the
//! format's rules: two-space indents, stable key order, notes as literal
//! block scalars kept byte for byte, quotes only where needed, hidden
//! characters escaped, and keys too long for YAML's implicit form written
//! as explicit `? key` entries.

use std::fmt::Write as _;

use crate::model::node::{Node, Value, needs_escape, push_quoted, push_scalar};
pub use crate::model::node::{key_scalar, quoted, scalar};

#[derive(Default)]
pub struct Emitter {
    out: String,
}

impl Emitter {
    pub fn finish(self) -> String {
        self.out
    }

    /// How much has been written.
    pub fn len(&self) -> usize {
        self.out.len()
    }

    pub fn is_empty(&self) -> bool {
        self.out.is_empty()
    }

    /// Take back what was written from `len` on.
    pub fn truncate(&mut self, len: usize) {
        self.out.truncate(len);
    }

    /// Text already laid out by another emitter.
    pub fn raw(&mut self, text: &str) {
        self.out.push_str(text);
    }

    pub fn line(&mut self, indent: usize, text: &str) {
        push_indent(&mut self.out, indent);
        self.out.push_str(text);
        self.out.push('\n');
    }

    /// A line written straight from `format_args!`, with no string between.
    pub fn line_args(&mut self, indent: usize, args: std::fmt::Arguments) {
        push_indent(&mut self.out, indent);
        let _ = self.out.write_fmt(args);
        self.out.push('\n');
    }

    /// `key:` on a line of its own, for a value written under it.
    pub fn key_line(&mut self, indent: usize, key: &str) {
        push_indent(&mut self.out, indent);
        push_key(&mut self.out, indent, key);
        self.out.push_str(":\n");
    }

    /// `- key: text`: a list item that is a mapping, and its first pair.
    /// `- text`, an entry of a list of one-line texts, plain where it reads
    /// back the same, else quoted.
    pub fn item_str(&mut self, indent: usize, text: &str) {
        push_indent(&mut self.out, indent);
        self.out.push_str("- ");
        push_scalar(&mut self.out, text);
        self.out.push('\n');
    }

    pub fn item_pair_str(&mut self, indent: usize, key: &str, text: &str) {
        push_indent(&mut self.out, indent);
        self.out.push_str("- ");
        push_key(&mut self.out, indent + 2, key);
        self.out.push_str(": ");
        push_scalar(&mut self.out, text);
        self.out.push('\n');
    }

    /// `key: [a, b]`, each item written as `style` says.
    pub fn flow_pair<'t>(
        &mut self,
        indent: usize,
        key: &str,
        style: Flow,
        items: impl IntoIterator<Item = &'t str>,
    ) {
        push_indent(&mut self.out, indent);
        push_key(&mut self.out, indent, key);
        self.out.push_str(": [");
        for (n, item) in items.into_iter().enumerate() {
            if n > 0 {
                self.out.push_str(", ");
            }
            match style {
                // Plain text in a flow list cannot hold its punctuation.
                Flow::Scalar if item.contains([',', '[', ']', '{', '}']) => {
                    push_quoted(&mut self.out, item);
                }
                Flow::Scalar => push_scalar(&mut self.out, item),
                Flow::Quoted => push_quoted(&mut self.out, item),
                Flow::AsIs => self.out.push_str(item),
            }
        }
        self.out.push_str("]\n");
    }

    /// `key: value` for a scalar value.
    pub fn pair(&mut self, indent: usize, key: &str, value: &Value) {
        match value {
            Value::Str(s) => self.pair_str(indent, key, s),
            Value::Plain(s) => {
                push_indent(&mut self.out, indent);
                push_key(&mut self.out, indent, key);
                self.out.push_str(": ");
                self.out.push_str(s);
                self.out.push('\n');
            }
            _ => {
                push_indent(&mut self.out, indent);
                push_key(&mut self.out, indent, key);
                self.out.push_str(": \n");
            }
        }
    }

    /// `key: text`, the text plain where it reads back the same, else quoted.
    pub fn pair_str(&mut self, indent: usize, key: &str, text: &str) {
        push_indent(&mut self.out, indent);
        push_key(&mut self.out, indent, key);
        self.out.push_str(": ");
        push_scalar(&mut self.out, text);
        self.out.push('\n');
    }

    /// `key: |` and the text as a literal block, kept byte for byte; falls
    /// back to a quoted string for text a block cannot hold exactly.
    pub fn block_text(&mut self, indent: usize, key: &str, text: &str) {
        if !block_safe(text) {
            push_indent(&mut self.out, indent);
            push_key(&mut self.out, indent, key);
            self.out.push_str(": ");
            push_quoted(&mut self.out, text);
            self.out.push('\n');
            return;
        }
        let trailing = text.len() - text.trim_end_matches('\n').len();
        let chomp = match trailing {
            0 => "-",
            1 => "",
            _ => "+",
        };
        // Auto-detected indentation would swallow leading spaces.
        let indicator = if text.trim_start_matches('\n').starts_with(' ') {
            "2"
        } else {
            ""
        };
        push_indent(&mut self.out, indent);
        push_key(&mut self.out, indent, key);
        self.out.push_str(": |");
        self.out.push_str(indicator);
        self.out.push_str(chomp);
        self.out.push('\n');
        let body = text.strip_suffix('\n').unwrap_or(text);
        for line in body.split('\n') {
            if line.is_empty() {
                self.out.push('\n');
            } else {
                self.line(indent + 2, line);
            }
        }
    }

    /// `key:` and any YAML value, for keys kept from someone else's file.
    pub fn node_pair(&mut self, indent: usize, key: &str, value: &Node) {
        match &value.value {
            Value::Str(s) if s.contains('\n') => self.block_text(indent, key, s),
            Value::Str(_) | Value::Plain(_) => self.pair(indent, key, &value.value),
            Value::Null => self.key_line(indent, key),
            Value::Seq(items) if items.is_empty() => self.key_then(indent, key, " []"),
            Value::Map(entries) if entries.is_empty() => self.key_then(indent, key, " {}"),
            Value::Seq(items) => {
                self.key_line(indent, key);
                for item in items {
                    self.seq_item(indent + 2, item);
                }
            }
            Value::Map(entries) => {
                self.key_line(indent, key);
                self.map_entries(indent + 2, entries);
            }
        }
    }

    /// `key:` and `rest` on the line.
    pub fn key_then(&mut self, indent: usize, key: &str, rest: &str) {
        push_indent(&mut self.out, indent);
        push_key(&mut self.out, indent, key);
        self.out.push(':');
        self.out.push_str(rest);
        self.out.push('\n');
    }

    fn map_entries(&mut self, indent: usize, entries: &[(Node, Node)]) {
        for (k, v) in entries {
            let name = k.as_text().unwrap_or("~");
            self.node_pair(indent, name, v);
        }
    }

    fn seq_item(&mut self, indent: usize, item: &Node) {
        match &item.value {
            Value::Map(entries) if !entries.is_empty() => {
                // The first pair sits on the dash line; the rest line up with it.
                let mut inner = Emitter::default();
                inner.map_entries(indent + 2, entries);
                let text = inner.finish();
                push_indent(&mut self.out, indent);
                self.out.push_str("- ");
                self.out.push_str(&text[indent + 2..]);
            }
            Value::Seq(items) if !items.is_empty() => {
                self.line(indent, "-");
                for inner in items {
                    self.seq_item(indent + 2, inner);
                }
            }
            Value::Str(s) if s.contains('\n') => self.line(indent, &format!("- {}", quoted(s))),
            Value::Str(s) => self.line(indent, &format!("- {}", scalar(s))),
            Value::Plain(s) => self.line(indent, &format!("- {s}")),
            Value::Null => self.line(indent, "- ~"),
            Value::Seq(_) => self.line(indent, "- []"),
            Value::Map(_) => self.line(indent, "- {}"),
        }
    }
}

fn push_indent(out: &mut String, indent: usize) {
    const SPACES: &str = "                ";
    match SPACES.get(..indent) {
        Some(spaces) => out.push_str(spaces),
        None => out.extend(std::iter::repeat_n(' ', indent)),
    }
}

fn block_safe(text: &str) -> bool {
    !text.is_empty()
        && text.chars().any(|c| !c.is_whitespace())
        && !text.chars().any(needs_escape)
        && !text.starts_with('\t')
        && !text.contains("\n\t")
        // A line holding only spaces right after the header changes the
        // detected indentation.
        && !text.lines().next().is_some_and(|l| l.trim().is_empty())
}

/// How the items of a flow list are written.
#[derive(Clone, Copy)]
pub enum Flow {
    /// Plain where that reads back the same in a flow list, else quoted.
    Scalar,
    /// Always double-quoted: `quoted`.
    Quoted,
    /// As given, for text known to be plain (ids).
    AsIs,
}

/// The most characters YAML allows an implicit key (one written `key:`),
/// from its first character to the `:`.
const IMPLICIT_KEY: usize = 1024;

/// A mapping key at `indent`, as `key_scalar` writes it; one too long for
/// the implicit form is written explicitly, `? key` and then `: ` on the
/// next line at the same indent, where the caller writes the `:` and value.
fn push_key(out: &mut String, indent: usize, key: &str) {
    let start = out.len();
    push_scalar(out, key);
    if out[start..].chars().count() <= IMPLICIT_KEY {
        return;
    }
    out.insert_str(start, "? ");
    out.push('\n');
    push_indent(out, indent);
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::Emitter;

    #[test]
    fn a_key_too_long_for_the_implicit_form_is_written_explicitly() {
        // YAML reads an implicit key of at most 1024 characters; a key over
        // 1000 is quoted, so 1022 letters make 1024.
        for (key, explicit) in [
            ("k".repeat(1022), false),
            ("k".repeat(1023), true),
            ("\u{1}".repeat(300), true),
        ] {
            let mut out = Emitter::default();
            out.pair_str(0, &key, "value");
            let text = out.finish();
            assert_eq!(text.starts_with("? "), explicit, "{text}");
            let read: BTreeMap<String, String> =
                serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
            assert_eq!(read.get(&key).map(String::as_str), Some("value"), "{text}");

            let mut out = Emitter::default();
            out.key_line(2, &key);
            out.pair_str(4, "inner", "x");
            let text = format!("outer:\n{}", out.finish());
            let read: BTreeMap<String, BTreeMap<String, BTreeMap<String, String>>> =
                serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
            assert_eq!(read["outer"][&key]["inner"], "x", "{text}");
        }
    }

    #[test]
    fn a_flow_list_of_text_reads_back_as_the_same_items() {
        let items = ["plain", "a, b", "x]", "{y}", "[z", "true", "a: b"];
        let mut out = Emitter::default();
        out.flow_pair(0, "tags", super::Flow::Scalar, items);
        let text = out.finish();
        let read: BTreeMap<String, Vec<String>> =
            serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
        assert_eq!(read["tags"], items, "{text}");
        assert!(text.starts_with("tags: [plain, "), "{text}");
    }
}
