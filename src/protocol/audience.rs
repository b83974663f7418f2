//! What the protocol says of an item's questions and poll, in the
//! workshop's language: worded once here, laid out by the PDF and Markdown.

use super::document::WorkshopDocument;
use crate::model::{
    groups_ranking, AgendaItem, FieldView, Language, PollAnswers, Quadrant, QuestionState, Rated,
    Spread,
};

/// One question as the protocol lists it.
pub struct QuestionLine {
    pub text: String,
    /// "Anna · unterstützt von 3 · beantwortet"
    pub detail: String,
    /// Texts merged into it.
    pub merged: Vec<String>,
}

pub struct QuestionsPart {
    pub heading: &'static str,
    pub lines: Vec<QuestionLine>,
    /// "2 Fragen nicht gezeigt" when the facilitator held some back.
    pub not_shown: Option<String>,
    pub merged_label: &'static str,
}

fn backed_by(n: u32, lang: Language) -> String {
    match lang {
        Language::De => format!("unterstützt von {n}"),
        Language::En => format!("backed by {n}"),
    }
}

/// The questions shown to the room, most backed first; those hidden or never
/// let through only counted.
pub fn questions(doc: &WorkshopDocument, item: &AgendaItem, lang: Language) -> QuestionsPart {
    let listed = doc.questions_of(&item.id);
    let mut lines = Vec::new();
    let mut held_back = 0;
    for (q, merged) in listed {
        if !q.state.shown() {
            held_back += 1;
            continue;
        }
        let mut parts = Vec::new();
        if !q.name.is_empty() {
            parts.push(q.name.clone());
        }
        parts.push(backed_by(q.backing, lang));
        parts.push(
            match (q.state == QuestionState::Answered, lang) {
                (true, Language::De) => "beantwortet",
                (false, Language::De) => "nicht beantwortet",
                (true, Language::En) => "answered",
                (false, Language::En) => "not answered",
            }
            .to_owned(),
        );
        lines.push(QuestionLine {
            text: q.text.clone(),
            detail: parts.join(" · "),
            merged: merged.into_iter().map(str::to_owned).collect(),
        });
    }
    let not_shown = (held_back > 0).then(|| match (lang, held_back) {
        (Language::De, 1) => "1 Frage nicht gezeigt".to_owned(),
        (Language::De, n) => format!("{n} Fragen nicht gezeigt"),
        (Language::En, 1) => "1 question not shown".to_owned(),
        (Language::En, n) => format!("{n} questions not shown"),
    });
    QuestionsPart {
        heading: match lang {
            Language::De => "Fragen aus dem Publikum",
            Language::En => "Questions from the audience",
        },
        lines,
        not_shown,
        merged_label: match lang {
            Language::De => "zusammengeführt",
            Language::En => "merged",
        },
    }
}

pub struct PollPart {
    /// "Blitzlicht: Wie zufrieden …?"
    pub heading: String,
    /// Each answer's words and how many gave it, answer 1 first.
    pub rows: Vec<(String, u32)>,
    /// "12 Antworten · Durchschnitt 3,8"
    pub summary: String,
}

pub fn poll(doc: &WorkshopDocument, item: &AgendaItem, lang: Language) -> Option<PollPart> {
    let (question, answers, _closed, result) = doc.poll_of(item)?;
    let rows = (1..=answers.count())
        .map(|a| {
            let n = result.counts.get(usize::from(a) - 1).copied().unwrap_or(0);
            let label = match &answers {
                // A scale's ends carry their words: "1 · gar nicht".
                PollAnswers::Scale { points, low, high } => {
                    let word = if a == 1 {
                        low
                    } else if a == *points {
                        high
                    } else {
                        ""
                    };
                    if word.is_empty() {
                        a.to_string()
                    } else {
                        format!("{a} · {word}")
                    }
                }
                PollAnswers::Choices { .. } => answers.label(a),
            };
            (label, n)
        })
        .collect();
    let mut summary = match (lang, result.answered) {
        (Language::De, 1) => "1 Antwort".to_owned(),
        (Language::De, n) => format!("{n} Antworten"),
        (Language::En, 1) => "1 answer".to_owned(),
        (Language::En, n) => format!("{n} answers"),
    };
    if let Some(avg) = result.average {
        let avg = format!("{avg:.1}");
        let avg = match lang {
            Language::De => avg.replace('.', ","),
            Language::En => avg,
        };
        summary.push_str(match lang {
            Language::De => " · Durchschnitt ",
            Language::En => " · average ",
        });
        summary.push_str(&avg);
    }
    Some(PollPart {
        heading: format!(
            "{}: {question}",
            match lang {
                Language::De => "Blitzlicht",
                Language::En => "Quick poll",
            }
        ),
        rows,
        summary,
    })
}

