//! The room speaking back during an agenda item: questions from the audience
//! (asked, backed, moderated) and quick polls (a scale or a few answers).
//! Both belong to their agenda item, not to a workspace.

use serde::{Deserialize, Serialize};

use super::{optional_text, required_text, Id, LABEL_MAX, TITLE_MAX};
use crate::error::{Error, Result};

/// A question from the audience: longer than a card's headline, shorter
/// than a speech.
pub const QUESTION_MAX: usize = 300;
/// Questions one participant may ask during one item: enough to ask what
/// matters, too few to flood the list.
pub const QUESTIONS_PER_PARTICIPANT: u32 = 5;
/// Questions in one item: more than any hall asks.
pub const QUESTIONS_PER_ITEM_MAX: u32 = 2_000;
/// Points of a poll's scale, and answers of a poll to choose from.
pub const POLL_POINTS: std::ops::RangeInclusive<u8> = 2..=10;
pub const POLL_CHOICES: std::ops::RangeInclusive<usize> = 2..=8;

/// What a poll's participants answer with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum PollAnswers {
    /// 1 to `points`, with words at both ends ("gar nicht" … "sehr").
    Scale {
        points: u8,
        low: String,
        high: String,
    },
    /// One of a few answers.
    Choices { choices: Vec<String> },
}

impl Default for PollAnswers {
    fn default() -> Self {
        PollAnswers::Scale {
            points: 5,
            low: String::new(),
            high: String::new(),
        }
    }
}

impl PollAnswers {
    /// How many answers there are: an answer is 1 to this.
    pub fn count(&self) -> u8 {
        match self {
            PollAnswers::Scale { points, .. } => *points,
            PollAnswers::Choices { choices } => u8::try_from(choices.len()).unwrap_or(u8::MAX),
        }
    }

    /// The answer's words (a choice, or the scale's number).
    pub fn label(&self, answer: u8) -> String {
        match self {
            PollAnswers::Scale { .. } => answer.to_string(),
            PollAnswers::Choices { choices } => choices
                .get(usize::from(answer).wrapping_sub(1))
                .cloned()
                .unwrap_or_default(),
        }
    }
}

/// Checks a poll's question and answers; returns them trimmed.
pub fn check_poll(question: &str, answers: &PollAnswers) -> Result<(String, PollAnswers)> {
    let question = required_text("poll_question", question, TITLE_MAX)?;
    let answers = match answers {
        PollAnswers::Scale { points, low, high } => {
            if !POLL_POINTS.contains(points) {
                return Err(Error::OutOfRange {
                    field: "poll_points",
                    value: i64::from(*points),
                    min: i64::from(*POLL_POINTS.start()),
                    max: i64::from(*POLL_POINTS.end()),
                });
            }
            PollAnswers::Scale {
                points: *points,
                low: optional_text("poll_low", low, LABEL_MAX)?,
                high: optional_text("poll_high", high, LABEL_MAX)?,
            }
        }
        PollAnswers::Choices { choices } => {
            let choices: Vec<String> = choices
                .iter()
                .filter(|c| !c.trim().is_empty())
                .map(|c| required_text("poll_choice", c, LABEL_MAX))
                .collect::<Result<_>>()?;
            if !POLL_CHOICES.contains(&choices.len()) {
                return Err(Error::OutOfRange {
                    field: "poll_choices",
                    value: choices.len() as i64,
                    min: *POLL_CHOICES.start() as i64,
                    max: *POLL_CHOICES.end() as i64,
                });
            }
            PollAnswers::Choices { choices }
        }
    };
    Ok((question, answers))
}

/// Where a question stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum QuestionState {
    /// Asked while questions are checked first: only its asker sees it.
    Waiting,
    /// On the list for everybody.
    Open,
    /// Being answered now ("jetzt dran"): at most one per item.
    Current,
    Answered,
    /// Taken off the list by the facilitator; its asker sees that.
    Hidden,
}

impl QuestionState {
    pub const ALL: [QuestionState; 5] = [
        QuestionState::Waiting,
        QuestionState::Open,
        QuestionState::Current,
        QuestionState::Answered,
        QuestionState::Hidden,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            QuestionState::Waiting => "waiting",
            QuestionState::Open => "open",
            QuestionState::Current => "current",
            QuestionState::Answered => "answered",
            QuestionState::Hidden => "hidden",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Whether the room sees it.
    pub fn shown(self) -> bool {
        matches!(
            self,
            QuestionState::Open | QuestionState::Current | QuestionState::Answered
        )
    }
}

/// A question as the facilitator sees it. Who asked stays on the phone
/// (the first name only, in a named session).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Question {
    pub id: Id,
    pub item_id: Id,
    pub text: String,
    /// The asker's first name in a named session; empty otherwise.
    pub name: String,
    pub state: QuestionState,
    /// Participants who back it (each once), those of questions merged into it included.
    pub backing: u32,
    /// Texts of the questions merged into this one.
    pub merged: Vec<String>,
    /// Order of asking within the item.
    pub seq: u32,
}

