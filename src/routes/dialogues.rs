//! Business dialogue sessions: the public list and page (registration,
//! questions sent beforehand as threads, the minutes), and the agency's
//! scheduling and minutes.

use std::collections::HashMap;

use actix_web::{HttpRequest, HttpResponse, web};
use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

use crate::auth::{CsrfToken, CurrentUser, Drafter, Form, SignedIn};
use crate::db::Db;
use crate::domain::thread;
use crate::error::{AppError, AppResult, ErrorKind, Message};
use crate::i18n::Lang;
use crate::models::{Agency, DialogueSession, NewSession, Registration, Thread, ThreadFilter};
use crate::views::Page;
use crate::views::comment::vn_time;
use crate::views::flash;
use crate::views::form::FormErrors;
use crate::views::thread::ThreadItem;

#[derive(Serialize)]
struct SessionItem {
    id: String,
    title: String,
    agency: String,
    time: String,
    place: String,
    minutes: bool,
}

fn item(session: &DialogueSession, agency: &str) -> SessionItem {
    SessionItem {
        id: session.public_id.clone(),
        title: session.title.clone(),
        agency: agency.to_string(),
        time: vn_time(session.starts_at),
        place: session.place.clone(),
        minutes: session.minutes_published_at.is_some(),
    }
}

#[derive(Serialize)]
struct IndexView {
    sessions: Vec<SessionItem>,
    drafter: bool,
}

/// `GET /dialogues`: every session, latest first.
pub async fn index(db: Db, lang: Lang, user: CurrentUser) -> AppResult<Page> {
    let sessions = db.run(DialogueSession::all).await?;
    Ok(Page::render(
        "dialogues/index",
        lang,
        IndexView {
            sessions: sessions.iter().map(|(s, a)| item(s, a)).collect(),
            drafter: user
                .0
                .is_some_and(|u| u.role == crate::domain::Role::Drafter),
        },
    ))
}

#[derive(Serialize)]
struct ShowView {
    csrf: String,
    session: SessionItem,
    online_url: String,
    agenda: String,
    capacity: Option<i32>,
    registered: i64,
    full: bool,
    signed_in: bool,
    is_registered: bool,
    /// Staff of the agency holding it: sees participants, publishes minutes.
    organiser: bool,
    participants: Vec<crate::models::dialogue::Participant>,
    questions: Vec<ThreadItem>,
    minutes: Option<String>,
    answered: Vec<(String, String)>,
    past: bool,
}

/// `GET /dialogues/{id}`.
pub async fn show(
    db: Db,
    lang: Lang,
    csrf: CsrfToken,
    user: CurrentUser,
    path: web::Path<String>,
) -> AppResult<Page> {
    let public_id = path.into_inner();
    let user_id = user.0.as_ref().map(|u| u.id);
    let organiser_of = user
        .0
        .as_ref()
        .filter(|u| u.role == crate::domain::Role::Drafter)
        .and_then(|u| u.agency_id);
    let (session, agency, registered, is_registered, questions, answered, participants) = db
        .run(move |c| {
            let session = DialogueSession::find(c, &public_id)?;
            let agency = Agency::by_id(c, session.agency_id)?;
            let registered = DialogueSession::registered(c, session.id)?;
            let is_registered = match user_id {
                Some(id) => DialogueSession::is_registered(c, session.id, id)?,
                None => false,
            };
            let questions = Thread::list(
                c,
                &ThreadFilter {
                    session_id: Some(session.id),
                    ..ThreadFilter::default()
                },
                None,
                500,
            )?;
            let answered = DialogueSession::answered(c, session.id)?;
            let participants = if organiser_of == Some(session.agency_id) {
                DialogueSession::participants(c, session.id)?
            } else {
                Vec::new()
            };
            Ok((
                session,
                agency,
                registered,
                is_registered,
                questions,
                answered,
                participants,
            ))
        })
        .await?;
    let today = super::threads::today();
    let now = crate::models::now();
    Ok(Page::render(
        "dialogues/show",
        lang,
        ShowView {
            csrf: csrf.0,
            session: item(&session, &agency.name),
            online_url: session.online_url.clone(),
            agenda: session.agenda.clone(),
            capacity: session.capacity,
            full: session.capacity.is_some_and(|c| registered >= i64::from(c)),
            registered,
            signed_in: user_id.is_some(),
            is_registered,
            organiser: organiser_of == Some(session.agency_id),
            participants,
            questions: questions
                .iter()
                .map(|r| ThreadItem::new(r, today, Some(lang)))
                .collect(),
            minutes: session.minutes.clone(),
            answered,
            past: session.starts_at <= now,
        },
    ))
}

/// `POST /dialogues/{id}/register`.
pub async fn register(
    db: Db,
    SignedIn(user): SignedIn,
    path: web::Path<String>,
    Form(_): Form<HashMap<String, String>>,
) -> AppResult<HttpResponse> {
    let public_id = path.into_inner();
    let lookup = public_id.clone();
    let outcome = db
        .write(move |c| {
            let session = DialogueSession::find(c, &lookup)?;
            if session.starts_at <= crate::models::now() {
                return Ok(None);
            }
            let organisation = crate::models::User::by_id(c, user.id)?
                .organisation_name
                .unwrap_or_default();
            DialogueSession::register(c, &session, user.id, &organisation).map(Some)
        })
        .await?;
    let notice = match outcome {
        None => {
            return Err(AppError::new(ErrorKind::Conflict)
                .with_message(Message::new("dialogue-error-past")));
        }
        Some(Registration::Full) => {
            return Err(AppError::new(ErrorKind::Conflict)
                .with_message(Message::new("dialogue-error-full")));
        }
        Some(Registration::Registered) => "flash-dialogue-registered",
        Some(Registration::AlreadyRegistered) => "flash-dialogue-already",
    };
    Ok(flash::redirect(
        &format!("/dialogues/{public_id}"),
        Some(notice),
    ))
}

