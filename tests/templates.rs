//! The workshop package in the core: a workshop's set-up saved as a template
//! and a new workshop made from it, the built-in templates, template files
//! refused whole, the facilitator's script and who took part.

mod support;

use serde_json::Value;
use support::fixtures;
use wandzeitung::model::document::WorkshopDocument;
use wandzeitung::model::*;
use wandzeitung::protocol::export::{render, ExportFormat};
use wandzeitung::store::{PhoneCall, PhoneWrite};
use wandzeitung::{templates, Store};

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("templates.sqlite3")).unwrap();
    (dir, store)
}

/// The demo workshop after a day: items run, a phone joined, chose its
/// group and asked a question.
fn a_day_done(store: &Store) -> Id {
    let id = templates::create_demo_workshop(store).unwrap();
    fixtures::phone_session(store, &id, None);
    store.add_join_participant(&id, "phone-1", "Selin").unwrap();
    store
        .choose_actor_group(&id, "phone-1", "Verwaltung")
        .unwrap();
    let agenda = store.agenda(&id).unwrap();
    store.start_agenda_item(&agenda[1].id).unwrap();
    store
        .participant_writes(
            &id,
            &[PhoneCall {
                participant: "phone-1".into(),
                item: Some(agenda[1].id.clone()),
                write: PhoneWrite::AskQuestion {
                    text: "Wer pflegt die Daten? Geheimfrage".into(),
                    name: "Selin".into(),
                },
            }],
        )
        .unwrap()
        .remove(0)
        .unwrap();
    store.start_agenda_item(&agenda[2].id).unwrap();
    id
}

/// Every string anywhere in a JSON value.
fn strings(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.clone()),
        Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
        Value::Object(o) => o.iter().for_each(|(k, x)| {
            out.push(k.clone());
            strings(x, out)
        }),
        _ => {}
    }
}

#[test]
fn a_saved_template_makes_a_workshop_equal_to_the_original_without_the_days_content() {
    let (_dir, store) = store();
    let original = a_day_done(&store);
    let saved = store.save_template(&original, "Werkstatt-Vorlage").unwrap();
    assert_eq!(
        (saved.name.as_str(), saved.builtin),
        ("Werkstatt-Vorlage", false)
    );
    let template = store.saved_template(&saved.id).unwrap();
    let today = chrono::Local::now().date_naive();
    let new = store
        .workshop_from_template(&template, "Werkstatt Gladenbach", today)
        .unwrap();
    let (a, b) = (
        store.export_workshop(&original).unwrap(),
        store.export_workshop(&new).unwrap(),
    );

    // The header: goals and groups kept; names, place, counts and date not.
    assert_eq!(b.workshop.title, "Werkstatt Gladenbach");
    assert_eq!(b.workshop.date, today);
    assert_eq!(b.workshop.goals, a.workshop.goals);
    assert_eq!(b.workshop.actor_groups, a.workshop.actor_groups);
    assert_eq!(b.workshop.language, a.workshop.language);
    assert!(b.workshop.facilitators.is_empty() && b.workshop.place.is_empty());
    assert_eq!(b.workshop.participant_count, 0);

    // The agenda field by field, its activities pointing at the new workspaces.
    assert_eq!(a.agenda.len(), b.agenda.len());
    for (x, y) in a.agenda.iter().zip(&b.agenda) {
        assert_eq!(
            (
                x.start_time,
                x.duration_minutes,
                &x.title,
                &x.notes,
                &x.assignment
            ),
            (
                y.start_time,
                y.duration_minutes,
                &y.title,
                &y.notes,
                &y.assignment
            )
        );
        assert_eq!(x.activity.kind(), y.activity.kind(), "{}", x.title);
        assert!(y.who.is_empty(), "no names: {:?}", y.who);
        assert!(y.started_at.is_none() && y.ran_seconds == 0 && y.running_since.is_none());
        if let (Activity::Cards { board_id: p, .. }, Activity::Cards { board_id: q, .. }) =
            (&x.activity, &y.activity)
        {
            assert_ne!(p, q, "the new agenda names the new board");
            assert!(b.boards.iter().any(|bd| bd.board.id == *q));
        }
    }
    assert!(a.agenda.iter().any(|i| !i.notes.is_empty()));

    // The workspaces: questions, sectors and lists kept, nothing on them.
    let questions = |d: &WorkshopDocument| -> Vec<Vec<(String, bool)>> {
        d.boards
            .iter()
            .map(|bd| {
                bd.fields
                    .iter()
                    .map(|f| (f.field.question.clone(), f.field.hidden_collection))
                    .collect()
            })
            .collect()
    };
    assert_eq!(questions(&a), questions(&b));
    for bd in &b.boards {
        assert!(bd.votes.is_empty());
        assert!(bd
            .fields
            .iter()
            .all(|f| f.cards.is_empty() && f.clusters.is_empty()));
    }
    let sectors = |d: &WorkshopDocument| -> Vec<Vec<String>> {
        d.actor_maps
            .iter()
            .map(|m| m.sectors.iter().map(|s| s.name.clone()).collect())
            .collect()
    };
    assert_eq!(sectors(&a), sectors(&b));
    assert!(b.actor_maps.iter().all(|m| m.actors.is_empty()));
    let lists = |d: &WorkshopDocument| -> Vec<String> {
        d.challenge_lists
            .iter()
            .map(|l| l.list.title.clone())
            .collect()
    };
    assert_eq!(lists(&a), lists(&b));
    assert!(b.challenge_lists.iter().all(|l| l.challenges.is_empty()));
    assert!(b.questions.is_empty() && b.polls.is_empty() && b.photos.is_empty());
    assert_eq!(b.attendance, AttendanceDocument::default());
    assert!(!a.questions.is_empty() && a.attendance.phones.len() == 1);
}

