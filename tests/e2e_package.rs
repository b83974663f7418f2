//! The installable package, as a facilitator meets it: the .deb installs
//! with its dependencies, the menu entry starts the app on a fresh store in
//! the user's data folder with the demo workshop, `wz` is installed beside
//! it, and removing the package leaves the user's workshops where they are.
//!
//! It installs and removes a system package, so it runs only when asked:
//! `make test-package` (CI runs it after `make test`).
// The real app window under Xvfb, driven through WebDriver: Linux only.
#![cfg(target_os = "linux")]

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use support::app::App;

const PACKAGE: &str = "wandzeitung";

fn target_dir() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    // target/<profile>/deps/<test binary>
    exe.ancestors().nth(3).unwrap().to_path_buf()
}

fn built_deb() -> PathBuf {
    let dir = target_dir().join("release/bundle/deb");
    let debs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}; `make package` builds it", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "deb"))
        .collect();
    assert_eq!(debs.len(), 1, "one .deb in {}: {debs:?}", dir.display());
    debs.into_iter().next().unwrap()
}

/// Runs a command as root (directly when the test is root, else with sudo).
fn as_root(args: &[&str]) -> std::process::Output {
    let root = String::from_utf8_lossy(&Command::new("id").arg("-u").output().unwrap().stdout)
        .trim()
        == "0";
    let mut cmd = if root {
        Command::new(args[0])
    } else {
        let mut c = Command::new("sudo");
        c.arg(args[0]);
        c
    };
    cmd.args(&args[1..])
        .env("DEBIAN_FRONTEND", "noninteractive")
        .output()
        .unwrap()
}

fn run(program: &str, args: &[&str], home: &Path) -> (bool, String, String) {
    let out = Command::new(program)
        .args(args)
        .env("HOME", home)
        .env_remove("WANDZEITUNG_DB")
        .env_remove("XDG_DATA_HOME")
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The value of `key` in the desktop entry's main group.
fn entry<'a>(desktop: &'a str, key: &str) -> &'a str {
    desktop
        .lines()
        .find_map(|l| l.strip_prefix(key)?.strip_prefix('='))
        .unwrap_or_else(|| panic!("{key} missing in the desktop entry:\n{desktop}"))
}

