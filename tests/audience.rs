//! Questions from the audience and quick polls, in the store: what phones
//! may ask, back and answer, what the facilitator's moderation does, what
//! each phone is shown, and how both reach the file and the protocol.

mod support;

use serde_json::Value;
use support::fixtures;
use wandzeitung::model::document::WorkshopDocument;
use wandzeitung::model::*;
use wandzeitung::store::{PhoneCall, PhoneWrite, PhoneWritten};
use wandzeitung::Store;

struct Room {
    _dir: tempfile::TempDir,
    store: Store,
    workshop: Id,
    questions: Id,
    poll: Id,
}

fn room(review: bool) -> Room {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("audience.sqlite3")).unwrap();
    let (w, _) = fixtures::workshop_with_board(&store, "Bürgerforum");
    let item = |title: &str, start: &str, activity: Activity| {
        store
            .add_agenda_item(
                &w.id,
                &AgendaItemInput {
                    start_time: start.into(),
                    duration_minutes: 30,
                    title: title.into(),
                    who: String::new(),
                    activity,
                },
            )
            .unwrap()
            .id
    };
    let questions = item(
        "Moderiertes Gespräch",
        "10:00",
        Activity::Questions { review },
    );
    let poll = item(
        "Blitzlicht",
        "10:30",
        Activity::Poll {
            question: "Wie zufrieden sind Sie mit dem Ergebnis?".into(),
            answers: PollAnswers::Scale {
                points: 5,
                low: "gar nicht".into(),
                high: "sehr".into(),
            },
        },
    );
    Room {
        _dir: dir,
        store,
        workshop: w.id,
        questions,
        poll,
    }
}

impl Room {
    fn write(&self, who: &str, item: &str, write: PhoneWrite) -> wandzeitung::Result<PhoneWritten> {
        self.store
            .participant_writes(
                &self.workshop,
                &[PhoneCall {
                    participant: who.into(),
                    item: Some(item.into()),
                    write,
                }],
            )
            .unwrap()
            .remove(0)
            .map(|a| a.value)
    }

    fn ask(&self, who: &str, text: &str) -> wandzeitung::Result<Id> {
        match self.write(
            who,
            &self.questions,
            PhoneWrite::AskQuestion {
                text: text.into(),
                name: String::new(),
            },
        )? {
            PhoneWritten::Question(q) => Ok(q.id),
            other => panic!("asking answered {other:?}"),
        }
    }

    fn back(&self, who: &str, id: &str, backed: bool) -> wandzeitung::Result<PhoneWritten> {
        self.write(
            who,
            &self.questions,
            PhoneWrite::BackQuestion {
                question_id: id.into(),
                backed,
            },
        )
    }

    fn answer(&self, who: &str, answer: u8) -> wandzeitung::Result<PhoneWritten> {
        self.write(who, &self.poll, PhoneWrite::AnswerPoll { answer })
    }

    fn phone(&self, who: &str) -> ParticipantDay {
        self.store
            .day_snapshot(&self.workshop)
            .unwrap()
            .for_participant(who)
    }

    fn listed(&self) -> Vec<Question> {
        self.store
            .item_questions(&self.questions)
            .unwrap()
            .questions
    }

    fn state(&self) -> Value {
        fixtures::stored_state(&self.store, &self.workshop)
    }
}

/// The questions a phone shows; the test fails when it shows something else.
fn questions_on(day: &ParticipantDay) -> &ParticipantQuestions {
    match &day.now {
        PhoneView::Questions { questions } => questions,
        other => panic!("the phone shows {:?}, not the questions", other.kind()),
    }
}

fn poll_on(day: ParticipantDay) -> ParticipantPoll {
    match day.now {
        PhoneView::Poll { poll } => poll,
        other => panic!("the phone shows {:?}, not the poll", other.kind()),
    }
}

fn texts(day: &ParticipantDay) -> Vec<(String, QuestionState)> {
    questions_on(day)
        .questions
        .iter()
        .map(|q| (q.text.clone(), q.state))
        .collect()
}

