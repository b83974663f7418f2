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
    /// A German phone, as most in a German town hall are: the page starts
    /// in the browser's language.
    pub fn start() -> PhoneBrowser {
        PhoneBrowser::start_as(Some("de"), (390, 844))
    }

    /// A phone whose browser speaks `lang` first (its `navigator.languages`
    /// and Accept-Language), on a screen of `size` CSS pixels.
    pub fn start_as(lang: Option<&str>, size: (u32, u32)) -> PhoneBrowser {
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
        let mut args = vec![
            "--no-sandbox".to_owned(),
            "--headless=new".into(),
            "--disable-dev-shm-usage".into(),
            "--disable-gpu".into(),
            "--no-first-run".into(),
            "--disable-background-networking".into(),
            "--disable-component-update".into(),
            "--disable-sync".into(),
            "--disable-quic".into(),
            format!("--user-data-dir={}", profile.path().display()),
        ];
        let mut prefs = json!({});
        if let Some(lang) = lang {
            args.push(format!("--lang={lang}"));
            prefs = json!({ "intl.accept_languages": lang });
        }
        let caps = json!({
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": "/usr/bin/chromium",
                "args": args,
                "prefs": prefs,
                "mobileEmulation": {"deviceMetrics": {"width": size.0, "height": size.1, "pixelRatio": 3}}
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
