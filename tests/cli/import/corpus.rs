//! The import corpus: report texts in the layouts inspectorates publish
//! (`tests/import/corpus/NAME.txt`, `.md` or `.html`: browser copies,
//! `pdftotext -layout` output, PDF-viewer copies, Markdown, saved pages),
//! invented but shaped and furnished like real ones, each with the items a
//! careful reader would list in `NAME.expected`; and the importer's score.
//!
//! `NAME.expected`: one item a line, tab-separated,
//! `KIND<TAB>ID<TAB>TITLE START<TAB>DUE<TAB>DIRECTED TO<TAB>THEME` (KIND
//! `finding|strength|recommendation|area`, DUE `YYYY-MM-DD` or `-`, DIRECTED
//! TO `;`-separated or `-`, THEME or `-`). `#` starts a comment; `#style:`
//! names the inspectorate style, `#format:` how the text was got, `#title:`
//! the expected title, `#published:` the date the text states, and each
//! `#furniture:` page furniture that must be in no item's title or text.
//!
//! # The contract the expected items follow
//!
//! - Kinds: findings, key findings, summary of findings, main findings →
//!   finding; causes of concern (and "cause of concern") → finding (the
//!   importer tags them); strengths, notable/positive/promising/innovative/
//!   good practice → strength; recommendations (any wording: key, summary
//!   of, ... for the force, next steps, requirements, action required, "What
//!   does the school need to do to improve?") → recommendation; areas for
//!   improvement, areas for development, priority concerns, "What needs to
//!   improve?" → area.
//! - ID: F/S/R/A by kind, then the item's own number as the text writes it
//!   when every item of that kind in the text has a distinct number ("3." →
//!   F3, "11.1" → R11.1, "R4", "Recommendation 4" → R4, "AFI 3" → A3, "Area
//!   for improvement 2" → A2); otherwise the order of appearance within that
//!   kind from 1. Lettered or roman sub-points ((a), i.) are part of their
//!   parent item, never items.
//! - TITLE START: the first 30 or so characters of the item's first
//!   sentence, marker and numbering removed, as written.
//! - DUE (recommendations only): from "by DATE", "not later than DATE", "by
//!   the end of MONTH YEAR" (that month's last day), "within N months/weeks"
//!   (from the publication date, when stated), "with immediate effect" or
//!   "immediately" (the publication date, when stated); else `-`.
//! - DIRECTED TO (recommendations only): the body the text makes the
//!   subject of "should"/"must"/"needs to" in the item, its introducing line
//!   or its addressee heading, as written with a leading "The" lower-cased
//!   ("the force", "the governor"), but these national bodies by their
//!   canonical names: Chief constables, College of Policing, National Police
//!   Chiefs' Council, Home Office, Police and crime commissioners, Counter
//!   Terrorism Policing Headquarters, HMICFRS. Several bodies: each one.
//! - THEME: a sub-heading inside a kind's section that names a topic
//!   ("Leadership and governance") applies to the items after it; grade
//!   lines ("Requires improvement", "Good") are not themes.
//! - Page furniture is never part of an item.
//!
//! # The score
//!
//! An expected item is right when one produced item has its kind, id, due,
//! set of bodies and theme, and a title that starts with TITLE START (after
//! collapsing whitespace; one cut with "…" may stop inside it). Invented:
//! produced, matching no expected item. Score: right / (expected + invented).

use super::*;
use jiff::civil::Date;

/// The score the importer must reach, in per cent.
const MIN_SCORE: usize = 95;

fn corpus_dir() -> PathBuf {
    root().join("tests/import/corpus")
}

/// The fixture texts (`.txt`, `.md`, `.html`), sorted by name.
fn texts() -> Vec<PathBuf> {
    let mut texts: Vec<PathBuf> = fs::read_dir(corpus_dir())
        .expect("read the corpus folder")
        .map(|entry| entry.expect("a corpus entry").path())
        .filter(|p| {
            ["txt", "md", "html"]
                .map(Some)
                .contains(&p.extension().and_then(|e| e.to_str()))
        })
        .collect();
    texts.sort();
    texts
}

struct Expected {
    kind: Kind,
    id: String,
    title: String,
    due: Option<Date>,
    directed_to: Vec<String>,
    theme: Option<String>,
}

#[derive(Default)]
struct Case {
    style: Option<String>,
    title: Option<String>,
    published: Option<Date>,
    furniture: Vec<String>,
    items: Vec<Expected>,
}

/// Each kind's word in `.expected` and the letter its ids start with.
const KINDS: [(&str, char, Kind); 4] = [
    ("finding", 'F', Kind::Finding),
    ("strength", 'S', Kind::Strength),
    ("recommendation", 'R', Kind::Recommendation),
    ("area", 'A', Kind::AreaForImprovement),
];

fn dash(field: &str) -> Option<&str> {
    (field != "-").then_some(field)
}

