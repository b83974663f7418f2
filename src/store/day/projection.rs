//! What the projector shows of a board, cut to what a screen can hold.

use super::Store;
use crate::error::Result;
use crate::model::*;

impl Store {
    /// The board's fields (only `field_id`'s when one is in focus), each with
    /// its first `per_field` face-up cards in wall order: each cluster's, then
    /// the loose ones.
    pub fn board_projection(
        &self,
        board_id: &str,
        field_id: Option<&str>,
        per_field: u32,
    ) -> Result<BoardProjection> {
        let view = self.board_view(board_id)?;
        let limit = per_field.min(PROJECTION_CARDS_MAX) as usize;
        let fields = view
            .fields
            .into_iter()
            .filter(|f| field_id.is_none_or(|id| f.field.id == id))
            .map(|f| project(f, limit))
            .collect();
        Ok(BoardProjection {
            board: view.board,
            ranking: view.ranking,
            fields,
        })
    }
}

fn project(view: FieldView, limit: usize) -> FieldProjection {
    let hidden = view.cards.iter().filter(|c| c.hidden).count();
    let face_up = view.cards.len() - hidden;
    let mut clusters: Vec<ClusterProjection> = view
        .clusters
        .into_iter()
        .map(|cluster| ClusterProjection {
            cluster,
            cards: Vec::new(),
        })
        .collect();
    let mut loose = Vec::new();
    for card in view.cards.into_iter().filter(|c| !c.hidden) {
        match &card.cluster_id {
            None => loose.push(card),
            Some(id) => {
                if let Some(k) = clusters.iter_mut().find(|k| &k.cluster.id == id) {
                    k.cards.push(card);
                }
            }
        }
    }
    let mut room = limit;
    for k in &mut clusters {
        k.cards.truncate(room);
        room -= k.cards.len();
    }
    loose.truncate(room);
    FieldProjection {
        field: view.field,
        clusters,
        loose,
        face_up: face_up as u32,
        hidden: hidden as u32,
    }
}
