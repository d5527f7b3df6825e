//! Business dialogue sessions: scheduled by an agency, with registration,
//! questions collected beforehand as threads, and minutes published after,
//! linked to the questions they answered.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::{
    agencies, dialogue_sessions, session_answers, session_registrations, thread_events, threads,
    users,
};
use crate::domain::thread::ThreadState;

use super::ledger::{self, Entry};

/// A dialogue session as stored.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = dialogue_sessions)]
pub struct DialogueSession {
    pub id: i64,
    pub public_id: String,
    pub agency_id: i64,
    pub title: String,
    pub starts_at: NaiveDateTime,
    pub place: String,
    pub online_url: String,
    pub agenda: String,
    pub capacity: Option<i32>,
    pub minutes: Option<String>,
    pub minutes_published_at: Option<NaiveDateTime>,
    pub created_by: i64,
    pub created_at: NaiveDateTime,
}

/// A session to schedule.
#[derive(Debug, Clone)]
pub struct NewSession {
    pub agency_id: i64,
    pub title: String,
    pub starts_at: NaiveDateTime,
    pub place: String,
    pub online_url: String,
    pub agenda: String,
    pub capacity: Option<i32>,
    pub created_by: i64,
}

/// What a registration led to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Registration {
    Registered,
    AlreadyRegistered,
    Full,
}

/// A registered participant (shown to the agency only).
#[derive(Debug, Clone, Queryable, serde::Serialize)]
pub struct Participant {
    pub name: String,
    pub email: String,
    pub organisation_name: String,
}

fn subject(public_id: &str) -> String {
    format!("/dialogues/{public_id}")
}

impl NewSession {
    /// Schedules the session and records it on the ledger.
    pub fn insert(&self, conn: &mut DbConnection) -> QueryResult<DialogueSession> {
        crate::db::transaction(conn, |conn| {
            let public_id = uuid::Uuid::new_v4().to_string();
            diesel::insert_into(dialogue_sessions::table)
                .values((
                    dialogue_sessions::public_id.eq(&public_id),
                    dialogue_sessions::agency_id.eq(self.agency_id),
                    dialogue_sessions::title.eq(&self.title),
                    dialogue_sessions::starts_at.eq(self.starts_at),
                    dialogue_sessions::place.eq(&self.place),
                    dialogue_sessions::online_url.eq(&self.online_url),
                    dialogue_sessions::agenda.eq(&self.agenda),
                    dialogue_sessions::capacity.eq(self.capacity),
                    dialogue_sessions::created_by.eq(self.created_by),
                    dialogue_sessions::created_at.eq(super::now()),
                ))
                .execute(conn)?;
            let agency: String = agencies::table
                .find(self.agency_id)
                .select(agencies::public_id)
                .first(conn)?;
            Entry::append(
                conn,
                ledger::kind::SESSION_SCHEDULED,
                &subject(&public_id),
                None,
                serde_json::json!({
                    "agency": agency,
                    "title": self.title,
                    "starts_at": self.starts_at.and_utc().to_rfc3339(),
                }),
            )?;
            DialogueSession::find(conn, &public_id)
        })
    }
}

impl DialogueSession {
    /// The session with `public_id`.
    pub fn find(conn: &mut DbConnection, public_id: &str) -> QueryResult<DialogueSession> {
        dialogue_sessions::table
            .filter(dialogue_sessions::public_id.eq(public_id))
            .select(DialogueSession::as_select())
            .first(conn)
    }

    /// Every session with its agency's name, latest first.
    pub fn all(conn: &mut DbConnection) -> QueryResult<Vec<(DialogueSession, String)>> {
        dialogue_sessions::table
            .inner_join(agencies::table.on(agencies::id.eq(dialogue_sessions::agency_id)))
            .order(dialogue_sessions::starts_at.desc())
            .select((DialogueSession::as_select(), agencies::name))
            .load(conn)
    }

    /// How many have registered.
    pub fn registered(conn: &mut DbConnection, session_id: i64) -> QueryResult<i64> {
        session_registrations::table
            .filter(session_registrations::session_id.eq(session_id))
            .count()
            .get_result(conn)
    }

    /// Whether `user_id` has registered.
    pub fn is_registered(
        conn: &mut DbConnection,
        session_id: i64,
        user_id: i64,
    ) -> QueryResult<bool> {
        diesel::select(diesel::dsl::exists(
            session_registrations::table
                .filter(session_registrations::session_id.eq(session_id))
                .filter(session_registrations::user_id.eq(user_id)),
        ))
        .get_result(conn)
    }

