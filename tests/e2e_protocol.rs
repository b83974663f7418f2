//! End to end: the protocol and the workshop file, from the app window through
//! the real GTK file dialogs.
// The real app window under Xvfb, driven through WebDriver: Linux only.
#![cfg(target_os = "linux")]

mod support;

use std::process::Command;

use support::app::App;
use support::desktop::{cancel_dialog, choose_file};
use support::flows::*;
use support::webdriver::wait_for;
use wandzeitung::templates::DEMO_TITLE;

fn pdftotext(path: &std::path::Path) -> String {
    let out = Command::new("pdftotext")
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is needed");
    assert!(out.status.success(), "{path:?} is a readable PDF");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn create_protocol_asks_where_and_writes_the_pdf_there() {
    let (dir, db) = fresh_store();
    let app = App::start(&db);
    let s = &app.session;
    s.find_with_text("[data-testid=workshop-heading]", DEMO_TITLE);
    let button = s.find("[data-testid=create-protocol]");

    // Changing one's mind writes nothing and says nothing.
    s.click(&button);
    cancel_dialog("Protokoll speichern");
    wait_for("the button back after cancelling", || {
        (s.text(&button) == "Protokoll erstellen").then_some(())
    });
    assert!(s.find_all("[data-testid=error]").is_empty());
    assert!(s.find_all("[data-testid=info]").is_empty());

    s.click(&button);
    wait_for("the progress indication", || {
        s.text(&button).contains("wird erstellt").then_some(())
    });
    let target = dir.path().join("Protokoll Breidenbach.pdf");
    choose_file("Protokoll speichern", &target);
    let info = s.find("[data-testid=info] span");
    assert!(
        s.text(&info).contains(&*target.to_string_lossy()),
        "the notice says where the file went: {}",
        s.text(&info)
    );
    s.screenshot(&screenshot_path("workshop-protocol-saved"));
    let text = pdftotext(&target);
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains(DEMO_TITLE), "{words}");
    assert!(words.contains("Seite 1 von"), "page numbers");
    assert!(words.contains("Relevante Akteure"), "the board's questions");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".part"))
        .collect();
    assert!(leftovers.is_empty(), "no part file is left behind");
}

#[test]
fn a_saved_workshop_file_imports_as_a_copy_and_a_broken_one_is_refused() {
    let (dir, db) = fresh_store();
    let app = App::start(&db);
    let s = &app.session;
    s.find_with_text("[data-testid=workshop-heading]", DEMO_TITLE);
    s.click(&s.find("[data-testid=export-json]"));
    let backup = dir.path().join("sicherung.json");
    choose_file("Protokoll speichern", &backup);
    s.find("[data-testid=info]");
    assert!(backup.exists());

    // A file that is not a workshop: a clear German reason, nothing imported.
    let broken = dir.path().join("kaputt.json");
    std::fs::write(
        &broken,
        b"{\"format\": \"wandzeitung.workshop\", \"format_version\": 1, \"workshop\": 5}",
    )
    .unwrap();
    s.click(&s.find("[data-testid=back-to-list]"));
    let import = s.find("[data-testid=import-workshop]");
    s.click(&import);
    choose_file("Workshop-Datei öffnen", &broken);
    let error = s.find("[data-testid=error] span");
    assert_eq!(
        s.text(&error),
        "Die Datei kann nicht importiert werden: sie ist beschädigt oder unvollständig."
    );
    assert_eq!(s.find_all("[data-testid=workshop-list] li").len(), 1);

    s.click(&import);
    choose_file("Workshop-Datei öffnen", &backup);
    s.find_with_text("[data-testid=workshop-heading]", DEMO_TITLE);
    s.click(&s.find("[data-testid=back-to-list]"));
    wait_for("two workshops of the same title", || {
        (s.find_all("[data-testid=workshop-list] li").len() == 2).then_some(())
    });
}
