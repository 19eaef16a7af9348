//! The stages every command starts with: load, validate, and (on a clean case) analyse;
//! then the one view of the case that every output reads.

mod view;

pub use view::{CaseView, Redacted};

use std::path::Path;

use crate::analysis::{self, Analysis};
use crate::diagnostics::{self, Diagnostic, Sources};
use crate::load::{self, CaseNotReadable};
use crate::methodology::{Methodology, MethodologyError};
use crate::model::{Case, Language};
use crate::validate::{self, OpenVocabularies};

/// A case loaded and validated, with every diagnostic sorted; analysed when it had no errors.
pub struct Checked {
    pub case: Option<Case>,
    /// The gap rules' flags, when the case could be analysed (no errors).
    pub analysis: Option<Analysis>,
    pub sources: Sources,
    pub diagnostics: Vec<Diagnostic>,
    /// The path of `case.yaml`, as given.
    pub case_file: std::path::PathBuf,
    pub folder: std::path::PathBuf,
}

/// Why a case could not be checked at all (exit code 2).
#[derive(Debug)]
pub enum CheckFailure {
    Case(CaseNotReadable),
    Methodology(MethodologyError),
}

impl std::fmt::Display for CheckFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CheckFailure::Case(e) => e.fmt(f),
            CheckFailure::Methodology(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for CheckFailure {}

impl Checked {
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }

    pub fn flags(&self) -> &[analysis::Flag] {
        self.analysis.as_ref().map_or(&[], |a| a.flags.as_slice())
    }

    /// The case as outputs show it, in `language`: `None` while the case has errors.
    pub fn view(
        &self,
        methodology: &Methodology,
        language: Language,
    ) -> Result<Option<CaseView<'_>>, MethodologyError> {
        let (Some(case), Some(analysis)) = (&self.case, &self.analysis) else {
            return Ok(None);
        };
        let messages = methodology.messages(language)?;
        Ok(Some(CaseView::new(case, &analysis.flags, messages)))
    }

    /// Every file the case was read from (`case.yaml` and its chronologies): what no
    /// command may write over.
    pub fn input_files(&self) -> Vec<std::path::PathBuf> {
        let chronologies = self.case.iter().flat_map(|case| &case.chronologies);
        std::iter::once(self.case_file.clone())
            .chain(chronologies.map(|c| self.folder.join(&c.path.value)))
            .collect()
    }
}

pub fn check(case: &Path, methodology: &Methodology) -> Result<Checked, CheckFailure> {
    check_from(&crate::files::Disk, case, methodology)
}

/// [`check`] on a case read from `files` (the disk, or a revision's files in memory).
pub fn check_from(
    files: &dyn crate::files::FileSource,
    case: &Path,
    methodology: &Methodology,
) -> Result<Checked, CheckFailure> {
    let loaded = load::load_from(files, case).map_err(CheckFailure::Case)?;
    let vocabularies =
        OpenVocabularies::from_methodology(methodology).map_err(CheckFailure::Methodology)?;
    let mut diagnostics = loaded.diagnostics;
    if let Some(case) = &loaded.case {
        diagnostics.extend(validate::validate(case, &vocabularies, &loaded.dropped_ids));
        diagnostics.extend(validate::control_characters(&loaded.sources));
    }
    let mut analysis = None;
    if let (Some(case), false) = (&loaded.case, diagnostics.iter().any(Diagnostic::is_error)) {
        let analysed = analysis::analyse(case, methodology).map_err(CheckFailure::Methodology)?;
        diagnostics.extend(analysed.diagnostics.iter().cloned());
        analysis = Some(analysed);
    }
    diagnostics::sort(&mut diagnostics, &loaded.sources);
    Ok(Checked {
        case: loaded.case,
        analysis,
        sources: loaded.sources,
        diagnostics,
        case_file: load::case_file_path(case),
        folder: loaded.folder,
    })
}
