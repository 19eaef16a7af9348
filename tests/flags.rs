//! The gap rules against the examples' `expected-flags.yaml`: every `must` flag fires,
//! no `must_not` flag does, and with `complete: true` nothing else fires either. An
//! expected-flags file may list rules ahead of the code (the shared one lists G001-G020):
//! only the codes the registry has are compared, each of them in full.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::*;

#[derive(serde::Deserialize)]
struct Expected {
    #[serde(default)]
    complete: bool,
    must: Vec<String>,
    #[serde(default)]
    must_not: Vec<String>,
}

fn fired(case: &Path) -> BTreeSet<String> {
    let run = run(&["check", case.to_str().unwrap(), "--format", "json"]);
    let json: serde_json::Value =
        serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stdout));
    assert_eq!(json["summary"]["errors"], 0, "{}", run.stdout);
    json["flags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap().to_owned())
        .collect()
}

/// Whether a flag id's rule code is one the registry has.
fn registered(flag: &str) -> bool {
    let code = flag.split(':').next().unwrap_or_default();
    casereview::analysis::rules::rule(code).is_some()
}

fn compare(case: &Path) {
    let expected: Expected =
        serde_yaml::from_str(&std::fs::read_to_string(case.join("expected-flags.yaml")).unwrap())
            .unwrap();
    let fired = fired(case);
    let must: BTreeSet<String> = expected
        .must
        .into_iter()
        .filter(|f| registered(f))
        .collect();
    let missing: Vec<&String> = must.difference(&fired).collect();
    let forbidden: Vec<&String> = expected
        .must_not
        .iter()
        .filter(|f| registered(f) && fired.contains(*f))
        .collect();
    let extra: Vec<&String> = if expected.complete {
        fired.difference(&must).collect()
    } else {
        Vec::new()
    };
    assert!(
        missing.is_empty() && forbidden.is_empty() && extra.is_empty(),
        "{}:\n  missing: {missing:?}\n  must not fire but did: {forbidden:?}\n  not expected: {extra:?}",
        case.display()
    );
}

#[test]
fn every_example_raises_exactly_its_expected_flags() {
    let mut compared = 0;
    for case in example_cases() {
        if case.join("expected-flags.yaml").is_file() {
            compare(&case);
            compared += 1;
        }
    }
    assert!(
        compared >= 3,
        "mets-2024 and the two own examples have expected flags"
    );
}

#[test]
fn the_shared_reference_case_raises_exactly_its_expected_flags() {
    let Some(shared) = shared_examples() else {
        return;
    };
    compare(&shared.join("mets-2024"));
}

#[test]
fn strict_refuses_unreviewed_flags() {
    let case = repo().join("examples/mets-2024");
    let plain = run(&["check", case.to_str().unwrap()]);
    assert_eq!(plain.code, 0, "{}", plain.stdout);
    let strict = run(&["check", case.to_str().unwrap(), "--strict"]);
    assert_eq!(strict.code, 1, "{}", strict.stdout);
}

#[test]
fn reviews_are_attached_to_their_flags() {
    let case = repo().join("examples/mets-2024");
    let run = run(&["check", case.to_str().unwrap(), "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let flag = json["flags"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "G004:e018")
        .unwrap();
    assert_eq!(flag["review"]["status"], "confirmed");
    assert_eq!(flag["rule"], "knowledge-not-shared");
    assert_eq!(flag["severity"], "high");
    assert_eq!(flag["date"], "2023-04-12");
    assert_eq!(flag["agency"], "emo");
    assert_eq!(
        json["summary"]["unreviewed"],
        json["summary"]["flags"].as_u64().unwrap() - 1
    );
}

#[test]
fn a_review_of_a_flag_that_does_not_fire_is_a_warning() {
    let dir = copy_case(&repo().join("examples/mets-2024"));
    edit(
        dir.path(),
        "case.yaml",
        "  - { flag: \"G004:e018\", status: confirmed",
        "  - { flag: \"G004:e008\", status: confirmed",
    );
    let run = run(&["check", dir.path().to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(run.stdout.contains("warning[W0107]"), "{}", run.stdout);
}
