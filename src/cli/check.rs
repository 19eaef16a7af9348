//! `casereview check CASE`: diagnostics and flags, for people (rustc-style) or scripts (JSON).

use std::path::PathBuf;

use clap::ValueEnum;
use serde::Serialize;

use super::{CliError, MethodologyArgs, Status, print_out};
use crate::analysis::{self, Flag, rules};
use crate::diagnostics::{JsonDiagnostic, render_human};
use crate::model::Vocabulary;
use crate::pipeline::{self, CaseView, Checked};
use crate::progress::{self, Progress};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// A case.yaml, or the folder that holds one.
    pub case: PathBuf,
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Exit 1 while any flag is unreviewed.
    #[arg(long)]
    pub strict: bool,
    #[command(flatten)]
    pub methodology: MethodologyArgs,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
}

pub fn run(args: &Args) -> Result<Status, CliError> {
    let methodology = args.methodology.load()?;
    let checked = pipeline::check(&args.case, &methodology)?;
    // Flags are shown as every output shows them, in the case's language.
    let view = match &checked.case {
        Some(case) => checked.view(&methodology, case.meta.language)?,
        None => None,
    };
    let view = view.as_ref();
    match args.format {
        Format::Human => print_out(&human(&checked, view))?,
        Format::Json => print_out(&(serde_json::to_string_pretty(&json(&checked, view))? + "\n"))?,
    }
    // Only the flags the view shows can be reviewed: one it hides never blocks `--strict`.
    let unreviewed_refused = args.strict && analysis::unreviewed(shown_flags(view)) > 0;
    Ok(if checked.errors() > 0 || unreviewed_refused {
        Status::DataErrors
    } else {
        Status::Success
    })
}

/// The flags as the view shows them: none for a case with errors.
fn shown_flags<'v>(view: Option<&'v CaseView<'_>>) -> &'v [Flag] {
    view.map_or(&[], |v| &v.flags)
}

fn human(checked: &Checked, view: Option<&CaseView<'_>>) -> String {
    let mut out = render_human(&checked.diagnostics, &checked.sources);
    if let Some(view) = view.filter(|v| !v.flags.is_empty()) {
        out.push_str("flags:\n");
        for flag in view.flags.iter() {
            let verdict = match &flag.review {
                Some(review) => format!(" [{}]", review.status.value),
                None => String::new(),
            };
            let id = flag.id.to_string();
            let message = view.message(flag);
            out.push_str(&format!(
                "  {id:<20} {:<6} {message}{verdict}\n",
                flag.severity
            ));
        }
        out.push('\n');
    }
    // Only for a review under way: a case with no flag, request or recommendation yet
    // has nothing to track.
    let progress = view.map(|v| progress::progress(&v.case, &v.flags));
    if let Some(p) = progress.filter(Progress::is_tracked) {
        out.push_str(&progress_lines(&p));
    }
    let name = checked.case.as_ref().map_or_else(
        || checked.case_file.display().to_string(),
        |c| c.meta.id.value.clone(),
    );
    let flags = shown_flags(view);
    let count = flags.len();
    let unreviewed = crate::analysis::unreviewed(flags);
    let flags = match view {
        Some(_) => format!(", {count} flag{} ({unreviewed} unreviewed)", plural(count)),
        None if checked.errors() > 0 => ", not analysed".to_owned(),
        None => String::new(),
    };
    out.push_str(&format!(
        "{name}: {} error{}, {} warning{}{flags}\n",
        checked.errors(),
        plural(checked.errors()),
        checked.warnings(),
        plural(checked.warnings()),
    ));
    out
}

