//! Each event on its own and against the case: the kind's required fields, answers,
//! the one outcome, the review period, provenance and the notifier's confidentiality.

use super::Context;
use crate::diagnostics::{Code, Diagnostic};
use crate::format::EVENT_KIND_NEEDS;
use crate::model::{Event, EventKind};

pub(super) fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for event in &cx.case.events {
        required_fields(event, out);
        answer(cx, event, out);
        placement_in_time(cx, event, out);
        if event.source.is_none() {
            out.push(
                Diagnostic::new(
                    Code::MissingSource,
                    format!("event `{}` has no `source`", event.id.value),
                )
                .at(&event.id.span)
                .label("where did the reviewer read this?")
                .help("add `source:` naming the record, e.g. \"STAR, juhtum 4411, kanne 2\""),
            );
        }
        notifier_not_named(cx, event, out);
    }
    outcome_event(cx, out);
}

/// Whether an event has a value for one of its keys (a list: a non-empty one).
fn has(event: &Event, key: &str) -> bool {
    match key {
        "people" => !event.people.is_empty(),
        "concerns" => !event.concerns.is_empty(),
        "to" => event.to.is_some(),
        "invited" => !event.invited.is_empty(),
        "attended" => !event.attended.is_empty(),
        "decision" => event.decision.is_some(),
        "service" => event.service.is_some(),
        "to_place" => event.to_place.is_some(),
        // A key the format's kind needs but this function does not know: a test fails.
        _ => false,
    }
}

/// The fields an event's kind needs, as `format::EVENT_KIND_NEEDS` declares them.
fn required_fields(event: &Event, out: &mut Vec<Diagnostic>) {
    let missing = EVENT_KIND_NEEDS
        .iter()
        .find(|needs| needs.kinds.contains(&event.kind.value))
        .filter(|needs| !needs.any.iter().any(|key| has(event, key)))
        .map(|needs| {
            let keys: Vec<String> = needs.any.iter().map(|k| format!("`{k}`")).collect();
            keys.join(" or ")
        });
    if let Some(field) = missing {
        out.push(
            Diagnostic::new(
                Code::MissingField,
                format!(
                    "event `{}` is a `{}` without {field}",
                    event.id.value, event.kind.value
                ),
            )
            .at(&event.kind.span)
            .label(format!("a `{}` needs {field}", event.kind.value)),
        );
    }
}

/// `reply_to` must name a handoff sent to this event's agency, dated no later than it.
fn answer(cx: &Context, event: &Event, out: &mut Vec<Diagnostic>) {
    let Some(reply_to) = &event.reply_to else {
        return;
    };
    let Some(handoff) = cx.events.get(reply_to.as_str()) else {
        return;
    };
    if !handoff.kind.is_handoff() {
        out.push(
            Diagnostic::new(
                Code::ReplyToWrongAgency,
                format!(
                    "`reply_to` names `{}`, a `{}`, not a handoff",
                    handoff.id.value, handoff.kind.value
                ),
            )
            .at(&reply_to.span)
            .label("not a referral, info_request or info_share")
            .help("an event answers a handoff; drop `reply_to` or name the handoff it answers"),
        );
        return;
    }
    // A handoff to an undeclared agency is reported where it is sent; say nothing twice.
    let to_known = handoff
        .to
        .as_ref()
        .is_some_and(|t| cx.agencies.contains(t.as_str()));
    if to_known && handoff.to.as_ref().map(|t| &t.value) != Some(&event.agency.value) {
        let to = handoff
            .to
            .as_ref()
            .map_or("nobody".to_owned(), |t| format!("`{}`", t.value));
        out.push(
            Diagnostic::new(
                Code::ReplyToWrongAgency,
                format!(
                    "`{}` answers `{}`, which was sent to {to}, not to `{}`",
                    event.id.value, handoff.id.value, event.agency.value
                ),
            )
            .at(&reply_to.span)
            .label("a handoff to another agency")
            .help("only the receiving agency answers a handoff"),
        );
    }
    if event.date.last_day() < handoff.date.first_day() {
        out.push(
            Diagnostic::new(
                Code::AnswerBeforeHandoff,
                format!(
                    "`{}` ({}) answers `{}`, dated later ({})",
                    event.id.value, event.date.value, handoff.id.value, handoff.date.value
                ),
            )
            .at(&event.date.span)
            .label("before the handoff it answers"),
        );
    }
}

