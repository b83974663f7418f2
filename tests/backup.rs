//! Rolling backups of a real store file, listed, rotated, checked and
//! restored — through the core and through `wz`.

use std::process::Command;

use wandzeitung::model::*;
use wandzeitung::{store, templates, Store};

fn wz(db: &std::path::Path, args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_wz"))
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn backups_are_whole_rotated_listed_and_restored_after_saving_the_present() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store.sqlite3");
    let backups = store::backup_dir(&db);
    let store = Store::open(&db).unwrap();
    templates::create_demo_workshop(&store).unwrap();
    let first = store.backup_into(&backups).unwrap();
    assert_eq!(first.workshops, 1);
    assert!(first.bytes > 10_000, "a whole store: {} bytes", first.bytes);

    // Work goes on after the backup; a dozen more backups roll the oldest out.
    store
        .create_workshop(&WorkshopInput {
            title: "Nach der Sicherung".into(),
            date: "2026-12-01".into(),
            ..WorkshopInput::default()
        })
        .unwrap();
    for _ in 0..store::BACKUPS_KEPT + 2 {
        store.backup_into(&backups).unwrap();
    }
    let listed = store::list_backups(&backups).unwrap();
    assert_eq!(listed.len(), store::BACKUPS_KEPT, "the newest are kept");
    assert!(
        !listed.iter().any(|b| b.path == first.path),
        "the oldest went"
    );
    assert!(listed.iter().all(|b| b.workshops == 2));
    assert!(
        listed.windows(2).all(|w| w[0].path > w[1].path),
        "newest first"
    );

    // A damaged copy is not offered and cannot be restored.
    let damaged = backups.join("wandzeitung-9999-damaged.sqlite3");
    let bytes = std::fs::read(&listed[0].path).unwrap();
    std::fs::write(&damaged, &bytes[..bytes.len() / 3]).unwrap();
    assert_eq!(
        store::list_backups(&backups).unwrap().len(),
        store::BACKUPS_KEPT
    );
    drop(store);
    assert!(store::restore(&db, &damaged).is_err());
    assert_eq!(
        Store::open(&db).unwrap().workshop_count().unwrap(),
        2,
        "untouched"
    );

    // Restoring an older state: the present is backed up first.
    let one = dir.path().join("one.sqlite3");
    {
        let s = Store::open(&one).unwrap();
        templates::create_demo_workshop(&s).unwrap();
        s.backup_into(&backups).unwrap();
    }
    let old = store::list_backups(&backups)
        .unwrap()
        .into_iter()
        .find(|b| b.workshops == 1)
        .unwrap();
    let saved = store::restore(&db, &old.path)
        .unwrap()
        .expect("the present, backed up");
    let saved = store::list_backups(&backups)
        .unwrap()
        .into_iter()
        .find(|b| b.path == saved)
        .unwrap();
    assert_eq!(saved.workshops, 2);
    let restored = Store::open(&db).unwrap();
    assert_eq!(
        restored.workshop_count().unwrap(),
        1,
        "the state of the backup"
    );
    assert_eq!(
        restored.list_workshops().unwrap()[0].title,
        templates::DEMO_TITLE
    );
}

#[test]
fn the_list_of_backups_read_while_they_roll_shows_only_whole_ones_and_never_too_many() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store.sqlite3");
    let store = std::sync::Arc::new(Store::open(&db).unwrap());
    templates::create_demo_workshop(&store).unwrap();
    let backups = store::backup_dir(&db);
    for _ in 0..store::BACKUPS_KEPT {
        store.backup_into(&backups).unwrap();
    }
    // The app's list is read while the timer's backups go on: a new one is
    // renamed into place before the oldest rolls out, and on Windows a
    // backup being read cannot be rolled out at all.
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let reader = {
        let (store, done) = (store.clone(), done.clone());
        std::thread::spawn(move || {
            let mut reads = 0;
            while !done.load(std::sync::atomic::Ordering::Relaxed) || reads == 0 {
                let listed = store.backups().unwrap();
                assert_eq!(listed.len(), store::BACKUPS_KEPT, "as many as are kept");
                assert!(listed.iter().all(|b| b.workshops == 1), "whole ones only");
                reads += 1;
            }
            reads
        })
    };
    for _ in 0..20 {
        store.backup_into(&backups).unwrap();
    }
    done.store(true, std::sync::atomic::Ordering::Relaxed);
    let reads = reader.join().unwrap();
    assert!(reads > 0);
}

