//! The patterns of the names `anonymise` removes: each word of a name with the Estonian
//! endings it takes, on the stems it takes them on.
//!
//! A word's stems are the word as written, the word without its final vowel, which may
//! change (Mägi → Mäg-e, Kadri → Kadr-a is over-removal the rules accept), and the usual
//! gradation forms of common surname types, by these rules (on the word's last letters;
//! words of 4 letters or more):
//!
//! | ending                             | stem                | examples                       |
//! |------------------------------------|---------------------|--------------------------------|
//! | -sk                                | -se                 | Kask → Kase, Kuusk → Kuuse     |
//! | vowel + -gi                        | vowel + -e          | Mägi → Mäe, Jõgi → Jõe         |
//! | -pp, -tt, -kk                      | -p, -t, -k + vowel  | Lepp → Lepa, Sepp → Sepa, Kukk → Kuke |
//! | -ne                                | -s (+ vowel)        | Rebane → Rebase, Rebast        |
//! | -mees                              | -mehe               | Kalamees → Kalamehe            |
//! | -nd, -ld, -rd                      | -nn, -ll, -rr + vowel | Rand → Ranna, Põld → Põllu   |
//! | l, r, n, m or a diphthong + -k/-t/-p | -g/-d/-b + vowel  | Hunt → Hundi, Luik → Luige     |
//! | consonant + -el, -er, -en          | -l, -r, -n + vowel  | Peeter → Peetri, Mihkel → Mihkli, Koppel → Kopli |
//!
//! Words that keep their stem (Tamm → Tamme, Saar → Saare, Pärn → Pärna, Kõiv → Kõivu) need
//! no rule. The rest — Vaher → Vahtra, Kallas → Kalda, Tuisk → Tuisu, Org → Oru, Kurg →
//! Kure, and any stem these rules get wrong — is the reviewer's to list under `aliases:`;
//! the "possible leftovers" note after `anonymise` points at words that look like them.
//!
//! On every stem: an optional vowel (Tamm-e, Smith'-i), then a case ending or the plural
//! marker with its own case ending (Tamme-de-le, Saar-te-st), then the clitic -gi/-ki.

/// Estonian case endings after a stem (the case format's list; the plural markers -de and
/// -te come with their own endings, below).
const ENDINGS: &str = "sid|sse|id|st|lt|le|ks|ni|na|ta|ga|i|e|a|u|d|t|s|l";
/// Case endings after the plural marker: Tammede-le, Saarte-st, Kaskede-ga.
const PLURAL_CASES: &str = "sse|st|s|le|lt|l|ks|ni|na|ta|ga";
const VOWELS: &str = "aeiouõäöüy";
/// What may join the words of a name: spaces (a line break too), or a hyphen with or
/// without spaces around it (Tamme-Kask, Tamme - Kask, Politsei- ja Piirivalveamet).
const JOINT: &str = r"(?:\s*[-‐‑–]\s*|\s+)";

/// What follows a stem before its endings.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Then {
    /// An optional vowel (Tamm, Tamm-e).
    AnyVowel,
    /// A vowel (Lep-a, Mäg-e).
    Vowel,
    /// Nothing: the stem ends in its vowel (Kase, Mäe).
    Endings,
}

fn is_vowel(c: char) -> bool {
    VOWELS.contains(c)
}

