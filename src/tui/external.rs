//! A note edited in the user's own editor: `$VISUAL`, else `$EDITOR`, split
//! into a program and its arguments as a shell would split the variable
//! (never run through a shell, and never with the note's text in the
//! command), on a private temporary file (mode 0600) that holds the note
//! and is read back once the editor exits.

use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus};

use crate::files::os::UnixMode as _;
use crate::tui::action::Returned;

/// The editor to run, from the environment: `$VISUAL`, else `$EDITOR`; why
/// none can be, if so.
pub fn editor_command() -> Result<Vec<String>, String> {
    let var = |name| std::env::var(name).ok();
    command_from(var("VISUAL").as_deref(), var("EDITOR").as_deref())
}

/// The editor to run given the values of `$VISUAL` and `$EDITOR`: the first
/// that is set and not blank, split into words.
pub fn command_from(visual: Option<&str>, editor: Option<&str>) -> Result<Vec<String>, String> {
    let Some((name, value)) = [("VISUAL", visual), ("EDITOR", editor)]
        .into_iter()
        .find_map(|(name, value)| Some((name, value.filter(|v| !v.trim().is_empty())?)))
    else {
        return Err(
            "neither $VISUAL nor $EDITOR is set; set one to your editor (EDITOR=nano, say)".into(),
        );
    };
    split(value).map_err(|why| {
        format!(
            "${name} ({}) cannot be read as a command: {why}",
            crate::text::inert_line(value)
        )
    })
}

/// Words as a POSIX shell splits them, without expanding anything: blanks
/// separate; single quotes keep all; double quotes keep all but a
/// backslash before a backslash, a double quote, `$` or a backtick; a
/// backslash outside quotes keeps the next character.
pub fn split(text: &str) -> Result<Vec<String>, &'static str> {
    let mut words = Vec::new();
    let mut word: Option<String> = None;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            ' ' | '\t' | '\n' => {
                if let Some(done) = word.take() {
                    words.push(done);
                }
            }
            '\'' => {
                let into = word.get_or_insert_with(String::new);
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(c) => into.push(c),
                        None => return Err("a single quote is not closed"),
                    }
                }
            }
            '"' => {
                let into = word.get_or_insert_with(String::new);
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') => match chars.next() {
                            Some(c @ ('\\' | '"' | '$' | '`')) => into.push(c),
                            Some(c) => {
                                into.push('\\');
                                into.push(c);
                            }
                            None => return Err("a double quote is not closed"),
                        },
                        Some(c) => into.push(c),
                        None => return Err("a double quote is not closed"),
                    }
                }
            }
            '\\' => match chars.next() {
                Some(c) => word.get_or_insert_with(String::new).push(c),
                None => return Err("it ends in a backslash"),
            },
            c => word.get_or_insert_with(String::new).push(c),
        }
    }
    words.extend(word);
    if words.is_empty() {
        return Err("it names no program");
    }
    Ok(words)
}

/// A file only this user can read, removed when dropped.
struct TempNote(PathBuf);

