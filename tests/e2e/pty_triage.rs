//! End-to-end triage tests: the real `scrutiny` binary in a pseudo-terminal
//! (search, marks, a bulk status change, undo; the mouse), and `scrutiny keys`
//! with user configuration files, run as a plain command.

use std::process::{Command, Output as ProcessOutput};

use crate::common::{Session, TempDir, example, find};

/// What crossterm's `EnableMouseCapture` writes first: normal tracking on.
const MOUSE_ON: &[u8] = b"\x1b[?1000h";
/// What `DisableMouseCapture` writes last: normal tracking off.
const MOUSE_OFF: &[u8] = b"\x1b[?1000l";
const ALT_SCREEN_ON: &[u8] = b"\x1b[?1049h";

/// The row marker of a marked item.
const MARK: char = '■';
/// Status symbols as the list shows them.
const UNREVIEWED: char = '○';
const COMPLETE: char = '●';
const IN_PROGRESS: char = '◐';

/// A list row as drawn: `▸■● F4 Title`, pointer and mark blank when unset.
#[derive(Debug)]
struct Row {
    marked: bool,
    status: char,
    id: String,
}

/// The rows of findings on screen, top to bottom, found by their
/// `[▸ ][■ ]<status> F<n>` head wherever it sits in a line.
fn finding_rows(screen: &str) -> Vec<Row> {
    const SYMBOLS: &[char] = &['○', '✓', '◐', '●', '✗', '–'];
    let mut rows = Vec::new();
    for line in screen.lines() {
        let chars: Vec<char> = line.chars().collect();
        for i in 0..chars.len().saturating_sub(3) {
            let (pointer, mark, status, space) =
                (chars[i], chars[i + 1], chars[i + 2], chars[i + 3]);
            if !matches!(pointer, '▸' | ' ') || !matches!(mark, MARK | ' ') {
                continue;
            }
            if !SYMBOLS.contains(&status) || space != ' ' {
                continue;
            }
            let id: String = chars[i + 4..]
                .iter()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect();
            if id.len() > 1 && id.starts_with('F') && id[1..].bytes().all(|b| b.is_ascii_digit()) {
                rows.push(Row {
                    marked: mark == MARK,
                    status,
                    id,
                });
                break;
            }
        }
    }
    rows
}

fn marked_ids(screen: &str) -> Vec<String> {
    finding_rows(screen)
        .into_iter()
        .filter(|r| r.marked)
        .map(|r| r.id)
        .collect()
}

/// The status symbol shown for `id`, if its row is on screen.
fn status_of(screen: &str, id: &str) -> Option<char> {
    finding_rows(screen)
        .into_iter()
        .find(|r| r.id == id)
        .map(|r| r.status)
}

/// An item's title in the example, read from its lines.
fn example_title(id: &str) -> String {
    let text = std::fs::read_to_string(example()).expect("read the example");
    let mut lines = text.lines();
    let head = format!("- id: {id}");
    lines
        .by_ref()
        .find(|l| l.trim() == head)
        .unwrap_or_else(|| panic!("{id} is not in the example"));
    let title = lines
        .next()
        .and_then(|l| l.trim().strip_prefix("title:"))
        .unwrap_or_else(|| panic!("{id} has no title on the next line"));
    title.trim().trim_matches('"').to_owned()
}

/// One item of the review file, read by its lines.
#[derive(Debug, Default)]
struct ReviewItem {
    id: String,
    status: Option<String>,
    /// The `status:` of each history event, in order.
    history: Vec<String>,
    /// The `by:` of each history event, in order.
    by: Vec<String>,
}

