//! `GET /search` and `GET /api/v1/search`: drafts, provisions and published
//! comments by words, ignoring diacritics and case ("dat dai" finds "Đất đai").

use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::db::Db;
use crate::error::AppResult;
use crate::i18n::Lang;
use crate::models::{CommentHit, Hit, Search};
use crate::views::Page;
use crate::views::draft::label;

/// The most results shown.
const LIMIT: i64 = 50;

#[derive(Debug, Deserialize)]
pub struct SearchQuery {
    #[serde(default)]
    q: String,
}

#[derive(Serialize)]
struct HitView {
    href: String,
    draft_title: String,
    label: Option<String>,
    title: String,
    excerpt: String,
}

#[derive(Serialize)]
struct CommentHitView {
    href: String,
    draft_title: String,
    excerpt: String,
}

#[derive(Serialize)]
struct SearchView {
    q: String,
    searched: bool,
    count: usize,
    hits: Vec<HitView>,
    comment_count: usize,
    comments: Vec<CommentHitView>,
}

fn excerpt(body: &str) -> String {
    let flat = body.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() > 240 {
        format!("{}…", flat.chars().take(240).collect::<String>())
    } else {
        flat
    }
}

fn href(hit: &Hit) -> String {
    match &hit.anchor {
        Some(anchor) => format!("/drafts/{}/provisions/{anchor}", hit.slug),
        None => format!("/drafts/{}", hit.slug),
    }
}

/// The drafts and provisions found, and the comments.
async fn find(db: &Db, q: &str) -> AppResult<(Vec<Hit>, Vec<CommentHit>)> {
    let q = q.to_string();
    db.run(move |c| {
        Ok((
            Search::find(c, &q, LIMIT)?,
            Search::find_comments(c, &q, LIMIT)?,
        ))
    })
    .await
}

fn comment_href(hit: &CommentHit) -> String {
    format!("/comments/{}", hit.public_id)
}

/// The search page.
pub async fn page(db: Db, lang: Lang, query: web::Query<SearchQuery>) -> AppResult<Page> {
    let q = query.q.trim().to_string();
    let (hits, comments) = find(&db, &q).await?;
    let comments: Vec<CommentHitView> = comments
        .iter()
        .map(|h| CommentHitView {
            href: comment_href(h),
            draft_title: h.draft_title.clone(),
            excerpt: excerpt(&h.body),
        })
        .collect();
    let hits: Vec<HitView> = hits
        .iter()
        .map(|h| HitView {
            href: href(h),
            draft_title: h.draft_title.clone(),
            label: h.anchor.as_ref().map(|_| label(lang, &h.kind, &h.number)),
            title: h.title.clone(),
            excerpt: excerpt(&h.body),
        })
        .collect();
    Ok(Page::render(
        "search/show",
        lang,
        SearchView {
            searched: !q.is_empty(),
            q,
            count: hits.len(),
            hits,
            comment_count: comments.len(),
            comments,
        },
    ))
}

/// The same search as JSON.
#[utoipa::path(get, path = "/api/v1/search", tag = "drafts", operation_id = "search",
    summary = "Search drafts, provisions and published comments (diacritics ignored)",
    params(("q" = String, Query, description = "Words that must all match")),
    responses((status = 200, description = "Hits", body = crate::views::api_schema::SearchResults)))]
pub async fn api(db: Db, query: web::Query<SearchQuery>) -> AppResult<HttpResponse> {
    let (hits, comments) = find(&db, query.q.trim()).await?;
    let comments: Vec<_> = comments
        .iter()
        .map(|h| {
            json!({
                "id": h.public_id,
                "draft": h.slug,
                "draft_title": h.draft_title,
                "anchor": h.anchor,
                "text": h.body,
                "url": comment_href(h),
            })
        })
        .collect();
    let results: Vec<_> = hits
        .iter()
        .map(|h| {
            json!({
                "draft": h.slug,
                "draft_title": h.draft_title,
                "anchor": h.anchor,
                "kind": h.kind,
                "number": h.number,
                "title": h.title,
                "text": h.body,
                "url": href(h),
            })
        })
        .collect();
    Ok(HttpResponse::Ok()
        .json(json!({"query": query.q.trim(), "results": results, "comments": comments})))
}
