//! The quality markers of `methodology/quality-markers.yaml`, filled in from the case.

use std::collections::BTreeSet;

use serde::Serialize;

use super::Context;
use crate::analysis::Flag;
use crate::methodology::{Methodology, MethodologyError, key};
use crate::model::{ActionStrength, Case, EventKind, Language, ReviewStatus};

#[derive(Serialize)]
pub struct QualityRow {
    pub text: String,
    pub why: String,
    pub value: String,
}

/// "k / n", or "—" when there is nothing to count.
fn ratio(k: usize, n: usize) -> String {
    if n == 0 {
        "—".to_owned()
    } else {
        format!("{k} / {n}")
    }
}

/// The figure each marker shows.
fn value(id: &str, cx: &Context) -> String {
    let case: &Case = cx.case;
    let events = &case.events;
    let completed = events
        .iter()
        .filter(|e| e.kind.value == EventKind::AssessmentCompleted)
        .count();
    let flags: &[Flag] = &cx.view.flags;
    let reviewed = |status: ReviewStatus| {
        flags
            .iter()
            .filter(move |f| f.review.as_ref().is_some_and(|r| r.status.value == status))
    };
    match id {
        "child_views_recorded" => {
            let unheard = flags.iter().filter(|f| f.id.code == "G008").count();
            ratio(completed.saturating_sub(unheard), completed)
        }
        "child_seen_alone" => {
            let seen: Vec<_> = events
                .iter()
                .filter(|e| e.child_seen && e.kind.value != EventKind::Outcome)
                .collect();
            ratio(
                seen.iter().filter(|e| e.child_seen_alone).count(),
                seen.len(),
            )
        }
        "events_with_source" => ratio(
            events.iter().filter(|e| e.source.is_some()).count(),
            events.len(),
        ),
        "agencies_with_chronology" => {
            let acting: BTreeSet<&str> = events.iter().map(|e| e.agency.as_str()).collect();
            let submitted: BTreeSet<&str> = case
                .chronologies
                .iter()
                .filter_map(|c| c.agency.as_ref().map(|a| a.as_str()))
                .collect();
            ratio(acting.intersection(&submitted).count(), acting.len())
        }
        "flags_reviewed" => ratio(
            flags.iter().filter(|f| f.is_reviewed()).count(),
            flags.len(),
        ),
        "dismissed_with_reason" => {
            let dismissed: Vec<_> = reviewed(ReviewStatus::Dismissed).collect();
            ratio(
                dismissed
                    .iter()
                    .filter(|f| f.review.as_ref().is_some_and(|r| r.note.is_some()))
                    .count(),
                dismissed.len(),
            )
        }
        "findings_with_evidence" => ratio(
            case.findings
                .iter()
                .filter(|f| !f.evidence.is_empty())
                .count(),
            case.findings.len(),
        ),
        "findings_with_pattern" => ratio(
            case.findings.iter().filter(|f| f.pattern.is_some()).count(),
            case.findings.len(),
        ),
        "recommendations_with_owner_and_due" => ratio(
            case.recommendations
                .iter()
                .filter(|r| r.due.is_some())
                .count(),
            case.recommendations.len(),
        ),
        "recommendations_stronger_actions" => ratio(
            case.recommendations
                .iter()
                .filter(|r| {
                    r.strength
                        .as_ref()
                        .is_some_and(|s| s.value == ActionStrength::Stronger)
                })
                .count(),
            case.recommendations.len(),
        ),
        "episodes_with_local_rationality" => ratio(
            case.episodes
                .iter()
                .filter(|e| e.why_it_made_sense.is_some())
                .count(),
            case.episodes.len(),
        ),
        "working_group_multi_agency" => {
            let organisations: BTreeSet<&str> = case
                .meta
                .review
                .working_group
                .iter()
                .filter_map(|m| m.organisation.as_ref().map(|o| o.value.as_str()))
                .collect();
            let met = if organisations.len() >= 3 {
                "✓"
            } else {
                "✗"
            };
            cx.messages.say(
                key::ORGANISATIONS_MET,
                &[("n", organisations.len().into()), ("met", met.into())],
            )
        }
        _ => "—".to_owned(),
    }
}

pub(super) fn markers(
    cx: &Context,
    methodology: &Methodology,
) -> Result<Vec<QualityRow>, MethodologyError> {
    Ok(methodology
        .quality_markers()?
        .markers
        .into_iter()
        .map(|marker| {
            let text = match cx.language {
                Language::Et => marker.et,
                Language::En => marker.en,
            };
            QualityRow {
                value: value(&marker.id, cx),
                text: text.text,
                why: text.why,
            }
        })
        .collect())
}
