//! Shared by G003 and G006: stretches of an open lead case with nothing of a kind in them.

use super::{RuleContext, RuleOutput, Threshold, flag_on, limit};
use crate::methodology::{Key, Message};
use crate::model::{Date, Event};

/// Flags every gap longer than the threshold between the events that `counts` accepts,
/// inside each stretch of an open lead case: from the stretch's start, between them, and
/// to the stretch's end (closure, lead change or outcome). Each flag hangs on the event
/// that starts the gap: the last counted event, else the one that opened the period.
pub fn flag_gaps(
    cx: &RuleContext,
    threshold: &Threshold,
    out: &mut RuleOutput,
    code: &'static str,
    counts: impl Fn(&RuleContext, &str, &Event) -> bool,
    message: Key,
) {
    let limit = limit(threshold);
    for stretch in &cx.lead_stretches {
        let mut points: Vec<(&Event, Date)> = vec![(stretch.opened_by, stretch.start)];
        points.extend(
            cx.events_in(stretch)
                .iter()
                .filter(|e| counts(cx, stretch.agency, e))
                .map(|e| (*e, e.date.value)),
        );
        for (i, (anchor, from)) in points.iter().enumerate() {
            let (next, until) = match points.get(i + 1) {
                Some((next, date)) => (Some(*next), *date),
                None => (stretch.closed_by, stretch.end),
            };
            let certainty = cx.calendar.longer_than(from, &until, limit);
            out.decide(certainty, || {
                let days = cx.calendar.span(from.last_day(), until.first_day(), limit);
                let others: Vec<&Event> = next.into_iter().collect();
                let message = Message::new(message)
                    .number("days", days)
                    .duration("threshold", limit);
                flag_on(code, anchor, &others, message)
            });
        }
    }
}
