//! Where the reviewer was in a review, remembered between runs: the pane
//! in focus, each pane's selected item and sort order, the filters and the
//! search. One small JSON file per review in the state folder
//! (`$XDG_STATE_HOME/scrutiny/places/`), named by a readable stem and a
//! stable hash of the review file's canonical path.
//!
//! A place file is a convenience, never the reviewer's work: one that is
//! missing, unreadable, too large, not a regular file or not a place is
//! ignored, and the review opens as if it had none.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::files::store;

/// A place file is a few hundred bytes; anything larger is not one.
pub const MAX_PLACE_BYTES: u64 = 256 * 1024;

/// Where the reviewer was. Names, not positions: a pane by its kind, an
/// item by its id, a status by its name, so what changed in the files
/// since is simply not found, and the rest still applies.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Place {
    /// The focused pane's kind: an inspection list's key (`findings`,
    /// `recommendations`, …) or `orphans`.
    pub focus: Option<String>,
    pub panes: Vec<PanePlace>,
    pub filter: FilterPlace,
    /// The search as typed ("" for none).
    pub search: String,
}

/// One pane's selection and order.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct PanePlace {
    /// The pane's kind, as `Place::focus` names it.
    pub kind: String,
    /// The id of the selected item.
    pub selected: Option<String>,
    /// `file`, `due` or `status`.
    pub sort: String,
}

/// The filters, by name.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
#[allow(
    clippy::struct_excessive_bools,
    reason = "each filter is a toggle of its own, on or off"
)]
pub struct FilterPlace {
    /// Status names, as the review file writes them.
    pub statuses: Vec<String>,
    pub theme: Option<String>,
    pub directed_to: Option<String>,
    pub overdue: bool,
    pub response_needed: bool,
    pub conflicts: bool,
    pub owner: Option<String>,
    /// RAG names, as the review file writes them.
    pub rags: Vec<String>,
    pub signed_off: bool,
    pub awaiting_sign_off: bool,
    pub slipped: bool,
    pub due_soon: bool,
}

/// 64-bit FNV-1a: stable across Rust versions and machines, unlike std's
/// `DefaultHasher`.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// The review file's path as the place is known by: canonical when it (or
/// its folder, for a review not written yet) exists, else absolute.
fn canonical(review: &Path) -> PathBuf {
    if let Ok(path) = std::fs::canonicalize(review) {
        return path;
    }
    let absolute = std::path::absolute(review).unwrap_or_else(|_| review.to_path_buf());
    match (absolute.parent(), absolute.file_name()) {
        (Some(folder), Some(name)) => std::fs::canonicalize(folder)
            .map_or_else(|_| absolute.clone(), |folder| folder.join(name)),
        _ => absolute,
    }
}

/// The place file of `review` in the state folder `state`:
/// `places/STEM-HASH.json`, the stem the review file's, cut to what is
/// safe and short in a file name.
pub fn file_in(state: &Path, review: &Path) -> PathBuf {
    let path = canonical(review);
    let stem: String = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.' {
                c
            } else {
                '_'
            }
        })
        .take(40)
        .collect();
    let stem = stem.trim_start_matches('.');
    let stem = if stem.is_empty() { "review" } else { stem };
    let hash = fnv1a(crate::files::os::path_bytes(&path));
    state
        .join("places")
        .join(format!("{stem}-{hash:016x}.json"))
}

/// The place file of `review` in the usual state folder, if there is one.
pub fn file_for(review: &Path) -> Option<PathBuf> {
    store::state_dir().map(|state| file_in(&state, review))
}

/// The place kept in `file`: `Ok(None)` when there is none; why not when
/// it cannot be read or is not a place. Never waits on a FIFO, never reads
/// more than `MAX_PLACE_BYTES`.
pub fn read(file: &Path) -> Result<Option<Place>, String> {
    if is_link(file) {
        return Err("it is a symbolic link, which scrutiny never makes".into());
    }
    match store::read_regular(file, MAX_PLACE_BYTES) {
        Ok(bytes) => serde_json::from_slice(&bytes)
            .map(Some)
            .map_err(|e| e.to_string()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e.to_string()),
    }
}

/// Whether `file` is a symbolic link. Place files are scrutiny's own: one
/// that is a link was put there by someone else, and is neither read nor
/// written through (which would write over whatever it points to).
fn is_link(file: &Path) -> bool {
    std::fs::symlink_metadata(file).is_ok_and(|m| m.file_type().is_symlink())
}

/// Keep `place` in `file`, its folder made if need be; never through a
/// link at `file`.
pub fn write(file: &Path, place: &Place) -> std::io::Result<()> {
    if is_link(file) {
        return Err(std::io::Error::other(
            "the place file is a symbolic link, which is not written through",
        ));
    }
    if let Some(folder) = file.parent() {
        std::fs::create_dir_all(folder)?;
    }
    let mut text = serde_json::to_string_pretty(place).map_err(std::io::Error::other)?;
    text.push('\n');
    store::write_atomic(file, text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_is_fnv1a() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }

    #[test]
    fn the_file_name_is_a_safe_stem_and_the_hash() {
        let state = Path::new("/state");
        let file = file_in(state, Path::new("/no/such/dir/My Review ü.review.yaml"));
        let name = file.file_name().and_then(|n| n.to_str()).unwrap_or("");
        assert!(name.starts_with("My_Review__.review-"), "{name}");
        assert!(
            std::path::Path::new(name)
                .extension()
                .is_some_and(|e| e == "json")
        );
        assert_eq!(file.parent(), Some(Path::new("/state/places")));
        // Another review, another file; the same review, the same file.
        let other = file_in(state, Path::new("/no/such/other/My Review ü.review.yaml"));
        assert_ne!(file, other);
        assert_eq!(
            file,
            file_in(state, Path::new("/no/such/dir/My Review ü.review.yaml"))
        );
    }
}
