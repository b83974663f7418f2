//! The agenda conducts the day: what a phone may write while each kind of
//! activity runs, the run of items with their real times, and the links
//! between items and workspaces through export and import.

mod support;

use serde_json::Value;
use support::fixtures;
use wandzeitung::model::*;
use wandzeitung::store::{PhoneCall, PhoneWrite};
use wandzeitung::Store;

/// A workshop ready for every activity: a board with two questions, a card
/// of the phone "p" and one of somebody else with p's dot on it, an actor
/// map, a challenge list with one challenge p has dotted, both votes open,
/// and an agenda item per activity kind.
struct Day {
    _dir: tempfile::TempDir,
    store: Store,
    workshop: Id,
    fields: Vec<Id>,
    own_card: Id,
    other_card: Id,
    sector: Id,
    challenge: Id,
    board: Id,
    items: Vec<(Activity, Id)>,
}

const P: &str = "phone-p";

fn day() -> Day {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("day.sqlite3")).unwrap();
    let (w, b) = fixtures::workshop_with_board(&store, "Tag");
    let board = b.board.id.clone();
    let fields: Vec<Id> = b.fields.iter().map(|f| f.field.id.clone()).collect();
    let map = store.create_actor_map(&w.id, "Akteure").unwrap();
    let sector = store.sectors(&map.id).unwrap()[0].id.clone();
    let list = store
        .create_challenge_list(&w.id, "Herausforderungen")
        .unwrap();
    let challenge = store
        .add_challenge(
            &list.id,
            &ChallengeInput {
                title: "WLAN im Rathaus".into(),
                ..Default::default()
            },
        )
        .unwrap()
        .value
        .id;
    let other_card = store
        .add_card(&fields[0], &fixtures::card("Von der Moderation"))
        .unwrap()
        .value
        .id;
    store.open_vote(&board, 3).unwrap();
    store.open_challenge_vote(&list.id, 3).unwrap();
    // Between agenda items a session opened from the board lets p write there.
    fixtures::phone_session(&store, &w.id, Some(&board));
    let setup = [
        PhoneWrite::AddCard {
            field_id: fields[0].clone(),
            input: fixtures::card("Meine Karte"),
        },
        PhoneWrite::AddDot {
            target: VoteTarget::Card(other_card.clone()),
        },
        PhoneWrite::AddChallengeDot {
            challenge_id: challenge.clone(),
        },
    ];
    let mut own_card = String::new();
    for write in setup {
        let applied = store
            .participant_writes(&w.id, &[call(None, write)])
            .unwrap()
            .remove(0)
            .unwrap();
        if let wandzeitung::store::PhoneWritten::Card(c) = applied.value {
            own_card = c.id;
        }
    }
    let activities = [
        Activity::Listen,
        Activity::Cards {
            board_id: board.clone(),
            field_id: None,
        },
        Activity::Cards {
            board_id: board.clone(),
            field_id: Some(fields[1].clone()),
        },
        Activity::BoardVote {
            board_id: board.clone(),
        },
        Activity::ChallengeVote {
            list_id: list.id.clone(),
        },
        Activity::Actors {
            map_id: map.id.clone(),
        },
        Activity::Challenges {
            list_id: list.id.clone(),
        },
        Activity::Questions { review: false },
        Activity::Poll {
            question: "Wie zufrieden sind Sie?".into(),
            answers: PollAnswers::Scale {
                points: 5,
                low: "gar nicht".into(),
                high: "sehr".into(),
            },
        },
        // p has chosen no group: cards and dots wait for that choice.
        Activity::Groups {
            boards: vec![board.clone()],
        },
        Activity::GroupsVote {
            boards: vec![board.clone()],
            dots: 3,
        },
        // Photos only: no card, dot or other write of the phone's.
        Activity::Photos,
        Activity::WordCloud {
            question: "Ein Wort zur Ortsmitte?".into(),
            hidden: false,
        },
        Activity::ImpactEffort {
            list_id: list.id.clone(),
            hidden: false,
        },
    ];
    let items = activities
        .into_iter()
        .enumerate()
        .map(|(i, activity)| {
            let item = store
                .add_agenda_item(
                    &w.id,
                    &AgendaItemInput {
                        start_time: format!("{:02}:00", 9 + i),
                        duration_minutes: 30,
                        title: format!("Abschnitt {i}"),
                        who: String::new(),
                        activity: activity.clone(),
                    },
                )
                .unwrap();
            (activity, item.id)
        })
        .collect();
    Day {
        _dir: dir,
        store,
        workshop: w.id,
        fields,
        own_card,
        other_card,
        sector,
        challenge,
        board,
        items,
    }
}

