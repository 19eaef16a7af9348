//! `import`: agencies' spreadsheets (real .xlsx written with a spreadsheet library, and CSV
//! as spreadsheet programs save it) become chronology files; bad rows are reported as
//! FILE:row:column and nothing is written unless every row is valid or --skip-invalid.

use std::path::{Path, PathBuf};

use crate::common::*;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

/// One cell of a test sheet.
enum Cell<'a> {
    Text(&'a str),
    /// A real date cell (a serial number with a date format), as Excel stores a typed date.
    Day(u16, u8, u8),
    /// A real time-of-day cell.
    Time(u16, u8),
    Empty,
}

fn write_xlsx(path: &Path, sheet_name: &str, rows: &[Vec<Cell>]) {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name(sheet_name).unwrap();
    let date_format = Format::new().set_num_format("dd.mm.yyyy");
    let time_format = Format::new().set_num_format("hh:mm");
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            match cell {
                Cell::Text(text) => {
                    sheet.write_string(r, c, *text).unwrap();
                }
                Cell::Day(y, m, d) => {
                    let date = ExcelDateTime::from_ymd(*y, *m, *d).unwrap();
                    sheet
                        .write_datetime_with_format(r, c, &date, &date_format)
                        .unwrap();
                }
                Cell::Time(h, m) => {
                    let time = ExcelDateTime::from_hms(*h, *m, 0).unwrap();
                    sheet
                        .write_datetime_with_format(r, c, &time, &time_format)
                        .unwrap();
                }
                Cell::Empty => {}
            }
        }
    }
    workbook.save(path).unwrap();
}

fn import(file: &Path, out: &Path, extra: &[&str]) -> Run {
    let mut args = vec![
        "import",
        file.to_str().unwrap(),
        "--agency",
        "school",
        "-o",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    run(&args)
}

use Cell::*;

fn good_rows() -> Vec<Vec<Cell<'static>>> {
    vec![
        vec![
            Text("Kuupäev"),
            Text("Kellaaeg"),
            Text("Liik"),
            Text("Kirjeldus"),
            Text("Laps nähtud"),
            Text("Lapse arvamus"),
            Text("Mured"),
            Text("Kellele"),
            Text("Allikas"),
            Text("Märkus"),
        ],
        vec![
            Day(2024, 1, 10),
            Empty,
            Text("concern"),
            Text("Laps tuleb kooli näljasena: \"ei söönud\" # mitte kommentaar"),
            Text("jah"),
            Text("Ütles, et kodus pole süüa."),
            Text("neglect, Koolist puudumine"),
            Empty,
            Text("e-kool, sissekanne 12"),
            Empty,
        ],
        vec![
            Day(2024, 1, 14),
            Time(10, 15),
            Text("Teavitamine"),
            Text("Teade abivajavast lapsest vallale."),
            Empty,
            Empty,
            Text("neglect"),
            Text("kov-a"),
            Text("Kirjavahetus"),
            Text("KONFIDENTSIAALNE TEAVITAJA"),
        ],
        vec![Empty, Empty, Empty],
        vec![
            Text("2024-02"),
            Empty,
            Text("contact"),
            Text("Telefonikõne emaga puudumiste asjus."),
            Text("ei"),
            Empty,
            Empty,
            Empty,
            Text("e-kool, kuupäevata kanne"),
            Text("päev teadmata"),
        ],
    ]
}

