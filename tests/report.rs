//! The typeset report: sections, events, flags and verdicts in the PDF's text, in both
//! languages; hostile strings verbatim; the sandbox; reproducible bytes; safe writing.

mod common;

use std::path::{Path, PathBuf};

use common::*;

fn render(case: &Path, out: &Path, extra: &[&str]) -> Run {
    let mut args = vec![
        "report",
        case.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    run(&args)
}

fn rendered(case: &Path, extra: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let (dir, out, run) = report_into(case, "report.pdf", extra);
    assert_eq!(
        run.code, 0,
        "stdout: {}\nstderr: {}",
        run.stdout, run.stderr
    );
    (dir, out)
}

const SECTIONS_ET: [&str; 11] = [
    "Raskete tagajärgedega lõppenud lastekaitsejuhtumi valdkondadeülene tagantjärele analüüs",
    "Kokkuvõte",
    "Ulatus ja meetod",
    "Laps, pere ja asutused",
    "Asutuste tegevus ajateljel",
    "Kontaktid ja üleandmised",
    "Kes teadis mida ja millal",
    "Koondkronoloogia",
    "Märguanded",
    "Soovitused ja tegevuskava",
    "Lisad",
];
const SECTIONS_EN: [&str; 11] = [
    "Multi-agency retrospective review of a child-protection case that ended in serious harm",
    "Summary",
    "Scope and method",
    "The child, the family and the agencies",
    "Agency involvement timeline",
    "Contacts and handoffs",
    "Who knew what, when",
    "Integrated chronology",
    "Flags",
    "Recommendations and action plan",
    "Appendices",
];

#[test]
fn the_reference_case_in_estonian_has_every_section_event_and_flag() {
    let (_dir, pdf) = rendered(&repo().join("examples/mets-2024"), &[]);
    let text = pdf_text(&pdf);
    for section in SECTIONS_ET {
        assert!(text.contains(section), "section `{section}` missing");
    }
    for summary in [
        "Kodukülastus. Kodu korras, külmkapp peaaegu tühi.",
        "Keskasutuse päring Espoo lastekaitsele (Brüssel IIb art 80).",
    ] {
        assert!(text.contains(summary), "event `{summary}` missing");
    }
    for flag in [
        "G001:e027",
        "G004:e018",
        "G009:e010:fam-dr",
        "G010:2023-06-01",
        "G014:emo",
    ] {
        assert!(text.contains(flag), "flag {flag} missing");
    }
    assert!(
        text.contains("Kinnitatud EMO juhi intervjuul."),
        "the verdict's note is shown"
    );
    assert!(
        text.contains("ASUTUSESISESEKS KASUTAMISEKS"),
        "classification marking"
    );
    assert!(text.contains("MUSTAND"), "draft watermark");
}

#[test]
fn the_reference_case_in_english_has_every_section() {
    let (_dir, pdf) = rendered(
        &repo().join("examples/mets-2024"),
        &["--lang", "en", "--final"],
    );
    let text = pdf_text(&pdf);
    for section in SECTIONS_EN {
        assert!(text.contains(section), "section `{section}` missing");
    }
    // The glossary explains the word; the watermark repeats it on every page.
    let (_draft_dir, draft) = rendered(&repo().join("examples/mets-2024"), &["--lang", "en"]);
    let marks = |t: &str| t.matches("DRAFT").count();
    assert!(
        marks(&pdf_text(&draft)) > marks(&text) + 10,
        "--final removes the watermark"
    );
}

#[test]
fn every_example_renders_in_both_languages() {
    for case in example_cases() {
        for lang in ["et", "en"] {
            let (_dir, pdf) = rendered(&case, &["--lang", lang]);
            let text = pdf_text(&pdf);
            let sections = if lang == "et" {
                SECTIONS_ET
            } else {
                SECTIONS_EN
            };
            assert!(
                sections.iter().all(|s| text.contains(s)),
                "{} in {lang}",
                case.display()
            );
        }
    }
}

#[test]
fn relative_dates_show_no_calendar_date() {
    let (_dir, pdf) = rendered(&repo().join("examples/child-b-2022"), &[]);
    let text = pdf_text(&pdf);
    assert!(
        text.contains("T0") && text.contains("T\u{2212}"),
        "relative days are shown"
    );
    let months = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    for month in months {
        assert!(
            !text.contains(&format!("{month} 2022")),
            "an absolute date in {month} 2022 appears"
        );
    }
    assert!(!text.contains("2022-"), "an ISO date appears");
}

#[test]
fn hostile_strings_reach_the_pdf_verbatim() {
    let hostile: Vec<String> =
        std::fs::read_to_string(repo().join("tests/fixtures/hostile-strings.txt"))
            .unwrap()
            .lines()
            .map(str::to_owned)
            .collect();
    assert_eq!(hostile.len(), 17);
    let dir = copy_case(&repo().join("tests/fixtures/base"));
    let yaml = |s: &str| serde_json::to_string(s).unwrap();
    // Each string in a different free-text field (summary, source, note, action, child's
    // views, titles, texts, labels), so every path into the report is tried.
    let mut extra = String::from("\nepisodes:\n");
    extra += &format!(
        "  - {{ id: kpe1, title: {}, events: [e001], what_happened: {}, why_it_made_sense: {} }}\n",
        yaml(&hostile[0]),
        yaml(&hostile[1]),
        yaml(&hostile[2])
    );
    extra += "findings:\n";
    extra += &format!(
        "  - {{ id: f1, kind: weakness, title: {}, text: {}, evidence: [e001] }}\n",
        yaml(&hostile[3]),
        yaml(&hostile[4])
    );
    extra += "recommendations:\n";
    extra += &format!(
        "  - {{ id: r1, text: {}, to: kov-a, measure: {} }}\n",
        yaml(&hostile[5]),
        yaml(&hostile[6])
    );
    let case = dir.path().join("case.yaml");
    let text = std::fs::read_to_string(&case)
        .unwrap()
        .replace("episodes: []\nfindings: []\nrecommendations: []\n", &extra);
    let text = text
        .replace("summary: \"Home visit after the school's referral.\"", &format!("summary: {}", yaml(&hostile[7])))
        .replace("source: \"Case record 1\"", &format!("source: {}", yaml(&hostile[8])))
        .replace("    child_seen: true\n    summary", &format!("    child_seen: true\n    child_views: {}\n    note: {}\n    action: {}\n    summary", yaml(&hostile[9]), yaml(&hostile[10]), yaml(&hostile[11])))
        .replace("summary: \"A plan was agreed with the family.\"", &format!("summary: {}", yaml(&hostile[12])))
        .replace("title: \"Fixture: Child F\"", &format!("title: {}", yaml(&hostile[13])))
        .replace("label: \"Mother\"", &format!("label: {}", yaml(&hostile[14])))
        .replace("summary: \"Admitted to hospital.\"", &format!("summary: {}", yaml(&hostile[15])))
        .replace("summary: \"Child F was admitted to hospital.\"", &format!("summary: {}", yaml(&hostile[16])));
    std::fs::write(&case, text).unwrap();
    let checked = run(&["check", dir.path().to_str().unwrap()]);
    assert_eq!(checked.code, 0, "{}", checked.stdout);
    let (_out, pdf) = rendered(dir.path(), &[]);
    let text = pdf_text(&pdf);
    for line in &hostile {
        assert!(
            text.contains(&line.split_whitespace().collect::<Vec<_>>().join(" ")),
            "`{line}` is not verbatim in the PDF"
        );
    }
}

#[test]
fn a_template_cannot_read_outside_its_world() {
    for attempt in [
        "#read(\"/etc/passwd\")",
        "#read(\"../Cargo.toml\")",
        "#image(\"/etc/hostname\")",
        "#import \"@preview/cetz:0.3.0\"",
    ] {
        let templates = tempfile::tempdir().unwrap();
        std::fs::write(
            templates.path().join("report.typ.j2"),
            format!("= Report\n{attempt}\n"),
        )
        .unwrap();
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("report.pdf");
        let run = render(
            &repo().join("examples/mets-2024"),
            &out,
            &["--template", templates.path().to_str().unwrap()],
        );
        assert_eq!(run.code, 2, "{attempt}: {}", run.stderr);
        assert!(
            run.stderr.contains("not found") || run.stderr.contains("escape"),
            "{attempt}: {}",
            run.stderr
        );
        assert!(
            !run.stderr.contains("--root"),
            "Typst's command-line hints are filtered: {}",
            run.stderr
        );
        assert!(!out.exists(), "nothing is written");
    }
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let (_a, first) = rendered(&repo().join("examples/mets-2024"), &[]);
    let (_b, second) = rendered(&repo().join("examples/mets-2024"), &[]);
    assert!(
        std::fs::read(first).unwrap() == std::fs::read(second).unwrap(),
        "two renders differ"
    );
}

#[test]
fn metadata_carries_the_case_id_and_kind_but_no_name() {
    let (_dir, pdf) = rendered(&repo().join("examples/mets-2024"), &[]);
    let bytes = std::fs::read(&pdf).unwrap();
    let raw = String::from_utf8_lossy(&bytes);
    assert!(raw.contains("EE-DEMO-01"), "the case id is in the metadata");
    assert!(
        raw.contains("pdfaid:part") && raw.contains("pdfuaid:part"),
        "declared PDF/A and PDF/UA"
    );
    for name in ["Laps M", "Tagantjärele analüüs"] {
        assert!(
            !raw.contains(name),
            "`{name}` appears in the PDF's raw bytes"
        );
    }
}

#[test]
fn output_is_private_and_never_overwrites_an_input() {
    let (_dir, pdf) = rendered(&repo().join("examples/mets-2024"), &[]);
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        std::fs::metadata(&pdf).unwrap().permissions().mode() & 0o777,
        0o600
    );
    let dir = copy_case(&repo().join("examples/mets-2024"));
    let case = dir.path().join("case.yaml");
    let before = std::fs::read(&case).unwrap();
    let run = render(dir.path(), &case, &[]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("refusing to write over the input"),
        "{}",
        run.stderr
    );
    assert_eq!(std::fs::read(&case).unwrap(), before);
}