#[test]
fn phones_ask_and_back_once_and_the_moderation_decides_what_the_room_sees() {
    let r = room(false);
    r.store.start_agenda_item(&r.questions).unwrap();
    let bus = r.ask("anna", "Wann fährt der Bus am Sonntag?").unwrap();
    let wlan = r.ask("ben", "Gibt es WLAN im Bürgerhaus?").unwrap();

    // A third phone backs the bus question twice: counted once.
    r.back("cem", &bus, true).unwrap();
    r.back("cem", &bus, true).unwrap();
    r.back("ben", &bus, true).unwrap();
    let listed = r.listed();
    assert_eq!(listed[0].id, bus, "the most backed first");
    assert_eq!(listed[0].backing, 2);
    let cem = r.phone("cem");
    let q = &questions_on(&cem).questions;
    assert!(q.iter().find(|q| q.id == bus).unwrap().backed);
    // And takes it back.
    r.back("cem", &bus, false).unwrap();
    assert_eq!(r.listed()[0].backing, 1);

    // Hidden: the room no longer sees it, its asker sees that it was not shown.
    r.store
        .set_question_state(&wlan, QuestionState::Hidden)
        .unwrap();
    assert_eq!(
        texts(&r.phone("cem")),
        vec![("Wann fährt der Bus am Sonntag?".into(), QuestionState::Open)]
    );
    assert!(texts(&r.phone("ben"))
        .contains(&("Gibt es WLAN im Bürgerhaus?".into(), QuestionState::Hidden)));
    let before = r.state();
    let err = r.back("cem", &wlan, true).unwrap_err();
    assert_eq!(
        err.code(),
        "not_found",
        "a hidden question cannot be backed"
    );
    assert_eq!(r.state(), before);

    // "Jetzt dran": one at a time; the next one makes the first answered.
    let third = r.ask("dora", "Wer pflegt die Bänke?").unwrap();
    r.store
        .set_question_state(&bus, QuestionState::Current)
        .unwrap();
    r.store
        .set_question_state(&third, QuestionState::Current)
        .unwrap();
    let states: Vec<(Id, QuestionState)> =
        r.listed().into_iter().map(|q| (q.id, q.state)).collect();
    assert!(states.contains(&(bus.clone(), QuestionState::Answered)));
    assert!(states.contains(&(third.clone(), QuestionState::Current)));
}

#[test]
fn with_checking_on_a_question_reaches_the_room_only_once_let_through() {
    let r = room(true);
    r.store.start_agenda_item(&r.questions).unwrap();
    let q = r.ask("anna", "Warum schließt die Bibliothek?").unwrap();
    assert_eq!(
        texts(&r.phone("anna")),
        vec![(
            "Warum schließt die Bibliothek?".into(),
            QuestionState::Waiting
        )],
        "the asker sees it waiting"
    );
    assert!(texts(&r.phone("ben")).is_empty(), "nobody else sees it yet");
    assert_eq!(r.back("ben", &q, true).unwrap_err().code(), "not_found");
    r.store.set_question_state(&q, QuestionState::Open).unwrap();
    assert_eq!(texts(&r.phone("ben")).len(), 1);
    r.back("ben", &q, true).unwrap();
}

#[test]
fn merging_two_questions_adds_their_backing_counting_each_participant_once() {
    let r = room(false);
    r.store.start_agenda_item(&r.questions).unwrap();
    let a = r.ask("anna", "Kommt ein Radweg?").unwrap();
    let b = r.ask("ben", "Wann wird der Radweg gebaut?").unwrap();
    for who in ["p1", "p2", "p3"] {
        r.back(who, &a, true).unwrap();
    }
    for who in ["p3", "p4"] {
        r.back(who, &b, true).unwrap();
    }
    r.store.merge_questions(&b, &a).unwrap();
    let listed = r.listed();
    assert_eq!(listed.len(), 1, "the merged one is listed under the other");
    assert_eq!(listed[0].id, a);
    assert_eq!(listed[0].backing, 4, "p1, p2, p3, p4: p3 once");
    assert_eq!(listed[0].merged, vec!["Wann wird der Radweg gebaut?"]);
    assert_eq!(texts(&r.phone("p4")).len(), 1);
}

#[test]
fn the_cores_limits_refuse_a_question_and_leave_the_store_as_it_was() {
    let r = room(false);
    r.store.start_agenda_item(&r.questions).unwrap();
    let before = r.state();
    let long = "x".repeat(QUESTION_MAX + 1);
    assert_eq!(r.ask("anna", &long).unwrap_err().code(), "too_long");
    assert_eq!(r.ask("anna", " \u{7} ").unwrap_err().code(), "empty");
    assert_eq!(r.state(), before);
    for i in 0..QUESTIONS_PER_PARTICIPANT {
        r.ask("anna", &format!("Frage {i}")).unwrap();
    }
    let full = r.state();
    let err = r.ask("anna", "Noch eine").unwrap_err();
    assert_eq!(err.code(), "full");
    assert_eq!(err.params()["what"], "limit.questions");
    assert_eq!(r.state(), full);
    assert_eq!(questions_on(&r.phone("anna")).left, 0);
    // Another participant still may.
    r.ask("ben", "Und ich?").unwrap();
}

