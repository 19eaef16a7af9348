//! A headless Chromium driven over the DevTools protocol on a pipe (`--remote-debugging-pipe`:
//! the browser reads commands on fd 3 and writes replies on fd 4, each a JSON text ended by
//! NUL). No WebDriver and no WebSocket crate: two pipes and serde_json.
//!
//! The network is off twice over: a proxy nobody listens on, and DevTools' offline mode.
//! Every request the page makes is recorded, so a test can say none left the file.

use std::io::{BufRead, BufReader, Write};
use std::os::fd::{FromRawFd, OwnedFd, RawFd};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// How long one reply may take: generous, only to end a hang.
const PATIENCE: Duration = Duration::from_secs(60);

/// The Chromium to run: `$CHROMIUM`, else the first of the usual names on the `PATH`.
pub fn find() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("CHROMIUM").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(path));
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| {
            ["chromium", "chromium-browser", "google-chrome"]
                .into_iter()
                .map(move |name| dir.join(name))
        })
        .find(|candidate| candidate.is_file())
}

pub struct Browser {
    child: Child,
    commands: std::fs::File,
    replies: Receiver<Value>,
    next_id: u64,
    session: Option<String>,
    /// Events received while waiting for replies, in order.
    pub events: Vec<Value>,
    _profile: tempfile::TempDir,
}

fn pipe() -> (OwnedFd, OwnedFd) {
    let mut fds: [RawFd; 2] = [0; 2];
    // SAFETY: `pipe` fills both descriptors or fails; each is owned exactly once below.
    let status = unsafe { libc::pipe(fds.as_mut_ptr()) };
    assert_eq!(status, 0, "pipe: {}", std::io::Error::last_os_error());
    // SAFETY: the descriptors were just created and are not owned elsewhere.
    unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) }
}

impl Browser {
    pub fn launch(chromium: &Path) -> Browser {
        let profile = tempfile::tempdir().unwrap();
        let (browser_reads, we_write) = pipe();
        let (we_read, browser_writes) = pipe();
        let (read_fd, write_fd) = (
            std::os::fd::AsRawFd::as_raw_fd(&browser_reads),
            std::os::fd::AsRawFd::as_raw_fd(&browser_writes),
        );
        let mut command = Command::new(chromium);
        command
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-extensions",
                "--disable-background-networking",
                "--disable-sync",
                "--proxy-server=127.0.0.1:9",
                "--proxy-bypass-list=<-loopback>",
                "--remote-debugging-pipe",
                "--window-size=1280,720",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        // SAFETY: only async-signal-safe calls (dup2) between fork and exec.
        unsafe {
            command.pre_exec(move || {
                if libc::dup2(read_fd, 3) < 0 || libc::dup2(write_fd, 4) < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let child = command.spawn().expect("start chromium");
        drop(browser_reads);
        drop(browser_writes);
        let (send, replies) = channel();
        let reader = std::fs::File::from(we_read);
        std::thread::spawn(move || {
            let mut reader = BufReader::new(reader);
            loop {
                let mut message = Vec::new();
                match reader.read_until(0, &mut message) {
                    Ok(0) | Err(_) => return,
                    Ok(_) => {
                        message.pop_if(|b| *b == 0);
                        let Ok(value) = serde_json::from_slice::<Value>(&message) else {
                            continue;
                        };
                        if send.send(value).is_err() {
                            return;
                        }
                    }
                }
            }
        });
        let mut browser = Browser {
            child,
            commands: std::fs::File::from(we_write),
            replies,
            next_id: 0,
            session: None,
            events: Vec::new(),
            _profile: profile,
        };
        let target = browser.call("Target.createTarget", json!({ "url": "about:blank" }));
        let target = target["targetId"].as_str().unwrap().to_owned();
        let attached = browser.call(
            "Target.attachToTarget",
            json!({ "targetId": target, "flatten": true }),
        );
        browser.session = Some(attached["sessionId"].as_str().unwrap().to_owned());
        for domain in [
            "Page.enable",
            "Runtime.enable",
            "Log.enable",
            "Network.enable",
        ] {
            browser.call(domain, json!({}));
        }
        browser.call(
            "Network.emulateNetworkConditions",
            json!({ "offline": true, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1 }),
        );
        browser
    }

    /// Sends a command (to the page, once attached) and waits for its reply's `result`.
    pub fn call(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let mut message = json!({ "id": id, "method": method, "params": params });
        if let Some(session) = &self.session {
            message["sessionId"] = json!(session);
        }
        let mut bytes = serde_json::to_vec(&message).unwrap();
        bytes.push(0);
        self.commands.write_all(&bytes).expect("write to chromium");
        let deadline = Instant::now() + PATIENCE;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let reply = self
                .replies
                .recv_timeout(left)
                .unwrap_or_else(|_| panic!("chromium did not answer {method}"));
            if reply["id"] == id {
                assert!(reply.get("error").is_none(), "{method}: {reply}");
                return reply["result"].clone();
            }
            self.events.push(reply);
        }
    }

    /// Waits for an event by method name, among those received or to come.
    pub fn wait_for(&mut self, method: &str) -> Value {
        if let Some(event) = self.events.iter().find(|e| e["method"] == method) {
            return event.clone();
        }
        let deadline = Instant::now() + PATIENCE;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let event = self
                .replies
                .recv_timeout(left)
                .unwrap_or_else(|_| panic!("no {method} from chromium"));
            self.events.push(event.clone());
            if event["method"] == method {
                return event;
            }
        }
    }

    /// Opens a file and waits for its load event; returns how long that took.
    pub fn open(&mut self, file: &Path) -> Duration {
        self.events.clear();
        let url = format!("file://{}", file.canonicalize().unwrap().display());
        let start = Instant::now();
        self.call("Page.navigate", json!({ "url": url }));
        self.wait_for("Page.loadEventFired");
        start.elapsed()
    }

    /// The value of a script evaluated in the page (a promise is awaited).
    pub fn eval(&mut self, expression: &str) -> Value {
        let result = self.call(
            "Runtime.evaluate",
            json!({ "expression": expression, "returnByValue": true, "awaitPromise": true }),
        );
        assert!(
            result.get("exceptionDetails").is_none(),
            "{expression}: {result}"
        );
        result["result"]["value"].clone()
    }

    /// Console errors, uncaught exceptions and log errors (a refused policy is one).
    pub fn errors(&self) -> Vec<String> {
        self.events
            .iter()
            .filter_map(|e| match e["method"].as_str()? {
                "Runtime.exceptionThrown" => Some(e["params"]["exceptionDetails"].to_string()),
                "Runtime.consoleAPICalled" if e["params"]["type"] == "error" => {
                    Some(e["params"]["args"].to_string())
                }
                "Log.entryAdded" if e["params"]["entry"]["level"] == "error" => {
                    Some(e["params"]["entry"]["text"].to_string())
                }
                _ => None,
            })
            .collect()
    }

    /// Every URL the page requested that is not the file itself or a `data:` URL.
    pub fn requests_beyond(&self, file: &Path) -> Vec<String> {
        let own = format!("file://{}", file.canonicalize().unwrap().display());
        self.events
            .iter()
            .filter(|e| e["method"] == "Network.requestWillBeSent")
            .filter_map(|e| e["params"]["request"]["url"].as_str())
            .filter(|url| *url != own && !url.starts_with("data:"))
            .map(str::to_owned)
            .collect()
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
