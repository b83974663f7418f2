//! One join session: the secret in the QR address, the short code, the door,
//! and the participants who joined with their tokens, rate and replies.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard};

use sha2::{Digest, Sha256};

use super::device::Device;
use super::rate::Bucket;
use crate::model::Id;
use crate::store::StoredSession;

/// Letters and digits a person cannot confuse when typing from a projector
/// (no 0/O, 1/I/L).
const CODE_ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
pub(crate) const CODE_LEN: usize = 6;
/// Replies remembered per participant, so a retried write is answered again
/// instead of done twice.
const REPLIES_KEPT: usize = 64;

/// What the facilitator chose when switching joining on.
#[derive(Debug, Clone)]
pub struct JoinConfig {
    /// The workshop whose day the phones follow.
    pub workshop_id: Id,
    /// What phones do while no agenda item runs: this board, or nothing.
    pub board_id: Option<Id>,
    /// Participants give a first name, shown on their cards.
    pub named: bool,
    /// Most participants who can join.
    pub cap: u32,
}

/// Participants per session unless the facilitator sets another number: a
/// large town hall meeting, well within what the server carries (see the
/// join benchmark).
pub const DEFAULT_CAP: u32 = 200;
pub const CAP_MAX: u32 = crate::model::JOIN_CAP_MAX;

pub(crate) struct Participant {
    pub name: String,
    /// The device it joined from, for the per-device count of participants.
    pub device: Device,
    pub bucket: Bucket,
    /// Answers to writes, by the write's call and target and its request id.
    pub replies: VecDeque<(String, Reply)>,
    /// WebSockets open for this participant (a phone may reconnect twice).
    pub sockets: u32,
}

/// A finished write as the phone got it: status and JSON body.
#[derive(Clone)]
pub(crate) struct Reply {
    pub status: u16,
    pub body: Vec<u8>,
    /// The socket update the write caused, if it changed the board.
    pub update: Option<u64>,
}

pub(crate) struct State {
    pub door_open: bool,
    /// Phones may send photos now.
    pub photos_open: bool,
    pub ended: bool,
    /// By participant id (see `participant_id`), never by token.
    pub participants: HashMap<String, Participant>,
}

pub(crate) struct Session {
    pub config: JoinConfig,
    pub secret: String,
    pub code: String,
    state: Mutex<State>,
    /// One writer per participant at a time, so a retry waits for the first
    /// try and then finds its reply.
    turns: Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>,
}

fn random_bytes<const N: usize>() -> [u8; N] {
    // UUIDv4 draws from the OS's random source; two of them cover any N used here.
    let mut out = [0u8; N];
    let mut pool = Vec::with_capacity(32);
    pool.extend_from_slice(uuid::Uuid::new_v4().as_bytes());
    pool.extend_from_slice(uuid::Uuid::new_v4().as_bytes());
    out.copy_from_slice(&pool[..N]);
    out
}

/// 128 random bits as 32 hex digits.
pub(crate) fn new_secret() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}

/// The participant as the store and the server know them: a hash of their
/// token, so neither the store nor an answer holds what the phone presents,
/// and nothing read from them lets anybody write in its name.
pub(crate) fn participant_id(token: &str) -> String {
    Sha256::digest(token.as_bytes())[..16]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn new_code() -> String {
    random_bytes::<CODE_LEN>()
        .iter()
        .map(|b| CODE_ALPHABET[*b as usize % CODE_ALPHABET.len()] as char)
        .collect()
}

/// A fresh secret and short code, for a session the store does not keep yet.
pub(crate) fn new_keys() -> (String, String) {
    (new_secret(), new_code())
}

impl Session {
    /// The session as the store keeps it: a new one, or the one from before
    /// a restart with its participants (their devices are not kept).
    pub(crate) fn from_stored(config: JoinConfig, stored: StoredSession) -> Session {
        let unknown = Device::of(std::net::Ipv4Addr::UNSPECIFIED.into());
        Session {
            config,
            secret: stored.secret,
            code: stored.code,
            state: Mutex::new(State {
                door_open: stored.door_open,
                photos_open: stored.photos_open,
                ended: false,
                participants: stored
                    .participants
                    .into_iter()
                    .map(|(id, name)| (id, Participant::new(name, unknown)))
                    .collect(),
            }),
            turns: Mutex::new(HashMap::new()),
        }
    }

    pub(crate) fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub(crate) fn turn(&self, token: &str) -> Arc<tokio::sync::Mutex<()>> {
        self.turns
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .entry(token.to_owned())
            .or_default()
            .clone()
    }

    /// Normalises what a person typed: case, spaces and dashes do not matter.
    pub(crate) fn code_matches(&self, typed: &str) -> bool {
        let typed: String = typed
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .flat_map(char::to_uppercase)
            .collect();
        same(&typed, &self.code)
    }

    /// The secret from the QR address, compared like the code.
    pub(crate) fn secret_matches(&self, given: &str) -> bool {
        same(given, &self.secret)
    }
}

/// Compares in time independent of where the first difference is, so the
/// time of an answer tells a guesser nothing.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

impl Participant {
    pub(crate) fn new(name: String, device: Device) -> Participant {
        Participant {
            name,
            device,
            // A phone writes at human speed; 30 at once covers a burst of
            // retries after a reconnect, 10 a second a busy thumb.
            bucket: Bucket::new(30, 10.0),
            replies: VecDeque::new(),
            sockets: 0,
        }
    }

    /// The answer given to this write before; `key` names the call, its
    /// target and the request id, so an id reused on another call or target
    /// is a new write, not a replay.
    pub(crate) fn reply_to(&self, key: &str) -> Option<Reply> {
        self.replies
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, r)| r.clone())
    }

    pub(crate) fn remember(&mut self, key: String, reply: Reply) {
        if self.replies.len() >= REPLIES_KEPT {
            self.replies.pop_front();
        }
        self.replies.push_back((key, reply));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_typed_forgivingly_and_compared_whole() {
        let config = JoinConfig {
            workshop_id: "w".into(),
            board_id: None,
            named: false,
            cap: 5,
        };
        let session = || {
            let (secret, code) = new_keys();
            Session::from_stored(
                config.clone(),
                StoredSession {
                    workshop_id: "w".into(),
                    secret,
                    code,
                    named: false,
                    cap: 5,
                    door_open: true,
                    photos_open: false,
                    board_id: None,
                    address: String::new(),
                    participants: Vec::new(),
                },
            )
        };
        let s = session();
        assert_eq!(s.code.len(), CODE_LEN);
        let lower = s.code.to_lowercase();
        let spaced = format!("{} {}", &lower[..3], &lower[3..]);
        assert!(s.code_matches(&spaced));
        assert!(!s.code_matches(&s.code[..5]));
        assert!(!s.code_matches(""));
        assert_ne!(s.secret, session().secret);
    }

    #[test]
    fn a_participant_id_is_not_its_token_and_is_the_same_for_the_same_token() {
        let token = new_secret();
        let id = participant_id(&token);
        assert_eq!(id.len(), 32);
        assert_ne!(id, token);
        assert_eq!(id, participant_id(&token));
        assert_ne!(id, participant_id(&new_secret()));
    }
}