/// An item's questions for the facilitator and the projector.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ItemQuestions {
    pub item_id: Id,
    pub review: bool,
    /// Every question not merged into another, by backing then by time.
    pub questions: Vec<Question>,
}

/// A question as one participant's phone sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ParticipantQuestion {
    pub id: Id,
    pub text: String,
    pub name: String,
    pub state: QuestionState,
    pub backing: u32,
    /// This participant backs it.
    pub backed: bool,
    /// This participant asked it.
    pub mine: bool,
    pub seq: u32,
}

/// The questions of the running item on a phone: everybody's shown ones and
/// the participant's own waiting or hidden ones.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ParticipantQuestions {
    pub review: bool,
    pub questions: Vec<ParticipantQuestion>,
    /// How many more this participant may ask in this item.
    pub left: u32,
}

/// How a poll came out: how many chose each answer (answer 1 first).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PollResult {
    pub counts: Vec<u32>,
    pub answered: u32,
    /// For a scale: the mean answer; None for choices or with no answer.
    pub average: Option<f64>,
}

impl PollResult {
    pub fn of(answers: &PollAnswers, given: impl IntoIterator<Item = u8>) -> Self {
        let mut counts = vec![0u32; usize::from(answers.count())];
        for a in given {
            if let Some(c) = counts.get_mut(usize::from(a).wrapping_sub(1)) {
                *c += 1;
            }
        }
        let answered: u32 = counts.iter().sum();
        let average = match answers {
            PollAnswers::Scale { .. } if answered > 0 => Some(
                counts
                    .iter()
                    .enumerate()
                    .map(|(i, c)| (i as f64 + 1.0) * f64::from(*c))
                    .sum::<f64>()
                    / f64::from(answered),
            ),
            _ => None,
        };
        PollResult {
            counts,
            answered,
            average,
        }
    }
}

/// A poll as the facilitator and the projector see it: never who answered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ItemPoll {
    pub item_id: Id,
    pub question: String,
    pub answers: PollAnswers,
    pub closed: bool,
    pub result: PollResult,
}

/// A poll on a phone: its own answer, and the result once it answered or
/// the poll closed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ParticipantPoll {
    pub question: String,
    pub answers: PollAnswers,
    pub closed: bool,
    pub mine: Option<u8>,
    pub result: Option<PollResult>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scale_counts_each_point_and_averages() {
        let scale = PollAnswers::Scale {
            points: 5,
            low: "gar nicht".into(),
            high: "sehr".into(),
        };
        let r = PollResult::of(&scale, [1, 5, 5, 4]);
        assert_eq!(r.counts, vec![1, 0, 0, 1, 2]);
        assert_eq!(r.answered, 4);
        assert_eq!(r.average, Some(3.75));
        let none = PollResult::of(&scale, []);
        assert_eq!(none.average, None);
        let choices = PollAnswers::Choices {
            choices: vec!["Ja".into(), "Nein".into()],
        };
        let r = PollResult::of(&choices, [2, 2, 1, 9]);
        assert_eq!(
            r.counts,
            vec![1, 2],
            "an answer out of range is not counted"
        );
        assert_eq!(r.average, None);
    }

    #[test]
    fn a_poll_needs_a_question_and_a_sensible_set_of_answers() {
        let ok = PollAnswers::Choices {
            choices: vec![" Ja ".into(), "".into(), "Nein".into()],
        };
        let (q, a) = check_poll(" Passt das? ", &ok).unwrap();
        assert_eq!(q, "Passt das?");
        assert_eq!(
            a,
            PollAnswers::Choices {
                choices: vec!["Ja".into(), "Nein".into()]
            },
            "empty answers are dropped"
        );
        let one = PollAnswers::Choices {
            choices: vec!["Ja".into()],
        };
        assert_eq!(
            check_poll("Passt das?", &one).unwrap_err().code(),
            "out_of_range"
        );
        let wide = PollAnswers::Scale {
            points: 11,
            low: String::new(),
            high: String::new(),
        };
        assert_eq!(
            check_poll("Wie?", &wide).unwrap_err().code(),
            "out_of_range"
        );
        assert_eq!(check_poll("  ", &ok).unwrap_err().code(), "empty");
    }
}
