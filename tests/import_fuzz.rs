//! Thousands of seeded mutations of a real workshop export, imported one by
//! one: no panic, and every file the import accepts gives a workshop that
//! keeps the commands' rules (it exports, prints and imports again).

use std::panic::{catch_unwind, AssertUnwindSafe};

use serde_json::Value;
use wandzeitung::model::*;
use wandzeitung::protocol::WorkshopDocument;
use wandzeitung::store::{PhoneCall, PhoneWrite};
use wandzeitung::{templates, Store};

/// xorshift64*: a few lines instead of a dependency, and the same sequence
/// on every machine for a seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Every place in the document a mutation can hit, as JSON pointers.
fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
    out.push(at.clone());
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                pointers(x, format!("{at}/{k}"), out);
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                pointers(x, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

fn mutate(doc: &mut Value, rng: &mut Rng, ids: &[Value]) {
    let mut all = Vec::new();
    pointers(doc, String::new(), &mut all);
    let at = all[rng.below(all.len())].clone();
    let Some(target) = doc.pointer_mut(&at) else {
        return;
    };
    let strings = [
        String::new(),
        "   ".into(),
        "x".repeat(121),
        "y".repeat(301),
        "z".repeat(2_001),
        "\u{202e}\u{0}<script>alert(1)</script>".into(),
        "+10000-01-01T00:00:00Z".into(),
        "-0001-01-01T00:00:00Z".into(),
        "2026-02-30".into(),
        "99:99".into(),
        "verdeckt".into(),
    ];
    let numbers = [0i64, -1, 1, 6, 21, 250, 10_000, i64::from(u32::MAX) + 1];
    *target = match (rng.below(6), &*target) {
        (0, _) => Value::from(strings[rng.below(strings.len())].clone()),
        (1, _) => Value::from(numbers[rng.below(numbers.len())]),
        (2, Value::Bool(b)) => Value::from(!b),
        (2, _) => Value::Null,
        // An id from elsewhere in the document: references across boards,
        // maps and lists.
        (3, _) => ids[rng.below(ids.len())].clone(),
        (4, Value::Array(a)) if !a.is_empty() => {
            let mut a = a.clone();
            let i = rng.below(a.len());
            for _ in 0..rng.below(60) + 1 {
                a.push(a[i].clone());
            }
            Value::from(a)
        }
        (4, Value::Object(m)) if !m.is_empty() => {
            let mut m = m.clone();
            let key = m.keys().nth(rng.below(m.len())).cloned().unwrap();
            m.remove(&key);
            Value::from(m)
        }
        (_, v) => v.clone(),
    };
}

fn ids_of(v: &Value, out: &mut Vec<Value>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                if (k == "id" || k.ends_with("_id")) && x.is_string() {
                    out.push(x.clone());
                }
                ids_of(x, out);
            }
        }
        Value::Array(a) => a.iter().for_each(|x| ids_of(x, out)),
        _ => {}
    }
}

