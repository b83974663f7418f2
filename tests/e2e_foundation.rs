//! End to end: the real app window, driven as a facilitator uses it.
// The real app window under Xvfb, driven through WebDriver: Linux only.
#![cfg(target_os = "linux")]

mod support;

use support::app::App;
use support::flows::*;
use support::webdriver::wait_for;

#[test]
fn a_card_with_every_kind_of_character_survives_a_restart() {
    let (_dir, db) = fresh_store();
    let app = App::start(&db);
    let s = &app.session;
    // An empty store opens on the demo workshop.
    s.find_with_text(
        "[data-testid=workshop-heading]",
        wandzeitung::templates::DEMO_TITLE,
    );

    create_workshop_with_board(s, "Werkstatt Ortsmitte");
    add_card(s, 0, UNICODE_CARD);
    wait_for("the card on the board", || {
        (card_texts(s, 0) == [UNICODE_CARD]).then_some(())
    });
    let entry = s.find("[data-testid=card-entry]");
    assert_eq!(
        s.value(&entry),
        "",
        "the entry box is emptied for the next card"
    );
    app.quit();

    let app = App::start(&db);
    let s = &app.session;
    open_workshop_and_board(s, "Werkstatt Ortsmitte");
    wait_for("the card after the restart", || {
        (card_texts(s, 0) == [UNICODE_CARD]).then_some(())
    });
}

/// The window shows its first screen whole: the moment the page is visible
/// it holds its data, never "Lädt …" or "Noch kein Workshop" in place of
/// workshops that are there (measured in benches/start.rs).
#[test]
fn the_first_screen_shows_whole_with_its_data() {
    let (_dir, db) = fresh_store();
    {
        let store = wandzeitung::Store::open(&db).unwrap();
        wandzeitung::templates::create_demo_workshop(&store).unwrap();
        store
            .create_workshop(&wandzeitung::model::WorkshopInput {
                title: "Zweiter Workshop".into(),
                date: "2026-12-07".into(),
                ..Default::default()
            })
            .unwrap();
    }
    for start in 0..3 {
        let app = App::start(&db);
        // One look, the moment the page shows: no waiting for the list.
        let first = app.session.execute(
            "return { rows: document.querySelectorAll('.workshop-list li').length,
                      text: document.body.innerText }",
            vec![],
        );
        let text = first["text"].as_str().unwrap_or_default();
        assert_eq!(
            first["rows"], 2,
            "start {start}: both workshops at once: {text}"
        );
        for placeholder in ["Lädt", "Noch kein Workshop"] {
            assert!(
                !text.contains(placeholder),
                "start {start}: {placeholder:?} shown: {text}"
            );
        }
        app.quit();
    }
}

#[test]
fn a_card_shown_as_added_survives_killing_the_app() {
    let (_dir, db) = fresh_store();
    let app = App::start(&db);
    let s = &app.session;
    create_workshop_with_board(s, "Absturztest");
    add_card(s, 1, "Vereinsring einbinden");
    wait_for("the card on the board", || {
        (card_texts(s, 1) == ["Vereinsring einbinden"]).then_some(())
    });
    app.kill_app_process();
    drop(app);

    // The store is read by the core directly: the card is on disk.
    let store = wandzeitung::Store::open(&db).unwrap();
    let found = store
        .list_workshops()
        .unwrap()
        .into_iter()
        .find(|w| w.title == "Absturztest")
        .expect("the workshop is stored");
    assert_eq!(found.card_count, 1);
    drop(store);

    let app = App::start(&db);
    let s = &app.session;
    open_workshop_and_board(s, "Absturztest");
    wait_for("the card after the crash", || {
        (card_texts(s, 1) == ["Vereinsring einbinden"]).then_some(())
    });
}

