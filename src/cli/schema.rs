//! `casereview schema`: the JSON Schema of the format, for editors (yaml-language-server).

use super::{CliError, Status, print_out};

/// The schema of `case.yaml` and chronology files (`format: casereview/1`).
pub const SCHEMA: &str = include_str!("../schema/casereview.schema.json");

#[derive(clap::Args, Debug)]
pub struct Args {}

pub fn run(_args: &Args) -> Result<Status, CliError> {
    print_out(SCHEMA)?;
    if !SCHEMA.ends_with('\n') {
        print_out("\n")?;
    }
    Ok(Status::Success)
}
