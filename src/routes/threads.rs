//! Dialogue threads and feedback on regulations in force: the list with its
//! filters and feed, opening one, replying, the agency's official answer,
//! forwarding to the competent agency, closing and hiding.

use actix_web::{HttpRequest, HttpResponse, web};
use chrono::Utc;
use serde::{Deserialize, Serialize};

use crate::auth::{AuthUser, CsrfToken, CurrentUser, Form, Moderator, SignedIn};
use crate::db::Db;
use crate::domain::draft::{DraftStatus, local_date};
use crate::domain::text::fold;
use crate::domain::thread::{
    self, AuthorKind, FollowKind, ThreadKind, ThreadState, forward_deadline,
};
use crate::error::{AppError, AppResult, ErrorKind, Message};
use crate::i18n::Lang;
use crate::mail::Postman;
use crate::middleware::WebSettings;
use crate::models::thread::{Contact, PER_PAGE};
use crate::models::{
    Agency, DialogueSession, Draft, Follow, NewThread, Recipient, Thread, ThreadFilter, ThreadPage,
};
use crate::routes::attachments::{self, Checked, ThreadSubmission, Upload, upload_limit};
use crate::storage::Storage;
use crate::views::Page;
use crate::views::flash;
use crate::views::form::FormErrors;
use crate::views::thread::{ThreadItem, ThreadView};

/// Today in Vietnam.
pub(super) fn today() -> chrono::NaiveDate {
    local_date(Utc::now())
}

/// The days an agency has to answer, as configured.
pub(super) fn answer_days(req: &HttpRequest) -> u32 {
    req.app_data::<web::Data<WebSettings>>()
        .map(|s| s.thread_answer_days)
        .unwrap_or(thread::DEFAULT_ANSWER_DAYS)
}

/// The filters of `/threads` as typed in the address.
#[derive(Debug, Default, Deserialize, Serialize, Clone)]
#[serde(default)]
pub struct ListQuery {
    pub agency: String,
    pub state: String,
    pub kind: String,
    pub field: String,
    pub overdue: String,
    pub q: String,
    /// A draft's slug: the threads on it.
    pub draft: String,
    pub before: Option<i64>,
}

impl ListQuery {
    /// The filter, resolving the agency (public id or slug) and the draft.
    pub(super) fn filter(
        &self,
        conn: &mut crate::db::DbConnection,
        agencies: &[Agency],
    ) -> diesel::QueryResult<ThreadFilter> {
        let draft_id = if self.draft.is_empty() {
            None
        } else {
            // An unknown draft has no threads (id 0 matches none).
            Some(Draft::by_slug(conn, &self.draft).map(|d| d.id).unwrap_or(0))
        };
        Ok(ThreadFilter {
            agency_id: agencies
                .iter()
                .find(|a| a.public_id == self.agency || a.slug() == self.agency)
                .map(|a| a.id),
            draft_id,
            state: self.state.parse().ok(),
            kind: self.kind.parse().ok(),
            field: Some(self.field.trim().to_string()).filter(|f| !f.is_empty()),
            overdue_on: (!self.overdue.is_empty()).then(today),
            words: fold(&self.q)
                .split_whitespace()
                .take(8)
                .map(String::from)
                .collect(),
            ..ThreadFilter::default()
        })
    }

    fn is_filtered(&self) -> bool {
        !(self.agency.is_empty()
            && self.state.is_empty()
            && self.kind.is_empty()
            && self.field.is_empty()
            && self.overdue.is_empty()
            && self.draft.is_empty()
            && self.q.trim().is_empty())
    }
}

#[derive(Serialize)]
struct Choice {
    value: String,
    label: String,
    selected: bool,
}

fn choices<T: Copy>(
    lang: Lang,
    all: &[T],
    value: impl Fn(T) -> &'static str,
    key: impl Fn(T) -> &'static str,
    selected: &str,
) -> Vec<Choice> {
    all.iter()
        .map(|&v| Choice {
            value: value(v).into(),
            label: lang.text(key(v)),
            selected: value(v) == selected,
        })
        .collect()
}

/// Agencies as the options of a select, `selected` (a public id) chosen.
fn agency_choices<'a>(agencies: impl Iterator<Item = &'a Agency>, selected: &str) -> Vec<Choice> {
    agencies
        .map(|a| Choice {
            value: a.public_id.clone(),
            label: a.name.clone(),
            selected: a.public_id == selected,
        })
        .collect()
}

