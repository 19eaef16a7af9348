//! Where a case's files are read from: the file system, or a set of files held in memory
//! (a case folder as committed at a git revision, see [`super::git`]). The loader asks
//! only these questions, so a case loads the same way from either.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use super::read::{ReadFailure, read_text};

/// The file system as the loader sees it.
pub trait FileSource: Sync {
    /// A file's text (UTF-8, at most [`super::MAX_FILE_BYTES`]).
    fn read_text(&self, path: &Path) -> Result<String, ReadFailure>;
    /// The path with links and `.`/`..` resolved, when it exists.
    fn canonical(&self, path: &Path) -> Option<PathBuf>;
    /// Whether `path` is a folder.
    fn is_dir(&self, path: &Path) -> bool;
    /// The files directly inside `folder`, by full path (none when it is no folder).
    fn files_in(&self, folder: &Path) -> Vec<PathBuf>;
}

/// The files on disk.
pub struct Disk;

impl FileSource for Disk {
    fn read_text(&self, path: &Path) -> Result<String, ReadFailure> {
        read_text(path)
    }

    fn canonical(&self, path: &Path) -> Option<PathBuf> {
        path.canonicalize().ok()
    }

    fn is_dir(&self, path: &Path) -> bool {
        path.is_dir()
    }

    fn files_in(&self, folder: &Path) -> Vec<PathBuf> {
        std::fs::read_dir(folder)
            .map(|entries| entries.filter_map(Result::ok).map(|e| e.path()).collect())
            .unwrap_or_default()
    }
}

/// One file held in memory.
#[derive(Debug, Clone)]
pub enum MemoryFile {
    Bytes(Vec<u8>),
    /// Larger than any case file may be: its size, never its bytes.
    TooLarge(u64),
}

/// Files held in memory under a root that stands where the case folder stands on disk;
/// paths compare after `.` and `..` are resolved by their text. Nothing is a link.
#[derive(Debug, Clone, Default)]
pub struct MemoryFiles {
    files: BTreeMap<PathBuf, MemoryFile>,
}

impl MemoryFiles {
    pub fn insert(&mut self, path: PathBuf, file: MemoryFile) {
        self.files.insert(normalise(&path), file);
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

impl FileSource for MemoryFiles {
    fn read_text(&self, path: &Path) -> Result<String, ReadFailure> {
        let path = normalise(path);
        match self.files.get(&path) {
            Some(MemoryFile::Bytes(bytes)) => super::read::utf8(bytes.clone()),
            Some(MemoryFile::TooLarge(size)) => Err(ReadFailure::TooLarge(*size)),
            None if self.is_dir(&path) => Err(ReadFailure::NotRegular("a folder")),
            None => Err(ReadFailure::Io(std::io::ErrorKind::NotFound.into())),
        }
    }

    fn canonical(&self, path: &Path) -> Option<PathBuf> {
        let path = normalise(path);
        (self.files.contains_key(&path) || self.is_dir(&path)).then_some(path)
    }

    fn is_dir(&self, path: &Path) -> bool {
        let path = normalise(path);
        self.files
            .keys()
            .any(|p| p != &path && p.starts_with(&path))
    }

    fn files_in(&self, folder: &Path) -> Vec<PathBuf> {
        let folder = normalise(folder);
        self.files
            .keys()
            .filter(|p| p.parent() == Some(folder.as_path()))
            .cloned()
            .collect()
    }
}

/// `path` with `.` dropped and `..` taken back by its text (a path that climbs above its
/// start keeps its `..`).
fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir
                if matches!(out.components().next_back(), Some(Component::Normal(_))) =>
            {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_files_answer_as_a_folder_would() {
        let mut files = MemoryFiles::default();
        files.insert("case/case.yaml".into(), MemoryFile::Bytes(b"a: 1".to_vec()));
        files.insert(
            "case/chronology/school.yaml".into(),
            MemoryFile::Bytes(b"b".to_vec()),
        );
        files.insert("case/big.yaml".into(), MemoryFile::TooLarge(1 << 30));
        assert_eq!(
            files.read_text(Path::new("case/./case.yaml")).unwrap(),
            "a: 1"
        );
        assert!(files.is_dir(Path::new("case/chronology")));
        assert_eq!(
            files.canonical(Path::new("case/chronology/../case.yaml")),
            Some(PathBuf::from("case/case.yaml"))
        );
        assert_eq!(
            files.files_in(Path::new("case/chronology")),
            vec![PathBuf::from("case/chronology/school.yaml")]
        );
        assert!(matches!(
            files.read_text(Path::new("case/big.yaml")),
            Err(ReadFailure::TooLarge(_))
        ));
        assert!(matches!(
            files.read_text(Path::new("case/none.yaml")),
            Err(ReadFailure::Io(_))
        ));
    }
}
