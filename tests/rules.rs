//! Every gap rule against its twin fixtures in `tests/fixtures/rules/`: `CODE-fires` must
//! raise the expected flag, `CODE-quiet` (as close as possible to it, usually one line
//! apart) must raise no flag of that rule, and both must be cases without errors.

mod common;

use std::path::{Path, PathBuf};

use common::*;

/// Each rule and the flag its `-fires` fixture must raise.
const RULES: &[(&str, &str)] = &[
    ("G001", "G001:e004"),
    ("G002", "G002:e001"),
    ("G003", "G003:e004"),
    ("G004", "G004:e004"),
    ("G005", "G005:e001"),
    ("G006", "G006:e005"),
    ("G007", "G007:e003"),
    ("G008", "G008:e006"),
    ("G009", "G009:e005:school"),
    ("G010", "G010:2024-01-15"),
    ("G011", "G011:e004"),
    ("G012", "G012:e004"),
    ("G013", "G013:e004"),
    ("G014", "G014:gp"),
    ("G015", "G015:e005"),
];

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
    for &(code, expected) in RULES {
        match flags(&fixture(code, "fires")) {
            Ok(fires) if !fires.iter().any(|f| f == expected) => {
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

/// The rule codes of the catalogue (`methodology/rules.yaml`, which the registry must match).
fn catalogue_codes() -> Vec<String> {
    let text = std::fs::read_to_string(repo().join("methodology/rules.yaml")).unwrap();
    let catalogue: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
    catalogue["rules"]
        .as_sequence()
        .expect("rules.yaml lists `rules`")
        .iter()
        .map(|r| r["code"].as_str().expect("each rule has a code").to_owned())
        .collect()
}

/// A new rule without fixtures (or a fixture folder left without its twin) fails here.
#[test]
fn every_rule_has_both_fixtures() {
    let codes = catalogue_codes();
    for n in 1..=15 {
        let code = format!("G{n:03}");
        assert!(codes.contains(&code), "the catalogue has no {code}");
    }
    let table: Vec<&str> = RULES.iter().map(|(code, _)| *code).collect();
    assert_eq!(
        table, codes,
        "RULES must list every rule of the catalogue, in order"
    );
    for &(code, expected) in RULES {
        assert!(
            expected.starts_with(&format!("{code}:")),
            "{code}'s expected flag {expected} belongs to another rule"
        );
        for twin in ["fires", "quiet"] {
            let case = fixture(code, twin).join("case.yaml");
            assert!(case.is_file(), "{code} has no fixture {}", case.display());
        }
    }
    // Every fixture folder is the `-fires` or `-quiet` twin of a rule of the catalogue.
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
