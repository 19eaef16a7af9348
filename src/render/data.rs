//! The report's data: one serialisable value built from the analysed case, every string
//! already in the report's language. Templates lay it out; they never compute.

use std::collections::HashMap;

use serde::Serialize;

use super::figures::{self, NetworkFigure, TimelineFigure};
use super::format::DateStyle;
use super::palette::agency_colours;
use crate::analysis::{Analysis, Flag, KnowledgeMatrix};
use crate::diagnostics::{Diagnostic, Sources};
use crate::graph::CaseGraph;
use crate::methodology::{Methodology, MethodologyError, WordList};
use crate::model::*;

#[derive(Serialize)]
pub struct ReportData {
    pub lang: &'static str,
    /// `report`, `worksheet` or `answers`: which sections the template lays out.
    pub document: &'static str,
    /// The exercise's questions (empty in a report).
    pub questions: Vec<QuestionGroup>,
    pub meta: Meta,
    pub summary: Summary,
    pub scope: Scope,
    pub people: Vec<PersonRow>,
    pub agencies: Vec<AgencyRow>,
    pub timeline: TimelineFigure,
    pub network: NetworkFigure,
    pub handoffs: Vec<HandoffRow>,
    pub knowledge: Knowledge,
    pub chronology: Vec<ChronologyRow>,
    pub flags: Vec<FlagRow>,
    pub episodes: Vec<EpisodeRow>,
    pub findings: Vec<FindingRow>,
    pub recommendations: Vec<RecommendationRow>,
    pub rules: Vec<RuleRow>,
    pub glossary: Vec<GlossaryRow>,
    pub data_quality: Vec<DataQualityRow>,
    pub quality: Vec<QualityRow>,
    pub sources: Vec<SourceRow>,
}

/// Questions under one heading: the whole case, one episode, or the closing ones.
#[derive(Serialize)]
pub struct QuestionGroup {
    pub title: String,
    /// What the group is about (an episode's events and dates), or empty.
    pub about: String,
    pub questions: Vec<String>,
}

/// Which document is made from the case.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Document {
    /// The review report.
    Report,
    /// A training worksheet: the case without the analysis, with questions.
    Worksheet,
    /// The worksheet's answer key: the questions and the analysis they lead to.
    Answers,
}

impl Document {
    fn word(self) -> &'static str {
        match self {
            Document::Report => "report",
            Document::Worksheet => "worksheet",
            Document::Answers => "answers",
        }
    }
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
}

#[derive(Serialize)]
pub struct ClassificationRow {
    pub label: String,
    pub basis: String,
    pub until: String,
    pub owner: String,
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

#[derive(Serialize)]
pub struct HandoffRow {
    pub event: String,
    pub date: String,
    pub kind: String,
    pub from: String,
    pub from_colour: &'static str,
    pub to: String,
    pub to_colour: &'static str,
    pub answer: String,
    pub answer_date: String,
    pub delay: String,
    pub inferred: bool,
}

#[derive(Serialize)]
pub struct Knowledge {
    pub agencies: Vec<(String, &'static str)>,
    /// Concern label, then one cell per agency (a date, or empty).
    pub rows: Vec<(String, Vec<String>)>,
}

#[derive(Serialize)]
pub struct ChronologyRow {
    pub id: String,
    pub date: String,
    pub agency: String,
    pub colour: &'static str,
    pub kind: String,
    pub summary: String,
    pub details: Vec<String>,
    pub seen: bool,
    pub flags: Vec<String>,
    pub source: String,
}

#[derive(Serialize)]
pub struct FlagRow {
    pub id: String,
    pub rule: String,
    pub severity: String,
    pub date: String,
    pub agency: String,
    pub message: String,
    pub evidence: Vec<String>,
    pub status: String,
    pub status_word: String,
    pub note: String,
}

#[derive(Serialize)]
pub struct EpisodeRow {
    pub id: String,
    pub title: String,
    pub events: Vec<String>,
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
    pub evidence: Vec<String>,
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
pub struct RuleRow {
    pub code: String,
    pub name: String,
    pub summary: String,
    pub severity: String,
    pub threshold: String,
    pub source: String,
    pub fired: usize,
}

#[derive(Serialize)]
pub struct GlossaryRow {
    pub term: String,
    pub definition: String,
}

#[derive(Serialize)]
pub struct DataQualityRow {
    pub code: String,
    pub message: String,
    pub place: String,
}

#[derive(Serialize)]
pub struct QualityRow {
    pub text: String,
    pub why: String,
    pub value: String,
}

#[derive(Serialize)]
pub struct SourceRow {
    pub agency: String,
    pub file: String,
    pub submitted: String,
    pub events: usize,
}

/// What is shown as "—" where a value is absent.
const NONE: &str = "—";

/// The vocabularies a report labels words with.
struct Labels {
    language: Language,
    lists: HashMap<&'static str, WordList>,
}

impl Labels {
    fn load(methodology: &Methodology, language: Language) -> Result<Self, MethodologyError> {
        let mut lists = HashMap::new();
        for name in [
            "event-kinds",
            "roles",
            "agency-kinds",
            "decisions",
            "outcome-kinds",
            "concerns",
            "patterns",
            "flag-severities",
            "review-statuses",
            "priorities",
            "action-strengths",
            "finding-kinds",
            "statuses",
            "severities",
        ] {
            lists.insert(name, methodology.vocabulary(name)?);
        }
        Ok(Labels { language, lists })
    }

