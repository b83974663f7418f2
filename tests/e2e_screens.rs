//! End to end: what the room reads on the projector at the two sizes a
//! municipal projector runs (1280×720 and 1920×1080), and what the
//! facilitator sees on the screens municipal laptops have (1366×768,
//! 1280×720), measured from the laid-out elements of the real app window.
// The real app window under Xvfb, driven through WebDriver: Linux only.
#![cfg(target_os = "linux")]

mod support;

use serde_json::Value;
use support::app::App;
use support::fixtures;
use support::flows::*;
use support::webdriver::{wait_for, Session};
use wandzeitung::model::*;
use wandzeitung::Store;

const LONG_WORD: &str = "Straßenbeleuchtungserneuerung";
const CLUSTER: &str = "Verkehrsberuhigung und Schulwegsicherheit";
const SECTOR: &str = "Bildung und Wissenschaft";
const ACTORS: [&str; 3] = [
    "Volkshochschule Breidenbach-Oberdieten",
    "Kreisverwaltung Marburg-Biedenkopf",
    "Grundschule",
];

/// A workshop the way a full morning leaves it: a crowded first question
/// with a very long card and dotted cards, a cluster with a long heading,
/// and an actor map with long names, two actors sharing a cell.
fn seeded(db: &std::path::Path) {
    let store = Store::open(db).unwrap();
    let (w, b) = fixtures::workshop_with_board(&store, "Projektor");
    let card = |field: usize, text: &str| {
        store
            .add_card(&b.fields[field].field.id, &fixtures::card(text))
            .unwrap()
            .value
            .id
    };
    let dotted = card(0, &format!("{LONG_WORD} in der Kirchstraße"));
    let long = "Die Beleuchtung am Schulweg fehlt seit Jahren, im Winter ist es morgens dunkel. "
        .repeat(8);
    card(0, long.trim());
    for i in 1..=40 {
        card(0, &format!("Anliegen Nummer {i} aus dem Ortsteil"));
    }
    let a = card(1, "Tempo 30 vor der Schule");
    let c = card(1, "Zebrastreifen an der Hauptstraße");
    store
        .create_cluster(&b.fields[1].field.id, CLUSTER, &[a.clone(), c])
        .unwrap();
    store.open_vote(&b.board.id, 3).unwrap();
    store.add_dot(&VoteTarget::Card(dotted), "P1").unwrap();
    store.add_dot(&VoteTarget::Card(a), "P1").unwrap();

    let map = store.create_actor_map(&w.id, "Akteure").unwrap();
    let sectors = store.sectors(&map.id).unwrap();
    let education = sectors.iter().find(|s| s.name == SECTOR).unwrap();
    let mut ids = Vec::new();
    for (i, name) in ACTORS.iter().enumerate() {
        let input = ActorInput {
            sector_id: education.id.clone(),
            name: (*name).into(),
            role: String::new(),
            influence: if i < 2 { 4 } else { 2 },
            interest: if i < 2 { 2 } else { 4 },
            involvement: Involvement::Consult,
            contact: String::new(),
        };
        ids.push(store.add_actor(&map.id, &input).unwrap().value.id);
    }
    store.add_actor_relation(&ids[0], &ids[1], "berät").unwrap();
}

/// The projector's rules, read from its laid-out elements; each problem as
/// a sentence.
fn projector_problems(s: &Session) -> Vec<String> {
    let found = s.execute(
        r#"
        const out = [];
        const inside = (r, e) => r.bottom <= e.bottom + 0.5 && r.right <= e.right + 0.5;
        for (const wall of document.querySelectorAll('.wall')) {
          const edge = wall.getBoundingClientRect();
          for (const card of wall.querySelectorAll('[data-testid=projector-card]')) {
            const r = card.getBoundingClientRect();
            const shown = getComputedStyle(card).visibility !== 'hidden' && r.height > 0;
            if (shown && !inside(r, edge) && r.top < edge.bottom) {
              out.push('card cut at the field edge: ' + card.textContent.slice(0, 40));
            }
            const text = card.querySelector('[data-testid=projector-card-text]');
            const line = parseFloat(getComputedStyle(text).lineHeight);
            if (shown && text.getBoundingClientRect().height > line * 5.5) {
              out.push('a long card runs over five lines: ' + card.textContent.slice(0, 40));
            }
          }
        }
        for (const dots of document.querySelectorAll('[data-testid=projector-card-dots]')) {
          const text = dots.closest('[data-testid=projector-card]').querySelector('[data-testid=projector-card-text]');
          const d = dots.getBoundingClientRect();
          const lines = text.getClientRects();
          const last = lines[lines.length - 1];
          if (d.top < last.bottom - 1) out.push('dot badge on the text line: ' + text.textContent.slice(0, 30));
          const lineHeight = parseFloat(getComputedStyle(dots).lineHeight) || d.height;
          if (d.height > lineHeight * 1.5) out.push('dot badge split over lines');
        }
        for (const h of document.querySelectorAll('.cluster h3, [data-testid=projector-field] h2')) {
          if (h.scrollWidth > h.clientWidth + 1 || h.scrollHeight > h.clientHeight + 1) {
            out.push('heading cut: ' + h.textContent);
          }
        }
        return out;
        "#,
        vec![],
    );
    strings(&found)
}

