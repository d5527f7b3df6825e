//! Files sent with a comment: the multipart form that carries them, the
//! checks (at most five, PDF/DOCX/ODT/PNG/JPEG by content, within the size
//! limit), and serving them.

use std::future::Future;
use std::pin::Pin;

use actix_multipart::MultipartError;
use actix_multipart::form::bytes::Bytes as FileBytes;
use actix_multipart::form::text::Text;
use actix_multipart::form::{MultipartForm, MultipartFormConfig};
use actix_web::dev::Payload;
use actix_web::error::PayloadError;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest, HttpResponse, web};

use crate::auth::{CurrentUser, Form, csrf};
use crate::db::Db;
use crate::error::{AppError, AppResult, ErrorKind, Message};
use crate::i18n::Lang;
use crate::import::{FileKind, sniff};
use crate::models::comment::status;
use crate::models::{Attachment, Comment, MAX_ATTACHMENTS, NewAttachment};
use crate::storage::Storage;
use crate::views::form::FormErrors;

use super::comments::CommentForm;
use super::threads::ThreadForm;

/// What the comment form sends when it is multipart (it always is from the
/// browser, for the file field).
#[derive(Debug, MultipartForm)]
pub struct CommentUpload {
    #[multipart(rename = "_csrf")]
    csrf: Text<String>,
    anchor: Option<Text<String>>,
    question: Option<Text<String>>,
    body: Option<Text<String>>,
    category: Option<Text<String>>,
    organisation_name: Option<Text<String>>,
    organisation_reg_no: Option<Text<String>>,
    on_behalf_of: Option<Text<String>>,
    name: Option<Text<String>>,
    email: Option<Text<String>>,
    consent_processing: Option<Text<String>>,
    show_name: Option<Text<String>>,
    website: Option<Text<String>>,
    attachments: Vec<FileBytes>,
}

fn text(field: Option<Text<String>>) -> String {
    field.map(|t| t.0).unwrap_or_default()
}

/// A file as sent: the name it had on the sender's machine and its bytes.
#[derive(Debug)]
pub struct Upload {
    pub name: String,
    pub bytes: web::Bytes,
}

/// The comment form, URL-encoded (no files) or multipart, its CSRF token checked.
pub struct CommentSubmission(pub CommentForm, pub Vec<Upload>);

impl FromRequest for CommentSubmission {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, AppError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let req = req.clone();
        if !is_multipart(&req) {
            let form = Form::<CommentForm>::from_request(&req, payload);
            return Box::pin(async move { Ok(CommentSubmission(form.await?.0, Vec::new())) });
        }
        let upload = MultipartForm::<CommentUpload>::from_request(&req, payload);
        let limit = upload_limit(&req);
        Box::pin(async move {
            let MultipartForm(up) = upload.await.map_err(|e| upload_failed(e, limit))?;
            csrf::verify(&req, &up.csrf.0)?;
            let files = uploads(up.attachments);
            let form = CommentForm {
                anchor: text(up.anchor),
                question: text(up.question),
                body: text(up.body),
                category: text(up.category),
                organisation_name: text(up.organisation_name),
                organisation_reg_no: text(up.organisation_reg_no),
                on_behalf_of: text(up.on_behalf_of),
                name: text(up.name),
                email: text(up.email),
                consent_processing: up.consent_processing.map(|t| t.0),
                show_name: up.show_name.map(|t| t.0),
                website: text(up.website),
            };
            Ok(CommentSubmission(form, files))
        })
    }
}

/// The files of a multipart form; a file field left empty still sends a
/// nameless, empty part, which is no file.
fn uploads(parts: Vec<FileBytes>) -> Vec<Upload> {
    parts
        .into_iter()
        .filter(|f| !f.data.is_empty())
        .map(|f| Upload {
            name: f.file_name.unwrap_or_default(),
            bytes: f.data,
        })
        .collect()
}

