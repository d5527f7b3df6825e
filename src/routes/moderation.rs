//! Reports (anyone), hiding with a public reason (moderators), and the
//! public moderation log of a draft.

use actix_web::{HttpRequest, HttpResponse, web};
use serde::{Deserialize, Serialize};

use crate::auth::{CsrfToken, CurrentUser, Form, Moderator};
use crate::db::Db;
use crate::domain::account::clean_text;
use crate::domain::limits;
use crate::error::{AppError, AppResult, ErrorKind, Message};
use crate::i18n::Lang;
use crate::models::moderation::{Appeal, AppealRefused, REASON_CODES};
use crate::models::{Comment, Draft, Moderation};
use crate::routes::throttle::{client_ip, within};
use crate::views::Page;
use crate::views::comment::vn_time;
use crate::views::flash;

/// What the report form sends.
#[derive(Debug, Deserialize)]
pub struct ReportForm {
    #[serde(default)]
    reason: String,
}

/// The reason of a report (of a comment or a thread), once the reporter's
/// address is within its limit.
pub(super) async fn report_reason(req: &HttpRequest, db: &Db, raw: &str) -> AppResult<String> {
    let reason = clean_text(raw);
    if reason.is_empty() || reason.chars().count() > 1000 {
        return Err(AppError::bad_request(Message::new("report-error-reason")));
    }
    let bucket = format!("report:ip:{}", client_ip(req));
    if !within(db, bucket, limits::REPORT_PER_IP).await? {
        return Err(AppError::new(ErrorKind::TooManyRequests));
    }
    Ok(reason)
}

/// `POST /comments/{id}/report`: anyone may report; nothing is hidden by reports.
pub async fn report(
    req: HttpRequest,
    db: Db,
    user: CurrentUser,
    path: web::Path<String>,
    Form(form): Form<ReportForm>,
) -> AppResult<HttpResponse> {
    let reason = report_reason(&req, &db, &form.reason).await?;
    let public_id = path.into_inner();
    let reporter = user.0.map(|u| u.id);
    let comment = db
        .run(move |c| {
            let comment = Comment::find(c, &public_id)?;
            Moderation::report(c, comment.id, &reason, reporter)?;
            Ok(comment)
        })
        .await?;
    Ok(flash::redirect(
        &format!("/comments/{}", comment.public_id),
        Some("flash-report-received"),
    ))
}

#[derive(Serialize)]
struct QueueItem {
    public_id: String,
    excerpt: String,
    reports: i64,
}

#[derive(Serialize)]
struct AppealItem {
    public_id: String,
    excerpt: String,
    reason_key: String,
    appeal: String,
}

