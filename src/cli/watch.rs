//! `casereview watch CASE -o OUT`: for the meeting's shared screen. The report is made
//! again after every save, in the same process, with Typst's cache kept between renders,
//! so a one-line edit re-typesets only what it touched. A save that leaves errors prints
//! them and keeps the last good output; every output is replaced atomically (a viewer
//! never reads half a file); Ctrl-C ends it with exit code 0 and no temporary file.
//!
//! File events come from the operating system through `notify` (debounced by
//! `notify-debouncer-full`, which keeps each event's kind: reads are no change): an editor that
//! writes a file twice, or a burst of saves, makes one render.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use clap::ValueEnum;
use notify_debouncer_full::notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, new_debouncer};

use super::report::{self, Request};
use super::version::SinceArgs;
use super::{CliError, Lang, MethodologyArgs, Status, TemplateArgs, analysed_view};
use crate::render::Cache;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// A case.yaml, or the folder that holds one.
    pub case: PathBuf,
    /// The file to write (replaced after every good save); for png a pattern with `{n}`.
    #[arg(short, long)]
    pub output: PathBuf,
    #[arg(long, value_enum, default_value_t = Format::Pdf)]
    pub format: Format,
    /// The report's language (default: the case's `language`).
    #[arg(long, value_enum)]
    pub lang: Option<Lang>,
    #[command(flatten)]
    pub since: SinceArgs,
    #[command(flatten)]
    pub template: TemplateArgs,
    #[command(flatten)]
    pub methodology: MethodologyArgs,
}

/// What `watch` renders: each is one of `report`'s formats, rendered by the same code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Pdf,
    Png,
    /// The on-screen view; reload the page to see a save.
    Html,
}

impl Format {
    fn as_report(self) -> report::Format {
        match self {
            Format::Pdf => report::Format::Pdf,
            Format::Png => report::Format::Png,
            Format::Html => report::Format::Html,
        }
    }
}

/// How long a file must stay quiet before its save counts: an editor's double write and a
/// burst of saves fall within it.
const QUIET: Duration = Duration::from_millis(40);

pub fn run(args: &Args) -> Result<Status, CliError> {
    let methodology = args.methodology.load()?;
    let templates = args.template.load()?;
    let case_file = crate::load::case_file_path(&args.case);
    let folder = std::path::absolute(case_file.parent().unwrap_or(Path::new(".")))
        .map_err(|e| CliError(format!("cannot find the case folder: {e}")))?;
    let Ok(baseline) = args.since.load(&args.case, &methodology)? else {
        return Ok(Status::DataErrors);
    };
    let request = Request {
        methodology: &methodology,
        templates: &templates,
        draft: None,
        format: args.format.as_report(),
        output: &args.output,
        cache: Cache::Keep,
    };
    let render = || {
        let started = Instant::now();
        let checked = match crate::pipeline::check(&args.case, &methodology) {
            Ok(checked) => checked,
            Err(e) => return eprintln!("error: {e}; waiting for the next save"),
        };
        let kept = "the last good output stays in place";
        let view = match analysed_view(&checked, &methodology, args.lang, kept) {
            Ok(Some(view)) => view,
            Ok(None) => return,
            Err(e) => return eprintln!("error: {e}; {kept}"),
        };
        match request.write(&checked, &view, baseline.as_ref()) {
            Ok(()) => eprintln!(
                "wrote {} in {:.2} s",
                args.output.display(),
                started.elapsed().as_secs_f64()
            ),
            Err(e) => eprintln!("error: {e}; {kept}"),
        }
    };

    let (events, saves) = mpsc::channel::<DebounceEventResult>();
    let mut debouncer = new_debouncer(QUIET, None, events)
        .map_err(|e| CliError(format!("cannot watch {}: {e}", folder.display())))?;
    // The folder's parent too: if the case folder is removed and made again, its watch is
    // gone, and only the parent sees it come back.
    if let Some(parent) = folder.parent() {
        let _ = debouncer.watch(parent, RecursiveMode::NonRecursive);
    }
    debouncer
        .watch(&folder, RecursiveMode::Recursive)
        .map_err(|e| CliError(format!("cannot watch {}: {e}", folder.display())))?;
    crate::files::interrupt_ends_cleanly();
    render();
    eprintln!("watching {} (Ctrl-C to stop)", folder.display());
    while let Ok(batch) = saves.recv() {
        let mut relevant = matters(&batch, &folder);
        // Saves that arrived while the last render ran: one render for all of them.
        while let Ok(batch) = saves.try_recv() {
            relevant |= matters(&batch, &folder);
        }
        if !relevant {
            continue;
        }
        if !folder.is_dir() {
            eprintln!(
                "the case folder {} is gone; waiting for it to come back",
                folder.display()
            );
            continue;
        }
        // After the folder came back its old watch is gone: watch it anew (a second
        // watch of a watched folder changes nothing).
        let _ = debouncer.watch(&folder, RecursiveMode::Recursive);
        render();
    }
    Ok(Status::Success)
}

/// Whether a batch of events changes the case: a YAML file inside the folder (case.yaml,
/// a chronology, a new file) or the folder itself written, made, renamed or removed.
/// Reading a file is no change (the render itself reads them all), and outputs and
/// temporary files, which may sit in the folder, do not count, or every render would
/// start the next.
fn matters(batch: &DebounceEventResult, folder: &Path) -> bool {
    let Ok(events) = batch else {
        return true;
    };
    events
        .iter()
        .filter(|event| !matches!(event.kind, EventKind::Access(_)))
        .flat_map(|event| &event.paths)
        .any(|path| {
            let yaml = matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("yaml" | "yml")
            );
            path == folder || (yaml && path.starts_with(folder))
        })
}
