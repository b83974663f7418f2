//! After the workshop: the "Vorhaben" list across workshops, in the core and
//! through `wz challenges`. Three workshops of a year, with owners, due
//! dates and statuses; "today" is given, never read from the clock.

use std::process::Command;

use chrono::NaiveDate;
use wandzeitung::model::*;
#[path = "support/fixtures.rs"]
mod fixtures;
#[path = "support/host.rs"]
mod host;

use fixtures::year;
use wandzeitung::protocol::WorkshopDocument;
use wandzeitung::Store;

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn titles(items: &[FollowUpItem]) -> Vec<&str> {
    items.iter().map(|i| i.title.as_str()).collect()
}

#[test]
fn every_workshops_challenges_in_one_list_filtered_and_overdue_as_of_a_given_day() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("vorhaben.sqlite3")).unwrap();
    let ids = year(&store);
    let all = store
        .follow_up(&FollowUpFilter::default(), day("2027-06-01"))
        .unwrap();
    assert_eq!(
        titles(&all),
        [
            "WLAN im Bürgerhaus",
            "Bus am Sonntag",
            "Treffpunkt; Skatepark, \"bald\"",
            "Bänke am Markt",
            "Radweg zur Schule",
            "Carsharing"
        ],
        "by due date, those without one last"
    );
    assert_eq!(all[0].workshop_title, "Zukunftswerkstatt Ortsmitte");

    // Overdue on 1 June 2027: due before it and still open or in progress
    // (done and dropped ones are not overdue, whatever their date).
    let overdue = FollowUpFilter {
        overdue: true,
        ..Default::default()
    };
    assert_eq!(
        titles(&store.follow_up(&overdue, day("2027-06-01")).unwrap()),
        ["Bus am Sonntag"]
    );
    assert_eq!(
        titles(&store.follow_up(&overdue, day("2027-07-01")).unwrap()),
        ["Bus am Sonntag", "Bänke am Markt"],
        "a month later one more"
    );
    assert!(store
        .follow_up(&overdue, day("2027-01-01"))
        .unwrap()
        .is_empty());
    let flagged: Vec<bool> = store
        .follow_up(&FollowUpFilter::default(), day("2027-07-01"))
        .unwrap()
        .iter()
        .map(|i| i.overdue)
        .collect();
    assert_eq!(flagged, [false, true, false, true, false, false]);

    // The owner in any case, umlauts too; status; workshop; together.
    let by = |owner: &str| FollowUpFilter {
        owner: Some(owner.into()),
        ..Default::default()
    };
    assert_eq!(
        titles(&store.follow_up(&by("ÖZDEMIR"), day("2027-06-01")).unwrap()),
        ["Bus am Sonntag", "Bänke am Markt"]
    );
    assert_eq!(
        titles(&store.follow_up(&by("weiß"), day("2027-06-01")).unwrap()),
        ["Radweg zur Schule"]
    );
    let open_in_first = FollowUpFilter {
        status: Some(ChallengeStatus::Open),
        workshop_id: Some(ids[0].clone()),
        ..Default::default()
    };
    assert_eq!(
        titles(&store.follow_up(&open_in_first, day("2027-06-01")).unwrap()),
        ["Bus am Sonntag", "Carsharing"]
    );
    let none = FollowUpFilter {
        status: Some(ChallengeStatus::Done),
        owner: Some("Özdemir".into()),
        ..Default::default()
    };
    assert!(store
        .follow_up(&none, day("2027-06-01"))
        .unwrap()
        .is_empty());

    // A window's page: the first rows, with the counts of all of them.
    let page = store
        .follow_up_page(&FollowUpFilter::default(), day("2027-07-01"), 2)
        .unwrap();
    assert_eq!(
        titles(&page.items),
        ["WLAN im Bürgerhaus", "Bus am Sonntag"]
    );
    assert_eq!((page.total, page.overdue), (6, 2));
    let page = store
        .follow_up_page(&by("weiß"), day("2027-07-01"), 200)
        .unwrap();
    assert_eq!((page.items.len(), page.total, page.overdue), (1, 1, 0));
    let empty = store.follow_up_page(&none, day("2027-07-01"), 200).unwrap();
    assert_eq!(empty, FollowUpPage::default());

    // A deleted workshop's challenges leave the list.
    store.delete_workshop(&ids[1]).unwrap();
    assert_eq!(
        store
            .follow_up(&FollowUpFilter::default(), day("2027-06-01"))
            .unwrap()
            .len(),
        4
    );
}

