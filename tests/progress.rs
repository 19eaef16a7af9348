//! Progress (meetings.md): chronologies requested, received and overdue; flags reviewed;
//! recommendations by status and overdue actions — in `check`'s human and JSON output.

mod common;

use common::{copy_case, edit, repo, run};

/// The reference example with three chronologies asked for (the school's received, Espoo's
/// overdue on the case's date 2025-02-14, the family doctor's not yet due) and four
/// recommendations in different states.
fn with_requests() -> tempfile::TempDir {
    let dir = copy_case(&repo().join("examples/mets-2024"));
    let case = dir.path();
    edit(
        case,
        "case.yaml",
        "kind: school, country: EE }",
        "kind: school, country: EE, chronology: { requested: 2025-01-10, due: 2025-02-01 } }",
    );
    edit(
        case,
        "case.yaml",
        "kind: child_protection, country: FI }",
        "kind: child_protection, country: FI, chronology: { requested: 2025-01-10, due: 2025-02-01 } }",
    );
    edit(
        case,
        "case.yaml",
        "kind: primary_health, country: EE }",
        "kind: primary_health, country: EE, chronology: { requested: 2025-02-01, due: 2025-03-01 } }",
    );
    edit(
        case,
        "case.yaml",
        "\nflag_reviews:\n",
        "  - { id: r2, text: \"T2\", to: kov-a, findings: [f1], due: 2024-12-31, status: accepted }\n  - { id: r3, text: \"T3\", to: kov-a, due: 2024-12-31, status: done }\n  - { id: r4, text: \"T4\", to: kov-a, due: 2024-12-31, status: dropped }\n\nflag_reviews:\n",
    );
    dir
}

#[test]
fn check_json_counts_progress() {
    let dir = with_requests();
    let out = run(&["check", dir.path().to_str().unwrap(), "--format", "json"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let progress = &json["summary"]["progress"];
    assert_eq!(
        progress["chronologies"],
        serde_json::json!({"requested": 3, "received": 2, "overdue": ["fi-espoo"]})
    );
    assert_eq!(progress["flags"]["total"], json["summary"]["flags"]);
    assert_eq!(progress["flags"]["reviewed"], 1);
    assert_eq!(
        progress["flags"]["by_rule"]["G004"],
        serde_json::json!({"total": 2, "reviewed": 1})
    );
    let recommendations = &progress["recommendations"];
    assert_eq!(recommendations["proposed"], 1);
    assert_eq!(recommendations["accepted"], 1);
    assert_eq!(recommendations["in_progress"], 0);
    assert_eq!(recommendations["done"], 1);
    assert_eq!(recommendations["dropped"], 1);
    assert_eq!(recommendations["overdue"], serde_json::json!(["r2"]));
}

#[test]
fn check_human_states_progress() {
    let dir = with_requests();
    let out = run(&["check", dir.path().to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout
            .contains("chronologies: 3 requested, 2 received; overdue: fi-espoo"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("flags: 1 of "), "{}", out.stdout);
    assert!(
        out.stdout.contains(
            "recommendations: 1 proposed, 1 accepted, 0 in progress, 1 done, 1 dropped; overdue: r2"
        ),
        "{}",
        out.stdout
    );
}

#[test]
fn a_case_with_errors_has_no_progress() {
    let dir = with_requests();
    edit(dir.path(), "case.yaml", "status: done", "status: finished");
    let out = run(&["check", dir.path().to_str().unwrap(), "--format", "json"]);
    assert_eq!(out.code, 1);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert!(json["summary"]["progress"].is_null());
}
