//! A PDF's text, by poppler's `pdftotext -layout`, run as a child process.
//!
//! Chosen over an embedded Rust extractor after measuring both on report-like
//! PDFs: pdftotext kept the reading order, the numbering and the running
//! headers on lines of their own, is faster per page, and costs scrutiny no
//! build time, binary size or dependencies; it is on most Linux systems and
//! a package away elsewhere. The child can never take scrutiny down: its
//! output is bounded, it is killed after [`TIMEOUT`], and every failure is an
//! error that names the file and says what to do.
//!
//! `SCRUTINY_PDFTOTEXT` names the program to run instead of `pdftotext` on
//! the `PATH` (a poppler elsewhere, or a test's stand-in).

use std::io::Read as _;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The child is killed if it has not finished by then.
pub const TIMEOUT: Duration = Duration::from_secs(120);

/// More text than this from one PDF is refused (a report is a few MB).
pub const MAX_TEXT_BYTES: u64 = 256 * 1024 * 1024;

/// At most this much of what pdftotext says on its standard error is kept.
const STDERR_BYTES: usize = 64 * 1024;

/// The environment variable that names the pdftotext to run.
pub const TOOL_VAR: &str = "SCRUTINY_PDFTOTEXT";

/// What to do instead, said after every failure.
const INSTEAD: &str =
    "or copy the report's text from the PDF into a plain text file and import that";

/// The text of the PDF at `path`, in layout order, pages separated by form
/// feeds; control characters other than line and page breaks and tabs are
/// removed.
pub fn text_of(path: &Path) -> Result<String, String> {
    let tool = std::env::var_os(TOOL_VAR).unwrap_or_else(|| "pdftotext".into());
    text_with(path, &tool, TIMEOUT)
}

/// [`text_of`] by the program `tool`, stopped after `timeout`.
pub fn text_with(path: &Path, tool: &std::ffi::OsStr, timeout: Duration) -> Result<String, String> {
    let name = path.display().to_string();
    // A file named "-x.pdf" is not an option.
    let arg = if path.as_os_str().to_string_lossy().starts_with('-') {
        Path::new(".").join(path)
    } else {
        path.to_path_buf()
    };
    let mut child = Command::new(tool)
        .args(["-layout", "-enc", "UTF-8"])
        .arg(&arg)
        .arg("-")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                format!(
                    "{name}: reading a PDF needs pdftotext (from poppler), and {} was not found; install it (Debian or Ubuntu: apt install poppler-utils; macOS: brew install poppler), {INSTEAD}",
                    Path::new(tool).display()
                )
            } else {
                format!(
                    "{name}: cannot run {} to read the PDF: {e}; {INSTEAD}",
                    Path::new(tool).display()
                )
            }
        })?;
    let out = child.stdout.take().map(|s| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let read = s.take(MAX_TEXT_BYTES + 1).read_to_end(&mut bytes);
            read.map(|_| bytes)
        })
    });
    let err = child.stderr.take().map(|s| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = s.take(STDERR_BYTES as u64).read_to_end(&mut bytes);
            bytes
        })
    });
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() >= timeout => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!(
                    "{name}: pdftotext did not finish reading the PDF in {} seconds, so it was stopped; is the file a report? Try again, {INSTEAD}",
                    timeout.as_secs_f32()
                ));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(e) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!("{name}: cannot wait for pdftotext: {e}; {INSTEAD}"));
            }
        }
    };
    let stderr = err.and_then(|h| h.join().ok()).unwrap_or_default();
    let Some(Ok(Ok(bytes))) = out.map(std::thread::JoinHandle::join) else {
        return Err(format!("{name}: cannot read pdftotext's output; {INSTEAD}"));
    };
    if !status.success() {
        return Err(failed(&name, status.code(), &stderr));
    }
    if bytes.len() as u64 > MAX_TEXT_BYTES {
        return Err(format!(
            "{name}: holds more than {} MB of text, more than any report; {INSTEAD}",
            MAX_TEXT_BYTES / (1024 * 1024)
        ));
    }
    let text: String = String::from_utf8_lossy(&bytes)
        .chars()
        .filter(|c| !c.is_control() || matches!(c, '\n' | '\t' | '\u{c}'))
        .collect();
    if text.trim().is_empty() {
        return Err(format!(
            "{name}: the PDF holds no text to read (is it scanned pages, images only?); {INSTEAD}, after running it through OCR"
        ));
    }
    Ok(text
        .split('\u{c}')
        .map(one_column)
        .collect::<Vec<_>>()
        .join("\u{c}"))
}

/// The least lines with text on both sides of a gutter for a page to be
/// read as two columns.
const COLUMN_LINES: usize = 6;

