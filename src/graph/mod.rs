//! The case as a network: agencies and people as nodes; contacts, handoffs and meeting
//! attendance as dated edges. Handoffs are linked to their answers; the lead agency over
//! time and the agencies' open periods are derived here, once, for every rule.

mod handoffs;
mod lead;
mod timeline;

use std::collections::HashMap;

use petgraph::graph::{DiGraph, NodeIndex};

pub use handoffs::{Answer, Handoff, link_handoffs};
pub use lead::{LeadHistory, LeadSegment, OpenPeriod, open_periods};
pub use timeline::Timeline;

use crate::model::{Case, Event, EventKind, Role};

#[derive(Clone, Copy, Debug)]
pub enum Node<'c> {
    Agency(&'c crate::model::Agency),
    Person(&'c crate::model::Person),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EdgeKind {
    /// The agency met or spoke with the person (the event's `people`).
    Contact,
    /// Knowledge passed from one agency to another.
    Handoff,
    /// The agency was present at a meeting recorded by the target agency.
    Attended,
    /// The agency was invited to a meeting recorded by the target agency, and did not attend.
    InvitedAbsent,
}

#[derive(Clone, Copy, Debug)]
pub struct Edge<'c> {
    pub kind: EdgeKind,
    pub event: &'c Event,
}

/// The analysed structure of a case that every rule reads.
pub struct CaseGraph<'c> {
    pub case: &'c Case,
    pub timeline: Timeline<'c>,
    pub handoffs: Vec<Handoff<'c>>,
    pub lead: LeadHistory<'c>,
    pub network: DiGraph<Node<'c>, Edge<'c>>,
    agency_nodes: HashMap<&'c str, NodeIndex>,
    child: Option<&'c str>,
}

impl<'c> CaseGraph<'c> {
    pub fn build(case: &'c Case) -> Self {
        let timeline = Timeline::new(case);
        let handoffs = link_handoffs(case, &timeline);
        let lead = LeadHistory::new(case);
        let mut network = DiGraph::new();
        let agency_nodes: HashMap<&str, NodeIndex> = case
            .agencies
            .iter()
            .map(|a| (a.id.as_str(), network.add_node(Node::Agency(a))))
            .collect();
        let person_nodes: HashMap<&str, NodeIndex> = case
            .people
            .iter()
            .map(|p| (p.id.as_str(), network.add_node(Node::Person(p))))
            .collect();
        for &event in &timeline.events {
            let Some(&agency) = agency_nodes.get(event.agency.as_str()) else {
                continue;
            };
            let mut edge = |to: Option<&NodeIndex>, kind| {
                if let Some(&to) = to {
                    network.add_edge(agency, to, Edge { kind, event });
                }
            };
            if event.kind.is_handoff() {
                edge(
                    event.to.as_ref().and_then(|t| agency_nodes.get(t.as_str())),
                    EdgeKind::Handoff,
                );
            } else if event.kind.value != EventKind::Outcome {
                for person in &event.people {
                    edge(person_nodes.get(person.as_str()), EdgeKind::Contact);
                }
            }
            if event.kind.value == EventKind::Meeting {
                // The recording agency attends its own meeting; no loop is drawn for it.
                for attendee in event
                    .attended
                    .iter()
                    .filter(|a| a.value != event.agency.value)
                {
                    if let Some(&from) = agency_nodes.get(attendee.as_str()) {
                        network.add_edge(
                            from,
                            agency,
                            Edge {
                                kind: EdgeKind::Attended,
                                event,
                            },
                        );
                    }
                }
                for invitee in event.invited.iter().filter(|i| !event.attended.contains(i)) {
                    if let Some(&from) = agency_nodes.get(invitee.as_str()) {
                        network.add_edge(
                            from,
                            agency,
                            Edge {
                                kind: EdgeKind::InvitedAbsent,
                                event,
                            },
                        );
                    }
                }
            }
        }
        let child = case
            .people
            .iter()
            .find(|p| p.role.value == Role::Child)
            .map(|p| p.id.as_str());
        CaseGraph {
            case,
            timeline,
            handoffs,
            lead,
            network,
            agency_nodes,
            child,
        }
    }

    /// In contact with the child: `child_seen: true` or the child among `people`; never the
    /// outcome event.
    pub fn is_child_contact(&self, event: &Event) -> bool {
        event.kind.value != EventKind::Outcome
            && (event.child_seen
                || self
                    .child
                    .is_some_and(|c| event.people.iter().any(|p| p.as_str() == c)))
    }

    pub fn agency_node(&self, agency: &str) -> Option<NodeIndex> {
        self.agency_nodes.get(agency).copied()
    }

    pub fn agency_kind(&self, agency: &str) -> Option<crate::model::AgencyKind> {
        self.case.agency(agency).map(|a| a.kind.value)
    }

    /// Recorded by child protection or social work: the agencies whose sightings and
    /// contacts the rules count (G003, G018, G019).
    pub fn by_social_care(&self, event: &Event) -> bool {
        self.agency_kind(event.agency.as_str())
            .is_some_and(|k| k.is_social_care())
    }
}
