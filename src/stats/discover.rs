//! Which folders are reviews: every folder under the given ones that holds a `case.yaml`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::StatsError;
use crate::files::io_reason;

/// The review folders under `dirs`, each once, sorted. A hidden folder (`.git`, a temporary
/// `.casereview-…` copy still being written) is not entered, nor a link to a folder (a link
/// back up would never end).
pub fn review_folders(dirs: &[PathBuf]) -> Result<Vec<PathBuf>, StatsError> {
    let mut found = BTreeSet::new();
    for dir in dirs {
        if !dir.is_dir() {
            return Err(StatsError(format!(
                "{} is not a folder (give folders that hold reviews)",
                dir.display()
            )));
        }
        walk(dir, &mut found)?;
    }
    // One folder named twice (`a a/..`) is one review.
    let mut seen = BTreeSet::new();
    Ok(found
        .into_iter()
        .filter(|folder| seen.insert(folder.canonicalize().unwrap_or_else(|_| folder.clone())))
        .collect())
}

fn walk(dir: &Path, found: &mut BTreeSet<PathBuf>) -> Result<(), StatsError> {
    if dir.join("case.yaml").is_file() {
        found.insert(dir.to_path_buf());
    }
    let entries = std::fs::read_dir(dir).map_err(|e| {
        StatsError(format!(
            "cannot read the folder {}: {}",
            dir.display(),
            io_reason(&e)
        ))
    })?;
    for entry in entries {
        let entry = entry.map_err(|e| {
            StatsError(format!(
                "cannot read the folder {}: {}",
                dir.display(),
                io_reason(&e)
            ))
        })?;
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        let is_folder = entry.file_type().is_ok_and(|t| t.is_dir());
        if is_folder && !hidden {
            walk(&entry.path(), found)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_folder_with_a_case_is_found_once_and_hidden_ones_are_not_entered() {
        let root = tempfile::tempdir().unwrap();
        for folder in ["a", "b/c", "b/c/chronology", ".hidden/d", "e"] {
            std::fs::create_dir_all(root.path().join(folder)).unwrap();
        }
        for case in ["a", "b/c", ".hidden/d"] {
            std::fs::write(root.path().join(case).join("case.yaml"), "").unwrap();
        }
        let b = root.path().join("b");
        let found = review_folders(&[root.path().to_path_buf(), b.clone()]).unwrap();
        assert_eq!(found, vec![root.path().join("a"), b.join("c")]);
        assert!(review_folders(&[root.path().join("missing")]).is_err());
    }
}
