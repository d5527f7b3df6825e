//! The drafting agency answers the appraisal: every point of the current
//! appraisal gets a decision and, unless accepted, an explanation — again
//! when the appraiser judged the answer inadequate. Every handler takes a
//! [`Drafter`] and touches only drafts of `drafter.agency_id`.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::{Deserialize, Serialize};

use crate::auth::{CsrfToken, Drafter, Form};
use crate::db::Db;
use crate::domain::draft::DraftStatus;
use crate::domain::response::Answer;
use crate::error::{AppError, AppResult, ErrorKind, Message};
use crate::i18n::Lang;
use crate::models::{Answered, AppraisalAnswer, DraftPage};
use crate::views::Page;
use crate::views::appraisal::{ErrorLink, ExchangeView, PointForm, error_links};
use crate::views::draft::DraftHeader;
use crate::views::flash;

use super::appraisal::{Loaded, header, load_exchanges};
use super::workspace::own_page;

#[derive(Serialize)]
struct AnswersView {
    csrf: String,
    draft: DraftHeader,
    exchanges: Vec<ExchangeView>,
    open_points: usize,
    max_chars: usize,
    errors: Vec<ErrorLink>,
}

/// An answer form shown again with its errors.
struct Typed {
    point_id: i64,
    form: AnswerForm,
    decision_error: Option<String>,
    explanation_error: Option<String>,
}

fn answers_view(
    lang: Lang,
    csrf: CsrfToken,
    page: &DraftPage,
    loaded: &Loaded,
    typed: Option<Typed>,
) -> AnswersView {
    let mut exchanges = loaded.views(lang, &page.draft.slug);
    // A point can be open only while the draft is appraised: an answer to
    // the last one moves it on, a challenge brings it back.
    let answering = page.draft.status() == DraftStatus::Appraised;
    let mut open_points = 0;
    if let (Some(current), true) = (exchanges.first_mut(), answering) {
        open_points = current.open_points;
        for point in current.points.iter_mut().filter(|p| p.open) {
            let typed = typed.as_ref().filter(|t| t.point_id == point.id);
            let mut form = PointForm::answer(
                &page.draft.slug,
                point.id,
                typed.map_or("", |t| t.form.decision.as_str()),
                typed
                    .map(|t| t.form.explanation.clone())
                    .unwrap_or_default(),
            );
            form.decision_error = typed.and_then(|t| t.decision_error.clone());
            form.text_error = typed.and_then(|t| t.explanation_error.clone());
            point.form = Some(form);
        }
    }
    AnswersView {
        errors: error_links(&exchanges),
        csrf: csrf.0,
        draft: header(lang, page),
        exchanges,
        open_points,
        max_chars: Answer::MAX_CHARS,
    }
}

/// `GET /workspace/drafts/{slug}/appraisal`: the appraisal's points with
/// their history, and a form under each open point.
pub async fn index(
    db: Db,
    lang: Lang,
    csrf: CsrfToken,
    drafter: Drafter,
    path: web::Path<String>,
) -> AppResult<Page> {
    let page = own_page(&db, &drafter, path.into_inner()).await?;
    let loaded = load_exchanges(&db, page.draft.id).await?;
    Ok(Page::render(
        "appraisal/answers",
        lang,
        answers_view(lang, csrf, &page, &loaded, None),
    ))
}

/// What the answer form sends.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct AnswerForm {
    decision: String,
    explanation: String,
}

/// `POST /workspace/drafts/{slug}/appraisal/points/{id}`: answers an open
/// point; the explanation is required unless the point is accepted. When
/// no point is left open the draft becomes appraisal answered.
pub async fn answer(
    req: HttpRequest,
    db: Db,
    lang: Lang,
    csrf: CsrfToken,
    drafter: Drafter,
    path: web::Path<(String, i64)>,
    Form(form): Form<AnswerForm>,
) -> AppResult<HttpResponse> {
    let (slug, point_id) = path.into_inner();
    let page = own_page(&db, &drafter, slug).await?;
    let loaded = load_exchanges(&db, page.draft.id).await?;
    let current = loaded.exchanges.first().ok_or_else(AppError::not_found)?;
    if !current.points.iter().any(|p| p.point.id == point_id) {
        return Err(AppError::not_found());
    }
    let answer = match Answer::parse(&form.decision, &form.explanation) {
        Ok(answer) => answer,
        Err(invalid) => {
            let text = Some(invalid.message.text(lang));
            let typed = Typed {
                point_id,
                decision_error: text.clone().filter(|_| invalid.field == "decision"),
                explanation_error: text.filter(|_| invalid.field == "explanation"),
                form,
            };
            return Ok(Page::render(
                "appraisal/answers",
                lang,
                answers_view(lang, csrf, &page, &loaded, Some(typed)),
            )
            .with_status(StatusCode::UNPROCESSABLE_ENTITY)
            .into_response(&req));
        }
    };
    let (draft_id, user, agency) = (page.draft.id, drafter.user.id, drafter.agency_id);
    let outcome = db
        .run(move |c| AppraisalAnswer::add(c, draft_id, point_id, &answer, user, agency))
        .await?;
    let conflict = |key| Err(AppError::new(ErrorKind::Conflict).with_message(Message::new(key)));
    match outcome {
        Answered::Stored { all } => Ok(flash::redirect(
            &format!(
                "/workspace/drafts/{}/appraisal#appraisal-point-{point_id}",
                page.draft.slug
            ),
            Some(if all {
                "flash-appraisal-all-answered"
            } else {
                "flash-appraisal-answered"
            }),
        )),
        Answered::NotOpen => conflict("appraisal-error-not-open"),
        Answered::Closed => conflict("appraisal-error-closed"),
    }
}
