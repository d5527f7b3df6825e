//! Registration, e-mail confirmation, sign-in, sign-out and password reset.

use actix_web::{HttpRequest, HttpResponse, web};
use serde::{Deserialize, Serialize};

use crate::auth::secret::{digest, random_token};
use crate::auth::session::{COOKIE, cookie_for};
use crate::auth::{CsrfToken, CurrentUser, Form, password};
use crate::db::Db;
use crate::domain::limits;
use crate::domain::{DisplayName, Email, Organisation, Password, Role};
use crate::error::{AppError, AppResult, ErrorKind};
use crate::i18n::Lang;
use crate::mail::Postman;
use crate::middleware::WebSettings;
use crate::models::{NewUser, RateLimit, Session, TokenPurpose, User, account};
use crate::routes::throttle::{client_ip, within};
use crate::views::Page;
use crate::views::flash::{self, safe_next};
use crate::views::form::FormErrors;

/// Runs argon2 off the async workers.
async fn blocking<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> AppResult<T> {
    web::block(f).await.map_err(AppError::internal)
}

/// A page that just says something, with a way on.
#[derive(Serialize)]
struct Notice {
    title: String,
    message: String,
    link: Option<(&'static str, String)>,
}

fn notice(lang: Lang, title: &str, message: &str, link: Option<(&'static str, &str)>) -> Page {
    Page::render(
        "notice/show",
        lang,
        Notice {
            title: lang.text(title),
            message: lang.text(message),
            link: link.map(|(href, key)| (href, lang.text(key))),
        },
    )
}

// ---------------------------------------------------------------- register

/// What the registration form sends.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct RegisterForm {
    display_name: String,
    email: String,
    #[serde(skip_serializing)]
    password: String,
    #[serde(skip_serializing)]
    password_confirm: String,
    account_type: String,
    organisation_name: String,
    organisation_tax_code: String,
    organisation_sector: String,
}

#[derive(Serialize)]
struct RegisterView<'a> {
    csrf: String,
    values: &'a RegisterForm,
    errors: FormErrors,
    organisation: bool,
    min_password: usize,
}

fn register_page(lang: Lang, csrf: CsrfToken, values: &RegisterForm, errors: FormErrors) -> Page {
    let status = if errors.is_empty() {
        actix_web::http::StatusCode::OK
    } else {
        actix_web::http::StatusCode::UNPROCESSABLE_ENTITY
    };
    Page::render(
        "accounts/register",
        lang,
        RegisterView {
            csrf: csrf.0,
            organisation: values.account_type == "organisation",
            values,
            errors,
            min_password: Password::MIN_CHARS,
        },
    )
    .with_status(status)
}

/// `GET /register`.
pub async fn register_form(
    req: HttpRequest,
    lang: Lang,
    csrf: CsrfToken,
    user: CurrentUser,
) -> HttpResponse {
    if user.0.is_some() {
        return flash::redirect("/account", None);
    }
    register_page(lang, csrf, &RegisterForm::default(), FormErrors::default()).into_response(&req)
}