#[derive(Serialize)]
struct ListView {
    threads: Vec<ThreadItem>,
    query: ListQuery,
    agencies: Vec<Choice>,
    states: Vec<Choice>,
    kinds: Vec<Choice>,
    fields: Vec<Choice>,
    filtered: bool,
    next: Option<String>,
    signed_in: bool,
}

/// `GET /threads`: every thread, newest first, with filters and search.
pub async fn index(
    db: Db,
    lang: Lang,
    user: CurrentUser,
    query: web::Query<ListQuery>,
) -> AppResult<Page> {
    let query = query.into_inner();
    let q = query.clone();
    let (rows, agencies, fields) = db
        .run(move |c| {
            let agencies = Agency::list(c)?;
            let filter = q.filter(c, &agencies)?;
            let rows = Thread::list(c, &filter, q.before, PER_PAGE + 1)?;
            Ok((rows, agencies, Thread::fields(c)?))
        })
        .await?;
    let today = today();
    let next = (rows.len() as i64 > PER_PAGE)
        .then(|| rows.get(PER_PAGE as usize - 1))
        .flatten()
        .map(|last| {
            serde_urlencoded::to_string(&ListQuery {
                before: Some(last.id),
                ..query.clone()
            })
            .unwrap_or_default()
        });
    Ok(Page::render(
        "threads/index",
        lang,
        ListView {
            threads: rows
                .iter()
                .take(PER_PAGE as usize)
                .map(|r| ThreadItem::new(r, today, Some(lang)))
                .collect(),
            agencies: agency_choices(agencies.iter(), &query.agency),
            states: choices(
                lang,
                ThreadState::ALL,
                ThreadState::as_str,
                ThreadState::label_key,
                &query.state,
            ),
            kinds: choices(
                lang,
                ThreadKind::ALL,
                ThreadKind::as_str,
                ThreadKind::label_key,
                &query.kind,
            ),
            fields: fields
                .into_iter()
                .map(|f| Choice {
                    selected: f == query.field,
                    label: f.clone(),
                    value: f,
                })
                .collect(),
            filtered: query.is_filtered(),
            next,
            query,
            signed_in: user.0.is_some(),
        },
    ))
}

/// `GET /threads/feed.atom`: the newest threads as an Atom feed.
pub async fn feed(db: Db, lang: Lang, settings: web::Data<WebSettings>) -> AppResult<HttpResponse> {
    use quick_xml::escape::escape;
    let rows = db
        .run(|c| Thread::list(c, &ThreadFilter::default(), None, 50))
        .await?;
    let base = &settings.base_url;
    let updated = rows
        .iter()
        .map(|r| r.created_at)
        .max()
        .map(|t| t.and_utc().to_rfc3339())
        .unwrap_or_else(|| "1970-01-01T00:00:00+00:00".into());
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n",
    );
    xml.push_str(&format!(
        "  <title>{}</title>\n  <id>{base}/threads/feed.atom</id>\n  <link rel=\"self\" href=\"{base}/threads/feed.atom\"/>\n  <link rel=\"alternate\" href=\"{base}/threads\"/>\n  <updated>{updated}</updated>\n",
        escape(lang.text("threads-feed-title").as_str()),
    ));
    let today = today();
    for row in &rows {
        let item = ThreadItem::new(row, today, Some(lang));
        xml.push_str(&format!(
            "  <entry>\n    <id>urn:uuid:{}</id>\n    <title>{}</title>\n    <link href=\"{base}/threads/{}\"/>\n    <updated>{}</updated>\n    <author><name>{}</name></author>\n    <summary>{} · {} · {}</summary>\n  </entry>\n",
            item.id,
            escape(item.title.as_str()),
            item.id,
            item.created_at,
            escape(item.agency.as_str()),
            escape(item.kind_label.as_deref().unwrap_or_default()),
            escape(item.state_label.as_deref().unwrap_or_default()),
            escape(item.agency.as_str()),
        ));
    }
    xml.push_str("</feed>\n");
    Ok(HttpResponse::Ok()
        .content_type("application/atom+xml; charset=utf-8")
        .body(xml))
}

/// What `/threads/new` is opened for.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct NewQuery {
    kind: String,
    draft: String,
    session: String,
}

