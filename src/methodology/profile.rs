//! Jurisdiction profiles: threshold overrides with their sources, and public holidays.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate, Weekday};
use serde::Deserialize;

use super::Label;

/// `methodology/profiles/<id>.yaml`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    pub id: String,
    pub name: Label,
    #[serde(default)]
    pub rules: BTreeMap<String, ProfileRule>,
    #[serde(default)]
    pub holidays: Vec<Holiday>,
}

/// A profile's thresholds for one rule, and where they come from.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProfileRule {
    pub days: Option<u32>,
    pub working_days: Option<u32>,
    pub count: Option<u32>,
    pub source: String,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Holiday {
    pub name: Label,
    #[serde(flatten)]
    pub rule: HolidayRule,
}

/// When a holiday falls in a given year.
#[derive(Clone, Debug, Deserialize)]
#[serde(untagged, deny_unknown_fields)]
pub enum HolidayRule {
    /// A fixed day, `"MM-DD"`; with `substitute`, a weekend day moves to the next free weekday.
    Fixed {
        fixed: String,
        #[serde(default)]
        substitute: bool,
    },
    /// Days from Easter Sunday (Good Friday −2, Ascension +39).
    Easter { easter: i64 },
    /// The nth weekday of a month; `nth: -1` is the last.
    NthWeekday {
        month: u32,
        weekday: WeekdayName,
        nth: i32,
    },
}

#[derive(Clone, Copy, Debug, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum WeekdayName {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

impl From<WeekdayName> for Weekday {
    fn from(w: WeekdayName) -> Weekday {
        match w {
            WeekdayName::Monday => Weekday::Mon,
            WeekdayName::Tuesday => Weekday::Tue,
            WeekdayName::Wednesday => Weekday::Wed,
            WeekdayName::Thursday => Weekday::Thu,
            WeekdayName::Friday => Weekday::Fri,
            WeekdayName::Saturday => Weekday::Sat,
            WeekdayName::Sunday => Weekday::Sun,
        }
    }
}

impl Profile {
    /// The public holidays of `year`, substitutes included.
    pub fn holidays_in(&self, year: i32) -> BTreeSet<NaiveDate> {
        let mut days = BTreeSet::new();
        let mut to_substitute = Vec::new();
        for holiday in &self.holidays {
            let Some(day) = holiday.rule.day_in(year) else {
                continue;
            };
            let substitute = matches!(
                holiday.rule,
                HolidayRule::Fixed {
                    substitute: true,
                    ..
                }
            );
            if substitute && is_weekend(day) {
                to_substitute.push(day);
            } else {
                days.insert(day);
            }
        }
        // Substitutes in the order listed, each to the next weekday not already a holiday.
        for day in to_substitute {
            let mut moved = day.succ_opt().expect("within the calendar");
            while is_weekend(moved) || days.contains(&moved) {
                moved = moved.succ_opt().expect("within the calendar");
            }
            days.insert(moved);
        }
        days
    }
}

pub fn is_weekend(day: NaiveDate) -> bool {
    matches!(day.weekday(), Weekday::Sat | Weekday::Sun)
}

impl HolidayRule {
    fn day_in(&self, year: i32) -> Option<NaiveDate> {
        match self {
            HolidayRule::Fixed { fixed, .. } => {
                let (month, day) = fixed.split_once('-')?;
                NaiveDate::from_ymd_opt(year, month.parse().ok()?, day.parse().ok()?)
            }
            HolidayRule::Easter { easter } => {
                easter_sunday(year).checked_add_signed(chrono::Duration::days(*easter))
            }
            HolidayRule::NthWeekday {
                month,
                weekday,
                nth,
            } => {
                let weekday = Weekday::from(*weekday);
                if *nth > 0 {
                    NaiveDate::from_weekday_of_month_opt(
                        year,
                        *month,
                        weekday,
                        u8::try_from(*nth).ok()?,
                    )
                } else {
                    // The last such weekday: step back from the month's last day.
                    let next = if *month == 12 {
                        NaiveDate::from_ymd_opt(year + 1, 1, 1)?
                    } else {
                        NaiveDate::from_ymd_opt(year, month + 1, 1)?
                    };
                    let mut day = next.pred_opt()?;
                    while day.weekday() != weekday {
                        day = day.pred_opt()?;
                    }
                    Some(day)
                }
            }
        }
    }
}

/// Easter Sunday of the Gregorian calendar (the anonymous Gregorian algorithm).
pub fn easter_sunday(year: i32) -> NaiveDate {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32).expect("Easter is a real day")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::methodology::Methodology;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn easter_dates() {
        assert_eq!(easter_sunday(2024), day("2024-03-31"));
        assert_eq!(easter_sunday(2025), day("2025-04-20"));
        assert_eq!(easter_sunday(2019), day("2019-04-21"));
        assert_eq!(easter_sunday(2038), day("2038-04-25"));
    }

    #[test]
    fn england_bank_holidays_2022_with_substitutes() {
        let en = Methodology::embedded().profile("en").unwrap();
        let expected: BTreeSet<NaiveDate> = [
            "2022-01-03",
            "2022-04-15",
            "2022-04-18",
            "2022-05-02",
            "2022-05-30",
            "2022-08-29",
            "2022-12-26",
            "2022-12-27",
        ]
        .into_iter()
        .map(day)
        .collect();
        // 2022 also had one-off holidays (2 and 3 June, 19 September) that no rule computes.
        assert_eq!(en.holidays_in(2022), expected);
    }

    #[test]
    fn finnish_holidays_include_ascension() {
        let fi = Methodology::embedded().profile("fi").unwrap();
        let days = fi.holidays_in(2024);
        assert!(days.contains(&day("2024-05-09")), "Ascension 2024");
        assert!(days.contains(&day("2024-12-06")));
    }
}
