//! Day arithmetic: a delay is the later date's first day minus the earlier date's last day,
//! in calendar days or in working days (Monday to Friday, less the profile's holidays).

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate};

use super::Certainty;
use crate::methodology::{Duration, Profile};
use crate::model::Date;

/// Counts days between dates, with the profile's public holidays for working days.
pub struct Calendar {
    holidays: BTreeSet<NaiveDate>,
}

impl Calendar {
    /// Holidays are computed for every year from `first_year` to `last_year`.
    pub fn new(profile: &Profile, first_year: i32, last_year: i32) -> Self {
        let holidays = (first_year..=last_year)
            .flat_map(|year| profile.holidays_in(year))
            .collect();
        Calendar { holidays }
    }

    pub fn is_working_day(&self, day: NaiveDate) -> bool {
        !crate::methodology::is_weekend(day) && !self.holidays.contains(&day)
    }

    /// Days from `from` to `to` in the unit of `limit` (negative when `to` is earlier).
    /// Working days count those after `from` up to and including `to`.
    pub fn span(&self, from: NaiveDate, to: NaiveDate, limit: Duration) -> i64 {
        match limit {
            Duration::Days(_) => (to - from).num_days(),
            Duration::WorkingDays(_) if to <= from => (to - from).num_days(),
            Duration::WorkingDays(_) => from
                .iter_days()
                .skip(1)
                .take_while(|d| *d <= to)
                .filter(|d| self.is_working_day(*d))
                .count() as i64,
        }
    }

    /// Whether the delay from `earlier` to `later` is longer than `limit`: for every
    /// placement of the dates (the shortest span), for none (the longest), or it depends.
    pub fn longer_than(&self, earlier: &Date, later: &Date, limit: Duration) -> Certainty {
        let n = i64::from(limit.amount());
        let shortest = self.span(earlier.last_day(), later.first_day(), limit);
        let longest = self.span(earlier.first_day(), later.last_day(), limit);
        Certainty::from_bounds(longest > n, shortest > n)
    }

    /// The same between a date and a known day (a reach, a window's edge).
    pub fn longer_than_until(
        &self,
        earlier: &Date,
        until: NaiveDate,
        limit: Duration,
    ) -> Certainty {
        self.longer_than(earlier, &Date::from_day(until), limit)
    }

    /// The years a case's dates span, for [`Calendar::new`].
    pub fn years_of<'a>(dates: impl Iterator<Item = &'a Date>) -> (i32, i32) {
        let years: Vec<i32> = dates.map(|d| d.first_day().year()).collect();
        let first = years.iter().min().copied().unwrap_or(2000);
        let last = years.iter().max().copied().unwrap_or(2000);
        (first - 1, last + 2)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::methodology::Methodology;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn date(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn working_days_skip_weekends_and_holidays() {
        let en = Methodology::embedded().profile("en").unwrap();
        let calendar = Calendar::new(&en, 2022, 2025);
        let wd = Duration::WorkingDays(1);
        // Thursday → next Monday = 2; Friday → Saturday = 0 (the design's examples).
        assert_eq!(calendar.span(day("2024-05-16"), day("2024-05-20"), wd), 2);
        assert_eq!(calendar.span(day("2024-05-17"), day("2024-05-18"), wd), 0);
        // Maundy Thursday → the Tuesday after Easter: Good Friday and Easter Monday skipped.
        assert_eq!(calendar.span(day("2022-04-14"), day("2022-04-19"), wd), 1);
    }

    #[test]
    fn imprecise_dates_decide_only_when_every_placement_agrees() {
        let ee = Methodology::embedded().profile("ee").unwrap();
        let calendar = Calendar::new(&ee, 2022, 2024);
        let ten = Duration::Days(10);
        assert_eq!(
            calendar.longer_than(&date("2022-02-01"), &date("2022-02-24"), ten),
            Certainty::Always
        );
        assert_eq!(
            calendar.longer_than(&date("2022-02-01"), &date("2022-02-11"), ten),
            Certainty::Never
        );
        assert_eq!(
            calendar.longer_than(&date("2022-02"), &date("2022-02-20"), ten),
            Certainty::Depends
        );
        assert_eq!(
            calendar.longer_than(&date("2022-01"), &date("2022-03-15"), ten),
            Certainty::Always
        );
    }
}
