//! Commenting on a draft, a provision or a question; confirming by e-mail;
//! receipts; the public lists; "My comments".

use actix_web::{HttpRequest, HttpResponse, web};
use chrono::Utc;
use serde::{Deserialize, Serialize};

use crate::auth::secret::{digest, random_token};
use crate::auth::{AuthUser, CsrfToken, CurrentUser, Form, SignedIn};
use crate::db::Db;
use crate::domain::comment::{Category, CommentBody, organisation};
use crate::domain::draft::DraftStatus;
use crate::domain::limits;
use crate::domain::{DisplayName, Email};
use crate::error::{AppError, AppResult, ErrorKind, Message};
use crate::i18n::Lang;
use crate::mail::Postman;
use crate::middleware::WebSettings;
use crate::models::{
    Attachment, Author, Comment, CommentFilter, CommentTiming, Draft, DraftPage, NewComment,
};
use crate::routes::attachments::{self, Checked, CommentSubmission, Upload, upload_limit};
use crate::routes::throttle::{client_ip, within};
use crate::storage::Storage;
use crate::views::Page;
use crate::views::comment::{CommentItem, vn_time};
use crate::views::draft::{DraftHeader, label};
use crate::views::flash;
use crate::views::form::FormErrors;

/// Comments per page.
const PER_PAGE: i64 = 20;

/// Whether a comment arriving now is accepted, and whether it is late.
enum Timing {
    OnTime,
    Late,
    Refused(Message),
}

fn timing(draft: &Draft) -> Timing {
    match draft.comment_timing(Utc::now()) {
        CommentTiming::OnTime => Timing::OnTime,
        CommentTiming::Late => Timing::Late,
        CommentTiming::Closed => match draft.closes_at {
            Some(at) => Timing::Refused(
                Message::new("comment-error-closed")
                    .arg("time", vn_time(at - chrono::Duration::seconds(1))),
            ),
            None => Timing::Refused(Message::new("comment-error-not-open")),
        },
        CommentTiming::NotOpen => Timing::Refused(Message::new("comment-error-not-open")),
    }
}

/// Where a comment points: a provision, a question, or the whole draft.
#[derive(Debug, Default, Deserialize, Serialize)]
pub struct Target {
    #[serde(default)]
    anchor: String,
    #[serde(default)]
    question: String,
}

#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct CommentForm {
    pub(super) anchor: String,
    pub(super) question: String,
    pub(super) body: String,
    pub(super) category: String,
    pub(super) organisation_name: String,
    pub(super) organisation_reg_no: String,
    pub(super) on_behalf_of: String,
    pub(super) name: String,
    pub(super) email: String,
    pub(super) consent_processing: Option<String>,
    pub(super) show_name: Option<String>,
    /// A field people don't see; robots fill it in.
    pub(super) website: String,
}

#[derive(Serialize)]
struct CategoryChoice {
    value: &'static str,
    label_key: &'static str,
    selected: bool,
}

#[derive(Serialize)]
struct FormView<'a> {
    csrf: String,
    draft: DraftHeader,
    target_label: String,
    target_text: Option<String>,
    values: &'a CommentForm,
    categories: Vec<CategoryChoice>,
    signed_in: bool,
    refused: Option<String>,
    late: bool,
    errors: FormErrors,
    max_chars: usize,
    max_files: usize,
    upload_mb: usize,
}

/// The label of a target, and the text it points at.
fn describe(
    lang: Lang,
    page: &DraftPage,
    anchor: &str,
    question: Option<i32>,
) -> Option<(String, Option<String>)> {
    if let Some(q) = question {
        // Questions count from 1; any other number (i32::MIN too) names none.
        let text = page
            .questions
            .get(usize::try_from(q.checked_sub(1)?).ok()?)?;
        return Some((
            lang.text_with(
                "comment-target-question",
                &[("n".into(), q.to_string().into())].into_iter().collect(),
            ),
            Some(text.clone()),
        ));
    }
    if anchor.is_empty() {
        return Some((lang.text("comment-target-draft"), None));
    }
    let p = page.provisions.iter().find(|p| p.anchor == anchor)?;
    let mut label = label(lang, &p.kind, &p.number);
    if let Some(title) = &p.title {
        label = format!("{label} {title}");
    }
    Some((label, Some(p.body.chars().take(400).collect())))
}

