//! The word cloud in the store: what phones may send, how the words are
//! counted, what the facilitator's moderation does, what each phone is
//! shown, and how the cloud travels in the workshop file.

mod support;

use serde_json::Value;
use support::fixtures;
use wandzeitung::model::words::ItemWordCloud;
use wandzeitung::model::*;
use wandzeitung::store::{PhoneCall, PhoneWrite, PhoneWritten};
use wandzeitung::Store;

struct Room {
    _dir: tempfile::TempDir,
    store: Store,
    workshop: Id,
    cloud: Id,
    talk: Id,
}

fn room(hidden: bool) -> Room {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("cloud.sqlite3")).unwrap();
    let (w, _) = fixtures::workshop_with_board(&store, "Ortsmitte");
    let item = |title: &str, start: &str, activity: Activity| {
        store
            .add_agenda_item(
                &w.id,
                &AgendaItemInput {
                    start_time: start.into(),
                    duration_minutes: 15,
                    title: title.into(),
                    who: String::new(),
                    activity,
                },
            )
            .unwrap()
            .id
    };
    let cloud = item(
        "Ein Wort zur Ortsmitte",
        "09:00",
        Activity::WordCloud {
            question: "Welches Wort fällt Ihnen zu unserem Ortskern ein?".into(),
            hidden,
        },
    );
    let talk = item("Vortrag", "09:15", Activity::Listen);
    Room {
        _dir: dir,
        store,
        workshop: w.id,
        cloud,
        talk,
    }
}

impl Room {
    fn send(&self, who: &str, words: &[&str]) -> wandzeitung::Result<PhoneWritten> {
        self.send_for(who, &self.cloud, words)
    }

    fn send_for(&self, who: &str, item: &str, words: &[&str]) -> wandzeitung::Result<PhoneWritten> {
        self.store
            .participant_writes(
                &self.workshop,
                &[PhoneCall {
                    participant: who.into(),
                    item: Some(item.into()),
                    write: PhoneWrite::SendWords {
                        words: words.iter().map(|w| w.to_string()).collect(),
                    },
                }],
            )
            .unwrap()
            .remove(0)
            .map(|a| a.value)
    }

    fn cloud(&self) -> ItemWordCloud {
        self.store.item_word_cloud(&self.cloud).unwrap().unwrap()
    }

    /// (word, count) on the cloud the room sees: no filler, nothing hidden.
    fn on_cloud(&self) -> Vec<(String, u32)> {
        self.cloud()
            .on_cloud()
            .map(|w| (w.word.clone(), w.count))
            .collect()
    }

    fn mine(&self, who: &str) -> Vec<String> {
        let day = self
            .store
            .day_snapshot(&self.workshop)
            .unwrap()
            .for_participant(who);
        match day.now {
            PhoneView::WordCloud { cloud } => cloud.mine,
            other => panic!("the phone shows {:?}, not the cloud", other.kind()),
        }
    }

    fn state(&self) -> Value {
        fixtures::stored_state(&self.store, &self.workshop)
    }
}

#[test]
fn three_phones_words_in_any_case_and_punctuation_are_counted_as_one_word_each() {
    let r = room(false);
    r.store.start_agenda_item(&r.cloud).unwrap();
    r.send("anna", &["Bürger", "Markt", "und"]).unwrap();
    r.send("ben", &["bürger ", "MARKT!"]).unwrap();
    r.send("cem", &["BÜRGER!", "Café", "die"]).unwrap();
    assert_eq!(
        r.on_cloud(),
        [
            ("Bürger".to_owned(), 3),
            ("Markt".to_owned(), 2),
            ("Café".to_owned(), 1)
        ]
    );
    let cloud = r.cloud();
    assert_eq!(cloud.phones, 3);
    let fillers: Vec<(&str, u32)> = cloud
        .words
        .iter()
        .filter(|w| w.stop_word)
        .map(|w| (w.word.as_str(), w.count))
        .collect();
    assert_eq!(fillers, [("und", 1), ("die", 1)], "counted, off the cloud");
    assert_eq!(r.mine("ben"), ["bürger", "MARKT!"], "as sent");
}

