//! The participant API: a page, a few JSON calls and one WebSocket per phone.
//!
//! Every call but the page and the code is made with the participant's
//! token; every write carries a `request_id` made on the phone, so a retry
//! after a dropped connection is answered again and never done twice.

use std::sync::Arc;

use axum::extract::{DefaultBodyLimit, Extension, FromRequestParts, Path, Request, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};

use super::connections::{Peer, BODY_TIMEOUT};
use super::device::{Device, Devices, Spend, PARTICIPANTS_PER_DEVICE};
use super::once::Once;
use super::page;
use super::refusal::{blocking, in_refusal_format, Body, Refusal};
use super::session::{participant_id, Participant, Reply, Session};
use super::snapshots::Snapshots;
use super::writer::Writer;
use super::{Hub, JoinEvent};
use crate::error::{Error, ErrorCode};
use crate::model::*;
use crate::store::{PhoneCall, PhoneWrite, PhoneWritten};
use crate::Store;

/// Largest request body: a card of 2,000 four-byte characters with room to spare.
pub(crate) const BODY_MAX: usize = 16 * 1024;
/// Longest address a phone asks for: the page's own are under 200 bytes.
const URI_MAX: usize = 2048;

#[derive(Clone)]
pub(crate) struct App {
    pub store: Arc<Store>,
    pub session: Arc<Session>,
    pub hub: Arc<Hub>,
    pub writer: Writer,
    pub snapshots: Arc<Snapshots>,
    pub devices: Arc<Devices>,
    pub uploads: Arc<super::photos::Uploads>,
    /// `ip:port` the server listens on: the only Host a request may name.
    pub authority: String,
}

pub(crate) fn router(app: App) -> Router {
    Router::new()
        .route("/", get(index))
        .route("/j/{secret}", get(index))
        .route("/{file}", get(static_file))
        .route("/api/code", post(code))
        .route("/api/session", post(session))
        .route("/api/join", post(join))
        .route("/api/day", get(day))
        .route("/api/board", get(board))
        .route("/api/write", post(write))
        .route("/api/actor-group", post(actor_group))
        .route("/api/ws", get(super::socket::open))
        .fallback(|| async {
            Refusal::join(StatusCode::NOT_FOUND, ErrorCode::NoSuchPage, "no such page")
        })
        .layer(DefaultBodyLimit::max(BODY_MAX))
        .layer(middleware::from_fn(read_body))
        // Added after the body rules above, so they do not apply to it: a
        // photo is read by its own (src/join/photos.rs).
        .route("/api/photos", post(super::photos::upload))
        .layer(middleware::from_fn_with_state(app.clone(), guard))
        .layer(middleware::from_fn(in_refusal_format))
        .with_state(app)
}

/// The device a request came from (the connection put it there).
fn device_of(req: &Request) -> Device {
    req.extensions()
        .get::<Peer>()
        .map(|p| p.device)
        .unwrap_or_else(|| Device::of(std::net::Ipv4Addr::UNSPECIFIED.into()))
}

/// Reads the body whole before any handler runs, within `BODY_TIMEOUT` and
/// `BODY_MAX`: a body announced and never sent, or sent a byte at a time,
/// costs the server ten seconds and 16 KiB at most.
async fn read_body(req: Request, next: Next) -> Response {
    let announced = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    let closing = |r: Refusal| {
        let mut resp = r.into_response();
        resp.headers_mut()
            .insert(header::CONNECTION, HeaderValue::from_static("close"));
        resp
    };
    if announced.is_some_and(|n| n > BODY_MAX as u64) {
        return closing(Refusal::join(
            StatusCode::PAYLOAD_TOO_LARGE,
            ErrorCode::TooLarge,
            "request body too large",
        ));
    }
    let (parts, body) = req.into_parts();
    let bytes = match tokio::time::timeout(BODY_TIMEOUT, axum::body::to_bytes(body, BODY_MAX)).await
    {
        Ok(Ok(bytes)) => bytes,
        Ok(Err(_)) => {
            return closing(Refusal::join(
                StatusCode::PAYLOAD_TOO_LARGE,
                ErrorCode::TooLarge,
                "request body too large",
            ))
        }
        Err(_) => {
            return closing(Refusal::join(
                StatusCode::REQUEST_TIMEOUT,
                ErrorCode::TooSlow,
                "the request body did not arrive in time",
            ))
        }
    };
    next.run(Request::from_parts(parts, axum::body::Body::from(bytes)))
        .await
}

