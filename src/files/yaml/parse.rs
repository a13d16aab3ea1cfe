//! From bytes on disk to a checked YAML tree, with budgets that stop hostile
//! input early and errors that point at the offending line.

use crate::files::yaml::diag::{Diagnostic, LineIndex, from_yaml_error};
use crate::model::node::{Node, Pos, Value};

/// Decode `bytes` as UTF-8 (a leading byte-order mark is allowed) and parse
/// one YAML document into a tree.
pub fn parse(bytes: &[u8]) -> Result<(String, Node), Diagnostic> {
    match parse_all(bytes) {
        Ok((text, node, recovered)) => match recovered.into_iter().next() {
            Some(first) => Err(first),
            None => Ok((text, node)),
        },
        Err(mut problems) => Err(problems.remove(0)),
    }
}

/// As `parse`, reading past values a tag does not fit (`!!int x`): the
/// tree, and those problems, which make the file invalid but need not stop
/// the rest being checked. `Err` holds every problem found, in order, the
/// one that stopped the reading last.
pub fn parse_all(bytes: &[u8]) -> Result<(String, Node, Vec<Diagnostic>), Vec<Diagnostic>> {
    let text = decode(bytes.to_vec()).map_err(|d| vec![d])?;
    let (node, recovered) = read_recovering(&text, |text| {
        parse_seed_raw(text, std::marker::PhantomData::<Node>)
    });
    match node {
        Ok(node) => Ok((text, node, recovered)),
        Err(last) => {
            let mut all = recovered;
            all.push(last);
            Err(all)
        }
    }
}

/// Parse checked text (from `decode`) with `seed`, which builds the tree
/// as it likes; typed scalars get their source text back.
pub fn parse_seed<'s, S>(text: &'s str, seed: S) -> Result<Node, Diagnostic>
where
    S: serde::de::DeserializeSeed<'s, Value = Node>,
{
    let mut node = parse_seed_raw(text, seed).map_err(|e| from_yaml_error(&e, text))?;
    node.restore_plain_text(text);
    Ok(node)
}

/// Parse `text` with `seed`, giving the parser's own error.
pub fn parse_seed_raw<'s, S>(text: &'s str, seed: S) -> Result<Node, serde_saphyr::Error>
where
    S: serde::de::DeserializeSeed<'s, Value = Node>,
{
    serde_saphyr::with_deserializer_from_str_with_options(text, options(text.len()), |de| {
        seed.deserialize(de)
    })
}

/// How many tags that do not fit their values a file of `len` bytes may
/// have reported before the rest wait for those to be fixed: each costs a
/// reading of the file, so a large file gets fewer.
fn max_misfit_tags(len: usize) -> usize {
    (64 * 1024 * 1024 / len.max(1)).clamp(1, 32)
}

/// Read `source` with `read`, which parses the text it is given. A value
/// its tag does not fit (`!!int x`, `!!bool maybe`, `!!seq x`) stops the
/// parser; then the tag is reported, replaced by `!` and the text read again,
/// so the value is read as the text written and one run reports every
/// problem. Typed scalars get their source text back.
pub fn read_recovering(
    source: &str,
    mut read: impl FnMut(&str) -> Result<Node, serde_saphyr::Error>,
) -> (Result<Node, Diagnostic>, Vec<Diagnostic>) {
    let mut recovered = Vec::new();
    let mut patched: Option<String> = None;
    loop {
        let text = patched.as_deref().unwrap_or(source);
        let err = match read(text) {
            Ok(mut node) => {
                node.restore_plain_text(text);
                return (Ok(node), recovered);
            }
            Err(err) => err,
        };
        let Some((range, at)) = misfit_tag(text, &err) else {
            return (Err(from_yaml_error(&err, source)), recovered);
        };
        let tag = crate::text::inert_line(&text[range.clone()]).into_owned();
        let says = tag_meaning(&tag)
            .map(|what| format!(" ({what})"))
            .unwrap_or_default();
        recovered.push(
            Diagnostic::at(
                at,
                format!(
                    "the tag `{tag}`{says} does not fit the value after it, or cannot be read here; remove the tag: scrutiny reads every value as the text written"
                ),
            )
            .with_source(source),
        );
        if recovered.len() >= max_misfit_tags(source.len()) {
            let stop = Diagnostic::whole_file(format!(
                "reading stopped after {} tags that do not fit their values; remove them and check again for the rest",
                recovered.len()
            ));
            return (Err(stop), recovered);
        }
        // `!`, YAML's tag for plain text, in the tag's place: positions
        // stay, and an empty value stays a value.
        let mut next = text.to_owned();
        next.replace_range(range.clone(), &format!("!{}", " ".repeat(range.len() - 1)));
        patched = Some(next);
    }
}

