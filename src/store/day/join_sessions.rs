//! The participants' session of a workshop's day as the store keeps it: a
//! laptop that restarts mid-day serves the same QR code and knows the
//! phones that joined. Only hashes of the phones' tokens are kept.

use rusqlite::{params, OptionalExtension, Transaction};

use super::owners::workshop_of;
use super::sql::{ensure_exists, now, ts, Cached};
use super::{feed, Store};
use crate::error::{Entity, Result};
use crate::model::*;

/// A session as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredSession {
    pub workshop_id: Id,
    pub secret: String,
    pub code: String,
    pub named: bool,
    pub cap: u32,
    pub door_open: bool,
    /// Phones may send photos (off until the facilitator allows it).
    pub photos_open: bool,
    /// What phones do while no agenda item runs.
    pub board_id: Option<Id>,
    /// `ip:port` it listened on.
    pub address: String,
    /// (participant id, first name), in the order they joined.
    pub participants: Vec<(String, String)>,
}

/// What the server asks for when it starts a session.
pub struct SessionRequest<'a> {
    pub workshop_id: &'a str,
    pub board_id: Option<&'a str>,
    pub named: bool,
    pub cap: u32,
    pub address: &'a str,
    /// Secret and code for a new session; a kept one keeps its own.
    pub secret: &'a str,
    pub code: &'a str,
}

pub(crate) fn session_board(tx: &Transaction, workshop_id: &str) -> Result<Option<Id>> {
    Ok(tx
        .row(
            "SELECT board_id FROM join_sessions WHERE workshop_id = ?1",
            [workshop_id],
            |r| r.get::<_, Option<Id>>(0),
        )
        .optional()?
        .flatten())
}

fn get(tx: &Transaction, workshop_id: &str) -> Result<Option<StoredSession>> {
    let found = tx
        .query_row(
            "SELECT secret, code, named, cap, door_open, board_id, address, photos_open
             FROM join_sessions WHERE workshop_id = ?1",
            [workshop_id],
            |r| {
                Ok(StoredSession {
                    workshop_id: workshop_id.to_owned(),
                    secret: r.get(0)?,
                    code: r.get(1)?,
                    named: r.get(2)?,
                    cap: r.get(3)?,
                    door_open: r.get(4)?,
                    board_id: r.get(5)?,
                    address: r.get(6)?,
                    photos_open: r.get(7)?,
                    participants: Vec::new(),
                })
            },
        )
        .optional()?;
    let Some(mut session) = found else {
        return Ok(None);
    };
    let mut stmt = tx.prepare(
        "SELECT id, name FROM join_participants WHERE workshop_id = ?1 ORDER BY joined_at, id",
    )?;
    session.participants = stmt
        .query_map([workshop_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Some(session))
}

impl Store {
    /// What a session for `id` runs: a workshop's day, or, for a board's
    /// id, its workshop's day with that board between agenda items.
    pub fn session_target(&self, id: &str) -> Result<(Id, Option<Id>)> {
        self.read(|tx| {
            if ensure_exists(tx, "workshops", Entity::Workshop, id).is_ok() {
                return Ok((id.to_owned(), None));
            }
            match workshop_of(tx, Workspace::Board, id) {
                Ok(workshop) => Ok((workshop, Some(id.to_owned()))),
                Err(_) => Err(crate::Error::not_found(Entity::Workshop, id)),
            }
        })
    }

    /// Starts the workshop's session, or takes up the one kept from before
    /// a restart with its secret, code and participants (its settings are
    /// the new ones).
    pub fn open_join_session(&self, req: &SessionRequest) -> Result<StoredSession> {
        self.write(|tx| {
            ensure_exists(tx, "workshops", Entity::Workshop, req.workshop_id)?;
            if let Some(board) = req.board_id {
                if workshop_of(tx, Workspace::Board, board)? != req.workshop_id {
                    return Err(crate::Error::not_found(Entity::Board, board));
                }
            }
            tx.execute(
                "INSERT INTO join_sessions (workshop_id, secret, code, named, cap, door_open,
                     board_id, address, started_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, 1, ?6, ?7, ?8)
                 ON CONFLICT (workshop_id) DO UPDATE SET named = ?4, cap = ?5, board_id = ?6,
                     address = ?7",
                params![
                    req.workshop_id,
                    req.secret,
                    req.code,
                    req.named,
                    req.cap,
                    req.board_id,
                    req.address,
                    ts(&now())
                ],
            )?;
            Ok(get(tx, req.workshop_id)?.expect("the session was just written"))
        })
    }

    /// The session kept for a workshop, if its day runs.
    pub fn join_session(&self, workshop_id: &str) -> Result<Option<StoredSession>> {
        self.read(|tx| get(tx, workshop_id))
    }

    /// Every kept session (the app takes them up when it starts).
    pub fn join_sessions(&self) -> Result<Vec<StoredSession>> {
        self.read(|tx| {
            let ids: Vec<String> = {
                let mut stmt = tx.prepare("SELECT workshop_id FROM join_sessions")?;
                let rows = stmt.query_map([], |r| r.get(0))?;
                rows.collect::<rusqlite::Result<_>>()?
            };
            let mut out = Vec::new();
            for id in ids {
                out.extend(get(tx, &id)?);
            }
            Ok(out)
        })
    }

    /// A phone joined.
    pub fn add_join_participant(&self, workshop_id: &str, id: &str, name: &str) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "INSERT OR IGNORE INTO join_participants (workshop_id, id, name, joined_at)
                 VALUES (?1, ?2, ?3, ?4)",
                params![workshop_id, id, name, ts(&now())],
            )?;
            super::attendance::joined(tx, workshop_id, id)
        })
    }

    pub fn set_join_door(&self, workshop_id: &str, open: bool) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "UPDATE join_sessions SET door_open = ?2 WHERE workshop_id = ?1",
                params![workshop_id, open],
            )?;
            feed::record(Subject::Session {
                workshop_id: workshop_id.to_owned(),
            });
            Ok(())
        })
    }

    /// Lets phones send photos, or stops taking them.
    pub fn set_join_photos(&self, workshop_id: &str, open: bool) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "UPDATE join_sessions SET photos_open = ?2 WHERE workshop_id = ?1",
                params![workshop_id, open],
            )?;
            feed::record(Subject::Session {
                workshop_id: workshop_id.to_owned(),
            });
            Ok(())
        })
    }

    /// Ends the session: its code and every participant's token are worthless.
    pub fn end_join_session(&self, workshop_id: &str) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "DELETE FROM join_sessions WHERE workshop_id = ?1",
                [workshop_id],
            )?;
            Ok(())
        })
    }
}
