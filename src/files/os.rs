//! What scrutiny asks of the operating system beyond std's portable calls,
//! said once for Unix and once for Windows: how a file is opened (never
//! through a link, never waiting on a pipe), the permission bits a new file
//! gets, a file's identity and how many names it has, a path as bytes, who
//! and where this is. Each Windows counterpart does the nearest safe thing
//! and says what Windows lacks; none pretends to a check it cannot make.

use std::fs::{File, Metadata, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};

#[cfg(unix)]
pub use std::os::unix::fs::OpenOptionsExt;
#[cfg(windows)]
pub use std::os::windows::fs::OpenOptionsExt;

/// Flags for `custom_flags`, by what they ask. On Unix, open(2)'s own.
#[cfg(unix)]
pub mod flags {
    pub const NO_FOLLOW: i32 = nix::libc::O_NOFOLLOW;
    pub const NO_WAIT: i32 = nix::libc::O_NONBLOCK;
    pub const NO_TTY: i32 = nix::libc::O_NOCTTY;
    pub const CLOSE_ON_EXEC: i32 = nix::libc::O_CLOEXEC;
}

/// Flags for `custom_flags`, by what they ask, as `CreateFileW` takes them.
#[cfg(windows)]
pub mod flags {
    /// `FILE_FLAG_OPEN_REPARSE_POINT`: a link is opened as itself, not
    /// followed; the callers' regular-file check then refuses it.
    pub const NO_FOLLOW: u32 = 0x0020_0000;
    /// Windows has no pipes in folders to wait on, nor controlling
    /// terminals, and std's handles are never inherited by children:
    /// nothing to ask for these.
    pub const NO_WAIT: u32 = 0;
    pub const NO_TTY: u32 = 0;
    pub const CLOSE_ON_EXEC: u32 = 0;
    /// `FILE_FLAG_BACKUP_SEMANTICS`: lets a folder be opened too, for its
    /// identity.
    pub(super) const ANY_KIND: u32 = 0x0200_0000;
}

/// The permission bits a file made anew gets, where files have them.
pub trait UnixMode {
    fn unix_mode(&mut self, mode: u32) -> &mut Self;
}

#[cfg(unix)]
impl UnixMode for OpenOptions {
    fn unix_mode(&mut self, mode: u32) -> &mut Self {
        self.mode(mode)
    }
}

// Windows has no permission bits: a new file takes the access list its
// folder passes on (a user's own temporary folder is theirs alone).
#[cfg(windows)]
impl UnixMode for OpenOptions {
    fn unix_mode(&mut self, _mode: u32) -> &mut Self {
        self
    }
}

/// Whether opening failed because the path is a symbolic link (asked not
/// to be followed).
#[cfg(unix)]
pub fn refused_a_link(e: &io::Error) -> bool {
    e.raw_os_error() == Some(nix::libc::ELOOP)
}

/// Windows opens a link as itself (`NO_FOLLOW`) rather than failing: the
/// open file's type says it is one (`Metadata::is_symlink`).
#[cfg(windows)]
pub fn refused_a_link(_e: &io::Error) -> bool {
    false
}

/// Whether a read failed because another process holds the file's lock.
/// Unix locks (flock) never stop a read.
#[cfg(unix)]
pub fn locked_elsewhere(_e: &io::Error) -> bool {
    false
}

/// Windows locks (`LockFileEx`, under `File::try_lock`) keep every other
/// handle from reading the locked bytes: `ERROR_LOCK_VIOLATION`.
#[cfg(windows)]
pub fn locked_elsewhere(e: &io::Error) -> bool {
    e.raw_os_error() == Some(33)
}

