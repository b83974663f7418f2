//! Export of a whole workshop as one document, and its import as a new
//! workshop: every row gets a new id, every reference is checked, and the
//! whole import is one transaction, so a broken file changes nothing.

use std::collections::HashMap;

use rusqlite::{params, Transaction};

use super::sql::{self, ensure_exists, next_position};
use super::{
    actors, agenda, attendance, boards, cards, challenge_events, challenges, item_view, photos,
    polls, questions, ratings, relations, votes, word_clouds, workshops, Store,
};
use crate::error::{Entity, Error, FileProblem, Result};
use crate::model::document::*;
use crate::model::*;

/// The name `Ids` keeps a workspace's ids under.
fn id_kind(kind: Workspace) -> &'static str {
    match kind {
        Workspace::Board => "board",
        Workspace::ActorMap => "actor_map",
        Workspace::ChallengeList => "challenge_list",
    }
}

/// Old ids of the document to the new ids in the store, by kind; each new
/// one is an item taken over, which is what an import's progress counts.
struct Ids<'p> {
    map: HashMap<(&'static str, String), String>,
    progress: &'p mut dyn FnMut(u64),
}

impl Ids<'_> {
    fn fresh(&mut self, kind: &'static str, old: &str) -> Result<String> {
        let new = new_id();
        self.set(kind, old, &new)?;
        Ok(new)
    }

    /// Remembers the id an aggregate's own insert gave a row.
    fn set(&mut self, kind: &'static str, old: &str, new: &str) -> Result<()> {
        if self
            .map
            .insert((kind, old.to_owned()), new.to_owned())
            .is_some()
        {
            return Err(broken(format!("the {kind} id {old} appears twice")));
        }
        (self.progress)(self.map.len() as u64);
        Ok(())
    }

    fn get(&self, kind: &'static str, old: &str) -> Result<&str> {
        self.map
            .get(&(kind, old.to_owned()))
            .map(String::as_str)
            .ok_or_else(|| broken(format!("a reference to an unknown {kind}: {old}")))
    }
}

fn broken(detail: String) -> Error {
    Error::UnsupportedFile {
        problem: FileProblem::Damaged,
        detail,
    }
}

