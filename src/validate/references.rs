//! Every id a case refers to must be declared; every vocabulary word must exist.

use std::collections::HashSet;

use super::Context;
use crate::diagnostics::{Code, Diagnostic, closest};
use crate::model::{Id, Span, Spanned};

pub(super) fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let agencies = Reference {
        noun: "agency",
        declared_under: "agencies",
        ids: &cx.agencies,
    };
    let people = Reference {
        noun: "person",
        declared_under: "people",
        ids: &cx.people,
    };
    let event_ids: HashSet<&str> = cx.events.keys().copied().collect();
    let events = Reference {
        noun: "event",
        declared_under: "events",
        ids: &event_ids,
    };
    let findings = Reference {
        noun: "finding",
        declared_under: "findings",
        ids: &cx.findings,
    };

    for event in &cx.case.events {
        agencies.check(cx, &event.agency, out);
        for id in event
            .to
            .iter()
            .chain(&event.to_place)
            .chain(&event.invited)
            .chain(&event.attended)
        {
            agencies.check(cx, id, out);
        }
        for id in &event.people {
            people.check(cx, id, out);
        }
        if let Some(reply_to) = &event.reply_to {
            events.check(cx, reply_to, out);
        }
        for concern in &event.concerns {
            vocabulary_word(concern, "concern", &cx.vocabularies.concerns, out);
        }
    }
    for row in &cx.case.residence {
        agencies.check(cx, &row.registered, out);
        agencies.check(cx, &row.actual, out);
    }
    for chronology in &cx.case.chronologies {
        if let Some(agency) = &chronology.agency {
            agencies.check(cx, agency, out);
        }
    }
    for episode in &cx.case.episodes {
        for id in &episode.events {
            events.check(cx, id, out);
        }
    }
    for finding in &cx.case.findings {
        if let Some(pattern) = &finding.pattern {
            vocabulary_word(pattern, "pattern", &cx.vocabularies.patterns, out);
        }
        for item in finding.evidence.iter().filter(|e| !e.value.contains(':')) {
            let known =
                cx.events.contains_key(item.as_str()) || cx.episodes.contains(item.as_str());
            if !known && !cx.dropped.contains(item.as_str()) {
                let candidates = cx.events.keys().copied().chain(cx.episodes.iter().copied());
                out.push(
                    Diagnostic::new(
                        Code::DanglingReference,
                        format!("unknown evidence `{}`", item.value),
                    )
                    .at(&item.span)
                    .label("not an event, an episode or a flag id")
                    .suggest(&item.value, candidates),
                );
            }
        }
    }
    for recommendation in &cx.case.recommendations {
        agencies.check(cx, &recommendation.to, out);
        for id in &recommendation.findings {
            findings.check(cx, id, out);
        }
    }
}

struct Reference<'a> {
    noun: &'static str,
    declared_under: &'static str,
    ids: &'a HashSet<&'a str>,
}

impl Reference<'_> {
    fn check(&self, cx: &Context, id: &Spanned<Id>, out: &mut Vec<Diagnostic>) {
        if self.ids.contains(id.as_str()) || cx.dropped.contains(id.as_str()) {
            return;
        }
        out.push(dangling(
            self.noun,
            self.declared_under,
            &id.value.0,
            &id.span,
            self.ids.iter().copied(),
        ));
    }
}

fn dangling<'a>(
    noun: &str,
    declared_under: &str,
    id: &str,
    span: &Span,
    candidates: impl Iterator<Item = &'a str>,
) -> Diagnostic {
    Diagnostic::new(Code::DanglingReference, format!("unknown {noun} `{id}`"))
        .at(span)
        .label(format!("not declared under `{declared_under}:`"))
        .suggest(id, candidates)
}

fn vocabulary_word(
    word: &Spanned<String>,
    noun: &str,
    list: &crate::methodology::WordList,
    out: &mut Vec<Diagnostic>,
) {
    if list.contains(&word.value) {
        return;
    }
    let diagnostic = Diagnostic::new(
        Code::InvalidValue,
        format!("`{}` is not a {noun} of the vocabulary", word.value),
    )
    .at(&word.span)
    .label(format!("unknown {noun}"));
    let diagnostic = match closest(&word.value, list.ids()) {
        Some(best) => diagnostic.help(format!("did you mean `{best}`?")),
        None => diagnostic.help(format!("the {noun}s are listed in methodology/vocabulary; an organisation may add its own with --methodology")),
    };
    out.push(diagnostic);
}
