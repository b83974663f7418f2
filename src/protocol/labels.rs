//! The protocol's fixed words in the workshop's language.

use crate::model::{ChallengeStatus, Dimension, Involvement, Language};

pub struct Labels {
    pub date: &'static str,
    pub place: &'static str,
    pub facilitators: &'static str,
    pub participants: &'static str,
    pub agenda: &'static str,
    pub time: &'static str,
    pub duration: &'static str,
    pub minutes: &'static str,
    pub item: &'static str,
    pub who: &'static str,
    /// The column of when an item really started and how long it ran.
    pub actual: &'static str,
    pub planned: &'static str,
    /// Before a workspace whose results stand under an earlier item.
    pub results_above: &'static str,
    /// An agenda item that never started.
    pub not_run: &'static str,
    pub board: &'static str,
    pub no_cards: &'static str,
    pub hidden_cards: &'static str,
    pub hidden_card: &'static str,
    pub ranking: &'static str,
    /// The ranking's column: what was ranked.
    pub ranked: &'static str,
    pub dots: &'static str,
    /// One dot: "1 Punkt", not "1 Punkte".
    pub dot: &'static str,
    pub actor_map: &'static str,
    pub actor: &'static str,
    pub sector: &'static str,
    pub role: &'static str,
    pub influence: &'static str,
    pub interest: &'static str,
    pub involvement: &'static str,
    pub relations: &'static str,
    pub relation_from: &'static str,
    pub relation_to: &'static str,
    pub relation: &'static str,
    pub challenges: &'static str,
    pub challenge: &'static str,
    pub dimensions: &'static str,
    pub responsible: &'static str,
    pub next_step: &'static str,
    pub due: &'static str,
    pub status: &'static str,
    /// The CSV's columns, in order.
    pub csv_header: [&'static str; 9],
    pub yes: &'static str,
    /// The photos under an item, and the section of all others.
    pub photos: &'static str,
    pub photo_record: &'static str,
    pub photo: &'static str,
    /// In place of a picture a protocol rendered from a file cannot find.
    pub picture_missing: &'static str,
    /// The card colours as the CSV names them, in `CardColor::ALL` order.
    pub colors: [&'static str; 6],
}

pub const DE: Labels = Labels {
    date: "Datum",
    place: "Ort",
    facilitators: "Moderation",
    participants: "Teilnehmende",
    agenda: "Ablauf",
    time: "Zeit",
    duration: "Dauer",
    minutes: "Min.",
    item: "Programmpunkt",
    who: "Wer",
    actual: "Tatsächlich",
    planned: "Geplant",
    results_above: "Ergebnisse siehe oben:",
    not_run: "nicht begonnen",
    board: "Wandzeitung",
    no_cards: "Keine Karten.",
    hidden_cards: "verdeckte Karten",
    hidden_card: "verdeckte Karte",
    ranking: "Rangfolge",
    ranked: "Karte oder Cluster",
    dots: "Punkte",
    dot: "Punkt",
    actor_map: Language::De.actor_map_title(),
    actor: "Akteur",
    sector: "Sektor",
    role: "Rolle",
    influence: "Einfluss",
    interest: "Interesse",
    involvement: "Einbindung",
    relations: "Beziehungen",
    relation_from: "Von",
    relation_to: "An",
    relation: "Beziehung",
    challenges: Language::De.challenge_list_title(),
    challenge: "Herausforderung",
    dimensions: "Dimensionen",
    responsible: "Verantwortlich",
    next_step: "Nächster Schritt",
    due: "Fällig",
    status: "Status",
    csv_header: [
        "Wandzeitung",
        "Frage",
        "Cluster",
        "Karte",
        "Farbe",
        "Autor/Gruppe",
        "Punkte",
        "verdeckt",
        "erstellt",
    ],
    yes: "ja",
    photos: "Fotos",
    photo_record: "Fotoprotokoll",
    photo: "Foto",
    picture_missing: "Bild nicht vorhanden",
    colors: ["gelb", "grün", "blau", "rosa", "orange", "weiß"],
};

pub const EN: Labels = Labels {
    date: "Date",
    place: "Place",
    facilitators: "Facilitators",
    participants: "Participants",
    agenda: "Agenda",
    time: "Time",
    duration: "Duration",
    minutes: "min",
    item: "Item",
    who: "Who",
    actual: "Actual",
    planned: "Planned",
    results_above: "Results above:",
    not_run: "not started",
    board: "Board",
    no_cards: "No cards.",
    hidden_cards: "hidden cards",
    hidden_card: "hidden card",
    ranking: "Ranking",
    ranked: "Card or cluster",
    dots: "dots",
    dot: "dot",
    actor_map: Language::En.actor_map_title(),
    actor: "Actor",
    sector: "Sector",
    role: "Role",
    influence: "Influence",
    interest: "Interest",
    involvement: "Involvement",
    relations: "Relations",
    relation_from: "From",
    relation_to: "To",
    relation: "Relation",
    challenges: Language::En.challenge_list_title(),
    challenge: "Challenge",
    dimensions: "Dimensions",
    responsible: "Responsible",
    next_step: "Next step",
    due: "Due",
    status: "Status",
    csv_header: [
        "Board",
        "Question",
        "Cluster",
        "Card",
        "Colour",
        "Author/group",
        "Dots",
        "hidden",
        "created",
    ],
    yes: "yes",
    photos: "Photos",
    photo_record: "Photo record",
    photo: "Photo",
    picture_missing: "picture not available",
    colors: ["yellow", "green", "blue", "pink", "orange", "white"],
};

impl Labels {
    /// A number of dots with the noun in the right number: "1 Punkt", "2 Punkte".
    /// Under a later agenda item on a workspace shown earlier.
    pub fn see_above(&self, kind: crate::model::Workspace, title: &str) -> String {
        use crate::model::Workspace;
        let what = match kind {
            Workspace::Board => self.board,
            Workspace::ActorMap => self.actor_map,
            Workspace::ChallengeList => self.challenges,
        };
        format!("{} {}", self.results_above, section_title(what, title))
    }

    pub fn dots_phrase(&self, n: u32) -> String {
        format!("{n} {}", if n == 1 { self.dot } else { self.dots })
    }

    pub fn color(&self, c: crate::model::CardColor) -> &'static str {
        let i = crate::model::CardColor::ALL
            .iter()
            .position(|x| *x == c)
            .unwrap_or(0);
        self.colors[i]
    }

    /// "1 verdeckte Karte", "3 verdeckte Karten".
    pub fn hidden_phrase(&self, n: usize) -> String {
        let noun = if n == 1 {
            self.hidden_card
        } else {
            self.hidden_cards
        };
        format!("{n} {noun}")
    }
}

pub fn labels(language: Language) -> &'static Labels {
    match language {
        Language::De => &DE,
        Language::En => &EN,
    }
}

