//! `report --since OLD`, the meeting pack: what changed since the version compared with —
//! counts, events added, removed and changed (with the fields), flags new and gone,
//! verdicts given or changed, chronologies received — and which chronology rows and flags
//! to mark. Built from the diff of the two views, so a hidden notifier stays hidden.

use std::collections::BTreeMap;

use serde::Serialize;

use super::chronology::{Cited, cite_event, cite_event_of};
use super::{Context, NONE};
use crate::diff::CaseDiff;
use crate::methodology::key;
use crate::model::ReviewStatus;
use crate::pipeline::CaseView;

/// The version a report is compared with, and what changed since.
pub struct Since<'a> {
    /// How the report names that version: its `version:`, else as given (`git:HEAD~1`).
    pub label: String,
    pub old: &'a CaseView<'a>,
    pub diff: &'a CaseDiff,
}

#[derive(Serialize)]
pub struct ChangesSection {
    pub version: String,
    pub events_added: Vec<Cited>,
    /// Removed events, as the old version showed them (no row to link to).
    pub events_removed: Vec<Cited>,
    pub events_changed: Vec<ChangedEvent>,
    pub flags_new: Vec<FlagLine>,
    pub flags_gone: Vec<FlagLine>,
    pub verdicts: Vec<VerdictLine>,
    /// Agencies whose chronology arrived, by name.
    pub received: Vec<String>,
    /// Event id → `new` or `changed`: the chronology's margin marks.
    pub marks: BTreeMap<String, &'static str>,
    /// Flag id → true for each new flag: the flags section's marks.
    pub new_flags: BTreeMap<String, bool>,
}

#[derive(Serialize)]
pub struct ChangedEvent {
    pub event: Cited,
    /// The format's key names of the fields that changed.
    pub fields: Vec<String>,
}

#[derive(Serialize)]
pub struct FlagLine {
    pub id: String,
    pub message: String,
}

#[derive(Serialize)]
pub struct VerdictLine {
    pub flag: String,
    pub from: String,
    pub to: String,
}

pub(super) fn build(cx: &Context, since: &Since) -> ChangesSection {
    let diff = since.diff;
    // A removed event has no row to link to: cited as text, as the old version showed it.
    let removed = |id: &str| {
        let cited = cite_event_of(cx, &since.old.case, id)?;
        Some(Cited {
            kind: "text",
            label: format!("{} ({id})", cited.label),
            ..cited
        })
    };
    let verdict = |status: Option<ReviewStatus>| match status {
        Some(status) => cx.labels.word(status),
        None => cx.messages.word(key::NOT_REVIEWED),
    };
    let flag_lines = |items: &[crate::diff::Item]| {
        items
            .iter()
            .map(|i| FlagLine {
                id: i.id.clone(),
                message: i.about.clone(),
            })
            .collect()
    };
    let marks = diff
        .events
        .added
        .iter()
        .map(|e| (e.id.clone(), "new"))
        .chain(
            diff.events
                .changed
                .iter()
                .map(|e| (e.id.clone(), "changed")),
        )
        .collect();
    ChangesSection {
        version: since.label.clone(),
        events_added: diff
            .events
            .added
            .iter()
            .filter_map(|e| cite_event(cx, &e.id))
            .collect(),
        events_removed: diff
            .events
            .removed
            .iter()
            .filter_map(|e| removed(&e.id))
            .collect(),
        events_changed: diff
            .events
            .changed
            .iter()
            .filter_map(|e| {
                Some(ChangedEvent {
                    event: cite_event(cx, &e.id)?,
                    fields: e.fields.iter().map(|f| f.name.clone()).collect(),
                })
            })
            .collect(),
        flags_new: flag_lines(&diff.flags.new),
        flags_gone: flag_lines(&diff.flags.gone),
        verdicts: diff
            .reviews
            .iter()
            .map(|r| VerdictLine {
                flag: r.flag.clone(),
                from: verdict(r.from),
                to: verdict(r.to),
            })
            .collect(),
        received: diff
            .received
            .iter()
            .map(|a| {
                let name = cx.agency_name(a);
                if name.is_empty() {
                    NONE.to_owned()
                } else {
                    name
                }
            })
            .collect(),
        marks,
        new_flags: diff
            .flags
            .new
            .iter()
            .map(|f| (f.id.clone(), true))
            .collect(),
    }
}
