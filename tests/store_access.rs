//! A store the machine does not let us change: a file or folder this user
//! cannot write, a store another program holds locked, a full disk. Each is
//! said at once in its own words, and the store's bytes stay as they were.

// Unix permissions and open-file limits (setpriv, setrlimit): not on Windows.
#![cfg(unix)]

mod support;

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use support::fixtures;
use support::phones::{Phone, Served};
use wandzeitung::model::*;
use wandzeitung::{templates, Store};

fn is_root() -> bool {
    let out = Command::new("id").arg("-u").output().unwrap();
    String::from_utf8_lossy(&out.stdout).trim() == "0"
}

fn chmod(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// `wz` run by a user who may read the store but not write it: the test's
/// own user when it is not an administrator (the modes suffice), else
/// `nobody`, since the administrator writes whatever the modes say. The
/// binary is copied beside the store: `nobody` may not reach the build
/// folder under a home directory.
struct Reader {
    wz: PathBuf,
    as_nobody: bool,
}

impl Reader {
    fn new(dir: &Path) -> Reader {
        let wz = dir.join("wz");
        std::fs::copy(env!("CARGO_BIN_EXE_wz"), &wz).unwrap();
        chmod(&wz, 0o755);
        Reader {
            wz,
            as_nobody: is_root(),
        }
    }

    fn run(&self, db: &Path, args: &[&str]) -> (bool, String, String) {
        let mut cmd = if self.as_nobody {
            let mut c = Command::new("setpriv");
            c.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"]);
            c.arg(&self.wz);
            c
        } else {
            Command::new(&self.wz)
        };
        let out = cmd.arg("--db").arg(db).args(args).output().unwrap();
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }
}

fn names(dir: &Path) -> Vec<String> {
    let mut n: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    n.sort();
    n
}

fn demo_store(dir: &Path) -> (PathBuf, Id) {
    let db = dir.join("store.sqlite3");
    let store = Store::open(&db).unwrap();
    let id = templates::create_demo_workshop(&store).unwrap();
    drop(store);
    (db, id)
}

/// A store in a folder this user cannot write (a share, a stick, another
/// user's folder) and a write-protected file in a writable folder: both
/// open to read and export, every change is refused as read-only, and the
/// store file keeps every byte.
#[test]
fn a_store_that_cannot_be_written_opens_to_read_and_export_and_stays_as_it_was() {
    for folder_writable in [false, true] {
        let dir = tempfile::tempdir().unwrap();
        let (db, id) = demo_store(dir.path());
        let reader = Reader::new(dir.path());
        let out = tempfile::tempdir().unwrap();
        chmod(out.path(), 0o777);
        chmod(&db, 0o444);
        chmod(dir.path(), if folder_writable { 0o777 } else { 0o555 });
        let bytes = std::fs::read(&db).unwrap();
        let before = names(dir.path());

        let (ok, list, err) = reader.run(&db, &["list"]);
        assert!(ok, "listing works: {err}");
        assert!(list.contains(&id), "{list}");
        let pdf = out.path().join("protokoll.pdf");
        let (ok, _, err) = reader.run(
            &db,
            &[
                "export",
                &id,
                "--format",
                "pdf",
                "--out",
                pdf.to_str().unwrap(),
            ],
        );
        assert!(ok, "exporting works: {err}");
        assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));

        // Every path that would write: a command, and phones inviting cards.
        let board = {
            let (ok, boards, err) = reader.run(&db, &["boards", &id]);
            assert!(ok, "{err}");
            boards.split_whitespace().next().unwrap().to_owned()
        };
        for change in [vec!["demo"], vec!["serve", board.as_str()]] {
            let (ok, _, err) = reader.run(&db, &change);
            assert!(!ok, "{change:?} is refused");
            assert!(
                err.contains("is read-only: it can be read and exported, not changed"),
                "{change:?}: {err}"
            );
        }
        chmod(dir.path(), 0o755);
        assert_eq!(std::fs::read(&db).unwrap(), bytes, "not a byte changed");
        if !folder_writable {
            assert_eq!(names(dir.path()), before, "nothing written beside it");
        }
    }
}

/// The same in the core: the store says it is read-only and each change
/// fails with the `read_only` error the window shows in its language.
#[test]
fn a_read_only_store_refuses_each_change_with_its_own_error() {
    if is_root() {
        // The administrator writes any file; the `wz` test above covers it
        // as another user.
        eprintln!("as root every file is writable to this process; covered through `nobody` above");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (db, id) = demo_store(dir.path());
    chmod(&db, 0o444);
    chmod(dir.path(), 0o555);
    let store = Store::open(&db).unwrap();
    assert!(store.read_only());
    assert_eq!(store.list_workshops().unwrap().len(), 1);
    let e = store.delete_workshop(&id).unwrap_err();
    assert_eq!(e.code(), "read_only");
    chmod(dir.path(), 0o755);
}

/// Another program (a database browser, a backup tool) holds the store in a
/// write transaction: opening says so at once with what to do, instead of
/// every later edit failing after a wait; once it lets go, the store opens.
#[test]
fn a_store_held_by_another_program_is_refused_at_open_and_opens_once_released() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = demo_store(dir.path());
    let place = Store::open(&db).unwrap().list_workshops().unwrap()[0]
        .place
        .clone();
    let other = rusqlite::Connection::open(&db).unwrap();
    other
        .execute_batch("BEGIN IMMEDIATE; UPDATE workshops SET place = 'Andere Hand';")
        .unwrap();
    let e = match Store::open(&db) {
        Err(e) => e,
        Ok(_) => panic!("opened a store another program holds"),
    };
    assert_eq!(e.code(), "store_busy");
    assert_eq!(e.message_key(), "error.store_busy");
    other.execute_batch("ROLLBACK").unwrap();
    drop(other);
    let store = Store::open(&db).unwrap();
    assert_eq!(
        store.list_workshops().unwrap()[0].place,
        place,
        "the other program's change was its own"
    );
}