/// Where the browser broke a word in a card: the text before each line
/// break inside it.
fn word_breaks(s: &Session, word: &str) -> Vec<String> {
    strings(&s.execute(
        r#"
        const word = arguments[0];
        const el = [...document.querySelectorAll('[data-testid=projector-card-text]')]
          .find(e => e.textContent.replace(/\u00ad/g, '').includes(word));
        if (!el) return ['missing'];
        // Soft hyphens mark syllables in the text; they are not letters.
        const node = el.firstChild;
        const text = node.textContent;
        const letters = [];
        for (let i = 0; i < text.length; i++) if (text[i] !== '\u00ad') letters.push(i);
        const visible = text.replace(/\u00ad/g, '');
        const start = visible.indexOf(word);
        const out = [];
        let top = null;
        for (let i = 0; i < word.length; i++) {
          const at = letters[start + i];
          const r = document.createRange();
          r.setStart(node, at);
          r.setEnd(node, at + 1);
          const y = r.getBoundingClientRect().top;
          if (top !== null && y > top + 2) out.push(word.slice(0, i));
          top = y;
        }
        return out;
        "#,
        vec![Value::from(word)],
    ))
}

fn actor_name_problems(s: &Session) -> Vec<String> {
    strings(&s.execute(
        r#"
        const out = [];
        for (const t of document.querySelectorAll('[data-testid=actor-token]')) {
          const name = t.querySelector('[data-testid=actor-name]') ?? t;
          const [n, b] = [name.getBoundingClientRect(), t.getBoundingClientRect()];
          if (name.scrollWidth > name.clientWidth + 1 || name.scrollHeight > name.clientHeight + 1
              || n.bottom > b.bottom + 0.5 || n.right > b.right + 0.5) {
            out.push('actor name cut: ' + t.textContent.trim());
          }
        }
        const boxes = [...document.querySelectorAll('[data-testid=actor-token]')].map(t => t.getBoundingClientRect());
        for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
          const [a, b] = [boxes[i], boxes[j]];
          if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1) {
            out.push('tokens overlap');
          }
        }
        for (const label of document.querySelectorAll('[data-testid=relation-label]')) {
          const r = label.getBoundingClientRect();
          for (const t of boxes) {
            if (r.left < t.right - 1 && t.left < r.right - 1 && r.top < t.bottom - 1 && t.top < r.bottom - 1) {
              out.push('relation label over a token: ' + label.textContent);
            }
          }
        }
        if (document.body.classList.contains('projector') && document.documentElement.scrollHeight > innerHeight + 1) {
          out.push('the projector would need scrolling: ' + document.documentElement.scrollHeight + ' > ' + innerHeight);
        }
        const legend = [...document.querySelectorAll('[data-testid=sector-legend] li')].map(l => l.textContent.trim());
        if (!legend.includes(arguments[0])) out.push('no legend entry for ' + arguments[0] + ': ' + legend.join(', '));
        return out;
        "#,
        vec![Value::from(SECTOR)],
    ))
}

