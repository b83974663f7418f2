//! A card or a cluster of a board becomes an actor or a challenge: the moves
//! across workspaces, on top of the boards, actor maps and challenge lists
//! they read and write.

use rusqlite::{params, OptionalExtension, Transaction};

use super::actors::{self, insert_map, maps_of, sectors_of};
use super::board_rows::get_board;
use super::cards::revealed_text;
use super::challenges::{self, get_list, lists_of, Origin};
use super::owners::{board_of_card, board_of_cluster};
use super::sql::found;
use super::{workshops, Store};
use crate::error::{Entity, Error, Result};
use crate::model::*;

impl Store {
    /// Makes a board card an actor: its text is the name (cut to a title's
    /// length, the whole text then goes to the role); the actor remembers
    /// the card. Starts in the middle of the grid, to be placed.
    pub fn actor_from_card(
        &self,
        map_id: &str,
        card_id: &str,
        sector_id: &str,
    ) -> Result<Applied<Actor>> {
        self.scoped_action(
            Workspace::ActorMap,
            "actor_from_card",
            |tx| actors::get_map(tx, map_id).map(|m| m.id),
            |tx, map_id| card_to_actor(tx, map_id, card_id, sector_id),
        )
    }

    /// The sectors a card can go to as an actor, in order: those of its
    /// workshop's first actor map, or the ones a new map would start with.
    pub fn promotion_sectors(&self, card_id: &str) -> Result<Vec<String>> {
        self.read(|tx| {
            let board_id = board_of_card(tx, card_id)?;
            let workshop_id = get_board(tx, &board_id)?.workshop_id;
            Ok(match maps_of(tx, &workshop_id)?.into_iter().next() {
                Some(map) => sectors_of(tx, &map.id)?
                    .into_iter()
                    .map(|s| s.name)
                    .collect(),
                None => DEFAULT_SECTORS.iter().map(|s| (*s).to_owned()).collect(),
            })
        })
    }

    /// The one move from a board: the card becomes an actor in the chosen
    /// sector (by its place in `promotion_sectors`) of its workshop's first
    /// actor map, which is created (titled in the workshop's language) when
    /// there is none — in the same transaction.
    pub fn promote_to_actor(&self, card_id: &str, sector: u32) -> Result<Applied<Actor>> {
        self.scoped_action(
            Workspace::ActorMap,
            "promote_to_actor",
            |tx| {
                let board_id = board_of_card(tx, card_id)?;
                let workshop_id = get_board(tx, &board_id)?.workshop_id;
                first_map_of(tx, &workshop_id)
            },
            |tx, map_id| {
                let sector = sectors_of(tx, map_id)?
                    .into_iter()
                    .nth(sector as usize)
                    .ok_or_else(|| Error::not_found(Entity::Sector, map_id))?;
                card_to_actor(tx, map_id, card_id, &sector.id)
            },
        )
    }

    /// Makes a board card a challenge: its text becomes the title (and the
    /// description, when it is longer than a title), its dots the origin.
    pub fn challenge_from_card(&self, list_id: &str, card_id: &str) -> Result<Applied<Challenge>> {
        self.scoped_action(
            Workspace::ChallengeList,
            "challenge_from_card",
            |tx| get_list(tx, list_id).map(|l| l.id),
            |tx, list_id| card_to_challenge(tx, list_id, card_id),
        )
    }

    /// Makes a board cluster a challenge: the heading is the title, its cards
    /// the description, the dots of the cluster and its cards the origin.
    pub fn challenge_from_cluster(
        &self,
        list_id: &str,
        cluster_id: &str,
    ) -> Result<Applied<Challenge>> {
        self.scoped_action(
            Workspace::ChallengeList,
            "challenge_from_cluster",
            |tx| get_list(tx, list_id).map(|l| l.id),
            |tx, list_id| cluster_to_challenge(tx, list_id, cluster_id),
        )
    }

    /// Every cluster of a board that the list does not hold yet becomes a
    /// challenge of it, in the board's order: how a board's clusters come to
    /// be rated by impact and effort. One undoable step of the list; a
    /// board of another workshop is not found.
    pub fn challenges_from_clusters(
        &self,
        list_id: &str,
        board_id: &str,
    ) -> Result<Applied<Vec<Challenge>>> {
        self.scoped_action(
            Workspace::ChallengeList,
            "challenges_from_clusters",
            |tx| get_list(tx, list_id).map(|l| l.id),
            |tx, list_id| {
                let list = get_list(tx, list_id)?;
                if get_board(tx, board_id)?.workshop_id != list.workshop_id {
                    return Err(Error::not_found(Entity::Board, board_id));
                }
                let new: Vec<Id> = tx
                    .prepare(
                        "SELECT k.id FROM clusters k JOIN fields f ON f.id = k.field_id
                         WHERE f.board_id = ?1 AND k.id NOT IN (
                             SELECT source_cluster_id FROM challenges
                             WHERE list_id = ?2 AND source_cluster_id IS NOT NULL)
                         ORDER BY f.position, k.position, k.id",
                    )?
                    .query_map(params![board_id, list_id], |r| r.get(0))?
                    .collect::<rusqlite::Result<_>>()?;
                new.iter()
                    .map(|cluster| cluster_to_challenge(tx, list_id, cluster))
                    .collect()
            },
        )
    }

