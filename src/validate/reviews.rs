//! Flag ids written by reviewers (`flag_reviews`, `evidence`) must be well-formed and
//! name something that exists. Whether the flag fires is known only after the rules run.

use std::collections::HashMap;

use super::Context;
use crate::analysis::rules::{REGISTRY, anchor_kind};
use crate::diagnostics::{Code, Diagnostic};
use crate::model::{AnchorKind, FlagId, FlagIdError, ReviewStatus, Spanned};

pub(super) fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let mut reviewed: HashMap<String, u32> = HashMap::new();
    for review in &cx.case.flag_reviews {
        well_formed(cx, &review.flag, out);
        if let Some(line) = reviewed.insert(review.flag.value.clone(), review.flag.span.line) {
            out.push(
                Diagnostic::new(
                    Code::DuplicateId,
                    format!("flag `{}` is reviewed twice", review.flag.value),
                )
                .at(&review.flag.span)
                .label(format!("first reviewed at line {line}")),
            );
        }
        if review.status.value == ReviewStatus::Dismissed && review.note.is_none() {
            out.push(
                Diagnostic::new(
                    Code::DismissalWithoutNote,
                    format!("flag `{}` is dismissed without a `note`", review.flag.value),
                )
                .at(&review.status.span)
                .label("say why")
                .help("a dismissal needs its reason: the report prints it"),
            );
        }
    }
    for finding in &cx.case.findings {
        for item in finding.evidence.iter().filter(|e| e.value.contains(':')) {
            well_formed(cx, item, out);
        }
    }
}

fn well_formed(cx: &Context, flag: &Spanned<String>, out: &mut Vec<Diagnostic>) {
    let fault = |message: String, label: &str| {
        Diagnostic::new(Code::MalformedFlagId, message)
            .at(&flag.span)
            .label(label.to_owned())
    };
    let (id, kind) = match FlagId::parse(&flag.value, anchor_kind) {
        Ok(id) => id,
        Err(FlagIdError::NoColon) => {
            out.push(
                fault(
                    format!("`{}` is not a flag id", flag.value),
                    "expected `CODE:anchor`",
                )
                .help("e.g. `G001:e014`"),
            );
            return;
        }
        Err(FlagIdError::UnknownCode(code)) => {
            out.push(
                fault(
                    format!("unknown rule code `{code}`"),
                    "not a rule of the catalogue",
                )
                .suggest(&code, REGISTRY.iter().map(|r| r.code)),
            );
            return;
        }
        Err(FlagIdError::WrongShape { code, expected }) => {
            out.push(fault(
                format!("a `{code}` flag id is written {expected}"),
                "malformed flag id",
            ));
            return;
        }
    };
    let names = |anchor: &str, what: &str| -> Option<Diagnostic> {
        Some(fault(
            format!("flag `{}` names no {what} `{anchor}`", flag.value),
            &format!("no such {what}"),
        ))
    };
    let anchor = &id.anchor;
    let problem = match kind {
        AnchorKind::Event => (!cx.events.contains_key(anchor[0].as_str()))
            .then(|| names(&anchor[0], "event"))
            .flatten(),
        AnchorKind::Agency => (!cx.agencies.contains(anchor[0].as_str()))
            .then(|| names(&anchor[0], "agency"))
            .flatten(),
        AnchorKind::Person => (!cx.people.contains(anchor[0].as_str()))
            .then(|| names(&anchor[0], "person"))
            .flatten(),
        AnchorKind::MeetingAgency => {
            if !cx.events.contains_key(anchor[0].as_str()) {
                names(&anchor[0], "event")
            } else if !cx.agencies.contains(anchor[1].as_str()) {
                names(&anchor[1], "agency")
            } else {
                None
            }
        }
        AnchorKind::ResidenceStart => {
            let starts: Vec<String> = cx
                .case
                .residence
                .iter()
                .map(|r| r.from.value.to_string())
                .collect();
            let relative = anchor[0].starts_with('T');
            (!relative && !starts.contains(&anchor[0]))
                .then(|| {
                    names(&anchor[0], "residence period starting on")
                        .map(|d| d.help(format!("periods start on: {}", starts.join(", "))))
                })
                .flatten()
        }
    };
    out.extend(problem);
}
