//! `scrutiny init [DIR]`: a folder made ready for reviews kept in git or a
//! shared folder. `.gitattributes` names the merge driver for review files,
//! `.gitignore` holds the files scrutiny keeps beside reviews that are not
//! work to commit, and, asked first, the repository's own git config gets
//! the driver. Lines already there are left as they are; running it again
//! changes nothing.

use std::fmt::Write as _;
use std::io::{BufRead as _, IsTerminal as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The lines `.gitattributes` needs: review files, and the reviewers' own
/// files of the one-file-per-reviewer layout, merged by scrutiny.
pub const ATTRIBUTES: [&str; 2] = [
    "*.review.yaml merge=scrutiny",
    "*.reviews/*.yaml merge=scrutiny",
];

/// The lines `.gitignore` needs: what scrutiny keeps beside a review that
/// is not the review (`files::paths` names each).
pub const IGNORED: [&str; 4] = [
    // The lock a running scrutiny holds, removed when it quits.
    ".*.review.yaml.lock",
    // A save's temporary, left only by a save cut short.
    ".*.~scrutiny-save-*",
    // A sync tool's conflict copy once merged in, kept aside.
    "*.merged-*",
    // An export's earlier file, edited by hand, kept before writing over it.
    "*.edited-*",
];

/// The git config lines of the driver, as `git config` takes them.
pub const DRIVER: [(&str, &str); 2] = [
    (
        "merge.scrutiny.name",
        "scrutiny: review files, item by item",
    ),
    ("merge.scrutiny.driver", "scrutiny merge %O %A %B %P"),
];

const HEADING: &str = "# scrutiny (scrutiny init)";

pub fn run(dir: Option<&Path>, yes: bool) -> ExitCode {
    let dir = dir.map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    match init(&dir, yes) {
        Ok(said) => {
            crate::text::eprint(&said);
            ExitCode::SUCCESS
        }
        Err(e) => {
            crate::text::error(&e);
            ExitCode::from(1)
        }
    }
}

fn init(dir: &Path, yes: bool) -> Result<String, String> {
    if !dir.is_dir() {
        return Err(format!(
            "{}: not a folder; make it first, or name another",
            dir.display()
        ));
    }
    let mut said = String::new();
    for (name, lines) in [
        (".gitattributes", &ATTRIBUTES[..]),
        (".gitignore", &IGNORED[..]),
    ] {
        let path = dir.join(name);
        let added = add_lines(&path, lines)?;
        let _ = if added == 0 {
            writeln!(said, "{}: already holds scrutiny's lines", path.display())
        } else {
            writeln!(said, "{}: {added} lines added", path.display())
        };
    }
    said += &driver(dir, yes)?;
    Ok(said)
}

/// Append to the file at `path` the `lines` it lacks (under a heading
/// naming scrutiny), making it if there is none; how many were added.
fn add_lines(path: &Path, lines: &[&str]) -> Result<usize, String> {
    let bytes = match crate::files::store::read_regular(path, 4 * 1024 * 1024) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(e) => return Err(format!("{}: cannot read it: {e}", path.display())),
    };
    let text = String::from_utf8(bytes)
        .map_err(|_| format!("{}: not UTF-8 text; add the lines by hand", path.display()))?;
    let have: Vec<&str> = text.lines().map(str::trim).collect();
    let missing: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|line| !have.contains(line))
        .collect();
    if missing.is_empty() {
        return Ok(0);
    }
    let mut out = text.clone();
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    if !have.contains(&HEADING) {
        if !out.is_empty() {
            out.push('\n');
        }
        out += HEADING;
        out.push('\n');
    }
    for line in &missing {
        out += line;
        out.push('\n');
    }
    crate::files::store::write_atomic(path, out.as_bytes())
        .map_err(|e| format!("{}: cannot write it: {e}", path.display()))?;
    Ok(missing.len())
}

/// The driver in the repository's git config: asked on a terminal (unless
/// `yes`), else said how to add it. Outside a repository, nothing to do.
fn driver(dir: &Path, yes: bool) -> Result<String, String> {
    use crate::files::git;
    let in_repository = git::run(dir, &["rev-parse", "--git-dir"]).is_ok();
    let mut commands = String::new();
    for (key, value) in DRIVER {
        let _ = writeln!(commands, "  git config --local {key} \"{value}\"");
    }
    if !in_repository {
        return Ok(format!(
            "{}: not in a git repository; in one, `scrutiny init` would also add the merge driver to its git config:\n{commands}",
            dir.display()
        ));
    }
    let set = DRIVER.iter().all(|(key, value)| {
        git::text(dir, &["config", "--local", "--get", key]).is_ok_and(|set| set == *value)
    });
    if set {
        return Ok("git config: the merge driver is set already\n".into());
    }
    let asked = std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
    if !yes && !asked {
        return Ok(format!(
            "git config: not changed (no terminal to ask at); to add the merge driver, run this again with --yes, or:\n{commands}"
        ));
    }
    if !yes {
        crate::text::eprint(&format!(
            "Add scrutiny's merge driver to this repository's git config?\n{commands}[y/N] "
        ));
        let mut answer = String::new();
        let _ = std::io::stderr().flush();
        std::io::stdin()
            .lock()
            .read_line(&mut answer)
            .map_err(|e| format!("cannot read the answer: {e}"))?;
        if !matches!(answer.trim(), "y" | "Y" | "yes" | "Yes") {
            return Ok("git config: not changed\n".into());
        }
    }
    for (key, value) in DRIVER {
        git::run(dir, &["config", "--local", key, value]).map_err(|e| match e {
            git::Error::NotInstalled => "git config: git is not installed".to_owned(),
            git::Error::Io(e) => format!("cannot run git: {e}"),
            git::Error::Failed(said) => format!("git config {key}: {said}"),
        })?;
    }
    Ok("git config: the merge driver added (in this repository only)\n".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_added_once_under_a_heading_and_others_kept() {
        let dir = std::env::temp_dir().join(format!("scrutiny-init-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("dir");
        let path = dir.join(".gitignore");
        std::fs::write(&path, "target/\n*.lock-not-ours").expect("write");
        assert_eq!(add_lines(&path, &IGNORED).expect("added"), IGNORED.len());
        assert_eq!(add_lines(&path, &IGNORED).expect("again"), 0);
        let text = std::fs::read_to_string(&path).expect("read");
        assert!(
            text.starts_with("target/\n*.lock-not-ours\n\n# scrutiny"),
            "{text}"
        );
        for line in IGNORED {
            assert_eq!(text.lines().filter(|l| *l == line).count(), 1, "{text}");
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}