#[test]
fn a_template_carries_no_card_name_caption_or_answer_of_the_workshop() {
    let (_dir, store) = store();
    let original = a_day_done(&store);
    let doc = store.export_workshop(&original).unwrap();
    let saved = store.save_template(&original, "Vorlage").unwrap();
    let json: Value =
        serde_json::from_str(&store.saved_template(&saved.id).unwrap().to_json().unwrap()).unwrap();
    let mut all = Vec::new();
    strings(&json, &mut all);

    let mut private: Vec<String> = Vec::new();
    for b in &doc.boards {
        for f in &b.fields {
            private.extend(f.cards.iter().map(|c| c.text.clone()));
            private.extend(f.cards.iter().map(|c| c.author.clone()));
        }
    }
    for m in &doc.actor_maps {
        private.extend(m.actors.iter().map(|a| a.name.clone()));
        private.extend(m.relations.iter().map(|r| r.label.clone()));
    }
    for l in &doc.challenge_lists {
        private.extend(l.challenges.iter().map(|c| c.title.clone()));
    }
    private.extend(doc.questions.iter().map(|q| q.text.clone()));
    private.extend(doc.questions.iter().map(|q| q.name.clone()));
    private.extend(doc.workshop.facilitators.iter().cloned());
    private.push(doc.workshop.place.clone());
    private.extend(doc.agenda.iter().map(|a| a.who.clone()));
    private.retain(|p| !p.trim().is_empty());
    assert!(private.len() > 20, "the day had content: {private:?}");
    // A short entry ("alle" as who) is found as a whole string, a longer
    // one inside any string.
    for p in &private {
        let found = |s: &String| *s == *p || (p.chars().count() >= 12 && s.contains(p.as_str()));
        assert!(!all.iter().any(found), "{p:?} is in the template");
    }
}

