//! `anonymise`: a case full of identifiers becomes a copy in which none remains — not in its
//! files, not in a report made from it, not in that report's metadata — that still passes
//! `check` with the same flags and reviews; intervals between events survive exactly.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::common::*;
use casereview::anonymise::{self, Options, Plan, dates::Shift};
use casereview::methodology::Methodology;
use casereview::model::Date;
use casereview::synthetic::{SyntheticSpec, write_case};
use proptest::prelude::*;
use regex::Regex;

fn identifiable() -> PathBuf {
    repo().join("tests/fixtures/identifiable")
}

/// Names, codes, numbers, addresses and places of the fixture: none may survive, as a
/// whole word in any case.
const IDENTIFIERS: &[&str] = &[
    "Kadri",
    "Kadrit",
    "Kadrikene",
    "Tamm",
    "Tamme",
    "Mari",
    "Jaan",
    "Kask",
    "Kase",
    "Pille",
    "Kuusk",
    "2-23-4411",
    "Annelinn",
    "Tartu",
    "Elva",
    "Elvasse",
    "Kesklinna",
    "Kliinikum",
    "kliinikum",
    "61205150012",
    "850101",
    "5123 4567",
    "5234 5678",
    "740 1234",
    "mari.tamm",
    "example.ee",
    "Pärna",
    "Narva",
    "EE-2023-TARTU-07",
    "tartu-kool",
    "kov-tartu",
    "kov-elva",
];

/// Dates of the fixture as written, in YAML and in free text.
const DATES: &[(&str, &str)] = &[
    ("2023-02-14", "2023-02-14"),
    ("2023-02-20", "2023-02-20"),
    ("2023-09-01", "2023-09-01"),
    ("2023-10-02", "2023-10-02"),
    ("2024-03-15", "2024-03-15"),
    ("2023-02-09", "2023-02-09"),
    ("2024-04-02", "2024-04-02"),
    ("2024-06-30", "2024-06-30"),
    ("2029-12-31", "2029-12-31"),
    ("2024-12-31", "2024-12-31"),
    ("15.03.2024", "2024-03-15"),
    ("09.02.2023", "2023-02-09"),
    ("02.10.2023", "2023-10-02"),
    ("01.09.2023", "2023-09-01"),
    ("14.03.2024", "2024-03-14"),
    ("12. märtsil 2023", "2023-03-12"),
    ("March 12, 2023", "2023-03-12"),
];

/// Runs `anonymise CASE -o OUT --map MAP`.
pub fn anonymise_into(case: &Path, out: &Path, map: &Path) -> Run {
    run(&[
        "anonymise",
        case.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--map",
        map.to_str().unwrap(),
    ])
}

struct Copy {
    _dir: tempfile::TempDir,
    folder: PathBuf,
    map: PathBuf,
}

fn anonymised(case: &Path, extra: &[&str]) -> Copy {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("copy");
    let map = dir.path().join("secret/map.yaml");
    std::fs::create_dir_all(map.parent().unwrap()).unwrap();
    let mut args = vec![
        "anonymise",
        case.to_str().unwrap(),
        "-o",
        folder.to_str().unwrap(),
        "--map",
        map.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    let run = run(&args);
    assert_eq!(
        run.code, 0,
        "stdout: {}\nstderr: {}",
        run.stdout, run.stderr
    );
    Copy {
        _dir: dir,
        folder,
        map,
    }
}

fn shift_days(map: &Path) -> i64 {
    let map: serde_yaml::Value =
        serde_yaml::from_str(&std::fs::read_to_string(map).unwrap()).unwrap();
    map["shift_days"]
        .as_i64()
        .expect("the map records the shift")
}

/// Every identifier and every original date found in `text`, by `what`.
fn leaks(text: &str, shift: i64, what: &str) -> Vec<String> {
    let mut found = Vec::new();
    for identifier in IDENTIFIERS {
        let pattern = format!(r"(?i)(?:^|[^\w]){}(?:$|[^\w])", regex::escape(identifier));
        if Regex::new(&pattern).unwrap().is_match(text) {
            found.push(format!("{what}: `{identifier}`"));
        }
    }
    // A written date could only appear by coincidence if another date of the case,
    // moved by the shift, lands on it; such dates are not counted.
    let moved: Vec<chrono::NaiveDate> = DATES
        .iter()
        .map(|(_, iso)| Date::parse(iso).unwrap().first_day() + chrono::Duration::days(shift))
        .collect();
    for (written, iso) in DATES {
        let day = Date::parse(iso).unwrap().first_day();
        if text.contains(written) && !moved.contains(&day) {
            found.push(format!("{what}: date `{written}`"));
        }
    }
    found
}

fn all_files(folder: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(all_files(&path));
        } else {
            files.push(path);
        }
    }
    files
}

