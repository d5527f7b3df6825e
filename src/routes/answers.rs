//! The answer workspace: the drafting agency answers every comment of its
//! draft — one by one or a group at once — saves, publishes, corrects, and
//! answers the commenter's one rebuttal.

use std::collections::HashMap;

use actix_web::{HttpRequest, HttpResponse, web};
use serde::{Deserialize, Serialize};

use crate::auth::{CsrfToken, Drafter, Form};
use crate::db::Db;
use crate::domain::comment::Category;
use crate::domain::response::{Answer, Decision};
use crate::error::{AppError, AppResult, ErrorKind, Message};
use crate::i18n::Lang;
use crate::mail::Postman;
use crate::models::response::Published;
use crate::models::{
    Comment, CommentFilter, DraftPage, NewMail, NewResponse, ProvisionRow, Rebuttal, Response,
};
use crate::views::Page;
use crate::views::comment::{CommentItem, vn_time};
use crate::views::draft::DraftHeader;
use crate::views::flash;
use crate::views::form::FormErrors;
use crate::views::response::{AnswerView, provision_label};

use super::comments::parse_after;
use super::workspace::own_page;

/// Comments per page of the workspace list.
const PER_PAGE: i64 = 50;

#[derive(Debug, Default, Deserialize)]
pub struct WorkspaceQuery {
    /// `all`, or unanswered only (the default).
    #[serde(default)]
    show: String,
    #[serde(default)]
    category: String,
    /// Cursor `position.id`.
    #[serde(default)]
    after: String,
    /// Only the members of this campaign cluster.
    cluster: Option<i64>,
}

#[derive(Serialize)]
struct Row {
    id: i64,
    comment: CommentItem,
    provision: String,
    current: Option<AnswerView>,
    saved: Option<AnswerView>,
}

#[derive(Serialize)]
struct Choice {
    value: &'static str,
    label_key: &'static str,
    selected: bool,
}

fn decisions(selected: &str) -> Vec<Choice> {
    Decision::ALL
        .into_iter()
        .map(|d| Choice {
            value: d.as_str(),
            label_key: d.label_key(),
            selected: d.as_str() == selected,
        })
        .collect()
}

#[derive(Serialize)]
struct Reused {
    count: i64,
    sample: String,
}

#[derive(Serialize)]
struct ListView {
    csrf: String,
    draft: DraftHeader,
    progress: crate::models::Progress,
    unanswered: i64,
    rows: Vec<Row>,
    all: bool,
    categories: Vec<Choice>,
    decisions: Vec<Choice>,
    reused: Vec<Reused>,
    next: Option<String>,
    max_chars: usize,
    /// The draft's campaigns, to filter by.
    clusters: Vec<super::clusters::ClusterChoice>,
    /// The campaign filtered by, and how many of its members are unanswered.
    cluster: Option<i64>,
    cluster_unanswered: i64,
}

/// "Khoản 2 Điều 5", "Góp ý chung" or "Câu hỏi 2" for a comment.
fn target_label(lang: Lang, comment: &Comment, outline: &[ProvisionRow]) -> String {
    if let Some(q) = comment.question_position {
        return lang.text_with(
            "comment-target-question",
            &[("n".into(), q.to_string().into())].into_iter().collect(),
        );
    }
    match &comment.anchor {
        None => lang.text("comment-target-draft"),
        Some(anchor) => outline
            .iter()
            .find(|p| &p.anchor == anchor)
            .map(|p| provision_label(lang, p))
            .unwrap_or_else(|| anchor.clone()),
    }
}

