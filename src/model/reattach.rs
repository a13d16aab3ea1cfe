//! A review carried over to a new version of its inspection (a report
//! imported again from a corrected text): each entry goes to the item that
//! holds the same words, whatever its id is now; an entry whose item cannot
//! be found stays in the review as an orphan, under an id no item has.

use std::collections::{HashMap, HashSet};

use super::inspection::{Inspection, Item};
use super::review::Review;

/// What carrying a review over did.
#[derive(Debug, Clone, PartialEq)]
pub struct Reattached {
    /// The review, its entries under the new ids.
    pub review: Review,
    /// Entries that moved to another id: (old id, new id).
    pub moved: Vec<(String, String)>,
    /// Entries whose item is not in the new inspection: (old id, the id
    /// the entry is kept under, an orphan).
    pub unmatched: Vec<(String, String)>,
}

/// How alike two items' words must be for one to be taken for the other.
const ALIKE: f64 = 0.5;

/// Carry `review` (written against `old`) over to `new`.
pub fn reattach(old: &Inspection, new: &Inspection, review: &Review) -> Reattached {
    // The new id of each old item an entry is about.
    let mut to: HashMap<&str, &str> = HashMap::new();
    let mut taken: HashSet<&str> = HashSet::new();
    let reviewed: Vec<&Item> = review.ids().filter_map(|id| old.get(id)).collect();
    let mut pairs: Vec<(f64, usize, &str, &str)> = Vec::new();
    for (n, before) in reviewed.iter().enumerate() {
        for after in new.items.iter().filter(|i| i.kind == before.kind) {
            let score = likeness(before, after);
            if score >= ALIKE {
                pairs.push((score, n, before.id.as_str(), after.id.as_str()));
            }
        }
    }
    // Best pairs first; on a tie, the same id, then file order.
    pairs.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then_with(|| (b.2 == b.3).cmp(&(a.2 == a.3)))
            .then_with(|| a.1.cmp(&b.1))
    });
    for (_, _, before, after) in pairs {
        if !to.contains_key(before) && !taken.contains(after) {
            to.insert(before, after);
            taken.insert(after);
        }
    }
    let mut out = Review::new(new.meta.id.clone());
    out.extra.clone_from(&review.extra);
    let (mut moved, mut unmatched) = (Vec::new(), Vec::new());
    // In the old inspection's order, then the rest by id.
    let mut ids: Vec<&String> = review.ids().collect();
    ids.sort_by_key(|id| (old.position(id).unwrap_or(usize::MAX), (*id).clone()));
    for id in ids {
        let Some(entry) = review.entry(id) else {
            continue;
        };
        let key = if let Some(&after) = to.get(id.as_str()) {
            if after != id {
                moved.push((id.clone(), after.to_owned()));
            }
            after.to_owned()
        } else {
            // Not found: kept, under an id no new item has, so it is never
            // shown against an item it was not written about.
            let mut key = id.clone();
            let mut n = 1;
            while new.get(&key).is_some()
                || taken.contains(key.as_str())
                || out.entry(&key).is_some()
            {
                key = if n == 1 {
                    format!("{id} (before import)")
                } else {
                    format!("{id} (before import {n})")
                };
                n += 1;
            }
            if old.get(id).is_some() || key != *id {
                unmatched.push((id.clone(), key.clone()));
            }
            key
        };
        out.put(&key, entry.clone());
    }
    Reattached {
        review: out,
        moved,
        unmatched,
    }
}

