//! What Windows does differently, on Windows (`make test-windows` runs it
//! as a Windows program under Wine): a file another program holds open
//! cannot be replaced, and the store lives in the user's local data folder.
// Windows' file sharing and folders; on Linux the same code paths are tested
// with stand-ins in src/files.rs and src/store/file/location.rs.
#![cfg(windows)]

use std::fs::{File, OpenOptions};
use std::os::windows::fs::OpenOptionsExt;
use std::path::Path;
use std::time::Duration;

use wandzeitung::protocol::export::write_whole;

/// Opened as a PDF viewer opens a document: others may read it, nobody may
/// delete or replace it while it is open.
fn hold_like_a_viewer(path: &Path) -> File {
    const FILE_SHARE_READ: u32 = 0x1;
    OpenOptions::new()
        .read(true)
        .share_mode(FILE_SHARE_READ)
        .open(path)
        .expect("the file opens")
}

fn leftovers(dir: &Path, keep: &str) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n != keep)
        .collect()
}

#[test]
fn a_protocol_open_in_the_viewer_is_named_and_the_old_one_stays_whole() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("Protokoll Bürgerwerkstatt.pdf");
    write_whole(&pdf, b"%PDF-old").unwrap();
    let viewer = hold_like_a_viewer(&pdf);

    let err = write_whole(&pdf, b"%PDF-new").expect_err("the file is held");
    assert_eq!(err.code(), "file_in_use", "{err}");
    assert!(
        err.to_string().contains("Protokoll Bürgerwerkstatt.pdf"),
        "the message names the file: {err}"
    );
    assert_eq!(
        std::fs::read(&pdf).unwrap(),
        b"%PDF-old",
        "the old protocol is whole"
    );
    assert!(
        leftovers(dir.path(), "Protokoll Bürgerwerkstatt.pdf").is_empty(),
        "no half-written part is left beside it"
    );

    drop(viewer);
    write_whole(&pdf, b"%PDF-new").expect("closed in the viewer, it is written");
    assert_eq!(std::fs::read(&pdf).unwrap(), b"%PDF-new");
}

#[test]
fn a_file_held_for_a_moment_is_written_once_it_is_let_go() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("backup.json");
    write_whole(&file, b"old").unwrap();
    // A virus scanner reading the new file for a quarter of a second.
    let scanner = hold_like_a_viewer(&file);
    let release = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(250));
        drop(scanner);
    });
    write_whole(&file, b"new").expect("tried again until the scanner let go");
    release.join().unwrap();
    assert_eq!(std::fs::read(&file).unwrap(), b"new");
}

#[test]
fn the_store_lives_in_the_users_local_data_folder_not_the_roaming_profile() {
    // This binary's only test that touches the environment.
    std::env::remove_var("WANDZEITUNG_DB");
    let path = wandzeitung::store::default_path().expect("a data folder");
    let local = std::env::var("LOCALAPPDATA").expect("Windows sets LOCALAPPDATA");
    assert!(
        path.starts_with(&local),
        "{} lies in {local}: a roaming profile would copy the store at every logon",
        path.display()
    );
    assert!(
        path.to_string_lossy().contains("Wandzeitung"),
        "{}",
        path.display()
    );
    let appdata = std::env::var("APPDATA").expect("Windows sets APPDATA");
    assert!(!path.starts_with(appdata), "not in the roaming folder");
}
