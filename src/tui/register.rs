//! The register: every item of every inspection loaded, in the usual view.
//!
//! The inspections are joined into one: each item's id becomes
//! `INSPECTION#ITEM` (the form FORMAT.md's `related:` names items by),
//! its links within its report renamed to match, and every review's
//! entries put under the same ids. The view then filters, searches, sorts,
//! marks and changes them as it does a single review's; saving splits the
//! entries back, and writes each review file whose entries changed, each
//! to its own file, through its lock and never over a change made to it
//! meanwhile (that is merged in, as a single review merges).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::files::workspace::Pair;
use crate::model::{Inspection, Item, Meta, Review};

/// One inspection of the register, with its review as last read or saved.
#[derive(Debug, Clone)]
pub struct Report {
    pub path: PathBuf,
    /// The inspection's id, as it stands before `#` in the register's ids.
    pub key: String,
    /// What the lists show for the report: its id, cut cleanly.
    pub short: String,
    pub title: String,
    pub review_path: PathBuf,
    /// The review as the file now holds it: its response, its own keys and
    /// its entries as saved.
    pub review: Review,
    /// The review file's bytes as read or written (`None`: no file yet).
    pub on_disk: Option<Vec<u8>>,
    /// Where the inspection's items are among the register's, in the
    /// inspection's order: for saving its entries in that order.
    pub positions: Vec<u32>,
}

/// The inspections the register joins.
#[derive(Debug, Clone, Default)]
pub struct Register {
    pub reports: Vec<Report>,
    by_key: HashMap<String, usize>,
    /// Reports whose review changed since the overview last counted them.
    pub touched: std::collections::BTreeSet<usize>,
}

/// The widest a report's name is in the lists.
pub const SHORT: usize = 18;

/// A report's id as the lists show it: whole when short, else cut at
/// `SHORT` characters (at a dash or a dot when one is near) with `…`.
pub fn short_name(id: &str) -> String {
    short_name_with(id, "…")
}

/// As `short_name`, ending in `ellipsis` (the ASCII screen's `...`), the
/// name and it still within `SHORT` characters.
pub fn short_name_with(id: &str, ellipsis: &str) -> String {
    if id.chars().count() <= SHORT {
        return id.to_owned();
    }
    let separator = |c: char| matches!(c, '-' | '_' | '.' | ' ');
    let keep = SHORT.saturating_sub(ellipsis.chars().count()).max(1);
    let cut: String = id.chars().take(keep).collect();
    // A word that ends where the cut falls is kept whole.
    let whole = id.chars().nth(keep).is_some_and(separator);
    let at = if whole {
        cut.len()
    } else {
        cut.rfind(separator)
            .filter(|&at| at >= SHORT / 2)
            .unwrap_or(cut.len())
    };
    format!("{}{ellipsis}", &cut[..at])
}

/// A write of one review file the register asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewWrite {
    /// Which report of the register.
    pub report: usize,
    pub path: PathBuf,
    pub text: String,
    /// What the file must still hold (`None`: no file yet).
    pub expected: Option<Vec<u8>>,
}

/// How one write went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReviewSaved {
    Written {
        report: usize,
        bytes: Vec<u8>,
    },
    /// Someone changed the file since it was read: what it holds now
    /// (`None`: it is gone).
    Changed {
        report: usize,
        disk: Option<Vec<u8>>,
    },
    Failed {
        report: usize,
        why: String,
    },
}

/// Write one review file as asked, through its lock: never while another
/// scrutiny writes it, never over a change made since it was read.
pub fn save(write: &ReviewWrite) -> ReviewSaved {
    use crate::files::lock;
    use crate::files::store::{self, SaveError};
    let report = write.report;
    let name = crate::text::inert_line(&write.path.display().to_string()).into_owned();
    let held = match lock::acquire(&write.path) {
        Ok(lock::Lock::Acquired(held)) => Some(held),
        Ok(lock::Lock::HeldBy(who)) => {
            return ReviewSaved::Failed {
                report,
                why: format!("{name} is open to write by {who}"),
            };
        }
        // No lock can be made there: a read-only folder says so on writing.
        Err(_) => None,
    };
    let outcome = match store::save_review(&write.path, &write.text, write.expected.as_deref()) {
        Ok(()) => ReviewSaved::Written {
            report,
            bytes: write.text.clone().into_bytes(),
        },
        Err(SaveError::ChangedOnDisk { .. }) => match store::read_if_present(&write.path) {
            Ok(disk) => ReviewSaved::Changed { report, disk },
            Err(e) => ReviewSaved::Failed {
                report,
                why: format!("cannot read {name}: {e}"),
            },
        },
        Err(e) => ReviewSaved::Failed {
            report,
            why: e.to_string(),
        },
    };
    drop(held);
    outcome
}

