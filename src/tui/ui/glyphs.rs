//! The characters scrutiny chooses to draw with: status markers, borders,
//! bars, pointers, separators, ellipses, arrows. One table for a terminal
//! with a Unicode font and one in plain ASCII, for a console that shows
//! boxes for anything else (`--ascii`, or a locale that is not UTF-8).
//! Text from files (titles, notes, owners) is the reviewer's and is drawn
//! as it is in either.
//!
//! The table is chosen once, at start, and travels with the keys in force
//! (`Keymap::glyphs`), which every screen already holds.

use ratatui::symbols::border;
use ratatui::widgets::Block;

use crate::model::Status;

/// The characters of one way of drawing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Glyphs {
    /// Whether these are the ASCII ones.
    pub ascii: bool,
    /// One marker per status, in `Status::ALL`'s order, all as wide.
    statuses: [&'static str; 6],
    /// Before the selected row of a list or a menu.
    pub pointer: &'static str,
    /// Before the title of the focused pane.
    pub focus: &'static str,
    /// A marked row.
    pub mark: &'static str,
    /// A progress bar's done and not yet done parts.
    pub full: &'static str,
    pub empty: &'static str,
    /// Between the parts of a title or a line of facts: `a · b`.
    pub dot: &'static str,
    /// `dot` with a space either side, as most lines put it.
    pub sep: &'static str,
    /// Between an id and its title, and in a range of rows: `R1 – title`.
    pub dash: &'static str,
    /// A value that is not there.
    pub none: &'static str,
    /// Where text was cut to fit.
    pub ellipsis: &'static str,
    /// Before each of a list of values.
    pub bullet: &'static str,
    /// Either side of a heading in the detail: `── Your review ──`.
    pub rule: &'static str,
    /// From one thing to another: `source → output`.
    pub arrow: &'static str,
    /// Where typing goes in a field drawn by hand.
    pub cursor: &'static str,
    /// Passed, failed, and a RAG rating's dot.
    pub tick: &'static str,
    pub cross: &'static str,
    pub disc: &'static str,
    /// The importer's tags: a heading, and a line that is part of an item.
    pub section: &'static str,
    pub part: &'static str,
    /// The arrow keys, as the footer and the help name them.
    pub up: &'static str,
    pub down: &'static str,
    pub left: &'static str,
    pub right: &'static str,
    /// A pane's border, the focused pane's, and a popup's.
    pub plain: border::Set<'static>,
    pub thick: border::Set<'static>,
    pub double: border::Set<'static>,
}

impl Glyphs {
    pub const UNICODE: Glyphs = Glyphs {
        ascii: false,
        statuses: ["○", "✓", "◐", "●", "✗", "–"],
        pointer: "▸",
        focus: "▶",
        mark: "■",
        full: "█",
        empty: "░",
        dot: "·",
        sep: " · ",
        dash: "–",
        none: "—",
        ellipsis: "…",
        bullet: "•",
        rule: "──",
        arrow: "→",
        cursor: "▏",
        tick: "✓",
        cross: "✗",
        disc: "●",
        section: "§",
        part: "│",
        up: "↑",
        down: "↓",
        left: "←",
        right: "→",
        plain: border::PLAIN,
        thick: border::THICK,
        double: border::DOUBLE,
    };

    /// Plain ASCII, each mark as wide as the Unicode one it stands for, so
    /// the screen is laid out the same. The statuses keep the shapes they
    /// have in Unicode: an empty `o` and a full `@` for the circles, a `+`
    /// for the tick, a `~` half way, an `x` for the cross, a `-`. (Not
    /// boxes such as `[x]`: the filter picker puts a status beside a
    /// checkbox.) A marked row is `*`. Focus is told by `=` and `#` where
    /// the Unicode border is thick, a popup by `=` where it is double.
    pub const ASCII: Glyphs = Glyphs {
        ascii: true,
        statuses: ["o", "+", "~", "@", "x", "-"],
        pointer: ">",
        focus: ">",
        mark: "*",
        full: "#",
        empty: ".",
        dot: "|",
        sep: " | ",
        dash: "-",
        none: "-",
        ellipsis: "...",
        bullet: "*",
        rule: "--",
        arrow: "->",
        cursor: "_",
        tick: "+",
        cross: "x",
        disc: "@",
        section: "#",
        part: "|",
        up: "Up",
        down: "Down",
        left: "Left",
        right: "Right",
        plain: border::Set {
            top_left: "+",
            top_right: "+",
            bottom_left: "+",
            bottom_right: "+",
            vertical_left: "|",
            vertical_right: "|",
            horizontal_top: "-",
            horizontal_bottom: "-",
        },
        thick: border::Set {
            top_left: "#",
            top_right: "#",
            bottom_left: "#",
            bottom_right: "#",
            vertical_left: "#",
            vertical_right: "#",
            horizontal_top: "=",
            horizontal_bottom: "=",
        },
        double: border::Set {
            top_left: "+",
            top_right: "+",
            bottom_left: "+",
            bottom_right: "+",
            vertical_left: "|",
            vertical_right: "|",
            horizontal_top: "=",
            horizontal_bottom: "=",
        },
    };