#[test]
fn a_phone_changes_or_takes_back_its_words_and_one_phone_is_one_voice() {
    let r = room(false);
    r.store.start_agenda_item(&r.cloud).unwrap();
    r.send("anna", &["Bürger", "Markt"]).unwrap();
    r.send("anna", &["Spielplatz"]).unwrap();
    assert_eq!(r.on_cloud(), [("Spielplatz".to_owned(), 1)]);
    // The same word twice from one phone counts once.
    r.send("anna", &["Spielplatz", "spielplatz!"]).unwrap();
    assert_eq!(r.on_cloud(), [("Spielplatz".to_owned(), 1)]);
    r.send("anna", &[]).unwrap();
    assert!(r.on_cloud().is_empty());
    assert!(r.mine("anna").is_empty());
}

#[test]
fn too_many_words_a_word_too_long_or_empty_and_a_late_write_are_refused_changing_nothing() {
    let r = room(false);
    r.store.start_agenda_item(&r.cloud).unwrap();
    r.send("anna", &["Bürger"]).unwrap();
    let before = r.state();
    let err = r
        .send("anna", &["eins", "zwei", "drei", "vier"])
        .unwrap_err();
    assert_eq!(err.code(), "full");
    assert_eq!(err.params()["what"], "limit.cloud_words");
    let long = "W".repeat(CLOUD_WORD_MAX + 1);
    let err = r.send("anna", &[long.as_str()]).unwrap_err();
    assert_eq!(err.code(), "too_long");
    let err = r.send("anna", &["?!"]).unwrap_err();
    assert_eq!(err.code(), "empty");
    assert_eq!(r.state(), before);
    // Another item runs: the cloud takes no more words.
    r.store.start_agenda_item(&r.talk).unwrap();
    let before = r.state();
    let err = r.send("ben", &["Später"]).unwrap_err();
    assert_eq!(err.code(), "item_ended");
    // Words named for an item that is not a cloud: refused too.
    let err = r.send_for("ben", &r.talk, &["Vortrag"]).unwrap_err();
    assert_eq!(err.code(), "item_ended");
    assert_eq!(r.state(), before);
}

#[test]
fn a_hidden_word_leaves_the_cloud_in_every_spelling_and_a_covered_cloud_shows_when_revealed() {
    let r = room(true);
    r.store.start_agenda_item(&r.cloud).unwrap();
    r.send("anna", &["Bürger", "Quatsch"]).unwrap();
    r.send("ben", &["QUATSCH!", "Bürger"]).unwrap();
    let cloud = r.cloud();
    assert!(!cloud.shown(), "collected face down");
    let cloud = r.store.hide_cloud_word(&r.cloud, "quatsch", true).unwrap();
    assert_eq!(
        cloud
            .on_cloud()
            .map(|w| w.word.as_str())
            .collect::<Vec<_>>(),
        ["Bürger"]
    );
    assert!(cloud.words.iter().any(|w| w.key == "quatsch" && w.hidden));
    r.store.reveal_results(&r.cloud, true).unwrap();
    assert!(r.cloud().shown());
    // Put back, it counts again.
    r.store.hide_cloud_word(&r.cloud, "Quatsch", false).unwrap();
    assert_eq!(r.on_cloud().len(), 2);
    // Moderation of an item that is no cloud: refused, in words.
    let err = r.store.reveal_results(&r.talk, true).unwrap_err();
    assert_eq!(err.code(), "unknown_value");
}

#[test]
fn the_workshop_file_carries_the_words_the_hidden_ones_and_the_reveal_but_never_who() {
    let r = room(true);
    r.store.start_agenda_item(&r.cloud).unwrap();
    r.send("anna", &["Bürger", "Quatsch"]).unwrap();
    r.send("ben", &["bürger"]).unwrap();
    r.store.hide_cloud_word(&r.cloud, "Quatsch", true).unwrap();
    r.store.reveal_results(&r.cloud, true).unwrap();
    let doc = r.store.export_workshop(&r.workshop).unwrap();
    let json = serde_json::to_string(&doc).unwrap();
    assert!(!json.contains("anna") && !json.contains("ben\""), "{json}");
    let imported = r.store.import_workshop(&doc).unwrap();
    let item = r.store.agenda(&imported).unwrap()[0].clone();
    let cloud = r.store.item_word_cloud(&item.id).unwrap().unwrap();
    assert!(cloud.revealed);
    let on: Vec<(String, u32)> = cloud
        .on_cloud()
        .map(|w| (w.word.clone(), w.count))
        .collect();
    assert_eq!(on, [("Bürger".to_owned(), 2)]);
    assert_eq!(cloud.phones, 2);

    // A broken cloud in the file: refused whole, nothing half taken in.
    let workshops = r.store.list_workshops().unwrap().len();
    let mut broken = doc.clone();
    broken.word_clouds[0].phones[0] = vec!["x".repeat(CLOUD_WORD_MAX + 1)];
    assert!(r.store.import_workshop(&broken).is_err());
    let mut twice = doc.clone();
    twice.word_clouds.push(doc.word_clouds[0].clone());
    assert!(r.store.import_workshop(&twice).is_err());
    assert_eq!(r.store.list_workshops().unwrap().len(), workshops);
}

