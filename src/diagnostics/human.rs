//! The rustc-style printer: header, location, the source line with a caret, help.

use std::fmt::Write;
use std::ops::Range;

use super::{Diagnostic, Sources};

/// What stands in a snippet for a free-text value.
const MASK: &str = "…";

/// Renders diagnostics one after another, each followed by a blank line.
pub fn render_human(diagnostics: &[Diagnostic], sources: &Sources) -> String {
    let mut out = String::new();
    for diagnostic in diagnostics {
        render_one(&mut out, diagnostic, sources);
        out.push('\n');
    }
    out
}

fn render_one(out: &mut String, d: &Diagnostic, sources: &Sources) {
    let _ = writeln!(
        out,
        "{}[{}]: {}",
        d.severity().as_str(),
        d.code.as_str(),
        d.message
    );
    let gutter = d
        .span
        .as_ref()
        .map_or(1, |span| span.line.to_string().len());
    let pad = " ".repeat(gutter);
    let snippet = d.span.as_ref().and_then(|span| {
        let file = sources.get(span.file);
        let _ = writeln!(out, "{pad}--> {}:{}:{}", file.path, span.line, span.column);
        let line = file.line_range(span.line)?;
        Some((span, file, line))
    });
    if let Some((span, file, line)) = snippet {
        let masks = masks_on_line(&file.free_text, &line);
        let shown = masked_line(&file.text, &line, &masks);
        let caret_start = span.bytes.start.clamp(line.start, line.end);
        let caret_end = span.bytes.end.clamp(caret_start, line.end);
        let column = masked_column(&file.text, &line, &masks, caret_start);
        let width = if masks.iter().any(|m| m.contains(&caret_start)) {
            1
        } else {
            file.text[caret_start..caret_end].chars().count().max(1)
        };
        let (shown, column) = window(&shown, column);
        let _ = writeln!(out, "{pad} |");
        let _ = writeln!(out, "{} | {}", span.line, shown);
        let label = d
            .label
            .as_deref()
            .map(|l| format!(" {l}"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "{pad} | {}{}{}",
            " ".repeat(column),
            "^".repeat(width),
            label
        );
    }
    if let Some(help) = &d.help {
        let _ = writeln!(out, "{pad} = help: {help}");
    }
}

/// The widest snippet line shown; a longer one is cut around the caret.
const MAX_SHOWN: usize = 100;

/// A long line cut to a window around `column`, with the caret's new column.
fn window(shown: &str, column: usize) -> (String, usize) {
    let length = shown.chars().count();
    if length <= MAX_SHOWN {
        return (shown.to_owned(), column);
    }
    let start = column.saturating_sub(MAX_SHOWN / 2).min(length - MAX_SHOWN);
    let mut cut: String = shown.chars().skip(start).take(MAX_SHOWN).collect();
    let mut column = column - start;
    if start > 0 {
        cut.insert_str(0, MASK);
        column += 1;
    }
    if start + MAX_SHOWN < length {
        cut.push_str(MASK);
    }
    (cut, column)
}

/// The parts of free-text values that lie on a line, in order.
fn masks_on_line(free_text: &[Range<usize>], line: &Range<usize>) -> Vec<Range<usize>> {
    let mut masks: Vec<Range<usize>> = free_text
        .iter()
        .filter(|r| r.start < line.end && r.end > line.start)
        .map(|r| r.start.max(line.start)..r.end.min(line.end))
        .filter(|r| !r.is_empty())
        .collect();
    masks.sort_by_key(|r| r.start);
    masks
}

fn masked_line(text: &str, line: &Range<usize>, masks: &[Range<usize>]) -> String {
    let mut shown = String::new();
    let mut at = line.start;
    for mask in masks {
        if mask.start < at {
            continue;
        }
        shown.push_str(&text[at..mask.start]);
        shown.push_str(MASK);
        at = mask.end;
    }
    shown.push_str(&text[at..line.end]);
    shown
}

/// The column (in characters) at which byte `offset` appears in the masked line.
fn masked_column(text: &str, line: &Range<usize>, masks: &[Range<usize>], offset: usize) -> usize {
    let mut column = 0;
    let mut at = line.start;
    for mask in masks {
        if mask.start >= offset || mask.start < at {
            break;
        }
        column += text[at..mask.start].chars().count() + 1;
        at = mask.end;
        if offset < mask.end {
            return column - 1;
        }
    }
    column + text[at..offset.max(at)].chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_line_is_cut_around_the_caret() {
        let line = "x".repeat(300);
        let (shown, column) = window(&line, 250);
        assert_eq!(shown.chars().count(), MAX_SHOWN + 1);
        assert!(shown.starts_with(MASK));
        assert_eq!(column, 251 - (300 - MAX_SHOWN));
        assert_eq!(window("short", 2), ("short".to_owned(), 2));
    }
    use crate::diagnostics::{Code, SourceFile};
    use crate::model::FileId;

    fn sources(text: &str, free_text: Vec<Range<usize>>) -> Sources {
        let mut file = SourceFile::new("case.yaml", text.to_owned());
        file.free_text = free_text;
        let mut sources = Sources::default();
        sources.add(file);
        sources
    }

    #[test]
    fn a_snippet_masks_free_text_and_keeps_the_caret_on_the_value() {
        let text = "people:\n  - { label: \"Mari Tamm\", role: mothr }\n";
        let label = text.find("\"Mari").unwrap();
        let sources = sources(text, std::iter::once(label..label + 11).collect());
        let role = text.find("mothr").unwrap();
        let span = sources.get(FileId(0)).span(FileId(0), role..role + 5);
        let diagnostic = Diagnostic::new(Code::InvalidValue, "unknown role `mothr`")
            .at(&span)
            .label("not a role")
            .help("did you mean `mother`?");
        let shown = render_human(&[diagnostic], &sources);
        assert!(!shown.contains("Mari"), "{shown}");
        assert_eq!(
            shown,
            "error[E0106]: unknown role `mothr`\n --> case.yaml:2:33\n  |\n2 |   - { label: …, role: mothr }\n  |                       ^^^^^ not a role\n  = help: did you mean `mother`?\n\n"
        );
    }
}
