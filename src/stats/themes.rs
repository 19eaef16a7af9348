//! The themes document (`--format pdf`): the counts of [`Summary`] and the reviews' rows as
//! bar charts, typeset in the house style (`templates/themes.typ.j2`, which shares
//! `house.typ.j2` with the report). Every label is in the document's language; the data
//! holds counts and labels only, so nothing a reviewer wrote can reach it.

use std::collections::BTreeMap;

use serde::Serialize;

use super::tables::Value;
use super::{Gathered, Summary};
use crate::analysis::rules::REGISTRY;
use crate::methodology::{Methodology, MethodologyError, WordList};
use crate::model::{ActionStrength, AgencyKind, Language, OutcomeKind, Vocabulary};
use crate::render::{self, RenderError, Templates};

const TEMPLATE_FILE: &str = "themes.typ.j2";
/// The PDF's identifier: the document is about no single case.
const IDENT: &str = "casereview-stats";

#[derive(Serialize)]
pub struct ThemesData {
    lang: &'static str,
    meta: Meta,
    counts: Totals,
    charts: Charts,
    reviews: Vec<ReviewLine>,
}

#[derive(Serialize)]
struct Meta {
    iso_date: String,
    draft: bool,
    classification: Option<Classification>,
}

#[derive(Serialize)]
struct Classification {
    label: String,
}

#[derive(Serialize)]
struct Totals {
    reviews: usize,
    skipped: usize,
    refused: usize,
    events: i64,
    flags: usize,
    flags_reviewed: i64,
    findings: usize,
    recommendations: usize,
}

#[derive(Serialize)]
struct Charts {
    outcomes: Chart,
    rules: Chart,
    agency_kinds: Chart,
    patterns: Chart,
    strengths: Chart,
    first_concern: Chart,
}

/// Bars whose lengths are `value / scale`.
#[derive(Serialize)]
struct Chart {
    scale: f64,
    bars: Vec<Bar>,
}

#[derive(Serialize)]
struct Bar {
    label: String,
    value: f64,
    /// The figure printed beside the bar.
    shown: String,
}

#[derive(Serialize)]
struct ReviewLine {
    case_id: String,
    outcome: String,
    events: i64,
    agencies: i64,
    flags: i64,
    first_concern: String,
}

/// The themes document as PDF bytes.
pub fn pdf(
    gathered: &Gathered,
    summary: &Summary,
    methodology: &Methodology,
    templates: &Templates,
    language: Language,
) -> Result<Vec<u8>, RenderError> {
    let data = build(gathered, summary, methodology, templates, language)?;
    let today = gathered.marks.date;
    let source = render::source_of(TEMPLATE_FILE, &data, today, templates, language)?;
    let document = render::compile(&source)?;
    render::pdf(&document, IDENT)
}

