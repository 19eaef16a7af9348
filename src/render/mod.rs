//! The report: its data (one serialisable value), the minijinja templates that turn it into
//! Typst source, and a Typst world that sees only that source, the data as an in-memory
//! file and the embedded fonts — never the file system, the network or the clock.

mod data;
mod figures;
mod fonts;
mod format;
mod html;
mod palette;
mod printable;
mod template_lines;
mod world;

use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};
use typst::diag::{Severity, SourceDiagnostic};
use typst_as_lib::TypstEngine;
use typst_layout::PagedDocument;

pub use data::{Document, Inputs, ReportData, Since, build};
pub use format::DateStyle;
pub use html::{escape as escape_markup, page as html_page};

use crate::assets::Overlay;
use crate::model::{Language, Vocabulary};

static EMBEDDED: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/templates");

/// The data file the template reads with `json(...)`.
pub const DATA_FILE: &str = "data.json";
/// The report's Typst source, as `--format typ` writes it.
pub const MAIN_FILE: &str = "report.typ";

/// Why a report could not be made.
#[derive(Debug)]
pub struct RenderError(pub String);

impl std::fmt::Display for RenderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for RenderError {}

/// The report templates in force: embedded, each overridable from `--template DIR`.
pub struct Templates {
    files: Overlay,
    /// The `--template` folder, to name an overriding file in an error.
    dir: Option<PathBuf>,
}

impl Templates {
    pub fn embedded() -> Self {
        Templates {
            files: Overlay::embedded(&EMBEDDED),
            dir: None,
        }
    }

    pub fn with_overrides(dir: &Path) -> Result<Self, RenderError> {
        let mut files = Overlay::embedded(&EMBEDDED);
        files.override_from(dir, "template").map_err(RenderError)?;
        Ok(Templates {
            files,
            dir: Some(dir.to_path_buf()),
        })
    }

    /// What an override folder held that is not in force, one sentence each.
    pub fn override_warnings(&self) -> &[String] {
        self.files.warnings()
    }

    fn file(&self, path: &str) -> Result<&str, RenderError> {
        self.files
            .file(path)
            .ok_or_else(|| RenderError(format!("template file `{path}` is missing")))
    }

    /// Where a template file in force came from, as a user finds it: the `--template`
    /// folder's file when it replaced the embedded one, else `templates/…` in the source.
    fn shown_path(&self, path: &str) -> String {
        let embedded = EMBEDDED.get_file(path).and_then(|f| f.contents_utf8());
        match &self.dir {
            Some(dir) if embedded != self.files.file(path) => dir.join(path).display().to_string(),
            _ => format!("templates/{path}"),
        }
    }

    /// The report's strings in one language.
    pub fn translations(
        &self,
        language: Language,
    ) -> Result<std::collections::BTreeMap<String, String>, RenderError> {
        let path = format!("i18n/{}.yaml", language.as_str());
        crate::files::from_yaml(self.file(&path)?)
            .map_err(|e| RenderError(format!("{}: {e}", self.shown_path(&path))))
    }
}

/// The template every report is made from.
const TEMPLATE_FILE: &str = "report.typ.j2";
/// What marks a template file that another may include (`{% include "house.typ.j2" %}`).
const TEMPLATE_SUFFIX: &str = ".typ.j2";

/// The Typst source of a document and the data it reads.
pub struct ReportSource {
    pub typst: String,
    pub data_json: Vec<u8>,
    /// The document's date: what `datetime.today()` gives in the document's world.
    pub today: Option<chrono::NaiveDate>,
    /// The minijinja template the Typst source came from (as shown to a user, and its
    /// text), to point a Typst error back at it.
    template: (String, String),
}

/// Fills the report's template with the translations; the data goes beside it as JSON.
pub fn source(
    data: &ReportData,
    templates: &Templates,
    language: Language,
) -> Result<ReportSource, RenderError> {
    let today = chrono::NaiveDate::parse_from_str(&data.case.meta.iso_date, "%Y-%m-%d").ok();
    source_of(TEMPLATE_FILE, data, today, templates, language)
}

