//! CSRF protection for every state-changing form: a token bound to the
//! session (or, for visitors, to a random cookie), checked in constant time,
//! plus an Origin/Referer check against the portal's own address.
//!
//! Handlers take [`Form<T>`] instead of `web::Form<T>`; pages with a form take
//! [`CsrfToken`] and put it in a hidden `_csrf` field.

use std::pin::Pin;

use actix_web::cookie::{Cookie, SameSite};
use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpMessage, HttpRequest, web};
use serde::Deserialize;
use serde::de::DeserializeOwned;

use super::extract::session_of;
use super::secret;
use crate::error::{AppError, ErrorKind, Message};
use crate::middleware::WebSettings;

/// Name of the hidden form field.
pub const FIELD: &str = "_csrf";
/// Cookie that binds a visitor's forms when there is no session.
pub const VISITOR_COOKIE: &str = "gopy_csrf";

/// Keys shared by every node (from the `server_keys` table).
#[derive(Clone)]
pub struct Keys {
    pub csrf: Vec<u8>,
}

/// A visitor binding created by this request, to be set as a cookie.
#[derive(Debug, Clone)]
pub struct NewVisitorBinding(pub String);

/// The token for forms on this page.
#[derive(Debug, Clone, serde::Serialize)]
pub struct CsrfToken(pub String);

/// What the token is bound to: the session, else the visitor cookie.
fn binding(req: &HttpRequest) -> Option<String> {
    let session = session_of(req);
    session
        .token
        .map(|t| format!("session:{t}"))
        .or_else(|| {
            req.cookie(VISITOR_COOKIE)
                .map(|c| format!("visitor:{}", c.value()))
        })
        .or_else(|| {
            req.extensions()
                .get::<NewVisitorBinding>()
                .map(|b| format!("visitor:{}", b.0))
        })
}

fn keys(req: &HttpRequest) -> Result<web::Data<Keys>, AppError> {
    req.app_data::<web::Data<Keys>>()
        .cloned()
        .ok_or_else(|| AppError::internal(anyhow::anyhow!("no keys in app data")))
}

/// The token for this request's binding, if it has one.
pub fn token_for(req: &HttpRequest) -> Option<String> {
    let keys = keys(req).ok()?;
    binding(req).map(|b| secret::sign(&keys.csrf, &b))
}

impl FromRequest for CsrfToken {
    type Error = AppError;
    type Future = std::future::Ready<Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        if binding(req).is_none() {
            req.extensions_mut()
                .insert(NewVisitorBinding(secret::random_token()));
        }
        std::future::ready(
            token_for(req)
                .map(CsrfToken)
                .ok_or_else(|| AppError::internal(anyhow::anyhow!("no CSRF binding"))),
        )
    }
}

/// The cookie for a visitor binding created by this request.
pub fn visitor_cookie(value: &str, https: bool) -> Cookie<'static> {
    Cookie::build(VISITOR_COOKIE, value.to_string())
        .path("/")
        .http_only(true)
        .secure(https)
        .same_site(SameSite::Lax)
        .finish()
}

fn refused() -> AppError {
    AppError::new(ErrorKind::Forbidden).with_message(Message::new("form-error-csrf"))
}

/// Refuses a request whose Origin (or, lacking it, Referer) is another site.
fn same_origin(req: &HttpRequest, settings: &WebSettings) -> Result<(), AppError> {
    let headers = req.headers();
    if let Some(origin) = headers.get(header::ORIGIN) {
        let origin = origin.to_str().unwrap_or("");
        return if origin == settings.origin {
            Ok(())
        } else {
            Err(refused())
        };
    }
    if let Some(referer) = headers.get(header::REFERER) {
        let referer = referer.to_str().unwrap_or("");
        let ok =
            referer == settings.origin || referer.starts_with(&format!("{}/", settings.origin));
        return if ok { Ok(()) } else { Err(refused()) };
    }
    Ok(())
}

/// Checks a token sent some other way than a URL-encoded form (a multipart
/// upload): same origin, and the token of this request's binding.
pub fn verify(req: &HttpRequest, sent: &str) -> Result<(), AppError> {
    let settings = req
        .app_data::<web::Data<WebSettings>>()
        .ok_or_else(|| AppError::internal(anyhow::anyhow!("no web settings")))?;
    same_origin(req, settings)?;
    let expected = token_for(req).ok_or_else(refused)?;
    if secret::same(sent, &expected) {
        Ok(())
    } else {
        Err(refused())
    }
}

/// Checks the token of a URL-encoded body read some other way than [`Form`]
/// (a form with repeated fields, such as checkboxes).
pub fn verify_form(req: &HttpRequest, body: &[u8]) -> Result<(), AppError> {
    let sent = url::form_urlencoded::parse(body)
        .find(|(k, _)| k == "_csrf")
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default();
    verify(req, &sent)
}

#[derive(Deserialize)]
struct TokenField {
    #[serde(rename = "_csrf", default)]
    csrf: String,
}

/// A URL-encoded form whose CSRF token and origin have been checked.
#[derive(Debug)]
pub struct Form<T>(pub T);

impl<T: DeserializeOwned + 'static> FromRequest for Form<T> {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, AppError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let req = req.clone();
        let body = web::Bytes::from_request(&req, payload);
        Box::pin(async move {
            let settings = req
                .app_data::<web::Data<WebSettings>>()
                .cloned()
                .ok_or_else(|| AppError::internal(anyhow::anyhow!("no web settings")))?;
            same_origin(&req, &settings)?;
            let body = body.await.map_err(|e| {
                let status = e.as_response_error().status_code();
                AppError::new(ErrorKind::from_status(status))
            })?;
            let sent: TokenField = serde_urlencoded::from_bytes(&body).map_err(|_| refused())?;
            let expected = token_for(&req).ok_or_else(refused)?;
            if !secret::same(&sent.csrf, &expected) {
                return Err(refused());
            }
            serde_urlencoded::from_bytes(&body)
                .map(Form)
                .map_err(|e| AppError {
                    source: Some(anyhow::anyhow!("form did not parse: {e}")),
                    ..AppError::bad_request(Message::new("form-error-malformed"))
                })
        })
    }
}
