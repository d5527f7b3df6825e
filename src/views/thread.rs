//! What thread lists, thread pages and the thread API receive.

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::thread::{AuthorKind, ThreadKind, ThreadState, is_overdue};
use crate::i18n::Lang;
use crate::models::thread::{ReplyRow, ThreadRow};
use crate::models::{Thread, ThreadPage};
use crate::views::comment::vn_time;

/// A line of a thread list (and an item of `GET /api/v1/threads`).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ThreadItem {
    pub id: String,
    pub kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind_label: Option<String>,
    pub title: String,
    pub state: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state_label: Option<String>,
    pub field: String,
    pub agency: String,
    pub agency_id: String,
    pub author_kind: String,
    pub organisation: Option<String>,
    /// The day the official answer is due (YYYY-MM-DD).
    pub due_on: String,
    /// Open and past its due day.
    pub overdue: bool,
    pub hidden: bool,
    pub created_at: String,
}

fn iso(t: chrono::NaiveDateTime) -> String {
    t.and_utc()
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

fn labels<T: Copy>(
    lang: Option<Lang>,
    value: Option<T>,
    key: impl Fn(T) -> &'static str,
) -> Option<String> {
    lang.zip(value).map(|(l, v)| l.text(key(v)))
}

impl ThreadItem {
    /// A list line; `lang` adds translated labels (pages), `None` leaves them out (API).
    pub fn new(row: &ThreadRow, today: NaiveDate, lang: Option<Lang>) -> ThreadItem {
        let state = row.state.parse::<ThreadState>().ok();
        let kind = row.kind.parse::<ThreadKind>().ok();
        ThreadItem {
            id: row.public_id.clone(),
            kind_label: labels(lang, kind, ThreadKind::label_key),
            kind: row.kind.clone(),
            // A hidden thread's title is withheld (the API gives it empty).
            title: if row.hidden.is_some() {
                lang.map(|l| l.text("thread-hidden-title"))
                    .unwrap_or_default()
            } else {
                row.title.clone()
            },
            state_label: labels(lang, state, ThreadState::label_key),
            overdue: state.is_some_and(|s| is_overdue(s, row.due_on, today)),
            state: row.state.clone(),
            field: row.field.clone(),
            agency: row.agency_name.clone(),
            agency_id: row.agency_public_id.clone(),
            author_kind: row.author_kind.clone(),
            organisation: row.organisation_name.clone(),
            due_on: row.due_on.to_string(),
            hidden: row.hidden.is_some(),
            created_at: iso(row.created_at),
        }
    }
}

/// A reply as a page shows it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ReplyView {
    pub id: String,
    pub author: String,
    /// The agency it answered for, when official.
    pub agency: Option<String>,
    pub official: bool,
    pub body: String,
    pub hidden_reason: Option<String>,
    pub time: String,
    /// Replies to this one (one level: theirs is always empty).
    #[schema(no_recursion)]
    pub replies: Vec<ReplyView>,
    #[serde(skip)]
    pub number: i64,
}

impl ReplyView {
    fn new(row: &ReplyRow, lang: Lang) -> ReplyView {
        ReplyView {
            id: row.public_id.clone(),
            author: row.author_name.clone(),
            agency: row.agency_name.clone(),
            official: row.official,
            body: if row.hidden_reason.is_some() {
                lang.text("thread-reply-hidden")
            } else {
                row.body.clone()
            },
            hidden_reason: row.hidden_reason.clone(),
            time: vn_time(row.created_at),
            replies: Vec::new(),
            number: row.id,
        }
    }

    /// Top-level replies with their answers under them, in order.
    pub fn nest(rows: &[ReplyRow], lang: Lang) -> Vec<ReplyView> {
        let mut top: Vec<ReplyView> = rows
            .iter()
            .filter(|r| r.parent_id.is_none())
            .map(|r| ReplyView::new(r, lang))
            .collect();
        for row in rows.iter().filter(|r| r.parent_id.is_some()) {
            if let Some(parent) = top.iter_mut().find(|t| Some(t.number) == row.parent_id) {
                parent.replies.push(ReplyView::new(row, lang));
            }
        }
        top
    }
}

