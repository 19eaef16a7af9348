//! Timeline order: by the start of the date's interval, then `order`, then id as text.
//! Never by position in a file, so nothing depends on how events are split or ordered.

use std::collections::HashMap;

use crate::model::{Case, Event};

/// The events of a case in timeline order, with a lookup from id to position.
pub struct Timeline<'c> {
    pub events: Vec<&'c Event>,
    position: HashMap<&'c str, usize>,
    /// Each agency's events, as timeline positions in order.
    by_agency: HashMap<&'c str, Vec<usize>>,
}

impl<'c> Timeline<'c> {
    pub fn new(case: &'c Case) -> Self {
        let mut events: Vec<&Event> = case.events.iter().collect();
        events.sort_by(|a, b| {
            (a.date.start(), a.order, a.id.as_str()).cmp(&(b.date.start(), b.order, b.id.as_str()))
        });
        let position = events
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.as_str(), i))
            .collect();
        let mut by_agency: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, event) in events.iter().enumerate() {
            by_agency.entry(event.agency.as_str()).or_default().push(i);
        }
        Timeline {
            events,
            position,
            by_agency,
        }
    }

    /// The event's place in timeline order.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.position.get(id).copied()
    }

    pub fn get(&self, id: &str) -> Option<&'c Event> {
        self.position(id).map(|i| self.events[i])
    }

    /// The events of an agency (whose `agency:` it is), in timeline order.
    pub fn of_agency<'t>(
        &'t self,
        agency: &str,
    ) -> impl DoubleEndedIterator<Item = &'c Event> + 't {
        self.positions_of(agency).iter().map(|&i| self.events[i])
    }

    /// The timeline positions of an agency's events, in order.
    pub fn positions_of(&self, agency: &str) -> &[usize] {
        self.by_agency.get(agency).map_or(&[], Vec::as_slice)
    }

    /// The agency's first event after timeline position `after`.
    pub fn next_of_agency(
        &self,
        agency: &str,
        after: usize,
        accept: impl Fn(&Event) -> bool,
    ) -> Option<&'c Event> {
        let positions = self.positions_of(agency);
        let start = positions.partition_point(|&p| p <= after);
        positions[start..]
            .iter()
            .map(|&p| self.events[p])
            .find(|e| accept(e))
    }
}
