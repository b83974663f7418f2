//! Parallel groups in the store: each group on a board of its own, phones
//! that choose (or are counted into) a group write there only, the plenary
//! votes over all groups with one budget and one ranking, and a group's
//! result from a second laptop comes back as a file, whole or not at all.

mod support;

use serde_json::Value;
use support::fixtures;
use wandzeitung::model::document::WorkshopDocument;
use wandzeitung::model::*;
use wandzeitung::store::{PhoneCall, PhoneWrite, PhoneWritten};
use wandzeitung::templates::GROUP_WORK_QUESTIONS;
use wandzeitung::Store;

struct Day {
    _dir: tempfile::TempDir,
    store: Store,
    workshop: Id,
    work: Id,
    vote: Id,
}

fn questions() -> Vec<String> {
    GROUP_WORK_QUESTIONS.iter().map(|q| q.to_string()).collect()
}

fn item(store: &Store, w: &str, title: &str, start: &str, activity: Activity) -> Id {
    store
        .add_agenda_item(
            w,
            &AgendaItemInput {
                start_time: start.into(),
                duration_minutes: 45,
                title: title.into(),
                who: String::new(),
                activity,
            },
        )
        .unwrap()
        .id
}

/// A day with group work (groups A and B) and the plenary's vote after it.
fn day() -> Day {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("groups.sqlite3")).unwrap();
    let (w, _) = fixtures::workshop_with_board(&store, "Themenwerkstatt");
    let work = item(
        &store,
        &w.id,
        "Gruppenarbeit",
        "10:00",
        Activity::Groups { boards: vec![] },
    );
    let vote = item(
        &store,
        &w.id,
        "Priorisieren im Plenum",
        "10:45",
        Activity::GroupsVote {
            boards: vec![],
            dots: 3,
        },
    );
    store
        .create_groups(
            &work,
            &["Gruppe A".into(), "Gruppe B".into()],
            &questions(),
            false,
        )
        .unwrap();
    Day {
        _dir: dir,
        store,
        workshop: w.id,
        work,
        vote,
    }
}

impl Day {
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

    fn groups(&self) -> ItemGroups {
        self.store.item_groups(&self.work).unwrap().unwrap()
    }

    fn board(&self, name: &str) -> Id {
        self.groups()
            .groups
            .into_iter()
            .find(|g| g.name == name)
            .unwrap_or_else(|| panic!("no group {name}"))
            .board_id
    }

    fn field(&self, board: &str) -> Id {
        self.store.board_view(board).unwrap().fields[0]
            .field
            .id
            .clone()
    }

    fn card(&self, who: &str, field: &str, text: &str) -> wandzeitung::Result<Id> {
        match self.write(
            who,
            &self.work,
            PhoneWrite::AddCard {
                field_id: field.into(),
                input: fixtures::card(text),
            },
        )? {
            PhoneWritten::Card(c) => Ok(c.id),
            other => panic!("a card write answered {other:?}"),
        }
    }

    fn join(&self, who: &str, board: &str) -> wandzeitung::Result<PhoneWritten> {
        self.write(
            who,
            &self.work,
            PhoneWrite::JoinGroup {
                board_id: board.into(),
            },
        )
    }

    fn dot(&self, who: &str, card: &str) -> wandzeitung::Result<PhoneWritten> {
        self.write(
            who,
            &self.vote,
            PhoneWrite::AddDot {
                target: VoteTarget::Card(card.into()),
            },
        )
    }

    fn state(&self) -> Value {
        fixtures::stored_state(&self.store, &self.workshop)
    }
}

#[test]
fn each_group_gets_a_board_as_the_template_or_one_per_question() {
    let d = day();
    let g = d.groups();
    let names: Vec<&str> = g.groups.iter().map(|g| g.name.as_str()).collect();
    assert_eq!(names, ["Gruppe A", "Gruppe B"]);
    for group in &g.groups {
        let view = d.store.board_view(&group.board_id).unwrap();
        let asked: Vec<&str> = view
            .fields
            .iter()
            .map(|f| f.field.question.as_str())
            .collect();
        assert_eq!(asked, GROUP_WORK_QUESTIONS, "the template's questions");
    }
    // The plenary's vote follows the groups it votes over.
    let vote = d.store.item_groups(&d.vote).unwrap().unwrap();
    assert_eq!(vote.groups.len(), 2);

    // Themeninseln: one group per question, named after it, that question alone.
    let islands = item(
        &d.store,
        &d.workshop,
        "Themeninseln",
        "11:30",
        Activity::Groups { boards: vec![] },
    );
    let g = d
        .store
        .create_groups(&islands, &[], &questions(), true)
        .unwrap();
    assert_eq!(g.groups.len(), GROUP_WORK_QUESTIONS.len());
    for (group, q) in g.groups.iter().zip(GROUP_WORK_QUESTIONS) {
        assert_eq!(group.name, q);
        let view = d.store.board_view(&group.board_id).unwrap();
        assert_eq!(view.fields.len(), 1);
        assert_eq!(view.fields[0].field.question, q);
    }
    // Not a group-work item, a nameless group, too many groups: refused, nothing made.
    let before = d.state();
    let err = d
        .store
        .create_groups(&d.vote, &["C".into()], &questions(), false)
        .unwrap_err();
    assert_eq!(err.code(), "unknown_value");
    let err = d
        .store
        .create_groups(&d.work, &["C".into(), "  ".into()], &questions(), false)
        .unwrap_err();
    assert_eq!(err.code(), "empty");
    let many: Vec<String> = (0..GROUPS_MAX).map(|i| format!("Tisch {i}")).collect();
    let err = d
        .store
        .create_groups(&d.work, &many, &questions(), false)
        .unwrap_err();
    assert_eq!(err.code(), "out_of_range");
    assert_eq!(d.state(), before, "a refused set-up leaves no board behind");
}

