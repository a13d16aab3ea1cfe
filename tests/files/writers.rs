//! Several writers on one review file: a second scrutiny is read-only and
//! follows the first; an editor's change on disk is merged in, a change to
//! the same item kept as a conflict to settle; the git merge driver; and a
//! corrupt review that is never written over.

/// How serde-saphyr's serializer compares with scrutiny's writer (ignored: a
/// measurement, run by hand).
#[path = "writers/serializer.rs"]
mod serializer;

use std::path::Path;
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use crate::common::{POLL, Session, TIMEOUT, TempDir, example_inspection};
use scrutiny::{
    files::{load_review, to_yaml},
    model::{Review, Stamp, Status},
};

/// A wide terminal, so the read-only banner and conflict text show whole.
const ROWS: u16 = 30;
const COLS: u16 = 120;

const INSPECTION_ID: &str = "hmicfrs-2020-prevent";
const REVIEW_NAME: &str = "prevent-2020.review.yaml";
const MARK: &str = "--- the other version of this note ---";

/// The file's text, or "" while it does not exist.
fn read_text(path: &Path) -> String {
    match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => panic!("cannot read {}: {e}", path.display()),
    }
}

/// Poll a file until its text satisfies `pred`; the text.
fn wait_file(path: &Path, what: &str, pred: impl Fn(&str) -> bool) -> String {
    let start = Instant::now();
    loop {
        let text = read_text(path);
        if pred(&text) {
            return text;
        }
        assert!(
            start.elapsed() < TIMEOUT,
            "timed out waiting for {} to hold {what}; it holds:\n{text}",
            path.display()
        );
        thread::sleep(POLL);
    }
}

/// The review as scrutiny reads it.
fn load(path: &Path) -> Review {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    load_review(&bytes, INSPECTION_ID).unwrap_or_else(|d| {
        panic!(
            "{} does not load: {}\n{}",
            path.display(),
            d.render(&path.display().to_string()),
            String::from_utf8_lossy(&bytes)
        )
    })
}

fn note(review: &Review, id: &str) -> Option<String> {
    review.entry(id).and_then(|e| e.note.clone())
}

