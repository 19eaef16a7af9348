//! Hostile and broken input: each gives a clear error and exit 1 (2 for I/O), quickly,
//! never a panic or an abort. The time limit only turns a hang into a failure.

mod common;

use std::path::Path;
use std::time::Instant;

use common::*;

fn case_with(text: &[u8]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("case.yaml"), text).unwrap();
    dir
}

/// Runs `check` and returns its output, asserting the exit code and that it took < 5 s.
fn check_fails(dir: &Path, expected_code: i32, expected_text: &str) -> String {
    let started = Instant::now();
    let run = run(&["check", dir.to_str().unwrap()]);
    let took = started.elapsed();
    assert_eq!(
        run.code, expected_code,
        "stdout: {}\nstderr: {}",
        run.stdout, run.stderr
    );
    let all = run.stdout + &run.stderr;
    assert!(
        all.contains(expected_text),
        "expected `{expected_text}` in:\n{all}"
    );
    assert!(!all.contains("panicked"), "{all}");
    // Not a benchmark: a generous bound that catches a quadratic blow-up or a hang.
    assert!(took.as_secs() < 5, "took {took:?}");
    all
}

#[test]
fn billion_laughs() {
    let mut text = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
    for pair in names.windows(2) {
        let refs = vec![format!("*{}", pair[0]); 9].join(",");
        text.push_str(&format!("{}: &{} [{refs}]\n", pair[1], pair[1]));
    }
    let dir = case_with(text.as_bytes());
    check_fails(dir.path(), 1, "E0108");
}

#[test]
fn deep_flow_nesting() {
    let text = format!("a: {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
    let dir = case_with(text.as_bytes());
    check_fails(dir.path(), 1, "nesting deeper than 128 levels");
}

#[test]
fn deep_flow_mapping() {
    let text = format!("a: {}1{}\n", "{a: ".repeat(100_000), "}".repeat(100_000));
    let dir = case_with(text.as_bytes());
    check_fails(dir.path(), 1, "nesting deeper than 128 levels");
}

#[test]
fn deep_block_nesting() {
    let text = format!("{}x\n", "- ".repeat(100_000));
    let dir = case_with(text.as_bytes());
    check_fails(dir.path(), 1, "indentation deeper than 256 columns");
}

#[test]
fn a_fifty_megabyte_file() {
    let mut text = b"format: casereview/1\n# ".to_vec();
    text.resize(50 * 1024 * 1024, b'x');
    let dir = case_with(&text);
    check_fails(dir.path(), 1, "at most 16 MiB");
}

#[test]
fn a_fifty_megabyte_chronology_file() {
    let dir = copy_case(&repo().join("tests/fixtures/base"));
    let mut text = b"format: casereview/1\n# ".to_vec();
    text.resize(50 * 1024 * 1024, b'x');
    std::fs::write(dir.path().join("chronology/school.yaml"), text).unwrap();
    check_fails(dir.path(), 1, "at most 16 MiB");
}

#[test]
fn duplicate_keys() {
    let dir = case_with(b"format: casereview/1\nformat: casereview/1\n");
    let out = check_fails(dir.path(), 1, "duplicated key");
    assert!(out.contains("case.yaml:2:1"), "{out}");
}

#[test]
fn a_missing_chronology_file() {
    let dir = copy_case(&repo().join("tests/fixtures/base"));
    std::fs::remove_file(dir.path().join("chronology/school.yaml")).unwrap();
    let out = check_fails(
        dir.path(),
        1,
        "chronology file `chronology/school.yaml` does not exist",
    );
    assert!(out.contains("case.yaml:31:5"), "{out}");
}

#[test]
fn a_non_utf8_file() {
    let dir = case_with(b"format: casereview/1\ncase:\n  title: \"P\xe4rnu\"\n");
    let out = check_fails(dir.path(), 1, "not UTF-8");
    assert!(out.contains("case.yaml:3:12"), "{out}");
}

#[test]
fn an_empty_file() {
    let dir = case_with(b"");
    check_fails(dir.path(), 1, "the file is empty");
}

#[test]
fn a_missing_case_is_an_io_error() {
    let dir = tempfile::tempdir().unwrap();
    check_fails(dir.path(), 2, "cannot read");
}

#[test]
fn a_chronology_symlink_leading_out_is_refused() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(
        outside.path().join("elsewhere.yaml"),
        "format: casereview/1\nevents: []\n",
    )
    .unwrap();
    let dir = copy_case(&repo().join("tests/fixtures/base"));
    std::fs::remove_file(dir.path().join("chronology/school.yaml")).unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("elsewhere.yaml"),
        dir.path().join("chronology/school.yaml"),
    )
    .unwrap();
    check_fails(dir.path(), 1, "leads out of the case folder");
}