/// The rules the commands enforce, checked on a workshop as the store holds
/// it, written out here again on purpose: an independent reading of them.
fn rules_broken(doc: &WorkshopDocument) -> Vec<String> {
    use chrono::Datelike;
    use std::collections::HashMap;
    let mut out = Vec::new();
    let text = |out: &mut Vec<String>, what: &str, s: &str, max: usize, required: bool| {
        let n = s.chars().count();
        if n > max || (required && s.trim().is_empty()) {
            out.push(format!("{what}: {n} characters"));
        }
    };
    let year = |out: &mut Vec<String>, what: &str, t: chrono::DateTime<chrono::Utc>| {
        if !(1000..=9999).contains(&t.year()) {
            out.push(format!("{what}: year {}", t.year()));
        }
    };
    for b in &doc.boards {
        text(&mut out, "board title", &b.board.title, TITLE_MAX, true);
        if !(1..=DOTS_MAX).contains(&b.board.dots_per_participant) {
            out.push("dots per person".into());
        }
        let mut cards = HashMap::new();
        let mut clusters = Vec::new();
        for f in &b.fields {
            text(&mut out, "question", &f.field.question, TITLE_MAX, true);
            for k in &f.clusters {
                text(&mut out, "cluster heading", &k.heading, TITLE_MAX, true);
                clusters.push(k.id.clone());
            }
            for c in &f.cards {
                text(&mut out, "card", &c.text, CARD_TEXT_MAX, true);
                text(&mut out, "author", &c.author, LABEL_MAX, false);
                year(&mut out, "card time", c.created_at);
                cards.insert(c.id.clone(), c.hidden);
            }
        }
        let mut used: HashMap<&str, u32> = HashMap::new();
        for v in &b.votes {
            *used.entry(v.participant.as_str()).or_default() += 1;
            year(&mut out, "dot time", v.created_at);
            match (&v.card_id, &v.cluster_id) {
                (Some(c), None) => match cards.get(c) {
                    Some(true) => out.push("a dot on a face-down card".into()),
                    Some(false) => {}
                    None => out.push("a dot on another board's card".into()),
                },
                (None, Some(k)) if clusters.contains(k) => {}
                _ => out.push("a dot on nothing of this board".into()),
            }
        }
        if used.values().any(|&n| n > b.board.dots_per_participant) {
            out.push("more dots than a person has".into());
        }
    }
    for m in &doc.actor_maps {
        let sectors: Vec<&str> = m.sectors.iter().map(|s| s.id.as_str()).collect();
        for s in &m.sectors {
            text(&mut out, "sector", &s.name, LABEL_MAX, true);
        }
        let actors: Vec<&str> = m.actors.iter().map(|a| a.id.as_str()).collect();
        for a in &m.actors {
            text(&mut out, "actor", &a.name, TITLE_MAX, true);
            text(&mut out, "role", &a.role, NOTE_MAX, false);
            text(&mut out, "contact", &a.contact, NOTE_MAX, false);
            for x in [a.influence, a.interest] {
                if !(SCALE_MIN..=SCALE_MAX).contains(&x) {
                    out.push(format!("scale {x}"));
                }
            }
            if !sectors.contains(&a.sector_id.as_str()) {
                out.push("an actor in another map's sector".into());
            }
        }
        for r in &m.relations {
            if !actors.contains(&r.from_actor_id.as_str())
                || !actors.contains(&r.to_actor_id.as_str())
            {
                out.push("a relation to another map".into());
            }
            if r.from_actor_id == r.to_actor_id {
                out.push("a relation to itself".into());
            }
            text(&mut out, "relation", &r.label, LABEL_MAX, false);
        }
    }
    agenda_rules_broken(doc, &mut out);
    for l in &doc.challenge_lists {
        text(&mut out, "list title", &l.list.title, TITLE_MAX, true);
        let ids: Vec<&str> = l.challenges.iter().map(|c| c.id.as_str()).collect();
        for c in &l.challenges {
            text(&mut out, "challenge", &c.title, TITLE_MAX, true);
            text(&mut out, "responsible", &c.responsible, LABEL_MAX, false);
            if let Some(d) = c.due_date {
                if !(1000..=9999).contains(&d.year()) {
                    out.push("due date".into());
                }
            }
        }
        let mut used: HashMap<&str, u32> = HashMap::new();
        for v in &l.votes {
            *used.entry(v.participant.as_str()).or_default() += 1;
            if !ids.contains(&v.challenge_id.as_str()) {
                out.push("a dot on another list's challenge".into());
            }
        }
        if used.values().any(|&n| n > l.list.dots_per_participant) {
            out.push("more challenge dots than a person has".into());
        }
    }
    out
}

