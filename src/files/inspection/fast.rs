//! The quick way through a plain inspection file: the YAML parser's events
//! read straight into nodes, without the serde layer the full reader goes
//! through (`super::stream`), which costs three times the parsing itself.
//!
//! Only a file the full reader would load gets through here, and it loads
//! to the very same inspection and warnings: anything this reader does not
//! do exactly as the full one does (anchors, aliases, tags, directives, a
//! second document, a key that is not text, a key twice, deep nesting, a
//! parser error, any problem at all) gives up, and the full reader reads
//! the file again and says what it finds. The tests hold the two readers
//! to the same results.

use std::borrow::Cow;
use std::sync::atomic::{AtomicUsize, Ordering};

use granit_parser::{Event, Parser, ScalarStyle, Span};

use super::Warnings;
use super::item::{Lists, Loaded, compact, read_item};
use crate::files::yaml::diag::Diagnostics;
use crate::files::yaml::parse::{Checker, parser_options, plain_scalar};
use crate::model::inspection::{Inspection, Kind, Strings};
use crate::model::node::{MAX_DEPTH, Node, Pos, Value};

/// `text` (checked by `decode`) loaded as the full reader loads it, if
/// it is valid and plain enough to read here; `None` to read it in full.
pub(super) fn load(text: &str) -> Option<(Inspection, Warnings)> {
    load_counting(text, None)
}

/// `load`, adding the bytes read to `progress` as each item is read.
pub(super) fn load_counting(
    text: &str,
    progress: Option<&AtomicUsize>,
) -> Option<(Inspection, Warnings)> {
    let mut reader = Reader {
        text,
        events: Parser::new_from_str_with_options(text, parser_options(text.len())),
        depth: 0,
        progress: progress.map(|p| (p, 0)),
    };
    let mut check = Checker::new(text);
    let mut items = Vec::new();
    let root = reader.document(&mut check, &mut items)?;
    if !check.problems.is_empty() {
        return None;
    }
    let inspection = super::read_root(&mut check, &root, items)?;
    reader.count(text.len());
    check
        .problems
        .is_empty()
        .then(|| (inspection, Diagnostics::sorted(check.warnings).0))
}

struct Reader<'s> {
    text: &'s str,
    events: Parser<'s, granit_parser::StrInput<'s>>,
    depth: usize,
    /// Where to add the bytes read, and how many have been added.
    progress: Option<(&'s AtomicUsize, usize)>,
}

impl<'s> Reader<'s> {
    /// The file read up to byte `at`, for whoever shows progress.
    fn count(&mut self, at: usize) {
        if let Some((progress, counted)) = &mut self.progress
            && at > *counted
        {
            progress.fetch_add(at - *counted, Ordering::Relaxed);
            *counted = at;
        }
    }

    /// The next event that stands for something in the data (comments
    /// are skipped); `None` at an error or the end.
    fn next(&mut self) -> Option<(Event<'s>, Span)> {
        loop {
            match self.events.next_event()? {
                Ok((Event::Comment(..), _)) => {}
                Ok(found) => return Some(found),
                Err(_) => return None,
            }
        }
    }

    /// The one document of the file, its item lists read into `items` as
    /// the full reader reads them (each left an empty list in the tree).
    fn document(&mut self, check: &mut Checker, items: &mut Vec<Loaded>) -> Option<Node> {
        let (Event::StreamStart, _) = self.next()? else {
            return None;
        };
        // A `%YAML` directive is for the full reader to judge.
        let (Event::DocumentStart(_, None), _) = self.next()? else {
            return None;
        };
        let (Event::MappingStart(_, 0, None), span) = self.next()? else {
            return None;
        };
        self.depth = 1;
        let entries = self.entries(|reader, key, event, at| {
            match (key.as_text().and_then(Kind::from_key), event) {
                (Some(kind), Event::SequenceStart(_, 0, None)) => {
                    reader.items(check, kind, items)?;
                    Some(Self::located(Value::Seq(Vec::new()), at))
                }
                (_, event) => reader.node(event, at),
            }
        })?;
        let (Event::DocumentEnd, _) = self.next()? else {
            return None;
        };
        // A second document is for the full reader to refuse.
        let (Event::StreamEnd, _) = self.next()? else {
            return None;
        };
        Some(Self::located(Value::Map(entries), span))
    }

