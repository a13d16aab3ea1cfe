//! Ids that differ only in characters that look alike: `Å1` written with
//! the Ångström sign and with the letter Å, `K9` with the Kelvin sign,
//! `A1` with a Cyrillic `А`. Each is a different id to the program and the
//! same one to a reader, so a link or a review entry meant for one can
//! land on the other. They are warned of, not refused: a report may mean
//! them.
//!
//! Two ids look alike when their skeletons agree: NFKC, then the Unicode
//! confusables mapping of UTS #39. Pairs of plain ASCII ids are left out
//! (`rn` and `m`, `l1` and `11` are typed on purpose).

use std::collections::HashMap;
use std::fmt::Write as _;

use unicode_normalization::UnicodeNormalization as _;

use crate::files::yaml::diag::Diagnostic;
use crate::model::node::Pos;

/// What an id looks like: equal for ids that differ only in look-alike
/// characters.
pub fn skeleton(id: &str) -> String {
    let normal: String = id.nfkc().collect();
    unicode_security::confusable_detection::skeleton(&normal).collect()
}

/// A warning for each id of `ids` (in file order, with their places) that
/// looks like an earlier one without being it; `what` names them ("id",
/// "review entry").
pub fn warnings<'a>(ids: impl IntoIterator<Item = (&'a str, Pos)>, what: &str) -> Vec<Diagnostic> {
    let ids: Vec<(&str, Pos)> = ids.into_iter().collect();
    // Plain ASCII ids cannot look like one another here: most files are
    // done without a skeleton.
    if ids.iter().all(|(id, _)| id.is_ascii()) {
        return Vec::new();
    }
    let mut first: HashMap<String, (&str, Pos)> = HashMap::with_capacity(ids.len());
    let mut out = Vec::new();
    for (id, pos) in ids {
        match first.entry(skeleton(id)) {
            std::collections::hash_map::Entry::Occupied(seen) => {
                let (other, at) = *seen.get();
                if other != id && !(other.is_ascii() && id.is_ascii()) {
                    out.push(Diagnostic::warning_at(pos, message(what, id, other, at)));
                }
            }
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert((id, pos));
            }
        }
    }
    out
}

/// `id` looks like `other`, which is at `at`.
pub fn message(what: &str, id: &str, other: &str, at: Pos) -> String {
    format!(
        "{what} `{}` looks like `{}` at {}:{} (they differ only in look-alike characters: {} here, {} there); if they are one item, spell them the same",
        crate::text::inert_line(id),
        crate::text::inert_line(other),
        at.line,
        at.column,
        code_points(id),
        code_points(other),
    )
}

/// The characters of `id` beyond ASCII, as `U+212B`; `ASCII only` if none.
fn code_points(id: &str) -> String {
    let mut out = String::new();
    for c in id.chars().filter(|c| !c.is_ascii()) {
        if !out.is_empty() {
            out.push(' ');
        }
        let _ = write!(out, "U+{:04X}", u32::from(c));
    }
    if out.is_empty() {
        out.push_str("ASCII only");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: u64, column: u64) -> Pos {
        Pos { line, column }
    }

    #[test]
    fn signs_and_other_scripts_look_like_the_letters() {
        for (a, b) in [
            ("\u{C5}1", "\u{212B}1"),
            ("K9", "\u{212A}9"),
            ("A1", "\u{410}1"),
            ("P1", "\u{420}1"),
            ("e\u{301}", "\u{E9}"),
            ("F1", "\u{FF26}\u{FF11}"),
        ] {
            assert_eq!(skeleton(a), skeleton(b), "{a:?} {b:?}");
        }
        assert_ne!(skeleton("R1"), skeleton("R2"));
    }

    #[test]
    fn each_later_lookalike_is_warned_of_naming_the_first() {
        let found = warnings(
            [
                ("\u{C5}1", at(3, 9)),
                ("B1", at(5, 9)),
                ("\u{212B}1", at(12, 7)),
                ("l1", at(13, 7)),
                ("11", at(14, 7)),
            ],
            "id",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].pos, Some(at(12, 7)));
        assert!(found[0].warning);
        assert!(
            found[0]
                .message
                .starts_with("id `\u{212B}1` looks like `\u{C5}1` at 3:9"),
            "{}",
            found[0].message
        );
        assert!(found[0].message.contains("U+212B here, U+00C5 there"));
        assert!(warnings([("rn", at(1, 1)), ("m", at(2, 1))], "id").is_empty());
    }
}
