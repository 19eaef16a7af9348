//! YAML → model. Every value keeps its file, line and column; chronology files are merged
//! into the case, their events inheriting the file's `agency:`.

mod reader;
mod sections;
mod yaml_file;

use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};

use crate::diagnostics::{Code, Diagnostic, SourceFile, Sources};
use crate::files::{Disk, FileSource, ReadFailure, io_reason};
use crate::model::{Case, Chronology, FileId, Id, Spanned};
use rayon::prelude::*;
use reader::Reader;
use sections::*;

/// A case read from disk: the model (when its skeleton could be read), every file's text,
/// and what was wrong with them.
pub struct Loaded {
    pub case: Option<Case>,
    pub sources: Sources,
    pub diagnostics: Vec<Diagnostic>,
    /// Ids of events dropped for a fault, so references to them raise no second error.
    pub dropped_ids: HashSet<Id>,
    /// The folder that holds `case.yaml`.
    pub folder: PathBuf,
}

/// The case file itself could not be opened: a usage or I/O error, not a data error.
#[derive(Debug)]
pub struct CaseNotReadable {
    pub path: PathBuf,
    pub reason: String,
}

impl std::fmt::Display for CaseNotReadable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "cannot read {}: {}", self.path.display(), self.reason)
    }
}

/// `CASE` as given on the command line: a `case.yaml` path or the folder holding one.
pub fn case_file_path(case: &Path) -> PathBuf {
    case_file_in(&Disk, case)
}

/// [`case_file_path`] in `files`.
fn case_file_in(files: &dyn FileSource, case: &Path) -> PathBuf {
    if files.is_dir(case) {
        case.join("case.yaml")
    } else {
        case.to_path_buf()
    }
}

/// Loads a case and its chronology files from disk, collecting every fault.
pub fn load(case: &Path) -> Result<Loaded, CaseNotReadable> {
    load_from(&Disk, case)
}

/// Loads a case and its chronology files from `files` (the disk, or a revision's files
/// held in memory), collecting every fault.
pub fn load_from(files: &dyn FileSource, case: &Path) -> Result<Loaded, CaseNotReadable> {
    let case_path = case_file_in(files, case);
    let folder = case_path
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let folder = if folder.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        folder
    };
    let display_name = case_path
        .file_name()
        .map_or("case.yaml".into(), |n| n.to_string_lossy().into_owned());
    let mut loaded = Loaded {
        case: None,
        sources: Sources::default(),
        diagnostics: Vec::new(),
        dropped_ids: HashSet::new(),
        folder: folder.clone(),
    };
    let text = match files.read_text(&case_path) {
        Ok(text) => text,
        Err(failure @ (ReadFailure::Io(_) | ReadFailure::NotRegular(_))) => {
            return Err(CaseNotReadable {
                path: case_path,
                reason: failure.reason(),
            });
        }
        Err(failure) => {
            let diagnostic = file_fault(&mut loaded.sources, display_name, &failure);
            loaded.diagnostics.push(diagnostic);
            return Ok(loaded);
        }
    };
    let mut events = Vec::new();
    let mut chronology_paths = Vec::new();
    let mut case = None;
    let parsed = read_file(
        &mut loaded,
        SourceFile::new(display_name, text),
        |r, root| {
            let Some(f) = r.mapping(root, "`case.yaml`", &crate::format::CASE_FILE) else {
                return;
            };
            read_format(r, &f);
            let meta = read_case_meta(r, &f);
            let people = f
                .get("people")
                .map(|n| read_people(r, n))
                .unwrap_or_default();
            let agencies = f
                .get("agencies")
                .map(|n| read_agencies(r, n))
                .unwrap_or_default();
            let redact = f
                .get("redact")
                .map(|n| r.texts(n, "`redact`"))
                .unwrap_or_default();
            let residence = f
                .get("residence")
                .map(|n| read_residence(r, n))
                .unwrap_or_default();
            if let Some(n) = f.get("chronologies") {
                chronology_paths = read_chronology_paths(r, n);
            }
            if let Some(n) = f.get("events") {
                read_events(r, n, None, &mut events);
            }
            let episodes = f
                .get("episodes")
                .map(|n| read_episodes(r, n))
                .unwrap_or_default();
            let findings = f
                .get("findings")
                .map(|n| read_findings(r, n))
                .unwrap_or_default();
            let recommendations = f
                .get("recommendations")
                .map(|n| read_recommendations(r, n))
                .unwrap_or_default();
            let flag_reviews = f
                .get("flag_reviews")
                .map(|n| read_flag_reviews(r, n))
                .unwrap_or_default();
            let settings = f
                .get("settings")
                .map(|n| read_settings(r, n))
                .unwrap_or_default();
            case = meta.map(|meta| Case {
                meta,
                people,
                redact,
                agencies,
                residence,
                chronologies: Vec::new(),
                events: Vec::new(),
                episodes,
                findings,
                recommendations,
                flag_reviews,
                settings,
            });
        },
    );
    if parsed.is_none() {
        return Ok(loaded);
    }

    let chronologies = load_chronologies(files, &mut loaded, &chronology_paths, &mut events);
    warn_unlisted_chronologies(files, &mut loaded, &chronology_paths);
    loaded.case = case.map(|mut case| {
        case.events = events;
        case.chronologies = chronologies;
        case
    });
    Ok(loaded)
}