/// The review file's entry for `id`, as text: its `  ID:` line and the
/// lines indented under it.
fn entry_text(text: &str, id: &str) -> String {
    let head = format!("  {id}:");
    let mut lines = text.lines().skip_while(|l| *l != head);
    let first = lines
        .next()
        .unwrap_or_else(|| panic!("no {id} in the review:\n{text}"));
    let mut out = format!("{first}\n");
    for line in lines.take_while(|l| l.starts_with("   ")) {
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// The lock's holder line as B shows it, e.g. "(process 123)".
fn process_tag(pid: u32) -> String {
    format!("process {pid} ")
}

#[test]
fn a_second_instance_is_read_only_follows_the_first_and_the_lock_dies_with_it() {
    let dir = TempDir::new("two");
    let inspection = dir.with_example();
    let file = inspection.to_str().expect("utf-8 temp path");
    let review = dir.review_path();

    let mut a = Session::spawn_sized(dir.path(), &[file, "--reviewer", "alice"], ROWS, COLS);
    a.wait_for("Findings");
    assert!(!a.screen().contains("READ-ONLY"), "{}", a.screen());
    // A holds the lock before B starts.
    wait_file(
        &dir.path().join(format!(".{REVIEW_NAME}.lock")),
        "A's process id",
        |t| t.contains(&process_tag(a.pid())),
    );

    let mut b = Session::spawn_sized(dir.path(), &[file, "--reviewer", "bob"], ROWS, COLS);
    b.wait_for("Findings");
    b.wait_for("READ-ONLY: open in scrutiny");
    b.wait_for(&process_tag(a.pid()));

    // B refuses a change, says why, and writes nothing.
    b.key(b"2");
    b.wait_for("to change this review here");
    assert!(b.screen().contains("Unreviewed"), "{}", b.screen());
    assert!(
        !review.exists(),
        "B wrote the review:\n{}",
        read_text(&review)
    );

    // A's change reaches the file, then B's screen.
    a.key(b"2");
    a.wait_for("Accepted");
    let saved = wait_file(&review, "F1 accepted", |t| t.contains("status: accepted"));
    assert!(saved.contains("by: alice"), "{saved}");
    b.wait_for("✓ Accepted");
    b.wait_for("Reviewed 1/25");
    // Reloading wrote nothing.
    assert_eq!(read_text(&review), saved);

    // A dies without a chance to clean up; the kernel lets the lock go.
    let killed = Command::new("kill")
        .args(["-KILL", &a.pid().to_string()])
        .status()
        .expect("run kill");
    assert!(killed.success(), "kill -9 failed: {killed}");
    let status = a.wait_exit();
    assert!(!status.success(), "A was killed, yet exited with {status}");

    let mut c = Session::spawn_sized(dir.path(), &[file, "--reviewer", "carol"], ROWS, COLS);
    c.wait_for("Findings");
    c.wait_for("✓ Accepted");
    assert!(
        !c.screen().contains("READ-ONLY"),
        "C did not get the lock after A was killed:\n{}",
        c.screen()
    );
    c.key(b"j");
    c.key(b"3");
    c.wait_for("In progress");
    let text = wait_file(&review, "F2 in progress", |t| {
        t.contains("status: in-progress")
    });
    let saved = load(&review);
    assert_eq!(saved.status("F1"), Status::Accepted, "{text}");
    assert_eq!(saved.status("F2"), Status::InProgress, "{text}");
    assert!(entry_text(&text, "F2").contains("by: carol"), "{text}");

    // B, still read-only, follows the new writer too.
    b.key(b"j");
    b.wait_for("◐ In progress");
    assert!(b.screen().contains("READ-ONLY"), "{}", b.screen());
    c.quit();
    b.quit();
    assert_eq!(read_text(&review), text, "quitting changed the review");
}

/// Replace the review file's bytes without changing its size or
/// modification time, in one step (a rename), as a second writer whose
/// clock and length happen to match would: scrutiny's one-second watch, which
/// looks at size and time, cannot see it, so only the check before a save
/// can. That makes the race with the next keystroke deterministic.
fn replace_unseen(path: &Path, text: &str) {
    let old = std::fs::metadata(path).expect("the review's metadata");
    assert_eq!(
        old.len(),
        text.len() as u64,
        "the new text must be as long as the old"
    );
    let staging = path.with_file_name("theirs.staging");
    std::fs::write(&staging, text).expect("write the other version");
    std::fs::File::options()
        .write(true)
        .open(&staging)
        .expect("open the other version")
        .set_modified(old.modified().expect("mtime"))
        .expect("set the mtime");
    std::fs::rename(&staging, path).expect("put the other version in place");
}

#[test]
fn changes_made_on_disk_during_a_session_are_merged_and_a_clash_is_kept_to_settle() {
    let dir = TempDir::new("external");
    let inspection = dir.with_example();
    let file = inspection.to_str().expect("utf-8 temp path");
    let review = dir.review_path();

    let mut a = Session::spawn_sized(dir.path(), &[file, "--reviewer", "alice"], ROWS, COLS);
    a.wait_for("Findings");
    a.key(b"2");
    let before = wait_file(&review, "F1 accepted", |t| t.contains("status: accepted"));

    // An editor adds F3, leaving F1 alone, and writes the file in place.
    assert!(!before.contains("F3"), "{before}");
    let edited = format!(
        "{before}  F3:\n    status: complete\n    note: Evidence filed by the regional team.\n"
    );
    std::fs::write(&review, &edited).expect("edit the review");

    // Within the watch's second, A merges it in without asking, and saves.
    a.wait_for("Merged the changes made on disk");
    assert!(
        !a.screen().contains("changed on disk"),
        "a question was asked:\n{}",
        a.screen()
    );
    a.wait_for("Reviewed 2/25");
    a.key(b"j");
    a.key(b"j");
    a.wait_for("F3 · Finding");
    a.wait_for("● Complete");
    a.wait_for("Evidence filed by the regional team.");
    let merged = load(&review);
    assert_eq!(merged.status("F1"), Status::Accepted);
    assert_eq!(merged.status("F3"), Status::Complete);
    assert_eq!(
        note(&merged, "F3").as_deref(),
        Some("Evidence filed by the regional team.")
    );

    // F1 gets a note, "before"; both writers start from that.
    a.key(b"k");
    a.key(b"k");
    a.wait_for("F1 · Finding");
    a.key(b"e");
    a.wait_for("Note for F1");
    a.type_text("before");
    a.escape();
    let base = wait_file(&review, "F1's first note", |t| {
        t.contains("    note: |-\n      before\n")
    });
    assert_eq!(base.matches("before").count(), 1, "{base}");
    // Idle long enough for A's watch (every second) to have looked at the
    // file since that save, so it knows the file's size and time as they are.
    thread::sleep(Duration::from_millis(2500));

    // Someone else changes F1's note to "theirs" ...
    let theirs = base.replace("      before\n", "      theirs\n");
    replace_unseen(&review, &theirs);
    // ... while A, not knowing, changes it to "mine".
    a.key(b"e");
    a.wait_for("Note for F1");
    for _ in 0.."before".len() {
        a.key(b"\x7f");
    }
    a.type_text("mine");
    a.escape();

    // A's save finds the file changed, writes nothing, and asks.
    a.wait_for("The review file changed on disk");
    assert_eq!(read_text(&review), theirs, "A wrote over the other version");
    a.key(b"m");
    let clash = wait_file(&review, "a conflict", |t| t.contains("conflict:"));
    let f1 = entry_text(&clash, "F1");
    assert!(f1.contains("    note: |-\n      mine\n"), "{clash}");
    assert!(
        f1.contains("    conflict:\n") && f1.contains("      note: |-\n        theirs\n"),
        "{clash}"
    );
    let loaded = load(&review);
    let entry = loaded.entry("F1").expect("F1");
    assert_eq!(entry.note.as_deref(), Some("mine"));
    assert_eq!(entry.status, Status::Accepted);
    let other = entry.conflict.as_ref().expect("the other version is kept");
    assert_eq!(other.note.as_deref(), Some("theirs"));
    // F3, changed on neither side since, is as it was.
    assert_eq!(loaded.status("F3"), Status::Complete);

    a.wait_for("! 1 conflict to settle");
    a.wait_for("! Changed elsewhere too: < keeps yours");
    a.wait_for("!✓ F1 ");
    a.wait_until("the other note shown", |s| {
        s.lines().any(|l| l.contains("│    theirs"))
    });

    // Keep both.
    a.key(b"=");
    let settled = wait_file(&review, "the conflict settled", |t| {
        !t.contains("conflict:")
    });
    let loaded = load(&review);
    let entry = loaded.entry("F1").expect("F1");
    let both = entry.note.as_deref().expect("a note");
    assert_eq!(both, format!("mine\n\n{MARK}\ntheirs"), "{settled}");
    assert_eq!(entry.status, Status::Accepted);
    assert!(entry.conflict.is_none());
    assert!(settled.contains(MARK), "{settled}");
    a.wait_until("the conflict gone from the header", |s| {
        !s.contains("conflict to settle") && !s.contains("Changed elsewhere")
    });
    a.wait_for(MARK);
    a.quit();
    assert_eq!(read_text(&review), settled, "quitting changed the review");
}

/// `git ARGS` in `dir`; its output.
fn git(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .env("XDG_CONFIG_HOME", dir)
        .output()
        .unwrap_or_else(|e| panic!("run git {args:?}: {e}"))
}

/// `git ARGS`, which must succeed; its standard output.
fn git_ok(dir: &Path, args: &[&str]) -> String {
    let out = git(dir, args);
    assert!(
        out.status.success(),
        "git {args:?} failed ({}):\n{}{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn git_available() -> bool {
    Command::new("git")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn stamp(minute: i64, by: &str) -> Stamp {
    Stamp {
        at: jiff::Timestamp::from_second(1_790_000_000 + minute * 60).expect("a time"),
        by: by.into(),
    }
}

/// The example inspection, for writing reviews in its order.
/// Change the review file at `path` with `change`, as scrutiny would save it.
fn annotate(path: &Path, change: impl FnOnce(&mut Review)) {
    let mut review = load(path);
    change(&mut review);
    std::fs::write(path, to_yaml(&review, &example_inspection())).expect("write the review");
}

/// Where each id's entry starts in a review file's text.
fn positions(text: &str, ids: &[&str]) -> Vec<usize> {
    ids.iter()
        .map(|id| {
            let head = format!("\n  {id}:\n");
            assert_eq!(text.matches(&head).count(), 1, "{id} not once in:\n{text}");
            text.find(&head).expect("found")
        })
        .collect()
}

/// A git repository in `dir` with the scrutiny merge driver set up for
/// review files, the example inspection and a review with F1 accepted
/// committed on `main`. `false` (and a printed reason) without git.
fn repository_with_the_driver(dir: &TempDir) -> bool {
    if !git_available() {
        println!("skipped: git is not installed");
        return false;
    }
    let repo = dir.path();
    git_ok(repo, &["-c", "init.defaultBranch=main", "init", "-q"]);
    git_ok(repo, &["config", "user.name", "Test Reviewer"]);
    git_ok(repo, &["config", "user.email", "reviewer@example.org"]);
    git_ok(repo, &["config", "commit.gpgsign", "false"]);
    git_ok(
        repo,
        &["config", "merge.scrutiny.name", "scrutiny review files"],
    );
    let driver = format!("'{}' merge %O %A %B %P", env!("CARGO_BIN_EXE_scrutiny"));
    git_ok(repo, &["config", "merge.scrutiny.driver", &driver]);
    std::fs::write(
        repo.join(".gitattributes"),
        "*.review.yaml merge=scrutiny\n",
    )
    .expect("write .gitattributes");
    dir.with_example();
    let mut first = Review::new(INSPECTION_ID);
    first.set_status("F1", Status::Accepted, &stamp(0, "lead"));
    std::fs::write(dir.review_path(), to_yaml(&first, &example_inspection()))
        .expect("write the review");
    git_ok(repo, &["add", "."]);
    git_ok(repo, &["commit", "-q", "-m", "F1 accepted"]);
    assert!(
        git_ok(repo, &["check-attr", "merge", REVIEW_NAME]).contains("merge: scrutiny"),
        "the driver is not set for the review"
    );
    true
}

/// On a new branch `name` from `from`, change the review and commit.
fn commit_on_branch(dir: &TempDir, name: &str, from: &str, change: impl FnOnce(&mut Review)) {
    git_ok(dir.path(), &["checkout", "-q", "-b", name, from]);
    annotate(&dir.review_path(), change);
    git_ok(dir.path(), &["commit", "-q", "-am", name]);
}

/// `git merge --no-edit BRANCH`: whether it succeeded, and what it said.
fn git_merge(dir: &TempDir, branch: &str) -> (bool, String) {
    let out = git(dir.path(), &["merge", "--no-edit", branch]);
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), said)
}

#[test]
fn git_merges_annotations_of_different_items_cleanly() {
    let dir = TempDir::new("git-clean");
    if !repository_with_the_driver(&dir) {
        return;
    }
    let review = dir.review_path();
    commit_on_branch(&dir, "a", "main", |r| {
        r.set_note("F2", "Partnership board minutes checked.", &stamp(1, "ann"));
    });
    commit_on_branch(&dir, "b", "main", |r| {
        r.set_status("F3", Status::Complete, &stamp(2, "ben"));
        r.set_note("F3", "Multi-agency review done.", &stamp(2, "ben"));
    });
    git_ok(dir.path(), &["checkout", "-q", "a"]);
    let (merged, said) = git_merge(&dir, "b");
    let text = read_text(&review);
    assert!(
        merged,
        "git merge of different items failed:\n{said}\nthe review:\n{text}"
    );
    assert!(!text.contains("<<<<<<<"), "{text}");
    let at = positions(&text, &["F1", "F2", "F3"]);
    assert!(
        at[0] < at[1] && at[1] < at[2],
        "not in inspection order:\n{text}"
    );
    let loaded = load(&review);
    assert_eq!(loaded.status("F1"), Status::Accepted);
    assert_eq!(
        note(&loaded, "F2").as_deref(),
        Some("Partnership board minutes checked.")
    );
    assert_eq!(loaded.status("F3"), Status::Complete);
    assert_eq!(
        note(&loaded, "F3").as_deref(),
        Some("Multi-agency review done.")
    );
    assert!(loaded.conflicts().is_empty(), "{text}");
    assert!(
        git_ok(dir.path(), &["status", "--porcelain"]).is_empty(),
        "the clean merge left changes"
    );
}

#[test]
fn git_keeps_both_versions_of_an_item_changed_on_two_branches() {
    let dir = TempDir::new("git-clash");
    if !repository_with_the_driver(&dir) {
        return;
    }
    let review = dir.review_path();
    commit_on_branch(&dir, "c", "main", |r| {
        r.set_note("F4", "Ours: training figures verified.", &stamp(3, "ann"));
        r.set_status("F2", Status::InProgress, &stamp(3, "ann"));
    });
    commit_on_branch(&dir, "d", "main", |r| {
        r.set_note("F4", "Theirs: figures still missing.", &stamp(4, "ben"));
        r.set_status("F3", Status::Complete, &stamp(4, "ben"));
    });
    git_ok(dir.path(), &["checkout", "-q", "c"]);
    let (merged, said) = git_merge(&dir, "d");
    let text = read_text(&review);
    assert!(
        !merged,
        "git merge of one item changed twice reported no conflict:\n{said}\n{text}"
    );
    assert!(said.contains("F4"), "the conflict is not named:\n{said}");
    assert!(
        !text.contains("<<<<<<<"),
        "git's markers in the review:\n{text}"
    );
    let at = positions(&text, &["F1", "F2", "F3", "F4"]);
    assert!(at.is_sorted(), "not in inspection order:\n{text}");
    let loaded = load(&review);
    let f4 = loaded.entry("F4").expect("F4");
    assert_eq!(f4.note.as_deref(), Some("Ours: training figures verified."));
    let other = f4.conflict.as_ref().expect("their version is kept");
    assert_eq!(
        other.note.as_deref(),
        Some("Theirs: figures still missing.")
    );
    assert_eq!(loaded.conflicts(), ["F4"]);
    // What only one side changed is merged as usual.
    assert_eq!(loaded.status("F1"), Status::Accepted);
    assert_eq!(loaded.status("F2"), Status::InProgress);
    assert_eq!(loaded.status("F3"), Status::Complete);
    // Git marks the file as unmerged, for the reviewer to settle and add.
    assert!(
        git_ok(dir.path(), &["ls-files", "-u", REVIEW_NAME]).contains(REVIEW_NAME),
        "the review is not marked unmerged"
    );
}

/// `scrutiny merge BASE OURS THEIRS` in `dir`.
fn merge_driver(dir: &Path, base: &str, ours: &str, theirs: &str) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_scrutiny"))
        .args(["merge", base, ours, theirs])
        .current_dir(dir)
        .env("XDG_CONFIG_HOME", dir)
        .stdin(Stdio::null())
        .output()
        .expect("run scrutiny merge")
}

fn review_text(change: impl FnOnce(&mut Review)) -> String {
    let mut review = Review::new(INSPECTION_ID);
    change(&mut review);
    to_yaml(&review, &example_inspection())
}

#[test]
fn the_merge_driver_without_a_common_ancestor_and_with_an_unreadable_side() {
    let dir = TempDir::new("driver");
    let at = |name: &str| dir.path().join(name);
    std::fs::write(at("empty.yaml"), "").expect("write");
    std::fs::write(
        at("ours.yaml"),
        review_text(|r| {
            r.set_status("F1", Status::Accepted, &stamp(0, "ann"));
        }),
    )
    .expect("write");
    let theirs = review_text(|r| {
        r.set_status("F2", Status::Complete, &stamp(1, "ben"));
    });
    std::fs::write(at("theirs.yaml"), &theirs).expect("write");

    // No common ancestor: git passes an empty BASE.
    let run = merge_driver(dir.path(), "empty.yaml", "ours.yaml", "theirs.yaml");
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let merged = load(&at("ours.yaml"));
    assert_eq!(merged.status("F1"), Status::Accepted);
    assert_eq!(merged.status("F2"), Status::Complete);
    assert!(merged.conflicts().is_empty());

    // An OURS that is not a review: exit 1 (a problem found), nothing written.
    let garbage = "this is: [not a review\n\u{0}\u{1}";
    std::fs::write(at("garbage.yaml"), garbage).expect("write");
    let run = merge_driver(dir.path(), "empty.yaml", "garbage.yaml", "theirs.yaml");
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("garbage.yaml"), "{stderr}");
    assert_eq!(
        std::fs::read(at("garbage.yaml")).expect("read"),
        garbage.as_bytes(),
        "OURS was changed"
    );
    assert_eq!(read_text(&at("theirs.yaml")), theirs, "THEIRS was changed");

    // A review that names the inspection but cannot be read: the same.
    let broken =
        "version: 1\ninspection: hmicfrs-2020-prevent\nitems:\n  F1:\n    status: acepted\n";
    std::fs::write(at("broken.yaml"), broken).expect("write");
    let run = merge_driver(dir.path(), "empty.yaml", "broken.yaml", "theirs.yaml");
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("broken.yaml:5:13"), "{stderr}");
    assert_eq!(read_text(&at("broken.yaml")), broken, "OURS was changed");
}

