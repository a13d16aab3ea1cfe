//! Conflict copies left beside a review by the tools that sync shared
//! folders. None of them merges: when two people change `NAME.review.yaml`
//! at once, the tool keeps one version under the name and writes the other
//! beside it under a name with a marker in it. Those copies hold work that
//! is not in the review, so scrutiny has to notice them, say which review
//! each belongs to, and (once it is merged) move it out of the way without
//! deleting it.
//!
//! The markers, as each tool writes them (the tool puts its marker before
//! the last extension; people renaming by hand, and some reports, put it
//! before `.review.yaml` instead, so both places are read):
//!
//! - `OneDrive`: `-COMPUTERNAME`, or `-COMPUTERNAME-N` once that is taken.
//! - Dropbox: ` (Alice's conflicted copy 2026-11-30)`, or without the name
//!   and apostrophe, or without the date.
//! - Nextcloud and ownCloud (one desktop client underneath): ` (conflicted
//!   copy 2026-11-30 101500)`, possibly with a user name before the date;
//!   older clients wrote `_conflict-20261130-101500`, possibly with
//!   `USER-` before the date.
//! - Syncthing: `.sync-conflict-20261130-101500-ABCDEFG`, the last part the
//!   short id of the device (older versions left it out).
//! - Google Drive: ` (1)`, ` (2)`, …
//!
//! Everything here is names only: nothing reads or moves a file.

use std::collections::HashSet;

use jiff::Timestamp;

/// The tool a conflict copy came from, for telling the user where it came
/// from (and so which tool to look at if it keeps happening).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Tool {
    OneDrive,
    Dropbox,
    Nextcloud,
    Syncthing,
    GoogleDrive,
}

impl Tool {
    /// The tool's name as its users know it, for messages.
    pub fn name(self) -> &'static str {
        match self {
            Tool::OneDrive => "OneDrive",
            Tool::Dropbox => "Dropbox",
            Tool::Nextcloud => "Nextcloud/ownCloud",
            Tool::Syncthing => "Syncthing",
            Tool::GoogleDrive => "Google Drive",
        }
    }
}

/// The end of every review's name; a marker may sit just before it.
const REVIEW_SUFFIX: &str = ".review.yaml";

/// How many markers deep a copy is followed back. Tools stack them (a
/// Dropbox copy of a copy gets a second `(… conflicted copy …)`): five
/// have been seen on one name (four Dropbox markers and a `(1)`), so
/// eight, which still bounds the work on a hostile name.
const DEPTH: usize = 8;

/// If `copy` is a conflict copy by one of the tools' patterns, the name of
/// the file it is a copy of (every stacked marker taken off) and the tool
/// that wrote the outermost marker.
///
/// Where a name reads more than one way (a `OneDrive` machine name may
/// itself contain hyphens), the longest machine name is taken: see
/// [`onedrive`]. [`copies_of`] weighs every reading, not only this one.
pub fn original_name(copy: &str) -> Option<(String, Tool)> {
    let (mut name, tool) = readings(copy).into_iter().next()?;
    for _ in 1..DEPTH {
        match readings(&name).into_iter().next() {
            Some((inner, _)) => name = inner,
            None => break,
        }
    }
    Some((name, tool))
}

/// Among the file names of a folder, those that are conflict copies of
/// `review_name`, with the tool of each, sorted by name.
///
/// A name that is itself a review with its inspection beside it
/// (`REPORT-A.review.yaml` beside `REPORT-A.yaml`) is that inspection's
/// review, never a copy, however much `-A` looks like a machine name: the
/// inspection's presence settles what the name alone cannot.
pub fn copies_of(review_name: &str, names: &[&str]) -> Vec<(String, Tool)> {
    let mut found: Vec<(String, Tool)> = names
        .iter()
        .filter(|name| **name != review_name && !is_own_review(name, names))
        .filter_map(|name| copy_of(name, review_name).map(|tool| ((*name).to_owned(), tool)))
        .collect();
    found.sort();
    found.dedup();
    found
}

/// The name a merged copy is moved to: kept, never deleted (it is the only
/// record of what the other person wrote, should the merge be wrong), but
/// no longer ending `.yaml`, so that neither scrutiny nor a person takes it
/// for a review or for a copy still to merge. The time is UTC in the basic
/// ISO 8601 form: no `:`, which Windows refuses in a name, and it sorts.
pub fn backup_name(copy: &str, stamp: Timestamp) -> String {
    format!("{copy}.merged-{}", stamp.strftime("%Y%m%dT%H%M%SZ"))
}

