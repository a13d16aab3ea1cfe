//! Finding repeats across reports (`scrutiny repeats`): indexing every
//! recommendation and area for improvement and scoring each against the
//! rest. `cargo bench --bench repeats`.
//!
//! The portfolio is built in memory: inspections of 40 items each, every
//! item compared, worded from a vocabulary of 20,000 made-up words drawn
//! so that a few are common and most are rare, as in real text; one item
//! in twenty rewords an item of an earlier inspection.

use divan::Bencher;
use scrutiny::model::similar::{Options, repeats};
use scrutiny::model::{Inspection, Item, Kind, Meta, Strings};

fn main() {
    divan::main();
}

/// A small deterministic generator.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    /// 0 to 1.
    fn unit(&mut self) -> f64 {
        #[allow(clippy::cast_precision_loss, reason = "31 bits")]
        let x = self.next() as f64 / f64::from(1u32 << 31);
        x
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next()).unwrap_or(0) % n.max(1)
    }
}

const SYLLABLES: [&str; 24] = [
    "ba", "ce", "di", "fo", "gu", "ha", "je", "ki", "lo", "mu", "na", "pe", "ri", "so", "tu", "va",
    "we", "xi", "yo", "za", "ter", "mon", "quil", "dra",
];

fn vocabulary(size: usize) -> Vec<String> {
    (0..size)
        .map(|mut n| {
            let mut word = String::new();
            for _ in 0..3 {
                word.push_str(SYLLABLES[n % SYLLABLES.len()]);
                n /= SYLLABLES.len();
            }
            word
        })
        .collect()
}

fn sentence(rng: &mut Rng, words: &[String], count: usize) -> String {
    (0..count)
        .map(|_| {
            // Skewed to the front: a few words common, most rare.
            #[allow(
                clippy::cast_possible_truncation,
                clippy::cast_sign_loss,
                clippy::cast_precision_loss,
                reason = "an index below the vocabulary's size"
            )]
            let i = (rng.unit().powi(3) * words.len() as f64) as usize;
            words[i.min(words.len() - 1)].as_str()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn portfolio(inspections: usize) -> Vec<Inspection> {
    let words = vocabulary(20_000);
    let mut rng = Rng(11);
    let mut out: Vec<Inspection> = Vec::with_capacity(inspections);
    for i in 0..inspections {
        let items = (0..40)
            .map(|j| {
                let (title, text) = if i > 0 && rng.below(20) == 0 {
                    let earlier = &out[rng.below(i)].items[rng.below(40)];
                    (
                        format!("{} {}", earlier.title, sentence(&mut rng, &words, 2)),
                        earlier.text.clone(),
                    )
                } else {
                    let length = 12 + rng.below(30);
                    (
                        sentence(&mut rng, &words, 8),
                        Some(sentence(&mut rng, &words, length)),
                    )
                };
                Item {
                    kind: if j % 2 == 0 {
                        Kind::Recommendation
                    } else {
                        Kind::AreaForImprovement
                    },
                    id: format!("I{j}"),
                    title,
                    text,
                    theme: None,
                    grade: None,
                    tags: Strings::new(),
                    links: Strings::new(),
                    directed_to: Strings::new(),
                    due: None,
                }
            })
            .collect();
        let meta = Meta::named(format!("bench-{i}"), format!("Inspection {i}"));
        out.push(Inspection::new(meta, items));
    }
    out
}

/// Every item against all the others: 500 inspections (20,000 items) and
/// 5,000 (200,000 items).
#[divan::bench(args = [500, 5_000], sample_count = 3, sample_size = 1)]
fn repeats_across(bencher: Bencher, inspections: usize) {
    let all = portfolio(inspections);
    let refs: Vec<&Inspection> = all.iter().collect();
    bencher.bench(|| repeats(&refs, &Options::default()));
}
