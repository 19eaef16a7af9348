//! The method as data: vocabularies, the rule catalogue, jurisdiction profiles, texts.
//! Embedded in the binary; a folder given with `--methodology DIR` overrides files of the
//! same name one by one, the rest staying embedded. Files are read by the tool itself,
//! never by anything a case controls.

mod messages;
mod profile;
mod vocabulary;

use std::collections::BTreeMap;
use std::path::Path;

use include_dir::{Dir, include_dir};

use crate::assets::Overlay;

pub use messages::{Duration, Fact, Key, Message, Messages, key};
pub use profile::{Holiday, HolidayRule, Profile, ProfileRule, is_weekend};
pub use vocabulary::{Label, Word, WordList};

static EMBEDDED: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/methodology");

/// A fault in methodology data: an override folder's file, or (a bug) an embedded one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MethodologyError(pub String);

impl std::fmt::Display for MethodologyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for MethodologyError {}

/// The methodology files in force: the embedded ones with any overrides laid over them.
#[derive(Clone, Debug)]
pub struct Methodology {
    files: Overlay,
}

impl Methodology {
    pub fn embedded() -> Self {
        Methodology {
            files: Overlay::embedded(&EMBEDDED),
        }
    }

    /// The embedded files, each replaced by the file of the same relative path in `dir`.
    pub fn with_overrides(dir: &Path) -> Result<Self, MethodologyError> {
        let mut files = Overlay::embedded(&EMBEDDED);
        files
            .override_from(dir, "methodology")
            .map_err(MethodologyError)?;
        Ok(Methodology { files })
    }

    /// What an override folder held that is not in force, one sentence each.
    pub fn override_warnings(&self) -> &[String] {
        self.files.warnings()
    }

    /// A file's text by its path inside `methodology/` (`rules/en/G001.md`).
    pub fn file(&self, path: &str) -> Option<&str> {
        self.files.file(path)
    }

    /// Every file path, sorted.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.files.paths()
    }

    pub(crate) fn yaml<T: serde::de::DeserializeOwned>(
        &self,
        path: &str,
    ) -> Result<T, MethodologyError> {
        let text = self
            .file(path)
            .ok_or_else(|| MethodologyError(format!("methodology file `{path}` is missing")))?;
        crate::files::from_yaml(text)
            .map_err(|e| MethodologyError(format!("methodology/{path}: {e}")))
    }

    /// A vocabulary (`concerns`, `event-kinds` …) with its Estonian and English labels.
    pub fn vocabulary(&self, name: &str) -> Result<WordList, MethodologyError> {
        self.yaml(&format!("vocabulary/{name}.yaml"))
    }

    /// The names of every vocabulary file.
    pub fn vocabulary_names(&self) -> Vec<&str> {
        self.paths()
            .filter_map(|p| p.strip_prefix("vocabulary/")?.strip_suffix(".yaml"))
            .collect()
    }

    /// A jurisdiction profile of thresholds and holidays (`ee`, `fi`, `se`, `en`).
    pub fn profile(&self, name: &str) -> Result<Profile, MethodologyError> {
        if self.file(&format!("profiles/{name}.yaml")).is_none() {
            return Err(MethodologyError(format!(
                "no profile `{name}`; the profiles are: {}",
                self.profile_names().join(", ")
            )));
        }
        let profile: Profile = self.yaml(&format!("profiles/{name}.yaml"))?;
        for (code, rule) in &profile.rules {
            let where_ = format!("profiles/{name}.yaml, {code}");
            check_threshold(&where_, "days", rule.days)?;
            check_threshold(&where_, "working_days", rule.working_days)?;
            check_threshold(&where_, "count", rule.count)?;
        }
        Ok(profile)
    }

    pub fn profile_names(&self) -> Vec<&str> {
        self.paths()
            .filter_map(|p| p.strip_prefix("profiles/")?.strip_suffix(".yaml"))
            .collect()
    }

    /// The rule catalogue's machine-readable part, `rules.yaml`.
    pub fn rule_catalogue(&self) -> Result<RuleCatalogue, MethodologyError> {
        let catalogue: RuleCatalogue = self.yaml("rules.yaml")?;
        for rule in &catalogue.rules {
            for (unit, value) in &rule.thresholds {
                check_threshold(&format!("rules.yaml, {}", rule.code), unit, Some(*value))?;
            }
        }
        Ok(catalogue)
    }

    /// The message catalogue of one language.
    pub fn messages(&self, language: crate::model::Language) -> Result<Messages, MethodologyError> {
        Messages::load(self, language)
    }

    /// The glossary of the method and the format.
    pub fn glossary(&self) -> Result<Glossary, MethodologyError> {
        self.yaml("glossary.yaml")
    }

    /// The questions of an exercise worksheet.
    pub fn exercise_questions(&self) -> Result<ExerciseQuestions, MethodologyError> {
        self.yaml("exercise/questions.yaml")
    }

    /// The quality markers a finished report is checked against.
    pub fn quality_markers(&self) -> Result<QualityMarkers, MethodologyError> {
        self.yaml("quality-markers.yaml")
    }

    /// A rule's documentation in one language (`rules/et/G004.md`).
    pub fn rule_documentation(&self, code: &str, language: &str) -> Option<&str> {
        self.file(&format!("rules/{language}/{code}.md"))
    }
}