#[test]
fn no_identifier_remains_in_the_copy_its_report_or_the_metadata() {
    let copy = anonymised(&identifiable(), &[]);
    let shift = shift_days(&copy.map);
    assert_eq!(shift % 7, 0, "a whole number of weeks");
    assert_ne!(shift, 0);
    let mut found = Vec::new();
    let files = all_files(&copy.folder);
    assert_eq!(files.len(), 2, "case.yaml and one chronology: {files:?}");
    for file in &files {
        let name = file
            .strip_prefix(&copy.folder)
            .unwrap()
            .display()
            .to_string();
        found.extend(leaks(&name, shift, "file name"));
        let text = std::fs::read_to_string(file).unwrap();
        found.extend(leaks(&text, shift, &name));
        // Read back as YAML: every string of the copy, unescaped.
        let value: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
        found.extend(leaks(
            &strings(&value).join("\n"),
            shift,
            &format!("{name} (read back)"),
        ));
    }

    let pdf = copy.folder.parent().unwrap().join("report.pdf");
    let report = run(&[
        "report",
        copy.folder.to_str().unwrap(),
        "-o",
        pdf.to_str().unwrap(),
    ]);
    assert_eq!(report.code, 0, "{}", report.stderr);
    let bytes = std::fs::read(&pdf).unwrap();
    let text = pdf_text_of(&bytes);
    found.extend(leaks(&text, shift, "report text"));
    let raw = String::from_utf8_lossy(&bytes);
    found.extend(leaks(&raw, shift, "report bytes (metadata)"));
    assert!(raw.contains("ANON-"), "the metadata names the copy's id");
    assert!(found.is_empty(), "identifiers left: {found:#?}");
}

fn strings(value: &serde_yaml::Value) -> Vec<String> {
    match value {
        serde_yaml::Value::String(s) => vec![s.clone()],
        serde_yaml::Value::Sequence(items) => items.iter().flat_map(strings).collect(),
        serde_yaml::Value::Mapping(map) => map
            .iter()
            .flat_map(|(k, v)| strings(k).into_iter().chain(strings(v)))
            .collect(),
        _ => Vec::new(),
    }
}