/// The thread form as typed.
#[derive(Debug, Default, Deserialize, Serialize, Clone)]
#[serde(default)]
pub struct ThreadForm {
    pub kind: String,
    pub draft: String,
    pub session: String,
    pub agency: String,
    pub title: String,
    pub body: String,
    pub regulation: String,
    pub proposal: String,
    pub provisions: String,
    pub field: String,
    pub tags: String,
    pub full_name: String,
    pub address: String,
    pub phone: String,
}

#[derive(Serialize)]
struct FormView<'a> {
    csrf: String,
    values: &'a ThreadForm,
    kind_label: String,
    feedback: bool,
    draft_title: Option<String>,
    session_title: Option<String>,
    agencies: Vec<Choice>,
    /// The agency is set by the draft or the session.
    agency_fixed: bool,
    errors: FormErrors,
    max_files: usize,
    upload_mb: usize,
}

/// Where a new thread goes, resolved from the form.
pub(super) struct Context {
    kind: ThreadKind,
    draft: Option<Draft>,
    session: Option<DialogueSession>,
    agencies: Vec<Agency>,
}

impl Context {
    /// Refuses a draft that takes no threads now and a session already held.
    pub(super) fn checked(
        kind: ThreadKind,
        draft: Option<Draft>,
        session: Option<DialogueSession>,
        agencies: Vec<Agency>,
    ) -> AppResult<Context> {
        if let Some(d) = &draft {
            // A draft in preparation is not public yet; threads on a draft
            // are open while it is consulted.
            match d.status() {
                DraftStatus::Preparing => return Err(AppError::not_found()),
                DraftStatus::Open => {}
                _ => {
                    return Err(AppError::new(ErrorKind::Conflict)
                        .with_message(Message::new("thread-error-draft-closed")));
                }
            }
        }
        if session
            .as_ref()
            .is_some_and(|s| s.minutes_published_at.is_some())
        {
            return Err(AppError::new(ErrorKind::Conflict)
                .with_message(Message::new("thread-error-session-over")));
        }
        Ok(Context {
            kind,
            draft,
            session,
            agencies,
        })
    }
}

async fn context(db: &Db, form: &ThreadForm) -> AppResult<Context> {
    let kind = form
        .kind
        .parse::<ThreadKind>()
        .unwrap_or(ThreadKind::Feedback);
    let draft_slug = form.draft.clone();
    let session_id = form.session.clone();
    let (draft, session, agencies) = db
        .run(move |c| {
            let draft = match kind {
                ThreadKind::Draft => Some(Draft::by_slug(c, &draft_slug)?),
                _ => None,
            };
            let session = match kind {
                ThreadKind::Question => Some(DialogueSession::find(c, &session_id)?),
                _ => None,
            };
            Ok((draft, session, Agency::list(c)?))
        })
        .await?;
    Context::checked(kind, draft, session, agencies)
}

fn form_page(
    lang: Lang,
    csrf: CsrfToken,
    upload_limit: usize,
    ctx: &Context,
    values: &ThreadForm,
    errors: FormErrors,
) -> Page {
    let status = if errors.is_empty() { 200 } else { 422 };
    let fixed = ctx.draft.is_some() || ctx.session.is_some();
    Page::render(
        "threads/new",
        lang,
        FormView {
            csrf: csrf.0,
            values,
            kind_label: lang.text(ctx.kind.label_key()),
            feedback: ctx.kind == ThreadKind::Feedback,
            draft_title: ctx.draft.as_ref().map(|d| d.title.clone()),
            session_title: ctx.session.as_ref().map(|s| s.title.clone()),
            agencies: agency_choices(ctx.agencies.iter(), &values.agency),
            agency_fixed: fixed,
            errors,
            max_files: crate::models::MAX_ATTACHMENTS,
            upload_mb: upload_limit / (1024 * 1024),
        },
    )
    .with_status(actix_web::http::StatusCode::from_u16(status).expect("valid status"))
}

