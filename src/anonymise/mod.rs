//! `anonymise`: a copy of a case that is safe to hand to a room of strangers.
//!
//! [`Plan`] decides the new names (people by role, agencies by kind, ids that would give
//! something away), [`scrub`] cleans free text, [`dates`] moves every date by one secret
//! offset, and [`write`] writes the copy from the model, field by field. The copy is
//! written from the loaded model, not from the source text, so comments, `redact` and
//! `aliases` cannot come along.

pub mod dates;
mod fold;
mod names;
pub mod scrub;
mod write;

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::methodology::{Methodology, MethodologyError};
use crate::model::{AgencyKind, Case, Role, Vocabulary};
use dates::Shift;
use scrub::{Placeholders, Scrubber, Term};

/// What `anonymise` produces: the files of the copy and the secret map.
pub struct Anonymised {
    /// Paths relative to the copy's folder (`case.yaml`, `chronology/01.yaml`) and contents.
    pub files: Vec<(String, String)>,
    /// The mapping back to the original (YAML), for the `--map` file only.
    pub map: String,
    /// Possible leftovers: capitalised words of the original agency names (places, mostly)
    /// that still occur in the copy's text, and capitalised words of the copy that begin
    /// like a removed name (Tammepere, Kadriorg, a form the rules of [`names`] missed).
    /// Only the reviewer can tell whether they identify anyone; `aliases:` and `redact:`
    /// remove them.
    pub leftover_words: Vec<Leftover>,
}

/// A word of the copy's text that may identify someone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Leftover {
    pub word: String,
    /// The removed name whose first letters it shares; `None`: a word of an agency's name.
    pub like: Option<String>,
}

pub struct Options {
    pub keep_agencies: bool,
    pub shift: Shift,
    /// The copy's `case.id`: the original id may be looked up in a register of reviews.
    pub case_id: String,
}

impl Options {
    /// A fresh secret shift and case id, from the system's random source.
    pub fn random(case: &Case, keep_agencies: bool) -> Result<Options, String> {
        use chrono::Datelike;
        let shift = Shift::random(
            case.meta.outcome.date.value.first_day().year(),
            earliest_year(case),
        )?;
        let mut bytes = [0u8; 3];
        getrandom::fill(&mut bytes).map_err(|e| format!("no random source: {e}"))?;
        Ok(Options {
            keep_agencies,
            shift,
            case_id: format!("ANON-{:02X}{:02X}{:02X}", bytes[0], bytes[1], bytes[2]),
        })
    }
}

/// The shift of a scrubber that only asks whether a text would change: any non-zero
/// offset moves every date, which is all such a question needs.
const PROBE_SHIFT: Shift = Shift {
    days: 7,
    context_year: 2000,
};

/// The year of the earliest date the case holds.
fn earliest_year(case: &Case) -> i32 {
    use chrono::Datelike;
    let meta = &case.meta;
    let dates = case
        .events
        .iter()
        .map(|e| &e.date.value)
        .chain([&meta.outcome.date.value])
        .chain(meta.date.as_ref().map(|d| &d.value))
        .chain(
            meta.classification
                .iter()
                .filter_map(|c| c.until.as_ref().map(|d| &d.value)),
        )
        .chain(
            meta.review
                .period
                .iter()
                .flat_map(|p| [&p.value.from, &p.value.to]),
        )
        .chain(
            case.people
                .iter()
                .filter_map(|p| p.born.as_ref().map(|d| &d.value)),
        )
        .chain(case.residence.iter().map(|r| &r.from.value))
        .chain(case.chronologies.iter().filter_map(|c| {
            c.submitted
                .as_ref()
                .and_then(|s| s.on.as_ref())
                .map(|d| &d.value)
        }))
        .chain(
            case.recommendations
                .iter()
                .filter_map(|r| r.due.as_ref().map(|d| &d.value)),
        );
    dates.map(|d| d.first_day().year()).min().unwrap_or(2000)
}

