//! The report's data as Typst receives it: JSON in which every string holds only what the
//! embedded fonts can show. Typst refuses a PDF/A with a character no font has ("could not be
//! displayed with font …"), and real summaries quote children's messages in any script. So
//! the one serialisation of the data replaces, character by character: a control character
//! is dropped (a space where it separated words), an uncovered space becomes a plain space,
//! an uncovered invisible formatting character is dropped, and anything else no font covers
//! becomes a visible placeholder. Done while writing the JSON, so no field can be forgotten.

use std::io;

use serde::Serialize;
use serde_json::ser::{CharEscape, CompactFormatter, Formatter};

use super::fonts::{self, Coverage};

/// `value` as compact JSON, its strings made printable with the embedded fonts.
pub fn to_json<T: Serialize>(value: &T) -> serde_json::Result<Vec<u8>> {
    let mut out = Vec::new();
    let formatter = Printable {
        coverage: fonts::coverage(),
    };
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, formatter);
    value.serialize(&mut serializer)?;
    Ok(out)
}

/// What the report shows of one character.
#[derive(Debug, PartialEq, Eq)]
enum Shown {
    Kept,
    Space,
    Dropped,
    Placeholder,
}

fn shown(c: char, coverage: &Coverage) -> Shown {
    if c == '\n' {
        // A line break the reviewer wrote: the template shows it as one.
        return Shown::Kept;
    }
    if c.is_control() {
        // C0 (tab included), DEL and C1: never glyphs. Those that separate words (tab,
        // vertical tab, form feed, carriage return, NEL) keep the words apart.
        return if c.is_whitespace() {
            Shown::Space
        } else {
            Shown::Dropped
        };
    }
    if is_private_use(c) {
        // PDF/A forbids private-use code points in text, whatever a font maps them to.
        return Shown::Placeholder;
    }
    if coverage.contains(c) && !matches!(c, '\u{FEFF}' | '\u{FFFE}') {
        // (PDF/A forbids those two as well: a byte-order mark and a noncharacter.)
        Shown::Kept
    } else if c.is_whitespace() {
        Shown::Space
    } else if is_default_ignorable(c) {
        // Invisible by definition (zero-width joiners, variation selectors, bidi marks):
        // dropping one the fonts lack changes nothing a reader sees.
        Shown::Dropped
    } else {
        Shown::Placeholder
    }
}

/// Unicode's `Default_Ignorable_Code_Point` property (DerivedCoreProperties.txt): a
/// property of the characters, fixed by Unicode, not of the fonts.
fn is_default_ignorable(c: char) -> bool {
    matches!(u32::from(c),
        0x00AD | 0x034F | 0x061C | 0x115F..=0x1160 | 0x17B4..=0x17B5 | 0x180B..=0x180F
        | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x206F | 0x3164 | 0xFE00..=0xFE0F
        | 0xFEFF | 0xFFA0 | 0xFFF0..=0xFFF8 | 0x1BCA0..=0x1BCA3 | 0x1D173..=0x1D17A
        | 0xE0000..=0xE0FFF)
}

/// Unicode's private-use areas (general category Co), fixed by Unicode.
fn is_private_use(c: char) -> bool {
    matches!(u32::from(c), 0xE000..=0xF8FF | 0xF0000..=0xFFFFD | 0x100000..=0x10FFFD)
}

/// The placeholder for a character no font has: U+FFFD when the fonts have it.
fn placeholder(coverage: &Coverage) -> &'static str {
    if coverage.contains('\u{FFFD}') {
        "\u{FFFD}"
    } else {
        "?"
    }
}

fn printable_with<'t>(text: &'t str, coverage: &Coverage) -> std::borrow::Cow<'t, str> {
    if text.chars().all(|c| shown(c, coverage) == Shown::Kept) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match shown(c, coverage) {
            Shown::Kept => out.push(c),
            Shown::Space => out.push(' '),
            Shown::Dropped => {}
            Shown::Placeholder => out.push_str(placeholder(coverage)),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// serde_json's compact output, with every string fragment made printable.
struct Printable {
    coverage: &'static Coverage,
}

impl Formatter for Printable {
    fn write_string_fragment<W>(&mut self, writer: &mut W, fragment: &str) -> io::Result<()>
    where
        W: ?Sized + io::Write,
    {
        // A fragment never contains `"`, `\` or a C0 control: those come as escapes below.
        writer.write_all(printable_with(fragment, self.coverage).as_bytes())
    }

    fn write_char_escape<W>(&mut self, writer: &mut W, escape: CharEscape) -> io::Result<()>
    where
        W: ?Sized + io::Write,
    {
        match escape {
            CharEscape::Quote
            | CharEscape::ReverseSolidus
            | CharEscape::Solidus
            | CharEscape::LineFeed => CompactFormatter.write_char_escape(writer, escape),
            CharEscape::Tab | CharEscape::CarriageReturn | CharEscape::FormFeed => {
                writer.write_all(b" ")
            }
            CharEscape::Backspace => Ok(()),
            CharEscape::AsciiControl(byte) => match shown(char::from(byte), self.coverage) {
                Shown::Space => writer.write_all(b" "),
                _ => Ok(()),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn printable(text: &str) -> std::borrow::Cow<'_, str> {
        printable_with(text, fonts::coverage())
    }

    #[test]
    fn what_no_font_has_is_replaced_and_the_rest_kept() {
        assert_eq!(printable("Tänan 😀👍🏽 ขอบคุณ"), "Tänan 😀👍🏽 ขอบคุณ");
        assert_eq!(printable("漢字 ＡＢ"), "�� ��");
        assert_eq!(
            printable("a\u{7}b\tc\r\nd\u{7F}e\u{85}f\u{9B}g"),
            "ab c \nde fg"
        );
        // An uncovered space is a space; an uncovered invisible character is nothing.
        assert_eq!(printable("a\u{3000}b\u{E0001}c"), "a bc");
        // What PDF/A forbids in text, even where a font has a glyph for it.
        assert_eq!(printable("\u{E000}\u{FEFF}\u{FFFE}\u{10FFFD}"), "���");
    }

    #[test]
    fn the_json_is_the_same_json_with_printable_strings() {
        let value = serde_json::json!({
            "summary": "\"quoted\" \\ back\nslash \u{1} 漢 😀",
            "漢": ["\t", 3],
        });
        let json = to_json(&value).unwrap();
        let back: serde_json::Value = serde_json::from_slice(&json).unwrap();
        assert_eq!(
            back,
            serde_json::json!({ "summary": "\"quoted\" \\ back\nslash  � 😀", "�": [" ", 3] })
        );
    }
}
