//! `casereview check CASE`: diagnostics and flags, for people (rustc-style) or scripts (JSON).

use std::path::PathBuf;

use clap::ValueEnum;
use serde::Serialize;

use super::{CliError, MethodologyArgs, Status, print_out};
use crate::diagnostics::{JsonDiagnostic, render_human};
use crate::pipeline::{self, Checked};

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
    match args.format {
        Format::Human => print_out(&human(&checked))?,
        Format::Json => print_out(&(serde_json::to_string_pretty(&json(&checked))? + "\n"))?,
    }
    Ok(if checked.errors() > 0 {
        Status::DataErrors
    } else {
        Status::Success
    })
}

fn human(checked: &Checked) -> String {
    let mut out = render_human(&checked.diagnostics, &checked.sources);
    let name = checked.case.as_ref().map_or_else(
        || checked.case_file.display().to_string(),
        |c| c.meta.id.value.clone(),
    );
    out.push_str(&format!(
        "{name}: {} error{}, {} warning{}\n",
        checked.errors(),
        plural(checked.errors()),
        checked.warnings(),
        plural(checked.warnings()),
    ));
    out
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

#[derive(Serialize)]
struct JsonReport<'a> {
    case: JsonCase<'a>,
    diagnostics: Vec<JsonDiagnostic<'a>>,
    flags: Vec<()>,
    summary: JsonSummary,
}

#[derive(Serialize)]
struct JsonCase<'a> {
    id: Option<&'a str>,
    language: Option<&'static str>,
    file: String,
}

#[derive(Serialize)]
struct JsonSummary {
    errors: usize,
    warnings: usize,
    flags: usize,
    unreviewed: usize,
}

fn json(checked: &Checked) -> JsonReport<'_> {
    use crate::model::Vocabulary;
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
        flags: Vec::new(),
        summary: JsonSummary {
            errors: checked.errors(),
            warnings: checked.warnings(),
            flags: 0,
            unreviewed: 0,
        },
    }
}