/// The day's rules: what an item runs in is in the file, group work's
/// boards are the file's and each once; questions sit under an item of the
/// file, numbered once per item, merged only into a question of their item
/// that is itself not merged; poll answers fit the item's poll; a photo
/// belongs to an item or workspace of the file.
fn agenda_rules_broken(doc: &WorkshopDocument, out: &mut Vec<String>) {
    use std::collections::{HashMap, HashSet};
    let boards: HashSet<&str> = doc.boards.iter().map(|b| b.board.id.as_str()).collect();
    let maps: HashSet<&str> = doc.actor_maps.iter().map(|m| m.map.id.as_str()).collect();
    let lists: HashSet<&str> = doc
        .challenge_lists
        .iter()
        .map(|l| l.list.id.as_str())
        .collect();
    let items: HashMap<&str, &AgendaItem> = doc.agenda.iter().map(|i| (i.id.as_str(), i)).collect();
    for item in &doc.agenda {
        if item.title.trim().is_empty() || item.title.chars().count() > TITLE_MAX {
            out.push("item title".into());
        }
        let missing = match &item.activity {
            Activity::Cards { board_id, .. }
            | Activity::BoardVote { board_id }
            | Activity::OpenBoard { board_id } => !boards.contains(board_id.as_str()),
            Activity::Actors { map_id } => !maps.contains(map_id.as_str()),
            Activity::ChallengeVote { list_id } | Activity::Challenges { list_id } => {
                !lists.contains(list_id.as_str())
            }
            Activity::Groups { boards: bs } | Activity::GroupsVote { boards: bs, .. } => {
                let once: HashSet<&String> = bs.iter().collect();
                once.len() != bs.len() || bs.iter().any(|b| !boards.contains(b.as_str()))
            }
            _ => false,
        };
        if missing {
            out.push(format!(
                "item {:?} runs in what is not in the file",
                item.title
            ));
        }
    }
    let questions: HashMap<&str, &wandzeitung::model::document::QuestionDocument> =
        doc.questions.iter().map(|q| (q.id.as_str(), q)).collect();
    let mut numbers = HashSet::new();
    for q in &doc.questions {
        if !items.contains_key(q.item_id.as_str()) {
            out.push("a question under no item of the file".into());
        }
        if !numbers.insert((q.item_id.as_str(), q.seq)) {
            out.push("two questions of one item with one number".into());
        }
        if let Some(into) = &q.merged_into {
            match questions.get(into.as_str()) {
                None => out.push("a question merged into none".into()),
                Some(t) if t.id == q.id => out.push("a question merged into itself".into()),
                Some(t) if t.merged_into.is_some() => out.push("a chain of merges".into()),
                Some(t) if t.item_id != q.item_id => out.push("merged across items".into()),
                Some(_) => {}
            }
        }
    }
    for p in &doc.polls {
        match items.get(p.item_id.as_str()).map(|i| &i.activity) {
            Some(Activity::Poll { answers, .. }) => {
                let max = match answers {
                    PollAnswers::Scale { points, .. } => u32::from(*points),
                    PollAnswers::Choices { choices } => choices.len() as u32,
                };
                if p.answers.iter().any(|a| *a == 0 || u32::from(*a) > max) {
                    out.push("a poll answer outside the poll".into());
                }
            }
            _ => out.push("answers to no poll".into()),
        }
    }
    for photo in &doc.photos {
        if photo
            .item_id
            .as_deref()
            .is_some_and(|i| !items.contains_key(i))
        {
            out.push("a photo under no item of the file".into());
        }
    }
}

