//! End to end: actor maps and challenge lists in the real app window, as a
//! facilitator builds them on the projected screen.
// The real app window under Xvfb, driven through WebDriver: Linux only.
#![cfg(target_os = "linux")]

mod support;

use support::app::App;
use support::flows::*;
use support::webdriver::{wait_for, Element, Session};
use wandzeitung::templates::DEMO_TITLE;

fn open_demo(s: &Session) {
    s.find_with_text("[data-testid=workshop-heading]", DEMO_TITLE);
}

/// Chooses the option at `index` of a select, as a click in the list does.
fn choose(s: &Session, select: &Element, index: usize) {
    s.execute(
        "arguments[0].selectedIndex = arguments[1];
         arguments[0].dispatchEvent(new Event('change', { bubbles: true }));",
        vec![Session::element_arg(select), serde_json::json!(index)],
    );
}

fn token_place(s: &Session, name: &str) -> (String, String) {
    let v = s.execute(
        "const t = [...document.querySelectorAll('[data-testid=actor-token]')]
             .find(e => e.textContent.replace(/\\u00ad/g, '').trim() === arguments[0]);
         return t ? [t.dataset.influence, t.dataset.interest] : [];",
        vec![serde_json::json!(name)],
    );
    let v = strings(&v);
    (
        v.first().cloned().unwrap_or_default(),
        v.get(1).cloned().unwrap_or_default(),
    )
}

fn token(s: &Session, name: &str) -> Element {
    wait_for(&format!("the token {name:?}"), || {
        let found = s.execute(
            "return [...document.querySelectorAll('[data-testid=actor-token]')]
                 .find(e => e.textContent.replace(/\\u00ad/g, '').trim() === arguments[0]) ?? null;",
            vec![serde_json::json!(name)],
        );
        (!found.is_null()).then(|| Element::from_value(&found))
    })
}

