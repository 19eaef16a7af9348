//! Free text made safe to share: one pass over each text replaces, at each place, the first
//! of these that matches: an e-mail address, a personal identification code, a phone
//! number, a street address, a date (moved by the secret shift), or a name to remove.
//! One pass, so a replacement is never matched again.

use regex::{Captures, Regex};

use super::dates::{self, Shift};
use crate::methodology::{Messages, key};
#[cfg(test)]
use crate::model::Language;

/// A string to remove from free text and what stands in its place.
#[derive(Clone, Debug)]
pub struct Term {
    pub text: String,
    pub replacement: String,
}

pub struct Scrubber {
    /// Identifiers and names.
    pattern: Regex,
    /// Dates written in text.
    dates: Regex,
    /// Each term's own pattern (anchored), to find which one a name match was.
    terms: Vec<(Regex, String)>,
    shift: Shift,
    placeholders: Placeholders,
}

/// What stands in the copy's text for what was removed, in the case's language.
#[derive(Clone, Debug)]
pub struct Placeholders {
    pub date: String,
    pub code: String,
    pub phone: String,
    pub email: String,
    pub address: String,
    /// A `redact:` string.
    pub removed: String,
}

impl Placeholders {
    pub fn new(messages: &Messages) -> Placeholders {
        Placeholders {
            date: messages.word(key::REMOVED_DATE),
            code: messages.word(key::REMOVED_CODE),
            phone: messages.word(key::REMOVED_PHONE),
            email: messages.word(key::REMOVED_EMAIL),
            address: messages.word(key::REMOVED_ADDRESS),
            removed: messages.word(key::REMOVED),
        }
    }
}

/// Estonian case endings added to a name's stem (the case format's list).
const ENDINGS: &str = "sid|sse|id|de|te|st|lt|le|ks|ni|na|ta|ga|i|e|a|u|d|t|s|l";
const VOWELS: &str = "aeiouõäöüy";

const EMAIL: &str = r"(?P<email>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)";
/// An Estonian personal identification code: 11 digits, the first 1–6, single spaces
/// allowed between digits; the check digit is not required to be right.
const CODE: &str = r"\b(?P<code>[1-6](?:\s?\d){10})\b";
/// International (`+372 …`, `00372 …`), mobile (`5xxx xxxx`) and landline (`6xx xxxx`) numbers.
const PHONE: &str = r"(?P<phone>(?:\+|\b00)\d{1,3}(?:[\s-]?\d){6,12}\b|\b5\d{2,3}[\s-]?\d{3,4}\b|\b[3-8]\d{2}[\s-]?\d{4}\b)";

/// Street addresses: a street word that cannot be anything else (tn, tänav, mnt …) after a
/// name, with or without a house number; a street word that is also a common word (tee,
/// plats …) only after a capitalised name and before a number; English `12 Baker Street`.
fn address_pattern() -> String {
    let house = r"(?:\s*\d+[a-zA-Z]?(?:\s*[-/]\s*\d+[a-zA-Z]?)?)";
    let name = r"[\p{L}'-]+";
    let capitalised = r"(?-i:\p{Lu})[\p{L}'-]*";
    format!(
        r"(?P<address>\b(?:{capitalised}\s+)?{name}\s+(?:tn|tänava\w*|tänav|mnt|maantee\w*|pst|puiestee\w*)\b\.?{house}?|\b{capitalised}\s+(?:tee|põik|allee|väljak|plats|turg)\b{house}|\b\d+[a-zA-Z]?,?\s+(?:{capitalised}\s+){{1,3}}(?:street|st|road|rd|avenue|ave|lane|ln|drive|dr|close|way|court|ct|place|pl|crescent|terrace|gardens|grove|square|boulevard|blvd)\b\.?)"
    )
}

