//! Actor maps and challenge lists on a real store file: editing, the grid,
//! sectors, voting and ranking, promotion from a board, undo, bad input.

#[path = "support/fixtures.rs"]
mod fixtures;

use wandzeitung::model::*;
use wandzeitung::{templates, Error, Store};

struct Demo {
    _dir: tempfile::TempDir,
    store: Store,
    workshop: String,
    map: String,
    list: String,
}

fn demo() -> Demo {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("w.sqlite3")).unwrap();
    let workshop = templates::create_demo_workshop(&store).unwrap();
    let detail = store.workshop_detail(&workshop).unwrap();
    Demo {
        map: detail.actor_maps[0].id.clone(),
        list: detail.challenge_lists[0].id.clone(),
        _dir: dir,
        store,
        workshop,
    }
}

fn actor(sector: &str, name: &str) -> ActorInput {
    ActorInput {
        sector_id: sector.into(),
        name: name.into(),
        role: "bringt Räume".into(),
        influence: 2,
        interest: 4,
        involvement: Involvement::Involve,
        contact: String::new(),
    }
}

/// The challenge titles in the list's manual order.
fn titles_in_order(s: &Store, list_id: &str) -> Vec<String> {
    s.challenge_list_view(list_id)
        .unwrap()
        .challenges
        .into_iter()
        .map(|c| c.title)
        .collect()
}

fn challenge(title: &str) -> ChallengeInput {
    ChallengeInput {
        title: title.into(),
        ..ChallengeInput::default()
    }
}

#[test]
fn an_actor_map_starts_with_the_five_sectors_and_takes_an_actor_in_each() {
    let d = demo();
    let s = &d.store;
    let map = s.create_actor_map(&d.workshop, "Zweite Karte").unwrap();
    let view = s.actor_map_view(&map.id).unwrap();
    let names: Vec<&str> = view.sectors.iter().map(|x| x.name.as_str()).collect();
    assert_eq!(names, DEFAULT_SECTORS);
    for sector in &view.sectors {
        s.add_actor(
            &map.id,
            &actor(&sector.id, &format!("Akteur {}", sector.name)),
        )
        .unwrap();
    }
    let view = s.actor_map_view(&map.id).unwrap();
    assert_eq!(view.actors.len(), 5);
    for (a, sector) in view.actors.iter().zip(&view.sectors) {
        assert_eq!(
            a.sector_id, sector.id,
            "one actor per sector, in sector order"
        );
    }
}

#[test]
fn dragging_an_actor_on_the_grid_is_saved_and_can_be_undone() {
    let d = demo();
    let s = &d.store;
    let before = s.actor_map_view(&d.map).unwrap();
    let a = &before.actors[0];
    let moved = s.place_actor(&a.id, 5, 1).unwrap();
    assert_eq!((moved.value.influence, moved.value.interest), (5, 1));
    assert_eq!(moved.history.undo.as_deref(), Some("place_actor"));
    let undone = s
        .step_history(&Workspace::ActorMap.at(&d.map), false)
        .unwrap();
    assert!(undone.value);
    assert_eq!(s.actor_map_view(&d.map).unwrap().actors, before.actors);
    s.step_history(&Workspace::ActorMap.at(&d.map), true)
        .unwrap();
    let again = s.actor_map_view(&d.map).unwrap();
    let a2 = again.actors.iter().find(|x| x.id == a.id).unwrap();
    assert_eq!((a2.influence, a2.interest), (5, 1), "redo puts it back");
}