#[test]
fn the_projector_shows_whole_cards_badges_headings_and_names_at_both_sizes() {
    let (_dir, db) = fresh_store();
    seeded(&db);
    let app = App::start(&db);
    let s = &app.session;
    open_workshop_and_board(s, "Projektor");
    // At the facilitator's too, while the vote is open, the cluster's heading
    // is read whole.
    s.set_window_size(1280, 720);
    std::thread::sleep(std::time::Duration::from_millis(300));
    s.screenshot(&screenshot_path("board-voting-1280"));
    assert_eq!(
        window_problems(s),
        Vec::<String>::new(),
        "board while voting"
    );
    let (main, projector) = open_projector(s);
    assert_eq!(
        s.execute("return document.documentElement.lang", vec![]),
        "de",
        "the page says it is German, so the browser hyphenates German"
    );
    for (w, h) in [(1280, 720), (1920, 1080)] {
        s.set_window_size(w, h);
        wait_for("the cards on the projector", || {
            (s.find_all("[data-testid=projector-card]").len() > 10).then_some(())
        });
        std::thread::sleep(std::time::Duration::from_millis(300));
        s.screenshot(&screenshot_path(&format!("projector-board-{w}")));
        assert_eq!(projector_problems(s), Vec::<String>::new(), "at {w}×{h}");
        let more = s.text(&s.find("[data-testid=projector-more]"));
        assert!(
            more.starts_with("Weitere Karten: "),
            "what does not fit is counted: {more}"
        );
    }

    assert!(
        s.find_all("[data-testid=ranking]").is_empty(),
        "no live ranking on the wall while the room votes"
    );
    // The vote closed, the room sees the ranking above the cards.
    s.switch_to(&main);
    s.click(&s.find("[data-testid=vote-close]"));
    s.switch_to(&projector);
    wait_for("the ranking on the projector", || {
        (s.find_all("[data-testid=ranking-entry]").len() == 2).then_some(())
    });
    std::thread::sleep(std::time::Duration::from_millis(300));
    s.screenshot(&screenshot_path("projector-ranking-1920"));
    assert_eq!(
        projector_problems(s),
        Vec::<String>::new(),
        "with the ranking"
    );
    s.set_window_size(1280, 720);
    std::thread::sleep(std::time::Duration::from_millis(300));
    s.screenshot(&screenshot_path("projector-ranking-1280"));
    assert_eq!(
        projector_problems(s),
        Vec::<String>::new(),
        "with the ranking at 1280×720"
    );

    // One field alone: the long word breaks between syllables, with a hyphen.
    s.switch_to(&main);
    s.click(&in_field(s, 0, "[data-testid=present-field]"));
    s.switch_to(&projector);
    wait_for("only the focused field", || {
        (s.find_all("[data-testid=projector-field]").len() == 1).then_some(())
    });
    s.set_window_size(1280, 720);
    std::thread::sleep(std::time::Duration::from_millis(300));
    s.screenshot(&screenshot_path("projector-field-1280"));
    assert_eq!(projector_problems(s), Vec::<String>::new());
    // Stra-ßen-be-leuch-tungs-er-neu-e-rung, as the Duden divides it.
    let syllables = [
        "Stra",
        "Straßen",
        "Straßenbe",
        "Straßenbeleuch",
        "Straßenbeleuchtungs",
        "Straßenbeleuchtungser",
        "Straßenbeleuchtungserneu",
        "Straßenbeleuchtungserneue",
    ];
    for head in word_breaks(s, LONG_WORD) {
        assert!(
            syllables.contains(&head.as_str()),
            "{LONG_WORD} broken after {head:?}, not between syllables"
        );
    }

    // The actor map, on the projector and at the facilitator's.
    s.switch_to(&main);
    s.click(&s.find("[data-testid=nav-home]"));
    s.click(&wait_for("the workshop", || {
        s.find_all("[data-testid=workshop-list] button")
            .into_iter()
            .find(|b| s.text(b).contains("Projektor"))
    }));
    s.click(&s.find("[data-testid=actor-map-list] button"));
    s.find("[data-testid=actor-grid]");
    for (w, h) in [(1280, 720), (1920, 1080)] {
        s.set_window_size(w, h);
        std::thread::sleep(std::time::Duration::from_millis(300));
        s.screenshot(&screenshot_path(&format!("actor-map-{w}")));
        assert_eq!(
            actor_name_problems(s),
            Vec::<String>::new(),
            "facilitator at {w}×{h}"
        );
    }
    s.switch_to(&projector);
    s.find("[data-testid=projector-actor-map]");
    for (w, h) in [(1280, 720), (1920, 1080)] {
        s.set_window_size(w, h);
        wait_for("the relation on the projector", || {
            (s.find_all("[data-testid=relation-line]").len() == 1).then_some(())
        });
        std::thread::sleep(std::time::Duration::from_millis(300));
        s.screenshot(&screenshot_path(&format!("projector-actor-map-{w}")));
        assert_eq!(
            actor_name_problems(s),
            Vec::<String>::new(),
            "projector at {w}×{h}"
        );
    }
}