fn placement_in_time(cx: &Context, event: &Event, out: &mut Vec<Diagnostic>) {
    let outcome = &cx.case.meta.outcome.date;
    if event.kind.value != EventKind::Outcome && event.date.first_day() > outcome.last_day() {
        out.push(
            Diagnostic::new(
                Code::AfterOutcome,
                format!(
                    "event `{}` is dated after the outcome ({})",
                    event.id.value, outcome.value
                ),
            )
            .at(&event.date.span)
            .label("after the outcome")
            .help("it is still analysed; check the date"),
        );
        return;
    }
    if let Some(period) = &cx.case.meta.review.period
        && !period.contains(&event.date)
    {
        out.push(
            Diagnostic::new(
                Code::OutsideReviewPeriod,
                format!(
                    "event `{}` lies outside the review period {} – {}",
                    event.id.value, period.from, period.to
                ),
            )
            .at(&event.date.span)
            .label("outside the review period")
            .help("it is still analysed; widen `review.period` or check the date"),
        );
    }
}

fn outcome_event(cx: &Context, out: &mut Vec<Diagnostic>) {
    let outcome = &cx.case.meta.outcome;
    let events: Vec<&Event> = cx
        .case
        .events
        .iter()
        .filter(|e| e.kind.value == EventKind::Outcome)
        .collect();
    if events.is_empty() {
        out.push(
            Diagnostic::new(Code::OutcomeEvent, "no event has `kind: outcome`")
                .at(&outcome.date.span)
                .label("the outcome has no event")
                .help(format!(
                    "add the event of the outcome, dated {}",
                    outcome.date.value
                )),
        );
    }
    for extra in events.iter().skip(1) {
        out.push(
            Diagnostic::new(
                Code::OutcomeEvent,
                format!("`{}` is a second `outcome` event", extra.id.value),
            )
            .at(&extra.kind.span)
            .label("the case has one outcome")
            .help(format!("the outcome event is `{}`", events[0].id.value)),
        );
    }
    if let Some(first) = events.first()
        && (first.date.first_day(), first.date.last_day())
            != (outcome.date.first_day(), outcome.date.last_day())
    {
        out.push(
            Diagnostic::new(
                Code::OutcomeEvent,
                format!(
                    "the outcome event `{}` is dated {}, the case's outcome {}",
                    first.id.value, first.date.value, outcome.date.value
                ),
            )
            .at(&first.date.span)
            .label("not on `case.outcome.date`"),
        );
    }
}

/// A confidential notification's summary must not name the people of the case.
fn notifier_not_named(cx: &Context, event: &Event, out: &mut Vec<Diagnostic>) {
    let (true, Some(summary)) = (event.notifier_confidential, &event.summary) else {
        return;
    };
    let lowercase = summary.value.to_lowercase();
    for person in &cx.case.people {
        // A label is a pseudonym written as a name ("Ema", "Laps M"): matched as written, so
        // the common noun in "ema elukaaslane joob" is not taken for it. Aliases are real
        // names and spellings: matched in any case.
        let labelled = contains_word(&summary.value, &person.label.value);
        let aliased = person
            .aliases
            .iter()
            .any(|a| contains_word(&lowercase, &a.value.to_lowercase()));
        if labelled || aliased {
            // The message names the person's id, never the label: it may be personal data.
            out.push(
                Diagnostic::new(
                    Code::NotifierNamed,
                    format!("the summary of confidential notification `{}` contains the label of person `{}`", event.id.value, person.id.value),
                )
                .at(&summary.span)
                .label("may identify who notified")
                .help("describe the notification without naming anyone (LasteKS § 27 lg 5)"),
            );
        }
    }
}

/// Whether `needle` occurs in `text` between word boundaries.
pub(crate) fn contains_word(text: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return false;
    }
    text.match_indices(needle).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + needle.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every key an event kind needs is one `has` can tell about: a key added to
    /// `EVENT_KIND_NEEDS` must be taught to it.
    #[test]
    fn every_key_a_kind_needs_is_known() {
        use crate::model::*;
        let at = |v: &str| Spanned::unplaced(Id(v.to_owned()));
        let text = |v: &str| Spanned::unplaced(v.to_owned());
        let event = Event {
            id: at("e1"),
            date: Spanned::unplaced(Date::parse("2024-01-01").unwrap()),
            approx: false,
            agency: at("a"),
            kind: Spanned::unplaced(EventKind::Meeting),
            to: Some(at("b")),
            reply_to: None,
            people: vec![at("p")],
            child_seen: false,
            child_seen_alone: false,
            child_in_danger: false,
            child_views: None,
            concerns: vec![text("neglect")],
            channel: None,
            mode: None,
            summary: None,
            source: None,
            note: None,
            action: None,
            order: 0,
            notifier_confidential: false,
            invited: vec![at("b")],
            attended: vec![at("b")],
            decision: Some(Spanned::unplaced(DecisionKind::Other)),
            service: Some(text("x")),
            severity: None,
            to_place: Some(at("b")),
        };
        for needs in EVENT_KIND_NEEDS {
            for key in needs.any {
                assert!(has(&event, key), "`has` does not know `{key}`");
            }
        }
    }
}