    /// A mapping's entries up to its end, each value read by `value` from
    /// its first event; no key twice.
    fn entries(
        &mut self,
        mut value: impl FnMut(&mut Self, &Node, Event<'s>, Span) -> Option<Node>,
    ) -> Option<Vec<(Node, Node)>> {
        let mut entries = Vec::new();
        loop {
            let (event, at) = self.next()?;
            if let Event::MappingEnd = event {
                break;
            }
            let key = self.key(event, at)?;
            let (event, at) = self.next()?;
            let value = value(self, &key, event, at)?;
            entries.push((key, value));
        }
        distinct(&entries)?;
        Some(entries)
    }

    /// One item list, each item checked and kept as it is read.
    fn items(&mut self, check: &mut Checker, kind: Kind, items: &mut Vec<Loaded>) -> Option<()> {
        let what = format!("an item of `{}`", kind.key());
        self.depth += 1;
        loop {
            let (event, at) = self.next()?;
            if let Event::SequenceEnd = event {
                break;
            }
            let mut node = self.node(event, at)?;
            self.count(node.bytes.map_or(0, |(from, len)| from + len));
            let lists = take_lists(check, kind, &mut node);
            items.extend(read_item(check, &node, kind, &what, lists));
        }
        self.depth -= 1;
        Some(())
    }

    /// The node that starts with `event`.
    fn node(&mut self, event: Event<'s>, at: Span) -> Option<Node> {
        match event {
            Event::Scalar(value, style, 0, None) => {
                let value = self.scalar(value, style, &at)?;
                Some(Self::located(value, at))
            }
            Event::SequenceStart(_, 0, None) => {
                self.deeper()?;
                let mut list = Vec::new();
                loop {
                    let (event, next) = self.next()?;
                    if let Event::SequenceEnd = event {
                        break;
                    }
                    list.push(self.node(event, next)?);
                }
                self.depth -= 1;
                Some(Self::located(Value::Seq(list), at))
            }
            Event::MappingStart(_, 0, None) => {
                self.deeper()?;
                let entries = self.entries(|reader, _, event, at| reader.node(event, at))?;
                self.depth -= 1;
                Some(Self::located(Value::Map(entries), at))
            }
            // Anchors, aliases and tags, and anything unlooked-for.
            _ => None,
        }
    }

    /// One level deeper, if the full reader would go there too.
    fn deeper(&mut self) -> Option<()> {
        self.depth += 1;
        // Well short of the full reader's limit, so the two never differ
        // on where it lies.
        (self.depth < MAX_DEPTH - 4).then_some(())
    }

    /// A mapping key: text, and not YAML's merge key.
    fn key(&mut self, event: Event<'s>, at: Span) -> Option<Node> {
        let key = self.node(event, at)?;
        match &key.value {
            Value::Str(text) if text != "<<" => Some(key),
            _ => None,
        }
    }

    /// A scalar's value as the full reader types it: quoted and block
    /// scalars are text; a plain one is nothing, a boolean, a number
    /// (those two kept as written) or text.
    fn scalar(&self, value: Cow<'s, str>, style: ScalarStyle, at: &Span) -> Option<Value> {
        if style != ScalarStyle::Plain {
            return Some(Value::Str(value.into_owned()));
        }
        if matches!(&*value, "" | "~" | "null" | "Null" | "NULL") {
            return Some(Value::Null);
        }
        let typed = if is_boolean(&value) {
            true
        } else if may_be_number(&value) {
            // Rare (ids such as 1.10, counts): the full reader's own rules.
            match plain_scalar(&value)? {
                Value::Str(_) => false,
                Value::Null => return Some(Value::Null),
                _ => true,
            }
        } else {
            false
        };
        if !typed {
            return Some(Value::Str(value.into_owned()));
        }
        // As written, as the full reader restores it.
        let written = at
            .byte_range()
            .and_then(|range| self.text.get(range))
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .unwrap_or(&value);
        Some(Value::Plain(written.to_owned()))
    }

    /// A node of `value` where `at` begins, as the full reader places it.
    fn located(value: Value, at: Span) -> Node {
        let start = at.start;
        let bytes = at
            .start
            .byte_offset()
            .zip(at.end.byte_offset())
            .map(|(from, to)| (from, to.saturating_sub(from)));
        Node {
            pos: Pos {
                line: start.line() as u64,
                column: start.col() as u64 + 1,
            },
            bytes,
            chars: (start.index(), at.len()),
            value,
        }
    }
}

/// No key twice in a mapping (the full reader refuses it); `None` if one is.
fn distinct(entries: &[(Node, Node)]) -> Option<()> {
    let mut keys: Vec<&str> = entries.iter().filter_map(|(k, _)| k.as_text()).collect();
    if keys.len() < 16 {
        for (i, key) in keys.iter().enumerate() {
            if keys[..i].contains(key) {
                return None;
            }
        }
        return Some(());
    }
    keys.sort_unstable();
    keys.windows(2).all(|w| w[0] != w[1]).then_some(())
}

/// YAML 1.1's booleans, which the full reader reads (in any case).
fn is_boolean(text: &str) -> bool {
    ["true", "false", "yes", "no", "y", "n", "on", "off"]
        .iter()
        .any(|word| word.eq_ignore_ascii_case(text))
}

/// Whether a plain scalar could be read as a number: a sign, then a digit
/// or a point, and nothing a number cannot hold (a sign only first or
/// after an exponent's `e`). Loose on purpose: what passes is looked at
/// by the full reader's rules; what fails is surely text.
fn may_be_number(text: &str) -> bool {
    let unsigned = text.strip_prefix(['+', '-']).unwrap_or(text);
    if !unsigned.starts_with(|c: char| c.is_ascii_digit() || c == '.') {
        return false;
    }
    let bytes = unsigned.as_bytes();
    bytes.iter().enumerate().all(|(i, b)| match b {
        b'+' | b'-' => i > 0 && matches!(bytes[i - 1], b'e' | b'E'),
        b => {
            b.is_ascii_hexdigit()
                || matches!(
                    b,
                    b'.' | b'_' | b'x' | b'X' | b'o' | b'O' | b'i' | b'I' | b'n' | b'N'
                )
        }
    })
}

/// An item's lists of texts, taken out of its node as the full reader
/// takes them while it streams (`stream::ItemValue`): the first `tags`,
/// `links` and `directed_to` that are lists, each value checked.
fn take_lists(check: &mut Checker, kind: Kind, node: &mut Node) -> Lists {
    let mut lists = Lists {
        restored: true,
        ..Lists::default()
    };
    let Value::Map(entries) = &mut node.value else {
        return lists;
    };
    let mut seen: Vec<&str> = Vec::new();
    for (key, value) in entries.iter_mut() {
        let name = key
            .as_text()
            .and_then(|k| kind.allowed_keys().iter().find(|a| **a == k))
            .copied()
            .filter(|k| !seen.contains(k));
        seen.extend(name);
        let (Some(name @ ("tags" | "links" | "directed_to")), Value::Seq(list)) =
            (name, &mut value.value)
        else {
            continue;
        };
        let mut strings = Strings::new();
        let mut at = Vec::new();
        for entry in list.drain(..) {
            if let Some(text) = check.list_entry(&entry, name) {
                strings.push(&text);
                if name == "links" {
                    at.push(compact(entry.pos));
                }
            }
        }
        match name {
            "tags" => lists.tags = Some(strings),
            "links" => lists.links = Some((strings, at)),
            _ => lists.directed_to = Some(strings),
        }
    }
    lists
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::load;

    /// What the full reader makes of `text`, when it loads.
    fn in_full(text: &str) -> Option<(crate::model::inspection::Inspection, super::Warnings)> {
        super::super::load_in_full(text).ok()
    }

    /// The quick reader loads only what the full one loads, and to the
    /// same inspection and warnings; `true` if it loaded `text`.
    fn agrees(text: &str) -> bool {
        let quick = load(text);
        if let Some(quick) = &quick {
            let full = in_full(text);
            assert_eq!(
                Some(quick),
                full.as_ref(),
                "the two readers differ on:\n{text}"
            );
        }
        quick.is_some()
    }

    const HEAD: &str =
        "version: 1\ninspection:\n  id: t-1\n  title: A test\n  published: 2020-03-09\n";

    fn with_head(rest: &str) -> String {
        format!("{HEAD}{rest}")
    }

    #[test]
    fn every_file_in_the_repository_reads_the_same_both_ways() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut stack = vec![root.join("data"), root.join("tests")];
        let (mut quick, mut full) = (0, 0);
        while let Some(dir) = stack.pop() {
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            for entry in entries.flatten() {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                    continue;
                }
                let is_yaml = path.extension().is_some_and(|e| e == "yaml" || e == "yml");
                let Ok(text) = std::fs::read_to_string(&path) else {
                    continue;
                };
                if !is_yaml || text.starts_with('\u{feff}') {
                    continue;
                }
                full += usize::from(in_full(&text).is_some());
                quick += usize::from(agrees(&text));
            }
        }
        // The bundled example and the valid fixtures take the quick way.
        assert!(
            full > 0 && quick == full,
            "{quick} of {full} valid files read quickly"
        );
    }

    #[test]
    #[ignore = "reads SCRUTINY_COMPARE_DIR"]
    fn a_folder_reads_the_same_both_ways() {
        let dir = std::env::var("SCRUTINY_COMPARE_DIR").unwrap_or_default();
        let mut n = 0;
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
            assert!(agrees(&text), "{}", entry.path().display());
            n += 1;
        }
        assert!(n > 0);
    }

    #[test]
    fn plain_files_take_the_quick_way_and_load_the_same() {
        let cases = [
            "findings:\n  - id: F1\n    title: First\n",
            // Explicit document markers, comments everywhere, CRLF.
            "findings: # the list\n  # an item\n  - id: F1 # id\n    title: First\n...\n",
            "findings:\r\n  - id: F1\r\n    title: \"First\"\r\n    text: |\r\n      Two\r\n      lines\r\n",
            // Flow collections, quoted keys, every block scalar style.
            "findings: [{id: F1, title: 'It''s first', tags: [a, \"b c\"]}]\n",
            "\"findings\":\n  - 'id': F1\n    title: >-\n      Folded\n      text\n    text: |+\n      Kept\n\n",
            "findings:\n  - id: F1\n    title: Plain\n      over two lines\n    text: >2\n       indented\n",
            // Typed scalars kept as written.
            "findings:\n  - id: 1.10\n    title: 2020\n  - id: 0x1F\n    title: yes\n  - id: F3\n    title: .inf\n    theme: 1e999\n",
            "findings:\n  - id: F1\n    title: -12_000\n    grade: +.5\n    theme: 2020-03-09\n    text: ~\n",
            // Empty values and lists, links with their positions, unicode.
            "findings:\n  - id: F1\n    title: Café “quoted” 日本\n    tags: []\n    links: [F2]\n  - id: F2\n    title: Second\n    links:\n      - F1\n    text:\n",
            "recommendations:\n  - id: R1\n    title: Do it\n    directed_to: [The Home Office, Chief constables]\n    due: 2021-01-31\nareas_for_improvement:\n  - id: A1\n    title: Better\n",
            // As PyYAML writes a file: long texts folded over plain and
            // single-quoted lines, four-space indents, explicit markers.
            "findings:\n-   id: F1\n    title: A plain title folded\n        over two lines\n    text: 'Quoted text that\n        goes on, it''s long.\n\n        A second paragraph.'\n...\n",
            // Look-alike ids: valid, with a warning each way.
            "findings:\n  - id: FА\n    title: Cyrillic\n  - id: FA\n    title: Latin\n",
        ];
        for case in cases {
            let text = with_head(case);
            assert!(in_full(&text).is_some(), "the full reader refuses:\n{text}");
            assert!(agrees(&text), "not read quickly:\n{text}");
        }
    }

    #[test]
    fn a_file_held_whole_is_read_quickly_with_its_progress_counted() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let text = with_head("findings:\n  - id: F1\n    title: First\n");
        let progress = AtomicUsize::new(0);
        let loaded = super::super::load_inspection_plain(text.as_bytes(), Some(&progress));
        assert_eq!(loaded, in_full(&text));
        assert_eq!(progress.load(Ordering::Relaxed), text.len());
        // What the full readers check of the bytes first is theirs to say.
        for refused in [
            format!("\u{feff}{text}"),
            format!("{text}\0"),
            "  \n".to_owned(),
        ] {
            assert!(super::super::load_inspection_plain(refused.as_bytes(), None).is_none());
        }
        assert!(super::super::load_inspection_plain(b"\xff\xfe", None).is_none());
        let wrong = with_head("findings:\n  - id: F1\n");
        assert!(super::super::load_inspection_plain(wrong.as_bytes(), None).is_none());
    }

    #[test]
    fn anything_unusual_or_wrong_is_left_to_the_full_reader() {
        let cases = [
            // Anchors, aliases, tags, merge keys, directives, documents.
            "findings:\n  - &a {id: F1, title: First}\n",
            "x: &t First\nfindings:\n  - id: F1\n    title: *t\n",
            "findings:\n  - id: F1\n    title: !!str 2020\n",
            "base: &b {title: First}\nfindings:\n  - <<: *b\n    id: F1\n",
            "findings:\n  - id: F1\n    title: First\n---\nsecond: 1\n",
            // Problems of every kind: the full reader says what.
            "findings:\n  - id: F1\n    title: First\n    title: Again\n",
            "findings:\n  - id: F1\n    titel: First\n",
            "findings:\n  - id: F1\n    title: [not, text]\n",
            "findings:\n  - id: F1\n    title: First\n  - id: F1\n    title: Twice\n",
            "findings:\n  - id: F1\n    title: First\n    links: [F9]\n",
            "findings:\n  - id: F1\n    title: First\n    tags: [a, ~]\n",
            "findings:\n  - id: F1\n    title: First\n  bad indentation: here\n",
            "findings:\n  - id: F1\n    title: \"unclosed\n",
            "findings:\n  - {id: F1, title: First\n",
            "1: one\nfindings:\n  - id: F1\n    title: First\n",
        ];
        for case in cases {
            let text = with_head(case);
            assert!(!agrees(&text), "read quickly, but should not be:\n{text}");
        }
        let deep = format!(
            "{}findings:\n  - id: F1\n    title: First\n",
            with_head(&"x: [".repeat(30))
        );
        assert!(!agrees(&deep));
        assert!(!agrees("%YAML 1.2\n---\nversion: 1\n"));
        assert!(!agrees("- a list\n"));
    }

    /// Scalars in every spelling YAML gives them meaning by.
    fn scalar() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("F1".to_owned()),
            Just("1.10".to_owned()),
            Just("010".to_owned()),
            Just("0o17".to_owned()),
            Just("0X1f".to_owned()),
            Just("1_0".to_owned()),
            Just("+1".to_owned()),
            Just("-0".to_owned()),
            Just(".5".to_owned()),
            Just("-.inf".to_owned()),
            Just(".NaN".to_owned()),
            Just("+.nan".to_owned()),
            Just("1e5".to_owned()),
            Just("1E-5".to_owned()),
            Just("9".repeat(30)),
            Just("2020-03-09".to_owned()),
            Just("12:30".to_owned()),
            Just("Yes".to_owned()),
            Just("OFF".to_owned()),
            Just("n".to_owned()),
            Just("~".to_owned()),
            Just("Null".to_owned()),
            Just("nan".to_owned()),
            Just("inf".to_owned()),
            Just("1.2.3".to_owned()),
            Just("0x".to_owned()),
            Just("e5".to_owned()),
            Just("'quoted 1'".to_owned()),
            Just("\"2\"".to_owned()),
            Just("two words".to_owned()),
            Just("a#b".to_owned()),
            Just("é".to_owned()),
            "[a-z0-9.+_-]{1,6}",
        ]
    }

    proptest! {
        #[test]
        fn the_two_readers_agree_on_any_spelling(
            values in proptest::collection::vec(scalar(), 8),
            flow in any::<bool>(),
        ) {
            let [id, title, theme, grade, tag, meta, link, due] =
                std::array::from_fn(|i| values[i].clone());
            let items = if flow {
                format!("findings: [{{id: {id}, title: {title}, theme: {theme}, tags: [{tag}, x]}}, {{id: F9, title: {grade}, links: [{link}]}}]\n")
            } else {
                format!("findings:\n  - id: {id}\n    title: {title}\n    theme: {theme}\n    grade: {grade}\n    tags:\n      - {tag}\nrecommendations:\n  - id: R{link}\n    title: {meta}\n    due: {due}\n")
            };
            let text = format!("version: 1\ninspection:\n  id: t-1\n  title: {meta}\n  response_due_days: {due}\n{items}");
            // Nothing here is for the full reader alone: both load, or neither.
            prop_assert_eq!(agrees(&text), in_full(&text).is_some(), "{}", text);
        }
    }
}
