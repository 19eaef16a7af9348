//! The one writer of the format (`format::write`) loses nothing: every example, loaded,
//! written back as it is and loaded again, is the same model (places aside); and the
//! anonymiser's rewrite of it, written by the same writer, loads clean.

mod common;

use casereview::format::write::{self, AsWritten};
use casereview::load;

use common::*;

fn write_into(dir: &std::path::Path, files: &[(String, String)]) {
    for (path, text) in files {
        let full = dir.join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, text).unwrap();
    }
}

#[test]
fn every_example_round_trips_through_the_writer_to_an_equal_model() {
    let mut compared = 0;
    for example in example_cases().into_iter().chain([
        repo().join("tests/fixtures/hidden-notifier"),
        repo().join("tests/fixtures/every-key"),
    ]) {
        let original = load::load(&example).unwrap();
        assert!(
            original.diagnostics.is_empty(),
            "{}: {:?}",
            example.display(),
            original.diagnostics
        );
        let case = original.case.unwrap();
        let dir = tempfile::tempdir().unwrap();
        write_into(dir.path(), &write::files(&case, &AsWritten));
        let again = load::load(dir.path()).unwrap();
        assert!(
            again.diagnostics.is_empty(),
            "{}: the written copy has diagnostics {:?}",
            example.display(),
            again.diagnostics
        );
        assert!(
            again.case.as_ref() == Some(&case),
            "{}: the model changed on the way",
            example.display()
        );
        compared += 1;
    }
    assert!(compared >= 4);
}

/// Every key the format declares is written in an example or a fixture of the round trip
/// above: a key declared but never read by the loader (or never written) fails there.
#[test]
fn the_round_trip_covers_every_declared_key() {
    fn keys(value: &serde_yaml::Value, into: &mut std::collections::BTreeSet<String>) {
        match value {
            serde_yaml::Value::Mapping(map) => {
                for (k, v) in map {
                    if let Some(k) = k.as_str() {
                        into.insert(k.to_owned());
                    }
                    keys(v, into);
                }
            }
            serde_yaml::Value::Sequence(items) => items.iter().for_each(|v| keys(v, into)),
            _ => {}
        }
    }
    let mut written = std::collections::BTreeSet::new();
    let folders = example_cases().into_iter().chain([
        repo().join("tests/fixtures/hidden-notifier"),
        repo().join("tests/fixtures/every-key"),
    ]);
    for folder in folders {
        let mut files = vec![folder.join("case.yaml")];
        if let Ok(entries) = std::fs::read_dir(folder.join("chronology")) {
            files.extend(entries.map(|e| e.unwrap().path()));
        }
        for file in files {
            let value: serde_yaml::Value =
                serde_yaml::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
            keys(&value, &mut written);
        }
    }
    for section in casereview::format::SECTIONS {
        for key in section.key_names() {
            assert!(
                written.contains(key),
                "no example or fixture writes `{}.{key}`",
                section.def
            );
        }
    }
}
