//! Reached: knowledge held by agency A from date t reaches B at the earliest date of a
//! time-respecting chain of handoffs A → … → B, each hop dated on or after the day its
//! sender came to know (same day counts). Meetings are not channels.
//!
//! With imprecise dates two bounds are kept per agency: the earliest day it could have
//! known (some placement of the dates allows it) and the day by which it certainly knew
//! (every placement allows it).

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::graph::Handoff;
use crate::model::Date;

/// When an agency came to know, as bounds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Known {
    /// The earliest day it could have known.
    pub earliest: NaiveDate,
    /// The day by which it knew whatever the placement of imprecise dates; `None` when
    /// no chain is certain.
    pub certainly_by: Option<NaiveDate>,
}

/// Handoffs sorted by their first day, for windowed scans.
pub struct Channels<'c> {
    hops: Vec<Hop<'c>>,
}

#[derive(Clone, Copy)]
struct Hop<'c> {
    from: &'c str,
    to: &'c str,
    first: NaiveDate,
    last: NaiveDate,
}

impl<'c> Channels<'c> {
    pub fn new(handoffs: &[Handoff<'c>]) -> Self {
        let mut hops: Vec<Hop> = handoffs
            .iter()
            .map(|h| Hop {
                from: h.from,
                to: h.to,
                first: h.event.date.first_day(),
                last: h.event.date.last_day(),
            })
            .collect();
        hops.sort_by_key(|h| h.first);
        Channels { hops }
    }

    /// Who could know, and when, from knowledge held by `sources` (agency, date), looking
    /// at handoffs up to `until` (inclusive). Pass `NaiveDate::MAX` for all.
    pub fn reach(&self, sources: &[(&'c str, &Date)], until: NaiveDate) -> HashMap<&'c str, Known> {
        let mut known: HashMap<&'c str, Known> = HashMap::new();
        for (agency, date) in sources {
            let entry = Known {
                earliest: date.first_day(),
                certainly_by: Some(date.last_day()),
            };
            known
                .entry(agency)
                .and_modify(|k| *k = earlier(*k, entry))
                .or_insert(entry);
        }
        let Some(start) = known.values().map(|k| k.earliest).min() else {
            return known;
        };
        // A hop known only to the year may start up to a year before its last day.
        let first = self
            .hops
            .partition_point(|h| h.last < start && h.first < crate::model::days_before(start, 366));
        let window: Vec<&Hop> = self.hops[first..]
            .iter()
            .take_while(|h| h.first <= until)
            .filter(|h| h.last >= start)
            .collect();
        // Hops are in date order, so one pass usually settles it; imprecise dates (and
        // same-day chains in any order) may need another.
        loop {
            let mut changed = false;
            for hop in &window {
                let Some(sender) = known.get(hop.from).copied() else {
                    continue;
                };
                let earliest =
                    (hop.last >= sender.earliest).then(|| hop.first.max(sender.earliest));
                let certainly = sender
                    .certainly_by
                    .filter(|&by| hop.first >= by)
                    .map(|_| hop.last);
                let Some(earliest) = earliest else { continue };
                let candidate = Known {
                    earliest,
                    certainly_by: certainly,
                };
                let receiver = known.entry(hop.to).or_insert(Known {
                    earliest: NaiveDate::MAX,
                    certainly_by: None,
                });
                let merged = earlier(*receiver, candidate);
                if merged != *receiver {
                    *receiver = merged;
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        known
    }
}

fn earlier(a: Known, b: Known) -> Known {
    let certainly_by = match (a.certainly_by, b.certainly_by) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, y) => x.or(y),
    };
    Known {
        earliest: a.earliest.min(b.earliest),
        certainly_by,
    }
}
