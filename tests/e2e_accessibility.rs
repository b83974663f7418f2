//! End to end: an accessibility audit (axe-core, WCAG 2.1 A and AA rules)
//! of every view of the real app window, in German and in English, and of
//! the projector in each of its modes. A violation of impact "serious" or
//! "critical" fails the test; the others are printed for the next round.
// The real app window under Xvfb, driven through WebDriver: Linux only.
#![cfg(target_os = "linux")]

mod support;

use serde_json::Value;
use support::app::App;
use support::axe::Audit;
use support::flows::*;
use support::webdriver::{wait_for, Session};

fn choose_language(s: &Session, lang: &str) {
    let select = s.find("[data-testid=ui-language]");
    s.execute(
        "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change', { bubbles: true }));",
        vec![Session::element_arg(&select), Value::from(lang)],
    );
    wait_for("the page in the chosen language", || {
        (s.execute("return document.documentElement.lang", vec![]) == lang).then_some(())
    });
}

fn open_first(s: &Session, list: &str) {
    s.click(&s.find(&format!("[data-testid={list}] button")));
}

#[test]
fn every_view_passes_the_audit_in_german_and_english() {
    let (_dir, db) = fresh_store();
    let app = App::start(&db);
    let s = &app.session;
    s.set_window_size(1366, 768);
    let mut audit = Audit::new();
    s.find("[data-testid=workshop-heading]");
    let main = s.current_window();
    let mut projector = None;

    for lang in ["de", "en"] {
        choose_language(s, lang);
        s.click(&s.find("[data-testid=nav-home]"));
        s.find("[data-testid=workshop-list]");
        audit.view(s, &format!("{lang} workshop list"));
        s.click(&s.find("[data-testid=open-about]"));
        s.find("[data-testid=about]");
        audit.view(s, &format!("{lang} about dialog"));
        s.execute(
            "document.querySelector('[data-testid=about]').close()",
            vec![],
        );

        s.click(&s.find("[data-testid=workshop-list] button"));
        s.find("[data-testid=workshop-header]");
        audit.view(s, &format!("{lang} workshop page"));

        open_first(s, "board-list");
        s.find("[data-testid=card-entry]");
        audit.view(s, &format!("{lang} board"));
        if projector.is_none() {
            let (_, p) = open_projector(s);
            projector = Some(p);
            s.switch_to(&main);
        }
        let projector = projector.clone().unwrap();
        let on_projector = |audit: &mut Audit, what: &str| {
            s.switch_to(&projector);
            audit.view(s, &format!("{lang} projector, {what}"));
            s.switch_to(&main);
        };
        on_projector(&mut audit, "board");

        // Collecting face down, then revealed.
        s.click(&in_field(s, 0, "[data-testid=hidden-collection]"));
        add_card(s, 0, "Verdeckte Karte");
        audit.view(s, &format!("{lang} board collecting face down"));
        on_projector(&mut audit, "board collecting face down");
        s.click(&in_field(s, 0, "[data-testid=reveal]"));
        s.click(&in_field(s, 0, "[data-testid=hidden-collection]"));
        audit.view(s, &format!("{lang} board revealed"));

        // The field in focus on the projector.
        s.click(&in_field(s, 0, "[data-testid=present-field]"));
        on_projector(&mut audit, "one field");

        // Voting, then the ranking.
        s.click(&s.find("[data-testid=vote-open]"));
        s.find("[data-testid=vote-close]");
        audit.view(s, &format!("{lang} board voting"));
        on_projector(&mut audit, "voting");
        s.click(&s.find("[data-testid=vote-close]"));
        s.find("[data-testid=vote-open]");
        audit.view(s, &format!("{lang} board ranking"));
        on_projector(&mut audit, "ranking");

        // The actor map: grid and sectors.
        s.click(&s.find("[data-testid=back-to-workshop]"));
        open_first(s, "actor-map-list");
        s.find("[data-testid=actor-grid]");
        audit.view(s, &format!("{lang} actor grid"));
        on_projector(&mut audit, "actor map");
        s.click(&s.find("[data-testid=view-sectors]"));
        s.find("[data-testid=sector-map]");
        audit.view(s, &format!("{lang} sector view"));
        s.click(&s.find("[data-testid=view-grid]"));

        // The challenge list.
        s.click(&s.find("[data-testid=back-to-workshop]"));
        open_first(s, "challenge-list-list");
        s.find("[data-testid=challenges]");
        audit.view(s, &format!("{lang} challenge list"));
        on_projector(&mut audit, "challenge list");
    }

    println!(
        "{} views audited; {} serious or critical, {} others",
        audit.views,
        audit.serious.len(),
        audit.rest.len()
    );
    for line in &audit.rest {
        println!("  minor: {line}");
    }
    assert!(
        audit.serious.is_empty(),
        "serious or critical violations:\n{}",
        audit.serious.join("\n")
    );
}

