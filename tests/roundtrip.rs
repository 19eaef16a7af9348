//! The one writer of the format (`format::write`) loses nothing: every example, loaded,
//! written back as it is and loaded again, is the same model (places aside); and the
//! anonymiser's rewrite of it, written by the same writer, loads clean.

mod common;

use casereview::format::write::{self, AsWritten};
use casereview::load;

use common::*;

fn write_into(dir: &std::path::Path, files: &[(String, String)]) {
    for (path, text) in files {
        let full = dir.join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, text).unwrap();
    }
}

#[test]
fn every_example_round_trips_through_the_writer_to_an_equal_model() {
    let mut compared = 0;
    for example in example_cases()
        .into_iter()
        .chain([repo().join("tests/fixtures/hidden-notifier")])
    {
        let original = load::load(&example).unwrap();
        assert!(
            original.diagnostics.is_empty(),
            "{}: {:?}",
            example.display(),
            original.diagnostics
        );
        let case = original.case.unwrap();
        let dir = tempfile::tempdir().unwrap();
        write_into(dir.path(), &write::files(&case, &AsWritten));
        let again = load::load(dir.path()).unwrap();
        assert!(
            again.diagnostics.is_empty(),
            "{}: the written copy has diagnostics {:?}",
            example.display(),
            again.diagnostics
        );
        assert!(
            again.case.as_ref() == Some(&case),
            "{}: the model changed on the way",
            example.display()
        );
        compared += 1;
    }
    assert!(compared >= 4);
}
