//! Dates and numbers as a reader of the report sees them, in its language.

use crate::model::{Date, DateMode, Language, Precision};

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Shows dates as the case asks: as written (in the language's style), or as days
/// relative to the outcome (`T−120`, `T0`, `T+3`; a month as the range of its days).
#[derive(Clone, Copy)]
pub struct DateStyle {
    pub language: Language,
    pub mode: DateMode,
    pub outcome: Date,
}

impl DateStyle {
    pub fn show(&self, date: &Date) -> String {
        match self.mode {
            DateMode::Absolute => self.absolute(date),
            DateMode::Relative => self.relative(date),
        }
    }

    /// With "≈" for a date the reviewer marked as uncertain.
    pub fn show_approx(&self, date: &Date, approx: bool) -> String {
        let shown = self.show(date);
        if approx {
            format!("≈ {shown}")
        } else {
            shown
        }
    }

    fn absolute(&self, date: &Date) -> String {
        let d = date.start();
        use chrono::{Datelike, Timelike};
        let (day, month, year) = (d.day(), d.month(), d.year());
        match (self.language, date.precision()) {
            (_, Precision::Year) => format!("{year}"),
            (Language::Et, Precision::Month) => format!("{month:02}.{year}"),
            (Language::En, Precision::Month) => format!("{} {year}", MONTHS_EN[month as usize - 1]),
            (Language::Et, Precision::Day) => format!("{day:02}.{month:02}.{year}"),
            (Language::En, Precision::Day) => {
                format!("{day} {} {year}", &MONTHS_EN[month as usize - 1][..3])
            }
            (_, Precision::Minute) => {
                let day_part = self.absolute(&Date::from_day(d.date()));
                format!("{day_part} {:02}:{:02}", d.hour(), d.minute())
            }
        }
    }

    fn relative(&self, date: &Date) -> String {
        let day = |d: chrono::NaiveDate| {
            let n = (d - self.outcome.first_day()).num_days();
            match n {
                0 => "T0".to_owned(),
                n if n > 0 => format!("T+{n}"),
                n => format!("T\u{2212}{}", -n),
            }
        };
        if date.is_precise() {
            day(date.first_day())
        } else {
            format!("{}…{}", day(date.first_day()), day(date.last_day()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn style(language: Language, mode: DateMode) -> DateStyle {
        DateStyle {
            language,
            mode,
            outcome: Date::parse("2024-03-15").unwrap(),
        }
    }

    #[test]
    fn absolute_dates_in_each_language() {
        let et = style(Language::Et, DateMode::Absolute);
        let en = style(Language::En, DateMode::Absolute);
        let d = Date::parse("2023-05-04").unwrap();
        assert_eq!(et.show(&d), "04.05.2023");
        assert_eq!(en.show(&d), "4 May 2023");
        assert_eq!(en.show(&Date::parse("2023-05").unwrap()), "May 2023");
        assert_eq!(
            et.show(&Date::parse("2023-05-04T09:30").unwrap()),
            "04.05.2023 09:30"
        );
        assert_eq!(
            et.show_approx(&Date::parse("2023").unwrap(), true),
            "≈ 2023"
        );
    }

    #[test]
    fn relative_dates_count_from_the_outcome() {
        let rel = style(Language::En, DateMode::Relative);
        assert_eq!(rel.show(&Date::parse("2024-03-15").unwrap()), "T0");
        assert_eq!(rel.show(&Date::parse("2024-03-18").unwrap()), "T+3");
        assert_eq!(
            rel.show(&Date::parse("2023-11-16").unwrap()),
            "T\u{2212}120"
        );
        assert_eq!(
            rel.show(&Date::parse("2024-02").unwrap()),
            "T\u{2212}43…T\u{2212}15"
        );
    }
}