/// `POST /register`: creates the account and e-mails a confirmation link.
/// An address already registered gets a different e-mail; the page is the same.
pub async fn register(
    req: HttpRequest,
    db: Db,
    lang: Lang,
    csrf: CsrfToken,
    postman: web::Data<Postman>,
    Form(form): Form<RegisterForm>,
) -> AppResult<HttpResponse> {
    let mut errors = FormErrors::default();
    let name = errors.check(lang, DisplayName::parse(&form.display_name));
    let email = errors.check(lang, Email::parse(&form.email));
    let password = errors.check(lang, Password::parse(&form.password));
    if password.is_some() && form.password != form.password_confirm {
        errors.add_key(lang, "password_confirm", "form-error-password-mismatch");
    }
    let organisation = if form.account_type == "organisation" {
        errors.check(
            lang,
            Organisation::parse(
                &form.organisation_name,
                &form.organisation_tax_code,
                &form.organisation_sector,
            ),
        )
    } else {
        None
    };
    let (Some(name), Some(email), Some(password), true) =
        (name, email, password, errors.is_empty())
    else {
        return Ok(register_page(lang, csrf, &form, errors).into_response(&req));
    };
    if !within(
        &db,
        format!("mail:ip:{}", client_ip(&req)),
        limits::MAIL_PER_IP,
    )
    .await?
        || !within(&db, format!("mail:to:{email}"), limits::MAIL_PER_ADDRESS).await?
    {
        return Err(AppError::new(ErrorKind::TooManyRequests));
    }
    let hash = blocking(move || password::hash(&password))
        .await?
        .map_err(AppError::internal)?;
    let role = if organisation.is_some() {
        Role::OrganisationRep
    } else {
        Role::Citizen
    };
    let mut new_user = NewUser::new(&email, &name, role, Some(hash));
    new_user.lang = lang.code().to_string();
    if let Some(org) = organisation {
        new_user = new_user.with_organisation(org);
    }
    let token = random_token();
    let link = postman.link(&format!("/verify-email?token={token}"));
    let data = serde_json::json!({"name": name.as_str(), "link": link, "login": postman.link("/login"), "reset": postman.link("/password/forgot")});
    let verify_mail = postman
        .compose("verify_email", lang, email.as_str(), &data)
        .map_err(AppError::internal)?;
    let existing_mail = postman
        .compose("already_registered", lang, email.as_str(), &data)
        .map_err(AppError::internal)?;
    let token_hash = digest(&token);
    db.run(move |c| account::register(c, &new_user, &token_hash, &verify_mail, &existing_mail))
        .await?;
    postman.wake();
    Ok(flash::redirect("/register/sent", None))
}

/// `GET /register/sent`.
pub async fn register_sent(lang: Lang) -> Page {
    notice(lang, "register-sent-title", "register-sent-body", None)
}

// ---------------------------------------------------------------- confirm

/// The `?token=` of an e-mailed link.
#[derive(Debug, Deserialize)]
pub struct TokenQuery {
    #[serde(default)]
    token: String,
}

/// `GET /verify-email?token=…`: confirms the address.
pub async fn verify_email(db: Db, lang: Lang, query: web::Query<TokenQuery>) -> AppResult<Page> {
    let hash = digest(query.token.trim());
    match db.run(move |c| account::verify_email(c, &hash)).await? {
        Some(_) => Ok(notice(
            lang,
            "verify-done-title",
            "verify-done-body",
            Some(("/login", "nav-login")),
        )),
        None => Ok(notice(
            lang,
            "link-invalid-title",
            "verify-invalid-body",
            Some(("/verify-email/resend", "verify-resend-link")),
        )
        .with_status(actix_web::http::StatusCode::BAD_REQUEST)),
    }
}

/// A form asking only for an address.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct EmailForm {
    email: String,
}

#[derive(Serialize)]
struct EmailFormView<'a> {
    csrf: String,
    values: &'a EmailForm,
    errors: FormErrors,
    title: String,
    intro: String,
    action: &'static str,
}

fn email_page(
    lang: Lang,
    csrf: CsrfToken,
    action: &'static str,
    title: &str,
    intro: &str,
    values: &EmailForm,
    errors: FormErrors,
) -> Page {
    let status = if errors.is_empty() { 200 } else { 422 };
    Page::render(
        "accounts/email_form",
        lang,
        EmailFormView {
            csrf: csrf.0,
            values,
            errors,
            title: lang.text(title),
            intro: lang.text(intro),
            action,
        },
    )
    .with_status(actix_web::http::StatusCode::from_u16(status).expect("valid status"))
}

/// `GET /verify-email/resend`.
pub async fn resend_form(lang: Lang, csrf: CsrfToken) -> Page {
    email_page(
        lang,
        csrf,
        "/verify-email/resend",
        "resend-title",
        "resend-intro",
        &EmailForm::default(),
        FormErrors::default(),
    )
}

