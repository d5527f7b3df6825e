//! The drafts part of the JSON API: read for everyone; create, upload a
//! version, publish and open for a drafter's token (own agency only).

use actix_web::{HttpResponse, web};
use chrono::Utc;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::auth::{ApiUser, AuthUser, Then};
use crate::db::Db;
use crate::domain::Role;
use crate::domain::draft::{DraftStatus, local_date};
use crate::domain::legal_text;
use crate::error::{AppError, AppResult, ErrorKind, Message};
use crate::models::{
    Agency, Draft, DraftPage, NewDraft, ProvisionRow, Version, WindowRule, import,
};
use crate::routes::workspace::check_opening;

/// Drafts per page of `GET /api/v1/drafts`.
const PER_PAGE: i64 = 50;

fn summary(draft: &Draft, agency: Option<&Agency>) -> Value {
    json!({
        "slug": draft.slug,
        "id": draft.public_id,
        "title": draft.title,
        "agency": agency.map(|a| json!({"id": a.public_id, "name": a.name, "short_name": a.short_name})),
        "doc_type": draft.doc_type,
        "field": draft.field,
        "status": draft.status,
        "opens_on": draft.opens_on,
        "closes_on": draft.closes_on,
        "closes_at": draft.closes_at.map(|t| t.and_utc().to_rfc3339()),
        "rule": draft.rule_legal_basis.as_ref().map(|b| json!({"min_days": draft.rule_min_days, "legal_basis": b})),
        "url": format!("/drafts/{}", draft.slug),
    })
}

fn provision(p: &ProvisionRow) -> Value {
    json!({
        "kind": p.kind, "number": p.number, "anchor": p.anchor, "short_anchor": p.short_anchor,
        "parent": p.parent_anchor, "title": p.title, "text": p.body,
    })
}

#[derive(Debug, Deserialize)]
pub struct ListQuery {
    before: Option<i64>,
}

/// `GET /api/v1/drafts`: public drafts, newest first; `next` is the cursor.
#[utoipa::path(get, path = "/api/v1/drafts", tag = "drafts", operation_id = "listDrafts",
    summary = "Public drafts, newest first, 50 a page",
    params(("before" = Option<i64>, Query, description = "The `next` of the previous page")),
    responses((status = 200, description = "A page of drafts", body = crate::views::api_schema::DraftList)))]
pub async fn index(db: Db, query: web::Query<ListQuery>) -> AppResult<HttpResponse> {
    let before = query.before;
    let (drafts, agencies) = db
        .run(move |c| {
            Ok((
                Draft::public_page(
                    c,
                    &crate::models::DraftFilter::default(),
                    before,
                    PER_PAGE + 1,
                )?,
                Agency::list(c)?,
            ))
        })
        .await?;
    let next = (drafts.len() as i64 > PER_PAGE).then(|| drafts[PER_PAGE as usize - 1].id);
    let items: Vec<Value> = drafts
        .iter()
        .take(PER_PAGE as usize)
        .map(|d| summary(d, agencies.iter().find(|a| a.id == d.agency_id)))
        .collect();
    Ok(HttpResponse::Ok().json(json!({"drafts": items, "next": next})))
}

async fn public_page(db: &Db, slug: String, version: Option<i32>) -> AppResult<DraftPage> {
    let page = db
        .run(move |c| DraftPage::load(c, &slug, version, false))
        .await?;
    if page.draft.status() == DraftStatus::Preparing {
        return Err(AppError::not_found());
    }
    Ok(page)
}

fn page_json(page: &DraftPage) -> Value {
    let mut body = summary(&page.draft, Some(&page.agency));
    body["summary"] = json!(page.draft.summary);
    body["affected_groups"] = json!(page.draft.affected_groups);
    body["questions"] = json!(page.questions);
    body["versions"] = json!(page.versions);
    body["version"] = json!(page.version.as_ref().map(|v| v.number));
    body["provisions"] = page.provisions.iter().map(provision).collect();
    body
}

