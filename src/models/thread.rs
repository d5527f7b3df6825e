//! Dialogue threads: opening, replying (one level), official answers,
//! forwarding to the competent agency, closing, hiding; lists with filters.
//! Every public change is recorded on the ledger and in the thread's history
//! in its own transaction.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::{
    agencies, drafts, thread_appeals, thread_attachments, thread_contacts, thread_events,
    thread_replies, thread_reports, threads, users,
};
use crate::domain::thread::{AuthorKind, ThreadKind, ThreadState, due_on};

use super::follow::{Follow, Notice, Recipient};
use super::ledger::Entry;
use super::{NewMail, ledger};

/// Threads per page of a list.
pub const PER_PAGE: i64 = 20;

/// A thread as stored.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = threads)]
pub struct Thread {
    pub id: i64,
    pub public_id: String,
    pub kind: String,
    pub draft_id: Option<i64>,
    pub session_id: Option<i64>,
    pub agency_id: i64,
    pub title: String,
    pub body: String,
    pub regulation: String,
    pub proposal: String,
    pub provisions: String,
    pub field: String,
    pub tags: String,
    pub state: String,
    pub author_id: i64,
    pub author_kind: String,
    pub organisation_name: Option<String>,
    pub received_at: NaiveDateTime,
    pub due_on: NaiveDate,
    pub answered_at: Option<NaiveDateTime>,
    pub closed_at: Option<NaiveDateTime>,
    pub hidden_reason: Option<String>,
    pub hidden_by: Option<i64>,
    pub search_text: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// A file sent with a thread.
#[derive(Debug, Clone, Queryable, Selectable, serde::Serialize)]
#[diesel(table_name = thread_attachments)]
pub struct ThreadFile {
    pub position: i32,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub sha256: String,
}

/// An appeal waiting for a moderator: its id, the thread's public id and
/// title, what was hidden (a public id) and the author's appeal.
pub type PendingAppeal = (i64, String, String, String, String);

/// A reported thread in the moderation queue.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Reported {
    pub public_id: String,
    pub title: String,
    pub reports: i64,
    /// The latest reason given.
    pub reason: String,
}

/// The private contact a feedback needs.
#[derive(Debug, Clone)]
pub struct Contact {
    pub full_name: String,
    pub address: String,
    pub phone: String,
}

/// A thread to open.
#[derive(Debug, Clone)]
pub struct NewThread {
    pub kind: ThreadKind,
    pub draft_id: Option<i64>,
    pub session_id: Option<i64>,
    pub agency_id: i64,
    pub title: String,
    pub body: String,
    pub regulation: String,
    pub proposal: String,
    pub provisions: String,
    pub field: String,
    pub tags: String,
    pub author_id: i64,
    pub author_kind: AuthorKind,
    /// `None` for an organisation's representative: the account's organisation.
    pub organisation_name: Option<String>,
    pub contact: Option<Contact>,
    /// Files sent with it (already in the file store).
    pub attachments: Vec<super::NewAttachment>,
    /// The day (in Vietnam) it is received, and the days the agency has.
    pub received_on: NaiveDate,
    pub answer_days: u32,
}

/// A reply, with its author's name and agency.
#[derive(Debug, Clone, Queryable)]
pub struct ReplyRow {
    pub id: i64,
    pub public_id: String,
    pub parent_id: Option<i64>,
    pub body: String,
    pub official: bool,
    pub hidden_reason: Option<String>,
    pub created_at: NaiveDateTime,
    pub author_name: String,
    pub author_id: i64,
    pub agency_name: Option<String>,
}

/// An entry of a thread's history, with the agencies' names.
#[derive(Debug, Clone)]
pub struct EventRow {
    pub kind: String,
    pub note: String,
    pub created_at: NaiveDateTime,
    pub from_agency: Option<String>,
    pub to_agency: Option<String>,
}

/// An entry of a thread's history as stored.
#[derive(Debug, Clone, Queryable)]
struct StoredEvent {
    kind: String,
    note: String,
    created_at: NaiveDateTime,
    from_agency_id: Option<i64>,
    to_agency_id: Option<i64>,
}

