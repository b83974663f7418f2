//! Three laptops of one team sharing their workshops and the follow-up list
//! through a real WebDAV folder (Apache httpd with mod_dav, a stand-in for
//! the municipality's Nextcloud): every order of syncing ends in the same
//! list, concurrent changes have one winner and keep the other value in the
//! history, another laptop's workshop is read-only, and every fault (wrong
//! password, server gone, a tampered file, a sync killed) loses nothing and
//! doubles nothing.
// Debian's Apache is the server: Linux only.
#![cfg(target_os = "linux")]

mod support;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use chrono::NaiveDate;
use support::fixtures;
use support::team::{folder, Laptop, TEAM};
use support::webdav::{WebDav, PASSWORD};
use wandzeitung::model::*;
use wandzeitung::team;
use wandzeitung::{Error, Store, TeamProblem};

/// What a user reads on a laptop: its challenges, list, history, workshops.
impl Laptop {
    /// The challenge titled `title`, wherever it is on this laptop.
    fn challenge(&self, title: &str) -> FollowUpItem {
        self.store
            .follow_up(&FollowUpFilter::default(), today())
            .unwrap()
            .into_iter()
            .find(|i| i.title == title)
            .unwrap_or_else(|| panic!("{title:?} on {}", self.settings.name))
    }

    /// The follow-up list as a user compares it: every challenge by its
    /// workshop and title, with its fields and its history.
    fn follow_up(&self) -> BTreeMap<(String, String), String> {
        let report = self
            .store
            .follow_up_report(&FollowUpFilter::default(), today())
            .unwrap();
        report
            .items
            .iter()
            .map(|i| {
                let history: Vec<String> = report
                    .histories
                    .get(&i.challenge_id)
                    .into_iter()
                    .flatten()
                    .map(|e| format!("{} {:?} {}", e.happened_on, e.status, e.note))
                    .collect();
                (
                    (i.workshop_title.clone(), i.title.clone()),
                    format!(
                        "{:?} | {} | {} | {:?} | {:?} | {} | {} | {history:?}",
                        i.status,
                        i.responsible,
                        i.next_step,
                        i.due_date,
                        i.review_date,
                        i.impact_goal,
                        i.impact_signal
                    ),
                )
            })
            .collect()
    }

    fn history(&self, title: &str) -> Vec<String> {
        let c = self.challenge(title);
        self.store
            .challenge_history(&c.challenge_id)
            .unwrap()
            .into_iter()
            .map(|e| e.note)
            .collect()
    }

    fn workshop_id(&self, title: &str) -> Id {
        self.store
            .list_workshops()
            .unwrap()
            .into_iter()
            .find(|w| w.title == title)
            .unwrap_or_else(|| panic!("{title:?} on {}", self.settings.name))
            .id
    }

    fn workshop_titles(&self) -> Vec<String> {
        let mut titles: Vec<String> = self
            .store
            .list_workshops()
            .unwrap()
            .into_iter()
            .map(|w| w.title)
            .collect();
        titles.sort();
        titles
    }

    /// Changes one follow-up field as the Vorhaben page does.
    fn set(&self, title: &str, edit: impl FnOnce(&mut ChallengeInput)) {
        let id = self.challenge(title).challenge_id;
        let c = self.store.challenge_progress(&id).unwrap().challenge;
        let mut input = ChallengeInput {
            title: c.title,
            description: c.description,
            dimensions: c.dimensions,
            success_conditions: c.success_conditions,
            resources: c.resources,
            responsible: c.responsible,
            next_step: c.next_step,
            due_date: c.due_date.map(|d| d.to_string()).unwrap_or_default(),
            status: c.status,
            impact_goal: c.impact_goal,
            impact_signal: c.impact_signal,
            review_date: c.review_date.map(|d| d.to_string()).unwrap_or_default(),
        };
        edit(&mut input);
        self.store.update_challenge(&id, &input).unwrap();
    }

    fn waiting(&self) -> u32 {
        self.store.team_status().unwrap().waiting
    }
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2027, 7, 1).unwrap()
}

/// A workshop of the second laptop with two challenges of its own.
fn neighbourhood(store: &Store) -> Id {
    let w = store
        .create_workshop(&WorkshopInput {
            title: "Stadtteilkonferenz Nord".into(),
            date: "2027-02-02".into(),
            ..WorkshopInput::default()
        })
        .unwrap();
    let list = store.create_challenge_list(&w.id, "Themen").unwrap();
    for title in ["Spielplatz sanieren", "Nachbarschaftscafé"] {
        store
            .add_challenge(
                &list.id,
                &ChallengeInput {
                    title: title.into(),
                    ..ChallengeInput::default()
                },
            )
            .unwrap();
    }
    w.id
}

