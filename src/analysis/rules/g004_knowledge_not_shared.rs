//! G004 knowledge-not-shared: an agency other than the lead recorded a concern, and no
//! time-respecting chain of handoffs from it reached the lead agency within the threshold.

use std::ops::Not;

use super::{
    AnchorKind, RuleContext, RuleDef, RuleOutput, Threshold, flag_on, limit, reached_within,
};
use crate::analysis::knowledge::is_concern;
use crate::methodology::{Message, key};
use crate::model::Id;

pub const RULE: RuleDef = RuleDef {
    code: "G004",
    name: "knowledge-not-shared",
    needs_lead: true,
    anchor: AnchorKind::Event,
    check,
};

fn check(cx: &RuleContext, threshold: &Threshold, out: &mut RuleOutput) {
    let limit = limit(threshold);
    for &event in cx.graph.timeline.events.iter().filter(|e| is_concern(e)) {
        let Some(lead) = cx.graph.lead.at(event.date.first_day()) else {
            continue;
        };
        let agency = event.agency.as_str();
        if agency == lead {
            continue;
        }
        let reached = reached_within(cx, agency, &event.date, lead, limit);
        let certainty = reached
            .not()
            .and(cx.passed_before_outcome(&event.date, limit));
        out.decide(certainty, || {
            let message = Message::new(key::G004)
                .agency("agency", Some(&event.agency.value))
                .agency("lead", Some(&Id(lead.to_owned())))
                .duration("threshold", limit);
            flag_on(RULE.code, event, &[], message)
        });
    }
}
