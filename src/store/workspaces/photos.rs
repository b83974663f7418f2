//! The Fotoprotokoll's rows: a photo belongs to a workshop and, where
//! chosen, to one of its agenda items; it has a caption and a place in the
//! gallery's order. Deleting one can be undone until the store is next
//! opened; then the row goes, and its files when nothing names them.

use rusqlite::{params, OptionalExtension, Row, Transaction};

use super::photo_files::{self, photo_dir, picture_path, thumb_path};
use super::sql::{self, found, get_ts, Cached};
use super::{feed, owners, Store};
use crate::error::{Entity, Result};
use crate::model::document::PhotoDocument;
use crate::model::*;
use crate::photos::take_in;

const COLUMNS: &str = "id, workshop_id, item_id, caption, position, width, height, bytes,
                       participant IS NOT NULL, created_at,
                       board_id, actor_map_id, challenge_list_id";

/// The workspace a photo belongs to, from its three columns.
fn workspace_at(r: &Row, first: usize) -> rusqlite::Result<Option<WorkspaceRef>> {
    for (i, kind) in [
        Workspace::Board,
        Workspace::ActorMap,
        Workspace::ChallengeList,
    ]
    .into_iter()
    .enumerate()
    {
        if let Some(id) = r.get::<_, Option<Id>>(first + i)? {
            return Ok(Some(kind.at(&id)));
        }
    }
    Ok(None)
}

/// The three columns for a photo's workspace.
fn workspace_columns(ws: Option<&WorkspaceRef>) -> [Option<&str>; 3] {
    let of = |kind| ws.filter(|w| w.kind == kind).map(|w| w.id.as_str());
    [
        of(Workspace::Board),
        of(Workspace::ActorMap),
        of(Workspace::ChallengeList),
    ]
}

fn from_row(r: &Row) -> rusqlite::Result<Photo> {
    Ok(Photo {
        id: r.get(0)?,
        workshop_id: r.get(1)?,
        item_id: r.get(2)?,
        workspace: workspace_at(r, 10)?,
        caption: r.get(3)?,
        position: r.get(4)?,
        width: r.get(5)?,
        height: r.get(6)?,
        bytes: r.get(7)?,
        from_phone: r.get(8)?,
        created_at: get_ts(r, 9)?,
    })
}

fn get(tx: &Transaction, id: &str) -> Result<Photo> {
    found(
        tx.row(
            &format!("SELECT {COLUMNS} FROM photos WHERE id = ?1 AND deleted_at IS NULL"),
            [id],
            from_row,
        )
        .optional()?,
        Entity::Photo,
        id,
    )
}

