//! A spreadsheet as a grid of cells with their places: CSV (UTF-8, `,` `;` or tab) or a
//! workbook (`.xlsx`, `.xlsm`, `.xls`, `.ods`).

use std::io::{BufReader, Read, Seek};
use std::path::Path;

use calamine::{Data, Ods, Reader, Sheets, Xls, Xlsx};

use crate::files;

/// One cell: its text as the spreadsheet shows it, and the date and time when the
/// spreadsheet stored a date (a workbook's date cell, not text).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Cell {
    pub text: String,
    pub stored_date: Option<StoredDate>,
}

/// A workbook's date/time cell, as its parts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StoredDate {
    pub year: u16,
    pub month: u8,
    pub day: u8,
    pub hour: u8,
    pub minute: u8,
    /// Whether the cell holds only a time of day (a serial number below 1).
    pub time_only: bool,
}

/// The sheet's rows; `rows[0]` is spreadsheet row `first_row`, cell `n` is column
/// `first_column + n` (both 1-based, as a spreadsheet numbers them).
#[derive(Clone, Debug, Default)]
pub struct Grid {
    pub rows: Vec<Vec<Cell>>,
    pub first_row: u32,
    pub first_column: u32,
}

/// Reads a CSV file or the named (else the first) sheet of a workbook.
pub fn read(path: &Path, sheet: Option<&str>) -> Result<Grid, String> {
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "csv" | "txt" | "tsv" => {
            if sheet.is_some() {
                return Err("`--sheet` names a sheet of a workbook; a CSV file has none".into());
            }
            // A FIFO or a device would block or never end: refused unopened.
            let mut bytes = Vec::new();
            files::open_regular(path)
                .map_err(|failure| failure.reason())?
                .read_to_end(&mut bytes)
                .map_err(|e| files::io_reason(&e))?;
            read_csv(&bytes)
        }
        "xlsx" | "xlsm" | "xls" | "ods" => {
            let file = files::open_regular(path).map_err(|failure| failure.reason())?;
            read_workbook(open_workbook(BufReader::new(file), &extension)?, sheet)
        }
        _ => Err("not a spreadsheet: give a .csv or .xlsx file (also .xls or .ods)".into()),
    }
}

pub fn read_csv(bytes: &[u8]) -> Result<Grid, String> {
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let line = bytes[..e.valid_up_to()].iter().filter(|b| **b == b'\n').count() + 1;
        format!(
            "line {line} is not UTF-8: save the file as \"CSV UTF-8\" so that õ, ä, ö, ü, š and ž survive"
        )
    })?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter(text))
        .from_reader(text.as_bytes());
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    // The reader skips blank lines; a spreadsheet shows each as an empty row, so they are
    // put back to keep row numbers as the agency sees them. A record's position is where
    // the reader began looking for it, before the blank lines it skipped.
    for record in reader.records() {
        let record = record.map_err(|e| format!("not readable as CSV: {e}"))?;
        let start = record.position().map_or(0, |p| p.byte() as usize);
        let blank_lines = text.as_bytes()[start.min(text.len())..]
            .iter()
            .take_while(|b| matches!(b, b'\n' | b'\r'))
            .filter(|b| **b == b'\n')
            .count();
        rows.extend(std::iter::repeat_n(Vec::new(), blank_lines));
        rows.push(
            record
                .iter()
                .map(|text| Cell {
                    text: text.to_owned(),
                    stored_date: None,
                })
                .collect(),
        );
    }
    Ok(Grid {
        rows,
        first_row: 1,
        first_column: 1,
    })
}

/// The separator of the header line: spreadsheets in an Estonian or Finnish locale write
/// `;`, others `,`; tab-separated text is common from copy and paste.
fn delimiter(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or("");
    [b';', b'\t', b',']
        .into_iter()
        .max_by_key(|d| header.bytes().filter(|b| b == d).count())
        .filter(|d| header.bytes().any(|b| b == *d))
        .unwrap_or(b',')
}