#[test]
fn the_builtin_templates_load_and_make_workshops() {
    let (_dir, store) = store();
    let all = templates::all_templates(&store).unwrap();
    let names: Vec<&str> = all
        .iter()
        .filter(|t| t.builtin)
        .map(|t| t.name.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "Gruppenarbeit nach Akteursgruppen",
            "Workshop-Programm mit Impulsen"
        ]
    );
    for t in all.iter().filter(|t| t.builtin) {
        let template = templates::template(&store, &t.id).unwrap();
        let id = store
            .workshop_from_template(&template, &t.name, chrono::Local::now().date_naive())
            .unwrap();
        let doc = store.export_workshop(&id).unwrap();
        assert_eq!(doc.agenda.len() as u32, t.items);
        assert!(!doc.workshop.goals.is_empty());
        assert!(doc.agenda.iter().all(|a| !a.notes.is_empty()), "{}", t.name);
        let groups = doc
            .agenda
            .iter()
            .find(|a| matches!(a.activity, Activity::Groups { .. }))
            .expect("a group work");
        assert!(!groups.assignment.is_empty());
    }
    // The group work: a board per actor group of the seeds.
    let group_work = templates::template(&store, "builtin:gruppenarbeit").unwrap();
    let boards: Vec<&str> = group_work
        .workshop
        .boards
        .iter()
        .map(|b| b.board.title.as_str())
        .collect();
    assert_eq!(
        boards,
        [
            "Politik",
            "Verwaltung",
            "Zivilgesellschaft",
            "Bildung und Wissenschaft",
            "Wirtschaft"
        ]
    );
    assert!(templates::template(&store, "builtin:nichts").is_err());
}

/// A template file changed by `edit`, as bytes.
fn edited(store: &Store, edit: impl FnOnce(&mut Value)) -> Vec<u8> {
    let t = templates::template(store, "builtin:programm").unwrap();
    let mut v: Value = serde_json::from_str(&t.to_json().unwrap()).unwrap();
    edit(&mut v);
    serde_json::to_vec(&v).unwrap()
}

fn problem(e: wandzeitung::Error) -> String {
    match e {
        wandzeitung::Error::UnsupportedFile { problem, .. } => problem.name().to_owned(),
        other => format!("{other:?}"),
    }
}

#[test]
fn broken_template_files_are_refused_whole_and_change_nothing() {
    let (_dir, store) = store();
    let good = edited(&store, |_| {});
    let kept = store.import_template(&good).unwrap();
    assert_eq!(kept.name, "Workshop-Programm mit Impulsen");
    let before = (
        store.saved_templates().unwrap(),
        store.list_workshops().unwrap().len(),
    );

    let newer = edited(&store, |v| v["format_version"] = 99.into());
    let unknown_kind = edited(&store, |v| {
        v["workshop"]["agenda"][0]["activity"] = serde_json::json!({"kind": "tanzen"})
    });
    let many = edited(&store, |v| {
        let first = v["workshop"]["agenda"][0].clone();
        v["workshop"]["agenda"] = Value::Array(vec![first; 10_000]);
    });
    let long_title = edited(&store, |v| {
        v["workshop"]["boards"][0]["board"]["title"] = "W".repeat(10_000).into()
    });
    let with_cards = {
        let id = templates::create_demo_workshop(&store).unwrap();
        let doc = store.export_workshop(&id).unwrap();
        let mut t = WorkshopTemplate::of(&doc, "Vorlage");
        t.workshop.boards = doc.boards.clone();
        let bytes = t.to_json().unwrap().into_bytes();
        store.delete_workshop(&id).unwrap();
        bytes
    };
    let workshop_file = {
        let id = templates::create_demo_workshop(&store).unwrap();
        let bytes = store.export_workshop(&id).unwrap().to_json().unwrap();
        store.delete_workshop(&id).unwrap();
        bytes.into_bytes()
    };
    let cases: [(&str, &[u8], &str); 7] = [
        ("newer", &newer, "too_new"),
        ("unknown kind", &unknown_kind, "damaged"),
        ("10,000 items", &many, "too_many"),
        ("a title of 10,000", &long_title, "TooLong"),
        ("cards", &with_cards, "template_content"),
        ("a workshop file", &workshop_file, "not_template"),
        ("not JSON", b"Vorlage", "not_json"),
    ];
    for (what, bytes, expected) in cases {
        let e = store.import_template(bytes).unwrap_err();
        assert!(problem(e).contains(expected), "{what}: expected {expected}");
    }
    let after = (
        store.saved_templates().unwrap(),
        store.list_workshops().unwrap().len(),
    );
    assert_eq!(before, after, "a refused file leaves the store as it was");
}