fn insert_board(
    tx: &Transaction,
    ids: &mut Ids,
    workshop_id: &str,
    position: usize,
    doc: &BoardDocument,
) -> Result<()> {
    let b = &doc.board;
    // The commands' bounds, checked before any row is written: a file with a
    // hundred thousand cards is refused at once, not after a long import.
    let cards: usize = doc.fields.iter().map(|f| f.cards.len()).sum();
    if cards > CARDS_PER_BOARD_MAX as usize {
        return Err(Error::Full {
            what: "cards_per_board",
            max: CARDS_PER_BOARD_MAX,
        });
    }
    room_for(
        "boards_per_workshop",
        super::owners::boards_in(tx, workshop_id)?,
        BOARDS_PER_WORKSHOP_MAX,
    )?;
    let board_id = ids.fresh("board", &b.id)?;
    in_range(
        "dots_per_participant",
        b.dots_per_participant.into(),
        1,
        DOTS_MAX.into(),
    )?;
    in_range(
        "timer_seconds",
        b.timer.duration_seconds.into(),
        1,
        TIMER_MAX_SECONDS.into(),
    )?;
    tx.execute(
        "INSERT INTO boards (id, workshop_id, position, title, dots_per_participant, vote_open,
                             timer_seconds, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            board_id,
            workshop_id,
            position,
            required_text("board_title", &b.title, TITLE_MAX)?,
            b.dots_per_participant,
            b.vote_open,
            b.timer.duration_seconds,
            sql::ts(&checked_time("board_created_at", b.created_at)?)
        ],
    )?;
    for (position, f) in doc.fields.iter().enumerate() {
        let field_id = ids.fresh("field", &f.field.id)?;
        tx.execute(
            "INSERT INTO fields (id, board_id, position, question, hidden_collection)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                field_id,
                board_id,
                position,
                required_text("field_question", &f.field.question, TITLE_MAX)?,
                f.field.hidden_collection
            ],
        )?;
        for (position, k) in f.clusters.iter().enumerate() {
            tx.execute(
                "INSERT INTO clusters (id, field_id, position, heading) VALUES (?1, ?2, ?3, ?4)",
                params![
                    ids.fresh("cluster", &k.id)?,
                    field_id,
                    position,
                    required_text("cluster_heading", &k.heading, TITLE_MAX)?
                ],
            )?;
        }
        for (position, c) in f.cards.iter().enumerate() {
            let cluster = match &c.cluster_id {
                Some(k) if f.clusters.iter().any(|x| &x.id == k) => {
                    Some(ids.get("cluster", k)?.to_owned())
                }
                Some(k) => {
                    return Err(broken(format!(
                        "a card refers to cluster {k} of another field"
                    )))
                }
                None => None,
            };
            // The commands' rules for a card's text, colour and author.
            let valid = cards::validate(&CardInput {
                text: c.text.clone(),
                color: c.color,
                author: c.author.clone(),
            })?;
            tx.execute(
                "INSERT INTO cards (id, field_id, cluster_id, position, text, color, author, hidden,
                                    created_at, participant)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                params![
                    ids.fresh("card", &c.id)?,
                    field_id,
                    cluster,
                    position,
                    valid.text,
                    valid.color.as_str(),
                    valid.author,
                    c.hidden,
                    sql::ts(&checked_time("card_created_at", c.created_at)?),
                    optional_text("participant", &c.participant, LABEL_MAX)?
                ],
            )?;
        }
    }
    // The commands' rules for a dot (`votes::record`): on this board, never
    // on a face-down card, within each person's budget.
    let board = super::board_rows::get_board(tx, &board_id)?;
    for v in &doc.votes {
        let target = match (v.card_id.as_deref(), v.cluster_id.as_deref()) {
            (Some(card), None) => VoteTarget::Card(ids.get("card", card)?.to_owned()),
            (None, Some(cluster)) => VoteTarget::Cluster(ids.get("cluster", cluster)?.to_owned()),
            _ => {
                return Err(broken(
                    "a dot must be on exactly one card or cluster".into(),
                ))
            }
        };
        let at = checked_time("vote_created_at", v.created_at)?;
        votes::record(tx, &board, &target, &v.participant, at)?;
    }
    Ok(())
}

fn insert_actor_map(
    tx: &Transaction,
    ids: &mut Ids,
    workshop_id: &str,
    doc: &ActorMapDocument,
) -> Result<()> {
    let map_id = ids.fresh("actor_map", &doc.map.id)?;
    tx.execute(
        "INSERT INTO actor_maps (id, workshop_id, title) VALUES (?1, ?2, ?3)",
        params![
            map_id,
            workshop_id,
            required_text("actor_map_title", &doc.map.title, TITLE_MAX)?
        ],
    )?;
    for (position, s) in doc.sectors.iter().enumerate() {
        tx.execute(
            "INSERT INTO sectors (id, map_id, position, name) VALUES (?1, ?2, ?3, ?4)",
            params![
                ids.fresh("sector", &s.id)?,
                map_id,
                position,
                actors::sector_name(&s.name)?
            ],
        )?;
    }
    // Each actor through the commands' own check and insert: the same limits,
    // and a sector of another map is refused as the commands refuse it.
    for a in &doc.actors {
        let checked = actors::check(&ActorInput {
            sector_id: ids.get("sector", &a.sector_id)?.to_owned(),
            name: a.name.clone(),
            role: a.role.clone(),
            influence: a.influence,
            interest: a.interest,
            involvement: a.involvement,
            contact: a.contact.clone(),
        })?;
        let source = a
            .source_card_id
            .as_deref()
            .and_then(|id| ids.get("card", id).ok().map(str::to_owned));
        let actor = actors::insert_placed(tx, &map_id, &checked, source.as_deref(), a.placed)?;
        ids.set("actor", &a.id, &actor.id)?;
    }
    for r in &doc.relations {
        relations::insert(
            tx,
            &map_id,
            ids.get("actor", &r.from_actor_id)?,
            ids.get("actor", &r.to_actor_id)?,
            &r.label,
        )?;
    }
    Ok(())
}

