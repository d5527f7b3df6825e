//! The drafter's workspace: a drafting agency's own drafts — create one from
//! a .docx or pasted text, check the parsed outline, fix the text, publish,
//! open for comment. Every handler takes a [`Drafter`] and touches only
//! drafts of `drafter.agency_id`.

use actix_multipart::form::MultipartForm;
use actix_multipart::form::bytes::Bytes as FileBytes;
use actix_multipart::form::text::Text;
use actix_web::{HttpRequest, HttpResponse, web};
use chrono::{NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::auth::{CsrfToken, Drafter, Form, Then, csrf};
use crate::db::Db;
use crate::domain::Invalid;
use crate::domain::account::clean_text;
use crate::domain::draft::{DraftStatus, Window, WindowRefused, local_date};
use crate::domain::legal_text;
use crate::error::{AppError, AppResult, ErrorKind, Message};
use crate::i18n::Lang;
use crate::models::{Agency, Draft, DraftPage, NewDraft, Version, WindowRule, import};
use crate::routes::accounts::EmptyForm;
use crate::views::Page;
use crate::views::draft::{DraftHeader, DraftItem, ProvisionView, toc};
use crate::views::flash;
use crate::views::form::FormErrors;

#[derive(Serialize)]
struct RuleChoice {
    doc_type: String,
    name: String,
    min_days: i32,
    selected: bool,
}

#[derive(Serialize)]
struct WorkspaceView {
    agency_name: String,
    agency_id: String,
    drafts: Vec<DraftItem>,
    /// Open threads addressed to the agency, soonest due first.
    threads: Vec<crate::views::thread::ThreadItem>,
}

/// `GET /workspace`.
pub async fn show(db: Db, lang: Lang, drafter: Drafter) -> AppResult<Page> {
    let id = drafter.agency_id;
    let (agency, drafts, progress, threads) = db
        .run(move |c| {
            let drafts = Draft::for_agency(c, id)?;
            let ids: Vec<i64> = drafts.iter().map(|d| d.id).collect();
            let progress = crate::models::Response::progress_many(c, &ids)?;
            // What the agency must answer: open threads addressed to it.
            let filter = crate::models::ThreadFilter {
                agency_id: Some(id),
                state: Some(crate::domain::thread::ThreadState::Open),
                ..Default::default()
            };
            let threads = crate::models::Thread::list(c, &filter, None, 100)?;
            Ok((Agency::by_id(c, id)?, drafts, progress, threads))
        })
        .await?;
    let today = crate::routes::threads::today();
    let mut threads: Vec<_> = threads
        .iter()
        .map(|t| crate::views::thread::ThreadItem::new(t, today, Some(lang)))
        .collect();
    // Soonest due first.
    threads.sort_by(|a, b| a.due_on.cmp(&b.due_on));
    let drafts = drafts
        .iter()
        .map(|d| {
            DraftItem::new(d, &agency.name)
                .with_progress(d, progress.get(&d.id).copied().unwrap_or_default())
        })
        .collect();
    Ok(Page::render(
        "workspace/show",
        lang,
        WorkspaceView {
            agency_name: agency.name,
            agency_id: agency.public_id,
            drafts,
            threads,
        },
    ))
}

/// What the new-draft form sends (multipart, for the file).
#[derive(Debug, MultipartForm)]
pub struct NewDraftForm {
    #[multipart(rename = "_csrf")]
    csrf: Text<String>,
    title: Option<Text<String>>,
    doc_type: Option<Text<String>>,
    field: Option<Text<String>>,
    summary: Option<Text<String>>,
    affected_groups: Option<Text<String>>,
    questions: Option<Text<String>>,
    text: Option<Text<String>>,
    file: Option<FileBytes>,
}

#[derive(Debug, Default, Serialize)]
struct NewDraftValues {
    title: String,
    field: String,
    summary: String,
    affected_groups: String,
    questions: String,
    text: String,
}

#[derive(Serialize)]
struct NewDraftView {
    csrf: String,
    rules: Vec<RuleChoice>,
    values: NewDraftValues,
    errors: FormErrors,
}

async fn new_page(
    db: &Db,
    lang: Lang,
    csrf: CsrfToken,
    values: NewDraftValues,
    doc_type: &str,
    errors: FormErrors,
) -> AppResult<Page> {
    let rules = db.run(WindowRule::list).await?;
    let status = if errors.is_empty() { 200 } else { 422 };
    Ok(Page::render(
        "workspace/new",
        lang,
        NewDraftView {
            csrf: csrf.0,
            rules: rules
                .iter()
                .map(|r| RuleChoice {
                    doc_type: r.doc_type.clone(),
                    name: r.name(lang).to_string(),
                    min_days: r.min_days,
                    selected: r.doc_type == doc_type,
                })
                .collect(),
            values,
            errors,
        },
    )
    .with_status(actix_web::http::StatusCode::from_u16(status).expect("valid status")))
}

/// `GET /workspace/drafts/new`.
pub async fn new(db: Db, lang: Lang, csrf: CsrfToken, _: Drafter) -> AppResult<Page> {
    new_page(
        &db,
        lang,
        csrf,
        NewDraftValues::default(),
        "",
        FormErrors::default(),
    )
    .await
}

fn text_of(field: &Option<Text<String>>) -> String {
    field.as_ref().map(|t| t.0.clone()).unwrap_or_default()
}

/// The text of an uploaded draft file, or else of the pasted text; records
/// an error on `file` when the file can't be read or there is no text at all.
fn draft_text(
    lang: Lang,
    errors: &mut FormErrors,
    file: &Option<FileBytes>,
    pasted: &Option<Text<String>>,
) -> String {
    let text = match file.as_ref().filter(|f| !f.data.is_empty()) {
        Some(file) => match crate::import::source_text(&file.data) {
            Ok(text) => text,
            Err(_) => {
                errors.add_key(lang, "file", "workspace-error-file-type");
                return String::new();
            }
        },
        None => text_of(pasted),
    };
    if text.trim().is_empty() {
        errors.add_key(lang, "file", "workspace-error-no-text");
    }
    text
}

/// `POST /workspace/drafts`: creates the draft and its first version from the
/// uploaded .docx (or text file), or from the pasted text.
pub async fn create(
    req: HttpRequest,
    db: Db,
    lang: Lang,
    csrf_token: CsrfToken,
    drafter: Drafter,
    MultipartForm(form): MultipartForm<NewDraftForm>,
) -> AppResult<HttpResponse> {
    csrf::verify(&req, &form.csrf.0)?;
    let mut errors = FormErrors::default();
    let upload = form.file.as_ref().filter(|f| !f.data.is_empty());
    let text = draft_text(lang, &mut errors, &form.file, &form.text);
    let document = legal_text::parse(&text);
    let title = clean_text(&text_of(&form.title));
    let title = if title.is_empty() {
        document
            .metadata
            .title
            .clone()
            .map(|t| clean_text(&t))
            .unwrap_or_default()
    } else {
        title
    };
    if title.is_empty() || title.chars().count() > 500 {
        errors.add_key(lang, "title", "form-error-required");
    }
    let doc_type = text_of(&form.doc_type);
    let rule = {
        let doc_type = doc_type.clone();
        db.run(move |c| Ok(WindowRule::for_type(c, &doc_type).ok()))
            .await?
    };
    if rule.is_none() {
        errors.add_key(lang, "doc_type", "form-error-choose");
    }
    let values = NewDraftValues {
        title: title.clone(),
        field: text_of(&form.field),
        summary: text_of(&form.summary),
        affected_groups: text_of(&form.affected_groups),
        questions: text_of(&form.questions),
        text: if upload.is_some() {
            String::new()
        } else {
            text.clone()
        },
    };
    if !errors.is_empty() {
        return Ok(new_page(&db, lang, csrf_token, values, &doc_type, errors)
            .await?
            .into_response(&req));
    }
    let new = NewDraft {
        agency_id: drafter.agency_id,
        title,
        doc_type,
        field: clean_text(&values.field),
        summary: clean_text(&values.summary),
        affected_groups: clean_text(&values.affected_groups),
        questions: values
            .questions
            .lines()
            .map(clean_text)
            .filter(|q| !q.is_empty())
            .collect(),
        created_by: Some(drafter.user.id),
    };
    let (draft, _) = db.run(move |c| import(c, &new, &text)).await?;
    Ok(flash::redirect(
        &format!("/workspace/drafts/{}", draft.slug),
        Some("flash-draft-imported"),
    ))
}

/// A drafter and the draft named by `{slug}` in the path, which their
/// agency owns. Checked before the request body is read, so nobody else
/// learns anything from how their form would have been judged.
pub struct OwnDraft {
    pub drafter: Drafter,
    pub page: DraftPage,
}

impl actix_web::FromRequest for OwnDraft {
    type Error = AppError;
    type Future = std::pin::Pin<Box<dyn std::future::Future<Output = Result<Self, AppError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut actix_web::dev::Payload) -> Self::Future {
        let drafter = Drafter::from_request(req, payload).into_inner();
        let slug = req.match_info().get("slug").map(String::from);
        let db = req.app_data::<web::Data<Db>>().map(|d| d.get_ref().clone());
        Box::pin(async move {
            let drafter = drafter?;
            let slug = slug.ok_or_else(AppError::not_found)?;
            let db = db.ok_or_else(|| AppError::internal(anyhow::anyhow!("no database")))?;
            let page = own_page(&db, &drafter, slug).await?;
            Ok(OwnDraft { drafter, page })
        })
    }
}

