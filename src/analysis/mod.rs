//! The gap rules and who-knew-what-when, run on a validated case. Flags carry stable ids
//! and the reviewers' verdicts; nothing here formats text for a page.

mod calendar;
mod certainty;
mod context;
mod flag;
mod knowledge;
mod reach;
pub mod rules;
mod thresholds;

pub use crate::methodology::Duration;
pub use calendar::Calendar;
pub use certainty::Certainty;
pub use context::{LeadStretch, RuleContext};
pub use flag::{
    Flag, FlagFacts, RuleOutput, Undecided, flag_ids_by_event, relative_day, unreviewed,
};
pub use knowledge::{KnowledgeMatrix, knowledge_matrix};
pub use reach::{Channels, Known};
pub use thresholds::{Threshold, Thresholds, threshold_words};

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;

use crate::diagnostics::{Code, Diagnostic};
use crate::graph::CaseGraph;
use crate::methodology::{Methodology, MethodologyError, Profile, RuleCatalogue};
use crate::model::{Case, DateMode, FlagId};

/// What the rules found on a case.
pub struct Analysis {
    /// Sorted by anchor date, code, id.
    pub flags: Vec<Flag>,
    /// Undecided rules, reviews of flags that do not fire, a missing lead.
    pub diagnostics: Vec<Diagnostic>,
    pub thresholds: Thresholds,
    pub profile: Profile,
    pub catalogue: RuleCatalogue,
}

/// Runs every enabled rule on a case that validated without errors.
pub fn analyse(case: &Case, methodology: &Methodology) -> Result<Analysis, MethodologyError> {
    let catalogue = methodology.rule_catalogue()?;
    rules::check_catalogue(&catalogue)?;
    let profile_name = case
        .settings
        .profile
        .as_ref()
        .map_or("ee", |p| p.value.as_str());
    let profile = methodology.profile(profile_name)?;
    let thresholds = Thresholds::resolve(&catalogue, &profile, &case.settings);
    let graph = CaseGraph::build(case);
    let (first_year, last_year) = Calendar::years_of(case.events.iter().map(|e| &e.date.value));
    let calendar = Calendar::new(&profile, first_year, last_year);
    let cx = RuleContext::new(&graph, &calendar, &thresholds);

    let mut diagnostics = Vec::new();
    // The rules are independent: they run side by side, and their outputs are joined in
    // the registry's order, so the result never depends on which finished first.
    let outputs: Vec<RuleOutput> = rules::REGISTRY
        .par_iter()
        .filter_map(|rule| {
            let threshold = thresholds
                .get(rule.code)
                .expect("checked against the catalogue");
            if !threshold.enabled || (rule.needs_lead && graph.lead.is_empty()) {
                return None;
            }
            let mut output = RuleOutput::default();
            (rule.check)(&cx, threshold, &mut output);
            Some(output)
        })
        .collect();
    let mut output = RuleOutput::default();
    for mut part in outputs {
        output.flags.append(&mut part.flags);
        output.undecided.append(&mut part.undecided);
    }
    if graph.lead.is_empty() {
        let skipped: Vec<&str> = rules::REGISTRY
            .iter()
            .filter(|r| r.needs_lead)
            .map(|r| r.code)
            .collect();
        diagnostics.push(
            Diagnostic::new(Code::NoLeadAgency, format!("no lead agency: {} did not run", skipped.join(", ")))
                .help("mark one agency `lead: true`, or give `residence` with the `registered` municipality"),
        );
    }
    for undecided in &output.undecided {
        diagnostics.push(undecided.diagnostic(case));
    }

    let severity: HashMap<&str, &str> = catalogue
        .rules
        .iter()
        .map(|r| (r.code.as_str(), r.severity.as_str()))
        .collect();
    let mut flags: Vec<Flag> = output
        .flags
        .into_iter()
        .map(|facts| {
            let severity = severity.get(facts.code).copied().unwrap_or("medium");
            Flag::new(facts, severity, case)
        })
        .collect();
    flags.sort_by(|a, b| {
        (a.date.start(), &a.id.code, &a.id).cmp(&(b.date.start(), &b.id.code, &b.id))
    });
    flags.dedup_by(|a, b| a.id == b.id);
    apply_reviews(case, &mut flags, &mut diagnostics);
    Ok(Analysis {
        flags,
        diagnostics,
        thresholds,
        profile,
        catalogue,
    })
}

/// Who knew what, when: concern word → agency → when it could first have known. Only the
/// report shows it, so `check` does not pay for it.
pub fn who_knew_what(case: &Case, analysis: &Analysis) -> KnowledgeMatrix {
    let graph = CaseGraph::build(case);
    let (first_year, last_year) = Calendar::years_of(case.events.iter().map(|e| &e.date.value));
    let calendar = Calendar::new(&analysis.profile, first_year, last_year);
    knowledge_matrix(&RuleContext::new(&graph, &calendar, &analysis.thresholds))
}

/// Attaches each reviewer's verdict to its flag; a review or evidence of a flag that no
/// longer fires is reported, not silently kept.
fn apply_reviews(case: &Case, flags: &mut [Flag], diagnostics: &mut Vec<Diagnostic>) {
    let relative = case.meta.dates == DateMode::Relative;
    let fired: HashSet<String> = flags.iter().map(|f| f.id.to_string()).collect();
    for review in &case.flag_reviews {
        match flags
            .iter_mut()
            .find(|f| f.id.to_string() == review.flag.value)
        {
            Some(flag) => flag.review = Some(review.clone()),
            None => diagnostics.push(no_such_flag(&review.flag, "a review of", relative)),
        }
    }
    for finding in &case.findings {
        for item in finding
            .evidence
            .iter()
            .filter(|e| e.value.contains(':') && !fired.contains(&e.value))
        {
            diagnostics.push(no_such_flag(item, "evidence naming", relative));
        }
    }
}

fn no_such_flag(flag: &crate::model::Spanned<String>, what: &str, relative: bool) -> Diagnostic {
    let hint = match FlagId::parse(&flag.value, rules::anchor_kind) {
        Ok((id, _)) if id.code == "G010" && relative => {
            "in a case with `dates: relative`, G010's anchor is the relative day, e.g. `G010:T-290`"
        }
        _ => {
            "the data changed, or the id is mistyped: `casereview check` lists the flags that fire"
        }
    };
    Diagnostic::new(
        Code::ReviewOfNoFlag,
        format!("{what} flag `{}`, which does not fire", flag.value),
    )
    .at(&flag.span)
    .label("no such flag")
    .help(hint)
}