fn call(item: Option<&str>, write: PhoneWrite) -> PhoneCall {
    PhoneCall {
        participant: P.into(),
        item: item.map(str::to_owned),
        write,
    }
}

/// The workshop as a file would hold it, without the times that a read
/// moves on: what a refused write must leave exactly as it was.
fn state(store: &Store, workshop: &str) -> Value {
    fixtures::stored_state(store, workshop)
}

/// Every write a phone can make, by name.
fn writes(d: &Day) -> Vec<(&'static str, PhoneWrite)> {
    vec![
        (
            "add card to the first question",
            PhoneWrite::AddCard {
                field_id: d.fields[0].clone(),
                input: fixtures::card("Neu"),
            },
        ),
        (
            "add card to the second question",
            PhoneWrite::AddCard {
                field_id: d.fields[1].clone(),
                input: fixtures::card("Neu"),
            },
        ),
        (
            "change own card",
            PhoneWrite::UpdateCard {
                card_id: d.own_card.clone(),
                input: fixtures::card("Geändert"),
            },
        ),
        (
            "withdraw own card",
            PhoneWrite::DeleteCard {
                card_id: d.own_card.clone(),
            },
        ),
        (
            "dot",
            PhoneWrite::AddDot {
                target: VoteTarget::Card(d.other_card.clone()),
            },
        ),
        (
            "take back dot",
            PhoneWrite::RemoveDot {
                target: VoteTarget::Card(d.other_card.clone()),
            },
        ),
        (
            "challenge dot",
            PhoneWrite::AddChallengeDot {
                challenge_id: d.challenge.clone(),
            },
        ),
        (
            "take back challenge dot",
            PhoneWrite::RemoveChallengeDot {
                challenge_id: d.challenge.clone(),
            },
        ),
        (
            "propose actor",
            PhoneWrite::ProposeActor {
                sector_id: d.sector.clone(),
                name: "Sportverein".into(),
            },
        ),
        (
            "propose challenge",
            PhoneWrite::ProposeChallenge {
                title: "Bänke am Marktplatz".into(),
                dimensions: vec![Dimension::Participation],
            },
        ),
        (
            "ask question",
            PhoneWrite::AskQuestion {
                text: "Wann kommt der Bus?".into(),
                name: String::new(),
            },
        ),
        ("answer poll", PhoneWrite::AnswerPoll { answer: 4 }),
        (
            "join group",
            PhoneWrite::JoinGroup {
                board_id: d.board.clone(),
            },
        ),
        (
            "send words",
            PhoneWrite::SendWords {
                words: vec!["Zusammenhalt".into(), "Markt".into()],
            },
        ),
        (
            "rate challenge",
            PhoneWrite::RateChallenge {
                challenge_id: d.challenge.clone(),
                impact: Some(4),
                effort: Some(2),
            },
        ),
    ]
}

/// What each activity lets a phone do, by the names in `writes`.
fn allowed(activity: &Activity) -> &'static [&'static str] {
    match activity {
        Activity::Listen | Activity::Photos | Activity::OpenBoard { .. } => &[],
        Activity::Cards { field_id: None, .. } => &[
            "add card to the first question",
            "add card to the second question",
            "change own card",
            "withdraw own card",
        ],
        Activity::Cards {
            field_id: Some(_), ..
        } => &[
            "add card to the second question",
            "change own card",
            "withdraw own card",
        ],
        Activity::BoardVote { .. } => &["dot", "take back dot"],
        Activity::ChallengeVote { .. } => &["challenge dot", "take back challenge dot"],
        Activity::Actors { .. } => &["propose actor"],
        Activity::Challenges { .. } => &["propose challenge"],
        Activity::Questions { .. } => &["ask question"],
        Activity::Poll { .. } => &["answer poll"],
        Activity::Groups { .. } => &["join group"],
        Activity::GroupsVote { .. } => &["dot", "take back dot"],
        Activity::WordCloud { .. } => &["send words"],
        Activity::ImpactEffort { .. } => &["rate challenge"],
    }
}

