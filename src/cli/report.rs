//! `casereview report CASE -o OUT`: the typeset review report (PDF, Typst source, SVG or PNG),
//! or the on-screen view (one self-contained HTML file).

use std::path::{Path, PathBuf};

use clap::ValueEnum;

use super::{CliError, Lang, MethodologyArgs, Status, TemplateArgs, analysed_view};
use crate::files::write_atomically;
use crate::model::Status as CaseStatus;
use crate::render::{self, Inputs};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// A case.yaml, or the folder that holds one.
    pub case: PathBuf,
    /// The file to write; for svg and png a pattern with `{n}` for the page number.
    #[arg(short, long)]
    pub output: PathBuf,
    /// The report's language (default: the case's `language`).
    #[arg(long, value_enum)]
    pub lang: Option<Lang>,
    /// Mark the report as a draft (watermark), whatever the case's status.
    #[arg(long, conflicts_with = "final_")]
    pub draft: bool,
    /// Mark the report as final (no watermark), whatever the case's status.
    #[arg(long = "final")]
    pub final_: bool,
    #[arg(long, value_enum, default_value_t = Format::Pdf)]
    pub format: Format,
    #[command(flatten)]
    pub template: TemplateArgs,
    #[command(flatten)]
    pub methodology: MethodologyArgs,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Pdf,
    Typ,
    Svg,
    Png,
    /// The on-screen view: one offline HTML file, interactive.
    Html,
}

pub fn run(args: &Args) -> Result<Status, CliError> {
    let methodology = args.methodology.load()?;
    let templates = args.template.load()?;
    let checked = crate::pipeline::check(&args.case, &methodology)?;
    let Some(view) = analysed_view(&checked, &methodology, args.lang, "no report was written")?
    else {
        return Ok(Status::DataErrors);
    };
    let case = &view.case;
    let language = view.messages.language();
    let draft = if args.draft {
        true
    } else if args.final_ {
        false
    } else {
        case.meta.status != CaseStatus::Final
    };
    let inputs = Inputs {
        view: &view,
        checked: &checked,
        methodology: &methodology,
        draft,
        document: render::Document::Report,
    };
    let data = render::build(&inputs)?;
    let never_overwrite = checked.input_files();
    // The Typst source, for every format but the on-screen view.
    let typst = || render::source(&data, &templates, language);
    match args.format {
        Format::Html => {
            let page = render::html_page(&data, &templates.translations(language)?, &templates)?;
            write_atomically(&args.output, page.as_bytes(), &never_overwrite)?;
        }
        Format::Typ => {
            let source = typst()?;
            let data_path = args.output.with_file_name(render::DATA_FILE);
            write_atomically(&data_path, &source.data_json, &never_overwrite)?;
            write_atomically(&args.output, source.typst.as_bytes(), &never_overwrite)?;
        }
        Format::Pdf => {
            let document = render::compile(&typst()?)?;
            let pdf = render::pdf(&document, &case.meta.id.value)?;
            write_atomically(&args.output, &pdf, &never_overwrite)?;
        }
        Format::Svg => {
            let document = render::compile(&typst()?)?;
            for (n, page) in render::svg_pages(&document).iter().enumerate() {
                write_atomically(
                    &page_path(&args.output, n + 1, "svg"),
                    page.as_bytes(),
                    &never_overwrite,
                )?;
            }
        }
        Format::Png => {
            let document = render::compile(&typst()?)?;
            for (n, page) in render::png_pages(&document, 110.0)?.iter().enumerate() {
                write_atomically(
                    &page_path(&args.output, n + 1, "png"),
                    page,
                    &never_overwrite,
                )?;
            }
        }
    }
    Ok(Status::Success)
}

/// `OUT` with `{n}` replaced by the page number; without `{n}`, `OUT-{n}.ext`.
fn page_path(pattern: &Path, n: usize, extension: &str) -> PathBuf {
    let text = pattern.to_string_lossy();
    if text.contains("{n}") {
        return PathBuf::from(text.replace("{n}", &n.to_string()));
    }
    let stem = pattern
        .file_stem()
        .map_or("page".into(), |s| s.to_string_lossy().into_owned());
    pattern.with_file_name(format!("{stem}-{n}.{extension}"))
}
