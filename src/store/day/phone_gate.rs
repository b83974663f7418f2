//! What a phone may do now: the one place every phone write passes before
//! it touches the store. The running agenda item decides (its activity
//! allows some kinds of write, on its own workspace only); between items a
//! session switched on from a board lets phones work on that board.

use rusqlite::Transaction;

use super::agenda;
use super::join_sessions::session_board;
use crate::error::{Error, Result};
use crate::model::*;

/// What runs in a workshop at one moment, as the phones see it.
#[derive(Debug, Clone, PartialEq)]
pub struct Now {
    /// The running agenda item; None between items.
    pub item: Option<Id>,
    pub activity: Activity,
}

pub(crate) fn now_in(tx: &Transaction, workshop_id: &str) -> Result<Now> {
    if let Some(item) = agenda::running(tx, workshop_id)? {
        return Ok(Now {
            item: Some(item.id),
            activity: item.activity,
        });
    }
    Ok(Now {
        item: None,
        activity: match session_board(tx, workshop_id)? {
            Some(board_id) => Activity::OpenBoard { board_id },
            None => Activity::Listen,
        },
    })
}

/// A write made for the item the phone showed (`seen`) may happen only
/// while that item runs, and only if its activity does this kind of thing.
/// Whether the write's target lies in the activity's workspace is checked
/// where the target is looked up.
pub(crate) fn gate(now: &Now, seen: Option<&str>, act: PhoneAct) -> Result<()> {
    if now.item.as_deref() != seen || !now.activity.allows(act) {
        return Err(Error::ItemEnded);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_write_for_an_item_that_moved_on_is_refused_as_ended() {
        let now = Now {
            item: Some("b".into()),
            activity: Activity::Cards {
                board_id: "x".into(),
                field_id: None,
            },
        };
        assert!(gate(&now, Some("b"), PhoneAct::Card).is_ok());
        assert!(matches!(
            gate(&now, Some("a"), PhoneAct::Card),
            Err(Error::ItemEnded)
        ));
        assert!(matches!(
            gate(&now, None, PhoneAct::Card),
            Err(Error::ItemEnded)
        ));
        assert!(matches!(
            gate(&now, Some("b"), PhoneAct::Dot),
            Err(Error::ItemEnded)
        ));
        let between = Now {
            item: None,
            activity: Activity::Listen,
        };
        assert!(matches!(
            gate(&between, None, PhoneAct::Card),
            Err(Error::ItemEnded)
        ));
    }
}
