//! What the report does with text it was not written for: any Unicode in free text, control
//! characters, a `--template` that asks for the clock, and errors in a template.

mod common;

use std::path::{Path, PathBuf};

use common::*;

fn pdf_text(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap();
    let text = pdf_extract::extract_text_from_mem(&bytes).expect("text can be extracted");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn report(case: &Path, extra: &[&str]) -> (tempfile::TempDir, PathBuf, Run) {
    report_into(case, "report.pdf", extra)
}

/// The base case with children's messages in summaries: emoji (a ZWJ family, a skin tone,
/// a flag, a keycap), CJK, fullwidth Latin, Thai, and a bell written as `\a`.
fn case_in_many_scripts() -> tempfile::TempDir {
    let dir = copy_case(&repo().join("tests/fixtures/base"));
    let summaries = [
        (
            "Home visit after the school's referral.",
            "Child wrote: \\\"I am scared 😢💔\\\" 👍🏽 👨‍👩‍👧 🇪🇪 1️⃣",
        ),
        (
            "A plan was agreed with the family.",
            "Quoted: 漢字テスト ＦＵＬＬ end",
        ),
        ("Admitted to hospital.", "Thai: สวัสดีครับ end"),
        (
            "Child F was admitted to hospital.",
            "Child F rang the bell\\aat night.",
        ),
    ];
    for (from, to) in summaries {
        edit(
            dir.path(),
            "case.yaml",
            &format!("summary: \"{from}\""),
            &format!("summary: \"{to}\""),
        );
    }
    dir
}

#[test]
fn emoji_thai_cjk_and_control_characters_render_in_both_languages() {
    let case = case_in_many_scripts();
    for lang in ["en", "et"] {
        let (_dir, pdf, run) = report(case.path(), &["--lang", lang]);
        assert_eq!(run.code, 0, "{lang}: {}", run.stderr);
        let text = pdf_text(&pdf);
        for emoji in ['😢', '💔', '👍'] {
            assert!(text.contains(emoji), "{lang}: {emoji} missing in {text}");
        }
        // pdf-extract splits Thai clusters (poppler reads them whole), so only the
        // consonants are looked for; a placeholder would mean no font was found.
        let thai: String = text
            .split("Thai: ")
            .nth(1)
            .unwrap_or_default()
            .chars()
            .take(16)
            .collect();
        assert!(
            thai.starts_with('ส') && thai.contains('ค') && !thai.contains('\u{FFFD}'),
            "{lang}: Thai is shown: {thai}"
        );
        // No embedded font has CJK or fullwidth forms: a placeholder for each character.
        assert!(text.contains("Quoted: ����� ���� end"), "{lang}: {text}");
        assert!(!text.contains('漢') && !text.contains('Ｆ'));
        // The bell is left out; the words around it stay.
        assert!(text.contains("the bellat night."), "{lang}: {text}");
    }
}

#[test]
fn check_warns_at_the_control_character() {
    let case = case_in_many_scripts();
    let run = run(&["check", case.path().to_str().unwrap()]);
    assert_eq!(run.code, 0, "a warning, not an error: {}", run.stdout);
    assert!(
        run.stdout.contains("warning[W0110]") && run.stdout.contains("case.yaml:16:36"),
        "{}",
        run.stdout
    );
    // Only the bell: emoji, CJK and Thai are text, not faults.
    assert_eq!(run.stdout.matches("W0110").count(), 1, "{}", run.stdout);
}

/// Every string of the hostile and Unicode fixtures, each a summary of its own event: the
/// report is written whatever they hold.
#[test]
fn hostile_and_unicode_strings_all_render() {
    let dir = case_with_summaries(&fixture_strings());
    let checked = run(&["check", dir.path().to_str().unwrap()]);
    assert_eq!(checked.code, 0, "{}", checked.stdout);
    for lang in ["en", "et"] {
        let (_out, pdf, run) = report(dir.path(), &["--lang", lang]);
        assert_eq!(run.code, 0, "{lang}: {}", run.stderr);
        let text = pdf_text(&pdf);
        assert!(
            text.contains("mari@mail.ee") && text.contains("😀"),
            "{text}"
        );
    }
}

/// A template of its own that prints the clock: the case's date, whenever it is typeset.
#[test]
fn a_template_sees_the_case_date_as_today() {
    let templates = tempfile::tempdir().unwrap();
    std::fs::write(
        templates.path().join("report.typ.j2"),
        "#set document(title: \"Clock\", date: datetime.today())\n#set text(lang: \"en\")\n= Clock\nToday is #datetime.today().display(\"[year]-[month]-[day]\").\n",
    )
    .unwrap();
    let case = repo().join("examples/mets-2024");
    let args = ["--template", templates.path().to_str().unwrap()];
    let (_a, first, run) = report(&case, &args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        pdf_text(&first).contains("Today is 2025-02-14."),
        "{}",
        pdf_text(&first)
    );
    let (_b, second, _) = report(&case, &args);
    assert!(std::fs::read(first).unwrap() == std::fs::read(second).unwrap());
}

#[test]
fn a_typst_error_names_the_template_file_and_line() {
    let templates = tempfile::tempdir().unwrap();
    let file = templates.path().join("report.typ.j2");
    std::fs::write(
        &file,
        "{# A loop, so the Typst lines and the template lines differ. #}\n#let d = json(\"data.json\")\n{% for x in [1, 2, 3] %}\n// line {{ x }}\n{% endfor %}\n#set document(title: \"x\")\n= Report\n#this-is-not-defined\n",
    )
    .unwrap();
    let (_dir, out, run) = report(
        &repo().join("examples/mets-2024"),
        &["--template", templates.path().to_str().unwrap()],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    let place = format!("{}:8:", file.display());
    assert!(
        run.stderr.contains(&place) && run.stderr.contains("this-is-not-defined"),
        "{}",
        run.stderr
    );
    assert!(!out.exists());
}

#[test]
fn a_minijinja_error_names_the_template_file_and_line() {
    let templates = tempfile::tempdir().unwrap();
    let file = templates.path().join("report.typ.j2");
    std::fs::write(&file, "= Report\n\n{% for x in %}\n{% endfor %}\n").unwrap();
    let (_dir, _out, run) = report(
        &repo().join("examples/mets-2024"),
        &["--template", templates.path().to_str().unwrap()],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    let place = format!("{}:3:", file.display());
    assert!(
        run.stderr.contains(&place) && run.stderr.contains("syntax error"),
        "{}",
        run.stderr
    );
}
