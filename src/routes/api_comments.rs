//! The comments part of the JSON API: list every public comment by cursor,
//! and comment with a token (the same validation and storage as the form).

use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;

use super::comments::{CommentForm, Stored, accepted, public_page, store, validate};
use crate::db::Db;
use crate::domain::comment::Category;
use crate::error::{AppError, AppResult, ErrorKind, Message};
use crate::i18n::Lang;
use crate::models::{Comment, CommentFilter};

/// What `POST /api/v1/drafts/{slug}/comments` takes.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct ApiComment {
    #[serde(default)]
    anchor: String,
    question: Option<i32>,
    body: String,
    category: String,
    #[serde(default)]
    organisation_name: String,
    #[serde(default)]
    organisation_reg_no: String,
    #[serde(default)]
    on_behalf_of: String,
    #[serde(default)]
    consent_processing: bool,
    #[serde(default)]
    show_name: bool,
}

fn comment_json(
    comment: &Comment,
    names: &std::collections::HashMap<i64, String>,
    lang: Lang,
) -> serde_json::Value {
    let visible = comment.status == crate::models::comment::status::PUBLISHED;
    serde_json::json!({
        "id": comment.public_id,
        "anchor": comment.anchor,
        "question": comment.question_position,
        "version": comment.version_number,
        "category": comment.category,
        "author": crate::views::comment::author(lang, comment, names),
        "organisation": comment.organisation_name,
        "on_behalf_of": comment.on_behalf_of,
        "body": visible.then_some(&comment.body),
        "sha256": comment.body_sha256,
        "status": comment.status,
        "late": comment.late,
        "published_at": comment.published_at.map(|t| t.and_utc().to_rfc3339()),
    })
}

/// An answer as the API gives it.
fn response_json(response: &crate::models::Response) -> serde_json::Value {
    let time = |t: Option<chrono::NaiveDateTime>| t.map(|t| t.and_utc().to_rfc3339());
    serde_json::json!({
        "id": response.public_id,
        "decision": response.decision,
        "explanation": response.explanation,
        "version": response.version_number,
        "anchors": response.anchor_list(),
        "group": response.group_id,
        "published_at": time(response.published_at),
        "superseded_at": time(response.superseded_at),
    })
}

/// A comment with its current answer, if any.
fn with_answer(
    mut json: serde_json::Value,
    answer: Option<&crate::models::Response>,
) -> serde_json::Value {
    json["answer"] = answer.map(response_json).unwrap_or(serde_json::Value::Null);
    json
}

/// `GET /api/v1/comments/{id}`: a public comment, every published answer
/// (oldest first, superseded ones marked) and the rebuttal exchange.
#[utoipa::path(get, path = "/api/v1/comments/{id}", tag = "comments", operation_id = "getComment",
    summary = "A public comment with every published answer and the rebuttal",
    params(("id" = String, Path, description = "The comment's public id")),
    responses((status = 200, description = "The comment", body = crate::views::api_schema::CommentDetail), (status = 404, description = "No such draft, or not public", body = crate::views::api_schema::ErrorBody)))]
pub async fn show(db: Db, lang: Lang, path: web::Path<String>) -> AppResult<HttpResponse> {
    let public_id = path.into_inner();
    let (comment, names, answers, rebuttal) = db
        .run(move |c| {
            let comment = Comment::find(c, &public_id)?;
            let names = Comment::consented_names(c, std::slice::from_ref(&comment))?;
            let answers = crate::models::Response::of(c, &[comment.id])?
                .remove(&comment.id)
                .unwrap_or_default();
            let rebuttal = crate::models::Rebuttal::of(c, comment.id)?;
            Ok((comment, names, answers, rebuttal))
        })
        .await?;
    if comment.status == crate::models::comment::status::PENDING {
        return Err(AppError::not_found());
    }
    let published: Vec<_> = answers
        .iter()
        .filter(|r| r.published_at.is_some())
        .collect();
    let mut json = with_answer(
        comment_json(&comment, &names, lang),
        published.iter().find(|r| r.is_current()).copied(),
    );
    json["answers"] = published.iter().map(|r| response_json(r)).collect();
    json["rebuttal"] = match rebuttal {
        Some(r) => serde_json::json!({
            "body": r.body,
            "created_at": r.created_at.and_utc().to_rfc3339(),
            "answer": r.answer,
            "answered_at": r.answered_at.map(|t| t.and_utc().to_rfc3339()),
        }),
        None => serde_json::Value::Null,
    };
    Ok(HttpResponse::Ok().json(json))
}

