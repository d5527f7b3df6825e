//! Browser sessions: a random id in an HttpOnly cookie, its hash in the
//! `sessions` table. Loaded once per request by [`load`]; extractors read the
//! result from the request's extensions.

use actix_web::body::MessageBody;
use actix_web::cookie::{Cookie, SameSite};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::{HttpMessage, web};

use super::extract::AuthUser;
use super::secret;
use crate::db::Db;
use crate::middleware::WebSettings;
use crate::models::Session;

/// Name of the session cookie.
pub const COOKIE: &str = "gopy_session";

/// What the request's session cookie resolved to.
#[derive(Debug, Clone, Default)]
pub struct SessionState {
    /// The signed-in user, if the cookie names a live session.
    pub user: Option<AuthUser>,
    /// The cookie's value when it names a live session.
    pub token: Option<String>,
}

/// Resolves the session cookie (one query, only when the cookie is present)
/// and clears a cookie that names no live session.
pub async fn load(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody + 'static>, actix_web::Error> {
    let cookie = req.cookie(COOKIE).map(|c| c.value().to_string());
    let mut stale = false;
    if let Some(token) = cookie {
        let db = req.app_data::<web::Data<Db>>().map(|d| d.get_ref().clone());
        if let Some(db) = db {
            let hash = secret::digest(&token);
            let user = match db.run(move |c| Session::user(c, &hash)).await {
                Ok(user) => user,
                Err(e) => {
                    let response = actix_web::HttpResponse::from_error(e);
                    return Ok(req.into_response(response).map_into_right_body());
                }
            };
            stale = user.is_none();
            req.extensions_mut().insert(SessionState {
                token: user.as_ref().map(|_| token),
                user: user.map(AuthUser::from),
            });
        }
    }
    let https = req
        .app_data::<web::Data<WebSettings>>()
        .is_some_and(|s| s.https);
    let mut res = next.call(req).await?;
    if stale
        && !res
            .headers()
            .contains_key(actix_web::http::header::SET_COOKIE)
    {
        res.response_mut()
            .add_removal_cookie(&cookie_for("", https))?;
    }
    Ok(res.map_into_left_body())
}

/// The session cookie carrying `token`.
pub fn cookie_for(token: &str, https: bool) -> Cookie<'static> {
    Cookie::build(COOKIE, token.to_string())
        .path("/")
        .http_only(true)
        .secure(https)
        .same_site(SameSite::Lax)
        .max_age(actix_web::cookie::time::Duration::days(
            Session::LIFETIME.num_days(),
        ))
        .finish()
}