#[test]
fn bad_actor_input_is_refused_and_changes_nothing() {
    let d = demo();
    let s = &d.store;
    let before = s.actor_map_view(&d.map).unwrap();
    let a = before.actors[0].clone();
    assert!(matches!(
        s.place_actor(&a.id, 6, 3),
        Err(Error::OutOfRange { .. })
    ));
    assert!(matches!(
        s.place_actor(&a.id, 0, 3),
        Err(Error::OutOfRange { .. })
    ));
    assert!(matches!(
        s.add_actor(&d.map, &actor("kein-sektor", "Niemand")),
        Err(Error::UnknownValue { .. })
    ));
    // A sector of another map is as unknown as no sector at all.
    let other = s.create_actor_map(&d.workshop, "Andere").unwrap();
    let foreign = s.actor_map_view(&other.id).unwrap().sectors[0].id.clone();
    assert!(matches!(
        s.update_actor(&a.id, &actor(&foreign, "Gemeinderat")),
        Err(Error::UnknownValue { .. })
    ));
    assert!(matches!(
        s.add_actor(&d.map, &actor(&a.sector_id, "   ")),
        Err(Error::Empty { .. })
    ));
    assert!(matches!(
        s.add_actor(&d.map, &actor(&a.sector_id, &"x".repeat(TITLE_MAX + 1))),
        Err(Error::TooLong { .. })
    ));
    assert_eq!(s.actor_map_view(&d.map).unwrap(), before);
}

#[test]
fn sectors_are_renamed_added_and_removed_but_never_with_their_actors() {
    let d = demo();
    let s = &d.store;
    let view = s.actor_map_view(&d.map).unwrap();
    let politik = &view.sectors[0];
    s.rename_sector(&politik.id, "Kommunalpolitik").unwrap();
    let medien = s.add_sector(&d.map, "Medien").unwrap().value;
    assert_eq!(medien.position, 5);
    let err = s.delete_sector(&politik.id).unwrap_err();
    assert!(
        matches!(err, Error::SectorNotEmpty { count: 1, .. }),
        "{err:?}"
    );
    assert_eq!(err.message_key(), "error.sector_not_empty");
    s.delete_sector(&medien.id).unwrap();
    let after = s.actor_map_view(&d.map).unwrap();
    let names: Vec<&str> = after.sectors.iter().map(|x| x.name.as_str()).collect();
    assert_eq!(names[0], "Kommunalpolitik");
    assert_eq!(names.len(), 5);
    assert_eq!(after.actors, view.actors);
}

#[test]
fn challenges_are_voted_ranked_and_kept_in_a_manual_order() {
    let d = demo();
    let s = &d.store;
    let list = s
        .create_challenge_list(&d.workshop, "Priorisierung")
        .unwrap();
    let ids: Vec<String> = ["Breitband", "Datenportal", "Jugendbeteiligung"]
        .iter()
        .map(|t| s.add_challenge(&list.id, &challenge(t)).unwrap().value.id)
        .collect();
    assert!(matches!(
        s.add_challenge_dot(&ids[0], "P1"),
        Err(Error::VoteClosed)
    ));
    s.open_challenge_vote(&list.id, 2).unwrap();
    s.add_challenge_dot(&ids[2], "P1").unwrap();
    s.add_challenge_dot(&ids[2], "P1").unwrap();
    assert!(matches!(
        s.add_challenge_dot(&ids[1], "P1"),
        Err(Error::DotsUsedUp { max: 2, .. })
    ));
    s.add_challenge_dot(&ids[1], "P2").unwrap();
    s.close_challenge_vote(&list.id).unwrap();
    let view = s.challenge_list_view(&list.id).unwrap();
    let ranked: Vec<(&str, u32, u32)> = view
        .ranking
        .iter()
        .map(|r| (r.title.as_str(), r.dots, r.rank))
        .collect();
    assert_eq!(
        ranked,
        [
            ("Jugendbeteiligung", 2, 1),
            ("Datenportal", 1, 2),
            ("Breitband", 0, 3)
        ]
    );

    s.move_challenge(&ids[2], 0).unwrap();
    let order = titles_in_order(s, &list.id);
    assert_eq!(order, ["Jugendbeteiligung", "Breitband", "Datenportal"]);
    s.step_history(&Workspace::ChallengeList.at(&list.id), false)
        .unwrap();
    let order = titles_in_order(s, &list.id);
    assert_eq!(
        order,
        ["Breitband", "Datenportal", "Jugendbeteiligung"],
        "undo of the move"
    );
}

