//! Any bytes given to `load_review` end in `Ok` or `Err`, and a review that
//! loads saves to text that loads again and saves to the same text, with
//! every status, owner, note, time and history entry kept exactly.
//!
//! cargo fuzz run -s none review -- -max_len=65536 -timeout=5 -rss_limit_mb=2048

#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use scrutiny::model::{Entry, Inspection, Review, load_inspection, load_review, to_yaml};

const ID: &str = "hmicfrs-2020-prevent";

static INSPECTION: LazyLock<Inspection> = LazyLock::new(|| {
    load_inspection(scrutiny::session::EXAMPLE).expect("the bundled example loads")
});

fuzz_target!(|data: &[u8]| {
    let review = match load_review(data, ID) {
        Ok(review) => review,
        Err(problems) => {
            assert!(!problems.0.is_empty(), "an Err with no diagnostics");
            let _ = problems.render("fuzz.review.yaml");
            return;
        }
    };
    let inspection = &*INSPECTION;
    let text = to_yaml(&review, inspection);
    let again = match load_review(text.as_bytes(), ID) {
        Ok(again) => again,
        Err(problems) => panic!(
            "the saved review does not load again:\n{}--- saved text ---\n{text}",
            problems.render("saved.review.yaml")
        ),
    };
    let text_again = to_yaml(&again, inspection);
    assert_eq!(text, text_again, "saving the reloaded review changed the text");
    same_fields(&review, &again, &text);
});

/// What scrutiny itself writes survives the round trip exactly; keys it does
/// not know are checked only by the text comparison above.
fn same_fields(before: &Review, after: &Review, text: &str) {
    assert_eq!(before.len(), after.len(), "entries lost or gained:\n{text}");
    for id in before.ids() {
        let a = before.entry(id).expect("listed id");
        let Some(b) = after.entry(id) else {
            panic!("entry {id:?} lost in the round trip:\n{text}");
        };
        assert_eq!(core(a), core(b), "entry {id:?} changed in the round trip:\n{text}");
    }
}

type Core<'a> = (
    scrutiny::model::Status,
    Option<&'a str>,
    Option<&'a str>,
    Option<String>,
    Vec<(String, &'a str, String)>,
);

fn core(entry: &Entry) -> Core<'_> {
    (
        entry.status,
        entry.owner.as_deref(),
        entry.note.as_deref(),
        entry.updated.map(|t| t.to_string()),
        entry
            .history
            .iter()
            .map(|e| (e.at.to_string(), e.by.as_str(), format!("{:?}", e.change)))
            .collect(),
    )
}
