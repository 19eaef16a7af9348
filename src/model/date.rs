//! Dates as the reviewer wrote them: a year, a month, a day or a minute, each standing for
//! the interval of time it covers. Rules compare intervals, never a guessed point.

use std::cmp::Ordering;
use std::fmt;

use chrono::{Datelike, Days, NaiveDate, NaiveDateTime, NaiveTime};

/// How much of a date was written down.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    Year,
    Month,
    Day,
    Minute,
}

/// A date of the case format (`2023`, `2023-05`, `2023-05-14`, `2023-05-14T09:30`).
///
/// Naive local time: never converted to or from any zone.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Date {
    precision: Precision,
    /// The first instant the date covers (midnight of the first day, or the written minute).
    start: NaiveDateTime,
}

/// Why a text is not a date of the format.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DateError {
    /// Not of the shape `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM`.
    Shape,
    /// The shape is right but the calendar has no such day or time (`2023-02-30`, `25:00`).
    Impossible,
}

impl Date {
    /// Parses one of the four accepted shapes. Years run from 1000 to 9999.
    pub fn parse(text: &str) -> Result<Date, DateError> {
        let (date_part, time_part) = match text.split_once('T') {
            Some((d, t)) => (d, Some(t)),
            None => (text, None),
        };
        let fields: Vec<&str> = date_part.split('-').collect();
        let widths_ok = match fields.as_slice() {
            [y] => y.len() == 4,
            [y, m] => y.len() == 4 && m.len() == 2,
            [y, m, d] => y.len() == 4 && m.len() == 2 && d.len() == 2,
            _ => false,
        };
        if !widths_ok || !fields.iter().all(|f| f.bytes().all(|b| b.is_ascii_digit())) {
            return Err(DateError::Shape);
        }
        if time_part.is_some() && fields.len() != 3 {
            return Err(DateError::Shape);
        }
        let number = |s: &str| s.parse::<u32>().map_err(|_| DateError::Shape);
        let year = number(fields[0])? as i32;
        if year < 1000 {
            return Err(DateError::Impossible);
        }
        let month = fields.get(1).map(|m| number(m)).transpose()?.unwrap_or(1);
        let day = fields.get(2).map(|d| number(d)).transpose()?.unwrap_or(1);
        let day_date = NaiveDate::from_ymd_opt(year, month, day).ok_or(DateError::Impossible)?;
        let (precision, time) = match time_part {
            None => (
                match fields.len() {
                    1 => Precision::Year,
                    2 => Precision::Month,
                    _ => Precision::Day,
                },
                NaiveTime::MIN,
            ),
            Some(t) => {
                let (h, m) = t.split_once(':').ok_or(DateError::Shape)?;
                let digits = |s: &str| s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit());
                if !digits(h) || !digits(m) {
                    return Err(DateError::Shape);
                }
                let time = NaiveTime::from_hms_opt(number(h)?, number(m)?, 0)
                    .ok_or(DateError::Impossible)?;
                (Precision::Minute, time)
            }
        };
        Ok(Date {
            precision,
            start: day_date.and_time(time),
        })
    }

    /// A day-precision date.
    pub fn from_day(day: NaiveDate) -> Date {
        Date {
            precision: Precision::Day,
            start: day.and_time(NaiveTime::MIN),
        }
    }

    pub fn precision(&self) -> Precision {
        self.precision
    }

    /// The first instant the date covers; what timeline order sorts by.
    pub fn start(&self) -> NaiveDateTime {
        self.start
    }

    /// The first calendar day the date covers.
    pub fn first_day(&self) -> NaiveDate {
        self.start.date()
    }

    /// The last calendar day the date covers (the same day for day and minute precision).
    pub fn last_day(&self) -> NaiveDate {
        let first = self.first_day();
        match self.precision {
            Precision::Year => {
                NaiveDate::from_ymd_opt(first.year(), 12, 31).expect("31 Dec exists")
            }
            Precision::Month => {
                let next_month = first
                    .checked_add_months(chrono::Months::new(1))
                    .expect("years stop at 9999");
                next_month - Days::new(1)
            }
            Precision::Day | Precision::Minute => first,
        }
    }

    /// Whether the date names a single day (or a minute of one).
    pub fn is_precise(&self) -> bool {
        self.precision >= Precision::Day
    }

    /// The same date, written with the same precision, moved by whole days.
    pub fn shifted_by_days(&self, days: i64) -> Date {
        let start = self.start + chrono::Duration::days(days);
        Date {
            precision: self.precision,
            start,
        }
    }
}

