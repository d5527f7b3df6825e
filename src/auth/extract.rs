//! Authorization as extractors: a handler that needs a drafter takes a
//! [`Drafter`] argument and can't be reached by anyone else; the agency it may
//! act for is `drafter.agency_id` and nothing else.

use std::future::{Ready, ready};
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpMessage, HttpRequest, web};

use super::secret;
use super::session::SessionState;
use crate::db::Db;
use crate::domain::Role;
use crate::error::{AppError, ErrorKind, Message};
use crate::models::{ApiToken, User};

/// The signed-in person, as handlers see them.
#[derive(Debug, Clone, serde::Serialize)]
pub struct AuthUser {
    pub id: i64,
    pub public_id: String,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub agency_id: Option<i64>,
    pub lang: String,
}

impl From<User> for AuthUser {
    fn from(user: User) -> Self {
        AuthUser {
            role: user.role(),
            id: user.id,
            public_id: user.public_id,
            email: user.email,
            display_name: user.display_name,
            agency_id: user.agency_id,
            lang: user.lang,
        }
    }
}

/// The session of this request (empty for visitors).
pub fn session_of(req: &HttpRequest) -> SessionState {
    req.extensions()
        .get::<SessionState>()
        .cloned()
        .unwrap_or_default()
}

/// Anyone: `Some` when signed in.
#[derive(Debug, Clone)]
pub struct CurrentUser(pub Option<AuthUser>);

impl FromRequest for CurrentUser {
    type Error = AppError;
    type Future = Ready<Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(Ok(CurrentUser(session_of(req).user)))
    }
}

/// A signed-in user of any role; visitors are sent to the sign-in page.
#[derive(Debug, Clone)]
pub struct SignedIn(pub AuthUser);

impl FromRequest for SignedIn {
    type Error = AppError;
    type Future = Ready<Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(
            session_of(req)
                .user
                .map(SignedIn)
                .ok_or_else(|| AppError::new(ErrorKind::Unauthorized)),
        )
    }
}

fn signed_in_with(req: &HttpRequest, allowed: impl Fn(Role) -> bool) -> Result<AuthUser, AppError> {
    let user = session_of(req)
        .user
        .ok_or_else(|| AppError::new(ErrorKind::Unauthorized))?;
    if allowed(user.role) {
        Ok(user)
    } else {
        Err(AppError::forbidden())
    }
}

/// Declares an extractor for staff of one role, bound to their agency.
macro_rules! agency_role {
    ($(#[$doc:meta])* $name:ident, $role:path) => {
        $(#[$doc])*
        #[derive(Debug, Clone)]
        pub struct $name {
            pub user: AuthUser,
            /// The only agency this person may act for.
            pub agency_id: i64,
        }

        impl FromRequest for $name {
            type Error = AppError;
            type Future = Ready<Result<Self, AppError>>;

            fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
                ready(signed_in_with(req, |r| r == $role).and_then(|user| {
                    let agency_id = user.agency_id.ok_or_else(AppError::forbidden)?;
                    Ok($name { user, agency_id })
                }))
            }
        }
    };
}

agency_role!(
    /// A drafter (cán bộ soạn thảo) of a drafting agency.
    Drafter,
    Role::Drafter
);
agency_role!(
    /// An appraiser of the justice department (Sở Tư pháp).
    Appraiser,
    Role::Appraiser
);
agency_role!(
    /// A moderator.
    Moderator,
    Role::Moderator
);

/// Any staff member who belongs to an agency (drafter, appraiser, moderator,
/// or an admin assigned to one).
#[derive(Debug, Clone)]
pub struct Staff {
    pub user: AuthUser,
    /// The only agency this person may act for.
    pub agency_id: i64,
}

impl FromRequest for Staff {
    type Error = AppError;
    type Future = Ready<Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(signed_in_with(req, Role::is_staff).and_then(|user| {
            let agency_id = user.agency_id.ok_or_else(AppError::forbidden)?;
            Ok(Staff { user, agency_id })
        }))
    }
}

/// An administrator.
#[derive(Debug, Clone)]
pub struct Admin(pub AuthUser);

impl FromRequest for Admin {
    type Error = AppError;
    type Future = Ready<Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(signed_in_with(req, |r| r == Role::Admin).map(Admin))
    }
}

/// The user behind `Authorization: Bearer <token>`, for the JSON API. The
/// token acts with its user's role, no more.
#[derive(Debug, Clone)]
pub struct ApiUser(pub AuthUser);

impl FromRequest for ApiUser {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, AppError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let token = req
            .headers()
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(|t| t.trim().to_string());
        let db = req.app_data::<web::Data<Db>>().map(|d| d.get_ref().clone());
        Box::pin(async move {
            let unauthorized =
                |key| AppError::new(ErrorKind::Unauthorized).with_message(Message::new(key));
            let token = token
                .filter(|t| !t.is_empty())
                .ok_or_else(|| unauthorized("api-error-token-missing"))?;
            let db = db.ok_or_else(|| AppError::internal(anyhow::anyhow!("no database")))?;
            let hash = secret::digest(&token);
            db.run(move |c| ApiToken::user(c, &hash))
                .await?
                .map(|u| ApiUser(u.into()))
                .ok_or_else(|| unauthorized("api-error-token-invalid"))
        })
    }
}

/// Extracts `A` and, only once `A` has succeeded, `B` from the body. Actix
/// polls a handler's extractors together, so a body that fails to parse could
/// answer before an asynchronous permission check: with `Then(check, body)`
/// the refusal always comes first and an outsider learns nothing from how
/// their form would have been judged.
pub struct Then<A, B>(pub A, pub B);

impl<A, B> FromRequest for Then<A, B>
where
    A: FromRequest + 'static,
    A::Error: Into<actix_web::Error>,
    B: FromRequest + 'static,
    B::Error: Into<actix_web::Error>,
{
    type Error = actix_web::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self, actix_web::Error>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let req = req.clone();
        let mut body = payload.take();
        Box::pin(async move {
            let first = A::from_request(&req, &mut Payload::None)
                .await
                .map_err(Into::into)?;
            let second = B::from_request(&req, &mut body).await.map_err(Into::into)?;
            Ok(Then(first, second))
        })
    }
}
