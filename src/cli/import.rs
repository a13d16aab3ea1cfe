//! `scrutiny import`: read a report's text file (or its PDF, or its saved
//! web page, turned into text first), write the inspection it holds, and
//! tell the user what was found and what was not.

use crate::import::{read, report::report, slug, source, to_yaml, write};

/// The flags of `scrutiny import`.
pub struct Options {
    pub id: Option<String>,
    pub title: Option<String>,
    pub published: Option<String>,
    pub force: bool,
}

/// The publication date given with `--published`, if any.
pub fn flag_date(options: &Options) -> Result<Option<jiff::civil::Date>, String> {
    options
        .published
        .as_deref()
        .map(|d| {
            crate::files::yaml::parse::parse_date(d).map_err(|why| format!("--published: {why}"))
        })
        .transpose()
}

/// Read `text_file` (text, a PDF or a web page: see [`source::Format::of`]),
/// write the inspection to `output` (or standard output) and return what
/// was found, for the user.
pub fn run(
    text_file: &std::path::Path,
    output: Option<&std::path::Path>,
    options: &Options,
) -> Result<String, String> {
    let name = text_file.display().to_string();
    let text = source::text_of(text_file)?;
    let flag_date = flag_date(options)?;
    let import = read(&text, flag_date);
    if import.entries.is_empty() {
        return Err(format!(
            "{name}: found no item: no heading such as Findings, Strengths, Recommendations, Areas for improvement or Causes of concern was followed by entries"
        ));
    }
    let title = options
        .title
        .clone()
        .or_else(|| import.found.title.clone())
        .ok_or_else(|| format!("{name}: the text states no title; give one with --title"))?;
    let published = flag_date.or(import.found.published);
    let id = options.id.clone().unwrap_or_else(|| slug(&title));
    let yaml = to_yaml(&import, &id, &title, published);
    // Said now, so the entries and the text they came from go before the
    // check reads the inspection back; it is told only once all is written.
    let said = report(&import, &name, &title, published, output);
    drop((import, text));
    // The same check as any inspection, before anything is written.
    write::check(&yaml)?;
    if let Some(path) = output {
        return Ok(said + &write::write(path, &yaml, options.force)?);
    }
    crate::text::print(&yaml);
    Ok(said)
}