#[test]
fn head_counts_by_actor_group_and_item_reach_the_protocol() {
    let (_dir, store) = store();
    let id = templates::create_demo_workshop(&store).unwrap();
    fixtures::phone_session(&store, &id, None);
    let agenda = store.agenda(&id).unwrap();
    let questions = &agenda[1];
    for (phone, group) in [
        ("p1", Some("Politik")),
        ("p2", Some("Politik")),
        ("p3", Some("")),
        ("p4", None),
    ] {
        store.add_join_participant(&id, phone, "").unwrap();
        if let Some(g) = group {
            store.choose_actor_group(&id, phone, g).unwrap();
        }
    }
    // A group the workshop does not have is refused.
    assert!(store.choose_actor_group(&id, "p4", "Presse").is_err());
    store.start_agenda_item(&questions.id).unwrap();
    for phone in ["p1", "p3"] {
        store
            .participant_writes(
                &id,
                &[PhoneCall {
                    participant: phone.into(),
                    item: Some(questions.id.clone()),
                    write: PhoneWrite::AskQuestion {
                        text: format!("Frage von {phone}"),
                        name: String::new(),
                    },
                }],
            )
            .unwrap()
            .remove(0)
            .unwrap();
    }
    store.set_people_by_hand(&id, "Wirtschaft", 2).unwrap();
    let a = store.attendance(&id).unwrap();
    assert_eq!((a.phones, a.by_hand), (4, 2));
    let politik = a.groups.iter().find(|g| g.group == "Politik").unwrap();
    assert_eq!((politik.phones, politik.by_hand), (2, 0));
    let item = a.items.iter().find(|i| i.item_id == questions.id).unwrap();
    assert_eq!(item.phones, 2);

    // The file carries it, never whose, and brings it back.
    let doc = store.export_workshop(&id).unwrap();
    let back = store.import_workshop(&doc).unwrap();
    let again = store.attendance(&back).unwrap();
    assert_eq!((again.phones, again.by_hand), (4, 2));
    assert_eq!(again.items.iter().map(|i| i.phones).sum::<u32>(), 2);

    let md =
        String::from_utf8(render(&doc, ExportFormat::Md, chrono::Utc::now()).unwrap()).unwrap();
    assert!(md.contains("Teilnahme nach Akteursgruppe"), "{md}");
    assert!(md.contains("- Politik: 2"), "{md}");
    assert!(md.contains("- Wirtschaft: 2 (davon 2 ohne Handy)"), "{md}");
    assert!(md.contains("- ohne Angabe: 2"), "{md}");
    assert!(md.contains("Zusammen: 6 (4 mit Handy, 2 ohne)"), "{md}");
    assert!(
        md.contains("Mitgemacht: 2 Handys (Politik 1, ohne Angabe 1)"),
        "{md}"
    );
    assert!(md.contains("Ziele des Workshops"), "{md}");
    let pdf = render(&doc, ExportFormat::Pdf, chrono::Utc::now()).unwrap();
    let text = support::host::pdf_text(&pdf);
    assert!(text.contains("Teilnahme nach Akteursgruppe"), "{text}");
    assert!(text.contains("Mitgemacht: 2 Handys"), "{text}");
    // The facilitator's notes stay out of the protocol.
    let note = &agenda[0].notes;
    assert!(!note.is_empty());
    assert!(
        !md.contains(note.as_str()) && !text.contains("QR-Code projizieren"),
        "{md}"
    );
}