/// `GET /threads/new?kind=feedback|draft|question&draft=…&session=…`.
pub async fn new(
    req: HttpRequest,
    db: Db,
    lang: Lang,
    csrf: CsrfToken,
    _user: SignedIn,
    query: web::Query<NewQuery>,
) -> AppResult<Page> {
    let values = ThreadForm {
        kind: Some(query.kind.clone())
            .filter(|k| k.parse::<ThreadKind>().is_ok())
            .unwrap_or_else(|| ThreadKind::Feedback.as_str().into()),
        draft: query.draft.clone(),
        session: query.session.clone(),
        ..ThreadForm::default()
    };
    let ctx = context(&db, &values).await?;
    Ok(form_page(
        lang,
        csrf,
        upload_limit(&req),
        &ctx,
        &values,
        FormErrors::default(),
    ))
}

/// Checks the form; a feedback also needs the regulation, the proposal and
/// the sender's private contact.
pub(super) fn validate(
    lang: Lang,
    ctx: &Context,
    form: &ThreadForm,
    user: &AuthUser,
    (received_on, answer_days): (chrono::NaiveDate, u32),
    (files, limit): (Vec<Upload>, usize),
) -> Result<(NewThread, Vec<Checked>), FormErrors> {
    let mut errors = FormErrors::default();
    let files = attachments::check(lang, files, limit, &mut errors);
    let feedback = ctx.kind == ThreadKind::Feedback;
    let title = errors.check(lang, thread::title(&form.title));
    let body = errors.check(
        lang,
        thread::text("body", &form.body, thread::MAX_BODY, true),
    );
    let regulation = errors.check(
        lang,
        thread::text("regulation", &form.regulation, 500, feedback),
    );
    let proposal = errors.check(
        lang,
        thread::text("proposal", &form.proposal, thread::MAX_BODY, feedback),
    );
    let provisions = errors.check(
        lang,
        thread::text("provisions", &form.provisions, 500, false),
    );
    let field = errors.check(lang, thread::text("field", &form.field, 100, false));
    let tags = errors.check(lang, thread::text("tags", &form.tags, 200, false));
    let agency_id = match (&ctx.draft, &ctx.session) {
        (Some(d), _) => Some(d.agency_id),
        (_, Some(s)) => Some(s.agency_id),
        _ => {
            let found = ctx
                .agencies
                .iter()
                .find(|a| a.public_id == form.agency)
                .map(|a| a.id);
            if found.is_none() {
                errors.add_key(lang, "agency", "thread-error-agency");
            }
            found
        }
    };
    let contact = if feedback {
        let full_name = errors.check(lang, thread::text("full_name", &form.full_name, 100, true));
        let address = errors.check(lang, thread::text("address", &form.address, 300, true));
        let phone = errors.check(lang, thread::phone(&form.phone));
        match (full_name, address, phone) {
            (Some(full_name), Some(address), Some(phone)) => Some(Contact {
                full_name,
                address,
                phone,
            }),
            _ => None,
        }
    } else {
        None
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    let author_kind = AuthorKind::of(user.role);
    let new = NewThread {
        kind: ctx.kind,
        draft_id: ctx.draft.as_ref().map(|d| d.id),
        session_id: ctx.session.as_ref().map(|s| s.id),
        agency_id: agency_id.unwrap_or_default(),
        title: title.unwrap_or_default(),
        body: body.unwrap_or_default(),
        regulation: regulation.unwrap_or_default(),
        proposal: proposal.unwrap_or_default(),
        provisions: provisions.unwrap_or_default(),
        field: field
            .filter(|f| !f.is_empty())
            .or_else(|| ctx.draft.as_ref().map(|d| d.field.clone()))
            .unwrap_or_default(),
        tags: tags.unwrap_or_default(),
        author_id: user.id,
        author_kind,
        organisation_name: None,
        contact,
        attachments: Vec::new(),
        received_on,
        answer_days,
    };
    Ok((new, files))
}

/// `POST /threads`: opens the thread; its author follows it from now on.
pub async fn create(
    req: HttpRequest,
    db: Db,
    lang: Lang,
    csrf: CsrfToken,
    SignedIn(user): SignedIn,
    ThreadSubmission(form, files): ThreadSubmission,
) -> AppResult<HttpResponse> {
    let ctx = context(&db, &form).await?;
    let limit = upload_limit(&req);
    let (mut new, files) = match validate(
        lang,
        &ctx,
        &form,
        &user,
        (today(), answer_days(&req)),
        (files, limit),
    ) {
        Ok(valid) => valid,
        Err(errors) => {
            return Ok(form_page(lang, csrf, limit, &ctx, &form, errors).into_response(&req));
        }
    };
    within_thread_limit(&db, user.id).await?;
    if let Some(storage) = req.app_data::<web::Data<Storage>>() {
        new.attachments = attachments::save(storage, files).await?;
    }
    let thread = db.write(move |c| new.insert(c)).await?;
    Ok(flash::redirect(
        &format!("/threads/{}", thread.public_id),
        Some("flash-thread-opened"),
    ))
}

/// Refuses (429) one account opening threads faster than it may comment,
/// whether through the form or the API: the same bucket counts both.
pub(super) async fn within_thread_limit(db: &Db, user_id: i64) -> AppResult<()> {
    if crate::routes::throttle::within(
        db,
        format!("thread:user:{user_id}"),
        crate::domain::limits::COMMENT_PER_AUTHOR,
    )
    .await?
    {
        Ok(())
    } else {
        Err(AppError::new(ErrorKind::TooManyRequests)
            .with_message(Message::new("comment-error-too-many")))
    }
}

#[derive(Serialize)]
struct ShowView {
    csrf: String,
    thread: ThreadView,
    signed_in: bool,
    following: bool,
    /// Staff of the addressed agency: may answer officially and forward.
    official: bool,
    may_close: bool,
    may_reply: bool,
    moderator: bool,
    may_forward: bool,
    forward_until: String,
    agencies: Vec<Choice>,
    contact: Option<ContactView>,
    files: Vec<crate::models::thread::ThreadFile>,
    /// What of the signed-in person's was hidden, which they may appeal.
    appealable: Vec<AppealTarget>,
}

#[derive(Serialize)]
struct AppealTarget {
    target: String,
    label: String,
}

#[derive(Serialize)]
struct ContactView {
    full_name: String,
    address: String,
    phone: String,
}

/// Whether `user` works for the agency the thread is addressed to.
fn answers_for(user: Option<&AuthUser>, thread: &Thread) -> bool {
    user.is_some_and(|u| {
        u.role == crate::domain::Role::Drafter && u.agency_id == Some(thread.agency_id)
    })
}

/// `GET /threads/{id}`.
pub async fn show(
    db: Db,
    lang: Lang,
    csrf: CsrfToken,
    user: CurrentUser,
    path: web::Path<String>,
) -> AppResult<Page> {
    let public_id = path.into_inner();
    let user_id = user.0.as_ref().map(|u| u.id);
    let (page, following, agencies, contact, files) = db
        .run(move |c| {
            let page = ThreadPage::load(c, &public_id)?;
            let following = match user_id {
                Some(id) => {
                    Follow::find(c, id, FollowKind::Thread, &page.thread.public_id)?.is_some()
                }
                None => false,
            };
            let contact = Thread::contact(c, page.thread.id)?;
            let files = Thread::files(c, page.thread.id)?;
            Ok((page, following, Agency::list(c)?, contact, files))
        })
        .await?;
    let today = today();
    let thread = &page.thread;
    let official = answers_for(user.0.as_ref(), thread);
    let deadline = forward_deadline(local_date(thread.received_at.and_utc()));
    let state = thread.state();
    let may_close = user
        .0
        .as_ref()
        .is_some_and(|u| u.id == thread.author_id || official);
    let moderator = user
        .0
        .as_ref()
        .is_some_and(|u| u.role == crate::domain::Role::Moderator);
    let mut appealable = Vec::new();
    if let Some(me) = user.0.as_ref() {
        if thread.author_id == me.id && thread.hidden_reason.is_some() {
            appealable.push(AppealTarget {
                target: thread.public_id.clone(),
                label: lang.text("thread-appeal-thread"),
            });
        }
        for r in page
            .replies
            .iter()
            .filter(|r| r.author_id == me.id && r.hidden_reason.is_some())
        {
            appealable.push(AppealTarget {
                target: r.public_id.clone(),
                label: lang.text_with(
                    "thread-appeal-reply",
                    &[(
                        "time".into(),
                        crate::views::comment::vn_time(r.created_at).into(),
                    )]
                    .into_iter()
                    .collect(),
                ),
            });
        }
    }
    Ok(Page::render(
        "threads/show",
        lang,
        ShowView {
            csrf: csrf.0,
            thread: ThreadView::new(&page, lang, today),
            signed_in: user.0.is_some(),
            following,
            may_reply: user.0.is_some() && state != ThreadState::Closed,
            may_close,
            may_forward: official && today <= deadline && state == ThreadState::Open,
            forward_until: deadline.format("%d/%m/%Y").to_string(),
            official: official && state != ThreadState::Closed,
            moderator,
            agencies: agency_choices(agencies.iter().filter(|a| a.id != thread.agency_id), ""),
            // The sender's private contact: only for the agency that must answer.
            contact: contact.filter(|_| official).map(|c| ContactView {
                full_name: c.full_name,
                address: c.address,
                phone: c.phone,
            }),
            appealable,
            // A hidden thread's files are hidden with it.
            files: if page.thread.hidden_reason.is_some() {
                Vec::new()
            } else {
                files
            },
        },
    ))
}

/// A reply as typed.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ReplyForm {
    body: String,
    /// The public id of the reply answered (one level of nesting).
    parent: String,
    /// "1": the agency's official answer.
    official: String,
}