#[test]
fn the_merge_driver_writes_each_item_once_in_inspection_order() {
    // Both sides keep F1 from the base; ours adds F3, theirs F2.
    let dir = TempDir::new("order");
    let at = |name: &str| dir.path().join(name);
    let base = |r: &mut Review| {
        r.set_status("F1", Status::Accepted, &stamp(0, "lead"));
    };
    std::fs::write(at("base.yaml"), review_text(base)).expect("write");
    std::fs::write(
        at("ours.yaml"),
        review_text(|r| {
            base(r);
            r.set_status("F3", Status::Complete, &stamp(1, "ann"));
        }),
    )
    .expect("write");
    std::fs::write(
        at("theirs.yaml"),
        review_text(|r| {
            base(r);
            r.set_status("F2", Status::InProgress, &stamp(2, "ben"));
        }),
    )
    .expect("write");
    let run = merge_driver(dir.path(), "base.yaml", "ours.yaml", "theirs.yaml");
    let text = read_text(&at("ours.yaml"));
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}\n{text}",
        String::from_utf8_lossy(&run.stderr)
    );
    let at = positions(&text, &["F1", "F2", "F3"]);
    assert!(
        at[0] < at[1] && at[1] < at[2],
        "not in inspection order:\n{text}"
    );
}

const CORRUPT: &str = "version: 1
inspection: hmicfrs-2020-prevent
items:
  F1:
    status: acepted
    note: Months of work, behind one typo.