/// The stems of one word (lower case), by the rules above.
fn stems(word: &str) -> Vec<(String, Then)> {
    let w: Vec<char> = word.to_lowercase().chars().collect();
    let n = w.len();
    let text = |chars: &[char]| chars.iter().collect::<String>();
    let mut stems = vec![(text(&w), Then::AnyVowel)];
    if n > 2 && is_vowel(w[n - 1]) {
        stems.push((text(&w[..n - 1]), Then::Vowel));
    }
    if n < 4 || !w.iter().all(|c| c.is_alphabetic()) {
        return stems;
    }
    let (a, b, c) = (w[n - 3], w[n - 2], w[n - 1]);
    let head = |cut: usize| w[..n - cut].to_vec();
    let with = |cut: usize, tail: &str| {
        let mut s = head(cut);
        s.extend(tail.chars());
        text(&s)
    };
    match (b, c) {
        ('s', 'k') => stems.push((with(1, "e"), Then::Endings)),
        ('e', 's') if w[n - 4..] == ['m', 'e', 'e', 's'] => {
            stems.push((with(3, "ehe"), Then::Endings));
        }
        ('g', 'i') if is_vowel(a) => stems.push((with(2, "e"), Then::Endings)),
        ('p', 'p') | ('t', 't') | ('k', 'k') => stems.push((text(&head(1)), Then::Vowel)),
        ('n', 'e') => stems.push((with(2, "s"), Then::AnyVowel)),
        ('n' | 'l' | 'r', 'd') => stems.push((with(1, &b.to_string()), Then::Vowel)),
        (_, 'k' | 't' | 'p')
            if matches!(b, 'l' | 'r' | 'n' | 'm') || (is_vowel(a) && is_vowel(b) && a != b) =>
        {
            let weak = match c {
                'k' => "g",
                't' => "d",
                _ => "b",
            };
            stems.push((with(1, weak), Then::Vowel));
        }
        ('e', 'l' | 'r' | 'n') if n >= 5 && !is_vowel(a) => {
            let mut short = head(2);
            short.push(c);
            stems.push((text(&short), Then::Vowel));
            // Koppel → Kopli: the doubled stop before the cut degrades too.
            let m = short.len();
            if m >= 3 && short[m - 2] == short[m - 3] && matches!(short[m - 2], 'p' | 't' | 'k') {
                short.remove(m - 2);
                stems.push((text(&short), Then::Vowel));
            }
        }
        _ => {}
    }
    stems
}

/// One word of a name, with its stems and endings when it ends in a letter.
fn word_pattern(word: &str) -> String {
    if !word.chars().last().is_some_and(char::is_alphabetic) {
        return regex::escape(word);
    }
    let stems: Vec<String> = stems(word)
        .into_iter()
        .map(|(stem, then)| {
            let stem = regex::escape(&stem);
            match then {
                Then::AnyVowel => format!("{stem}(?:['’]?[aeiu])?"),
                Then::Vowel => format!("{stem}[aeiu]"),
                Then::Endings => stem,
            }
        })
        .collect();
    format!(
        "(?:{})(?:(?:de|te)(?:{PLURAL_CASES})?|{ENDINGS})?(?:gi|ki)?",
        stems.join("|")
    )
}

/// A term's pattern: its words in order, joined by spaces or hyphens, each with its
/// Estonian endings. A word boundary is asked for only at an end that is a word character:
/// `Tamm & Co.` or `(teadmata)` must match where a `\b` never could.
pub fn term_pattern(term: &str) -> Option<String> {
    let words: Vec<&str> = term
        .split(|c: char| c.is_whitespace() || matches!(c, '-' | '‐' | '‑' | '–'))
        .filter(|w| !w.is_empty())
        .collect();
    let first_char = words.first()?.chars().next()?;
    let final_char = words.last()?.chars().last()?;
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    let pattern: Vec<String> = words.iter().map(|w| word_pattern(w)).collect();
    let start = if is_word(first_char) { r"\b" } else { "" };
    let end = if is_word(final_char) { r"\b" } else { "" };
    Some(format!("{start}(?:{}){end}", pattern.join(JOINT)))
}

/// A capitalised word joined to a name by a hyphen, before or after it: the whole
/// compound goes (Tamm-Lepik, Lepik-Tammele), a part that is no name of the case too.
pub const COMPOUND_BEFORE: &str = r"(?:\b(?-i:\p{Lu})[\p{L}\p{M}]*[-‐‑])?";
pub const COMPOUND_AFTER: &str = r"(?:[-‐‑](?-i:\p{Lu})[\p{L}\p{M}]*)?";

