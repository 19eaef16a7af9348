//! G003 child-not-seen: while the case is open, a stretch longer than the threshold with
//! no `child_seen: true` by any child-protection or social-work agency.

use super::stretches::flag_gaps;
use super::{AnchorKind, RuleContext, RuleDef, RuleOutput, Threshold};
use crate::methodology::key;
use crate::model::Event;

pub const RULE: RuleDef = RuleDef {
    code: "G003",
    name: "child-not-seen",
    needs_lead: true,
    anchor: AnchorKind::Event,
    check,
};

fn check(cx: &RuleContext, threshold: &Threshold, out: &mut RuleOutput) {
    flag_gaps(
        cx,
        threshold,
        out,
        RULE.code,
        seen_by_social_care,
        key::G003,
    );
}

fn seen_by_social_care(cx: &RuleContext, _lead: &str, event: &Event) -> bool {
    event.child_seen && cx.graph.by_social_care(event)
}
