//! `casereview stats DIR...`: themes across many reviews, as counts (human, JSON), tables
//! (CSV, Parquet) or a typeset themes document (PDF). See `stats.md`.

use std::path::PathBuf;

use clap::ValueEnum;

use super::{CliError, Lang, MethodologyArgs, Status, TemplateArgs, print_out};
use crate::files::{write_atomically, write_folder_atomically};
use crate::model::Language;
use crate::stats::{self, Gathered, Summary, tables::Table};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Folders to search, recursively: every folder under them that holds a case.yaml is
    /// one review.
    #[arg(required = true, value_name = "DIR")]
    pub dirs: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Where to write: a folder for csv and parquet (one file per table), a file for pdf;
    /// human and json print to the terminal without it.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// The themes document's language (default: the reviews' language when they share
    /// one, else Estonian).
    #[arg(long, value_enum)]
    pub lang: Option<Lang>,
    /// Count reviews that have not been anonymised (no `dates: relative`) too.
    #[arg(long)]
    pub allow_identifiable: bool,
    #[command(flatten)]
    pub template: TemplateArgs,
    #[command(flatten)]
    pub methodology: MethodologyArgs,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
    Csv,
    Parquet,
    Pdf,
}

pub fn run(args: &Args) -> Result<Status, CliError> {
    let needs_output = matches!(args.format, Format::Csv | Format::Parquet | Format::Pdf);
    if needs_output && args.output.is_none() {
        return Err(CliError(format!(
            "--format {} needs -o (a folder for csv and parquet, a file for pdf)",
            format_name(args.format)
        )));
    }
    let methodology = args.methodology.load()?;
    let templates = match args.format {
        Format::Pdf => Some(args.template.load()?),
        _ => None,
    };
    let gathered = stats::gather(&args.dirs, &methodology, args.allow_identifiable)?;
    for skipped in &gathered.skipped {
        let s = if skipped.errors == 1 { "" } else { "s" };
        eprintln!(
            "skipped {}: {} error{s} (`casereview check` lists them); not counted",
            skipped.path, skipped.errors
        );
    }
    for refused in &gathered.refused {
        eprintln!(
            "refused {refused}: not anonymised (no `dates: relative`); make a copy with `casereview anonymise`, or add --allow-identifiable to count it"
        );
    }
    let patterns = methodology.vocabulary("patterns")?;
    let summary = Summary::of(
        &gathered.tables,
        &patterns.ids(),
        gathered.skipped.clone(),
        gathered.refused.clone(),
    );
    let inputs = &gathered.inputs;
    match args.format {
        Format::Human => emit(args, human(&summary).as_bytes(), inputs)?,
        Format::Json => {
            let json = serde_json::to_string_pretty(&summary)? + "\n";
            emit(args, json.as_bytes(), inputs)?;
        }
        Format::Csv => write_tables(args, &gathered, "csv", |t| Ok(stats::csv::write(t)?))?,
        Format::Parquet => write_tables(args, &gathered, "parquet", |t| {
            Ok(stats::parquet::write(t)?)
        })?,
        Format::Pdf => {
            let templates = templates.expect("loaded for pdf");
            let language = language(args.lang, &gathered);
            let pdf = stats::themes::pdf(&gathered, &summary, &methodology, &templates, language)?;
            let output = args.output.as_ref().expect("checked above");
            write_atomically(output, &pdf, inputs)?;
        }
    }
    Ok(
        if gathered.skipped.is_empty() && gathered.refused.is_empty() {
            Status::Success
        } else {
            Status::DataErrors
        },
    )
}

fn format_name(format: Format) -> String {
    format
        .to_possible_value()
        .map_or(String::new(), |v| v.get_name().to_owned())
}

/// The document's language: asked for, else the reviews' own when they share one, else
/// Estonian (the method's first language).
fn language(lang: Option<Lang>, gathered: &Gathered) -> Language {
    let languages = &gathered.marks.languages;
    match (lang, languages.iter().next()) {
        (Some(Lang::Et), _) => Language::Et,
        (Some(Lang::En), _) => Language::En,
        (None, Some(only)) if languages.len() == 1 => *only,
        _ => Language::Et,
    }
}

/// Prints, or writes to `-o` when given.
fn emit(args: &Args, bytes: &[u8], inputs: &[PathBuf]) -> Result<(), CliError> {
    match &args.output {
        Some(path) => Ok(write_atomically(path, bytes, inputs)?),
        None => print_out(&String::from_utf8_lossy(bytes)),
    }
}

/// One file per table, `NAME.EXTENSION`, into the `-o` folder, all or none.
fn write_tables(
    args: &Args,
    gathered: &Gathered,
    extension: &str,
    write: impl Fn(&Table) -> Result<Vec<u8>, CliError>,
) -> Result<(), CliError> {
    let files = gathered
        .tables
        .all()
        .into_iter()
        .map(|table| Ok((format!("{}.{extension}", table.name), write(table)?)))
        .collect::<Result<Vec<_>, CliError>>()?;
    let output = args.output.as_ref().expect("checked above");
    Ok(write_folder_atomically(output, &files)?)
}

/// The counts for a person at a terminal.
fn human(summary: &Summary) -> String {
    let mut out = format!(
        "{} review{} counted, {} skipped, {} refused\n\n",
        summary.reviews,
        if summary.reviews == 1 { "" } else { "s" },
        summary.skipped.len(),
        summary.refused.len()
    );
    out.push_str("rule    reviews  flags\n");
    for (code, counts) in &summary.rules {
        out.push_str(&format!(
            "{code:<7} {:>7}  {:>5}\n",
            counts.reviews, counts.flags
        ));
    }
    let section =
        |out: &mut String, title: &str, counts: &mut dyn Iterator<Item = (&String, usize)>| {
            out.push_str(&format!("\n{title}\n"));
            for (word, n) in counts {
                out.push_str(&format!("  {word:<28} {n:>5}\n"));
            }
        };
    section(
        &mut out,
        "outcomes (reviews)",
        &mut summary.outcomes.iter().map(|(w, n)| (w, *n)),
    );
    section(
        &mut out,
        "agency kinds (flags)",
        &mut summary
            .agency_kinds
            .iter()
            .filter(|(_, c)| c.flags > 0)
            .map(|(w, c)| (w, c.flags)),
    );
    section(
        &mut out,
        "patterns (findings)",
        &mut summary.patterns.iter().map(|(w, n)| (w, *n)),
    );
    section(
        &mut out,
        "action strengths (recommendations)",
        &mut summary.strengths.iter().map(|(w, n)| (w, *n)),
    );
    out
}