#[test]
fn an_empty_card_gets_a_german_message_and_nothing_is_added() {
    let (_dir, db) = fresh_store();
    let app = App::start(&db);
    let s = &app.session;
    create_workshop_with_board(s, "Leere Karte");
    add_card(s, 0, "   ");
    let notice = s.find("[data-testid=error]");
    assert!(
        s.text(&notice)
            .contains("Der Kartentext darf nicht leer sein."),
        "the message names the problem in German: {}",
        s.text(&notice)
    );
    assert!(card_texts(s, 0).is_empty(), "no card may appear");
}

#[test]
fn card_text_is_shown_as_text_and_never_runs() {
    let (_dir, db) = fresh_store();
    let app = App::start(&db);
    let s = &app.session;
    create_workshop_with_board(s, "Markup");
    let attacks = [
        "<img src=x onerror=\"window.__pwned=1\">",
        "<script>window.__pwned=2</script>",
    ];
    for a in attacks {
        add_card(s, 0, a);
    }
    wait_for("both cards shown literally", || {
        (card_texts(s, 0) == attacks).then_some(())
    });
    let pwned = s.execute(
        "return [window.__pwned ?? null, document.querySelectorAll('[data-testid=cards] img, [data-testid=cards] script').length];",
        vec![],
    );
    assert_eq!(
        pwned,
        serde_json::json!([null, 0]),
        "no markup from a card may reach the page"
    );
}

#[test]
fn the_workshop_header_and_agenda_are_saved() {
    let (_dir, db) = fresh_store();
    let app = App::start(&db);
    let s = &app.session;
    create_workshop_with_board(s, "Kopfzeile");
    s.click(&s.find("[data-testid=back-to-workshop]"));
    let place = s.find("[data-testid=workshop-place]");
    s.send_keys(&place, "Bürgerhaus Wiesenbach");
    // Leaving the field saves it.
    s.click(&s.find("[data-testid=workshop-title]"));
    // The date is typed as in German, whatever the system's locale.
    let date = s.find("[data-testid=workshop-date]");
    s.clear(&date);
    s.send_keys(&date, "5.12.2026");
    s.click(&s.find("[data-testid=workshop-title]"));
    wait_for("the date written back the German way", || {
        (s.value(&s.find("[data-testid=workshop-date]")) == "05.12.2026").then_some(())
    });
    let title = s.find("[data-testid=agenda-title]");
    s.send_keys(&title, "Begrüßung");
    s.send_keys(&title, ENTER);
    wait_for("the agenda row", || {
        (s.find_all("[data-testid=agenda] tbody tr").len() == 1).then_some(())
    });
    drop(app);

    let store = wandzeitung::Store::open(&db).unwrap();
    let w = store
        .list_workshops()
        .unwrap()
        .into_iter()
        .find(|w| w.title == "Kopfzeile")
        .unwrap();
    let detail = store.workshop_detail(&w.id).unwrap();
    assert_eq!(detail.workshop.place, "Bürgerhaus Wiesenbach");
    assert_eq!(detail.workshop.date.to_string(), "2026-12-05");
    assert_eq!(detail.agenda.len(), 1);
    assert_eq!(detail.agenda[0].title, "Begrüßung");
}

#[test]
fn a_store_from_a_newer_version_is_explained_in_the_window_and_left_alone() {
    let (_dir, db) = fresh_store();
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch("CREATE TABLE future (x); PRAGMA user_version = 99;")
            .unwrap();
    }
    let before = std::fs::read(&db).unwrap();
    let app = App::start(&db);
    let s = &app.session;
    let problem = s.find("[data-testid=startup-problem]");
    let text = s.text(&problem);
    assert!(
        text.contains("Die Datendatei stammt von einer neueren Version von Wandzeitung."),
        "{text}"
    );
    assert!(text.contains("Es wurde nichts verändert."), "{text}");
    assert!(
        s.find_all("[data-testid=workshop-list]").is_empty(),
        "no workshop screen over a store it cannot read"
    );
    drop(app);
    assert!(
        std::fs::read(&db).unwrap() == before,
        "the file is byte for byte untouched"
    );
}