/// A term's pattern: its words in order, any spacing, the last one with Estonian endings
/// (on the stem as written, after an added vowel, or after the final vowel changed) when it
/// ends in a letter. A word boundary is asked for only at an end that is a word character:
/// `Tamm & Co.` or `(teadmata)` must match where a `\b` never could.
fn term_pattern(term: &str) -> Option<String> {
    let words: Vec<&str> = term.split_whitespace().collect();
    let (last, rest) = words.split_last()?;
    let first_char = words.first()?.chars().next()?;
    let final_char = last.chars().last()?;
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    let mut stems = vec![regex::escape(last)];
    if final_char.is_alphabetic() {
        stems[0].push_str("[aeiu]?");
        if VOWELS.contains(final_char.to_lowercase().next().unwrap_or(final_char))
            && last.chars().count() > 2
        {
            let cut = &last[..last.len() - final_char.len_utf8()];
            stems.push(format!("{}[aeiu]", regex::escape(cut)));
        }
    }
    let mut pattern: Vec<String> = rest.iter().map(|w| regex::escape(w)).collect();
    if final_char.is_alphabetic() {
        pattern.push(format!("(?:{})(?:{ENDINGS})?", stems.join("|")));
    } else {
        pattern.push(stems.join("|"));
    }
    let start = if is_word(first_char) { r"\b" } else { "" };
    let end = if is_word(final_char) { r"\b" } else { "" };
    Some(format!("{start}(?:{}){end}", pattern.join(r"\s+")))
}

impl Scrubber {
    pub fn new(
        terms: &[Term],
        shift: Shift,
        placeholders: &Placeholders,
    ) -> Result<Scrubber, regex::Error> {
        let mut sorted: Vec<&Term> = terms.iter().filter(|t| !t.text.trim().is_empty()).collect();
        // Longer terms first: "Mari Tamm" before "Mari".
        sorted.sort_by_key(|t| std::cmp::Reverse(t.text.chars().count()));
        let mut term_regexes = Vec::new();
        let mut alternatives = Vec::new();
        for term in sorted {
            let Some(pattern) = term_pattern(&term.text) else {
                continue;
            };
            term_regexes.push((
                Regex::new(&format!("(?i)^(?:{pattern})$"))?,
                term.replacement.clone(),
            ));
            alternatives.push(pattern);
        }
        let mut parts = vec![
            EMAIL.to_owned(),
            CODE.to_owned(),
            PHONE.to_owned(),
            address_pattern(),
        ];
        if !alternatives.is_empty() {
            parts.push(format!("(?P<name>{})", alternatives.join("|")));
        }
        let pattern = Regex::new(&format!("(?i){}", parts.join("|")))?;
        let dates = Regex::new(&format!("(?i){}", dates::patterns().join("|")))?;
        Ok(Scrubber {
            pattern,
            dates,
            terms: term_regexes,
            shift,
            placeholders: placeholders.clone(),
        })
    }

    /// The text with every identifier removed, every name replaced and every date moved.
    ///
    /// Names and identifiers go first, dates second: in one pass "10. Mai Tamm" would be
    /// read as a date and keep "Tamm". Each pass runs on a twin of the text in which `_`
    /// reads as a space (so `Kadri_Tamm.pdf` or `ik_38501010002` match at word
    /// boundaries), and its replacements are copied into the text at the same places.
    pub fn scrub(&self, text: &str) -> String {
        let named = replace_at_word_breaks(text, &self.pattern, |caps| self.replacement(caps));
        let mut scrubbed = replace_at_word_breaks(&named, &self.dates, |caps| {
            self.shift
                .replace(caps)
                .unwrap_or_else(|| self.placeholders.date.clone())
        });
        // "Jaan Kase" with both words listed apart becomes one pseudonym, not two.
        for (_, replacement) in &self.terms {
            let twice = format!("{replacement} {replacement}");
            while scrubbed.contains(&twice) {
                scrubbed = scrubbed.replace(&twice, replacement);
            }
        }
        scrubbed
    }

    fn replacement(&self, caps: &Captures) -> String {
        let p = &self.placeholders;
        if caps.name("email").is_some() {
            p.email.to_owned()
        } else if caps.name("code").is_some() {
            p.code.to_owned()
        } else if caps.name("phone").is_some() {
            p.phone.to_owned()
        } else if caps.name("address").is_some() {
            p.address.to_owned()
        } else {
            let name = caps.get(0).map_or("", |m| m.as_str());
            let replacement = self
                .terms
                .iter()
                .find(|(regex, _)| regex.is_match(name))
                .map_or("[…]", |(_, replacement)| replacement.as_str());
            // "ema elukaaslane" in running text becomes "hooldaja", not "Hooldaja".
            if name.starts_with(char::is_lowercase) {
                lowercase_first(replacement)
            } else {
                replacement.to_owned()
            }
        }
    }