#[test]
fn wz_challenges_prints_one_line_each_for_scripts() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("wz.sqlite3");
    year(&Store::open(&db).unwrap());
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_wz"))
            .arg("--db")
            .arg(&db)
            .arg("challenges")
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    let overdue = run(&["--overdue", "--today", "2027-07-01"]);
    let lines: Vec<Vec<&str>> = overdue.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(lines.len(), 2, "{overdue}");
    assert_eq!(
        lines[0][..8],
        [
            "2027-05-01",
            "open",
            "Herr Özdemir",
            "Bus am Sonntag",
            "Nächster Schritt: Bus am Sonntag",
            "2027-03-10",
            "Bürgerdialog Mobilität",
            "overdue"
        ]
    );
    assert_eq!(lines[0][8].len(), 36, "the challenge's id last");
    let dropped = run(&["--status", "dropped"]);
    assert!(
        dropped.contains("Treffpunkt; Skatepark, \"bald\""),
        "{dropped}"
    );
    assert_eq!(run(&["--owner", "bauhof"]).lines().count(), 1);
    let wrong = Command::new(env!("CARGO_BIN_EXE_wz"))
        .arg("--db")
        .arg(&db)
        .args(["challenges", "--status", "fertig"])
        .output()
        .unwrap();
    assert_eq!(
        wrong.status.code(),
        Some(2),
        "a status not known is a wrong command line"
    );
}

fn open_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("verlauf.sqlite3")).unwrap();
    (dir, store)
}

fn first_challenge(store: &Store, title: &str) -> FollowUpItem {
    store
        .follow_up(&FollowUpFilter::default(), day("2027-06-01"))
        .unwrap()
        .into_iter()
        .find(|i| i.title == title)
        .unwrap()
}

fn progress(on: &str, status: Option<ChallengeStatus>, note: &str) -> ProgressInput {
    ProgressInput {
        happened_on: on.into(),
        status,
        note: note.into(),
    }
}

#[test]
fn progress_is_kept_with_its_date_and_undone_like_any_edit() {
    let (_dir, store) = open_store();
    year(&store);
    let bus = first_challenge(&store, "Bus am Sonntag");
    let list = Workspace::ChallengeList.at(&bus.list_id);
    let revision = bus.revision;

    store
        .record_progress(
            &bus.challenge_id,
            &progress("2027-05-12", None, "Ansprechperson benannt"),
        )
        .unwrap();
    store
        .record_progress(
            &bus.challenge_id,
            &progress(
                "2027-05-20",
                Some(ChallengeStatus::InProgress),
                "Fahrplan angefragt",
            ),
        )
        .unwrap();
    // A step recorded later may have happened earlier: the history is by date.
    store
        .record_progress(
            &bus.challenge_id,
            &progress("2027-05-02", None, "Beim Verkehrsverbund angerufen"),
        )
        .unwrap();
    let history = store.challenge_history(&bus.challenge_id).unwrap();
    let lines: Vec<(String, Option<ChallengeStatus>, &str)> = history
        .iter()
        .map(|e| (e.happened_on.to_string(), e.status, e.note.as_str()))
        .collect();
    assert_eq!(
        lines,
        [
            ("2027-05-02".into(), None, "Beim Verkehrsverbund angerufen"),
            ("2027-05-12".into(), None, "Ansprechperson benannt"),
            (
                "2027-05-20".into(),
                Some(ChallengeStatus::InProgress),
                "Fahrplan angefragt"
            ),
        ]
    );
    let now = first_challenge(&store, "Bus am Sonntag");
    assert_eq!(
        now.status,
        ChallengeStatus::InProgress,
        "the status followed"
    );
    assert!(now.revision > revision, "a status change is a new revision");

    // Undo takes back the last step whole (the note and the status), redo
    // brings it back; the revision only grows.
    store.step_history(&list, false).unwrap();
    assert_eq!(store.challenge_history(&bus.challenge_id).unwrap().len(), 2);
    let undone = first_challenge(&store, "Bus am Sonntag");
    assert_eq!(undone.status, ChallengeStatus::InProgress);
    store.step_history(&list, false).unwrap();
    let undone = first_challenge(&store, "Bus am Sonntag");
    assert_eq!(undone.status, ChallengeStatus::Open);
    assert!(undone.revision > now.revision, "undo is a change too");
    assert_eq!(store.challenge_history(&bus.challenge_id).unwrap().len(), 1);
    store.step_history(&list, true).unwrap();
    assert_eq!(
        first_challenge(&store, "Bus am Sonntag").status,
        ChallengeStatus::InProgress
    );
    assert_eq!(store.challenge_history(&bus.challenge_id).unwrap().len(), 2);

    // A status changed in the challenge's form is a step of its history too.
    let challenge = store
        .challenges(&bus.list_id)
        .unwrap()
        .into_iter()
        .find(|c| c.id == bus.challenge_id)
        .unwrap();
    store
        .update_challenge(
            &challenge.id,
            &ChallengeInput {
                title: challenge.title.clone(),
                responsible: challenge.responsible.clone(),
                next_step: challenge.next_step.clone(),
                due_date: "2027-05-01".into(),
                status: ChallengeStatus::Done,
                ..ChallengeInput::default()
            },
        )
        .unwrap();
    let last = store.challenge_history(&bus.challenge_id).unwrap();
    assert_eq!(last.len(), 3);
    assert!(last.iter().any(|e| e.status == Some(ChallengeStatus::Done)));

    // Nothing to record, a date that is none, an unknown challenge: refused,
    // and nothing half-written.
    for (input, field) in [
        (progress("2027-05-02", None, "   "), "progress_note"),
        (progress("12.05.2027", None, "Notiz"), "progress_date"),
        (progress("2027-02-30", None, "Notiz"), "progress_date"),
    ] {
        let err = store
            .record_progress(&bus.challenge_id, &input)
            .unwrap_err();
        let named = matches!(&err, wandzeitung::Error::Empty { field: f } | wandzeitung::Error::InvalidDate { field: f, .. } if *f == field);
        assert!(named, "{input:?}: {err:?}");
    }
    assert!(matches!(
        store.record_progress("nope", &progress("2027-05-02", None, "Notiz")),
        Err(wandzeitung::Error::NotFound { .. })
    ));
    assert_eq!(store.challenge_history(&bus.challenge_id).unwrap().len(), 3);
}