#[test]
fn the_moderationsleitfaden_has_the_days_script_and_none_of_its_content() {
    let (_dir, store) = store();
    let id = a_day_done(&store);
    let doc = store.export_workshop(&id).unwrap();
    let pdf = render(&doc, ExportFormat::Script, chrono::Utc::now()).unwrap();
    std::fs::write(
        std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("moderationsleitfaden.pdf"),
        &pdf,
    )
    .unwrap();
    let text = support::host::pdf_text(&pdf);
    for needle in [
        "Moderationsleitfaden",
        "Ziele des Workshops",
        "Open Government als Strategie",
        "09:30 Uhr · Begrüßung & Einführung",
        "Notizen für die Moderation",
        "QR-Code projizieren",
        "Am Handy: Fragen aus dem Publikum",
        "Blitzlicht: Wie zufrieden",
    ] {
        assert!(text.contains(needle), "{needle:?} not in:\n{text}");
    }
    assert!(
        !text.contains("Geheimfrage"),
        "no question of the day: {text}"
    );
    assert!(
        !text.contains("Verwaltungsdaten liegen verstreut"),
        "no card: {text}"
    );
    let name = wandzeitung::protocol::export::suggested_file_name(&doc, ExportFormat::Script);
    assert!(name.ends_with("Moderationsleitfaden.pdf"), "{name}");
}

#[test]
fn goals_actor_groups_and_notes_are_checked_as_they_are_set() {
    let (_dir, store) = store();
    let (w, _) = fixtures::workshop_with_board(&store, "Werkstatt");
    let set = |goals: Vec<String>, groups: Vec<String>| {
        store.update_workshop(
            &w.id,
            &WorkshopInput {
                goals,
                actor_groups: groups,
                ..w.input()
            },
        )
    };
    let kept = set(
        vec![
            "  Ideen\nsammeln ".into(),
            "".into(),
            "Ideen sammeln".into(),
        ],
        vec!["Politik".into()],
    )
    .unwrap();
    assert_eq!(kept.goals, ["Ideen sammeln"], "one visible line each, once");
    assert!(set(vec!["x".repeat(301)], vec![]).is_err());
    assert!(set((0..11).map(|i| format!("Ziel {i}")).collect(), vec![]).is_err());
    assert!(set(vec![], (0..13).map(|i| format!("Gruppe {i}")).collect()).is_err());
    assert_eq!(
        store.workshop_detail(&w.id).unwrap().workshop.goals,
        ["Ideen sammeln"],
        "a refused header changes nothing"
    );

    let item = store
        .add_agenda_item(
            &w.id,
            &AgendaItemInput {
                start_time: "10:00".into(),
                duration_minutes: 30,
                title: "Gruppenarbeit".into(),
                who: String::new(),
                activity: Activity::Listen,
            },
        )
        .unwrap();
    let script = ItemScript {
        notes: "Erst still schreiben.\nDann clustern.".into(),
        assignment: "Sammeln Sie drei Punkte.".into(),
    };
    let set = store.set_item_script(&item.id, &script).unwrap();
    assert_eq!(
        (set.notes.as_str(), set.assignment.as_str()),
        (script.notes.as_str(), script.assignment.as_str())
    );
    let too_long = ItemScript {
        notes: "n".repeat(NOTE_MAX + 1),
        assignment: String::new(),
    };
    assert!(store.set_item_script(&item.id, &too_long).is_err());
    assert_eq!(store.agenda(&w.id).unwrap()[0].notes, script.notes);
}

