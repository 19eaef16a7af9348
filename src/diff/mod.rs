//! What changed between two versions of a case (`casereview diff`, `report --since`).
//! Identity is by id (flags by flag id, reviews by the flag they review); nothing else —
//! the file an event sits in, its place in the file — matters. Both sides are the views
//! outputs read, so a confidential notifier is hidden in a diff as everywhere.

mod compare;
mod human;
mod json;

pub use compare::compare;
pub use human::{Style, human};
pub use json::json;

use crate::model::ReviewStatus;

/// Which version a side is: its case id, `version` and document date.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct VersionInfo {
    pub id: String,
    pub version: Option<String>,
    pub date: String,
}

/// Everything that differs between two versions, every list sorted by id.
#[derive(Clone, Debug, Default)]
pub struct CaseDiff {
    pub old: VersionInfo,
    pub new: VersionInfo,
    pub events: Changes,
    pub agencies: Changes,
    pub people: Changes,
    /// Agencies whose submitted chronology NEW has and OLD has not.
    pub received: Vec<String>,
    /// Agencies whose submitted chronology OLD had and NEW has not.
    pub withdrawn: Vec<String>,
    pub flags: FlagChanges,
    pub reviews: Vec<ReviewChange>,
    pub episodes: Changes,
    pub findings: Changes,
    pub recommendations: Changes,
    /// Flags the new version leaves unreviewed.
    pub unreviewed: usize,
}

/// Items of one kind added, removed and changed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Changes {
    pub added: Vec<Item>,
    pub removed: Vec<Item>,
    pub changed: Vec<Changed>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }
}

/// An item added or removed: its id, and a few words that say which it is.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    pub id: String,
    pub about: String,
}

/// An item in both versions whose fields differ.
#[derive(Clone, Debug, PartialEq)]
pub struct Changed {
    pub id: String,
    pub about: String,
    pub fields: Vec<FieldChange>,
}

/// One field (the format's key name) with its value in each version, as written
/// (`None`: absent).
#[derive(Clone, Debug, PartialEq)]
pub struct FieldChange {
    pub name: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct FlagChanges {
    pub new: Vec<Item>,
    pub gone: Vec<Item>,
    pub changed: Vec<Changed>,
}

/// A verdict given, changed or withdrawn (`None`: no review).
#[derive(Clone, Debug, PartialEq)]
pub struct ReviewChange {
    pub flag: String,
    pub from: Option<ReviewStatus>,
    pub to: Option<ReviewStatus>,
}

impl CaseDiff {
    /// Whether the versions differ in anything the diff compares.
    pub fn is_empty(&self) -> bool {
        [
            &self.events,
            &self.agencies,
            &self.people,
            &self.episodes,
            &self.findings,
            &self.recommendations,
        ]
        .iter()
        .all(|c| c.is_empty())
            && self.received.is_empty()
            && self.withdrawn.is_empty()
            && self.flags == FlagChanges::default()
            && self.reviews.is_empty()
    }
}
