//! What became of a challenge after its workshop: steps recorded through
//! the challenge list's undoable actions like every other edit.

use super::challenge_events::{events_of, insert_event};
use super::challenges::{get, list_of_challenge};
use super::Store;
use crate::error::Result;
use crate::model::*;
use rusqlite::params;

use super::sql::Cached;

impl Store {
    /// Records a step: a note, a new status, or both, on the day it
    /// happened. One undoable action of the challenge's list.
    pub fn record_progress(
        &self,
        challenge_id: &str,
        input: &ProgressInput,
    ) -> Result<Applied<ChallengeEvent>> {
        let happened_on = parse_date("progress_date", &input.happened_on)?;
        self.scoped_action(
            Workspace::ChallengeList,
            "record_progress",
            |tx| list_of_challenge(tx, challenge_id),
            |tx, _| {
                let before = get(tx, challenge_id)?;
                let event = insert_event(tx, challenge_id, happened_on, input.status, &input.note)?;
                if let Some(status) = input.status.filter(|s| *s != before.status) {
                    tx.exec(
                        "UPDATE challenges SET status = ?2, revision = revision + 1 WHERE id = ?1",
                        params![challenge_id, status.as_str()],
                    )?;
                }
                Ok(event)
            },
        )
    }

    /// A challenge with its steps and its list's undo, for the page that
    /// follows it.
    pub fn challenge_progress(&self, challenge_id: &str) -> Result<ChallengeProgress> {
        self.read(|tx| {
            let challenge = get(tx, challenge_id)?;
            Ok(ChallengeProgress {
                events: events_of(tx, challenge_id)?,
                history: super::history::state(tx, &challenge.list_id)?,
                challenge,
            })
        })
    }

    /// What became of a challenge, oldest step first.
    pub fn challenge_history(&self, challenge_id: &str) -> Result<Vec<ChallengeEvent>> {
        self.read(|tx| {
            get(tx, challenge_id)?;
            events_of(tx, challenge_id)
        })
    }
}
