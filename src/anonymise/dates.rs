//! The secret date shift: a whole number of weeks, so weekdays survive. One function moves
//! every date, those of the YAML and those written in free text, so all stay consistent.

use chrono::{Datelike, NaiveDate};
use regex::Captures;

use crate::model::Date;

/// Moves dates by `days` (a multiple of 7).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shift {
    pub days: i64,
    /// The year a day and month written without a year is read in (the outcome's year).
    pub context_year: i32,
}

impl Shift {
    /// A secret offset: between 1 and 10 years, in whole weeks, from the system's random
    /// source; back in time, unless that would take the earliest date of the case before
    /// the year 1000 the format starts at. Never zero, so no real date can survive.
    pub fn random(context_year: i32, earliest_year: i32) -> Result<Shift, String> {
        let mut bytes = [0u8; 4];
        getrandom::fill(&mut bytes).map_err(|e| format!("no random source: {e}"))?;
        let weeks = 52 + i64::from(u32::from_le_bytes(bytes) % (520 - 52));
        let direction = if earliest_year - 11 < 1000 { 1 } else { -1 };
        Ok(Shift {
            days: direction * 7 * weeks,
            context_year,
        })
    }

    /// The same date, with the same precision, moved: its first day moves by the offset
    /// and the result is written with the original precision. Only a case spanning close
    /// to the whole of 1000–9999 could move a date out of the format's years; such a date
    /// is kept as written rather than made unreadable.
    pub fn date(&self, date: &Date) -> Date {
        let moved = date.shifted_by_days(self.days);
        Date::parse(&moved.to_string()).unwrap_or(*date)
    }

    fn day(&self, day: NaiveDate) -> NaiveDate {
        day + chrono::Duration::days(self.days)
    }

    fn year(&self, year: i32) -> Option<i32> {
        Some(self.day(NaiveDate::from_ymd_opt(year, 1, 1)?).year())
    }

    fn month(&self, year: i32, month: u32) -> Option<(i32, u32)> {
        let day = self.day(NaiveDate::from_ymd_opt(year, month, 1)?);
        Some((day.year(), day.month()))
    }
}

/// Estonian months: nominative and genitive stem (case endings attach to the genitive:
/// märtsi-l, märtsi-s, mai-l).
const MONTHS_ET: [(&str, &str); 12] = [
    ("jaanuar", "jaanuari"),
    ("veebruar", "veebruari"),
    ("märts", "märtsi"),
    ("aprill", "aprilli"),
    ("mai", "mai"),
    ("juuni", "juuni"),
    ("juuli", "juuli"),
    ("august", "augusti"),
    ("september", "septembri"),
    ("oktoober", "oktoobri"),
    ("november", "novembri"),
    ("detsember", "detsembri"),
];

const MONTHS_EN: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Estonian case endings a month name takes after its genitive stem.
const ET_MONTH_ENDINGS: &str = "sse|st|ni|ks|le|lt|l|s";

/// The regex alternatives (with named groups) for dates in free text; [`Shift::replace`]
/// rewrites a match of any of them.
pub fn patterns() -> Vec<String> {
    let mut et_names: Vec<&str> = MONTHS_ET.iter().flat_map(|(n, g)| [*g, *n]).collect();
    et_names.sort_by_key(|name| std::cmp::Reverse(name.len()));
    et_names.dedup();
    let et = et_names.join("|");
    let mut en_names: Vec<String> = MONTHS_EN.iter().map(|m| (*m).to_owned()).collect();
    en_names.extend(["sept".to_owned()]);
    en_names.extend(MONTHS_EN.iter().map(|m| m[..3].to_owned()));
    en_names.sort_by_key(|name| std::cmp::Reverse(name.len()));
    en_names.dedup();
    let en = en_names.join("|");
    vec![
        // `2023-05-14T09:30`: the `T` of a time ends the day as well as a word break does.
        r"\b(?P<iso_y>\d{4})-(?P<iso_m>\d{1,2})-(?P<iso_d>\d{1,2})(?:\b|T)".to_owned(),
        r"\b(?P<ymd_y>\d{4})\.(?P<ymd_m>\d{1,2})\.(?P<ymd_d>\d{1,2})\b".to_owned(),
        r"\b(?P<dot_d>\d{1,2})\.(?P<dot_m>\d{1,2})\.(?P<dot_y>\d{4}|\d{2})\b".to_owned(),
        r"\b(?P<slash_d>\d{1,2})/(?P<slash_m>\d{1,2})/(?P<slash_y>\d{4}|\d{2})\b".to_owned(),
        r"\b(?P<dash_d>\d{1,2})-(?P<dash_m>\d{1,2})-(?P<dash_y>\d{4})\b".to_owned(),
        format!(
            r"\b(?P<etd_d>\d{{1,2}})\.\s*(?P<etd_m>{et})(?P<etd_e>{ET_MONTH_ENDINGS})?\b(?:\s+(?P<etd_y>\d{{4}})\b)?"
        ),
        format!(r"\b(?P<etm_m>{et})(?P<etm_e>{ET_MONTH_ENDINGS})?\s+(?P<etm_y>\d{{4}})\b"),
        format!(
            r"\b(?P<ety_y>\d{{4}})\.\s+aasta\s+(?P<ety_m>{et})(?P<ety_e>{ET_MONTH_ENDINGS})?\b"
        ),
        format!(
            r"\b(?P<enmd_m>{en})\.?\s+(?P<enmd_d>\d{{1,2}})(?P<enmd_o>st|nd|rd|th)?\b(?:,?\s+(?P<enmd_y>\d{{4}})\b)?"
        ),
        format!(
            r"\b(?P<endm_d>\d{{1,2}})(?P<endm_o>st|nd|rd|th)?\s+(?:of\s+)?(?P<endm_m>{en})\b\.?(?:,?\s+(?P<endm_y>\d{{4}})\b)?"
        ),
        format!(r"\b(?P<enm_m>{en})\.?\s+(?P<enm_y>\d{{4}})\b"),
        r"\b(?P<year>(?:19|20)\d{2})\b".to_owned(),
    ]
}