/// An entry of a thread's history.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct EventView {
    pub kind: String,
    pub text: String,
    pub note: String,
    pub time: String,
}

/// A whole thread (page and `GET /api/v1/threads/{id}`).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ThreadView {
    pub id: String,
    pub kind: String,
    pub kind_label: String,
    pub title: String,
    pub body: String,
    pub regulation: String,
    pub proposal: String,
    pub provisions: String,
    pub field: String,
    pub tags: Vec<String>,
    pub state: String,
    pub state_label: String,
    pub agency: String,
    pub agency_id: String,
    pub author: String,
    pub author_kind: String,
    pub author_kind_label: String,
    pub organisation: Option<String>,
    pub due_on: String,
    pub due_on_label: String,
    pub overdue: bool,
    pub hidden_reason: Option<String>,
    pub draft_slug: Option<String>,
    pub draft_title: Option<String>,
    pub created: String,
    pub replies: Vec<ReplyView>,
    pub history: Vec<EventView>,
}

impl ThreadView {
    /// The thread as the public sees it.
    pub fn new(page: &ThreadPage, lang: Lang, today: NaiveDate) -> ThreadView {
        let t: &Thread = &page.thread;
        let state = t.state();
        let kind = t.kind();
        let author_kind = t
            .author_kind
            .parse::<AuthorKind>()
            .unwrap_or(AuthorKind::Citizen);
        let hidden = t.hidden_reason.is_some();
        let history = page
            .events
            .iter()
            .map(|e| {
                let key = match e.kind.as_str() {
                    "opened" => "thread-event-opened",
                    "forwarded" => "thread-event-forwarded",
                    "answered" => "thread-event-answered",
                    "answered_in_session" => "thread-event-answered-in-session",
                    "closed" => "thread-event-closed",
                    "reopened" => "thread-event-reopened",
                    "restored" => "thread-event-restored",
                    "appeal_upheld" => "thread-event-appeal-upheld",
                    _ => "thread-event-hidden",
                };
                let args = [
                    ("from", e.from_agency.clone().unwrap_or_default()),
                    ("to", e.to_agency.clone().unwrap_or_default()),
                ];
                EventView {
                    kind: e.kind.clone(),
                    text: lang.text_with(
                        key,
                        &args
                            .into_iter()
                            .map(|(k, v)| (k.into(), v.into()))
                            .collect(),
                    ),
                    note: e.note.clone(),
                    time: vn_time(e.created_at),
                }
            })
            .collect();
        ThreadView {
            id: t.public_id.clone(),
            kind: t.kind.clone(),
            kind_label: lang.text(kind.label_key()),
            title: if hidden {
                lang.text("thread-hidden-title")
            } else {
                t.title.clone()
            },
            body: if hidden {
                String::new()
            } else {
                t.body.clone()
            },
            regulation: if hidden {
                String::new()
            } else {
                t.regulation.clone()
            },
            proposal: if hidden {
                String::new()
            } else {
                t.proposal.clone()
            },
            provisions: if hidden {
                String::new()
            } else {
                t.provisions.clone()
            },
            field: t.field.clone(),
            tags: t
                .tags
                .split(',')
                .filter(|_| !hidden)
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect(),
            state: t.state.clone(),
            state_label: lang.text(state.label_key()),
            agency: page.agency_name.clone(),
            agency_id: page.agency_public_id.clone(),
            author: page.author_name.clone(),
            author_kind: t.author_kind.clone(),
            author_kind_label: lang.text(author_kind.label_key()),
            organisation: t.organisation_name.clone(),
            due_on: t.due_on.to_string(),
            due_on_label: t.due_on.format("%d/%m/%Y").to_string(),
            overdue: is_overdue(state, t.due_on, today),
            hidden_reason: t.hidden_reason.clone(),
            draft_slug: page.draft.as_ref().map(|d| d.0.clone()),
            draft_title: page.draft.as_ref().map(|d| d.1.clone()),
            created: vn_time(t.created_at),
            replies: ReplyView::nest(&page.replies, lang),
            history,
        }
    }
}
