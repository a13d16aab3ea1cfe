//! The same matter raised again in another report: for each recommendation
//! and area for improvement (and, if asked, each finding), the items of
//! other inspections worded most like it.
//!
//! An item's words are its title and text, lower-cased, with English stop
//! words left out and each word cut to its stem (Snowball's English
//! stemmer), so "victims are kept updated" and "updates to the victim"
//! share `victim` and `updat`. Each item is a vector of TF-IDF weights
//! (the title's words count twice, a word's weight grows with the log of
//! how often the item uses it and with how rare it is among all the items
//! compared), and two items score the cosine of their vectors: 1 for the
//! same wording, 0 for no word in common.
//!
//! The vectors are indexed once, term to the items holding it. Each item
//! then meets only the items that share one of its rarer terms (those held
//! by at most `Options::common` items, or a 500th of them all when more):
//! two items whose only words in common are ones most items use are not a
//! repeat, and skipping those lists keeps 200,000 items to seconds rather
//! than hours. Every candidate met is scored on all its words.

use std::collections::HashMap;

use rust_stemmers::{Algorithm, Stemmer};

use super::{Inspection, Item, Kind};

/// An item of one inspection that reads like an item of another.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Suggestion {
    /// The inspection's id.
    pub inspection: String,
    /// The item's id.
    pub item: String,
    pub other_inspection: String,
    pub other_item: String,
    /// The cosine of the two items' weighted words: 0 to 1.
    pub score: f64,
    /// The words both use, weightiest first, as the item spells them.
    pub shared: Vec<String>,
}

/// What is compared and how much is suggested.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Options {
    /// No suggestion scores below this.
    pub min: f64,
    /// At most this many suggestions per item.
    pub top: usize,
    /// Findings too, besides recommendations and areas for improvement.
    pub findings: bool,
    /// A term held by more items than this (and by more than a 500th of
    /// all) brings no candidates of its own.
    pub common: usize,
    /// At most this many shared words per suggestion.
    pub shared: usize,
}

/// The score below which nothing is suggested by default: set on the
/// precision set in `tests/fixtures/repeats/`.
pub const DEFAULT_MIN: f64 = 0.3;

impl Default for Options {
    fn default() -> Self {
        Options {
            min: DEFAULT_MIN,
            top: 3,
            findings: false,
            common: 500,
            shared: 6,
        }
    }
}

/// Words that say nothing of the matter: English function words, and the
/// modal verbs every recommendation uses ("should", "must").
const STOP_WORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "either",
    "etc",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "may",
    "me",
    "might",
    "more",
    "most",
    "must",
    "my",
    "myself",
    "neither",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "only",
    "or",
    "other",
    "ought",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "same",
    "shall",
    "she",
    "should",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "under",
    "until",
    "up",
    "upon",
    "us",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "whom",
    "whose",
    "why",
    "will",
    "with",
    "within",
    "without",
    "would",
    "yet",
    "you",
    "your",
    "yours",
    "yourself",
    "yourselves",
];

/// The frame every recommendation and area for improvement is said in
/// ("the force should make sure", "chief constables should ensure",
/// "needs to improve"): words that tell nothing of the matter raised.
const FRAME_WORDS: &[&str] = &[
    "better",
    "chief",
    "constable",
    "constables",
    "constabularies",
    "constabulary",
    "ensure",
    "force",
    "forces",
    "improve",
    "improvement",
    "make",
    "need",
    "needs",
    "sure",
];

/// Whether `word` (lower case) is a stop word or one of the frame words.
pub fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.binary_search(&word).is_ok() || FRAME_WORDS.binary_search(&word).is_ok()
}

/// Cuts words to stems; one per thread, as building one costs little.
pub struct Words {
    stemmer: Stemmer,
}

impl Default for Words {
    fn default() -> Self {
        Words {
            stemmer: Stemmer::create(Algorithm::English),
        }
    }
}

impl Words {
    /// The stem of `word` (lower case).
    pub fn stem(&self, word: &str) -> String {
        self.stemmer.stem(word).into_owned()
    }

