//! casereview: multi-agency retrospective reviews of child-protection cases.
//!
//! The pipeline, one module a stage: [`load`] (YAML → [`model`]), [`validate`]
//! (→ [`diagnostics`]), [`graph`], [`analysis`] (gap rules), then the outputs.

pub mod analysis;
pub mod anonymise;
pub mod assets;
pub mod cli;
pub mod diagnostics;
pub mod diff;
pub mod export;
pub mod files;
pub mod format;
pub mod graph;
pub mod import;
pub mod load;
pub mod methodology;
pub mod model;
pub mod pipeline;
pub mod progress;
pub mod render;
pub mod stats;
/// Large valid cases for benchmarks and tests (feature `synthetic`, on for them only).
#[cfg(feature = "synthetic")]
pub mod synthetic;
pub mod validate;
