//! The participant server as the app holds it: at most one session, for one
//! workshop's day, started and ended by the facilitator, taken up again
//! when the app restarts mid-day. Who joined reaches the windows from
//! here; what anyone writes reaches windows and phones from the store.

use std::sync::{Arc, Mutex, MutexGuard};

use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Manager};
use tauri_specta::Event;
use wandzeitung::join::{Invitation, JoinEvent, JoinServer, Roster};

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
}

/// Tells every window what the session looks like now.
pub fn announce(app: &AppHandle) {
    let status = app.state::<Joining>().status();
    if let Err(e) = (JoinChanged { status }).emit(app) {
        wandzeitung::note!("wandzeitung: join-changed event not sent: {e}");
    }
}

/// The server's own news (who joined) for the windows; what the phones
/// write reaches the windows from the store (see `events::follow`).
pub fn host(app: AppHandle) -> impl Fn(JoinEvent) + Send + Sync + 'static {
    move |event| match event {
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
