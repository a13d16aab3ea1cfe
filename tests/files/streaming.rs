//! Reading an inspection as a stream gives exactly what reading it whole
//! gives, or gives up so that reading it whole can say what is wrong.

use std::fmt::Write as _;
use std::io::Read;

use proptest::prelude::*;
use scrutiny::files::inspection::load_inspection_streamed;
use scrutiny::{files::load_inspection, model::Inspection};

/// A reader that hands over at most `chunk` bytes a call, splitting
/// characters and lines wherever that falls.
struct Trickle<'a> {
    bytes: &'a [u8],
    chunk: usize,
}

impl Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.chunk.min(buf.len()).min(self.bytes.len());
        buf[..n].copy_from_slice(&self.bytes[..n]);
        self.bytes = &self.bytes[n..];
        Ok(n)
    }
}

fn streamed(bytes: &[u8], chunk: usize) -> Option<Inspection> {
    load_inspection_streamed(Trickle { bytes, chunk }, bytes.len(), None)
        .map(|(inspection, _)| inspection)
}

/// Streamed and whole agree: the same inspection, or the stream gives up
/// on a file that reading whole refuses.
fn agree(bytes: &[u8], chunk: usize) {
    let whole = load_inspection(bytes);
    match (streamed(bytes, chunk), whole) {
        (Some(s), Ok(w)) => assert_eq!(s, w, "chunk {chunk}"),
        (None, Err(_)) => {}
        (Some(_), Err(e)) => panic!("stream took a file reading whole refuses: {e:?}"),
        (None, Ok(_)) => panic!("stream gave up on a good file, chunk {chunk}"),
    }
}

const TYPED: &str = "version: 1
inspection:
  id: 2020
  title: yes
  published: 2020-03-09
  response_due_days: 056
findings:
  - id: 1.10
    title: été 😀 0x1F
    text: |
      Ünïcödé before the typed scalars: 😀😀😀.
    tags: [1.50, true, ~x, 'quoted']
  - id: F2
    title: !!str 12.0
    theme: 1e3
recommendations:
  - id: R1
    title: 0o17
    links: [1.10]
    due: 2021-01-01
";

#[test]
fn typed_scalars_keep_their_text_however_the_file_arrives() {
    for chunk in [1, 2, 3, 5, 7, 64, 4096] {
        agree(TYPED.as_bytes(), chunk);
    }
    let got = streamed(TYPED.as_bytes(), 3).expect("loads");
    assert_eq!(got.meta.id, "2020");
    assert_eq!(got.items[0].id, "1.10");
    assert_eq!(got.items[0].title, "été 😀 0x1F");
    assert_eq!(got.items[0].tags, ["1.50", "true", "~x", "quoted"]);
    assert_eq!(got.items[1].title, "12.0");
    assert_eq!(got.items[1].theme.as_deref(), Some("1e3"));
}

#[test]
fn crlf_files_stream_the_same() {
    agree(TYPED.replace('\n', "\r\n").as_bytes(), 5);
}

#[test]
fn long_items_span_many_reads() {
    let long = "word é ".repeat(40_000);
    let file = format!(
        "version: 1\ninspection:\n  id: x\n  title: x\nfindings:\n  - id: F1\n    title: one\n    text: {long}\n  - id: 2.50\n    title: 3.0\n"
    );
    agree(file.as_bytes(), 65_536);
    agree(file.as_bytes(), 1_000);
}