impl fmt::Display for Date {
    /// Writes the date back in the shape it was read in.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.precision {
            Precision::Year => write!(f, "{}", self.start.format("%Y")),
            Precision::Month => write!(f, "{}", self.start.format("%Y-%m")),
            Precision::Day => write!(f, "{}", self.start.format("%Y-%m-%d")),
            Precision::Minute => write!(f, "{}", self.start.format("%Y-%m-%dT%H:%M")),
        }
    }
}

impl PartialOrd for Date {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Date {
    /// By the start of the interval, then the coarser date first, so sorting is total.
    fn cmp(&self, other: &Self) -> Ordering {
        self.start
            .cmp(&other.start)
            .then(self.precision.cmp(&other.precision))
    }
}

/// `n` days after `day`, or the calendar's last day: a window never leaves the calendar,
/// whatever threshold asked for it.
pub fn days_after(day: NaiveDate, n: u64) -> NaiveDate {
    day.checked_add_days(chrono::Days::new(n))
        .unwrap_or(NaiveDate::MAX)
}

/// `n` days before `day`, or the calendar's first day.
pub fn days_before(day: NaiveDate, n: u64) -> NaiveDate {
    day.checked_sub_days(chrono::Days::new(n))
        .unwrap_or(NaiveDate::MIN)
}

/// Whole calendar days from `from` to `to` (negative when `to` is earlier).
pub fn days_between(from: NaiveDate, to: NaiveDate) -> i64 {
    (to - from).num_days()
}

/// A period that includes both ends, as written (`review.period`, a `residence` row's span).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Period {
    pub from: Date,
    pub to: Date,
}

impl Period {
    /// Whether every day `date` may stand for lies inside the period.
    pub fn contains(&self, date: &Date) -> bool {
        date.first_day() >= self.from.first_day() && date.last_day() <= self.to.last_day()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn every_precision_parses_to_its_interval() {
        let year = Date::parse("2023").unwrap();
        assert_eq!(
            (year.first_day(), year.last_day()),
            (day("2023-01-01"), day("2023-12-31"))
        );
        let month = Date::parse("2024-02").unwrap();
        assert_eq!(
            (month.first_day(), month.last_day()),
            (day("2024-02-01"), day("2024-02-29"))
        );
        let d = Date::parse("2023-05-14").unwrap();
        assert_eq!(
            (d.first_day(), d.last_day()),
            (day("2023-05-14"), day("2023-05-14"))
        );
        let minute = Date::parse("2023-05-14T09:30").unwrap();
        assert_eq!(minute.precision(), Precision::Minute);
        assert_eq!(minute.last_day(), day("2023-05-14"));
    }

    #[test]
    fn impossible_and_malformed_dates_are_told_apart() {
        assert_eq!(Date::parse("2023-02-30"), Err(DateError::Impossible));
        assert_eq!(Date::parse("2023-13"), Err(DateError::Impossible));
        assert_eq!(Date::parse("2023-05-14T24:00"), Err(DateError::Impossible));
        for bad in [
            "",
            "23-05-14",
            "2023-5-14",
            "2023-05-14T9:30",
            "2023-05-14T09:30:00",
            "2023T09:30",
            "14.05.2023",
            "2023-05-14Z",
        ] {
            assert_eq!(Date::parse(bad), Err(DateError::Shape), "{bad}");
        }
    }

    #[test]
    fn display_round_trips_the_written_shape() {
        for text in ["2023", "2023-05", "2023-05-14", "2023-05-14T09:30"] {
            assert_eq!(Date::parse(text).unwrap().to_string(), text);
        }
    }

    #[test]
    fn day_arithmetic_counts_whole_days() {
        assert_eq!(days_between(day("2022-02-01"), day("2022-02-24")), 23);
        assert_eq!(days_between(day("2022-02-24"), day("2022-02-24")), 0);
    }

    #[test]
    fn a_period_contains_a_date_only_wholly() {
        let period = Period {
            from: Date::parse("2022-01-01").unwrap(),
            to: Date::parse("2022-12-31").unwrap(),
        };
        assert!(period.contains(&Date::parse("2022-12").unwrap()));
        assert!(!period.contains(&Date::parse("2021-12-31").unwrap()));
        assert!(!period.contains(&Date::parse("2022-12-31").unwrap().shifted_by_days(1)));
    }
}