pub fn dimension(d: Dimension, language: Language) -> &'static str {
    let de = language == Language::De;
    match d {
        Dimension::Transparency => {
            if de {
                "Transparenz"
            } else {
                "Transparency"
            }
        }
        Dimension::Participation => {
            if de {
                "Partizipation"
            } else {
                "Participation"
            }
        }
        Dimension::Cooperation => {
            if de {
                "Kooperation"
            } else {
                "Cooperation"
            }
        }
        Dimension::Coproduction => {
            if de {
                "Koproduktion"
            } else {
                "Co-production"
            }
        }
        Dimension::ResultsOrientation => {
            if de {
                "Ergebnisorientierung"
            } else {
                "Results orientation"
            }
        }
        Dimension::Innovation => {
            if de {
                "Innovationsfähigkeit"
            } else {
                "Capacity to innovate"
            }
        }
        Dimension::OpenStandards => {
            if de {
                "offene Standards/Daten/Software"
            } else {
                "Open standards/data/software"
            }
        }
        Dimension::InternalParticipation => {
            if de {
                "interne Partizipation"
            } else {
                "Internal participation"
            }
        }
    }
}

pub fn involvement(i: Involvement, language: Language) -> &'static str {
    let de = language == Language::De;
    match i {
        Involvement::Inform => {
            if de {
                "informieren"
            } else {
                "inform"
            }
        }
        Involvement::Consult => {
            if de {
                "konsultieren"
            } else {
                "consult"
            }
        }
        Involvement::Involve => {
            if de {
                "beteiligen"
            } else {
                "involve"
            }
        }
        Involvement::Collaborate => {
            if de {
                "kooperieren"
            } else {
                "collaborate"
            }
        }
        Involvement::Empower => {
            if de {
                "ermächtigen"
            } else {
                "empower"
            }
        }
    }
}

pub fn status(s: ChallengeStatus, language: Language) -> &'static str {
    let de = language == Language::De;
    match s {
        ChallengeStatus::Open => {
            if de {
                "offen"
            } else {
                "open"
            }
        }
        ChallengeStatus::InProgress => {
            if de {
                "in Arbeit"
            } else {
                "in progress"
            }
        }
        ChallengeStatus::Done => {
            if de {
                "erledigt"
            } else {
                "done"
            }
        }
        ChallengeStatus::Dropped => {
            if de {
                "verworfen"
            } else {
                "dropped"
            }
        }
    }
}

/// "Akteurslandkarte: Nordstadt", or just the kind when the title says no more.
pub fn section_title(kind: &str, title: &str) -> String {
    if title.trim() == kind {
        kind.to_owned()
    } else {
        format!("{kind}: {title}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_dot_is_singular_in_both_languages() {
        assert_eq!(DE.dots_phrase(1), "1 Punkt");
        assert_eq!(DE.dots_phrase(2), "2 Punkte");
        assert_eq!(DE.dots_phrase(0), "0 Punkte");
        assert_eq!(EN.dots_phrase(1), "1 dot");
        assert_eq!(EN.dots_phrase(3), "3 dots");
        assert_eq!(DE.hidden_phrase(1), "1 verdeckte Karte");
        assert_eq!(DE.hidden_phrase(4), "4 verdeckte Karten");
        assert_eq!(EN.hidden_phrase(1), "1 hidden card");
    }
}
