//! The sections of `case.yaml` and of a chronology file, read into the model.

use super::reader::{Fields, Reader};
use super::yaml_file::Node;
use crate::diagnostics::{Code, Diagnostic};
use crate::format::{self, FORMAT};
use crate::model::*;

/// Checks `format:`; reports a missing or unknown one.
pub fn read_format(r: &mut Reader, fields: &Fields) {
    let Some(node) = fields.get("format") else {
        return;
    };
    if let Some(format) = r.string(node, "`format`")
        && format.value != FORMAT
    {
        r.report(
            Diagnostic::new(
                Code::UnsupportedFormat,
                format!("unsupported format `{}`", format.value),
            )
            .at(&format.span)
            .label("this version reads `casereview/1`")
            .help(format!("write `format: {FORMAT}`")),
        );
    }
}

/// Reads `case:`. `None` when the outcome cannot be read: nothing can be checked against it.
pub fn read_case_meta(r: &mut Reader, root: &Fields) -> Option<CaseMeta> {
    let node = root.get("case")?;
    let f = r.mapping(node, "`case`", &format::CASE_META)?;
    let id = f.get("id").and_then(|n| r.text(n, "`case.id`"));
    let title = f.get("title").and_then(|n| r.text(n, "`case.title`"));
    let date = f.get("date").and_then(|n| r.date(n, "`case.date`"));
    let language = f
        .get("language")
        .and_then(|n| r.word::<Language>(n, "`case.language`"));
    let status = f
        .get("status")
        .and_then(|n| r.word::<Status>(n, "`case.status`"));
    let version = f.get("version").and_then(|n| read_version(r, n));
    let classification = f
        .get("classification")
        .and_then(|n| read_classification(r, n));
    let dates = f
        .get("dates")
        .and_then(|n| r.word::<DateMode>(n, "`case.dates`"));
    let review = f
        .get("review")
        .map(|n| read_review(r, n))
        .unwrap_or_default();
    let outcome = f.get("outcome").and_then(|n| read_outcome(r, n));
    let placeholder = || Spanned::new(String::new(), f.span.clone());
    Some(CaseMeta {
        id: id.unwrap_or_else(placeholder),
        title: title.unwrap_or_else(placeholder),
        date,
        language: language.map_or(Language::Et, |l| l.value),
        status: status.map_or(Status::Draft, |s| s.value),
        version,
        classification,
        dates: dates.map_or(DateMode::Absolute, |d| d.value),
        anonymised: f
            .get("anonymised")
            .and_then(|n| r.bool(n, "`case.anonymised`"))
            .unwrap_or(false),
        review,
        outcome: outcome?,
    })
}

/// `version` is text: an unquoted `0.3` would be read as a number and `0.10` lose its zero.
fn read_version(r: &mut Reader, node: &Node) -> Option<Text> {
    if let saphyr::YamlData::Value(saphyr::Scalar::String(_)) = &node.data {
        return r.text(node, "`case.version`");
    }
    let span = r.span(node);
    r.report(
        Diagnostic::new(Code::InvalidValue, "`case.version` must be text")
            .at(&span)
            .label("read as a number")
            .help("quote it: `version: \"0.3\"`"),
    );
    None
}

fn read_classification(r: &mut Reader, node: &Node) -> Option<Classification> {
    let f = r.mapping(node, "`case.classification`", &format::CLASSIFICATION)?;
    let label = f
        .get("label")
        .and_then(|n| r.text(n, "`classification.label`"));
    let basis = f
        .get("basis")
        .and_then(|n| r.text(n, "`classification.basis`"));
    let until = f
        .get("until")
        .and_then(|n| r.date(n, "`classification.until`"));
    let owner = f
        .get("owner")
        .and_then(|n| r.text(n, "`classification.owner`"));
    Some(Classification {
        label: label?,
        basis,
        until,
        owner,
    })
}

