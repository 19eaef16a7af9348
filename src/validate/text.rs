//! Control characters in free text (C0 but tab and line feed, DEL, C1): no font shows them,
//! the report leaves them out, and a record's text seldom means one — most are debris of a
//! copy from another system. YAML lets them in only as escapes in a double-quoted scalar
//! (`"\a"`, `"\x07"`, `"\u0085"`, `"\r"`), so the warning is found where it was written:
//! in the source text of every free-text value the loader registered, which points at the
//! escape itself and misses no field, whatever fields the model has.

use crate::diagnostics::{Code, Diagnostic, Sources};

/// One warning per free-text value holding control characters, at the first of them.
pub fn control_characters(sources: &Sources) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (id, file) in sources.iter() {
        let mut values = file.free_text.clone();
        // An alias's value is registered at its anchor: once is enough.
        values.sort_by_key(|r| (r.start, r.end));
        values.dedup();
        for range in values {
            let Some(written) = file.text.get(range.clone()) else {
                continue;
            };
            let found = controls(written);
            let Some(&(offset, length, first)) = found.first() else {
                continue;
            };
            let more = match found.len() - 1 {
                0 => String::new(),
                1 => " and 1 more".to_owned(),
                n => format!(" and {n} more"),
            };
            let start = range.start + offset;
            out.push(
                Diagnostic::new(
                    Code::ControlCharacter,
                    format!(
                        "free text holds a control character (U+{:04X}){more}",
                        u32::from(first)
                    ),
                )
                .at(&file.span(id, start..start + length))
                .label("not shown in the report")
                .help("remove it: write a line break as a line break, and nothing for the rest"),
            );
        }
    }
    out
}

/// A control character a reader cannot see: tab and line feed are text.
fn is_flagged(c: char) -> bool {
    c.is_control() && c != '\t' && c != '\n'
}

/// The control characters of one value as written: (byte offset, written length, char).
fn controls(written: &str) -> Vec<(usize, usize, char)> {
    // An anchor or a tag may stand before the scalar (`&a "…"`, `!!str "…"`).
    let mut body = written;
    while body.starts_with(['&', '!']) {
        body = body
            .find(char::is_whitespace)
            .map_or("", |end| body[end..].trim_start());
    }
    let skipped = written.len() - body.len();
    scalar_controls(body)
        .into_iter()
        .map(|(offset, length, c)| (skipped + offset, length, c))
        .collect()
}

fn scalar_controls(written: &str) -> Vec<(usize, usize, char)> {
    let Some(quoted) = written.strip_prefix('"') else {
        // Plain, single-quoted and block scalars have no escapes; a raw CR is a line break.
        return written
            .char_indices()
            .filter(|&(_, c)| is_flagged(c) && c != '\r')
            .map(|(i, c)| (i, c.len_utf8(), c))
            .collect();
    };
    let mut found = Vec::new();
    let mut chars = quoted.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let at = i + 1;
        match c {
            '"' => break,
            '\\' => {
                let Some((_, e)) = chars.next() else {
                    break;
                };
                let hex = |n: usize, chars: &mut std::iter::Peekable<std::str::CharIndices>| {
                    let digits: String = (0..n)
                        .filter_map(|_| chars.next())
                        .map(|(_, d)| d)
                        .collect();
                    u32::from_str_radix(&digits, 16)
                        .ok()
                        .and_then(char::from_u32)
                };
                let decoded = match e {
                    '0' => Some('\0'),
                    'a' => Some('\u{7}'),
                    'b' => Some('\u{8}'),
                    'v' => Some('\u{B}'),
                    'f' => Some('\u{C}'),
                    'r' => Some('\r'),
                    'e' => Some('\u{1B}'),
                    'N' => Some('\u{85}'),
                    'x' => hex(2, &mut chars),
                    'u' => hex(4, &mut chars),
                    'U' => hex(8, &mut chars),
                    _ => None,
                };
                if let Some(d) = decoded.filter(|&d| is_flagged(d)) {
                    let end = chars.peek().map_or(quoted.len(), |&(j, _)| j);
                    found.push((at, end - i, d));
                }
            }
            c if is_flagged(c) && c != '\r' => found.push((at, c.len_utf8(), c)),
            _ => {}
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::controls;

    #[test]
    fn escapes_that_make_control_characters_are_found_where_written() {
        assert_eq!(controls(r#""a\x07b""#), [(2, 4, '\u{7}')]);
        assert_eq!(controls(r#""\a \r \N \u0085 \U0000001b""#).len(), 5);
        // Tab and line feed are text; an escaped backslash escapes nothing after it.
        assert!(controls(r#""a\tb\nc\\x07 \\a""#).is_empty());
        // A single-quoted or plain scalar has no escapes.
        assert!(controls(r"'a\x07'").is_empty() && controls(r"a \a").is_empty());
        assert_eq!(controls("a\u{7F}b"), [(1, 1, '\u{7F}')]);
        assert_eq!(controls("\"é\\b\""), [(3, 2, '\u{8}')]);
        assert_eq!(controls("&a !!str \"\\a\""), [(10, 2, '\u{7}')]);
    }
}
