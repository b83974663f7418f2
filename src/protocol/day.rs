//! The order of the protocol: it follows the day. The agenda comes first;
//! when its items ran activities, each item follows with its times and, the
//! first time a workspace is used, its results in place; workspaces no item
//! used come at the end. An agenda without activities keeps the order of a
//! workshop run by hand: the agenda, then the boards, maps and lists.

use std::collections::HashSet;

use super::document::{
    ActorMapDocument, BoardDocument, ChallengeListDocument, PhotoDocument, WorkshopDocument,
};
use crate::model::{Activity, AgendaItem, Workspace};

#[derive(Debug, PartialEq)]
pub enum Block<'a> {
    /// The overview table: planned and real times.
    Agenda,
    Item(&'a AgendaItem),
    Board(&'a BoardDocument),
    Map(&'a ActorMapDocument),
    List(&'a ChallengeListDocument),
    /// The audience's questions of this item.
    Questions(&'a AgendaItem),
    /// This item's poll and how it came out.
    Poll(&'a AgendaItem),
    /// This item's word cloud, as a picture and as counted words.
    Cloud(&'a AgendaItem),
    /// This item's matrix of impact and effort, as a picture and a table.
    Matrix(&'a AgendaItem),
    /// The plenary's one ranking over the groups' boards.
    Ranking(&'a AgendaItem),
    /// Photos of the paper walls: under their item (`under_item`), or all
    /// the others at the end, as the Fotoprotokoll.
    Photos {
        photos: Vec<&'a PhotoDocument>,
        under_item: bool,
        /// The number of the block's first photo: photos are numbered
        /// through the whole protocol, so "Foto 3" names one photo.
        first: usize,
    },
    /// A workspace whose results stand under an earlier item.
    SeeAbove {
        kind: Workspace,
        title: &'a str,
    },
}

fn block_of<'a>(doc: &'a WorkshopDocument, kind: Workspace, id: &str) -> Option<Block<'a>> {
    match kind {
        Workspace::Board => doc
            .boards
            .iter()
            .find(|b| b.board.id == id)
            .map(Block::Board),
        Workspace::ActorMap => doc
            .actor_maps
            .iter()
            .find(|m| m.map.id == id)
            .map(Block::Map),
        Workspace::ChallengeList => doc
            .challenge_lists
            .iter()
            .find(|l| l.list.id == id)
            .map(Block::List),
    }
}

/// A workspace block's kind, id and title.
fn identity<'a>(block: &Block<'a>) -> (Workspace, &'a str, &'a str) {
    match block {
        Block::Board(b) => (Workspace::Board, &b.board.id, &b.board.title),
        Block::Map(m) => (Workspace::ActorMap, &m.map.id, &m.map.title),
        Block::List(l) => (Workspace::ChallengeList, &l.list.id, &l.list.title),
        _ => unreachable!("only workspaces have an identity here"),
    }
}

pub fn blocks(doc: &WorkshopDocument) -> Vec<Block<'_>> {
    let mut out = Vec::new();
    if !doc.agenda.is_empty() {
        out.push(Block::Agenda);
    }
    let mut shown: HashSet<(Workspace, &str)> = HashSet::new();
    let asked = |a: &AgendaItem| doc.questions.iter().any(|q| q.item_id == a.id);
    let polled = |a: &AgendaItem| doc.poll_of(a).is_some();
    let clouded = |a: &AgendaItem| doc.cloud_of(a).is_some();
    let rated = |a: &AgendaItem| matches!(a.activity, Activity::ImpactEffort { .. });
    let pictured = |a: &AgendaItem| doc.photos.iter().any(|p| p.item_id.as_ref() == Some(&a.id));
    let conducted = doc.agenda.iter().any(|a| {
        a.activity.workspace().is_some()
            || !a.activity.boards().is_empty()
            || asked(a)
            || polled(a)
            || clouded(a)
            || rated(a)
            || pictured(a)
    });
    if conducted {
        for item in &doc.agenda {
            out.push(Block::Item(item));
            if asked(item) {
                out.push(Block::Questions(item));
            }
            if polled(item) {
                out.push(Block::Poll(item));
            }
            if clouded(item) {
                out.push(Block::Cloud(item));
            }
            if let Activity::ImpactEffort { list_id, .. } = &item.activity {
                out.push(Block::Matrix(item));
                // The list it rated follows, once, as a workspace under its item.
                if let Some(block) = block_of(doc, Workspace::ChallengeList, list_id) {
                    let (kind, id, title) = identity(&block);
                    if shown.insert((kind, id)) {
                        out.push(block);
                    } else {
                        out.push(Block::SeeAbove { kind, title });
                    }
                }
            }
            // Each group's board under its item (once: the plenary's vote
            // over them lists only its ranking).
            for id in item.activity.boards() {
                if let Some(block) = block_of(doc, Workspace::Board, id) {
                    if shown.insert((Workspace::Board, identity(&block).1)) {
                        out.push(block);
                    }
                }
            }
            if let crate::model::Activity::GroupsVote { .. } = item.activity {
                out.push(Block::Ranking(item));
            }
            if let Some(block) = item
                .activity
                .workspace()
                .and_then(|ws| block_of(doc, ws.kind, &ws.id))
            {
                let (kind, id, title) = identity(&block);
                if shown.insert((kind, id)) {
                    out.push(block);
                } else {
                    out.push(Block::SeeAbove { kind, title });
                }
            }
            let photos = doc.photos_of_item(&item.id);
            if !photos.is_empty() {
                out.push(Block::Photos {
                    photos,
                    under_item: true,
                    first: 0,
                });
            }
        }
    }
    let unused = |kind: Workspace, id: &str| !shown.contains(&(kind, id));
    out.extend(
        doc.boards
            .iter()
            .filter(|b| unused(Workspace::Board, &b.board.id))
            .map(Block::Board),
    );
    out.extend(
        doc.actor_maps
            .iter()
            .filter(|m| unused(Workspace::ActorMap, &m.map.id))
            .map(Block::Map),
    );
    out.extend(
        doc.challenge_lists
            .iter()
            .filter(|l| unused(Workspace::ChallengeList, &l.list.id))
            .map(Block::List),
    );
    let mut out = with_workspace_photos(doc, out);
    // Photos shown nowhere yet: of no item and no workspace, or of a day
    // that was not conducted from its agenda.
    let placed: HashSet<&str> = out
        .iter()
        .filter_map(|b| match b {
            Block::Photos { photos, .. } => Some(photos.iter().map(|p| p.id.as_str())),
            _ => None,
        })
        .flatten()
        .collect();
    let rest: Vec<&PhotoDocument> = doc
        .photos
        .iter()
        .filter(|p| !placed.contains(p.id.as_str()))
        .collect();
    if !rest.is_empty() {
        out.push(Block::Photos {
            photos: rest,
            under_item: false,
            first: 0,
        });
    }
    let mut next = 1;
    for block in &mut out {
        if let Block::Photos { photos, first, .. } = block {
            *first = next;
            next += photos.len();
        }
    }
    out
}

/// Each workspace's own photos (those not given to an item) right after
/// its results, where it first appears.
fn with_workspace_photos<'a>(doc: &'a WorkshopDocument, blocks: Vec<Block<'a>>) -> Vec<Block<'a>> {
    let mut out = Vec::with_capacity(blocks.len());
    for block in blocks {
        let ws = match &block {
            Block::Board(_) | Block::Map(_) | Block::List(_) => {
                let (kind, id, _) = identity(&block);
                Some(kind.at(id))
            }
            _ => None,
        };
        out.push(block);
        let Some(ws) = ws else { continue };
        let photos: Vec<&PhotoDocument> = doc
            .photos
            .iter()
            .filter(|p| p.item_id.is_none() && p.workspace.as_ref() == Some(&ws))
            .collect();
        if !photos.is_empty() {
            out.push(Block::Photos {
                photos,
                under_item: true,
                first: 0,
            });
        }
    }
    out
}
