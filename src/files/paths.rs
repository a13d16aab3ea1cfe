//! Every file scrutiny keeps beside a review, named in one place from the
//! review's path: its lock, the draft response, recovery files, the
//! reviews started beside an unreadable one, a save-elsewhere suggestion,
//! and the inspection a review belongs to.

use std::path::{Path, PathBuf};

/// The review file's path, and the names of the files that go with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewPaths {
    review: PathBuf,
}

impl ReviewPaths {
    pub fn new(review: impl Into<PathBuf>) -> Self {
        ReviewPaths {
            review: review.into(),
        }
    }

    /// `NAME.review.yaml` beside `NAME.yaml`.
    pub fn beside(inspection: &Path) -> Self {
        let stem = inspection
            .file_stem()
            .map_or_else(|| "inspection".into(), |s| s.to_string_lossy().into_owned());
        ReviewPaths::new(inspection.with_file_name(format!("{stem}.review.yaml")))
    }

    pub fn review(&self) -> &Path {
        &self.review
    }

    /// The review file's own name (`review.yaml` for a path with none).
    pub fn name(&self) -> String {
        self.review.file_name().map_or_else(
            || "review.yaml".into(),
            |n| n.to_string_lossy().into_owned(),
        )
    }

    /// The name less `.review.yaml` (or `.yaml`): `NAME`.
    pub fn stem(&self) -> String {
        let name = self.name();
        name.strip_suffix(".review.yaml")
            .or_else(|| name.strip_suffix(".yaml"))
            .unwrap_or(&name)
            .to_owned()
    }

    /// The name less `.yaml` alone: `NAME.review`.
    fn base(&self) -> String {
        let name = self.name();
        name.strip_suffix(".yaml").unwrap_or(&name).to_owned()
    }

    fn sibling(&self, name: &str) -> PathBuf {
        self.review.with_file_name(name)
    }

    /// `.NAME.review.yaml.lock`, beside the review.
    pub fn lock(&self) -> PathBuf {
        self.sibling(&format!(".{}.lock", self.name()))
    }

    /// `NAME.draft.md`, where `x` writes the working draft.
    pub fn draft(&self) -> PathBuf {
        self.sibling(&format!("{}.draft.md", self.stem()))
    }

    /// `NAME.response.md`, where `x` writes the published response.
    pub fn response(&self) -> PathBuf {
        self.sibling(&format!("{}.response.md", self.stem()))
    }

    /// `NAME.response.docx`, where `x` writes it as a Word document.
    pub fn word(&self) -> PathBuf {
        self.sibling(&format!("{}.response.docx", self.stem()))
    }

    /// `NAME.review.yaml.recovered-STAMP`'s file name, for unsaved work
    /// written after a crash.
    pub fn recovery_name(&self, stamp: &str) -> String {
        format!("{}.recovered-{stamp}", self.name())
    }

    /// `NAME.review-N.yaml`: the `n`th review started beside this one.
    pub fn fallback(&self, n: usize) -> PathBuf {
        self.sibling(&format!("{}-{n}.yaml", self.base()))
    }

    /// The reviews started beside this one (`-2` to `-999`) that exist,
    /// newest first.
    pub fn fallbacks(&self) -> Vec<PathBuf> {
        let mut found: Vec<PathBuf> = (2..1000)
            .map(|n| self.fallback(n))
            .filter(|p| p.is_file())
            .collect();
        found.reverse();
        found
    }

    /// A free name for a new review beside this one.
    pub fn free_fallback(&self) -> PathBuf {
        (2..1000)
            .map(|n| self.fallback(n))
            .find(|p| !p.exists())
            .unwrap_or_else(|| self.sibling(&format!("{}-new.yaml", self.base())))
    }

    /// `NAME.review-copy.yaml`, offered when saving elsewhere.
    pub fn copy_suggestion(&self) -> PathBuf {
        self.sibling(&format!("{}-copy.yaml", self.base()))
    }

    /// `NAME.yaml`, the inspection this review belongs to, when the review
    /// has the default name.
    pub fn inspection(&self) -> Option<PathBuf> {
        let stem = self.name().strip_suffix(".review.yaml")?.to_owned();
        Some(self.sibling(&format!("{stem}.yaml")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_sibling_is_named_from_the_review() {
        let paths = ReviewPaths::beside(Path::new("dir/prevent-2020.yaml"));
        assert_eq!(paths.review(), Path::new("dir/prevent-2020.review.yaml"));
        assert_eq!(
            paths.lock(),
            Path::new("dir/.prevent-2020.review.yaml.lock")
        );
        assert_eq!(paths.draft(), Path::new("dir/prevent-2020.draft.md"));
        assert_eq!(paths.response(), Path::new("dir/prevent-2020.response.md"));
        assert_eq!(paths.word(), Path::new("dir/prevent-2020.response.docx"));
        assert_eq!(
            paths.fallback(2),
            Path::new("dir/prevent-2020.review-2.yaml")
        );
        assert_eq!(
            paths.copy_suggestion(),
            Path::new("dir/prevent-2020.review-copy.yaml")
        );
        assert_eq!(
            paths.inspection().as_deref(),
            Some(Path::new("dir/prevent-2020.yaml"))
        );
        assert_eq!(
            paths.recovery_name("T"),
            "prevent-2020.review.yaml.recovered-T"
        );
        let other = ReviewPaths::new("mine.yaml");
        assert_eq!(other.draft(), Path::new("mine.draft.md"));
        assert_eq!(other.inspection(), None);
    }
}