#[test]
fn cards_typed_in_one_go_are_all_added_in_order_and_nothing_typed_is_lost() {
    let (_dir, db) = fresh_store();
    let app = App::start(&db);
    let s = &app.session;
    create_workshop_with_board(s, "Schnell tippen");
    let entry = s.find("[data-testid=card-entry]");
    // One burst of keys: the next card is typed while the last one is saved.
    s.send_keys(
        &entry,
        &format!("Kein Open-Data-Portal{ENTER}Breitband fehlt{ENTER}Daten verstreut{ENTER}"),
    );
    wait_for("three cards in the order typed", || {
        (card_texts(s, 0)
            == [
                "Kein Open-Data-Portal",
                "Breitband fehlt",
                "Daten verstreut",
            ])
        .then_some(())
    });
    assert_eq!(s.value(&entry), "", "the box is empty for the next card");
}

/// The backup the app took at start is offered with its time and workshop
/// count; restoring it (confirmed once more) brings that state back and
/// keeps the state before as a backup of its own.
#[test]
fn a_backup_from_the_start_is_restored_from_the_workshop_list() {
    let (_dir, db) = fresh_store();
    let app = App::start(&db);
    let s = &app.session;
    s.find("[data-testid=workshop-heading]");
    create_workshop_with_board(s, "Nach der Sicherung");
    s.click(&s.find("[data-testid=nav-home]"));
    s.find_with_text(
        "[data-testid=workshop-list] .row-title",
        "Nach der Sicherung",
    );

    s.click(&s.find("[data-testid=backups-open]"));
    let first = wait_for("the backup taken at start", || {
        s.find_all("[data-testid=backup]").into_iter().last()
    });
    assert!(
        s.text(&first).contains("1 Workshop ·"),
        "{}",
        s.text(&first)
    );
    s.screenshot(&screenshot_path("backups"));
    let button = s.find("[data-testid=backup]:last-child [data-testid=backup-restore]");
    s.click(&button);
    assert_eq!(
        s.text(&button),
        "Wirklich wiederherstellen?",
        "asked once more"
    );
    s.click(&button);
    wait_for("the workshop made after the backup to go", || {
        let titles: Vec<String> = s
            .find_all("[data-testid=workshop-list] .row-title")
            .iter()
            .map(|e| s.text(e))
            .collect();
        (titles.len() == 1 && !titles.contains(&"Nach der Sicherung".to_owned())).then_some(())
    });
    assert!(
        s.text(&s.find("[data-testid=info] span"))
            .contains("wiederhergestellt"),
        "the facilitator is told"
    );
    drop(app);
    let backups = wandzeitung::store::list_backups(&wandzeitung::store::backup_dir(&db)).unwrap();
    assert!(
        backups.iter().any(|b| b.workshops == 2),
        "the state before the restore is kept: {backups:?}"
    );
    assert_eq!(
        wandzeitung::Store::open(&db)
            .unwrap()
            .workshop_count()
            .unwrap(),
        1
    );
}

/// A store damaged between two days: the window says so and offers the
/// newest good backup; one click and the workshop is back, the damaged file
/// kept aside untouched.
#[test]
fn a_damaged_store_at_start_offers_its_newest_backup() {
    let (_dir, db) = fresh_store();
    {
        let store = wandzeitung::Store::open(&db).unwrap();
        wandzeitung::templates::create_demo_workshop(&store).unwrap();
        store
            .backup_into(&wandzeitung::store::backup_dir(&db))
            .unwrap();
    }
    let mut bytes = std::fs::read(&db).unwrap();
    for b in bytes.iter_mut().take(4096).skip(100) {
        *b = 0xA5;
    }
    std::fs::write(&db, &bytes).unwrap();
    let app = App::start(&db);
    let s = &app.session;
    s.find("[data-testid=startup-problem]");
    let offered = s.find_all("[data-testid=startup-backups] li");
    assert_eq!(offered.len(), 1);
    assert!(
        s.text(&offered[0]).contains("1 Workshop"),
        "{}",
        s.text(&offered[0])
    );
    s.screenshot(&screenshot_path("startup-backups"));
    s.click(&s.find("[data-testid=startup-restore]"));
    s.find_with_text(
        "[data-testid=workshop-list] .row-title",
        wandzeitung::templates::DEMO_TITLE,
    );
    drop(app);
    let kept: Vec<_> = std::fs::read_dir(wandzeitung::store::backup_dir(&db))
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with("damaged-"))
        .collect();
    assert_eq!(kept.len(), 1, "the damaged file is kept");
    assert_eq!(std::fs::read(kept[0].path()).unwrap(), bytes);
}

