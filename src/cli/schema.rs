//! `casereview schema`: the JSON Schema of the format, for editors (yaml-language-server),
//! generated from the format's declaration (`src/format/`).

use super::{CliError, Status, print_out};

#[derive(clap::Args, Debug)]
pub struct Args {}

pub fn run(_args: &Args) -> Result<Status, CliError> {
    print_out(&(serde_json::to_string_pretty(&crate::format::schema())? + "\n"))?;
    Ok(Status::Success)
}
