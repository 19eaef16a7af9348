//! The message catalogue (`methodology/messages/{et,en}.yaml`): every sentence and word the
//! code composes from data — the gap rules' messages, durations, the words of tables — keyed,
//! one file per language. Rules give typed facts ([`Message`]); a [`Messages`] of one
//! language turns them into text for `check`, the report, the HTML view and the exports.

use std::collections::BTreeMap;

use minijinja::{Environment, UndefinedBehavior, Value};

use super::{Methodology, MethodologyError, WordList};
use crate::model::{Case, EventKind, Id, Language, Vocabulary};

/// A threshold's length and unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Duration {
    Days(u32),
    WorkingDays(u32),
}

impl Duration {
    pub fn amount(self) -> u32 {
        match self {
            Duration::Days(n) | Duration::WorkingDays(n) => n,
        }
    }
}

/// A key of the catalogue and the names of the facts its sentence may use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Key {
    pub name: &'static str,
    pub facts: &'static [&'static str],
}

macro_rules! keys {
    ($($konst:ident = $name:literal [$($fact:literal),*];)*) => {
        /// Every key of the catalogue: a key used in code is one of these constants, so a
        /// misspelt key does not compile, and each file must hold exactly these.
        pub mod key {
            use super::Key;
            $(pub const $konst: Key = Key { name: $name, facts: &[$($fact),*] };)*
        }
        pub const KEYS: &[Key] = &[$(key::$konst),*];
    };
}

keys! {
    NOTIFIER = "notifier" [];
    DURATION = "duration" ["n", "working"];
    THRESHOLD_COUNT = "threshold-count" ["n"];
    THRESHOLD_COUNT_WITHIN = "threshold-count-within" ["count", "duration"];
    THRESHOLD_DISABLED = "threshold-disabled" ["threshold"];
    DELAY_DAYS = "delay-days" ["days"];
    YES = "yes" [];
    NO = "no" [];
    NOT_REVIEWED = "not-reviewed" [];
    DETAIL_TO = "detail-to" ["value"];
    DETAIL_REPLY_TO = "detail-reply-to" ["value"];
    DETAIL_CONCERNS = "detail-concerns" ["value"];
    DETAIL_PEOPLE = "detail-people" ["value"];
    DETAIL_CHILD_VIEWS = "detail-child-views" ["value"];
    DETAIL_CHILD_VIEWS_RECORDED = "detail-child-views-recorded" [];
    DETAIL_ACTION = "detail-action" ["value"];
    DETAIL_NOTE = "detail-note" ["value"];
    DETAIL_CHILD_IN_DANGER = "detail-child-in-danger" [];
    EXERCISE_WHOLE_CASE = "exercise-whole-case" [];
    EXERCISE_EPISODE = "exercise-episode" ["n"];
    EXERCISE_EVENTS = "exercise-events" [];
    EXERCISE_CLOSING = "exercise-closing" [];
    ORGANISATIONS_MET = "organisations-met" ["n", "met"];
    CHRONOLOGY_SHEET = "chronology-sheet" [];
    COLUMN_ID = "column-id" [];
    COLUMN_DATE = "column-date" [];
    COLUMN_AGENCY = "column-agency" [];
    COLUMN_KIND = "column-kind" [];
    COLUMN_SUMMARY = "column-summary" [];
    COLUMN_CHILD_SEEN = "column-child-seen" [];
    COLUMN_FLAGS = "column-flags" [];
    COLUMN_SOURCE = "column-source" [];
    RULES_HEADING = "rules-heading" ["profile"];
    RULES_ONE_RULE = "rules-one-rule" [];
    RULES_IN_FORCE = "rules-in-force" [];
    RULES_PROFILE = "rules-profile" [];
    RULES_SEVERITY = "rules-severity" [];
    RULES_THRESHOLD = "rules-threshold" [];
    RULES_SOURCE = "rules-source" [];
    REMOVED = "removed" [];
    REMOVED_DATE = "removed-date" [];
    REMOVED_CODE = "removed-code" [];
    REMOVED_PHONE = "removed-phone" [];
    REMOVED_EMAIL = "removed-email" [];
    REMOVED_ADDRESS = "removed-address" [];
    G001 = "G001" ["sender", "receiver", "kind"];
    G002 = "G002" ["sender", "receiver", "days", "inferred", "threshold"];
    G003 = "G003" ["days", "threshold"];
    G004 = "G004" ["agency", "lead", "threshold"];
    G005 = "G005" ["receiver", "count", "threshold"];
    G006 = "G006" ["days", "threshold"];
    G007_UNASSESSED = "G007-unassessed" ["agency"];
    G007_NEAR_OUTCOME = "G007-near-outcome" ["agency", "days", "threshold"];
    G007_NEAR_OUTCOME_UNASSESSED = "G007-near-outcome-unassessed" ["agency", "days"];
    G008 = "G008" ["agency"];
    G009_INVITED = "G009-invited" ["agency"];
    G009_NOT_INVITED = "G009-not-invited" ["agency"];
    G010 = "G010" ["actual", "registered", "threshold"];
    G011 = "G011" ["sender", "receiver", "threshold"];
    G012 = "G012" ["agency", "threshold"];
    G013_TOOK = "G013-took" ["agency", "days", "threshold"];
    G013_OPEN = "G013-open" ["agency"];
    G014 = "G014" ["agency"];
    G015 = "G015" ["place", "lead", "threshold"];
    G016 = "G016" ["agency", "threshold"];
    G017_LATE = "G017-late" ["sender", "receiver", "days", "threshold"];
    G017_NONE = "G017-none" ["sender", "receiver", "threshold"];
    G018 = "G018" ["agency", "days", "threshold"];
    G019 = "G019" ["person"];
    G020 = "G020" ["agency", "referrer", "threshold"];
}

