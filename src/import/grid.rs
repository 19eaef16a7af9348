//! A spreadsheet as a grid of cells with their places: CSV (UTF-8, `,` `;` or tab) or a
//! workbook (`.xlsx`, `.xlsm`, `.xls`, `.ods`).

use std::io::{Cursor, Read, Seek};
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

/// No spreadsheet file may be larger: four times what a chronology file may hold.
const MAX_SPREADSHEET_BYTES: u64 = 4 * files::MAX_FILE_BYTES;

/// A workbook (a zip archive of XML) may unpack to no more than this: a 2 MB file can
/// hold a cell that unpacks to gigabytes, and the reader would hold it all in memory.
const MAX_UNPACKED_BYTES: u64 = 4 * files::MAX_FILE_BYTES;

/// A spreadsheet cell holds at most this many characters (Excel's own limit); a longer
/// cell is not a cell an agency typed.
const MAX_CELL_CHARS: usize = 32_767;

/// How much of a cell a message quotes.
const QUOTED_CHARS: usize = 60;

/// A cell's text as a message quotes it: at most 60 characters, then `…`. A message
/// must stay readable whatever a cell holds (a 20 MB header was once echoed whole).
pub fn quoted(text: &str) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(QUOTED_CHARS) {
        Some((end, _)) => format!("{}…", &text[..end]).into(),
        None => text.into(),
    }
}

/// Why a spreadsheet could not be read, with the cell at fault when there is one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GridError {
    /// 1-based row and column.
    pub cell: Option<(u32, u32)>,
    pub reason: String,
}

impl GridError {
    /// `FILE:row:column: reason (column C)`, or `FILE: reason`.
    pub fn show(&self, file: &str) -> String {
        match self.cell {
            Some((row, column)) => format!(
                "{file}:{row}:{column}: {} (column {})",
                self.reason,
                column_letters(column)
            ),
            None => format!("{file}: {}", self.reason),
        }
    }
}

impl From<String> for GridError {
    fn from(reason: String) -> Self {
        GridError { cell: None, reason }
    }
}

impl From<&str> for GridError {
    fn from(reason: &str) -> Self {
        reason.to_owned().into()
    }
}

/// Reads a CSV file or the named (else the first) sheet of a workbook.
pub fn read(path: &Path, sheet: Option<&str>) -> Result<Grid, GridError> {
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if !matches!(
        extension.as_str(),
        "csv" | "txt" | "tsv" | "xlsx" | "xlsm" | "xls" | "ods"
    ) {
        return Err("not a spreadsheet: give a .csv or .xlsx file (also .xls or .ods)".into());
    }
    let is_csv = matches!(extension.as_str(), "csv" | "txt" | "tsv");
    if is_csv && sheet.is_some() {
        return Err("`--sheet` names a sheet of a workbook; a CSV file has none".into());
    }
    // A FIFO or a device would block or never end: refused unopened.
    let bytes =
        files::read_bytes(path, MAX_SPREADSHEET_BYTES).map_err(|failure| match failure {
            files::ReadFailure::TooLarge(size) => format!(
                "the file is {:.1} MiB; a spreadsheet may be at most {} MiB",
                mib(size),
                MAX_SPREADSHEET_BYTES >> 20
            ),
            other => other.reason(),
        })?;
    let grid = if is_csv {
        read_csv(&bytes)?
    } else {
        if extension != "xls" {
            let unpacked = unpacked_size(&bytes)?;
            if unpacked > MAX_UNPACKED_BYTES {
                return Err(format!(
                    "the workbook unpacks to {:.1} MiB; at most {} MiB is read (save it without pictures, or as CSV, or split it)",
                    mib(unpacked),
                    MAX_UNPACKED_BYTES >> 20
                )
                .into());
            }
        }
        read_workbook(open_workbook(Cursor::new(bytes), &extension)?, sheet)?
    };
    check_cell_lengths(&grid)?;
    Ok(grid)
}

fn mib(bytes: u64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

/// What the zip archive's entries unpack to, as its directory declares: the zip reader
/// refuses to unpack an entry past its declared size, so the sum bounds what is read.
fn unpacked_size(bytes: &[u8]) -> Result<u64, String> {
    let unreadable = |e: zip::result::ZipError| format!("not a readable workbook: {e}");
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(unreadable)?;
    let mut total = 0u64;
    for index in 0..archive.len() {
        total = total.saturating_add(archive.by_index_raw(index).map_err(unreadable)?.size());
    }
    Ok(total)
}

/// The first cell longer than a spreadsheet cell can be.
fn check_cell_lengths(grid: &Grid) -> Result<(), GridError> {
    for (r, row) in grid.rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            // Bytes bound characters from above: most cells are counted without a scan.
            if cell.text.len() > MAX_CELL_CHARS {
                let chars = cell.text.chars().count();
                if chars > MAX_CELL_CHARS {
                    return Err(GridError {
                        cell: Some((grid.first_row + r as u32, grid.first_column + c as u32)),
                        reason: format!(
                            "the cell holds {chars} characters, starting \"{}\"; a spreadsheet cell holds at most {MAX_CELL_CHARS}",
                            quoted(&cell.text)
                        ),
                    });
                }
            }
        }
    }
    Ok(())
}