/// The demo workshop with what a day adds: questions asked and merged, poll
/// answers, group work on two boards, photos under items.
fn a_whole_day(store: &Store) -> Id {
    let id = templates::create_demo_workshop(store).unwrap();
    let agenda = store.agenda(&id).unwrap();
    let item = |kind: &str| {
        agenda
            .iter()
            .find(|i| i.activity.kind().name() == kind)
            .unwrap()
            .id
            .clone()
    };
    let (questions, poll) = (item("questions"), item("poll"));
    let write = |who: &str, item: &str, write: PhoneWrite| {
        store.start_agenda_item(item).unwrap();
        let call = PhoneCall {
            participant: who.into(),
            item: Some(item.into()),
            write,
        };
        store
            .participant_writes(&id, &[call])
            .unwrap()
            .remove(0)
            .unwrap()
            .value
    };
    let asked: Vec<Id> = ["Wann kommt der Bus?", "Kommt der Bus?", "Wer zahlt?"]
        .iter()
        .enumerate()
        .map(|(n, text)| {
            let ask = PhoneWrite::AskQuestion {
                text: (*text).into(),
                name: String::new(),
            };
            match write(&format!("P{n}"), &questions, ask) {
                wandzeitung::store::PhoneWritten::Question(q) => q.id,
                other => panic!("{other:?}"),
            }
        })
        .collect();
    store.merge_questions(&asked[1], &asked[0]).unwrap();
    for (n, answer) in [3u8, 5, 1].into_iter().enumerate() {
        write(&format!("P{n}"), &poll, PhoneWrite::AnswerPoll { answer });
    }
    let boards: Vec<Id> = store
        .workshop_detail(&id)
        .unwrap()
        .boards
        .iter()
        .map(|b| b.id.clone())
        .collect();
    let groups = store
        .add_agenda_item(
            &id,
            &AgendaItemInput {
                start_time: "15:00".into(),
                duration_minutes: 30,
                title: "Gruppenarbeit".into(),
                who: String::new(),
                activity: Activity::Groups {
                    boards: boards.iter().take(2).cloned().collect(),
                },
            },
        )
        .unwrap();
    for (n, item) in [(1, &questions), (2, &groups.id)] {
        store
            .add_photo(
                &id,
                &PhotoInput {
                    caption: format!("Wand {n}"),
                    item_id: Some(item.clone()),
                    workspace: None,
                },
                &png(32, 24, 90),
            )
            .unwrap();
    }
    store.end_agenda(&id).unwrap();
    id
}

#[test]
fn mutated_workshop_files_never_panic_and_what_is_accepted_keeps_the_rules() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("fuzz.sqlite3")).unwrap();
    let id = a_whole_day(&store);
    let board = store.workshop_detail(&id).unwrap().boards[0].id.clone();
    let view = store.board_view(&board).unwrap();
    let k = store
        .create_cluster(
            &view.fields[0].field.id,
            "Daten",
            &[view.fields[0].cards[0].id.clone()],
        )
        .unwrap()
        .value;
    store.open_vote(&board, 3).unwrap();
    store.add_dot(&VoteTarget::Cluster(k.id), "P1").unwrap();
    store
        .add_dot(&VoteTarget::Card(view.fields[1].cards[0].id.clone()), "P2")
        .unwrap();
    let good = serde_json::to_value(store.export_workshop(&id).unwrap()).unwrap();
    let mut ids = Vec::new();
    ids_of(&good, &mut ids);

    let seed = std::env::var("WZ_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5745_5a47_3131_u64);
    let rounds: usize = std::env::var("WZ_FUZZ_ROUNDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3_000);
    let mut rng = Rng(seed);
    let (mut accepted, mut refused) = (0, 0);
    let started = std::time::Instant::now();
    for round in 0..rounds {
        let mut doc = good.clone();
        for _ in 0..rng.below(3) + 1 {
            mutate(&mut doc, &mut rng, &ids);
        }
        let bytes = serde_json::to_vec(&doc).unwrap();
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            let Ok(doc) = WorkshopDocument::from_json(&bytes) else {
                return None;
            };
            store.import_workshop(&doc).ok()
        }));
        let Ok(imported) = outcome else {
            panic!(
                "round {round} (seed {seed}) panicked on: {}",
                String::from_utf8_lossy(&bytes)
            );
        };
        let Some(new_id) = imported else {
            refused += 1;
            continue;
        };
        accepted += 1;
        let again = store
            .export_workshop(&new_id)
            .unwrap_or_else(|e| panic!("round {round}: accepted but cannot be exported: {e}"));
        if accepted % 25 == 1 {
            wandzeitung::protocol::pdf::render(&again, chrono::Utc::now())
                .unwrap_or_else(|e| panic!("round {round}: accepted but cannot be printed: {e}"));
        }
        let broken = rules_broken(&again);
        assert!(
            broken.is_empty(),
            "round {round}: accepted what the commands refuse: {broken:?}\n{}",
            String::from_utf8_lossy(&bytes)
        );
        wandzeitung::protocol::markdown::render(&again);
        wandzeitung::protocol::csv::render(&again);
        // What was accepted keeps the rules the import enforces: it imports again.
        let copy = store
            .import_workshop(&again)
            .unwrap_or_else(|e| panic!("round {round}: accepted, exported, refused: {e}"));
        store.delete_workshop(&copy).unwrap();
        store.delete_workshop(&new_id).unwrap();
    }
    eprintln!(
        "{rounds} mutated files (seed {seed}): {accepted} accepted, {refused} refused, {:.1?}",
        started.elapsed()
    );
    assert!(
        refused > rounds / 4,
        "the mutations do break files: {refused}"
    );
    assert_eq!(
        store.list_workshops().unwrap().len(),
        1,
        "only the original is left"
    );
}