/// `POST /threads/{id}/replies`: a reply, or the addressed agency's
/// official answer (which e-mails the followers).
pub async fn reply(
    db: Db,
    lang: Lang,
    SignedIn(user): SignedIn,
    postman: web::Data<Postman>,
    path: web::Path<String>,
    Form(form): Form<ReplyForm>,
) -> AppResult<HttpResponse> {
    let public_id = path.into_inner();
    let body = thread::text("body", &form.body, thread::MAX_BODY, true)
        .map_err(|e| AppError::bad_request(e.message))?;
    let lookup = public_id.clone();
    let parent = form.parent.clone();
    let (found, parent_id, agency_name) = db
        .run(move |c| {
            let thread = Thread::find(c, &lookup)?;
            let parent_id = if parent.is_empty() {
                None
            } else {
                Some(Thread::reply_id(c, thread.id, &parent)?)
            };
            let agency = Agency::by_id(c, thread.agency_id)?.name;
            Ok((thread, parent_id, agency))
        })
        .await?;
    if found.state() == ThreadState::Closed {
        return Err(
            AppError::new(ErrorKind::Conflict).with_message(Message::new("thread-error-closed"))
        );
    }
    let official = if form.official == "1" {
        if !answers_for(Some(&user), &found) {
            return Err(AppError::forbidden());
        }
        Some(found.agency_id)
    } else {
        None
    };
    let composer = postman.get_ref().clone();
    let title = found.title.clone();
    let link = composer.link(&format!("/threads/{public_id}"));
    let answer = body.clone();
    let compose = move |r: &Recipient| {
        let data = serde_json::json!({
            "title": title,
            "agency": agency_name,
            "answer": answer,
            "link": link,
            "unsubscribe": composer.unsubscribe_link(r.follow_id),
        });
        composer
            .compose(
                "thread_answer",
                Lang::from_code(&r.lang).unwrap_or(lang),
                &r.email,
                &data,
            )
            .ok()
    };
    let thread_id = found.id;
    db.write(move |c| Thread::reply(c, thread_id, user.id, parent_id, &body, official, &compose))
        .await?;
    postman.wake();
    Ok(flash::redirect(
        &format!("/threads/{public_id}#replies"),
        Some(if official.is_some() {
            "flash-thread-answered"
        } else {
            "flash-thread-replied"
        }),
    ))
}

