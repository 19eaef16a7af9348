//! Interrupted writes leave nothing: SIGTERM or SIGINT while `report`, `chronology --format
//! xlsx` or `anonymise` holds a temporary file or folder removes it, and the command exits
//! with 128 + the signal's number. A debug build holds each temporary path before its
//! rename for as long as `CASEREVIEW_TEST_HOLD_TEMP_MS` says, so the signal lands while it
//! exists; without that the window is a few milliseconds.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::*;

/// The tool's temporary files and folders in `folder`.
fn leftovers(folder: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(folder)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter(|e| e.file_name().to_string_lossy().starts_with(".casereview-"))
                .map(|e| e.path())
                .collect()
        })
        .unwrap_or_default()
}

/// Starts the command, waits until a temporary path shows in `watch`, sends `signal`
/// (`TERM`, `INT`) and returns the exit code; panics on a hang.
fn interrupt(args: &[&str], watch: &Path, signal: &str) -> Option<i32> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_casereview"))
        .args(args)
        .env("CASEREVIEW_TEST_HOLD_TEMP_MS", "60000")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the binary runs");
    let started = Instant::now();
    while leftovers(watch).is_empty() {
        if let Some(status) = child.try_wait().unwrap() {
            panic!("{args:?} ended before writing: {status:?}");
        }
        if started.elapsed() > TIMEOUT {
            let _ = child.kill();
            panic!("{args:?} wrote no temporary file in {TIMEOUT:?}");
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let sent = Command::new("kill")
        .args(["-s", signal, &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(sent.success());
    let stopped = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status.code();
        }
        if stopped.elapsed() > Duration::from_secs(20) {
            let _ = child.kill();
            panic!("{args:?} did not stop on SIG{signal}");
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

fn mets() -> String {
    repo()
        .join("examples/mets-2024")
        .to_string_lossy()
        .into_owned()
}

#[test]
fn an_interrupted_report_leaves_no_temporary_file() {
    let out = tempfile::tempdir().unwrap();
    let pdf = out.path().join("report.pdf");
    let code = interrupt(
        &["report", &mets(), "-o", pdf.to_str().unwrap()],
        out.path(),
        "TERM",
    );
    assert_eq!(leftovers(out.path()), Vec::<PathBuf>::new());
    assert_eq!(code, Some(143));
    assert!(!pdf.exists());
}

#[test]
fn an_interrupted_xlsx_chronology_leaves_no_temporary_file() {
    let out = tempfile::tempdir().unwrap();
    let xlsx = out.path().join("chronology.xlsx");
    let code = interrupt(
        &[
            "chronology",
            &mets(),
            "--format",
            "xlsx",
            "-o",
            xlsx.to_str().unwrap(),
        ],
        out.path(),
        "INT",
    );
    assert_eq!(leftovers(out.path()), Vec::<PathBuf>::new());
    assert_eq!(code, Some(130));
    assert!(!xlsx.exists());
}

#[test]
fn an_interrupted_anonymise_leaves_no_staged_copy_and_no_temporary_map() {
    let out = tempfile::tempdir().unwrap();
    let secret = tempfile::tempdir().unwrap();
    let copy = out.path().join("copy");
    let map = secret.path().join("map.yaml");
    let code = interrupt(
        &[
            "anonymise",
            &mets(),
            "-o",
            copy.to_str().unwrap(),
            "--map",
            map.to_str().unwrap(),
        ],
        out.path(),
        "TERM",
    );
    assert_eq!(leftovers(out.path()), Vec::<PathBuf>::new());
    assert_eq!(leftovers(secret.path()), Vec::<PathBuf>::new());
    assert_eq!(code, Some(143));
    assert!(!copy.exists());
}
