//! `casereview completions SHELL`: the shell's completion script, on standard output.

use clap::CommandFactory;

use super::{Cli, CliError, Status};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The shell to complete in.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

pub fn run(args: &Args) -> Result<Status, CliError> {
    let mut command = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "casereview", &mut script);
    super::print_out(&String::from_utf8_lossy(&script))?;
    Ok(Status::Success)
}
