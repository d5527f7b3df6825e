//! The synthesis report as files, always whole: CSV streamed in keyset
//! batches, and an editable DOCX for the agency head to sign, written batch
//! by batch into a temporary file and then sent. Neither holds the report in
//! memory, so a draft with 100,000 comments costs one batch at a time.

use std::io::{self, Read, Seek};
use std::sync::Arc;

use actix_web::http::header;
use actix_web::{HttpResponse, web};

use super::synthesis::visible_report;
use crate::auth::CurrentUser;
use crate::db::{Db, DbConnection};
use crate::error::{AppError, AppResult};
use crate::export::csv::CsvChunk;
use crate::export::docx::DocxWriter;
use crate::i18n::Lang;
use crate::mail::Postman;
use crate::models::synthesis::Cursor;
use crate::models::{Comment, DraftPage, ReportRow, Synthesis};
use crate::views::synthesis::{Places, RowView, TotalsView};

/// Rows fetched per query while writing a file.
const BATCH: i64 = 2_000;

/// The translation keys of the CSV columns, in order.
const CSV_COLUMNS: [&str; 10] = [
    "synthesis-col-n",
    "synthesis-col-group",
    "synthesis-col-place",
    "synthesis-col-author",
    "synthesis-col-category",
    "synthesis-col-comment",
    "synthesis-col-decision",
    "synthesis-col-explanation",
    "synthesis-col-id",
    "synthesis-col-link",
];

/// The translation keys of the DOCX table's columns, and their widths in
/// twips (the text width of the page is 9071).
const DOCX_COLUMNS: [(&str, u32); 5] = [
    ("synthesis-col-n", 680),
    ("synthesis-col-place", 1500),
    ("synthesis-col-author", 1700),
    ("synthesis-col-comment", 2700),
    ("synthesis-col-answer", 2491),
];

/// One batch of the report with the consented names of its authors.
fn batch(
    conn: &mut DbConnection,
    draft_id: i64,
    after: Option<Cursor>,
) -> diesel::QueryResult<(Vec<ReportRow>, std::collections::HashMap<i64, String>)> {
    let rows = Synthesis::rows(conn, draft_id, after, BATCH)?;
    let comments: Vec<Comment> = rows.iter().map(|r| r.comment.clone()).collect();
    let names = Comment::consented_names(conn, &comments)?;
    Ok((rows, names))
}

/// A file name: the draft's slug, what it is, and whether it is a preview.
fn file_name(page: &DraftPage, preview: bool, extension: &str) -> String {
    let draft = if preview { "-xem-truoc" } else { "" };
    format!(
        "attachment; filename=\"{}-tong-hop-y-kien{draft}.{extension}\"",
        page.draft.slug
    )
}

/// Where the CSV stream is.
struct CsvCursor {
    after: Option<Cursor>,
    /// Rows written so far.
    written: i64,
    first: bool,
}

/// `GET /drafts/{slug}/synthesis.csv`: every row of the report, with the
/// article, the place, the author, the comment, the decision and the
/// explanation in their own columns.
pub async fn csv(
    db: Db,
    lang: Lang,
    user: CurrentUser,
    postman: web::Data<Postman>,
    path: web::Path<String>,
) -> AppResult<HttpResponse> {
    let (page, preview) = visible_report(&db, &user, path.into_inner()).await?;
    let draft_id = page.draft.id;
    let versions = db.run(move |c| Synthesis::provisions(c, draft_id)).await?;
    let places = Arc::new(Places::new(lang, &versions));
    let base = postman.link("/comments/");
    let start = CsvCursor {
        after: None,
        written: 0,
        first: true,
    };
    let stream = futures_util::stream::unfold(Some(start), move |cursor| {
        let (db, places, base) = (db.clone(), places.clone(), base.clone());
        async move {
            let cursor = cursor?;
            let after = cursor.after;
            let (rows, names) = match db.run(move |c| batch(c, draft_id, after)).await {
                Ok(found) => found,
                Err(e) => {
                    tracing::error!(error = ?e, "synthesis export stopped");
                    return Some((Err(io::Error::other("export failed")), None));
                }
            };
            if rows.is_empty() && !cursor.first {
                return None;
            }
            let mut chunk = CsvChunk::new(cursor.first);
            let mut written = if cursor.first {
                let headers: Vec<String> = CSV_COLUMNS.iter().map(|k| lang.text(k)).collect();
                chunk.row(headers.iter().map(String::as_str))
            } else {
                Ok(())
            };
            for (i, row) in rows.iter().enumerate() {
                let view = RowView::new(lang, &places, &names, row, cursor.written + 1 + i as i64);
                let cells = [
                    view.n.to_string(),
                    view.group,
                    view.place,
                    view.author,
                    view.category_label,
                    view.comment,
                    view.decision_label,
                    view.explanation,
                    view.comment_id.clone(),
                    format!("{base}{}", view.comment_id),
                ];
                written = written.and_then(|()| chunk.row(cells.iter().map(String::as_str)));
            }
            let bytes = written.and_then(|()| chunk.into_bytes());
            let next = (rows.len() as i64 == BATCH).then(|| CsvCursor {
                after: rows.last().map(ReportRow::cursor),
                written: cursor.written + rows.len() as i64,
                first: false,
            });
            Some((bytes.map(web::Bytes::from).map_err(io::Error::other), next))
        }
    });
    Ok(HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, "text/csv; charset=utf-8"))
        .insert_header((
            header::CONTENT_DISPOSITION,
            file_name(&page, preview, "csv"),
        ))
        .insert_header((header::CACHE_CONTROL, "no-cache"))
        .streaming(stream))
}

/// What the DOCX says before its table.
struct DocxHead {
    draft_id: i64,
    title: String,
    agency: String,
    window: Option<(String, String)>,
    preview: bool,
}