#[test]
fn a_case_with_errors_gets_no_report() {
    let dir = copy_case(&repo().join("tests/fixtures/base"));
    edit(dir.path(), "case.yaml", "kind: decision", "kind: decisoin");
    let out = dir.path().join("report.pdf");
    let run = render(dir.path(), &out, &[]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("E0106") && !out.exists(),
        "{}",
        run.stderr
    );
}

#[test]
fn typst_source_is_written_with_its_data_and_pages_as_images() {
    let dir = tempfile::tempdir().unwrap();
    let typ = dir.path().join("report.typ");
    let run = render(
        &repo().join("examples/mets-2024"),
        &typ,
        &["--format", "typ"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let source = std::fs::read_to_string(&typ).unwrap();
    assert!(source.contains("json(\"data.json\")"));
    assert!(dir.path().join("data.json").is_file());
    insta::assert_snapshot!("report_source_et", source);

    let png = dir.path().join("page-{n}.png");
    let run = render(
        &repo().join("examples/mets-2024"),
        &png,
        &["--format", "png"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(dir.path().join("page-1.png").is_file() && dir.path().join("page-2.png").is_file());
    let svg = dir.path().join("page.svg");
    let run = render(
        &repo().join("examples/mets-2024"),
        &svg,
        &["--format", "svg"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        std::fs::read_to_string(dir.path().join("page-1.svg"))
            .unwrap()
            .contains("<svg")
    );
}