/// A multipart form that could not be read: 413 over the limit, else 400.
fn upload_failed(e: actix_web::Error, limit: usize) -> AppError {
    let status = e.as_response_error().status_code();
    AppError {
        source: Some(anyhow::anyhow!("upload: {e}")),
        ..AppError::new(ErrorKind::from_status(status)).with_message(upload_error(status, limit))
    }
}

/// What the thread form sends when it is multipart.
#[derive(Debug, MultipartForm)]
pub struct ThreadUpload {
    #[multipart(rename = "_csrf")]
    csrf: Text<String>,
    kind: Option<Text<String>>,
    draft: Option<Text<String>>,
    session: Option<Text<String>>,
    agency: Option<Text<String>>,
    title: Option<Text<String>>,
    body: Option<Text<String>>,
    regulation: Option<Text<String>>,
    proposal: Option<Text<String>>,
    provisions: Option<Text<String>>,
    field: Option<Text<String>>,
    tags: Option<Text<String>>,
    full_name: Option<Text<String>>,
    address: Option<Text<String>>,
    phone: Option<Text<String>>,
    attachments: Vec<FileBytes>,
}

/// The thread form, URL-encoded (no files) or multipart, its CSRF token checked.
pub struct ThreadSubmission(pub ThreadForm, pub Vec<Upload>);

impl FromRequest for ThreadSubmission {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, AppError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let req = req.clone();
        if !is_multipart(&req) {
            let form = Form::<ThreadForm>::from_request(&req, payload);
            return Box::pin(async move { Ok(ThreadSubmission(form.await?.0, Vec::new())) });
        }
        let upload = MultipartForm::<ThreadUpload>::from_request(&req, payload);
        let limit = upload_limit(&req);
        Box::pin(async move {
            let MultipartForm(up) = upload.await.map_err(|e| upload_failed(e, limit))?;
            csrf::verify(&req, &up.csrf.0)?;
            let form = ThreadForm {
                kind: text(up.kind),
                draft: text(up.draft),
                session: text(up.session),
                agency: text(up.agency),
                title: text(up.title),
                body: text(up.body),
                regulation: text(up.regulation),
                proposal: text(up.proposal),
                provisions: text(up.provisions),
                field: text(up.field),
                tags: text(up.tags),
                full_name: text(up.full_name),
                address: text(up.address),
                phone: text(up.phone),
            };
            Ok(ThreadSubmission(form, uploads(up.attachments)))
        })
    }
}

fn is_multipart(req: &HttpRequest) -> bool {
    req.headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"))
}

/// The largest upload the file store takes.
pub fn upload_limit(req: &HttpRequest) -> usize {
    req.app_data::<web::Data<Storage>>()
        .map(|s| s.limit)
        .unwrap_or_default()
}

fn upload_error(status: actix_web::http::StatusCode, limit: usize) -> Message {
    if status == actix_web::http::StatusCode::PAYLOAD_TOO_LARGE {
        Message::new("attachment-error-total-too-large").arg("mb", limit / (1024 * 1024))
    } else {
        Message::new("form-error-malformed")
    }
}

/// The multipart limits for forms with files: `limit` bytes of files plus
/// room for the text fields.
/// An upload over the limit is answered 413, not 400.
pub fn multipart_config(limit: usize) -> MultipartFormConfig {
    MultipartFormConfig::default()
        .total_limit(limit + 1024 * 1024)
        .memory_limit(limit + 1024 * 1024)
        .error_handler(|err, _| {
            if too_large(&err) {
                actix_web::error::ErrorPayloadTooLarge(err)
            } else {
                err.into()
            }
        })
}

fn too_large(err: &MultipartError) -> bool {
    match err {
        MultipartError::Payload(PayloadError::Overflow) => true,
        MultipartError::Field { source, .. } => {
            source.as_error::<MultipartError>().is_some_and(too_large)
        }
        _ => false,
    }
}

/// A file that passed the checks.
#[derive(Debug)]
pub struct Checked {
    kind: FileKind,
    name: String,
    bytes: web::Bytes,
}

