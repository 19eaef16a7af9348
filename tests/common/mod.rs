//! Helpers shared by the CLI tests: run the binary with a time limit, make case folders.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::time::Duration;

use assert_cmd::Command;

/// Generous: only there to turn a hang into a failure.
pub const TIMEOUT: Duration = Duration::from_secs(120);

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn casereview() -> Command {
    let mut command = Command::cargo_bin("casereview").expect("the binary is built");
    command.timeout(TIMEOUT);
    command
}

/// What a run printed and how it ended.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub fn run(args: &[&str]) -> Run {
    let output = casereview().args(args).output().expect("the binary runs");
    Run {
        code: output.status.code().expect("exited, not killed"),
        stdout: String::from_utf8(output.stdout).expect("UTF-8 output"),
        stderr: String::from_utf8(output.stderr).expect("UTF-8 output"),
    }
}

/// Copies a folder (recursively) into a fresh temporary folder; returns the copy's guard.
pub fn copy_case(from: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(from, dir.path());
    dir
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Replaces exactly one occurrence of `find` in a file of the case folder.
pub fn edit(dir: &Path, file: &str, find: &str, replace: &str) {
    let path = dir.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        text.matches(find).count(),
        1,
        "`{find}` must occur once in {file}"
    );
    std::fs::write(&path, text.replacen(find, replace, 1)).unwrap();
}

/// The shared reference examples, when the checkout sits beside them.
pub fn shared_examples() -> Option<PathBuf> {
    let path = repo().join("../shared/examples");
    path.is_dir().then_some(path)
}

