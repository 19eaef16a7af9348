//! Who knew what, when: for every concern word, the day each agency could first have
//! known it, through time-respecting chains of handoffs from every event carrying it.

use std::collections::BTreeMap;

use super::{Known, RuleContext};
use crate::model::{Event, EventKind};

/// A concern, for G004 and the matrix: an event with a non-empty `concerns` list, or any
/// incident, except handoffs and the outcome.
pub fn is_concern(event: &Event) -> bool {
    !event.kind.is_handoff()
        && event.kind.value != EventKind::Outcome
        && (!event.concerns.is_empty() || event.kind.value == EventKind::Incident)
}

/// Concern word → agency → when it first knew.
pub type KnowledgeMatrix = BTreeMap<String, BTreeMap<String, Known>>;

/// The matrix: one multi-source pass over the handoffs per concern word. An incident
/// without concern words is filed under `incident`.
pub fn knowledge_matrix(cx: &RuleContext) -> KnowledgeMatrix {
    let mut sources: BTreeMap<String, Vec<&Event>> = BTreeMap::new();
    for &event in cx.graph.timeline.events.iter().filter(|e| is_concern(e)) {
        if event.concerns.is_empty() {
            sources
                .entry("incident".to_owned())
                .or_default()
                .push(event);
        }
        for word in &event.concerns {
            sources.entry(word.value.clone()).or_default().push(event);
        }
    }
    sources
        .into_iter()
        .map(|(word, events)| {
            let starts: Vec<(&str, &crate::model::Date)> = events
                .iter()
                .map(|e| (e.agency.as_str(), &e.date.value))
                .collect();
            let known = cx.channels.reach(&starts, chrono::NaiveDate::MAX);
            (
                word,
                known
                    .into_iter()
                    .map(|(agency, k)| (agency.to_owned(), k))
                    .collect(),
            )
        })
        .collect()
}