/// What a YAML core tag says its value is, in words.
fn tag_meaning(tag: &str) -> Option<&'static str> {
    let name = tag
        .strip_prefix("!!")
        .or_else(|| tag.strip_prefix("!<tag:yaml.org,2002:")?.strip_suffix('>'))?;
    Some(match name {
        "int" => "a whole number",
        "float" => "a number",
        "bool" => "true or false",
        "null" => "null, nothing",
        "timestamp" => "a date or time",
        "binary" => "base64-encoded text",
        "str" => "text",
        "seq" => "a list",
        "map" => "a mapping",
        _ => return None,
    })
}

/// Where the tag stands that made the parser refuse the value at the
/// error's position, if that is what `err` is.
fn misfit_tag(text: &str, err: &serde_saphyr::Error) -> Option<(std::ops::Range<usize>, Pos)> {
    use serde_saphyr::Error;
    let cause = crate::files::yaml::diag::root_cause(err);
    if !matches!(
        cause,
        Error::InvalidScalar { .. }
            | Error::UnsupportedTag { .. }
            | Error::BinaryNotUtf8 { .. }
            | Error::InvalidBinaryBase64 { .. }
            | Error::TaggedScalarCannotDeserializeIntoString { .. }
            | Error::InvalidBooleanStrict { .. }
            | Error::NullIntoString { .. }
    ) {
        return None;
    }
    let location = err.location()?;
    let lines = LineIndex::new(text);
    let offset = byte_offset(&lines, text, location.line(), location.column())?;
    let bytes = text.as_bytes();
    let token_end = |from: usize| {
        from + bytes[from..]
            .iter()
            .position(u8::is_ascii_whitespace)
            .unwrap_or(bytes.len() - from)
    };
    // The tag may be where the parser points, or just before the value
    // it points at, perhaps with an anchor between.
    if bytes.get(offset) == Some(&b'!') {
        let range = offset..token_end(offset);
        return Some((range, lines.pos(text, offset)));
    }
    let mut end = offset;
    for _ in 0..2 {
        while end > 0 && bytes[end - 1].is_ascii_whitespace() {
            end -= 1;
        }
        let start = bytes[..end]
            .iter()
            .rposition(|b| b.is_ascii_whitespace() || matches!(b, b'[' | b'{' | b','))
            .map_or(0, |i| i + 1);
        match bytes.get(start) {
            Some(b'!') if start < end => return Some((start..end, lines.pos(text, start))),
            Some(b'&') if start < end => end = start,
            _ => return None,
        }
    }
    None
}

/// The byte offset of a 1-based line and column (in characters); the end
/// of the line for a column past it.
fn byte_offset(lines: &LineIndex, text: &str, line: u64, column: u64) -> Option<usize> {
    let found = lines.line(text, line)?;
    let start = lines.start(line)?;
    let skip = usize::try_from(column.saturating_sub(1)).ok()?;
    Some(
        start
            + found
                .char_indices()
                .nth(skip)
                .map_or(found.len(), |(i, _)| i),
    )
}

/// Parse a file as it is read, with `seed`; `len` is its size, for the
/// budgets. The caller restores typed scalars' text as it goes.
pub fn parse_reader<R, S>(reader: R, len: usize, seed: S) -> Result<Node, serde_saphyr::Error>
where
    R: std::io::Read,
    S: for<'de> serde::de::DeserializeSeed<'de, Value = Node>,
{
    // Errors are shown from the file read whole, so the parser need not
    // keep text for snippets.
    let mut options = options(len);
    options.with_snippet = false;
    serde_saphyr::with_deserializer_from_reader_with_options(reader, options, |de| {
        seed.deserialize(de)
    })
}