#[test]
fn bad_challenge_input_is_refused_and_changes_nothing() {
    let d = demo();
    let s = &d.store;
    let before = s.challenge_list_view(&d.list).unwrap();
    let mut bad = challenge("Termin");
    bad.due_date = "31.02.2027".into();
    assert!(matches!(
        s.add_challenge(&d.list, &bad),
        Err(Error::InvalidDate { .. })
    ));
    assert!(matches!(
        s.add_challenge(&d.list, &challenge(&"y".repeat(TITLE_MAX + 1))),
        Err(Error::TooLong { .. })
    ));
    assert!(matches!(
        s.update_challenge("gibt-es-nicht", &challenge("x")),
        Err(Error::NotFound { .. })
    ));
    assert!(matches!(
        s.open_challenge_vote(&d.list, 0),
        Err(Error::OutOfRange { .. })
    ));
    assert_eq!(s.challenge_list_view(&d.list).unwrap(), before);
}

#[test]
fn a_board_card_or_cluster_becomes_a_challenge_or_an_actor_in_one_move() {
    let d = demo();
    let s = &d.store;
    let board = s.workshop_detail(&d.workshop).unwrap().boards[0].id.clone();
    let view = s.board_view(&board).unwrap();
    let card = view.fields[0].cards[0].clone();
    s.open_vote(&board, 3).unwrap();
    s.add_dot(&VoteTarget::Card(card.id.clone()), "P1").unwrap();
    s.add_dot(&VoteTarget::Card(card.id.clone()), "P2").unwrap();

    let c = s.challenge_from_card(&d.list, &card.id).unwrap().value;
    assert_eq!(c.title, card.text);
    assert_eq!(c.source_card_id.as_deref(), Some(card.id.as_str()));
    assert_eq!(c.origin_dots, 2, "the card's dots come along as its origin");

    let members: Vec<Id> = view.fields[1].cards[..2]
        .iter()
        .map(|c| c.id.clone())
        .collect();
    let cluster = s
        .create_cluster(&view.fields[1].field.id, "Vereine", &members)
        .unwrap()
        .value;
    s.add_dot(&VoteTarget::Cluster(cluster.id.clone()), "P3")
        .unwrap();
    let k = s
        .challenge_from_cluster(&d.list, &cluster.id)
        .unwrap()
        .value;
    assert_eq!(k.title, "Vereine");
    assert_eq!(k.origin_dots, 1);
    for m in &view.fields[1].cards[..2] {
        assert!(k.description.contains(&m.text), "{}", k.description);
    }

    let sector = s.actor_map_view(&d.map).unwrap().sectors[2].id.clone();
    let a = s.actor_from_card(&d.map, &card.id, &sector).unwrap().value;
    assert_eq!(a.name, card.text);
    assert_eq!(a.source_card_id.as_deref(), Some(card.id.as_str()));
    assert_eq!((a.influence, a.interest), (3, 3), "starts in the middle");

    // The board is untouched: promotion copies, it does not move the card.
    let after = s.board_view(&board).unwrap();
    assert_eq!(after.fields[0].cards[0].text, card.text);

    assert!(matches!(
        s.challenge_from_card(&d.list, "keine-karte"),
        Err(Error::NotFound { .. })
    ));

    // A card collected face down stays face down everywhere.
    let field = &view.fields[2].field.id;
    s.set_hidden_collection(field, true).unwrap();
    let secret = s
        .add_card(
            field,
            &CardInput {
                text: "noch geheim".into(),
                color: CardColor::Yellow,
                author: String::new(),
            },
        )
        .unwrap()
        .value;
    let before = s.challenge_list_view(&d.list).unwrap();
    assert!(matches!(
        s.challenge_from_card(&d.list, &secret.id),
        Err(Error::CardHidden)
    ));
    assert!(matches!(
        s.actor_from_card(&d.map, &secret.id, &sector),
        Err(Error::CardHidden)
    ));
    assert_eq!(s.challenge_list_view(&d.list).unwrap(), before);
}

