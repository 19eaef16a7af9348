//! One fixture per diagnostic code: a clean base case with one edit, the code it must
//! raise, and an insta snapshot of the human output.

mod common;

use std::path::Path;

use common::*;

/// How a fixture breaks the base case.
enum Edit {
    /// Replace text occurring once in a file.
    Replace(&'static str, &'static str, &'static str),
    /// Write a file (relative path, content).
    Write(&'static str, &'static str),
    Remove(&'static str),
}

use Edit::*;

fn fixture(name: &str, code: &str, edits: &[Edit]) {
    let dir = copy_case(&repo().join("tests/fixtures/base"));
    for edit_ in edits {
        match edit_ {
            Replace(file, find, replace) => edit(dir.path(), file, find, replace),
            Write(file, text) => std::fs::write(dir.path().join(file), text).unwrap(),
            Remove(file) => std::fs::remove_file(dir.path().join(file)).unwrap(),
        }
    }
    let run = run(&["check", dir.path().to_str().unwrap()]);
    let expected_exit = if code.starts_with('E') { 1 } else { 0 };
    assert_eq!(run.code, expected_exit, "{name}: exit code\n{}", run.stdout);
    assert!(
        run.stdout.contains(&format!("[{code}]")),
        "{name}: no {code} in\n{}",
        run.stdout
    );
    let shown = normalise(&run.stdout, dir.path());
    insta::assert_snapshot!(name, shown);
}

fn normalise(text: &str, dir: &Path) -> String {
    text.replace(dir.to_str().unwrap(), "[CASE]")
}

#[test]
fn base_case_is_clean() {
    let run = run(&[
        "check",
        repo().join("tests/fixtures/base").to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(
        run.stdout,
        "FIXTURE-01: 0 errors, 0 warnings, 0 flags (0 unreviewed)\n"
    );
}

#[test]
fn e0101_unknown_key() {
    fixture(
        "E0101",
        "E0101",
        &[Replace(
            "case.yaml",
            "    agency: kov-a\n    kind: contact",
            "    agnecy: kov-a\n    kind: contact",
        )],
    );
}

#[test]
fn e0102_dangling_reference() {
    fixture(
        "E0102",
        "E0102",
        &[Replace("chronology/school.yaml", "to: kov-a", "to: kov-c")],
    );
}

#[test]
fn e0103_duplicate_id() {
    fixture(
        "E0103",
        "E0103",
        &[Replace("case.yaml", "id: e003", "id: e002")],
    );
}

#[test]
fn e0104_impossible_date() {
    fixture(
        "E0104",
        "E0104",
        &[Replace("case.yaml", "date: 2024-02-20", "date: 2024-02-30")],
    );
}

#[test]
fn e0105_missing_field() {
    fixture(
        "E0105",
        "E0105",
        &[Replace("case.yaml", "    decision: plan_agreed\n", "")],
    );
}

#[test]
fn e0106_invalid_value() {
    fixture(
        "E0106",
        "E0106",
        &[Replace("case.yaml", "kind: decision", "kind: decisoin")],
    );
}

#[test]
fn e0106_unquoted_version() {
    fixture(
        "E0106-version",
        "E0106",
        &[Replace("case.yaml", "version: \"1\"", "version: 0.3")],
    );
}

#[test]
fn e0107_invalid_id() {
    fixture(
        "E0107",
        "E0107",
        &[Replace("case.yaml", "id: e003", "id: E003")],
    );
}

#[test]
fn e0108_yaml_syntax() {
    fixture(
        "E0108",
        "E0108",
        &[Replace(
            "case.yaml",
            "  language: en\n",
            "  language: en\n  language: et\n",
        )],
    );
}

#[test]
fn e0109_missing_chronology_file() {
    fixture("E0109", "E0109", &[Remove("chronology/school.yaml")]);
}

#[test]
fn e0110_chronology_path_escapes() {
    fixture(
        "E0110",
        "E0110",
        &[Replace(
            "case.yaml",
            "  - chronology/school.yaml",
            "  - chronology/school.yaml\n  - ../secrets.yaml",
        )],
    );
}

#[test]
fn e0111_answer_before_handoff() {
    fixture(
        "E0111",
        "E0111",
        &[Replace("case.yaml", "date: 2024-02-02", "date: 2024-01-30")],
    );
}

#[test]
fn e0112_reply_to_wrong_agency() {
    fixture(
        "E0112",
        "E0112",
        &[Replace("chronology/school.yaml", "to: kov-a", "to: kov-b")],
    );
}

#[test]
fn e0113_no_outcome_event() {
    fixture(
        "E0113",
        "E0113",
        &[Replace("case.yaml", "kind: outcome", "kind: incident")],
    );
}

#[test]
fn e0114_no_child() {
    fixture(
        "E0114",
        "E0114",
        &[Replace("case.yaml", "role: child,", "role: sibling,")],
    );
}

#[test]
fn e0115_two_leads() {
    fixture(
        "E0115",
        "E0115",
        &[Replace(
            "case.yaml",
            "country: EE }\n  - { id: kov-b",
            "country: EE, lead: true }\n  - { id: kov-b",
        )],
    );
}

#[test]
fn e0116_residence_clash() {
    fixture(
        "E0116",
        "E0116",
        &[Replace(
            "case.yaml",
            "actual: kov-a }\n",
            "actual: kov-a }\n  - { from: 2024-01-01, registered: kov-a, actual: kov-a }\n",
        )],
    );
}

#[test]
fn e0117_malformed_flag_id() {
    fixture(
        "E0117",
        "E0117",
        &[Replace(
            "case.yaml",
            "flag_reviews: []",
            "flag_reviews:\n  - { flag: \"G001:e999\", status: confirmed }",
        )],
    );
}

#[test]
fn e0118_unsupported_format() {
    fixture(
        "E0118",
        "E0118",
        &[Replace(
            "chronology/school.yaml",
            "casereview/1",
            "casereview/2",
        )],
    );
}

#[test]
fn e0119_dismissal_without_note() {
    fixture(
        "E0119",
        "E0119",
        &[Replace(
            "case.yaml",
            "flag_reviews: []",
            "flag_reviews:\n  - { flag: \"G001:e001\", status: dismissed }",
        )],
    );
}

#[test]
fn e0120_period_ends_before_it_starts() {
    fixture(
        "E0120",
        "E0120",
        &[Replace("case.yaml", "to: 2024-06-30 }", "to: 2023-06-30 }")],
    );
}

#[test]
fn w0101_outside_review_period() {
    fixture(
        "W0101",
        "W0101",
        &[Replace("case.yaml", "date: 2024-02-20", "date: 2023-12-20")],
    );
}

#[test]
fn w0102_after_outcome() {
    fixture(
        "W0102",
        "W0102",
        &[Replace("case.yaml", "date: 2024-02-20", "date: 2024-06-20")],
    );
}

#[test]
fn w0103_missing_source() {
    fixture(
        "W0103",
        "W0103",
        &[Replace("case.yaml", "    source: \"Case record 2\"\n", "")],
    );
}

#[test]
fn w0104_unmatched_residence_change() {
    fixture(
        "W0104",
        "W0104",
        &[Replace(
            "case.yaml",
            "actual: kov-a }\n",
            "actual: kov-a }\n  - { from: 2024-03-01, registered: kov-a, actual: kov-b }\n",
        )],
    );
}

#[test]
fn w0105_unlisted_chronology() {
    fixture(
        "W0105",
        "W0105",
        &[Write(
            "chronology/police.yaml",
            "format: casereview/1\nevents: []\n",
        )],
    );
}

#[test]
fn w0106_undecided_by_an_imprecise_date() {
    fixture(
        "W0106",
        "W0106",
        &[Replace("case.yaml", "date: 2024-02-02", "date: 2024-02")],
    );
}

#[test]
fn w0107_review_of_a_flag_that_does_not_fire() {
    fixture(
        "W0107",
        "W0107",
        &[Replace(
            "case.yaml",
            "flag_reviews: []",
            "flag_reviews:\n  - { flag: \"G001:e001\", status: confirmed }",
        )],
    );
}

#[test]
fn w0108_no_lead_agency() {
    fixture(
        "W0108",
        "W0108",
        &[
            Replace("case.yaml", "country: EE, lead: true }", "country: EE }"),
            Replace(
                "case.yaml",
                "  - { from: 2024-01-01, registered: kov-a, actual: kov-a }\n",
                "",
            ),
        ],
    );
}

#[test]
fn w0109_notifier_named() {
    fixture(
        "W0109",
        "W0109",
        &[
            Replace(
                "case.yaml",
                "notifier_confidential: false",
                "notifier_confidential: true",
            ),
            Replace(
                "case.yaml",
                "summary: \"A plan was agreed with the family.\"",
                "summary: \"Neighbour said mari tamm drinks.\"",
            ),
        ],
    );
}

#[test]
fn w0110_control_character() {
    fixture(
        "W0110",
        "W0110",
        &[Replace(
            "case.yaml",
            "summary: \"A plan was agreed with the family.\"",
            "summary: \"A plan\\x07 was agreed\\r\\n with the family.\"",
        )],
    );
}

/// Every fault of a file is reported in one run, not only the first.
#[test]
fn all_faults_in_one_run() {
    let dir = copy_case(&repo().join("tests/fixtures/base"));
    edit(dir.path(), "case.yaml", "kind: decision", "kind: decisoin");
    edit(
        dir.path(),
        "case.yaml",
        "date: 2024-02-02",
        "date: 2024-02-31",
    );
    edit(
        dir.path(),
        "chronology/school.yaml",
        "to: kov-a",
        "to: kov-x",
    );
    let run = run(&["check", dir.path().to_str().unwrap(), "--format", "json"]);
    assert_eq!(run.code, 1);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let codes: Vec<&str> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["E0104", "E0106", "E0102"]);
    assert_eq!(json["summary"]["errors"], 3);
}

/// A snippet never shows a free-text value, and a message never echoes one.
#[test]
fn free_text_never_appears_in_diagnostics() {
    let dir = copy_case(&repo().join("tests/fixtures/base"));
    edit(
        dir.path(),
        "case.yaml",
        "summary: \"A plan was agreed with the family.\"",
        "summary: \"Secret Name\", sumary: x",
    );
    let run = run(&["check", dir.path().to_str().unwrap()]);
    assert_eq!(run.code, 1);
    assert!(!run.stdout.contains("Secret"), "{}", run.stdout);
}
