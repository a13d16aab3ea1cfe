//! Synthetic inspections for the benchmarks: deterministic, shaped like a
//! real report (block text, quoted titles with accents, themes, tags, links,
//! dates), so every run times the same file.

#![allow(dead_code)]

use std::path::PathBuf;

use scrutiny::model::{Inspection, Review};
use scrutiny::tui::app::App;

const WORDS: [&str; 16] = [
    "force",
    "partners",
    "safeguarding",
    "referral",
    "prevent",
    "training",
    "risk",
    "information",
    "sharing",
    "governance",
    "oversight",
    "assessment",
    "community",
    "evidence",
    "leadership",
    "été",
];

/// A small deterministic generator.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        usize::try_from(self.0 >> 33).unwrap_or(0) % n.max(1)
    }

    fn words(&mut self, count: usize) -> String {
        (0..count)
            .map(|_| WORDS[self.below(WORDS.len())])
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// A synthetic inspection of `items` items, shaped like a real one: block
/// text, quoted titles with accents, themes, tags, links, dates.
pub fn synthetic(items: usize) -> String {
    synthetic_seeded(items, None)
}

/// `synthetic`, the id, title and words its own for each `seed`: many of
/// them make a portfolio of distinct inspections.
pub fn synthetic_seeded(items: usize, seed: Option<u64>) -> String {
    use std::fmt::Write as _;
    let mut rng = Rng(seed.map_or(7, |s| 1000 + s));
    let tail = seed.map_or_else(String::new, |s| format!("-{s}"));
    let mut out = format!(
        "version: 1\ninspection:\n  id: synthetic-{items}{tail}\n  title: \"Synthetic inspection{tail} with {items} items\"\n  inspectorate: HMICFRS\n  published: 2020-03-09\n"
    );
    let kinds = [
        ("findings", "F", items / 2),
        ("strengths", "S", items / 5),
        ("areas_for_improvement", "A", items / 10),
    ];
    let recommendations = items - kinds.iter().map(|k| k.2).sum::<usize>();
    for (key, prefix, count) in kinds
        .into_iter()
        .chain([("recommendations", "R", recommendations)])
    {
        let _ = writeln!(out, "{key}:");
        for i in 1..=count {
            let _ = writeln!(
                out,
                "  - id: {prefix}{i}\n    title: \"{} “quoted”\"",
                rng.words(8)
            );
            let _ = writeln!(
                out,
                "    text: |\n      {}.\n\n      {}.",
                rng.words(40),
                rng.words(30)
            );
            let _ = writeln!(
                out,
                "    theme: Theme {}\n    tags: [{}, {}]",
                rng.below(6),
                WORDS[rng.below(15)],
                WORDS[rng.below(15)]
            );
            if prefix != "F" && items >= 2 {
                let _ = writeln!(out, "    links: [F{}]", 1 + rng.below(items / 2));
            }
            if prefix == "R" {
                let _ = writeln!(
                    out,
                    "    directed_to: [The Home Office]\n    due: 202{}-0{}-1{}",
                    rng.below(8),
                    1 + rng.below(9),
                    rng.below(9)
                );
            }
        }
    }
    out
}

pub fn generated(items: usize) -> Option<PathBuf> {
    let path = std::env::temp_dir().join(format!("scrutiny-bench-{items}.yaml"));
    std::fs::write(&path, synthetic(items)).ok()?;
    Some(path)
}

/// A folder of `count` distinct inspections of `items` items each, written
/// once to the temporary directory (again only if one is missing).
pub fn portfolio(count: usize, items: usize) -> Option<PathBuf> {
    let dir = std::env::temp_dir().join(format!("scrutiny-bench-portfolio-{count}x{items}"));
    std::fs::create_dir_all(&dir).ok()?;
    for seed in 1..=count {
        let path = dir.join(format!("r{seed:05}.yaml"));
        if !path.exists() {
            std::fs::write(&path, synthetic_seeded(items, Some(seed as u64))).ok()?;
        }
    }
    Some(dir)
}

/// The app on `inspection` with an empty review kept at `review`, as on
/// the day these figures were taken.
pub fn app(inspection: Inspection, review: PathBuf) -> App {
    let empty = Review::new(inspection.meta.id.clone());
    app_with(inspection, empty, review)
}

/// The app on `inspection` with `review`, to be kept at `path`.
#[allow(dead_code, reason = "not every bench has a review to give")]
pub fn app_with(inspection: Inspection, review: Review, path: PathBuf) -> App {
    App::new(
        inspection,
        review,
        path,
        None,
        "bench".into(),
        jiff::civil::date(2026, 11, 29),
    )
}

/// An inspection whose first finding's text is about `megabytes` MB of
/// hard-wrapped paragraphs, with a small finding after it.
pub fn huge_item(megabytes: usize) -> String {
    let mut rng = Rng(11);
    let mut out = String::from(
        "version: 1\ninspection:\n  id: huge-item\n  title: One huge item\nfindings:\n  - id: F1\n    title: A finding with a very long text\n    text: |\n",
    );
    while out.len() < megabytes * 1_000_000 {
        for _ in 0..6 {
            out.push_str("      ");
            out.push_str(&rng.words(12));
            out.push('\n');
        }
        out.push('\n');
    }
    out.push_str("  - id: F2\n    title: A small finding\n    text: Short.\n");
    out
}

pub fn generated_huge_item(megabytes: usize) -> Option<PathBuf> {
    let path = std::env::temp_dir().join(format!("scrutiny-bench-huge-{megabytes}mb.yaml"));
    std::fs::write(&path, huge_item(megabytes)).ok()?;
    Some(path)
}
