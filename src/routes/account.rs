//! The signed-in person's own pages: profile, password, sessions, API tokens.

use actix_web::{HttpRequest, HttpResponse, web};
use serde::{Deserialize, Serialize};

use crate::auth::secret::{digest, random_token};
use crate::auth::session::{COOKIE, cookie_for};
use crate::auth::{CsrfToken, Form, SignedIn, password};
use crate::db::Db;
use crate::domain::{DisplayName, Password};
use crate::error::{AppError, AppResult};
use crate::i18n::Lang;
use crate::middleware::WebSettings;
use crate::models::{Agency, ApiToken, Session, User, account};
use crate::routes::accounts::EmptyForm;
use crate::views::Page;
use crate::views::flash;
use crate::views::form::FormErrors;

#[derive(Serialize)]
struct TokenItem {
    public_id: String,
    name: String,
    created_at: String,
    last_used_at: Option<String>,
    revoked: bool,
}

#[derive(Serialize)]
struct AccountView {
    csrf: String,
    display_name: String,
    email: String,
    role_key: &'static str,
    agency: Option<String>,
    organisation: Option<String>,
    lang_vi: bool,
    sessions: usize,
    tokens: Vec<TokenItem>,
    new_token: Option<String>,
    errors: FormErrors,
}

fn stamp(t: chrono::NaiveDateTime) -> String {
    t.format("%Y-%m-%d %H:%M UTC").to_string()
}

async fn account_view(
    db: &Db,
    user_id: i64,
    csrf: CsrfToken,
    new_token: Option<String>,
    errors: FormErrors,
) -> AppResult<AccountView> {
    let (user, agency, sessions, tokens) = db
        .run(move |c| {
            let user = User::by_id(c, user_id)?;
            let agency = user.agency_id.map(|id| Agency::by_id(c, id)).transpose()?;
            Ok((
                user,
                agency,
                Session::list_for(c, user_id)?,
                ApiToken::list_for(c, user_id)?,
            ))
        })
        .await?;
    Ok(AccountView {
        csrf: csrf.0,
        role_key: user.role().label_key(),
        display_name: user.display_name,
        email: user.email,
        agency: agency.map(|a| a.name),
        organisation: user.organisation_name,
        lang_vi: user.lang == "vi",
        sessions: sessions.len(),
        tokens: tokens
            .into_iter()
            .map(|t| TokenItem {
                public_id: t.public_id,
                name: t.name,
                created_at: stamp(t.created_at),
                last_used_at: t.last_used_at.map(stamp),
                revoked: t.revoked_at.is_some(),
            })
            .collect(),
        new_token,
        errors,
    })
}

/// `GET /account`.
pub async fn show(
    db: Db,
    lang: Lang,
    csrf: CsrfToken,
    SignedIn(user): SignedIn,
) -> AppResult<Page> {
    let view = account_view(&db, user.id, csrf, None, FormErrors::default()).await?;
    Ok(Page::render("account/show", lang, view))
}

/// What the profile form sends.
#[derive(Debug, Deserialize)]
pub struct ProfileForm {
    display_name: String,
    lang: String,
}

/// `POST /account`: changes the name and the language of e-mails.
pub async fn update(
    req: HttpRequest,
    db: Db,
    lang: Lang,
    csrf: CsrfToken,
    SignedIn(user): SignedIn,
    Form(form): Form<ProfileForm>,
) -> AppResult<HttpResponse> {
    let mut errors = FormErrors::default();
    let name = errors.check(lang, DisplayName::parse(&form.display_name));
    let mail_lang = Lang::from_code(&form.lang).unwrap_or_default();
    let Some(name) = name else {
        let view = account_view(&db, user.id, csrf, None, errors).await?;
        return Ok(Page::render("account/show", lang, view)
            .with_status(actix_web::http::StatusCode::UNPROCESSABLE_ENTITY)
            .into_response(&req));
    };
    db.run(move |c| User::update_profile(c, user.id, &name, mail_lang.code()))
        .await?;
    Ok(flash::redirect("/account", Some("flash-profile-saved")))
}

/// What the password form sends.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PasswordForm {
    current: String,
    password: String,
    password_confirm: String,
}

#[derive(Serialize)]
struct PasswordView {
    csrf: String,
    errors: FormErrors,
    min_password: usize,
}

