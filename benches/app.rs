//! The real app under Xvfb. Prints numbers; asserts nothing.
//! - time from start to the first screen, and resident memory once it shows;
//! - opening a board that holds 2,000 cards, from the click to the rendered cards,
//!   and scrolling it a screen and a wheel step at a time (blank columns counted);
//! - adding a card on that board, from Enter in the entry box to the rendered
//!   and to the painted card, also with the projector open, and how long the
//!   projector takes to follow;
//! - an actor grid of 300 actors: opening it, and the frame rate while a token
//!   is dragged by the mouse;
//! - opening a challenge list of 500 entries, from the click to the painted list;
//! - adding a card on the demo board while 100 phones joined over the app's
//!   own participant server (127.0.0.1) write cards and reload the board;
//! - the "Vorhaben" page over 10,000 challenges: opening it, and a filter;
//! - the projector's word cloud while 100 phones send their words.
//!
//! Run with `make bench`, which builds the release app and provides the display.
//! `WZ_BENCH_CSS='…'` adds a style sheet before the cards are added,
//! to try a CSS change without rebuilding the app.

#[path = "../tests/support/mod.rs"]
mod support;

use std::time::Instant;

use serde_json::Value;
use support::app::App;
use wandzeitung::model::{
    ActorInput, CardColor, CardInput, ChallengeInput, Dimension, Involvement, WorkshopInput,
};
use wandzeitung::{templates, Store};

fn rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

fn stats(name: &str, mut ms: Vec<f64>) {
    ms.sort_by(f64::total_cmp);
    let pick = |p: f64| ms[((ms.len() as f64 - 1.0) * p).round() as usize];
    let mean = ms.iter().sum::<f64>() / ms.len() as f64;
    println!(
        "{name:<52} n={:<4} mean={mean:>7.1} ms  p50={:>7.1} ms  p95={:>7.1} ms  max={:>7.1} ms",
        ms.len(),
        pick(0.5),
        pick(0.95),
        pick(1.0)
    );
}

fn numbers(v: &Value) -> Vec<f64> {
    v.as_array()
        .map(|a| a.iter().filter_map(Value::as_f64).collect())
        .unwrap_or_default()
}

fn start_up() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("bench.sqlite3");
    let mut first_screens = Vec::new();
    for run in 0..5 {
        // Run 0 starts on an empty store (creates the demo); later runs open it.
        let t = Instant::now();
        let app = App::start(&db);
        app.session
            .find("[data-testid=workshop-heading], [data-testid=new-workshop]");
        let elapsed = t.elapsed();
        let rss = app.app_pid().and_then(rss_kib);
        println!(
            "start to first screen, run {run}{}: {elapsed:.0?}, resident memory {} MiB",
            if run == 0 {
                " (empty store, demo created)"
            } else {
                ""
            },
            rss.map(|k| format!("{:.1}", k as f64 / 1024.0))
                .unwrap_or("?".into())
        );
        first_screens.push(elapsed.as_secs_f64() * 1000.0);
    }
    stats(
        "start to first screen (incl. WebDriver session)",
        first_screens,
    );
}

