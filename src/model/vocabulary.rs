//! The closed vocabularies of the format: the words the gap rules depend on. Their
//! Estonian and English labels are data, in `methodology/vocabulary/`.

/// Declares a closed vocabulary: an enum whose variants are written in YAML as snake_case words.
/// A closed vocabulary of the format: a fixed set of snake_case words.
pub trait Vocabulary: Sized + Copy + 'static {
    /// Every word, in the order of the format's documentation.
    const WORDS: &'static [&'static str];
    /// The vocabulary file in `methodology/vocabulary/` that labels these words.
    const FILE: &'static str;
    /// What one word is called in messages ("event kind").
    const NOUN: &'static str;
    fn parse(word: &str) -> Option<Self>;
    fn as_str(self) -> &'static str;
}

macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident ($file:literal, $noun:literal) { $($variant:ident = $word:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name { $($variant,)+ }

        impl Vocabulary for $name {
            const WORDS: &'static [&'static str] = &[$($word,)+];
            const FILE: &'static str = $file;
            const NOUN: &'static str = $noun;

            fn parse(word: &str) -> Option<Self> {
                match word {
                    $($word => Some(Self::$variant),)+
                    _ => None,
                }
            }

            fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $word,)+
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

vocabulary!(
    /// What an event records.
    EventKind ("event-kinds", "event kind") {
        Contact = "contact",
        Concern = "concern",
        Referral = "referral",
        InfoRequest = "info_request",
        InfoShare = "info_share",
        AssessmentStarted = "assessment_started",
        AssessmentCompleted = "assessment_completed",
        Meeting = "meeting",
        Decision = "decision",
        ServiceStarted = "service_started",
        ServiceEnded = "service_ended",
        Incident = "incident",
        Move = "move",
        Outcome = "outcome",
    }
);

impl EventKind {
    /// A referral, information request or information share: knowledge passing between agencies.
    pub fn is_handoff(self) -> bool {
        matches!(self, Self::Referral | Self::InfoRequest | Self::InfoShare)
    }

    /// A referral or an information request: a handoff that calls for an answer (and may be
    /// answered by inference); an information share does not.
    pub fn expects_answer(self) -> bool {
        matches!(self, Self::Referral | Self::InfoRequest)
    }
}

vocabulary!(
    /// A person's role in the family.
    Role ("roles", "role") {
        Child = "child",
        Sibling = "sibling",
        Mother = "mother",
        Father = "father",
        StepParent = "step_parent",
        Carer = "carer",
        FosterCarer = "foster_carer",
        Relative = "relative",
        Other = "other",
    }
);

vocabulary!(
    /// What an agency is.
    AgencyKind ("agency-kinds", "agency kind") {
        ChildProtection = "child_protection",
        SocialWork = "social_work",
        Police = "police",
        Prosecutor = "prosecutor",
        Court = "court",
        School = "school",
        Kindergarten = "kindergarten",
        PrimaryHealth = "primary_health",
        Hospital = "hospital",
        Emergency = "emergency",
        MentalHealth = "mental_health",
        Ngo = "ngo",
        Helpline = "helpline",
        SubstituteCare = "substitute_care",
        NationalAuthority = "national_authority",
        ForeignAuthority = "foreign_authority",
        Other = "other",
    }
);

impl AgencyKind {
    /// Child protection and social work: the agencies whose sighting of the child counts (G003).
    pub fn is_social_care(self) -> bool {
        matches!(self, Self::ChildProtection | Self::SocialWork)
    }
}

vocabulary!(
    /// A formal decision.
    DecisionKind ("decisions", "decision") {
        OpenCase = "open_case",
        CloseCase = "close_case",
        NoFurtherAction = "no_further_action",
        PlanAgreed = "plan_agreed",
        Placement = "placement",
        CourtApplication = "court_application",
        Other = "other",
    }
);

impl DecisionKind {
    pub fn closes_case(self) -> bool {
        matches!(self, Self::CloseCase | Self::NoFurtherAction)
    }
}

vocabulary!(
    /// The serious outcome that started the review.
    OutcomeKind ("outcome-kinds", "outcome kind") {
        Death = "death",
        Hospitalisation = "hospitalisation",
        SuicideAttempt = "suicide_attempt",
        SexualAbuse = "sexual_abuse",
    }
);

vocabulary!(
    /// How a handoff travelled.
    Channel ("channels", "channel") {
        Phone = "phone",
        Email = "email",
        Letter = "letter",
        InPerson = "in_person",
        Video = "video",
        InformationSystem = "information_system",
    }
);

vocabulary!(
    /// Where or how a contact took place.
    ContactMode ("contact-modes", "contact mode") {
        HomeVisit = "home_visit",
        Office = "office",
        School = "school",
        Clinic = "clinic",
        Phone = "phone",
        Video = "video",
        Other = "other",
    }
);

vocabulary!(
    /// How grave an incident was.
    IncidentSeverity ("severities", "severity") {
        Low = "low",
        Moderate = "moderate",
        Severe = "severe",
    }
);

vocabulary!(
    /// The report's language.
    Language ("languages", "language") {
        Et = "et",
        En = "en",
    }
);

vocabulary!(
    /// Whether the report is a draft (watermarked) or final.
    Status ("statuses", "status") {
        Draft = "draft",
        Final = "final",
    }
);

vocabulary!(
    /// How dates are shown: as written, or as days relative to the outcome.
    DateMode ("date-modes", "date mode") {
        Absolute = "absolute",
        Relative = "relative",
    }
);

vocabulary!(
    /// A finding is a strength or a weakness of practice.
    FindingKind ("finding-kinds", "finding kind") {
        Strength = "strength",
        Weakness = "weakness",
    }
);

vocabulary!(
    /// The reviewers' verdict on a flag.
    ReviewStatus ("review-statuses", "status") {
        Confirmed = "confirmed",
        Dismissed = "dismissed",
        Open = "open",
    }
);

vocabulary!(
    /// A recommendation's priority.
    Priority ("priorities", "priority") {
        High = "high",
        Medium = "medium",
        Low = "low",
    }
);

vocabulary!(
    /// The action hierarchy (RCA²): how strongly an action changes the system.
    ActionStrength ("action-strengths", "action strength") {
        Stronger = "stronger",
        Intermediate = "intermediate",
        Weaker = "weaker",
    }
);

vocabulary!(
    /// Where a recommendation's action stands (the action plan).
    RecommendationStatus ("recommendation-statuses", "recommendation status") {
        Proposed = "proposed",
        Accepted = "accepted",
        InProgress = "in_progress",
        Done = "done",
        Dropped = "dropped",
    }
);

/// The concerns the format starts with (`methodology/vocabulary/concerns.yaml` holds them
/// and may add more).
pub const STARTING_CONCERNS: &[&str] = &[
    "neglect",
    "physical_abuse",
    "sexual_abuse",
    "emotional_abuse",
    "domestic_violence",
    "parental_substance_misuse",
    "parental_mental_health",
    "self_harm",
    "school_absence",
    "missing_from_home",
    "exploitation",
    "online_harm",
    "unmet_health_needs",
];

/// The patterns of findings the format starts with (`methodology/vocabulary/patterns.yaml`).
pub const STARTING_PATTERNS: &[&str] = &[
    "handoffs",
    "assessment",
    "child_voice",
    "professional_curiosity",
    "escalation",
    "cross_border",
    "information_systems",
    "workload",
    "supervision",
    "legal_framework",
    "family_engagement",
];