fn build(
    gathered: &Gathered,
    summary: &Summary,
    methodology: &Methodology,
    templates: &Templates,
    language: Language,
) -> Result<ThemesData, RenderError> {
    let t = templates.translations(language)?;
    let word = |key: &str| t.get(key).cloned().unwrap_or_else(|| key.to_owned());
    let vocabulary = |file: &str| {
        methodology
            .vocabulary(file)
            .map_err(|e: MethodologyError| RenderError(e.to_string()))
    };
    let outcome_words = vocabulary(OutcomeKind::FILE)?;
    let label = |list: &WordList, w: &str| list.label(w, language).to_owned();
    let tables = &gathered.tables;
    let reviews = summary.reviews;

    let outcomes = counted(&summary.outcomes, &outcome_words, language);
    let rules = Chart {
        scale: 1.0,
        bars: REGISTRY
            .iter()
            .map(|rule| {
                let fired = summary.rules.get(rule.code).map_or(0, |c| c.reviews);
                let share = if reviews == 0 {
                    0.0
                } else {
                    fired as f64 / reviews as f64
                };
                Bar {
                    label: format!("{} {}", rule.code, rule.name),
                    value: share,
                    shown: format!("{:.0} % ({fired})", share * 100.0),
                }
            })
            .collect(),
    };
    let kinds = vocabulary(AgencyKind::FILE)?;
    let mut agency_kinds: Vec<(&String, &super::Counts)> = summary
        .agency_kinds
        .iter()
        .filter(|(_, c)| c.flags > 0)
        .collect();
    agency_kinds.sort_by_key(|(kind, c)| (std::cmp::Reverse(c.flags), *kind));
    let agency_kinds = chart(agency_kinds.into_iter().map(|(kind, c)| {
        (
            label(&kinds, kind),
            c.flags,
            format!("{} ({})", c.flags, c.reviews),
        )
    }));
    let patterns = counted(&summary.patterns, &vocabulary("patterns")?, language);
    let strength_words = vocabulary(ActionStrength::FILE)?;
    let unrated = tables
        .recommendations
        .column("strength")
        .filter(|v| **v == Value::Null)
        .count();
    let strengths = chart(
        ActionStrength::WORDS
            .iter()
            .map(|w| {
                let n = summary.strengths.get(*w).copied().unwrap_or(0);
                (label(&strength_words, w), n, n.to_string())
            })
            .chain((unrated > 0).then(|| (word("themes_not_given"), unrated, unrated.to_string()))),
    );
    let first_concern = days_chart(
        &gathered.tables.reviews,
        &word("themes_days"),
        &word("themes_no_concern"),
    );

    let review_lines = tables
        .reviews
        .rows
        .iter()
        .map(|row| {
            let cell = |name: &str| tables.reviews.cell(row, name);
            let number = |name: &str| cell(name).integer().unwrap_or(0);
            ReviewLine {
                case_id: cell("case_id").text().unwrap_or_default().to_owned(),
                outcome: label(
                    &outcome_words,
                    cell("outcome_kind").text().unwrap_or_default(),
                ),
                events: number("events"),
                agencies: number("agencies"),
                flags: number("flags"),
                first_concern: cell("first_concern_days")
                    .integer()
                    .map_or("—".to_owned(), |n| n.to_string()),
            }
        })
        .collect();

    let marks = &gathered.marks;
    Ok(ThemesData {
        lang: language.as_str(),
        meta: Meta {
            iso_date: marks
                .date
                .unwrap_or_default()
                .format("%Y-%m-%d")
                .to_string(),
            draft: marks.draft,
            classification: marks
                .classification
                .clone()
                .map(|label| Classification { label }),
        },
        counts: Totals {
            reviews,
            skipped: summary.skipped.len(),
            refused: summary.refused.len(),
            events: tables.reviews.sum("events"),
            flags: tables.flags.rows.len(),
            flags_reviewed: tables.reviews.sum("flags_reviewed"),
            findings: tables.findings.rows.len(),
            recommendations: tables.recommendations.rows.len(),
        },
        charts: Charts {
            outcomes,
            rules,
            agency_kinds,
            patterns,
            strengths,
            first_concern,
        },
        reviews: review_lines,
    })
}

/// A bar per (label, count, figure shown), scaled to the largest count.
fn chart(bars: impl Iterator<Item = (String, usize, String)>) -> Chart {
    let bars: Vec<Bar> = bars
        .map(|(label, n, shown)| Bar {
            label,
            value: n as f64,
            shown,
        })
        .collect();
    Chart {
        scale: bars.iter().map(|b| b.value).fold(0.0, f64::max),
        bars,
    }
}

/// A bar per word of a vocabulary, labelled in `language`, in the vocabulary's order.
fn counted(counts: &BTreeMap<String, usize>, words: &WordList, language: Language) -> Chart {
    chart(words.words.iter().map(|w| {
        let n = counts.get(&w.id).copied().unwrap_or(0);
        (words.label(&w.id, language).to_owned(), n, n.to_string())
    }))
}

/// The upper ends (in days) of the bins of "days from the first concern to the outcome":
/// a month, a quarter, half a year, a year, two years, then anything longer.
const DAY_BINS: &[i64] = &[30, 90, 182, 365, 730];

/// Reviews per bin of `first_concern_days`, and those with no concern recorded.
fn days_chart(reviews: &super::tables::Table, days: &str, no_concern: &str) -> Chart {
    let mut counts = vec![0usize; DAY_BINS.len() + 1];
    let mut none = 0;
    for value in reviews.column("first_concern_days") {
        match value {
            Value::Integer(n) => {
                let bin = DAY_BINS
                    .iter()
                    .position(|end| n <= end)
                    .unwrap_or(DAY_BINS.len());
                counts[bin] += 1;
            }
            _ => none += 1,
        }
    }
    let labels = DAY_BINS.iter().enumerate().map(|(i, end)| match i {
        0 => format!("≤ {end} {days}"),
        _ => format!("{}–{end} {days}", DAY_BINS[i - 1] + 1),
    });
    let last = format!("> {} {days}", DAY_BINS[DAY_BINS.len() - 1]);
    chart(
        labels
            .chain(std::iter::once(last))
            .zip(counts)
            .map(|(label, n)| (label, n, n.to_string()))
            .chain((none > 0).then(|| (no_concern.to_owned(), none, none.to_string()))),
    )
}