/// Same origin only, and only under the address the server was started on: a
/// page elsewhere cannot script this API, and a rebinding DNS name is refused.
async fn guard(State(app): State<App>, req: Request, next: Next) -> Response {
    // Every call costs its device, before anything else is looked at. The
    // page's own files do not: they are fixed bytes served from memory, and
    // a browser refused its script has no way to try again by itself.
    if req.uri().path().starts_with("/api/") {
        if let Err(wait) = app.devices.spend(device_of(&req), Spend::Request) {
            return Refusal::rate_limited(wait).into_response();
        }
    }
    if req.uri().to_string().len() > URI_MAX {
        return Refusal::join(
            StatusCode::URI_TOO_LONG,
            ErrorCode::TooLong,
            "address too long",
        )
        .into_response();
    }
    let host = req
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    if host != app.authority {
        return Refusal::join(
            StatusCode::FORBIDDEN,
            ErrorCode::WrongHost,
            "unexpected Host header",
        )
        .into_response();
    }
    if let Some(origin) = req.headers().get(header::ORIGIN) {
        if origin.to_str().ok() != Some(&format!("http://{}", app.authority)) {
            return Refusal::join(
                StatusCode::FORBIDDEN,
                ErrorCode::WrongOrigin,
                "cross-origin request",
            )
            .into_response();
        }
    }
    let mut resp = next.run(req).await;
    let h = resp.headers_mut();
    let csp = format!(
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
         connect-src 'self' ws://{}; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
        app.authority
    );
    if let Ok(v) = HeaderValue::from_str(&csp) {
        h.insert(header::CONTENT_SECURITY_POLICY, v);
    }
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    // The join address holds the session's secret: never pass it on.
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    // Nothing is kept by the phone but the page's hashed script and style.
    h.entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static("no-store"));
    resp
}

/// A file of the page: brotli or gzip as built, whichever the browser takes
/// (every phone takes gzip; browsers ask for brotli over HTTPS only),
/// unpacked otherwise.
fn asset(file: &'static page::Asset, headers: &HeaderMap) -> Response {
    let takes = |coding: &str| {
        headers
            .get(header::ACCEPT_ENCODING)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| {
                v.split(',').any(|e| {
                    let mut parts = e.split(';');
                    let named = parts.next().is_some_and(|e| e.trim() == coding);
                    // `br;q=0` refuses it.
                    named && !parts.any(|p| p.trim().replace(' ', "") == "q=0")
                })
            })
    };
    let packed = if takes("br") {
        Some(("br", file.brotli))
    } else if takes("gzip") {
        Some(("gzip", file.gzip))
    } else {
        None
    };
    let mut resp = if let Some((coding, bytes)) = packed {
        (
            [
                (header::CONTENT_TYPE, file.content_type),
                (header::CONTENT_ENCODING, coding),
            ],
            bytes,
        )
            .into_response()
    } else {
        ([(header::CONTENT_TYPE, file.content_type)], file.unpacked()).into_response()
    };
    let h = resp.headers_mut();
    h.insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
    if file.cacheable() {
        h.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=31536000, immutable"),
        );
    }
    resp
}

async fn index(headers: HeaderMap) -> Response {
    match page::file(page::INDEX) {
        Some(file) => asset(file, &headers),
        None => Refusal::join(
            StatusCode::NOT_FOUND,
            ErrorCode::NoSuchPage,
            "no page built",
        )
        .into_response(),
    }
}

async fn static_file(Path(name): Path<String>, headers: HeaderMap) -> Response {
    match page::file(&name).filter(|f| f.cacheable()) {
        Some(file) => asset(file, &headers),
        None => Refusal::join(StatusCode::NOT_FOUND, ErrorCode::NoSuchPage, "no such page")
            .into_response(),
    }
}

#[derive(Deserialize)]
struct CodeInput {
    code: String,
}

#[derive(Serialize)]
struct CodeAnswer {
    secret: String,
}

/// The short code typed by hand, exchanged for the session's secret.
async fn code(
    State(app): State<App>,
    Extension(peer): Extension<Peer>,
    Body(input): Body<CodeInput>,
) -> Result<Json<CodeAnswer>, Refusal> {
    let s = &app.session;
    if s.state().ended {
        return Err(Refusal::ended());
    }
    // The device's budget of wrong codes is checked before the comparison,
    // so a guesser learns nothing once it is spent, not even a right guess;
    // it is the device's own, so nobody else's guessing refuses a right code.
    app.devices
        .has(peer.device, Spend::WrongCode)
        .map_err(Refusal::rate_limited)?;
    if input.code.chars().count() > JOIN_CODE_TYPED_MAX || !s.code_matches(&input.code) {
        let _ = app.devices.spend(peer.device, Spend::WrongCode);
        return Err(Refusal::join(
            StatusCode::NOT_FOUND,
            ErrorCode::WrongCode,
            "wrong code",
        ));
    }
    // A right code gives its token back: typing it is not guessing.
    Ok(Json(CodeAnswer {
        secret: s.secret.clone(),
    }))
}

