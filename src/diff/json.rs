//! The diff as JSON (meetings.md): one stable object, every list sorted by id, fields by
//! name only (their values are the case's own data, shown by the human and Markdown forms).

use serde_json::{Value, json};

use super::*;
use crate::model::Vocabulary;

pub fn json(diff: &CaseDiff) -> Value {
    json!({
        "old": version(&diff.old),
        "new": version(&diff.new),
        "events": changes(&diff.events),
        "agencies": changes(&diff.agencies),
        "people": changes(&diff.people),
        "chronologies": {"received": diff.received, "withdrawn": diff.withdrawn},
        "flags": {
            "new": ids(&diff.flags.new),
            "gone": ids(&diff.flags.gone),
            "changed": changed(&diff.flags.changed),
        },
        "reviews": {
            "changed": diff.reviews.iter().map(|r| json!({
                "flag": r.flag,
                "from": r.from.map(Vocabulary::as_str),
                "to": r.to.map(Vocabulary::as_str),
            })).collect::<Vec<_>>(),
        },
        "analysis": {
            "episodes": changes(&diff.episodes),
            "findings": changes(&diff.findings),
            "recommendations": changes(&diff.recommendations),
        },
        "summary": {
            "events_added": diff.events.added.len(),
            "events_removed": diff.events.removed.len(),
            "events_changed": diff.events.changed.len(),
            "flags_new": diff.flags.new.len(),
            "flags_gone": diff.flags.gone.len(),
            "reviews_changed": diff.reviews.len(),
            "unreviewed": diff.unreviewed,
        },
    })
}

fn version(v: &VersionInfo) -> Value {
    json!({"id": v.id, "version": v.version, "date": v.date})
}

fn changes(c: &Changes) -> Value {
    json!({"added": ids(&c.added), "removed": ids(&c.removed), "changed": changed(&c.changed)})
}

fn ids(items: &[Item]) -> Vec<&str> {
    items.iter().map(|i| i.id.as_str()).collect()
}

fn changed(items: &[Changed]) -> Vec<Value> {
    items
        .iter()
        .map(|c| {
            let fields: Vec<&str> = c.fields.iter().map(|f| f.name.as_str()).collect();
            json!({"id": c.id, "fields": fields})
        })
        .collect()
}