    fn get(&self, list: &str, word: &str) -> String {
        self.lists
            .get(list)
            .map_or(word, |l| l.label(word, self.language))
            .to_owned()
    }
}

/// Everything the report shows, in `language`.
pub struct Inputs<'a> {
    pub case: &'a Case,
    pub analysis: &'a Analysis,
    pub diagnostics: &'a [Diagnostic],
    pub sources: &'a Sources,
    pub methodology: &'a Methodology,
    pub language: Language,
    pub draft: bool,
    pub document: Document,
}

pub fn build(inputs: &Inputs) -> Result<ReportData, MethodologyError> {
    let Inputs {
        case,
        analysis,
        language,
        ..
    } = *inputs;
    let labels = Labels::load(inputs.methodology, language)?;
    let style = DateStyle {
        language,
        mode: case.meta.dates,
        outcome: case.meta.outcome.date.value,
    };
    let graph = CaseGraph::build(case);
    let colours: HashMap<&str, &'static str> = case
        .agencies
        .iter()
        .map(|a| a.id.as_str())
        .zip(agency_colours(&case.agencies))
        .collect();
    let notifier = notifier_label(language);
    let agency_name = |id: &str| case.agency_name(id);
    let shown_agency = |event: &Event| {
        let colour = event
            .shown_agency()
            .and_then(|agency| colours.get(agency.as_str()).copied())
            .unwrap_or("#7F7F7F");
        (case.shown_agency_name(event, language), colour)
    };
    let text = |t: &Option<Text>| t.as_ref().map_or(String::new(), |t| t.value.clone());
    let flags_by_event = crate::analysis::flag_ids_by_event(&analysis.flags);

    let meta = meta(case, &style, inputs.draft, &labels);
    let summary = Summary {
        outcome_kind: labels.get("outcome-kinds", case.meta.outcome.kind.value.as_str()),
        outcome_date: style.show(&case.meta.outcome.date),
        outcome_summary: text(&case.meta.outcome.summary),
        period: period(case, &style),
        agencies: case.agencies.len(),
        events: case.events.len(),
        handoffs: graph.handoffs.len(),
        flags: analysis.flags.len(),
        confirmed: count_status(&analysis.flags, ReviewStatus::Confirmed),
        dismissed: count_status(&analysis.flags, ReviewStatus::Dismissed),
        unreviewed: analysis.unreviewed(),
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
    };
    let scope = Scope {
        period: period(case, &style),
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
                    .map_or(NONE.to_owned(), |a| agency_name(a.as_str()));
                let by = c.submitted.as_ref().map_or(String::new(), |s| text(&s.by));
                let on = c
                    .submitted
                    .as_ref()
                    .and_then(|s| s.on.as_ref())
                    .map_or(String::new(), |d| style.show(d));
                (agency, by, on)
            })
            .collect(),
        profile: analysis.profile.name.get(language).to_owned(),
    };
    let people = case
        .people
        .iter()
        .map(|p| PersonRow {
            label: p.label.value.clone(),
            role: labels.get("roles", p.role.value.as_str()),
            born: p.born.as_ref().map_or(NONE.to_owned(), |d| style.show(d)),
        })
        .collect();
    let agencies = agency_rows(case, &graph, &style, &labels, &colours);
    let handoffs = graph
        .handoffs
        .iter()
        .map(|h| {
            let (from, from_colour) = shown_agency(h.event);
            let delay = h.answer.map_or(NONE.to_owned(), |a| {
                let days = (a.event.date.first_day() - h.event.date.last_day())
                    .num_days()
                    .max(0);
                match language {
                    Language::Et => format!("{days} p"),
                    Language::En => format!("{days} d"),
                }
            });
            HandoffRow {
                event: h.event.id.to_string(),
                date: style.show_approx(&h.event.date, h.event.approx),
                kind: labels.get("event-kinds", h.event.kind.value.as_str()),
                from,
                from_colour,
                to: agency_name(h.to),
                to_colour: colours.get(h.to).copied().unwrap_or("#7F7F7F"),
                answer: h.answer.map_or(NONE.to_owned(), |a| a.event.id.to_string()),
                answer_date: h
                    .answer
                    .map_or(NONE.to_owned(), |a| style.show(&a.event.date)),
                delay,
                inferred: h.answer.is_some_and(|a| a.inferred),
            }
        })
        .collect();
    let matrix = crate::analysis::who_knew_what(case, analysis);
    let knowledge = knowledge(case, &matrix, &style, &labels, &colours);
    let chronology = graph
        .timeline
        .events
        .iter()
        .map(|e| {
            let (agency, colour) = shown_agency(e);
            ChronologyRow {
                id: e.id.to_string(),
                date: style.show_approx(&e.date, e.approx),
                agency,
                colour,
                kind: labels.get("event-kinds", e.kind.value.as_str()),
                summary: text(&e.summary),
                details: event_details(e, case, &labels, language),
                seen: e.child_seen,
                flags: flags_by_event
                    .get(e.id.as_str())
                    .cloned()
                    .unwrap_or_default(),
                // The source of a confidential notification could name who notified.
                source: if e.notifier_confidential {
                    String::new()
                } else {
                    text(&e.source)
                },
            }
        })
        .collect();
    let flags = analysis
        .flags
        .iter()
        .map(|f| flag_row(f, case, &style, &labels, language))
        .collect();
    let episodes = case
        .episodes
        .iter()
        .map(|e| EpisodeRow {
            id: e.id.to_string(),
            title: e.title.value.clone(),
            events: e.events.iter().map(|id| id.to_string()).collect(),
            what_happened: text(&e.what_happened),
            why_it_made_sense: text(&e.why_it_made_sense),
        })
        .collect();
    let findings = case
        .findings
        .iter()
        .map(|f| FindingRow {
            id: f.id.to_string(),
            kind: labels.get("finding-kinds", f.kind.value.as_str()),
            strength: f.kind.value == FindingKind::Strength,
            pattern: f
                .pattern
                .as_ref()
                .map_or(NONE.to_owned(), |p| labels.get("patterns", &p.value)),
            title: f.title.value.clone(),
            text: text(&f.text),
            evidence: f.evidence.iter().map(|e| e.value.clone()).collect(),
        })
        .collect();
    let recommendations = case
        .recommendations
        .iter()
        .map(|r| RecommendationRow {
            id: r.id.to_string(),
            text: r.text.value.clone(),
            owner: agency_name(r.to.as_str()),
            findings: r.findings.iter().map(|f| f.to_string()).collect(),
            priority: r.priority.as_ref().map_or(NONE.to_owned(), |p| {
                labels.get("priorities", p.value.as_str())
            }),
            strength: r.strength.as_ref().map_or(NONE.to_owned(), |s| {
                labels.get("action-strengths", s.value.as_str())
            }),
            due: r.due.as_ref().map_or(NONE.to_owned(), |d| style.show(d)),
            measure: r
                .measure
                .as_ref()
                .map_or(NONE.to_owned(), |m| m.value.clone()),
        })
        .collect();
    let rules = analysis
        .catalogue
        .rules
        .iter()
        .map(|r| RuleRow {
            code: r.code.clone(),
            name: r.name.clone(),
            summary: r.summary.get(language).to_owned(),
            severity: labels.get("flag-severities", &r.severity),
            threshold: analysis
                .thresholds
                .get(&r.code)
                .map_or(NONE.to_owned(), |t| {
                    crate::analysis::threshold_words(t, language)
                }),
            source: analysis
                .thresholds
                .get(&r.code)
                .map_or(String::new(), |t| t.source.get(language).to_owned()),
            fired: analysis
                .flags
                .iter()
                .filter(|f| f.id.code == r.code)
                .count(),
        })
        .collect();
    let glossary = inputs
        .methodology
        .glossary()?
        .terms
        .into_iter()
        .map(|t| {
            let d = match language {
                Language::Et => t.et,
                Language::En => t.en,
            };
            GlossaryRow {
                term: d.term,
                definition: d.definition,
            }
        })
        .collect();
    let data_quality = inputs
        .diagnostics
        .iter()
        .map(|d| DataQualityRow {
            code: d.code.as_str().to_owned(),
            message: d.message.clone(),
            place: d.span.as_ref().map_or(String::new(), |s| {
                format!("{}:{}:{}", inputs.sources.path(s.file), s.line, s.column)
            }),
        })
        .collect();
    let quality = super::quality::markers(case, analysis, inputs.methodology, language)?;
    let sources = case
        .chronologies
        .iter()
        .map(|c| SourceRow {
            agency: c
                .agency
                .as_ref()
                .map_or(NONE.to_owned(), |a| agency_name(a.as_str())),
            file: c.path.value.clone(),
            submitted: c
                .submitted
                .as_ref()
                .map(|s| {
                    [
                        text(&s.by),
                        s.on.as_ref().map_or(String::new(), |d| style.show(d)),
                    ]
                    .join(" ")
                    .trim()
                    .to_owned()
                })
                .unwrap_or_default(),
            events: case
                .events
                .iter()
                .filter(|e| inputs.sources.path(e.id.span.file) == c.path.value)
                .count(),
        })
        .collect();
    let questions = match inputs.document {
        Document::Report => Vec::new(),
        Document::Worksheet | Document::Answers => {
            questions(case, inputs.methodology, &style, language)?
        }
    };
    let mut data = ReportData {
        lang: match language {
            Language::Et => "et",
            Language::En => "en",
        },
        document: inputs.document.word(),
        questions,
        meta,
        summary,
        scope,
        people,
        agencies,
        timeline: figures::timeline(&graph, &style, &colours),
        network: figures::network(&graph, &colours, notifier),
        handoffs,
        knowledge,
        chronology,
        flags,
        episodes,
        findings,
        recommendations,
        rules,
        glossary,
        data_quality,
        quality,
        sources,
    };
    if inputs.document == Document::Worksheet {
        data.withhold_answers();
    }
    Ok(data)
}

