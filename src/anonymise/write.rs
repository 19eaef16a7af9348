//! The copy's rewrite: how each value of the case reaches the shareable copy through the
//! one writer of the format (`format::write`): free text scrubbed, dates moved, people and
//! agencies renamed, ids that would keep a removed string renamed, flag ids re-anchored,
//! `redact` and `aliases` left out, `dates: relative` and the `anonymised` mark set.

use super::Plan;
use super::dates::Shift;
use super::scrub::Scrubber;
use crate::analysis::relative_day;
use crate::analysis::rules::anchor_kind;
use crate::format::write::{self, Rewrite};
use crate::model::*;

pub struct Copy<'a> {
    pub case: &'a Case,
    pub plan: &'a Plan,
    pub scrubber: &'a Scrubber,
    pub shift: Shift,
    pub case_id: &'a str,
}

/// The copy's chronology files: numbered, since a file name can name a place or a school.
pub fn chronology_paths(count: usize) -> impl Iterator<Item = String> {
    (1..=count).map(|n| format!("chronology/{n:02}.yaml"))
}

impl Copy<'_> {
    pub fn files(&self) -> Vec<(String, String)> {
        write::files(self.case, self)
    }

    /// An event, episode, finding or recommendation id.
    fn own_id(&self, id: &str) -> String {
        self.plan
            .ids
            .get(id)
            .cloned()
            .unwrap_or_else(|| id.to_owned())
    }

    /// A flag id with its anchor renamed: event and agency ids as renamed, a residence
    /// start as its day relative to the outcome (the copy has `dates: relative`).
    fn flag_id(&self, text: &str) -> String {
        let Ok((flag, kind)) = FlagId::parse(text, anchor_kind) else {
            return self.own_id(text);
        };
        let anchor: Vec<String> = match kind {
            AnchorKind::Event => vec![self.own_id(&flag.anchor[0])],
            AnchorKind::MeetingAgency => vec![
                self.own_id(&flag.anchor[0]),
                self.plan
                    .agencies
                    .get(flag.anchor[1].as_str())
                    .map_or(flag.anchor[1].clone(), |p| p.id.clone()),
            ],
            AnchorKind::Agency => vec![
                self.plan
                    .agencies
                    .get(flag.anchor[0].as_str())
                    .map_or(flag.anchor[0].clone(), |p| p.id.clone()),
            ],
            AnchorKind::Person => vec![self.person(&flag.anchor[0])],
            AnchorKind::ResidenceStart => vec![self.residence_anchor(&flag.anchor[0])],
        };
        format!("{}:{}", flag.code, anchor.join(":"))
    }

    fn residence_anchor(&self, written: &str) -> String {
        let outcome = &self.case.meta.outcome.date.value;
        let residence = self.case.residence.iter().find(|r| {
            r.from.value.to_string() == written || relative_day(&r.from.value, outcome) == written
        });
        match residence {
            Some(r) => relative_day(&self.shift.date(&r.from.value), &self.shift.date(outcome)),
            // A review of a flag that does not exist: W0107 says so in the copy too.
            None => "T0".to_owned(),
        }
    }
}

impl Rewrite for Copy<'_> {
    fn text(&self, text: &str) -> String {
        self.scrubber.scrub(text)
    }

    fn date(&self, date: &Date) -> Date {
        self.shift.date(date)
    }

    fn agency(&self, id: &str) -> String {
        self.plan
            .agencies
            .get(id)
            .map_or(id, |p| p.id.as_str())
            .to_owned()
    }

    /// The agency's pseudonym ("Kool 1"), or with `--keep-agencies` its name: scrubbed
    /// either way (a kept name may hold a person's).
    fn agency_name(&self, id: &str, name: &str) -> String {
        let name = self.plan.agencies.get(id).map_or(name, |p| p.name.as_str());
        self.scrubber.scrub(name)
    }

    fn person(&self, id: &str) -> String {
        self.plan
            .people
            .get(id)
            .map_or(id, |p| p.id.as_str())
            .to_owned()
    }

    /// The person's role as pseudonym ("Ema", "Sibling 2"); never the label written.
    fn person_label(&self, id: &str, _label: &str) -> String {
        self.plan.people.get(id).map_or_else(
            || self.plan.placeholders.removed.clone(),
            |p| p.name.clone(),
        )
    }

    fn own_id(&self, id: &str) -> String {
        Copy::own_id(self, id)
    }

    fn flag_id(&self, text: &str) -> String {
        Copy::flag_id(self, text)
    }

    fn case_id(&self, _id: &str) -> String {
        self.case_id.to_owned()
    }

    fn chronology_path(&self, index: usize, _path: &str) -> String {
        chronology_paths(index + 1)
            .last()
            .expect("one path at least")
    }

    fn keeps_private_lists(&self) -> bool {
        false
    }

    fn date_mode(&self, _mode: DateMode) -> DateMode {
        DateMode::Relative
    }

    fn anonymised(&self, _marked: bool) -> bool {
        true
    }
}
