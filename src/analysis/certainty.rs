//! Three-valued answers: dates known only to the month or year can leave a rule unable to
//! decide. A rule fires only when it would for every placement of each imprecise date.

/// Whether a condition holds for every placement of the dates involved, for none, or
/// depends on where inside their intervals the imprecise dates fall.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Certainty {
    Always,
    Depends,
    Never,
}

impl Certainty {
    pub fn from_bounds(holds_at_best: bool, holds_at_worst: bool) -> Self {
        match (holds_at_best, holds_at_worst) {
            (_, true) => Certainty::Always,
            (true, false) => Certainty::Depends,
            (false, false) => Certainty::Never,
        }
    }

    pub fn and(self, other: Certainty) -> Certainty {
        use Certainty::*;
        match (self, other) {
            (Never, _) | (_, Never) => Never,
            (Always, Always) => Always,
            _ => Depends,
        }
    }

    /// For an "any of" over several candidates.
    pub fn or(self, other: Certainty) -> Certainty {
        !(!self).and(!other)
    }
}

impl std::ops::Not for Certainty {
    type Output = Certainty;

    fn not(self) -> Certainty {
        match self {
            Certainty::Always => Certainty::Never,
            Certainty::Never => Certainty::Always,
            Certainty::Depends => Certainty::Depends,
        }
    }
}