impl Shift {
    /// The shifted text of a date match, or `None` when the match was no date of the
    /// calendar (`31.02.2023`: left to the other patterns, then kept as written).
    pub fn replace(&self, caps: &Captures) -> Option<String> {
        let number = |name: &str| caps.name(name).and_then(|m| m.as_str().parse::<i32>().ok());
        let mut edits: Vec<(&str, String)> = Vec::new();
        if let Some(year) = number("iso_y") {
            self.year_first(caps, ["iso_y", "iso_m", "iso_d"], year, &mut edits)?;
        } else if let Some(year) = number("ymd_y") {
            self.year_first(caps, ["ymd_y", "ymd_m", "ymd_d"], year, &mut edits)?;
        } else if let Some(d) = number("dash_d") {
            self.numeric_day(caps, ("dash_d", "dash_m", "dash_y"), d, &mut edits)?;
        } else if let Some(d) = number("dot_d") {
            self.numeric_day(caps, ("dot_d", "dot_m", "dot_y"), d, &mut edits)?;
        } else if let Some(d) = number("slash_d") {
            self.numeric_day(caps, ("slash_d", "slash_m", "slash_y"), d, &mut edits)?;
        } else if let Some(d) = number("etd_d") {
            let month = et_month(caps.name("etd_m")?.as_str())?;
            let year = number("etd_y");
            let day = NaiveDate::from_ymd_opt(year.unwrap_or(self.context_year), month, d as u32)
                .or_else(|| NaiveDate::from_ymd_opt(2024, month, d as u32))?;
            let moved = self.day(day);
            edits.push(("etd_d", pad(moved.day(), caps)));
            edits.push((
                "etd_m",
                et_month_word(caps, "etd_m", "etd_e", moved.month()),
            ));
            edits.push(("etd_e", String::new()));
            if year.is_some() {
                edits.push(("etd_y", moved.year().to_string()));
            }
        } else if let Some(year) = number("etm_y") {
            let month = et_month(caps.name("etm_m")?.as_str())?;
            let (year, month) = self.month(year, month)?;
            edits.push(("etm_m", et_month_word(caps, "etm_m", "etm_e", month)));
            edits.push(("etm_e", String::new()));
            edits.push(("etm_y", year.to_string()));
        } else if let Some(year) = number("ety_y") {
            let month = et_month(caps.name("ety_m")?.as_str())?;
            let (year, month) = self.month(year, month)?;
            edits.push(("ety_y", year.to_string()));
            edits.push(("ety_m", et_month_word(caps, "ety_m", "ety_e", month)));
            edits.push(("ety_e", String::new()));
        } else if let Some(d) = number("enmd_d") {
            self.english_day(
                caps,
                ["enmd_d", "enmd_o", "enmd_m", "enmd_y"],
                d,
                &mut edits,
            )?;
        } else if let Some(d) = number("endm_d") {
            self.english_day(
                caps,
                ["endm_d", "endm_o", "endm_m", "endm_y"],
                d,
                &mut edits,
            )?;
        } else if let Some(year) = number("enm_y") {
            let month = en_month(caps.name("enm_m")?.as_str())?;
            let (year, month) = self.month(year, month)?;
            edits.push(("enm_m", en_month_word(caps, "enm_m", month)));
            edits.push(("enm_y", year.to_string()));
        } else if let Some(year) = number("year") {
            edits.push(("year", self.year(year)?.to_string()));
        } else {
            return None;
        }
        Some(apply(caps, &edits))
    }

