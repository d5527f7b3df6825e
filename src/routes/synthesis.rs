//! The synthesis report (bản tổng hợp ý kiến, tiếp thu, giải trình) on the
//! web: the page — public once published, a preview for the drafting agency
//! before — publishing it, and the gate before appraisal. The CSV and DOCX
//! files are in `synthesis_files`, the JSON in `api_synthesis`.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::{Deserialize, Serialize};

use crate::auth::{CurrentUser, Drafter, Form};
use crate::db::Db;
use crate::domain::Role;
use crate::domain::draft::DraftStatus;
use crate::domain::synthesis::Missing;
use crate::error::{AppError, AppResult, Message};
use crate::i18n::Lang;
use crate::models::synthesis::{Actor, Cursor};
use crate::models::{Comment, Draft, DraftPage, Progress, Response, Synthesis};
use crate::routes::accounts::EmptyForm;
use crate::routes::workspace::own_page;
use crate::views::Page;
use crate::views::comment::vn_time;
use crate::views::draft::DraftHeader;
use crate::views::flash;
use crate::views::synthesis::{Places, RowView, TotalsView, cursor_text, lines};

use super::comments::parse_after as parse_cursor;

/// Rows per page of the report on screen; the files are always whole.
const PER_PAGE: i64 = 500;

/// Unanswered comments listed when a step is refused.
const LISTED: i64 = 50;

/// The draft `slug` if its report may be seen: by anyone once published, by
/// drafters of the drafting agency before (then `true`: a preview).
pub(super) async fn visible_report(
    db: &Db,
    user: &CurrentUser,
    slug: String,
) -> AppResult<(DraftPage, bool)> {
    let page = db
        .run(move |c| DraftPage::load(c, &slug, None, false))
        .await?;
    if page.draft.status() == DraftStatus::Preparing {
        return Err(AppError::not_found());
    }
    if page.draft.synthesis_published_at.is_some() {
        return Ok((page, false));
    }
    let own = user
        .0
        .as_ref()
        .is_some_and(|u| u.role == Role::Drafter && u.agency_id == Some(page.draft.agency_id));
    if own {
        Ok((page, true))
    } else {
        Err(AppError::not_found())
    }
}

/// `?after=position.id`: where a page of the report starts.
#[derive(Debug, Default, Deserialize)]
pub struct ReportQuery {
    #[serde(default)]
    after: String,
}

/// One row on the page.
#[derive(Serialize)]
struct RowHtml {
    #[serde(flatten)]
    row: RowView,
    paragraphs: Vec<String>,
    explanation_lines: Vec<String>,
}

/// The rows under one article (or "Góp ý chung").
#[derive(Serialize)]
struct GroupHtml {
    heading: String,
    /// The group began on an earlier page.
    continued: bool,
    rows: Vec<RowHtml>,
}

#[derive(Serialize)]
struct ReportView {
    draft: DraftHeader,
    preview: bool,
    published_at: Option<String>,
    totals: TotalsView,
    groups: Vec<GroupHtml>,
    /// Numbers of the first and last rows shown.
    first: i64,
    last: i64,
    /// More than one page.
    paged: bool,
    next: Option<String>,
    per_page: i64,
}

