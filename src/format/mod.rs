//! The case format (`casereview/1`), declared once: every section's keys, whether each is
//! required, its type or vocabulary and its documentation. The loader's key lists, required
//! checks and "did you mean" candidates, the JSON Schema (`casereview schema`), and the
//! fields an event of each kind needs (`check` and the schema alike) all follow from here.
//!
//! Adding an optional key is one line in its section below, a field in `model`, a line in
//! the loader's reader, and whatever the key means.

mod schema;

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
];

/// The most a threshold may be: a hundred years of days, a thousand repetitions. Beyond
/// that a threshold means nothing, and date arithmetic would leave the calendar.
pub const MAX_THRESHOLD_DAYS: u32 = 36_600;
pub const MAX_THRESHOLD_COUNT: u32 = 1_000;

pub static PERIOD: Section = section(
    "period",
    "A period; both ends are included.",
    &[
        required("from", Type::Date, "The first day of the period."),
        required("to", Type::Date, "The last day of the period."),
    ],
);

pub static CLASSIFICATION: Section = section(
    "classification",
    "An access-restriction marking printed on every page. Omit it for a public report.",
    &[
        required(
            "label",
            Type::Text,
            "The marking, e.g. \"ASUTUSESISESEKS KASUTAMISEKS\".",
        ),
        key("basis", Type::Text, "The legal basis of the restriction."),
        key("until", Type::Date, "The date the restriction ends."),
        key("owner", Type::Text, "The owner of the information."),
    ],
);

pub static MEMBER: Section = section(
    "workingGroupMember",
    "A member of the working group, by role.",
    &[
        required(
            "label",
            Type::Text,
            "The member's role, e.g. \"Chair\" (no names).",
        ),
        key("organisation", Type::Text, "The member's organisation."),
    ],
);

pub static REVIEW: Section = section(
    "review",
    "The review's period, commissioner and working group.",
    &[
        key(
            "period",
            Type::Section(&PERIOD),
            "The review period, both ends included. Events outside it are warned about.",
        ),
        key("commissioned_by", Type::Text, "The commissioning body."),
        key(
            "working_group",
            Type::List(&Type::Section(&MEMBER)),
            "Who conducted the review: role and organisation, no names.",
        ),
    ],
);

pub static OUTCOME: Section = section(
    "outcome",
    "The serious outcome under review; the one `kind: outcome` event is dated on its date.",
    &[
        required(
            "date",
            Type::Date,
            "The outcome's date; the `outcome` event must fall on it.",
        ),
        required(
            "kind",
            Type::Word(&OUTCOME_KINDS),
            "The kind of serious outcome under review.",
        ),
        key("summary", Type::Text, "A short description, without names."),
    ],
);

pub static CASE_META: Section = section(
    "case",
    "The review: its id, title, report settings and the outcome that started it.",
    &[
        required(
            "id",
            Type::Text,
            "The case's label, free text (e.g. EE-2025-01); not an id.",
        ),
        required(
            "title",
            Type::Text,
            "The report's title. Use pseudonyms, never a real name.",
        ),
        key(
            "date",
            Type::Date,
            "The document's date (title page, PDF). Default: the end of the review period.",
        ),
        required(
            "language",
            Type::Word(&LANGUAGES),
            "The report's language: et or en.",
        ),
        key(
            "status",
            Type::Word(&STATUSES),
            "draft (watermarked) or final.",
        ),
        key(
            "version",
            Type::QuotedText,
            "The report's version, as text: quote it (\"0.3\").",
        ),
        key(
            "classification",
            Type::Section(&CLASSIFICATION),
            "An access-restriction marking printed on every page.",
        ),
        key(
            "dates",
            Type::Word(&DATE_MODES),
            "How dates are shown: absolute (as written) or relative (days from the outcome).",
        ),
        key(
            "anonymised",
            Type::Bool,
            "true: this is a copy `casereview anonymise` made (it writes the mark); `exercise` needs it.",
        ),
        key(
            "review",
            Type::Section(&REVIEW),
            "The review's period, commissioner and working group.",
        ),
        required(
            "outcome",
            Type::Section(&OUTCOME),
            "The serious outcome under review.",
        ),
    ],
);

