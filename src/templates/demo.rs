//! A ready workshop to explore the app with: the seed poster filled in the way
//! a real group in a small municipality would fill it.

use crate::error::Result;
use crate::model::*;
use crate::Store;

use super::GROUP_WORK_KEY;

pub const DEMO_TITLE: &str = "Kommunales Open Government – Werkstatt Breidenbach";

/// Cards per question of the group-work poster, in poster order.
const CARDS: [&[(&str, CardColor, &str)]; 4] = [
    &[
        (
            "Verwaltungsdaten liegen verstreut in Fachverfahren",
            CardColor::Yellow,
            "Gruppe A",
        ),
        (
            "Wenig Rückmeldung aus der Bürgerschaft zu Planungen",
            CardColor::Yellow,
            "Gruppe B",
        ),
        (
            "Breitband in den Ortsteilen lückenhaft",
            CardColor::Orange,
            "Gruppe A",
        ),
        (
            "Junge Menschen fühlen sich nicht gehört",
            CardColor::Pink,
            "Jugendforum",
        ),
    ],
    &[
        (
            "Bürgermeisterin als Schirmherrin gewinnen",
            CardColor::Green,
            "Gruppe A",
        ),
        (
            "Vereinsring: Multiplikator in alle Ortsteile",
            CardColor::Green,
            "Gruppe B",
        ),
        (
            "Volkshochschule für Datenkompetenz-Kurse",
            CardColor::Blue,
            "Gruppe B",
        ),
        ("Handwerksbetriebe früh einbinden", CardColor::Green, ""),
    ],
    &[
        (
            "Feste Ansprechperson in der Verwaltung",
            CardColor::Blue,
            "Gruppe A",
        ),
        (
            "Kleines Budget für ein Open-Data-Portal",
            CardColor::Blue,
            "",
        ),
        (
            "Ratsbeschluss als Rückendeckung",
            CardColor::Yellow,
            "Gruppe B",
        ),
    ],
    &[
        (
            "Offene Haushaltsdaten verständlich aufbereiten",
            CardColor::Pink,
            "Gruppe A",
        ),
        (
            "Beteiligung zur Ortsmitte noch dieses Jahr",
            CardColor::Pink,
            "Gruppe B",
        ),
        (
            "Mängelmelder für Straßen und Wege",
            CardColor::Yellow,
            "Jugendforum",
        ),
    ],
];

const AGENDA: [(&str, u32, &str, &str); 6] = [
    ("09:30", 15, "Begrüßung & Einführung", "Bürgermeisterin"),
    (
        "09:45",
        20,
        "Impuls: Open Government – was heißt das vor Ort?",
        "AG Open Government",
    ),
    (
        "10:05",
        60,
        "Gruppenarbeit an der Wandzeitung",
        "Moderation",
    ),
    ("11:05", 30, "Akteurslandkarte", "Moderation"),
    ("11:35", 20, "Priorisierung der Herausforderungen", "alle"),
    ("11:55", 5, "Ausblick & nächste Schritte", "Moderation"),
];

/// What the day is for, as the seeds' workshop states its goals.
const GOALS: [&str; 3] = [
    "Open Government als Strategie für Breidenbach kennenlernen",
    "Herausforderungen vor Ort sammeln und priorisieren",
    "Akteure und nächste Schritte benennen",
];

/// The facilitator's script, by agenda item: what to say and watch for.
const NOTES: [&str; 6] = [
    "Begrüßen, Ablauf und Ziele zeigen. Handys: QR-Code projizieren, kurz warten, bis alle drin sind.",
    "Fragen sammeln die Handys; nach dem Impuls die drei meistunterstützten aufrufen.",
    "Zehn Minuten still schreiben lassen, dann clustern. Material: Stifte, Karten in vier Farben.",
    "Erst die Sektoren erklären, dann Akteure aus den Karten übernehmen.",
    "Drei Punkte pro Person. Ergebnis vorlesen, Gleichstände ansprechen.",
    "Verantwortliche und Termine festhalten, Danke sagen.",
];

/// (name, sector index, role, influence, interest, involvement)
const ACTORS: [(&str, usize, &str, u8, u8, Involvement); 5] = [
    (
        "Gemeinderat",
        0,
        "Beschließt Haushalt und Leitlinien",
        5,
        3,
        Involvement::Involve,
    ),
    (
        "Hauptamt",
        1,
        "Koordiniert Daten und Verfahren",
        4,
        4,
        Involvement::Collaborate,
    ),
    (
        "Vereinsring Breidenbach",
        2,
        "Erreicht Ehrenamtliche in allen Ortsteilen",
        2,
        5,
        Involvement::Collaborate,
    ),
    (
        "Volkshochschule",
        3,
        "Bietet Kurse zu Daten und Beteiligung",
        2,
        3,
        Involvement::Consult,
    ),
    (
        "Gewerbeverein",
        4,
        "Vertritt Handel und Handwerk",
        3,
        2,
        Involvement::Inform,
    ),
];

