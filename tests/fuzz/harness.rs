//! The project's mutation fuzzer: the example cases, mutated by a seeded, deterministic
//! mutator (byte and character flips, line deletions, duplications and swaps, lines
//! spliced from other examples, hostile YAML snippets and strings), each run through the
//! loader, validation, the gap rules, the diagnostics' printers and the report's data
//! (`render::build`, not the PDF). No input may panic or take a second. Shared by
//! `tests/fuzz/main.rs` (10,000 inputs under `cargo test`) and `benches/fuzz.rs`
//! (1,000,000 when asked).

#![allow(dead_code)]

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use casereview::methodology::Methodology;
use casereview::model::Language;
use casereview::render::{self, Document, Inputs};

/// The slowest an input may be.
pub const LIMIT: Duration = Duration::from_secs(1);

/// YAML that parsers, the loader and the rules must survive: aliases, tags, complex keys,
/// merge keys, unbalanced brackets, block scalars, documents, odd scalars and numbers,
/// dates at and past the format's edges, thresholds that overflow date arithmetic.
const SNIPPETS: &[&str] = &[
    "&a [*a, *a]",
    "*nowhere",
    "!!binary aGVsbG8=",
    "!custom {}",
    "? [a, b]\n: c",
    "<<: *base",
    "base: &base { id: x }",
    "{ a: [ { b: ",
    "]]]",
    "}}",
    "- - - - x",
    "key: |\n  block\n   more",
    "key: >-\n",
    "\tkey: tab",
    "\"\\u0000\\ud800\"",
    "'unterminated",
    "%YAML 1.2\n---",
    "---",
    "...",
    "~",
    "null",
    "[]",
    "{}",
    ".nan",
    "-.inf",
    "0x7fffffffffffffff",
    "99999999999999999999999",
    "-1",
    "1e309",
    "2024-02-30",
    "2024-13-01",
    "0000-01-01",
    "9999-12-31T23:59",
    "1000-01-01",
    "262143-01-01",
    "T-99999999",
    "T+5",
    "T-0",
    "days: 100000000",
    "working_days: 4294967295",
    "rules: { G001: { days: 100000000 } }",
    "notifier_confidential: true",
    "child_seen: maybe",
    "kind: handoff",
    "kind: meeting",
    "kind: move",
    "kind: outcome",
    "dates: relative",
    "dates: absolute",
    "language: en",
    "status: final",
    "profile: nowhere",
    "to: [a, b]",
    "people: \"not a list\"",
    "chronologies: [../outside.yaml, /etc/passwd, chronology/, chronology/missing.yaml]",
    "id: e001",
    "agency: \"\"",
    "date: 2024-01-01T25:61",
    "date: 2024-01",
    "date: 2024",
];

/// One example case folder: its files, `case.yaml` first, as (relative path, text).
#[derive(Clone, Debug)]
pub struct Example {
    pub name: String,
    pub files: Vec<(String, String)>,
}

/// What the mutator draws from.
pub struct Corpus {
    pub examples: Vec<Example>,
    /// Every line of every example, for splicing.
    lines: Vec<String>,
    /// The values each key has in the examples (`date` → every date written).
    values: std::collections::HashMap<String, Vec<String>>,
    hostile: Vec<String>,
}