#[test]
fn impact_and_history_travel_in_the_workshop_file() {
    let (_dir, store) = open_store();
    let ids = year(&store);
    let bus = first_challenge(&store, "Bus am Sonntag");
    store
        .update_challenge(
            &bus.challenge_id,
            &ChallengeInput {
                title: bus.title.clone(),
                responsible: bus.responsible.clone(),
                next_step: bus.next_step.clone(),
                due_date: "2027-05-01".into(),
                status: ChallengeStatus::Open,
                impact_goal: "Ältere Menschen kommen sonntags zum Arzt und zur Kirche".into(),
                impact_signal: "Mehr als 20 Fahrgäste pro Sonntag".into(),
                review_date: "2027-11-15".into(),
                ..ChallengeInput::default()
            },
        )
        .unwrap();
    store
        .record_progress(
            &bus.challenge_id,
            &progress(
                "2027-05-12",
                Some(ChallengeStatus::InProgress),
                "Ansprechperson benannt",
            ),
        )
        .unwrap();
    let read = first_challenge(&store, "Bus am Sonntag");
    assert_eq!(read.review_date, Some(day("2027-11-15")));
    assert_eq!(read.impact_signal, "Mehr als 20 Fahrgäste pro Sonntag");

    let doc = store.export_workshop(&ids[0]).unwrap();
    let json = serde_json::to_string(&doc).unwrap();
    let back: WorkshopDocument = serde_json::from_str(&json).unwrap();
    let (_dir2, other) = open_store();
    other.import_workshop(&back).unwrap();
    let copy = first_challenge(&other, "Bus am Sonntag");
    assert_ne!(
        copy.challenge_id, bus.challenge_id,
        "a copy has its own ids"
    );
    assert_eq!(copy.status, ChallengeStatus::InProgress);
    assert_eq!(
        copy.impact_goal,
        "Ältere Menschen kommen sonntags zum Arzt und zur Kirche"
    );
    assert_eq!(copy.review_date, Some(day("2027-11-15")));
    let history = other.challenge_history(&copy.challenge_id).unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].happened_on, day("2027-05-12"));
    assert_eq!(history[0].note, "Ansprechperson benannt");

    // A file whose step names a challenge it does not hold is refused whole.
    let mut broken: serde_json::Value = serde_json::from_str(&json).unwrap();
    broken["challenge_lists"][0]["events"][0]["challenge_id"] = "someone-else".into();
    let broken: WorkshopDocument = serde_json::from_value(broken).unwrap();
    let before = other.list_workshops().unwrap().len();
    assert!(other.import_workshop(&broken).is_err());
    assert_eq!(other.list_workshops().unwrap().len(), before);
}

