//! A real phone browser for the end-to-end tests: Debian's Chromium, driven
//! by chromedriver, with a phone's screen (mobile emulation).

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::json;

use super::webdriver::Session;

pub struct PhoneBrowser {
    pub session: Session,
    driver: Child,
    _profile: tempfile::TempDir,
}

impl PhoneBrowser {
    pub fn start() -> PhoneBrowser {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .expect("a free port");
        let driver = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!(
                    "chromedriver could not be started ({e}); `make test` installs chromium-driver"
                )
            });
        let profile = tempfile::tempdir().unwrap();
        let caps = json!({
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": "/usr/bin/chromium",
                "args": [
                    "--no-sandbox", "--headless=new", "--disable-dev-shm-usage", "--disable-gpu",
                    "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--disable-quic",
                    format!("--user-data-dir={}", profile.path().display())
                ],
                "mobileEmulation": {"deviceMetrics": {"width": 390, "height": 844, "pixelRatio": 3}}
            }
        });
        let url = format!("http://127.0.0.1:{port}");
        let start = Instant::now();
        let session = loop {
            match Session::open(&url, caps.clone()) {
                Ok(s) => break s,
                Err(e) if start.elapsed() > Duration::from_secs(30) => {
                    panic!("chromium did not start under chromedriver: {e}")
                }
                Err(_) => std::thread::sleep(Duration::from_millis(200)),
            }
        };
        PhoneBrowser {
            session,
            driver,
            _profile: profile,
        }
    }
}

impl Drop for PhoneBrowser {
    fn drop(&mut self) {
        let _ = self.session.end();
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}
