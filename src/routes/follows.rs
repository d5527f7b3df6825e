//! Following threads, drafts, agencies and fields; the signed unsubscribe
//! link every notice carries, which works without signing in.

use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};

use crate::auth::{CsrfToken, Form, SignedIn};
use crate::db::Db;
use crate::domain::text::fold;
use crate::domain::thread::FollowKind;
use crate::error::{AppError, AppResult, Message};
use crate::i18n::Lang;
use crate::mail::Postman;
use crate::models::{Agency, Draft, Follow, Thread};
use crate::views::Page;
use crate::views::flash;

/// A follow as typed: what, which, digest or not, and where to go back.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct FollowForm {
    kind: String,
    target: String,
    digest: String,
    next: String,
}

impl FollowForm {
    fn kind(&self) -> AppResult<FollowKind> {
        self.kind
            .parse()
            .map_err(|_| AppError::bad_request(Message::new("follow-error-target")))
    }
}

/// The stored target of a follow, once it is known to exist.
async fn target(db: &Db, kind: FollowKind, raw: &str) -> AppResult<String> {
    let raw = raw.trim().to_string();
    if raw.is_empty() || raw.chars().count() > 200 {
        return Err(AppError::bad_request(Message::new("follow-error-target")));
    }
    if kind == FollowKind::Field {
        return Ok(fold(&raw));
    }
    let key = raw.clone();
    db.run(move |c| match kind {
        FollowKind::Thread => Thread::find(c, &key).map(|t| t.public_id),
        FollowKind::Draft => Draft::by_slug(c, &key).map(|d| d.slug),
        FollowKind::Agency => Agency::find(c, &key).map(|a| a.public_id),
        FollowKind::Field => Ok(key),
    })
    .await
    .map_err(|_| AppError::bad_request(Message::new("follow-error-target")))
}

/// `POST /follow`: starts following (or switches to or from the digest).
pub async fn follow(
    db: Db,
    SignedIn(user): SignedIn,
    Form(form): Form<FollowForm>,
) -> AppResult<HttpResponse> {
    let kind = form.kind()?;
    let target = target(&db, kind, &form.target).await?;
    let digest = form.digest == "1";
    db.write(move |c| Follow::start(c, user.id, kind, &target, digest))
        .await?;
    Ok(flash::redirect(
        &flash::safe_next(Some(&form.next)),
        Some("flash-followed"),
    ))
}

/// `POST /unfollow`: stops following.
pub async fn unfollow(
    db: Db,
    SignedIn(user): SignedIn,
    Form(form): Form<FollowForm>,
) -> AppResult<HttpResponse> {
    let kind = form.kind()?;
    let target = if kind == FollowKind::Field {
        fold(form.target.trim())
    } else {
        form.target.trim().to_string()
    };
    db.write(move |c| Follow::stop_target(c, user.id, kind, &target))
        .await?;
    Ok(flash::redirect(
        &flash::safe_next(Some(&form.next)),
        Some("flash-unfollowed"),
    ))
}

#[derive(Serialize)]
struct FollowView {
    kind: String,
    kind_label: String,
    target: String,
    link: Option<String>,
    digest: bool,
}

fn view(lang: Lang, follow: &Follow) -> FollowView {
    let kind = follow.target_kind.parse().unwrap_or(FollowKind::Thread);
    FollowView {
        kind: follow.target_kind.clone(),
        kind_label: lang.text(match kind {
            FollowKind::Thread => "follow-kind-thread",
            FollowKind::Draft => "follow-kind-draft",
            FollowKind::Agency => "follow-kind-agency",
            FollowKind::Field => "follow-kind-field",
        }),
        link: match kind {
            FollowKind::Thread => Some(format!("/threads/{}", follow.target)),
            FollowKind::Draft => Some(format!("/drafts/{}", follow.target)),
            FollowKind::Agency => Some(format!("/agencies/{}", follow.target)),
            FollowKind::Field => None,
        },
        target: follow.target.clone(),
        digest: follow.digest,
    }
}

#[derive(Serialize)]
struct MineView {
    csrf: String,
    follows: Vec<FollowView>,
}

/// `GET /account/follows`: what I follow, with the digest switch and a way out.
pub async fn mine(
    db: Db,
    lang: Lang,
    csrf: CsrfToken,
    SignedIn(user): SignedIn,
) -> AppResult<Page> {
    let follows = db.run(move |c| Follow::of_user(c, user.id)).await?;
    Ok(Page::render(
        "follows/mine",
        lang,
        MineView {
            csrf: csrf.0,
            follows: follows.iter().map(|f| view(lang, f)).collect(),
        },
    ))
}

/// The `?f=…&s=…` of an unsubscribe link.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct Unsubscribe {
    f: i64,
    s: String,
}

#[derive(Serialize)]
struct UnsubscribeView {
    csrf: String,
    link: Unsubscribe,
    follow: Option<FollowView>,
    done: bool,
}

/// Refuses a link the server did not sign.
fn check(postman: &Postman, link: &Unsubscribe) -> AppResult<()> {
    if postman.unsubscribe_valid(link.f, &link.s) {
        Ok(())
    } else {
        Err(AppError::bad_request(Message::new("follow-error-link")))
    }
}

/// `GET /unsubscribe?f=…&s=…`: asks to confirm (a mail scanner that opens
/// links must not unsubscribe anyone).
pub async fn unsubscribe_page(
    db: Db,
    lang: Lang,
    csrf: CsrfToken,
    postman: web::Data<Postman>,
    query: web::Query<Unsubscribe>,
) -> AppResult<Page> {
    let link = query.into_inner();
    check(&postman, &link)?;
    let id = link.f;
    let follow = db.run(move |c| Follow::by_id(c, id)).await?;
    Ok(Page::render(
        "follows/unsubscribe",
        lang,
        UnsubscribeView {
            csrf: csrf.0,
            done: follow.is_none(),
            follow: follow.as_ref().map(|f| view(lang, f)),
            link,
        },
    ))
}

/// `POST /unsubscribe`: ends the follow named by a signed link, no sign-in needed.
pub async fn unsubscribe(
    db: Db,
    lang: Lang,
    csrf: CsrfToken,
    postman: web::Data<Postman>,
    Form(link): Form<Unsubscribe>,
) -> AppResult<Page> {
    check(&postman, &link)?;
    let id = link.f;
    db.write(move |c| Follow::stop(c, id)).await?;
    Ok(Page::render(
        "follows/unsubscribe",
        lang,
        UnsubscribeView {
            csrf: csrf.0,
            link,
            follow: None,
            done: true,
        },
    ))
}
