//! Free text made safe to share. E-mail addresses go first, whole (a name in the local
//! part goes with them); then one pass over each text replaces, at each place, the first of
//! these that matches: a personal identification code, a phone number, a street address,
//! or a name to remove; then dates move by the secret shift. One pass each, so a
//! replacement is never matched again.
//!
//! Every pass matches on the text's twin (NFC, invisible characters dropped: see [`fold`])
//! and replaces only what it matched: the rest of the text stays as typed.

use regex::{Captures, Regex, RegexBuilder};

use super::dates::{self, Shift};
use super::fold::{fold, replace_folded};
use super::names::{COMPOUND_AFTER, COMPOUND_BEFORE, term_pattern};
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
    /// E-mail addresses.
    email: Regex,
    /// Identifiers and names.
    pattern: Regex,
    /// Dates written in text.
    dates: Regex,
    /// The capture group of each term in `pattern`, and what replaces it.
    terms: Vec<(usize, String)>,
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

impl Scrubber {
    pub fn new(
        terms: &[Term],
        shift: Shift,
        placeholders: &Placeholders,
    ) -> Result<Scrubber, regex::Error> {
        let mut sorted: Vec<&Term> = terms.iter().filter(|t| !t.text.trim().is_empty()).collect();
        // Longer terms first: "Mari Tamm" before "Mari".
        sorted.sort_by_key(|t| std::cmp::Reverse(t.text.chars().count()));
        let mut replacements = Vec::new();
        let mut alternatives = Vec::new();
        for term in sorted {
            let Some(pattern) = term_pattern(&term.text) else {
                continue;
            };
            alternatives.push(format!("(?P<t{}>{pattern})", replacements.len()));
            replacements.push(term.replacement.clone());
        }
        let mut parts = vec![CODE.to_owned(), PHONE.to_owned(), address_pattern()];
        if !alternatives.is_empty() {
            parts.push(format!(
                "(?P<name>{COMPOUND_BEFORE}(?:{}){COMPOUND_AFTER})",
                alternatives.join("|")
            ));
        }
        let pattern = RegexBuilder::new(&format!("(?i){}", parts.join("|")))
            .size_limit(1 << 26)
            .build()?;
        let terms = pattern
            .capture_names()
            .enumerate()
            .filter_map(|(group, name)| {
                let n: usize = name?.strip_prefix('t')?.parse().ok()?;
                Some((group, replacements[n].clone()))
            })
            .collect();
        let dates = Regex::new(&format!("(?i){}", dates::patterns().join("|")))?;
        Ok(Scrubber {
            email: Regex::new(&format!("(?i){EMAIL}"))?,
            pattern,
            dates,
            terms,
            shift,
            placeholders: placeholders.clone(),
        })
    }

    /// The text with every identifier removed, every name replaced and every date moved.
    ///
    /// E-mail addresses first, on a twin that keeps `_` (`mari_tamm@…` is one address);
    /// then names and identifiers, then dates: in one pass "10. Mai Tamm" would be read as
    /// a date and keep "Tamm". Those two passes read `_` as a space (so `Kadri_Tamm.pdf` or
    /// `ik_38501010002` match at word boundaries).
    pub fn scrub(&self, text: &str) -> String {
        let mailed =
            fold(text, false).replace(text, &self.email, |_| self.placeholders.email.clone());
        let named = replace_folded(&mailed, &self.pattern, |caps| self.replacement(caps));
        let mut scrubbed = replace_folded(&named, &self.dates, |caps| {
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
        if caps.name("code").is_some() {
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
                .find(|(group, _)| caps.get(*group).is_some())
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
            .captures_iter(&fold(text, true).text)
            .any(|caps| caps.name("name").is_some())
    }
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
    fn names_in_the_forms_records_hold_them() {
        let s = scrubber();
        // Plural and stacked endings, the clitic.
        assert_eq!(
            s.scrub("Tammed, Tammedele, Tammedest ja Tammelegi"),
            "Ema, Ema, Ema ja Ema"
        );
        // Compounds: of names, and with a part that is no name of the case.
        assert_eq!(s.scrub("Tamm-Lepik ja Lepik-Tammele"), "Ema ja Ema");
        assert_eq!(s.scrub("Mari Tamm-Kadri"), "Ema");
        // Upper case, decomposed letters, invisible characters, no-break spaces, a line
        // break; only the name changes.
        assert_eq!(s.scrub("TAMMEDELE"), "Ema");
        assert_eq!(
            s.scrub("Ta\u{AD}mme so\u{303}nul, Ta\u{200B}mm\u{2060}ele"),
            "Ema so\u{303}nul, Ema"
        );
        assert_eq!(
            s.scrub("Mari\u{A0}Tamm, Mari\n  Tamm, Mari\u{200B}Tamm"),
            "Ema, Ema, Ema"
        );
        // A text with no name stays as typed, byte for byte.
        let plain = "Kasutati ma\u{308}ngu;\u{A0}klassi\u{AD}juhataja\u{200B} tammik.";
        assert_eq!(s.scrub(plain), plain);
        assert!(s.finds_term("Ta\u{AD}mmedega"));
    }

    #[test]
    fn an_e_mail_address_goes_whole() {
        let s = scrubber();
        for address in [
            "mari.tamm@mail.ee",
            "tamm.mari@kool.edu.ee",
            "mtamm@mail.ee",
            "jaanus_lepik@gmail.com",
            "MARI.TAMM@TARTU.EE",
            "ta\u{AD}mm@mail.ee",
        ] {
            assert_eq!(s.scrub(&format!("kiri: {address}.")), "kiri: [e-post].");
        }
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