";

/// The example with a corrupt review beside it, in a fresh directory.
fn with_corrupt_review(name: &str) -> TempDir {
    let dir = TempDir::new(name);
    dir.with_example();
    std::fs::write(dir.review_path(), CORRUPT).expect("write the corrupt review");
    dir
}

fn assert_corrupt_review_unchanged(dir: &TempDir) {
    assert_eq!(
        read_text(&dir.review_path()),
        CORRUPT,
        "the corrupt review was changed"
    );
}

#[test]
fn a_corrupt_review_without_a_terminal_is_left_alone_and_a_way_on_is_named() {
    let dir = with_corrupt_review("corrupt-pipe");
    let run = Command::new(env!("CARGO_BIN_EXE_scrutiny"))
        .arg("prevent-2020.yaml")
        .current_dir(dir.path())
        .env("XDG_CONFIG_HOME", dir.path())
        .stdin(Stdio::null())
        .output()
        .expect("run scrutiny");
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("prevent-2020.review.yaml:5:13: unknown status `acepted`"),
        "the problem is not located:\n{stderr}"
    );
    assert!(stderr.contains("will not write to it"), "{stderr}");
    assert!(
        stderr.contains("--review prevent-2020.review-2.yaml"),
        "no way on is named:\n{stderr}"
    );
    assert!(run.stdout.is_empty(), "the UI was drawn without a terminal");
    assert_corrupt_review_unchanged(&dir);
    assert!(!dir.path().join("prevent-2020.review-2.yaml").exists());
}

