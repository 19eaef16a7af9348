//! Spreadsheet rows → events: each cell read as its field, every fault of every row
//! collected with its row and column.

use std::collections::HashMap;

use super::columns::{ColumnMap, Field, Use};
use super::grid::{Cell, Grid, column_letters, quoted};
use crate::methodology::WordList;
use crate::model::{Date, DateError, EventKind, Id, Precision, Vocabulary};

/// One fault, where a spreadsheet shows it: 1-based row, and column when one cell is at fault.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowError {
    pub row: u32,
    pub column: Option<u32>,
    /// The column's header as written, to name it in the message.
    pub header: Option<String>,
    pub reason: String,
}

impl RowError {
    /// `FILE:row:column: reason (column C, "kind")`.
    pub fn show(&self, file: &str) -> String {
        match (self.column, &self.header) {
            (Some(column), Some(header)) => format!(
                "{file}:{}:{column}: {} (column {}, \"{}\")",
                self.row,
                self.reason,
                column_letters(column),
                quoted(header)
            ),
            (Some(column), None) => format!(
                "{file}:{}:{column}: {} (column {})",
                self.row,
                self.reason,
                column_letters(column)
            ),
            _ => format!("{file}:{}: {}", self.row, self.reason),
        }
    }
}

/// An event read from one row.
#[derive(Clone, Debug, PartialEq)]
pub struct RowEvent {
    pub row: u32,
    pub id: String,
    pub date: Date,
    pub agency: Option<String>,
    pub kind: EventKind,
    pub to: Option<String>,
    pub people: Vec<String>,
    pub child_seen: Option<bool>,
    pub child_views: Option<ChildViewsCell>,
    pub concerns: Vec<String>,
    pub summary: String,
    pub source: String,
    pub note: Option<String>,
    pub action: Option<String>,
    pub notifier_confidential: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ChildViewsCell {
    Words(String),
    Recorded(bool),
}

/// The rows read: the events of the valid rows and the faults of the others.
#[derive(Debug, Default)]
pub struct Rows {
    pub events: Vec<RowEvent>,
    pub errors: Vec<RowError>,
    /// Rows with at least one fault, in order.
    pub invalid_rows: Vec<u32>,
}

pub struct Vocabularies<'a> {
    pub kinds: &'a WordList,
    pub concerns: &'a WordList,
}

/// Fields every row must fill: what the chronology-request form marks as required.
const REQUIRED: [Field; 4] = [Field::Date, Field::Kind, Field::Summary, Field::Source];

/// Words the form tells an agency to write in `note` for a confidential notification.
const CONFIDENTIAL_MARKS: [&str; 2] = ["confidential notifier", "konfidentsiaalne teavitaja"];

/// Reads every row below the header (the first non-empty row). Faults of the header itself
/// (an unknown or repeated column, a required one missing) come back as `Err`: no row can be
/// read until they are mended.
pub fn read_rows(
    grid: &Grid,
    columns: &ColumnMap,
    default_agency: &str,
    vocabularies: &Vocabularies,
) -> Result<Rows, Vec<RowError>> {
    let Some(header_index) = grid.rows.iter().position(|row| !is_blank(row)) else {
        return Err(vec![RowError {
            row: grid.first_row,
            column: None,
            header: None,
            reason: "the sheet is empty: the first row must hold the column headers".into(),
        }]);
    };
    let header_row = grid.first_row + header_index as u32;
    let layout = Layout::read(grid, header_index, header_row, columns)?;
    let body = &grid.rows[header_index + 1..];
    let width = (header_row as usize + body.len()).to_string().len().max(3);
    let mut rows = Rows::default();
    let mut ids: HashMap<String, u32> = HashMap::new();
    for (offset, cells) in body.iter().enumerate() {
        if is_blank(cells) {
            continue;
        }
        let row = header_row + 1 + offset as u32;
        let mut reader = RowReader {
            row,
            cells,
            layout: &layout,
            errors: Vec::new(),
        };
        // A cell right of the last header (an unquoted separator in a CSV line, a note
        // typed beside the table) would be lost without a word.
        for (index, cell) in cells.iter().enumerate().skip(layout.width) {
            if !cell.text.trim().is_empty() {
                reader.errors.push(RowError {
                    row,
                    column: Some(grid.first_column + index as u32),
                    header: None,
                    reason: "a cell right of the last header column: give the column a header, or quote a separator inside a cell".into(),
                });
            }
        }
        let event = reader.event(default_agency, width, vocabularies);
        if let Some(event) = &event
            && let Some(first) = ids.insert(event.id.clone(), row)
        {
            reader.fault(
                Field::Id,
                format!(
                    "the id `{}` was already used in row {first}",
                    quoted(&event.id)
                ),
            );
        }
        match (event, reader.errors.is_empty()) {
            (Some(event), true) => rows.events.push(event),
            _ => {
                rows.invalid_rows.push(row);
                reader.errors.sort_by_key(|e| e.column);
                rows.errors.extend(reader.errors);
            }
        }
    }
    Ok(rows)
}

