//! Vocabulary files: words with Estonian and English labels.

use serde::Deserialize;

use crate::model::Language;

/// A text in both languages of the tool.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Label {
    pub et: String,
    pub en: String,
}

impl Label {
    pub fn get(&self, language: Language) -> &str {
        match language {
            Language::Et => &self.et,
            Language::En => &self.en,
        }
    }
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Word {
    pub id: String,
    pub et: String,
    pub en: String,
    /// Former labels, still understood where people type a word (an agency's spreadsheet
    /// made with an older chronology-request form), never shown.
    #[serde(default)]
    pub also: Vec<String>,
}

/// `methodology/vocabulary/<name>.yaml`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WordList {
    pub words: Vec<Word>,
}

impl WordList {
    pub fn ids(&self) -> Vec<&str> {
        self.words.iter().map(|w| w.id.as_str()).collect()
    }

    pub fn contains(&self, id: &str) -> bool {
        self.words.iter().any(|w| w.id == id)
    }

    /// The word a person typed: its id, or its Estonian, English or a former label, in any
    /// case.
    pub fn resolve(&self, typed: &str) -> Option<&str> {
        let typed = typed.trim().to_lowercase();
        self.words
            .iter()
            .find(|w| {
                [&w.id, &w.et, &w.en]
                    .into_iter()
                    .chain(&w.also)
                    .any(|name| name.to_lowercase() == typed)
            })
            .map(|w| w.id.as_str())
    }

    /// The word's label in `language`, or the id itself for a word the list lacks.
    pub fn label<'a>(&'a self, id: &'a str, language: Language) -> &'a str {
        self.words
            .iter()
            .find(|w| w.id == id)
            .map_or(id, |w| match language {
                Language::Et => w.et.as_str(),
                Language::En => w.en.as_str(),
            })
    }
}