#[test]
fn a_corrupt_review_in_a_terminal_offers_a_new_review_beside_it() {
    let dir = with_corrupt_review("corrupt-pty");
    let fresh = dir.path().join("prevent-2020.review-2.yaml");

    let mut app = Session::spawn_sized(
        dir.path(),
        &["prevent-2020.yaml", "--reviewer", "tester"],
        ROWS,
        COLS,
    );
    app.wait_for("prevent-2020.review.yaml:5:13: unknown status `acepted`");
    app.wait_for("Start a new review in prevent-2020.review-2.yaml instead? [y/N]");
    app.key(b"y");
    app.key(b"\r");
    app.wait_for("Findings");
    app.wait_for("review: prevent-2020.review-2.yaml");
    assert!(!app.screen().contains("READ-ONLY"), "{}", app.screen());
    app.key(b"4");
    app.wait_for("● Complete");
    let text = wait_file(&fresh, "F1 complete", |t| t.contains("status: complete"));
    app.quit();
    assert_eq!(read_text(&fresh), text);
    let loaded = load(&fresh);
    assert_eq!(loaded.status("F1"), Status::Complete);
    assert_corrupt_review_unchanged(&dir);
}

#[test]
fn a_corrupt_review_in_a_terminal_is_left_alone_when_the_offer_is_declined() {
    let dir = with_corrupt_review("corrupt-no");
    let mut app = Session::spawn_sized(dir.path(), &["prevent-2020.yaml"], ROWS, COLS);
    app.wait_for("[y/N]");
    app.key(b"\r");
    let status = app.wait_exit();
    assert_eq!(status.exit_code(), 1, "{}", app.screen());
    assert!(!app.screen().contains("Findings"), "{}", app.screen());
    assert_corrupt_review_unchanged(&dir);
    assert!(!dir.path().join("prevent-2020.review-2.yaml").exists());
}

