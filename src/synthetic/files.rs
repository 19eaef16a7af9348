//! The reviewers' part, the spread of agencies over chronology files, and the case as the
//! model holds it (the format's one writer writes its files).

use chrono::{Datelike, Days, NaiveDate};

use crate::model::*;

use super::random::*;
use super::story::*;

/// Episodes, findings and recommendations: the reviewers' part, a few of each.
pub(super) struct ReviewerAnalysis {
    pub(super) episodes: Vec<EpisodeDraft>,
    /// (pattern, is a weakness) per finding; finding k is about episode k.
    pub(super) findings: Vec<(&'static str, bool)>,
    /// (finding index, agency that owns the action).
    pub(super) recommendations: Vec<(usize, usize)>,
}

pub(super) struct EpisodeDraft {
    pub(super) events: Vec<usize>,
}

impl ReviewerAnalysis {
    pub(super) fn new(events: &[Draft], agencies: &[AgencyDraft], rng: &mut SplitMix64) -> Self {
        let before_outcome = events.len() - 1;
        let count = (before_outcome / 400).clamp(1, 25);
        let mut analysis = ReviewerAnalysis {
            episodes: Vec::new(),
            findings: Vec::new(),
            recommendations: Vec::new(),
        };
        if before_outcome < 3 {
            return analysis;
        }
        for k in 0..count {
            let start = k * before_outcome / count;
            let end = (start + rng.between(3, 6)).min(before_outcome);
            let episode = EpisodeDraft {
                events: (start..end).collect(),
            };
            let weakness = rng.percent(65);
            analysis.findings.push((*rng.pick(PATTERNS), weakness));
            if weakness {
                // The action belongs to an agency of the episode, or to the lead.
                let owner = episode
                    .events
                    .iter()
                    .map(|&e| events[e].agency)
                    .find(|&a| !agencies[a].lead)
                    .unwrap_or(0);
                analysis.recommendations.push((k, owner));
            }
            analysis.episodes.push(episode);
        }
        analysis
    }
}

pub(super) fn event_id(index: usize) -> String {
    format!("e{:06}", index + 1)
}

pub(super) fn events_per_agency(events: &[Draft], agencies: usize) -> Vec<usize> {
    let mut counts = vec![0usize; agencies];
    for event in events {
        counts[event.agency] += 1;
    }
    counts
}

/// Assigns agencies to `case.yaml` (bucket 0) and the chronology files, largest first,
/// each to the bucket with the fewest events so far: files of similar size.
pub(super) fn spread_agencies(counts: &[usize], chronology_files: usize) -> Vec<Vec<usize>> {
    let mut order: Vec<usize> = (0..counts.len()).collect();
    order.sort_by_key(|&a| (std::cmp::Reverse(counts[a]), a));
    let mut buckets: Vec<Vec<usize>> = vec![Vec::new(); chronology_files + 1];
    let mut loads = vec![0usize; chronology_files + 1];
    for agency in order {
        // Ties go to the bucket with fewer agencies, so idle agencies spread out too.
        let target = (0..buckets.len())
            .min_by_key(|&b| (loads[b], buckets[b].len(), b))
            .expect("at least case.yaml");
        loads[target] += counts[agency];
        buckets[target].push(agency);
    }
    buckets
}

/// A chronology file: its agencies, the first (busiest) of them its default `agency:`.
pub(super) struct ChronologyDraft {
    pub(super) path: String,
    pub(super) agencies: Vec<usize>,
}

impl ChronologyDraft {
    pub(super) fn new(bucket: &[usize], agencies: &[AgencyDraft]) -> Option<Self> {
        let first = *bucket.first()?;
        Some(ChronologyDraft {
            path: format!("chronology/{}.yaml", agencies[first].id),
            agencies: bucket.to_vec(),
        })
    }

