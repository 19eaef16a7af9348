//! `OLD` of `diff`, `report --since` and `watch --since`: a case folder (or its
//! `case.yaml`), or `git:REV` — the case folder of `NEW` as committed at `REV`.

use std::path::{Path, PathBuf};

use super::CliError;
use crate::files::{FileSource, case_at_revision};
use crate::methodology::Methodology;
use crate::pipeline::{self, Checked};

/// An earlier version of a case, as given on the command line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Version {
    Folder(PathBuf),
    Git(String),
}

impl std::str::FromStr for Version {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        match text.strip_prefix("git:") {
            Some("") => Err("`git:` needs a revision, e.g. `git:HEAD~1`".to_owned()),
            Some(revision) => Ok(Version::Git(revision.to_owned())),
            None => Ok(Version::Folder(PathBuf::from(text))),
        }
    }
}

impl Version {
    /// How the version is named when the case gives it no `version:`.
    pub fn label(&self) -> String {
        match self {
            Version::Folder(path) => path.display().to_string(),
            Version::Git(revision) => format!("git:{revision}"),
        }
    }

    /// Loads and checks this version; `new_case` is the case `git:` refers to.
    pub fn check(&self, new_case: &Path, methodology: &Methodology) -> Result<Checked, CliError> {
        let checked = match self {
            Version::Folder(folder) => pipeline::check(folder, methodology)?,
            Version::Git(revision) => {
                let case_file = crate::load::case_file_path(new_case);
                let files = case_at_revision(&case_file, revision)?;
                pipeline::check_from(&files as &dyn FileSource, &case_file, methodology)?
            }
        };
        Ok(checked)
    }
}

/// `--since OLD`, shared by `report` and `watch`.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct SinceArgs {
    /// Show what changed since OLD (a case folder, or `git:REV` for this case's folder as
    /// committed at REV): a section after the summary, marks in the chronology and flags.
    #[arg(long, value_name = "OLD")]
    pub since: Option<Version>,
}

/// The version to compare with has data errors (they were printed).
pub struct OldHasErrors;

impl SinceArgs {
    /// The version asked for, loaded and checked: `None` when none was asked for.
    pub fn load(
        &self,
        new_case: &Path,
        methodology: &Methodology,
    ) -> Result<Result<Option<Baseline>, OldHasErrors>, CliError> {
        match &self.since {
            None => Ok(Ok(None)),
            Some(version) => Ok(Baseline::load(version, new_case, methodology)?
                .map(Some)
                .ok_or(OldHasErrors)),
        }
    }
}

/// The version a report is compared with, loaded and checked once.
pub struct Baseline {
    pub checked: Checked,
    /// How the report names it: its `version:`, else as given on the command line.
    pub label: String,
}

impl Baseline {
    /// `None` when the version has errors (printed, labelled "old").
    pub fn load(
        version: &Version,
        new_case: &Path,
        methodology: &Methodology,
    ) -> Result<Option<Baseline>, CliError> {
        let checked = version.check(new_case, methodology)?;
        if !report_errors("old", &version.label(), &checked) {
            return Ok(None);
        }
        let label = checked
            .case
            .as_ref()
            .and_then(|c| c.meta.version.as_ref())
            .map_or_else(|| version.label(), |v| v.value.clone());
        Ok(Some(Baseline { checked, label }))
    }
}

/// Whether `checked` is clean; otherwise prints its diagnostics under `side` ("old" or
/// "new") and says which version they belong to.
pub fn report_errors(side: &str, name: &str, checked: &Checked) -> bool {
    if checked.errors() == 0 && checked.case.is_some() {
        return true;
    }
    eprintln!("{side} version ({name}):");
    eprint!(
        "{}",
        crate::diagnostics::render_human(&checked.diagnostics, &checked.sources)
    );
    eprintln!(
        "error: the {side} version has {} error{}",
        checked.errors(),
        if checked.errors() == 1 { "" } else { "s" }
    );
    false
}

/// A warning when the two versions are of different cases: they are still compared.
pub fn warn_other_case(old: &Checked, new: &Checked) {
    if let (Some(old), Some(new)) = (&old.case, &new.case)
        && old.meta.id.value != new.meta.id.value
    {
        eprintln!(
            "warning: the versions are of different cases (`{}` and `{}`); comparing them anyway",
            old.meta.id.value, new.meta.id.value
        );
    }
}
