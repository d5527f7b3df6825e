//! Recording an appraisal: the form (the version, the conclusion, a summary,
//! the report, up to ten points each on an optional provision), its checks,
//! and storing it, which moves the draft from in appraisal to appraised.

use actix_multipart::form::MultipartForm;
use actix_multipart::form::bytes::Bytes as FileBytes;
use actix_multipart::form::text::Text;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Serialize;

use crate::auth::{Appraiser, CsrfToken, csrf};
use crate::db::Db;
use crate::domain::appraisal::{Conclusion, Findings, MAX_POINTS, POINT_FIELDS, PointRow};
use crate::domain::draft::DraftStatus;
use crate::error::{AppError, AppResult, ErrorKind, Message};
use crate::i18n::Lang;
use crate::models::{DraftPage, NewAppraisal, ProvisionRow, ReportFile, Version};
use crate::storage::Storage;
use crate::views::Page;
use crate::views::appraisal::citation;
use crate::views::flash;
use crate::views::form::FormErrors;

use super::appraisal::{load_shown, show_view};

/// A choice of a radio button or a select.
#[derive(Serialize)]
struct Choice {
    value: String,
    label: String,
    selected: bool,
}

#[derive(Serialize)]
struct ProvisionChoice {
    anchor: String,
    label: String,
    depth: i32,
    selected: bool,
}

#[derive(Serialize)]
struct RowView {
    field: &'static str,
    n: usize,
    body: String,
    provisions: Vec<ProvisionChoice>,
    error: Option<String>,
}

/// The record form as typed (or empty).
pub(super) struct Typed {
    pub version: i32,
    pub conclusion: String,
    pub summary: String,
    pub rows: Vec<PointRow>,
}

/// The record form as the template shows it.
#[derive(Serialize)]
pub(super) struct RecordView {
    version: i32,
    versions: Vec<Choice>,
    conclusions: Vec<Choice>,
    summary: String,
    rows: Vec<RowView>,
    max_mb: usize,
    errors: FormErrors,
}

/// Articles, clauses and points: what a point may cite.
fn citable(p: &ProvisionRow) -> bool {
    matches!(p.kind.as_str(), "article" | "clause" | "point")
}

/// The form for `page` offering the provisions of `outline`, with what was typed.
pub(super) fn record_view(
    lang: Lang,
    page: &DraftPage,
    outline: &[ProvisionRow],
    typed: Typed,
    limit: usize,
    errors: FormErrors,
) -> RecordView {
    let mut rows = typed.rows;
    rows.resize(MAX_POINTS.max(rows.len()), PointRow::default());
    RecordView {
        version: typed.version,
        versions: page
            .versions
            .iter()
            .rev()
            .map(|n| Choice {
                value: n.to_string(),
                label: lang.text_with(
                    "appraisal-version-n",
                    &[("n".into(), n.to_string().into())].into_iter().collect(),
                ),
                selected: *n == typed.version,
            })
            .collect(),
        conclusions: Conclusion::ALL
            .into_iter()
            .map(|c| Choice {
                value: c.as_str().into(),
                label: lang.text(c.label_key()),
                selected: c.as_str() == typed.conclusion,
            })
            .collect(),
        summary: typed.summary,
        rows: rows
            .into_iter()
            .take(MAX_POINTS)
            .zip(POINT_FIELDS)
            .enumerate()
            .map(|(i, (row, field))| RowView {
                field,
                n: i + 1,
                provisions: outline
                    .iter()
                    .filter(|p| citable(p))
                    .map(|p| ProvisionChoice {
                        anchor: p.anchor.clone(),
                        label: citation(lang, p),
                        depth: p.depth,
                        selected: p.anchor == row.anchor,
                    })
                    .collect(),
                error: errors.fields.get(field).cloned(),
                body: row.body,
            })
            .collect(),
        max_mb: limit / (1024 * 1024),
        errors,
    }
}

/// The file store.
pub(super) fn storage_of(req: &HttpRequest) -> AppResult<web::Data<Storage>> {
    req.app_data::<web::Data<Storage>>()
        .cloned()
        .ok_or_else(|| AppError::internal(anyhow::anyhow!("no storage in app data")))
}

/// The provisions of version `number`.
pub(super) async fn outline_of(
    db: &Db,
    draft_id: i64,
    number: i32,
) -> AppResult<Vec<ProvisionRow>> {
    db.run(move |c| {
        let version = Version::by_number(c, draft_id, number)?;
        Version::provisions(c, version.id)
    })
    .await
}

/// What the appraisal form sends (multipart, for the report). The point rows
/// repeat `point` and `provision`, one of each per row, in order.
#[derive(Debug, MultipartForm)]
pub struct RecordForm {
    #[multipart(rename = "_csrf")]
    csrf: Text<String>,
    version: Option<Text<String>>,
    conclusion: Option<Text<String>>,
    summary: Option<Text<String>>,
    point: Vec<Text<String>>,
    provision: Vec<Text<String>>,
    report: Option<FileBytes>,
}