impl ReportData {
    /// A worksheet's data carries none of the answers, so no layout of it can show them.
    fn withhold_answers(&mut self) {
        self.summary.findings.clear();
        self.summary.recommendations.clear();
        self.summary.flags = 0;
        self.summary.confirmed = 0;
        self.summary.dismissed = 0;
        self.summary.unreviewed = 0;
        self.handoffs.clear();
        self.knowledge.rows.clear();
        for row in &mut self.chronology {
            row.flags.clear();
        }
        self.flags.clear();
        self.episodes.clear();
        self.findings.clear();
        self.recommendations.clear();
        for rule in &mut self.rules {
            rule.fired = 0;
        }
        self.data_quality.clear();
        self.quality.clear();
    }
}

/// The general questions, a group per episode (its number, events and dates: the title and
/// analysis are answers), and the closing ones.
fn questions(
    case: &Case,
    methodology: &Methodology,
    style: &DateStyle,
    language: Language,
) -> Result<Vec<QuestionGroup>, MethodologyError> {
    let asked = methodology.exercise_questions()?;
    let texts = |list: &[crate::methodology::Label]| {
        list.iter().map(|q| q.get(language).to_owned()).collect()
    };
    let (whole_case, episode_word, events_word, closing) = match language {
        Language::Et => ("Kogu juhtum", "Episood", "Sündmused", "Kokkuvõtteks"),
        Language::En => ("The whole case", "Episode", "Events", "To conclude"),
    };
    let mut groups = vec![QuestionGroup {
        title: whole_case.to_owned(),
        about: String::new(),
        questions: texts(&asked.general),
    }];
    for (n, episode) in case.episodes.iter().enumerate() {
        // Each event as the chronology shows it (date and agency), so participants can
        // find it there; ids are not printed in the chronology.
        let events: Vec<String> = episode
            .events
            .iter()
            .filter_map(|id| case.events.iter().find(|e| e.id.value == id.value))
            .map(|e| {
                let agency = case.shown_agency_name(e, language);
                format!("{} {agency}", style.show_approx(&e.date, e.approx))
            })
            .collect();
        groups.push(QuestionGroup {
            title: format!("{episode_word} {}", n + 1),
            about: format!("{events_word}: {}", events.join("; ")),
            questions: texts(&asked.episode),
        });
    }
    groups.push(QuestionGroup {
        title: closing.to_owned(),
        about: String::new(),
        questions: texts(&asked.closing),
    });
    Ok(groups)
}

