//! The copy, written from the model. Every struct is taken apart field by field without
//! `..`: a field added to the format later does not compile here until someone decides
//! how a copy treats it.

use serde_yaml::{Mapping, Value};

use super::Plan;
use super::dates::Shift;
use super::scrub::Scrubber;
use crate::analysis::relative_day;
use crate::analysis::rules::anchor_kind;
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

/// A mapping built key by key, in the order written; absent values leave their key out.
#[derive(Default)]
struct Map(Mapping);

impl Map {
    fn put(&mut self, key: &str, value: impl Into<Option<Value>>) -> &mut Self {
        if let Some(value) = value.into() {
            self.0.insert(Value::String(key.to_owned()), value);
        }
        self
    }

    fn list(&mut self, key: &str, values: Vec<Value>) -> &mut Self {
        if !values.is_empty() {
            self.0
                .insert(Value::String(key.to_owned()), Value::Sequence(values));
        }
        self
    }

    fn done(&mut self) -> Value {
        Value::Mapping(std::mem::take(&mut self.0))
    }
}

fn word(word: impl Vocabulary) -> Value {
    Value::String(word.as_str().to_owned())
}

impl Copy<'_> {
    pub fn files(&self) -> Vec<(String, String)> {
        let case = self.case;
        let mut files = vec![("case.yaml".to_owned(), self.case_file())];
        for (chronology, path) in case
            .chronologies
            .iter()
            .zip(chronology_paths(case.chronologies.len()))
        {
            files.push((path, self.chronology_file(chronology)));
        }
        files
    }

    fn yaml(value: &Value) -> String {
        serde_yaml::to_string(value).expect("a YAML value serialises")
    }

    fn text(&self, text: &Text) -> Value {
        Value::String(self.scrubber.scrub(&text.value))
    }

    fn opt_text(&self, text: &Option<Text>) -> Option<Value> {
        text.as_ref().map(|t| self.text(t))
    }

    fn date(&self, date: &Spanned<Date>) -> Value {
        Value::String(self.shift.date(&date.value).to_string())
    }

    fn opt_date(&self, date: &Option<Spanned<Date>>) -> Option<Value> {
        date.as_ref().map(|d| self.date(d))
    }

    fn agency(&self, id: &Spanned<Id>) -> Value {
        let new = self
            .plan
            .agencies
            .get(id.as_str())
            .map_or(id.as_str(), |p| &p.id);
        Value::String(new.to_owned())
    }

    fn agencies(&self, ids: &[Spanned<Id>]) -> Vec<Value> {
        ids.iter().map(|id| self.agency(id)).collect()
    }

    fn person(&self, id: &Spanned<Id>) -> Value {
        let new = self
            .plan
            .people
            .get(id.as_str())
            .map_or(id.as_str(), |p| &p.id);
        Value::String(new.to_owned())
    }

    /// An event, episode, finding or recommendation id.
    fn own_id(&self, id: &str) -> String {
        self.plan
            .ids
            .get(id)
            .cloned()
            .unwrap_or_else(|| id.to_owned())
    }

    fn own_ids(&self, ids: &[Spanned<Id>]) -> Vec<Value> {
        ids.iter()
            .map(|id| Value::String(self.own_id(id.as_str())))
            .collect()
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

    fn case_file(&self) -> String {
        let Case {
            meta,
            people,
            redact: _,
            agencies,
            residence,
            chronologies,
            events,
            episodes,
            findings,
            recommendations,
            flag_reviews,
            settings,
        } = self.case;
        let mut root = Map::default();
        root.put("format", Value::from("casereview/1"));
        root.put("case", self.meta(meta));
        root.list(
            "people",
            people.iter().map(|p| self.person_entry(p)).collect(),
        );
        root.list(
            "agencies",
            agencies.iter().map(|a| self.agency_entry(a)).collect(),
        );
        root.list(
            "residence",
            residence
                .iter()
                .map(|r| {
                    let Residence {
                        from,
                        registered,
                        actual,
                    } = r;
                    Map::default()
                        .put("from", self.date(from))
                        .put("registered", self.agency(registered))
                        .put("actual", self.agency(actual))
                        .done()
                })
                .collect(),
        );
        root.list(
            "chronologies",
            chronology_paths(chronologies.len())
                .map(Value::String)
                .collect(),
        );
        root.list(
            "events",
            events
                .iter()
                .filter(|e| e.id.span.file == FileId(0))
                .map(|e| self.event(e))
                .collect(),
        );
        root.list(
            "episodes",
            episodes.iter().map(|e| self.episode(e)).collect(),
        );
        root.list(
            "findings",
            findings.iter().map(|f| self.finding(f)).collect(),
        );
        root.list(
            "recommendations",
            recommendations
                .iter()
                .map(|r| self.recommendation(r))
                .collect(),
        );
        root.list(
            "flag_reviews",
            flag_reviews
                .iter()
                .map(|r| {
                    let FlagReview { flag, status, note } = r;
                    Map::default()
                        .put("flag", Value::String(self.flag_id(&flag.value)))
                        .put("status", word(status.value))
                        .put("note", self.opt_text(note))
                        .done()
                })
                .collect(),
        );
        root.put("settings", settings_value(settings));
        if self.case.events.iter().all(|e| e.id.span.file != FileId(0)) {
            root.put("events", Value::Sequence(Vec::new()));
        }
        Self::yaml(&root.done())
    }

    fn meta(&self, meta: &CaseMeta) -> Value {
        let CaseMeta {
            id: _,
            // Every copy carries the mark, whatever the original said.
            anonymised: _,
            title,
            date,
            language,
            status,
            version,
            classification,
            dates: _,
            review,
            outcome,
        } = meta;
        let Review {
            period,
            commissioned_by,
            working_group,
        } = review;
        let Outcome {
            date: outcome_date,
            kind,
            summary,
        } = outcome;
        let mut review = Map::default();
        review
            .put(
                "period",
                period.as_ref().map(|p| {
                    Map::default()
                        .put(
                            "from",
                            Value::String(self.shift.date(&p.value.from).to_string()),
                        )
                        .put(
                            "to",
                            Value::String(self.shift.date(&p.value.to).to_string()),
                        )
                        .done()
                }),
            )
            .put("commissioned_by", self.opt_text(commissioned_by))
            .list(
                "working_group",
                working_group
                    .iter()
                    .map(|m| {
                        let WorkingGroupMember {
                            label,
                            organisation,
                        } = m;
                        Map::default()
                            .put("label", self.text(label))
                            .put("organisation", self.opt_text(organisation))
                            .done()
                    })
                    .collect(),
            );
        Map::default()
            .put("id", Value::String(self.case_id.to_owned()))
            .put("title", self.text(title))
            .put("date", self.opt_date(date))
            .put("language", word(*language))
            .put("status", word(*status))
            .put("version", self.opt_text(version))
            .put(
                "classification",
                classification.as_ref().map(|c| {
                    let Classification {
                        label,
                        basis,
                        until,
                        owner,
                    } = c;
                    Map::default()
                        .put("label", self.text(label))
                        .put("basis", self.opt_text(basis))
                        .put("until", self.opt_date(until))
                        .put("owner", self.opt_text(owner))
                        .done()
                }),
            )
            .put("dates", word(DateMode::Relative))
            .put("anonymised", Value::Bool(true))
            .put("review", review.done())
            .put(
                "outcome",
                Map::default()
                    .put("date", self.date(outcome_date))
                    .put("kind", word(kind.value))
                    .put("summary", self.opt_text(summary))
                    .done(),
            )
            .done()
    }

    fn person_entry(&self, person: &Person) -> Value {
        let Person {
            id,
            role,
            label: _,
            born,
            aliases: _,
        } = person;
        let new = &self.plan.people[id.as_str()];
        Map::default()
            .put("id", Value::String(new.id.clone()))
            .put("role", word(role.value))
            .put("label", Value::String(new.name.clone()))
            .put("born", self.opt_date(born))
            .done()
    }

    fn agency_entry(&self, agency: &Agency) -> Value {
        let Agency {
            id,
            name: _,
            kind,
            country,
            lead,
        } = agency;
        let new = &self.plan.agencies[id.as_str()];
        let mut map = Map::default();
        map.put("id", Value::String(new.id.clone()))
            .put("name", Value::String(self.scrubber.scrub(&new.name)))
            .put("kind", word(kind.value))
            .put("country", Value::String(country.value.clone()));
        if *lead {
            map.put("lead", Value::Bool(true));
        }
        map.done()
    }

    fn chronology_file(&self, chronology: &Chronology) -> String {
        let Chronology {
            path: _,
            file,
            agency,
            submitted,
        } = chronology;
        let mut root = Map::default();
        root.put("format", Value::from("casereview/1"))
            .put("agency", agency.as_ref().map(|a| self.agency(a)))
            .put(
                "submitted",
                submitted.as_ref().map(|s| {
                    let Submitted { by, on } = s;
                    Map::default()
                        .put("by", self.opt_text(by))
                        .put("on", self.opt_date(on))
                        .done()
                }),
            )
            .put(
                "events",
                Value::Sequence(
                    self.case
                        .events
                        .iter()
                        .filter(|e| e.id.span.file == *file)
                        .map(|e| self.event(e))
                        .collect(),
                ),
            );
        Self::yaml(&root.done())
    }

    fn event(&self, event: &Event) -> Value {
        let Event {
            id,
            date,
            approx,
            agency,
            kind,
            to,
            reply_to,
            people,
            child_seen,
            child_seen_alone,
            child_views,
            concerns,
            channel,
            mode,
            summary,
            source,
            note,
            action,
            order,
            notifier_confidential,
            invited,
            attended,
            decision,
            service,
            severity,
            to_place,
        } = event;
        let mut map = Map::default();
        map.put("id", Value::String(self.own_id(id.as_str())))
            .put("date", self.date(date));
        if *approx {
            map.put("approx", Value::Bool(true));
        }
        map.put("agency", self.agency(agency))
            .put("kind", word(kind.value))
            .put("to", to.as_ref().map(|t| self.agency(t)))
            .put(
                "reply_to",
                reply_to
                    .as_ref()
                    .map(|r| Value::String(self.own_id(r.as_str()))),
            )
            .list("people", people.iter().map(|p| self.person(p)).collect());
        if *child_seen {
            map.put("child_seen", Value::Bool(true));
        }
        if *child_seen_alone {
            map.put("child_seen_alone", Value::Bool(true));
        }
        map.put(
            "child_views",
            child_views.as_ref().map(|v| match v {
                ChildViews::Text(text) => self.text(text),
                ChildViews::Recorded(recorded) => Value::Bool(*recorded),
            }),
        )
        .list(
            "concerns",
            concerns
                .iter()
                .map(|c| Value::String(c.value.clone()))
                .collect(),
        )
        .put("channel", channel.as_ref().map(|c| word(c.value)))
        .put("mode", mode.as_ref().map(|m| word(m.value)))
        .put("summary", self.opt_text(summary))
        .put("source", self.opt_text(source))
        .put("note", self.opt_text(note))
        .put("action", self.opt_text(action));
        if *order != 0 {
            map.put("order", Value::from(*order));
        }
        if *notifier_confidential {
            map.put("notifier_confidential", Value::Bool(true));
        }
        map.list("invited", self.agencies(invited))
            .list("attended", self.agencies(attended))
            .put("decision", decision.as_ref().map(|d| word(d.value)))
            .put("service", self.opt_text(service))
            .put("severity", severity.as_ref().map(|s| word(s.value)))
            .put("to_place", to_place.as_ref().map(|p| self.agency(p)));
        map.done()
    }

    fn episode(&self, episode: &Episode) -> Value {
        let Episode {
            id,
            title,
            events,
            what_happened,
            why_it_made_sense,
        } = episode;
        Map::default()
            .put("id", Value::String(self.own_id(id.as_str())))
            .put("title", self.text(title))
            .list("events", self.own_ids(events))
            .put("what_happened", self.opt_text(what_happened))
            .put("why_it_made_sense", self.opt_text(why_it_made_sense))
            .done()
    }

    fn finding(&self, finding: &Finding) -> Value {
        let Finding {
            id,
            kind,
            pattern,
            title,
            text,
            evidence,
        } = finding;
        Map::default()
            .put("id", Value::String(self.own_id(id.as_str())))
            .put("kind", word(kind.value))
            .put(
                "pattern",
                pattern.as_ref().map(|p| Value::String(p.value.clone())),
            )
            .put("title", self.text(title))
            .put("text", self.opt_text(text))
            .list(
                "evidence",
                evidence
                    .iter()
                    .map(|e| Value::String(self.flag_id(&e.value)))
                    .collect(),
            )
            .done()
    }

    fn recommendation(&self, recommendation: &Recommendation) -> Value {
        let Recommendation {
            id,
            text,
            to,
            findings,
            priority,
            strength,
            due,
            measure,
        } = recommendation;
        Map::default()
            .put("id", Value::String(self.own_id(id.as_str())))
            .put("text", self.text(text))
            .put("to", self.agency(to))
            .list("findings", self.own_ids(findings))
            .put("priority", priority.as_ref().map(|p| word(p.value)))
            .put("strength", strength.as_ref().map(|s| word(s.value)))
            .put("due", self.opt_date(due))
            .put("measure", self.opt_text(measure))
            .done()
    }
}

fn settings_value(settings: &Settings) -> Option<Value> {
    let Settings { profile, rules } = settings;
    if profile.is_none() && rules.is_empty() {
        return None;
    }
    let mut by_code = Map::default();
    for rule in rules {
        let RuleSetting {
            code,
            enabled,
            days,
            working_days,
            count,
        } = rule;
        by_code.put(
            &code.value,
            Map::default()
                .put("enabled", enabled.map(Value::Bool))
                .put("days", days.map(Value::from))
                .put("working_days", working_days.map(Value::from))
                .put("count", count.map(Value::from))
                .done(),
        );
    }
    let mut map = Map::default();
    map.put(
        "profile",
        profile.as_ref().map(|p| Value::String(p.value.clone())),
    );
    if !rules.is_empty() {
        map.put("rules", by_code.done());
    }
    Some(map.done())
}