#[test]
fn an_actor_in_each_sector_placed_on_the_grid_by_drag_and_keyboard() {
    let (_dir, db) = fresh_store();
    let app = App::start(&db);
    let s = &app.session;
    open_demo(s);
    s.click(&s.find("[data-testid=create-actor-map]"));
    s.find_with_text("[data-testid=actor-map-title]", "Akteurslandkarte");

    let names = [
        "Gemeinderat",
        "Bauamt",
        "Heimatverein",
        "Grundschule",
        "Sparkasse",
    ];
    for (i, name) in names.iter().enumerate() {
        let input = s.find("[data-testid=actor-name]");
        s.send_keys(&input, name);
        choose(s, &s.find("[data-testid=actor-sector]"), i);
        s.click(&s.find("[data-testid=actor-save]"));
        token(s, name);
    }
    assert_eq!(s.find_all("[data-testid=actor-token]").len(), 5);
    assert_eq!(token_place(s, "Sparkasse"), ("3".into(), "3".into()));

    // Dragged by the mouse two cells right (interest 3 → 5) and one up (influence 3 → 4).
    let grid = s.find("[data-testid=actor-grid]");
    let cell = s.execute(
        "const r = arguments[0].getBoundingClientRect(); return [r.width / 5, r.height / 5];",
        vec![Session::element_arg(&grid)],
    );
    let (w, h) = (cell[0].as_f64().unwrap(), cell[1].as_f64().unwrap());
    s.drag_by(&token(s, "Sparkasse"), (2.0 * w) as i64, -(h as i64));
    wait_for("the dragged token in its new cell", || {
        (token_place(s, "Sparkasse") == ("4".into(), "5".into())).then_some(())
    });

    // And by the keyboard: focus the token, arrow down lowers the influence.
    let heimat = token(s, "Heimatverein");
    s.send_keys(&heimat, "\u{E015}"); // ArrowDown
    wait_for("the token one row lower", || {
        (token_place(s, "Heimatverein") == ("2".into(), "3".into())).then_some(())
    });
    s.screenshot(&screenshot_path("actor-grid"));

    // Undo takes the keyboard move back.
    s.click(&s.find("[data-testid=undo]"));
    wait_for("the move undone", || {
        (token_place(s, "Heimatverein") == ("3".into(), "3".into())).then_some(())
    });

    // A relation: the Sparkasse, selected, is connected to the Heimatverein
    // ("Verbinden mit …" first, then the others in the grid's order).
    s.click(&token(s, "Sparkasse"));
    let target = s.find("[data-testid=relation-target]");
    choose(s, &target, 3);
    assert_eq!(s.value(&target), s.execute(
        "return [...document.querySelectorAll('[data-testid=actor-token]')].find(e => e.textContent.replace(/\\u00ad/g, '').trim() === 'Heimatverein').dataset.actorId",
        vec![],
    ).as_str().unwrap());
    s.send_keys(&s.find("[data-testid=relation-label]"), "fördert");
    s.click(&s.find("[data-testid=relation-add]"));
    s.find_with_text("[data-testid=relation] span", "→ Heimatverein: fördert");
    wait_for("the line on the grid", || {
        (s.find_all("[data-testid=relation-line]").len() == 1).then_some(())
    });
    s.screenshot(&screenshot_path("actor-relation"));
    // Connecting an actor to itself is not offered.
    assert!(!strings(&s.execute(
        "return [...arguments[0].options].map(o => o.textContent)",
        vec![Session::element_arg(&target)],
    ))
    .contains(&"Sparkasse".to_owned()));

    // The sector view shows each actor under its own sector.
    s.click(&s.find("[data-testid=view-sectors]"));
    let grouped = strings(&s.execute(
        "return [...document.querySelectorAll('[data-testid=sector]')].map(sec =>
             sec.querySelector('[data-testid=sector-name]').value + ':' +
             [...sec.querySelectorAll('[data-testid=sector-actor] strong')].map(e => e.textContent).join(','));",
        vec![],
    ));
    assert_eq!(
        grouped,
        [
            "Politik:Gemeinderat",
            "Verwaltung:Bauamt",
            "Zivilgesellschaft:Heimatverein",
            "Bildung und Wissenschaft:Grundschule",
            "Wirtschaft:Sparkasse"
        ]
    );
    s.screenshot(&screenshot_path("actor-sectors"));

    // A sector with actors is not removed: a German reason, nothing lost.
    s.click(&s.find("[data-testid=sector-delete]"));
    let error = s.find("[data-testid=error] span");
    assert!(
        s.text(&error)
            .contains("enthält noch 1 Akteur. Ordnen Sie ihn"),
        "{}",
        s.text(&error)
    );
    assert_eq!(s.find_all("[data-testid=sector]").len(), 5);

    // The room sees the grid on the projector, large and without controls.
    s.click(&s.find("[data-testid=view-grid]"));
    let (main, _) = open_projector(s);
    s.find("[data-testid=projector-actor-map]");
    wait_for("five tokens on the projector", || {
        (s.find_all("[data-testid=actor-token]").len() == 5).then_some(())
    });
    wait_for("the relation on the projector", || {
        (s.find_all("[data-testid=relation-line]").len() == 1).then_some(())
    });
    assert_eq!(token_place(s, "Sparkasse"), ("4".into(), "5".into()));
    let size: f64 = s
        .execute(
            "return parseFloat(getComputedStyle(document.querySelector('[data-testid=actor-token]')).fontSize)",
            vec![],
        )
        .as_f64()
        .unwrap();
    assert!(size >= 20.0, "tokens legible on the wall: {size}px");
    s.screenshot(&screenshot_path("projector-actor-map"));
    s.switch_to(&main);

    // The store has it too.
    drop(app);
    let store = wandzeitung::Store::open(&db).unwrap();
    let id = store.list_workshops().unwrap()[0].id.clone();
    let maps = store.workshop_detail(&id).unwrap().actor_maps;
    let view = store.actor_map_view(&maps[1].id).unwrap();
    let sparkasse = view.actors.iter().find(|a| a.name == "Sparkasse").unwrap();
    assert_eq!((sparkasse.influence, sparkasse.interest), (4, 5));
    assert_eq!(view.relations.len(), 1);
    assert_eq!(view.relations[0].from_actor_id, sparkasse.id);
    assert_eq!(view.relations[0].label, "fördert");
}

