//! `report CASE --since OLD`, the meeting pack: the changes section after the summary,
//! the compared version on the title page, in Estonian and English; and the summary's
//! progress.

mod common;

use std::path::Path;

use common::{edit, pdf_text, repo, report_into, run, versions};

fn report(case: &Path, extra: &[&str]) -> (tempfile::TempDir, String) {
    let (dir, out, run) = report_into(case, "report.pdf", extra);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = pdf_text(&out);
    (dir, text)
}

#[test]
fn the_meeting_pack_names_what_changed_in_estonian() {
    let (_dir, old, new) = versions();
    let (_out, text) = report(&new, &["--since", old.to_str().unwrap()]);
    assert!(text.contains("Võrreldud versiooniga 0.2"));
    assert!(text.contains("Muudatused alates versioonist 0.2"));
    for line in [
        "Lisatud sündmused",
        "Eemaldatud sündmused",
        "Muudetud sündmused",
        "Uued märguanded",
        "Antud või muudetud hinnangud",
        "Saabunud kronoloogiad",
    ] {
        assert!(text.contains(line), "no `{line}` in the report");
    }
    assert!(text.contains("e030") && text.contains("(e016)"));
    let around = |word: &str| {
        let at = text.find(word).unwrap_or(0);
        text[at.saturating_sub(60)..(at + 60).min(text.len())].to_owned()
    };
    assert!(text.contains("muudetud: summary"), "{}", around("summary"));
    assert!(text.contains("muudetud: date"));
    assert!(text.contains("G004:e030"));
    assert!(text.contains("läbi vaatamata → Kinnitatud"));
    assert!(
        text.contains("uus alates versioonist 0.2"),
        "the chronology's legend"
    );
    // The changes come right after the summary.
    let summary = text.find("Kokkuvõte").unwrap();
    let changes = text.rfind("Muudatused alates versioonist 0.2").unwrap();
    let scope = text.rfind("Ulatus ja meetod").unwrap();
    assert!(summary < changes && changes < scope);
    assert!(!text.contains("SALAJANE"));
}

#[test]
fn the_meeting_pack_in_english() {
    let (_dir, old, new) = versions();
    let (_out, text) = report(&new, &["--since", old.to_str().unwrap(), "--lang", "en"]);
    assert!(text.contains("Compared with version 0.2"));
    assert!(text.contains("Changes since version 0.2"));
    assert!(text.contains("Events added") && text.contains("Chronologies received"));
    assert!(text.contains("changed: summary"));
    assert!(text.contains("not reviewed → Confirmed"));
    assert!(text.contains("new since version 0.2"));
}

#[test]
fn without_since_nothing_of_it_appears() {
    let (_out, text) = report(&repo().join("examples/mets-2024"), &["--lang", "en"]);
    assert!(!text.contains("Changes since version"));
    assert!(!text.contains("Compared with version"));
    assert!(!text.contains("new since version"));
    // The summary's progress is always there.
    assert!(text.contains("Progress Chronologies 0 requested, 2 received"));
}

#[test]
fn progress_in_the_summary_names_the_overdue() {
    let (_dir, _old, new) = versions();
    edit(
        &new,
        "case.yaml",
        "kind: child_protection, country: FI }",
        "kind: child_protection, country: FI, chronology: { requested: 2025-01-10, due: 2025-02-01 } }",
    );
    let (_out, text) = report(&new, &["--lang", "en"]);
    assert!(text.contains("1 requested, 2 received; overdue: Espoon lastensuojelu"));
}

#[test]
fn an_old_version_with_errors_writes_nothing() {
    let (_dir, old, new) = versions();
    edit(
        &old,
        "case.yaml",
        "    agency: fam-dr\n    kind: info_share",
        "    agency: nobody\n    kind: info_share",
    );
    let out_dir = tempfile::tempdir().unwrap();
    let out = out_dir.path().join("r.pdf");
    let run = run(&[
        "report",
        new.to_str().unwrap(),
        "--since",
        old.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("old version"));
    assert!(!out.exists());
}
