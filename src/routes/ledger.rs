//! The public ledger: pages to read it, the API to download it, and the
//! comment receipt's link to its entry.

use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};

use crate::db::Db;
use crate::error::{AppError, AppResult, ErrorKind, Message};
use crate::i18n::Lang;
use crate::models::ledger::{Entry, Head};
use crate::views::Page;
use crate::views::comment::vn_time;

/// Entries per page.
const PER_PAGE: i64 = 50;
/// Entries per API page.
const API_PAGE: i64 = 1_000;

#[derive(Debug, Default, Deserialize)]
pub struct LedgerQuery {
    before: Option<i64>,
    #[serde(default)]
    draft: String,
}

#[derive(Serialize)]
struct EntryView {
    seq: i64,
    time: String,
    kind: String,
    subject: String,
    payload: String,
    prev_hash: String,
    hash: String,
}

impl EntryView {
    fn new(entry: &Entry) -> EntryView {
        EntryView {
            seq: entry.seq,
            time: vn_time(entry.created_at),
            kind: entry.kind.clone(),
            subject: entry.subject.clone(),
            payload: entry.payload.clone(),
            prev_hash: entry.prev_hash.clone(),
            hash: entry.hash.clone(),
        }
    }
}

#[derive(Serialize)]
struct ListView {
    entries: Vec<EntryView>,
    head: Head,
    draft: String,
    next: Option<String>,
}

/// The id of the draft named by `slug` (404 if none).
async fn draft_id(db: &Db, slug: &str) -> AppResult<Option<i64>> {
    if slug.is_empty() {
        return Ok(None);
    }
    let slug = slug.to_string();
    let draft = db
        .run(move |c| crate::models::Draft::by_slug(c, &slug))
        .await?;
    Ok(Some(draft.id))
}

/// `GET /ledger?draft=…&before=…`: newest first, keyset pages.
pub async fn index(db: Db, lang: Lang, query: web::Query<LedgerQuery>) -> AppResult<Page> {
    let draft = draft_id(&db, &query.draft).await?;
    let before = query.before;
    let (entries, head) = db
        .run(move |c| {
            Ok((
                Entry::before(c, before, draft, PER_PAGE + 1)?,
                Entry::head(c)?,
            ))
        })
        .await?;
    let next = (entries.len() as i64 > PER_PAGE).then(|| {
        let mut qs = url::form_urlencoded::Serializer::new(String::new());
        if !query.draft.is_empty() {
            qs.append_pair("draft", &query.draft);
        }
        qs.append_pair("before", &entries[PER_PAGE as usize - 1].seq.to_string());
        qs.finish()
    });
    Ok(Page::render(
        "ledger/index",
        lang,
        ListView {
            entries: entries
                .iter()
                .take(PER_PAGE as usize)
                .map(EntryView::new)
                .collect(),
            head,
            draft: query.draft.clone(),
            next,
        },
    ))
}

/// `GET /ledger/{seq}`: one entry, with what it takes to recompute its hash.
pub async fn show(db: Db, lang: Lang, path: web::Path<i64>) -> AppResult<Page> {
    let seq = path.into_inner();
    let entry = db.run(move |c| Entry::get(c, seq)).await?;
    Ok(Page::render(
        "ledger/show",
        lang,
        serde_json::json!({"entry": EntryView::new(&entry)}),
    ))
}

#[derive(Debug, Default, Deserialize)]
pub struct ApiLedgerQuery {
    #[serde(default)]
    after: i64,
    #[serde(default)]
    draft: String,
}

#[utoipa::path(get, path = "/api/v1/ledger", tag = "ledger", operation_id = "listLedger",
    summary = "The hash-chained ledger, oldest first, 1,000 entries a page",
    params(("after" = Option<i64>, Query, description = "Entries after this number (0: from the start)"),
        ("draft" = Option<String>, Query, description = "Only the entries of this draft (slug)")),
    responses((status = 200, description = "A page of entries", body = crate::views::api_schema::LedgerPage), (status = 400, description = "Bad input", body = crate::views::api_schema::ErrorBody), (status = 404, description = "No such draft, or not public", body = crate::views::api_schema::ErrorBody)))]
/// `GET /api/v1/ledger?after=SEQ`: entries oldest first, 1,000 a page, with
/// `next` (no cap: follow it to the head) and the current head.
pub async fn api_index(db: Db, query: web::Query<ApiLedgerQuery>) -> AppResult<HttpResponse> {
    if query.after < 0 {
        return Err(
            AppError::new(ErrorKind::BadRequest).with_message(Message::new("api-error-cursor"))
        );
    }
    let draft = draft_id(&db, &query.draft).await?;
    let after = query.after;
    let (entries, head) = db
        .run(move |c| Ok((Entry::after(c, after, draft, API_PAGE)?, Entry::head(c)?)))
        .await?;
    let next = (entries.len() as i64 == API_PAGE).then(|| entries[entries.len() - 1].seq);
    Ok(HttpResponse::Ok().json(serde_json::json!({
        "entries": entries,
        "next": next,
        "head": head,
    })))
}