/// Forwarding as typed.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ForwardForm {
    agency: String,
    note: String,
}

/// `POST /threads/{id}/forward`: the addressed agency sends the thread to
/// the competent one, within five working days of receiving it, with a reason.
pub async fn forward(
    req: HttpRequest,
    db: Db,
    SignedIn(user): SignedIn,
    path: web::Path<String>,
    Form(form): Form<ForwardForm>,
) -> AppResult<HttpResponse> {
    let public_id = path.into_inner();
    let lookup = public_id.clone();
    let target = form.agency.clone();
    let (found, to) = db
        .run(move |c| {
            let thread = Thread::find(c, &lookup)?;
            let to = Agency::list(c)?.into_iter().find(|a| a.public_id == target);
            Ok((thread, to))
        })
        .await?;
    if !answers_for(Some(&user), &found) {
        return Err(AppError::forbidden());
    }
    let note = thread::text("note", &form.note, 1000, true)
        .map_err(|_| AppError::bad_request(Message::new("thread-error-forward-note")))?;
    let to = to
        .filter(|a| a.id != found.agency_id)
        .ok_or_else(|| AppError::bad_request(Message::new("thread-error-agency")))?;
    let today = today();
    let deadline = forward_deadline(local_date(found.received_at.and_utc()));
    if found.state() != ThreadState::Open {
        return Err(AppError::new(ErrorKind::Conflict)
            .with_message(Message::new("thread-error-forward-answered")));
    }
    if today > deadline {
        return Err(AppError::new(ErrorKind::Conflict).with_message(
            Message::new("thread-error-forward-late")
                .arg("date", deadline.format("%d/%m/%Y").to_string()),
        ));
    }
    let days = answer_days(&req);
    let thread_id = found.id;
    db.write(move |c| Thread::forward(c, thread_id, user.id, to.id, &note, today, days))
        .await?;
    Ok(flash::redirect(
        &format!("/threads/{public_id}"),
        Some("flash-thread-forwarded"),
    ))
}