impl Corpus {
    /// The case folders under `examples/` and the hostile strings of the test fixtures.
    pub fn load(repo: &Path) -> Corpus {
        let mut folders: Vec<PathBuf> = std::fs::read_dir(repo.join("examples"))
            .expect("examples/")
            .map(|e| e.unwrap().path())
            .filter(|p| p.join("case.yaml").is_file())
            .collect();
        folders.sort();
        let mut examples = Vec::new();
        for folder in folders {
            let mut files = vec![(
                "case.yaml".to_owned(),
                std::fs::read_to_string(folder.join("case.yaml")).unwrap(),
            )];
            if let Ok(entries) = std::fs::read_dir(folder.join("chronology")) {
                let mut paths: Vec<PathBuf> = entries.map(|e| e.unwrap().path()).collect();
                paths.sort();
                for path in paths {
                    let name = path.file_name().unwrap().to_string_lossy().into_owned();
                    files.push((
                        format!("chronology/{name}"),
                        std::fs::read_to_string(&path).unwrap(),
                    ));
                }
            }
            examples.push(Example {
                name: folder.file_name().unwrap().to_string_lossy().into_owned(),
                files,
            });
        }
        assert!(!examples.is_empty(), "no example cases under examples/");
        let lines: Vec<String> = examples
            .iter()
            .flat_map(|e| e.files.iter())
            .flat_map(|(_, text)| text.lines().map(str::to_owned))
            .collect();
        let mut values: std::collections::HashMap<String, Vec<String>> = Default::default();
        for line in &lines {
            let line: &String = line;
            if let Some((key, value)) = line.split_once(": ") {
                let key = key.trim_start().trim_start_matches("- ");
                values
                    .entry(key.to_owned())
                    .or_default()
                    .push(value.to_owned());
            }
        }
        let hostile = std::fs::read_to_string(repo.join("tests/fixtures/hostile-strings.txt"))
            .expect("tests/fixtures/hostile-strings.txt")
            .lines()
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect();
        Corpus {
            examples,
            lines,
            values,
            hostile,
        }
    }

