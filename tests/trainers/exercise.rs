//! `exercise`: the worksheet shows the case without its analysis and asks questions; the
//! answer key adds what was hidden; a case that was not anonymised is refused.

use std::path::{Path, PathBuf};

use super::anonymise::anonymise_into;
use crate::common::*;

/// An anonymised copy of mets-2024 (the exercise's normal input).
fn anonymised_mets(dir: &Path) -> PathBuf {
    let copy = dir.join("copy");
    let run = anonymise_into(
        &repo().join("examples/mets-2024"),
        &copy,
        &dir.join("map.yaml"),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    copy
}

#[test]
fn the_worksheet_hides_the_analysis_and_the_key_shows_it() {
    let dir = tempfile::tempdir().unwrap();
    let case = anonymised_mets(dir.path());
    let worksheet = dir.path().join("worksheet.pdf");
    let key = dir.path().join("key.pdf");
    let run = run(&[
        "exercise",
        case.to_str().unwrap(),
        "-o",
        worksheet.to_str().unwrap(),
        "--answers",
        key.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let sheet = pdf_text(&worksheet);
    let answers = pdf_text(&key);
    for shown in [
        "Harjutuse tööleht",
        "Küsimused",
        "Kogu juhtum",
        "Episood 1",
        "Koondkronoloogia",
        "Asutuste tegevus ajateljel",
        "Mida teadis iga osaline asutus selle episoodi alguses?",
        "Teade abivajavast lapsest vallale.",
    ] {
        assert!(sheet.contains(shown), "the worksheet shows `{shown}`");
    }
    let checked = crate::common::run(&["check", case.to_str().unwrap(), "--format", "json"]);
    let value: serde_json::Value = serde_json::from_str(&checked.stdout).unwrap();
    let flag_ids: Vec<&str> = value["flags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap())
        .collect();
    assert!(!flag_ids.is_empty());
    let copy_yaml: serde_yaml::Value =
        serde_yaml::from_str(&std::fs::read_to_string(case.join("case.yaml")).unwrap()).unwrap();
    let mut hidden: Vec<String> = flag_ids.iter().map(|s| (*s).to_owned()).collect();
    for (section, field) in [
        ("findings", "title"),
        ("recommendations", "text"),
        ("episodes", "title"),
        ("episodes", "what_happened"),
    ] {
        for item in copy_yaml[section].as_sequence().unwrap() {
            hidden.push(item[field].as_str().unwrap().to_owned());
        }
    }
    for answer in &hidden {
        let answer = answer.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            !sheet.contains(&answer),
            "the worksheet gives away `{answer}`"
        );
        assert!(answers.contains(&answer), "the key shows `{answer}`");
    }
    for section in ["Märguanded", "Analüüs"] {
        assert!(answers.contains(section));
    }
    assert!(answers.contains("Harjutuse vastused"));
}

#[test]
fn a_case_that_was_not_anonymised_is_refused_unless_allowed() {
    let dir = tempfile::tempdir().unwrap();
    let worksheet = dir.path().join("worksheet.pdf");
    let mets = repo().join("examples/mets-2024");
    let refused = run(&[
        "exercise",
        mets.to_str().unwrap(),
        "-o",
        worksheet.to_str().unwrap(),
    ]);
    assert_eq!(refused.code, 2);
    assert!(
        refused.stderr.contains("is not an anonymised copy"),
        "{}",
        refused.stderr
    );
    assert!(!worksheet.exists());
    // `dates: relative` is not enough: child-b-2022 has them, and names its places.
    let relative = run(&[
        "exercise",
        repo().join("examples/child-b-2022").to_str().unwrap(),
        "-o",
        worksheet.to_str().unwrap(),
    ]);
    assert_eq!(relative.code, 2, "{}", relative.stderr);
    assert!(relative.stderr.contains("is not an anonymised copy"));
    assert!(!worksheet.exists());
    let allowed = run(&[
        "exercise",
        mets.to_str().unwrap(),
        "-o",
        worksheet.to_str().unwrap(),
        "--allow-identifiable",
        "--lang",
        "en",
    ]);
    assert_eq!(allowed.code, 0, "{}", allowed.stderr);
    let text = pdf_text(&worksheet);
    assert!(text.contains("Exercise worksheet") && text.contains("The whole case"));
}

#[test]
fn the_worksheet_and_key_must_be_two_files() {
    let dir = tempfile::tempdir().unwrap();
    let case = anonymised_mets(dir.path());
    let out = dir.path().join("same.pdf");
    let run = run(&[
        "exercise",
        case.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--answers",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 2);
    assert!(!out.exists());
}
