//! Every section of the format: its keys, in the order of the documentation.

use super::*;

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
        key(
            "chronology",
            Type::Section(&CHRONOLOGY_REQUEST),
            "The working group asked this agency for its chronology: when, and by when.",
        ),
    ],
);

pub static CHRONOLOGY_REQUEST: Section = section(
    "chronologyRequest",
    "The working group's request for an agency's chronology. It is received when a file under `chronologies:` has this agency as `agency:` and a `submitted` date.",
    &[
        required(
            "requested",
            Type::Date,
            "When the chronology was asked for.",
        ),
        key(
            "due",
            Type::Date,
            "When it is due; after that, and not received, it is overdue.",
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
            "child_in_danger",
            Type::Bool,
            "true: the agency recorded that the child's life or health was in immediate danger (LasteKS § 30); not on the outcome.",
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
        key(
            "status",
            Type::Word(&RECOMMENDATION_STATUSES),
            "Where the action stands: proposed (the default), accepted, in_progress, done or dropped.",
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
    &CHRONOLOGY_REQUEST,
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