/// Parses one file and decodes it with `decode`; then keeps its text, with the places of
/// its free-text values (all values, when it did not parse), for snippets. `None` when the
/// file is not valid YAML (the diagnostic says why).
fn read_file<T>(
    loaded: &mut Loaded,
    source: SourceFile,
    decode: impl FnOnce(&mut Reader, &yaml_file::Node) -> T,
) -> Option<T> {
    let file = loaded.sources.add(source);
    let decoded = decode_file(file, loaded.sources.get(file), decode);
    decoded.keep(loaded, file)
}

/// What decoding one file found, before it joins the case: decoding needs only the file's
/// text, so files can be decoded side by side.
struct Decoded<T> {
    value: Option<T>,
    free_text: Vec<std::ops::Range<usize>>,
    dropped: Vec<Id>,
    diagnostics: Vec<Diagnostic>,
}

fn decode_file<T>(
    file: FileId,
    source: &SourceFile,
    decode: impl FnOnce(&mut Reader, &yaml_file::Node) -> T,
) -> Decoded<T> {
    match yaml_file::parse(file, source) {
        Ok(root) => {
            let mut reader = Reader::new(file, source);
            let value = decode(&mut reader, &root);
            let (free_text, dropped, diagnostics) = reader.into_parts();
            Decoded {
                value: Some(value),
                free_text,
                dropped,
                diagnostics,
            }
        }
        Err(d) => Decoded {
            value: None,
            free_text: yaml_file::unparsed_values(&source.text),
            dropped: Vec::new(),
            diagnostics: vec![with_file(d, file)],
        },
    }
}

impl<T> Decoded<T> {
    fn keep(self, loaded: &mut Loaded, file: FileId) -> Option<T> {
        loaded
            .sources
            .get_mut(file)
            .free_text
            .extend(self.free_text);
        loaded.dropped_ids.extend(self.dropped);
        loaded.diagnostics.extend(self.diagnostics);
        self.value
    }
}

/// A file too large or not UTF-8: registered (with what text can be shown) and reported.
fn file_fault(sources: &mut Sources, path: String, failure: &ReadFailure) -> Diagnostic {
    let diagnostic = Diagnostic::new(Code::UnreadableFile, failure.describe());
    match failure.place() {
        Some((text, line, column)) => {
            // Which values are free text is unknown in a file that cannot be parsed: mask it all.
            let mut source = SourceFile::new(path, text.to_owned());
            source.free_text.push(0..text.len());
            let file = sources.add(source);
            let source = sources.get(file);
            let offset = source.offset(line, column as usize - 1);
            let end = source.text[offset..]
                .chars()
                .next()
                .map_or(offset, |c| offset + c.len_utf8());
            diagnostic
                .at(&source.span(file, offset..end))
                .label("not UTF-8")
                .help("save the file as UTF-8")
        }
        None => with_file(
            diagnostic,
            sources.add(SourceFile::new(path, String::new())),
        ),
    }
}

/// A diagnostic about a whole file points at its first character.
fn with_file(mut d: Diagnostic, file: FileId) -> Diagnostic {
    match &mut d.span {
        Some(span) => span.file = file,
        None => {
            d.span = Some(crate::model::Span {
                file,
                bytes: 0..0,
                line: 1,
                column: 1,
            })
        }
    }
    d
}

/// A chronology file decoded whole: what it says of itself, and its events.
type ChronologyRead = (Chronology, Vec<crate::model::Event>);