pub fn read_csv(bytes: &[u8]) -> Result<Grid, String> {
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let line = bytes[..e.valid_up_to()].iter().filter(|b| **b == b'\n').count() + 1;
        format!(
            "line {line} is not UTF-8: save the file as \"CSV UTF-8\" so that õ, ä, ö, ü, š and ž survive"
        )
    })?;
    let delimiter = delimiter(text);
    // The CSV reader takes an unclosed quote to run to the end of the file, swallowing
    // every row after it into one cell: refused at the line the quote opens.
    if let Some((line, column)) = unclosed_quote(text.as_bytes(), delimiter) {
        return Err(format!(
            "line {line}: the quote that opens column {column} is never closed: close it, or write a quote inside a quoted cell as two (\"\")"
        ));
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    // The reader skips blank lines; a spreadsheet shows each as an empty row, so they are
    // put back to keep row numbers as the agency sees them. A record's position is where
    // the reader began looking for it, before the blank lines it skipped.
    for record in reader.records() {
        let record = record.map_err(|e| format!("not readable as CSV: {e}"))?;
        let start = record.position().map_or(0, |p| p.byte() as usize);
        let blank_lines = line_breaks_at(text.as_bytes(), start);
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

/// How many line breaks (`\n`, `\r\n` or a lone `\r`, as the CSV reader takes them) run
/// from `start`. The reader stops after the `\r` of a `\r\n`, so a `\n` right after a
/// `\r` ends the previous line and is no blank line (else CRLF files count each row twice).
fn line_breaks_at(bytes: &[u8], start: usize) -> usize {
    let start = start.min(bytes.len());
    let mut at = start;
    if at > 0 && bytes[at - 1] == b'\r' && bytes.get(at) == Some(&b'\n') {
        at += 1;
    }
    let mut breaks = 0;
    while let Some(&b) = bytes.get(at) {
        match b {
            b'\r' if bytes.get(at + 1) == Some(&b'\n') => at += 2,
            b'\r' | b'\n' => at += 1,
            _ => break,
        }
        breaks += 1;
    }
    breaks
}

/// The line and column where a quoted cell opens and is never closed. A quote opens a
/// cell only at the cell's start (elsewhere the reader keeps it as a character), and
/// inside a quoted cell `""` is a quote.
fn unclosed_quote(bytes: &[u8], delimiter: u8) -> Option<(usize, usize)> {
    let (mut line, mut column) = (1, 1);
    let mut at_cell_start = true;
    let mut open: Option<(usize, usize)> = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let next = bytes.get(i + 1).copied();
        let breaks_line = b == b'\n' || (b == b'\r' && next != Some(b'\n'));
        if open.is_some() {
            if b == b'"' {
                if next == Some(b'"') {
                    i += 1;
                } else {
                    open = None;
                }
            } else if breaks_line {
                line += 1;
            }
        } else if b == b'"' && at_cell_start {
            open = Some((line, column));
            at_cell_start = false;
        } else if b == delimiter {
            column += 1;
            at_cell_start = true;
        } else if breaks_line {
            line += 1;
            column = 1;
            at_cell_start = true;
        } else if b != b'\r' {
            at_cell_start = false;
        }
        i += 1;
    }
    open
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
                    names
                        .iter()
                        .map(|n| quoted(n))
                        .collect::<Vec<_>>()
                        .join(", ")
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
    fn quotes_open_only_at_a_cell_start_and_doubled_quotes_stay_inside() {
        assert_eq!(unclosed_quote(b"a,\"b\"\"c\",d\ne,f\n", b','), None);
        assert_eq!(unclosed_quote(b"a,b\"c,d\n", b','), None);
        assert_eq!(unclosed_quote(b"a,\"two\nlines\"\r\nx;\"y\n", b','), None);
        assert_eq!(unclosed_quote(b"a;b\r\nc;\"d\r\ne\r\n", b';'), Some((2, 2)));
    }

    #[test]
    fn crlf_line_ends_are_one_break_each() {
        let grid = read_csv(b"a,b\r\n1,2\r\n\r\n3,4\r\n").unwrap();
        assert_eq!(grid.rows.len(), 4, "{:?}", grid.rows);
        assert_eq!(grid.rows[3][0].text, "3");
        let lone_cr = read_csv(b"a,b\r1,2\r\r3,4\r").unwrap();
        assert_eq!(lone_cr.rows.len(), 4, "{:?}", lone_cr.rows);
    }

    #[test]
    fn quoted_cells_are_cut_at_sixty_characters() {
        assert_eq!(quoted("short"), "short");
        let long = "õ".repeat(61);
        assert_eq!(quoted(&long), format!("{}…", "õ".repeat(60)));
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