fn parse_date(text: &str, what: &str) -> Result<Date, String> {
    text.parse::<Date>()
        .map_err(|e| format!("{what} {text:?} is not a YYYY-MM-DD date: {e}"))
}

/// Parse one `.expected` file; every error names its line.
fn parse_expected(text: &str) -> Result<Case, String> {
    let mut case = Case::default();
    for (n, line) in text.lines().enumerate() {
        let at = |e: String| format!("line {}: {e}", n + 1);
        if let Some(comment) = line.strip_prefix('#') {
            let (key, value) = comment.split_once(':').unwrap_or(("", ""));
            let value = value.trim().to_owned();
            match key.trim() {
                "style" => case.style = Some(value),
                "title" => case.title = Some(value),
                "published" => case.published = Some(parse_date(&value, "published").map_err(at)?),
                "furniture" if !value.is_empty() => case.furniture.push(value),
                "furniture" => return Err(at("empty furniture".into())),
                _ => {}
            }
            continue;
        }
        if line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let [kind, id, title, due, directed, theme] = fields[..] else {
            return Err(at(format!("{} fields, not 6: {line:?}", fields.len())));
        };
        let Some(&(_, letter, kind)) = KINDS.iter().find(|(word, ..)| *word == kind) else {
            return Err(at(format!("unknown kind {kind:?}")));
        };
        if !id.starts_with(letter) || id.len() < 2 || title.trim().len() < 10 {
            return Err(at(format!(
                "id {id:?} does not fit its kind, or {title:?} is too short"
            )));
        }
        let due = dash(due)
            .map(|d| parse_date(d, "due"))
            .transpose()
            .map_err(at)?;
        let directed_to: Vec<String> = dash(directed)
            .map(|d| d.split(';').map(|b| b.trim().to_owned()).collect())
            .unwrap_or_default();
        if kind != Kind::Recommendation && (due.is_some() || !directed_to.is_empty()) {
            return Err(at("only a recommendation has a due date or bodies".into()));
        }
        if directed_to.iter().any(String::is_empty) || case.items.iter().any(|e| e.id == id) {
            return Err(at(format!("an empty body, or id {id} twice")));
        }
        let (id, title, theme) = (
            id.to_owned(),
            title.to_owned(),
            dash(theme).map(str::to_owned),
        );
        case.items.push(Expected {
            kind,
            id,
            title,
            due,
            directed_to,
            theme,
        });
    }
    Ok(case)
}

fn expected_path(text: &Path) -> PathBuf {
    text.with_extension("expected")
}

