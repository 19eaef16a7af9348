//! `import`: one agency's spreadsheet chronology → a chronology file of the case format.
//!
//! [`grid`] reads the file, [`columns`] decides which column is which field, [`rows`] turns
//! each row into an event or a list of faults, and [`chronology_yaml`] writes the file.

pub mod columns;
pub mod grid;
pub mod rows;

use rows::{ChildViewsCell, RowEvent};

use crate::format::{FORMAT, write};
use crate::model::{ChildViews, Event, Id, Spanned};

/// Fields the format requires of a kind that the chronology-request form does not collect:
/// the lead reviewers add them from the summary (the form says so), and `check` reports each
/// one still missing.
fn to_complete(event: &RowEvent) -> Option<&'static str> {
    use crate::model::EventKind::*;
    match event.kind {
        Contact if event.people.is_empty() => Some("people: [...]  # who was met"),
        Meeting => Some("invited: [...] / attended: [...]  # agency ids"),
        Decision => Some(
            "decision: ...  # open_case, close_case, no_further_action, plan_agreed, placement, court_application, other",
        ),
        ServiceStarted | ServiceEnded => Some("service: \"...\"  # the service or measure"),
        Move => Some("to_place: ...  # agency id of the new municipality or authority"),
        _ => None,
    }
}

/// A row's event in the model, for the format's one writer. Its places are the row's
/// (no span: the file is being written, not read).
fn model_event(row: &RowEvent) -> Event {
    let at = |value: &str| Spanned::unplaced(Id(value.to_owned()));
    let text = |value: &str| Spanned::unplaced(value.to_owned());
    let RowEvent {
        row: _,
        id,
        date,
        agency,
        kind,
        to,
        people,
        child_seen,
        child_views,
        concerns,
        summary,
        source,
        note,
        action,
        notifier_confidential,
    } = row;
    Event {
        id: at(id),
        date: Spanned::unplaced(*date),
        approx: false,
        // Empty when the row names none: the file's `agency` is its default (the key is
        // left out below).
        agency: at(agency.as_deref().unwrap_or_default()),
        kind: Spanned::unplaced(*kind),
        to: to.as_deref().map(at),
        reply_to: None,
        people: people.iter().map(|p| at(p)).collect(),
        child_seen: child_seen.unwrap_or(false),
        child_seen_alone: false,
        child_in_danger: false,
        child_views: child_views.as_ref().map(|views| match views {
            ChildViewsCell::Words(words) => ChildViews::Text(text(words)),
            ChildViewsCell::Recorded(recorded) => ChildViews::Recorded(*recorded),
        }),
        concerns: concerns.iter().map(|c| text(c)).collect(),
        channel: None,
        mode: None,
        summary: Some(text(summary)),
        source: Some(text(source)),
        note: note.as_deref().map(text),
        action: action.as_deref().map(text),
        order: 0,
        notifier_confidential: *notifier_confidential,
        invited: Vec::new(),
        attended: Vec::new(),
        decision: None,
        service: None,
        severity: None,
        to_place: None,
    }
}

/// The chronology file: `agency` the default of its events, `origin` a comment naming
/// where the rows came from, and after each event what the lead reviewers must complete.
/// Written by the format's one writer (serde_yaml quotes whatever would otherwise read as
/// something else, so no cell can change the file's structure).
pub fn chronology_yaml(agency: &str, origin: &str, events: &[RowEvent]) -> String {
    let mut out = String::new();
    out.push_str(&format!("format: {FORMAT}\n"));
    let mut header = serde_yaml::Mapping::new();
    header.insert("agency".into(), agency.into());
    out.push_str(&write::yaml(&serde_yaml::Value::Mapping(header)));
    for line in origin.lines() {
        out.push_str(&format!("# {line}\n"));
    }
    if events.is_empty() {
        out.push_str("events: []\n");
        return out;
    }
    out.push_str("events:\n");
    for row in events {
        let mut event = write::event(&model_event(row));
        if let serde_yaml::Value::Mapping(map) = &mut event
            && row.agency.is_none()
        {
            map.remove("agency");
        }
        let item = write::yaml(&serde_yaml::Value::Sequence(vec![event]));
        for line in item.lines() {
            out.push_str("  ");
            out.push_str(line);
            out.push('\n');
        }
        if let Some(missing) = to_complete(row) {
            out.push_str(&format!("    # to complete: {missing}\n"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Date, EventKind};

    #[test]
    fn text_cannot_break_out_of_its_scalar() {
        let event = RowEvent {
            row: 2,
            id: "school-002".into(),
            date: Date::parse("2024-02-10").unwrap(),
            agency: None,
            kind: EventKind::Contact,
            to: None,
            people: vec![],
            child_seen: Some(true),
            child_views: Some(ChildViewsCell::Words("\"quoted\"\nnext: line".into())),
            concerns: vec![],
            summary: "key: value # not a comment".into(),
            source: "- item".into(),
            note: None,
            action: None,
            notifier_confidential: false,
        };
        let yaml = chronology_yaml("school", "from test.csv", &[event]);
        let value: serde_yaml::Value = serde_yaml::from_str(&yaml).unwrap();
        let first = &value["events"][0];
        assert_eq!(
            first["summary"].as_str(),
            Some("key: value # not a comment")
        );
        assert_eq!(
            first["child_views"].as_str(),
            Some("\"quoted\"\nnext: line")
        );
        assert_eq!(first["source"].as_str(), Some("- item"));
        assert!(yaml.contains("# to complete: people"));
        let odd = "a\u{85}b\u{7f}\u{feff}c\u{1}";
        let written = write::yaml(&serde_yaml::Value::from(odd));
        let back: String = serde_yaml::from_str(&written).unwrap();
        assert_eq!(back, odd);
    }
}
