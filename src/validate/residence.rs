//! Residence periods: distinct starts, and changes of where the child lived matched by
//! `move` events (a warning either way, within 30 days).

use super::Context;
use crate::diagnostics::{Code, Diagnostic};
use crate::model::{Date, Event, EventKind, Residence, days_between};

/// How far apart a residence change and its `move` may be.
const MATCH_DAYS: i64 = 30;

pub(super) fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let mut rows: Vec<&Residence> = cx.case.residence.iter().collect();
    rows.sort_by_key(|r| r.from.value);
    for pair in rows.windows(2) {
        if pair[0].from.first_day() == pair[1].from.first_day()
            && pair[0].from.precision() == pair[1].from.precision()
        {
            out.push(
                Diagnostic::new(
                    Code::ResidenceClash,
                    format!("two residence periods start on {}", pair[1].from.value),
                )
                .at(&pair[1].from.span)
                .label("a period already starts here"),
            );
        }
    }
    let changes: Vec<&Residence> = rows
        .windows(2)
        .filter(|p| p[0].actual.value != p[1].actual.value)
        .map(|p| p[1])
        .collect();
    let moves: Vec<&Event> = cx
        .case
        .events
        .iter()
        .filter(|e| e.kind.value == EventKind::Move)
        .collect();
    for change in &changes {
        let matched = moves.iter().any(|m| {
            m.to_place.as_ref().map(|t| &t.value) == Some(&change.actual.value)
                && near(&m.date, &change.from)
        });
        if !matched {
            out.push(
                Diagnostic::new(
                    Code::UnmatchedMove,
                    format!("the child's residence changes to `{}` on {}, but no `move` event matches it", change.actual.value, change.from.value),
                )
                .at(&change.from.span)
                .label(format!("no `move` to `{}` within {MATCH_DAYS} days", change.actual.value))
                .help("add the `move` event, or check the dates"),
            );
        }
    }
    if rows.is_empty() {
        return;
    }
    for m in moves {
        let Some(to_place) = &m.to_place else {
            continue;
        };
        let matched = changes
            .iter()
            .any(|c| c.actual.value == to_place.value && near(&m.date, &c.from));
        if !matched {
            out.push(
                Diagnostic::new(
                    Code::UnmatchedMove,
                    format!("move `{}` to `{}` has no residence period starting within {MATCH_DAYS} days", m.id.value, to_place.value),
                )
                .at(&m.date.span)
                .label("no matching residence change")
                .help(format!("add `- {{ from: …, registered: …, actual: {} }}` under `residence:`", to_place.value)),
            );
        }
    }
}

/// Whether two dates can lie within the matching window of each other.
fn near(a: &Date, b: &Date) -> bool {
    let gap = if a.last_day() < b.first_day() {
        days_between(a.last_day(), b.first_day())
    } else if b.last_day() < a.first_day() {
        days_between(b.last_day(), a.first_day())
    } else {
        0
    };
    gap <= MATCH_DAYS
}