/// The items under `items:`, in file order.
fn review_items(review: &str) -> Vec<ReviewItem> {
    let mut items: Vec<ReviewItem> = Vec::new();
    let mut inside = false;
    let mut in_history = false;
    // Blank lines occur inside block-scalar notes.
    for line in review.lines().filter(|l| !l.trim().is_empty()) {
        if !line.starts_with(' ') {
            inside = line == "items:";
            continue;
        }
        if !inside {
            continue;
        }
        let indent = line.len() - line.trim_start().len();
        let trimmed = line.trim();
        match indent {
            2 => {
                let id = trimmed
                    .strip_suffix(':')
                    .unwrap_or_else(|| panic!("not an item id: {line:?}\n{review}"));
                items.push(ReviewItem {
                    id: id.to_owned(),
                    ..ReviewItem::default()
                });
                in_history = false;
            }
            4 => {
                let item = items.last_mut().expect("a field before any item");
                in_history = trimmed == "history:";
                if let Some(status) = trimmed.strip_prefix("status: ") {
                    item.status = Some(status.to_owned());
                }
            }
            _ if in_history => {
                let item = items.last_mut().expect("history before any item");
                let field = trimmed.strip_prefix("- ").unwrap_or(trimmed);
                if let Some(status) = field.strip_prefix("status: ") {
                    item.history.push(status.to_owned());
                } else if let Some(by) = field.strip_prefix("by: ") {
                    item.by.push(by.to_owned());
                }
            }
            _ => {}
        }
    }
    items
}

#[test]
fn search_mark_two_bulk_status_undo_once_then_quit() {
    let dir = TempDir::new("bulk");
    let inspection = dir.with_example();
    let file = inspection.to_str().expect("utf-8 temp path");
    let mut app = Session::spawn(dir.path(), &[file, "--reviewer", "tester"]);
    app.wait_for("Findings");

    app.key(b"/");
    app.type_text("training");
    // "training" is in titles already on screen: wait for the typed field.
    app.wait_for("Search: training");
    app.key(b"\r");
    let screen = app.wait_until("the search kept as a filter", |s| {
        !s.contains("Search: ") && s.contains("Showing search \"training\"")
    });
    let shown = finding_rows(&screen);
    assert!(shown.len() >= 2, "fewer than two findings shown:\n{screen}");
    let marked: Vec<String> = shown[..2].iter().map(|r| r.id.clone()).collect();
    assert_ne!(marked[0], marked[1], "{screen}");
    for id in &marked {
        let title = example_title(id);
        assert!(
            title.to_lowercase().contains("train"),
            "{id} is at the top of a search for \"training\", but its title is {title:?}:\n{screen}"
        );
    }

    app.key(b" ");
    app.key(b" ");
    let screen = app.wait_for(&format!("{MARK} 2 marked"));
    assert_eq!(marked_ids(&screen), marked, "{screen}");

    // Each status key is one change to both marked rows, and to no other.
    for (key, symbol, what) in [
        (b"4", COMPLETE, "both complete"),
        (b"3", IN_PROGRESS, "both in progress"),
        (b"u", COMPLETE, "both complete again, after one undo"),
    ] {
        app.key(key);
        let screen = app.wait_until(what, |s| {
            marked.iter().all(|id| status_of(s, id) == Some(symbol))
        });
        assert_eq!(marked_ids(&screen), marked, "the marks moved:\n{screen}");
        for row in finding_rows(&screen) {
            assert!(
                marked.contains(&row.id) || row.status == UNREVIEWED,
                "{} changed too:\n{screen}",
                row.id
            );
        }
    }
    app.quit();
    drop(app);

    let review = dir.review();
    let items = review_items(&review);
    let mut ids: Vec<&str> = items.iter().map(|i| i.id.as_str()).collect();
    let mut want: Vec<&str> = marked.iter().map(String::as_str).collect();
    ids.sort_unstable();
    want.sort_unstable();
    assert_eq!(ids, want, "the items in the review:\n{review}");
    for item in &items {
        assert_eq!(
            item.status.as_deref(),
            Some("complete"),
            "{}:\n{review}",
            item.id
        );
        assert_eq!(
            item.history,
            ["complete", "in-progress", "complete"],
            "{}'s history:\n{review}",
            item.id
        );
        assert_eq!(item.by, ["tester"; 3], "{}:\n{review}", item.id);
    }
}

