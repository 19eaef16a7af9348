//! `casereview report CASE -o OUT`: the typeset review report (PDF, Typst source, SVG or PNG),
//! or the on-screen view (one self-contained HTML file).

use std::path::{Path, PathBuf};

use clap::ValueEnum;

use super::version::{Baseline, SinceArgs};
use super::{CliError, Lang, MethodologyArgs, Status, TemplateArgs, analysed_view};
use crate::diff;
use crate::files::write_atomically;
use crate::methodology::Methodology;
use crate::model::Status as CaseStatus;
use crate::pipeline::{CaseView, Checked};
use crate::render::{self, Inputs, Since, Templates};

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
    pub since: SinceArgs,
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
    let Ok(baseline) = args.since.load(&args.case, &methodology)? else {
        return Ok(Status::DataErrors);
    };
    let request = Request {
        methodology: &methodology,
        templates: &templates,
        draft: draft(args.draft, args.final_),
        format: args.format,
        output: &args.output,
        cache: render::Cache::Evict,
    };
    request.write(&checked, &view, baseline.as_ref())?;
    Ok(Status::Success)
}

/// `--draft` or `--final` as asked, else as the case's `status` says.
pub fn draft(draft: bool, final_: bool) -> Option<bool> {
    match (draft, final_) {
        (true, _) => Some(true),
        (_, true) => Some(false),
        _ => None,
    }
}

/// One report to write: what `report` does once and `watch` after every save.
pub struct Request<'a> {
    pub methodology: &'a Methodology,
    pub templates: &'a Templates,
    /// Forced by `--draft`/`--final`; `None`: as the case's `status` says.
    pub draft: Option<bool>,
    pub format: Format,
    pub output: &'a Path,
    pub cache: render::Cache,
}

impl Request<'_> {
    /// Builds the report of `view` (compared with `baseline`, when given) and writes it
    /// atomically in `format`, never over an input of `checked`.
    pub fn write(
        &self,
        checked: &Checked,
        view: &CaseView,
        baseline: Option<&Baseline>,
    ) -> Result<(), CliError> {
        let case = &view.case;
        let language = view.messages.language();
        let draft = self.draft.unwrap_or(case.meta.status != CaseStatus::Final);
        let old_view = match baseline {
            Some(b) => b.checked.view(self.methodology, language)?,
            None => None,
        };
        let diff = old_view.as_ref().map(|old| diff::compare(old, view));
        let since = match (baseline, &old_view, &diff) {
            (Some(b), Some(old), Some(diff)) => Some(Since {
                label: b.label.clone(),
                old,
                diff,
            }),
            _ => None,
        };
        let inputs = Inputs {
            view,
            checked,
            methodology: self.methodology,
            draft,
            document: render::Document::Report,
            since,
        };
        let data = render::build(&inputs)?;
        let never_overwrite = checked.input_files();
        let output = self.output;
        // The Typst source, for every format but the on-screen view.
        let typst = || render::source(&data, self.templates, language);
        match self.format {
            Format::Html => {
                let strings = self.templates.translations(language)?;
                let page = render::html_page(&data, &strings, self.templates)?;
                write_atomically(output, page.as_bytes(), &never_overwrite)?;
            }
            Format::Typ => {
                let source = typst()?;
                let data_path = output.with_file_name(render::DATA_FILE);
                write_atomically(&data_path, &source.data_json, &never_overwrite)?;
                write_atomically(output, source.typst.as_bytes(), &never_overwrite)?;
            }
            Format::Pdf => {
                let document = render::compile_with(&typst()?, self.cache)?;
                let pdf = render::pdf(&document, &case.meta.id.value)?;
                write_atomically(output, &pdf, &never_overwrite)?;
            }
            Format::Svg => {
                let document = render::compile_with(&typst()?, self.cache)?;
                for (n, page) in render::svg_pages(&document).iter().enumerate() {
                    write_atomically(
                        &page_path(output, n + 1, "svg"),
                        page.as_bytes(),
                        &never_overwrite,
                    )?;
                }
            }
            Format::Png => {
                let document = render::compile_with(&typst()?, self.cache)?;
                for (n, page) in render::png_pages(&document, 110.0)?.iter().enumerate() {
                    write_atomically(&page_path(output, n + 1, "png"), page, &never_overwrite)?;
                }
            }
        }
        Ok(())
    }
}

/// `OUT` with `{n}` replaced by the page number; without `{n}`, `OUT-{n}.ext`.
pub fn page_path(pattern: &Path, n: usize, extension: &str) -> PathBuf {
    let text = pattern.to_string_lossy();
    if text.contains("{n}") {
        return PathBuf::from(text.replace("{n}", &n.to_string()));
    }
    let stem = pattern
        .file_stem()
        .map_or("page".into(), |s| s.to_string_lossy().into_owned());
    pattern.with_file_name(format!("{stem}-{n}.{extension}"))
}
