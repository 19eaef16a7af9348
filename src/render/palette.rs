//! Agency colours: one palette for every figure and table. Distinct for up to twelve
//! agencies; beyond that, agencies of one kind share a hue.

use crate::model::{Agency, Vocabulary};

/// Twelve colours distinguishable in print and by most colour-blind readers (Okabe–Ito,
/// extended with muted tones).
const PALETTE: [&str; 12] = [
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#7F7F7F",
    "#8C564B", "#1B3A6B", "#6A8E23", "#B22222",
];

/// The colour of each agency, in the order given.
pub fn agency_colours(agencies: &[Agency]) -> Vec<&'static str> {
    if agencies.len() <= PALETTE.len() {
        return (0..agencies.len()).map(|i| PALETTE[i]).collect();
    }
    agencies
        .iter()
        .map(|a| {
            let kind = crate::model::AgencyKind::WORDS
                .iter()
                .position(|w| *w == a.kind.value.as_str())
                .unwrap_or(0);
            PALETTE[kind % PALETTE.len()]
        })
        .collect()
}
