//! The on-screen view in a real browser: headless Chromium, network off. Each test opens a
//! view the binary wrote and asserts what a user would see and do. Without Chromium (plain
//! `cargo test` on a fresh machine) each test says so and passes; `.ci/run` installs it
//! and sets `CASEREVIEW_BROWSER_TESTS=required`, so there a missing browser fails.

mod cdp;
#[path = "../common/mod.rs"]
mod common;

use std::io::Write;
use std::path::{Path, PathBuf};

use cdp::Browser;
use common::*;

/// The browser, or `None` after saying plainly that these tests are skipped.
fn browser(test: &str) -> Option<Browser> {
    match cdp::find() {
        Some(chromium) => Some(Browser::launch(&chromium)),
        None if std::env::var("CASEREVIEW_BROWSER_TESTS").as_deref() == Ok("required") => {
            panic!("{test}: CASEREVIEW_BROWSER_TESTS=required, but no Chromium was found")
        }
        None => {
            // Straight to the terminal: the test harness would hide `eprintln!` of a test that passes.
            let _ = writeln!(
                std::io::stderr(),
                "SKIPPED {test}: no Chromium (set CHROMIUM or install chromium; .ci/run does)"
            );
            None
        }
    }
}

/// Writes the view of `case` into a temporary folder.
fn view(case: &Path, lang: &str) -> (tempfile::TempDir, PathBuf) {
    let (dir, out, run) = report_into(case, "case.html", &["--format", "html", "--lang", lang]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    (dir, out)
}

/// Opens a view, waits until its long lists are filled (`data-ready`), and checks what
/// every page must hold: no error, no request.
fn open(browser: &mut Browser, file: &Path) {
    browser.open(file);
    browser.eval(
        "new Promise(done => { const ready = () => document.documentElement.dataset.ready \
         ? done(true) : setTimeout(ready, 10); ready(); })",
    );
    let errors = browser.errors();
    assert!(errors.is_empty(), "console errors: {errors:#?}");
    let requests = browser.requests_beyond(file);
    assert!(
        requests.is_empty(),
        "requests beyond the file: {requests:?}"
    );
}

fn count(browser: &mut Browser, selector: &str) -> u64 {
    let expression = format!("document.querySelectorAll({selector:?}).length");
    browser.eval(&expression).as_u64().unwrap()
}

#[test]
fn every_event_and_flag_is_on_the_page() {
    let Some(mut browser) = browser("every_event_and_flag_is_on_the_page") else {
        return;
    };
    for lang in ["et", "en"] {
        let (_dir, file) = view(&repo().join("examples/mets-2024"), lang);
        open(&mut browser, &file);
        let data = browser.eval("JSON.parse(document.getElementById('report-data').textContent)");
        let events = data["chronology"].as_array().unwrap();
        let flags = data["flags"].as_array().unwrap();
        assert_eq!(
            count(&mut browser, "#chronology tr[data-event]") as usize,
            events.len()
        );
        for event in events {
            let id = event["id"].as_str().unwrap();
            assert_eq!(
                count(&mut browser, &format!("#chronology [data-event=\"{id}\"]")),
                1,
                "{id}"
            );
        }
        assert_eq!(
            count(&mut browser, "#flags [data-flag]") as usize,
            flags.len()
        );
        // Every event but the outcome has its mark or arrow on the timeline.
        assert_eq!(
            count(&mut browser, "#timeline [data-event]") as usize,
            events.len() - 1
        );
        // Evidence and flag ids are links, not their addresses written out.
        assert!(count(&mut browser, "#flags a[data-goto]") >= flags.len() as u64);
        let beside: usize = data["event_flags"]
            .as_object()
            .unwrap()
            .values()
            .map(|ids| ids.as_array().unwrap().len())
            .sum();
        assert_eq!(
            count(&mut browser, "#chronology a[data-flag-link]") as usize,
            beside
        );
        let text = browser.eval("document.body.textContent");
        assert!(
            !text.as_str().unwrap().contains("file://"),
            "an address shown as text"
        );
        let title = browser.eval("document.querySelector('h1').textContent");
        assert_eq!(title, "Tagantjärele analüüs: Laps M");
        let lang_attr = browser.eval("document.documentElement.lang");
        assert_eq!(lang_attr, lang);
    }
}

#[test]
fn clicking_an_event_shows_its_source_in_the_details() {
    let Some(mut browser) = browser("clicking_an_event_shows_its_source_in_the_details") else {
        return;
    };
    let (_dir, file) = view(&repo().join("examples/mets-2024"), "en");
    open(&mut browser, &file);
    // In the chronology, and on the timeline (keyboard: Enter on the focused mark).
    browser.eval("document.querySelector('#chronology tr[data-event=\"e018\"]').click()");
    let details = browser.eval("document.getElementById('details').textContent");
    let source = browser.eval(
        "JSON.parse(document.getElementById('report-data').textContent).chronology.find(r => r.id === 'e018').source",
    );
    assert!(
        details.as_str().unwrap().contains(source.as_str().unwrap()),
        "{details}"
    );
    assert!(details.as_str().unwrap().contains("G012:e018"), "{details}");
    browser.eval(
        "(() => { const mark = document.querySelector('#timeline [data-event=\"e007\"]'); mark.focus(); \
         mark.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true })); })()",
    );
    let details = browser.eval("document.getElementById('details').textContent");
    assert!(details.as_str().unwrap().contains("Perearst"), "{details}");
    assert!(browser.errors().is_empty(), "{:?}", browser.errors());
}

#[test]
fn the_search_box_hides_rows_that_do_not_match() {
    let Some(mut browser) = browser("the_search_box_hides_rows_that_do_not_match") else {
        return;
    };
    let (_dir, file) = view(&repo().join("examples/mets-2024"), "en");
    open(&mut browser, &file);
    let total = count(&mut browser, "#chronology tbody tr");
    browser.eval(
        "(() => { const box = document.querySelector('input[type=search]'); box.value = 'lasteabi'; \
         box.dispatchEvent(new Event('input')); })()",
    );
    let shown = browser.eval(
        "[...document.querySelectorAll('#chronology tbody tr')].filter(r => !r.hidden).map(r => r.textContent.toLowerCase())",
    );
    let shown = shown.as_array().unwrap();
    assert!(
        !shown.is_empty() && (shown.len() as u64) < total,
        "{shown:?}"
    );
    assert!(
        shown
            .iter()
            .all(|r| r.as_str().unwrap().contains("lasteabi"))
    );
    // Emptying the box shows every row again.
    browser.eval(
        "(() => { const box = document.querySelector('input[type=search]'); box.value = ''; \
         box.dispatchEvent(new Event('input')); })()",
    );
    let hidden = browser.eval("document.querySelectorAll('#chronology tbody tr[hidden]').length");
    assert_eq!(hidden, 0);
}

#[test]
fn a_lane_can_be_hidden_and_a_flag_filtered_and_chosen() {
    let Some(mut browser) = browser("a_lane_can_be_hidden_and_a_flag_filtered_and_chosen") else {
        return;
    };
    let (_dir, file) = view(&repo().join("examples/mets-2024"), "en");
    open(&mut browser, &file);
    assert_eq!(
        count(&mut browser, "#timeline g.lane[data-agency=\"emo\"]"),
        1
    );
    browser.eval("document.querySelector('#timeline input[data-agency=\"emo\"]').click()");
    assert_eq!(
        count(&mut browser, "#timeline g.lane[data-agency=\"emo\"]"),
        0
    );
    assert_eq!(count(&mut browser, "#timeline [data-event=\"e018\"]"), 0);
    // The rule filter keeps one rule's flags.
    browser.eval(
        "(() => { const select = document.querySelector('#flags select'); select.value = 'G006'; \
         select.dispatchEvent(new Event('change')); })()",
    );
    let visible = browser.eval(
        "[...document.querySelectorAll('#flags [data-flag]')].filter(f => !f.hidden).map(f => f.dataset.flag)",
    );
    let visible = visible.as_array().unwrap();
    assert_eq!(visible.len(), 6, "{visible:?}");
    assert!(
        visible
            .iter()
            .all(|f| f.as_str().unwrap().starts_with("G006:"))
    );
    // Choosing a flag highlights its events in the chronology.
    browser.eval("document.querySelector('#flags [data-flag=\"G004:e018\"]').click()");
    let highlighted = browser.eval(
        "[...document.querySelectorAll('#chronology tr.highlighted')].map(r => r.dataset.event)",
    );
    assert!(
        highlighted.as_array().unwrap().iter().any(|e| e == "e018"),
        "{highlighted}"
    );
    assert!(browser.errors().is_empty(), "{:?}", browser.errors());
}

/// The shared hostile strings and injections of our own show as text and run nothing.
#[test]
fn hostile_strings_show_as_text_and_run_nothing() {
    let Some(mut browser) = browser("hostile_strings_show_as_text_and_run_nothing") else {
        return;
    };
    let injections = [
        "<img src=x onerror=\"window.__pwned = 1\">",
        "<script>window.__pwned = 1</script>",
        "\"><svg onload=\"window.__pwned = 1\">",
        "javascript:window.__pwned = 1",
        "</script><script>window.__pwned = 1</script>",
    ];
    let mut strings = fixture_strings();
    strings.extend(injections.map(str::to_owned));
    let case = case_with_summaries(&strings);
    let (_dir, file) = view(case.path(), "en");
    open(&mut browser, &file);
    assert_eq!(browser.eval("window.__pwned === undefined"), true);
    assert_eq!(count(&mut browser, "#app img, #app script, #app iframe"), 0);
    let summaries = browser.eval(
        "[...document.querySelectorAll('#chronology tbody tr td:nth-child(4)')].map(td => td.firstChild ? td.firstChild.textContent : '')",
    );
    let summaries: Vec<&str> = summaries
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    for injected in injections {
        assert!(
            summaries.contains(&injected),
            "{injected} not shown as text"
        );
    }
    for line in std::fs::read_to_string(repo().join("tests/fixtures/hostile-strings.txt"))
        .unwrap()
        .lines()
    {
        assert!(summaries.contains(&line), "{line:?} not shown as written");
    }
}

/// A confidential notifier is hidden exactly as in the PDF.
#[test]
fn the_view_names_no_confidential_notifier() {
    let Some(mut browser) = browser("the_view_names_no_confidential_notifier") else {
        return;
    };
    let (_dir, file) = view(&repo().join("tests/fixtures/hidden-notifier"), "en");
    open(&mut browser, &file);
    let text = browser.eval("document.body.textContent");
    let text = text.as_str().unwrap();
    for name in ["Shelter", "Lighthouse", "shelter-x", "Neighbour", "Juhan"] {
        assert!(!text.contains(name), "{name} shown");
    }
    assert!(text.contains("Notifier (confidential)"), "{text}");
}

/// The harness sees what it must: a script the policy does not allow (as if markup had been
/// smuggled into the page) is refused, and the refusal is reported as an error.
#[test]
fn a_script_the_policy_does_not_allow_is_refused_and_reported() {
    let Some(mut browser) = browser("a_script_the_policy_does_not_allow_is_refused_and_reported")
    else {
        return;
    };
    let (dir, file) = view(&repo().join("examples/mets-2024"), "en");
    let page = std::fs::read_to_string(&file).unwrap();
    let smuggled = dir.path().join("smuggled.html");
    std::fs::write(
        &smuggled,
        page.replace(
            "<div id=\"app\">",
            "<script>window.__ran = 1</script><div id=\"app\">",
        ),
    )
    .unwrap();
    browser.open(&smuggled);
    assert_eq!(browser.eval("window.__ran === undefined"), true);
    let errors = browser.errors();
    assert!(
        errors.iter().any(|e| e.contains("Content Security Policy")),
        "{errors:#?}"
    );
}

/// With `--since`, the view marks what changed, as the meeting pack does.
#[test]
fn with_since_the_changes_are_marked() {
    let Some(mut browser) = browser("with_since_the_changes_are_marked") else {
        return;
    };
    let (_versions, old, new) = versions();
    let (_dir, file, run) = report_into(
        &new,
        "pack.html",
        &[
            "--format",
            "html",
            "--since",
            old.to_str().unwrap(),
            "--lang",
            "en",
        ],
    );
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    open(&mut browser, &file);
    assert_eq!(
        count(&mut browser, "#chronology tr.new[data-event=\"e030\"]"),
        1
    );
    assert_eq!(
        count(&mut browser, "#chronology tr.changed[data-event=\"e005\"]"),
        1
    );
    assert_eq!(
        count(&mut browser, "#chronology tr.changed[data-event=\"e003\"]"),
        0
    );
    let section = browser.eval("document.getElementById('changes').textContent");
    let section = section.as_str().unwrap();
    assert!(
        section.contains("Changes since version") && section.contains("e016"),
        "{section}"
    );
}

/// A case larger than the rows built at once: a search typed while the lists are still
/// filling holds for the rows built after it, and every event and flag arrives.
#[test]
fn rows_built_after_opening_follow_the_search_typed_before() {
    let Some(mut browser) = browser("rows_built_after_opening_follow_the_search_typed_before")
    else {
        return;
    };
    let case = tempfile::tempdir().unwrap();
    let spec = casereview::synthetic::SyntheticSpec {
        events: 600,
        agencies: 12,
        chronology_files: 3,
        seed: 11,
    };
    casereview::synthetic::write_case(&spec, case.path()).unwrap();
    let (_dir, file) = view(case.path(), "en");
    // The search is typed as soon as the page has loaded, while rows are still to come.
    browser.open(&file);
    browser.eval(
        "(() => { const box = document.querySelector('input[type=search]'); box.value = 'school'; \
         box.dispatchEvent(new Event('input')); })()",
    );
    browser.eval(
        "new Promise(done => { const ready = () => document.documentElement.dataset.ready \
         ? done(true) : setTimeout(ready, 10); ready(); })",
    );
    assert!(browser.errors().is_empty(), "{:?}", browser.errors());
    let data = browser.eval("JSON.parse(document.getElementById('report-data').textContent)");
    let events = data["chronology"].as_array().unwrap().len() as u64;
    let flags = data["flags"].as_array().unwrap().len() as u64;
    assert!(
        events > 500 && flags > 100,
        "{events} events, {flags} flags"
    );
    assert_eq!(count(&mut browser, "#chronology tbody tr"), events);
    assert_eq!(count(&mut browser, "#flags [data-flag]"), flags);
    let wrong = browser.eval(
        "[...document.querySelectorAll('#chronology tbody tr')].filter(r => r.hidden === r.textContent.toLowerCase().includes('school')).length",
    );
    assert_eq!(wrong, 0);
    let shown = count(&mut browser, "#chronology tbody tr:not([hidden])");
    assert!(shown > 0 && shown < events, "{shown} of {events}");
}
