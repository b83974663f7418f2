//! Photos from the phones: the one call whose body is megabytes, so it has
//! rules of its own instead of the JSON calls' 16 KiB in ten seconds. The
//! bytes are the image as the phone's file input gave it; the caption rides
//! percent-encoded in `X-Caption`. Only a few photos arrive at once, each
//! device may send two at a time, and decoding waits its turn, so a device
//! that sends slowly or sends bombs holds at most its own share, and the
//! cards of every other phone go on as before (their calls never wait here).

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use axum::extract::{Extension, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use tokio::sync::Semaphore;

use super::api::{participant, App};
use super::connections::Peer;
use super::device::{Device, Spend};
use super::once::Once;
use super::refusal::{blocking, Refusal};
use super::session::Reply;
use crate::error::{Error, ErrorCode, PhotoProblem};
use crate::model::{Id, PhotoInput, PHOTOS_PER_DEVICE_MAX, PHOTO_FILE_MAX};

/// Time for a photo's bytes to arrive: 30 MB over a crowded room's Wi-Fi
/// at 2 Mbit/s.
pub(crate) const UPLOAD_TIMEOUT: Duration = Duration::from_secs(120);
/// Photos arriving at once; each is held in memory until it is taken in.
pub(crate) const UPLOADS_AT_ONCE: usize = 6;
/// Photos one device sends at once.
pub(crate) const UPLOADS_PER_DEVICE: usize = 2;
/// Photos decoded at once: a decode holds up to 160 MB of pixels and their
/// 8-bit copy (`PHOTO_DECODED_BYTES_MAX`), and the laptop has two cores;
/// the others wait their turn.
const DECODES_AT_ONCE: usize = 2;

/// Who is sending a photo now, and how many each device's photos are.
pub(crate) struct Uploads {
    running: Mutex<Running>,
    decodes: Arc<Semaphore>,
    taken: Mutex<HashMap<Device, u32>>,
}

#[derive(Default)]
struct Running {
    total: usize,
    by_device: HashMap<Device, usize>,
    participants: HashSet<String>,
}

impl Default for Uploads {
    fn default() -> Uploads {
        Uploads {
            running: Mutex::default(),
            decodes: Arc::new(Semaphore::new(DECODES_AT_ONCE)),
            taken: Mutex::default(),
        }
    }
}

/// One photo on its way in; its place is given back when it is dropped.
struct Slot {
    uploads: Arc<Uploads>,
    device: Device,
    participant: String,
}

impl Uploads {
    fn running(&self) -> MutexGuard<'_, Running> {
        self.running.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn taken(&self) -> MutexGuard<'_, HashMap<Device, u32>> {
        self.taken.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Refuses a device whose photos are its share of the gallery already:
    /// however many participants it joined, it cannot fill the workshop.
    fn check_share(&self, device: Device) -> Result<(), Refusal> {
        if self.taken().get(&device).copied().unwrap_or(0) < PHOTOS_PER_DEVICE_MAX {
            return Ok(());
        }
        Err(Refusal::full(
            ErrorCode::PhotosDeviceFull,
            "this device sent its share of photos",
            PHOTOS_PER_DEVICE_MAX,
        ))
    }

    /// A place for one more photo, or why not: one at a time per
    /// participant (a retry waits for the first try), a few per device, a
    /// few in all.
    fn enter(uploads: &Arc<Uploads>, device: Device, participant: &str) -> Result<Slot, Refusal> {
        let mut r = uploads.running();
        if r.participants.contains(participant) {
            return Err(Refusal::rate_limited(Duration::from_secs(2)));
        }
        let from_device = r.by_device.get(&device).copied().unwrap_or(0);
        if from_device >= UPLOADS_PER_DEVICE || r.total >= UPLOADS_AT_ONCE {
            let mut busy = Refusal::join(
                StatusCode::SERVICE_UNAVAILABLE,
                ErrorCode::PhotosBusy,
                "other photos are arriving",
            );
            busy.retry_after = Some(5);
            return Err(busy);
        }
        r.total += 1;
        *r.by_device.entry(device).or_default() += 1;
        r.participants.insert(participant.to_owned());
        Ok(Slot {
            uploads: uploads.clone(),
            device,
            participant: participant.to_owned(),
        })
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut r = self.uploads.running();
        r.total = r.total.saturating_sub(1);
        if let Some(n) = r.by_device.get_mut(&self.device) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                r.by_device.remove(&self.device);
            }
        }
        r.participants.remove(&self.participant);
    }
}

#[derive(Deserialize)]
pub(super) struct PhotoQuery {
    request_id: String,
    /// The agenda item the phone showed; the photo belongs to it.
    #[serde(default)]
    item: Option<Id>,
}