    /// Each word of `text` that is not a stop word, as (stem, the word in
    /// lower case), in order. A word is a run of letters and digits (an
    /// apostrophe inside one is dropped: "force's" is "forces"); one of a
    /// single character, or of digits only, is not a word here.
    pub fn terms(&self, text: &str, mut each: impl FnMut(String, &str)) {
        let mut word = String::new();
        let mut flush = |word: &mut String| {
            if word.chars().nth(1).is_some()
                && !word.chars().all(|c| c.is_ascii_digit())
                && !is_stop_word(word)
            {
                let stem = self.stem(word);
                each(stem, word);
            }
            word.clear();
        };
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            if c.is_alphanumeric() {
                word.extend(c.to_lowercase());
            } else if matches!(c, '\'' | '’')
                && !word.is_empty()
                && chars.peek().is_some_and(|n| n.is_alphanumeric())
            {
                // "force's", "don't": one word.
            } else {
                flush(&mut word);
            }
        }
        flush(&mut word);
    }
}

/// Whether items of `kind` are compared.
fn compared(kind: Kind, options: &Options) -> bool {
    match kind {
        Kind::Recommendation | Kind::AreaForImprovement => true,
        Kind::Finding => options.findings,
        Kind::Strength => false,
    }
}

/// One item compared: where it is and its unit vector, sorted by term.
struct Doc {
    inspection: u32,
    item: u32,
    vector: Vec<(u32, f32)>,
}

/// Every item compared, and the items holding each term.
struct Index {
    docs: Vec<Doc>,
    /// For each term, the items holding it with its weight in each.
    postings: Vec<Vec<(u32, f32)>>,
    /// For each term, its greatest weight in any item.
    greatest: Vec<f32>,
    /// Each term's stem, by its id.
    stems: Vec<String>,
    /// How many items hold a term past which it brings no candidates.
    common: usize,
}

/// The counts of each term in an item: the title's words twice.
fn counts(words: &Words, terms: &mut HashMap<String, u32>, item: &Item) -> Vec<(u32, f32)> {
    let mut counts: HashMap<u32, f32> = HashMap::new();
    let mut add = |stem: String, weight: f32| {
        let next = u32::try_from(terms.len()).unwrap_or(u32::MAX);
        let id = *terms.entry(stem).or_insert(next);
        *counts.entry(id).or_default() += weight;
    };
    words.terms(&item.title, |stem, _| add(stem, 2.0));
    if let Some(text) = &item.text {
        words.terms(text, |stem, _| add(stem, 1.0));
    }
    let mut vector: Vec<(u32, f32)> = counts.into_iter().collect();
    vector.sort_unstable_by_key(|&(term, _)| term);
    vector
}

