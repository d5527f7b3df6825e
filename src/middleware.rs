//! Middleware of every response: security headers, the request id header and
//! the language cookie.

use std::time::Duration;

use actix_web::body::MessageBody;
use actix_web::cookie::{Cookie, SameSite};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::middleware::{DefaultHeaders, Next};
use actix_web::{HttpMessage, web};
use tracing_actix_web::RequestId;

use crate::i18n::{LANG_COOKIE, Lang};

/// Content Security Policy: only our own scripts, styles and images; no framing.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; img-src 'self' data:; \
style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'self'; \
form-action 'self'; frame-ancestors 'none'";

/// Settings the web layer needs from the configuration.
#[derive(Debug, Clone)]
pub struct WebSettings {
    /// Served over https: cookies get `Secure` and responses HSTS.
    pub https: bool,
    /// `scheme://host[:port]` of the public address, for Origin checks.
    pub origin: String,
    /// The public address, for links in e-mails.
    pub base_url: String,
    /// Whether comments are rate-limited (see [`crate::config::Config::comment_limits`]).
    pub comment_limits: bool,
    /// Days an agency has to answer a thread (see [`crate::config::Config::thread_answer_days`]).
    pub thread_answer_days: u32,
}

impl WebSettings {
    /// Derives the settings from the public address.
    pub fn new(base_url: &url::Url) -> Self {
        WebSettings {
            https: base_url.scheme() == "https",
            origin: base_url.origin().ascii_serialization(),
            base_url: base_url.as_str().trim_end_matches('/').to_string(),
            comment_limits: true,
            thread_answer_days: crate::domain::thread::DEFAULT_ANSWER_DAYS,
        }
    }

    /// An absolute link to `path` (which starts with `/`).
    pub fn link(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }
}

/// Headers added to every response that doesn't set them itself.
pub fn security_headers(settings: &WebSettings) -> DefaultHeaders {
    let headers = DefaultHeaders::new()
        .add(("Content-Security-Policy", CONTENT_SECURITY_POLICY))
        .add(("X-Content-Type-Options", "nosniff"))
        .add(("X-Frame-Options", "DENY"))
        .add(("Referrer-Policy", "same-origin"))
        .add(("Cross-Origin-Opener-Policy", "same-origin"))
        .add((
            "Permissions-Policy",
            "camera=(), microphone=(), geolocation=(), interest-cohort=()",
        ));
    if settings.https {
        headers.add(("Strict-Transport-Security", "max-age=31536000"))
    } else {
        headers
    }
}

/// Adds `X-Request-Id` (the id also in the logs and on 500 pages) and, when
/// the query says `?lang=…`, remembers the language in a cookie for a year.
pub async fn request_context(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let request_id = req.extensions().get::<RequestId>().map(|id| id.to_string());
    let switch = Lang::from_query(req.request());
    let https = req
        .app_data::<web::Data<WebSettings>>()
        .is_some_and(|s| s.https);
    let mut res = next.call(req).await?;
    let visitor = res
        .request()
        .extensions()
        .get::<crate::auth::csrf::NewVisitorBinding>()
        .cloned();
    if let Some(binding) = visitor {
        res.response_mut()
            .add_cookie(&crate::auth::csrf::visitor_cookie(&binding.0, https))?;
    }
    if let Some(id) = request_id.and_then(|id| HeaderValue::from_str(&id).ok()) {
        res.headers_mut()
            .insert(HeaderName::from_static("x-request-id"), id);
    }
    if let Some(lang) = switch {
        let cookie = Cookie::build(LANG_COOKIE, lang.code())
            .path("/")
            .max_age(
                Duration::from_secs(365 * 24 * 3600)
                    .try_into()
                    .expect("fits"),
            )
            .same_site(SameSite::Lax)
            .http_only(true)
            .secure(https)
            .finish();
        res.response_mut().add_cookie(&cookie)?;
    }
    Ok(res)
}