#[test]
fn a_note_being_typed_survives_a_change_merged_in_from_disk() {
    let dir = TempDir::new("draft");
    let inspection = dir.with_example();
    let file = inspection.to_str().expect("utf-8 temp path");
    let review = dir.review_path();

    let a = Session::spawn_sized(dir.path(), &[file, "--reviewer", "alice"], ROWS, COLS);
    a.wait_for("Findings");
    a.key(b"2");
    let before = wait_file(&review, "F1 accepted", |t| t.contains("status: accepted"));
    a.key(b"e");
    a.wait_for("Note for F1");
    a.type_text("Half a thought");
    a.wait_for("Half a thought");

    // Meanwhile an editor adds a note to another item, F2.
    std::fs::write(
        &review,
        format!("{before}  F2:\n    note: 'Theirs, on F2.'\n"),
    )
    .expect("edit the review");
    // A merges it in (its save writes the note as a block).
    wait_file(&review, "A's merge", |t| {
        t.contains("    note: |-\n      Theirs, on F2.\n")
    });

    // The editor is still open, holding what was typed.
    a.wait_for("Note for F1");
    a.wait_for("Half a thought");
    a.type_text(", finished.");
    a.escape();
    let text = wait_file(&review, "F1's note", |t| t.contains("Half a thought"));
    let loaded = load(&review);
    assert_eq!(
        note(&loaded, "F1").as_deref(),
        Some("Half a thought, finished."),
        "{text}"
    );
    assert_eq!(
        note(&loaded, "F2").as_deref(),
        Some("Theirs, on F2."),
        "{text}"
    );
    assert_eq!(loaded.status("F1"), Status::Accepted, "{text}");
}
