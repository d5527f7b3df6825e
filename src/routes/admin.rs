//! Administration pages: agencies and users. Only for the `Admin` role.

use actix_web::{HttpRequest, HttpResponse, web};
use serde::{Deserialize, Serialize};

use crate::auth::{Admin, CsrfToken, Form};
use crate::db::Db;
use crate::domain::account::clean_text;
use crate::domain::{AgencyKind, Role};
use crate::error::{AppError, AppResult, ErrorKind};
use crate::i18n::Lang;
use crate::models::{Agency, NewAgency, User};
use crate::views::Page;
use crate::views::flash;
use crate::views::form::FormErrors;

#[derive(Serialize)]
struct AgencyRow {
    public_id: String,
    name: String,
    short_name: String,
    kind_key: &'static str,
}

#[derive(Serialize)]
struct Choice {
    value: &'static str,
    label_key: &'static str,
    selected: bool,
}

#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct AgencyForm {
    name: String,
    short_name: String,
    kind: String,
}

#[derive(Serialize)]
struct AgenciesView<'a> {
    csrf: String,
    agencies: Vec<AgencyRow>,
    kinds: Vec<Choice>,
    values: &'a AgencyForm,
    errors: FormErrors,
}

async fn agencies_page(
    db: &Db,
    lang: Lang,
    csrf: CsrfToken,
    values: &AgencyForm,
    errors: FormErrors,
) -> AppResult<Page> {
    let agencies = db.run(Agency::list).await?;
    let status = if errors.is_empty() { 200 } else { 422 };
    Ok(Page::render(
        "admin/agencies",
        lang,
        AgenciesView {
            csrf: csrf.0,
            agencies: agencies
                .into_iter()
                .map(|a| AgencyRow {
                    kind_key: a.kind().label_key(),
                    public_id: a.public_id,
                    name: a.name,
                    short_name: a.short_name,
                })
                .collect(),
            kinds: AgencyKind::ALL
                .into_iter()
                .map(|k| Choice {
                    value: k.as_str(),
                    label_key: k.label_key(),
                    selected: values.kind == k.as_str(),
                })
                .collect(),
            values,
            errors,
        },
    )
    .with_status(actix_web::http::StatusCode::from_u16(status).expect("valid status")))
}

/// `GET /admin/agencies`.
pub async fn agencies(db: Db, lang: Lang, csrf: CsrfToken, _: Admin) -> AppResult<Page> {
    agencies_page(
        &db,
        lang,
        csrf,
        &AgencyForm::default(),
        FormErrors::default(),
    )
    .await
}

/// `POST /admin/agencies`: adds an agency.
pub async fn create_agency(
    req: HttpRequest,
    db: Db,
    lang: Lang,
    csrf: CsrfToken,
    _: Admin,
    Form(form): Form<AgencyForm>,
) -> AppResult<HttpResponse> {
    let mut errors = FormErrors::default();
    let name = clean_text(&form.name);
    let short = clean_text(&form.short_name);
    if name.is_empty() || name.chars().count() > 200 {
        errors.add_key(lang, "name", "form-error-required");
    }
    if short.is_empty() || short.chars().count() > 30 {
        errors.add_key(lang, "short_name", "form-error-required");
    }
    let kind = form.kind.parse::<AgencyKind>().ok();
    if kind.is_none() {
        errors.add_key(lang, "kind", "form-error-choose");
    }
    if let (Some(kind), true) = (kind, errors.is_empty()) {
        let result = db
            .run(move |c| NewAgency::new(&name, &short, kind).insert(c))
            .await;
        match result {
            Ok(_) => {
                return Ok(flash::redirect(
                    "/admin/agencies",
                    Some("flash-agency-created"),
                ));
            }
            Err(e) if e.kind == ErrorKind::Conflict => {
                errors.add_key(lang, "short_name", "form-error-short-name-taken")
            }
            Err(e) => return Err(e),
        }
    }
    Ok(agencies_page(&db, lang, csrf, &form, errors)
        .await?
        .into_response(&req))
}

