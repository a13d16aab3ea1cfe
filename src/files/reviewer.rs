//! Who is reviewing: the name recorded in each item's history. Asked of,
//! in turn, `--reviewer`, `SCRUTINY_REVIEWER`, git's `user.name` in the
//! review's repository, and the account (its full name, else its login
//! name). Each answer says where it came from, so a name that is only a
//! number is never written silently.

use std::path::Path;

/// A reviewer's name and where it was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reviewer {
    pub name: String,
    pub from: Source,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// `--reviewer NAME`.
    Flag,
    /// The `SCRUTINY_REVIEWER` environment variable.
    Environment,
    /// git's `user.name` where the review lives.
    Git,
    /// The account's full name (the password database's comment field).
    FullName,
    /// The login name: `USER`, `LOGNAME`, or the account's.
    Login,
    /// Nothing gave a name: the account's number stands in.
    Nothing,
}

impl Source {
    /// How a message names it.
    pub fn describe(self) -> &'static str {
        match self {
            Source::Flag => "--reviewer",
            Source::Environment => "SCRUTINY_REVIEWER",
            Source::Git => "git's user.name",
            Source::FullName => "your account's full name",
            Source::Login => "your login name",
            Source::Nothing => "no name found",
        }
    }
}

/// The name `--reviewer` gave this run, once: every review path it names
/// (a reviewer's own file in `NAME.reviews/`, `files::reviewers`) is then
/// that reviewer's, whichever view opens it.
static GIVEN: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// Take `name` as this run's `--reviewer`. The first given stands.
pub fn give(name: &str) {
    let _ = GIVEN.set(name.to_owned());
}

/// The reviewer whose own file this run's review paths name, in `folder`:
/// `--reviewer` as given, else as `find` finds it. Asked once a run.
pub fn of_this_run(folder: &Path) -> &'static str {
    static WHO: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    WHO.get_or_init(|| find(GIVEN.get().map(String::as_str), folder).name)
}

/// The name for a review kept in `folder`: the first of `given`,
/// `SCRUTINY_REVIEWER`, git's `user.name` there, the account's full name,
/// its login name, and, failing all, `user N` for its number.
pub fn find(given: Option<&str>, folder: &Path) -> Reviewer {
    let found = |name: Option<String>, from: Source| {
        name.map(|n| one_line(&n))
            .filter(|n| !n.is_empty())
            .map(|name| Reviewer { name, from })
    };
    found(given.map(str::to_owned), Source::Flag)
        .or_else(|| found(std::env::var("SCRUTINY_REVIEWER").ok(), Source::Environment))
        .or_else(|| found(git_user_name(folder), Source::Git))
        .or_else(|| found(super::os::full_name(), Source::FullName))
        .or_else(|| found(super::os::login_name(), Source::Login))
        .unwrap_or_else(|| Reviewer {
            name: super::os::unnamed_account(),
            from: Source::Nothing,
        })
}

/// A name as history keeps it: one line, its spaces tidied.
fn one_line(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// git's `user.name` as git would use it in `folder` (the repository's own
/// setting, else the user's), or `None` where git is not installed, the
/// folder is in no repository and no name is set, or git takes too long.
fn git_user_name(folder: &Path) -> Option<String> {
    super::git::text(folder, &["config", "--get", "user.name"]).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_flag_comes_first_and_is_made_one_line() {
        let found = find(Some("  Ada \n Lovelace "), Path::new("."));
        assert_eq!(found.name, "Ada Lovelace");
        assert_eq!(found.from, Source::Flag);
    }

    #[test]
    fn a_blank_flag_is_passed_over() {
        let found = find(Some("  \t"), Path::new("."));
        assert_ne!(found.from, Source::Flag);
        assert!(!found.name.trim().is_empty());
    }

    #[test]
    fn git_names_the_reviewer_of_a_review_in_its_repository() {
        let dir = std::env::temp_dir().join(format!("scrutiny-reviewer-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("dir");
        let git = |args: &[&str]| {
            std::process::Command::new("git")
                .arg("-C")
                .arg(&dir)
                .args(args)
                .output()
                .map(|o| o.status.success())
        };
        if git(&["init", "-q"]).is_err() {
            return; // no git here: the rest of the order still holds
        }
        assert_eq!(
            git(&["config", "user.name", "Grace Hopper"]).ok(),
            Some(true)
        );
        assert_eq!(git_user_name(&dir).as_deref(), Some("Grace Hopper"));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