/// `scrutiny ARGS` in `dir`, as a plain command.
fn run(dir: &TempDir, args: &[&str]) -> ProcessOutput {
    Command::new(env!("CARGO_BIN_EXE_scrutiny"))
        .args(args)
        .current_dir(dir.path())
        .env("XDG_CONFIG_HOME", dir.path())
        .output()
        .expect("run scrutiny")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A `[mode]` section of `scrutiny keys`, one binding a line.
fn section<'a>(keys: &'a str, mode: &str) -> Vec<&'a str> {
    keys.lines()
        .skip_while(|l| *l != format!("[{mode}]"))
        .skip(1)
        .take_while(|l| !l.is_empty() && !l.starts_with('['))
        .collect()
}

/// The keys bound to `action` in a section, over all its lines.
fn keys_of(section: &[&str], action: &str) -> Vec<String> {
    section
        .iter()
        .filter_map(|l| l.trim_start().split_once(&format!(" {action} ")))
        .flat_map(|(keys, _)| keys.split_whitespace().map(str::to_owned))
        .collect()
}

#[test]
fn keys_subcommand_prints_the_table_and_config_errors_name_the_line() {
    let dir = TempDir::new("keys");

    let out = run(&dir, &["keys"]);
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{stdout}{}", text(&out.stderr));
    let normal = section(&stdout, "normal");
    assert_eq!(keys_of(&normal, "move_down"), ["j", "↓"], "{stdout}");
    // q leaves (quits, or goes back to an overview); Ctrl-C always quits.
    assert_eq!(keys_of(&normal, "leave"), ["q"], "{stdout}");
    assert_eq!(keys_of(&normal, "quit"), ["Ctrl-C"], "{stdout}");
    for mode in ["search", "help"] {
        assert!(
            stdout.contains(&format!("[{mode}]\n")),
            "no [{mode}]:\n{stdout}"
        );
    }

    let remap = dir.write("remap.toml", "[normal]\nleave = [\"Q\"]\n");
    let remap = remap.to_str().expect("utf-8 temp path");
    let out = run(&dir, &["keys", "--config", remap]);
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{stdout}{}", text(&out.stderr));
    let normal = section(&stdout, "normal");
    let leave = keys_of(&normal, "leave");
    assert!(
        leave.contains(&"Q".to_owned()) && !leave.contains(&"q".to_owned()),
        "leave is not remapped to Q: {leave:?}\n{stdout}"
    );
    assert_eq!(keys_of(&normal, "move_down"), ["j", "↓"], "{stdout}");

    let unknown = dir.write("unknown.toml", "[normal]\nquit = [\"q\"]\nfly = \"x\"\n");
    let unknown = unknown.to_str().expect("utf-8 temp path");
    let out = run(&dir, &["keys", "--config", unknown]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{}{stderr}", text(&out.stdout));
    assert!(
        stderr.contains(&format!("{unknown}:3:")) && stderr.contains("unknown action"),
        "{stderr}"
    );
    assert!(stderr.contains("`fly`"), "{stderr}");

    let clash = dir.write("clash.toml", "[normal]\nmark = \"j\"\n");
    let clash = clash.to_str().expect("utf-8 temp path");
    let out = run(&dir, &["keys", "--config", clash]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{}{stderr}", text(&out.stdout));
    assert!(
        stderr.contains(&format!("{clash}:2:")) && stderr.contains("bound twice"),
        "{stderr}"
    );

    // The UI path refuses the same files before taking over the terminal.
    let inspection = dir.with_example();
    let file = inspection.to_str().expect("utf-8 temp path");
    for (config, needle) in [(unknown, "unknown action"), (clash, "bound twice")] {
        let out = run(&dir, &["--config", config, file, "--reviewer", "tester"]);
        let stdout = text(&out.stdout);
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{config}: {stdout}{stderr}");
        assert!(stderr.contains(needle), "{config}: {stderr}");
        assert!(stderr.contains(&format!("{config}:")), "{config}: {stderr}");
        assert!(
            stdout.is_empty() && !stderr.contains('\x1b'),
            "{config}: the terminal was touched: {stdout:?} {stderr:?}"
        );
    }
    // In a terminal, the message is all there is: no alternate screen, no raw mode.
    let mut app = Session::spawn(dir.path(), &["--config", unknown, file]);
    let status = app.wait_exit();
    assert_eq!(status.exit_code(), 1, "exit status {status}");
    let raw = app.raw();
    let shown = text(&raw);
    assert!(shown.contains("unknown action"), "{shown:?}");
    for (code, what) in [
        (ALT_SCREEN_ON, "the alternate screen"),
        (MOUSE_ON, "the mouse"),
    ] {
        assert!(find(&raw, code).is_none(), "{what} was taken: {shown:?}");
    }
    assert!(
        !dir.path().join("prevent-2020.review.yaml").exists(),
        "a review was written"
    );
}

#[test]
fn no_mouse_flag_and_mouse_capture() {
    let dir = TempDir::new("mouse");
    let inspection = dir.with_example();
    let file = inspection.to_str().expect("utf-8 temp path");

    let mut app = Session::spawn(dir.path(), &[file, "--reviewer", "tester"]);
    app.wait_for("Findings");
    let on = find(&app.raw(), MOUSE_ON).expect("mouse reporting was not turned on");
    app.quit();
    let raw = app.raw();
    assert!(
        find(&raw[on..], MOUSE_OFF).is_some(),
        "mouse reporting was left on after quitting: {:?}",
        text(&raw[on..])
    );

    let mut app = Session::spawn(dir.path(), &[file, "--reviewer", "tester", "--no-mouse"]);
    app.wait_for("Findings");
    app.quit();
    let raw = app.raw();
    assert!(
        find(&raw, MOUSE_ON).is_none(),
        "--no-mouse still turned mouse reporting on: {:?}",
        text(&raw)
    );
}

/// `i` then `o` in the real binary: the program `SCRUTINY_OPENER` names is
/// started with the inspection's address as its one argument, and the
/// screen goes on answering keys while it runs.
#[test]
fn the_opener_the_variable_names_gets_the_address_and_the_screen_does_not_wait() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = TempDir::new("opener");
    let inspection = dir.with_example();
    let file = inspection.to_str().expect("utf-8 temp path");
    let args = dir.join("opener.args");
    let pid = dir.join("opener.pid");
    let script = dir.write(
        "opener.sh",
        &format!(
            "#!/bin/sh\necho $$ > '{1}'\nprintf '%s\\n' \"$#\" \"$@\" > '{0}.tmp' && mv '{0}.tmp' '{0}'\nexec sleep 60\n",
            args.display(),
            pid.display()
        ),
    );
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755))
        .expect("make the script runnable");
    let mut app = Session::spawn_with_env(
        dir.path(),
        &[file, "--reviewer", "tester"],
        (24, 120),
        &[(
            "SCRUTINY_OPENER",
            Some(script.to_str().expect("utf-8 temp path")),
        )],
    );
    app.wait_for("Findings");
    app.key(b"i");
    app.wait_for("The inspection");
    app.key(b"o");
    app.wait_for("to open the inspection's web page");
    let start = std::time::Instant::now();
    while !args.exists() {
        assert!(
            start.elapsed() < crate::common::TIMEOUT,
            "the opener never ran"
        );
        std::thread::sleep(crate::common::POLL);
    }
    let url = scrutiny::files::load_inspection(&std::fs::read(&inspection).expect("read"))
        .expect("loads")
        .meta
        .url
        .expect("the example has an address");
    assert_eq!(
        std::fs::read_to_string(&args).expect("the arguments"),
        format!("1\n{url}\n")
    );
    // The opener sleeps on; the screen answers keys all the same.
    app.key(b"q");
    app.wait_gone("The inspection");
    app.key(b"q");
    let status = app.wait_exit();
    assert!(status.success(), "quit exited with {status}");
    assert!(start.elapsed() < std::time::Duration::from_secs(50));
    // The opener we had started is still sleeping: it is stopped here.
    let pid = std::fs::read_to_string(&pid).expect("the opener's pid");
    let _ = Command::new("kill").arg(pid.trim()).status();
}
