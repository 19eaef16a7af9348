//! A case folder as committed at a git revision, read with the `git` program into memory:
//! nothing is checked out, no work tree or index is touched. (The `git` program rather
//! than a git library: the machine has it, and a library would cost a long cold build.)

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use super::read::MAX_FILE_BYTES;
use super::source::{MemoryFile, MemoryFiles};

/// Why a revision could not be read: a usage or I/O error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GitError(pub String);

impl std::fmt::Display for GitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for GitError {}

/// The files of the folder holding `case_file`, as committed at `revision` in the
/// repository that holds that folder, under the same paths as on disk (so the loader
/// reads them where it would read the folder's own files).
pub fn case_at_revision(case_file: &Path, revision: &str) -> Result<MemoryFiles, GitError> {
    let folder = match case_file.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let top = git(&folder, &["rev-parse", "--show-toplevel"]).map_err(|_| {
        GitError(format!(
            "{} is not inside a git repository (needed for `git:{revision}`)",
            folder.display()
        ))
    })?;
    let top = PathBuf::from(String::from_utf8_lossy(&top).trim_end_matches('\n'));
    let prefix = git(&folder, &["rev-parse", "--show-prefix"])?;
    let prefix = String::from_utf8_lossy(&prefix)
        .trim_end_matches('\n')
        .to_owned();
    let commit = git(
        &top,
        &[
            "rev-parse",
            "--verify",
            "--quiet",
            "--end-of-options",
            &format!("{revision}^{{commit}}"),
        ],
    )
    .map_err(|_| {
        GitError(format!(
            "unknown revision `{revision}` in {}",
            top.display()
        ))
    })?;
    let commit = String::from_utf8_lossy(&commit).trim().to_owned();

    let mut listing = vec!["ls-tree", "-r", "-l", "-z", "--full-tree", &commit];
    if !prefix.is_empty() {
        listing.extend(["--", &prefix]);
    }
    let listing = git(&top, &listing)?;
    let blobs = blobs(&listing, &prefix);
    let file_name = case_file
        .file_name()
        .map_or("case.yaml".into(), |n| n.to_string_lossy().into_owned());
    if !blobs.iter().any(|b| b.path == Path::new(&file_name)) {
        return Err(GitError(format!(
            "revision `{revision}` has no {}",
            Path::new(&prefix).join(&file_name).display()
        )));
    }
    let mut files = MemoryFiles::default();
    let (small, large): (Vec<&Blob>, Vec<&Blob>) =
        blobs.iter().partition(|b| b.size <= MAX_FILE_BYTES);
    for blob in large {
        files.insert(folder.join(&blob.path), MemoryFile::TooLarge(blob.size));
    }
    for (blob, bytes) in small.iter().zip(cat_files(&top, &small)?) {
        files.insert(folder.join(&blob.path), MemoryFile::Bytes(bytes));
    }
    Ok(files)
}

/// One regular file of the listing, its path relative to the case folder.
struct Blob {
    object: String,
    size: u64,
    path: PathBuf,
}

/// The regular files of `ls-tree -r -l -z` output (links and submodules are no case
/// files: a link would lead where the revision cannot say).
fn blobs(listing: &[u8], prefix: &str) -> Vec<Blob> {
    listing
        .split(|b| *b == 0)
        .filter_map(|entry| {
            let entry = std::str::from_utf8(entry).ok()?;
            let (meta, path) = entry.split_once('\t')?;
            let mut parts = meta.split_whitespace();
            let (mode, kind, object, size) =
                (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
            if kind != "blob" || !mode.starts_with("100") {
                return None;
            }
            Some(Blob {
                object: object.to_owned(),
                size: size.parse().ok()?,
                path: PathBuf::from(path.strip_prefix(prefix)?),
            })
        })
        .collect()
}

/// The blobs' contents, in order, from one `git cat-file --batch`.
fn cat_files(top: &Path, blobs: &[&Blob]) -> Result<Vec<Vec<u8>>, GitError> {
    let mut child = Command::new("git")
        .arg("-C")
        .arg(top)
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(not_runnable)?;
    let mut stdin = child.stdin.take().expect("piped");
    let objects: String = blobs.iter().map(|b| format!("{}\n", b.object)).collect();
    // Written on a thread: git answers while it reads, and a full pipe would stall both.
    let writer = std::thread::spawn(move || stdin.write_all(objects.as_bytes()));
    let mut out = BufReader::new(child.stdout.take().expect("piped"));
    let failed = |what: &str| GitError(format!("git cat-file failed: {what}"));
    let mut contents = Vec::with_capacity(blobs.len());
    for _ in blobs {
        let mut header = String::new();
        out.read_line(&mut header)
            .map_err(|e| failed(&e.to_string()))?;
        let size: usize = header
            .split_whitespace()
            .nth(2)
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| failed(header.trim()))?;
        let mut bytes = vec![0; size + 1];
        out.read_exact(&mut bytes)
            .map_err(|e| failed(&e.to_string()))?;
        bytes.pop();
        contents.push(bytes);
    }
    let _ = writer.join();
    let _ = child.wait();
    Ok(contents)
}

/// Runs `git -C dir ARGS` and returns its standard output, or its error's first line.
fn git(dir: &Path, args: &[&str]) -> Result<Vec<u8>, GitError> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(not_runnable)?;
    if output.status.success() {
        Ok(output.stdout)
    } else {
        let stderr = String::from_utf8_lossy(&output.stderr);
        Err(GitError(format!(
            "git {}: {}",
            args.first().unwrap_or(&""),
            stderr.lines().next().unwrap_or("failed")
        )))
    }
}

fn not_runnable(e: std::io::Error) -> GitError {
    GitError(format!("cannot run git: {}", super::read::io_reason(&e)))
}