/// The case folders under `examples/`.
pub fn example_cases() -> Vec<PathBuf> {
    let mut cases: Vec<PathBuf> = std::fs::read_dir(repo().join("examples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("case.yaml").is_file())
        .collect();
    cases.sort();
    cases
}

/// Makes a named pipe at `path` with the system's `mkfifo`; `false` (with a note) where
/// there is none, so the caller can skip.
pub fn make_fifo(path: &Path) -> bool {
    match std::process::Command::new("mkfifo").arg(path).status() {
        Ok(status) if status.success() => true,
        outcome => {
            eprintln!("skipped: mkfifo is not available here ({outcome:?})");
            false
        }
    }
}

/// Runs the binary with a short time limit: a command that blocks (on a FIFO, say) fails
/// the test instead of hanging it.
pub fn run_briefly(args: &[&str]) -> Run {
    let output = casereview()
        .timeout(Duration::from_secs(20))
        .args(args)
        .output()
        .expect("the binary runs");
    Run {
        code: output
            .status
            .code()
            .expect("exited within 20 s, not killed: it blocked"),
        stdout: String::from_utf8(output.stdout).expect("UTF-8 output"),
        stderr: String::from_utf8(output.stderr).expect("UTF-8 output"),
    }
}

/// A PDF's text as a reader sees it: a word the typesetter hyphenated at a line's end joined
/// again (`teavi-` / `tada` → `teavitada`), whitespace folded, so neither a line break nor a
/// hyphenation inside a string hides it from a test (or a name from a leak check).
pub fn pdf_text_of(bytes: &[u8]) -> String {
    let text = pdf_extract::extract_text_from_mem(bytes).expect("text can be extracted");
    let mut joined = String::with_capacity(text.len());
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        let trimmed = line.trim_end();
        let next_starts_lower = lines
            .peek()
            .and_then(|next| next.trim_start().chars().next())
            .is_some_and(char::is_lowercase);
        match trimmed.strip_suffix('-') {
            Some(stem)
                if next_starts_lower
                    && stem
                        .trim_end()
                        .chars()
                        .last()
                        .is_some_and(char::is_alphabetic) =>
            {
                joined.push_str(stem.trim_end());
                if let Some(next) = lines.next() {
                    joined.push_str(next.trim_start());
                }
                joined.push('\n');
            }
            _ => {
                joined.push_str(line);
                joined.push('\n');
            }
        }
    }
    joined.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub fn pdf_text(path: &Path) -> String {
    pdf_text_of(&std::fs::read(path).expect("the PDF was written"))
}

/// `casereview report CASE -o DIR/FILE EXTRA...` into a new temporary folder `DIR`.
pub fn report_into(case: &Path, file: &str, extra: &[&str]) -> (tempfile::TempDir, PathBuf, Run) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join(file);
    let mut args = vec![
        "report",
        case.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    let run = run(&args);
    (dir, out, run)
}

/// Every line of the hostile and Unicode fixtures (the hostile one is the shared example's).
pub fn fixture_strings() -> Vec<String> {
    let mut strings: Vec<String> = Vec::new();
    for file in ["hostile-strings.txt", "unicode-strings.txt"] {
        let text = std::fs::read_to_string(repo().join("tests/fixtures").join(file)).unwrap();
        strings.extend(text.lines().map(str::to_owned));
    }
    assert!(strings.len() > 30);
    strings
}

/// A copy of the base case with one incident per string, the string its summary.
pub fn case_with_summaries(strings: &[String]) -> tempfile::TempDir {
    let dir = copy_case(&repo().join("tests/fixtures/base"));
    let mut events = String::new();
    for (i, s) in strings.iter().enumerate() {
        // A JSON string is a YAML double-quoted one; `<U+0007>` in the fixture becomes the
        // escape `\U00000007`, the way control characters reach a case.
        let summary = yaml_escapes(&serde_json::to_string(s).unwrap());
        events += &format!(
            "  - {{ id: h{i:03}, date: 2024-02-{:02}, agency: kov-a, kind: incident, summary: {summary}, source: \"x\" }}\n",
            i % 27 + 1
        );
    }
    edit(
        dir.path(),
        "case.yaml",
        "events:\n",
        &format!("events:\n{events}"),
    );
    dir
}

/// `<U+XXXX>` as the YAML escape `\UXXXXXXXX`.
fn yaml_escapes(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("<U+") {
        let Some(end) = rest[at..].find('>') else {
            break;
        };
        let hex = &rest[at + 3..at + end];
        out.push_str(&rest[..at]);
        out.push_str(&format!("\\U{:0>8}", hex));
        rest = &rest[at + end + 1..];
    }
    out.push_str(rest);
    out
}

/// Two versions of the reference example in one temporary folder (`old/`, `new/`),
/// differing in one thing of every kind the diff reports:
/// - e030 added, e016 removed, e005's summary changed;
/// - e003 moved from case.yaml into the school's file (no change);
/// - e020's date `2023-06` in old, `2023-06-20` in new (a precision change);
/// - a review of G002:e002 given; agency `fi-police` added;
/// - the police chronology submitted only in new (received);
/// - the confidential notifier's event e026 with another `source` (hidden: no change).
pub fn versions() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = (dir.path().join("old"), dir.path().join("new"));
    copy_dir(&repo().join("examples/mets-2024"), &old);
    copy_dir(&repo().join("examples/mets-2024"), &new);
    edit(
        &old,
        "case.yaml",
        "    date: 2023-06-20\n",
        "    date: 2023-06\n",
    );
    edit(
        &old,
        "chronology/police.yaml",
        "submitted: { by: \"Lõuna prefektuur\", on: 2025-03-05 }\n",
        "",
    );
    edit(&new, "case.yaml", "version: \"0.2\"", "version: \"0.3\"");
    edit(
        &new,
        "case.yaml",
        "  - id: e016\n    date: 2023-02-27\n    agency: kov-a\n    kind: assessment_completed\n    summary: \"Abivajaduse hindamine lõpetati; soovitati vanemlusprogrammi.\"\n    source: \"STAR, juhtum 4411, hindamisakt\"\n",
        "",
    );
    edit(
        &new,
        "case.yaml",
        "Kodukülastus. Kodu korras, külmkapp peaaegu tühi.",
        "Kodukülastus. Külmkapp oli tühi.",
    );
    edit(
        &new,
        "case.yaml",
        "Lasteabi pöördumine 10.01.2024\"\n  - id: e027",
        "Helistaja SALAJANE-ALLIKAS\"\n  - id: e027",
    );
    let e003 = "  - id: e003\n    date: 2022-03-09\n    agency: kov-a\n    kind: contact\n    mode: phone\n    people: [mother]\n    reply_to: e002\n    summary: \"Lastekaitsetöötaja helistas emale kooli teate asjus; ema lubas lapse kooli tuua.\"\n    source: \"STAR, juhtum 4411, kanne 1\"\n";
    edit(&new, "case.yaml", e003, "");
    let school = std::fs::read_to_string(new.join("chronology/school.yaml")).unwrap();
    std::fs::write(new.join("chronology/school.yaml"), school + e003).unwrap();
    edit(
        &new,
        "case.yaml",
        "  - id: e029\n",
        "  - id: e030\n    date: 2024-02-01\n    agency: school\n    kind: concern\n    concerns: [school_absence]\n    summary: \"Laps ei ole koolis käinud.\"\n  - id: e029\n",
    );
    edit(
        &new,
        "case.yaml",
        "  - { id: fi-hus,",
        "  - { id: fi-police, name: \"Poliisi\", kind: police, country: FI }\n  - { id: fi-hus,",
    );
    edit(
        &new,
        "case.yaml",
        "flag_reviews:\n",
        "flag_reviews:\n  - { flag: \"G002:e002\", status: confirmed }\n",
    );
    (dir, old, new)
}
