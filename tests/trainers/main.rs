//! The trainers' and agencies' commands: `anonymise`, `exercise`, `import`, `chronology`.
//! One test binary for the four, so the suite links the Typst stack once for them.

#[path = "../common/mod.rs"]
mod common;

mod anonymise;
mod chronology;
mod errors;
mod exercise;
mod import;
mod interrupted;
mod recall;