    pub(super) fn default_agency(&self) -> usize {
        self.agencies[0]
    }
}

/// The whole case as the model holds it; `format::write` writes its files. Events of
/// `own_agencies` stay in `case.yaml` (file 0); chronology `i`'s events are in file `i + 1`.
pub(super) fn build_case(
    frame: &Frame,
    agencies: &[AgencyDraft],
    chronologies: &[ChronologyDraft],
    events: &[Draft],
    analysis: &ReviewerAnalysis,
) -> Case {
    let mut file_of = vec![FileId(0); agencies.len()];
    for (i, chronology) in chronologies.iter().enumerate() {
        for &a in &chronology.agencies {
            file_of[a] = FileId(i as u32 + 1);
        }
    }
    let document_date = frame.outcome + Days::new(200);
    Case {
        meta: meta(frame, document_date),
        people: people(frame),
        redact: Vec::new(),
        agencies: agencies
            .iter()
            .map(|a| Agency {
                id: id(&a.id),
                name: text(&a.name),
                kind: at(a.kind),
                country: text(a.country),
                lead: a.lead,
                chronology: None,
            })
            .collect(),
        residence: vec![Residence {
            from: at(Date::from_day(frame.period_from)),
            registered: id("cp-lead"),
            actual: id("cp-lead"),
        }],
        chronologies: chronologies
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let default = &agencies[c.default_agency()];
                Chronology {
                    path: text(&c.path),
                    file: FileId(i as u32 + 1),
                    agency: Some(id(&default.id)),
                    submitted: Some(Submitted {
                        by: Some(text(&format!("Head of {}", default.name))),
                        on: Some(at(Date::from_day(frame.outcome + Days::new(90)))),
                    }),
                }
            })
            .collect(),
        events: events
            .iter()
            .enumerate()
            .map(|(index, e)| event(index, e, agencies, file_of[e.agency]))
            .collect(),
        episodes: analysis
            .episodes
            .iter()
            .enumerate()
            .map(|(k, episode)| Episode {
                id: id(&format!("kpe{}", k + 1)),
                title: text(&format!("Key practice episode {}", k + 1)),
                events: episode.events.iter().map(|&e| id(&event_id(e))).collect(),
                what_happened: Some(text(&format!(
                    "{} events over a few weeks, starting with: {}",
                    episode.events.len(),
                    events[episode.events[0]].summary
                ))),
                why_it_made_sense: Some(text(
                    "The practitioners had many cases and the family seemed to cooperate.",
                )),
            })
            .collect(),
        findings: analysis
            .findings
            .iter()
            .enumerate()
            .map(|(k, (pattern, weakness))| {
                let episode = &analysis.episodes[k];
                let first = event_id(episode.events[0]);
                let last = event_id(*episode.events.last().expect("episodes hold events"));
                Finding {
                    id: id(&format!("f{}", k + 1)),
                    kind: at(if *weakness {
                        FindingKind::Weakness
                    } else {
                        FindingKind::Strength
                    }),
                    pattern: Some(text(pattern)),
                    title: text(&format!("Practice around {}", pattern.replace('_', " "))),
                    text: Some(text(&format!(
                        "Seen in key practice episode {}: what the agencies knew did not always reach each other.",
                        k + 1
                    ))),
                    evidence: vec![text(&format!("kpe{}", k + 1)), text(&first), text(&last)],
                }
            })
            .collect(),
        recommendations: analysis
            .recommendations
            .iter()
            .enumerate()
            .map(|(n, &(finding, owner))| Recommendation {
                id: id(&format!("r{}", n + 1)),
                text: text(&format!(
                    "Agree with {} how a notification is acknowledged within two working days.",
                    agencies[owner].name
                )),
                to: id(&agencies[owner].id),
                findings: vec![id(&format!("f{}", finding + 1))],
                priority: Some(at(PRIORITIES[n % PRIORITIES.len()])),
                strength: Some(at(STRENGTHS[n % STRENGTHS.len()])),
                due: Some(at(Date::from_day(frame.outcome + Days::new(540)))),
                measure: Some(text(
                    "An audit of 20 notifications finds every one acknowledged in time.",
                )),
                status: None,
            })
            .collect(),
        flag_reviews: Vec::new(),
        settings: Settings::default(),
    }
}

