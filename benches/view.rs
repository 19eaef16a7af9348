//! The on-screen view of a generated 2,000-event case: the file's size (target under 5 MB)
//! and the time Chromium takes from navigation to the load event (target under 1 s), the
//! median of repeated opens; beside it, when the long lists are filled (`data-ready`).
//! `CASEREVIEW_VIEW_CASE=DIR` measures that case instead (for one made by
//! `shared/tools/gencase.py`). Needs Chromium (`$CHROMIUM` or on the `PATH`).

// The tests' Chromium driver; the bench uses only part of it.
#[allow(dead_code)]
#[path = "../tests/browser/cdp.rs"]
mod cdp;
mod support;

use std::path::{Path, PathBuf};

use casereview::methodology::Methodology;
use casereview::model::Language;
use casereview::render::{self, Templates};
use casereview::synthetic::{SyntheticSpec, write_case};

const OPENS: usize = 10;

fn view_html(case: &Path, methodology: &Methodology, templates: &Templates) -> String {
    let data = support::report_data(case, methodology, Language::En);
    let strings = templates.translations(Language::En).expect("strings");
    render::html_page(&data, &strings, templates).expect("the view")
}

fn main() {
    // `cargo bench` passes `--bench`; a filter that is not this bench's name skips it.
    if std::env::args()
        .skip(1)
        .any(|a| !a.starts_with('-') && a != "view")
    {
        return;
    }
    let Some(chromium) = cdp::find() else {
        eprintln!("view: no Chromium (set CHROMIUM or install chromium); nothing measured");
        return;
    };
    let generated = tempfile::tempdir().expect("a temporary folder");
    let case: PathBuf = match std::env::var_os("CASEREVIEW_VIEW_CASE") {
        Some(dir) => PathBuf::from(dir),
        None => {
            let spec = SyntheticSpec {
                events: 2_000,
                agencies: 30,
                chronology_files: 6,
                seed: 7,
            };
            write_case(&spec, generated.path()).expect("the synthetic case is written");
            generated.path().to_path_buf()
        }
    };
    let page = view_html(&case, &Methodology::embedded(), &Templates::embedded());
    let file = generated.path().join("view.html");
    std::fs::write(&file, &page).expect("the view is written");
    let mut browser = cdp::Browser::launch(&chromium);
    browser.open(&file); // warm the browser's own caches once
    let mut times = Vec::new();
    let mut ready = Vec::new();
    for _ in 0..OPENS {
        times.push(browser.open(&file));
        let at = browser.eval(
            "new Promise(done => { const ready = () => document.documentElement.dataset.ready \
             ? done(Number(document.documentElement.dataset.ready)) : setTimeout(ready, 5); ready(); })",
        );
        ready.push(at.as_f64().unwrap_or(f64::NAN));
    }
    times.sort();
    ready.sort_by(f64::total_cmp);
    let errors = browser.errors();
    println!(
        "view {}: {:.2} MB, load event in {:.0} ms median (min {:.0}, max {:.0}) over {OPENS} opens, every row built at {:.0} ms median{}",
        case.display(),
        page.len() as f64 / 1_000_000.0,
        times[OPENS / 2].as_secs_f64() * 1000.0,
        times[0].as_secs_f64() * 1000.0,
        times[OPENS - 1].as_secs_f64() * 1000.0,
        ready[OPENS / 2],
        if errors.is_empty() {
            String::new()
        } else {
            format!("; console errors: {errors:?}")
        }
    );
}