/// `GET /workspace/drafts/{slug}/answers`: the draft's comments in the order
/// of the draft, unanswered first by default, with the group-answer form.
pub async fn index(
    db: Db,
    lang: Lang,
    csrf: CsrfToken,
    drafter: Drafter,
    path: web::Path<String>,
    query: web::Query<WorkspaceQuery>,
) -> AppResult<Page> {
    let page = own_page(&db, &drafter, path.into_inner()).await?;
    let all = query.show == "all";
    let category = query.category.parse::<Category>().ok();
    let filter = CommentFilter {
        anchor: None,
        category: category.map(Category::as_str),
    };
    let (draft_id, after, cluster) = (page.draft.id, parse_after(&query.after), query.cluster);
    let (list, names, answers, outlines, progress, reused, campaigns) = db
        .run(move |c| {
            let list = match cluster {
                Some(id) => {
                    crate::models::Cluster::find(c, draft_id, id)?;
                    if all {
                        crate::models::Cluster::members_by_provision(c, id, after, PER_PAGE + 1)?
                    } else {
                        crate::models::Cluster::unanswered_members(c, id, after, PER_PAGE + 1)?
                    }
                }
                None if all => Comment::by_provision(c, draft_id, &filter, after, PER_PAGE + 1)?,
                None => Response::unanswered_page(c, draft_id, &filter, after, PER_PAGE + 1)?,
            };
            let campaigns = (
                crate::models::Cluster::campaigns(c, draft_id, 100)?,
                crate::models::Cluster::campaign_sizes(c, draft_id)?,
                match cluster {
                    Some(id) => super::clusters::unanswered(c, id)?,
                    None => 0,
                },
            );
            let names = Comment::consented_names(c, &list)?;
            let ids: Vec<i64> = list.iter().map(|c| c.id).collect();
            let answers = Response::of(c, &ids)?;
            let outlines = crate::models::Version::outlines(c, draft_id)?;
            let progress = Response::progress(c, draft_id)?;
            let reused = Response::reused_explanations(c, draft_id)?;
            Ok((list, names, answers, outlines, progress, reused, campaigns))
        })
        .await?;
    let (campaigns, sizes, cluster_unanswered) = campaigns;
    let slug = page.draft.slug.clone();
    let empty = Vec::new();
    let rows = list
        .iter()
        .take(PER_PAGE as usize)
        .map(|c| {
            let history = answers.get(&c.id).map(Vec::as_slice).unwrap_or_default();
            let view = |r: &Response| {
                let outline = r
                    .version_number
                    .and_then(|n| outlines.get(&n))
                    .unwrap_or(&empty);
                AnswerView::new(lang, r, &slug, c.version_number, outline)
            };
            Row {
                id: c.id,
                comment: CommentItem::new(lang, c, &names).with_campaign(c, &slug, &sizes),
                provision: target_label(lang, c, outlines.get(&c.version_number).unwrap_or(&empty)),
                current: history.iter().find(|r| r.is_current()).map(view),
                saved: history.iter().find(|r| r.published_at.is_none()).map(view),
            }
        })
        .collect();
    let next = (list.len() as i64 > PER_PAGE).then(|| {
        let last = &list[PER_PAGE as usize - 1];
        let mut qs = url::form_urlencoded::Serializer::new(String::new());
        if all {
            qs.append_pair("show", "all");
        }
        if let Some(c) = category {
            qs.append_pair("category", c.as_str());
        }
        if let Some(id) = cluster {
            qs.append_pair("cluster", &id.to_string());
        }
        qs.append_pair("after", &format!("{}.{}", last.position, last.id));
        qs.finish()
    });
    let samples = {
        let keys: Vec<String> = reused.iter().map(|(k, _)| k.clone()).collect();
        db.run(move |c| Response::explanation_samples(c, draft_id, &keys))
            .await?
    };
    let view = ListView {
        csrf: csrf.0,
        unanswered: progress.unanswered(),
        progress,
        rows,
        all,
        categories: Category::ALL
            .into_iter()
            .map(|c| Choice {
                value: c.as_str(),
                label_key: c.label_key(),
                selected: Some(c) == category,
            })
            .collect(),
        decisions: decisions(""),
        reused: reused
            .into_iter()
            .map(|(key, count)| Reused {
                count,
                sample: samples.get(&key).cloned().unwrap_or(key),
            })
            .collect(),
        next,
        max_chars: Answer::MAX_CHARS,
        clusters: super::clusters::choices(&campaigns, cluster),
        cluster,
        cluster_unanswered,
        draft: DraftHeader::new(
            lang,
            &page.draft,
            &page.agency,
            &page.rule,
            page.questions.clone(),
        ),
    };
    Ok(Page::render("answers/index", lang, view))
}