fn meta(case: &Case, style: &DateStyle, draft: bool, labels: &Labels) -> Meta {
    let text = |t: &Option<Text>| t.as_ref().map_or(String::new(), |t| t.value.clone());
    let date = case.document_date();
    Meta {
        title: case.meta.title.value.clone(),
        case_id: case.meta.id.value.clone(),
        version: text(&case.meta.version),
        date: style.show(&date),
        iso_date: date.first_day().format("%Y-%m-%d").to_string(),
        status: labels.get("statuses", if draft { "draft" } else { "final" }),
        draft,
        classification: case
            .meta
            .classification
            .as_ref()
            .map(|c| ClassificationRow {
                label: c.label.value.clone(),
                basis: text(&c.basis),
                until: c.until.as_ref().map_or(String::new(), |d| style.show(d)),
                owner: text(&c.owner),
            }),
        commissioned_by: text(&case.meta.review.commissioned_by),
        relative_dates: case.meta.dates == DateMode::Relative,
    }
}

fn period(case: &Case, style: &DateStyle) -> String {
    match &case.meta.review.period {
        Some(p) => format!("{} – {}", style.show(&p.from), style.show(&p.to)),
        None => format!("… – {}", style.show(&case.meta.outcome.date)),
    }
}

fn count_status(flags: &[Flag], status: ReviewStatus) -> usize {
    flags
        .iter()
        .filter(|f| f.review.as_ref().is_some_and(|r| r.status.value == status))
        .count()
}

