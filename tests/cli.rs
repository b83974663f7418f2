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
    assert!(String::from_utf8_lossy(&out.stderr).contains("Usage"));
}

#[test]
fn help_and_version_succeed_and_a_wrong_command_line_opens_no_store() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("never.sqlite3");
    let db_arg = db.to_str().unwrap();
    let help = wz(&["--help"], None);
    assert_eq!(help.status.code(), Some(0), "help is not an error");
    let text = stdout(&help);
    for command in [
        "demo", "list", "export", "import", "backup", "restore", "serve",
    ] {
        assert!(text.contains(command), "{command} is listed: {text}");
    }
    let serve_help = wz(&["--db", db_arg, "serve", "--help"], None);
    assert_eq!(serve_help.status.code(), Some(0));
    assert!(
        stdout(&serve_help).contains("Example:"),
        "each command has an example"
    );
    assert!(stdout(&wz(&["--version"], None)).starts_with("wz "));
    // Both workshop files `wz export` writes are named where they are read.
    let import_help = stdout(&wz(&["import", "--help"], None));
    for kind in ["JSON", "ZIP", "--format json", "--format zip"] {
        assert!(import_help.contains(kind), "{kind} in: {import_help}");
    }

    for wrong in [
        vec![
            "--db", db_arg, "export", "x", "--format", "docx", "--out", "o",
        ],
        vec!["--db", db_arg, "serve", "b", "--cap", "0"],
        vec!["--db", db_arg, "serve"],
        vec!["--db", db_arg, "list", "extra"],
    ] {
        let out = wz(&wrong, None);
        assert_eq!(out.status.code(), Some(2), "{wrong:?}");
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(err.contains("error:"), "{wrong:?}: {err}");
    }
    assert!(
        !db.exists(),
        "no store was created for a wrong command line"
    );

    // --db without its value is an error, never the default store.
    let home = tempfile::tempdir().unwrap();
    for args in [
        vec!["export", "x", "--format", "csv", "--out", "o", "--db"],
        vec!["list", "--db"],
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_wz"))
            .args(&args)
            .env("WANDZEITUNG_DB", home.path().join("default.sqlite3"))
            .env("HOME", home.path())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("--db"));
    }
    assert!(!home.path().join("default.sqlite3").exists());
}

#[test]
fn the_manual_pages_come_from_the_same_definitions() {
    let dir = tempfile::tempdir().unwrap();
    let out = wz(&["man", dir.path().to_str().unwrap()], None);
    assert!(out.status.success());
    let page = std::fs::read_to_string(dir.path().join("wz.1")).unwrap();
    assert!(
        page.contains(".TH wz 1"),
        "{}",
        &page[..200.min(page.len())]
    );
    assert!(page.contains("serve"));
    let export = std::fs::read_to_string(dir.path().join("wz-export.1")).unwrap();
    assert!(export.contains("\\-\\-format"), "{export}");
    let completion = stdout(&wz(&["completions", "bash"], None));
    assert!(completion.contains("_wz()"), "a bash completion function");
}

#[test]
fn reading_works_beside_a_writer_and_writing_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("busy.sqlite3");
    let db_arg = db.to_str().unwrap();
    let id = stdout(&wz(&["--db", db_arg, "demo"], None))
        .trim()
        .to_owned();
    let board = stdout(&wz(&["--db", db_arg, "boards", &id], None))
        .lines()
        .next()
        .unwrap()
        .split('\t')
        .next()
        .unwrap()
        .to_owned();
    // A writer holds the store: `wz serve`, as the app would.
    let mut serve = Command::new(env!("CARGO_BIN_EXE_wz"))
        .args(["--db", db_arg, "serve", &board])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufRead::read_line(
        &mut std::io::BufReader::new(serve.stdout.as_mut().unwrap()),
        &mut line,
    )
    .unwrap();
    assert!(line.starts_with("url "), "{line}");

    let before = std::fs::read(&db).unwrap();
    let list = wz(&["--db", db_arg, "list"], None);
    assert!(
        list.status.success(),
        "{}",
        String::from_utf8_lossy(&list.stderr)
    );
    assert!(stdout(&list).contains(&id));
    let pdf = dir.path().join("p.pdf");
    let export = wz(
        &[
            "--db",
            db_arg,
            "export",
            &id,
            "--format",
            "pdf",
            "--out",
            pdf.to_str().unwrap(),
        ],
        None,
    );
    assert!(
        export.status.success(),
        "{}",
        String::from_utf8_lossy(&export.stderr)
    );
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    assert!(wz(&["--db", db_arg, "boards", &id], None).status.success());

    let demo = wz(&["--db", db_arg, "demo"], None);
    assert_eq!(demo.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&demo.stderr).contains("in use"),
        "{}",
        String::from_utf8_lossy(&demo.stderr)
    );
    let _ = serve.kill();
    let _ = serve.wait();
    assert_eq!(std::fs::read(&db).unwrap(), before, "reading wrote nothing");
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
    // GNU time measures the peak memory of a Linux process; a Windows
    // `wz.exe` (make test-windows) is checked for the refusal alone.
    let out = if cfg!(unix) {
        Command::new("/usr/bin/time")
            .args(["-f", "maxrss_kib=%M", env!("CARGO_BIN_EXE_wz")])
            .args(["--db", db, "import"])
            .arg(&huge)
            .output()
            .unwrap()
    } else {
        wz(&["--db", db, "import", huge.to_str().unwrap()], None)
    };
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{stderr}");
    assert!(stderr.contains("the file is too large"), "{stderr}");
    if cfg!(unix) {
        let rss: u64 = stderr
            .split("maxrss_kib=")
            .nth(1)
            .and_then(|s| s.trim().parse().ok())
            .expect("the memory used");
        assert!(rss < 512 * 1024, "read no more than the limit: {rss} KiB");
    }
    let list = wz(&["--db", db, "list"], None);
    assert_eq!(stdout(&list).lines().count(), 1, "nothing was imported");
}

