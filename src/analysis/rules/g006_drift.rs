//! G006 drift: while the case is open, a stretch longer than the threshold with no event
//! of the lead agency.

use super::stretches::flag_gaps;
use super::{AnchorKind, RuleContext, RuleDef, RuleOutput, Threshold};
use crate::methodology::key;
use crate::model::Event;

pub const RULE: RuleDef = RuleDef {
    code: "G006",
    name: "drift",
    needs_lead: true,
    anchor: AnchorKind::Event,
    check,
};

fn check(cx: &RuleContext, threshold: &Threshold, out: &mut RuleOutput) {
    flag_gaps(cx, threshold, out, RULE.code, event_of_lead, key::G006);
}

/// Handoffs the lead received and meetings it only attended are not its events.
fn event_of_lead(_cx: &RuleContext, lead: &str, event: &Event) -> bool {
    event.agency.as_str() == lead
}
