//! Load + validate (`pipeline::check`, which also runs the gap rules on a clean case) of
//! large synthetic cases. The target: the 10,000-event, 60-agency case in under 0.2 s.
//!
//! Each case is generated once, before its first measurement, into a temporary folder;
//! the file reads are part of what is measured (the OS cache keeps them warm).
//! Besides the whole `check`, each stage is measured on its own (`load`, `validate`,
//! `analyse`), so a regression points at its stage.

use std::cell::LazyCell;
use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use casereview::methodology::Methodology;
use casereview::model::Case;
use casereview::synthetic::{SyntheticSpec, write_case};
use casereview::validate::{self, OpenVocabularies};
use casereview::{analysis, load, pipeline};
use criterion::measurement::WallTime;
use criterion::{BenchmarkGroup, Criterion, criterion_group, criterion_main};

/// A generated case folder, checked clean once, and loaded for the later stages.
struct Prepared {
    dir: tempfile::TempDir,
    methodology: Methodology,
    loaded: load::Loaded,
}

impl Prepared {
    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn model(&self) -> &Case {
        self.loaded.case.as_ref().expect("the case loads")
    }
}

/// Generates the case on first use: criterion runs a group's setup even when a filter
/// selects none of its benchmarks, and the 100,000-event case takes a while.
fn prepare(spec: SyntheticSpec) -> LazyCell<Prepared, impl FnOnce() -> Prepared> {
    LazyCell::new(move || {
        let dir = tempfile::tempdir().expect("a temporary folder");
        write_case(&spec, dir.path()).expect("the synthetic case is written");
        let methodology = Methodology::embedded();
        assert_clean(dir.path(), &methodology);
        let loaded = load::load(dir.path()).expect("loaded");
        Prepared {
            dir,
            methodology,
            loaded,
        }
    })
}

/// Runs `check` once and insists on a clean case: a benchmark of a case full of errors
/// would measure the error paths instead (and skip the analysis).
fn assert_clean(case: &Path, methodology: &Methodology) {
    let checked = pipeline::check(case, methodology).expect("the case can be checked");
    let messages: Vec<&str> = checked
        .diagnostics
        .iter()
        .map(|d| d.message.as_str())
        .collect();
    assert!(
        messages.is_empty(),
        "the synthetic case is not clean: {messages:?}"
    );
}

/// `check` and each of its stages on its own, from the output of the stage before.
/// Preparing the case happens outside `b.iter`, before the clock starts.
fn bench_case(
    group: &mut BenchmarkGroup<WallTime>,
    case: &LazyCell<Prepared, impl FnOnce() -> Prepared>,
) {
    group.bench_function("check", |b| {
        let case = &**case;
        b.iter(|| pipeline::check(black_box(case.path()), &case.methodology).expect("checked"))
    });
    group.bench_function("load", |b| {
        let case = &**case;
        b.iter(|| load::load(black_box(case.path())).expect("loaded"))
    });
    group.bench_function("validate", |b| {
        let case = &**case;
        let vocabularies = OpenVocabularies::from_methodology(&case.methodology).expect("embedded");
        let dropped = &case.loaded.dropped_ids;
        b.iter(|| validate::validate(black_box(case.model()), &vocabularies, dropped))
    });
    group.bench_function("analyse", |b| {
        let case = &**case;
        b.iter(|| analysis::analyse(black_box(case.model()), &case.methodology).expect("analysed"))
    });
}

fn ten_thousand_events(c: &mut Criterion) {
    let case = prepare(SyntheticSpec {
        events: 10_000,
        agencies: 60,
        chronology_files: 12,
        seed: 1,
    });
    let mut group = c.benchmark_group("10k_events_60_agencies");
    group.measurement_time(Duration::from_secs(10));
    bench_case(&mut group, &case);
    group.finish();
}

fn hundred_thousand_events(c: &mut Criterion) {
    let case = prepare(SyntheticSpec {
        events: 100_000,
        agencies: 60,
        chronology_files: 30,
        seed: 2,
    });
    let mut group = c.benchmark_group("100k_events_60_agencies");
    group.sample_size(10);
    bench_case(&mut group, &case);
    group.finish();
}

criterion_group!(benches, ten_thousand_events, hundred_thousand_events);
criterion_main!(benches);