fn text_of(field: &Option<Text<String>>) -> String {
    field.as_ref().map(|t| t.0.clone()).unwrap_or_default()
}

/// The report, checked by content: PDF, DOCX or ODT within the size limit.
/// `None` when no file was chosen.
fn check_report(
    lang: Lang,
    file: Option<&FileBytes>,
    limit: usize,
    errors: &mut FormErrors,
) -> Option<(crate::import::FileKind, String)> {
    let file = file.filter(|f| !f.data.is_empty())?;
    if file.data.len() > limit {
        errors.add_message(
            lang,
            "report",
            Message::new("dossier-error-too-large").arg("mb", limit / (1024 * 1024)),
        );
        return None;
    }
    match crate::import::sniff(&file.data).filter(|k| k.is_document()) {
        Some(kind) => Some((
            kind,
            kind.file_name(
                file.file_name.as_deref().unwrap_or_default(),
                "bao-cao-tham-dinh",
            ),
        )),
        None => {
            errors.add_key(lang, "report", "dossier-error-type");
            None
        }
    }
}

/// `POST /appraisal/drafts/{slug}`: records the appraisal of a draft in
/// appraisal, which becomes appraised. Bad input shows the form again (422)
/// with every problem named and what was typed kept; nothing is stored.
pub async fn record(
    req: HttpRequest,
    db: Db,
    lang: Lang,
    csrf_token: CsrfToken,
    appraiser: Appraiser,
    path: web::Path<String>,
    MultipartForm(form): MultipartForm<RecordForm>,
) -> AppResult<HttpResponse> {
    csrf::verify(&req, &form.csrf.0)?;
    let storage = storage_of(&req)?;
    let shown = load_shown(&db, path.into_inner()).await?;
    let page = &shown.page;
    if page.draft.status() != DraftStatus::InAppraisal {
        return Err(
            AppError::new(ErrorKind::Conflict).with_message(Message::new("appraisal-error-status"))
        );
    }
    let newest = *page.versions.last().ok_or_else(AppError::not_found)?;
    let mut errors = FormErrors::default();
    let chosen = text_of(&form.version).trim().parse::<i32>().ok();
    let version = match chosen.filter(|n| page.versions.contains(n)) {
        Some(n) => n,
        None => {
            errors.add_key(lang, "version", "appraisal-error-version");
            newest
        }
    };
    let outline = outline_of(&db, page.draft.id, version).await?;
    let rows: Vec<PointRow> = (0..form.point.len().max(form.provision.len()))
        .map(|i| PointRow {
            body: form.point.get(i).map(|t| t.0.clone()).unwrap_or_default(),
            anchor: form
                .provision
                .get(i)
                .map(|t| t.0.clone())
                .unwrap_or_default(),
        })
        .collect();
    let findings = Findings::parse(
        &text_of(&form.conclusion),
        &text_of(&form.summary),
        &rows,
        |anchor| outline.iter().any(|p| p.anchor == anchor && citable(p)),
    );
    let findings = match findings {
        Ok(findings) => Some(findings),
        Err(invalid) => {
            invalid.iter().for_each(|e| errors.add(lang, e));
            None
        }
    };
    let report = check_report(lang, form.report.as_ref(), storage.limit, &mut errors);
    let (Some(findings), true) = (findings, errors.is_empty()) else {
        let typed = Typed {
            version,
            conclusion: text_of(&form.conclusion),
            summary: text_of(&form.summary),
            rows,
        };
        let record = record_view(lang, page, &outline, typed, storage.limit, errors);
        return Ok(Page::render(
            "appraisal/show",
            lang,
            show_view(lang, csrf_token, &appraiser, &shown, Some(record), None),
        )
        .with_status(StatusCode::UNPROCESSABLE_ENTITY)
        .into_response(&req));
    };
    let report = match (report, form.report) {
        (Some((kind, file_name)), Some(file)) => {
            let bytes = file.data.to_vec();
            let size = bytes.len() as i64;
            let store = storage.get_ref().clone();
            let sha256 = web::block(move || store.put(&bytes))
                .await
                .map_err(AppError::internal)?
                .map_err(AppError::internal)?;
            Some(ReportFile {
                file_name,
                content_type: kind.content_type().to_string(),
                size,
                sha256,
            })
        }
        _ => None,
    };
    let new = NewAppraisal {
        draft_id: page.draft.id,
        version_number: version,
        findings,
        report,
        appraiser_id: appraiser.user.id,
        agency_id: appraiser.agency_id,
    };
    if db.run(move |c| new.record(c)).await?.is_none() {
        return Err(
            AppError::new(ErrorKind::Conflict).with_message(Message::new("appraisal-error-status"))
        );
    }
    Ok(flash::redirect(
        &format!("/appraisal/drafts/{}", page.draft.slug),
        Some("flash-appraisal-recorded"),
    ))
}
