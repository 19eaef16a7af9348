//! G003 child-not-seen: while the case is open, a stretch longer than the threshold with
//! no `child_seen: true` by any child-protection or social-work agency.

use super::stretches::flag_gaps;
use super::{RuleContext, RuleDef, RuleOutput, Threshold};
use crate::methodology::Label;
use crate::model::Event;

pub const RULE: RuleDef = RuleDef {
    code: "G003",
    name: "child-not-seen",
    needs_lead: true,
    check,
};

fn check(cx: &RuleContext, threshold: &Threshold, out: &mut RuleOutput) {
    flag_gaps(
        cx,
        threshold,
        out,
        RULE.code,
        seen_by_social_care,
        |days, limit| Label {
            et: format!(
                "lastekaitse ega sotsiaaltöö ei näinud last {days} päeva (lävi {})",
                limit.et
            ),
            en: format!(
                "no child-protection or social-work agency saw the child for {days} days (threshold {})",
                limit.en
            ),
        },
    );
}

fn seen_by_social_care(cx: &RuleContext, _lead: &str, event: &Event) -> bool {
    event.child_seen
        && cx
            .graph
            .agency_kind(event.agency.as_str())
            .is_some_and(|k| k.is_social_care())
}