pub static PERSON: Section = section(
    "person",
    "A person of the case, by pseudonym.",
    &[
        required("id", Type::Id, "The person's id, unique among people."),
        required(
            "role",
            Type::Word(&ROLES),
            "The person's role in the family.",
        ),
        required(
            "label",
            Type::Text,
            "The pseudonym shown in the report (\"Laps A\", \"Ema\"), never a real name.",
        ),
        key(
            "born",
            Type::Date,
            "Date of birth, at the precision known (a year or month is enough).",
        ),
        key(
            "aliases",
            TEXTS,
            "Other names and spellings that `anonymise` must remove. Used by `anonymise` only.",
        ),
    ],
);

pub static AGENCY: Section = section(
    "agency",
    "An agency involved with the child or family.",
    &[
        required("id", Type::Id, "The agency's id, unique among agencies."),
        required("name", Type::Text, "The agency's name."),
        required(
            "kind",
            Type::Word(&AGENCY_KINDS),
            "What kind of agency this is.",
        ),
        required(
            "country",
            Type::Country,
            "The agency's country: ISO 3166 two-letter code (EE, FI, LV, SE …).",
        ),
        key(
            "lead",
            Type::Bool,
            "true: this agency leads the case (at most one).",
        ),
    ],
);

pub static RESIDENCE: Section = section(
    "residence",
    "Where the child lived from a date on, by the population register and in fact.",
    &[
        required("from", Type::Date, "The first day of this residence."),
        required(
            "registered",
            Type::Id,
            "The agency (municipality or authority) of the registered address.",
        ),
        required(
            "actual",
            Type::Id,
            "The agency (municipality or authority) where the child actually lived.",
        ),
    ],
);

pub static SUBMITTED: Section = section(
    "submitted",
    "Who submitted this chronology (a role, no name) and when.",
    &[
        key("by", Type::Text, "Who submitted it, by role."),
        key("on", Type::Date, "When it was submitted."),
    ],
);

pub static EVENT: Section = section(
    "event",
    "One thing an agency did or learned, on one date.",
    &[
        required(
            "id",
            Type::Id,
            "The event's id, unique across events, episodes, findings and recommendations.",
        ),
        required(
            "date",
            Type::Date,
            "When it happened, at the precision known.",
        ),
        key(
            "approx",
            Type::Bool,
            "true: the date is uncertain (shown as ≈).",
        ),
        key(
            "agency",
            Type::Id,
            "The agency that acted (in a chronology file, defaults to the file's `agency`).",
        ),
        required("kind", Type::Word(&EVENT_KINDS), "What the event records."),
        key(
            "to",
            Type::Id,
            "The receiving agency of a referral, info_request or info_share.",
        ),
        key("reply_to", Type::Id, "The handoff event this one answers."),
        key("people", IDS, "The people involved or met (person ids)."),
        key(
            "child_seen",
            Type::Bool,
            "true: the child was seen in person.",
        ),
        key(
            "child_seen_alone",
            Type::Bool,
            "true: the child was seen without the carers present.",
        ),
        key(
            "child_views",
            Type::ChildViews,
            "What the child said, in the child's words; or true/false: whether the child's views were recorded.",
        ),
        key(
            "concerns",
            Type::List(&Type::OpenWord(&CONCERNS)),
            "The concerns recorded about the child.",
        ),
        key(
            "channel",
            Type::Word(&CHANNELS),
            "How the information travelled.",
        ),
        key(
            "mode",
            Type::Word(&CONTACT_MODES),
            "For a contact: where or how it took place.",
        ),
        key(
            "summary",
            Type::Text,
            "What happened, briefly, without names.",
        ),
        key(
            "source",
            Type::Text,
            "Provenance: where the reviewer read this (record, entry, register number).",
        ),
        key(
            "note",
            Type::Text,
            "The reviewer's comment, not a fact of the case.",
        ),
        key(
            "action",
            Type::Text,
            "What the agency did, or why it did nothing.",
        ),
        key(
            "order",
            Type::Integer,
            "Order among events of the same date.",
        ),
        key(
            "notifier_confidential",
            Type::Bool,
            "true: who notified must never appear in any output (LasteKS § 27 lg 5): every output leaves out the event's source, action, note and the people it names but the child, and a handoff's sender; do not name the notifier in the summary.",
        ),
        key(
            "invited",
            IDS,
            "For a meeting: the agencies invited (agency ids).",
        ),
        key(
            "attended",
            IDS,
            "For a meeting: the agencies that attended (agency ids).",
        ),
        key(
            "decision",
            Type::Word(&DECISIONS),
            "For a decision: the kind of decision.",
        ),
        key(
            "service",
            Type::Text,
            "For service_started/service_ended: the service or measure.",
        ),
        key(
            "severity",
            Type::Word(&SEVERITIES),
            "For an incident: how grave it was.",
        ),
        key(
            "to_place",
            Type::Id,
            "For a move: the agency id of the new municipality or authority.",
        ),
    ],
);