/// Why a write is refused: the item does not do it, or, in group work, a
/// card or dot of a phone in no group yet.
fn refusal(activity: &Activity, name: &str) -> &'static str {
    let on_board = ["card", "dot"].iter().any(|w| name.contains(w)) && !name.contains("challenge");
    match activity {
        Activity::Groups { .. } if on_board => "no_group",
        _ => "item_ended",
    }
}

#[test]
fn every_phone_write_against_every_activity_is_done_or_refused_leaving_the_store_as_it_was() {
    let probe = day();
    let kinds = probe.items.len();
    let names: Vec<&str> = writes(&probe).iter().map(|(n, _)| *n).collect();
    for k in 0..kinds {
        for (w, name) in names.iter().enumerate() {
            // A fresh day for each pair: an allowed write changes the store.
            let d = day();
            let (activity, item) = d.items[k].clone();
            d.store.start_agenda_item(&item).unwrap();
            let write = writes(&d).remove(w).1;
            let before = state(&d.store, &d.workshop);
            let result = d
                .store
                .participant_writes(&d.workshop, &[call(Some(&item), write)])
                .unwrap()
                .remove(0);
            let should = allowed(&activity).contains(name);
            match result {
                Ok(_) => assert!(should, "{name} was done during {activity:?}"),
                Err(e) => {
                    assert!(!should, "{name} was refused during {activity:?}: {e}");
                    assert_eq!(
                        e.code(),
                        refusal(&activity, name),
                        "{name} during {activity:?}"
                    );
                    assert_eq!(
                        state(&d.store, &d.workshop),
                        before,
                        "{name} refused during {activity:?} changed the store"
                    );
                }
            }
        }
    }
}

#[test]
fn a_write_for_the_item_before_is_refused_after_next_and_changes_nothing() {
    let d = day();
    let (_, collecting) = d.items[1].clone();
    d.store.start_agenda_item(&collecting).unwrap();
    let next = d.store.next_agenda_item(&d.workshop).unwrap().unwrap();
    assert_eq!(next.id, d.items[2].1);
    // The second item collects too, on the second question: a card typed
    // for the first item is still refused, its item has moved on.
    let before = state(&d.store, &d.workshop);
    let late = PhoneWrite::AddCard {
        field_id: d.fields[1].clone(),
        input: fixtures::card("Zu spät"),
    };
    let result = d
        .store
        .participant_writes(&d.workshop, &[call(Some(&collecting), late.clone())])
        .unwrap()
        .remove(0);
    assert_eq!(result.unwrap_err().code(), "item_ended");
    assert_eq!(state(&d.store, &d.workshop), before);
    // Sent for the running item, the same card lands.
    let result = d
        .store
        .participant_writes(&d.workshop, &[call(Some(&next.id), late)])
        .unwrap()
        .remove(0);
    assert!(result.is_ok());
}

#[test]
fn an_actor_proposed_from_a_phone_waits_unplaced_until_the_group_places_it() {
    let d = day();
    let (Activity::Actors { map_id }, item) = d.items[5].clone() else {
        panic!("the sixth item collects actors");
    };
    d.store.start_agenda_item(&item).unwrap();
    let written = d
        .store
        .participant_writes(
            &d.workshop,
            &[call(
                Some(&item),
                PhoneWrite::ProposeActor {
                    sector_id: d.sector.clone(),
                    name: "Heimatverein".into(),
                },
            )],
        )
        .unwrap()
        .remove(0)
        .unwrap();
    let actor = d
        .store
        .actors(&map_id)
        .unwrap()
        .into_iter()
        .find(|a| a.name == "Heimatverein")
        .unwrap();
    assert!(!actor.placed, "a proposal lands in the tray");
    assert!(matches!(
        written.change,
        wandzeitung::store::PhoneChange::Workspace(ws, _) if ws == Workspace::ActorMap.at(&map_id)
    ));
    let placed = d.store.place_actor(&actor.id, 4, 2).unwrap().value;
    assert!(placed.placed);
    // Undo puts it back into the tray.
    d.store
        .step_history(&Workspace::ActorMap.at(&map_id), false)
        .unwrap();
    let back = d.store.actors(&map_id).unwrap();
    assert!(!back.iter().find(|a| a.id == actor.id).unwrap().placed);
}

