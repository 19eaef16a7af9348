//! Parsing one YAML file safely (its text already read under the size cap by
//! [`crate::files`]): a nesting cap, then saphyr for a tree with a position on every node.

use saphyr::{LoadableYamlNode, MarkedYaml, ScanError};

use crate::diagnostics::{Code, Diagnostic, SourceFile};
use crate::model::FileId;

pub type Node = MarkedYaml<'static>;

/// Where values may stand in a file that did not parse: after each line's first `: `, or
/// `- `, or `#`. Which of them are free text is unknown, so a snippet masks them all.
pub fn unparsed_values(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut ranges = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let value_at = [": ", "- ", "#"]
            .iter()
            .filter_map(|marker| content.find(marker).map(|i| i + marker.len()))
            .min();
        if let Some(at) = value_at {
            let at = at + content[at..].len() - content[at..].trim_start().len();
            if at < content.len() {
                ranges.push(start + at..start + content.len());
            }
        }
        start += line.len();
    }
    ranges
}

/// Parses a file's text into one document; on failure, the diagnostic says where.
pub fn parse(file: FileId, source: &SourceFile) -> Result<Node, Diagnostic> {
    let text = &source.text;
    let at = |line: u32, column: u32| {
        let offset = source.offset(line, column.saturating_sub(1) as usize);
        source.span(file, offset..offset)
    };
    if text.lines().all(|l| {
        let l = l.trim();
        l.is_empty() || l.starts_with('#') || l == "---" || l == "..."
    }) {
        return Err(Diagnostic::new(Code::UnreadableFile, "the file is empty")
            .help("a case file holds at least `format: casereview/1`"));
    }
    // Depth is capped before parsing: libyaml-style parsers spend quadratic time on deep
    // flow nesting, and a deep tree overflows the stack. Aliases are capped by saphyr's
    // own expansion budget, duplicate keys refused at the key.
    if let Some(deep) = crate::files::too_deep(text) {
        return Err(Diagnostic::new(Code::YamlSyntax, deep.message)
            .at(&at(deep.line, deep.column))
            .label("too deep"));
    }
    let mut documents = MarkedYaml::load_from_str(text).map_err(|e: ScanError| {
        let m = e.marker();
        Diagnostic::new(Code::YamlSyntax, e.info().to_owned())
            .at(&at(m.line() as u32, m.col() as u32 + 1))
    })?;
    match documents.len() {
        1 => Ok(documents.pop().expect("one document")),
        0 => Err(Diagnostic::new(Code::UnreadableFile, "the file is empty")),
        _ => Err(Diagnostic::new(
            Code::YamlSyntax,
            "the file holds more than one YAML document",
        )
        .help("remove the second `---`")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_text(text: &str) -> Result<Node, Diagnostic> {
        parse(FileId(0), &SourceFile::new("t.yaml", text.to_owned()))
    }

    #[test]
    fn values_of_an_unparsed_file_are_found_on_every_line() {
        let text = "a: secret\n- b\nkey:\n# note\n  - { id: x, label: \"Name\" }\n";
        let shown: Vec<&str> = unparsed_values(text)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(shown, ["secret", "b", "note", "{ id: x, label: \"Name\" }"]);
    }

    #[test]
    fn deep_flow_nesting_is_refused_quickly() {
        let text = "a: ".to_owned() + &"{a: ".repeat(100_000) + &"}".repeat(100_000);
        let err = parse_text(&text).unwrap_err();
        assert_eq!(err.code, Code::YamlSyntax);
        assert!(err.message.contains("deeper than 128"));
    }

    #[test]
    fn deep_block_nesting_is_refused_and_shallow_nesting_parses() {
        let deep: String = (0..300).map(|i| format!("{}a:\n", " ".repeat(i))).collect();
        assert!(
            parse_text(&deep)
                .unwrap_err()
                .message
                .contains("indentation deeper than 256")
        );
        let compact = format!("{}x\n", "- ".repeat(200));
        assert!(parse_text(&compact).is_err());
        let shallow: String = (0..100)
            .map(|i| format!("{}a:\n", " ".repeat(i)))
            .collect::<String>()
            + &" ".repeat(100)
            + "b\n";
        assert!(parse_text(&shallow).is_ok());
    }

    #[test]
    fn brackets_in_quoted_text_and_comments_do_not_count() {
        let text = format!("a: \"{}\"\n# {}\nb: 1\n", "[".repeat(300), "{".repeat(300));
        assert!(parse_text(&text).is_ok());
    }

    #[test]
    fn duplicate_keys_are_errors_at_the_key() {
        let err = parse_text("a: 1\nb: 2\na: 3\n").unwrap_err();
        assert_eq!(err.code, Code::YamlSyntax);
        assert_eq!(err.span.map(|s| (s.line, s.column)), Some((3, 1)));
    }

    #[test]
    fn empty_and_comment_only_files_are_empty() {
        for text in ["", "\n\n", "# nothing\n---\n"] {
            assert_eq!(parse_text(text).unwrap_err().message, "the file is empty");
        }
    }
}