fn read_review(r: &mut Reader, node: &Node) -> Review {
    let Some(f) = r.mapping(node, "`case.review`", &format::REVIEW) else {
        return Review::default();
    };
    let period = f
        .get("period")
        .and_then(|n| read_period(r, n, "`review.period`"));
    let commissioned_by = f
        .get("commissioned_by")
        .and_then(|n| r.text(n, "`review.commissioned_by`"));
    let mut working_group = Vec::new();
    if let Some(list) = f.get("working_group") {
        for item in r.sequence(list, "`review.working_group`") {
            let Some(m) = r.mapping(item, "a working group member", &format::MEMBER) else {
                continue;
            };
            let label = m.get("label").and_then(|n| r.text(n, "a member's `label`"));
            let organisation = m
                .get("organisation")
                .and_then(|n| r.text(n, "a member's `organisation`"));
            if let Some(label) = label {
                working_group.push(WorkingGroupMember {
                    label,
                    organisation,
                });
            }
        }
    }
    Review {
        period,
        commissioned_by,
        working_group,
    }
}

pub fn read_period(r: &mut Reader, node: &Node, what: &str) -> Option<Spanned<Period>> {
    let f = r.mapping(node, what, &format::PERIOD)?;
    let from = f.get("from").and_then(|n| r.date(n, "`from`"));
    let to = f.get("to").and_then(|n| r.date(n, "`to`"));
    let (from, to) = (from?, to?);
    if to.last_day() < from.first_day() {
        r.report(
            Diagnostic::new(Code::InvalidPeriod, format!("{what} ends before it starts"))
                .at(&to.span)
                .label(format!("before `from: {}`", from.value)),
        );
        return None;
    }
    Some(Spanned::new(
        Period {
            from: from.value,
            to: to.value,
        },
        f.span,
    ))
}

fn read_outcome(r: &mut Reader, node: &Node) -> Option<Outcome> {
    let f = r.mapping(node, "`case.outcome`", &format::OUTCOME)?;
    let date = f.get("date").and_then(|n| r.date(n, "`outcome.date`"));
    let kind = f
        .get("kind")
        .and_then(|n| r.word::<OutcomeKind>(n, "`outcome.kind`"));
    let summary = f
        .get("summary")
        .and_then(|n| r.text(n, "`outcome.summary`"));
    Some(Outcome {
        date: date?,
        kind: kind?,
        summary,
    })
}

pub fn read_people(r: &mut Reader, node: &Node) -> Vec<Person> {
    let mut people = Vec::new();
    for item in r.sequence(node, "`people`") {
        let Some(f) = r.mapping(item, "a person", &format::PERSON) else {
            continue;
        };
        let id = f.get("id").and_then(|n| r.id(n, "person id"));
        let role = f.get("role").and_then(|n| r.word::<Role>(n, "`role`"));
        let label = f.get("label").and_then(|n| r.text(n, "a person's `label`"));
        let born = f.get("born").and_then(|n| r.date(n, "`born`"));
        let aliases = f
            .get("aliases")
            .map(|n| r.texts(n, "`aliases`"))
            .unwrap_or_default();
        let person = match (id.clone(), role, label) {
            (Some(id), Some(role), Some(label)) => Some(Person {
                id,
                role,
                label,
                born,
                aliases,
            }),
            _ => None,
        };
        r.keep(id, person, &mut people);
    }
    people
}

pub fn read_agencies(r: &mut Reader, node: &Node) -> Vec<Agency> {
    let mut agencies = Vec::new();
    for item in r.sequence(node, "`agencies`") {
        let Some(f) = r.mapping(item, "an agency", &format::AGENCY) else {
            continue;
        };
        let id = f.get("id").and_then(|n| r.id(n, "agency id"));
        let name = f.get("name").and_then(|n| r.text(n, "an agency's `name`"));
        let kind = f
            .get("kind")
            .and_then(|n| r.word::<AgencyKind>(n, "an agency's `kind`"));
        let country = f.get("country").and_then(|n| read_country(r, n));
        let lead = f
            .get("lead")
            .and_then(|n| r.bool(n, "`lead`"))
            .unwrap_or(false);
        let chronology = f
            .get("chronology")
            .and_then(|n| read_chronology_request(r, n));
        let agency = match (id.clone(), name, kind, country) {
            (Some(id), Some(name), Some(kind), Some(country)) => Some(Agency {
                id,
                name,
                kind,
                country,
                lead,
                chronology,
            }),
            _ => None,
        };
        r.keep(id, agency, &mut agencies);
    }
    agencies
}

fn read_chronology_request(r: &mut Reader, node: &Node) -> Option<ChronologyRequest> {
    let f = r.mapping(node, "`chronology`", &format::CHRONOLOGY_REQUEST)?;
    let requested = f
        .get("requested")
        .and_then(|n| r.date(n, "`chronology.requested`"));
    let due = f.get("due").and_then(|n| r.date(n, "`chronology.due`"));
    Some(ChronologyRequest {
        requested: requested?,
        due,
    })
}