/// Why a DOCX could not be written.
enum DocxFailure {
    Db(diesel::result::Error),
    Io(io::Error),
}

impl From<diesel::result::Error> for DocxFailure {
    fn from(e: diesel::result::Error) -> Self {
        DocxFailure::Db(e)
    }
}

impl From<io::Error> for DocxFailure {
    fn from(e: io::Error) -> Self {
        DocxFailure::Io(e)
    }
}

/// Writes the report into a temporary file (deleted when dropped), rewound.
fn write_docx(
    conn: &mut DbConnection,
    lang: Lang,
    head: &DocxHead,
) -> Result<std::fs::File, DocxFailure> {
    let arg = |key: &str, args: &[(&'static str, &str)]| {
        lang.text_with(
            key,
            &args
                .iter()
                .map(|(k, v)| ((*k).into(), v.to_string().into()))
                .collect(),
        )
    };
    let totals = TotalsView::new(lang, &Synthesis::totals(conn, head.draft_id)?);
    let places = Places::new(lang, &Synthesis::provisions(conn, head.draft_id)?);
    let mut docx = DocxWriter::new(tempfile::tempfile()?, &head.title)?;
    if head.preview {
        docx.paragraph(&lang.text("synthesis-preview-banner"))?;
    }
    docx.title(&format!(
        "{}\n{}",
        lang.text("synthesis-title"),
        arg("synthesis-title-draft", &[("title", &head.title)])
    ))?;
    docx.paragraph(&arg("synthesis-agency", &[("agency", &head.agency)]))?;
    if let Some((from, to)) = &head.window {
        docx.paragraph(&arg("synthesis-window", &[("from", from), ("to", to)]))?;
    }
    docx.heading(&lang.text("synthesis-docx-overview"), 1)?;
    for sentence in totals.sentences(lang) {
        docx.paragraph(&sentence)?;
    }
    docx.heading(&lang.text("synthesis-docx-details"), 1)?;
    let headers: Vec<String> = DOCX_COLUMNS.iter().map(|(k, _)| lang.text(k)).collect();
    let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
    let widths: Vec<u32> = DOCX_COLUMNS.iter().map(|(_, w)| *w).collect();
    docx.start_table(&headers, &widths)?;
    let (mut after, mut n, mut group) = (None, 0_i64, None::<String>);
    loop {
        let (rows, names) = batch(conn, head.draft_id, after)?;
        for row in &rows {
            n += 1;
            let view = RowView::new(lang, &places, &names, row, n);
            if group.as_deref() != Some(view.group.as_str()) {
                docx.group_row(&view.group)?;
                group = Some(view.group.clone());
            }
            let number = n.to_string();
            let answer = view.answer();
            docx.row(&[&number, &view.place, &view.author, &view.comment, &answer])?;
        }
        if (rows.len() as i64) < BATCH {
            break;
        }
        after = rows.last().map(ReportRow::cursor);
    }
    docx.end_table()?;
    docx.paragraph("")?;
    docx.heading(&lang.text("synthesis-signature-title"), 2)?;
    docx.paragraph(&lang.text("synthesis-signature-hint"))?;
    docx.paragraph("\n\n\n\n")?;
    let mut file = docx.finish()?;
    file.rewind()?;
    Ok(file)
}

/// `GET /drafts/{slug}/synthesis.docx`: the report as an editable Word
/// document — A4, Times New Roman, a real table grouped by article, and a
/// place for the agency head's signature.
pub async fn docx(
    db: Db,
    lang: Lang,
    user: CurrentUser,
    path: web::Path<String>,
) -> AppResult<HttpResponse> {
    let (page, preview) = visible_report(&db, &user, path.into_inner()).await?;
    let head = DocxHead {
        draft_id: page.draft.id,
        title: page.draft.title.clone(),
        agency: page.agency.name.clone(),
        window: page.draft.window().map(|w| {
            (
                w.opens_on.format("%d/%m/%Y").to_string(),
                w.closes_on.format("%d/%m/%Y").to_string(),
            )
        }),
        preview,
    };
    let file = db
        .run(move |c| match write_docx(c, lang, &head) {
            Ok(file) => Ok(Ok(file)),
            Err(DocxFailure::Db(e)) => Err(e),
            Err(DocxFailure::Io(e)) => Ok(Err(e)),
        })
        .await?
        .map_err(AppError::internal)?;
    let length = file.metadata().map_err(AppError::internal)?.len();
    Ok(HttpResponse::Ok()
        .insert_header((
            header::CONTENT_TYPE,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ))
        .insert_header((
            header::CONTENT_DISPOSITION,
            file_name(&page, preview, "docx"),
        ))
        .insert_header((header::CACHE_CONTROL, "no-cache"))
        .no_chunking(length)
        .streaming(file_stream(file)))
}

/// The bytes of `file` in pieces of 64 KiB, read off the async workers.
fn file_stream(
    file: std::fs::File,
) -> impl futures_util::Stream<Item = Result<web::Bytes, io::Error>> {
    futures_util::stream::unfold(Some(file), |file| async move {
        let mut file = file?;
        let read = web::block(move || {
            let mut buffer = vec![0; 64 * 1024];
            let n = file.read(&mut buffer)?;
            buffer.truncate(n);
            Ok::<_, io::Error>((file, buffer))
        })
        .await;
        match read {
            Ok(Ok((_, buffer))) if buffer.is_empty() => None,
            Ok(Ok((file, buffer))) => Some((Ok(web::Bytes::from(buffer)), Some(file))),
            Ok(Err(e)) => Some((Err(e), None)),
            Err(e) => Some((Err(io::Error::other(e.to_string())), None)),
        }
    })
}
