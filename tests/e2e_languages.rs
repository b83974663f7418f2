//! Every participant in their language: real phone browsers (Chromium) whose
//! languages are Arabic, Turkish and Ukrainian join one session of `wz
//! serve`; each page speaks its phone's language from the first screen, the
//! Arabic one right to left; a refusal arrives in the phone's language; a
//! language chosen on the phone survives a reload; on a 320 px screen no
//! text is cut off in any of the seven languages; the axe audit finds no
//! serious or critical issue in Arabic and Turkish.
#![cfg(target_os = "linux")]

mod support;

use serde_json::json;
use support::app::App;
use support::axe::Audit;
use support::flows::{fresh_store, invite_phones, screenshot_path};
use support::phone_browser::PhoneBrowser;
use support::phones::Served;
use support::webdriver::{wait_for, Session};
use wandzeitung::model::*;

const SMALL: (u32, u32) = (320, 640);

fn lang_of(p: &Session) -> String {
    p.execute("return document.documentElement.lang", vec![])
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

fn text_of(p: &Session, css: &str) -> String {
    let el = wait_for(css, || p.find_all(css).into_iter().next());
    p.text(&el)
}

/// What of the page lies outside the screen or is clipped by its box: a
/// line each. Text that wraps and boxes that scroll on purpose (the
/// language list, a textarea) are fine.
fn cut_off(p: &Session) -> Vec<String> {
    let found = p.execute(
        r#"
        const out = [];
        const width = document.documentElement.clientWidth;
        if (document.documentElement.scrollWidth > width + 1)
          out.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} > ${width}`);
        for (const el of document.querySelectorAll('body *')) {
          const r = el.getBoundingClientRect();
          if (r.width === 0 || r.height === 0) continue;
          const text = (el.innerText || el.value || '').trim().slice(0, 40);
          if (r.left < -1 || r.right > width + 1) out.push(`outside the screen: <${el.tagName.toLowerCase()}> ${text}`);
          const style = getComputedStyle(el);
          const clips = ['hidden', 'clip'].includes(style.overflowX) || ['hidden', 'clip'].includes(style.overflowY);
          if (clips && (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1))
            out.push(`clipped: <${el.tagName.toLowerCase()}> ${text}`);
        }
        return out;
        "#,
        vec![],
    );
    found
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str().map(str::to_owned))
        .collect()
}

fn choose(p: &Session, code: &str, lang: &str) {
    p.click(&p.find("[data-testid=phone-language]"));
    p.click(&p.find(&format!("[data-lang='{code}']")));
    wait_for(&format!("the page in {code}"), || {
        (lang_of(p) == lang).then_some(())
    });
}

fn join(p: &Session, name: &str) {
    let field = wait_for("the name form", || p.find_all("#name").into_iter().next());
    p.send_keys(&field, name);
    p.click(&p.find("form.panel button"));
    wait_for("the board on the phone", || {
        p.find_all("section.field form.add textarea")
            .into_iter()
            .next()
    });
}

#[test]
fn phones_in_arabic_turkish_and_ukrainian_each_see_their_language() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("languages.sqlite3");
    let store = wandzeitung::Store::open(&db).unwrap();
    let (_, board) = support::fixtures::workshop_with_board(&store, "Sprachen");
    drop(store);
    let served = Served::start(&db, &board.board.id, &["--named"]);

    // (browser language, page language, its name label, its send button)
    let phones = [
        ("ar", "ar", "اسمك الأول", "أرسل البطاقة"),
        ("tr", "tr", "Adınız", "Kartı gönder"),
        ("uk", "uk", "Ваше ім'я", "Надіслати картку"),
    ];
    let browsers: Vec<PhoneBrowser> = phones
        .iter()
        .map(|(browser, ..)| PhoneBrowser::start_as(Some(browser), SMALL))
        .collect();
    for ((_, lang, label, send), b) in phones.iter().zip(&browsers) {
        let p = &b.session;
        p.navigate(&served.url);
        wait_for(&format!("the first screen in {lang}"), || {
            (lang_of(p) == *lang).then_some(())
        });
        assert_eq!(text_of(p, "label[for=name]"), *label, "{lang}");
        join(p, "Sam");
        let button = p.find("section.field form.add button[type=submit]");
        assert_eq!(p.text(&button), *send, "{lang}");
    }

    // Arabic runs right to left, the whole page.
    let ar = &browsers[0].session;
    for css in ["html", "body", "main", "section.field"] {
        let direction = ar.execute(
            "return getComputedStyle(document.querySelector(arguments[0])).direction",
            vec![json!(css)],
        );
        assert_eq!(direction, "rtl", "{css}");
    }
    ar.screenshot(&screenshot_path("languages-ar-320"));

    // A refusal of the laptop arrives in the phone's language: a card too
    // long (set past the box's own limit, as a script could).
    let tr = &browsers[1].session;
    let entry = tr.find("section.field form.add textarea");
    tr.execute(
        "arguments[0].value = 'x'.repeat(2001); arguments[0].dispatchEvent(new Event('input', { bubbles: true }));",
        vec![Session::element_arg(&entry)],
    );
    tr.click(&tr.find("section.field form.add button[type=submit]"));
    let refusal = text_of(tr, ".problem[role=alert]");
    assert_eq!(
        refusal,
        "Kartın metni çok uzun: 2001 karakter, en fazla 2000 karaktere izin var.",
    );

    // A language chosen on the phone survives a reload.
    let uk = &browsers[2].session;
    choose(uk, "ru", "ru");
    uk.navigate(&served.url);
    wait_for("the page in Russian again", || {
        (lang_of(uk) == "ru"
            && uk
                .find_all("section.field form.add button[type=submit]")
                .into_iter()
                .any(|b| uk.text(&b) == "Отправить карточку"))
        .then_some(())
    });

    // Nothing cut off at 320 px, in each of the seven languages, with the
    // list of languages open too.
    let mut cut = Vec::new();
    for (code, lang) in SEVEN {
        choose(uk, code, lang);
        uk.screenshot(&screenshot_path(&format!("languages-{code}-320")));
        cut.extend(cut_off(uk).into_iter().map(|c| format!("{code}: {c}")));
        uk.click(&uk.find("[data-testid=phone-language]"));
        cut.extend(
            cut_off(uk)
                .into_iter()
                .map(|c| format!("{code}, languages open: {c}")),
        );
        uk.click(&uk.find("[data-testid=phone-language]"));
    }
    assert!(cut.is_empty(), "cut off at 320 px:\n{}", cut.join("\n"));

    // The audit, in Arabic and in Turkish.
    let mut audit = Audit::new();
    for (p, lang) in [(ar, "ar"), (tr, "tr")] {
        audit.view(p, &format!("phone {lang}: writing"));
        p.click(&p.find("[data-testid=phone-language]"));
        audit.view(p, &format!("phone {lang}: the list of languages"));
        p.click(&p.find("[data-testid=phone-language]"));
    }
    for line in &audit.rest {
        println!("  minor: {line}");
    }
    assert!(
        audit.serious.is_empty(),
        "serious or critical:\n{}",
        audit.serious.join("\n")
    );
}

/// The seven languages: (code, the page's `lang`).
const SEVEN: [(&str, &str); 7] = [
    ("de", "de"),
    ("de-simple", "de"),
    ("en", "en"),
    ("tr", "tr"),
    ("ar", "ar"),
    ("uk", "uk"),
    ("ru", "ru"),
];

/// A day of every activity with a phone view of its own, long words in it,
/// and the actor group asked.
fn prepare_day(db: &std::path::Path) -> String {
    let store = wandzeitung::Store::open(db).unwrap();
    let title = "Zukunftswerkstatt Ortsmitte";
    let w = store
        .create_workshop(&WorkshopInput {
            title: title.into(),
            date: chrono::Local::now().date_naive().to_string(),
            actor_groups: Language::De
                .actor_groups()
                .iter()
                .map(|g| (*g).to_owned())
                .collect(),
            ..WorkshopInput::default()
        })
        .unwrap();
    let boards: Vec<Id> = ["Gruppe Marktplatz", "Gruppe Bahnhofsvorplatz"]
        .iter()
        .map(|t| {
            store
                .create_board(&w.id, t, &["Was fehlt in der Ortsmitte?"])
                .unwrap()
                .board
                .id
        })
        .collect();
    let list = store
        .create_challenge_list(&w.id, "Herausforderungen")
        .unwrap();
    for t in [
        "Barrierefreie Bushaltestellen in allen Ortsteilen",
        "Verkehrsberuhigung",
    ] {
        store
            .add_challenge(
                &list.id,
                &ChallengeInput {
                    title: t.into(),
                    ..Default::default()
                },
            )
            .unwrap();
    }
    let activities = [
        Activity::Questions { review: true },
        Activity::Poll {
            question: "Wie gut kennen Sie die Beteiligungsangebote der Gemeinde?".into(),
            answers: PollAnswers::Choices {
                choices: vec!["sehr gut".into(), "etwas".into(), "gar nicht".into()],
            },
        },
        Activity::WordCloud {
            question: "Welches Wort fällt Ihnen zur Ortsmitte ein?".into(),
            hidden: false,
        },
        Activity::ImpactEffort {
            list_id: list.id,
            hidden: false,
        },
        Activity::Groups { boards },
    ];
    for (i, activity) in activities.into_iter().enumerate() {
        store
            .add_agenda_item(
                &w.id,
                &AgendaItemInput {
                    start_time: format!("{:02}:00", 9 + i),
                    duration_minutes: 30,
                    title: format!("Abschnitt {}", i + 1),
                    who: String::new(),
                    activity,
                },
            )
            .unwrap();
    }
    title.into()
}

#[test]
fn every_activity_fits_a_320_px_phone_in_every_language() {
    let (_dir, db) = fresh_store();
    let title = prepare_day(&db);
    let app = App::start(&db);
    let s = &app.session;
    let url = invite_phones(s, &db, &title);
    let phone = PhoneBrowser::start_as(Some("de"), SMALL);
    let p = &phone.session;
    p.navigate(&url);
    p.find("[data-testid=phone-actor-group]");

    let views = [
        "phone-questions",
        "phone-poll",
        "phone-cloud",
        "phone-matrix",
        "phone-groups",
    ];
    let mut cut = Vec::new();
    for (i, view) in views.iter().enumerate() {
        if i == 0 {
            s.click(&s.find_all("[data-testid=agenda-start]")[0]);
        } else {
            s.click(&s.find("[data-testid=day-next]"));
        }
        p.find(&format!("[data-testid={view}]"));
        for (code, lang) in SEVEN {
            choose(p, code, lang);
            p.find(&format!("[data-testid={view}]"));
            cut.extend(
                cut_off(p)
                    .into_iter()
                    .map(|c| format!("{view}, {code}: {c}")),
            );
            if *view == "phone-matrix" || *view == "phone-groups" {
                p.execute(
                    "document.querySelector(`[data-testid=${arguments[0]}]`).scrollIntoView()",
                    vec![json!(view)],
                );
                p.screenshot(&screenshot_path(&format!("languages-{view}-{code}-320")));
            }
        }
    }
    assert!(cut.is_empty(), "cut off at 320 px:\n{}", cut.join("\n"));
}
