//! G009 agency-missing-from-meeting: a multi-agency meeting that an agency in contact with
//! the child during the preceding window did not attend, whether invited or not. The
//! agency that records the meeting attends it.

use std::ops::Not;

use super::{AnchorKind, FlagFacts, RuleContext, RuleDef, RuleOutput, Threshold, limit};
use std::collections::HashMap;

use crate::analysis::Certainty;
use crate::methodology::{Message, key};
use crate::model::{Event, EventKind, days_before};

pub const RULE: RuleDef = RuleDef {
    code: "G009",
    name: "agency-missing-from-meeting",
    needs_lead: false,
    anchor: AnchorKind::MeetingAgency,
    check,
};

fn check(cx: &RuleContext, threshold: &Threshold, out: &mut RuleOutput) {
    let window = limit(threshold);
    let events = &cx.graph.timeline.events;
    // Each agency's contacts with the child, in timeline order (by the start of their dates).
    let contacts: HashMap<&str, Vec<&Event>> = cx
        .graph
        .case
        .agencies
        .iter()
        .map(|a| {
            (
                a.id.as_str(),
                cx.graph
                    .timeline
                    .of_agency(a.id.as_str())
                    .filter(|e| cx.graph.is_child_contact(e))
                    .collect(),
            )
        })
        .collect();
    for &meeting in events.iter().filter(|e| e.kind.value == EventKind::Meeting) {
        // Contacts that start after the meeting's last day, or long before it, cannot count.
        let oldest = days_before(
            meeting.date.first_day(),
            u64::from(window.amount()) * 2 + 366,
        );
        let present = |agency: &str| {
            meeting.agency.as_str() == agency
                || meeting.attended.iter().any(|a| a.as_str() == agency)
        };
        for agency in &cx.graph.case.agencies {
            let agency = agency.id.as_str();
            if present(agency) {
                continue;
            }
            let mut contact = Certainty::Never;
            let mut evidence: Option<&Event> = None;
            let own = &contacts[agency];
            let from = own.partition_point(|e| e.date.first_day() < oldest);
            let to = own.partition_point(|e| e.date.first_day() <= meeting.date.last_day());
            for &event in &own[from..to] {
                let before = Certainty::from_bounds(
                    event.date.first_day() <= meeting.date.last_day(),
                    event.date.last_day() <= meeting.date.first_day(),
                );
                let recent = cx
                    .calendar
                    .longer_than(&event.date, &meeting.date, window)
                    .not();
                let this = before.and(recent);
                if this != Certainty::Never {
                    evidence = Some(event);
                }
                contact = contact.or(this);
            }
            out.decide(contact, || {
                let invited = meeting.invited.iter().any(|i| i.as_str() == agency);
                let message = if invited {
                    key::G009_INVITED
                } else {
                    key::G009_NOT_INVITED
                };
                let agency = crate::model::Id(agency.to_owned());
                FlagFacts {
                    code: RULE.code,
                    anchor: vec![meeting.id.value.0.clone(), agency.0.clone()],
                    date: meeting.date.value,
                    agency: Some(agency.clone()),
                    events: std::iter::once(meeting)
                        .chain(evidence)
                        .map(|e| e.id.value.clone())
                        .collect(),
                    message: Message::new(message).agency("agency", Some(&agency)),
                }
            });
        }
    }
}
