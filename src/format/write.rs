//! The one writer of case YAML: `case.yaml` and its chronology files from the model, as
//! they are (`AsWritten`: `import`, the synthetic generator, round trips) or rewritten on
//! the way (`anonymise`'s copy, through its own [`Rewrite`]). Every struct is taken apart
//! field by field without `..`: a field added to the format does not compile here until
//! someone decides how it is written, and a free-text field goes through `Rewrite::text`
//! like every other, so a copy scrubs it without being told.

use serde_yaml::{Mapping, Value};

use crate::model::*;

/// How values reach the file. `AsWritten` keeps them; a shareable copy renames, scrubs and
/// moves them.
pub trait Rewrite {
    /// Free text.
    fn text(&self, text: &str) -> String;
    fn date(&self, date: &Date) -> Date;
    fn agency(&self, id: &str) -> String;
    fn agency_name(&self, id: &str, name: &str) -> String;
    fn person(&self, id: &str) -> String;
    fn person_label(&self, id: &str, label: &str) -> String;
    /// An event, episode, finding or recommendation id.
    fn own_id(&self, id: &str) -> String;
    /// A flag id written by reviewers (a review, a finding's evidence).
    fn flag_id(&self, text: &str) -> String;
    fn case_id(&self, id: &str) -> String;
    /// The path of the `index`th chronology file.
    fn chronology_path(&self, index: usize, path: &str) -> String;
    /// Whether `redact` and people's `aliases` are written (never in a shareable copy).
    fn keeps_private_lists(&self) -> bool;
    fn date_mode(&self, mode: DateMode) -> DateMode;
    fn anonymised(&self, marked: bool) -> bool;
}

/// Every value as it is.
pub struct AsWritten;

impl Rewrite for AsWritten {
    fn text(&self, text: &str) -> String {
        text.to_owned()
    }
    fn date(&self, date: &Date) -> Date {
        *date
    }
    fn agency(&self, id: &str) -> String {
        id.to_owned()
    }
    fn agency_name(&self, _id: &str, name: &str) -> String {
        name.to_owned()
    }
    fn person(&self, id: &str) -> String {
        id.to_owned()
    }
    fn person_label(&self, _id: &str, label: &str) -> String {
        label.to_owned()
    }
    fn own_id(&self, id: &str) -> String {
        id.to_owned()
    }
    fn flag_id(&self, text: &str) -> String {
        text.to_owned()
    }
    fn case_id(&self, id: &str) -> String {
        id.to_owned()
    }
    fn chronology_path(&self, _index: usize, path: &str) -> String {
        path.to_owned()
    }
    fn keeps_private_lists(&self) -> bool {
        true
    }
    fn date_mode(&self, mode: DateMode) -> DateMode {
        mode
    }
    fn anonymised(&self, marked: bool) -> bool {
        marked
    }
}

/// The files of a case: (path relative to the case folder, text), `case.yaml` first; each
/// event goes to the file it was read from (`span.file`).
pub fn files(case: &Case, rewrite: &impl Rewrite) -> Vec<(String, String)> {
    let writer = Writer { rewrite };
    let mut files = vec![("case.yaml".to_owned(), writer.case_file(case))];
    for (i, chronology) in case.chronologies.iter().enumerate() {
        files.push((
            rewrite.chronology_path(i, &chronology.path.value),
            writer.chronology_file(case, chronology),
        ));
    }
    files
}

/// The writer that keeps every value as it is.
const AS_WRITTEN: Writer<'static, AsWritten> = Writer {
    rewrite: &AsWritten,
};

/// One event as a mapping, as a file holds it.
pub fn event(event: &Event) -> Value {
    AS_WRITTEN.event(event)
}

/// One agency as a mapping, as `case.yaml` holds it.
pub fn agency(agency: &Agency) -> Value {
    AS_WRITTEN.agency_entry(agency)
}

/// One person as a mapping, as `case.yaml` holds it.
pub fn person(person: &Person) -> Value {
    AS_WRITTEN.person_entry(person)
}

/// One key practice episode as a mapping.
pub fn episode(episode: &Episode) -> Value {
    AS_WRITTEN.episode(episode)
}

/// One finding as a mapping.
pub fn finding(finding: &Finding) -> Value {
    AS_WRITTEN.finding(finding)
}

/// One recommendation as a mapping.
pub fn recommendation(recommendation: &Recommendation) -> Value {
    AS_WRITTEN.recommendation(recommendation)
}

pub fn yaml(value: &Value) -> String {
    serde_yaml::to_string(value).expect("a YAML value serialises")
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

struct Writer<'a, R: Rewrite> {
    rewrite: &'a R,
}

