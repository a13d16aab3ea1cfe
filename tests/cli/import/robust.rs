//! The importer on any mix of the lines real reports hold (headings in
//! every form, markers, labels, furniture, grades, page breaks, stray
//! Unicode): it never panics, every line is accounted for, and whatever it
//! finds makes an inspection that loads.

use super::*;
use proptest::prelude::*;

/// Lines as reports hold them, and some no report should.
const LINES: [&str; 40] = [
    "",
    "",
    "Recommendations",
    "11. RECOMMENDATIONS",
    "Areas for improvement",
    "Area for improvement 3",
    "AFI 2 The service should act.",
    "Cause of concern",
    "Notable positive practice",
    "What does the school need to do to improve?",
    "Main recommendations          To the governor",
    "For the Governor",
    "Addressed to: the governor",
    "Investigating crime",
    "Requires improvement",
    "1.1 Leadership",
    "3 - Adequate",
    "1. The force should train its staff by 31 March 2025.",
    "11.2    The prison should review its regime; and",
    "(a) review its call handling;",
    "ii. improve supervision",
    "R1 Increase the number of audits.",
    "• The head of service should: ",
    "\u{f0b7}\tA bullet from a PDF",
    "— a dash bullet",
    "The chief fire officer should, not later than 1 June 2023, act.",
    "Within six months of this report, the council must act.",
    "This has helped the force.",
    "We define notable practice as work that helps.",
    "dis-",
    "continued audits were not followed up.",
    "Page 3 of 40",
    "Inspection of Northmoor Police          Page 7",
    "\u{c}Running header           12",
    "(Back to top)",
    "Skip to main content",
    "Home > Reports > Northmoor",
    "Published: 9 June 2022",
    "ſ \u{202e}\u{200b}\u{fffd} ŀ 𝔄 –",
    "   ",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(64)
    ))]
    #[test]
    fn any_mix_of_report_lines_imports_to_a_valid_inspection_or_nothing(
        picks in prop::collection::vec(0..LINES.len(), 0..80)
    ) {
        let text = picks.iter().fold(String::new(), |mut text, &i| {
            text.push_str(LINES[i]);
            text.push('\n');
            text
        });
        let import = read(&text, None);
        let lines = text.lines().count();
        for (line, _) in import.unplaced.iter().chain(&import.furniture) {
            prop_assert!((1..=lines).contains(line), "line {line} of {lines}");
        }
        if !import.entries.is_empty() {
            let yaml = scrutiny::import::to_yaml(&import, "x", "X", None);
            let loaded = load_inspection(yaml.as_bytes());
            prop_assert!(loaded.is_ok(), "{text}\n---\n{yaml}\n{:?}", loaded.err());
            let loaded = loaded.expect("checked");
            prop_assert_eq!(loaded.items.len(), import.entries.len());
        }
    }

    #[test]
    fn every_line_has_one_role_whatever_the_reviewer_marks(
        picks in prop::collection::vec((0..LINES.len(), prop::option::weighted(0.3, 0..9usize)), 0..80)
    ) {
        use scrutiny::import::{Mark, Marks, Role, Section, read_with};
        let text = picks.iter().fold(String::new(), |mut text, &(i, _)| {
            text.push_str(LINES[i]);
            text.push('\n');
            text
        });
        let mut marks = Marks::new();
        for (n, &(_, mark)) in picks.iter().enumerate() {
            let mark = match mark {
                None => continue,
                Some(k @ 0..=4) => Mark::Heading(Section::ALL[k]),
                Some(5) => Mark::Theme,
                Some(6) => Mark::Start,
                Some(7) => Mark::Join,
                Some(_) => Mark::Furniture,
            };
            marks.insert(n + 1, mark);
        }
        let import = read_with(&text, None, &marks);
        prop_assert_eq!(import.roles.len(), text.lines().count());
        for (at, entry) in import.entries.iter().enumerate() {
            let at = u32::try_from(at).expect("few entries");
            prop_assert_eq!(import.roles[entry.line - 1], Role::Starts(at), "{}", entry.id);
            prop_assert_eq!(
                import.roles.iter().filter(|&&r| r == Role::Starts(at)).count(),
                1
            );
        }
        for (n, role) in import.roles.iter().enumerate() {
            if let Role::Starts(k) | Role::Part(k) = role {
                prop_assert!((*k as usize) < import.entries.len(), "line {}", n + 1);
            }
        }
        for (line, _) in &import.unplaced {
            prop_assert_eq!(import.roles[line - 1], Role::Unplaced, "line {}", line);
        }
        for (&line, &mark) in &marks {
            if text.lines().nth(line - 1).is_some_and(|l| l.trim().is_empty()) {
                continue;
            }
            let role = import.roles[line - 1];
            match mark {
                Mark::Furniture => prop_assert_eq!(role, Role::Furniture),
                Mark::Heading(s) => prop_assert_eq!(role, Role::Heading(s)),
                Mark::Theme => prop_assert_eq!(role, Role::Theme),
                Mark::Start | Mark::Join => prop_assert!(
                    matches!(role, Role::Starts(_) | Role::Part(_) | Role::Unplaced | Role::LeadIn | Role::Blank),
                    "line {line}: {role:?}"
                ),
            }
        }
        if !import.entries.is_empty() {
            let yaml = scrutiny::import::to_yaml(&import, "x", "X", None);
            let loaded = load_inspection(yaml.as_bytes());
            prop_assert!(loaded.is_ok(), "{text}\n---\n{yaml}\n{:?}", loaded.err());
        }
    }
}
