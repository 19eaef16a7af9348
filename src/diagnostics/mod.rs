//! The Diagnostic type, the code registry and the one printer (human and JSON).

mod codes;
mod human;
mod sources;

pub use codes::{Code, Severity};
pub use human::render_human;
pub use sources::{SourceFile, Sources};

use serde::Serialize;

use crate::model::Span;

/// One data-quality finding about the case files: an error or a warning, with its place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: Code,
    pub message: String,
    /// Where it points; `None` for a fault of the case as a whole with no single place.
    pub span: Option<Span>,
    /// A few words printed beside the caret.
    pub label: Option<String>,
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn new(code: Code, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            message: message.into(),
            span: None,
            label: None,
            help: None,
        }
    }

    pub fn at(mut self, span: &Span) -> Self {
        self.span = Some(span.clone());
        self
    }

    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Adds "did you mean `x`?" when a close candidate exists.
    pub fn suggest<'a>(self, wrong: &str, candidates: impl IntoIterator<Item = &'a str>) -> Self {
        match closest(wrong, candidates) {
            Some(best) => self.help(format!("did you mean `{best}`?")),
            None => self,
        }
    }

    pub fn severity(&self) -> Severity {
        self.code.severity()
    }

    pub fn is_error(&self) -> bool {
        self.severity() == Severity::Error
    }
}

/// The candidate closest to `wrong`, if any is close enough to be a plausible typo.
pub fn closest<'a>(wrong: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let wrong_lower = wrong.to_lowercase();
    candidates
        .into_iter()
        .map(|c| {
            (
                strsim::damerau_levenshtein(&wrong_lower, &c.to_lowercase()),
                c,
            )
        })
        .filter(|(distance, c)| {
            // Short words tolerate one edit, longer ones a third of their length.
            let allowed = (c.chars().count().max(wrong.chars().count()) / 3).max(1);
            *distance <= allowed
        })
        .min_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(b.1)))
        .map(|(_, c)| c)
}

/// Sorts diagnostics by file, line, column, then code, so output is stable.
pub fn sort(diagnostics: &mut [Diagnostic], sources: &Sources) {
    diagnostics.sort_by(|a, b| {
        let key = |d: &Diagnostic| {
            let place = d
                .span
                .as_ref()
                .map(|s| (sources.path(s.file).to_owned(), s.line, s.column));
            // Diagnostics about the case as a whole come first.
            (place, d.code, d.message.clone())
        };
        key(a).cmp(&key(b))
    });
}

/// The JSON form of one diagnostic, as documented for `check --format json`.
#[derive(Serialize)]
pub struct JsonDiagnostic<'a> {
    pub severity: &'static str,
    pub code: &'static str,
    pub message: &'a str,
    pub help: Option<&'a str>,
    pub file: Option<&'a str>,
    pub line: Option<u32>,
    pub column: Option<u32>,
}

impl Diagnostic {
    pub fn to_json<'a>(&'a self, sources: &'a Sources) -> JsonDiagnostic<'a> {
        JsonDiagnostic {
            severity: self.severity().as_str(),
            code: self.code.as_str(),
            message: &self.message,
            help: self.help.as_deref(),
            file: self.span.as_ref().map(|s| sources.path(s.file)),
            line: self.span.as_ref().map(|s| s.line),
            column: self.span.as_ref().map(|s| s.column),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::closest;

    #[test]
    fn suggestions_are_close_typos_only() {
        assert_eq!(
            closest("agnecy", ["agency", "kind", "date"]),
            Some("agency")
        );
        assert_eq!(closest("kov-b", ["kov-a", "school"]), Some("kov-a"));
        assert_eq!(closest("zzz", ["agency", "kind"]), None);
    }
}
