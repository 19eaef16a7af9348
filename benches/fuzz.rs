//! The mutation fuzzer's long run: `cargo bench --bench fuzz` runs 1,000,000 mutated
//! example cases in a release build (`CASEREVIEW_FUZZ_INPUTS`, `CASEREVIEW_FUZZ_SEED` and
//! `CASEREVIEW_FUZZ_THREADS` change it), prints what it found and exits 1 on any panic or
//! input over a second; failing inputs are saved under `target/fuzz-crashes/`.

#[path = "../tests/fuzz/harness.rs"]
mod harness;

use std::path::PathBuf;

fn main() {
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let corpus = harness::Corpus::load(&repo);
    let inputs = harness::inputs_wanted(1_000_000);
    let seed = harness::seed_wanted();
    let threads = std::env::var("CASEREVIEW_FUZZ_THREADS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from));
    println!("fuzz: {inputs} inputs, seed {seed:#x}, {threads} thread(s)");
    let outcome = harness::run(
        &corpus,
        seed,
        inputs,
        threads,
        &repo.join("target/fuzz-crashes"),
    );
    println!("fuzz: {}", outcome.summary());
    for (folder, why) in &outcome.panics {
        println!("panic: {} ({why})", folder.display());
    }
    for (folder, took) in &outcome.slow {
        println!("slow: {} ({took:?})", folder.display());
    }
    if !outcome.panics.is_empty() || !outcome.slow.is_empty() {
        std::process::exit(1);
    }
}