#[test]
fn challenge_votes_and_origins_survive_export_and_import() {
    let d = demo();
    let s = &d.store;
    let view = s.challenge_list_view(&d.list).unwrap();
    s.open_challenge_vote(&d.list, 3).unwrap();
    s.add_challenge_dot(&view.challenges[1].id, "P1").unwrap();
    let doc = s.export_workshop(&d.workshop).unwrap();
    let copy = s.import_workshop(&doc).unwrap();
    let list = s.workshop_detail(&copy).unwrap().challenge_lists[0].clone();
    assert!(list.vote_open);
    let copied = s.challenge_list_view(&list.id).unwrap();
    assert_eq!(copied.ranking[0].title, view.challenges[1].title);
    assert_eq!(copied.ranking[0].dots, 1);
}

#[test]
fn promotion_in_one_move_creates_the_list_and_map_it_needs_and_nothing_when_refused() {
    let dir = tempfile::tempdir().unwrap();
    let s = Store::open(dir.path().join("p.sqlite3")).unwrap();
    let (w, board) = fixtures::workshop_with_board(&s, "Ohne Listen");
    let card = |field: usize, text: &str| {
        s.add_card(
            &board.fields[field].field.id,
            &CardInput {
                text: text.into(),
                color: CardColor::Blue,
                author: String::new(),
            },
        )
        .unwrap()
        .value
    };

    // Refused (face down): no list and no map appear.
    s.set_hidden_collection(&board.fields[3].field.id, true)
        .unwrap();
    let secret = card(3, "geheim");
    assert!(matches!(
        s.promote_to_challenge(&VoteTarget::Card(secret.id.clone())),
        Err(Error::CardHidden)
    ));
    assert!(matches!(
        s.promote_to_actor(&secret.id, 0),
        Err(Error::CardHidden)
    ));
    let detail = s.workshop_detail(&w.id).unwrap();
    assert!(detail.challenge_lists.is_empty() && detail.actor_maps.is_empty());

    let c = s
        .promote_to_challenge(&VoteTarget::Card(card(0, "Breitband").id))
        .unwrap();
    let vereinsring = card(1, "Vereinsring");
    assert_eq!(
        s.promotion_sectors(&vereinsring.id).unwrap()[2],
        "Zivilgesellschaft",
        "without a map, the sectors a new one starts with"
    );
    let a = s.promote_to_actor(&vereinsring.id, 2).unwrap();
    let detail = s.workshop_detail(&w.id).unwrap();
    assert_eq!(detail.challenge_lists.len(), 1);
    assert_eq!(detail.challenge_lists[0].title, "Herausforderungen");
    assert_eq!(
        c.workspace,
        Workspace::ChallengeList.at(&detail.challenge_lists[0].id)
    );
    assert_eq!(detail.actor_maps[0].title, "Akteurslandkarte");
    let map = s.actor_map_view(&detail.actor_maps[0].id).unwrap();
    assert_eq!(a.value.sector_id, map.sectors[2].id, "the sector chosen");
    assert!(
        matches!(
            s.promote_to_actor(&card(1, "Niemand").id, 99),
            Err(Error::NotFound { .. })
        ),
        "a sector the map does not have"
    );

    // The second promotion goes to the same list.
    s.promote_to_challenge(&VoteTarget::Card(card(0, "Datenportal").id))
        .unwrap();
    let detail = s.workshop_detail(&w.id).unwrap();
    assert_eq!(detail.challenge_lists.len(), 1);
    let titles = titles_in_order(&s, &detail.challenge_lists[0].id);
    assert_eq!(titles, ["Breitband", "Datenportal"]);
}

/// The relations of a map as "from → to: label", by actor name.
fn relation_lines(s: &Store, map_id: &str) -> Vec<String> {
    let view = s.actor_map_view(map_id).unwrap();
    let name = |id: &str| {
        view.actors
            .iter()
            .find(|a| a.id == id)
            .map(|a| a.name.clone())
            .unwrap()
    };
    view.relations
        .iter()
        .map(|r| {
            format!(
                "{} → {}: {}",
                name(&r.from_actor_id),
                name(&r.to_actor_id),
                r.label
            )
        })
        .collect()
}