fn insert_challenge_list(
    tx: &Transaction,
    ids: &mut Ids,
    workshop_id: &str,
    doc: &ChallengeListDocument,
) -> Result<()> {
    let list_id = ids.fresh("challenge_list", &doc.list.id)?;
    in_range(
        "dots_per_participant",
        doc.list.dots_per_participant.into(),
        1,
        DOTS_MAX.into(),
    )?;
    tx.execute(
        "INSERT INTO challenge_lists (id, workshop_id, title, dots_per_participant, vote_open)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            list_id,
            workshop_id,
            required_text("challenge_list_title", &doc.list.title, TITLE_MAX)?,
            doc.list.dots_per_participant,
            doc.list.vote_open
        ],
    )?;
    // Each challenge through the commands' own check and insert.
    for c in &doc.challenges {
        let checked = challenges::check(&ChallengeInput {
            title: c.title.clone(),
            description: c.description.clone(),
            dimensions: c.dimensions.clone(),
            success_conditions: c.success_conditions.clone(),
            resources: c.resources.clone(),
            responsible: c.responsible.clone(),
            next_step: c.next_step.clone(),
            due_date: c.due_date.map(|d| d.to_string()).unwrap_or_default(),
            status: c.status,
            impact_goal: c.impact_goal.clone(),
            impact_signal: c.impact_signal.clone(),
            review_date: c.review_date.map(|d| d.to_string()).unwrap_or_default(),
        })?;
        let origin = challenges::Origin {
            card_id: c
                .source_card_id
                .as_deref()
                .and_then(|id| ids.get("card", id).ok().map(str::to_owned)),
            cluster_id: c
                .source_cluster_id
                .as_deref()
                .and_then(|id| ids.get("cluster", id).ok().map(str::to_owned)),
            dots: c.origin_dots,
        };
        let challenge = challenges::insert(tx, &list_id, &checked, &origin)?;
        ids.set("challenge", &c.id, &challenge.id)?;
    }
    // Dots under the commands' rules: on this list, within each person's budget.
    let list = challenges::get_list(tx, &list_id)?;
    for v in &doc.votes {
        let challenge = ids.get("challenge", &v.challenge_id)?.to_owned();
        let at = checked_time("vote_created_at", v.created_at)?;
        challenges::record_dot(tx, &list, &challenge, &v.participant, at)?;
    }
    // What became of each challenge, under the same rules as a step recorded now.
    for e in &doc.events {
        let challenge = ids.get("challenge", &e.challenge_id)?.to_owned();
        let at = checked_time("event_created_at", e.created_at)?;
        challenge_events::insert_event_at(tx, &challenge, e.happened_on, e.status, &e.note, at)?;
    }
    // The room's impact and effort, checked as a phone's are.
    ratings::insert_documents(tx, &list_id, &doc.ratings, |old| {
        Ok(ids.get("challenge", old)?.to_owned())
    })?;
    Ok(())
}

