//! `casereview chronology CASE`: the integrated chronology as CSV, XLSX or Markdown.

use std::path::PathBuf;

use clap::ValueEnum;

use super::{CliError, Lang, MethodologyArgs, Status, analysed_view, print_out};
use crate::export::chronology::{self, DateBound, Filter};
use crate::files::write_atomically;
use crate::methodology::key;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// A case.yaml, or the folder that holds one.
    pub case: PathBuf,
    #[arg(long, value_enum, default_value_t = Format::Csv)]
    pub format: Format,
    /// Only the events of this agency (by id).
    #[arg(long, value_name = "ID")]
    pub agency: Option<String>,
    /// Only events on or after this date (YYYY, YYYY-MM, YYYY-MM-DD, or T-120 in a relative case).
    #[arg(long, value_name = "DATE", value_parser = DateBound::parse)]
    pub from: Option<DateBound>,
    /// Only events on or before this date.
    #[arg(long, value_name = "DATE", value_parser = DateBound::parse)]
    pub to: Option<DateBound>,
    /// The headers' and labels' language (default: the case's `language`).
    #[arg(long, value_enum)]
    pub lang: Option<Lang>,
    /// Write to this file instead of standard output (required for xlsx).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub methodology: MethodologyArgs,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Csv,
    Xlsx,
    Md,
}

pub fn run(args: &Args) -> Result<Status, CliError> {
    if args.format == Format::Xlsx && args.output.is_none() {
        return Err(CliError(
            "an xlsx workbook needs a file: add `-o FILE.xlsx`".into(),
        ));
    }
    let methodology = args.methodology.load()?;
    let checked = crate::pipeline::check(&args.case, &methodology)?;
    let Some(view) = analysed_view(
        &checked,
        &methodology,
        args.lang,
        "no chronology was written",
    )?
    else {
        return Ok(Status::DataErrors);
    };
    let case = &view.case;
    if let Some(agency) = &args.agency
        && case.agency(agency).is_none()
    {
        return Err(CliError(format!(
            "`{agency}` is not an agency of this case (see `agencies:` in case.yaml)"
        )));
    }
    let filter = Filter {
        agency: args.agency.clone(),
        from: args.from,
        to: args.to,
    };
    let table = chronology::table(&view, &methodology, &filter)?;
    let bytes = match args.format {
        Format::Csv => chronology::to_csv(&table),
        Format::Md => chronology::to_markdown(&table).into_bytes(),
        Format::Xlsx => {
            let sheet = view.messages.word(key::CHRONOLOGY_SHEET);
            chronology::to_xlsx(&table, &sheet)
                .map_err(|e| CliError(format!("cannot build the workbook: {e}")))?
        }
    };
    match &args.output {
        Some(path) => write_atomically(path, &bytes, &checked.input_files())?,
        None => print_out(&String::from_utf8_lossy(&bytes))?,
    }
    Ok(Status::Success)
}
