//! The tables of `stats` (`stats.md`): their columns, and one review's rows, read from the
//! view every output reads (a confidential notifier already hidden). Only ids, vocabulary
//! words and numbers go in: no summary, title, name or note, so the tables can be shared.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::analysis::{Flag, rules};
use crate::graph::CaseGraph;
use crate::model::{Case, Date, Vocabulary, days_between};
use crate::pipeline::CaseView;

/// The types of the tables' columns (days are integers).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Type {
    Text,
    Integer,
    Boolean,
}

/// One column: its name, type and whether it may be null.
#[derive(Clone, Copy, Debug)]
pub struct Column {
    pub name: &'static str,
    pub kind: Type,
    pub nullable: bool,
}

const fn text(name: &'static str) -> Column {
    Column {
        name,
        kind: Type::Text,
        nullable: false,
    }
}

const fn integer(name: &'static str) -> Column {
    Column {
        name,
        kind: Type::Integer,
        nullable: false,
    }
}

const fn boolean(name: &'static str) -> Column {
    Column {
        name,
        kind: Type::Boolean,
        nullable: false,
    }
}

const fn or_null(column: Column) -> Column {
    Column {
        nullable: true,
        ..column
    }
}

/// One cell. `Null` only in a nullable column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    Text(String),
    Integer(i64),
    Boolean(bool),
    Null,
}

impl Value {
    pub fn integer(&self) -> Option<i64> {
        match self {
            Value::Integer(n) => Some(*n),
            _ => None,
        }
    }

    pub fn boolean(&self) -> Option<bool> {
        match self {
            Value::Boolean(b) => Some(*b),
            _ => None,
        }
    }

    pub fn text(&self) -> Option<&str> {
        match self {
            Value::Text(t) => Some(t),
            _ => None,
        }
    }

    fn text_or_null(text: Option<&str>) -> Value {
        text.map_or(Value::Null, |t| Value::Text(t.to_owned()))
    }

    fn integer_or_null(n: Option<i64>) -> Value {
        n.map_or(Value::Null, Value::Integer)
    }

    fn count(n: usize) -> Value {
        Value::Integer(i64::try_from(n).unwrap_or(i64::MAX))
    }

    fn word<V: Vocabulary>(word: V) -> Value {
        Value::Text(word.as_str().to_owned())
    }
}

/// A table's name (its file's stem), columns in order, and rows.
pub struct Table {
    pub name: &'static str,
    pub columns: &'static [Column],
    pub rows: Vec<Vec<Value>>,
}

impl Table {
    fn index(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.name == name)
    }

    /// The values of one column, in row order.
    pub fn column(&self, name: &str) -> impl Iterator<Item = &Value> {
        let index = self.index(name);
        self.rows.iter().filter_map(move |row| row.get(index?))
    }

    /// A row's value in the column `name` (null when there is no such column).
    pub fn cell<'r>(&self, row: &'r [Value], name: &str) -> &'r Value {
        self.index(name)
            .and_then(|i| row.get(i))
            .unwrap_or(&Value::Null)
    }

    /// The sum of an integer column.
    pub fn sum(&self, name: &str) -> i64 {
        self.column(name).filter_map(Value::integer).sum()
    }
}

pub const REVIEWS: &[Column] = &[
    text("case_id"),
    text("outcome_kind"),
    text("profile"),
    text("dates_mode"),
    integer("events"),
    integer("agencies"),
    integer("handoffs"),
    integer("flags"),
    integer("flags_reviewed"),
    or_null(integer("first_concern_days")),
];

pub const FLAGS: &[Column] = &[
    text("case_id"),
    text("flag_id"),
    text("code"),
    text("rule"),
    text("severity"),
    or_null(text("agency_kind")),
    or_null(integer("days_before_outcome")),
    or_null(text("review_status")),
];

pub const AGENCIES: &[Column] = &[
    text("case_id"),
    text("agency_id"),
    text("kind"),
    text("country"),
    integer("events"),
    boolean("child_seen"),
    integer("handoffs_sent"),
    integer("handoffs_received"),
];

pub const FINDINGS: &[Column] = &[
    text("case_id"),
    text("finding_id"),
    text("kind"),
    or_null(text("pattern")),
];

pub const RECOMMENDATIONS: &[Column] = &[
    text("case_id"),
    text("recommendation_id"),
    or_null(text("strength")),
    or_null(text("priority")),
    text("status"),
];

/// The five tables, in the order of `stats.md`.
pub struct Tables {
    pub reviews: Table,
    pub flags: Table,
    pub agencies: Table,
    pub findings: Table,
    pub recommendations: Table,
}

impl Default for Tables {
    fn default() -> Self {
        let table = |name, columns| Table {
            name,
            columns,
            rows: Vec::new(),
        };
        Tables {
            reviews: table("reviews", REVIEWS),
            flags: table("flags", FLAGS),
            agencies: table("agencies", AGENCIES),
            findings: table("findings", FINDINGS),
            recommendations: table("recommendations", RECOMMENDATIONS),
        }
    }
}

