//! The report: its data (one serialisable value), the minijinja templates that turn it into
//! Typst source, and a Typst world that sees only that source, the data as an in-memory
//! file and the embedded fonts — never the file system, the network or the clock.

mod data;
mod figures;
mod format;
mod palette;
mod quality;

use std::path::Path;

use include_dir::{Dir, include_dir};
use typst::diag::{Severity, SourceDiagnostic};
use typst_as_lib::{TypstAsLibError, TypstEngine};
use typst_layout::PagedDocument;

pub use data::{Document, Inputs, ReportData, build};
pub use format::DateStyle;

use crate::assets::Overlay;
use crate::model::Language;

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
}

impl Templates {
    pub fn embedded() -> Self {
        Templates {
            files: Overlay::embedded(&EMBEDDED),
        }
    }

    pub fn with_overrides(dir: &Path) -> Result<Self, RenderError> {
        let mut files = Overlay::embedded(&EMBEDDED);
        files.override_from(dir, "template").map_err(RenderError)?;
        Ok(Templates { files })
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

    /// The report's strings in one language.
    pub fn translations(
        &self,
        language: Language,
    ) -> Result<std::collections::BTreeMap<String, String>, RenderError> {
        let path = format!("i18n/{}.yaml", language_code(language));
        crate::files::from_yaml(self.file(&path)?)
            .map_err(|e| RenderError(format!("templates/{path}: {e}")))
    }
}

fn language_code(language: Language) -> &'static str {
    match language {
        Language::Et => "et",
        Language::En => "en",
    }
}

/// The Typst source of the report and the data it reads.
pub struct ReportSource {
    pub typst: String,
    pub data_json: Vec<u8>,
}

/// Fills the template with the translations; the data goes beside it as JSON.
pub fn source(
    data: &ReportData,
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
    let template = templates.file("report.typ.j2")?;
    let typst = env
        .render_str(template, minijinja::context! { t => translations })
        .map_err(|e| RenderError(format!("templates/report.typ.j2: {e}")))?;
    let data_json = serde_json::to_vec(data).map_err(|e| RenderError(e.to_string()))?;
    Ok(ReportSource { typst, data_json })
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

/// Compiles the report in a world of embedded fonts and two in-memory files.
pub fn compile(source: &ReportSource) -> Result<PagedDocument, RenderError> {
    let engine = TypstEngine::builder()
        .main_file((MAIN_FILE, source.typst.as_str()))
        .fonts(typst_assets::fonts())
        .with_static_file_resolver([(DATA_FILE, source.data_json.clone())])
        .build();
    let compiled = engine.compile::<PagedDocument>();
    compiled
        .output
        .map_err(|e| RenderError(format!("the report could not be typeset: {}", describe(e))))
}

fn describe(error: TypstAsLibError) -> String {
    match error {
        TypstAsLibError::TypstSource(diagnostics) => diagnostics
            .iter()
            .map(describe_diagnostic)
            .collect::<Vec<_>>()
            .join("; "),
        other => other.to_string(),
    }
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
    use super::typst_string;

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