/// How alike two items' words are, from 0 to 1: 1 for the same text (or,
/// without text, the same title).
fn likeness(a: &Item, b: &Item) -> f64 {
    let words = |item: &Item| -> String {
        let all = format!(
            "{} {}",
            item.title,
            item.text.as_deref().unwrap_or_default()
        );
        all.split_whitespace()
            .map(|w| {
                w.trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase()
            })
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let (wa, wb) = (words(a), words(b));
    if wa == wb {
        return 1.0;
    }
    let sa: HashSet<&str> = wa.split(' ').collect();
    let sb: HashSet<&str> = wb.split(' ').collect();
    let both = sa.intersection(&sb).count();
    let either = sa.union(&sb).count().max(1);
    #[allow(clippy::cast_precision_loss, reason = "word counts are small")]
    let score = both as f64 / either as f64;
    score
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::inspection::{Kind, Meta, Strings};
    use crate::model::review::{Stamp, Status};

    fn item(kind: Kind, id: &str, text: &str) -> Item {
        Item {
            kind,
            id: id.into(),
            title: text.split('.').next().unwrap_or(text).into(),
            text: Some(text.into()),
            theme: None,
            grade: None,
            tags: Strings::new(),
            links: Strings::new(),
            directed_to: Strings::new(),
            due: None,
        }
    }

    fn inspection(items: Vec<Item>) -> Inspection {
        let meta = Meta {
            id: "x".into(),
            title: "X".into(),
            inspectorate: None,
            published: None,
            response_due_days: 56,
            fieldwork: None,
            scope: None,
            url: None,
            summary: None,
        };
        Inspection::new(meta, items)
    }

    fn stamp() -> Stamp {
        Stamp {
            at: jiff::Timestamp::from_second(1_800_000_000).expect("time"),
            by: "a".into(),
        }
    }

    #[test]
    fn entries_follow_their_words_to_new_ids_and_the_rest_are_kept_apart() {
        let old = inspection(vec![
            item(
                Kind::Recommendation,
                "R1",
                "The force should train its staff.",
            ),
            item(
                Kind::Recommendation,
                "R2",
                "The force should audit its records.",
            ),
            item(Kind::Recommendation, "R3", "Gone from the corrected text."),
        ]);
        // A recommendation was found before R1: every id moved on.
        let new = inspection(vec![
            item(
                Kind::Recommendation,
                "R1",
                "The force should publish its plan.",
            ),
            item(
                Kind::Recommendation,
                "R2",
                "The force should train its staff.",
            ),
            item(
                Kind::Recommendation,
                "R3",
                "The force should audit all its records.",
            ),
        ]);
        let mut review = Review::new("x");
        review.set_note("R1", "training: agreed", &stamp());
        review.set_note("R2", "audit: in hand", &stamp());
        review.set_status("R3", Status::Complete, &stamp());
        let done = reattach(&old, &new, &review);
        assert_eq!(
            done.review.entry("R2").and_then(|e| e.note.as_deref()),
            Some("training: agreed")
        );
        assert_eq!(
            done.review.entry("R3").and_then(|e| e.note.as_deref()),
            Some("audit: in hand")
        );
        assert_eq!(
            done.review.entry("R1"),
            None,
            "the new R1 was never reviewed"
        );
        assert_eq!(
            done.moved,
            [
                ("R1".to_owned(), "R2".to_owned()),
                ("R2".to_owned(), "R3".to_owned())
            ]
        );
        assert_eq!(
            done.unmatched,
            [("R3".to_owned(), "R3 (before import)".to_owned())]
        );
        assert_eq!(
            done.review.status("R3 (before import)"),
            Status::Complete,
            "kept, as an orphan"
        );
        assert_eq!(done.review.len(), 3, "nothing dropped");
    }

    #[test]
    fn an_unchanged_inspection_moves_nothing() {
        let items = vec![
            item(Kind::Finding, "F1", "Same words."),
            item(Kind::Finding, "F2", "Same words."),
        ];
        let old = inspection(items.clone());
        let new = inspection(items);
        let mut review = Review::new("x");
        review.set_note("F1", "one", &stamp());
        review.set_note("F2", "two", &stamp());
        let done = reattach(&old, &new, &review);
        assert!(
            done.moved.is_empty() && done.unmatched.is_empty(),
            "{done:?}"
        );
        assert_eq!(
            done.review.entry("F2").and_then(|e| e.note.as_deref()),
            Some("two")
        );
    }
}
