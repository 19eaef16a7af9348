//! The loaded case: what the reviewer wrote, typed, each value with its place.

use super::date::{Date, Period};
use super::span::{Id, Spanned};
use super::vocabulary::*;

/// Free text as typed: shown verbatim, never interpreted, never echoed in a diagnostic.
pub type Text = Spanned<String>;

#[derive(Clone, Debug, PartialEq)]
pub struct Case {
    pub meta: CaseMeta,
    pub people: Vec<Person>,
    /// Further strings `anonymise` removes; every other command ignores them.
    pub redact: Vec<Text>,
    pub agencies: Vec<Agency>,
    pub residence: Vec<Residence>,
    pub chronologies: Vec<Chronology>,
    /// Every event of the case, from `case.yaml` and the chronology files, in file order.
    pub events: Vec<Event>,
    pub episodes: Vec<Episode>,
    pub findings: Vec<Finding>,
    pub recommendations: Vec<Recommendation>,
    pub flag_reviews: Vec<FlagReview>,
    pub settings: Settings,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CaseMeta {
    pub id: Text,
    pub title: Text,
    /// The document's date; the review period's end when absent.
    pub date: Option<Spanned<Date>>,
    pub language: Language,
    pub status: Status,
    pub version: Option<Text>,
    pub classification: Option<Classification>,
    pub dates: DateMode,
    /// A copy made by `anonymise`: the mark `exercise` looks for.
    pub anonymised: bool,
    pub review: Review,
    pub outcome: Outcome,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Classification {
    pub label: Text,
    pub basis: Option<Text>,
    pub until: Option<Spanned<Date>>,
    pub owner: Option<Text>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Review {
    pub period: Option<Spanned<Period>>,
    pub commissioned_by: Option<Text>,
    pub working_group: Vec<WorkingGroupMember>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct WorkingGroupMember {
    pub label: Text,
    pub organisation: Option<Text>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    pub date: Spanned<Date>,
    pub kind: Spanned<OutcomeKind>,
    pub summary: Option<Text>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Person {
    pub id: Spanned<Id>,
    pub role: Spanned<Role>,
    pub label: Text,
    pub born: Option<Spanned<Date>>,
    pub aliases: Vec<Text>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Agency {
    pub id: Spanned<Id>,
    pub name: Text,
    pub kind: Spanned<AgencyKind>,
    /// ISO 3166 alpha-2 country code, as written (`EE`, `FI`).
    pub country: Spanned<String>,
    pub lead: bool,
    /// The working group's request for this agency's chronology.
    pub chronology: Option<ChronologyRequest>,
}

/// When the working group asked an agency for its chronology, and by when.
#[derive(Clone, Debug, PartialEq)]
pub struct ChronologyRequest {
    pub requested: Spanned<Date>,
    pub due: Option<Spanned<Date>>,
}

/// Where the child lived from a date on, by register and in fact.
#[derive(Clone, Debug, PartialEq)]
pub struct Residence {
    pub from: Spanned<Date>,
    pub registered: Spanned<Id>,
    pub actual: Spanned<Id>,
}

/// A chronology file listed in `case.yaml`, once loaded.
#[derive(Clone, Debug, PartialEq)]
pub struct Chronology {
    pub path: Spanned<String>,
    /// The file's index among the case's sources: its events' spans carry it.
    pub file: super::span::FileId,
    pub agency: Option<Spanned<Id>>,
    pub submitted: Option<Submitted>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Submitted {
    pub by: Option<Text>,
    pub on: Option<Spanned<Date>>,
}

/// What a reviewer recorded of the child's views during an event.
#[derive(Clone, Debug, PartialEq)]
pub enum ChildViews {
    /// Written down in the reviewer's words.
    Text(Text),
    /// Recorded (`true`) or explicitly not recorded (`false`), without the words.
    Recorded(bool),
}

impl ChildViews {
    /// Whether the child's views count as recorded (a string, or `true`).
    pub fn is_recorded(&self) -> bool {
        matches!(self, ChildViews::Text(_) | ChildViews::Recorded(true))
    }
}

/// One thing an agency did or learned, on one date.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    pub id: Spanned<Id>,
    pub date: Spanned<Date>,
    pub approx: bool,
    /// Who acted; inherited from the chronology file's `agency:` when not written.
    pub agency: Spanned<Id>,
    pub kind: Spanned<EventKind>,
    pub to: Option<Spanned<Id>>,
    pub reply_to: Option<Spanned<Id>>,
    pub people: Vec<Spanned<Id>>,
    pub child_seen: bool,
    pub child_seen_alone: bool,
    /// The agency's own record says the child's life or health was in immediate danger (G016).
    pub child_in_danger: bool,
    pub child_views: Option<ChildViews>,
    pub concerns: Vec<Spanned<String>>,
    pub channel: Option<Spanned<Channel>>,
    pub mode: Option<Spanned<ContactMode>>,
    pub summary: Option<Text>,
    pub source: Option<Text>,
    pub note: Option<Text>,
    pub action: Option<Text>,
    /// Order among events of the same date (absent = 0).
    pub order: i64,
    pub notifier_confidential: bool,
    pub invited: Vec<Spanned<Id>>,
    pub attended: Vec<Spanned<Id>>,
    pub decision: Option<Spanned<DecisionKind>>,
    pub service: Option<Text>,
    pub severity: Option<Spanned<IncidentSeverity>>,
    pub to_place: Option<Spanned<Id>>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Episode {
    pub id: Spanned<Id>,
    pub title: Text,
    pub events: Vec<Spanned<Id>>,
    pub what_happened: Option<Text>,
    pub why_it_made_sense: Option<Text>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    pub id: Spanned<Id>,
    pub kind: Spanned<FindingKind>,
    pub pattern: Option<Spanned<String>>,
    pub title: Text,
    pub text: Option<Text>,
    /// Episodes, events and flag ids (`G001:e014`).
    pub evidence: Vec<Spanned<String>>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Recommendation {
    pub id: Spanned<Id>,
    pub text: Text,
    pub to: Spanned<Id>,
    pub findings: Vec<Spanned<Id>>,
    pub priority: Option<Spanned<Priority>>,
    pub strength: Option<Spanned<ActionStrength>>,
    pub due: Option<Spanned<Date>>,
    pub measure: Option<Text>,
    /// Where the action stands; absent means `proposed`.
    pub status: Option<Spanned<RecommendationStatus>>,
}

impl Recommendation {
    pub fn status(&self) -> RecommendationStatus {
        self.status
            .as_ref()
            .map_or(RecommendationStatus::Proposed, |s| s.value)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct FlagReview {
    pub flag: Spanned<String>,
    pub status: Spanned<ReviewStatus>,
    pub note: Option<Text>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Settings {
    pub profile: Option<Spanned<String>>,
    /// Per-rule overrides, in the order written.
    pub rules: Vec<RuleSetting>,
}

/// A case's override of one rule: any value but the code may be absent.
#[derive(Clone, Debug, PartialEq)]
pub struct RuleSetting {
    pub code: Spanned<String>,
    pub enabled: Option<bool>,
    pub days: Option<u32>,
    pub working_days: Option<u32>,
    pub count: Option<u32>,
}

impl Event {
    /// A confidential notification shows its receiving side only: whoever sent it is
    /// hidden in every output (LasteKS § 27 lg 5; `pipeline::CaseView` hides it).
    pub fn hides_sender(&self) -> bool {
        self.notifier_confidential && self.kind.is_handoff()
    }
}

impl Case {
    /// The one person with `role: child` (validation guarantees there is exactly one).
    pub fn child(&self) -> Option<&Person> {
        self.people.iter().find(|p| p.role.value == Role::Child)
    }

    pub fn agency(&self, id: &str) -> Option<&Agency> {
        self.agencies.iter().find(|a| a.id.value.as_str() == id)
    }

    /// An agency's name, or the id itself when no agency has it.
    pub fn agency_name(&self, id: &str) -> String {
        self.agency(id)
            .map_or(id.to_owned(), |a| a.name.value.clone())
    }

    /// The document's date: `case.date`, else the review period's end, else the outcome's date.
    pub fn document_date(&self) -> Date {
        self.meta
            .date
            .as_ref()
            .map(|d| d.value)
            .or_else(|| self.meta.review.period.as_ref().map(|p| p.value.to))
            .unwrap_or(self.meta.outcome.date.value)
    }
}
