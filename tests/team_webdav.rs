//! The team folder against a real WebDAV server (Apache httpd with mod_dav,
//! a stand-in for the municipality's Nextcloud): what "Verbindung prüfen"
//! says for each thing that can be wrong, files that are only ever added,
//! and names from the server that are not ours.
// Debian's Apache is the server: Linux only.
#![cfg(target_os = "linux")]

mod support;

use support::webdav::{WebDav, PASSWORD, USER};
use wandzeitung::team::{Account, Folder, Put};
use wandzeitung::{Error, TeamProblem};

fn account(server: &WebDav, password: &str, folder: &str) -> Account {
    Account {
        address: server.address(),
        user: USER.into(),
        password: password.into(),
        folder: folder.into(),
    }
}

fn problem_of(result: wandzeitung::Result<impl std::fmt::Debug>) -> TeamProblem {
    match result {
        Err(Error::Team { problem, .. }) => problem,
        other => panic!("expected a team folder problem, got {other:?}"),
    }
}

#[test]
fn the_check_makes_the_team_folder_and_leaves_no_trace_of_its_probe() {
    let server = WebDav::start();
    // A team names its folder in its own words and script.
    for name in [
        "OG-Labor Team",
        "Bürgerbeteiligung 2027",
        "مشاركة المواطنين",
        "Команда",
        "Team 🗳️ #1",
    ] {
        let folder = Folder::new(&account(&server, PASSWORD, name), false).unwrap();
        folder.check().unwrap();
        let made = server.root.join(name);
        assert!(
            made.is_dir(),
            "the team folder {name:?} is made on the server"
        );
        assert_eq!(
            std::fs::read_dir(&made).unwrap().count(),
            0,
            "the probe file is removed again"
        );
        // A second check finds the folder there.
        folder.check().unwrap();
    }
}

#[test]
fn each_thing_that_can_be_wrong_is_named_in_words() {
    let server = WebDav::start();
    let wrong = Folder::new(&account(&server, "falsch", "team"), false).unwrap();
    let e = wrong.check().unwrap_err();
    assert!(
        matches!(
            e,
            Error::Team {
                problem: TeamProblem::WrongPassword,
                ..
            }
        ),
        "{e:?}"
    );
    assert_eq!(e.message_key(), "error.team");
    assert_eq!(e.params()["reason"], "team_problem.wrong_password");

    let mut elsewhere = account(&server, PASSWORD, "team");
    elsewhere.address = format!("{}gibt-es-nicht/", server.address());
    assert_eq!(
        problem_of(Folder::new(&elsewhere, false).unwrap().check()),
        TeamProblem::NoSuchFolder
    );

    let mut read_only = account(&server, PASSWORD, "team");
    read_only.address = format!("{}readonly/", server.address());
    assert_eq!(
        problem_of(Folder::new(&read_only, false).unwrap().check()),
        TeamProblem::NoPermission
    );

    let closed_port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut unreachable = account(&server, PASSWORD, "team");
    unreachable.address = format!("http://127.0.0.1:{closed_port}/");
    assert_eq!(
        problem_of(Folder::new(&unreachable, false).unwrap().check()),
        TeamProblem::Unreachable
    );

    let mut plain = account(&server, PASSWORD, "team");
    plain.address = "http://cloud.stadt.example/remote.php/dav/files/a/".into();
    assert_eq!(
        problem_of(Folder::new(&plain, false)),
        TeamProblem::Insecure
    );
    assert!(
        Folder::new(&plain, true).is_ok(),
        "plain http elsewhere only when explicitly allowed"
    );
    for address in [
        "cloud.stadt.example",
        "ftp://cloud/",
        "https://",
        "https://a/?x=1",
        // The password belongs in the credential store, not in the address.
        "https://moderation:geheim@cloud.stadt.example/",
    ] {
        let mut odd = account(&server, PASSWORD, "team");
        odd.address = address.into();
        assert_eq!(
            problem_of(Folder::new(&odd, false)),
            TeamProblem::Address,
            "{address}"
        );
    }
    for name in ["", "..", "a/b", "a\\b", "zeile\numbruch"] {
        assert_eq!(
            problem_of(Folder::new(&account(&server, PASSWORD, name), false)),
            TeamProblem::FolderName,
            "{name:?}"
        );
    }
}

#[test]
fn a_file_is_only_ever_added_never_replaced() {
    let server = WebDav::start();
    let folder = Folder::new(&account(&server, PASSWORD, "team"), false).unwrap();
    folder.check().unwrap();
    folder.make_folder("changes/laptop-a").unwrap();
    assert_eq!(
        folder
            .put_new("changes/laptop-a/1.json.gz", b"erste".to_vec())
            .unwrap(),
        Put::Added
    );
    assert_eq!(
        folder
            .put_new("changes/laptop-a/1.json.gz", b"zweite".to_vec())
            .unwrap(),
        Put::WasThere
    );
    assert_eq!(folder.get("changes/laptop-a/1.json.gz").unwrap(), b"erste");
    assert_eq!(
        std::fs::read(server.root.join("team/changes/laptop-a/1.json.gz")).unwrap(),
        b"erste",
        "the server's file is the first one"
    );
    assert_eq!(
        problem_of(folder.get("changes/laptop-a/2.json.gz")),
        TeamProblem::NoSuchFolder
    );
}

#[test]
fn a_listing_holds_our_names_and_counts_the_others() {
    let server = WebDav::start();
    let folder = Folder::new(&account(&server, PASSWORD, "team"), false).unwrap();
    folder.make_folder("changes/laptop-b").unwrap();
    for n in 1..=3 {
        folder
            .put_new(&format!("changes/laptop-b/{n}.json.gz"), vec![b'x'; n * 10])
            .unwrap();
    }
    // What another program (or someone by hand) put beside them.
    let dir = server.root.join("team/changes/laptop-b");
    for stranger in [
        "\u{1}steuerzeichen",
        ".versteckt",
        "mit leerzeichen",
        "ümlaut",
        &"l".repeat(200),
    ] {
        std::fs::write(dir.join(stranger), b"?").unwrap();
    }
    let listing = folder.list("changes/laptop-b").unwrap();
    let names: Vec<(&str, bool, u64)> = listing
        .entries
        .iter()
        .map(|e| (e.name.as_str(), e.is_folder, e.size))
        .collect();
    assert_eq!(
        names,
        [
            ("1.json.gz", false, 10),
            ("2.json.gz", false, 20),
            ("3.json.gz", false, 30)
        ]
    );
    assert_eq!(listing.strangers, 5);

    let top = folder.list("changes").unwrap();
    assert_eq!(top.entries.len(), 1);
    assert!(top.entries[0].is_folder && top.entries[0].name == "laptop-b");
}