impl Index {
    #[allow(
        clippy::cast_precision_loss,
        reason = "counts of items, far below 2^24"
    )]
    fn build(inspections: &[Group<'_>], options: &Options) -> Index {
        let words = Words::default();
        let mut terms: HashMap<String, u32> = HashMap::new();
        let mut docs = Vec::new();
        for (i, inspection) in inspections.iter().enumerate() {
            for (j, item) in inspection.items.iter().enumerate() {
                if !compared(item.kind, options) {
                    continue;
                }
                let vector = counts(&words, &mut terms, item);
                if vector.is_empty() {
                    continue;
                }
                docs.push(Doc {
                    inspection: u32::try_from(i).unwrap_or(u32::MAX),
                    item: u32::try_from(j).unwrap_or(u32::MAX),
                    vector,
                });
            }
        }
        let mut held = vec![0_u32; terms.len()];
        for doc in &docs {
            for &(term, _) in &doc.vector {
                held[term as usize] += 1;
            }
        }
        let n = docs.len() as f32;
        let idf: Vec<f32> = held
            .iter()
            .map(|&h| (1.0 + n / h.max(1) as f32).ln())
            .collect();
        for doc in &mut docs {
            for (term, weight) in &mut doc.vector {
                *weight = (1.0 + weight.ln()) * idf[*term as usize];
            }
            let norm = doc.vector.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
            if norm > 0.0 {
                for (_, weight) in &mut doc.vector {
                    *weight /= norm;
                }
            }
        }
        let mut postings: Vec<Vec<(u32, f32)>> = held
            .iter()
            .map(|&h| Vec::with_capacity(h as usize))
            .collect();
        let mut greatest = vec![0.0_f32; terms.len()];
        for (d, doc) in docs.iter().enumerate() {
            let d = u32::try_from(d).unwrap_or(u32::MAX);
            for &(term, weight) in &doc.vector {
                postings[term as usize].push((d, weight));
                greatest[term as usize] = greatest[term as usize].max(weight);
            }
        }
        let mut stems = vec![String::new(); terms.len()];
        for (stem, id) in terms {
            stems[id as usize] = stem;
        }
        Index {
            common: options.common.max(docs.len() / 500),
            docs,
            postings,
            greatest,
            stems,
        }
    }

    /// The best matches of item `d` in other inspections, at least `min`,
    /// best first: (item, score). `sums` is as long as the items, all
    /// zero, and is left so; `met` is empty and left so.
    fn matches(
        &self,
        d: usize,
        options: &Options,
        sums: &mut [f32],
        met: &mut Vec<u32>,
    ) -> Vec<(u32, f32)> {
        let doc = &self.docs[d];
        // Summed over the rarer terms; the common ones could add at most
        // `bound`, and are added exactly for the candidates that could
        // reach the threshold with them.
        let mut bound = 0.0;
        for &(term, weight) in &doc.vector {
            let list = &self.postings[term as usize];
            if list.len() > self.common {
                bound += weight * self.greatest[term as usize];
                continue;
            }
            for &(other, theirs) in list {
                let sum = &mut sums[other as usize];
                if *sum == 0.0 {
                    met.push(other);
                }
                *sum += weight * theirs;
            }
        }
        #[allow(
            clippy::cast_possible_truncation,
            reason = "a score of 0 to 1 needs no more than f32"
        )]
        let min = options.min as f32;
        let mut found: Vec<(u32, f32)> = Vec::new();
        for &other in met.iter() {
            let partial = std::mem::take(&mut sums[other as usize]);
            let theirs = &self.docs[other as usize];
            if theirs.inspection == doc.inspection || partial + bound < min {
                continue;
            }
            let score = if bound > 0.0 {
                cosine(&doc.vector, &theirs.vector)
            } else {
                partial.min(1.0)
            };
            if score >= min {
                found.push((other, score));
            }
        }
        met.clear();
        // Best first; equal scores in the order the items were given.
        found.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        found.truncate(options.top);
        found
    }
}

/// The dot product of two unit vectors sorted by term.
fn cosine(a: &[(u32, f32)], b: &[(u32, f32)]) -> f32 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    sum.min(1.0)
}

/// For each item compared, in the order given (inspection by inspection,
/// item by item), its best matches in other inspections, best first: at
/// most `options.top` each, none scoring below `options.min`. Items of the
/// same inspection are never suggested for each other.
pub fn repeats(inspections: &[&Inspection], options: &Options) -> Vec<Suggestion> {
    let groups: Vec<Group<'_>> = inspections
        .iter()
        .map(|inspection| Group {
            id: &inspection.meta.id,
            items: inspection.items.iter().collect(),
        })
        .collect();
    repeats_in(&groups, options)
}

/// The items of one inspection, by its id: what `repeats_in` compares.
pub struct Group<'a> {
    pub id: &'a str,
    pub items: Vec<&'a Item>,
}