/// An agenda item with its activity's workspace under its new id, and the
/// times it really ran (an imported workshop runs no item).
fn insert_agenda_item(
    tx: &Transaction,
    ids: &Ids,
    workshop_id: &str,
    item: &AgendaItem,
) -> Result<AgendaItem> {
    let id = |kind, old: &str| ids.get(kind, old).map(str::to_owned);
    let activity = match &item.activity {
        Activity::Listen => Activity::Listen,
        Activity::Photos => Activity::Photos,
        Activity::Cards { board_id, field_id } => Activity::Cards {
            board_id: id("board", board_id)?,
            field_id: field_id.as_deref().map(|f| id("field", f)).transpose()?,
        },
        Activity::BoardVote { board_id } => Activity::BoardVote {
            board_id: id("board", board_id)?,
        },
        Activity::ChallengeVote { list_id } => Activity::ChallengeVote {
            list_id: id("challenge_list", list_id)?,
        },
        Activity::Actors { map_id } => Activity::Actors {
            map_id: id("actor_map", map_id)?,
        },
        Activity::Challenges { list_id } => Activity::Challenges {
            list_id: id("challenge_list", list_id)?,
        },
        Activity::Groups { boards } => Activity::Groups {
            boards: boards
                .iter()
                .map(|b| id("board", b))
                .collect::<Result<_>>()?,
        },
        Activity::GroupsVote { boards, dots } => Activity::GroupsVote {
            boards: boards
                .iter()
                .map(|b| id("board", b))
                .collect::<Result<_>>()?,
            dots: *dots,
        },
        Activity::ImpactEffort { list_id, hidden } => Activity::ImpactEffort {
            list_id: id("challenge_list", list_id)?,
            hidden: *hidden,
        },
        Activity::Questions { .. } | Activity::Poll { .. } | Activity::WordCloud { .. } => {
            item.activity.clone()
        }
        Activity::OpenBoard { .. } => {
            return Err(broken("an agenda item with a session's activity".into()))
        }
    };
    let new = agenda::insert(
        tx,
        workshop_id,
        &AgendaItemInput {
            start_time: item.start_time.format("%H:%M").to_string(),
            duration_minutes: item.duration_minutes,
            title: item.title.clone(),
            who: item.who.clone(),
            activity,
        },
    )?;
    agenda::write_script(
        tx,
        &new.id,
        &ItemScript {
            notes: item.notes.clone(),
            assignment: item.assignment.clone(),
        },
    )?;
    tx.execute(
        "UPDATE agenda_items SET started_at = ?2, ran_seconds = ?3 WHERE id = ?1",
        params![
            new.id,
            item.started_at.as_ref().map(super::sql::ts),
            item.ran_seconds
        ],
    )?;
    Ok(new)
}

/// What `insert_document` made: the workshop's id, and the store's id of
/// each of the document's challenges.
pub(crate) struct Inserted {
    pub workshop_id: Id,
    pub challenges: HashMap<String, String>,
}

/// A workshop document's rows, in the caller's transaction: each through
/// the commands' own checks, so a broken document changes nothing. `id`
/// keeps the workshop's id (another laptop's workshop); otherwise it gets a
/// new one, as every other row does.
pub(crate) fn insert_document(
    tx: &Transaction,
    doc: &WorkshopDocument,
    pictures: &[(&PhotoDocument, photos::KeptPixels)],
    progress: &mut dyn FnMut(u64),
    id: Option<&str>,
) -> Result<Inserted> {
    let w = &doc.workshop;
    let header = w.input();
    let mut ids = Ids {
        map: HashMap::new(),
        progress,
    };
    let workshop_id = match id {
        Some(id) => workshops::insert_as(tx, &header, id)?,
        None => workshops::insert(tx, &header)?,
    };
    for (position, board) in doc.boards.iter().enumerate() {
        insert_board(tx, &mut ids, &workshop_id, position, board)?;
    }
    for map in &doc.actor_maps {
        insert_actor_map(tx, &mut ids, &workshop_id, map)?;
    }
    for list in &doc.challenge_lists {
        insert_challenge_list(tx, &mut ids, &workshop_id, list)?;
    }
    // After the workspaces: an item's activity names one of them.
    let mut items: HashMap<&str, AgendaItem> = HashMap::new();
    for item in &doc.agenda {
        let new = insert_agenda_item(tx, &ids, &workshop_id, item)?;
        items.insert(item.id.as_str(), new);
    }
    let item_of = |old: &str| {
        items.get(old).ok_or_else(|| {
            broken(format!(
                "a question, poll, word cloud or photo of no agenda item ({old})"
            ))
        })
    };
    for old in doc
        .questions
        .iter()
        .map(|q| q.item_id.as_str())
        .collect::<std::collections::BTreeSet<_>>()
    {
        let of_item: Vec<_> = doc.questions.iter().filter(|q| q.item_id == old).collect();
        questions::insert_documents(tx, &item_of(old)?.id, &of_item)?;
    }
    let mut polled = std::collections::HashSet::new();
    for poll in &doc.polls {
        if !polled.insert(poll.item_id.as_str()) {
            return Err(broken(format!("two polls for one item ({})", poll.item_id)));
        }
        polls::insert_document(tx, item_of(&poll.item_id)?, poll)?;
    }
    let mut clouded = std::collections::HashSet::new();
    for cloud in &doc.word_clouds {
        if !clouded.insert(cloud.item_id.as_str()) {
            return Err(broken(format!(
                "two word clouds for one item ({})",
                cloud.item_id
            )));
        }
        word_clouds::insert_document(tx, item_of(&cloud.item_id)?, cloud)?;
    }
    for old in &doc.revealed {
        item_view::reveal_in_file(tx, item_of(old)?)?;
    }
    attendance::insert_document(tx, &workshop_id, &doc.attendance, &|old| {
        item_of(old).map(|i| i.id.clone())
    })?;
    for (p, kept) in pictures.iter() {
        let item = match &p.item_id {
            Some(old) => Some(item_of(old)?.id.clone()),
            None => None,
        };
        let workspace = match &p.workspace {
            Some(ws) => Some(ws.kind.at(ids.get(id_kind(ws.kind), &ws.id)?)),
            None => None,
        };
        let caption = photos::caption_text(&p.caption)?;
        let place = (item.as_deref(), workspace.as_ref());
        photos::insert(tx, &workshop_id, place, &caption, kept, None)?;
    }
    let challenges = ids
        .map
        .into_iter()
        .filter(|((kind, _), _)| *kind == "challenge")
        .map(|((_, old), new)| (old, new))
        .collect();
    Ok(Inserted {
        workshop_id,
        challenges,
    })
}