/// A thread with what its page shows.
#[derive(Debug, Clone)]
pub struct ThreadPage {
    pub thread: Thread,
    pub agency_name: String,
    pub agency_public_id: String,
    pub author_name: String,
    pub draft: Option<(String, String)>,
    pub replies: Vec<ReplyRow>,
    pub events: Vec<EventRow>,
}

/// A line of a thread list.
#[derive(Debug, Clone, Queryable)]
pub struct ThreadRow {
    pub id: i64,
    pub public_id: String,
    pub kind: String,
    pub title: String,
    pub state: String,
    pub field: String,
    pub due_on: NaiveDate,
    pub created_at: NaiveDateTime,
    pub answered_at: Option<NaiveDateTime>,
    pub hidden: Option<String>,
    pub author_kind: String,
    pub organisation_name: Option<String>,
    pub agency_name: String,
    pub agency_public_id: String,
}

/// What a thread list is narrowed to.
#[derive(Debug, Clone, Default)]
pub struct ThreadFilter {
    pub agency_id: Option<i64>,
    pub state: Option<ThreadState>,
    pub kind: Option<ThreadKind>,
    /// Exact field name.
    pub field: Option<String>,
    /// Overdue on this day (open and past due).
    pub overdue_on: Option<NaiveDate>,
    pub draft_id: Option<i64>,
    pub session_id: Option<i64>,
    /// Folded words, all of which must appear.
    pub words: Vec<String>,
}

/// The public subject of a thread on the ledger.
fn subject(public_id: &str) -> String {
    format!("/threads/{public_id}")
}

fn agency_public_id(conn: &mut DbConnection, id: i64) -> QueryResult<String> {
    agencies::table
        .find(id)
        .select(agencies::public_id)
        .first(conn)
}

fn event(
    conn: &mut DbConnection,
    thread_id: i64,
    kind: &str,
    actor: Option<i64>,
    agencies: (Option<i64>, Option<i64>),
    note: &str,
) -> QueryResult<()> {
    diesel::insert_into(thread_events::table)
        .values((
            thread_events::thread_id.eq(thread_id),
            thread_events::kind.eq(kind),
            thread_events::actor_id.eq(actor),
            thread_events::from_agency_id.eq(agencies.0),
            thread_events::to_agency_id.eq(agencies.1),
            thread_events::note.eq(note),
            thread_events::created_at.eq(super::now()),
        ))
        .execute(conn)
        .map(|_| ())
}

fn sha256(text: &str) -> String {
    crate::storage::Storage::hash(text.as_bytes())
}