/// `GET /drafts/{slug}/synthesis`: the report, 500 rows a page, grouped by
/// article.
pub async fn show(
    db: Db,
    lang: Lang,
    user: CurrentUser,
    path: web::Path<String>,
    query: web::Query<ReportQuery>,
) -> AppResult<Page> {
    let (page, preview) = visible_report(&db, &user, path.into_inner()).await?;
    let after = parse_cursor(&query.after);
    let draft_id = page.draft.id;
    let (totals, rows, names, versions, rank, previous) = db
        .run(move |c| {
            let totals = Synthesis::totals(c, draft_id)?;
            let rows = Synthesis::rows(c, draft_id, after, PER_PAGE + 1)?;
            let comments: Vec<Comment> = rows.iter().map(|r| r.comment.clone()).collect();
            let names = Comment::consented_names(c, &comments)?;
            let versions = Synthesis::provisions(c, draft_id)?;
            let (rank, previous) = match after {
                Some(cursor) => (
                    Synthesis::rank(c, draft_id, cursor)?,
                    Synthesis::comment_at(c, draft_id, cursor)?,
                ),
                None => (0, None),
            };
            Ok((totals, rows, names, versions, rank, previous))
        })
        .await?;
    let places = Places::new(lang, &versions);
    let mut groups: Vec<GroupHtml> = Vec::new();
    let earlier_group = previous.map(|c| places.of(&c).0);
    for (i, row) in rows.iter().take(PER_PAGE as usize).enumerate() {
        let view = RowView::new(lang, &places, &names, row, rank + 1 + i as i64);
        if groups.last().is_none_or(|g| g.heading != view.group) {
            groups.push(GroupHtml {
                continued: groups.is_empty() && earlier_group.as_deref() == Some(&view.group),
                heading: view.group.clone(),
                rows: Vec::new(),
            });
        }
        let html = RowHtml {
            paragraphs: view.paragraphs(),
            explanation_lines: lines(&view.explanation),
            row: view,
        };
        if let Some(group) = groups.last_mut() {
            group.rows.push(html);
        }
    }
    let shown = rows.len().min(PER_PAGE as usize) as i64;
    let next = (rows.len() as i64 > PER_PAGE)
        .then(|| rows.get(PER_PAGE as usize - 1))
        .flatten()
        .map(|r| {
            format!(
                "/drafts/{}/synthesis?after={}",
                page.draft.slug,
                cursor_text(r.cursor())
            )
        });
    Ok(Page::render(
        "synthesis/show",
        lang,
        ReportView {
            preview,
            published_at: page.draft.synthesis_published_at.map(vn_time),
            totals: TotalsView::new(lang, &totals),
            first: if shown > 0 { rank + 1 } else { 0 },
            last: rank + shown,
            paged: after.is_some() || next.is_some(),
            next,
            per_page: PER_PAGE,
            groups,
            draft: DraftHeader::new(lang, &page.draft, &page.agency, &page.rule, page.questions),
        },
    ))
}

/// The synthesis section of the drafter's page for a draft.
#[derive(Debug, Serialize)]
pub struct Panel {
    pub progress: Progress,
    pub unanswered: i64,
    pub published_at: Option<String>,
    /// Still open: the report is published after the consultation.
    pub open: bool,
    /// The publish button: the report is not published and the
    /// consultation is over (pressing it names what is still missing).
    pub show_publish: bool,
    /// Closed (or synthesising) and every published comment answered.
    pub can_publish: bool,
    /// The appraisal button: from the close of the consultation until the
    /// draft goes to appraisal (pressing it early names what is missing).
    pub show_appraisal: bool,
    /// "Synthesis published": the gate will let the draft through if every
    /// comment is still answered.
    pub can_request_appraisal: bool,
}

/// The synthesis section of `draft`'s workspace page (none in preparation).
pub async fn panel(db: &Db, draft: &Draft) -> AppResult<Option<Panel>> {
    let status = draft.status();
    if status == DraftStatus::Preparing {
        return Ok(None);
    }
    let id = draft.id;
    let progress = db.run(move |c| Response::progress(c, id)).await?;
    let unpublished = draft.synthesis_published_at.is_none();
    let before_appraisal = matches!(
        status,
        DraftStatus::Closed | DraftStatus::Synthesising | DraftStatus::SynthesisPublished
    );
    Ok(Some(Panel {
        unanswered: progress.unanswered(),
        progress,
        published_at: draft.synthesis_published_at.map(vn_time),
        open: status == DraftStatus::Open,
        show_publish: unpublished && before_appraisal,
        can_publish: unpublished
            && crate::domain::synthesis::publish_steps(status, progress.unanswered()).is_ok(),
        show_appraisal: before_appraisal,
        can_request_appraisal: status == DraftStatus::SynthesisPublished
            && progress.unanswered() == 0,
    }))
}

/// One comment still without an answer, in a refusal.
#[derive(Serialize)]
struct UnansweredItem {
    href: String,
    place: String,
    author: String,
    excerpt: String,
}

#[derive(Serialize)]
struct RefusedView {
    draft: DraftHeader,
    /// The step refused: "publish" or "appraisal".
    step: &'static str,
    reasons: Vec<String>,
    /// The report is not published: link to where it is.
    synthesis_missing: bool,
    unanswered: Vec<UnansweredItem>,
    /// Unanswered comments not listed.
    rest: i64,
}

