//! Two views compared item by item. Fields are compared as the format's writer writes
//! them, so every key the format has (and every key added to it later) is compared, by its
//! own name, with no list here to keep up to date.

use std::collections::{BTreeMap, BTreeSet};

use serde_yaml::Value;

use super::*;
use crate::analysis::Flag;
use crate::format::write;
use crate::model::{Case, Vocabulary};
use crate::pipeline::CaseView;

/// Keys never compared: `aliases` are real names, read by `anonymise` only.
const PRIVATE_KEYS: &[&str] = &["aliases"];

/// What changed from `old` to `new`.
pub fn compare(old: &CaseView, new: &CaseView) -> CaseDiff {
    let (o, n) = (&*old.case, &*new.case);
    let event_about = |e: &crate::model::Event| {
        format!(
            "{} {} {}",
            e.date.value,
            e.agency.value,
            e.kind.value.as_str()
        )
    };
    let reviewed: BTreeSet<String> = old
        .flags
        .iter()
        .chain(new.flags.iter())
        .map(|f| f.id.to_string())
        .collect();
    let (received, withdrawn) = added_and_removed(
        &crate::progress::received_chronologies(o),
        &crate::progress::received_chronologies(n),
    );
    CaseDiff {
        old: version(o),
        new: version(n),
        events: changes(
            &o.events,
            &n.events,
            |e| e.id.as_str(),
            write::event,
            event_about,
        ),
        agencies: changes(
            &o.agencies,
            &n.agencies,
            |a| a.id.as_str(),
            write::agency,
            |a| a.name.value.clone(),
        ),
        people: changes(
            &o.people,
            &n.people,
            |p| p.id.as_str(),
            write::person,
            |p| format!("{} ({})", p.label.value, p.role.value.as_str()),
        ),
        received,
        withdrawn,
        flags: flags(old, new),
        reviews: reviews(o, n, &reviewed),
        episodes: changes(
            &o.episodes,
            &n.episodes,
            |e| e.id.as_str(),
            write::episode,
            |e| e.title.value.clone(),
        ),
        findings: changes(
            &o.findings,
            &n.findings,
            |f| f.id.as_str(),
            write::finding,
            |f| f.title.value.clone(),
        ),
        recommendations: changes(
            &o.recommendations,
            &n.recommendations,
            |r| r.id.as_str(),
            write::recommendation,
            |r| r.text.value.clone(),
        ),
        unreviewed: crate::analysis::unreviewed(&new.flags),
    }
}

fn version(case: &Case) -> VersionInfo {
    VersionInfo {
        id: case.meta.id.value.clone(),
        version: case.meta.version.as_ref().map(|v| v.value.clone()),
        date: case.document_date().to_string(),
    }
}

/// Items of one kind compared by id; `written` gives an item's fields as the format writes
/// them, `about` a few words naming it.
fn changes<T>(
    old: &[T],
    new: &[T],
    id: impl Fn(&T) -> &str,
    written: impl Fn(&T) -> Value,
    about: impl Fn(&T) -> String,
) -> Changes {
    let old: BTreeMap<&str, &T> = old.iter().map(|t| (id(t), t)).collect();
    let new: BTreeMap<&str, &T> = new.iter().map(|t| (id(t), t)).collect();
    let item = |t: &T| Item {
        id: id(t).to_owned(),
        about: about(t),
    };
    let mut changes = Changes::default();
    for (key, was) in &old {
        match new.get(key) {
            None => changes.removed.push(item(was)),
            Some(is) => {
                let fields = field_changes(&written(was), &written(is));
                if !fields.is_empty() {
                    changes.changed.push(Changed {
                        id: (*key).to_owned(),
                        about: about(is),
                        fields,
                    });
                }
            }
        }
    }
    changes.added = new
        .iter()
        .filter(|(key, _)| !old.contains_key(*key))
        .map(|(_, t)| item(t))
        .collect();
    changes
}