impl NewThread {
    /// Stores the thread (and the private contact), records its opening in
    /// its history and on the ledger, and makes its author a follower.
    pub fn insert(&self, conn: &mut DbConnection) -> QueryResult<Thread> {
        crate::db::transaction(conn, |conn| {
            let now = super::now();
            let public_id = uuid::Uuid::new_v4().to_string();
            let organisation_name = match (&self.organisation_name, self.author_kind) {
                (None, AuthorKind::Organisation) => users::table
                    .find(self.author_id)
                    .select(users::organisation_name)
                    .first::<Option<String>>(conn)?,
                (name, _) => name.clone(),
            };
            let folded = crate::domain::text::fold(&format!(
                "{} {} {} {} {}",
                self.title, self.body, self.regulation, self.proposal, self.tags
            ));
            diesel::insert_into(threads::table)
                .values((
                    threads::public_id.eq(&public_id),
                    threads::kind.eq(self.kind.as_str()),
                    threads::draft_id.eq(self.draft_id),
                    threads::session_id.eq(self.session_id),
                    threads::agency_id.eq(self.agency_id),
                    threads::title.eq(&self.title),
                    threads::body.eq(&self.body),
                    threads::regulation.eq(&self.regulation),
                    threads::proposal.eq(&self.proposal),
                    threads::provisions.eq(&self.provisions),
                    threads::field.eq(&self.field),
                    threads::tags.eq(&self.tags),
                    threads::state.eq(ThreadState::Open.as_str()),
                    threads::author_id.eq(self.author_id),
                    threads::author_kind.eq(self.author_kind.as_str()),
                    threads::organisation_name.eq(&organisation_name),
                    threads::received_at.eq(now),
                    threads::due_on.eq(due_on(self.received_on, self.answer_days)),
                    threads::search_text.eq(folded),
                    threads::created_at.eq(now),
                    threads::updated_at.eq(now),
                ))
                .execute(conn)?;
            let thread = Thread::find(conn, &public_id)?;
            if let Some(contact) = &self.contact {
                diesel::insert_into(thread_contacts::table)
                    .values((
                        thread_contacts::thread_id.eq(thread.id),
                        thread_contacts::full_name.eq(&contact.full_name),
                        thread_contacts::address.eq(&contact.address),
                        thread_contacts::phone.eq(&contact.phone),
                    ))
                    .execute(conn)?;
            }
            for (i, a) in self.attachments.iter().enumerate() {
                diesel::insert_into(thread_attachments::table)
                    .values((
                        thread_attachments::thread_id.eq(thread.id),
                        thread_attachments::position.eq(i as i32 + 1),
                        thread_attachments::file_name.eq(&a.file_name),
                        thread_attachments::content_type.eq(a.content_type),
                        thread_attachments::size_bytes.eq(a.size_bytes),
                        thread_attachments::sha256.eq(&a.sha256),
                    ))
                    .execute(conn)?;
            }
            event(
                conn,
                thread.id,
                "opened",
                Some(self.author_id),
                (None, Some(self.agency_id)),
                "",
            )?;
            let agency = agency_public_id(conn, self.agency_id)?;
            Entry::append(
                conn,
                ledger::kind::THREAD_OPENED,
                &subject(&public_id),
                self.draft_id,
                serde_json::json!({
                    "kind": self.kind.as_str(),
                    "agency": agency,
                    "title": self.title,
                    "body_sha256": sha256(&self.body),
                    "due_on": thread.due_on.to_string(),
                    "files": self.attachments.iter().map(|a| &a.sha256).collect::<Vec<_>>(),
                }),
            )?;
            Follow::ensure(
                conn,
                self.author_id,
                crate::domain::thread::FollowKind::Thread,
                &public_id,
            )?;
            Ok(thread)
        })
    }
}

impl Thread {
    /// The thread with `public_id`.
    pub fn find(conn: &mut DbConnection, public_id: &str) -> QueryResult<Thread> {
        threads::table
            .filter(threads::public_id.eq(public_id))
            .select(Thread::as_select())
            .first(conn)
    }

    /// The thread's state (an unknown stored value reads as open).
    pub fn state(&self) -> ThreadState {
        self.state.parse().unwrap_or(ThreadState::Open)
    }

    /// The thread's kind.
    pub fn kind(&self) -> ThreadKind {
        self.kind.parse().unwrap_or(ThreadKind::Feedback)
    }