/// Whether `name` is the review of an inspection that is in `names`.
fn is_own_review(name: &str, names: &[&str]) -> bool {
    name.strip_suffix(REVIEW_SUFFIX).is_some_and(|stem| {
        let inspection = format!("{stem}.yaml");
        names.contains(&inspection.as_str())
    })
}

/// The tool of the outermost marker, if some reading of `name`, peeled
/// back at most [`DEPTH`] markers, is `review_name`.
fn copy_of(name: &str, review_name: &str) -> Option<Tool> {
    originals(name)
        .into_iter()
        .find(|(inner, _)| inner == review_name)
        .map(|(_, tool)| tool)
}

/// Every name `copy` reads as a copy of, each reading peeled back at most
/// [`DEPTH`] markers, nearest first, with the tool of the outermost marker;
/// each name once. Empty for a name that is no tool's copy. A folder's
/// names are weighed once each through this, whatever review they are
/// copies of.
pub fn originals(copy: &str) -> Vec<(String, Tool)> {
    let mut all: Vec<(String, Tool)> = Vec::new();
    let mut layer = readings(copy);
    for _ in 0..DEPTH {
        if layer.is_empty() {
            break;
        }
        // Different readings often peel back to the same name (`A-B-C`
        // less `-B-C`, or less `-C` and then `-B`); keeping each name once
        // keeps a name made of hyphenated capitals from multiplying.
        let mut seen: HashSet<String> = all.iter().map(|(name, _)| name.clone()).collect();
        layer.retain(|(name, _)| seen.insert(name.clone()));
        all.extend(layer.iter().cloned());
        layer = layer
            .iter()
            .flat_map(|(inner, tool)| {
                readings(inner)
                    .into_iter()
                    .map(|(deeper, _)| (deeper, *tool))
            })
            .collect();
    }
    all
}

/// Every way of reading `name` as one marker added to another name, the
/// preferred first: the marker before the last extension (where the tools
/// put it), then before `.review.yaml`.
fn readings(name: &str) -> Vec<(String, Tool)> {
    let mut found = Vec::new();
    let (stem, ext) = split_extension(name);
    for (base, tool) in markers(stem) {
        found.push((format!("{base}{ext}"), tool));
    }
    if let Some(stem) = name.strip_suffix(REVIEW_SUFFIX) {
        for (base, tool) in markers(stem) {
            found.push((format!("{base}{REVIEW_SUFFIX}"), tool));
        }
    }
    found
}

/// The name before its last extension, and the extension with its dot (or
/// nothing). A leading dot is part of the name, as in `.profile`. Every cut
/// here and below is at an ASCII byte, so always on a character boundary.
fn split_extension(name: &str) -> (&str, &str) {
    match name.rfind('.') {
        Some(dot) if dot > 0 => name.split_at(dot),
        _ => (name, ""),
    }
}

/// Each name that `stem` is, with some tool's marker added at its end. The
/// name left must not be empty: a marker alone is a name of its own.
fn markers(stem: &str) -> Vec<(&str, Tool)> {
    let mut found = Vec::new();
    if let Some(base) = syncthing(stem) {
        found.push((base, Tool::Syncthing));
    }
    if let Some(read) = parenthesised(stem) {
        found.push(read);
    }
    if let Some(base) = nextcloud_underscore(stem) {
        found.push((base, Tool::Nextcloud));
    }
    found.extend(
        onedrive(stem)
            .into_iter()
            .map(|base| (base, Tool::OneDrive)),
    );
    found.retain(|(base, _)| !base.is_empty());
    found
}

/// `.sync-conflict-YYYYMMDD-HHMMSS`, then `-` and the seven upper-case
/// letters and digits of a device's short id, or (before Syncthing named
/// the device) nothing.
fn syncthing(stem: &str) -> Option<&str> {
    const TAG: &str = ".sync-conflict-";
    let at = stem.rfind(TAG)?;
    let rest = &stem.as_bytes()[at + TAG.len()..];
    let known = match rest.len() {
        15 => compact_stamp(rest),
        23 => {
            compact_stamp(&rest[..15])
                && rest[15] == b'-'
                && rest[16..]
                    .iter()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        }
        _ => false,
    };
    known.then(|| &stem[..at])
}

/// `_conflict-YYYYMMDD-HHMMSS`, or `_conflict-USER-YYYYMMDD-HHMMSS`: what
/// ownCloud's client (and so Nextcloud's) wrote before it took Dropbox's
/// wording; folders that have been synced for years still hold them.
fn nextcloud_underscore(stem: &str) -> Option<&str> {
    const TAG: &str = "_conflict-";
    let at = stem.rfind(TAG)?;
    let rest = &stem.as_bytes()[at + TAG.len()..];
    let stamp_at = rest.len().checked_sub(15)?;
    let user = &rest[..stamp_at];
    let user_ok = user.is_empty() || (user.len() >= 2 && user.ends_with(b"-"));
    (user_ok && compact_stamp(&rest[stamp_at..])).then(|| &stem[..at])
}

