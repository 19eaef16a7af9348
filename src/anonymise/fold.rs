//! What the scrubber matches against: a twin of a text in NFC, without the characters a
//! reader cannot see, each of its bytes tied to the stretch of the original it came from.
//! A match in the twin replaces that stretch of the original, and everything between
//! matches is copied from the original byte for byte: a text with no name in it comes out
//! exactly as typed, decomposed letters, soft hyphens and all.

use regex::{Captures, Regex};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::canonical_combining_class;

/// Characters with no width that can sit inside a word without a reader seeing them: the
/// soft hyphen, zero-width spaces and joiners, the word joiner and invisible operators,
/// the byte-order mark, direction marks and embeddings, variation selectors, the combining
/// grapheme joiner and the Mongolian vowel separator.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{AD}'
            | '\u{34F}'
            | '\u{61C}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206F}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
    )
}

/// A text as matched, and for each of its bytes the original's byte range it stands for.
pub struct Folded {
    pub text: String,
    origin: Vec<(usize, usize)>,
}

/// The twin of `text`: invisible characters dropped (but one between a lower-case and an
/// upper-case letter, `Mari\u{200B}Tamm`, reads as the space it stands for), NFC, and with
/// `underscore_as_space`, `_` read as a space (`Kadri_Tamm.pdf`).
pub fn fold(text: &str, underscore_as_space: bool) -> Folded {
    // The visible characters, each with its place in the original.
    let mut kept: Vec<(usize, usize, char)> = Vec::with_capacity(text.len());
    for (at, c) in text.char_indices() {
        let end = at + c.len_utf8();
        if is_invisible(c) {
            let before = kept.last().map(|k| k.2);
            let after = text[end..].chars().find(|c| !is_invisible(*c));
            if before.is_some_and(char::is_lowercase) && after.is_some_and(char::is_uppercase) {
                kept.push((at, end, ' '));
            }
            continue;
        }
        let c = if c == '_' && underscore_as_space {
            ' '
        } else {
            c
        };
        kept.push((at, end, c));
    }
    // NFC, a starter and the marks that follow it at a time: every character of the twin
    // stands for the whole of its cluster in the original.
    let mut folded = Folded {
        text: String::with_capacity(text.len()),
        origin: Vec::with_capacity(text.len()),
    };
    let mut i = 0;
    while i < kept.len() {
        let mut j = i + 1;
        while j < kept.len() && canonical_combining_class(kept[j].2) != 0 {
            j += 1;
        }
        let range = (kept[i].0, kept[j - 1].1);
        let before = folded.text.len();
        if j == i + 1 && kept[i].2.is_ascii() {
            folded.text.push(kept[i].2);
        } else {
            folded.text.extend(
                kept[i..j]
                    .iter()
                    .map(|k| k.2)
                    .collect::<Vec<_>>()
                    .into_iter()
                    .nfc(),
            );
        }
        folded
            .origin
            .extend(std::iter::repeat_n(range, folded.text.len() - before));
        i = j;
    }
    folded
}

impl Folded {
    /// `original` (the text this was folded from) with each match of `regex` in the twin
    /// replaced: the original's bytes from the start of the first character matched to
    /// the end of the last give way to what `replacement` says.
    pub fn replace(
        &self,
        original: &str,
        regex: &Regex,
        mut replacement: impl FnMut(&Captures) -> String,
    ) -> String {
        let mut out = String::with_capacity(original.len());
        let mut at = 0;
        for caps in regex.captures_iter(&self.text) {
            let whole = caps.get(0).expect("group 0 is the match");
            if whole.is_empty() {
                continue;
            }
            let start = self.origin[whole.start()].0.max(at);
            let end = self.origin[whole.end() - 1].1.max(start);
            out.push_str(&original[at..start]);
            out.push_str(&replacement(&caps));
            at = end;
        }
        out.push_str(&original[at..]);
        out
    }
}

/// `regex` replaced in `text`, matched on its twin (`_` read as a space).
pub fn replace_folded(
    text: &str,
    regex: &Regex,
    replacement: impl FnMut(&Captures) -> String,
) -> String {
    fold(text, true).replace(text, regex, replacement)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_twin_is_nfc_without_invisible_characters() {
        assert_eq!(fold("Ta\u{AD}mm", false).text, "Tamm");
        assert_eq!(fold("Ko\u{303}iv", false).text, "Kõiv");
        assert_eq!(fold("Mari\u{200B}Tamm", false).text, "Mari Tamm");
        assert_eq!(fold("KASE\u{200B}LE", false).text, "KASELE");
        assert_eq!(fold("Kadri_Tamm", true).text, "Kadri Tamm");
        assert_eq!(fold("Kadri_Tamm", false).text, "Kadri_Tamm");
    }

    #[test]
    fn only_what_matched_changes() {
        let regex = Regex::new("(?i)tamme").unwrap();
        let text = "so\u{303}nul Ta\u{AD}mme\u{A0}ja klassi\u{AD}juhataja, kõ\u{301}";
        assert_eq!(
            fold(text, false).replace(text, &regex, |_| "Ema".into()),
            "so\u{303}nul Ema\u{A0}ja klassi\u{AD}juhataja, kõ\u{301}"
        );
        // A match that ends inside a cluster takes the whole cluster.
        let regex = Regex::new("õ").unwrap();
        assert_eq!(
            fold("o\u{303}\u{20D0}x", false).replace("o\u{303}\u{20D0}x", &regex, |_| "_".into()),
            "_x"
        );
    }
}