/// The provisions of the draft's newest version, offered as "where the change
/// is" when that version is newer than the one commented on.
#[derive(Serialize)]
struct AnchorChoice {
    anchor: String,
    label: String,
    depth: i32,
    checked: bool,
}

#[derive(Serialize)]
struct AnswerFormView {
    csrf: String,
    draft: DraftHeader,
    comment: CommentItem,
    comment_id: String,
    provision: String,
    history: Vec<AnswerView>,
    saved: Option<AnswerView>,
    decisions: Vec<Choice>,
    explanation: String,
    anchors: Vec<AnchorChoice>,
    next_version: Option<i32>,
    commented_version: i32,
    rebuttal: Option<RebuttalView>,
    reuse_count: Option<i64>,
    errors: FormErrors,
    max_chars: usize,
}

#[derive(Serialize)]
struct RebuttalView {
    paragraphs: Vec<String>,
    created_at: String,
    answer: Option<Vec<String>>,
    answered_at: Option<String>,
}

impl RebuttalView {
    fn new(r: &Rebuttal) -> RebuttalView {
        let lines = |t: &str| {
            t.lines()
                .filter(|l| !l.trim().is_empty())
                .map(str::to_string)
                .collect::<Vec<_>>()
        };
        RebuttalView {
            paragraphs: lines(&r.body),
            created_at: vn_time(r.created_at),
            answer: r.answer.as_deref().map(lines),
            answered_at: r.answered_at.map(vn_time),
        }
    }
}

/// What one comment's answer page needs.
struct Loaded {
    page: DraftPage,
    comment: Comment,
    names: HashMap<i64, String>,
    history: Vec<Response>,
    outlines: HashMap<i32, Vec<ProvisionRow>>,
    rebuttal: Option<Rebuttal>,
}

async fn load(db: &Db, drafter: &Drafter, slug: String, public_id: String) -> AppResult<Loaded> {
    let page = own_page(db, drafter, slug).await?;
    let draft_id = page.draft.id;
    let (comment, names, history, outlines, rebuttal) = db
        .run(move |c| {
            let comment = Comment::find_in_draft(c, draft_id, &public_id)?;
            let names = Comment::consented_names(c, std::slice::from_ref(&comment))?;
            let history = Response::of(c, &[comment.id])?
                .remove(&comment.id)
                .unwrap_or_default();
            let outlines = crate::models::Version::outlines(c, draft_id)?;
            let rebuttal = Rebuttal::of(c, comment.id)?;
            Ok((comment, names, history, outlines, rebuttal))
        })
        .await?;
    Ok(Loaded {
        page,
        comment,
        names,
        history,
        outlines,
        rebuttal,
    })
}