/// Unmounts the small disk when the test ends, however it ends.
struct SmallDisk(PathBuf);

impl SmallDisk {
    /// A 2 MiB tmpfs, where this machine lets the test mount one.
    fn mount(at: &Path) -> Option<SmallDisk> {
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=2m", "wz-full-disk"])
            .arg(at)
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        ok.then(|| SmallDisk(at.to_path_buf()))
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

/// Fills the disk with one file until not a byte more fits.
fn fill(path: &Path) {
    use std::io::Write;
    let mut f = std::fs::File::create(path).unwrap();
    let chunk = vec![0u8; 4096];
    while f.write_all(&chunk).is_ok() {}
    while f.write_all(&chunk[..64]).is_ok() {}
    let _ = f.sync_all();
}

/// A full disk: the card is refused as `disk_full`, nothing of it is
/// half-written, the board stays readable, and the same card goes in once
/// space is back; the store is whole when opened again.
#[test]
fn a_full_disk_refuses_the_change_whole_and_the_same_change_works_once_space_is_back() {
    let dir = tempfile::tempdir().unwrap();
    let Some(_disk) = SmallDisk::mount(dir.path()) else {
        eprintln!("no tmpfs can be mounted here: the full disk is not tried");
        return;
    };
    let db = dir.path().join("store.sqlite3");
    let store = Store::open(&db).unwrap();
    let (_, board) = fixtures::workshop_with_board(&store, "Voll");
    let field = board.fields[0].field.id.clone();
    let cards = |s: &Store| s.board_view(&board.board.id).unwrap().fields[0].cards.len();
    let filler = dir.path().join("filler");
    fill(&filler);

    let input = |i: usize| fixtures::card(&format!("Karte {i}: {}", "Platz ".repeat(200)));
    let mut added = 0;
    let refused = loop {
        match store.add_card(&field, &input(added)) {
            Ok(_) => added += 1,
            Err(e) => break e,
        }
        assert!(added < 10_000, "the disk never filled");
    };
    assert_eq!(refused.code(), "disk_full", "{refused}");
    assert_eq!(cards(&store), added, "the refused card is not half there");
    assert!(!store.has_room(), "no room, as the window's check sees it");

    std::fs::remove_file(&filler).unwrap();
    assert!(store.has_room(), "room again");
    store.add_card(&field, &input(added)).unwrap();
    assert_eq!(
        cards(&store),
        added + 1,
        "the same card, once space is back"
    );
    drop(store);
    let again = Store::open(&db).unwrap();
    assert_eq!(cards(&again), added + 1);
}

/// The same full disk from a phone: its card is refused with words for a
/// participant (tell the facilitator), its text stays with the phone, and
/// the same card goes in once the laptop has room again.
#[test]
fn a_phones_card_on_a_full_disk_is_refused_in_a_participants_words_and_taken_once_there_is_room() {
    let dir = tempfile::tempdir().unwrap();
    let Some(_disk) = SmallDisk::mount(dir.path()) else {
        eprintln!("no tmpfs can be mounted here: the full disk is not tried");
        return;
    };
    let db = dir.path().join("store.sqlite3");
    let (board, field) = {
        let store = Store::open(&db).unwrap();
        let (_, b) = fixtures::workshop_with_board(&store, "Voll am Handy");
        (b.board.id, b.fields[0].field.id.clone())
    };
    let served = Served::start(&db, &board, &[]);
    let mut phone = Phone::join(&served.base, &served.secret, "Ana");
    let filler = dir.path().join("filler");
    fill(&filler);
    let text = |i: usize| format!("Handy {i}: {}", "Platz ".repeat(60));
    let mut taken = 0;
    let refused = loop {
        let (status, body) = phone.add_card(&field, &text(taken));
        if status >= 400 {
            break body;
        }
        taken += 1;
        assert!(taken < 10_000, "the disk never filled");
    };
    assert_eq!(refused["code"], "disk_full", "{refused}");
    assert_eq!(refused["message_key"], "error.join_not_saved", "{refused}");

    std::fs::remove_file(&filler).unwrap();
    let (status, body) = phone.add_card(&field, &text(taken));
    assert!(status < 400, "taken once there is room: {body}");
    let cards = phone.board()["fields"][0]["cards"]
        .as_array()
        .unwrap()
        .len();
    assert_eq!(cards, taken + 1, "no card half there, none twice");
}
