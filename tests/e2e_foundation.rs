//! End to end: the real app window, driven as a facilitator uses it.

mod support;

use support::app::App;
use support::webdriver::{wait_for, Session};

const ENTER: &str = "\u{E007}";
const UNICODE_CARD: &str = "Grüße aus Breidenbach – ąęłżğış 🚲";

fn fresh_store() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("e2e.sqlite3");
    (dir, db)
}

/// Types into the quick-entry box of the field at `index` and presses Enter.
fn add_card(s: &Session, index: usize, text: &str) {
    let entries = wait_for("card entry boxes", || {
        let e = s.find_all("[data-testid=card-entry]");
        (e.len() > index).then_some(e)
    });
    type_text(s, &entries[index], text);
    s.send_keys(&entries[index], ENTER);
}

/// Types `text` into a focused box. WebKitWebDriver cannot synthesise keys
/// outside the Basic Multilingual Plane, so emoji go in the way the system's
/// emoji picker or a paste puts them: as an `insertText` input event.
fn type_text(s: &Session, el: &support::webdriver::Element, text: &str) {
    let mut typeable = String::new();
    for c in text.chars() {
        if (c as u32) < 0x10000 {
            typeable.push(c);
            continue;
        }
        if !typeable.is_empty() {
            s.send_keys(el, &std::mem::take(&mut typeable));
        }
        s.execute(
            "arguments[0].focus(); document.execCommand('insertText', false, arguments[1]);",
            vec![Session::element_arg(el), serde_json::json!(c.to_string())],
        );
    }
    if !typeable.is_empty() {
        s.send_keys(el, &typeable);
    }
}

fn card_texts(s: &Session, field_index: usize) -> Vec<String> {
    // The n-th field's card texts, read in the page in display order.
    let value = s.execute(
        "const f = document.querySelectorAll('[data-testid=field]')[arguments[0]];
         return f ? [...f.querySelectorAll('[data-testid=card-text]')].map(e => e.textContent) : [];",
        vec![serde_json::json!(field_index)],
    );
    value
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

fn create_workshop_with_board(s: &Session, title: &str) {
    s.click(&s.find("[data-testid=nav-home]"));
    let input = s.find("[data-testid=new-workshop-title]");
    s.send_keys(&input, title);
    s.click(&s.find("[data-testid=create-workshop]"));
    s.find_with_text("[data-testid=workshop-heading]", title);
    s.click(&s.find("[data-testid=create-board]"));
    s.find("[data-testid=card-entry]");
}

fn open_workshop_and_board(s: &Session, title: &str) {
    s.click(&s.find("[data-testid=nav-home]"));
    let row = wait_for(&format!("workshop {title:?} in the list"), || {
        s.find_all("[data-testid=workshop-list] button")
            .into_iter()
            .find(|b| s.text(b).contains(title))
    });
    s.click(&row);
    s.find_with_text("[data-testid=workshop-heading]", title);
    s.click(&s.find("[data-testid=board-list] button"));
    s.find("[data-testid=card-entry]");
}

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
    assert_eq!(detail.agenda.len(), 1);
    assert_eq!(detail.agenda[0].title, "Begrüßung");
}
