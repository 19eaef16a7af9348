//! A case with many flags: the flags section opens with their counts by agency and rule and
//! lists every flag on one line; a case with few keeps one block per flag.

mod common;

use std::path::Path;

use casereview::synthetic::{SyntheticSpec, write_case};
use common::*;

fn pdf_text(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap();
    let text = pdf_extract::extract_text_from_mem(&bytes).expect("text can be extracted");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The flags `check` finds, as (id, agency or null, review status or null).
fn flags(case: &Path) -> Vec<serde_json::Value> {
    let run = run(&["check", case.to_str().unwrap(), "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    json["flags"].as_array().unwrap().clone()
}

#[test]
fn many_flags_are_counted_then_listed_one_line_each() {
    let case = tempfile::tempdir().unwrap();
    let spec = SyntheticSpec {
        events: 1_000,
        agencies: 8,
        chronology_files: 3,
        seed: 7,
    };
    write_case(&spec, case.path()).unwrap();
    let flags = flags(case.path());
    assert!(
        flags.len() > 200,
        "{} flags: too few for the compact layout",
        flags.len()
    );
    for (lang, intro, compact) in [
        (
            "en",
            "The flags by the agency they are anchored at",
            "Each flag on one line",
        ),
        (
            "et",
            "Märguanded asutuse, mille juures need tekkisid",
            "Iga märguanne ühel real",
        ),
    ] {
        let out = tempfile::tempdir().unwrap();
        let pdf = out.path().join("report.pdf");
        let run = run(&[
            "report",
            case.path().to_str().unwrap(),
            "-o",
            pdf.to_str().unwrap(),
            "--lang",
            lang,
        ]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let text = pdf_text(&pdf);
        assert!(text.contains(intro) && text.contains(compact), "{lang}");
        // Every flag is still there, by id, once in the list (the chronology names some too).
        for flag in &flags {
            let id = flag["id"].as_str().unwrap();
            assert!(
                text.contains(&format!("{id} ·")),
                "{lang}: {id} is not listed"
            );
        }
        // The table's last row: every flag counted once.
        let total = if lang == "en" { "Total" } else { "Kokku" };
        assert!(
            text.contains(&format!("{total} ")) && text.contains(&format!(" {}", flags.len())),
            "{lang}: the total {} is shown",
            flags.len()
        );
    }
}

#[test]
fn few_flags_keep_one_block_each_with_its_message() {
    let out = tempfile::tempdir().unwrap();
    let pdf = out.path().join("report.pdf");
    let case = repo().join("examples/mets-2024");
    let run = run(&[
        "report",
        case.to_str().unwrap(),
        "-o",
        pdf.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = pdf_text(&pdf);
    assert!(!text.contains("Iga märguanne ühel real"), "no compact list");
    for flag in flags(&case) {
        let message = flag["message"].as_str().unwrap();
        let start: String = message
            .split_whitespace()
            .take(4)
            .collect::<Vec<_>>()
            .join(" ");
        assert!(
            text.contains(&start),
            "the message of {} is shown",
            flag["id"]
        );
    }
}