fn big_board() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("big.sqlite3");
    {
        let store = Store::open(&db).expect("store");
        templates::create_demo_workshop(&store).expect("demo");
        let w = store
            .create_workshop(&WorkshopInput {
                title: "Großer Workshop".into(),
                date: "2026-11-22".into(),
                participant_count: 200,
                ..WorkshopInput::default()
            })
            .expect("workshop");
        let b = store
            .create_board_from_template(&w.id, templates::GROUP_WORK_KEY)
            .expect("board");
        for i in 0..2_000 {
            let field = &b.fields[i % b.fields.len()].field.id;
            store
                .add_card(
                    field,
                    &CardInput {
                        text: format!("Karte {i}: Beteiligung früh und verständlich planen"),
                        color: CardColor::ALL[i % 6],
                        author: "Gruppe".into(),
                    },
                )
                .expect("card");
        }
    }
    let app = App::start(&db);
    let s = &app.session;
    s.set_timeouts(120_000);

    // The baseline: the same adds on the small demo board.
    open_demo_board(s);
    add_cards(s, "demo board (14 cards)", 20);
    render_updates(s, "demo board");

    s.click(&s.find("[data-testid=nav-home]"));
    let row = support::webdriver::wait_for("the big workshop", || {
        s.find_all("[data-testid=workshop-list] button")
            .into_iter()
            .find(|b| s.text(b).contains("Großer Workshop"))
    });
    s.click(&row);
    s.find_with_text("[data-testid=workshop-heading]", "Großer Workshop");
    let board_button = s.find("[data-testid=board-list] button");

    // What the IPC itself costs, without rendering: the template list (no
    // store access) and the whole 2,000-card board as data.
    let ipc = s.execute_async(
        "const done = arguments[0];
         const invoke = window.__TAURI_INTERNALS__.invoke;
         (async () => {
           const templates = [], boards = [];
           for (let i = 0; i < 60; i++) {
             const t0 = performance.now();
             await invoke('board_templates');
             templates.push(performance.now() - t0);
           }
           const list = await invoke('list_workshops');
           const big = list.find(w => w.title === 'Großer Workshop');
           const detail = await invoke('workshop_detail', { id: big.id });
           let view;
           for (let i = 0; i < 10; i++) {
             const t0 = performance.now();
             view = await invoke('board_view', { boardId: detail.boards[0].id });
             boards.push(performance.now() - t0);
           }
           const adds = [];
           const fieldId = view.fields[3].field.id;
           for (let i = 0; i < 60; i++) {
             const t0 = performance.now();
             await invoke('add_card', { fieldId, input: { text: 'IPC ' + i, color: 'blue', author: '' } });
             adds.push(performance.now() - t0);
           }
           done([templates, boards, adds]);
         })();",
        vec![],
    );
    stats(
        "IPC round trip, no store access",
        numbers(&ipc[0])[10..].to_vec(),
    );
    stats(
        "IPC board_view of 2,000 cards (data only)",
        numbers(&ipc[1]),
    );
    stats(
        "IPC add_card on that board (store + IPC, no UI)",
        numbers(&ipc[2])[10..].to_vec(),
    );

    // From the click: the first cards in the DOM and painted; then how many
    // of the cards the page holds once it has settled (the rest stand in as
    // empty space until they come near the screen).
    let [in_dom, painted, _] = click_until_painted(s, &board_button, "[data-testid=card]", 1);
    println!(
        "{:<52} first cards in DOM {:>6.0} ms, painted {:>6.0} ms",
        "open a board with 2,000 cards (from the click)", in_dom, painted
    );
    let held = s.execute_async(
        "const done = arguments[0];
         setTimeout(() => done(document.querySelectorAll('[data-testid=card]').length), 1000);",
        vec![],
    );
    println!(
        "{:<52} {} cards",
        "in the page after opening (of 2,000)",
        held.as_u64().unwrap_or(0)
    );
    scroll_through(s, "the 2,000-card board a screen at a time", 0.8, 200);
    scroll_through(s, "the 2,000-card board by mouse wheel (100 px)", 100.0, 60);

    try_css(s);
    add_cards(s, "2,000-card board", 20);
    idle_frames(s, "2,000-card board");
    render_updates(s, "2,000-card board");
    projector_follows(s);
}

/// A style sheet to try without rebuilding the app (`WZ_BENCH_CSS`).
fn try_css(s: &support::webdriver::Session) {
    if let Ok(css) = std::env::var("WZ_BENCH_CSS") {
        s.execute(
            "const st = document.createElement('style'); st.textContent = arguments[0]; document.head.append(st);",
            vec![serde_json::json!(css)],
        );
    }
}

/// The same adds with the projector open on the board, a card every 300 ms
/// (faster than anyone types one): the facilitator's numbers again, and how
/// long the projector takes to show each change (its page changed, then its
/// next frame), measured with the wall clock both windows share.
fn projector_follows(s: &support::webdriver::Session) {
    let main = s.current_window();
    s.click(&s.find("[data-testid=open-projector]"));
    let projector = support::webdriver::wait_for("the projector window", || {
        s.windows().into_iter().find(|w| *w != main)
    });
    s.switch_to(&projector);
    s.find("[data-testid=projector-field]");
    s.execute(
        "window.__changes = [];
         new MutationObserver(() => {
           const at = Date.now();
           requestAnimationFrame(() => window.__changes.push([at, Date.now()]));
         }).observe(document.body, { subtree: true, childList: true, characterData: true });",
        vec![],
    );
    s.switch_to(&main);
    let enters = add_cards(s, "2,000-card board, projector open", 300);
    s.switch_to(&projector);
    let changes = s.execute("return window.__changes;", vec![]);
    s.switch_to(&main);
    let changes: Vec<(f64, f64)> = changes
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|c| Some((c[0].as_f64()?, c[1].as_f64()?)))
                .collect()
        })
        .unwrap_or_default();
    let (mut dom, mut frame) = (Vec::new(), Vec::new());
    for enter in &enters[20..] {
        if let Some((at, shown)) = changes.iter().find(|(at, _)| at >= enter) {
            dom.push(at - enter);
            frame.push(shown - enter);
        }
    }
    stats("projector follows an added card: Enter to its DOM", dom);
    stats("projector follows an added card: Enter to its frame", frame);
}