/// Every laptop in `order`, twice: after that, each has read the others.
fn round(laptops: &[&Laptop]) {
    for _ in 0..2 {
        for l in laptops {
            l.sync();
        }
    }
}

#[test]
fn three_laptops_end_with_the_same_follow_up_list_whatever_order_they_sync_in() {
    let orders = [
        [0, 1, 2],
        [0, 2, 1],
        [1, 0, 2],
        [1, 2, 0],
        [2, 0, 1],
        [2, 1, 0],
    ];
    let mut lists = Vec::new();
    for order in orders {
        let server = WebDav::start();
        let laptops = [
            Laptop::new(&server, "Laptop Anna"),
            Laptop::new(&server, "Laptop Ben"),
            Laptop::new(&server, "Laptop Cem"),
        ];
        let [a, b, c] = &laptops;
        fixtures::year(&a.store);
        neighbourhood(&b.store);
        let in_order: Vec<&Laptop> = order.iter().map(|&i| &laptops[i]).collect();
        round(&in_order);
        for l in &laptops {
            assert_eq!(
                l.workshop_titles(),
                [
                    "Bürgerdialog Mobilität",
                    "Jugendforum",
                    "Stadtteilkonferenz Nord",
                    "Zukunftswerkstatt Ortsmitte"
                ],
                "{} holds the team's workshops",
                l.settings.name
            );
        }
        // Offline, each changes the follow-up of another laptop's challenges.
        a.set("Spielplatz sanieren", |c| {
            c.responsible = "Grünflächenamt".into()
        });
        b.store
            .record_progress(
                &b.challenge("Bus am Sonntag").challenge_id,
                &ProgressInput {
                    happened_on: "2027-06-20".into(),
                    status: Some(ChallengeStatus::InProgress),
                    note: "Gespräch mit dem Verkehrsverbund".into(),
                },
            )
            .unwrap();
        c.set("Radweg zur Schule", |c| {
            c.next_step = "Ortsbegehung mit der Schule".into();
            c.due_date = "2027-10-15".into();
        });
        round(&in_order);
        let first = a.follow_up();
        for l in [b, c] {
            assert_eq!(l.follow_up(), first, "{} as Laptop Anna", l.settings.name);
        }
        for l in &laptops {
            assert_eq!(
                l.challenge("Spielplatz sanieren").responsible,
                "Grünflächenamt"
            );
            let bus = l.challenge("Bus am Sonntag");
            assert_eq!(bus.status, ChallengeStatus::InProgress);
            assert_eq!(
                l.history("Bus am Sonntag")
                    .iter()
                    .filter(|n| *n == "Gespräch mit dem Verkehrsverbund")
                    .count(),
                1,
                "the step once on {}",
                l.settings.name
            );
            let radweg = l.challenge("Radweg zur Schule");
            assert_eq!(radweg.next_step, "Ortsbegehung mit der Schule");
            assert_eq!(radweg.due_date, NaiveDate::from_ymd_opt(2027, 10, 15));
            assert_eq!(l.waiting(), 0, "nothing waits on {}", l.settings.name);
        }
        lists.push(first);
    }
    assert!(
        lists.windows(2).all(|w| w[0] == w[1]),
        "every order ends in the same list"
    );
}

#[test]
fn the_same_field_changed_on_two_laptops_has_one_winner_and_the_other_value_in_the_history() {
    let server = WebDav::start();
    let a = Laptop::new(&server, "Laptop Anna");
    let b = Laptop::new(&server, "Laptop Ben");
    fixtures::year(&a.store);
    round(&[&a, &b]);
    // A change made after seeing the one before it is no conflict.
    a.set("Carsharing", |c| c.next_step = "Anbieter fragen".into());
    round(&[&a, &b]);
    b.set("Carsharing", |c| {
        c.next_step = "Angebote vergleichen".into()
    });
    round(&[&a, &b]);
    for l in [&a, &b] {
        assert_eq!(l.challenge("Carsharing").next_step, "Angebote vergleichen");
        assert!(
            !l.history("Carsharing")
                .iter()
                .any(|n| n.starts_with("Gleichzeitig")),
            "{:?}",
            l.history("Carsharing")
        );
    }
    // Both change the same field without knowing of the other: the later wins.
    a.set("Carsharing", |c| c.next_step = "Gemeinderat fragen".into());
    std::thread::sleep(Duration::from_millis(20));
    b.set("Carsharing", |c| {
        c.next_step = "Förderung beantragen".into()
    });
    // In both orders of syncing.
    b.sync();
    a.sync();
    b.sync();
    for l in [&a, &b] {
        assert_eq!(
            l.challenge("Carsharing").next_step,
            "Förderung beantragen",
            "on {}",
            l.settings.name
        );
        let lost: Vec<String> = l
            .history("Carsharing")
            .into_iter()
            .filter(|n| n.starts_with("Gleichzeitig"))
            .collect();
        assert_eq!(
            lost,
            ["Gleichzeitig geändert auf Laptop Anna: Nächster Schritt „Gemeinderat fragen“ wurde durch eine andere Änderung ersetzt."],
            "on {}",
            l.settings.name
        );
    }
    assert_eq!(a.follow_up(), b.follow_up());
}