fn form_view(
    lang: Lang,
    csrf: CsrfToken,
    loaded: &Loaded,
    values: Option<&AnswerForm>,
    reuse_count: Option<i64>,
    errors: FormErrors,
) -> AnswerFormView {
    let empty = Vec::new();
    let slug = &loaded.page.draft.slug;
    let commented = loaded.comment.version_number;
    let view = |r: &Response| {
        let outline = r
            .version_number
            .and_then(|n| loaded.outlines.get(&n))
            .unwrap_or(&empty);
        AnswerView::new(lang, r, slug, commented, outline)
    };
    let saved = loaded.history.iter().find(|r| r.published_at.is_none());
    let newest = loaded.outlines.keys().max().copied().unwrap_or(commented);
    let next_version = (newest > commented).then_some(newest);
    let chosen: Vec<String> = match (values, saved) {
        (Some(v), _) => v.anchors.clone(),
        (None, Some(s)) => s.anchor_list().iter().map(|a| a.to_string()).collect(),
        _ => Vec::new(),
    };
    let anchors = next_version
        .and_then(|n| loaded.outlines.get(&n))
        .map(|outline| {
            outline
                .iter()
                .filter(|p| matches!(p.kind.as_str(), "article" | "clause" | "point"))
                .map(|p| AnchorChoice {
                    anchor: p.anchor.clone(),
                    label: provision_label(lang, p),
                    depth: p.depth,
                    checked: chosen.contains(&p.anchor),
                })
                .collect()
        })
        .unwrap_or_default();
    let decision = values
        .map(|v| v.decision.clone())
        .or_else(|| saved.map(|s| s.decision.clone()))
        .unwrap_or_default();
    let explanation = values
        .map(|v| v.explanation.clone())
        .or_else(|| saved.map(|s| s.explanation.clone()))
        .unwrap_or_default();
    AnswerFormView {
        csrf: csrf.0,
        draft: DraftHeader::new(
            lang,
            &loaded.page.draft,
            &loaded.page.agency,
            &loaded.page.rule,
            loaded.page.questions.clone(),
        ),
        comment: CommentItem::new(lang, &loaded.comment, &loaded.names),
        comment_id: loaded.comment.public_id.clone(),
        provision: target_label(
            lang,
            &loaded.comment,
            loaded.outlines.get(&commented).unwrap_or(&empty),
        ),
        history: loaded
            .history
            .iter()
            .filter(|r| r.published_at.is_some())
            .rev()
            .map(view)
            .collect(),
        saved: saved.map(view),
        decisions: decisions(&decision),
        explanation,
        anchors,
        next_version,
        commented_version: commented,
        rebuttal: loaded.rebuttal.as_ref().map(RebuttalView::new),
        reuse_count,
        errors,
        max_chars: Answer::MAX_CHARS,
    }
}

/// `GET /workspace/drafts/{slug}/answers/{comment}`: one comment, its
/// answers so far, and the form.
pub async fn edit(
    db: Db,
    lang: Lang,
    csrf: CsrfToken,
    drafter: Drafter,
    path: web::Path<(String, String)>,
) -> AppResult<Page> {
    let (slug, public_id) = path.into_inner();
    let loaded = load(&db, &drafter, slug, public_id).await?;
    Ok(Page::render(
        "answers/edit",
        lang,
        form_view(lang, csrf, &loaded, None, None, FormErrors::default()),
    ))
}

/// What the answer form sends.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct AnswerForm {
    decision: String,
    explanation: String,
    /// Anchors of the next version, from checkboxes (`anchors=…&anchors=…`).
    anchors: Vec<String>,
    /// `publish`, or save only.
    action: String,
}

/// Reads a form whose checkboxes repeat one name (serde_urlencoded can't).
fn parse_answer_form(body: &[u8]) -> AnswerForm {
    let mut form = AnswerForm::default();
    for (key, value) in url::form_urlencoded::parse(body) {
        match key.as_ref() {
            "decision" => form.decision = value.into_owned(),
            "explanation" => form.explanation = value.into_owned(),
            "anchors" => form.anchors.push(value.into_owned()),
            "action" => form.action = value.into_owned(),
            _ => {}
        }
    }
    form
}

/// The e-mail telling a commenter their comment was answered.
fn answer_mail(postman: &Postman, slug: &str, published: Published<'_>) -> Option<NewMail> {
    let to = published.email?;
    let decision: Decision = published.response.decision.parse().ok()?;
    // In the commenter's language; Vietnamese for guests.
    let lang = published
        .lang
        .as_deref()
        .and_then(Lang::from_code)
        .unwrap_or(Lang::Vi);
    let changes: Vec<serde_json::Value> = match published.response.version_number {
        Some(to) => published
            .response
            .anchor_list()
            .iter()
            .map(|anchor| {
                serde_json::json!({
                    "anchor": anchor,
                    "link": postman.link(&format!(
                        "/drafts/{slug}/diff?from={}&to={to}#{anchor}",
                        published.comment.version_number
                    )),
                })
            })
            .collect(),
        None => Vec::new(),
    };
    let data = serde_json::json!({
        "decision_key": decision.label_key(),
        "explanation": published.response.explanation,
        "link": postman.link(&format!("/comments/{}", published.comment.public_id)),
        "changes": changes,
        "correction": published.superseded.is_some(),
    });
    postman.compose("response_published", lang, &to, &data).ok()
}