/// The file's bytes as text, in place: UTF-8 (a leading byte-order mark is
/// allowed), not empty, and without NUL bytes.
pub fn decode(bytes: Vec<u8>) -> Result<String, Diagnostic> {
    let text = utf8_text(bytes)?;
    if text.trim().is_empty() {
        return Err(Diagnostic::whole_file(
            "the file is empty; it needs at least the `inspection:` mapping and one item",
        ));
    }
    if let Some(offset) = text.find('\0') {
        let (pos, _) = LineIndex::locate(&text, offset);
        return Err(Diagnostic::at(
            pos,
            "the file holds a NUL byte, which YAML does not allow; is it a binary file?",
        )
        .with_source(&text));
    }
    Ok(text)
}

/// A text file's bytes as UTF-8 text, in place, without a leading
/// byte-order mark. A file in another encoding is refused with what it
/// looks like (UTF-16 as Windows Notepad saves it, Windows-1252) and how to
/// make it UTF-8.
pub fn utf8_text(mut bytes: Vec<u8>) -> Result<String, Diagnostic> {
    if let Some(what) = wide_encoding(&bytes) {
        return Err(Diagnostic::whole_file(format!(
            "the file is not UTF-8: it looks like {what}; save it as UTF-8 (in Notepad: File, Save as, Encoding: UTF-8) and try again"
        )));
    }
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(e) => Err(not_utf8(e.as_bytes(), e.utf8_error().valid_up_to())),
    }
}

/// UTF-16 or UTF-32, by its byte-order mark or, without one, by the NUL
/// that every other byte of mostly-ASCII text then is.
fn wide_encoding(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\xFF\xFE\0\0") || bytes.starts_with(b"\0\0\xFE\xFF") {
        return Some("UTF-32 (it starts with a UTF-32 byte-order mark)");
    }
    if bytes.starts_with(b"\xFF\xFE") {
        return Some(
            "UTF-16 (little-endian, with a byte-order mark), as Windows Notepad and PowerShell save text",
        );
    }
    if bytes.starts_with(b"\xFE\xFF") {
        return Some("UTF-16 (big-endian, with a byte-order mark)");
    }
    let head = &bytes[..bytes.len().min(4096) & !1];
    let pairs = head.len() / 2;
    if pairs < 4 {
        return None;
    }
    let nuls = |parity: usize| {
        head.iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (nuls(0), nuls(1));
    // Most of one half NUL, hardly any of the other.
    let most = |n: usize| n * 10 >= pairs * 7;
    let hardly = |n: usize| n * 10 <= pairs;
    if most(odd) && hardly(even) {
        Some("UTF-16 (little-endian, without a byte-order mark)")
    } else if most(even) && hardly(odd) {
        Some("UTF-16 (big-endian, without a byte-order mark)")
    } else {
        None
    }
}

/// The problem with bytes that are not UTF-8 from `valid_up_to` on: where,
/// and what they look like when that is cheap to tell.
fn not_utf8(bytes: &[u8], valid_up_to: usize) -> Diagnostic {
    // The valid prefix decodes, so this cannot fail; fall back to 1:1.
    let prefix = std::str::from_utf8(&bytes[..valid_up_to]).unwrap_or("");
    let (pos, line_start) = LineIndex::locate(prefix, prefix.len());
    let rest = &bytes[valid_up_to..];
    let rest = &rest[..rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len())];
    let legacy: Option<String> = rest
        .iter()
        .map(|&b| windows_1252(b))
        .collect::<Option<String>>()
        .filter(|_| !rest.contains(&0) && mostly_lone_high_bytes(rest));
    match legacy {
        Some(shown) => {
            let bad = shown.chars().next().unwrap_or('?');
            let line = format!("{}{shown}", &prefix[line_start..]);
            Diagnostic::at(
                pos,
                format!(
                    "the file is not UTF-8: it looks like Windows-1252 or Latin-1 (as older Windows programs save text), where this byte 0x{:02X} is `{}`; save it as UTF-8 and try again",
                    rest[0],
                    crate::text::inert(bad)
                ),
            )
            .with_line(Some(&line))
        }
        None => Diagnostic::at(
            pos,
            "the file is not UTF-8 text; save it as UTF-8 and try again",
        ),
    }
}