/// `POST /threads/{id}/close` and `/reopen`: by its author or the addressed agency.
pub async fn close(
    db: Db,
    SignedIn(user): SignedIn,
    path: web::Path<String>,
    Form(_): Form<std::collections::HashMap<String, String>>,
) -> AppResult<HttpResponse> {
    set_closed(db, user, path.into_inner(), true).await
}

/// `POST /threads/{id}/reopen`.
pub async fn reopen(
    db: Db,
    SignedIn(user): SignedIn,
    path: web::Path<String>,
    Form(_): Form<std::collections::HashMap<String, String>>,
) -> AppResult<HttpResponse> {
    set_closed(db, user, path.into_inner(), false).await
}

async fn set_closed(
    db: Db,
    user: AuthUser,
    public_id: String,
    closed: bool,
) -> AppResult<HttpResponse> {
    let lookup = public_id.clone();
    let found = db.run(move |c| Thread::find(c, &lookup)).await?;
    if user.id != found.author_id && !answers_for(Some(&user), &found) {
        return Err(AppError::forbidden());
    }
    if (found.state() == ThreadState::Closed) == closed {
        return Ok(flash::redirect(&format!("/threads/{public_id}"), None));
    }
    let thread_id = found.id;
    db.write(move |c| Thread::set_closed(c, thread_id, user.id, closed))
        .await?;
    Ok(flash::redirect(
        &format!("/threads/{public_id}"),
        Some(if closed {
            "flash-thread-closed"
        } else {
            "flash-thread-reopened"
        }),
    ))
}

/// Hiding as typed.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct HideForm {
    reason: String,
    /// A reply's public id; empty: the thread itself.
    reply: String,
}

/// `POST /threads/{id}/hide`: a moderator hides the thread or a reply,
/// with a public reason; it stays counted and its history says so.
pub async fn hide(
    db: Db,
    moderator: Moderator,
    path: web::Path<String>,
    Form(form): Form<HideForm>,
) -> AppResult<HttpResponse> {
    let public_id = path.into_inner();
    let reason = thread::text("reason", &form.reason, 500, true)
        .map_err(|_| AppError::bad_request(Message::new("thread-error-hide-reason")))?;
    let lookup = public_id.clone();
    let moderator_id = moderator.user.id;
    db.write(move |c| {
        let thread = Thread::find(c, &lookup)?;
        let reply = if form.reply.is_empty() {
            None
        } else {
            Some(Thread::reply_id(c, thread.id, &form.reply)?)
        };
        Thread::hide(c, thread.id, reply, moderator_id, &reason)
    })
    .await?;
    Ok(flash::redirect(
        &format!("/threads/{public_id}"),
        Some("flash-thread-hidden"),
    ))
}

/// `GET /threads/{id}/attachments/{n}`: a file sent with a thread (none of
/// a hidden thread).
pub async fn attachment(
    db: Db,
    storage: web::Data<Storage>,
    path: web::Path<(String, i32)>,
) -> AppResult<HttpResponse> {
    let (public_id, position) = path.into_inner();
    let (thread, files) = db
        .run(move |c| {
            let thread = Thread::find(c, &public_id)?;
            let files = Thread::files(c, thread.id)?;
            Ok((thread, files))
        })
        .await?;
    let file = files
        .into_iter()
        .find(|f| f.position == position)
        .filter(|_| thread.hidden_reason.is_none())
        .ok_or_else(AppError::not_found)?;
    let store = storage.get_ref().clone();
    let sha = file.sha256.clone();
    let bytes = web::block(move || store.get(&sha))
        .await
        .map_err(AppError::internal)?
        .map_err(|e| AppError::internal(anyhow::anyhow!("thread file {}: {e}", file.sha256)))?;
    Ok(attachments::download(
        bytes,
        &file.file_name,
        &file.content_type,
        &file.sha256,
    ))
}

