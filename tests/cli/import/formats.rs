//! PDFs (read by poppler's pdftotext) and saved web pages (HTML), imported
//! end to end; broken PDFs, a missing pdftotext, and how the kind of file
//! is told.
//!
//! `pdf-layout.pdf` is made from `pdf-layout.ms` (see its first lines);
//! `web-page.html` is a saved report page with a site's furniture around it.
//! The PDF tests need `pdftotext` on the PATH (`.ci/run` installs it).

use super::*;

use scrutiny::import::source::Format;

/// `scrutiny import` with `envs` set for it.
fn import_with_env(text: &Path, out: &Path, envs: &[(&str, &str)], cwd: &Path) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_scrutiny"));
    command
        .args(["import", path_str(text), "-o", path_str(out)])
        .current_dir(cwd);
    for (k, v) in envs {
        command.env(k, v);
    }
    command.output().expect("run scrutiny")
}

fn text_of(item: &scrutiny::model::Item) -> &str {
    item.text.as_deref().unwrap_or_default()
}

fn assert_no_panic(run: &Output) {
    let err = stderr(run);
    assert!(
        !err.contains("panicked") && !err.contains("RUST_BACKTRACE"),
        "scrutiny panicked:\n{err}"
    );
}

/// pdftotext must be there: a skipped PDF test would pass for nothing.
fn need_pdftotext() {
    let found = Command::new("pdftotext").arg("-v").output().is_ok();
    assert!(
        found,
        "these tests need pdftotext: apt install poppler-utils (Debian, Ubuntu) or brew install poppler (macOS); .ci/run installs it"
    );
}

// ---------------------------------------------------------------- PDF

#[test]
fn a_pdf_is_imported_end_to_end() {
    need_pdftotext();
    let dir = TempDir::new("pdf");
    let out = dir.path().join("out.yaml");
    let run = import_to(&fixture("pdf-layout.pdf"), &out, &[], dir.path());
    assert!(run.status.success(), "{}", stderr(&run));
    assert_no_panic(&run);
    let report = stderr(&run);
    assert!(
        report.contains(
            "found 1 strength, 3 recommendations, 2 areas for improvement for \"Custody services in Eastmere Constabulary\""
        ),
        "{report}"
    );
    let inspection = assert_valid(&out);
    assert_eq!(inspection.meta.published, Some(date(2025, 4, 9)));
    let recs = items(&inspection, Kind::Recommendation);
    let ids: Vec<&str> = recs.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["R1", "R2", "R3"]);
    assert_eq!(recs[0].due, Some(date(2025, 10, 31)));
    assert!(text_of(recs[1]).starts_with("The force should make sure that detainees"));
    let areas = items(&inspection, Kind::AreaForImprovement);
    assert_eq!(
        text_of(areas[0]),
        "Staff should tell detainees how to make a complaint."
    );
}

#[test]
fn a_pdfs_running_header_and_hyphenation_are_not_in_the_items() {
    need_pdftotext();
    let dir = TempDir::new("pdf-furniture");
    let out = dir.path().join("out.yaml");
    let run = import_to(&fixture("pdf-layout.pdf"), &out, &[], dir.path());
    assert!(run.status.success(), "{}", stderr(&run));
    let inspection = assert_valid(&out);
    let recs = items(&inspection, Kind::Recommendation);
    assert!(
        text_of(recs[0]).contains("in custody is recorded"),
        "{}",
        text_of(recs[0])
    );
    assert!(
        !text_of(recs[2]).contains("Page 2 of 2"),
        "{}",
        text_of(recs[2])
    );
}

/// A page set in two columns (made with `groff -ms -Tpdf two-column.ms`):
/// read down the left column, then the right, not across both.
#[test]
fn a_two_column_page_is_read_a_column_at_a_time() {
    need_pdftotext();
    let dir = TempDir::new("pdf-columns");
    let out = dir.path().join("out.yaml");
    let run = import_to(
        &fixture("two-column.pdf"),
        &out,
        &["--title", "Two columns"],
        dir.path(),
    );
    assert!(run.status.success(), "{}", stderr(&run));
    let inspection = assert_valid(&out);
    let recs = items(&inspection, Kind::Recommendation);
    let ids: Vec<&str> = recs.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["R4", "R5"]);
    assert_eq!(
        text_of(recs[0]),
        "Northmoor Police should make sure that every child detained overnight has an appropriate adult within two hours."
    );
    // The bullets under 5 go on with its sentence.
    assert!(
        text_of(recs[1]).contains("including agency staff and • officers on temporary duty"),
        "{}",
        text_of(recs[1])
    );
    for item in &inspection.items {
        assert!(
            !(text_of(item).contains("In suite") && text_of(item).contains("should")),
            "two columns in one item: {}",
            text_of(item)
        );
    }
}