/// The new names of one copy, and the terms free text loses.
pub struct Plan {
    pub people: HashMap<String, Pseudonym>,
    pub agencies: HashMap<String, Pseudonym>,
    /// Event, episode, finding and recommendation ids that would have kept a removed
    /// string (a name, a date); all others stay as written.
    pub ids: HashMap<String, String>,
    pub terms: Vec<Term>,
    /// What stands in the text for what is removed.
    pub placeholders: Placeholders,
}

#[derive(Clone, Debug, Serialize)]
pub struct Pseudonym {
    pub id: String,
    pub name: String,
}

impl Plan {
    /// The names of agencies and people the copy leaves out (a confidential notifier's) are
    /// still removed wherever a text names them.
    fn remove_names_left_out(
        &mut self,
        case: &Case,
        copy: &Case,
        notifier: &str,
        common: &[String],
    ) {
        for agency in &case.agencies {
            if copy.agency(agency.id.as_str()).is_none() {
                self.terms.push(Term {
                    text: agency.name.value.clone(),
                    replacement: notifier.to_owned(),
                });
            }
        }
        for person in &case.people {
            if !copy.people.iter().any(|p| p.id.value == person.id.value) {
                let removed = &self.placeholders.removed;
                let words: Vec<String> = names::name_words(&person.label.value, common)
                    .into_iter()
                    .filter(|w| {
                        !self
                            .terms
                            .iter()
                            .any(|t| t.text.to_lowercase() == w.to_lowercase())
                    })
                    .collect();
                self.terms.extend(
                    std::iter::once(person.label.value.clone())
                        .chain(person.aliases.iter().map(|a| a.value.clone()))
                        .chain(words)
                        .map(|name| Term {
                            text: name,
                            replacement: removed.clone(),
                        }),
                );
            }
        }
    }

    pub fn new(
        case: &Case,
        methodology: &Methodology,
        keep_agencies: bool,
    ) -> Result<Plan, MethodologyError> {
        let language = case.meta.language;
        let roles = methodology.vocabulary(Role::FILE)?;
        let kinds = methodology.vocabulary(AgencyKind::FILE)?;
        let mut terms = Vec::new();
        let common = role_words(methodology)?;

        let people = numbered(
            case.people
                .iter()
                .map(|p| (p.id.as_str(), p.role.value.as_str())),
            |role| roles.label(role, language).to_owned(),
            false,
        );
        for person in &case.people {
            let pseudonym = &people[person.id.as_str()];
            for text in std::iter::once(&person.label).chain(&person.aliases) {
                // A label that already is the role's word ("Ema") is no name: replacing it
                // would only flatten every inflected "ema" in the text.
                if text.value.to_lowercase() != pseudonym.name.to_lowercase() {
                    terms.push(Term {
                        text: text.value.clone(),
                        replacement: pseudonym.name.clone(),
                    });
                }
            }
        }
        let placeholders = Placeholders::new(&methodology.messages(language)?);
        terms.extend(case.redact.iter().map(|r| Term {
            text: r.value.clone(),
            replacement: placeholders.removed.clone(),
        }));

        let agencies = if keep_agencies {
            case.agencies
                .iter()
                .map(|a| {
                    let kept = Pseudonym {
                        id: a.id.to_string(),
                        name: a.name.value.clone(),
                    };
                    (a.id.to_string(), kept)
                })
                .collect()
        } else {
            let generic = numbered(
                case.agencies
                    .iter()
                    .map(|a| (a.id.as_str(), a.kind.value.as_str())),
                |kind| kinds.label(kind, language).to_owned(),
                true,
            );
            terms.extend(case.agencies.iter().map(|a| Term {
                text: a.name.value.clone(),
                replacement: generic[a.id.as_str()].name.clone(),
            }));
            generic
        };
        let words = label_words(case, &people, &common, &terms, &placeholders.removed);
        terms.extend(words);

        let mut plan = Plan {
            people,
            agencies,
            ids: HashMap::new(),
            terms,
            placeholders,
        };
        let probe = Scrubber::new(&plan.terms, PROBE_SHIFT, &plan.placeholders)
            .map_err(|e| MethodologyError(format!("a name to remove makes no pattern: {e}")))?;
        let own_ids = case
            .events
            .iter()
            .map(|e| &e.id)
            .chain(case.episodes.iter().map(|e| &e.id))
            .chain(case.findings.iter().map(|f| &f.id))
            .chain(case.recommendations.iter().map(|r| &r.id));
        let taken: std::collections::HashSet<&str> =
            own_ids.clone().map(|id| id.as_str()).collect();
        let mut fresh = (1..)
            .map(|n| format!("id-{n}"))
            .filter(|id| !taken.contains(id.as_str()));
        // An id that holds a renamed person's or agency's old id (`kov-rapla-014` from
        // `import`, `mari-kodu`) would keep the name the new ids removed.
        let old_ids: Vec<String> = plan
            .people
            .iter()
            .chain(&plan.agencies)
            .filter(|(old, new)| **old != new.id)
            .map(|(old, _)| format!("-{}-", old.replace('_', "-")))
            .collect();
        let holds_old_id = |id: &str| {
            let id = format!("-{}-", id.replace('_', "-"));
            old_ids.iter().any(|old| id.contains(old.as_str()))
        };
        for id in own_ids
            .filter(|id| probe.scrub(id.as_str()) != id.as_str() || holds_old_id(id.as_str()))
        {
            let new = fresh.next().expect("an endless supply");
            plan.ids.insert(id.to_string(), new);
        }
        Ok(plan)
    }
}

