//! The mutation fuzzer under `cargo test`: 10,000 mutated example cases (or
//! `CASEREVIEW_FUZZ_INPUTS`), none of which may panic or take a second. A failing input
//! is saved under `target/fuzz-crashes/` and its folder printed; `cargo bench --bench
//! fuzz` runs 1,000,000 in a release build.

mod harness;

use std::path::PathBuf;

#[test]
fn mutated_examples_neither_panic_nor_take_a_second() {
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let corpus = harness::Corpus::load(&repo);
    let inputs = harness::inputs_wanted(10_000);
    let crashes = repo.join("target/fuzz-crashes");
    let outcome = harness::run(&corpus, harness::seed_wanted(), inputs, 2, &crashes);
    eprintln!("fuzz: {}", outcome.summary());
    assert!(outcome.panics.is_empty(), "panics: {:#?}", outcome.panics);
    assert!(
        outcome.slow.is_empty(),
        "over a second: {:#?}",
        outcome.slow
    );
    // The mutations must leave most inputs loadable and many clean enough to reach the
    // rules and the report's data, or the harness would test the YAML parser only.
    assert!(outcome.loaded * 2 > inputs, "{}", outcome.summary());
    assert!(outcome.built * 10 > inputs, "{}", outcome.summary());
}

#[test]
fn the_same_seed_gives_the_same_inputs() {
    let corpus = harness::Corpus::load(&PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    for index in [0, 1, 977] {
        assert_eq!(
            corpus.input(7, index).files,
            corpus.input(7, index).files,
            "input {index}"
        );
    }
    assert_ne!(corpus.input(7, 0).files, corpus.input(8, 0).files);
}