impl<R: Rewrite> Writer<'_, R> {
    fn text(&self, text: &Text) -> Value {
        Value::String(self.rewrite.text(&text.value))
    }

    fn opt_text(&self, text: &Option<Text>) -> Option<Value> {
        text.as_ref().map(|t| self.text(t))
    }

    fn date(&self, date: &Spanned<Date>) -> Value {
        Value::String(self.rewrite.date(&date.value).to_string())
    }

    fn opt_date(&self, date: &Option<Spanned<Date>>) -> Option<Value> {
        date.as_ref().map(|d| self.date(d))
    }

    fn agency(&self, id: &Spanned<Id>) -> Value {
        Value::String(self.rewrite.agency(id.as_str()))
    }

    fn agencies(&self, ids: &[Spanned<Id>]) -> Vec<Value> {
        ids.iter().map(|id| self.agency(id)).collect()
    }

    fn person(&self, id: &Spanned<Id>) -> Value {
        Value::String(self.rewrite.person(id.as_str()))
    }

    fn own_id(&self, id: &str) -> String {
        self.rewrite.own_id(id)
    }

    fn own_ids(&self, ids: &[Spanned<Id>]) -> Vec<Value> {
        ids.iter()
            .map(|id| Value::String(self.own_id(id.as_str())))
            .collect()
    }

    fn submitted(&self, submitted: &Submitted) -> Value {
        let Submitted { by, on } = submitted;
        Map::default()
            .put("by", self.opt_text(by))
            .put("on", self.opt_date(on))
            .done()
    }

    fn case_file(&self, case: &Case) -> String {
        let Case {
            meta,
            people,
            redact,
            agencies,
            residence,
            chronologies,
            events,
            episodes,
            findings,
            recommendations,
            flag_reviews,
            settings,
        } = case;
        let mut root = Map::default();
        root.put("format", Value::from(super::FORMAT));
        root.put("case", self.meta(meta));
        root.list(
            "people",
            people.iter().map(|p| self.person_entry(p)).collect(),
        );
        if self.rewrite.keeps_private_lists() {
            root.list("redact", redact.iter().map(|t| self.text(t)).collect());
        }
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
            chronologies
                .iter()
                .enumerate()
                .map(|(i, c)| Value::String(self.rewrite.chronology_path(i, &c.path.value)))
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
                        .put("flag", Value::String(self.rewrite.flag_id(&flag.value)))
                        .put("status", word(status.value))
                        .put("note", self.opt_text(note))
                        .done()
                })
                .collect(),
        );
        root.put("settings", settings_value(settings));
        if case.events.iter().all(|e| e.id.span.file != FileId(0)) {
            root.put("events", Value::Sequence(Vec::new()));
        }
        yaml(&root.done())
    }

    fn meta(&self, meta: &CaseMeta) -> Value {
        let CaseMeta {
            id,
            anonymised,
            title,
            date,
            language,
            status,
            version,
            classification,
            dates,
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
                            Value::String(self.rewrite.date(&p.value.from).to_string()),
                        )
                        .put(
                            "to",
                            Value::String(self.rewrite.date(&p.value.to).to_string()),
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
            .put("id", Value::String(self.rewrite.case_id(&id.value)))
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
            .put("dates", word(self.rewrite.date_mode(*dates)))
            .put(
                "anonymised",
                self.rewrite
                    .anonymised(*anonymised)
                    .then_some(Value::Bool(true)),
            )
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
            label,
            born,
            aliases,
        } = person;
        let mut map = Map::default();
        map.put("id", self.person(id))
            .put("role", word(role.value))
            .put(
                "label",
                Value::String(self.rewrite.person_label(id.as_str(), &label.value)),
            )
            .put("born", self.opt_date(born));
        if self.rewrite.keeps_private_lists() {
            map.list("aliases", aliases.iter().map(|a| self.text(a)).collect());
        }
        map.done()
    }

    fn agency_entry(&self, agency: &Agency) -> Value {
        let Agency {
            id,
            name,
            kind,
            country,
            lead,
            chronology,
        } = agency;
        let mut map = Map::default();
        map.put("id", self.agency(id))
            .put(
                "name",
                Value::String(self.rewrite.agency_name(id.as_str(), &name.value)),
            )
            .put("kind", word(kind.value))
            .put("country", Value::String(country.value.clone()));
        if *lead {
            map.put("lead", Value::Bool(true));
        }
        map.put(
            "chronology",
            chronology.as_ref().map(|c| {
                let ChronologyRequest { requested, due } = c;
                Map::default()
                    .put("requested", self.date(requested))
                    .put("due", self.opt_date(due))
                    .done()
            }),
        );
        map.done()
    }

    fn chronology_file(&self, case: &Case, chronology: &Chronology) -> String {
        let Chronology {
            path: _,
            file,
            agency,
            submitted,
        } = chronology;
        let mut root = Map::default();
        root.put("format", Value::from(super::FORMAT))
            .put("agency", agency.as_ref().map(|a| self.agency(a)))
            .put("submitted", submitted.as_ref().map(|s| self.submitted(s)))
            .put(
                "events",
                Value::Sequence(
                    case.events
                        .iter()
                        .filter(|e| e.id.span.file == *file)
                        .map(|e| self.event(e))
                        .collect(),
                ),
            );
        yaml(&root.done())
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
            child_in_danger,
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
        if *child_in_danger {
            map.put("child_in_danger", Value::Bool(true));
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
                    .map(|e| Value::String(self.rewrite.flag_id(&e.value)))
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
            status,
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
            .put("status", status.as_ref().map(|s| word(s.value)))
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