fn form_page(
    lang: Lang,
    csrf: CsrfToken,
    upload_limit: usize,
    page: &DraftPage,
    values: &CommentForm,
    signed_in: bool,
    errors: FormErrors,
) -> AppResult<Page> {
    let question = values.question.parse::<i32>().ok();
    // An unknown target (a stale link, a typo) is shown as the whole draft, with the error above.
    let (target_label, target_text) = describe(lang, page, &values.anchor, question)
        .or_else(|| describe(lang, page, "", None))
        .ok_or_else(AppError::not_found)?;
    let (refused, late) = match timing(&page.draft) {
        Timing::OnTime => (None, false),
        Timing::Late => (None, true),
        Timing::Refused(m) => (Some(m.text(lang)), false),
    };
    let status = if errors.is_empty() { 200 } else { 422 };
    Ok(Page::render(
        "comments/new",
        lang,
        FormView {
            csrf: csrf.0,
            draft: DraftHeader::new(
                lang,
                &page.draft,
                &page.agency,
                &page.rule,
                page.questions.clone(),
            ),
            target_label,
            target_text,
            categories: Category::ALL
                .into_iter()
                .map(|c| CategoryChoice {
                    value: c.as_str(),
                    label_key: c.label_key(),
                    selected: values.category == c.as_str(),
                })
                .collect(),
            values,
            signed_in,
            refused,
            late,
            errors,
            max_chars: CommentBody::MAX_CHARS,
            max_files: crate::models::MAX_ATTACHMENTS,
            upload_mb: upload_limit / (1024 * 1024),
        },
    )
    .with_status(actix_web::http::StatusCode::from_u16(status).expect("valid status")))
}

pub(super) async fn public_page(db: &Db, slug: String) -> AppResult<DraftPage> {
    let memo = db.provisions();
    let page = db
        .run(move |c| DraftPage::load_memo(c, &slug, None, false, &memo))
        .await?;
    if page.draft.status() == DraftStatus::Preparing || page.version.is_none() {
        return Err(AppError::not_found());
    }
    Ok(page)
}

/// `GET /drafts/{slug}/comment?anchor=…|question=…`: the form, with the
/// provision or question preselected.
pub async fn new(
    db: Db,
    lang: Lang,
    csrf: CsrfToken,
    user: CurrentUser,
    storage: web::Data<Storage>,
    path: web::Path<String>,
    target: web::Query<Target>,
) -> AppResult<Page> {
    let page = public_page(&db, path.into_inner()).await?;
    let values = CommentForm {
        anchor: target.anchor.clone(),
        question: target.question.clone(),
        category: Category::Individual.as_str().into(),
        ..CommentForm::default()
    };
    form_page(
        lang,
        csrf,
        storage.limit,
        &page,
        &values,
        user.0.is_some(),
        FormErrors::default(),
    )
}

/// A comment that passed validation.
pub(super) struct Valid {
    body: CommentBody,
    category: Category,
    organisation: Option<(String, Option<String>)>,
    on_behalf_of: String,
    anchor: Option<String>,
    question: Option<i32>,
    show_name: bool,
    /// Name and e-mail when there is no account.
    guest: Option<(DisplayName, Email)>,
    files: Vec<Checked>,
}