/// The keys whose values differ between two mappings, in the order the format writes them.
fn field_changes(old: &Value, new: &Value) -> Vec<FieldChange> {
    let empty = serde_yaml::Mapping::new();
    let (old, new) = (
        old.as_mapping().unwrap_or(&empty),
        new.as_mapping().unwrap_or(&empty),
    );
    let keys = new
        .keys()
        .chain(old.keys().filter(|k| !new.contains_key(*k)));
    keys.filter_map(|key| {
        let name = key.as_str()?;
        let (was, is) = (old.get(key), new.get(key));
        (was != is && !PRIVATE_KEYS.contains(&name)).then(|| FieldChange {
            name: name.to_owned(),
            old: was.map(shown),
            new: is.map(shown),
        })
    })
    .collect()
}

/// A value on one line, as YAML's flow style writes it.
pub fn shown(value: &Value) -> String {
    match value {
        Value::Null => "~".to_owned(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.clone(),
        Value::Sequence(items) => {
            let items: Vec<String> = items.iter().map(shown).collect();
            format!("[{}]", items.join(", "))
        }
        Value::Mapping(map) => {
            let entries: Vec<String> = map
                .iter()
                .map(|(k, v)| format!("{}: {}", shown(k), shown(v)))
                .collect();
            format!("{{{}}}", entries.join(", "))
        }
        Value::Tagged(tagged) => shown(&tagged.value),
    }
}

/// New, gone and changed flags; a flag changes with its severity, anchor date or evidence.
fn flags(old: &CaseView, new: &CaseView) -> FlagChanges {
    /// A flag with its id and the view whose words its message takes (worded only for
    /// the few flags listed: a large case has tens of thousands).
    type Shown<'v> = (String, &'v Flag, &'v CaseView<'v>);
    fn shown<'v>(view: &'v CaseView) -> Vec<Shown<'v>> {
        view.flags
            .iter()
            .map(|f| (f.id.to_string(), f, view))
            .collect()
    }
    let fields = |(_, f, _): &Shown| {
        let mut map = serde_yaml::Mapping::new();
        map.insert("severity".into(), f.severity.clone().into());
        map.insert("date".into(), f.date.to_string().into());
        let events: Vec<Value> = f.events.iter().map(|e| e.to_string().into()).collect();
        map.insert("events".into(), Value::Sequence(events));
        Value::Mapping(map)
    };
    let Changes {
        added,
        removed,
        changed,
    } = changes(
        &shown(old),
        &shown(new),
        |(id, _, _)| id.as_str(),
        fields,
        |(_, flag, view)| view.message(flag),
    );
    FlagChanges {
        new: added,
        gone: removed,
        changed,
    }
}

/// Verdicts that differ, for flags either version shows (a review of a flag neither shows
/// could name what the view hides).
fn reviews(old: &Case, new: &Case, shown_flags: &BTreeSet<String>) -> Vec<ReviewChange> {
    let statuses = |case: &Case| -> BTreeMap<String, crate::model::ReviewStatus> {
        case.flag_reviews
            .iter()
            .filter(|r| shown_flags.contains(&r.flag.value))
            .map(|r| (r.flag.value.clone(), r.status.value))
            .collect()
    };
    let (old, new) = (statuses(old), statuses(new));
    let flags: BTreeSet<&String> = old.keys().chain(new.keys()).collect();
    flags
        .into_iter()
        .filter_map(|flag| {
            let (from, to) = (old.get(flag).copied(), new.get(flag).copied());
            (from != to).then(|| ReviewChange {
                flag: flag.clone(),
                from,
                to,
            })
        })
        .collect()
}

/// What `new` has that `old` has not, and the reverse, each sorted.
fn added_and_removed(old: &BTreeSet<String>, new: &BTreeSet<String>) -> (Vec<String>, Vec<String>) {
    (
        new.difference(old).cloned().collect(),
        old.difference(new).cloned().collect(),
    )
}