/// One fact a message names, typed: the catalogue decides how it reads.
#[derive(Clone, Debug, PartialEq)]
pub enum Fact {
    /// An agency by id, shown by its name; `None` for a confidential notifier.
    Agency(Option<Id>),
    Number(i64),
    Duration(Duration),
    Kind(EventKind),
    Yes(bool),
    /// A person by id, shown by the label the case (or its view) gives.
    Person(Id),
}

/// What a rule says about a flag: a key and its facts, not a sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct Message {
    pub key: Key,
    pub facts: Vec<(&'static str, Fact)>,
}

impl Message {
    pub fn new(key: Key) -> Self {
        Message {
            key,
            facts: Vec::new(),
        }
    }

    /// Adds a fact; its name must be one the key declares.
    pub fn with(mut self, name: &'static str, fact: Fact) -> Self {
        debug_assert!(
            self.key.facts.contains(&name),
            "{} takes no fact `{name}`",
            self.key.name
        );
        self.facts.push((name, fact));
        self
    }

    pub fn agency(self, name: &'static str, id: Option<&Id>) -> Self {
        self.with(name, Fact::Agency(id.cloned()))
    }

    pub fn number(self, name: &'static str, n: impl Into<i64>) -> Self {
        self.with(name, Fact::Number(n.into()))
    }

    pub fn duration(self, name: &'static str, duration: Duration) -> Self {
        self.with(name, Fact::Duration(duration))
    }
}

/// The catalogue of one language, its sentences compiled once.
pub struct Messages {
    language: Language,
    env: Environment<'static>,
    /// The sentences that only put facts in place (`{{ agency }} closed …`), as pieces: a
    /// case with 300,000 flags words each without a template engine's round trip.
    plain: std::collections::HashMap<String, Vec<Piece>>,
    event_kinds: WordList,
}

/// A piece of a plain sentence.
enum Piece {
    Text(String),
    Fact(String),
}

/// A sentence as pieces, when it has nothing but text and `{{ name }}`.
fn plain_pieces(text: &str) -> Option<Vec<Piece>> {
    if text.contains("{%") || text.contains("{#") {
        return None;
    }
    let mut pieces = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        pieces.push(Piece::Text(rest[..start].to_owned()));
        let end = rest[start..].find("}}")? + start;
        let name = rest[start + 2..end].trim();
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return None;
        }
        pieces.push(Piece::Fact(name.to_owned()));
        rest = &rest[end + 2..];
    }
    if rest.contains("}}") {
        return None;
    }
    pieces.push(Piece::Text(rest.to_owned()));
    Some(pieces)
}

impl std::fmt::Debug for Messages {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Messages({})", self.language)
    }
}

impl Messages {
    /// Loads `messages/<language>.yaml` and checks it: exactly the declared keys, each
    /// rendering with its declared facts (and no other).
    pub fn load(methodology: &Methodology, language: Language) -> Result<Self, MethodologyError> {
        let path = format!("messages/{}.yaml", language.as_str());
        let entries: BTreeMap<String, String> = methodology.yaml(&path)?;
        let fault = |what: String| MethodologyError(format!("methodology/{path}: {what}"));
        let mut env = Environment::new();
        let mut plain = std::collections::HashMap::new();
        // A fact the code does not give is an error, not an empty string in a sentence.
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        for (name, text) in entries {
            if !KEYS.iter().any(|k| k.name == name) {
                return Err(fault(format!("`{name}` is not a key this version uses")));
            }
            if let Some(pieces) = plain_pieces(&text) {
                plain.insert(name.clone(), pieces);
            }
            env.add_template_owned(name.clone(), text)
                .map_err(|e| fault(format!("`{name}`: {e}")))?;
        }
        let messages = Messages {
            language,
            env,
            plain,
            event_kinds: methodology.vocabulary(EventKind::FILE)?,
        };
        for key in KEYS {
            let sample: BTreeMap<&str, Value> = key
                .facts
                .iter()
                .map(|f| (*f, Value::from(if *f == "working" { 1 } else { 2 })))
                .collect();
            messages
                .try_say(*key, sample)
                .map_err(|e| fault(format!("`{}`: {e}", key.name)))?;
        }
        Ok(messages)
    }

    pub fn language(&self) -> Language {
        self.language
    }

