//! Typed reading of a YAML tree, collecting every fault instead of stopping at the first:
//! unknown keys (with "did you mean"), wrong types, bad ids, dates and vocabulary words.
//! Each value read comes back with its span.

use std::ops::Range;

use saphyr::{Scalar, YamlData};

use super::yaml_file::Node;
use crate::diagnostics::{Code, Diagnostic, SourceFile};
use crate::format::Section;
use crate::model::{Date, DateError, FileId, Id, Span, Spanned, Text, Vocabulary};

/// Reads nodes of one file, recording diagnostics and the places of free text.
pub struct Reader<'a> {
    pub file: FileId,
    source: &'a SourceFile,
    pub diagnostics: Vec<Diagnostic>,
    pub free_text: Vec<Range<usize>>,
    /// Ids of items left out for a fault: references to them raise no second error.
    pub dropped: Vec<Id>,
}

/// The entries of a mapping whose keys were all checked against the allowed ones.
pub struct Fields<'n> {
    entries: Vec<(&'n str, &'n Node)>,
    pub span: Span,
    /// What the mapping is, for messages ("event `e014`").
    pub what: String,
}

impl<'n> Fields<'n> {
    /// The value of `key`; a null value counts as absent.
    pub fn get(&self, key: &str) -> Option<&'n Node> {
        self.entries
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| *v)
            .filter(|v| !matches!(v.data, YamlData::Value(Scalar::Null)))
    }
}

impl<'a> Reader<'a> {
    pub fn new(file: FileId, source: &'a SourceFile) -> Self {
        Reader {
            file,
            source,
            diagnostics: Vec::new(),
            free_text: Vec::new(),
            dropped: Vec::new(),
        }
    }

    /// What reading found: free-text places, ids of items left out, diagnostics.
    pub fn into_parts(self) -> (Vec<Range<usize>>, Vec<Id>, Vec<Diagnostic>) {
        (self.free_text, self.dropped, self.diagnostics)
    }

    /// Keeps an item read whole; for one with a fault, remembers its id (if it has one).
    pub fn keep<T>(&mut self, id: Option<Spanned<Id>>, item: Option<T>, into: &mut Vec<T>) {
        match item {
            Some(item) => into.push(item),
            None => self.dropped.extend(id.map(|id| id.value)),
        }
    }

    pub fn report(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    pub fn span(&self, node: &Node) -> Span {
        let start = self
            .source
            .offset(node.span.start.line() as u32, node.span.start.col());
        let end = if node.span.end.line() == 0 {
            start
        } else {
            self.source
                .offset(node.span.end.line() as u32, node.span.end.col())
                .max(start)
        };
        // A flow scalar's end may run past the blank before `,` or `}`.
        let text = &self.source.text;
        let end = start + text[start..end.min(text.len())].trim_end().len();
        self.source.span(self.file, start..end)
    }

    /// The text of a node exactly as written in the file.
    fn written(&self, node: &Node) -> &'a str {
        let span = self.span(node);
        self.source.text[span.bytes].trim_end()
    }

    fn wrong_type(&mut self, node: &Node, what: &str, expected: &str) {
        let diagnostic = Diagnostic::new(Code::InvalidValue, format!("{what} must be {expected}"))
            .at(&self.span(node))
            .label(format!("expected {expected}"));
        self.report(diagnostic);
    }

    /// Reports that `node` should have been a mapping.
    pub fn not_a_mapping(&mut self, node: &Node, what: &str) {
        self.wrong_type(node, what, "a mapping (`key: value` lines)");
    }

