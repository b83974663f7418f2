//! The workshop package in the real app: a template saved from the demo
//! workshop, a new workshop started from it, its first item run with a phone
//! that says its actor group, the facilitator's notes on the laptop and not
//! on the projector, the Moderationsleitfaden and the protocol's head count.
// The real app window under Xvfb, driven through WebDriver: Linux only.
#![cfg(target_os = "linux")]

mod support;

use support::app::App;
use support::desktop::choose_file;
use support::flows::{fresh_store, pdf_text, screenshot_path, type_text};
use support::phone_browser::PhoneBrowser;
use support::webdriver::{wait_for, Session};
use wandzeitung::{templates, Store};

/// The phones' address of the session running for the workshop `title`.
fn phone_url_of(db: &std::path::Path, title: &str) -> String {
    let store = Store::open_to_read(db).unwrap().unwrap();
    let w = store
        .list_workshops()
        .unwrap()
        .into_iter()
        .find(|w| w.title == title)
        .expect("the workshop");
    let session = store.join_session(&w.id).unwrap().expect("a session");
    format!("http://{}/j/{}", session.address, session.secret)
}

fn notice(s: &Session, contains: &str) {
    wait_for(&format!("the notice {contains:?}"), || {
        s.find_all("[data-testid=info]")
            .into_iter()
            .find(|e| s.text(e).contains(contains))
    });
}

