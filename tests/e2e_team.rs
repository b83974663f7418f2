//! End to end: a facilitator sets up the team folder in the real app
//! ("Team-Ablage"), is told in words that the password is wrong, then that
//! the connection stands, syncs, and finds a colleague's challenge on the
//! Vorhaben page with where it came from; a step recorded here reaches the
//! colleague's laptop. The folder is a real WebDAV server (Apache mod_dav),
//! the password goes into a real GNOME Keyring on the app's session bus.
// The real app window under Xvfb, driven through WebDriver: Linux only.
#![cfg(target_os = "linux")]

mod support;

use support::app::App;
use support::flows::*;
use support::keyring::Keyring;
use support::team::{Laptop, TEAM};
use support::webdav::{WebDav, PASSWORD, USER};
use support::webdriver::{wait_for, Session};
use wandzeitung::model::*;

/// A colleague's laptop with a workshop and a challenge, synced into the
/// team folder.
fn colleague(server: &WebDav) -> Laptop {
    let ben = Laptop::new(server, "Laptop Ben");
    let w = ben
        .store
        .create_workshop(&WorkshopInput {
            title: "Stadtteilkonferenz Nord".into(),
            date: "2027-02-02".into(),
            ..WorkshopInput::default()
        })
        .unwrap();
    let list = ben.store.create_challenge_list(&w.id, "Themen").unwrap();
    ben.store
        .add_challenge(
            &list.id,
            &ChallengeInput {
                title: "Spielplatz sanieren".into(),
                responsible: "Grünflächenamt".into(),
                ..ChallengeInput::default()
            },
        )
        .unwrap();
    ben.sync();
    ben
}

fn fill(s: &Session, testid: &str, text: &str) {
    let field = s.find(&format!("[data-testid={testid}]"));
    s.clear(&field);
    s.send_keys(&field, text);
}

fn notice(s: &Session, expected: &str) {
    wait_for(&format!("the notice {expected:?}"), || {
        s.find_all("[role=alert], [role=status]")
            .iter()
            .any(|e| s.text(e).contains(expected))
            .then_some(())
    });
}