    fn year_first(
        &self,
        caps: &Captures,
        [y_name, m_name, d_name]: [&'static str; 3],
        year: i32,
        edits: &mut Vec<(&'static str, String)>,
    ) -> Option<()> {
        let number = |name: &str| caps.name(name)?.as_str().parse::<u32>().ok();
        let day = NaiveDate::from_ymd_opt(year, number(m_name)?, number(d_name)?)?;
        let moved = self.day(day);
        edits.push((y_name, format!("{:04}", moved.year())));
        edits.push((m_name, pad(moved.month(), caps)));
        edits.push((d_name, pad(moved.day(), caps)));
        Some(())
    }

    fn numeric_day(
        &self,
        caps: &Captures,
        (d_name, m_name, y_name): (&'static str, &'static str, &'static str),
        d: i32,
        edits: &mut Vec<(&'static str, String)>,
    ) -> Option<()> {
        let m = caps.name(m_name)?.as_str().parse::<u32>().ok()?;
        let written_year = caps.name(y_name)?.as_str();
        let year: i32 = written_year.parse().ok()?;
        let year = if written_year.len() == 2 {
            2000 + year
        } else {
            year
        };
        let moved = self.day(NaiveDate::from_ymd_opt(year, m, d as u32)?);
        edits.push((d_name, pad(moved.day(), caps)));
        edits.push((m_name, pad(moved.month(), caps)));
        edits.push((
            y_name,
            if written_year.len() == 2 {
                format!("{:02}", moved.year() % 100)
            } else {
                moved.year().to_string()
            },
        ));
        Some(())
    }

    fn english_day(
        &self,
        caps: &Captures,
        [d_name, o_name, m_name, y_name]: [&'static str; 4],
        d: i32,
        edits: &mut Vec<(&'static str, String)>,
    ) -> Option<()> {
        let month = en_month(caps.name(m_name)?.as_str())?;
        let year = caps
            .name(y_name)
            .and_then(|y| y.as_str().parse::<i32>().ok());
        let day = NaiveDate::from_ymd_opt(year.unwrap_or(self.context_year), month, d as u32)
            .or_else(|| NaiveDate::from_ymd_opt(2024, month, d as u32))?;
        let moved = self.day(day);
        edits.push((d_name, moved.day().to_string()));
        edits.push((o_name, ordinal_suffix(moved.day()).to_owned()));
        edits.push((m_name, en_month_word(caps, m_name, moved.month())));
        if year.is_some() {
            edits.push((y_name, moved.year().to_string()));
        }
        Some(())
    }
}

fn ordinal_suffix(day: u32) -> &'static str {
    match (day % 10, day % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    }
}

/// A day or month number written as the date wrote its numbers: two digits when any of
/// them was zero-padded (`03.04.2023`, ISO dates), else as short as it goes (`3.4.2023`).
fn pad(value: u32, caps: &Captures) -> String {
    let whole = caps.get(0).map_or("", |m| m.as_str());
    let zero_padded = whole
        .split(|c: char| !c.is_ascii_digit())
        .any(|part| part.len() == 2 && part.starts_with('0'))
        || caps.name("iso_y").is_some()
        || caps.name("ymd_y").is_some();
    if zero_padded {
        format!("{value:02}")
    } else {
        value.to_string()
    }
}

fn et_month(word: &str) -> Option<u32> {
    let word = word.to_lowercase();
    MONTHS_ET
        .iter()
        .position(|(n, g)| *n == word || *g == word)
        .map(|i| i as u32 + 1)
}

fn en_month(word: &str) -> Option<u32> {
    let word = word.to_lowercase();
    let word = if word == "sept" { "sep" } else { word.as_str() };
    MONTHS_EN
        .iter()
        .position(|m| *m == word || m[..3] == *word)
        .map(|i| i as u32 + 1)
}

/// The new month in the form the old one was written in: nominative stays nominative, an
/// inflected form keeps its ending on the new genitive stem.
fn et_month_word(caps: &Captures, month: &str, ending: &str, new_month: u32) -> String {
    let written = caps.name(month).map_or("", |m| m.as_str());
    let ending = caps.name(ending).map_or("", |m| m.as_str());
    let (nominative, genitive) = MONTHS_ET[new_month as usize - 1];
    let was_nominative = ending.is_empty()
        && MONTHS_ET
            .iter()
            .any(|(n, g)| n == &written.to_lowercase() && n != g);
    let word = if was_nominative {
        nominative.to_owned()
    } else {
        format!("{genitive}{ending}")
    };
    same_case(written, &word)
}

fn en_month_word(caps: &Captures, month: &str, new_month: u32) -> String {
    let written = caps.name(month).map_or("", |m| m.as_str());
    let full = MONTHS_EN[new_month as usize - 1];
    let word = if written.len() <= 4 && written.len() < full.len() {
        &full[..3]
    } else {
        full
    };
    same_case(written, word)
}

/// `word` capitalised as `like` was (all upper, first upper, or lower).
fn same_case(like: &str, word: &str) -> String {
    if like.len() > 1 && like.chars().all(|c| !c.is_lowercase()) {
        return word.to_uppercase();
    }
    match like.chars().next() {
        Some(c) if c.is_uppercase() => {
            let mut chars = word.chars();
            chars
                .next()
                .map(|first| first.to_uppercase().chain(chars).collect())
                .unwrap_or_default()
        }
        _ => word.to_owned(),
    }
}

/// The match's text with some of its groups replaced.
fn apply(caps: &Captures, edits: &[(&str, String)]) -> String {
    let whole = caps.get(0).expect("group 0 is the match");
    let mut pieces: Vec<(std::ops::Range<usize>, &str)> = edits
        .iter()
        .filter_map(|(name, text)| caps.name(name).map(|m| (m.range(), text.as_str())))
        .collect();
    pieces.sort_by_key(|(range, _)| range.start);
    let mut out = String::new();
    let mut at = whole.start();
    for (range, text) in pieces {
        out.push_str(&whole.as_str()[at - whole.start()..range.start - whole.start()]);
        out.push_str(text);
        at = range.end;
    }
    out.push_str(&whole.as_str()[at - whole.start()..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    fn shifter() -> (Shift, Regex) {
        let pattern = format!("(?i){}", patterns().join("|"));
        (
            Shift {
                days: -7 * 10,
                context_year: 2023,
            },
            Regex::new(&pattern).unwrap(),
        )
    }

    fn shift_text(text: &str) -> String {
        let (shift, regex) = shifter();
        regex
            .replace_all(text, |caps: &Captures| {
                shift.replace(caps).unwrap_or_else(|| caps[0].to_owned())
            })
            .into_owned()
    }

    #[test]
    fn numeric_dates_move_and_keep_their_shape() {
        // 70 days before 12 March 2023 is 1 January 2023.
        assert_eq!(
            shift_text("kohtumine 12.03.2023 kell 10"),
            "kohtumine 01.01.2023 kell 10"
        );
        assert_eq!(shift_text("on 2023-03-12."), "on 2023-01-01.");
        assert_eq!(shift_text("12/03/2023"), "01/01/2023");
        assert_eq!(shift_text("12.3.23"), "1.1.23");
        assert_eq!(shift_text("kell 2023-03-12T09:30"), "kell 2023-01-01T09:30");
        assert_eq!(
            shift_text("2023.03.12 ja 12-03-2023 ja 12/03/23"),
            "2023.01.01 ja 01-01-2023 ja 01/01/23"
        );
    }

    #[test]
    fn month_names_move_with_their_endings() {
        assert_eq!(shift_text("12. märtsil 2023"), "1. jaanuaril 2023");
        assert_eq!(shift_text("Märtsis 2023"), "Detsembris 2022");
        assert_eq!(shift_text("12. märts"), "1. jaanuar");
        assert_eq!(shift_text("March 12, 2023"), "January 1, 2023");
        assert_eq!(shift_text("12th of Mar 2023"), "1st of Jan 2023");
        assert_eq!(shift_text("in March 2023"), "in December 2022");
    }

    #[test]
    fn bare_years_move_and_impossible_days_stay() {
        assert_eq!(shift_text("aastal 2023"), "aastal 2022");
        assert_eq!(shift_text("2023. aasta märtsis"), "2022. aasta detsembris");
        assert_eq!(shift_text("31.02.2023"), "31.02.2023");
    }

    #[test]
    fn the_shift_never_leaves_the_formats_years() {
        for _ in 0..20 {
            let back = Shift::random(2023, 2019).unwrap();
            assert!(back.days < 0 && back.days % 7 == 0 && back.days >= -7 * 520);
            let forward = Shift::random(1005, 1003).unwrap();
            assert!(forward.days > 0);
            let early = Date::parse("1003-01-01").unwrap();
            assert!(forward.date(&early) > early);
        }
    }

    #[test]
    fn yaml_dates_keep_their_precision() {
        let shift = Shift {
            days: -7,
            context_year: 2023,
        };
        let moved = |s: &str| shift.date(&Date::parse(s).unwrap()).to_string();
        assert_eq!(moved("2023-03-12"), "2023-03-05");
        assert_eq!(moved("2023-03-12T09:30"), "2023-03-05T09:30");
        assert_eq!(moved("2023-03"), "2023-02");
        assert_eq!(moved("2023"), "2022");
    }
}
