//! A measurement, not a check: how the review file would come out if it
//! were written by serde-saphyr's serializer instead of `model::emit`.
//! Counts the reviews (the fixture, and reviews built from awkward text as
//! the property tests build them) whose bytes differ, says how, and times
//! 10,000 annotations both ways.
//!
//! ```sh
//! cargo test --release --test files serializer -- --ignored --nocapture
//! ```

use std::time::Instant;

use jiff::Timestamp;
use scrutiny::{
    files::{load_inspection, load_review, to_yaml},
    model::{Entry, Inspection, Review, Stamp, Status},
};
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};
use serde_saphyr::LitStr;

const ID: &str = "hmicfrs-2020-prevent";

fn inspection() -> Inspection {
    load_inspection(scrutiny::tui::session::EXAMPLE).expect("the bundled example loads")
}

/// The review file's layout, for serde: the same keys in the same order.
struct File<'a>(&'a Review, &'a Inspection);
struct Item<'a>(&'a Entry);
struct History<'a>(&'a Entry);

impl Serialize for File<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("version", &1)?;
        map.serialize_entry("inspection", &self.0.inspection)?;
        let items: Vec<(&str, &Entry)> = self
            .0
            .ordered(self.1.items.iter().map(|i| i.id.as_str()))
            .into_iter()
            .collect();
        map.serialize_entry("items", &Items(&items))?;
        map.end()
    }
}

struct Items<'a>(&'a [(&'a str, &'a Entry)]);

impl Serialize for Items<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (id, entry) in self.0 {
            map.serialize_entry(id, &Item(entry))?;
        }
        map.end()
    }
}

impl Serialize for Item<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let e = self.0;
        let mut map = s.serialize_map(None)?;
        if e.status != Status::Unreviewed {
            map.serialize_entry("status", e.status.name())?;
        }
        if let Some(owner) = &e.owner {
            map.serialize_entry("owner", owner)?;
        }
        if let Some(note) = &e.note {
            map.serialize_entry("note", &LitStr(note))?;
        }
        if let Some(updated) = e.updated {
            map.serialize_entry("updated", &updated.to_string())?;
        }
        if !e.history.is_empty() {
            map.serialize_entry("history", &History(e))?;
        }
        map.end()
    }
}

impl Serialize for History<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.0.history.len()))?;
        for event in &self.0.history {
            let mut fields: Vec<(&str, String)> =
                vec![("at", event.at.to_string()), ("by", event.by.clone())];
            if let Some(status) = event.change.status {
                fields.push(("status", status.name().to_owned()));
            }
            if let Some(owner) = &event.change.owner {
                fields.push(("owner", owner.clone()));
            }
            if let Some(note) = event.change.note {
                fields.push(("note", note.name().to_owned()));
            }
            seq.serialize_element(&Fields(fields))?;
        }
        seq.end()
    }
}

struct Fields<'a>(Vec<(&'a str, String)>);

impl Serialize for Fields<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

fn by_serde(review: &Review, inspection: &Inspection) -> String {
    let mut options = serde_saphyr::SerializerOptions::default();
    options.compact_list_indent = false;
    serde_saphyr::to_string_with_options(&File(review, inspection), options).expect("serializes")
}

/// Pieces of awkward text, as the property tests use.
const PIECES: [&str; 40] = [
    " ", "  ", "\n", "\n\n", "\t", "\r", "\r\n", "a", "word", "é", "日本", "😀", "\u{1b}",
    "\u{7f}", "\u{85}", "\u{a0}", "\u{2028}", "\u{2029}", "\u{feff}", "\u{fffe}", "#", ": ", "- ",
    "|", ">", "\"", "'", "\\", "---", "...", "~", "null", "true", "\u{200b}", "\u{202e}", "0x1F",
    "1e3", "&a", "*a", "{",
];

fn awkward(seed: &mut u64) -> String {
    let mut next = || {
        *seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        usize::try_from(*seed >> 33).expect("fits")
    };
    let n = next() % 12;
    (0..n).map(|_| PIECES[next() % PIECES.len()]).collect()
}

fn stamp() -> Stamp {
    Stamp {
        at: Timestamp::UNIX_EPOCH,
        by: "analyst".to_owned(),
    }
}