/// Checks every field, collecting every error (one per field).
pub(super) fn validate(
    lang: Lang,
    page: &DraftPage,
    form: &CommentForm,
    signed_in: bool,
    files: Vec<Upload>,
    limit: usize,
) -> Result<Valid, FormErrors> {
    let mut errors = FormErrors::default();
    let files = attachments::check(lang, files, limit, &mut errors);
    let question = form.question.parse::<i32>().ok();
    if describe(lang, page, &form.anchor, question).is_none() {
        errors.add_key(lang, "anchor", "comment-error-target");
    }
    let body = errors.check(lang, CommentBody::parse(&form.body));
    let category = errors.check(lang, form.category.parse::<Category>());
    let organisation = category
        .and_then(|c| {
            errors.check(
                lang,
                organisation(c, &form.organisation_name, &form.organisation_reg_no),
            )
        })
        .flatten();
    let on_behalf_of = crate::domain::account::clean_text(&form.on_behalf_of);
    if on_behalf_of.chars().count() > 500 {
        errors.add_key(lang, "on_behalf_of", "form-error-too-long");
    }
    if form.consent_processing.is_none() {
        errors.add_key(lang, "consent_processing", "comment-error-consent");
    }
    let guest = if signed_in {
        None
    } else {
        let name = errors.check(
            lang,
            DisplayName::parse(&form.name)
                .map_err(|e| crate::domain::Invalid { field: "name", ..e }),
        );
        let email = errors.check(lang, Email::parse(&form.email));
        name.zip(email)
    };
    match (body, category, errors.is_empty()) {
        (Some(body), Some(category), true) => Ok(Valid {
            body,
            category,
            organisation,
            on_behalf_of,
            anchor: Some(form.anchor.clone()).filter(|a| !a.is_empty()),
            question,
            show_name: form.show_name.is_some(),
            guest,
            files,
        }),
        _ => Err(errors),
    }
}

/// What storing a comment led to.
pub(super) enum Stored {
    New(Comment),
    /// The same text by the same person within a minute: the earlier comment.
    Duplicate(Comment),
}

/// Applies the rate limits, recognises a double submission, and stores the
/// comment with its receipt (signed in) or confirmation link (guest) e-mail.
pub(super) async fn store(
    req: &HttpRequest,
    db: &Db,
    lang: Lang,
    page: &DraftPage,
    user: Option<&AuthUser>,
    valid: Valid,
    late: bool,
) -> AppResult<Stored> {
    let postman = req
        .app_data::<web::Data<Postman>>()
        .cloned()
        .ok_or_else(|| AppError::internal(anyhow::anyhow!("no postman")))?;
    let author_key = match (user, &valid.guest) {
        (Some(u), _) => format!("comment:user:{}", u.id),
        (None, Some((_, email))) => format!("comment:email:{email}"),
        (None, None) => {
            return Err(AppError::internal(anyhow::anyhow!(
                "a guest comment without a contact"
            )));
        }
    };
    let limited = req
        .app_data::<web::Data<WebSettings>>()
        .is_none_or(|s| s.comment_limits);
    if limited
        && (!within(
            db,
            format!("comment:ip:{}", client_ip(req)),
            limits::COMMENT_PER_IP,
        )
        .await?
            || !within(db, author_key, limits::COMMENT_PER_AUTHOR).await?)
    {
        return Err(AppError::new(ErrorKind::TooManyRequests)
            .with_message(Message::new("comment-error-too-many")));
    }
    let draft_id = page.draft.id;
    let sha = valid.body.sha256();
    let duplicate = {
        let user_id = user.map(|u| u.id);
        let email = valid.guest.as_ref().map(|(_, e)| e.as_str().to_string());
        let sha = sha.clone();
        db.run(move |c| {
            let author = match (user_id, &email) {
                (Some(id), _) => Author::User(id),
                (None, Some(e)) => Author::Guest(e),
                _ => return Ok(None),
            };
            Comment::recent_duplicate(c, draft_id, author, &sha)
        })
        .await?
    };
    if let Some(existing) = duplicate {
        return Ok(Stored::Duplicate(existing));
    }
    let storage = req
        .app_data::<web::Data<Storage>>()
        .cloned()
        .ok_or_else(|| AppError::internal(anyhow::anyhow!("no storage in app data")))?;
    let files = attachments::save(&storage, valid.files).await?;
    let public_id = uuid::Uuid::new_v4().to_string();
    let (token_hash, mail) = match (user, &valid.guest) {
        (Some(u), _) => {
            let link = postman.link(&format!("/comments/{public_id}"));
            let data = serde_json::json!({"link": link, "id": public_id, "sha256": sha});
            let lang = Lang::from_code(&u.lang).unwrap_or(lang);
            (
                None,
                postman
                    .compose("comment_receipt", lang, &u.email, &data)
                    .map_err(AppError::internal)?,
            )
        }
        (None, Some((name, email))) => {
            let token = random_token();
            let link = postman.link(&format!("/comments/confirm?token={token}"));
            let data = serde_json::json!({"name": name.as_str(), "link": link});
            (
                Some(digest(&token)),
                postman
                    .compose("comment_confirm", lang, email.as_str(), &data)
                    .map_err(AppError::internal)?,
            )
        }
        (None, None) => unreachable!("refused above"),
    };
    let new = NewComment {
        public_id,
        draft_id,
        version_number: page.version.as_ref().map(|v| v.number).unwrap_or(1),
        position: valid
            .anchor
            .as_ref()
            .and_then(|a| page.provisions.iter().find(|p| &p.anchor == a))
            .map(|p| p.position)
            .unwrap_or(0),
        anchor: valid.anchor,
        question_position: valid.question,
        category: valid.category.as_str(),
        organisation_reg_no: valid.organisation.as_ref().and_then(|(_, r)| r.clone()),
        organisation_name: valid.organisation.map(|(n, _)| n),
        on_behalf_of: valid.on_behalf_of,
        body: valid.body.as_str().to_string(),
        body_sha256: sha,
        late,
        show_name: valid.show_name,
        user_id: user.map(|u| u.id),
        contact: valid
            .guest
            .map(|(n, e)| (n.as_str().to_string(), e.as_str().to_string())),
        attachments: files,
    };
    let comment = db
        .write(move |c| new.insert(c, token_hash.as_deref(), Some(&mail)))
        .await?;
    postman.wake();
    Ok(Stored::New(comment))
}