/// Scrolls the board down by `step` (a CSS length in px, or a fraction of
/// the window height when below 1) up to `most` times, as a facilitator
/// reading the wall would: the frame after each step, when it is painted, and
/// whether a column showed empty space where its cards should be.
fn scroll_through(s: &support::webdriver::Session, label: &str, step: f64, most: u32) {
    let v = s.execute_async(
        "const [step, most, done] = arguments;
         const page = document.scrollingElement;
         const frames = [], painted = [], cardsHeld = [];
         let blank = 0, steps = 0;
         const visible = (r) => r.bottom > 0 && r.top < innerHeight;
         const next = () => {
           if (page.scrollTop + innerHeight >= page.scrollHeight - 1 || steps === most) {
             page.scrollTop = 0;
             done([frames, cardsHeld, blank, steps, painted]);
             return;
           }
           steps++;
           const t0 = performance.now();
           page.scrollTop += step < 1 ? innerHeight * step : step;
           requestAnimationFrame(() => {
             frames.push(performance.now() - t0);
             cardsHeld.push(document.querySelectorAll('[data-testid=card]').length);
             for (const list of document.querySelectorAll('[data-testid=cards] ul.cards')) {
               const r = list.getBoundingClientRect();
               const shown = Math.min(r.bottom, innerHeight) - Math.max(r.top, 0);
               if (shown < 200) continue;
               const cards = [...list.querySelectorAll('[data-testid=card]')];
               if (!cards.some((c) => visible(c.getBoundingClientRect()))) blank++;
             }
             setTimeout(() => { painted.push(performance.now() - t0); setTimeout(next, 50); }, 0);
           });
         };
         next();",
        vec![serde_json::json!(step), serde_json::json!(most)],
    );
    let steps = v[3].as_u64().unwrap_or(0);
    stats(
        &format!("scroll {label}, {steps} steps: to next frame"),
        numbers(&v[0]),
    );
    stats(
        &format!("scroll {label}, {steps} steps: to painted"),
        numbers(&v[4]),
    );
    let held = numbers(&v[1]);
    println!(
        "{:<52} most {:.0}, blank columns in a frame after a step: {}",
        "… cards in the page while scrolling",
        held.iter().copied().fold(0.0, f64::max),
        v[2].as_u64().unwrap_or(0)
    );
}

