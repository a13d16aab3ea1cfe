//! A kill at any moment during a save, and temporary files a killed save
//! left behind.

use super::*;

// ------------------------------------------------------------ SIGKILL

/// splitmix64: a small, deterministic generator.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

const BIG_ITEMS: usize = 10_000;
const BIG_ID: &str = "big-inspection";

fn big_inspection() -> String {
    let mut text = String::with_capacity(BIG_ITEMS * 60);
    text.push_str(
        "version: 1\ninspection:\n  id: big-inspection\n  title: Ten thousand findings\nfindings:\n",
    );
    for n in 1..=BIG_ITEMS {
        writeln!(text, "  - id: F{n}\n    title: Finding number {n}")
            .expect("writing to a String cannot fail");
    }
    text
}

/// F1's status as the review file text has it: every entry is written
/// `  ID:\n    status: NAME\n`.
fn f1_status(bytes: &[u8]) -> Status {
    let text = std::str::from_utf8(bytes).expect("a UTF-8 review");
    let at = text.find("\n  F1:\n    status: ").expect("F1 has a status") + 19;
    let name = text[at..].lines().next().unwrap_or_default();
    Status::from_name(name).unwrap_or_else(|| panic!("no status {name:?}"))
}

/// A 10,000-item inspection and a review annotating every item, written
/// into `dir`: their paths.
fn big_pair(dir: &Path) -> (PathBuf, PathBuf) {
    let inspection_text = big_inspection();
    let inspection = load_inspection(inspection_text.as_bytes()).expect("the big inspection loads");
    let mut review = Review::new(BIG_ID);
    let stamp = Stamp {
        at: "2026-01-02T03:04:05Z".parse().expect("a timestamp"),
        by: "seed".into(),
    };
    for n in 1..=BIG_ITEMS {
        let id = format!("F{n}");
        review.set_status(&id, Status::Accepted, &stamp);
        review.set_note(&id, &format!("Note {n}"), &stamp);
    }
    let inspection_path = dir.join("big.yaml");
    let review_path = dir.join("big.review.yaml");
    std::fs::write(&inspection_path, &inspection_text).expect("write the inspection");
    std::fs::write(&review_path, to_yaml(&review, &inspection)).expect("write the review");
    (inspection_path, review_path)
}

/// How long the binary takes from a status key to the file on disk: the
/// range the kills must straddle.
fn time_one_save(dir: &Path, file: &str, review: &Path) -> Duration {
    let mut app = Session::spawn(dir, &[file, "--reviewer", "tester"]);
    app.wait_for("Findings");
    let before = std::fs::read(review).expect("read the review");
    let key = if f1_status(&before) == Status::Accepted {
        b"3"
    } else {
        b"2"
    };
    let start = Instant::now();
    app.send(key);
    while std::fs::read(review).expect("read the review") == before {
        assert!(start.elapsed() < TIMEOUT, "the change was never saved");
        thread::sleep(Duration::from_millis(1));
    }
    let took = start.elapsed();
    app.key(b"q");
    assert!(
        app.wait_exit().success(),
        "quit after the timed save failed"
    );
    took
}

#[test]
fn sigkill_at_any_moment_leaves_the_old_file_or_the_new_and_no_temporary() {
    const ROUNDS: u64 = 20;
    let started = Instant::now();
    let dir = TempDir::new("sigkill");
    let (inspection_path, review_path) = big_pair(dir.path());
    let file = inspection_path.to_str().expect("utf-8");
    let review_name = "big.review.yaml";

    // A save of 10,000 items takes longer than 40 ms in a debug build: kill
    // within 0-40 ms or up to twice as long as a save takes, whichever
    // is longer, so kills land both before and after the rename.
    let save = time_one_save(dir.path(), file, &review_path);
    let range = u64::try_from(save.as_millis() * 2)
        .unwrap_or(u64::MAX)
        .max(40);

    // The last bytes read and the review they hold: equal bytes load equal.
    let mut last = std::fs::read(&review_path).expect("read the review");
    let mut last_review = load_review(&last, BIG_ID).expect("the review loads");
    let (mut unchanged, mut replaced, mut left_temporary, mut removed_at_start) = (0, 0, 0, 0);
    let mut delays = Vec::new();
    for round in 0..ROUNDS {
        let mut rng = Rng(0x5c2u64.wrapping_mul(round + 1));
        let mut app = Session::spawn(dir.path(), &[file, "--reviewer", "tester"]);
        app.wait_for("Findings");
        if app.screen().contains("Removed 1 temporary file") {
            removed_at_start += 1;
        }
        assert_eq!(
            temporaries(dir.path(), review_name),
            Vec::<String>::new(),
            "round {round}: a temporary file is still there with the screen up"
        );
        let before = std::fs::read(&review_path).expect("read the review");
        assert_eq!(before, last, "round {round}: the file changed at start");
        let (key, status) = if last_review.status("F1") == Status::Accepted {
            (b"3", Status::InProgress)
        } else {
            (b"2", Status::Accepted)
        };
        let delay = rng.next() % (range + 1);
        delays.push(delay);
        app.send(key);
        thread::sleep(Duration::from_millis(delay));
        let killed = Command::new("kill")
            .args(["-9", &app.pid().to_string()])
            .status()
            .expect("run kill");
        assert!(killed.success(), "kill -9 failed: {killed}");
        let exit = app.wait_exit();
        assert!(
            !exit.success(),
            "round {round}: it exited by itself: {exit}"
        );
        drop(app);

        let after = std::fs::read(&review_path).expect("read the review after the kill");
        if !temporaries(dir.path(), review_name).is_empty() {
            left_temporary += 1;
        }
        if after == before {
            unchanged += 1;
            continue;
        }
        replaced += 1;
        let new = load_review(&after, BIG_ID).unwrap_or_else(|p| {
            panic!(
                "round {round}: the review no longer loads:\n{}",
                p.render(review_name)
            )
        });
        same_except(&last_review, &new, &["F1"])
            .unwrap_or_else(|e| panic!("round {round}: more than F1 changed: {e}"));
        assert_eq!(new.status("F1"), status, "round {round}: F1 is not as set");
        assert_eq!(f1_status(&after), status);
        last = after;
        last_review = new;
    }
    // One more start clears what the last kill left, and quits cleanly.
    let mut app = Session::spawn(dir.path(), &[file, "--reviewer", "tester"]);
    app.wait_for("Findings");
    if app.screen().contains("Removed 1 temporary file") {
        removed_at_start += 1;
    }
    assert_eq!(temporaries(dir.path(), review_name), Vec::<String>::new());
    app.key(b"q");
    let status = app.wait_exit();
    assert!(status.success(), "the last quit exited with {status}");
    assert_eq!(std::fs::read(&review_path).expect("read"), last);
    eprintln!(
        "SIGKILL: a save took {} ms; {ROUNDS} kills after 0-{range} ms (delays {delays:?}): \
         {unchanged} before the rename (old file kept), {replaced} after it (new file), \
         {left_temporary} left a linked temporary, {removed_at_start} removed at the next \
         start; {:.1} s in all",
        save.as_millis(),
        started.elapsed().as_secs_f64()
    );
    assert_eq!(
        left_temporary, removed_at_start,
        "a temporary was not removed at start"
    );
}