/// Whether the draft takes a comment now, and whether it is late.
pub(super) fn accepted(page: &DraftPage) -> AppResult<bool> {
    match timing(&page.draft) {
        Timing::OnTime => Ok(false),
        Timing::Late => Ok(true),
        Timing::Refused(message) => Err(AppError::new(ErrorKind::Conflict).with_message(message)),
    }
}

/// `POST /drafts/{slug}/comments`: stores the comment — published at once for
/// a signed-in author, otherwise after the e-mailed link is used.
pub async fn create(
    req: HttpRequest,
    db: Db,
    lang: Lang,
    csrf: CsrfToken,
    user: CurrentUser,
    path: web::Path<String>,
    CommentSubmission(form, files): CommentSubmission,
) -> AppResult<HttpResponse> {
    let page = public_page(&db, path.into_inner()).await?;
    let limit = upload_limit(&req);
    if !form.website.is_empty() {
        return Err(AppError::bad_request(Message::new("comment-error-robot")));
    }
    let late = accepted(&page)?;
    let valid = match validate(lang, &page, &form, user.0.is_some(), files, limit) {
        Ok(valid) => valid,
        Err(errors) => {
            return Ok(
                form_page(lang, csrf, limit, &page, &form, user.0.is_some(), errors)?
                    .into_response(&req),
            );
        }
    };
    Ok(
        match store(&req, &db, lang, &page, user.0.as_ref(), valid, late).await? {
            Stored::New(comment) => {
                flash::redirect(&format!("/comments/{}", comment.public_id), None)
            }
            Stored::Duplicate(comment) => flash::redirect(
                &format!("/comments/{}", comment.public_id),
                Some("flash-comment-duplicate"),
            ),
        },
    )
}

/// The `?token=` of a confirmation link.
#[derive(Debug, Deserialize)]
pub struct TokenQuery {
    #[serde(default)]
    token: String,
}

