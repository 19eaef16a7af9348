//! Outputs other than the report: the analysed case as plain tables for other tools.

pub mod chronology;