fn read_country(r: &mut Reader, node: &Node) -> Option<Spanned<String>> {
    let country = r.string(node, "`country`")?;
    if country.value.len() == 2 && country.value.bytes().all(|b| b.is_ascii_uppercase()) {
        return Some(country);
    }
    r.report(
        Diagnostic::new(
            Code::InvalidValue,
            format!("`{}` is not a country code", country.value),
        )
        .at(&country.span)
        .label("expected two capital letters")
        .help("use the ISO 3166 code: EE, FI, LV, SE …"),
    );
    None
}

pub fn read_residence(r: &mut Reader, node: &Node) -> Vec<Residence> {
    let mut rows = Vec::new();
    for item in r.sequence(node, "`residence`") {
        let Some(f) = r.mapping(item, "a residence period", &format::RESIDENCE) else {
            continue;
        };
        let from = f.get("from").and_then(|n| r.date(n, "`from`"));
        let registered = f.get("registered").and_then(|n| r.id(n, "`registered`"));
        let actual = f.get("actual").and_then(|n| r.id(n, "`actual`"));
        if let (Some(from), Some(registered), Some(actual)) = (from, registered, actual) {
            rows.push(Residence {
                from,
                registered,
                actual,
            });
        }
    }
    rows
}

pub fn read_submitted(r: &mut Reader, node: &Node) -> Option<Submitted> {
    let f = r.mapping(node, "`submitted`", &format::SUBMITTED)?;
    let by = f.get("by").and_then(|n| r.text(n, "`submitted.by`"));
    let on = f.get("on").and_then(|n| r.date(n, "`submitted.on`"));
    Some(Submitted { by, on })
}

/// Reads `events:`, giving events without `agency:` the file's default.
pub fn read_events(
    r: &mut Reader,
    node: &Node,
    default_agency: Option<&Spanned<Id>>,
    out: &mut Vec<Event>,
) {
    for item in r.sequence(node, "`events`") {
        match read_event(r, item, default_agency) {
            Ok(event) => out.push(event),
            Err(Some(id)) => r.dropped.push(id),
            Err(None) => {}
        }
    }
}

/// An event, or the id of one that could not be read whole (if its id could be read).
fn read_event(
    r: &mut Reader,
    node: &Node,
    default_agency: Option<&Spanned<Id>>,
) -> Result<Event, Option<Id>> {
    let id_hint = event_id_hint(node);
    let what = match &id_hint {
        Some(id) => format!("event `{id}`"),
        None => "an event".to_owned(),
    };
    let Some(f) = r.mapping(node, &what, &format::EVENT) else {
        return Err(id_hint.map(Id));
    };
    let id = f.get("id").and_then(|n| r.id(n, "event id"));
    let date = f.get("date").and_then(|n| r.date(n, "event date"));
    let agency = match f.get("agency") {
        Some(n) => r.id(n, "`agency`"),
        None => match default_agency {
            Some(agency) => Some(agency.clone()),
            None => {
                r.required(&f, "agency");
                None
            }
        },
    };
    let kind = f
        .get("kind")
        .and_then(|n| r.word::<EventKind>(n, "event `kind`"));
    let flag = |r: &mut Reader, key: &str| {
        f.get(key)
            .and_then(|n| r.bool(n, &format!("`{key}`")))
            .unwrap_or(false)
    };
    let approx = flag(r, "approx");
    let child_seen = flag(r, "child_seen");
    let child_seen_alone = flag(r, "child_seen_alone");
    let child_in_danger = flag(r, "child_in_danger");
    let notifier_confidential = flag(r, "notifier_confidential");
    let child_views = f.get("child_views").and_then(|n| match &n.data {
        saphyr::YamlData::Value(saphyr::Scalar::Boolean(b)) => Some(ChildViews::Recorded(*b)),
        _ => r.text(n, "`child_views`").map(ChildViews::Text),
    });
    let text = |r: &mut Reader, key: &str| f.get(key).and_then(|n| r.text(n, &format!("`{key}`")));
    let ids = |r: &mut Reader, key: &str| {
        f.get(key)
            .map(|n| r.ids(n, &format!("`{key}`")))
            .unwrap_or_default()
    };
    let one_id = |r: &mut Reader, key: &str| f.get(key).and_then(|n| r.id(n, &format!("`{key}`")));
    let event = Event {
        to: one_id(r, "to"),
        reply_to: one_id(r, "reply_to"),
        people: ids(r, "people"),
        child_seen,
        child_seen_alone,
        child_in_danger,
        child_views,
        concerns: f
            .get("concerns")
            .map(|n| r.strings(n, "`concerns`"))
            .unwrap_or_default(),
        channel: f
            .get("channel")
            .and_then(|n| r.word::<Channel>(n, "`channel`")),
        mode: f
            .get("mode")
            .and_then(|n| r.word::<ContactMode>(n, "`mode`")),
        summary: text(r, "summary"),
        source: text(r, "source"),
        note: text(r, "note"),
        action: text(r, "action"),
        order: f
            .get("order")
            .and_then(|n| r.integer(n, "`order`"))
            .unwrap_or(0),
        notifier_confidential,
        invited: ids(r, "invited"),
        attended: ids(r, "attended"),
        decision: f
            .get("decision")
            .and_then(|n| r.word::<DecisionKind>(n, "`decision`")),
        service: text(r, "service"),
        severity: f
            .get("severity")
            .and_then(|n| r.word::<IncidentSeverity>(n, "`severity`")),
        to_place: one_id(r, "to_place"),
        approx,
        id: id.clone().ok_or(None)?,
        date: date.ok_or_else(|| id.clone().map(|i| i.value))?,
        agency: agency.ok_or_else(|| id.clone().map(|i| i.value))?,
        kind: kind.ok_or_else(|| id.clone().map(|i| i.value))?,
    };
    Ok(event)
}

