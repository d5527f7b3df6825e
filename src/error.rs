//! The one error type of the web layer.
//!
//! - model code returns `QueryResult<T>`; handlers return [`AppResult<T>`];
//! - `From<diesel::result::Error>`: NotFound → 404, unique violation → 409,
//!   a NUL character PostgreSQL refuses → 400, anything else → a logged 500;
//!   a pool timeout → 503;
//! - bad input is a 4xx whose message is a translation key, so the page or the
//!   JSON body is in the user's language.
//!
//! A handler's error becomes an empty response carrying the [`AppError`];
//! [`crate::routes::errors::render`] turns it into a page or JSON once the
//! request's language is known.

use std::collections::BTreeMap;

use actix_web::{HttpResponse, ResponseError, http::StatusCode};

/// What went wrong, as the user sees it; each kind has a status and a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    BadRequest,
    Unauthorized,
    Forbidden,
    NotFound,
    MethodNotAllowed,
    Conflict,
    PayloadTooLarge,
    UnprocessableEntity,
    TooManyRequests,
    Unavailable,
    Internal,
}

impl ErrorKind {
    /// The HTTP status of this kind.
    pub fn status(self) -> StatusCode {
        match self {
            ErrorKind::BadRequest => StatusCode::BAD_REQUEST,
            ErrorKind::Unauthorized => StatusCode::UNAUTHORIZED,
            ErrorKind::Forbidden => StatusCode::FORBIDDEN,
            ErrorKind::NotFound => StatusCode::NOT_FOUND,
            ErrorKind::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            ErrorKind::Conflict => StatusCode::CONFLICT,
            ErrorKind::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            ErrorKind::UnprocessableEntity => StatusCode::UNPROCESSABLE_ENTITY,
            ErrorKind::TooManyRequests => StatusCode::TOO_MANY_REQUESTS,
            ErrorKind::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            ErrorKind::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The kind for a status produced outside our handlers (e.g. by an extractor).
    pub fn from_status(status: StatusCode) -> ErrorKind {
        match status.as_u16() {
            401 => ErrorKind::Unauthorized,
            403 => ErrorKind::Forbidden,
            404 => ErrorKind::NotFound,
            405 => ErrorKind::MethodNotAllowed,
            409 => ErrorKind::Conflict,
            413 => ErrorKind::PayloadTooLarge,
            422 => ErrorKind::UnprocessableEntity,
            429 => ErrorKind::TooManyRequests,
            503 => ErrorKind::Unavailable,
            400..=499 => ErrorKind::BadRequest,
            _ => ErrorKind::Internal,
        }
    }

    /// A stable machine-readable code for JSON clients.
    pub fn code(self) -> &'static str {
        match self {
            ErrorKind::BadRequest => "bad_request",
            ErrorKind::Unauthorized => "unauthorized",
            ErrorKind::Forbidden => "forbidden",
            ErrorKind::NotFound => "not_found",
            ErrorKind::MethodNotAllowed => "method_not_allowed",
            ErrorKind::Conflict => "conflict",
            ErrorKind::PayloadTooLarge => "payload_too_large",
            ErrorKind::UnprocessableEntity => "unprocessable_entity",
            ErrorKind::TooManyRequests => "too_many_requests",
            ErrorKind::Unavailable => "unavailable",
            ErrorKind::Internal => "internal",
        }
    }

    /// Translation key of the page title for this kind (`error-<code>-title`);
    /// the explanation is `error-<code>-body`.
    pub fn title_key(self) -> String {
        format!("error-{}-title", self.code().replace('_', "-"))
    }

    /// Translation key of the default explanation for this kind.
    pub fn body_key(self) -> String {
        format!("error-{}-body", self.code().replace('_', "-"))
    }

    /// Every kind, for tests that check each has its translations.
    pub const ALL: [ErrorKind; 11] = [
        ErrorKind::BadRequest,
        ErrorKind::Unauthorized,
        ErrorKind::Forbidden,
        ErrorKind::NotFound,
        ErrorKind::MethodNotAllowed,
        ErrorKind::Conflict,
        ErrorKind::PayloadTooLarge,
        ErrorKind::UnprocessableEntity,
        ErrorKind::TooManyRequests,
        ErrorKind::Unavailable,
        ErrorKind::Internal,
    ];
}

/// A user-facing message: a translation key and its arguments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub key: &'static str,
    pub args: BTreeMap<&'static str, String>,
}

impl Message {
    /// A message without arguments.
    pub fn new(key: &'static str) -> Self {
        Message {
            key,
            args: BTreeMap::new(),
        }
    }

    /// Adds an argument for the translation.
    pub fn arg(mut self, name: &'static str, value: impl ToString) -> Self {
        self.args.insert(name, value.to_string());
        self
    }