/// The first words of a comment.
fn excerpt(text: &str) -> String {
    const CHARS: usize = 200;
    let mut out: String = text.chars().take(CHARS).collect();
    if text.chars().nth(CHARS).is_some() {
        out.push('…');
    }
    out
}

/// The 409 page naming what is missing, with the first unanswered comments.
async fn refused(
    req: &HttpRequest,
    db: &Db,
    lang: Lang,
    page: DraftPage,
    step: &'static str,
    missing: Vec<Missing>,
) -> AppResult<HttpResponse> {
    let draft_id = page.draft.id;
    let (list, names, versions, progress) = db
        .run(move |c| {
            let list = Response::unanswered(c, draft_id, LISTED)?;
            let names = Comment::consented_names(c, &list)?;
            Ok((
                list,
                names,
                Synthesis::provisions(c, draft_id)?,
                Response::progress(c, draft_id)?,
            ))
        })
        .await?;
    let places = Places::new(lang, &versions);
    let reasons = missing
        .iter()
        .map(|m| {
            let message = Message::new(m.message_key());
            match m {
                Missing::Answers(n) => message.arg("count", n),
                Missing::Status(s) => message.arg("status", lang.text(&s.label_key())),
                _ => message,
            }
            .text(lang)
        })
        .collect();
    let unanswered: Vec<UnansweredItem> = list
        .iter()
        .map(|c| UnansweredItem {
            href: format!("/comments/{}", c.public_id),
            place: places.of(c).1,
            author: crate::views::comment::author(lang, c, &names),
            excerpt: excerpt(&c.body),
        })
        .collect();
    let rest = (progress.unanswered() - unanswered.len() as i64).max(0);
    Ok(Page::render(
        "synthesis/refused",
        lang,
        RefusedView {
            draft: DraftHeader::new(lang, &page.draft, &page.agency, &page.rule, page.questions),
            step,
            synthesis_missing: missing.contains(&Missing::Synthesis),
            reasons,
            unanswered,
            rest,
        },
    )
    .with_status(StatusCode::CONFLICT)
    .into_response(req))
}

/// `POST /workspace/drafts/{slug}/synthesis/publish`: publishes the report
/// once the consultation is closed and every published comment answered.
pub async fn publish(
    req: HttpRequest,
    db: Db,
    lang: Lang,
    drafter: Drafter,
    path: web::Path<String>,
    _: Form<EmptyForm>,
) -> AppResult<HttpResponse> {
    let page = own_page(&db, &drafter, path.into_inner()).await?;
    let (id, actor) = (page.draft.id, actor(&drafter));
    match db.run(move |c| Synthesis::publish(c, id, actor)).await? {
        Ok(()) => Ok(flash::redirect(
            &format!("/drafts/{}/synthesis", page.draft.slug),
            Some("flash-synthesis-published"),
        )),
        Err(missing) => refused(&req, &db, lang, page, "publish", missing).await,
    }
}

/// `POST /workspace/drafts/{slug}/appraisal-request`: the gate — the draft
/// goes to appraisal only with every published comment answered and the
/// report published.
pub async fn request_appraisal(
    req: HttpRequest,
    db: Db,
    lang: Lang,
    drafter: Drafter,
    path: web::Path<String>,
    _: Form<EmptyForm>,
) -> AppResult<HttpResponse> {
    let page = own_page(&db, &drafter, path.into_inner()).await?;
    let (id, actor) = (page.draft.id, actor(&drafter));
    match db
        .run(move |c| Synthesis::request_appraisal(c, id, actor))
        .await?
    {
        Ok(()) => Ok(flash::redirect(
            &format!("/workspace/drafts/{}", page.draft.slug),
            Some("flash-appraisal-requested"),
        )),
        Err(missing) => refused(&req, &db, lang, page, "appraisal", missing).await,
    }
}

/// The drafter as the timeline records them.
fn actor(drafter: &Drafter) -> Actor {
    Actor {
        agency_id: drafter.agency_id,
        user_id: drafter.user.id,
    }
}

/// The report's cursor of a request, if any; a malformed one is refused.
pub(super) fn cursor_param(raw: &str) -> AppResult<Option<Cursor>> {
    if raw.is_empty() {
        return Ok(None);
    }
    parse_cursor(raw)
        .map(Some)
        .ok_or_else(|| AppError::bad_request(Message::new("synthesis-error-cursor")))
}