impl Tables {
    pub fn all(&self) -> [&Table; 5] {
        [
            &self.reviews,
            &self.flags,
            &self.agencies,
            &self.findings,
            &self.recommendations,
        ]
    }

    fn all_mut(&mut self) -> [&mut Table; 5] {
        [
            &mut self.reviews,
            &mut self.flags,
            &mut self.agencies,
            &mut self.findings,
            &mut self.recommendations,
        ]
    }

    /// Appends another set of rows (one review's, or several reviews'), table by table.
    pub fn append(&mut self, other: Tables) {
        for (mine, theirs) in self.all_mut().into_iter().zip(other.into_tables()) {
            mine.rows.extend(theirs.rows);
        }
    }

    fn into_tables(self) -> [Table; 5] {
        [
            self.reviews,
            self.flags,
            self.agencies,
            self.findings,
            self.recommendations,
        ]
    }

    /// One review's rows, read from its view; `profile` is the threshold profile in force.
    pub fn of_review(view: &CaseView<'_>, profile: &str) -> Tables {
        let case: &Case = &view.case;
        let id = || Value::Text(case.meta.id.value.clone());
        let graph = CaseGraph::build(case);
        let outcome = case.meta.outcome.date.value;
        let mut tables = Tables::default();

        let flags: &[Flag] = &view.flags;
        tables.reviews.rows.push(vec![
            id(),
            Value::word(case.meta.outcome.kind.value),
            Value::Text(profile.to_owned()),
            Value::word(case.meta.dates),
            Value::count(case.events.len()),
            Value::count(case.agencies.len()),
            Value::count(graph.handoffs.len()),
            Value::count(flags.len()),
            Value::count(flags.iter().filter(|f| f.is_reviewed()).count()),
            Value::integer_or_null(first_concern(case).map(|day| days_before(day, &outcome))),
        ]);

        let kinds: HashMap<&str, &str> = case
            .agencies
            .iter()
            .map(|a| (a.id.as_str(), a.kind.value.as_str()))
            .collect();
        for flag in flags {
            let agency_kind = flag
                .agency
                .as_ref()
                .and_then(|a| kinds.get(a.as_str()).copied());
            tables.flags.rows.push(vec![
                id(),
                Value::Text(flag.id.to_string()),
                Value::Text(flag.id.code.clone()),
                Value::text_or_null(rules::rule(&flag.id.code).map(|r| r.name)),
                Value::Text(flag.severity.clone()),
                Value::text_or_null(agency_kind),
                Value::integer_or_null(
                    flag.date
                        .is_precise()
                        .then(|| days_before(flag.date.first_day(), &outcome)),
                ),
                Value::text_or_null(flag.review.as_ref().map(|r| r.status.value.as_str())),
            ]);
        }

        for agency in &case.agencies {
            let agency_id = agency.id.as_str();
            let own: Vec<_> = graph.timeline.of_agency(agency_id).collect();
            let sent = graph.handoffs.iter().filter(|h| h.from == agency_id);
            let received = graph.handoffs.iter().filter(|h| h.to == agency_id);
            tables.agencies.rows.push(vec![
                id(),
                Value::Text(agency_id.to_owned()),
                Value::word(agency.kind.value),
                Value::Text(agency.country.value.clone()),
                Value::count(own.len()),
                Value::Boolean(own.iter().any(|e| e.child_seen)),
                Value::count(sent.count()),
                Value::count(received.count()),
            ]);
        }

        for finding in &case.findings {
            tables.findings.rows.push(vec![
                id(),
                Value::Text(finding.id.value.to_string()),
                Value::word(finding.kind.value),
                Value::text_or_null(finding.pattern.as_ref().map(|p| p.value.as_str())),
            ]);
        }

        for recommendation in &case.recommendations {
            tables.recommendations.rows.push(vec![
                id(),
                Value::Text(recommendation.id.value.to_string()),
                recommendation
                    .strength
                    .as_ref()
                    .map_or(Value::Null, |s| Value::word(s.value)),
                recommendation
                    .priority
                    .as_ref()
                    .map_or(Value::Null, |p| Value::word(p.value)),
                Value::word(recommendation.status()),
            ]);
        }
        tables
    }
}

/// The first day of the earliest event that records a concern: a `concern` event, or any
/// event listing `concerns` (a referral often does). An imprecise date counts from its
/// first day, the earliest the concern can have been recorded.
fn first_concern(case: &Case) -> Option<NaiveDate> {
    case.events
        .iter()
        .filter(|e| e.kind.value == crate::model::EventKind::Concern || !e.concerns.is_empty())
        .map(|e| e.date.value.first_day())
        .min()
}

/// Whole days from `day` to the outcome's day: positive before it, negative after.
fn days_before(day: NaiveDate, outcome: &Date) -> i64 {
    days_between(day, outcome.first_day())
}
