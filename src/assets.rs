//! A folder of text files embedded in the binary, whose files a user's folder may override
//! one by one (`--methodology DIR`, `--template DIR`). The tool reads the files itself;
//! nothing a case controls ever names a path here.

use std::collections::BTreeMap;
use std::path::Path;

use include_dir::Dir;

use crate::files::{self, ReadFailure};

/// The files in force: embedded ones, each possibly replaced by a user's file.
#[derive(Clone, Debug)]
pub struct Overlay {
    files: BTreeMap<String, String>,
    /// What an override folder held that was not used, and why (for the user to see).
    warnings: Vec<String>,
}

impl Overlay {
    pub fn embedded(dir: &Dir<'static>) -> Self {
        let mut files = BTreeMap::new();
        collect_embedded(dir, &mut files);
        Overlay {
            files,
            warnings: Vec::new(),
        }
    }

    /// Lays the files of `dir` (recursively, by relative path) over the embedded ones.
    /// Only regular files that replace an embedded file are used: a link could lead
    /// anywhere and a FIFO would block, and a file of a name the tool never reads would
    /// silently change nothing (a typo in its name, most often). Each skipped file is a
    /// warning naming it; `what` ("methodology", "template") says whose files they are.
    pub fn override_from(&mut self, dir: &Path, what: &str) -> Result<(), String> {
        let fail = |path: &Path, e: std::io::Error| {
            format!("cannot read {}: {}", path.display(), files::io_reason(&e))
        };
        let mut stack = vec![dir.to_path_buf()];
        while let Some(folder) = stack.pop() {
            let mut entries = std::fs::read_dir(&folder)
                .map_err(|e| fail(&folder, e))?
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| fail(&folder, e))?;
            // Warnings come in a stable order.
            entries.sort_by_key(|entry| entry.file_name());
            for entry in entries {
                let path = entry.path();
                // The entry's own type: a link is not followed.
                let file_type = entry.file_type().map_err(|e| fail(&path, e))?;
                if file_type.is_dir() {
                    stack.push(path);
                    continue;
                }
                if !file_type.is_file() {
                    self.skip_not_regular(&path, files::kind_of(file_type));
                    continue;
                }
                let relative = path
                    .strip_prefix(dir)
                    .expect("below dir")
                    .to_string_lossy()
                    .replace('\\', "/");
                if !self.files.contains_key(&relative) {
                    let hint = self
                        .closest(&relative)
                        .map_or(String::new(), |known| format!(": did you mean `{known}`?"));
                    self.warnings.push(format!(
                        "{} replaces no {what} file and is ignored{hint}",
                        path.display()
                    ));
                    continue;
                }
                match files::read_text(&path) {
                    Ok(text) => {
                        self.files.insert(relative, text);
                    }
                    // Swapped for a FIFO since the look at its type: skipped all the same.
                    Err(ReadFailure::NotRegular(kind)) => self.skip_not_regular(&path, kind),
                    Err(failure) => {
                        return Err(format!(
                            "cannot read {}: {}",
                            path.display(),
                            failure.reason()
                        ));
                    }
                }
            }
        }
        Ok(())
    }

    fn skip_not_regular(&mut self, path: &Path, kind: &str) {
        self.warnings.push(format!(
            "{} is {kind}, not a regular file: skipped",
            path.display()
        ));
    }

    /// The embedded file whose path is closest to `relative`, for a "did you mean" hint.
    fn closest(&self, relative: &str) -> Option<&str> {
        self.files
            .keys()
            .map(|known| (strsim::jaro_winkler(relative, known), known.as_str()))
            .filter(|(score, _)| *score > 0.85)
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, known)| known)
    }

    /// What the override folder held that is not in force, one sentence each.
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// A file's text by its path inside the folder.
    pub fn file(&self, path: &str) -> Option<&str> {
        self.files.get(path).map(String::as_str)
    }

    /// Every file path, sorted.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.files.keys().map(String::as_str)
    }
}

fn collect_embedded(dir: &Dir<'static>, files: &mut BTreeMap<String, String>) {
    for file in dir.files() {
        if let Some(text) = file.contents_utf8() {
            files.insert(
                file.path().to_string_lossy().replace('\\', "/"),
                text.to_owned(),
            );
        }
    }
    for sub in dir.dirs() {
        collect_embedded(sub, files);
    }
}
