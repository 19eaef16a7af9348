//! G019 adult-never-met: a father, step-parent or carer who appears in the case's events but
//! whom no child-protection or social-work agency met or spoke with before the outcome
//! ("invisible men": Child Safeguarding Practice Review Panel, 2021).

use std::collections::HashMap;

use super::{AnchorKind, FlagFacts, RuleContext, RuleDef, RuleOutput, Threshold};
use crate::analysis::Certainty;
use crate::methodology::{Fact, Message, key};
use crate::model::{Event, EventKind, Role};

pub const RULE: RuleDef = RuleDef {
    code: "G019",
    name: "adult-never-met",
    needs_lead: false,
    anchor: AnchorKind::Person,
    check,
};

/// What the events say of one adult: where the adult appears, and whether anyone met them.
struct Seen<'c> {
    events: Vec<&'c Event>,
    met: Certainty,
}

fn check(cx: &RuleContext, _threshold: &Threshold, out: &mut RuleOutput) {
    let case = cx.graph.case;
    let outcome = cx.outcome();
    let mut adults: HashMap<&str, Seen> = case
        .people
        .iter()
        .filter(|p| matches!(p.role.value, Role::Father | Role::StepParent | Role::Carer))
        .map(|p| {
            let seen = Seen {
                events: Vec::new(),
                met: Certainty::Never,
            };
            (p.id.as_str(), seen)
        })
        .collect();
    if adults.is_empty() {
        return;
    }
    for &event in &cx.graph.timeline.events {
        if event.kind.value == EventKind::Outcome {
            continue;
        }
        let meeting = event.kind.value == EventKind::Contact && cx.graph.by_social_care(event);
        let before_outcome = Certainty::from_bounds(
            event.date.first_day() < outcome.last_day(),
            event.date.last_day() < outcome.first_day(),
        );
        for person in &event.people {
            if let Some(seen) = adults.get_mut(person.as_str()) {
                seen.events.push(event);
                if meeting {
                    seen.met = seen.met.or(before_outcome);
                }
            }
        }
    }
    for person in &case.people {
        let Some(seen) = adults.get(person.id.as_str()) else {
            continue;
        };
        let Some(first) = seen.events.first() else {
            continue;
        };
        out.decide(!seen.met, || FlagFacts {
            code: RULE.code,
            anchor: vec![person.id.value.0.clone()],
            date: first.date.value,
            agency: None,
            // Where the adult appears: the first and the last event bound the question.
            events: std::iter::once(*first)
                .chain(
                    seen.events
                        .last()
                        .filter(|&&e| !std::ptr::eq(e, *first))
                        .copied(),
                )
                .map(|e| e.id.value.clone())
                .collect(),
            message: Message::new(key::G019).with("person", Fact::Person(person.id.value.clone())),
        });
    }
}