fn is_blank(cells: &[Cell]) -> bool {
    cells.iter().all(|c| c.text.trim().is_empty())
}

/// Where each field's column is, with its header as written.
struct Layout {
    columns: HashMap<Field, (usize, String)>,
    /// The number of cells of the header row.
    width: usize,
    first_column: u32,
}

impl Layout {
    fn read(
        grid: &Grid,
        header_index: usize,
        header_row: u32,
        map: &ColumnMap,
    ) -> Result<Layout, Vec<RowError>> {
        let mut errors = Vec::new();
        let mut columns: HashMap<Field, (usize, String)> = HashMap::new();
        let fault = |index: usize, header: Option<&str>, reason: String| RowError {
            row: header_row,
            column: Some(grid.first_column + index as u32),
            header: header.map(str::to_owned),
            reason,
        };
        for (index, cell) in grid.rows[header_index].iter().enumerate() {
            let header = cell.text.trim();
            if header.is_empty() {
                let has_data = grid.rows[header_index + 1..]
                    .iter()
                    .any(|row| row.get(index).is_some_and(|c| !c.text.trim().is_empty()));
                if has_data {
                    errors.push(fault(index, None, "this column has data but no header: name it, or leave it out with --map-columns".into()));
                }
                continue;
            }
            match map.recognise(header) {
                Some(Use::Ignored) => {}
                Some(Use::Field(field)) => {
                    if let Some((first, _)) = columns.get(&field) {
                        errors.push(fault(
                            index,
                            Some(header),
                            format!(
                                "a second column for `{}` (the first is column {})",
                                field.key(),
                                column_letters(grid.first_column + *first as u32)
                            ),
                        ));
                    } else {
                        columns.insert(field, (index, header.to_owned()));
                    }
                }
                None => {
                    let shown = quoted(header);
                    let hint = ColumnMap::closest(header).map_or(": map".into(), |known| {
                        format!(": did you mean `{known}`? Map")
                    });
                    errors.push(fault(
                        index,
                        Some(header),
                        format!(
                            "unknown column \"{shown}\"{hint} it with --map-columns \"{shown}=FIELD\", or leave it out with \"{shown}=-\""
                        ),
                    ));
                }
            }
        }
        for field in REQUIRED {
            if !columns.contains_key(&field) {
                errors.push(RowError {
                    row: header_row,
                    column: None,
                    header: None,
                    reason: format!(
                        "no `{}` column: the form requires one (headers are read in English or Estonian, or mapped with --map-columns)",
                        field.key()
                    ),
                });
            }
        }
        if errors.is_empty() {
            Ok(Layout {
                columns,
                width: grid.rows[header_index].len(),
                first_column: grid.first_column,
            })
        } else {
            Err(errors)
        }
    }
}