    /// The message in `lang`, arguments filled in.
    pub fn text(&self, lang: crate::i18n::Lang) -> String {
        let args = self
            .args
            .iter()
            .map(|(k, v)| {
                (
                    std::borrow::Cow::Borrowed(*k),
                    fluent_templates::fluent_bundle::FluentValue::from(v.clone()),
                )
            })
            .collect();
        lang.text_with(self.key, &args)
    }
}

/// An error a handler returns.
#[derive(Debug, thiserror::Error)]
#[error("{kind:?}{}", source.as_ref().map(|s| format!(": {s:#}")).unwrap_or_default())]
pub struct AppError {
    pub kind: ErrorKind,
    /// Shown instead of the kind's default explanation.
    pub message: Option<Message>,
    /// The cause, logged for 5xx; never shown to the user.
    pub source: Option<anyhow::Error>,
}

/// What handlers return.
pub type AppResult<T> = Result<T, AppError>;

impl AppError {
    /// An error of `kind` with its default message.
    pub fn new(kind: ErrorKind) -> Self {
        AppError {
            kind,
            message: None,
            source: None,
        }
    }

    /// 404: nothing here.
    pub fn not_found() -> Self {
        AppError::new(ErrorKind::NotFound)
    }

    /// 400 with a specific message.
    pub fn bad_request(message: Message) -> Self {
        AppError::new(ErrorKind::BadRequest).with_message(message)
    }

    /// 403: not allowed for this user.
    pub fn forbidden() -> Self {
        AppError::new(ErrorKind::Forbidden)
    }

    /// 500, logging `source`.
    pub fn internal(source: impl Into<anyhow::Error>) -> Self {
        AppError {
            source: Some(source.into()),
            ..AppError::new(ErrorKind::Internal)
        }
    }

    /// 503, logging `source`.
    pub fn unavailable(source: impl Into<anyhow::Error>) -> Self {
        AppError {
            source: Some(source.into()),
            ..AppError::new(ErrorKind::Unavailable)
        }
    }

    /// Replaces the default explanation.
    pub fn with_message(mut self, message: Message) -> Self {
        self.message = Some(message);
        self
    }
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        self.kind.status()
    }

    /// An empty response; the error-page middleware fills in the body.
    fn error_response(&self) -> HttpResponse {
        let mut response = HttpResponse::new(self.status_code());
        if self.kind == ErrorKind::Unavailable {
            response.headers_mut().insert(
                actix_web::http::header::RETRY_AFTER,
                actix_web::http::header::HeaderValue::from_static("5"),
            );
        }
        response
    }
}

impl From<diesel::result::Error> for AppError {
    fn from(e: diesel::result::Error) -> Self {
        use diesel::result::{DatabaseErrorKind, Error};
        match e {
            Error::NotFound => AppError::not_found(),
            Error::DatabaseError(DatabaseErrorKind::UniqueViolation, _) => AppError {
                source: Some(e.into()),
                ..AppError::new(ErrorKind::Conflict)
            },
            // PostgreSQL text can't hold a NUL character, and only a request
            // brings one: "invalid byte sequence for encoding "UTF8": 0x00"
            // (SQLSTATE 22021, which diesel doesn't name; the bytes read the
            // same in every server language).
            Error::DatabaseError(DatabaseErrorKind::Unknown, ref info)
                if info.message().contains("0x00") =>
            {
                AppError {
                    source: Some(e.into()),
                    ..AppError::new(ErrorKind::BadRequest)
                }
            }
            other => AppError::internal(other),
        }
    }
}

impl From<diesel::r2d2::PoolError> for AppError {
    fn from(e: diesel::r2d2::PoolError) -> Self {
        AppError::unavailable(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diesel_errors_map_to_statuses() {
        let not_found: AppError = diesel::result::Error::NotFound.into();
        assert_eq!(not_found.status_code(), StatusCode::NOT_FOUND);
        let unique: AppError = diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::UniqueViolation,
            Box::new("duplicate".to_string()),
        )
        .into();
        assert_eq!(unique.status_code(), StatusCode::CONFLICT);
        let nul: AppError = diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::Unknown,
            Box::new(r#"invalid byte sequence for encoding "UTF8": 0x00"#.to_string()),
        )
        .into();
        assert_eq!(nul.status_code(), StatusCode::BAD_REQUEST);
        let other: AppError = diesel::result::Error::RollbackTransaction.into();
        assert_eq!(other.status_code(), StatusCode::INTERNAL_SERVER_ERROR);
    }

    #[test]
    fn statuses_round_trip_through_kinds() {
        for kind in ErrorKind::ALL {
            assert_eq!(ErrorKind::from_status(kind.status()), kind);
        }
    }
}
