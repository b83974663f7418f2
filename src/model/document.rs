//! The whole workshop as one JSON document, versioned so that later versions
//! of Wandzeitung can read files written by earlier ones.

use serde::{Deserialize, Serialize};

use crate::error::{Error, FileProblem, Result};
use crate::model::*;

/// Names the kind of file, so a foreign JSON file is told apart from ours.
pub const FORMAT: &str = "wandzeitung.workshop";
/// Raised when the document's shape changes; import reads this version and older.
pub const FORMAT_VERSION: u32 = 1;
/// Files larger than this are refused before parsing (a workshop with 10,000
/// cards of full length is ~40 MB).
pub const MAX_BYTES: usize = 64 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkshopDocument {
    pub format: String,
    pub format_version: u32,
    pub workshop: Workshop,
    pub agenda: Vec<AgendaItem>,
    pub boards: Vec<BoardDocument>,
    pub actor_maps: Vec<ActorMapDocument>,
    pub challenge_lists: Vec<ChallengeListDocument>,
    /// The audience's questions, of every item (absent in older files).
    #[serde(default)]
    pub questions: Vec<QuestionDocument>,
    /// The answers of every item's poll (absent in older files).
    #[serde(default)]
    pub polls: Vec<PollDocument>,
    /// The words of every item's word cloud (absent in older files).
    #[serde(default)]
    pub word_clouds: Vec<WordCloudDocument>,
    /// The items whose results, collected face down, were revealed (a
    /// word cloud, a matrix; absent in older files).
    #[serde(default)]
    pub revealed: Vec<Id>,
    /// The Fotoprotokoll: each photo's caption, place and the name of its
    /// pixels in the store's photo folder (absent in older files).
    #[serde(default)]
    pub photos: Vec<PhotoDocument>,
    /// Who took part, by actor group, never by name (absent in older files).
    #[serde(default)]
    pub attendance: AttendanceDocument,
}

/// A photo as the document names it: the pixels stay in the photo folder,
/// named by `sha256`; a protocol reads them from there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhotoDocument {
    pub id: Id,
    pub item_id: Option<Id>,
    /// The workspace it belongs to (absent in older files).
    #[serde(default)]
    pub workspace: Option<WorkspaceRef>,
    pub caption: String,
    pub width: u32,
    pub height: u32,
    pub sha256: String,
}

/// A question as a file keeps it: who asked and who backed stay on the
/// laptop; the file has the first name (if given) and the backing's count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionDocument {
    pub id: Id,
    pub item_id: Id,
    pub seq: u32,
    pub name: String,
    pub text: String,
    pub state: QuestionState,
    pub merged_into: Option<Id>,
    /// Backers of this question itself (a question merged into it keeps its own).
    pub backing: u32,
}

/// A poll's answers as a file keeps them: the values only, never whose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PollDocument {
    pub item_id: Id,
    pub closed: bool,
    pub answers: Vec<u8>,
}

/// A word cloud as a file keeps it: each phone's words, never whose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WordCloudDocument {
    pub item_id: Id,
    /// The words taken off the cloud, as counted (lower case).
    pub hidden: Vec<String>,
    /// Each phone's words, in the order they came.
    pub phones: Vec<Vec<String>>,
}

impl WorkshopDocument {
    /// The item's questions as listed: not merged, by backing then by time;
    /// each with the texts merged into it and the backing that counts (its
    /// own; merging already passed the merged ones' backers on).
    pub fn questions_of(&self, item_id: &str) -> Vec<(&QuestionDocument, Vec<&str>)> {
        let mut out: Vec<_> = self
            .questions
            .iter()
            .filter(|q| q.item_id == item_id && q.merged_into.is_none())
            .map(|q| {
                let merged = self
                    .questions
                    .iter()
                    .filter(|m| m.merged_into.as_deref() == Some(q.id.as_str()))
                    .map(|m| m.text.as_str())
                    .collect();
                (q, merged)
            })
            .collect();
        out.sort_by(|(a, _), (b, _)| b.backing.cmp(&a.backing).then(a.seq.cmp(&b.seq)));
        out
    }