/// Checks the files sent with a comment, adding an error under
/// `attachments` for the first problem found.
pub fn check(
    lang: Lang,
    files: Vec<Upload>,
    limit: usize,
    errors: &mut FormErrors,
) -> Vec<Checked> {
    if files.len() > MAX_ATTACHMENTS {
        errors.add_message(
            lang,
            "attachments",
            Message::new("attachment-error-count").arg("max", MAX_ATTACHMENTS),
        );
        return Vec::new();
    }
    let total: usize = files.iter().map(|f| f.bytes.len()).sum();
    if total > limit {
        errors.add_message(
            lang,
            "attachments",
            Message::new("attachment-error-total-too-large").arg("mb", limit / (1024 * 1024)),
        );
        return Vec::new();
    }
    let mut checked = Vec::with_capacity(files.len());
    for file in files {
        match sniff(&file.bytes) {
            Some(kind) => checked.push(Checked {
                kind,
                name: kind.file_name(&file.name, "tep-dinh-kem"),
                bytes: file.bytes,
            }),
            None => {
                errors.add_message(
                    lang,
                    "attachments",
                    Message::new("attachment-error-type").arg("name", file.name),
                );
                return Vec::new();
            }
        }
    }
    checked
}

/// Writes checked files to the store; returns the rows to insert with the comment.
pub async fn save(storage: &Storage, files: Vec<Checked>) -> AppResult<Vec<NewAttachment>> {
    let store = storage.clone();
    web::block(move || {
        files
            .into_iter()
            .map(|f| {
                let sha256 = store.put(&f.bytes)?;
                Ok(NewAttachment {
                    file_name: f.name,
                    content_type: f.kind.content_type(),
                    size_bytes: f.bytes.len() as i64,
                    sha256,
                })
            })
            .collect::<std::io::Result<Vec<_>>>()
    })
    .await
    .map_err(AppError::internal)?
    .map_err(AppError::internal)
}

/// A stored file as a download: its type, a safe name, never shown inline.
pub fn download(bytes: Vec<u8>, file_name: &str, content_type: &str, sha256: &str) -> HttpResponse {
    let encoded: String = url::form_urlencoded::byte_serialize(file_name.as_bytes()).collect();
    HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, content_type.to_string()))
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!(
                "attachment; filename*=UTF-8''{}",
                encoded.replace('+', "%20")
            ),
        ))
        .insert_header(("Content-Security-Policy", "default-src 'none'; sandbox"))
        .insert_header((header::CACHE_CONTROL, "public, max-age=31536000, immutable"))
        .insert_header((header::ETAG, format!("\"{sha256}\"")))
        .body(bytes)
}

/// `GET /comments/{id}/attachments/{n}`: a file of a published comment (its
/// author also sees those of a comment awaiting confirmation or hidden).
pub async fn show(
    db: Db,
    user: CurrentUser,
    storage: web::Data<Storage>,
    path: web::Path<(String, i32)>,
) -> AppResult<HttpResponse> {
    let (public_id, position) = path.into_inner();
    let (comment, attachment) = db
        .run(move |c| {
            let comment = Comment::find(c, &public_id)?;
            let attachment = Attachment::get(c, comment.id, position)?;
            Ok((comment, attachment))
        })
        .await?;
    let author = user
        .0
        .as_ref()
        .is_some_and(|u| comment.user_id == Some(u.id));
    let visible =
        comment.status == status::PUBLISHED || (author && comment.status != status::WITHDRAWN);
    if !visible {
        return Err(AppError::not_found().with_message(Message::new("attachment-error-not-public")));
    }
    let store = storage.get_ref().clone();
    let sha = attachment.sha256.clone();
    let bytes = web::block(move || store.get(&sha))
        .await
        .map_err(AppError::internal)?
        .map_err(|e| {
            AppError::internal(anyhow::anyhow!("attachment {}: {e}", attachment.sha256))
        })?;
    Ok(download(
        bytes,
        &attachment.file_name,
        &attachment.content_type,
        &attachment.sha256,
    ))
}