/// `GET /password/forgot`.
pub async fn forgot_form(lang: Lang, csrf: CsrfToken) -> Page {
    email_page(
        lang,
        csrf,
        "/password/forgot",
        "forgot-title",
        "forgot-intro",
        &EmailForm::default(),
        FormErrors::default(),
    )
}

async fn send_link(
    req: &HttpRequest,
    db: &Db,
    lang: Lang,
    postman: &Postman,
    email: Email,
    purpose: TokenPurpose,
) -> AppResult<()> {
    if !within(
        db,
        format!("mail:ip:{}", client_ip(req)),
        limits::MAIL_PER_IP,
    )
    .await?
        || !within(db, format!("mail:to:{email}"), limits::MAIL_PER_ADDRESS).await?
    {
        return Err(AppError::new(ErrorKind::TooManyRequests));
    }
    let token = random_token();
    let (template, path) = match purpose {
        TokenPurpose::VerifyEmail => ("verify_email", "/verify-email"),
        TokenPurpose::ResetPassword => ("reset_password", "/password/reset"),
    };
    let data =
        serde_json::json!({"link": postman.link(&format!("{path}?token={token}")), "name": ""});
    let mail = postman
        .compose(template, lang, email.as_str(), &data)
        .map_err(AppError::internal)?;
    let hash = digest(&token);
    if db
        .run(move |c| account::send_link(c, &email, purpose, &hash, &mail))
        .await?
    {
        postman.wake();
    }
    Ok(())
}

/// The two pages that e-mail a link to an address: what differs between them.
struct LinkPage {
    action: &'static str,
    title: &'static str,
    intro: &'static str,
    sent: &'static str,
    purpose: TokenPurpose,
}

/// Sends the link if the address may have one; the answer never says
/// whether the address is known.
async fn request_link(
    req: HttpRequest,
    db: Db,
    lang: Lang,
    csrf: CsrfToken,
    postman: &Postman,
    form: EmailForm,
    page: LinkPage,
) -> AppResult<HttpResponse> {
    let email = match Email::parse(&form.email) {
        Ok(e) => e,
        Err(e) => {
            let mut errors = FormErrors::default();
            errors.add(lang, &e);
            return Ok(email_page(
                lang,
                csrf,
                page.action,
                page.title,
                page.intro,
                &form,
                errors,
            )
            .into_response(&req));
        }
    };
    send_link(&req, &db, lang, postman, email, page.purpose).await?;
    Ok(notice(lang, "register-sent-title", page.sent, None).into_response(&req))
}

/// `POST /verify-email/resend`.
pub async fn resend(
    req: HttpRequest,
    db: Db,
    lang: Lang,
    csrf: CsrfToken,
    postman: web::Data<Postman>,
    Form(form): Form<EmailForm>,
) -> AppResult<HttpResponse> {
    let page = LinkPage {
        action: "/verify-email/resend",
        title: "resend-title",
        intro: "resend-intro",
        sent: "resend-sent-body",
        purpose: TokenPurpose::VerifyEmail,
    };
    request_link(req, db, lang, csrf, &postman, form, page).await
}

/// `POST /password/forgot`.
pub async fn forgot(
    req: HttpRequest,
    db: Db,
    lang: Lang,
    csrf: CsrfToken,
    postman: web::Data<Postman>,
    Form(form): Form<EmailForm>,
) -> AppResult<HttpResponse> {
    let page = LinkPage {
        action: "/password/forgot",
        title: "forgot-title",
        intro: "forgot-intro",
        sent: "forgot-sent-body",
        purpose: TokenPurpose::ResetPassword,
    };
    request_link(req, db, lang, csrf, &postman, form, page).await
}

// ---------------------------------------------------------------- reset