/// Whether `path` (not followed if a link) still names the file `file` is
/// open on.
#[cfg(unix)]
pub fn same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt as _;
    match (file.metadata(), std::fs::symlink_metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

/// std gives no file identity on Windows yet (`file_index` is unstable):
/// the volume and file index come from `GetFileInformationByHandle` through
/// winapi-util, on a handle that asks no access to the file's bytes.
#[cfg(windows)]
pub fn same_file(file: &File, path: &Path) -> bool {
    let there = OpenOptions::new()
        .access_mode(0)
        .custom_flags(flags::NO_FOLLOW | flags::ANY_KIND)
        .open(path);
    match (
        winapi_util::file::information(file),
        there.and_then(|there| winapi_util::file::information(&there)),
    ) {
        (Ok(a), Ok(b)) => {
            a.volume_serial_number() == b.volume_serial_number() && a.file_index() == b.file_index()
        }
        _ => false,
    }
}

/// How many names (hard links) the open file has.
#[cfg(unix)]
pub fn names(file: &File) -> io::Result<u64> {
    use std::os::unix::fs::MetadataExt as _;
    Ok(file.metadata()?.nlink())
}

/// std has no link count on Windows yet (`number_of_links` is unstable).
#[cfg(windows)]
pub fn names(file: &File) -> io::Result<u64> {
    Ok(winapi_util::file::information(file)?.number_of_links())
}

/// How many names the regular file `path` leads to has; `None` for
/// anything else, or what cannot be looked at.
#[cfg(unix)]
pub fn names_of(path: &Path) -> Option<u64> {
    use std::os::unix::fs::MetadataExt as _;
    let meta = std::fs::metadata(path).ok()?;
    meta.is_file().then(|| meta.nlink())
}

/// Opened for its link count only, asking no access to its bytes.
#[cfg(windows)]
pub fn names_of(path: &Path) -> Option<u64> {
    let file = OpenOptions::new()
        .access_mode(0)
        .custom_flags(flags::ANY_KIND)
        .open(path)
        .ok()?;
    if !file.metadata().ok()?.is_file() {
        return None;
    }
    names(&file).ok()
}

/// The permission bits of a file, to give the file that replaces it.
#[cfg(unix)]
pub type Bits = u32;

/// Windows has no permission bits to carry over: a replacing file takes
/// the access list of its folder, not of the file it replaces.
#[cfg(windows)]
#[derive(Clone, Copy)]
pub enum Bits {}

#[cfg(unix)]
pub fn permission_bits(meta: &Metadata) -> Option<Bits> {
    use std::os::unix::fs::PermissionsExt as _;
    Some(meta.permissions().mode() & 0o7777)
}

#[cfg(windows)]
pub fn permission_bits(_meta: &Metadata) -> Option<Bits> {
    None
}

#[cfg(unix)]
pub fn set_permission_bits(file: &File, bits: Bits) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt as _;
    file.set_permissions(std::fs::Permissions::from_mode(bits))
}

#[cfg(windows)]
pub fn set_permission_bits(_file: &File, bits: Bits) -> io::Result<()> {
    match bits {}
}

/// A file's modification time: seconds and nanoseconds since the epoch.
#[cfg(unix)]
pub fn mtime(meta: &Metadata) -> (i64, i64) {
    use std::os::unix::fs::MetadataExt as _;
    (meta.mtime(), meta.mtime_nsec())
}

/// From std's portable time (100 ns steps on NTFS); a time before the
/// epoch, or none, counts as the epoch.
#[cfg(windows)]
pub fn mtime(meta: &Metadata) -> (i64, i64) {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or((0, 0), |d| {
            (
                i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
                i64::from(d.subsec_nanos()),
            )
        })
}

/// Fill `buf` from `offset`, the file's cursor left alone (Unix) and safe
/// to share between threads.
#[cfg(unix)]
pub fn read_exact_at(file: &File, buf: &mut [u8], offset: u64) -> io::Result<()> {
    use std::os::unix::fs::FileExt as _;
    file.read_exact_at(buf, offset)
}

