//! The error as it crosses IPC: the core's one view of an error, the same
//! a phone receives in a refusal (kind, code, catalogue key, values, detail).

pub type ApiError = wandzeitung::ErrorView;

pub type ApiResult<T> = Result<T, ApiError>;