#[test]
fn another_laptops_workshop_opens_and_exports_here_and_only_its_follow_up_changes() {
    let server = WebDav::start();
    let a = Laptop::new(&server, "Laptop Anna");
    let b = Laptop::new(&server, "Laptop Ben");
    let (workshop, board) = fixtures::workshop_with_board(&a.store, "Werkstatt Marktplatz");
    let field = board.fields[0].field.id.clone();
    a.store
        .add_card(&field, &fixtures::card("Mehr Bäume"))
        .unwrap();
    let list = a
        .store
        .create_challenge_list(&workshop.id, "Herausforderungen")
        .unwrap();
    a.store
        .add_challenge(
            &list.id,
            &ChallengeInput {
                title: "Schatten am Markt".into(),
                ..ChallengeInput::default()
            },
        )
        .unwrap();
    a.sync();
    b.sync();

    // The same workshop, under the same id, with what A wrote.
    let id = b.workshop_id("Werkstatt Marktplatz");
    assert_eq!(id, workshop.id);
    let doc = b.store.export_workshop(&id).unwrap();
    let cards: Vec<&str> = doc.boards[0]
        .fields
        .iter()
        .flat_map(|f| &f.cards)
        .map(|c| c.text.as_str())
        .collect();
    assert_eq!(cards, ["Mehr Bäume"]);
    // Its protocol, printed here, reads as on A.
    let pdf = tempfile::tempdir().unwrap();
    let path = pdf.path().join("protokoll.pdf");
    std::fs::write(
        &path,
        wandzeitung::protocol::pdf::render(&doc, chrono::Utc::now()).unwrap(),
    )
    .unwrap();
    let text = support::flows::pdf_text(&path);
    assert!(
        text.contains("Werkstatt Marktplatz") && text.contains("Mehr Bäume"),
        "{text}"
    );
    assert_eq!(
        b.store.team_origin(&id).unwrap().as_deref(),
        Some("Laptop Anna")
    );
    assert_eq!(a.store.team_origin(&id).unwrap(), None);

    // Read-only: every change of the workshop is refused in words.
    let read_only = |e: Error| match e {
        Error::TeamWorkshop { label } => assert_eq!(label, "Laptop Anna"),
        other => panic!("expected read-only, got {other:?}"),
    };
    let b_field = doc.boards[0].fields[0].field.id.clone();
    read_only(
        b.store
            .add_card(&b_field, &fixtures::card("Von Ben"))
            .unwrap_err(),
    );
    read_only(
        b.store
            .update_workshop(
                &id,
                &WorkshopInput {
                    title: "Umbenannt".into(),
                    date: "2027-01-01".into(),
                    ..WorkshopInput::default()
                },
            )
            .unwrap_err(),
    );
    read_only(b.store.create_challenge_list(&id, "Neu").unwrap_err());
    read_only(b.store.delete_workshop(&id).unwrap_err());
    let challenge = b.challenge("Schatten am Markt").challenge_id;
    let mut renamed = ChallengeInput {
        title: "Anders".into(),
        ..ChallengeInput::default()
    };
    read_only(b.store.update_challenge(&challenge, &renamed).unwrap_err());
    // Its follow-up is the team's: it changes here and reaches A.
    renamed.title = "Schatten am Markt".into();
    renamed.responsible = "Stadtgrün".into();
    b.store.update_challenge(&challenge, &renamed).unwrap();
    assert_eq!(
        b.store.export_workshop(&id).unwrap().boards[0].fields[0]
            .cards
            .len(),
        1,
        "nothing of the workshop changed"
    );
    b.sync();
    a.sync();
    assert_eq!(a.challenge("Schatten am Markt").responsible, "Stadtgrün");
    // Each row says where it came from, and is one calendar entry
    // whichever laptop exports the calendar.
    let (on_a, on_b) = (
        a.challenge("Schatten am Markt"),
        b.challenge("Schatten am Markt"),
    );
    assert_eq!(on_a.origin.as_deref(), Some("Laptop Anna"));
    assert_eq!(on_b.origin.as_deref(), Some("Laptop Anna"));
    let uid = |item: &FollowUpItem| {
        let ics = wandzeitung::protocol::follow_up::ics::render(
            std::slice::from_ref(item),
            Language::De,
            chrono::Utc::now(),
        );
        assert!(ics.contains("Von: Laptop Anna"), "{ics}");
        ics.lines()
            .filter(|l| l.starts_with("UID:"))
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    let mut due = on_a.clone();
    due.due_date = NaiveDate::from_ymd_opt(2027, 9, 1);
    let mut due_b = on_b.clone();
    due_b.due_date = due.due_date;
    assert_eq!(uid(&due), uid(&due_b));
    assert!(!uid(&due).is_empty());
    // And the undo of that change stays on B and travels as a change.
    b.store
        .step_history(
            &Workspace::ChallengeList.at(&b.challenge("Schatten am Markt").list_id),
            false,
        )
        .unwrap();
    assert_eq!(b.challenge("Schatten am Markt").responsible, "");
    b.sync();
    a.sync();
    assert_eq!(a.challenge("Schatten am Markt").responsible, "");

    // To change the workshop, B takes a copy of its own, which then goes
    // to the team as B's.
    let copy = b.store.copy_workshop(&id).unwrap();
    assert_ne!(copy, id);
    assert_eq!(b.store.team_origin(&copy).unwrap(), None);
    b.store
        .update_workshop(
            &copy,
            &WorkshopInput {
                title: "Werkstatt Marktplatz, Bens Fassung".into(),
                date: "2027-01-01".into(),
                ..WorkshopInput::default()
            },
        )
        .unwrap();
    b.sync();
    a.sync();
    assert_eq!(
        a.workshop_titles(),
        ["Werkstatt Marktplatz", "Werkstatt Marktplatz, Bens Fassung"]
    );
    assert_eq!(
        a.store.team_origin(&copy).unwrap().as_deref(),
        Some("Laptop Ben")
    );
}

#[test]
fn a_workshop_changed_or_deleted_on_its_laptop_follows_on_the_others() {
    let server = WebDav::start();
    let a = Laptop::new(&server, "Laptop Anna");
    let b = Laptop::new(&server, "Laptop Ben");
    let ids = fixtures::year(&a.store);
    round(&[&a, &b]);
    b.set("Bus am Sonntag", |c| c.next_step = "Fahrplan prüfen".into());
    a.store
        .update_workshop(
            &ids[0],
            &WorkshopInput {
                title: "Bürgerdialog Mobilität 2027".into(),
                date: "2027-03-10".into(),
                ..WorkshopInput::default()
            },
        )
        .unwrap();
    a.store.delete_workshop(&ids[2]).unwrap();
    round(&[&a, &b]);
    assert_eq!(b.workshop_titles(), a.workshop_titles());
    assert_eq!(
        b.workshop_titles(),
        ["Bürgerdialog Mobilität 2027", "Zukunftswerkstatt Ortsmitte"]
    );
    // The new version keeps the team's follow-up.
    for l in [&a, &b] {
        assert_eq!(l.challenge("Bus am Sonntag").next_step, "Fahrplan prüfen");
    }
    assert_eq!(a.follow_up(), b.follow_up());
    // The deletion names the files in the folder that carried the
    // workshop, for whoever keeps the folder to remove.
    let last = files_of(&server, &a.settings.device).pop().unwrap();
    let name = last.file_name().unwrap().to_string_lossy().into_owned();
    let file: team::ChangeFile<team::Op> =
        team::ChangeFile::decode(&a.settings.device, &name, &std::fs::read(&last).unwrap())
            .unwrap();
    let named = file
        .ops
        .iter()
        .find_map(|op| match op {
            team::Op::WorkshopGone { id, files, .. } if *id == ids[2] => Some(files.clone()),
            _ => None,
        })
        .expect("the deletion travels");
    assert_eq!(
        named,
        [format!(
            "changes/{}/000000000001.json.gz",
            a.settings.device
        )]
    );
    // A laptop joining later gets the same, and not the deleted workshop.
    let c = Laptop::new(&server, "Laptop Cem");
    c.sync();
    assert_eq!(c.follow_up(), a.follow_up());
}

#[test]
fn a_wrong_password_or_a_server_gone_changes_nothing_and_the_next_sync_completes() {
    let mut server = WebDav::start();
    let a = Laptop::new(&server, "Laptop Anna");
    let b = Laptop::new(&server, "Laptop Ben");
    fixtures::year(&a.store);
    assert_eq!(a.waiting(), 3, "three workshops wait");
    let e = a.try_sync(&folder(&server, "falsch")).unwrap_err();
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
    let status = a.store.team_status().unwrap();
    assert_eq!(status.waiting, 3, "the changes still wait");
    assert!(status.last_error.is_some() && status.last_success.is_none());

    server.stop();
    let e = a.try_sync(&a.folder).unwrap_err();
    assert!(
        matches!(
            e,
            Error::Team {
                problem: TeamProblem::Unreachable,
                ..
            }
        ),
        "{e:?}"
    );
    a.set("Carsharing", |c| c.responsible = "Mobilitätsbüro".into());
    assert_eq!(a.waiting(), 5, "the field, and its workshop's new version");
    server.resume();
    a.sync();
    assert_eq!(a.waiting(), 0);
    b.sync();
    assert_eq!(b.follow_up(), a.follow_up());
    assert_eq!(b.challenge("Carsharing").responsible, "Mobilitätsbüro");
    let status = a.store.team_status().unwrap();
    assert!(status.last_error.is_none() && status.last_success.is_some());
}

/// How many change files of a laptop are in the server's folder.
fn files_of_count(server: &WebDav, device: &str) -> usize {
    std::fs::read_dir(server.root.join(TEAM).join("changes").join(device)).map_or(0, |d| d.count())
}

/// The change files of a laptop in the server's folder.
fn files_of(server: &WebDav, device: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(server.root.join(TEAM).join("changes").join(device))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
    files.sort();
    files
}

#[test]
fn a_tampered_or_strange_file_is_refused_in_words_and_the_rest_still_arrives() {
    let server = WebDav::start();
    let a = Laptop::new(&server, "Laptop Anna");
    let b = Laptop::new(&server, "Laptop Ben");
    fixtures::year(&a.store);
    a.sync();
    // Someone with access to the folder flips a byte of A's first file and
    // adds files that are not ours.
    let first = &files_of(&server, &a.settings.device)[0];
    let mut bytes = std::fs::read(first).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x55;
    std::fs::write(first, bytes).unwrap();
    let changes = server.root.join(TEAM).join("changes");
    std::fs::create_dir_all(changes.join("laptop-fremd")).unwrap();
    std::fs::write(
        changes.join("laptop-fremd").join("000000000001.json.gz"),
        b"kein gzip",
    )
    .unwrap();
    std::fs::write(
        changes.join(&a.settings.device).join("evil\u{1b}[31m name"),
        b"x",
    )
    .unwrap();
    std::fs::write(
        changes
            .join(&a.settings.device)
            .join(format!("{}.json.gz", "9".repeat(200))),
        b"x",
    )
    .unwrap();
    // A's next change arrives although the file before it was refused.
    a.set("Carsharing", |c| c.responsible = "Mobilitätsbüro".into());
    a.sync();
    let report = b.sync();
    assert_eq!(report.refused.len(), 2, "{:?}", report.refused);
    assert!(
        report.refused.iter().all(|r| r.contains("garbled")),
        "{:?}",
        report.refused
    );
    assert_eq!(report.files_applied, 1);
    let status = b.store.team_status().unwrap();
    assert_eq!(status.refused.len(), 2);
    // The second file arrived: the changed workshop's new version with
    // the change; the workshops only in the refused file did not.
    assert_eq!(b.workshop_titles(), ["Bürgerdialog Mobilität"]);
    assert_eq!(b.challenge("Carsharing").responsible, "Mobilitätsbüro");
    // Nothing is applied twice or retried forever: the next sync is quiet.
    let again = b.sync();
    assert_eq!((again.files_applied, again.refused.len()), (0, 0));
    // A workshop of the refused file arrives with its next version.
    a.store
        .update_workshop(
            &a.workshop_id("Jugendforum"),
            &WorkshopInput {
                title: "Jugendforum".into(),
                date: "2027-06-02".into(),
                ..WorkshopInput::default()
            },
        )
        .unwrap();
    a.sync();
    b.sync();
    assert_eq!(
        b.workshop_titles(),
        ["Bürgerdialog Mobilität", "Jugendforum"]
    );
}

fn wz() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_wz"));
    cmd.env("WZ_TEAM_PASSWORD", PASSWORD)
        .env_remove("DBUS_SESSION_BUS_ADDRESS")
        .stdin(Stdio::null());
    cmd
}