#[test]
fn the_copy_passes_check_with_the_same_flags_and_reviews_re_anchored() {
    let original = run(&[
        "check",
        identifiable().to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(original.code, 0, "{}", original.stderr);
    let copy = anonymised(&identifiable(), &[]);
    let checked = run(&["check", copy.folder.to_str().unwrap(), "--format", "json"]);
    assert_eq!(checked.code, 0, "{}", checked.stderr);
    let flags = |json: &str| -> BTreeMap<String, Option<String>> {
        let value: serde_json::Value = serde_json::from_str(json).unwrap();
        value["flags"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                let id = f["id"].as_str().unwrap();
                // Agency and residence anchors are renamed; compare code and verdict.
                let code = id.split(':').next().unwrap().to_owned();
                let verdict = f["review"]["status"].as_str().map(str::to_owned);
                (format!("{code}@{}", f["events"][0]), verdict)
            })
            .collect()
    };
    let before = flags(&original.stdout);
    let after = flags(&checked.stdout);
    assert_eq!(before.len(), after.len(), "{before:?}\n{after:?}");
    let verdicts = |flags: &BTreeMap<String, Option<String>>| {
        let mut v: Vec<Option<String>> = flags.values().cloned().collect();
        v.sort();
        v
    };
    assert_eq!(
        verdicts(&before),
        verdicts(&after),
        "every review still applies"
    );
    let value: serde_json::Value = serde_json::from_str(&checked.stdout).unwrap();
    assert_eq!(
        value["diagnostics"].as_array().unwrap().len(),
        0,
        "no review of a vanished flag (W0107): {}",
        checked.stdout
    );
    let ids: Vec<&str> = value["flags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap())
        .collect();
    assert!(ids.iter().any(|id| id.starts_with("G010:T-")), "{ids:?}");
    let case = std::fs::read_to_string(copy.folder.join("case.yaml")).unwrap();
    assert!(case.contains("dates: relative"));
    assert!(!case.contains("redact") && !case.contains("aliases"));
}

#[test]
fn agencies_are_generalised_unless_kept() {
    let copy = anonymised(&identifiable(), &[]);
    let case = std::fs::read_to_string(copy.folder.join("case.yaml")).unwrap();
    assert!(case.contains("name: Lastekaitse 1"), "{case}");
    assert!(case.contains("name: Lastekaitse 2"));
    assert!(case.contains("name: Kool 1"));
    let kept = anonymised(&identifiable(), &["--keep-agencies"]);
    let case = std::fs::read_to_string(kept.folder.join("case.yaml")).unwrap();
    assert!(case.contains("Tartu Kesklinna Kool"), "{case}");
    assert!(!case.contains("Kadri"));
}

#[test]
fn the_map_is_private_complete_and_never_inside_the_copy() {
    let copy = anonymised(&identifiable(), &[]);
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(&copy.map).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let map = std::fs::read_to_string(&copy.map).unwrap();
    for original in [
        "Kadri Tamm",
        "Kadrikene",
        "Tartu Kesklinna Kool",
        "EE-2023-TARTU-07",
    ] {
        assert!(map.contains(original), "the map keeps `{original}`");
    }

    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("copy");
    let inside = out.join("map.yaml");
    let refused = anonymise_into(&identifiable(), &out, &inside);
    assert_eq!(refused.code, 2);
    assert!(
        refused.stderr.contains("inside the copy"),
        "{}",
        refused.stderr
    );
    assert!(!out.exists(), "nothing was written");

    let case = copy_case(&identifiable());
    let refused = anonymise_into(
        case.path(),
        &case.path().join("shared"),
        &dir.path().join("m.yaml"),
    );
    assert_eq!(refused.code, 2, "{}", refused.stderr);
    assert!(refused.stderr.contains("inside the case folder"));

    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("other.txt"), "x").unwrap();
    let refused = anonymise_into(&identifiable(), &out, &dir.path().join("m.yaml"));
    assert_eq!(refused.code, 2);
    assert!(refused.stderr.contains("not an empty folder"));
}

#[test]
fn every_example_gives_a_copy_that_checks_and_reports() {
    for case in example_cases() {
        let copy = anonymised(&case, &[]);
        let pdf = copy.folder.parent().unwrap().join("r.pdf");
        let report = run(&[
            "report",
            copy.folder.to_str().unwrap(),
            "-o",
            pdf.to_str().unwrap(),
        ]);
        assert_eq!(report.code, 0, "{}: {}", case.display(), report.stderr);
    }
}

/// Day differences between every event and the first one, by the event's id in the copy.
fn intervals(
    case: &casereview::model::Case,
    rename: &BTreeMap<String, String>,
) -> BTreeMap<String, i64> {
    let first = case
        .events
        .iter()
        .map(|e| e.date.value.start())
        .min()
        .unwrap();
    case.events
        .iter()
        .map(|e| {
            let id = rename
                .get(e.id.as_str())
                .cloned()
                .unwrap_or(e.id.to_string());
            (id, (e.date.value.start() - first).num_minutes())
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 8, ..ProptestConfig::default() })]

    #[test]
    fn intervals_between_events_are_preserved_exactly(seed in any::<u64>(), weeks in 1i64..600) {
        let dir = tempfile::tempdir().unwrap();
        let spec = SyntheticSpec { events: 60, agencies: 6, chronology_files: 2, seed };
        write_case(&spec, dir.path()).unwrap();
        let methodology = Methodology::embedded();
        let checked = casereview::pipeline::check(dir.path(), &methodology).unwrap();
        let case = checked.case.as_ref().unwrap();
        let options = Options {
            keep_agencies: false,
            shift: Shift { days: -7 * weeks, context_year: 2024 },
            case_id: "ANON-TEST".into(),
        };
        let copy = anonymise::anonymise(case, &methodology, &options).unwrap();
        let out = tempfile::tempdir().unwrap();
        for (path, text) in &copy.files {
            let path = out.path().join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        let rechecked = casereview::pipeline::check(out.path(), &methodology).unwrap();
        prop_assert_eq!(rechecked.errors(), 0);
        let plan = Plan::new(case, &methodology, false).unwrap();
        let rename: BTreeMap<String, String> = plan.ids.into_iter().collect();
        prop_assert_eq!(
            intervals(case, &rename),
            intervals(rechecked.case.as_ref().unwrap(), &BTreeMap::new())
        );
    }
}

#[test]
fn a_place_named_only_in_an_agency_name_is_pointed_out() {
    let case = copy_case(&identifiable());
    edit(case.path(), "case.yaml", "  - \"Elva\"\n", "");
    let dir = tempfile::tempdir().unwrap();
    let run = anonymise_into(
        case.path(),
        &dir.path().join("copy"),
        &dir.path().join("map.yaml"),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("note: `Elva`"), "{}", run.stderr);
    assert!(
        !run.stderr.contains("`Kool`"),
        "generic names are no leftovers"
    );
}

#[test]
fn words_like_a_removed_name_are_listed_as_possible_leftovers() {
    let dir = tempfile::tempdir().unwrap();
    let case = dir.path().join("case");
    copy_dir(&identifiable(), &case);
    edit(
        &case,
        "case.yaml",
        "Rahvastikuregister",
        "Rahvastikuregister; Tammepere ja Kadriorg, Kasemetsa küla",
    );
    let run = anonymise_into(&case, &dir.path().join("copy"), &dir.path().join("map"));
    assert_eq!(run.code, 0, "{}", run.stderr);
    for word in ["Tammepere", "Kadriorg", "Kasemetsa"] {
        assert!(
            run.stderr.contains(&format!("`{word}`")),
            "`{word}` is a possible leftover: {}",
            run.stderr
        );
    }
    assert!(
        run.stderr
            .contains("`Tammepere` in the copy's text begins like the removed name `Tamm`"),
        "{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("`Rahvastikuregister`"),
        "a word like no name is none: {}",
        run.stderr
    );
}