/// What one rendering update costs after a small change, measured from the
/// change in an animation frame to the first task after that frame (style,
/// layout and paint run in between). Finds costs a frame interval hides.
fn render_updates(s: &support::webdriver::Session, label: &str) {
    for (name, change) in [
        ("entry text", "const el = document.querySelector('[data-testid=card-entry]'); el.value = (n % 2) ? '' : 'Neue Karte';"),
        ("card count text", "const el = document.querySelector('[data-testid=field] .count'); el.textContent = (n % 2) ? '600 Karten' : '601 Karten';"),
        ("column height", "const el = document.querySelector('[data-testid=field] .new-cluster'); el.style.marginTop = (n % 2) ? '0px' : '1px';"),
        ("whole page repainted", "document.body.style.backgroundColor = (n % 2) ? '#fff' : '#fefefe';"),
        ("first card taller, cards below move", "const el = document.querySelector('[data-testid=card]'); el.style.paddingBottom = (n % 2) ? '10px' : '11px';"),
        ("count outline", "const el = document.querySelector('[data-testid=field] .count'); el.style.outline = (n % 2) ? '1px solid red' : '1px solid blue';"),
    ] {
        // The layout is forced first and timed apart: what remains is paint.
        let v = s.execute_async(&format!("const done = arguments[0]; const costs = [], layouts = []; let n = 0;
          const f = () => {{ n++; {change} const t = performance.now(); void document.body.offsetHeight; layouts.push(performance.now() - t);
            setTimeout(() => {{ costs.push(performance.now() - t); if (costs.length < 40) requestAnimationFrame(f); else done([costs, layouts]); }}, 0); }};
          requestAnimationFrame(f);"), vec![]);
        stats(&format!("{label}: render update, {name}"), numbers(&v[0]));
        stats(&format!("{label}: … of which layout, {name}"), numbers(&v[1]));
    }
}

/// The frame interval while nothing changes: what the renderer gives at best,
/// the yardstick for "Enter to next frame".
fn idle_frames(s: &support::webdriver::Session, label: &str) {
    let v = s.execute_async(
        "const done = arguments[0];
         const gaps = [];
         let last = null;
         const frame = (t) => {
           if (last !== null) gaps.push(t - last);
           last = t;
           if (gaps.length < 60) requestAnimationFrame(frame); else done(gaps);
         };
         requestAnimationFrame(frame);",
        vec![],
    );
    stats(&format!("idle frame interval, {label}"), numbers(&v));
}

/// Each card: type into the entry box, press Enter, wait for the card in the
/// DOM, for layout, and for the frame that shows it.
/// `pause_ms` between cards; returns when each Enter was pressed (ms since
/// the epoch, comparable across windows).
fn add_cards(s: &support::webdriver::Session, label: &str, pause_ms: u64) -> Vec<f64> {
    let times = s.execute_async(
        "const [pause, done] = arguments;
         const entry = document.querySelector('[data-testid=card-entry]');
         const field = entry.closest('[data-testid=field]');
         const setValue = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value').set;
         const dom = [], layout = [], frame = [], painted = [], enters = [];
         let i = 0;
         const next = () => {
           if (i === 120) { done([dom, frame, layout, painted, enters]); return; }
           const text = 'Neue Karte ' + i++;
           setValue.call(entry, text);
           entry.dispatchEvent(new Event('input', { bubbles: true }));
           const seen = () => [...field.querySelectorAll('[data-testid=card-text]')].some(e => e.textContent === text);
           const t0 = performance.now();
           const observer = new MutationObserver(() => {
             if (!seen()) return;
             observer.disconnect();
             dom.push(performance.now() - t0);
             void document.body.offsetHeight;
             layout.push(performance.now() - t0);
             // A task posted from the frame's callback runs once that frame's
             // style, layout and paint are done: the card is on screen.
             requestAnimationFrame(() => {
               frame.push(performance.now() - t0);
               setTimeout(() => { painted.push(performance.now() - t0); setTimeout(next, pause); }, 0);
             });
           });
           observer.observe(field, { childList: true, subtree: true });
           enters.push(Date.now());
           entry.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
         };
         next();",
        vec![serde_json::json!(pause_ms)],
    );
    let (dom, frame) = (numbers(&times[0]), numbers(&times[1]));
    // The first adds warm up the JIT and the statement cache; report the rest.
    stats(
        &format!("add card on a {label}: Enter to DOM"),
        dom[20..].to_vec(),
    );
    stats(
        &format!("add card on a {label}: Enter to next frame"),
        frame[20..].to_vec(),
    );
    stats(
        &format!("add card on a {label}: Enter to laid out"),
        numbers(&times[2])[20..].to_vec(),
    );
    stats(
        &format!("add card on a {label}: Enter to painted"),
        numbers(&times[3])[20..].to_vec(),
    );
    numbers(&times[4])
}

/// Opens the demo workshop's board from the workshop list.
fn open_demo_board(s: &support::webdriver::Session) {
    let row = support::webdriver::wait_for("the demo workshop", || {
        s.find_all("[data-testid=workshop-list] button")
            .into_iter()
            .find(|b| s.text(b).contains(templates::DEMO_TITLE))
    });
    s.click(&row);
    s.find_with_text("[data-testid=workshop-heading]", templates::DEMO_TITLE);
    s.click(&s.find("[data-testid=board-list] button"));
    s.find("[data-testid=card-entry]");
}

/// From a click on `button`: ms until the first `css` element is in the DOM,
/// until it is painted, and until `count` of them are painted.
fn click_until_painted(
    s: &support::webdriver::Session,
    button: &support::webdriver::Element,
    css: &str,
    count: usize,
) -> [f64; 3] {
    let v = s.execute_async(
        "const [button, css, count, done] = arguments;
         const t0 = performance.now();
         let inDom = null, first = null, seen = false;
         const observer = new MutationObserver(() => {
           if (document.querySelector(css)) { inDom = performance.now() - t0; observer.disconnect(); }
         });
         observer.observe(document.body, { childList: true, subtree: true });
         button.click();
         const check = () => {
           const n = document.querySelectorAll(css).length;
           if (n > 0 && !seen) {
             seen = true;
             // Callbacks run in the order asked for: this one before `done`.
             requestAnimationFrame(() => { first = performance.now() - t0; });
           }
           if (n >= count) {
             requestAnimationFrame(() => done([inDom, first, performance.now() - t0]));
           } else {
             requestAnimationFrame(check);
           }
         };
         check();",
        vec![
            support::webdriver::Session::element_arg(button),
            serde_json::json!(css),
            serde_json::json!(count),
        ],
    );
    let v = numbers(&v);
    std::array::from_fn(|i| v.get(i).copied().unwrap_or(f64::NAN))
}

fn workspaces() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("workspaces.sqlite3");
    {
        let store = Store::open(&db).expect("store");
        let w = store
            .create_workshop(&WorkshopInput {
                title: "Große Landkarte".into(),
                date: "2026-11-22".into(),
                participant_count: 300,
                ..WorkshopInput::default()
            })
            .expect("workshop");
        let map = store.create_actor_map(&w.id, "300 Akteure").expect("map");
        let sectors = store.sectors(&map.id).expect("sectors");
        for i in 0..300u32 {
            store
                .add_actor(
                    &map.id,
                    &ActorInput {
                        sector_id: sectors[i as usize % sectors.len()].id.clone(),
                        name: format!("Akteur {i}"),
                        role: "Bringt Wissen und Räume ein".into(),
                        influence: (i % 5 + 1) as u8,
                        interest: ((i / 5) % 5 + 1) as u8,
                        involvement: Involvement::Consult,
                        contact: String::new(),
                    },
                )
                .expect("actor");
        }
        let list = store
            .create_challenge_list(&w.id, "500 Herausforderungen")
            .expect("list");
        for i in 0..500 {
            store
                .add_challenge(
                    &list.id,
                    &ChallengeInput {
                        title: format!("Herausforderung {i}: Daten verständlich veröffentlichen"),
                        description: "Was fehlt, wer hilft, was kostet es?".into(),
                        dimensions: vec![Dimension::Transparency, Dimension::Participation],
                        responsible: "Hauptamt".into(),
                        next_step: "Gespräch im Januar".into(),
                        ..ChallengeInput::default()
                    },
                )
                .expect("challenge");
        }
        // A short list beside it: what switching to the page costs by itself.
        let short = store
            .create_challenge_list(&w.id, "3 Herausforderungen")
            .expect("list");
        for i in 0..3 {
            store
                .add_challenge(
                    &short.id,
                    &ChallengeInput {
                        title: format!("Kurz {i}"),
                        ..ChallengeInput::default()
                    },
                )
                .expect("challenge");
        }
    }
    let app = App::start(&db);
    let s = &app.session;
    s.set_timeouts(120_000);
    s.click(&s.find("[data-testid=nav-home]"));
    let row = support::webdriver::wait_for("the workshop", || {
        s.find_all("[data-testid=workshop-list] button")
            .into_iter()
            .find(|b| s.text(b).contains("Große Landkarte"))
    });
    s.click(&row);
    s.find_with_text("[data-testid=workshop-heading]", "Große Landkarte");

    let ipc = s.execute_async(
        "const done = arguments[0];
         const invoke = window.__TAURI_INTERNALS__.invoke;
         (async () => {
           const list = await invoke('list_workshops');
           const w = list.find(x => x.title === 'Große Landkarte');
           const detail = await invoke('workshop_detail', { id: w.id });
           const lists = [], maps = [];
           for (let i = 0; i < 10; i++) {
             let t0 = performance.now();
             await invoke('challenge_list_view', { listId: detail.challenge_lists[0].id });
             lists.push(performance.now() - t0);
             t0 = performance.now();
             await invoke('actor_map_view', { mapId: detail.actor_maps[0].id });
             maps.push(performance.now() - t0);
           }
           done([lists, maps]);
         })();",
        vec![],
    );
    stats(
        "IPC challenge_list_view of 500 (data only)",
        numbers(&ipc[0]),
    );
    stats("IPC actor_map_view of 300 (data only)", numbers(&ipc[1]));

    for (list, css, count, what) in [
        (
            "[data-testid=challenge-list-list] li:nth-child(1) button",
            "[data-testid=challenge]",
            500,
            "challenge list of 500",
        ),
        (
            "[data-testid=challenge-list-list] li:nth-child(2) button",
            "[data-testid=challenge]",
            3,
            "challenge list of 3",
        ),
        (
            "[data-testid=actor-map-list] button",
            "[data-testid=actor-token]",
            300,
            "actor grid of 300",
        ),
    ] {
        let (mut in_dom, mut first, mut all) = (Vec::new(), Vec::new(), Vec::new());
        for _ in 0..5 {
            let button = s.find(list);
            let [d, f, a] = click_until_painted(s, &button, css, count);
            in_dom.push(d);
            first.push(f);
            all.push(a);
            s.click(&s.find("[data-testid=back-to-workshop]"));
            s.find(list);
        }
        stats(&format!("open {what}: first rows in the DOM"), in_dom);
        stats(&format!("open {what}: first rows painted"), first);
        stats(&format!("open {what}: all {count} painted"), all);
    }

    s.click(&s.find("[data-testid=actor-map-list] button"));
    s.find("[data-testid=actor-grid]");
    for round in 0..3 {
        // Frames are counted while the mouse drags a token across the grid.
        s.execute(
            "window.__frames = [];
             const tick = (t) => { window.__frames.push(t); if (window.__frames.length < 100000) requestAnimationFrame(tick); };
             requestAnimationFrame(tick);",
            vec![],
        );
        let token = s.find_all("[data-testid=actor-token]")[round * 7].clone();
        s.drag_in_steps(&token, 300, -200, 90, 16);
        let frames = numbers(&s.execute(
            "const f = window.__frames; window.__frames = [1e12]; return f;",
            vec![],
        ));
        let mut gaps: Vec<f64> = frames.windows(2).map(|w| w[1] - w[0]).collect();
        let total: f64 = gaps.iter().sum();
        gaps.sort_by(f64::total_cmp);
        let pick = |p: f64| gaps[((gaps.len() as f64 - 1.0) * p).round() as usize];
        // A frame longer than 1/60 s (with 1 ms of timer slack) is a dropped one.
        let slow = gaps.iter().filter(|&&g| g > 17.7).count();
        println!(
            "{:<52} {:>5.1} fps over {:>5.0} ms; frame p50 {:>4.1} ms, p95 {:>5.1} ms, worst {:>5.1} ms; {} of {} frames over 1/60 s",
            "drag a token on the 300-actor grid",
            gaps.len() as f64 / (total / 1000.0),
            total,
            pick(0.5),
            pick(0.95),
            pick(1.0),
            slow,
            gaps.len()
        );
    }
}

/// The "Vorhaben" page over 200 workshops × 50 challenges: from the click in
/// the top bar to the first rows painted, and a filter to its list painted.
fn follow_up() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("vorhaben.sqlite3");
    let today = chrono::Local::now().date_naive();
    support::fixtures::many_challenges(&Store::open(&db).expect("store"), 200, 50, today);
    let app = App::start(&db);
    let s = &app.session;
    s.find("[data-testid=workshop-list]");
    let (mut in_dom, mut first, mut all) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..8 {
        let button = s.find("[data-testid=nav-follow-up]");
        let [d, f, a] = click_until_painted(s, &button, "[data-testid=follow-up-row]", 200);
        in_dom.push(d);
        first.push(f);
        all.push(a);
        s.click(&s.find("[data-testid=nav-home]"));
        s.find("[data-testid=workshop-list]");
    }
    stats("open Vorhaben (10,000): first rows in the DOM", in_dom);
    stats("open Vorhaben (10,000): first rows painted", first);
    stats("open Vorhaben (10,000): 200 rows painted", all);

    // A filter: from the click to the list with its new count painted.
    s.click(&s.find("[data-testid=nav-follow-up]"));
    s.find("[data-testid=follow-up-row]");
    let mut painted = Vec::new();
    for _ in 0..10 {
        let v = s.execute_async(
            "const done = arguments[0];
             const count = document.querySelector('[data-testid=follow-up-count]');
             const before = count.textContent;
             const t0 = performance.now();
             const observer = new MutationObserver(() => {
               if (count.textContent === before) return;
               observer.disconnect();
               requestAnimationFrame(() => setTimeout(() => done(performance.now() - t0), 0));
             });
             observer.observe(count, { childList: true, characterData: true, subtree: true });
             document.querySelector('[data-testid=follow-up-overdue]').click();",
            vec![],
        );
        painted.push(v.as_f64().unwrap_or(f64::NAN));
    }
    stats("Vorhaben (10,000): only overdue on/off, painted", painted);
}

