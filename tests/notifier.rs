//! A confidential notifier (LasteKS § 27 lg 5) that exists nowhere else in the case — an
//! agency and a person named only by the confidential referral — appears in no output:
//! not in `check`, the report (its text, its bytes, its Typst data), the graph in any
//! format, the exported chronology, `stats`' tables and themes, an anonymised copy, or the
//! copy's worksheet and key.

mod common;

use std::path::Path;

use common::*;

/// What names the notifier: its agency (name, id, kind), the person, and what the event's
/// source, action and note say.
const NAMES: &[&str] = &[
    "Shelter",
    "Lighthouse",
    "shelter-x",
    "NGO",
    "Neighbour",
    "neighbour",
    "Juhan",
    "Kask",
    "letter 12/3",
    "phoned",
    "asked not to be named",
];

fn fixture() -> std::path::PathBuf {
    repo().join("tests/fixtures/hidden-notifier")
}

fn assert_hidden(what: &str, text: &str) {
    let found: Vec<&&str> = NAMES.iter().filter(|n| text.contains(**n)).collect();
    assert!(
        found.is_empty(),
        "{what} names the notifier: {found:?}\n{text}"
    );
}

fn ok(args: &[&str]) -> Run {
    let run = run(args);
    assert_eq!(run.code, 0, "{args:?}: {}{}", run.stdout, run.stderr);
    run
}

fn files_below(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(files_below(&path));
        } else {
            files.push(path);
        }
    }
    files
}

#[test]
fn the_fixture_names_the_notifier_where_only_the_tool_reads_it() {
    let text = std::fs::read_to_string(fixture().join("case.yaml")).unwrap();
    for name in [
        "Shelter Lighthouse",
        "shelter-x",
        "Neighbour Juhan Kask",
        "letter 12/3",
    ] {
        assert!(text.contains(name), "{name}");
    }
}

#[test]
fn check_names_no_notifier() {
    let case = fixture();
    let case = case.to_str().unwrap();
    assert_hidden("check", &ok(&["check", case]).stdout);
    assert_hidden(
        "check --format json",
        &ok(&["check", case, "--format", "json"]).stdout,
    );
}

#[test]
fn the_report_names_no_notifier() {
    let dir = tempfile::tempdir().unwrap();
    let case = fixture();
    for lang in ["en", "et"] {
        let pdf = dir.path().join(format!("report-{lang}.pdf"));
        ok(&[
            "report",
            case.to_str().unwrap(),
            "-o",
            pdf.to_str().unwrap(),
            "--lang",
            lang,
        ]);
        assert_hidden(&format!("report text ({lang})"), &pdf_text(&pdf));
        assert_hidden(
            &format!("report bytes ({lang})"),
            &String::from_utf8_lossy(&std::fs::read(&pdf).unwrap()),
        );
    }
    let typ = dir.path().join("report.typ");
    ok(&[
        "report",
        case.to_str().unwrap(),
        "-o",
        typ.to_str().unwrap(),
        "--format",
        "typ",
    ]);
    let data = std::fs::read_to_string(dir.path().join("data.json")).unwrap();
    assert_hidden("the report's data.json", &data);
    assert!(
        data.contains("Notifier (confidential)"),
        "the notification is still shown"
    );
    assert!(
        data.contains("the child is often alone at night"),
        "its summary is shown"
    );
}

#[test]
fn the_graph_names_no_notifier() {
    let case = fixture();
    for format in ["dot", "graphml", "json"] {
        let run = ok(&["graph", case.to_str().unwrap(), "--format", format]);
        assert_hidden(&format!("graph --format {format}"), &run.stdout);
    }
}

#[test]
fn the_exported_chronology_names_no_notifier() {
    let case = fixture();
    for format in ["csv", "md"] {
        let run = ok(&["chronology", case.to_str().unwrap(), "--format", format]);
        assert_hidden(&format!("chronology --format {format}"), &run.stdout);
        assert!(run.stdout.contains("e004"), "the event itself is listed");
    }
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("chronology.xlsx");
    ok(&[
        "chronology",
        case.to_str().unwrap(),
        "--format",
        "xlsx",
        "-o",
        xlsx.to_str().unwrap(),
    ]);
    let mut workbook: calamine::Xlsx<_> = calamine::open_workbook(&xlsx).unwrap();
    use calamine::Reader;
    let sheet = workbook.worksheet_range_at(0).unwrap().unwrap();
    let cells: Vec<String> = sheet.rows().flatten().map(|c| c.to_string()).collect();
    assert_hidden("chronology --format xlsx", &cells.join("\n"));
}

