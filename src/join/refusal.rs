//! Why the server says no, as the phone's catalogue shows it: the same
//! `{code, message_key, params, detail}` as the app's errors, with an HTTP
//! status, so a phone reads the core's own messages in its own language.

use std::collections::BTreeMap;

use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, Request};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::error::{Error, ErrorKind};

#[derive(Debug, Clone, Serialize)]
pub struct Refusal {
    #[serde(skip)]
    pub status: StatusCode,
    pub code: String,
    pub message_key: String,
    pub params: BTreeMap<String, String>,
    pub detail: String,
}

impl Refusal {
    /// A refusal of the server itself (`error.join_<code>` in the catalogue).
    pub fn join(status: StatusCode, code: &str, detail: &str) -> Refusal {
        Refusal {
            status,
            code: code.to_owned(),
            message_key: format!("error.join_{code}"),
            params: BTreeMap::new(),
            detail: detail.to_owned(),
        }
    }

    pub fn ended() -> Refusal {
        Refusal::join(StatusCode::GONE, "ended", "this session has ended")
    }
    pub fn unknown_session() -> Refusal {
        Refusal::join(StatusCode::NOT_FOUND, "unknown_session", "no such session")
    }
    pub fn bad_token() -> Refusal {
        Refusal::join(
            StatusCode::UNAUTHORIZED,
            "bad_token",
            "unknown participant token",
        )
    }
    pub fn rate_limited() -> Refusal {
        Refusal::join(
            StatusCode::TOO_MANY_REQUESTS,
            "rate_limited",
            "too many requests",
        )
    }
}

impl From<Error> for Refusal {
    fn from(e: Error) -> Refusal {
        let status = match e.kind() {
            ErrorKind::InvalidInput => StatusCode::BAD_REQUEST,
            ErrorKind::NotFound => StatusCode::NOT_FOUND,
            ErrorKind::Conflict => StatusCode::CONFLICT,
            ErrorKind::Unexpected => {
                eprintln!("wandzeitung join: {e}");
                StatusCode::INTERNAL_SERVER_ERROR
            }
        };
        // The laptop's storage troubles are the facilitator's to solve: the
        // phone hears that its card is not saved yet and whom to tell, not
        // how to clear a disk it cannot see.
        let message_key = match e.code() {
            "disk_full" | "read_only" | "store_busy" => "error.join_not_saved".to_owned(),
            _ => e.message_key(),
        };
        Refusal {
            status,
            code: e.code().to_owned(),
            message_key,
            params: e.params(),
            detail: e.to_string(),
        }
    }
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        (self.status, Json(&self)).into_response()
    }
}

/// Runs store work off the server's async threads (SQLite waits for the
/// disk); its error, or its panic, comes back as a refusal.
pub(crate) async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> crate::Result<T> + Send + 'static,
) -> Result<T, Refusal> {
    match tokio::task::spawn_blocking(f).await {
        Ok(r) => r.map_err(Refusal::from),
        Err(e) => Err(Refusal::from(Error::Io(std::io::Error::other(
            e.to_string(),
        )))),
    }
}

/// A JSON body whose every failure (too large, not JSON, wrong shape) is a
/// refusal the phone can show, not axum's plain-text rejection.
pub struct Body<T>(pub T);

impl<S, T> FromRequest<S> for Body<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = Refusal;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match Json::<T>::from_request(req, state).await {
            Ok(Json(value)) => Ok(Body(value)),
            Err(rejection) => Err(match &rejection {
                JsonRejection::BytesRejection(_)
                    if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE =>
                {
                    Refusal::join(
                        StatusCode::PAYLOAD_TOO_LARGE,
                        "too_large",
                        &rejection.body_text(),
                    )
                }
                _ => Refusal::join(StatusCode::BAD_REQUEST, "malformed", &rejection.body_text()),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_phone_is_told_its_card_is_not_saved_when_the_laptop_cannot_store_it() {
        let sqlite = |code| {
            Error::Database(rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(code),
                None,
            ))
        };
        for e in [
            sqlite(rusqlite::ffi::SQLITE_FULL),
            sqlite(rusqlite::ffi::SQLITE_BUSY),
            Error::ReadOnlyStore { path: "/x".into() },
        ] {
            let code = e.code();
            let r = Refusal::from(e);
            assert_eq!(r.message_key, "error.join_not_saved", "{code}");
            assert_eq!(r.code, code, "the code stays for the log");
        }
        let r = Refusal::from(Error::VoteClosed);
        assert_eq!(
            r.message_key, "error.vote_closed",
            "other refusals keep their words"
        );
    }
}