    /// Adds a reply by `author_id` under `parent` (flattened to one level);
    /// `official` is the agency answering for itself, which marks the thread
    /// answered, records it on the ledger and tells the followers. The author
    /// follows the thread from now on.
    pub fn reply(
        conn: &mut DbConnection,
        thread_id: i64,
        author_id: i64,
        parent: Option<i64>,
        body: &str,
        official: Option<i64>,
        compose: &dyn Fn(&Recipient) -> Option<NewMail>,
    ) -> QueryResult<(Thread, String)> {
        crate::db::transaction(conn, |conn| {
            let thread: Thread = threads::table
                .find(thread_id)
                .select(Thread::as_select())
                .first(conn)?;
            // A reply to a reply goes under the reply it answers.
            let parent = match parent {
                Some(id) => thread_replies::table
                    .filter(thread_replies::thread_id.eq(thread_id))
                    .filter(thread_replies::id.eq(id))
                    .select((thread_replies::id, thread_replies::parent_id))
                    .first::<(i64, Option<i64>)>(conn)
                    .optional()?
                    .map(|(id, up)| up.unwrap_or(id)),
                None => None,
            };
            let now = super::now();
            let public_id = uuid::Uuid::new_v4().to_string();
            diesel::insert_into(thread_replies::table)
                .values((
                    thread_replies::public_id.eq(&public_id),
                    thread_replies::thread_id.eq(thread_id),
                    thread_replies::parent_id.eq(parent),
                    thread_replies::author_id.eq(author_id),
                    thread_replies::body.eq(body),
                    thread_replies::official.eq(official.is_some()),
                    thread_replies::agency_id.eq(official),
                    thread_replies::created_at.eq(now),
                ))
                .execute(conn)?;
            if let Some(agency_id) = official {
                diesel::update(threads::table.find(thread_id))
                    .set((
                        threads::updated_at.eq(now),
                        threads::state.eq(ThreadState::Answered.as_str()),
                        threads::answered_at.eq(thread.answered_at.unwrap_or(now)),
                    ))
                    .execute(conn)?;
                event(
                    conn,
                    thread_id,
                    "answered",
                    Some(author_id),
                    (Some(agency_id), None),
                    "",
                )?;
                let agency = agency_public_id(conn, agency_id)?;
                Entry::append(
                    conn,
                    ledger::kind::THREAD_ANSWERED,
                    &subject(&thread.public_id),
                    thread.draft_id,
                    serde_json::json!({
                        "reply": public_id,
                        "agency": agency,
                        "body_sha256": sha256(body),
                    }),
                )?;
                let recipients = Follow::recipients(
                    conn,
                    &[
                        (crate::domain::thread::FollowKind::Thread, &thread.public_id),
                        (crate::domain::thread::FollowKind::Agency, &agency),
                    ],
                )?;
                Notice {
                    key: format!("thread-answer:{public_id}"),
                    link: subject(&thread.public_id),
                }
                .send(conn, &recipients, Some(author_id), compose)?;
            } else {
                diesel::update(threads::table.find(thread_id))
                    .set(threads::updated_at.eq(now))
                    .execute(conn)?;
            }
            Follow::ensure(
                conn,
                author_id,
                crate::domain::thread::FollowKind::Thread,
                &thread.public_id,
            )?;
            let thread = threads::table
                .find(thread_id)
                .select(Thread::as_select())
                .first(conn)?;
            Ok((thread, public_id))
        })
    }

    /// Sends the thread to `to_agency`, which receives it today: a new due
    /// date, and a history entry naming both agencies and the reason.
    pub fn forward(
        conn: &mut DbConnection,
        thread_id: i64,
        actor: i64,
        to_agency: i64,
        note: &str,
        received_on: NaiveDate,
        answer_days: u32,
    ) -> QueryResult<Thread> {
        crate::db::transaction(conn, |conn| {
            let thread: Thread = threads::table
                .find(thread_id)
                .select(Thread::as_select())
                .first(conn)?;
            let now = super::now();
            diesel::update(threads::table.find(thread_id))
                .set((
                    threads::agency_id.eq(to_agency),
                    threads::received_at.eq(now),
                    threads::due_on.eq(due_on(received_on, answer_days)),
                    threads::updated_at.eq(now),
                ))
                .execute(conn)?;
            event(
                conn,
                thread_id,
                "forwarded",
                Some(actor),
                (Some(thread.agency_id), Some(to_agency)),
                note,
            )?;
            let from = agency_public_id(conn, thread.agency_id)?;
            let to = agency_public_id(conn, to_agency)?;
            Entry::append(
                conn,
                ledger::kind::THREAD_FORWARDED,
                &subject(&thread.public_id),
                thread.draft_id,
                serde_json::json!({"from": from, "to": to, "note": note}),
            )?;
            threads::table
                .find(thread_id)
                .select(Thread::as_select())
                .first(conn)
        })
    }