/// Whether most bytes above ASCII stand alone among ASCII ones, as accented
/// letters do in Windows-1252; encodings of Chinese or Japanese pair them.
fn mostly_lone_high_bytes(bytes: &[u8]) -> bool {
    let high = |i: usize| bytes.get(i).is_some_and(|&b| b >= 0x80);
    let (mut all, mut alone) = (0, 0);
    for i in 0..bytes.len() {
        if high(i) {
            all += 1;
            if !high(i + 1) && (i == 0 || !high(i - 1)) {
                alone += 1;
            }
        }
    }
    alone * 2 >= all
}

/// A byte as Windows-1252 decodes it; `None` for the five it leaves
/// undefined. Its 0xA0 to 0xFF are Latin-1's.
fn windows_1252(b: u8) -> Option<char> {
    const HIGH: [char; 32] = [
        '€', '\0', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\0', 'Ž', '\0', '\0',
        '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\0', 'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => Some(HIGH[usize::from(b - 0x80)]).filter(|&c| c != '\0'),
        _ => Some(char::from(b)),
    }
}

pub use crate::model::node::{MAX_KEY, too_long};

pub use crate::model::node::MAX_DEPTH;

/// The parser's budgets, raised in step with the file's size so a genuine
/// 100,000-item inspection loads, while depth and alias limits stay as they
/// are: no real inspection nests more than a few levels.
fn options(len: usize) -> serde_saphyr::Options {
    let mut budget = serde_saphyr::Budget::default();
    // Every node and event costs at least a byte or two of source, except
    // those an alias replays, which have budgets of their own.
    budget.max_nodes = budget.max_nodes.max(len);
    budget.max_events = budget.max_events.max(len.saturating_mul(2));
    budget.max_total_scalar_bytes = budget.max_total_scalar_bytes.max(len.saturating_mul(2));
    // Inspection and review files nest five or six levels; each level costs
    // stack while the tree is built, so allow a margin, not the default 64.
    budget.max_depth = MAX_DEPTH;
    budget.max_reader_input_bytes = Some(len.saturating_add(1));
    budget.flow_nesting_limit = MAX_DEPTH;
    let mut options = serde_saphyr::Options::default();
    options.budget = Some(budget);
    // `.inf`, `.nan` and `1e999` reach the tree as numbers, which keep the
    // text written: as a title they are that text, as a date a problem of
    // that field, never the end of the reading.
    options.non_finite_float_policy = serde_saphyr::NonFiniteFloatPolicy::PassThrough;
    options
}

/// The options the parser runs with under `options(len)`, for reading
/// its events directly (`files::inspection::fast`): the same limits, so
/// the two ways refuse the same input.
pub fn parser_options(len: usize) -> granit_parser::Options {
    let budget = options(len).budget.unwrap_or_default();
    let mut parser = granit_parser::Options::default();
    parser.simple_key_max_lookahead = budget.simple_key_max_lookahead;
    parser.flow_nesting_limit = budget.flow_nesting_limit;
    parser.block_nesting_limit = parser
        .block_nesting_limit
        .max(budget.max_depth.saturating_add(1));
    parser.emit_comments = true;
    parser.max_buffered_comment_events = budget.max_buffered_comment_events;
    parser
}

/// How the full reader types one plain scalar written as `text` (a single
/// word): `Str` for text, `Null`, or `Plain` for a boolean or number.
/// `None` if the parser refuses it alone.
pub fn plain_scalar(text: &str) -> Option<Value> {
    serde_saphyr::from_str_with_options::<Value>(text, options(text.len())).ok()
}

/// Reading a checked tree: helpers that record a problem and carry on, so
/// one run reports everything wrong with a file.
pub struct Checker<'s> {
    source: &'s str,
    /// Where the source's lines start, found at the first problem.
    lines: std::cell::OnceCell<LineIndex>,
    pub problems: Vec<Diagnostic>,
    /// What a reader should know that leaves the file valid.
    pub warnings: Vec<Diagnostic>,
}

impl<'s> Checker<'s> {
    pub fn new(source: &'s str) -> Self {
        Checker {
            source,
            lines: std::cell::OnceCell::new(),
            problems: Vec::new(),
            warnings: Vec::new(),
        }
    }