fn postman_of(req: &HttpRequest) -> AppResult<web::Data<Postman>> {
    req.app_data::<web::Data<Postman>>()
        .cloned()
        .ok_or_else(|| AppError::internal(anyhow::anyhow!("no postman in app data")))
}

/// Publishes the saved answers of `ids` (all saved answers when `None`) and
/// wakes the mail worker; returns how many were published.
pub(super) async fn publish(
    db: &Db,
    postman: &Postman,
    page: &DraftPage,
    ids: Option<Vec<i64>>,
) -> AppResult<usize> {
    let (draft_id, slug, composer) = (page.draft.id, page.draft.slug.clone(), postman.clone());
    let count = db
        .run(move |c| {
            Response::publish(c, draft_id, ids.as_deref(), |p| {
                answer_mail(&composer, &slug, p)
            })
        })
        .await?;
    postman.wake();
    Ok(count)
}

/// `POST /workspace/drafts/{slug}/answers/{comment}`: saves the answer, and
/// publishes it when asked; then on to the next unanswered comment.
pub async fn save(
    req: HttpRequest,
    db: Db,
    lang: Lang,
    csrf: CsrfToken,
    drafter: Drafter,
    path: web::Path<(String, String)>,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    crate::auth::csrf::verify_form(&req, &body)?;
    let postman = postman_of(&req)?;
    let form = parse_answer_form(&body);
    let (slug, public_id) = path.into_inner();
    let loaded = load(&db, &drafter, slug, public_id).await?;
    let answer = match Answer::parse(&form.decision, &form.explanation) {
        Ok(answer) => answer,
        Err(invalid) => {
            let mut errors = FormErrors::default();
            errors.add(lang, &invalid);
            return Ok(Page::render(
                "answers/edit",
                lang,
                form_view(lang, csrf, &loaded, Some(&form), None, errors),
            )
            .with_status(actix_web::http::StatusCode::UNPROCESSABLE_ENTITY)
            .into_response(&req));
        }
    };
    let newest = loaded.outlines.keys().max().copied();
    let next_version = newest.filter(|n| *n > loaded.comment.version_number);
    let anchors: Vec<String> = match next_version.and_then(|n| loaded.outlines.get(&n)) {
        Some(outline) => form
            .anchors
            .iter()
            .filter(|a| outline.iter().any(|p| &p.anchor == *a))
            .cloned()
            .collect(),
        None => Vec::new(),
    };
    let new = NewResponse {
        draft_id: loaded.page.draft.id,
        answer,
        anchors,
        version_number: next_version,
        responder_id: drafter.user.id,
    };
    let comment_id = loaded.comment.id;
    db.run(move |c| new.save(c, &[comment_id])).await?;
    let publishing = form.action == "publish";
    if publishing {
        publish(&db, &postman, &loaded.page, Some(vec![comment_id])).await?;
    }
    let draft_id = loaded.page.draft.id;
    let next = db
        .run(move |c| Response::unanswered(c, draft_id, 2))
        .await?
        .into_iter()
        .find(|c| c.id != comment_id);
    let slug = &loaded.page.draft.slug;
    let location = match next {
        Some(c) => format!("/workspace/drafts/{slug}/answers/{}", c.public_id),
        None => format!("/workspace/drafts/{slug}/answers"),
    };
    Ok(flash::redirect(
        &location,
        Some(if publishing {
            "flash-answer-published"
        } else {
            "flash-answer-saved"
        }),
    ))
}

