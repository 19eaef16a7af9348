//! The JSON Schema (`casereview schema`) accepts every example file and rejects broken ones.

mod common;

use std::path::Path;

use common::*;

fn schema() -> jsonschema::Validator {
    let run = run(&["schema"]);
    let schema: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    jsonschema::validator_for(&schema).expect("a valid JSON Schema")
}

/// YAML as an editor's language server sees it: YAML 1.2 scalars as JSON values.
fn as_json(path: &Path) -> serde_json::Value {
    let yaml: serde_yaml::Value =
        serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    serde_json::to_value(yaml).unwrap()
}

fn errors(validator: &jsonschema::Validator, instance: &serde_json::Value) -> Vec<String> {
    validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[test]
fn every_example_file_is_valid() {
    let validator = schema();
    let mut checked = 0;
    for case in example_cases() {
        let mut files = vec![case.join("case.yaml")];
        if let Ok(entries) = std::fs::read_dir(case.join("chronology")) {
            files.extend(entries.map(|e| e.unwrap().path()));
        }
        for file in files {
            let problems = errors(&validator, &as_json(&file));
            assert!(problems.is_empty(), "{}: {problems:#?}", file.display());
            checked += 1;
        }
    }
    assert!(checked >= 8, "{checked}");
}

#[test]
fn broken_files_are_rejected() {
    let validator = schema();
    let base = repo().join("tests/fixtures/base");
    let original = std::fs::read_to_string(base.join("case.yaml")).unwrap();
    for (find, replace) in [
        (
            "    agency: kov-a\n    kind: contact",
            "    agnecy: kov-a\n    kind: contact",
        ),
        ("version: \"1\"", "version: 0.3"),
        ("kind: decision", "kind: decisoin"),
        ("format: casereview/1", "format: casereview/2"),
    ] {
        assert_eq!(original.matches(find).count(), 1, "{find}");
        let broken: serde_yaml::Value =
            serde_yaml::from_str(&original.replacen(find, replace, 1)).unwrap();
        let problems = errors(&validator, &serde_json::to_value(broken).unwrap());
        assert!(!problems.is_empty(), "`{replace}` was accepted");
    }
    let chronology = std::fs::read_to_string(base.join("chronology/school.yaml")).unwrap();
    let referral_without_to: serde_yaml::Value =
        serde_yaml::from_str(&chronology.replace("    to: kov-a\n", "")).unwrap();
    assert!(
        !errors(
            &validator,
            &serde_json::to_value(referral_without_to).unwrap()
        )
        .is_empty()
    );
}

/// `casereview schema` prints the schema generated from the format's declaration, and the
/// loader accepts exactly the keys it declares (no drift between the two).
#[test]
fn the_emitted_schema_is_the_generated_one() {
    let run = run(&["schema"]);
    let emitted: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(emitted, casereview::format::schema());
    for section in casereview::format::SECTIONS {
        let properties = emitted["$defs"][section.def]["properties"]
            .as_object()
            .unwrap_or_else(|| panic!("{} has properties", section.def));
        let keys: Vec<&str> = properties.keys().map(String::as_str).collect();
        let mut declared: Vec<&str> = section.key_names().collect();
        declared.sort();
        let mut keys = keys;
        keys.sort();
        assert_eq!(keys, declared, "{}", section.def);
    }
}