/// The workbook `reader` holds, read as its extension says (calamine would open the path
/// itself, unchecked).
fn open_workbook<RS: Read + Seek>(reader: RS, extension: &str) -> Result<Sheets<RS>, String> {
    fn unreadable(e: impl std::fmt::Display) -> String {
        format!("not a readable workbook: {e}")
    }
    match extension {
        "xls" => Xls::new(reader).map(Sheets::Xls).map_err(unreadable),
        "ods" => Ods::new(reader).map(Sheets::Ods).map_err(unreadable),
        _ => Xlsx::new(reader).map(Sheets::Xlsx).map_err(unreadable),
    }
}

fn read_workbook<RS: Read + Seek>(
    mut workbook: Sheets<RS>,
    sheet: Option<&str>,
) -> Result<Grid, String> {
    let names = workbook.sheet_names();
    let name = match sheet {
        Some(wanted) => names
            .iter()
            .find(|n| n.as_str() == wanted)
            .ok_or_else(|| {
                format!(
                    "the workbook has no sheet `{wanted}`; its sheets: {}",
                    names.join(", ")
                )
            })?
            .clone(),
        None => names.first().ok_or("the workbook has no sheets")?.clone(),
    };
    let range = workbook
        .worksheet_range(&name)
        .map_err(|e| format!("sheet `{name}` is not readable: {e}"))?;
    let (first_row, first_column) = range.start().unwrap_or((0, 0));
    let rows = range
        .rows()
        .map(|row| row.iter().map(cell).collect())
        .collect();
    Ok(Grid {
        rows,
        first_row: first_row + 1,
        first_column: first_column + 1,
    })
}

fn cell(data: &Data) -> Cell {
    let text = |text: String| Cell {
        text,
        stored_date: None,
    };
    match data {
        Data::Empty => Cell::default(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => text(s.clone()),
        Data::Int(n) => text(n.to_string()),
        Data::Float(f) => text(f.to_string()),
        Data::Bool(b) => text(b.to_string()),
        Data::Error(e) => text(format!("#{e:?}")),
        Data::DateTime(serial) => {
            let (year, month, day, hour, minute, _, _) = serial.to_ymd_hms_milli();
            // In a text column a date cell reads as the date, never as Excel's serial number.
            let text = if serial.as_f64() < 1.0 {
                format!("{hour:02}:{minute:02}")
            } else if (hour, minute) == (0, 0) {
                format!("{year:04}-{month:02}-{day:02}")
            } else {
                format!("{year:04}-{month:02}-{day:02} {hour:02}:{minute:02}")
            };
            Cell {
                text,
                stored_date: Some(StoredDate {
                    year,
                    month,
                    day,
                    hour,
                    minute,
                    time_only: serial.as_f64() < 1.0,
                }),
            }
        }
    }
}

/// The spreadsheet letters of a 1-based column number (1 → A, 27 → AA).
pub fn column_letters(mut column: u32) -> String {
    let mut letters = Vec::new();
    while column > 0 {
        let digit = (column - 1) % 26;
        letters.push(b'A' + digit as u8);
        column = (column - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_separator_of_the_header() {
        assert_eq!(delimiter("kuupäev;liik;kirjeldus\n"), b';');
        assert_eq!(delimiter("date,kind,summary\n"), b',');
        assert_eq!(delimiter("date\tkind\n"), b'\t');
        assert_eq!(delimiter("date\n"), b',');
    }

    #[test]
    fn column_letters_count_like_a_spreadsheet() {
        assert_eq!(column_letters(1), "A");
        assert_eq!(column_letters(26), "Z");
        assert_eq!(column_letters(27), "AA");
        assert_eq!(column_letters(703), "AAA");
    }

    #[test]
    fn csv_must_be_utf8() {
        let error = read_csv(b"date,summary\n2024-01-01,M\xe4rts\n").unwrap_err();
        assert!(error.contains("line 2"), "{error}");
        let grid = read_csv("\u{feff}date;summary\n2024-01-01;\"a; b\"\n".as_bytes()).unwrap();
        let spaced =
            read_csv(b"date,summary\n\n2024-01-01,\"two\nlines\"\n\n2024-01-02,x\n").unwrap();
        assert_eq!(spaced.rows.len(), 5, "{:?}", spaced.rows);
        assert_eq!(spaced.rows[4][0].text, "2024-01-02");
        assert_eq!(grid.rows[1][1].text, "a; b");
        assert_eq!(grid.rows[0][0].text, "date");
    }
}
