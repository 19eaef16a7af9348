//! `casereview stats`: counts equal to `check`'s over the same reviews, the skipped, refused
//! and duplicate paths, the Parquet and CSV tables read back with their documented columns
//! and types, and the themes PDF's text.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use casereview::analysis::rules::REGISTRY;
use common::*;
use parquet::basic::{Repetition, Type as Physical};
use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::record::Field;
use serde_json::Value as Json;

fn stats(args: &[&str]) -> Run {
    run(&[&["stats"], args].concat())
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// The examples, and an anonymised copy of each (`dates: relative`, a new case id), side
/// by side under `reviews/`; the maps stay outside it.
fn examples_and_copies() -> (tempfile::TempDir, PathBuf) {
    let root = tempfile::tempdir().unwrap();
    let reviews = root.path().join("reviews");
    for example in example_cases() {
        let name = example.file_name().unwrap().to_str().unwrap().to_owned();
        copy_dir(&example, &reviews.join(&name));
        let copy = reviews.join(format!("{name}-anonymised"));
        let map = root.path().join(format!("{name}-map.yaml"));
        let made = run(&[
            "anonymise",
            path(&example),
            "-o",
            path(&copy),
            "--map",
            path(&map),
        ]);
        assert_eq!(made.code, 0, "{}", made.stderr);
    }
    (root, reviews)
}

/// The codes of the flags `check --format json` lists for one review.
fn checked_codes(case: &Path) -> Vec<String> {
    let checked = run(&["check", path(case), "--format", "json"]);
    let json: Json = serde_json::from_str(&checked.stdout).unwrap();
    json["flags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_owned())
        .collect()
}

/// Per rule code: (reviews in which it fired, flags), summed over `check` of each review.
fn summed_check(cases: &[PathBuf]) -> BTreeMap<String, (u64, u64)> {
    let mut sums: BTreeMap<String, (u64, u64)> = REGISTRY
        .iter()
        .map(|r| (r.code.to_owned(), (0, 0)))
        .collect();
    for case in cases {
        let codes = checked_codes(case);
        for (code, sum) in &mut sums {
            let n = codes.iter().filter(|c| *c == code).count() as u64;
            sum.1 += n;
            sum.0 += u64::from(n > 0);
        }
    }
    sums
}

fn rule_counts(json: &Json) -> BTreeMap<String, (u64, u64)> {
    json["rules"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(code, c)| {
            let n = |k: &str| c[k].as_u64().unwrap();
            (code.clone(), (n("reviews"), n("flags")))
        })
        .collect()
}

fn folders_under(dir: &Path) -> Vec<PathBuf> {
    let mut folders: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    folders.sort();
    folders
}

fn is_relative(case: &Path) -> bool {
    std::fs::read_to_string(case.join("case.yaml"))
        .unwrap()
        .contains("dates: relative")
}

#[test]
fn per_rule_counts_are_the_sums_of_check_over_the_examples_and_their_copies() {
    let (_root, reviews) = examples_and_copies();
    let all = folders_under(&reviews);
    let counted = stats(&[path(&reviews), "--format", "json", "--allow-identifiable"]);
    assert_eq!(counted.code, 0, "{}", counted.stderr);
    let json: Json = serde_json::from_str(&counted.stdout).unwrap();
    assert_eq!(json["reviews"], all.len());
    assert_eq!(rule_counts(&json), summed_check(&all));
    assert!(summed_check(&all).values().any(|(_, flags)| *flags > 0));

    // Without --allow-identifiable only the relative-dated reviews count; the rest are
    // refused, each named.
    let relative: Vec<PathBuf> = all.iter().filter(|c| is_relative(c)).cloned().collect();
    assert!(relative.len() > all.len() / 2 && relative.len() < all.len());
    let anonymised = stats(&[path(&reviews), "--format", "json"]);
    assert_eq!(anonymised.code, 1, "{}", anonymised.stderr);
    let json: Json = serde_json::from_str(&anonymised.stdout).unwrap();
    assert_eq!(json["reviews"], relative.len());
    assert_eq!(rule_counts(&json), summed_check(&relative));
    let refused: Vec<&str> = json["refused"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    let identifiable: Vec<String> = all
        .iter()
        .filter(|c| !is_relative(c))
        .map(|c| c.display().to_string())
        .collect();
    assert_eq!(refused, identifiable);
    for path in &identifiable {
        assert!(
            anonymised.stderr.contains(&format!("refused {path}"))
                && anonymised.stderr.contains("--allow-identifiable"),
            "{}",
            anonymised.stderr
        );
    }
}

#[test]
fn the_json_maps_hold_every_rule_and_word_sorted_zeros_included() {
    let example = repo().join("examples/child-b-2022");
    let run = stats(&[path(&example), "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json: Json = serde_json::from_str(&run.stdout).unwrap();
    let rules: Vec<&String> = json["rules"].as_object().unwrap().keys().collect();
    let codes: Vec<&str> = REGISTRY.iter().map(|r| r.code).collect();
    assert_eq!(rules, codes);
    for map in ["outcomes", "patterns", "agency_kinds", "strengths"] {
        let keys: Vec<&String> = json[map].as_object().unwrap().keys().collect();
        assert!(keys.is_sorted() && !keys.is_empty(), "{map}: {keys:?}");
    }
    assert_eq!(json["outcomes"]["death"], 0);
    assert_eq!(json["skipped"], Json::Array(vec![]));
}

#[test]
fn a_review_with_errors_is_skipped_and_named_and_the_others_counted() {
    let root = tempfile::tempdir().unwrap();
    copy_dir(
        &repo().join("examples/child-b-2022"),
        &root.path().join("good"),
    );
    let broken = root.path().join("broken");
    copy_dir(&repo().join("tests/fixtures/base"), &broken);
    edit(
        &broken,
        "case.yaml",
        "dates: absolute",
        "dates: relative\n  language: xx",
    );
    let run = stats(&[path(root.path()), "--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let json: Json = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(json["reviews"], 1);
    let skipped = &json["skipped"][0];
    assert_eq!(skipped["path"], broken.display().to_string());
    assert!(skipped["errors"].as_u64().unwrap() >= 1);
    assert!(
        run.stderr
            .contains(&format!("skipped {}: ", broken.display()))
            && run.stderr.contains("error"),
        "{}",
        run.stderr
    );
}

#[test]
fn two_reviews_with_one_case_id_are_a_usage_error_naming_both() {
    let root = tempfile::tempdir().unwrap();
    let (first, second) = (root.path().join("a"), root.path().join("b/again"));
    copy_dir(&repo().join("examples/child-b-2022"), &first);
    copy_dir(&repo().join("examples/child-b-2022"), &second);
    let out = root.path().join("tables");
    let run = stats(&[path(root.path()), "--format", "parquet", "-o", path(&out)]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    for named in [first.display().to_string(), second.display().to_string()] {
        assert!(run.stderr.contains(&named), "{}", run.stderr);
    }
    assert!(run.stderr.contains("EN-DEMO-01"), "{}", run.stderr);
    assert!(!out.exists());
}

#[test]
fn a_folder_without_reviews_is_a_usage_error() {
    let empty = tempfile::tempdir().unwrap();
    let run = stats(&[path(empty.path())]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no review found"), "{}", run.stderr);
    let run = stats(&[path(&empty.path().join("missing"))]);
    assert_eq!(run.code, 2);
    let run = stats(&[path(empty.path()), "--format", "csv"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("needs -o"), "{}", run.stderr);
}

/// A documented column: name, type, nullable.
type Column = (&'static str, &'static str, bool);

/// The documented columns of each table (`stats.md`).
const DOCUMENTED: &[(&str, &[Column])] = &[
    (
        "reviews",
        &[
            ("case_id", "text", false),
            ("outcome_kind", "text", false),
            ("profile", "text", false),
            ("dates_mode", "text", false),
            ("events", "integer", false),
            ("agencies", "integer", false),
            ("handoffs", "integer", false),
            ("flags", "integer", false),
            ("flags_reviewed", "integer", false),
            ("first_concern_days", "integer", true),
        ],
    ),
    (
        "flags",
        &[
            ("case_id", "text", false),
            ("flag_id", "text", false),
            ("code", "text", false),
            ("rule", "text", false),
            ("severity", "text", false),
            ("agency_kind", "text", true),
            ("days_before_outcome", "integer", true),
            ("review_status", "text", true),
        ],
    ),
    (
        "agencies",
        &[
            ("case_id", "text", false),
            ("agency_id", "text", false),
            ("kind", "text", false),
            ("country", "text", false),
            ("events", "integer", false),
            ("child_seen", "boolean", false),
            ("handoffs_sent", "integer", false),
            ("handoffs_received", "integer", false),
        ],
    ),
    (
        "findings",
        &[
            ("case_id", "text", false),
            ("finding_id", "text", false),
            ("kind", "text", false),
            ("pattern", "text", true),
        ],
    ),
    (
        "recommendations",
        &[
            ("case_id", "text", false),
            ("recommendation_id", "text", false),
            ("strength", "text", true),
            ("priority", "text", true),
            ("status", "text", false),
        ],
    ),
];

/// An id, a vocabulary word or a flag id: never a sentence or a name.
fn is_id_or_word(text: &str) -> bool {
    !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_:+.".contains(c))
}

#[test]
fn the_parquet_tables_read_back_with_the_documented_columns_and_types() {
    let (root, reviews) = examples_and_copies();
    let out = root.path().join("tables");
    let run = stats(&[
        path(&reviews),
        "--format",
        "parquet",
        "-o",
        path(&out),
        "--allow-identifiable",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json: Json = serde_json::from_str(
        &stats(&[path(&reviews), "--format", "json", "--allow-identifiable"]).stdout,
    )
    .unwrap();
    let flags: u64 = rule_counts(&json).values().map(|(_, f)| f).sum();
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "agencies",
            "findings",
            "flags",
            "recommendations",
            "reviews"
        ]
        .map(|n| format!("{n}.parquet"))
    );
    for (table, columns) in DOCUMENTED {
        let file = std::fs::File::open(out.join(format!("{table}.parquet"))).unwrap();
        let reader = SerializedFileReader::new(file).unwrap();
        let schema = reader.metadata().file_metadata().schema_descr_ptr();
        let found: Vec<(&str, &str, bool)> = schema
            .columns()
            .iter()
            .map(|c| {
                let kind = match c.physical_type() {
                    Physical::BYTE_ARRAY => "text",
                    Physical::INT64 => "integer",
                    Physical::BOOLEAN => "boolean",
                    other => panic!("{table}.{}: {other}", c.name()),
                };
                let nullable = c.self_type().get_basic_info().repetition() == Repetition::OPTIONAL;
                (c.name(), kind, nullable)
            })
            .collect();
        assert_eq!(found, *columns, "{table}");
        let rows: Vec<parquet::record::Row> = reader
            .get_row_iter(None)
            .unwrap()
            .map(Result::unwrap)
            .collect();
        for row in &rows {
            for (name, field) in row.get_column_iter() {
                match field {
                    Field::Str(text) => {
                        assert!(is_id_or_word(text), "{table}.{name}: `{text}`")
                    }
                    Field::Long(_) | Field::Bool(_) | Field::Null => {}
                    other => panic!("{table}.{name}: {other:?}"),
                }
            }
        }
        match *table {
            "reviews" => assert_eq!(rows.len() as u64, json["reviews"].as_u64().unwrap()),
            "flags" => assert_eq!(rows.len() as u64, flags),
            _ => assert!(!rows.is_empty(), "{table}"),
        }
    }

    // The same tables as CSV: the same header, the same number of rows.
    let csv = root.path().join("csv");
    let run = stats(&[
        path(&reviews),
        "--format",
        "csv",
        "-o",
        path(&csv),
        "--allow-identifiable",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for (table, columns) in DOCUMENTED {
        let text = std::fs::read_to_string(csv.join(format!("{table}.csv"))).unwrap();
        let header: Vec<&str> = columns.iter().map(|(name, _, _)| *name).collect();
        assert_eq!(text.lines().next().unwrap(), header.join(","), "{table}");
        let file = std::fs::File::open(out.join(format!("{table}.parquet"))).unwrap();
        let rows = SerializedFileReader::new(file)
            .unwrap()
            .metadata()
            .file_metadata()
            .num_rows();
        assert_eq!(text.lines().count() as i64, rows + 1, "{table}");
    }
}

#[test]
fn an_output_folder_is_replaced_only_when_it_holds_the_tables_alone() {
    let example = repo().join("examples/child-b-2022");
    let root = tempfile::tempdir().unwrap();
    let out = root.path().join("tables");
    let args = [path(&example), "--format", "csv", "-o", path(&out)];
    assert_eq!(stats(&args).code, 0);
    assert_eq!(stats(&args).code, 0, "an earlier run's tables are replaced");
    std::fs::write(out.join("notes.txt"), "mine").unwrap();
    let run = stats(&args);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("notes.txt"), "{}", run.stderr);
    assert_eq!(
        std::fs::read_to_string(out.join("notes.txt")).unwrap(),
        "mine"
    );
    let leftovers: Vec<_> = std::fs::read_dir(root.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(leftovers, ["tables"], "no temporary folder stays behind");
}

/// Each example's title: free text that no table or themes page may show.
fn titles() -> Vec<String> {
    example_cases()
        .iter()
        .map(|case| {
            let text = std::fs::read_to_string(case.join("case.yaml")).unwrap();
            let line = text
                .lines()
                .find(|l| l.trim_start().starts_with("title:"))
                .unwrap();
            line.split_once(':')
                .unwrap()
                .1
                .trim()
                .trim_matches('"')
                .to_owned()
        })
        .collect()
}

#[test]
fn the_themes_pdf_shows_every_chart_in_either_language() {
    let (root, reviews) = examples_and_copies();
    let pdf = root.path().join("themes.pdf");
    let make = |lang: &str| {
        let run = stats(&[
            path(&reviews),
            "--format",
            "pdf",
            "-o",
            path(&pdf),
            "--lang",
            lang,
            "--allow-identifiable",
        ]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        (pdf_text(&pdf), std::fs::read(&pdf).unwrap())
    };
    let (en, bytes) = make("en");
    for expected in [
        "Themes across reviews",
        "Reviews by outcome",
        "Gap rules: in how many reviews each fired",
        "Flags by agency kind",
        "Patterns in findings",
        "Recommendations by action strength",
        "From the first recorded concern to the outcome",
        "Hospitalisation",
        "Handoffs between agencies",
        "6 reviews",
        "DRAFT",
        // The strictest marking: the one restricted longest (until 2034-12-31).
        "ASUTUSESISESEKS KASUTAMISEKS",
    ] {
        assert!(en.contains(expected), "{expected}:\n{en}");
    }
    for rule in REGISTRY {
        assert!(
            en.contains(&format!("{} {}", rule.code, rule.name)),
            "{}",
            rule.code
        );
    }
    for title in titles() {
        assert!(!en.contains(&title), "a case title in the themes: {title}");
    }
    assert_eq!(make("en").1, bytes, "the same reviews give the same bytes");
    let (et, _) = make("et");
    for expected in [
        "Teemad analüüside lõikes",
        "Analüüsid raske tagajärje järgi",
        "Soovitused tegevuse tugevuse järgi",
        "MUSTAND",
    ] {
        assert!(et.contains(expected), "{expected}:\n{et}");
    }
}

#[test]
fn a_themes_pdf_of_final_unclassified_reviews_has_no_watermark_and_no_marking() {
    let root = tempfile::tempdir().unwrap();
    let case = root.path().join("reviews/b");
    copy_dir(&repo().join("examples/child-b-2022"), &case);
    let text = std::fs::read_to_string(case.join("case.yaml")).unwrap();
    assert!(text.contains("status: final"));
    let start = text.find("  classification:").unwrap();
    let end = start + text[start..].find("  dates:").unwrap();
    std::fs::write(
        case.join("case.yaml"),
        format!("{}{}", &text[..start], &text[end..]),
    )
    .unwrap();
    let pdf = root.path().join("themes.pdf");
    let run = stats(&[path(&case), "--format", "pdf", "-o", path(&pdf)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = pdf_text(&pdf);
    assert!(
        text.contains("1 review") && !text.contains("DRAFT"),
        "{text}"
    );
    assert!(!text.contains("OFFICIAL-SENSITIVE"), "{text}");
}
