//! `scrutiny completions SHELL` and `scrutiny man`: made from the command
//! line's own definition (`super::command`), so they name every command
//! and option it takes, and no other.

use std::io::Write as _;
use std::path::Path;
use std::process::ExitCode;

/// The completion script for `shell`, on standard output.
pub fn completions(shell: clap_complete::Shell) -> ExitCode {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut super::command(), "scrutiny", &mut script);
    let mut out = std::io::stdout().lock();
    match out.write_all(&script).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            crate::text::error(&format!("cannot write the completions: {e}"));
            ExitCode::from(1)
        }
    }
}

/// The manual page of `scrutiny` (roff), with every command in it.
pub fn page() -> Result<Vec<u8>, String> {
    let mut roff = Vec::new();
    clap_mangen::Man::new(super::command())
        .render(&mut roff)
        .map_err(|e| format!("cannot make the manual page: {e}"))?;
    Ok(roff)
}

/// The pages of `scrutiny` and of each command (`scrutiny-NAME.1`): the
/// file names and their text.
pub fn pages() -> Result<Vec<(String, Vec<u8>)>, String> {
    let command = super::command();
    let mut all = vec![("scrutiny.1".to_owned(), page()?)];
    for sub in command.get_subcommands() {
        let name = format!("scrutiny-{}", sub.get_name());
        let mut roff = Vec::new();
        clap_mangen::Man::new(sub.clone().name(name.clone()))
            .render(&mut roff)
            .map_err(|e| format!("cannot make the manual page of {name}: {e}"))?;
        all.push((format!("{name}.1"), roff));
    }
    Ok(all)
}

/// `scrutiny man`: the main page on standard output, or every page into
/// `folder` (each written over only with `force`).
pub fn man(folder: Option<&Path>, force: bool) -> ExitCode {
    let written = match folder {
        None => page().and_then(|roff| {
            let mut out = std::io::stdout().lock();
            out.write_all(&roff)
                .and_then(|()| out.flush())
                .map_err(|e| format!("cannot write the manual page: {e}"))
        }),
        Some(folder) => write_pages(folder, force),
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            crate::text::error(&e);
            ExitCode::from(1)
        }
    }
}

fn write_pages(folder: &Path, force: bool) -> Result<(), String> {
    if !folder.is_dir() {
        return Err(format!(
            "{}: not a folder; make it first, or name another",
            folder.display()
        ));
    }
    let pages = pages()?;
    // Every page checked before any is written: all or nothing.
    for (name, _) in &pages {
        super::may_write(&folder.join(name), force)?;
    }
    for (name, roff) in &pages {
        let path = folder.join(name);
        crate::files::store::write_atomic(&path, roff)
            .map_err(|e| format!("{}: cannot write it: {e}", path.display()))?;
    }
    crate::errln!(
        "Written {} pages to {} (read one with: man -l {})",
        pages.len(),
        folder.display(),
        folder.join("scrutiny.1").display()
    );
    Ok(())
}
