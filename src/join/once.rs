//! A phone's write is done at most once: every write carries a request id
//! made on the phone, and a retry after a dropped connection gets the first
//! answer again, whatever it was. Cards, dots, answers and photos alike.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use super::api::App;
use super::refusal::Refusal;
use super::session::Reply;
use crate::error::ErrorCode;

/// One participant's write under one request id.
pub(super) struct Once<'a> {
    app: &'a App,
    participant: &'a str,
    key: String,
}

impl<'a> Once<'a> {
    /// The write `call` (what it does and to what) of `participant` under
    /// `request_id`; a malformed id is refused.
    pub(super) fn new(
        app: &'a App,
        participant: &'a str,
        call: &str,
        request_id: &str,
    ) -> Result<Once<'a>, Refusal> {
        valid_request_id(request_id)?;
        Ok(Once {
            app,
            participant,
            key: format!("{call}#{request_id}"),
        })
    }

    /// The answer given the first time, when this is a retry.
    pub(super) fn earlier(&self) -> Option<Response> {
        self.app
            .session
            .state()
            .participants
            .get(self.participant)
            .and_then(|p| p.reply_to(&self.key))
            .map(replay)
    }

    /// Keeps the answer for a retry, and gives it.
    pub(super) fn answer(self, reply: Reply) -> Response {
        if let Some(p) = self
            .app
            .session
            .state()
            .participants
            .get_mut(self.participant)
        {
            p.remember(self.key, reply.clone());
        }
        replay(reply)
    }
}

/// A write's id as the phone makes it: 8 to 64 of `[A-Za-z0-9_-]`.
fn valid_request_id(request_id: &str) -> Result<(), Refusal> {
    if (8..=64).contains(&request_id.len())
        && request_id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return Ok(());
    }
    Err(Refusal::join(
        StatusCode::BAD_REQUEST,
        ErrorCode::Malformed,
        "request_id: 8 to 64 of [A-Za-z0-9_-]",
    ))
}

/// The answer to a write; `x-update` names the socket update it caused, so a
/// phone (and the benchmark) can tell its own change when it comes back.
fn replay(reply: Reply) -> Response {
    let mut resp = (
        StatusCode::from_u16(reply.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
        [(header::CONTENT_TYPE, "application/json")],
        reply.body,
    )
        .into_response();
    if let Some(n) = reply.update {
        resp.headers_mut().insert("x-update", HeaderValue::from(n));
    }
    resp
}