/// `GET /comments/confirm?token=…`: publishes the comment and e-mails its receipt.
pub async fn confirm(
    req: HttpRequest,
    db: Db,
    lang: Lang,
    postman: web::Data<Postman>,
    query: web::Query<TokenQuery>,
) -> AppResult<HttpResponse> {
    let hash = digest(query.token.trim());
    let composer = postman.get_ref().clone();
    let confirmed = db
        .write(move |c| {
            Comment::confirm(c, &hash, |comment, to| {
                let link = composer.link(&format!("/comments/{}", comment.public_id));
                let data = serde_json::json!({"name": "", "link": link, "id": comment.public_id, "sha256": comment.body_sha256});
                composer.compose("comment_receipt", lang, to, &data).ok()
            })
        })
        .await?;
    match confirmed {
        Some(comment) => {
            postman.wake();
            crate::views::page_cache::changed(&req);
            Ok(flash::redirect(
                &format!("/comments/{}", comment.public_id),
                Some("flash-comment-confirmed"),
            ))
        }
        None => Err(AppError::bad_request(Message::new("comment-error-link"))),
    }
}

#[derive(Serialize)]
struct VersionView {
    number: i32,
    time: String,
    sha256: String,
    paragraphs: Vec<String>,
}

/// `GET /comments/{id}`: the comment, its state, its receipt once published,
/// its earlier versions, and for its author the ways to edit or withdraw it.
pub async fn show(
    db: Db,
    lang: Lang,
    csrf: CsrfToken,
    user: CurrentUser,
    postman: web::Data<Postman>,
    path: web::Path<String>,
) -> AppResult<Page> {
    let public_id = path.into_inner();
    #[allow(clippy::type_complexity)]
    let (comment, draft, names, versions, files, answers, outlines, rebuttal, entry) = db
        .run(move |c| {
            let comment = Comment::find(c, &public_id)?;
            let draft = Draft::by_id(c, comment.draft_id)?;
            let names = Comment::consented_names(c, std::slice::from_ref(&comment))?;
            let versions = Comment::versions(c, comment.id)?;
            let files = Attachment::of(c, &[comment.id])?;
            let answers = crate::models::Response::of(c, &[comment.id])?
                .remove(&comment.id)
                .unwrap_or_default();
            let mut outlines = std::collections::HashMap::new();
            for n in answers.iter().filter_map(|r| r.version_number) {
                let version = crate::models::Version::by_number(c, draft.id, n)?;
                outlines.insert(n, crate::models::Version::provisions(c, version.id)?);
            }
            if let std::collections::hash_map::Entry::Vacant(slot) =
                outlines.entry(comment.version_number)
            {
                let version =
                    crate::models::Version::by_number(c, draft.id, comment.version_number)?;
                slot.insert(crate::models::Version::provisions(c, version.id)?);
            }
            let rebuttal = crate::models::Rebuttal::of(c, comment.id)?;
            let entry = crate::models::ledger::Entry::latest_for(c, &comment.public_id)?;
            Ok((
                comment, draft, names, versions, files, answers, outlines, rebuttal, entry,
            ))
        })
        .await?;
    let empty = Vec::new();
    let answers: Vec<crate::views::response::AnswerView> = answers
        .iter()
        .filter(|r| r.published_at.is_some())
        .rev()
        .map(|r| {
            let outline = r
                .version_number
                .and_then(|n| outlines.get(&n))
                .unwrap_or(&empty);
            crate::views::response::AnswerView::new(
                lang,
                r,
                &draft.slug,
                comment.version_number,
                outline,
            )
        })
        .collect();
    let item = CommentItem::new(lang, &comment, &names).with_attachments(&comment, &files);
    let target_href = match &comment.anchor {
        Some(anchor) => format!("/drafts/{}/provisions/{anchor}", draft.slug),
        None => format!("/drafts/{}", draft.slug),
    };
    let published = comment.status == crate::models::comment::status::PUBLISHED;
    let own = user
        .0
        .as_ref()
        .is_some_and(|u| comment.changeable_by(u.id).is_ok());
    let author = user
        .0
        .as_ref()
        .is_some_and(|u| comment.user_id == Some(u.id));
    let hidden = comment.status == crate::models::comment::status::HIDDEN;
    let appeal = {
        let id = comment.id;
        db.run(move |c| crate::models::moderation::Appeal::of(c, id))
            .await?
    };
    let view = serde_json::json!({
        "csrf": csrf.0,
        "status_key": format!("comment-status-{}", comment.status.replace('_', "-")),
        "pending": comment.status == crate::models::comment::status::PENDING,
        "published": published,
        "withdrawn": comment.status == crate::models::comment::status::WITHDRAWN,
        "locked": comment.locked_at.is_some(),
        "can_change": own,
        "can_appeal": author && hidden && appeal.is_none(),
        "appeal_state": appeal.map(|a| match a.outcome.as_deref() {
            Some("restored") => "appeal-state-restored",
            Some(_) => "appeal-state-upheld",
            None => "appeal-state-pending",
        }),
        "target": comment.anchor.as_ref().map(|anchor| {
            outlines
                .get(&comment.version_number)
                .and_then(|o| o.iter().find(|p| &p.anchor == anchor))
                .map(|p| crate::views::response::provision_label(lang, p))
                .unwrap_or_else(|| anchor.clone())
        }),
        "target_href": target_href,
        "receipt_time": comment.published_at.map(vn_time).unwrap_or_default(),
        "sha256": comment.body_sha256,
        "link": postman.link(&format!("/comments/{}", comment.public_id)),
        "draft_slug": draft.slug,
        "draft_title": draft.title,
        "versions": if published {
            versions
                .iter()
                .map(|v| VersionView {
                    number: v.number,
                    time: vn_time(v.created_at),
                    sha256: v.body_sha256.clone(),
                    paragraphs: v.body.lines().filter(|l| !l.trim().is_empty()).map(str::to_string).collect(),
                })
                .collect()
        } else {
            Vec::new()
        },
        "comment": item,
        "answer": answers.first(),
        "earlier_answers": answers.iter().skip(1).collect::<Vec<_>>(),
        "can_rebut": author && !answers.is_empty() && rebuttal.is_none(),
        "rebuttal": rebuttal.as_ref().map(|r| serde_json::json!({
            "paragraphs": r.body.lines().filter(|l| !l.trim().is_empty()).collect::<Vec<_>>(),
            "created_at": vn_time(r.created_at),
            "answer": r.answer.as_deref().map(|a| a.lines().filter(|l| !l.trim().is_empty()).collect::<Vec<_>>()),
            "answered_at": r.answered_at.map(vn_time),
        })),
        "max_answer_chars": crate::domain::response::Answer::MAX_CHARS,
        "ledger": entry.map(|e| serde_json::json!({"seq": e.seq, "hash": e.hash})),
    });
    Ok(Page::render("comments/show", lang, view))
}