fn load_chronologies(
    files: &dyn FileSource,
    loaded: &mut Loaded,
    paths: &[Spanned<String>],
    events: &mut Vec<crate::model::Event>,
) -> Vec<Chronology> {
    // Read every listed file first, in order, so each gets its place among the sources;
    // then decode them side by side (the big cost of a large case), and merge in order.
    let mut seen = HashSet::new();
    let mut readable: Vec<(&Spanned<String>, FileId)> = Vec::new();
    for path in paths {
        let Some(full) = resolve_chronology(files, loaded, path, &mut seen) else {
            continue;
        };
        match files.read_text(&full) {
            Ok(text) => {
                let file = loaded
                    .sources
                    .add(SourceFile::new(path.value.clone(), text));
                readable.push((path, file));
            }
            Err(failure) => {
                let diagnostic = match &failure {
                    ReadFailure::Io(e) => Diagnostic::new(
                        Code::UnreadableFile,
                        format!(
                            "cannot read chronology file `{}`: {}",
                            path.value,
                            io_reason(e)
                        ),
                    )
                    .at(&path.span)
                    .label("listed here"),
                    // A FIFO or a device would block or never end: refused unopened.
                    ReadFailure::NotRegular(what) => Diagnostic::new(
                        Code::UnreadableFile,
                        format!(
                            "chronology file `{}` is {what}, not a regular file",
                            path.value
                        ),
                    )
                    .at(&path.span)
                    .label("not a regular file")
                    .help("list the agency's YAML file itself"),
                    other => file_fault(&mut loaded.sources, path.value.clone(), other),
                };
                loaded.diagnostics.push(diagnostic);
            }
        }
    }
    let sources = &loaded.sources;
    let decoded: Vec<Decoded<Option<ChronologyRead>>> = readable
        .par_iter()
        .map(|(path, file)| {
            decode_file(*file, sources.get(*file), |r, root| {
                let mut events = Vec::new();
                let mut chronology = Chronology {
                    path: (*path).clone(),
                    file: *file,
                    agency: None,
                    submitted: None,
                };
                let f = r.mapping(
                    root,
                    &format!("`{}`", path.value),
                    &crate::format::CHRONOLOGY_FILE,
                )?;
                read_format(r, &f);
                chronology.agency = f.get("agency").and_then(|n| r.id(n, "the file's `agency`"));
                chronology.submitted = f.get("submitted").and_then(|n| read_submitted(r, n));
                if let Some(n) = f.get("events") {
                    read_events(r, n, chronology.agency.as_ref(), &mut events);
                }
                Some((chronology, events))
            })
        })
        .collect();
    let mut chronologies = Vec::new();
    for ((_, file), decoded) in readable.iter().zip(decoded) {
        if let Some((chronology, file_events)) = decoded.keep(loaded, *file).flatten() {
            chronologies.push(chronology);
            events.extend(file_events);
        }
    }
    chronologies
}

/// The file a listed path names, if it is a relative path inside the case folder,
/// listed once. Reports what is wrong otherwise.
fn resolve_chronology(
    files: &dyn FileSource,
    loaded: &mut Loaded,
    path: &Spanned<String>,
    seen: &mut HashSet<PathBuf>,
) -> Option<PathBuf> {
    let fault = |code: Code, message: String, label: &str| {
        Diagnostic::new(code, message)
            .at(&path.span)
            .label(label.to_owned())
    };
    let relative = Path::new(&path.value);
    if relative.is_absolute() || relative.has_root() {
        loaded.diagnostics.push(
            fault(
                Code::ChronologyPath,
                format!("chronology path `{}` is absolute", path.value),
                "absolute path",
            )
            .help("write the path relative to case.yaml, e.g. `chronology/school.yaml`"),
        );
        return None;
    }
    let mut depth = 0i32;
    for component in relative.components() {
        match component {
            Component::ParentDir => depth -= 1,
            Component::Normal(_) => depth += 1,
            _ => {}
        }
        if depth < 0 {
            loaded.diagnostics.push(fault(
                Code::ChronologyPath,
                format!(
                    "chronology path `{}` leads out of the case folder",
                    path.value
                ),
                "escapes the case folder",
            ));
            return None;
        }
    }
    let full = loaded.folder.join(relative);
    let Some(canonical) = files.canonical(&full) else {
        loaded.diagnostics.push(fault(
            Code::UnreadableFile,
            format!("chronology file `{}` does not exist", path.value),
            "no such file",
        ));
        return None;
    };
    let folder = files
        .canonical(&loaded.folder)
        .unwrap_or_else(|| loaded.folder.clone());
    if !canonical.starts_with(&folder) {
        loaded.diagnostics.push(fault(
            Code::ChronologyPath,
            format!(
                "chronology path `{}` is a link that leads out of the case folder",
                path.value
            ),
            "leads outside the case folder",
        ));
        return None;
    }
    if !seen.insert(canonical.clone()) {
        loaded.diagnostics.push(fault(
            Code::ChronologyPath,
            format!("chronology file `{}` is listed twice", path.value),
            "listed before",
        ));
        return None;
    }
    Some(canonical)
}

/// YAML files in `chronology/` that no entry of `chronologies:` names.
fn warn_unlisted_chronologies(
    files: &dyn FileSource,
    loaded: &mut Loaded,
    listed: &[Spanned<String>],
) {
    let folder = loaded.folder.join("chronology");
    let listed: HashSet<PathBuf> = listed
        .iter()
        .filter_map(|p| files.canonical(&loaded.folder.join(&p.value)))
        .collect();
    let mut unlisted: Vec<String> = files
        .files_in(&folder)
        .into_iter()
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml")))
        .filter(|p| files.canonical(p).is_none_or(|c| !listed.contains(&c)))
        .filter_map(|p| {
            p.file_name()
                .map(|n| format!("chronology/{}", n.to_string_lossy()))
        })
        .collect();
    unlisted.sort();
    for path in unlisted {
        loaded.diagnostics.push(
            Diagnostic::new(
                Code::UnlistedChronology,
                format!("`{path}` is not listed under `chronologies:`"),
            )
            .help(format!(
                "add `- {path}` under `chronologies:` in case.yaml, or move the file away"
            )),
        );
    }
}
