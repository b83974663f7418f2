//! A phone says which actor group it belongs to over the join server's HTTP
//! API, as the phone page does: optional, changeable, the workshop's groups
//! only, and counted for the protocol, never named.

mod support;

use serde_json::json;
use support::phones::{get, post, Phone, Served};
use wandzeitung::{templates, Store};

#[test]
fn a_phone_says_its_actor_group_changes_it_and_cannot_name_another() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("groups.sqlite3");
    let (workshop, board) = {
        let store = Store::open(&db).unwrap();
        let id = templates::create_demo_workshop(&store).unwrap();
        let board = store.workshop_detail(&id).unwrap().boards[0].id.clone();
        (id, board)
    };
    let served = Served::start(&db, &board, &[]);
    let phone = Phone::join(&served.base, &served.secret, "");
    let day = |p: &Phone| get(&p.base, "/api/day", &p.token).1;

    let asked = day(&phone);
    assert_eq!(asked["actor_group"]["groups"][1], "Verwaltung", "{asked}");
    assert!(
        asked["actor_group"]["mine"].is_null(),
        "not answered yet: {asked}"
    );

    let say = |group: &str| {
        post(
            &served.base,
            "/api/actor-group",
            Some(&phone.token),
            &json!({ "group": group }),
        )
    };
    assert_eq!(say("Verwaltung").0, 204);
    assert_eq!(day(&phone)["actor_group"]["mine"], "Verwaltung");
    assert_eq!(say("").0, 204, "rather not say");
    assert_eq!(day(&phone)["actor_group"]["mine"], "");
    let (status, refusal) = say("Presse");
    assert_eq!(status, 404, "{refusal}");
    assert_eq!(refusal["message_key"], "error.not_found", "{refusal}");
    assert_eq!(
        day(&phone)["actor_group"]["mine"],
        "",
        "a refusal changes nothing"
    );
    let (status, _) = post(
        &served.base,
        "/api/actor-group",
        None,
        &json!({"group": "Politik"}),
    );
    assert_eq!(status, 401, "only a joined phone says its group");

    drop(served);
    let store = Store::open(&db).unwrap();
    let counted = store.attendance(&workshop).unwrap();
    assert_eq!(counted.phones, 1);
    assert!(counted
        .groups
        .iter()
        .any(|g| g.group.is_empty() && g.phones == 1));
}