fn wz_sync(path: &Path) -> std::process::Child {
    wz().arg("--db")
        .arg(path)
        .arg("sync")
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap()
}

#[test]
fn a_sync_killed_at_any_moment_loses_and_doubles_nothing() {
    let server = WebDav::start();
    let a = Laptop::new(&server, "Laptop Anna");
    fixtures::many_challenges(&a.store, 40, 20, today());
    a.sync();
    // B has workshops of its own to send and A's to apply; `wz sync` is
    // killed (SIGKILL) ever later, until one run completes on its own.
    let b = Laptop::new(&server, "Laptop Ben");
    fixtures::many_challenges(&b.store, 30, 10, today() + chrono::Days::new(30));
    // B's store is closed: `wz` opens it (the folder stays).
    let Laptop {
        store,
        settings: b_settings,
        path: b_path,
        _dir: b_dir,
        ..
    } = b;
    drop(store);
    let b_device = b_settings.device.clone();
    // What each kill cut: (files of B on the server, files of A applied).
    let mut cut = Vec::new();
    let mut delay = 10u64;
    loop {
        let mut sync = wz_sync(&b_path);
        std::thread::sleep(Duration::from_millis(delay));
        if let Some(status) = sync.try_wait().unwrap() {
            assert!(status.success(), "wz sync after {delay} ms: {status:?}");
            break;
        }
        sync.kill().unwrap();
        sync.wait().unwrap();
        let store = Store::open(&b_path).unwrap();
        let applied = store.team_last_applied(&a.settings.device).unwrap();
        cut.push((files_of_count(&server, &b_device), applied));
        delay = delay * 5 / 4 + 1;
    }
    eprintln!("kills cut after (B's files sent, A's files applied): {cut:?}");
    let killed = cut.len();
    assert!(killed >= 3, "killed {killed} times");
    let done = wz().arg("--db").arg(&b_path).arg("sync").output().unwrap();
    assert!(done.status.success(), "{done:?}");
    let b_store = Store::open(&b_path).unwrap();
    assert_eq!(b_store.team_status().unwrap().waiting, 0);
    drop(b_store);
    a.sync();

    // Both hold the same 70 workshops and the same list, each step once.
    let b = Laptop {
        store: Store::open(&b_path).unwrap(),
        settings: b_settings,
        folder: folder(&server, PASSWORD),
        path: b_path.clone(),
        _dir: b_dir,
    };
    assert_eq!(a.store.list_workshops().unwrap().len(), 70);
    assert_eq!(b.store.list_workshops().unwrap().len(), 70);
    assert_eq!(a.follow_up(), b.follow_up());
    for l in [&a, &b] {
        let all = l
            .store
            .follow_up(&FollowUpFilter::default(), today())
            .unwrap();
        assert_eq!(all.len(), 40 * 20 + 30 * 10);
    }
    // B's files on the server: one row without gaps or doubles.
    let names: Vec<String> = files_of(&server, &b.settings.device)
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    let expected: Vec<String> = (1..=names.len() as u64)
        .map(|n| format!("{n:012}.json.gz"))
        .collect();
    assert_eq!(names, expected);
    // What `wz` says of it: nothing waits, A's files were read; each row
    // of the list names the laptop it came from. (`wz` opens the store
    // itself: B's is closed, its folder stays.)
    let Laptop {
        store,
        _dir: _b_dir,
        ..
    } = b;
    drop(store);
    let status = wz()
        .arg("--db")
        .arg(&b_path)
        .args(["sync", "--status"])
        .output()
        .unwrap();
    let status = String::from_utf8_lossy(&status.stdout).into_owned();
    assert!(status.contains("waiting\t0\n"), "{status}");
    assert!(
        status.contains(&format!("laptop\tLaptop Anna\t{}\t", a.settings.device)),
        "{status}"
    );
    let rows = wz()
        .arg("--db")
        .arg(&b_path)
        .args(["challenges", "--today", "2027-07-01"])
        .output()
        .unwrap();
    let rows = String::from_utf8_lossy(&rows.stdout).into_owned();
    let origins: std::collections::BTreeMap<&str, usize> =
        rows.lines().fold(Default::default(), |mut n, line| {
            *n.entry(line.rsplit('\t').next().unwrap()).or_default() += 1;
            n
        });
    assert_eq!(
        origins,
        std::collections::BTreeMap::from([("Laptop Anna", 800), ("Laptop Ben", 300)])
    );
    // The password was given to `wz` and is in no file of the store's folder.
    let leaked: Vec<PathBuf> = support::files::files_below(b_path.parent().unwrap())
        .into_iter()
        .filter(|(_, bytes)| support::files::contains(bytes, PASSWORD.as_bytes()))
        .map(|(path, _)| path)
        .collect();
    assert!(leaked.is_empty(), "{leaked:?}");
}

