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

/// Where the import view writes when `-o` names no file: beside the
/// report, named after it (`report.pdf` to `report.yaml`).
pub fn default_output(text_file: &std::path::Path) -> std::path::PathBuf {
    let yaml = text_file.with_extension("yaml");
    if yaml == text_file {
        text_file.with_extension("imported.yaml")
    } else {
        yaml
    }
}

/// The most text the import view takes: a long report's text is a few MB,
/// and each mark reads it all again.
const VIEW_MAX_BYTES: usize = 20_000_000;

/// Open the import view on `text_file`: the reviewer fixes the split and
/// writes the inspection (to `output`, else beside the report).
pub fn view(
    text_file: &std::path::Path,
    output: Option<&std::path::Path>,
    options: &Options,
    (config, ascii): (Option<&std::path::Path>, Option<bool>),
) -> std::process::ExitCode {
    let name = text_file.display().to_string();
    let start = flag_date(options).and_then(|published| {
        let text = source::text_of(text_file)?;
        if text.len() > VIEW_MAX_BYTES {
            return Err(format!(
                "{name}: its text is {} MB, more than a report's; the import view reads it again at each mark, so import it without the view: scrutiny import --yes {name} -o OUT.yaml",
                text.len() / 1_000_000
            ));
        }
        Ok(crate::tui::importer::Start {
            name: name.clone(),
            text,
            output: output.map_or_else(|| default_output(text_file), std::path::Path::to_path_buf),
            force: options.force,
            title: options.title.clone(),
            id: options.id.clone(),
            published,
        })
    });
    match start {
        Ok(start) => crate::tui::session::import(start, config, ascii),
        Err(e) => {
            crate::text::error(&e);
            std::process::ExitCode::from(1)
        }
    }
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
            "{name}: found no item: no heading such as Findings, Strengths, Recommendations, Areas for improvement or Causes of concern was followed by entries; run it on a terminal without --yes to mark the headings in the import view"
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
