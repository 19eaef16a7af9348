//! What several benchmarks build the same way.

use std::path::Path;

use casereview::methodology::Methodology;
use casereview::model::Language;
use casereview::pipeline;
use casereview::render::{self, Inputs, ReportData};

/// A case's report data as `casereview report` builds it: checked, seen through the view,
/// a draft, compared with no earlier version.
pub fn report_data(case: &Path, methodology: &Methodology, language: Language) -> ReportData {
    let checked = pipeline::check(case, methodology).expect("checked");
    let view = checked
        .view(methodology, language)
        .expect("the methodology loads")
        .expect("clean");
    let inputs = Inputs {
        view: &view,
        checked: &checked,
        methodology,
        draft: true,
        document: render::Document::Report,
        since: None,
    };
    render::build(&inputs).expect("data")
}