#[derive(Deserialize)]
struct SecretInput {
    secret: String,
}

#[derive(Serialize)]
struct SessionInfo {
    named: bool,
    title: String,
}

/// What a phone needs to know before joining: whether to ask for a name.
async fn session(
    State(app): State<App>,
    Body(input): Body<SecretInput>,
) -> Result<Json<SessionInfo>, Refusal> {
    let s = &app.session;
    if !s.secret_matches(&input.secret) {
        return Err(Refusal::unknown_session());
    }
    if s.state().ended {
        return Err(Refusal::ended());
    }
    // The phone loads the day next: the same shared read serves both.
    let snap = app
        .snapshots
        .get(&app.store, &s.config.workshop_id, app.store.latest_change())
        .await?;
    Ok(Json(SessionInfo {
        named: s.config.named,
        title: snap.title().to_owned(),
    }))
}

#[derive(Deserialize)]
struct JoinInput {
    secret: String,
    #[serde(default)]
    name: String,
}

#[derive(Serialize)]
struct Joined {
    token: String,
    named: bool,
    name: String,
}

async fn join(
    State(app): State<App>,
    Extension(peer): Extension<Peer>,
    Body(input): Body<JoinInput>,
) -> Result<Json<Joined>, Refusal> {
    let s = &app.session;
    if !s.secret_matches(&input.secret) {
        return Err(Refusal::unknown_session());
    }
    let name = if s.config.named {
        required_name("participant_name", &input.name, PARTICIPANT_NAME_MAX)?
    } else {
        String::new()
    };
    let (token, names) = {
        let mut st = s.state();
        if st.ended {
            return Err(Refusal::ended());
        }
        if !st.door_open {
            return Err(Refusal::join(
                StatusCode::FORBIDDEN,
                ErrorCode::DoorClosed,
                "joining is closed",
            ));
        }
        if st.participants.len() >= s.config.cap as usize {
            return Err(Refusal::full(
                ErrorCode::Full,
                "the session is full",
                s.config.cap,
            ));
        }
        let from_here = st
            .participants
            .values()
            .filter(|p| p.device == peer.device)
            .count();
        if from_here >= PARTICIPANTS_PER_DEVICE as usize {
            return Err(Refusal::full(
                ErrorCode::DeviceFull,
                "too many participants from this address",
                PARTICIPANTS_PER_DEVICE,
            ));
        }
        // Spent only on a join that happens: a refused one costs nothing.
        app.devices
            .spend(peer.device, Spend::Join)
            .map_err(Refusal::rate_limited)?;
        let token = super::session::new_secret();
        st.participants.insert(
            participant_id(&token),
            Participant::new(name.clone(), peer.device),
        );
        (token, super::roster(&st))
    };
    // Kept in the store, so a restarted laptop still knows the phone; a
    // participant the store did not take is not let in.
    let (store, workshop, id, kept_name) = (
        app.store.clone(),
        s.config.workshop_id.clone(),
        participant_id(&token),
        name.clone(),
    );
    if let Err(refusal) =
        blocking(move || store.add_join_participant(&workshop, &id, &kept_name)).await
    {
        s.state().participants.remove(&participant_id(&token));
        return Err(refusal);
    }
    app.hub.tell_host(JoinEvent::Participants(names));
    Ok(Json(Joined {
        token,
        named: s.config.named,
        name,
    }))
}

/// The participant named by the token in `Authorization: Bearer …`,
/// checked and charged one request of their rate: their id and first name.
pub(super) fn participant(app: &App, headers: &HeaderMap) -> Result<(String, String), Refusal> {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .ok_or_else(Refusal::bad_token)?;
    signed_in(app, token)
}

pub(super) fn signed_in(app: &App, token: &str) -> Result<(String, String), Refusal> {
    let id = participant_id(token);
    let mut st = app.session.state();
    if st.ended {
        return Err(Refusal::ended());
    }
    let p = st
        .participants
        .get_mut(&id)
        .ok_or_else(Refusal::bad_token)?;
    if !p.bucket.take() {
        return Err(Refusal::rate_limited(p.bucket.wait()));
    }
    Ok((id, p.name.clone()))
}

#[derive(Deserialize)]
struct ActorGroupInput {
    /// One of the workshop's groups, or "" for "rather not say".
    group: String,
}

