//! `chronology`: the integrated chronology as CSV, XLSX and Markdown, filtered by agency
//! and dates; a confidential notifier stays hidden.

use crate::common::*;
use calamine::{Data, Reader};

fn mets() -> String {
    repo().join("examples/mets-2024").display().to_string()
}

fn csv_rows(text: &str) -> Vec<Vec<String>> {
    csv::Reader::from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

fn event_count(case: &str) -> usize {
    let loaded = casereview::pipeline::check(
        std::path::Path::new(case),
        &casereview::methodology::Methodology::embedded(),
    )
    .unwrap();
    loaded.case.unwrap().events.len()
}

#[test]
fn csv_has_every_event_in_timeline_order_with_its_flags() {
    let run = run(&["chronology", &mets()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut lines = run.stdout.lines();
    assert_eq!(
        lines.next(),
        Some("Id,Kuupäev,Asutus,Liik,Mis juhtus,Last nähti,Märguanded,Allikas")
    );
    let rows = csv_rows(&run.stdout);
    assert_eq!(rows.len(), event_count(&mets()));
    let dates: Vec<&str> = rows.iter().map(|r| r[1].as_str()).collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted, "timeline order");
    let e002 = rows.iter().find(|r| r[0] == "e002").unwrap();
    assert_eq!(e002[6], "G002:e002, G017:e002, G018:e002");
    assert_eq!(e002[5], "ei");
}

#[test]
fn a_confidential_notifier_is_hidden_and_never_selectable() {
    let case = copy_case(&repo().join("tests/fixtures/base"));
    edit(
        case.path(),
        "chronology/school.yaml",
        "    to: kov-a\n",
        "    to: kov-a\n    notifier_confidential: true\n",
    );
    let path = case.path().to_str().unwrap();
    let all = csv_rows(&run(&["chronology", path]).stdout);
    let e001 = all
        .iter()
        .find(|r| r[0] == "e001")
        .expect("the notification is listed");
    assert_eq!(e001[2], "Notifier (confidential)");
    assert_eq!(e001[7], "", "its source could name the notifier");
    for row in &all {
        assert!(!row.join(",").contains("Town A school"), "{row:?}");
    }
    let by_sender = csv_rows(&run(&["chronology", path, "--agency", "school"]).stdout);
    assert!(
        !by_sender.iter().any(|r| r[0] == "e001"),
        "filtering by the hidden sender would name it"
    );
}

#[test]
fn filters_by_agency_and_by_overlapping_dates() {
    let run = run(&[
        "chronology",
        &mets(),
        "--agency",
        "school",
        "--from",
        "2022",
        "--to",
        "2022-06",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows = csv_rows(&run.stdout);
    assert!(!rows.is_empty());
    for row in &rows {
        assert_eq!(row[2], "Valla A Põhikool");
        assert!(
            row[1].as_str() >= "2022" && row[1].as_str() < "2022-07",
            "{row:?}"
        );
    }
    let unknown = crate::common::run(&["chronology", &mets(), "--agency", "nobody"]);
    assert_eq!(unknown.code, 2);
    assert!(unknown.stderr.contains("`nobody` is not an agency"));
    let bad_date = crate::common::run(&["chronology", &mets(), "--from", "2022-13"]);
    assert_eq!(bad_date.code, 2);
}

#[test]
fn an_imprecise_event_is_kept_when_its_interval_overlaps() {
    let case = copy_case(&repo().join("tests/fixtures/base"));
    edit(
        case.path(),
        "case.yaml",
        "date: 2024-02-20\n",
        "date: 2024-02\n",
    );
    let path = case.path().to_str().unwrap();
    let run = run(&[
        "chronology",
        path,
        "--from",
        "2024-02-25",
        "--to",
        "2024-02-26",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows = csv_rows(&run.stdout);
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0][0], "e003");
}

#[test]
fn a_relative_case_exports_relative_days_and_filters_by_them() {
    let case = repo().join("examples/child-b-2022");
    let case = case.to_str().unwrap();
    let run = run(&["chronology", case, "--to", "T-100"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows = csv_rows(&run.stdout);
    assert!(!rows.is_empty());
    let relative = regex::Regex::new(r"^(≈ )?T(0|[+−]\d+)(…T(0|[+−]\d+))?$").unwrap();
    for row in &rows {
        assert!(
            relative.is_match(&row[1]),
            "a relative day, no calendar date: {row:?}"
        );
        let first: i64 = row[1]
            .trim_start_matches("≈ ")
            .trim_start_matches('T')
            .split('…')
            .next()
            .unwrap()
            .replace('−', "-")
            .parse()
            .unwrap();
        assert!(first <= -100, "{row:?}");
    }
}

#[test]
fn markdown_and_xlsx_hold_the_same_rows() {
    let csv = csv_rows(&run(&["chronology", &mets()]).stdout);
    let md = run(&["chronology", &mets(), "--format", "md"]);
    assert_eq!(md.code, 0);
    assert_eq!(md.stdout.lines().count(), csv.len() + 2);
    assert!(md.stdout.starts_with("| Id | Kuupäev |"));

    let refused = run(&["chronology", &mets(), "--format", "xlsx"]);
    assert_eq!(refused.code, 2);
    assert!(refused.stderr.contains("-o FILE.xlsx"));

    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("chronology.xlsx");
    let written = run(&[
        "chronology",
        &mets(),
        "--format",
        "xlsx",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(written.code, 0, "{}", written.stderr);
    let mut workbook = calamine::open_workbook_auto(&out).unwrap();
    let sheet = workbook.worksheet_range("Kronoloogia").unwrap();
    let rows: Vec<Vec<String>> = sheet
        .rows()
        .skip(1)
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::String(s) => s.clone(),
                    Data::Empty => String::new(),
                    other => panic!("only text cells: {other:?}"),
                })
                .collect()
        })
        .collect();
    assert_eq!(rows, csv);
}