#[test]
fn a_restart_opens_the_workshop_whose_day_is_under_way() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("restart.sqlite3")).unwrap();
    let (earlier, _) = fixtures::workshop_with_board(&store, "Vorige Woche");
    let (today, _) = fixtures::workshop_with_board(&store, "Heute");
    assert_eq!(store.day_under_way().unwrap(), None, "no day under way yet");
    for w in [&today.id, &earlier.id] {
        store
            .add_agenda_item(
                w,
                &AgendaItemInput {
                    start_time: "09:00".into(),
                    duration_minutes: 15,
                    title: "Begrüßung".into(),
                    who: String::new(),
                    activity: Activity::default(),
                },
            )
            .unwrap();
    }
    store.next_agenda_item(&today.id).unwrap().unwrap();
    assert_eq!(store.day_under_way().unwrap(), Some(today.id.clone()));
    // The day is over: past its last item nothing runs.
    assert!(store.next_agenda_item(&today.id).unwrap().is_none());
    assert_eq!(store.day_under_way().unwrap(), None);
    // Phones invited, no item run yet: the session is kept, and that day opens.
    fixtures::phone_session(&store, &earlier.id, None);
    assert_eq!(store.day_under_way().unwrap(), Some(earlier.id.clone()));
}

#[test]
fn the_agenda_keeps_real_times_across_next_reopen_and_the_end() {
    let d = day();
    assert!(d.store.running_agenda_item(&d.workshop).unwrap().is_none());
    let first = d.store.next_agenda_item(&d.workshop).unwrap().unwrap();
    assert_eq!(
        first.id, d.items[0].1,
        "Weiter with nothing running starts the first item"
    );
    assert!(first.started_at.is_some() && first.running_since.is_some());
    let second = d.store.next_agenda_item(&d.workshop).unwrap().unwrap();
    let agenda = d.store.agenda(&d.workshop).unwrap();
    assert!(agenda[0].running_since.is_none(), "one item runs at a time");
    assert_eq!(
        agenda.iter().filter(|i| i.running_since.is_some()).count(),
        1
    );
    // Going back reopens the first item: its first start is kept.
    let again = d.store.start_agenda_item(&first.id).unwrap();
    assert_eq!(again.started_at, first.started_at);
    assert!(again.running_since.is_some());
    let after = d.store.agenda(&d.workshop).unwrap();
    assert!(after[1].running_since.is_none() && after[1].started_at == second.started_at);
    // Past the last item the day ends: nothing runs, the times stay.
    let last = d.items.len() - 1;
    d.store.start_agenda_item(&d.items[last].1).unwrap();
    assert!(d.store.next_agenda_item(&d.workshop).unwrap().is_none());
    let done = d.store.agenda(&d.workshop).unwrap();
    assert!(done.iter().all(|i| i.running_since.is_none()));
    assert!(done[last].started_at.is_some());
}

#[test]
fn export_and_import_keep_each_items_workspace_and_refuse_a_link_to_one_not_in_the_file() {
    let d = day();
    d.store.start_agenda_item(&d.items[1].1).unwrap();
    let doc = d.store.export_workshop(&d.workshop).unwrap();
    let copy = d.store.import_workshop(&doc).unwrap();
    let imported = d.store.agenda(&copy).unwrap();
    let detail = d.store.workshop_detail(&copy).unwrap();
    let board = &detail.boards[0].id;
    assert_eq!(
        imported[1].activity,
        Activity::Cards {
            board_id: board.clone(),
            field_id: None
        },
        "the item points at the imported board, not the original"
    );
    assert!(matches!(
        &imported[2].activity,
        Activity::Cards { field_id: Some(f), .. } if !d.fields.contains(f)
    ));
    assert_eq!(
        imported[5].activity,
        Activity::Actors {
            map_id: detail.actor_maps[0].id.clone()
        }
    );
    assert!(
        imported[1].started_at.is_some(),
        "the real times come along"
    );
    assert!(
        imported.iter().all(|i| i.running_since.is_none()),
        "an imported workshop runs no item"
    );

    let mut broken = doc.clone();
    broken.agenda[3].activity = Activity::BoardVote {
        board_id: "0190aaaa-0000-7000-8000-000000000000".into(),
    };
    let workshops_before = d.store.list_workshops().unwrap().len();
    let err = d.store.import_workshop(&broken).unwrap_err();
    assert_eq!(err.code(), "unsupported_file", "{err}");
    assert!(err.to_string().contains("board"), "{err}");
    assert_eq!(d.store.list_workshops().unwrap().len(), workshops_before);
}

