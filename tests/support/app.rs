//! Starts the real Wandzeitung app under tauri-driver and WebKitWebDriver.
//!
//! Needs a display (the Makefile runs the suite under `xvfb-run`), the app
//! binary built beside this test (`cargo build -p wandzeitung-app`), and
//! `tauri-driver` plus `WebKitWebDriver` on the PATH. Any of these missing
//! fails the test with the reason: an end-to-end test is never skipped.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use super::webdriver::Session;

/// One app at a time: the tests share the display and would steal each other's focus.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// The app binary of this build: `target/<profile>/wandzeitung-app`, beside
/// the `deps/` folder this test binary runs from.
pub fn app_binary() -> PathBuf {
    let exe = std::env::current_exe().expect("test binary path");
    let profile_dir = exe
        .parent()
        .and_then(Path::parent)
        .expect("test binary lives in target/<profile>/deps");
    let app = profile_dir.join("wandzeitung-app");
    assert!(
        app.exists(),
        "{} is missing: build it with `cargo build -p wandzeitung-app` (make test does)",
        app.display()
    );
    app
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free local port")
}

/// Where the webview of the app on `db` keeps its own data (the UI language
/// in its local storage): one folder per store, so no test inherits
/// another's choices; not beside the store, whose folder a test may make
/// read-only. Removed when the app ends.
fn webview_data(db: &Path) -> PathBuf {
    std::env::temp_dir().join(format!(
        "wz-e2e-webview{}",
        db.to_string_lossy().replace(['/', '\\', ':'], "_")
    ))
}

/// A running app: tauri-driver, the app it started and a WebDriver session on it.
pub struct App {
    pub session: Session,
    driver: Child,
    pub db: PathBuf,
    _turn: MutexGuard<'static, ()>,
}

impl App {
    /// Starts the app on the store file `db` (created when missing).
    pub fn start(db: &Path) -> App {
        Self::start_with(db, |_| {})
    }

    /// `start`, with more of the app's environment set by `more` (e.g. a
    /// desktop session's bus).
    pub fn start_with(db: &Path, more: impl FnOnce(&mut Command)) -> App {
        Self::launch(&app_binary(), db, |driver| {
            // Inherited by the app that tauri-driver starts.
            driver
                .env("WANDZEITUNG_DB", db)
                .env("XDG_DATA_HOME", webview_data(db));
            more(driver);
        })
    }

    /// Starts an installed app binary as a user whose home is `home`: the
    /// store is wherever the app puts it there (the user's data folder).
    #[allow(dead_code)]
    pub fn start_installed(binary: &Path, home: &Path) -> App {
        Self::launch(binary, Path::new(""), |driver| {
            driver
                .env("HOME", home)
                .env_remove("WANDZEITUNG_DB")
                .env_remove("XDG_DATA_HOME");
        })
    }

    fn launch(app: &Path, db: &Path, environment: impl FnOnce(&mut Command)) -> App {
        let turn = ONE_AT_A_TIME.lock().unwrap_or_else(|p| p.into_inner());
        assert!(
            std::env::var_os("DISPLAY").is_some(),
            "no DISPLAY: run the end-to-end tests under xvfb-run (make test does)"
        );
        let port = free_port();
        let native_port = free_port();
        let mut driver = Command::new("tauri-driver");
        driver.args([
            "--port",
            &port.to_string(),
            "--native-port",
            &native_port.to_string(),
        ]);
        // The app's accessibility tree is not what these tests read (axe
        // reads the page); without a desktop session the bridge to it only
        // slows the start.
        driver.env("NO_AT_BRIDGE", "1");
        environment(&mut driver);
        let driver = driver
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap_or_else(|e| {
                panic!("tauri-driver could not be started ({e}); `make test` installs it")
            });
        let url = format!("http://127.0.0.1:{port}");
        let start = Instant::now();
        let session = loop {
            match Session::start(&url, app.to_str().expect("utf-8 path")) {
                Ok(s) => break s,
                Err(e) if start.elapsed() > Duration::from_secs(30) => {
                    panic!("the app did not start under tauri-driver: {e}")
                }
                Err(_) => std::thread::sleep(Duration::from_millis(200)),
            }
        };
        session.wait_until_shown();
        App {
            session,
            driver,
            db: db.to_path_buf(),
            _turn: turn,
        }
    }

    /// Ends the app the way a user closing the window would.
    pub fn quit(self) {
        // Drop does the work; quitting is explicit in the tests for readability.
    }