    /// Whether any term still occurs in a text: what the tests of a copy ask.
    pub fn finds_term(&self, text: &str) -> bool {
        self.pattern
            .captures_iter(&text.replace('_', " "))
            .any(|caps| caps.name("name").is_some())
    }
}

/// `regex` replaced in `text`, matched on a twin of `text` in which `_` is a space. The
/// twin has the same byte offsets (both characters are one byte), so each match's place is
/// the same in both.
fn replace_at_word_breaks(
    text: &str,
    regex: &Regex,
    mut replacement: impl FnMut(&Captures) -> String,
) -> String {
    let twin = text.replace('_', " ");
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for caps in regex.captures_iter(&twin) {
        let whole = caps.get(0).expect("group 0 is the match");
        out.push_str(&text[at..whole.start()]);
        out.push_str(&replacement(&caps));
        at = whole.end();
    }
    out.push_str(&text[at..]);
    out
}

fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_lowercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scrubber() -> Scrubber {
        let terms = [
            Term {
                text: "Mari Tamm".into(),
                replacement: "Ema".into(),
            },
            Term {
                text: "Tamm".into(),
                replacement: "Ema".into(),
            },
            Term {
                text: "Kadri".into(),
                replacement: "Laps".into(),
            },
            Term {
                text: "2-23-4411".into(),
                replacement: "[eemaldatud]".into(),
            },
            Term {
                text: "Tamm & Co.".into(),
                replacement: "[eemaldatud]".into(),
            },
            Term {
                text: "(teadmata)".into(),
                replacement: "[eemaldatud]".into(),
            },
        ];
        Scrubber::new(
            &terms,
            Shift {
                days: -7,
                context_year: 2023,
            },
            &Placeholders::new(
                &crate::methodology::Methodology::embedded()
                    .messages(Language::Et)
                    .unwrap(),
            ),
        )
        .unwrap()
    }

    #[test]
    fn names_in_inflected_forms() {
        let s = scrubber();
        assert_eq!(s.scrub("Mari Tamm helistas."), "Ema helistas.");
        assert_eq!(
            s.scrub("Tamme sõnul ja Tammele öeldi"),
            "Ema sõnul ja Ema öeldi"
        );
        assert_eq!(s.scrub("kadrit ja Kadrile, KADRI"), "laps ja Laps, Laps");
        assert_eq!(s.scrub("Kadriorg"), "Kadriorg");
        assert_eq!(s.scrub("toimik 2-23-4411"), "toimik [eemaldatud]");
        assert_eq!(
            s.scrub("firma Tamm & Co. ja (teadmata) isik"),
            "firma [eemaldatud] ja [eemaldatud] isik"
        );
    }

    #[test]
    fn identifiers_leave_free_text() {
        let s = scrubber();
        assert_eq!(s.scrub("isikukood 38501010002."), "isikukood [isikukood].");
        assert_eq!(s.scrub("ik 4 850101 001 2"), "ik [isikukood]");
        assert_eq!(
            s.scrub("tel +372 5123 4567, 00372 51234567 või 5123 4567"),
            "tel [telefon], [telefon] või [telefon]"
        );
        assert_eq!(s.scrub("kirjutas mari.tamm@mail.ee"), "kirjutas [e-post]");
        assert_eq!(
            s.scrub("elab Pärna tn 5-12, Tartu"),
            "elab [aadress], Tartu"
        );
        assert_eq!(s.scrub("Narva maanteel 15"), "[aadress]");
        assert_eq!(
            s.scrub("lives at 12 Baker Street"),
            "lives at [address]".replace("[address]", "[aadress]")
        );
        assert_eq!(s.scrub("läks tee peale"), "läks tee peale");
    }

    #[test]
    fn dates_move_by_the_shift() {
        let s = scrubber();
        assert_eq!(s.scrub("12.03.2023 kohtus Tamm"), "05.03.2023 kohtus Ema");
        assert!(!s.finds_term("05.03.2023 kohtus Ema"));
        assert_eq!(
            s.scrub("31.02.2023 ja 10. Mari Tamm"),
            "[kuupäev] ja 10. Ema"
        );
        assert_eq!(
            s.scrub("fail Kadri_Tamm.pdf, ik_38501010002"),
            "fail Laps_Ema.pdf, ik_[isikukood]"
        );
        assert!(s.finds_term("kohtus Tammega"));
    }
}