#[test]
fn the_protocol_follows_the_day_with_each_items_times_and_results_under_it() {
    let d = day();
    // Collect cards (all questions), then the second question alone on the
    // same board, then vote: the board's results stand under the first.
    d.store.start_agenda_item(&d.items[1].1).unwrap();
    d.store
        .participant_writes(
            &d.workshop,
            &[call(
                Some(&d.items[1].1),
                PhoneWrite::AddCard {
                    field_id: d.fields[0].clone(),
                    input: fixtures::card("Karte aus der Sammlung"),
                },
            )],
        )
        .unwrap()
        .remove(0)
        .unwrap();
    d.store.next_agenda_item(&d.workshop).unwrap();
    d.store.start_agenda_item(&d.items[5].1).unwrap();
    d.store.end_agenda(&d.workshop).unwrap();
    let doc = d.store.export_workshop(&d.workshop).unwrap();

    let md = wandzeitung::protocol::markdown::render(&doc);
    let at = |needle: &str| {
        md.find(needle)
            .unwrap_or_else(|| panic!("{needle:?} not in the Markdown:\n{md}"))
    };
    let collect = at("## 10:00 Uhr · Abschnitt 1");
    let board = at("### Wandzeitung:");
    let card = at("Karte aus der Sammlung");
    let second = at("## 11:00 Uhr · Abschnitt 2");
    let talk = at("## 09:00 Uhr · Abschnitt 0");
    assert!(
        talk < collect && collect < board && board < card && card < second,
        "each item with its results under it, in the agenda's order"
    );
    assert!(
        md[second..].contains("Ergebnisse siehe oben: Wandzeitung"),
        "a later item on the same board points back"
    );
    assert!(
        md[talk..collect].contains("Tatsächlich: nicht begonnen"),
        "an item that never ran says so"
    );
    assert!(md[collect..board].contains("Tatsächlich: "));
    assert!(!md[collect..board].contains("nicht begonnen"));
    // The actor map ran too; the challenge list no item ran comes after the agenda's items.
    let actors = at("## 14:00 Uhr · Abschnitt 5");
    assert!(md[actors..].contains("### Akteurslandkarte"));

    let text = support::host::pdf_text(
        &wandzeitung::protocol::pdf::render(&doc, chrono::Utc::now()).unwrap(),
    );
    let find = |needle: &str| {
        text.find(needle)
            .unwrap_or_else(|| panic!("{needle:?} not in the PDF:\n{text}"))
    };
    let collect = find("10:00 Uhr · Abschnitt 1");
    let card = find("Karte aus der Sammlung");
    let second = find("11:00 Uhr · Abschnitt 2");
    assert!(collect < card && card < second, "{text}");
    assert!(text[second..].contains("Ergebnisse siehe oben"));
    assert!(text.contains("Tatsächlich"));
}

#[test]
fn each_item_shows_its_own_kind_on_the_phone_and_its_own_page_when_the_kind_has_one() {
    let d = day();
    let mut seen = Vec::new();
    for (activity, item) in &d.items {
        let view = d.store.item_view(item).unwrap();
        assert_eq!(
            !matches!(view, ItemView::Plain),
            activity.facts().item_page,
            "the laptop's page of {activity:?}: {view:?}"
        );
        d.store.start_agenda_item(item).unwrap();
        let phone = d
            .store
            .day_snapshot(&d.workshop)
            .unwrap()
            .for_participant(P);
        assert_eq!(
            phone.now.kind(),
            activity.kind(),
            "the phone during {activity:?}"
        );
        seen.push(activity.kind());
    }
    // A kind this day leaves out is untested here and in the write matrix above.
    let missing: Vec<_> = ActivityKind::ALL
        .iter()
        .filter(|k| **k != ActivityKind::OpenBoard && !seen.contains(k))
        .collect();
    assert!(missing.is_empty(), "kinds not in the test day: {missing:?}");
}
