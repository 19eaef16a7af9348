//! Handoffs (referral, info_request, info_share) and their answers: the first event of the
//! receiving agency that names the handoff in `reply_to`; else, for a referral or an
//! information request, the receiving agency's first event after it (inferred). Answers
//! after the outcome do not count.

use std::collections::HashMap;

use super::Timeline;
use crate::model::{Case, Event, EventKind};

#[derive(Clone, Copy, Debug)]
pub struct Answer<'c> {
    pub event: &'c Event,
    /// No `reply_to` named the handoff: its answer is the receiver's next event.
    pub inferred: bool,
}

#[derive(Clone, Debug)]
pub struct Handoff<'c> {
    pub event: &'c Event,
    pub from: &'c str,
    pub to: &'c str,
    /// Sender and receiver are in different countries.
    pub cross_border: bool,
    pub answer: Option<Answer<'c>>,
}

/// Every handoff of the case in timeline order, each linked to its answer.
pub fn link_handoffs<'c>(case: &'c Case, timeline: &Timeline<'c>) -> Vec<Handoff<'c>> {
    let outcome_day = case.meta.outcome.date.last_day();
    let country = |agency: &str| case.agency(agency).map(|a| a.country.value.as_str());
    // The first event (in timeline order) naming each handoff in `reply_to`.
    let mut first_reply: HashMap<&str, &Event> = HashMap::new();
    for event in &timeline.events {
        if let Some(reply_to) = &event.reply_to {
            first_reply.entry(reply_to.as_str()).or_insert(event);
        }
    }
    let mut handoffs = Vec::new();
    for (position, event) in timeline.events.iter().enumerate() {
        let Some(to) = event.to.as_ref().filter(|_| event.kind.is_handoff()) else {
            continue;
        };
        let to = to.as_str();
        let explicit = first_reply
            .get(event.id.as_str())
            .filter(|reply| reply.agency.as_str() == to)
            .map(|reply| Answer {
                event: reply,
                inferred: false,
            });
        let inferred = || {
            if !event.kind.value.expects_answer() {
                return None;
            }
            timeline
                .next_of_agency(to, position, |e| e.kind.value != EventKind::Outcome)
                .map(|e| Answer {
                    event: e,
                    inferred: true,
                })
        };
        let answer = explicit
            .or_else(inferred)
            .filter(|a| a.event.date.first_day() <= outcome_day);
        handoffs.push(Handoff {
            event,
            from: event.agency.as_str(),
            to,
            cross_border: country(event.agency.as_str()) != country(to),
            answer,
        });
    }
    handoffs
}
