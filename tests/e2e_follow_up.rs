//! End to end: after the workshops, the organizer follows their challenges
//! on the "Vorhaben" page of the real app: filters, a step with its date and
//! a new status, its history, undo, the report saved through the real GTK
//! dialog and read back with `pdftotext`.
// The real app window under Xvfb, driven through WebDriver: Linux only.
#![cfg(target_os = "linux")]

mod support;

use std::process::Command;

use chrono::{Days, Local};
use support::app::App;
use support::desktop::choose_file;
use support::fixtures::year;
use support::flows::*;
use support::webdriver::{wait_for, Session};
use wandzeitung::model::*;
use wandzeitung::Store;

/// The rows' titles as the page shows them, top to bottom.
fn titles(s: &Session) -> Vec<String> {
    s.find_all("[data-testid=follow-up-open]")
        .iter()
        .map(|b| s.text(b))
        .collect()
}

fn wait_titles(s: &Session, expected: &[&str]) {
    let mut seen = Vec::new();
    for _ in 0..100 {
        seen = titles(s);
        if seen == expected {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    panic!("the list shows {seen:?}, expected {expected:?}");
}

fn wait_text(s: &Session, css: &str, expected: &str) {
    wait_for(&format!("{css} to read {expected:?}"), || {
        s.find_all(css)
            .first()
            .filter(|e| s.text(e) == expected)
            .map(|_| ())
    });
}

#[test]
fn the_organizer_follows_the_challenges_of_every_workshop_after_the_day() {
    let (dir, db) = fresh_store();
    // A year of workshops; one challenge of the first is already late today.
    let late_since = Local::now().date_naive() - Days::new(20);
    {
        let store = Store::open(&db).unwrap();
        year(&store);
        let list = store
            .follow_up(&FollowUpFilter::default(), Local::now().date_naive())
            .unwrap()[0]
            .list_id
            .clone();
        store
            .add_challenge(
                &list,
                &ChallengeInput {
                    title: "Sitzbänke reparieren".into(),
                    responsible: "Bauhof".into(),
                    next_step: "Angebot einholen".into(),
                    due_date: late_since.to_string(),
                    ..ChallengeInput::default()
                },
            )
            .unwrap();
    }
    let app = App::start(&db);
    let s = &app.session;
    s.set_window_size(1366, 768);
    s.click(&s.find("[data-testid=nav-follow-up]"));
    wait_text(
        s,
        "[data-testid=follow-up-count]",
        "7 Vorhaben, davon 1 überfällig",
    );
    // By due date, the late one first, those without a date last.
    wait_titles(
        s,
        &[
            "Sitzbänke reparieren",
            "WLAN im Bürgerhaus",
            "Bus am Sonntag",
            "Treffpunkt; Skatepark, \"bald\"",
            "Bänke am Markt",
            "Radweg zur Schule",
            "Carsharing",
        ],
    );
    assert_eq!(s.find_all("[data-testid=follow-up-late]").len(), 1);

    // The owner in any case, then only the overdue ones.
    let owner = s.find("[data-testid=follow-up-owner]");
    s.send_keys(&owner, "ÖZDEMIR");
    wait_titles(s, &["Bus am Sonntag", "Bänke am Markt"]);
    s.clear(&owner);
    s.execute(
        "arguments[0].dispatchEvent(new Event('input', { bubbles: true }))",
        vec![Session::element_arg(&owner)],
    );
    wait_titles(
        s,
        &[
            "Sitzbänke reparieren",
            "WLAN im Bürgerhaus",
            "Bus am Sonntag",
            "Treffpunkt; Skatepark, \"bald\"",
            "Bänke am Markt",
            "Radweg zur Schule",
            "Carsharing",
        ],
    );
    s.click(&s.find("[data-testid=follow-up-overdue]"));
    wait_titles(s, &["Sitzbänke reparieren"]);
    s.click(&s.find("[data-testid=follow-up-overdue]"));
    wait_for("the whole list again", || {
        (titles(s).len() == 7).then_some(())
    });

    // A step on "Bus am Sonntag": a date in the past, a new status, a note.
    let bus = s.find_with_text("[data-testid=follow-up-open]", "Bus am Sonntag");
    s.click(&bus);
    s.find_with_text(
        "[data-testid=follow-up-no-history]",
        "Noch nichts eingetragen.",
    );
    let date = s.find("[data-testid=follow-up-step-date]");
    s.clear(&date);
    s.send_keys(&date, "12.05.2027");
    s.execute(
        "arguments[0].dispatchEvent(new Event('change', { bubbles: true }))",
        vec![Session::element_arg(&date)],
    );
    s.execute(
        "const el = arguments[0]; el.value = [...el.options].find(o => o.text === 'in Arbeit').value; el.dispatchEvent(new Event('change', { bubbles: true }))",
        vec![Session::element_arg(&s.find("[data-testid=follow-up-step-status]"))],
    );
    s.send_keys(
        &s.find("[data-testid=follow-up-step-note]"),
        "Ansprechperson benannt",
    );
    s.click(&s.find("[data-testid=follow-up-step-save]"));
    wait_text(
        s,
        "[data-testid=follow-up-history] li",
        "12.05.2027 – in Arbeit – Ansprechperson benannt",
    );
    let row = || {
        s.find_all("[data-testid=follow-up-row]")
            .into_iter()
            .find(|r| s.text(r).contains("Bus am Sonntag"))
            .unwrap()
    };
    wait_for("the row's new status", || {
        s.text(&s.find_in(&row(), "[data-testid=follow-up-row-status]"))
            .eq("in Arbeit")
            .then_some(())
    });
    s.screenshot(&screenshot_path("follow-up-step-recorded"));

    // Undo takes the step back whole, redo brings it again.
    s.click(&s.find("[data-testid=follow-up-detail] [data-testid=undo]"));
    s.find_with_text(
        "[data-testid=follow-up-no-history]",
        "Noch nichts eingetragen.",
    );
    wait_for("the status back to open", || {
        s.text(&s.find_in(&row(), "[data-testid=follow-up-row-status]"))
            .eq("offen")
            .then_some(())
    });
    s.click(&s.find("[data-testid=follow-up-detail] [data-testid=redo]"));
    wait_text(
        s,
        "[data-testid=follow-up-history] li",
        "12.05.2027 – in Arbeit – Ansprechperson benannt",
    );

    // "Stand der Umsetzung" through the real save dialog, read back.
    s.click(&s.find("[data-testid=follow-up-save-pdf]"));
    let target = dir.path().join("Stand der Umsetzung.pdf");
    choose_file("Vorhaben speichern", &target);
    let info = s.find("[data-testid=info] span");
    assert!(s.text(&info).contains(&*target.to_string_lossy()));
    let out = Command::new("pdftotext")
        .arg(&target)
        .arg("-")
        .output()
        .expect("pdftotext");
    let text = String::from_utf8(out.stdout).unwrap();
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let late = format!("ÜBERFÄLLIG seit {}", late_since.format("%d.%m.%Y"));
    for expected in [
        "Stand der Umsetzung",
        "7 Vorhaben, davon 1 überfällig",
        "Bürgerdialog Mobilität (10.03.2027)",
        "Sitzbänke reparieren",
        &late,
        "Status: in Arbeit",
        "12.05.2027 – in Arbeit – Ansprechperson benannt",
    ] {
        assert!(words.contains(expected), "{expected:?} not in: {words}");
    }

    // And back to where the challenge came from.
    s.click(&s.find("[data-testid=follow-up-open-in-workshop]"));
    s.find("[data-testid=challenge-form]");
}