#[test]
fn an_absolute_chronology_path_is_refused() {
    let dir = copy_case(&repo().join("tests/fixtures/base"));
    edit(
        dir.path(),
        "case.yaml",
        "  - chronology/school.yaml",
        "  - /etc/passwd",
    );
    check_fails(dir.path(), 1, "is absolute");
}

#[test]
fn a_chronology_listed_twice_is_refused() {
    let dir = copy_case(&repo().join("tests/fixtures/base"));
    edit(
        dir.path(),
        "case.yaml",
        "  - chronology/school.yaml",
        "  - chronology/school.yaml\n  - ./chronology/school.yaml",
    );
    check_fails(dir.path(), 1, "listed twice");
}

#[test]
fn a_yaml_document_that_is_not_a_mapping() {
    let dir = case_with(b"- just\n- a list\n");
    check_fails(dir.path(), 1, "must be a mapping");
}

#[test]
fn a_fifo_listed_as_a_chronology_is_refused_where_it_is_listed() {
    let dir = copy_case(&repo().join("tests/fixtures/base"));
    let school = dir.path().join("chronology/school.yaml");
    std::fs::remove_file(&school).unwrap();
    if !make_fifo(&school) {
        return;
    }
    // Nothing ever writes to the pipe: opening it to read would wait forever.
    let run = run_briefly(&["check", dir.path().to_str().unwrap()]);
    let all = run.stdout + &run.stderr;
    assert_eq!(run.code, 1, "{all}");
    assert!(
        all.contains(
            "chronology file `chronology/school.yaml` is a named pipe (FIFO), not a regular file"
        ),
        "{all}"
    );
    assert!(all.contains("case.yaml:31:5"), "{all}");
}

#[test]
fn a_fifo_given_as_the_case_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let case = dir.path().join("case.yaml");
    if !make_fifo(&case) {
        return;
    }
    for given in [dir.path(), case.as_path()] {
        let run = run_briefly(&["check", given.to_str().unwrap()]);
        assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
        assert!(
            run.stderr
                .contains("case.yaml: it is a named pipe (FIFO), not a regular file"),
            "{}",
            run.stderr
        );
    }
}

/// A threshold beyond the format's bounds is an error at its place, never a panic in a rule.
#[test]
fn a_huge_threshold_is_an_error_not_a_panic() {
    for rule in ["G002", "G005", "G009", "G010", "G015"] {
        let dir = copy_case(&repo().join("examples/mets-2024"));
        let case = dir.path().join("case.yaml");
        let text = std::fs::read_to_string(&case).unwrap();
        assert!(
            !text.contains("\nsettings:"),
            "the example has no settings of its own"
        );
        let text = format!("{text}\nsettings:\n  rules:\n    {rule}: {{ days: 100000000 }}\n");
        std::fs::write(&case, text).unwrap();
        let run = run(&["check", dir.path().to_str().unwrap()]);
        assert_eq!(run.code, 1, "{rule}: {}{}", run.stdout, run.stderr);
        assert!(
            run.stdout.contains("a whole number from 0 to 36600"),
            "{rule}: {}",
            run.stdout
        );
        assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    }
    // The same through a --methodology rules.yaml.
    let dir = tempfile::tempdir().unwrap();
    let rules = std::fs::read_to_string(repo().join("methodology/rules.yaml")).unwrap();
    std::fs::write(
        dir.path().join("rules.yaml"),
        rules.replacen("days: 10", "days: 100000000", 1),
    )
    .unwrap();
    let run = run(&[
        "check",
        repo().join("examples/mets-2024").to_str().unwrap(),
        "--methodology",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("more than 36600"), "{}", run.stderr);
}