#[derive(Serialize)]
struct QueueView {
    csrf: String,
    items: Vec<QueueItem>,
    appeals: Vec<AppealItem>,
    /// Hides proposed by a moderator of the drafting agency (same shape as appeals).
    proposals: Vec<AppealItem>,
    reasons: Vec<(&'static str, String)>,
    /// Reported threads still visible (hidden from their own page).
    threads: Vec<crate::models::thread::Reported>,
    thread_appeals: Vec<crate::models::thread::PendingAppeal>,
}

fn reason_choices() -> Vec<(&'static str, String)> {
    REASON_CODES
        .iter()
        .map(|c| (*c, format!("moderation-reason-{}", c.replace('_', "-"))))
        .collect()
}

/// `GET /moderation`: reported comments, most reported first.
pub async fn queue(db: Db, lang: Lang, csrf: CsrfToken, _: Moderator) -> AppResult<Page> {
    let (queue, appeals, proposals, threads, thread_appeals) = db
        .run(|c| {
            Ok((
                Moderation::queue(c, 100)?,
                Appeal::pending(c)?,
                Moderation::proposals(c)?,
                crate::models::Thread::reported(c)?,
                crate::models::Thread::pending_appeals(c)?,
            ))
        })
        .await?;
    let appeals = appeals
        .into_iter()
        .map(|(a, c)| AppealItem {
            reason_key: format!(
                "moderation-reason-{}",
                c.hidden_reason_code.unwrap_or_default().replace('_', "-")
            ),
            public_id: c.public_id,
            excerpt: c.body.chars().take(300).collect(),
            appeal: a.body,
        })
        .collect();
    let items = queue
        .into_iter()
        .map(|(c, n)| QueueItem {
            public_id: c.public_id,
            excerpt: c.body.chars().take(300).collect(),
            reports: n,
        })
        .collect();
    Ok(Page::render(
        "moderation/queue",
        lang,
        QueueView {
            csrf: csrf.0,
            items,
            appeals,
            proposals: proposals
                .into_iter()
                .map(|c| AppealItem {
                    reason_key: format!(
                        "moderation-reason-{}",
                        c.hide_proposed_code.unwrap_or_default().replace('_', "-")
                    ),
                    appeal: c.hide_proposed_text.unwrap_or_default(),
                    excerpt: c.body.chars().take(300).collect(),
                    public_id: c.public_id,
                })
                .collect(),
            reasons: reason_choices(),
            threads,
            thread_appeals,
        },
    ))
}

/// What the hide form sends.
#[derive(Debug, Deserialize)]
pub struct HideForm {
    #[serde(default)]
    reason_code: String,
    #[serde(default)]
    reason_text: String,
}

/// `POST /moderation/comments/{id}/hide`: hides with a reason code (and text
/// for "other"); the comment still counts and its placeholder shows the reason.
pub async fn hide(
    db: Db,
    moderator: Moderator,
    path: web::Path<String>,
    Form(form): Form<HideForm>,
) -> AppResult<HttpResponse> {
    let code = REASON_CODES
        .iter()
        .find(|c| **c == form.reason_code)
        .copied()
        .ok_or_else(|| AppError::bad_request(Message::new("moderation-error-reason")))?;
    let text = clean_text(&form.reason_text);
    if (code == "other" && text.is_empty()) || text.chars().count() > 1000 {
        return Err(AppError::bad_request(Message::new(
            "moderation-error-reason",
        )));
    }
    let public_id = path.into_inner();
    let (moderator_id, agency_id) = (moderator.user.id, moderator.agency_id);
    let (comment, proposed) = db
        .run(move |c| {
            let comment = Comment::find(c, &public_id)?;
            let draft = Draft::by_id(c, comment.draft_id)?;
            // A moderator of the drafting agency only proposes: a second one decides.
            if draft.agency_id == agency_id {
                Moderation::propose_hide(c, comment.id, moderator_id, code, &text)?;
                return Ok((comment, true));
            }
            Moderation::hide(c, comment.id, moderator_id, code, &text)?;
            Ok((comment, false))
        })
        .await?;
    let notice = if proposed {
        "flash-hide-proposed"
    } else {
        "flash-comment-hidden"
    };
    Ok(flash::redirect(
        &format!("/comments/{}", comment.public_id),
        Some(notice),
    ))
}

/// `POST /moderation/comments/{id}/confirm-hide`: a second moderator confirms
/// a proposal to hide; the proposer can't.
pub async fn confirm_hide(
    db: Db,
    moderator: Moderator,
    path: web::Path<String>,
    _: Form<crate::routes::accounts::EmptyForm>,
) -> AppResult<HttpResponse> {
    let public_id = path.into_inner();
    let moderator_id = moderator.user.id;
    let (comment, done) = db
        .run(move |c| {
            let comment = Comment::find(c, &public_id)?;
            if comment.hide_proposed_by.is_none() {
                return Ok((comment, None));
            }
            let done = Moderation::confirm_hide(c, comment.id, moderator_id)?;
            Ok((comment, Some(done)))
        })
        .await?;
    let Some(done) = done else {
        return Err(AppError::new(ErrorKind::Conflict)
            .with_message(Message::new("moderation-error-no-proposal")));
    };
    if !done {
        return Err(AppError::forbidden().with_message(Message::new("moderation-error-confirm")));
    }
    Ok(flash::redirect(
        &format!("/comments/{}", comment.public_id),
        Some("flash-comment-hidden"),
    ))
}

#[derive(Serialize)]
struct LogItem {
    time: String,
    action_key: String,
    reason_key: String,
    reason_text: String,
    comment: String,
}

/// `GET /drafts/{slug}/moderation`: every moderation decision on the draft, public.
pub async fn log(db: Db, lang: Lang, path: web::Path<String>) -> AppResult<Page> {
    let slug = path.into_inner();
    let (draft, entries) = db
        .run(move |c| {
            let draft = Draft::by_slug(c, &slug)?;
            let entries = Moderation::log(c, draft.id)?;
            Ok((draft, entries))
        })
        .await?;
    let items: Vec<LogItem> = entries
        .into_iter()
        .map(|(e, comment)| LogItem {
            time: vn_time(e.created_at),
            action_key: format!("moderation-action-{}", e.action),
            reason_key: format!("moderation-reason-{}", e.reason_code.replace('_', "-")),
            reason_text: e.reason_text,
            comment,
        })
        .collect();
    Ok(Page::render(
        "moderation/log",
        lang,
        serde_json::json!({"slug": draft.slug, "title": draft.title, "items": items}),
    ))
}

/// What the appeal form sends.
#[derive(Debug, Deserialize)]
pub struct AppealForm {
    #[serde(default)]
    body: String,
}

/// `POST /comments/{id}/appeal`: the author of a hidden comment appeals, once.
pub async fn appeal(
    db: Db,
    crate::auth::SignedIn(user): crate::auth::SignedIn,
    path: web::Path<String>,
    Form(form): Form<AppealForm>,
) -> AppResult<HttpResponse> {
    let public_id = path.into_inner();
    let comment = db.run(move |c| Comment::find(c, &public_id)).await?;
    if comment.user_id != Some(user.id) {
        return Err(AppError::forbidden());
    }
    let body = clean_text(&form.body);
    if body.is_empty() || body.chars().count() > 5000 {
        return Err(AppError::bad_request(Message::new("appeal-error-body")));
    }
    if comment.status != crate::models::comment::status::HIDDEN {
        return Err(AppError::new(ErrorKind::Conflict)
            .with_message(Message::new("appeal-error-not-hidden")));
    }
    let id = comment.id;
    db.run(move |c| Appeal::file(c, id, &body))
        .await
        .map_err(|e| match e.kind {
            ErrorKind::Conflict => {
                AppError::new(ErrorKind::Conflict).with_message(Message::new("appeal-error-once"))
            }
            _ => e,
        })?;
    Ok(flash::redirect(
        &format!("/comments/{}", comment.public_id),
        Some("flash-appeal-filed"),
    ))
}

/// What the appeal decision form sends.
#[derive(Debug, Deserialize)]
pub struct DecisionForm {
    #[serde(default)]
    outcome: String,
    #[serde(default)]
    decision: String,
}

/// `POST /moderation/appeals/{id}`: another moderator restores the comment or upholds the decision.
pub async fn decide(
    db: Db,
    moderator: Moderator,
    path: web::Path<String>,
    Form(form): Form<DecisionForm>,
) -> AppResult<HttpResponse> {
    let restore = match form.outcome.as_str() {
        "restore" => true,
        "uphold" => false,
        _ => return Err(AppError::bad_request(Message::new("appeal-error-outcome"))),
    };
    let decision = clean_text(&form.decision);
    if decision.is_empty() || decision.chars().count() > 2000 {
        return Err(AppError::bad_request(Message::new("appeal-error-decision")));
    }
    let public_id = path.into_inner();
    let moderator_id = moderator.user.id;
    let (comment, result) = db
        .run(move |c| {
            let comment = Comment::find(c, &public_id)?;
            let result = Appeal::decide(c, comment.id, moderator_id, restore, &decision)?;
            Ok((comment, result))
        })
        .await?;
    match result {
        Ok(()) => Ok(flash::redirect(
            &format!("/comments/{}", comment.public_id),
            Some("flash-appeal-decided"),
        )),
        Err(AppealRefused::SameModerator) => {
            Err(AppError::forbidden().with_message(Message::new("appeal-error-same-moderator")))
        }
        Err(AppealRefused::NotPending) => Err(AppError::new(ErrorKind::Conflict)
            .with_message(Message::new("appeal-error-not-pending"))),
    }
}
