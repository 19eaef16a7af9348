//! `casereview import FILE --agency ID -o chronology/ID.yaml`: an agency's spreadsheet
//! chronology becomes a chronology file; nothing is written while a row is at fault.

use std::path::PathBuf;

use super::{CliError, MethodologyArgs, Status, print_out};
use crate::files::{MAX_FILE_BYTES, write_atomically};
use crate::import::columns::ColumnMap;
use crate::import::rows::{Vocabularies, read_rows};
use crate::import::{chronology_yaml, grid};
use crate::model::Id;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The spreadsheet: .csv (UTF-8) or .xlsx (also .xls, .ods).
    pub file: PathBuf,
    /// The id of the agency whose chronology this is (the file's default `agency:`).
    #[arg(long, value_name = "ID")]
    pub agency: String,
    /// The chronology file to write.
    #[arg(short, long)]
    pub output: PathBuf,
    /// The workbook's sheet to read (default: the first).
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// Columns the headers do not name: `Header=field,Other=-` (`-` leaves a column out).
    #[arg(long, value_name = "H=FIELD,…", value_parser = ColumnMap::parse)]
    pub map_columns: Option<ColumnMap>,
    /// Write the valid rows and list the skipped ones, instead of writing nothing.
    #[arg(long)]
    pub skip_invalid: bool,
    /// Replace an existing output file.
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub methodology: MethodologyArgs,
}

pub fn run(args: &Args) -> Result<Status, CliError> {
    if !Id::is_valid(&args.agency) {
        return Err(CliError(format!(
            "`{}` is not an agency id: ids are lower-case letters, digits, `-` and `_`",
            args.agency
        )));
    }
    if args.output.exists() && !args.force {
        return Err(CliError(format!(
            "{} already exists: add --force to replace it",
            args.output.display()
        )));
    }
    let methodology = args.methodology.load()?;
    let kinds = methodology.vocabulary("event-kinds")?;
    let concerns = methodology.vocabulary("concerns")?;
    let shown = args.file.display().to_string();
    let grid = grid::read(&args.file, args.sheet.as_deref())
        .map_err(|error| CliError(error.show(&shown)))?;
    let columns = args.map_columns.clone().unwrap_or_default();
    let vocabularies = Vocabularies {
        kinds: &kinds,
        concerns: &concerns,
    };
    let rows = match read_rows(&grid, &columns, &args.agency, &vocabularies) {
        Ok(rows) => rows,
        Err(header_errors) => {
            for error in &header_errors {
                eprintln!("error: {}", error.show(&shown));
            }
            eprintln!("error: the header row must be mended first; nothing was written");
            return Ok(Status::DataErrors);
        }
    };
    let severity = if args.skip_invalid {
        "warning"
    } else {
        "error"
    };
    for error in &rows.errors {
        eprintln!("{severity}: {}", error.show(&shown));
    }
    let skipped = rows
        .invalid_rows
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    if !rows.invalid_rows.is_empty() && !args.skip_invalid {
        eprintln!(
            "error: {} row(s) at fault ({skipped}); nothing was written (--skip-invalid writes the valid rows)",
            rows.invalid_rows.len()
        );
        return Ok(Status::DataErrors);
    }
    if rows.events.is_empty() {
        eprintln!("error: no valid row to import; nothing was written");
        return Ok(Status::DataErrors);
    }
    let file_name = args
        .file
        .file_name()
        .map_or(shown.clone(), |n| n.to_string_lossy().into_owned());
    let sheet = args
        .sheet
        .as_ref()
        .map_or(String::new(), |s| format!(", sheet \"{s}\""));
    let mut origin = format!(
        "Imported by `casereview import` from {file_name}{sheet}: {} event(s).",
        rows.events.len()
    );
    if !skipped.is_empty() {
        origin.push_str(&format!("\nRows skipped as invalid: {skipped}."));
    }
    let yaml = chronology_yaml(&args.agency, &origin, &rows.events);
    // What `check` would refuse to read is never written.
    if yaml.len() as u64 > MAX_FILE_BYTES {
        eprintln!(
            "error: the chronology file would be {:.1} MiB; a file may be at most 16 MiB, so `check` would refuse it: split the spreadsheet (by year, say) and import each part; nothing was written",
            yaml.len() as f64 / (1024.0 * 1024.0)
        );
        return Ok(Status::DataErrors);
    }
    write_atomically(
        &args.output,
        yaml.as_bytes(),
        std::slice::from_ref(&args.file),
    )?;
    let mut report = format!(
        "imported {} event(s) into {}",
        rows.events.len(),
        args.output.display()
    );
    if !skipped.is_empty() {
        report.push_str(&format!("; skipped row(s) {skipped}"));
    }
    print_out(&(report + "\n"))?;
    Ok(Status::Success)
}