    /// Closes or reopens the thread; recorded in its history and on the ledger.
    pub fn set_closed(
        conn: &mut DbConnection,
        thread_id: i64,
        actor: i64,
        closed: bool,
    ) -> QueryResult<()> {
        crate::db::transaction(conn, |conn| {
            let thread: Thread = threads::table
                .find(thread_id)
                .select(Thread::as_select())
                .first(conn)?;
            let now = super::now();
            let state = match (closed, thread.answered_at) {
                (true, _) => ThreadState::Closed,
                (false, Some(_)) => ThreadState::Answered,
                (false, None) => ThreadState::Open,
            };
            diesel::update(threads::table.find(thread_id))
                .set((
                    threads::state.eq(state.as_str()),
                    threads::closed_at.eq(closed.then_some(now)),
                    threads::updated_at.eq(now),
                ))
                .execute(conn)?;
            let kind = if closed { "closed" } else { "reopened" };
            event(conn, thread_id, kind, Some(actor), (None, None), "")?;
            Entry::append(
                conn,
                ledger::kind::THREAD_STATE,
                &subject(&thread.public_id),
                thread.draft_id,
                serde_json::json!({"state": state.as_str()}),
            )?;
            Ok(())
        })
    }

    /// Hides the thread (or one reply) with a public reason; it still counts.
    pub fn hide(
        conn: &mut DbConnection,
        thread_id: i64,
        reply_id: Option<i64>,
        moderator: i64,
        reason: &str,
    ) -> QueryResult<()> {
        crate::db::transaction(conn, |conn| {
            let thread: Thread = threads::table
                .find(thread_id)
                .select(Thread::as_select())
                .first(conn)?;
            let target = match reply_id {
                Some(id) => {
                    let (public_id,): (String,) = thread_replies::table
                        .filter(thread_replies::thread_id.eq(thread_id))
                        .filter(thread_replies::id.eq(id))
                        .select((thread_replies::public_id,))
                        .first(conn)?;
                    diesel::update(thread_replies::table.find(id))
                        .set((
                            thread_replies::hidden_reason.eq(reason),
                            thread_replies::hidden_by.eq(moderator),
                        ))
                        .execute(conn)?;
                    public_id
                }
                None => {
                    diesel::update(threads::table.find(thread_id))
                        .set((
                            threads::hidden_reason.eq(reason),
                            threads::hidden_by.eq(moderator),
                        ))
                        .execute(conn)?;
                    thread.public_id.clone()
                }
            };
            event(
                conn,
                thread_id,
                "hidden",
                Some(moderator),
                (None, None),
                reason,
            )?;
            Entry::append(
                conn,
                ledger::kind::THREAD_HIDDEN,
                &subject(&thread.public_id),
                thread.draft_id,
                serde_json::json!({"target": target, "reason": reason}),
            )?;
            Ok(())
        })
    }

    /// Threads matching `filter`, newest first, after the id `before` (keyset).
    pub fn list(
        conn: &mut DbConnection,
        filter: &ThreadFilter,
        before: Option<i64>,
        limit: i64,
    ) -> QueryResult<Vec<ThreadRow>> {
        let mut query = threads::table
            .inner_join(agencies::table)
            .select((
                threads::id,
                threads::public_id,
                threads::kind,
                threads::title,
                threads::state,
                threads::field,
                threads::due_on,
                threads::created_at,
                threads::answered_at,
                threads::hidden_reason,
                threads::author_kind,
                threads::organisation_name,
                agencies::name,
                agencies::public_id,
            ))
            .order(threads::id.desc())
            .limit(limit)
            .into_boxed();
        if let Some(id) = filter.agency_id {
            query = query.filter(threads::agency_id.eq(id));
        }
        if let Some(state) = filter.state {
            query = query.filter(threads::state.eq(state.as_str()));
        }
        if let Some(kind) = filter.kind {
            query = query.filter(threads::kind.eq(kind.as_str()));
        }
        if let Some(field) = &filter.field {
            query = query.filter(threads::field.eq(field.clone()));
        }
        if let Some(today) = filter.overdue_on {
            query = query
                .filter(threads::state.eq(ThreadState::Open.as_str()))
                .filter(threads::due_on.lt(today));
        }
        if let Some(id) = filter.draft_id {
            query = query.filter(threads::draft_id.eq(id));
        }
        if let Some(id) = filter.session_id {
            query = query.filter(threads::session_id.eq(id));
        }
        if !filter.words.is_empty() {
            // Words never find what a moderator hid.
            query = query.filter(threads::hidden_reason.is_null());
        }
        for word in &filter.words {
            query = query.filter(threads::search_text.like(format!("%{}%", escape_like(word))));
        }
        if let Some(id) = before {
            query = query.filter(threads::id.lt(id));
        }
        query.load(conn)
    }

