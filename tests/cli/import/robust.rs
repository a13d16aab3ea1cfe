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
}
