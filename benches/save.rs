//! Saving a review that holds 10,000 annotations, as every change does:
//! check the file on disk is what was read, write the whole review to a
//! temporary file, fsync, rename. `cargo bench --bench save`.

mod common;

use divan::Bencher;
use scrutiny::tui::app::{Msg, SaveOutcome};
use scrutiny::{
    files::store,
    model::{Review, Stamp, Status},
};

fn main() {
    divan::main();
}

#[divan::bench(sample_count = 30, sample_size = 1)]
fn save_10k_annotations(bencher: Bencher) {
    let path = common::generated(10_000).expect("write a synthetic inspection");
    let inspection = store::read_inspection(&path).expect("a valid inspection").0;
    let review_path = std::env::temp_dir().join("scrutiny-bench-save.review.yaml");
    let _ = std::fs::remove_file(&review_path);
    // Annotate every item: a status, an owner and a short note.
    let ids: Vec<String> = inspection.items.iter().map(|i| i.id.clone()).collect();
    let stamp = Stamp {
        at: jiff::Timestamp::from_second(1_795_000_000).expect("a time"),
        by: "bench".into(),
    };
    let mut review = Review::new(inspection.meta.id.clone());
    for (n, id) in ids.iter().enumerate() {
        let status = Status::ALL[1 + n % (Status::ALL.len() - 1)];
        review.set_status(id, status, &stamp);
        review.set_owner(id, "Head of Prevent", &stamp);
        review.set_note(id, &format!("Agreed; see action plan item {n}."), &stamp);
    }
    let mut app = common::app_with(inspection, review, review_path.clone());
    assert_eq!(app.review().len(), 10_000);
    bencher.bench_local(|| {
        let text = app.review_yaml();
        store::save_review(&review_path, &text, app.save().on_disk.as_deref()).expect("saved");
        app.update(Msg::Saved(SaveOutcome::Written {
            path: review_path.clone(),
            bytes: text.into_bytes(),
        }));
    });
}
