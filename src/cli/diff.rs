//! `casereview diff OLD NEW`: what changed between two versions of a case.

use std::path::PathBuf;

use clap::ValueEnum;

use super::version::{Version, report_errors, warn_other_case};
use super::{CliError, MethodologyArgs, Status, print_out};
use crate::diff::{self, Style};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The earlier version: a case folder (or its case.yaml), or `git:REV` for NEW's
    /// folder as committed at REV in the repository that holds it.
    pub old: Version,
    /// The later version: a case folder, or its case.yaml.
    pub new: PathBuf,
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    #[command(flatten)]
    pub methodology: MethodologyArgs,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
    Md,
}

pub fn run(args: &Args) -> Result<Status, CliError> {
    let methodology = args.methodology.load()?;
    // The two versions load side by side: each is a whole `check`.
    let (new, old) = rayon::join(
        || crate::pipeline::check(&args.new, &methodology),
        || args.old.check(&args.new, &methodology),
    );
    let (new, old) = (new?, old?);
    warn_other_case(&old, &new);
    let old_clean = report_errors("old", &args.old.label(), &old);
    let new_clean = report_errors("new", &args.new.display().to_string(), &new);
    let language = match (&new.case, old_clean && new_clean) {
        (Some(case), true) => case.meta.language,
        _ => return Ok(Status::DataErrors),
    };
    // Both sides in the new version's language: the neutral notifier is one name.
    let (Some(old_view), Some(new_view)) = (
        old.view(&methodology, language)?,
        new.view(&methodology, language)?,
    ) else {
        return Ok(Status::DataErrors);
    };
    let diff = diff::compare(&old_view, &new_view);
    let text = match args.format {
        Format::Human => diff::human(&diff, Style::Human),
        Format::Md => diff::human(&diff, Style::Markdown),
        Format::Json => serde_json::to_string_pretty(&diff::json(&diff))? + "\n",
    };
    print_out(&text)?;
    Ok(Status::Success)
}
