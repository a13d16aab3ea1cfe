//! Running git, for the few things scrutiny asks of it: a file as it was at
//! a revision (`changes --since-rev`), who the user is in a repository
//! (`files::reviewer`), and the merge driver's settings (`init`).

use std::path::Path;

/// Why git gave no answer.
#[derive(Debug)]
pub enum Error {
    /// There is no `git` to run.
    NotInstalled,
    /// It could not be started.
    Io(std::io::Error),
    /// It ran and failed: what it said, on one line.
    Failed(String),
}

/// Run `git -C dir ARGS` (no input): what it printed when it succeeded.
/// An empty `dir` is the current folder.
pub fn run(dir: &Path, args: &[&str]) -> Result<Vec<u8>, Error> {
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let out = std::process::Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .stdin(std::process::Stdio::null())
        .output()
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                Error::NotInstalled
            } else {
                Error::Io(e)
            }
        })?;
    if out.status.success() {
        Ok(out.stdout)
    } else {
        let said = String::from_utf8_lossy(&out.stderr);
        Err(Error::Failed(
            crate::text::one_line(said.trim()).into_owned(),
        ))
    }
}

/// What git printed, as one trimmed line of text.
pub fn text(dir: &Path, args: &[&str]) -> Result<String, Error> {
    run(dir, args).map(|out| String::from_utf8_lossy(&out).trim().to_owned())
}