fn load_case(text: &Path) -> Case {
    let path = expected_path(text);
    let source = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    parse_expected(&source).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Does `title` start with `start`? A title cut with "…" may stop inside it,
/// if it keeps at least 20 characters.
fn title_starts(title: &str, start: &str) -> bool {
    let (title, start) = (collapse(title), collapse(start));
    match title.strip_suffix('…') {
        Some(cut) => {
            let cut = cut.trim_end();
            cut.starts_with(&start) || (cut.chars().count() >= 20 && start.starts_with(cut))
        }
        None => title.starts_with(&start),
    }
}

/// Why `item` (of `want`'s kind and id, if any) is not `want`: the first
/// field that differs; `None` when it matches.
fn differs(item: Option<&scrutiny::model::Item>, want: &Expected) -> Option<String> {
    let Some(item) = item.filter(|i| i.kind == want.kind && i.id == want.id) else {
        return Some(format!("no item with this id ({:?}…)", want.title));
    };
    let mut bodies: Vec<&str> = item.directed_to.iter().collect();
    let mut wanted: Vec<&str> = want.directed_to.iter().map(String::as_str).collect();
    bodies.sort_unstable();
    wanted.sort_unstable();
    if !title_starts(&item.title, &want.title) {
        Some(format!("title {:?}, not {:?}", item.title, want.title))
    } else if item.due != want.due {
        Some(format!("due {:?}, not {:?}", item.due, want.due))
    } else if item.theme.as_deref() != want.theme.as_deref() {
        Some(format!("theme {:?}, not {:?}", item.theme, want.theme))
    } else if bodies != wanted {
        Some(format!("directed to {bodies:?}, not {wanted:?}"))
    } else {
        None
    }
}

#[derive(Default)]
struct Score {
    right: usize,
    invented: usize,
    furniture: usize,
    title: bool,
    published: bool,
    error: Option<String>,
    /// Shown with `CORPUS_DETAIL=1`: why each miss missed, what was invented.
    detail: Vec<String>,
}

/// Import `text` as a user would and score it against `case`.
fn score(text: &Path, case: &Case) -> Score {
    let mut score = Score::default();
    let dir = TempDir::new("corpus");
    let out = dir.join("out.yaml");
    let force = Options {
        force: true,
        ..options(None)
    };
    if let Err(e) = import::run(text, Some(&out), &force) {
        score.error = Some(e);
        return score;
    }
    let inspection = match load_inspection(&fs::read(&out).expect("read the imported file")) {
        Ok(inspection) => inspection,
        Err(d) => {
            score.error = Some(d.render("out.yaml"));
            return score;
        }
    };
    let items = &inspection.items;
    let mut used = vec![false; items.len()];
    for want in &case.items {
        let found =
            (0..items.len()).find(|&i| !used[i] && differs(Some(&items[i]), want).is_none());
        if let Some(i) = found {
            used[i] = true;
            score.right += 1;
        } else {
            let same = items
                .iter()
                .find(|i| i.kind == want.kind && i.id == want.id);
            let why = differs(same, want).unwrap_or_default();
            score.detail.push(format!("miss {}: {why}", want.id));
        }
    }
    for (item, _) in items.iter().zip(&used).filter(|(_, u)| !**u) {
        score.invented += 1;
        score
            .detail
            .push(format!("invented {}: {:?}", item.id, item.title));
    }
    let shows = |item: &scrutiny::model::Item, piece: &str| {
        let piece = collapse(piece);
        let text = collapse(item.text.as_deref().unwrap_or_default());
        collapse(&item.title).contains(&piece) || text.contains(&piece)
    };
    score.furniture = (case.furniture.iter())
        .filter(|piece| items.iter().any(|item| shows(item, piece)))
        .count();
    let meta = &inspection.meta;
    score.title = (case.title.as_ref()).is_none_or(|t| collapse(t) == collapse(&meta.title));
    score.published = case.published.is_none_or(|d| meta.published == Some(d));
    if !score.title || !score.published {
        let (title, published) = (&meta.title, meta.published);
        score
            .detail
            .push(format!("title {title:?}, published {published:?}"));
    }
    score
}

#[test]
fn the_importer_scores_well_on_the_corpus() {
    let detail = std::env::var_os("CORPUS_DETAIL").is_some_and(|v| v == "1");
    let mut table = format!(
        "{:<34} {:>5} {:>8} {:>9} {:>6} {:>5}\n",
        "fixture", "right", "invented", "furniture", "title", "date"
    );
    let (mut expected, mut right, mut invented) = (0, 0, 0);
    for text in texts() {
        let case = load_case(&text);
        let s = score(&text, &case);
        let name = text.file_name().and_then(|n| n.to_str()).unwrap_or("?");
        let ok = |b: bool| if b { "ok" } else { "wrong" };
        let _ = writeln!(
            table,
            "{name:<34} {:>5} {:>8} {:>9} {:>6} {:>5}",
            format!("{}/{}", s.right, case.items.len()),
            s.invented,
            format!("{}/{}", s.furniture, case.furniture.len()),
            ok(s.title),
            ok(s.published),
        );
        if let Some(e) = s.error.as_deref().and_then(|e| e.lines().next()) {
            let _ = writeln!(table, "    import failed: {e}");
        }
        for line in s.detail.iter().filter(|_| detail) {
            let _ = writeln!(table, "    {line}");
        }
        expected += case.items.len();
        (right, invented) = (right + s.right, invented + s.invented);
    }
    let permille = right * 1000 / (expected + invented).max(1);
    let total = format!("{}.{:03}", permille / 1000, permille % 1000);
    let _ = writeln!(
        table,
        "total: {right} right of {expected} expected, {invented} invented; score {total}"
    );
    println!("{table}");
    let passed = right * 100 >= MIN_SCORE * (expected + invented);
    assert!(passed, "score {total} < 0.{MIN_SCORE}\n{table}");
}

#[test]
fn the_corpus_is_well_formed() {
    let texts = texts();
    let mut problems = Vec::new();
    if texts.len() < 16 {
        problems.push(format!("{} fixtures, not 16 or more", texts.len()));
    }
    let mut styles = std::collections::BTreeSet::new();
    let mut items = 0;
    for text in &texts {
        let name = text.display();
        if !expected_path(text).is_file() {
            problems.push(format!("{name} has no .expected beside it"));
            continue;
        }
        let case = load_case(text);
        if case.style.is_none() {
            problems.push(format!("{name}: no #style: line"));
        }
        styles.extend(case.style);
        if !(3..=15).contains(&case.items.len()) {
            problems.push(format!("{name}: {} items, not 3 to 15", case.items.len()));
        }
        let lines = fs::read_to_string(text)
            .expect("read a fixture")
            .lines()
            .count();
        if !(40..=250).contains(&lines) {
            problems.push(format!("{name}: {lines} lines, not 40 to 250"));
        }
        items += case.items.len();
    }
    for entry in fs::read_dir(corpus_dir()).expect("read the corpus folder") {
        let path = entry.expect("a corpus entry").path();
        if path.extension().is_some_and(|e| e == "expected")
            && !texts.iter().any(|t| expected_path(t) == path)
        {
            problems.push(format!("{} has no text beside it", path.display()));
        }
    }
    if styles.len() < 6 {
        problems.push(format!(
            "{} styles, not 6 or more: {styles:?}",
            styles.len()
        ));
    }
    if items < 120 {
        problems.push(format!("{items} items in all, not 120 or more"));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