/// Names by a word (a role, an agency kind) and, where the word repeats, an ordinal:
/// `mother`/"Ema"; `sibling-1`/"Õde või vend 1", `sibling-2`/…; agencies always numbered
/// ("Kohalik omavalitsus 1"), as the design asks.
fn numbered<'a>(
    items: impl Iterator<Item = (&'a str, &'static str)> + Clone,
    label: impl Fn(&str) -> String,
    always_number: bool,
) -> HashMap<String, Pseudonym> {
    let mut totals: HashMap<&str, usize> = HashMap::new();
    for (_, word) in items.clone() {
        *totals.entry(word).or_default() += 1;
    }
    let mut seen: HashMap<&str, usize> = HashMap::new();
    items
        .map(|(id, word)| {
            let n = seen.entry(word).or_default();
            *n += 1;
            let stem = word.replace('_', "-");
            let pseudonym = if totals[word] == 1 && !always_number {
                Pseudonym {
                    id: stem,
                    name: label(word),
                }
            } else {
                Pseudonym {
                    id: format!("{stem}-{n}"),
                    name: format!("{} {n}", label(word)),
                }
            };
            (id.to_owned(), pseudonym)
        })
        .collect()
}

/// The secret map: everything needed to go back, nothing the copy needs.
#[derive(Serialize)]
struct Map<'a> {
    format: &'static str,
    case: BTreeMap<&'static str, String>,
    shift_days: i64,
    people: Vec<MapEntry<'a>>,
    agencies: Vec<MapEntry<'a>>,
    ids: BTreeMap<&'a str, &'a str>,
    files: BTreeMap<String, String>,
}

#[derive(Serialize)]
struct MapEntry<'a> {
    id: &'a str,
    name: &'a str,
    aliases: Vec<&'a str>,
    new_id: &'a str,
    new_name: &'a str,
}