    /// The table for this start: ASCII when asked (`Some(true)`), Unicode
    /// when asked (`Some(false)`), else as the locale says.
    pub fn chosen(asked: Option<bool>) -> &'static Glyphs {
        let ascii = asked.unwrap_or_else(|| !locale_is_utf8(|name| std::env::var_os(name)));
        if ascii {
            &Glyphs::ASCII
        } else {
            &Glyphs::UNICODE
        }
    }

    /// A status's marker.
    pub fn status(&self, status: Status) -> &'static str {
        let at = match status {
            Status::Unreviewed => 0,
            Status::Accepted => 1,
            Status::InProgress => 2,
            Status::Complete => 3,
            Status::NotAccepted => 4,
            Status::NotApplicable => 5,
        };
        self.statuses[at]
    }

    /// `text` cut to `width` columns, ending in this table's ellipsis.
    pub fn truncate(&self, text: &str, width: usize) -> String {
        crate::text::truncate_with(text, width, self.ellipsis)
    }

    /// `text` on one line and cut to `width` columns (`text::fitted`),
    /// ending in this table's ellipsis.
    pub fn fitted(&self, text: &str, width: usize) -> String {
        crate::text::fitted_with(text, width, self.ellipsis)
    }

    /// A pane's block.
    pub fn bordered(&self) -> Block<'static> {
        Block::bordered().border_set(self.plain)
    }

    /// The focused pane's block.
    pub fn thick(&self) -> Block<'static> {
        Block::bordered().border_set(self.thick)
    }

    /// A popup's block.
    pub fn double(&self) -> Block<'static> {
        Block::bordered().border_set(self.double)
    }
}

/// Whether the locale names UTF-8: the first of `LC_ALL`, `LC_CTYPE` and
/// `LANG` that is set and not empty decides, as the C library would pick
/// the character set. When none is set the answer is yes: a missing
/// locale is the C locale to the C library, but it is far more often a
/// test harness, a container or a tmux started without one, in a terminal
/// that shows Unicode; a console that cannot says so with `LANG=C` (or the
/// reviewer passes `--ascii`).
pub fn locale_is_utf8(var: impl Fn(&str) -> Option<std::ffi::OsString>) -> bool {
    let Some(value) = ["LC_ALL", "LC_CTYPE", "LANG"]
        .into_iter()
        .filter_map(var)
        .find(|value| !value.is_empty())
    else {
        return true;
    };
    let value = value.to_string_lossy().to_ascii_lowercase();
    value.contains("utf-8") || value.contains("utf8")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsString;

    fn with(vars: &[(&str, &str)]) -> bool {
        locale_is_utf8(|name| {
            vars.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| OsString::from(v))
        })
    }

    #[test]
    fn the_first_locale_variable_set_decides() {
        assert!(with(&[("LANG", "en_GB.UTF-8")]));
        assert!(with(&[("LANG", "C.utf8")]));
        assert!(!with(&[("LANG", "C")]));
        assert!(!with(&[("LANG", "POSIX")]));
        assert!(!with(&[("LANG", "en_GB.ISO-8859-1")]));
        assert!(!with(&[("LC_ALL", "C"), ("LANG", "en_GB.UTF-8")]));
        assert!(with(&[("LC_CTYPE", "en_US.UTF-8"), ("LANG", "C")]));
        // Set but empty is as good as not set.
        assert!(!with(&[("LC_ALL", ""), ("LC_CTYPE", ""), ("LANG", "C")]));
    }

    #[test]
    fn no_locale_at_all_is_taken_for_unicode() {
        assert!(with(&[]));
        assert!(with(&[("LC_ALL", ""), ("LANG", "")]));
    }

    #[test]
    fn the_ascii_table_is_ascii_and_its_statuses_as_wide_as_each_other() {
        let g = Glyphs::ASCII;
        let mut all: Vec<&str> = g.statuses.to_vec();
        all.extend([
            g.pointer, g.focus, g.mark, g.full, g.empty, g.dot, g.sep, g.dash, g.none, g.ellipsis,
            g.bullet, g.rule, g.arrow, g.cursor, g.tick, g.cross, g.disc, g.section, g.part, g.up,
            g.down, g.left, g.right,
        ]);
        for set in [g.plain, g.thick, g.double] {
            all.extend([
                set.top_left,
                set.top_right,
                set.bottom_left,
                set.bottom_right,
                set.vertical_left,
                set.vertical_right,
                set.horizontal_top,
                set.horizontal_bottom,
            ]);
        }
        assert!(all.iter().all(|s| s.is_ascii()), "{all:?}");
        assert!(g.statuses.iter().all(|s| s.len() == 1));
        for status in Status::ALL {
            assert_eq!(Glyphs::UNICODE.status(status), status.symbol());
        }
    }
}