/// The words of a person's label that looks like a personal name ("Mari Tamm",
/// "Anne-Ly Tamme-Kask": two or more words, each capitalised with lower-case letters after),
/// to remove each on its own: records name people by their surname or first name alone.
/// A label that reads as a description ("Ema elukaaslane", "Laps A") gives none, and
/// neither does a word of `common` (the roles' own words: "Ema" is no name).
pub fn name_words(label: &str, common: &[String]) -> Vec<String> {
    let words: Vec<&str> = label.split_whitespace().collect();
    let parts: Vec<&str> = words
        .iter()
        .flat_map(|w| w.split(['-', '‐', '‑']))
        .collect();
    let name_like = |part: &&str| {
        let mut chars = part.chars();
        chars.next().is_some_and(char::is_uppercase)
            && part.chars().count() >= 2
            && part.chars().any(char::is_lowercase)
            && part
                .chars()
                .all(|c| c.is_alphabetic() || c == '\'' || c == '’')
    };
    if words.len() < 2 || !parts.iter().all(name_like) {
        return Vec::new();
    }
    parts
        .into_iter()
        .filter(|p| !common.contains(&p.to_lowercase()))
        .map(str::to_owned)
        .collect()
}

/// The beginnings a word that comes from `name` would share with it: its first four
/// letters and those of its graded stems (Kask: `kask`, `kase`), in lower case; a
/// three-letter name is its own beginning.
pub fn stem_prefixes(name: &str) -> Vec<String> {
    let n = name.chars().count();
    if n < 3 || !name.chars().all(char::is_alphabetic) {
        return Vec::new();
    }
    let mut prefixes: Vec<String> = stems(name)
        .into_iter()
        .map(|(stem, _)| stem)
        .chain([name.to_lowercase()])
        .filter(|stem| stem.chars().count() >= 4 || (n == 3 && stem.chars().count() == 3))
        .map(|stem| stem.chars().take(4).collect())
        .collect();
    prefixes.sort();
    prefixes.dedup();
    prefixes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stems_of(word: &str) -> Vec<String> {
        stems(word).into_iter().map(|(s, _)| s).collect()
    }

    #[test]
    fn gradation_gives_the_usual_stems() {
        assert!(stems_of("Kask").contains(&"kase".to_owned()));
        assert!(stems_of("Kuusk").contains(&"kuuse".to_owned()));
        assert!(stems_of("Mägi").contains(&"mäe".to_owned()));
        assert!(stems_of("Lepp").contains(&"lep".to_owned()));
        assert!(stems_of("Rebane").contains(&"rebas".to_owned()));
        assert!(stems_of("Rand").contains(&"rann".to_owned()));
        assert!(stems_of("Hunt").contains(&"hund".to_owned()));
        assert!(stems_of("Luik").contains(&"luig".to_owned()));
        assert!(stems_of("Peeter").contains(&"peetr".to_owned()));
        assert!(stems_of("Koppel").contains(&"kopl".to_owned()));
        assert!(stems_of("Kalamees").contains(&"kalamehe".to_owned()));
        assert_eq!(stems_of("Saar"), ["saar"]);
        assert_eq!(stems_of("Kask").len(), 2, "no -su stem: `kasu` is a word");
    }

    #[test]
    fn name_shaped_labels_give_their_words() {
        let common = vec!["ema".to_owned()];
        assert_eq!(name_words("Mari Tamm", &common), ["Mari", "Tamm"]);
        assert_eq!(
            name_words("Anne-Ly Tamme-Kask", &common),
            ["Anne", "Ly", "Tamme", "Kask"]
        );
        assert!(name_words("Ema elukaaslane", &common).is_empty());
        assert!(name_words("Laps A", &common).is_empty());
        assert!(name_words("Kadrikene", &common).is_empty());
        assert_eq!(name_words("Ema Mari", &common), ["Mari"]);
    }

    #[test]
    fn prefixes_of_a_name() {
        assert_eq!(stem_prefixes("Kask"), ["kase", "kask"]);
        assert_eq!(stem_prefixes("Ott"), ["ott"]);
        assert!(stem_prefixes("Al").is_empty());
        assert_eq!(stem_prefixes("Mägi"), ["mägi"]);
    }
}
