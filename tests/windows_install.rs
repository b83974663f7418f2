//! Wandzeitung for Windows as a town-hall laptop meets it, under Wine: the
//! installer made here installs for the current user without administrator
//! rights, `wz.exe` runs from the installed folder, the uninstaller takes the
//! program away and leaves the workshops; the all-users install goes to
//! Program Files; the portable ZIP runs from a folder with a space and an
//! umlaut in its name; and the app on a machine without WebView2 says so in
//! a message box instead of vanishing.
//!
//! Needs what `make package-windows` made (its folder in `WZ_WINDOWS_DIST`)
//! and Wine; each test has a fresh Wine prefix of its own.
// Wine and Xvfb run on Linux: the Linux side drives the Windows programs.
#![cfg(target_os = "linux")]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

fn dist() -> PathBuf {
    let dir = std::env::var_os("WZ_WINDOWS_DIST")
        .map(PathBuf::from)
        .expect("WZ_WINDOWS_DIST names the folder `make package-windows` wrote");
    assert!(dir.is_dir(), "{} exists", dir.display());
    dir
}

/// A fresh Windows, as far as Wine is one: its own prefix (made with the
/// test-only stand-in DLL by scripts/wine-run.sh on first use).
struct Windows {
    _dir: tempfile::TempDir,
    prefix: PathBuf,
}

impl Windows {
    fn new() -> Windows {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let prefix = dir.path().join("prefix");
        let w = Windows { _dir: dir, prefix };
        let booted = w.run(&["cmd", "/c", "ver"]);
        assert!(booted.status.success(), "Wine starts: {booted:?}");
        w
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new(root().join("scripts/wine-run.sh"));
        c.args(args)
            .env("WZ_WINEPREFIX", &self.prefix)
            // A German Windows: the installer and the app choose their words by it.
            .env("LC_ALL", "de_DE.UTF-8")
            .env_remove("WANDZEITUNG_DB");
        c
    }

    fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().expect("wine-run.sh runs")
    }

    /// `C:\…` as a path on this machine.
    fn c(&self, windows_path: &str) -> PathBuf {
        let rest = windows_path
            .strip_prefix("C:\\")
            .expect("a path on drive C:");
        rest.split('\\')
            .fold(self.prefix.join("drive_c"), |p, part| p.join(part))
    }

    /// The user's profile folder, relative to C:\ (Wine names it after the
    /// Linux user).
    fn profile(&self) -> String {
        let users = self.prefix.join("drive_c/users");
        let name = std::fs::read_dir(&users)
            .expect("the prefix has users")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .find(|n| n != "Public")
            .expect("a user besides Public");
        format!("C:\\users\\{name}")
    }

    fn local_app_data(&self) -> String {
        format!("{}\\AppData\\Local", self.profile())
    }

    /// The portable ZIP unpacked into the folder `at`, as a user does with
    /// Explorer; the `Wandzeitung` folder it makes there.
    fn unpack_portable(&self, at: &str) -> String {
        let zip = dist().join(format!("Wandzeitung-portable-{}.zip", version()));
        let target = self.c(at);
        std::fs::create_dir_all(&target).unwrap();
        let unzip = Command::new("unzip")
            .arg("-q")
            .arg(&zip)
            .arg("-d")
            .arg(&target)
            .status()
            .expect("unzip runs");
        assert!(unzip.success());
        format!("{at}\\Wandzeitung")
    }

    fn assert_files(&self, folder: &str, files: &[&str], what: &str) {
        for file in files {
            assert!(
                self.c(&format!("{folder}\\{file}")).is_file(),
                "{file} {what} ({folder})"
            );
        }
    }

    fn registry_has(&self, key: &str, value: &str) -> Option<String> {
        let out = self.run(&["reg", "query", key, "/v", value]);
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        out.status.success().then_some(text)
    }
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn setup_exe() -> PathBuf {
    dist().join(format!("Wandzeitung-{}-setup.exe", version()))
}

const UNINSTALL_KEY: &str = "Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\Wandzeitung";