/// The signed-in author's own comment, if they may still change it.
async fn own_comment(db: &Db, user: &AuthUser, public_id: String) -> AppResult<Comment> {
    let comment = db.run(move |c| Comment::find(c, &public_id)).await?;
    match comment.changeable_by(user.id) {
        Ok(()) => Ok(comment),
        Err(crate::models::comment::ChangeRefused::NotAuthor) => Err(AppError::forbidden()),
        Err(crate::models::comment::ChangeRefused::Locked) => {
            Err(AppError::new(ErrorKind::Conflict)
                .with_message(Message::new("comment-error-locked")))
        }
        Err(crate::models::comment::ChangeRefused::NotPublished) => {
            Err(AppError::new(ErrorKind::Conflict)
                .with_message(Message::new("comment-error-not-published")))
        }
    }
}

#[derive(Serialize)]
struct EditView {
    csrf: String,
    public_id: String,
    body: String,
    errors: FormErrors,
    max_chars: usize,
}

/// `GET /comments/{id}/edit`: the author's form, until the comment is answered.
pub async fn edit(
    db: Db,
    lang: Lang,
    csrf: CsrfToken,
    SignedIn(user): SignedIn,
    path: web::Path<String>,
) -> AppResult<Page> {
    let comment = own_comment(&db, &user, path.into_inner()).await?;
    Ok(Page::render(
        "comments/edit",
        lang,
        EditView {
            csrf: csrf.0,
            public_id: comment.public_id,
            body: comment.body,
            errors: FormErrors::default(),
            max_chars: CommentBody::MAX_CHARS,
        },
    ))
}