const PRIORITIES: [Priority; 3] = [Priority::High, Priority::Medium, Priority::Low];
const STRENGTHS: [ActionStrength; 3] = [
    ActionStrength::Stronger,
    ActionStrength::Intermediate,
    ActionStrength::Weaker,
];

/// A value with no place: the case is being made, not read.
fn at<T>(value: T) -> Spanned<T> {
    Spanned::unplaced(value)
}

fn id(value: &str) -> Spanned<Id> {
    at(Id(value.to_owned()))
}

fn text(value: &str) -> Text {
    at(value.to_owned())
}

fn meta(frame: &Frame, document_date: NaiveDate) -> CaseMeta {
    CaseMeta {
        id: text(&format!("SYN-{}", frame.seed)),
        title: text("Synthetic review: Child S"),
        date: Some(at(Date::from_day(document_date))),
        language: Language::En,
        status: Status::Draft,
        version: Some(text("0.1")),
        classification: Some(Classification {
            label: text("FOR OFFICIAL USE ONLY"),
            basis: None,
            until: Some(at(Date::from_day(document_date + Days::new(3650)))),
            owner: None,
        }),
        dates: DateMode::Absolute,
        anonymised: false,
        review: Review {
            period: Some(at(Period {
                from: Date::from_day(frame.period_from),
                to: Date::from_day(frame.outcome),
            })),
            commissioned_by: Some(text("Social Insurance Board")),
            working_group: vec![
                WorkingGroupMember {
                    label: text("Chair"),
                    organisation: Some(text("Social Insurance Board")),
                },
                WorkingGroupMember {
                    label: text("Police representative"),
                    organisation: Some(text("Police")),
                },
            ],
        },
        outcome: Outcome {
            date: at(Date::from_day(frame.outcome)),
            kind: at(OutcomeKind::Hospitalisation),
            summary: Some(text(
                "The child was admitted to hospital with a head injury.",
            )),
        },
    }
}

fn people(frame: &Frame) -> Vec<Person> {
    PEOPLE
        .iter()
        .map(|(person, role, label)| Person {
            id: id(person),
            role: at(Role::parse(role).expect("the generator's roles are the format's")),
            label: text(label),
            born: match *person {
                "child" => Date::parse(&format!(
                    "{:04}-{:02}",
                    frame.child_born.year(),
                    frame.child_born.month()
                ))
                .ok()
                .map(at),
                "sibling" => Date::parse(&format!("{}", frame.child_born.year() + 2))
                    .ok()
                    .map(at),
                _ => None,
            },
            aliases: Vec::new(),
        })
        .collect()
}

fn event(index: usize, e: &Draft, agencies: &[AgencyDraft], file: FileId) -> Event {
    let agency = |a: usize| id(&agencies[a].id);
    let Draft {
        date,
        approx,
        agency: acting,
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
        notifier_confidential,
        invited,
        attended,
        decision,
        service,
        severity,
    } = e;
    let mut event_id_at = id(&event_id(index));
    // The writer puts each event in the file it says it came from.
    event_id_at.span.file = file;
    Event {
        id: event_id_at,
        date: at(Date::parse(date).expect("the generator writes dates of the format")),
        approx: *approx,
        agency: agency(*acting),
        kind: at(*kind),
        to: to.map(agency),
        reply_to: reply_to.map(|r| id(&event_id(r))),
        people: people.iter().map(|p| id(p)).collect(),
        child_seen: *child_seen,
        child_seen_alone: *child_seen_alone,
        child_in_danger: *child_in_danger,
        child_views: child_views.clone(),
        concerns: concerns.iter().map(|c| text(c)).collect(),
        channel: channel.map(at),
        mode: mode.map(at),
        summary: Some(text(summary)),
        source: Some(text(source)),
        note: note.as_deref().map(text),
        action: action.as_deref().map(text),
        order: 0,
        notifier_confidential: *notifier_confidential,
        invited: invited.iter().map(|&a| agency(a)).collect(),
        attended: attended.iter().map(|&a| agency(a)).collect(),
        decision: decision.map(at),
        service: service.as_deref().map(text),
        severity: severity.map(at),
        to_place: None,
    }
}