/// What an event of each kind must name, beyond the keys every event has.
pub static EVENT_KIND_NEEDS: &[KindNeeds] = &[
    KindNeeds {
        kinds: &[EventKind::Contact],
        any: &["people"],
        doc: "A contact names the people met.",
    },
    KindNeeds {
        kinds: &[EventKind::Concern],
        any: &["concerns"],
        doc: "A concern names the concerns.",
    },
    KindNeeds {
        kinds: &[
            EventKind::Referral,
            EventKind::InfoRequest,
            EventKind::InfoShare,
        ],
        any: &["to"],
        doc: "A handoff names the receiving agency.",
    },
    KindNeeds {
        kinds: &[EventKind::Meeting],
        any: &["invited", "attended"],
        doc: "A meeting names the agencies invited or attended.",
    },
    KindNeeds {
        kinds: &[EventKind::Decision],
        any: &["decision"],
        doc: "A decision names its kind.",
    },
    KindNeeds {
        kinds: &[EventKind::ServiceStarted, EventKind::ServiceEnded],
        any: &["service"],
        doc: "A service event names the service.",
    },
    KindNeeds {
        kinds: &[EventKind::Move],
        any: &["to_place"],
        doc: "A move names the new place.",
    },
];

pub static EPISODE: Section = section(
    "episode",
    "A key practice episode.",
    &[
        required(
            "id",
            Type::Id,
            "The episode's id, unique across events, episodes, findings and recommendations.",
        ),
        required("title", Type::Text, "A short title."),
        key("events", IDS, "The events of the episode (event ids)."),
        key(
            "what_happened",
            Type::Text,
            "What happened, in order, without judgement.",
        ),
        key(
            "why_it_made_sense",
            Type::Text,
            "Why the practitioners' actions made sense to them at the time.",
        ),
    ],
);

pub static FINDING: Section = section(
    "finding",
    "A finding: a strength or weakness of the system.",
    &[
        required(
            "id",
            Type::Id,
            "The finding's id, unique across events, episodes, findings and recommendations.",
        ),
        required("kind", Type::Word(&FINDING_KINDS), "strength or weakness."),
        key(
            "pattern",
            Type::OpenWord(&PATTERNS),
            "The pattern of practice the finding belongs to.",
        ),
        required("title", Type::Text, "A short title."),
        key(
            "text",
            Type::Text,
            "The finding, as a feature of the system.",
        ),
        key(
            "evidence",
            Type::List(&Type::Evidence),
            "What supports the finding: episode ids, event ids and flag ids (\"G001:e014\").",
        ),
    ],
);

pub static RECOMMENDATION: Section = section(
    "recommendation",
    "A recommendation and its place in the action plan.",
    &[
        required(
            "id",
            Type::Id,
            "The recommendation's id, unique across events, episodes, findings and recommendations.",
        ),
        required("text", Type::Text, "What is to change."),
        required("to", Type::Id, "The agency that owns the action."),
        key("findings", IDS, "The findings it answers (finding ids)."),
        key("priority", Type::Word(&PRIORITIES), "high, medium or low."),
        key(
            "strength",
            Type::Word(&ACTION_STRENGTHS),
            "The action hierarchy (RCA²): stronger, intermediate or weaker.",
        ),
        key("due", Type::Date, "When the action is due."),
        key(
            "measure",
            Type::Text,
            "How the working group will know it worked.",
        ),
    ],
);

pub static FLAG_REVIEW: Section = section(
    "flagReview",
    "The reviewers' verdict on one flag.",
    &[
        required("flag", Type::FlagId, "The flag's id, as `check` lists it."),
        required(
            "status",
            Type::Word(&REVIEW_STATUSES),
            "confirmed, dismissed (a `note` is then required) or open (unreviewed).",
        ),
        key(
            "note",
            Type::Text,
            "The reason for the verdict; required for a dismissal.",
        ),
    ],
);