#[test]
fn the_stats_tables_and_themes_name_no_notifier() {
    let case = fixture();
    let dir = tempfile::tempdir().unwrap();
    for format in ["csv", "parquet"] {
        let out = dir.path().join(format);
        ok(&[
            "stats",
            case.to_str().unwrap(),
            "--format",
            format,
            "-o",
            out.to_str().unwrap(),
            "--allow-identifiable",
        ]);
        for file in files_below(&out) {
            let bytes = std::fs::read(&file).unwrap();
            assert_hidden(
                &file.display().to_string(),
                &String::from_utf8_lossy(&bytes),
            );
        }
    }
    let agencies = std::fs::read_to_string(dir.path().join("csv/agencies.csv")).unwrap();
    assert!(
        agencies.contains(",kov-a,"),
        "the receiving side is counted: {agencies}"
    );
    let pdf = dir.path().join("themes.pdf");
    ok(&[
        "stats",
        case.to_str().unwrap(),
        "--format",
        "pdf",
        "-o",
        pdf.to_str().unwrap(),
        "--allow-identifiable",
    ]);
    assert_hidden("the themes PDF", &pdf_text(&pdf));
    for format in ["json", "human"] {
        let run = ok(&[
            "stats",
            case.to_str().unwrap(),
            "--format",
            format,
            "--allow-identifiable",
        ]);
        assert_hidden(&format!("stats --format {format}"), &run.stdout);
    }
}

#[test]
fn an_anonymised_copy_and_its_exercise_name_no_notifier() {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("copy");
    let map = dir.path().join("map.yaml");
    ok(&[
        "anonymise",
        fixture().to_str().unwrap(),
        "-o",
        copy.to_str().unwrap(),
        "--map",
        map.to_str().unwrap(),
    ]);
    for file in files_below(&copy) {
        let text = std::fs::read_to_string(&file).unwrap();
        assert_hidden(&file.display().to_string(), &text);
    }
    ok(&["check", copy.to_str().unwrap()]);
    let worksheet = dir.path().join("worksheet.pdf");
    let key = dir.path().join("key.pdf");
    ok(&[
        "exercise",
        copy.to_str().unwrap(),
        "-o",
        worksheet.to_str().unwrap(),
        "--answers",
        key.to_str().unwrap(),
    ]);
    for pdf in [&worksheet, &key] {
        assert_hidden(&pdf.display().to_string(), &pdf_text(pdf));
    }
}

/// A person named only in the confidential notification, in a role G019 asks about: the
/// rule fires on the whole case, and its flag, which would name the person, is not shown.
#[test]
fn a_flag_on_a_person_only_the_notification_names_is_not_shown() {
    let dir = copy_case(&fixture());
    edit(
        dir.path(),
        "case.yaml",
        "{ id: neighbour, role: other,",
        "{ id: neighbour, role: carer,",
    );
    let case = dir.path().to_str().unwrap();
    let json = ok(&["check", case, "--format", "json"]).stdout;
    assert_hidden("check --format json", &json);
    assert!(!json.contains("G019"), "{json}");
    let out = tempfile::tempdir().unwrap();
    let typ = out.path().join("report.typ");
    ok(&[
        "report",
        case,
        "-o",
        typ.to_str().unwrap(),
        "--format",
        "typ",
    ]);
    let data = std::fs::read_to_string(out.path().join("data.json")).unwrap();
    assert_hidden("the report's data.json", &data);
    // Every flag shown reviewed: the hidden one cannot hold `--strict` back.
    edit(
        dir.path(),
        "case.yaml",
        "flag_reviews: []",
        "flag_reviews:\n  - { flag: \"G017:e001\", status: confirmed }",
    );
    let strict = run(&["check", case, "--strict"]);
    assert_eq!(strict.code, 0, "{}", strict.stdout);
    // The same notification, not confidential: the flag is there to hide.
    edit(
        dir.path(),
        "case.yaml",
        "notifier_confidential: true",
        "notifier_confidential: false",
    );
    let open = ok(&["check", case, "--format", "json"]).stdout;
    assert!(open.contains("G019:neighbour"), "{open}");
}

#[test]
fn the_on_screen_view_names_no_notifier() {
    let dir = tempfile::tempdir().unwrap();
    let case = fixture();
    for lang in ["en", "et"] {
        let html = dir.path().join(format!("view-{lang}.html"));
        ok(&[
            "report",
            case.to_str().unwrap(),
            "-o",
            html.to_str().unwrap(),
            "--format",
            "html",
            "--lang",
            lang,
        ]);
        assert_hidden(
            &format!("the view ({lang})"),
            &std::fs::read_to_string(&html).unwrap(),
        );
    }
}