#[test]
fn photos_go_once_as_files_named_by_their_content_and_arrive_checked() {
    let server = WebDav::start();
    let a = Laptop::new(&server, "Laptop Anna");
    let b = Laptop::new(&server, "Laptop Ben");
    let (workshop, _) = fixtures::workshop_with_board(&a.store, "Werkstatt mit Fotos");
    let pictures = tempfile::tempdir().unwrap();
    for (i, colour) in ["gold", "teal"].into_iter().enumerate() {
        let file = support::pictures::magick(
            pictures.path(),
            &format!("wand{i}.jpg"),
            &["-size", "640x480", &format!("plasma:{colour}")],
        );
        a.store
            .add_photo(
                &workshop.id,
                &PhotoInput {
                    caption: format!("Wand {i}"),
                    item_id: None,
                    workspace: None,
                },
                &std::fs::read(file).unwrap(),
            )
            .unwrap();
    }
    a.sync();
    let blobs = server.root.join(TEAM).join("blobs");
    let mut on_server: Vec<String> = std::fs::read_dir(&blobs)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    on_server.sort();
    let mut shas: Vec<String> = a
        .store
        .export_workshop(&workshop.id)
        .unwrap()
        .photos
        .into_iter()
        .map(|p| format!("{}.jpg", p.sha256))
        .collect();
    shas.sort();
    assert_eq!(on_server, shas, "each photo once, named by its content");

    // Someone swaps one photo's bytes on the server: the file naming it is
    // refused, nothing of it taken.
    let swapped = blobs.join(&shas[0]);
    let original = std::fs::read(&swapped).unwrap();
    let other =
        support::pictures::magick(pictures.path(), "fremd.jpg", &["-size", "64x64", "xc:red"]);
    std::fs::write(&swapped, std::fs::read(other).unwrap()).unwrap();
    let report = b.sync();
    assert_eq!(report.refused.len(), 1, "{:?}", report.refused);
    assert!(
        report.refused[0].contains("not the one named"),
        "{:?}",
        report.refused
    );
    assert!(b.workshop_titles().is_empty());
    assert_eq!(
        std::fs::read_dir(b.path.parent().unwrap().join("photos")).map_or(0, |d| d.count()),
        0,
        "no picture of the refused file stays"
    );

    // With the photo put back, the workshop's next version arrives whole:
    // the same pictures, byte for byte, and a caption change sends no photo again.
    std::fs::write(&swapped, &original).unwrap();
    let photo = a.store.photos(&workshop.id).unwrap()[0].clone();
    a.store
        .update_photo(
            &photo.id,
            &PhotoInput {
                caption: "Wand 0 (Nachmittag)".into(),
                item_id: None,
                workspace: None,
            },
        )
        .unwrap();
    let sent = a.sync();
    assert!(
        sent.bytes_sent < original.len() as u64,
        "only the change file went up: {sent:?}"
    );
    b.sync();
    let seen = |store: &Store| -> Vec<(String, String)> {
        store
            .export_workshop(&workshop.id)
            .unwrap()
            .photos
            .into_iter()
            .map(|p| (p.caption, p.sha256))
            .collect()
    };
    assert_eq!(seen(&b.store), seen(&a.store));
    let (on_a, on_b) = (
        a.store.photos(&workshop.id).unwrap(),
        b.store.photos(&workshop.id).unwrap(),
    );
    assert_eq!(on_a.len(), 2);
    for (pa, pb) in on_a.iter().zip(&on_b) {
        assert_eq!(
            b.store.photo_jpeg(&pb.id, false).unwrap(),
            a.store.photo_jpeg(&pa.id, false).unwrap()
        );
        assert!(
            !b.store.photo_jpeg(&pb.id, true).unwrap().is_empty(),
            "a thumbnail made here"
        );
    }
}