/// A threshold within the format's bounds (as a case's `settings.rules` must be too).
fn check_threshold(place: &str, unit: &str, value: Option<u32>) -> Result<(), MethodologyError> {
    let max = match unit {
        "count" => crate::format::MAX_THRESHOLD_COUNT,
        _ => crate::format::MAX_THRESHOLD_DAYS,
    };
    match value {
        Some(n) if n > max => Err(MethodologyError(format!(
            "methodology/{place}: `{unit}: {n}` is more than {max}"
        ))),
        _ => Ok(()),
    }
}

/// `glossary.yaml`.
/// `exercise/questions.yaml`: asked of the whole case, of each episode, and at the end.
#[derive(Clone, Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExerciseQuestions {
    pub general: Vec<Label>,
    pub episode: Vec<Label>,
    pub closing: Vec<Label>,
}

#[derive(Clone, Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Glossary {
    pub terms: Vec<GlossaryTerm>,
}

#[derive(Clone, Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GlossaryTerm {
    pub id: String,
    pub et: Definition,
    pub en: Definition,
}

#[derive(Clone, Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Definition {
    pub term: String,
    pub definition: String,
}

/// `quality-markers.yaml`.
#[derive(Clone, Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QualityMarkers {
    pub markers: Vec<QualityMarker>,
}

#[derive(Clone, Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QualityMarker {
    pub id: String,
    pub et: MarkerText,
    pub en: MarkerText,
}

#[derive(Clone, Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MarkerText {
    pub text: String,
    pub why: String,
}

/// `rules.yaml`.
#[derive(Clone, Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleCatalogue {
    pub rules: Vec<RuleEntry>,
}

/// One rule's entry in `rules.yaml`.
#[derive(Clone, Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleEntry {
    pub code: String,
    pub name: String,
    pub severity: String,
    pub summary: Label,
    #[serde(default)]
    pub thresholds: BTreeMap<String, u32>,
    pub source: Label,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_methodology_parses() {
        let m = Methodology::embedded();
        for name in m.vocabulary_names() {
            let list = m.vocabulary(name).unwrap();
            assert!(!list.words.is_empty(), "{name}");
        }
        for name in m.profile_names() {
            m.profile(name).unwrap();
        }
        assert_eq!(
            m.rule_catalogue().unwrap().rules.len(),
            crate::analysis::rules::REGISTRY.len()
        );
    }

    #[test]
    fn an_override_replaces_one_file_and_keeps_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("vocabulary")).unwrap();
        std::fs::write(
            dir.path().join("vocabulary/concerns.yaml"),
            "words:\n  - { id: bullying, et: Kiusamine, en: Bullying }\n",
        )
        .unwrap();
        let m = Methodology::with_overrides(dir.path()).unwrap();
        assert_eq!(m.vocabulary("concerns").unwrap().ids(), vec!["bullying"]);
        assert!(
            m.vocabulary("patterns")
                .unwrap()
                .ids()
                .contains(&"handoffs")
        );
    }
}
