//! The case format (`casereview/1`), declared once: every section's keys, whether each is
//! required, its type or vocabulary and its documentation. The loader's key lists, required
//! checks and "did you mean" candidates, the JSON Schema (`casereview schema`), and the
//! fields an event of each kind needs (`check` and the schema alike) all follow from here.
//!
//! Adding an optional key is one line in its section (`sections.rs`), its field in `model`,
//! a line in the loader's reader and in the one writer (`write.rs`, whose exhaustive
//! destructuring does not compile until it is written), and whatever the key means; the
//! schema, key lists and "did you mean" follow from the declaration, and the compiler
//! stops at every other place that builds the struct (import, the synthetic generator).

mod schema;
mod sections;
pub mod write;

pub use sections::*;

pub use schema::schema;

use crate::model::*;

/// The one format this version reads and writes.
pub const FORMAT: &str = "casereview/1";

/// What a key's value is.
#[derive(Clone, Copy, Debug)]
pub enum Type {
    /// `format: casereview/1`.
    Format,
    /// Free text, shown exactly as typed.
    Text,
    /// Free text that must be written as text (`version: "0.3"`).
    QuotedText,
    Id,
    Date,
    Bool,
    Integer,
    /// A whole number from 0 up to `max` (a threshold).
    Count {
        max: u32,
    },
    /// A word of a closed vocabulary: its `$defs` name, words and documentation.
    Word(&'static Words),
    /// A word of an open vocabulary (`methodology/vocabulary/<file>.yaml`, extensible).
    OpenWord(&'static Words),
    /// ISO 3166 alpha-2, as written.
    Country,
    /// A flag id, `CODE:anchor`.
    FlagId,
    /// An episode, event or flag id.
    Evidence,
    /// A path relative to `case.yaml`.
    Path,
    /// The child's words, or `true`/`false`: whether they were recorded.
    ChildViews,
    List(&'static Type),
    Section(&'static Section),
    /// A mapping from rule code to a rule's settings.
    RuleSettings,
}

/// A vocabulary's words as the schema describes them.
#[derive(Debug)]
pub struct Words {
    /// The schema's `$defs` name.
    pub def: &'static str,
    pub words: &'static [&'static str],
    pub doc: &'static str,
}

/// One key of a section.
#[derive(Debug)]
pub struct Key {
    pub name: &'static str,
    pub ty: Type,
    pub required: bool,
    pub doc: &'static str,
}

/// The fields an event of some kinds must have (one of `any`, non-empty).
#[derive(Debug)]
pub struct KindNeeds {
    pub kinds: &'static [EventKind],
    pub any: &'static [&'static str],
    /// As the schema's `$comment`.
    pub doc: &'static str,
}

/// A mapping of the format.
#[derive(Debug)]
pub struct Section {
    /// The schema's `$defs` name.
    pub def: &'static str,
    pub doc: &'static str,
    pub keys: &'static [Key],
    /// Whether `key:` with no value (null) stands for an empty section.
    pub nullable: bool,
}

impl Section {
    /// Every key, in the order of the documentation.
    pub fn key_names(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.keys.iter().map(|k| k.name)
    }

    pub fn key(&self, name: &str) -> Option<&Key> {
        self.keys.iter().find(|k| k.name == name)
    }

    /// The keys that must be written.
    pub fn required(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.keys.iter().filter(|k| k.required).map(|k| k.name)
    }
}

const fn key(name: &'static str, ty: Type, doc: &'static str) -> Key {
    Key {
        name,
        ty,
        required: false,
        doc,
    }
}

const fn required(name: &'static str, ty: Type, doc: &'static str) -> Key {
    Key {
        name,
        ty,
        required: true,
        doc,
    }
}

const fn section(def: &'static str, doc: &'static str, keys: &'static [Key]) -> Section {
    Section {
        def,
        doc,
        keys,
        nullable: false,
    }
}

const TEXTS: Type = Type::List(&Type::Text);
const IDS: Type = Type::List(&Type::Id);

pub static EVENT_KINDS: Words = Words {
    def: "eventKind",
    words: EventKind::WORDS,
    doc: "What the event records. contact: met or spoke with a person (needs `people`); concern: recorded a concern (needs `concerns`); referral, info_request, info_share: a handoff to another agency (needs `to`); assessment_started, assessment_completed; meeting: multi-agency meeting (needs `invited` or `attended`); decision (needs `decision`); service_started, service_ended (need `service`); incident; move: the child moved (needs `to_place`); outcome: the serious outcome, exactly one.",
};
pub static ROLES: Words = Words {
    def: "role",
    words: Role::WORDS,
    doc: "The person's role in the family.",
};
pub static AGENCY_KINDS: Words = Words {
    def: "agencyKind",
    words: AgencyKind::WORDS,
    doc: "What kind of agency this is.",
};
pub static DECISIONS: Words = Words {
    def: "decisionKind",
    words: DecisionKind::WORDS,
    doc: "The kind of formal decision.",
};
pub static OUTCOME_KINDS: Words = Words {
    def: "outcomeKind",
    words: OutcomeKind::WORDS,
    doc: "The kind of serious outcome under review.",
};
pub static CHANNELS: Words = Words {
    def: "channel",
    words: Channel::WORDS,
    doc: "How the information travelled.",
};
pub static CONTACT_MODES: Words = Words {
    def: "contactMode",
    words: ContactMode::WORDS,
    doc: "Where or how a contact took place.",
};
pub static SEVERITIES: Words = Words {
    def: "severity",
    words: IncidentSeverity::WORDS,
    doc: "How grave an incident was.",
};
pub static LANGUAGES: Words = Words {
    def: "language",
    words: Language::WORDS,
    doc: "The report's language: et or en.",
};
pub static STATUSES: Words = Words {
    def: "status",
    words: Status::WORDS,
    doc: "draft (watermarked) or final.",
};
pub static DATE_MODES: Words = Words {
    def: "dateMode",
    words: DateMode::WORDS,
    doc: "How dates are shown: absolute (as written) or relative (days from the outcome, \"T−120\").",
};
pub static FINDING_KINDS: Words = Words {
    def: "findingKind",
    words: FindingKind::WORDS,
    doc: "strength or weakness.",
};
pub static REVIEW_STATUSES: Words = Words {
    def: "reviewStatus",
    words: ReviewStatus::WORDS,
    doc: "confirmed, dismissed (a `note` is then required) or open (unreviewed).",
};
pub static PRIORITIES: Words = Words {
    def: "priority",
    words: Priority::WORDS,
    doc: "high, medium or low.",
};
pub static ACTION_STRENGTHS: Words = Words {
    def: "actionStrength",
    words: ActionStrength::WORDS,
    doc: "The action hierarchy (RCA²): stronger, intermediate or weaker.",
};
pub static RECOMMENDATION_STATUSES: Words = Words {
    def: "recommendationStatus",
    words: RecommendationStatus::WORDS,
    doc: "Where an action stands: proposed, accepted, in_progress, done or dropped.",
};
pub static CONCERNS: Words = Words {
    def: "concern",
    words: STARTING_CONCERNS,
    doc: "A concern about the child: a word of methodology/vocabulary/concerns.yaml (organisations may extend the list).",
};
pub static PATTERNS: Words = Words {
    def: "pattern",
    words: STARTING_PATTERNS,
    doc: "A pattern of practice: a word of methodology/vocabulary/patterns.yaml (organisations may extend the list).",
};

/// Every closed vocabulary the format uses.
pub static CLOSED_VOCABULARIES: &[&Words] = &[
    &EVENT_KINDS,
    &ROLES,
    &AGENCY_KINDS,
    &DECISIONS,
    &OUTCOME_KINDS,
    &CHANNELS,
    &CONTACT_MODES,
    &SEVERITIES,
    &LANGUAGES,
    &STATUSES,
    &DATE_MODES,
    &FINDING_KINDS,
    &REVIEW_STATUSES,
    &PRIORITIES,
    &ACTION_STRENGTHS,
    &RECOMMENDATION_STATUSES,
];

/// The most a threshold may be: a hundred years of days, a thousand repetitions. Beyond
/// that a threshold means nothing, and date arithmetic would leave the calendar.
pub const MAX_THRESHOLD_DAYS: u32 = 36_600;
pub const MAX_THRESHOLD_COUNT: u32 = 1_000;