/// Fills `template` (a file of the templates, which may include the others) with the
/// translations; `data` goes beside it as JSON, and `today` is the document's date.
pub fn source_of<T: serde::Serialize>(
    template: &str,
    data: &T,
    today: Option<chrono::NaiveDate>,
    templates: &Templates,
    language: Language,
) -> Result<ReportSource, RenderError> {
    let translations = templates.translations(language)?;
    if let Some(bad) = translations
        .keys()
        .find(|k| !k.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
    {
        return Err(RenderError(format!(
            "translation key `{bad}` is not a snake_case word"
        )));
    }
    let mut env = minijinja::Environment::new();
    env.add_filter("typst", typst_string);
    let shown = templates.shown_path(template);
    let main = templates.file(template)?;
    let jinja_error = |e: minijinja::Error| {
        let file = e
            .name()
            .filter(|name| *name != template)
            .map_or(shown.clone(), |name| templates.shown_path(name));
        let line = e.line().map_or(String::new(), |l| format!(":{l}"));
        let detail = e.detail().map_or(String::new(), |d| format!(": {d}"));
        RenderError(format!("{file}{line}: {}{detail}", e.kind()))
    };
    for path in templates
        .files
        .paths()
        .filter(|p| p.ends_with(TEMPLATE_SUFFIX))
    {
        let text = templates.file(path)?;
        env.add_template(path, text).map_err(jinja_error)?;
    }
    let typst = env
        .get_template(template)
        .and_then(|t| t.render(minijinja::context! { t => translations }))
        .map_err(jinja_error)?;
    // The one place the data is written for Typst: its strings made printable here.
    let data_json = printable::to_json(data).map_err(|e| RenderError(e.to_string()))?;
    Ok(ReportSource {
        typst,
        data_json,
        today,
        template: (shown, main.to_owned()),
    })
}

/// A Typst string literal holding `text` exactly (the template's only way to emit text).
fn typst_string(text: String) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// How long Typst's memoised results (a process-wide cache) live after a compile.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cache {
    /// One report per process: the cache is thrown away after the compile.
    Evict,
    /// Report after report in one process (`watch`): results stay for a few compiles, so
    /// a one-line edit re-typesets only what it touched.
    Keep,
}

impl Cache {
    /// The age (in compiles) past which cached results go.
    fn max_age(self) -> usize {
        match self {
            Cache::Evict => 0,
            Cache::Keep => 10,
        }
    }
}

/// Compiles the report in a world of embedded fonts and two in-memory files, whose clock
/// shows the case's date.
pub fn compile(source: &ReportSource) -> Result<PagedDocument, RenderError> {
    compile_with(source, Cache::Evict)
}

/// [`compile`], keeping Typst's cache as `cache` says.
pub fn compile_with(source: &ReportSource, cache: Cache) -> Result<PagedDocument, RenderError> {
    let engine = TypstEngine::builder()
        .main_file((MAIN_FILE, source.typst.as_str()))
        .fonts(fonts::all())
        .with_static_file_resolver([(DATA_FILE, source.data_json.clone())])
        .comemo_evict_max_age(Some(cache.max_age()))
        .build();
    // `with_world` evicts Typst's cache afterwards, as old as `cache` allows.
    let compiled = engine
        .with_world(|built| {
            let world = world::Dated::new(built, source.today);
            let output = typst::compile::<PagedDocument>(&world).output;
            output.map_err(|errors| describe(&errors, &world, source))
        })
        .map_err(|e| e.to_string());
    compiled
        .and_then(|output| output)
        .map_err(|e| RenderError(format!("the report could not be typeset: {e}")))
}