/// A phone says which actor group it belongs to, or changes it.
async fn actor_group(
    State(app): State<App>,
    Extension(peer): Extension<Peer>,
    headers: HeaderMap,
    Body(input): Body<ActorGroupInput>,
) -> Result<StatusCode, Refusal> {
    let (id, _) = participant(&app, &headers)?;
    app.devices
        .spend(peer.device, Spend::Write)
        .map_err(Refusal::rate_limited)?;
    let (store, workshop) = (app.store.clone(), app.session.config.workshop_id.clone());
    blocking(move || store.choose_actor_group(&workshop, &id, &input.group)).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The day as this participant's phone shows it.
async fn day(State(app): State<App>, headers: HeaderMap) -> Result<Json<ParticipantDay>, Refusal> {
    let (id, _) = participant(&app, &headers)?;
    Ok(Json(day_of(&app, &id).await?.1))
}

/// The participant's day now, and the update number it shows at least.
pub(super) async fn day_of(app: &App, id: &str) -> Result<(u64, ParticipantDay), Refusal> {
    // The update number is read before the store: a change that lands in
    // between makes the snapshot newer than its number, never older.
    let current = app.store.latest_change();
    let snap = app
        .snapshots
        .get(&app.store, &app.session.config.workshop_id, current)
        .await?;
    let mut day = snap.for_participant(id);
    day.photos_open = app.session.state().photos_open || snap.takes_photos();
    Ok((current, day))
}

/// The board part of the day alone, while the running activity has one
/// (for scripts and the benchmarks, which follow one board).
async fn board(state: State<App>, headers: HeaderMap) -> Result<Json<ParticipantBoard>, Refusal> {
    let Json(day) = day(state, headers).await?;
    day.now
        .board()
        .cloned()
        .map(Json)
        .ok_or_else(|| Error::ItemEnded.into())
}

/// Who makes a write: the server, the device it came from and the request's
/// headers (the participant's token), as every write call needs them.
struct Caller {
    app: App,
    peer: Peer,
    headers: HeaderMap,
}

impl FromRequestParts<App> for Caller {
    type Rejection = Refusal;

    async fn from_request_parts(parts: &mut Parts, app: &App) -> Result<Self, Refusal> {
        let peer = parts.extensions.get::<Peer>().cloned().ok_or_else(|| {
            Refusal::for_status(StatusCode::INTERNAL_SERVER_ERROR, "no connection")
        })?;
        Ok(Caller {
            app: app.clone(),
            peer,
            headers: parts.headers.clone(),
        })
    }
}

impl Caller {
    /// Runs one write of a participant at most once per call, target and
    /// `request_id`; `write` gets the participant's first name (for the
    /// card's author).
    async fn write(
        self,
        request_id: String,
        item: Option<Id>,
        write: impl FnOnce(&str) -> PhoneWrite,
    ) -> Response {
        let Caller { app, peer, headers } = self;
        let (id, name) = match participant(&app, &headers) {
            Ok(p) => p,
            Err(r) => return r.into_response(),
        };
        let write = write(&name);
        let once = match Once::new(&app, &id, &write.call_and_target(), &request_id) {
            Ok(once) => once,
            Err(r) => return r.into_response(),
        };
        let turn = app.session.turn(&id);
        let _one_at_a_time = turn.lock().await;
        if let Some(earlier) = once.earlier() {
            return earlier;
        }
        // A retry is answered above without cost; a new write costs the device.
        if let Err(wait) = app.devices.spend(peer.device, Spend::Write) {
            return Refusal::rate_limited(wait).into_response();
        }
        let call = PhoneCall {
            participant: id.clone(),
            item,
            write,
        };
        let reply = match app.writer.write(call).await {
            (Ok(applied), update) => Reply {
                status: 200,
                body: serde_json::to_vec(&answer(applied.value)).unwrap_or_default(),
                update,
            },
            (Err(refusal), _) => Reply {
                status: refusal.status.as_u16(),
                body: serde_json::to_vec(&refusal).unwrap_or_default(),
                update: None,
            },
        };
        once.answer(reply)
    }
}

/// What the phone gets back of its write: the card or dot without whose it
/// is (the phone knows; the answer need not carry the participant's id).
fn answer(mut written: PhoneWritten) -> PhoneWritten {
    match &mut written {
        PhoneWritten::Card(card) => card.participant.clear(),
        PhoneWritten::Vote(vote) => vote.participant.clear(),
        PhoneWritten::Challenge(_)
        | PhoneWritten::Actor(_)
        | PhoneWritten::Question(_)
        | PhoneWritten::Done => {}
    }
    written
}

/// A phone's write: its request id, the agenda item the phone showed
/// (none between items), and the write itself.
#[derive(Deserialize)]
struct WriteRequest {
    request_id: String,
    #[serde(default)]
    item: Option<Id>,
    write: PhoneWrite,
}

/// `POST /api/write`: every write a phone makes, through one path (the
/// gate, the device's budget, the answer kept for a retry, one refusal
/// format).
async fn write(caller: Caller, Body(w): Body<WriteRequest>) -> Response {
    caller
        .write(w.request_id, w.item, move |name| w.write.signed(name))
        .await
}
