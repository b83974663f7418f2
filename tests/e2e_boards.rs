//! End to end: a whole card session (Kartenabfrage) in the real app window.
// The real app window under Xvfb, driven through WebDriver: Linux only.
#![cfg(target_os = "linux")]

mod support;

use support::app::App;
use support::flows::*;
use support::webdriver::{wait_for, Session};

fn hidden_cards(s: &Session, field_index: usize) -> usize {
    s.execute(
        "const f = document.querySelectorAll('[data-testid=field]')[arguments[0]];
         return f ? f.querySelectorAll('.face-down').length : 0;",
        vec![serde_json::json!(field_index)],
    )
    .as_u64()
    .unwrap_or(0) as usize
}

fn ranking(s: &Session) -> Vec<String> {
    s.find_all("[data-testid=ranking-entry]")
        .iter()
        .map(|e| s.text(e).split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

/// Focuses the card showing `text`, as Tab would, and returns it.
fn focus_card(s: &Session, text: &str) -> support::webdriver::Element {
    let label = s.find_with_text("[data-testid=card-text]", text);
    support::webdriver::Element::from_value(&s.execute(
        "const c = arguments[0].closest('[data-testid=card]'); c.focus(); return c;",
        vec![Session::element_arg(&label)],
    ))
}

fn notice(s: &Session) -> String {
    s.text(&s.find("[data-testid=error]"))
}

#[test]
fn collect_hidden_reveal_cluster_vote_and_rank() {
    let (_dir, db) = fresh_store();
    let app = App::start(&db);
    let s = &app.session;
    create_workshop_with_board(s, "Kartenabfrage");

    // Collect face down: the cards are added but nobody can read them yet.
    s.click(&in_field(s, 0, "[data-testid=hidden-collection]"));
    wait_for("hidden collection switched on", || {
        (s.execute(
            "return document.querySelector('[data-testid=hidden-collection]').checked",
            vec![],
        ) == serde_json::json!(true))
        .then_some(())
    });
    for text in [
        "Daten verstreut",
        "Kein Open-Data-Portal",
        "Breitband fehlt",
    ] {
        add_card(s, 0, text);
    }
    wait_for("three face-down cards", || {
        (hidden_cards(s, 0) == 3).then_some(())
    });
    assert!(field_layout(s, 0).is_empty(), "no hidden text is shown");

    // Reveal all at once.
    s.click(&in_field(s, 0, "[data-testid=reveal]"));
    wait_for_layout(
        s,
        0,
        &[
            "Daten verstreut",
            "Kein Open-Data-Portal",
            "Breitband fehlt",
        ],
    );
    assert_eq!(hidden_cards(s, 0), 0);
    assert_eq!(
        s.execute(
            "return document.querySelector('[data-testid=hidden-collection]').checked",
            vec![],
        ),
        serde_json::json!(true),
        "a second round on the question is collected face down again"
    );

    // Cluster the two data cards under a heading.
    s.click(&in_field(s, 0, "[data-testid=new-cluster]"));
    let heading = in_field(s, 0, "[data-testid=cluster-heading]");
    // Select the default heading and type over it, as a person would.
    s.send_keys(&heading, &format!("{CONTROL}a{RELEASE}"));
    s.send_keys(&heading, "Offene Daten");
    s.send_keys(&heading, ENTER);
    s.click(&s.find("[data-testid=board-title]")); // leaving the box saves it
    wait_for_layout(
        s,
        0,
        &[
            "[Offene Daten]",
            "Daten verstreut",
            "Kein Open-Data-Portal",
            "Breitband fehlt",
        ],
    );
    for card in ["Daten verstreut", "Kein Open-Data-Portal"] {
        let el = s.find_with_text("[data-testid=card-text]", card);
        let li = s.execute(
            "return arguments[0].closest('[data-testid=card]')",
            vec![Session::element_arg(&el)],
        );
        let li = support::webdriver::Element::from_value(&li);
        s.send_keys(&li, ENTER); // Enter on a card opens it for editing
        let option = s.find_with_text("[data-testid=card-cluster] option", "Offene Daten");
        s.click(&option);
        s.click(&s.find("[data-testid=card-save]"));
        wait_for("the edit form to close", || {
            s.find_all("[data-testid=card-save]")
                .is_empty()
                .then_some(())
        });
    }
    wait_for("both data cards inside the cluster", || {
        let n = s.execute(
            "return document.querySelectorAll('[data-testid=cluster] [data-testid=card]').length",
            vec![],
        );
        (n == serde_json::json!(2)).then_some(())
    });

    // Dot voting, two dots per person.
    let dots = s.find("[data-testid=vote-dots]");
    s.clear(&dots);
    s.send_keys(&dots, "2");
    s.click(&s.find("[data-testid=vote-open]"));
    s.find("[data-testid=vote-close]");
    // Person 1: one dot on the cluster, one on "Breitband fehlt".
    s.click(&in_field(s, 0, "[data-testid=cluster-dot-add]"));
    wait_for("cluster dot", || {
        (s.text(&in_field(s, 0, "[data-testid=cluster-dots]")) == "● 1").then_some(())
    });
    let breitband = |s: &Session| {
        let el = s.find_with_text("[data-testid=card-text]", "Breitband fehlt");
        let li = s.execute(
            "return arguments[0].closest('[data-testid=card]').querySelector('[data-testid=dot-add]')",
            vec![Session::element_arg(&el)],
        );
        support::webdriver::Element::from_value(&li)
    };
    s.click(&breitband(s));
    wait_for("two of two dots used", || {
        s.text(&s.find("[data-testid=dots-left]"))
            .starts_with("2 von 2")
            .then_some(())
    });
    // A third dot is refused with a message, and nothing changes.
    s.click(&breitband(s));
    assert!(
        notice(s).contains("Alle 2 Punkte dieser Person sind vergeben"),
        "{}",
        notice(s)
    );
    // Person 2 puts both dots on the cluster.
    s.click(&s.find("[data-testid=vote-next-person]"));
    s.click(&in_field(s, 0, "[data-testid=cluster-dot-add]"));
    wait_for("second cluster dot", || {
        (s.text(&in_field(s, 0, "[data-testid=cluster-dots]")) == "● 2").then_some(())
    });
    s.click(&in_field(s, 0, "[data-testid=cluster-dot-add]"));
    s.click(&s.find("[data-testid=vote-close]"));
    s.find("[data-testid=vote-open]");

    wait_for("the ranking", || {
        (ranking(s) == ["1. OFFENE DATEN ● 3", "2. Breitband fehlt ● 1"]).then_some(())
    });
    // Screenshots for a person to look at; WebKit lays out a resized window a
    // moment later, so give it that moment.
    s.set_window_size(1920, 1080);
    std::thread::sleep(std::time::Duration::from_millis(500));
    s.screenshot(&screenshot_path("board-after-vote-1920"));
    s.set_window_size(1280, 720);
    std::thread::sleep(std::time::Duration::from_millis(500));
    s.screenshot(&screenshot_path("board-after-vote-1280"));
}

#[test]
fn the_projector_shows_revealed_cards_a_hidden_count_and_the_timer() {
    let (_dir, db) = fresh_store();
    let app = App::start(&db);
    let s = &app.session;
    create_workshop_with_board(s, "Projektion");
    add_card(s, 0, "Offen sichtbar");
    wait_for_layout(s, 0, &["Offen sichtbar"]);
    s.click(&in_field(s, 1, "[data-testid=hidden-collection]"));
    add_card(s, 1, "Geheim");
    wait_for("a hidden card", || (hidden_cards(s, 1) == 1).then_some(()));

    let (main, projector) = open_projector(s);
    s.find_with_text("[data-testid=projector-card]", "Offen sichtbar");
    assert_eq!(
        s.text(&s.find("[data-testid=projector-hidden-count]")),
        "1 verdeckte Karte"
    );
    assert!(
        s.find_all("[data-testid=projector-card]")
            .iter()
            .all(|c| s.text(c) != "Geheim"),
        "a hidden card is never shown on the projector"
    );
    assert!(
        s.find_all("[data-testid=timer-clock]").is_empty(),
        "a timer nobody started is not on the projector"
    );
    assert!(
        s.find_all("button, input, textarea").is_empty(),
        "the projector has no controls"
    );

    // The facilitator starts the timer and reveals; the projector follows.
    s.switch_to(&main);
    s.click(&s.find("[data-testid=timer-start]"));
    s.click(&in_field(s, 1, "[data-testid=reveal]"));
    s.switch_to(&projector);
    s.find_with_text("[data-testid=projector-card]", "Geheim");
    wait_for("the projector's timer to run", || {
        let t = s.text(&s.find("[data-testid=timer-clock]"));
        t.starts_with("9:5").then_some(())
    });
    let size = s.execute(
        "return parseFloat(getComputedStyle(document.querySelector('[data-testid=projector-card]')).fontSize)",
        vec![],
    );
    assert!(
        size.as_f64().unwrap_or(0.0) >= 28.0,
        "cards are legible from the back row: {size}"
    );
    s.screenshot(&screenshot_path("projector-1280"));

    // Focusing one field on the projector shows only that question.
    s.switch_to(&main);
    s.click(&in_field(s, 1, "[data-testid=present-field]"));
    s.switch_to(&projector);
    wait_for("only the focused field", || {
        (s.find_all("[data-testid=projector-field]").len() == 1).then_some(())
    });
}

#[test]
fn a_keyboard_move_can_be_undone_and_redone() {
    let (_dir, db) = fresh_store();
    let app = App::start(&db);
    let s = &app.session;
    create_workshop_with_board(s, "Rückgängig");
    for text in ["eins", "zwei", "drei"] {
        add_card(s, 0, text);
    }
    wait_for_layout(s, 0, &["eins", "zwei", "drei"]);

    // Alt+↑ on the focused card moves it up, keyboard only.
    let card = focus_card(s, "drei");
    s.send_keys(&card, &format!("{ALT}{ARROW_UP}{RELEASE}"));
    wait_for_layout(s, 0, &["eins", "drei", "zwei"]);

    s.click(&s.find("[data-testid=undo]"));
    wait_for_layout(s, 0, &["eins", "zwei", "drei"]);
    s.click(&s.find("[data-testid=redo]"));
    wait_for_layout(s, 0, &["eins", "drei", "zwei"]);

    // Ctrl+Z from the board undoes the move again, and then the last card.
    s.execute("document.activeElement.blur()", vec![]);
    let body = s.find("body");
    s.send_keys(&body, &format!("{CONTROL}z{RELEASE}"));
    wait_for_layout(s, 0, &["eins", "zwei", "drei"]);
    s.send_keys(&body, &format!("{CONTROL}z{RELEASE}"));
    wait_for_layout(s, 0, &["eins", "zwei"]);
}

#[test]
fn cards_are_dragged_with_the_mouse_to_another_field_and_into_a_cluster() {
    let (_dir, db) = fresh_store();
    let app = App::start(&db);
    let s = &app.session;
    create_workshop_with_board(s, "Ziehen");
    add_card(s, 0, "Wandert");
    add_card(s, 0, "Bleibt");
    add_card(s, 1, "Dort");
    s.click(&in_field(s, 1, "[data-testid=new-cluster]"));
    wait_for_layout(s, 1, &["[Neuer Cluster]", "Dort"]);

    // A card dropped on a card of another field takes its place there.
    let card = |text: &str| {
        let t = s.find_with_text("[data-testid=card-text]", text);
        support::webdriver::Element::from_value(&s.execute(
            "return arguments[0].closest('[data-testid=card]')",
            vec![Session::element_arg(&t)],
        ))
    };
    support::desktop::drag_and_drop(s, &card("Wandert"), &card("Dort"));
    wait_for_layout(s, 1, &["[Neuer Cluster]", "Wandert", "Dort"]);
    wait_for_layout(s, 0, &["Bleibt"]);

    // A card dropped on a cluster joins it.
    support::desktop::drag_and_drop(s, &card("Dort"), &in_field(s, 1, "[data-testid=cluster]"));
    wait_for_layout(s, 1, &["[Neuer Cluster]", "Dort", "Wandert"]);

    // Each drop is one step to undo.
    s.click(&s.find("[data-testid=undo]"));
    wait_for_layout(s, 1, &["[Neuer Cluster]", "Wandert", "Dort"]);
    s.click(&s.find("[data-testid=undo]"));
    wait_for_layout(s, 0, &["Wandert", "Bleibt"]);
    wait_for_layout(s, 1, &["[Neuer Cluster]", "Dort"]);
}

/// Reads a 400-card column from top to bottom a screen at a time, as the
/// room would read the wall: every card comes into view, in order. (The
/// column keeps only the cards near the screen in the page; this is what
/// proves the rest are there when scrolled to.)
#[test]
fn a_long_column_shows_every_card_when_scrolled_and_keeps_keyboard_focus() {
    let (_dir, db) = fresh_store();
    {
        let store = wandzeitung::Store::open(&db).unwrap();
        let w = store
            .create_workshop(&wandzeitung::model::WorkshopInput {
                title: "Lange Wand".into(),
                date: "2026-11-23".into(),
                ..Default::default()
            })
            .unwrap();
        let board = store
            .create_board_from_template(&w.id, wandzeitung::templates::GROUP_WORK_KEY)
            .unwrap();
        let card = |field: usize, text: String| {
            let input = wandzeitung::model::CardInput {
                text,
                color: wandzeitung::model::CardColor::Yellow,
                author: String::new(),
            };
            store
                .add_card(&board.fields[field].field.id, &input)
                .unwrap();
        };
        for i in 0..400 {
            card(0, format!("Karte {i}"));
        }
        card(1, "Nachbar".into());
    }
    let app = App::start(&db);
    let s = &app.session;
    open_workshop_and_board(s, "Lange Wand");
    s.find_with_text("[data-testid=card-text]", "Karte 0");

    let held = s.execute(
        "return document.querySelectorAll('[data-testid=field]')[0].querySelectorAll('[data-testid=card]').length;",
        vec![],
    );
    let held = held.as_u64().unwrap();
    assert!(
        held > 0 && held < 200,
        "the page holds the cards near the screen, not all 400: {held}"
    );

    let seen = s.execute_async(
        "const done = arguments[0];
         const page = document.scrollingElement;
         const field = document.querySelectorAll('[data-testid=field]')[0];
         const seen = [];
         const look = () => {
           for (const t of field.querySelectorAll('[data-testid=card-text]')) {
             const r = t.getBoundingClientRect();
             if (r.bottom > 0 && r.top < innerHeight && !seen.includes(t.textContent)) seen.push(t.textContent);
           }
         };
         const step = () => requestAnimationFrame(() => requestAnimationFrame(() => {
           look();
           if (page.scrollTop + innerHeight >= page.scrollHeight - 1) { page.scrollTop = 0; done(seen); return; }
           page.scrollTop += Math.round(innerHeight * 0.8);
           setTimeout(step, 30);
         }));
         page.scrollTop = 0;
         step();",
        vec![],
    );
    let expected: Vec<String> = (0..400).map(|i| format!("Karte {i}")).collect();
    assert_eq!(strings(&seen), expected, "cards seen while scrolling down");
    s.execute_async(
        "const done = arguments[0]; const page = document.scrollingElement;
         page.scrollTop = page.scrollHeight / 2;
         requestAnimationFrame(() => requestAnimationFrame(() => done()));",
        vec![],
    );
    s.screenshot(&screenshot_path("board-long-column-middle"));
    s.execute("document.scrollingElement.scrollTop = 0;", vec![]);

    // Keyboard only: Tab walks from card to card (through each card's four
    // tools) across the chunk boundaries of the column.
    let tabs: String = "\u{E004}".repeat(5 * 40);
    s.send_keys(&focus_card(s, "Karte 0"), &tabs);
    let focused = s.execute(
        "return document.activeElement.closest('[data-testid=card]')?.querySelector('[data-testid=card-text]')?.textContent ?? document.activeElement.outerHTML.slice(0, 80);",
        vec![],
    );
    assert!(
        focused.as_str().unwrap_or("").starts_with("Karte 40"),
        "after 40 cards' worth of Tab: {focused}"
    );
    s.execute(
        "document.activeElement.blur(); document.scrollingElement.scrollTop = 0;",
        vec![],
    );

    // A card entered at the top lands at the end of the column, in the page.
    add_card(s, 0, "Neu am Ende");
    wait_for("the new card at the end of the column", || {
        let texts = card_texts(s, 0);
        (texts.last().map(String::as_str) == Some("Neu am Ende")).then_some(())
    });

    // Alt+← moves the neighbour's card to the end of the long column; the
    // keyboard focus stays on it there.
    let card = focus_card(s, "Nachbar");
    s.send_keys(&card, &format!("{ALT}{ARROW_LEFT}{RELEASE}"));
    wait_for(
        "the moved card focused at the end of the long column",
        || {
            let focus = s.execute(
            "const c = document.activeElement.closest('[data-testid=card]');
             const f = c && c.closest('[data-testid=field]');
             return f ? [String([...document.querySelectorAll('[data-testid=field]')].indexOf(f)), c.textContent] : [];",
            vec![],
        );
            let focus = strings(&focus);
            (focus.len() == 2 && focus[0] == "0" && focus[1].contains("Nachbar")).then_some(())
        },
    );
    assert_eq!(card_texts(s, 0).last().map(String::as_str), Some("Nachbar"));

    // The projector cannot scroll: the room sees the field's first cards in
    // wall order, and a line tells how many more there are.
    s.click(&in_field(s, 0, "[data-testid=present-field]"));
    let (main, _) = open_projector(s);
    s.find("[data-testid=projector-card]");
    let (on_screen, more) = wait_for("the count of cards not on screen", || {
        let on_screen = strings(&s.execute(
            "const whole = (r) => r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth;
             return [...document.querySelectorAll('[data-testid=projector-card]')]
               .filter((c) => whole(c.getBoundingClientRect())).map((c) => c.textContent);",
            vec![],
        ));
        let more = s.find("[data-testid=projector-more]");
        let expected = format!("Weitere Karten: {}", 402 - on_screen.len());
        (s.text(&more) == expected).then_some((on_screen, more))
    });
    let first: Vec<String> = (0..on_screen.len()).map(|i| format!("Karte {i}")).collect();
    assert!(on_screen.len() >= 9, "a screenful of cards: {on_screen:?}");
    assert_eq!(on_screen, first, "the room reads the wall in order");
    let line_visible = s.execute(
        "const r = arguments[0].getBoundingClientRect(); return r.bottom <= innerHeight && r.top >= 0;",
        vec![Session::element_arg(&more)],
    );
    assert_eq!(
        line_visible,
        serde_json::json!(true),
        "the line is on screen"
    );
    s.screenshot(&screenshot_path("projector-long-field"));
    s.switch_to(&main);

    drop(app);
    let store = wandzeitung::Store::open(&db).unwrap();
    let id = store.list_workshops().unwrap()[0].id.clone();
    let board_id = store.workshop_detail(&id).unwrap().boards[0].id.clone();
    let view = store.board_view(&board_id).unwrap();
    let texts: Vec<&str> = view.fields[0]
        .cards
        .iter()
        .map(|c| c.text.as_str())
        .collect();
    assert_eq!(texts.len(), 402);
    assert_eq!(texts[400..], ["Neu am Ende", "Nachbar"]);
    assert!(view.fields[1].cards.is_empty());
}

#[test]
fn a_paste_longer_than_a_card_is_cut_where_the_limit_is_and_says_so() {
    let (_dir, db) = fresh_store();
    let app = App::start(&db);
    let s = &app.session;
    create_workshop_with_board(s, "Einfügen");
    let entry = wait_for("card entry boxes", || {
        s.find_all("[data-testid=card-entry]").into_iter().next()
    });
    s.click(&entry);
    // What the system's paste hands the page: the clipboard's text.
    s.execute(
        "const dt = new DataTransfer();
         dt.setData('text/plain', 'ä'.repeat(2001));
         arguments[0].dispatchEvent(new ClipboardEvent('paste',
           { clipboardData: dt, bubbles: true, cancelable: true }));",
        vec![Session::element_arg(&entry)],
    );
    let value = s.value(&entry);
    assert_eq!(value.chars().count(), 2000, "cut at the card's limit");
    let note = wait_for("the cut is said", || {
        let t = s.text(&in_field(s, 0, "[data-testid=limit-note]"));
        (!t.is_empty()).then_some(t)
    });
    assert!(
        note.contains("abgeschnitten") && note.contains("2000"),
        "{note}"
    );
    s.screenshot(&screenshot_path("paste-cut"));
    s.send_keys(&entry, ENTER);
    wait_for("the cut card is on the board", || {
        s.find_all("[data-testid=card-text]")
            .iter()
            .any(|c| s.text(c).chars().count() == 2000)
            .then_some(())
    });
}

#[test]
fn control_characters_typed_or_pasted_in_the_window_never_reach_the_card() {
    let (_dir, db) = fresh_store();
    let app = App::start(&db);
    let s = &app.session;
    create_workshop_with_board(s, "Steuerzeichen");
    let entry = wait_for("card entry boxes", || {
        s.find_all("[data-testid=card-entry]").into_iter().next()
    });
    // What a paste from a terminal or a broken file can bring into the box.
    s.execute(
        "arguments[0].value = 'Bank\\u0007 am\\u0000 Markt\\u001b[0m';
         arguments[0].dispatchEvent(new Event('input', { bubbles: true }));",
        vec![Session::element_arg(&entry)],
    );
    s.send_keys(&entry, ENTER);
    wait_for_layout(s, 0, &["Bank am Markt[0m"]);
    let store = wandzeitung::Store::open(&db).unwrap();
    let workshops = store.list_workshops().unwrap();
    let w = workshops
        .iter()
        .find(|w| w.title == "Steuerzeichen")
        .unwrap();
    let board = &store.workshop_detail(&w.id).unwrap().boards[0];
    let view = store.board_view(&board.id).unwrap();
    assert_eq!(view.fields[0].cards[0].text, "Bank am Markt[0m");
}

/// What people write in Arabic or Hebrew reads from the right on the
/// laptop's board, as on the phones and in the protocol, and German beside
/// it from the left: each card takes its direction from its own text.
#[test]
fn a_right_to_left_card_reads_from_the_right_beside_german_ones() {
    let (_dir, db) = fresh_store();
    let app = App::start(&db);
    let s = &app.session;
    create_workshop_with_board(s, "Karten in vielen Sprachen");
    add_card(s, 0, "الحافلات قليلة");
    add_card(s, 0, "Busse fahren selten");
    let directions = s.execute(
        "return [...document.querySelectorAll('[data-testid=card-text]')]
           .map(e => e.textContent.trim() + ' ' + getComputedStyle(e).direction);",
        vec![],
    );
    let directions = strings(&directions);
    for expected in ["الحافلات قليلة rtl", "Busse fahren selten ltr"] {
        assert!(
            directions.iter().any(|d| d == expected),
            "{expected:?} in {directions:?}"
        );
    }
}
