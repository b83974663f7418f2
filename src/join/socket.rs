//! One WebSocket per phone: the server sends the phone its day when the
//! socket opens, then what changed in it, at most every `PUSH_GAP`; the
//! phone sends nothing but pongs. A phone following the room costs the
//! laptop no request: only its own writes are requests.

use std::time::Duration;

use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::extract::{Extension, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use serde_json::{json, Value};
use tokio::sync::broadcast;
use tokio::time::Instant;

use super::api::{day_of, signed_in, App};
use super::connections::Peer;
use super::patch::diff;
use super::refusal::Refusal;
use super::Update;
use crate::error::ErrorCode;

/// Largest message a phone sends on its socket (it sends none but pongs).
const SOCKET_MESSAGE_MAX: usize = 1024;
/// The server pings each socket this often; a phone answers by itself.
const PING_EVERY: Duration = Duration::from_secs(20);
/// A socket that sent nothing, not even a pong, for this long is closed.
const SOCKET_SILENCE_MAX: Duration = Duration::from_secs(50);
/// A message that a phone does not take in this long closes its socket.
const SEND_TIMEOUT: Duration = Duration::from_secs(10);
/// WebSockets one participant may hold open at once.
const SOCKETS_PER_PARTICIPANT: u32 = 4;
/// Shortest time between two changes sent to one phone: while a room votes,
/// a phone hears of its dots and everyone else's four times a second, and
/// the changes in between travel folded into one.
const PUSH_GAP: Duration = Duration::from_millis(250);

/// A patch this small is sent without serialising the whole day to compare
/// (four times a second for every phone): at worst it costs a few KB more
/// than the whole day of a small workshop would.
const PATCH_ALWAYS_BYTES: usize = 4096;

#[derive(Deserialize)]
pub(super) struct SocketQuery {
    token: String,
}

pub(super) async fn open(
    State(app): State<App>,
    Extension(peer): Extension<Peer>,
    Query(q): Query<SocketQuery>,
    ws: Result<WebSocketUpgrade, axum::extract::ws::rejection::WebSocketUpgradeRejection>,
) -> Result<Response, Refusal> {
    let ws = ws.map_err(|e| {
        Refusal::join(
            StatusCode::BAD_REQUEST,
            ErrorCode::Malformed,
            &e.body_text(),
        )
    })?;
    let (id, _) = signed_in(&app, &q.token)?;
    {
        let st = app.session.state();
        // A phone needs one socket; a second or third while it reconnects.
        if st
            .participants
            .get(&id)
            .is_some_and(|p| p.sockets >= SOCKETS_PER_PARTICIPANT)
        {
            return Err(Refusal::rate_limited(Duration::from_secs(5)));
        }
    }
    let updates = app.hub.subscribe();
    Ok(ws
        // A phone sends nothing but pongs: a larger frame closes its socket
        // as soon as its header says so, before any of it is buffered.
        .max_message_size(SOCKET_MESSAGE_MAX)
        .max_frame_size(SOCKET_MESSAGE_MAX)
        .read_buffer_size(4 * 1024)
        .write_buffer_size(0)
        .max_write_buffer_size(256 * 1024)
        .on_upgrade(move |socket| async move {
            // The connection stays counted while the socket lives.
            peer.slot.upgraded();
            // Counted once the socket is open: an upgrade that never
            // completes must not use up the participant's sockets.
            if let Some(p) = app.session.state().participants.get_mut(&id) {
                p.sockets += 1;
            }
            app.hub.connections_changed(&app.session);
            Follower {
                socket,
                app: app.clone(),
                id: id.clone(),
                shown: None,
            }
            .follow(updates)
            .await;
            if let Some(p) = app.session.state().participants.get_mut(&id) {
                p.sockets = p.sockets.saturating_sub(1);
            }
            app.hub.connections_changed(&app.session);
            drop(peer);
        }))
}

/// One phone's socket and the day it was last sent.
struct Follower {
    socket: WebSocket,
    app: App,
    id: String,
    shown: Option<Value>,
}

impl Follower {
    /// Tells the phone of each change until the session ends, the phone
    /// leaves, or it falls silent (no pong to the server's pings) or stops
    /// reading.
    async fn follow(mut self, mut updates: broadcast::Receiver<Update>) {
        if self.push("hello").await == Pushed::Gone {
            return;
        }
        let mut ping = tokio::time::interval_at(Instant::now() + PING_EVERY, PING_EVERY);
        let mut heard = Instant::now();
        let mut pushed = Instant::now();
        loop {
            tokio::select! {
                update = updates.recv() => {
                    let mut tell = coalesce(update, &mut updates);
                    if matches!(tell, Tell::Changed | Tell::Moved) {
                        tokio::time::sleep_until(pushed + PUSH_GAP).await;
                        tell = tell.and(coalesce_waiting(&mut updates));
                    }
                    let kind = match tell {
                        Tell::Changed => "changed",
                        Tell::Moved => "item",
                        Tell::Ended => {
                            let _ = self.send(text(r#"{"type":"ended"}"#)).await;
                            let _ = self.send(Message::Close(None)).await;
                            return;
                        }
                        Tell::Closing => {
                            let _ = self.send(Message::Close(None)).await;
                            return;
                        }
                    };
                    match self.push(kind).await {
                        Pushed::Gone => return,
                        Pushed::Sent => pushed = Instant::now(),
                        // Nothing went out: the gap keeps no phone waiting.
                        Pushed::Same => {}
                    }
                }
                _ = ping.tick() => {
                    if heard.elapsed() > SOCKET_SILENCE_MAX
                        || !self.send(Message::Ping(Default::default())).await
                    {
                        return;
                    }
                }
                incoming = self.socket.recv() => match incoming {
                    Some(Ok(Message::Close(_))) => {
                        // Reading on sends the close frame queued in answer.
                        let _ = tokio::time::timeout(Duration::from_secs(1), self.socket.recv()).await;
                        return;
                    }
                    None | Some(Err(_)) => return,
                    Some(Ok(_)) => heard = Instant::now(),
                },
            }
        }
    }

    /// Sends the phone its day as `kind`: what changed since the last one
    /// sent, or the whole day when that is shorter or none was sent yet.
    /// Nothing when the phone's day is the same (another group's card).
    /// When the day cannot be read, the phone is told to load it itself.
    async fn push(&mut self, kind: &str) -> Pushed {
        let (update, day) = match day_of(&self.app, &self.id).await {
            Ok((n, day)) => (n, serde_json::to_value(day).unwrap_or(Value::Null)),
            Err(_) => {
                self.shown = None;
                return self.sent(text(&json!({ "type": kind }).to_string())).await;
            }
        };
        let whole = || json!({ "type": kind, "update": update, "day": &day }).to_string();
        let msg = match self.shown.as_ref().map(|shown| diff(shown, &day)) {
            Some(None) => return Pushed::Same,
            Some(Some(patch)) => {
                let patched = json!({ "type": kind, "update": update, "patch": patch }).to_string();
                // A change of a few cards is sent as it is; only a large one
                // is weighed against the whole day.
                if patched.len() <= PATCH_ALWAYS_BYTES {
                    patched
                } else {
                    let whole = whole();
                    if patched.len() < whole.len() {
                        patched
                    } else {
                        whole
                    }
                }
            }
            None => whole(),
        };
        self.shown = Some(day);
        self.sent(text(&msg)).await
    }

    async fn sent(&mut self, msg: Message) -> Pushed {
        if self.send(msg).await {
            Pushed::Sent
        } else {
            Pushed::Gone
        }
    }

    /// Sends one message; false when the phone is gone or does not take it in time.
    async fn send(&mut self, msg: Message) -> bool {
        matches!(
            tokio::time::timeout(SEND_TIMEOUT, self.socket.send(msg)).await,
            Ok(Ok(()))
        )
    }
}

/// What a push did.
#[derive(Debug, PartialEq, Clone, Copy)]
enum Pushed {
    Sent,
    /// The phone's day had not changed: nothing to send.
    Same,
    /// The phone is gone or does not take it in time.
    Gone,
}

fn text(s: &str) -> Message {
    Message::Text(s.to_owned().into())
}

/// What a socket tells its phone after a burst of updates.
#[derive(Debug, PartialEq, Clone, Copy)]
enum Tell {
    /// Something changed: send the phone what.
    Changed,
    /// Another agenda item runs.
    Moved,
    Ended,
    /// Close without a word: the session is kept, the phone comes back.
    Closing,
}

impl Tell {
    /// Two bursts told as one: an end wins, then a move.
    fn and(self, later: Option<Tell>) -> Tell {
        match (self, later) {
            (_, None) => self,
            (Tell::Ended | Tell::Closing, _) => self,
            (_, Some(l @ (Tell::Ended | Tell::Closing))) => l,
            (Tell::Moved, _) | (_, Some(Tell::Moved)) => Tell::Moved,
            _ => Tell::Changed,
        }
    }
}

/// Folds every update already waiting into one: a phone hears once of a
/// burst of a hundred cards, not a hundred times; an item change in the
/// burst makes it one "item" message. A socket that fell behind lost
/// nothing: what it sends is read from the store, not from the updates.
fn coalesce(
    first: Result<Update, broadcast::error::RecvError>,
    updates: &mut broadcast::Receiver<Update>,
) -> Tell {
    let first = match first {
        Ok(u) => told(u),
        Err(broadcast::error::RecvError::Lagged(_)) => Tell::Changed,
        Err(broadcast::error::RecvError::Closed) => return Tell::Ended,
    };
    first.and(coalesce_waiting(updates))
}

/// The updates waiting now, folded; None when there are none.
fn coalesce_waiting(updates: &mut broadcast::Receiver<Update>) -> Option<Tell> {
    use broadcast::error::TryRecvError;
    let mut tell: Option<Tell> = None;
    loop {
        let next = match updates.try_recv() {
            Ok(u) => told(u),
            Err(TryRecvError::Closed) => Tell::Ended,
            Err(TryRecvError::Lagged(_)) => Tell::Changed,
            Err(TryRecvError::Empty) => return tell,
        };
        tell = Some(match tell {
            None => next,
            Some(t) => t.and(Some(next)),
        });
        if matches!(tell, Some(Tell::Ended | Tell::Closing)) {
            return tell;
        }
    }
}

fn told(u: Update) -> Tell {
    match u {
        Update::Changed(_) => Tell::Changed,
        Update::Moved(_) => Tell::Moved,
        Update::Ended => Tell::Ended,
        Update::Closing => Tell::Closing,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn burst(updates: &[Update]) -> Tell {
        let (tx, mut rx) = broadcast::channel(16);
        for u in updates {
            tx.send(*u).unwrap();
        }
        let first = rx
            .try_recv()
            .map_err(|_| broadcast::error::RecvError::Closed);
        coalesce(first, &mut rx)
    }

    #[test]
    fn a_burst_folds_into_one_message_and_an_item_change_in_it_makes_it_an_item_message() {
        use Update::*;
        assert_eq!(burst(&[Changed(1), Changed(2), Changed(3)]), Tell::Changed);
        assert_eq!(burst(&[Changed(1), Moved(2), Changed(3)]), Tell::Moved);
        assert_eq!(burst(&[Moved(4)]), Tell::Moved);
        assert_eq!(burst(&[Changed(1), Ended, Moved(2)]), Tell::Ended);
        assert_eq!(burst(&[Moved(1), Closing]), Tell::Closing);
    }

    #[test]
    fn a_socket_that_fell_behind_still_sends_a_change() {
        let (tx, mut rx) = broadcast::channel(2);
        for n in 1..=5 {
            tx.send(Update::Changed(n)).unwrap();
        }
        let first = rx.try_recv().map_err(|e| match e {
            broadcast::error::TryRecvError::Lagged(k) => broadcast::error::RecvError::Lagged(k),
            _ => broadcast::error::RecvError::Closed,
        });
        assert_eq!(coalesce(first, &mut rx), Tell::Changed);
    }
}