/// (from, to, label): indexes into ACTORS.
const RELATIONS: [(usize, usize, &str); 2] =
    [(1, 0, "berichtet an"), (3, 2, "schult Ehrenamtliche")];

/// (title, dimensions, success conditions, responsible, next step)
const CHALLENGES: [(&str, &[Dimension], &str, &str, &str); 3] = [
    (
        "Offene Haushaltsdaten",
        &[Dimension::Transparency, Dimension::OpenStandards],
        "Datenexport aus dem Finanzverfahren, verständliche Darstellung",
        "Kämmerei",
        "Datensätze sichten",
    ),
    (
        "Beteiligung zur Ortsmitte",
        &[Dimension::Participation, Dimension::Coproduction],
        "Ratsbeschluss, Moderation, Räume in den Ortsteilen",
        "Bauamt",
        "Termin für Auftaktwerkstatt festlegen",
    ),
    (
        "Jugendbeteiligung verstetigen",
        &[Dimension::Participation, Dimension::InternalParticipation],
        "Feste Ansprechperson, kleines Budget",
        "Jugendpflege",
        "Jugendforum zur nächsten Sitzung einladen",
    ),
];

/// Creates the demo workshop and returns its id.
pub fn create_demo_workshop(store: &Store) -> Result<Id> {
    let today = chrono::Local::now().date_naive();
    let workshop = store.create_workshop(&WorkshopInput {
        title: DEMO_TITLE.into(),
        date: today.to_string(),
        place: "Bürgerhaus Breidenbach".into(),
        facilitators: vec!["Ralf Laumer".into(), "Jana Schäfer".into()],
        participant_count: 24,
        language: Language::De,
        goals: GOALS.iter().map(|g| (*g).to_owned()).collect(),
        actor_groups: Language::De
            .actor_groups()
            .iter()
            .map(|g| (*g).to_owned())
            .collect(),
    })?;
    let id = workshop.id;

    let board = store.create_board_from_template(&id, GROUP_WORK_KEY)?;
    for (field, cards) in board.fields.iter().zip(CARDS) {
        for (text, color, author) in cards {
            store.add_card(
                &field.field.id,
                &CardInput {
                    text: (*text).into(),
                    color: *color,
                    author: (*author).into(),
                },
            )?;
        }
    }

    // The demo starts as a prepared wall, not as fourteen actions to undo.
    store.forget_history(&board.board.id)?;

    let map = store.create_actor_map(&id, "Akteurslandkarte")?;
    let sectors = store.sectors(&map.id)?;
    let mut actors = Vec::new();
    for (name, sector, role, influence, interest, involvement) in ACTORS {
        let actor = store.add_actor(
            &map.id,
            &ActorInput {
                sector_id: sectors[sector].id.clone(),
                name: name.into(),
                role: role.into(),
                influence,
                interest,
                involvement,
                contact: String::new(),
            },
        )?;
        actors.push(actor.value.id);
    }
    for (from, to, label) in RELATIONS {
        store.add_actor_relation(&actors[from], &actors[to], label)?;
    }
    store.forget_history(&map.id)?;

    let list = store.create_challenge_list(&id, "Herausforderungen")?;
    for (title, dimensions, success, responsible, next_step) in CHALLENGES {
        store.add_challenge(
            &list.id,
            &ChallengeInput {
                title: title.into(),
                description: String::new(),
                dimensions: dimensions.to_vec(),
                success_conditions: success.into(),
                resources: String::new(),
                responsible: responsible.into(),
                next_step: next_step.into(),
                due_date: String::new(),
                status: ChallengeStatus::Open,
                ..ChallengeInput::default()
            },
        )?;
    }
    store.forget_history(&list.id)?;

    // The day runs from the agenda: each item knows what the room does.
    let activities = [
        Activity::Listen,
        // Questions to the speaker come from the phones.
        Activity::Questions { review: false },
        Activity::Cards {
            board_id: board.board.id.clone(),
            field_id: None,
        },
        Activity::Actors {
            map_id: map.id.clone(),
        },
        Activity::ChallengeVote {
            list_id: list.id.clone(),
        },
        // The day closes with a quick poll.
        Activity::Poll {
            question: "Wie zufrieden sind Sie mit dem Ergebnis des Workshops?".into(),
            answers: PollAnswers::Scale {
                points: 5,
                low: "gar nicht".into(),
                high: "sehr".into(),
            },
        },
    ];
    for (((start, minutes, title, who), activity), notes) in
        AGENDA.into_iter().zip(activities).zip(NOTES)
    {
        let item = store.add_agenda_item(
            &id,
            &AgendaItemInput {
                start_time: start.into(),
                duration_minutes: minutes,
                title: title.into(),
                who: who.into(),
                activity,
            },
        )?;
        store.set_item_script(
            &item.id,
            &ItemScript {
                notes: notes.into(),
                assignment: String::new(),
            },
        )?;
    }
    Ok(id)
}
