//! The integrated chronology, and how the rest of the report cites its events: by date and
//! agency, as a reader finds them in the chronology, linked to the row, with the id beside.

use serde::Serialize;

use super::{Context, text};
use crate::methodology::key;
use crate::model::*;

#[derive(Serialize)]
pub struct ChronologyRow {
    pub id: String,
    pub date: String,
    pub agency: String,
    pub colour: &'static str,
    pub kind: String,
    pub summary: String,
    pub details: Vec<String>,
    pub seen: bool,
    pub source: String,
}

/// An event, flag or episode as another section cites it: an event by its date and agency,
/// as a reader finds it in the chronology. The template links it to its row (`event-<id>`,
/// `flag-<id>`, `episode-<id>`) and shows the id beside.
#[derive(Serialize)]
pub struct Cited {
    /// `event`, `flag`, `episode`, or `text` for evidence that names nothing of the case.
    pub kind: &'static str,
    pub id: String,
    pub label: String,
}

pub(super) fn rows(cx: &Context) -> Vec<ChronologyRow> {
    cx.graph
        .timeline
        .events
        .iter()
        .map(|e| ChronologyRow {
            id: e.id.to_string(),
            date: cx.style.show_approx(&e.date, e.approx),
            agency: cx.agency_name(e.agency.as_str()),
            colour: cx.colour(e.agency.as_str()),
            kind: cx.labels.word(e.kind.value),
            summary: text(&e.summary),
            details: details(cx, e),
            seen: e.child_seen,
            source: text(&e.source),
        })
        .collect()
}

/// An event as cited, or `None` for an id the case lacks (validation reports it).
pub(super) fn cite_event(cx: &Context, id: &str) -> Option<Cited> {
    cite_event_of(cx, cx.case, id)
}

/// An event of `case` (the report's, or an earlier version's) as cited.
pub(super) fn cite_event_of(cx: &Context, case: &Case, id: &str) -> Option<Cited> {
    let event = case.events.iter().find(|e| e.id.as_str() == id)?;
    Some(Cited {
        kind: "event",
        id: id.to_owned(),
        label: format!(
            "{} {}",
            cx.style.show_approx(&event.date, event.approx),
            case.agency_name(event.agency.as_str())
        ),
    })
}

/// The events a section cites, in the order cited.
pub(super) fn cite_events<'i>(cx: &Context, ids: impl IntoIterator<Item = &'i Id>) -> Vec<Cited> {
    ids.into_iter()
        .filter_map(|id| cite_event(cx, id.as_str()))
        .collect()
}

/// The fields of an event beyond its summary, as short labelled phrases.
fn details(cx: &Context, event: &Event) -> Vec<String> {
    let say = |k, value: String| cx.messages.say(k, &[("value", value.into())]);
    let mut details = Vec::new();
    if let Some(to) = &event.to {
        details.push(say(key::DETAIL_TO, cx.agency_name(to.as_str())));
    }
    if let Some(reply) = &event.reply_to {
        let shown = cite_event(cx, reply.as_str())
            .map_or(reply.to_string(), |r| format!("{} ({})", r.label, r.id));
        details.push(say(key::DETAIL_REPLY_TO, shown));
    }
    if !event.concerns.is_empty() {
        let words: Vec<String> = event
            .concerns
            .iter()
            .map(|c| cx.labels.get("concerns", &c.value))
            .collect();
        details.push(say(key::DETAIL_CONCERNS, words.join(", ")));
    }
    let people: Vec<String> = event
        .people
        .iter()
        .filter_map(|p| cx.case.people.iter().find(|q| q.id.value == p.value))
        .map(|q| q.label.value.clone())
        .collect();
    if !people.is_empty() {
        details.push(say(key::DETAIL_PEOPLE, people.join(", ")));
    }
    match &event.child_views {
        Some(ChildViews::Text(t)) => details.push(say(key::DETAIL_CHILD_VIEWS, t.value.clone())),
        Some(ChildViews::Recorded(true)) => {
            details.push(cx.messages.word(key::DETAIL_CHILD_VIEWS_RECORDED));
        }
        _ => {}
    }
    if event.child_in_danger {
        details.push(cx.messages.word(key::DETAIL_CHILD_IN_DANGER));
    }
    if let Some(action) = &event.action {
        details.push(say(key::DETAIL_ACTION, action.value.clone()));
    }
    if let Some(note) = &event.note {
        details.push(say(key::DETAIL_NOTE, note.value.clone()));
    }
    details
}