/// The whole workshop as one document, in the caller's transaction.
pub(crate) fn document_of(tx: &Transaction, workshop_id: &str) -> Result<WorkshopDocument> {
    ensure_exists(tx, "workshops", Entity::Workshop, workshop_id)?;
    let mut boards_out = Vec::new();
    for summary in boards::summaries(tx, workshop_id)? {
        let view = boards::view(tx, &summary.id)?;
        boards_out.push(BoardDocument {
            votes: votes::of_board(tx, &summary.id)?,
            board: view.board,
            fields: view.fields,
        });
    }
    let mut maps = Vec::new();
    for map in actors::maps_of(tx, workshop_id)? {
        maps.push(ActorMapDocument {
            sectors: actors::sectors_of(tx, &map.id)?,
            actors: actors::actors_of(tx, &map.id)?,
            relations: relations::relations_of(tx, &map.id)?,
            map,
        });
    }
    let mut lists = Vec::new();
    for list in challenges::lists_of(tx, workshop_id)? {
        lists.push(ChallengeListDocument {
            challenges: challenges::challenges_of(tx, &list.id)?,
            votes: challenges::votes_of(tx, &list.id)?,
            events: challenge_events::events_of_list(tx, &list.id)?,
            ratings: ratings::documents_of(tx, &list.id)?,
            list,
        });
    }
    let agenda = agenda::list(tx, workshop_id)?;
    let (mut asked, mut polled, mut clouds) = (Vec::new(), Vec::new(), Vec::new());
    let mut revealed = Vec::new();
    for item in &agenda {
        asked.extend(questions::documents_of(tx, &item.id)?);
        polled.extend(polls::document_of(tx, &item.id)?);
        clouds.extend(word_clouds::document_of(tx, &item.id)?);
        if agenda::revealed(tx, &item.id)? {
            revealed.push(item.id.clone());
        }
    }
    Ok(WorkshopDocument {
        format: FORMAT.into(),
        format_version: FORMAT_VERSION,
        workshop: workshops::get(tx, workshop_id)?,
        agenda,
        boards: boards_out,
        actor_maps: maps,
        challenge_lists: lists,
        questions: asked,
        polls: polled,
        word_clouds: clouds,
        revealed,
        photos: photos::documents_of(tx, workshop_id)?,
        attendance: attendance::document_of(tx, workshop_id)?,
    })
}

