//! One writer per review file: a lock file beside it, held while scrutiny
//! may write, released by the kernel even if the holder is killed, and
//! removed when the holder leaves.
//!
//! The lock file is opened as a file scrutiny made or nothing: never
//! through a symbolic link, never a device, pipe or a file with other names
//! (hard links), never one whose text is not a lock's. Where the folder's
//! filesystem cannot lock (some network shares), scrutiny says so on
//! screen: a second scrutiny could then write the same review.

use std::fs::File;
use std::io::{self, Read as _, Seek as _, Write as _};
use std::path::{Path, PathBuf};

use crate::files::os::{self, OpenOptionsExt as _, UnixMode as _};

/// Held for as long as this session may write the review. Dropping it
/// removes the lock file (if it is still the one locked) and lets go.
pub struct ReviewLock {
    lock: Option<File>,
    pub path: PathBuf,
}

impl std::fmt::Debug for ReviewLock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ReviewLock({})", self.path.display())
    }
}

impl Drop for ReviewLock {
    fn drop(&mut self) {
        // Removed while still held, and only if the path still names the
        // file locked: a newer holder's lock is never taken away.
        if let Some(lock) = &self.lock
            && same_file(lock, &self.path)
        {
            let _ = std::fs::remove_file(&self.path);
        }
        self.lock.take();
    }
}

pub enum Lock {
    Acquired(ReviewLock),
    /// Another scrutiny holds it: what it wrote about itself.
    HeldBy(String),
}

/// The file whose lock guards `review`: `.NAME.review.yaml.lock` beside the
/// file the review's path leads to (through a link, beside its target, so
/// every name of one review shares one lock).
pub fn lock_path(review: &Path) -> PathBuf {
    let target = crate::files::store::write_target(review).unwrap_or_else(|_| review.to_owned());
    crate::files::paths::ReviewPaths::new(target).lock()
}

/// What a lock file says of its holder, first word first: how a lock file
/// scrutiny made is told from any other file.
const SIGNATURE: &str = "scrutiny process ";

/// Who this is, as written in the lock file: process, user and host.
fn holder() -> String {
    let user = os::login_name().unwrap_or_else(os::unnamed_account);
    let host = os::host_name()
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "this machine".into());
    format!(
        "{SIGNATURE}{} of {user} on {host} (since {})",
        std::process::id(),
        jiff::Timestamp::now().strftime("%H:%M UTC")
    )
}

/// Whether `path` still names the file `file` is open on.
fn same_file(file: &File, path: &Path) -> bool {
    os::same_file(file, path)
}

fn refuse(path: &Path, why: &str) -> io::Error {
    io::Error::other(format!(
        "{}: {why}; scrutiny will not use it as a lock (remove it if it is not yours)",
        crate::text::inert_line(&path.display().to_string())
    ))
}

/// Open the lock file: made anew (exclusively, never through a link), or,
/// when one is there, only if it is a plain file of one name holding a
/// lock's text. Nothing is written to it here.
fn open_lock_file(path: &Path) -> io::Result<File> {
    let flags = os::flags::NO_FOLLOW | os::flags::CLOSE_ON_EXEC | os::flags::NO_WAIT;
    match std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create_new(true)
        .unix_mode(0o644)
        .custom_flags(flags)
        .open(path)
    {
        Ok(file) => return Ok(file),
        Err(e) if e.kind() != io::ErrorKind::AlreadyExists => return Err(e),
        Err(_) => {}
    }
    let mut file = match std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .custom_flags(flags | os::flags::NO_TTY)
        .open(path)
    {
        Ok(file) => file,
        Err(e) if os::refused_a_link(&e) => {
            return Err(refuse(path, "it is a symbolic link"));
        }
        Err(e) => return Err(e),
    };
    let meta = file.metadata()?;
    // Only Windows gets this far with a link (opened as itself).
    if meta.is_symlink() {
        return Err(refuse(path, "it is a symbolic link"));
    }
    if !meta.is_file() {
        return Err(refuse(path, "it is not a regular file"));
    }
    if os::names(&file)? != 1 {
        return Err(refuse(path, "it has other names (hard links)"));
    }
    let mut head = Vec::new();
    (&mut file).take(512).read_to_end(&mut head)?;
    if !head.is_empty() && !head.starts_with(SIGNATURE.as_bytes()) {
        return Err(refuse(path, "it holds something other than a lock"));
    }
    file.rewind()?;
    Ok(file)
}

