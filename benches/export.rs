//! Writing the published response of an inspection of 10,000 items, every
//! one answered: in Markdown and as a Word document, as `x` and `scrutiny
//! export` do; and the tracker workbook of the same. `cargo bench --bench
//! export`.

mod common;

use divan::Bencher;
use jiff::civil::date;
use scrutiny::export::{Cells, Format, Options, document};
use scrutiny::files::store;
use scrutiny::model::response::Field;
use scrutiny::model::{Inspection, Review, Stamp};

fn main() {
    divan::main();
}

/// The inspection of 10,000 items and a review that answers every one and
/// fills in the response.
fn answered() -> (Inspection, Review) {
    let path = common::generated(10_000).expect("write a synthetic inspection");
    let inspection = store::read_inspection(&path).expect("a valid inspection").0;
    let stamp = Stamp {
        at: jiff::Timestamp::from_second(1_795_000_000).expect("a time"),
        by: "bench".into(),
    };
    let mut review = Review::new(inspection.meta.id.clone());
    for (n, item) in inspection.items.iter().enumerate() {
        review.set_note(
            &item.id,
            &format!("Agreed; the action plan item {n} covers it.\n\nA second paragraph."),
            &stamp,
        );
    }
    for (field, value) in [
        (Field::By, "Northshire Police and Crime Commissioner"),
        (Field::Signed, "A Person, Police and Crime Commissioner"),
        (Field::Opening, "Our opening words.\n"),
        (Field::ChiefNotReceived, "yes"),
    ] {
        review
            .set_response(field, Some(value), &stamp)
            .expect("a value the field takes");
    }
    (inspection, review)
}

fn bench(bencher: Bencher, format: Format) {
    let (inspection, review) = answered();
    let options = Options {
        cells: Cells::Guarded,
        excel: false,
        draft: false,
    };
    bencher.bench_local(|| {
        document(format, &inspection, &review, date(2020, 4, 1), options).expect("written")
    });
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn response_markdown_10k(bencher: Bencher) {
    bench(bencher, Format::Response);
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn response_word_10k(bencher: Bencher) {
    bench(bencher, Format::Docx);
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn tracker_workbook_10k(bencher: Bencher) {
    bench(bencher, Format::Xlsx);
}
