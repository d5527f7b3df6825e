//! The justice department's side of the appraisal: the overview of every
//! agency's drafts past consultation, recording an appraisal (conclusion,
//! summary, report, points: see `appraisal_record`), and judging an answer
//! inadequate. Every handler takes an [`Appraiser`].

use std::collections::HashMap;

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use chrono::Utc;
use serde::{Deserialize, Serialize};

use crate::auth::{Appraiser, CsrfToken, Form};
use crate::db::Db;
use crate::domain::appraisal::ChallengeNote;
use crate::domain::draft::{DraftStatus, local_date};
use crate::error::{AppError, AppResult, ErrorKind, Message};
use crate::i18n::Lang;
use crate::models::{
    Agency, AppraisalAnswer, AppraisalPoint, Challenged, Draft, DraftPage, Exchange, Monitored,
    ProvisionRow, Version,
};
use crate::views::Page;
use crate::views::appraisal::{ErrorLink, ExchangeContext, ExchangeView, PointForm, error_links};
use crate::views::draft::DraftHeader;
use crate::views::flash;
use crate::views::form::FormErrors;

use super::appraisal_record::{RecordView, Typed, outline_of, record_view, storage_of};

/// A draft's appraisals with what showing them needs.
pub(super) struct Loaded {
    pub exchanges: Vec<Exchange>,
    agencies: HashMap<i64, String>,
    outlines: HashMap<i32, Vec<ProvisionRow>>,
}

impl Loaded {
    /// The exchanges as pages show them, newest first.
    pub fn views(&self, lang: Lang, slug: &str) -> Vec<ExchangeView> {
        ExchangeView::list(
            &ExchangeContext {
                lang,
                slug,
                agencies: &self.agencies,
                outlines: &self.outlines,
            },
            &self.exchanges,
        )
    }
}

/// Loads a draft's appraisals, the agencies' names and the appraised versions' outlines.
pub(super) async fn load_exchanges(db: &Db, draft_id: i64) -> AppResult<Loaded> {
    db.run(move |c| {
        let exchanges = Exchange::of_draft(c, draft_id)?;
        let agencies = Agency::list(c)?
            .into_iter()
            .map(|a| (a.id, a.name))
            .collect();
        let mut outlines = HashMap::new();
        for e in &exchanges {
            let n = e.appraisal.version_number;
            if let std::collections::hash_map::Entry::Vacant(slot) = outlines.entry(n) {
                let version = Version::by_number(c, draft_id, n)?;
                slot.insert(Version::provisions(c, version.id)?);
            }
        }
        Ok(Loaded {
            exchanges,
            agencies,
            outlines,
        })
    })
    .await
}

/// A public draft (not in preparation), as every appraisal page needs it.
pub(super) async fn public_page(db: &Db, slug: String) -> AppResult<DraftPage> {
    let page = db
        .run(move |c| DraftPage::load(c, &slug, None, false))
        .await?;
    if page.draft.status() == DraftStatus::Preparing {
        return Err(AppError::not_found());
    }
    Ok(page)
}

pub(super) fn header(lang: Lang, page: &DraftPage) -> DraftHeader {
    DraftHeader::new(
        lang,
        &page.draft,
        &page.agency,
        &page.rule,
        page.questions.clone(),
    )
}

#[derive(Serialize)]
struct OverviewRow {
    slug: String,
    title: String,
    agency: String,
    status_key: String,
    in_appraisal: bool,
    progress: crate::models::Progress,
    /// Whole days since the last day of the window.
    days_closed: Option<i64>,
    closes_on: Option<String>,
    recorded: bool,
    conclusion_key: Option<&'static str>,
    points: usize,
    open_points: usize,
}

#[derive(Serialize)]
struct OverviewView {
    rows: Vec<OverviewRow>,
}

/// `GET /appraisal`: every agency's drafts past consultation, with how far
/// each agency has answered its comments and where the appraisal stands.
pub async fn overview(db: Db, lang: Lang, _: Appraiser) -> AppResult<Page> {
    let list = db.run(Monitored::all).await?;
    let today = local_date(Utc::now());
    let rows = list
        .into_iter()
        .map(|m| OverviewRow {
            slug: m.draft.slug.clone(),
            title: m.draft.title.clone(),
            agency: m.agency_name,
            status_key: m.draft.status().label_key(),
            in_appraisal: m.draft.status() == DraftStatus::InAppraisal,
            progress: m.progress,
            days_closed: m.draft.closes_on.map(|d| (today - d).num_days().max(0)),
            closes_on: m.draft.closes_on.map(|d| d.format("%d/%m/%Y").to_string()),
            recorded: m.appraisal.is_some(),
            conclusion_key: m.appraisal.as_ref().map(|a| a.0.conclusion().label_key()),
            points: m.appraisal.as_ref().map_or(0, |a| a.1),
            open_points: m.appraisal.as_ref().map_or(0, |a| a.2),
        })
        .collect();
    Ok(Page::render("appraisal/index", lang, OverviewView { rows }))
}

#[derive(Serialize)]
pub(super) struct ShowView {
    csrf: String,
    draft: DraftHeader,
    record: Option<RecordView>,
    exchanges: Vec<ExchangeView>,
    progress: crate::models::Progress,
    errors: Vec<ErrorLink>,
    max_chars: usize,
}

/// A challenge form shown again with its error.
pub(super) struct ChallengeTyped {
    point_id: i64,
    note: String,
    error: String,
}

/// What the appraiser's page of one draft shows besides the form.
pub(super) struct Shown {
    pub page: DraftPage,
    loaded: Loaded,
    progress: crate::models::Progress,
}

