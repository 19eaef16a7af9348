//! What every rule reads: the case graph, the calendar, the thresholds, and the stretches
//! during which the lead agency's case is open.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::{Calendar, Certainty, Channels, Duration, Thresholds};
use crate::graph::{CaseGraph, OpenPeriod, open_periods};
use crate::model::{Date, Event};

/// A stretch while the lead agency's case is open *and* it is the lead: an open period,
/// cut where the lead changes.
#[derive(Clone, Debug)]
pub struct LeadStretch<'c> {
    pub agency: &'c str,
    /// The event that opened (or reopened) the period; anchors flags with no other start.
    pub opened_by: &'c Event,
    /// The closing decision, when the stretch ends with one (not at a lead change or the outcome).
    pub closed_by: Option<&'c Event>,
    /// The later of the opening event's date and the day the agency became lead.
    pub start: Date,
    /// The closure, the day before the lead changed, or the outcome.
    pub end: Date,
    /// Timeline positions of the events inside the stretch, inclusive.
    pub positions: std::ops::RangeInclusive<usize>,
}

pub struct RuleContext<'c> {
    pub graph: &'c CaseGraph<'c>,
    pub calendar: &'c Calendar,
    pub thresholds: &'c Thresholds,
    pub channels: Channels<'c>,
    pub lead_stretches: Vec<LeadStretch<'c>>,
    open_periods: HashMap<&'c str, Vec<OpenPeriod<'c>>>,
}

impl<'c> RuleContext<'c> {
    pub fn new(
        graph: &'c CaseGraph<'c>,
        calendar: &'c Calendar,
        thresholds: &'c Thresholds,
    ) -> Self {
        let mut cx = RuleContext {
            graph,
            calendar,
            thresholds,
            channels: Channels::new(&graph.handoffs),
            lead_stretches: Vec::new(),
            open_periods: HashMap::new(),
        };
        cx.lead_stretches = cx.compute_lead_stretches();
        cx
    }

    pub fn outcome(&self) -> &'c Date {
        &self.graph.case.meta.outcome.date
    }

    /// Whether more than `limit` passed from `from` before the outcome ("nothing happened
    /// within N days" fires only then).
    pub fn passed_before_outcome(&self, from: &Date, limit: Duration) -> Certainty {
        self.calendar.longer_than(from, self.outcome(), limit)
    }

    /// The open periods of an agency's case.
    pub fn open_periods(&self, agency: &str) -> Vec<OpenPeriod<'c>> {
        match self.open_periods.get(agency) {
            Some(periods) => periods.clone(),
            None => open_periods(agency, &self.graph.timeline),
        }
    }

    fn compute_lead_stretches(&mut self) -> Vec<LeadStretch<'c>> {
        let timeline = &self.graph.timeline;
        let outcome = *self.outcome();
        let segments = self.graph.lead.segments().to_vec();
        let mut stretches = Vec::new();
        for (i, segment) in segments.iter().enumerate() {
            let segment_last = segments
                .get(i + 1)
                .map(|next| crate::model::days_before(next.from, 1));
            let periods = self
                .open_periods
                .entry(segment.agency)
                .or_insert_with(|| open_periods(segment.agency, timeline))
                .clone();
            for period in periods {
                let opened = period.opened_by.date.value;
                let closed = period
                    .closed_by
                    .map_or(outcome, |e| e.date.value.min(outcome));
                if closed.last_day() < segment.from
                    || segment_last.is_some_and(|last| opened.first_day() > last)
                {
                    continue;
                }
                let start = if opened.first_day() >= segment.from {
                    opened
                } else {
                    Date::from_day(segment.from)
                };
                let (end, closed_by) = match segment_last {
                    Some(last) if closed.first_day() > last => (Date::from_day(last), None),
                    _ => (closed, period.closed_by.filter(|e| e.date.value <= outcome)),
                };
                let first = if opened.first_day() >= segment.from {
                    timeline
                        .position(period.opened_by.id.as_str())
                        .expect("in the timeline")
                } else {
                    timeline
                        .events
                        .partition_point(|e| e.date.first_day() < segment.from)
                };
                let last = match closed_by {
                    Some(e) => timeline.position(e.id.as_str()).expect("in the timeline"),
                    None => timeline
                        .events
                        .partition_point(|e| e.date.first_day() <= end.last_day())
                        .saturating_sub(1),
                };
                stretches.push(LeadStretch {
                    agency: segment.agency,
                    opened_by: period.opened_by,
                    closed_by,
                    start,
                    end,
                    positions: first..=last.max(first),
                });
            }
        }
        stretches
    }

    /// The events of a stretch, in timeline order.
    pub fn events_in(&self, stretch: &LeadStretch<'c>) -> &[&'c Event] {
        &self.graph.timeline.events[stretch.positions.clone()]
    }

    /// Whether the lead agency on `day` is `agency`, with its case open.
    pub fn lead_case_open_on(&self, day: NaiveDate) -> Option<&LeadStretch<'c>> {
        self.lead_stretches
            .iter()
            .find(|s| s.start.first_day() <= day && day <= s.end.last_day())
    }
}
