//! Themes across many reviews (`casereview stats`, `stats.md`): every review under the
//! given folders is checked as `check` checks it, read through the view every output reads
//! (a confidential notifier hidden), and reduced to rows of five tables at once, so no more
//! than a review per thread is held whatever the number of reviews. The counts, the
//! tables' files and the themes document are all made from those rows.

pub mod csv;
mod discover;
pub mod parquet;
mod summary;
pub mod tables;
pub mod themes;

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rayon::prelude::*;

pub use summary::{Counts, Skipped, Summary};
pub use tables::Tables;

use crate::methodology::Methodology;
use crate::model::{DateMode, Language, Status};
use crate::pipeline;

/// Why `stats` could not count at all (exit code 2).
#[derive(Debug)]
pub struct StatsError(pub String);

impl std::fmt::Display for StatsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for StatsError {}

/// The reviews' rows and what was left out.
pub struct Gathered {
    pub tables: Tables,
    pub skipped: Vec<Skipped>,
    /// Reviews not anonymised (no `dates: relative`), refused without `--allow-identifiable`.
    pub refused: Vec<String>,
    /// What the themes document takes from the counted reviews.
    pub marks: Marks,
    /// Every file the reviews were read from: what no output may be written over.
    pub inputs: Vec<PathBuf>,
}

/// What a document made from several reviews must carry of theirs.
#[derive(Clone, Debug, Default)]
pub struct Marks {
    /// The strictest review's classification label (see [`Marks::stricter`]).
    pub classification: Option<String>,
    /// Its `until`, when it has one.
    classification_until: Option<NaiveDate>,
    /// Whether any counted review is still a draft.
    pub draft: bool,
    /// The languages of the counted reviews.
    pub languages: BTreeSet<Language>,
    /// The latest document date among them: the themes' own date (never the clock).
    pub date: Option<NaiveDate>,
}

impl Marks {
    fn of_case(case: &crate::model::Case) -> Marks {
        let classification = case.meta.classification.as_ref();
        Marks {
            classification: classification.map(|c| c.label.value.clone()),
            classification_until: classification
                .and_then(|c| c.until.as_ref())
                .map(|u| u.value.last_day()),
            draft: case.meta.status != Status::Final,
            languages: BTreeSet::from([case.meta.language]),
            date: Some(case.document_date().first_day()),
        }
    }

    /// Strictness has no scale in the format (a label is free text): a classified review
    /// is stricter than one that is not, one restricted without end stricter than one with
    /// an end, and of two ends the later is stricter. Of two equally strict, the first stays.
    fn strictness(&self) -> (bool, bool, Option<NaiveDate>) {
        (
            self.classification.is_some(),
            self.classification.is_some() && self.classification_until.is_none(),
            self.classification_until,
        )
    }

    fn join(mut self, other: Marks) -> Marks {
        if other.strictness() > self.strictness() {
            self.classification = other.classification;
            self.classification_until = other.classification_until;
        }
        self.draft |= other.draft;
        self.languages.extend(other.languages);
        self.date = self.date.max(other.date);
        self
    }
}

/// What became of one review folder.
enum Reviewed {
    Counted {
        id: String,
        tables: Box<Tables>,
        marks: Marks,
    },
    Skipped {
        id: Option<String>,
        errors: usize,
    },
    Refused {
        id: String,
    },
}

