//! Why the server says no, as the phone's catalogue shows it: the same
//! `{code, message_key, params, detail}` as the app's errors, with an HTTP
//! status, so a phone reads the core's own messages in its own language.

use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, Request};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::error::{Error, ErrorCode, ErrorKind, ErrorView};

/// A refusal: the error's one view (as the window gets it), the HTTP status
/// that carries it, and how long to wait before asking again.
#[derive(Debug, Clone, Serialize)]
pub struct Refusal {
    #[serde(skip)]
    pub status: StatusCode,
    #[serde(flatten)]
    pub view: ErrorView,
    /// Seconds until asking again makes sense (429, 503): `Retry-After`.
    #[serde(skip)]
    pub retry_after: Option<u64>,
}

/// How the server's own refusals weigh, by their status.
fn kind_of(status: StatusCode) -> ErrorKind {
    match status {
        StatusCode::NOT_FOUND => ErrorKind::NotFound,
        StatusCode::FORBIDDEN
        | StatusCode::CONFLICT
        | StatusCode::GONE
        | StatusCode::TOO_MANY_REQUESTS
        | StatusCode::SERVICE_UNAVAILABLE => ErrorKind::Conflict,
        s if s.is_server_error() => ErrorKind::Unexpected,
        _ => ErrorKind::InvalidInput,
    }
}

impl Refusal {
    /// A refusal of the server itself (`error.join_<code>` in the catalogue).
    pub fn join(status: StatusCode, code: ErrorCode, detail: &str) -> Refusal {
        Refusal {
            status,
            view: ErrorView::new(
                kind_of(status),
                code,
                format!("error.join_{}", code.name()),
                detail.to_owned(),
            ),
            retry_after: None,
        }
    }

    /// The refusal's JSON body, as every refusal is sent.
    pub fn json(&self) -> Vec<u8> {
        serde_json::to_vec(self).unwrap_or_default()
    }

    pub fn ended() -> Refusal {
        Refusal::join(StatusCode::GONE, ErrorCode::Ended, "this session has ended")
    }
    pub fn unknown_session() -> Refusal {
        Refusal::join(
            StatusCode::NOT_FOUND,
            ErrorCode::UnknownSession,
            "no such session",
        )
    }
    pub fn bad_token() -> Refusal {
        Refusal::join(
            StatusCode::UNAUTHORIZED,
            ErrorCode::BadToken,
            "unknown participant token",
        )
    }
    /// A bound of `max` is reached (the session's places, one address's
    /// participants or photos): the phone names the number.
    pub fn full(code: ErrorCode, detail: &str, max: impl ToString) -> Refusal {
        let mut r = Refusal::join(StatusCode::FORBIDDEN, code, detail);
        r.view = r.view.with("max", max);
        r
    }
    /// Too many requests from this device (or participant); `wait` until
    /// the next one is taken, rounded up to whole seconds.
    pub fn rate_limited(wait: std::time::Duration) -> Refusal {
        let seconds = (wait.as_secs() + u64::from(wait.subsec_nanos() > 0)).max(1);
        let mut r = Refusal::join(
            StatusCode::TOO_MANY_REQUESTS,
            ErrorCode::RateLimited,
            "too many requests",
        );
        r.view = r.view.with("seconds", seconds);
        r.retry_after = Some(seconds);
        r
    }
    /// Every connection the laptop can hold is busy answering.
    pub fn busy() -> Refusal {
        let mut r = Refusal::join(
            StatusCode::SERVICE_UNAVAILABLE,
            ErrorCode::Busy,
            "too many connections",
        );
        r.retry_after = Some(5);
        r
    }

