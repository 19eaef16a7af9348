//! Checks on the loaded model: ids, references, dates, vocabulary, the events' own
//! consistency. Each check reports every fault it finds; none stops at the first.

mod events;
mod ids;
mod references;
mod residence;
mod reviews;
mod settings;
mod text;

use std::collections::{HashMap, HashSet};

use crate::diagnostics::Diagnostic;
use crate::methodology::{Methodology, MethodologyError, WordList};
use crate::model::{Case, Event, Id};

pub use text::control_characters;

/// The extendable vocabularies a case is checked against (from the methodology).
pub struct OpenVocabularies {
    pub concerns: WordList,
    pub patterns: WordList,
    /// The jurisdiction profiles `settings.profile` may name.
    pub profiles: Vec<String>,
}

impl OpenVocabularies {
    /// The vocabularies and profile names of the methodology in force.
    pub fn from_methodology(methodology: &Methodology) -> Result<Self, MethodologyError> {
        Ok(OpenVocabularies {
            concerns: methodology.vocabulary("concerns")?,
            patterns: methodology.vocabulary("patterns")?,
            profiles: methodology
                .profile_names()
                .into_iter()
                .map(str::to_owned)
                .collect(),
        })
    }
}

/// What every check may look up: the case, its ids, and the ids of items the loader
/// dropped for a fault (references to those raise no second error).
pub(crate) struct Context<'a> {
    pub case: &'a Case,
    pub events: HashMap<&'a str, &'a Event>,
    pub agencies: HashSet<&'a str>,
    pub people: HashSet<&'a str>,
    pub episodes: HashSet<&'a str>,
    pub findings: HashSet<&'a str>,
    pub dropped: &'a HashSet<Id>,
    pub vocabularies: &'a OpenVocabularies,
}

/// Every data-quality diagnostic of the case (not sorted).
pub fn validate(
    case: &Case,
    vocabularies: &OpenVocabularies,
    dropped: &HashSet<Id>,
) -> Vec<Diagnostic> {
    let context = Context {
        case,
        events: case.events.iter().map(|e| (e.id.as_str(), e)).collect(),
        agencies: case.agencies.iter().map(|a| a.id.as_str()).collect(),
        people: case.people.iter().map(|p| p.id.as_str()).collect(),
        episodes: case.episodes.iter().map(|e| e.id.as_str()).collect(),
        findings: case.findings.iter().map(|f| f.id.as_str()).collect(),
        dropped,
        vocabularies,
    };
    let mut out = Vec::new();
    ids::check(&context, &mut out);
    references::check(&context, &mut out);
    events::check(&context, &mut out);
    residence::check(&context, &mut out);
    reviews::check(&context, &mut out);
    settings::check(&context, &mut out);
    out
}
