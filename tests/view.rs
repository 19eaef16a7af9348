//! The on-screen view (`report --format html`) without a browser: its embedded data is the
//! report's data, its policy forbids every network source, and no case string can end its
//! data element. The browser tests are in `tests/browser/`.

mod common;

use std::path::Path;

use base64::Engine;
use common::*;
use sha2::{Digest, Sha256};

fn html(case: &Path, extra: &[&str]) -> String {
    let mut args = vec!["--format", "html"];
    args.extend_from_slice(extra);
    let (_dir, out, run) = report_into(case, "case.html", &args);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    std::fs::read_to_string(out).unwrap()
}

/// The text between `open` and the next `close`.
fn between<'a>(text: &'a str, open: &str, close: &str) -> &'a str {
    let start = text.find(open).unwrap_or_else(|| panic!("no {open}")) + open.len();
    let end = text[start..].find(close).unwrap() + start;
    &text[start..end]
}

fn embedded_data(page: &str) -> serde_json::Value {
    let json = between(
        page,
        "<script type=\"application/json\" id=\"report-data\">",
        "</script>",
    );
    serde_json::from_str(json).unwrap()
}

#[test]
fn the_embedded_data_is_the_report_data() {
    let case = repo().join("examples/mets-2024");
    for lang in ["et", "en"] {
        let page = html(&case, &["--lang", lang]);
        let dir = tempfile::tempdir().unwrap();
        let typ = dir.path().join("report.typ");
        let run = run(&[
            "report",
            case.to_str().unwrap(),
            "-o",
            typ.to_str().unwrap(),
            "--format",
            "typ",
            "--lang",
            lang,
        ]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let report: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(dir.path().join("data.json")).unwrap())
                .unwrap();
        assert_eq!(embedded_data(&page), report, "{lang}");
        assert!(page.starts_with(&format!("<!DOCTYPE html>\n<html lang=\"{lang}\">")));
    }
}

#[test]
fn the_policy_allows_only_the_inline_script_and_style() {
    let page = html(&repo().join("examples/mets-2024"), &[]);
    let policy = between(
        &page,
        "<meta http-equiv=\"Content-Security-Policy\" content=\"",
        "\"",
    );
    assert!(policy.starts_with("default-src 'none';"), "{policy}");
    let hash = |text: &str| {
        let digest = Sha256::digest(text.as_bytes());
        format!(
            "'sha256-{}'",
            base64::engine::general_purpose::STANDARD.encode(digest)
        )
    };
    let script = between(&page, "<script>", "</script>");
    let style = between(&page, "<style>", "</style>");
    assert!(
        policy.contains(&format!("script-src {}", hash(script))),
        "{policy}"
    );
    assert!(
        policy.contains(&format!("style-src {}", hash(style))),
        "{policy}"
    );
    assert!(!policy.contains("unsafe"), "{policy}");
}

/// Outside the case's data (whose strings are text), nothing names a network address but
/// the SVG namespace.
#[test]
fn nothing_refers_to_the_network() {
    let page = html(&repo().join("examples/mets-2024"), &[]);
    let data = between(
        &page,
        "<script type=\"application/json\" id=\"report-data\">",
        "</script>",
    );
    let rest = page.replace(data, "");
    let addresses: Vec<&str> = rest
        .match_indices("http")
        .map(|(at, _)| &rest[at..(at + 40).min(rest.len())])
        .filter(|a| a.starts_with("http://") || a.starts_with("https://"))
        .filter(|a| !a.starts_with("http://www.w3.org/2000/svg"))
        .collect();
    assert!(addresses.is_empty(), "{addresses:?}");
    for call in [
        "fetch(",
        "XMLHttpRequest",
        "import(",
        "WebSocket",
        "innerHTML",
    ] {
        assert!(!rest.contains(call), "the view's script uses {call}");
    }
}

/// Hostile and injected strings stay inside the data element, which they cannot close, and
/// arrive in the data as written.
#[test]
fn no_case_string_can_end_the_data_element() {
    let mut strings = fixture_strings();
    strings.extend(
        [
            "</script><script>window.__pwned = 1</script>",
            "<img src=x onerror=\"window.__pwned = 1\">",
            "\"><svg onload=\"window.__pwned = 1\">",
            "javascript:window.__pwned = 1",
            "<!-- <script>",
        ]
        .map(str::to_owned),
    );
    let case = case_with_summaries(&strings);
    let page = html(case.path(), &["--lang", "en"]);
    assert_eq!(
        page.matches("<script").count(),
        3,
        "the data and strings and the script"
    );
    let data = embedded_data(&page);
    let summaries: Vec<&str> = data["chronology"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| row["summary"].as_str().unwrap())
        .collect();
    for injected in &strings[strings.len() - 5..] {
        assert!(summaries.contains(&injected.as_str()), "{injected}");
    }
}