pub fn anonymise(
    case: &Case,
    methodology: &Methodology,
    options: &Options,
) -> Result<Anonymised, MethodologyError> {
    // The copy holds the case as every output shows it, a confidential notifier hidden as in
    // the report; the names of what that left out are still removed from every text.
    let notifier = methodology
        .messages(case.meta.language)?
        .word(crate::methodology::key::NOTIFIER);
    let shown = crate::pipeline::Redacted::new(case, notifier.clone());
    let mut plan = Plan::new(&shown.case, methodology, options.keep_agencies)?;
    let common = role_words(methodology)?;
    plan.remove_names_left_out(case, &shown.case, &notifier, &common);
    let scrubber = Scrubber::new(&plan.terms, options.shift, &plan.placeholders)
        .map_err(|e| MethodologyError(format!("a name to remove makes no pattern: {e}")))?;
    let copy = write::Copy {
        case: &shown.case,
        plan: &plan,
        scrubber: &scrubber,
        shift: options.shift,
        case_id: &options.case_id,
    };
    let files = copy.files();
    let map = Map {
        format: "casereview-map/1",
        case: BTreeMap::from([
            ("id", case.meta.id.value.clone()),
            ("new_id", options.case_id.clone()),
        ]),
        shift_days: options.shift.days,
        // What the copy left out (a confidential notifier) has no counterpart to map to.
        people: case
            .people
            .iter()
            .filter_map(|p| {
                let new = plan.people.get(p.id.as_str())?;
                Some(MapEntry {
                    id: p.id.as_str(),
                    name: &p.label.value,
                    aliases: p.aliases.iter().map(|a| a.value.as_str()).collect(),
                    new_id: &new.id,
                    new_name: &new.name,
                })
            })
            .collect(),
        agencies: case
            .agencies
            .iter()
            .filter_map(|a| {
                let new = plan.agencies.get(a.id.as_str())?;
                Some(MapEntry {
                    id: a.id.as_str(),
                    name: &a.name.value,
                    aliases: Vec::new(),
                    new_id: &new.id,
                    new_name: &new.name,
                })
            })
            .collect(),
        ids: plan
            .ids
            .iter()
            .map(|(old, new)| (old.as_str(), new.as_str()))
            .collect(),
        files: case
            .chronologies
            .iter()
            .zip(write::chronology_paths(case.chronologies.len()))
            .map(|(c, new)| (c.path.value.clone(), new))
            .collect(),
    };
    let map = serde_yaml::to_string(&map)
        .map_err(|e| MethodologyError(format!("cannot write the map: {e}")))?;
    let generic: Vec<String> = plan
        .agencies
        .values()
        .chain(plan.people.values())
        .flat_map(|p| {
            p.name
                .split_whitespace()
                .map(str::to_lowercase)
                .collect::<Vec<_>>()
        })
        .collect();
    let leftover_words = leftover_words(
        case,
        &files,
        &plan.placeholders,
        options.keep_agencies,
        &common,
    )
    .into_iter()
    .filter(|leftover| !generic.contains(&leftover.word.to_lowercase()))
    .collect();
    Ok(Anonymised {
        files,
        map,
        leftover_words,
    })
}

/// The words of people's labels that look like personal names ("Mari Tamm": "Mari",
/// "Tamm"), each a term of its own: records say "Tamme sõnul" of Mari Tamm. What the
/// reviewer listed comes first (an alias "Tamm" of the mother keeps its pseudonym); a word
/// that several people's labels share (the family's surname) stands for none of them in
/// particular and gives way to the "removed" placeholder.
fn label_words(
    case: &Case,
    people: &HashMap<String, Pseudonym>,
    common: &[String],
    listed: &[Term],
    removed: &str,
) -> Vec<Term> {
    let mut words: Vec<(String, Vec<&str>)> = Vec::new();
    for person in &case.people {
        let pseudonym = people[person.id.as_str()].name.as_str();
        for word in names::name_words(&person.label.value, common) {
            let lower = word.to_lowercase();
            if lower == pseudonym.to_lowercase()
                || listed.iter().any(|t| t.text.to_lowercase() == lower)
            {
                continue;
            }
            match words.iter_mut().find(|(w, _)| w.to_lowercase() == lower) {
                Some((_, by)) => by.push(pseudonym),
                None => words.push((word, vec![pseudonym])),
            }
        }
    }
    words
        .into_iter()
        .map(|(text, by)| {
            let replacement = if by.iter().all(|p| *p == by[0]) {
                by[0]
            } else {
                removed
            };
            Term {
                text,
                replacement: replacement.to_owned(),
            }
        })
        .collect()
}