#[derive(Serialize)]
struct UserRow {
    public_id: String,
    email: String,
    display_name: String,
    role_key: &'static str,
    agency: Option<String>,
    verified: bool,
    disabled: bool,
}

#[derive(Serialize)]
struct UsersView {
    users: Vec<UserRow>,
}

/// `GET /admin/users`.
pub async fn users(db: Db, lang: Lang, _: Admin) -> AppResult<Page> {
    let (users, agencies) = db.run(|c| Ok((User::list(c)?, Agency::list(c)?))).await?;
    let name_of = |id: Option<i64>| {
        id.and_then(|id| agencies.iter().find(|a| a.id == id))
            .map(|a| a.short_name.clone())
    };
    let users = users
        .into_iter()
        .map(|u| UserRow {
            role_key: u.role().label_key(),
            agency: name_of(u.agency_id),
            verified: u.email_verified_at.is_some(),
            disabled: u.disabled_at.is_some(),
            public_id: u.public_id,
            email: u.email,
            display_name: u.display_name,
        })
        .collect();
    Ok(Page::render("admin/users", lang, UsersView { users }))
}

#[derive(Serialize)]
struct AgencyChoice {
    public_id: String,
    name: String,
    selected: bool,
}

#[derive(Serialize)]
struct UserEditView {
    csrf: String,
    public_id: String,
    email: String,
    display_name: String,
    roles: Vec<Choice>,
    agencies: Vec<AgencyChoice>,
    disabled: bool,
    errors: FormErrors,
}

async fn user_edit_page(
    db: &Db,
    lang: Lang,
    csrf: CsrfToken,
    public_id: String,
    errors: FormErrors,
) -> AppResult<Page> {
    let (user, agencies) = db
        .run(move |c| Ok((User::find(c, &public_id)?, Agency::list(c)?)))
        .await?;
    let role = user.role();
    let status = if errors.is_empty() { 200 } else { 422 };
    Ok(Page::render(
        "admin/user_edit",
        lang,
        UserEditView {
            csrf: csrf.0,
            roles: Role::ALL
                .into_iter()
                .map(|r| Choice {
                    value: r.as_str(),
                    label_key: r.label_key(),
                    selected: r == role,
                })
                .collect(),
            agencies: agencies
                .into_iter()
                .map(|a| AgencyChoice {
                    selected: Some(a.id) == user.agency_id,
                    public_id: a.public_id,
                    name: a.name,
                })
                .collect(),
            disabled: user.disabled_at.is_some(),
            public_id: user.public_id,
            email: user.email,
            display_name: user.display_name,
            errors,
        },
    )
    .with_status(actix_web::http::StatusCode::from_u16(status).expect("valid status")))
}

/// `GET /admin/users/{id}`.
pub async fn edit_user(
    db: Db,
    lang: Lang,
    csrf: CsrfToken,
    _: Admin,
    path: web::Path<String>,
) -> AppResult<Page> {
    user_edit_page(&db, lang, csrf, path.into_inner(), FormErrors::default()).await
}

/// What the user form sends.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct UserForm {
    role: String,
    agency: String,
    disabled: Option<String>,
}

