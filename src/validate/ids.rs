//! Unique ids, one child, at most one lead agency.

use std::collections::HashMap;

use super::Context;
use crate::diagnostics::{Code, Diagnostic};
use crate::model::{Id, Role, Span, Spanned};

pub(super) fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    unique("person", cx.case.people.iter().map(|p| &p.id), out);
    unique("agency", cx.case.agencies.iter().map(|a| &a.id), out);
    // Events, episodes, findings and recommendations share one namespace: evidence mixes them.
    let shared = cx
        .case
        .events
        .iter()
        .map(|e| &e.id)
        .chain(cx.case.episodes.iter().map(|e| &e.id))
        .chain(cx.case.findings.iter().map(|f| &f.id))
        .chain(cx.case.recommendations.iter().map(|r| &r.id));
    unique("event, episode, finding or recommendation", shared, out);

    let children: Vec<_> = cx
        .case
        .people
        .iter()
        .filter(|p| p.role.value == Role::Child)
        .collect();
    match children.as_slice() {
        [_] => {}
        [] => out.push(
            Diagnostic::new(Code::ChildCount, "no person has `role: child`")
                .help("the case is about one child: give that person `role: child`"),
        ),
        [_, rest @ ..] => {
            for extra in rest {
                out.push(
                    Diagnostic::new(Code::ChildCount, "more than one person has `role: child`")
                        .at(&extra.role.span)
                        .label("a second child")
                        .help("a review is about one child; brothers and sisters have `role: sibling`"),
                );
            }
        }
    }

    let leads: Vec<_> = cx.case.agencies.iter().filter(|a| a.lead).collect();
    for extra in leads.iter().skip(1) {
        out.push(
            Diagnostic::new(
                Code::TwoLeads,
                format!("`{}` is a second lead agency", extra.id.value),
            )
            .at(&extra.id.span)
            .label(format!("`{}` is already the lead", leads[0].id.value))
            .help("at most one agency has `lead: true`; without one, the lead follows `residence`"),
        );
    }
}

fn unique<'a>(what: &str, ids: impl Iterator<Item = &'a Spanned<Id>>, out: &mut Vec<Diagnostic>) {
    let mut first: HashMap<&str, &Span> = HashMap::new();
    for id in ids {
        if let Some(earlier) = first.get(id.as_str()) {
            out.push(
                Diagnostic::new(
                    Code::DuplicateId,
                    format!("duplicate {what} id `{}`", id.value),
                )
                .at(&id.span)
                .label(format!("first declared at line {}", earlier.line))
                .help("every id is declared once; give this one another id"),
            );
        } else {
            first.insert(id.as_str(), &id.span);
        }
    }
}
