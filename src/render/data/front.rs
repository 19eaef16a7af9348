//! The parts of the report that describe the case as recorded: title page, scope, people
//! and agencies, the figures, the chronology and the appendices of reference. A worksheet
//! shows these and nothing else.

use serde::Serialize;

use super::chronology::{self, ChronologyRow};
use super::{Context, Inputs, NONE, text};
use crate::methodology::MethodologyError;
use crate::model::*;
use crate::render::figures::{self, NetworkFigure, TimelineFigure};

#[derive(Serialize)]
pub struct CaseSections {
    pub meta: Meta,
    pub scope: Scope,
    pub people: Vec<PersonRow>,
    pub agencies: Vec<AgencyRow>,
    pub timeline: TimelineFigure,
    pub network: NetworkFigure,
    pub chronology: Vec<ChronologyRow>,
    pub rules: Vec<RuleRow>,
    pub glossary: Vec<GlossaryRow>,
    pub sources: Vec<SourceRow>,
}

#[derive(Serialize)]
pub struct Meta {
    pub title: String,
    pub case_id: String,
    pub version: String,
    pub date: String,
    /// `YYYY-MM-DD`, for the PDF's metadata.
    pub iso_date: String,
    pub status: String,
    pub draft: bool,
    pub classification: Option<ClassificationRow>,
    pub commissioned_by: String,
    pub relative_dates: bool,
    /// The version a meeting pack is compared with (`report --since`); empty otherwise.
    pub since: String,
}

#[derive(Serialize)]
pub struct ClassificationRow {
    pub label: String,
    pub basis: String,
    pub until: String,
    pub owner: String,
}

#[derive(Serialize)]
pub struct Scope {
    pub period: String,
    pub working_group: Vec<(String, String)>,
    pub chronologies: Vec<(String, String, String)>,
    pub profile: String,
}

#[derive(Serialize)]
pub struct PersonRow {
    pub label: String,
    pub role: String,
    pub born: String,
}

#[derive(Serialize)]
pub struct AgencyRow {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub country: String,
    pub lead: bool,
    pub colour: &'static str,
    pub first: String,
    pub last: String,
    pub contacts: usize,
    pub seen: usize,
    pub sent: usize,
    pub received: usize,
}

/// A rule of the catalogue with its threshold in force (how often it fired is analysis).
#[derive(Serialize)]
pub struct RuleRow {
    pub code: String,
    pub name: String,
    pub summary: String,
    pub severity: String,
    pub threshold: String,
    pub source: String,
}

#[derive(Serialize)]
pub struct GlossaryRow {
    pub term: String,
    pub definition: String,
}

#[derive(Serialize)]
pub struct SourceRow {
    pub agency: String,
    pub file: String,
    pub submitted: String,
    pub events: usize,
}

pub(super) fn build(cx: &Context, inputs: &Inputs) -> Result<CaseSections, MethodologyError> {
    Ok(CaseSections {
        meta: meta(cx, inputs),
        scope: scope(cx),
        people: people(cx),
        agencies: agencies(cx),
        timeline: figures::timeline(&cx.graph, &cx.style, &cx.colours),
        network: figures::network(&cx.graph, &cx.colours),
        chronology: chronology::rows(cx),
        rules: rules(cx),
        glossary: glossary(cx, inputs)?,
        sources: sources(cx),
    })
}

fn meta(cx: &Context, inputs: &Inputs) -> Meta {
    let case = cx.case;
    let draft = inputs.draft;
    let date = case.document_date();
    Meta {
        title: case.meta.title.value.clone(),
        case_id: case.meta.id.value.clone(),
        version: text(&case.meta.version),
        date: cx.style.show(&date),
        iso_date: date.first_day().format("%Y-%m-%d").to_string(),
        status: cx
            .labels
            .word(if draft { Status::Draft } else { Status::Final }),
        draft,
        classification: case
            .meta
            .classification
            .as_ref()
            .map(|c| ClassificationRow {
                label: c.label.value.clone(),
                basis: text(&c.basis),
                until: c.until.as_ref().map_or(String::new(), |d| cx.style.show(d)),
                owner: text(&c.owner),
            }),
        commissioned_by: text(&case.meta.review.commissioned_by),
        relative_dates: case.meta.dates == DateMode::Relative,
        since: match (inputs.document, &inputs.since) {
            (super::Document::Report, Some(since)) => since.label.clone(),
            _ => String::new(),
        },
    }
}