#[test]
fn a_template_from_the_demo_starts_a_workshop_whose_script_stays_on_the_laptop() {
    let (dir, db) = fresh_store();
    let demo_note = {
        let store = Store::open(&db).unwrap();
        let id = templates::create_demo_workshop(&store).unwrap();
        store.agenda(&id).unwrap()[0].notes.clone()
    };
    assert!(demo_note.contains("QR-Code projizieren"));
    let app = App::start(&db);
    let s = &app.session;
    // A municipal laptop's screen.
    s.set_window_size(1366, 768);

    // Save the demo's set-up as a template.
    s.click(&s.find_with_text(
        "[data-testid=workshop-list] .row-title",
        templates::DEMO_TITLE,
    ));
    s.click(&s.find("[data-testid=template-save-open]"));
    s.screenshot(&screenshot_path("templates-workshop-1366"));
    let name = s.find("[data-testid=template-name]");
    s.execute(
        "arguments[0].value = ''; arguments[0].dispatchEvent(new Event('input'));",
        vec![Session::element_arg(&name)],
    );
    type_text(s, &name, "Werkstatt-Vorlage");
    s.click(&s.find("[data-testid=template-save]"));
    notice(s, "Werkstatt-Vorlage");

    // Start a new workshop from it, on the start page.
    s.click(&s.find("[data-testid=back-to-list]"));
    let row = wait_for("the saved template", || {
        s.find_all("[data-testid=templates] li")
            .into_iter()
            .find(|li| s.text(li).contains("Werkstatt-Vorlage"))
    });
    s.screenshot(&screenshot_path("templates-list"));
    let start = s
        .find_all("[data-testid=templates] li [data-testid=template-start]")
        .into_iter()
        .find(|b| {
            s.execute(
                "return arguments[0].closest('li') === arguments[1]",
                vec![Session::element_arg(b), Session::element_arg(&row)],
            ) == serde_json::json!(true)
        })
        .unwrap();
    s.click(&start);
    s.find_with_text("[data-testid=workshop-heading]", "Werkstatt-Vorlage");
    assert_eq!(
        s.find_all("[data-testid=agenda-row]").len(),
        6,
        "the demo's agenda came along"
    );

    // Phones join; one says it is from the administration.
    s.click(&s.find("[data-testid=join-invite]"));
    let network = s.find("[data-testid=join-network]");
    s.execute(
        "arguments[0].value = '127.0.0.1'; arguments[0].dispatchEvent(new Event('change'));",
        vec![Session::element_arg(&network)],
    );
    s.click(&s.find("[data-testid=join-start]"));
    s.find("[data-testid=join-code]");
    let phone = PhoneBrowser::start();
    let p = &phone.session;
    p.navigate(&phone_url_of(&db, "Werkstatt-Vorlage"));
    p.find("[data-testid=phone-actor-group]");
    p.screenshot(&screenshot_path("templates-phone-group"));
    p.click(&p.find("[data-actor-group='Verwaltung']"));
    wait_for("the phone's group said", || {
        p.find_all("[data-testid=phone-my-group]")
            .into_iter()
            .find(|e| p.text(e).contains("Ihre Gruppe: Verwaltung"))
    });
    p.screenshot(&screenshot_path("templates-phone-group-said"));

    // Two people without a phone, from business.
    let by_hand = wait_for("the business row", || {
        s.find_all("[data-attendance-group='Wirtschaft'] [data-testid=attendance-by-hand]")
            .into_iter()
            .next()
    });
    s.execute(
        "arguments[0].value = '2'; arguments[0].dispatchEvent(new Event('change', { bubbles: true }));",
        vec![Session::element_arg(&by_hand)],
    );
    wait_for("two counted by hand", || {
        s.find_all("[data-testid=attendance] [role=status]")
            .into_iter()
            .find(|e| s.text(e).contains("2 ohne"))
    });

    // The first item runs: its notes beside it on the laptop.
    s.click(&s.find_all("[data-testid=agenda-start]")[0]);
    let notes = s.find("[data-testid=day-notes]");
    assert!(
        s.text(&notes).contains("QR-Code projizieren"),
        "{}",
        s.text(&notes)
    );
    s.screenshot(&screenshot_path("templates-laptop-notes"));
    wait_for("the administration's phone counted", || {
        s.find_all("[data-attendance-group='Verwaltung'] [data-testid=attendance-phones]")
            .into_iter()
            .find(|e| s.text(e) == "1")
    });

    // The projector shows the invitation, then the running item: never
    // the notes.
    let main = s.current_window();
    s.click(&s.find("[data-testid=join-project]"));
    let projector = wait_for("the projector window", || {
        s.windows().into_iter().find(|w| *w != main)
    });
    let projected = |s: &Session, showing: &str| -> String {
        s.switch_to(&projector);
        let text = wait_for(&format!("the projector showing {showing:?}"), || {
            let text = s.execute("return document.body.innerText", vec![]);
            text.as_str()
                .filter(|t| t.contains(showing))
                .map(str::to_owned)
        });
        s.switch_to(&main);
        text
    };
    let invitation = projected(s, "Mit dem Handy");
    s.click(&s.find("[data-testid=join-project]"));
    let running = projected(s, "Begrüßung");
    for shown in [&invitation, &running] {
        assert!(!shown.contains("QR-Code projizieren"), "{shown}");
        assert!(!shown.contains("Notizen"), "{shown}");
    }
    s.switch_to(&projector);
    s.screenshot(&screenshot_path("templates-projector"));
    s.switch_to(&main);

    // The Moderationsleitfaden has the script.
    s.click(&s.find("[data-testid=export-script]"));
    let script = dir.path().join("Moderationsleitfaden.pdf");
    choose_file("Protokoll speichern", &script);
    notice(s, "Moderationsleitfaden.pdf");
    let text = pdf_text(&script);
    for needle in [
        "Moderationsleitfaden",
        "Ziele des Workshops",
        "QR-Code projizieren",
        "Notizen für die Moderation",
    ] {
        assert!(text.contains(needle), "{needle:?} not in:\n{text}");
    }

    // The protocol counts who took part, and keeps the notes out.
    s.click(&s.find("[data-testid=create-protocol]"));
    let protocol = dir.path().join("Protokoll.pdf");
    choose_file("Protokoll speichern", &protocol);
    notice(s, "Protokoll.pdf");
    let text = pdf_text(&protocol);
    for needle in [
        "Teilnahme nach Akteursgruppe",
        "Verwaltung: 1",
        "Wirtschaft: 2 (davon 2 ohne Handy)",
        "Zusammen: 3 (1 mit Handy, 2 ohne)",
    ] {
        assert!(text.contains(needle), "{needle:?} not in:\n{text}");
    }
    assert!(!text.contains("QR-Code projizieren"), "{text}");
}