/// What has the focus, in words: its test id and its accessible name.
fn focus(s: &Session) -> (String, String) {
    let name = s.execute(
        "const e = document.activeElement;
         return e ? (e.getAttribute('aria-label') || e.textContent || '').trim() : '';",
        vec![],
    );
    (s.focused(), name.as_str().unwrap_or_default().to_owned())
}

/// Presses Tab (or Shift+Tab) until the focus is on `testid` (whose name
/// starts with `name`, when given); fails with the path the focus took.
fn tab_to(s: &Session, testid: &str, name: Option<&str>, back: bool) {
    let mut path = Vec::new();
    for _ in 0..80 {
        let (id, label) = focus(s);
        if id == testid && name.is_none_or(|n| label.starts_with(n)) {
            return;
        }
        path.push(format!("{id} {label:.30}"));
        if back {
            s.chord(&[SHIFT, TAB]);
        } else {
            s.chord(&[TAB]);
        }
    }
    panic!("Tab never reached {testid} {name:?}; the focus went {path:#?}");
}

/// The index of the field the focus is in, if any.
fn focused_field(s: &Session) -> i64 {
    s.execute(
        "const f = document.activeElement?.closest('[data-testid=field]');
         return f ? [...document.querySelectorAll('[data-testid=field]')].indexOf(f) : -1;",
        vec![],
    )
    .as_i64()
    .unwrap_or(-1)
}