    /// What the server says for a status that came from elsewhere than a
    /// handler (routing, an extractor, a timeout), in the phone's format.
    pub fn for_status(status: StatusCode, detail: &str) -> Refusal {
        let code = match status {
            StatusCode::NOT_FOUND => ErrorCode::NoSuchPage,
            StatusCode::METHOD_NOT_ALLOWED => ErrorCode::NoSuchPage,
            StatusCode::REQUEST_TIMEOUT => ErrorCode::TooSlow,
            StatusCode::PAYLOAD_TOO_LARGE => ErrorCode::TooLarge,
            StatusCode::URI_TOO_LONG => ErrorCode::TooLong,
            StatusCode::UNSUPPORTED_MEDIA_TYPE => ErrorCode::NotJson,
            StatusCode::UPGRADE_REQUIRED => ErrorCode::Malformed,
            StatusCode::SERVICE_UNAVAILABLE => ErrorCode::Busy,
            StatusCode::TOO_MANY_REQUESTS => ErrorCode::RateLimited,
            s if s.is_client_error() => ErrorCode::Malformed,
            _ => ErrorCode::Unexpected,
        };
        let mut r = Refusal::join(status, code, detail);
        if code == ErrorCode::Unexpected {
            r.view.message_key = "error.unexpected".into();
        }
        r
    }
}

impl From<Error> for Refusal {
    fn from(e: Error) -> Refusal {
        let mut view = ErrorView::from(&e);
        let status = match view.kind {
            ErrorKind::InvalidInput => StatusCode::BAD_REQUEST,
            ErrorKind::NotFound => StatusCode::NOT_FOUND,
            ErrorKind::Conflict => StatusCode::CONFLICT,
            ErrorKind::Unexpected => StatusCode::INTERNAL_SERVER_ERROR,
        };
        // The laptop's storage troubles are the facilitator's to solve: the
        // phone hears that its card is not saved yet and whom to tell, not
        // how to clear a disk it cannot see.
        if matches!(
            view.code,
            ErrorCode::DiskFull | ErrorCode::ReadOnly | ErrorCode::StoreBusy
        ) {
            view.message_key = "error.join_not_saved".to_owned();
        }
        Refusal {
            status,
            view,
            retry_after: None,
        }
    }
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        let mut resp = (self.status, Json(&self)).into_response();
        if let Some(s) = self.retry_after {
            resp.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(s));
        }
        resp
    }
}

/// Whatever answered with an error (axum's router and extractors answer
/// in plain text or with no body at all), the phone gets the refusal format.
pub(crate) async fn in_refusal_format(req: Request, next: Next) -> Response {
    let resp = next.run(req).await;
    let status = resp.status();
    let is_json = resp
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if status.is_success() || status.is_redirection() || status.is_informational() || is_json {
        return resp;
    }
    let detail = match axum::body::to_bytes(resp.into_body(), 1024).await {
        Ok(b) => String::from_utf8_lossy(&b).into_owned(),
        Err(_) => String::new(),
    };
    Refusal::for_status(status, &detail).into_response()
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
        // JSON is UTF-8 (RFC 8259): a body declared in another charset
        // would be read as something it is not.
        let charset = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| {
                v.split(';')
                    .skip(1)
                    .filter_map(|p| p.split_once('='))
                    .find(|(k, _)| k.trim().eq_ignore_ascii_case("charset"))
                    .map(|(_, v)| v.trim().trim_matches('"').to_ascii_lowercase())
            });
        if charset.is_some_and(|c| c != "utf-8" && c != "utf8") {
            return Err(Refusal::join(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                ErrorCode::NotJson,
                "JSON must be sent as UTF-8",
            ));
        }
        match Json::<T>::from_request(req, state).await {
            Ok(Json(value)) => Ok(Body(value)),
            Err(rejection) => Err(match &rejection {
                JsonRejection::BytesRejection(_)
                    if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE =>
                {
                    Refusal::join(
                        StatusCode::PAYLOAD_TOO_LARGE,
                        ErrorCode::TooLarge,
                        &rejection.body_text(),
                    )
                }
                _ => Refusal::join(
                    StatusCode::BAD_REQUEST,
                    ErrorCode::Malformed,
                    &rejection.body_text(),
                ),
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
            let code = e.error_code();
            let r = Refusal::from(e);
            assert_eq!(r.view.message_key, "error.join_not_saved", "{code:?}");
            assert_eq!(r.view.code, code, "the code stays for the log");
        }
        let r = Refusal::from(Error::VoteClosed);
        assert_eq!(
            r.view.message_key, "error.vote_closed",
            "other refusals keep their words"
        );
    }
}
