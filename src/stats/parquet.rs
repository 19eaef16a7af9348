//! A table as a Parquet file, with the `parquet` crate's column writer: no Arrow (its
//! feature would add about twenty crates and four times the build for nothing these flat,
//! small tables need) and no compression (ids and words are dictionary-encoded already,
//! and every reader opens an uncompressed file). Text is UTF-8 `BYTE_ARRAY` (logical type
//! String), integers `INT64`, booleans `BOOLEAN`; a nullable column is `OPTIONAL`, the
//! others `REQUIRED`. One row group per table.

use std::sync::Arc;

use parquet::basic::{Compression, LogicalType, Repetition, Type as Physical};
use parquet::data_type::{BoolType, ByteArray, ByteArrayType, Int64Type};
use parquet::errors::ParquetError;
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::types::Type as Schema;

use super::tables::{Column, Table, Type, Value};

/// The file's bytes.
pub fn write(table: &Table) -> Result<Vec<u8>, ParquetError> {
    let fields = table
        .columns
        .iter()
        .map(|column| field(column).map(Arc::new))
        .collect::<Result<Vec<_>, _>>()?;
    let schema = Schema::group_type_builder(table.name)
        .with_fields(fields)
        .build()?;
    let properties = WriterProperties::builder()
        .set_compression(Compression::UNCOMPRESSED)
        .set_created_by(concat!("casereview ", env!("CARGO_PKG_VERSION")).to_owned())
        .build();
    let mut bytes = Vec::new();
    let mut writer = SerializedFileWriter::new(&mut bytes, Arc::new(schema), Arc::new(properties))?;
    let mut row_group = writer.next_row_group()?;
    for (index, column) in table.columns.iter().enumerate() {
        let mut chunk = row_group
            .next_column()?
            .ok_or_else(|| ParquetError::General(format!("no writer for {}", column.name)))?;
        let cells = table.rows.iter().map(|row| &row[index]);
        // Only present values are written; the definition levels say which rows have one.
        let levels: Vec<i16> = cells
            .clone()
            .map(|v| i16::from(*v != Value::Null))
            .collect();
        let levels = column.nullable.then_some(levels.as_slice());
        match column.kind {
            Type::Text => chunk.typed::<ByteArrayType>().write_batch(
                &present(cells, |v| v.text().map(ByteArray::from)),
                levels,
                None,
            )?,
            Type::Integer => chunk.typed::<Int64Type>().write_batch(
                &present(cells, Value::integer),
                levels,
                None,
            )?,
            Type::Boolean => chunk.typed::<BoolType>().write_batch(
                &present(cells, Value::boolean),
                levels,
                None,
            )?,
        };
        chunk.close()?;
    }
    row_group.close()?;
    writer.close()?;
    Ok(bytes)
}

/// The values of the cells that hold one (a null holds none).
fn present<'v, T>(
    cells: impl Iterator<Item = &'v Value>,
    value: impl Fn(&'v Value) -> Option<T>,
) -> Vec<T> {
    cells.filter_map(value).collect()
}

fn field(column: &Column) -> Result<Schema, ParquetError> {
    let (physical, logical) = match column.kind {
        Type::Text => (Physical::BYTE_ARRAY, Some(LogicalType::String)),
        Type::Integer => (Physical::INT64, None),
        Type::Boolean => (Physical::BOOLEAN, None),
    };
    let repetition = if column.nullable {
        Repetition::OPTIONAL
    } else {
        Repetition::REQUIRED
    };
    Schema::primitive_type_builder(column.name, physical)
        .with_repetition(repetition)
        .with_logical_type(logical)
        .build()
}

#[cfg(test)]
mod tests {
    use parquet::file::reader::{FileReader, SerializedFileReader};
    use parquet::record::Field;

    use super::*;

    #[test]
    fn a_table_reads_back_with_its_types_and_nulls() {
        const COLUMNS: &[Column] = &[
            Column {
                name: "id",
                kind: Type::Text,
                nullable: false,
            },
            Column {
                name: "days",
                kind: Type::Integer,
                nullable: true,
            },
            Column {
                name: "seen",
                kind: Type::Boolean,
                nullable: false,
            },
        ];
        let table = Table {
            name: "t",
            columns: COLUMNS,
            rows: vec![
                vec![
                    Value::Text("õ-1".into()),
                    Value::Integer(-3),
                    Value::Boolean(true),
                ],
                vec![Value::Text("b".into()), Value::Null, Value::Boolean(false)],
            ],
        };
        let bytes = write(&table).unwrap();
        let mut file = tempfile::tempfile().unwrap();
        std::io::Write::write_all(&mut file, &bytes).unwrap();
        let reader = SerializedFileReader::new(file).unwrap();
        let rows: Vec<Vec<Field>> = reader
            .get_row_iter(None)
            .unwrap()
            .map(|row| {
                row.unwrap()
                    .into_columns()
                    .into_iter()
                    .map(|(_, f)| f)
                    .collect()
            })
            .collect();
        assert_eq!(
            rows,
            vec![
                vec![Field::Str("õ-1".into()), Field::Long(-3), Field::Bool(true)],
                vec![Field::Str("b".into()), Field::Null, Field::Bool(false)],
            ]
        );
    }
}
