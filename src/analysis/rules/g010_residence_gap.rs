//! G010 residence-gap: a residence period starts whose registered and actual municipalities
//! differ, and nothing reached the actual one from the registered one within the threshold.

use std::ops::Not;

use super::{
    AnchorKind, FlagFacts, RuleContext, RuleDef, RuleOutput, Threshold, limit, reached_within,
};
use crate::methodology::{Message, key};

pub const RULE: RuleDef = RuleDef {
    code: "G010",
    name: "residence-gap",
    needs_lead: false,
    anchor: AnchorKind::ResidenceStart,
    check,
};

fn check(cx: &RuleContext, threshold: &Threshold, out: &mut RuleOutput) {
    let limit = limit(threshold);
    for row in &cx.graph.case.residence {
        let (registered, actual) = (row.registered.as_str(), row.actual.as_str());
        if registered == actual || row.from.first_day() > cx.outcome().last_day() {
            continue;
        }
        let reached = reached_within(cx, registered, &row.from, actual, limit);
        out.decide(
            reached
                .not()
                .and(cx.passed_before_outcome(&row.from, limit)),
            || FlagFacts {
                code: RULE.code,
                anchor: vec![row.from.value.to_string()],
                date: row.from.value,
                agency: Some(row.registered.value.clone()),
                events: Vec::new(),
                message: Message::new(key::G010)
                    .agency("actual", Some(&row.actual.value))
                    .agency("registered", Some(&row.registered.value))
                    .duration("threshold", limit),
            },
        );
    }
}
