//! The import view's shared fixture: a report whose headings the importer
//! does not know, and the view's start on it.

use scrutiny::tui::importer::Start;

use super::TempDir;

/// A report whose headings the importer does not know: "Overall findings"
/// and "Actions we ask of the service". Line 9 heads the two actions.
pub const NORTHMOOR: &str = "\
Inspection of youth offending services in Northmoor

Published: 4 March 2025

Overall findings

Northmoor's youth offending service is led well, and its staff know the children they work with.

Actions we ask of the service

1. The service should review every case plan within ten working days.
2. The service should train its case managers in assessing risk by 31 December 2025.

Annex: how we inspect

We looked at 40 cases.
";

/// The view's start on `NORTHMOOR`, writing into `dir`.
pub fn start(dir: &TempDir) -> Start {
    Start {
        name: "northmoor.txt".into(),
        text: NORTHMOOR.into(),
        output: dir.join("northmoor.yaml"),
        force: false,
        title: None,
        id: None,
        published: None,
    }
}
