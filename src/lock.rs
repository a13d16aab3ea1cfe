//! One writer per review file: a lock beside it, held while scrutiny may
//! write, released by the kernel even if the holder is killed.

use std::fs::{File, OpenOptions};
use std::io::{self, Read as _, Seek as _, Write as _};
use std::path::{Path, PathBuf};

use nix::fcntl::{Flock, FlockArg};

/// Held for as long as this session may write the review.
pub struct ReviewLock {
    _lock: Flock<File>,
    pub path: PathBuf,
}

impl std::fmt::Debug for ReviewLock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ReviewLock({})", self.path.display())
    }
}

pub enum Lock {
    Acquired(ReviewLock),
    /// Another scrutiny holds it: what it wrote about itself.
    HeldBy(String),
}

/// `.NAME.review.yaml.lock` beside the review. The file stays; the lock is
/// on it, not its existence, so a killed holder leaves nothing stale.
pub fn lock_path(review: &Path) -> PathBuf {
    let name = review.file_name().map_or_else(
        || "review.yaml".into(),
        |n| n.to_string_lossy().into_owned(),
    );
    review.with_file_name(format!(".{name}.lock"))
}

pub fn acquire(review: &Path) -> io::Result<Lock> {
    let path = lock_path(review);
    let file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)?;
    match Flock::lock(file, FlockArg::LockExclusiveNonblock) {
        Ok(mut lock) => {
            let who = format!(
                "scrutiny process {} (since {})",
                std::process::id(),
                jiff::Timestamp::now().strftime("%H:%M UTC")
            );
            lock.set_len(0)?;
            lock.rewind()?;
            lock.write_all(who.as_bytes())?;
            lock.flush()?;
            Ok(Lock::Acquired(ReviewLock { _lock: lock, path }))
        }
        Err((mut file, nix::errno::Errno::EWOULDBLOCK)) => {
            let mut who = String::new();
            let _ = file.read_to_string(&mut who);
            let who = who.trim();
            Ok(Lock::HeldBy(if who.is_empty() {
                "another scrutiny".to_owned()
            } else {
                crate::text::inert_line(who).into_owned()
            }))
        }
        Err((_, errno)) => Err(io::Error::from(errno)),
    }
}

/// Take the review's lock for `app`, or mark it read-only when another
/// scrutiny holds it; clear stale temporary files once it is ours. A lock
/// that cannot be made (a read-only folder) leaves the app as it is: its
/// saves will fail and say why.
pub fn attach(app: &mut crate::app::App) {
    match acquire(&app.save.path) {
        Ok(Lock::Acquired(lock)) => {
            let removed = remove_stale_temporaries(&lock, &app.save.path);
            if !removed.is_empty() {
                app.message = Some(crate::app::Message::Info(format!(
                    "Removed {} temporary file{} left by an interrupted save",
                    removed.len(),
                    if removed.len() == 1 { "" } else { "s" }
                )));
            }
            app.lock = Some(lock);
        }
        Ok(Lock::HeldBy(who)) => {
            app.message = Some(crate::app::Message::Error(format!(
                "Read-only: {who} is writing this review; its changes show here as it saves."
            )));
            app.read_only = Some(who);
        }
        Err(_) => {}
    }
}

/// Remove temporary files a killed save left beside the review (named
/// `.NAME.XXXXXX`). Only the lock holder may: no one else is saving.
pub fn remove_stale_temporaries(_held: &ReviewLock, review: &Path) -> Vec<PathBuf> {
    let mut removed = Vec::new();
    for path in crate::model::store::temporaries_beside(review) {
        // Six random letters and digits; a word such as `backup` (all
        // lower case) is someone's own file and stays.
        let random = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .is_some_and(|name| {
                name.chars()
                    .rev()
                    .take(6)
                    .any(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
            });
        if random && std::fs::remove_file(&path).is_ok() {
            removed.push(path);
        }
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("scrutiny-lock-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("dir");
        dir.join("a.review.yaml")
    }

    fn remove(review: &Path) {
        if let Some(dir) = review.parent() {
            let _ = std::fs::remove_dir_all(dir);
        }
    }

    #[test]
    fn a_second_lock_is_refused_and_names_the_holder_until_the_first_goes() {
        let review = temp("two");
        let Lock::Acquired(first) = acquire(&review).expect("lock") else {
            panic!("the first lock should be taken");
        };
        match acquire(&review).expect("lock") {
            Lock::HeldBy(who) => assert!(who.contains(&std::process::id().to_string()), "{who}"),
            Lock::Acquired(_) => panic!("two writers"),
        }
        drop(first);
        assert!(matches!(acquire(&review).expect("lock"), Lock::Acquired(_)));
        remove(&review);
    }

    #[test]
    fn stale_temporaries_are_removed_and_nothing_else() {
        let review = temp("stale");
        let folder = review.parent().expect("folder").to_path_buf();
        std::fs::write(folder.join(".a.review.yaml.Ab12Cd"), "half").expect("write");
        std::fs::write(folder.join(".a.review.yaml.bak"), "mine").expect("write");
        std::fs::write(folder.join(".a.review.yaml.lock"), "").expect("write");
        std::fs::write(folder.join("a.review.yaml"), "keep").expect("write");
        let Lock::Acquired(lock) = acquire(&review).expect("lock") else {
            panic!("lock");
        };
        let removed = remove_stale_temporaries(&lock, &review);
        assert_eq!(removed, [folder.join(".a.review.yaml.Ab12Cd")]);
        assert!(folder.join("a.review.yaml").exists());
        assert!(folder.join(".a.review.yaml.lock").exists());
        assert!(folder.join(".a.review.yaml.bak").exists());
        remove(&review);
    }
}