/// Finds the reviews under `dirs`, checks each and reduces it to rows. Fails (exit code 2)
/// on a folder that cannot be read, when no review is found, and when two reviews share a
/// `case.id`: then nothing is counted.
pub fn gather(
    dirs: &[PathBuf],
    methodology: &Methodology,
    allow_identifiable: bool,
) -> Result<Gathered, StatsError> {
    let folders = discover::review_folders(dirs)?;
    if folders.is_empty() {
        let names: Vec<String> = dirs.iter().map(|d| d.display().to_string()).collect();
        return Err(StatsError(format!(
            "no review found: no folder under {} holds a case.yaml",
            names.join(", ")
        )));
    }
    // Side by side, in folder order whichever finishes first; each review's case and
    // analysis are dropped as soon as its rows are made.
    let reviewed: Vec<(Reviewed, Vec<PathBuf>)> = folders
        .par_iter()
        .map(|folder| review(folder, methodology, allow_identifiable))
        .collect::<Result<_, _>>()?;
    let (reviewed, inputs): (Vec<Reviewed>, Vec<Vec<PathBuf>>) = reviewed.into_iter().unzip();
    refuse_duplicate_ids(&folders, &reviewed)?;

    let mut gathered = Gathered {
        tables: Tables::default(),
        skipped: Vec::new(),
        refused: Vec::new(),
        marks: Marks::default(),
        inputs: inputs.into_iter().flatten().collect(),
    };
    let mut marks: Option<Marks> = None;
    for (folder, reviewed) in folders.iter().zip(reviewed) {
        let path = folder.display().to_string();
        match reviewed {
            Reviewed::Counted {
                tables,
                marks: review_marks,
                ..
            } => {
                gathered.tables.append(*tables);
                marks = Some(match marks {
                    Some(so_far) => so_far.join(review_marks),
                    None => review_marks,
                });
            }
            Reviewed::Skipped { errors, .. } => gathered.skipped.push(Skipped { path, errors }),
            Reviewed::Refused { .. } => gathered.refused.push(path),
        }
    }
    gathered.marks = marks.unwrap_or_default();
    Ok(gathered)
}

fn review(
    folder: &Path,
    methodology: &Methodology,
    allow_identifiable: bool,
) -> Result<(Reviewed, Vec<PathBuf>), StatsError> {
    let checked = pipeline::check(folder, methodology)
        .map_err(|e| StatsError(format!("{}: {e}", folder.display())))?;
    Ok((
        reduce(&checked, methodology, allow_identifiable)?,
        checked.input_files(),
    ))
}

/// A checked review as rows, or why it is not counted.
fn reduce(
    checked: &pipeline::Checked,
    methodology: &Methodology,
    allow_identifiable: bool,
) -> Result<Reviewed, StatsError> {
    let id = checked.case.as_ref().map(|c| c.meta.id.value.clone());
    let (Some(case), 0) = (&checked.case, checked.errors()) else {
        return Ok(Reviewed::Skipped {
            id,
            errors: checked.errors(),
        });
    };
    let id = case.meta.id.value.clone();
    if case.meta.dates != DateMode::Relative && !allow_identifiable {
        return Ok(Reviewed::Refused { id });
    }
    let view = checked
        .view(methodology, case.meta.language)
        .map_err(|e| StatsError(e.to_string()))?
        .ok_or_else(|| {
            let folder = checked.folder.display();
            StatsError(format!("{folder}: the case was not analysed"))
        })?;
    let profile = checked
        .analysis
        .as_ref()
        .map_or("", |a| a.profile.id.as_str());
    Ok(Reviewed::Counted {
        tables: Box::new(Tables::of_review(&view, profile)),
        marks: Marks::of_case(&view.case),
        id,
    })
}

/// Two reviews with one `case.id` would merge in every table: a usage error naming both.
fn refuse_duplicate_ids(folders: &[PathBuf], reviewed: &[Reviewed]) -> Result<(), StatsError> {
    let mut first: HashMap<&str, &Path> = HashMap::new();
    for (folder, reviewed) in folders.iter().zip(reviewed) {
        let id = match reviewed {
            Reviewed::Counted { id, .. } | Reviewed::Refused { id } => Some(id.as_str()),
            Reviewed::Skipped { id, .. } => id.as_deref(),
        };
        let Some(id) = id else { continue };
        if let Some(earlier) = first.insert(id, folder) {
            return Err(StatsError(format!(
                "two reviews have the case id `{id}`: {} and {}; give each review its own `case.id`",
                earlier.display(),
                folder.display()
            )));
        }
    }
    Ok(())
}