/// `GET /api/v1/drafts/{slug}`: the draft with the provisions of its newest published version.
#[utoipa::path(get, path = "/api/v1/drafts/{slug}", tag = "drafts", operation_id = "getDraft",
    summary = "A draft with the provisions of its newest published version",
    params(("slug" = String, Path, description = "The draft's slug")),
    responses((status = 200, description = "The draft", body = crate::views::api_schema::DraftDetail), (status = 404, description = "No such draft, or not public", body = crate::views::api_schema::ErrorBody)))]
pub async fn show(db: Db, path: web::Path<String>) -> AppResult<HttpResponse> {
    let page = public_page(&db, path.into_inner(), None).await?;
    Ok(HttpResponse::Ok().json(page_json(&page)))
}

/// `GET /api/v1/drafts/{slug}/versions/{n}`.
#[utoipa::path(get, path = "/api/v1/drafts/{slug}/versions/{n}", tag = "drafts", operation_id = "getVersion",
    summary = "A draft with the provisions of one published version",
    params(("slug" = String, Path, description = "The draft's slug"), ("n" = i32, Path, description = "The version number")),
    responses((status = 200, description = "The draft at that version", body = crate::views::api_schema::DraftDetail), (status = 404, description = "No such draft, or not public", body = crate::views::api_schema::ErrorBody)))]
pub async fn version(db: Db, path: web::Path<(String, i32)>) -> AppResult<HttpResponse> {
    let (slug, n) = path.into_inner();
    let page = public_page(&db, slug, Some(n)).await?;
    Ok(HttpResponse::Ok().json(page_json(&page)))
}

/// The agency a token may act for: only a drafter's, and only their own.
fn drafter_agency(user: &AuthUser) -> AppResult<i64> {
    match (user.role, user.agency_id) {
        (Role::Drafter, Some(id)) => Ok(id),
        _ => Err(AppError::forbidden()),
    }
}

/// The token of a drafter, with their agency; refused before the body is read.
pub struct ApiDrafter {
    pub user: AuthUser,
    pub agency_id: i64,
}

impl actix_web::FromRequest for ApiDrafter {
    type Error = AppError;
    type Future = std::pin::Pin<Box<dyn std::future::Future<Output = Result<Self, AppError>>>>;

    fn from_request(
        req: &actix_web::HttpRequest,
        payload: &mut actix_web::dev::Payload,
    ) -> Self::Future {
        let user = ApiUser::from_request(req, payload);
        Box::pin(async move {
            let ApiUser(user) = user.await?;
            let agency_id = drafter_agency(&user)?;
            Ok(ApiDrafter { user, agency_id })
        })
    }
}

/// A drafter's token and the draft named by `{slug}`, which their agency
/// owns; refused before the body is read.
pub struct ApiOwnDraft {
    pub user: AuthUser,
    pub page: DraftPage,
}

impl actix_web::FromRequest for ApiOwnDraft {
    type Error = AppError;
    type Future = std::pin::Pin<Box<dyn std::future::Future<Output = Result<Self, AppError>>>>;

    fn from_request(
        req: &actix_web::HttpRequest,
        payload: &mut actix_web::dev::Payload,
    ) -> Self::Future {
        let drafter = ApiDrafter::from_request(req, payload);
        let slug = req.match_info().get("slug").map(String::from);
        let db = req.app_data::<web::Data<Db>>().map(|d| d.get_ref().clone());
        Box::pin(async move {
            let ApiDrafter { user, agency_id } = drafter.await?;
            let slug = slug.ok_or_else(AppError::not_found)?;
            let db = db.ok_or_else(|| AppError::internal(anyhow::anyhow!("no database")))?;
            let page = own(&db, agency_id, slug).await?;
            Ok(ApiOwnDraft { user, page })
        })
    }
}

fn invalid(message: Message) -> AppError {
    AppError::new(ErrorKind::UnprocessableEntity).with_message(message)
}

/// What `POST /api/v1/drafts` takes.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct NewDraftBody {
    title: Option<String>,
    doc_type: String,
    text: String,
    #[serde(default)]
    field: String,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    affected_groups: String,
    #[serde(default)]
    questions: Vec<String>,
}