#[test]
fn a_laptop_put_back_from_a_backup_loses_nothing_it_sent_or_changes_after() {
    let server = WebDav::start();
    let a = Laptop::new(&server, "Laptop Anna");
    let b = Laptop::new(&server, "Laptop Ben");
    fixtures::year(&a.store);
    a.sync();
    let backups = tempfile::tempdir().unwrap();
    let backup = a.store.backup_into(backups.path()).unwrap().path;
    a.set("Carsharing", |c| c.responsible = "Mobilitätsbüro".into());
    a.sync();
    // A broken disk later, A's store is put back from the backup, and the
    // facilitator goes on working.
    a.store.restore_from(&backup).unwrap();
    assert_eq!(a.challenge("Carsharing").responsible, "");
    a.set("Bus am Sonntag", |c| c.next_step = "Fahrplan prüfen".into());
    a.sync();
    b.sync();
    for l in [&a, &b] {
        assert_eq!(
            l.challenge("Carsharing").responsible,
            "Mobilitätsbüro",
            "sent before the restore, on {}",
            l.settings.name
        );
        assert_eq!(
            l.challenge("Bus am Sonntag").next_step,
            "Fahrplan prüfen",
            "changed after the restore, on {}",
            l.settings.name
        );
    }
    assert_eq!(a.follow_up(), b.follow_up());
    let names: Vec<String> = files_of(&server, &a.settings.device)
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        (1..=names.len() as u64)
            .map(|n| format!("{n:012}.json.gz"))
            .collect::<Vec<_>>(),
        "one row of files, none replaced"
    );
}

