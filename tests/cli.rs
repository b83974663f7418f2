//! The `wz` binary as a user runs it.

use std::process::{Command, Output};

fn wz(args: &[&str], env_db: Option<&std::path::Path>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_wz"));
    cmd.args(args).env_remove("WANDZEITUNG_DB");
    if let Some(p) = env_db {
        cmd.env("WANDZEITUNG_DB", p);
    }
    cmd.output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

#[test]
fn demo_then_list_shows_the_demo_workshop() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("wz.sqlite3");
    let db = db.to_str().unwrap();
    let demo = wz(&["--db", db, "demo"], None);
    assert!(
        demo.status.success(),
        "{}",
        String::from_utf8_lossy(&demo.stderr)
    );
    let id = stdout(&demo).trim().to_owned();
    assert_eq!(id.len(), 36, "demo prints the new workshop's id");

    let list = wz(&["--db", db, "list"], None);
    assert!(list.status.success());
    let out = stdout(&list);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 1);
    let cols: Vec<&str> = lines[0].split('\t').collect();
    assert_eq!(cols[0], id);
    assert_eq!(cols[1].len(), 10, "the date is YYYY-MM-DD");
    assert_eq!(cols[2], wandzeitung::templates::DEMO_TITLE);
}

#[test]
fn wandzeitung_db_chooses_the_store_when_no_flag_is_given() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("env.sqlite3");
    assert!(wz(&["demo"], Some(&db)).status.success());
    assert!(
        db.exists(),
        "the store is created where WANDZEITUNG_DB points"
    );
    assert_eq!(stdout(&wz(&["list"], Some(&db))).lines().count(), 1);
}

#[test]
fn an_unusable_store_is_one_line_on_stderr_and_a_failure() {
    let dir = tempfile::tempdir().unwrap();
    let not_a_db = dir.path().join("notes.txt");
    std::fs::write(
        &not_a_db,
        "Das ist keine Datenbank, sondern ein Einkaufszettel.\n".repeat(200),
    )
    .unwrap();
    let before = std::fs::read(&not_a_db).unwrap();
    let out = wz(&["--db", not_a_db.to_str().unwrap(), "list"], None);
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    assert!(err.starts_with("wz: "), "{err}");
    assert_eq!(
        std::fs::read(&not_a_db).unwrap(),
        before,
        "a file we cannot read is left untouched"
    );
}

#[test]
fn unknown_commands_fail_with_usage() {
    let out = wz(&["frobnicate"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("usage"));
}

#[test]
fn a_huge_file_is_refused_by_import_without_being_read_whole() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("wz.sqlite3");
    let db = db.to_str().unwrap();
    assert!(wz(&["--db", db, "demo"], None).status.success());
    // 2 GB of nothing (a sparse file): read whole, it would take 2 GB of memory.
    let huge = dir.path().join("huge.json");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(2 * 1024 * 1024 * 1024)
        .unwrap();
    let out = Command::new("/usr/bin/time")
        .args([
            "-f",
            "maxrss_kib=%M",
            env!("CARGO_BIN_EXE_wz"),
            "--db",
            db,
            "import",
        ])
        .arg(&huge)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{stderr}");
    assert!(stderr.contains("the file is too large"), "{stderr}");
    let rss: u64 = stderr
        .split("maxrss_kib=")
        .nth(1)
        .and_then(|s| s.trim().parse().ok())
        .expect("the memory used");
    assert!(rss < 512 * 1024, "read no more than the limit: {rss} KiB");
    let list = wz(&["--db", db, "list"], None);
    assert_eq!(stdout(&list).lines().count(), 1, "nothing was imported");
}
