//! `casereview diff OLD NEW`: identity by id, what counts as a change, the JSON, `git:REV`.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{copy_dir, edit, repo, run, versions};

fn diff_json(old: &str, new: &Path) -> serde_json::Value {
    let out = run(&["diff", old, new.to_str().unwrap(), "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    serde_json::from_str(&out.stdout).unwrap()
}

fn ids(value: &serde_json::Value) -> Vec<&str> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect()
}

#[test]
fn diff_reports_each_kind_of_change_by_id() {
    let (_dir, old, new) = versions();
    let diff = diff_json(old.to_str().unwrap(), &new);
    assert_eq!(ids(&diff["events"]["added"]), ["e030"]);
    assert_eq!(ids(&diff["events"]["removed"]), ["e016"]);
    let changed = &diff["events"]["changed"];
    // e003 moved to another file: no change; e026's source is hidden with its notifier.
    assert_eq!(
        changed,
        &serde_json::json!([
            {"id": "e005", "fields": ["summary"]},
            {"id": "e020", "fields": ["date"]},
        ])
    );
    assert_eq!(ids(&diff["agencies"]["added"]), ["fi-police"]);
    assert_eq!(ids(&diff["chronologies"]["received"]), ["police"]);
    assert_eq!(
        diff["reviews"]["changed"],
        serde_json::json!([{"flag": "G002:e002", "from": null, "to": "confirmed"}])
    );
    assert_eq!(diff["old"]["version"], "0.2");
    assert_eq!(diff["new"]["version"], "0.3");
    assert_eq!(diff["summary"]["events_added"], 1);
    assert_eq!(diff["summary"]["reviews_changed"], 1);
}

#[test]
fn diff_json_snapshot() {
    let (_dir, old, new) = versions();
    let diff = diff_json(old.to_str().unwrap(), &new);
    insta::assert_snapshot!("diff_json", serde_json::to_string_pretty(&diff).unwrap());
}

#[test]
fn human_and_markdown_show_old_and_new_values_but_never_the_notifier() {
    let (_dir, old, new) = versions();
    for format in ["human", "md"] {
        let out = run(&[
            "diff",
            old.to_str().unwrap(),
            new.to_str().unwrap(),
            "--format",
            format,
        ]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert!(
            out.stdout
                .contains("Kodukülastus. Kodu korras, külmkapp peaaegu tühi.")
        );
        assert!(out.stdout.contains("Kodukülastus. Külmkapp oli tühi."));
        assert!(
            out.stdout.contains("2023-06 → 2023-06-20"),
            "{}",
            out.stdout
        );
        assert!(!out.stdout.contains("SALAJANE"), "{}", out.stdout);
        assert!(
            !out.stdout.contains("Lasteabi pöördumine"),
            "{}",
            out.stdout
        );
    }
}

#[test]
fn identical_versions_differ_in_nothing() {
    let example = repo().join("examples/mets-2024");
    let out = run(&["diff", example.to_str().unwrap(), example.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("no changes"), "{}", out.stdout);
}

#[test]
fn another_case_id_is_a_warning_and_still_compared() {
    let (_dir, old, new) = versions();
    edit(&new, "case.yaml", "id: EE-DEMO-01", "id: EE-DEMO-02");
    let out = run(&["diff", old.to_str().unwrap(), new.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.contains("different cases"), "{}", out.stderr);
    assert!(out.stdout.contains("e030"));
}

#[test]
fn errors_on_either_side_are_labelled_and_exit_1() {
    let (_dir, old, new) = versions();
    edit(
        &old,
        "case.yaml",
        "    agency: fam-dr\n    kind: info_share",
        "    agency: fam-drx\n    kind: info_share",
    );
    let out = run(&["diff", old.to_str().unwrap(), new.to_str().unwrap()]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(out.stderr.contains("old version"), "{}", out.stderr);
    assert!(
        out.stderr.contains("E0102") || out.stderr.contains("error["),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains("new version"), "{}", out.stderr);
}

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args([
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@t",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?}");
}

/// A repository with the old version committed, then the new one in its work tree.
fn repository() -> (tempfile::TempDir, PathBuf) {
    let (dir, old, new) = versions();
    let repo = dir.path().join("repo");
    let case = repo.join("cases/mets");
    copy_dir(&old, &case);
    git(&repo, &["init", "-q"]);
    git(&repo, &["add", "."]);
    git(&repo, &["commit", "-q", "-m", "old"]);
    std::fs::remove_dir_all(&case).unwrap();
    copy_dir(&new, &case);
    (dir, case)
}

#[test]
fn git_revision_is_read_without_touching_the_work_tree() {
    let (_dir, case) = repository();
    let before = std::fs::read_to_string(case.join("case.yaml")).unwrap();
    let from_git = diff_json("git:HEAD", &case);
    let folder = case
        .parent()
        .unwrap()
        .parent()
        .unwrap()
        .parent()
        .unwrap()
        .join("old");
    let from_folder = diff_json(folder.to_str().unwrap(), &case);
    assert_eq!(from_git, from_folder);
    assert_eq!(
        std::fs::read_to_string(case.join("case.yaml")).unwrap(),
        before
    );
    // The case file given instead of its folder names the same folder at the revision.
    assert_eq!(diff_json("git:HEAD", &case.join("case.yaml")), from_folder);
}

#[test]
fn git_faults_are_usage_errors() {
    let (_dir, case) = repository();
    let case = case.to_str().unwrap();
    let out = run(&["diff", "git:no-such-rev", case]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("unknown revision"), "{}", out.stderr);

    let outside = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("examples/mets-2024"), outside.path());
    let out = run(&["diff", "git:HEAD", outside.path().to_str().unwrap()]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("not inside a git repository"),
        "{}",
        out.stderr
    );

    // A case folder added after the revision.
    let later = Path::new(case).parent().unwrap().join("later");
    copy_dir(&repo().join("examples/mets-2024"), &later);
    let out = run(&["diff", "git:HEAD", later.to_str().unwrap()]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("has no"), "{}", out.stderr);
}