/// `POST /admin/users/{id}`: role, agency, disabled. Staff roles need an agency.
pub async fn update_user(
    req: HttpRequest,
    db: Db,
    lang: Lang,
    csrf: CsrfToken,
    Admin(admin): Admin,
    path: web::Path<String>,
    Form(form): Form<UserForm>,
) -> AppResult<HttpResponse> {
    let public_id = path.into_inner();
    let mut errors = FormErrors::default();
    let role = form.role.parse::<Role>().ok();
    if role.is_none() {
        errors.add_key(lang, "role", "form-error-choose");
    }
    let agency =
        if form.agency.is_empty() {
            None
        } else {
            let id = form.agency.clone();
            Some(db.run(move |c| Agency::find(c, &id)).await.map_err(|_| {
                AppError::bad_request(crate::error::Message::new("form-error-choose"))
            })?)
        };
    if role.is_some_and(Role::needs_agency) && agency.is_none() {
        errors.add_key(lang, "agency", "form-error-staff-agency");
    }
    let disabled = form.disabled.is_some();
    let (Some(role), true) = (role, errors.is_empty()) else {
        return Ok(user_edit_page(&db, lang, csrf, public_id, errors)
            .await?
            .into_response(&req));
    };
    let target = public_id.clone();
    let user = db.run(move |c| User::find(c, &target)).await?;
    if user.id == admin.id && (role != Role::Admin || disabled) {
        errors.add_key(lang, "role", "form-error-own-admin");
        return Ok(user_edit_page(&db, lang, csrf, public_id, errors)
            .await?
            .into_response(&req));
    }
    let agency_id = if role.is_staff() {
        agency.map(|a| a.id)
    } else {
        None
    };
    db.run(move |c| {
        User::set_role(c, user.id, role, agency_id, disabled)?;
        if disabled {
            crate::models::Session::delete_all_for(c, user.id, None)?;
        }
        Ok(())
    })
    .await?;
    Ok(flash::redirect(
        &format!("/admin/users/{public_id}"),
        Some("flash-user-saved"),
    ))
}

#[derive(Serialize)]
struct RuleRow {
    id: i64,
    name: String,
    doc_type: String,
    min_days: i32,
    legal_basis: String,
    updated_at: String,
}

#[derive(Serialize)]
struct RulesView {
    csrf: String,
    rules: Vec<RuleRow>,
    errors: FormErrors,
}

async fn rules_page(db: &Db, lang: Lang, csrf: CsrfToken, errors: FormErrors) -> AppResult<Page> {
    let rules = db.run(crate::models::WindowRule::list).await?;
    let status = if errors.is_empty() { 200 } else { 422 };
    let rules = rules
        .iter()
        .map(|r| RuleRow {
            id: r.id,
            name: r.name(lang).to_string(),
            doc_type: r.doc_type.clone(),
            min_days: r.min_days,
            legal_basis: r.legal_basis.clone(),
            updated_at: r.updated_at.format("%Y-%m-%d").to_string(),
        })
        .collect();
    Ok(Page::render(
        "admin/rules",
        lang,
        RulesView {
            csrf: csrf.0,
            rules,
            errors,
        },
    )
    .with_status(actix_web::http::StatusCode::from_u16(status).expect("valid status")))
}

/// `GET /admin/rules`: the minimum consultation window of each document type.
pub async fn rules(db: Db, lang: Lang, csrf: CsrfToken, _: Admin) -> AppResult<Page> {
    rules_page(&db, lang, csrf, FormErrors::default()).await
}

/// What a rule form sends.
#[derive(Debug, Deserialize)]
pub struct RuleForm {
    min_days: String,
    legal_basis: String,
}

/// `POST /admin/rules/{id}`: changes a rule; drafts keep the rule they opened under.
pub async fn update_rule(
    req: HttpRequest,
    db: Db,
    lang: Lang,
    csrf: CsrfToken,
    _: Admin,
    path: web::Path<i64>,
    Form(form): Form<RuleForm>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let mut errors = FormErrors::default();
    let days = form
        .min_days
        .trim()
        .parse::<i32>()
        .ok()
        .filter(|d| (1..=365).contains(d));
    if days.is_none() {
        errors.add_key(lang, "min_days", "form-error-days");
    }
    let basis = clean_text(&form.legal_basis);
    if basis.is_empty() || basis.chars().count() > 500 {
        errors.add_key(lang, "legal_basis", "form-error-required");
    }
    let (Some(days), true) = (days, errors.is_empty()) else {
        return Ok(rules_page(&db, lang, csrf, errors)
            .await?
            .into_response(&req));
    };
    db.run(move |c| {
        crate::models::WindowRule::by_id(c, id)?;
        crate::models::WindowRule::update(c, id, days, &basis)
    })
    .await?;
    Ok(flash::redirect("/admin/rules", Some("flash-rule-saved")))
}