#[test]
fn the_protocol_shows_the_cloud_the_room_saw_as_a_picture_and_its_words_counted() {
    let r = room(false);
    r.store.start_agenda_item(&r.cloud).unwrap();
    r.send("anna", &["Bürger", "Quatsch", "und"]).unwrap();
    r.send("ben", &["BÜRGER!", "Marktplatz"]).unwrap();
    r.send("cem", &["bürger", "مجتمع"]).unwrap();
    r.store.hide_cloud_word(&r.cloud, "quatsch", true).unwrap();
    let doc = r.store.export_workshop(&r.workshop).unwrap();

    let md = wandzeitung::protocol::markdown::render(&doc);
    assert!(md.contains("Wortwolke: Welches Wort fällt Ihnen"), "{md}");
    assert!(md.contains("- Bürger: 3"), "{md}");
    assert!(md.contains("- مجتمع: 1"), "{md}");
    assert!(md.contains("Füllwörter: und (1)"), "{md}");
    assert!(
        !md.contains("Quatsch"),
        "a hidden word leaves the protocol: {md}"
    );

    let pdf = wandzeitung::protocol::pdf::render(&doc, chrono::Utc::now()).unwrap();
    std::fs::write(
        std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("cloud-protocol.pdf"),
        &pdf,
    )
    .unwrap();
    let text = support::host::pdf_text(&pdf);
    assert!(text.contains("Wortwolke: Welches Wort"), "{text}");
    assert!(text.contains("3× Bürger"), "the counted list: {text}");
    assert!(text.contains("1× Marktplatz"), "{text}");
    assert!(text.contains("7 Wörter von 3 Handys"), "{text}");
    assert!(!text.contains("Quatsch"), "{text}");
    // The picture sets the most frequent word largest: it appears once more
    // than in the list, alone on its line.
    assert!(text.matches("Bürger").count() >= 2, "{text}");

    // The spreadsheet: every word counted, fillers too (marked), none taken off.
    let csv = fixtures::results_csv(&doc);
    let row = |word: &str| fixtures::csv_row(&csv, word);
    assert!(
        csv.starts_with("\u{feff}\"Programmpunkt\";\"Aktivität\""),
        "{csv}"
    );
    assert!(
        row("Bürger").contains("\"Wortwolke\";\"Welches Wort fällt Ihnen"),
        "{csv}"
    );
    assert!(row("Bürger").contains(";\"3\";\"\";"), "{csv}");
    assert!(
        row("und").contains(";\"1\";\"ja\";"),
        "a filler counts: {csv}"
    );
    assert!(row("مجتمع").contains(";\"1\";"), "{csv}");
    assert!(!csv.contains("Quatsch"), "{csv}");

    // A cloud collected face down and never revealed: counted, not shown.
    let covered = room(true);
    covered.store.start_agenda_item(&covered.cloud).unwrap();
    covered.send("anna", &["Geheim"]).unwrap();
    let doc = covered.store.export_workshop(&covered.workshop).unwrap();
    let md = wandzeitung::protocol::markdown::render(&doc);
    assert!(!md.contains("Geheim"), "{md}");
    assert!(md.contains("verdeckt gesammelt, nicht aufgedeckt"), "{md}");
    let csv = wandzeitung::protocol::results_csv::render(&doc);
    assert!(!csv.contains("Geheim"), "{csv}");
}
