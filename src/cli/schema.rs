//! `casereview schema`: the JSON Schema of the format.

use super::{CliError, Status};

#[derive(clap::Args, Debug)]
pub struct Args {}

pub fn run(_args: &Args) -> Result<Status, CliError> {
    Err(CliError("schema: not built yet".into()))
}