/// A marker in parentheses at the end of `stem`: ` (N)` (Google Drive),
/// ` (… conflicted copy …)` (Dropbox, or Nextcloud when there is a time of
/// day). The rightmost ` (` that reads as one is taken, so a name with
/// parentheses of its own (`report (final) (1)`) keeps them.
///
/// Only digits count for Google Drive, so `report (final)` or
/// `minutes (draft 2)` are names, not copies. Only the English wording
/// counts for Dropbox: that is what the clients write and look for, and a
/// looser test would take a name like `lessons (conflict resolution)`.
fn parenthesised(stem: &str) -> Option<(&str, Tool)> {
    let body = stem.strip_suffix(')')?;
    body.rmatch_indices(" (").find_map(|(at, _)| {
        let inner = &body[at + 2..];
        conflict_tag(inner).map(|tool| (&stem[..at], tool))
    })
}

/// Which tool writes `inner` between the parentheses, if any.
fn conflict_tag(inner: &str) -> Option<Tool> {
    // Dropbox's own client writes "conflicted copy"; Maestral, an open
    // client of Dropbox, writes "conflicting copy".
    const PHRASES: [&str; 2] = ["conflicted copy", "conflicting copy"];
    if counter(inner.as_bytes()) {
        return Some(Tool::GoogleDrive);
    }
    // Lower-casing ASCII keeps every byte where it was, so a position
    // found is a position in `inner`. Each place a phrase occurs is
    // tried, for a user who calls themself "conflicted copy".
    let lower = inner.to_ascii_lowercase();
    PHRASES.iter().find_map(|phrase| {
        lower
            .match_indices(phrase)
            .find_map(|(at, _)| tag_around(&inner[..at], &inner[at + phrase.len()..]))
    })
}

/// The tool whose wording is `before` "conflicted copy" `after`.
fn tag_around(before: &str, after: &str) -> Option<Tool> {
    let dated = after.is_empty() || dashed_date_after_space(after);
    if before.is_empty() {
        if dated {
            return Some(Tool::Dropbox);
        }
        return nextcloud_tail(after).then_some(Tool::Nextcloud);
    }
    // One space before the phrase, or more (Maestral writes two).
    if !before.ends_with(' ') {
        return None;
    }
    let before = before.trim_end_matches(' ');
    let owner = ["'s", "\u{2019}s", "'", "\u{2019}"]
        .iter()
        .find_map(|ending| before.strip_suffix(ending))?;
    (!owner.trim().is_empty() && balanced(owner) && dated).then_some(Tool::Dropbox)
}

/// Whether every parenthesis in `owner` is closed, and none closed before
/// it opened. A user called `Ann (Ops)` is then read whole, and the name of
/// `report (final) (Alice's conflicted copy …)` keeps its `(final)`.
fn balanced(owner: &str) -> bool {
    let mut depth = 0_usize;
    for c in owner.bytes() {
        match c {
            b'(' => depth += 1,
            b')' => match depth.checked_sub(1) {
                Some(less) => depth = less,
                None => return false,
            },
            _ => {}
        }
    }
    depth == 0
}

/// ` YYYY-MM-DD HHMMSS`, or ` USER YYYY-MM-DD HHMMSS`, after Nextcloud's
/// `conflicted copy`.
fn nextcloud_tail(after: &str) -> bool {
    let b = after.as_bytes();
    let Some(stamp_at) = b.len().checked_sub(17) else {
        return false;
    };
    let stamp = &b[stamp_at..];
    let stamp_ok = dashed_date(&stamp[..10]) && stamp[10] == b' ' && digits(&stamp[11..], 6);
    let lead = &b[..stamp_at];
    let user_ok =
        lead == b" " || (lead.len() >= 3 && lead.starts_with(b" ") && lead.ends_with(b" "));
    stamp_ok && user_ok
}

/// ` YYYY-MM-DD`, the whole of `after`.
fn dashed_date_after_space(after: &str) -> bool {
    after
        .strip_prefix(' ')
        .is_some_and(|date| dashed_date(date.as_bytes()))
}