/// A word cloud for the protocol: what the room saw, counted.
pub struct CloudPart {
    /// "Wortwolke: Welches Wort …?"
    pub heading: String,
    /// The words on the cloud (no filler, none taken off), most first;
    /// none of a cloud never revealed.
    pub words: Vec<(String, u32)>,
    /// "14 Wörter von 6 Handys · Füllwörter: und (2)"
    pub summary: String,
}

pub fn cloud(doc: &WorkshopDocument, item: &AgendaItem, lang: Language) -> Option<CloudPart> {
    let cloud = doc.cloud_of(item)?;
    let total: u32 = cloud.words.iter().map(|w| w.count).sum();
    let de = lang == Language::De;
    let mut summary = match (de, total, cloud.phones) {
        (true, 1, _) => "1 Wort von 1 Handy".to_owned(),
        (true, n, 1) => format!("{n} Wörter von 1 Handy"),
        (true, n, p) => format!("{n} Wörter von {p} Handys"),
        (false, 1, _) => "1 word from 1 phone".to_owned(),
        (false, n, 1) => format!("{n} words from 1 phone"),
        (false, n, p) => format!("{n} words from {p} phones"),
    };
    // Like a face-down card: what the room never saw stays private.
    if !cloud.shown() {
        summary.push_str(if de {
            " · verdeckt gesammelt, nicht aufgedeckt"
        } else {
            " · collected face down, never revealed"
        });
    } else {
        let fillers: Vec<String> = cloud
            .words
            .iter()
            .filter(|w| w.stop_word && !w.hidden)
            .map(|w| format!("{} ({})", w.word, w.count))
            .collect();
        if !fillers.is_empty() {
            summary.push_str(if de {
                " · Füllwörter: "
            } else {
                " · fillers: "
            });
            summary.push_str(&fillers.join(", "));
        }
    }
    Some(CloudPart {
        heading: format!(
            "{}: {}",
            if de { "Wortwolke" } else { "Word cloud" },
            cloud.question
        ),
        words: if cloud.shown() {
            cloud
                .on_cloud()
                .map(|w| (w.word.clone(), w.count))
                .collect()
        } else {
            Vec::new()
        },
        summary,
    })
}

