//! The text of every file a case was loaded from, kept for snippets, with the places of
//! free-text values so that no snippet ever shows one.

use std::ops::Range;

use crate::model::{FileId, Span};

#[derive(Clone, Debug, Default)]
pub struct SourceFile {
    /// The path as shown to the user: relative to the case folder.
    pub path: String,
    pub text: String,
    /// Byte ranges of free-text values (they may hold personal data).
    pub free_text: Vec<Range<usize>>,
    line_starts: Vec<usize>,
}

impl SourceFile {
    pub fn new(path: impl Into<String>, text: String) -> Self {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        SourceFile {
            path: path.into(),
            text,
            free_text: Vec::new(),
            line_starts,
        }
    }

    /// The byte range of 1-based line `line`, without its line break.
    pub fn line_range(&self, line: u32) -> Option<Range<usize>> {
        let start = *self.line_starts.get(line.checked_sub(1)? as usize)?;
        let end = self
            .line_starts
            .get(line as usize)
            .map_or(self.text.len(), |next| next - 1);
        let end = if self.text[start..end].ends_with('\r') {
            end - 1
        } else {
            end
        };
        Some(start..end)
    }

    /// The byte offset of a 1-based line and a 0-based character column.
    pub fn offset(&self, line: u32, char_column: usize) -> usize {
        let Some(range) = self.line_range(line) else {
            return self.text.len();
        };
        let line_text = &self.text[range.clone()];
        range.start
            + line_text
                .char_indices()
                .nth(char_column)
                .map_or(line_text.len(), |(i, _)| i)
    }

    /// The 1-based line and column of a byte offset.
    pub fn position(&self, offset: usize) -> (u32, u32) {
        let line_index = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let line_start = self.line_starts[line_index];
        let column = self.text[line_start..offset.min(self.text.len())]
            .chars()
            .count();
        (line_index as u32 + 1, column as u32 + 1)
    }

    /// A span for a byte range of this file.
    pub fn span(&self, file: FileId, bytes: Range<usize>) -> Span {
        let (line, column) = self.position(bytes.start);
        Span {
            file,
            bytes,
            line,
            column,
        }
    }
}

/// All files of one case, indexed by [`FileId`].
#[derive(Clone, Debug, Default)]
pub struct Sources {
    files: Vec<SourceFile>,
}

impl Sources {
    pub fn add(&mut self, file: SourceFile) -> FileId {
        self.files.push(file);
        FileId(self.files.len() as u32 - 1)
    }

    /// The id the next file added will get.
    pub fn next_id(&self) -> FileId {
        FileId(self.files.len() as u32)
    }

    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    pub fn get_mut(&mut self, id: FileId) -> &mut SourceFile {
        &mut self.files[id.0 as usize]
    }

    pub fn path(&self, id: FileId) -> &str {
        &self.get(id).path
    }

    pub fn iter(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files
            .iter()
            .enumerate()
            .map(|(i, f)| (FileId(i as u32), f))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters_not_bytes() {
        let file = SourceFile::new("x.yaml", "a: 1\nõde: ära\r\nlast".to_owned());
        assert_eq!(file.line_range(2), Some(5..15));
        let offset = file.offset(2, 5);
        assert_eq!(&file.text[offset..offset + 4], "ära");
        assert_eq!(file.position(offset), (2, 6));
        assert_eq!(file.line_range(3).map(|r| &file.text[r]), Some("last"));
        assert_eq!(file.line_range(4), None);
    }
}