/// The hyphens before which `stem` reads as a name and `OneDrive`'s
/// `-MACHINE` or `-MACHINE-N`, the longest machine name first.
///
/// What counts as a machine name is the crux, since ordinary names are
/// full of hyphens (`thames-valley-2024`, `prevent-2020`). The desktop
/// client uses the Windows computer name, a `NetBIOS` name: at most 15
/// characters, and in practice upper-case letters, digits and hyphens
/// (`DESKTOP-AB12CD3`, `LAPTOP-7Q2M`, `PCC-OFFICE-04`). So the suffix must
/// be 1 to 15 of those, beginning with a letter and not ending with a
/// hyphen, and optionally `-N` (1 to 3 digits) after it. Windows would
/// allow a name to start with a digit, but the names it makes up do not,
/// and insisting on the letter keeps years, counts and times (`-2020`,
/// `-2020-Q1` as a whole, `-101500-ABCDEFG`) from reading as machines.
/// The trade-offs: an inspection
/// whose own name ends in an upper-case suffix (`REPORT-V2`) reads as a
/// copy of `REPORT`, which [`copies_of`] undoes when `REPORT-V2.yaml` is in
/// the folder; and a copy from a machine with a lower-case name (the
/// community Linux client uses the host name as it is) is not recognised.
/// Missing such a copy loses nothing (it stays in the folder, untouched);
/// taking a review for a copy would have it merged and moved aside.
///
/// Longest first, because names in these folders are lower-case words
/// while machine names such as `DESKTOP-AB12` have hyphens of their own.
fn onedrive(stem: &str) -> Vec<&str> {
    let b = stem.as_bytes();
    // `-`, a 15-character name, `-`, three digits: nothing further back
    // can start a marker.
    let earliest = b.len().saturating_sub(1 + 15 + 1 + 3);
    (earliest..b.len())
        .filter(|&at| b[at] == b'-' && onedrive_marker(&b[at + 1..]))
        .map(|at| &stem[..at])
        .collect()
}

/// `MACHINE` or `MACHINE-N`, the whole of `s`.
fn onedrive_marker(s: &[u8]) -> bool {
    machine(s)
        || s.iter()
            .rposition(|&c| c == b'-')
            .is_some_and(|dash| machine(&s[..dash]) && counter(&s[dash + 1..]))
}

/// A Windows computer name as `OneDrive` writes it: see [`onedrive`].
fn machine(s: &[u8]) -> bool {
    (1..=15).contains(&s.len())
        && s.iter()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || *c == b'-')
        && s.iter().any(u8::is_ascii_uppercase)
        && s.first().is_some_and(u8::is_ascii_uppercase)
        && s.last() != Some(&b'-')
}

/// 1 to 3 digits, not starting with 0: a tool's count of copies.
fn counter(s: &[u8]) -> bool {
    (1..=3).contains(&s.len()) && s.iter().all(u8::is_ascii_digit) && s[0] != b'0'
}

/// `YYYYMMDD-HHMMSS`.
fn compact_stamp(s: &[u8]) -> bool {
    s.len() == 15 && digits(&s[..8], 8) && s[8] == b'-' && digits(&s[9..], 6)
}

/// `YYYY-MM-DD`.
fn dashed_date(s: &[u8]) -> bool {
    s.len() == 10
        && digits(&s[..4], 4)
        && s[4] == b'-'
        && digits(&s[5..7], 2)
        && s[7] == b'-'
        && digits(&s[8..], 2)
}

/// Exactly `n` ASCII digits.
fn digits(s: &[u8], n: usize) -> bool {
    s.len() == n && s.iter().all(u8::is_ascii_digit)
}

#[cfg(test)]
mod tests {
    use super::*;

    const REVIEW: &str = "NAME.review.yaml";

    fn original(copy: &str) -> Option<(String, Tool)> {
        original_name(copy)
    }

    fn is_copy(copy: &str, tool: Tool) {
        assert_eq!(original(copy), Some((REVIEW.to_owned(), tool)), "{copy}");
        assert_eq!(
            copies_of(REVIEW, &[REVIEW, copy]),
            vec![(copy.to_owned(), tool)],
            "{copy}"
        );
    }

    fn not_copy(name: &str) {
        assert_eq!(original(name), None, "{name}");
    }

    #[test]
    fn onedrive_both_placements() {
        is_copy("NAME-DESKTOP-AB12.review.yaml", Tool::OneDrive);
        is_copy("NAME.review-DESKTOP-AB12.yaml", Tool::OneDrive);
        is_copy("NAME-DESKTOP-AB12CD3.review.yaml", Tool::OneDrive);
        is_copy("NAME.review-LAPTOP-7Q2M.yaml", Tool::OneDrive);
        is_copy("NAME-PCCOFFICE.review.yaml", Tool::OneDrive);
        is_copy("NAME.review-WS01.yaml", Tool::OneDrive);
    }

