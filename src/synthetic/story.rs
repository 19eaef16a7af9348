//! The case's frame: when it happens, its agencies, and what one event holds.

use chrono::{Datelike, Days, NaiveDate};

use crate::model::{AgencyKind, Channel, ContactMode, DecisionKind, EventKind, IncidentSeverity};

use super::random::*;

/// When the case happens: the review period ends on the outcome's day.
pub(super) struct Frame {
    pub(super) seed: u64,
    pub(super) outcome: NaiveDate,
    pub(super) period_from: NaiveDate,
    pub(super) child_born: NaiveDate,
}

impl Frame {
    pub(super) fn new(seed: u64, rng: &mut SplitMix64) -> Self {
        let earliest = NaiveDate::from_ymd_opt(2019, 1, 1).expect("a real day");
        let outcome = earliest + Days::new(rng.below(6 * 365) as u64);
        let years = rng.between(3, 8);
        // Review periods usually start on the first of a month.
        let back = outcome - Days::new(years as u64 * 365);
        let period_from = back.with_day(1).expect("every month has a first day");
        let age_years = years + rng.between(1, 8);
        let child_born = outcome - Days::new(age_years as u64 * 365 + rng.below(365) as u64);
        Frame {
            seed,
            outcome,
            period_from,
            child_born,
        }
    }

    pub(super) fn review_days(&self) -> usize {
        (self.outcome - self.period_from).num_days() as usize
    }
}

pub(super) struct AgencyDraft {
    pub(super) id: String,
    pub(super) name: String,
    pub(super) kind: AgencyKind,
    pub(super) country: &'static str,
    pub(super) lead: bool,
}

/// The kinds of the agencies after the lead, in turn: mostly domestic, now and then a
/// foreign child-protection service (the cross-border cases reviews often turn on).
pub(super) const AGENCY_ROTATION: &[(AgencyKind, &str, &str)] = &[
    (AgencyKind::School, "school", "School"),
    (AgencyKind::Police, "police", "Police district"),
    (AgencyKind::PrimaryHealth, "gp", "Family health centre"),
    (AgencyKind::Hospital, "hospital", "Regional hospital"),
    (AgencyKind::Emergency, "ems", "Emergency department"),
    (AgencyKind::Ngo, "ngo", "Family support charity"),
    (AgencyKind::Helpline, "helpline", "Child helpline"),
    (AgencyKind::SocialWork, "social", "Social work department"),
    (
        AgencyKind::MentalHealth,
        "cmh",
        "Child mental health service",
    ),
    (
        AgencyKind::ChildProtection,
        "cp",
        "Child protection service",
    ),
];

pub(super) const FOREIGN_COUNTRIES: &[&str] = &["FI", "LV", "SE"];

pub(super) fn agencies(count: usize, rng: &mut SplitMix64) -> Vec<AgencyDraft> {
    let mut agencies = vec![AgencyDraft {
        id: "cp-lead".to_owned(),
        name: "Municipality A child protection".to_owned(),
        kind: AgencyKind::ChildProtection,
        country: "EE",
        lead: true,
    }];
    for number in 1..count {
        let (kind, prefix, name) = AGENCY_ROTATION[(number - 1) % AGENCY_ROTATION.len()];
        // The rotation's child-protection slot is a foreign authority: a second domestic
        // one would compete with the lead.
        let country = if kind == AgencyKind::ChildProtection {
            *rng.pick(FOREIGN_COUNTRIES)
        } else {
            "EE"
        };
        let id = if country == "EE" {
            format!("{prefix}-{number:02}")
        } else {
            format!("{}-{prefix}-{number:02}", country.to_lowercase())
        };
        agencies.push(AgencyDraft {
            id,
            name: format!("{name} {number}"),
            kind,
            country,
            lead: false,
        });
    }
    agencies
}

/// One event before it is written out. Agencies and events are indices.
pub(super) struct Draft {
    pub(super) date: String,
    pub(super) approx: bool,
    pub(super) agency: usize,
    pub(super) kind: EventKind,
    pub(super) to: Option<usize>,
    pub(super) reply_to: Option<usize>,
    pub(super) people: Vec<&'static str>,
    pub(super) child_seen: bool,
    pub(super) child_seen_alone: bool,
    pub(super) child_in_danger: bool,
    pub(super) child_views: Option<crate::model::ChildViews>,
    pub(super) concerns: Vec<&'static str>,
    pub(super) channel: Option<Channel>,
    pub(super) mode: Option<ContactMode>,
    pub(super) summary: String,
    pub(super) source: String,
    pub(super) note: Option<String>,
    pub(super) action: Option<String>,
    pub(super) notifier_confidential: bool,
    pub(super) invited: Vec<usize>,
    pub(super) attended: Vec<usize>,
    pub(super) decision: Option<DecisionKind>,
    pub(super) service: Option<String>,
    pub(super) severity: Option<IncidentSeverity>,
}

impl Draft {
    pub(super) fn new(date: String, agency: usize, kind: EventKind) -> Self {
        Draft {
            date,
            approx: false,
            agency,
            kind,
            to: None,
            reply_to: None,
            people: Vec::new(),
            child_seen: false,
            child_seen_alone: false,
            child_in_danger: false,
            child_views: None,
            concerns: Vec::new(),
            channel: None,
            mode: None,
            summary: String::new(),
            source: String::new(),
            note: None,
            action: None,
            notifier_confidential: false,
            invited: Vec::new(),
            attended: Vec::new(),
            decision: None,
            service: None,
            severity: None,
        }
    }
}

/// Something an earlier event makes happen later, at the same or another agency.
pub(super) enum FollowUp {
    /// The receiving agency answers a handoff (an explicit `reply_to`).
    Answer {
        handoff: usize,
    },
    CompleteAssessment {
        agency: usize,
    },
    EndService {
        agency: usize,
        service: String,
    },
}

/// Most follow-ups come within this many events of their cause.
pub(super) const FOLLOW_UP_SPREAD: usize = 40;

/// How far back a meeting's convenor looks for the agencies to invite: G009's threshold,
/// so that the agencies the rule expects are the ones usually invited.
pub(super) const MEETING_LOOKBACK_DAYS: usize = 90;

pub(super) fn ymd(day: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", day.year(), day.month(), day.day())
}

pub(super) fn describe_people(ids: &[&str]) -> String {
    let labels: Vec<&str> = ids
        .iter()
        .filter_map(|id| PEOPLE.iter().find(|(p, _, _)| p == id))
        .map(|(_, _, label)| *label)
        .collect();
    labels.join(" and ")
}