impl Register {
    /// Join these inspections and their reviews: the joined inspection,
    /// the joined review, and the register that splits them again. An
    /// inspection whose id another has already is told apart by `~2`,
    /// `~3`… after it (and a `#` in an id is written `~`).
    pub fn build(pairs: Vec<Pair>) -> (Inspection, Review, Register) {
        let total = pairs.iter().map(|p| p.inspection.items.len()).sum();
        let mut review = Review::new("");
        let mut register = Register::default();
        // Each report's items, already in kind order (renamed below),
        // taken a kind at a time, so the register's come in kind order and
        // need no sort.
        let mut lists: Vec<Vec<Item>> = Vec::with_capacity(pairs.len());
        for pair in pairs {
            // `#` ends the report's part of a register id: one in an
            // inspection's id is written `~` there.
            let base = pair.inspection.meta.id.replace('#', "~");
            let mut key = base.clone();
            let mut n = 1;
            while register.by_key.contains_key(&key) {
                n += 1;
                key = format!("{base}~{n}");
            }
            for (id, entry) in pair.review.ordered_by(|id| pair.inspection.position(id)) {
                review.put(&joined(&key, id), entry.clone());
            }
            lists.push(pair.inspection.items);
            register.by_key.insert(key.clone(), register.reports.len());
            register.reports.push(Report {
                path: pair.path,
                short: short_name(&key),
                key,
                title: pair.inspection.meta.title,
                review_path: pair.review_path,
                review: pair.review,
                on_disk: pair.review_bytes,
                positions: Vec::new(),
            });
        }
        let keys: Vec<&str> = register.reports.iter().map(|r| r.key.as_str()).collect();
        rename_all(&mut lists, &keys, total);
        let mut items = Vec::with_capacity(total);
        let mut kinds = crate::model::Kind::ALL;
        kinds.sort();
        let mut lists: Vec<std::vec::IntoIter<Item>> =
            lists.into_iter().map(Vec::into_iter).collect();
        for kind in kinds {
            for (list, report) in lists.iter_mut().zip(&mut register.reports) {
                let n = list.as_slice().partition_point(|item| item.kind <= kind);
                let from = items.len();
                items.extend(list.by_ref().take(n));
                report
                    .positions
                    .extend((from..items.len()).map(|at| u32::try_from(at).unwrap_or(u32::MAX)));
            }
        }
        // Anything left (a kind out of order, which no inspection has) is
        // taken as it comes: the inspection sorts it, and the positions
        // are found again below.
        let sorted = lists.iter().all(|list| list.as_slice().is_empty());
        for list in lists {
            items.extend(list);
        }
        let count = register.reports.len();
        let meta = Meta::named(
            "",
            format!(
                "Register: {count} {}",
                if count == 1 {
                    "inspection"
                } else {
                    "inspections"
                }
            ),
        );
        let inspection = Inspection::new(meta, items);
        if !sorted {
            for report in &mut register.reports {
                report.positions.clear();
            }
            for (at, item) in inspection.items.iter().enumerate() {
                if let Some((r, _)) = register.split(&item.id) {
                    register.reports[r]
                        .positions
                        .push(u32::try_from(at).unwrap_or(u32::MAX));
                }
            }
        }
        (inspection, review, register)
    }