pub fn acquire(review: &Path) -> io::Result<Lock> {
    let path = lock_path(review);
    // A holder leaving removes its lock file: a file opened just before
    // that is locked for nothing, so the path is checked and tried again.
    for _ in 0..5 {
        let mut lock = match open_lock_file(&path) {
            Ok(file) => file,
            // Windows: a held lock file cannot even be read, so neither is
            // who holds it.
            Err(e) if os::locked_elsewhere(&e) => {
                return Ok(Lock::HeldBy("another scrutiny".to_owned()));
            }
            Err(e) => return Err(e),
        };
        // flock(2) on Unix, LockFileEx on Windows: let go when the file is
        // closed, however the holder ends.
        match lock.try_lock() {
            Ok(()) => {
                if !same_file(&lock, &path) {
                    continue;
                }
                lock.set_len(0)?;
                lock.rewind()?;
                lock.write_all(holder().as_bytes())?;
                lock.flush()?;
                return Ok(Lock::Acquired(ReviewLock {
                    lock: Some(lock),
                    path,
                }));
            }
            Err(std::fs::TryLockError::WouldBlock) => {
                let mut who = Vec::new();
                let _ = (&mut lock).take(512).read_to_end(&mut who);
                let who = String::from_utf8_lossy(&who);
                let who = who.lines().next().unwrap_or("").trim();
                return Ok(Lock::HeldBy(if who.is_empty() {
                    "another scrutiny".to_owned()
                } else {
                    crate::text::inert_line(who).into_owned()
                }));
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(e),
        }
    }
    Err(io::Error::other(format!(
        "{}: the lock file keeps changing under scrutiny",
        path.display()
    )))
}

/// How many names the review file has, when it has more than one.
pub fn other_names(review: &Path) -> Option<u64> {
    os::names_of(review).filter(|&n| n > 1)
}

/// For a read-only session: the lock, if its holder has let go of it.
pub fn try_take_over(review: &Path) -> Option<ReviewLock> {
    match acquire(review) {
        Ok(Lock::Acquired(lock)) => Some(lock),
        _ => None,
    }
}

/// Remove temporary files a killed save left beside the review: only the
/// ones `write_atomic` names, and only by the lock holder (no one else is
/// saving).
pub fn remove_stale_temporaries(_held: &ReviewLock, review: &Path) -> Vec<PathBuf> {
    let target = crate::files::store::write_target(review).unwrap_or_else(|_| review.to_owned());
    crate::files::store::temporaries_beside(&target)
        .into_iter()
        .filter(|path| std::fs::remove_file(path).is_ok())
        .collect()
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
            Lock::HeldBy(who) => {
                assert!(who.contains(&std::process::id().to_string()), "{who}");
                assert!(who.contains(" of ") && who.contains(" on "), "{who}");
            }
            Lock::Acquired(_) => panic!("two writers"),
        }
        drop(first);
        assert!(
            !lock_path(&review).exists(),
            "the lock file goes with its holder"
        );
        assert!(matches!(acquire(&review).expect("lock"), Lock::Acquired(_)));
        remove(&review);
    }

    #[test]
    fn stale_temporaries_are_removed_and_nothing_else() {
        let review = temp("stale");
        let folder = review.parent().expect("folder").to_path_buf();
        let ours = folder.join(".a.review.yaml.~scrutiny-save-00112233aabbccdd");
        std::fs::write(&ours, "half").expect("write");
        let mine = [
            ".a.review.yaml.Ab12Cd",
            ".a.review.yaml.241201",
            ".a.review.yaml.BACKUP",
            ".a.review.yaml.v2copy",
            ".a.review.yaml.bak",
        ];
        for name in mine {
            std::fs::write(folder.join(name), "mine").expect("write");
        }
        std::fs::write(folder.join("a.review.yaml"), "keep").expect("write");
        let Lock::Acquired(lock) = acquire(&review).expect("lock") else {
            panic!("lock");
        };
        let removed = remove_stale_temporaries(&lock, &review);
        assert_eq!(removed, [ours]);
        for name in mine {
            assert!(folder.join(name).exists(), "{name} is the user's");
        }
        assert!(folder.join("a.review.yaml").exists());
        remove(&review);
    }

    #[test]
    fn a_planted_link_is_never_followed_nor_its_target_written() {
        let review = temp("link");
        let folder = review.parent().expect("folder").to_path_buf();
        let victim = folder.join("precious.txt");
        std::fs::write(&victim, "do not touch").expect("write");
        std::os::unix::fs::symlink(&victim, lock_path(&review)).expect("link");
        let e = acquire(&review).err().expect("refused");
        assert!(e.to_string().contains("symbolic link"), "{e}");
        assert_eq!(
            std::fs::read_to_string(&victim).expect("read"),
            "do not touch"
        );
        // A dangling link is not created through either.
        std::fs::remove_file(lock_path(&review)).expect("unlink");
        let nowhere = folder.join("created-through-link");
        std::os::unix::fs::symlink(&nowhere, lock_path(&review)).expect("link");
        assert!(acquire(&review).is_err());
        assert!(!nowhere.exists());
        remove(&review);
    }

    #[test]
    fn a_lock_path_that_is_not_a_lock_file_is_refused_untouched() {
        let review = temp("other");
        let folder = review.parent().expect("folder").to_path_buf();
        // Someone's own file where the lock goes.
        std::fs::write(lock_path(&review), "my notes").expect("write");
        assert!(acquire(&review).is_err());
        assert_eq!(
            std::fs::read_to_string(lock_path(&review)).expect("read"),
            "my notes"
        );
        std::fs::remove_file(lock_path(&review)).expect("unlink");
        // A hard link to another file.
        let elsewhere = folder.join("elsewhere");
        std::fs::write(&elsewhere, "").expect("write");
        std::fs::hard_link(&elsewhere, lock_path(&review)).expect("link");
        assert!(acquire(&review).is_err());
        std::fs::remove_file(lock_path(&review)).expect("unlink");
        // A pipe.
        nix::unistd::mkfifo(&lock_path(&review), nix::sys::stat::Mode::S_IRWXU).expect("fifo");
        assert!(acquire(&review).is_err());
        remove(&review);
    }

    #[test]
    fn every_name_of_a_linked_review_shares_one_lock() {
        let review = temp("names");
        let folder = review.parent().expect("folder").to_path_buf();
        std::fs::write(&review, "version: 1\n").expect("write");
        let other = folder.join("b.review.yaml");
        std::os::unix::fs::symlink(&review, &other).expect("link");
        let Lock::Acquired(_held) = acquire(&review).expect("lock") else {
            panic!("lock");
        };
        assert!(matches!(acquire(&other).expect("lock"), Lock::HeldBy(_)));
        remove(&review);
    }
}
