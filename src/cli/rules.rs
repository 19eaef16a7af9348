//! `casereview rules [CODE]`: the gap-rule catalogue, or one rule's documentation with its
//! thresholds in force (a profile's, or a case's) and their sources.

use std::path::PathBuf;

use super::{CliError, Lang, MethodologyArgs, Status, print_out};
use crate::analysis::{Threshold, Thresholds, rules, threshold_words};
use crate::methodology::{Messages, Methodology, RuleEntry, key};
use crate::model::{Language, Settings, Vocabulary};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// A rule code (G004); without one, the whole catalogue.
    pub code: Option<String>,
    /// The jurisdiction profile whose thresholds to show.
    #[arg(long, default_value = "ee", conflicts_with = "case")]
    pub profile: String,
    /// Show the thresholds in force for this case (its profile and `settings.rules`).
    #[arg(long, value_name = "CASE")]
    pub case: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = Lang::En)]
    pub lang: Lang,
    #[command(flatten)]
    pub methodology: MethodologyArgs,
}

pub fn run(args: &Args) -> Result<Status, CliError> {
    let methodology = args.methodology.load()?;
    let catalogue = methodology.rule_catalogue()?;
    rules::check_catalogue(&catalogue)?;
    let (profile_name, settings) = profile_and_settings(args, &methodology)?;
    let profile = methodology.profile(&profile_name)?;
    let thresholds = Thresholds::resolve(&catalogue, &profile, &settings);
    let language = match args.lang {
        Lang::Et => Language::Et,
        Lang::En => Language::En,
    };
    let messages = methodology.messages(language)?;
    let text = match &args.code {
        None => catalogue_table(
            &catalogue.rules,
            &thresholds,
            &messages,
            profile.name.get(language),
        ),
        Some(code) => {
            let code = code.to_uppercase();
            let entry = catalogue
                .rules
                .iter()
                .find(|r| r.code == code)
                .ok_or_else(|| {
                    let known: Vec<&str> =
                        catalogue.rules.iter().map(|r| r.code.as_str()).collect();
                    CliError(format!(
                        "no rule `{code}`; the rules are {}",
                        known.join(", ")
                    ))
                })?;
            let documentation = methodology
                .rule_documentation(&code, language.as_str())
                .ok_or_else(|| {
                    CliError(format!(
                        "methodology/rules/{}/{code}.md is missing",
                        language.as_str()
                    ))
                })?;
            let threshold = thresholds
                .get(&code)
                .expect("every catalogue rule is resolved");
            let severities = methodology.vocabulary("flag-severities")?;
            let severity = severities.label(&entry.severity, language);
            one_rule(
                documentation,
                severity,
                threshold,
                &messages,
                profile.name.get(language),
            )
        }
    };
    print_out(&text)?;
    Ok(Status::Success)
}

fn profile_and_settings(
    args: &Args,
    methodology: &Methodology,
) -> Result<(String, Settings), CliError> {
    let Some(case) = &args.case else {
        return Ok((args.profile.clone(), Settings::default()));
    };
    let checked = crate::pipeline::check(case, methodology)?;
    let case = checked.case.ok_or_else(|| {
        CliError(format!(
            "{} cannot be read: run `casereview check` on it",
            case.display()
        ))
    })?;
    let profile = case
        .settings
        .profile
        .as_ref()
        .map_or("ee".to_owned(), |p| p.value.clone());
    Ok((profile, case.settings))
}

fn catalogue_table(
    entries: &[RuleEntry],
    thresholds: &Thresholds,
    messages: &Messages,
    profile: &str,
) -> String {
    let mut out = messages.say(key::RULES_HEADING, &[("profile", profile.into())]) + "\n\n";
    for entry in entries {
        let threshold = thresholds
            .get(&entry.code)
            .map(|t| threshold_words(t, messages))
            .unwrap_or_default();
        out.push_str(&format!(
            "{}  {:<28} {:<6} {:<22} {}\n",
            entry.code,
            entry.name,
            entry.severity,
            threshold,
            entry.summary.get(messages.language())
        ));
    }
    out.push('\n');
    out.push_str(&messages.word(key::RULES_ONE_RULE));
    out.push('\n');
    out
}

fn one_rule(
    documentation: &str,
    severity_label: &str,
    threshold: &Threshold,
    messages: &Messages,
    profile: &str,
) -> String {
    let word = |k| messages.word(k);
    format!(
        "{}\n\n{}\n\n- {}: {profile}\n- {}: {severity_label}\n- {}: {}\n- {}: {}\n",
        documentation.trim_end(),
        word(key::RULES_IN_FORCE),
        word(key::RULES_PROFILE),
        word(key::RULES_SEVERITY),
        word(key::RULES_THRESHOLD),
        threshold_words(threshold, messages),
        word(key::RULES_SOURCE),
        threshold.source.get(messages.language())
    )
}