    /// The report and the item's own id of a register id.
    pub fn split<'a>(&self, id: &'a str) -> Option<(usize, &'a str)> {
        let (key, item) = id.split_once('#')?;
        self.by_key.get(key).map(|&r| (r, item))
    }

    /// The report an inspection id names.
    pub fn report_of(&self, key: &str) -> Option<usize> {
        self.by_key.get(key).copied()
    }

    /// The report whose inspection is the file `path`.
    pub fn report_at(&self, path: &Path) -> Option<usize> {
        self.reports.iter().position(|r| r.path == path)
    }

    /// A register id as FORMAT.md's `related:` and the dismissed file name
    /// it: `INSPECTION#ITEM`, with the inspection's own id.
    pub fn named(&self, id: &str) -> Option<String> {
        let (r, item) = self.split(id)?;
        Some(format!("{}#{item}", self.reports[r].review.inspection))
    }

    /// A register id as the lists show it: the report's short name and the
    /// item's own id.
    pub fn shown_id(&self, id: &str) -> String {
        self.shown_id_with(id, "…")
    }

    /// As `shown_id`, a long report name cut with `ellipsis`.
    pub fn shown_id_with(&self, id: &str, ellipsis: &str) -> String {
        match self.split(id) {
            Some((r, item)) if ellipsis == "…" => format!("{} {item}", self.reports[r].short),
            Some((r, item)) => {
                let short = short_name_with(&self.reports[r].key, ellipsis);
                format!("{short} {item}")
            }
            None => id.to_owned(),
        }
    }

    /// Report `r`'s review as the joined one now has it: its own response
    /// and keys, and the entries now under its id.
    pub fn review_of(&self, r: usize, joined: &Review) -> Review {
        let report = &self.reports[r];
        let mut own = report.review.clone();
        let prefix = format!("{}#", report.key);
        let now: HashMap<&str, &crate::model::review::Entry> = joined
            .entries()
            .filter_map(|(id, e)| id.strip_prefix(&prefix).map(|own| (own, e)))
            .collect();
        let gone: Vec<String> = own
            .ids()
            .filter(|id| !now.contains_key(id.as_str()))
            .cloned()
            .collect();
        for id in gone {
            own.remove(&id);
        }
        for (id, entry) in now {
            if own.entry(id) != Some(entry) {
                own.put(id, entry.clone());
            }
        }
        own
    }

    /// The reports whose entries in `joined` are not what their files hold.
    pub fn changed(&self, joined: &Review) -> Vec<usize> {
        let mut changed = vec![false; self.reports.len()];
        let mut counts = vec![0usize; self.reports.len()];
        for (id, entry) in joined.entries() {
            if let Some((r, own)) = self.split(id) {
                counts[r] += 1;
                if self.reports[r].review.entry(own) != Some(entry) {
                    changed[r] = true;
                }
            }
        }
        (0..self.reports.len())
            .filter(|&r| changed[r] || counts[r] != self.reports[r].review.len())
            .collect()
    }

    /// The writes that bring every changed review file up to `joined`,
    /// the review of the register's items `all`.
    pub fn writes(&self, joined: &Review, all: &Inspection) -> Vec<ReviewWrite> {
        self.changed(joined)
            .into_iter()
            .map(|r| self.write_of(r, &self.review_of(r, joined), all))
            .collect()
    }

    /// The write of report `r`'s review `own`, its entries in the order
    /// of its items among `all`.
    pub fn write_of(&self, r: usize, own: &Review, all: &Inspection) -> ReviewWrite {
        let report = &self.reports[r];
        let prefix = format!("{}#", report.key);
        let order = report.positions.iter().filter_map(|&at| {
            all.items
                .get(at as usize)
                .and_then(|item| item.id.strip_prefix(&prefix))
        });
        ReviewWrite {
            report: r,
            path: report.review_path.clone(),
            text: crate::files::review_file::to_yaml_in_order(own, order),
            expected: report.on_disk.clone(),
        }
    }

    /// Report `r`'s file now holds `bytes`, written from `joined`.
    pub fn written(&mut self, r: usize, bytes: Vec<u8>, joined: &Review) {
        let own = self.review_of(r, joined);
        let report = &mut self.reports[r];
        report.review = own;
        report.on_disk = Some(bytes);
        self.touched.insert(r);
    }

    /// Report `r` as an inspection of its own, from the register's items
    /// (its meta only its id and title: for counting).
    pub fn inspection_of(&self, r: usize, all: &Inspection) -> Inspection {
        let report = &self.reports[r];
        let prefix = format!("{}#", report.key);
        let items = all
            .items
            .iter()
            .filter_map(|item| {
                let own = item.id.strip_prefix(&prefix)?;
                let mut item = item.clone();
                own.clone_into(&mut item.id);
                Some(item)
            })
            .collect();
        Inspection::new(
            Meta::named(report.review.inspection.as_str(), report.title.as_str()),
            items,
        )
    }

    /// Report `r`'s file was changed by someone else to `disk`: their
    /// changes merged with the register's (an item changed on both sides
    /// keeps the register's, the other held as its conflict), put into
    /// `all`, and the write that saves the merge. `Err`: the file on
    /// disk is not a review of this inspection (the first problem).
    pub fn merge_in(
        &mut self,
        r: usize,
        disk: Option<Vec<u8>>,
        (all, items): (&mut Review, &Inspection),
    ) -> Result<(ReviewWrite, Vec<String>), String> {
        let ours = self.review_of(r, all);
        let report = &self.reports[r];
        let theirs = match &disk {
            Some(bytes) => {
                crate::files::load_review(bytes, &report.review.inspection).map_err(|problems| {
                    format!(
                        "{} changed on disk and is no longer valid: {}",
                        report.review_path.display(),
                        problems
                            .0
                            .first()
                            .map(ToString::to_string)
                            .unwrap_or_default()
                    )
                })?
            }
            // Gone: written back whole.
            None => report.review.clone(),
        };
        let (mut merged, conflicts) = crate::model::merge::merge(&report.review, &ours, &theirs);
        if disk.is_none() {
            merged = ours;
        }
        let prefix = &report.key;
        for (id, entry) in merged.entries() {
            let at = joined(prefix, id);
            if all.entry(&at) != Some(entry) {
                all.put(&at, entry.clone());
            }
        }
        let key = report.key.clone();
        self.reports[r].on_disk = disk;
        if let Some(bytes) = &self.reports[r].on_disk
            && let Ok(theirs) = crate::files::load_review(bytes, &theirs.inspection)
        {
            self.reports[r].review = theirs;
        }
        let write = self.write_of(r, &merged, items);
        Ok((
            write,
            conflicts.into_iter().map(|id| joined(&key, &id)).collect(),
        ))
    }
}