/// Loads the draft, its appraisals and how far its comments are answered.
pub(super) async fn load_shown(db: &Db, slug: String) -> AppResult<Shown> {
    let page = public_page(db, slug).await?;
    let loaded = load_exchanges(db, page.draft.id).await?;
    let draft_id = page.draft.id;
    let progress = db
        .run(move |c| crate::models::Response::progress(c, draft_id))
        .await?;
    Ok(Shown {
        page,
        loaded,
        progress,
    })
}

/// The appraiser's page: the form if given, the exchanges, and a challenge
/// form under every answer of the current appraisal that stands.
pub(super) fn show_view(
    lang: Lang,
    csrf: CsrfToken,
    appraiser: &Appraiser,
    shown: &Shown,
    record: Option<RecordView>,
    challenge: Option<ChallengeTyped>,
) -> ShowView {
    let (page, loaded) = (&shown.page, &shown.loaded);
    let mut exchanges = loaded.views(lang, &page.draft.slug);
    let challengeable = matches!(
        page.draft.status(),
        DraftStatus::Appraised | DraftStatus::AppraisalAnswered
    );
    // Only the current appraisal's answers, and only by its own department.
    if let (Some(current), Some(stored), true) = (
        exchanges.first_mut(),
        loaded.exchanges.first(),
        challengeable,
    ) {
        if stored.appraisal.agency_id == Some(appraiser.agency_id) {
            for point in current.points.iter_mut().filter(|p| !p.open) {
                let typed = challenge.as_ref().filter(|c| c.point_id == point.id);
                point.form = Some(PointForm::challenge(
                    point.id,
                    typed.map(|t| t.note.clone()).unwrap_or_default(),
                    typed.map(|t| t.error.clone()),
                ));
            }
        }
    }
    ShowView {
        errors: error_links(&exchanges),
        max_chars: crate::domain::appraisal::MAX_NOTE_CHARS,
        csrf: csrf.0,
        draft: header(lang, page),
        record,
        exchanges,
        progress: shown.progress,
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct ShowQuery {
    /// The version whose provisions the point rows offer.
    version: Option<i32>,
}

/// `GET /appraisal/drafts/{slug}`: the form while the draft is in
/// appraisal; the exchange so far, with a challenge form under every answer
/// that stands, once recorded.
pub async fn show(
    req: HttpRequest,
    db: Db,
    lang: Lang,
    csrf: CsrfToken,
    appraiser: Appraiser,
    path: web::Path<String>,
    query: web::Query<ShowQuery>,
) -> AppResult<Page> {
    let shown = load_shown(&db, path.into_inner()).await?;
    let page = &shown.page;
    let record = match (page.draft.status(), page.versions.last()) {
        (DraftStatus::InAppraisal, Some(newest)) => {
            let version = query
                .version
                .filter(|n| page.versions.contains(n))
                .unwrap_or(*newest);
            let outline = outline_of(&db, page.draft.id, version).await?;
            let typed = Typed {
                version,
                conclusion: String::new(),
                summary: String::new(),
                rows: Vec::new(),
            };
            let limit = storage_of(&req)?.limit;
            Some(record_view(
                lang,
                page,
                &outline,
                typed,
                limit,
                FormErrors::default(),
            ))
        }
        _ => None,
    };
    Ok(Page::render(
        "appraisal/show",
        lang,
        show_view(lang, csrf, &appraiser, &shown, record, None),
    ))
}

/// What the challenge form sends.
#[derive(Debug, Deserialize)]
pub struct ChallengeForm {
    #[serde(default)]
    note: String,
}

/// `POST /appraisal/points/{id}/challenge`: the answer that stands is judged
/// inadequate, with a note; the point is open again and the answer stays in
/// the history, marked.
pub async fn challenge(
    req: HttpRequest,
    db: Db,
    lang: Lang,
    csrf: CsrfToken,
    appraiser: Appraiser,
    path: web::Path<i64>,
    Form(form): Form<ChallengeForm>,
) -> AppResult<HttpResponse> {
    let point_id = path.into_inner();
    let draft = db
        .run(move |c| {
            let draft_id = AppraisalPoint::draft_of(c, point_id)?;
            Draft::by_id(c, draft_id)
        })
        .await?;
    let note = match ChallengeNote::parse(&form.note) {
        Ok(note) => note,
        Err(invalid) => {
            let shown = load_shown(&db, draft.slug).await?;
            let typed = ChallengeTyped {
                point_id,
                note: form.note,
                error: invalid.message.text(lang),
            };
            return Ok(Page::render(
                "appraisal/show",
                lang,
                show_view(lang, csrf, &appraiser, &shown, None, Some(typed)),
            )
            .with_status(StatusCode::UNPROCESSABLE_ENTITY)
            .into_response(&req));
        }
    };
    let (draft_id, user, agency) = (draft.id, appraiser.user.id, appraiser.agency_id);
    let outcome = db
        .run(move |c| AppraisalAnswer::challenge(c, draft_id, point_id, &note, user, agency))
        .await?;
    let conflict = |key| Err(AppError::new(ErrorKind::Conflict).with_message(Message::new(key)));
    match outcome {
        Challenged::Reopened => Ok(flash::redirect(
            &format!(
                "/appraisal/drafts/{}#appraisal-point-{point_id}",
                draft.slug
            ),
            Some("flash-appraisal-challenged"),
        )),
        Challenged::NothingToChallenge => conflict("appraisal-error-nothing-to-challenge"),
        Challenged::Closed => conflict("appraisal-error-closed"),
        Challenged::OtherAgency => Err(AppError::forbidden()),
    }
}