fn agency_rows(
    case: &Case,
    graph: &CaseGraph,
    style: &DateStyle,
    labels: &Labels,
    colours: &HashMap<&str, &'static str>,
) -> Vec<AgencyRow> {
    case.agencies
        .iter()
        .map(|a| {
            let id = a.id.as_str();
            // A confidential notification is not counted for its sender: the count would name it.
            let own: Vec<&Event> = graph
                .timeline
                .of_agency(id)
                .filter(|e| !e.hides_sender())
                .collect();
            let contacts = own.iter().filter(|e| graph.is_child_contact(e)).count();
            let seen = own.iter().filter(|e| e.child_seen).count();
            let sent = graph
                .handoffs
                .iter()
                .filter(|h| h.from == id && !h.event.hides_sender())
                .count();
            let received = graph.handoffs.iter().filter(|h| h.to == id).count();
            AgencyRow {
                id: id.to_owned(),
                name: a.name.value.clone(),
                kind: labels.get("agency-kinds", a.kind.value.as_str()),
                country: a.country.value.clone(),
                lead: a.lead,
                colour: colours.get(id).copied().unwrap_or("#7F7F7F"),
                first: own.first().map_or(NONE.to_owned(), |e| style.show(&e.date)),
                last: own.last().map_or(NONE.to_owned(), |e| style.show(&e.date)),
                contacts,
                seen,
                sent,
                received,
            }
        })
        .collect()
}