/// `cargo bench --bench app -- NAME` runs only the part whose name contains NAME.
/// The facilitator types while a room of phones writes: the app's own join
/// server on 127.0.0.1, 100 phones each posting a card every ~2 s into the
/// board's questions and reloading the board on updates, as the page does.
fn phones_while_typing() {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::{Arc, Mutex};
    use std::time::Duration;

    let dir = tempfile::tempdir().expect("temp dir");
    // An empty store opens on the demo workshop.
    let app = App::start(&dir.path().join("phones.sqlite3"));
    let s = &app.session;
    s.find_with_text("[data-testid=workshop-heading]", templates::DEMO_TITLE);
    s.click(&s.find("[data-testid=board-list] button"));
    s.find("[data-testid=card-entry]");
    s.set_timeouts(300_000);
    try_css(s);
    add_cards(s, "demo board, no phones", 300);
    render_updates(s, "demo board");

    s.click(&s.find("[data-testid=join-invite]"));
    let network = s.find("[data-testid=join-network]");
    s.execute(
        "arguments[0].value = '127.0.0.1'; arguments[0].dispatchEvent(new Event('change'));",
        vec![support::webdriver::Session::element_arg(&network)],
    );
    s.click(&s.find("[data-testid=join-start]"));
    s.find("[data-testid=join-qr]");
    let alt = s.execute(
        "return document.querySelector('[data-testid=join-qr]').alt",
        vec![],
    );
    let url = alt
        .as_str()
        .and_then(|a| a.rsplit(' ').next())
        .expect("the join address")
        .to_owned();
    let (base, secret) = url.split_once("/j/").expect("http://ip:port/j/secret");
    let fields = support::flows::strings(&s.execute(
        "return [...document.querySelectorAll('[data-testid=field]')].map(f => f.dataset.fieldId)",
        vec![],
    ));

    let stop = Arc::new(AtomicBool::new(false));
    let posts: Arc<Mutex<Vec<f64>>> = Arc::default();
    let reloads: Arc<Mutex<Vec<f64>>> = Arc::default();
    // Five phones behind each address, as in a room where a few share a
    // router: each device stays within its own budgets.
    let device_of = |p: usize| std::net::Ipv4Addr::from(0x7f00_0000 + 10 + (p / 5) as u32);
    let phones: Vec<_> = (0..100)
        .map(|p| {
            let (base, secret, fields) = (base.to_owned(), secret.to_owned(), fields.clone());
            let (stop, posts, reloads) = (stop.clone(), posts.clone(), reloads.clone());
            let device = device_of(p);
            std::thread::spawn(move || {
                use support::http::{connect_from, server_of, Client};
                let json = [("Content-Type", "application/json")];
                let mut client = Client::new(device, &base);
                let joined = client
                    .send(
                        "POST",
                        "/api/join",
                        &json,
                        Some(&serde_json::json!({"secret": secret}).to_string()),
                    )
                    .unwrap();
                assert_eq!(joined.status, 200, "joining: {}", joined.body);
                let token = joined.json()["token"].as_str().unwrap().to_owned();
                let url = format!("{}/api/ws?token={token}", base.replacen("http", "ws", 1));
                let stream = connect_from(device, server_of(&base)).unwrap();
                let (mut ws, _) = tungstenite::client(url, stream).expect("socket");
                let (rtoken, rbase, rstop) = (token.clone(), base.clone(), stop.clone());
                let reloader = std::thread::spawn(move || {
                    let mut client = Client::new(device, &rbase);
                    let auth = format!("Bearer {rtoken}");
                    let mut last = Instant::now() - Duration::from_secs(1);
                    while !rstop.load(Ordering::Relaxed) {
                        if ws.read().is_err() {
                            break;
                        }
                        if last.elapsed() > Duration::from_millis(200) {
                            let t = Instant::now();
                            let _ =
                                client.send("GET", "/api/day", &[("Authorization", &auth)], None);
                            reloads
                                .lock()
                                .unwrap()
                                .push(t.elapsed().as_secs_f64() * 1e3);
                            last = Instant::now();
                        }
                    }
                });
                // Spread the phones over the first two seconds.
                std::thread::sleep(Duration::from_millis(20 * p as u64));
                let auth = format!("Bearer {token}");
                let mut i = 0;
                while !stop.load(Ordering::Relaxed) {
                    let body = serde_json::json!({
                        "request_id": format!("p{p}-card-{i}"),
                        "write": {
                            "kind": "add_card",
                            "field_id": fields[(p + i) % fields.len()],
                            "input": {"text": format!("Handy {p}: Karte {i}"), "color": "yellow", "author": ""},
                        },
                    });
                    let t = Instant::now();
                    let answer = client
                        .send(
                            "POST",
                            "/api/write",
                            &[("Authorization", &auth), json[0]],
                            Some(&body.to_string()),
                        )
                        .unwrap();
                    if answer.status == 200 {
                        posts.lock().unwrap().push(t.elapsed().as_secs_f64() * 1e3);
                    } else {
                        eprintln!("phone {p}: card refused: {}", answer.body);
                    }
                    i += 1;
                    std::thread::sleep(Duration::from_millis(2_000));
                }
                let _ = reloader.join();
            })
        })
        .collect();
    std::thread::sleep(Duration::from_secs(3));
    add_cards(s, "demo board, 100 phones writing", 300);
    stop.store(true, Ordering::Relaxed);
    for p in phones {
        let _ = p.join();
    }
    stats(
        "a phone's card: post to answer (during the above)",
        posts.lock().unwrap().clone(),
    );
    stats(
        "a phone reloads the board (during the above)",
        reloads.lock().unwrap().clone(),
    );
}