impl Day {
    fn title_of_boards(&self) -> Vec<String> {
        self.store
            .workshop_detail(&self.workshop)
            .unwrap()
            .boards
            .into_iter()
            .map(|b| b.title)
            .collect()
    }
}

#[test]
fn a_phone_writes_into_its_own_groups_board_only() {
    let d = day();
    let (a, b) = (d.board("Gruppe A"), d.board("Gruppe B"));
    d.store.start_agenda_item(&d.work).unwrap();

    // Before choosing: no card anywhere, the reason said.
    let before = d.state();
    let err = d.card("anna", &d.field(&a), "Mehr Bänke").unwrap_err();
    assert_eq!(err.code(), "no_group");
    assert_eq!(d.state(), before);
    let day = d
        .store
        .day_snapshot(&d.workshop)
        .unwrap()
        .for_participant("anna");
    let (choice, board) = groups_on(&day);
    assert_eq!(choice.mine, None);
    assert_eq!(choice.choices.len(), 2);
    assert!(board.is_none(), "no board before a group is chosen");

    d.join("anna", &a).unwrap();
    d.join("ben", &b).unwrap();
    d.card("anna", &d.field(&a), "Mehr Bänke").unwrap();
    d.card("ben", &d.field(&b), "Ein Jugendraum").unwrap();

    // Into the other group's board: refused as if it did not exist.
    let before = d.state();
    let err = d.card("anna", &d.field(&b), "Quer hinein").unwrap_err();
    assert_eq!(err.code(), "not_found");
    // A board of no group of this item: refused too.
    let err = d.join("anna", "no-such-board").unwrap_err();
    assert_eq!(err.code(), "not_found");
    assert_eq!(d.state(), before);

    // Each phone sees its group's board, not the other one.
    let anna = d
        .store
        .day_snapshot(&d.workshop)
        .unwrap()
        .for_participant("anna");
    let (choice, board) = groups_on(&anna);
    assert_eq!(choice.mine.as_deref(), Some(a.as_str()));
    let texts: Vec<String> = board.expect("anna's group's board").fields[0]
        .cards
        .iter()
        .map(|c| c.text.clone())
        .collect();
    assert_eq!(texts, ["Mehr Bänke"]);

    // Changing the group: the next card lands in the new one.
    d.join("anna", &b).unwrap();
    d.card("anna", &d.field(&b), "Auch hier").unwrap();
    let g = d.groups();
    let progress: Vec<(String, u32, u32)> = g
        .groups
        .iter()
        .map(|g| (g.name.clone(), g.members, g.cards))
        .collect();
    assert_eq!(
        progress,
        [("Gruppe A".into(), 0, 1), ("Gruppe B".into(), 2, 2)]
    );

    // Once the item moved on, a group write is an ended item's.
    d.store.start_agenda_item(&d.vote).unwrap();
    let err = d.card("ben", &d.field(&b), "Zu spät").unwrap_err();
    assert_eq!(err.code(), "item_ended");
}

#[test]
fn counting_off_puts_every_phone_into_the_next_group_in_turn() {
    let d = day();
    fixtures::phone_session(&d.store, &d.workshop, None);
    for p in ["p1", "p2", "p3", "p4", "p5"] {
        d.store.add_join_participant(&d.workshop, p, "").unwrap();
    }
    assert_eq!(d.groups().without_group, 5);
    let g = d.store.count_off(&d.work).unwrap();
    let members: Vec<u32> = g.groups.iter().map(|g| g.members).collect();
    assert_eq!(members, [3, 2]);
    assert_eq!(g.without_group, 0);
    // Counted into a group, a phone writes there at once.
    d.store.start_agenda_item(&d.work).unwrap();
    let p2 = d
        .store
        .day_snapshot(&d.workshop)
        .unwrap()
        .for_participant("p2");
    let mine = groups_on(&p2).0.mine.clone().unwrap();
    d.card("p2", &d.field(&mine), "Abgezählt").unwrap();
}

