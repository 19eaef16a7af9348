//! G006 drift: while the case is open, a stretch longer than the threshold with no event
//! of the lead agency.

use super::stretches::flag_gaps;
use super::{RuleContext, RuleDef, RuleOutput, Threshold};
use crate::methodology::Label;
use crate::model::Event;

pub const RULE: RuleDef = RuleDef {
    code: "G006",
    name: "drift",
    needs_lead: true,
    check,
};

fn check(cx: &RuleContext, threshold: &Threshold, out: &mut RuleOutput) {
    flag_gaps(
        cx,
        threshold,
        out,
        RULE.code,
        event_of_lead,
        |days, limit| Label {
            et: format!(
                "juhtiv asutus ei teinud juhtumis midagi {days} päeva (lävi {})",
                limit.et
            ),
            en: format!(
                "the lead agency recorded nothing on the case for {days} days (threshold {})",
                limit.en
            ),
        },
    );
}

/// Handoffs the lead received and meetings it only attended are not its events.
fn event_of_lead(_cx: &RuleContext, lead: &str, event: &Event) -> bool {
    event.agency.as_str() == lead
}