/// Whatever on the facilitator's page is cut or covered, as sentences.
fn window_problems(s: &Session) -> Vec<String> {
    strings(&s.execute(
        r#"
        const out = [];
        if (document.documentElement.scrollWidth > innerWidth + 1) {
          out.push('the page is wider than the window: ' + document.documentElement.scrollWidth);
        }
        const shown = (e) => e.offsetParent !== null && getComputedStyle(e).visibility !== 'hidden';
        for (const b of document.querySelectorAll('button')) {
          if (!shown(b)) continue;
          const r = b.getBoundingClientRect();
          if (b.scrollWidth > b.clientWidth + 1) out.push('button label cut: ' + b.textContent.trim());
          if (r.right > innerWidth + 1) out.push('button beyond the right edge: ' + b.textContent.trim());
        }
        for (const name of document.querySelectorAll('[data-testid=sector-name], [data-testid=cluster-heading]')) {
          if (shown(name) && (name.scrollWidth > name.clientWidth + 1 || name.scrollHeight > name.clientHeight + 2)) {
            out.push('name cut: ' + name.value);
          }
        }
        const ctx = document.createElement('canvas').getContext('2d');
        for (const box of document.querySelectorAll('input[placeholder], textarea[placeholder]')) {
          if (!shown(box) || !box.placeholder) continue;
          const st = getComputedStyle(box);
          ctx.font = st.fontWeight + ' ' + st.fontSize + ' ' + st.fontFamily;
          const room = box.clientWidth - parseFloat(st.paddingLeft) - parseFloat(st.paddingRight);
          const lines = box.tagName === 'TEXTAREA' ? Math.max(1, Math.floor(box.clientHeight / parseFloat(st.lineHeight || '20'))) : 1;
          if (lines === 1 && ctx.measureText(box.placeholder).width > room + 1) {
            out.push('placeholder cut: ' + box.placeholder);
          }
        }
        return out;
        "#,
        vec![],
    ))
}

/// The tools of the card under the pointer, and where they lie on its text.
fn tools_over_text(s: &Session) -> Vec<String> {
    strings(&s.execute(
        r#"
        const out = [];
        for (const card of [...document.querySelectorAll('[data-testid=card]')].slice(0, 20)) {
          const text = card.querySelector('[data-testid=card-text]');
          if (!text) continue;
          // The boxes of the text's lines, where its letters are.
          const range = document.createRange();
          range.selectNodeContents(text);
          for (const t of range.getClientRects()) {
            for (const tool of card.querySelectorAll('.tools button')) {
              const r = tool.getBoundingClientRect();
              if (r.left < t.right - 0.5 && t.left < r.right - 0.5 && r.top < t.bottom - 0.5 && t.top < r.bottom - 0.5) {
                out.push('a tool covers the text of ' + text.textContent.slice(0, 30));
              }
            }
          }
        }
        return out;
        "#,
        vec![],
    ))
}

#[test]
fn the_facilitator_window_fits_the_screens_of_municipal_laptops() {
    let (_dir, db) = fresh_store();
    let app = App::start(&db);
    let s = &app.session;
    s.find("[data-testid=workshop-heading]");
    for (w, h) in [(1366, 768), (1280, 720)] {
        s.set_window_size(w, h);
        std::thread::sleep(std::time::Duration::from_millis(300));
        s.click(&s.find("[data-testid=nav-home]"));
        s.find("[data-testid=workshop-list]");
        s.screenshot(&screenshot_path(&format!("workshops-{w}")));
        assert_eq!(
            window_problems(s),
            Vec::<String>::new(),
            "workshop list at {w}×{h}"
        );

        s.click(&s.find("[data-testid=workshop-list] button"));
        s.find("[data-testid=workshop-heading]");
        s.screenshot(&screenshot_path(&format!("workshop-{w}")));
        assert_eq!(
            window_problems(s),
            Vec::<String>::new(),
            "workshop at {w}×{h}"
        );

        s.click(&s.find("[data-testid=board-list] button"));
        s.find("[data-testid=card-text]");
        // A focused card shows its tools, as a hovered one does.
        s.execute(
            "document.querySelector('[data-testid=card]').focus()",
            vec![],
        );
        std::thread::sleep(std::time::Duration::from_millis(300));
        s.screenshot(&screenshot_path(&format!("board-{w}")));
        assert_eq!(window_problems(s), Vec::<String>::new(), "board at {w}×{h}");
        assert_eq!(tools_over_text(s), Vec::<String>::new(), "board at {w}×{h}");

        s.click(&s.find("[data-testid=back-to-workshop]"));
        s.click(&s.find("[data-testid=actor-map-list] button"));
        s.click(&s.find("[data-testid=view-grid]"));
        s.find("[data-testid=actor-grid]");
        std::thread::sleep(std::time::Duration::from_millis(300));
        s.screenshot(&screenshot_path(&format!("actors-{w}")));
        assert_eq!(
            window_problems(s),
            Vec::<String>::new(),
            "actor map at {w}×{h}"
        );
        s.click(&s.find("[data-testid=view-sectors]"));
        s.screenshot(&screenshot_path(&format!("sectors-{w}")));
        assert_eq!(
            window_problems(s),
            Vec::<String>::new(),
            "sectors at {w}×{h}"
        );

        s.click(&s.find("[data-testid=back-to-workshop]"));
        s.click(&s.find("[data-testid=challenge-list-list] button"));
        s.find("[data-testid=challenge-text]");
        s.screenshot(&screenshot_path(&format!("challenges-{w}")));
        assert_eq!(
            window_problems(s),
            Vec::<String>::new(),
            "challenges at {w}×{h}"
        );
        s.click(&s.find("[data-testid=back-to-workshop]"));
    }
}