    /// Input `index` of the run seeded `seed`: the same pair gives the same files.
    pub fn input(&self, seed: u64, index: u64) -> Example {
        let mut rng = SplitMix64(seed ^ index.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let mut example = self.examples[rng.below(self.examples.len())].clone();
        // Mostly one or two mutations: more leave little that loads.
        let mutations = [1, 1, 1, 1, 1, 2, 2, 2, 3, 4][rng.below(10)];
        for _ in 0..mutations {
            // Mostly case.yaml, which holds the skeleton every other file hangs on.
            let file = if example.files.len() > 1 && rng.below(10) < 3 {
                1 + rng.below(example.files.len() - 1)
            } else {
                0
            };
            let text = std::mem::take(&mut example.files[file].1);
            example.files[file].1 = self.mutate(text, &mut rng);
        }
        example
    }

    fn mutate(&self, text: String, rng: &mut SplitMix64) -> String {
        let mut lines: Vec<String> = text.split('\n').map(str::to_owned).collect();
        let at = rng.below(lines.len());
        match rng.below(13) {
            0 => return flip_byte(text, rng),
            1 => {
                lines.remove(at);
            }
            2 => {
                let copy = lines[at].clone();
                lines.insert(at, copy);
            }
            3 => {
                let other = rng.below(lines.len());
                lines.swap(at, other);
            }
            4 => lines[at] = self.lines[rng.below(self.lines.len())].clone(),
            5 => {
                let indent = " ".repeat(rng.below(9));
                let snippet = SNIPPETS[rng.below(SNIPPETS.len())];
                lines.insert(at, format!("{indent}{snippet}"));
            }
            6..=8 => {
                // A value replaced by one another line gives the same key: a date for a
                // date, an id for an id, mostly still a valid case, but a different one.
                let line = &mut lines[at];
                if let Some((key, _)) = line.split_once(": ") {
                    let key = key.trim_start().trim_start_matches("- ");
                    if let Some(values) = self.values.get(key) {
                        let value = &values[rng.below(values.len())];
                        let colon = line.find(": ").expect("split above");
                        line.replace_range(colon + 2.., value);
                    }
                }
            }
            9 | 10 => {
                // A value replaced: a hostile string, a snippet, or another line's value.
                let value = match rng.below(3) {
                    0 => self.hostile[rng.below(self.hostile.len())].clone(),
                    1 => SNIPPETS[rng.below(SNIPPETS.len())].to_owned(),
                    _ => {
                        let line = &self.lines[rng.below(self.lines.len())];
                        line.split_once(": ")
                            .map_or(line.clone(), |(_, v)| v.to_owned())
                    }
                };
                let value = if rng.below(2) == 0 {
                    serde_json::to_string(&value).unwrap()
                } else {
                    value
                };
                let line = &mut lines[at];
                match line.find(": ") {
                    Some(colon) => line.replace_range(colon + 2.., &value),
                    None => line.push_str(&value),
                }
            }
            11 => {
                // Indentation shifted by one or two columns either way.
                let line = &mut lines[at];
                if rng.below(2) == 0 {
                    line.insert_str(0, &" ".repeat(1 + rng.below(2)));
                } else {
                    let trimmed = line.trim_start_matches(' ').len();
                    let cut = (line.len() - trimmed).min(1 + rng.below(2));
                    line.replace_range(..cut, "");
                }
            }
            _ => {
                // A number made extreme.
                let line = &mut lines[at];
                if let Some(start) = line.find(|c: char| c.is_ascii_digit()) {
                    let end = line[start..]
                        .find(|c: char| !c.is_ascii_digit())
                        .map_or(line.len(), |e| start + e);
                    let extreme =
                        ["0", "4294967296", "18446744073709551616", "-99999", "00"][rng.below(5)];
                    line.replace_range(start..end, extreme);
                }
            }
        }
        lines.join("\n")
    }
}

/// One byte replaced; mostly kept UTF-8 (a non-UTF-8 file stops at the first check).
fn flip_byte(text: String, rng: &mut SplitMix64) -> String {
    let mut bytes = text.into_bytes();
    if bytes.is_empty() {
        return String::new();
    }
    let at = rng.below(bytes.len());
    bytes[at] = if rng.below(20) == 0 {
        rng.next() as u8
    } else {
        const PUNCTUATION: &[u8] = b" :-[]{}#&*!|>'\"%@`,?\t\r0a";
        PUNCTUATION[rng.below(PUNCTUATION.len())]
    };
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// A small seeded generator: the same seed, the same inputs, on any machine.
pub struct SplitMix64(pub u64);

impl SplitMix64 {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform enough below `n` (at least 1).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// How far each input got, and what went wrong.
#[derive(Debug, Default)]
pub struct Outcome {
    pub inputs: usize,
    /// Inputs that loaded to a case (with or without errors).
    pub loaded: usize,
    /// Inputs with no errors, whose rules ran and whose report data was built.
    pub built: usize,
    /// Folders holding each input that panicked, with the panic's message.
    pub panics: Vec<(PathBuf, String)>,
    /// Folders holding each input that took longer than [`LIMIT`], with its time.
    pub slow: Vec<(PathBuf, Duration)>,
    pub slowest: Duration,
    /// The index of the slowest input, to run it again with the same seed.
    pub slowest_input: usize,
    pub elapsed: Duration,
}

/// How far one input got.
enum Reached {
    Refused,
    Loaded,
    Built,
}

/// Runs `inputs` inputs of the run seeded `seed` on `threads` threads; inputs that fail
/// are written to folders under `crashes`.
pub fn run(corpus: &Corpus, seed: u64, inputs: usize, threads: usize, crashes: &Path) -> Outcome {
    let methodology = Methodology::embedded();
    let next = AtomicUsize::new(0);
    let outcome = Mutex::new(Outcome {
        inputs,
        ..Outcome::default()
    });
    // Files go to memory-backed storage where there is one: the loader reads from disk.
    let scratch_root = Path::new("/dev/shm");
    let scratch = if scratch_root.is_dir() {
        tempfile::tempdir_in(scratch_root)
    } else {
        tempfile::tempdir()
    }
    .expect("a scratch folder");
    let started = Instant::now();
    std::thread::scope(|scope| {
        for worker in 0..threads.max(1) {
            let (next, outcome, methodology) = (&next, &outcome, &methodology);
            let folder = scratch.path().join(format!("w{worker}"));
            scope.spawn(move || {
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    if index >= inputs {
                        break;
                    }
                    let input = corpus.input(seed, index as u64);
                    write_case(&folder, &input);
                    let began = Instant::now();
                    let result =
                        catch_unwind(AssertUnwindSafe(|| exercise(&folder, methodology, index)));
                    let took = began.elapsed();
                    let mut outcome = outcome.lock().unwrap_or_else(|e| e.into_inner());
                    if took > outcome.slowest {
                        outcome.slowest = took;
                        outcome.slowest_input = index;
                    }
                    match result {
                        Ok(Reached::Refused) => {}
                        Ok(Reached::Loaded) => outcome.loaded += 1,
                        Ok(Reached::Built) => {
                            outcome.loaded += 1;
                            outcome.built += 1;
                        }
                        Err(panic) => {
                            let message = panic
                                .downcast_ref::<String>()
                                .cloned()
                                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                                .unwrap_or_default();
                            let saved = save(crashes, seed, index, &input, &message);
                            outcome.panics.push((saved, message));
                        }
                    }
                    if took > LIMIT {
                        let saved = save(crashes, seed, index, &input, &format!("took {took:?}"));
                        outcome.slow.push((saved, took));
                    }
                }
            });
        }
    });
    let mut outcome = outcome.into_inner().unwrap_or_else(|e| e.into_inner());
    outcome.elapsed = started.elapsed();
    outcome
}

/// Everything a command does with a case before it typesets: load, validate, analyse,
/// print the diagnostics (human and JSON), build the report's data.
fn exercise(folder: &Path, methodology: &Methodology, index: usize) -> Reached {
    let Ok(checked) = casereview::pipeline::check(folder, methodology) else {
        return Reached::Refused;
    };
    let _ = casereview::diagnostics::render_human(&checked.diagnostics, &checked.sources);
    let json: Vec<_> = checked
        .diagnostics
        .iter()
        .map(|d| d.to_json(&checked.sources))
        .collect();
    let _ = serde_json::to_vec(&json);
    let language = if index.is_multiple_of(2) {
        Language::Et
    } else {
        Language::En
    };
    let view = match checked.view(methodology, language) {
        Ok(Some(view)) if checked.errors() == 0 => view,
        _ => {
            return if checked.case.is_some() {
                Reached::Loaded
            } else {
                Reached::Refused
            };
        }
    };
    let inputs = Inputs {
        view: &view,
        checked: &checked,
        methodology,
        draft: index.is_multiple_of(3),
        document: [Document::Report, Document::Worksheet, Document::Answers][index % 3],
        since: None,
    };
    if let Ok(data) = render::build(&inputs) {
        let _ = serde_json::to_vec(&data);
    }
    Reached::Built
}

/// Lays the input's files into `folder`, anew.
fn write_case(folder: &Path, input: &Example) {
    let _ = std::fs::remove_dir_all(folder);
    for (path, text) in &input.files {
        let full = folder.join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, text).unwrap();
    }
}

/// Writes a failing input where it can be found again: its files, and why it failed.
fn save(crashes: &Path, seed: u64, index: usize, input: &Example, why: &str) -> PathBuf {
    let folder = crashes.join(format!("{}-{seed:x}-{index}", input.name));
    write_case(&folder, input);
    std::fs::write(folder.join("FAILURE.txt"), why).unwrap();
    eprintln!("fuzz: input {index} ({why}) saved in {}", folder.display());
    folder
}

/// The inputs to run: `CASEREVIEW_FUZZ_INPUTS`, else `default`.
pub fn inputs_wanted(default: usize) -> usize {
    std::env::var("CASEREVIEW_FUZZ_INPUTS")
        .ok()
        .and_then(|v| v.replace('_', "").parse().ok())
        .unwrap_or(default)
}

/// The seed: `CASEREVIEW_FUZZ_SEED` (decimal or 0x-hex), else a fixed one.
pub fn seed_wanted() -> u64 {
    std::env::var("CASEREVIEW_FUZZ_SEED")
        .ok()
        .and_then(|v| match v.strip_prefix("0x") {
            Some(hex) => u64::from_str_radix(hex, 16).ok(),
            None => v.parse().ok(),
        })
        .unwrap_or(0x00C0_FFEE)
}

impl Outcome {
    pub fn summary(&self) -> String {
        format!(
            "{} inputs in {:.1?}: {} loaded, {} analysed and built, {} panics, {} over {LIMIT:?}, slowest {:.1?} (input {})",
            self.inputs,
            self.elapsed,
            self.loaded,
            self.built,
            self.panics.len(),
            self.slow.len(),
            self.slowest,
            self.slowest_input
        )
    }
}