#[test]
fn two_laptops_syncing_at_the_same_moment_end_alike() {
    let server = WebDav::start();
    let a = Laptop::new(&server, "Laptop Anna");
    let b = Laptop::new(&server, "Laptop Ben");
    fixtures::year(&a.store);
    neighbourhood(&b.store);
    for round in 0..5 {
        a.set("Carsharing", |c| c.next_step = format!("Anna {round}"));
        b.set("Spielplatz sanieren", |c| {
            c.responsible = format!("Ben {round}")
        });
        std::thread::scope(|s| {
            s.spawn(|| a.sync());
            s.spawn(|| b.sync());
        });
    }
    round(&[&a, &b]);
    assert_eq!(a.follow_up(), b.follow_up());
    assert_eq!(a.challenge("Spielplatz sanieren").responsible, "Ben 4");
    assert_eq!(b.challenge("Carsharing").next_step, "Anna 4");
    assert_eq!((a.waiting(), b.waiting()), (0, 0));
}

#[test]
fn the_server_gone_in_the_middle_of_a_sync_loses_and_doubles_nothing() {
    let mut server = WebDav::start();
    let a = Laptop::new(&server, "Laptop Anna");
    fixtures::many_challenges(&a.store, 40, 20, today());
    a.sync();
    let b = Laptop::new(&server, "Laptop Ben");
    fixtures::many_challenges(&b.store, 20, 10, today() + chrono::Days::new(30));
    // B syncs while the server goes away under it, ever later, until a
    // sync gets through before it does.
    let mut cut = 0;
    for delay in [5u64, 15, 30, 60, 100, 160, 250, 400, 650, 1000, 1600] {
        let outcome = std::thread::scope(|s| {
            let syncing = s.spawn(|| b.try_sync(&b.folder));
            std::thread::sleep(Duration::from_millis(delay));
            server.stop();
            syncing.join().unwrap()
        });
        server.resume();
        match outcome {
            Err(Error::Team {
                problem: TeamProblem::Unreachable,
                ..
            }) => cut += 1,
            Err(e) => panic!("after {delay} ms: {e}"),
            Ok(_) => break,
        }
    }
    assert!(cut >= 2, "cut {cut} times");
    b.sync();
    a.sync();
    assert_eq!(a.follow_up(), b.follow_up());
    assert_eq!(b.store.list_workshops().unwrap().len(), 60);
    assert_eq!((a.waiting(), b.waiting()), (0, 0));
}

