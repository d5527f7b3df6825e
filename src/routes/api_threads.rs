//! The threads part of the JSON API: list with the page's filters, one
//! thread with its replies and history, and opening one with a token (the
//! same validation as the form).

use actix_web::{HttpRequest, HttpResponse, web};
use serde::{Deserialize, Serialize};

use super::threads::{ListQuery, ThreadForm, answer_days, today, validate};
use crate::auth::ApiUser;
use crate::db::Db;
use crate::domain::thread::ThreadKind;
use crate::error::{AppError, AppResult, ErrorKind, Message};
use crate::i18n::Lang;
use crate::models::thread::PER_PAGE;
use crate::models::{Agency, DialogueSession, Draft, Thread, ThreadPage};
use crate::views::thread::{ThreadItem, ThreadView};

/// A page of threads; pass `next` as `before` for the following page.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ThreadList {
    pub threads: Vec<ThreadItem>,
    pub next: Option<i64>,
}

#[utoipa::path(get, path = "/api/v1/threads", tag = "threads", operation_id = "listThreads",
    summary = "Dialogue threads and feedback, newest first, 20 a page",
    params(("agency" = Option<String>, Query, description = "The addressed agency's public id"),
        ("state" = Option<String>, Query, description = "open, answered or closed"),
        ("kind" = Option<String>, Query, description = "draft, feedback or question"),
        ("field" = Option<String>, Query, description = "The field, exactly"),
        ("overdue" = Option<String>, Query, description = "Any value: only open threads past their due day"),
        ("q" = Option<String>, Query, description = "Words to find, with or without diacritics"),
        ("draft" = Option<String>, Query, description = "A draft's slug: the threads on it"),
        ("before" = Option<i64>, Query, description = "The `next` of the previous page")),
    responses((status = 200, description = "A page of threads", body = ThreadList)))]
pub async fn index(db: Db, query: web::Query<ListQuery>) -> AppResult<HttpResponse> {
    let query = query.into_inner();
    let rows = db
        .run(move |c| {
            let agencies = Agency::list(c)?;
            let filter = query.filter(c, &agencies)?;
            Thread::list(c, &filter, query.before, PER_PAGE + 1)
        })
        .await?;
    let today = today();
    let next = (rows.len() as i64 > PER_PAGE).then(|| rows[PER_PAGE as usize - 1].id);
    Ok(HttpResponse::Ok().json(ThreadList {
        threads: rows
            .iter()
            .take(PER_PAGE as usize)
            .map(|r| ThreadItem::new(r, today, None))
            .collect(),
        next,
    }))
}

#[utoipa::path(get, path = "/api/v1/threads/{id}", tag = "threads", operation_id = "getThread",
    summary = "A thread with its replies (nested one level) and its history",
    params(("id" = String, Path, description = "The thread's public id")),
    responses((status = 200, description = "The thread", body = ThreadView),
        (status = 404, description = "No such thread", body = crate::views::api_schema::ErrorBody)))]
pub async fn show(db: Db, lang: Lang, path: web::Path<String>) -> AppResult<HttpResponse> {
    let public_id = path.into_inner();
    let page = db.run(move |c| ThreadPage::load(c, &public_id)).await?;
    Ok(HttpResponse::Ok().json(ThreadView::new(&page, lang, today())))
}

/// What `POST /api/v1/threads` takes. `agency` is needed for feedback;
/// `draft` (a slug) for a thread on a draft; `session` for a question.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct ApiThread {
    kind: String,
    #[serde(default)]
    agency: String,
    #[serde(default)]
    draft: String,
    #[serde(default)]
    session: String,
    title: String,
    body: String,
    #[serde(default)]
    regulation: String,
    #[serde(default)]
    proposal: String,
    #[serde(default)]
    provisions: String,
    #[serde(default)]
    field: String,
    #[serde(default)]
    tags: String,
    #[serde(default)]
    full_name: String,
    #[serde(default)]
    address: String,
    #[serde(default)]
    phone: String,
}

#[utoipa::path(post, path = "/api/v1/threads", tag = "threads", operation_id = "createThread",
    summary = "Open a thread or send a feedback as the token's user", security(("token" = [])),
    request_body = ApiThread,
    responses((status = 201, description = "Opened", body = ThreadView),
        (status = 401, description = "No valid token", body = crate::views::api_schema::ErrorBody),
        (status = 404, description = "No such draft or session", body = crate::views::api_schema::ErrorBody),
        (status = 409, description = "The draft no longer takes threads", body = crate::views::api_schema::ErrorBody),
        (status = 422, description = "Invalid input; the message says why", body = crate::views::api_schema::ErrorBody)))]
pub async fn create(
    req: HttpRequest,
    db: Db,
    lang: Lang,
    ApiUser(user): ApiUser,
    body: web::Json<ApiThread>,
) -> AppResult<HttpResponse> {
    let body = body.into_inner();
    let kind = body
        .kind
        .parse::<ThreadKind>()
        .map_err(|e| AppError::new(ErrorKind::UnprocessableEntity).with_message(e.message))?;
    let form = ThreadForm {
        kind: kind.as_str().into(),
        draft: body.draft,
        session: body.session,
        agency: body.agency,
        title: body.title,
        body: body.body,
        regulation: body.regulation,
        proposal: body.proposal,
        provisions: body.provisions,
        field: body.field,
        tags: body.tags,
        full_name: body.full_name,
        address: body.address,
        phone: body.phone,
    };
    let draft = form.draft.clone();
    let session = form.session.clone();
    let (draft, session, agencies) = db
        .run(move |c| {
            Ok((
                (kind == ThreadKind::Draft)
                    .then(|| Draft::by_slug(c, &draft))
                    .transpose()?,
                (kind == ThreadKind::Question)
                    .then(|| DialogueSession::find(c, &session))
                    .transpose()?,
                Agency::list(c)?,
            ))
        })
        .await?;
    let ctx = super::threads::Context::checked(kind, draft, session, agencies)?;
    let days = answer_days(&req);
    let (new, _) =
        validate(lang, &ctx, &form, &user, (today(), days), (Vec::new(), 0)).map_err(|errors| {
            let details = errors
                .fields
                .iter()
                .map(|(field, text)| format!("{field}: {text}"))
                .collect::<Vec<_>>()
                .join(" ");
            AppError::new(ErrorKind::UnprocessableEntity)
                .with_message(Message::new("api-error-invalid").arg("details", details))
        })?;
    super::threads::within_thread_limit(&db, user.id).await?;
    let page = db
        .write(move |c| {
            let thread = new.insert(c)?;
            ThreadPage::load(c, &thread.public_id)
        })
        .await?;
    Ok(HttpResponse::Created().json(ThreadView::new(&page, lang, today())))
}