/// A report as typed.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ReportForm {
    reason: String,
    /// A reply's public id; empty: the thread itself.
    reply: String,
}

/// `POST /threads/{id}/report`: anyone may report a thread or a reply; as
/// with comments, reports hide nothing: they reach the moderators' queue.
pub async fn report(
    req: HttpRequest,
    db: Db,
    user: CurrentUser,
    path: web::Path<String>,
    Form(form): Form<ReportForm>,
) -> AppResult<HttpResponse> {
    let reason = super::moderation::report_reason(&req, &db, &form.reason).await?;
    let public_id = path.into_inner();
    let lookup = public_id.clone();
    let reporter = user.0.map(|u| u.id);
    db.write(move |c| {
        let thread = Thread::find(c, &lookup)?;
        let reply = if form.reply.is_empty() {
            None
        } else {
            Some(Thread::reply_id(c, thread.id, &form.reply)?)
        };
        Thread::report(c, thread.id, reply, &reason, reporter)
    })
    .await?;
    Ok(flash::redirect(
        &format!("/threads/{public_id}"),
        Some("flash-report-received"),
    ))
}

/// An appeal as typed.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct AppealForm {
    /// The public id of the hidden thread or reply.
    target: String,
    body: String,
}

/// `POST /threads/{id}/appeal`: the author of a hidden thread or reply
/// appeals, once; another moderator decides.
pub async fn appeal(
    db: Db,
    SignedIn(user): SignedIn,
    path: web::Path<String>,
    Form(form): Form<AppealForm>,
) -> AppResult<HttpResponse> {
    let public_id = path.into_inner();
    let body = thread::text("body", &form.body, 2000, true);
    let lookup = public_id.clone();
    let filed = db
        .write(move |c| {
            let page = ThreadPage::load(c, &lookup)?;
            let t = &page.thread;
            let own_hidden = if form.target == t.public_id {
                t.author_id == user.id && t.hidden_reason.is_some()
            } else {
                page.replies.iter().any(|r| {
                    r.public_id == form.target
                        && r.author_id == user.id
                        && r.hidden_reason.is_some()
                })
            };
            if !own_hidden {
                return Ok(None);
            }
            match &body {
                Ok(body) => Thread::appeal(c, t.id, &form.target, body).map(|f| Some(Some(f))),
                Err(_) => Ok(Some(None)),
            }
        })
        .await?;
    match filed {
        None => Err(AppError::forbidden()),
        Some(None) => Err(AppError::bad_request(Message::new("appeal-error-body"))),
        Some(Some(filed)) => match filed {
            false => Err(AppError::new(ErrorKind::Conflict)
                .with_message(Message::new("thread-appeal-error-once"))),
            true => Ok(flash::redirect(
                &format!("/threads/{public_id}"),
                Some("flash-appeal-filed"),
            )),
        },
    }
}

/// A decision on an appeal as typed.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct DecisionForm {
    /// "restore" or "uphold".
    outcome: String,
    decision: String,
}

/// `POST /moderation/thread-appeals/{id}`: another moderator restores or upholds.
pub async fn decide_appeal(
    db: Db,
    moderator: Moderator,
    path: web::Path<i64>,
    Form(form): Form<DecisionForm>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let restore = match form.outcome.as_str() {
        "restore" => true,
        "uphold" => false,
        _ => return Err(AppError::bad_request(Message::new("form-error-malformed"))),
    };
    let note = thread::text("decision", &form.decision, 2000, false)
        .map_err(|_| AppError::bad_request(Message::new("form-error-too-long")))?;
    let moderator_id = moderator.user.id;
    let decided = db
        .write(move |c| Thread::decide_appeal(c, id, moderator_id, restore, &note))
        .await?;
    if !decided {
        return Err(AppError::new(ErrorKind::Conflict)
            .with_message(Message::new("thread-appeal-error-same-moderator")));
    }
    Ok(flash::redirect("/moderation", Some("flash-appeal-decided")))
}
