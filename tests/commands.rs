//! The `rules`, `graph` and `schema` commands.

mod common;

use common::*;

#[test]
fn rules_lists_the_whole_catalogue() {
    let run = run(&["rules"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for rule in casereview::analysis::rules::REGISTRY {
        assert!(
            run.stdout.contains(rule.code) && run.stdout.contains(rule.name),
            "{} missing:\n{}",
            rule.code,
            run.stdout
        );
    }
    assert!(run.stdout.contains("knowledge-not-shared"));
}

#[test]
fn one_rule_prints_its_documentation_and_thresholds_in_the_profile() {
    let en = run(&["rules", "G002", "--profile", "en"]);
    assert_eq!(en.code, 0, "{}", en.stderr);
    for heading in [
        "## What it flags",
        "## Why it matters",
        "## Source",
        "## Flagged example",
        "## Not flagged",
        "## Limits",
        "## Thresholds in force",
    ] {
        assert!(en.stdout.contains(heading), "{heading}:\n{}", en.stdout);
    }
    assert!(
        en.stdout.contains("Threshold: 1 working day"),
        "{}",
        en.stdout
    );
    let et = run(&["rules", "g002", "--lang", "et"]);
    assert!(
        et.stdout.contains("## Mida see märgib") && et.stdout.contains("Lävi: 10 päeva"),
        "{}",
        et.stdout
    );
}

#[test]
fn rules_for_a_case_use_its_profile_and_settings() {
    let dir = copy_case(&repo().join("tests/fixtures/base"));
    edit(
        dir.path(),
        "case.yaml",
        "flag_reviews: []",
        "flag_reviews: []\nsettings:\n  profile: fi\n  rules:\n    G003: { days: 21 }\n    G008: { enabled: false }",
    );
    let case = dir.path().to_str().unwrap();
    let g002 = run(&["rules", "G002", "--case", case]);
    assert!(
        g002.stdout.contains("Threshold: 7 working days"),
        "{}",
        g002.stdout
    );
    let g003 = run(&["rules", "G003", "--case", case]);
    assert!(
        g003.stdout.contains("Threshold: 21 days") && g003.stdout.contains("settings.rules"),
        "{}",
        g003.stdout
    );
    let all = run(&["rules", "--case", case]);
    assert!(
        all.stdout
            .lines()
            .any(|l| l.starts_with("G008") && l.contains("(disabled)")),
        "{}",
        all.stdout
    );
}

#[test]
fn an_unknown_rule_is_a_usage_error() {
    let run = run(&["rules", "G099"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no rule `G099`"), "{}", run.stderr);
}

#[test]
fn graph_in_every_format() {
    let case = repo().join("examples/mets-2024");
    let case = case.to_str().unwrap();
    let dot = run(&["graph", case]);
    assert_eq!(dot.code, 0, "{}", dot.stderr);
    assert!(
        dot.stdout.starts_with("digraph case {") && dot.stdout.contains("\"school\" -> \"kov-a\""),
        "{}",
        dot.stdout
    );
    let json = run(&["graph", case, "--format", "json"]);
    let network: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert!(
        network["edges"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["event"] == "e024" && e["kind"] == "handoff")
    );
    let graphml = run(&["graph", case, "--format", "graphml"]);
    assert!(
        graphml.stdout.contains("<graphml")
            && graphml
                .stdout
                .contains("<edge source=\"ska\" target=\"fi-espoo\">"),
        "{}",
        graphml.stdout
    );
}

#[test]
fn graph_hides_a_confidential_notifier() {
    let dir = copy_case(&repo().join("examples/mets-2024"));
    edit(
        dir.path(),
        "case.yaml",
        "    kind: referral\n    to: kov-a\n    concerns: [neglect]\n",
        "    kind: referral\n    to: kov-a\n    notifier_confidential: true\n    concerns: [neglect]\n",
    );
    let json = run(&["graph", dir.path().to_str().unwrap(), "--format", "json"]);
    let network: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let e027 = network["edges"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["event"] == "e027")
        .unwrap();
    assert_eq!(e027["from"], "notifier-confidential");
    let flags = run(&["check", dir.path().to_str().unwrap(), "--format", "json"]);
    let flags: serde_json::Value = serde_json::from_str(&flags.stdout).unwrap();
    let g001 = flags["flags"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "G001:e027")
        .unwrap();
    assert!(g001["agency"].is_null());
    assert!(
        !g001["message"].as_str().unwrap().contains("lasteabi"),
        "{g001}"
    );
}

#[test]
fn schema_is_json_with_both_file_kinds() {
    let run = run(&["schema"]);
    assert_eq!(run.code, 0);
    let schema: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert!(
        schema["$defs"]["caseFile"].is_object() && schema["$defs"]["chronologyFile"].is_object()
    );
}

#[test]
fn a_methodology_folder_overrides_one_file_and_keeps_the_rest() {
    let dir = copy_case(&repo().join("tests/fixtures/base"));
    edit(
        dir.path(),
        "chronology/school.yaml",
        "concerns: [neglect]",
        "concerns: [bullying]",
    );
    let case = dir.path().to_str().unwrap();
    let plain = run(&["check", case]);
    assert_eq!(plain.code, 1, "{}", plain.stdout);
    assert!(
        plain.stdout.contains("`bullying` is not a concern"),
        "{}",
        plain.stdout
    );

    let methodology = tempfile::tempdir().unwrap();
    std::fs::create_dir(methodology.path().join("vocabulary")).unwrap();
    std::fs::write(
        methodology.path().join("vocabulary/concerns.yaml"),
        "words:\n  - { id: neglect, et: Hooletusse jätmine, en: Neglect }\n  - { id: bullying, et: Kiusamine, en: Bullying }\n",
    )
    .unwrap();
    let overridden = run(&[
        "check",
        case,
        "--methodology",
        methodology.path().to_str().unwrap(),
    ]);
    assert_eq!(overridden.code, 0, "{}", overridden.stdout);
}

#[test]
fn a_broken_methodology_override_is_a_usage_error() {
    let methodology = tempfile::tempdir().unwrap();
    std::fs::write(methodology.path().join("rules.yaml"), "rules: [oops]\n").unwrap();
    let run = run(&[
        "check",
        repo().join("examples/mets-2024").to_str().unwrap(),
        "--methodology",
        methodology.path().to_str().unwrap(),
    ]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("methodology/rules.yaml"),
        "{}",
        run.stderr
    );
}

#[test]
fn graph_of_a_case_with_errors_prints_the_diagnostics_and_exits_1() {
    let dir = copy_case(&repo().join("tests/fixtures/base"));
    edit(dir.path(), "case.yaml", "kind: decision", "kind: decisoin");
    let run = run(&["graph", dir.path().to_str().unwrap()]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("E0106") && run.stdout.is_empty(),
        "{}",
        run.stderr
    );
}

#[test]
fn override_files_that_replace_nothing_or_are_not_regular_files_are_skipped_with_a_warning() {
    let methodology = tempfile::tempdir().unwrap();
    let dir = methodology.path();
    std::fs::write(dir.join("rules.yml"), "rules: []\n").unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    std::fs::write(elsewhere.path().join("glossary.yaml"), "terms: []\n").unwrap();
    std::os::unix::fs::symlink(
        elsewhere.path().join("glossary.yaml"),
        dir.join("glossary.yaml"),
    )
    .unwrap();
    std::fs::create_dir(dir.join("vocabulary")).unwrap();
    let fifo = make_fifo(&dir.join("vocabulary/concerns.yaml"));
    let run = run_briefly(&[
        "check",
        repo().join("examples/mets-2024").to_str().unwrap(),
        "--methodology",
        dir.to_str().unwrap(),
    ]);
    // The skipped files change nothing: the embedded ones stay in force.
    assert_eq!(run.code, 0, "{}", run.stderr);
    for expected in [
        "rules.yml replaces no methodology file and is ignored: did you mean `rules.yaml`?",
        "glossary.yaml is a symbolic link, not a regular file: skipped",
    ] {
        assert!(
            run.stderr
                .contains(&format!("warning: {}", dir.join(expected).display()))
                || run.stderr.contains(expected),
            "{expected}:\n{}",
            run.stderr
        );
    }
    if fifo {
        assert!(
            run.stderr
                .contains("concerns.yaml is a named pipe (FIFO), not a regular file: skipped"),
            "{}",
            run.stderr
        );
    }

    let templates = tempfile::tempdir().unwrap();
    std::fs::write(templates.path().join("report.typ"), "= Mine\n").unwrap();
    let out = tempfile::tempdir().unwrap();
    let run = run_briefly(&[
        "report",
        repo().join("examples/mets-2024").to_str().unwrap(),
        "--format",
        "typ",
        "-o",
        out.path().join("report.typ").to_str().unwrap(),
        "--template",
        templates.path().to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "report.typ replaces no template file and is ignored: did you mean `report.typ.j2`?"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn deep_or_oversized_override_yaml_is_refused_before_parsing() {
    let deep = format!(
        "rules: {}1{}\n",
        "{a: ".repeat(100_000),
        "}".repeat(100_000)
    );
    let mut huge = b"rules: []\n# ".to_vec();
    huge.resize(17 * 1024 * 1024, b'x');
    for (text, expected) in [
        (deep.as_bytes(), "nesting deeper than 128 levels"),
        (&huge[..], "at most 16 MiB"),
    ] {
        let methodology = tempfile::tempdir().unwrap();
        std::fs::write(methodology.path().join("rules.yaml"), text).unwrap();
        let started = std::time::Instant::now();
        let run = run_briefly(&[
            "check",
            repo().join("examples/mets-2024").to_str().unwrap(),
            "--methodology",
            methodology.path().to_str().unwrap(),
        ]);
        assert_eq!(run.code, 2, "{}", run.stderr);
        assert!(
            run.stderr.contains("rules.yaml") && run.stderr.contains(expected),
            "{expected}: {}",
            run.stderr
        );
        assert!(
            started.elapsed().as_secs() < 5,
            "took {:?}",
            started.elapsed()
        );
    }

    let templates = tempfile::tempdir().unwrap();
    std::fs::create_dir(templates.path().join("i18n")).unwrap();
    std::fs::write(templates.path().join("i18n/en.yaml"), &deep).unwrap();
    let out = tempfile::tempdir().unwrap();
    let started = std::time::Instant::now();
    let run = run_briefly(&[
        "report",
        repo().join("examples/mets-2024").to_str().unwrap(),
        "--lang",
        "en",
        "--format",
        "typ",
        "-o",
        out.path().join("report.typ").to_str().unwrap(),
        "--template",
        templates.path().to_str().unwrap(),
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        // The override's own path: the user's file, not the embedded one, is at fault.
        run.stderr.contains(&format!(
            "{}",
            templates.path().join("i18n/en.yaml").display()
        )) && run.stderr.contains("nesting deeper than 128 levels"),
        "{}",
        run.stderr
    );
    assert!(
        started.elapsed().as_secs() < 5,
        "took {:?}",
        started.elapsed()
    );
}

#[test]
fn completions_and_the_manual_page_cover_every_command() {
    for shell in ["bash", "zsh", "fish"] {
        let script = run(&["completions", shell]);
        assert_eq!(script.code, 0, "{}", script.stderr);
        for command in ["check", "report", "anonymise", "stats", "completions"] {
            assert!(script.stdout.contains(command), "{shell}: {command}");
        }
    }
    let bad = run(&["completions", "cmd.exe"]);
    assert_eq!(bad.code, 2);
    let man = run(&["man"]);
    assert_eq!(man.code, 0, "{}", man.stderr);
    assert!(man.stdout.starts_with(".ie") || man.stdout.contains(".TH casereview 1"));
    for section in [
        "CASEREVIEW CHECK",
        "CASEREVIEW REPORT",
        "CASEREVIEW IMPORT",
        "CASEREVIEW STATS",
    ] {
        assert!(man.stdout.contains(section), "{section}");
    }
    assert!(
        man.stdout.contains("\\-\\-strict"),
        "options of the subcommands"
    );
}