/// Where the review stands, for the facilitator: what is missing, what is undecided.
fn progress_lines(p: &Progress) -> String {
    let list = |ids: &[String]| {
        if ids.is_empty() {
            String::new()
        } else {
            format!("; overdue: {}", ids.join(", "))
        }
    };
    let c = &p.chronologies;
    let by_rule: Vec<String> = p
        .flags
        .by_rule
        .iter()
        .map(|r| format!("{} {}/{}", r.code, r.reviewed, r.total))
        .collect();
    let statuses: Vec<String> = p
        .recommendations
        .by_status
        .iter()
        .map(|(status, n)| format!("{n} {}", status.as_str().replace('_', " ")))
        .collect();
    format!(
        "progress:\n  chronologies: {} requested, {} received{}\n  flags: {} of {} reviewed{}\n  recommendations: {}{}\n\n",
        c.requested,
        c.received,
        list(&c.overdue),
        p.flags.reviewed,
        p.flags.total,
        if by_rule.is_empty() {
            String::new()
        } else {
            format!(" ({})", by_rule.join(", "))
        },
        statuses.join(", "),
        list(&p.recommendations.overdue),
    )
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

#[derive(Serialize)]
struct JsonReport<'a> {
    case: JsonCase<'a>,
    diagnostics: Vec<JsonDiagnostic<'a>>,
    flags: Vec<JsonFlag<'a>>,
    summary: JsonSummary,
}

#[derive(Serialize)]
struct JsonCase<'a> {
    id: Option<&'a str>,
    language: Option<&'static str>,
    file: String,
}

#[derive(Serialize)]
struct JsonFlag<'a> {
    id: String,
    code: &'a str,
    rule: &'static str,
    severity: &'a str,
    date: String,
    agency: Option<&'a str>,
    events: Vec<&'a str>,
    message: String,
    review: Option<JsonReview<'a>>,
}

#[derive(Serialize)]
struct JsonReview<'a> {
    status: &'static str,
    note: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonSummary {
    errors: usize,
    warnings: usize,
    flags: usize,
    unreviewed: usize,
    /// Where the review stands; `null` for a case that could not be analysed.
    progress: Option<serde_json::Value>,
}

fn json_progress(p: &Progress) -> serde_json::Value {
    let mut recommendations: serde_json::Map<String, serde_json::Value> = p
        .recommendations
        .by_status
        .iter()
        .map(|(status, n)| (status.as_str().to_owned(), (*n).into()))
        .collect();
    recommendations.insert("overdue".into(), p.recommendations.overdue.clone().into());
    let by_rule: serde_json::Map<String, serde_json::Value> = p
        .flags
        .by_rule
        .iter()
        .map(|r| {
            let counts = serde_json::json!({"total": r.total, "reviewed": r.reviewed});
            (r.code.clone(), counts)
        })
        .collect();
    serde_json::json!({
        "chronologies": {
            "requested": p.chronologies.requested,
            "received": p.chronologies.received,
            "overdue": p.chronologies.overdue,
        },
        "flags": {"total": p.flags.total, "reviewed": p.flags.reviewed, "by_rule": by_rule},
        "recommendations": recommendations,
    })
}

fn json<'a>(checked: &'a Checked, view: Option<&'a CaseView<'a>>) -> JsonReport<'a> {
    use crate::model::Vocabulary;
    let flags = shown_flags(view);
    JsonReport {
        case: JsonCase {
            id: checked.case.as_ref().map(|c| c.meta.id.value.as_str()),
            language: checked.case.as_ref().map(|c| c.meta.language.as_str()),
            file: checked.case_file.display().to_string(),
        },
        diagnostics: checked
            .diagnostics
            .iter()
            .map(|d| d.to_json(&checked.sources))
            .collect(),
        flags: view.map_or_else(Vec::new, |view| {
            view.flags.iter().map(|f| json_flag(f, view)).collect()
        }),
        summary: JsonSummary {
            errors: checked.errors(),
            warnings: checked.warnings(),
            flags: flags.len(),
            unreviewed: crate::analysis::unreviewed(flags),
            progress: view.map(|v| json_progress(&progress::progress(&v.case, &v.flags))),
        },
    }
}

fn json_flag<'a>(flag: &'a Flag, view: &CaseView<'_>) -> JsonFlag<'a> {
    use crate::model::Vocabulary;
    JsonFlag {
        id: flag.id.to_string(),
        code: &flag.id.code,
        rule: rules::rule(&flag.id.code).map_or("", |r| r.name),
        severity: &flag.severity,
        date: flag.date.to_string(),
        agency: flag.agency.as_ref().map(|a| a.as_str()),
        events: flag.events.iter().map(|e| e.as_str()).collect(),
        message: view.message(flag),
        review: flag.review.as_ref().map(|r| JsonReview {
            status: r.status.value.as_str(),
            note: r.note.as_ref().map(|n| n.value.as_str()),
        }),
    }
}
