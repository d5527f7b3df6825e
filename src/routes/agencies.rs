//! Public agency pages, and the agency's own staff editing its description.

use actix_web::{HttpRequest, HttpResponse, web};
use serde::{Deserialize, Serialize};

use crate::auth::{CsrfToken, CurrentUser, Form, Staff};
use crate::db::Db;
use crate::domain::account::clean_text;
use crate::domain::scorecard::ANSWER_DUE_DAYS;
use crate::error::{AppError, AppResult};
use crate::i18n::Lang;
use crate::models::Agency;
use crate::models::scorecard::Scorecard;
use crate::views::Page;
use crate::views::flash;
use crate::views::form::FormErrors;

#[derive(Serialize)]
struct AgencyView {
    public_id: String,
    name: String,
    short_name: String,
    kind_key: &'static str,
    description: String,
    can_edit: bool,
    /// How the agency's answers fall by who commented, over all its drafts.
    indicators: Option<crate::models::indicators::Indicators>,
    scorecard: Scorecard,
    answer_due_days: i64,
}

/// `GET /agencies/{id}`.
pub async fn show(
    db: Db,
    lang: Lang,
    user: CurrentUser,
    path: web::Path<String>,
) -> AppResult<Page> {
    let public_id = path.into_inner();
    let (agency, indicators, scorecard) = db
        .run(move |c| {
            let agency = Agency::find_by_slug(c, &public_id)?;
            let scorecard = Scorecard::of_agency(c, &agency, chrono::Utc::now().naive_utc())?;
            let drafts: Vec<i64> = crate::models::Draft::for_agency(c, agency.id)?
                .iter()
                .map(|d| d.id)
                .collect();
            let indicators = crate::models::indicators::Indicators::of(c, &drafts)?;
            Ok((agency, indicators, scorecard))
        })
        .await?;
    let can_edit = user
        .0
        .is_some_and(|u| u.role.is_staff() && u.agency_id == Some(agency.id));
    Ok(Page::render(
        "agencies/show",
        lang,
        AgencyView {
            kind_key: agency.kind().label_key(),
            public_id: agency.public_id,
            name: agency.name,
            short_name: agency.short_name,
            description: agency.description,
            can_edit,
            indicators: (indicators.answered > 0).then_some(indicators),
            scorecard,
            answer_due_days: ANSWER_DUE_DAYS,
        },
    ))
}

/// The agency `staff` may act for, refusing any other.
async fn own_agency(db: &Db, staff: &Staff, public_id: String) -> AppResult<Agency> {
    let agency = db.run(move |c| Agency::find_by_slug(c, &public_id)).await?;
    if agency.id != staff.agency_id {
        return Err(AppError::forbidden());
    }
    Ok(agency)
}

#[derive(Serialize)]
struct EditView {
    csrf: String,
    public_id: String,
    name: String,
    description: String,
    errors: FormErrors,
}

/// `GET /agencies/{id}/edit`: only the agency's own staff.
pub async fn edit(
    db: Db,
    lang: Lang,
    csrf: CsrfToken,
    staff: Staff,
    path: web::Path<String>,
) -> AppResult<Page> {
    let agency = own_agency(&db, &staff, path.into_inner()).await?;
    Ok(Page::render(
        "agencies/edit",
        lang,
        EditView {
            csrf: csrf.0,
            public_id: agency.public_id,
            name: agency.name,
            description: agency.description,
            errors: FormErrors::default(),
        },
    ))
}

/// What the edit form sends.
#[derive(Debug, Deserialize)]
pub struct EditForm {
    #[serde(default)]
    description: String,
}

/// `POST /agencies/{id}/edit`.
pub async fn update(
    req: HttpRequest,
    db: Db,
    lang: Lang,
    csrf: CsrfToken,
    staff: Staff,
    path: web::Path<String>,
    Form(form): Form<EditForm>,
) -> AppResult<HttpResponse> {
    let agency = own_agency(&db, &staff, path.into_inner()).await?;
    let description = clean_text(&form.description);
    if description.chars().count() > 5000 {
        let mut errors = FormErrors::default();
        errors.add_key(lang, "description", "form-error-too-long");
        let view = EditView {
            csrf: csrf.0,
            public_id: agency.public_id,
            name: agency.name,
            description,
            errors,
        };
        return Ok(Page::render("agencies/edit", lang, view)
            .with_status(actix_web::http::StatusCode::UNPROCESSABLE_ENTITY)
            .into_response(&req));
    }
    let id = staff.agency_id;
    db.run(move |c| Agency::set_description(c, id, &description))
        .await?;
    Ok(flash::redirect(
        &format!("/agencies/{}", agency.public_id),
        Some("flash-agency-saved"),
    ))
}