#[test]
fn the_plenary_gives_one_budget_of_dots_over_all_groups_and_gets_one_ranking() {
    let d = day();
    let (a, b) = (d.board("Gruppe A"), d.board("Gruppe B"));
    d.store.start_agenda_item(&d.work).unwrap();
    d.join("anna", &a).unwrap();
    d.join("ben", &b).unwrap();
    let benches = d.card("anna", &d.field(&a), "Mehr Bänke").unwrap();
    let youth = d.card("ben", &d.field(&b), "Ein Jugendraum").unwrap();
    let wifi = d.card("ben", &d.field(&b), "WLAN im Bürgerhaus").unwrap();

    // Dots are the plenary's: not during the group work (the boards' own votes are closed).
    let err = d
        .write(
            "anna",
            &d.work,
            PhoneWrite::AddDot {
                target: VoteTarget::Card(benches.clone()),
            },
        )
        .unwrap_err();
    assert_eq!(err.code(), "vote_closed");

    d.store.start_agenda_item(&d.vote).unwrap();
    // One budget of three across both groups' boards.
    d.dot("cem", &youth).unwrap();
    d.dot("cem", &youth).unwrap();
    d.dot("cem", &benches).unwrap();
    let before = d.state();
    let err = d.dot("cem", &wifi).unwrap_err();
    assert_eq!(err.code(), "dots_used_up");
    assert_eq!(d.state(), before);
    d.dot("dora", &benches).unwrap();
    d.dot("dora", &wifi).unwrap();

    let phone = d
        .store
        .day_snapshot(&d.workshop)
        .unwrap()
        .for_participant("dora");
    let PhoneView::GroupsVote { boards } = &phone.now else {
        panic!(
            "the phone shows {:?}, not the plenary's vote",
            phone.now.kind()
        );
    };
    assert_eq!(boards.len(), 2, "every group's board on the phone");
    assert!(boards
        .iter()
        .all(|b| b.vote_open && b.dots_left == 1 && b.dots_per_participant == 3));

    // Taking a dot back frees it for another group's card.
    d.write(
        "cem",
        &d.vote,
        PhoneWrite::RemoveDot {
            target: VoteTarget::Card(youth.clone()),
        },
    )
    .unwrap();
    d.dot("cem", &wifi).unwrap();

    let plenary = d.store.item_groups(&d.vote).unwrap().unwrap();
    let people: Vec<u32> = plenary.groups.iter().map(|g| g.members).collect();
    assert_eq!(people, [1, 1], "the plenary names who worked in each group");
    let ranking: Vec<(u32, String, String, u32)> = plenary
        .ranking
        .into_iter()
        .map(|r| (r.entry.rank, r.entry.label, r.group, r.entry.dots))
        .collect();
    assert_eq!(
        ranking,
        [
            (1, "Mehr Bänke".into(), "Gruppe A".into(), 2),
            (1, "WLAN im Bürgerhaus".into(), "Gruppe B".into(), 2),
            (3, "Ein Jugendraum".into(), "Gruppe B".into(), 1),
        ]
    );

    // The protocol: each group's board under the group work, the ranking under the vote.
    let doc = d.store.export_workshop(&d.workshop).unwrap();
    let md = wandzeitung::protocol::markdown::render(&doc);
    let work = md.find("· Gruppenarbeit\n").expect("the group work item");
    let group_a = md[work..].find("Wandzeitung: Gruppe A").map(|i| i + work);
    let plenary = md.find("· Priorisieren im Plenum\n").unwrap();
    assert!(
        group_a.is_some_and(|a| a < plenary),
        "group A's board under its item:\n{md}"
    );
    let result = &md[plenary..];
    assert!(
        result.contains("Ergebnis über alle Gruppen")
            && result.contains("1. Mehr Bänke · Gruppe A · 2 Punkte")
            && result.contains("3. Ein Jugendraum · Gruppe B · 1 Punkt"),
        "the plenary ranking under the vote:\n{result}"
    );

    // The file keeps the groups and the vote's boards.
    let again = d.store.import_workshop(&doc).unwrap();
    let copied = d.store.export_workshop(&again).unwrap();
    let boards_of = |doc: &WorkshopDocument, title: &str| -> Vec<String> {
        let item = doc.agenda.iter().find(|a| a.title == title).unwrap();
        item.activity
            .boards()
            .iter()
            .map(|id| {
                doc.boards
                    .iter()
                    .find(|b| b.board.id == *id)
                    .unwrap()
                    .board
                    .title
                    .clone()
            })
            .collect()
    };
    assert_eq!(
        boards_of(&copied, "Gruppenarbeit"),
        ["Gruppe A", "Gruppe B"]
    );
    assert_eq!(
        boards_of(&copied, "Priorisieren im Plenum"),
        ["Gruppe A", "Gruppe B"]
    );
}