fn announced(s: &Session, words: &str) {
    let said = || {
        s.execute(
            "return document.querySelector('[data-testid=announcer]')?.textContent ?? 'no live region'",
            vec![],
        )
    };
    let start = std::time::Instant::now();
    while start.elapsed() < support::webdriver::PATIENCE {
        if said().as_str().is_some_and(|t| t.contains(words)) {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    panic!("the live region says {}, not \"{words}\"", said());
}

/// A whole card round without the mouse: add, cluster, vote, reveal, undo.
/// After each step the focus is where the work goes on, never lost to the
/// page, and the live region says what changed.
#[test]
fn a_card_round_with_the_keyboard_only_keeps_the_focus_where_the_work_is() {
    let (_dir, db) = fresh_store();
    {
        let store = wandzeitung::Store::open(&db).unwrap();
        support::fixtures::workshop_with_board(&store, "Tastatur");
    }
    let app = App::start(&db);
    let s = &app.session;
    open_workshop_and_board(s, "Tastatur");

    // The starting point: the first question's entry box.
    let entry = in_field(s, 0, "[data-testid=card-entry]");
    s.execute("arguments[0].focus()", vec![Session::element_arg(&entry)]);
    for (i, text) in ["Radweg", "Schulweg"].into_iter().enumerate() {
        s.send_keys(&entry, text);
        s.chord(&[ENTER]);
        wait_for_layout(s, 0, &["Radweg", "Schulweg"][..=i]);
        assert_eq!(
            (s.focused(), focused_field(s)),
            ("card-entry".to_owned(), 0),
            "the entry box keeps the focus for the next card"
        );
        announced(
            s,
            &format!("{} {}", i + 1, if i == 0 { "Karte" } else { "Karten" }),
        );
    }

    // A cluster, and a card put into it from the card's own form.
    tab_to(s, "new-cluster", None, false);
    s.chord(&[ENTER]);
    wait_for_layout(s, 0, &["[Neuer Cluster]", "Radweg", "Schulweg"]);
    assert_eq!(s.focused(), "new-cluster", "the focus stays on the button");
    tab_to(s, "card", Some("Radweg"), true);
    s.chord(&[ENTER]);
    assert_eq!(s.focused(), "card-edit-text", "Enter opens the card's form");
    tab_to(s, "card-cluster", None, false);
    s.chord(&[ARROW_DOWN]);
    tab_to(s, "card-save", None, false);
    s.chord(&[ENTER]);
    wait_for_layout(s, 0, &["[Neuer Cluster]", "Radweg", "Schulweg"]);
    wait_for("Radweg in the cluster", || {
        (s.execute(
            "return [...document.querySelectorAll('[data-testid=cluster] [data-testid=card-text]')].map(e => e.textContent)",
            vec![],
        ) == serde_json::json!(["Radweg"]))
        .then_some(())
    });
    assert_eq!(focus(s).0, "card", "back on the card after saving");
    assert!(focus(s).1.starts_with("Radweg"), "{:?}", focus(s));

    // Voting: open it from the toolbar, a dot on the cluster.
    tab_to(s, "vote-open", None, true);
    s.chord(&[ENTER]);
    s.find("[data-testid=vote-close]");
    tab_to(s, "cluster-dot-add", None, false);
    s.chord(&[ENTER]);
    wait_for("a dot on the cluster", || {
        (s.text(&s.find("[data-testid=cluster-dots]")) == "● 1").then_some(())
    });
    announced(s, "Noch 2 Punkte");
    assert_eq!(
        s.focused(),
        "cluster-dot-add",
        "the focus stays for the next dot"
    );
    tab_to(s, "vote-close", None, true);
    s.chord(&[ENTER]);
    s.find("[data-testid=vote-open]");

    // Collecting face down, then revealing.
    tab_to(s, "hidden-collection", None, false);
    s.chord(&[" "]);
    wait_for("face-down collection", || {
        s.execute(
            "return document.querySelector('[data-testid=hidden-collection]').checked",
            vec![],
        )
        .as_bool()
        .filter(|c| *c)
    });
    let entry = in_field(s, 0, "[data-testid=card-entry]");
    tab_to(s, "card-entry", None, false);
    s.send_keys(&entry, "Geheim");
    s.chord(&[ENTER]);
    tab_to(s, "reveal", None, true);
    s.chord(&[ENTER]);
    announced(s, "Aufgedeckt: 3 Karten");
    wait_for_layout(s, 0, &["[Neuer Cluster]", "Radweg", "Schulweg", "Geheim"]);
    wait_for(
        "the focus on the first card once the button is gone",
        || (s.focused() == "card").then_some(()),
    );

    // Undo from the keyboard (outside a text box) takes the reveal back.
    s.execute("document.activeElement.blur()", vec![]);
    s.chord(&[CONTROL, "z"]);
    wait_for_layout(s, 0, &["[Neuer Cluster]", "Radweg", "Schulweg"]);

    // Deleting a card hands the focus to its neighbour.
    let card = s.find_with_text("[data-testid=card-text]", "Schulweg");
    s.execute(
        "arguments[0].closest('[data-testid=card]').focus()",
        vec![Session::element_arg(&card)],
    );
    tab_to(s, "card-delete", None, false);
    s.chord(&[ENTER]);
    wait_for_layout(s, 0, &["[Neuer Cluster]", "Radweg"]);
    // The focus moves in the frame after the card goes.
    wait_for("the focus on the card's neighbour or the entry box", || {
        ["card", "card-entry"]
            .contains(&s.focused().as_str())
            .then_some(())
    });

    // The list of shortcuts opens with "?" and closes with Escape.
    s.execute("document.activeElement.blur()", vec![]);
    s.chord(&["?"]);
    wait_for("the shortcuts", || {
        s.execute(
            "return document.querySelector('[data-testid=shortcuts]').open",
            vec![],
        )
        .as_bool()
        .filter(|o| *o)
    });
    s.chord(&[ESCAPE]);
    wait_for("the shortcuts closed", || {
        (!s.execute(
            "return document.querySelector('[data-testid=shortcuts]').open",
            vec![],
        )
        .as_bool()
        .unwrap_or(true))
        .then_some(())
    });
}

/// The participants' page in a real phone browser (Chromium, a phone's
/// screen), served by `wz serve`: joining by name, writing, a face-down
/// card, dot voting — in German, English, Arabic and Turkish.
#[test]
fn the_phone_page_passes_the_audit_in_german_english_arabic_and_turkish() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("phones.sqlite3");
    let store = wandzeitung::Store::open(&db).unwrap();
    let (_, board) = support::fixtures::workshop_with_board(&store, "Handys");
    store
        .set_hidden_collection(&board.fields[1].field.id, true)
        .unwrap();
    // Voting already open: the cards the phone writes carry their dot buttons.
    store.open_vote(&board.board.id, 3).unwrap();
    let served = support::phones::Served::start(&db, &board.board.id, &["--named"]);
    let phone = support::phone_browser::PhoneBrowser::start();
    let p = &phone.session;
    let mut audit = Audit::new();
    p.navigate(&served.url);
    let name = wait_for("the name form", || p.find_all("#name").into_iter().next());
    audit.view(p, "phone: name");
    p.send_keys(&name, "Ana");
    p.click(&p.find("form.panel button"));
    for (field, text) in [(0, "Mehr Bänke am Marktplatz"), (1, "Verdeckt geschrieben")] {
        let entry = wait_for("the entry boxes", || {
            p.find_all("section.field textarea").into_iter().nth(field)
        });
        p.send_keys(&entry, text);
        p.click(&p.find_all("section.field form.add button")[field]);
        wait_for("the card on the phone", || {
            (p.find_all(".card").len() > field).then_some(())
        });
    }
    // German, English, and the two that test the page most: Arabic right
    // to left, Turkish with long words.
    for (code, lang) in [("de", "de"), ("en", "en"), ("ar", "ar"), ("tr", "tr")] {
        p.click(&p.find("[data-testid=phone-language]"));
        audit.view(p, "phone: the list of languages");
        p.click(&p.find(&format!("[data-lang='{code}']")));
        wait_for(&format!("the phone in {lang}"), || {
            (p.execute("return document.documentElement.lang", vec![]) == lang).then_some(())
        });
        audit.view(p, &format!("phone {lang}: writing and voting"));
    }
    assert!(
        !p.find_all("button.dot").is_empty(),
        "the dots were audited too"
    );
    println!(
        "{} phone views audited; {} serious or critical, {} others",
        audit.views,
        audit.serious.len(),
        audit.rest.len()
    );
    for line in &audit.rest {
        println!("  minor: {line}");
    }
    assert!(
        audit.serious.is_empty(),
        "serious or critical violations:\n{}",
        audit.serious.join("\n")
    );
}

/// Controls that cannot be reached whole at this zoom: scrolled into view,
/// the middle of each must be the control itself, not something covering
/// it or nothing (cut off by its container).
fn unreachable_controls(s: &Session) -> Vec<String> {
    support::flows::strings(&s.execute(
        r#"
        const out = [];
        for (const el of document.querySelectorAll('button, input, select, textarea, [tabindex="0"]')) {
          const style = getComputedStyle(el);
          // A closed dialog or folded section is reached by opening it first.
          const folded = el.closest('details:not([open])') && !el.closest('summary');
          if (style.display === 'none' || style.visibility === 'hidden' || el.closest('dialog:not([open])') || folded) continue;
          el.scrollIntoView({ block: 'center', inline: 'center' });
          const r = el.getBoundingClientRect();
          if (r.width === 0 || r.height === 0) continue;
          const x = r.left + r.width / 2, y = r.top + r.height / 2;
          const hit = document.elementFromPoint(x, y);
          if (!hit || !(hit === el || el.contains(hit) || hit.contains(el) && hit.tagName === 'LABEL')) {
            const name = el.getAttribute('aria-label') || el.dataset.testid || el.textContent.trim().slice(0, 30) || el.tagName;
            out.push(name + ' covered by ' + (hit ? (hit.dataset.testid || hit.className || hit.tagName) : 'nothing'));
          }
        }
        window.scrollTo(0, 0);
        return out;
        "#,
        vec![],
    ))
}

/// At 200 % (a facilitator who reads large zooms with Ctrl and =) every
/// control of the workshop page, the board, the actor map and the challenge
/// list can still be reached and is not cut off, and the pages of forms and
/// lists need no sideways scrolling (a board and a grid are walls: they may).
#[test]
fn at_200_percent_every_control_can_be_reached_whole() {
    let (_dir, db) = fresh_store();
    let app = App::start(&db);
    let s = &app.session;
    s.set_window_size(1366, 768);
    s.find("[data-testid=workshop-heading]");
    let mut problems = Vec::new();
    // Zoomed as a user zooms: Ctrl and = five times, 20 % a step.
    s.execute("document.activeElement.blur()", vec![]);
    for _ in 0..5 {
        s.chord(&[CONTROL, "="]);
    }
    // The layout viewport halves: 1366 device pixels are 683 CSS pixels.
    wait_for("the page at 200 %", || {
        (s.execute("return window.innerWidth", vec![]).as_f64()? <= 690.0).then_some(())
    });
    let mut look = |view: &str, wall: bool| {
        std::thread::sleep(std::time::Duration::from_millis(300));
        s.screenshot(&screenshot_path(&format!("zoom-200-{view}")));
        let sideways = s.execute(
            "return document.documentElement.scrollWidth - window.innerWidth",
            vec![],
        );
        if !wall && sideways.as_f64().unwrap_or(0.0) > 1.0 {
            // The innermost elements that reach past the window, to name the culprit.
            let wide = s.execute(
                "return [...document.querySelectorAll('body *')]
                   .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1
                     && ![...e.children].some(c => c.getBoundingClientRect().right > window.innerWidth + 1))
                   .slice(0, 5)
                   .map(e => e.tagName.toLowerCase() + '.' + [...e.classList].join('.') + ' ' + (e.dataset.testid || ''))",
                vec![],
            );
            problems.push(format!("{view}: scrolls sideways by {sideways} px: {wide}"));
        }
        problems.extend(
            unreachable_controls(s)
                .into_iter()
                .map(|p| format!("{view}: {p}")),
        );
    };
    // Moving between pages is not what is tried here: clicked in the page.
    let go = |css: &str| {
        s.execute(
            "arguments[0].click()",
            vec![Session::element_arg(&s.find(css))],
        );
    };
    look("workshop", false);
    go("[data-testid=board-list] button");
    s.find("[data-testid=card-entry]");
    look("board", true);
    go("[data-testid=back-to-workshop]");
    go("[data-testid=actor-map-list] button");
    s.find("[data-testid=actor-grid]");
    look("actor-map", true);
    go("[data-testid=back-to-workshop]");
    go("[data-testid=challenge-list-list] button");
    s.find("[data-testid=challenges]");
    look("challenges", false);
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn the_colour_choice_is_a_group_of_radios_and_an_untouched_name_is_not_invalid() {
    let (_dir, db) = fresh_store();
    let app = App::start(&db);
    let s = &app.session;
    s.find("[data-testid=workshop-heading]");
    s.click(&s.find("[data-testid=nav-home]"));
    s.click(&s.find("[data-testid=workshop-list] button"));
    s.find("[data-testid=workshop-header]");
    open_first(s, "board-list");
    s.find("[data-testid=card-entry]");

    // What a screen reader maps as a group of choices: a fieldset with its
    // legend, one native radio per colour, named by the colour.
    let picker = s.execute(
        "const f = document.querySelector('fieldset[data-testid=color-picker]');
         return f && [f.querySelector('legend').textContent.trim(),
           [...f.querySelectorAll('input[type=radio]')].map(r => r.getAttribute('aria-label')),
           [...f.querySelectorAll('input[type=radio]')].findIndex(r => r.checked)];",
        vec![],
    );
    assert_eq!(picker[0], "Kartenfarbe", "{picker}");
    assert_eq!(picker[1].as_array().map(|a| a.len()), Some(6), "{picker}");
    assert_eq!(picker[1][0], "Gelb");
    assert_eq!(picker[2], 0, "yellow is chosen");
    // The arrow keys move the choice, as in every group of radios.
    let first = s.find("fieldset[data-testid=color-picker] input[type=radio]");
    s.execute("arguments[0].focus()", vec![Session::element_arg(&first)]);
    s.send_keys(&first, ARROW_RIGHT);
    wait_for("green chosen by the arrow key", || {
        (s.execute(
            "return document.querySelector('fieldset[data-testid=color-picker] input:checked').value",
            vec![],
        ) == "green")
            .then_some(())
    });

    // The actor form: "Name" is not called invalid before anything happened.
    s.click(&s.find("[data-testid=back-to-workshop]"));
    open_first(s, "actor-map-list");
    let name = s.find("[data-testid=actor-name]");
    let invalid = |s: &Session| {
        s.execute(
            "return document.querySelector('[data-testid=actor-name]').getAttribute('aria-invalid')",
            vec![],
        )
    };
    assert_eq!(invalid(s), Value::Null, "untouched, not invalid");
    assert_eq!(
        s.execute("return document.querySelector('[data-testid=actor-name]').getAttribute('aria-required')", vec![]),
        "true"
    );
    s.click(&name);
    s.execute("document.activeElement.blur()", vec![]);
    assert_eq!(invalid(s), "true", "left empty: now it says so");
    s.send_keys(&name, "Gemeinderat");
    assert_eq!(invalid(s), Value::Null, "filled in: no longer invalid");
}
