//! The analysis: summary, handoffs with their answers, who knew what, the flags, episodes,
//! findings, recommendations and the quality appendices. A worksheet has none of it.

use std::collections::BTreeMap;

use serde::Serialize;

use super::chronology::{Cited, cite_event, cite_events};
use super::flag_summary::{self, Counted, FlagSummary, RuleHeading};
use super::{Context, Inputs, NONE, front, text};
use crate::analysis::{Flag, KnowledgeMatrix};
use crate::methodology::{MethodologyError, key};
use crate::model::*;

pub use super::quality::QualityRow;

#[derive(Serialize)]
pub struct AnalysisSections {
    pub summary: Summary,
    pub handoffs: Vec<HandoffRow>,
    pub knowledge: Knowledge,
    /// The ids of the flags anchored on each event, by event id (the chronology's column).
    pub event_flags: BTreeMap<String, Vec<String>>,
    pub flags: Vec<FlagRow>,
    /// The flags counted by agency and rule, for a flags section too long to show them one
    /// by one.
    pub flag_summary: FlagSummary,
    pub episodes: Vec<EpisodeRow>,
    pub findings: Vec<FindingRow>,
    pub recommendations: Vec<RecommendationRow>,
    /// How many flags each rule raised, by code.
    pub fired: BTreeMap<String, usize>,
    pub data_quality: Vec<DataQualityRow>,
    pub quality: Vec<QualityRow>,
}

#[derive(Serialize)]
pub struct Summary {
    pub outcome_kind: String,
    pub outcome_date: String,
    pub outcome_summary: String,
    pub period: String,
    pub agencies: usize,
    pub events: usize,
    pub handoffs: usize,
    pub flags: usize,
    pub confirmed: usize,
    pub dismissed: usize,
    pub unreviewed: usize,
    pub findings: Vec<String>,
    pub recommendations: Vec<String>,
    pub progress: super::progress::ProgressRow,
}

#[derive(Serialize)]
pub struct HandoffRow {
    pub event: Cited,
    pub kind: String,
    pub from: String,
    pub from_colour: &'static str,
    pub to: String,
    pub to_colour: &'static str,
    pub answer: Option<Cited>,
    pub delay: String,
    pub inferred: bool,
}