#[test]
fn a_laptop_named_in_another_script_is_named_so_everywhere() {
    let server = WebDav::start();
    let a = Laptop::new(&server, "حاسوب سلمى 🗳️");
    let b = Laptop::new(&server, "Ноутбук Олега");
    fixtures::year(&a.store);
    round(&[&a, &b]);
    a.set("Carsharing", |c| c.next_step = "اجتماع مع البلدية".into());
    std::thread::sleep(Duration::from_millis(20));
    b.set("Carsharing", |c| c.next_step = "Встреча 🚗".into());
    round(&[&a, &b]);
    for l in [&a, &b] {
        let item = l.challenge("Carsharing");
        assert_eq!(item.next_step, "Встреча 🚗");
        assert_eq!(item.origin.as_deref(), Some("حاسوب سلمى 🗳️"));
        assert!(
            l.history("Carsharing").contains(
                &"Gleichzeitig geändert auf حاسوب سلمى 🗳️: Nächster Schritt „اجتماع مع البلدية“ wurde durch eine andere Änderung ersetzt.".to_owned()
            ),
            "{:?}",
            l.history("Carsharing")
        );
    }
    let status = b.store.team_status().unwrap();
    assert_eq!(status.laptops[0].label, "حاسوب سلمى 🗳️");
    assert_eq!(a.follow_up(), b.follow_up());
}
