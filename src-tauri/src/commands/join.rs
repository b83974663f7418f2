use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use tauri::{AppHandle, State};
use wandzeitung::join::{self, JoinConfig, JoinServer, NetworkAddress};
use wandzeitung::model::Id;
use wandzeitung::Store;

use super::StoreState;
use crate::error::{ApiError, ApiResult};
use crate::joining::{announce, host, JoinStatus, Joining, Running};

/// The port phones use unless it is taken; easy to type from a projector.
const PREFERRED_PORT: u16 = 8421;

#[tauri::command]
#[specta::specta]
pub fn network_addresses() -> ApiResult<Vec<NetworkAddress>> {
    Ok(join::addresses())
}

/// Starts the server on `ip`, on `port` if it is free, else on any port:
/// the preferred one may be taken (another program, a second session). An
/// address the laptop no longer has fails both.
pub async fn listen(
    app: &AppHandle,
    store: &Arc<Store>,
    config: JoinConfig,
    ip: IpAddr,
    port: u16,
) -> ApiResult<JoinServer> {
    let start = |port| {
        JoinServer::start(
            store.clone(),
            config.clone(),
            SocketAddr::new(ip, port),
            host(app.clone()),
        )
    };
    match start(port).await {
        Ok(s) => Ok(s),
        Err(wandzeitung::Error::Io(_)) if port != 0 => start(0)
            .await
            .map_err(|e| ApiError::address(&ip.to_string(), e)),
        Err(wandzeitung::Error::Io(e)) => Err(ApiError::address(&ip.to_string(), e)),
        Err(e) => Err(e.into()),
    }
}

/// What the facilitator chose when switching joining on.
#[derive(Debug, Clone, serde::Deserialize, specta::Type)]
pub struct JoinRequest {
    pub workshop_id: Id,
    /// What phones do while no agenda item runs: this board, or nothing.
    pub board_id: Option<Id>,
    /// One of the laptop's addresses (see `network_addresses`).
    pub ip: String,
    pub named: bool,
    pub cap: u32,
}

/// Switches joining on for a workshop's day, on one of the laptop's
/// addresses; `board_id` is what phones do while no agenda item runs. A
/// session of another workshop that runs ends first; this workshop's own
/// is moved to the new address with its code and participants.
#[tauri::command]
#[specta::specta]
pub async fn start_joining(
    app: AppHandle,
    store: StoreState<'_>,
    joining: State<'_, Joining>,
    request: JoinRequest,
) -> ApiResult<JoinStatus> {
    let JoinRequest {
        workshop_id,
        board_id,
        ip,
        named,
        cap,
    } = request;
    let ip: IpAddr = ip
        .parse()
        .map_err(|_| ApiError::address(&ip, "not an IP address"))?;
    let old = joining.lock().take();
    if let Some(old) = old {
        if old.server.workshop_id() == workshop_id {
            old.server.close().await;
        } else {
            old.server.stop().await;
        }
    }
    let config = JoinConfig {
        workshop_id,
        board_id,
        named,
        cap,
    };
    let server = listen(&app, store.inner(), config, ip, PREFERRED_PORT).await?;
    let running = Running {
        roster: server.roster(),
        server,
        projected: false,
    };
    // A second start that raced this one (a double click) is ended here,
    // so no server is left listening unseen.
    let raced = joining.lock().replace(running);
    if let Some(r) = raced {
        r.server.stop().await;
    }
    announce(&app);
    joining
        .status()
        .ok_or_else(|| ApiError::unexpected("the session ended while starting"))
}

#[tauri::command]
#[specta::specta]
pub fn join_status(joining: State<'_, Joining>) -> ApiResult<Option<JoinStatus>> {
    Ok(joining.status())
}

/// Closes the door (no new joins; joined phones stay) or opens it again.
#[tauri::command]
#[specta::specta]
pub fn set_join_door(app: AppHandle, joining: State<'_, Joining>, open: bool) -> ApiResult<()> {
    if let Some(r) = joining.lock().as_ref() {
        r.server.set_door(open)?;
    }
    announce(&app);
    Ok(())
}

/// Lets the phones send photos of the paper walls, or stops taking them.
#[tauri::command]
#[specta::specta]
pub fn set_join_photos(app: AppHandle, joining: State<'_, Joining>, open: bool) -> ApiResult<()> {
    if let Some(r) = joining.lock().as_ref() {
        r.server.set_photos(open)?;
    }
    announce(&app);
    Ok(())
}

/// Shows the QR code on the projector, or takes it off.
#[tauri::command]
#[specta::specta]
pub async fn project_join(
    app: AppHandle,
    joining: State<'_, Joining>,
    shown: bool,
) -> ApiResult<()> {
    // With no projector open, the button would show nothing anywhere.
    if shown {
        super::projector::ensure_projector(&app)?;
    }
    if let Some(r) = joining.lock().as_mut() {
        r.projected = shown;
    }
    announce(&app);
    Ok(())
}

/// Ends the session: phones are told, the port closes.
#[tauri::command]
#[specta::specta]
pub async fn stop_joining(app: AppHandle, joining: State<'_, Joining>) -> ApiResult<()> {
    let running = joining.lock().take();
    if let Some(r) = running {
        r.server.stop().await;
    }
    announce(&app);
    Ok(())
}

/// Asks where to save the invitation for the tables (one A4 page: the QR
/// code, the address, the short code, the workshop's title), writes it and
/// opens it in the system's viewer to print. `None` when cancelled or when
/// no session runs.
#[tauri::command]
#[specta::specta]
pub async fn save_invitation(
    app: AppHandle,
    window: tauri::WebviewWindow,
    store: StoreState<'_>,
    joining: State<'_, Joining>,
    dialog_title: String,
    filter_name: String,
    file_name: String,
) -> ApiResult<Option<crate::commands::files::SavedFile>> {
    use tauri_plugin_opener::OpenerExt;
    let Some(invitation) = joining.status().map(|s| s.invitation) else {
        return Ok(None);
    };
    let workshop = store.workshop(&invitation.workshop_id)?;
    let bytes = wandzeitung::protocol::pdf::invitation::render(
        &workshop,
        &invitation.url,
        &invitation.short_url,
        &invitation.code,
    )?;
    let chosen = crate::dialogs::FileDialog::new(dialog_title, filter_name, &["pdf"])
        .file_name(file_name)
        .save(&window)
        .await?;
    let Some(mut path) = chosen else {
        return Ok(None);
    };
    if path.extension().is_none() {
        path.set_extension("pdf");
    }
    wandzeitung::protocol::export::write_whole(&path, &bytes)?;
    let opened = app
        .opener()
        .open_path(path.to_string_lossy(), None::<&str>)
        .inspect_err(|e| wandzeitung::note!("wandzeitung: no viewer for {}: {e}", path.display()))
        .is_ok();
    Ok(Some(crate::commands::files::SavedFile {
        path: path.to_string_lossy().into_owned(),
        opened,
    }))
}