/// A page laid out in two columns, as `-layout` sets them side by side,
/// read as a person reads it: the left column, then the right. A page
/// without a gutter (a run of spaces down the same place in nearly every
/// line that has text on both sides of it) is as it was.
fn one_column(page: &str) -> String {
    let lines: Vec<Vec<char>> = page.lines().map(|l| l.chars().collect()).collect();
    let width = lines.iter().map(Vec::len).max().unwrap_or(0);
    if width < 50 {
        return page.to_owned();
    }
    let blank = |line: &[char], at: usize| line.get(at).is_none_or(|c| *c == ' ');
    // Lines with text both sides of `at`, and those with none at it.
    let split_at = |at: usize| {
        let both = lines
            .iter()
            .filter(|l| {
                l[..at.min(l.len())].iter().any(|c| *c != ' ')
                    && l.get(at + 2..).is_some_and(|r| r.iter().any(|c| *c != ' '))
            })
            .count();
        let crossing = lines
            .iter()
            .filter(|l| {
                l.len() > at + 2
                    && !(blank(l, at) && blank(l, at + 1))
                    && l[..at].iter().any(|c| *c != ' ')
            })
            .count();
        (both, crossing)
    };
    let best = (width / 3..width * 2 / 3)
        .map(|at| (at, split_at(at)))
        .filter(|(_, (both, crossing))| *both >= COLUMN_LINES && *crossing * 10 <= *both)
        .max_by_key(|(_, (both, _))| *both);
    let Some((at, _)) = best else {
        return page.to_owned();
    };
    let mut left: Vec<String> = Vec::new();
    let mut right: Vec<String> = Vec::new();
    for line in &lines {
        let cut = at.min(line.len());
        left.push(line[..cut].iter().collect::<String>().trim_end().to_owned());
        right.push(line[cut..].iter().collect::<String>().trim_end().to_owned());
    }
    // The right column as far in as its own margin, so points set further
    // in stay further in.
    let margin = right
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    let right = right
        .iter()
        .map(|l| l.get(margin..).unwrap_or_default().to_owned());
    // A paragraph the left column ends goes on at the right column's top.
    while left.last().is_some_and(String::is_empty) {
        left.pop();
    }
    let right: Vec<String> = right.skip_while(|l| l.trim().is_empty()).collect();
    let mut out = left.join("\n");
    out.push('\n');
    out.push_str(&right.join("\n"));
    out.push('\n');
    out
}

/// The error for pdftotext's exit `code`, with the reason it gave on `stderr`.
fn failed(name: &str, code: Option<i32>, stderr: &[u8]) -> String {
    // Its last whole line: the reason it gave up.
    let stderr = if stderr.len() >= STDERR_BYTES {
        let end = stderr.iter().rposition(|&b| b == b'\n').unwrap_or(0);
        &stderr[..end]
    } else {
        stderr
    };
    let said = String::from_utf8_lossy(stderr);
    let said = said
        .lines()
        .map(str::trim)
        .rfind(|l| !l.is_empty())
        .unwrap_or("no reason given");
    let what = match code {
        Some(1) => "it may not be a whole PDF (if it was downloaded, download it again)",
        Some(3) => "the PDF does not allow its text to be copied",
        _ => "it may not be a PDF",
    };
    format!("{name}: pdftotext could not read it ({said}); {what}, {INSTEAD}")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A stand-in for pdftotext: a shell script with `body`.
    fn stand_in(name: &str, body: &str) -> std::path::PathBuf {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = std::env::temp_dir().join(format!("scrutiny-pdf-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("make a temp dir");
        let path = dir.join("pdftotext");
        std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).expect("write the stand-in");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        path
    }

    #[test]
    fn a_pdftotext_that_hangs_is_stopped() {
        let tool = stand_in("hang", "exec sleep 30");
        let started = Instant::now();
        let e = text_with(
            Path::new("r.pdf"),
            tool.as_os_str(),
            Duration::from_millis(300),
        )
        .expect_err("stopped");
        assert!(started.elapsed() < Duration::from_secs(10));
        assert!(
            e.starts_with("r.pdf: pdftotext did not finish reading the PDF in 0.3 seconds"),
            "{e}"
        );
    }

    #[test]
    fn no_text_and_a_failure_are_errors_that_say_what_to_do() {
        let blank = stand_in("blank", "printf '\\f\\n'");
        let e = text_with(Path::new("scan.pdf"), blank.as_os_str(), TIMEOUT).expect_err("no text");
        assert!(e.contains("holds no text"), "{e}");
        let fails = stand_in(
            "fails",
            "echo 'Syntax Error: bad' >&2; echo 'Command Line Error: Incorrect password' >&2; exit 3",
        );
        let e = text_with(Path::new("locked.pdf"), fails.as_os_str(), TIMEOUT).expect_err("fails");
        assert!(
            e.contains("(Command Line Error: Incorrect password)"),
            "{e}"
        );
        assert!(e.contains("does not allow its text to be copied"), "{e}");
    }
}