    /// Moves a thread's opening back to `at` (demo data): it was received
    /// then and is due `answer_days` later.
    pub fn backdate(
        conn: &mut DbConnection,
        thread_id: i64,
        at: NaiveDateTime,
        answer_days: u32,
    ) -> QueryResult<()> {
        let received_on = crate::domain::draft::local_date(at.and_utc());
        diesel::update(threads::table.find(thread_id))
            .set((
                threads::created_at.eq(at),
                threads::received_at.eq(at),
                threads::updated_at.eq(at),
                threads::due_on.eq(due_on(received_on, answer_days)),
            ))
            .execute(conn)?;
        diesel::update(thread_events::table.filter(thread_events::thread_id.eq(thread_id)))
            .set(thread_events::created_at.eq(at))
            .execute(conn)
            .map(|_| ())
    }

    /// The fields threads were filed under, for the filter.
    pub fn fields(conn: &mut DbConnection) -> QueryResult<Vec<String>> {
        threads::table
            .filter(threads::field.ne(""))
            .select(threads::field)
            .distinct()
            .order(threads::field)
            .load(conn)
    }

    /// Open threads past their due date on `today`, per agency id.
    pub fn overdue_by_agency(
        conn: &mut DbConnection,
        today: NaiveDate,
    ) -> QueryResult<Vec<(i64, i64)>> {
        threads::table
            .filter(threads::state.eq(ThreadState::Open.as_str()))
            .filter(threads::due_on.lt(today))
            .group_by(threads::agency_id)
            .select((threads::agency_id, diesel::dsl::count_star()))
            .load(conn)
    }

    /// The row id of the reply `public_id` of thread `thread_id`.
    pub fn reply_id(conn: &mut DbConnection, thread_id: i64, public_id: &str) -> QueryResult<i64> {
        thread_replies::table
            .filter(thread_replies::thread_id.eq(thread_id))
            .filter(thread_replies::public_id.eq(public_id))
            .select(thread_replies::id)
            .first(conn)
    }

    /// Records a report of the thread (or of one of its replies); nothing
    /// is hidden by it.
    pub fn report(
        conn: &mut DbConnection,
        thread_id: i64,
        reply_id: Option<i64>,
        reason: &str,
        reporter: Option<i64>,
    ) -> QueryResult<()> {
        diesel::insert_into(thread_reports::table)
            .values((
                thread_reports::thread_id.eq(thread_id),
                thread_reports::reply_id.eq(reply_id),
                thread_reports::reason.eq(reason),
                thread_reports::reporter_id.eq(reporter),
                thread_reports::created_at.eq(super::now()),
            ))
            .execute(conn)
            .map(|_| ())
    }