/// The scheduling form as typed.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct SessionForm {
    title: String,
    date: String,
    time: String,
    place: String,
    online_url: String,
    agenda: String,
    capacity: String,
}

#[derive(Serialize)]
struct NewView<'a> {
    csrf: String,
    values: &'a SessionForm,
    errors: FormErrors,
}

fn new_page(lang: Lang, csrf: CsrfToken, values: &SessionForm, errors: FormErrors) -> Page {
    let status = if errors.is_empty() { 200 } else { 422 };
    Page::render(
        "dialogues/new",
        lang,
        NewView {
            csrf: csrf.0,
            values,
            errors,
        },
    )
    .with_status(actix_web::http::StatusCode::from_u16(status).expect("valid status"))
}

/// `GET /workspace/dialogues/new`.
pub async fn new(lang: Lang, csrf: CsrfToken, _drafter: Drafter) -> AppResult<Page> {
    Ok(new_page(
        lang,
        csrf,
        &SessionForm::default(),
        FormErrors::default(),
    ))
}

fn validate(lang: Lang, form: &SessionForm, drafter: &Drafter) -> Result<NewSession, FormErrors> {
    let mut errors = FormErrors::default();
    let title = errors.check(lang, thread::title(&form.title));
    let date = NaiveDate::parse_from_str(form.date.trim(), "%Y-%m-%d").ok();
    if date.is_none() {
        errors.add_key(lang, "date", "workspace-error-date");
    }
    let time = NaiveTime::parse_from_str(form.time.trim(), "%H:%M").ok();
    if time.is_none() {
        errors.add_key(lang, "time", "dialogue-error-time");
    }
    let place = errors.check(lang, thread::text("place", &form.place, 300, false));
    let online_url = errors.check(
        lang,
        thread::text("online_url", &form.online_url, 500, false),
    );
    if let Some(url) = online_url.as_deref().filter(|u| !u.is_empty())
        && !(url.starts_with("https://") || url.starts_with("http://"))
    {
        errors.add_key(lang, "online_url", "dialogue-error-url");
    }
    if place.as_deref().is_some_and(str::is_empty)
        && online_url.as_deref().is_some_and(str::is_empty)
    {
        errors.add_key(lang, "place", "dialogue-error-place");
    }
    let agenda = errors.check(lang, thread::text("agenda", &form.agenda, 5000, true));
    let capacity = match form.capacity.trim() {
        "" => None,
        raw => match raw.parse::<i32>() {
            Ok(n) if (1..=100_000).contains(&n) => Some(n),
            _ => {
                errors.add_key(lang, "capacity", "dialogue-error-capacity");
                None
            }
        },
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    // The time typed is Vietnam's; stored in UTC.
    let local = date
        .zip(time)
        .map(|(d, t)| d.and_time(t) - chrono::Duration::hours(7))
        .unwrap_or_default();
    Ok(NewSession {
        agency_id: drafter.agency_id,
        title: title.unwrap_or_default(),
        starts_at: local,
        place: place.unwrap_or_default(),
        online_url: online_url.unwrap_or_default(),
        agenda: agenda.unwrap_or_default(),
        capacity,
        created_by: drafter.user.id,
    })
}

/// `POST /workspace/dialogues`: schedules a session of the drafter's agency.
pub async fn create(
    req: HttpRequest,
    db: Db,
    lang: Lang,
    csrf: CsrfToken,
    drafter: Drafter,
    Form(form): Form<SessionForm>,
) -> AppResult<HttpResponse> {
    let new = match validate(lang, &form, &drafter) {
        Ok(new) => new,
        Err(errors) => return Ok(new_page(lang, csrf, &form, errors).into_response(&req)),
    };
    let session = db.write(move |c| new.insert(c)).await?;
    Ok(flash::redirect(
        &format!("/dialogues/{}", session.public_id),
        Some("flash-dialogue-scheduled"),
    ))
}

/// `POST /workspace/dialogues/{id}/minutes`: the minutes, and which
/// questions (`q-<thread id>` boxes) were answered at the session.
pub async fn minutes(
    db: Db,
    drafter: Drafter,
    path: web::Path<String>,
    Form(form): Form<HashMap<String, String>>,
) -> AppResult<HttpResponse> {
    let public_id = path.into_inner();
    let lookup = public_id.clone();
    let session = db.run(move |c| DialogueSession::find(c, &lookup)).await?;
    if session.agency_id != drafter.agency_id {
        return Err(AppError::forbidden());
    }
    let text = thread::text(
        "minutes",
        form.get("minutes").map(String::as_str).unwrap_or(""),
        50_000,
        true,
    )
    .map_err(|_| AppError::bad_request(Message::new("dialogue-error-minutes")))?;
    if session.starts_at > crate::models::now() {
        return Err(AppError::new(ErrorKind::Conflict)
            .with_message(Message::new("dialogue-error-not-held")));
    }
    let chosen: Vec<String> = form
        .keys()
        .filter_map(|k| k.strip_prefix("q-"))
        .map(String::from)
        .collect();
    let session_id = session.id;
    let actor = drafter.user.id;
    let published = db
        .write(move |c| DialogueSession::publish_minutes(c, session_id, actor, &text, &chosen))
        .await?;
    if !published {
        return Err(AppError::new(ErrorKind::Conflict)
            .with_message(Message::new("dialogue-error-minutes-published")));
    }
    Ok(flash::redirect(
        &format!("/dialogues/{public_id}"),
        Some("flash-dialogue-minutes"),
    ))
}