    #[test]
    fn onedrive_numbered() {
        is_copy("NAME-DESKTOP-AB12-1.review.yaml", Tool::OneDrive);
        is_copy("NAME.review-DESKTOP-AB12-2.yaml", Tool::OneDrive);
        is_copy("NAME.review-LAPTOP-12.yaml", Tool::OneDrive);
        is_copy("NAME-DESKTOP-AB12-123.review.yaml", Tool::OneDrive);
    }

    #[test]
    fn onedrive_machine_name_with_hyphens_after_a_hyphenated_name() {
        assert_eq!(
            original("thames-valley-DESKTOP-AB12.review.yaml"),
            Some(("thames-valley.review.yaml".to_owned(), Tool::OneDrive))
        );
        assert_eq!(
            original("thames-valley-2024.review-DESKTOP-AB12-3.yaml"),
            Some(("thames-valley-2024.review.yaml".to_owned(), Tool::OneDrive))
        );
    }

    #[test]
    fn onedrive_suffixes_that_are_not_machine_names() {
        not_copy("prevent-2020.review.yaml");
        not_copy("thames-valley-2024.review.yaml");
        not_copy("west-mercia.review.yaml");
        not_copy("NAME-2020.review.yaml");
        not_copy("NAME.review-2.yaml");
        not_copy("NAME-Desktop.review.yaml");
        // 16 characters: longer than any Windows computer name.
        not_copy("name-DESKTOPABCDEFGHI.review.yaml");
        not_copy("NAME--.review.yaml");
        not_copy("NAME-DESKTOP-.review.yaml");
        not_copy("NAME-1PC.review.yaml");
    }

    #[test]
    fn dropbox_both_placements() {
        is_copy(
            "NAME (conflicted copy 2026-11-30).review.yaml",
            Tool::Dropbox,
        );
        is_copy(
            "NAME.review (conflicted copy 2026-11-30).yaml",
            Tool::Dropbox,
        );
        is_copy(
            "NAME.review (Alice's conflicted copy 2026-11-30).yaml",
            Tool::Dropbox,
        );
        is_copy(
            "NAME (Alice's conflicted copy 2026-11-30).review.yaml",
            Tool::Dropbox,
        );
        is_copy(
            "NAME.review (DESKTOP-AB12's conflicted copy 2026-11-30).yaml",
            Tool::Dropbox,
        );
        is_copy("NAME.review (Alice's conflicted copy).yaml", Tool::Dropbox);
        is_copy("NAME.review (conflicted copy).yaml", Tool::Dropbox);
        is_copy(
            "NAME.review (Alice's Conflicted Copy 2026-11-30).yaml",
            Tool::Dropbox,
        );
    }

    #[test]
    fn dropbox_names_with_apostrophes_and_beyond_ascii() {
        is_copy(
            "NAME.review (Siobhán O'Brien's conflicted copy 2026-11-30).yaml",
            Tool::Dropbox,
        );
        is_copy(
            "NAME.review (Zoë Åström’s conflicted copy 2026-11-30).yaml",
            Tool::Dropbox,
        );
        is_copy(
            "NAME (Dafydd ap Gruffudd's conflicted copy 2026-11-30).review.yaml",
            Tool::Dropbox,
        );
        is_copy(
            "NAME.review (James' conflicted copy 2026-11-30).yaml",
            Tool::Dropbox,
        );
        is_copy(
            "NAME.review (李小龍's conflicted copy 2026-11-30).yaml",
            Tool::Dropbox,
        );
        is_copy(
            "NAME.review (Ann (Ops)'s conflicted copy 2026-11-30).yaml",
            Tool::Dropbox,
        );
        assert_eq!(
            original("report (final) (Alice's conflicted copy 2026-11-30).review.yaml"),
            Some(("report (final).review.yaml".to_owned(), Tool::Dropbox))
        );
    }

    #[test]
    fn dropbox_stacked_copies_lead_back_to_the_review() {
        is_copy(
            "NAME.review (Alice's conflicted copy 2026-11-30) (Bob's conflicted copy 2026-12-01).yaml",
            Tool::Dropbox,
        );
        is_copy(
            "NAME.review (Alice's conflicted copy 2026-11-30) (1).yaml",
            Tool::GoogleDrive,
        );
    }

    #[test]
    fn nextcloud_both_placements_and_both_eras() {
        is_copy(
            "NAME.review (conflicted copy 2026-11-30 101500).yaml",
            Tool::Nextcloud,
        );
        is_copy(
            "NAME (conflicted copy 2026-11-30 101500).review.yaml",
            Tool::Nextcloud,
        );
        is_copy(
            "NAME.review (conflicted copy alice 2026-11-30 101500).yaml",
            Tool::Nextcloud,
        );
        is_copy("NAME.review_conflict-20261130-101500.yaml", Tool::Nextcloud);
        is_copy("NAME_conflict-20261130-101500.review.yaml", Tool::Nextcloud);
        is_copy(
            "NAME.review_conflict-alice-20261130-101500.yaml",
            Tool::Nextcloud,
        );
    }