    fn try_say(&self, key: Key, facts: BTreeMap<&str, Value>) -> Result<String, String> {
        let template = self
            .env
            .get_template(key.name)
            .map_err(|_| format!("the key `{}` is missing", key.name))?;
        template.render(facts).map_err(|e| e.to_string())
    }

    /// A sentence with its facts already words or numbers. A catalogue was checked on load,
    /// so a failure here is a fact the code forgot: the key shows, never a panic.
    pub fn say(&self, key: Key, facts: &[(&str, Value)]) -> String {
        if let Some(pieces) = self.plain.get(key.name) {
            let mut out = String::new();
            for piece in pieces {
                match piece {
                    Piece::Text(text) => out.push_str(text),
                    Piece::Fact(name) => match facts.iter().find(|(n, _)| n == name) {
                        Some((_, value)) => out.push_str(&value.to_string()),
                        None => return format!("[{}]", key.name),
                    },
                }
            }
            return out;
        }
        let facts = facts.iter().cloned().collect();
        self.try_say(key, facts)
            .unwrap_or_else(|_| format!("[{}]", key.name))
    }

    /// A plain word of the catalogue (`yes`, `notifier`).
    pub fn word(&self, key: Key) -> String {
        self.say(key, &[])
    }

    /// A threshold's length in words ("1 working day", "10 päeva").
    pub fn duration(&self, duration: Duration) -> String {
        let working = matches!(duration, Duration::WorkingDays(_));
        self.say(
            key::DURATION,
            &[
                ("n", Value::from(duration.amount())),
                ("working", Value::from(working)),
            ],
        )
    }

    /// A flag's message, with agencies named as the case names them.
    pub fn sentence(&self, message: &Message, case: &Case) -> String {
        let facts: Vec<(&str, Value)> = message
            .facts
            .iter()
            .map(|(name, fact)| {
                let value = match fact {
                    Fact::Agency(Some(id)) => Value::from(case.agency_name(id.as_str())),
                    Fact::Agency(None) => Value::from(self.word(key::NOTIFIER)),
                    Fact::Number(n) => Value::from(*n),
                    Fact::Duration(d) => Value::from(self.duration(*d)),
                    Fact::Kind(kind) => {
                        Value::from(self.event_kinds.label(kind.as_str(), self.language))
                    }
                    Fact::Yes(yes) => Value::from(*yes),
                    Fact::Person(id) => Value::from(
                        case.people
                            .iter()
                            .find(|p| p.id.value == *id)
                            .map_or(id.as_str(), |p| p.label.value.as_str()),
                    ),
                };
                (*name, value)
            })
            .collect();
        self.say(message.key, &facts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_catalogues_hold_every_key_and_render_it() {
        let methodology = Methodology::embedded();
        for language in [Language::Et, Language::En] {
            let messages = Messages::load(&methodology, language).unwrap();
            assert_eq!(
                messages.duration(Duration::WorkingDays(1)),
                match language {
                    Language::Et => "1 tööpäev",
                    Language::En => "1 working day",
                }
            );
        }
    }

    #[test]
    fn a_catalogue_missing_a_key_or_using_an_unknown_fact_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("messages")).unwrap();
        std::fs::write(dir.path().join("messages/en.yaml"), "notifier: x\n").unwrap();
        let methodology = Methodology::with_overrides(dir.path()).unwrap();
        let error = Messages::load(&methodology, Language::En).unwrap_err();
        assert!(error.0.contains("is missing"), "{error}");

        let embedded = Methodology::embedded();
        let text = embedded
            .file("messages/en.yaml")
            .unwrap()
            .replace("{{ sender }} sent", "{{ sendr }} sent");
        std::fs::write(dir.path().join("messages/en.yaml"), text).unwrap();
        let methodology = Methodology::with_overrides(dir.path()).unwrap();
        let error = Messages::load(&methodology, Language::En).unwrap_err();
        assert!(error.0.contains("`G001`"), "{error}");
    }

    /// A plain sentence reads as the template engine would have written it.
    #[test]
    fn plain_sentences_read_as_their_templates() {
        let messages = Messages::load(&Methodology::embedded(), Language::En).unwrap();
        let facts = [
            ("agency", Value::from("The school")),
            ("days", Value::from(12)),
        ];
        let template = messages.env.get_template("G013-took").unwrap();
        let expected = template
            .render(BTreeMap::from([
                ("agency", Value::from("The school")),
                ("days", Value::from(12)),
                ("threshold", Value::from("10 days")),
            ]))
            .unwrap();
        let mut all = facts.to_vec();
        all.push(("threshold", Value::from("10 days")));
        assert!(messages.plain.contains_key("G013-took"));
        assert_eq!(messages.say(key::G013_TOOK, &all), expected);
        assert!(plain_pieces("{{ n }} {{ 'day' if n == 1 else 'days' }}").is_none());
    }

    #[test]
    fn g009_reads_as_english() {
        let messages = Messages::load(&Methodology::embedded(), Language::En).unwrap();
        let text = messages.say(key::G009_INVITED, &[("agency", Value::from("The school"))]);
        assert_eq!(
            text,
            "The school had been in contact with the child and was invited to the multi-agency meeting, but did not attend"
        );
    }
}
