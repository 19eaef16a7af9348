//! A case with errors gets no copy, no worksheet and no export: the diagnostics, exit code 1,
//! and nothing written.

use crate::common::*;

#[test]
fn a_case_with_errors_gets_nothing_written() {
    let case = copy_case(&repo().join("tests/fixtures/base"));
    edit(case.path(), "case.yaml", "kind: decision", "kind: decisoin");
    let path = case.path().to_str().unwrap();
    let out = tempfile::tempdir().unwrap();
    let target = |name: &str| out.path().join(name).to_str().unwrap().to_owned();
    let runs = [
        run(&[
            "anonymise",
            path,
            "-o",
            &target("copy"),
            "--map",
            &target("map.yaml"),
        ]),
        run(&[
            "exercise",
            path,
            "-o",
            &target("w.pdf"),
            "--allow-identifiable",
        ]),
        run(&[
            "chronology",
            path,
            "--format",
            "xlsx",
            "-o",
            &target("c.xlsx"),
        ]),
        run(&["chronology", path]),
    ];
    for run in runs {
        assert_eq!(run.code, 1, "{}", run.stderr);
        assert!(run.stderr.contains("E0106"), "{}", run.stderr);
        assert!(run.stdout.is_empty());
    }
    assert_eq!(
        std::fs::read_dir(out.path()).unwrap().count(),
        0,
        "nothing written"
    );
}

#[test]
fn the_markdown_chronology_of_the_reference_case() {
    let md = run(&[
        "chronology",
        repo().join("examples/mets-2024").to_str().unwrap(),
        "--format",
        "md",
        "--lang",
        "en",
    ]);
    assert_eq!(md.code, 0, "{}", md.stderr);
    insta::assert_snapshot!("chronology_mets_2024_en_md", md.stdout);
}

#[test]
fn import_faults_as_an_agency_sees_them() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("kool.csv");
    std::fs::write(
        &csv,
        "kuupäev;liik;kirjeldus;allikas;laps nähtud;kellele;mured\n\
         10.02.2024;mure;Näljane;e-kool;jah;;\n\
         2024-02-30;kontakt;Kõne;e-kool;ei;;\n\
         2024-03-01;teavitamine;Teade;;kindlasti;KOV A;hooletus\n",
    )
    .unwrap();
    let run = run(&[
        "import",
        csv.to_str().unwrap(),
        "--agency",
        "kool",
        "-o",
        dir.path().join("kool.yaml").to_str().unwrap(),
    ]);
    assert_eq!(run.code, 1);
    let shown = run.stderr.replace(&csv.display().to_string(), "kool.csv");
    insta::assert_snapshot!("import_faults_et", shown);
}