fn too_large(detail: String) -> Refusal {
    let mut r = Refusal::from(Error::PhotoRefused {
        problem: PhotoProblem::TooLarge,
        detail,
    });
    r.status = StatusCode::PAYLOAD_TOO_LARGE;
    r
}

/// A refusal after which the connection is closed: the rest of a body that
/// is not read must not be taken for the next request.
fn closing(r: Refusal) -> Response {
    let mut resp = r.into_response();
    resp.headers_mut()
        .insert(header::CONNECTION, HeaderValue::from_static("close"));
    resp
}

/// The caption from `X-Caption`, percent-encoded UTF-8 (none: no caption).
fn caption(headers: &HeaderMap) -> Result<String, Refusal> {
    let Some(raw) = headers.get("x-caption") else {
        return Ok(String::new());
    };
    let malformed = || {
        Refusal::join(
            StatusCode::BAD_REQUEST,
            ErrorCode::Malformed,
            "X-Caption: percent-encoded UTF-8",
        )
    };
    let raw = raw.to_str().map_err(|_| malformed())?;
    percent_encoding::percent_decode_str(raw)
        .decode_utf8()
        .map(|c| c.into_owned())
        .map_err(|_| malformed())
}

/// `POST /api/photos?request_id=…&item=…`: one photo, taken whole or not at
/// all. Refusals before the body is read cost the phone nothing but the
/// request; the phone keeps its caption and shows the reason.
pub(super) async fn upload(
    State(app): State<App>,
    Extension(peer): Extension<Peer>,
    Query(q): Query<PhotoQuery>,
    headers: HeaderMap,
    body: axum::body::Body,
) -> Response {
    match take(app, peer, q, headers, body).await {
        Ok(resp) => resp,
        Err(refusal) => closing(refusal),
    }
}

async fn take(
    app: App,
    peer: Peer,
    q: PhotoQuery,
    headers: HeaderMap,
    body: axum::body::Body,
) -> Result<Response, Refusal> {
    let (id, _) = participant(&app, &headers)?;
    let once = Once::new(&app, &id, "photo", &q.request_id)?;
    // A photo sent again is answered as before, even once photos closed.
    if let Some(earlier) = once.earlier() {
        return Ok(earlier);
    }
    let photo_round = || async {
        let snap = app
            .snapshots
            .get(
                &app.store,
                &app.session.config.workshop_id,
                app.store.latest_change(),
            )
            .await;
        snap.is_ok_and(|s| s.takes_photos())
    };
    if !app.session.state().photos_open && !photo_round().await {
        return Err(Refusal::join(
            StatusCode::FORBIDDEN,
            ErrorCode::PhotosClosed,
            "photos are not taken now",
        ));
    }
    let caption = caption(&headers)?;
    let announced = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if let Some(n) = announced.filter(|n| *n > PHOTO_FILE_MAX as u64) {
        return Err(too_large(format!("{n} bytes, at most {PHOTO_FILE_MAX}")));
    }
    app.uploads.check_share(peer.device)?;
    let _slot = Uploads::enter(&app.uploads, peer.device, &id)?;
    // Asked again now that this participant's earlier try has finished.
    if let Some(earlier) = once.earlier() {
        return Ok(earlier);
    }
    app.devices
        .spend(peer.device, Spend::Write)
        .map_err(Refusal::rate_limited)?;
    let bytes = match tokio::time::timeout(
        UPLOAD_TIMEOUT,
        axum::body::to_bytes(body, PHOTO_FILE_MAX),
    )
    .await
    {
        Ok(Ok(bytes)) => bytes,
        Ok(Err(_)) => return Err(too_large(format!("more than {PHOTO_FILE_MAX} bytes"))),
        Err(_) => {
            return Err(Refusal::join(
                StatusCode::REQUEST_TIMEOUT,
                ErrorCode::TooSlow,
                "the photo did not arrive in time",
            ))
        }
    };
    let turn = app.uploads.decodes.clone().acquire_owned().await;
    let (store, workshop, participant_id) = (
        app.store.clone(),
        app.session.config.workshop_id.clone(),
        id.clone(),
    );
    let input = PhotoInput {
        caption,
        item_id: q.item,
        workspace: None,
    };
    let taken = blocking(move || {
        let _turn = turn;
        store.add_photo_from(&workshop, &input, &bytes, Some(&participant_id))
    })
    .await;
    let reply = match taken {
        Ok(photo) => {
            *app.uploads.taken().entry(peer.device).or_default() += 1;
            let body = serde_json::to_vec(&photo).unwrap_or_default();
            Reply {
                status: 200,
                body,
                update: None,
            }
        }
        Err(refusal) => Reply {
            status: refusal.status.as_u16(),
            body: refusal.json(),
            update: None,
        },
    };
    Ok(once.answer(reply))
}