#[test]
fn wz_backs_up_lists_and_restores() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.sqlite3");
    assert!(wz(&db, &["demo"]).0);
    let (ok, file, err) = wz(&db, &["backup"]);
    assert!(ok, "{err}");
    let file = file.trim().to_owned();
    assert!(std::path::Path::new(&file).is_file(), "{file}");
    assert!(wz(&db, &["demo"]).0, "a second workshop after the backup");
    let (ok, list, _) = wz(&db, &["backups"]);
    assert!(ok);
    let row: Vec<&str> = list.lines().next().unwrap().split('\t').collect();
    assert_eq!(row[0], file);
    assert_eq!(row[2], "1", "one workshop in it: {list}");
    let (ok, _, err) = wz(&db, &["restore", &file]);
    assert!(ok, "{err}");
    assert!(err.contains("the store as it was is in"), "{err}");
    let (_, workshops, _) = wz(&db, &["list"]);
    assert_eq!(workshops.lines().count(), 1, "{workshops}");
    let (_, list, _) = wz(&db, &["backups"]);
    assert!(
        list.lines().any(|l| l.split('\t').nth(2) == Some("2")),
        "the two-workshop store was kept: {list}"
    );
    let (ok, _, err) = wz(&db, &["restore", "/nonexistent/backup.sqlite3"]);
    assert!(!ok && !err.is_empty());
}

#[test]
fn a_store_that_cannot_open_is_kept_aside_and_replaced_by_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store.sqlite3");
    let backups = store::backup_dir(&db);
    {
        let s = Store::open(&db).unwrap();
        templates::create_demo_workshop(&s).unwrap();
        s.backup_into(&backups).unwrap();
    }
    let mut bytes = std::fs::read(&db).unwrap();
    for b in bytes.iter_mut().take(4096).skip(100) {
        *b = 0xA5;
    }
    std::fs::write(&db, &bytes).unwrap();
    assert!(Store::open(&db).is_err(), "the store is damaged");
    let newest = store::list_backups(&backups).unwrap().remove(0);
    let kept = store::restore(&db, &newest.path).unwrap().unwrap();
    assert_eq!(
        std::fs::read(&kept).unwrap(),
        bytes,
        "the damaged file kept as it was"
    );
    assert_eq!(Store::open(&db).unwrap().workshop_count().unwrap(), 1);
}

/// One writer per store: while one process has claimed it, `wz` is told so
/// and changes nothing; once released, it works again.
#[test]
fn a_claimed_store_is_refused_to_a_second_writer() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store.sqlite3");
    assert!(wz(&db, &["demo"]).0);
    let claim = store::claim(&db).unwrap();
    assert!(
        matches!(
            store::claim(&db),
            Err(wandzeitung::Error::StoreInUse { .. })
        ),
        "a second claim, even from this process"
    );
    let (ok, _, err) = wz(&db, &["demo"]);
    assert!(!ok, "refused while claimed");
    assert!(err.contains("in use by another window or wz"), "{err}");
    drop(claim);
    let (ok, list, _) = wz(&db, &["list"]);
    assert!(ok);
    assert_eq!(list.lines().count(), 1, "the refused demo changed nothing");
}

/// Every file in the backup folder that is not a finished backup.
fn leftovers(dir: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !(n.starts_with("wandzeitung-") && n.ends_with(".sqlite3")))
        .collect()
}

