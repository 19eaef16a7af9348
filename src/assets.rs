//! A folder of text files embedded in the binary, whose files a user's folder may override
//! one by one (`--methodology DIR`, `--template DIR`). The tool reads the files itself;
//! nothing a case controls ever names a path here.

use std::collections::BTreeMap;
use std::path::Path;

use include_dir::Dir;

/// The files in force: embedded ones, each possibly replaced by a user's file.
#[derive(Clone, Debug)]
pub struct Overlay {
    files: BTreeMap<String, String>,
}

impl Overlay {
    pub fn embedded(dir: &Dir<'static>) -> Self {
        let mut files = BTreeMap::new();
        collect_embedded(dir, &mut files);
        Overlay { files }
    }

    /// Lays the files of `dir` (recursively, by relative path) over the embedded ones.
    pub fn override_from(&mut self, dir: &Path) -> Result<(), String> {
        let fail = |path: &Path, e: std::io::Error| {
            format!(
                "cannot read {}: {}",
                path.display(),
                crate::files::io_reason(&e)
            )
        };
        let mut stack = vec![dir.to_path_buf()];
        while let Some(folder) = stack.pop() {
            for entry in std::fs::read_dir(&folder).map_err(|e| fail(&folder, e))? {
                let entry = entry.map_err(|e| fail(&folder, e))?;
                let path = entry.path();
                let file_type = entry.file_type().map_err(|e| fail(&path, e))?;
                if file_type.is_dir() {
                    stack.push(path);
                } else if file_type.is_file() {
                    let relative = path
                        .strip_prefix(dir)
                        .expect("below dir")
                        .to_string_lossy()
                        .replace('\\', "/");
                    let text = std::fs::read_to_string(&path).map_err(|e| fail(&path, e))?;
                    self.files.insert(relative, text);
                }
            }
        }
        Ok(())
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