#[test]
fn three_challenges_voted_give_a_ranking_on_screen_and_projector() {
    let (_dir, db) = fresh_store();
    let app = App::start(&db);
    let s = &app.session;
    open_demo(s);
    s.click(&s.find("[data-testid=create-challenge-list]"));
    s.find("[data-testid=challenge-form]");

    // Dates are typed as in German; a day that does not exist is refused
    // with the date quoted, and nothing is added.
    s.send_keys(&s.find("[data-testid=challenge-title]"), "Breitband");
    let due = s.find("[data-testid=challenge-due]");
    let placeholder = s.execute(
        "return arguments[0].placeholder",
        vec![Session::element_arg(&due)],
    );
    assert_eq!(placeholder, "TT.MM.JJJJ");
    s.send_keys(&due, "31.02.2027");
    s.click(&s.find("[data-testid=challenge-save]"));
    let error = s.find("[data-testid=error] span");
    assert_eq!(
        s.text(&error),
        "Das Fälligkeitsdatum: „31.02.2027“ ist kein gültiges Datum."
    );
    assert!(s.find_all("[data-testid=challenge]").is_empty());
    s.clear(&due);
    s.send_keys(&due, "1.3.2027");
    s.click(&s.find("[data-testid=challenge-save]"));
    s.find_with_text("[data-testid=challenge-text]", "Breitband");
    let row = s.text(&s.find("[data-testid=challenge]"));
    assert!(row.contains("01.03.2027"), "{row}");

    for title in ["Datenportal", "Jugendbeteiligung"] {
        let input = s.find("[data-testid=challenge-title]");
        s.send_keys(&input, title);
        s.click(&s.find("[data-testid=challenge-save]"));
        s.find_with_text("[data-testid=challenge-text]", title);
    }
    let dots = s.find("[data-testid=vote-dots]");
    s.clear(&dots);
    s.send_keys(&dots, "2");
    s.click(&s.find("[data-testid=vote-open]"));
    let add = |i: usize| {
        let buttons = wait_for("dot buttons", || {
            let b = s.find_all("[data-testid=challenge-add-dot]");
            (b.len() == 3).then_some(b)
        });
        s.click(&buttons[i]);
    };
    add(2);
    wait_for("a dot", || {
        s.text(&s.find("[data-testid=dots-left]"))
            .starts_with("1 von 2")
            .then_some(())
    });
    add(2);
    wait_for("two dots", || {
        s.text(&s.find("[data-testid=dots-left]"))
            .starts_with("2 von 2")
            .then_some(())
    });
    // A third dot of the same person is refused with the reason.
    add(1);
    let error = s.find("[data-testid=error] span");
    assert_eq!(s.text(&error), "Alle 2 Punkte dieser Person sind vergeben.");
    s.click(&s.find("[data-testid=vote-next-person]"));
    add(1);
    s.click(&s.find("[data-testid=vote-close]"));
    let ranking = || {
        strings(&s.execute(
            "return [...document.querySelectorAll('[data-testid=challenge-rank]')]
                 .map(e => e.textContent.replace(/\\s+/g, ' ').trim());",
            vec![],
        ))
    };
    wait_for("the ranking", || {
        (ranking()
            == [
                "1. Jugendbeteiligung ● 2",
                "2. Datenportal ● 1",
                "3. Breitband ● 0",
            ])
        .then_some(())
    });
    s.screenshot(&screenshot_path("challenges"));

    open_projector(s);
    s.find("[data-testid=projector-challenges]");
    wait_for("the ranking on the projector", || {
        (ranking()
            == [
                "1. Jugendbeteiligung ● 2",
                "2. Datenportal ● 1",
                "3. Breitband ● 0",
            ])
        .then_some(())
    });
    let size: f64 = s
        .execute(
            "return parseFloat(getComputedStyle(document.querySelector('[data-testid=challenge-rank]')).fontSize)",
            vec![],
        )
        .as_f64()
        .unwrap();
    assert!(size >= 28.0, "legible from the back row: {size}px");
    s.screenshot(&screenshot_path("projector-challenges"));
}

#[test]
fn a_board_card_becomes_a_challenge_and_an_actor_in_one_move() {
    let (_dir, db) = fresh_store();
    let app = App::start(&db);
    let s = &app.session;
    open_demo(s);
    s.click(&s.find("[data-testid=board-list] button"));
    let first = s.find("[data-testid=card]");
    let text = s.text(&s.find("[data-testid=card-text]"));
    // Keyboard users reach the card's tools by focusing the card.
    s.execute("arguments[0].focus();", vec![Session::element_arg(&first)]);
    s.click(&s.find("[data-testid=card] [data-testid=card-to-challenge]"));
    let info = s.find("[data-testid=info] span");
    assert!(s.text(&info).contains(&text), "{}", s.text(&info));
    s.execute("arguments[0].focus();", vec![Session::element_arg(&first)]);
    s.click(&s.find("[data-testid=card] [data-testid=card-to-actor]"));
    // The facilitator says which sector the actor belongs to.
    let choices: Vec<String> = s
        .find_all("[data-testid=sector-menu] [data-testid=sector-choice]")
        .iter()
        .map(|c| s.text(c))
        .collect();
    assert_eq!(
        choices,
        [
            "Politik",
            "Verwaltung",
            "Zivilgesellschaft",
            "Bildung und Wissenschaft",
            "Wirtschaft"
        ]
    );
    s.click(&s.find_with_text("[data-testid=sector-choice]", "Verwaltung"));
    wait_for("the actor notice", || {
        s.text(&s.find("[data-testid=info] span"))
            .contains("Akteurslandkarte")
            .then_some(())
    });

    s.click(&s.find("[data-testid=back-to-workshop]"));
    s.click(&s.find("[data-testid=challenge-list-list] button"));
    s.find_with_text("[data-testid=challenge-text]", &text);
    s.click(&s.find("[data-testid=back-to-workshop]"));
    s.click(&s.find("[data-testid=actor-map-list] button"));
    token(s, &text);
    s.click(&s.find("[data-testid=view-sectors]"));
    let administration = strings(&s.execute(
        "const sec = [...document.querySelectorAll('[data-testid=sector]')]
             .find(x => x.querySelector('[data-testid=sector-name]').value === 'Verwaltung');
         return [...sec.querySelectorAll('[data-testid=sector-actor] strong')].map(e => e.textContent);",
        vec![],
    ));
    assert!(
        administration.contains(&text),
        "in the sector chosen: {administration:?}"
    );
}
