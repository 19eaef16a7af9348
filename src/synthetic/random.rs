//! The generator's randomness and the invented names and topics it draws from.

use crate::model::Vocabulary;

/// A small, fast, well-mixed generator (SplitMix64): enough for test data, no dependency.
pub(super) struct SplitMix64(pub(super) u64);

impl SplitMix64 {
    pub(super) fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    pub(super) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0), by multiplication rather than `%` to avoid modulo bias.
    pub(super) fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// A number in `low..=high`.
    pub(super) fn between(&mut self, low: usize, high: usize) -> usize {
        low + self.below(high - low + 1)
    }

    pub(super) fn percent(&mut self, chance: usize) -> bool {
        self.below(100) < chance
    }

    pub(super) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// Any word of a closed vocabulary of the format.
    pub(super) fn word<V: Vocabulary>(&mut self) -> V {
        let word = *self.pick(V::WORDS);
        V::parse(word).expect("the vocabulary's own word")
    }

    /// An item chosen with the given weights (not all zero).
    pub(super) fn weighted<T: Copy>(&mut self, items: &[(T, usize)]) -> T {
        let total: usize = items.iter().map(|(_, w)| w).sum();
        let mut roll = self.below(total);
        for &(item, weight) in items {
            if roll < weight {
                return item;
            }
            roll -= weight;
        }
        unreachable!("the roll is below the total weight")
    }
}

pub(super) use crate::model::{STARTING_CONCERNS as CONCERNS, STARTING_PATTERNS as PATTERNS};

/// People of the case: (id, role, label).
pub(super) const PEOPLE: &[(&str, &str, &str)] = &[
    ("child", "child", "Child S"),
    ("mother", "mother", "Mother"),
    ("father", "father", "Father"),
    ("sibling", "sibling", "Sibling"),
];

pub(super) const TOPICS: &[&str] = &[
    "the child's attendance",
    "bruises noticed on the arm",
    "the family's debts and housing",
    "arguments at home reported by neighbours",
    "the child's weight and missed check-ups",
    "the mother's health",
    "the father's drinking",
    "the child's behaviour in class",
    "nights the child spent away from home",
    "messages from an unknown adult online",
];