    /// Kills the app process with SIGKILL, as a crash or a pulled plug would.
    pub fn kill_app_process(&self) {
        let pids = self.app_pids();
        assert_eq!(
            pids.len(),
            1,
            "exactly one app process runs on {}",
            self.db.display()
        );
        let status = Command::new("kill")
            .args(["-KILL", &pids[0].to_string()])
            .status();
        assert!(
            status.map(|s| s.success()).unwrap_or(false),
            "kill -KILL {}",
            pids[0]
        );
    }

    /// The app process started for this store, if exactly one runs.
    pub fn app_pid(&self) -> Option<u32> {
        match self.app_pids().as_slice() {
            [pid] => Some(*pid),
            _ => None,
        }
    }

    /// Processes of the app binary whose environment points at this store.
    /// The TCP sockets the app process holds: (state, local address) with
    /// state as in /proc/net/tcp ("0A" listening, "01" established).
    pub fn tcp_sockets(&self) -> Vec<(String, String)> {
        let pids = self.app_pids();
        assert_eq!(pids.len(), 1, "exactly one app process runs");
        let fd_dir = format!("/proc/{}/fd", pids[0]);
        let inodes: Vec<String> = std::fs::read_dir(&fd_dir)
            .expect("the app's file descriptors")
            .filter_map(|e| std::fs::read_link(e.ok()?.path()).ok())
            .filter_map(|l| {
                let l = l.to_string_lossy().into_owned();
                Some(l.strip_prefix("socket:[")?.strip_suffix(']')?.to_owned())
            })
            .collect();
        let mut found = Vec::new();
        for table in ["tcp", "tcp6"] {
            let text = std::fs::read_to_string(format!("/proc/{}/net/{table}", pids[0]))
                .unwrap_or_default();
            for row in text.lines().skip(1) {
                let cols: Vec<&str> = row.split_whitespace().collect();
                if cols.len() > 9 && inodes.iter().any(|i| i == cols[9]) {
                    found.push((cols[3].to_owned(), cols[1].to_owned()));
                }
            }
        }
        found
    }

    /// A variable of the app process's environment.
    pub fn env_var(&self, name: &str) -> Option<String> {
        let pids = self.app_pids();
        let environ = std::fs::read(format!("/proc/{}/environ", pids.first()?)).ok()?;
        let prefix = format!("{name}=");
        environ
            .split(|b| *b == 0)
            .map(String::from_utf8_lossy)
            .find_map(|v| v.strip_prefix(&prefix).map(str::to_owned))
    }

    fn app_pids(&self) -> Vec<u32> {
        let app = app_binary();
        let needle = format!("WANDZEITUNG_DB={}", self.db.to_string_lossy());
        let mut pids = Vec::new();
        for entry in std::fs::read_dir("/proc").expect("/proc") {
            let Ok(entry) = entry else { continue };
            let pid = entry.file_name().to_string_lossy().into_owned();
            if !pid.chars().all(|c| c.is_ascii_digit()) {
                continue;
            }
            let exe = std::fs::read_link(entry.path().join("exe")).ok();
            if exe.as_deref() != Some(app.as_path()) {
                continue;
            }
            let environ = std::fs::read(entry.path().join("environ")).unwrap_or_default();
            if environ.split(|b| *b == 0).any(|v| v == needle.as_bytes()) {
                if let Ok(pid) = pid.parse() {
                    pids.push(pid);
                }
            }
        }
        pids
    }
}

impl Drop for App {
    fn drop(&mut self) {
        if std::thread::panicking() {
            // What the window showed when the test failed, for the person reading the log.
            let name = std::thread::current()
                .name()
                .unwrap_or("test")
                .replace("::", "-");
            let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
                .join("screens")
                .join(format!("failed-{name}.png"));
            match self.session.try_screenshot(&path) {
                Ok(()) => eprintln!("screenshot of the failed test: {}", path.display()),
                Err(e) => eprintln!("no screenshot of the failed test: {e}"),
            }
        }
        let _ = self.session.end();
        // SIGTERM lets tauri-driver stop WebKitWebDriver too; SIGKILL would orphan it.
        let _ = Command::new("kill")
            .args(["-TERM", &self.driver.id().to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.driver.try_wait() {
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        // An app that outlives its driver would keep the test's output pipe
        // open (and `make test` waiting); end it too.
        for signal in ["-TERM", "-KILL"] {
            let left = self.app_pids();
            if left.is_empty() {
                break;
            }
            for pid in left {
                let _ = Command::new("kill")
                    .args([signal, &pid.to_string()])
                    .status();
            }
            std::thread::sleep(Duration::from_millis(500));
        }
        if !self.db.as_os_str().is_empty() {
            let _ = std::fs::remove_dir_all(webview_data(&self.db));
        }
    }
}