/// What the reset form sends.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ResetForm {
    token: String,
    password: String,
    password_confirm: String,
}

#[derive(Serialize)]
struct ResetView {
    csrf: String,
    token: String,
    errors: FormErrors,
    min_password: usize,
}

/// `GET /password/reset?token=…`: the form, if the link is still good.
pub async fn reset_form(
    db: Db,
    lang: Lang,
    csrf: CsrfToken,
    query: web::Query<TokenQuery>,
) -> AppResult<Page> {
    let token = query.token.trim().to_string();
    let hash = digest(&token);
    let usable = db
        .run(move |c| crate::models::EmailToken::peek(c, &hash, TokenPurpose::ResetPassword))
        .await?;
    if usable.is_none() {
        return Ok(notice(
            lang,
            "link-invalid-title",
            "reset-invalid-body",
            Some(("/password/forgot", "forgot-title")),
        )
        .with_status(actix_web::http::StatusCode::BAD_REQUEST));
    }
    Ok(Page::render(
        "accounts/reset",
        lang,
        ResetView {
            csrf: csrf.0,
            token,
            errors: FormErrors::default(),
            min_password: Password::MIN_CHARS,
        },
    ))
}

/// `POST /password/reset`: sets the password, uses the link up, ends all sessions.
pub async fn reset(
    req: HttpRequest,
    db: Db,
    lang: Lang,
    csrf: CsrfToken,
    Form(form): Form<ResetForm>,
) -> AppResult<HttpResponse> {
    let mut errors = FormErrors::default();
    let password = errors.check(lang, Password::parse(&form.password));
    if password.is_some() && form.password != form.password_confirm {
        errors.add_key(lang, "password_confirm", "form-error-password-mismatch");
    }
    let Some(password) = password.filter(|_| errors.is_empty()) else {
        let view = ResetView {
            csrf: csrf.0,
            token: form.token,
            errors,
            min_password: Password::MIN_CHARS,
        };
        return Ok(Page::render("accounts/reset", lang, view)
            .with_status(actix_web::http::StatusCode::UNPROCESSABLE_ENTITY)
            .into_response(&req));
    };
    let hash = blocking(move || password::hash(&password))
        .await?
        .map_err(AppError::internal)?;
    let token_hash = digest(form.token.trim());
    match db
        .run(move |c| account::reset_password(c, &token_hash, &hash))
        .await?
    {
        Some(_) => Ok(flash::redirect("/login", Some("flash-password-reset"))),
        None => Ok(notice(
            lang,
            "link-invalid-title",
            "reset-invalid-body",
            Some(("/password/forgot", "forgot-title")),
        )
        .with_status(actix_web::http::StatusCode::BAD_REQUEST)
        .into_response(&req)),
    }
}

// ---------------------------------------------------------------- sign in

/// What the sign-in form sends.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct LoginForm {
    email: String,
    #[serde(skip_serializing)]
    password: String,
    next: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct NextQuery {
    next: Option<String>,
}

#[derive(Serialize)]
struct LoginView<'a> {
    csrf: String,
    values: &'a LoginForm,
    error: Option<String>,
    unverified: bool,
}

fn login_page(
    lang: Lang,
    csrf: CsrfToken,
    values: &LoginForm,
    error: Option<&str>,
    unverified: bool,
) -> Page {
    let status = if error.is_some() { 422 } else { 200 };
    Page::render(
        "accounts/login",
        lang,
        LoginView {
            csrf: csrf.0,
            values,
            error: error.map(|k| lang.text(k)),
            unverified,
        },
    )
    .with_status(actix_web::http::StatusCode::from_u16(status).expect("valid status"))
}

/// `GET /login`.
pub async fn login_form(
    req: HttpRequest,
    lang: Lang,
    csrf: CsrfToken,
    user: CurrentUser,
    query: web::Query<NextQuery>,
) -> HttpResponse {
    let next = safe_next(query.next.as_deref());
    if user.0.is_some() {
        return flash::redirect(&next, None);
    }
    let values = LoginForm {
        next,
        ..LoginForm::default()
    };
    login_page(lang, csrf, &values, None, false).into_response(&req)
}