/// The review period as shown: `from – to`, or up to the outcome.
pub(super) fn period(cx: &Context) -> String {
    match &cx.case.meta.review.period {
        Some(p) => format!("{} – {}", cx.style.show(&p.from), cx.style.show(&p.to)),
        None => format!("… – {}", cx.style.show(&cx.case.meta.outcome.date)),
    }
}

fn scope(cx: &Context) -> Scope {
    let case = cx.case;
    Scope {
        period: period(cx),
        working_group: case
            .meta
            .review
            .working_group
            .iter()
            .map(|m| (m.label.value.clone(), text(&m.organisation)))
            .collect(),
        chronologies: case
            .chronologies
            .iter()
            .map(|c| {
                let agency = c
                    .agency
                    .as_ref()
                    .map_or(NONE.to_owned(), |a| cx.agency_name(a.as_str()));
                let by = c.submitted.as_ref().map_or(String::new(), |s| text(&s.by));
                let on = c
                    .submitted
                    .as_ref()
                    .and_then(|s| s.on.as_ref())
                    .map_or(String::new(), |d| cx.style.show(d));
                (agency, by, on)
            })
            .collect(),
        profile: cx.analysis.profile.name.get(cx.language).to_owned(),
    }
}

fn people(cx: &Context) -> Vec<PersonRow> {
    cx.case
        .people
        .iter()
        .map(|p| PersonRow {
            label: p.label.value.clone(),
            role: cx.labels.word(p.role.value),
            born: p
                .born
                .as_ref()
                .map_or(NONE.to_owned(), |d| cx.style.show(d)),
        })
        .collect()
}

fn agencies(cx: &Context) -> Vec<AgencyRow> {
    let graph = &cx.graph;
    cx.case
        .agencies
        .iter()
        .map(|a| {
            let id = a.id.as_str();
            let own: Vec<&Event> = graph.timeline.of_agency(id).collect();
            AgencyRow {
                id: id.to_owned(),
                name: a.name.value.clone(),
                kind: cx.labels.word(a.kind.value),
                country: a.country.value.clone(),
                lead: a.lead,
                colour: cx.colour(id),
                first: own
                    .first()
                    .map_or(NONE.to_owned(), |e| cx.style.show(&e.date)),
                last: own
                    .last()
                    .map_or(NONE.to_owned(), |e| cx.style.show(&e.date)),
                contacts: own.iter().filter(|e| graph.is_child_contact(e)).count(),
                seen: own.iter().filter(|e| e.child_seen).count(),
                sent: graph.handoffs.iter().filter(|h| h.from == id).count(),
                received: graph.handoffs.iter().filter(|h| h.to == id).count(),
            }
        })
        .collect()
}

fn rules(cx: &Context) -> Vec<RuleRow> {
    let analysis = cx.analysis;
    analysis
        .catalogue
        .rules
        .iter()
        .map(|r| {
            let threshold = analysis.thresholds.get(&r.code);
            RuleRow {
                code: r.code.clone(),
                name: r.name.clone(),
                summary: r.summary.get(cx.language).to_owned(),
                severity: cx.labels.get("flag-severities", &r.severity),
                threshold: threshold.map_or(NONE.to_owned(), |t| {
                    crate::analysis::threshold_words(t, cx.messages)
                }),
                source: threshold.map_or(String::new(), |t| t.source.get(cx.language).to_owned()),
            }
        })
        .collect()
}

fn glossary(cx: &Context, inputs: &Inputs) -> Result<Vec<GlossaryRow>, MethodologyError> {
    Ok(inputs
        .methodology
        .glossary()?
        .terms
        .into_iter()
        .map(|t| {
            let d = match cx.language {
                Language::Et => t.et,
                Language::En => t.en,
            };
            GlossaryRow {
                term: d.term,
                definition: d.definition,
            }
        })
        .collect())
}

fn sources(cx: &Context) -> Vec<SourceRow> {
    let case = cx.case;
    case.chronologies
        .iter()
        .map(|c| SourceRow {
            agency: c
                .agency
                .as_ref()
                .map_or(NONE.to_owned(), |a| cx.agency_name(a.as_str())),
            file: c.path.value.clone(),
            submitted: c
                .submitted
                .as_ref()
                .map(|s| {
                    [
                        text(&s.by),
                        s.on.as_ref().map_or(String::new(), |d| cx.style.show(d)),
                    ]
                    .join(" ")
                    .trim()
                    .to_owned()
                })
                .unwrap_or_default(),
            events: case
                .events
                .iter()
                .filter(|e| e.id.span.file == c.file)
                .count(),
        })
        .collect()
}
