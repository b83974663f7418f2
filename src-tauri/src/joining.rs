//! The participant server as the app holds it: at most one session, for one
//! workshop's day, started and ended by the facilitator, taken up again
//! when the app restarts mid-day. Its events reach the
//! windows; the windows' changes reach the phones.

use std::sync::{Arc, Mutex, MutexGuard};

use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Manager};
use tauri_specta::Event;
use wandzeitung::join::{Invitation, JoinEvent, JoinServer, Roster};
use wandzeitung::model::{Card, History, WorkspaceRef};

/// What the facilitator's window and the projector show of the session.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type)]
pub struct JoinStatus {
    pub invitation: Invitation,
    pub roster: Roster,
    /// The projector shows the QR code and the code.
    pub projected: bool,
}

/// The session changed (started, door, people, projected) or ended (None).
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, Event)]
pub struct JoinChanged {
    pub status: Option<JoinStatus>,
}

/// Phones changed this workspace (its own actions a window already knows;
/// those come as `WorkspaceChanged` only). With `card`, the window shows the
/// card a phone wrote or edited; without, it reloads the workspace.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, Event)]
pub struct PhonesChanged {
    pub workspace: WorkspaceRef,
    pub card: Option<Card>,
    pub history: History,
}

/// A phone sent a photo; the workshop's gallery shows it.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, Event)]
pub struct PhotoArrived {
    pub photo: wandzeitung::model::Photo,
}

pub struct Running {
    pub server: JoinServer,
    pub roster: Roster,
    pub projected: bool,
}

#[derive(Default)]
pub struct Joining(Mutex<Option<Running>>);

impl Joining {
    pub fn lock(&self) -> MutexGuard<'_, Option<Running>> {
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn status(&self) -> Option<JoinStatus> {
        self.lock().as_ref().map(|r| JoinStatus {
            invitation: r.server.invitation(),
            roster: r.roster.clone(),
            projected: r.projected,
        })
    }

    /// The workshop's agenda moved: its phones switch to the running item.
    pub fn agenda_moved(&self, workshop_id: &str) {
        if let Some(r) = self.lock().as_ref() {
            if r.server.workshop_id() == workshop_id {
                r.server.agenda_moved();
            }
        }
    }

    /// The facilitator moderated the running item: its phones reload.
    pub fn item_changed(&self) {
        if let Some(r) = self.lock().as_ref() {
            r.server.item_changed();
        }
    }

    /// A window changed a workspace: phones of that board reload.
    pub fn notify(&self, workspace: &WorkspaceRef) {
        if let Some(r) = self.lock().as_ref() {
            r.server.notify(workspace);
        }
    }
}

/// Tells every window what the session looks like now.
pub fn announce(app: &AppHandle) {
    let status = app.state::<Joining>().status();
    if let Err(e) = (JoinChanged { status }).emit(app) {
        wandzeitung::note!("wandzeitung: join-changed event not sent: {e}");
    }
}

/// The server's events, forwarded to the windows.
pub fn host(app: AppHandle) -> impl Fn(JoinEvent) + Send + Sync + 'static {
    let app = Arc::new(app);
    move |event| match event {
        JoinEvent::Changed {
            workspace,
            card,
            history,
        } => {
            crate::events::changed(&app, &workspace);
            let event = PhonesChanged {
                workspace,
                card: card.map(|c| *c),
                history,
            };
            if let Err(e) = event.emit(&*app) {
                wandzeitung::note!("wandzeitung: phones-changed event not sent: {e}");
            }
        }
        JoinEvent::ItemChanged { item_id } => {
            crate::commands::audience::item_changed(&app, item_id);
        }
        JoinEvent::PhotoAdded(photo) => {
            if let Err(e) = (PhotoArrived { photo: *photo }).emit(&*app) {
                wandzeitung::note!("wandzeitung: photo-arrived event not sent: {e}");
            }
        }
        JoinEvent::Participants(roster) => {
            if let Some(r) = app.state::<Joining>().lock().as_mut() {
                r.roster = roster;
            }
            announce(&app);
        }
    }
}

/// Takes up the session the store kept (the app quit or crashed mid-day):
/// the same QR code on the same address when the laptop still has it, so
/// the phones carry on without scanning anew.
pub async fn resume(app: AppHandle) {
    let Some(store) = app
        .try_state::<Arc<wandzeitung::Store>>()
        .map(|s| s.inner().clone())
    else {
        return;
    };
    let kept = match store.join_sessions() {
        Ok(kept) => kept,
        Err(e) => {
            wandzeitung::note!("wandzeitung: the kept session could not be read: {e}");
            return;
        }
    };
    // The app runs one session; another kept one waits for its workshop.
    let Some(session) = kept.into_iter().next() else {
        return;
    };
    let Ok(addr) = session.address.parse::<std::net::SocketAddr>() else {
        wandzeitung::note!(
            "wandzeitung: the kept session has no address: {}",
            session.address
        );
        return;
    };
    let config = wandzeitung::join::JoinConfig {
        workshop_id: session.workshop_id,
        board_id: session.board_id,
        named: session.named,
        cap: session.cap,
    };
    match crate::commands::join::listen(&app, &store, config, addr.ip(), addr.port()).await {
        Ok(server) => {
            let running = Running {
                roster: server.roster(),
                server,
                projected: false,
            };
            let raced = app.state::<Joining>().lock().replace(running);
            if let Some(raced) = raced {
                raced.server.close().await;
            }
            announce(&app);
        }
        Err(e) => wandzeitung::note!("wandzeitung: the kept session could not listen again: {e:?}"),
    }
}
