//! Thin: parse the command line, run the command, map the outcome to an exit code.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = casereview::cli::Cli::parse();
    match casereview::cli::run(cli) {
        Ok(status) => ExitCode::from(status as u8),
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::from(casereview::cli::Status::UsageOrIo as u8)
        }
    }
}
