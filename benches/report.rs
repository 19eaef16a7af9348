//! The report end to end (check, data, Typst source, typesetting, PDF): the shared example,
//! and a generated 2,000-event case. Targets: the example under 0.5 s, within 1.2 × Typst
//! compiling the same generated source alone; 2,000 events under 4 s. Peak memory is
//! measured on the command line: `CASEREVIEW_KEEP_CASE=DIR cargo bench --bench report --
//! none` writes the generated case to DIR (and measures nothing), then
//! `/usr/bin/time -v casereview report DIR -o out.pdf`.

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use casereview::methodology::Methodology;
use casereview::model::Language;
use casereview::render::{self, Templates};
use casereview::synthetic::{SyntheticSpec, write_case};
use criterion::{Criterion, criterion_group, criterion_main};

mod support;

/// The whole report, as `casereview report` makes it, up to the PDF's bytes.
fn report_pdf(case: &Path, methodology: &Methodology, templates: &Templates) -> Vec<u8> {
    let data = support::report_data(case, methodology, Language::Et);
    let source = render::source(&data, templates, Language::Et).expect("source");
    let document = render::compile(&source).expect("typeset");
    render::pdf(&document, &data.case.meta.case_id).expect("pdf")
}

fn bench(c: &mut Criterion) {
    let methodology = Methodology::embedded();
    let templates = Templates::embedded();
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/mets-2024");
    let mut group = c.benchmark_group("report");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    group.bench_function("mets-2024", |b| {
        b.iter(|| report_pdf(black_box(&example), &methodology, &templates))
    });

    let large = tempfile::tempdir().expect("a temporary folder");
    let spec = SyntheticSpec {
        events: 2_000,
        agencies: 30,
        chronology_files: 6,
        seed: 7,
    };
    write_case(&spec, large.path()).expect("the synthetic case is written");
    if let Ok(keep) = std::env::var("CASEREVIEW_KEEP_CASE") {
        write_case(&spec, Path::new(&keep)).expect("the synthetic case is kept");
    }
    group.bench_function("generated-2000-events", |b| {
        b.iter(|| report_pdf(black_box(large.path()), &methodology, &templates))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
