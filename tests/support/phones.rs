//! Phones for the participant server's tests: `wz serve` as a child process
//! on 127.0.0.1, and a participant speaking its HTTP API and WebSocket.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::{json, Value};

/// `wz serve` on a free loopback port; killed when dropped.
pub struct Served {
    child: Child,
    pub url: String,
    pub base: String,
    pub secret: String,
    pub code: String,
}

impl Served {
    pub fn start(db: &std::path::Path, board: &str, extra: &[&str]) -> Served {
        Served::spawn(Command::new(env!("CARGO_BIN_EXE_wz")), db, board, extra)
    }

    /// `wz serve` in a process that may open at most `files` files (soft
    /// and hard limit), as on a machine with the common limit of 1,024.
    #[cfg(unix)]
    pub fn start_with_file_limit(
        db: &std::path::Path,
        board: &str,
        extra: &[&str],
        files: u64,
    ) -> Served {
        use std::os::unix::process::CommandExt;
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_wz"));
        // SAFETY: setrlimit is async-signal-safe and touches only the child.
        unsafe {
            cmd.pre_exec(move || {
                let lim = libc::rlimit {
                    rlim_cur: files,
                    rlim_max: files,
                };
                if libc::setrlimit(libc::RLIMIT_NOFILE, &lim) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        Served::spawn(cmd, db, board, extra)
    }

    fn spawn(mut cmd: Command, db: &std::path::Path, board: &str, extra: &[&str]) -> Served {
        // A process group of its own, so that Ctrl+Break reaches it alone.
        #[cfg(windows)]
        {
            use std::os::windows::process::CommandExt;
            const CREATE_NEW_PROCESS_GROUP: u32 = 0x0000_0200;
            cmd.creation_flags(CREATE_NEW_PROCESS_GROUP);
        }
        let mut child = cmd
            .arg("--db")
            .arg(db)
            .args(["serve", board])
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("wz serve starts");
        let out = BufReader::new(child.stdout.take().unwrap());
        let mut lines = out.lines().map_while(Result::ok);
        let mut get = |key: &str| {
            let line = lines
                .next()
                .unwrap_or_else(|| panic!("wz serve printed no {key}"));
            line.strip_prefix(&format!("{key} "))
                .unwrap_or_else(|| panic!("expected {key}, got {line:?}"))
                .to_owned()
        };
        let url = get("url");
        let base = get("short_url");
        let code = get("code");
        let secret = url.rsplit('/').next().unwrap().to_owned();
        Served {
            child,
            url,
            base,
            secret,
            code,
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// The server's resident memory in KiB (Linux).
    pub fn memory_kib(&self) -> u64 {
        std::fs::read_to_string(format!("/proc/{}/status", self.pid()))
            .unwrap_or_default()
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap_or(0)
    }

    /// Files (sockets included) the server has open now (Linux).
    pub fn open_files(&self) -> usize {
        std::fs::read_dir(format!("/proc/{}/fd", self.pid()))
            .map(|d| d.count())
            .unwrap_or(0)
    }

    /// SIGTERM on Linux, Ctrl+Break in the server's console on Windows, as
    /// a user ends it: the server ends the session first.
    pub fn terminate(&mut self) {
        #[cfg(unix)]
        let _ = Command::new("kill")
            .arg(self.child.id().to_string())
            .status();
        // Windows: Ctrl+Break to the child's process group. Wine's console
        // refuses it without a real console (GenerateConsoleCtrlEvent:
        // ERROR_INVALID_ACCESS), so the one test that uses this is Linux-only
        // under Wine; on a real Windows console it is what a user's Ctrl+Break is.
        #[cfg(windows)]
        {
            #[link(name = "kernel32")]
            extern "system" {
                fn GenerateConsoleCtrlEvent(event: u32, process_group: u32) -> i32;
            }
            const CTRL_BREAK_EVENT: u32 = 1;
            // SAFETY: plain values; the group is the child's own (see spawn).
            let sent = unsafe { GenerateConsoleCtrlEvent(CTRL_BREAK_EVENT, self.child.id()) };
            assert_ne!(
                sent,
                0,
                "Ctrl+Break sent: {}",
                std::io::Error::last_os_error()
            );
        }
        let _ = self.child.wait();
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(20)))
        .build()
        .into()
}

/// An HTTP answer: status and JSON body (Null when it had none).
pub type Answer = (u16, Value);

fn answer(mut resp: ureq::http::Response<ureq::Body>) -> Answer {
    let status = resp.status().as_u16();
    let body = resp.body_mut().read_to_string().unwrap_or_default();
    (status, serde_json::from_str(&body).unwrap_or(Value::Null))
}

pub fn post(base: &str, path: &str, token: Option<&str>, body: &Value) -> Answer {
    post_raw(base, path, token, &body.to_string())
}

pub fn post_raw(base: &str, path: &str, token: Option<&str>, body: &str) -> Answer {
    let mut req = agent()
        .post(format!("{base}{path}"))
        .header("Content-Type", "application/json");
    if let Some(t) = token {
        req = req.header("Authorization", format!("Bearer {t}"));
    }
    answer(req.send(body).expect("the server answers"))
}

/// A photo's bytes as the phone's page sends them.
pub fn post_photo(base: &str, path: &str, token: &str, photo: &[u8]) -> Answer {
    answer(
        agent()
            .post(format!("{base}{path}"))
            .header("Content-Type", "application/octet-stream")
            .header("Authorization", format!("Bearer {token}"))
            .send(photo)
            .expect("the server answers"),
    )
}

pub fn get(base: &str, path: &str, token: &str) -> Answer {
    answer(
        agent()
            .get(format!("{base}{path}"))
            .header("Authorization", format!("Bearer {token}"))
            .call()
            .expect("the server answers"),
    )
}

/// A participant who joined.
pub struct Phone {
    pub base: String,
    pub token: String,
    seq: u32,
}

impl Phone {
    pub fn join(base: &str, secret: &str, name: &str) -> Phone {
        let (status, body) = post(
            base,
            "/api/join",
            None,
            &json!({"secret": secret, "name": name}),
        );
        assert_eq!(status, 200, "joining: {body}");
        Phone {
            base: base.to_owned(),
            token: body["token"].as_str().unwrap().to_owned(),
            seq: 0,
        }
    }

    pub fn request_id(&mut self) -> String {
        self.seq += 1;
        format!("req-{}-{}", &self.token[..8], self.seq)
    }

    pub fn board(&self) -> Value {
        let (status, body) = get(&self.base, "/api/board", &self.token);
        assert_eq!(status, 200, "board: {body}");
        body
    }

    /// One write as the phone page sends it (`PhoneWrite` as JSON), for
    /// the item the phone shows (none between items).
    pub fn write(&mut self, item: Option<&str>, write: Value) -> Answer {
        let rid = self.request_id();
        post(
            &self.base,
            "/api/write",
            Some(&self.token),
            &write_body(&rid, item, write),
        )
    }

    pub fn add_card(&mut self, field: &str, text: &str) -> Answer {
        self.write(None, card(field, text))
    }

    pub fn dot(&mut self, kind: &str, id: &str) -> Answer {
        self.write(
            None,
            json!({"kind": "add_dot", "target": {"kind": kind, "id": id}}),
        )
    }

    pub fn take_dot_back(&mut self, kind: &str, id: &str) -> Answer {
        self.write(
            None,
            json!({"kind": "remove_dot", "target": {"kind": kind, "id": id}}),
        )
    }

    /// Opens the phone's WebSocket and waits for the server's hello.
    pub fn socket(
        &self,
    ) -> tungstenite::WebSocket<tungstenite::stream::MaybeTlsStream<std::net::TcpStream>> {
        let url = format!(
            "{}/api/ws?token={}",
            self.base.replacen("http", "ws", 1),
            self.token
        );
        let (mut ws, _) = tungstenite::connect(url).expect("the socket opens");
        if let tungstenite::stream::MaybeTlsStream::Plain(s) = ws.get_ref() {
            s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        }
        let hello = ws.read().expect("hello");
        assert!(hello.to_text().unwrap().contains("hello"), "{hello:?}");
        ws
    }
}

/// The body of `POST /api/write`.
pub fn write_body(request_id: &str, item: Option<&str>, write: Value) -> Value {
    json!({"request_id": request_id, "item": item, "write": write})
}

/// A new card as a phone writes it (yellow; the laptop fills in the author).
pub fn card(field: &str, text: &str) -> Value {
    json!({"kind": "add_card", "field_id": field, "input": {"text": text, "color": "yellow", "author": ""}})
}