/// The draft `slug` if it belongs to the drafter's agency.
pub(super) async fn own_page(db: &Db, drafter: &Drafter, slug: String) -> AppResult<DraftPage> {
    let page = db
        .run(move |c| DraftPage::load(c, &slug, None, true))
        .await?;
    if page.draft.agency_id != drafter.agency_id {
        return Err(AppError::forbidden());
    }
    Ok(page)
}

#[derive(Serialize)]
struct Detected {
    number: Option<String>,
    date: Option<String>,
    issuing_body: Option<String>,
    articles: usize,
}

#[derive(Serialize)]
struct ManageView {
    csrf: String,
    draft: DraftHeader,
    documents: Vec<crate::views::draft::DocumentView>,
    dossier_kinds: Vec<(&'static str, String)>,
    status: String,
    version: Option<i32>,
    published: bool,
    source_text: String,
    detected: Option<Detected>,
    toc: Vec<crate::views::draft::TocEntry>,
    provisions: Vec<ProvisionView>,
    can_open: bool,
    opens_on: String,
    closes_on: String,
    rule_min_days: i32,
    rule_basis: String,
    /// Open or closed: the agency may take late comments.
    can_set_late: bool,
    /// The later stages the agency may record now (submitted, adopted, withdrawn).
    later_statuses: Vec<(&'static str, String)>,
    allow_late: bool,
    /// Answers, the synthesis report and the appraisal request.
    synthesis: Option<super::synthesis::Panel>,
    errors: FormErrors,
}

fn manage_view(
    lang: Lang,
    csrf: CsrfToken,
    page: DraftPage,
    errors: FormErrors,
    window: Option<(String, String)>,
) -> ManageView {
    let today = local_date(Utc::now());
    let suggested = Window::minimum(today, page.rule.min_days.max(0) as u32);
    let (opens_on, closes_on) =
        window.unwrap_or((today.to_string(), suggested.closes_on.to_string()));
    let published = page
        .version
        .as_ref()
        .is_some_and(|v| v.published_at.is_some());
    let detected = page.version.as_ref().map(|v| {
        let meta: serde_json::Value = serde_json::from_str(&v.metadata).unwrap_or_default();
        let get = |k: &str| meta.get(k).and_then(|x| x.as_str()).map(str::to_string);
        Detected {
            number: get("number"),
            date: get("date"),
            issuing_body: get("issuing_body"),
            articles: page
                .provisions
                .iter()
                .filter(|p| p.kind == "article")
                .count(),
        }
    });
    ManageView {
        documents: crate::views::draft::DocumentView::list(&page.draft.slug, &page.documents),
        dossier_kinds: crate::models::DOSSIER_KINDS
            .iter()
            .map(|k| (*k, format!("dossier-kind-{}", k.replace('_', "-"))))
            .collect(),
        csrf: csrf.0,
        status: page.draft.status.clone(),
        version: page.version.as_ref().map(|v| v.number),
        published,
        source_text: page
            .version
            .as_ref()
            .map(|v| v.source_text.clone())
            .unwrap_or_default(),
        detected,
        toc: toc(lang, &page.provisions),
        provisions: page
            .provisions
            .iter()
            .map(|p| ProvisionView::new(lang, p))
            .collect(),
        can_open: published && page.draft.status().can_become(DraftStatus::Open),
        opens_on,
        closes_on,
        rule_min_days: page.rule.min_days,
        rule_basis: page.rule.legal_basis.clone(),
        can_set_late: matches!(page.draft.status(), DraftStatus::Open | DraftStatus::Closed),
        allow_late: page.draft.allow_late,
        later_statuses: [
            DraftStatus::Submitted,
            DraftStatus::Adopted,
            DraftStatus::Withdrawn,
        ]
        .into_iter()
        .filter(|s| page.draft.status().can_become(*s))
        .map(|s| (s.as_str(), s.label_key()))
        .collect(),
        synthesis: None,
        draft: DraftHeader::new(lang, &page.draft, &page.agency, &page.rule, page.questions),
        errors,
    }
}

/// `GET /workspace/drafts/{slug}`: the outline and text as parsed, and the next steps.
pub async fn manage(
    db: Db,
    lang: Lang,
    csrf: CsrfToken,
    OwnDraft { page, .. }: OwnDraft,
) -> AppResult<Page> {
    let synthesis = super::synthesis::panel(&db, &page.draft).await?;
    let view = ManageView {
        synthesis,
        ..manage_view(lang, csrf, page, FormErrors::default(), None)
    };
    Ok(Page::render("workspace/manage", lang, view))
}

/// What the text form sends.
#[derive(Debug, Deserialize)]
pub struct TextForm {
    text: String,
}

/// `POST /workspace/drafts/{slug}/text`: fixes the text of the unpublished version.
pub async fn update_text(
    db: Db,
    Then(OwnDraft { page, .. }, Form(form)): Then<OwnDraft, Form<TextForm>>,
) -> AppResult<HttpResponse> {
    let version = page.version.ok_or_else(AppError::not_found)?;
    if version.published_at.is_some() {
        return Err(AppError::new(ErrorKind::Conflict)
            .with_message(Message::new("workspace-error-published")));
    }
    let text = crate::domain::account::unix_newlines(&form.text);
    let document = legal_text::parse(&text);
    db.run(move |c| Version::replace_text(c, version.id, &text, &document))
        .await?;
    Ok(flash::redirect(
        &format!("/workspace/drafts/{}", page.draft.slug),
        Some("flash-draft-text-saved"),
    ))
}

/// `POST /workspace/drafts/{slug}/publish`: publishes the newest version; it never changes again.
pub async fn publish(
    db: Db,
    Then(OwnDraft { page, .. }, _): Then<OwnDraft, Form<EmptyForm>>,
) -> AppResult<HttpResponse> {
    let version = page.version.ok_or_else(AppError::not_found)?;
    db.run(move |c| Version::publish(c, version.id)).await?;
    Ok(flash::redirect(
        &format!("/workspace/drafts/{}", page.draft.slug),
        Some("flash-version-published"),
    ))
}

/// The window a draft may open with, or why not: the dates must parse, the
/// version be published, the first day not be past, and the window be at
/// least the rule's minimum (the refusal names the rule's legal basis).
pub fn check_opening(
    page: &DraftPage,
    opens_on: &str,
    closes_on: &str,
    today: NaiveDate,
) -> Result<Window, Invalid> {
    let date = |field, raw: &str| {
        raw.trim()
            .parse::<NaiveDate>()
            .map_err(|_| Invalid::new(field, "workspace-error-date"))
    };
    let from = date("opens_on", opens_on)?;
    let to = date("closes_on", closes_on)?;
    if page
        .version
        .as_ref()
        .is_none_or(|v| v.published_at.is_none())
    {
        return Err(Invalid::new("opens_on", "workspace-error-unpublished"));
    }
    if !page.draft.status().can_become(DraftStatus::Open) {
        return Err(Invalid::new("opens_on", "workspace-error-status"));
    }
    if from < today {
        return Err(Invalid::new("opens_on", "workspace-error-past"));
    }
    let window =
        Window::new(from, to).map_err(|_| Invalid::new("closes_on", "workspace-error-reversed"))?;
    window
        .check(page.rule.min_days.into(), &page.rule.legal_basis)
        .map_err(|refused| match refused {
            WindowRefused::TooShort {
                days,
                min_days,
                legal_basis,
            } => Invalid {
                field: "closes_on",
                message: Message::new("workspace-error-too-short")
                    .arg("days", days)
                    .arg("min", min_days)
                    .arg("basis", legal_basis),
            },
            WindowRefused::Reversed => Invalid::new("closes_on", "workspace-error-reversed"),
        })?;
    Ok(window)
}

/// What the open-for-comment form sends.
#[derive(Debug, Deserialize)]
pub struct OpenForm {
    opens_on: String,
    closes_on: String,
}

/// `POST /workspace/drafts/{slug}/open`: opens the consultation; a window
/// shorter than the rule for the document type is refused, naming the rule.
pub async fn open(
    req: HttpRequest,
    db: Db,
    lang: Lang,
    csrf_token: CsrfToken,
    Then(OwnDraft { drafter, page }, Form(form)): Then<OwnDraft, Form<OpenForm>>,
) -> AppResult<HttpResponse> {
    let today = local_date(Utc::now());
    let mut errors = FormErrors::default();
    let window = errors.check(
        lang,
        check_opening(&page, &form.opens_on, &form.closes_on, today),
    );
    let Some(window) = window else {
        let typed = Some((form.opens_on.clone(), form.closes_on.clone()));
        return Ok(Page::render(
            "workspace/manage",
            lang,
            manage_view(lang, csrf_token, page, errors, typed),
        )
        .with_status(actix_web::http::StatusCode::UNPROCESSABLE_ENTITY)
        .into_response(&req));
    };
    let (id, rule, actor) = (page.draft.id, page.rule.clone(), drafter.user.id);
    if !db
        .run(move |c| Draft::open_for_comment(c, id, window, &rule, Some(actor)))
        .await?
    {
        return Err(
            AppError::new(ErrorKind::Conflict).with_message(Message::new("workspace-error-status"))
        );
    }
    Ok(flash::redirect(
        &format!("/drafts/{}", page.draft.slug),
        Some("flash-draft-opened"),
    ))
}

/// What the late-comments form sends (a checkbox).
#[derive(Debug, Deserialize)]
pub struct LateForm {
    allow_late: Option<String>,
}

/// `POST /workspace/drafts/{slug}/late`: whether comments after the window
/// closes are taken (marked late) or refused.
pub async fn late(
    db: Db,
    Then(OwnDraft { page, .. }, Form(form)): Then<OwnDraft, Form<LateForm>>,
) -> AppResult<HttpResponse> {
    if !matches!(page.draft.status(), DraftStatus::Open | DraftStatus::Closed) {
        return Err(
            AppError::new(ErrorKind::Conflict).with_message(Message::new("workspace-error-status"))
        );
    }
    let (id, allow) = (page.draft.id, form.allow_late.is_some());
    db.run(move |c| Draft::set_allow_late(c, id, allow)).await?;
    Ok(flash::redirect(
        &format!("/workspace/drafts/{}", page.draft.slug),
        Some(if allow {
            "flash-late-allowed"
        } else {
            "flash-late-refused"
        }),
    ))
}

/// What the declaration-of-interest form sends.
#[derive(Debug, Deserialize)]
pub struct InterestForm {
    /// `none`, or `some` with the declaration's text.
    #[serde(default)]
    choice: String,
    #[serde(default)]
    declaration: String,
}

/// `POST /workspace/drafts/{slug}/interest`: the signed-in drafter declares
/// no interest in the draft, or which; shown on the draft page.
pub async fn declare_interest(
    db: Db,
    Then(OwnDraft { drafter, page }, Form(form)): Then<OwnDraft, Form<InterestForm>>,
) -> AppResult<HttpResponse> {
    let text = clean_text(&form.declaration);
    let declaration = match form.choice.as_str() {
        "none" => String::new(),
        "some" if !text.is_empty() && text.chars().count() <= 2_000 => text,
        "some" => {
            return Err(AppError::new(ErrorKind::UnprocessableEntity)
                .with_message(Message::new("interest-error-text")));
        }
        _ => return Err(AppError::bad_request(Message::new("form-error-choose"))),
    };
    let (id, user) = (page.draft.id, drafter.user.id);
    db.run(move |c| crate::models::interest::declare(c, id, user, &declaration))
        .await?;
    Ok(flash::redirect(
        &format!("/workspace/drafts/{}", page.draft.slug),
        Some("flash-interest-declared"),
    ))
}

/// What the later-stage form sends.
#[derive(Debug, Deserialize)]
pub struct StageForm {
    status: String,
    #[serde(default)]
    note: String,
}

/// `POST /workspace/drafts/{slug}/stage`: records that the draft was
/// submitted, adopted or withdrawn (with a note such as the decision's
/// number), on the public timeline.
pub async fn record_stage(
    db: Db,
    Then(OwnDraft { drafter, page }, Form(form)): Then<OwnDraft, Form<StageForm>>,
) -> AppResult<HttpResponse> {
    let to = form
        .status
        .parse::<DraftStatus>()
        .ok()
        .filter(|s| {
            matches!(
                s,
                DraftStatus::Submitted | DraftStatus::Adopted | DraftStatus::Withdrawn
            )
        })
        .ok_or_else(|| AppError::bad_request(Message::new("form-error-choose")))?;
    let from = page.draft.status();
    let note = clean_text(&form.note);
    let (id, agency, actor) = (page.draft.id, drafter.agency_id, drafter.user.id);
    let moved = db
        .run(move |c| {
            crate::models::DraftEvent::transition(
                c,
                id,
                (from, to),
                Some(agency),
                Some(actor),
                &note,
            )
        })
        .await?;
    if !moved {
        return Err(
            AppError::new(ErrorKind::Conflict).with_message(Message::new("workspace-error-status"))
        );
    }
    Ok(flash::redirect(
        &format!("/drafts/{}", page.draft.slug),
        Some("flash-stage-recorded"),
    ))
}

/// What the new-version form sends.
#[derive(Debug, MultipartForm)]
pub struct NewVersionForm {
    #[multipart(rename = "_csrf")]
    csrf: Text<String>,
    text: Option<Text<String>>,
    file: Option<FileBytes>,
}

/// `POST /workspace/drafts/{slug}/versions`: the next version, from a file or
/// pasted text, unpublished until the agency has checked it.
pub async fn new_version(
    req: HttpRequest,
    db: Db,
    lang: Lang,
    csrf_token: CsrfToken,
    Then(OwnDraft { page, .. }, MultipartForm(form)): Then<OwnDraft, MultipartForm<NewVersionForm>>,
) -> AppResult<HttpResponse> {
    csrf::verify(&req, &form.csrf.0)?;
    if page
        .version
        .as_ref()
        .is_some_and(|v| v.published_at.is_none())
    {
        return Err(AppError::new(ErrorKind::Conflict)
            .with_message(Message::new("workspace-error-unpublished-exists")));
    }
    let mut errors = FormErrors::default();
    let text = draft_text(lang, &mut errors, &form.file, &form.text);
    if !errors.is_empty() {
        return Ok(Page::render(
            "workspace/manage",
            lang,
            manage_view(lang, csrf_token, page, errors, None),
        )
        .with_status(actix_web::http::StatusCode::UNPROCESSABLE_ENTITY)
        .into_response(&req));
    }
    let document = legal_text::parse(&text);
    let draft_id = page.draft.id;
    db.run(move |c| Version::create(c, draft_id, &text, &document))
        .await?;
    Ok(flash::redirect(
        &format!("/workspace/drafts/{}", page.draft.slug),
        Some("flash-version-uploaded"),
    ))
}

/// What the dossier form sends.
#[derive(Debug, MultipartForm)]
pub struct DocumentForm {
    #[multipart(rename = "_csrf")]
    csrf: Text<String>,
    kind: Text<String>,
    title: Option<Text<String>>,
    file: Option<FileBytes>,
}

/// `POST /workspace/drafts/{slug}/documents`: adds a dossier document. Only
/// PDF, DOCX and ODT, recognised by content, up to the configured size.
pub async fn upload_document(
    req: HttpRequest,
    db: Db,
    lang: Lang,
    csrf_token: CsrfToken,
    Then(OwnDraft { page, .. }, MultipartForm(form)): Then<OwnDraft, MultipartForm<DocumentForm>>,
) -> AppResult<HttpResponse> {
    csrf::verify(&req, &form.csrf.0)?;
    let storage = req
        .app_data::<web::Data<crate::storage::Storage>>()
        .cloned()
        .ok_or_else(|| AppError::internal(anyhow::anyhow!("no storage in app data")))?;
    let mut errors = FormErrors::default();
    let kind = crate::models::DOSSIER_KINDS
        .iter()
        .find(|k| **k == form.kind.0.as_str())
        .copied();
    if kind.is_none() {
        errors.add_key(lang, "kind", "form-error-choose");
    }
    let file = form.file.as_ref().filter(|f| !f.data.is_empty());
    let sniffed = file
        .and_then(|f| crate::import::sniff(&f.data))
        .filter(|k| k.is_document());
    match file {
        None => errors.add_key(lang, "document", "dossier-error-no-file"),
        Some(f) if f.data.len() > storage.limit => errors.add_message(
            lang,
            "document",
            Message::new("dossier-error-too-large").arg("mb", storage.limit / (1024 * 1024)),
        ),
        Some(_) if sniffed.is_none() => errors.add_key(lang, "document", "dossier-error-type"),
        Some(_) => {}
    }
    let (Some(kind), Some(file), Some(file_kind), true) = (kind, file, sniffed, errors.is_empty())
    else {
        return Ok(Page::render(
            "workspace/manage",
            lang,
            manage_view(lang, csrf_token, page, errors, None),
        )
        .with_status(actix_web::http::StatusCode::UNPROCESSABLE_ENTITY)
        .into_response(&req));
    };
    let bytes = file.data.to_vec();
    let size = bytes.len() as i64;
    let store = storage.get_ref().clone();
    let sha256 = web::block(move || store.put(&bytes))
        .await
        .map_err(AppError::internal)?
        .map_err(AppError::internal)?;
    let filename = file_kind.file_name(file.file_name.as_deref().unwrap_or_default(), "tai-lieu");
    let title = clean_text(&text_of(&form.title));
    let title = if title.is_empty() {
        filename.clone()
    } else {
        title
    };
    let draft_id = page.draft.id;
    let content_type = file_kind.content_type();
    db.run(move |c| {
        crate::models::NewDossierDocument {
            draft_id,
            kind,
            title: &title,
            filename: &filename,
            content_type,
            size,
            sha256: &sha256,
        }
        .insert(c)
    })
    .await?;
    Ok(flash::redirect(
        &format!("/workspace/drafts/{}", page.draft.slug),
        Some("flash-document-added"),
    ))
}