// ------------------------------------------------ stale temporaries

#[test]
fn a_stale_temporary_is_removed_by_the_lock_holder_only() {
    let dir = TempDir::new("stale");
    let (inspection, review) = example_pair(dir.path());
    let before = std::fs::read(&review).expect("read the review");
    let stale = dir
        .path()
        .join(format!(".{REVIEW}.~scrutiny-save-0123456789abcdef"));
    let file = inspection.to_str().expect("utf-8");
    // Files of the user's that look like temporaries are theirs.
    let lookalikes: Vec<PathBuf> = ["241201", "BACKUP", "v2copy", "Ab12Cd", "bak"]
        .iter()
        .map(|end| dir.path().join(format!(".{REVIEW}.{end}")))
        .collect();
    for path in &lookalikes {
        std::fs::write(path, "mine").expect("write a file of the user's");
    }

    std::fs::write(&stale, "half a review").expect("write the temporary");
    let mut app = Session::spawn(dir.path(), &[file, "--reviewer", "tester"]);
    app.wait_for("Findings");
    app.wait_for("Removed 1 temporary file");
    assert!(!stale.exists(), "the stale temporary is still there");
    for path in &lookalikes {
        assert!(path.exists(), "{} was removed", path.display());
    }
    eprintln!(
        "stale temporary, on screen: {}",
        app.screen()
            .lines()
            .find(|l| l.contains("Removed"))
            .unwrap_or_default()
            .trim_end()
    );
    app.key(b"q");
    assert!(app.wait_exit().success());
    drop(app);

    // Another instance holds the lock: a second start only looks.
    std::fs::write(&stale, "half a review").expect("write the temporary");
    let scrutiny::files::lock::Lock::Acquired(held) =
        scrutiny::files::lock::acquire(&review).expect("take the lock")
    else {
        panic!("the lock is free: nothing runs");
    };
    let mut app = Session::spawn(dir.path(), &[file, "--reviewer", "tester"]);
    app.wait_for("Findings");
    app.wait_for("READ-ONLY");
    let screen = app.screen();
    assert!(!screen.contains("Removed"), "{screen}");
    assert!(stale.exists(), "a read-only instance removed the temporary");
    eprintln!(
        "read-only second instance, on screen: {}",
        screen
            .lines()
            .filter(|l| l.contains("READ-ONLY") || l.contains("Read-only"))
            .map(str::trim_end)
            .collect::<Vec<_>>()
            .join(" | ")
    );
    // A change is refused, and nothing is written. (The refusal's reason is
    // cut off at 80 columns, so look at the status instead.)
    app.key(b"j");
    app.wait_for("F2 · Finding");
    app.key(b"3");
    thread::sleep(Duration::from_millis(300));
    let screen = app.screen();
    assert!(screen.contains("○ Unreviewed"), "F2 changed:\n{screen}");
    assert!(!screen.contains("[NOT SAVED]"), "{screen}");
    app.key(b"q");
    assert!(app.wait_exit().success());
    drop(app);
    assert_eq!(std::fs::read(&review).expect("read"), before);
    assert!(stale.exists());
    drop(held);
}