#[test]
#[ignore = "needs `make package-windows` and Wine (WZ_WINDOWS_DIST)"]
fn a_user_without_administrator_rights_installs_uses_and_uninstalls_and_keeps_the_workshops() {
    let win = Windows::new();
    let setup = setup_exe();
    let installed = win.run(&[setup.to_str().unwrap(), "/S"]);
    assert!(
        installed.status.success(),
        "silent install: {}",
        text(&installed)
    );

    let folder = format!("{}\\Programs\\Wandzeitung", win.local_app_data());
    win.assert_files(
        &folder,
        &[
            "Wandzeitung.exe",
            "wz.exe",
            "WebView2Loader.dll",
            "Lies mich.txt",
            "uninstall.exe",
        ],
        "installed into the user's own programs folder",
    );
    assert!(
        !win.c("C:\\Program Files\\Wandzeitung").exists(),
        "a per-user install writes nothing to Program Files"
    );
    let start_menu = format!(
        "{}\\AppData\\Roaming\\Microsoft\\Windows\\Start Menu\\Programs\\Wandzeitung.lnk",
        win.profile()
    );
    assert!(
        win.c(&start_menu).is_file(),
        "a Start-menu entry for the user: {start_menu}"
    );
    let entry = win
        .registry_has(&format!("HKCU\\{UNINSTALL_KEY}"), "DisplayVersion")
        .expect("the user's Apps list has Wandzeitung");
    assert!(entry.contains(version()), "{entry}");

    // The installed wz.exe, started the way a user's console starts it.
    let wz = format!("{folder}\\wz.exe");
    let out = win.run(&[&wz, "--version"]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        text(&out).contains(version()),
        "wz.exe --version: {}",
        text(&out)
    );
    let demo = win.run(&[&wz, "demo"]);
    assert!(demo.status.success(), "wz demo: {}", text(&demo));
    let id = String::from_utf8_lossy(&demo.stdout).trim().to_owned();
    let list = win.run(&[&wz, "list"]);
    assert!(
        !id.is_empty() && text(&list).contains(&id),
        "the demo workshop {id:?} is in the store: {}",
        text(&list)
    );
    let store = win.c(&format!(
        "{}\\Wandzeitung\\wandzeitung\\data",
        win.local_app_data()
    ));
    assert!(
        store.is_dir(),
        "the store lives in the user's local data folder"
    );

    let uninstalled = win.run(&[&format!("{folder}\\uninstall.exe"), "/S"]);
    assert!(uninstalled.status.success(), "{}", text(&uninstalled));
    // NSIS' uninstaller copies itself to %TEMP% and returns at once.
    wait_until(Duration::from_secs(60), || !win.c(&folder).exists());
    assert!(!win.c(&folder).exists(), "the program folder is gone");
    assert!(!win.c(&start_menu).exists(), "the Start-menu entry is gone");
    assert!(
        win.registry_has(&format!("HKCU\\{UNINSTALL_KEY}"), "DisplayVersion")
            .is_none(),
        "the Apps list no longer names Wandzeitung"
    );
    assert!(store.is_dir(), "the workshops stay after uninstalling");
    let kept = std::fs::read_dir(&store).unwrap().count();
    assert!(kept > 0, "the store's files are still there");
}

#[test]
#[ignore = "needs `make package-windows` and Wine (WZ_WINDOWS_DIST)"]
fn an_it_department_installs_for_all_users_into_program_files() {
    let win = Windows::new();
    let out = win.run(&[setup_exe().to_str().unwrap(), "/S", "/ALLUSERS"]);
    assert!(out.status.success(), "{}", text(&out));
    let folder = "C:\\Program Files\\Wandzeitung";
    assert!(win.c(&format!("{folder}\\Wandzeitung.exe")).is_file());
    let wz = format!("{folder}\\wz.exe");
    let version_out = win.run(&[&wz, "--version"]);
    assert!(
        text(&version_out).contains(version()),
        "{}",
        text(&version_out)
    );
    assert!(
        win.registry_has(&format!("HKLM\\{UNINSTALL_KEY}"), "InstallLocation")
            .is_some(),
        "the machine's Apps list has Wandzeitung"
    );
    assert!(
        win.c("C:\\ProgramData\\Microsoft\\Windows\\Start Menu\\Programs\\Wandzeitung.lnk")
            .is_file(),
        "every user's Start menu has it"
    );
    let gone = win.run(&[&format!("{folder}\\uninstall.exe"), "/S"]);
    assert!(gone.status.success(), "{}", text(&gone));
    wait_until(Duration::from_secs(60), || !win.c(folder).exists());
    assert!(!win.c(folder).exists(), "uninstalled for all users");
}

#[test]
#[ignore = "needs `make package-windows` and Wine (WZ_WINDOWS_DIST)"]
fn the_portable_zip_runs_from_any_folder() {
    let win = Windows::new();
    // A USB stick's folder, with a space and an umlaut.
    let folder = win.unpack_portable("C:\\USB Stick\\Für den Workshop");
    win.assert_files(
        &folder,
        &[
            "Wandzeitung.exe",
            "wz.exe",
            "WebView2Loader.dll",
            "Lies mich.txt",
            "LICENSE.txt",
        ],
        "in the ZIP's folder",
    );
    let readme = std::fs::read_to_string(win.c(&format!("{folder}\\Lies mich.txt"))).unwrap();
    assert!(
        readme.contains(version()),
        "the Lies mich names the version"
    );
    assert!(readme.contains("\r\n"), "Notepad's line ends");
    let out = win.run(&[&format!("{folder}\\wz.exe"), "--version"]);
    assert!(text(&out).contains(version()), "{}", text(&out));
}

