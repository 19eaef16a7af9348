//! Flags: what a rule raises, with its stable id, evidence and the reviewers' verdict.

use crate::diagnostics::{Code, Diagnostic};
use crate::methodology::Message;
use crate::model::{Case, Date, DateMode, FlagId, FlagReview, Id, ReviewStatus};

/// What a rule reports about one flag.
#[derive(Clone, Debug)]
pub struct FlagFacts {
    pub code: &'static str,
    /// The anchor's parts (an event id; a meeting and an agency; a residence start).
    pub anchor: Vec<String>,
    /// The anchor's date.
    pub date: Date,
    /// The agency the flag hangs on, if any.
    pub agency: Option<Id>,
    /// The events that make the evidence, the anchor first.
    pub events: Vec<Id>,
    /// What the rule found, as facts for the message catalogue.
    pub message: Message,
}

/// A rule that could not decide because of imprecise dates.
#[derive(Clone, Debug)]
pub struct Undecided {
    pub code: &'static str,
    pub events: Vec<Id>,
}

impl Undecided {
    pub fn diagnostic(&self, case: &Case) -> Diagnostic {
        let ids: Vec<String> = self.events.iter().map(|e| format!("`{e}`")).collect();
        let diagnostic = Diagnostic::new(
            Code::Undecided,
            format!(
                "{} is undecided for {}: imprecise dates allow both answers",
                self.code,
                ids.join(", ")
            ),
        )
        .help("give the dates to the day where the records allow it");
        let events: Vec<&crate::model::Event> = self
            .events
            .iter()
            .filter_map(|id| case.events.iter().find(|e| &e.id.value == id))
            .collect();
        // Point at the imprecise date, where there is one among the events.
        match events
            .iter()
            .find(|e| !e.date.is_precise())
            .or(events.first())
        {
            Some(event) if !event.date.is_precise() => diagnostic
                .at(&event.date.span)
                .label("known only to the month or year"),
            Some(event) => diagnostic
                .at(&event.date.span)
                .label("a related date is imprecise"),
            None => diagnostic,
        }
    }
}

/// What the rules collect as they run.
#[derive(Default)]
pub struct RuleOutput {
    pub flags: Vec<FlagFacts>,
    pub undecided: Vec<Undecided>,
}

impl RuleOutput {
    /// Raises a flag, records an undecided rule, or does nothing, as the certainty says.
    pub fn decide(&mut self, certainty: super::Certainty, facts: impl FnOnce() -> FlagFacts) {
        match certainty {
            super::Certainty::Always => self.flags.push(facts()),
            super::Certainty::Depends => {
                let facts = facts();
                self.undecided.push(Undecided {
                    code: facts.code,
                    events: facts.events,
                });
            }
            super::Certainty::Never => {}
        }
    }
}

/// A flag as `check`, the report and the exports show it.
#[derive(Clone, Debug)]
pub struct Flag {
    pub id: FlagId,
    pub severity: String,
    pub date: Date,
    pub agency: Option<Id>,
    pub events: Vec<Id>,
    pub message: Message,
    pub review: Option<FlagReview>,
}

impl Flag {
    pub fn new(facts: FlagFacts, severity: &str, case: &Case) -> Flag {
        let mut anchor = facts.anchor;
        // A residence start is a date: in a case shown relative to the outcome, the flag id
        // carries the relative day so that no absolute date appears.
        if facts.code == "G010" && case.meta.dates == DateMode::Relative {
            anchor = vec![relative_day(&facts.date, &case.meta.outcome.date)];
        }
        Flag {
            id: FlagId {
                code: facts.code.to_owned(),
                anchor,
            },
            severity: severity.to_owned(),
            date: facts.date,
            agency: facts.agency,
            events: facts.events,
            message: facts.message,
            review: None,
        }
    }

    /// Confirmed or dismissed; `open` or no review at all is unreviewed.
    pub fn is_reviewed(&self) -> bool {
        self.review
            .as_ref()
            .is_some_and(|r| r.status.value != ReviewStatus::Open)
    }
}

/// How many of `flags` no reviewer has confirmed or dismissed.
pub fn unreviewed(flags: &[Flag]) -> usize {
    flags.iter().filter(|f| !f.is_reviewed()).count()
}

/// `T-290`, `T0`, `T+3`; a month or year as the range of its days (`T-430..T-400`).
pub fn relative_day(date: &Date, outcome: &Date) -> String {
    let day = |d: chrono::NaiveDate| {
        let n = (d - outcome.first_day()).num_days();
        match n {
            0 => "T0".to_owned(),
            n if n > 0 => format!("T+{n}"),
            n => format!("T{n}"),
        }
    };
    if date.is_precise() {
        day(date.first_day())
    } else {
        format!("{}..{}", day(date.first_day()), day(date.last_day()))
    }
}

/// The ids of the flags anchored on each event (an event's first evidence is its anchor),
/// as the chronology of the report and of the export list them beside the event.
pub fn flag_ids_by_event(flags: &[Flag]) -> std::collections::BTreeMap<&str, Vec<String>> {
    let mut by_event: std::collections::BTreeMap<&str, Vec<String>> = Default::default();
    for flag in flags {
        if let Some(anchor) = flag.events.first() {
            by_event
                .entry(anchor.as_str())
                .or_default()
                .push(flag.id.to_string());
        }
    }
    by_event
}