impl Store {
    /// The whole workshop as one document, read from one consistent snapshot.
    pub fn export_workshop(&self, workshop_id: &str) -> Result<WorkshopDocument> {
        self.read(|tx| document_of(tx, workshop_id))
    }

    /// Takes the boards of a workshop file (a group's result from a second
    /// laptop) into an existing workshop, as new boards with their cards,
    /// clusters and dots; nothing else of the file is read into the store.
    /// All of them or none. Returns the new boards' ids.
    pub fn import_boards_into(&self, workshop_id: &str, doc: &WorkshopDocument) -> Result<Vec<Id>> {
        let mut progress = |_| {};
        self.write(|tx| {
            ensure_exists(tx, "workshops", Entity::Workshop, workshop_id)?;
            let mut ids = Ids {
                map: HashMap::new(),
                progress: &mut progress,
            };
            let first = next_position(tx, "boards", "workshop_id", workshop_id)?;
            for (i, board) in doc.boards.iter().enumerate() {
                insert_board(tx, &mut ids, workshop_id, first as usize + i, board)?;
            }
            super::owners::touch_workshop(tx, workshop_id)?;
            doc.boards
                .iter()
                .map(|b| ids.get("board", &b.board.id).map(str::to_owned))
                .collect()
        })
    }

    /// Creates a new workshop from a document; returns its id. Either all of
    /// it is imported or nothing.
    pub fn import_workshop(&self, doc: &WorkshopDocument) -> Result<Id> {
        self.import_workshop_with(doc, &mut |_| {})
    }

    /// `import_workshop`, telling `progress` how many of the document's
    /// `items()` are taken over so far (called for each one: it throttles).
    pub fn import_workshop_with(
        &self,
        doc: &WorkshopDocument,
        progress: &mut dyn FnMut(u64),
    ) -> Result<Id> {
        self.import_workshop_file(doc, &mut |_| Ok(None), progress)
    }

    /// `import_workshop_with` for a file that carries its photos' bytes:
    /// `photo` gives those of the photo named by its sha256 (`None`: the
    /// file has none, as a JSON file). Each is taken in as a new photo is,
    /// upright and without metadata, before the store is locked; a photo
    /// that is refused refuses the whole file.
    pub fn import_workshop_file(
        &self,
        doc: &WorkshopDocument,
        photo: &mut dyn FnMut(&str) -> Result<Option<Vec<u8>>>,
        progress: &mut dyn FnMut(u64),
    ) -> Result<Id> {
        if doc.photos.len() > PHOTOS_PER_WORKSHOP_MAX as usize {
            return Err(Error::Full {
                what: "photos_per_workshop",
                max: PHOTOS_PER_WORKSHOP_MAX,
            });
        }
        let mut pictures = Vec::new();
        let imported = self.import_with_pictures(doc, photo, progress, &mut pictures);
        if imported.is_err() {
            // Nothing of a refused file stays: its pictures neither.
            for (_, kept) in &pictures {
                kept.discard(&self.path);
            }
        }
        imported
    }

    /// The import's work: the file's pictures kept (into `pictures`, which
    /// the caller takes away again should the import be refused), then its
    /// rows in one transaction.
    fn import_with_pictures<'d>(
        &self,
        doc: &'d WorkshopDocument,
        photo: &mut dyn FnMut(&str) -> Result<Option<Vec<u8>>>,
        progress: &mut dyn FnMut(u64),
        pictures: &mut Vec<(&'d PhotoDocument, photos::KeptPixels)>,
    ) -> Result<Id> {
        for p in &doc.photos {
            if let Some(bytes) = photo(&p.sha256)? {
                pictures.push((p, self.keep_pixels(&bytes)?));
            }
        }
        self.write(|tx| {
            insert_document(tx, doc, pictures, progress, None).map(|done| done.workshop_id)
        })
    }
}