/// A challenge list rated by impact and effort, for the protocol.
pub struct MatrixPart {
    /// "Wirkung × Aufwand: Herausforderungen"
    pub heading: String,
    /// Every challenge of the list, in its order: none of a matrix rated
    /// face down and never revealed.
    pub rows: Vec<MatrixRow>,
    /// The table's column names.
    pub columns: [&'static str; 6],
    /// "Mittelwerte von 1 bis 5, in Klammern die mittlere Hälfte"
    pub summary: String,
}

pub struct MatrixRow {
    pub title: String,
    pub rated: Option<Rated>,
    pub dots: u32,
}

impl MatrixRow {
    /// The table's cells: title, impact, effort, ratings, field, dots.
    pub fn cells(&self, lang: Language) -> Vec<String> {
        let one = |n: f64| match lang {
            Language::De => format!("{n:.1}").replace('.', ","),
            Language::En => format!("{n:.1}"),
        };
        let spread = |s: &Spread| format!("{} ({}–{})", one(s.mean), one(s.q1), one(s.q3));
        match &self.rated {
            Some(r) => vec![
                self.title.clone(),
                spread(&r.impact),
                spread(&r.effort),
                r.count.to_string(),
                quadrant_name(r.quadrant, lang).to_owned(),
                self.dots.to_string(),
            ],
            None => vec![
                self.title.clone(),
                "–".into(),
                "–".into(),
                "0".into(),
                String::new(),
                self.dots.to_string(),
            ],
        }
    }
}

pub fn quadrant_name(q: Quadrant, lang: Language) -> &'static str {
    match (q, lang) {
        (Quadrant::QuickWins, Language::De) => "Schnelle Erfolge",
        (Quadrant::MajorProjects, Language::De) => "Große Vorhaben",
        (Quadrant::FillIns, Language::De) => "Lückenfüller",
        (Quadrant::Postpone, Language::De) => "Zurückstellen",
        (Quadrant::QuickWins, Language::En) => "Quick wins",
        (Quadrant::MajorProjects, Language::En) => "Major projects",
        (Quadrant::FillIns, Language::En) => "Fill-ins",
        (Quadrant::Postpone, Language::En) => "Postpone",
    }
}

pub fn matrix(doc: &WorkshopDocument, item: &AgendaItem, lang: Language) -> Option<MatrixPart> {
    let (list, shown) = doc.matrix_of(item)?;
    let de = lang == Language::De;
    let rows = list
        .challenges
        .iter()
        .map(|c| MatrixRow {
            title: c.title.clone(),
            rated: list.rated(&c.id),
            dots: c.dots,
        })
        .collect();
    Some(MatrixPart {
        heading: format!(
            "{}: {}",
            if de { "Wirkung × Aufwand" } else { "Impact × effort" },
            list.list.title
        ),
        rows: if shown { rows } else { Vec::new() },
        columns: if de {
            ["Herausforderung", "Wirkung", "Aufwand", "Bewertungen", "Feld", "Punkte"]
        } else {
            ["Challenge", "Impact", "Effort", "Ratings", "Field", "Dots"]
        },
        summary: match (shown, de) {
            (true, true) => "Mittelwerte von 1 (wenig) bis 5 (viel), in Klammern die mittlere Hälfte der Bewertungen".into(),
            (true, false) => "Means from 1 (little) to 5 (much), in brackets the middle half of the ratings".into(),
            (false, true) => "Verdeckt bewertet, nicht aufgedeckt".into(),
            (false, false) => "Rated face down, never revealed".into(),
        },
    })
}

/// The plenary's ranking over the groups' boards.
pub struct RankingPart {
    pub heading: &'static str,
    /// (rank, what, "group · dots"), best first.
    pub rows: Vec<(u32, String, String)>,
    /// Said when no dot was given.
    pub empty: &'static str,
}

pub fn ranking(doc: &WorkshopDocument, item: &AgendaItem, lang: Language) -> RankingPart {
    let boards: Vec<(&str, &[FieldView])> = item
        .activity
        .boards()
        .iter()
        .filter_map(|id| doc.boards.iter().find(|b| b.board.id == *id))
        .map(|b| (b.board.title.as_str(), b.fields.as_slice()))
        .collect();
    RankingPart {
        heading: match lang {
            Language::De => "Ergebnis über alle Gruppen",
            Language::En => "Result across all groups",
        },
        rows: groups_ranking(&boards)
            .into_iter()
            .map(|r| {
                let dots = match (lang, r.entry.dots) {
                    (Language::De, 1) => "1 Punkt".to_owned(),
                    (Language::De, n) => format!("{n} Punkte"),
                    (Language::En, 1) => "1 dot".to_owned(),
                    (Language::En, n) => format!("{n} dots"),
                };
                (r.entry.rank, r.entry.label, format!("{} · {dots}", r.group))
            })
            .collect(),
        empty: match lang {
            Language::De => "Es wurden keine Punkte vergeben.",
            Language::En => "No dots were given.",
        },
    }
}
