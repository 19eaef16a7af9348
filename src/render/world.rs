//! The report's Typst world with the case's clock. typst-as-lib's world fixes "now" to the
//! moment it is built, which `datetime.today()` in a `--template` would print: two runs of
//! the same case would differ, and a report would carry the day it was typeset instead of
//! its own. This world is the built one in everything but `today()`.

use typst::diag::FileResult;
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, Source};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, World};

pub struct Dated<'w, W> {
    inner: &'w W,
    /// `None` (a case without a usable date) makes `datetime.today()` an error, never the
    /// clock.
    today: Option<Datetime>,
}

impl<'w, W: World> Dated<'w, W> {
    pub fn new(inner: &'w W, today: Option<chrono::NaiveDate>) -> Self {
        use chrono::Datelike;
        let today = today.and_then(|d| {
            Datetime::from_ymd(
                d.year(),
                u8::try_from(d.month()).ok()?,
                u8::try_from(d.day()).ok()?,
            )
        });
        Dated { inner, today }
    }
}

impl<W: World> World for Dated<'_, W> {
    fn library(&self) -> &LazyHash<Library> {
        self.inner.library()
    }

    fn book(&self) -> &LazyHash<FontBook> {
        self.inner.book()
    }

    fn main(&self) -> FileId {
        self.inner.main()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        self.inner.source(id)
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        self.inner.file(id)
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.inner.font(index)
    }

    /// The case's date, whatever the offset: a review's date is a calendar day, the same in
    /// every time zone.
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        self.today
    }
}