#[test]
fn import_into_takes_a_groups_boards_into_a_workshop_and_a_broken_file_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    // The second laptop: the demo, exported as a file.
    let laptop2 = dir.path().join("laptop2.sqlite3");
    let laptop2 = laptop2.to_str().unwrap();
    let theirs = stdout(&wz(&["--db", laptop2, "demo"], None))
        .trim()
        .to_owned();
    let file = dir.path().join("gruppe.json");
    let export = wz(
        &[
            "--db", laptop2, "export", &theirs, "--format", "json", "--out",
        ],
        None,
    );
    assert!(!export.status.success(), "--out needs its file");
    let out = Command::new(env!("CARGO_BIN_EXE_wz"))
        .args([
            "--db", laptop2, "export", &theirs, "--format", "json", "--out",
        ])
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let their_boards = stdout(&wz(&["--db", laptop2, "boards", &theirs], None));

    // This laptop: its own workshop takes the file's boards.
    let db = dir.path().join("wz.sqlite3");
    let db = db.to_str().unwrap();
    let ours = stdout(&wz(&["--db", db, "demo"], None)).trim().to_owned();
    let before = stdout(&wz(&["--db", db, "boards", &ours], None));
    let import = wz(
        &[
            "--db",
            db,
            "import",
            file.to_str().unwrap(),
            "--into",
            &ours,
        ],
        None,
    );
    assert!(
        import.status.success(),
        "{}",
        String::from_utf8_lossy(&import.stderr)
    );
    let new_ids: Vec<String> = stdout(&import).lines().map(str::to_owned).collect();
    assert_eq!(
        new_ids.len(),
        their_boards.lines().count(),
        "one id per board taken in"
    );
    let after = stdout(&wz(&["--db", db, "boards", &ours], None));
    assert_eq!(
        after.lines().count(),
        before.lines().count() + new_ids.len()
    );
    for id in &new_ids {
        assert!(
            after.contains(id.as_str()),
            "{id} listed among the workshop's boards"
        );
    }
    assert_eq!(
        stdout(&wz(&["--db", db, "list"], None)).lines().count(),
        1,
        "no workshop of the file's own"
    );

    // A broken file: refused with the reason, the store as it was.
    // The board's last question is blank: the fields and cards before it
    // would be fine, and none of them may come in.
    let mut doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    let fields = doc["boards"][0]["fields"].as_array_mut().unwrap();
    assert!(fields.len() > 1, "the demo's board has several questions");
    fields.last_mut().unwrap()["field"]["question"] = "   ".into();
    let broken = dir.path().join("kaputt.json");
    std::fs::write(&broken, doc.to_string()).unwrap();
    let refused = wz(
        &[
            "--db",
            db,
            "import",
            broken.to_str().unwrap(),
            "--into",
            &ours,
        ],
        None,
    );
    assert_eq!(refused.status.code(), Some(1));
    assert!(!String::from_utf8_lossy(&refused.stderr).trim().is_empty());
    assert_eq!(stdout(&wz(&["--db", db, "boards", &ours], None)), after);
    // Into a workshop that does not exist: refused.
    let nowhere = wz(
        &[
            "--db",
            db,
            "import",
            file.to_str().unwrap(),
            "--into",
            "nope",
        ],
        None,
    );
    assert_eq!(nowhere.status.code(), Some(1));
    assert_eq!(stdout(&wz(&["--db", db, "boards", &ours], None)), after);
}