struct RowReader<'g> {
    row: u32,
    cells: &'g [Cell],
    layout: &'g Layout,
    errors: Vec<RowError>,
}

impl RowReader<'_> {
    fn cell(&self, field: Field) -> Option<&Cell> {
        let (index, _) = self.layout.columns.get(&field)?;
        self.cells.get(*index).filter(|c| !c.text.trim().is_empty())
    }

    fn text(&self, field: Field) -> Option<String> {
        self.cell(field).map(|c| c.text.trim().to_owned())
    }

    fn fault(&mut self, field: Field, reason: String) {
        let place = self.layout.columns.get(&field);
        self.errors.push(RowError {
            row: self.row,
            column: place.map(|(index, _)| self.layout.first_column + *index as u32),
            header: place.map(|(_, header)| header.clone()),
            reason,
        });
    }

    fn required(&mut self, field: Field) -> Option<String> {
        let text = self.text(field);
        if text.is_none() {
            self.fault(
                field,
                format!("`{}` is empty: the form requires it", field.key()),
            );
        }
        text
    }

    fn id(&mut self, field: Field, text: &str) -> Option<String> {
        if Id::is_valid(text) {
            Some(text.to_owned())
        } else {
            self.fault(
                field,
                format!(
                    "`{}` is not an id: ids are lower-case letters, digits, `-` and `_` (e.g. `kov-a`)",
                    quoted(text)
                ),
            );
            None
        }
    }

    fn ids(&mut self, field: Field) -> Vec<String> {
        let Some(text) = self.text(field) else {
            return Vec::new();
        };
        list(&text)
            .into_iter()
            .filter_map(|part| self.id(field, part))
            .collect()
    }

    fn event(
        &mut self,
        default_agency: &str,
        width: usize,
        vocab: &Vocabularies,
    ) -> Option<RowEvent> {
        let date = self.date();
        let kind = self.required(Field::Kind).and_then(|typed| {
            let kind = vocab.kinds.resolve(&typed).and_then(EventKind::parse);
            if kind.is_none() {
                self.fault(
                    Field::Kind,
                    format!(
                        "`{}` is not a kind of event; kinds: {}",
                        quoted(&typed),
                        EventKind::WORDS.join(", ")
                    ),
                );
            }
            kind
        });
        let summary = self.required(Field::Summary);
        let source = self.required(Field::Source);
        let note = self.text(Field::Note);
        let notifier_confidential = note.as_deref().is_some_and(|note| {
            let note = note.to_lowercase();
            CONFIDENTIAL_MARKS.iter().any(|mark| note.contains(mark))
        });
        // A confidential notification's id must not carry the sender's id: ids appear in
        // every output, flag ids included.
        let id_prefix = if notifier_confidential {
            "notification"
        } else {
            default_agency
        };
        let id = match self.text(Field::Id) {
            Some(text) => self.id(Field::Id, &text),
            None => Some(format!("{id_prefix}-{:0width$}", self.row)),
        };
        let agency = match self.text(Field::Agency) {
            Some(text) => self.id(Field::Agency, &text),
            None => None,
        };
        let to = match self.text(Field::To) {
            Some(text) => self.id(Field::To, &text),
            None => None,
        };
        let people = self.ids(Field::People);
        let child_seen = self.text(Field::ChildSeen).and_then(|text| {
            let answer = yes_no(&text);
            if answer.is_none() {
                self.fault(
                    Field::ChildSeen,
                    format!(
                        "`{}` is not yes or no (jah / ei); leave it empty if not known",
                        quoted(&text)
                    ),
                );
            }
            answer
        });
        let child_views = self
            .text(Field::ChildViews)
            .map(|text| match yes_no(&text) {
                Some(recorded) => ChildViewsCell::Recorded(recorded),
                None => ChildViewsCell::Words(text),
            });
        let concerns = self.concerns(vocab.concerns);
        if let Some(kind) = kind {
            if kind.is_handoff() && self.text(Field::To).is_none() {
                self.fault(
                    if self.layout.columns.contains_key(&Field::To) {
                        Field::To
                    } else {
                        Field::Kind
                    },
                    format!("a `{kind}` needs `to`: the id of the agency it went to"),
                );
            }
            if kind == EventKind::Concern
                && concerns.is_empty()
                && self.text(Field::Concerns).is_none()
            {
                self.fault(
                    if self.layout.columns.contains_key(&Field::Concerns) {
                        Field::Concerns
                    } else {
                        Field::Kind
                    },
                    "a `concern` needs at least one concern code in `concerns`".into(),
                );
            }
        }
        Some(RowEvent {
            row: self.row,
            id: id?,
            date: date?,
            agency,
            kind: kind?,
            to,
            people,
            child_seen,
            child_views,
            concerns,
            summary: summary?,
            source: source?,
            note,
            action: self.text(Field::Action),
            notifier_confidential,
        })
    }

    fn concerns(&mut self, vocabulary: &WordList) -> Vec<String> {
        let Some(text) = self.text(Field::Concerns) else {
            return Vec::new();
        };
        let mut concerns = Vec::new();
        for typed in list(&text) {
            match vocabulary.resolve(typed) {
                Some(id) => concerns.push(id.to_owned()),
                None => self.fault(
                    Field::Concerns,
                    format!(
                        "`{}` is not a concern of the methodology; concerns: {}",
                        quoted(typed),
                        vocabulary.ids().join(", ")
                    ),
                ),
            }
        }
        concerns
    }

    /// The date cell, joined with the time cell when there is one.
    fn date(&mut self) -> Option<Date> {
        let cell = self.cell(Field::Date)?.clone();
        let day = match cell.stored_date {
            Some(stored) if !stored.time_only => {
                let text = if (stored.hour, stored.minute) == (0, 0) {
                    format!("{:04}-{:02}-{:02}", stored.year, stored.month, stored.day)
                } else {
                    format!(
                        "{:04}-{:02}-{:02}T{:02}:{:02}",
                        stored.year, stored.month, stored.day, stored.hour, stored.minute
                    )
                };
                Date::parse(&text).ok()
            }
            _ => parse_written_date(cell.text.trim()),
        };
        let Some(day) = day else {
            let written = cell.text.trim();
            let reason = if Date::parse(written) == Err(DateError::Impossible) {
                format!(
                    "`{}` is not a date: the calendar has no such day",
                    quoted(written)
                )
            } else {
                format!(
                    "`{}` is not a date: write YYYY-MM-DD (or YYYY-MM, or YYYY when only the year is known)",
                    quoted(written)
                )
            };
            self.fault(Field::Date, reason);
            return None;
        };
        let Some(time) = self.cell(Field::Time).cloned() else {
            return Some(day);
        };
        let written = match time.stored_date {
            Some(stored) => Some((stored.hour, stored.minute)),
            None => parse_time(time.text.trim()),
        };
        let Some((hour, minute)) = written else {
            self.fault(
                Field::Time,
                format!(
                    "`{}` is not a time of day: write HH:MM (24-hour)",
                    quoted(time.text.trim())
                ),
            );
            return None;
        };
        if day.precision() != Precision::Day {
            self.fault(
                Field::Time,
                "a time needs a full date (YYYY-MM-DD) in the same row".into(),
            );
            return None;
        }
        Date::parse(&format!("{}T{hour:02}:{minute:02}", day)).ok()
    }
}