/// Text as pdftotext gives it back, without the direction marks it puts
/// around right-to-left runs.
fn without_marks(text: &str) -> String {
    text.chars()
        .filter(|c| !matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'))
        .collect()
}

#[test]
fn arabic_cyrillic_and_emoji_go_through_a_template_file_the_script_and_the_head_count() {
    let (_dir, store) = store();
    let w = store
        .create_workshop(&WorkshopInput {
            title: "ورشة المستقبل 🌳".into(),
            date: "2026-12-01".into(),
            goals: vec!["Собрать идеи 💡".into(), "تحديد الأولويات".into()],
            actor_groups: vec!["Молодёжь".into(), "الشباب 🧑‍🎓".into()],
            ..WorkshopInput::default()
        })
        .unwrap();
    let board = store
        .create_board(&w.id, "Доска 🗳️", &["Что не хватает?"])
        .unwrap();
    let item = store
        .add_agenda_item(
            &w.id,
            &AgendaItemInput {
                start_time: "10:00".into(),
                duration_minutes: 30,
                title: "Работа в группах".into(),
                who: String::new(),
                activity: Activity::Groups {
                    boards: vec![board.board.id.clone()],
                },
            },
        )
        .unwrap();
    let script = ItemScript {
        notes: "ابدأ بالصمت ✍️\nЗатем кластеры".into(),
        assignment: "Соберите три пункта 🎯".into(),
    };
    store.set_item_script(&item.id, &script).unwrap();

    // Through the template's file into another store and back out as a workshop.
    let saved = store.save_template(&w.id, "قالب 🌳 Шаблон").unwrap();
    let file = store.saved_template(&saved.id).unwrap().to_json().unwrap();
    let (_other_dir, other) = self::store();
    let taken = other.import_template(file.as_bytes()).unwrap();
    assert_eq!(taken.name, "قالب 🌳 Шаблон");
    let template = other.saved_template(&taken.id).unwrap();
    let made = other
        .workshop_from_template(
            &template,
            "Новая мастерская",
            chrono::Local::now().date_naive(),
        )
        .unwrap();
    let doc = other.export_workshop(&made).unwrap();
    assert_eq!(doc.workshop.goals, ["Собрать идеи 💡", "تحديد الأولويات"]);
    assert_eq!(doc.workshop.actor_groups, ["Молодёжь", "الشباب 🧑‍🎓"]);
    assert_eq!(doc.agenda[0].notes, script.notes);
    assert_eq!(doc.agenda[0].assignment, script.assignment);
    assert_eq!(doc.boards[0].board.title, "Доска 🗳️");

    // The script prints them; the phone sees the assignment as written.
    let pdf = render(&doc, ExportFormat::Script, chrono::Utc::now()).unwrap();
    let text = without_marks(&support::host::pdf_text(&pdf));
    // (pdftotext gives the lam-alef ligature back in another order, so the
    // Arabic goal is read by its first word.)
    for needle in [
        "Собрать идеи",
        "تحديد",
        "ابدأ بالصمت",
        "Затем кластеры",
        "Соберите три пункта",
    ] {
        assert!(text.contains(needle), "{needle:?} not in:\n{text}");
    }
    fixtures::phone_session(&other, &made, None);
    other.add_join_participant(&made, "p1", "").unwrap();
    other.choose_actor_group(&made, "p1", "الشباب 🧑‍🎓").unwrap();
    let item = &doc.agenda[0].id;
    other.start_agenda_item(item).unwrap();
    let day = other.day_snapshot(&made).unwrap().for_participant("p1");
    let PhoneView::Groups { groups, .. } = &day.now else {
        panic!("the group work on the phone: {:?}", day.now);
    };
    assert_eq!(groups.assignment, "Соберите три пункта 🎯");
    assert_eq!(
        day.actor_group.and_then(|g| g.mine).as_deref(),
        Some("الشباب 🧑‍🎓")
    );
    let md = String::from_utf8(
        render(
            &other.export_workshop(&made).unwrap(),
            ExportFormat::Md,
            chrono::Utc::now(),
        )
        .unwrap(),
    )
    .unwrap();
    assert!(md.contains("- الشباب 🧑‍🎓: 1"), "{md}");
}