#[derive(Serialize)]
pub struct Knowledge {
    /// Each agency's name and colour.
    pub agencies: Vec<(String, &'static str)>,
    /// Concern label, then one cell per agency (a date, or empty).
    pub rows: Vec<(String, Vec<String>)>,
}

#[derive(Serialize)]
pub struct FlagRow {
    pub id: String,
    pub rule: String,
    pub severity: String,
    pub date: String,
    pub agency: String,
    pub message: String,
    pub evidence: Vec<Cited>,
    pub status: String,
    pub status_word: String,
    pub note: String,
}

#[derive(Serialize)]
pub struct EpisodeRow {
    pub id: String,
    pub title: String,
    pub events: Vec<Cited>,
    pub what_happened: String,
    pub why_it_made_sense: String,
}

#[derive(Serialize)]
pub struct FindingRow {
    pub id: String,
    pub kind: String,
    pub strength: bool,
    pub pattern: String,
    pub title: String,
    pub text: String,
    pub evidence: Vec<Cited>,
}

#[derive(Serialize)]
pub struct RecommendationRow {
    pub id: String,
    pub text: String,
    pub owner: String,
    pub findings: Vec<String>,
    pub priority: String,
    pub strength: String,
    pub due: String,
    pub measure: String,
}

#[derive(Serialize)]
pub struct DataQualityRow {
    pub code: String,
    pub message: String,
    pub place: String,
}

pub(super) fn build(
    cx: &Context,
    inputs: &Inputs,
    case: &front::CaseSections,
) -> Result<AnalysisSections, MethodologyError> {
    let flags = &cx.view.flags;
    let flag_rows: Vec<FlagRow> = flags.iter().map(|f| flag_row(cx, f)).collect();
    let event_flags = crate::analysis::flag_ids_by_event(flags)
        .into_iter()
        .map(|(event, ids)| (event.to_owned(), ids))
        .collect();
    let mut fired: BTreeMap<String, usize> = BTreeMap::new();
    for flag in flags.iter() {
        *fired.entry(flag.id.code.clone()).or_default() += 1;
    }
    Ok(AnalysisSections {
        summary: summary(cx),
        handoffs: handoffs(cx),
        knowledge: knowledge(cx, &crate::analysis::who_knew_what(cx.case, cx.analysis)),
        event_flags,
        flag_summary: flag_summary::summarise(
            &flag_rows
                .iter()
                .map(|f| Counted {
                    id: &f.id,
                    agency: &f.agency,
                })
                .collect::<Vec<_>>(),
            &case
                .agencies
                .iter()
                .map(|a| a.name.as_str())
                .collect::<Vec<_>>(),
            &case
                .rules
                .iter()
                .map(|r| RuleHeading {
                    code: &r.code,
                    name: &r.name,
                    severity: &r.severity,
                })
                .collect::<Vec<_>>(),
        ),
        flags: flag_rows,
        episodes: episodes(cx),
        findings: findings(cx),
        recommendations: recommendations(cx),
        fired,
        data_quality: inputs
            .checked
            .diagnostics
            .iter()
            .map(|d| DataQualityRow {
                code: d.code.as_str().to_owned(),
                message: d.message.clone(),
                place: d.span.as_ref().map_or(String::new(), |s| {
                    format!(
                        "{}:{}:{}",
                        inputs.checked.sources.path(s.file),
                        s.line,
                        s.column
                    )
                }),
            })
            .collect(),
        quality: super::quality::markers(cx, inputs.methodology)?,
    })
}

fn count_status(flags: &[Flag], status: ReviewStatus) -> usize {
    flags
        .iter()
        .filter(|f| f.review.as_ref().is_some_and(|r| r.status.value == status))
        .count()
}

fn summary(cx: &Context) -> Summary {
    let case = cx.case;
    let flags = &cx.view.flags;
    Summary {
        outcome_kind: cx.labels.word(case.meta.outcome.kind.value),
        outcome_date: cx.style.show(&case.meta.outcome.date),
        outcome_summary: text(&case.meta.outcome.summary),
        period: front::period(cx),
        agencies: case.agencies.len(),
        events: case.events.len(),
        handoffs: cx.graph.handoffs.len(),
        flags: flags.len(),
        confirmed: count_status(flags, ReviewStatus::Confirmed),
        dismissed: count_status(flags, ReviewStatus::Dismissed),
        unreviewed: crate::analysis::unreviewed(flags),
        findings: case
            .findings
            .iter()
            .map(|f| f.title.value.clone())
            .collect(),
        recommendations: case
            .recommendations
            .iter()
            .map(|r| r.text.value.clone())
            .collect(),
        progress: super::progress::row(cx),
    }
}

fn handoffs(cx: &Context) -> Vec<HandoffRow> {
    cx.graph
        .handoffs
        .iter()
        .filter_map(|h| {
            let delay = h.answer.map_or(NONE.to_owned(), |a| {
                let days = (a.event.date.first_day() - h.event.date.last_day())
                    .num_days()
                    .max(0);
                cx.messages.say(key::DELAY_DAYS, &[("days", days.into())])
            });
            Some(HandoffRow {
                event: cite_event(cx, h.event.id.as_str())?,
                kind: cx.labels.word(h.event.kind.value),
                from: cx.agency_name(h.from),
                from_colour: cx.colour(h.from),
                to: cx.agency_name(h.to),
                to_colour: cx.colour(h.to),
                answer: h.answer.and_then(|a| cite_event(cx, a.event.id.as_str())),
                delay,
                inferred: h.answer.is_some_and(|a| a.inferred),
            })
        })
        .collect()
}

fn knowledge(cx: &Context, matrix: &KnowledgeMatrix) -> Knowledge {
    let agencies: Vec<&Agency> = cx.case.agencies.iter().collect();
    Knowledge {
        agencies: agencies
            .iter()
            .map(|a| (a.name.value.clone(), cx.colour(a.id.as_str())))
            .collect(),
        rows: matrix
            .iter()
            .map(|(concern, known)| {
                let label = if concern == "incident" {
                    cx.labels.word(EventKind::Incident)
                } else {
                    cx.labels.get("concerns", concern)
                };
                let cells = agencies
                    .iter()
                    .map(|a| {
                        known.get(a.id.as_str()).map_or(String::new(), |k| {
                            let earliest = Date::from_day(k.earliest);
                            match k.certainly_by {
                                Some(by) if by == k.earliest => cx.style.show(&earliest),
                                _ => format!("≈ {}", cx.style.show(&earliest)),
                            }
                        })
                    })
                    .collect();
                (label, cells)
            })
            .collect(),
    }
}

fn flag_row(cx: &Context, flag: &Flag) -> FlagRow {
    let review = flag.review.as_ref();
    FlagRow {
        id: flag.id.to_string(),
        rule: crate::analysis::rules::rule(&flag.id.code)
            .map_or(String::new(), |r| r.name.to_owned()),
        severity: cx.labels.get("flag-severities", &flag.severity),
        date: cx.style.show(&flag.date),
        agency: flag
            .agency
            .as_ref()
            .map_or(NONE.to_owned(), |a| cx.agency_name(a.as_str())),
        message: cx.view.message(flag),
        evidence: cite_events(cx, &flag.events),
        status: review
            .map_or("unreviewed", |r| r.status.value.as_str())
            .to_owned(),
        status_word: match review {
            Some(r) => cx.labels.word(r.status.value),
            None => cx.messages.word(key::NOT_REVIEWED),
        },
        note: review
            .and_then(|r| r.note.as_ref())
            .map_or(String::new(), |n| n.value.clone()),
    }
}

fn episodes(cx: &Context) -> Vec<EpisodeRow> {
    cx.case
        .episodes
        .iter()
        .map(|e| EpisodeRow {
            id: e.id.to_string(),
            title: e.title.value.clone(),
            events: cite_events(cx, e.events.iter().map(|id| &id.value)),
            what_happened: text(&e.what_happened),
            why_it_made_sense: text(&e.why_it_made_sense),
        })
        .collect()
}

/// A finding's evidence item: an event, an episode, a flag (by id), or text as written.
fn cite_evidence(cx: &Context, item: &str) -> Cited {
    if let Some(event) = cite_event(cx, item) {
        return event;
    }
    if let Some(episode) = cx.case.episodes.iter().find(|e| e.id.as_str() == item) {
        return Cited {
            kind: "episode",
            id: item.to_owned(),
            label: episode.title.value.clone(),
        };
    }
    let kind = if cx.view.flags.iter().any(|f| f.id.to_string() == item) {
        "flag"
    } else {
        "text"
    };
    Cited {
        kind,
        id: item.to_owned(),
        label: item.to_owned(),
    }
}

fn findings(cx: &Context) -> Vec<FindingRow> {
    cx.case
        .findings
        .iter()
        .map(|f| FindingRow {
            id: f.id.to_string(),
            kind: cx.labels.word(f.kind.value),
            strength: f.kind.value == FindingKind::Strength,
            pattern: f
                .pattern
                .as_ref()
                .map_or(NONE.to_owned(), |p| cx.labels.get("patterns", &p.value)),
            title: f.title.value.clone(),
            text: text(&f.text),
            evidence: f
                .evidence
                .iter()
                .map(|e| cite_evidence(cx, &e.value))
                .collect(),
        })
        .collect()
}

fn recommendations(cx: &Context) -> Vec<RecommendationRow> {
    cx.case
        .recommendations
        .iter()
        .map(|r| RecommendationRow {
            id: r.id.to_string(),
            text: r.text.value.clone(),
            owner: cx.agency_name(r.to.as_str()),
            findings: r.findings.iter().map(|f| f.to_string()).collect(),
            priority: r
                .priority
                .as_ref()
                .map_or(NONE.to_owned(), |p| cx.labels.word(p.value)),
            strength: r
                .strength
                .as_ref()
                .map_or(NONE.to_owned(), |s| cx.labels.word(s.value)),
            due: r.due.as_ref().map_or(NONE.to_owned(), |d| cx.style.show(d)),
            measure: r
                .measure
                .as_ref()
                .map_or(NONE.to_owned(), |m| m.value.clone()),
        })
        .collect()
}