/// What the edit form sends.
#[derive(Debug, Deserialize)]
pub struct EditForm {
    #[serde(default)]
    body: String,
}

/// `POST /comments/{id}/edit`: the new text; the old one is kept as a version.
pub async fn update(
    req: HttpRequest,
    db: Db,
    lang: Lang,
    csrf: CsrfToken,
    SignedIn(user): SignedIn,
    path: web::Path<String>,
    Form(form): Form<EditForm>,
) -> AppResult<HttpResponse> {
    let comment = own_comment(&db, &user, path.into_inner()).await?;
    let body = match CommentBody::parse(&form.body) {
        Ok(body) => body,
        Err(invalid) => {
            let mut errors = FormErrors::default();
            errors.add(lang, &invalid);
            let view = EditView {
                csrf: csrf.0,
                public_id: comment.public_id,
                body: form.body,
                errors,
                max_chars: CommentBody::MAX_CHARS,
            };
            return Ok(Page::render("comments/edit", lang, view)
                .with_status(actix_web::http::StatusCode::UNPROCESSABLE_ENTITY)
                .into_response(&req));
        }
    };
    if body.sha256() != comment.body_sha256 {
        let (id, text, sha) = (comment.id, body.as_str().to_string(), body.sha256());
        if !db.run(move |c| Comment::edit(c, id, &text, &sha)).await? {
            return Err(AppError::new(ErrorKind::Conflict)
                .with_message(Message::new("comment-error-locked")));
        }
    }
    Ok(flash::redirect(
        &format!("/comments/{}", comment.public_id),
        Some("flash-comment-edited"),
    ))
}

/// `POST /comments/{id}/withdraw`: the comment stops counting; the withdrawal is shown.
pub async fn withdraw(
    db: Db,
    SignedIn(user): SignedIn,
    path: web::Path<String>,
    _: Form<crate::routes::accounts::EmptyForm>,
) -> AppResult<HttpResponse> {
    let comment = own_comment(&db, &user, path.into_inner()).await?;
    let id = comment.id;
    db.run(move |c| Comment::withdraw(c, id)).await?;
    Ok(flash::redirect(
        &format!("/comments/{}", comment.public_id),
        Some("flash-comment-withdrawn"),
    ))
}

#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    before: Option<i64>,
    /// The "by provision" cursor: `position.id`.
    #[serde(default)]
    after: String,
    #[serde(default)]
    anchor: String,
    #[serde(default)]
    category: String,
    /// `provision` for the order of the draft; newest first otherwise.
    #[serde(default)]
    order: String,
}

#[derive(Serialize)]
struct ListView {
    draft: DraftHeader,
    comments: Vec<CommentItem>,
    total: i64,
    withdrawn: i64,
    next: Option<String>,
    anchor: String,
    by_provision: bool,
    /// The query string of the CSV export with the same filters.
    export_query: String,
    categories: Vec<CategoryChoice>,
    /// The counted comments split into unique and campaign ones.
    breakdown: crate::models::cluster::Breakdown,
    /// The draft's campaigns (on the unfiltered first page).
    campaigns: Vec<super::clusters::CampaignView>,
}

/// `position.id` → the "by provision" cursor.
pub(super) fn parse_after(raw: &str) -> Option<(i32, i64)> {
    let (position, id) = raw.split_once('.')?;
    Some((position.parse().ok()?, id.parse().ok()?))
}