/// Typst's errors, each at the template line it came from.
fn describe(
    errors: &[SourceDiagnostic],
    world: &dyn typst::World,
    source: &ReportSource,
) -> String {
    errors
        .iter()
        .map(|d| {
            let (shown, template) = &source.template;
            let place = typst_line(world, d)
                .and_then(|line| template_lines::origin(template, &source.typst, line))
                .map_or(format!("{shown}: "), |at| format!("{shown}:{at}: "));
            format!("{place}{}", describe_diagnostic(d))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The 1-based line of the main Typst file a diagnostic points at.
fn typst_line(world: &dyn typst::World, d: &SourceDiagnostic) -> Option<usize> {
    use typst::WorldExt;
    let id = d.span.id()?;
    if id != world.main() {
        return None;
    }
    let range = world.range(d.span)?;
    let line = world.source(id).ok()?.lines().byte_to_line(range.start)?;
    Some(line + 1)
}

/// A Typst diagnostic without hints meant for Typst's own command line (`--root`).
fn describe_diagnostic(d: &SourceDiagnostic) -> String {
    let severity = if d.severity == Severity::Error {
        "error"
    } else {
        "warning"
    };
    let hints: Vec<&str> = d
        .hints
        .iter()
        .map(|h| h.v.as_str())
        .filter(|h| !h.contains("--root"))
        .collect();
    if hints.is_empty() {
        format!("{severity}: {}", d.message)
    } else {
        format!("{severity}: {} ({})", d.message, hints.join("; "))
    }
}

/// The PDF: reproducible (the document's date, never the clock), identified by the case id.
pub fn pdf(document: &PagedDocument, case_id: &str) -> Result<Vec<u8>, RenderError> {
    // PDF/A-2a (archival, tagged: the National Archives' preferred format) and PDF/UA-1
    // (accessible). Typst refuses to write a document that breaks either.
    let standards =
        typst_pdf::PdfStandards::new(&[typst_pdf::PdfStandard::A_2a, typst_pdf::PdfStandard::Ua_1])
            .map_err(|e| RenderError(format!("PDF standards: {}", e.message())))?;
    let options = typst_pdf::PdfOptions {
        ident: typst::foundations::Smart::Custom(case_id.to_owned()),
        standards,
        ..Default::default()
    };
    typst_pdf::pdf(document, &options).map_err(|e| {
        RenderError(format!(
            "the PDF could not be written: {}",
            e.iter()
                .map(describe_diagnostic)
                .collect::<Vec<_>>()
                .join("; ")
        ))
    })
}

/// One SVG per page.
pub fn svg_pages(document: &PagedDocument) -> Vec<String> {
    document
        .pages()
        .iter()
        .map(|page| typst_svg::svg(page, &Default::default()))
        .collect()
}

/// One PNG per page, at `dpi`.
pub fn png_pages(document: &PagedDocument, dpi: f32) -> Result<Vec<Vec<u8>>, RenderError> {
    document
        .pages()
        .iter()
        .map(|page| {
            typst_render::render(
                page,
                &typst_render::RenderOptions {
                    pixel_per_pt: typst::layout::Abs::pt(f64::from(dpi / 72.0)).to_pt().into(),
                    ..Default::default()
                },
            )
            .encode_png()
            .map_err(|e| RenderError(format!("PNG: {e}")))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{Templates, typst_string};
    use crate::model::Language;

    #[test]
    fn both_languages_translate_the_same_strings() {
        let templates = Templates::embedded();
        let keys = |language| {
            let translations = templates.translations(language).unwrap();
            translations.into_keys().collect::<Vec<_>>()
        };
        assert_eq!(keys(Language::Et), keys(Language::En));
    }

    #[test]
    fn typst_strings_escape_what_typst_would_read() {
        assert_eq!(
            typst_string("a \"b\" \\ c\nd".to_owned()),
            "\"a \\\"b\\\" \\\\ c\\nd\""
        );
        assert_eq!(
            typst_string("#read(\"/etc/passwd\")".to_owned()),
            "\"#read(\\\"/etc/passwd\\\")\""
        );
    }
}
