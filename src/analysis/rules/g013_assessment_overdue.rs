//! G013 assessment-overdue: an assessment whose first completion by the same agency came
//! later than the threshold, or never (once the threshold passed before the outcome).

use super::{RuleContext, RuleDef, RuleOutput, Threshold, duration_label, flag_on, limit};
use crate::methodology::Label;
use crate::model::EventKind;

pub const RULE: RuleDef = RuleDef {
    code: "G013",
    name: "assessment-overdue",
    needs_lead: false,
    check,
};

fn check(cx: &RuleContext, threshold: &Threshold, out: &mut RuleOutput) {
    let limit = limit(threshold);
    let limit_label = duration_label(limit);
    let events = &cx.graph.timeline.events;
    for (position, &start) in events
        .iter()
        .enumerate()
        .filter(|(_, e)| e.kind.value == EventKind::AssessmentStarted)
    {
        let agency = start.agency.as_str();
        let completion = cx.graph.timeline.next_of_agency(agency, position, |e| {
            e.kind.value == EventKind::AssessmentCompleted
        });
        let certainty = match completion {
            Some(done) => cx.calendar.longer_than(&start.date, &done.date, limit),
            None => cx.passed_before_outcome(&start.date, limit),
        };
        out.decide(certainty, || {
            let message = match completion {
                Some(done) => {
                    let days =
                        cx.calendar
                            .span(start.date.last_day(), done.date.first_day(), limit);
                    Label {
                        et: format!(
                            "{agency} hindamine kestis {days} päeva (lävi {})",
                            limit_label.et
                        ),
                        en: format!(
                            "{agency}'s assessment took {days} days (threshold {})",
                            limit_label.en
                        ),
                    }
                }
                None => Label {
                    et: format!("{agency} alustatud hindamist ei lõpetatud"),
                    en: format!("{agency}'s assessment was never completed"),
                },
            };
            flag_on(
                RULE.code,
                start,
                &completion.into_iter().collect::<Vec<_>>(),
                message,
            )
        });
    }
}