/// `POST /login`. Wrong password and unknown address get the same answer,
/// after the same work; failures count per account and per IP address.
pub async fn login(
    req: HttpRequest,
    db: Db,
    lang: Lang,
    csrf: CsrfToken,
    settings: web::Data<WebSettings>,
    Form(form): Form<LoginForm>,
) -> AppResult<HttpResponse> {
    let email = Email::parse(&form.email).ok();
    let account_bucket = format!("login:account:{}", form.email.trim().to_lowercase());
    let ip_bucket = format!("login:ip:{}", client_ip(&req));
    let (account_hits, ip_hits) = {
        let (a, i) = (account_bucket.clone(), ip_bucket.clone());
        db.run(move |c| {
            Ok((
                RateLimit::count(c, &a, limits::LOGIN_PER_ACCOUNT.window)?,
                RateLimit::count(c, &i, limits::LOGIN_PER_IP.window)?,
            ))
        })
        .await?
    };
    if account_hits >= limits::LOGIN_PER_ACCOUNT.max || ip_hits >= limits::LOGIN_PER_IP.max {
        return Ok(
            login_page(lang, csrf, &form, Some("login-error-too-many"), false)
                .with_status(actix_web::http::StatusCode::TOO_MANY_REQUESTS)
                .into_response(&req),
        );
    }
    let user = match email {
        Some(email) => db.run(move |c| User::find_by_email(c, &email)).await?,
        None => None,
    };
    let candidate = form.password.clone();
    let stored = user.as_ref().and_then(|u| u.password_hash.clone());
    let matches = blocking(move || password::verify(&candidate, stored.as_deref())).await?;
    let user = user.filter(|u| matches && u.disabled_at.is_none());
    let Some(user) = user else {
        db.run(move |c| {
            RateLimit::hit(c, &account_bucket, limits::LOGIN_PER_ACCOUNT.window)?;
            RateLimit::hit(c, &ip_bucket, limits::LOGIN_PER_IP.window)
        })
        .await?;
        return Ok(
            login_page(lang, csrf, &form, Some("login-error-wrong"), false).into_response(&req),
        );
    };
    if user.email_verified_at.is_none() {
        return Ok(
            login_page(lang, csrf, &form, Some("login-error-unverified"), true).into_response(&req),
        );
    }
    let token = random_token();
    let token_hash = digest(&token);
    let agent = req
        .headers()
        .get(actix_web::http::header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let old = req.cookie(COOKIE).map(|c| digest(c.value()));
    db.run(move |c| {
        RateLimit::clear(c, &account_bucket)?;
        if let Some(old) = old {
            Session::delete(c, &old)?;
        }
        Session::create(c, &token_hash, user.id, &agent)
    })
    .await?;
    let mut response = flash::redirect(&safe_next(Some(&form.next)), None);
    response
        .add_cookie(&cookie_for(&token, settings.https))
        .map_err(AppError::internal)?;
    Ok(response)
}

/// A form with nothing but its CSRF token.
#[derive(Debug, Default, Deserialize)]
pub struct EmptyForm {}

/// `POST /logout`: ends this session.
pub async fn logout(
    req: HttpRequest,
    db: Db,
    settings: web::Data<WebSettings>,
    _: Form<EmptyForm>,
) -> AppResult<HttpResponse> {
    if let Some(cookie) = req.cookie(COOKIE) {
        let hash = digest(cookie.value());
        db.run(move |c| Session::delete(c, &hash)).await?;
    }
    let mut response = flash::redirect("/", Some("flash-signed-out"));
    response
        .add_removal_cookie(&cookie_for("", settings.https))
        .map_err(AppError::internal)?;
    Ok(response)
}
