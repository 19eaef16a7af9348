//! Every gap rule against its twin fixtures in `tests/fixtures/rules/`: `CODE-fires` must
//! raise the expected flag, `CODE-quiet` (as close as possible to it, usually one line
//! apart) must raise no flag of that rule, and both must be cases without errors.

mod common;

use std::path::{Path, PathBuf};

use common::*;

/// The flag a rule's `-fires` fixture must raise, from the fixture's `expected-flags.yaml`.
fn expected_flag(code: &str) -> Result<String, String> {
    let path = fixture(code, "fires").join("expected-flags.yaml");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let expected: serde_yaml::Value =
        serde_yaml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    match expected["must"].as_sequence().map(Vec::as_slice) {
        Some([flag]) => flag
            .as_str()
            .map(str::to_owned)
            .ok_or_else(|| format!("{}: `must` holds one flag id", path.display())),
        _ => Err(format!("{}: `must` lists exactly one flag", path.display())),
    }
}

/// Every rule code of the registry, in order: the only list of rules.
fn codes() -> Vec<&'static str> {
    casereview::analysis::rules::REGISTRY
        .iter()
        .map(|r| r.code)
        .collect()
}

fn fixture(code: &str, twin: &str) -> PathBuf {
    repo().join(format!("tests/fixtures/rules/{code}-{twin}"))
}

/// The ids of the flags `check` raises on a case; an error when the case does not load
/// cleanly (no JSON, or any error diagnostic).
fn flags(case: &Path) -> Result<Vec<String>, String> {
    let name = case.file_name().unwrap().to_string_lossy();
    let run = run(&["check", case.to_str().unwrap(), "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout)
        .map_err(|e| format!("{name}: no JSON ({e}): {}{}", run.stdout, run.stderr))?;
    if json["summary"]["errors"] != 0 {
        return Err(format!("{name} must be a valid case:\n{}", run.stdout));
    }
    let flags = json["flags"]
        .as_array()
        .ok_or_else(|| format!("{name}: no `flags` array: {}", run.stdout))?;
    Ok(flags
        .iter()
        .map(|f| f["id"].as_str().unwrap_or_default().to_owned())
        .collect())
}

#[test]
fn every_rule_fires_on_its_fixture_and_stays_quiet_on_the_twin() {
    let mut failures = Vec::new();
    for code in codes() {
        let expected = match expected_flag(code) {
            Ok(flag) => flag,
            Err(e) => {
                failures.push(e);
                continue;
            }
        };
        match flags(&fixture(code, "fires")) {
            Ok(fires) if !fires.contains(&expected) => {
                failures.push(format!("{code}-fires: expected {expected}, got {fires:?}"));
            }
            Ok(_) => {}
            Err(e) => failures.push(e),
        }
        let prefix = format!("{code}:");
        match flags(&fixture(code, "quiet")) {
            Ok(quiet) => {
                let wrong: Vec<&String> = quiet.iter().filter(|f| f.starts_with(&prefix)).collect();
                if !wrong.is_empty() {
                    failures.push(format!(
                        "{code}-quiet: must raise no {code} flag, got {wrong:?}"
                    ));
                }
            }
            Err(e) => failures.push(e),
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// A new rule without fixtures (or a fixture folder left without its twin) fails here.
/// (That `rules.yaml` describes exactly the registry's rules is checked where the
/// catalogue is loaded: `analysis::rules::check_catalogue`.)
#[test]
fn every_rule_has_both_fixtures() {
    let table = codes();
    assert!(!table.is_empty());
    for &code in &table {
        let expected = expected_flag(code).unwrap();
        assert!(
            expected.starts_with(&format!("{code}:")),
            "{code}'s expected flag {expected} belongs to another rule"
        );
        for twin in ["fires", "quiet"] {
            let case = fixture(code, twin).join("case.yaml");
            assert!(case.is_file(), "{code} has no fixture {}", case.display());
        }
    }
    // Every fixture folder is the `-fires` or `-quiet` twin of a rule of the registry.
    for entry in std::fs::read_dir(repo().join("tests/fixtures/rules")).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        let known = name.rsplit_once('-').is_some_and(|(code, twin)| {
            table.contains(&code) && (twin == "fires" || twin == "quiet")
        });
        assert!(
            known,
            "tests/fixtures/rules/{name} is not a fixture of a known rule"
        );
    }
}