pub static RULE_SETTING: Section = section(
    "ruleSetting",
    "One rule's settings for this case.",
    &[
        key(
            "enabled",
            Type::Bool,
            "false: the rule does not run for this case.",
        ),
        key(
            "days",
            Type::Count {
                max: MAX_THRESHOLD_DAYS,
            },
            "Threshold in calendar days.",
        ),
        key(
            "working_days",
            Type::Count {
                max: MAX_THRESHOLD_DAYS,
            },
            "Threshold in working days (replaces `days`).",
        ),
        key(
            "count",
            Type::Count {
                max: MAX_THRESHOLD_COUNT,
            },
            "Threshold as a number of occurrences.",
        ),
    ],
);

pub static SETTINGS: Section = Section {
    def: "settings",
    doc: "Per-case rule settings.",
    keys: &[
        key(
            "profile",
            Type::Id,
            "The jurisdiction profile of thresholds (methodology/profiles/NAME.yaml). Default: ee.",
        ),
        key(
            "rules",
            Type::RuleSettings,
            "The case's own thresholds, by rule code; they override the profile's.",
        ),
    ],
    nullable: true,
};

pub static CASE_FILE: Section = section(
    "caseFile",
    "case.yaml: the review's entry point.",
    &[
        required(
            "format",
            Type::Format,
            "The format version: `casereview/1`.",
        ),
        required("case", Type::Section(&CASE_META), "The review itself."),
        required(
            "people",
            Type::List(&Type::Section(&PERSON)),
            "The people of the case, by pseudonym only. Exactly one has `role: child`.",
        ),
        key(
            "redact",
            TEXTS,
            "Further strings that `anonymise` must remove everywhere (practitioners' names, addresses, case numbers). Used by `anonymise` only.",
        ),
        required(
            "agencies",
            Type::List(&Type::Section(&AGENCY)),
            "The agencies involved. At most one has `lead: true`.",
        ),
        key(
            "residence",
            Type::List(&Type::Section(&RESIDENCE)),
            "Where the child lived, by register and in fact, from a date on. Periods must not share a `from`.",
        ),
        key(
            "chronologies",
            Type::List(&Type::Path),
            "Further files with `events:` (agencies' chronologies), as paths relative to case.yaml, inside the case folder, each listed once.",
        ),
        key(
            "events",
            Type::List(&Type::Section(&EVENT)),
            "Events written in case.yaml; may be empty when all events sit in chronology files. Each event here names its `agency`.",
        ),
        key(
            "episodes",
            Type::List(&Type::Section(&EPISODE)),
            "Key practice episodes: moments that shaped how the case developed.",
        ),
        key(
            "findings",
            Type::List(&Type::Section(&FINDING)),
            "The reviewers' findings: strengths and weaknesses of the system.",
        ),
        key(
            "recommendations",
            Type::List(&Type::Section(&RECOMMENDATION)),
            "Recommendations and the action plan.",
        ),
        key(
            "flag_reviews",
            Type::List(&Type::Section(&FLAG_REVIEW)),
            "The reviewers' verdict on each flag the tool raised.",
        ),
        key(
            "settings",
            Type::Section(&SETTINGS),
            "Per-case rule settings.",
        ),
    ],
);

pub static CHRONOLOGY_FILE: Section = section(
    "chronologyFile",
    "An agency's chronology file, listed under `chronologies:` in case.yaml.",
    &[
        required(
            "format",
            Type::Format,
            "The format version: `casereview/1`.",
        ),
        key(
            "agency",
            Type::Id,
            "The default `agency` of this file's events: an agency id declared in case.yaml. An event may name another.",
        ),
        key(
            "submitted",
            Type::Section(&SUBMITTED),
            "Who submitted this chronology (a role, no name) and when.",
        ),
        required(
            "events",
            Type::List(&Type::Section(&EVENT)),
            "The agency's events. An event without `agency` takes the file's `agency`.",
        ),
    ],
);

/// Every section of the format.
pub static SECTIONS: &[&Section] = &[
    &CASE_FILE,
    &CHRONOLOGY_FILE,
    &CASE_META,
    &CLASSIFICATION,
    &REVIEW,
    &MEMBER,
    &OUTCOME,
    &PERIOD,
    &PERSON,
    &AGENCY,
    &RESIDENCE,
    &SUBMITTED,
    &EVENT,
    &EPISODE,
    &FINDING,
    &RECOMMENDATION,
    &FLAG_REVIEW,
    &SETTINGS,
    &RULE_SETTING,
];