/// The words of the roles' labels, in both languages ("ema", "last", "kasvatav", "isik"):
/// no word of a person's label that is one of them is a name to remove on its own.
fn role_words(methodology: &Methodology) -> Result<Vec<String>, MethodologyError> {
    let roles = methodology.vocabulary(Role::FILE)?;
    Ok(roles
        .words
        .iter()
        .flat_map(|w| [w.et.as_str(), w.en.as_str()])
        .flat_map(str::split_whitespace)
        .map(str::to_lowercase)
        .collect())
}

/// The words the reviewer may want to remove as well: capitalised words of the agencies'
/// names that still occur in the copy (unless the agencies are kept), and capitalised
/// words of the copy that begin as a removed name does (its first four letters, or those
/// of a graded stem: Tammepere for Tamm, Kasemetsa for Kask), compared after
/// normalisation.
fn leftover_words(
    case: &Case,
    files: &[(String, String)],
    placeholders: &Placeholders,
    keep_agencies: bool,
    common: &[String],
) -> Vec<Leftover> {
    let mut leftovers = Vec::new();
    if !keep_agencies {
        let mut words: Vec<String> = case
            .agencies
            .iter()
            .flat_map(|a| a.name.value.split_whitespace())
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_owned())
            .filter(|w| w.chars().count() >= 3 && w.starts_with(char::is_uppercase))
            .collect();
        words.sort();
        words.dedup();
        leftovers.extend(
            words
                .into_iter()
                .filter(|word| {
                    let term = Term {
                        text: word.clone(),
                        replacement: String::new(),
                    };
                    Scrubber::new(&[term], PROBE_SHIFT, placeholders)
                        .is_ok_and(|s| files.iter().any(|(_, text)| s.finds_term(text)))
                })
                .map(|word| Leftover { word, like: None }),
        );
    }

    // The names: aliases, `redact:` strings and the words of name-shaped labels ("Laps K"
    // or "Kasuisa" is a description, and "kasutamiseks" nothing like it).
    let removed = case
        .people
        .iter()
        .flat_map(|p| {
            p.aliases
                .iter()
                .map(|a| a.value.clone())
                .chain(names::name_words(&p.label.value, common))
        })
        .chain(case.redact.iter().map(|r| r.value.clone()))
        .flat_map(|name| {
            name.split(|c: char| !c.is_alphabetic() && !is_mark(c))
                .map(|w| fold::fold(w, true).text)
                .filter(|w| w.starts_with(char::is_uppercase))
                .collect::<Vec<_>>()
        });
    let mut prefixes: Vec<(String, String)> = Vec::new();
    for name in removed {
        for prefix in names::stem_prefixes(&name) {
            prefixes.push((prefix, name.clone()));
        }
    }
    for (_, text) in files {
        let texts = match serde_yaml::from_str::<serde_yaml::Value>(text) {
            Ok(value) => yaml_strings(&value),
            Err(_) => vec![text.clone()],
        };
        for text in texts {
            let folded = fold::fold(&text, true).text;
            for word in folded.split(|c: char| !c.is_alphabetic() && !is_mark(c)) {
                if !word.starts_with(char::is_uppercase)
                    || word.chars().count() < 3
                    || leftovers.iter().any(|l: &Leftover| l.word == word)
                {
                    continue;
                }
                let lower = word.to_lowercase();
                if let Some((_, name)) = prefixes.iter().find(|(p, _)| lower.starts_with(p)) {
                    leftovers.push(Leftover {
                        word: word.to_owned(),
                        like: Some(name.clone()),
                    });
                }
            }
        }
    }
    leftovers
}

fn is_mark(c: char) -> bool {
    unicode_normalization::char::is_combining_mark(c)
}

fn yaml_strings(value: &serde_yaml::Value) -> Vec<String> {
    match value {
        serde_yaml::Value::String(s) => vec![s.clone()],
        serde_yaml::Value::Sequence(items) => items.iter().flat_map(yaml_strings).collect(),
        serde_yaml::Value::Mapping(map) => map
            .iter()
            .flat_map(|(k, v)| yaml_strings(k).into_iter().chain(yaml_strings(v)))
            .collect(),
        _ => Vec::new(),
    }
}