/// `POST /workspace/drafts/{slug}/answers`: one answer saved for every
/// selected comment (a campaign answer), or the selected saved answers published.
pub async fn bulk(
    req: HttpRequest,
    db: Db,
    drafter: Drafter,
    postman: web::Data<Postman>,
    path: web::Path<String>,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    crate::auth::csrf::verify_form(&req, &body)?;
    let page = own_page(&db, &drafter, path.into_inner()).await?;
    let mut ids = Vec::new();
    let mut form = AnswerForm::default();
    for (key, value) in url::form_urlencoded::parse(&body) {
        match key.as_ref() {
            "ids" => ids.extend(value.parse::<i64>().ok()),
            "decision" => form.decision = value.into_owned(),
            "explanation" => form.explanation = value.into_owned(),
            "action" => form.action = value.into_owned(),
            _ => {}
        }
    }
    let back = format!("/workspace/drafts/{}/answers", page.draft.slug);
    if form.action == "publish-all" {
        publish(&db, &postman, &page, None).await?;
        return Ok(flash::redirect(&back, Some("flash-answers-published")));
    }
    if ids.is_empty() {
        return Err(AppError::new(ErrorKind::UnprocessableEntity)
            .with_message(Message::new("answer-error-none-selected")));
    }
    if form.action == "publish" {
        publish(&db, &postman, &page, Some(ids)).await?;
        return Ok(flash::redirect(&back, Some("flash-answers-published")));
    }
    let answer = Answer::parse(&form.decision, &form.explanation).map_err(|invalid| {
        AppError::new(ErrorKind::UnprocessableEntity).with_message(invalid.message)
    })?;
    let new = NewResponse {
        draft_id: page.draft.id,
        answer,
        anchors: Vec::new(),
        version_number: None,
        responder_id: drafter.user.id,
    };
    db.run(move |c| new.save(c, &ids)).await?;
    Ok(flash::redirect(&back, Some("flash-answers-saved-group")))
}

/// What the rebuttal forms send.
#[derive(Debug, Deserialize)]
pub struct RebuttalForm {
    #[serde(default)]
    body: String,
}

/// `POST /workspace/drafts/{slug}/answers/{comment}/rebuttal`: the agency's
/// answer to the commenter's rebuttal (once).
pub async fn answer_rebuttal(
    db: Db,
    drafter: Drafter,
    path: web::Path<(String, String)>,
    Form(form): Form<RebuttalForm>,
) -> AppResult<HttpResponse> {
    let (slug, public_id) = path.into_inner();
    let loaded = load(&db, &drafter, slug, public_id).await?;
    let text = crate::domain::account::clean_multiline(&form.body);
    if text.is_empty() || text.chars().count() > Answer::MAX_CHARS {
        return Err(AppError::new(ErrorKind::UnprocessableEntity)
            .with_message(Message::new("rebuttal-error-empty")));
    }
    let (comment_id, user) = (loaded.comment.id, drafter.user.id);
    if !db
        .run(move |c| Rebuttal::answer(c, comment_id, &text, user))
        .await?
    {
        return Err(AppError::new(ErrorKind::Conflict)
            .with_message(Message::new("rebuttal-error-answered")));
    }
    Ok(flash::redirect(
        &format!(
            "/workspace/drafts/{}/answers/{}",
            loaded.page.draft.slug, loaded.comment.public_id
        ),
        Some("flash-rebuttal-answered"),
    ))
}

/// `POST /comments/{id}/rebuttal`: the author's one reply to the published answer.
pub async fn rebut(
    db: Db,
    crate::auth::SignedIn(user): crate::auth::SignedIn,
    path: web::Path<String>,
    Form(form): Form<RebuttalForm>,
) -> AppResult<HttpResponse> {
    let public_id = path.into_inner();
    let comment = db.run(move |c| Comment::find(c, &public_id)).await?;
    if comment.user_id != Some(user.id) {
        return Err(AppError::forbidden());
    }
    let text = crate::domain::account::clean_multiline(&form.body);
    if text.is_empty() || text.chars().count() > Answer::MAX_CHARS {
        return Err(AppError::new(ErrorKind::UnprocessableEntity)
            .with_message(Message::new("rebuttal-error-empty")));
    }
    let id = comment.id;
    let answered = db
        .run(move |c| Ok(Response::current_of(c, &[id])?.contains_key(&id)))
        .await?;
    if !answered {
        return Err(AppError::new(ErrorKind::Conflict)
            .with_message(Message::new("rebuttal-error-no-answer")));
    }
    if !db.run(move |c| Rebuttal::create(c, id, &text)).await? {
        return Err(
            AppError::new(ErrorKind::Conflict).with_message(Message::new("rebuttal-error-once"))
        );
    }
    Ok(flash::redirect(
        &format!("/comments/{}", comment.public_id),
        Some("flash-rebuttal-sent"),
    ))
}
