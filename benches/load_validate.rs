//! Load + validate (`pipeline::check`) of large synthetic cases. The target: the
//! 10,000-event, 60-agency case in under 0.2 s.
//!
//! The cases are generated once, before measuring, into temporary folders; the file
//! reads are part of what is measured (the OS cache keeps them warm after the first).

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use casereview::methodology::Methodology;
use casereview::synthetic::{SyntheticSpec, write_case};
use casereview::{load, pipeline};
use criterion::{Criterion, criterion_group, criterion_main};

fn generate(spec: &SyntheticSpec) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    write_case(spec, dir.path()).expect("the synthetic case is written");
    dir
}

/// Runs `check` once and insists on a clean case: a benchmark of a case full of errors
/// would measure the error paths instead.
fn assert_clean(case: &Path, methodology: &Methodology) {
    let checked = pipeline::check(case, methodology).expect("the case can be checked");
    assert_eq!(
        checked.diagnostics.len(),
        0,
        "the synthetic case is not clean"
    );
}

fn ten_thousand_events(c: &mut Criterion) {
    let spec = SyntheticSpec {
        events: 10_000,
        agencies: 60,
        chronology_files: 12,
        seed: 1,
    };
    let dir = generate(&spec);
    let methodology = Methodology::embedded();
    assert_clean(dir.path(), &methodology);

    let mut group = c.benchmark_group("10k_events_60_agencies");
    group.measurement_time(Duration::from_secs(10));
    group.bench_function("check", |b| {
        b.iter(|| pipeline::check(black_box(dir.path()), &methodology).expect("checked"))
    });
    // The load stage alone, to tell how the time splits between loading and validating.
    group.bench_function("load", |b| {
        b.iter(|| load::load(black_box(dir.path())).expect("loaded"))
    });
    group.finish();
}

fn hundred_thousand_events(c: &mut Criterion) {
    let spec = SyntheticSpec {
        events: 100_000,
        agencies: 60,
        chronology_files: 30,
        seed: 2,
    };
    let dir = generate(&spec);
    let methodology = Methodology::embedded();
    assert_clean(dir.path(), &methodology);

    let mut group = c.benchmark_group("100k_events_60_agencies");
    group.sample_size(10);
    group.bench_function("check", |b| {
        b.iter(|| pipeline::check(black_box(dir.path()), &methodology).expect("checked"))
    });
    group.finish();
}

criterion_group!(benches, ten_thousand_events, hundred_thousand_events);
criterion_main!(benches);