fn knowledge(
    case: &Case,
    matrix: &KnowledgeMatrix,
    style: &DateStyle,
    labels: &Labels,
    colours: &HashMap<&str, &'static str>,
) -> Knowledge {
    let agencies: Vec<&Agency> = case.agencies.iter().collect();
    Knowledge {
        agencies: agencies
            .iter()
            .map(|a| {
                (
                    a.id.to_string(),
                    colours.get(a.id.as_str()).copied().unwrap_or("#7F7F7F"),
                )
            })
            .collect(),
        rows: matrix
            .iter()
            .map(|(concern, known)| {
                let label = if concern == "incident" {
                    labels.get("event-kinds", "incident")
                } else {
                    labels.get("concerns", concern)
                };
                let cells = agencies
                    .iter()
                    .map(|a| {
                        known.get(a.id.as_str()).map_or(String::new(), |k| {
                            let earliest = Date::from_day(k.earliest);
                            match k.certainly_by {
                                Some(by) if by == k.earliest => style.show(&earliest),
                                _ => format!("≈ {}", style.show(&earliest)),
                            }
                        })
                    })
                    .collect();
                (label, cells)
            })
            .collect(),
    }
}

/// The fields of an event beyond its summary, as short labelled phrases.
fn event_details(event: &Event, case: &Case, labels: &Labels, language: Language) -> Vec<String> {
    let (to, reply, concerns, people, views, action, note) = match language {
        Language::Et => (
            "kellele",
            "vastus",
            "mured",
            "osalejad",
            "lapse arvamus",
            "tegevus",
            "märkus",
        ),
        Language::En => (
            "to",
            "answers",
            "concerns",
            "people",
            "child's views",
            "action",
            "note",
        ),
    };
    let mut details = Vec::new();
    if let Some(t) = &event.to {
        details.push(format!(
            "{to}: {}",
            case.agency(t.as_str())
                .map_or(t.to_string(), |a| a.name.value.clone())
        ));
    }
    if let Some(r) = &event.reply_to {
        details.push(format!("{reply}: {r}"));
    }
    if !event.concerns.is_empty() {
        let words: Vec<String> = event
            .concerns
            .iter()
            .map(|c| labels.get("concerns", &c.value))
            .collect();
        details.push(format!("{concerns}: {}", words.join(", ")));
    }
    let child = case.child().map(|c| c.id.as_str());
    // A confidential notification names no one but the child.
    let shown_people: Vec<String> = event
        .people
        .iter()
        .filter(|p| !event.notifier_confidential || Some(p.as_str()) == child)
        .filter_map(|p| {
            case.people
                .iter()
                .find(|q| q.id.value == p.value)
                .map(|q| q.label.value.clone())
        })
        .collect();
    if !shown_people.is_empty() {
        details.push(format!("{people}: {}", shown_people.join(", ")));
    }
    match &event.child_views {
        Some(ChildViews::Text(t)) => details.push(format!("{views}: {}", t.value)),
        Some(ChildViews::Recorded(true)) => details.push(format!(
            "{views}: {}",
            match language {
                Language::Et => "kirjas",
                Language::En => "recorded",
            }
        )),
        _ => {}
    }
    if let Some(a) = &event.action {
        details.push(format!("{action}: {}", a.value));
    }
    if let Some(n) = &event.note {
        details.push(format!("{note}: {}", n.value));
    }
    details
}

fn flag_row(
    flag: &Flag,
    case: &Case,
    style: &DateStyle,
    labels: &Labels,
    language: Language,
) -> FlagRow {
    let review = flag.review.as_ref();
    let status = review.map_or("unreviewed", |r| r.status.value.as_str());
    FlagRow {
        id: flag.id.to_string(),
        rule: crate::analysis::rules::rule(&flag.id.code)
            .map_or(String::new(), |r| r.name.to_owned()),
        severity: labels.get("flag-severities", &flag.severity),
        date: style.show(&flag.date),
        agency: flag.agency.as_ref().map_or(NONE.to_owned(), |a| {
            case.agency(a.as_str())
                .map_or(a.to_string(), |a| a.name.value.clone())
        }),
        message: flag.message.get(language).to_owned(),
        evidence: flag.events.iter().map(|e| e.to_string()).collect(),
        status: status.to_owned(),
        status_word: match review {
            Some(r) => labels.get("review-statuses", r.status.value.as_str()),
            None => match language {
                Language::Et => "läbi vaatamata".to_owned(),
                Language::En => "not reviewed".to_owned(),
            },
        },
        note: review
            .and_then(|r| r.note.as_ref())
            .map_or(String::new(), |n| n.value.clone()),
    }
}
