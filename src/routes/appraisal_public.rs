//! The appraisal in public: the whole exchange on a page and in the JSON
//! API, and the appraisal report as a download. Nothing exists before an
//! appraisal is recorded (404).

use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};

use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::i18n::Lang;
use crate::storage::Storage;
use crate::views::Page;
use crate::views::appraisal::{ExchangeView, exchange_json};
use crate::views::draft::DraftHeader;

use super::appraisal::{Loaded, header, load_exchanges, public_page};

/// The draft page and its appraisals; 404 while there is none.
async fn load(db: &Db, slug: String) -> AppResult<(crate::models::DraftPage, Loaded)> {
    let page = public_page(db, slug).await?;
    let loaded = load_exchanges(db, page.draft.id).await?;
    if loaded.exchanges.is_empty() {
        return Err(AppError::not_found());
    }
    Ok((page, loaded))
}

#[derive(Serialize)]
struct PublicView {
    draft: DraftHeader,
    exchanges: Vec<ExchangeView>,
}

/// `GET /drafts/{slug}/appraisal`: the appraisal and every answer to its
/// points, challenged ones marked with the appraiser's note; earlier
/// appraisals of the draft below the current one.
pub async fn show(db: Db, lang: Lang, path: web::Path<String>) -> AppResult<Page> {
    let (page, loaded) = load(&db, path.into_inner()).await?;
    Ok(Page::render(
        "appraisal/public",
        lang,
        PublicView {
            exchanges: loaded.views(lang, &page.draft.slug),
            draft: header(lang, &page),
        },
    ))
}

#[derive(Debug, Default, Deserialize)]
pub struct ReportQuery {
    /// An earlier appraisal's id; the current one by default.
    appraisal: Option<String>,
}

/// `GET /drafts/{slug}/appraisal/report`: the appraisal report as stored.
pub async fn report(
    db: Db,
    storage: web::Data<Storage>,
    path: web::Path<String>,
    query: web::Query<ReportQuery>,
) -> AppResult<HttpResponse> {
    let (_, loaded) = load(&db, path.into_inner()).await?;
    let appraisal = match &query.appraisal {
        Some(id) => loaded
            .exchanges
            .iter()
            .find(|e| &e.appraisal.public_id == id),
        None => loaded.exchanges.first(),
    };
    let file = appraisal
        .and_then(|e| e.appraisal.report())
        .ok_or_else(AppError::not_found)?;
    let (store, sha) = (storage.get_ref().clone(), file.sha256.clone());
    let bytes = web::block(move || store.get(&sha))
        .await
        .map_err(AppError::internal)?
        .map_err(|e| {
            AppError::internal(anyhow::anyhow!("appraisal report {}: {e}", file.sha256))
        })?;
    Ok(super::attachments::download(
        bytes,
        &file.file_name,
        &file.content_type,
        &file.sha256,
    ))
}

#[utoipa::path(get, path = "/api/v1/drafts/{slug}/appraisal", tag = "appraisal", operation_id = "getAppraisal",
    summary = "The justice department's appraisals and the answers to their points",
    params(("slug" = String, Path, description = "The draft's slug")),
    responses((status = 200, description = "The appraisals", body = crate::views::api_schema::AppraisalExchange), (status = 404, description = "No such draft, or not public", body = crate::views::api_schema::ErrorBody)))]
/// `GET /api/v1/drafts/{slug}/appraisal`: the current appraisal with its
/// points and each point's answers (challenges included), and the earlier
/// appraisals the same way.
pub async fn api(db: Db, lang: Lang, path: web::Path<String>) -> AppResult<HttpResponse> {
    let (page, loaded) = load(&db, path.into_inner()).await?;
    let views = loaded.views(lang, &page.draft.slug);
    let mut all = views
        .iter()
        .zip(&loaded.exchanges)
        .map(|(view, exchange)| exchange_json(view, exchange));
    let current = all.next();
    Ok(HttpResponse::Ok().json(serde_json::json!({
        "draft": page.draft.slug,
        "status": page.draft.status,
        "appraisal": current,
        "earlier": all.collect::<Vec<_>>(),
    })))
}
