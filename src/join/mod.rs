//! The participant server: phones on the room's network follow a workshop's
//! day (write cards, place dots, propose actors and challenges as the
//! running agenda item asks), served by the laptop itself. No Tauri: the app
//! starts it for a workshop, `wz serve` runs it without a window.
//!
//! It listens on one address the facilitator chose, only while joining is
//! on; `stop` closes the listening socket and every connection.

mod api;
mod connections;
mod device;
mod network;
mod once;
mod page;
pub mod patch;
mod photos;
mod rate;
mod refusal;
mod session;
mod snapshots;
mod socket;
mod writer;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use tokio::sync::{broadcast, watch};

use crate::qr::svg as qr_svg;
pub use network::{addresses, NetworkAddress, NetworkKind};
pub use session::{JoinConfig, CAP_MAX, DEFAULT_CAP};

use crate::model::Published;
use crate::store::Subscription;
use crate::Store;

/// What the server tells its host (the app's windows, or `wz serve`'s log)
/// beside the store's changes, which the host follows in the store itself.
#[derive(Debug, Clone, PartialEq)]
pub enum JoinEvent {
    /// Who joined, and how many phones are connected now.
    Participants(Roster),
}

/// The participants as the facilitator sees them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Roster {
    pub joined: u32,
    pub connected: u32,
    /// First names, in a named session; sorted.
    pub names: Vec<String>,
}

/// What the phones are told over their sockets.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Update {
    /// The store's commit number n changed something.
    Changed(u64),
    /// Commit n moved the agenda: the phones show another item.
    Moved(u64),
    Ended,
    /// The server closes but the session is kept (the app quits mid-day):
    /// sockets close without "ended", so phones reconnect when it is back.
    Closing,
}

type HostCallback = Box<dyn Fn(JoinEvent) + Send + Sync>;

pub(crate) struct Hub {
    workshop_id: String,
    phones: broadcast::Sender<Update>,
    host: HostCallback,
}

impl Hub {
    fn subscribe(&self) -> broadcast::Receiver<Update> {
        self.phones.subscribe()
    }

    fn tell_host(&self, event: JoinEvent) {
        (self.host)(event)
    }

    /// A commit landed, whoever made it (a phone, the window, `wz`, the
    /// team folder). Any workspace may show on a phone (the board, and the
    /// workshop's challenge lists while they vote), so every commit is
    /// passed on; a socket folds a burst into one message, and sends
    /// nothing when its phone's day stayed the same.
    fn published(&self, published: &Published) {
        let n = published.number;
        let update = if published.moves_agenda_of(&self.workshop_id) {
            Update::Moved(n)
        } else {
            Update::Changed(n)
        };
        // No receiver (no phone connected) is not a failure.
        let _ = self.phones.send(update);
    }

    fn connections_changed(&self, session: &session::Session) {
        let roster = roster(&session.state());
        self.tell_host(JoinEvent::Participants(roster));
    }
}

fn roster(st: &session::State) -> Roster {
    let mut names: Vec<String> = st
        .participants
        .values()
        .map(|p| p.name.clone())
        .filter(|n| !n.is_empty())
        .collect();
    names.sort();
    Roster {
        joined: st.participants.len() as u32,
        connected: st.participants.values().filter(|p| p.sockets > 0).count() as u32,
        names,
    }
}

/// How a phone finds the session: the address in the QR code, and the short
/// address with a code to type by hand.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Invitation {
    pub workshop_id: String,
    /// The board phones work on between agenda items, if joining was switched on from one.
    pub board_id: Option<String>,
    /// `http://IP:PORT/j/SECRET`, what the QR code holds.
    pub url: String,
    /// `http://IP:PORT`, to type with the code.
    pub short_url: String,
    pub code: String,
    pub named: bool,
    pub cap: u32,
    pub door_open: bool,
    /// Phones may send photos of the paper walls.
    pub photos_open: bool,
    /// The QR code of `url`, as an SVG document.
    pub qr_svg: String,
}

/// A running participant server.
pub struct JoinServer {
    addr: SocketAddr,
    /// The invitation's QR code, drawn once.
    qr: String,
    app: api::App,
    connections: Arc<connections::Connections>,
    shutdown: watch::Sender<bool>,
    done: Option<tokio::task::JoinHandle<()>>,
    /// The store's commits reach the phones while the server runs.
    _follows: Subscription,
}

