//! The error as it crosses IPC: only what the UI acts on and shows.

use std::collections::BTreeMap;

use serde::Serialize;
use wandzeitung::ErrorKind;

#[derive(Debug, Clone, Copy, Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ApiErrorKind {
    InvalidInput,
    NotFound,
    Conflict,
    Unexpected,
}

/// The UI looks `message_key` up in its catalogue and fills in `params`;
/// `detail` is the English text for logs and bug reports.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct ApiError {
    pub kind: ApiErrorKind,
    pub code: String,
    pub message_key: String,
    pub params: BTreeMap<String, String>,
    pub detail: String,
}

impl From<wandzeitung::Error> for ApiError {
    fn from(e: wandzeitung::Error) -> Self {
        let kind = match e.kind() {
            ErrorKind::InvalidInput => ApiErrorKind::InvalidInput,
            ErrorKind::NotFound => ApiErrorKind::NotFound,
            ErrorKind::Conflict => ApiErrorKind::Conflict,
            ErrorKind::Unexpected => ApiErrorKind::Unexpected,
        };
        if matches!(kind, ApiErrorKind::Unexpected) {
            // The user sees a general message; the cause goes to the log.
            wandzeitung::note!("wandzeitung: {e}");
        }
        ApiError {
            kind,
            code: e.code().to_owned(),
            message_key: e.message_key(),
            params: e.params(),
            detail: e.to_string(),
        }
    }
}

impl ApiError {
    /// The chosen network address cannot be listened on.
    pub fn address(address: &str, detail: impl std::fmt::Display) -> Self {
        ApiError {
            kind: ApiErrorKind::InvalidInput,
            code: "join_address".into(),
            message_key: "error.join_address".into(),
            params: BTreeMap::from([
                ("address".to_owned(), address.to_owned()),
                ("detail".to_owned(), detail.to_string()),
            ]),
            detail: format!("{address}: {detail}"),
        }
    }

    /// A failure of the window system or the runtime, not of the user's input.
    pub fn unexpected(e: impl std::fmt::Display) -> Self {
        wandzeitung::note!("wandzeitung: {e}");
        ApiError {
            kind: ApiErrorKind::Unexpected,
            code: "unexpected".into(),
            message_key: "error.unexpected".into(),
            params: BTreeMap::from([("detail".to_owned(), e.to_string())]),
            detail: e.to_string(),
        }
    }
}

pub type ApiResult<T> = Result<T, ApiError>;
