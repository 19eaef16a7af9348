//! Bounds on a YAML text before any parser reads it. libyaml-style parsers (serde_yaml)
//! spend quadratic time on deep flow nesting (100,000 levels: 40 s), and a deep tree
//! overflows saphyr's stack; a cheap scan refuses both first. Case files, methodology
//! and template files all pass through here.

use serde::de::DeserializeOwned;

use super::MAX_FILE_BYTES;

/// Deeper flow nesting (`[`, `{`) is refused.
pub const MAX_FLOW_DEPTH: usize = 128;

/// How far a block structure may be indented, counting each leading `- `, `? ` or `: `
/// indicator as two columns (`- - - x` nests as deeply as indentation does).
pub const MAX_BLOCK_COLUMN: usize = 256;

/// Where a text nests too deeply, and how.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TooDeep {
    pub line: u32,
    /// 1-based, in characters.
    pub column: u32,
    pub message: String,
}

/// The first place the text nests deeper than the caps, if any. It only bounds the
/// parser's work; the parser still judges the syntax.
pub fn too_deep(text: &str) -> Option<TooDeep> {
    if let Some((line, column)) = too_deep_flow(text) {
        return Some(TooDeep {
            line,
            column,
            message: format!("nesting deeper than {MAX_FLOW_DEPTH} levels"),
        });
    }
    too_deep_block(text).map(|line| TooDeep {
        line,
        column: 1,
        message: format!(
            "indentation deeper than {MAX_BLOCK_COLUMN} columns: nesting this deep is refused"
        ),
    })
}

/// Deserialises a YAML text with serde_yaml under the caps a case file has: its size and
/// its nesting. The message names no file: the caller does.
pub fn from_yaml<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    if text.len() as u64 > MAX_FILE_BYTES {
        return Err(format!(
            "the file is {:.1} MiB; a file may be at most 16 MiB",
            text.len() as f64 / (1024.0 * 1024.0)
        ));
    }
    if let Some(deep) = too_deep(text) {
        return Err(format!(
            "{} at line {} column {}",
            deep.message, deep.line, deep.column
        ));
    }
    serde_yaml::from_str(text).map_err(|e| e.to_string())
}

/// The first line whose block nesting runs deeper than the cap.
fn too_deep_block(text: &str) -> Option<u32> {
    for (index, line) in text.lines().enumerate() {
        let mut rest = line.trim_start_matches(' ');
        let mut column = line.len() - rest.len();
        while let Some(after) = rest
            .strip_prefix("- ")
            .or_else(|| rest.strip_prefix("? "))
            .or_else(|| rest.strip_prefix(": "))
        {
            let trimmed = after.trim_start_matches(' ');
            column += rest.len() - trimmed.len();
            rest = trimmed;
            if column > MAX_BLOCK_COLUMN {
                break;
            }
        }
        if column > MAX_BLOCK_COLUMN {
            return Some(index as u32 + 1);
        }
    }
    None
}

/// The position of the first flow bracket nested deeper than the cap, found by a scan
/// that skips quoted strings and comments. Every byte it looks for is ASCII, so it scans
/// bytes (a multi-byte character's bytes are all above 0x7f): every command runs it on
/// each YAML file it parses, the methodology's included.
fn too_deep_flow(text: &str) -> Option<(u32, u32)> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut line = 1u32;
    let mut line_start = 0usize;
    let mut quote: Option<u8> = None;
    let mut previous = b'\n';
    let mut in_comment = false;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\n' {
            line += 1;
            line_start = i + 1;
            in_comment = false;
            previous = b;
            continue;
        }
        if in_comment {
            continue;
        }
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None => match b {
                b'"' | b'\'' => quote = Some(b),
                b'#' if matches!(previous, b' ' | b'\t' | b'\r' | b'\n') => in_comment = true,
                b'[' | b'{' => {
                    depth += 1;
                    if depth > MAX_FLOW_DEPTH {
                        let column = text[line_start..=i].chars().count() as u32;
                        return Some((line, column));
                    }
                }
                b']' | b'}' => depth = depth.saturating_sub(1),
                _ => {}
            },
        }
        previous = b;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_flow_is_found_at_its_bracket_and_quotes_do_not_count() {
        let text = format!("a:\n  {}", "[".repeat(200));
        let deep = too_deep(&text).unwrap();
        assert_eq!((deep.line, deep.column), (2, 3 + MAX_FLOW_DEPTH as u32));
        // Columns count characters, not bytes.
        let text = format!("ä: ö {}", "{".repeat(200));
        assert_eq!(too_deep(&text).unwrap().column, 6 + MAX_FLOW_DEPTH as u32);
        assert!(too_deep(&format!("a: '{}'\n", "{".repeat(300))).is_none());
    }

    #[test]
    fn serde_yaml_is_reached_only_under_the_caps() {
        let deep = format!("a: {}1{}", "{a: ".repeat(100_000), "}".repeat(100_000));
        let started = std::time::Instant::now();
        let error = from_yaml::<serde_yaml::Value>(&deep).unwrap_err();
        assert!(error.contains("deeper than 128"), "{error}");
        assert!(started.elapsed().as_secs() < 2);
        let big = format!("# {}\n", "x".repeat(MAX_FILE_BYTES as usize));
        assert!(
            from_yaml::<serde_yaml::Value>(&big)
                .unwrap_err()
                .contains("16 MiB")
        );
        let value: std::collections::BTreeMap<String, u32> = from_yaml("a: 1\n").unwrap();
        assert_eq!(value["a"], 1);
    }
}
