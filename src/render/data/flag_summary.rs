//! The flags counted by agency and rule, and grouped by rule: what the report's flags section
//! shows when a case has too many flags for one block each (a generated 2,000-event case has
//! 4,020, which took 300 pages that way). Counted here, not in the template: Typst grouping
//! 4,000 flags itself took over a second, and templates lay data out, they do not compute.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

/// A flag as counted: its id and the agency it hangs on, as the report names it.
pub struct Counted<'a> {
    pub id: &'a str,
    pub agency: &'a str,
}

/// A rule of the catalogue as a group's heading shows it.
pub struct RuleHeading<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub severity: &'a str,
}

#[derive(Serialize)]
pub struct FlagSummary {
    /// The codes of the rules that fired, in code order: the table's columns.
    pub codes: Vec<String>,
    /// One row per agency a flag is anchored at, in the report's agency order.
    pub rows: Vec<AgencyCounts>,
    /// Flags per rule, over all agencies (in the order of `codes`).
    pub totals: Vec<usize>,
    /// Each rule's flags, in the order of `codes`.
    pub groups: Vec<RuleFlags>,
}

#[derive(Serialize)]
pub struct AgencyCounts {
    pub agency: String,
    /// Flags per rule (in the order of `codes`).
    pub counts: Vec<usize>,
    pub total: usize,
}

#[derive(Serialize)]
pub struct RuleFlags {
    pub code: String,
    pub name: String,
    pub severity: String,
    /// Indices into the analysis' `flags`, whose order they keep.
    pub flags: Vec<usize>,
}

/// A flag id starts with its rule's code (`G004:e018`).
fn code_of(id: &str) -> &str {
    id.split(':').next().unwrap_or(id)
}

/// `agencies` are the names of the report's agency table, in its order.
pub(super) fn summarise(
    flags: &[Counted],
    agencies: &[&str],
    rules: &[RuleHeading],
) -> FlagSummary {
    let mut codes: Vec<&str> = flags.iter().map(|f| code_of(f.id)).collect();
    codes.sort_unstable();
    codes.dedup();
    let column: HashMap<&str, usize> = codes.iter().enumerate().map(|(i, c)| (*c, i)).collect();

    // Agencies in the order of the report's agency table; a flag anchored nowhere (`—`) or
    // at an agency the table does not show comes after them, in order of appearance.
    let anchored: HashSet<&str> = flags.iter().map(|f| f.agency).collect();
    let mut agencies: Vec<&str> = agencies
        .iter()
        .copied()
        .filter(|name| anchored.contains(name))
        .collect();
    for flag in flags {
        if !agencies.contains(&flag.agency) {
            agencies.push(flag.agency);
        }
    }
    let row_of: HashMap<&str, usize> = agencies.iter().enumerate().map(|(i, a)| (*a, i)).collect();

    let mut counts = vec![vec![0; codes.len()]; agencies.len()];
    let mut groups: Vec<Vec<usize>> = vec![Vec::new(); codes.len()];
    for (i, flag) in flags.iter().enumerate() {
        // Both are there: the columns and rows were made from these very flags.
        if let (Some(&c), Some(&r)) = (column.get(code_of(flag.id)), row_of.get(flag.agency)) {
            counts[r][c] += 1;
            groups[c].push(i);
        }
    }
    let rule = |code: &str| rules.iter().find(|r| r.code == code);
    FlagSummary {
        totals: groups.iter().map(Vec::len).collect(),
        rows: agencies
            .iter()
            .zip(counts)
            .map(|(agency, counts)| AgencyCounts {
                agency: (*agency).to_owned(),
                total: counts.iter().sum(),
                counts,
            })
            .collect(),
        groups: codes
            .iter()
            .zip(groups)
            .map(|(code, flags)| RuleFlags {
                code: (*code).to_owned(),
                name: rule(code).map_or(String::new(), |r| r.name.to_owned()),
                severity: rule(code).map_or(String::new(), |r| r.severity.to_owned()),
                flags,
            })
            .collect(),
        codes: codes.into_iter().map(str::to_owned).collect(),
    }
}
