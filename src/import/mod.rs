//! `import`: one agency's spreadsheet chronology → a chronology file of the case format.
//!
//! [`grid`] reads the file, [`columns`] decides which column is which field, [`rows`] turns
//! each row into an event or a list of faults, and [`chronology_yaml`] writes the file.

pub mod columns;
pub mod grid;
pub mod rows;

use rows::{ChildViewsCell, RowEvent};

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

/// The chronology file: `agency` the default of its events, `origin` a comment naming
/// where the rows came from. Strings are written as YAML double-quoted scalars (JSON
/// string syntax, which YAML reads verbatim), so no text can change the file's structure.
pub fn chronology_yaml(agency: &str, origin: &str, events: &[RowEvent]) -> String {
    let quote = yaml_string;
    let mut out = String::new();
    out.push_str("format: casereview/1\n");
    out.push_str(&format!("agency: {}\n", yaml_string(agency)));
    for line in origin.lines() {
        out.push_str(&format!("# {line}\n"));
    }
    if events.is_empty() {
        out.push_str("events: []\n");
        return out;
    }
    out.push_str("events:\n");
    for event in events {
        // Ids are quoted too: an id such as `17`, `true` or `null` would read as a number,
        // a boolean or nothing.
        out.push_str(&format!("  - id: {}\n", quote(&event.id)));
        let mut field = |key: &str, value: String| out.push_str(&format!("    {key}: {value}\n"));
        field("date", event.date.to_string());
        if let Some(agency) = &event.agency {
            field("agency", quote(agency));
        }
        field("kind", event.kind.to_string());
        if let Some(to) = &event.to {
            field("to", quote(to));
        }
        if !event.people.is_empty() {
            let people: Vec<String> = event.people.iter().map(|p| quote(p)).collect();
            field("people", format!("[{}]", people.join(", ")));
        }
        if let Some(seen) = event.child_seen {
            field("child_seen", seen.to_string());
        }
        match &event.child_views {
            Some(ChildViewsCell::Words(words)) => field("child_views", quote(words)),
            Some(ChildViewsCell::Recorded(recorded)) => field("child_views", recorded.to_string()),
            None => {}
        }
        if !event.concerns.is_empty() {
            field("concerns", format!("[{}]", event.concerns.join(", ")));
        }
        field("summary", quote(&event.summary));
        field("source", quote(&event.source));
        if let Some(note) = &event.note {
            field("note", quote(note));
        }
        if let Some(action) = &event.action {
            field("action", quote(action));
        }
        if event.notifier_confidential {
            field("notifier_confidential", "true".into());
        }
        if let Some(missing) = to_complete(event) {
            out.push_str(&format!("    # to complete: {missing}\n"));
        }
    }
    out
}

/// `text` as a YAML double-quoted scalar: JSON string syntax (which YAML reads verbatim),
/// with the characters YAML refuses even in quotes (DEL, C1 controls, BOM) escaped too.
fn yaml_string(text: &str) -> String {
    let json = serde_json::to_string(text).expect("a string serialises");
    json.chars()
        .map(|c| match c {
            '\u{7f}'..='\u{9f}' | '\u{feff}' => format!("\\u{:04x}", c as u32),
            c => c.to_string(),
        })
        .collect()
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
        let odd = yaml_string("a\u{85}b\u{7f}\u{feff}c\u{1}");
        let back: String = serde_yaml::from_str(&odd).unwrap();
        assert_eq!(back, "a\u{85}b\u{7f}\u{feff}c\u{1}");
    }
}
