//! `wz team`: the team folder set from the command line, its password
//! filed in the system's credential store (a real GNOME Keyring in a D-Bus
//! session, as on a desktop) and checked against a real WebDAV server.
// GNOME Keyring, D-Bus and Apache: Linux only.
#![cfg(target_os = "linux")]

mod support;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use support::webdav::{WebDav, PASSWORD, USER};

/// `wz args` for the user whose home is `home`; with a desktop's session
/// bus and unlocked keyring when `keyring`, else with neither.
fn wz(home: &Path, db: &Path, keyring: bool, stdin: &str, args: &[&str]) -> Output {
    let wz = env!("CARGO_BIN_EXE_wz");
    let mut command = if keyring {
        let mut c = Command::new("dbus-run-session");
        c.args([
            "--",
            "sh",
            "-c",
            "printf keyring | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; exec \"$@\"",
            "sh",
            wz,
        ]);
        c
    } else {
        let mut c = Command::new(wz);
        c.env_remove("DBUS_SESSION_BUS_ADDRESS");
        c
    };
    let mut child = command
        .args(["--db"])
        .arg(db)
        .args(args)
        .env("HOME", home)
        .env_remove("XDG_DATA_HOME")
        .env_remove("WZ_TEAM_PASSWORD")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("wz runs (dbus-run-session and gnome-keyring: scripts/setup.sh test)");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Every byte of every file in `dir` and below.
fn all_bytes(dir: &Path) -> Vec<u8> {
    let mut all = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            all.extend(all_bytes(&path));
        } else {
            all.extend(std::fs::read(&path).unwrap());
        }
    }
    all
}

#[test]
fn the_password_goes_to_the_keyring_and_the_check_finds_the_folder() {
    let server = WebDav::start();
    let home = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let db = data.path().join("store.sqlite3");
    let address = server.address();
    let set = |password: &str| {
        wz(
            home.path(),
            &db,
            true,
            &format!("{password}\n"),
            &[
                "team",
                "set",
                "--address",
                &address,
                "--user",
                USER,
                "--folder",
                "OG-Labor",
            ],
        )
    };

    let out = set(PASSWORD);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let device = text(&out.stdout);
    assert!(device.starts_with("device\tlaptop-"), "{device}");

    let out = wz(home.path(), &db, true, "", &["team", "check"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(server.root.join("OG-Labor").is_dir());

    let shown = wz(home.path(), &db, false, "", &["team", "show"]);
    assert!(text(&shown.stdout).contains(device.trim().trim_start_matches("device\t")));
    let stored = all_bytes(data.path());
    assert!(!stored.is_empty());
    assert!(
        !stored
            .windows(PASSWORD.len())
            .any(|w| w == PASSWORD.as_bytes()),
        "the password is nowhere in the store's folder"
    );

    // A wrong password, set again: the check says so; the device stays.
    let out = set("falsch");
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), device, "the laptop keeps its device id");
    let out = wz(home.path(), &db, true, "", &["team", "check"]);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("user name or password is wrong"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn without_a_credential_store_the_check_says_so_or_takes_the_environment() {
    let server = WebDav::start();
    let home = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let db = data.path().join("store.sqlite3");
    let address = server.address();

    let out = wz(home.path(), &db, false, "", &["team", "check"]);
    assert!(
        text(&out.stderr).contains("no team folder is set"),
        "{}",
        text(&out.stderr)
    );

    let out = wz(
        home.path(),
        &db,
        false,
        &format!("{PASSWORD}\n"),
        &[
            "team",
            "set",
            "--address",
            &address,
            "--user",
            USER,
            "--folder",
            "team",
        ],
    );
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("credential store"),
        "{}",
        text(&out.stderr)
    );

    let out = Command::new(env!("CARGO_BIN_EXE_wz"))
        .arg("--db")
        .arg(&db)
        .args(["team", "check"])
        .env("HOME", home.path())
        .env_remove("DBUS_SESSION_BUS_ADDRESS")
        .env("WZ_TEAM_PASSWORD", PASSWORD)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
}