/// The projector's word cloud while 100 phones send their words over the
/// app's own participant server: all at once, then one after the other.
/// From the post to the projector's next painted frame, and the repaint
/// itself (from the cloud's change in the page to its frame painted: the
/// task after the frame's callbacks, as for an added card).
fn word_cloud() {
    use std::sync::{Arc, Barrier};
    use std::time::{Duration, SystemTime, UNIX_EPOCH};
    use wandzeitung::model::{Activity, AgendaItemInput};

    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("cloud.sqlite3");
    let title = "Wortwolke";
    {
        let store = Store::open(&db).unwrap();
        let w = store
            .create_workshop(&WorkshopInput {
                title: title.into(),
                date: chrono::Local::now().date_naive().to_string(),
                ..Default::default()
            })
            .unwrap();
        store
            .add_agenda_item(
                &w.id,
                &AgendaItemInput {
                    start_time: "09:00".into(),
                    duration_minutes: 15,
                    title: "Ein Wort zum Ortskern".into(),
                    who: String::new(),
                    activity: Activity::WordCloud {
                        question: "Welches Wort fällt Ihnen zu unserem Ortskern ein?".into(),
                        hidden: false,
                    },
                },
            )
            .unwrap();
    }
    let app = App::start(&db);
    let s = &app.session;
    let url = support::flows::invite_phones(s, &db, title);
    s.click(&s.find_all("[data-testid=agenda-start]")[0]);
    s.find("[data-testid=cloud]");
    let (main, projector) = support::flows::open_projector(s);
    s.set_window_size(1280, 720);
    s.find("[data-testid=projected-cloud]");
    s.execute(
        "window.__changes = [];
         new MutationObserver(() => {
           const at = Date.now();
           requestAnimationFrame(() => setTimeout(() => window.__changes.push([at, Date.now()]), 0));
         }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });",
        vec![],
    );
    s.switch_to(&main);
    let (base, secret) = url.split_once("/j/").expect("http://ip:port/j/secret");
    let now_ms = || {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_secs_f64()
            * 1e3
    };
    let device_of = |p: usize| std::net::Ipv4Addr::from(0x7f00_0000 + 10 + (p / 5) as u32);
    let words = [
        "Bürger",
        "Markt",
        "Café",
        "Spielplatz",
        "Grün",
        "Bäcker",
        "Bus",
        "Ruhe",
    ];
    let tokens: Vec<String> = (0..100)
        .map(|p| {
            let joined = support::http::Client::new(device_of(p), base)
                .send(
                    "POST",
                    "/api/join",
                    &[("Content-Type", "application/json")],
                    Some(&serde_json::json!({"secret": secret}).to_string()),
                )
                .unwrap();
            assert_eq!(joined.status, 200, "joining: {}", joined.body);
            joined.json()["token"].as_str().unwrap().to_owned()
        })
        .collect();
    // The item the phones show: every write names it.
    let item = support::http::Client::new(device_of(0), base)
        .send(
            "GET",
            "/api/day",
            &[("Authorization", &format!("Bearer {}", tokens[0]))],
            None,
        )
        .unwrap()
        .json()["item"]
        .clone();
    for (wave, spread_ms) in [("all at once", 0u64), ("one every 50 ms", 50)] {
        let barrier = Arc::new(Barrier::new(100));
        let sent: Vec<f64> = (0..100)
            .map(|p| {
                let (base, token, barrier) = (base.to_owned(), tokens[p].clone(), barrier.clone());
                let device = device_of(p);
                let item = item.clone();
                std::thread::spawn(move || {
                    let mut client = support::http::Client::new(device, &base);
                    let json = [("Content-Type", "application/json")];
                    barrier.wait();
                    std::thread::sleep(Duration::from_millis(spread_ms * p as u64));
                    let body = serde_json::json!({
                        "request_id": format!("p{p}-wave{spread_ms}"),
                        "item": item,
                        "write": {"kind": "send_words", "words": [
                            words[p % words.len()], words[(p * 3 + 1) % words.len()], format!("Ort{p}")]},
                    });
                    let at = now_ms();
                    let answer = client
                        .send("POST", "/api/write", &[("Authorization", &format!("Bearer {token}")), json[0]], Some(&body.to_string()))
                        .unwrap();
                    assert_eq!(answer.status, 200, "{}", answer.body);
                    at
                })
            })
            .collect::<Vec<_>>()
            .into_iter()
            .map(|h| h.join().unwrap())
            .collect();
        std::thread::sleep(Duration::from_millis(1_500));
        s.switch_to(&projector);
        let changes = s.execute(
            "const c = window.__changes; window.__changes = []; return c;",
            vec![],
        );
        let shown = s
            .find_all("[data-testid=projected-cloud] [data-cloud-word]")
            .len();
        s.switch_to(&main);
        let changes: Vec<(f64, f64)> = changes
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|c| Some((c[0].as_f64()?, c[1].as_f64()?)))
                    .collect()
            })
            .unwrap_or_default();
        let to_frame: Vec<f64> = sent
            .iter()
            .filter_map(|t| {
                changes
                    .iter()
                    .find(|(at, _)| at >= t)
                    .map(|(_, frame)| frame - t)
            })
            .collect();
        let repaint: Vec<f64> = changes.iter().map(|(at, frame)| frame - at).collect();
        println!(
            "word cloud, 100 phones {wave}: {} repaints, {shown} words on the projector",
            changes.len()
        );
        stats(&format!("cloud {wave}: post to projector frame"), to_frame);
        stats(&format!("cloud {wave}: repaint (change to frame)"), repaint);
    }
}

fn main() {
    // The app turns WebKit's compositing off when there is no GPU (see
    // src-tauri/src/rendering.rs); the numbers depend on it, so say which.
    let gpu = std::fs::read_dir("/dev/dri").is_ok_and(|d| {
        d.flatten()
            .any(|e| e.file_name().to_string_lossy().starts_with("renderD"))
    });
    let set = std::env::var("WEBKIT_DISABLE_COMPOSITING_MODE").ok();
    println!(
        "GPU render node: {}; WEBKIT_DISABLE_COMPOSITING_MODE: {}",
        if gpu { "yes" } else { "no" },
        set.as_deref().unwrap_or("unset (the app decides)")
    );
    let only: Option<String> = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let parts: [(&str, fn()); 6] = [
        ("start_up", start_up),
        ("big_board", big_board),
        ("workspaces", workspaces),
        ("phones", phones_while_typing),
        ("follow_up", follow_up),
        ("word_cloud", word_cloud),
    ];
    for (name, run) in parts {
        if only.as_deref().is_none_or(|o| name.contains(o)) {
            run();
        }
    }
}