/// The event's id as written, for messages about the event as a whole.
fn event_id_hint(node: &Node) -> Option<String> {
    let saphyr::YamlData::Mapping(map) = &node.data else {
        return None;
    };
    map.iter().find_map(|(k, v)| match (&k.data, &v.data) {
        (
            saphyr::YamlData::Value(saphyr::Scalar::String(k)),
            saphyr::YamlData::Value(saphyr::Scalar::String(v)),
        ) if k == "id" && Id::is_valid(v) => Some(v.to_string()),
        _ => None,
    })
}

pub fn read_episodes(r: &mut Reader, node: &Node) -> Vec<Episode> {
    let mut episodes = Vec::new();
    for item in r.sequence(node, "`episodes`") {
        let Some(f) = r.mapping(item, "an episode", &format::EPISODE) else {
            continue;
        };
        let id = f.get("id").and_then(|n| r.id(n, "episode id"));
        let title = f
            .get("title")
            .and_then(|n| r.text(n, "an episode's `title`"));
        let events = f
            .get("events")
            .map(|n| r.ids(n, "an episode's `events`"))
            .unwrap_or_default();
        let what_happened = f
            .get("what_happened")
            .and_then(|n| r.text(n, "`what_happened`"));
        let why_it_made_sense = f
            .get("why_it_made_sense")
            .and_then(|n| r.text(n, "`why_it_made_sense`"));
        let episode = match (id.clone(), title) {
            (Some(id), Some(title)) => Some(Episode {
                id,
                title,
                events,
                what_happened,
                why_it_made_sense,
            }),
            _ => None,
        };
        r.keep(id, episode, &mut episodes);
    }
    episodes
}

pub fn read_findings(r: &mut Reader, node: &Node) -> Vec<Finding> {
    let mut findings = Vec::new();
    for item in r.sequence(node, "`findings`") {
        let Some(f) = r.mapping(item, "a finding", &format::FINDING) else {
            continue;
        };
        let id = f.get("id").and_then(|n| r.id(n, "finding id"));
        let kind = f
            .get("kind")
            .and_then(|n| r.word::<FindingKind>(n, "a finding's `kind`"));
        let pattern = f.get("pattern").and_then(|n| r.string(n, "`pattern`"));
        let title = f
            .get("title")
            .and_then(|n| r.text(n, "a finding's `title`"));
        let text = f.get("text").and_then(|n| r.text(n, "a finding's `text`"));
        let evidence = f
            .get("evidence")
            .map(|n| r.strings(n, "`evidence`"))
            .unwrap_or_default();
        let finding = match (id.clone(), kind, title) {
            (Some(id), Some(kind), Some(title)) => Some(Finding {
                id,
                kind,
                pattern,
                title,
                text,
                evidence,
            }),
            _ => None,
        };
        r.keep(id, finding, &mut findings);
    }
    findings
}

