//! A desktop session's credential store for a test: a D-Bus session bus of
//! its own with GNOME Keyring's Secret Service on it, unlocked, as a
//! logged-in desktop has. Gone with the value (the keyring daemon leaves
//! with its bus).

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct Keyring {
    /// The bus to hand the app (`DBUS_SESSION_BUS_ADDRESS`).
    pub address: String,
    bus: Child,
    _home: tempfile::TempDir,
}

impl Keyring {
    pub fn start() -> Keyring {
        let home = tempfile::tempdir().unwrap();
        let mut bus = Command::new("dbus-daemon")
            .args(["--session", "--nofork", "--print-address=1"])
            .stdout(Stdio::piped())
            // Its notes (activations, fd limits) are not the test's.
            .stderr(Stdio::null())
            .spawn()
            .expect("dbus-daemon (scripts/setup.sh test installs it)");
        let mut address = String::new();
        BufReader::new(bus.stdout.take().unwrap())
            .read_line(&mut address)
            .unwrap();
        let address = address.trim().to_owned();
        assert!(!address.is_empty(), "dbus-daemon printed no address");
        let mut keyring = Command::new("gnome-keyring-daemon")
            .args(["--unlock", "--components=secrets"])
            .env("DBUS_SESSION_BUS_ADDRESS", &address)
            .env("HOME", home.path())
            .env("XDG_DATA_HOME", home.path())
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("gnome-keyring-daemon (scripts/setup.sh test installs it)");
        // The login keyring's password, on standard input as at a login.
        keyring.stdin.take().unwrap().write_all(b"keyring").unwrap();
        keyring.wait().unwrap();
        let started = Instant::now();
        while !has_secrets(&address) {
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "the Secret Service did not appear on the bus"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        Keyring {
            address,
            bus,
            _home: home,
        }
    }
}

/// Whether the Secret Service answers on the bus.
fn has_secrets(address: &str) -> bool {
    Command::new("dbus-send")
        .args([
            "--session",
            "--print-reply",
            "--dest=org.freedesktop.DBus",
            "/org/freedesktop/DBus",
            "org.freedesktop.DBus.NameHasOwner",
            "string:org.freedesktop.secrets",
        ])
        .env("DBUS_SESSION_BUS_ADDRESS", address)
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains("boolean true"))
}

impl Drop for Keyring {
    fn drop(&mut self) {
        let _ = self.bus.kill();
        let _ = self.bus.wait();
    }
}