    pub fn report(&mut self, pos: Pos, message: impl Into<String>) {
        let line = self
            .lines
            .get_or_init(|| LineIndex::new(self.source))
            .line(self.source, pos.line);
        self.problems
            .push(Diagnostic::at(pos, message).with_line(line));
    }

    /// Every entry of a mapping whose key is text. `None` (and a report)
    /// when the node is not a mapping.
    pub fn entries<'n>(&mut self, node: &'n Node, what: &str) -> Option<Vec<(&'n str, &'n Node)>> {
        let Value::Map(entries) = &node.value else {
            self.report(
                node.pos,
                format!(
                    "{what} should be a mapping of keys to values, not {}",
                    node.kind_name()
                ),
            );
            return None;
        };
        let mut out: Vec<(&str, &Node)> = Vec::with_capacity(entries.len());
        let mut seen = Seen::with_capacity(entries.len());
        for (key, value) in entries {
            match key.as_text() {
                Some(name) if too_long(name) => self.report(
                    key.pos,
                    format!("a key in {what} is longer than {MAX_KEY} characters; shorten it"),
                ),
                // Two keys the same as text (one tagged, or a number and a
                // string) could not both be written back.
                Some(name) if !seen.insert(name) => self.report(
                    key.pos,
                    format!(
                        "the key `{}` appears twice in {what} (once with a tag or as another type); remove one",
                        crate::text::inert_line(name)
                    ),
                ),
                Some(name) => out.push((name, value)),
                None => self.report(key.pos, format!("a key in {what} must be text")),
            }
        }
        Some(out)
    }

    /// Check data kept as it is (keys this program does not know) can be
    /// written back: every key text, none twice.
    pub fn kept(&mut self, node: &Node) {
        match &node.value {
            Value::Map(entries) => {
                let mut seen = Seen::with_capacity(entries.len());
                for (key, value) in entries {
                    match key.as_text() {
                        Some(name) if !seen.insert(name) => self.report(
                            key.pos,
                            format!(
                                "the key `{}` appears twice (once with a tag or as another type); remove one",
                                crate::text::inert_line(name)
                            ),
                        ),
                        Some(name) if too_long(name) => self.report(
                            key.pos,
                            format!("a key longer than {MAX_KEY} characters; shorten it"),
                        ),
                        Some(_) => {}
                        None => self.report(
                            key.pos,
                            "a key that is a list or a mapping; scrutiny keeps unknown keys only as text",
                        ),
                    }
                    self.kept(value);
                }
            }
            Value::Seq(items) => items.iter().for_each(|n| self.kept(n)),
            _ => {}
        }
    }

    /// The entries of a mapping, reporting each key not in `allowed`, with
    /// the allowed keys and the closest one to a misspelling.
    pub fn mapping<'n>(
        &mut self,
        node: &'n Node,
        what: &str,
        allowed: &[&str],
    ) -> Option<Vec<(&'n str, &'n Node)>> {
        let mut entries = self.entries(node, what)?;
        let mut unknown = Vec::new();
        entries.retain(|(name, value)| {
            let known = allowed.contains(name);
            if !known {
                unknown.push((*name, value.pos));
            }
            known
        });
        for (name, _) in unknown {
            let hint = suggest(name, allowed)
                .map(|s| format!("did you mean `{s}`? "))
                .unwrap_or_default();
            let pos = key_pos(node, name);
            self.report(
                pos,
                format!(
                    "unknown key `{}` in {what}; {hint}allowed here: {}",
                    crate::text::inert_line(name),
                    allowed.join(", ")
                ),
            );
        }
        Some(entries)
    }

    /// A one-line text value; `None` for null.
    pub fn line(&mut self, node: &Node, key: &str) -> Option<String> {
        let text = self.line_as_written(node, key)?;
        self.warn_if_special_number(node, key, &text);
        Some(text)
    }

    /// A one-line value as written, for a field that reads it further (a
    /// date, a number, a status), which says itself what is wrong with it.
    pub fn line_as_written(&mut self, node: &Node, key: &str) -> Option<String> {
        let text = self.text_as_written(node, key)?;
        if text.contains(['\n', '\r']) {
            self.report(node.pos, format!("`{key}` must be a single line"));
            return None;
        }
        Some(text)
    }

    /// A text value, possibly several lines; `None` for null.
    pub fn text(&mut self, node: &Node, key: &str) -> Option<String> {
        let text = self.text_as_written(node, key)?;
        self.warn_if_special_number(node, key, &text);
        Some(text)
    }

    /// Text kept as written where YAML reads infinity or not-a-number
    /// (`.inf`, `.nan`, `1e999`): valid, but most likely not meant.
    fn warn_if_special_number(&mut self, node: &Node, key: &str, text: &str) {
        if !matches!(node.value, Value::Plain(_)) {
            return;
        }
        let Some(what) = special_number(text) else {
            return;
        };
        self.warnings.push(Diagnostic::warning_at(
            node.pos,
            format!(
                "`{key}` is `{}`, which YAML reads as {what}, not as text; it is kept as written: put it in quotes to say it is text",
                crate::text::inert_line(text)
            ),
        ));
    }

    /// A value's text, for strings and for numbers and booleans alike;
    /// `None` for null.
    fn text_as_written(&mut self, node: &Node, key: &str) -> Option<String> {
        match &node.value {
            Value::Null => None,
            Value::Str(s) | Value::Plain(s) => Some(s.clone()),
            _ => {
                self.report(
                    node.pos,
                    format!("`{key}` should be text, not {}", node.kind_name()),
                );
                None
            }
        }
    }

    /// A list of one-line texts, written `[a, b]` or one per line.
    pub fn list(&mut self, node: &Node, key: &str) -> Vec<(Pos, String)> {
        match &node.value {
            Value::Null => Vec::new(),
            Value::Seq(items) => items
                .iter()
                .filter_map(|n| self.list_entry(n, key).map(|s| (n.pos, s)))
                .collect(),
            _ => {
                self.report(
                    node.pos,
                    format!(
                        "`{key}` should be a list, such as `{key}: [first, second]`, not {}",
                        node.kind_name()
                    ),
                );
                Vec::new()
            }
        }
    }

    /// One entry of a list of one-line texts (as `list` reads each, and
    /// the streaming loader too, as it reads them).
    pub fn list_entry(&mut self, node: &Node, key: &str) -> Option<String> {
        if matches!(node.value, Value::Null) {
            self.report(
                node.pos,
                format!(
                    "an entry of `{key}` is empty (`~`, `null` or nothing); remove it, or quote it if it is text"
                ),
            );
        }
        self.line(node, key)
    }

    /// An ISO calendar date, `YYYY-MM-DD`.
    pub fn date(&mut self, node: &Node, key: &str) -> Option<jiff::civil::Date> {
        let text = self.line_as_written(node, key)?;
        match parse_date(&text) {
            Ok(date) => Some(date),
            Err(why) => {
                self.report(node.pos, format!("`{key}`: {why}"));
                None
            }
        }
    }

    /// An identifier: letters, digits, '-', '_', '.'.
    pub fn id(&mut self, node: &Node, key: &str) -> Option<String> {
        let text = self.line(node, key)?;
        if text.is_empty() {
            self.report(node.pos, format!("`{key}` is empty"));
            return None;
        }
        if too_long(&text) {
            self.report(
                node.pos,
                format!("`{key}` is longer than {MAX_KEY} characters; shorten it"),
            );
            return None;
        }
        if let Some(bad) = text
            .chars()
            .find(|c| !(c.is_alphanumeric() || matches!(c, '-' | '_' | '.')))
        {
            self.report(
                node.pos,
                format!(
                    "`{key}` `{}` has the character {:?}; ids use only letters, digits, '-', '_' and '.'",
                    crate::text::inert_line(&text),
                    bad
                ),
            );
            return None;
        }
        Some(text)
    }
}