    #[test]
    fn syncthing_both_placements() {
        is_copy(
            "NAME.review.sync-conflict-20261130-101500-ABCDEFG.yaml",
            Tool::Syncthing,
        );
        is_copy(
            "NAME.sync-conflict-20261130-101500-ABCDEFG.review.yaml",
            Tool::Syncthing,
        );
        is_copy(
            "NAME.review.sync-conflict-20261130-101500-K3X2R2T.yaml",
            Tool::Syncthing,
        );
        // Before Syncthing put the device in the name.
        is_copy(
            "NAME.review.sync-conflict-20261130-101500.yaml",
            Tool::Syncthing,
        );
    }

    #[test]
    fn syncthing_near_misses() {
        // Not Syncthing's; `-ABCDEFG` alone is a machine name to OneDrive.
        assert_eq!(
            original("NAME.review.sync-conflict-2026113-101500-ABCDEFG.yaml"),
            Some((
                "NAME.review.sync-conflict-2026113-101500.yaml".to_owned(),
                Tool::OneDrive
            ))
        );
        not_copy("NAME.review.sync-conflict-20261130-101500-abcdefg.yaml");
        not_copy("NAME.review.sync-conflict-.yaml");
        not_copy(".sync-conflict-20261130-101500.yaml");
    }

    #[test]
    fn google_drive_counts_one_to_twelve_and_on() {
        for n in 1..=12 {
            is_copy(&format!("NAME.review ({n}).yaml"), Tool::GoogleDrive);
            is_copy(&format!("NAME ({n}).review.yaml"), Tool::GoogleDrive);
        }
        is_copy("NAME.review (123).yaml", Tool::GoogleDrive);
    }

    #[test]
    fn parentheses_of_ordinary_names() {
        // A bare word in parentheses is a name the user chose.
        not_copy("report (final).review.yaml");
        not_copy("report.review (final).yaml");
        not_copy("minutes (draft 2).review.yaml");
        not_copy("report (2024).review.yaml");
        not_copy("report (0).review.yaml");
        not_copy("report (01).review.yaml");
        not_copy("report ().review.yaml");
        not_copy("lessons (conflict resolution).review.yaml");
        not_copy("NAME.review (copy 2026-11-30).yaml");
        not_copy("NAME.review (Alice conflicted copy 2026-11-30).yaml");
        not_copy("NAME.review ('s conflicted copy 2026-11-30).yaml");
        not_copy("NAME.review (conflicted copy 2026-11-30 1015).yaml");
        not_copy("NAME.review (conflicted copy 30-11-2026).yaml");
        not_copy("(1).yaml");
        // Its own parentheses kept, the tool's taken off.
        assert_eq!(
            original("report (final) (2).review.yaml"),
            Some(("report (final).review.yaml".to_owned(), Tool::GoogleDrive))
        );
    }

    #[test]
    fn reviews_inspections_and_lock_files_are_not_copies() {
        not_copy("NAME.review.yaml");
        not_copy("NAME.yaml");
        not_copy(".NAME.review.yaml.lock");
        not_copy("thames-valley-2024.yaml");
        not_copy("");
        not_copy(".");
        not_copy("-");
        not_copy("-PC1");
        let names = [
            "NAME.yaml",
            "NAME.review.yaml",
            ".NAME.review.yaml.lock",
            "OTHER.yaml",
            "OTHER.review.yaml",
            "OTHER-DESKTOP-AB12.review.yaml",
            "OTHER.review (1).yaml",
        ];
        assert_eq!(copies_of(REVIEW, &names), vec![]);
    }

    #[test]
    fn another_inspections_review_is_not_a_copy() {
        // Beside its own inspection, `NAME-A.review.yaml` is a review.
        let names = [
            "NAME.yaml",
            "NAME.review.yaml",
            "NAME-A.yaml",
            "NAME-A.review.yaml",
        ];
        assert_eq!(copies_of(REVIEW, &names), vec![]);
        // Without it, nothing tells it from a copy made on machine `A`.
        let names = ["NAME.yaml", "NAME.review.yaml", "NAME-A.review.yaml"];
        assert_eq!(
            copies_of(REVIEW, &names),
            vec![("NAME-A.review.yaml".to_owned(), Tool::OneDrive)]
        );
        // Nor is the review of an inspection whose name is a prefix.
        let names = [
            "NAME.review.yaml",
            "NAME-2.review.yaml",
            "NAME (final).review.yaml",
        ];
        assert_eq!(copies_of(REVIEW, &names), vec![]);
    }

