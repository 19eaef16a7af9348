//! Synthetic case folders of any size, for benchmarks and tests: valid, clean (no
//! diagnostic at all) and the same bytes for the same seed.
//!
//! The shape imitates a real review: one lead child-protection agency involved throughout,
//! a mix of schools, police, health services and foreign authorities each involved for a
//! stretch, handoffs of which about half are answered, assessments and services that start
//! and later end, meetings of the agencies recently in touch with the child, decisions,
//! incidents, and one outcome at the end. Every person, agency and event is invented.
//! The gap rules do flag such a case (mostly G009 and G004): flags are not diagnostics.
//!
//! There are no `move` events: the case has a single `residence` period, and a move
//! without a matching residence change is a warning.

mod files;
mod random;
mod story;
mod timeline;

use std::path::Path;

use files::*;
use random::SplitMix64;
use story::*;
use timeline::Timeline;

/// How large a case to generate, and from which seed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntheticSpec {
    /// Events in all, the outcome included (at least 1).
    pub events: usize,
    /// Agencies in all, the lead included (at least 1).
    pub agencies: usize,
    /// ChronologyDraft files besides `case.yaml` (at most). Agencies are spread over them so
    /// that the files are of similar size; a file that would hold no event is not written.
    pub chronology_files: usize,
    pub seed: u64,
}

/// Writes the case into `dir` (created if needed; best empty: a stray YAML file in
/// `dir/chronology/` would be an unlisted chronology).
///
/// Fails with `InvalidInput` if a file would exceed the format's 16 MiB limit (one agency
/// with too many events); nothing is written then.
pub fn write_case(spec: &SyntheticSpec, dir: &Path) -> std::io::Result<()> {
    let files = case_text(spec);
    let limit = crate::files::MAX_FILE_BYTES as usize;
    if let Some((path, text)) = files.iter().find(|(_, text)| text.len() > limit) {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!(
                "{path} would be {} bytes, over the 16 MiB limit: use more chronology files",
                text.len()
            ),
        ));
    }
    for (path, text) in files {
        let full = dir.join(path);
        if let Some(parent) = full.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(full, text)?;
    }
    Ok(())
}

/// The files of the case: (path relative to the case folder, text). `case.yaml` first.
pub fn case_text(spec: &SyntheticSpec) -> Vec<(String, String)> {
    let mut rng = SplitMix64::new(spec.seed);
    let frame = Frame::new(spec.seed, &mut rng);
    let agencies = agencies(spec.agencies.max(1), &mut rng);
    let events = Timeline::new(&frame, &agencies, &mut rng).generate(spec.events.max(1));
    let analysis = ReviewerAnalysis::new(&events, &agencies, &mut rng);
    let counts = events_per_agency(&events, agencies.len());
    let buckets = spread_agencies(&counts, spec.chronology_files);

    // A chronology file needs events; a bucket of idle agencies writes no file.
    let chronologies: Vec<ChronologyDraft> = buckets[1..]
        .iter()
        .filter(|bucket| bucket.iter().any(|&a| counts[a] > 0))
        .filter_map(|bucket| ChronologyDraft::new(bucket, &agencies))
        .collect();
    let case = build_case(&frame, &agencies, &chronologies, &events, &analysis);
    let mut files = crate::format::write::files(&case, &crate::format::write::AsWritten);
    files[0].1.insert_str(
        0,
        "# A synthetic case: every person, agency and event is invented.\n",
    );
    files
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::methodology::Methodology;
    use crate::model::{EventKind, Vocabulary};
    use crate::pipeline;

    fn small() -> SyntheticSpec {
        SyntheticSpec {
            events: 200,
            agencies: 12,
            chronology_files: 3,
            seed: 7,
        }
    }

    #[test]
    fn a_generated_case_checks_clean() {
        let dir = tempfile::tempdir().unwrap();
        write_case(&small(), dir.path()).unwrap();
        let checked = pipeline::check(dir.path(), &Methodology::embedded()).unwrap();
        let listing: Vec<String> = checked
            .diagnostics
            .iter()
            .map(|d| format!("{} {} {:?}", d.code.as_str(), d.message, d.span))
            .collect();
        assert!(listing.is_empty(), "diagnostics:\n{}", listing.join("\n"));
        let case = checked.case.expect("the case loads");
        assert_eq!(case.events.len(), 200);
        assert_eq!(case.agencies.len(), 12);
        assert_eq!(case.chronologies.len(), 3);
    }

    #[test]
    fn many_seeds_and_shapes_check_clean() {
        let shapes = [(1, 1, 0), (2, 2, 5), (50, 3, 1), (1500, 25, 6)];
        for (seed, (events, agencies, chronology_files)) in shapes.into_iter().enumerate() {
            let spec = SyntheticSpec {
                events,
                agencies,
                chronology_files,
                seed: seed as u64 * 1000 + 3,
            };
            let dir = tempfile::tempdir().unwrap();
            write_case(&spec, dir.path()).unwrap();
            let checked = pipeline::check(dir.path(), &Methodology::embedded()).unwrap();
            let codes: Vec<_> = checked.diagnostics.iter().map(|d| &d.message).collect();
            assert!(codes.is_empty(), "{spec:?}: {codes:?}");
            assert_eq!(checked.case.unwrap().events.len(), events, "{spec:?}");
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_bytes() {
        assert_eq!(case_text(&small()), case_text(&small()));
        let other = SyntheticSpec { seed: 8, ..small() };
        assert_ne!(case_text(&small()), case_text(&other));
    }

    #[test]
    fn about_half_of_the_handoffs_are_answered_and_every_kind_but_move_occurs() {
        let dir = tempfile::tempdir().unwrap();
        let spec = SyntheticSpec {
            events: 5000,
            ..small()
        };
        write_case(&spec, dir.path()).unwrap();
        let case = crate::load::load(dir.path()).unwrap().case.unwrap();
        let handoffs = case.events.iter().filter(|e| e.kind.is_handoff()).count();
        let answers = case.events.iter().filter(|e| e.reply_to.is_some()).count();
        let share = answers as f64 / handoffs as f64;
        assert!((0.35..0.65).contains(&share), "{answers} of {handoffs}");
        for kind in EventKind::WORDS.iter().filter(|k| **k != "move") {
            assert!(
                case.events.iter().any(|e| e.kind.as_str() == *kind),
                "no `{kind}` event"
            );
        }
    }
}
