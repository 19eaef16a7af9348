//! `stats` across many reviews: 200 generated reviews of 500 events each (100,000 events in
//! all) gathered into the tables, counted, and written as Parquet. The target: under 3 s,
//! and under 1 GiB of memory (each review is reduced to rows as soon as it is analysed).
//! Peak memory is measured on the command line: `CASEREVIEW_KEEP_REVIEWS=DIR cargo bench
//! --bench stats -- none` writes the reviews to DIR (and measures nothing), then
//! `/usr/bin/time -v casereview stats DIR --format parquet -o tables --allow-identifiable`.
//! (The generated reviews have absolute dates: anonymising 200 of them is not what is measured.)

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use casereview::methodology::Methodology;
use casereview::stats::{self, Summary};
use casereview::synthetic::{SyntheticSpec, write_case};
use criterion::{Criterion, criterion_group, criterion_main};

const REVIEWS: u64 = 200;

fn write_reviews(dir: &Path) {
    for seed in 1..=REVIEWS {
        let spec = SyntheticSpec {
            events: 500,
            agencies: 12,
            chronology_files: 3,
            seed,
        };
        write_case(&spec, &dir.join(format!("review-{seed:03}")))
            .expect("the synthetic review is written");
    }
}

/// What `casereview stats DIR --format parquet` does, up to the files' bytes.
fn stats_parquet(dir: &Path, methodology: &Methodology) -> usize {
    let gathered =
        stats::gather(&[dir.to_path_buf()], methodology, true).expect("the reviews are gathered");
    let summary = Summary::of(&gathered.tables, &[], Vec::new(), Vec::new());
    assert_eq!(summary.reviews, REVIEWS as usize);
    gathered
        .tables
        .all()
        .into_iter()
        .map(|table| stats::parquet::write(table).expect("written").len())
        .sum()
}

fn bench(c: &mut Criterion) {
    let methodology = Methodology::embedded();
    if let Ok(keep) = std::env::var("CASEREVIEW_KEEP_REVIEWS") {
        write_reviews(&PathBuf::from(keep));
    }
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut group = c.benchmark_group("stats");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(30));
    let mut written = false;
    group.bench_function("200-reviews-500-events", |b| {
        // Generated on first use: criterion runs setup even when a filter selects nothing.
        if !written {
            write_reviews(dir.path());
            written = true;
        }
        b.iter(|| stats_parquet(black_box(dir.path()), &methodology))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