    /// Registers `user_id` unless the session is full or they already are.
    /// The count and the insert are in one write transaction, so two
    /// registrations for the last seat can't both succeed.
    pub fn register(
        conn: &mut DbConnection,
        session: &DialogueSession,
        user_id: i64,
        organisation_name: &str,
    ) -> QueryResult<Registration> {
        crate::db::transaction(conn, |conn| {
            // Take the session row first: registrations for it wait here.
            diesel::update(dialogue_sessions::table.find(session.id))
                .set(dialogue_sessions::capacity.eq(dialogue_sessions::capacity))
                .execute(conn)?;
            if DialogueSession::is_registered(conn, session.id, user_id)? {
                return Ok(Registration::AlreadyRegistered);
            }
            if let Some(capacity) = session.capacity
                && DialogueSession::registered(conn, session.id)? >= i64::from(capacity)
            {
                return Ok(Registration::Full);
            }
            diesel::insert_into(session_registrations::table)
                .values((
                    session_registrations::session_id.eq(session.id),
                    session_registrations::user_id.eq(user_id),
                    session_registrations::organisation_name.eq(organisation_name),
                    session_registrations::created_at.eq(super::now()),
                ))
                .execute(conn)?;
            Ok(Registration::Registered)
        })
    }

    /// Who registered, in order (for the agency).
    pub fn participants(conn: &mut DbConnection, session_id: i64) -> QueryResult<Vec<Participant>> {
        session_registrations::table
            .inner_join(users::table)
            .filter(session_registrations::session_id.eq(session_id))
            .order(session_registrations::id)
            .select((
                users::display_name,
                users::email,
                session_registrations::organisation_name,
            ))
            .load(conn)
    }

    /// Publishes the minutes, naming the questions (public ids of threads of
    /// this session; others are ignored) answered at it: those are marked
    /// answered, in their history and on the ledger. Minutes are published once.
    pub fn publish_minutes(
        conn: &mut DbConnection,
        session_id: i64,
        actor: i64,
        minutes: &str,
        answered: &[String],
    ) -> QueryResult<bool> {
        crate::db::transaction(conn, |conn| {
            let now = super::now();
            let updated = diesel::update(
                dialogue_sessions::table
                    .find(session_id)
                    .filter(dialogue_sessions::minutes_published_at.is_null()),
            )
            .set((
                dialogue_sessions::minutes.eq(minutes),
                dialogue_sessions::minutes_published_at.eq(now),
            ))
            .execute(conn)?;
            if updated == 0 {
                return Ok(false);
            }
            let questions: Vec<(i64, String)> = threads::table
                .filter(threads::session_id.eq(session_id))
                .filter(threads::public_id.eq_any(answered))
                .select((threads::id, threads::public_id))
                .load(conn)?;
            for (thread_id, _) in &questions {
                diesel::insert_into(session_answers::table)
                    .values((
                        session_answers::session_id.eq(session_id),
                        session_answers::thread_id.eq(thread_id),
                    ))
                    .execute(conn)?;
                diesel::update(
                    threads::table
                        .find(thread_id)
                        .filter(threads::state.eq(ThreadState::Open.as_str())),
                )
                .set((
                    threads::state.eq(ThreadState::Answered.as_str()),
                    threads::answered_at.eq(now),
                    threads::updated_at.eq(now),
                ))
                .execute(conn)?;
                diesel::insert_into(thread_events::table)
                    .values((
                        thread_events::thread_id.eq(thread_id),
                        thread_events::kind.eq("answered_in_session"),
                        thread_events::actor_id.eq(actor),
                        thread_events::note.eq(""),
                        thread_events::created_at.eq(now),
                    ))
                    .execute(conn)?;
            }
            let public_id: String = dialogue_sessions::table
                .find(session_id)
                .select(dialogue_sessions::public_id)
                .first(conn)?;
            Entry::append(
                conn,
                ledger::kind::SESSION_MINUTES,
                &subject(&public_id),
                None,
                serde_json::json!({
                    "minutes_sha256": crate::storage::Storage::hash(minutes.as_bytes()),
                    "answered": questions.iter().map(|(_, p)| p).collect::<Vec<_>>(),
                }),
            )?;
            Ok(true)
        })
    }

    /// The questions the minutes name as answered: public id and title.
    pub fn answered(
        conn: &mut DbConnection,
        session_id: i64,
    ) -> QueryResult<Vec<(String, String)>> {
        session_answers::table
            .inner_join(threads::table)
            .filter(session_answers::session_id.eq(session_id))
            .order(threads::id)
            .select((threads::public_id, threads::title))
            .load(conn)
    }
}