    /// Reads a mapping of the format's `section`: keys it does not declare are reported
    /// (with the closest declared key), and so is each required key that is missing.
    pub fn mapping<'n>(
        &mut self,
        node: &'n Node,
        what: &str,
        section: &Section,
    ) -> Option<Fields<'n>> {
        let YamlData::Mapping(map) = &node.data else {
            self.not_a_mapping(node, what);
            return None;
        };
        let mut entries = Vec::with_capacity(map.len());
        for (key, value) in map {
            let YamlData::Value(Scalar::String(name)) = &key.data else {
                self.wrong_type(key, &format!("a key of {what}"), "a word");
                continue;
            };
            let name: &'n str = name.as_ref();
            if section.key(name).is_some() {
                entries.push((name, value));
            } else {
                let diagnostic =
                    Diagnostic::new(Code::UnknownKey, format!("unknown key `{name}` in {what}"))
                        .at(&self.span(key))
                        .label(format!("not a key of {what}"))
                        .suggest(name, section.key_names());
                self.report(diagnostic);
            }
        }
        let fields = Fields {
            entries,
            span: self.span(node),
            what: what.to_owned(),
        };
        for key in section.required() {
            self.required(&fields, key);
        }
        Some(fields)
    }

    /// The value of a key the mapping needs here, or an error at the mapping. (The keys a
    /// section always requires are checked by [`Reader::mapping`].)
    pub fn required<'n>(&mut self, fields: &Fields<'n>, key: &str) -> Option<&'n Node> {
        let value = fields.get(key);
        if value.is_none() {
            let diagnostic = Diagnostic::new(
                Code::MissingField,
                format!("{} has no `{key}`", fields.what),
            )
            .at(&fields.span)
            .label(format!("`{key}` is required here"));
            self.report(diagnostic);
        }
        value
    }

    /// The items of a sequence; null is an empty one.
    pub fn sequence<'n>(&mut self, node: &'n Node, what: &str) -> &'n [Node] {
        match &node.data {
            YamlData::Sequence(items) => items,
            YamlData::Value(Scalar::Null) => &[],
            _ => {
                self.wrong_type(node, what, "a list (`- item` lines or `[a, b]`)");
                &[]
            }
        }
    }

    /// A word or code: a string scalar (not free text).
    pub fn string(&mut self, node: &Node, what: &str) -> Option<Spanned<String>> {
        match &node.data {
            YamlData::Value(Scalar::String(s)) => {
                Some(Spanned::new(s.to_string(), self.span(node)))
            }
            _ => {
                self.wrong_type(node, what, "text");
                None
            }
        }
    }

    /// Free text: kept verbatim and masked in every snippet. A plain number or boolean
    /// is taken as written (`title: 2023` is the text "2023").
    pub fn text(&mut self, node: &Node, what: &str) -> Option<Text> {
        let span = self.span(node);
        let value = match &node.data {
            YamlData::Value(Scalar::String(s)) => s.to_string(),
            YamlData::Value(Scalar::Integer(_) | Scalar::FloatingPoint(_) | Scalar::Boolean(_)) => {
                self.written(node).to_owned()
            }
            _ => {
                self.wrong_type(node, what, "text");
                return None;
            }
        };
        self.free_text.push(span.bytes.clone());
        Some(Spanned::new(value, span))
    }

    /// A list of free-text strings.
    pub fn texts(&mut self, node: &Node, what: &str) -> Vec<Text> {
        self.sequence(node, what)
            .iter()
            .filter_map(|item| self.text(item, what))
            .collect()
    }

    pub fn id(&mut self, node: &Node, what: &str) -> Option<Spanned<Id>> {
        let text = self.string(node, what).or_else(|| {
            // `id: 17` is an integer to YAML; say so plainly.
            self.diagnostics.pop();
            let span = self.span(node);
            self.report(
                Diagnostic::new(
                    Code::InvalidId,
                    format!("{what} must be an id written as text"),
                )
                .at(&span)
                .label("not text")
                .help("ids are lowercase words: `[a-z0-9][a-z0-9_-]*`; quote a numeric id"),
            );
            None
        })?;
        if !Id::is_valid(&text.value) {
            let help = if Id::is_valid(&text.value.to_lowercase()) {
                format!("ids are lowercase: `{}`", text.value.to_lowercase())
            } else {
                "ids are lowercase letters, digits, `-` and `_`, starting with a letter or digit"
                    .to_owned()
            };
            self.report(
                Diagnostic::new(
                    Code::InvalidId,
                    format!("`{}` is not a valid id", text.value),
                )
                .at(&text.span)
                .label(format!("invalid {what}"))
                .help(help),
            );
            return None;
        }
        Some(Spanned::new(Id(text.value), text.span))
    }

    pub fn ids(&mut self, node: &Node, what: &str) -> Vec<Spanned<Id>> {
        self.sequence(node, what)
            .iter()
            .filter_map(|item| self.id(item, what))
            .collect()
    }

    /// A list of words (concerns, evidence entries): strings, checked later.
    pub fn strings(&mut self, node: &Node, what: &str) -> Vec<Spanned<String>> {
        self.sequence(node, what)
            .iter()
            .filter_map(|item| self.string(item, what))
            .collect()
    }

    pub fn date(&mut self, node: &Node, what: &str) -> Option<Spanned<Date>> {
        let span = self.span(node);
        let written = match &node.data {
            YamlData::Value(Scalar::String(s)) => s.to_string(),
            YamlData::Value(Scalar::Integer(_)) => self.written(node).to_owned(),
            _ => {
                self.report(
                    Diagnostic::new(Code::InvalidDate, format!("{what} is not a date"))
                        .at(&span)
                        .label("expected a date")
                        .help("write YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM"),
                );
                return None;
            }
        };
        match Date::parse(&written) {
            Ok(date) => Some(Spanned::new(date, span)),
            Err(DateError::Shape) => {
                self.report(
                    Diagnostic::new(
                        Code::InvalidDate,
                        format!("`{written}` is not a date of the format"),
                    )
                    .at(&span)
                    .label(format!("invalid {what}"))
                    .help(
                        "write YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM (no seconds, no zone)",
                    ),
                );
                None
            }
            Err(DateError::Impossible) => {
                self.report(
                    Diagnostic::new(
                        Code::InvalidDate,
                        format!("`{written}` is not a day of the calendar"),
                    )
                    .at(&span)
                    .label(format!("impossible {what}")),
                );
                None
            }
        }
    }

    pub fn bool(&mut self, node: &Node, what: &str) -> Option<bool> {
        match &node.data {
            YamlData::Value(Scalar::Boolean(b)) => Some(*b),
            _ => {
                self.wrong_type(node, what, "`true` or `false`");
                None
            }
        }
    }

    pub fn integer(&mut self, node: &Node, what: &str) -> Option<i64> {
        match &node.data {
            YamlData::Value(Scalar::Integer(i)) => Some(*i),
            _ => {
                self.wrong_type(node, what, "a whole number");
                None
            }
        }
    }

    /// A whole number from 0 up to `max` (thresholds: beyond the bound a threshold means
    /// nothing, and date arithmetic would leave the calendar).
    pub fn count(&mut self, node: &Node, what: &str, max: u32) -> Option<u32> {
        let value = self.integer(node, what)?;
        match u32::try_from(value) {
            Ok(n) if n <= max => Some(n),
            _ => {
                self.wrong_type(node, what, &format!("a whole number from 0 to {max}"));
                None
            }
        }
    }

    /// A word of a closed vocabulary, with "did you mean" for a near miss.
    pub fn word<V: Vocabulary>(&mut self, node: &Node, what: &str) -> Option<Spanned<V>> {
        let text = self.string(node, what)?;
        match V::parse(&text.value) {
            Some(word) => Some(Spanned::new(word, text.span)),
            None => {
                let diagnostic = Diagnostic::new(
                    Code::InvalidValue,
                    format!("`{}` is not a {}", text.value, V::NOUN),
                )
                .at(&text.span)
                .label(format!("unknown {}", V::NOUN));
                let diagnostic =
                    match crate::diagnostics::closest(&text.value, V::WORDS.iter().copied()) {
                        Some(best) => diagnostic.help(format!("did you mean `{best}`?")),
                        None => diagnostic.help(format!("one of: {}", V::WORDS.join(", "))),
                    };
                self.report(diagnostic);
                None
            }
        }
    }
}