/// A date as written: the format's own shapes, or the day-first `DD.MM.YYYY` and `MM.YYYY`
/// that spreadsheets in an Estonian locale produce.
fn parse_written_date(text: &str) -> Option<Date> {
    let iso = text.replacen(' ', "T", 1);
    // `2024-02-10T09:30:00`, as an OpenDocument sheet stores a date-time: seconds dropped.
    let iso = match iso.split_once('T') {
        Some((day, time)) if time.len() == 8 && time.ends_with(":00") => {
            format!("{day}T{}", &time[..5])
        }
        _ => iso,
    };
    if let Ok(date) = Date::parse(&iso) {
        return Some(date);
    }
    let parts: Vec<&str> = text
        .trim_end_matches('.')
        .split('.')
        .map(str::trim)
        .collect();
    let number = |s: &str| {
        (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    match parts.as_slice() {
        [day, month, year] if year.len() == 4 => Date::parse(&format!(
            "{:04}-{:02}-{:02}",
            number(year)?,
            number(month)?,
            number(day)?
        ))
        .ok(),
        [month, year] if year.len() == 4 => {
            Date::parse(&format!("{:04}-{:02}", number(year)?, number(month)?)).ok()
        }
        _ => None,
    }
}

/// `HH:MM` (or `H.MM`), seconds allowed and dropped; an ISO duration (`PT09H30M00S`) as an
/// OpenDocument sheet stores a time. Anything else (`9:30 PM`) is no 24-hour time.
fn parse_time(text: &str) -> Option<(u8, u8)> {
    let two_digits = |s: &str| -> Option<u8> {
        (!s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let (hour, minute) = if let Some(iso) = text.strip_prefix("PT") {
        let (hour, rest) = iso.split_once('H')?;
        let (minute, _) = rest.split_once('M').unwrap_or((rest, ""));
        (two_digits(hour)?, two_digits(minute).unwrap_or(0))
    } else {
        let mut parts = text.split([':', '.']);
        let hour = two_digits(parts.next()?.trim())?;
        let minute = two_digits(parts.next()?)?;
        match parts.next() {
            Some(seconds) if two_digits(seconds).is_none() => return None,
            _ if parts.next().is_some() => return None,
            _ => {}
        }
        (hour, minute)
    };
    (hour < 24 && minute < 60).then_some((hour, minute))
}

fn yes_no(text: &str) -> Option<bool> {
    match text.trim().to_lowercase().as_str() {
        "yes" | "y" | "jah" | "j" | "true" | "1" | "x" => Some(true),
        "no" | "n" | "ei" | "e" | "false" | "0" => Some(false),
        _ => None,
    }
}

/// The parts of a list cell, separated by commas or semicolons.
fn list(text: &str) -> Vec<&str> {
    text.split([',', ';'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_as_agencies_write_them() {
        let d = |s: &str| parse_written_date(s).map(|d| d.to_string());
        assert_eq!(d("2024-02-10").as_deref(), Some("2024-02-10"));
        assert_eq!(d("10.02.2024").as_deref(), Some("2024-02-10"));
        assert_eq!(d("1.2.2024").as_deref(), Some("2024-02-01"));
        assert_eq!(d("03.2024").as_deref(), Some("2024-03"));
        assert_eq!(d("2024").as_deref(), Some("2024"));
        assert_eq!(d("2024-02-10 09:30").as_deref(), Some("2024-02-10T09:30"));
        assert_eq!(d("30.02.2024"), None);
        assert_eq!(d("next week"), None);
    }

    #[test]
    fn times_and_answers() {
        assert_eq!(parse_time("9:05"), Some((9, 5)));
        assert_eq!(parse_time("09.30"), Some((9, 30)));
        assert_eq!(parse_time("24:00"), None);
        assert_eq!(parse_time("9:30 PM"), None);
        assert_eq!(parse_time("09:30:00"), Some((9, 30)));
        assert_eq!(parse_time("PT09H30M00S"), Some((9, 30)));
        assert_eq!(
            parse_written_date("2024-02-10T09:30:00")
                .map(|d| d.to_string())
                .as_deref(),
            Some("2024-02-10T09:30")
        );
        assert_eq!(yes_no("Jah"), Some(true));
        assert_eq!(yes_no("ei"), Some(false));
        assert_eq!(yes_no("maybe"), None);
    }
}
