//! `casereview watch`: driven by a test that edits a copy of an example and waits for the
//! new output, as a facilitator's editor would.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{copy_case, edit, pdf_text, repo};

/// A running `watch`, stopped (Ctrl-C) when dropped; its standard error goes to a file.
struct Watch {
    child: Child,
    log: PathBuf,
    _dir: tempfile::TempDir,
}

impl Watch {
    fn start(case: &Path, output: &Path) -> Watch {
        Watch::start_with(case, output, &[])
    }

    fn start_with(case: &Path, output: &Path, extra: &[&str]) -> Watch {
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("stderr.log");
        let child = Command::new(env!("CARGO_BIN_EXE_casereview"))
            .args([
                "watch",
                case.to_str().unwrap(),
                "-o",
                output.to_str().unwrap(),
            ])
            .args(extra)
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .unwrap();
        let watch = Watch {
            child,
            log,
            _dir: dir,
        };
        watch.wait_for(|log| log.contains("watching"), "the watch to start");
        watch
    }

    fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    fn renders(&self) -> usize {
        self.log().matches("wrote ").count()
    }

    fn wait_for(&self, done: impl Fn(&str) -> bool, what: &str) {
        let started = Instant::now();
        while !done(&self.log()) {
            assert!(
                started.elapsed() < Duration::from_secs(90),
                "timed out waiting for {what}; the log:\n{}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Ctrl-C, and the exit code.
    fn interrupt(&mut self) -> i32 {
        let status = Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
        self.child
            .wait()
            .unwrap()
            .code()
            .expect("exited, not killed")
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn temp_files(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".casereview-"))
        .collect()
}

#[test]
fn a_save_renders_anew_an_error_keeps_the_last_good_output_and_ctrl_c_exits_0() {
    let case = copy_case(&repo().join("examples/mets-2024"));
    let out_dir = tempfile::tempdir().unwrap();
    let out = out_dir.path().join("meeting.pdf");
    let mut watch = Watch::start(case.path(), &out);
    assert_eq!(watch.renders(), 1, "{}", watch.log());
    assert!(out.is_file());

    edit(
        case.path(),
        "case.yaml",
        "Kodukülastus. Kodu korras, külmkapp peaaegu tühi.",
        "Kodukülastus. VAADATUD-KOOSOLEKUL.",
    );
    watch.wait_for(
        |log| log.matches("wrote ").count() == 2,
        "the second render",
    );
    assert!(pdf_text(&out).contains("VAADATUD-KOOSOLEKUL"));

    // A save with an error: its diagnostics, and the last good report stays.
    let good = std::fs::read(&out).unwrap();
    edit(
        case.path(),
        "case.yaml",
        "  - id: e005\n",
        "  - id: e005\n    bogus: 1\n",
    );
    watch.wait_for(|log| log.contains("stays in place"), "the error");
    assert!(watch.log().contains("E0101"));
    assert_eq!(std::fs::read(&out).unwrap(), good);

    // The next good save replaces it.
    edit(case.path(), "case.yaml", "    bogus: 1\n", "");
    watch.wait_for(
        |log| log.matches("wrote ").count() == 3,
        "the render after the fix",
    );

    assert_eq!(watch.interrupt(), 0);
    assert!(temp_files(out_dir.path()).is_empty());
}

#[test]
fn a_burst_of_saves_renders_once() {
    let case = copy_case(&repo().join("examples/mets-2024"));
    let out_dir = tempfile::tempdir().unwrap();
    let out = out_dir.path().join("meeting.pdf");
    let watch = Watch::start(case.path(), &out);
    let path = case.path().join("case.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    // An editor that writes the file three times in a row.
    for n in 0..3 {
        std::fs::write(
            &path,
            text.replace("Kodu korras", &format!("Kodu korras {n}")),
        )
        .unwrap();
    }
    watch.wait_for(|log| log.matches("wrote ").count() == 2, "the render");
    std::thread::sleep(Duration::from_millis(1500));
    assert_eq!(watch.renders(), 2, "{}", watch.log());
}

#[test]
fn it_never_writes_over_an_input_and_keeps_watching() {
    let case = copy_case(&repo().join("examples/mets-2024"));
    let input = case.path().join("chronology/school.yaml");
    let before = std::fs::read(&input).unwrap();
    let watch = Watch::start(case.path(), &input);
    assert!(
        watch.log().contains("refusing to write over the input"),
        "{}",
        watch.log()
    );
    edit(case.path(), "case.yaml", "Kodu korras", "Kodu oli korras");
    watch.wait_for(
        |log| log.matches("refusing").count() == 2,
        "the second refusal",
    );
    assert_eq!(std::fs::read(&input).unwrap(), before);
}

#[test]
fn an_unwritable_output_folder_is_reported_and_watching_goes_on() {
    let case = copy_case(&repo().join("examples/mets-2024"));
    let out_dir = tempfile::tempdir().unwrap();
    let out = out_dir.path().join("gone/meeting.pdf");
    let watch = Watch::start(case.path(), &out);
    assert!(watch.log().contains("cannot write"), "{}", watch.log());
    std::fs::create_dir(out_dir.path().join("gone")).unwrap();
    edit(case.path(), "case.yaml", "Kodu korras", "Kodu oli korras");
    watch.wait_for(
        |log| log.contains("wrote "),
        "the render once the folder exists",
    );
    assert!(out.is_file());
}

#[test]
fn a_folder_that_disappears_is_reported_and_watched_again_when_it_returns() {
    let parent = tempfile::tempdir().unwrap();
    let case = parent.path().join("case");
    common::copy_dir(&repo().join("examples/mets-2024"), &case);
    let out_dir = tempfile::tempdir().unwrap();
    let out = out_dir.path().join("meeting.pdf");
    let watch = Watch::start(&case, &out);
    let away = parent.path().join("away");
    std::fs::rename(&case, &away).unwrap();
    watch.wait_for(|log| log.contains("is gone"), "the folder to be missed");
    std::fs::rename(&away, &case).unwrap();
    watch.wait_for(
        |log| log.matches("wrote ").count() == 2,
        "the render once it is back",
    );
    edit(&case, "case.yaml", "Kodu korras", "Kodu oli korras");
    watch.wait_for(
        |log| log.matches("wrote ").count() == 3,
        "a save after its return",
    );
}

#[test]
fn with_since_each_render_shows_the_changes_since_that_version() {
    let (_dir, old, new) = common::versions();
    let out_dir = tempfile::tempdir().unwrap();
    let out = out_dir.path().join("meeting.pdf");
    let watch = Watch::start_with(
        &new,
        &out,
        &["--since", old.to_str().unwrap(), "--lang", "en"],
    );
    assert!(pdf_text(&out).contains("Changes since version 0.2"));
    edit(
        &new,
        "case.yaml",
        "Kodukülastus. Külmkapp oli tühi.",
        "Kodukülastus. UUS-MUUDATUS.",
    );
    watch.wait_for(|log| log.matches("wrote ").count() == 2, "the render");
    let text = pdf_text(&out);
    assert!(text.contains("UUS-MUUDATUS") && text.contains("Changes since version 0.2"));
}

#[test]
fn the_on_screen_view_is_rendered_anew_after_a_save() {
    let case = copy_case(&repo().join("examples/mets-2024"));
    let out_dir = tempfile::tempdir().unwrap();
    let out = out_dir.path().join("meeting.html");
    let watch = Watch::start_with(case.path(), &out, &["--format", "html"]);
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .contains("Content-Security-Policy")
    );
    edit(
        case.path(),
        "case.yaml",
        "Kodukülastus. Kodu korras, külmkapp peaaegu tühi.",
        "Kodukülastus. VAADATUD-EKRAANIL.",
    );
    watch.wait_for(|log| log.matches("wrote ").count() == 2, "the render");
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .contains("VAADATUD-EKRAANIL")
    );
}
