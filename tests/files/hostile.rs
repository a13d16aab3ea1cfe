//! Inputs built to hurt: each must end in a clear error (or load, where it
//! is odd but valid), never a panic, a hang or a blow-up. No timing limits
//! here; the machine is shared. The figures are in `cargo bench`.

use std::fmt::Write as _;
use std::process::Command;

use crate::common::temp_dir;
use scrutiny::files::{Diagnostic, load_inspection, load_review};

fn problems(bytes: &[u8]) -> Vec<Diagnostic> {
    load_inspection(bytes).expect_err("should be refused").0
}

fn message(bytes: &[u8]) -> String {
    let found = problems(bytes);
    assert_eq!(found.len(), 1, "{found:?}");
    found[0].message.clone()
}

#[test]
fn deep_flow_nesting_is_refused_at_its_position() {
    let text = format!("findings: {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
    let found = problems(text.as_bytes());
    assert_eq!(found.len(), 1);
    assert!(found[0].message.contains("nests too deeply"), "{found:?}");
    assert_eq!(found[0].pos.map(|p| p.line), Some(1));
}

#[test]
fn deep_block_nesting_is_refused() {
    let mut text = String::new();
    for i in 0..2_000 {
        let _ = writeln!(text, "{}k:", " ".repeat(i));
    }
    assert!(message(text.as_bytes()).contains("nests too deeply"));
}

#[test]
fn an_alias_bomb_is_refused() {
    let mut text = String::from("a: &a [x, x, x, x, x, x, x, x, x]\n");
    let names: Vec<char> = ('b'..='j').collect();
    let mut previous = 'a';
    for name in names {
        let refs = vec![format!("*{previous}"); 9].join(", ");
        let _ = writeln!(text, "{name}: &{name} [{refs}]");
        previous = name;
    }
    let found = problems(text.as_bytes());
    assert_eq!(found.len(), 1, "{found:?}");
    let why = &found[0].message;
    assert!(why.contains("too large or too complex"), "{why}");
    // In words, with the limit, not the parser's own record of it.
    assert!(why.contains("more than 250000 nodes"), "{why}");
    assert!(!why.contains('{') && !why.contains("Nodes"), "{why}");
    assert!(
        why.contains("without aliases") || why.contains("in full"),
        "{why}"
    );
    assert_eq!(found[0].pos.map(|p| p.line), Some(6), "{found:?}");
}

#[test]
fn too_many_aliases_are_refused_in_words() {
    let refs = vec!["*t"; 50_001].join(", ");
    let text = format!(
        "inspection:\n  id: x\n  title: &t T\nfindings:\n  - id: F1\n    title: a\n    tags: [{refs}]\n"
    );
    let why = message(text.as_bytes());
    assert!(
        why.starts_with("the file is too large or too complex: more than 50000 aliases;"),
        "{why}"
    );
    assert!(!why.contains('{'), "{why}");
}

#[test]
fn an_alias_bomb_in_a_review_is_refused_in_words() {
    let mut text =
        String::from("version: 1\ninspection: x\nitems: {}\na: &a [x, x, x, x, x, x, x, x, x]\n");
    let mut previous = 'a';
    for name in 'b'..='j' {
        let refs = vec![format!("*{previous}"); 9].join(", ");
        let _ = writeln!(text, "{name}: &{name} [{refs}]");
        previous = name;
    }
    let found = load_review(text.as_bytes(), "x").expect_err("refused").0;
    let why = &found[0].message;
    assert!(why.contains("too large or too complex"), "{why}");
    assert!(!why.contains('{'), "{why}");
}

#[test]
fn a_50_mb_scalar_loads() {
    let text = format!(
        "inspection:\n  id: big\n  title: Big\nfindings:\n  - id: F1\n    title: Long\n    text: \"{}\"\n",
        "x".repeat(50_000_000)
    );
    let inspection = load_inspection(text.as_bytes()).expect("a long text is valid");
    assert_eq!(
        inspection.items[0].text.as_ref().map(String::len),
        Some(50_000_000)
    );
}

#[test]
fn a_50_mb_single_line_error_shows_a_short_snippet() {
    let text = format!("inspection: {}: x\n", "y".repeat(50_000_000));
    let found = problems(text.as_bytes());
    let shown = found[0].render("big.yaml");
    assert!(
        shown.len() < 1_000,
        "the snippet should be cut, not {} bytes",
        shown.len()
    );
}

#[test]
fn nul_bytes_and_binary_are_refused_with_a_position() {
    let found = problems(b"inspection:\n  id: a\0b\n");
    assert_eq!(found[0].pos.map(|p| (p.line, p.column)), Some((2, 8)));
    assert!(found[0].message.contains("NUL"));
    assert!(!problems(&[0xff, 0xfe, 0x00, 0x01]).is_empty());
}

#[test]
fn hostile_review_files_are_refused_too() {
    let deep = format!("items: {}{}\n", "{a: ".repeat(10_000), "}".repeat(10_000));
    assert!(load_review(deep.as_bytes(), "x").is_err());
    assert!(load_review(b"\xff\xfe", "x").is_err());
    assert!(load_review(b"", "x").is_err());
    assert!(load_review(b"a: 1\n---\nb: 2\n", "x").is_err());
}

#[test]
fn a_corrupt_review_is_reported_and_left_exactly_as_it_was() {
    let dir = temp_dir("corrupt");
    let inspection = dir.join("prevent.yaml");
    std::fs::write(&inspection, scrutiny::tui::session::EXAMPLE).expect("write inspection");
    let review = dir.join("prevent.review.yaml");
    let corrupt =
        b"version: 1\ninspection: hmicfrs-2020-prevent\nitems:\n  F1:\n    status: [half written\n";
    std::fs::write(&review, corrupt).expect("write review");
    let out = Command::new(env!("CARGO_BIN_EXE_scrutiny"))
        .arg(&inspection)
        .output()
        .expect("run scrutiny");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("prevent.review.yaml:"), "{err}");
    assert!(err.contains("will not write to it"), "{err}");
    assert!(err.contains("--review"), "{err}");
    assert_eq!(std::fs::read(&review).expect("review"), corrupt);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn usage_errors_exit_with_2_and_check_failures_with_1() {
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_scrutiny"))
            .args(args)
            .output()
            .expect("run scrutiny")
    };
    assert_eq!(run(&["check"]).status.code(), Some(2));
    assert_eq!(run(&["--no-such-flag"]).status.code(), Some(2));
    let dir = temp_dir("usage");
    let empty = dir.join("empty.yaml");
    std::fs::write(&empty, "").expect("write");
    let out = run(&["check", empty.to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("empty.yaml: the file is empty"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// Generous enough not to flake on a loaded two-core machine in a debug
/// build, strict enough to catch a hang or a quadratic blow-up.
const LIMIT: std::time::Duration = std::time::Duration::from_secs(20);

fn within_limit<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let start = std::time::Instant::now();
    let out = f();
    let took = start.elapsed();
    assert!(took < LIMIT, "{what} took {took:?}");
    out
}

#[test]
fn every_hostile_file_is_answered_within_the_limit() {
    let deep_flow = format!("findings: {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
    let deep_map = format!("a: {}1{}\n", "{b: ".repeat(100_000), "}".repeat(100_000));
    let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x]\n");
    let mut previous = 'a';
    for name in 'b'..='j' {
        let refs = vec![format!("*{previous}"); 9].join(", ");
        let _ = writeln!(bomb, "{name}: &{name} [{refs}]");
        previous = name;
    }
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("100,000-deep flow nesting", deep_flow.into_bytes()),
        ("100,000-deep flow mappings", deep_map.into_bytes()),
        ("an alias bomb", bomb.into_bytes()),
        ("NUL bytes", b"inspection:\n  id: a\0\n".to_vec()),
        ("invalid UTF-8", b"inspection:\n  id: \xc3\x28\n".to_vec()),
        (
            "duplicate keys",
            b"inspection:\n  id: a\n  id: b\n".to_vec(),
        ),
        ("several documents", b"a: 1\n---\nb: 2\n".to_vec()),
    ];
    for (what, bytes) in cases {
        let result = within_limit(what, || load_inspection(&bytes));
        assert!(result.is_err(), "{what} should be refused");
        let review = within_limit(what, || load_review(&bytes, "a"));
        assert!(review.is_err(), "{what} should be refused as a review too");
    }
}

#[test]
fn odd_but_valid_files_load_within_the_limit() {
    let plain = "inspection:\n  id: odd\n  title: Odd\nfindings:\n  - id: F1\n    title: One\n";
    let with_bom = format!("\u{feff}{plain}");
    let inspection = within_limit("a byte-order mark", || load_inspection(with_bom.as_bytes()))
        .expect("a BOM is allowed");
    assert_eq!(inspection.items.len(), 1);
    let tagged = "inspection:\n  id: !!str odd\n  title: !!str Odd\nfindings:\n  - id: F1\n    title: !!str One\n";
    let inspection = within_limit("unneeded tags", || load_inspection(tagged.as_bytes()))
        .expect("an unneeded tag is allowed");
    assert_eq!(inspection.meta.title, "Odd");
    let big = format!(
        "inspection:\n  id: big\n  title: Big\nfindings:\n  - id: F1\n    title: Long\n    text: \"{}\"\n",
        "x".repeat(50_000_000)
    );
    let inspection =
        within_limit("a 50 MB scalar", || load_inspection(big.as_bytes())).expect("valid");
    assert_eq!(
        inspection.items[0].text.as_ref().map(String::len),
        Some(50_000_000)
    );
}

// ------------------------------------------- nothing from a file is obeyed

/// Escape sequences that set the terminal's title and clipboard, a C1 CSI,
/// a bidi override and a zero-width space: what a hostile field holds.
const EVIL: &str = "\u{1b}]0;pwned\u{7}\u{1b}]52;c;ZXZpbA==\u{7}\u{9b}31m\u{202e}\u{200b}";

/// A YAML double-quoted scalar holding `s` exactly.
fn yq(s: &str) -> String {
    scrutiny::files::yaml::emit::quoted(s)
}

/// A TOML basic string holding `s` exactly (JSON's string syntax is a
/// TOML basic string).
fn tq(s: &str) -> String {
    serde_json::to_string(s).expect("a string serialises")
}

/// Every byte a command printed is inert: no C0 control but LF and tab, no
/// DEL, no C1 control (as UTF-8 or as a stray byte), no hidden character,
/// nothing that is not UTF-8.
fn assert_inert(what: &str, stream: &str, bytes: &[u8]) {
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            let control = c.is_control() && c != '\n' && c != '\t';
            assert!(
                !control && !scrutiny::text::is_hidden(c),
                "{what}: {c:?} reached {stream}:\n{}",
                String::from_utf8_lossy(bytes)
            );
        }
        assert!(
            chunk.invalid().is_empty(),
            "{what}: the bytes {:x?} reached {stream}",
            chunk.invalid()
        );
    }
}