pub fn read_recommendations(r: &mut Reader, node: &Node) -> Vec<Recommendation> {
    let mut recommendations = Vec::new();
    for item in r.sequence(node, "`recommendations`") {
        let Some(f) = r.mapping(item, "a recommendation", &format::RECOMMENDATION) else {
            continue;
        };
        let id = f.get("id").and_then(|n| r.id(n, "recommendation id"));
        let text = f
            .get("text")
            .and_then(|n| r.text(n, "a recommendation's `text`"));
        let to = f.get("to").and_then(|n| r.id(n, "a recommendation's `to`"));
        let findings = f
            .get("findings")
            .map(|n| r.ids(n, "`findings`"))
            .unwrap_or_default();
        let priority = f
            .get("priority")
            .and_then(|n| r.word::<Priority>(n, "`priority`"));
        let strength = f
            .get("strength")
            .and_then(|n| r.word::<ActionStrength>(n, "`strength`"));
        let due = f.get("due").and_then(|n| r.date(n, "`due`"));
        let measure = f.get("measure").and_then(|n| r.text(n, "`measure`"));
        let status = f
            .get("status")
            .and_then(|n| r.word::<RecommendationStatus>(n, "a recommendation's `status`"));
        let recommendation = match (id.clone(), text, to) {
            (Some(id), Some(text), Some(to)) => Some(Recommendation {
                id,
                text,
                to,
                findings,
                priority,
                strength,
                due,
                measure,
                status,
            }),
            _ => None,
        };
        r.keep(id, recommendation, &mut recommendations);
    }
    recommendations
}

pub fn read_flag_reviews(r: &mut Reader, node: &Node) -> Vec<FlagReview> {
    let mut reviews = Vec::new();
    for item in r.sequence(node, "`flag_reviews`") {
        let Some(f) = r.mapping(item, "a flag review", &format::FLAG_REVIEW) else {
            continue;
        };
        let flag = f.get("flag").and_then(|n| r.string(n, "`flag`"));
        let status = f
            .get("status")
            .and_then(|n| r.word::<ReviewStatus>(n, "a review's `status`"));
        let note = f.get("note").and_then(|n| r.text(n, "a review's `note`"));
        if let (Some(flag), Some(status)) = (flag, status) {
            reviews.push(FlagReview { flag, status, note });
        }
    }
    reviews
}

pub fn read_settings(r: &mut Reader, node: &Node) -> Settings {
    let Some(f) = r.mapping(node, "`settings`", &format::SETTINGS) else {
        return Settings::default();
    };
    let profile = f
        .get("profile")
        .and_then(|n| r.string(n, "`settings.profile`"));
    let mut rules = Vec::new();
    if let Some(node) = f.get("rules") {
        if let saphyr::YamlData::Mapping(map) = &node.data {
            for (key, value) in map {
                let Some(code) = r.string(key, "a rule code") else {
                    continue;
                };
                let what = format!("the settings of rule `{}`", code.value);
                let Some(s) = r.mapping(value, &what, &format::RULE_SETTING) else {
                    continue;
                };
                rules.push(RuleSetting {
                    enabled: s.get("enabled").and_then(|n| r.bool(n, "`enabled`")),
                    days: s
                        .get("days")
                        .and_then(|n| r.count(n, "`days`", format::MAX_THRESHOLD_DAYS)),
                    working_days: s
                        .get("working_days")
                        .and_then(|n| r.count(n, "`working_days`", format::MAX_THRESHOLD_DAYS)),
                    count: s
                        .get("count")
                        .and_then(|n| r.count(n, "`count`", format::MAX_THRESHOLD_COUNT)),
                    code,
                });
            }
        } else if !matches!(node.data, saphyr::YamlData::Value(saphyr::Scalar::Null)) {
            r.not_a_mapping(node, "`settings.rules`");
        }
    }
    Settings { profile, rules }
}

/// The paths listed under `chronologies:`, as written.
pub fn read_chronology_paths(r: &mut Reader, node: &Node) -> Vec<Spanned<String>> {
    r.strings(node, "`chronologies`")
}