#[test]
fn each_phone_answers_the_poll_once_may_change_it_and_a_closed_poll_keeps_its_result() {
    let r = room(false);
    r.store.start_agenda_item(&r.poll).unwrap();
    // Before answering, a phone does not see how the room answered.
    assert!(poll_on(r.phone("anna")).result.is_none());
    r.answer("anna", 5).unwrap();
    r.answer("ben", 4).unwrap();
    r.answer("cem", 2).unwrap();
    r.answer("cem", 3).unwrap();
    let poll = r.store.item_poll(&r.poll).unwrap().unwrap();
    assert_eq!(poll.result.counts, vec![0, 0, 1, 1, 1]);
    assert_eq!(poll.result.answered, 3);
    assert_eq!(poll.result.average, Some(4.0));
    let anna = poll_on(r.phone("anna"));
    assert_eq!(anna.mine, Some(5));
    assert_eq!(anna.result.unwrap().answered, 3);

    let before = r.state();
    assert_eq!(r.answer("dora", 6).unwrap_err().code(), "out_of_range");
    assert_eq!(r.answer("dora", 0).unwrap_err().code(), "out_of_range");
    // The answers cannot change under the answers given.
    let item = r.store.agenda(&r.workshop).unwrap()[1].clone();
    let err = r
        .store
        .update_agenda_item(
            &r.poll,
            &AgendaItemInput {
                start_time: "10:30".into(),
                duration_minutes: 30,
                title: item.title.clone(),
                who: String::new(),
                activity: Activity::Poll {
                    question: "Wie zufrieden sind Sie mit dem Ergebnis?".into(),
                    answers: PollAnswers::Choices {
                        choices: vec!["Ja".into(), "Nein".into()],
                    },
                },
            },
        )
        .unwrap_err();
    assert_eq!(err.code(), "poll_answered");
    assert_eq!(r.state(), before);

    r.store.close_poll(&r.poll, true).unwrap();
    assert_eq!(r.answer("dora", 1).unwrap_err().code(), "poll_closed");
    assert_eq!(r.answer("anna", 1).unwrap_err().code(), "poll_closed");
    let closed = r.store.item_poll(&r.poll).unwrap().unwrap();
    assert!(closed.closed);
    assert_eq!(closed.result, poll.result, "the result stays");
    // A phone that never answered sees the result once the poll is closed.
    assert!(poll_on(r.phone("dora")).result.is_some());
}

#[test]
fn a_question_or_answer_for_an_item_that_moved_on_is_refused() {
    let r = room(false);
    r.store.start_agenda_item(&r.questions).unwrap();
    let q = r.ask("anna", "Noch eine Frage?").unwrap();
    r.store.next_agenda_item(&r.workshop).unwrap();
    let before = r.state();
    assert_eq!(
        r.ask("ben", "Zu spät?").unwrap_err().code(),
        "item_ended",
        "asked for the item before"
    );
    assert_eq!(r.back("ben", &q, true).unwrap_err().code(), "item_ended");
    assert_eq!(r.state(), before);
    r.answer("ben", 3).unwrap();
}

