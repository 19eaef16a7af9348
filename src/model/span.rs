//! Where a value was written: every value of the model keeps its place in the source, so a
//! diagnostic raised at any stage can point at it.

use std::fmt;
use std::ops::{Deref, Range};

/// Index of a source file among the files of one loaded case (`case.yaml` is 0).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct FileId(pub u32);

/// A place in a source file: its byte range, and the 1-based line and column (in characters)
/// of its first character, as diagnostics print them.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Span {
    pub file: FileId,
    pub bytes: Range<usize>,
    pub line: u32,
    pub column: u32,
}

/// A value with the place it was written.
#[derive(Clone, Debug)]
pub struct Spanned<T> {
    pub value: T,
    pub span: Span,
}

impl<T> Spanned<T> {
    pub fn new(value: T, span: Span) -> Self {
        Spanned { value, span }
    }

    /// A value the tool makes rather than reads (an imported row, a generated case, the
    /// view's neutral notifier): it stands at no place of any file.
    pub fn unplaced(value: T) -> Self {
        Spanned::new(value, Span::default())
    }
}

impl<T> Deref for Spanned<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

impl<T: PartialEq> PartialEq for Spanned<T> {
    /// Two values are equal whatever their place.
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

impl<T: fmt::Display> fmt::Display for Spanned<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.value.fmt(f)
    }
}

/// The id of a person, agency, event, episode, finding or recommendation:
/// `[a-z0-9][a-z0-9_-]*`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Id(pub String);

impl Id {
    /// Whether `text` is a well-formed id.
    pub fn is_valid(text: &str) -> bool {
        let mut bytes = text.bytes();
        matches!(bytes.next(), Some(b'a'..=b'z' | b'0'..=b'9'))
            && bytes.all(|b| matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'_' | b'-'))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::borrow::Borrow<str> for Id {
    fn borrow(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::Id;

    #[test]
    fn id_syntax() {
        for good in ["e001", "kov-a", "fam_dr", "0"] {
            assert!(Id::is_valid(good), "{good}");
        }
        for bad in ["", "-a", "_a", "E001", "kov a", "kov.a", "õ"] {
            assert!(!Id::is_valid(bad), "{bad}");
        }
    }
}