#[test]
fn what_a_stream_cannot_judge_is_left_to_reading_whole() {
    let bom = [&b"\xEF\xBB\xBF"[..], TYPED.as_bytes()].concat();
    assert!(streamed(&bom, 64).is_none(), "a byte-order mark");
    assert!(load_inspection(&bom).is_ok(), "which reading whole accepts");
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(TYPED.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    agree(&utf16, 64);
    let nul = TYPED.replace("yes", "y\0s");
    agree(nul.as_bytes(), 64);
    let mut latin1 = TYPED.as_bytes().to_vec();
    latin1[60] = 0xE9;
    agree(&latin1, 64);
    agree(b"   \n\n", 64);
    agree(b"", 64);
    agree(
        b"version: 1\ninspection: {id: x, title: x}\nfindings: [{id: F1}]\n",
        4,
    );
    agree(
        b"version: 1\ninspection: {id: x, title: x}\nfindngs: []\n",
        4,
    );
}

fn scalar() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("1.10".to_owned()),
        Just("0x1F".to_owned()),
        Just("yes".to_owned()),
        Just("~".to_owned()),
        Just("null".to_owned()),
        Just("12e3".to_owned()),
        Just("'quoted é'".to_owned()),
        Just("\"dq \\u00e9\"".to_owned()),
        Just("&a 7".to_owned()),
        Just("*a".to_owned()),
        Just("!!str 5".to_owned()),
        "[a-zé😀 ]{1,12}",
    ]
}

proptest! {
    #[test]
    fn streaming_agrees_with_reading_whole(
        titles in proptest::collection::vec(scalar(), 1..12),
        chunk in 1usize..300,
    ) {
        let mut file = String::from("version: 1\ninspection:\n  id: p\n  title: p\nfindings:\n");
        for (i, title) in titles.iter().enumerate() {
            writeln!(file, "  - id: F{i}\n    title: {title}\n    theme: {title}").expect("a string");
        }
        agree(file.as_bytes(), chunk);
    }
}

#[test]
fn a_long_list_of_numbers_keeps_each_as_written_in_order() {
    let tags: Vec<String> = (0..50_000).map(|n| format!("{n}.10")).collect();
    let text = format!(
        "inspection:\n  id: t\n  title: T\nfindings:\n  - id: 1.10\n    title: 2.50\n    tags: [{}]\n    theme: 3.0e1\n  - id: F2\n    title: x\n    tags: [0x1F, 7.70]\n",
        tags.join(", ")
    );
    for chunk in [7, 4096] {
        let got = streamed(text.as_bytes(), chunk).expect("loads");
        let first = &got.items[0];
        assert_eq!((first.id.as_str(), first.title.as_str()), ("1.10", "2.50"));
        assert_eq!(first.tags.len(), 50_000);
        assert_eq!(first.tags.get(0), Some("0.10"));
        assert_eq!(first.tags.get(49_999), Some("49999.10"));
        assert!(first.tags.iter().zip(&tags).all(|(a, b)| a == b));
        assert_eq!(first.theme.as_deref(), Some("3.0e1"));
        assert_eq!(got.items[1].tags, ["0x1F", "7.70"]);
    }
    agree(text.as_bytes(), 4096);
}

#[test]
fn an_item_longer_than_what_is_held_streams_with_its_values_as_written() {
    // More than the 8 MB a stream holds before it lets go of the oldest.
    let text = "      The force should improve how it records referrals.\n".repeat(200_000);
    let file = format!(
        "inspection:\n  id: 2020\n  title: T\nfindings:\n  - id: 1.10\n    title: 2.50\n    tags: [1.0, true]\n    text: |\n{text}    theme: 3.0e1\n    links: [2.0]\n  - id: 2.0\n    title: 7.70\n"
    );
    assert!(file.len() > 10_000_000);
    let got = streamed(file.as_bytes(), 64 * 1024).expect("streams, without reading whole");
    let first = &got.items[0];
    assert_eq!((first.id.as_str(), first.title.as_str()), ("1.10", "2.50"));
    assert_eq!(first.tags, ["1.0", "true"]);
    assert_eq!(first.theme.as_deref(), Some("3.0e1"));
    assert_eq!(first.links, ["2.0"]);
    assert_eq!(
        first.text.as_ref().map(String::len),
        Some(text.len() - 6 * 200_000)
    );
    assert_eq!(
        (got.items[1].id.as_str(), got.items[1].title.as_str()),
        ("2.0", "7.70")
    );
}
