//! Temporary files and folders beside an output, which an interrupted command must not
//! leave behind. Each is registered from its creation until it is renamed into place;
//! on SIGINT, SIGTERM or SIGHUP a handler removes whatever is registered, then exits
//! with 128 + the signal's number (130, 143, 129), as a shell reports a killed command.
//!
//! The handler runs on a thread of its own (signal-hook's iterator), not in signal
//! context, so it may lock and touch the file system. It holds the registry's lock from
//! the removal until the process has exited; since paths are created, and files written
//! into a staged folder, under the same lock, nothing new can appear after the removal.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};

/// Every prefix the tool's temporary paths have: what `ls -a` would show if one stayed.
const TEMP_PREFIX: &str = ".casereview-";

static REGISTERED: Mutex<BTreeMap<u64, PathBuf>> = Mutex::new(BTreeMap::new());
static NEXT_ID: AtomicU64 = AtomicU64::new(0);
/// Whether an interrupt (SIGINT, SIGTERM) is the normal way the command ends (`watch`).
static INTERRUPT_ENDS: AtomicBool = AtomicBool::new(false);

/// From now on SIGINT and SIGTERM end the process with exit code 0 (after the same clean-up):
/// for a command that runs until it is stopped, being stopped is success.
pub fn interrupt_ends_cleanly() {
    INTERRUPT_ENDS.store(true, Ordering::SeqCst);
}

fn registry() -> MutexGuard<'static, BTreeMap<u64, PathBuf>> {
    // A panic elsewhere must not stop the clean-up.
    REGISTERED.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Keeps one temporary path registered while it lives.
#[derive(Debug)]
struct Registration(u64);

impl Drop for Registration {
    fn drop(&mut self) {
        registry().remove(&self.0);
    }
}

/// Creates a temporary path with `create` and registers it, both under the lock.
fn create_registered<T>(
    create: impl FnOnce() -> std::io::Result<T>,
    path_of: impl FnOnce(&T) -> PathBuf,
) -> std::io::Result<(T, Registration)> {
    let mut registered = registry();
    let made = create()?;
    let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
    registered.insert(id, path_of(&made));
    Ok((made, Registration(id)))
}

/// A temporary file in the folder of an output, to be renamed over it when complete.
pub struct TempFile {
    // Field order is drop order: the file is removed before it is unregistered.
    file: tempfile::NamedTempFile,
    _registration: Registration,
}

impl TempFile {
    pub fn new_in(folder: &Path) -> std::io::Result<TempFile> {
        let (file, registration) = create_registered(
            || {
                tempfile::Builder::new()
                    .prefix(TEMP_PREFIX)
                    .tempfile_in(folder)
            },
            |file| file.path().to_path_buf(),
        )?;
        Ok(TempFile {
            file,
            _registration: registration,
        })
    }

    /// Writes the whole content and syncs it to disk.
    pub fn write_all(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.file.write_all(bytes)?;
        self.file.as_file().sync_all()
    }

    /// Renames the file over `target` (atomically, in the same folder).
    pub fn persist(self, target: &Path) -> std::io::Result<()> {
        hold_for_tests();
        let TempFile {
            file,
            _registration,
        } = self;
        file.persist(target).map(drop).map_err(|e| e.error)
    }
}

/// A temporary folder beside an output folder, filled file by file, then renamed.
pub struct TempDir {
    dir: tempfile::TempDir,
    _registration: Registration,
}

impl TempDir {
    /// A new empty folder in `parent`, named `.casereview-<what>-…`.
    pub fn new_in(parent: &Path, what: &str) -> std::io::Result<TempDir> {
        let prefix = format!("{TEMP_PREFIX}{what}-");
        let (dir, registration) = create_registered(
            || tempfile::Builder::new().prefix(&prefix).tempdir_in(parent),
            |dir| dir.path().to_path_buf(),
        )?;
        Ok(TempDir {
            dir,
            _registration: registration,
        })
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes one file at `relative` inside the folder, making its folders. Under the
    /// registry's lock: once the handler has removed the folder, this cannot make it anew.
    pub fn write(&self, relative: &Path, bytes: &[u8]) -> std::io::Result<()> {
        let _held = registry();
        let path = self.dir.path().join(relative);
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder)?;
        }
        std::fs::write(path, bytes)
    }

    /// Renames the folder to `target`; on failure the folder is removed.
    pub fn persist(self, target: &Path) -> std::io::Result<()> {
        hold_for_tests();
        let TempDir { dir, _registration } = self;
        let staged = dir.keep();
        std::fs::rename(&staged, target).inspect_err(|_| {
            let _ = std::fs::remove_dir_all(&staged);
        })
    }
}

/// Removes every registered path; the returned guard keeps anything new from being
/// registered (or written into a staged folder) until it is dropped.
fn remove_registered() -> MutexGuard<'static, BTreeMap<u64, PathBuf>> {
    let registered = registry();
    for path in registered.values() {
        match std::fs::symlink_metadata(path) {
            Ok(metadata) if metadata.is_dir() => {
                let _ = std::fs::remove_dir_all(path);
            }
            Ok(_) => {
                let _ = std::fs::remove_file(path);
            }
            Err(_) => {}
        }
    }
    registered
}

/// Installs the handler for SIGINT, SIGTERM and SIGHUP (once, at the start of `main`).
#[cfg(unix)]
pub fn clean_up_on_signal() -> std::io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP])?;
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                let _held = remove_registered();
                let normal_end = INTERRUPT_ENDS.load(Ordering::SeqCst) && signal != SIGHUP;
                std::process::exit(if normal_end { 0 } else { 128 + signal });
            }
        })?;
    Ok(())
}

/// Elsewhere the default handling stays (and temporary files may stay behind).
#[cfg(not(unix))]
pub fn clean_up_on_signal() -> std::io::Result<()> {
    Ok(())
}

/// Tests of the signal handling need a temporary path that lives long enough to be
/// interrupted; a debug build waits here, before the rename, for as many milliseconds as
/// `CASEREVIEW_TEST_HOLD_TEMP_MS` says. A release build never reads the variable.
fn hold_for_tests() {
    #[cfg(debug_assertions)]
    if let Some(ms) = std::env::var("CASEREVIEW_TEST_HOLD_TEMP_MS")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        std::thread::sleep(std::time::Duration::from_millis(ms));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registered_paths_are_removed_and_unregistered_when_done() {
        let parent = tempfile::tempdir().unwrap();
        let mut file = TempFile::new_in(parent.path()).unwrap();
        file.write_all(b"x").unwrap();
        let staged = TempDir::new_in(parent.path(), "copy").unwrap();
        staged.write(Path::new("a/b.yaml"), b"y").unwrap();
        let (file_path, dir_path) = (file.file.path().to_path_buf(), staged.path().to_owned());
        assert!(registry().values().any(|p| *p == file_path));
        drop(remove_registered());
        assert!(!file_path.exists() && !dir_path.exists());
        drop((file, staged));
        assert!(
            !registry()
                .values()
                .any(|p| *p == file_path || *p == dir_path)
        );

        let done = TempFile::new_in(parent.path()).unwrap();
        let done_path = done.file.path().to_path_buf();
        done.persist(&parent.path().join("out")).unwrap();
        assert!(parent.path().join("out").exists());
        assert!(!registry().values().any(|p| *p == done_path));
    }
}
