//! Timeline order: by the start of the date's interval, then `order`, then id as text.
//! Never by position in a file, so nothing depends on how events are split or ordered.

use std::collections::HashMap;

use crate::model::{Case, Event};

/// The events of a case in timeline order, with a lookup from id to position.
pub struct Timeline<'c> {
    pub events: Vec<&'c Event>,
    position: HashMap<&'c str, usize>,
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
        Timeline { events, position }
    }

    /// The event's place in timeline order.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.position.get(id).copied()
    }

    pub fn get(&self, id: &str) -> Option<&'c Event> {
        self.position(id).map(|i| self.events[i])
    }
}