/// A second window on the same store: it says the store is open elsewhere
/// instead of working beside the first on the same file; once the first
/// lets go, "Erneut versuchen" opens it.
#[test]
fn a_store_open_elsewhere_is_said_so_in_the_second_window() {
    let (_dir, db) = fresh_store();
    let held = wandzeitung::store::claim(&db).unwrap();
    let app = App::start(&db);
    let s = &app.session;
    let problem = s.find("[data-testid=startup-problem]");
    assert!(
        s.text(&problem)
            .contains("schon in einem anderen Fenster geöffnet"),
        "{}",
        s.text(&problem)
    );
    assert!(
        s.find_all("[data-testid=startup-backups]").is_empty(),
        "no backup offered"
    );
    drop(held);
    s.click(&s.find("[data-testid=startup-retry]"));
    s.find_with_text(
        "[data-testid=workshop-heading]",
        wandzeitung::templates::DEMO_TITLE,
    );
}

/// Unmounts the read-only view of a folder when the test ends.
struct ReadOnlyView(std::path::PathBuf);

impl ReadOnlyView {
    /// The folder `dir` again at `at`, read-only for everyone (the
    /// administrator too), where this machine lets a test mount.
    fn mount(dir: &std::path::Path, at: &std::path::Path) -> Option<ReadOnlyView> {
        let run = |args: &[&std::ffi::OsStr]| {
            std::process::Command::new("mount")
                .args(args)
                .stderr(std::process::Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
        };
        if !run(&["--bind".as_ref(), dir.as_os_str(), at.as_os_str()]) {
            return None;
        }
        let view = ReadOnlyView(at.to_path_buf());
        run(&["-o".as_ref(), "remount,ro,bind".as_ref(), at.as_os_str()]).then_some(view)
    }
}

impl Drop for ReadOnlyView {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount")
            .arg("-l")
            .arg(&self.0)
            .status();
    }
}

/// A store on a read-only mount (a write-protected stick, a share): the
/// window opens it to read and export with a banner that says so, and a
/// change is refused in the same words, not after a wait.
#[test]
fn a_write_protected_store_opens_to_read_with_a_banner() {
    let (dir, db) = fresh_store();
    let store = wandzeitung::Store::open(&db).unwrap();
    wandzeitung::templates::create_demo_workshop(&store).unwrap();
    drop(store);
    let bytes = std::fs::read(&db).unwrap();
    let at = tempfile::tempdir().unwrap();
    let Some(_view) = ReadOnlyView::mount(dir.path(), at.path()) else {
        eprintln!("no read-only mount can be made here: the banner is not tried");
        return;
    };
    let app = App::start(&at.path().join(db.file_name().unwrap()));
    let s = &app.session;
    let banner = s.find("[data-testid=read-only-banner]");
    assert!(
        s.text(&banner).contains("schreibgeschützt"),
        "{}",
        s.text(&banner)
    );
    s.find_with_text(
        "[data-testid=workshop-list] .row-title",
        wandzeitung::templates::DEMO_TITLE,
    );
    s.send_keys(&s.find("[data-testid=new-workshop-title]"), "Neu");
    s.click(&s.find("[data-testid=create-workshop]"));
    let error = s.find("[data-testid=error]");
    assert!(
        s.text(&error).contains("schreibgeschützt"),
        "{}",
        s.text(&error)
    );
    s.screenshot(&screenshot_path("read-only"));
    drop(app);
    assert_eq!(std::fs::read(&db).unwrap(), bytes, "not a byte changed");
}