#[test]
fn the_file_and_the_protocol_keep_questions_and_the_poll_under_their_item() {
    let r = room(false);
    r.store.start_agenda_item(&r.questions).unwrap();
    let bus = r.ask("anna", "Wann fährt der Bus am Sonntag?").unwrap();
    let wlan = r.ask("ben", "Gibt es WLAN im Bürgerhaus?").unwrap();
    let spam = r.ask("cem", "Werbung für meinen Laden").unwrap();
    for who in ["p1", "p2", "p3"] {
        r.back(who, &bus, true).unwrap();
    }
    r.store
        .set_question_state(&bus, QuestionState::Current)
        .unwrap();
    r.store
        .set_question_state(&bus, QuestionState::Answered)
        .unwrap();
    r.store
        .set_question_state(&spam, QuestionState::Hidden)
        .unwrap();
    r.store.next_agenda_item(&r.workshop).unwrap();
    for (who, a) in [("p1", 5), ("p2", 4), ("p3", 4), ("p4", 2)] {
        r.answer(who, a).unwrap();
    }
    r.store.close_poll(&r.poll, true).unwrap();
    r.store.end_agenda(&r.workshop).unwrap();

    let doc = r.store.export_workshop(&r.workshop).unwrap();
    let json = doc.to_json().unwrap();
    for who in ["anna", "ben", "cem", "p1"] {
        assert!(!json.contains(who), "the file names no participant ({who})");
    }
    // Through the file into a new workshop: the same questions, backing and result.
    let copy = r.store.import_workshop(&doc).unwrap();
    let items = r.store.agenda(&copy).unwrap();
    let copied = r.store.item_questions(&items[0].id).unwrap().questions;
    let original = r.listed();
    let strip = |qs: &[Question]| -> Vec<(String, QuestionState, u32)> {
        qs.iter()
            .map(|q| (q.text.clone(), q.state, q.backing))
            .collect()
    };
    assert_eq!(strip(&copied), strip(&original));

    // Questions the app never makes are refused with the field named, and
    // nothing of the file stays: merged into itself, a chain of merges, and
    // two questions under one number (not the database's raw constraint).
    let workshops = r.store.list_workshops().unwrap().len();
    type Breakage = fn(&mut WorkshopDocument);
    let broken: [(&str, Breakage); 3] = [
        ("question_merged_into", |d| {
            d.questions[1].merged_into = Some(d.questions[1].id.clone())
        }),
        ("question_merged_into", |d| {
            d.questions[1].merged_into = Some(d.questions[0].id.clone());
            d.questions[0].merged_into = Some(d.questions[2].id.clone());
        }),
        ("question_seq", |d| d.questions[1].seq = d.questions[0].seq),
    ];
    for (field, break_it) in broken {
        let mut bad = doc.clone();
        break_it(&mut bad);
        let err = r.store.import_workshop(&bad).expect_err(field);
        assert_eq!(err.code(), "unknown_value", "{err}");
        assert_eq!(err.params()["field"], format!("field.{field}"), "{err}");
        assert_eq!(r.store.list_workshops().unwrap().len(), workshops);
    }
    let poll = r.store.item_poll(&items[1].id).unwrap().unwrap();
    assert_eq!(poll.result.counts, vec![0, 1, 0, 2, 1]);
    assert!(poll.closed);
    let _ = wlan;

    let md = wandzeitung::protocol::markdown::render(&doc);
    let item = md.find("Moderiertes Gespräch").unwrap();
    let heading = md.find("Fragen aus dem Publikum").expect(&md);
    let bus_at = md.find("Wann fährt der Bus am Sonntag?").expect(&md);
    let wlan_at = md.find("Gibt es WLAN im Bürgerhaus?").expect(&md);
    assert!(
        item < heading && heading < bus_at && bus_at < wlan_at,
        "{md}"
    );
    assert!(md[bus_at..wlan_at].contains("unterstützt von 3 · beantwortet"));
    assert!(md.contains("1 Frage nicht gezeigt"));
    assert!(!md.contains("Werbung"), "a hidden question is left out");
    assert!(md.contains("Blitzlicht: Wie zufrieden sind Sie mit dem Ergebnis?"));
    assert!(md.contains("- 4: 2"));
    assert!(md.contains("- 1 · gar nicht: 0"), "{md}");
    assert!(md.contains("- 5 · sehr: 1"), "{md}");
    assert!(md.contains("4 Antworten · Durchschnitt 3,8"), "{md}");

    let pdf = wandzeitung::protocol::pdf::render(&doc, chrono::Utc::now()).unwrap();
    // Kept beside the screenshots, to look at as pages.
    let _ = std::fs::write(
        std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("audience-protocol.pdf"),
        &pdf,
    );
    let text = support::host::pdf_text(&pdf);
    let find = |needle: &str| {
        text.find(needle)
            .unwrap_or_else(|| panic!("{needle:?} not in the PDF:\n{text}"))
    };
    assert!(find("Fragen aus dem Publikum") < find("Wann fährt der Bus am Sonntag?"));
    find("unterstützt von 3 · beantwortet");
    find("1 Frage nicht gezeigt");
    assert!(!text.contains("Werbung"));
    assert!(find("Blitzlicht: Wie zufrieden") < find("Durchschnitt 3,8"));
}