    /// Threads with reports that are still visible, most reported first:
    /// public id, title, number of reports, the latest reason.
    pub fn reported(conn: &mut DbConnection) -> QueryResult<Vec<Reported>> {
        let latest = diesel::alias!(thread_reports as latest);
        let rows: Vec<(String, String, i64, String)> = thread_reports::table
            .inner_join(threads::table)
            .filter(threads::hidden_reason.is_null())
            .group_by((threads::id, threads::public_id, threads::title))
            .select((
                threads::public_id,
                threads::title,
                diesel::dsl::count_star(),
                // The reason of the thread's newest report.
                latest
                    .filter(latest.field(thread_reports::thread_id).eq(threads::id))
                    .order(latest.field(thread_reports::id).desc())
                    .select(latest.field(thread_reports::reason))
                    .limit(1)
                    .single_value()
                    .assume_not_null(),
            ))
            .order(diesel::dsl::count_star().desc())
            .load(conn)?;
        Ok(rows
            .into_iter()
            .map(|(public_id, title, reports, reason)| Reported {
                public_id,
                title,
                reports,
                reason,
            })
            .collect())
    }

    /// The author's appeal against hiding `target` (the thread's or one of
    /// its replies' public id); false when there already is one.
    pub fn appeal(
        conn: &mut DbConnection,
        thread_id: i64,
        target: &str,
        body: &str,
    ) -> QueryResult<bool> {
        per_backend!(conn, |c| diesel::insert_into(thread_appeals::table)
            .values((
                thread_appeals::thread_id.eq(thread_id),
                thread_appeals::target.eq(target),
                thread_appeals::body.eq(body),
                thread_appeals::created_at.eq(super::now()),
            ))
            .on_conflict(thread_appeals::target)
            .do_nothing()
            .execute(c))
        .map(|n| n == 1)
    }

    /// Appeals waiting for a decision, oldest first: (appeal id, thread
    /// public id, title, the appeal, the public reason of the hiding).
    pub fn pending_appeals(conn: &mut DbConnection) -> QueryResult<Vec<PendingAppeal>> {
        thread_appeals::table
            .inner_join(threads::table)
            .filter(thread_appeals::decided_at.is_null())
            .order(thread_appeals::id)
            .select((
                thread_appeals::id,
                threads::public_id,
                threads::title,
                thread_appeals::target,
                thread_appeals::body,
            ))
            .load(conn)
    }

    /// Decides appeal `id`: by a moderator other than the one who hid it;
    /// `restore` shows the item again. Recorded in the history and on the
    /// ledger. `Ok(false)`: not this moderator's to decide, or decided.
    pub fn decide_appeal(
        conn: &mut DbConnection,
        id: i64,
        moderator: i64,
        restore: bool,
        note: &str,
    ) -> QueryResult<bool> {
        crate::db::transaction(conn, |conn| {
            let (thread_id, target): (i64, String) = thread_appeals::table
                .find(id)
                .filter(thread_appeals::decided_at.is_null())
                .select((thread_appeals::thread_id, thread_appeals::target))
                .first(conn)?;
            let thread: Thread = threads::table
                .find(thread_id)
                .select(Thread::as_select())
                .first(conn)?;
            let reply: Option<(i64, Option<i64>)> = thread_replies::table
                .filter(thread_replies::public_id.eq(&target))
                .select((thread_replies::id, thread_replies::hidden_by))
                .first(conn)
                .optional()?;
            let hidden_by = match reply {
                Some((_, by)) => by,
                None => thread.hidden_by,
            };
            if hidden_by == Some(moderator) {
                return Ok(false);
            }
            diesel::update(thread_appeals::table.find(id))
                .set((
                    thread_appeals::decided_by.eq(moderator),
                    thread_appeals::decided_at.eq(super::now()),
                    thread_appeals::restored.eq(restore),
                    thread_appeals::decision.eq(note),
                ))
                .execute(conn)?;
            if restore {
                match reply {
                    Some((reply_id, _)) => diesel::update(thread_replies::table.find(reply_id))
                        .set((
                            thread_replies::hidden_reason.eq(None::<String>),
                            thread_replies::hidden_by.eq(None::<i64>),
                        ))
                        .execute(conn)?,
                    None => diesel::update(threads::table.find(thread_id))
                        .set((
                            threads::hidden_reason.eq(None::<String>),
                            threads::hidden_by.eq(None::<i64>),
                        ))
                        .execute(conn)?,
                };
            }
            let kind = if restore { "restored" } else { "appeal_upheld" };
            event(conn, thread_id, kind, Some(moderator), (None, None), note)?;
            Entry::append(
                conn,
                ledger::kind::THREAD_APPEAL,
                &subject(&thread.public_id),
                thread.draft_id,
                serde_json::json!({"target": target, "restored": restore, "note": note}),
            )?;
            Ok(true)
        })
    }