    /// The photos of an agenda item, in order.
    pub fn photos_of_item(&self, item_id: &str) -> Vec<&PhotoDocument> {
        self.photos
            .iter()
            .filter(|p| p.item_id.as_deref() == Some(item_id))
            .collect()
    }

    /// The item's word cloud as counted, if the item runs one.
    pub fn cloud_of(&self, item: &AgendaItem) -> Option<words::ItemWordCloud> {
        let Activity::WordCloud { question, hidden } = &item.activity else {
            return None;
        };
        let doc = self.word_clouds.iter().find(|c| c.item_id == item.id);
        let phones: &[Vec<String>] = doc.map(|c| c.phones.as_slice()).unwrap_or_default();
        let off: Vec<String> = doc
            .map(|c| c.hidden.iter().filter_map(|k| words::word_key(k)).collect())
            .unwrap_or_default();
        let mut counted = words::count(phones.iter().flatten().map(String::as_str));
        for w in &mut counted {
            w.hidden = off.contains(&w.key);
        }
        Some(words::ItemWordCloud {
            item_id: item.id.clone(),
            question: question.clone(),
            hidden: *hidden,
            revealed: self.revealed.contains(&item.id),
            phones: u32::try_from(phones.iter().filter(|p| !p.is_empty()).count())
                .unwrap_or(u32::MAX),
            words: counted,
        })
    }

    /// The challenge list an item rates by impact and effort, and whether
    /// the room sees the result (not rated face down, or revealed).
    pub fn matrix_of(&self, item: &AgendaItem) -> Option<(&ChallengeListDocument, bool)> {
        let Activity::ImpactEffort { list_id, hidden } = &item.activity else {
            return None;
        };
        let list = self
            .challenge_lists
            .iter()
            .find(|l| l.list.id == *list_id)?;
        Some((list, !hidden || self.revealed.contains(&item.id)))
    }

    /// The item's poll result, if the item runs a poll.
    pub fn poll_of(&self, item: &AgendaItem) -> Option<(String, PollAnswers, bool, PollResult)> {
        let Activity::Poll { question, answers } = &item.activity else {
            return None;
        };
        let doc = self.polls.iter().find(|p| p.item_id == item.id);
        let given = doc.map(|p| p.answers.clone()).unwrap_or_default();
        Some((
            question.clone(),
            answers.clone(),
            doc.is_some_and(|p| p.closed),
            PollResult::of(answers, given),
        ))
    }
}

