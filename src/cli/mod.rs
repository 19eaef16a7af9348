//! The command line: one file per command, and the only place that prints.

mod anonymise;
mod check;
mod chronology;
mod completions;
mod diff;
mod exercise;
mod graph;
mod import;
mod init;
mod man;
mod report;
mod rules;
mod schema;
mod stats;
mod version;
mod watch;

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::analysis::Analysis;
use crate::methodology::Methodology;
use crate::model::{Case, Language};
use crate::pipeline::{CaseView, Checked};
use crate::render::Templates;

/// What a command's exit code says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Done; the case is valid.
    Success = 0,
    /// The case has data errors (or, with `--strict`, unreviewed flags).
    DataErrors = 1,
    /// A usage or I/O error: nothing was judged.
    UsageOrIo = 2,
}

/// A usage or I/O failure, printed as `error: …` with exit code 2.
#[derive(Debug)]
pub struct CliError(pub String);

impl std::fmt::Display for CliError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl<E: std::error::Error> From<E> for CliError {
    fn from(e: E) -> Self {
        CliError(e.to_string())
    }
}

#[derive(Parser, Debug)]
#[command(
    name = "casereview",
    version,
    about = "Multi-agency retrospective reviews of child-protection cases"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Load and validate a case, run the gap rules, print diagnostics and flags.
    Check(check::Args),
    /// Create a case folder with a commented starter case.
    Init(init::Args),
    /// Print the JSON Schema of case.yaml and chronology files (for editors).
    Schema(schema::Args),
    /// The gap-rule catalogue, or one rule's documentation and thresholds.
    Rules(rules::Args),
    /// The contact and handoff network (DOT, GraphML or JSON).
    Graph(graph::Args),
    /// The typeset review report (PDF; or its Typst source, SVG or PNG pages).
    Report(report::Args),
    /// What changed between two versions of a case (folders, or `git:REV`).
    Diff(diff::Args),
    /// The integrated chronology as a table (CSV, XLSX or Markdown).
    Chronology(chronology::Args),
    /// An agency's spreadsheet chronology (CSV or XLSX) as a chronology file.
    Import(import::Args),
    /// A shareable copy: pseudonyms, shifted relative dates, identifiers removed.
    Anonymise(anonymise::Args),
    /// A training worksheet (the case without its analysis, with questions) and answer key.
    Exercise(exercise::Args),
    /// Themes across many reviews: counts, tables (CSV, Parquet) or a themes PDF.
    Stats(stats::Args),
    /// Re-render the report after every save of the case's files (for a meeting's screen).
    Watch(watch::Args),
    /// A shell's completion script for casereview (bash, zsh, fish, elvish, powershell).
    Completions(completions::Args),
    /// The manual page (roff), for `man -l` or a `man1` folder.
    Man(man::Args),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Lang {
    Et,
    En,
}

impl Lang {
    /// The language asked for on the command line, else the case's own.
    pub fn or_case(lang: Option<Lang>, case: &Case) -> Language {
        match lang {
            Some(Lang::Et) => Language::Et,
            Some(Lang::En) => Language::En,
            None => case.meta.language,
        }
    }
}

/// The case and its analysis, when it loaded without errors. Otherwise prints the
/// diagnostics and that nothing was written; the command then exits with code 1. Only
/// `anonymise` reads the case itself: every other output reads [`analysed_view`].
pub fn analysed_case<'c>(
    checked: &'c Checked,
    nothing_written: &str,
) -> Option<(&'c Case, &'c Analysis)> {
    match (&checked.case, &checked.analysis, checked.errors()) {
        (Some(case), Some(analysis), 0) => Some((case, analysis)),
        _ => {
            eprint!(
                "{}",
                crate::diagnostics::render_human(&checked.diagnostics, &checked.sources)
            );
            eprintln!("error: the case has errors; {nothing_written}");
            None
        }
    }
}

/// The case as outputs show it, in `lang` (else the case's language), when it loaded
/// without errors; otherwise as [`analysed_case`].
pub fn analysed_view<'c>(
    checked: &'c Checked,
    methodology: &Methodology,
    lang: Option<Lang>,
    nothing_written: &str,
) -> Result<Option<CaseView<'c>>, CliError> {
    let Some((case, _)) = analysed_case(checked, nothing_written) else {
        return Ok(None);
    };
    let language = Lang::or_case(lang, case);
    Ok(checked.view(methodology, language)?)
}

/// `--methodology DIR`, shared by every command that reads the methodology.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct MethodologyArgs {
    /// A folder whose files override the embedded methodology's files of the same name.
    #[arg(long, value_name = "DIR")]
    pub methodology: Option<PathBuf>,
}

/// `--template DIR`, shared by the commands that typeset.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct TemplateArgs {
    /// A folder whose files override the embedded templates of the same name.
    #[arg(long, value_name = "DIR")]
    pub template: Option<PathBuf>,
}

impl TemplateArgs {
    pub fn load(&self) -> Result<Templates, CliError> {
        match &self.template {
            Some(dir) => {
                let templates = Templates::with_overrides(dir)?;
                print_warnings(templates.override_warnings());
                Ok(templates)
            }
            None => Ok(Templates::embedded()),
        }
    }
}

impl MethodologyArgs {
    pub fn load(&self) -> Result<Methodology, CliError> {
        match &self.methodology {
            Some(dir) => {
                let methodology = Methodology::with_overrides(dir)?;
                print_warnings(methodology.override_warnings());
                Ok(methodology)
            }
            None => Ok(Methodology::embedded()),
        }
    }
}

fn print_warnings(warnings: &[String]) {
    for warning in warnings {
        eprintln!("warning: {warning}");
    }
}

pub fn run(cli: Cli) -> Result<Status, CliError> {
    match cli.command {
        Command::Check(args) => check::run(&args),
        Command::Init(args) => init::run(&args),
        Command::Schema(args) => schema::run(&args),
        Command::Rules(args) => rules::run(&args),
        Command::Graph(args) => graph::run(&args),
        Command::Report(args) => report::run(&args),
        Command::Diff(args) => diff::run(&args),
        Command::Chronology(args) => chronology::run(&args),
        Command::Import(args) => import::run(&args),
        Command::Anonymise(args) => anonymise::run(&args),
        Command::Exercise(args) => exercise::run(&args),
        Command::Stats(args) => stats::run(&args),
        Command::Watch(args) => watch::run(&args),
        Command::Completions(args) => completions::run(&args),
        Command::Man(args) => man::run(&args),
    }
}

/// Prints a command's output. A closed pipe (`check … | head`) is not an error.
pub fn print_out(text: &str) -> Result<(), CliError> {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(CliError(format!("cannot write the output: {e}")))
        }
        _ => Ok(()),
    }
}
