//! The case's types: ids, dates as intervals, events, agencies. No I/O, nothing of ours imported.

mod case;
mod date;
mod span;
mod vocabulary;

pub use case::*;
pub use date::{Date, DateError, Period, Precision, days_after, days_before, days_between};
pub use span::{FileId, Id, Span, Spanned};
pub use vocabulary::*;

mod flag_id;
pub use flag_id::{AnchorKind, FlagId, FlagIdError};