    #[test]
    fn copies_of_gathers_every_tool_in_name_order() {
        let names = [
            "NAME.yaml",
            "NAME.review.yaml",
            "NAME.review.sync-conflict-20261130-101500-ABCDEFG.yaml",
            "NAME.review (1).yaml",
            "NAME-DESKTOP-AB12.review.yaml",
            "NAME.review (Alice's conflicted copy 2026-11-30).yaml",
            "NAME.review_conflict-20261130-101500.yaml",
            "NAME.review.yaml.merged-20261202T031500Z",
            "OTHER.review (1).yaml",
        ];
        let found = copies_of(REVIEW, &names);
        let expected = vec![
            ("NAME-DESKTOP-AB12.review.yaml".to_owned(), Tool::OneDrive),
            ("NAME.review (1).yaml".to_owned(), Tool::GoogleDrive),
            (
                "NAME.review (Alice's conflicted copy 2026-11-30).yaml".to_owned(),
                Tool::Dropbox,
            ),
            (
                "NAME.review.sync-conflict-20261130-101500-ABCDEFG.yaml".to_owned(),
                Tool::Syncthing,
            ),
            (
                "NAME.review_conflict-20261130-101500.yaml".to_owned(),
                Tool::Nextcloud,
            ),
        ];
        assert_eq!(found, expected);
        let mut reversed = names;
        reversed.reverse();
        assert_eq!(copies_of(REVIEW, &reversed), expected);
    }

    #[test]
    fn copies_of_weighs_every_reading_of_a_hyphenated_machine_name() {
        // Read first as a copy of `PREVENT`, but it is as well a copy of
        // `PREVENT-DESKTOP` made on machine `AB12`.
        let copy = "PREVENT-DESKTOP-AB12.review.yaml";
        assert_eq!(
            original(copy),
            Some(("PREVENT.review.yaml".to_owned(), Tool::OneDrive))
        );
        assert_eq!(
            copies_of("PREVENT-DESKTOP.review.yaml", &[copy]),
            vec![(copy.to_owned(), Tool::OneDrive)]
        );
    }

    #[test]
    fn backup_names_are_neither_reviews_nor_copies() {
        let stamp: Timestamp = "2026-12-02T03:15:00Z".parse().expect("time");
        let copy = "NAME.review (Alice's conflicted copy 2026-11-30).yaml";
        let backup = backup_name(copy, stamp);
        assert_eq!(backup, format!("{copy}.merged-20261202T031500Z"));
        let extension = std::path::Path::new(&backup).extension();
        assert!(!extension.is_some_and(|ext| ext.eq_ignore_ascii_case("yaml")));
        assert!(!backup.contains(':'));
        assert_eq!(
            copies_of(REVIEW, &[REVIEW, copy, &backup]),
            vec![(copy.to_owned(), Tool::Dropbox)]
        );
        for copy in [
            "NAME-DESKTOP-AB12.review.yaml",
            "NAME.review (1).yaml",
            "NAME.review.sync-conflict-20261130-101500-ABCDEFG.yaml",
            "NAME.review_conflict-20261130-101500.yaml",
        ] {
            let backup = backup_name(copy, stamp);
            assert_eq!(copies_of(REVIEW, &[backup.as_str()]), vec![], "{backup}");
            assert!(
                !backup.chars().any(|c| "<>:\"/\\|?*".contains(c)),
                "{backup}"
            );
        }
    }

    #[test]
    fn backup_name_is_in_utc_whatever_the_offset() {
        let stamp: Timestamp = "2026-12-02T04:15:00+01:00".parse().expect("time");
        assert_eq!(
            backup_name("a.yaml", stamp),
            "a.yaml.merged-20261202T031500Z"
        );
    }

    #[test]
    fn a_name_of_many_readings_is_weighed_quickly() {
        let hostile = format!("{}.review.yaml", "A-".repeat(200) + "A");
        let names = vec![hostile.as_str(); 100];
        let started = std::time::Instant::now();
        // Four layers from the review at most: this one is far deeper.
        assert_eq!(copies_of("A.review.yaml", &names), vec![]);
        let near = format!("{}.review.yaml", "A-".repeat(196) + "A");
        let found = copies_of(&near, &names);
        assert_eq!(found.len(), 1);
        assert!(
            started.elapsed() < std::time::Duration::from_secs(5),
            "{:?}",
            started.elapsed()
        );
    }

