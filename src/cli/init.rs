//! `casereview init DIR`: a commented starter case that passes `check`.

use std::path::PathBuf;

use super::{CliError, Lang, MethodologyArgs, Status};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The folder to create (it must not exist, or be empty).
    pub dir: PathBuf,
    #[arg(long, value_enum, default_value_t = Lang::Et)]
    pub lang: Lang,
    #[command(flatten)]
    pub methodology: MethodologyArgs,
}

pub fn run(_args: &Args) -> Result<Status, CliError> {
    Err(CliError("init: not built yet".into()))
}