impl WorkshopDocument {
    /// The items an import takes over one by one (boards, fields, clusters,
    /// cards, maps, sectors, actors, lists, challenges): what its progress
    /// counts up to.
    pub fn items(&self) -> u64 {
        let boards: usize = self
            .boards
            .iter()
            .map(|b| {
                1 + b
                    .fields
                    .iter()
                    .map(|f| 1 + f.clusters.len() + f.cards.len())
                    .sum::<usize>()
            })
            .sum();
        let maps: usize = self
            .actor_maps
            .iter()
            .map(|m| 1 + m.sectors.len() + m.actors.len())
            .sum();
        let lists: usize = self
            .challenge_lists
            .iter()
            .map(|l| 1 + l.challenges.len())
            .sum();
        (boards + maps + lists) as u64
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BoardDocument {
    pub board: Board,
    pub fields: Vec<FieldView>,
    pub votes: Vec<Vote>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActorMapDocument {
    pub map: ActorMap,
    pub sectors: Vec<Sector>,
    pub actors: Vec<Actor>,
    /// Absent in files written before relations existed.
    #[serde(default)]
    pub relations: Vec<ActorRelation>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChallengeListDocument {
    pub list: ChallengeList,
    pub challenges: Vec<Challenge>,
    /// Absent in files written before challenge voting existed.
    #[serde(default)]
    pub votes: Vec<ChallengeVote>,
    /// What became of the challenges after the workshop; absent in files
    /// written before it was followed.
    #[serde(default)]
    pub events: Vec<super::ChallengeEvent>,
    /// Each phone's impact and effort for a challenge, never whose (absent
    /// in files written before the matrix).
    #[serde(default)]
    pub ratings: Vec<RatingDocument>,
}

/// One phone's place for one challenge, as a file keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RatingDocument {
    pub challenge_id: Id,
    pub impact: Option<u8>,
    pub effort: Option<u8>,
}

impl ActorMapDocument {
    /// Each relation as (from, to, label), by the actors' names.
    pub fn relation_rows(&self) -> Vec<[String; 3]> {
        let name = |id: &str| {
            self.actors
                .iter()
                .find(|a| a.id == id)
                .map(|a| a.name.clone())
                .unwrap_or_default()
        };
        self.relations
            .iter()
            .map(|r| {
                [
                    name(&r.from_actor_id),
                    name(&r.to_actor_id),
                    r.label.clone(),
                ]
            })
            .collect()
    }
}

impl ChallengeListDocument {
    /// The challenges in priority order (most dots first, ties in the manual
    /// order), each with its rank; without any dot, the manual order numbered.
    pub fn in_priority_order(&self) -> Vec<(u32, &Challenge)> {
        if self.challenges.iter().all(|c| c.dots == 0) {
            return (1..).zip(&self.challenges).collect();
        }
        ranking(&self.challenges)
            .into_iter()
            .filter_map(|r| {
                let c = self.challenges.iter().find(|c| c.id == r.challenge_id)?;
                Some((r.rank, c))
            })
            .collect()
    }

    /// A challenge's place in the matrix from the ratings given on both
    /// scales; None while nobody gave both.
    pub fn rated(&self, challenge_id: &str) -> Option<rating::Rated> {
        let pairs: Vec<(u8, u8)> = self
            .ratings
            .iter()
            .filter(|r| r.challenge_id == challenge_id)
            .filter_map(|r| Some((r.impact?, r.effort?)))
            .collect();
        rating::Rated::of(&pairs)
    }
}

impl WorkshopDocument {
    pub fn to_json(&self) -> Result<String> {
        Ok(serde_json::to_string_pretty(self)?)
    }

    /// Reads a document, refusing files that are not ours or too new, with a
    /// message that says which.
    pub fn from_json(bytes: &[u8]) -> Result<WorkshopDocument> {
        if bytes.len() > MAX_BYTES {
            return Err(Error::UnsupportedFile {
                problem: FileProblem::TooLarge,
                detail: format!("larger than {} MB", MAX_BYTES / 1024 / 1024),
            });
        }
        #[derive(Deserialize)]
        struct Header {
            format: Option<String>,
            format_version: Option<u32>,
        }
        let header: Header = serde_json::from_slice(bytes).map_err(|e| Error::UnsupportedFile {
            problem: FileProblem::NotJson,
            detail: e.to_string(),
        })?;
        if header.format.as_deref() != Some(FORMAT) {
            return Err(Error::UnsupportedFile {
                problem: FileProblem::NotOurs,
                detail: format!("format is not {FORMAT:?}"),
            });
        }
        match header.format_version {
            Some(v) if v <= FORMAT_VERSION => {}
            v => {
                return Err(Error::UnsupportedFile {
                    problem: FileProblem::TooNew,
                    detail: format!(
                        "format version {} is newer than this Wandzeitung reads ({FORMAT_VERSION})",
                        v.map(|v| v.to_string()).unwrap_or_else(|| "?".into())
                    ),
                })
            }
        }
        serde_json::from_slice(bytes).map_err(|e| Error::UnsupportedFile {
            problem: FileProblem::Damaged,
            detail: e.to_string(),
        })
    }
}
