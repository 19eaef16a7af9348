//! `casereview exercise CASE -o worksheet.pdf [--answers key.pdf]`: a training worksheet
//! (the case without its analysis, with questions) and its answer key.

use std::path::PathBuf;

use super::{CliError, Lang, MethodologyArgs, Status, TemplateArgs, analysed_view};
use crate::files::{absolute, write_atomically};
use crate::model::DateMode;
use crate::render::{self, Document, Inputs};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// A case.yaml, or the folder that holds one (normally an `anonymise` copy).
    pub case: PathBuf,
    /// The worksheet PDF to write.
    #[arg(short, long)]
    pub output: PathBuf,
    /// Also write the answer key: the flags, episodes, findings and recommendations.
    #[arg(long, value_name = "FILE")]
    pub answers: Option<PathBuf>,
    /// Accept a case that has not been anonymised (no `dates: relative`).
    #[arg(long)]
    pub allow_identifiable: bool,
    /// The worksheet's language (default: the case's `language`).
    #[arg(long, value_enum)]
    pub lang: Option<Lang>,
    #[command(flatten)]
    pub template: TemplateArgs,
    #[command(flatten)]
    pub methodology: MethodologyArgs,
}

pub fn run(args: &Args) -> Result<Status, CliError> {
    if args
        .answers
        .as_ref()
        .is_some_and(|answers| absolute(answers) == absolute(&args.output))
    {
        return Err(CliError(
            "the worksheet and the answer key need two different files".into(),
        ));
    }
    let methodology = args.methodology.load()?;
    let templates = args.template.load()?;
    let checked = crate::pipeline::check(&args.case, &methodology)?;
    let Some(view) = analysed_view(
        &checked,
        &methodology,
        args.lang,
        "no worksheet was written",
    )?
    else {
        return Ok(Status::DataErrors);
    };
    let case = &view.case;
    // `dates: relative` alone is no proof: names and places stay until `anonymise` has
    // removed them, and only its copy carries `anonymised: true`.
    let marked = case.meta.anonymised && case.meta.dates == DateMode::Relative;
    if !marked && !args.allow_identifiable {
        return Err(CliError(format!(
            "{} is not an anonymised copy (no `anonymised: true` with `dates: relative`): make \
             one with `casereview anonymise`, or add --allow-identifiable if this case may be \
             shown as it is",
            args.case.display()
        )));
    }
    let language = view.messages.language();
    let typeset = |document: Document| -> Result<Vec<u8>, CliError> {
        let inputs = Inputs {
            view: &view,
            checked: &checked,
            methodology: &methodology,
            draft: false,
            document,
            since: None,
        };
        let data = render::build(&inputs)?;
        let source = render::source(&data, &templates, language)?;
        let pages = render::compile(&source)?;
        Ok(render::pdf(&pages, &case.meta.id.value)?)
    };
    // Both documents are made before either is written: no worksheet without its key.
    let worksheet = typeset(Document::Worksheet)?;
    let answers = match &args.answers {
        Some(_) => Some(typeset(Document::Answers)?),
        None => None,
    };
    let inputs = checked.input_files();
    write_atomically(&args.output, &worksheet, &inputs)?;
    if let (Some(path), Some(answers)) = (&args.answers, answers) {
        write_atomically(path, &answers, &inputs)?;
    }
    Ok(Status::Success)
}