/// The photos of a workshop in the gallery's order.
pub(crate) fn of_workshop(tx: &Transaction, workshop_id: &str) -> Result<Vec<Photo>> {
    let mut stmt = tx.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM photos WHERE workshop_id = ?1 AND deleted_at IS NULL
         ORDER BY position, id"
    ))?;
    let rows = stmt.query_map([workshop_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The photos as the workshop document names them.
pub(crate) fn documents_of(tx: &Transaction, workshop_id: &str) -> Result<Vec<PhotoDocument>> {
    let mut stmt = tx.prepare_cached(
        "SELECT id, item_id, caption, width, height, sha256,
                board_id, actor_map_id, challenge_list_id FROM photos
         WHERE workshop_id = ?1 AND deleted_at IS NULL ORDER BY position, id",
    )?;
    let rows = stmt.query_map([workshop_id], |r| {
        Ok(PhotoDocument {
            id: r.get(0)?,
            item_id: r.get(1)?,
            workspace: workspace_at(r, 6)?,
            caption: r.get(2)?,
            width: r.get(3)?,
            height: r.get(4)?,
            sha256: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A photo's pixels as kept in the photo folder.
#[derive(Debug, Clone)]
pub(crate) struct KeptPixels {
    pub sha256: String,
    pub width: u32,
    pub height: u32,
    pub bytes: u64,
    /// Its files were written by this take-in (see `photo_files::Put`).
    pub new_files: bool,
}

impl KeptPixels {
    /// The files this take-in wrote, taken away again: the write that was
    /// to name them was refused.
    pub(crate) fn discard(&self, store_path: &std::path::Path) {
        if self.new_files {
            photo_files::discard(&photo_dir(store_path), &self.sha256);
        }
    }
}

/// Adds the row of a photo whose pixels are kept, last in the workshop's
/// gallery; its id.
pub(crate) fn insert(
    tx: &Transaction,
    workshop_id: &str,
    place: (Option<&str>, Option<&WorkspaceRef>),
    caption: &str,
    kept: &KeptPixels,
    participant: Option<&str>,
) -> Result<Id> {
    let (item_id, workspace) = place;
    let [board, map, list] = workspace_columns(workspace);
    let position: u32 = tx.row(
        "SELECT coalesce(max(position) + 1, 0) FROM photos WHERE workshop_id = ?1",
        [workshop_id],
        |r| r.get(0),
    )?;
    let id = new_id();
    tx.exec(
        "INSERT INTO photos (id, workshop_id, item_id, caption, position, sha256,
                             width, height, bytes, participant, created_at,
                             board_id, actor_map_id, challenge_list_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        params![
            id,
            workshop_id,
            item_id,
            caption,
            position,
            kept.sha256,
            kept.width,
            kept.height,
            kept.bytes,
            participant,
            sql::ts(&sql::now()),
            board,
            map,
            list
        ],
    )?;
    Ok(id)
}

/// A caption as stored: trimmed, within a title's length.
pub(crate) fn caption_text(text: &str) -> Result<String> {
    optional_text("photo_caption", text, TITLE_MAX)
}

fn caption(input: &PhotoInput) -> Result<String> {
    caption_text(&input.caption)
}

/// The item and the workspace must be the workshop's own.
fn check_place(tx: &Transaction, workshop_id: &str, input: &PhotoInput) -> Result<()> {
    if let Some(ws) = &input.workspace {
        if owners::workshop_of(tx, ws.kind, &ws.id)? != workshop_id {
            let entity = match ws.kind {
                Workspace::Board => Entity::Board,
                Workspace::ActorMap => Entity::ActorMap,
                Workspace::ChallengeList => Entity::ChallengeList,
            };
            return Err(crate::error::Error::not_found(entity, &ws.id));
        }
    }
    let Some(item) = input.item_id.as_deref() else {
        return Ok(());
    };
    let owner: Option<String> = tx
        .row(
            "SELECT workshop_id FROM agenda_items WHERE id = ?1",
            [item],
            |r| r.get(0),
        )
        .optional()?;
    match owner {
        Some(w) if w == workshop_id => Ok(()),
        _ => Err(crate::error::Error::not_found(Entity::AgendaItem, item)),
    }
}

/// Refuses one more photo where a bound is reached: the workshop's, and
/// the phone's own when a phone sends it.
fn check_room(tx: &Transaction, workshop_id: &str, participant: Option<&str>) -> Result<()> {
    owners::check_workshop(tx, workshop_id)?;
    let in_workshop: u32 = tx.row(
        "SELECT count(*) FROM photos WHERE workshop_id = ?1",
        [workshop_id],
        |r| r.get(0),
    )?;
    room_for("photos_per_workshop", in_workshop, PHOTOS_PER_WORKSHOP_MAX)?;
    if let Some(p) = participant {
        let sent: u32 = tx.row(
            "SELECT count(*) FROM photos WHERE workshop_id = ?1 AND participant = ?2",
            params![workshop_id, p],
            |r| r.get(0),
        )?;
        room_for("photos_per_participant", sent, PHOTOS_PER_PARTICIPANT_MAX)?;
    }
    Ok(())
}

impl Store {
    /// Takes a photo in from the bytes of its file and adds it to the
    /// workshop, last in the gallery. The slow part (decoding, scaling,
    /// encoding) runs before the store is locked, so phones and the
    /// facilitator keep working meanwhile.
    pub fn add_photo(&self, workshop_id: &str, input: &PhotoInput, file: &[u8]) -> Result<Photo> {
        self.add_photo_from(workshop_id, input, file, None)
    }

    /// As `add_photo`, for a phone (`participant`: its id), within its bound.
    pub(crate) fn add_photo_from(
        &self,
        workshop_id: &str,
        input: &PhotoInput,
        file: &[u8],
        participant: Option<&str>,
    ) -> Result<Photo> {
        self.refuse_if_read_only()?;
        let caption = caption(input)?;
        // Cheap refusals first: no decoding for a photo that cannot be kept.
        self.read(|tx| {
            check_room(tx, workshop_id, participant)?;
            check_place(tx, workshop_id, input)
        })?;
        let kept = self.keep_pixels(file)?;
        let source = match participant {
            Some(p) => Source::Phone {
                participant: p.to_owned(),
            },
            None => self.source.clone(),
        };
        let written = self.write_as(source, |tx| {
            check_room(tx, workshop_id, participant)?;
            check_place(tx, workshop_id, input)?;
            let place = (input.item_id.as_deref(), input.workspace.as_ref());
            let id = insert(tx, workshop_id, place, &caption, &kept, participant)?;
            owners::touch_workshop(tx, workshop_id)?;
            let photo = get(tx, &id)?;
            feed::record(Subject::Photo {
                photo: photo.clone(),
            });
            Ok(photo)
        });
        let written = written.map(|(photo, _)| photo);
        if written.is_err() {
            kept.discard(&self.path);
        }
        written
    }

    /// Takes a photo's file in (decoded, upright, scaled, encoded anew
    /// without metadata) and keeps its pixels in the photo folder; the row
    /// that names them is the caller's to write.
    pub(crate) fn keep_pixels(&self, file: &[u8]) -> Result<KeptPixels> {
        let taken = take_in(file)?;
        let put = photo_files::put(&photo_dir(&self.path), &taken.jpeg, &taken.thumb)?;
        Ok(KeptPixels {
            sha256: put.sha256,
            width: taken.width,
            height: taken.height,
            bytes: taken.jpeg.len() as u64,
            new_files: put.new,
        })
    }

    /// The workshop's photos in the gallery's order.
    pub fn photos(&self, workshop_id: &str) -> Result<Vec<Photo>> {
        self.read(|tx| {
            owners::check_workshop(tx, workshop_id)?;
            of_workshop(tx, workshop_id)
        })
    }

    pub fn photo(&self, id: &str) -> Result<Photo> {
        self.read(|tx| get(tx, id))
    }

    /// Changes a photo's caption and the item it belongs to.
    pub fn update_photo(&self, id: &str, input: &PhotoInput) -> Result<Photo> {
        let caption = caption(input)?;
        self.write(|tx| {
            let photo = get(tx, id)?;
            check_place(tx, &photo.workshop_id, input)?;
            let [board, map, list] = workspace_columns(input.workspace.as_ref());
            tx.exec(
                "UPDATE photos SET caption = ?2, item_id = ?3, board_id = ?4, actor_map_id = ?5,
                                   challenge_list_id = ?6
                 WHERE id = ?1",
                params![id, caption, input.item_id, board, map, list],
            )?;
            owners::touch_workshop(tx, &photo.workshop_id)?;
            get(tx, id)
        })
    }

    /// Moves a photo to `index` in its workshop's gallery (and so in the
    /// protocol's order).
    pub fn move_photo(&self, id: &str, index: u32) -> Result<Vec<Photo>> {
        self.write(|tx| {
            let photo = get(tx, id)?;
            let rows = of_workshop(tx, &photo.workshop_id)?
                .into_iter()
                .map(|p| (p.id, p.position))
                .collect();
            super::order::reorder(tx, "photos", rows, id, index as usize)?;
            owners::touch_workshop(tx, &photo.workshop_id)?;
            of_workshop(tx, &photo.workshop_id)
        })
    }

    /// Takes a photo out of the gallery and the protocol; `restore_photo`
    /// brings it back until the store is next opened.
    pub fn delete_photo(&self, id: &str) -> Result<Photo> {
        self.write(|tx| {
            let photo = get(tx, id)?;
            tx.exec(
                "UPDATE photos SET deleted_at = ?2 WHERE id = ?1",
                params![id, sql::ts(&sql::now())],
            )?;
            owners::touch_workshop(tx, &photo.workshop_id)?;
            Ok(photo)
        })
    }

    /// Undoes `delete_photo`.
    pub fn restore_photo(&self, id: &str) -> Result<Photo> {
        self.write(|tx| {
            let rows = tx.exec(
                "UPDATE photos SET deleted_at = NULL WHERE id = ?1 AND deleted_at IS NOT NULL",
                [id],
            )?;
            if rows == 0 {
                return Err(crate::error::Error::not_found(Entity::Photo, id));
            }
            let photo = get(tx, id)?;
            owners::touch_workshop(tx, &photo.workshop_id)?;
            Ok(photo)
        })
    }

    /// The stored JPEG of a photo (the thumbnail when `thumb`).
    pub fn photo_jpeg(&self, id: &str, thumb: bool) -> Result<Vec<u8>> {
        let sha: String = self.read(|tx| {
            found(
                tx.row(
                    "SELECT sha256 FROM photos WHERE id = ?1 AND deleted_at IS NULL",
                    [id],
                    |r| r.get(0),
                )
                .optional()?,
                Entity::Photo,
                id,
            )
        })?;
        let dir = photo_dir(&self.path);
        let path = if thumb {
            thumb_path(&dir, &sha)
        } else {
            picture_path(&dir, &sha)
        };
        photo_files::read(&path, id)
    }

    /// Ends the undo of deleted photos and removes the files no row of the
    /// store or of a backup names any more. Runs when the store opens and
    /// after a workshop is deleted.
    pub(crate) fn collect_photos(&self) -> Result<usize> {
        if self.read_only {
            return Ok(0);
        }
        self.write(|tx| {
            tx.exec("DELETE FROM photos WHERE deleted_at IS NOT NULL", [])?;
            Ok(())
        })?;
        let _one_at_a_time = self.backups.lock().unwrap_or_else(|p| p.into_inner());
        let conn = self.lock();
        photo_files::collect(&self.path, &conn)
    }
}