    #[test]
    fn tools_have_names_for_messages() {
        assert_eq!(Tool::OneDrive.name(), "OneDrive");
        assert_eq!(Tool::Dropbox.name(), "Dropbox");
        assert_eq!(Tool::Nextcloud.name(), "Nextcloud/ownCloud");
        assert_eq!(Tool::Syncthing.name(), "Syncthing");
        assert_eq!(Tool::GoogleDrive.name(), "Google Drive");
    }

    /// Each tool's copy name for `stem`, in both placements.
    fn copy_names(stem: &str, user: &str) -> Vec<(String, Tool)> {
        let markers = [
            ("-DESKTOP-AB12CD3".to_owned(), Tool::OneDrive),
            ("-LAPTOP-7Q2M-2".to_owned(), Tool::OneDrive),
            (
                format!(" ({user}'s conflicted copy 2026-11-30)"),
                Tool::Dropbox,
            ),
            (" (conflicted copy 2026-11-30)".to_owned(), Tool::Dropbox),
            (
                " (conflicted copy 2026-11-30 101500)".to_owned(),
                Tool::Nextcloud,
            ),
            ("_conflict-20261130-101500".to_owned(), Tool::Nextcloud),
            (
                ".sync-conflict-20261130-101500-ABCDEFG".to_owned(),
                Tool::Syncthing,
            ),
            (" (7)".to_owned(), Tool::GoogleDrive),
        ];
        markers
            .iter()
            .flat_map(|(marker, tool)| {
                [
                    (format!("{stem}.review{marker}.yaml"), *tool),
                    (format!("{stem}{marker}.review.yaml"), *tool),
                ]
            })
            .collect()
    }

    proptest::proptest! {
        #[test]
        fn every_copy_leads_back(stem in "[^/\\\\:*?\"<>|\u{0}-\u{1f}]{1,24}", user in "[^()\u{0}-\u{1f}]{1,16}") {
            let review = format!("{stem}.review.yaml");
            // A stem that is already a copy's (`x (1)`) leads further back.
            proptest::prop_assume!(original_name(&review).is_none());
            proptest::prop_assume!(!user.trim().is_empty());
            for (copy, tool) in copy_names(&stem, &user) {
                // OneDrive's reading can be ambiguous (a stem ending `-A1`
                // joins the machine name); every other tool's is exact.
                if tool != Tool::OneDrive {
                    proptest::prop_assert_eq!(original_name(&copy), Some((review.clone(), tool)), "{}", copy);
                }
                proptest::prop_assert!(original_name(&copy).is_some(), "{}", copy);
                let found = copies_of(&review, &[review.as_str(), copy.as_str()]);
                proptest::prop_assert_eq!(found, vec![(copy.clone(), tool)], "{}", copy);
            }
        }

        #[test]
        fn never_panics(name in "\\PC{0,40}|(.|\u{0}|[(). _'-]|[A-Z0-9]|sync-conflict-|conflicted copy|_conflict-){0,24}") {
            let _ = original_name(&name);
            let _ = copies_of(&name, &[name.as_str(), "NAME.review.yaml"]);
            let _ = copies_of("NAME.review.yaml", &[name.as_str()]);
        }
    }

    /// Names as the tools were seen to write them (in bug reports about
    /// them), with a review's name in place of the file's.
    #[test]
    fn copies_as_the_tools_were_seen_to_name_them() {
        let review = "prevent-2020.review.yaml";
        for copy in [
            // Dropbox, a machine for the owner.
            "prevent-2020.review (DESKTOP-UMS014A's conflicted copy 2019-04-24).yaml",
            // Dropbox, an owner in capitals.
            "prevent-2020.review (COLIN SUGGETT's conflicted copy 2021-03-18).yaml",
            // Dropbox, no date, five markers on one name.
            "prevent-2020.review (michael johnson's conflicted copy) (michael johnson's conflicted copy) (1) (michael johnson's conflicted copy) (michael johnson's conflicted copy).yaml",
            // Maestral, a client of Dropbox: its own wording, two spaces.
            "prevent-2020.review (Sam's  conflicting copy 2022-08-30).yaml",
            // Nextcloud's documented example, and ownCloud's older form.
            "prevent-2020.review (conflicted copy 2018-04-10 093612).yaml",
            "prevent-2020.review_conflict-20160705-123900.yaml",
        ] {
            assert_eq!(
                original_name(copy).map(|(name, _)| name).as_deref(),
                Some(review),
                "{copy}"
            );
        }
        // No space before the phrase is no tool's.
        assert_eq!(
            original_name("x.review (Ann'sconflicted copy 2019-04-24).yaml"),
            None
        );
    }
}