/// `POST /api/v1/drafts`: a draft in preparation with version 1 (unpublished).
#[utoipa::path(post, path = "/api/v1/drafts", tag = "drafts", operation_id = "createDraft",
    summary = "Create a draft in preparation from its text (drafters)", security(("token" = [])),
    request_body = NewDraftBody,
    responses((status = 201, description = "Created", body = crate::views::api_schema::DraftCreated), (status = 401, description = "No valid token", body = crate::views::api_schema::ErrorBody), (status = 403, description = "Not allowed for this token", body = crate::views::api_schema::ErrorBody), (status = 422, description = "Invalid input; the message says why", body = crate::views::api_schema::ErrorBody)))]
pub async fn create(
    db: Db,
    Then(ApiDrafter { user, agency_id }, body): Then<ApiDrafter, web::Json<NewDraftBody>>,
) -> AppResult<HttpResponse> {
    // Cleaned as the form cleans them: trimmed, NFC, no NUL, no blank question.
    use crate::domain::account::{clean_text, unix_newlines};
    let body = body.into_inner();
    let text = unix_newlines(&body.text);
    if text.trim().is_empty() {
        return Err(invalid(Message::new("workspace-error-no-text")));
    }
    let document = legal_text::parse(&text);
    let title = body
        .title
        .or(document.metadata.title.clone())
        .unwrap_or_default();
    let title = clean_text(&title);
    if title.is_empty() {
        return Err(invalid(Message::new("form-error-required")));
    }
    let doc_type = body.doc_type.clone();
    db.run(move |c| WindowRule::for_type(c, &doc_type).map(|_| ()))
        .await
        .map_err(|_| invalid(Message::new("form-error-choose")))?;
    let new = NewDraft {
        agency_id,
        title,
        doc_type: body.doc_type,
        field: clean_text(&body.field),
        summary: clean_text(&body.summary),
        affected_groups: clean_text(&body.affected_groups),
        questions: body
            .questions
            .iter()
            .map(|q| clean_text(q))
            .filter(|q| !q.is_empty())
            .collect(),
        created_by: Some(user.id),
    };
    let (draft, version) = db.run(move |c| import(c, &new, &text)).await?;
    Ok(HttpResponse::Created().json(json!({
        "slug": draft.slug,
        "version": version.number,
        "articles": document.articles().len(),
        "url": format!("/workspace/drafts/{}", draft.slug),
    })))
}

/// The draft `slug` of the token's agency (any status).
async fn own(db: &Db, agency_id: i64, slug: String) -> AppResult<DraftPage> {
    let page = db
        .run(move |c| DraftPage::load(c, &slug, None, true))
        .await?;
    if page.draft.agency_id != agency_id {
        return Err(AppError::forbidden());
    }
    Ok(page)
}

/// What `POST /api/v1/drafts/{slug}/versions` takes.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct VersionBody {
    text: String,
}

/// `POST /api/v1/drafts/{slug}/versions`: the next version (unpublished).
#[utoipa::path(post, path = "/api/v1/drafts/{slug}/versions", tag = "drafts", operation_id = "createVersion",
    summary = "Add the next version's text, unpublished (drafters of the agency)", security(("token" = [])),
    params(("slug" = String, Path, description = "The draft's slug")), request_body = VersionBody,
    responses((status = 201, description = "Created", body = crate::views::api_schema::VersionCreated), (status = 401, description = "No valid token", body = crate::views::api_schema::ErrorBody), (status = 403, description = "Not allowed for this token", body = crate::views::api_schema::ErrorBody), (status = 404, description = "No such draft, or not public", body = crate::views::api_schema::ErrorBody), (status = 409, description = "Conflict with the current state", body = crate::views::api_schema::ErrorBody), (status = 422, description = "Invalid input; the message says why", body = crate::views::api_schema::ErrorBody)))]
