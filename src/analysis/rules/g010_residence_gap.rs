//! G010 residence-gap: a residence period starts whose registered and actual municipalities
//! differ, and nothing reached the actual one from the registered one within the threshold.

use std::ops::Not;

use super::{
    FlagFacts, RuleContext, RuleDef, RuleOutput, Threshold, duration_label, limit, reached_within,
};
use crate::methodology::Label;

pub const RULE: RuleDef = RuleDef {
    code: "G010",
    name: "residence-gap",
    needs_lead: false,
    check,
};

fn check(cx: &RuleContext, threshold: &Threshold, out: &mut RuleOutput) {
    let limit = limit(threshold);
    let limit_label = duration_label(limit);
    for row in &cx.graph.case.residence {
        let (registered, actual) = (row.registered.as_str(), row.actual.as_str());
        if registered == actual || row.from.first_day() > cx.outcome().last_day() {
            continue;
        }
        let reached = reached_within(cx, registered, &row.from, actual, limit);
        out.decide(reached.not().and(cx.passed_before_outcome(&row.from, limit)), || FlagFacts {
            code: RULE.code,
            anchor: vec![row.from.value.to_string()],
            date: row.from.value,
            agency: Some(row.registered.value.clone()),
            events: Vec::new(),
            message: Label {
                et: format!("laps elas {actual} piirkonnas, registri järgi {registered}; {actual} ei saanud {registered}-lt teavet {} jooksul", limit_label.et),
                en: format!("the child lived in {actual}'s area, registered in {registered}'s; nothing reached {actual} from {registered} within {}", limit_label.en),
            },
        });
    }
}
