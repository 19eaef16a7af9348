//! Thin: parse the command line, run the command, map the outcome to an exit code.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = casereview::cli::Cli::parse();
    // Before anything is written: an interrupt then removes the temporary files.
    if let Err(e) = casereview::files::clean_up_on_signal() {
        eprintln!("warning: an interrupt may leave temporary files behind: {e}");
    }
    match casereview::cli::run(cli) {
        Ok(status) => ExitCode::from(status as u8),
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::from(casereview::cli::Status::UsageOrIo as u8)
        }
    }
}
