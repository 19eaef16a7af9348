//! Property: flags do not depend on the order of events, nor on how they are split
//! across `case.yaml` and the chronology files.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use casereview::methodology::Methodology;
use casereview::pipeline;
use common::*;
use proptest::prelude::*;
use serde_yaml::{Mapping, Value};

/// Every event of a case, each with its agency written out.
fn all_events(case: &Path) -> (Value, Vec<Value>) {
    let read =
        |p: &Path| -> Value { serde_yaml::from_str(&std::fs::read_to_string(p).unwrap()).unwrap() };
    let root = read(&case.join("case.yaml"));
    let mut events: Vec<Value> = root["events"].as_sequence().cloned().unwrap_or_default();
    for path in root["chronologies"]
        .as_sequence()
        .cloned()
        .unwrap_or_default()
    {
        let file = read(&case.join(path.as_str().unwrap()));
        let agency = file["agency"].clone();
        for mut event in file["events"].as_sequence().cloned().unwrap_or_default() {
            let map = event.as_mapping_mut().unwrap();
            if !map.contains_key("agency") {
                map.insert("agency".into(), agency.clone());
            }
            events.push(event);
        }
    }
    (root, events)
}

/// Writes the case with its events in `order`, the first `in_case` in case.yaml and the
/// rest split over `files` chronology files.
fn write_shuffled(
    root: &Value,
    events: &[Value],
    order: &[usize],
    in_case: usize,
    files: usize,
    dir: &Path,
) {
    let ordered: Vec<Value> = order.iter().map(|&i| events[i].clone()).collect();
    let (here, rest) = ordered.split_at(in_case.min(ordered.len()));
    let mut root = root.clone();
    let map = root.as_mapping_mut().unwrap();
    map.insert("events".into(), Value::Sequence(here.to_vec()));
    std::fs::create_dir_all(dir.join("chronology")).unwrap();
    let mut paths = Vec::new();
    for (n, chunk) in rest.chunks(rest.len().div_ceil(files).max(1)).enumerate() {
        let path = format!("chronology/part-{n}.yaml");
        let mut file = Mapping::new();
        file.insert("format".into(), "casereview/1".into());
        file.insert("events".into(), Value::Sequence(chunk.to_vec()));
        std::fs::write(dir.join(&path), serde_yaml::to_string(&file).unwrap()).unwrap();
        paths.push(Value::from(path));
    }
    map.insert("chronologies".into(), Value::Sequence(paths));
    std::fs::write(dir.join("case.yaml"), serde_yaml::to_string(&root).unwrap()).unwrap();
}

fn flags(case: &Path) -> BTreeSet<String> {
    let checked = pipeline::check(case, &Methodology::embedded()).unwrap();
    assert_eq!(checked.errors(), 0, "{:?}", checked.diagnostics);
    checked.flags().iter().map(|f| f.id.to_string()).collect()
}

fn mets_event_count() -> usize {
    all_events(&repo().join("examples/mets-2024")).1.len()
}

fn shuffled_case_strategy(events: usize) -> impl Strategy<Value = (Vec<usize>, usize, usize)> {
    (
        Just((0..events).collect::<Vec<usize>>()).prop_shuffle(),
        0..=events,
        1..4usize,
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn flags_do_not_depend_on_event_order((order, in_case, files) in shuffled_case_strategy(mets_event_count())) {
        let case = repo().join("examples/mets-2024");
        let (root, events) = all_events(&case);
        let expected = flags(&case);
        let dir = tempfile::tempdir().unwrap();
        write_shuffled(&root, &events, &order, in_case, files, dir.path());
        prop_assert_eq!(flags(dir.path()), expected);
    }
}

#[test]
fn every_example_survives_reversal() {
    for case in example_cases() {
        let (root, events) = all_events(&case);
        let order: Vec<usize> = (0..events.len()).rev().collect();
        let dir = tempfile::tempdir().unwrap();
        write_shuffled(&root, &events, &order, events.len() / 2, 2, dir.path());
        assert_eq!(flags(dir.path()), flags(&case), "{}", case.display());
    }
}