#[test]
fn a_groups_result_from_a_second_laptop_comes_in_as_new_boards_whole_or_not_at_all() {
    let d = day();
    // The second laptop: its own store, one board with a cluster and a dot.
    let dir = tempfile::tempdir().unwrap();
    let other = Store::open(dir.path().join("laptop2.sqlite3")).unwrap();
    let (w2, board) = fixtures::workshop_with_board(&other, "Gruppe C allein");
    other.rename_board(&board.board.id, "Gruppe C").unwrap();
    let field = board.fields[0].field.id.clone();
    let c1 = other
        .add_card(&field, &fixtures::card("Radweg"))
        .unwrap()
        .value
        .id;
    let c2 = other
        .add_card(&field, &fixtures::card("Fahrradständer"))
        .unwrap()
        .value
        .id;
    other
        .create_cluster(&field, "Rad", &[c1.clone(), c2.clone()])
        .unwrap();
    other.open_vote(&board.board.id, 3).unwrap();
    other
        .add_dot(&VoteTarget::Card(c1.clone()), "fritz")
        .unwrap();
    let doc = other.export_workshop(&w2.id).unwrap();

    let workshops_before = d.store.list_workshops().unwrap().len();
    let boards_before = d.title_of_boards();
    let new = d.store.import_boards_into(&d.workshop, &doc).unwrap();
    assert_eq!(new.len(), 1);
    let mut titles = boards_before.clone();
    titles.push("Gruppe C".into());
    assert_eq!(d.title_of_boards(), titles, "a new board at the end");
    assert_eq!(
        d.store.list_workshops().unwrap().len(),
        workshops_before,
        "no new workshop, nothing else of the file"
    );
    let view = d.store.board_view(&new[0]).unwrap();
    let f = &view.fields[0];
    assert_eq!(f.clusters.len(), 1);
    assert_eq!(f.clusters[0].heading, "Rad");
    assert_eq!(f.cards.len(), 2);
    assert_eq!(f.cards.iter().map(|c| c.dots).sum::<u32>(), 1);

    // A file breaking a rule anywhere: refused whole, nothing taken in.
    // (its last question blank: the fields and cards before it are fine).
    let mut broken = doc.clone();
    broken.boards[0].fields.last_mut().unwrap().field.question = " ".into();
    let before = d.state();
    let err = d
        .store
        .import_boards_into(&d.workshop, &broken)
        .unwrap_err();
    assert_eq!(err.code(), "empty");
    assert_eq!(d.state(), before);
    // Into a workshop that does not exist: refused.
    let err = d.store.import_boards_into("nope", &doc).unwrap_err();
    assert_eq!(err.code(), "not_found");
}

#[test]
fn groups_named_in_any_script_reach_the_ranking_and_the_printed_protocol() {
    let d = day();
    let names = ["مجموعة الشباب", "Группа 🌳"];
    d.store
        .create_groups(&d.work, &names.map(String::from), &questions(), false)
        .unwrap();
    let (arabic, cyrillic) = (d.board(names[0]), d.board(names[1]));
    d.store.start_agenda_item(&d.work).unwrap();
    d.join("amal", &arabic).unwrap();
    d.join("boris", &cyrillic).unwrap();
    let park = d.card("amal", &d.field(&arabic), "حديقة للجميع").unwrap();
    d.card("boris", &d.field(&cyrillic), "Скамейки у рынка")
        .unwrap();
    d.store.start_agenda_item(&d.vote).unwrap();
    d.dot("cem", &park).unwrap();

    let groups = d.store.item_groups(&d.vote).unwrap().unwrap();
    assert_eq!(groups.ranking[0].group, names[0]);
    let doc = d.store.export_workshop(&d.workshop).unwrap();
    let pdf = wandzeitung::protocol::pdf::render(&doc, chrono::Utc::now()).unwrap();
    let file = d._dir.path().join("gruppen.pdf");
    std::fs::write(&file, pdf).unwrap();
    let out = support::host::tool("pdftotext")
        .file(&file)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils)");
    let text = String::from_utf8_lossy(&out.stdout);
    for word in ["الشباب", "Группа", "Скамейки", "حديقة"] {
        assert!(text.contains(word), "{word} not in the protocol:\n{text}");
    }
}

/// The group work a phone shows; the test fails when it shows something else.
fn groups_on(day: &ParticipantDay) -> (&ParticipantGroups, Option<&ParticipantBoard>) {
    match &day.now {
        PhoneView::Groups { groups, board } => (groups, board.as_ref()),
        other => panic!("the phone shows {:?}, not the groups", other.kind()),
    }
}
