//! Open data: a draft's comments as CSV, streamed in keyset batches so a
//! million rows never sit in memory.

use actix_web::http::header;
use actix_web::{HttpResponse, web};
use chrono::NaiveDateTime;
use serde::Deserialize;

use crate::db::Db;
use crate::domain::comment::Category;
use crate::domain::draft::vietnam;
use crate::error::AppResult;
use crate::export::csv::CsvChunk;
use crate::i18n::Lang;
use crate::mail::Postman;
use crate::models::comment::status;
use crate::models::{Comment, CommentFilter};
use crate::views::comment::author;

use super::comments::public_page;

/// Rows fetched per query while streaming.
const BATCH: i64 = 2_000;

/// The filters of the list page, so the file matches what was on screen.
#[derive(Debug, Default, Deserialize)]
pub struct ExportQuery {
    #[serde(default)]
    anchor: String,
    #[serde(default)]
    category: String,
}

/// The translation keys of the columns, in order.
const COLUMNS: [&str; 14] = [
    "export-col-id",
    "export-col-published-at",
    "export-col-status",
    "export-col-late",
    "export-col-category",
    "export-col-author",
    "export-col-organisation",
    "export-col-on-behalf-of",
    "export-col-provision",
    "export-col-question",
    "export-col-body",
    "export-col-sha256",
    "export-col-hidden-reason",
    "export-col-link",
];

/// A moment in Vietnam time, ISO 8601 with its offset.
fn iso(t: NaiveDateTime) -> String {
    // RFC 3339 written directly: a format string is parsed again on every call.
    t.and_utc()
        .with_timezone(&vietnam())
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

/// One comment as a CSV row: its text only while published; a hidden one
/// keeps the moderator's reason, a withdrawn one only the fact.
fn row(
    lang: Lang,
    comment: &Comment,
    names: &std::collections::HashMap<i64, String>,
    link: &str,
) -> [String; 14] {
    let published = comment.status == status::PUBLISHED;
    let category: Category = comment.category.parse().unwrap_or(Category::Other);
    let reason = match (&comment.hidden_reason_code, &comment.hidden_reason_text) {
        (Some(code), Some(text)) if !text.is_empty() => format!("{code}: {text}"),
        (Some(code), _) => code.clone(),
        _ => String::new(),
    };
    [
        comment.public_id.clone(),
        comment.published_at.map(iso).unwrap_or_default(),
        comment.status.clone(),
        if comment.late { "1" } else { "0" }.to_string(),
        category.as_str().to_string(),
        author(lang, comment, names),
        comment.organisation_name.clone().unwrap_or_default(),
        comment.on_behalf_of.clone(),
        comment.anchor.clone().unwrap_or_default(),
        comment
            .question_position
            .map(|q| q.to_string())
            .unwrap_or_default(),
        if published {
            comment.body.clone()
        } else {
            String::new()
        },
        comment.body_sha256.clone(),
        reason,
        link.to_string(),
    ]
}

/// Where the stream is: the last id sent, and whether the header is still due.
struct Cursor {
    after: Option<i64>,
    first: bool,
}

/// `GET /drafts/{slug}/comments.csv`: every public comment of the list with
/// the same filters, oldest first — the rows that count (published, hidden)
/// are exactly the list's total.
pub async fn comments_csv(
    db: Db,
    lang: Lang,
    postman: web::Data<Postman>,
    path: web::Path<String>,
    query: web::Query<ExportQuery>,
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
    let draft_id = page.draft.id;
    let base = postman.link("/comments/");
    let stream = futures_util::stream::unfold(
        Some(Cursor {
            after: None,
            first: true,
        }),
        move |cursor| {
            let (db, filter, base) = (db.clone(), filter.clone(), base.clone());
            async move {
                let cursor = cursor?;
                let after = cursor.after;
                let batch = db
                    .run(move |c| {
                        let list = Comment::after(c, draft_id, &filter, after, BATCH)?;
                        let names = Comment::consented_names(c, &list)?;
                        Ok((list, names))
                    })
                    .await;
                let (list, names) = match batch {
                    Ok(batch) => batch,
                    Err(e) => {
                        tracing::error!(error = ?e, "comment export stopped");
                        return Some((Err(std::io::Error::other("export failed")), None));
                    }
                };
                if list.is_empty() && !cursor.first {
                    return None;
                }
                let mut chunk = CsvChunk::new(cursor.first);
                let mut written = if cursor.first {
                    let headers: Vec<String> = COLUMNS.iter().map(|k| lang.text(k)).collect();
                    chunk.row(headers.iter().map(String::as_str))
                } else {
                    Ok(())
                };
                for comment in &list {
                    let cells = row(
                        lang,
                        comment,
                        &names,
                        &format!("{base}{}", comment.public_id),
                    );
                    written = written.and_then(|()| chunk.row(cells.iter().map(String::as_str)));
                }
                let bytes = written.and_then(|()| chunk.into_bytes());
                let next = (list.len() as i64 == BATCH).then(|| Cursor {
                    after: list.last().map(|c| c.id),
                    first: false,
                });
                Some((
                    bytes.map(web::Bytes::from).map_err(std::io::Error::other),
                    next,
                ))
            }
        },
    );
    Ok(HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, "text/csv; charset=utf-8"))
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{}-gop-y.csv\"", page.draft.slug),
        ))
        .insert_header((header::CACHE_CONTROL, "no-cache"))
        .streaming(stream))
}