/// Wine has no WebView2: the app, started there as a user would start it,
/// shows a message box in German naming the runtime and who can install
/// it, and ends when it is closed. Needs a display (Xvfb).
#[test]
#[ignore = "needs `make package-windows`, Wine and a display (WZ_WINDOWS_DIST)"]
fn without_webview2_the_app_says_so_in_a_message_box_and_ends() {
    assert!(std::env::var_os("DISPLAY").is_some(), "run under xvfb-run");
    let win = Windows::new();
    let folder = win.unpack_portable("C:\\Wandzeitung-Test");
    let mut app = win
        .command(&[&format!("{folder}\\Wandzeitung.exe")])
        .spawn()
        .expect("the app starts");

    let title = "Wandzeitung: WebView2 fehlt";
    let mut window = None;
    wait_until(Duration::from_secs(90), || {
        window = find_window(title);
        window.is_some()
    });
    let Some(window) = window else {
        let _ = app.kill();
        panic!("a window titled {title:?} appears");
    };
    let shot = std::env::temp_dir().join("wandzeitung-no-webview2.png");
    let _ = Command::new("import")
        .args(["-window", "root"])
        .arg(&shot)
        .status();
    eprintln!("screenshot of the message box: {}", shot.display());
    assert_eq!(
        app.try_wait().expect("the app's state").map(|s| s.code()),
        None,
        "the app waits for the user to read the box"
    );

    // The user presses Enter on "OK".
    let _ = Command::new("xdotool")
        .args(["windowfocus", "--sync", &window, "key", "Return"])
        .status();
    let started = Instant::now();
    let status = loop {
        if let Some(status) = app.try_wait().expect("the app's state") {
            break status;
        }
        if started.elapsed() > Duration::from_secs(30) {
            let _ = app.kill();
            panic!("the app ends once the box is closed");
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    assert_eq!(status.code(), Some(1), "the app ends with an error code");

    let log = win.c(&format!(
        "{}\\Wandzeitung\\wandzeitung\\data\\logs\\wandzeitung.log",
        win.local_app_data()
    ));
    let log = std::fs::read_to_string(&log).unwrap_or_default();
    assert!(
        log.contains("WebView2"),
        "the log beside the store says why the app ended: {log}"
    );
}

/// Town-hall IT checks what is installed by Explorer's Properties →
/// Details: each program and the installer name Wandzeitung and the
/// version, read here from the files as Windows reads them (exiftool reads
/// a PE file's version resource).
#[test]
#[ignore = "needs `make package-windows` (WZ_WINDOWS_DIST)"]
fn every_program_names_itself_and_its_version_in_its_file_properties() {
    let dist = dist();
    let stage = dist.join("stage/Wandzeitung");
    for (file, description) in [
        (stage.join("wz.exe"), "Wandzeitung command line (wz)"),
        (stage.join("Wandzeitung.exe"), ""),
        (
            dist.join(format!("Wandzeitung-{}-setup.exe", version())),
            "Wandzeitung Setup",
        ),
    ] {
        let out = Command::new("exiftool")
            .args([
                "-s",
                "-ProductName",
                "-FileVersion",
                "-ProductVersion",
                "-FileDescription",
            ])
            .arg(&file)
            .output()
            .expect("exiftool runs");
        let props = String::from_utf8_lossy(&out.stdout).into_owned();
        assert!(
            props.contains("ProductName") && props.contains("Wandzeitung"),
            "{}: {props}",
            file.display()
        );
        assert!(props.contains(version()), "{}: {props}", file.display());
        assert!(props.contains(description), "{}: {props}", file.display());
    }
}

fn find_window(title: &str) -> Option<String> {
    let out = Command::new("xdotool")
        .args(["search", "--name", title])
        .output()
        .ok()?;
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .next()
        .map(str::to_owned)
}

fn wait_until(limit: Duration, mut done: impl FnMut() -> bool) {
    let started = Instant::now();
    while started.elapsed() < limit && !done() {
        std::thread::sleep(Duration::from_millis(300));
    }
}

#[test]
fn the_installer_script_names_every_file_the_packages_hold() {
    // The installer and the ZIP are made from one staged folder; a file the
    // script installs but the stage lacks would fail only at makensis.
    let script =
        std::fs::read_to_string(root().join("assets/package/windows/installer.nsi")).unwrap();
    let package = std::fs::read_to_string(root().join("scripts/windows-package.sh")).unwrap();
    for file in [
        "wz.exe",
        "WebView2Loader.dll",
        "Lies mich.txt",
        "LICENSE.txt",
    ] {
        assert!(
            script.contains(&format!("File \"{file}\"")),
            "installer.nsi installs {file}"
        );
        assert!(
            script.contains(&format!("Delete \"$INSTDIR\\{file}\"")),
            "the uninstaller removes {file}"
        );
        assert!(package.contains(file), "windows-package.sh stages {file}");
    }
    assert!(
        !script.contains("RMDir /r \"$INSTDIR\""),
        "the uninstaller never removes the folder with whatever else is in it"
    );
    assert!(Path::new(&root().join("assets/package/windows/firewall.nsh")).is_file());
}
