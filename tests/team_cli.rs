//! `wz team`: the team folder set from the command line, its password
//! filed in the system's credential store (a real GNOME Keyring in a D-Bus
//! session, as on a desktop) and checked against a real WebDAV server.
// GNOME Keyring, D-Bus and Apache: Linux only.
#![cfg(target_os = "linux")]

mod support;

use std::io::{Read, Seek, Write};
use std::process::{Command, Output, Stdio};

use support::files::{contains, files_below};
use support::webdav::{WebDav, PASSWORD, USER};

/// Where the password is to come from for one `wz` call.
enum Secrets<'a> {
    /// A desktop's session bus with an unlocked GNOME Keyring.
    Keyring,
    /// No session bus, so no credential store.
    None,
    /// No credential store, the password in `WZ_TEAM_PASSWORD`.
    Environment(&'a str),
}

/// A laptop (its own home and store) beside a WebDAV server.
struct Laptop {
    server: WebDav,
    home: tempfile::TempDir,
    data: tempfile::TempDir,
}

impl Laptop {
    fn new() -> Laptop {
        Laptop {
            server: WebDav::start(),
            home: tempfile::tempdir().unwrap(),
            data: tempfile::tempdir().unwrap(),
        }
    }

    /// `wz --db <store> args`, `stdin` on its standard input.
    fn wz(&self, secrets: Secrets, stdin: &str, args: &[&str]) -> Output {
        let wz = env!("CARGO_BIN_EXE_wz");
        let mut command = match secrets {
            Secrets::Keyring => {
                let mut c = Command::new("dbus-run-session");
                c.args([
                    "--",
                    "sh",
                    "-c",
                    "printf keyring | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; exec \"$@\"",
                    "sh",
                    wz,
                ]);
                c.env_remove("WZ_TEAM_PASSWORD");
                c
            }
            Secrets::None => {
                let mut c = Command::new(wz);
                c.env_remove("DBUS_SESSION_BUS_ADDRESS")
                    .env_remove("WZ_TEAM_PASSWORD");
                c
            }
            Secrets::Environment(password) => {
                let mut c = Command::new(wz);
                c.env_remove("DBUS_SESSION_BUS_ADDRESS")
                    .env("WZ_TEAM_PASSWORD", password);
                c
            }
        };
        // Files, not pipes: a keyring daemon the session bus started may
        // outlive the session and would hold a pipe open for ever.
        let out = tempfile::tempfile().unwrap();
        let err = tempfile::tempfile().unwrap();
        let mut child = command
            .arg("--db")
            .arg(self.data.path().join("store.sqlite3"))
            .args(args)
            .env("HOME", self.home.path())
            .env_remove("XDG_DATA_HOME")
            .stdin(Stdio::piped())
            .stdout(out.try_clone().unwrap())
            .stderr(err.try_clone().unwrap())
            .spawn()
            .expect("wz runs (dbus-run-session and gnome-keyring: scripts/setup.sh test)");
        child
            .stdin
            .take()
            .unwrap()
            .write_all(stdin.as_bytes())
            .unwrap();
        let status = child.wait().unwrap();
        let read = |mut file: std::fs::File| {
            let mut bytes = Vec::new();
            file.seek(std::io::SeekFrom::Start(0)).unwrap();
            file.read_to_end(&mut bytes).unwrap();
            bytes
        };
        Output {
            status,
            stdout: read(out),
            stderr: read(err),
        }
    }

    /// `wz team set` for the server's root with `password` on standard input.
    fn set(&self, secrets: Secrets, password: &str, folder: &str) -> Output {
        let address = self.server.address();
        self.wz(
            secrets,
            &format!("{password}\n"),
            &[
                "team",
                "set",
                "--address",
                &address,
                "--user",
                USER,
                "--folder",
                folder,
            ],
        )
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn the_password_goes_to_the_keyring_and_the_check_finds_the_folder() {
    let laptop = Laptop::new();
    let out = laptop.set(Secrets::Keyring, PASSWORD, "OG-Labor");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let device = text(&out.stdout);
    assert!(device.starts_with("device\tlaptop-"), "{device}");

    let out = laptop.wz(Secrets::Keyring, "", &["team", "check"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(laptop.server.root.join("OG-Labor").is_dir());

    let shown = laptop.wz(Secrets::None, "", &["team", "show"]);
    assert!(text(&shown.stdout).contains(device.trim().trim_start_matches("device\t")));
    let stored = files_below(laptop.data.path());
    assert!(!stored.is_empty());
    for (file, content) in stored {
        assert!(
            !contains(&content, PASSWORD.as_bytes()),
            "the password is in {}",
            file.display()
        );
    }

    // A wrong password, set again: the check says so; the device stays.
    let out = laptop.set(Secrets::Keyring, "falsch", "OG-Labor");
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), device, "the laptop keeps its device id");
    let out = laptop.wz(Secrets::Keyring, "", &["team", "check"]);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("user name or password is wrong"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn without_a_credential_store_the_check_says_so_or_takes_the_environment() {
    let laptop = Laptop::new();
    let out = laptop.wz(Secrets::None, "", &["team", "check"]);
    assert!(
        text(&out.stderr).contains("no team folder is set"),
        "{}",
        text(&out.stderr)
    );

    let out = laptop.set(Secrets::None, PASSWORD, "team");
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("credential store"),
        "{}",
        text(&out.stderr)
    );

    let out = laptop.wz(Secrets::Environment(PASSWORD), "", &["team", "check"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
}