#[test]
fn a_facilitator_sets_up_the_team_folder_and_follows_a_colleagues_challenge() {
    let server = WebDav::start();
    let keyring = Keyring::start();
    let ben = colleague(&server);
    let (_dir, db) = fresh_store();
    let app = App::start_with(&db, |driver| {
        driver.env("DBUS_SESSION_BUS_ADDRESS", &keyring.address);
    });
    let s = &app.session;
    s.set_window_size(1366, 900);

    s.click(&s.find("[data-testid=nav-team]"));
    fill(s, "team-address", &server.address());
    fill(s, "team-user", USER);
    fill(s, "team-password", "falsch");
    fill(s, "team-folder", TEAM);
    fill(s, "team-name", "Laptop Anna");
    s.click(&s.find("[data-testid=team-save]"));
    notice(s, "Benutzername oder App-Passwort sind falsch");

    fill(s, "team-password", PASSWORD);
    s.click(&s.find("[data-testid=team-save]"));
    notice(s, "Die Verbindung zur Team-Ablage steht.");
    // The password is in the keyring now, not in the form or the store.
    assert_eq!(s.value(&s.find("[data-testid=team-password]")), "");

    s.click(&s.find("[data-testid=team-sync]"));
    notice(s, "Abgeglichen:");
    wait_for("Laptop Ben among the team's laptops", || {
        s.find_all("[data-testid=team-laptops] li")
            .iter()
            .any(|l| s.text(l).contains("Laptop Ben"))
            .then_some(())
    });
    s.screenshot(&screenshot_path("team-page"));

    // Ben's challenge, with where it came from.
    s.click(&s.find("[data-testid=nav-follow-up]"));
    let row = wait_for("Ben's challenge on the Vorhaben page", || {
        s.find_all("[data-testid=follow-up-row]")
            .into_iter()
            .find(|r| s.text(r).contains("Spielplatz sanieren"))
    });
    assert_eq!(
        s.text(&s.find_in(&row, "[data-testid=follow-up-origin]")),
        "von Laptop Ben"
    );

    // A step recorded here reaches Ben.
    s.click(&s.find_in(&row, "[data-testid=follow-up-open]"));
    let status = s.find("[data-testid=follow-up-step-status]");
    s.execute(
        "arguments[0].value = arguments[0].querySelector('option:nth-child(3)').value; arguments[0].dispatchEvent(new Event('change', { bubbles: true }))",
        vec![Session::element_arg(&status)],
    );
    fill(
        s,
        "follow-up-step-note",
        "Ortstermin mit dem Grünflächenamt",
    );
    s.click(&s.find("[data-testid=follow-up-step-save]"));
    wait_for("the step in the history", || {
        s.find_all("[data-testid=follow-up-history] li")
            .iter()
            .any(|l| s.text(l).contains("Ortstermin mit dem Grünflächenamt"))
            .then_some(())
    });
    s.click(&s.find("[data-testid=nav-team]"));
    s.click(&s.find("[data-testid=team-sync]"));
    notice(s, "Abgeglichen:");
    ben.sync();
    let on_ben = ben
        .store
        .follow_up(
            &FollowUpFilter::default(),
            chrono::NaiveDate::from_ymd_opt(2027, 7, 1).unwrap(),
        )
        .unwrap();
    let spielplatz = on_ben
        .iter()
        .find(|i| i.title == "Spielplatz sanieren")
        .unwrap();
    assert_eq!(spielplatz.status, ChallengeStatus::InProgress);
    let history = ben
        .store
        .challenge_history(&spielplatz.challenge_id)
        .unwrap();
    assert!(
        history
            .iter()
            .any(|e| e.note == "Ortstermin mit dem Grünflächenamt"),
        "{history:?}"
    );

    // Ben's workshop is in the list, read-only here.
    s.click(&s.find("[data-testid=nav-home]"));
    let origin = wait_for("the workshop's origin in the list", || {
        s.find_all("[data-testid=workshop-origin]")
            .into_iter()
            .next()
    });
    assert_eq!(s.text(&origin), "· von Laptop Ben");
    let row = wait_for("Ben's workshop in the list", || {
        s.find_all(".workshop-row")
            .into_iter()
            .find(|r| s.text(r).contains("Stadtteilkonferenz Nord"))
    });
    s.click(&row);
    let banner = wait_for("the read-only note", || {
        s.find_all("[data-testid=workshop-read-only]")
            .into_iter()
            .next()
    });
    assert!(s.text(&banner).contains("Laptop Ben"));
    assert!(s.find_all("[data-testid=create-board]").is_empty());
    s.screenshot(&screenshot_path("team-workshop-read-only"));
    // An own copy, to change here.
    s.click(&s.find("[data-testid=workshop-copy]"));
    wait_for("the copy's page, with its own boards to add", || {
        (s.find_all("[data-testid=workshop-read-only]").is_empty()
            && !s.find_all("[data-testid=create-board]").is_empty())
        .then_some(())
    });

    // Nothing of the password in the store's folder.
    let leaked: Vec<_> = support::files::files_below(db.parent().unwrap())
        .into_iter()
        .filter(|(_, bytes)| support::files::contains(bytes, PASSWORD.as_bytes()))
        .map(|(path, _)| path)
        .collect();
    assert!(leaked.is_empty(), "{leaked:?}");

    // The next morning: Ben wrote down the next step, and the app syncs by
    // itself when it starts.
    drop(app);
    let id = ben
        .store
        .follow_up(
            &FollowUpFilter::default(),
            chrono::NaiveDate::from_ymd_opt(2027, 7, 1).unwrap(),
        )
        .unwrap()
        .into_iter()
        .find(|i| i.title == "Spielplatz sanieren")
        .unwrap()
        .challenge_id;
    let c = ben.store.challenge_progress(&id).unwrap().challenge;
    ben.store
        .update_challenge(
            &id,
            &ChallengeInput {
                title: c.title,
                responsible: c.responsible,
                next_step: "Bauantrag stellen".into(),
                status: c.status,
                ..ChallengeInput::default()
            },
        )
        .unwrap();
    ben.sync();
    let app = App::start_with(&db, |driver| {
        driver.env("DBUS_SESSION_BUS_ADDRESS", &keyring.address);
    });
    let s = &app.session;
    // The start page says how the team folder stands.
    wait_for("the team line on the start page", || {
        s.find_all("[data-testid=team-line]")
            .iter()
            .any(|l| {
                let text = s.text(l);
                text.contains("Team-Ablage: 0 Änderungen warten")
                    && text.contains("Zuletzt abgeglichen")
            })
            .then_some(())
    });
    s.screenshot(&screenshot_path("team-line"));
    s.click(&s.find("[data-testid=nav-follow-up]"));
    wait_for("Ben's next step, synced at the start", || {
        s.find_all("[data-testid=follow-up-row]")
            .iter()
            .any(|r| s.text(r).contains("Bauantrag stellen"))
            .then_some(())
    });
}
