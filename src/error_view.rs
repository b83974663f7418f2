//! An error as the window and the phones receive it, decided once per
//! error: its kind, its code (a closed list, a TypeScript union in the
//! bindings), the catalogue key and its values, the English detail, and
//! whether it goes to the log.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::error::{Error, ErrorKind};

crate::named::named_enum! {
    /// Every code the window or a phone may be sent. The UI's catalogue words
    /// an error by `message_key`; the code is what a program compares.
    pub enum ErrorCode {
        // The core's errors (`Error::code`).
        Empty = "empty",
        TooLong = "too_long",
        OutOfRange = "out_of_range",
        InvalidDate = "invalid_date",
        InvalidTime = "invalid_time",
        UnknownValue = "unknown_value",
        NotFound = "not_found",
        VoteClosed = "vote_closed",
        DotsUsedUp = "dots_used_up",
        OtherBoard = "other_board",
        SectorNotEmpty = "sector_not_empty",
        CardHidden = "card_hidden",
        RelationToItself = "relation_to_itself",
        CardSettled = "card_settled",
        ItemEnded = "item_ended",
        PollAnswered = "poll_answered",
        PollClosed = "poll_closed",
        NoGroup = "no_group",
        Full = "full",
        StoreInUse = "store_in_use",
        ReadOnly = "read_only",
        UnsupportedFile = "unsupported_file",
        PhotoRefused = "photo_refused",
        Team = "team",
        TeamWorkshop = "team_workshop",
        StoreUnavailable = "store_unavailable",
        StoreTooNew = "store_too_new",
        NotOurStore = "not_our_store",
        BackupGone = "backup_gone",
        FileInUse = "file_in_use",
        DiskFull = "disk_full",
        StoreBusy = "store_busy",
        Database = "database",
        Migration = "migration",
        Io = "io",
        Json = "json",
        // The app's own.
        JoinAddress = "join_address",
        Unexpected = "unexpected",
        // The phones' server's own (`error.join_<code>` in the catalogue).
        Ended = "ended",
        UnknownSession = "unknown_session",
        BadToken = "bad_token",
        RateLimited = "rate_limited",
        Busy = "busy",
        NoSuchPage = "no_such_page",
        TooSlow = "too_slow",
        TooLarge = "too_large",
        NotJson = "not_json",
        Malformed = "malformed",
        DoorClosed = "door_closed",
        WrongCode = "wrong_code",
        WrongHost = "wrong_host",
        WrongOrigin = "wrong_origin",
        DeviceFull = "device_full",
        PhotosBusy = "photos_busy",
        PhotosClosed = "photos_closed",
        PhotosDeviceFull = "photos_device_full",
    }
}

/// The error as it crosses to the window (IPC) and to a phone (the body of
/// a refusal): the UI looks `message_key` up in its catalogue and fills in
/// `params`; `detail` is the English text for logs and bug reports.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ErrorView {
    pub kind: ErrorKind,
    pub code: ErrorCode,
    pub message_key: String,
    pub params: BTreeMap<String, String>,
    pub detail: String,
}

impl ErrorView {
    /// An error of the app or the server itself, worded by `message_key`.
    pub fn new(kind: ErrorKind, code: ErrorCode, message_key: String, detail: String) -> Self {
        if kind == ErrorKind::Unexpected {
            // The user sees a general message; the cause goes to the log.
            crate::note!("wandzeitung: {detail}");
        }
        ErrorView {
            kind,
            code,
            message_key,
            params: BTreeMap::new(),
            detail,
        }
    }

    /// Adds a value the message interpolates.
    pub fn with(mut self, key: &str, value: impl ToString) -> Self {
        self.params.insert(key.to_owned(), value.to_string());
        self
    }

    /// The chosen network address cannot be listened on.
    pub fn address(address: &str, detail: impl std::fmt::Display) -> Self {
        let view = ErrorView::new(
            ErrorKind::InvalidInput,
            ErrorCode::JoinAddress,
            "error.join_address".into(),
            format!("{address}: {detail}"),
        );
        view.with("address", address).with("detail", detail)
    }

    /// A failure of the window system or the runtime, not of the user's input.
    pub fn unexpected(e: impl std::fmt::Display) -> Self {
        ErrorView::new(
            ErrorKind::Unexpected,
            ErrorCode::Unexpected,
            "error.unexpected".into(),
            e.to_string(),
        )
        .with("detail", e)
    }
}

impl From<Error> for ErrorView {
    fn from(e: Error) -> Self {
        ErrorView::from(&e)
    }
}

impl From<&Error> for ErrorView {
    fn from(e: &Error) -> Self {
        let mut view = ErrorView::new(e.kind(), e.error_code(), e.message_key(), e.to_string());
        view.params = e.params();
        view
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_codes_share_a_name() {
        let mut seen = std::collections::BTreeSet::new();
        for code in ErrorCode::ALL {
            assert!(seen.insert(code.name()), "{} twice", code.name());
        }
        assert_eq!(
            serde_json::to_value(ErrorCode::DiskFull).unwrap(),
            "disk_full"
        );
    }

    #[test]
    fn the_window_and_the_phones_read_the_same_view_of_an_error() {
        let e = Error::TooLong {
            field: "card_text",
            len: 301,
            max: 280,
        };
        let view = ErrorView::from(&e);
        assert_eq!(view.kind, ErrorKind::InvalidInput);
        assert_eq!(view.code, ErrorCode::TooLong);
        assert_eq!(view.message_key, "error.too_long");
        assert_eq!(view.params["max"], "280");
        assert_eq!(view.params["field"], "field.card_text");
        let json = serde_json::to_value(&view).unwrap();
        assert_eq!(json["code"], "too_long");
        assert_eq!(json["kind"], "invalid_input");
    }
}