    /// The one move from a board: the card or cluster goes to its workshop's
    /// first challenge list, which is created (titled in the workshop's
    /// language) when there is none — in the same transaction, so a refused
    /// promotion leaves no empty list behind.
    pub fn promote_to_challenge(&self, source: &VoteTarget) -> Result<Applied<Challenge>> {
        self.scoped_action(
            Workspace::ChallengeList,
            "promote_to_challenge",
            |tx| {
                let board_id = match source {
                    VoteTarget::Card(id) => board_of_card(tx, id)?,
                    VoteTarget::Cluster(id) => board_of_cluster(tx, id)?,
                };
                let workshop_id = get_board(tx, &board_id)?.workshop_id;
                first_list_of(tx, &workshop_id)
            },
            |tx, list_id| match source {
                VoteTarget::Card(id) => card_to_challenge(tx, list_id, id),
                VoteTarget::Cluster(id) => cluster_to_challenge(tx, list_id, id),
            },
        )
    }
}

/// The workshop's first actor map, created when it has none.
fn first_map_of(tx: &Transaction, workshop_id: &str) -> Result<Id> {
    if let Some(map) = maps_of(tx, workshop_id)?.into_iter().next() {
        return Ok(map.id);
    }
    let language = workshops::get(tx, workshop_id)?.language;
    insert_map(tx, workshop_id, language.actor_map_title())
}

/// A card's text as an actor's name (cut to a title's length; the whole
/// text then goes to the role), placed in the middle of the grid.
fn card_to_actor(tx: &Transaction, map_id: &str, card_id: &str, sector_id: &str) -> Result<Actor> {
    let (text, _) = revealed_text(tx, card_id)?;
    let name = as_title(&text);
    let role = if name == text.trim() {
        String::new()
    } else {
        text.trim().chars().take(NOTE_MAX).collect()
    };
    let middle = SCALE_MIN.midpoint(SCALE_MAX);
    let a = actors::check(&ActorInput {
        sector_id: sector_id.to_owned(),
        name,
        role,
        influence: middle,
        interest: middle,
        involvement: Involvement::default(),
        contact: String::new(),
    })?;
    actors::insert(tx, map_id, &a, Some(card_id))
}

/// Cuts a text to a title's length at a character boundary.
fn as_title(text: &str) -> String {
    let text = text.trim();
    if text.chars().count() <= TITLE_MAX {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(TITLE_MAX - 1).collect();
    cut.push('…');
    cut
}

/// The workshop's first challenge list, created when it has none.
fn first_list_of(tx: &Transaction, workshop_id: &str) -> Result<Id> {
    if let Some(list) = lists_of(tx, workshop_id)?.into_iter().next() {
        return Ok(list.id);
    }
    let language = workshops::get(tx, workshop_id)?.language;
    let id = new_id();
    tx.execute(
        "INSERT INTO challenge_lists (id, workshop_id, title) VALUES (?1, ?2, ?3)",
        params![id, workshop_id, language.challenge_list_title()],
    )?;
    Ok(id)
}

fn card_to_challenge(tx: &Transaction, list_id: &str, card_id: &str) -> Result<Challenge> {
    let (text, dots) = revealed_text(tx, card_id)?;
    let title = as_title(&text);
    let description = if title == text.trim() {
        String::new()
    } else {
        text.trim().to_owned()
    };
    let checked = challenges::check(&ChallengeInput {
        title,
        description,
        ..ChallengeInput::default()
    })?;
    let origin = Origin {
        card_id: Some(card_id.to_owned()),
        cluster_id: None,
        dots,
    };
    challenges::insert(tx, list_id, &checked, &origin)
}

fn cluster_to_challenge(tx: &Transaction, list_id: &str, cluster_id: &str) -> Result<Challenge> {
    let heading: String = found(
        tx.query_row(
            "SELECT heading FROM clusters WHERE id = ?1",
            [cluster_id],
            |r| r.get(0),
        )
        .optional()?,
        Entity::Cluster,
        cluster_id,
    )?;
    let texts: Vec<String> = tx
        .prepare(
            "SELECT text FROM cards WHERE cluster_id = ?1 AND hidden = 0
                 ORDER BY position, id",
        )?
        .query_map([cluster_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let dots: u32 = tx.query_row(
        "SELECT count(*) FROM votes WHERE cluster_id = ?1
                OR card_id IN (SELECT id FROM cards WHERE cluster_id = ?1)",
        [cluster_id],
        |r| r.get(0),
    )?;
    let description: String = texts
        .iter()
        .map(|t| format!("– {}", t.trim()))
        .collect::<Vec<_>>()
        .join("\n");
    let checked = challenges::check(&ChallengeInput {
        title: as_title(&heading),
        description: description.chars().take(NOTE_MAX).collect(),
        ..ChallengeInput::default()
    })?;
    let origin = Origin {
        card_id: None,
        cluster_id: Some(cluster_id.to_owned()),
        dots,
    };
    challenges::insert(tx, list_id, &checked, &origin)
}
