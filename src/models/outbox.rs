//! The `outbox` table: e-mails are written here in the same transaction as
//! the event that causes them, then sent by the worker (`crate::mail::worker`).

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::outbox;

/// An e-mail to queue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMail {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// A queued e-mail as stored.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = outbox)]
pub struct OutboxMail {
    pub id: i64,
    pub to_address: String,
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
    pub created_at: NaiveDateTime,
    pub attempts: i32,
    pub next_attempt_at: NaiveDateTime,
    pub claimed_by: Option<String>,
    pub claimed_until: Option<NaiveDateTime>,
    pub sent_at: Option<NaiveDateTime>,
    pub last_error: Option<String>,
}

impl NewMail {
    /// Queues the e-mail; call inside the transaction of its cause.
    pub fn enqueue(&self, conn: &mut DbConnection) -> QueryResult<()> {
        let now = super::now();
        diesel::insert_into(outbox::table)
            .values((
                outbox::to_address.eq(&self.to),
                outbox::subject.eq(&self.subject),
                outbox::body_text.eq(&self.text),
                outbox::body_html.eq(&self.html),
                outbox::created_at.eq(now),
                outbox::next_attempt_at.eq(now),
            ))
            .execute(conn)
            .map(|_| ())
    }
}

impl OutboxMail {
    /// Claims up to `limit` due e-mails for `node` until `now + lease`. Each row
    /// is claimed by a conditional update, so two nodes never hold the same row.
    pub fn claim(
        conn: &mut DbConnection,
        node: &str,
        lease: Duration,
        limit: i64,
    ) -> QueryResult<Vec<OutboxMail>> {
        let now = super::now();
        let due = outbox::sent_at
            .is_null()
            .and(outbox::next_attempt_at.le(now))
            .and(
                outbox::claimed_until
                    .is_null()
                    .or(outbox::claimed_until.lt(now)),
            );
        let candidates: Vec<i64> = outbox::table
            .filter(due)
            .order(outbox::id.asc())
            .limit(limit)
            .select(outbox::id)
            .load(conn)?;
        let mut claimed = Vec::new();
        for id in candidates {
            let won = diesel::update(outbox::table.find(id).filter(due))
                .set((
                    outbox::claimed_by.eq(node),
                    outbox::claimed_until.eq(now + lease),
                ))
                .execute(conn)?;
            if won == 1 {
                claimed.push(id);
            }
        }
        if claimed.is_empty() {
            return Ok(Vec::new());
        }
        outbox::table
            .filter(outbox::id.eq_any(claimed))
            .order(outbox::id.asc())
            .select(OutboxMail::as_select())
            .load(conn)
    }

    /// Records that the e-mail went out.
    pub fn mark_sent(conn: &mut DbConnection, id: i64, node: &str) -> QueryResult<()> {
        diesel::update(outbox::table.find(id).filter(outbox::claimed_by.eq(node)))
            .set((
                outbox::sent_at.eq(super::now()),
                outbox::claimed_until.eq(None::<NaiveDateTime>),
                outbox::attempts.eq(outbox::attempts + 1),
                outbox::last_error.eq(None::<String>),
            ))
            .execute(conn)
            .map(|_| ())
    }

    /// Records a failed attempt; the next one waits `retry_in`.
    pub fn mark_failed(
        conn: &mut DbConnection,
        id: i64,
        node: &str,
        error: &str,
        retry_in: Duration,
    ) -> QueryResult<()> {
        let error: String = error.chars().take(1000).collect();
        diesel::update(outbox::table.find(id).filter(outbox::claimed_by.eq(node)))
            .set((
                outbox::attempts.eq(outbox::attempts + 1),
                outbox::next_attempt_at.eq(super::now() + retry_in),
                outbox::claimed_until.eq(None::<NaiveDateTime>),
                outbox::last_error.eq(Some(error)),
            ))
            .execute(conn)
            .map(|_| ())
    }

    /// How many e-mails are not sent yet.
    pub fn pending(conn: &mut DbConnection) -> QueryResult<i64> {
        outbox::table
            .filter(outbox::sent_at.is_null())
            .count()
            .get_result(conn)
    }
}