/// `GET /account/password`.
pub async fn password_form(lang: Lang, csrf: CsrfToken, _: SignedIn) -> Page {
    Page::render(
        "account/password",
        lang,
        PasswordView {
            csrf: csrf.0,
            errors: FormErrors::default(),
            min_password: Password::MIN_CHARS,
        },
    )
}

/// `POST /account/password`: needs the current password; ends the other sessions.
pub async fn change_password(
    req: HttpRequest,
    db: Db,
    lang: Lang,
    csrf: CsrfToken,
    SignedIn(user): SignedIn,
    Form(form): Form<PasswordForm>,
) -> AppResult<HttpResponse> {
    let user_id = user.id;
    let stored = db
        .run(move |c| User::by_id(c, user_id))
        .await?
        .password_hash;
    let current = form.current.clone();
    let current_ok = web::block(move || password::verify(&current, stored.as_deref()))
        .await
        .map_err(AppError::internal)?;
    let mut errors = FormErrors::default();
    if !current_ok {
        errors.add_key(lang, "current", "form-error-current-password");
    }
    let new = errors.check(lang, Password::parse(&form.password));
    if new.is_some() && form.password != form.password_confirm {
        errors.add_key(lang, "password_confirm", "form-error-password-mismatch");
    }
    let Some(new) = new.filter(|_| errors.is_empty()) else {
        return Ok(Page::render(
            "account/password",
            lang,
            PasswordView {
                csrf: csrf.0,
                errors,
                min_password: Password::MIN_CHARS,
            },
        )
        .with_status(actix_web::http::StatusCode::UNPROCESSABLE_ENTITY)
        .into_response(&req));
    };
    let hash = web::block(move || password::hash(&new))
        .await
        .map_err(AppError::internal)?
        .map_err(AppError::internal)?;
    let keep = req.cookie(COOKIE).map(|c| digest(c.value()));
    db.run(move |c| account::change_password(c, user_id, &hash, keep.as_deref()))
        .await?;
    Ok(flash::redirect("/account", Some("flash-password-changed")))
}

/// `POST /account/sessions/end-all`: signs out every browser, this one included.
pub async fn end_all_sessions(
    db: Db,
    settings: web::Data<WebSettings>,
    SignedIn(user): SignedIn,
    _: Form<EmptyForm>,
) -> AppResult<HttpResponse> {
    db.run(move |c| Session::delete_all_for(c, user.id, None))
        .await?;
    let mut response = flash::redirect("/login", Some("flash-signed-out-everywhere"));
    response
        .add_removal_cookie(&cookie_for("", settings.https))
        .map_err(AppError::internal)?;
    Ok(response)
}

/// What the new-token form sends.
#[derive(Debug, Deserialize)]
pub struct TokenForm {
    #[serde(default)]
    name: String,
}

/// `POST /account/tokens`: creates a token and shows it once.
pub async fn create_token(
    req: HttpRequest,
    db: Db,
    lang: Lang,
    csrf: CsrfToken,
    SignedIn(user): SignedIn,
    Form(form): Form<TokenForm>,
) -> AppResult<HttpResponse> {
    let mut errors = FormErrors::default();
    let name = crate::domain::account::clean_text(&form.name);
    if name.is_empty() || name.chars().count() > 100 {
        errors.add_key(lang, "token_name", "form-error-token-name");
        let view = account_view(&db, user.id, csrf, None, errors).await?;
        return Ok(Page::render("account/show", lang, view)
            .with_status(actix_web::http::StatusCode::UNPROCESSABLE_ENTITY)
            .into_response(&req));
    }
    let token = format!("gopy_{}", random_token());
    let hash = digest(&token);
    db.run(move |c| ApiToken::create(c, user.id, &name, &hash))
        .await?;
    let view = account_view(&db, user.id, csrf, Some(token), FormErrors::default()).await?;
    let mut response = Page::render("account/show", lang, view).into_response(&req);
    response.headers_mut().insert(
        actix_web::http::header::CACHE_CONTROL,
        actix_web::http::header::HeaderValue::from_static("no-store"),
    );
    Ok(response)
}

/// `POST /account/tokens/{id}/revoke`: only the owner's own tokens.
pub async fn revoke_token(
    db: Db,
    SignedIn(user): SignedIn,
    path: web::Path<String>,
    _: Form<EmptyForm>,
) -> AppResult<HttpResponse> {
    let public_id = path.into_inner();
    db.run(move |c| ApiToken::revoke(c, user.id, &public_id))
        .await?;
    Ok(flash::redirect("/account", Some("flash-token-revoked")))
}