/// `POST /api/v1/drafts/{slug}/comments` with a token: as the form, for the token's user.
#[utoipa::path(post, path = "/api/v1/drafts/{slug}/comments", tag = "comments", operation_id = "createComment",
    summary = "Comment on an open draft as the token's user", security(("token" = [])),
    params(("slug" = String, Path, description = "The draft's slug")), request_body = ApiComment,
    responses((status = 201, description = "Published", body = crate::views::api_schema::Comment),
        (status = 200, description = "The same comment was just sent: the earlier one", body = crate::views::api_schema::Comment),
        (status = 401, description = "No valid token", body = crate::views::api_schema::ErrorBody), (status = 404, description = "No such draft, or not public", body = crate::views::api_schema::ErrorBody), (status = 422, description = "Invalid input; the message says why", body = crate::views::api_schema::ErrorBody), (status = 429, description = "Too many requests", body = crate::views::api_schema::ErrorBody)))]
pub async fn create(
    req: HttpRequest,
    db: Db,
    lang: Lang,
    crate::auth::ApiUser(user): crate::auth::ApiUser,
    path: web::Path<String>,
    body: web::Json<ApiComment>,
) -> AppResult<HttpResponse> {
    let page = public_page(&db, path.into_inner()).await?;
    let late = accepted(&page)?;
    let body = body.into_inner();
    let form = CommentForm {
        anchor: body.anchor,
        question: body.question.map(|q| q.to_string()).unwrap_or_default(),
        body: body.body,
        category: body.category,
        organisation_name: body.organisation_name,
        organisation_reg_no: body.organisation_reg_no,
        on_behalf_of: body.on_behalf_of,
        consent_processing: body.consent_processing.then(|| "1".to_string()),
        show_name: body.show_name.then(|| "1".to_string()),
        ..CommentForm::default()
    };
    let valid = validate(lang, &page, &form, true, Vec::new(), 0).map_err(|errors| {
        let message = errors
            .fields
            .values()
            .cloned()
            .collect::<Vec<_>>()
            .join(" ");
        AppError::new(ErrorKind::UnprocessableEntity)
            .with_message(Message::new("api-error-invalid").arg("details", message))
    })?;
    let (status, comment) = match store(&req, &db, lang, &page, Some(&user), valid, late).await? {
        Stored::New(c) => (actix_web::http::StatusCode::CREATED, c),
        Stored::Duplicate(c) => (actix_web::http::StatusCode::OK, c),
    };
    let names = db
        .run({
            let c = comment.clone();
            move |conn| Comment::consented_names(conn, std::slice::from_ref(&c))
        })
        .await?;
    Ok(HttpResponse::build(status).json(comment_json(&comment, &names, lang)))
}

#[derive(Debug, Default, Deserialize)]
pub struct ApiListQuery {
    after: Option<i64>,
    #[serde(default)]
    anchor: String,
    #[serde(default)]
    category: String,
}

/// `GET /api/v1/drafts/{slug}/comments?after=…`: every public comment, oldest
/// first, 200 a page; `next` is the cursor (no cap: follow it to the end).
#[utoipa::path(get, path = "/api/v1/drafts/{slug}/comments", tag = "comments", operation_id = "listComments",
    summary = "Every public comment with its current answer, oldest first, 200 a page",
    params(("slug" = String, Path, description = "The draft's slug"),
        ("after" = Option<i64>, Query, description = "The `next` of the previous page"),
        ("anchor" = Option<String>, Query, description = "Only this provision and the provisions inside it"),
        ("category" = Option<String>, Query, description = "Only this author category")),
    responses((status = 200, description = "A page of comments", body = crate::views::api_schema::CommentList), (status = 404, description = "No such draft, or not public", body = crate::views::api_schema::ErrorBody)))]
pub async fn index(
    db: Db,
    lang: Lang,
    path: web::Path<String>,
    query: web::Query<ApiListQuery>,
) -> AppResult<HttpResponse> {
    let page = public_page(&db, path.into_inner()).await?;
    let filter = CommentFilter {
        anchor: Some(query.anchor.clone()).filter(|a| !a.is_empty()),
        category: query
            .category
            .parse::<Category>()
            .ok()
            .map(Category::as_str),
    };
    let (draft_id, after) = (page.draft.id, query.after);
    let (list, names, answers) = db
        .run(move |c| {
            let list = Comment::after(c, draft_id, &filter, after, 201)?;
            let names = Comment::consented_names(c, &list)?;
            let ids: Vec<i64> = list.iter().map(|c| c.id).collect();
            let answers = crate::models::Response::current_of(c, &ids)?;
            Ok((list, names, answers))
        })
        .await?;
    let next = (list.len() > 200).then(|| list[199].id);
    let comments: Vec<_> = list
        .iter()
        .take(200)
        .map(|c| with_answer(comment_json(c, &names, lang), answers.get(&c.id)))
        .collect();
    Ok(HttpResponse::Ok().json(serde_json::json!({"comments": comments, "next": next})))
}
