//! The examples: the shared reference case is kept byte-identical, and every example is
//! clean under `check`.

mod common;

use std::path::Path;

use common::*;

fn files_below(root: &Path) -> Vec<String> {
    let mut files = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.push(
                    path.strip_prefix(root)
                        .unwrap()
                        .to_string_lossy()
                        .into_owned(),
                );
            }
        }
    }
    files.sort();
    files
}

/// `examples/mets-2024` is a copy of `../shared/examples/mets-2024`, byte for byte.
#[test]
fn the_reference_example_is_a_byte_identical_copy() {
    let Some(shared) = shared_examples() else {
        eprintln!("../shared/examples is not beside this checkout; nothing to compare");
        return;
    };
    let ours = repo().join("examples/mets-2024");
    let theirs = shared.join("mets-2024");
    assert_eq!(files_below(&ours), files_below(&theirs));
    for file in files_below(&theirs) {
        let a = std::fs::read(ours.join(&file)).unwrap();
        let b = std::fs::read(theirs.join(&file)).unwrap();
        assert!(
            a == b,
            "examples/mets-2024/{file} differs from the shared copy"
        );
    }
}

#[test]
fn every_example_is_clean() {
    let cases = example_cases();
    assert!(
        cases.len() >= 3,
        "mets-2024 and at least one Estonian and one English case"
    );
    for case in cases {
        let run = run(&["check", case.to_str().unwrap(), "--format", "json"]);
        let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        assert_eq!(
            json["summary"]["errors"],
            0,
            "{}: {}",
            case.display(),
            run.stdout
        );
        assert_eq!(
            json["summary"]["warnings"],
            0,
            "{}: {}",
            case.display(),
            run.stdout
        );
        assert_eq!(run.code, 0);
    }
}

#[test]
fn the_shared_reference_case_is_clean_where_it_lives() {
    let Some(shared) = shared_examples() else {
        return;
    };
    let run = run(&["check", shared.join("mets-2024").to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(
        run.stdout.contains("0 errors, 0 warnings"),
        "{}",
        run.stdout
    );
}

#[test]
fn examples_cover_both_languages() {
    let languages: Vec<String> = example_cases()
        .iter()
        .map(|case| {
            let run = run(&["check", case.to_str().unwrap(), "--format", "json"]);
            let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
            json["case"]["language"].as_str().unwrap().to_owned()
        })
        .collect();
    assert!(
        languages.contains(&"et".to_owned()) && languages.contains(&"en".to_owned()),
        "{languages:?}"
    );
}

#[test]
fn init_makes_a_case_that_passes_check_in_both_languages() {
    for lang in ["et", "en"] {
        let dir = tempfile::tempdir().unwrap();
        let case = dir.path().join("uus-juhtum");
        let made = run(&["init", case.to_str().unwrap(), "--lang", lang]);
        assert_eq!(made.code, 0, "{}", made.stderr);
        for file in ["case.yaml", "chronology/agency.yaml", ".gitignore"] {
            assert!(case.join(file).is_file(), "{file}");
        }
        let checked = run(&["check", case.to_str().unwrap(), "--format", "json"]);
        let json: serde_json::Value = serde_json::from_str(&checked.stdout).unwrap();
        assert_eq!(json["summary"]["errors"], 0, "{}", checked.stdout);
        assert_eq!(json["summary"]["warnings"], 0, "{}", checked.stdout);
        assert_eq!(json["case"]["id"], "UUS-JUHTUM");
        assert_eq!(json["case"]["language"], lang);
    }
}

#[test]
fn init_refuses_a_folder_with_files() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
    let made = run(&["init", dir.path().to_str().unwrap()]);
    assert_eq!(made.code, 2);
    assert!(
        made.stderr.contains("not an empty folder"),
        "{}",
        made.stderr
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("notes.txt")).unwrap(),
        "mine"
    );
}
