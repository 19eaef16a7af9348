//! G014 isolated-agency: an agency in contact with the child that neither sent nor received
//! any handoff and was in no meeting (invited, present, or recording it).

use petgraph::Direction;

use super::{AnchorKind, FlagFacts, RuleContext, RuleDef, RuleOutput, Threshold};
use crate::analysis::Certainty;
use crate::graph::EdgeKind;
use crate::methodology::{Message, key};
use crate::model::{Event, EventKind};

pub const RULE: RuleDef = RuleDef {
    code: "G014",
    name: "isolated-agency",
    needs_lead: false,
    anchor: AnchorKind::Agency,
    check,
};

fn check(cx: &RuleContext, _threshold: &Threshold, out: &mut RuleOutput) {
    let graph = cx.graph;
    for agency in &graph.case.agencies {
        let id = agency.id.as_str();
        let Some(node) = graph.agency_node(id) else {
            continue;
        };
        let contacts: Vec<&Event> = graph
            .timeline
            .of_agency(id)
            .filter(|e| graph.is_child_contact(e))
            .collect();
        let Some(first) = contacts.first() else {
            continue;
        };
        let connected = [Direction::Outgoing, Direction::Incoming]
            .into_iter()
            .any(|direction| {
                graph
                    .network
                    .edges_directed(node, direction)
                    .any(|edge| edge.weight().kind != EdgeKind::Contact)
            });
        let records_meeting = graph
            .timeline
            .of_agency(id)
            .any(|e| e.kind.value == EventKind::Meeting);
        if connected || records_meeting {
            continue;
        }
        out.decide(Certainty::Always, || FlagFacts {
            code: RULE.code,
            anchor: vec![id.to_owned()],
            date: first.date.value,
            agency: Some(agency.id.value.clone()),
            events: contacts.iter().map(|e| e.id.value.clone()).collect(),
            message: Message::new(key::G014).agency("agency", Some(&agency.id.value)),
        });
    }
}
