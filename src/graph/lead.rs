//! The lead agency over time, and the periods during which an agency's case is open.

use chrono::NaiveDate;

use super::Timeline;
use crate::model::{Case, DecisionKind, Event, EventKind};

/// From `from` (inclusive) until the next segment, `agency` leads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LeadSegment<'c> {
    pub from: NaiveDate,
    pub agency: &'c str,
}

/// Who leads when: the agency with `lead: true`; without one, the `registered`
/// municipality of the residence period covering the date.
#[derive(Clone, Debug)]
pub struct LeadHistory<'c> {
    segments: Vec<LeadSegment<'c>>,
}

impl<'c> LeadHistory<'c> {
    pub fn new(case: &'c Case) -> Self {
        if let Some(lead) = case.agencies.iter().find(|a| a.lead) {
            return LeadHistory {
                segments: vec![LeadSegment {
                    from: NaiveDate::MIN,
                    agency: lead.id.as_str(),
                }],
            };
        }
        let mut rows: Vec<_> = case.residence.iter().collect();
        rows.sort_by_key(|r| r.from.value);
        let segments = rows
            .into_iter()
            .map(|r| LeadSegment {
                from: r.from.first_day(),
                agency: r.registered.as_str(),
            })
            .collect();
        LeadHistory { segments }
    }

    /// Whether any date has a lead agency.
    pub fn is_empty(&self) -> bool {
        self.segments.is_empty()
    }

    pub fn at(&self, day: NaiveDate) -> Option<&'c str> {
        self.segments
            .iter()
            .rev()
            .find(|s| s.from <= day)
            .map(|s| s.agency)
    }

    pub fn segments(&self) -> &[LeadSegment<'c>] {
        &self.segments
    }
}

/// A stretch during which an agency's case is open.
#[derive(Clone, Debug)]
pub struct OpenPeriod<'c> {
    /// The referral received or `open_case` decision that opened (or reopened) it; it may be
    /// the sender's event.
    pub opened_by: &'c Event,
    /// The `close_case` or `no_further_action` decision, if the case was closed.
    pub closed_by: Option<&'c Event>,
}

/// The open periods of `agency`'s case, in order.
pub fn open_periods<'c>(agency: &str, timeline: &Timeline<'c>) -> Vec<OpenPeriod<'c>> {
    let mut periods: Vec<OpenPeriod<'c>> = Vec::new();
    let mut open: Option<&'c Event> = None;
    for &event in &timeline.events {
        let received_referral = event.kind.value == EventKind::Referral
            && event.to.as_ref().is_some_and(|t| t.as_str() == agency);
        let own_decision = (event.agency.as_str() == agency
            && event.kind.value == EventKind::Decision)
            .then(|| event.decision.as_ref().map(|d| d.value))
            .flatten();
        let opens = received_referral || own_decision == Some(DecisionKind::OpenCase);
        let closes = own_decision.is_some_and(DecisionKind::closes_case);
        if open.is_none() && opens {
            open = Some(event);
        } else if let (Some(opened_by), true) = (open, closes) {
            periods.push(OpenPeriod {
                opened_by,
                closed_by: Some(event),
            });
            open = None;
        }
    }
    if let Some(opened_by) = open {
        periods.push(OpenPeriod {
            opened_by,
            closed_by: None,
        });
    }
    periods
}
