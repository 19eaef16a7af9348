//! Writing an output whole or not at all, never over an input.

use std::path::{Path, PathBuf};

use super::io_reason;
use super::temp::{TempDir, TempFile};

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

/// Writes `files` (name, bytes) as the folder `target`, whole or not at all: staged in a
/// temporary folder beside it (removed on an interrupt), then renamed into place. An
/// existing folder is replaced only when it is empty or holds nothing but files of those
/// names (an earlier run's output); the old folder is moved aside first and removed once
/// the new one is in place, so a failure leaves one or the other, never a mixture.
pub fn write_folder_atomically(
    target: &Path,
    files: &[(String, Vec<u8>)],
) -> Result<(), WriteError> {
    let fail = |what: &str, path: &Path, e: std::io::Error| {
        WriteError(format!(
            "cannot {what} {}: {}",
            path.display(),
            io_reason(&e)
        ))
    };
    let replaced = match std::fs::symlink_metadata(target) {
        Err(_) => false,
        Ok(metadata) if !metadata.is_dir() => {
            return Err(WriteError(format!(
                "{} exists and is not a folder",
                target.display()
            )));
        }
        Ok(_) => {
            let entries = std::fs::read_dir(target).map_err(|e| fail("read", target, e))?;
            for entry in entries {
                let entry = entry.map_err(|e| fail("read", target, e))?;
                let name = entry.file_name();
                let ours = files.iter().any(|(n, _)| std::ffi::OsStr::new(n) == name);
                if !ours || !entry.file_type().is_ok_and(|t| t.is_file()) {
                    return Err(WriteError(format!(
                        "{} already holds {}, which this command does not write: give an empty or new folder",
                        target.display(),
                        name.to_string_lossy()
                    )));
                }
            }
            true
        }
    };
    let absolute_target = absolute(target);
    let parent = absolute_target
        .parent()
        .ok_or_else(|| WriteError(format!("{} has no parent folder", target.display())))?;
    std::fs::create_dir_all(parent).map_err(|e| fail("create", parent, e))?;
    let staging = TempDir::new_in(parent, "out").map_err(|e| fail("write in", parent, e))?;
    for (name, bytes) in files {
        staging
            .write(Path::new(name), bytes)
            .map_err(|e| fail("write", &target.join(name), e))?;
    }
    if !replaced {
        return staging
            .persist(&absolute_target)
            .map_err(|e| fail("write", target, e));
    }
    // The old folder goes into an empty temporary one's place (a rename over an empty
    // folder), so it too is removed on an interrupt.
    let aside = TempDir::new_in(parent, "old").map_err(|e| fail("write in", parent, e))?;
    std::fs::rename(&absolute_target, aside.path()).map_err(|e| fail("replace", target, e))?;
    if let Err(e) = staging.persist(&absolute_target) {
        let _ = std::fs::rename(aside.path(), &absolute_target);
        return Err(fail("write", target, e));
    }
    drop(aside);
    Ok(())
}