/// The keys of a mapping seen so far: a few looked through, many hashed
/// (an item has a handful; a file may have a mapping of thousands).
enum Seen<'a> {
    Few(Vec<&'a str>),
    Many(std::collections::HashSet<&'a str>),
}

impl<'a> Seen<'a> {
    fn with_capacity(n: usize) -> Self {
        if n <= 16 {
            Seen::Few(Vec::with_capacity(n))
        } else {
            Seen::Many(std::collections::HashSet::with_capacity(n))
        }
    }

    /// Whether `key` is new, as `HashSet::insert` says.
    fn insert(&mut self, key: &'a str) -> bool {
        match self {
            Seen::Few(keys) if keys.contains(&key) => false,
            Seen::Few(keys) => {
                keys.push(key);
                true
            }
            Seen::Many(keys) => keys.insert(key),
        }
    }
}

/// What a number YAML reads from `text` is, when it is no number at all:
/// infinity (`.inf`, `1e999`) or not a number (`.nan`).
fn special_number(text: &str) -> Option<&'static str> {
    let t = text
        .trim()
        .trim_start_matches(['+', '-'])
        .to_ascii_lowercase();
    if t == ".nan" {
        return Some("NaN, not a number");
    }
    if t == ".inf" {
        return Some("the number infinity");
    }
    match t.replace('_', "").parse::<f64>() {
        Ok(n) if n.is_infinite() => Some("the number infinity (too large for any other)"),
        Ok(n) if n.is_nan() => Some("NaN, not a number"),
        _ => None,
    }
}

