//! `settings:` names a profile that exists and rules of the catalogue.

use super::Context;
use crate::analysis::rules::{REGISTRY, rule as registered};
use crate::diagnostics::{Code, Diagnostic};

pub(super) fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let settings = &cx.case.settings;
    if let Some(profile) = &settings.profile
        && !cx.vocabularies.profiles.contains(&profile.value)
    {
        out.push(
            Diagnostic::new(
                Code::InvalidValue,
                format!("no jurisdiction profile `{}`", profile.value),
            )
            .at(&profile.span)
            .label("not in methodology/profiles")
            .suggest(
                &profile.value,
                cx.vocabularies.profiles.iter().map(String::as_str),
            )
            .help(format!(
                "the profiles are: {}",
                cx.vocabularies.profiles.join(", ")
            )),
        );
    }
    for rule in &settings.rules {
        if registered(&rule.code.value).is_none() {
            out.push(
                Diagnostic::new(
                    Code::InvalidValue,
                    format!("no rule `{}` in the catalogue", rule.code.value),
                )
                .at(&rule.code.span)
                .label("unknown rule code")
                .suggest(&rule.code.value, REGISTRY.iter().map(|r| r.code)),
            );
        }
        if rule.days.is_some() && rule.working_days.is_some() {
            out.push(
                Diagnostic::new(
                    Code::InvalidValue,
                    format!(
                        "rule `{}` has both `days` and `working_days`",
                        rule.code.value
                    ),
                )
                .at(&rule.code.span)
                .label("one unit per threshold")
                .help("keep the one the threshold is counted in"),
            );
        }
    }
}