/// A small picture as a PNG, made in memory.
fn png(width: u32, height: u32, shade: u8) -> Vec<u8> {
    let img = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([shade, (x * 7) as u8, (y * 5) as u8])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

#[test]
fn mutated_workshop_zips_never_panic_and_are_taken_whole_or_not_at_all() {
    use wandzeitung::protocol::export::{render_with, ExportFormat};
    use wandzeitung::protocol::{Pictures, WorkshopFile};

    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("zipfuzz.sqlite3");
    let store = Store::open(&db).unwrap();
    let id = templates::create_demo_workshop(&store).unwrap();
    for (n, shade) in [(1, 40), (2, 200)] {
        store
            .add_photo(
                &id,
                &PhotoInput {
                    caption: format!("Wand {n}"),
                    item_id: None,
                    workspace: None,
                },
                &png(64, 48, shade),
            )
            .unwrap();
    }
    let doc = store.export_workshop(&id).unwrap();
    let good = render_with(
        &doc,
        ExportFormat::Zip,
        chrono::Utc::now(),
        &Pictures::of_store(&db),
    )
    .unwrap();
    let rounds: usize = std::env::var("WZ_FUZZ_ROUNDS")
        .ok()
        .and_then(|s| s.parse::<usize>().ok())
        .map_or(600, |r| r / 5);
    let mut rng = Rng(0x5a49_5046_555a_u64);
    let file = dir.path().join("mutated.zip");
    let (mut accepted, mut refused) = (0, 0);
    for round in 0..rounds {
        let mut bytes = good.clone();
        match rng.below(3) {
            // A few bytes anywhere: headers, the document, a photo, the directory.
            0 => {
                for _ in 0..rng.below(8) + 1 {
                    let at = rng.below(bytes.len());
                    bytes[at] = rng.next() as u8;
                }
            }
            // Cut short, as a copy that did not finish.
            1 => bytes.truncate(rng.below(bytes.len())),
            // Garbage in the middle.
            _ => {
                let at = rng.below(bytes.len());
                let junk: Vec<u8> = (0..rng.below(64) + 1).map(|_| rng.next() as u8).collect();
                bytes.splice(at..at, junk);
            }
        }
        std::fs::write(&file, &bytes).unwrap();
        let before = store.list_workshops().unwrap().len();
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            WorkshopFile::read(&file).and_then(|f| f.import_into(&store, &mut |_| {}))
        }));
        let Ok(imported) = outcome else {
            panic!("round {round} panicked");
        };
        match imported {
            Ok(new_id) => {
                accepted += 1;
                for p in store.photos(&new_id).unwrap() {
                    let jpeg = store.photo_jpeg(&p.id, false).unwrap();
                    image::load_from_memory(&jpeg).unwrap_or_else(|e| {
                        panic!("round {round}: a stored photo does not decode: {e}")
                    });
                }
                store.delete_workshop(&new_id).unwrap();
            }
            Err(_) => {
                refused += 1;
                assert_eq!(
                    store.list_workshops().unwrap().len(),
                    before,
                    "round {round}: a refused file left a workshop behind"
                );
            }
        }
    }
    eprintln!("{rounds} mutated ZIPs: {accepted} taken in whole, {refused} refused");
    assert!(refused > 0, "the mutations reach the checks");
}
