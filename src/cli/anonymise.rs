//! `casereview anonymise CASE -o DIR --map FILE`: a shareable copy of a case, and the secret
//! map back to the original, written only where `--map` says.

use std::path::{Path, PathBuf};

use super::{CliError, MethodologyArgs, Status, analysed_case, print_out};
use crate::anonymise::{self, Options};
use crate::diagnostics::render_human;
use crate::files::{TempDir, absolute, write_atomically};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// A case.yaml, or the folder that holds one.
    pub case: PathBuf,
    /// The folder to write the copy into (must not exist, or be empty).
    #[arg(short, long, value_name = "DIR")]
    pub output: PathBuf,
    /// Where to write the map back to the original (names, agencies, date offset): keep it
    /// secret, and outside the copy.
    #[arg(long, value_name = "FILE")]
    pub map: PathBuf,
    /// Keep the agencies' names and ids instead of "kind + number".
    #[arg(long)]
    pub keep_agencies: bool,
    #[command(flatten)]
    pub methodology: MethodologyArgs,
}

pub fn run(args: &Args) -> Result<Status, CliError> {
    let methodology = args.methodology.load()?;
    let checked = crate::pipeline::check(&args.case, &methodology)?;
    let Some((case, _)) = analysed_case(&checked, "no copy was written") else {
        return Ok(Status::DataErrors);
    };
    let output = absolute(&args.output);
    let case_folder = absolute(&checked.folder);
    if output.starts_with(&case_folder) {
        return Err(CliError(format!(
            "{} is inside the case folder: write the copy somewhere else",
            args.output.display()
        )));
    }
    if absolute(&args.map).starts_with(&output) {
        return Err(CliError(format!(
            "the map {} would be inside the copy: it must stay apart from what is shared",
            args.map.display()
        )));
    }
    if output.exists()
        && (!output.is_dir() || std::fs::read_dir(&output).is_ok_and(|mut d| d.next().is_some()))
    {
        return Err(CliError(format!(
            "{} already exists and is not an empty folder",
            args.output.display()
        )));
    }
    let options = Options::random(case, args.keep_agencies).map_err(CliError)?;
    let copy = anonymise::anonymise(case, &methodology, &options)?;

    let parent = output
        .parent()
        .ok_or_else(|| CliError(format!("{} has no parent folder", args.output.display())))?;
    std::fs::create_dir_all(parent).map_err(|e| {
        CliError(format!(
            "cannot create {}: {}",
            parent.display(),
            crate::files::io_reason(&e)
        ))
    })?;
    let staging = TempDir::new_in(parent, "copy").map_err(|e| {
        CliError(format!(
            "cannot write in {}: {}",
            parent.display(),
            crate::files::io_reason(&e)
        ))
    })?;
    for (path, text) in &copy.files {
        staging
            .write(Path::new(path), text.as_bytes())
            .map_err(|e| {
                CliError(format!(
                    "cannot write {}: {}",
                    staging.path().join(path).display(),
                    crate::files::io_reason(&e)
                ))
            })?;
    }
    // The copy must stand on its own: a copy `check` rejects is a bug, never a result.
    let rechecked = crate::pipeline::check(staging.path(), &methodology)?;
    if rechecked.errors() > 0 {
        eprint!(
            "{}",
            render_human(&rechecked.diagnostics, &rechecked.sources)
        );
        return Err(CliError(
            "internal error: the anonymised copy does not pass `check`; nothing was written".into(),
        ));
    }
    write_atomically(&args.map, copy.map.as_bytes(), &checked.input_files())?;
    if output.exists() {
        std::fs::remove_dir(&output).map_err(|e| {
            CliError(format!(
                "cannot replace {}: {}",
                args.output.display(),
                crate::files::io_reason(&e)
            ))
        })?;
    }
    staging.persist(&output).map_err(|e| {
        CliError(format!(
            "cannot write {}: {}",
            args.output.display(),
            crate::files::io_reason(&e)
        ))
    })?;
    // Possible leftovers: the reviewer's to judge, in the reviewer's terminal only.
    for leftover in &copy.leftover_words {
        let word = &leftover.word;
        match &leftover.like {
            None => eprintln!(
                "note: `{word}` (from an agency's name) still occurs in the copy's text; if it names a place or a person, add it under `redact:` and run anonymise again"
            ),
            Some(name) => eprintln!(
                "note: `{word}` in the copy's text begins like the removed name `{name}`; if it is a form of that name or names someone, add it under the person's `aliases:` (or `redact:`) and run anonymise again"
            ),
        }
    }
    print_out(&format!(
        "wrote an anonymised copy to {} ({} file(s)); the map is {}: keep it secret\n",
        args.output.display(),
        copy.files.len(),
        args.map.display()
    ))?;
    Ok(Status::Success)
}
