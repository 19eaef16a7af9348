//! The fonts of the report's Typst world, and the characters they can show. The coverage is
//! read from the fonts' own `cmap` tables, so it can never drift from the fonts embedded.

use std::collections::HashSet;
use std::sync::OnceLock;

/// Monochrome emoji: children's messages quoted in summaries hold them (`assets/fonts/`).
static NOTO_EMOJI: &[u8] = include_bytes!("../../assets/fonts/NotoEmoji-Regular.ttf");
/// Thai: small enough to embed (47 KB), unlike a CJK font.
static NOTO_SANS_THAI: &[u8] = include_bytes!("../../assets/fonts/NotoSansThai-Regular.ttf");

/// Every font the Typst world holds: Typst's bundled ones, then ours.
pub fn all() -> impl Iterator<Item = &'static [u8]> {
    typst_assets::fonts().chain([NOTO_EMOJI, NOTO_SANS_THAI])
}

/// The characters at least one embedded font maps to a real glyph. Typst falls back from
/// the template's fonts to any font of the world, so the union is what can be shown.
pub struct Coverage {
    /// One bit per code point of the Basic Multilingual Plane: looked up for every
    /// character of the report's data, so it must be cheap.
    bmp: Vec<u64>,
    astral: HashSet<u32>,
}

impl Coverage {
    fn of(fonts: impl Iterator<Item = &'static [u8]>) -> Self {
        let mut coverage = Coverage {
            bmp: vec![0; 0x10000 / 64],
            astral: HashSet::new(),
        };
        for data in fonts {
            let faces = ttf_parser::fonts_in_collection(data).unwrap_or(1);
            for index in 0..faces {
                // A file that is not an OpenType font (none today) simply covers nothing.
                let Ok(face) = ttf_parser::Face::parse(data, index) else {
                    continue;
                };
                let Some(cmap) = face.tables().cmap else {
                    continue;
                };
                for subtable in cmap.subtables.into_iter().filter(|s| s.is_unicode()) {
                    subtable.codepoints(|cp| {
                        // Glyph 0 is `.notdef`: a mapping to it shows nothing.
                        if subtable.glyph_index(cp).is_some_and(|g| g.0 != 0) {
                            coverage.insert(cp);
                        }
                    });
                }
            }
        }
        coverage
    }

    fn insert(&mut self, cp: u32) {
        if cp < 0x10000 {
            self.bmp[(cp / 64) as usize] |= 1 << (cp % 64);
        } else {
            self.astral.insert(cp);
        }
    }

    pub fn contains(&self, c: char) -> bool {
        let cp = u32::from(c);
        if cp < 0x10000 {
            self.bmp[(cp / 64) as usize] & (1 << (cp % 64)) != 0
        } else {
            self.astral.contains(&cp)
        }
    }
}

/// The coverage of [`all`], computed once per process (a few milliseconds).
pub fn coverage() -> &'static Coverage {
    static COVERAGE: OnceLock<Coverage> = OnceLock::new();
    COVERAGE.get_or_init(|| Coverage::of(all()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coverage_comes_from_the_fonts() {
        let all = coverage();
        for c in ['a', 'õ', 'Ž', 'я', '€', '�', '😀', '👍', 'ก', '\u{200D}'] {
            assert!(all.contains(c), "{c:?} should be covered");
        }
        for c in ['漢', 'Ａ', '한', '\u{3000}', '\u{7}'] {
            assert!(!all.contains(c), "{c:?} should not be covered");
        }
        // Without the emoji font, no emoji: the answer is the fonts', not a list's.
        let bundled = Coverage::of(typst_assets::fonts());
        assert!(!bundled.contains('😀') && bundled.contains('a'));
    }
}