/// Where the key `name` stands in a mapping node.
fn key_pos(node: &Node, name: &str) -> Pos {
    match &node.value {
        Value::Map(entries) => entries
            .iter()
            .find(|(k, _)| k.as_text() == Some(name))
            .map_or(node.pos, |(k, _)| k.pos),
        _ => node.pos,
    }
}

/// Parse a strict `YYYY-MM-DD` date, saying in words what is wrong.
pub fn parse_date(text: &str) -> Result<jiff::civil::Date, String> {
    let shape_ok = text.len() == 10
        && text.char_indices().all(|(i, c)| {
            if i == 4 || i == 7 {
                c == '-'
            } else {
                c.is_ascii_digit()
            }
        });
    if !shape_ok {
        return Err(format!(
            "`{}` is not a date in the form YYYY-MM-DD (for example 2020-03-09)",
            crate::text::inert_line(text)
        ));
    }
    let number = |range: std::ops::Range<usize>| text[range].parse::<i16>().unwrap_or(0);
    let (year, month, day) = (number(0..4), number(5..7), number(8..10));
    jiff::civil::Date::new(
        year,
        i8::try_from(month).unwrap_or(0),
        i8::try_from(day).unwrap_or(0),
    )
    .map_err(|_| {
        if (1..=12).contains(&month) {
            format!("`{text}` is not a real calendar date: that month has fewer days")
        } else {
            format!("`{text}` is not a real calendar date: there is no month {month}")
        }
    })
}

/// The allowed key closest to a misspelt one, if it is close enough.
fn suggest<'a>(name: &str, allowed: &[&'a str]) -> Option<&'a str> {
    allowed
        .iter()
        .map(|a| (edit_distance(name, a), *a))
        .filter(|(d, a)| *d <= 2.max(a.len() / 4))
        .min_by_key(|(d, _)| *d)
        .map(|(_, a)| a)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            let next = (row[j + 1] + 1).min(row[j] + 1).min(prev + cost);
            prev = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_must_be_real_and_iso() {
        assert!(parse_date("2024-02-29").is_ok());
        assert!(
            parse_date("2021-02-30")
                .unwrap_err()
                .contains("not a real calendar date")
        );
        assert!(
            parse_date("2021-13-01")
                .unwrap_err()
                .contains("no month 13")
        );
        assert!(
            parse_date("9 March 2020")
                .unwrap_err()
                .contains("YYYY-MM-DD")
        );
        assert!(parse_date("2020-3-9").is_err());
    }

    #[test]
    fn misspelt_keys_get_a_suggestion() {
        let allowed = ["findings", "recommendations", "strengths"];
        assert_eq!(suggest("recomendations", &allowed), Some("recommendations"));
        assert_eq!(suggest("zzz", &allowed), None);
    }

    #[test]
    fn bom_is_allowed_and_bad_utf8_points_at_the_byte() {
        let (text, _) = parse(b"\xEF\xBB\xBFa: 1\n").expect("bom");
        assert_eq!(text, "a: 1\n");
        let err = parse(b"a: 1\nb: \xff\n").unwrap_err();
        assert_eq!(err.pos, Some(Pos { line: 2, column: 4 }));
        assert!(err.message.contains("not UTF-8"));
    }
}
