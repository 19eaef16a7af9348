//! The review between meetings, measured as a user meets it (the release binary):
//! - `watch`: from a one-line save of the shared example to the new PDF in place, the
//!   median over repeated edits (target: under 0.3 s);
//! - `diff` of two generated 10,000-event versions, one with a hundred summaries corrected
//!   (target: under 1 s).
//!
//! `cargo bench --bench meetings` prints both and exits 1 when either misses its target.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime};

use casereview::synthetic::{SyntheticSpec, write_case};

#[path = "../tests/common/mod.rs"]
mod common;
use common::copy_dir;

const BINARY: &str = env!("CARGO_BIN_EXE_casereview");
const EDITS: usize = 15;

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

/// When the output was last replaced (a rename gives it a new change time and inode).
fn stamp(path: &Path) -> Option<(SystemTime, u64)> {
    use std::os::unix::fs::MetadataExt;
    let metadata = std::fs::metadata(path).ok()?;
    Some((metadata.modified().ok()?, metadata.ino()))
}

fn wait_for_new(path: &Path, old: Option<(SystemTime, u64)>) -> Instant {
    let started = Instant::now();
    loop {
        let now = stamp(path);
        if now.is_some() && now != old {
            return Instant::now();
        }
        assert!(started.elapsed() < Duration::from_secs(60), "no new output");
        std::thread::sleep(Duration::from_millis(1));
    }
}

fn watch_save_to_pdf() -> Duration {
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let shared = repo.join("../shared/examples/mets-2024");
    let example = if shared.is_dir() {
        shared
    } else {
        repo.join("examples/mets-2024")
    };
    let dir = tempfile::tempdir().unwrap();
    let case = dir.path().join("case");
    copy_dir(&example, &case);
    let out = dir.path().join("meeting.pdf");
    let mut child = Command::new(BINARY)
        .args(["watch", case.to_str().unwrap(), "-o", out.to_str().unwrap()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    wait_for_new(&out, None);
    let file = case.join("case.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    let line = "Kodukülastus. Kodu korras, külmkapp peaaegu tühi.";
    assert!(
        text.contains(line),
        "the example has the line the edits change"
    );
    let mut times = Vec::new();
    for n in 0..EDITS {
        // Let the watcher settle, as between a facilitator's saves.
        std::thread::sleep(Duration::from_millis(300));
        let before = stamp(&out);
        let edited = text.replace(line, &format!("Kodukülastus, parandus {n}."));
        let saved = Instant::now();
        std::fs::write(&file, edited).unwrap();
        times.push(wait_for_new(&out, before) - saved);
    }
    let _ = child.kill();
    let _ = child.wait();
    println!(
        "watch: save → new PDF, {EDITS} one-line edits: median {:.3} s (min {:.3} s, max {:.3} s)",
        median(times.clone()).as_secs_f64(),
        times.iter().min().unwrap().as_secs_f64(),
        times.iter().max().unwrap().as_secs_f64()
    );
    median(times)
}

fn diff_of_generated_versions() -> Duration {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = (dir.path().join("old"), dir.path().join("new"));
    let spec = SyntheticSpec {
        events: 10_000,
        agencies: 60,
        chronology_files: 8,
        seed: 11,
    };
    write_case(&spec, &old).unwrap();
    write_case(&spec, &new).unwrap();
    // A hundred summaries corrected, spread over the files.
    let mut corrected = 0;
    for entry in std::fs::read_dir(new.join("chronology")).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let mut out = String::with_capacity(text.len() + 2_000);
        let mut seen = 0;
        for line in text.lines() {
            // A plain (unquoted) summary with nothing YAML reads in it stays valid with a
            // word put in front.
            let value = line.trim_start().strip_prefix("summary: ");
            let is_summary = value.is_some_and(|v| {
                !v.contains([':', '#', '\'', '"'])
                    && !v.starts_with(['-', '[', '{', '&', '*', '!', '|', '>'])
            });
            seen += usize::from(is_summary);
            if is_summary && corrected < 100 && seen % 10 == 0 {
                out.push_str(&line.replacen("summary: ", "summary: Parandatud ", 1));
                corrected += 1;
            } else {
                out.push_str(line);
            }
            out.push('\n');
        }
        std::fs::write(&path, out).unwrap();
    }
    assert!(corrected > 50, "only {corrected} summaries corrected");
    let mut times = Vec::new();
    for _ in 0..5 {
        let started = Instant::now();
        let output = Command::new(BINARY)
            .args([
                "diff",
                old.to_str().unwrap(),
                new.to_str().unwrap(),
                "--format",
                "json",
            ])
            .output()
            .unwrap();
        times.push(started.elapsed());
        let stderr = String::from_utf8_lossy(&output.stderr);
        if output.status.success() {
            let diff: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
            assert_eq!(
                diff["summary"]["events_changed"], corrected,
                "every correction found"
            );
        }
        assert!(
            output.status.success(),
            "{}",
            stderr.chars().take(2_000).collect::<String>()
        );
    }
    println!(
        "diff: two generated 10,000-event versions ({corrected} summaries corrected): median {:.3} s over {} runs",
        median(times.clone()).as_secs_f64(),
        times.len()
    );
    median(times)
}

fn main() {
    // `cargo bench -- FILTER` passes arguments; `--bench` alone runs everything.
    let wanted: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let runs = |name: &str| wanted.is_empty() || wanted.iter().any(|w| name.contains(w.as_str()));
    let mut missed = false;
    if runs("watch") {
        missed |= watch_save_to_pdf() >= Duration::from_millis(300);
    }
    if runs("diff") {
        missed |= diff_of_generated_versions() >= Duration::from_secs(1);
    }
    if missed {
        println!("a target was missed");
        std::process::exit(1);
    }
}
