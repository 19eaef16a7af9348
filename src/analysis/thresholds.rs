//! Thresholds resolve in this order, later winning: `methodology/rules.yaml`, the
//! jurisdiction profile, the case's `settings.rules`.

use std::collections::BTreeMap;

use super::Duration;
use crate::methodology::{Label, Messages, Profile, RuleCatalogue, key};
use crate::model::Settings;

/// One rule's resolved settings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Threshold {
    pub enabled: bool,
    pub duration: Option<Duration>,
    pub count: Option<u32>,
    /// Where the values in force come from: the catalogue's source, the profile's, or the case.
    pub source: Label,
}

/// The resolved settings of every rule, by code.
#[derive(Clone, Debug, Default)]
pub struct Thresholds {
    by_code: BTreeMap<String, Threshold>,
}

impl Thresholds {
    pub fn resolve(catalogue: &RuleCatalogue, profile: &Profile, settings: &Settings) -> Self {
        let mut by_code = BTreeMap::new();
        for rule in &catalogue.rules {
            let mut threshold = Threshold {
                enabled: true,
                duration: duration_of(
                    rule.thresholds.get("days").copied(),
                    rule.thresholds.get("working_days").copied(),
                ),
                count: rule.thresholds.get("count").copied(),
                source: rule.source.clone(),
            };
            if let Some(over) = profile.rules.get(&rule.code) {
                apply(&mut threshold, over.days, over.working_days, over.count);
                // A profile's sources are citations, the same in both languages.
                threshold.source = Label {
                    et: over.source.clone(),
                    en: over.source.clone(),
                };
            }
            for over in settings.rules.iter().filter(|s| s.code.value == rule.code) {
                apply(&mut threshold, over.days, over.working_days, over.count);
                if let Some(enabled) = over.enabled {
                    threshold.enabled = enabled;
                }
                if over.days.is_some() || over.working_days.is_some() || over.count.is_some() {
                    threshold.source = Label {
                        et: "juhtumi seaded (settings.rules)".to_owned(),
                        en: "the case's settings (settings.rules)".to_owned(),
                    };
                }
            }
            by_code.insert(rule.code.clone(), threshold);
        }
        Thresholds { by_code }
    }

    pub fn get(&self, code: &str) -> Option<&Threshold> {
        self.by_code.get(code)
    }

    pub fn duration(&self, code: &str) -> Option<Duration> {
        self.get(code).and_then(|t| t.duration)
    }
}

/// A duration given in either unit replaces the one before, whatever its unit.
fn apply(
    threshold: &mut Threshold,
    days: Option<u32>,
    working_days: Option<u32>,
    count: Option<u32>,
) {
    if let Some(duration) = duration_of(days, working_days) {
        threshold.duration = Some(duration);
    }
    if count.is_some() {
        threshold.count = count;
    }
}

fn duration_of(days: Option<u32>, working_days: Option<u32>) -> Option<Duration> {
    working_days
        .map(Duration::WorkingDays)
        .or(days.map(Duration::Days))
}

/// The threshold in force, in words.
pub fn threshold_words(threshold: &Threshold, messages: &Messages) -> String {
    let count = threshold.count.map(i64::from);
    let duration = threshold.duration.map(|d| messages.duration(d));
    let words = match (count, duration) {
        (Some(count), Some(duration)) => messages.say(
            key::THRESHOLD_COUNT_WITHIN,
            &[("count", count.into()), ("duration", duration.into())],
        ),
        (Some(n), None) => messages.say(key::THRESHOLD_COUNT, &[("n", n.into())]),
        (None, Some(duration)) => duration,
        (None, None) => "—".to_owned(),
    };
    if threshold.enabled {
        words
    } else {
        messages.say(key::THRESHOLD_DISABLED, &[("threshold", words.into())])
    }
}