/// Run the real binary in `dir` with no terminal and no input, for at most
/// a minute (a command that started the UI would wait for keys).
fn run_in(dir: &std::path::Path, args: &[&std::ffi::OsStr]) -> std::process::Output {
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_scrutiny"))
        .args(args)
        .current_dir(dir)
        .env("XDG_CONFIG_HOME", dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run scrutiny");
    let start = std::time::Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if start.elapsed() > std::time::Duration::from_secs(60) {
            let _ = child.kill();
            panic!("scrutiny {args:?} did not finish");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.wait_with_output().expect("output")
}

/// The files of a hostile review: an inspection whose every free-text field
/// holds `EVIL`, with a review whose owner, note, history name and an
/// orphan's id hold it too, under file names holding it; broken files
/// whose error messages quote it; a text to import; a config.
#[allow(clippy::too_many_lines, reason = "one file after another")]
fn hostile_files(dir: &std::path::Path) -> Vec<(&'static str, std::ffi::OsString)> {
    use std::os::unix::ffi::OsStringExt as _;
    let e = yq(EVIL);
    let name = format!("good{EVIL}");
    let inspection = format!(
        "\
inspection:
  id: hostile
  title: {e}
  inspectorate: {e}
  published: 2020-03-09
  fieldwork: {e}
  scope: {e}
  url: {e}
  summary: {e}
findings:
  - id: F1
    title: {e}
    text: {e}
    theme: {e}
    grade: {e}
    tags: [{e}]
recommendations:
  - id: R1
    title: {e}
    text: {e}
    directed_to: [{e}]
    due: 2020-04-01
"
    );
    let review = format!(
        "\
version: 1
inspection: hostile
items:
  R1:
    status: in-progress
    owner: {e}
    note: {e}
    updated: 2020-03-20T09:00:00Z
    history:
      - at: 2020-03-20T09:00:00Z
        by: {e}
        status: in-progress
  {e}:
    note: {e}
"
    );
    std::fs::write(dir.join(format!("{name}.yaml")), &inspection).expect("write");
    std::fs::write(dir.join(format!("{name}.review.yaml")), &review).expect("write");
    // Merge: both sides change the orphan, so its id is named.
    let side = |note: &str| {
        review.replace(
            &format!("  {e}:\n    note: {e}\n"),
            &format!("  {e}:\n    note: {}\n", yq(note)),
        )
    };
    std::fs::write(dir.join("base.review.yaml"), side("base")).expect("write");
    std::fs::write(dir.join("ours.review.yaml"), side(&format!("ours{EVIL}"))).expect("write");
    std::fs::write(
        dir.join("theirs.review.yaml"),
        side(&format!("theirs{EVIL}")),
    )
    .expect("write");
    // Broken: an unknown key, a bad id, a link to nowhere, a bad date, all
    // quoting EVIL; a raw escape in the YAML itself; a raw C1 byte in a name.
    let broken = format!(
        "inspection:\n  id: {e}\n  title: t\n  {e}: 1\nfindings:\n  - id: F1\n    title: t\n    links: [{e}]\n  - id: F2\n    title: t\n    due: {e}\n"
    );
    std::fs::write(dir.join(format!("broken{EVIL}.yaml")), &broken).expect("write");
    std::fs::write(
        dir.join("raw.yaml"),
        format!("inspection:\n  id: x\n  title: {EVIL}\n"),
    )
    .expect("write");
    let stray = std::ffi::OsString::from_vec(b"stray\x9b\x1b]0;x\x07.yaml".to_vec());
    std::fs::write(dir.join(&stray), &broken).expect("write");
    let corrupt = format!("corrupt{EVIL}.review.yaml");
    std::fs::write(dir.join(&corrupt), format!("{EVIL}: [\n")).expect("write");
    // A report's text to import, and one with nothing to import.
    std::fs::write(
        dir.join(format!("report{EVIL}.txt")),
        format!("{EVIL} Report title{EVIL}\n\nStray line {EVIL}\n\nRecommendations\n\n1. The force should {EVIL} do it.\n2. {EVIL} Another.\n"),
    )
    .expect("write");
    std::fs::write(dir.join(format!("empty{EVIL}.txt")), format!("{EVIL}\n")).expect("write");
    // Config files: unknown mode and action, keys that cannot be read, a
    // TOML error on a line holding EVIL.
    let t = tq(EVIL);
    let config = format!(
        "[{t}]\nquit = \"q\"\n[normal]\n{t} = \"j\"\nmove_down = [{t}, {}]\n",
        tq(&format!("ctrl-{EVIL}"))
    );
    std::fs::write(dir.join(format!("config{EVIL}.toml")), config).expect("write");
    std::fs::write(dir.join("syntax.toml"), format!("[normal\n{EVIL}\n")).expect("write");
    let key = format!("[normal]\nmove_down = {}\n", tq("\u{202e}"));
    std::fs::write(dir.join("key.toml"), key).expect("write");
    std::fs::create_dir(dir.join(format!("folder{EVIL}"))).expect("mkdir");
    let n = |s: &str| std::ffi::OsString::from(s);
    vec![
        ("good", n(&format!("{name}.yaml"))),
        ("review", n(&format!("{name}.review.yaml"))),
        ("broken", n(&format!("broken{EVIL}.yaml"))),
        ("raw", n("raw.yaml")),
        ("stray", stray),
        ("report", n(&format!("report{EVIL}.txt"))),
        ("empty", n(&format!("empty{EVIL}.txt"))),
        ("config", n(&format!("config{EVIL}.toml"))),
        ("folder", n(&format!("folder{EVIL}"))),
        ("corrupt", n(&corrupt)),
    ]
}

#[test]
#[allow(clippy::too_many_lines, reason = "a table of command lines, one a row")]
fn no_command_prints_a_byte_from_a_file_that_the_terminal_would_obey() {
    let dir = temp_dir("inert");
    let files: std::collections::HashMap<&str, std::ffi::OsString> =
        hostile_files(&dir).into_iter().collect();
    let f = |key: &str| files[key].as_os_str();
    let s = std::ffi::OsStr::new;
    let out_name = format!("out{EVIL}.md");
    let import_out = format!("imported{EVIL}.yaml");
    let runs: Vec<(&str, Vec<&std::ffi::OsStr>)> = vec![
        (
            "check",
            vec![s("check"), f("good"), f("broken"), f("raw"), f("stray")],
        ),
        ("summary", vec![s("summary"), s(".")]),
        ("summary --json", vec![s("summary"), s("--json"), s(".")]),
        ("summary of one", vec![s("summary"), f("good")]),
        ("summary of a folder", vec![s("summary"), f("folder")]),
        (
            "export markdown",
            vec![s("export"), f("good"), s("--format"), s("markdown")],
        ),
        (
            "export csv",
            vec![s("export"), f("good"), s("--format"), s("csv")],
        ),
        (
            "export csv --raw-cells",
            vec![
                s("export"),
                f("good"),
                s("--format"),
                s("csv"),
                s("--raw-cells"),
            ],
        ),
        (
            "export json",
            vec![s("export"), f("good"), s("--format"), s("json")],
        ),
        (
            "export -o",
            vec![
                s("export"),
                f("good"),
                s("--format"),
                s("markdown"),
                s("-o"),
                s(&out_name),
            ],
        ),
        (
            "export of a broken file",
            vec![s("export"), f("broken"), s("--format"), s("csv")],
        ),
        (
            "export xlsx of a broken file among others",
            vec![
                s("export"),
                f("good"),
                f("broken"),
                s("--format"),
                s("xlsx"),
                s("-o"),
                s("tracker.xlsx"),
            ],
        ),
        (
            "export with a bad format",
            vec![s("export"), f("good"), s("--format"), s(EVIL)],
        ),
        ("import", vec![s("import"), f("report")]),
        (
            "import -o",
            vec![s("import"), f("report"), s("-o"), s(&import_out)],
        ),
        ("import of nothing", vec![s("import"), f("empty")]),
        ("import of a missing file", vec![s("import"), s(EVIL)]),
        (
            "merge",
            vec![
                s("merge"),
                s("base.review.yaml"),
                s("ours.review.yaml"),
                s("theirs.review.yaml"),
                f("review"),
            ],
        ),
        (
            "merge of a corrupt file",
            vec![s("merge"), s("base.review.yaml"), f("corrupt"), f("review")],
        ),
        ("keys", vec![s("keys"), s("--config"), f("config")]),
        (
            "keys, a TOML error",
            vec![s("keys"), s("--config"), s("syntax.toml")],
        ),
        (
            "keys, a hidden key",
            vec![s("keys"), s("--config"), s("key.toml")],
        ),
        ("the UI, a broken file", vec![f("broken")]),
        ("the UI, a stray byte", vec![f("stray")]),
        (
            "the UI, a bad config",
            vec![s("--config"), f("config"), f("good")],
        ),
        (
            "the UI, a corrupt review",
            vec![f("good"), s("--review"), f("corrupt")],
        ),
        ("the UI, an empty folder", vec![f("folder")]),
        ("the UI, a missing file", vec![s(EVIL)]),
    ];
    for (what, args) in &runs {
        let out = run_in(&dir, args);
        assert_inert(what, "standard output", &out.stdout);
        assert_inert(what, "standard error", &out.stderr);
        assert!(
            !out.stdout.is_empty() || !out.stderr.is_empty(),
            "{what}: says something"
        );
    }
    // They said what they had to, marked.
    let out = run_in(&dir, &[s("summary"), f("good")]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("␛]0;pwned␇␛]52;c;ZXZpbA==␇�31m⟨U+202E⟩⟨U+200B⟩"),
        "{text}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_csv_for_excel_holds_no_byte_from_a_file_that_a_terminal_would_obey() {
    let dir = temp_dir("inert-excel");
    let files: std::collections::HashMap<&str, std::ffi::OsString> =
        hostile_files(&dir).into_iter().collect();
    let s = std::ffi::OsStr::new;
    let out = run_in(
        &dir,
        &[
            s("export"),
            &files["good"],
            s("--format"),
            s("csv"),
            s("--excel"),
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Its own bytes: the byte-order mark and the CR ending each row.
    let body = out
        .stdout
        .strip_prefix("\u{feff}".as_bytes())
        .expect("a byte-order mark first");
    let text = String::from_utf8_lossy(body).replace("\r\n", "\n");
    assert_inert("export csv --excel", "standard output", text.as_bytes());
    assert!(
        text.contains("␛]0;pwned␇"),
        "the hostile cells are there, shown: {text}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn everything_printed_goes_through_the_one_inert_path() {
    // `text::print`, `text::eprint` and the macros on them are the only
    // way out to standard output and standard error (the terminal module
    // draws the screen through ratatui, which drops control characters).
    fn walk(dir: &std::path::Path, found: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).expect("list src") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                walk(&path, found);
            } else if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("text.rs") {
                let text = std::fs::read_to_string(&path).expect("read");
                for (n, line) in text.lines().enumerate() {
                    let code = line.split("//").next().unwrap_or("");
                    for raw in ["print!(", "println!(", "eprint!(", "eprintln!(", "dbg!("] {
                        let at = code.find(raw);
                        // `errprint!(` ends in `print!(` too.
                        if at.is_some_and(|i| {
                            i == 0 || !code.as_bytes()[i - 1].is_ascii_alphanumeric()
                        }) {
                            found.push(format!("{}:{}: {}", path.display(), n + 1, line.trim()));
                        }
                    }
                }
            }
        }
    }
    let mut found = Vec::new();
    walk(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut found,
    );
    assert!(
        found.is_empty(),
        "printed around text::print:\n{}",
        found.join("\n")
    );
}

#[test]
fn a_file_name_with_a_line_break_cannot_forge_a_line_of_output() {
    let dir = temp_dir("newline-name");
    let good = "fake.yaml: ok\ngood.yaml";
    let bad = "fake.yaml: ok\nbad.yaml";
    std::fs::write(
        dir.join(good),
        "inspection:\n  id: x\n  title: T\nfindings:\n  - id: F1\n    title: t\n",
    )
    .expect("write");
    std::fs::write(dir.join(bad), "inspection:\n  id: x\n  nope: 1\n").expect("write");
    let s = std::ffi::OsStr::new;
    let out = run_in(&dir, &[s("check"), s(good), s(bad)]);
    let text = String::from_utf8_lossy(&out.stdout);
    let named: Vec<&str> = text
        .lines()
        .filter(|l| {
            !l.trim_start()
                .starts_with(|c: char| c == '|' || c.is_ascii_digit())
        })
        .collect();
    // Each line names its file whole: none begins where a name broke.
    assert!(
        named.iter().all(|l| l.starts_with("fake.yaml: ok ")),
        "{text}"
    );
    assert!(
        named[0].starts_with("fake.yaml: ok good.yaml: ok: 1 items"),
        "{text}"
    );
    assert!(
        named
            .iter()
            .skip(1)
            .all(|l| l.starts_with("fake.yaml: ok bad.yaml:")),
        "{text}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