fn generated(count: usize) -> Vec<Review> {
    let inspection = inspection();
    let ids: Vec<&str> = inspection.items.iter().map(|i| i.id.as_str()).collect();
    let mut seed = 7;
    (0..count)
        .map(|n| {
            let mut review = Review::new(ID);
            let id = ids[n % ids.len()];
            review.set_status(id, Status::ALL[n % Status::ALL.len()], &stamp());
            review.set_owner(id, &awkward(&mut seed).replace(['\n', '\r'], " "), &stamp());
            review.set_note(id, &awkward(&mut seed), &stamp());
            review
        })
        .collect()
}

/// How two texts differ, in a word.
fn difference(ours: &str, theirs: &str) -> &'static str {
    let a: Vec<&str> = ours.lines().collect();
    let b: Vec<&str> = theirs.lines().collect();
    let first = a.iter().zip(&b).position(|(x, y)| x != y);
    let line = first.map_or("", |i| a.get(i).copied().unwrap_or(""));
    if line.trim_start().starts_with("- ") || line.trim_start().starts_with("history") {
        "list layout"
    } else if line.contains("note:") {
        "note block header or quoting"
    } else if line.contains("owner:") || line.contains("by:") {
        "owner quoting"
    } else if line.contains("updated:") || line.contains("at:") {
        "time quoting"
    } else {
        "other"
    }
}

#[test]
#[ignore = "a measurement; run by hand"]
fn serde_saphyr_against_the_hand_writer() {
    let inspection = inspection();
    let fixture = std::fs::read("tests/fixtures/prevent-2020.review.yaml").expect("fixture");
    let mut reviews = vec![load_review(&fixture, ID).expect("fixture loads")];
    reviews.extend(generated(2000));
    let mut differ = 0;
    let mut bytes = 0usize;
    let mut unreadable = 0;
    let mut lossy = 0;
    let mut kinds = std::collections::BTreeMap::<&str, usize>::new();
    let mut shown = 0;
    let mut hidden = 0;
    let mut only_quotes = 0;
    for review in &reviews {
        let ours = to_yaml(review, &inspection);
        let theirs = by_serde(review, &inspection);
        if ours != theirs {
            differ += 1;
            bytes += ours
                .bytes()
                .zip(theirs.bytes())
                .filter(|(a, b)| a != b)
                .count()
                + ours.len().abs_diff(theirs.len());
            *kinds.entry(difference(&ours, &theirs)).or_default() += 1;
            if shown < 1 {
                shown += 1;
                println!("--- ours ---\n{ours}--- serde-saphyr ---\n{theirs}");
            }
        }
        if theirs
            .chars()
            .any(|c| scrutiny::text::is_hidden(c) || (c.is_control() && c != '\n' && c != '\t'))
        {
            hidden += 1;
        }
        let times = |t: &str| t.replace('"', "");
        if ours != theirs && times(&ours) == times(&theirs) {
            only_quotes += 1;
        }
        match load_review(theirs.as_bytes(), ID) {
            Ok(again) => {
                let same = review.ids().all(|id| {
                    let (a, b) = (review.entry(id), again.entry(id));
                    a.map(|e| (&e.note, &e.owner)) == b.map(|e| (&e.note, &e.owner))
                });
                if !same {
                    lossy += 1;
                }
            }
            Err(_) => unreadable += 1,
        }
    }
    println!(
        "{hidden} written with a hidden or control character unescaped; {only_quotes} differ only by quote marks"
    );
    println!(
        "{} reviews: {differ} differ ({bytes} bytes in all), {unreadable} do not load, {lossy} change a note or owner; by first differing line: {kinds:?}",
        reviews.len()
    );

    // 10,000 annotations: every item of a 10,000-item order, each with a
    // status, owner and two-line note.
    let mut review = Review::new(ID);
    let ids: Vec<String> = (0..10_000).map(|n| format!("F{n}")).collect();
    for id in &ids {
        review.set_status(id, Status::Accepted, &stamp());
        review.set_owner(id, "Head of Prevent", &stamp());
        review.set_note(id, "First line of the note.\nSecond line.", &stamp());
    }
    let order = || ids.iter().map(String::as_str);
    let started = Instant::now();
    let ours = scrutiny::files::review_file::to_yaml_in_order(&review, order());
    let hand = started.elapsed();
    let mut big = inspection.clone();
    let template = big.items[0].clone();
    big.items = ids
        .iter()
        .map(|id| {
            let mut item = template.clone();
            item.id.clone_from(id);
            item
        })
        .collect();
    let started = Instant::now();
    let theirs = by_serde(&review, &big);
    let serde = started.elapsed();
    println!(
        "10,000 annotations: hand writer {hand:?} ({} bytes), serde-saphyr {serde:?} ({} bytes)",
        ours.len(),
        theirs.len()
    );
}
