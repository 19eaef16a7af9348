//! `casereview init DIR`: a commented starter case that passes `check`, drawn from
//! `methodology/init/`.

use std::path::{Path, PathBuf};

use super::{CliError, Lang, MethodologyArgs, Status, print_out};
use crate::files::TempDir;
use crate::methodology::Methodology;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The folder to create (it must not exist, or be empty).
    pub dir: PathBuf,
    /// The language of the starter case's comments and report.
    #[arg(long, value_enum, default_value_t = Lang::Et)]
    pub lang: Lang,
    /// The case's label (`case.id`); by default the folder's name in capitals.
    #[arg(long)]
    pub id: Option<String>,
    #[command(flatten)]
    pub methodology: MethodologyArgs,
}

pub fn run(args: &Args) -> Result<Status, CliError> {
    let methodology = args.methodology.load()?;
    if args.dir.exists() && std::fs::read_dir(&args.dir).map_or(true, |mut d| d.next().is_some()) {
        return Err(CliError(format!(
            "{} exists and is not an empty folder",
            args.dir.display()
        )));
    }
    let case_id = match &args.id {
        Some(id) => id.clone(),
        None => args
            .dir
            .file_name()
            .map(|n| n.to_string_lossy().to_uppercase())
            .ok_or_else(|| {
                CliError(format!(
                    "{} has no folder name; give --id",
                    args.dir.display()
                ))
            })?,
    };
    let files = starter_files(&methodology, args.lang, &case_id)?;
    create_folder_whole(&args.dir, &files)?;
    print_out(&format!(
        "created {}: case.yaml, chronology/agency.yaml, .gitignore\nnext: edit them, then run `casereview check {}`\n",
        args.dir.display(),
        args.dir.display()
    ))?;
    Ok(Status::Success)
}

/// The starter files, by path inside the new folder.
pub fn starter_files(
    methodology: &Methodology,
    lang: Lang,
    case_id: &str,
) -> Result<Vec<(&'static str, String)>, CliError> {
    let lang = match lang {
        Lang::Et => "et",
        Lang::En => "en",
    };
    let render = |name: &str| -> Result<String, CliError> {
        let path = format!("init/{lang}/{name}");
        let template = methodology
            .file(&path)
            .ok_or_else(|| CliError(format!("methodology file `{path}` is missing")))?;
        let env = minijinja::Environment::new();
        // YAML's double-quoted string escapes, so any label stays one valid string.
        let quoted = serde_json::to_string(case_id)?;
        let rendered = env
            .render_str(
                template,
                minijinja::context! { case_id => quoted.trim_matches('"') },
            )
            .map_err(|e| CliError(format!("methodology/{path}: {e}")))?;
        Ok(rendered)
    };
    let gitignore = methodology
        .file("init/gitignore")
        .ok_or_else(|| CliError("methodology file `init/gitignore` is missing".into()))?;
    Ok(vec![
        ("case.yaml", render("case.yaml.j2")?),
        ("chronology/agency.yaml", render("chronology.yaml.j2")?),
        (".gitignore", gitignore.to_owned()),
    ])
}

/// Writes the files into a temporary folder beside `dir`, then renames it into place, so
/// a failure (or an interrupt, see [`TempDir`]) leaves no half-made case behind.
fn create_folder_whole(dir: &Path, files: &[(&str, String)]) -> Result<(), CliError> {
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let fail = |what: &Path, e: std::io::Error| {
        CliError(format!(
            "cannot write {}: {}",
            what.display(),
            crate::files::io_reason(&e)
        ))
    };
    std::fs::create_dir_all(&parent).map_err(|e| fail(&parent, e))?;
    let staging = TempDir::new_in(&parent, "init").map_err(|e| fail(&parent, e))?;
    for (path, text) in files {
        staging
            .write(Path::new(path), text.as_bytes())
            .map_err(|e| fail(&staging.path().join(path), e))?;
    }
    if dir.exists() {
        std::fs::remove_dir(dir).map_err(|e| fail(dir, e))?;
    }
    staging.persist(dir).map_err(|e| fail(dir, e))?;
    Ok(())
}