impl JoinServer {
    /// Listens on `addr` (port 0 picks a free one) for the workshop in
    /// `config`. A session the store kept for the workshop (the laptop
    /// restarted mid-day) is taken up: same secret, code and participants.
    /// Must be called inside a tokio runtime.
    pub async fn start(
        store: Arc<Store>,
        config: JoinConfig,
        addr: SocketAddr,
        host: impl Fn(JoinEvent) + Send + Sync + 'static,
    ) -> crate::Result<JoinServer> {
        // Fails with "not found" (or read-only: every phone's card would be
        // refused) before a socket is opened.
        store.workshop(&config.workshop_id)?;
        store.refuse_if_read_only()?;
        crate::model::in_range("join_cap", config.cap.into(), 1, CAP_MAX.into())?;
        let listener = tokio::net::TcpListener::bind(addr).await?;
        let addr = listener.local_addr()?;
        let (secret, code) = session::new_keys();
        let stored = store.open_join_session(&crate::store::SessionRequest {
            workshop_id: &config.workshop_id,
            board_id: config.board_id.as_deref(),
            named: config.named,
            cap: config.cap,
            address: &addr.to_string(),
            secret: &secret,
            code: &code,
        })?;
        // A socket that falls this far behind sends its phone the day as
        // it is now, once.
        let (phones, _) = broadcast::channel(1024);
        let hub = Arc::new(Hub {
            workshop_id: config.workshop_id.clone(),
            phones,
            host: Box::new(host),
        });
        let follows = store.subscribe({
            let hub = hub.clone();
            move |published| hub.published(published)
        });
        let app = api::App {
            writer: writer::Writer::start(store.clone(), config.workshop_id.clone()),
            snapshots: Default::default(),
            devices: Default::default(),
            uploads: Default::default(),
            store,
            hub,
            session: Arc::new(session::Session::from_stored(config, stored)),
            authority: addr.to_string(),
        };
        let router = api::router(app.clone());
        let (shutdown, signal) = watch::channel(false);
        let connections = connections::Connections::new(connections::connection_cap());
        let done = tokio::spawn(connections::serve(
            listener,
            router,
            connections.clone(),
            signal,
        ));
        let qr = qr_svg(&format!("http://{addr}/j/{}", app.session.secret)).unwrap_or_default();
        Ok(JoinServer {
            addr,
            qr,
            app,
            connections,
            shutdown,
            done: Some(done),
            _follows: follows,
        })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn invitation(&self) -> Invitation {
        let s = &self.app.session;
        // One lock for both: two `state()` in one expression would wait on each other.
        let (door_open, photos_open) = {
            let st = s.state();
            (st.door_open, st.photos_open)
        };
        let short_url = format!("http://{}", self.addr);
        let url = format!("{short_url}/j/{}", s.secret);
        Invitation {
            workshop_id: s.config.workshop_id.clone(),
            board_id: s.config.board_id.clone(),
            qr_svg: self.qr.clone(),
            url,
            short_url,
            code: s.code.clone(),
            named: s.config.named,
            cap: s.config.cap,
            door_open,
            photos_open,
        }
    }

    pub fn roster(&self) -> Roster {
        roster(&self.app.session.state())
    }

    /// Closes or opens the door: joined phones stay either way.
    pub fn set_door(&self, open: bool) -> crate::Result<()> {
        self.app
            .store
            .set_join_door(&self.app.session.config.workshop_id, open)?;
        self.app.session.state().door_open = open;
        Ok(())
    }

    /// Lets phones send photos, or stops taking them; the phones show or
    /// hide their "add photo" at once.
    pub fn set_photos(&self, open: bool) -> crate::Result<()> {
        // Set before the store publishes: the phones read it for their day.
        let before = std::mem::replace(&mut self.app.session.state().photos_open, open);
        let stored = self
            .app
            .store
            .set_join_photos(&self.app.session.config.workshop_id, open);
        if stored.is_err() {
            self.app.session.state().photos_open = before;
        }
        stored
    }

    /// The workshop whose day this session runs.
    pub fn workshop_id(&self) -> &str {
        &self.app.session.config.workshop_id
    }

    /// The join address with this session's secret, for tests and `wz serve`.
    pub fn secret(&self) -> &str {
        &self.app.session.secret
    }

    /// Ends the session: the store forgets it (its code and the phones'
    /// tokens are worthless from now on), every phone is told, then the
    /// listening socket and every connection are closed.
    pub async fn stop(self) {
        if let Err(e) = self
            .app
            .store
            .end_join_session(&self.app.session.config.workshop_id)
        {
            crate::note!("wandzeitung join: the session could not be removed from the store: {e}");
        }
        self.app.session.state().ended = true;
        let _ = self.app.hub.phones.send(Update::Ended);
        self.shut().await
    }

    /// Closes the server and keeps the session in the store: the next start
    /// takes it up (the app quitting mid-day, a test of a restart).
    pub async fn close(self) {
        let _ = self.app.hub.phones.send(Update::Closing);
        self.shut().await
    }

    async fn shut(mut self) {
        let _ = self.shutdown.send(true);
        // Sockets close as soon as the "ended" message is out; a phone that
        // does not read it is not waited for long. The server's own end does
        // not wait for upgraded sockets, so they are counted here: a process
        // that exits next (`wz serve`) must not cut a phone off untold.
        let deadline = tokio::time::Instant::now() + Duration::from_secs(3);
        if let Some(done) = self.done.take() {
            if tokio::time::timeout_at(deadline, done).await.is_err() {
                crate::note!("wandzeitung join: connections did not close in time");
            }
        }
        while self.open_sockets() > 0 && tokio::time::Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }

    /// Connections open now (HTTP and WebSockets), for `wz serve`'s log and tests.
    pub fn open_connections(&self) -> usize {
        self.connections.open()
    }

    fn open_sockets(&self) -> u32 {
        let st = self.app.session.state();
        st.participants.values().map(|p| p.sockets).sum()
    }
}