    /// The files sent with a thread, in order.
    pub fn files(conn: &mut DbConnection, thread_id: i64) -> QueryResult<Vec<ThreadFile>> {
        thread_attachments::table
            .filter(thread_attachments::thread_id.eq(thread_id))
            .order(thread_attachments::position)
            .select(ThreadFile::as_select())
            .load(conn)
    }

    /// The private contact of a feedback (for the addressed agency only).
    pub fn contact(conn: &mut DbConnection, thread_id: i64) -> QueryResult<Option<Contact>> {
        thread_contacts::table
            .find(thread_id)
            .select((
                thread_contacts::full_name,
                thread_contacts::address,
                thread_contacts::phone,
            ))
            .first::<(String, String, String)>(conn)
            .optional()
            .map(|c| {
                c.map(|(full_name, address, phone)| Contact {
                    full_name,
                    address,
                    phone,
                })
            })
    }
}

/// A search word as a LIKE pattern piece: the pattern characters `%`, `_`
/// and `\` are dropped (folded text has no use for them).
fn escape_like(word: &str) -> String {
    word.chars()
        .filter(|c| !matches!(c, '%' | '_' | '\\'))
        .collect()
}

impl ThreadPage {
    /// The thread with `public_id`, its replies in order and its history.
    pub fn load(conn: &mut DbConnection, public_id: &str) -> QueryResult<ThreadPage> {
        let thread = Thread::find(conn, public_id)?;
        let (agency_name, agency_public_id): (String, String) = agencies::table
            .find(thread.agency_id)
            .select((agencies::name, agencies::public_id))
            .first(conn)?;
        let author_name: String = users::table
            .find(thread.author_id)
            .select(users::display_name)
            .first(conn)?;
        let draft = match thread.draft_id {
            Some(id) => Some(
                drafts::table
                    .find(id)
                    .select((drafts::slug, drafts::title))
                    .first(conn)?,
            ),
            None => None,
        };
        let replies = thread_replies::table
            .inner_join(users::table)
            .left_join(agencies::table.on(agencies::id.nullable().eq(thread_replies::agency_id)))
            .filter(thread_replies::thread_id.eq(thread.id))
            .order(thread_replies::id)
            .select((
                thread_replies::id,
                thread_replies::public_id,
                thread_replies::parent_id,
                thread_replies::body,
                thread_replies::official,
                thread_replies::hidden_reason,
                thread_replies::created_at,
                users::display_name,
                users::id,
                agencies::name.nullable(),
            ))
            .load(conn)?;
        let rows: Vec<StoredEvent> = thread_events::table
            .filter(thread_events::thread_id.eq(thread.id))
            .order(thread_events::id)
            .select((
                thread_events::kind,
                thread_events::note,
                thread_events::created_at,
                thread_events::from_agency_id,
                thread_events::to_agency_id,
            ))
            .load(conn)?;
        // Agencies are few: their names once, for every entry.
        let names: std::collections::HashMap<i64, String> = agencies::table
            .select((agencies::id, agencies::name))
            .load::<(i64, String)>(conn)?
            .into_iter()
            .collect();
        let name = |id: Option<i64>| id.and_then(|id| names.get(&id).cloned());
        let events = rows
            .into_iter()
            .map(|e| EventRow {
                kind: e.kind,
                note: e.note,
                created_at: e.created_at,
                from_agency: name(e.from_agency_id),
                to_agency: name(e.to_agency_id),
            })
            .collect();
        Ok(ThreadPage {
            thread,
            agency_name,
            agency_public_id,
            author_name,
            draft,
            replies,
            events,
        })
    }
}