#[test]
fn a_broken_pdf_is_an_error_not_a_panic() {
    need_pdftotext();
    let dir = TempDir::new("pdf-broken");
    let whole = fs::read(fixture("pdf-layout.pdf")).expect("read the fixture");
    let cut = dir.path().join("cut.pdf");
    fs::write(&cut, &whole[..whole.len() / 3]).expect("write");
    let mut noise = b"%PDF-1.4\n".to_vec();
    noise.extend((0..20_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13).to_le_bytes()[0]));
    let random = dir.path().join("random.pdf");
    fs::write(&random, &noise).expect("write");
    let empty = dir.path().join("empty.pdf");
    fs::write(&empty, b"").expect("write");
    for file in [&cut, &random, &empty] {
        let out = dir.path().join("out.yaml");
        let run = import_to(file, &out, &[], dir.path());
        assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
        assert_no_panic(&run);
        let err = stderr(&run);
        assert!(
            err.starts_with(&format!("scrutiny: {}: ", file.display())),
            "{err}"
        );
        assert!(
            err.contains("pdftotext could not read it"),
            "{}: {err}",
            file.display()
        );
        assert!(err.contains("plain text file"), "{err}");
        assert!(!out.exists(), "a file was written for {}", file.display());
    }
}

#[test]
fn a_missing_pdftotext_says_how_to_install_it() {
    let dir = TempDir::new("pdf-missing");
    let out = dir.path().join("out.yaml");
    let pdf = fixture("pdf-layout.pdf");
    // Named by the variable, and found on no PATH.
    for envs in [
        &[("SCRUTINY_PDFTOTEXT", "/nonexistent/pdftotext")][..],
        &[("PATH", "")][..],
    ] {
        let run = import_with_env(&pdf, &out, envs, dir.path());
        assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
        assert_no_panic(&run);
        let err = stderr(&run);
        assert!(
            err.contains("reading a PDF needs pdftotext (from poppler)"),
            "{err}"
        );
        assert!(err.contains("apt install poppler-utils"), "{err}");
        assert!(err.contains("brew install poppler"), "{err}");
        assert!(
            err.contains("copy the report's text from the PDF into a plain text file"),
            "{err}"
        );
        assert!(!out.exists());
    }
}

// ---------------------------------------------------------------- HTML

#[test]
fn a_saved_web_page_is_imported_end_to_end() {
    golden_case(
        "web-page.html",
        None,
        "found 1 strength, 3 recommendations, 2 areas for improvement for \"Custody services in Westmoor Police\"",
    );
}

#[test]
fn a_web_pages_furniture_is_dropped_and_its_content_kept() {
    let text = scrutiny::import::html::text_of(&fixture_text("web-page.html"));
    for gone in [
        "cookies",
        "Skip to",
        "About us",
        "Search",
        "Home",
        "Related publications",
        "Back to top",
        "Crown copyright",
        "dataLayer",
        "position: fixed",
    ] {
        assert!(!text.contains(gone), "{gone:?} was kept:\n{text}");
    }
    for kept in [
        "# Custody services in Westmoor Police\n\nPublished 21 May 2025\n",
        "## Recommendations\n\n4. By 30 November 2025,",
        "\n6. Westmoor Police should cut the time",
        "## Areas for improvement\n\n- Staff should tell detainees",
        "Detainees were treated with respect,\nbut the force’s oversight",
        "Fire & Rescue Services",
    ] {
        assert!(text.contains(kept), "{kept:?} is missing:\n{text}");
    }
}

#[test]
fn a_web_page_is_told_by_its_content_a_pdf_by_its_magic() {
    let p = Path::new;
    assert_eq!(
        Format::of(p("saved.txt"), b"\xEF\xBB\xBF\n  <!doctype HTML><html>"),
        Format::Html
    );
    assert_eq!(Format::of(p("page"), b"<html><body>"), Format::Html);
    assert_eq!(Format::of(p("report.bin"), b"%PDF-1.7\n"), Format::Pdf);
    assert_eq!(Format::of(p("report.PDF"), b"not yet"), Format::Pdf);
    assert_eq!(Format::of(p("page.htm"), b"text"), Format::Html);
    // Markdown that mentions <html> is still text.
    assert_eq!(
        Format::of(p("notes.md"), b"# Notes\n\nThe page's <html> tag"),
        Format::Text
    );
    assert_eq!(Format::of(p("notes.txt"), b"Findings"), Format::Text);
}

#[test]
fn a_web_page_saved_as_txt_is_read_as_html() {
    let dir = TempDir::new("html-txt");
    let page = dir.write("saved.txt", &fixture_text("web-page.html"));
    let out = dir.path().join("out.yaml");
    let run = import_to(&page, &out, &[], dir.path());
    assert!(run.status.success(), "{}", stderr(&run));
    let inspection = assert_valid(&out);
    assert_eq!(items(&inspection, Kind::Recommendation).len(), 3);
}
