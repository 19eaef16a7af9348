//! The integrated chronology as a plain table: every event in timeline order, with the
//! flags anchored on it, for people who read a case in a spreadsheet.

use crate::graph::Timeline;
use crate::methodology::{Key, Methodology, MethodologyError, key};
use crate::model::{Date, DateMode, EventKind, Text, Vocabulary};
use crate::pipeline::CaseView;
use crate::render::DateStyle;

/// Which events to export. An imprecise event is kept when its interval overlaps the range.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    /// Only the events this agency acted in, as the view shows them (a confidential
    /// notification's sender is the view's neutral notifier, so its id never matches).
    pub agency: Option<String>,
    pub from: Option<DateBound>,
    pub to: Option<DateBound>,
}

/// One end of `--from`/`--to`: a date of the format, or a day relative to the outcome
/// (`T-120`, `T0`, `T+3`) as a case with `dates: relative` shows them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateBound {
    Date(Date),
    Relative(i64),
}

impl DateBound {
    pub fn parse(text: &str) -> Result<DateBound, String> {
        let text = text.trim();
        if let Some(days) = text.strip_prefix('T') {
            let days = days.replace('\u{2212}', "-");
            // Within a lifetime and a half: a relative day beyond that names no date.
            return match days.as_str() {
                "0" | "" => Ok(DateBound::Relative(0)),
                _ => days
                    .parse::<i64>()
                    .ok()
                    .filter(|n| n.abs() <= 100 * 366)
                    .map(DateBound::Relative)
                    .ok_or_else(|| {
                        format!("`{text}` is not a relative day such as T-120 or T+3 (at most 100 years)")
                    }),
            };
        }
        Date::parse(text).map(DateBound::Date).map_err(|_| {
            format!("`{text}` is not a date (YYYY, YYYY-MM, YYYY-MM-DD) or a relative day (T-120)")
        })
    }

    /// The interval of days the bound covers, given the outcome's day.
    fn days(self, outcome: &Date) -> (chrono::NaiveDate, chrono::NaiveDate) {
        match self {
            DateBound::Date(date) => (date.first_day(), date.last_day()),
            DateBound::Relative(n) => {
                let day = outcome.first_day() + chrono::Duration::days(n);
                (day, day)
            }
        }
    }
}

/// The exported table: headers in the view's language, one row per event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// Column headers, in the order the cells are written.
const HEADERS: [Key; 8] = [
    key::COLUMN_ID,
    key::COLUMN_DATE,
    key::COLUMN_AGENCY,
    key::COLUMN_KIND,
    key::COLUMN_SUMMARY,
    key::COLUMN_CHILD_SEEN,
    key::COLUMN_FLAGS,
    key::COLUMN_SOURCE,
];

/// The chronology of the case's view (a confidential notifier already hidden).
pub fn table(
    view: &CaseView<'_>,
    methodology: &Methodology,
    filter: &Filter,
) -> Result<Table, MethodologyError> {
    let case = &view.case;
    let messages = &view.messages;
    let language = messages.language();
    let kinds = methodology.vocabulary(EventKind::FILE)?;
    let style = DateStyle {
        language,
        mode: case.meta.dates,
        outcome: case.meta.outcome.date.value,
    };
    let outcome = case.meta.outcome.date.value;
    let from = filter.from.map(|b| b.days(&outcome).0);
    let to = filter.to.map(|b| b.days(&outcome).1);
    let flags_by_event = crate::analysis::flag_ids_by_event(&view.flags);
    let (yes, no) = (messages.word(key::YES), messages.word(key::NO));
    let text = |t: &Option<Text>| t.as_ref().map_or(String::new(), |t| t.value.clone());
    let rows = Timeline::new(case)
        .events
        .into_iter()
        .filter(|e| {
            filter
                .agency
                .as_deref()
                .is_none_or(|a| e.agency.as_str() == a)
        })
        .filter(|e| from.is_none_or(|from| e.date.last_day() >= from))
        .filter(|e| to.is_none_or(|to| e.date.first_day() <= to))
        .map(|e| {
            let date = match case.meta.dates {
                DateMode::Absolute => e.date.value.to_string(),
                DateMode::Relative => style.show(&e.date),
            };
            vec![
                e.id.to_string(),
                if e.approx {
                    format!("≈ {date}")
                } else {
                    date
                },
                case.agency_name(e.agency.as_str()),
                kinds.label(e.kind.value.as_str(), language).to_owned(),
                text(&e.summary),
                (if e.child_seen { &yes } else { &no }).clone(),
                flags_by_event
                    .get(e.id.as_str())
                    .map_or(String::new(), |ids| ids.join(", ")),
                text(&e.source),
            ]
        })
        .collect();
    Ok(Table {
        headers: HEADERS.iter().map(|k| messages.word(*k)).collect(),
        rows,
    })
}

