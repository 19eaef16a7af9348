//! G012 incident-not-escalated: a moderate or severe incident recorded by an agency that is
//! not police, child protection or social work, with no handoff from that agency to one of
//! those, or to the child helpline, within the threshold.

use std::ops::Not;

use super::{AnchorKind, RuleContext, RuleDef, RuleOutput, Threshold, flag_on, in_time, limit};
use std::collections::HashMap;

use crate::analysis::Certainty;
use crate::graph::Handoff;
use crate::methodology::{Message, key};
use crate::model::{AgencyKind, EventKind, IncidentSeverity};

pub const RULE: RuleDef = RuleDef {
    code: "G012",
    name: "incident-not-escalated",
    needs_lead: false,
    anchor: AnchorKind::Event,
    check,
};

/// The agencies whose own incidents are outside the rule: they are where an incident goes.
fn handles_incidents(kind: Option<AgencyKind>) -> bool {
    kind.is_some_and(|k| k == AgencyKind::Police || k.is_social_care())
}

/// Where an incident may be passed: those agencies, and the child helpline, which LasteKS
/// § 27 lg 2 names beside the local authority as a recipient of a notification.
fn escalates_to(kind: Option<AgencyKind>) -> bool {
    handles_incidents(kind) || kind == Some(AgencyKind::Helpline)
}

fn check(cx: &RuleContext, threshold: &Threshold, out: &mut RuleOutput) {
    let limit = limit(threshold);
    // Each agency's handoffs to the police, child protection or social work.
    let mut sent: HashMap<&str, Vec<&Handoff>> = HashMap::new();
    for handoff in cx
        .graph
        .handoffs
        .iter()
        .filter(|h| escalates_to(cx.graph.agency_kind(h.to)))
    {
        sent.entry(handoff.from).or_default().push(handoff);
    }
    for &incident in cx
        .graph
        .timeline
        .events
        .iter()
        .filter(|e| e.kind.value == EventKind::Incident)
    {
        let grave = incident.severity.as_ref().is_some_and(|s| {
            matches!(
                s.value,
                IncidentSeverity::Moderate | IncidentSeverity::Severe
            )
        });
        let agency = incident.agency.as_str();
        if !grave || handles_incidents(cx.graph.agency_kind(agency)) {
            continue;
        }
        let mut escalated = Certainty::Never;
        for handoff in sent.get(agency).into_iter().flatten() {
            escalated = escalated.or(in_time(cx, &incident.date, &handoff.event.date, limit));
        }
        out.decide(
            escalated
                .not()
                .and(cx.passed_before_outcome(&incident.date, limit)),
            || {
                let message = Message::new(key::G012)
                    .agency("agency", Some(&incident.agency.value))
                    .duration("threshold", limit);
                flag_on(RULE.code, incident, &[], message)
            },
        );
    }
}