pub async fn create_version(
    db: Db,
    Then(ApiOwnDraft { page, .. }, body): Then<ApiOwnDraft, web::Json<VersionBody>>,
) -> AppResult<HttpResponse> {
    if page
        .version
        .as_ref()
        .is_some_and(|v| v.published_at.is_none())
    {
        return Err(AppError::new(ErrorKind::Conflict)
            .with_message(Message::new("workspace-error-unpublished-exists")));
    }
    if body.text.trim().is_empty() {
        return Err(invalid(Message::new("workspace-error-no-text")));
    }
    let text = body.into_inner().text;
    let document = legal_text::parse(&text);
    let draft_id = page.draft.id;
    let version = db
        .run(move |c| Version::create(c, draft_id, &text, &document))
        .await?;
    Ok(HttpResponse::Created().json(json!({"version": version.number})))
}

/// `POST /api/v1/drafts/{slug}/versions/{n}/publish`.
#[utoipa::path(post, path = "/api/v1/drafts/{slug}/versions/{n}/publish", tag = "drafts", operation_id = "publishVersion",
    summary = "Publish a version; a published version never changes (drafters of the agency)", security(("token" = [])),
    params(("slug" = String, Path, description = "The draft's slug"), ("n" = i32, Path, description = "The version number")),
    responses((status = 200, description = "Published", body = crate::views::api_schema::VersionPublished), (status = 401, description = "No valid token", body = crate::views::api_schema::ErrorBody), (status = 403, description = "Not allowed for this token", body = crate::views::api_schema::ErrorBody), (status = 404, description = "No such draft, or not public", body = crate::views::api_schema::ErrorBody)))]
pub async fn publish(
    db: Db,
    ApiOwnDraft { page, .. }: ApiOwnDraft,
    path: web::Path<(String, i32)>,
) -> AppResult<HttpResponse> {
    let (_, n) = path.into_inner();
    let draft_id = page.draft.id;
    let version = db.run(move |c| Version::by_number(c, draft_id, n)).await?;
    let newly = db.run(move |c| Version::publish(c, version.id)).await?;
    Ok(HttpResponse::Ok()
        .json(json!({"version": n, "published": true, "already_published": !newly})))
}

/// What `POST /api/v1/drafts/{slug}/open` takes.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct OpenBody {
    opens_on: String,
    closes_on: String,
}

/// `POST /api/v1/drafts/{slug}/open`: as in the workspace; 422 names the rule
/// when the window is too short.
#[utoipa::path(post, path = "/api/v1/drafts/{slug}/open", tag = "drafts", operation_id = "openConsultation",
    summary = "Open the consultation for a window (drafters of the agency)", security(("token" = [])),
    params(("slug" = String, Path, description = "The draft's slug")), request_body = OpenBody,
    responses((status = 200, description = "Open", body = crate::views::api_schema::Opened), (status = 401, description = "No valid token", body = crate::views::api_schema::ErrorBody), (status = 403, description = "Not allowed for this token", body = crate::views::api_schema::ErrorBody), (status = 404, description = "No such draft, or not public", body = crate::views::api_schema::ErrorBody), (status = 409, description = "Conflict with the current state", body = crate::views::api_schema::ErrorBody), (status = 422, description = "Invalid input; the message says why", body = crate::views::api_schema::ErrorBody)))]
pub async fn open(
    db: Db,
    Then(ApiOwnDraft { user, page }, body): Then<ApiOwnDraft, web::Json<OpenBody>>,
) -> AppResult<HttpResponse> {
    let window = check_opening(
        &page,
        &body.opens_on,
        &body.closes_on,
        local_date(Utc::now()),
    )
    .map_err(|e| invalid(e.message))?;
    let (id, rule, actor) = (page.draft.id, page.rule.clone(), user.id);
    if !db
        .run(move |c| Draft::open_for_comment(c, id, window, &rule, Some(actor)))
        .await?
    {
        return Err(
            AppError::new(ErrorKind::Conflict).with_message(Message::new("workspace-error-status"))
        );
    }
    Ok(HttpResponse::Ok().json(json!({
        "status": "open",
        "opens_on": window.opens_on,
        "closes_on": window.closes_on,
        "closes_at": window.closes_at().to_rfc3339(),
    })))
}
