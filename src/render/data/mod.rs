//! The report's data: one serialisable value built from the case's view (a confidential
//! notifier already hidden), every string already in the report's language. Templates lay
//! it out; they never compute. One file per part of the report.
//!
//! What a worksheet may show ([`CaseSections`]) and the analysis it must not
//! ([`AnalysisSections`]) are two types: a worksheet's data has no analysis at all, so an
//! answer field added later cannot leak into it.

mod analysis;
mod changes;
mod chronology;
mod flag_summary;
mod front;
mod progress;
mod quality;
mod worksheet;

use std::collections::HashMap;

use serde::Serialize;

pub use analysis::AnalysisSections;
pub use changes::{ChangesSection, Since};
pub use front::CaseSections;
pub use worksheet::QuestionGroup;

use super::format::DateStyle;
use super::palette::agency_colours;
use crate::analysis::Analysis;
use crate::graph::CaseGraph;
use crate::methodology::{Messages, Methodology, MethodologyError, WordList};
use crate::model::*;
use crate::pipeline::{CaseView, Checked};

#[derive(Serialize)]
pub struct ReportData {
    pub lang: &'static str,
    /// `report`, `worksheet` or `answers`: which sections the template lays out.
    pub document: &'static str,
    /// The exercise's questions (empty in a report).
    pub questions: Vec<QuestionGroup>,
    #[serde(flatten)]
    pub case: CaseSections,
    /// The analysis: absent from a worksheet.
    #[serde(flatten)]
    pub analysis: Option<AnalysisSections>,
    /// What changed since an earlier version (`report --since`); absent otherwise.
    pub changes: Option<ChangesSection>,
}

/// Which document is made from the case.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Document {
    /// The review report.
    Report,
    /// A training worksheet: the case without the analysis, with questions.
    Worksheet,
    /// The worksheet's answer key: the questions and the analysis they lead to.
    Answers,
}

impl Document {
    fn word(self) -> &'static str {
        match self {
            Document::Report => "report",
            Document::Worksheet => "worksheet",
            Document::Answers => "answers",
        }
    }
}

/// What is shown as "—" where a value is absent.
const NONE: &str = "—";

/// The colour of an agency the palette does not know.
const GREY: &str = "#7F7F7F";

/// The vocabularies a report labels words with.
struct Labels {
    language: Language,
    lists: HashMap<&'static str, WordList>,
}

impl Labels {
    fn load(methodology: &Methodology, language: Language) -> Result<Self, MethodologyError> {
        let mut lists = HashMap::new();
        for name in [
            EventKind::FILE,
            Role::FILE,
            AgencyKind::FILE,
            DecisionKind::FILE,
            OutcomeKind::FILE,
            "concerns",
            "patterns",
            "flag-severities",
            ReviewStatus::FILE,
            Priority::FILE,
            ActionStrength::FILE,
            RecommendationStatus::FILE,
            FindingKind::FILE,
            Status::FILE,
            IncidentSeverity::FILE,
        ] {
            lists.insert(name, methodology.vocabulary(name)?);
        }
        Ok(Labels { language, lists })
    }

    fn get(&self, list: &str, word: &str) -> String {
        self.lists
            .get(list)
            .map_or(word, |l| l.label(word, self.language))
            .to_owned()
    }

    /// A closed vocabulary's word.
    fn word<V: Vocabulary>(&self, word: V) -> String {
        self.get(V::FILE, word.as_str())
    }
}

/// Everything the report shows: the view holds the case, its flags and the language; the
/// checked case its diagnostics, sources and the thresholds in force.
pub struct Inputs<'a> {
    pub view: &'a CaseView<'a>,
    pub checked: &'a Checked,
    pub methodology: &'a Methodology,
    pub draft: bool,
    pub document: Document,
    /// The version the report is compared with (`report --since`).
    pub since: Option<Since<'a>>,
}

/// What every part of the report is built with.
struct Context<'a> {
    case: &'a Case,
    view: &'a CaseView<'a>,
    analysis: &'a Analysis,
    graph: CaseGraph<'a>,
    labels: Labels,
    messages: &'a Messages,
    style: DateStyle,
    colours: HashMap<&'a str, &'static str>,
    language: Language,
}

impl Context<'_> {
    fn colour(&self, agency: &str) -> &'static str {
        self.colours.get(agency).copied().unwrap_or(GREY)
    }

    fn agency_name(&self, id: &str) -> String {
        self.case.agency_name(id)
    }
}

fn text(t: &Option<Text>) -> String {
    t.as_ref().map_or(String::new(), |t| t.value.clone())
}

pub fn build(inputs: &Inputs) -> Result<ReportData, MethodologyError> {
    let view = inputs.view;
    let analysis = inputs
        .checked
        .analysis
        .as_ref()
        .ok_or_else(|| MethodologyError("a report needs an analysed case".into()))?;
    let case = &view.case;
    let language = view.messages.language();
    let cx = Context {
        case,
        view,
        analysis,
        graph: CaseGraph::build(case),
        labels: Labels::load(inputs.methodology, language)?,
        messages: &view.messages,
        style: DateStyle {
            language,
            mode: case.meta.dates,
            outcome: case.meta.outcome.date.value,
        },
        colours: case
            .agencies
            .iter()
            .map(|a| a.id.as_str())
            .zip(agency_colours(&case.agencies))
            .collect(),
        language,
    };
    let sections = front::build(&cx, inputs)?;
    let analysis = match inputs.document {
        Document::Worksheet => None,
        Document::Report | Document::Answers => Some(analysis::build(&cx, inputs, &sections)?),
    };
    let questions = match inputs.document {
        Document::Report => Vec::new(),
        Document::Worksheet | Document::Answers => worksheet::questions(&cx, inputs.methodology)?,
    };
    let changes = match (inputs.document, &inputs.since) {
        (Document::Report, Some(since)) => Some(changes::build(&cx, since)),
        _ => None,
    };
    Ok(ReportData {
        lang: language.as_str(),
        document: inputs.document.word(),
        questions,
        case: sections,
        analysis,
        changes,
    })
}
