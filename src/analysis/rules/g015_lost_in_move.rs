//! G015 lost-in-move: a move to another agency's area while the case of the lead agency of
//! the day before was open, and nothing reached the `to_place` agency from that lead within
//! the threshold.

use std::ops::Not;

use chrono::Days;

use super::{
    RuleContext, RuleDef, RuleOutput, Threshold, duration_label, flag_on, limit, reached_within,
};
use crate::methodology::Label;
use crate::model::EventKind;

pub const RULE: RuleDef = RuleDef {
    code: "G015",
    name: "lost-in-move",
    needs_lead: true,
    check,
};

fn check(cx: &RuleContext, threshold: &Threshold, out: &mut RuleOutput) {
    let limit = limit(threshold);
    let limit_label = duration_label(limit);
    for &event in cx
        .graph
        .timeline
        .events
        .iter()
        .filter(|e| e.kind.value == EventKind::Move)
    {
        let Some(place) = event.to_place.as_ref().map(|p| p.as_str()) else {
            continue;
        };
        let day_before = event.date.first_day() - Days::new(1);
        let Some(stretch) = cx.lead_case_open_on(day_before) else {
            continue;
        };
        let lead = stretch.agency;
        if lead == place {
            continue;
        }
        let reached = reached_within(cx, lead, &event.date, place, limit);
        out.decide(reached.not().and(cx.passed_before_outcome(&event.date, limit)), || {
            let message = Label {
                et: format!("laps kolis {place} piirkonda, kui {lead} juhtum oli avatud; {place} ei saanud {lead}-lt teavet {} jooksul", limit_label.et),
                en: format!("the child moved to {place}'s area while {lead}'s case was open; nothing reached {place} from {lead} within {}", limit_label.en),
            };
            flag_on(RULE.code, event, &[], message)
        });
    }
}
