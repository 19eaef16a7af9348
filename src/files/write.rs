//! Writing an output whole or not at all, never over an input.

use std::path::{Path, PathBuf};

use super::io_reason;
use super::temp::TempFile;

/// Why an output could not be written (the message names the file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WriteError(pub String);

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for WriteError {}

/// Writes `bytes` to `path` whole or not at all: a temporary file in the same folder
/// (removed on an interrupt, see [`super::temp`]), then a rename. Refuses to write over
/// an input of the command.
pub fn write_atomically(path: &Path, bytes: &[u8], inputs: &[PathBuf]) -> Result<(), WriteError> {
    let target = absolute(path);
    for input in inputs {
        if absolute(input) == target {
            return Err(WriteError(format!(
                "refusing to write over the input {}",
                path.display()
            )));
        }
    }
    let folder = target
        .parent()
        .ok_or_else(|| WriteError(format!("{} has no folder", path.display())))?;
    let mut temp = TempFile::new_in(folder).map_err(|e| {
        WriteError(format!(
            "cannot write in {}: {}",
            folder.display(),
            io_reason(&e)
        ))
    })?;
    let fail = |e: std::io::Error| {
        WriteError(format!(
            "cannot write {}: {}",
            path.display(),
            io_reason(&e)
        ))
    };
    temp.write_all(bytes).map_err(fail)?;
    temp.persist(&target).map_err(fail)
}

/// `path` made absolute, its folder resolved through links (the file itself need not
/// exist): two names of one file compare equal.
pub fn absolute(path: &Path) -> PathBuf {
    let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    match (path.parent(), path.file_name()) {
        (Some(parent), Some(name)) => parent.canonicalize().map_or(path.clone(), |p| p.join(name)),
        _ => path,
    }
}