/// `GET /drafts/{slug}/comments`: newest first or in the order of the draft,
/// filtered by provision or category, keyset pages.
pub async fn index(
    db: Db,
    lang: Lang,
    path: web::Path<String>,
    query: web::Query<ListQuery>,
) -> AppResult<Page> {
    let page = public_page(&db, path.into_inner()).await?;
    let category = query.category.parse::<Category>().ok();
    let filter = CommentFilter {
        anchor: Some(query.anchor.clone()).filter(|a| !a.is_empty()),
        category: category.map(Category::as_str),
    };
    let by_provision = query.order == "provision";
    let (draft_id, before, after) = (page.draft.id, query.before, parse_after(&query.after));
    let first_page = filter.anchor.is_none()
        && filter.category.is_none()
        && query.before.is_none()
        && query.after.is_empty();
    let (list, names, files, counts, (breakdown, sizes, campaigns)) = db
        .run(move |c| {
            let list = if by_provision {
                Comment::by_provision(c, draft_id, &filter, after, PER_PAGE + 1)?
            } else {
                Comment::page(c, draft_id, &filter, before, PER_PAGE + 1)?
            };
            let names = Comment::consented_names(c, &list)?;
            let ids: Vec<i64> = list.iter().map(|c| c.id).collect();
            let files = Attachment::of(c, &ids)?;
            let counts = Comment::public_counts(c, draft_id, &filter)?;
            let clusters = super::clusters::list_data(c, draft_id, &filter, first_page)?;
            Ok((list, names, files, counts, clusters))
        })
        .await?;
    let filters = || {
        let mut qs = url::form_urlencoded::Serializer::new(String::new());
        if !query.anchor.is_empty() {
            qs.append_pair("anchor", &query.anchor);
        }
        if let Some(c) = category {
            qs.append_pair("category", c.as_str());
        }
        qs
    };
    let next = (list.len() as i64 > PER_PAGE).then(|| {
        let last = &list[PER_PAGE as usize - 1];
        let mut qs = filters();
        if by_provision {
            qs.append_pair("order", "provision");
            qs.append_pair("after", &format!("{}.{}", last.position, last.id));
        } else {
            qs.append_pair("before", &last.id.to_string());
        }
        qs.finish()
    });
    let view = ListView {
        draft: DraftHeader::new(
            lang,
            &page.draft,
            &page.agency,
            &page.rule,
            page.questions.clone(),
        ),
        comments: list
            .iter()
            .take(PER_PAGE as usize)
            .map(|c| {
                CommentItem::new(lang, c, &names)
                    .with_attachments(c, &files)
                    .with_campaign(c, &page.draft.slug, &sizes)
            })
            .collect(),
        breakdown,
        campaigns: campaigns
            .iter()
            .map(|c| super::clusters::CampaignView::new(lang, &page.draft.slug, c))
            .collect(),
        total: counts.counted,
        withdrawn: counts.withdrawn,
        next,
        anchor: query.anchor.clone(),
        by_provision,
        export_query: filters().finish(),
        categories: Category::ALL
            .into_iter()
            .map(|c| CategoryChoice {
                value: c.as_str(),
                label_key: c.label_key(),
                selected: Some(c) == category,
            })
            .collect(),
    };
    Ok(Page::render("comments/index", lang, view))
}

#[derive(Serialize)]
struct MineItem {
    public_id: String,
    status_key: String,
    excerpt: String,
    created_at: String,
}

/// `GET /account/comments`: every comment of the signed-in person and its state.
pub async fn mine(db: Db, lang: Lang, SignedIn(user): SignedIn) -> AppResult<Page> {
    let list = db.run(move |c| Comment::for_user(c, user.id)).await?;
    let items: Vec<MineItem> = list
        .iter()
        .map(|c| MineItem {
            public_id: c.public_id.clone(),
            status_key: format!("comment-status-{}", c.status.replace('_', "-")),
            excerpt: c.body.chars().take(160).collect(),
            created_at: vn_time(c.created_at),
        })
        .collect();
    Ok(Page::render(
        "comments/mine",
        lang,
        serde_json::json!({"comments": items}),
    ))
}