#[test]
fn an_xlsx_with_estonian_headers_and_date_cells_becomes_a_chronology() {
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("kool.xlsx");
    write_xlsx(&xlsx, "Kronoloogia", &good_rows());
    let out = dir.path().join("school.yaml");
    let run = import(&xlsx, &out, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("imported 3 event(s)"), "{}", run.stdout);
    let text = std::fs::read_to_string(&out).unwrap();
    let yaml: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
    let events = yaml["events"].as_sequence().unwrap();
    assert_eq!(yaml["agency"].as_str(), Some("school"));
    assert_eq!(events.len(), 3);
    assert_eq!(
        events[0]["id"].as_str(),
        Some("school-002"),
        "ids name the row"
    );
    assert_eq!(events[0]["date"].as_str(), Some("2024-01-10"));
    assert_eq!(events[0]["child_seen"].as_bool(), Some(true));
    assert_eq!(
        events[0]["summary"].as_str(),
        Some("Laps tuleb kooli näljasena: \"ei söönud\" # mitte kommentaar")
    );
    let concerns: Vec<&str> = events[0]["concerns"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    assert_eq!(
        concerns,
        ["neglect", "school_absence"],
        "labels read as codes"
    );
    assert_eq!(events[1]["date"].as_str(), Some("2024-01-14T10:15"));
    assert_eq!(
        events[1]["kind"].as_str(),
        Some("referral"),
        "an Estonian label"
    );
    assert_eq!(events[1]["to"].as_str(), Some("kov-a"));
    assert_eq!(events[1]["notifier_confidential"].as_bool(), Some(true));
    assert_eq!(events[2]["date"].as_str(), Some("2024-02"));
    assert!(text.contains("# to complete: people"), "{text}");
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}

#[test]
fn an_imported_file_joins_a_case_and_check_asks_only_for_what_the_form_lacks() {
    let case = copy_case(&repo().join("tests/fixtures/base"));
    let xlsx = case.path().join("kool.xlsx");
    write_xlsx(&xlsx, "Sheet1", &good_rows());
    let out = case.path().join("chronology/school-import.yaml");
    let run = import(&xlsx, &out, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    edit(
        case.path(),
        "case.yaml",
        "  - chronology/school.yaml\n",
        "  - chronology/school.yaml\n  - chronology/school-import.yaml\n",
    );
    let checked = crate::common::run(&["check", case.path().to_str().unwrap(), "--format", "json"]);
    let value: serde_json::Value = serde_json::from_str(&checked.stdout).unwrap();
    let problems: Vec<(String, String)> = value["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .map(|d| {
            (
                d["file"].as_str().unwrap().to_owned(),
                d["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert_eq!(problems[0].0, "chronology/school-import.yaml");
    assert!(problems[0].1.contains("people"), "{problems:?}");
}

#[test]
fn bad_rows_are_reported_by_row_and_column_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("kool.csv");
    std::fs::write(
        &csv,
        "date;kind;summary;source;child_seen;to\n\
         2024-01-10;concern;Hungry;e-diary;yes;\n\
         2024-02-30;contact;Call;e-diary;no;\n\
         2024-03-01;visit;Call;e-diary;maybe;\n\
         2024-03-02;referral;Sent;;;\n",
    )
    .unwrap();
    let out = dir.path().join("school.yaml");
    let run = import(&csv, &out, &[]);
    assert_eq!(run.code, 1);
    assert!(!out.exists(), "nothing written");
    let file = csv.display().to_string();
    for expected in [
        format!("{file}:2:2: a `concern` needs at least one concern code"),
        format!("{file}:3:1: `2024-02-30` is not a date"),
        format!("{file}:4:2: `visit` is not a kind of event"),
        format!("{file}:4:5: `maybe` is not yes or no"),
        format!("{file}:5:4: `source` is empty"),
        format!("{file}:5:6: a `referral` needs `to`"),
    ] {
        assert!(
            run.stderr.contains(&expected),
            "missing `{expected}` in:\n{}",
            run.stderr
        );
    }
    assert!(
        run.stderr.contains("(column B, \"kind\")"),
        "{}",
        run.stderr
    );

    let skipped = import(&csv, &out, &["--skip-invalid"]);
    assert_eq!(skipped.code, 1, "no valid row is left: {}", skipped.stderr);
    assert!(!out.exists());
}

#[test]
fn skip_invalid_writes_the_valid_rows_and_lists_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("kool.xlsx");
    let mut rows = good_rows();
    rows.push(vec![
        Text("31.04.2024"),
        Empty,
        Text("contact"),
        Text("x"),
        Empty,
        Empty,
        Empty,
        Empty,
        Text("y"),
    ]);
    write_xlsx(&xlsx, "Sheet1", &rows);
    let out = dir.path().join("school.yaml");
    let refused = import(&xlsx, &out, &[]);
    assert_eq!(refused.code, 1);
    assert!(
        refused.stderr.contains("kool.xlsx:6:1:"),
        "{}",
        refused.stderr
    );
    assert!(!out.exists());
    let run = import(&xlsx, &out, &["--skip-invalid"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("skipped row(s) 6"), "{}", run.stdout);
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("Rows skipped as invalid: 6."));
    assert_eq!(text.matches("  - id:").count(), 3);
}

#[test]
fn headers_unknown_or_missing_stop_the_import_with_a_hint() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("kool.csv");
    std::fs::write(
        &csv,
        "date,kindd,summary,Colour\n2024-01-10,concern,x,red\n",
    )
    .unwrap();
    let out = dir.path().join("school.yaml");
    let run = import(&csv, &out, &[]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains(":1:2: unknown column \"kindd\": did you mean `kind`?"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(":1:4: unknown column \"Colour\""),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("no `source` column"), "{}", run.stderr);
    assert!(!out.exists());

    let mapped = import(
        &csv,
        &out,
        &["--map-columns", "kindd=kind,Colour=-", "--skip-invalid"],
    );
    assert_eq!(mapped.code, 1, "source is still missing: {}", mapped.stderr);
    std::fs::write(
        &csv,
        "date,kindd,summary,Colour,where\n2024-01-10,concern,x,red,diary\n",
    )
    .unwrap();
    let mapped = import(
        &csv,
        &out,
        &["--map-columns", "kindd=kind,Colour=-,where=source"],
    );
    assert_eq!(
        mapped.code, 1,
        "a concern without concerns: {}",
        mapped.stderr
    );
    std::fs::write(
        &csv,
        "date,kindd,summary,Colour,where\n2024-01-10,incident,x,red,diary\n",
    )
    .unwrap();
    let mapped = import(
        &csv,
        &out,
        &["--map-columns", "kindd=kind,Colour=-,where=source"],
    );
    assert_eq!(mapped.code, 0, "{}", mapped.stderr);
}

#[test]
fn an_existing_output_needs_force_and_the_input_is_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("kool.csv");
    std::fs::write(
        &csv,
        "date,kind,summary,source\n2024-01-10,incident,x,diary\n",
    )
    .unwrap();
    let out = dir.path().join("school.yaml");
    std::fs::write(&out, "keep me").unwrap();
    let refused = import(&csv, &out, &[]);
    assert_eq!(refused.code, 2);
    assert!(refused.stderr.contains("--force"));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "keep me");
    let forced = import(&csv, &out, &["--force"]);
    assert_eq!(forced.code, 0, "{}", forced.stderr);
    let over_input = import(&csv, &csv, &["--force"]);
    assert_eq!(over_input.code, 2);
    assert!(
        std::fs::read_to_string(&csv)
            .unwrap()
            .starts_with("date,kind")
    );
}

#[test]
fn csv_must_be_utf8_and_a_workbook_sheet_must_exist() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("kool.csv");
    std::fs::write(
        &csv,
        b"date,kind,summary,source\n2024-01-10,incident,K\xf5ne,diary\n",
    )
    .unwrap();
    let out = dir.path().join("school.yaml");
    let run = import(&csv, &out, &[]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("CSV UTF-8"), "{}", run.stderr);

    let xlsx = dir.path().join("kool.xlsx");
    write_xlsx(&xlsx, "Sheet1", &good_rows());
    let run = import(&xlsx, &out, &["--sheet", "Missing"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("its sheets: Sheet1"), "{}", run.stderr);

    let not_a_workbook: PathBuf = dir.path().join("broken.xlsx");
    std::fs::write(&not_a_workbook, "plain text").unwrap();
    let run = import(&not_a_workbook, &out, &[]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("not a readable workbook"),
        "{}",
        run.stderr
    );
}

#[test]
fn ids_are_quoted_extra_cells_refused_and_a_confidential_row_does_not_name_its_sender() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("kool.csv");
    std::fs::write(
        &csv,
        "id,date,kind,summary,source,to,note\n\
         17,2024-01-10,incident,x,diary,,\n\
         ,2024-01-11,referral,y,diary,true,CONFIDENTIAL NOTIFIER\n",
    )
    .unwrap();
    let out = dir.path().join("school.yaml");
    let run = import(&csv, &out, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let yaml: serde_yaml::Value =
        serde_yaml::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let events = yaml["events"].as_sequence().unwrap();
    assert_eq!(
        events[0]["id"].as_str(),
        Some("17"),
        "a string, not a number"
    );
    assert_eq!(
        events[1]["to"].as_str(),
        Some("true"),
        "a string, not a boolean"
    );
    assert_eq!(events[1]["id"].as_str(), Some("notification-003"));

    std::fs::write(
        &csv,
        "date;kind;summary;source\n2024-01-10;incident;half; the other half;diary\n",
    )
    .unwrap();
    let run = import(&csv, &out, &["--force"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains(":2:5: a cell right of the last header column"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_fifo_given_to_import_is_refused_without_blocking() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["rows.csv", "rows.xlsx"] {
        let pipe = dir.path().join(name);
        if !make_fifo(&pipe) {
            return;
        }
        let out = dir.path().join("school.yaml");
        let run = run_briefly(&[
            "import",
            pipe.to_str().unwrap(),
            "--agency",
            "school",
            "-o",
            out.to_str().unwrap(),
        ]);
        assert_eq!(run.code, 2, "{}", run.stderr);
        assert!(
            run.stderr.contains(&format!(
                "{name}: it is a named pipe (FIFO), not a regular file"
            )),
            "{}",
            run.stderr
        );
        assert!(!out.exists());
    }
}

/// A hand-made .xlsx whose one cell is `cell_bytes` long: deflate packs a run of one
/// letter about a thousand to one, so the file stays small however large the cell.
fn write_zip_bomb_xlsx(path: &Path, cell_bytes: usize) {
    use std::io::Write;
    use zip::write::SimpleFileOptions;
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let parts = [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#,
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
        ),
        (
            "xl/workbook.xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
        ),
        (
            "xl/_rels/workbook.xml.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#,
        ),
    ];
    for (name, text) in parts {
        zip.start_file(name, options).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.start_file("xl/worksheets/sheet1.xml", options).unwrap();
    zip.write_all(br#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>"#).unwrap();
    let chunk = vec![b'a'; 1 << 20];
    for _ in 0..cell_bytes / chunk.len() {
        zip.write_all(&chunk).unwrap();
    }
    zip.write_all(b"</t></is></c></row></sheetData></worksheet>")
        .unwrap();
    zip.finish().unwrap();
}

#[test]
fn a_workbook_that_unpacks_to_too_much_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let bomb = dir.path().join("bomb.xlsx");
    write_zip_bomb_xlsx(&bomb, 200 << 20);
    assert!(std::fs::metadata(&bomb).unwrap().len() < 2 << 20);
    let out = dir.path().join("school.yaml");
    let started = std::time::Instant::now();
    let run = import(&bomb, &out, &[]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("unpacks to 200.0 MiB") && run.stderr.contains("at most 64 MiB"),
        "{}",
        run.stderr
    );
    assert!(started.elapsed().as_secs() < 10, "{:?}", started.elapsed());
    assert!(!out.exists());
}

#[test]
fn long_cells_are_refused_and_quoted_by_a_short_prefix_only() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("school.yaml");
    // Over a spreadsheet cell's limit: refused, wherever it stands.
    let csv = dir.path().join("long.csv");
    let huge_header = "H".repeat(20 << 20);
    std::fs::write(
        &csv,
        format!("date,kind,summary,source,{huge_header}\n2024-01-10,incident,x,diary,y\n"),
    )
    .unwrap();
    let run = import(&csv, &out, &[]);
    assert_eq!(run.code, 2, "{}", &run.stderr[..run.stderr.len().min(2000)]);
    assert!(
        run.stderr
            .contains("long.csv:1:5: the cell holds 20971520 characters")
            && run.stderr.contains("at most 32767"),
        "{}",
        &run.stderr[..run.stderr.len().min(2000)]
    );
    assert!(run.stderr.len() < 1000, "{} bytes", run.stderr.len());

    // Under the limit but long: every message quotes 60 characters and an ellipsis.
    let header = "Ü".repeat(30_000);
    let kind = "k".repeat(30_000);
    std::fs::write(
        &csv,
        format!("date,kind,summary,source,{header}\n2024-01-10,incident,x,diary,y\n"),
    )
    .unwrap();
    let run = import(&csv, &out, &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let shown = format!("\"{}…\"", "Ü".repeat(60));
    assert!(
        run.stderr.contains(&format!("unknown column {shown}")),
        "{}",
        run.stderr
    );
    assert!(run.stderr.len() < 2000, "{} bytes", run.stderr.len());
    std::fs::write(
        &csv,
        format!("date,kind,summary,source\n2024-01-10,{kind},x,diary\n"),
    )
    .unwrap();
    let run = import(&csv, &out, &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains(&format!("`{}…` is not a kind of event", "k".repeat(60))),
        "{}",
        run.stderr
    );
    assert!(run.stderr.len() < 2000, "{} bytes", run.stderr.len());
}

#[test]
fn crlf_csv_rows_are_numbered_as_a_spreadsheet_shows_them() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("kool.csv");
    std::fs::write(
        &csv,
        "date,kind,summary,source\r\n2024-01-10,incident,x,diary\r\n\r\n2024-13-01,incident,y,diary\r\n",
    )
    .unwrap();
    let out = dir.path().join("school.yaml");
    let run = import(&csv, &out, &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("kool.csv:4:1:"), "{}", run.stderr);
}

#[test]
fn an_unterminated_quote_is_an_error_at_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("kool.csv");
    std::fs::write(
        &csv,
        "date,kind,summary,source\n2024-01-10,incident,x,diary\n2024-01-11,incident,\"y,diary\n2024-01-12,incident,z,diary\n",
    )
    .unwrap();
    let out = dir.path().join("school.yaml");
    let run = import(&csv, &out, &[]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("kool.csv: line 3: the quote that opens column 3 is never closed"),
        "{}",
        run.stderr
    );
    assert!(!out.exists());
}

#[test]
fn an_import_check_would_refuse_as_too_large_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("kool.csv");
    let summary = "s".repeat(300);
    let mut text = String::from("date,kind,summary,source\n");
    for _ in 0..60_000 {
        text.push_str(&format!("2024-01-10,incident,{summary},diary\n"));
    }
    std::fs::write(&csv, text).unwrap();
    let out = dir.path().join("school.yaml");
    let run = import(&csv, &out, &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("MiB; a file may be at most 16 MiB")
            && run.stderr.contains("nothing was written"),
        "{}",
        run.stderr
    );
    assert!(!out.exists());
}