#[test]
fn the_oldest_of_a_full_set_of_backups_can_be_restored_in_the_app_and_with_wz() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store.sqlite3");
    let backups = store::backup_dir(&db);
    let store = Store::open(&db).unwrap();
    templates::create_demo_workshop(&store).unwrap();
    let oldest = store.backup_into(&backups).unwrap();
    for i in 1..store::BACKUPS_KEPT {
        store
            .create_workshop(&WorkshopInput {
                title: format!("Tag {i}"),
                date: "2026-12-01".into(),
                ..WorkshopInput::default()
            })
            .unwrap();
        store.backup_into(&backups).unwrap();
    }
    assert_eq!(
        store::list_backups(&backups).unwrap().len(),
        store::BACKUPS_KEPT
    );
    assert!(leftovers(&backups).is_empty(), "{:?}", leftovers(&backups));

    // In the app: the store stays open while the oldest comes back.
    store.restore_from(&oldest.path).unwrap();
    assert_eq!(
        store.list_workshops().unwrap().len(),
        1,
        "the day of the oldest backup"
    );
    assert!(
        leftovers(&backups).is_empty(),
        "no -wal, -shm or .part beside the backups: {:?}",
        leftovers(&backups)
    );
    drop(store);

    // With wz, the app closed: the oldest of a full set again.
    let list = store::list_backups(&backups).unwrap();
    let oldest = list.last().unwrap().path.clone();
    let (ok, _, err) = wz(&db, &["restore", oldest.to_str().unwrap()]);
    assert!(ok, "{err}");
    let store = Store::open(&db).unwrap();
    let workshops = store.list_workshops().unwrap().len();
    assert_eq!(workshops, list.last().unwrap().workshops as usize);

    // A backup that is really gone says so.
    let gone = backups.join("wandzeitung-2020-01-01_00-00-00.000.sqlite3");
    let err = store.restore_from(&gone).unwrap_err();
    assert_eq!(err.code(), "backup_gone", "{err}");
}

#[test]
fn an_interrupted_backup_leaves_nothing_behind_after_the_next_one() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store.sqlite3");
    let backups = store::backup_dir(&db);
    let store = Store::open(&db).unwrap();
    templates::create_demo_workshop(&store).unwrap();
    std::fs::create_dir_all(&backups).unwrap();
    for stale in [
        "wandzeitung-2026-12-01_10-00-00.000.sqlite3.part",
        "wandzeitung-2026-12-01_10-00-00.000.sqlite3.part-wal",
        "wandzeitung-2026-12-01_10-00-00.000.sqlite3.part-shm",
        "wandzeitung-2026-12-01_10-00-00.000.sqlite3.purging",
    ] {
        std::fs::write(backups.join(stale), b"half").unwrap();
    }
    store.backup_into(&backups).unwrap();
    let (ok, _, err) = wz(&db, &["backup"]);
    assert!(ok, "{err}");
    assert!(leftovers(&backups).is_empty(), "{:?}", leftovers(&backups));
    assert_eq!(store::list_backups(&backups).unwrap().len(), 2);
}

/// A backup another program holds for good (here: a name no file can be
/// opened or removed under, a folder) can be neither purged nor removed:
/// the deletion of the workshop still stands and is not reported as failed;
/// every other backup is purged.
#[test]
fn a_backup_that_cannot_be_purged_does_not_undo_or_fail_a_deletion() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("held.sqlite3")).unwrap();
    let id = templates::create_demo_workshop(&store).unwrap();
    let backups = store::backup_dir(store.path());
    let good = store.backup_into(&backups).unwrap().path;
    let held = backups.join("wandzeitung-0000-held.sqlite3");
    std::fs::create_dir(&held).unwrap();
    std::fs::write(held.join("inside"), "held by another program").unwrap();

    let purged = store.delete_workshop(&id).expect("the deletion stands");
    assert_eq!(
        purged, 1,
        "the good backup is purged, the held one is not counted"
    );
    assert!(store.list_workshops().unwrap().is_empty());
    let left = Store::open(&good).unwrap();
    assert!(
        left.list_workshops().unwrap().is_empty(),
        "purged from the good backup"
    );
}