/// `repeats` of items given as groups, one an inspection: the register's
/// items, which are all in one list, are compared without copying them.
pub fn repeats_in(inspections: &[Group<'_>], options: &Options) -> Vec<Suggestion> {
    if options.top == 0 {
        return Vec::new();
    }
    let index = Index::build(inspections, options);
    let n = index.docs.len();
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .clamp(1, 8)
        .min(n / 2_000 + 1);
    let chunk = n.div_ceil(threads).max(1);
    let found: Vec<Vec<(u32, f32)>> = std::thread::scope(|scope| {
        let index = &index;
        let handles: Vec<_> = (0..n)
            .step_by(chunk)
            .map(|start| {
                scope.spawn(move || {
                    let mut sums = vec![0.0_f32; n];
                    let mut met = Vec::new();
                    (start..(start + chunk).min(n))
                        .map(|d| index.matches(d, options, &mut sums, &mut met))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    });
    let words = Words::default();
    let mut out = Vec::new();
    for (d, matches) in found.into_iter().enumerate() {
        if matches.is_empty() {
            continue;
        }
        let doc = &index.docs[d];
        let inspection = &inspections[doc.inspection as usize];
        let item = inspection.items[doc.item as usize];
        let spelt = spellings(&words, item);
        for (other, score) in matches {
            let other_doc = &index.docs[other as usize];
            let other_inspection = &inspections[other_doc.inspection as usize];
            let other_item = other_inspection.items[other_doc.item as usize];
            out.push(Suggestion {
                inspection: inspection.id.to_owned(),
                item: item.id.clone(),
                other_inspection: other_inspection.id.to_owned(),
                other_item: other_item.id.clone(),
                score: f64::from(score),
                shared: shared(&index, doc, other_doc, &spelt, options.shared),
            });
        }
    }
    out
}

/// Each stem of an item with the first word of the item that has it.
fn spellings(words: &Words, item: &Item) -> HashMap<String, String> {
    let mut spelt = HashMap::new();
    let mut add = |stem: String, word: &str| {
        spelt.entry(stem).or_insert_with(|| word.to_owned());
    };
    words.terms(&item.title, &mut add);
    if let Some(text) = &item.text {
        words.terms(text, &mut add);
    }
    spelt
}

/// The words two items share, weightiest first, as the first spells them.
fn shared(
    index: &Index,
    a: &Doc,
    b: &Doc,
    spelt: &HashMap<String, String>,
    most: usize,
) -> Vec<String> {
    let mut both: Vec<(u32, f32)> = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < a.vector.len() && j < b.vector.len() {
        match a.vector[i].0.cmp(&b.vector[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                both.push((a.vector[i].0, a.vector[i].1 * b.vector[j].1));
                i += 1;
                j += 1;
            }
        }
    }
    both.sort_unstable_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
    both.truncate(most);
    both.into_iter()
        .map(|(term, _)| {
            let stem = &index.stems[term as usize];
            spelt.get(stem).unwrap_or(stem).clone()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Meta, Strings};

    fn item(kind: Kind, id: &str, title: &str, text: &str) -> Item {
        Item {
            kind,
            id: id.into(),
            title: title.into(),
            text: (!text.is_empty()).then(|| text.into()),
            theme: None,
            grade: None,
            tags: Strings::new(),
            links: Strings::new(),
            directed_to: Strings::new(),
            due: None,
        }
    }

    fn afi(id: &str, title: &str, text: &str) -> Item {
        item(Kind::AreaForImprovement, id, title, text)
    }

    fn inspection(id: &str, items: Vec<Item>) -> Inspection {
        Inspection::new(Meta::named(id, id), items)
    }

    fn stems(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        Words::default().terms(text, |stem, _| out.push(stem));
        out
    }

    #[test]
    fn the_stop_word_lists_are_sorted_for_their_binary_search() {
        assert!(STOP_WORDS.is_sorted());
        assert!(FRAME_WORDS.is_sorted());
    }

    #[test]
    fn words_are_lower_cased_and_cut_to_their_stems() {
        assert_eq!(stems("Victims UPDATED"), ["victim", "updat"]);
        assert_eq!(stems("updates update updating"), ["updat"; 3]);
        assert_eq!(stems("investigations investigation"), ["investig"; 2]);
        // An apostrophe inside a word keeps it one word.
        assert_eq!(stems("the victim's case"), ["victim", "case"]);
    }

    #[test]
    fn stop_words_numbers_and_single_letters_are_left_out() {
        assert_eq!(
            stems("The force should make sure that it is kept to 24 hours, a b"),
            ["kept", "hour"]
        );
        assert!(stems("and the of should must would").is_empty());
    }

    #[test]
    fn a_reworded_repeat_is_found_with_the_words_shared() {
        let earlier = inspection(
            "peel-1",
            vec![
                afi(
                    "A1",
                    "The force should make sure victims are kept updated about their case",
                    "",
                ),
                afi("A2", "Call handling is slow at night", ""),
            ],
        );
        let later = inspection(
            "peel-2",
            vec![afi(
                "A3",
                "Victims are not told how their case is progressing: the force should improve updates",
                "",
            )],
        );
        let found = repeats(&[&earlier, &later], &Options::default());
        let pairs: Vec<_> = found
            .iter()
            .map(|s| {
                (
                    s.item.as_str(),
                    s.other_inspection.as_str(),
                    s.other_item.as_str(),
                )
            })
            .collect();
        assert_eq!(pairs, [("A1", "peel-2", "A3"), ("A3", "peel-1", "A1")]);
        assert!(found[0].score >= DEFAULT_MIN && found[0].score <= 1.0);
        assert_eq!(found[0].shared, ["victims", "updated", "case"]);
        // The other item's own spelling of the same stems.
        assert_eq!(found[1].shared, ["victims", "updates", "case"]);
    }

    #[test]
    fn a_near_miss_sharing_a_word_scores_below_the_threshold() {
        let a = inspection(
            "a",
            vec![afi(
                "A1",
                "Victims should be kept updated about their investigation",
                "",
            )],
        );
        let b = inspection(
            "b",
            vec![afi(
                "A1",
                "The force should update its records management system",
                "The system crashes often and officers lose work.",
            )],
        );
        let all = repeats(
            &[&a, &b],
            &Options {
                min: 0.0,
                ..Options::default()
            },
        );
        assert_eq!(all.len(), 2);
        assert!(all[0].score < DEFAULT_MIN, "{all:?}");
        assert!(repeats(&[&a, &b], &Options::default()).is_empty());
    }

    #[test]
    fn items_of_the_same_inspection_are_never_suggested() {
        let one = inspection(
            "one",
            vec![
                afi("A1", "Victims are kept updated", ""),
                afi("A2", "Victims are kept updated", ""),
            ],
        );
        let options = Options {
            min: 0.0,
            ..Options::default()
        };
        assert!(repeats(&[&one], &options).is_empty());
        let other = inspection("other", vec![afi("A9", "Victims are kept updated", "")]);
        let found = repeats(&[&one, &other], &options);
        assert!(found.iter().all(|s| s.inspection != s.other_inspection));
        assert_eq!(found.len(), 4);
        assert!((found[0].score - 1.0).abs() < 1e-6);
    }

    #[test]
    fn findings_and_strengths_are_left_out_unless_findings_are_asked_for() {
        let text = "Victims are kept updated about their case";
        let a = inspection(
            "a",
            vec![
                item(Kind::Finding, "F1", text, ""),
                item(Kind::Strength, "S1", text, ""),
            ],
        );
        let b = inspection("b", vec![item(Kind::Recommendation, "R1", text, "")]);
        assert!(repeats(&[&a, &b], &Options::default()).is_empty());
        let with = Options {
            findings: true,
            ..Options::default()
        };
        let found = repeats(&[&a, &b], &with);
        let items: Vec<_> = found.iter().map(|s| s.item.as_str()).collect();
        assert_eq!(items, ["F1", "R1"]);
    }

    #[test]
    fn top_keeps_the_best_and_common_terms_bring_no_candidates() {
        let q = inspection("q", vec![afi("A1", "stalking victims updated", "")]);
        let others: Vec<Inspection> = (0..5)
            .map(|i| {
                let title = if i == 3 {
                    "stalking victims updated"
                } else {
                    "stalking victims"
                };
                inspection(&format!("o{i}"), vec![afi("A1", title, "")])
            })
            .collect();
        let mut all: Vec<&Inspection> = vec![&q];
        all.extend(others.iter());
        let options = Options {
            min: 0.0,
            top: 1,
            ..Options::default()
        };
        let found = repeats(&all, &options);
        assert_eq!(found[0].other_inspection, "o3");
        assert_eq!(found.iter().filter(|s| s.inspection == "q").count(), 1);
        // With every term held by more items than `common`, nothing meets.
        let none = Options {
            common: 0,
            ..options
        };
        // 6 items: a 500th of them is 0, so `common` stands.
        assert!(repeats(&all, &none).is_empty());
    }
}
