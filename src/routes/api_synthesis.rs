//! The synthesis report in the JSON API, once published: the totals and the
//! rows in the report's order, 200 a page; `next` is the cursor (no cap:
//! follow it to the end).

use actix_web::{HttpResponse, web};
use serde::Deserialize;

use super::synthesis::cursor_param;
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::i18n::Lang;
use crate::models::{Comment, Draft, Synthesis};
use crate::views::synthesis::{Count, Places, RowView, TotalsView, cursor_text};

/// Rows per page.
const PER_PAGE: i64 = 200;

#[derive(Debug, Default, Deserialize)]
pub struct ApiReportQuery {
    #[serde(default)]
    after: String,
}

/// `GET /api/v1/drafts/{slug}/synthesis?after=position.id`.
#[utoipa::path(get, path = "/api/v1/drafts/{slug}/synthesis", tag = "synthesis", operation_id = "getSynthesis",
    summary = "The published synthesis report: totals and rows, 200 a page",
    params(("slug" = String, Path, description = "The draft's slug"), ("after" = Option<String>, Query, description = "The `next` of the previous page")),
    responses((status = 200, description = "A page of the report", body = crate::views::api_schema::Synthesis), (status = 400, description = "Bad input", body = crate::views::api_schema::ErrorBody), (status = 404, description = "No such draft, or not public", body = crate::views::api_schema::ErrorBody)))]
pub async fn show(
    db: Db,
    lang: Lang,
    path: web::Path<String>,
    query: web::Query<ApiReportQuery>,
) -> AppResult<HttpResponse> {
    let after = cursor_param(&query.after)?;
    let slug = path.into_inner();
    let draft = db.run(move |c| Draft::by_slug(c, &slug)).await?;
    let Some(published_at) = draft.synthesis_published_at else {
        return Err(AppError::not_found());
    };
    let draft_id = draft.id;
    let (totals, rows, names, versions, rank) = db
        .run(move |c| {
            let rows = Synthesis::rows(c, draft_id, after, PER_PAGE + 1)?;
            let comments: Vec<Comment> = rows.iter().map(|r| r.comment.clone()).collect();
            Ok((
                Synthesis::totals(c, draft_id)?,
                rows,
                Comment::consented_names(c, &comments)?,
                Synthesis::provisions(c, draft_id)?,
                match after {
                    Some(cursor) => Synthesis::rank(c, draft_id, cursor)?,
                    None => 0,
                },
            ))
        })
        .await?;
    let places = Places::new(lang, &versions);
    let next = (rows.len() as i64 > PER_PAGE)
        .then(|| rows.get(PER_PAGE as usize - 1))
        .flatten()
        .map(|r| cursor_text(r.cursor()));
    let rows: Vec<RowView> = rows
        .iter()
        .take(PER_PAGE as usize)
        .enumerate()
        .map(|(i, row)| RowView::new(lang, &places, &names, row, rank + 1 + i as i64))
        .collect();
    let totals = TotalsView::new(lang, &totals);
    Ok(HttpResponse::Ok().json(serde_json::json!({
        "draft": {"slug": draft.slug, "title": draft.title, "status": draft.status},
        "published_at": published_at.and_utc().to_rfc3339(),
        "totals": {
            "comments": totals.counted,
            "hidden": totals.hidden,
            "organisations": totals.organisations,
            "people": totals.people,
            "answered": totals.answered,
            "unanswered": totals.unanswered,
            "by_category": by_key(&totals.by_category),
            "by_decision": by_key(&totals.by_decision),
        },
        "rows": rows,
        "next": next,
    })))
}

/// `{"accepted": 3, …}`.
fn by_key(counts: &[Count]) -> serde_json::Value {
    counts
        .iter()
        .map(|c| (c.key.to_string(), serde_json::Value::from(c.count)))
        .collect::<serde_json::Map<_, _>>()
        .into()
}
