//! A table as a CSV file: a header of the column names, then one line per row. A null is an
//! empty field, a boolean `true`/`false` (as DuckDB and pandas read them).

use super::tables::{Table, Value};

pub fn write(table: &Table) -> Result<Vec<u8>, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(table.columns.iter().map(|c| c.name))?;
    for row in &table.rows {
        writer.write_record(row.iter().map(cell))?;
    }
    writer
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))
}

fn cell(value: &Value) -> String {
    match value {
        Value::Text(text) => text.clone(),
        Value::Integer(n) => n.to_string(),
        Value::Boolean(b) => b.to_string(),
        Value::Null => String::new(),
    }
}