impl TempNote {
    fn create(text: &str) -> io::Result<TempNote> {
        static COUNT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let dir = std::env::temp_dir();
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let mut tries = 0;
        loop {
            let n = COUNT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let path = dir.join(format!(
                "scrutiny-note-{}-{nanos:x}-{n}.txt",
                std::process::id()
            ));
            // A new file, never one there (nor a link planted there).
            match std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .unix_mode(0o600)
                .open(&path)
            {
                Ok(mut file) => {
                    let note = TempNote(path);
                    file.write_all(text.as_bytes())?;
                    file.sync_all()?;
                    return Ok(note);
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists && tries < 100 => tries += 1,
                Err(e) => return Err(e),
            }
        }
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempNote {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// How an editor that did not succeed ended.
fn failure(status: ExitStatus) -> Option<String> {
    if status.success() {
        return None;
    }
    Some(match (status.code(), signal_of(status)) {
        (Some(code), _) => format!("exited with status {code}"),
        (None, Some(signal)) => format!("was stopped by signal {signal}"),
        (None, None) => "failed".to_owned(),
    })
}

#[cfg(unix)]
fn signal_of(status: ExitStatus) -> Option<i32> {
    use std::os::unix::process::ExitStatusExt as _;
    status.signal()
}

/// Windows has no signals: every exit has a code.
#[cfg(windows)]
fn signal_of(_status: ExitStatus) -> Option<i32> {
    None
}

/// Edit `text` in the external editor, which `run` runs (handing it the
/// terminal): what the file holds after, or why nothing could be edited.
pub fn edit(
    text: &str,
    run: impl FnOnce(&mut Command) -> io::Result<ExitStatus>,
) -> Result<Returned, String> {
    edit_with(&editor_command()?, text, run)
}

/// Edit `text` with the editor `words` (a program and its arguments).
pub fn edit_with(
    words: &[String],
    text: &str,
    run: impl FnOnce(&mut Command) -> io::Result<ExitStatus>,
) -> Result<Returned, String> {
    let program = crate::text::inert_line(&words[0]).into_owned();
    let note = TempNote::create(text).map_err(|e| format!("cannot write a temporary file: {e}"))?;
    let mut command = Command::new(&words[0]);
    command.args(&words[1..]).arg(note.path());
    let status = run(&mut command).map_err(|e| format!("cannot run {program}: {e}"))?;
    let bytes = std::fs::read(note.path())
        .map_err(|e| format!("cannot read back what {program} wrote: {e}"))?;
    let mut back = String::from_utf8_lossy(&bytes).replace("\r\n", "\n");
    // Editors end the last line; a note that did not end so stays so.
    if !text.ends_with('\n') && back.ends_with('\n') {
        back.pop();
    }
    let mut failed = failure(status);
    if failed.is_none() && std::str::from_utf8(&bytes).is_err() {
        failed = Some("wrote text that is not UTF-8".to_owned());
    }
    Ok(Returned { text: back, failed })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visual_comes_before_editor_and_blank_is_unset() {
        assert_eq!(
            command_from(Some("vi"), Some("nano")),
            Ok(vec!["vi".into()])
        );
        assert_eq!(
            command_from(Some("  "), Some("nano")),
            Ok(vec!["nano".into()])
        );
        assert!(command_from(None, None).is_err_and(|e| e.contains("$EDITOR")));
    }

    #[test]
    fn the_variable_splits_as_a_shell_splits_it() {
        assert_eq!(
            split("code --wait -n"),
            Ok(vec!["code".into(), "--wait".into(), "-n".into()])
        );
        assert_eq!(
            split(r#"'/opt/my editor/bin/ed' "-c" a\ b "x\"y""#),
            Ok(vec![
                "/opt/my editor/bin/ed".into(),
                "-c".into(),
                "a b".into(),
                "x\"y".into()
            ])
        );
        assert_eq!(split("vim ''"), Ok(vec!["vim".into(), String::new()]));
        assert!(split("vim 'open").is_err());
        assert!(split("   ").is_err());
    }

    #[test]
    fn the_file_is_private_and_gone_after() {
        use std::os::unix::fs::PermissionsExt as _;
        let mut seen = None;
        let back = edit_with(&["true".into()], "a note", |command| {
            let path = PathBuf::from(command.get_args().last().expect("the file"));
            let mode = std::fs::metadata(&path)
                .expect("there")
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
            assert_eq!(std::fs::read_to_string(&path).expect("read"), "a note");
            std::fs::write(&path, "a note\nand more\n").expect("write");
            seen = Some(path);
            command.status()
        })
        .expect("edited");
        assert_eq!(back.text, "a note\nand more");
        assert_eq!(back.failed, None);
        assert!(!seen.expect("ran").exists());
    }

    #[test]
    fn a_failing_editor_says_how() {
        let back = edit_with(&["false".into()], "x", Command::status).expect("ran");
        assert_eq!(back.failed.as_deref(), Some("exited with status 1"));
        assert_eq!(back.text, "x");
        assert!(edit_with(&["/no/such/editor".into()], "x", Command::status).is_err());
    }
}