/// The calendar file read by Python's `icalendar` (an implementation of its
/// own): each VEVENT as UID, SUMMARY, CONTACT, DESCRIPTION, start, SEQUENCE.
fn read_calendar(path: &std::path::Path) -> Vec<serde_json::Value> {
    let script = r#"
import json, sys, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
out = []
for e in cal.walk('VEVENT'):
    out.append({
        'uid': str(e['UID']),
        'summary': str(e['SUMMARY']),
        'contact': str(e.get('CONTACT', '')),
        'description': str(e.get('DESCRIPTION', '')),
        'start': e.decoded('DTSTART').isoformat(),
        'start_is_date': e['DTSTART'].params.get('VALUE') == 'DATE',
        'sequence': int(e['SEQUENCE']),
    })
print(json.dumps(out))
"#;
    // Debian's Python, where python3-icalendar is installed; the script as
    // a file, which reaches Python the same way from Windows (make test-windows).
    let script_file = path.with_file_name("read_calendar.py");
    std::fs::write(&script_file, script).unwrap();
    let out = host::tool("python3")
        .file(&script_file)
        .file(path)
        .output()
        .expect("python3 with icalendar (make test installs python3-icalendar)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn the_calendar_file_is_read_by_a_real_icalendar_parser_and_keeps_its_uids() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kalender.sqlite3");
    let ics = dir.path().join("vorhaben.ics");
    {
        let store = Store::open(&db).unwrap();
        year(&store);
        let bus = first_challenge(&store, "Bus am Sonntag");
        store
            .update_challenge(
                &bus.challenge_id,
                &ChallengeInput {
                    title: "Bus am Sonntag; auch nach Ähringen, Öhringen".into(),
                    responsible: "Herr Özdemir, Verkehrsamt".into(),
                    next_step: "Fahrplan anfragen;\nmit dem Landkreis sprechen".into(),
                    due_date: "2027-05-01".into(),
                    review_date: "2027-11-15".into(),
                    impact_goal: "Sonntags mobil".into(),
                    ..ChallengeInput::default()
                },
            )
            .unwrap();
    }
    let wz = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_wz"))
            .arg("--db")
            .arg(&db)
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
    };
    wz(&["ics", "--out", ics.to_str().unwrap()]);
    let raw = std::fs::read(&ics).unwrap();
    for line in raw.split(|b| *b == b'\n') {
        assert!(line.len() <= 76, "a line of {} octets", line.len());
        assert!(line.is_empty() || line.ends_with(b"\r"), "CRLF line ends");
    }
    let events = read_calendar(&ics);
    // Open or in progress with a date: Bus (due and review), Radweg, Bänke.
    // Done (WLAN), dropped (Treffpunkt) and dateless (Carsharing) are not there.
    let summaries: Vec<&str> = events
        .iter()
        .map(|e| e["summary"].as_str().unwrap())
        .collect();
    assert_eq!(
        summaries,
        [
            "Fällig: Bus am Sonntag; auch nach Ähringen, Öhringen",
            "Überprüfen: Bus am Sonntag; auch nach Ähringen, Öhringen",
            "Fällig: Bänke am Markt",
            "Fällig: Radweg zur Schule",
        ]
    );
    let bus = &events[0];
    assert_eq!(bus["contact"], "Herr Özdemir, Verkehrsamt");
    assert_eq!(bus["start"], "2027-05-01");
    assert_eq!(bus["start_is_date"], true);
    let description = bus["description"].as_str().unwrap();
    assert!(
        description.contains("Nächster Schritt: Fahrplan anfragen;\nmit dem Landkreis sprechen"),
        "{description}"
    );
    assert!(
        description.contains("Wirkungsziel: Sonntags mobil"),
        "{description}"
    );
    assert!(
        description.contains("Bürgerdialog Mobilität"),
        "{description}"
    );
    assert_eq!(events[1]["start"], "2027-11-15");
    let uids: Vec<String> = events
        .iter()
        .map(|e| e["uid"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        uids.iter().collect::<std::collections::HashSet<_>>().len(),
        4,
        "one UID each"
    );

    // A change, then a second export: the same UIDs, the changed one with a
    // later SEQUENCE, so the calendar updates it instead of doubling it.
    {
        let store = Store::open(&db).unwrap();
        let bus = first_challenge(&store, "Bus am Sonntag; auch nach Ähringen, Öhringen");
        store
            .record_progress(
                &bus.challenge_id,
                &progress(
                    "2027-05-12",
                    Some(ChallengeStatus::InProgress),
                    "Ansprechperson benannt",
                ),
            )
            .unwrap();
    }
    wz(&["ics", "--out", ics.to_str().unwrap()]);
    let again = read_calendar(&ics);
    let uids_again: Vec<String> = again
        .iter()
        .map(|e| e["uid"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(uids_again, uids);
    assert!(again[0]["sequence"].as_i64() > bus["sequence"].as_i64());
    assert_eq!(
        again[2]["sequence"], events[2]["sequence"],
        "unchanged stays"
    );

    // One workshop's calendar, and an unknown workshop refused.
    let ids: Vec<String> = {
        let store = Store::open(&db).unwrap();
        store
            .list_workshops()
            .unwrap()
            .into_iter()
            .map(|w| w.id)
            .collect()
    };
    let first = ids
        .iter()
        .find(|id| {
            let store = Store::open(&db).unwrap();
            store.workshop_detail(id).unwrap().workshop.title == "Zukunftswerkstatt Ortsmitte"
        })
        .unwrap();
    wz(&["ics", first, "--out", ics.to_str().unwrap()]);
    let one: Vec<String> = read_calendar(&ics)
        .iter()
        .map(|e| e["summary"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(one, ["Fällig: Bänke am Markt"]);
    let unknown = Command::new(env!("CARGO_BIN_EXE_wz"))
        .arg("--db")
        .arg(&db)
        .args(["ics", "kein-workshop", "--out"])
        .arg(dir.path().join("leer.ics"))
        .output()
        .unwrap();
    assert_eq!(unknown.status.code(), Some(1));
    assert!(!dir.path().join("leer.ics").exists());
}

#[test]
fn the_report_stand_der_umsetzung_groups_by_workshop_and_marks_the_overdue() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bericht.sqlite3");
    {
        let store = Store::open(&db).unwrap();
        year(&store);
        let bus = first_challenge(&store, "Bus am Sonntag");
        store
            .record_progress(
                &bus.challenge_id,
                &progress("2027-05-12", None, "Ansprechperson benannt"),
            )
            .unwrap();
        // Other scripts in a step: Cyrillic, Arabic, an emoji.
        store
            .record_progress(
                &bus.challenge_id,
                &progress("2027-05-20", None, "Ответственный назначен · تم التواصل 🚌"),
            )
            .unwrap();
    }
    let report = |format: &str| {
        let out = dir.path().join(format!("stand.{format}"));
        let status = Command::new(env!("CARGO_BIN_EXE_wz"))
            .arg("--db")
            .arg(&db)
            .args([
                "report",
                "--today",
                "2027-07-01",
                "--format",
                format,
                "--out",
            ])
            .arg(&out)
            .status()
            .unwrap();
        assert!(status.success());
        out
    };
    let pdf = report("pdf");
    let text = host::tool("pdftotext")
        .args(["-layout"])
        .file(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    for expected in [
        "Stand der Umsetzung",
        "Stand 01.07.2027 · 6 Vorhaben, davon 2 überfällig",
        "Bürgerdialog Mobilität (10.03.2027)",
        "Zukunftswerkstatt Ortsmitte (20.04.2027)",
        "Jugendforum (01.06.2027)",
        "ÜBERFÄLLIG seit 01.05.2027",
        "12.05.2027 – Ansprechperson benannt",
        "Verantwortlich: Herr Özdemir",
        "Treffpunkt; Skatepark, \"bald\"",
        "Ответственный назначен",
        "تم التواصل",
        "🚌",
    ] {
        assert!(text.contains(expected), "{expected:?} not in:\n{text}");
    }
    // Workshops in order of their dates.
    let at = |s: &str| text.find(s).unwrap();
    assert!(at("Bürgerdialog Mobilität (") < at("Zukunftswerkstatt Ortsmitte ("));
    assert!(at("Zukunftswerkstatt Ortsmitte (") < at("Jugendforum ("));

    let md = std::fs::read_to_string(report("md")).unwrap();
    assert!(md.contains("### Bus am Sonntag — **überfällig**"), "{md}");
    assert!(md.contains("- Fällig: 01.05.2027\n"), "{md}");
    assert!(
        md.contains(
            "- Verlauf:\n  - 12.05.2027 – Ansprechperson benannt\n  - 20.05.2027 – Ответственный назначен · تم التواصل 🚌\n"
        ),
        "{md}"
    );
    let csv = std::fs::read_to_string(report("csv")).unwrap();
    assert_eq!(
        csv.matches("\r\n").count(),
        7,
        "a header and six challenges, each record ended by CRLF:\n{csv}"
    );
    assert!(
        csv.contains(
            ";\"ja\";\"\";\"\";\"\";\"\";\"12.05.2027 – Ansprechperson benannt\n20.05.2027 – Ответственный назначен · تم التواصل 🚌\"\r\n"
        ),
        "overdue, no review date or impact, no origin (no team folder), the history last, a line per step:\n{csv}"
    );
}