/// The register's id of item `id` of the inspection `key`.
pub fn joined(key: &str, id: &str) -> String {
    let mut out = String::with_capacity(key.len() + 1 + id.len());
    out.push_str(key);
    out.push('#');
    out.push_str(id);
    out
}

/// Every report's items (`lists`, `total` in all) renamed under its key
/// (`keys`, in the same order), on every core for a large register.
fn rename_all(lists: &mut [Vec<Item>], keys: &[&str], total: usize) {
    let one = |lists: &mut [Vec<Item>], keys: &[&str]| {
        for (list, key) in lists.iter_mut().zip(keys) {
            for item in list {
                rename(key, item);
            }
        }
    };
    let workers = if total < 20_000 {
        1
    } else {
        std::thread::available_parallelism().map_or(1, |n| n.get().min(8))
    };
    if workers == 1 {
        one(lists, keys);
        return;
    }
    // Shares taken in turn by whichever thread is free: this one too, so
    // the work is done even if no other thread can be had.
    let chunk = lists.len().div_ceil(workers * 4).max(1);
    let shares = std::sync::Mutex::new(
        lists
            .chunks_mut(chunk)
            .zip(keys.chunks(chunk))
            .collect::<Vec<_>>(),
    );
    let work = || {
        while let Some((lists, keys)) = shares.lock().ok().and_then(|mut s| s.pop()) {
            one(lists, keys);
        }
    };
    std::thread::scope(|scope| {
        for _ in 1..workers {
            let _ = std::thread::Builder::new()
                .name("register".into())
                .spawn_scoped(scope, work);
        }
        work();
    });
}

/// `item` as the register holds it: its id and its links within its
/// report under the report's id.
fn rename(key: &str, item: &mut Item) {
    item.id = joined(key, &item.id);
    if !item.links.is_empty() {
        let mut links = crate::model::inspection::Strings::new();
        for link in item.links.iter() {
            links.push(&joined(key, link));
        }
        item.links = links;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_id_is_cut_at_a_dash() {
        assert_eq!(short_name("peel-2023"), "peel-2023");
        assert_eq!(short_name("hmicfrs-2021-peel-notts"), "hmicfrs-2021-peel…");
        assert_eq!(
            short_name("abcdefghijklmnopqrstuvwxyz"),
            "abcdefghijklmnopq…"
        );
        assert!(short_name("ééééééééééééééééééééééé").chars().count() <= SHORT);
    }

    #[test]
    fn a_long_id_cut_for_an_ascii_screen_ends_in_dots_as_short() {
        assert_eq!(short_name_with("peel-2023", "..."), "peel-2023");
        assert_eq!(
            short_name_with("hmicfrs-2021-peel-notts", "..."),
            "hmicfrs-2021..."
        );
        assert_eq!(
            short_name_with("abcdefghijklmnopqrstuvwxyz", "..."),
            "abcdefghijklmno..."
        );
    }
}