/// A map of its own in the demo workshop (the demo's map has relations
/// already), and a way to add an actor to it in a sector by index.
fn network(d: &Demo) -> (String, impl Fn(usize, &str) -> Actor + '_) {
    let map = d
        .store
        .create_actor_map(&d.workshop, "Netzwerk")
        .unwrap()
        .id;
    let sectors = d.store.sectors(&map).unwrap();
    let in_map = map.clone();
    let add = move |sector: usize, name: &str| {
        d.store
            .add_actor(&in_map, &actor(&sectors[sector].id, name))
            .unwrap()
            .value
    };
    (map, add)
}

#[test]
fn actors_are_related_by_labelled_lines_that_go_and_come_back_with_undo() {
    let d = demo();
    let s = &d.store;
    let (map, add) = network(&d);
    let verein = add(2, "Heimatverein");
    let amt = add(1, "Bauamt");
    let rat = add(0, "Gemeinderat");

    s.add_actor_relation(&verein.id, &amt.id, "berät").unwrap();
    s.add_actor_relation(&amt.id, &rat.id, "berichtet an")
        .unwrap();
    assert_eq!(
        relation_lines(s, &map),
        [
            "Heimatverein → Bauamt: berät",
            "Bauamt → Gemeinderat: berichtet an"
        ]
    );

    // Deleting an actor takes its relations; undo brings both back.
    s.delete_actor(&amt.id).unwrap();
    assert!(relation_lines(s, &map).is_empty());
    s.step_history(&Workspace::ActorMap.at(&map), false)
        .unwrap();
    assert_eq!(relation_lines(s, &map).len(), 2);

    // Removing a relation is one step too.
    let first = s.actor_map_view(&map).unwrap().relations[0].id.clone();
    s.delete_actor_relation(&first).unwrap();
    assert_eq!(
        relation_lines(s, &map),
        ["Bauamt → Gemeinderat: berichtet an"]
    );
    s.step_history(&Workspace::ActorMap.at(&map), false)
        .unwrap();
    assert_eq!(relation_lines(s, &map).len(), 2);

    // They travel with the workshop file, between the copies' actors.
    let copy = s
        .import_workshop(&s.export_workshop(&d.workshop).unwrap())
        .unwrap();
    let copied_map = s.workshop_detail(&copy).unwrap().actor_maps[1].id.clone();
    assert_eq!(relation_lines(s, &copied_map), relation_lines(s, &map));
}

#[test]
fn a_relation_to_itself_to_another_map_or_with_a_long_label_is_refused() {
    let d = demo();
    let s = &d.store;
    let (map, add) = network(&d);
    let verein = add(2, "Heimatverein");
    let rat = add(0, "Rat");
    let (_, add_elsewhere) = network(&d);
    let elsewhere = add_elsewhere(4, "Sparkasse");
    let before = s.actor_map_view(&map).unwrap();

    assert!(matches!(
        s.add_actor_relation(&verein.id, &verein.id, "kennt"),
        Err(Error::RelationToItself)
    ));
    assert!(matches!(
        s.add_actor_relation(&verein.id, &elsewhere.id, "kennt"),
        Err(Error::UnknownValue {
            field: "relation_actor",
            ..
        })
    ));
    assert!(matches!(
        s.add_actor_relation(&verein.id, "nope", "kennt"),
        Err(Error::NotFound { .. })
    ));
    assert!(matches!(
        s.add_actor_relation(&verein.id, &rat.id, &"x".repeat(LABEL_MAX + 1)),
        Err(Error::TooLong {
            field: "relation_label",
            ..
        })
    ));
    assert_eq!(
        s.actor_map_view(&map).unwrap(),
        before,
        "nothing drawn and no step to undo"
    );
}
