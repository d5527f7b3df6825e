//! Open data: the page that lists the bulk exports and explains their
//! fields, and the exports themselves, streamed in keyset batches so that a
//! file of any size costs one batch of memory.

use actix_web::http::header;
use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};

use crate::db::{Db, DbConnection};
use crate::error::{AppError, AppResult};
use crate::export::open_data::{Dataset, Format, encode};
use crate::i18n::Lang;
use crate::models::open_data as od;
use crate::views::Page;

/// Records fetched per query while streaming.
const BATCH: i64 = 2_000;

/// `?draft=SLUG`: one draft's records only.
#[derive(Debug, Default, Deserialize)]
pub struct DraftQuery {
    #[serde(default)]
    draft: String,
}

#[derive(Serialize)]
struct FieldView {
    name: &'static str,
    meaning: String,
}

#[derive(Serialize)]
struct DatasetView {
    name: &'static str,
    title: String,
    description: String,
    csv: String,
    jsonl: String,
    fields: Vec<FieldView>,
}

/// What a field of `dataset` means, in `lang`.
fn meaning(lang: Lang, dataset: Dataset, field: &str) -> String {
    let keys = dataset.field_keys(field);
    let key = keys.iter().find(|k| lang.has(k)).unwrap_or(&keys[1]);
    lang.text(key)
}

/// The id of the draft the query names, if any (404 for an unknown or
/// unpublished draft).
async fn draft_filter(db: &Db, slug: &str) -> AppResult<Option<i64>> {
    if slug.is_empty() {
        return Ok(None);
    }
    let slug = slug.to_string();
    Ok(Some(db.run(move |c| od::public_draft_id(c, &slug)).await?))
}

/// `GET /open-data`: every dataset with its two files and its fields.
pub async fn index(db: Db, lang: Lang, query: web::Query<DraftQuery>) -> AppResult<Page> {
    draft_filter(&db, &query.draft).await?;
    let suffix = if query.draft.is_empty() {
        String::new()
    } else {
        format!(
            "?{}",
            url::form_urlencoded::Serializer::new(String::new())
                .append_pair("draft", &query.draft)
                .finish()
        )
    };
    let datasets: Vec<DatasetView> = Dataset::ALL
        .into_iter()
        .map(|d| DatasetView {
            name: d.name(),
            title: lang.text(&format!("opendata-dataset-{}", d.name())),
            description: lang.text(&format!("opendata-dataset-{}-about", d.name())),
            csv: format!("/open-data/{}.csv{suffix}", d.name()),
            jsonl: format!("/open-data/{}.jsonl{suffix}", d.name()),
            fields: d
                .fields()
                .into_iter()
                .map(|f| FieldView {
                    name: f,
                    meaning: meaning(lang, d, f),
                })
                .collect(),
        })
        .collect();
    Ok(Page::render(
        "open_data/index",
        lang,
        serde_json::json!({"datasets": datasets, "draft": query.draft}),
    ))
}

/// The next piece of a file: `BATCH` records after `after`, encoded, and the
/// cursor of the piece after it.
fn piece(
    conn: &mut DbConnection,
    dataset: Dataset,
    format: Format,
    draft: Option<i64>,
    after: i64,
    first: bool,
) -> diesel::QueryResult<(Vec<u8>, Option<i64>)> {
    fn encoded<R: Serialize>(
        dataset: Dataset,
        format: Format,
        first: bool,
        batch: od::Batch<R>,
    ) -> diesel::QueryResult<(Vec<u8>, Option<i64>)> {
        let bytes = encode(dataset, format, first, &batch.records)
            .map_err(|e| diesel::result::Error::SerializationError(Box::new(e)))?;
        Ok((bytes, batch.next))
    }
    let (f, d, a) = (format, draft, after);
    match dataset {
        Dataset::Drafts => encoded(dataset, f, first, od::drafts(conn, d, a, BATCH)?),
        Dataset::Provisions => encoded(dataset, f, first, od::provisions(conn, d, a, BATCH)?),
        Dataset::Comments => encoded(dataset, f, first, od::comments(conn, d, a, BATCH)?),
        Dataset::Responses => encoded(dataset, f, first, od::responses(conn, d, a, BATCH)?),
        Dataset::Appraisals => encoded(dataset, f, first, od::appraisals(conn, d, a, BATCH)?),
        Dataset::AppraisalPoints => {
            encoded(dataset, f, first, od::appraisal_points(conn, d, a, BATCH)?)
        }
        Dataset::Ledger => encoded(dataset, f, first, od::ledger(conn, d, a, BATCH)?),
    }
}

/// `GET /open-data/{dataset}.{csv,jsonl}[?draft=SLUG]`: every record, oldest
/// first, with no cap.
pub async fn download(
    db: Db,
    path: web::Path<String>,
    query: web::Query<DraftQuery>,
) -> AppResult<HttpResponse> {
    let file = path.into_inner();
    let (name, extension) = file.rsplit_once('.').ok_or_else(AppError::not_found)?;
    let dataset = Dataset::parse(name).ok_or_else(AppError::not_found)?;
    let format = Format::from_extension(extension).ok_or_else(AppError::not_found)?;
    let draft = draft_filter(&db, &query.draft).await?;
    // The cursor of the next piece; `None` once the file is complete.
    let stream = futures_util::stream::unfold(Some((0_i64, true)), move |state| {
        let db = db.clone();
        async move {
            let (after, first) = state?;
            match db
                .run(move |c| piece(c, dataset, format, draft, after, first))
                .await
            {
                Ok((bytes, next)) => Some((
                    Ok::<_, std::io::Error>(web::Bytes::from(bytes)),
                    next.map(|after| (after, false)),
                )),
                Err(e) => {
                    tracing::error!(error = ?e, dataset = dataset.name(), "open data export stopped");
                    Some((Err(std::io::Error::other("export failed")), None))
                }
            }
        }
    });
    let filename = if query.draft.is_empty() {
        format!("gopy-{}.{}", dataset.name(), format.extension())
    } else {
        format!(
            "gopy-{}-{}.{}",
            dataset.name(),
            query.draft,
            format.extension()
        )
    };
    Ok(HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, format.content_type()))
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{filename}\""),
        ))
        .insert_header((header::CACHE_CONTROL, "no-cache"))
        .streaming(stream))
}