/// CSV (RFC 4180, UTF-8). A cell that a spreadsheet would read as a formula (`=`, `+`, `-`,
/// `@` first) is prefixed with `'`, so opening the file never runs what a reviewer typed.
pub fn to_csv(table: &Table) -> Vec<u8> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let mut write = |cells: Vec<String>| {
        writer
            .write_record(&cells)
            .expect("writing CSV to memory cannot fail");
    };
    write(table.headers.clone());
    for row in &table.rows {
        write(row.iter().map(|cell| defuse_formula(cell)).collect());
    }
    writer
        .into_inner()
        .expect("writing CSV to memory cannot fail")
}

fn defuse_formula(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_owned(),
    }
}

/// A Markdown (GFM) table. Every character Markdown or HTML would interpret is escaped, and
/// line breaks inside a cell become `<br>`, so each event stays one row.
pub fn to_markdown(table: &Table) -> String {
    let mut out = String::new();
    let line = |cells: &mut dyn Iterator<Item = String>| {
        let cells: Vec<String> = cells.collect();
        format!("| {} |\n", cells.join(" | "))
    };
    out.push_str(&line(&mut table.headers.iter().map(|h| (*h).to_owned())));
    out.push_str(&line(&mut table.headers.iter().map(|_| "---".to_owned())));
    for row in &table.rows {
        out.push_str(&line(&mut row.iter().map(|c| markdown_cell(c))));
    }
    out
}

/// Text made inert for Markdown and kept on one line (also `diff --format md`'s).
pub fn markdown_cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // `\r` alone ends a line in Markdown too, so it must not stay inside a cell.
    let mut lines = text
        .split(['\n', '\r'])
        .filter(|l| !l.is_empty())
        .peekable();
    while let Some(line) = lines.next() {
        for c in line.chars() {
            if matches!(
                c,
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '#' | '!'
            ) {
                out.push('\\');
            }
            out.push(c);
        }
        if lines.peek().is_some() {
            out.push_str("<br>");
        }
    }
    out
}

/// An `.xlsx` workbook: one sheet, a bold frozen header row with a filter, every cell text
/// (never a formula).
pub fn to_xlsx(table: &Table, sheet_name: &str) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name(sheet_name)?;
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap();
    for (column, header) in table.headers.iter().enumerate() {
        let column = column as u16;
        sheet.write_string_with_format(0, column, header, &bold)?;
        let width = match column {
            4 => 60.0,
            2 | 7 => 28.0,
            _ => 14.0,
        };
        sheet.set_column_width(column, width)?;
    }
    for (row, cells) in table.rows.iter().enumerate() {
        let row = row as u32 + 1;
        for (column, cell) in cells.iter().enumerate() {
            sheet.write_string_with_format(row, column as u16, cell, &wrap)?;
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    let last_column = table.headers.len().saturating_sub(1) as u16;
    sheet.autofilter(0, 0, table.rows.len() as u32, last_column)?;
    workbook.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_accept_dates_and_relative_days() {
        assert_eq!(DateBound::parse("T-120"), Ok(DateBound::Relative(-120)));
        assert_eq!(DateBound::parse("T\u{2212}7"), Ok(DateBound::Relative(-7)));
        assert_eq!(DateBound::parse("T+3"), Ok(DateBound::Relative(3)));
        assert_eq!(DateBound::parse("T0"), Ok(DateBound::Relative(0)));
        assert_eq!(
            DateBound::parse("2023-05"),
            Ok(DateBound::Date(Date::parse("2023-05").unwrap()))
        );
        assert!(DateBound::parse("2023-02-30").is_err());
        assert!(DateBound::parse("Tomorrow").is_err());
        assert!(DateBound::parse("T+99999999999999").is_err());
    }

    #[test]
    fn csv_cells_never_start_a_formula() {
        let table = Table {
            headers: vec!["A".to_owned(), "B".to_owned()],
            rows: vec![vec![
                "=HYPERLINK(\"x\")".into(),
                "plain, with \"quotes\"".into(),
            ]],
        };
        let text = String::from_utf8(to_csv(&table)).unwrap();
        assert_eq!(
            text,
            "A,B\n\"'=HYPERLINK(\"\"x\"\")\",\"plain, with \"\"quotes\"\"\"\n"
        );
    }

    #[test]
    fn markdown_cells_are_inert_and_one_row_each() {
        assert_eq!(
            markdown_cell("a|b *c* <script>\nnext"),
            "a\\|b \\*c\\* \\<script\\><br>next"
        );
        assert_eq!(markdown_cell("one\rtwo\r\nthree"), "one<br>two<br>three");
    }
}