#[test]
#[ignore = "installs a system package: run with `make test-package`"]
fn the_deb_installs_starts_from_the_menu_and_leaves_the_users_workshops_on_removal() {
    let deb = built_deb();
    let deb_kib = std::fs::metadata(&deb).unwrap().len() / 1024;

    // What lintian finds is printed for the closing note; errors fail.
    let lintian = Command::new("lintian")
        .args(["--no-tag-display-limit"])
        .arg(&deb)
        .output()
        .expect("lintian (make test-package installs it)");
    let findings = String::from_utf8_lossy(&lintian.stdout).into_owned();
    println!("lintian findings:\n{findings}");
    let errors: Vec<&str> = findings.lines().filter(|l| l.starts_with("E:")).collect();
    assert!(errors.is_empty(), "lintian errors: {errors:#?}");
    assert!(
        !findings.contains("no-manual-page"),
        "both programs have a manual page: {findings}"
    );

    // A path with a slash: apt-get installs the file, with its dependencies.
    let install = as_root(&["apt-get", "install", "-y", "-qq", deb.to_str().unwrap()]);
    assert!(
        install.status.success(),
        "installed: {}",
        String::from_utf8_lossy(&install.stderr)
    );
    let status = Command::new("dpkg-query")
        .args(["-W", "-f=${Version} ${Installed-Size}", PACKAGE])
        .output()
        .unwrap();
    let status = String::from_utf8_lossy(&status.stdout).into_owned();
    println!(
        "package {} KiB, installed: {status} (version, KiB)",
        deb_kib
    );
    assert!(
        status.starts_with(env!("CARGO_PKG_VERSION")),
        "the version is Cargo.toml's: {status}"
    );

    // The menu entry: both languages, office and education, our icon.
    let files = Command::new("dpkg").args(["-L", PACKAGE]).output().unwrap();
    let files = String::from_utf8_lossy(&files.stdout).into_owned();
    for page in [
        "/usr/share/man/man1/wz.1.gz",
        "/usr/share/man/man1/wz-export.1.gz",
        "/usr/share/man/man1/wandzeitung-app.1.gz",
        "/usr/share/bash-completion/completions/wz",
    ] {
        assert!(files.lines().any(|l| l == page), "{page} is installed");
    }
    let desktop_path = files
        .lines()
        .find(|l| l.starts_with("/usr/share/applications/") && l.ends_with(".desktop"))
        .expect("a desktop entry");
    let desktop = std::fs::read_to_string(desktop_path).unwrap();
    assert_eq!(entry(&desktop, "Name"), "Wandzeitung");
    assert!(entry(&desktop, "Comment[de]").contains("Beteiligungs-Workshops"));
    assert!(entry(&desktop, "Comment").contains("participation workshops"));
    let categories = entry(&desktop, "Categories");
    assert!(
        categories.contains("Office") && categories.contains("Education"),
        "{categories}"
    );
    for size in ["32x32", "64x64", "128x128", "512x512"] {
        assert!(
            files.contains(&format!("/usr/share/icons/hicolor/{size}/apps/")),
            "an icon of {size} in\n{files}"
        );
    }
    assert!(
        files.lines().any(|l| l == "/usr/bin/wz"),
        "wz beside the app"
    );

    // Started as the menu starts it, by a user with a fresh home.
    let exec = entry(&desktop, "Exec");
    let program = exec.split_whitespace().next().unwrap();
    let binary = if program.starts_with('/') {
        PathBuf::from(program)
    } else {
        PathBuf::from("/usr/bin").join(program)
    };
    // The app a facilitator downloads on a town hall's line stays small:
    // it was 18.1 MB, grew back to 20.7 MB, and is held under 20 MB.
    let app_bytes = std::fs::metadata(&binary).unwrap().len();
    let wz_bytes = std::fs::metadata("/usr/bin/wz").unwrap().len();
    println!("installed: the app {app_bytes} bytes, wz {wz_bytes} bytes");
    assert!(
        app_bytes <= 20_000_000,
        "the app is {app_bytes} bytes, more than 20,000,000"
    );
    let home = tempfile::tempdir().unwrap();
    {
        let app = App::start_installed(&binary, home.path());
        let s = &app.session;
        s.find_with_text(
            "[data-testid=workshop-heading]",
            wandzeitung::templates::DEMO_TITLE,
        );
        s.click(&s.find("[data-testid=open-about]"));
        let version = s.find("[data-testid=about-version]");
        assert!(
            s.text(&version).contains(env!("CARGO_PKG_VERSION")),
            "{}",
            s.text(&version)
        );
        s.screenshot(&support::flows::screenshot_path("installed-about"));
    }
    let store = home
        .path()
        .join(".local/share/wandzeitung/wandzeitung.sqlite3");
    assert!(store.exists(), "the store in the user's data folder");

    let (ok, version, _) = run("wz", &["--version"], home.path());
    assert!(ok);
    assert_eq!(version.trim(), format!("wz {}", env!("CARGO_PKG_VERSION")));
    // The window's process lets go of the store a moment after it closed.
    let mut tries = 0;
    let (ok, _, err) = loop {
        let r = run("wz", &["demo"], home.path());
        tries += 1;
        if r.0 || !r.2.contains("in use") || tries > 50 {
            break r;
        }
        std::thread::sleep(std::time::Duration::from_millis(200));
    };
    assert!(ok, "{err}");
    let (ok, list, _) = run("wz", &["list"], home.path());
    assert!(ok);
    assert_eq!(list.lines().count(), 2, "the app's demo and wz's: {list}");

    let removed = as_root(&["apt-get", "remove", "-y", "-qq", PACKAGE]);
    assert!(
        removed.status.success(),
        "{}",
        String::from_utf8_lossy(&removed.stderr)
    );
    assert!(!Path::new("/usr/bin/wz").exists(), "the package is gone");
    assert!(!binary.exists(), "the app is gone");
    let kept = wandzeitung::Store::open(&store).unwrap();
    assert_eq!(
        kept.list_workshops().unwrap().len(),
        2,
        "the user's workshops stay"
    );
}