/// Windows reads at an offset in pieces (`seek_read` moves the cursor, but
/// every read here names its own offset).
#[cfg(windows)]
pub fn read_exact_at(file: &File, mut buf: &mut [u8], mut offset: u64) -> io::Result<()> {
    use std::os::windows::fs::FileExt as _;
    while !buf.is_empty() {
        match file.seek_read(buf, offset) {
            Ok(0) => return Err(io::ErrorKind::UnexpectedEof.into()),
            Ok(n) => {
                buf = &mut std::mem::take(&mut buf)[n..];
                offset += n as u64;
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// Write all of `buf` at `offset`.
#[cfg(unix)]
pub fn write_all_at(file: &File, buf: &[u8], offset: u64) -> io::Result<()> {
    use std::os::unix::fs::FileExt as _;
    file.write_all_at(buf, offset)
}

/// Windows writes at an offset in pieces too, as it reads.
#[cfg(windows)]
pub fn write_all_at(file: &File, mut buf: &[u8], mut offset: u64) -> io::Result<()> {
    use std::os::windows::fs::FileExt as _;
    while !buf.is_empty() {
        match file.seek_write(buf, offset) {
            Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
            Ok(n) => {
                buf = &buf[n..];
                offset += n as u64;
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// A path as bytes, to write down or hash.
#[cfg(unix)]
pub fn path_bytes(path: &Path) -> &[u8] {
    use std::os::unix::ffi::OsStrExt as _;
    path.as_os_str().as_bytes()
}

/// Windows paths as std encodes them (UTF-8 for any path that is Unicode).
#[cfg(windows)]
pub fn path_bytes(path: &Path) -> &[u8] {
    path.as_os_str().as_encoded_bytes()
}

/// The path `path_bytes` gave these bytes for.
#[cfg(unix)]
pub fn path_from_bytes(bytes: &[u8]) -> Option<PathBuf> {
    use std::os::unix::ffi::OsStrExt as _;
    Some(PathBuf::from(std::ffi::OsStr::from_bytes(bytes)))
}

/// Only a Unicode path comes back on Windows: std rebuilds any other from
/// its bytes only unsafely, so such a path is read as none.
#[cfg(windows)]
pub fn path_from_bytes(bytes: &[u8]) -> Option<PathBuf> {
    std::str::from_utf8(bytes).ok().map(PathBuf::from)
}

/// The login name: `USER`, else `LOGNAME`, else the account database's.
pub fn login_name() -> Option<String> {
    ["USER", "LOGNAME"]
        .into_iter()
        .filter_map(|name| std::env::var(name).ok())
        .find(|name| !name.trim().is_empty())
        .or_else(account_name)
}

/// The account's full name: the first part of the account database's
/// comment field, which holds it on most systems (`Ada Lovelace,Room 1,,`
/// gives `Ada Lovelace`); not when it merely repeats the login name, as
/// system accounts' do.
#[cfg(unix)]
pub fn full_name() -> Option<String> {
    let user = nix::unistd::User::from_uid(nix::unistd::getuid()).ok()??;
    let gecos = user.gecos.to_str().ok()?;
    let full = gecos.split(',').next()?.trim();
    (!full.is_empty() && full != user.name).then(|| full.to_owned())
}

/// Windows keeps the full name in the account database, which only an
/// unsafe system call reads: not asked.
#[cfg(windows)]
pub fn full_name() -> Option<String> {
    None
}

/// The user's login name from the account database, and how to name a
/// user who has none.
#[cfg(unix)]
pub fn account_name() -> Option<String> {
    nix::unistd::User::from_uid(nix::unistd::getuid())
        .ok()
        .flatten()
        .map(|u| u.name)
}

#[cfg(unix)]
pub fn unnamed_account() -> String {
    format!("user {}", nix::unistd::getuid())
}

/// Windows keeps the account's name in the environment; asking the system
/// itself (`GetUserNameW`) would take unsafe code.
#[cfg(windows)]
pub fn account_name() -> Option<String> {
    std::env::var("USERNAME").ok()
}

#[cfg(windows)]
pub fn unnamed_account() -> String {
    "a user".to_owned()
}

/// This machine's name.
#[cfg(unix)]
pub fn host_name() -> Option<String> {
    nix::unistd::gethostname()
        .ok()
        .map(|h| h.to_string_lossy().into_owned())
}

/// From the environment, as for the account (`GetComputerNameW` is unsafe).
#[cfg(windows)]
pub fn host_name() -> Option<String> {
    std::env::var("COMPUTERNAME").ok()
}
